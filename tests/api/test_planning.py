"""Planning (module 6): demand and gap from the seeds' own numbers (开州,
景德镇, 巴中), surplus, projection, the residential-development check,
staffing (caregivers by care level, internal-clinic rules, childcare size
classes), the 15-minute coverage circle against a brute-force great-circle
computation, residential points import (all or nothing), the CLI, and region
scope.

Expected numbers are computed here from the seed figures (quoted next to
them, see docs/planning-seeds.md), never read back from the server."""

import csv
import io
import json
import math
import os
import random
import re
import shutil
import tempfile
import unittest
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import harness
from harness import ApiTestCase, childcare_body, facility_body, login_as, make_city

REPO = os.path.normpath(os.path.join(harness.HERE, "..", ".."))
POLICY_DIR = os.path.join(REPO, "policies")
PASSWORD = "correct horse battery"

BAZHONG = "511900000000"     # 巴中市, seed 000
BAZHOU = "511902000000"      # 巴州区 (under 巴中市: inherits its standards)
ENYANG = "511903000000"      # 恩阳区 (under 巴中市)
TONGJIANG = "511921000000"   # 通江县 (under 巴中市)
NANJIANG = "511922000000"    # 南江县
PINGCHANG = "511923000000"   # 平昌县
DAZHOU = "511700000000"      # 达州市, seed 003
DAZHU = "511724000000"       # 大竹县, seed 001
ZHUYANG = "511724001000"     # 竹阳街道 (township of 大竹县)
KAIZHOU = "500154000000"     # 开州区, seed 002
JINGDEZHEN = "360200000000"  # 景德镇市, seed 004
CHANGJIANG = "360202000000"  # 昌江区 (under 景德镇市)
ZHUSHAN = "360203000000"     # 珠山区 (under 景德镇市)

EARTH_RADIUS_M = 6371008.8   # the sphere of the contract (docs/api.md, geo.h)
DEFAULT_REACH_M = 1000       # docs/policy.md: coverage_reach_m default 1000

PLAN = "/api/v1/plan/"


def tearDownModule():
    harness.stop_module_server(__name__)


def half_away(x, places=0):
    """四舍五入 of an exact number (a Fraction, an int, or a float read as
    its shortest decimal form): a whole number for places 0."""
    if not isinstance(x, (int, Fraction)):
        x = Fraction(repr(float(x)))
    q = Decimal(1).scaleb(-places)
    d = (Decimal(x.numerator) / Decimal(x.denominator)).quantize(q, rounding=ROUND_HALF_UP)
    return int(d) if places == 0 else d


FIGURE = re.compile(r"-?\d+(\.\d+)?")


def figure(v, what="figure"):
    """An exact figure of the API as a Fraction: a decimal string or a
    whole number; a JSON real (a float here) is refused."""
    if isinstance(v, bool) or not isinstance(v, (int, str)):
        raise AssertionError("%s: %r is not a decimal string" % (what, v))
    if isinstance(v, str) and not FIGURE.fullmatch(v):
        raise AssertionError("%s: %r is not a plain decimal" % (what, v))
    return Fraction(v)


