"""Online applications for allowances (网上申办, module 7): a family account
applies for a person (POST /api/v1/applications), the subsidy engine
pre-checks, an official approves or rejects with a reason
(POST /api/v1/applications/{id}/decision), and a scheme that requires an
application pays only from the period the approval names.

The module runs its own server over a copy of policies/ in which 大竹's
高龄津贴 requires an application, so that the gate can be seen in a run. The
amount expected (60 元 a month at 80-89, docs/subsidy-seeds.md row 1) and the
first period paid (the month after approval, 次月起) are computed here from
today's date, never read back from the server."""

import json
import os
import shutil
import tempfile
from datetime import date, timedelta

import harness
from harness import ApiTestCase, login_as
from idnumbers import Issuer

HERE = os.path.dirname(os.path.abspath(__file__))
POLICY_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "policies"))
DAZHU_FILE = "511724000000-dazhu.json"

PASSWORD = "correct horse battery"
DAZHU = "511724000000"   # 大竹县 (preset)
OTHER = "511902000000"   # 巴州区, a county of 巴中 (preset)
APPS = "/api/v1/applications"
PERSONS = "/api/v1/persons"
RUNS = "/api/v1/subsidies/runs"
LEDGER = "/api/v1/subsidies/ledger"

ISSUER = Issuer(("511724", "511902"), "139", 31234567, 60000000)
GAOLING_80_89_FEN = 60 * 100

_state = {}


def gaoling_id(doc):
    found = [s["id"] for s in doc["schemes"] if s["name_zh"] == "高龄津贴"]
    assert len(found) == 1, found
    return found[0]


def server():
    """One server for the module, over policies where 高龄津贴 needs an
    application."""
    if "server" not in _state:
        d = tempfile.mkdtemp(prefix="laoxiao-applications-")
        pol = os.path.join(d, "policies")
        shutil.copytree(POLICY_DIR, pol)
        path = os.path.join(pol, DAZHU_FILE)
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        sid = gaoling_id(doc)
        for s in doc["schemes"]:
            if s["id"] == sid:
                s["requires_application"] = True
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, indent=1)
        _state.update(dir=d, scheme=sid,
                      server=harness.Server(label=__name__,
                                            serve_args=["--policies", pol]))
    return _state["server"]


def tearDownModule():
    s = _state.pop("server", None)
    if s is not None:
        problem = s.stop()
        shutil.rmtree(_state.pop("dir"), ignore_errors=True)
        if problem:
            raise AssertionError("applications server: " + problem)


def next_month(day):
    return "%04d-%02d" % (day.year + (day.month == 12), day.month % 12 + 1)


def this_month(day):
    return "%04d-%02d" % (day.year, day.month)


def born_aged(age, day, days_before=100):
    """A birth date giving exactly `age` on `day` and for a month either side."""
    b = date(day.year - age, day.month, min(day.day, 28)) - timedelta(days=days_before)
    return b


_townships = iter(range(301, 399))
_users = iter(range(1, 1000))


