"""Complaints and reviews (docs/api.md "Complaints and reviews"; the
policies' "complaints" section).

A complaint's deadline is 15 working days from receipt, counted here from
the 巴中 policy file's calendar (weekends, the State Council's holidays
and the weekend days worked); the call-back, the reopening of a complaint
called back unsatisfied, each step taken once under concurrent requests;
a serious complaint about a facility opens a hazard in supervision; the
complainant's phone sealed at rest and masked for those who may not see
it; reviews only by families whose relative lived in the institution, one
each, appealed by the operator and hidden by an official, leaving the
average; statistics against counts made here; scope by role.

Regions: two townships of 巴州区 made here, so nothing of the presets is in
the way.
"""

import json
import os
import threading
from datetime import date, timedelta
from fractions import Fraction

import harness
from harness import ApiTestCase, facility_body, login_as
from idnumbers import Issuer

HERE = os.path.dirname(os.path.abspath(__file__))
POLICY = os.path.join(HERE, "..", "..", "policies", "511900000000-bazhong.json")
BAZHOU = "511902000000"
TOWN_A, TOWN_B = "511902731000", "511902732000"
VIL_A1 = "511902731001"
PASSWORD = "correct horse battery"
C = "/api/v1/complaints"
R = "/api/v1/reviews"
ISSUER = Issuer(("511902",), "139", 31415926, 1000000)

with open(POLICY, encoding="utf-8") as _f:
    SECTION = json.load(_f)["complaints"]
OFF = {date.fromisoformat(d) for d in SECTION["calendar"]["holidays"]}
ON = {date.fromisoformat(d) for d in SECTION["calendar"]["workdays"]}
DAYS = SECTION["deadline_days"]
SATISFIED = set(SECTION["satisfaction"]["satisfied"])
SERIOUS = {c["code"] for c in SECTION["categories"] if c["serious"]}


def tearDownModule():
    harness.stop_module_server(__name__)


def working(d):
    if d in ON:
        return True
    return d.weekday() < 5 and d not in OFF


def deadline(received, n=DAYS):
    """The n-th working day after received, counted one day at a time."""
    d, k = received, 0
    while k < n:
        d += timedelta(days=1)
        if working(d):
            k += 1
    return d


