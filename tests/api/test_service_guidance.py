"""Parenting guidance (docs/api.md "Parenting guidance"): activities of
巴中's policy kinds recorded with the infants reached, all or nothing;
the coverage (infants reached in the calendar year ÷ infants registered)
by region and 巴中's 婴幼儿早期发展指导覆盖面 row (000 第167–170行: 45 →
≥85) computed from it. Expected figures are counted here from the infants
and activities the test made."""

import random
from datetime import date, timedelta
from fractions import Fraction

import harness
from harness import ApiTestCase, childcare_body, login_as
from idnumbers import Issuer

PASSWORD = "correct horse battery"
ACTS = "/api/v1/guidance/activities"
PERSONS = "/api/v1/persons"
BAZHOU = "511902000000"
TOWN = "511902103000"
V1, V2 = "511902103201", "511902103202"
ISSUER = Issuer(("511902",), "136", 31234567, 60000000)


def prefix_of(code):
    """The significant digits of a region code (2, 4, 6, 9 or 12)."""
    for n in (2, 4, 6, 9):
        if code[n:] == "0" * (12 - n):
            return code[:n]
    return code


def percent(r, n):
    q = Fraction(r * 100, n) * 100
    k = q.numerator // q.denominator
    if (q - k) * 2 >= 1:
        k += 1
    s = str(k).rjust(3, "0")
    return s[:-2] + "." + s[-2:]


