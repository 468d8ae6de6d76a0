"""Random inspections (docs/api.md "Inspectors, plans and the random
draw"): the roster of inspectors with departments and ties; a plan drawn
for a township and a quarter under 巴中's inspections policy, re-drawn
here by a second implementation of the published algorithm
(inspect_redraw.py) from the published inputs and seed; the yearly floor
(every filed elderly institution in), two inspectors a check, recusal,
notice of at least three working days counted here on the calendar;
verify matching, and failing after the stored inputs or a check are
altered; a draw without enough untied inspectors refused naming the
facility and writing nothing; the public page; an inspector's own checks
only, a family nothing."""

import glob
import json
import os
import re
from datetime import date, timedelta

import harness
from harness import ApiTestCase, facility_body, login_as
from inspect_redraw import redraw, working

REPO = os.path.normpath(os.path.join(harness.HERE, "..", ".."))
PASSWORD = "correct horse battery"
BAZHOU = "511902000000"
TOWN = "511902117000"
TOWN2 = "511902118000"
TB = "511902119000"
TB2 = "511902120000"
PLANS = "/api/v1/inspect/plans"
CHECKS = "/api/v1/inspect/checks"


def policy():
    with open(os.path.join(REPO, "policies", "511900000000-bazhong.json"), encoding="utf-8") as f:
        return json.load(f)["inspections"]


def working_days_between(a, b):
    """Working days d with a <= d < b (weekends off; the policy lists no
    holidays)."""
    n, d = 0, a
    while d < b:
        n += d.weekday() < 5
        d += timedelta(days=1)
    return n


