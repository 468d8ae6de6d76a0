"""Training providers and certified trainees (景德镇 培训补贴): certificates
registered one by one (POST /api/v1/training/certificates) or by CSV
(import kind "trainees"), counted per provider and period
(GET /api/v1/training/providers), and paid by a run of the training scheme.

The amounts are the issue's (景德镇's plan): 1,200 / 1,500 / 2,000 / 4,000 /
5,000 元 per trainee certified at level 5 / 4 / 3 / 2 / 1 and 1,000 元 for a
training certificate only; three level-5 and one level-2 → 7,600 元."""

import json
import os

import harness
from harness import ApiTestCase, login_as
import creditcode

HERE = os.path.dirname(os.path.abspath(__file__))
POLICY = os.path.normpath(os.path.join(HERE, "..", "..", "policies",
                                       "360200000000-jingdezhen.json"))
PASSWORD = "correct horse battery"
JINGDEZHEN = "360200000000"
CHANGJIANG = "360202000000"   # 昌江区 (preset)
DAZHU = "511724000000"
CERTS = "/api/v1/training/certificates"
PROVIDERS = "/api/v1/training/providers"
RUNS = "/api/v1/subsidies/runs"
LEDGER = "/api/v1/subsidies/ledger"

YUAN = {"level_5": 1200, "level_4": 1500, "level_3": 2000, "level_2": 4000,
        "level_1": 5000, "certificate": 1000}

with open(POLICY, encoding="utf-8") as f:
    _doc = json.load(f)
_found = [s["id"] for s in _doc["schemes"] if s["beneficiary"] == "provider"]
assert len(_found) == 1, _found
SCHEME = _found[0]

_serial = iter(range(1, 100000))
_towns = iter(range(401, 499))


def tearDownModule():
    harness.stop_module_server(__name__)


class TrainingCase(ApiTestCase):
    def township(self):
        code = "360202%03d000" % next(_towns)
        self.admin.create_region(code, "培训测试%s镇" % code[6:9], "township", CHANGJIANG)
        return code

    def cert(self, provider, region, level, on, name="测试培训学校", client=None, over=None,
             **fields):
        body = {"provider_credit_code": provider, "provider_name": name, "region": region,
                "level": level, "cert_no": "JDZ-%06d" % next(_serial), "certified_on": on}
        body.update(fields)
        body.update(over or {})
        return (client or self.admin).post(CERTS, body)

    def pay(self, period, region, dry=False):
        body = {"scheme": SCHEME, "period": period, "region": region, "dry_run": dry}
        # a run is written through its three steps (经办, 审核, 审批)
        r = self.admin.post(RUNS, body) if dry else harness.run_in_steps(self.server, body)
        self.assertStatus(r, (200, 201), "run %s %s" % (period, region))
        return r.json

    def lines(self, period, region):
        r = self.admin.get(LEDGER, params={"scheme": SCHEME, "period": period, "region": region})
        self.assertStatus(r, 200)
        return r.json

    def providers(self, region, **params):
        r = self.admin.get(PROVIDERS, params=dict(params, region=region))
        self.assertStatus(r, 200)
        return r.json["items"]


class RunTest(TrainingCase):
    def test_three_level5_and_one_level2_pay_7600_once(self):
        t = self.township()
        a, b = creditcode.fresh("360202"), creditcode.fresh("360202")
        for level in ("level_5", "level_5", "level_5", "level_2"):
            self.assertStatus(self.cert(a, t, level, "2025-06-10"), 201)
        self.assertStatus(self.cert(a, t, "level_5", "2025-07-01"), 201)  # July, not June
        self.assertStatus(self.cert(b, t, "certificate", "2025-06-30", name="另一所学校"), 201)
        counts = {p["credit_code"]: p["certified"]
                  for p in self.providers(t, **{"from": "2025-06-01", "to": "2025-06-30"})}
        self.assertEqual(counts[a]["level_5"], 3)
        self.assertEqual(counts[a]["level_2"], 1)
        self.assertEqual(counts[b]["certificate"], 1)

        want_a = 3 * YUAN["level_5"] + YUAN["level_2"]
        self.assertEqual(want_a, 7600)
        dry = self.pay("2025-06", t, dry=True)
        self.assertEqual(dry["due_fen"], (want_a + YUAN["certificate"]) * 100)
        self.assertEqual(self.lines("2025-06", t)["items"], [], "a dry run writes nothing")
        out = self.pay("2025-06", t)
        self.assertEqual(out["lines"], 2)
        led = self.lines("2025-06", t)
        by = {l["beneficiary_kind"] + ":" + str(l["fen"]) for l in led["items"]}
        self.assertEqual(by, {"provider:%d" % (want_a * 100),
                              "provider:%d" % (YUAN["certificate"] * 100)})
        self.assertEqual(led["total_fen"], (want_a + YUAN["certificate"]) * 100)
        self.assertEqual(self.pay("2025-06", t)["lines"], 0, "a re-run pays nothing twice")
        # July counts July's certificate alone
        self.pay("2025-07", t)
        self.assertEqual(self.lines("2025-07", t)["total_fen"], YUAN["level_5"] * 100)


