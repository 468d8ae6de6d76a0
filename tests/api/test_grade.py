"""Grading and star ratings (docs/api.md "Grading and star ratings"): the
schemes of the policy file; the level a score sheet reaches at each
boundary (359 / 360 points, a section at 39.9% and 40% of its maximum);
the rules (first rating at most 三级, open a year, filing, a penalty within
two years, the black list, renewal only in its window); validity and the
lapse of an unrenewed rating, recorded once (also when eight runs race)
and listed; two schemes at once (景德镇's 养老机构星级 beside the national
grade); the region's figures against a count made here; bad input naming
the field and writing nothing; who may write and who may read.

Thresholds come from the policy file read here (GB/T 37276-2018 as cited),
expected levels from a computation in this file, never from the server."""

import json
import os
import random
import threading
from decimal import ROUND_HALF_UP, Decimal

import harness
from harness import ApiTestCase, childcare_body, facility_body, login_as

REPO = os.path.normpath(os.path.join(harness.HERE, "..", ".."))
PASSWORD = "correct horse battery"
BAZHONG = "511900000000"
BAZHOU = "511902000000"
ENYANG = "511903000000"
TOWN = "511902141000"   # the rules' facilities
TOWN2 = "511902142000"  # the overview's facilities
CHANGJIANG = "360202000000"
SCHEMES = "/api/v1/grading/schemes"
GRADING = "/api/v1/grading"
LAPSE = "/api/v1/grading/lapse"


def assessments(fid):
    return "/api/v1/facilities/%d/assessments" % fid


def policy(name="511900000000-bazhong.json"):
    with open(os.path.join(REPO, "policies", name), encoding="utf-8") as f:
        return json.load(f)["grading"]


def scheme(code, name="511900000000-bazhong.json"):
    return next(s for s in policy(name)["schemes"] if s["code"] == code)


def reached(s, scores):
    """The highest level whose total and per-section shares hold, computed
    with Decimal from the policy file; 0 when none."""
    total = sum(Decimal(scores[x["code"]]) for x in s["sections"])
    best = 0
    for n, lv in enumerate(s["levels"], 1):
        if total >= lv["min_total"] and all(
                Decimal(scores[x["code"]]) * 100 >= Decimal(lv["min_share"]) * x["max"]
                for x in s["sections"]):
            best = n
    return best


def sheet(s, shares, last=None):
    """Section scores at the given percent of each maximum (one decimal);
    last, when given, is the last section's score."""
    out = {}
    for x, p in zip(s["sections"], shares):
        out[x["code"]] = str((Decimal(x["max"]) * Decimal(p) / 100).quantize(Decimal("0.1")))
    if last is not None:
        out[s["sections"][-1]["code"]] = last
    return out


def full(s):
    return {x["code"]: str(x["max"]) for x in s["sections"]}


