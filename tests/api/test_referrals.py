"""Referrals (docs/api.md "Referrals"; policies' "referrals" section).

A need found on a visit is referred and followed to its close: each step
only by its owner (a visitor cannot close; a township officer of another
township is told nothing, 404), never closed before the feedback, overdue
and escalated to the township and then the county at a given moment
(`at`), every step in the audit log. Deadlines and escalation hours are
read here from the 巴中 policy file, not from the server.

Regions: two townships of 巴州区 made here (甲 with villages 甲一, 甲二;
乙 with 乙一), so that nothing of the presets is in the way.
"""

import json
import os
import re
from datetime import date, datetime, timedelta, timezone

import harness
from harness import ApiTestCase, facility_body, login_as
from idnumbers import Issuer

HERE = os.path.dirname(os.path.abspath(__file__))
POLICY = os.path.join(HERE, "..", "..", "policies", "511900000000-bazhong.json")
BAZHOU = "511902000000"
TOWN_A, TOWN_B = "511902701000", "511902702000"
VIL_A1, VIL_A2, VIL_B1 = "511902701001", "511902701002", "511902702001"
PASSWORD = "correct horse battery"
REFERRALS = "/api/v1/referrals"
ISSUER = Issuer(("511902",), "137", 22446688, 1000000)

with open(POLICY, encoding="utf-8") as _f:
    SECTION = json.load(_f)["referrals"]
HOURS = {s["code"]: s["hours"] for s in SECTION["severities"]}
LADDER = [(e["level"], e["after_hours"]) for e in SECTION["escalate"]]
NEEDS = {n["code"]: n for n in SECTION["needs"]}


def tearDownModule():
    harness.stop_module_server(__name__)


def moment(s):
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


