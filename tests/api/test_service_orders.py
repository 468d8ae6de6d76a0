"""Service offers and orders (docs/api.md "Services: offers and orders";
the policies' "services" section).

The catalogue as 巴中's policy file states it; providers' offers with a
price history any date answers; a family account linking its parent with
the ID number and name (one neutral answer for every mismatch); an order
placed, accepted, scheduled, checked in and out by the provider and rated
by the family, every refusal of an impossible step (409 on "status"), the
scopes (another family, another operator, a visitor of other villages are
told nothing), a refused payment leaving nothing behind, the use report,
and the money of random orders against quantity × price computed here.

Regions: two townships of 巴州区 made here (甲 with villages 甲一, 甲二; 乙
with 乙一); 恩阳区 511903000000 is outside the operator's county.
"""

import json
import os
import random
import threading
from datetime import date, datetime, timedelta, timezone

import harness
from harness import ApiTestCase, childcare_body, facility_body, login_as
from idnumbers import Issuer

HERE = os.path.dirname(os.path.abspath(__file__))
POLICY = os.path.join(HERE, "..", "..", "policies", "511900000000-bazhong.json")
BAZHOU, ENYANG = "511902000000", "511903000000"
TOWN_A, TOWN_B = "511902711000", "511902712000"
VIL_A1, VIL_A2, VIL_B1 = "511902711001", "511902711002", "511902712001"
PASSWORD = "correct horse battery"
S = "/api/v1/services"
ORDERS = S + "/orders"
ISSUER = Issuer(("511902",), "137", 33557799, 1000000)
UNIT_ZH = {"visit": "次", "meal": "餐", "hour": "小时", "day": "天", "month": "月"}

with open(POLICY, encoding="utf-8") as _f:
    SECTION = json.load(_f)["services"]
ITEMS = {i["code"]: i for i in SECTION["items"]}


def tearDownModule():
    harness.stop_module_server(__name__)


