"""Family care beds (docs/api.md "Family care beds"): the life of a bed
step by step under 巴中's policy (family_beds: 经济困难的失能、部分失能老人,
002 第40行; the set-up steps; the monthly standard), each step only in
order and only once under concurrent requests, one open bed a person,
the monthly log flagged below the standard, counts of active beds by
region on a day, scope by role, every write audited.

Expected values come from the policy file read here and from dates the
test chose, never from the server's answers."""

import json
import os
import threading
from datetime import date, timedelta

import harness
from harness import ApiTestCase, facility_body, login_as
from idnumbers import Issuer

REPO = os.path.normpath(os.path.join(harness.HERE, "..", ".."))
PASSWORD = "correct horse battery"
BEDS = "/api/v1/family-beds"
PERSONS = "/api/v1/persons"
BAZHONG = "511900000000"
BAZHOU = "511902000000"
ENYANG = "511903000000"
TOWN = "511902102000"
VILLAGE = "511902102201"
TOWN_EY = "511903102000"
VILLAGE_EY = "511903102201"
ISSUER = Issuer(("511902", "511903"), "137", 41234567, 60000000)


def policy():
    with open(os.path.join(REPO, "policies", "511900000000-bazhong.json"), encoding="utf-8") as f:
        return json.load(f)["family_beds"]


