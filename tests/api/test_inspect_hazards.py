"""Checks, checklists and hazards (docs/api.md "Checks, checklists and
hazards") under 巴中's policy: a check recorded against the checklist of
the facility's kind (the "checklists" section read here), a failed item
becoming one hazard; the closed loop found → ordered → answered →
re-checked (a failed re-check reopens it with a new deadline; nothing
closes a hazard without a passed re-check, also over random step
sequences against a model); deadlines by severity from the "hazards"
section; overdue escalation to the county, then the city, on the days the
policy gives; a major hazard stopping a waiting-list offer and removing
the facility from matching; the three lists as JSON, CSV and XLSX; the
per-case notice; who may see and do what.

Expected values come from the policy file read here and from dates the
test chose, never from the server's answers."""

import io
import json
import os
import random
import threading
from datetime import date, timedelta

import harness
from harness import ApiTestCase, facility_body, login_as
from idnumbers import Issuer

REPO = os.path.normpath(os.path.join(harness.HERE, "..", ".."))
PASSWORD = "correct horse battery"
CHECKS = "/api/v1/inspect/checks"
HAZARDS = "/api/v1/inspect/hazards"
BAZHONG = "511900000000"
BAZHOU = "511902000000"
ENYANG = "511903000000"
TOWN = "511902741000"
VILLAGE = "511902741001"
ISSUER = Issuer(("511902",), "137", 61234567, 80000000)
TODAY = date.today()


def day(n):
    return (TODAY + timedelta(days=n)).isoformat()


def section(name):
    with open(os.path.join(REPO, "policies", "511900000000-bazhong.json"), encoding="utf-8") as f:
        return json.load(f)[name]


CHECKLISTS = section("checklists")
RULES = section("hazards")
DAYS = {s["code"]: s["deadline_days"] for s in RULES["severities"]}
STOPS = {s["code"]: s["stops_admission"] for s in RULES["severities"]}
ELDERLY = [t for t in CHECKLISTS["templates"] if "elderly_institution" in t["kinds"]][0]
ITEM = {i["code"]: i for i in ELDERLY["items"]}