def haversine_m(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def cited(text):
    """text as the API sends it: each seed file name replaced by 《the
    plan's title》 (the files' "seed" and "document"), spaces after it
    dropped."""
    for name in os.listdir(POLICY_DIR):
        if name.endswith(".json"):
            with open(os.path.join(POLICY_DIR, name), encoding="utf-8") as f:
                doc = json.load(f)
            text = re.sub(re.escape(doc["seed"]) + " *", "《%s》" % doc["document"], text)
    return text


def clinic_rule_sources(jurisdiction):
    """The `source` texts of a policy file's clinic_rules, read from the
    file, as the API cites them."""
    for name in os.listdir(POLICY_DIR):
        if name.startswith(jurisdiction) and name.endswith(".json"):
            with open(os.path.join(POLICY_DIR, name), encoding="utf-8") as f:
                doc = json.load(f)
            return [cited(r["source"]) for r in doc["planning"]["clinic_rules"]]
    raise AssertionError("no policy file for %s" % jurisdiction)


class PlanCase(ApiTestCase):
    """Shortcuts shared by the planning tests."""

    def gap(self, region, year, client=None, **params):
        params = dict(params, region=region, year=year)
        r = (client or self.admin).get(PLAN + "gap", params=params)
        self.assertStatus(r, 200, "GET plan/gap %r" % params)
        doc = r.json
        self.assertEqual((doc.get("region"), doc.get("year")), (region, year),
                         "the response names the region and year asked for")
        return doc

    def check(self, body, client=None, status=200):
        r = (client or self.admin).post(PLAN + "residential-check", body)
        self.assertStatus(r, status, "POST plan/residential-check %r" % body)
        return r.json

    def staffing(self, region, client=None, **params):
        params = dict(params, region=region)
        r = (client or self.admin).get(PLAN + "staffing", params=params)
        self.assertStatus(r, 200, "GET plan/staffing %r" % params)
        self.assertEqual(r.json.get("region"), region)
        return r.json

    def coverage(self, region, client=None, **params):
        params = dict(params, region=region)
        r = (client or self.admin).get(PLAN + "coverage", params=params)
        self.assertStatus(r, 200, "GET plan/coverage %r" % params)
        self.assertEqual(r.json.get("region"), region)
        return r.json

    def assertNumber(self, got, want, what, delta=0):
        """got is an exact figure of the API: a decimal string (or a whole
        number), never a JSON real; equal to want (an int, a Fraction, or
        a float read as the decimal it is written as) exactly, or within
        half a unit of the 4th place when the server had to round it."""
        g = figure(got, what)
        w = want if isinstance(want, (int, Fraction)) else Fraction(repr(want))
        if delta or w * 10000 != int(w * 10000):
            tol = max(Fraction(delta) if delta else 0, Fraction(1, 20000))
            self.assertLessEqual(abs(g - w), tol, "%s: expected %s, got %r"
                                 % (what, float(w), got))
        else:
            self.assertEqual(g, w, "%s: expected %s, got %r" % (what, w, got))

    def assertGapSection(self, sec, need, supply, what, num=None, den=None):
        """need (unrounded), supply, gap kind and amounts, the rounded
        figures with the rule; num/den the working of the need if given."""
        self.assertIsInstance(sec, dict, "%s: a section object" % what)
        self.assertNumber(sec["need"]["value"], need, what + " need (unrounded)")
        if num is not None:
            self.assertNumber(sec["need"]["numerator"], num, what + " need numerator")
            self.assertNumber(sec["need"]["denominator"], den, what + " need denominator")
        self.assertNumber(sec["supply"]["value"], supply, what + " supply")
        need = need if isinstance(need, (int, Fraction)) else Fraction(repr(need))
        g = sec.get("gap")
        self.assertIsInstance(g, dict, "%s: a gap when there is supply: %r" % (what, sec))
        if need > supply:
            self.assertEqual(g["kind"], "shortfall", "%s: need %r > supply %r" % (what, need, supply))
            self.assertEqual(g["label_zh"], "缺口")
            self.assertNumber(g["shortfall"], need - supply, what + " shortfall")
            self.assertEqual(figure(g["surplus"]), 0, what + ": no surplus with a shortfall")
            kind, amount = "shortfall", need - supply
        else:
            self.assertEqual(g["kind"], "surplus", "%s: supply %r >= need %r" % (what, supply, need))
            self.assertEqual(g["label_zh"], "富余", "%s: a surplus is never called 缺口" % what)
            self.assertNumber(g["surplus"], supply - need, what + " surplus")
            self.assertEqual(figure(g["shortfall"]), 0, what + ": no shortfall with a surplus")
            kind, amount = "surplus", supply - need
        self.assertGreaterEqual(figure(g["shortfall"]), 0, what + ": never a negative shortfall")
        self.assertGreaterEqual(figure(g["surplus"]), 0, what + ": never a negative surplus")
        rd = sec.get("rounded")
        self.assertIsInstance(rd, dict, "%s: rounded figures: %r" % (what, sec))
        self.assertEqual(rd.get("need"), half_away(need), "%s: rounded need" % what)
        self.assertEqual(rd.get(kind), half_away(amount), "%s: rounded %s" % (what, kind))
        self.assertIsInstance(rd.get("rule"), str, "%s: the rounding rule is stated" % what)
        self.assertEqual(rd["rule"], "round half up to a whole number", what)
        self.assertEqual(rd["rule_zh"], "四舍五入，取整", "%s: the rule says 四舍五入" % what)
        return g


# --------------------------------------------------------------------------
# 1-5. Demand and gap


class GapTest(PlanCase):
    def test_kaizhou_2021(self):
        # seeds/002 line 18: 常住人口120.33万人, 60岁及以上27.4万人 (2020 census);
        # 按每千名老年人口养老床位达40张; 每千人口拥有3岁以下婴幼儿托位数不少于4.5个.
        # line 13: 养老床位9130张, 托位数1514个 (2021); line 23: 护理型床位占比不低于60%.
        residents, aged, slots, beds, nursing = 1203300, 274000, 1514, 9130, 4930
        doc = self.gap(KAIZHOU, 2021)
        self.assertEqual(doc.get("jurisdiction"), KAIZHOU)
        pop = doc["population"]
        self.assertEqual((figure(pop["residents"]), figure(pop["aged_60"])), (residents, aged),
                         "the census figures of 2020")
        self.assertIs(pop["projection"], False, "a known figure is not a projection")
        for k in ("residents_how", "aged_60_how"):
            self.assertIn("2020", pop[k] or "", "population says the 2020 figure is used: %r" % pop)
        self.assertEqual(doc.get("supply_as_of"), "2021-12-31", "supply at the end of 2021")

        need = residents * 4.5 / 1000
        self.assertAlmostEqual(need, 5414.85, delta=1e-9)
        s = doc["slots"]
        self.assertEqual(s["standard"]["value"], "4.5", "slots standard from the policy")
        g = self.assertGapSection(s, need, slots, "开州 slots 2021", num=residents * 4.5, den=1000)
        self.assertEqual(s["need"]["value"], "5414.85", "the need is served unrounded: 5414.85")
        self.assertEqual(g["shortfall"], "3900.85")
        self.assertEqual(s["rounded"]["shortfall"], 3901, "3900.85 → 3901 (四舍五入)")
        self.assertEqual(s["rounded"]["need"], 5415)

        b = doc["beds"]
        self.assertEqual(b["method"]["value"], "per_1000_aged_60")
        self.assertEqual(b["standard"]["value"], "40", "40 beds per 1000 aged 60+, not the table's 35")
        bneed = aged * 40 / 1000
        self.assertEqual(bneed, 10960)
        self.assertGapSection(b, bneed, beds, "开州 beds 2021", num=aged * 40, den=1000)
        self.assertEqual(b["gap"]["shortfall"], "1830", "10960 − 9130")

        n = doc.get("nursing_beds")
        self.assertIsInstance(n, dict, "nursing beds are planned (nursing_share_percent 60)")
        self.assertEqual(n["standard"]["value"], "60")
        self.assertGapSection(n, bneed * 60 / 100, nursing, "开州 nursing beds 2021")
        self.assertEqual(n["need"]["value"], "6576", "10960 × 60%")
        self.assertEqual(figure(n["gap"]["shortfall"]), 6576 - 4930)

    def test_jingdezhen_2020(self):
        # seeds/004 line 37: 全省30万张; 江西省60岁及以上762.48万人; 全市60岁及以上26.92万
        # (line 35); 需要养老床位数10500张, 现存量为4059张, 缺口为6441张.
        # line 43: 按每千人口托位数4.5个测算, 需要托位7367个, 托位数量为4036个, 缺口数为3331个;
        # 常住人口161.90万 (line 7).
        doc = self.gap(JINGDEZHEN, 2020, stated_beds=10500, stated_slots=7367)
        pop = doc["population"]
        self.assertEqual((pop["residents"], pop["aged_60"]), ("1619000", "269200"))

        b = doc["beds"]
        self.assertEqual(b["method"]["value"], "provincial_share")
        self.assertEqual((b["provincial_target"]["value"], b["province_aged_60"]["value"]),
                         ("300000", "7624800"))
        need = 300000 * 269200 / 7624800
        self.assertAlmostEqual(need, 10591.7532, delta=1e-4)
        # 300000 × 269200 ÷ 7624800 = 33650000/3177, not a finite decimal:
        # served to 4 places, said to be rounded, with its working
        self.assertEqual(b["need"]["value"], "10591.7532")
        self.assertIs(b["need"]["exact"], False)
        self.assertEqual(Fraction(b["need"]["numerator"]) / Fraction(b["need"]["denominator"]),
                         Fraction(33650000, 3177))
        self.assertGapSection(b, need, 4059, "景德镇 beds 2020 (provincial share)")
        self.assertEqual(b["supply"]["element"], "beds.elderly_institution",
                         "supply_beds of the policy: institution beds (现存量4059)")
        st = b.get("stated")
        self.assertIsInstance(st, dict, "stated_beds gives a stated section: %r" % b)
        self.assertEqual(st["need"], 10500)
        self.assertEqual(figure(st["gap"]), 10500 - 4059, "the seed's 缺口为6441张")
        self.assertEqual(st["gap"], "6441")

        s = doc["slots"]
        self.assertGapSection(s, 1619000 * 4.5 / 1000, 4036, "景德镇 slots at the census")
        st = s.get("stated")
        self.assertIsInstance(st, dict, "stated_slots gives a stated section: %r" % s)
        self.assertEqual(st["need"], 7367)
        # the audit: 7,367 stated, 7,285.5 computed, and the basis the
        # stated figure implies, 7367 × 1000 ÷ 4.5 = 1,637,111.1, beside the
        # census 1,619,000
        au = {a["figure"]: a for a in doc["audits"]}["slots_needed"]
        self.assertEqual((au["stated"], au["computed"], au["difference"], au["tolerance"]),
                         ("7367", "7285.5", "-81.5", "0.5"))
        self.assertIs(au["differs"], True)
        bs = au["basis"]
        implied = Fraction(7367 * 1000) / Fraction("4.5")
        self.assertNumber(bs["implied"]["value"], implied, "implied residents")
        self.assertEqual(bs["implied_rounded"], 1637111)
        self.assertEqual(bs["held"], "1619000", "the census stays in the population")
        self.assertNumber(bs["difference"], 1619000 - implied, "held − implied")
        self.assertIs(bs["differs"], True)
        au = {a["figure"]: a for a in doc["audits"]}["beds_needed"]
        self.assertEqual(au["stated"], "10500")
        self.assertIs(au["differs"], True)
        # 10500 × 7624800 ÷ 300000 = 266,868 aged 60+, not the census 269,200
        self.assertEqual((au["basis"]["implied"]["value"], au["basis"]["held"]),
                         ("266868", "269200"))
        self.assertEqual(figure(st["gap"]), 7367 - 4036, "the seed's 缺口数为3331个")
        self.assertEqual(st["gap"], "3331")

    def test_bazhong_2023(self):
        # seeds/000 line 5: 常住人口271.29万人 (census); line 3: 全市现有托位4662个 (2023-05).
        doc = self.gap(BAZHONG, 2023)
        self.assertEqual(doc["population"]["residents"], "2712900")
        self.assertIn("2020", doc["population"]["residents_how"])
        need = 2712900 * 4.5 / 1000
        s = doc["slots"]
        g = self.assertGapSection(s, need, 4662, "巴中 slots 2023")
        self.assertEqual(s["need"]["value"], "12208.05")
        self.assertEqual(g["shortfall"], "7546.05")
        self.assertEqual(s["rounded"]["shortfall"], 7546)
        self.assertEqual(s["rounded"]["need"], 12208)

    def test_surplus_is_a_surplus(self):
        body = {"element": "beds", "region": KAIZHOU, "period": "2022", "value": 20000,
                "source": "api test"}
        self.assertStatus(self.admin.put("/api/v1/reported", body), 200, "PUT reported beds")
        doc = self.gap(KAIZHOU, 2022)
        b = doc["beds"]
        self.assertEqual(b["supply"]["value"], "20000", "the 2022 report is the supply")
        g = self.assertGapSection(b, 274000 * 40 / 1000, 20000, "开州 beds 2022 (surplus)")
        self.assertEqual((g["kind"], g["label_zh"], g["shortfall"], g["surplus"]),
                         ("surplus", "富余", "0", str(20000 - 10960)))
        self.assertEqual(b["need"]["value"], "10960", "the need stays the need, never negative")
        self.assertEqual(b["rounded"].get("surplus"), 9040)
        # 2021 still uses the 2021 figure: a report for 2022 ends after 2021-12-31
        self.assertEqual(self.gap(KAIZHOU, 2021)["beds"]["supply"]["value"], "9130")
        # and so does 2022 with the supply taken as of the end of 2021
        doc = self.gap(KAIZHOU, 2022, as_of="2021-12-31")
        self.assertEqual(doc["supply_as_of"], "2021-12-31")
        self.assertGapSection(doc["beds"], 10960, 9130, "开州 beds 2022 as of 2021-12-31")
        # supply equal to the need is a surplus of 0
        body = dict(body, period="2023", value=10960)
        self.assertStatus(self.admin.put("/api/v1/reported", body), 200, "PUT reported beds")
        g = self.gap(KAIZHOU, 2023)["beds"]["gap"]
        self.assertEqual((g["kind"], g["shortfall"], g["surplus"]), ("surplus", "0", "0"),
                         "supply = need: a surplus of 0, no shortfall")

    def test_missing_and_partial_population(self):
        # A township of 开州 (its standards: 4.5 slots per 1000, 40 beds per
        # 1000 aged 60+) with three villages, residents for one of them and
        # no aged 60+ anywhere: the slots are computed on 1 of 3 villages,
        # said so; the beds name the missing figure, never 0 or (null).
        town = "500154981000"
        self.admin.create_region(town, "缺数测试镇", "township", KAIZHOU)
        for i in (1, 2, 3):
            self.admin.create_region(town[:9] + "%03d" % i, "缺数测试村%d" % i, "village", town)
        # 2019: before 开州's own 2020 census, so 开州's figures stay its own
        self.admin.put_population(town[:9] + "001", 2019, "residents", 2000)
        doc = self.gap(town, 2025)
        pop = doc["population"]
        self.assertEqual(pop["residents"], "2000")
        self.assertEqual(pop["residents_coverage"],
                         {"covered": 1, "children": 3, "text": "1 of 3 villages",
                          "text_zh": "3个村（社区）中1个"})
        self.assertIsNone(pop["aged_60"])
        self.assertEqual(pop["aged_60_missing"]["text_zh"], "缺少2025年60岁及以上人口")
        self.assertEqual(pop["aged_60_missing"]["text"],
                         "no aged_60 figure for 2025 or any year before")
        b = doc["beds"]
        self.assertNotIn("need", b, "no need without the aged 60+")
        self.assertEqual(b["missing"]["text_zh"], "缺少2025年60岁及以上人口")
        self.assertNumber(doc["slots"]["need"]["value"], Fraction(2000 * 45, 10000), "slots")
        text = json.dumps(doc, ensure_ascii=False)
        self.assertNotIn("(null)", text)
        p = harness.run_cli(["plan", "gap", "--region", town, "--year", "2025"],
                            self.server.db)
        out = p.stdout.decode("utf-8")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("no aged_60 figure for 2025 or any year before", out)
        self.assertIn("[sum of 1 of 3 villages only]", out)
        self.assertNotIn("(null)", out)

    def test_absolute_bed_targets(self):
        # The plans' own absolute targets, beside the per-1000 standards:
        # 巴中 seeds/000 第8行 养老床位力争达到2.3万张 (2025), supply 8749
        # (第3行, 2023-05); 大竹 seeds/001 第52行 4500张; 达州 seeds/003 3万张.
        doc = self.gap(BAZHONG, 2025)
        t = doc["beds_target"]
        self.assertEqual((t["standard"]["value"], t["standard"]["year"]), ("23000", 2025))
        self.assertIn("2.3万张", t["standard"]["source"])
        self.assertGapSection(t, 23000, 8749, "巴中 2.3万 target")
        self.assertEqual(t["rounded"]["shortfall"], 23000 - 8749)
        # a county under 巴中 does not take the city's total as its own
        county = "511996000000"
        self.admin.create_region(county, "目标测试县", "county", BAZHONG)
        self.admin.put_population(county, 2020, "residents", 300000)
        self.assertNotIn("beds_target", self.gap(county, 2025))
        # 大竹 and 达州: the target is there, against whatever supply is known
        for region, target in ((DAZHU, "4500"), (DAZHOU, "30000")):
            t = self.gap(region, 2025).get("beds_target")
            self.assertIsInstance(t, dict, region)
            self.assertEqual((t["standard"]["value"], t["standard"]["year"]), (target, 2025))
            self.assertEqual(t["need"]["value"], target)
            if t["gap"]:
                supply = figure(t["supply"]["value"])
                self.assertGapSection(t, int(target), supply, "%s target" % region)
        p = harness.run_cli(["plan", "gap", "--region", BAZHONG, "--year", "2025"],
                            self.server.db)
        out = p.stdout.decode("utf-8")
        self.assertIn("beds target   need 23000, supply 8749", out)
        self.assertIn("shortfall 14251", out)

    def test_stated_figures_of_the_plans(self):
        # 景德镇 states for 2025 (seeds/004 第37、43行) 7367 slots and 10500
        # beds, and for 2020 an occupancy of 34.21% and vacancy of 65.79% of
        # its 2163 public beds with 740 residents.
        doc = self.gap(JINGDEZHEN, 2020)
        occ = doc["occupancy"]["public"]
        self.assertEqual((occ["occupied"], occ["beds"]), ("740", "2163"))
        self.assertEqual(occ["rate_percent"], str(half_away(Fraction(74000, 2163), 2)))
        self.assertEqual((occ["rate_percent"], occ["vacancy_percent"]), ("34.21", "65.79"))
        self.assertEqual(occ["rule_zh"], "四舍五入，保留2位小数")
        au = {a["figure"]: a for a in doc["audits"]}
        self.assertEqual(sorted(au), ["occupancy_percent", "vacancy_percent"])
        for name, stated in (("occupancy_percent", "34.21"), ("vacancy_percent", "65.79")):
            a = au[name]
            self.assertEqual((a["stated"], a["scope"], a["tolerance"], a["differs"]),
                             (stated, "public", "0.005", False), a)
        # 2025: the needs, stated against computed, each with its basis
        doc = self.gap(JINGDEZHEN, 2025)
        au = {a["figure"]: a for a in doc["audits"]}
        self.assertEqual(au["slots_needed"]["stated"], "7367")
        self.assertIs(au["slots_needed"]["differs"], True)
        self.assertEqual(au["slots_needed"]["basis"]["implied_rounded"], 1637111)
        self.assertIn("第43行", au["slots_needed"]["source"])
        self.assertEqual(au["beds_needed"]["basis"]["implied"]["value"], "266868")
        # 开州: 5400 (in hundreds) and 1.1万 (to thousands) agree with 5414.85
        # and 10960 within what they state
        doc = self.gap(KAIZHOU, 2025)
        au = {a["figure"]: a for a in doc["audits"]}
        self.assertEqual((au["slots_needed"]["tolerance"], au["slots_needed"]["differs"]),
                         ("50", False))
        self.assertEqual((au["beds_needed"]["stated"], au["beds_needed"]["tolerance"],
                          au["beds_needed"]["differs"]), ("11000", "500", False))
        # the CLI says it in text too
        p = harness.run_cli(["plan", "gap", "--region", JINGDEZHEN, "--year", "2020",
                             "--stated-beds", "10500"], self.server.db)
        out = p.stdout.decode("utf-8")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("beds_needed 2020: stated 10500, computed 10591.7532", out)
        self.assertIn("implies aged_60 266868", out)
        self.assertIn("held 269200", out)
        self.assertIn("DIFFERS", out)
        self.assertIn("740 of 2163 beds occupied (public): 34.21%, vacancy 65.79%", out)

    def test_bulletin_lists_the_flags(self):
        # The bulletin of 景德镇 for 2025 lists every stated figure that differs
        # beyond its precision: 7367 slots against 7285.5 (basis 1,637,111
        # residents, held 1,619,000) and 10500 beds (basis 266,868 aged 60+);
        # the 2020 occupancy (34.21%) is within its precision and not listed.
        r = self.admin.get("/api/v1/reports/bulletin",
                           params={"region": JINGDEZHEN, "period": "2025", "format": "html"})
        self.assertStatus(r, 200, "bulletin")
        text = r.text
        i = text.index("规划公布数核对")
        section = text[i:]
        for want in ("托位需求", "7367", "7285.5", "-81.5", "±0.5", "常住人口 1637111",
                     "平台所存 1619000，不一致", "养老床位需求", "10500",
                     "60岁及以上人口 266868", "全市需要托位 7367 个"):
            self.assertIn(want, section, "the flag section says %r" % want)
        self.assertNotIn("入住率", section, "34.21% is within its precision")
        self.assertNotIn(".txt", section, "no file name on an official's page")
        self.assertTrue(text.rstrip().endswith("</html>"), "the page is closed once")
        self.assertEqual(text.count("</body>"), 1)
        # 开州's stated figures are within what they state: nothing to flag
        r = self.admin.get("/api/v1/reports/bulletin",
                           params={"region": KAIZHOU, "period": "2025", "format": "html"})
        self.assertStatus(r, 200, "bulletin")
        self.assertIn("均在其表述精度内", r.text)

    def projection_county(self):
        """A county under 达州市 (slots_per_1000 4.5) with residents and aged 60+
        for 2020 and 2022."""
        if getattr(type(self), "_proj", None):
            return type(self)._proj
        code = "511796000000"
        self.admin.create_region(code, "投影测试县", "county", DAZHOU)
        self.admin.put_population(code, 2020, "residents", 400000)
        self.admin.put_population(code, 2022, "residents", 412000)
        self.admin.put_population(code, 2020, "aged_60", 80000)
        self.admin.put_population(code, 2022, "aged_60", 84400)
        type(self)._proj = code
        return code

    def test_projection(self):
        code = self.projection_county()

        def line(v0, v1, year):  # the straight line through (2020, v0) and (2022, v1)
            return v0 + (v1 - v0) * (year - 2020) / (2022 - 2020)

        doc = self.gap(code, 2025, basis="projection")
        pop = doc["population"]
        self.assertEqual(pop["basis"], "projection")
        self.assertIs(pop["projection"], True, "a projected figure is flagged: %r" % pop)
        self.assertNumber(pop["residents"], line(400000, 412000, 2025), "residents 2025 on the line")
        self.assertNumber(pop["aged_60"], line(80000, 84400, 2025), "aged 60+ 2025 on the line")
        self.assertEqual(pop["residents"], "430000")
        self.assertIn("project", pop["residents_how"].lower(), "the how says projected: %r" % pop)
        self.assertNumber(doc["slots"]["need"]["value"], 430000 * 4.5 / 1000,
                          "slots need at the projected population (达州 4.5 per 1000)")
        # between the known years: on the line too, and still a projection
        pop = self.gap(code, 2021, basis="projection")["population"]
        self.assertNumber(pop["residents"], line(400000, 412000, 2021), "2021 between the years")
        self.assertIs(pop["projection"], True)
        # a known year is the figure itself, not a projection
        pop = self.gap(code, 2022, basis="projection")["population"]
        self.assertEqual((pop["residents"], pop["projection"]), ("412000", False))
        # without basis=projection, 2025 uses the 2022 figure as it is
        pop = self.gap(code, 2025)["population"]
        self.assertEqual((pop["residents"], pop["projection"]), ("412000", False))
        self.assertIn("2022", pop["residents_how"])

    def test_year_before_any_data_422(self):
        code = self.projection_county()
        err = self.assertError(self.admin.get(PLAN + "gap", params={"region": code,
                                                                    "year": 2019}),
                               422, field="year", what="year 2019, before any population")
        self.assertIn("2019", err["message"])
        self.assertError(self.admin.get(PLAN + "gap", params={"region": BAZHONG,
                                                              "year": 2010}),
                         422, field="year", what="巴中 2010, before the 2020 census")

    def test_projection_before_any_data_422(self):
        # The brief: a year before any data is 422 naming "year", with
        # basis=projection too: a line drawn backwards from 2020/2022 is not
        # data, and far enough back it gives a negative population.
        code = self.projection_county()
        for year in (2019, 2015, 1990):
            r = self.admin.get(PLAN + "gap", params={"region": code, "year": year,
                                                     "basis": "projection"})
            if r.status == 200:
                pop = r.json.get("population") or {}
                for k in ("residents", "aged_60"):
                    v = pop.get(k)
                    self.assertFalse(isinstance(v, (int, float)) and v < 0,
                                     "basis=projection year %d: a negative %s %r served as "
                                     "200: %s" % (year, k, v, r.summary(600)))
            self.assertError(r, 422, field="year",
                             what="basis=projection, year %d before the first known year "
                                  "2020" % year)

    def test_projection_never_negative(self):
        # A county whose residents fall 400,000 (2020) → 300,000 (2022): the
        # straight line reaches 0 in 2028. A population below zero is no basis
        # for planning: refuse the year (422 naming "year") or stop at 0, but
        # never serve a negative population (and silently drop the need).
        code = "511795000000"
        self.admin.create_region(code, "人口减少测试县", "county", DAZHOU)
        self.admin.put_population(code, 2020, "residents", 400000)
        self.admin.put_population(code, 2022, "residents", 300000)
        doc = self.gap(code, 2026, basis="projection")
        self.assertNumber(doc["population"]["residents"], 400000 - 50000 * 6, "2026 on the line")
        self.assertNumber(doc["slots"]["need"]["value"], 100000 * 4.5 / 1000, "need in 2026")
        r = self.admin.get(PLAN + "gap", params={"region": code, "year": 2030,
                                                 "basis": "projection"})
        if r.status == 200:
            v = r.json["population"]["residents"]
            self.assertGreaterEqual(v, 0, "a projected population below zero served as 200: %s"
                                    % r.summary(500))
            self.assertIn("need", r.json["slots"], "a need at the projected population: %s"
                          % r.summary(500))
        else:
            self.assertError(r, 422, field="year", what="2030: the line is below zero")

    def test_bad_stated_figures(self):
        # On a server of its own, so that a leak LeakSanitizer reports when
        # the server exits is charged to this test, not to the module.
        server = harness.Server(label="plan-stated")
        try:
            a = server.admin()
            for name in ("stated_slots", "stated_beds"):
                for bad in ("-3", "abc"):
                    r = a.get(PLAN + "gap", params={"region": KAIZHOU, "year": 2021,
                                                    name: bad})
                    self.assertError(r, 400, field=name, what="%s=%s" % (name, bad))
            r = a.get(PLAN + "gap", params={"region": KAIZHOU, "year": 2021,
                                            "stated_slots": 5400, "stated_beds": 11000})
            self.assertStatus(r, 200, "good stated figures")
            self.assertEqual((r.json["slots"]["stated"]["gap"], r.json["beds"]["stated"]["gap"]),
                             (str(5400 - 1514), str(11000 - 9130)), "开州's own 5400 and 1.1万")
        finally:
            problem = server.stop()
        if problem:
            lines = [l.strip() for l in problem.splitlines()
                     if "SUMMARY" in l or "plan_gap" in l or "planning.c" in l]
            self.fail("the server leaks after refusing a bad stated_slots or stated_beds "
                      "(GET plan/gap?region=%s&year=2021&stated_slots=-3 → 400): %s"
                      % (KAIZHOU, "; ".join(dict.fromkeys(lines)) or problem[-1500:]))

    def test_gap_errors(self):
        a = self.admin
        self.assertError(a.get(PLAN + "gap", params={"region": "511998000000", "year": 2021}),
                         404, what="a region that does not exist")
        self.assertError(a.get(PLAN + "gap", params={"region": KAIZHOU}), 400, field="year",
                         what="year missing")
        self.assertError(a.get(PLAN + "gap", params={"region": KAIZHOU, "year": "20x1"}), 400,
                         field="year", what="year not a number")
        self.assertError(a.get(PLAN + "gap", params={"year": 2021}), 400, field="region",
                         what="region missing")
        self.assertError(a.get(PLAN + "gap", params={"region": KAIZHOU, "year": 2021,
                                                     "basis": "census"}),
                         400, field="basis", what="unknown basis")
        self.assertError(a.get(PLAN + "gap", params={"region": KAIZHOU, "year": 2021,
                                                     "colour": "red"}),
                         400, field="colour", what="unknown parameter")
        self.assertError(harness.Client(self.server).get(
            PLAN + "gap", params={"region": KAIZHOU, "year": 2021}), 401, what="no session")


# --------------------------------------------------------------------------
# 6. Residential development check


class ResidentialCheckTest(PlanCase):
    # seeds/000: 每100户不低于30平方米、单处用房建筑面积不低于300平方米 (line 327);
    # 新建居住区每千人口不少于10个托位, 老城区不少于8个 (line 266); 人均用地不少于0.1平方米 (256).
    HOUSEHOLDS, RESIDENTS = 2000, 6000
    FLOOR = 2000 * 30 / 100        # 600 m²
    SINGLE = 300                   # m²
    SLOTS_NEW = 6000 * 10 / 1000   # 60
    SLOTS_OLD = 6000 * 8 / 1000    # 48
    LAND = 6000 * 0.1              # 600 m²

    def body(self, **over):
        b = {"region": BAZHOU, "households": self.HOUSEHOLDS, "residents": self.RESIDENTS,
             "district": "new", "floor_m2": self.FLOOR, "largest_facility_m2": self.SINGLE,
             "slots": self.SLOTS_NEW, "land_m2": self.LAND}
        b.update(over)
        return b

    def rules(self, doc):
        rules = doc.get("rules")
        self.assertIsInstance(rules, list)
        by = {r["rule"]: r for r in rules}
        self.assertEqual(sorted(by), ["childcare_slots", "floor_area", "land", "single_facility"],
                         "the four rules: %r" % rules)
        return by

    def assertRule(self, r, verdict, required, provided=None, what=""):
        self.assertEqual(r["verdict"], verdict, "%s: %s expected %s: %r"
                         % (what, r["rule"], verdict, r))
        if required is None:
            self.assertIsNone(r["required"], "%s: %s not applicable: no requirement"
                              % (what, r["rule"]))
        else:
            self.assertNumber(r["required"], required, "%s: %s required" % (what, r["rule"]))
        if provided is not None:
            self.assertNumber(r["provided"], provided, "%s: %s provided" % (what, r["rule"]))

    def test_bazhou_new_district_at_the_standard(self):
        self.assertEqual((self.FLOOR, self.SLOTS_NEW, self.LAND), (600, 60, 600))
        doc = self.check(self.body())
        self.assertEqual((doc["region"], doc["district"], doc["households"], doc["residents"]),
                         (BAZHOU, "new", 2000, 6000))
        by = self.rules(doc)
        want = {"floor_area": (self.FLOOR, "30"), "single_facility": (self.SINGLE, "300"),
                "childcare_slots": (self.SLOTS_NEW, "10"), "land": (self.LAND, "0.1")}
        for name, (req, std) in want.items():
            self.assertRule(by[name], "pass", req, req, "巴州区 new, exactly the requirement")
            self.assertEqual(by[name]["standard"]["value"], std,
                             "%s: 巴州区 inherits 巴中's standard %s" % (name, std))
            self.assertIn("《巴中市“一老一小”整体解决方案》", by[name]["standard"]["source"], "巴中's plan, by its title, is the source")
        self.assertEqual((doc["failed"], doc["applicable"]), (0, 4))

    def test_bazhou_new_district_just_below(self):
        provided = {"floor_area": ("floor_m2", self.FLOOR), "land": ("land_m2", self.LAND),
                    "childcare_slots": ("slots", self.SLOTS_NEW),
                    "single_facility": ("largest_facility_m2", self.SINGLE)}
        for name, (key, req) in provided.items():
            with self.subTest(rule=name):
                below = req - 0.01 if key != "slots" else req - 1
                doc = self.check(self.body(**{key: below}))
                by = self.rules(doc)
                self.assertRule(by[name], "fail", req, below, "%s just below" % key)
                for other in by:
                    if other != name:
                        self.assertEqual(by[other]["verdict"], "pass",
                                         "%s below fails only %s: %r" % (key, name, by[other]))
                self.assertEqual((doc["failed"], doc["applicable"]), (1, 4))
        # nothing provided: every rule is "not given" (未填写), none failed
        doc = self.check({"region": BAZHOU, "households": 2000, "residents": 6000,
                          "district": "new"})
        self.assertEqual((doc["failed"], doc["applicable"], doc["not_given"]), (0, 4, 4))
        for r in doc["rules"]:
            self.assertEqual((r["verdict"], r["verdict_label"], r["provided"]),
                             ("not_given", "未填写", None), "a blank amount: %r" % r)
        # a blank land area, given as null or "", is not given; a 0 is a 0
        for blank in (None, ""):
            by = self.rules(self.check(self.body(land_m2=blank)))
            self.assertEqual((by["land"]["verdict"], by["land"]["provided"]),
                             ("not_given", None), "land_m2 %r" % (blank,))
        by = self.rules(self.check(self.body(land_m2=0)))
        self.assertEqual((by["land"]["verdict"], by["land"]["provided"]), ("fail", "0"))
        # 6050 residents need 60.5 slots: 60 fails, 61 passes (no rounding of the requirement)
        by = self.rules(self.check(self.body(residents=6050, slots=60, land_m2=605)))
        self.assertRule(by["childcare_slots"], "fail", 6050 * 10 / 1000, 60, "6050 residents")
        by = self.rules(self.check(self.body(residents=6050, slots=61, land_m2=605)))
        self.assertRule(by["childcare_slots"], "pass", 60.5, 61, "6050 residents")

    def test_bazhou_old_district(self):
        doc = self.check(self.body(district="old", slots=self.SLOTS_OLD))
        by = self.rules(doc)
        self.assertEqual(self.SLOTS_OLD, 48)
        self.assertRule(by["childcare_slots"], "pass", 48, 48, "old district, 8 per 1000")
        self.assertEqual(by["childcare_slots"]["standard"]["value"], "8")
        self.assertRule(by["land"], "pass", self.LAND, self.LAND, "old district land")
        for name in ("floor_area", "single_facility"):
            self.assertRule(by[name], "not_applicable", None, what="old district " + name)
        self.assertEqual((doc["failed"], doc["applicable"]), (0, 2))
        by = self.rules(self.check(self.body(district="old", slots=47)))
        self.assertRule(by["childcare_slots"], "fail", 48, 47, "old district, one slot short")

    def test_jingdezhen(self):
        # seeds/004 line 270: 新建…每百户不少于20平方米; line 87: 新建…每千人口规划托位数10个,
        # 老城区…逐步完善 (no figure); no single-site minimum, no land standard.
        doc = self.check(self.body(region=JINGDEZHEN, district="old"))
        by = self.rules(doc)
        for name in by:
            self.assertRule(by[name], "not_applicable", None, what="景德镇 old " + name)
        self.assertIsNone(by["childcare_slots"]["standard"],
                          "景德镇 states no old-district childcare figure")
        self.assertEqual((doc["failed"], doc["applicable"]), (0, 0))
        doc = self.check(self.body(region=JINGDEZHEN, district="new", floor_m2=2000 * 20 / 100,
                                   largest_facility_m2=300))
        by = self.rules(doc)
        self.assertRule(by["floor_area"], "pass", 400, 400, "景德镇 new: 20 per 100 households")
        self.assertEqual(by["floor_area"]["standard"]["value"], "20")
        self.assertRule(by["childcare_slots"], "pass", 60, 60, "景德镇 new: 10 per 1000")
        self.assertRule(by["single_facility"], "not_applicable", None, what="景德镇 single site")
        self.assertRule(by["land"], "not_applicable", None, what="景德镇 land")
        self.assertEqual((doc["failed"], doc["applicable"]), (0, 2))
        by = self.rules(self.check(self.body(region=JINGDEZHEN, district="new", floor_m2=399.99,
                                             largest_facility_m2=300)))
        self.assertRule(by["floor_area"], "fail", 400, 399.99, "景德镇 new, floor just below")

    def test_fractional_counts_422(self):
        # Households and residents are counts: the server itself says "'residents'
        # must be a whole number from 0 to 1000000000000" for 1e13, so 2000.5
        # households must not be cut to 2000 (which needs 600 m², not 600.15).
        for field, value in (("households", 2000.5), ("residents", 6000.7)):
            with self.subTest(field=field):
                r = self.admin.post(PLAN + "residential-check", self.body(**{field: value}))
                self.assertError(r, 422, field=field, what="%s %r, not a whole number"
                                 % (field, value))

    def test_bad_inputs(self):
        good = self.body()
        cases = [
            ("negative households", dict(good, households=-1), "households"),
            ("households as words", dict(good, households="two thousand"), "households"),
            ("households with an exponent", dict(good, households="2e3"), "households"),
            ("missing residents", {k: v for k, v in good.items() if k != "residents"},
             "residents"),
            ("missing households", {k: v for k, v in good.items() if k != "households"},
             "households"),
            ("district x", dict(good, district="x"), "district"),
            ("district missing", {k: v for k, v in good.items() if k != "district"},
             "district"),
            ("negative slots", dict(good, slots=-5), "slots"),
            ("unknown field", dict(good, parking_spaces=300), "parking_spaces"),
            ("largest site above the floor area", dict(good, floor_m2=200,
                                                       largest_facility_m2=300),
             "largest_facility_m2"),
        ]
        for what, body, field in cases:
            with self.subTest(case=what):
                self.assertError(self.admin.post(PLAN + "residential-check", body), 422,
                                 field=field, what=what)
        self.assertError(self.admin.post(PLAN + "residential-check",
                                         dict(good, region="511998000000")),
                         404, what="a region that does not exist")
        self.assertError(self.admin.post(PLAN + "residential-check", [good]), (400, 422),
                         what="a JSON array instead of an object")


# --------------------------------------------------------------------------
# 7. Staffing


# seeds/001 line 324: 全自理老年人10:1、半失能老年人6:1、全失能老年人3:1
DAZHU_RATIOS = (10, 6, 3)


def caregivers_needed(levels, ratios=DAZHU_RATIOS):
    """Rounded up per care level, then summed."""
    return sum(math.ceil(Fraction(n, r)) for n, r in zip(levels, ratios))


class StaffingTest(PlanCase):
    def institution(self, region, name, beds, levels=(0, 0, 0), caregivers=0,
                    integrated=False, clinic=False, ownership="public", occupied=None,
                    kind="elderly_institution"):
        body = facility_body(region, name=name, kind=kind, beds=beds, nursing_beds=0,
                             occupied_beds=sum(levels) if occupied is None else occupied,
                             residents_selfcare=levels[0], residents_partly=levels[1],
                             residents_disabled=levels[2], caregivers=caregivers,
                             medical_integration=integrated, internal_clinic=clinic,
                             ownership=ownership,
                             operation="private_run" if ownership == "private"
                             else "public_private",
                             profit="forprofit" if ownership == "private" else "nonprofit")
        return self.admin.create_facility(body)

    def test_dazhu_caregivers_and_clinics(self):
        # seeds/001 line 274: 全县100张以上床位的养老机构，除与医疗机构整合设置的，应内设医疗机构
        self.assertEqual(caregivers_needed((25, 14, 7)), 9, "3 + 3 + 3, not ceil(7.17) = 8")
        # name: (region, beds, levels, on staff, integrated, has clinic, clinic required)
        spec = {
            "大竹甲养老院": (DAZHU, 120, (25, 14, 7), 8, False, False, True),
            "大竹乙养老院": (DAZHU, 99, (10, 6, 3), 3, False, False, False),
            "大竹丙养老院": (ZHUYANG, 100, (31, 13, 10), 12, False, False, True),
            "大竹丁医养院": (DAZHU, 100, (0, 0, 0), 0, True, False, False),
            "大竹戊养老院": (ZHUYANG, 150, (9, 5, 2), 2, False, True, True),
        }
        ids = {}
        for name, (reg, beds, lv, staff, integ, clinic, _) in spec.items():
            ids[self.institution(reg, name, beds, lv, staff, integ, clinic)["id"]] = name
        # a day-care centre is not an institution: not staffed by these rules
        self.admin.create_facility(facility_body(DAZHU, name="大竹日间照料中心",
                                                 kind="day_care_center", beds=120,
                                                 occupied_beds=50, residents_selfcare=50,
                                                 medical_integration=False))
        doc = self.staffing(DAZHU)
        insts = {i["name"]: i for i in doc["institutions"]}
        self.assertEqual(sorted(insts), sorted(spec),
                         "the open elderly-care institutions of 大竹县 and its township")
        total_needed = total_staff = missing = 0
        for name, (reg, beds, lv, staff, integ, clinic, required) in spec.items():
            with self.subTest(institution=name):
                i = insts[name]
                self.assertEqual(ids.get(i["id"]), name)
                self.assertEqual(i["beds"], beds)
                cg = i["caregivers"]
                want = caregivers_needed(lv)
                self.assertEqual(cg["residents"], list(lv))
                for got, n, r in zip(cg["exact"], lv, DAZHU_RATIOS):
                    self.assertNumber(got, n / r, "%s exact %d/%d" % (name, n, r))
                self.assertEqual(cg["needed"], want, "%s: Σ ceil(level/ratio) of %r" % (name, lv))
                self.assertEqual(cg["on_staff"], staff)
                self.assertEqual(cg["shortfall"], max(0, want - staff))
                c = i["clinic"]
                self.assertEqual(c["required"], required,
                                 "%s: %d beds, integrated %s → clinic required %s"
                                 % (name, beds, integ, required))
                self.assertEqual(c["has"], clinic)
                self.assertEqual(c["missing"], required and not clinic)
                if required:
                    self.assertEqual(c["rule"], clinic_rule_sources(DAZHU)[0],
                                     "the rule that applies, with its source")
                total_needed += want
                total_staff += staff
                missing += required and not clinic
        self.assertEqual(total_needed, 9 + 3 + 11 + 0 + 3)
        self.assertEqual(doc["caregivers"]["needed"], total_needed, "total Σ per institution")
        self.assertEqual(doc["caregivers"]["on_staff"], total_staff)
        self.assertEqual(doc["clinics_missing"], missing)
        self.assertEqual(missing, 2, "甲 (120 beds) and 丙 (100 beds) lack a clinic")

    def test_jingdezhen_clinic_rules(self):
        # seeds/004 line 281: 入住50人以上的公办…和设置床位、托位150张以上的民办…应内设医务室或护理站
        public_src, private_src = clinic_rule_sources(JINGDEZHEN)
        # name: (region, ownership, beds, residents (occupied), required, rule source)
        spec = {
            "景德镇公办49人": (ZHUSHAN, "public", 80, 49, False, None),
            "景德镇公办50人": (ZHUSHAN, "public", 80, 50, True, public_src),
            "景德镇公办200床10人": (CHANGJIANG, "public", 200, 10, False, None),
            "景德镇民办149床": (CHANGJIANG, "private", 149, 10, False, None),
            "景德镇民办150床": (ZHUSHAN, "private", 150, 10, True, private_src),
            "景德镇国企200床120人": (CHANGJIANG, "state_owned", 200, 120, False, None),
        }
        for name, (reg, own, beds, occ, _, _) in spec.items():
            # integrated (facility_body's default): 景德镇 grants no exemption for it
            self.institution(reg, name, beds, ownership=own, occupied=occ, integrated=True)
        doc = self.staffing(JINGDEZHEN)
        insts = {i["name"]: i for i in doc["institutions"]}
        self.assertEqual(sorted(insts), sorted(spec))
        for name, (reg, own, beds, occ, required, src) in spec.items():
            with self.subTest(institution=name):
                c = insts[name]["clinic"]
                self.assertEqual(c["required"], required,
                                 "%s: %s, %d beds, %d residents → required %s"
                                 % (name, own, beds, occ, required))
                self.assertEqual(c["missing"], required)
                if required:
                    self.assertEqual(c["rule"], src, "%s: the rule that applies" % name)
        self.assertEqual(doc["clinics_missing"], 2)
        self.assertIsNone(doc["caregivers"], "景德镇 states no caregiver ratios")

    def test_bazhong_childcare_size_classes(self):
        # seeds/000 line 3: 超过150个托位的超大型托育机构1家、100-150个的大型托育机构5家、
        # 51-99个的中型托育机构7家，50个以下的托育机构6家 (19 in all)
        slots = [151,                               # > 150
                 150, 100, 120, 135, 101,           # 100–150
                 99, 51, 60, 75, 88, 52, 98,        # 51–99
                 50, 1, 20, 30, 45, 49]             # ≤ 50
        bands = [("超大型", 151, None), ("大型", 100, 150), ("中型", 51, 99), ("小型", 0, 50)]

        def band_of(n):
            return [b for b, lo, hi in bands if n >= lo and (hi is None or n <= hi)]

        want = [sum(1 for n in slots if band_of(n) == [b]) for b, _, _ in bands]
        self.assertEqual(want, [1, 5, 7, 6])
        counties = [BAZHOU, ENYANG, TONGJIANG, NANJIANG, PINGCHANG]
        for i, n in enumerate(slots):
            self.admin.create_facility(childcare_body(
                counties[i % len(counties)], name="巴中托育机构%02d（%d托位）" % (i + 1, n),
                slots=n, affordable_slots=0, enrolled=0, classes=[]))
        # not counted: a kindergarten's 托班, and an institution that has closed
        self.admin.create_facility(childcare_body(BAZHOU, name="巴中幼儿园托班",
                                                  kind="kindergarten_nursery", slots=200,
                                                  affordable_slots=0, enrolled=0, classes=[]))
        closed = self.admin.create_facility(childcare_body(ENYANG, name="巴中已关闭托育机构",
                                                           slots=300, affordable_slots=0,
                                                           enrolled=0, classes=[]))
        self.admin.ok("POST", "/api/v1/facilities/%d/close" % closed["id"],
                      json_body={"closed_on": "2024-01-10", "closed_reason": "api test"})
        doc = self.staffing(BAZHONG)
        classes = doc.get("childcare_size_classes")
        self.assertIsInstance(classes, list, "巴中 bands its childcare institutions: %r" % doc)
        got = [(c["band"], c["min_slots"], c["max_slots"], c["institutions"]) for c in classes]
        self.assertEqual(got, [(b, lo, hi, n) for (b, lo, hi), n in zip(bands, want)],
                         "19 institutions in 巴中's counties: 1, 5, 7, 6 by band")
        # as of a day before the closure, the 300-slot one is 超大型 too
        doc = self.staffing(BAZHONG, as_of="2023-12-31")
        self.assertEqual([c["institutions"] for c in doc["childcare_size_classes"]],
                         [2, 5, 7, 6], "as_of 2023-12-31 still counts the one closed in 2024")


# --------------------------------------------------------------------------
# 8. Coverage


LAT0, LON0 = 30.60, 104.05   # a test city's centre (the coordinates are in China)
M_PER_DEG = 111195.0


def offset(dx, dy):
    """(lat, lon) about dx metres east and dy metres north of the centre,
    to 6 decimals (what is sent is what the brute force uses)."""
    lat = LAT0 + dy / M_PER_DEG
    lon = LON0 + dx / (M_PER_DEG * math.cos(math.radians(LAT0)))
    return round(lat, 6), round(lon, 6)


def within(a, b, reach):
    return haversine_m(a["lat"], a["lon"], b["lat"], b["lon"]) <= reach


def brute_coverage(points, sites, reach):
    covered = [p for p in points if any(within(p, s, reach) for s in sites)]
    return covered, sum(p["population"] for p in covered), sum(p["population"] for p in points)


def brute_greedy(points, sites, reach, k):
    """Greedy maximum coverage over the points as candidates (in id order),
    the most uncovered population first, ties to the earliest."""
    done = {p["name"] for p in points if any(within(p, s, reach) for s in sites)}
    out = []
    for _ in range(k):
        best, best_gain = None, 0
        for c in points:
            gain = sum(p["population"] for p in points
                       if p["name"] not in done and within(c, p, reach))
            if gain > best_gain:
                best, best_gain = c, gain
        if best is None:
            break
        out.append((best["name"], best_gain))
        done |= {p["name"] for p in points if within(best, p, reach)}
    return out


def points_csv(points):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["region", "name", "lat", "lon", "population", "source"])
    for p in points:
        w.writerow([p["region"], p["name"], "%.6f" % p["lat"], "%.6f" % p["lon"],
                    p["population"], "api test"])
    return out.getvalue()


