"""Canteens' food-safety grades (docs/api.md "Food safety and staff"): a
grade recorded with its date and the history kept; the grade in force on a
day (the latest graded on or before it); the share of graded facilities at
B or better by region as of two dates against a count made here with the
policy file's good grades, rounded half up to two places here; bad input
naming the field and changing nothing; who may grade and who may read.

Expected values come from the policy file read here and the grades the
test chose, never from the server's answers."""

import json
import os
from decimal import ROUND_HALF_UP, Decimal

import harness
from harness import ApiTestCase, childcare_body, facility_body, login_as

REPO = os.path.normpath(os.path.join(harness.HERE, "..", ".."))
PASSWORD = "correct horse battery"
BAZHONG = "511900000000"
BAZHOU = "511902000000"
ENYANG = "511903000000"
TOWN = "511902118000"
TOWN2 = "511902119000"
FOOD = "/api/v1/inspect/food"


def grades_of(fid):
    return "/api/v1/facilities/%d/food-grades" % fid


def policy():
    with open(os.path.join(REPO, "policies", "511900000000-bazhong.json"), encoding="utf-8") as f:
        return json.load(f)["food_safety"]


def pct(num, den):
    if not den:
        return None
    return str((Decimal(num) * 100 / Decimal(den)).quantize(Decimal("0.01"), ROUND_HALF_UP))


