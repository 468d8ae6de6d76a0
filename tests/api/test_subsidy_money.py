"""Money paid once and right (issue points: one-off units, exclusive groups,
reversals that stay reversed, holds and recovery, runs that stay in their
region, run exceptions, the bank file).

Amounts come from the seeds through the policy files (巴中 5000 元 per
affordable childcare slot, seed 000 line 328; 景德镇 特困 basic allowance 1.3 ×
the 低保 standard and the city 集中供养 standard for disabled 特困 persons,
seed 004 line 273). The parameters the files leave to the user are set here,
in a copy of the policies: the urban 低保 standard 735.55 元 (so 1.3 × it is
956.215, rounded half up 956.22 元), the rural one 600 元 (780 元), the
集中供养 standard 1100 元. Expected values are computed here from those
figures and from the model each property keeps, never read back from the
server. Random cases come from a fixed seed."""

import json
import os
import random
import shutil
import tempfile
from datetime import date

import harness
from harness import ApiTestCase, childcare_body, login_as, parse_csv
from idnumbers import Issuer
from test_subsidies import vector

HERE = os.path.dirname(os.path.abspath(__file__))
POLICY_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "policies"))
RUNS = "/api/v1/subsidies/runs"
LEDGER = "/api/v1/subsidies/ledger"
HOLDS = "/api/v1/subsidies/holds"
OWED = "/api/v1/subsidies/owed"
PERSONS = "/api/v1/persons"

BAZHOU = "511902000000"
JINGDEZHEN = "360200000000"
CHANGJIANG = "360202000000"   # 昌江区
ZHUSHAN = "360203000000"      # 珠山区
DAZHU = "511724000000"

SLOT_FEN = 500000                       # 5000 元 a slot
DIBAO_URBAN_FEN = 73555                 # set here
DIBAO_RURAL_FEN = 60000                 # set here
BASIC_URBAN_FEN = (DIBAO_URBAN_FEN * 13 * 2 + 10) // 20   # 1.3×, half up
BASIC_RURAL_FEN = (DIBAO_RURAL_FEN * 13 * 2 + 10) // 20
CARE_STANDARD_FEN = 110000              # 集中供养 standard, set here
GAOLING_85_FEN = 6000                   # 大竹 高龄津贴 80–89: 60 元 a month

ISSUER = Issuer(("360202", "360203", "511724", "511902"), "139", 31234567, 60000000)

_state = {}


def policies_dir():
    d = tempfile.mkdtemp(prefix="laoxiao-money-")
    pol = os.path.join(d, "policies")
    shutil.copytree(POLICY_DIR, pol)
    path = os.path.join(pol, "360200000000-jingdezhen.json")
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    values = {"dibao_standard_urban": "735.55", "dibao_standard_rural": "600",
              "tekun_urban_centralized_standard": "1100", "min_wage": "1850"}
    for p in doc["parameters"]:
        if p["name"] in values:
            p["value"] = values[p["name"]]
    # one scheme whose local rule pays the held months back (补发)
    for s in doc["schemes"]:
        if s["id"] == "jingdezhen.tekun_basic_rural":
            s["hold_back_pay"] = True
    doc["assessment"] = dict(doc.get("assessment") or {},
                             validity_months={"value": 12, "source": "test: 12 months"})
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
    return d, pol


def scheme_ids():
    with open(os.path.join(POLICY_DIR, "360200000000-jingdezhen.json"), encoding="utf-8") as f:
        jdz = json.load(f)
    with open(os.path.join(POLICY_DIR, "511900000000-bazhong.json"), encoding="utf-8") as f:
        bz = json.load(f)
    with open(os.path.join(POLICY_DIR, "511724000000-dazhu.json"), encoding="utf-8") as f:
        dz = json.load(f)
    by = {}
    for s in jdz["schemes"]:
        if s.get("group") == "jingdezhen.tekun_basic":
            v = s["versions"][0]
            if "urban" in v.get("all_of", []):
                by["urban"] = s
            elif "rural" in v.get("all_of", []):
                by["rural"] = s
            elif v.get("care_levels"):
                by["care"] = s
    by["slots"] = [s for s in bz["schemes"]
                   if s["frequency"] == "once"
                   and [u["unit"] for u in s["versions"][0]["amount"].get("units", [])]
                   == ["affordable_slots"]][0]
    by["gaoling"] = [s for s in dz["schemes"] if s["name_zh"] == "高龄津贴"][0]
    return by


SCHEMES = scheme_ids()


def setUpModule():
    d, pol = policies_dir()
    _state["dir"] = d
    _state["server"] = harness.Server(label=__name__, serve_args=["--policies", pol])


def tearDownModule():
    s = _state.pop("server", None)
    if s is not None:
        problem = s.stop()
        shutil.rmtree(_state.pop("dir"), ignore_errors=True)
        if problem:
            raise AssertionError("money server: " + problem)


_townships = iter(range(401, 499))