class CoverageTest(PlanCase):
    REACHES = (DEFAULT_REACH_M, 1500, 600)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        cls.city, (cls.c1, cls.c2) = make_city(a, cls.server.next_city_code(), "覆盖测试市")
        rng = random.Random(15)
        pts = []
        for i in range(40):
            lat, lon = offset(rng.uniform(-3500, 3500), rng.uniform(-3500, 3500))
            pts.append({"region": cls.c1 if i % 2 == 0 else cls.c2,
                        "name": "居民点%02d" % (i + 1), "lat": lat, "lon": lon,
                        "population": 0 if i == 7 else rng.randint(50, 3000)})
        cls.points = pts

        # sites: name -> (kind, county, dx, dy, counted for elderly, for childcare)
        cls.site_spec = {
            "日间照料中心甲": ("day_care_center", cls.c1, -1500, -1500),
            "日间照料中心乙": ("day_care_center", cls.c2, 1200, 800),
            "社区养老服务综合体": ("community_complex", cls.c1, 0, 2500),
            "助餐点": ("meal_point", cls.c2, 2500, -2000),
            "互助养老点": ("mutual_aid_point", cls.c1, -2800, 600),
            "养老机构（不计入）": ("elderly_institution", cls.c1, 2700, 3000),
            "托育机构": ("childcare_institution", cls.c1, -800, 500),
            "家庭托育点": ("family_childcare_point", cls.c2, 2000, -500),
            "幼儿园托班": ("kindergarten_nursery", cls.c2, -2500, -2600),
            "已关闭日间照料中心": ("day_care_center", cls.c2, 1800, 2600),
        }
        cls.sites = {}
        for name, (kind, county, dx, dy) in cls.site_spec.items():
            lat, lon = offset(dx, dy)
            if kind in ("childcare_institution", "family_childcare_point", "kindergarten_nursery"):
                body = childcare_body(county, name=name, kind=kind, lat=lat, lon=lon,
                                      slots=5 if kind == "family_childcare_point" else 40,
                                      affordable_slots=0, enrolled=0, classes=[])
            else:
                body = facility_body(county, name=name, kind=kind, lat=lat, lon=lon)
            f = a.create_facility(body)
            cls.sites[name] = {"name": name, "kind": kind, "region": county,
                               "lat": lat, "lon": lon, "id": f["id"]}
        a.ok("POST", "/api/v1/facilities/%d/close" % cls.sites["已关闭日间照料中心"]["id"],
             json_body={"closed_on": "2024-01-01", "closed_reason": "api test"})
        r = a.import_csv("points", points_csv(pts))
        if r.status != 200:
            raise AssertionError("importing the coverage points failed: %s" % r.summary())
        cls.import_response = r.json

    ELDERLY_KINDS = ("community_complex", "day_care_center", "regional_center",
                     "mutual_aid_point", "meal_point")
    CHILDCARE_KINDS = ("childcare_institution", "family_childcare_point", "kindergarten_nursery")

    def sites_of(self, kind, region=None, include_closed=False):
        kinds = self.ELDERLY_KINDS if kind == "elderly" else self.CHILDCARE_KINDS
        return [s for s in self.sites.values()
                if s["kind"] in kinds and (region in (None, self.city) or s["region"] == region)
                and (include_closed or s["name"] != "已关闭日间照料中心")]

    def points_of(self, region=None):
        return [p for p in self.points if region in (None, self.city) or p["region"] == region]

    def test_geometry_is_unambiguous(self):
        """No distance lies within 0.5 m of a reach used, so float noise in
        either computation cannot flip a verdict."""
        things = self.points + list(self.sites.values())
        for p in self.points:
            for q in things:
                d = haversine_m(p["lat"], p["lon"], q["lat"], q["lon"])
                for reach in self.REACHES:
                    self.assertGreater(abs(d - reach), 0.5, "test geometry: %s–%s is %.3f m, "
                                       "too near the reach %d" % (p["name"], q["name"], d, reach))
        self.assertEqual(self.import_response.get("imported"), len(self.points))

    def assertCoverage(self, doc, points, sites, reach, what):
        covered, cov_pop, total = brute_coverage(points, sites, reach)
        self.assertTrue(0 < cov_pop < total, "%s: test geometry covers some, not all" % what)
        # a distance, not a figure of the plan: a plain number
        self.assertEqual(doc["reach_m"], reach, what + " reach_m")
        self.assertEqual(doc["points"], len(points), "%s: residential points" % what)
        self.assertEqual(doc["sites"], len(sites), "%s: sites counted %r"
                         % (what, sorted(s["name"] for s in sites)))
        self.assertEqual(doc["covered_population"], cov_pop,
                         "%s: covered population by brute force (covered: %r)"
                         % (what, sorted(p["name"] for p in covered)))
        self.assertEqual(doc["total_population"], total, what + " total population")
        share = doc["share"]
        self.assertEqual((figure(share["numerator"]), figure(share["denominator"])),
                         (cov_pop, total), what + " share = covered / total")
        self.assertNumber(share["value"], Fraction(cov_pop, total), what + " share value")
        self.assertEqual(share["display"], "%s%%" % half_away(Fraction(100 * cov_pop, total), 2),
                         what + " share display (四舍五入 from the counts)")
        self.assertEqual(share["rule"], "round half up to 2 decimals")
        unc = [p for p in points if p not in covered]
        self.assertEqual(doc["uncovered_points"], len(unc), what + " uncovered points")
        want = [p["name"] for p in sorted(unc, key=lambda p: -p["population"])]
        self.assertEqual([u["name"] for u in doc["uncovered"]], want,
                         "%s: uncovered points, the most populous first" % what)
        return covered

    def test_elderly_coverage(self):
        for reach in self.REACHES:
            with self.subTest(reach=reach):
                params = {} if reach == DEFAULT_REACH_M else {"reach": reach}
                doc = self.coverage(self.city, **params)
                self.assertEqual(doc["kind"], "elderly", "kind defaults to elderly")
                self.assertEqual(doc["reach_source"], "laoxiao default" if not params
                                 else "given in the request")
                self.assertCoverage(doc, self.points, self.sites_of("elderly"), reach,
                                    "city, elderly, reach %d" % reach)
        # a county counts its own points and its own sites only
        for county in (self.c1, self.c2):
            with self.subTest(county=county):
                doc = self.coverage(county)
                self.assertCoverage(doc, self.points_of(county),
                                    self.sites_of("elderly", county), DEFAULT_REACH_M,
                                    "county %s" % county)

    def test_elderly_institution_is_not_a_community_site(self):
        near = [p for p in self.points
                if within(p, self.sites["养老机构（不计入）"], DEFAULT_REACH_M)
                and not any(within(p, s, DEFAULT_REACH_M) for s in self.sites_of("elderly"))]
        self.assertTrue(near, "test geometry: some points are near only the institution")
        doc = self.coverage(self.city)
        names = {u["name"] for u in self.coverage(self.city, k=0)["uncovered"]}
        for p in near:
            self.assertIn(p["name"], names, "%s is near only a 养老机构: uncovered" % p["name"])
        self.assertEqual(doc["sites"], len(self.sites_of("elderly")))

    def test_childcare_coverage(self):
        for reach in (DEFAULT_REACH_M, 1500):
            with self.subTest(reach=reach):
                doc = self.coverage(self.city, kind="childcare", reach=reach)
                self.assertEqual(doc["kind"], "childcare")
                self.assertCoverage(doc, self.points, self.sites_of("childcare"), reach,
                                    "city, childcare, reach %d" % reach)

    def test_as_of_counts_the_closed_site(self):
        sites = self.sites_of("elderly", include_closed=True)
        doc = self.coverage(self.city, as_of="2023-06-01", reach=1500)
        self.assertCoverage(doc, self.points, sites, 1500, "as of 2023-06-01 (before closure)")
        now = self.coverage(self.city, reach=1500)
        self.assertEqual(now["sites"] + 1, doc["sites"], "the closed site counts only before")

    def test_suggestions(self):
        for kind, reach in (("elderly", DEFAULT_REACH_M), ("elderly", 1500),
                            ("childcare", DEFAULT_REACH_M)):
            with self.subTest(kind=kind, reach=reach):
                doc = self.coverage(self.city, kind=kind, reach=reach, k=4)
                want = brute_greedy(self.points, self.sites_of(kind), reach, 4)
                got = [(s["name"], s["adds_population"]) for s in doc["suggestions"]]
                self.assertTrue(want, "test geometry leaves something uncovered")
                self.assertEqual(got[:1], want[:1],
                                 "the first suggestion covers the most uncovered people")
                self.assertEqual(got, want, "greedy suggestions, each adding the most")
                byname = {p["name"]: p for p in self.points}
                for s in doc["suggestions"]:
                    p = byname[s["name"]]
                    self.assertEqual((s["lat"], s["lon"]), (p["lat"], p["lon"]),
                                     "a suggestion sits at its residential point")
        doc = self.coverage(self.city)
        self.assertLessEqual(len(doc["suggestions"]), 5, "k defaults to 5")
        self.assertEqual(self.coverage(self.city, k=0)["suggestions"], [], "k=0: none")

    def test_bad_parameters(self):
        a = self.admin
        for reach in ("0", "-100", "0.0", "abc", ""):
            with self.subTest(reach=reach):
                self.assertError(a.get(PLAN + "coverage", params={"region": self.city,
                                                                  "reach": reach}),
                                 422, field="reach", what="reach=%r" % reach)
        self.assertError(a.get(PLAN + "coverage", params={"region": self.city, "kind": "x"}),
                         400, field="kind", what="kind=x")
        self.assertError(a.get(PLAN + "coverage", params={"region": self.city, "k": "-1"}),
                         400, field="k", what="k=-1")
        self.assertError(a.get(PLAN + "coverage", params={"region": "511998000000"}), 404,
                         what="a region that does not exist")

    def test_import_all_or_nothing(self):
        with open(harness.data_path("planning", "points_bad_last_row.csv"), "rb") as f:
            bad = f.read()
        with open(harness.data_path("planning", "points_tongjiang.csv"), "rb") as f:
            good = f.read()
        r = self.admin.import_csv("points", bad)
        err = self.assertError(r, 422, what="points with a bad last row")
        self.assertTrue(err.get("field", "").startswith("row 8"),
                        "error.field names the last row (8, header = 1): %r" % err)
        self.assertIn("lat", err["field"], "and the column: %r" % err)
        self.assertEqual([(e["row"], e["column"]) for e in r.json.get("errors", [])],
                         [(8, "lat")], "one error, row 8 column lat")
        doc = self.coverage(TONGJIANG)
        self.assertEqual((doc["points"], doc["total_population"]), (0, 0),
                         "nothing stored: the six good rows before it neither")
        self.assertIsNone(doc["share"], "no residents: no share (not 0/0)")
        r = self.admin.import_csv("points", good)
        self.assertStatus(r, 200, "the good file")
        self.assertEqual(r.json.get("imported"), 6)
        doc = self.coverage(TONGJIANG)
        self.assertEqual((doc["points"], doc["total_population"], doc["covered_population"]),
                         (6, 3200 + 2750 + 1980 + 860 + 1240 + 640, 0),
                         "six points, no sites")


