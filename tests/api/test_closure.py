"""Closures that lose no one (docs/api.md "Closures"): a case opened for
an institution lists its residents and enrolled children; it cannot close
while one of them lacks a destination (422 naming them masked, nothing
changed); with everyone placed it closes once, the facility is closed in
the registry from the planned day, each resident's record moved (facility,
residence, a move row) and each child's enrolment ended and started at the
new place; a later admission, enrolment, waiting-list application or
service order at the closed facility is refused, and a subsidy run pays it
nothing. One open case a facility under concurrent opens; the case taken
once under concurrent closes; scope by role; every write audited.

Expected values come from the bodies the test sent and the policy file
read here, never from the server's answers."""

import json
import os
import random
import threading
from datetime import date, timedelta

import harness
from harness import ApiTestCase, childcare_body, facility_body, login_as
from idnumbers import Issuer

REPO = os.path.normpath(os.path.join(harness.HERE, "..", ".."))
PASSWORD = "correct horse battery"
CASES = "/api/v1/closures"
PERSONS = "/api/v1/persons"
BAZHONG = "511900000000"
BAZHOU = "511902000000"
ENYANG = "511903000000"
TOWN = "511902109000"
VILLAGE = "511902109201"
ISSUER = Issuer(("511902", "511903"), "139", 51234567, 60000000)


def policy():
    with open(os.path.join(REPO, "policies", "511900000000-bazhong.json"), encoding="utf-8") as f:
        return json.load(f)["closures"]


def today():
    return date.today()