class ApplicationCase(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = server()
        cls.admin = cls.server.admin()
        cls.scheme = _state["scheme"]

    def township(self):
        code = "511724%03d000" % next(_townships)
        self.admin.create_region(code, "申办测试%s镇" % code[6:9], "township", DAZHU)
        return code

    def person(self, name, age, region):
        birth = born_aged(age, date.today())
        number = ISSUER.new_id(birth, area=region[:6])
        r = self.admin.post(PERSONS, {"kind": "elderly", "id_number": number, "name": name,
                                      "region": region, "address": "申办路 1 号"})
        self.assertStatus(r, 201, "POST /persons %s" % name)
        p = r.json
        p["number"] = number
        return p

    def user(self, role, region):
        name = "app_%s_%d" % (role, next(_users))
        self.admin.create_user(name, role, region, password=PASSWORD)
        return login_as(self.server, name, PASSWORD)

    def apply(self, client, person, **over):
        body = {"scheme": self.scheme, "id_number": person["number"], "name": person["name"],
                "relation": "子女"}
        body.update(over)
        return client.post(APPS, body)

    def decide(self, client, app_id, decision, reason="材料齐全"):
        return client.post("%s/%d/decision" % (APPS, app_id),
                           {"decision": decision, "reason": reason})

    def count(self):
        r = self.admin.get(APPS)
        self.assertStatus(r, 200, "GET applications as admin")
        return len(r.json["items"])

    def paid(self, region, period):
        """Runs 高龄津贴 for the region and period; the ledger's lines."""
        r = harness.run_in_steps(self.server, {"scheme": self.scheme, "period": period,
                                               "region": region})
        self.assertStatus(r, (200, 201), "run %s %s" % (period, region))
        r = self.admin.get(LEDGER, params={"scheme": self.scheme, "period": period,
                                           "region": region})
        self.assertStatus(r, 200, "ledger %s %s" % (period, region))
        return r.json["items"]


class SubmitTest(ApplicationCase):
    def test_family_applies_and_sees_only_their_own(self):
        t = self.township()
        p = self.person("申老甲", 85, t)
        fam, other = self.user("family", DAZHU), self.user("family", DAZHU)
        r = self.apply(fam, p, note="父亲行动不便")
        self.assertStatus(r, 201, "a family member applies for a person aged 85")
        a = r.json
        self.assertEqual(a["status"], "submitted")
        self.assertEqual(a["scheme"], self.scheme)
        self.assertEqual(a["person_id"], p["id"])
        self.assertEqual(a["relation"], "子女")
        self.assertEqual(a["note"], "父亲行动不便")
        self.assertTrue(a["precheck"], "the pre-check gives its reason: %r" % a)
        self.assertIsNone(a["eligible_from"])
        # the family account sees its application, and nothing of the person's number
        r = fam.get(APPS)
        self.assertStatus(r, 200)
        self.assertEqual([x["id"] for x in r.json["items"]], [a["id"]])
        self.assertNotIn(p["number"], r.text)
        self.assertStatus(fam.get("%s/%d" % (APPS, a["id"])), 200)
        # another family account sees none of it
        self.assertEqual(other.get(APPS).json["items"], [])
        self.assertError(other.get("%s/%d" % (APPS, a["id"])), 404, "id")
        # the family role cannot read the registry itself
        self.assertStatus(fam.get("%s/%d" % (PERSONS, p["id"])), (403, 404),
                          "a family account reading a person")
        # an official of 大竹 sees it in the list of submitted ones
        off = self.user("county_official", DAZHU)
        ids = [x["id"] for x in off.get(APPS, params={"status": "submitted"}).json["items"]]
        self.assertIn(a["id"], ids)

    def test_mismatches_get_one_answer_and_write_nothing(self):
        t = self.township()
        p = self.person("申老乙", 86, t)
        stranger = self.person("申老丙", 86, OTHER)  # lives in 巴州区
        fam = self.user("family", DAZHU)
        before = self.count()
        answers = []
        for what, over in (("another name", {"name": "别人"}),
                           ("a number nobody has",
                            {"id_number": ISSUER.new_id(born_aged(86, date.today()),
                                                        area="511724")}),
                           ("a person outside the family's area",
                            {"id_number": stranger["number"], "name": stranger["name"]})):
            r = self.apply(fam, p, **over)
            self.assertError(r, 422, "id_number", what)
            answers.append(r.json["error"]["message"])
        self.assertEqual(len(set(answers)), 1,
                         "the three mismatches must read the same: %r" % answers)
        self.assertEqual(self.count(), before)

    def test_ineligible_unknown_and_duplicate_refused(self):
        t = self.township()
        young = self.person("申老丁", 70, t)
        old = self.person("申老戊", 88, t)
        fam = self.user("family", DAZHU)
        before = self.count()
        r = self.apply(fam, young)
        self.assertError(r, 422, "scheme", "70 is below every 高龄津贴 band")
        self.assertIn("not eligible", r.json["error"]["message"])
        self.assertError(self.apply(fam, old, scheme="no-such-scheme"), 422, "scheme")
        self.assertError(self.apply(fam, old, pet="猫"), 422, "pet", "an unknown key")
        self.assertError(self.apply(fam, old, name=""), 422, "name")
        self.assertEqual(self.count(), before, "refused applications write nothing")
        self.assertStatus(self.apply(fam, old), 201)
        self.assertError(self.apply(fam, old), 409, "scheme", "a second open application")
        self.assertEqual(self.count(), before + 1)

    def test_roles_that_may_not_apply(self):
        t = self.township()
        p = self.person("申老己", 90, t)
        for role in ("readonly", "dept_official"):
            c = self.user(role, DAZHU)
            self.assertError(self.apply(c, p), 403, what=role + " applying")
            self.assertError(c.get(APPS), 403, what=role + " listing")

    def test_bad_status_filter_named(self):
        self.assertError(self.admin.get(APPS, params={"status": "pending"}), 422, "status")


class DecisionTest(ApplicationCase):
    def test_approval_gates_payment_until_the_next_month(self):
        t = self.township()
        p = self.person("申老庚", 84, t)
        waiting = self.person("申老辛", 84, t)   # applies, never decided
        never = self.person("申老壬", 84, t)     # never applies
        fam = self.user("family", DAZHU)
        off = self.user("county_official", DAZHU)
        app = self.apply(fam, p).json
        self.assertStatus(self.apply(fam, waiting), 201)
        today = date.today()
        now, nxt = this_month(today), next_month(today)
        # nobody is paid before an approval
        self.assertEqual(self.paid(t, now), [], "no approved application yet")
        # the family cannot decide its own application
        self.assertError(self.decide(fam, app["id"], "approve"), 403)
        self.assertError(self.decide(off, app["id"], "approve", reason=""), 422, "reason")
        self.assertError(self.decide(off, app["id"], "maybe"), 422, "decision")
        r = self.decide(off, app["id"], "approve")
        self.assertStatus(r, 200, "approval")
        self.assertEqual(r.json["status"], "approved")
        self.assertEqual(r.json["eligible_from"], nxt, "paid from the month after approval")
        self.assertEqual(r.json["decision_reason"], "材料齐全")
        # a decided application is not decided again
        self.assertError(self.decide(off, app["id"], "reject"), 409)
        # this month: still nothing; next month: the approved one only, 60 元
        self.assertEqual(self.paid(t, now), [])
        lines = self.paid(t, nxt)
        self.assertEqual([(l["beneficiary_id"], l["fen"]) for l in lines],
                         [(p["id"], GAOLING_80_89_FEN)],
                         "only the approved person is paid, %d fen" % GAOLING_80_89_FEN)
        self.assertNotIn(never["id"], [l["beneficiary_id"] for l in lines])
        # the family sees the decision
        seen = fam.get("%s/%d" % (APPS, app["id"])).json
        self.assertEqual((seen["status"], seen["eligible_from"]), ("approved", nxt))
        # an approved application blocks a second one
        self.assertError(self.apply(fam, p), 409, "scheme")

    def test_rejection_with_reason_then_a_new_application(self):
        t = self.township()
        p = self.person("申老癸", 95, t)
        fam = self.user("family", DAZHU)
        app = self.apply(fam, p).json
        r = self.decide(self.admin, app["id"], "reject", reason="户籍证明缺失")
        self.assertStatus(r, 200)
        self.assertEqual((r.json["status"], r.json["decision_reason"], r.json["eligible_from"]),
                         ("rejected", "户籍证明缺失", None))
        self.assertEqual(self.paid(t, next_month(date.today())), [],
                         "a rejected application pays nothing")
        again = self.apply(fam, p)
        self.assertStatus(again, 201, "a new application after a rejection")
        self.assertNotEqual(again.json["id"], app["id"])

    def test_officials_only_within_their_area(self):
        t = self.township()
        p = self.person("申老子", 87, t)
        app = self.apply(self.user("family", DAZHU), p).json
        outsider = self.user("county_official", OTHER)
        self.assertError(outsider.get("%s/%d" % (APPS, app["id"])), 404, "id")
        self.assertError(self.decide(outsider, app["id"], "approve"), 404, "id")
        self.assertNotIn(app["id"], [x["id"] for x in outsider.get(APPS).json["items"]])
        self.assertEqual(self.admin.get("%s/%d" % (APPS, app["id"])).json["status"],
                         "submitted", "the outsider changed nothing")

    def test_decisions_are_audited(self):
        t = self.township()
        p = self.person("申老丑", 89, t)
        app = self.apply(self.user("family", DAZHU), p).json
        self.assertStatus(self.decide(self.admin, app["id"], "approve"), 200)
        r = self.admin.get("/api/v1/audit", params={"entity": "application"})
        self.assertStatus(r, 200)
        actions = [(e["action"], str(e["entity_id"])) for e in r.json["items"]]
        self.assertIn(("apply", str(app["id"])), actions)
        self.assertIn(("decide", str(app["id"])), actions)


class SchemesTest(ApplicationCase):
    def test_schemes_of_a_region_for_officials_and_families(self):
        for role in ("family", "county_official"):
            c = self.user(role, DAZHU)
            r = c.get("/api/v1/subsidies/schemes")
            self.assertStatus(r, 200, role + " listing 大竹's schemes")
            self.assertEqual(r.json["region"], DAZHU, "defaults to the caller's region")
            by_id = {s["id"]: s for s in r.json["items"]}
            self.assertIn(self.scheme, by_id)
            g = by_id[self.scheme]
            self.assertEqual((g["name_zh"], g["beneficiary"], g["frequency"],
                              g["requires_application"]),
                             ("高龄津贴", "person", "monthly", True))
            # every scheme of the 大竹 file is offered there
            with open(os.path.join(POLICY_DIR, DAZHU_FILE), encoding="utf-8") as f:
                ids = {s["id"] for s in json.load(f)["schemes"]}
            self.assertLessEqual(ids, set(by_id))
            self.assertError(c.get("/api/v1/subsidies/schemes", params={"region": OTHER}),
                             403, "region", role + " asking for another county")
        self.assertError(self.user("readonly", DAZHU).get("/api/v1/subsidies/schemes"), 403)
        self.assertError(self.admin.get("/api/v1/subsidies/schemes"), 422, "region",
                         "an administrator has no region of their own")