def utc(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


class ServiceOrderTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_region(TOWN_A, "服务甲镇", "township", BAZHOU)
        a.create_region(TOWN_B, "服务乙镇", "township", BAZHOU)
        a.create_region(VIL_A1, "服务甲一村", "village", TOWN_A)
        a.create_region(VIL_A2, "服务甲二村", "village", TOWN_A)
        a.create_region(VIL_B1, "服务乙一村", "village", TOWN_B)
        cls.ids = {}
        cls.mother = cls.person(VIL_A1, "王秀英", date(1948, 5, 2))
        cls.father = cls.person(VIL_A1, "李国强", date(1946, 1, 9))
        cls.other = cls.person(VIL_B1, "张乙", date(1950, 3, 3))
        cls.far = cls.person(VIL_A2, "赵甲二", date(1944, 7, 7))
        cls.baby = cls.person(VIL_A1, "王小宝", date.today() - timedelta(days=400),
                              kind="infant")
        cls.home = a.create_facility(facility_body(BAZHOU, name="服务养老院"))
        cls.home2 = a.create_facility(facility_body(BAZHOU, name="另一养老院"))
        cls.nursery = a.create_facility(childcare_body(BAZHOU, name="服务托育园"))
        users = {
            "s_family": ("family", BAZHOU, {}),
            "s_family2": ("family", BAZHOU, {}),
            "s_op": ("operator", BAZHOU, {"facilities": [cls.home["id"], cls.nursery["id"]]}),
            "s_op2": ("operator", BAZHOU, {"facilities": [cls.home2["id"]]}),
            "s_visitor_a": ("visitor", TOWN_A, {"areas": [VIL_A1]}),
            "s_visitor_b": ("visitor", TOWN_B, {"areas": [VIL_B1]}),
            "s_county": ("county_official", BAZHOU, {}),
            "s_enyang": ("county_official", ENYANG, {}),
            "s_readonly": ("readonly", BAZHOU, {}),
            "s_town_a": ("township_official", TOWN_A, {}),
        }
        cls.c = {}
        for name, (role, region, extra) in users.items():
            a.create_user(name, role, region, **extra)
            cls.c[name] = login_as(cls.server, name, PASSWORD)
        # prices in force today: 甲镇 served by both homes, 乙一村 by one
        cls.offer = cls.add_offer("s_op", cls.home["id"], "meal", 1200, TOWN_A, "2026-01-01")
        cls.add_offer("s_op2", cls.home2["id"], "meal", 1500, TOWN_A, "2026-01-01")
        cls.add_offer("s_op", cls.home["id"], "clean", 4000, BAZHOU, "2026-01-01")
        cls.add_offer("s_op", cls.home["id"], "bath", 5000, VIL_A1, "2026-01-01")
        cls.add_offer("s_op", cls.nursery["id"], "infant_hourly", 3000, TOWN_A, "2026-01-01")
        r = cls.c["s_family"].post(S + "/links", {"id_number": cls.ids[cls.mother["id"]],
                                                  "name": "王秀英", "relation": "子女"})
        assert r.status == 201, r.text

    @classmethod
    def person(cls, region, name, birth, kind="elderly"):
        idn = ISSUER.new_id(birth, area=region[:6])
        body = {"kind": kind, "name": name, "region": region, "id_number": idn}
        if kind == "infant":
            body["guardian_name"] = "王监护人"
        r = cls.admin.post("/api/v1/persons", body)
        assert r.status == 201, r.text
        cls.ids[r.json["id"]] = idn
        return r.json

    @classmethod
    def add_offer(cls, who, facility, item, price, area, since):
        r = cls.c[who].post(S + "/offers", {"facility_id": facility, "item": item,
                                            "price_fen": price, "area": area,
                                            "valid_from": since})
        assert r.status == 201, r.text
        return r.json

    def place(self, who="s_family", status=201, **over):
        body = {"person_id": self.mother["id"], "item": "meal", "quantity": 2,
                "wanted_at": "2026-12-20T11:30"}
        body.update(over)
        r = self.c[who].post(ORDERS, body)
        self.assertEqual(r.status, status, r.text)
        return r

    def step(self, who, oid, step, body=None, status=200, field=None):
        r = self.c[who].post("%s/%d/%s" % (ORDERS, oid, step), body or {})
        if status >= 400:
            self.assertError(r, status, field, "%s as %s" % (step, who))
        else:
            self.assertEqual(r.status, status, "%s as %s: %s" % (step, who, r.text))
        return r

    def counts(self):
        db = self.server.db
        return tuple(harness.db_rows(db, "SELECT count(*) FROM %s" % t)[0][0]
                     for t in ("service_order", "service_order_step", "service_payment"))

    # ------------------------------------------------------------------

    def test_catalogue_is_the_policy_files(self):
        for who in self.c:
            r = self.c[who].get(S + "/catalogue", params={"region": BAZHOU}
                                if who not in ("s_visitor_a", "s_visitor_b", "s_town_a", "s_enyang")
                                else {})
            self.assertEqual(r.status, 200, "%s: %s" % (who, r.text))
        cat = self.c["s_family"].get(S + "/catalogue").json
        self.assertEqual([i["code"] for i in cat["items"]], list(ITEMS))
        for i in cat["items"]:
            want = ITEMS[i["code"]]
            self.assertEqual((i["name"], i["unit"], i["unit_label"], i["for"], i["category"]),
                             (want["name"], want["unit"], UNIT_ZH[want["unit"]], want["for"],
                              want["category"]))
            if want["for"] == "elderly":
                self.assertIn("%d周岁以上" % want["who"]["min_age"], i["who_zh"])
        self.assertEqual([b["content"] for b in cat["basic_list"]],
                         [b["content"] for b in SECTION["basic_list"]])
        self.assertError(self.c["s_county"].get(S + "/catalogue", params={"region": ENYANG}), 404)

    def test_offers_refusals_and_price_history(self):
        op = self.c["s_op"]
        base = {"facility_id": self.home["id"], "item": "comfort", "price_fen": 2000,
                "area": VIL_A2, "valid_from": "2025-01-01"}

        def bad(status, field, **over):
            b = dict(base)
            b.update(over)
            self.assertError(op.post(S + "/offers", b), status, field, json.dumps(over))

        bad(422, "item", item="no_such_item")
        bad(422, "item", item="infant_fullday")
        bad(422, "price_fen", price_fen=-1)
        bad(422, "price_fen", price_fen="20")
        bad(403, "area", area=ENYANG)
        bad(422, "area", area="123")
        bad(404, "facility_id", facility_id=self.home2["id"])
        bad(422, "valid_from", valid_from="2025-02-30")
        # one price a day: the same start twice is refused
        dup = op.post(S + "/offers", dict(base, item="health_advice", valid_from="2024-05-01"))
        self.assertEqual(dup.status, 201, dup.text)
        self.assertError(op.post(S + "/offers", dict(base, item="health_advice",
                                                      valid_from="2024-05-01")),
                         409, "valid_from")
        b = dict(base, facility_id=self.nursery["id"])
        self.assertError(op.post(S + "/offers", b), 422, "item", "elderly item by a nursery")
        self.assertError(self.c["s_family"].post(S + "/offers", base), 403)
        self.assertError(self.c["s_readonly"].post(S + "/offers", base), 403)

        first = op.post(S + "/offers", base)
        self.assertEqual(first.status, 201, first.text)
        second = op.post(S + "/offers", dict(base, price_fen=2600, valid_from="2025-07-01"))
        self.assertEqual(second.status, 201, second.text)
        # a price before the last one's start is refused: history is added at its end
        self.assertError(op.post(S + "/offers", dict(base, valid_from="2025-03-01")),
                         409, "valid_from")

        def price_on(day):
            r = self.c["s_family"].get(S + "/offers", params={
                "facility": str(self.home["id"]), "item": "comfort", "area": VIL_A2, "on": day})
            self.assertEqual(r.status, 200, r.text)
            return [o["price_fen"] for o in r.json["items"]]

        self.assertEqual(price_on("2024-12-31"), [])
        self.assertEqual(price_on("2025-01-01"), [2000])
        self.assertEqual(price_on("2025-06-30"), [2000])
        self.assertEqual(price_on("2025-07-01"), [2600])
        self.assertEqual(price_on("2026-12-01"), [2600])
        hist = self.c["s_county"].get(S + "/offers", params={
            "facility": str(self.home["id"]), "item": "comfort"}).json["items"]
        self.assertEqual([(o["valid_from"], o["valid_to"], o["price_fen"]) for o in hist],
                         [("2025-01-01", "2025-06-30", 2000), ("2025-07-01", None, 2600)])
        self.assertEqual(hist[0]["item_name"], "精神慰藉")
        self.assertEqual(hist[0]["unit_label"], "小时")
        # the providers serving a village today, with their prices
        serving = self.c["s_family"].get(S + "/offers", params={"serves": VIL_A1,
                                                                "item": "meal"}).json["items"]
        self.assertEqual(sorted((o["facility_name"], o["price_fen"]) for o in serving),
                         [("另一养老院", 1500), ("服务养老院", 1200)])

    def test_link_matches_the_registry_and_says_nothing_more(self):
        fam = self.c["s_family2"]
        idn = self.ids[self.father["id"]]
        wrong_name = fam.post(S + "/links", {"id_number": idn, "name": "李国", "relation": "子女"})
        unknown = fam.post(S + "/links", {"id_number": ISSUER.new_id(date(1950, 1, 1)),
                                          "name": "李国强", "relation": "子女"})
        for r in (wrong_name, unknown):
            self.assertError(r, 422, "id_number")
        self.assertEqual(wrong_name.json["error"]["message"], unknown.json["error"]["message"])
        self.assertError(fam.post(S + "/links", {"id_number": idn, "name": "李国强",
                                                 "relation": "朋友"}), 422, "relation")
        self.assertError(self.c["s_county"].post(S + "/links", {
            "id_number": idn, "name": "李国强", "relation": "子女"}), 403)
        r = fam.post(S + "/links", {"id_number": idn.lower(), "name": "李国强",
                                    "relation": "子女"})
        self.assertEqual(r.status, 201, r.text)
        self.assertEqual(r.json["person_id"], self.father["id"])
        self.assertEqual(r.json["id_masked"], idn[:6] + "*" * 8 + idn[-4:])
        self.assertNotIn(idn, r.text)
        self.assertError(fam.post(S + "/links", {"id_number": idn, "name": "李国强",
                                                 "relation": "子女"}), 409, "id_number")
        links = fam.get(S + "/links").json["items"]
        self.assertEqual([(l["name"], l["relation"]) for l in links], [("李国强", "子女")])
        self.assertNotIn(idn, json.dumps(links))
        # the family sees only its linked persons' orders
        self.place("s_family2", status=404, person_id=self.mother["id"])
        r = self.place("s_family2", person_id=self.father["id"], item="bath", quantity=1)
        mine = fam.get(ORDERS).json["items"]
        self.assertEqual({o["person_id"] for o in mine}, {self.father["id"]})
        self.assertError(fam.get("%s/%d" % (ORDERS, self.place().json["id"])), 404)
        self.assertEqual(r.json["placed_as"], "family")
        self.assertEqual(fam.delete(S + "/links/%d" % self.father["id"]).status, 200)
        # a link removed ends what the account sees, its own orders included
        self.assertError(fam.get("%s/%d" % (ORDERS, r.json["id"])), 404)
        self.assertEqual(fam.get(ORDERS).json["items"], [])
        self.step("s_family2", r.json["id"], "cancel", {"reason": "x"}, status=404)

    def test_life_cycle_every_refusal_and_the_audit(self):
        before = self.counts()
        o = self.place().json
        oid = o["id"]
        self.assertEqual((o["status"], o["placed_as"], o["relation"]), ("placed", "family", "子女"))
        # the cheapest offer serving 甲一村 today: 服务养老院 at 12 yuan a meal
        self.assertEqual((o["facility_id"], o["unit_fen"], o["quantity"], o["total_fen"]),
                         (self.home["id"], 1200, 2, 2400))
        self.assertEqual(o["payments"], [{"source": "self", "amount_fen": 2400,
                                          "released": False}])
        self.assertEqual([s["step"] for s in o["steps"]], ["placed"])
        self.assertEqual(self.counts(), (before[0] + 1, before[1] + 1, before[2] + 1))

        # impossible steps: 409 on "status"
        self.step("s_op", oid, "finish", status=409, field="status")
        self.step("s_op", oid, "start", status=409, field="status")
        self.step("s_family", oid, "rate", {"rating": 5}, status=409, field="status")
        # steps of another side
        self.step("s_family", oid, "accept", status=403)
        self.step("s_county", oid, "accept", status=403)
        self.step("s_readonly", oid, "cancel", {"reason": "x"}, status=403)
        # told nothing: another operator, another family, a visitor elsewhere, another county
        self.step("s_op2", oid, "accept", status=404)
        for who in ("s_op2", "s_family2", "s_visitor_b", "s_enyang"):
            self.assertError(self.c[who].get("%s/%d" % (ORDERS, oid)), 404, what=who)
        for who in ("s_visitor_a", "s_county", "s_readonly", "s_town_a", "s_op"):
            self.assertEqual(self.c[who].get("%s/%d" % (ORDERS, oid)).status, 200, who)

        self.assertEqual(self.step("s_op", oid, "accept").json["status"], "accepted")
        self.step("s_op", oid, "accept", status=409, field="status")
        self.step("s_op", oid, "schedule", status=422, field="at")
        self.step("s_op", oid, "schedule", {"at": "2026-12-20 11:30"}, status=422, field="at")
        self.step("s_op", oid, "schedule", {"at": "2020-01-01T08:00:00Z"}, status=422, field="at")
        sch = self.step("s_op", oid, "schedule", {"at": "2030-12-20T03:30:00Z"}).json
        self.assertEqual((sch["status"], sch["scheduled_at"]), ("scheduled", "2030-12-20T03:30:00Z"))
        now = datetime.now(timezone.utc).replace(microsecond=0)
        self.step("s_op", oid, "start", {"at": utc(now + timedelta(hours=2))},
                  status=422, field="at")
        self.step("s_op", oid, "start", {"lat": "31.86"}, status=422, field="lon")
        self.step("s_op", oid, "start", {"lat": "91", "lon": "106.7"}, status=422, field="lat")
        self.step("s_op", oid, "start", {"lat": 31.8, "lon": "106.7"}, status=422, field="lat")
        started = self.step("s_op", oid, "start", {"lat": "31.8672", "lon": "106.7475"}).json
        self.assertEqual((started["status"], started["start_lat"], started["start_lon"]),
                         ("started", "31.8672", "106.7475"))
        self.step("s_op", oid, "start", status=409, field="status")
        # the family no longer cancels once the service started
        self.step("s_family", oid, "cancel", {"reason": "不需要了"}, status=409, field="status")
        self.step("s_family", oid, "rate", {"rating": 4}, status=409, field="status")
        self.step("s_op", oid, "finish", {"at": "2020-01-01T00:00:00Z"}, status=422, field="at")
        fin = self.step("s_op", oid, "finish", {"lat": "31.8673", "lon": "106.7476",
                                                "note": "已送餐两份"}).json
        self.assertEqual(fin["status"], "finished")
        self.assertGreaterEqual(fin["finished_at"], fin["started_at"])
        self.step("s_op", oid, "finish", status=409, field="status")
        self.step("s_op", oid, "cancel", {"reason": "x"}, status=409, field="status")
        self.step("s_family", oid, "rate", {"rating": 6}, status=422, field="rating")
        self.step("s_family", oid, "rate", {"rating": "5"}, status=422, field="rating")
        self.step("s_visitor_a", oid, "rate", {"rating": 5}, status=403)
        rated = self.step("s_family", oid, "rate", {"rating": 5, "note": "饭菜可口"}).json
        self.assertEqual((rated["status"], rated["rating"], rated["rating_note"]),
                         ("rated", 5, "饭菜可口"))
        self.step("s_family", oid, "rate", {"rating": 4}, status=409, field="status")
        self.assertEqual([(s["step"], s["by"]) for s in rated["steps"]],
                         [("placed", "s_family"), ("accepted", "s_op"), ("scheduled", "s_op"),
                          ("started", "s_op"), ("finished", "s_op"), ("rated", "s_family")])
        self.assertEqual(rated["steps"][4]["note"], "已送餐两份")

        r = self.admin.get("/api/v1/audit", params={"entity": "service_order",
                                                   "entity_id": str(oid)})
        self.assertEqual(r.status, 200, r.text)
        log = sorted(r.json["items"], key=lambda e: e["id"])
        self.assertEqual([(e["action"], e["user"]) for e in log],
                         [("create", "s_family"), ("accept", "s_op"), ("schedule", "s_op"),
                          ("start", "s_op"), ("finish", "s_op"), ("rate", "s_family")])
        self.assertEqual([(e["before"] or {}).get("status") for e in log],
                         [None, "placed", "accepted", "scheduled", "started", "finished"])
        for who in self.c:
            self.assertNotIn(self.ids[self.mother["id"]], self.c[who].get(ORDERS).text)

    def test_cancel_releases_and_stops_everything(self):
        oid = self.place().json["id"]
        self.step("s_family", oid, "cancel", status=422, field="reason")
        c = self.step("s_family", oid, "cancel", {"reason": "老人住院"}).json
        self.assertEqual((c["status"], c["cancel_reason"]), ("cancelled", "老人住院"))
        self.assertTrue(all(p["released"] for p in c["payments"]))
        for step, body in (("accept", {}), ("schedule", {"at": "2030-01-01T00:00:00Z"}),
                           ("start", {}), ("finish", {}), ("cancel", {"reason": "x"})):
            self.step("s_op", oid, step, body, status=409, field="status")
        self.step("s_family", oid, "rate", {"rating": 1}, status=409, field="status")
        # the provider cancels before it starts; an official after it started
        oid = self.place().json["id"]
        self.step("s_op", oid, "accept")
        self.assertEqual(self.step("s_op", oid, "cancel", {"reason": "人手不足"}).json["status"],
                         "cancelled")
        oid = self.place().json["id"]
        for s, b in (("accept", {}), ("schedule", {"at": "2030-01-01T00:00:00Z"}), ("start", {})):
            self.step("s_op", oid, s, b)
        self.step("s_op", oid, "cancel", {"reason": "x"}, status=409, field="status")
        self.step("s_enyang", oid, "cancel", {"reason": "x"}, status=404)
        self.assertEqual(self.step("s_county", oid, "cancel", {"reason": "服务纠纷"}).json["status"],
                         "cancelled")

    def test_placing_refusals_leave_nothing(self):
        before = self.counts()
        self.place(status=422, payments=[{"source": "entitlement", "amount_fen": 1000}])
        r = self.c["s_family"].post(ORDERS, {"person_id": self.mother["id"], "item": "meal",
                                             "payments": [{"source": "voucher", "voucher_id": 1}]})
        self.assertError(r, (403, 404, 409, 422), "payments[0]")
        r = self.c["s_family"].post(ORDERS, {"person_id": self.mother["id"], "item": "clean",
                                             "payments": [{"source": "timebank",
                                                           "account_id": 1, "minutes": 30}]})
        self.assertError(r, (403, 404, 409, 422), "payments[0]")
        self.assertEqual(self.counts(), before, "a refused draw leaves no order, step or payment")

        def bad(status, field, who="s_family", **over):
            body = {"person_id": self.mother["id"], "item": "meal"}
            body.update(over)
            self.assertError(self.c[who].post(ORDERS, body), status, field, json.dumps(over))

        bad(422, "payments[0].minutes", payments=[{"source": "timebank", "account_id": 1,
                                                   "minutes": 30}])
        bad(422, "payments[0].amount_fen", quantity=1,
            payments=[{"source": "entitlement", "amount_fen": 1201}])
        bad(422, "payments[1].source", payments=[{"source": "entitlement", "amount_fen": 1},
                                                 {"source": "entitlement", "amount_fen": 1}])
        bad(422, "payments[0].source", payments=[{"source": "cash"}])
        bad(422, "payments[0].amount_fen", payments=[{"source": "entitlement",
                                                      "amount_fen": -5}])
        bad(422, "item", item="no_such")
        bad(422, "item", item="infant_hourly")
        bad(422, "item", item="comfort")  # no provider serves 甲一村 with it
        bad(422, "quantity", quantity=0)
        bad(422, "quantity", quantity=10001)
        bad(422, "wanted_at", wanted_at="tomorrow")
        bad(422, "offer_id", offer_id=999999)
        bad(422, "person_id", person_id="1")
        bad(404, "person_id", person_id=self.other["id"])
        bad(404, "person_id", who="s_visitor_a", person_id=self.far["id"])
        bad(404, "person_id", who="s_enyang")
        bad(422, "zzz", zzz=1)
        self.assertError(self.c["s_op"].post(ORDERS, {"person_id": self.mother["id"],
                                                      "item": "meal"}), 403)
        self.assertError(self.c["s_readonly"].post(ORDERS, {"person_id": self.mother["id"],
                                                            "item": "meal"}), 403)
        self.assertEqual(self.counts(), before)
        # a visitor for a person of its village; an official in scope; an infant's item
        self.assertEqual(self.place("s_visitor_a").json["placed_as"], "visitor")
        self.assertEqual(self.place("s_town_a", person_id=self.far["id"]).json["placed_as"],
                         "official")
        baby = self.place("s_county", person_id=self.baby["id"], item="infant_hourly",
                          quantity=3).json
        self.assertEqual((baby["facility_id"], baby["total_fen"]), (self.nursery["id"], 9000))
        self.place("s_county", status=422, person_id=self.baby["id"], item="meal")

    def test_money_of_random_orders(self):
        """Random quantities and prices: total = quantity × price, and the
        person's own share is all of it (no other source paid)."""
        rnd = random.Random(1204)
        start = date(2024, 1, 1)
        for i in range(30):
            price = rnd.randrange(0, 200000)
            q = rnd.randrange(1, 10001) if i % 3 == 0 else rnd.randrange(1, 20)
            offer = self.add_offer("s_op", self.home["id"], "escort", price, VIL_A1,
                                   (start + timedelta(days=i)).isoformat())
            o = self.place("s_county", person_id=self.father["id"], item="escort",
                           quantity=q, offer_id=offer["id"]).json
            self.assertEqual((o["unit_fen"], o["quantity"], o["total_fen"]), (price, q, q * price))
            self.assertEqual([(p["source"], p["amount_fen"]) for p in o["payments"]],
                             [("self", q * price)])
        # the superseded offers are no longer orderable
        self.place("s_county", status=422, person_id=self.father["id"], item="escort",
                   offer_id=offer["id"] - 1)

    def test_lists_queue_and_use_report(self):
        month = date.today().strftime("%Y-%m")
        made = []
        for q in (1, 3):
            o = self.place("s_visitor_a", quantity=q, item="clean").json
            made.append(o)
        for s, b in (("accept", {}), ("schedule", {"at": "2030-01-01T00:00:00Z"}), ("start", {}),
                     ("finish", {})):
            self.step("s_op", made[0]["id"], s, b)
        county = self.c["s_county"].get(ORDERS, params={"item": "clean", "month": month}).json
        mine = [o for o in county["items"] if o["id"] in {m["id"] for m in made}]
        self.assertEqual(len(mine), 2)
        every = self.c["s_county"].get(ORDERS, params={"limit": "1000"}).json
        want = {}
        for o in every["items"]:
            want[o["status"]] = want.get(o["status"], 0) + 1
        self.assertEqual({k: v for k, v in every["counts"].items() if v}, want)
        self.assertEqual(every["total"], len(every["items"]))
        only = self.c["s_county"].get(ORDERS, params={"status": "finished", "limit": "1000"}).json
        self.assertTrue(all(o["status"] == "finished" for o in only["items"]))
        self.assertEqual(only["counts"], every["counts"], "counts ignore the status filter")
        self.assertError(self.c["s_county"].get(ORDERS, params={"status": "done"}), 400, "status")
        self.assertError(self.c["s_county"].get(ORDERS, params={"month": "2026-13"}), 400, "month")
        self.assertError(self.c["s_county"].get(ORDERS, params={"region": ENYANG}), 404)
        # the operators' lists hold only their facilities
        for who, fac in (("s_op", {self.home["id"], self.nursery["id"]}),
                         ("s_op2", {self.home2["id"]})):
            items = self.c[who].get(ORDERS, params={"limit": "1000"}).json["items"]
            self.assertTrue({o["facility_id"] for o in items} <= fac, who)
        queue = self.c["s_op"].get(S + "/queue").json
        self.assertTrue(all(o["status"] in ("placed", "accepted", "scheduled", "started")
                            for o in queue["items"]))
        self.assertIn(made[1]["id"], [o["id"] for o in queue["items"]])
        self.assertNotIn(made[0]["id"], [o["id"] for o in queue["items"]])
        # due today first: one wished for today, one for next year
        today = date.today().isoformat()
        later = self.place(item="bath", quantity=1, wanted_at="%d-01-01" % (date.today().year + 1)).json
        now = self.place(item="bath", quantity=1, wanted_at=today + "T08:00").json
        q = [o["id"] for o in self.c["s_op"].get(S + "/queue").json["items"]]
        self.assertLess(q.index(now["id"]), q.index(later["id"]))
        flags = {o["id"]: o["today"] for o in self.c["s_op"].get(S + "/queue").json["items"]}
        self.assertEqual((flags[now["id"]], flags[later["id"]]), (True, False))
        self.assertEqual(self.c["s_op"].get(S + "/queue").json["date"], today)
        other = self.c["s_op2"].get(S + "/queue").json["items"]
        self.assertTrue(all(o["facility_id"] == self.home2["id"] for o in other))
        self.assertNotIn(made[1]["id"], [o["id"] for o in other])
        # the use report: what finished this month in 甲镇, computed here from the list
        rep = self.c["s_county"].get(S + "/use", params={"region": TOWN_A, "month": month})
        self.assertEqual(rep.status, 200, rep.text)
        rep = rep.json
        done = [o for o in self.c["s_county"].get(ORDERS, params={
            "region": TOWN_A, "limit": "1000"}).json["items"]
            if o["status"] in ("finished", "rated") and o["finished_at"].startswith(month)]
        self.assertEqual(rep["totals"]["orders"], len(done))
        self.assertEqual(rep["totals"]["quantity"], sum(o["quantity"] for o in done))
        self.assertEqual(rep["totals"]["total_fen"], sum(o["total_fen"] for o in done))
        self.assertEqual(rep["totals"]["fen_by_source"]["self"], sum(o["total_fen"] for o in done))
        clean = [r for r in rep["rows"] if r["item"] == "clean" and r["region"] == VIL_A1]
        self.assertEqual(clean[0]["item_name"], "助洁")
        # the unit's code beside its Chinese label, as the policy file states it
        self.assertEqual((clean[0]["unit"], clean[0]["unit_label"]),
                         (ITEMS["clean"]["unit"], UNIT_ZH[ITEMS["clean"]["unit"]]))
        self.assertGreaterEqual(clean[0]["quantity"], 1)
        year = self.c["s_county"].get(S + "/use", params={"region": TOWN_A,
                                                         "year": month[:4]}).json
        self.assertEqual(year["totals"]["orders"], rep["totals"]["orders"])
        self.assertError(self.c["s_county"].get(S + "/use", params={"region": TOWN_A}), 400)
        self.assertError(self.c["s_family"].get(S + "/use", params={"month": month}), 403)

    def test_cli(self):
        db = self.server.db

        def cli(*args, ok=True):
            p = harness.run_cli(["service"] + list(args), db)
            if ok:
                self.assertEqual(p.returncode, 0, p.stderr.decode())
            return p

        self.assertIn("助餐", cli("catalogue", "--region", BAZHOU).stdout.decode())
        self.assertIn("12.00 元/餐", cli("offer", "list", "--serves", VIL_A1,
                                         "--item", "meal").stdout.decode())
        placed = json.loads(cli("order", "place", "--person", str(self.father["id"]),
                                "--item", "bath", "--json").stdout)
        oid = str(placed["id"])
        self.assertEqual((placed["placed_as"], placed["total_fen"]), ("official", 5000))
        # the provider's steps need the provider
        p = cli("order", "accept", oid, ok=False)
        self.assertNotEqual(p.returncode, 0)
        cli("order", "accept", oid, "--as", "s_op")
        cli("order", "schedule", oid, "--as", "s_op", "--at", "2030-05-01T01:00:00Z")
        cli("order", "start", oid, "--as", "s_op", "--lat", "31.86", "--lon", "106.74")
        out = cli("order", "finish", oid, "--as", "s_op", "--note", "已助浴").stdout.decode()
        self.assertIn("已完成", out)
        self.assertIn("已助浴", out)
        p = cli("order", "rate", oid, "--as", "s_op", "--rating", "5", ok=False)
        self.assertNotEqual(p.returncode, 0)
        shown = json.loads(cli("order", "show", oid, "--json").stdout)
        self.assertEqual(shown["status"], "finished")
        self.assertEqual(self.c["s_county"].get("%s/%s" % (ORDERS, oid)).json["status"],
                         "finished")
        use = cli("use", "--region", TOWN_A, "--year", shown["finished_at"][:4]).stdout.decode()
        self.assertIn("助浴", use)
        self.assertNotEqual(cli("order", "nonsense", oid, ok=False).returncode, 0)

    def test_the_person_orders_for_themselves_and_the_cli_unlinks(self):
        """An elderly person's own account links itself (本人) and places an
        order as "self"; the command line links and unlinks like the API."""
        db = self.server.db

        def cli(*args, ok=True):
            p = harness.run_cli(["service"] + list(args), db)
            if ok:
                self.assertEqual(p.returncode, 0, p.stderr.decode())
            return p

        self.admin.create_user("s_self", "family", BAZHOU)
        me = self.c["s_self"] = login_as(self.server, "s_self", PASSWORD)
        idn = self.ids[self.far["id"]]
        added = json.loads(cli("link", "add", "--as", "s_self", "--id-number", idn,
                               "--name", "赵甲二", "--relation", "本人", "--json").stdout)
        self.assertEqual((added["person_id"], added["relation"]), (self.far["id"], "本人"))
        self.assertNotIn(idn, json.dumps(added))
        o = me.post(ORDERS, {"person_id": self.far["id"], "item": "meal", "quantity": 1})
        self.assertEqual(o.status, 201, o.text)
        self.assertEqual((o.json["placed_as"], o.json["relation"]), ("self", "本人"))
        self.assertEqual((o.json["unit"], o.json["unit_label"]),
                         (ITEMS["meal"]["unit"], UNIT_ZH[ITEMS["meal"]["unit"]]))
        # the cheapest meal serving 甲二村 (甲镇's offers): 12 yuan
        self.assertEqual(o.json["total_fen"], 1200)
        self.step("s_self", o.json["id"], "cancel", {"reason": "改期"})
        # unlinking: a malformed id is the usage, another account's link is
        # not found and changes nothing, the account's own is removed
        self.assertNotEqual(cli("link", "remove", "x", "--as", "s_self", ok=False).returncode, 0)
        other = cli("link", "remove", str(self.far["id"]), "--as", "s_family", ok=False)
        self.assertNotEqual(other.returncode, 0)
        self.assertEqual([l["person_id"] for l in me.get(S + "/links").json["items"]],
                         [self.far["id"]])
        gone = json.loads(cli("link", "remove", str(self.far["id"]), "--as", "s_self",
                              "--json").stdout)
        self.assertEqual(gone, {"person_id": self.far["id"], "removed": True})
        self.assertEqual(me.get(S + "/links").json["items"], [])
        self.assertError(me.get("%s/%d" % (ORDERS, o.json["id"])), 404)
        self.assertEqual(harness.db_rows(db, "SELECT count(*) FROM service_link l JOIN account a"
                                             " ON a.id = l.account_id WHERE a.username = 's_self'")[0][0], 0)

    def test_random_steps_against_a_model(self):
        """Random steps by random accounts on a few orders, each answer
        checked against the life cycle as written here."""
        nxt = {("placed", "accept"): "accepted", ("accepted", "schedule"): "scheduled",
               ("scheduled", "schedule"): "scheduled", ("scheduled", "start"): "started",
               ("started", "finish"): "finished", ("finished", "rate"): "rated"}
        owners = {"accept": {"s_op"}, "schedule": {"s_op"}, "start": {"s_op"},
                  "finish": {"s_op"}, "rate": {"s_family"},
                  "cancel": {"s_family", "s_op", "s_county"}}
        body = {"schedule": {"at": "2030-01-01T00:00:00Z"}, "rate": {"rating": 3},
                "cancel": {"reason": "随机取消"}}

        def expect(status, step, who):
            if who == "s_op2":
                return 403 if step == "rate" else 404
            if who not in owners[step]:
                return 403
            if status == "cancelled":
                return 409
            if step == "cancel":
                if status in ("finished", "rated"):
                    return 409
                if status == "started" and who != "s_county":
                    return 409
                return 200
            return 200 if (status, step) in nxt else 409

        rnd = random.Random(4242)
        for _ in range(4):
            o = self.place(quantity=rnd.randrange(1, 5)).json
            status, taken = "placed", 1
            for _ in range(30):
                step = rnd.choice(list(owners))
                who = rnd.choice(["s_family", "s_op", "s_county", "s_op2", "s_visitor_a"])
                want = expect(status, step, who)
                r = self.c[who].post("%s/%d/%s" % (ORDERS, o["id"], step), body.get(step, {}))
                self.assertEqual(r.status, want, "%s %s by %s: %s" % (status, step, who, r.text))
                if want == 200:
                    status = "cancelled" if step == "cancel" else nxt[(status, step)]
                    taken += 1
                    self.assertEqual(r.json["status"], status)
                elif want == 409:
                    self.assertEqual(r.json["error"]["field"], "status")
            final = self.c["s_county"].get("%s/%d" % (ORDERS, o["id"])).json
            self.assertEqual(final["status"], status)
            self.assertEqual(len(final["steps"]), taken)
            self.assertEqual(all(p["released"] for p in final["payments"]), status == "cancelled")

    def test_concurrent_steps_take_one(self):
        """The same step sent at once by several requests: the status is
        moved once (a conditional UPDATE), the others are told 409."""
        oid = self.place().json["id"]
        clients = [login_as(self.server, "s_op", PASSWORD) for _ in range(6)]
        for step, body in (("accept", {}), ("cancel", {"reason": "同时取消"})):
            results = []

            def go(c):
                results.append(c.post("%s/%d/%s" % (ORDERS, oid, step), body).status)

            threads = [threading.Thread(target=go, args=(c,)) for c in clients]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            self.assertEqual(sorted(results), [200] + [409] * 5, step)
        final = self.c["s_county"].get("%s/%d" % (ORDERS, oid)).json
        self.assertEqual([s["step"] for s in final["steps"]], ["placed", "accepted", "cancelled"])


class SynthOffersTest(ApiTestCase):
    """The synthetic city's providers: offers of the catalogue's items by
    facilities of a kind that delivers them, over a region of the city,
    in force today, so an order can be placed on the demo."""

    @classmethod
    def setUpClass(cls):
        cls.server = harness.synth_server("svc-synth", seed=7)
        cls.admin = harness.login_as(cls.server, "admin", cls.server.admin_password)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_offers_and_an_order(self):
        offers = self.admin.get(S + "/offers", params={"on": date.today().isoformat()}).json["items"]
        self.assertGreater(len(offers), 0)
        facilities = {f["id"]: f for f in self.admin.get(
            "/api/v1/facilities", params={"per_page": "100"}).json["items"]}
        childcare = {"childcare_institution", "family_childcare", "kindergarten_nursery"}
        for o in offers:
            self.assertIn(o["item"], ITEMS)
            self.assertTrue(o["area"].startswith("5119"), o)
            self.assertGreater(o["price_fen"], 0)
            kind = facilities[o["facility_id"]]["kind"]
            self.assertEqual(ITEMS[o["item"]]["for"] == "infant", kind in childcare, (o, kind))
        meal = [o for o in offers if o["item"] == "meal"]
        self.assertTrue(meal, "the demo offers meals")
        area = meal[0]["area"]
        people = self.admin.get("/api/v1/persons", params={"region": area, "kind": "elderly",
                                                          "per_page": "50"}).json["items"]
        alive = [p for p in people if not p.get("deceased_on")]
        o = self.admin.post(ORDERS, {"person_id": alive[0]["id"], "item": "meal", "quantity": 3,
                                     "offer_id": meal[0]["id"]})
        self.assertEqual(o.status, 201, o.text)
        self.assertEqual(o.json["total_fen"], 3 * meal[0]["price_fen"])

    def test_guidance_and_family_beds(self):
        """Guidance activities in every township with infants, each
        reaching only registered infants born by its day; family beds
        only for persons 巴中's policy makes eligible, each with its
        monthly log; all through the rules, so a count made here from the
        database agrees."""
        db = self.server.db
        rows = lambda sql, *a: harness.db_rows(db, sql, a)
        towns = rows("SELECT count(DISTINCT substr(region, 1, 9)) FROM person"
                     " WHERE kind = 'infant'")[0][0]
        acts = rows("SELECT count(*) FROM guidance_activity")[0][0]
        self.assertEqual(acts, 4 * towns)
        bad = rows("SELECT count(*) FROM guidance_reach r JOIN guidance_activity a"
                   " ON a.id = r.activity_id JOIN person p ON p.id = r.person_id"
                   " WHERE p.kind <> 'infant' OR p.birth_date > a.held_on"
                   " OR substr(p.region, 1, 9) <> substr(a.region, 1, 9)")[0][0]
        self.assertEqual(bad, 0)
        with open(POLICY, encoding="utf-8") as f:
            rule = json.load(f)["family_beds"]["eligible"]["any"]
        beds = rows("SELECT b.id, b.person_id, b.status FROM family_bed b")
        self.assertGreater(len(beds), 0)
        for bid, pid, status in beds:
            held = {c for (c,) in rows("SELECT category FROM person_category"
                                       " WHERE person_id = ?", pid)}
            self.assertTrue(any(set(s) <= held for s in rule), (pid, held))
            self.assertEqual(status, "active")
            self.assertEqual(rows("SELECT count(*) FROM family_bed_log WHERE bed_id = ?",
                                  bid)[0][0], 10)