class Guidance(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_region(TOWN, "育儿测试镇", "township", BAZHOU)
        a.create_region(V1, "育儿一村", "village", TOWN)
        a.create_region(V2, "育儿二村", "village", TOWN)
        cls.nursery = a.create_facility(childcare_body(BAZHOU, name="巴州区育儿测试托育园"))
        a.create_user("gd_op", "operator", BAZHOU, password=PASSWORD,
                      facilities=[cls.nursery["id"]])
        a.create_user("gd_op2", "operator", BAZHOU, password=PASSWORD, facilities=[])
        cls.op = login_as(cls.server, "gd_op", PASSWORD)
        cls.today = date.today()
        cls.infants = []   # (id, region, birth, deceased)
        rng = random.Random(42)
        for i in range(20):
            birth = cls.today - timedelta(days=rng.randint(20, 3 * 365 - 20))
            region = V1 if i % 3 else V2
            r = a.post(PERSONS, {"kind": "infant", "id_number": ISSUER.new_id(birth, i % 2 == 0),
                                 "name": "育儿宝宝%d" % i, "region": region,
                                 "guardian_name": "育儿家长"})
            assert r.status == 201, r.summary()
            cls.infants.append((r.json["id"], region, birth))
        cls.elder = a.post(PERSONS, {"kind": "elderly",
                                     "id_number": ISSUER.new_id(date(1950, 1, 1)),
                                     "name": "育儿老人", "region": V1}).json["id"]
        cls.reached = {}   # person id -> held_on days

    def record(self, infants, held, client=None, **over):
        body = {"kind": "parent_class", "title": "科学育儿家长课堂", "region": TOWN,
                "held_on": held.isoformat(), "provider": "镇卫生院",
                "infants": [i for i in infants]}
        body.update(over)
        r = (client or self.admin).post(ACTS, body)
        if r.status == 201:
            for i in infants:
                self.reached.setdefault(i, []).append(held)
        return r

    def model(self, region, day):
        first = date(day.year, 1, 1)
        reg = [i for i, rg, b in self.infants if rg.startswith(prefix_of(region)) and b <= day]
        got = [i for i in reg if any(first <= h <= day for h in self.reached.get(i, []))]
        return len(got), len(reg)

    def count_activities(self):
        return harness.db_rows(self.server.db, "SELECT count(*) FROM guidance_activity")[0][0]

    def test_1_record_and_read(self):
        ids = [i for i, _, b in self.infants[:6] if b <= self.today - timedelta(days=10)]
        r = self.record(ids, self.today - timedelta(days=5))
        self.assertStatus(r, 201)
        self.assertEqual((r.json["reached"], r.json["families"], r.json["kind_name"]),
                         (len(ids), len(ids), "家长课堂"))
        g = self.admin.get("%s/%d" % (ACTS, r.json["id"]))
        self.assertStatus(g, 200)
        self.assertEqual(sorted(x["person_id"] for x in g.json["infants"]), sorted(ids))
        for x in g.json["infants"]:
            self.assertNotIn("id_number", x)
        audit = harness.db_rows(self.server.db, "SELECT count(*) FROM audit WHERE entity ="
                                " 'guidance_activity' AND entity_id = ?", (str(r.json["id"]),))
        self.assertEqual(audit[0][0], 1)
        opts = self.admin.get("/api/v1/guidance/options", params={"region": TOWN})
        self.assertEqual([k["name"] for k in opts.json["kinds"]],
                         ["入户指导", "亲子活动", "家长课堂", "父母课堂", "互联网直播"])

    def test_2_all_or_nothing(self):
        before = self.count_activities()
        a, b = self.infants[0][0], self.infants[1][0]
        day = self.today - timedelta(days=3)
        self.assertError(self.record([a, b, a], day), 422, "infants[2]")
        self.assertError(self.record([a, self.elder], day), 422, "infants[1]")
        self.assertError(self.record([a, 99999999], day), 422, "infants[1]")
        young = max(self.infants, key=lambda t: t[2])
        self.assertError(self.record([young[0]], young[2] - timedelta(days=1)), 422, "infants[0]")
        self.assertError(self.record([a], day, kind="dance"), 422, "kind")
        self.assertError(self.record([a], self.today + timedelta(days=1)), 422, "held_on")
        self.assertError(self.record([a], day, title=""), 422, "title")
        self.assertError(self.record([a], day, extra=1), 422, "extra")
        self.assertEqual(self.count_activities(), before, "nothing written")

    def test_3_operator(self):
        a = self.infants[2][0]
        day = self.today - timedelta(days=2)
        self.assertError(self.record([a], day, client=self.op), 422, "facility_id")
        r = self.record([a], day, client=self.op, facility_id=self.nursery["id"], kind="parent_child")
        self.assertStatus(r, 201)
        mine = self.op.get(ACTS).json["activities"]
        self.assertEqual([x["id"] for x in mine], [r.json["id"]])
        op2 = login_as(self.server, "gd_op2", PASSWORD)
        self.assertError(op2.get("%s/%d" % (ACTS, r.json["id"])), 404)
        self.assertError(self.op.get("/api/v1/guidance/coverage", params={"region": TOWN}), 403)

    def test_4_coverage_and_the_plan_row(self):
        rng = random.Random(7)
        last_year = date(self.today.year - 1, 6, 1)
        ids = [i for i, _, b in self.infants]
        for k in range(5):
            day = self.today - timedelta(days=rng.randint(0, max(0, (self.today - date(self.today.year, 1, 1)).days)))
            pick = [i for i, _, b in self.infants if b <= day and rng.random() < 0.4]
            if pick:
                self.assertStatus(self.record(pick, day, kind=rng.choice(
                    ["home_visit", "parent_child", "live_stream"])), 201)
        # last year's activity does not count this year
        old = [i for i, _, b in self.infants if b <= last_year]
        if old:
            self.assertStatus(self.record(old, last_year), 201)
        self.assertTrue(ids)
        c = self.admin.get("/api/v1/guidance/coverage", params={"region": TOWN})
        self.assertStatus(c, 200)
        got, reg = self.model(TOWN, self.today)
        self.assertEqual((c.json["reached"], c.json["infants"]), (got, reg))
        self.assertEqual(c.json["percent"], percent(got, reg))
        for kid in c.json["children"]:
            g, n = self.model(kid["code"], self.today)
            self.assertEqual((kid["reached"], kid["infants"]), (g, n), kid["code"])
        # the plan row at the township: computed, against >= 85
        period = "%d-%02d" % (self.today.year, self.today.month)
        r = self.admin.get("/api/v1/indicators", params={"region": TOWN, "period": period})
        self.assertStatus(r, 200)
        ind = next(i for i in r.json["indicators"] if i["id"] == "bazhong.childcare.06")
        last = date(self.today.year, self.today.month, 28)
        while (last + timedelta(days=1)).month == self.today.month:
            last += timedelta(days=1)
        g, n = self.model(TOWN, last)
        self.assertEqual((ind["origin"], ind["numerator"], ind["denominator"]),
                         ("computed", str(g), str(n)))
        self.assertEqual(Fraction(ind["value"]).limit_denominator(100),
                         Fraction(percent(g, n)).limit_denominator(100))
        self.assertEqual(ind["status"], "met" if Fraction(g * 100, n) >= 85 else ind["status"])
        if Fraction(g * 100, n) < 85:
            self.assertIn(ind["status"], ("behind", "on_track", "missed"))