class InspectPlans(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_region(TOWN, "检查测试镇", "township", BAZHOU)
        a.create_region(TOWN2, "检查少人镇", "township", BAZHOU)
        cls.homes = [a.create_facility(facility_body(TOWN, name="检查测试养老院%d" % i))["id"]
                     for i in range(5)]
        cls.daycare = a.create_facility(facility_body(
            TOWN, name="检查测试日间照料中心", kind="day_care_center", beds=10,
            nursing_beds=0, occupied_beds=0, medical_integration=False))["id"]
        cls.unfiled = a.create_facility(facility_body(
            TOWN, name="检查测试未备案院", filing_status="unfiled", filing_date=None))["id"]
        cls.closed = a.create_facility(facility_body(
            TOWN, name="检查测试已关闭院", closed_on="2024-01-01", closed_reason="停业"))["id"]
        cls.lone = a.create_facility(facility_body(TOWN2, name="少人镇养老院"))["id"]
        a.create_user("insp_county", "county_official", BAZHOU, password=PASSWORD)
        cls.county = login_as(cls.server, "insp_county", PASSWORD)
        cls.inspectors = {}
        for name, dept in (("insp_a", "民政"), ("insp_b", "民政"), ("insp_c", "消防救援"),
                           ("insp_d", "市场监管"), ("insp_e", "卫生健康")):
            u = a.create_user(name, "inspector", TOWN, password=PASSWORD, display_name=name.upper())
            cls.inspectors[name] = u["id"]
            r = cls.county.put("/api/v1/inspectors/%d" % u["id"], {"department": dept})
            assert r.status == 200, r.summary()
        u = a.create_user("insp_lone", "inspector", TOWN2, password=PASSWORD)
        cls.lone_inspector = u["id"]
        assert cls.county.put("/api/v1/inspectors/%d" % u["id"],
                              {"department": "民政"}).status == 200
        a.create_user("insp_family", "family", BAZHOU, password=PASSWORD)
        cls.family = login_as(cls.server, "insp_family", PASSWORD)
        cls.year = date.today().year + 1

    def test_1_roster(self):
        a_id = self.inspectors["insp_a"]
        # a tie for recusal: insp_a worked at the first home
        r = self.county.post("/api/v1/inspectors/%d/ties" % a_id,
                             {"facility_id": self.homes[0], "reason": "曾在该机构任职"})
        self.assertStatus(r, 201)
        self.assertError(self.county.post("/api/v1/inspectors/%d/ties" % a_id,
                                          {"facility_id": self.homes[0], "reason": "again"}), 409)
        self.assertError(self.county.post("/api/v1/inspectors/%d/ties" % a_id,
                                          {"facility_id": self.homes[1]}), 422, "reason")
        r = self.county.get("/api/v1/inspectors", params={"region": TOWN})
        self.assertStatus(r, 200)
        rows = {x["account_id"]: x for x in r.json["items"]}
        self.assertEqual(set(rows), set(self.inspectors.values()))
        self.assertEqual(rows[a_id]["department"], "民政")
        self.assertEqual([(t["facility_id"], t["reason"]) for t in rows[a_id]["ties"]],
                         [(self.homes[0], "曾在该机构任职")])
        # a county official cannot put a non-inspector account on the roster
        u = self.admin.create_user("insp_not", "readonly", TOWN, password=PASSWORD)
        self.assertError(self.county.put("/api/v1/inspectors/%d" % u["id"],
                                         {"department": "民政"}), 422, "account_id")
        self.assertError(self.county.put("/api/v1/inspectors/%d" % a_id, {}), 422, "department")

    def test_2_draw_and_redraw(self):
        pol = policy()
        period = "%dQ1" % self.year
        r = self.county.post(PLANS, {"region": TOWN, "period": period, "seed": "巴州2027一季度"})
        self.assertStatus(r, 201, "draw")
        plan = r.json
        inputs, seed = plan["inputs"], plan["seed"]
        self.assertEqual(seed, "巴州2027一季度")
        self.assertEqual(plan["algorithm"], "lx-inspect-draw/1")
        # the targets: filed and open facilities of the township only
        self.assertEqual([t["id"] for t in inputs["targets"]], sorted(self.homes + [self.daycare]))
        self.assertEqual([p["id"] for p in inputs["inspectors"]],
                         sorted(self.inspectors.values()))
        self.assertEqual(inputs["per_check"], pol["inspectors_per_check"])
        self.assertEqual([i["code"] for i in inputs["items"]], [i["code"] for i in pol["items"]])
        # the digest: SHA-256 of the canonical inputs, a newline and the seed
        import hashlib
        canon = json.dumps(inputs, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        self.assertEqual(plan["digest"],
                         hashlib.sha256((canon + "\n" + seed).encode("utf-8")).hexdigest())
        # re-drawn here from the published inputs: the same list
        mine = redraw(inputs, seed)
        got = sorted(({"facility_id": c["facility_id"], "items": [i["code"] for i in c["items"]],
                       "scheduled_on": c["scheduled_on"], "notice_on": c["notice_on"],
                       "inspectors": sorted(p["account_id"] for p in c["inspectors"])}
                      for c in plan["checks"]), key=lambda c: c["facility_id"])
        self.assertEqual(got, mine)
        # every filed elderly institution has its yearly on-site check
        self.assertTrue(set(self.homes) <= {c["facility_id"] for c in mine})
        for c in plan["checks"]:
            if c["facility_id"] in self.homes:
                self.assertIn(pol["floor_item"], [i["code"] for i in c["items"]])
        # each item's sample: ceil(rate × eligible / 100), counted here
        for it in pol["items"]:
            n = sum(1 for t in inputs["targets"] if t["kind"] in it["kinds"])
            want = -(-it["rate_percent"] * n // 100)
            if it["code"] == pol["floor_item"]:
                want = max(want, sum(1 for t in inputs["targets"]
                                     if t["kind"] in it["kinds"] and t["needs_floor"]))
            self.assertEqual(sum(it["code"] in [i["code"] for i in c["items"]]
                                 for c in plan["checks"]), want, it["code"])
        first = date(self.year, 1, 1)
        for c in plan["checks"]:
            ids = [p["account_id"] for p in c["inspectors"]]
            self.assertGreaterEqual(len(set(ids)), 2)
            # recusal
            if c["facility_id"] == self.homes[0]:
                self.assertNotIn(self.inspectors["insp_a"], ids)
            on = date.fromisoformat(c["scheduled_on"])
            notice = date.fromisoformat(c["notice_on"])
            self.assertTrue(working(on, set()))
            self.assertGreaterEqual(on, first)
            self.assertLessEqual(on, date(self.year, 3, 31))
            self.assertGreaterEqual(working_days_between(notice, on), pol["notice_working_days"])
            self.assertGreaterEqual(notice, date.today())
            self.assertEqual(c["kind"], "random")
        # verify: the same list
        v = self.county.get("%s/%d/verify" % (PLANS, plan["id"]))
        self.assertStatus(v, 200)
        self.assertEqual((v.json["matches"], v.json["label"]), (True, "一致"))
        # another seed, another list
        r2 = self.county.post(PLANS, {"region": TOWN, "period": period, "seed": "another"})
        self.assertStatus(r2, 201)
        # the homes have their check of the year now: no floor any more
        self.assertEqual([t["needs_floor"] for t in r2.json["inputs"]["targets"]],
                         [False] * len(inputs["targets"]))
        self.assertEqual(r2.json["inputs"]["inspectors"], inputs["inspectors"])
        self.assertNotEqual(redraw(inputs, "another"), mine)
        # tampered: a weight in the stored inputs, then a check's day
        db = self.server.db
        pid = r2.json["id"]
        harness.db_exec(db, "UPDATE inspect_plan SET inputs = REPLACE(inputs, '\"weight\":1',"
                        " '\"weight\":2') WHERE id = ?", (pid,))
        v = self.county.get("%s/%d/verify" % (PLANS, pid))
        self.assertStatus(v, 200)
        self.assertEqual((v.json["matches"], v.json["digest_matches"], v.json["label"]),
                         (False, False, "不一致"))
        harness.db_exec(db, "UPDATE inspect_check SET scheduled_on = '%d-12-31'"
                        " WHERE id = (SELECT MIN(id) FROM inspect_check WHERE plan_id = ?)"
                        % (self.year - 1), (plan["id"],))
        v = self.county.get("%s/%d/verify" % (PLANS, plan["id"]))
        self.assertEqual((v.json["matches"], v.json["digest_matches"], v.json["checks_match"]),
                         (False, True, False))
        # the public page: only once published, without login
        anon = self.server.client()
        self.assertError(anon.get("/api/v1/public/inspect/plans/%d" % pid), 404)
        self.assertStatus(self.county.post("%s/%d/publish" % (PLANS, pid), {}), 200)
        self.assertError(self.county.post("%s/%d/publish" % (PLANS, pid), {}), 409, "status")
        p = anon.get("/api/v1/public/inspect/plans/%d" % pid)
        self.assertStatus(p, 200)
        self.assertEqual(p.json["seed"], "another")
        self.assertTrue(all(c["facility_name"] for c in p.json["checks"]))
        # a publication of the first plan (its inputs, seed, digest and the
        # list drawn here) re-drawn by the command line without a database;
        # altered, it is 不一致 (exit status 3). The first plan as stored
        # has a check altered above, so verifying it is 不一致 too.
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            f = os.path.join(tmp, "plan.json")
            pub = dict(p.json)
            pub["inputs"] = json.loads(harness.db_rows(
                db, "SELECT inputs FROM inspect_plan WHERE id = ?", (plan["id"],))[0][0])
            pub["seed"], pub["digest"] = plan["seed"], plan["digest"]
            pub["checks"] = mine
            with open(f, "w", encoding="utf-8") as out:
                json.dump(pub, out, ensure_ascii=False)
            cp = harness.run_cli(["inspect", "verify", "--inputs", f], db)
            self.assertEqual(cp.returncode, 0, cp.stderr.decode())
            self.assertIn("一致", cp.stdout.decode())
            pub["checks"][0]["scheduled_on"] = "%d-12-31" % (self.year - 1)
            with open(f, "w", encoding="utf-8") as out:
                json.dump(pub, out, ensure_ascii=False)
            cp = harness.run_cli(["inspect", "verify", "--inputs", f], db)
            self.assertEqual(cp.returncode, 3, cp.stderr.decode())
            self.assertIn("不一致", cp.stdout.decode())
        cp = harness.run_cli(["inspect", "verify", str(plan["id"])], db)
        self.assertEqual(cp.returncode, 3, cp.stderr.decode())

    def test_3_too_few_inspectors(self):
        def count():
            return (harness.db_rows(self.server.db, "SELECT COUNT(*) FROM inspect_plan")[0][0],
                    harness.db_rows(self.server.db, "SELECT COUNT(*) FROM inspect_check")[0][0])
        before = count()
        r = self.county.post(PLANS, {"region": TOWN2, "period": "%dQ2" % self.year})
        err = self.assertError(r, 422, "inspectors")
        self.assertIn("少人镇养老院", err["message"])
        self.assertEqual(count(), before)
        # bad input names its field
        self.assertError(self.county.post(PLANS, {"region": TOWN, "period": "2027-13"}), 422,
                         "period")
        self.assertError(self.county.post(PLANS, {"region": "511902999000", "period": "2027"}),
                         422, "region")
        self.assertError(self.county.post(PLANS, {"region": TOWN, "period": "2020Q1"}), 422,
                         "period")
        self.assertEqual(count(), before)

    def test_5_risk_class_weighs(self):
        pol = policy()
        path = "/api/v1/inspect/facilities/%d/risk" % self.homes[3]
        self.assertError(self.county.put(path, {"risk_class": "Z"}), 422, "risk_class")
        self.assertError(self.county.put(path, {}), 422, "risk_class")
        self.assertStatus(self.county.put(path, {"risk_class": "D"}), 200)
        r = self.county.post(PLANS, {"region": TOWN, "period": "%dQ3" % self.year, "seed": "风险"})
        self.assertStatus(r, 201)
        t = {x["id"]: x for x in r.json["inputs"]["targets"]}
        self.assertEqual((t[self.homes[3]]["risk_class"], t[self.homes[3]]["weight"]),
                         ("D", pol["risk_weights"]["D"]))
        self.assertEqual((t[self.homes[4]]["risk_class"], t[self.homes[4]]["weight"]),
                         ("unclassified", pol["risk_weights"]["unclassified"]))
        self.assertEqual(redraw(r.json["inputs"], "风险"),
                         sorted(({"facility_id": c["facility_id"],
                                  "items": [i["code"] for i in c["items"]],
                                  "scheduled_on": c["scheduled_on"], "notice_on": c["notice_on"],
                                  "inspectors": sorted(p["account_id"] for p in c["inspectors"])}
                                 for c in r.json["checks"]), key=lambda c: c["facility_id"]))
        # a reader may not set it
        ro = self.admin.create_user("insp_ro", "readonly", BAZHOU, password=PASSWORD)
        self.assertEqual(login_as(self.server, "insp_ro", PASSWORD).put(
            path, {"risk_class": "A"}).status, 403)
        self.assertTrue(ro["id"])

    def test_6_random_draws_against_a_model(self):
        """Random risk classes, ties and seeds: each draw's inputs hold what
        the model here says and its list is the one re-drawn here."""
        import random
        rnd = random.Random(1729)
        pol = policy()
        db = self.server.db
        ties = {(a, f) for a, f in harness.db_rows(db, "SELECT account_id, facility_id FROM"
                                                   " inspector_tie")}
        risk = {f: c for f, c in harness.db_rows(db, "SELECT facility_id, risk_class FROM"
                                                 " facility_risk")}
        targets = sorted(self.homes + [self.daycare])
        people = sorted(self.inspectors.values())
        drawn = 0
        for n in range(8):
            f = rnd.choice(targets)
            c = rnd.choice(sorted(pol["risk_weights"]))
            self.assertStatus(self.county.put("/api/v1/inspect/facilities/%d/risk" % f,
                                              {"risk_class": c}), 200)
            risk[f] = c
            a, f = rnd.choice(people), rnd.choice(targets)
            if (a, f) in ties:
                self.assertStatus(self.county.delete("/api/v1/inspectors/%d/ties" % a,
                                                     json_body={"facility_id": f}), 200)
                ties.discard((a, f))
            else:
                self.assertStatus(self.county.post("/api/v1/inspectors/%d/ties" % a,
                                                   {"facility_id": f, "reason": "随机"}), 201)
                ties.add((a, f))
            seed = "%016x" % rnd.getrandbits(64)
            period = "%dQ%d" % (self.year + 1 + n // 4, n % 4 + 1)
            r = self.county.post(PLANS, {"region": TOWN, "period": period, "seed": seed})
            if r.status == 422:
                # refused only when a drawn facility lacks untied inspectors
                self.assertEqual(r.json["error"]["field"], "inspectors")
                continue
            self.assertStatus(r, 201, period)
            inputs = r.json["inputs"]
            self.assertEqual([(t["id"], t["risk_class"], t["weight"]) for t in inputs["targets"]],
                             [(t, risk.get(t, "unclassified"),
                               pol["risk_weights"][risk.get(t, "unclassified")]) for t in targets])
            self.assertEqual([(p["id"], p["ties"]) for p in inputs["inspectors"]],
                             [(p, sorted(f for a, f in ties if a == p)) for p in people])
            got = sorted(({"facility_id": c["facility_id"],
                           "items": [i["code"] for i in c["items"]],
                           "scheduled_on": c["scheduled_on"], "notice_on": c["notice_on"],
                           "inspectors": sorted(p["account_id"] for p in c["inspectors"])}
                          for c in r.json["checks"]), key=lambda c: c["facility_id"])
            self.assertEqual(got, redraw(inputs, seed), period)
            for c in got:
                self.assertFalse(any((a, c["facility_id"]) in ties for a in c["inspectors"]))
            drawn += 1
        self.assertGreaterEqual(drawn, 6)

    def test_4_inspector_day_and_authz(self):
        today = date.today()
        a, c = self.inspectors["insp_b"], self.inspectors["insp_c"]
        # a case check is not announced: today is fine
        r = self.county.post(CHECKS, {"facility_id": self.homes[2], "kind": "case",
                                      "items": ["fire"], "scheduled_on": today.isoformat(),
                                      "inspectors": [a, c]})
        self.assertStatus(r, 201)
        self.assertIsNone(r.json["notice_on"])
        # a daily check needs three working days' notice
        self.assertError(self.county.post(CHECKS, {
            "facility_id": self.homes[2], "kind": "daily", "items": ["fire"],
            "scheduled_on": (today + timedelta(days=1)).isoformat(), "inspectors": [a, c]}),
            422, "scheduled_on")
        # recusal and two inspectors
        self.assertError(self.county.post(CHECKS, {
            "facility_id": self.homes[0], "kind": "case", "items": ["fire"],
            "scheduled_on": today.isoformat(),
            "inspectors": [self.inspectors["insp_a"], c]}), 422, "inspectors")
        self.assertError(self.county.post(CHECKS, {
            "facility_id": self.homes[2], "kind": "case", "items": ["fire"],
            "scheduled_on": today.isoformat(), "inspectors": [a]}), 422, "inspectors")
        ins = login_as(self.server, "insp_b", PASSWORD)
        r = ins.get(CHECKS, params={"mine": "1", "day": today.isoformat()})
        self.assertStatus(r, 200)
        self.assertEqual([x["facility_id"] for x in r.json["items"]], [self.homes[2]])
        self.assertEqual(sorted(p["account_id"] for p in r.json["items"][0]["inspectors"]),
                         sorted([a, c]))
        # an inspector sees only the checks it is on, whatever it asks
        for params in ({}, {"mine": "0"}):
            r = ins.get(CHECKS, params=params)
            self.assertStatus(r, 200)
            self.assertTrue(r.json["items"])
            for x in r.json["items"]:
                self.assertIn(a, [p["account_id"] for p in x["inspectors"]])
        # a family nothing
        self.assertEqual(self.family.get(CHECKS).status, 403)
        self.assertEqual(self.family.get(PLANS).status, 403)
        self.assertEqual(ins.get(PLANS).status, 403)
        self.assertEqual(ins.post(PLANS, {"region": TOWN, "period": "2027"}).status, 403)


class InspectBulletin(ApiTestCase):
    """The supervision bulletin against counts made by hand. The hazard
    routes belong to another part of the module, so the hazards are
    written here with SQL into the foundation's hazard table."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_region(TB, "通报测试镇", "township", BAZHOU)
        a.create_region(TB2, "通报另一镇", "township", BAZHOU)
        cls.h = [a.create_facility(facility_body(TB, name="通报养老院%d" % i))["id"]
                 for i in range(5)]
        cls.lone = a.create_facility(facility_body(TB2, name="通报另一院"))["id"]
        db = cls.server.db
        rows = [  # facility, domain, found, deadline, closed
            (cls.h[0], "fire", "2025-01-10", "2025-02-10", "2025-02-05"),
            (cls.h[1], "fire", "2025-02-01", "2025-03-01", None),
            (cls.h[2], "food", "2025-03-20", "2025-04-20", "2025-04-10"),
            (cls.lone, "building", "2025-03-05", "2025-03-15", "2025-05-01"),
            (cls.h[3], "fire", "2024-12-01", "2025-01-31", None),
            (cls.h[4], "fire", "2025-06-01", "2025-07-01", None),
        ]
        for f, dom, found, deadline, closed in rows:
            harness.db_exec(db, "INSERT INTO hazard (facility_id, domain, severity,"
                            " description, found_on, deadline, status, closed_on)"
                            " VALUES (?, ?, 'general', '测试隐患', ?, ?, ?, ?)",
                            (f, dom, found, deadline, "closed" if closed else "ordered",
                             closed))
        a.create_user("bul_county", "county_official", BAZHOU, password=PASSWORD)
        cls.county = login_as(cls.server, "bul_county", PASSWORD)

    def rows(self, period):
        r = self.county.get("/api/v1/inspect/bulletin",
                            params={"region": BAZHOU, "period": period})
        self.assertStatus(r, 200)
        return r.json, {x["region"]: x for x in r.json["rows"]}

    def test_counts(self):
        want = {  # period: {region: (found, closed, overdue)}
            "2025Q1": {BAZHOU: (4, 1, 3), TB: (3, 1, 2), TB2: (1, 0, 1)},
            "2025-03": {BAZHOU: (2, 0, 3), TB: (1, 0, 2), TB2: (1, 0, 1)},
            "2025": {BAZHOU: (5, 3, 3), TB: (4, 2, 3), TB2: (1, 1, 0)},
        }
        for period, regions in want.items():
            doc, rows = self.rows(period)
            self.assertEqual(doc["rows"][0]["region"], BAZHOU)
            for code, (found, closed, overdue) in regions.items():
                x = rows[code]
                self.assertEqual((x["hazards_found"], x["hazards_closed"], x["hazards_overdue"]),
                                 (found, closed, overdue), (period, code))
        doc, rows = self.rows("2025Q1")
        self.assertEqual(doc["title"], "巴州区养老托育机构监督检查通报（2025年第一季度）")
        self.assertEqual({d["domain"]: (d["label"], d["found"], d["closed"], d["overdue"])
                          for d in rows[TB]["by_domain"]},
                         {"fire": ("消防", 2, 1, 2), "food": ("食品", 1, 0, 0)})
        self.assertEqual(self.rows("2025-03")[0]["title"],
                         "巴州区养老托育机构监督检查通报（2025年3月）")
        self.assertEqual(self.rows("2025")[0]["title"],
                         "巴州区养老托育机构监督检查通报（2025年度）")
        # the command line prints the same
        cp = harness.run_cli(["inspect", "bulletin", "--region", BAZHOU, "--period", "2025Q1"],
                             self.server.db)
        self.assertEqual(cp.returncode, 0, cp.stderr.decode())
        out = cp.stdout.decode()
        self.assertIn("巴州区养老托育机构监督检查通报（2025年第一季度）", out)
        self.assertIn("巴州区：抽查计划 0，计划检查 0，完成检查 0，发现隐患 4，整改销号 1，逾期未整改 3", out)
        self.assertIn("通报测试镇：抽查计划 0，计划检查 0，完成检查 0，发现隐患 3，整改销号 1，逾期未整改 2", out)

    def test_plans_and_checks_counted(self):
        today = date.today()
        ins = []
        for name, dept in (("bul_a", "民政"), ("bul_b", "消防救援")):
            u = self.admin.create_user(name, "inspector", TB, password=PASSWORD)
            ins.append(u["id"])
            self.assertStatus(self.county.put("/api/v1/inspectors/%d" % u["id"],
                                              {"department": dept}), 200)
        self.assertStatus(self.county.post(PLANS, {"region": TB,
                                                   "period": "%d" % (today.year + 1)}), 201)
        self.assertStatus(self.county.post(CHECKS, {
            "facility_id": self.h[0], "kind": "case", "items": ["fire"],
            "scheduled_on": today.isoformat(), "inspectors": ins}), 201)
        month = today.strftime("%Y-%m")
        _, rows = self.rows(month)
        self.assertEqual((rows[TB]["plans"], rows[TB]["checks_scheduled"],
                          rows[TB]["checks_done"]), (1, 1, 0))
        self.assertEqual((rows[TB2]["plans"], rows[TB2]["checks_scheduled"]), (0, 0))

    def test_formats_and_scope(self):
        doc, _ = self.rows("2025Q1")
        r = self.county.get("/api/v1/inspect/bulletin",
                            params={"region": BAZHOU, "period": "2025Q1", "format": "csv"})
        self.assertStatus(r, 200)
        lines = harness.parse_csv(r.body)
        self.assertEqual(lines[0], ["地区", "领域", "抽查计划", "计划检查", "完成检查", "发现隐患",
                                    "整改销号", "逾期未整改"])
        totals = [l for l in lines[1:] if l[1] == "合计"]
        self.assertEqual([(l[0], int(l[5]), int(l[6]), int(l[7])) for l in totals],
                         [(x["region_name"], x["hazards_found"], x["hazards_closed"],
                           x["hazards_overdue"]) for x in doc["rows"]])
        r = self.county.get("/api/v1/inspect/bulletin",
                            params={"region": BAZHOU, "period": "2025Q1", "format": "html"})
        self.assertStatus(r, 200)
        self.assertIn("巴州区养老托育机构监督检查通报（2025年第一季度）", r.text)
        r = self.county.get("/api/v1/inspect/bulletin",
                            params={"region": BAZHOU, "period": "2025Q1", "format": "xlsx"})
        self.assertStatus(r, 200)
        try:
            import io
            import openpyxl
        except ImportError:
            openpyxl = None
        if openpyxl:
            ws = openpyxl.load_workbook(io.BytesIO(r.body)).active
            self.assertEqual(ws.cell(1, 1).value, doc["title"])
            self.assertEqual((ws.cell(3, 1).value, ws.cell(3, 6).value),
                             ("巴州区", 4))
        self.assertError(self.county.get("/api/v1/inspect/bulletin",
                                         params={"region": BAZHOU, "period": "2025Q5"}),
                         422, "period")
        self.assertError(self.county.get("/api/v1/inspect/bulletin",
                                         params={"region": "511903000000", "period": "2025"}),
                         403)


SEED_DIR = os.environ.get("LAOXIAO_SEEDS") or next(
    (d for d in (os.path.join(REPO, "..", "shared", "seeds"),
                 os.path.join(REPO, "..", "..", "shared", "seeds")) if os.path.isdir(d)),
    os.path.join(REPO, "..", "shared", "seeds"))


class InspectPolicyQuotes(ApiTestCase):
    """Every seed line the five files' "inspections" sections quote holds
    the words quoted (without the seeds at hand, only that each cites one
    of them); every section gives the national defaults the module rests
    on."""

    CITE = re.compile(r"(0\d\d_[0-9a-f]+\.txt)?\s*第(\d+)(?:—(\d+))?行[:：]\s*(.*?)"
                      r"(?=；第|；0\d\d_|（|$)")

    def sources(self, node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k.endswith("source") and isinstance(v, str):
                    yield v
                else:
                    yield from self.sources(v)
        elif isinstance(node, list):
            for v in node:
                yield from self.sources(v)

    def test_quotes_are_in_the_seed(self):
        seeds = {os.path.basename(f): open(f, encoding="utf-8").read().split("\n")
                 for f in glob.glob(os.path.join(SEED_DIR, "0*.txt"))}
        checked = 0
        for path in sorted(glob.glob(os.path.join(REPO, "policies", "*.json"))):
            with open(path, encoding="utf-8") as f:
                section = json.load(f)["inspections"]
            self.assertEqual(section["inspectors_per_check"], 2)
            self.assertIn("执法人员不得少于两人", section["inspectors_source"])
            self.assertIn("养老机构管理办法", section["floor_source"])
            self.assertEqual(section["notice_working_days"], 3)
            self.assertIn("30%", section["rate_source"])
            for src in self.sources(section):
                seed = None
                for m in self.CITE.finditer(src):
                    seed = m.group(1) or seed
                    self.assertIsNotNone(seed, "%s: a line cited without its seed: %s"
                                         % (os.path.basename(path), src))
                    a = int(m.group(2))
                    b = int(m.group(3) or a)
                    if not seeds:
                        checked += 1
                        continue
                    text = "".join(x.strip() for x in seeds[seed][a - 1:b])
                    for frag in re.split(r"……|；", m.group(4)):
                        frag = frag.strip().rstrip("。")
                        if frag:
                            checked += 1
                            self.assertIn(frag, text, "%s: %s line %d" % (
                                os.path.basename(path), seed, a))
        self.assertGreater(checked, 15)
