"""Orders paid from an entitlement, a voucher and time-bank minutes
(docs/api.md "Services"; src/app/service_pay.h), end to end through the
orders API.

Concurrent orders drawing one entitlement never take it below zero: of
16 orders of 24 yuan raced against 300 yuan, exactly ⌊300 / 24⌋ = 12 are
placed. A voucher raced by 8 orders pays one of them. Minutes pay an
hourly item at the offer's price and come back when the order is
cancelled. A random sequence of orders and cancellations keeps the
entitlement's use equal to the sum of the draws not given back, checked
against a model here after every step. The expected amounts come from the
policy files (the yearly 300 yuan, the voucher's face value) and the
prices set here.

Regions made here: a township of 巴州区 (巴中's policy: entitlements and
the time bank) and one of 达川区 (达州's policy: the only voucher kind).
"""

import json
import os
import random
import threading
from datetime import date, datetime, timedelta, timezone

import harness
from harness import ApiTestCase, facility_body, login_as
from idnumbers import Issuer

HERE = os.path.dirname(os.path.abspath(__file__))
POLICIES = os.path.join(HERE, "..", "..", "policies")
BAZHOU, DACHUAN = "511902000000", "511703000000"
TOWN, VIL = "511902731000", "511902731001"
TOWN_D, VIL_D = "511703871000", "511703871001"
PASSWORD = "correct horse battery"
S = "/api/v1/services"
ORDERS = S + "/orders"
ISSUER = Issuer(("511902", "511703"), "139", 44668800, 1000000)


def load(name):
    with open(os.path.join(POLICIES, name), encoding="utf-8") as f:
        return json.load(f)


def yuan_to_fen(text):
    whole, _, frac = text.partition(".")
    return int(whole) * 100 + int((frac + "00")[:2])


BAZHONG = load("511900000000-bazhong.json")
DAZHOU = load("511700000000-dazhou.json")
SCHEME = BAZHONG["entitlements"]["schemes"][0]
GRANTED = yuan_to_fen(SCHEME["yearly_amount"])
KIND = DAZHOU["vouchers"]["kinds"][0]
FACE = yuan_to_fen(KIND["face_value"])


def tearDownModule():
    harness.stop_module_server(__name__)


class ServicePayTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_region(TOWN, "付费甲镇", "township", BAZHOU)
        a.create_region(VIL, "付费甲一村", "village", TOWN)
        a.create_region(TOWN_D, "付费达镇", "township", DACHUAN)
        a.create_region(VIL_D, "付费达一村", "village", TOWN_D)
        cls.home = a.create_facility(facility_body(BAZHOU, name="付费养老院"))
        cls.home_d = a.create_facility(facility_body(DACHUAN, name="达川付费养老院"))
        users = {
            "p_family": ("family", BAZHOU, {}),
            "p_family_d": ("family", DACHUAN, {}),
            "p_op": ("operator", BAZHOU, {"facilities": [cls.home["id"]]}),
            "p_op_d": ("operator", DACHUAN, {"facilities": [cls.home_d["id"]]}),
            "p_county": ("county_official", BAZHOU, {}),
            "p_clerk": ("county_official", BAZHOU, {}),
            "p_dachuan": ("county_official", DACHUAN, {}),
        }
        cls.c = {}
        for name, (role, region, extra) in users.items():
            a.create_user(name, role, region, **extra)
            cls.c[name] = login_as(cls.server, name, PASSWORD)
        cls.meal = cls.offer("p_op", cls.home["id"], "meal", 1200, TOWN)
        cls.clean = cls.offer("p_op", cls.home["id"], "clean", 4000, TOWN)
        cls.meal_d = cls.offer("p_op_d", cls.home_d["id"], "meal", 1500, TOWN_D)

    @classmethod
    def offer(cls, who, facility, item, price, area):
        r = cls.c[who].post(S + "/offers", {"facility_id": facility, "item": item,
                                            "price_fen": price, "area": area,
                                            "valid_from": "2026-01-01"})
        assert r.status == 201, r.text
        return r.json

    def person(self, region, name, cats=(), family="p_family"):
        idn = ISSUER.new_id(date(1946, 3, 4), area=region[:6])
        body = {"kind": "elderly", "name": name, "region": region, "id_number": idn,
                "categories": [{"category": c, "start": "2020-01-01"} for c in cats]}
        r = self.admin.post("/api/v1/persons", body)
        self.assertEqual(r.status, 201, r.text)
        r = self.c[family].post(S + "/links", {"id_number": idn, "name": name,
                                               "relation": "子女"})
        self.assertEqual(r.status, 201, r.text)
        return r.json["person_id"]

    def entitled(self, name):
        pid = self.person(VIL, name, cats=("tekun_dispersed",))
        r = self.c["p_county"].post(S + "/entitlements", {"person_id": pid})
        self.assertEqual(r.status, 201, r.text)
        ent = r.json["granted"][0]
        self.assertEqual(ent["granted_fen"], GRANTED)
        return pid, ent["id"]

    def used(self, ent_id):
        return harness.db_rows(self.server.db,
                               "SELECT used_fen FROM entitlement WHERE id = ?", (ent_id,))[0][0]

    def drawn(self, ent_id):
        """The draws not given back, summed from the payment rows."""
        return harness.db_rows(self.server.db,
                               "SELECT coalesce(sum(amount_fen), 0) FROM service_payment"
                               " WHERE entitlement_id = ? AND released = 0", (ent_id,))[0][0]

    def race(self, who, bodies):
        """Places the orders at once; the statuses and answers in order."""
        out = [None] * len(bodies)
        gate = threading.Barrier(len(bodies))
        clients = [login_as(self.server, who, PASSWORD) for _ in bodies]

        def go(i):
            gate.wait()
            out[i] = clients[i].post(ORDERS, bodies[i])

        threads = [threading.Thread(target=go, args=(i,)) for i in range(len(bodies))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return out

    # ------------------------------------------------------------------

    def test_concurrent_orders_never_overdraw_an_entitlement(self):
        pid, ent = self.entitled("并发甲")
        per = 2 * self.meal["price_fen"]
        body = {"person_id": pid, "item": "meal", "quantity": 2,
                "payments": [{"source": "entitlement", "amount_fen": per}]}
        answers = self.race("p_family", [dict(body) for _ in range(16)])
        placed = [r for r in answers if r.status == 201]
        refused = [r for r in answers if r.status != 201]
        self.assertEqual(len(placed), GRANTED // per)
        for r in refused:
            self.assertError(r, 409, "payments[0]")
        self.assertEqual(self.used(ent), len(placed) * per)
        self.assertEqual(self.drawn(ent), self.used(ent))
        # each placed order says what the entitlement paid and the rest
        for r in placed:
            pays = {p["source"]: p["amount_fen"] for p in r.json["payments"]}
            self.assertEqual(pays.get("entitlement"), per)
            self.assertEqual(sum(pays.values()), r.json["total_fen"])
        # what is left pays part of one more order; then nothing is left
        left = GRANTED - self.used(ent)
        r = self.c["p_family"].post(ORDERS, {"person_id": pid, "item": "meal", "quantity": 1,
                                             "payments": [{"source": "entitlement",
                                                           "amount_fen": left}]})
        self.assertEqual(r.status, 201 if 0 < left <= self.meal["price_fen"] else 409, r.text)
        # a cancelled order gives its draw back
        oid = placed[0].json["id"]
        before = self.used(ent)
        r = self.c["p_family"].post("%s/%d/cancel" % (ORDERS, oid), {"reason": "家里临时有事"})
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(self.used(ent), before - per)
        self.assertEqual(self.drawn(ent), self.used(ent))

    def test_random_orders_and_cancels_against_a_model(self):
        pid, ent = self.entitled("随机乙")
        rng = random.Random(1504)
        model = {}  # order id -> amount drawn and not given back
        for step in range(40):
            if model and rng.random() < 0.3:
                oid = rng.choice(sorted(model))
                r = self.c["p_family"].post("%s/%d/cancel" % (ORDERS, oid), {"reason": "不需要了"})
                self.assertEqual(r.status, 200, r.text)
                del model[oid]
            else:
                q = rng.randint(1, 4)
                amount = rng.randint(1, q * self.meal["price_fen"])
                r = self.c["p_family"].post(ORDERS, {
                    "person_id": pid, "item": "meal", "quantity": q,
                    "payments": [{"source": "entitlement", "amount_fen": amount}]})
                if sum(model.values()) + amount <= GRANTED:
                    self.assertEqual(r.status, 201, "step %d: %s" % (step, r.text))
                    model[r.json["id"]] = amount
                else:
                    self.assertError(r, 409, "payments[0]")
            self.assertEqual(self.used(ent), sum(model.values()), "step %d" % step)
            self.assertEqual(self.drawn(ent), sum(model.values()), "step %d" % step)
            self.assertTrue(0 <= self.used(ent) <= GRANTED)

    def test_a_voucher_raced_by_orders_pays_once(self):
        pid = self.person(VIL_D, "消费券丙", family="p_family_d")
        r = self.c["p_dachuan"].post(S + "/voucher-batches", {"region": TOWN_D,
                                                                "kind": KIND["id"]})
        self.assertEqual(r.status, 201, r.text)
        r = self.c["p_dachuan"].get(S + "/vouchers?person_id=%d" % pid)
        self.assertEqual(r.status, 200, r.text)
        voucher = r.json["items"][0] if "items" in r.json else r.json["vouchers"][0]
        body = {"person_id": pid, "item": "meal", "quantity": 3,
                "payments": [{"source": "voucher", "voucher_id": voucher["id"]}]}
        answers = self.race("p_family_d", [dict(body) for _ in range(8)])
        placed = [r for r in answers if r.status == 201]
        self.assertEqual(len(placed), 1, [r.status for r in answers])
        for r in answers:
            if r.status != 201:
                self.assertError(r, 409, "payments[0]")
        total = 3 * self.meal_d["price_fen"]
        pays = {p["source"]: p["amount_fen"] for p in placed[0].json["payments"]}
        self.assertEqual(pays["voucher"], min(FACE, total))
        self.assertEqual(pays.get("self", 0), total - min(FACE, total))
        rows = harness.db_rows(self.server.db,
                               "SELECT redeemed_order, redeemed_fen FROM voucher WHERE id = ?",
                               (voucher["id"],))
        self.assertEqual(rows[0], (placed[0].json["id"], min(FACE, total)))
        # cancelled, the voucher can be used again, once
        oid = placed[0].json["id"]
        r = self.c["p_family_d"].post("%s/%d/cancel" % (ORDERS, oid), {"reason": "改期"})
        self.assertEqual(r.status, 200, r.text)
        answers = self.race("p_family_d", [dict(body) for _ in range(4)])
        self.assertEqual(sum(1 for r in answers if r.status == 201), 1)

    def test_minutes_pay_an_hourly_service_and_come_back(self):
        pid = self.person(VIL, "时间丁")
        idn = ISSUER.new_id(date(1958, 6, 1), area=VIL[:6])
        r = self.c["p_county"].post("/api/v1/timebank/volunteers",
                                    {"id_number": idn, "name": "志愿者戊", "region": VIL,
                                     "registered_on": "2026-01-05"})
        self.assertEqual(r.status, 201, r.text)
        vol = r.json["id"]
        day = (date.today() - timedelta(days=3)).isoformat()
        # recorded by one official, verified by another (four eyes)
        r = self.c["p_clerk"].post("/api/v1/timebank/services",
                                   {"volunteer_id": vol, "item": "clean",
                                    "started_at": day + "T09:00",
                                    "finished_at": day + "T12:00"})
        self.assertEqual(r.status, 201, r.text)
        r = self.c["p_county"].post("/api/v1/timebank/services/%d/verify" % r.json["id"], {})
        self.assertEqual(r.status, 200, r.text)
        r = self.c["p_county"].post("/api/v1/timebank/volunteers/%d/kin" % vol,
                                    {"person_id": pid, "relation": "parent"})
        self.assertEqual(r.status, 201, r.text)
        account = harness.db_rows(self.server.db,
                                  "SELECT id, balance_minutes FROM timebank_account"
                                  " WHERE volunteer_id = ?", (vol,))[0]
        self.assertEqual(account[1], 180)
        # the minutes are the volunteer's: a family linked to the kin may
        # not spend them; an official does, at the volunteer's request
        body = {"person_id": pid, "item": "clean", "quantity": 2,
                "payments": [{"source": "timebank", "account_id": account[0], "minutes": 90}]}
        self.assertError(self.c["p_family"].post(ORDERS, body), 403, "payments[0]")
        # an account that is not there gets the same answer
        missing = dict(body, payments=[{"source": "timebank", "account_id": 999999,
                                        "minutes": 90}])
        self.assertError(self.c["p_family"].post(ORDERS, missing), 403, "payments[0]")
        # more minutes than the hours ordered
        over = dict(body, payments=[{"source": "timebank", "account_id": account[0],
                                     "minutes": 121}])
        self.assertError(self.c["p_county"].post(ORDERS, over), 422, "payments[0].minutes")
        # 90 minutes pay 1.5 of 2 hours at 40 yuan an hour: 60 yuan
        r = self.c["p_county"].post(ORDERS, body)
        self.assertEqual(r.status, 201, r.text)
        pays = {p["source"]: p for p in r.json["payments"]}
        value = (90 * self.clean["price_fen"] + 30) // 60  # half up to the fen
        self.assertEqual(pays["timebank"]["amount_fen"], value)
        self.assertEqual(pays["timebank"]["minutes"], 90)
        self.assertEqual(pays["self"]["amount_fen"], 2 * self.clean["price_fen"] - value)
        balance = lambda: harness.db_rows(self.server.db,
                                          "SELECT balance_minutes FROM timebank_account"
                                          " WHERE id = ?", (account[0],))[0][0]
        self.assertEqual(balance(), 90)
        # more minutes than are left: refused, nothing changes
        n = harness.db_rows(self.server.db, "SELECT count(*) FROM service_order")[0][0]
        r2 = self.c["p_county"].post(ORDERS, {
            "person_id": pid, "item": "clean", "quantity": 2,
            "payments": [{"source": "timebank", "account_id": account[0], "minutes": 120}]})
        self.assertError(r2, 409, "payments[0]")
        self.assertEqual(harness.db_rows(self.server.db,
                                         "SELECT count(*) FROM service_order")[0][0], n)
        self.assertEqual(balance(), 90)
        # cancelled: the minutes return to the account they came from
        r = self.c["p_county"].post("%s/%d/cancel" % (ORDERS, r.json["id"]), {"reason": "不用了"})
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(balance(), 180)
        # zero-sum: deposits = balances + redeemed − refunded
        dep, = harness.db_rows(self.server.db,
                               "SELECT coalesce(sum(minutes), 0) FROM timebank_entry"
                               " WHERE kind = 'deposit'")[0]
        bal, = harness.db_rows(self.server.db,
                               "SELECT coalesce(sum(balance_minutes), 0) FROM timebank_account")[0]
        out, = harness.db_rows(self.server.db,
                               "SELECT coalesce(-sum(minutes), 0) FROM timebank_entry"
                               " WHERE kind IN ('redeem', 'refund')")[0]
        self.assertEqual(dep, bal + out)

    def test_the_service_command_reaches_every_part(self):
        """`laoxiao service` hands each part's verbs to it: the answers
        agree with the API's, and an unknown verb is an error."""
        db = self.server.db
        run = lambda *a: harness.run_cli(["service"] + list(a) + ["--json"], db)
        pid, ent = self.entitled("命令己")
        p = run("entitlement", "list", "--person", str(pid))
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        doc = json.loads(p.stdout)
        self.assertEqual([e["id"] for e in doc["items"]], [ent])
        self.assertEqual(doc["items"][0]["balance_fen"], GRANTED - self.used(ent))
        p = run("entitlement", "report", "--region", TOWN)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        self.assertGreaterEqual(json.loads(p.stdout)["total"]["persons"], 1)
        p = run("voucher", "batches", "--region", TOWN_D)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        p = run("timebank", "volunteers", "--region", TOWN)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        api = self.c["p_county"].get("/api/v1/timebank/volunteers?region=" + TOWN).json
        self.assertEqual(json.loads(p.stdout)["total"], api["total"])
        p = run("bed", "counts", "--region", TOWN, "--date", date.today().isoformat())
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        p = run("guidance", "kinds", "--region", TOWN)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        kinds = json.loads(p.stdout)
        self.assertIn("入户指导", json.dumps(kinds, ensure_ascii=False))
        p = harness.run_cli(["service", "no-such-part"], db)
        self.assertNotEqual(p.returncode, 0)