class RegisterTest(TrainingCase):
    def test_bad_certificates_named_by_field_and_not_written(self):
        t = self.township()
        code = creditcode.fresh("360202")
        before = len(self.providers(JINGDEZHEN))
        cases = (({"level": "level_6"}, "level"),
                 ({"provider_credit_code": code[:-1] + ("0" if code[-1] != "0" else "1")},
                  "provider_credit_code"),
                 ({"certified_on": "2099-01-01"}, "certified_on"),
                 ({"certified_on": "2025-02-30"}, "certified_on"),
                 ({"region": "360202999999"}, "region"),
                 ({"cert_no": ""}, "cert_no"),
                 ({"colour": "red"}, "colour"))
        for over, field in cases:
            self.assertError(self.cert(code, t, "level_5", "2025-06-01", over=over), 422, field,
                             "certificate with %r" % over)
        self.assertEqual(len(self.providers(JINGDEZHEN)), before, "nothing registered")
        ok = self.cert(code, t, "level_5", "2025-06-01", cert_no="JDZ-DUP-1")
        self.assertStatus(ok, 201)
        self.assertError(self.cert(code, t, "level_4", "2025-06-02", cert_no="JDZ-DUP-1"),
                         409, "cert_no", "the same certificate number twice")
        other = self.township()
        self.assertError(self.cert(code, other, "level_4", "2025-06-02"), 422, "region",
                         "the same provider in another region")

    def test_roles_and_scope(self):
        t = self.township()
        for name, role, region in (("tr_ro", "readonly", JINGDEZHEN),
                                   ("tr_op", "dept_official", JINGDEZHEN)):
            self.admin.create_user(name, role, region, password=PASSWORD)
            c = login_as(self.server, name, PASSWORD)
            self.assertError(self.cert(creditcode.fresh("360202"), t, "level_5", "2025-06-01",
                                       client=c), 403, what=role)
        self.admin.create_user("tr_dazhu", "county_official", DAZHU, password=PASSWORD)
        c = login_as(self.server, "tr_dazhu", PASSWORD)
        self.assertError(self.cert(creditcode.fresh("360202"), t, "level_5", "2025-06-01",
                                   client=c), 403, "region", "a county official of 大竹 in 景德镇")


class ImportTest(TrainingCase):
    HEAD = "provider_credit_code,provider_name,region,level,cert_no,certified_on\r\n"

    def test_import_all_or_nothing_then_paid(self):
        t = self.township()
        code = creditcode.fresh("360202")
        rows = [(code, "导入培训学校", t, lvl, "IMP-%d" % i, "2025-09-0%d" % (i + 1))
                for i, lvl in enumerate(("level_1", "level_3", "level_4"))]
        bad = rows + [(code, "导入培训学校", t, "高级", "IMP-9", "2025-09-09")]
        csv = self.HEAD + "".join(",".join(r) + "\r\n" for r in bad)
        r = self.admin.import_csv("trainees", csv.encode("utf-8"))
        self.assertStatus(r, 422, "a file with a bad level")
        errors = r.json.get("errors") or []
        self.assertEqual([(e["row"], e["column"]) for e in errors], [(5, "level")],
                         "the error names row 5 (header is row 1), column level")
        self.assertEqual(self.providers(t), [], "a refused file writes nothing")
        csv = self.HEAD + "".join(",".join(r) + "\r\n" for r in rows)
        r = self.admin.import_csv("trainees", csv.encode("utf-8"))
        self.assertStatus(r, (200, 201), "the corrected file")
        self.pay("2025-09", t)
        want = YUAN["level_1"] + YUAN["level_3"] + YUAN["level_4"]
        self.assertEqual(self.lines("2025-09", t)["total_fen"], want * 100)
