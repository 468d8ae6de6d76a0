"""Allowances and subsidies (module 7): runs per scheme, period and region
(POST /api/v1/subsidies/runs), the ledger (GET /api/v1/subsidies/ledger, JSON
and bank CSV), reversals, and `laoxiao subsidy run`.

Scheme ids, age rules, death rules and reference days are read from the
policy files; the amounts expected are computed here from the figures of the
issue (docs/subsidy-seeds.md: 大竹 高龄津贴 60/120/600 元 a month, 敬老金 and
家庭奖励金 2000 + 2000 元 a year, 特困 照料护理 50/200/400 元 by care level;
景德镇 200/100 元 per disabled / partly disabled resident a month; 巴中 1000
元 a year per average occupied bed), never read back from the server. Ages
are computed here from the birth dates the test chose, by the scheme's
age_rule (src/core/subsidy.h).

Every test works in its own township (made here under 大竹县) or county and
its own period, so that its counts are exact and independent of the other
tests of the module."""

import csv
import io
import json
import os
import re
import signal
from datetime import date, timedelta
from decimal import Decimal

import harness
from harness import ApiTestCase, facility_body, login_as, parse_csv
from idnumbers import Issuer

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
POLICY_DIR = os.path.join(REPO, "policies")

PASSWORD = "correct horse battery"
DAZHU = "511724000000"       # 大竹县 (preset)
DAZHOU = "511700000000"      # 达州市 (preset)
JINGDEZHEN = "360200000000"  # 景德镇市 (preset)
CHANGJIANG = "360202000000"  # a county of 景德镇
BAZHONG = "511900000000"     # 巴中市 (preset)
BAZHOU = "511902000000"      # 巴州区
ENYANG = "511903000000"      # 恩阳区
RUNS = "/api/v1/subsidies/runs"
LEDGER = "/api/v1/subsidies/ledger"
PERSONS = "/api/v1/persons"

ISSUER = Issuer(("511724", "511702", "360202", "511902"), "137", 23456789, 70000000)
new_id = ISSUER.new_id

# --- the figures of the issue, in yuan (docs/subsidy-seeds.md rows 1, 3-5, 9, 14)
GAOLING_BANDS = ((80, 89, 60), (90, 99, 120), (100, None, 600))
JINGLAOJIN_YUAN = 2000
JIANGLI_YUAN = 2000
TEKUN_CARE_YUAN = {"self": 50, "partly": 200, "disabled": 400}
JDZ_PER_RESIDENT_YUAN = {"residents_disabled": 200, "residents_partly": 100}
BAZHONG_PER_BED_YUAN = 1000


def fen(yuan):
    return int(yuan) * 100