class FamilyBeds(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_region(TOWN, "床位测试镇", "township", BAZHOU)
        a.create_region(VILLAGE, "床位一村", "village", TOWN)
        a.create_region(TOWN_EY, "恩阳床位镇", "township", ENYANG)
        a.create_region(VILLAGE_EY, "恩阳床位村", "village", TOWN_EY)
        cls.provider = a.create_facility(facility_body(
            BAZHOU, name="巴州区家庭床位服务中心", kind="home_bed_provider", beds=0,
            nursing_beds=0, occupied_beds=0))
        cls.other = a.create_facility(facility_body(
            BAZHOU, name="巴州区另一服务中心", kind="home_bed_provider", beds=0,
            nursing_beds=0, occupied_beds=0))
        a.create_user("bed_op", "operator", BAZHOU, password=PASSWORD,
                      facilities=[cls.provider["id"]])
        a.create_user("bed_op2", "operator", BAZHOU, password=PASSWORD,
                      facilities=[cls.other["id"]])
        a.create_user("bed_ro", "readonly", BAZHONG, password=PASSWORD)
        a.create_user("bed_county_ey", "county_official", ENYANG, password=PASSWORD)
        cls.op = login_as(cls.server, "bed_op", PASSWORD)
        cls.op2 = login_as(cls.server, "bed_op2", PASSWORD)
        cls.ro = login_as(cls.server, "bed_ro", PASSWORD)
        cls.ey = login_as(cls.server, "bed_county_ey", PASSWORD)
        cls.n = 0

    def person(self, cats, region=VILLAGE, birth=date(1948, 5, 6)):
        FamilyBeds.n += 1
        r = self.admin.post(PERSONS, {
            "kind": "elderly", "id_number": ISSUER.new_id(birth, area=region[:6]),
            "name": "床位老人%d" % self.n, "region": region,
            "categories": [{"category": c, "start": "2020-01-01"} for c in cats]})
        self.assertStatus(r, 201, "person")
        return r.json["id"]

    def apply(self, pid, client=None, facility=None):
        return (client or self.op).post(BEDS, {"person_id": pid,
                                               "facility_id": facility or self.provider["id"],
                                               "basis": "低保、失能"})

    def full_setup(self, pid, set_up_on="2024-01-10"):
        r = self.apply(pid)
        self.assertStatus(r, 201, "apply")
        bid = r.json["id"]
        self.assertStatus(self.op.post("%s/%d/assess" % (BEDS, bid),
                                       {"assessed_on": "2024-01-05", "care_level": "重度失能"}), 200)
        self.assertStatus(self.op.post("%s/%d/set-up" % (BEDS, bid), {
            "set_up_on": set_up_on, "adaptation": "卫生间扶手、防滑地面",
            "devices": "紧急呼叫器、烟感", "plan": [{"item": "care_visit", "times": 4},
                                          {"item": "bath", "times": 2}]}), 200)
        return bid

    # ------------------------------------------------------------------

    def test_1_life_of_a_bed(self):
        pol = policy()
        pid = self.person(["dibao", "disabled"])
        r = self.apply(pid)
        self.assertStatus(r, 201, "apply")
        bed = r.json
        self.assertEqual((bed["status"], bed["status_label"], bed["person_id"], bed["region"]),
                         ("applied", "已申请", pid, VILLAGE))
        bid = bed["id"]
        # a second open bed for the same person is refused
        self.assertError(self.apply(pid), 409)
        # steps only in order
        self.assertError(self.op.post("%s/%d/activate" % (BEDS, bid), {"active_from": "2024-02-01"}),
                         409, "status")
        # no assessment on file and none given
        self.assertError(self.op.post("%s/%d/assess" % (BEDS, bid), {"assessed_on": "2024-01-05"}),
                         422, "care_level")
        self.assertError(self.op.post("%s/%d/assess" % (BEDS, bid),
                                      {"assessed_on": "2099-01-05", "care_level": "x"}),
                         422, "assessed_on")
        r = self.op.post("%s/%d/assess" % (BEDS, bid),
                         {"assessed_on": "2024-01-05", "care_level": "重度失能"})
        self.assertStatus(r, 200)
        self.assertEqual((r.json["status"], r.json["care_level"]), ("assessed", "重度失能"))
        # the policy needs both the adaptation and the devices
        self.assertEqual(pol["setup_steps"], ["assessment", "adaptation", "devices", "plan"])
        body = {"set_up_on": "2024-01-10", "adaptation": "扶手", "devices": "",
                "plan": [{"item": "care_visit", "times": 4}]}
        self.assertError(self.op.post("%s/%d/set-up" % (BEDS, bid), body), 422, "devices")
        body["devices"] = "呼叫器"
        body["plan"] = [{"item": "no_such_item", "times": 4}]
        self.assertError(self.op.post("%s/%d/set-up" % (BEDS, bid), body), 422, "plan[0]")
        body["plan"] = [{"item": "care_visit", "times": 4}, {"item": "care_visit", "times": 1}]
        self.assertError(self.op.post("%s/%d/set-up" % (BEDS, bid), body), 422, "plan[1]")
        body["set_up_on"] = "2024-01-01"
        body["plan"] = [{"item": "care_visit", "times": 4}]
        self.assertError(self.op.post("%s/%d/set-up" % (BEDS, bid), body), 422, "set_up_on")
        body["set_up_on"] = "2024-01-10"
        r = self.op.post("%s/%d/set-up" % (BEDS, bid), body)
        self.assertStatus(r, 200)
        self.assertEqual(r.json["plan"], [{"item": "care_visit", "name": r.json["plan"][0]["name"],
                                           "times": 4}])
        self.assertError(self.op.post("%s/%d/activate" % (BEDS, bid), {"active_from": "2024-01-09"}),
                         422, "active_from")
        r = self.op.post("%s/%d/activate" % (BEDS, bid), {"active_from": "2024-01-15"})
        self.assertStatus(r, 200)
        self.assertEqual((r.json["status"], r.json["active_from"]), ("active", "2024-01-15"))
        # the month log: before the start refused; a partial month not held;
        # a whole month under the standard flagged; one at it not
        log = "%s/%d/log" % (BEDS, bid)
        self.assertError(self.op.put(log, {"month": "2023-12", "visits": 4, "minutes": 240}),
                         422, "month")
        self.assertError(self.op.put(log, {"month": "2024-02", "visits": -1, "minutes": 240}),
                         422, "visits")
        self.assertStatus(self.op.put(log, {"month": "2024-01", "visits": 1, "minutes": 60}), 200)
        v, m = pol["min_visits_month"], pol["min_minutes_month"]
        self.assertStatus(self.op.put(log, {"month": "2024-02", "visits": v - 1, "minutes": m}), 200)
        self.assertStatus(self.op.put(log, {"month": "2024-03", "visits": v, "minutes": m - 1}), 200)
        r = self.op.put(log, {"month": "2024-04", "visits": v, "minutes": m, "items": "上门探视、助浴"})
        self.assertStatus(r, 200)
        flags = {l["month"]: (l["held"], l["under_standard"]) for l in r.json["logs"]}
        self.assertEqual(flags, {"2024-01": (False, False), "2024-02": (True, True),
                                 "2024-03": (True, True), "2024-04": (True, False)})
        self.assertEqual(r.json["standard"]["min_visits_month"], v)
        # a month logged again replaces the earlier figures
        r = self.op.put(log, {"month": "2024-02", "visits": v, "minutes": m})
        self.assertEqual([l for l in r.json["logs"] if l["month"] == "2024-02"][0]["under_standard"],
                         False)
        # counts by region on a day
        c = self.admin.get(BEDS + "/counts", params={"region": BAZHOU, "date": "2024-06-30"})
        self.assertStatus(c, 200)
        before = c.json["active"]
        kid = [k for k in c.json["children"] if k["code"] == TOWN][0]
        self.assertEqual(kid["active"], 1)
        # removal needs a reason and a day not before the start
        self.assertError(self.op.post("%s/%d/remove" % (BEDS, bid), {"removed_on": "2024-07-01"}),
                         422, "reason")
        self.assertError(self.op.post("%s/%d/remove" % (BEDS, bid),
                                      {"removed_on": "2024-01-14", "reason": "入住机构"}),
                         422, "removed_on")
        r = self.op.post("%s/%d/remove" % (BEDS, bid), {"removed_on": "2024-07-01", "reason": "入住机构"})
        self.assertStatus(r, 200)
        self.assertEqual((r.json["status"], r.json["removed_on"]), ("removed", "2024-07-01"))
        c = self.admin.get(BEDS + "/counts", params={"region": BAZHOU, "date": "2024-06-30"})
        self.assertEqual(c.json["active"], before, "still active the day before removal")
        c = self.admin.get(BEDS + "/counts", params={"region": BAZHOU, "date": "2024-07-01"})
        self.assertEqual(c.json["active"], before - 1, "not active on the removal day")
        self.assertError(self.op.put(log, {"month": "2024-08", "visits": 4, "minutes": 240}),
                         422, "month")
        # the list counts the months held to the standard and those below
        # it: February (logged again at the standard), March (under), April
        listed = [x for x in self.op.get(BEDS).json["beds"] if x["id"] == bid][0]
        self.assertEqual((listed["months_held"], listed["months_under"]), (3, 1))
        # nothing more after removal; a new bed may be applied for
        self.assertError(self.op.post("%s/%d/remove" % (BEDS, bid),
                                      {"removed_on": "2024-07-02", "reason": "x"}), 409, "status")
        self.assertStatus(self.apply(pid), 201, "a new bed after removal")
        # every write audited
        rows = harness.db_rows(self.server.db,
                               "SELECT action FROM audit WHERE entity = 'family_bed'"
                               " AND entity_id = ? ORDER BY id", (str(bid),))
        self.assertEqual([r[0] for r in rows],
                         ["create", "assess", "set_up", "activate", "log", "log", "log", "log",
                          "log", "remove"])

    def test_2_eligibility_from_the_policy(self):
        rule = policy()["eligible"]
        self.assertIn(["dibao", "partly_disabled"], rule["any"])
        self.assertNotIn(["dibao"], rule["any"])
        self.assertError(self.apply(self.person(["dibao"])), 422, "person_id")
        self.assertError(self.apply(self.person(["disabled"])), 422, "person_id")
        self.assertStatus(self.apply(self.person(["low_income", "partly_disabled"])), 201)
        self.assertStatus(self.apply(self.person(["tekun_dispersed", "disabled"])), 201)
        # an infant or a missing person is no such person
        self.assertError(self.apply(999999), 404, "person_id")
        # the provider must provide elderly care
        self.assertError(self.admin.post(BEDS, {"person_id": self.person(["dibao", "disabled"]),
                                                "facility_id": 999999}), 422, "facility_id")
        self.assertError(self.admin.post(BEDS, {"person_id": 1, "facility_id": 1, "x": 1}),
                         422, "x")

    def test_3_scope(self):
        bid = self.full_setup(self.person(["dibao", "disabled"]))
        path = "%s/%d" % (BEDS, bid)
        self.assertStatus(self.op.get(path), 200)
        self.assertError(self.op2.get(path), 404)
        self.assertStatus(self.ro.get(path), 200)
        self.assertError(self.ro.post(path + "/activate", {"active_from": "2024-02-01"}), 403)
        self.assertError(self.ey.get(path), 404)
        # the month's service is the provider's record: officials read it
        self.assertError(self.ey.put(path + "/log", {"month": "2024-02", "visits": 4,
                                                     "minutes": 240}), 403)
        # an operator may not apply through another's facility
        self.assertError(self.apply(self.person(["dibao", "disabled"]), client=self.op2,
                                    facility=self.provider["id"]), 422, "facility_id")
        ids = [b["id"] for b in self.op2.get(BEDS).json["beds"]]
        self.assertNotIn(bid, ids)
        self.assertIn(bid, [b["id"] for b in self.op.get(BEDS).json["beds"]])
        self.assertNotIn(bid, [b["id"] for b in self.ey.get(BEDS).json["beds"]])
        for who in (self.op, self.ro):
            for b in who.get(BEDS).json["beds"]:
                self.assertNotIn("id_number", b)

    def test_4_concurrent_steps_one_wins(self):
        bid = self.full_setup(self.person(["dibao", "disabled"]))
        results = []

        def go():
            c = login_as(self.server, "bed_op", PASSWORD)
            results.append(c.post("%s/%d/activate" % (BEDS, bid),
                                  {"active_from": "2024-02-01"}).status)

        threads = [threading.Thread(target=go) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(results).count(200), 1, results)
        self.assertTrue(all(s == 409 for s in results if s != 200), results)
        n = harness.db_rows(self.server.db, "SELECT count(*) FROM audit WHERE entity ="
                            " 'family_bed' AND entity_id = ? AND action = 'activate'", (str(bid),))
        self.assertEqual(n[0][0], 1)

    def test_5_concurrent_applications_one_bed(self):
        pid = self.person(["dibao", "disabled"])
        results = []

        def go():
            c = login_as(self.server, "bed_op", PASSWORD)
            results.append(c.post(BEDS, {"person_id": pid,
                                         "facility_id": self.provider["id"]}).status)

        threads = [threading.Thread(target=go) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(results.count(201), 1, results)
        n = harness.db_rows(self.server.db, "SELECT count(*) FROM family_bed WHERE person_id = ?"
                            " AND status <> 'removed'", (pid,))
        self.assertEqual(n[0][0], 1)

    def test_6_care_level_from_the_latest_assessment(self):
        """No care level given: the level of the person's latest
        assessment (GB/T 42195-2022 C.3: a total of 40 is 重度)."""
        item_max = [4] * 8 + [4, 4, 4, 3] + [4] * 6 + [1, 1, 2] + [2, 2, 4, 3, 4]
        v, deficit, i = list(item_max), 90 - 40, 0
        while deficit:
            if v[i % 26] > 0:
                v[i % 26] -= 1
                deficit -= 1
            i += 1
        pid = self.person(["dibao", "disabled"])
        r = self.admin.post("%s/%d/assessments" % (PERSONS, pid),
                            {"assessed_on": (date.today() - timedelta(days=3)).isoformat(),
                             "assessors": ["评估员甲", "评估员乙"], "items": v})
        self.assertStatus(r, 201, "assessment")
        bid = self.apply(pid).json["id"]
        r = self.op.post("%s/%d/assess" % (BEDS, bid), {"assessed_on": "2024-01-05"})
        self.assertStatus(r, 200)
        self.assertEqual(r.json["care_level"], "能力重度受损（重度失能）")

    def test_7_property_random_lives_against_a_model(self):
        """Random beds taken through random steps on random days; the
        active count on random days, in the county and its township,
        equals the model's: active_from <= day < removed_on."""
        import random
        rng = random.Random(2026)
        base = date(2023, 1, 1)
        model = []   # (active_from, removed_on) of beds that reached active
        before = {}
        days = [base + timedelta(days=rng.randint(0, 1100)) for _ in range(12)]
        for d in days:
            for region in (BAZHOU, TOWN):
                c = self.admin.get(BEDS + "/counts", params={"region": BAZHOU, "date": d.isoformat()})
                self.assertStatus(c, 200)
                before[(region, d)] = (c.json["active"] if region == BAZHOU else
                                       next(k["active"] for k in c.json["children"] if k["code"] == TOWN))
        for n in range(14):
            pid = self.person(["dibao", "partly_disabled"])
            bid = self.apply(pid).json["id"]
            a = base + timedelta(days=rng.randint(0, 700))
            path = "%s/%d" % (BEDS, bid)
            stop = rng.choice(["applied", "assessed", "set_up", "active", "active", "removed"])
            if stop == "applied":
                continue
            self.assertStatus(self.op.post(path + "/assess", {"assessed_on": a.isoformat(),
                                                              "care_level": "中度失能"}), 200)
            if stop == "assessed":
                continue
            s = a + timedelta(days=rng.randint(0, 20))
            self.assertStatus(self.op.post(path + "/set-up", {
                "set_up_on": s.isoformat(), "adaptation": "扶手", "devices": "呼叫器",
                "plan": [{"item": "care_visit", "times": 4}]}), 200)
            if stop == "set_up":
                continue
            f = s + timedelta(days=rng.randint(0, 20))
            self.assertStatus(self.op.post(path + "/activate", {"active_from": f.isoformat()}), 200)
            removed = None
            if stop == "removed":
                removed = f + timedelta(days=rng.randint(0, 300))
                self.assertStatus(self.op.post(path + "/remove", {"removed_on": removed.isoformat(),
                                                                   "reason": "去世"}), 200)
            model.append((f, removed))
        self.assertTrue(model, "some beds reached service")
        for d in days:
            want = sum(1 for f, r in model if f <= d and (r is None or d < r))
            c = self.admin.get(BEDS + "/counts", params={"region": BAZHOU, "date": d.isoformat()})
            self.assertEqual(c.json["active"] - before[(BAZHOU, d)], want, "county on %s" % d)
            town = next(k["active"] for k in c.json["children"] if k["code"] == TOWN)
            self.assertEqual(town - before[(TOWN, d)], want, "township on %s" % d)