class Closures(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_region(TOWN, "退出测试镇", "township", BAZHOU)
        a.create_region(VILLAGE, "退出测试村", "village", TOWN)
        a.create_user("cl_county", "county_official", BAZHOU, password=PASSWORD)
        a.create_user("cl_enyang", "county_official", ENYANG, password=PASSWORD)
        a.create_user("cl_ro", "readonly", BAZHONG, password=PASSWORD)
        a.create_user("cl_family", "family", BAZHOU, password=PASSWORD)
        cls.county = login_as(cls.server, "cl_county", PASSWORD)
        cls.enyang = login_as(cls.server, "cl_enyang", PASSWORD)
        cls.ro = login_as(cls.server, "cl_ro", PASSWORD)
        cls.family = login_as(cls.server, "cl_family", PASSWORD)
        cls.n = 0

    # -- builders ----------------------------------------------------------

    def home(self, name, region=BAZHOU):
        return self.admin.create_facility(facility_body(region, name=name))

    def nursery(self, name, region=BAZHOU):
        return self.admin.create_facility(childcare_body(region, name=name))

    def resident(self, facility, region=VILLAGE):
        Closures.n += 1
        number = ISSUER.new_id(date(1940, 2, 3), area=region[:6])
        r = self.admin.post(PERSONS, {
            "kind": "elderly", "id_number": number,
            "name": "退出老人%d" % self.n, "region": region,
            "residence": "institution", "facility_id": facility["id"]})
        self.assertStatus(r, 201, "resident")
        return dict(r.json, issued=number)

    def child(self, facility, class_type="toddler_small", months=20):
        Closures.n += 1
        birth = today() - timedelta(days=int(months * 30.5))
        r = self.admin.post(PERSONS, {
            "kind": "infant", "id_number": ISSUER.new_id(birth, area=BAZHOU[:6]),
            "name": "退出幼儿%d" % self.n, "region": BAZHOU, "guardian_name": "监护人"})
        self.assertStatus(r, 201, "child")
        start = (today() - timedelta(days=30)).isoformat()
        e = self.admin.post("%s/%d/enrolments" % (PERSONS, r.json["id"]),
                            {"facility_id": facility["id"], "class_type": class_type,
                             "start": start})
        self.assertStatus(e, 201, "enrolment")
        return r.json

    def open_case(self, facility, client=None, **over):
        body = {"facility_id": facility["id"], "reason": "voluntary",
                "planned_on": (today() + timedelta(days=70)).isoformat()}
        body.update(over)
        return (client or self.admin).post(CASES, body)

    def place(self, case, person, client=None, **body):
        body["person_id"] = person["id"]
        return (client or self.admin).post("%s/%d/members" % (CASES, case["id"]), body)

    # -- tests -------------------------------------------------------------

    def test_policy_reasons_and_notice(self):
        p = policy()
        codes = [r["code"] for r in p["reasons"]]
        self.assertEqual(codes, ["voluntary", "ordered", "contract_expired", "transfer", "other"])
        self.assertEqual(sorted(d["code"] for d in p["destinations"]),
                         ["home", "institution", "successor"])
        self.assertIn("004_4e88682039944ece.txt 第285行",
                      [d for d in p["destinations"] if d["code"] == "successor"][0]["source"])
        f = self.home("通知期测试养老院")
        planned = today() + timedelta(days=p["notice_days"] - 1)
        r = self.open_case(f, planned_on=planned.isoformat())
        self.assertStatus(r, 201)
        self.assertEqual(r.json["notice"]["days_required"], p["notice_days"])
        self.assertFalse(r.json["notice"]["enough"])
        self.assertEqual(r.json["reason_name"], "主动终止")

    def test_cannot_close_while_one_lacks_a_destination(self):
        f = self.home("退出未安置养老院")
        other = self.home("接收养老院甲")
        people = [self.resident(f) for _ in range(3)]
        r = self.open_case(f)
        self.assertStatus(r, 201)
        case = r.json
        self.assertEqual(sorted(m["person_id"] for m in case["people"]),
                         sorted(p["id"] for p in people))
        self.assertEqual(case["unplaced"], 3)
        for p in people[:2]:
            self.assertStatus(self.place(case, p, destination="institution",
                                         destination_facility_id=other["id"]), 200)
        r = self.admin.post("%s/%d/close" % (CASES, case["id"]), {})
        self.assertError(r, 422, "members")
        left = r.json["unplaced"]
        self.assertEqual([u["person_id"] for u in left], [people[2]["id"]])
        # named masked: the first character and the masked number only
        self.assertEqual(left[0]["name_masked"][0], people[2]["name"][0])
        self.assertNotIn(people[2]["name"], r.text)
        self.assertRegex(left[0]["id_masked"], r"^\d{6}\*{8}\d{3}[\dX]$")
        # nothing changed: the case open, the facility open, people in it
        g = self.admin.get("%s/%d" % (CASES, case["id"])).json
        self.assertEqual(g["status"], "open")
        self.assertEqual(g["unplaced"], 1)
        fac = self.admin.get("/api/v1/facilities/%d" % f["id"]).json
        self.assertIsNone(fac["closed_on"])
        for p in people:
            self.assertEqual(self.admin.get("%s/%d" % (PERSONS, p["id"])).json["facility_id"], f["id"])

    def test_closes_with_everyone_placed(self):
        f = self.home("退出全安置养老院")
        other = self.home("接收养老院乙", region=ENYANG)
        successor = self.home("承接养老院")
        nur = self.nursery("退出托育园")
        nur_to = self.nursery("接收托育园")
        people = [self.resident(f) for _ in range(4)]
        planned = (today() + timedelta(days=1)).isoformat()
        r = self.open_case(f, planned_on=planned, successor_id=successor["id"])
        self.assertStatus(r, 201)
        case = r.json
        # a wrong kind of destination is refused, naming the field
        self.assertError(self.place(case, people[0], destination="institution",
                                    destination_facility_id=nur_to["id"]),
                         422, "destination_facility_id")
        self.assertError(self.place(case, people[0], destination="institution",
                                    destination_facility_id=f["id"]),
                         422, "destination_facility_id")
        self.assertError(self.place(case, people[0], destination="moon"), 422, "destination")
        self.assertStatus(self.place(case, people[0], destination="institution",
                                     destination_facility_id=other["id"],
                                     contract_ended_on=planned), 200)
        self.assertStatus(self.place(case, people[1], destination="home"), 200)
        r = self.admin.post("%s/%d/transfer" % (CASES, case["id"]), {})
        self.assertStatus(r, 200)
        self.assertEqual(r.json["transferred"], 2)
        self.assertEqual(r.json["unplaced"], 0)
        r = self.admin.post("%s/%d/close" % (CASES, case["id"]), {"version": r.json["version"]})
        self.assertStatus(r, 200)
        self.assertEqual(r.json["status"], "closed")
        self.assertEqual(r.json["closed_on"], planned)
        # the registry: the facility closed from the planned day
        fac = self.admin.get("/api/v1/facilities/%d" % f["id"]).json
        self.assertEqual(fac["closed_on"], planned)
        # each resident moved where the case said
        want = {people[0]["id"]: (other["id"], "institution", ENYANG),
                people[1]["id"]: (None, "home", VILLAGE),
                people[2]["id"]: (successor["id"], "institution", VILLAGE),
                people[3]["id"]: (successor["id"], "institution", VILLAGE)}
        for pid, (fid, residence, region) in want.items():
            p = self.admin.get("%s/%d" % (PERSONS, pid)).json
            self.assertEqual((p["facility_id"], p["residence"], p["region"]),
                             (fid, residence, region), "person %d" % pid)
            moves = self.admin.get("%s/%d/moves" % (PERSONS, pid)).json["items"]
            self.assertEqual(moves[-1]["moved_on"], planned)
            self.assertEqual(moves[-1]["to"], region)
        # closed once: a second close is refused
        self.assertError(self.admin.post("%s/%d/close" % (CASES, case["id"]), {}), 409)
        # audited
        audit = self.admin.get("/api/v1/audit", params={"entity": "closure_case"}).json
        actions = [e["action"] for e in audit["items"]
                   if e.get("entity_id") == str(case["id"])]
        for a in ("open", "member", "transfer", "close"):
            self.assertIn(a, actions)
        # no form of an ID number in the audit log
        text = json.dumps(audit, ensure_ascii=False)
        for p in people:
            self.assertNotIn(p["issued"], text)
        self.assertNotIn("id_masked", text)
        # the command line shows the same case with Chinese labels
        p = harness.run_cli(["closure", "show", str(case["id"])], self.server.db)
        out = p.stdout.decode("utf-8")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("退出全安置养老院", out)
        self.assertIn("已退出", out)
        self.assertIn("由承接机构承接", out)
        self.assertNotIn(people[0]["issued"], out)

    def test_later_admission_refused(self):
        f = self.home("退出后收住养老院")
        planned = today().isoformat()
        case = self.open_case(f, planned_on=planned).json
        self.assertEqual(case["people"], [])
        self.assertStatus(self.admin.post("%s/%d/close" % (CASES, case["id"]), {}), 200)
        r = self.admin.post(PERSONS, {
            "kind": "elderly", "id_number": ISSUER.new_id(date(1941, 4, 5), area=VILLAGE[:6]),
            "name": "退出后老人", "region": VILLAGE,
            "residence": "institution", "facility_id": f["id"]})
        self.assertError(r, 422, "facility_id")
        # nor a waiting-list application to it (轮候)
        r = self.admin.post(PERSONS, {
            "kind": "elderly", "id_number": ISSUER.new_id(date(1938, 4, 5), area=VILLAGE[:6]),
            "name": "退出后轮候老人", "region": VILLAGE})
        self.assertStatus(r, 201)
        w = self.admin.post("/api/v1/waitlist/applications",
                            {"person_id": r.json["id"], "facility_id": f["id"]})
        self.assertError(w, 422, "facility_id")
        self.assertIn("closed on %s" % planned, w.json["error"]["message"])

    def test_later_order_refused(self):
        # a meal point's offer serves the village until the point closes
        point = self.admin.create_facility(facility_body(
            BAZHOU, name="退出助餐点", kind="meal_point", beds=0, nursing_beds=0,
            occupied_beds=0, medical_integration=False))
        r = self.admin.post("/api/v1/services/offers", {
            "facility_id": point["id"], "item": "meal", "price_fen": 1200,
            "area": TOWN, "valid_from": "2024-01-01"})
        self.assertStatus(r, 201, "offer")
        offer = r.json["id"]
        r = self.admin.post(PERSONS, {
            "kind": "elderly", "id_number": ISSUER.new_id(date(1944, 6, 7), area=VILLAGE[:6]),
            "name": "助餐老人", "region": VILLAGE})
        self.assertStatus(r, 201)
        pid = r.json["id"]
        order = {"person_id": pid, "item": "meal", "quantity": 1, "offer_id": offer,
                 "wanted_at": (today() + timedelta(days=2)).isoformat() + "T11:30"}
        self.assertStatus(self.admin.post("/api/v1/services/orders", order), 201, "before closing")
        case = self.open_case(point, planned_on=today().isoformat()).json
        self.assertStatus(self.admin.post("%s/%d/close" % (CASES, case["id"]), {}), 200)
        self.assertError(self.admin.post("/api/v1/services/orders", order), 422, "offer_id")

    def test_no_subsidy_after_closing(self):
        """巴中's operating subsidy pays 1000 yuan a year per average occupied
        bed (000 第328行) to institutions open on the scheme's reference
        day, the period's end: a private nonprofit home closed today is paid
        nothing for the year, its twin that stays open 80 beds' worth."""
        pol = json.load(open(os.path.join(REPO, "policies", "511900000000-bazhong.json"),
                             encoding="utf-8"))
        scheme = [x for x in pol["schemes"] if x["id"] == "bazhong.private_nonprofit_operating"][0]
        self.assertEqual(scheme["ref_day"], "period_end")
        per_bed = int(scheme["versions"][0]["amount"]["units"][0]["amount"]["value"]) * 100
        year = today().year
        body = dict(ownership="private", operation="private_run", profit="nonprofit",
                    occupied_beds=80, capacity_date="%d-01-01" % year, opened_on="2021-06-01")
        closing = self.admin.create_facility(facility_body(BAZHOU, name="补贴退出院", **body))
        twin = self.admin.create_facility(facility_body(BAZHOU, name="补贴照常院", **body))
        run = {"scheme": scheme["id"], "period": str(year), "region": BAZHOU, "dry_run": True}
        r = self.admin.post("/api/v1/subsidies/runs", run)
        self.assertStatus(r, (200, 201), "dry run before closing")
        got = {l["beneficiary_id"]: l["fen"] for l in r.json["lines_preview"]}
        self.assertEqual(got.get(closing["id"]), 80 * per_bed, "paid while open")
        case = self.open_case(closing, planned_on=today().isoformat()).json
        self.assertStatus(self.admin.post("%s/%d/close" % (CASES, case["id"]), {}), 200)
        r = self.admin.post("/api/v1/subsidies/runs", run)
        self.assertStatus(r, (200, 201), "dry run after closing")
        got = {l["beneficiary_id"]: l["fen"] for l in r.json["lines_preview"]}
        self.assertEqual(got.get(twin["id"]), 80 * per_bed)
        self.assertNotIn(closing["id"], got)

    def test_children_move_enrolment(self):
        nur = self.nursery("退出托育园二")
        nur_to = self.nursery("接收托育园二")
        kids = [self.child(nur) for _ in range(2)]
        planned = today().isoformat()
        case = self.open_case(nur, planned_on=planned, reason="ordered").json
        self.assertEqual(sorted(m["person_id"] for m in case["people"]),
                         sorted(k["id"] for k in kids))
        self.assertStatus(self.place(case, kids[0], destination="institution",
                                     destination_facility_id=nur_to["id"]), 200)
        self.assertStatus(self.place(case, kids[1], destination="home"), 200)
        self.assertStatus(self.admin.post("%s/%d/close" % (CASES, case["id"]), {}), 200)
        e0 = self.admin.get("%s/%d/enrolments" % (PERSONS, kids[0]["id"])).json["items"]
        by_fac = {e["facility_id"]: e for e in e0}
        self.assertEqual(by_fac[nur["id"]]["end"], planned)
        self.assertEqual(by_fac[nur_to["id"]]["start"], planned)
        e1 = self.admin.get("%s/%d/enrolments" % (PERSONS, kids[1]["id"])).json["items"]
        self.assertEqual([e["end"] for e in e1], [planned])
        # a later enrolment at the closed place is refused
        kid = self.admin.post(PERSONS, {
            "kind": "infant", "id_number": ISSUER.new_id(today() - timedelta(days=600), area="511902"),
            "name": "退出后幼儿", "region": BAZHOU, "guardian_name": "监护人"}).json
        r = self.admin.post("%s/%d/enrolments" % (PERSONS, kid["id"]),
                            {"facility_id": nur["id"], "class_type": "toddler_small",
                             "start": planned})
        self.assertError(r, 422, "facility_id")

    def test_one_open_case_under_concurrent_opens(self):
        f = self.home("并发退出养老院")
        results = []

        def go():
            results.append(self.open_case(f).status)

        threads = [threading.Thread(target=go) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(results), [201] + [409] * 7)
        items = self.admin.get(CASES, params={"status": "open"}).json["items"]
        self.assertEqual(len([c for c in items if c["facility_id"] == f["id"]]), 1)

    def test_closed_once_under_concurrent_closes(self):
        f = self.home("并发关闭养老院")
        case = self.open_case(f, planned_on=today().isoformat()).json
        results = []

        def go():
            results.append(self.admin.post("%s/%d/close" % (CASES, case["id"]),
                                           {"version": case["version"]}).status)

        threads = [threading.Thread(target=go) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(results), [200] + [409] * 5)

    def test_close_with_a_stale_version_refused(self):
        f = self.home("版本退出养老院")
        other = self.home("版本接收养老院")
        p = self.resident(f)
        case = self.open_case(f, planned_on=today().isoformat()).json
        r = self.place(case, p, destination="home")
        self.assertStatus(r, 200)
        seen = r.json["version"]
        # someone else changes the destination after this page was read
        self.assertStatus(self.place(case, p, destination="institution",
                                     destination_facility_id=other["id"]), 200)
        self.assertError(self.admin.post("%s/%d/close" % (CASES, case["id"]),
                                         {"version": seen}), 409, "version")
        self.assertEqual(self.admin.get("%s/%d" % (PERSONS, p["id"])).json["facility_id"], f["id"])
        # a destination that closes by the planned day is refused at close
        self.admin.post("/api/v1/facilities/%d/close" % other["id"],
                        {"closed_on": today().isoformat()})
        r = self.admin.post("%s/%d/close" % (CASES, case["id"]), {})
        self.assertError(r, 422, "members")
        self.assertEqual(self.admin.get("%s/%d" % (CASES, case["id"])).json["status"], "open")

    def test_random_cases_against_a_model(self):
        """Random destinations set and cleared on random cases, closes tried
        after each step: a close succeeds exactly when the model here has
        everyone placed, and then each record is where the model says."""
        rnd = random.Random(1204)
        targets = [self.home("随机接收院%d" % i) for i in range(2)]
        successor = self.home("随机承接院")
        closed = refused = 0
        for round_ in range(6):
            f = self.home("随机退出院%d" % round_)
            people = [self.resident(f) for _ in range(rnd.randint(1, 4))]
            with_successor = rnd.random() < 0.5
            over = {"successor_id": successor["id"]} if with_successor else {}
            case = self.open_case(f, planned_on=today().isoformat(), **over).json
            model = {p["id"]: None for p in people}
            for step in range(12):
                p = rnd.choice(people)
                choice = rnd.choice(["institution", "home", "successor", "", "bad"])
                if choice == "institution":
                    t = rnd.choice(targets)
                    r = self.place(case, p, destination="institution",
                                   destination_facility_id=t["id"])
                    want = (t["id"], "institution")
                elif choice == "successor":
                    r = self.place(case, p, destination="successor")
                    want = (successor["id"], "institution") if with_successor else "refused"
                elif choice == "home":
                    r = self.place(case, p, destination="home")
                    want = (None, "home")
                elif choice == "":
                    r = self.place(case, p, destination="")
                    want = None
                else:
                    r = self.place(case, p, destination="institution")
                    want = "refused"
                if want == "refused":
                    self.assertError(r, 422)
                else:
                    self.assertStatus(r, 200)
                    model[p["id"]] = want
                if rnd.random() < 0.3:
                    r = self.admin.post("%s/%d/close" % (CASES, case["id"]), {})
                    if all(v is not None for v in model.values()):
                        self.assertStatus(r, 200, "close with everyone placed")
                        closed += 1
                        break
                    self.assertError(r, 422, "members")
                    refused += 1
                    left = sorted(u["person_id"] for u in r.json["unplaced"])
                    self.assertEqual(left, sorted(k for k, v in model.items() if v is None))
            else:
                if all(v is not None for v in model.values()):
                    self.assertStatus(self.admin.post("%s/%d/close" % (CASES, case["id"]), {}), 200)
                    closed += 1
                else:
                    self.admin.post("%s/%d/withdraw" % (CASES, case["id"]), {})
                    continue
            for pid, (fid, residence) in model.items():
                got = self.admin.get("%s/%d" % (PERSONS, pid)).json
                self.assertEqual((got["facility_id"], got["residence"]), (fid, residence),
                                 "person %d in round %d" % (pid, round_))
        # the rounds exercised both answers
        self.assertGreater(closed, 0)
        self.assertGreater(refused, 0)

    def test_withdraw_then_open_again(self):
        f = self.home("撤回退出养老院")
        case = self.open_case(f).json
        self.assertError(self.open_case(f), 409, "facility_id")
        r = self.admin.post("%s/%d/withdraw" % (CASES, case["id"]), {})
        self.assertStatus(r, 200)
        self.assertEqual(r.json["status"], "withdrawn")
        self.assertError(self.admin.post("%s/%d/withdraw" % (CASES, case["id"]), {}), 409)
        self.assertStatus(self.open_case(f), 201)

    def test_bad_input_names_the_field(self):
        f = self.home("坏输入养老院")
        self.assertError(self.open_case(f, reason="bored"), 422, "reason")
        self.assertError(self.open_case(f, planned_on="2025-02-30"), 422, "planned_on")
        self.assertError(self.open_case(f, successor_id=f["id"]), 422, "successor_id")
        self.assertError(self.open_case(f, colour="red"), 422, "colour")
        self.assertError(self.open_case({"id": 999999}), 422, "facility_id")
        self.assertEqual([c for c in self.admin.get(CASES).json["items"]
                          if c["facility_id"] == f["id"]], [])

    def test_scope(self):
        f = self.home("范围退出养老院")
        p = self.resident(f)
        case = self.open_case(f, client=self.county).json
        path = "%s/%d" % (CASES, case["id"])
        self.assertDenied(self.enyang.get(path))
        self.assertDenied(self.family.get(path))
        # another county's facility is as unknown as one that does not exist
        r = self.enyang.post(CASES, {"facility_id": f["id"], "reason": "other",
                                     "planned_on": "2030-01-01"})
        self.assertError(r, 422, "facility_id")
        self.assertEqual(r.json["error"]["message"], "no facility %d" % f["id"])
        r = self.ro.get(path)
        self.assertStatus(r, 200)
        # a reader that may not unmask sees the masked number only
        self.assertNotIn("id_number", r.json["people"][0])
        self.assertRegex(r.json["people"][0]["id_masked"], r"^\d{6}\*{8}\d{3}[\dX]$")
        self.assertDenied(self.ro.post(path + "/close", {}))
        full = self.admin.get(path).json["people"][0]
        self.assertEqual(full["id_number"], p["issued"])
        # an operator of the facility records a contract end, not a destination
        self.admin.create_user("cl_op", "operator", BAZHOU, password=PASSWORD,
                               facilities=[f["id"]])
        op = login_as(self.server, "cl_op", PASSWORD)
        self.assertStatus(self.place(case, p, client=op, contract_ended_on="2030-01-01"), 200)
        self.assertError(self.place(case, p, client=op, destination="home"), 422, "destination")
        self.assertEqual([c["id"] for c in op.get(CASES).json["items"]], [case["id"]])