class Hazards(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_region(TOWN, "隐患测试镇", "township", BAZHOU)
        a.create_region(VILLAGE, "隐患一村", "village", TOWN)
        cls.home = a.create_facility(facility_body(
            TOWN, name="隐患测试养老院", beds=40, nursing_beds=10, occupied_beds=20))
        cls.other = a.create_facility(facility_body(
            TOWN, name="隐患另一养老院", beds=40, nursing_beds=10, occupied_beds=20))
        cls.ey_home = a.create_facility(facility_body(
            ENYANG, name="恩阳隐患养老院", beds=40, nursing_beds=10, occupied_beds=20))
        users = {
            "h_county": ("county_official", BAZHOU, {}),
            "h_ey": ("county_official", ENYANG, {}),
            "h_ro": ("readonly", BAZHONG, {}),
            "h_insp": ("inspector", BAZHOU, {}),
            "h_insp2": ("inspector", BAZHOU, {}),
            "h_insp3": ("inspector", BAZHOU, {}),
            "h_op": ("operator", BAZHOU, {"facilities": [cls.home["id"]]}),
            "h_op2": ("operator", BAZHOU, {"facilities": [cls.other["id"]]}),
            "h_town": ("township_official", TOWN, {}),
        }
        cls.c = {"admin": a}
        cls.uid = {}
        for name, (role, region, extra) in users.items():
            r = a.create_user(name, role, region, password=PASSWORD, **extra)
            cls.uid[name] = r["id"]
            cls.c[name] = login_as(cls.server, name, PASSWORD)
        # the inspectors on the roster: a check needs two of them
        for name in ("h_insp", "h_insp2", "h_insp3"):
            r = a.put("/api/v1/inspectors/%d" % cls.uid[name], {"department": "民政"})
            assert r.status == 200, r.text

    # helpers ------------------------------------------------------------

    def check(self, facility=None, inspectors=("h_insp", "h_insp3"), who="h_county"):
        r = self.c[who].post(CHECKS, {
            "facility_id": facility or self.home["id"], "kind": "case", "items": ["civil_general"],
            "scheduled_on": day(0), "inspectors": [self.uid[i] for i in inspectors]})
        self.assertStatus(r, 201, "check")
        # the check as its inspectors record it: facility, checklist, results
        r = self.c[who].get("%s/%d" % (CHECKS, r.json["id"]))
        self.assertStatus(r, 200, "the check")
        return r.json

    def fail_item(self, cid, item, who="h_insp", note="现场发现"):
        r = self.c[who].put("%s/%d/results" % (CHECKS, cid), {
            "results": [{"item": item, "outcome": "fail", "note": note}]})
        self.assertStatus(r, 200, "results")
        return [h for h in r.json["hazards"] if h["item"] == item][0]

    def step(self, hid, name, body=None, who="h_insp", status=200):
        r = self.c[who].post("%s/%d/%s" % (HAZARDS, hid, name), body or {})
        self.assertStatus(r, status, "%s %d %r" % (name, hid, body))
        return r.json

    def hazard(self, hid, who="h_county"):
        r = self.c[who].get("%s/%d" % (HAZARDS, hid))
        self.assertStatus(r, 200)
        return r.json

    # ------------------------------------------------------------------

    def test_1_check_and_closed_loop(self):
        chk = self.check()
        cid = chk["id"]
        self.assertEqual((chk["status"], chk["kind"], chk["template"]["code"]),
                         ("scheduled", "case", ELDERLY["code"]))
        # the checklist is the policy's template, grouped by domain
        got = [i["code"] for d in chk["domains"] for i in d["items"]]
        self.assertEqual(sorted(got), sorted(ITEM))
        for d in chk["domains"]:
            for i in d["items"]:
                self.assertEqual(ITEM[i["code"]]["domain"], d["code"])
                self.assertEqual(i["text"], ITEM[i["code"]]["text"])
        # an inspector not on the check does not see it
        self.assertDenied(self.c["h_insp2"].get("%s/%d" % (CHECKS, cid)))
        self.assertDenied(self.c["h_op"].get("%s/%d" % (CHECKS, cid)))
        self.assertDenied(self.c["h_ey"].get("%s/%d" % (CHECKS, cid)))
        self.assertStatus(self.c["h_ro"].get("%s/%d" % (CHECKS, cid)), 200)
        # bad results change nothing
        before = harness.db_rows(self.server.db, "SELECT count(*) FROM inspect_result")[0][0]
        url = "%s/%d/results" % (CHECKS, cid)
        self.assertError(self.c["h_insp"].put(url, {"results": [
            {"item": "gb38600.fall", "outcome": "fail"},
            {"item": "gb38600.choking", "outcome": "bad"}]}), 422, "results[1].outcome")
        self.assertError(self.c["h_insp"].put(url, {"results": [
            {"item": "no.such", "outcome": "pass"}]}), 422, "results[0].item")
        self.assertError(self.c["h_insp2"].put(url, {"results": [
            {"item": "gb38600.fall", "outcome": "pass"}]}), (403, 404))
        self.assertEqual(harness.db_rows(self.server.db,
                                         "SELECT count(*) FROM inspect_result")[0][0], before)
        self.assertEqual(harness.db_rows(self.server.db, "SELECT count(*) FROM hazard"
                                         " WHERE check_id = ?", (cid,))[0][0], 0)
        # one failed, one passed, one not applicable
        r = self.c["h_insp"].put(url, {"results": [
            {"item": "gb38600.fall", "outcome": "fail", "note": "走廊无扶手"},
            {"item": "gb38600.choking", "outcome": "pass"},
            {"item": "fire.iot", "outcome": "na"}]})
        self.assertStatus(r, 200)
        self.assertEqual((r.json["status"], r.json["hazards_opened"]), ("in_progress", 1))
        outcome = {i["code"]: i["outcome"] for d in r.json["domains"] for i in d["items"]}
        self.assertEqual((outcome["gb38600.fall"], outcome["gb38600.choking"],
                          outcome["fire.iot"], outcome["fire.drill"]),
                         ("fail", "pass", "na", None))
        [h] = r.json["hazards"]
        sev = ITEM["gb38600.fall"]["severity"]
        self.assertEqual((h["severity"], h["status"], h["found_on"], h["deadline"]),
                         (sev, "found", day(0), day(DAYS[sev])))
        self.assertIn("走廊无扶手", h["description"])
        # the same failure recorded again is still one hazard
        r = self.c["h_insp"].put(url, {"results": [
            {"item": "gb38600.fall", "outcome": "fail", "note": "走廊无扶手"}]})
        self.assertEqual((r.json["hazards_opened"], len(r.json["hazards"])), (0, 1))
        hid = h["id"]
        # order: the responsible person is required
        self.assertError(self.c["h_insp"].post("%s/%d/order" % (HAZARDS, hid), {}),
                         422, "responsible")
        # re-check before an answer: refused
        self.assertError(self.c["h_insp"].post("%s/%d/recheck" % (HAZARDS, hid),
                                               {"passed": True}), 409, "status")
        o = self.step(hid, "order", {"responsible": "王院长"})
        self.assertEqual((o["status"], o["responsible"], o["ordered_on"], o["deadline"]),
                         ("ordered", "王院长", day(0), day(DAYS[sev])))
        # only the facility's operator answers
        self.assertError(self.c["h_insp"].post("%s/%d/answer" % (HAZARDS, hid),
                                               {"rectification": "x"}), 403)
        self.assertDenied(self.c["h_op2"].post("%s/%d/answer" % (HAZARDS, hid),
                                               {"rectification": "x", "rectified_on": day(0)}))
        self.assertError(self.c["h_op"].post("%s/%d/answer" % (HAZARDS, hid),
                                             {"rectification": "已加装扶手"}), 422, "rectified_on")
        self.assertError(self.c["h_op"].post("%s/%d/answer" % (HAZARDS, hid),
                                             {"rectification": "已加装扶手",
                                              "rectified_on": day(3)}), 422, "rectified_on")
        self.assertError(self.c["h_op"].post("%s/%d/recheck" % (HAZARDS, hid),
                                             {"passed": True}), 403)
        a = self.step(hid, "answer", {"rectification": "已加装扶手", "rectified_on": day(0)},
                      who="h_op")
        self.assertEqual((a["status"], a["rectification"]), ("answered", "已加装扶手"))
        # a failed re-check reopens it with a new deadline
        f = self.step(hid, "recheck", {"passed": False, "note": "扶手不牢固"}, who="h_insp2")
        self.assertEqual((f["status"], f["deadline"], f["closed_on"]),
                         ("ordered", day(DAYS[sev]), None))
        self.step(hid, "answer", {"rectification": "重新加固", "rectified_on": day(0)}, who="h_op")
        # a stale version is refused
        self.assertError(self.c["h_county"].post("%s/%d/recheck" % (HAZARDS, hid),
                                                 {"passed": True, "version": 1}), 409, "version")
        c = self.step(hid, "recheck", {"passed": True}, who="h_county")
        self.assertEqual((c["status"], c["closed_on"]), ("closed", day(0)))
        self.assertError(self.c["h_insp"].post("%s/%d/recheck" % (HAZARDS, hid),
                                               {"passed": True}), 409, "status")
        self.assertEqual([s["kind"] for s in c["steps"]],
                         ["found", "order", "answer", "recheck_failed", "answer",
                          "recheck_passed"])
        audited = harness.db_rows(self.server.db, "SELECT action FROM audit WHERE"
                                  " entity = 'hazard' AND entity_id = ? ORDER BY id", (str(hid),))
        self.assertEqual([x[0] for x in audited],
                         ["create", "order", "answer", "recheck_failed", "answer",
                          "recheck_passed"])
        # finishing the check
        fin = self.c["h_insp"].post("%s/%d/finish" % (CHECKS, cid), {})
        self.assertStatus(fin, 200)
        self.assertEqual((fin.json["status"], fin.json["done_on"]), ("done", day(0)))
        self.assertError(self.c["h_insp"].post("%s/%d/finish" % (CHECKS, cid), {}), 409, "status")
        self.assertError(self.c["h_insp"].put(url, {"results": [
            {"item": "gb38600.fall", "outcome": "pass"}]}), 409, "status")

    def test_2_never_closed_without_a_recheck(self):
        """Random steps by random accounts against a model written here:
        closed exactly after a passed re-check of an answered hazard."""
        rng = random.Random(38600)
        chk = self.check(facility=self.other["id"])
        items = [c for c in ITEM if ITEM[c]["severity"] != "major"][:4]
        hazards = {}
        for it in items:
            hazards[self.fail_item(chk["id"], it)["id"]] = "found"
        allowed = {"order": {"found": "ordered"}, "answer": {"ordered": "answered"},
                   "pass": {"answered": "closed"}, "fail": {"answered": "ordered"}}
        for _ in range(60):
            hid = rng.choice(list(hazards))
            name = rng.choice(["order", "answer", "pass", "fail"])
            who, path, body = {
                "order": ("h_insp", "order", {"responsible": "李院长"}),
                "answer": ("h_op2", "answer", {"rectification": "整改", "rectified_on": day(0)}),
                "pass": ("h_county", "recheck", {"passed": True}),
                "fail": ("h_insp2", "recheck", {"passed": False}),
            }[name]
            r = self.c[who].post("%s/%d/%s" % (HAZARDS, hid, path), body)
            want = allowed[name].get(hazards[hid])
            if want is None:
                self.assertError(r, 409, "status", what="%s from %s" % (name, hazards[hid]))
            else:
                self.assertStatus(r, 200, "%s from %s" % (name, hazards[hid]))
                self.assertEqual(r.json["status"], want)
                hazards[hid] = want
            got = self.hazard(hid)
            self.assertEqual(got["status"], hazards[hid])
            kinds = [s["kind"] for s in got["steps"]]
            if got["status"] == "closed":
                self.assertEqual(kinds[-2:], ["answer", "recheck_passed"])
                self.assertEqual(got["closed_on"], day(0))
            else:
                self.assertNotIn("recheck_passed", kinds)
                self.assertIsNone(got["closed_on"])

    def test_3_overdue_escalation(self):
        chk = self.check()
        h = self.fail_item(chk["id"], "gb38600.scald")
        hid = h["id"]
        self.step(hid, "order", {"responsible": "王院长"})
        after = RULES["escalate_city_after_days"]
        db = self.server.db
        # on the deadline itself: not overdue
        harness.db_exec(db, "UPDATE hazard SET deadline = ? WHERE id = ?", (day(0), hid))
        g = self.hazard(hid)
        self.assertEqual((g["overdue"], g["escalated_to"]), (False, None))
        # a day after the deadline: overdue, reported to the county once
        harness.db_exec(db, "UPDATE hazard SET deadline = ? WHERE id = ?", (day(-1), hid))
        g = self.hazard(hid)
        self.assertEqual((g["overdue"], g["days_overdue"], g["escalated_to"], g["escalated_on"]),
                         (True, 1, "county", day(0)))
        g = self.hazard(hid, who="h_insp")
        self.assertEqual([s["kind"] for s in g["steps"]].count("escalate_county"), 1)
        # exactly `after` days overdue: still the county
        harness.db_exec(db, "UPDATE hazard SET deadline = ? WHERE id = ?", (day(-after), hid))
        r = self.c["h_county"].post(HAZARDS + "/escalate", {})
        self.assertStatus(r, 200)
        self.assertEqual(self.hazard(hid)["escalated_to"], "county")
        # a day more: the city
        harness.db_exec(db, "UPDATE hazard SET deadline = ? WHERE id = ?",
                        (day(-after - 1), hid))
        r = self.c["h_county"].post(HAZARDS + "/escalate", {})
        self.assertStatus(r, 200)
        self.assertGreaterEqual(r.json["escalated"], 1)
        g = self.hazard(hid)
        self.assertEqual(g["escalated_to"], "city")
        kinds = [s["kind"] for s in g["steps"]]
        self.assertEqual((kinds.count("escalate_county"), kinds.count("escalate_city")), (1, 1))
        self.assertEqual(self.c["h_county"].post(HAZARDS + "/escalate", {}).json["escalated"], 0)
        # the escalation run is for officials; bad fields are refused
        self.assertError(self.c["h_insp"].post(HAZARDS + "/escalate", {}), 403)
        self.assertError(self.c["h_county"].post(HAZARDS + "/escalate", {"x": 1}), 422, "x")
        # the overdue list holds it
        lst = self.c["h_county"].get(HAZARDS, params={"list": "rectifications",
                                                      "status": "overdue"}).json
        self.assertIn(hid, [i["id"] for i in lst["items"]])
        self.assertTrue(all(i["overdue"] for i in lst["items"]))
        # an answered hazard waits for its re-check: not overdue
        self.step(hid, "answer", {"rectification": "已整改", "rectified_on": day(0)}, who="h_op")
        self.assertFalse(self.hazard(hid)["overdue"])

    def test_4_major_hazard_stops_admission(self):
        self.assertTrue(STOPS["major"])
        self.assertFalse(STOPS["general"] or STOPS["serious"])
        a = self.admin
        home = a.create_facility(facility_body(
            TOWN, name="停收测试养老院", beds=10, nursing_beds=5, occupied_beds=5))
        op = "h_op_stop"
        a.create_user(op, "operator", BAZHOU, password=PASSWORD, facilities=[home["id"]])
        self.c[op] = login_as(self.server, op, PASSWORD)
        pid = self.admin.post("/api/v1/persons", {
            "kind": "elderly", "id_number": ISSUER.new_id(date(1948, 3, 3), area="511902"),
            "name": "停收老人", "region": VILLAGE}).json["id"]
        r = self.c["h_county"].post("/api/v1/waitlist/applications",
                                    {"person_id": pid, "facility_id": home["id"]})
        self.assertStatus(r, 201, "apply")
        app = r.json["id"]

        def matched():
            r = self.c["h_county"].get("/api/v1/places/match",
                                       params={"kind": "elderly", "care_level": "partly",
                                               "region": TOWN, "limit": "50"})
            self.assertStatus(r, 200, "match")
            return [i["facility_id"] for i in r.json["items"]]

        def public():
            r = self.server.client().get("/api/v1/public/places",
                                         params={"kind": "elderly", "region": TOWN})
            self.assertStatus(r, 200, "public search")
            return [i["name"] for i in r.json["items"]]

        self.assertIn(home["id"], matched())
        self.assertIn("停收测试养老院", public())
        chk = self.check(facility=home["id"])
        major = [c for c in ITEM if ITEM[c]["severity"] == "major"][0]
        h = self.fail_item(chk["id"], major, note="安全出口锁闭")
        self.assertEqual((h["severity"], h["stops_admission"], h["deadline"]),
                         ("major", True, day(DAYS["major"])))
        r = self.c["h_county"].post("/api/v1/waitlist/applications/%d/offer" % app, {})
        err = self.assertError(r, 409, "facility_id")
        self.assertIn("停止收住", err["message"])
        self.assertIn(str(h["id"]), err["message"])
        self.assertNotIn(home["id"], matched())
        self.assertNotIn("停收测试养老院", public())
        c = self.c["h_county"].get("%s/%d" % (CHECKS, chk["id"])).json
        self.assertTrue(c["facility"]["admission_stopped"])

        def holds():
            r = self.c["h_county"].get("/api/v1/subsidies/holds", params={
                "beneficiary_kind": "institution", "beneficiary_id": str(home["id"])})
            self.assertStatus(r, 200, "holds")
            return r.json["items"]

        # the institution's subsidies are held from today, naming the hazard
        [hold] = holds()
        self.assertEqual((hold["from"], hold["in_force"], hold["scheme"]), (day(0), True, None))
        self.assertIn("隐患 %d" % h["id"], hold["reason"])
        # closed after a passed re-check: admissions resume
        self.step(h["id"], "order", {"responsible": "赵院长"})
        self.step(h["id"], "answer", {"rectification": "已拆除锁具", "rectified_on": day(0)},
                  who=op)
        self.assertNotIn(home["id"], matched(), "answered is not closed")
        self.step(h["id"], "recheck", {"passed": True})
        self.assertIn(home["id"], matched())
        self.assertIn("停收测试养老院", public())
        [hold] = holds()
        self.assertEqual((hold["lifted_on"], hold["in_force"]), (day(0), False))
        r = self.c["h_county"].post("/api/v1/waitlist/applications/%d/offer" % app, {})
        self.assertStatus(r, 200, "offer after closing")

    def test_5_three_lists_and_exports(self):
        chk = self.check(facility=self.home["id"])
        h = self.fail_item(chk["id"], "fire.drill")
        self.step(h["id"], "order", {"responsible": "王院长"})
        ey = self.check(facility=self.ey_home["id"], who="admin")
        hey = self.fail_item(ey["id"], "fire.drill", who="admin")

        def ids(who, **params):
            r = self.c[who].get(HAZARDS, params=params)
            self.assertStatus(r, 200, "%s %r" % (who, params))
            return r.json

        all_ = ids("h_county", list="hazards")
        self.assertEqual(all_["label"], "隐患清单")
        got = {i["id"] for i in all_["items"]}
        self.assertIn(h["id"], got)
        self.assertNotIn(hey["id"], got, "another county's hazard")
        want = {r[0] for r in harness.db_rows(
            self.server.db, "SELECT h.id FROM hazard h JOIN facility f ON f.id = h.facility_id"
            " WHERE f.region BETWEEN ? AND ?", (BAZHOU, BAZHOU[:6] + "999999"))}
        self.assertEqual(got, want)
        # the operator sees its own facility's only
        own = {i["facility"]["id"] for i in ids("h_op", list="hazards")["items"]}
        self.assertEqual(own, {self.home["id"]})
        self.assertDenied(self.c["h_op2"].get("%s/%d" % (HAZARDS, h["id"])))
        self.assertDenied(self.c["h_ey"].get("%s/%d" % (HAZARDS, h["id"])))
        self.assertError(self.c["h_town"].get(HAZARDS), 403)
        # statuses
        ordered = ids("h_county", list="rectifications", status="ordered")
        self.assertEqual(ordered["label"], "整改清单")
        self.assertTrue(all(i["status"] == "ordered" for i in ordered["items"]))
        self.assertIn(h["id"], [i["id"] for i in ordered["items"]])
        resp = ids("h_county", list="responsibilities")
        self.assertEqual(resp["label"], "责任清单")
        row = [i for i in resp["items"] if i["id"] == h["id"]][0]
        dom = {d["code"]: d for d in CHECKLISTS["domains"]}[ITEM["fire.drill"]["domain"]]
        self.assertEqual((row["responsible"], row["department"], row["domain_label"]),
                         ("王院长", dom["department"], dom["label"]))
        self.assertError(self.c["h_county"].get(HAZARDS, params={"list": "x"}), 422, "list")
        self.assertError(self.c["h_county"].get(HAZARDS, params={"status": "x"}), 422, "status")
        self.assertError(self.c["h_county"].get(HAZARDS, params={"format": "pdf"}), 422,
                         "format")
        # CSV: the same rows as the JSON, Chinese headers
        r = self.c["h_county"].get(HAZARDS, params={"list": "responsibilities", "format": "csv"})
        self.assertStatus(r, 200)
        rows = harness.parse_csv(r.body)
        self.assertEqual(rows[0], [c["label"] for c in resp["columns"]])
        self.assertEqual(len(rows) - 1, resp["count"])
        line = [x for x in rows[1:] if x[0] == str(h["id"])][0]
        self.assertEqual((line[1], line[4], line[5]),
                         ("隐患测试养老院", dom["department"], "王院长"))
        # XLSX read back
        import openpyxl
        r = self.c["h_county"].get(HAZARDS, params={"list": "rectifications", "format": "xlsx"})
        self.assertStatus(r, 200)
        wb = openpyxl.load_workbook(io.BytesIO(r.body))
        ws = wb.active
        self.assertEqual(ws.title, "整改清单")
        head = [c.value for c in ws[2]]
        self.assertEqual(head, [c["label"] for c in ordered["columns"]])
        ids_x = [row[0].value for row in ws.iter_rows(min_row=3)]
        self.assertIn(h["id"], ids_x)

    def test_6_notice_and_added_hazard(self):
        chk = self.check()
        r = self.c["h_insp"].post("%s/%d/hazards" % (CHECKS, chk["id"]), {
            "domain": "fire", "severity": "serious", "description": "厨房燃气软管老化"})
        self.assertStatus(r, 201, "add hazard")
        hid = r.json["id"]
        self.assertEqual((r.json["severity"], r.json["deadline"]),
                         ("serious", day(DAYS["serious"])))
        self.assertError(self.c["h_insp"].post("%s/%d/hazards" % (CHECKS, chk["id"]), {
            "domain": "nowhere", "severity": "serious", "description": "x"}), 422, "domain")
        self.assertError(self.c["h_insp"].post("%s/%d/hazards" % (CHECKS, chk["id"]), {
            "domain": "fire", "severity": "huge", "description": "x"}), 422, "severity")
        self.step(hid, "order", {"responsible": "周院长"})
        r = self.c["h_county"].get("%s/%d/notice" % (HAZARDS, hid), params={"format": "html"})
        self.assertStatus(r, 200)
        self.assertIn("text/html", r.header("Content-Type"))
        html = r.text
        for s in ("隐患整改通报", "隐患测试养老院", "厨房燃气软管老化", "较大", "周院长",
                  day(DAYS["serious"]), "下达整改通知"):
            self.assertIn(s, html)
        # no account names in the notice
        self.assertNotIn("h_insp", html)
        self.assertDenied(self.c["h_op2"].get("%s/%d/notice" % (HAZARDS, hid)))

    def test_7_concurrent_steps_taken_once(self):
        """Eight concurrent orders of one found hazard, then eight concurrent
        passed re-checks of the answered one: one of each wins (200), the
        others get 409, and the hazard has one step of each."""
        chk = self.check()
        h = self.fail_item(chk["id"], "gb38600.bed_fall")
        hid = h["id"]

        def race(path, body, who):
            got = []
            clients = [login_as(self.server, who, PASSWORD) for _ in range(8)]
            threads = [threading.Thread(target=lambda c=c: got.append(
                c.post("%s/%d/%s" % (HAZARDS, hid, path), body).status)) for c in clients]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            return sorted(got)

        self.assertEqual(race("order", {"responsible": "王院长"}, "h_insp"), [200] + [409] * 7)
        self.step(hid, "answer", {"rectification": "已整改", "rectified_on": day(0)}, who="h_op")
        self.assertEqual(race("recheck", {"passed": True}, "h_county"), [200] + [409] * 7)
        kinds = [s["kind"] for s in self.hazard(hid)["steps"]]
        self.assertEqual(kinds, ["found", "order", "answer", "recheck_passed"])