# --------------------------------------------------------------------------
# 9. CLI


class CliTest(PlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dir = tempfile.mkdtemp(prefix="laoxiao-cli-plan-")
        cls.db = harness.new_db(cls.dir, "cli.db")
        harness.init_db(cls.db)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)
        harness.drop_db(cls.db)

    def cli(self, *args):
        p = harness.run_cli(list(args), self.db)
        return p, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")

    def cli_json(self, *args):
        p, out, err = self.cli(*args)
        self.assertEqual(p.returncode, 0, "laoxiao %s exits 0: %s" % (" ".join(args), err))
        try:
            return json.loads(out)
        except ValueError as e:
            self.fail("laoxiao %s prints JSON (%s): %r" % (" ".join(args), e, out[:300]))

    def test_plan_gap_json(self):
        doc = self.cli_json("plan", "gap", "--region", KAIZHOU, "--year", "2021", "--json")
        self.assertEqual(figure(doc["slots"]["need"]["value"]), Fraction(1203300 * 45, 10000))
        self.assertEqual(doc["slots"]["need"]["value"], "5414.85")
        self.assertEqual(doc["slots"]["rounded"]["shortfall"], 3901)
        self.assertEqual(doc["beds"]["need"]["value"], "10960")
        doc = self.cli_json("plan", "gap", "--region", JINGDEZHEN, "--year", "2020",
                            "--stated-slots", "7367", "--json")
        self.assertEqual(doc["slots"]["stated"]["gap"], "3331")
        p, out, err = self.cli("plan", "gap", "--region", KAIZHOU, "--year", "2021")
        self.assertEqual(p.returncode, 0, err)
        self.assertIn("5414.85", out, "the table shows the need to 2 decimals: %r" % out)
        p, out, err = self.cli("plan", "gap", "--region", KAIZHOU)
        self.assertNotEqual(p.returncode, 0, "gap without --year fails")
        self.assertIn("year", err)

    def test_plan_check(self):
        args = ["plan", "check", "--region", BAZHOU, "--households", "2000", "--residents",
                "6000", "--district", "new", "--floor", "600", "--largest", "300",
                "--slots", "60", "--land", "600"]
        p, out, err = self.cli(*args)
        self.assertEqual(p.returncode, 0, "plan check exits 0: %s" % err)
        doc = self.cli_json(*(args + ["--json"]))
        self.assertEqual((doc["failed"], doc["applicable"]), (0, 4))
        doc = self.cli_json("plan", "check", "--region", BAZHOU, "--households", "2000",
                            "--residents", "6000", "--district", "old", "--slots", "47", "--json")
        slots = [r for r in doc["rules"] if r["rule"] == "childcare_slots"][0]
        self.assertEqual((slots["verdict"], slots["required"]), ("fail", "48"))
        # the land area was left blank: not given, never a failed standard
        land = [r for r in doc["rules"] if r["rule"] == "land"][0]
        self.assertEqual((land["verdict"], land["provided"]), ("not_given", None))
        p, out, err = self.cli("plan", "check", "--region", BAZHOU, "--households", "2000",
                               "--residents", "6000", "--district", "old", "--slots", "47")
        self.assertIn("not_given", out)
        self.assertNotIn("provided 0", out)
        p, out, err = self.cli("plan", "check", "--region", BAZHOU, "--households", "x",
                               "--residents", "6000", "--district", "new")
        self.assertNotEqual(p.returncode, 0, "a household count that is not a number fails")

    def test_bad_verb_exits_2(self):
        for args in (["plan", "bogus"], ["plan"], ["plan", "gap", "--no-such-option", "1"]):
            with self.subTest(args=args):
                p, out, err = self.cli(*args)
                self.assertEqual(p.returncode, 2, "laoxiao %s exits 2 (usage): %r"
                                 % (" ".join(args), err))
                self.assertIn("usage", err.lower())

    def test_import_points_and_coverage(self):
        bad = harness.data_path("planning", "points_bad_last_row.csv")
        good = harness.data_path("planning", "points_tongjiang.csv")
        p, out, err = self.cli("import", "points", bad)
        self.assertNotEqual(p.returncode, 0, "a bad last row fails the CLI import")
        self.assertIn("8", err, "the CLI names row 8: %r" % err)
        doc = self.cli_json("plan", "coverage", "--region", TONGJIANG, "--json")
        self.assertEqual(doc["points"], 0, "the CLI stored nothing")
        p, out, err = self.cli("import", "points", good)
        self.assertEqual(p.returncode, 0, err)
        doc = self.cli_json("plan", "coverage", "--region", TONGJIANG, "--json")
        self.assertEqual((doc["points"], doc["total_population"]), (6, 10670))
        p, out, err = self.cli("plan", "staffing", "--region", DAZHU)
        self.assertEqual(p.returncode, 0, err)