def percent(num, den):
    """num / den as a percentage, one decimal, half up."""
    if not den:
        return None
    q = Fraction(num * 100, den) * 10
    whole = int(q)
    if q - whole >= Fraction(1, 2):
        whole += 1
    return "%d.%d" % (whole // 10, whole % 10)


def average(values):
    if not values:
        return None
    q = Fraction(sum(values), len(values)) * 100
    whole = int(q)
    if q - whole >= Fraction(1, 2):
        whole += 1
    return "%d.%02d" % (whole // 100, whole % 100)


class ComplaintTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_region(TOWN_A, "投诉甲镇", "township", BAZHOU)
        a.create_region(TOWN_B, "投诉乙镇", "township", BAZHOU)
        a.create_region(VIL_A1, "投诉甲一村", "village", TOWN_A)
        cls.home = a.create_facility(facility_body(BAZHOU, name="投诉测试养老院"))
        cls.home2 = a.create_facility(facility_body(BAZHOU, name="另一家养老院"))
        users = {
            "c_county": ("county_official", BAZHOU, {}),
            "c_dept": ("dept_official", BAZHOU, {}),
            "c_town_a": ("township_official", TOWN_A, {}),
            "c_town_b": ("township_official", TOWN_B, {}),
            "c_readonly": ("readonly", BAZHOU, {}),
            "c_inspector": ("inspector", BAZHOU, {}),
            "c_op": ("operator", BAZHOU, {"facilities": [cls.home["id"]]}),
            "c_op2": ("operator", BAZHOU, {"facilities": [cls.home2["id"]]}),
            "c_family": ("family", BAZHOU, {}),
            "c_family2": ("family", BAZHOU, {}),
        }
        cls.c = {}
        for name, (role, region, extra) in users.items():
            a.create_user(name, role, region, **extra)
            cls.c[name] = login_as(cls.server, name, PASSWORD)
        idn = ISSUER.new_id(date(1941, 5, 6), area="511902")
        r = a.post("/api/v1/persons", {"kind": "elderly", "name": "赵桂兰",
                                       "region": VIL_A1, "id_number": idn,
                                       "residence": "institution",
                                       "facility_id": cls.home["id"]})
        assert r.status == 201, r.text
        cls.mother = r.json
        r = cls.c["c_family"].post("/api/v1/services/links",
                                   {"id_number": idn, "name": "赵桂兰", "relation": "子女"})
        assert r.status == 201, r.text

    def file(self, who="c_county", status=201, **over):
        body = {"channel": "12345", "category": "service", "summary": "护理员态度差",
                "facility_id": self.home["id"], "complainant": "钱先生",
                "phone": ISSUER.new_phone()}
        body.update(over)
        body = {k: v for k, v in body.items() if v is not None}
        r = self.c[who].post(C, body)
        self.assertEqual(r.status, status, r.text)
        return r.json

    def step(self, who, cid, step, status=200, **body):
        r = self.c[who].post("%s/%d/%s" % (C, cid, step), body)
        self.assertEqual(r.status, status, "%s %s as %s: %s" % (step, cid, who, r.text))
        return r.json

    # --- deadlines -----------------------------------------------------

    def test_deadline_counts_working_days_across_weekend_and_holiday(self):
        # Friday before the 2025 National Day week: Sunday 28 September
        # is worked, 1-8 October are off, Saturday 11 October is worked
        got = self.file(received_on="2025-09-26")
        self.assertEqual(got["deadline"], "2025-10-23")
        self.assertEqual(got["deadline"], deadline(date(2025, 9, 26)).isoformat())
        # across the Spring Festival: 26 January and 8 February worked
        got = self.file(received_on="2025-01-24")
        self.assertEqual(got["deadline"], deadline(date(2025, 1, 24)).isoformat())
        self.assertEqual(got["deadline"], "2025-02-20")
        # overdue the day after the deadline, not on it
        cid = got["id"]
        on = self.c["c_county"].get(C, params={"on": "2025-02-20", "region": BAZHOU}).json
        self.assertFalse([x for x in on["items"] if x["id"] == cid][0]["overdue"])
        after = self.c["c_county"].get(C, params={"on": "2025-02-21", "region": BAZHOU,
                                                  "overdue": "1"}).json
        self.assertIn(cid, [x["id"] for x in after["items"]])
        # a received day in the future is refused, nothing stored
        n = len(self.c["c_county"].get(C, params={"region": BAZHOU}).json["items"])
        tomorrow = (date.today() + timedelta(days=2)).isoformat()
        self.assertError(self.c["c_county"].post(C, {
            "channel": "phone", "category": "service", "summary": "x",
            "facility_id": self.home["id"], "received_on": tomorrow}), 422, "received_on")
        self.assertEqual(n, len(self.c["c_county"].get(C, params={"region": BAZHOU}).json["items"]))

    def test_random_received_days_against_the_calendar(self):
        import random
        rnd = random.Random(18)
        for _ in range(12):
            d = date(2025, 1, 1) + timedelta(days=rnd.randrange(0, 330))
            got = self.file(received_on=d.isoformat(), channel="letter")
            self.assertEqual(got["deadline"], deadline(d).isoformat(), d)

    # --- the life cycle ------------------------------------------------

    def test_callback_and_reopening(self):
        got = self.file()
        cid = got["id"]
        self.assertEqual(got["status"], "received")
        # never answered before assigned, never closed before called back
        self.step("c_county", cid, "answer", 409, answer="已处理")
        self.step("c_county", cid, "close", 409)
        a = self.step("c_county", cid, "assign", assignee="巴州区民政局养老服务股")
        self.assertEqual((a["status"], a["assignee"]), ("assigned", "巴州区民政局养老服务股"))
        self.step("c_county", cid, "answer", 422)  # the answer is required
        a = self.step("c_dept", cid, "answer", answer="已约谈机构负责人，护理员调岗")
        self.assertEqual(a["status"], "answered")
        self.assertEqual(a["answered_on"] <= a["deadline"], a["on_time"])
        self.step("c_county", cid, "callback", 422, satisfaction=6)
        a = self.step("c_county", cid, "callback", satisfaction=2, note="仍不满意")
        self.assertEqual((a["status"], a["satisfaction_name"]), ("called_back", "不满意"))
        self.assertTrue(a["may_reopen"])
        self.assertEqual(a["steps"][-1]["note"], "不满意：仍不满意")
        self.step("c_county", cid, "reopen", 422)  # a reason is required
        a = self.step("c_county", cid, "reopen", note="投诉人要求重新处理")
        self.assertEqual(a["status"], "assigned")
        self.assertEqual(a["reopened"], 1)
        self.assertIsNone(a["answered_on"])
        self.assertIsNone(a["satisfaction"])
        today = date.fromisoformat(a["steps"][-1]["at"][:10])
        self.assertEqual(a["deadline"], deadline(today).isoformat(),
                         "a reopened complaint has a new deadline from today")
        a = self.step("c_county", cid, "answer", answer="再次核查并整改")
        a = self.step("c_county", cid, "callback", satisfaction=4)
        self.assertFalse(a["may_reopen"])
        self.step("c_county", cid, "reopen", 409, note="again")
        a = self.step("c_county", cid, "close", note="办结")
        self.assertEqual(a["status"], "closed")
        self.step("c_county", cid, "close", 409)
        steps = [s["step"] for s in a["steps"]]
        self.assertEqual(steps, ["received", "assign", "answer", "callback", "reopen",
                                 "answer", "callback", "close"])
        self.assertEqual([s["version"] for s in a["steps"]], list(range(1, 9)))
        audit = self.admin.get("/api/v1/audit", params={"entity": "complaint",
                                                        "entity_id": str(cid)}).json
        actions = [e["action"] for e in audit["items"]]
        for s in ("create", "assign", "answer", "callback", "reopen", "close"):
            self.assertIn(s, actions)

    def test_a_stale_version_is_refused(self):
        got = self.file()
        self.step("c_county", got["id"], "assign", 409, assignee="甲", version=got["version"] + 1)
        self.step("c_county", got["id"], "assign", assignee="甲", version=got["version"])
        self.step("c_county", got["id"], "assign", 409, assignee="乙", version=got["version"])

    def test_steps_taken_once_under_concurrent_requests(self):
        got = self.file()
        cid = got["id"]
        self.step("c_county", cid, "assign", assignee="民政局")
        results = []
        clients = [login_as(self.server, "c_county", PASSWORD) for _ in range(8)]

        def go(cl, i):
            r = cl.post("%s/%d/answer" % (C, cid), {"answer": "答复%d" % i, "version": 2})
            results.append(r.status)

        threads = [threading.Thread(target=go, args=(cl, i)) for i, cl in enumerate(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(results), [200] + [409] * 7, results)
        got = self.c["c_county"].get("%s/%d" % (C, cid)).json
        self.assertEqual([s["step"] for s in got["steps"]].count("answer"), 1)
        n = harness.db_rows(self.server.db,
                            "SELECT count(*) FROM complaint_step WHERE complaint_id = ?",
                            (cid,))[0][0]
        self.assertEqual(n, 3)

    def test_random_steps_against_a_model(self):
        """Random steps by random accounts on a few complaints, each answer
        checked against the life cycle and the roles written here."""
        import random
        rnd = random.Random(1818)
        nxt = {"assign": ({"received", "assigned"}, "assigned"),
               "answer": ({"assigned"}, "answered"),
               "callback": ({"answered"}, "called_back"),
               "close": ({"called_back"}, "closed"),
               "reopen": ({"called_back", "closed"}, "assigned")}
        handlers = {"c_county", "c_dept", "c_town_a"}
        model = {}
        for _ in range(3):
            got = self.file("c_family", channel=None, summary="随机步骤",
                            facility_id=None, region=VIL_A1)
            model[got["id"]] = {"status": "received", "sat": None, "version": 1}
        whos = ["c_county", "c_dept", "c_town_a", "c_town_b", "c_readonly", "c_op",
                "c_family", "c_family2"]
        for _ in range(60):
            cid = rnd.choice(sorted(model))
            m = model[cid]
            who = rnd.choice(whos)
            step = rnd.choice(sorted(nxt))
            body = {"assign": {"assignee": "民政局"}, "answer": {"answer": "已处理"},
                    "callback": {"satisfaction": rnd.randint(1, 5)},
                    "close": {}, "reopen": {"note": "不满意"}}[step]
            r = self.c[who].post("%s/%d/%s" % (C, cid, step), body)
            family_step = step in ("callback", "reopen")
            # the route refuses operators and read-only accounts, and
            # families outside their two steps, before anything is read;
            # those who may not see the complaint are told nothing
            if who == "c_town_b" or (who == "c_family2" and family_step):
                want = 404
            elif who in handlers or (who == "c_family" and family_step):
                allowed, to = nxt[step]
                if m["status"] not in allowed:
                    want = 409
                elif step == "reopen" and (m["sat"] is None or m["sat"] in SATISFIED):
                    want = 409
                else:
                    want = 200
            else:
                want = 403
            self.assertEqual(r.status, want, "%s %s by %s at %s: %s" % (step, cid, who, m, r.text))
            if want == 200:
                m["status"] = to
                m["version"] += 1
                if step == "callback":
                    m["sat"] = body["satisfaction"]
                if step == "reopen":
                    m["sat"] = None
                self.assertEqual((r.json["status"], r.json["version"]), (m["status"], m["version"]))
        for cid, m in model.items():
            got = self.c["c_county"].get("%s/%d" % (C, cid)).json
            self.assertEqual(got["status"], m["status"])
            self.assertEqual(len(got["steps"]), m["version"])

    # --- serious complaints ----------------------------------------------

    def test_serious_complaint_opens_a_hazard(self):
        cat = sorted(SERIOUS)[0]
        got = self.file(category=cat, summary="夜间无人值守，老人跌倒")
        self.assertTrue(got["serious"])
        self.assertIsNotNone(got["hazard_id"])
        h = self.c["c_county"].get("/api/v1/inspect/hazards/%d" % got["hazard_id"])
        self.assertEqual(h.status, 200, h.text)
        self.assertEqual(h.json["facility"]["id"], self.home["id"])
        self.assertEqual(h.json["severity"], SECTION["hazard"]["severity"])
        self.assertIn("夜间无人值守", h.json["description"])
        rows = harness.db_rows(self.server.db,
                               "SELECT c.kind FROM hazard h JOIN inspect_check c"
                               " ON c.id = h.check_id WHERE h.id = ?", (got["hazard_id"],))
        self.assertEqual([tuple(r) for r in rows], [("case",)])
        # a common one opens none
        self.assertIsNone(self.file(category="fees")["hazard_id"])
        # filed online by a family, when an official assigns it
        fam = self.file("c_family", channel=None, category=cat, summary="饭菜变质")
        self.assertIsNone(fam["hazard_id"])
        a = self.step("c_county", fam["id"], "assign", assignee="市场监管局")
        self.assertIsNotNone(a["hazard_id"])

    # --- personal data and scope -------------------------------------------

    def test_phone_sealed_at_rest_and_masked(self):
        phone = ISSUER.new_phone()
        got = self.file(phone=phone, complainant="孙女士")
        cid = got["id"]
        self.assertEqual(got["phone"], phone)
        rows = harness.db_rows(self.server.db, "SELECT * FROM complaint WHERE id = ?", (cid,))
        self.assertNotIn(phone, json.dumps([str(v) for v in rows[0]], ensure_ascii=False))
        masked = phone[:3] + "****" + phone[-4:]
        for who in ("c_op", "c_readonly", "c_inspector"):
            r = self.c[who].get("%s/%d" % (C, cid))
            self.assertEqual(r.status, 200, who)
            self.assertNotIn(phone, r.text, who)
            self.assertEqual(r.json["phone"], masked, who)
            self.assertIsNone(r.json["complainant"], who)
        listed = self.c["c_op"].get(C).text
        self.assertNotIn(phone, listed)
        self.assertNotIn("孙女士", listed)
        audit = self.admin.get("/api/v1/audit", params={"entity": "complaint",
                                                        "entity_id": str(cid)})
        self.assertEqual(audit.status, 200)
        self.assertIn("孙女士", audit.text)
        self.assertNotIn(phone, audit.text, "the audit keeps no phone number")

    def test_scope(self):
        got = self.file(facility_id=None, region=VIL_A1, channel="visit")
        cid = got["id"]
        self.assertEqual(self.c["c_town_a"].get("%s/%d" % (C, cid)).status, 200)
        for who in ("c_town_b", "c_op", "c_op2", "c_family", "c_family2"):
            self.assertError(self.c[who].get("%s/%d" % (C, cid)), 404, what=who)
        self.assertError(self.c["c_town_b"].post("%s/%d/assign" % (C, cid),
                                                 {"assignee": "x"}), 404)
        self.assertError(self.c["c_readonly"].post("%s/%d/assign" % (C, cid),
                                                   {"assignee": "x"}), 403)
        self.assertError(self.c["c_town_b"].post(C, {
            "channel": "phone", "category": "service", "summary": "x", "region": VIL_A1}), 403)
        mine = self.file("c_family", channel=None, summary="我的投诉")
        self.assertEqual(mine["channel"], "online")
        self.assertError(self.c["c_family"].post(C, {
            "channel": "12345", "category": "service", "summary": "x",
            "facility_id": self.home["id"]}), 422, "channel")
        ids = [x["id"] for x in self.c["c_family"].get(C).json["items"]]
        self.assertIn(mine["id"], ids)
        self.assertNotIn(cid, ids)
        self.assertEqual(self.c["c_family2"].get(C).json["items"], [])
        self.assertError(self.c["c_family2"].get("%s/%d" % (C, mine["id"])), 404)
        # the family gives its own call-back rating, not the answer
        self.step("c_county", mine["id"], "assign", assignee="民政局")
        self.step("c_family", mine["id"], "answer", 403, answer="x")
        self.step("c_county", mine["id"], "answer", answer="已处理")
        self.step("c_family2", mine["id"], "callback", 404, satisfaction=5)
        a = self.step("c_family", mine["id"], "callback", satisfaction=1)
        self.assertTrue(a["may_reopen"])
        self.assertEqual(self.step("c_family", mine["id"], "reopen", note="没有解决")["status"],
                         "assigned")
        # operators see their own facilities' complaints only
        op = [x["facility_id"] for x in self.c["c_op"].get(C).json["items"]]
        self.assertTrue(op)
        self.assertEqual(set(op), {self.home["id"]})
        self.assertEqual(self.c["c_op2"].get(C).json["items"], [])

    def test_bad_input_names_the_field_and_changes_nothing(self):
        before = harness.db_rows(self.server.db, "SELECT count(*) FROM complaint")[0][0]
        base = {"channel": "phone", "category": "service", "summary": "x",
                "facility_id": self.home["id"]}
        for field, bad in (("channel", "fax"), ("category", "weather"), ("summary", ""),
                           ("facility_id", 999999), ("phone", "12ab"),
                           ("received_on", "2025-13-01"), ("nonsense", 1)):
            body = dict(base)
            body[field] = bad
            self.assertError(self.c["c_county"].post(C, body), 422, field)
        body = dict(base)
        del body["facility_id"]
        for bad in ("511902799999", "51190", None):
            if bad:
                body["region"] = bad
            self.assertError(self.c["c_county"].post(C, body), 422, "region")
        after = harness.db_rows(self.server.db, "SELECT count(*) FROM complaint")[0][0]
        self.assertEqual(before, after)

    def test_cli(self):
        got = self.file(summary="命令行可见的投诉", complainant="吴先生")
        p = harness.run_cli(["complaint", "list", "--region", BAZHOU], self.server.db)
        out = p.stdout.decode()
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        self.assertIn("命令行可见的投诉", out)
        self.assertIn("已受理", out)
        p = harness.run_cli(["complaint", "show", str(got["id"])], self.server.db)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        self.assertIn("吴先生", p.stdout.decode())
        p = harness.run_cli(["complaint", "show", str(got["id"]), "--as", "c_op"],
                            self.server.db)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        self.assertNotIn("吴先生", p.stdout.decode())
        p = harness.run_cli(["complaint", "stats", "--region", BAZHOU, "--by", "category",
                             "--json"], self.server.db)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        self.assertGreaterEqual(json.loads(p.stdout)["total"]["received"], 1)
        p = harness.run_cli(["complaint", "review", "list"], self.server.db)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        self.assertIn("条评价", p.stdout.decode())
        self.assertEqual(harness.run_cli(["complaint", "nonsense"], self.server.db).returncode, 2)

    # --- statistics --------------------------------------------------------

    def test_statistics_against_counts_made_here(self):
        import random
        rnd = random.Random(7)
        made = []
        for i in range(14):
            fac = rnd.choice([self.home, self.home2])
            cat = rnd.choice(["service", "fees", "staff"])
            got = self.file(received_on="2024-03-%02d" % (3 + i), category=cat,
                            facility_id=fac["id"], channel="phone")
            depth = rnd.randrange(0, 5)
            sat = None
            if depth >= 1:
                self.step("c_county", got["id"], "assign", assignee="民政局")
            if depth >= 2:
                self.step("c_county", got["id"], "answer", answer="已处理")
            if depth >= 3:
                sat = rnd.randint(1, 5)
                self.step("c_county", got["id"], "callback", satisfaction=sat)
            if depth >= 4:
                self.step("c_county", got["id"], "close")
            made.append((fac["id"], cat, depth, sat))
        st = self.c["c_county"].get(C + "/stats", params={
            "region": BAZHOU, "from": "2024-03-01", "to": "2024-03-31", "by": "facility",
            "on": "2025-06-30"}).json
        for fac in (self.home, self.home2):
            mine = [m for m in made if m[0] == fac["id"]]
            row = [r for r in st["rows"] if r["key"] == str(fac["id"])]
            if not mine:
                self.assertEqual(row, [])
                continue
            row = row[0]
            answered = sum(1 for m in mine if m[2] >= 2)
            called = sum(1 for m in mine if m[2] >= 3)
            sat = sum(1 for m in mine if m[2] >= 3 and m[3] in SATISFIED)
            self.assertEqual(row["received"], len(mine))
            self.assertEqual(row["closed"], sum(1 for m in mine if m[2] >= 4))
            self.assertEqual(row["answered"], answered)
            # answered today, long after a deadline in 2025: none on time
            self.assertEqual(row["on_time"], 0)
            self.assertEqual(row["overdue"], sum(1 for m in mine if m[2] < 2))
            self.assertEqual(row["callback_rate"], percent(called, answered))
            self.assertEqual(row["satisfaction_rate"], percent(sat, called))
            self.assertEqual((row["rated_orders"], row["order_average"]), (0, None))
        # the public counts the disclosure site shows: the same, nothing personal
        p = harness.run_cli(["complaint", "stats", "--public", "--region", BAZHOU,
                             "--from", "2024-03-01", "--to", "2024-03-31", "--json"],
                            self.server.db)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        pub = json.loads(p.stdout)
        for fac in (self.home, self.home2):
            mine = [m for m in made if m[0] == fac["id"]]
            row = [r for r in pub["rows"] if r["facility_id"] == fac["id"]]
            if not mine:
                self.assertEqual(row, [])
                continue
            row = row[0]
            called = sum(1 for m in mine if m[2] >= 3)
            sat = sum(1 for m in mine if m[2] >= 3 and m[3] in SATISFIED)
            self.assertEqual((row["received"], row["answered"], row["closed"], row["called_back"],
                              row["satisfied"]),
                             (len(mine), sum(1 for m in mine if m[2] >= 2),
                              sum(1 for m in mine if m[2] >= 4), called, sat))
            self.assertEqual(row["satisfaction_rate"], percent(sat, called))
        self.assertEqual(sorted(set(k for r in pub["rows"] for k in r)),
                         sorted(["facility_id", "facility_name", "region", "received", "answered",
                                 "on_time", "closed", "called_back", "satisfied", "on_time_rate",
                                 "satisfaction_rate"]), "nothing personal in the public rows")
        by_cat = self.c["c_county"].get(C + "/stats", params={
            "region": BAZHOU, "from": "2024-03-01", "to": "2024-03-31", "by": "category"}).json
        for r in by_cat["rows"]:
            self.assertEqual(r["received"], sum(1 for m in made if m[1] == r["key"]))
        self.assertEqual(by_cat["total"]["received"], len(made))
        by_region = self.c["c_county"].get(C + "/stats", params={
            "region": BAZHOU, "from": "2024-03-01", "to": "2024-03-31", "by": "region"}).json
        self.assertEqual(sum(r["received"] for r in by_region["rows"]), len(made))
        self.assertEqual(by_region["total"], by_cat["total"])
        self.assertError(self.c["c_family"].get(C + "/stats"), 403)


class ReviewTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        cls.home = a.create_facility(facility_body(BAZHOU, name="评价测试养老院"))
        cls.other = a.create_facility(facility_body(BAZHOU, name="未入住的养老院"))
        cls.home_b = a.create_facility(facility_body(BAZHOU, name="评价测试二院"))
        users = {
            "v_county": ("county_official", BAZHOU, {}),
            "v_op": ("operator", BAZHOU, {"facilities": [cls.home["id"]]}),
            "v_family": ("family", BAZHOU, {}),
            "v_family2": ("family", BAZHOU, {}),
            "v_family3": ("family", BAZHOU, {}),
            "v_family4": ("family", BAZHOU, {}),
            "v_op_b": ("operator", BAZHOU, {"facilities": [cls.home_b["id"]]}),
        }
        cls.c = {}
        for name, (role, region, extra) in users.items():
            a.create_user(name, role, region, **extra)
            cls.c[name] = login_as(cls.server, name, PASSWORD)
        for fam, name, home in (("v_family", "钱老太", cls.home),
                                ("v_family2", "周老汉", cls.home),
                                ("v_family4", "吴阿婆婆", cls.home_b)):
            idn = ISSUER.new_id(date(1939, 2, 3 + len(name)), area="511902")
            r = a.post("/api/v1/persons", {"kind": "elderly", "name": name, "region": BAZHOU,
                                           "id_number": idn, "residence": "institution",
                                           "facility_id": home["id"]})
            assert r.status == 201, r.text
            r = cls.c[fam].post("/api/v1/services/links",
                                {"id_number": idn, "name": name, "relation": "子女"})
            assert r.status == 201, r.text

    def review(self, who, status=201, **over):
        body = {"target_kind": "facility", "facility_id": self.home["id"], "rating": 5,
                "comment": "照顾周到"}
        body.update(over)
        r = self.c[who].post(R, body)
        self.assertEqual(r.status, status, r.text)
        return r.json

    def test_reviews_only_by_those_who_used_it_and_once(self):
        self.review("v_family3", 403)
        opts = self.c["v_family"].get(R + "/options").json
        self.assertEqual([f["id"] for f in opts["facilities"]], [self.home["id"]])
        self.assertEqual(self.c["v_family3"].get(R + "/options").json["facilities"], [])
        self.review("v_family", 403, facility_id=self.other["id"])
        self.review("v_family", 422, rating=0)
        self.review("v_family", 422, target_kind="service")
        self.assertError(self.c["v_county"].post(R, {"target_kind": "facility",
                                                     "facility_id": self.home["id"],
                                                     "rating": 5}), 403)
        r1 = self.review("v_family", rating=5)
        self.review("v_family", 409, rating=1)
        self.assertTrue(self.c["v_family"].get(R + "/options").json["facilities"][0]["reviewed"])
        r2 = self.review("v_family2", rating=1, comment="恶意差评示例")
        page = self.c["v_family3"].get("/api/v1/facilities/%d/reviews" % self.home["id"]).json
        self.assertEqual(page["average"], average([5, 1]))
        self.assertEqual(page["reviews"], 2)
        # the operator appeals; the family may not; the official hides it
        self.assertError(self.c["v_family"].post("%s/%d/appeal" % (R, r2["id"]),
                                                 {"reason": "x"}), 403)
        self.assertError(self.c["v_op"].post("%s/%d/appeal" % (R, r2["id"]), {}), 422, "reason")
        a = self.c["v_op"].post("%s/%d/appeal" % (R, r2["id"]), {"reason": "从未入住本院"})
        self.assertEqual(a.status, 200, a.text)
        self.assertEqual(a.json["status"], "appealed")
        self.assertError(self.c["v_op"].post("%s/%d/appeal" % (R, r2["id"]),
                                             {"reason": "again"}), 409)
        self.assertError(self.c["v_op"].post("%s/%d/decide" % (R, r2["id"]),
                                             {"decision": "hide", "reason": "x"}), 403)
        self.assertError(self.c["v_county"].post("%s/%d/decide" % (R, r2["id"]),
                                                 {"decision": "drop", "reason": "x"}), 422,
                         "decision")
        d = self.c["v_county"].post("%s/%d/decide" % (R, r2["id"]),
                                    {"decision": "hide", "reason": "经核实为恶意评价"})
        self.assertEqual(d.status, 200, d.text)
        self.assertEqual(d.json["status"], "hidden")
        self.assertError(self.c["v_county"].post("%s/%d/decide" % (R, r2["id"]),
                                                 {"decision": "keep", "reason": "x"}), 409)
        page = self.c["v_family3"].get("/api/v1/facilities/%d/reviews" % self.home["id"]).json
        self.assertEqual(page["average"], average([5]))
        self.assertEqual([x["id"] for x in page["items"]], [r1["id"]])
        op_page = self.c["v_op"].get("/api/v1/facilities/%d/reviews" % self.home["id"]).json
        self.assertEqual(sorted(x["id"] for x in op_page["items"]), sorted([r1["id"], r2["id"]]))
        audit = self.admin.get("/api/v1/audit", params={"entity": "review"}).json
        self.assertTrue({"create", "appeal", "hide"} <= {e["action"] for e in audit["items"]})
        # nobody's name on the page
        self.assertNotIn("v_family", json.dumps(page, ensure_ascii=False))

    def test_government_matter_after_its_application_is_decided(self):
        db = self.server.db
        acc = harness.db_rows(db, "SELECT id FROM account WHERE username = ?", ("v_family",))[0][0]
        person = harness.db_rows(db, "SELECT id FROM person ORDER BY id LIMIT 1")[0][0]
        harness.db_exec(db, "INSERT INTO application (scheme, person_id, applicant, status,"
                            " submitted_at) VALUES ('age_allowance', ?, ?, 'submitted',"
                            " '2026-01-05T08:00:00Z')", (person, acc))
        app_id = harness.db_rows(db, "SELECT max(id) FROM application")[0][0]
        body = {"target_kind": "government", "application_id": app_id, "rating": 2,
                "comment": "办理慢"}
        self.assertError(self.c["v_family"].post(R, body), 409, "application_id")
        harness.db_exec(db, "UPDATE application SET status = 'approved' WHERE id = ?", (app_id,))
        self.assertError(self.c["v_family2"].post(R, body), 404, "application_id")
        r = self.c["v_family"].post(R, body)
        self.assertEqual(r.status, 201, r.text)
        self.assertEqual((r.json["target_kind"], r.json["matter"]), ("government", "age_allowance"))
        self.assertError(self.c["v_family"].post(R, body), 409, "target")

    def test_a_review_and_its_appeal_taken_once_under_concurrent_requests(self):
        def race(make, n=6):
            out = []
            threads = [threading.Thread(target=lambda: out.append(make().status))
                       for _ in range(n)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            return sorted(out)

        fams = [login_as(self.server, "v_family4", PASSWORD) for _ in range(6)]
        it = iter(fams)
        got = race(lambda: next(it).post(R, {"target_kind": "facility",
                                              "facility_id": self.home_b["id"],
                                              "rating": 3, "comment": "一般"}))
        self.assertEqual(got, [201] + [409] * 5)
        mine = self.c["v_family4"].get(R).json["items"]
        self.assertEqual(len(mine), 1)
        ops = iter([login_as(self.server, "v_op_b", PASSWORD) for _ in range(6)])
        got = race(lambda: next(ops).post("%s/%d/appeal" % (R, mine[0]["id"]),
                                          {"reason": "重复申诉", "version": 1}))
        self.assertEqual(got, [200] + [409] * 5)