class MoneyCase(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = _state["server"]
        cls.admin = cls.server.admin()

    def township(self, county, label):
        code = "%s%03d000" % (county[:6], next(_townships))
        self.admin.create_region(code, "资金测试%s" % label, "township", county)
        return code

    def person(self, name, birth, region, categories=()):
        body = {"kind": "elderly", "id_number": ISSUER.new_id(date.fromisoformat(birth), area=region[:6]),
                "name": name, "region": region, "address": "测试路 1 号",
                "categories": [{"category": c, "start": "2020-01-01"} for c in categories]}
        r = self.admin.post(PERSONS, body)
        self.assertStatus(r, 201, "POST /persons %s: expected 201" % name)
        p = r.json
        # an account to pay into: the bank file leaves out who has none
        a = self.admin.put("%s/%d/payee" % (PERSONS, p["id"]),
                           {"bank": "中国工商银行", "branch": "工行测试支行",
                            "account_number": "6222020%012d" % p["id"]})
        self.assertStatus(a, 200, "PUT the account of %s" % name)
        return p

    def assess(self, person, total, on):
        # totals 46–65 are 中度 (partly), 30–45 重度 (disabled), ≥66 self
        items = vector(total)
        r = self.admin.post("%s/%d/assessments" % (PERSONS, person["id"]),
                            {"assessed_on": on, "assessors": ["评估员甲", "评估员乙"],
                             "items": items})
        self.assertStatus(r, 201, "assessment of %s: expected 201" % person["name"])

    def run_scheme(self, scheme, period, region, dry=False):
        body = {"scheme": scheme, "period": period, "region": region, "dry_run": dry}
        # a run is written through its three steps (经办, 审核, 审批)
        r = self.admin.post(RUNS, body) if dry else harness.run_in_steps(self.server, body)
        self.assertStatus(r, (200, 201), "run %s %s %s" % (scheme, period, region))
        return r.json

    def lines(self, **params):
        r = self.admin.get(LEDGER, params=params)
        self.assertStatus(r, 200, "GET ledger %r" % params)
        return r.json["items"]

    def db_rows(self, sql, args=()):
        return harness.db_rows(self.server.db, sql, args)


# --------------------------------------------------------------------------
# 1. One-off units are paid once, ever


class OnceTest(MoneyCase):
    def slots_facility(self, region, slots, on):
        body = childcare_body(region, name="普惠托位测试园%d" % next(_townships),
                              slots=max(slots, 30), affordable_slots=slots,
                              capacity_date=on, opened_on="2021-01-01")
        return self.admin.create_facility(body)

    def set_slots(self, f, slots, on):
        r = self.admin.patch("/api/v1/facilities/%d" % f["id"],
                             {"slots": max(slots, 30), "affordable_slots": slots,
                              "capacity_date": on})
        self.assertStatus(r, 200, "PATCH affordable_slots %d from %s" % (slots, on))

    def test_bazhong_new_slots_only(self):
        sid = SCHEMES["slots"]["id"]
        t = self.township(BAZHOU, "托位")
        f = self.slots_facility(t, 50, "2024-01-01")
        out = self.run_scheme(sid, "2024", t)
        got = [l for l in self.lines(scheme=sid, period="2024", region=t)
               if l["beneficiary_id"] == f["id"]]
        self.assertEqual([(l["kind"], l["fen"], l.get("units")) for l in got],
                         [("payment", 50 * SLOT_FEN, {"affordable_slots": 50})],
                         "2024: 50 slots × 5000 元, the line records 50 slots")
        self.set_slots(f, 80, "2025-01-01")
        out = self.run_scheme(sid, "2025", t)
        got = [l for l in self.lines(scheme=sid, period="2025", region=t)
               if l["beneficiary_id"] == f["id"]]
        self.assertEqual([(l["fen"], l.get("units")) for l in got],
                         [(30 * SLOT_FEN, {"affordable_slots": 30})],
                         "2025: 80 − 50 = 30 new slots, 150000 元, not 400000 元: %r" % got)
        self.assertEqual(got[0]["fen"], 15000000, "the issue's 30 × 5000 = 150000 元")
        self.assertIn("新增普惠托位30个，每个5000元；此前已补助50个", got[0]["reason"],
                      "the reason says what is new and what was paid before")
        for per in ("2025", "2024", "2026"):
            again = self.run_scheme(sid, per, t)
            self.assertEqual(again["lines"], 0,
                             "a further run of %s pays nothing more: %r"
                             % (per, again["lines_preview"]))
        # reversed: stays reversed until lifted, then the units are due again
        r = self.admin.post("%s/%d/reverse" % (LEDGER, got[0]["id"]), {"reason": "核减"})
        self.assertStatus(r, 201, "reverse the 2025 line")
        rev = r.json
        out = self.run_scheme(sid, "2025", t)
        self.assertEqual(out["lines"], 0, "a reversed line is not paid again by a run")
        self.assertIn("reversed", [e["code"] for e in out["exceptions"]
                                   if e["beneficiary_id"] == f["id"]],
                      "the run lists the reversed institution as an exception")
        self.assertError(self.admin.post("%s/%d/lift" % (LEDGER, got[0]["id"]),
                                         {"reason": "x"}),
                         422, field="id", what="lift of a line that is not a reversal")
        self.assertError(self.admin.post("%s/%d/lift" % (LEDGER, rev["id"]), {}),
                         422, field="reason", what="lift without a reason")
        r = self.admin.post("%s/%d/lift" % (LEDGER, rev["id"]), {"reason": "复核无误，恢复发放"})
        self.assertStatus(r, 201, "lift the reversal")
        self.assertError(self.admin.post("%s/%d/lift" % (LEDGER, rev["id"]),
                                         {"reason": "再次"}),
                         409, what="a reversal is lifted once")
        out = self.run_scheme(sid, "2025", t)
        paid = {l["beneficiary_id"]: l for l in out["lines_preview"]}
        self.assertEqual(paid[f["id"]]["fen"], 30 * SLOT_FEN,
                         "after the lift the 30 slots are due again, once")
        units = self.db_rows("SELECT sum(u.count) FROM ledger_unit u JOIN ledger l"
                             " ON l.id = u.line_id WHERE l.beneficiary_id = ?"
                             " AND l.scheme = ?", (f["id"], sid))[0][0]
        self.assertEqual(units, 80, "80 slots paid in all, each once")

    def test_once_property(self):
        """Random runs over random periods and slot counts: the units paid
        never exceed the most slots the institution ever had, every slot it
        has is paid, and with slots only added each is paid exactly once."""
        sid = SCHEMES["slots"]["id"]
        rng = random.Random(20261203)
        t = self.township(BAZHOU, "托位性质")
        day = date(2021, 1, 1).toordinal()
        for case in range(4):
            monotone = case % 2 == 0
            count = rng.randint(0, 20)
            f = self.slots_facility(t, count, date.fromordinal(day).isoformat())
            max_seen = count
            for step in range(8):
                if step:
                    count = count + rng.randint(0, 15) if monotone else rng.randint(0, 60)
                    day += 1
                    self.set_slots(f, count, date.fromordinal(day).isoformat())
                    max_seen = max(max_seen, count)
                per = str(rng.choice((2022, 2023, 2024, 2025)))
                self.run_scheme(sid, per, t)
                mine = [l for l in self.lines(scheme=sid, region=t)
                        if l["beneficiary_id"] == f["id"]]
                units = sum((l.get("units") or {}).get("affordable_slots", 0) for l in mine)
                fen = sum(l["fen"] for l in mine)
                what = "case %d step %d (%s, count %d)" % (case, step, per, count)
                self.assertEqual(fen, units * SLOT_FEN, what + ": paid = units × 5000 元")
                self.assertLessEqual(units, max_seen, what + ": never more units than existed")
                self.assertGreaterEqual(units, count, what + ": every slot counted is paid")
                if monotone:
                    self.assertEqual(units, count, what + ": each slot paid exactly once")
                again = self.run_scheme(sid, per, t)
                self.assertEqual(again["lines"], 0, what + ": a re-run pays nothing more")


class CertificateTest(MoneyCase):
    """One-off per certificate (景德镇 培训补贴, 1200 元 a level-5 and 1500 元 a
    level-4 trainee, seed 004 line 233): runs by month and by year, in any
    order, pay each certificate once; the lines record the certificates."""

    RATE = {"level_5": 120000, "level_4": 150000}

    def test_random_months_and_years(self):
        import creditcode
        with open(os.path.join(POLICY_DIR, "360200000000-jingdezhen.json"),
                  encoding="utf-8") as f:
            sid = [s["id"] for s in json.load(f)["schemes"] if s["beneficiary"] == "provider"][0]
        rng = random.Random(233)
        t = self.township(CHANGJIANG, "培训")
        code = creditcode.fresh("360202")
        certs = {}
        for i in range(14):
            level = rng.choice(("level_5", "level_4"))
            on = "2025-%02d-%02d" % (rng.randint(3, 6), rng.randint(1, 28))
            no = "JDZ-M-%04d" % i
            r = self.admin.post("/api/v1/training/certificates", {
                "provider_credit_code": code, "provider_name": "资金测试培训学校",
                "region": t, "level": level, "cert_no": no, "certified_on": on})
            self.assertStatus(r, 201, "certificate %s" % no)
            certs[no] = (level, on)
        periods = ["2025", "2025-03", "2025-04", "2025-05", "2025-06"]
        order = [rng.choice(periods) for _ in range(10)] + periods
        for step, per in enumerate(order):
            self.run_scheme(sid, per, t)
            paid = dict(self.db_rows(
                "SELECT c.cert_no, sum(c.count) FROM ledger_cert c JOIN ledger l"
                " ON l.id = c.line_id WHERE l.scheme = ? GROUP BY c.cert_no", (sid,)))
            mine = {k: v for k, v in paid.items() if k in certs}
            self.assertTrue(all(v in (0, 1) for v in mine.values()),
                            "step %d (%s): a certificate paid at most once: %r" % (step, per, mine))
            fen = sum(l["fen"] for l in self.lines(scheme=sid, region=t))
            self.assertEqual(fen, sum(self.RATE[certs[k][0]] for k, v in mine.items() if v == 1),
                             "step %d (%s): paid = the rates of the certificates paid" % (step, per))
            if step == len(order) - 1:
                self.assertEqual(sorted(k for k, v in mine.items() if v == 1), sorted(certs),
                                 "after every period has run, each certificate paid once")
        for per in periods:
            self.assertEqual(self.run_scheme(sid, per, t)["lines"], 0, "%s: re-runs pay nothing" % per)


# --------------------------------------------------------------------------
# 2. Exclusive groups (就高) across schemes and runs


class GroupTest(MoneyCase):
    def tekun(self, name, region, cats, total=None, on="2025-01-10"):
        p = self.person(name, "1950-05-05", region, ["tekun_dispersed"] + list(cats))
        if total is not None:
            self.assess(p, total, on)
        return p

    def per_person(self, period, region):
        out = {}
        for key in ("urban", "rural", "care"):
            for l in self.lines(scheme=SCHEMES[key]["id"], period=period, region=region):
                out[l["beneficiary_id"]] = out.get(l["beneficiary_id"], 0) + l["fen"]
        return out

    def test_jingdezhen_urban_partly_disabled(self):
        self.assertEqual(BASIC_URBAN_FEN, 95622, "1.3 × 735.55 = 956.215 → 956.22 元")
        t = self.township(CHANGJIANG, "就高")
        a = self.tekun("就高甲", t, ["urban"], total=50)
        b = self.tekun("就高乙", t, ["urban"], total=50)
        per = "2025-03"
        urban, care = SCHEMES["urban"]["id"], SCHEMES["care"]["id"]
        # a: basic first, then the care standard pays the difference
        self.run_scheme(urban, per, t)
        out = self.run_scheme(care, per, t)
        lines = {l["beneficiary_id"]: l for l in out["lines_preview"]}
        self.assertEqual(lines[a["id"]]["fen"], CARE_STANDARD_FEN - BASIC_URBAN_FEN,
                         "the second scheme pays the difference: 1100 − 956.22 = 143.78 元")
        self.assertIn("与城市特困人员基本生活费就高，已发956.22元", lines[a["id"]]["reason"],
                      "the reason names the other scheme and what it paid")
        totals = self.per_person(per, t)
        self.assertEqual(totals[a["id"]], 110000, "due 1100 元 in the month, not 2056.22 元")
        for s in (urban, care, urban):
            self.assertEqual(self.run_scheme(s, per, t)["lines"], 0,
                             "re-runs change nothing")
        # the other order in another month: care first, basic pays nothing
        per = "2025-04"
        self.run_scheme(care, per, t)
        out = self.run_scheme(urban, per, t)
        self.assertNotIn(b["id"], [l["beneficiary_id"] for l in out["lines_preview"]],
                         "basic after care pays nothing")
        self.assertEqual(self.per_person(per, t)[b["id"]], 110000, "1100 元 either way")

    def test_group_property(self):
        """Random memberships and random orders of runs: once every scheme
        of the group has run for a month, each person's total for it is the
        highest amount any scheme gives them, and re-runs change nothing."""
        rng = random.Random(1203)
        t = self.township(CHANGJIANG, "就高性质")
        people = []
        for i in range(10):
            cats = rng.choice(((), ("urban",), ("rural",)))
            total = rng.choice((None, 80, 50, 35))   # none, self, partly, disabled
            p = self.tekun("就高性质%d" % i, t, cats, total=total, on="2024-12-01")
            own = [BASIC_URBAN_FEN if "urban" in cats else 0,
                   BASIC_RURAL_FEN if "rural" in cats else 0,
                   CARE_STANDARD_FEN if total is not None and total < 66 else 0]
            people.append((p, max(own)))
        keys = ["urban", "rural", "care"]
        for month in range(1, 7):
            per = "2025-%02d" % month
            order = keys + [rng.choice(keys) for _ in range(rng.randint(0, 3))]
            rng.shuffle(order)
            for k in order:
                self.run_scheme(SCHEMES[k]["id"], per, t)
            missing = [k for k in keys if k not in order]
            self.assertEqual(missing, [], "every scheme ran")
            totals = self.per_person(per, t)
            for p, high in people:
                self.assertEqual(totals.get(p["id"], 0), high,
                                 "%s %s (order %s): expected the highest, %d fen"
                                 % (p["name"], per, order, high))
            for k in keys:
                self.assertEqual(self.run_scheme(SCHEMES[k]["id"], per, t)["lines"], 0,
                                 "%s: a re-run of %s changes nothing" % (per, k))

    def test_exceptions(self):
        t = self.township(CHANGJIANG, "例外")
        neither = self.tekun("无城乡类别", t, [])
        stale = self.tekun("评估过期", t, ["urban"], total=50, on="2023-06-01")
        fresh = self.tekun("评估有效", t, ["urban"], total=50, on="2025-01-10")
        rural = self.tekun("农村特困", t, ["rural"])
        out = self.run_scheme(SCHEMES["urban"]["id"], "2025-03", t, dry=True)
        ex = {(e["beneficiary_id"], e["code"]): e for e in out["exceptions"]}
        self.assertIn((neither["id"], "category_missing"), ex,
                      "a 特困 person with neither 城市 nor 农村 is listed: %r" % out["exceptions"])
        self.assertIn("城市或农村", ex[(neither["id"], "category_missing")]["reason"])
        self.assertNotIn((rural["id"], "category_missing"), ex,
                         "a rural 特困 person is paid by the rural scheme: not an exception")
        out = self.run_scheme(SCHEMES["care"]["id"], "2025-03", t, dry=True)
        ex = {(e["beneficiary_id"], e["code"]): e for e in out["exceptions"]}
        self.assertIn((stale["id"], "assessment_stale"), ex,
                      "an assessment of 2023-06-01 is past the 12-month interval on 2025-03-01")
        self.assertNotIn((fresh["id"], "assessment_stale"), ex)
        paid = {l["beneficiary_id"] for l in out["lines_preview"]}
        self.assertIn(stale["id"], paid, "the policy does not withhold: still paid, listed")
        self.assertEqual(out["exceptions_count"], len(out["exceptions"]))
        # the CLI prints them too
        p = harness.run_cli(["subsidy", "run", "--scheme", SCHEMES["urban"]["id"], "--period",
                             "2025-03", "--region", t, "--dry-run",
                             "--policies", os.path.join(_state["dir"], "policies")],
                            self.server.db)
        text = p.stdout.decode("utf-8")
        self.assertEqual(p.returncode, 0, p.stderr.decode("utf-8", "replace"))
        self.assertIn("无城乡类别", text, "CLI: the exception names the person")
        self.assertIn("城市或农村", text, "CLI: and says why")


# --------------------------------------------------------------------------
# 3. Holds, lifts, reversals and recovery


class HoldTest(MoneyCase):
    def test_hold_api_errors(self):
        t = self.township(DAZHU, "暂停错误")
        p = self.person("暂停错误", "1940-02-02", t)
        bad = ({"beneficiary_kind": "martian", "beneficiary_id": p["id"], "from": "2025-01-01",
                "reason": "x"}, "beneficiary_kind"),
        bad += (({"beneficiary_kind": "person", "beneficiary_id": 0, "from": "2025-01-01",
                  "reason": "x"}, "beneficiary_id"),
                ({"beneficiary_kind": "person", "beneficiary_id": p["id"], "from": "2025-13-01",
                  "reason": "x"}, "from"),
                ({"beneficiary_kind": "person", "beneficiary_id": p["id"], "from": "2025-01-01",
                  "reason": ""}, "reason"),
                ({"beneficiary_kind": "person", "beneficiary_id": p["id"], "from": "2025-01-01",
                  "reason": "x", "scheme": "no.such"}, "scheme"),
                ({"beneficiary_kind": "person", "beneficiary_id": p["id"], "from": "2025-01-01",
                  "reason": "x", "extra": 1}, "extra"))
        before = self.db_rows("SELECT count(*) FROM subsidy_hold")[0][0]
        for body, field in bad:
            self.assertError(self.admin.post(HOLDS, body), 422, field=field,
                             what="hold %r" % body)
        self.assertEqual(self.db_rows("SELECT count(*) FROM subsidy_hold")[0][0], before,
                         "refused holds change nothing")
        r = self.admin.post(HOLDS, {"beneficiary_kind": "person", "beneficiary_id": p["id"],
                                    "from": "2025-03-01", "reason": "未按期认证"})
        self.assertStatus(r, 201, "a hold on every scheme")
        h = r.json
        self.assertError(self.admin.post("%s/%d/lift" % (HOLDS, h["id"]),
                                         {"on": "2025-02-01", "reason": "x"}),
                         422, field="on", what="a lift before the hold began")
        r = self.admin.post("%s/%d/lift" % (HOLDS, h["id"]), {"on": "2025-05-01",
                                                               "reason": "已认证"})
        self.assertStatus(r, 200, "lift")
        self.assertEqual((r.json["lifted_on"], r.json["in_force"]), ("2025-05-01", False))
        self.assertError(self.admin.post("%s/%d/lift" % (HOLDS, h["id"]),
                                         {"on": "2025-06-01", "reason": "x"}),
                         409, what="a hold is lifted once")
        got = self.admin.get(HOLDS, params={"beneficiary_kind": "person",
                                            "beneficiary_id": str(p["id"])}).json["items"]
        self.assertEqual([g["id"] for g in got], [h["id"]])
        audit = self.admin.get("/api/v1/audit", params={"entity": "subsidy_hold",
                                                         "per_page": 100}).json
        actions = [e["action"] for e in audit["items"]
                   if e.get("entity_id") == str(h["id"])]
        self.assertEqual(sorted(actions), ["hold", "lift"], "hold and lift are audited")
        viewer = self.admin.create_user("money_viewer", "readonly", DAZHU,
                                        password="correct horse battery")
        c = login_as(self.server, "money_viewer", "correct horse battery")
        self.assertError(c.post(HOLDS, {"beneficiary_kind": "person", "beneficiary_id": p["id"],
                                        "from": "2025-03-01", "reason": "x"}), 403,
                         what="a read-only account holds")
        self.assertError(c.get(OWED), 403, what="a read-only account reads amounts owed")
        del viewer
        # the same from the shell
        pol = os.path.join(_state["dir"], "policies")
        cli = harness.run_cli(["subsidy", "hold", "--person", str(p["id"]), "--from",
                               "2025-07-01", "--reason", "外出未归", "--policies", pol],
                              self.server.db)
        self.assertEqual(cli.returncode, 0, cli.stderr.decode("utf-8", "replace"))
        self.assertIn("外出未归", cli.stdout.decode("utf-8"))
        cli = harness.run_cli(["subsidy", "holds", "--person", str(p["id"]), "--json",
                               "--policies", pol], self.server.db)
        self.assertEqual(cli.returncode, 0, cli.stderr.decode("utf-8", "replace"))
        held = json.loads(cli.stdout.decode("utf-8"))["items"]
        self.assertEqual([(x["from"], x["reason"]) for x in held],
                         [("2025-03-01", "未按期认证"), ("2025-07-01", "外出未归")])
        cli = harness.run_cli(["subsidy", "lift-hold", "--hold", str(held[1]["id"]), "--on",
                               "2025-06-01", "--reason", "x", "--policies", pol],
                              self.server.db)
        self.assertNotEqual(cli.returncode, 0, "CLI: a lift before the hold is refused")
        self.assertIn("on", cli.stderr.decode("utf-8", "replace"))
        cli = harness.run_cli(["subsidy", "owed", "--region", t, "--policies", pol],
                              self.server.db)
        self.assertEqual(cli.returncode, 0, cli.stderr.decode("utf-8", "replace"))
        self.assertIn("合计尚欠0元", cli.stdout.decode("utf-8"))

    def test_reverse_hold_lift_property(self):
        """Random reverse / hold / lift / re-run sequences on 大竹's 高龄津贴
        (60 元 a month at 85): after every run of a month, what the month
        holds is what the model says: unchanged while a reversal stands
        unlifted, nothing while held on its reference day, 60 元 otherwise;
        the bank file never has a negative row, and what it pays equals the
        entitlement plus what is owed plus what was repaid."""
        rng = random.Random(5150)
        sid = SCHEMES["gaoling"]["id"]
        self.assertEqual(SCHEMES["gaoling"].get("hold_back_pay", False), False,
                         "the 大竹 file keeps the default: no back pay")
        for case in range(3):
            t = self.township(DAZHU, "暂停性质%d" % case)
            p = self.person("暂停性质%d" % case, "1940-01-15", t)
            months = ["2025-%02d" % m for m in range(1, 9)]
            holds = []        # [from, lifted_on or None]
            blocked = {}      # month -> reversal id not lifted
            net = {m: 0 for m in months}
            for step in range(30):
                op = rng.choice(("run", "run", "run", "reverse", "lift", "hold", "unhold",
                                 "repay", "send"))
                m = rng.choice(months)
                what = "case %d step %d %s %s" % (case, step, op, m)
                if op == "run":
                    self.run_scheme(sid, m, t)
                    # 高龄津贴 is judged on the first day of the month
                    ref = m + "-01"
                    held = any(f <= ref and (lo is None or lo > ref) for f, lo, _ in holds)
                    mine = [l for l in self.lines(scheme=sid, period=m, region=t)
                            if l["beneficiary_id"] == p["id"]]
                    got = sum(l["fen"] for l in mine)
                    if m in blocked:
                        self.assertEqual(got, net[m], what + ": a reversal stands")
                    else:
                        self.assertEqual(got, 0 if held else GAOLING_85_FEN,
                                         what + ": held %s, holds %r" % (held, holds))
                    net[m] = got
                elif op == "reverse":
                    cand = [l for l in self.lines(scheme=sid, period=m, region=t)
                            if l["beneficiary_id"] == p["id"] and l["kind"] == "payment"
                            and not any(x["reverses"] == l["id"]
                                        for x in self.lines(scheme=sid, period=m, region=t))]
                    if not cand:
                        continue
                    r = self.admin.post("%s/%d/reverse" % (LEDGER, cand[0]["id"]),
                                        {"reason": "测试冲正"})
                    if net[m] <= 0:
                        # a later adjustment already took it back
                        self.assertError(r, 422, field="id", what=what)
                        continue
                    self.assertStatus(r, 201, what)
                    self.assertEqual(r.json["fen"], -min(net[m], cand[0]["fen"]),
                                     what + ": never below zero")
                    blocked[m] = r.json["id"]
                    net[m] += r.json["fen"]
                elif op == "lift":
                    if m not in blocked:
                        continue
                    r = self.admin.post("%s/%d/lift" % (LEDGER, blocked.pop(m)),
                                        {"reason": "恢复发放"})
                    self.assertStatus(r, 201, what)
                elif op == "hold":
                    frm = "%s-%02d" % (m, rng.choice((1, 2, 15)))
                    r = self.admin.post(HOLDS, {"beneficiary_kind": "person",
                                                "beneficiary_id": p["id"], "scheme": sid,
                                                "from": frm, "reason": "测试暂停"})
                    self.assertStatus(r, 201, what)
                    holds.append([frm, None, r.json["id"]])
                elif op == "unhold":
                    open_ = [h for h in holds if h[1] is None]
                    if not open_:
                        continue
                    h = open_[0]
                    on = max(h[0], "%s-%02d" % (m, rng.choice((1, 2))))
                    r = self.admin.post("%s/%d/lift" % (HOLDS, h[2]),
                                        {"on": on, "reason": "恢复"})
                    self.assertStatus(r, 200, what)
                    h[1] = on
                elif op == "send":
                    r = self.admin.post(LEDGER + "/send", {"region": t})
                    self.assertStatus(r, 201, what)
                else:
                    owed = [o for o in self.admin.get(OWED, params={"region": t}).json["items"]
                            if o["beneficiary_id"] == p["id"]]
                    if owed and owed[0]["owed_fen"] > 0:
                        part = rng.randint(1, owed[0]["owed_fen"])
                        r = self.admin.post(OWED + "/repaid", {
                            "beneficiary_kind": "person", "beneficiary_id": p["id"],
                            "yuan": "%d.%02d" % divmod(part, 100), "reason": "退回"})
                        self.assertStatus(r, 201, what)
                self.check_accounts(p, t, what)

    def check_accounts(self, p, t, what):
        r = self.admin.get(LEDGER, params={"region": t, "format": "csv", "template": "reconcile"})
        self.assertStatus(r, 200, what + ": bank CSV")
        rows = parse_csv(r.body)
        body = [row for row in rows[1:-1] if row[4] == str(p["id"])]
        for row in body:
            self.assertGreater(to_fen(row[6]), 0, what + ": no row of 0 or less: %r" % row)
        to_send = sum(to_fen(row[6]) for row in body)
        sent = self.db_rows("SELECT coalesce(sum(amount_fen), 0) FROM bank_export_row"
                            " WHERE beneficiary_id = ? AND beneficiary_kind = 'person'",
                            (p["id"],))[0][0]
        entitled = sum(l["fen"] for l in self.lines(region=t)
                       if l["beneficiary_id"] == p["id"])
        owed = [o for o in self.admin.get(OWED, params={"region": t}).json["items"]
                if o["beneficiary_id"] == p["id"]]
        o = owed[0] if owed else {"owed_fen": 0, "repaid_fen": 0}
        self.assertGreaterEqual(o["owed_fen"], 0, what + ": owed is never negative")
        self.assertEqual(sent + to_send, entitled + o["owed_fen"] + o["repaid_fen"],
                         what + ": sent + still to send = entitlement + owed + repaid "
                         "(sent %d, to send %d, %r)" % (sent, to_send, o))

    def test_overpayment_is_owed_and_offset(self):
        """An amount reduced after its bank file was sent is owed, is in no
        bank file, and is withheld from the next payment; the trial shows
        it; what nobody sent is never owed."""
        sid = SCHEMES["gaoling"]["id"]
        t = self.township(DAZHU, "追缴")
        p = self.person("追缴", "1940-01-15", t)
        self.run_scheme(sid, "2025-02", t)
        pay = self.lines(scheme=sid, period="2025-02", region=t)[0]
        r = self.admin.post(LEDGER + "/send", {"region": t, "scheme": sid,
                                               "template": "reconcile"})
        self.assertError(r, 422, field="template",
                         what="the reconciliation layout is never sent to a bank")
        r = self.admin.post(LEDGER + "/send", {"region": t, "scheme": sid})
        self.assertStatus(r, 201, "send the bank file")
        rows = parse_csv(r.body)
        # the default 代发 layout: 备注 names the scheme and period, 金额 in yuan
        self.assertEqual([(x[6], x[5]) for x in rows[1:-1]], [("高龄津贴 2025-02", "60.00")])
        self.assertEqual(parse_csv(self.admin.get(LEDGER, params={
            "region": t, "format": "csv", "template": "reconcile"}).body)[1:-1], [], "sent: nothing left to send")
        self.assertError(self.admin.post(LEDGER + "/send", {"region": 5}), 422, field="region")
        r = self.admin.post(HOLDS, {"beneficiary_kind": "person", "beneficiary_id": p["id"],
                                    "scheme": sid, "from": "2025-01-01", "reason": "核查"})
        h = r.json
        out = self.run_scheme(sid, "2025-02", t)
        self.assertEqual([l["fen"] for l in out["lines_preview"]], [-GAOLING_85_FEN],
                         "held: the month is taken back by an adjustment")
        self.assertIn("hold", [e["code"] for e in out["exceptions"]], "the hold is listed")
        owed = self.admin.get(OWED, params={"region": t}).json
        self.assertEqual([(o["beneficiary_id"], o["owed_fen"]) for o in owed["items"]],
                         [(p["id"], GAOLING_85_FEN)], "the 60 元 sent is owed")
        r = self.admin.post("%s/%d/reverse" % (LEDGER, pay["id"]), {"reason": "重复"})
        self.assertError(r, 422, field="id",
                         what="reversing what an adjustment already took back")
        self.admin.post("%s/%d/lift" % (HOLDS, h["id"]), {"on": "2025-03-01", "reason": "核查完毕"})
        dry = self.run_scheme(sid, "2025-03", t, dry=True)
        self.assertEqual((dry["offsets"], dry["offsets_fen"]), (1, GAOLING_85_FEN),
                         "the trial shows what will be withheld")
        out = self.run_scheme(sid, "2025-03", t)
        self.assertEqual(out["offsets_fen"], GAOLING_85_FEN, "withheld from March")
        rows = parse_csv(self.admin.get(LEDGER, params={"region": t, "format": "csv", "template": "reconcile"}).body)
        self.assertEqual(rows[1:-1], [], "March's 60 元 all withheld: no row")
        owed = self.admin.get(OWED, params={"region": t}).json["items"]
        self.assertEqual(owed[0]["owed_fen"], 0, "nothing owed after the offset")
        self.run_scheme(sid, "2025-04", t)
        rows = parse_csv(self.admin.get(LEDGER, params={"region": t, "format": "csv", "template": "reconcile"}).body)
        self.assertEqual([(r[2], r[6]) for r in rows[1:-1]], [("2025-04", "60.00")],
                         "April paid in full")
        # no back pay by default: February stays unpaid after the lift
        self.assertEqual(self.run_scheme(sid, "2025-02", t)["lines"], 0)
        # a reduction nobody sent is not owed: May paid, reversed before sending
        self.run_scheme(sid, "2025-05", t)
        may = self.lines(scheme=sid, period="2025-05", region=t)[0]
        self.assertStatus(self.admin.post("%s/%d/reverse" % (LEDGER, may["id"]),
                                          {"reason": "核减"}), 201)
        owed = self.admin.get(OWED, params={"region": t}).json["items"]
        self.assertEqual(owed[0]["owed_fen"], 0, "never sent, never owed")
        audit = self.admin.get("/api/v1/audit", params={"entity": "ledger",
                                                         "per_page": 100}).json["items"]
        self.assertIn("send", [e["action"] for e in audit], "sending is audited")


class BackPayTest(MoneyCase):
    def test_back_pay_as_the_policy_says(self):
        """A scheme with "hold_back_pay": true pays the held months when
        they are run again after the lift; the default pays them never."""
        rural = SCHEMES["rural"]["id"]
        t = self.township(CHANGJIANG, "补发")
        p = self.person("补发", "1950-05-05", t, ["tekun_dispersed", "rural"])
        r = self.admin.post(HOLDS, {"beneficiary_kind": "person", "beneficiary_id": p["id"],
                                    "scheme": rural, "from": "2025-05-01", "reason": "外出"})
        self.assertStatus(r, 201)
        out = self.run_scheme(rural, "2025-05", t)
        self.assertNotIn(p["id"], [l["beneficiary_id"] for l in out["lines_preview"]],
                         "held in May")
        r = self.admin.post("%s/%d/lift" % (HOLDS, r.json["id"]), {"on": "2025-07-01",
                                                                     "reason": "返回"})
        self.assertStatus(r, 200)
        self.assertIs(r.json["back_pay"], True, "the lift records the policy")
        for m in ("2025-05", "2025-06", "2025-07"):
            self.run_scheme(rural, m, t)
            got = sum(l["fen"] for l in self.lines(scheme=rural, period=m, region=t)
                      if l["beneficiary_id"] == p["id"])
            self.assertEqual(got, BASIC_RURAL_FEN, "%s: paid back after the lift" % m)


def to_fen(text):
    neg = text.startswith("-")
    text = text.lstrip("-")
    whole, _, frac = text.partition(".")
    v = int(whole) * 100 + int((frac + "00")[:2])
    return -v if neg else v


# --------------------------------------------------------------------------
# 6. A county's run stays in the county


class RegionTest(MoneyCase):
    def move(self, p, region):
        r = self.admin.patch("%s/%d" % (PERSONS, p["id"]), {"region": region})
        self.assertStatus(r, 200, "move %s to %s" % (p["name"], region))

    def test_two_counties_property(self):
        """Random moves between two counties and random runs by each: a run
        writes only lines within its county, for people who lived in it on
        the reference day or whom it paid before; after both counties have
        run, each person is paid once for the month."""
        rng = random.Random(2121)
        urban = SCHEMES["urban"]["id"]
        ta = self.township(CHANGJIANG, "甲县")
        tb = self.township(ZHUSHAN, "乙县")
        counties = {ta: CHANGJIANG, tb: ZHUSHAN}
        people = []
        for i in range(6):
            home = rng.choice((ta, tb))
            p = self.person("迁移%d" % i, "1950-03-03", home, ["tekun_dispersed", "urban"])
            people.append({"p": p, "first": home, "now": home})
        # a past month (its reference day before every move, made today)
        # and a future one (after them)
        months = ("2026-06", "2027-06")
        for step in range(24):
            if rng.random() < 0.35:
                x = rng.choice(people)
                x["now"] = tb if x["now"] == ta else ta
                self.move(x["p"], x["now"])
                continue
            town = rng.choice((ta, tb))
            m = rng.choice(months)
            out = self.run_scheme(urban, m, counties[town])
            mine = {x["p"]["id"]: x for x in people}
            for l in out["lines_preview"]:
                x = mine.get(l["beneficiary_id"])
                if x is None:
                    continue
                self.assertTrue(l["region"].startswith(counties[town][:6]),
                                "step %d: a %s run wrote a line in %s" % (step, town,
                                                                        l["region"]))
                lived = x["first"] if m < "2026-12" else x["now"]
                if l["fen"] > 0:
                    self.assertEqual(lived, town, "step %d: %s paid someone who lived in %s "
                                     "on the reference day" % (step, town, lived))
        for m in months:
            for c in (CHANGJIANG, ZHUSHAN, CHANGJIANG):
                self.run_scheme(urban, m, c)
            totals = {}
            for l in self.lines(scheme=urban, period=m, region=JINGDEZHEN):
                totals[l["beneficiary_id"]] = totals.get(l["beneficiary_id"], 0) + l["fen"]
            for x in people:
                self.assertEqual(totals.get(x["p"]["id"], 0), BASIC_URBAN_FEN,
                                 "%s %s: paid exactly once" % (x["p"]["name"], m))
            for c in (CHANGJIANG, ZHUSHAN):
                self.assertEqual(self.run_scheme(urban, m, c)["lines"], 0,
                                 "%s %s: a further run changes nothing" % (c, m))


# --------------------------------------------------------------------------
# 5. 巴中: institutions of any profit status, per economically difficult
#    高龄 or 失能 resident (seed 000 line 329), 就高 with the per-bed scheme


class DifficultEldersTest(MoneyCase):
    def test_any_profit_status_per_resident(self):
        per_bed = "bazhong.private_nonprofit_operating"
        hard = "bazhong.difficult_elderly_operating"
        with open(os.path.join(POLICY_DIR, "511900000000-bazhong.json"), encoding="utf-8") as f:
            doc = {s["id"]: s for s in json.load(f)["schemes"]}
        self.assertIn("第329行", doc[hard]["source"], "the scheme cites seed 000 line 329")
        self.assertEqual(doc[hard]["group"], doc[per_bed]["group"],
                         "one exclusive group with the per-bed scheme")
        rate = doc[hard]["versions"][0]["amount"]["units"][0]["amount"]["value"]
        self.assertEqual(rate, "1000", "同等: the per-bed rate, 1000 元 a year")
        t = self.township(BAZHOU, "困难老人")
        forprofit = self.admin.create_facility(harness.facility_body(
            t, name="营利测试院", ownership="private", operation="private_run",
            profit="forprofit", occupied_beds=40, capacity_date="2024-01-01"))
        nonprofit = self.admin.create_facility(harness.facility_body(
            t, name="非营利测试院", ownership="private", operation="private_run",
            profit="nonprofit", occupied_beds=3, capacity_date="2024-01-01"))

        def resident(name, birth, cats, fac, total=None):
            body = {"kind": "elderly",
                    "id_number": ISSUER.new_id(date.fromisoformat(birth), area=t[:6]),
                    "name": name, "region": t, "address": "院内",
                    "residence": "institution", "facility_id": fac["id"],
                    "categories": [{"category": c, "start": "2020-01-01"} for c in cats]}
            r = self.admin.post(PERSONS, body)
            self.assertStatus(r, 201, "resident %s" % name)
            if total is not None:
                self.assess(r.json, total, "2025-03-01")
            return r.json

        # counted: 85 and 低保; 70, 特困 and 失能 (total 35: 重度 → disabled)
        resident("高龄低保", "1940-02-01", ["dibao"], forprofit)
        resident("失能特困", "1955-02-01", ["tekun_centralized"], forprofit, total=35)
        # not counted: 70, 低保 but 自理; 85 but not in difficulty; 79 and 低收入
        resident("自理低保", "1955-02-01", ["dibao"], forprofit, total=85)
        resident("高龄非困难", "1940-02-01", [], forprofit)
        resident("七十九", "1946-06-01", ["low_income"], forprofit)
        # at the non-profit one: 4 counted residents but only 3 occupied beds
        for i in range(4):
            resident("非营利高龄%d" % i, "1938-01-01", ["dibao"], nonprofit)
        order = [hard, per_bed]
        totals = {}
        for sid in order:
            self.run_scheme(sid, "2025", t)
        for sid in (per_bed, hard):
            for l in self.lines(scheme=sid, period="2025", region=t):
                totals[l["beneficiary_id"]] = totals.get(l["beneficiary_id"], 0) + l["fen"]
        self.assertEqual(totals.get(forprofit["id"]), 2 * 100000,
                         "a for-profit institution: 2 residents × 1000 元")
        self.assertEqual(totals.get(nonprofit["id"]), 4 * 100000,
                         "a private non-profit one: the higher of 3 beds and 4 residents "
                         "(就高), 4000 元, never 7000 元")
        for sid in (per_bed, hard):
            self.assertEqual(self.run_scheme(sid, "2025", t)["lines"], 0, "re-runs: nothing")


# --------------------------------------------------------------------------
# 7. The bank file: many lines, grouped


class BankFileTest(MoneyCase):
    def test_many_lines(self):
        sid = SCHEMES["gaoling"]["id"]
        t = self.township(DAZHU, "银行文件")
        people = [self.person("银行%03d" % i, "1940-01-15", t) for i in range(240)]
        for m in ("2025-01", "2025-02"):
            self.run_scheme(sid, m, t)
        jan = {l["beneficiary_id"]: l for l in self.lines(scheme=sid, period="2025-01",
                                                          region=t)}
        gone = [p["id"] for p in people[::7]]
        for pid in gone:
            r = self.admin.post("%s/%d/reverse" % (LEDGER, jan[pid]["id"]), {"reason": "核减"})
            self.assertStatus(r, 201)
        r = self.admin.get(LEDGER, params={"region": t, "format": "csv", "template": "reconcile"})
        rows = parse_csv(r.body)
        body = rows[1:-1]
        want = sorted([(str(p["id"]), "2025-01") for p in people if p["id"] not in gone]
                      + [(str(p["id"]), "2025-02") for p in people])
        self.assertEqual(sorted((row[4], row[2]) for row in body), want,
                         "one row per person and month with a net amount")
        self.assertEqual([row[0] for row in body], [str(i) for i in range(1, len(body) + 1)])
        self.assertTrue(all(row[6] == "60.00" for row in body), "each row 60.00 元")
        self.assertEqual(rows[-1][6], "%d.00" % (60 * len(want)), "the control total")