# --------------------------------------------------------------------------
# 10. Region scope


class ScopeTest(PlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin.create_user("plan_bazhou", "county_official", BAZHOU, password=PASSWORD)
        cls.county = login_as(cls.server, "plan_bazhou", PASSWORD)

    def test_other_county_denied_everywhere(self):
        c = self.county
        check = {"region": ENYANG, "households": 2000, "residents": 6000, "district": "new"}
        for region in (ENYANG, BAZHONG):
            for what, r in (
                    ("gap", c.get(PLAN + "gap", params={"region": region, "year": 2023})),
                    ("gap projection", c.get(PLAN + "gap", params={
                        "region": region, "year": 2025, "basis": "projection"})),
                    ("staffing", c.get(PLAN + "staffing", params={"region": region})),
                    ("coverage", c.get(PLAN + "coverage", params={"region": region})),
                    ("coverage childcare", c.get(PLAN + "coverage", params={
                        "region": region, "kind": "childcare"})),
                    ("residential-check", c.post(PLAN + "residential-check",
                                                 dict(check, region=region)))):
                with self.subTest(endpoint=what, region=region):
                    self.assertDenied(r, secret="恩阳区",
                                      what="巴州区 official, %s for %s" % (what, region))
        # adding residential points in 恩阳区 is refused and stores nothing
        r = c.import_csv("points", "region,name,lat,lon,population,source\r\n"
                                   "%s,恩阳越权点,31.79,106.63,900,x\r\n" % ENYANG)
        self.assertError(r, (403, 404, 422), what="巴州区 official imports points in 恩阳区")
        self.assertEqual(self.coverage(ENYANG)["points"], 0, "the refused import stored nothing")

    def test_own_county_allowed(self):
        c = self.county
        doc = self.check({"region": BAZHOU, "households": 2000, "residents": 6000,
                          "district": "new", "floor_m2": 600, "largest_facility_m2": 300,
                          "slots": 60, "land_m2": 600}, client=c)
        self.assertEqual((doc["failed"], doc["applicable"]), (0, 4),
                         "巴州区's official checks a 巴州区 development")
        self.staffing(BAZHOU, client=c)
        self.coverage(BAZHOU, client=c)


# --------------------------------------------------------------------------
# Exact figures everywhere: a synthetic city scanned for float artefacts

ARTEFACT = re.compile(r"\.\d*(9{5,}|0{5,})\d*")
EXPONENT = re.compile(r"\d[eE][+-]?\d")


class SynthArtefactTest(unittest.TestCase):
    """`laoxiao synth --preset 511900000000 --scale 0.01` (test_synth.py),
    then every planning and population endpoint for the city, counties and
    townships, for several years: no answer may hold a run of 9s or 0s
    after a decimal point, or an exponent, the marks of binary floating
    point printed as if it were a figure."""

    @classmethod
    def setUpClass(cls):
        cls.server = harness.synth_server("synth-exact", seed=5)
        cls.client = login_as(cls.server, "admin", cls.server.admin_password)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def regions(self):
        """The city, two counties and a township of each."""
        out = [BAZHONG]
        kids = self.client.get("/api/v1/regions", params={"parent": BAZHONG}).json
        kids = kids.get("items", kids) if isinstance(kids, dict) else kids
        counties = [k["code"] for k in kids][:2]
        for c in counties:
            out.append(c)
            towns = self.client.get("/api/v1/regions", params={"parent": c}).json
            towns = towns.get("items", towns) if isinstance(towns, dict) else towns
            out += [t["code"] for t in towns][:1]
        return out

    def scan(self, r, what):
        self.assertEqual(r.status, 200, "%s: %s" % (what, r.text[:300]))
        for m in ARTEFACT.finditer(r.text):
            self.fail("%s: a float artefact %r in %s" % (what, m.group(0),
                                                          r.text[max(0, m.start() - 80):m.end() + 40]))
        m = EXPONENT.search(r.text)
        self.assertIsNone(m, "%s: an exponent in %s" % (what, r.text[:300]))

    def test_no_float_artefacts(self):
        regions = self.regions()
        self.assertGreaterEqual(len(regions), 5, regions)
        asked = 0
        for region in regions:
            self.scan(self.client.get("/api/v1/population", params={"region": region}),
                      "population %s" % region)
            for year in (2020, 2023, 2025):
                for basis in ("residents", "projection"):
                    r = self.client.get(PLAN + "gap", params={"region": region, "year": year,
                                                              "basis": basis,
                                                              "stated_slots": 7367,
                                                              "stated_beds": 10500})
                    if r.status == 422:
                        continue  # a year before the first figure
                    self.scan(r, "plan/gap %s %d %s" % (region, year, basis))
                    asked += 1
            for kind in ("elderly", "childcare"):
                self.scan(self.client.get(PLAN + "coverage", params={"region": region,
                                                                     "kind": kind}),
                          "plan/coverage %s %s" % (region, kind))
            self.scan(self.client.get(PLAN + "staffing", params={"region": region}),
                      "plan/staffing %s" % region)
            self.scan(self.client.post(PLAN + "residential-check",
                                       {"region": region, "households": 2001, "residents": 6003,
                                        "district": "new", "floor_m2": 600.3,
                                        "largest_facility_m2": 300.1, "slots": 60.1,
                                        "land_m2": 600.3}),
                      "plan/residential-check %s" % region)
        self.assertGreater(asked, 10, "gaps were asked for")
