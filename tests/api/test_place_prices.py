"""Facilities' prices (docs/api.md "Vacancy, prices and caps"): posted
with their history and answerable on any day; 景德镇's monthly caps per
class type (004 第284行: 2,200 / 2,000 / 1,700 / 1,800 yuan, read here from
the policy file) flag an affordable class price one fen above and not one
at the cap; an affordable price is due for review on the anniversary three
years on (004 第284行: 每三年…调整收费标准); a region's prices in force with
the flagged ones; bad input naming the field and changing nothing; who may
post (an operator only for its own facility; no family or visitor); the
same entry posted eight times at once stored once, the others refused on
effective_date; random prices against a model of "the latest entry on or
before the day" and of the two flags."""

import json
import os
import random
import threading
from datetime import date, timedelta

import harness
from harness import ApiTestCase, childcare_body, facility_body, login_as

REPO = os.path.normpath(os.path.join(harness.HERE, "..", ".."))
PASSWORD = "correct horse battery"
PRICES = "/api/v1/places/prices"
CHANGJIANG = "360202000000"  # 昌江区, 景德镇
TOWN = "360202194000"
TOWN_B = "360202195000"
BAZHOU = "511902000000"      # 巴州区: 巴中 sets no caps


def caps():
    with open(os.path.join(REPO, "policies", "360200000000-jingdezhen.json"),
              encoding="utf-8") as f:
        sec = json.load(f)["childcare"]
    return {c["class_type"]: c["fee_cap_yuan"] for c in sec["classes"]}, \
        sec["price_review_years"]


def fen(yuan):
    whole, _, frac = yuan.partition(".")
    return int(whole) * 100 + int((frac + "00")[:2])