class Grading(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_region(TOWN, "评定测试镇", "township", BAZHOU)
        a.create_region(TOWN2, "评定统计镇", "township", BAZHOU)
        cls.nat = scheme("national_grade")
        cls.star = scheme("childcare_star")
        cls.n = 0
        cls.mine = cls.new(facility_body(TOWN, name="评定自有养老院"))
        cls.ey = a.create_facility(facility_body(ENYANG, name="恩阳评定养老院"))["id"]
        a.create_user("grade_op", "operator", BAZHOU, password=PASSWORD, facilities=[cls.mine])
        a.create_user("grade_ro", "readonly", BAZHONG, password=PASSWORD)
        a.create_user("grade_dept", "dept_official", BAZHOU, password=PASSWORD)
        a.create_user("grade_county_ey", "county_official", ENYANG, password=PASSWORD)
        a.create_user("grade_insp", "inspector", BAZHOU, password=PASSWORD)
        cls.op = login_as(cls.server, "grade_op", PASSWORD)
        cls.ro = login_as(cls.server, "grade_ro", PASSWORD)
        cls.dept = login_as(cls.server, "grade_dept", PASSWORD)
        cls.county_ey = login_as(cls.server, "grade_county_ey", PASSWORD)
        cls.insp = login_as(cls.server, "grade_insp", PASSWORD)

    @classmethod
    def new(cls, body):
        cls.n += 1
        body = dict(body)
        body["name"] = "%s%d" % (body["name"], cls.n)
        return cls.admin.create_facility(body)["id"]

    def assess(self, fid, scores, on, scheme_code="national_grade", who=None, **extra):
        body = {"scheme": scheme_code, "assessed_on": on, "scores": scores,
                "evaluator": "市民政局评定委员会"}
        body.update(extra)
        return (who or self.admin).post(assessments(fid), body)

    def rated(self, fid, scores, on, **kw):
        r = self.assess(fid, scores, on, **kw)
        self.assertStatus(r, 201, on)
        return r.json

    # -- the policy ---------------------------------------------------------

    def test_schemes_as_the_policy_states(self):
        r = self.admin.get(SCHEMES, params={"region": TOWN})
        self.assertStatus(r, 200)
        got = {s["code"]: s for s in r.json["schemes"]}
        self.assertEqual(set(got), {"national_grade", "childcare_star"})
        n = got["national_grade"]
        self.assertEqual([(x["name"], x["max"]) for x in n["sections"]],
                         [("环境", 120), ("设施设备", 130), ("运营管理", 150), ("服务", 600)])
        self.assertEqual([(x["name"], x["min_total"], x["min_share"]) for x in n["levels"]],
                         [("一级", 360, 40), ("二级", 450, 50), ("三级", 570, 60),
                          ("四级", 780, 80), ("五级", 900, 90)])
        self.assertEqual(n["rules"], {"min_open_months": 12, "first_max_level": 3,
                                      "filing_required": True, "penalty_years": 2,
                                      "black_list_bars": True, "valid_years": 3,
                                      "renewal_months": 6, "annual_evaluation": True})
        self.assertIn("GB/T 37276-2018", n["source"])
        self.assertEqual(sum(x["max"] for x in got["childcare_star"]["sections"]), 1000)
        # every file's sections sum to its total and cite a source
        for name in os.listdir(os.path.join(REPO, "policies")):
            if name.endswith(".json"):
                for s in policy(name)["schemes"]:
                    self.assertEqual(sum(x["max"] for x in s["sections"]), s["total"], name)
                    self.assertTrue(s["source"], name)
        self.assertIn("第333行", policy()["source"])
        self.assertIn("第309行", policy("511724000000-dazhu.json")["source"])

    # -- thresholds at the boundaries ------------------------------------------

    def test_359_and_360_points_and_the_40_percent_share(self):
        """一级 asks 360 points and 40% of every section: 40% of every
        maximum is already 400 points, so under the national numbers a
        sheet of 359 or 360 points always has a section under 40% and is
        refused; the lowest sheet rated 一级 is 40% everywhere (400 points),
        and one section at 39.9% refuses it. (The total rule alone is
        exercised in tests/unit/test_grade.c with a scheme where it binds.)"""
        s = self.nat
        cases = (
            ({"environment": "60", "facilities": "60", "operations": "60", "service": "179"}, 0, "359"),
            ({"environment": "60", "facilities": "60", "operations": "60", "service": "180"}, 0, "360"),
            ({"environment": "48", "facilities": "52", "operations": "60", "service": "240"}, 1, "400"),
            ({"environment": "47.9", "facilities": "52", "operations": "60", "service": "240"}, 0, "399.9"),
            ({"environment": "47.9", "facilities": "130", "operations": "150", "service": "600"}, 0, "927.9"),
            ({"environment": "48", "facilities": "130", "operations": "150", "service": "600"}, 1, "928"),
            ({"environment": "60", "facilities": "65", "operations": "75", "service": "300"}, 2, "500"),
        )
        for sc, want, total in cases:
            self.assertEqual(reached(s, sc), want, sc)  # the count made here
            self.assertEqual(sum(Decimal(v) for v in sc.values()), Decimal(total))
            j = self.rated(self.new(facility_body(TOWN, name="阈值养老院")), sc, "2025-03-01")
            self.assertEqual((j["level"], j["total"]), (want, total), sc)
            if want:
                self.assertEqual((j["outcome"], j["level_name"]), ("rated", ["一级", "二级"][want - 1]))
            else:
                self.assertEqual(j["outcome"], "refused")
                self.assertIn("最低等级", j["reason"])

    def test_40_percent_share_boundary(self):
        """39.9% and 40% of the environment with the others at 40%; a
        score of two decimals is refused naming the section."""
        s = self.nat
        for env, want in (("47.9", 0), ("48", 1), ("47.95", None)):
            sc = {"environment": env, "facilities": "52", "operations": "60", "service": "240"}
            f = self.new(facility_body(TOWN, name="份额阈值院"))
            r = self.assess(f, sc, "2025-03-01")
            if want is None:
                self.assertError(r, 422, "scores.environment")
                continue
            self.assertStatus(r, 201)
            self.assertEqual(r.json["level"], want, env)
            self.assertEqual(reached(s, sc), want)

    def test_random_sheets_against_the_model(self):
        """40 random sheets (near the share thresholds half the time), each
        on a fresh facility, applied for a random level: the level given is
        min(reached, applied, 三级) computed here, the total the exact sum."""
        rng = random.Random(18)
        s = self.nat
        for k in range(40):
            sc = {}
            for x in s["sections"]:
                if rng.random() < 0.5:
                    share = rng.choice(s["levels"])["min_share"]
                    v = Decimal(x["max"]) * share / 100 + Decimal(rng.randint(-10, 10)) / 10
                else:
                    v = Decimal(rng.randint(0, x["max"] * 10)) / 10
                v = min(max(v, Decimal(0)), Decimal(x["max"]))
                sc[x["code"]] = str(v.quantize(Decimal("0.1")))
            applied = rng.choice([None, 1, 2, 3, 4, 5])
            want = min(reached(s, sc), applied or 5, s["first_max_level"])
            f = self.new(facility_body(TOWN, name="随机评定院"))
            body = {} if applied is None else {"applied_level": applied}
            j = self.rated(f, sc, "2025-03-01", **body)
            self.assertEqual(j["level"], want if reached(s, sc) else 0, (sc, applied))
            self.assertEqual(j["outcome"], "rated" if reached(s, sc) else "refused")
            self.assertEqual(Decimal(j["total"]), sum(Decimal(v) for v in sc.values()))

    def test_first_rating_capped_then_renewal_window(self):
        f = self.new(facility_body(TOWN, name="首评养老院"))
        j = self.rated(f, full(self.nat), "2023-01-10")
        self.assertEqual((j["outcome"], j["level"], j["level_name"]), ("rated", 3, "三级"))
        self.assertIn("首次评定最高为三级", j["reason"])
        self.assertEqual((j["valid_until"], j["renewal_from"]), ("2026-01-09", "2025-07-10"))
        # before the renewal window: refused, the rating stands
        j = self.rated(f, full(self.nat), "2025-07-09")
        self.assertEqual(j["outcome"], "refused")
        self.assertIn("2025-07-10", j["reason"])
        # in the window: no cap; the applied level bounds the award
        j = self.rated(f, full(self.nat), "2025-07-10", applied_level=4)
        self.assertEqual((j["outcome"], j["level"], j["valid_until"]), ("rated", 4, "2028-07-09"))
        cur = [r for r in self.admin.get(GRADING, params={"region": TOWN, "as_of": "2025-08-01"})
               .json["ratings"] if r["facility_id"] == f]
        self.assertEqual([(r["scheme"], r["level"]) for r in cur], [("national_grade", 4)])
        # the first rating was renewed: never lapses
        r = self.admin.post(LAPSE, {"day": "2026-06-01"})
        self.assertStatus(r, 200)
        self.assertNotIn(f, [x["facility_id"] for x in r.json["items"]])

    def test_concurrent_applications_give_one_rating(self):
        """Eight identical applications at once: one rating (the UNIQUE
        index of a scheme's rating a day, or the rating in force seen by a
        later one), every other answer a refusal or 409, each audited."""
        f = self.new(facility_body(TOWN, name="并发评定院"))
        outs = []

        def run():
            outs.append(self.assess(f, full(self.nat), "2025-05-05"))
        ts = [threading.Thread(target=run) for _ in range(8)]
        [t.start() for t in ts]
        [t.join() for t in ts]
        self.assertTrue(all(r.status in (201, 409) for r in outs), [r.status for r in outs])
        rated = [r for r in outs if r.status == 201 and r.json["outcome"] == "rated"]
        self.assertEqual(len(rated), 1, [r.summary() for r in outs])
        self.assertEqual(harness.db_rows(self.server.db, "SELECT count(*) FROM facility_rating"
                                         " WHERE facility_id = ?", (f,)), [(1,)])
        n201 = sum(1 for r in outs if r.status == 201)
        self.assertEqual(harness.db_rows(self.server.db, "SELECT count(*) FROM grade_assessment"
                                         " WHERE facility_id = ?", (f,)), [(n201,)])

    def test_open_a_year(self):
        f = self.new(facility_body(TOWN, name="新开养老院", opened_on="2024-06-01"))
        j = self.rated(f, full(self.nat), "2025-05-31")
        self.assertEqual(j["outcome"], "refused")
        self.assertIn("开业未满12个月", j["reason"])
        j = self.rated(f, full(self.nat), "2025-06-01")
        self.assertEqual((j["outcome"], j["level"]), ("rated", 3))

    def test_not_filed(self):
        f = self.new(facility_body(TOWN, name="未备案养老院", filing_status="pending",
                                   filing_date=None))
        j = self.rated(f, full(self.nat), "2025-06-01")
        self.assertEqual((j["outcome"], j["level"], j["rating_id"]), ("refused", 0, None))
        self.assertIn("未登记备案", j["reason"])

    def test_closed_facility(self):
        f = self.new(facility_body(TOWN, name="关停养老院", closed_on="2025-01-01",
                                   closed_reason="停办"))
        j = self.rated(f, full(self.nat), "2025-02-01")
        self.assertEqual(j["outcome"], "refused")
        self.assertIn("关停", j["reason"])
        j = self.rated(f, full(self.nat), "2024-12-31")
        self.assertEqual(j["outcome"], "rated")

    def test_penalty_within_two_years(self):
        f = self.new(facility_body(TOWN, name="处罚养老院"))
        harness.db_exec(self.server.db,
                        "INSERT INTO credit_record (subject_kind, subject_id, facility_id, kind,"
                        " happened_on, summary, recorded_at) VALUES ('facility', ?, ?, 'penalty',"
                        " '2023-06-01', '消防行政处罚', '2023-06-01T00:00:00Z')", (f, f))
        j = self.rated(f, full(self.nat), "2025-06-01")
        self.assertEqual(j["outcome"], "refused")
        self.assertIn("行政处罚", j["reason"])
        j = self.rated(f, full(self.nat), "2025-06-02")
        self.assertEqual(j["outcome"], "rated")

    def test_black_listed(self):
        f = self.new(facility_body(TOWN, name="失信养老院"))
        harness.db_exec(self.server.db,
                        "INSERT INTO credit_listing (subject_kind, subject_id, facility_id, list,"
                        " ground, status, listed_on, created_at) VALUES ('facility', ?, ?,"
                        " 'black', 'fraud', 'listed', '2024-01-01', '2024-01-01T00:00:00Z')",
                        (f, f))
        j = self.rated(f, full(self.nat), "2025-06-01")
        self.assertEqual(j["outcome"], "refused")
        self.assertIn("黑名单", j["reason"])
        # before the listing the same sheet is rated
        j = self.rated(f, full(self.nat), "2023-12-31")
        self.assertEqual(j["outcome"], "rated")

    def test_expiry_and_lapse_recorded_once(self):
        f = self.new(facility_body(TOWN, name="过期养老院"))
        j = self.rated(f, full(self.nat), "2022-06-05")
        rid = j["rating_id"]
        self.assertEqual((j["valid_until"], j["renewal_from"]), ("2025-06-04", "2024-12-05"))
        over = self.admin.get(GRADING, params={"region": TOWN, "as_of": "2024-12-05"}).json
        self.assertIn(rid, [x["rating_id"] for x in over["expiring"]])
        over = self.admin.get(GRADING, params={"region": TOWN, "as_of": "2024-12-04"}).json
        self.assertNotIn(rid, [x["rating_id"] for x in over["expiring"]])
        # eight runs at once record the lapse once
        outs = []

        def run():
            outs.append(self.admin.post(LAPSE, {"day": "2025-07-01"}))
        ts = [threading.Thread(target=run) for _ in range(8)]
        [t.start() for t in ts]
        [t.join() for t in ts]
        mine = [x for r in outs for x in (r.json or {}).get("items", []) if x["rating_id"] == rid]
        self.assertTrue(all(r.status in (200, 409) for r in outs), [r.status for r in outs])
        self.assertEqual(len(mine), 1)
        self.assertEqual(mine[0]["lapsed_on"], "2025-06-05")
        self.assertEqual(harness.db_rows(self.server.db,
                                         "SELECT count(*), min(lapsed_on) FROM grade_lapse"
                                         " WHERE rating_id = ?", (rid,)),
                         [(1, "2025-06-05")])
        r = self.admin.post(LAPSE, {"day": "2025-07-01"})
        self.assertNotIn(rid, [x["rating_id"] for x in r.json["items"]])
        over = self.admin.get(GRADING, params={"region": TOWN, "as_of": "2025-07-01"}).json
        self.assertIn(rid, [x["rating_id"] for x in over["lapsed"]])
        self.assertNotIn(f, [x["facility_id"] for x in over["ratings"]])
        self.assertEqual(harness.db_rows(self.server.db,
                                         "SELECT count(*) FROM audit WHERE entity = 'facility_rating'"
                                         " AND action = 'lapse' AND entity_id = ?", (str(rid),)),
                         [(1,)])

    def test_two_schemes_at_once(self):
        nat = scheme("national_grade", "360200000000-jingdezhen.json")
        est = scheme("elderly_star", "360200000000-jingdezhen.json")
        f = self.new(facility_body(CHANGJIANG, name="景德镇双评养老院"))
        a = self.rated(f, full(nat), "2025-01-10")
        b = self.rated(f, full(est), "2025-02-10", scheme_code="elderly_star")
        self.assertEqual((a["level_name"], b["level_name"]), ("三级", "三星"))
        rows = [r for r in self.admin.get(GRADING, params={"region": CHANGJIANG,
                                                            "as_of": "2025-03-01"}).json["ratings"]
                if r["facility_id"] == f]
        self.assertEqual(sorted((r["scheme"], r["level"]) for r in rows),
                         [("elderly_star", 3), ("national_grade", 3)])
        # the family's view (issue 16's ratings route) shows the national
        # grade; the local star scheme is read here
        cur = self.admin.get("/api/v1/facilities/%d/ratings" % f, params={"as_of": "2025-03-01"}).json
        self.assertEqual((cur["current"]["scheme"], cur["current"]["label"]), ("national_grade", "三级"))
        self.assertEqual([x["scheme"] for x in cur["items"]], ["national_grade"])
        # a scheme of another kind, or of another region, is refused
        self.assertError(self.assess(f, full(self.star), "2025-03-01", scheme_code="childcare_star"),
                         422, "scheme")
        self.assertError(self.assess(self.mine, full(est), "2025-03-01", scheme_code="elderly_star"),
                         422, "scheme")

    def test_star_rating_of_childcare(self):
        f = self.new(childcare_body(TOWN, name="星级托育园"))
        sc = sheet(self.star, [60] * 7)
        want = reached(self.star, sc)
        j = self.rated(f, sc, "2025-04-01", scheme_code="childcare_star")
        self.assertEqual((j["level"], j["level_name"]), (want, ["一星", "二星", "三星"][want - 1]))

    # -- the region's figures ----------------------------------------------------

    def test_overview_against_a_count(self):
        day = "2025-09-30"
        els = [self.new(facility_body(TOWN2, name="统计养老院")) for _ in range(5)]
        ccs = [self.new(childcare_body(TOWN2, name="统计托育园")) for _ in range(2)]
        self.new(facility_body(TOWN2, name="已关养老院", closed_on="2025-01-01",
                               closed_reason="停办"))
        levels = {els[0]: 40, els[1]: 60, els[2]: 100}  # percent of every max
        for fid, p in levels.items():
            self.rated(fid, sheet(self.nat, [p] * 4), "2025-02-01")
        self.rated(els[3], sheet(self.nat, [30] * 4), "2025-02-01")  # refused
        self.rated(ccs[0], full(self.star), "2025-02-01", scheme_code="childcare_star")
        j = self.admin.get(GRADING, params={"region": TOWN2, "as_of": day}).json
        graded = sum(1 for p in levels.values() if reached(self.nat, sheet(self.nat, [p] * 4)) >= 1)
        pct = str((Decimal(graded) * 100 / 5).quantize(Decimal("0.01"), ROUND_HALF_UP))
        self.assertEqual(j["graded_elderly"], {"numerator": graded, "denominator": 5,
                                               "percent": pct, "rounding": "half_up"})
        self.assertEqual(j["star_rated_childcare"]["count"], 1)
        nat = next(s for s in j["schemes"] if s["code"] == "national_grade")
        want = [0] * 5
        for p in levels.values():
            want[min(reached(self.nat, sheet(self.nat, [p] * 4)), 3) - 1] += 1
        self.assertEqual([x["count"] for x in nat["levels"]], want)
        # 巴中 evaluates every filed institution each year (000 第333行):
        # all seven are due until an annual evaluation is recorded
        due = {(d["facility_id"], d["scheme"]) for d in j["annual_due"]}
        self.assertTrue({(f, "national_grade") for f in els} <= due)
        self.assertTrue({(f, "childcare_star") for f in ccs} <= due)
        r = self.assess(els[4], sheet(self.nat, [50] * 4), "2025-05-01", kind="annual")
        self.assertStatus(r, 201)
        self.assertEqual((r.json["outcome"], r.json["level"], r.json["rating_id"]),
                         ("evaluated", 2, None))
        j = self.admin.get(GRADING, params={"region": TOWN2, "as_of": day}).json
        due = {(d["facility_id"], d["scheme"]) for d in j["annual_due"]}
        self.assertNotIn((els[4], "national_grade"), due)
        self.assertEqual(j["graded_elderly"]["numerator"], graded)  # no rating from it

    def test_elements_make_the_plans_rows(self):
        """大竹 quality.01 (001 第309行: 60% at 一级) is graded elderly
        institutions ÷ elderly institutions open; 巴中 childcare.08 (000
        表2第8行) the star-rated childcare institutions, from the ratings in
        force on the period's last day."""
        dz_town, bz_town = "511724141000", "511902143000"
        a = self.admin
        a.create_region(dz_town, "大竹评定镇", "township", "511724000000")
        a.create_region(bz_town, "巴中星级镇", "township", BAZHOU)
        els = [self.new(facility_body(dz_town, name="大竹评定养老院")) for _ in range(4)]
        for f in els[:2]:
            self.rated(f, sheet(self.nat, [40] * 4), "2025-03-01")
        self.rated(els[2], sheet(self.nat, [39] * 4), "2025-03-01")  # refused
        ccs = [self.new(childcare_body(bz_town, name="巴中星级托育园")) for _ in range(3)]
        self.rated(ccs[0], full(self.star), "2025-03-01", scheme_code="childcare_star")
        self.rated(ccs[1], sheet(self.star, [10] * 7), "2025-03-01", scheme_code="childcare_star")

        def ind(region, period, ind_id):
            r = a.get("/api/v1/indicators", params={"region": region, "period": period})
            self.assertStatus(r, 200)
            return next(i for i in r.json["indicators"] if i["id"] == ind_id)
        q = ind(dz_town, "2025", "dazhu.quality.01")
        self.assertEqual((q["origin"], q["numerator"], q["denominator"]), ("computed", "2", "4"))
        self.assertEqual(Decimal(q["value"]), Decimal(50))
        q = ind(dz_town, "2024", "dazhu.quality.01")
        self.assertEqual((q["numerator"], q["denominator"]), ("0", "4"))
        s = ind(bz_town, "2025", "bazhong.childcare.08")
        self.assertEqual((s["origin"], s["numerator"]), ("computed", "1"))
        self.assertEqual(ind(bz_town, "2024", "bazhong.childcare.08")["numerator"], "0")

    # -- bad input and scope -------------------------------------------------------

    def test_bad_input_names_the_field_and_writes_nothing(self):
        f = self.new(facility_body(TOWN, name="坏输入养老院"))
        before = harness.db_rows(self.server.db, "SELECT count(*) FROM grade_assessment")[0][0]
        good = full(self.nat)
        for body, field in (
                (dict(good, service=None), "scores.service"),
                ({k: v for k, v in good.items() if k != "service"}, "scores.service"),
                (dict(good, service="600.5"), "scores.service"),
                (dict(good, service="-1"), "scores.service"),
                (dict(good, service="1e2"), "scores.service"),
                (dict(good, service=500), "scores.service"),
                (dict(good, kitchen="10"), "scores.kitchen")):
            self.assertError(self.assess(f, body, "2025-01-01"), 422, field, str(body))
        self.assertError(self.assess(f, good, "2025-01-01", scheme_code="nope"), 422, "scheme")
        self.assertError(self.assess(f, good, "2025-02-30"), 422, "assessed_on")
        self.assertError(self.assess(f, good, "2099-01-01"), 422, "assessed_on")
        self.assertError(self.assess(f, good, "2025-01-01", applied_level=6), 422, "applied_level")
        self.assertError(self.assess(f, good, "2025-01-01", kind="monthly"), 422, "kind")
        self.assertError(self.assess(f, good, "2025-01-01", colour="red"), 422, "colour")
        self.assertError(self.admin.post(LAPSE, {"day": "2025-13-01"}), 422, "day")
        after = harness.db_rows(self.server.db, "SELECT count(*) FROM grade_assessment")[0][0]
        self.assertEqual(before, after)

    def test_who_writes_and_who_reads(self):
        good = full(self.nat)
        j = self.rated(self.mine, good, "2025-01-02", who=self.dept)  # a department writes
        self.assertEqual(j["outcome"], "rated")
        self.assertError(self.assess(self.mine, good, "2025-08-01", who=self.op), 403)
        self.assertError(self.assess(self.mine, good, "2025-08-01", who=self.ro), 403)
        self.assertError(self.assess(self.mine, good, "2025-08-01", who=self.insp), 403)
        self.assertDenied(self.assess(self.mine, good, "2025-08-01", who=self.county_ey))
        self.assertError(self.op.post(LAPSE, {"day": "2025-01-01"}), 403)
        # the operator reads its own facility only
        r = self.op.get(assessments(self.mine))
        self.assertStatus(r, 200)
        self.assertEqual(r.json["items"][0]["scheme_name"], "养老机构等级评定")
        self.assertDenied(self.op.get(assessments(self.ey)))
        self.assertDenied(self.county_ey.get(assessments(self.mine)))
        for c in (self.ro, self.insp, self.dept):
            self.assertStatus(c.get(GRADING, params={"region": TOWN}), 200)
        self.assertDenied(self.county_ey.get(GRADING, params={"region": TOWN}))
        # the decision is audited with its outcome
        rows = harness.db_rows(self.server.db, "SELECT after FROM audit WHERE"
                               " entity = 'grade_assessment' AND entity_id = ?", (str(j["id"]),))
        self.assertEqual(len(rows), 1)
        self.assertIn("rated", rows[0][0])

    # -- the command line ------------------------------------------------------------

    def test_cli(self):
        f = self.new(facility_body(TOWN, name="命令行养老院"))
        args = ["grade", "assess", str(f), "--scheme", "national_grade", "--on", "2025-04-01",
                "--applied", "2", "--evaluator", "评定组"]
        for code, v in full(self.nat).items():
            args += ["--score", "%s=%s" % (code, v)]
        p = harness.run_cli(args, self.server.db)
        self.assertEqual(p.returncode, 0, p.stderr)
        out = p.stdout.decode("utf-8")
        self.assertIn("评定通过 二级", out)
        self.assertIn("总分 1000", out)
        j = self.admin.get(assessments(f)).json["items"]
        self.assertEqual([(x["level"], x["evaluator"]) for x in j],
                         [(2, "评定组")])
        p = harness.run_cli(args[:-2] + ["--score", "service=600.55"], self.server.db)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("scores.service", p.stderr.decode("utf-8"))
        p = harness.run_cli(["grade", "list", "--region", TOWN, "--as-of", "2025-05-01", "--json"],
                            self.server.db)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn(f, [r["facility_id"] for r in json.loads(p.stdout)["ratings"]])
        p = harness.run_cli(["grade", "list", "--region", TOWN, "--as-of", "2025-05-01"],
                            self.server.db)
        self.assertIn("养老机构评定一级及以上", p.stdout.decode("utf-8"))
        p = harness.run_cli(["grade", "lapse", "--day", "2025-01-01"], self.server.db)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("记录失效", p.stdout.decode("utf-8"))