def utc(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


class ReferralTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_region(TOWN_A, "转介甲镇", "township", BAZHOU)
        a.create_region(TOWN_B, "转介乙镇", "township", BAZHOU)
        a.create_region(VIL_A1, "甲一村", "village", TOWN_A)
        a.create_region(VIL_A2, "甲二村", "village", TOWN_A)
        a.create_region(VIL_B1, "乙一村", "village", TOWN_B)
        cls.ids = {}
        cls.p_a1 = cls.person(VIL_A1, "王甲一")
        cls.p_a2 = cls.person(VIL_A2, "李甲二")
        cls.p_b1 = cls.person(VIL_B1, "张乙一")
        cls.home = a.create_facility(facility_body(BAZHOU, name="转介养老院"))
        users = {
            "r_visitor_a": ("visitor", TOWN_A, {"areas": [VIL_A1]}),
            "r_visitor_b": ("visitor", TOWN_B, {"areas": [VIL_B1]}),
            "r_town_a": ("township_official", TOWN_A, {}),
            "r_town_b": ("township_official", TOWN_B, {}),
            "r_county": ("county_official", BAZHOU, {}),
            "r_dept": ("dept_official", BAZHOU, {}),
            "r_readonly": ("readonly", BAZHOU, {}),
            "r_operator": ("operator", BAZHOU, {"facilities": [cls.home["id"]]}),
        }
        cls.c = {}
        for name, (role, region, extra) in users.items():
            a.create_user(name, role, region, **extra)
            cls.c[name] = login_as(cls.server, name, PASSWORD)

    @classmethod
    def person(cls, region, name):
        idn = ISSUER.new_id(date(1940, 3, 1 + len(cls.ids)), area=region[:6])
        r = cls.admin.post("/api/v1/persons", {"kind": "elderly", "name": name,
                                               "region": region, "id_number": idn})
        assert r.status == 201, r.text
        cls.ids[r.json["id"]] = idn
        return r.json

    def raise_one(self, who="r_visitor_a", person=None, **over):
        body = {"person_id": (person or self.p_a1)["id"], "need": "medical",
                "severity": "urgent", "detail": "血压高，需就医"}
        body.update(over)
        r = self.c[who].post(REFERRALS, body)
        self.assertEqual(r.status, 201, r.text)
        return r.json

    def step(self, who, rid, step, note=None, status=200):
        body = {} if note is None else {"note": note}
        r = self.c[who].post("%s/%d/%s" % (REFERRALS, rid, step), body)
        self.assertEqual(r.status, status, "%s %s as %s: %s" % (step, rid, who, r.text))
        return r

    def test_loop_each_step_only_by_its_owner(self):
        ref = self.raise_one()
        rid = ref["id"]
        self.assertEqual(ref["status"], "assigned")
        self.assertEqual((ref["to_kind"], ref["to"]),
                         (NEEDS["medical"]["to_kind"], NEEDS["medical"]["to"]),
                         "the receiver is the need's in the policy")
        self.assertEqual(moment(ref["due_at"]) - moment(ref["created_at"]),
                         timedelta(hours=HOURS["urgent"]))
        self.assertEqual(ref["created_by"], "r_visitor_a")
        self.assertEqual(ref["person_name"], "王甲一")
        self.assertNotIn(self.ids[self.p_a1["id"]], json.dumps(ref))

        # never closed before the feedback, at any status before it
        self.assertError(self.c["r_town_a"].post("%s/%d/close" % (REFERRALS, rid), {}),
                         409, "id")
        # the visitor who raised it sees it but takes no step
        self.assertEqual(self.c["r_visitor_a"].get("%s/%d" % (REFERRALS, rid)).status, 200)
        for s in ("accept", "close"):
            self.assertError(self.c["r_visitor_a"].post("%s/%d/%s" % (REFERRALS, rid, s), {}),
                             403)
        # another visitor and another township are told nothing
        for who in ("r_visitor_b", "r_town_b"):
            self.assertError(self.c[who].get("%s/%d" % (REFERRALS, rid)), 404)
            for s in ("accept", "close"):
                r = self.c[who].post("%s/%d/%s" % (REFERRALS, rid, s), {})
                self.assertIn(r.status, (403, 404), r.text)
        self.assertError(self.c["r_town_b"].post("%s/%d/close" % (REFERRALS, rid), {}), 404)
        self.assertError(self.c["r_readonly"].post("%s/%d/accept" % (REFERRALS, rid), {}), 403)
        # the department receives it
        self.assertEqual(self.step("r_dept", rid, "accept").json["status"], "accepted")
        self.assertError(self.c["r_dept"].post("%s/%d/close" % (REFERRALS, rid), {}), 403)
        self.step("r_town_a", rid, "close", status=409)
        self.assertEqual(self.step("r_dept", rid, "handle", "已联系乡镇卫生院").json["status"],
                         "handled")
        self.step("r_town_a", rid, "close", status=409)
        self.step("r_dept", rid, "accept", status=409)
        # the feedback is its note
        self.assertError(self.c["r_dept"].post("%s/%d/feedback" % (REFERRALS, rid), {}),
                         422, "note")
        self.assertError(self.c["r_dept"].post("%s/%d/feedback" % (REFERRALS, rid),
                                               {"note": ""}), 422, "note")
        done = self.step("r_dept", rid, "feedback", "已就诊，血压平稳").json
        self.assertEqual(done["status"], "fed_back")
        self.assertError(self.c["r_visitor_a"].post("%s/%d/close" % (REFERRALS, rid), {}), 403)
        self.assertError(self.c["r_town_b"].post("%s/%d/close" % (REFERRALS, rid), {}), 404)
        closed = self.step("r_town_a", rid, "close", "回访确认").json
        self.assertEqual(closed["status"], "closed")
        self.assertEqual([(s["step"], s["by"]) for s in closed["steps"]],
                         [("assigned", "r_visitor_a"), ("accepted", "r_dept"),
                          ("handled", "r_dept"), ("fed_back", "r_dept"),
                          ("closed", "r_town_a")])
        self.assertEqual(closed["steps"][3]["note"], "已就诊，血压平稳")
        self.step("r_town_a", rid, "close", status=409)

        # every step in the audit log, with the status before and after
        r = self.admin.get("/api/v1/audit", params={"entity": "referral",
                                                   "entity_id": str(rid)})
        self.assertEqual(r.status, 200, r.text)
        log = sorted(r.json["items"], key=lambda e: e["id"])
        self.assertEqual([(e["action"], e["user"]) for e in log],
                         [("create", "r_visitor_a"), ("accept", "r_dept"),
                          ("handle", "r_dept"), ("feedback", "r_dept"),
                          ("close", "r_town_a")])
        self.assertEqual([(e["before"] or {}).get("status") for e in log],
                         [None, "assigned", "accepted", "handled", "fed_back"])
        self.assertEqual([e["after"]["status"] for e in log],
                         ["assigned", "accepted", "handled", "fed_back", "closed"])

        # reopened with a reason: assigned again, a new deadline
        self.assertError(self.c["r_town_a"].post("%s/%d/reopen" % (REFERRALS, rid), {}),
                         422, "note")
        self.assertError(self.c["r_dept"].post("%s/%d/reopen" % (REFERRALS, rid),
                                               {"note": "x"}), 403)
        again = self.step("r_town_a", rid, "reopen", "老人反映仍未就诊").json
        self.assertEqual(again["status"], "assigned")
        self.assertEqual(moment(again["due_at"]) - moment(again["steps"][-1]["at"]),
                         timedelta(hours=HOURS["urgent"]))
        self.assertEqual(again["steps"][-1]["step"], "reopened")

    def test_overdue_and_escalation_at_a_moment(self):
        sev = "normal"
        ref = self.raise_one(person=self.p_a2, who="r_town_a", need="housing", severity=sev)
        rid, due = ref["id"], moment(ref["due_at"])
        self.assertEqual(due - moment(ref["created_at"]), timedelta(hours=HOURS[sev]))
        (first, _), (second, after) = LADDER[0], LADDER[1]
        self.assertEqual((first, second), ("township", "county"))

        def seen(at, **params):
            params.update({"at": utc(at), "region": TOWN_A})
            r = self.c["r_county"].get(REFERRALS, params=params)
            self.assertEqual(r.status, 200, r.text)
            return {i["id"]: i for i in r.json["items"]}, r.json

        items, _ = seen(due - timedelta(hours=1))
        self.assertFalse(items[rid]["overdue"])
        self.assertIsNone(items[rid]["escalation"])
        items, _ = seen(due)
        self.assertFalse(items[rid]["overdue"], "due at the deadline, not yet past it")
        items, body = seen(due + timedelta(seconds=1))
        self.assertTrue(items[rid]["overdue"])
        self.assertEqual(items[rid]["escalation"], "township")
        self.assertGreaterEqual(body["counts"]["overdue"], 1)
        self.assertIn(rid, seen(due + timedelta(seconds=1), overdue="1")[0])
        self.assertIn(rid, seen(due + timedelta(seconds=1), escalated="township")[0])
        self.assertNotIn(rid, seen(due + timedelta(seconds=1), escalated="county")[0])
        items, _ = seen(due + timedelta(hours=after))
        self.assertEqual(items[rid]["escalation"], "township")
        at = due + timedelta(hours=after, seconds=1)
        items, _ = seen(at)
        self.assertEqual(items[rid]["escalation"], "county")
        self.assertIn(rid, seen(at, escalated="county")[0])
        self.assertNotIn(rid, seen(at, escalated="township")[0])
        self.assertNotIn(rid, seen(due - timedelta(hours=1), overdue="1")[0])
        # the same through one referral
        r = self.c["r_town_a"].get("%s/%d" % (REFERRALS, rid), params={"at": utc(at)})
        self.assertEqual((r.json["overdue"], r.json["escalation"]), (True, "county"))
        # once fed back the receiver's part is done: no longer overdue
        for s, note in (("accept", None), ("handle", None), ("feedback", "已排查危房")):
            self.step("r_town_a", rid, s, note)
        r = self.c["r_town_a"].get("%s/%d" % (REFERRALS, rid), params={"at": utc(at)})
        self.assertEqual((r.json["overdue"], r.json["escalation"]), (False, None))
        self.assertError(self.c["r_county"].get(REFERRALS, params={"at": "tomorrow"}),
                         400, "at")

    def test_facility_referral_goes_to_its_operator(self):
        ref = self.raise_one(need="care", severity="low", to_facility=self.home["id"])
        rid = ref["id"]
        self.assertEqual((ref["to_kind"], ref["to"], ref["to_facility"]),
                         ("facility", "转介养老院", self.home["id"]))
        op = self.c["r_operator"]
        self.assertEqual(op.get("%s/%d" % (REFERRALS, rid)).status, 200)
        self.assertIn(rid, [i["id"] for i in op.get(REFERRALS).json["items"]])
        self.assertError(self.c["r_dept"].get("%s/%d" % (REFERRALS, rid)), 404)
        self.step("r_operator", rid, "accept")
        self.assertError(op.post("%s/%d/close" % (REFERRALS, rid), {}), 403)
        # a department referral is not the operator's
        other = self.raise_one()
        self.assertError(op.get("%s/%d" % (REFERRALS, other["id"])), 404)
        self.assertError(op.post("%s/%d/accept" % (REFERRALS, other["id"]), {}), 404)

    def test_bad_input_changes_nothing(self):
        def total():
            return self.admin.get(REFERRALS, params={"limit": "1000"}).json["total"]

        before = total()
        v = self.c["r_visitor_a"]
        good = {"person_id": self.p_a1["id"], "need": "medical", "severity": "urgent"}
        cases = [
            (dict(good, need="flying"), 422, "need"),
            (dict(good, severity="soon"), 422, "severity"),
            ({k: v_ for k, v_ in good.items() if k != "person_id"}, 422, "person_id"),
            (dict(good, person_id="x"), 422, "person_id"),
            (dict(good, colour="red"), 422, "colour"),
            (dict(good, need="care"), 422, "to_facility"),
            (dict(good, to_facility=self.home["id"]), 422, "to_facility"),
            (dict(good, to_kind="army"), 422, "to_kind"),
            (dict(good, visit_id=999999), 422, "visit_id"),
            (dict(good, detail="长" * 2001), 422, "detail"),
            # outside the visitor's villages: no such person
            (dict(good, person_id=self.p_a2["id"]), 404, "person_id"),
            (dict(good, person_id=self.p_b1["id"]), 404, "person_id"),
        ]
        for body, status, field in cases:
            self.assertError(v.post(REFERRALS, body), status, field, what=str(body)[:80])
        self.assertError(self.c["r_town_b"].post(REFERRALS, good), 404, "person_id")
        self.assertError(self.c["r_dept"].post(REFERRALS, good), 403)
        self.assertEqual(total(), before, "nothing was raised")
        self.assertError(self.admin.get(REFERRALS, params={"status": "lost"}), 400, "status")
        self.assertError(self.admin.get(REFERRALS, params={"escalated": "village"}), 400,
                         "escalated")

    def test_who_sees_which(self):
        mine = self.raise_one()["id"]
        by_town = self.raise_one(who="r_town_a", person=self.p_a2)["id"]
        far = self.raise_one(who="r_visitor_b", person=self.p_b1)["id"]

        def listed(who, **params):
            r = self.c[who].get(REFERRALS, params=params)
            self.assertEqual(r.status, 200, r.text)
            return {i["id"] for i in r.json["items"]}

        self.assertIn(mine, listed("r_visitor_a"))
        self.assertNotIn(by_town, listed("r_visitor_a"), "a visitor sees what it raised")
        self.assertNotIn(far, listed("r_visitor_a"))
        self.assertEqual(listed("r_visitor_b") & {mine, by_town}, set())
        self.assertTrue({mine, by_town} <= listed("r_town_a"))
        self.assertNotIn(far, listed("r_town_a"))
        self.assertIn(far, listed("r_town_b"))
        self.assertTrue({mine, by_town, far} <= listed("r_county"))
        self.assertError(self.c["r_town_a"].get(REFERRALS, params={"region": TOWN_B}), 404,
                         "region")
        # no ID number in anything a visitor or township officer reads
        for who in ("r_visitor_a", "r_town_a"):
            text = self.c[who].get(REFERRALS).text
            for idn in self.ids.values():
                self.assertNotIn(idn, text)
                self.assertNotIn(idn[-4:] + '"', text)
        opts = self.c["r_visitor_a"].get(REFERRALS + "/options").json
        self.assertEqual([n["code"] for n in opts["needs"]], list(NEEDS))
        self.assertEqual({s["code"]: s["hours"] for s in opts["severities"]}, HOURS)

    def test_cli_reads_and_steps_the_same(self):
        rid = self.raise_one()["id"]
        p = harness.run_cli(["referral", "show", str(rid), "--json"], self.server.db)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        self.assertEqual(json.loads(p.stdout)["status"], "assigned")
        p = harness.run_cli(["referral", "step", str(rid), "close"], self.server.db)
        self.assertNotEqual(p.returncode, 0)
        self.assertRegex(p.stderr.decode(), re.compile("feedback"))
        p = harness.run_cli(["referral", "step", str(rid), "accept", "--note", "命令行受理"],
                            self.server.db)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        r = self.admin.get("%s/%d" % (REFERRALS, rid)).json
        self.assertEqual(r["status"], "accepted")
        self.assertEqual(r["steps"][-1]["note"], "命令行受理")
        p = harness.run_cli(["referral", "list", "--region", TOWN_A], self.server.db)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        self.assertIn("王甲一", p.stdout.decode())
        # said as the desk says it, not as stored
        self.assertIn("已受理", p.stdout.decode())
        self.assertNotIn("accepted", p.stdout.decode())


class ReferralPropertyTest(ApiTestCase):
    """Random referrals taken a random number of steps, looked at from
    random moments: each one's overdue flag and escalation, the counts and
    the overdue filter equal what is computed here from its deadline, its
    status and the policy file's ladder."""

    TOWN, VILLAGE = "511902703000", "511902703001"

    def test_random_referrals_and_moments(self):
        import random
        rng = random.Random(1414)
        a = self.admin
        a.create_region(self.TOWN, "转介丙镇", "township", BAZHOU)
        a.create_region(self.VILLAGE, "丙一村", "village", self.TOWN)
        persons = []
        for i in range(3):
            idn = ISSUER.new_id(date(1938, 5, 1 + i), area="511902")
            r = a.post("/api/v1/persons", {"kind": "elderly", "name": "丙%d" % i,
                                           "region": self.VILLAGE, "id_number": idn})
            self.assertEqual(r.status, 201, r.text)
            persons.append(r.json["id"])
        steps = [("accept", None), ("handle", None), ("feedback", "已办"), ("close", None)]
        ids = []
        for _ in range(24):
            r = a.post(REFERRALS, {"person_id": rng.choice(persons), "need": rng.choice(list(NEEDS.keys() - {"care"})),
                                   "severity": rng.choice(list(HOURS))})
            self.assertEqual(r.status, 201, r.text)
            rid = r.json["id"]
            for s, note in steps[:rng.randint(0, 4)]:
                self.assertEqual(a.post("%s/%d/%s" % (REFERRALS, rid, s),
                                        {"note": note} if note else {}).status, 200)
            if rng.random() < 0.2 and a.get("%s/%d" % (REFERRALS, rid)).json["status"] == "closed":
                self.assertEqual(a.post("%s/%d/reopen" % (REFERRALS, rid), {"note": "再办"}).status, 200)
            ids.append(rid)
        facts = {}
        for rid in ids:
            r = a.get("%s/%d" % (REFERRALS, rid)).json
            # the deadline from the last time it was (re)assigned, by the file's hours
            start = [s["at"] for s in r["steps"] if s["step"] in ("assigned", "reopened")][-1]
            due = moment(start) + timedelta(hours=HOURS[r["severity"]])
            self.assertEqual(moment(r["due_at"]), due)
            facts[rid] = (r["status"], due)
        dues = sorted({d for _, d in facts.values()})
        moments = [dues[0] - timedelta(hours=1)]
        for d in dues:
            moments += [d, d + timedelta(seconds=1)]
            for _, after in LADDER:
                moments += [d + timedelta(hours=after), d + timedelta(hours=after, seconds=1)]
        moments += [dues[0] + timedelta(seconds=rng.randint(0, 400 * 3600)) for _ in range(12)]
        for at in moments:
            r = a.get(REFERRALS, params={"region": self.TOWN, "at": utc(at), "limit": "1000"})
            self.assertEqual(r.status, 200, r.text)
            got = {i["id"]: i for i in r.json["items"]}
            self.assertEqual(set(got), set(ids))
            want_counts = {"open": 0, "overdue": 0}
            late = set()
            for rid, (status, due) in facts.items():
                overdue = status not in ("fed_back", "closed") and at > due
                level = None
                if overdue:
                    for name, after in LADDER:
                        if at > due + timedelta(hours=after):
                            level = name
                self.assertEqual((got[rid]["overdue"], got[rid]["escalation"]), (overdue, level),
                                 "referral %d (%s, due %s) at %s" % (rid, status, utc(due), utc(at)))
                want_counts["open"] += status != "closed"
                if overdue:
                    want_counts["overdue"] += 1
                    late.add(rid)
                    want_counts[level] = want_counts.get(level, 0) + 1
            self.assertEqual(r.json["counts"], want_counts, utc(at))
            r = a.get(REFERRALS, params={"region": self.TOWN, "at": utc(at), "overdue": "1"})
            self.assertEqual({i["id"] for i in r.json["items"]}, late, utc(at))


class ReferralOfAVisitTest(ApiTestCase):
    """A referral raised from a visit: the visit must be of the same person.
    The visit row is written straight into the database here, as a visit
    recorded on paper would be, so that this test needs nothing of the
    visits' own API."""

    TOWN, VILLAGE = "511902704000", "511902704001"

    def test_visit_of_the_same_person_only(self):
        a = self.admin
        a.create_region(self.TOWN, "转介丁镇", "township", BAZHOU)
        a.create_region(self.VILLAGE, "丁一村", "village", self.TOWN)
        ids = []
        for i in range(2):
            idn = ISSUER.new_id(date(1939, 7, 1 + i), area="511902")
            r = a.post("/api/v1/persons", {"kind": "elderly", "name": "丁%d" % i,
                                           "region": self.VILLAGE, "id_number": idn})
            self.assertEqual(r.status, 201, r.text)
            ids.append(r.json["id"])
        db = self.server.db
        harness.db_exec(db, "INSERT INTO visit (person_id, region, visited_at, visited_on, mode,"
                        " visitor_name, recorded_at) VALUES (?, ?, ?, ?, 'home', '丁村巡访员', ?)",
                        (ids[0], self.VILLAGE, "2026-11-30T09:30", "2026-11-30",
                         "2026-11-30T01:40:00Z"))
        visit = harness.db_rows(db, "SELECT max(id) FROM visit WHERE person_id = ?", (ids[0],))[0][0]
        good = {"person_id": ids[0], "visit_id": visit, "need": "meal", "severity": "normal"}
        r = a.post(REFERRALS, good)
        self.assertEqual(r.status, 201, r.text)
        self.assertEqual((r.json["visit_id"], r.json["to_kind"], r.json["to"]),
                         (visit, NEEDS["meal"]["to_kind"], NEEDS["meal"]["to"]))
        self.assertError(a.post(REFERRALS, dict(good, person_id=ids[1])), 422, "visit_id")
        listed = a.get(REFERRALS, params={"visit_id": str(visit)}).json["items"]
        self.assertEqual([i["id"] for i in listed], [r.json["id"]])
        listed = a.get(REFERRALS, params={"person_id": str(ids[1])}).json["items"]
        self.assertEqual(listed, [])