class Prices(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_region(TOWN, "价格测试镇", "township", CHANGJIANG)
        a.create_region(TOWN_B, "价格列表镇", "township", CHANGJIANG)
        cls.nursery = a.create_facility(childcare_body(TOWN, name="价格测试托育园"))
        cls.home = a.create_facility(facility_body(TOWN, name="价格测试养老院"))
        cls.other = a.create_facility(childcare_body(TOWN, name="别家托育园"))
        a.create_user("pr_op", "operator", CHANGJIANG, password=PASSWORD,
                      facilities=[cls.nursery["id"]])
        a.create_user("pr_ro", "readonly", CHANGJIANG, password=PASSWORD)
        a.create_user("pr_fam", "family", CHANGJIANG, password=PASSWORD)
        a.create_region("360202194201", "价格一村", "village", TOWN)
        a.create_user("pr_vis", "visitor", TOWN, password=PASSWORD,
                      areas=["360202194201"])
        cls.op = login_as(cls.server, "pr_op", PASSWORD)
        cls.ro = login_as(cls.server, "pr_ro", PASSWORD)
        cls.fam = login_as(cls.server, "pr_fam", PASSWORD)
        cls.vis = login_as(cls.server, "pr_vis", PASSWORD)

    def url(self, fac):
        return "/api/v1/facilities/%d/prices" % fac["id"]

    def post(self, fac, client=None, **body):
        b = {"kind": "class", "code": "infant", "mode": "full_day", "amount_yuan": "2000",
             "affordable": True, "effective_date": "2024-01-01", "basis": "景发改价〔2023〕1号"}
        b.update(body)
        return (client or self.admin).post(self.url(fac), b)

    def history(self, fac, client=None, **params):
        r = (client or self.admin).get(self.url(fac), params=params)
        self.assertStatus(r, 200, "prices of %s" % fac["name"])
        return r.json

    def test_caps_at_the_edge(self):
        cap, _ = caps()
        self.assertEqual(cap, {"infant": "2200", "toddler_small": "2000",
                               "toddler_large": "1700", "mixed": "1800"})
        f = self.admin.create_facility(childcare_body(TOWN, name="限价测试托育园"))
        for t, c in cap.items():
            at = self.post(f, code=t, mode="full_day", amount_yuan=c + ".00")
            self.assertStatus(at, 201, "%s at the cap" % t)
            self.assertFalse(at.json["flags"]["over_cap"], t)
            self.assertEqual(at.json["flags"]["cap_yuan"], c)
            self.assertEqual(at.json["amount_fen"], fen(c))
            over = self.post(f, code=t, mode="half_day", amount_yuan=c + ".01")
            self.assertStatus(over, 201, "%s a fen over" % t)
            self.assertTrue(over.json["flags"]["over_cap"], t)
            self.assertEqual(over.json["flags"]["excess_yuan"], "0.01")
            self.assertEqual(over.json["code_name"],
                             {"infant": "乳儿班", "toddler_small": "托小班",
                              "toddler_large": "托大班", "mixed": "混合编班"}[t])
            self.assertEqual(over.json["mode_name"], "半日托")
        # a market (not affordable) price is not capped: 景德镇 caps 普惠 fees
        r = self.post(f, code="infant", mode="full_day", amount_yuan="3000",
                      affordable=False, effective_date="2024-02-01")
        self.assertStatus(r, 201)
        self.assertFalse(r.json["flags"]["over_cap"])
        # 巴中 sets no cap
        bz = self.admin.create_facility(childcare_body(BAZHOU, name="巴州价格托育园"))
        r = self.post(bz, amount_yuan="9999")
        self.assertStatus(r, 201)
        self.assertFalse(r.json["flags"]["over_cap"])
        self.assertIsNone(r.json["flags"]["cap_yuan"])

    def test_review_on_the_anniversary(self):
        _, years = caps()
        self.assertEqual(years, 3)
        f = self.admin.create_facility(childcare_body(TOWN, name="复核测试托育园"))
        self.assertStatus(self.post(f, effective_date="2023-03-01", amount_yuan="1900"), 201)
        before = self.history(f, as_of="2026-02-28")["in_force"][0]
        self.assertFalse(before["flags"]["review_due"])
        self.assertEqual(before["flags"]["review_due_on"], "2026-03-01")
        on = self.history(f, as_of="2026-03-01")["in_force"][0]
        self.assertTrue(on["flags"]["review_due"])
        # a new price from 2026-03-01 replaces it: nothing due that day
        self.assertStatus(self.post(f, effective_date="2026-03-01", amount_yuan="1950"), 201)
        now = self.history(f, as_of="2026-03-01")["in_force"]
        self.assertEqual([(p["amount_yuan"], p["flags"]["review_due"]) for p in now],
                         [("1950", False)])

    def test_history_and_any_day(self):
        f = self.admin.create_facility(childcare_body(TOWN, name="历史价格托育园"))
        for day, y in (("2022-01-01", "1500"), ("2023-01-01", "1600.5"),
                       ("2024-07-01", "1700")):
            self.assertStatus(self.post(f, code="toddler_large", effective_date=day,
                                        amount_yuan=y), 201)
        h = self.history(f, as_of="2023-12-31")
        self.assertEqual([p["amount_yuan"] for p in h["history"]], ["1500", "1600.50", "1700"])
        self.assertEqual([p["amount_yuan"] for p in h["in_force"]], ["1600.50"])
        self.assertEqual(self.history(f, as_of="2021-12-31")["in_force"], [])
        self.assertEqual([p["amount_fen"] for p in self.history(f, as_of="2024-07-01")["in_force"]],
                         [170000])
        # the same price twice from one day
        r = self.post(f, code="toddler_large", effective_date="2024-07-01", amount_yuan="1")
        self.assertError(r, 409, "effective_date")
        # elderly prices: bed types and care levels
        for kind, code in (("bed", "standard"), ("bed", "nursing"), ("care", "selfcare"),
                           ("care", "partly"), ("care", "disabled")):
            r = self.post(self.home, kind=kind, code=code, mode=None, amount_yuan="1200")
            self.assertStatus(r, 201, "%s %s" % (kind, code))
        got = self.history(self.home, as_of="2024-01-01")["in_force"]
        self.assertEqual(sorted((p["kind_name"], p["code_name"]) for p in got),
                         sorted([("床位费", "普通床位"), ("床位费", "护理型床位"),
                                 ("护理费", "自理"), ("护理费", "半失能"), ("护理费", "失能")]))
        n = harness.db_rows(self.server.db, "SELECT count(*) FROM audit WHERE entity ="
                            " 'facility_price'")[0][0]
        self.assertGreaterEqual(n, 8)

    def test_bad_input_names_the_field_and_changes_nothing(self):
        f = self.admin.create_facility(childcare_body(TOWN, name="错误输入托育园"))
        cases = [({"amount_yuan": "22OO"}, "amount_yuan"),
                 ({"amount_yuan": "2200.001"}, "amount_yuan"),
                 ({"amount_yuan": "-5"}, "amount_yuan"),
                 ({"amount_yuan": 2200}, "amount_yuan"),
                 ({"amount_yuan": ""}, "amount_yuan"),
                 ({"kind": "meal"}, "kind"),
                 ({"kind": "bed", "code": "standard", "mode": ""}, "kind"),
                 ({"code": "baby"}, "code"),
                 ({"code": "乳儿班"}, "code"),
                 ({"mode": "hourly"}, "mode"),
                 ({"mode": None}, "mode"),
                 ({"affordable": "yes"}, "affordable"),
                 ({"effective_date": "2024-02-30"}, "effective_date"),
                 ({"effective_date": None}, "effective_date"),
                 ({"colour": "red"}, "colour")]
        for body, field in cases:
            self.assertError(self.post(f, **body), 422, field, "bad %s" % body)
        self.assertError(self.post(self.home, kind="care", code="partly", mode="full_day"),
                         422, "mode")
        self.assertEqual(self.history(f)["history"], [])

    def test_who_may_post(self):
        self.assertStatus(self.post(self.nursery, client=self.op, code="toddler_small",
                                    effective_date="2025-01-01"), 201, "operator, own")
        self.assertDenied(self.post(self.other, client=self.op), what="operator, another")
        for who, c in (("family", self.fam), ("visitor", self.vis), ("readonly", self.ro)):
            self.assertError(self.post(self.nursery, client=c, effective_date="2025-02-01"),
                             403, what=who)
        self.assertStatus(self.ro.get(self.url(self.nursery)), 200)
        self.assertError(self.fam.get(self.url(self.nursery)), 403)
        got = self.history(self.nursery, client=self.op, as_of="2025-01-01")
        self.assertEqual([p["effective_date"] for p in got["history"]], ["2025-01-01"])
        self.assertDenied(self.op.get(self.url(self.other)), what="operator reads another")

    def test_region_list_with_flags(self):
        a = self.admin
        ok = a.create_facility(childcare_body(TOWN_B, name="合规托育园"))
        bad = a.create_facility(childcare_body(TOWN_B, name="超价托育园"))
        old = a.create_facility(childcare_body(TOWN_B, name="久未复核托育园"))
        self.assertStatus(self.post(ok, amount_yuan="2200", effective_date="2024-01-01"), 201)
        self.assertStatus(self.post(bad, code="toddler_large", amount_yuan="1750",
                                    effective_date="2024-01-01"), 201)
        self.assertStatus(self.post(old, amount_yuan="2000", effective_date="2021-05-01"), 201)
        every = self.ro.get(PRICES, params={"region": TOWN_B, "as_of": "2024-06-01"})
        self.assertStatus(every, 200)
        by_name = {p["facility_name"]: p for p in every.json["items"]}
        self.assertEqual(set(by_name), {"合规托育园", "超价托育园", "久未复核托育园"})
        self.assertEqual(by_name["超价托育园"]["flags"]["excess_yuan"], "50")
        self.assertTrue(by_name["久未复核托育园"]["flags"]["review_due"])
        self.assertEqual(by_name["久未复核托育园"]["flags"]["review_due_on"], "2024-05-01")
        flagged = self.admin.get(PRICES, params={"region": TOWN_B, "as_of": "2024-06-01",
                                                 "flagged": "1"})
        self.assertStatus(flagged, 200)
        self.assertEqual(sorted(p["facility_name"] for p in flagged.json["items"]),
                         ["久未复核托育园", "超价托育园"])
        self.assertEqual(flagged.json["flagged"], 2)
        # before the old price's anniversary, only the cap
        early = self.admin.get(PRICES, params={"region": TOWN_B, "as_of": "2024-04-30",
                                               "flagged": "1"})
        self.assertEqual([p["facility_name"] for p in early.json["items"]], ["超价托育园"])
        # the operator sees its own facility's prices only
        mine = self.op.get(PRICES, params={"as_of": "2030-01-01"})
        self.assertStatus(mine, 200)
        self.assertTrue(all(p["facility_id"] == self.nursery["id"] for p in mine.json["items"]))
        self.assertError(self.fam.get(PRICES), 403)

    def test_same_entry_at_once_stored_once(self):
        f = self.admin.create_facility(childcare_body(TOWN, name="并发价格托育园"))
        results = []

        def go():
            c = login_as(self.server, "pr_op2", PASSWORD)
            r = c.post(self.url(f), {"kind": "class", "code": "mixed", "mode": "half_day",
                                     "amount_yuan": "1500", "effective_date": "2025-03-01"})
            results.append((r.status, (r.json or {}).get("error", {}).get("field")))

        self.admin.create_user("pr_op2", "operator", CHANGJIANG, password=PASSWORD,
                               facilities=[f["id"]])
        threads = [threading.Thread(target=go) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual([s for s, _ in results].count(201), 1, results)
        self.assertTrue(all(r == (409, "effective_date") for r in results if r[0] != 201), results)
        self.assertEqual(len(self.history(f)["history"]), 1)
        n = harness.db_rows(self.server.db, "SELECT count(*) FROM facility_price WHERE"
                            " facility_id = ?", (f["id"],))
        self.assertEqual(n[0][0], 1)

    def test_random_prices_against_a_model(self):
        rnd = random.Random(284)
        cap, years = caps()
        f = self.admin.create_facility(childcare_body(TOWN, name="随机价格托育园"))
        posted = {}  # (code, mode, day) -> (fen, affordable)
        start = date(2019, 1, 1)
        for _ in range(40):
            code = rnd.choice(sorted(cap))
            mode = rnd.choice(["full_day", "half_day"])
            day = start + timedelta(days=rnd.randrange(0, 2500))
            if (code, mode, day) in posted:
                continue
            fen_ = fen(cap[code]) + rnd.choice([-100, -1, 0, 1, 250])
            aff = rnd.random() < 0.7
            r = self.post(f, code=code, mode=mode, effective_date=day.isoformat(),
                          amount_yuan="%d.%02d" % (fen_ // 100, fen_ % 100), affordable=aff)
            self.assertStatus(r, 201, "post %s %s %s" % (code, mode, day))
            posted[(code, mode, day)] = (fen_, aff)

        def anniversary(d):
            try:
                return d.replace(year=d.year + years)
            except ValueError:  # 29 February: the 28th
                return d.replace(year=d.year + years, day=28)

        for _ in range(25):
            on = start + timedelta(days=rnd.randrange(-30, 3000))
            want = {}
            for (code, mode, day), v in posted.items():
                if day <= on and (code, mode) not in want or (
                        day <= on and day > want[(code, mode)][0]):
                    want[(code, mode)] = (day, v)
            got = self.history(f, as_of=on.isoformat())["in_force"]
            self.assertEqual(
                sorted((p["code"], p["mode"], p["effective_date"], p["amount_fen"],
                        p["flags"]["over_cap"], p["flags"]["review_due"]) for p in got),
                sorted((code, mode, day.isoformat(), fen_,
                        aff and fen_ > fen(cap[code]),
                        aff and on >= anniversary(day))
                       for (code, mode), (day, (fen_, aff)) in want.items()),
                "in force on %s" % on)