def yuan_text(f):
    """fen → the yuan text of the API: "60", "-60", "884.65"."""
    sign = "-" if f < 0 else ""
    f = abs(f)
    return sign + (str(f // 100) if f % 100 == 0 else "%d.%02d" % (f // 100, f % 100))


def yuan2(f):
    """fen → yuan with two decimals, as the bank file writes it: "60.00"."""
    sign = "-" if f < 0 else ""
    return "%s%d.%02d" % (sign, abs(f) // 100, abs(f) % 100)


def tearDownModule():
    harness.stop_module_server(__name__)


# --------------------------------------------------------------------------
# Policy files


def load_policy(name):
    with open(os.path.join(POLICY_DIR, name), encoding="utf-8") as f:
        return json.load(f)


DAZHU_DOC = load_policy("511724000000-dazhu.json")
JDZ_DOC = load_policy("360200000000-jingdezhen.json")
BAZHONG_DOC = load_policy("511900000000-bazhong.json")


def find_scheme(doc, what, pred):
    found = [s for s in doc.get("schemes") or [] if pred(s)]
    assert len(found) == 1, "expected exactly one scheme for %s in %s, found %r" % (
        what, doc.get("jurisdiction"), [s.get("id") for s in found])
    return found[0]


def units_of(s):
    return [u["unit"] for u in s["versions"][0]["amount"].get("units", [])]


GAOLING = find_scheme(DAZHU_DOC, "高龄津贴", lambda s: s["name_zh"] == "高龄津贴")
JINGLAOJIN = find_scheme(DAZHU_DOC, "百岁老人敬老金", lambda s: "敬老金" in s["name_zh"])
JIANGLI = find_scheme(DAZHU_DOC, "百岁老人家庭奖励金", lambda s: "家庭奖励金" in s["name_zh"])
TEKUN_CARE = find_scheme(DAZHU_DOC, "特困 照料护理",
                         lambda s: "照料护理" in s["name_zh"])
JDZ_INTAKE = find_scheme(JDZ_DOC, "民办养老机构 per resident",
                         lambda s: s["beneficiary"] == "institution"
                         and "residents_disabled" in units_of(s))
JDZ_TEKUN_CARE = find_scheme(JDZ_DOC, "特困 照料护理经费 (min_wage)",
                             lambda s: s["beneficiary"] == "person"
                             and "min_wage" in json.dumps(s["versions"]))
BAZHONG_BEDS = find_scheme(BAZHONG_DOC, "民办非营利 per occupied bed",
                           lambda s: "occupied_beds" in units_of(s))


def version(s):
    assert len(s["versions"]) == 1, "%s: one version expected" % s["id"]
    return s["versions"][0]


# --------------------------------------------------------------------------
# Dates, ages, periods: computed here


def month_bounds(period):
    y, m = map(int, period.split("-"))
    first = date(y, m, 1)
    nxt = date(y + (m == 12), m % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


def year_bounds(period):
    y = int(period)
    return date(y, 1, 1), date(y, 12, 31)


def bounds(period):
    return month_bounds(period) if "-" in period else year_bounds(period)


def age_on(birth, day):
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def age_day(scheme, period):
    """The day age is judged on, by the version's age_rule."""
    p0, p1 = bounds(period)
    rule = version(scheme)["age_rule"]
    if rule == "period_start":
        return p0
    if rule == "period_end":
        return p1
    assert rule == "next_period", rule
    return p0 - timedelta(days=1)  # the last day of the previous period


def ref_day(scheme, period):
    p0, p1 = bounds(period)
    return p0 if scheme["ref_day"] == "period_start" else p1


def born_aged(age, day, days_before=100):
    """A birth date giving exactly `age` on `day`, the birthday well away."""
    try:
        b = day.replace(year=day.year - age)
    except ValueError:
        b = date(day.year - age, 2, 28)
    b -= timedelta(days=days_before)
    assert age_on(b, day) == age
    return b


def gaoling_fen(birth, period):
    a = age_on(birth, age_day(GAOLING, period))
    for lo, hi, y in GAOLING_BANDS:
        if a >= lo and (hi is None or a <= hi):
            return fen(y)
    return 0


def read_by_run(births, period):
    """How many of these people a run of the 高龄津贴 reads: only those born
    before 1 January of the year in which the youngest band's age (80) can
    no longer be reached by the period's last day (docs/api.md, "what a run
    reads"); everyone else it could never pay."""
    youngest = min(lo for lo, _, _ in GAOLING_BANDS)
    cutoff = date(int(period[:4]) - youngest + 1, 1, 1)
    return sum(1 for b in births if b < cutoff)


def band_re(age):
    for lo, hi, _ in GAOLING_BANDS:
        if age >= lo and (hi is None or age <= hi):
            if hi is None:
                return re.compile(r"%d\s*周岁及以上|%d\s*周岁以上" % (lo, lo))
            return re.compile(r"%d\s*[-–—~至]\s*%d\s*周岁" % (lo, hi))
    return None


# --------------------------------------------------------------------------
# Assessment vectors (GB/T 42195-2022; as test_people.py)

ITEM_MAX = [4] * 8 + [4, 4, 4, 3] + [4] * 6 + [1, 1, 2] + [2, 2, 4, 3, 4]


def vector(total):
    v = list(ITEM_MAX)
    deficit, i = 90 - total, 0
    while deficit:
        if v[i % 26] > 0:
            v[i % 26] -= 1
            deficit -= 1
        i += 1
    assert sum(v) == total
    return v


def care_of_total(total):
    """docs/policy.md "Assessment", the default care_of: 完好 (90) and 轻度
    (66-89) self, 中度 (46-65) partly, 重度 (30-45) and 完全丧失 (0-29)
    disabled."""
    if total >= 66:
        return "self"
    if total >= 46:
        return "partly"
    return "disabled"


# --------------------------------------------------------------------------
# The shared world: users of every role, townships


class World:
    pass


_world = {}
_townships = iter(range(201, 299))


def world(server):
    w = _world.get(server)
    if w:
        return w
    w = World()
    a = server.admin()
    w.fac = a.create_facility(facility_body(BAZHOU, name="津贴测试经办养老院"))
    users = (("sb_viewer", "readonly", DAZHU, {}),
             ("sb_operator", "operator", BAZHOU, {"facilities": [w.fac["id"]]}),
             ("sb_dept", "dept_official", DAZHOU, {}),
             ("sb_dazhu", "county_official", DAZHU, {}),
             ("sb_bazhou", "county_official", BAZHOU, {}),
             ("sb_dazhou", "city_official", DAZHOU, {}))
    w.clients = {}
    for name, role, region, extra in users:
        a.create_user(name, role, region, password=PASSWORD, **extra)
        w.clients[name] = login_as(server, name, PASSWORD)
    _world[server] = w
    return w


class SubsidyCase(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.w = world(cls.server)

    # data ------------------------------------------------------------------

    def township(self, label):
        """A fresh township under 大竹县, so that a run's counts are ours."""
        code = "511724%03d000" % next(_townships)
        self.admin.create_region(code, "津贴测试%s镇" % label, "township", DAZHU)
        return code

    def person(self, name, birth, region, **over):
        body = {"kind": "elderly", "id_number": new_id(birth, area=region[:6]),
                "name": name, "region": region, "address": "测试路 %s 号" % name}
        body.update(over)
        r = self.admin.post(PERSONS, body)
        self.assertStatus(r, 201, "POST /persons %s (born %s): expected 201" % (name, birth))
        p = r.json
        p["birth"] = birth
        # an account to pay into: the bank file leaves out who has none
        r = self.admin.put("%s/%d/payee" % (PERSONS, p["id"]),
                           {"bank": "中国农业银行", "branch": "农行大竹县支行",
                            "account_number": "6228480%012d" % p["id"]})
        self.assertStatus(r, 200, "PUT the account of %s" % name)
        return p

    def assess(self, person, total, on):
        r = self.admin.post("%s/%d/assessments" % (PERSONS, person["id"]),
                            {"assessed_on": on.isoformat(), "assessors": ["评估员甲", "评估员乙"],
                             "items": vector(total)})
        self.assertStatus(r, 201, "assessment of %s (total %d on %s): expected 201"
                          % (person["name"], total, on))
        return r.json

    def patch_person(self, person, body):
        r = self.admin.patch("%s/%d" % (PERSONS, person["id"]), body)
        self.assertStatus(r, 200, "PATCH %s %r: expected 200" % (person["name"], body))
        return r.json

    # runs and ledger ---------------------------------------------------------

    def pay(self, scheme, period, region, dry=False, client=None, what=""):
        body = {"scheme": scheme, "period": period, "region": region, "dry_run": dry}
        # a run is written through its three steps (经办, 审核, 审批)
        r = ((client or self.admin).post(RUNS, body) if dry
             else harness.run_in_steps(self.server, body))
        self.assertStatus(r, (200, 201), what or "run %r: expected success" % body)
        out = r.json
        for k in ("scheme", "period", "region", "dry_run", "run_id", "evaluated", "eligible",
                  "due_fen", "lines", "lines_fen", "lines_yuan", "lines_preview"):
            self.assertIn(k, out, "run summary: expected key %r in %s" % (k, r.summary()))
        return out

    def ledger(self, client=None, **params):
        r = (client or self.admin).get(LEDGER, params=params)
        self.assertStatus(r, 200, "GET ledger %r: expected 200" % params)
        return r.json

    def csv(self, client=None, **params):
        # the reconciliation layout keeps the platform's ids beside each row
        r = (client or self.admin).get(LEDGER, params=dict(params, format="csv",
                                                           template="reconcile"))
        self.assertStatus(r, 200, "GET ledger %r format=csv: expected 200" % params)
        return r

    def by_beneficiary(self, items):
        out = {}
        for l in items:
            out.setdefault(l["beneficiary_id"], []).append(l)
        return out

    def net(self, items):
        out = {}
        for l in items:
            out[l["beneficiary_id"]] = out.get(l["beneficiary_id"], 0) + l["fen"]
        return out

    def db_rows(self, sql, args=()):
        """Reads the server's database from outside."""
        return harness.db_rows(self.server.db, sql, args)

    def counts(self):
        return (self.db_rows("SELECT count(*) FROM ledger")[0][0],
                self.db_rows("SELECT count(*) FROM subsidy_run")[0][0])

    def assertLineBasics(self, line, what):
        self.assertEqual(line["yuan"], yuan_text(line["fen"]),
                         "%s: expected yuan %r for %d fen" % (what, yuan_text(line["fen"]),
                                                            line["fen"]))
        self.assertTrue(line["reason"], "%s: expected a non-empty reason" % what)


# --------------------------------------------------------------------------
# 0. The policy files hold the issue's figures


class PolicyFiguresTest(SubsidyCase):
    def amount_fen(self, m):
        self.assertIn("value", m, "expected amounts written as {value: yuan text}: %r" % m)
        return fen(m["value"]) if "." not in m["value"] else round(float(m["value"]) * 100)

    def test_files_state_the_issue_figures(self):
        bands = [(b["from_age"], b["to_age"], self.amount_fen(b["amount"]))
                 for b in version(GAOLING)["amount"]["bands"]]
        self.assertEqual(bands, [(lo, hi, fen(y)) for lo, hi, y in GAOLING_BANDS],
                         "高龄津贴 bands 80-89 / 90-99 / 100+ at 6000 / 12000 / 60000 fen")
        for s, y in ((JINGLAOJIN, JINGLAOJIN_YUAN), (JIANGLI, JIANGLI_YUAN)):
            self.assertEqual(self.amount_fen(version(s)["amount"]["fixed"]), fen(y),
                             "%s: expected %d fen a year" % (s["id"], fen(y)))
            self.assertEqual(s["frequency"], "yearly", "%s: expected yearly" % s["id"])
            self.assertEqual(version(s).get("min_age"), 100, "%s: expected min_age 100" % s["id"])
        levels = {l["level"]: self.amount_fen(l["amount"])
                  for l in version(TEKUN_CARE)["amount"]["levels"]}
        self.assertEqual(levels, {k: fen(v) for k, v in TEKUN_CARE_YUAN.items()},
                         "特困 照料护理 50/200/400 元 by care level")
        units = {u["unit"]: self.amount_fen(u["amount"])
                 for u in version(JDZ_INTAKE)["amount"]["units"]}
        self.assertEqual(units, {k: fen(v) for k, v in JDZ_PER_RESIDENT_YUAN.items()},
                         "景德镇 200/100 元 per disabled / partly disabled resident")
        units = {u["unit"]: self.amount_fen(u["amount"])
                 for u in version(BAZHONG_BEDS)["amount"]["units"]}
        self.assertEqual(units, {"occupied_beds": fen(BAZHONG_PER_BED_YUAN)},
                         "巴中 1000 元 per occupied bed")


# --------------------------------------------------------------------------
# 1-2. 大竹 高龄津贴: amounts, boundaries, dry run, re-run


class GaolingTest(SubsidyCase):
    PERIOD = "2025-07"

    def test_month_amounts_boundaries_dry_run_and_rerun(self):
        per = self.PERIOD
        t = self.township("高龄")
        d = age_day(GAOLING, per)           # next_period: the last day of the previous month
        p0, _ = month_bounds(per)
        self.assertEqual(version(GAOLING)["age_rule"], "next_period",
                         "the 大竹 高龄津贴 file states age_rule next_period (次月起)")
        births = {
            "八十五岁": born_aged(85, d),
            "九十二岁": born_aged(92, d),
            "一百零一岁": born_aged(101, d),
            "七十九岁": born_aged(79, d),
            # birthdays on the age day are reached; on the first day of the
            # period they are not yet (paid from the next month)
            "满八十": date(d.year - 80, d.month, d.day),
            "差一天八十": date(p0.year - 80, p0.month, p0.day),
            "满九十": date(d.year - 90, d.month, d.day),
            "差一天九十": date(p0.year - 90, p0.month, p0.day),
            "满一百": date(d.year - 100, d.month, d.day),
            "差一天一百": date(p0.year - 100, p0.month, p0.day),
        }
        people = {n: self.person("高龄" + n, b, t) for n, b in births.items()}
        want = {p["id"]: gaoling_fen(p["birth"], per) for p in people.values()}
        # the issue's own figures, for the three named ages
        self.assertEqual([want[people[n]["id"]] for n in ("八十五岁", "九十二岁", "一百零一岁",
                                                          "七十九岁")],
                         [6000, 12000, 60000, 0], "the issue's 85/92/101/79 → 6000/12000/60000/0")
        self.assertEqual([want[people[n]["id"]] for n in ("满八十", "差一天八十", "满九十",
                                                          "差一天九十", "满一百", "差一天一百")],
                         [6000, 0, 12000, 6000, 60000, 12000], "boundary arithmetic of the test")
        paid = {i: f for i, f in want.items() if f}
        before = self.counts()

        # dry run: reports, writes nothing
        dry = self.pay(GAOLING["id"], per, t, dry=True)
        self.assertIs(dry["dry_run"], True, "dry run: expected dry_run true")
        self.assertEqual(dry["lines"], len(paid), "dry run: expected %d lines it would write"
                         % len(paid))
        self.assertEqual(dry["lines_fen"], sum(paid.values()),
                         "dry run: expected lines_fen %d" % sum(paid.values()))
        self.assertEqual({l["beneficiary_id"]: l["fen"] for l in dry["lines_preview"]}, paid,
                         "dry run: expected the preview to list the payments it would make")
        self.assertIn(dry["run_id"], (0, None), "dry run: expected no run id")
        self.assertEqual(self.counts(), before,
                         "dry run: expected no ledger line and no subsidy_run row written")
        self.assertEqual(self.ledger(scheme=GAOLING["id"], period=per, region=t)["items"], [],
                         "dry run: expected an empty ledger for the period")

        # the run
        out = self.pay(GAOLING["id"], per, t)
        self.assertIs(out["dry_run"], False, "run: expected dry_run false")
        self.assertEqual(out["evaluated"], read_by_run([p["birth"] for p in people.values()], per),
                         "run: expected every person who could reach 80 evaluated")
        self.assertEqual(out["eligible"], len(paid), "run: expected %d eligible" % len(paid))
        self.assertEqual(out["due_fen"], sum(paid.values()), "run: expected due_fen")
        self.assertEqual(out["lines"], len(paid), "run: expected one line per eligible person")
        self.assertEqual(out["lines_fen"], sum(paid.values()), "run: expected lines_fen")
        self.assertEqual(out["lines_yuan"], yuan_text(sum(paid.values())),
                         "run: expected lines_yuan %r" % yuan_text(sum(paid.values())))
        self.assertEqual(out["by_region"], {DAZHU: {"count": len(paid),
                                                    "fen": sum(paid.values())}},
                         "run: expected by_region to total under 大竹县")
        amounts = {}
        for f in paid.values():
            e = amounts.setdefault(str(f), {"count": 0, "fen": 0})
            e["count"] += 1
            e["fen"] += f
        self.assertEqual(out["by_amount"], amounts, "run: expected by_amount counts per amount")
        self.assertNotIn(out["run_id"], (0, None), "run: expected a run id")
        self.assertEqual(self.counts(), (before[0] + len(paid), before[1] + 1),
                         "run: expected %d ledger lines and one subsidy_run row" % len(paid))

        led = self.ledger(scheme=GAOLING["id"], period=per, region=t)
        lines = self.by_beneficiary(led["items"])
        self.assertEqual(set(lines), set(paid), "ledger: expected lines for exactly the "
                         "eligible persons, none for the 79-year-old or those under 80 on %s" % d)
        for name, p in people.items():
            if p["id"] not in paid:
                continue
            ls = lines[p["id"]]
            self.assertEqual(len(ls), 1, "%s: expected one line" % name)
            l = ls[0]
            what = "%s (born %s)" % (name, p["birth"])
            self.assertEqual((l["kind"], l["fen"], l["scheme"], l["period"], l["region"],
                              l["beneficiary_kind"], l["run_id"]),
                             ("payment", paid[p["id"]], GAOLING["id"], per, t, "person",
                              out["run_id"]),
                             "%s: expected a payment of %d fen in run %s"
                             % (what, paid[p["id"]], out["run_id"]))
            self.assertLineBasics(l, what)
            a = age_on(p["birth"], d)
            self.assertIn("%d周岁" % a, l["reason"], "%s: expected the age %d in the reason"
                          % (what, a))
            self.assertRegex(l["reason"], band_re(a), "%s: expected the band in the reason" % what)
        self.assertEqual(led["total_fen"], sum(paid.values()), "ledger: expected total_fen")
        self.assertEqual(led["count"], len(paid), "ledger: expected count")

        # re-run: nothing to write, nothing changes
        again = self.pay(GAOLING["id"], per, t)
        self.assertEqual((again["lines"], again["lines_fen"]), (0, 0),
                         "re-run of the same period: expected 0 lines, 0 fen")
        self.assertEqual(again["due_fen"], sum(paid.values()),
                         "re-run: expected the same amount due (already paid)")
        self.assertEqual(self.ledger(scheme=GAOLING["id"], period=per, region=t), led,
                         "re-run: expected the ledger unchanged")
        self.assertEqual(self.counts()[0], before[0] + len(paid),
                         "re-run: expected no ledger line written")
        # a dry run now would write nothing either
        dry = self.pay(GAOLING["id"], per, t, dry=True)
        self.assertEqual((dry["lines"], dry["lines_preview"]), (0, []),
                         "dry run after the run: expected 0 lines and an empty preview")

    def test_centenarian_yearly_grants(self):
        per_m, per_y = "2025-06", "2025"
        t = self.township("百岁")
        d = age_day(GAOLING, per_m)
        for s in (JINGLAOJIN, JIANGLI):
            self.assertEqual(version(s)["age_rule"], "period_end",
                             "%s: the file states age_rule period_end" % s["id"])
        dy = age_day(JINGLAOJIN, per_y)     # 2025-12-31
        old = self.person("百岁一零一", born_aged(101, d), t)
        turns = self.person("年内满百", date(dy.year - 100, 12, 31), t)      # 100 on 31 Dec
        not_yet = self.person("次年满百", date(dy.year - 99, 1, 1), t)       # 99 on 31 Dec
        ninety = self.person("九十二", born_aged(92, d), t)
        r = self.pay(GAOLING["id"], per_m, t)
        self.assertEqual({l["beneficiary_id"]: l["fen"] for l in r["lines_preview"]
                          if l["beneficiary_id"] == old["id"]}, {old["id"]: 60000},
                         "the 101-year-old: expected 60000 fen 高龄津贴 for %s" % per_m)
        for s, y in ((JINGLAOJIN, JINGLAOJIN_YUAN), (JIANGLI, JIANGLI_YUAN)):
            want = {p["id"]: fen(y) for p in (old, turns, ninety, not_yet)
                    if age_on(p["birth"], dy) >= 100}
            self.assertEqual(want, {old["id"]: 200000, turns["id"]: 200000},
                             "test arithmetic: 200000 fen for the two aged 100+ on %s" % dy)
            bad = self.admin.post(RUNS, {"scheme": s["id"], "period": per_m, "region": t})
            self.assertError(bad, 422, field="period",
                             what="%s (yearly) with a month period: expected 422 period" % s["id"])
            out = self.pay(s["id"], per_y, t)
            self.assertEqual((out["lines"], out["lines_fen"]), (2, 400000),
                             "%s %s: expected 2 lines, 400000 fen" % (s["id"], per_y))
            led = self.ledger(scheme=s["id"], period=per_y, region=t)
            got = {l["beneficiary_id"]: (l["kind"], l["fen"]) for l in led["items"]}
            self.assertEqual(got, {i: ("payment", f) for i, f in want.items()},
                             "%s %s: expected 200000 fen payments to the 101-year-old and to the "
                             "one turning 100 on 31 Dec, none to those 99 and 92"
                             % (s["id"], per_y))
            again = self.pay(s["id"], per_y, t)
            self.assertEqual(again["lines"], 0, "%s re-run: expected 0 lines" % s["id"])
        # both grants together: 4000 元 a year for the 101-year-old
        total = sum(l["fen"] for s in (JINGLAOJIN, JIANGLI)
                    for l in self.ledger(scheme=s["id"], period=per_y, region=t)["items"]
                    if l["beneficiary_id"] == old["id"])
        self.assertEqual(total, 400000, "敬老金 + 家庭奖励金: expected 200000 + 200000 fen")


# --------------------------------------------------------------------------
# 3. Changes after payment: adjustments with a reason


class AdjustmentTest(SubsidyCase):
    def test_death_reported_after_payment(self):
        per = "2025-08"
        t = self.township("死亡")
        d = age_day(GAOLING, per)
        p0, p1 = month_bounds(per)
        self.assertEqual(GAOLING["death"], "pay_period_of_death",
                         "the file states pay_period_of_death for 高龄津贴")
        early = self.person("上月去世", born_aged(85, d), t)
        within = self.person("本月去世", born_aged(92, d), t)
        alive = self.person("健在", born_aged(86, d), t)
        out = self.pay(GAOLING["id"], per, t)
        self.assertEqual(out["lines"], 3, "first run: expected 3 payments")
        self.patch_person(early, {"deceased_on": (p0 - timedelta(days=12)).isoformat()})
        self.patch_person(within, {"deceased_on": (p0 + timedelta(days=9)).isoformat()})
        out = self.pay(GAOLING["id"], per, t)
        self.assertEqual(out["lines"], 1, "after a death before %s is reported: expected one "
                         "adjustment line, got %r" % (p0, out["lines_preview"]))
        self.assertEqual(out["lines_fen"], -6000, "expected the adjustment to total -6000 fen")
        lines = self.by_beneficiary(self.ledger(scheme=GAOLING["id"], period=per,
                                                region=t)["items"])
        adj = [l for l in lines[early["id"]] if l["kind"] != "payment"]
        self.assertEqual([(l["kind"], l["fen"]) for l in adj], [("adjustment", -6000)],
                         "death before the reference day: expected an adjustment of -6000 fen")
        self.assertIn("调整", adj[0]["reason"], "expected the adjustment reason to say 调整: %r"
                      % adj[0]["reason"])
        self.assertIn("死亡", adj[0]["reason"], "expected the adjustment to say why (死亡): %r"
                      % adj[0]["reason"])
        self.assertLineBasics(adj[0], "death adjustment")
        self.assertEqual(sum(l["fen"] for l in lines[early["id"]]), 0,
                         "expected the net paid to the person who died before the month to be 0")
        self.assertEqual([l["kind"] for l in lines[within["id"]]], ["payment"],
                         "death within the month (pay_period_of_death): expected no adjustment")
        self.assertEqual([l["kind"] for l in lines[alive["id"]]], ["payment"],
                         "living person: expected no adjustment")
        again = self.pay(GAOLING["id"], per, t)
        self.assertEqual(again["lines"], 0, "third run: expected 0 lines once adjusted")
        # the next month pays neither of the dead
        nxt = self.pay(GAOLING["id"], "2025-09", t)
        self.assertEqual({l["beneficiary_id"] for l in nxt["lines_preview"]}, {alive["id"]},
                         "2025-09: expected only the living person paid")

    def test_tekun_care_after_assessment_and_category_change(self):
        per = "2025-09"
        t = self.township("特困")
        ref = ref_day(TEKUN_CARE, per)           # period_start: 2025-09-01
        self.assertEqual(TEKUN_CARE["ref_day"], "period_start",
                         "the file states ref_day period_start for 特困 照料护理")
        tekun = [{"category": "tekun_dispersed", "start": "2020-01-01"}]
        birth = date(1948, 5, 6)
        newly = self.person("新评失能", birth, t, categories=tekun)
        upgraded = self.person("自理转半失能", birth, t,
                               categories=[{"category": "tekun_centralized",
                                            "start": "2020-01-01"}])
        late = self.person("期后评估", birth, t, categories=tekun)
        joined = self.person("新认定特困", birth, t,
                             categories=[{"category": "dibao", "start": "2020-01-01"}])
        left = self.person("退出特困", birth, t, categories=tekun)
        self.assess(upgraded, 90, date(2025, 6, 1))
        self.assess(late, 90, date(2025, 6, 1))
        self.assess(joined, 40, date(2025, 6, 1))
        self.assess(left, 40, date(2025, 6, 1))
        care = {k: fen(v) for k, v in TEKUN_CARE_YUAN.items()}
        first = {upgraded["id"]: care[care_of_total(90)], late["id"]: care[care_of_total(90)],
                 left["id"]: care[care_of_total(40)]}
        self.assertEqual(sorted(first.values()), [5000, 5000, 40000], "test arithmetic")
        out = self.pay(TEKUN_CARE["id"], per, t)
        self.assertEqual({l["beneficiary_id"]: (l["kind"], l["fen"]) for l in out["lines_preview"]},
                         {i: ("payment", f) for i, f in first.items()},
                         "first run: expected 5000 to the two 自理, 40000 to the 失能 特困; "
                         "nothing to the unassessed or the 低保 person")

        # changes: an assessment moves one to 失能, another to 半失能; one
        # assessed after the reference day; a category gained and one ended
        self.assess(newly, 40, ref - timedelta(days=10))
        self.assess(upgraded, 50, ref - timedelta(days=5))
        self.assess(late, 40, ref + timedelta(days=5))
        self.patch_person(joined, {"categories": [
            {"category": "dibao", "start": "2020-01-01"},
            {"category": "tekun_centralized", "start": (ref - timedelta(days=20)).isoformat()}]})
        self.patch_person(left, {"categories": [
            {"category": "tekun_dispersed", "start": "2020-01-01",
             "end": (ref - timedelta(days=3)).isoformat()}]})
        want = {newly["id"]: ("payment", care["disabled"]),
                upgraded["id"]: ("adjustment", care["partly"] - care["self"]),
                joined["id"]: ("payment", care["disabled"]),
                left["id"]: ("adjustment", -care["disabled"])}
        self.assertEqual(sorted(f for _, f in want.values()), [-40000, 15000, 40000, 40000],
                         "test arithmetic")
        out = self.pay(TEKUN_CARE["id"], per, t)
        got = {l["beneficiary_id"]: (l["kind"], l["fen"]) for l in out["lines_preview"]}
        self.assertEqual(got, want,
                         "second run: expected a 40000 payment to the newly 失能, +15000 to the "
                         "one now 半失能, a 40000 payment to the new 特困, -40000 to the one whose "
                         "特困 ended, nothing for an assessment dated after %s" % ref)
        lines = self.by_beneficiary(self.ledger(scheme=TEKUN_CARE["id"], period=per,
                                                region=t)["items"])
        for i in (upgraded["id"], left["id"]):
            adj = [l for l in lines[i] if l["kind"] == "adjustment"]
            self.assertEqual(len(adj), 1, "expected one adjustment line for person %d" % i)
            self.assertIn("调整", adj[0]["reason"], "expected the adjustment reason to say 调整")
        up = [l for l in lines[upgraded["id"]] if l["kind"] == "adjustment"][0]["reason"]
        self.assertIn((ref - timedelta(days=5)).isoformat(), up,
                      "expected the 半失能 adjustment to say why (the new assessment's date): %r" % up)
        self.assertRegex(lines[newly["id"]][0]["reason"], "失能",
                         "expected the care level in the payment's reason")
        net = {i: sum(l["fen"] for l in ls) for i, ls in lines.items()}
        self.assertEqual(net, {newly["id"]: 40000, upgraded["id"]: 20000, late["id"]: 5000,
                               joined["id"]: 40000, left["id"]: 0},
                         "expected the net paid per person: 400 / 200 / 50 / 400 / 0 元")
        self.assertEqual(self.pay(TEKUN_CARE["id"], per, t)["lines"], 0,
                         "third run: expected 0 lines")

        # bank file: one row per person with a non-zero net, the net amount
        rows = parse_csv(self.csv(scheme=TEKUN_CARE["id"], period=per, region=t).body)
        body = [r for r in rows[1:] if r and r[0] != "合计"]
        self.assertEqual({int(r[4]): r[6] for r in body},
                         {i: yuan2(f) for i, f in net.items() if f},
                         "bank CSV: expected one row per beneficiary with a non-zero net, "
                         "netting payment and adjustment (200 元 for the 半失能)")


# --------------------------------------------------------------------------
# 4-5. Institutions


class InstitutionTest(SubsidyCase):
    def facility(self, region, **over):
        b = facility_body(region, **over)
        if region.startswith("36"):
            b.update(lat=29.2926, lon=117.2078, address="景德镇市昌江区测试路 1 号")
        return self.admin.create_facility(b)

    def test_jingdezhen_private_institution_per_resident(self):
        per = "2025-03"
        self.assertEqual(version(JDZ_INTAKE).get("all_of"), ["private"],
                         "the 景德镇 scheme requires ownership private")
        private = self.facility(CHANGJIANG, name="景德镇民办测试养老院", ownership="private",
                                operation="private_run", profit="forprofit",
                                residents_disabled=12, residents_partly=7)
        public = self.facility(CHANGJIANG, name="景德镇公办测试养老院", ownership="public",
                               residents_disabled=12, residents_partly=7)
        elsewhere = self.facility(BAZHOU, name="巴州民办对照养老院", ownership="private",
                                  operation="private_run", residents_disabled=12,
                                  residents_partly=7)
        want = 12 * fen(JDZ_PER_RESIDENT_YUAN["residents_disabled"]) + \
            7 * fen(JDZ_PER_RESIDENT_YUAN["residents_partly"])
        self.assertEqual(want, 310000, "the issue's 12 × 200 + 7 × 100 = 3100 元")
        out = self.pay(JDZ_INTAKE["id"], per, CHANGJIANG)
        self.assertEqual(out["evaluated"], 2, "expected the two 景德镇 facilities evaluated")
        got = {l["beneficiary_id"]: l["fen"] for l in out["lines_preview"]}
        self.assertEqual(got, {private["id"]: want},
                         "expected 310000 fen to the private institution, nothing to the public "
                         "one (the scheme requires private)")
        led = self.ledger(scheme=JDZ_INTAKE["id"], period=per, region=CHANGJIANG)["items"]
        self.assertEqual([(l["beneficiary_kind"], l["beneficiary_id"], l["kind"], l["fen"])
                          for l in led],
                         [("institution", private["id"], "payment", want)],
                         "ledger: expected one institution payment of 310000 fen")
        self.assertEqual(led[0]["yuan"], "3100", "expected yuan '3100'")
        self.assertRegex(led[0]["reason"], "12", "expected the 12 disabled residents in the reason")
        self.assertRegex(led[0]["reason"], "7", "expected the 7 partly disabled in the reason")
        self.assertNotIn(elsewhere["id"], [l["beneficiary_id"] for l in led],
                         "expected nothing for a 巴中 facility in a 景德镇 run")
        self.assertEqual(self.pay(JDZ_INTAKE["id"], per, CHANGJIANG)["lines"], 0,
                         "re-run: expected 0 lines")
        # the public one's scheme does not apply to 巴中 at all
        r = self.admin.post(RUNS, {"scheme": JDZ_INTAKE["id"], "period": per, "region": BAZHOU})
        self.assertError(r, 422, field="scheme",
                         what="a 景德镇 scheme run for 巴州区: expected 422 scheme")

    def test_bazhong_private_nonprofit_per_occupied_bed(self):
        per = "2024"
        self.assertEqual(sorted(version(BAZHONG_BEDS)["all_of"]), ["nonprofit", "private"],
                         "the 巴中 scheme requires private and nonprofit")
        ok = self.facility(BAZHOU, name="巴州民办非营利测试院", ownership="private",
                           operation="private_run", profit="nonprofit", occupied_beds=80,
                           capacity_date="2024-01-01")
        forprofit = self.facility(BAZHOU, name="巴州民办营利测试院", ownership="private",
                                  operation="private_run", profit="forprofit", occupied_beds=80,
                                  capacity_date="2024-01-01")
        public = self.facility(BAZHOU, name="巴州公办非营利测试院", ownership="public",
                               profit="nonprofit", occupied_beds=80, capacity_date="2024-01-01")
        want = 80 * fen(BAZHONG_PER_BED_YUAN)
        self.assertEqual(want, 8000000, "the issue's 80 × 1000 = 80000 元")
        bad = self.admin.post(RUNS, {"scheme": BAZHONG_BEDS["id"], "period": "2024-03",
                                     "region": BAZHOU})
        self.assertError(bad, 422, field="period",
                         what="yearly 巴中 scheme with a month: expected 422 period")
        out = self.pay(BAZHONG_BEDS["id"], per, BAZHOU)
        got = {l["beneficiary_id"]: l["fen"] for l in out["lines_preview"]}
        self.assertEqual(got.get(ok["id"]), want,
                         "expected 8000000 fen for 80 occupied beds in 2024")
        for f, why in ((forprofit, "for-profit"), (public, "public")):
            self.assertNotIn(f["id"], got, "expected nothing for the %s institution" % why)
        led = self.ledger(scheme=BAZHONG_BEDS["id"], period=per, region=BAZHOU)["items"]
        mine = [l for l in led if l["beneficiary_id"] == ok["id"]]
        self.assertEqual([(l["kind"], l["fen"], l["yuan"]) for l in mine],
                         [("payment", want, "80000")], "ledger: expected one 80000 元 payment")

    def test_bazhong_beds_are_the_yearly_average(self):
        """The scheme pays 年平均实际入住床位 (the file's unit label and note: the
        year's average of occupied beds from the capacity history, rounded
        half up). 100 beds occupied from 1 January and 60 from 1 July 2024:
        (182 × 100 + 184 × 60) / 366 = 79.9 → 80 beds → 8000000 fen."""
        per = "2024"
        f = self.facility(ENYANG, name="恩阳民办非营利变动院", ownership="private",
                          operation="private_run", profit="nonprofit", occupied_beds=100,
                          capacity_date="2024-01-01")
        r = self.admin.patch("/api/v1/facilities/%d" % f["id"],
                             {"occupied_beds": 60, "capacity_date": "2024-07-01"})
        self.assertStatus(r, 200, "PATCH capacity from 2024-07-01: expected 200")
        h1 = (date(2024, 7, 1) - date(2024, 1, 1)).days
        h2 = (date(2024, 12, 31) - date(2024, 7, 1)).days + 1
        avg = (h1 * 100 + h2 * 60) / (h1 + h2)
        beds = int(avg + 0.5)
        self.assertEqual(beds, 80, "test arithmetic: average %.2f rounds to 80" % avg)
        out = self.pay(BAZHONG_BEDS["id"], per, ENYANG)
        got = {l["beneficiary_id"]: l["fen"] for l in out["lines_preview"]}
        self.assertEqual(got.get(f["id"]), beds * fen(BAZHONG_PER_BED_YUAN),
                         "expected %d fen for the year's average of %.2f → %d occupied beds "
                         "(not the 60 beds of 31 December): %r"
                         % (beds * fen(BAZHONG_PER_BED_YUAN), avg, beds, out["lines_preview"]))


# --------------------------------------------------------------------------
# 6-7. Reversal and the bank file


class ReversalAndBankFileTest(SubsidyCase):
    def test_reversal(self):
        per = "2025-10"
        t = self.township("冲正")
        d = age_day(GAOLING, per)
        p = self.person("冲正老人", born_aged(85, d), t)
        self.pay(GAOLING["id"], per, t)
        (line,) = self.ledger(scheme=GAOLING["id"], period=per, region=t)["items"]
        self.assertEqual(line["fen"], 6000, "expected a 6000 fen payment to reverse")
        path = "%s/%d/reverse" % (LEDGER, line["id"])
        before = self.counts()[0]

        r = self.admin.post(path, {})
        self.assertError(r, 422, field="reason", what="reversal without a reason: expected 422")
        r = self.admin.post(path, {"reason": ""})
        self.assertError(r, 422, field="reason", what="reversal with an empty reason: expected 422")
        r = self.admin.post(path, {"reason": "x", "fen": 1})
        self.assertError(r, 422, what="reversal with an unknown key: expected 422")
        self.assertEqual(self.counts()[0], before, "refused reversals: expected no line written")

        why = "银行退回：账户已销户"
        r = self.admin.post(path, {"reason": why})
        self.assertStatus(r, (200, 201), "reversal with a reason: expected success")
        rev = r.json
        self.assertEqual((rev["kind"], rev["fen"], rev["reverses"], rev["beneficiary_id"],
                          rev["scheme"], rev["period"]),
                         ("reversal", -6000, line["id"], p["id"], GAOLING["id"], per),
                         "expected a reversal line of -6000 fen naming the line it reverses")
        self.assertIn(why, rev["reason"], "expected the given reason in the reversal's reason")
        self.assertLineBasics(rev, "reversal")
        items = self.ledger(scheme=GAOLING["id"], period=per, region=t)["items"]
        self.assertEqual([(l["id"], l["fen"]) for l in items],
                         [(line["id"], 6000), (rev["id"], -6000)],
                         "expected the original line kept and the reversal added")
        self.assertFalse(line["reversed"], "not yet reversed when first read")
        self.assertTrue(items[0]["reversed"], "marked reversed once the reversal is booked")
        self.assertEqual(dict(items[0], reversed=False), line,
                         "expected the reversed line itself otherwise unchanged")

        r = self.admin.post(path, {"reason": "再次冲正"})
        self.assertError(r, 409, what="reversing the same line twice: expected 409")
        r = self.admin.post("%s/%d/reverse" % (LEDGER, rev["id"]), {"reason": "冲正的冲正"})
        self.assertError(r, 422, what="reversing a reversal: expected 422")
        r = self.admin.post("%s/%d/reverse" % (LEDGER, 99999999), {"reason": "不存在"})
        self.assertError(r, 404, what="reversing a line that does not exist: expected 404")
        self.assertEqual(self.counts()[0], before + 1,
                         "expected exactly one line written by the reversals")

    def test_bank_csv_control_total(self):
        per = "2025-11"
        t = self.township("银行")
        d = age_day(GAOLING, per)
        people = [self.person("银行%d" % a, born_aged(a, d), t) for a in (85, 92, 101, 79, 88)]
        want = {p["id"]: gaoling_fen(p["birth"], per) for p in people}
        want = {i: f for i, f in want.items() if f}
        out = self.pay(GAOLING["id"], per, t)
        led = self.ledger(scheme=GAOLING["id"], period=per, region=t)
        r = self.csv(scheme=GAOLING["id"], period=per, region=t)
        self.assertTrue(r.body.startswith(b"\xef\xbb\xbf"), "bank CSV: expected a UTF-8 BOM")
        self.assertIn("text/csv", r.header("Content-Type") or "",
                      "bank CSV: expected Content-Type text/csv")
        rows = parse_csv(r.body)
        self.assertEqual(len(rows[0]), 8, "bank CSV: expected an 8-column header: %r" % rows[0])
        body, total = rows[1:-1], rows[-1]
        self.assertEqual(total[0], "合计", "bank CSV: expected the last row to be the 合计 "
                         "control total: %r" % total)
        self.assertEqual({int(row[4]): row[6] for row in body},
                         {i: yuan2(f) for i, f in want.items()},
                         "bank CSV: expected one row per paid beneficiary with its amount in 元")
        self.assertEqual([row[0] for row in body], [str(i) for i in range(1, len(body) + 1)],
                         "bank CSV: expected rows numbered 1..n")
        amounts = [c for c in total if re.fullmatch(r"-?\d+(\.\d\d)?", c)]
        self.assertEqual(amounts, [yuan2(sum(l["fen"] for l in led["items"]))],
                         "bank CSV: expected the control total to equal the sum of the lines: "
                         "%r" % total)
        self.assertEqual(amounts[0], yuan2(out["lines_fen"]),
                         "bank CSV: expected the control total to equal the run's lines_yuan")
        self.assertIn(str(len(want)), total[1], "bank CSV: expected the row count in 合计")
        audit = self.admin.get("/api/v1/audit", params={"entity": "ledger", "per_page": 100})
        self.assertStatus(audit, 200, "GET /audit entity=ledger: expected 200")
        self.assertIn("export", [e.get("action") for e in audit.json["items"]],
                      "docs/api.md: expected the bank CSV export in the audit log")

        # a reversed beneficiary nets to zero and leaves the file
        gone = max(want, key=want.get)
        (line,) = [l for l in led["items"] if l["beneficiary_id"] == gone]
        self.assertStatus(self.admin.post("%s/%d/reverse" % (LEDGER, line["id"]),
                                          {"reason": "重复发放"}), (200, 201),
                          "reverse one payment: expected success")
        rows = parse_csv(self.csv(scheme=GAOLING["id"], period=per, region=t).body)
        self.assertNotIn(str(gone), [row[4] for row in rows[1:-1]],
                         "bank CSV: expected no row for a beneficiary whose net is zero")
        self.assertEqual(len(rows) - 2, len(want) - 1, "bank CSV: expected one row fewer")
        self.assertIn(yuan2(sum(want.values()) - want[gone]), rows[-1],
                      "bank CSV: expected the control total reduced by the reversed amount")


# --------------------------------------------------------------------------
# 8. A run that fails leaves nothing


class InterruptedRunTest(SubsidyCase):
    def test_missing_parameter_refuses_the_whole_run(self):
        per = "2025-03"
        params = {p["name"]: p for p in JDZ_DOC.get("parameters") or []}
        self.assertNotIn("value", params.get("min_wage", {}),
                         "the file leaves min_wage without a value")
        self.assertNotIn("fen", params.get("min_wage", {}),
                         "the file leaves min_wage without a value")
        for i, total in enumerate((40, 50)):
            p = self.person("景德镇特困%d" % i, date(1945, 3, 3 + i), CHANGJIANG,
                            categories=[{"category": "tekun_dispersed", "start": "2020-01-01"}])
            self.assess(p, total, date(2025, 1, 10))
        before = self.counts()
        fields = []
        for dry in (True, False):
            body = {"scheme": JDZ_TEKUN_CARE["id"], "period": per, "region": JINGDEZHEN,
                    "dry_run": dry}
            # a write goes through its steps: the preparation refuses it
            r = self.admin.post(RUNS, body) if dry else harness.run_in_steps(self.server, body)
            err = self.assertError(r, 422, what="a scheme whose min_wage has no value "
                                   "(dry_run %s): expected 422" % dry)
            self.assertIn("min_wage", err["message"], "expected the error to name min_wage")
            fields.append(err.get("field"))
        self.assertEqual(self.counts(), before,
                         "a refused run: expected no ledger line and no subsidy_run row left")
        self.assertEqual(self.ledger(scheme=JDZ_TEKUN_CARE["id"], period=per)["items"], [],
                         "a refused run: expected an empty ledger for the scheme")
        p = harness.run_cli(["subsidy", "run", "--scheme", JDZ_TEKUN_CARE["id"], "--period", per,
                             "--region", JINGDEZHEN], self.server.db)
        self.assertNotEqual(p.returncode, 0, "CLI run of the same: expected a non-zero exit")
        self.assertIn("min_wage", p.stderr.decode("utf-8", "replace"),
                      "CLI: expected the error to name min_wage")
        self.assertEqual(self.counts(), before, "CLI refused run: expected nothing written")
        # docs/policy.md: a scheme naming a parameter with no value is refused
        # at evaluation, field "parameters" (the engine's field, src/core/subsidy.h)
        self.assertEqual(fields, ["parameters", "parameters"],
                         "refused run: expected error.field 'parameters' (the engine's field), "
                         "got %r" % fields)


class AbortedRunTest(harness.unittest.TestCase):
    """A failure inside the transaction, after the first line was written:
    a trigger refuses the second insert into ledger. The CLI must exit
    non-zero and leave no line and no subsidy_run row."""

    @classmethod
    def setUpClass(cls):
        cls.server = harness.Server(label="subsidies-abort")
        a = cls.server.admin()
        d = age_day(GAOLING, "2025-07")
        for i, age in enumerate((85, 92, 101)):
            r = a.post(PERSONS, {"kind": "elderly", "id_number": new_id(born_aged(age, d),
                                                                         area="511724"),
                                 "name": "中断%d" % i, "region": DAZHU, "address": "中断路"})
            if r.status != 201:
                raise AssertionError("expected 201 creating a person: %s" % r.summary())
        cls.server.proc.send_signal(signal.SIGTERM)
        cls.server.proc.wait(timeout=10)

    @classmethod
    def tearDownClass(cls):
        problem = cls.server.stop()
        if problem:
            raise AssertionError(problem)

    def rows(self, sql):
        return harness.db_rows(self.server.db, sql)

    def cli(self, *extra):
        return harness.run_cli(["subsidy", "run", "--scheme", GAOLING["id"], "--period",
                                "2025-07", "--region", DAZHU] + list(extra), self.server.db)

    def test_abort_on_second_line(self):
        harness.add_failing_trigger(self.server.db, "test_abort_second", "ledger",
                                    "(SELECT count(*) FROM ledger) >= 1",
                                    "test: second ledger line refused")
        p = self.cli()
        self.assertNotEqual(p.returncode, 0, "run aborted at the second line: expected a "
                            "non-zero exit; stdout %r" % p.stdout[:300])
        self.assertEqual(self.rows("SELECT count(*) FROM ledger"), [(0,)],
                         "aborted run: expected no ledger line (the first one rolled back)")
        self.assertEqual(self.rows("SELECT count(*) FROM subsidy_run"), [(0,)],
                         "aborted run: expected no subsidy_run row")
        harness.drop_trigger(self.server.db, "test_abort_second", "ledger")
        p = self.cli("--json")
        self.assertEqual(p.returncode, 0, "without the trigger: expected the run to succeed: %r"
                         % p.stderr[-300:])
        self.assertEqual(json.loads(p.stdout)["lines"], 3, "without the trigger: expected 3 lines")
        self.assertEqual(self.rows("SELECT count(*), sum(amount_fen) FROM ledger"),
                         [(3, 6000 + 12000 + 60000)],
                         "without the trigger: expected 3 lines of 6000 + 12000 + 60000 fen")


# --------------------------------------------------------------------------
# 9. Roles and refusals


class RolesTest(SubsidyCase):
    def test_roles_that_may_not_run_or_read(self):
        per = "2025-04"
        t = self.township("权限")
        self.person("权限老人", born_aged(85, age_day(GAOLING, per)), t)
        self.pay(GAOLING["id"], per, t)
        (line,) = self.ledger(scheme=GAOLING["id"], period=per, region=t)["items"]
        before = self.counts()
        body = {"scheme": GAOLING["id"], "period": per, "region": DAZHU}
        for name in ("sb_viewer", "sb_operator", "sb_dept"):
            c = self.w.clients[name]
            self.assertError(c.post(RUNS, body), 403, what="%s runs: expected 403" % name)
            self.assertError(c.post(RUNS, dict(body, dry_run=True)), 403,
                             what="%s dry run: expected 403" % name)
            self.assertError(c.get(LEDGER, params={"region": DAZHU}), 403,
                             what="%s reads the ledger: expected 403" % name)
            self.assertError(c.get(LEDGER, params={"format": "csv"}), 403,
                             what="%s reads the bank CSV: expected 403" % name)
            self.assertError(c.post("%s/%d/reverse" % (LEDGER, line["id"]), {"reason": "x"}),
                             403, what="%s reverses: expected 403" % name)
        other = self.w.clients["sb_bazhou"]
        self.assertDenied(other.post(RUNS, body), what="巴州区 official runs 大竹: expected 403/404")
        self.assertDenied(other.get(LEDGER, params={"region": DAZHU}),
                          what="巴州区 official reads 大竹's ledger: expected 403/404")
        self.assertDenied(other.get(LEDGER, params={"region": DAZHU, "format": "csv"}),
                          what="巴州区 official reads 大竹's bank CSV: expected 403/404")
        self.assertDenied(other.post("%s/%d/reverse" % (LEDGER, line["id"]), {"reason": "越权"}),
                          what="巴州区 official reverses a 大竹 line: expected 403/404")
        own = other.get(LEDGER)
        self.assertStatus(own, 200, "巴州区 official reads its own ledger: expected 200")
        self.assertNotIn(line["id"], [l["id"] for l in own.json["items"]],
                         "巴州区 official's ledger: expected no 大竹 line")
        self.assertEqual(self.counts(), before, "refused requests: expected nothing written")
        self.assertError(harness.Client(self.server).post(RUNS, body), 401,
                         what="no session: expected 401")
        # the county's and the city's own officials may
        for name in ("sb_dazhu", "sb_dazhou"):
            c = self.w.clients[name]
            out = self.pay(GAOLING["id"], per, t, dry=True, client=c,
                           what="%s dry-runs 大竹: expected 200" % name)
            self.assertEqual(out["lines"], 0, "%s: expected 0 lines (already paid)" % name)
            items = self.ledger(client=c, scheme=GAOLING["id"], period=per)["items"]
            self.assertIn(line["id"], [l["id"] for l in items],
                          "%s: expected to see the 大竹 line" % name)

    def test_bad_scheme_and_period(self):
        def run(**body):
            b = {"scheme": GAOLING["id"], "period": "2025-05", "region": DAZHU}
            b.update(body)
            return self.admin.post(RUNS, {k: v for k, v in b.items() if v is not None})
        before = self.counts()
        self.assertError(run(scheme="dazhu.no_such_scheme"), 422, field="scheme",
                         what="unknown scheme: expected 422 scheme")
        self.assertError(run(scheme=None), 422, field="scheme",
                         what="no scheme: expected 422 scheme")
        self.assertError(run(scheme=BAZHONG_BEDS["id"]), 422, field="scheme",
                         what="a 巴中 scheme for 大竹: expected 422 scheme")
        self.assertError(run(period="2025"), 422, field="period",
                         what="monthly scheme with a year: expected 422 period")
        self.assertError(run(period="2025Q2"), 422, field="period",
                         what="monthly scheme with a quarter: expected 422 period")
        self.assertError(run(period="2025-13"), 422, field="period",
                         what="month 13: expected 422 period")
        self.assertError(run(period=None), 422, field="period",
                         what="no period: expected 422 period")
        self.assertError(run(region=None), (400, 422), field="region",
                         what="no region: expected 400/422 region")
        self.assertError(run(region="511724999000"), (404, 422), field="region",
                         what="unknown region: expected 404/422 region")
        self.assertError(run(amount=1), 422, what="unknown key: expected 422")
        self.assertEqual(self.counts(), before, "refused runs: expected nothing written")


# --------------------------------------------------------------------------
# 10. The CLI


class CliTest(SubsidyCase):
    KEYS = {"scheme", "period", "region", "dry_run", "run_id", "evaluated", "eligible",
            "due_fen", "lines", "lines_fen", "lines_yuan", "by_region", "by_amount",
            "lines_preview", "exceptions", "exceptions_count", "warnings", "offsets",
            "offsets_fen", "budget", "without_account", "without_account_count"}

    def cli(self, *args):
        p = harness.run_cli(["subsidy", "run"] + list(args), self.server.db)
        return p, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")

    def test_cli_ledger_list_export_and_reverse(self):
        """subsidy ledger (table, --json, --csv) shows what the API shows and
        the database holds; subsidy reverse books the opposite amount once."""
        per = "2025-11"
        t = self.township("命令行台账")
        d = age_day(GAOLING, per)
        people = [self.person("台账%d" % a, born_aged(a, d), t) for a in (86, 93)]
        want = {p["id"]: gaoling_fen(p["birth"], per) for p in people}
        p, out, err = self.cli("--scheme", GAOLING["id"], "--period", per, "--region", t)
        self.assertEqual(p.returncode, 0, err)
        sel = ["--scheme", GAOLING["id"], "--period", per, "--region", t]

        def ledger_cli(*extra):
            q = harness.run_cli(["subsidy", "ledger"] + sel + list(extra), self.server.db)
            self.assertEqual(q.returncode, 0, q.stderr.decode())
            return q.stdout.decode("utf-8")

        doc = json.loads(ledger_cli("--json"))
        api = self.ledger(scheme=GAOLING["id"], period=per, region=t)
        self.assertEqual(doc["items"], api["items"], "the CLI's ledger is the API's")
        self.assertEqual({l["beneficiary_id"]: l["fen"] for l in doc["items"]}, want)
        rows = list(csv.DictReader(io.StringIO(ledger_cli("--csv").lstrip("\ufeff"))))
        db = dict(harness.db_rows(self.server.db,
                                  "SELECT id, amount_fen FROM ledger WHERE scheme = ? AND"
                                  " period = ? AND region = ?", (GAOLING["id"], per, t)))
        self.assertEqual({int(r["id"]): Decimal(r["yuan"]) * 100 for r in rows},
                         {i: Decimal(f) for i, f in db.items()},
                         "every line in the CSV, its amount in yuan exactly the ledger's")
        text = ledger_cli()
        self.assertIn("共2笔，合计%s元" % yuan_text(sum(want.values())), text)

        line = doc["items"][0]
        q = harness.run_cli(["subsidy", "reverse", "--line", str(line["id"])], self.server.db)
        self.assertEqual(q.returncode, 1, "a reversal needs a reason")
        self.assertIn("reason", q.stderr.decode())
        q = harness.run_cli(["subsidy", "reverse", "--line", str(line["id"]), "--reason",
                             "重复发放"], self.server.db)
        self.assertEqual(q.returncode, 0, q.stderr.decode())
        self.assertEqual(harness.db_rows(self.server.db,
                                         "SELECT kind, amount_fen FROM ledger WHERE reverses = ?",
                                         (line["id"],)), [("reversal", -line["fen"])])
        q = harness.run_cli(["subsidy", "reverse", "--line", str(line["id"]), "--reason",
                             "再次冲正"], self.server.db)
        self.assertNotEqual(q.returncode, 0, "a line is reversed once")
        self.assertEqual(harness.db_rows(self.server.db,
                                         "SELECT count(*) FROM ledger WHERE reverses = ?",
                                         (line["id"],)), [(1,)])

    def test_cli_run_json_and_second_run(self):
        per = "2025-12"
        t = self.township("命令行")
        d = age_day(GAOLING, per)
        people = [self.person("命令行%d" % a, born_aged(a, d), t) for a in (85, 92, 101, 79)]
        want = {p["id"]: gaoling_fen(p["birth"], per) for p in people}
        want = {i: f for i, f in want.items() if f}
        args = ["--scheme", GAOLING["id"], "--period", per, "--region", t]
        before = self.counts()
        p, out, err = self.cli(*args, "--dry-run", "--json")
        self.assertEqual(p.returncode, 0, "CLI --dry-run --json: expected exit 0: %s" % err)
        doc = json.loads(out)
        self.assertEqual(set(doc), self.KEYS, "CLI --json: expected exactly the run summary keys")
        self.assertEqual((doc["dry_run"], doc["lines"], doc["lines_fen"]),
                         (True, 3, sum(want.values())),
                         "CLI dry run: expected 3 lines of %d fen reported" % sum(want.values()))
        self.assertEqual(self.counts(), before, "CLI dry run: expected nothing written")

        p, out, err = self.cli(*args, "--json")
        self.assertEqual(p.returncode, 0, "CLI --json: expected exit 0: %s" % err)
        doc = json.loads(out)
        self.assertEqual(set(doc), self.KEYS, "CLI --json: expected the run summary keys")
        self.assertEqual((doc["scheme"], doc["period"], doc["region"], doc["dry_run"]),
                         (GAOLING["id"], per, t, False),
                         "CLI --json: expected scheme/period/region")
        self.assertEqual((doc["evaluated"], doc["eligible"], doc["lines"], doc["lines_fen"],
                          doc["lines_yuan"]),
                         (read_by_run([p["birth"] for p in people], per), 3, 3, sum(want.values()),
                          yuan_text(sum(want.values()))),
                         "CLI --json: expected those who could reach 80 evaluated, 3 eligible, "
                         "3 lines of 780 元")
        self.assertEqual({l["beneficiary_id"]: l["fen"] for l in doc["lines_preview"]}, want,
                         "CLI --json: expected the payments in the preview")
        led = self.ledger(scheme=GAOLING["id"], period=per, region=t)["items"]
        self.assertEqual({l["beneficiary_id"]: l["fen"] for l in led}, want,
                         "after the CLI run: expected the ledger the API reads to hold them")
        self.assertEqual({l["run_id"] for l in led}, {doc["run_id"]},
                         "expected the lines to carry the CLI run's id")

        p, out, err = self.cli(*args)
        self.assertEqual(p.returncode, 0, "CLI second run: expected exit 0: %s" % err)
        self.assertRegex(out, r"\b0 lines\b",
                         "CLI second run: expected '0 lines' printed: %r" % out)
        p, out, err = self.cli(*args, "--json")
        self.assertEqual(json.loads(out)["lines"], 0, "CLI third run --json: expected lines 0")
        self.assertEqual(self.counts()[0], before[0] + 3, "expected only the first run's 3 lines")

        p, out, err = self.cli("--scheme", "dazhu.no_such", "--period", per, "--region", t)
        self.assertNotEqual(p.returncode, 0, "CLI unknown scheme: expected a non-zero exit")
        p, out, err = self.cli("--scheme", GAOLING["id"], "--period", "2025", "--region", t)
        self.assertNotEqual(p.returncode, 0, "CLI monthly scheme with a year: expected non-zero")