class FoodGrades(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_region(TOWN, "食安测试镇", "township", BAZHOU)
        a.create_region(TOWN2, "食安另一镇", "township", BAZHOU)
        cls.f = [a.create_facility(facility_body(TOWN, name="食安养老院%d" % i))["id"]
                 for i in range(3)]
        cls.f.append(a.create_facility(childcare_body(TOWN, name="食安托育园"))["id"])
        cls.other = a.create_facility(facility_body(TOWN2, name="另一镇养老院"))["id"]
        cls.ey = a.create_facility(facility_body(ENYANG, name="恩阳食安养老院"))["id"]
        a.create_user("food_op", "operator", BAZHOU, password=PASSWORD, facilities=[cls.f[0]])
        a.create_user("food_ro", "readonly", BAZHONG, password=PASSWORD)
        a.create_user("food_dept", "dept_official", BAZHOU, password=PASSWORD)
        a.create_user("food_county_ey", "county_official", ENYANG, password=PASSWORD)
        cls.op = login_as(cls.server, "food_op", PASSWORD)
        cls.ro = login_as(cls.server, "food_ro", PASSWORD)
        cls.dept = login_as(cls.server, "food_dept", PASSWORD)
        cls.county_ey = login_as(cls.server, "food_county_ey", PASSWORD)
        cls.good = set(policy()["good_grades"])
        cls.grades = []  # (facility, grade, graded_on) as recorded
        for fid, g, on in ((cls.f[0], "B", "2024-03-01"), (cls.f[0], "C", "2025-02-01"),
                           (cls.f[1], "A", "2024-06-01"),
                           (cls.f[2], "C", "2024-01-10"), (cls.f[2], "A", "2025-03-01"),
                           (cls.f[3], "B", "2025-05-01"),
                           (cls.other, "C", "2024-02-02")):
            r = a.post(grades_of(fid), {"grade": g, "graded_on": on, "note": "量化分级"})
            assert r.status == 201, r.summary()
            cls.grades.append((fid, g, on))

    def model(self, facilities, day):
        """(facilities, graded, good) on day: each facility's latest grade on
        or before the day."""
        graded = good = 0
        for fid in facilities:
            mine = sorted((on, g) for f, g, on in self.grades if f == fid and on <= day)
            if mine:
                graded += 1
                good += mine[-1][1] in self.good
        return len(facilities), graded, good

    def test_policy_grades(self):
        p = policy()
        self.assertEqual([(g["code"], g["name"]) for g in p["grades"]],
                         [("A", "优秀"), ("B", "良好"), ("C", "一般")])
        self.assertEqual(p["good_grades"], ["A", "B"])
        with open(os.path.join(REPO, "policies", "511724000000-dazhu.json"), encoding="utf-8") as f:
            dz = json.load(f)["food_safety"]
        self.assertIn("001_e6026dc463d5175f.txt 第300行", dz["good_grades_source"])
        self.assertIn("B级以上达到70%以上", dz["good_grades_source"])

    def test_share_as_of_two_days(self):
        for day, want_pct in (("2024-12-31", "66.67"), ("2025-06-30", "75.00")):
            n, graded, good = self.model(self.f, day)
            self.assertEqual(pct(good, graded), want_pct)  # the hand count
            r = self.admin.get(FOOD, params={"region": TOWN, "as_of": day})
            self.assertStatus(r, 200, day)
            j = r.json
            self.assertEqual((j["facilities"], j["graded"], j["good"]), (n, graded, good), day)
            self.assertEqual(j["share"], {"numerator": good, "denominator": graded,
                                          "percent": want_pct, "rounding": "half_up"})
            cur = {it["facility_id"]: it["current"] for it in j["items"]}
            self.assertEqual(set(cur), set(self.f))
        # before any grade: nothing graded, no percentage
        j = self.admin.get(FOOD, params={"region": TOWN, "as_of": "2023-12-31"}).json
        self.assertEqual((j["graded"], j["good"], j["share"]["percent"]), (0, 0, None))

    def test_by_region_sums(self):
        day = "2025-06-30"
        j = self.admin.get(FOOD, params={"region": BAZHOU, "as_of": day}).json
        rows = {r["region"]: r for r in j["by_region"]}
        for town, fs in ((TOWN, self.f), (TOWN2, [self.other])):
            n, graded, good = self.model(fs, day)
            self.assertEqual((rows[town]["facilities"], rows[town]["graded"], rows[town]["good"]),
                             (n, graded, good), town)
        self.assertEqual(rows[TOWN2]["share"]["percent"], "0.00")

    def test_indicator_elements(self):
        """food_graded and food_graded_b_or_better at the ends of 2024 and
        2025 (a year's period is counted on its last day)."""
        for period, day in (("2024", "2024-12-31"), ("2025", "2025-12-31")):
            for sector, fs in ((None, self.f), ("elderly", self.f[:3]), ("childcare", self.f[3:])):
                _, graded, good = self.model(fs, day)
                suffix = "." + sector if sector else ""
                for element, want in (("food_graded", graded), ("food_graded_b_or_better", good)):
                    r = self.admin.get("/api/v1/indicators/evaluate",
                                       params={"region": TOWN, "period": period,
                                               "numerator": element + suffix})
                    self.assertStatus(r, 200)
                    self.assertEqual(r.json["elements"][element + suffix], str(want),
                                     "%s%s %s" % (element, suffix, period))

    def test_history_and_current(self):
        r = self.ro.get(grades_of(self.f[2]), params={"as_of": "2024-12-31"})
        self.assertStatus(r, 200)
        self.assertEqual([(i["grade"], i["graded_on"]) for i in r.json["items"]],
                         [("A", "2025-03-01"), ("C", "2024-01-10")])
        self.assertEqual(r.json["current"]["grade"], "C")
        self.assertEqual(r.json["current"]["grade_name"], "一般")
        self.assertFalse(r.json["current"]["good"])
        r = self.ro.get(grades_of(self.f[2]), params={"as_of": "2025-03-01"})
        self.assertEqual(r.json["current"]["grade"], "A")
        self.assertTrue(r.json["current"]["good"])
        self.assertIsNone(self.ro.get(grades_of(self.f[3]),
                                      params={"as_of": "2025-04-30"}).json["current"])

    def test_bad_input_names_the_field_and_changes_nothing(self):
        fid = self.f[1]
        before = len(self.admin.get(grades_of(fid)).json["items"])
        for body, field in (({"grade": "D", "graded_on": "2025-01-01"}, "grade"),
                            ({"grade": "b", "graded_on": "2025-01-01"}, "grade"),
                            ({"graded_on": "2025-01-01"}, "grade"),
                            ({"grade": "A"}, "graded_on"),
                            ({"grade": "A", "graded_on": "2025-02-30"}, "graded_on"),
                            ({"grade": "A", "graded_on": "2999-01-01"}, "graded_on"),
                            ({"grade": "A", "graded_on": "2025-01-01", "note": 5}, "note"),
                            ({"grade": "A", "graded_on": "2025-01-01", "stars": 5}, "stars")):
            r = self.admin.post(grades_of(fid), body)
            self.assertError(r, 422, field, what=json.dumps(body))
        self.assertEqual(len(self.admin.get(grades_of(fid)).json["items"]), before)

    def test_who_may_grade_and_read(self):
        body = {"grade": "A", "graded_on": "2025-07-01"}
        # an operator and a reader may not grade (the route refuses them)
        self.assertError(self.op.post(grades_of(self.f[0]), body), 403)
        self.assertError(self.ro.post(grades_of(self.f[0]), body), 403)
        # another county's official does not see the facility
        self.assertError(self.county_ey.post(grades_of(self.f[0]), body), 404)
        self.assertError(self.county_ey.get(grades_of(self.f[0])), 404)
        # a department official in scope grades
        r = self.dept.post(grades_of(self.other), {"grade": "B", "graded_on": "2025-07-01"})
        self.assertStatus(r, 201)
        self.grades.append((self.other, "B", "2025-07-01"))
        audit = self.admin.get("/api/v1/audit", params={"entity": "food_grade"})
        self.assertStatus(audit, 200)
        self.assertIn(str(r.json["id"]), json.dumps(audit.json, ensure_ascii=False))
        # an operator reads its own facility and no other
        self.assertStatus(self.op.get(grades_of(self.f[0])), 200)
        self.assertError(self.op.get(grades_of(self.f[1])), 404)
        j = self.op.get(FOOD, params={"as_of": "2025-06-30"}).json
        self.assertEqual([i["facility_id"] for i in j["items"]], [self.f[0]])
        # a region outside the caller's scope is not there
        self.assertError(self.county_ey.get(FOOD, params={"region": BAZHOU}), 404)
        j = self.county_ey.get(FOOD, params={"as_of": "2025-06-30"}).json
        self.assertIn(self.ey, [i["facility_id"] for i in j["items"]])
        self.assertNotIn(self.f[0], [i["facility_id"] for i in j["items"]])
