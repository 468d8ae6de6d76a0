"""Descriptive indicators (docs/policy.md "Descriptive indicators"): an
indicator whose target is absent or null has a value and no status. The
test copies the policies to a folder outside the tree, adds two such rows to
巴中's file (a ratio with no "target" key, a count with "target": null),
serves them with --policies, and reads them back from every consumer: the
indicators document, all nodes (JSON and CSV), the comparison, the bulletin
(HTML and CSV, with its summary counts) and the CLI (plain and CSV).

Expected figures are computed here from the beds and people the test
registers, never read back from the server."""

import csv
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from fractions import Fraction as F

import harness
from harness import ApiTestCase, facility_body

REPO = os.path.normpath(os.path.join(harness.HERE, "..", ".."))
BAZHONG = "511900000000"
FILE = "511900000000-bazhong.json"

# a county of this test's own under 巴中市, with two townships
COUNTY = "511995000000"
TOWN_A = "511995001000"
TOWN_B = "511995002000"
BEDS = {TOWN_A: 120, TOWN_B: 80}
AGED_60 = {TOWN_A: 3000, TOWN_B: 2500, COUNTY: 5500}
PERIOD = "2025"

RATIO = "test.desc.beds_per_1000"   # no "target" key at all
COUNT = "test.desc.beds"            # "target": null
DESC = (RATIO, COUNT)


def half_up(x, places):
    """x rounded half up (四舍五入) to places decimals, worked in integers."""
    x = F(x)
    scaled = x * 10 ** places
    n = (abs(scaled.numerator) * 2 + scaled.denominator) // (2 * scaled.denominator)
    n = -n if x < 0 else n
    text = str(abs(n)).rjust(places + 1, "0")
    return ("-" if n < 0 else "") + (text if not places else text[:-places] + "." + text[-places:])


def shown(x):
    """The display of a figure with no stated precision: whole as it is,
    else at least 2 decimals (docs/policy.md)."""
    x = F(x)
    return half_up(x, 0 if x.denominator == 1 else 2)


def policy_check(folder):
    return subprocess.run([harness.BINARY, "policy", "check", folder], capture_output=True,
                           timeout=60)


def beds_at(code):
    return sum(BEDS.values()) if code == COUNTY else BEDS[code]


def ratio_at(code):
    return F(beds_at(code), AGED_60[code]) * 1000


class DescriptiveCase(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="laoxiao-desc-")
        cls.pol = os.path.join(cls.tmp, "policies")
        shutil.copytree(os.path.join(REPO, "policies"), cls.pol)
        path = os.path.join(cls.pol, FILE)
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        group = doc["indicators"][0]["group"]
        doc["indicators"].append({
            "id": RATIO, "group": group, "seq": 98, "name": "每千名老年人养老床位（描述）",
            "unit": "张", "attribute": None, "department": "市民政局",
            "source": "api test: a figure the plan reports without a target",
            "base": {"year": None, "value": None, "text": None},
            "numerator": "beds", "denominator": "aged_60", "factor": 1000})
        doc["indicators"].append({
            "id": COUNT, "group": group, "seq": 99, "name": "养老床位总数（描述）",
            "unit": "张", "attribute": None, "department": "市民政局",
            "source": "api test: a count the plan reports without a target",
            "base": {"year": None, "value": None, "text": None},
            "target": None, "numerator": "beds", "denominator": None})
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, indent=1)
        cls.server = harness.Server(label=__name__, serve_args=["--policies", cls.pol])
        cls.admin = cls.server.admin()
        a = cls.admin
        a.create_region(COUNTY, "描述测试县", "county", BAZHONG)
        a.create_region(TOWN_A, "描述甲镇", "township", COUNTY)
        a.create_region(TOWN_B, "描述乙镇", "township", COUNTY)
        for code, beds in BEDS.items():
            a.create_facility(facility_body(code, name="描述%s养老院" % code[6:9], beds=beds,
                                            nursing_beds=beds // 2, occupied_beds=beds // 2))
        for code, n in AGED_60.items():
            a.put_population(code, int(PERIOD), "aged_60", n)

    @classmethod
    def tearDownClass(cls):
        problem = cls.server.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)
        if problem:
            raise AssertionError("descriptive server: " + problem)

    def get_ok(self, path, params):
        r = self.admin.get(path, params=params)
        self.assertStatus(r, 200, "GET %s %r" % (path, params))
        return r

    def indicators(self, region):
        doc = self.get_ok("/api/v1/indicators", {"region": region, "period": PERIOD}).json
        return doc, {i["id"]: i for i in doc["indicators"]}

    def test_policy_check_accepts_a_missing_target(self):
        p = policy_check(self.pol)
        self.assertEqual(p.returncode, 0, p.stderr.decode("utf-8", "replace"))

    def test_a_written_target_must_still_be_complete(self):
        bad = os.path.join(self.tmp, "bad")
        shutil.copytree(self.pol, bad)
        path = os.path.join(bad, FILE)
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        row = next(i for i in doc["indicators"] if i["id"] == COUNT)
        row["target"] = {"year": 2025}
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False)
        p = policy_check(bad)
        err = p.stderr.decode("utf-8", "replace") + p.stdout.decode("utf-8", "replace")
        self.assertNotEqual(p.returncode, 0, "a target without op is refused")
        self.assertIn("target", err, err)
        self.assertIn("op", err, err)
        # "none" is not a comparator a file may write
        row["target"] = {"year": 2025, "op": "none", "value": "0"}
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False)
        p = policy_check(bad)
        self.assertNotEqual(p.returncode, 0, "op none is refused")
        shutil.rmtree(bad)

    def test_indicators_value_and_no_status(self):
        for code in (COUNTY, TOWN_A, TOWN_B):
            _, inds = self.indicators(code)
            r, c = inds[RATIO], inds[COUNT]
            self.assertEqual(r["value"], shown(ratio_at(code)), "%s ratio value" % code)
            self.assertEqual(r["display"], shown(ratio_at(code)), "%s ratio display" % code)
            self.assertEqual((r["numerator"], r["denominator"]),
                             (str(beds_at(code)), str(AGED_60[code])), "%s figures" % code)
            self.assertEqual(c["value"], str(beds_at(code)), "%s count value" % code)
            for ind in (r, c):
                self.assertEqual(ind["status"], "descriptive", "%s %s" % (code, ind["id"]))
                self.assertEqual(ind["status_label"], "不考核", "%s %s" % (code, ind["id"]))
                self.assertIsNone(ind["target"], "no target is invented: %r" % ind["target"])
                self.assertNotIn("expected", ind, "no straight line without a target")
        # the city's own rows keep their statuses
        _, inds = self.indicators(BAZHONG)
        self.assertEqual(inds[RATIO]["status"], "descriptive")
        self.assertNotEqual(inds["bazhong.elderly.02"]["status"], "descriptive")

    def test_series_has_no_status(self):
        r = self.get_ok("/api/v1/indicators/%s/series" % RATIO, {"region": COUNTY})
        pts = r.json["points"]
        self.assertTrue(pts, "a series of some years")
        self.assertEqual({p["status"] for p in pts}, {"descriptive"})

    def test_nodes(self):
        doc = self.get_ok("/api/v1/indicators/nodes",
                          {"region": COUNTY, "period": PERIOD, "format": "json"}).json
        nodes = {n["code"]: n for n in doc["nodes"]}
        self.assertEqual(set(nodes), {COUNTY, TOWN_A, TOWN_B})
        for code, n in nodes.items():
            self.assertEqual(n["indicators"][RATIO]["status"], "descriptive", code)
            self.assertEqual(n["indicators"][COUNT]["status"], "descriptive", code)
            self.assertEqual(n["indicators"][COUNT]["value"], str(beds_at(code)), code)
        r = self.get_ok("/api/v1/indicators/nodes",
                        {"region": COUNTY, "period": PERIOD, "format": "csv"})
        rows = harness.parse_csv(r.body)
        mine = [x for x in rows[1:] if x and x[3] in DESC]
        self.assertEqual(len(mine), 6, "two rows at each of three nodes")
        for x in mine:
            self.assertEqual(x[-1], "descriptive", x)

    def test_compare(self):
        doc = self.get_ok("/api/v1/indicators/compare",
                          {"region": COUNTY, "period": PERIOD, "indicator": RATIO}).json
        rows = {r["code"]: r for r in doc["rows"]}
        self.assertEqual(set(rows), {TOWN_A, TOWN_B})
        for code, r in rows.items():
            self.assertEqual(r["status"], "descriptive", code)
            self.assertEqual(r["status_label"], "不考核", code)
            self.assertEqual(r["value"], shown(ratio_at(code)), code)
            self.assertIsNone(r["target"], code)
            self.assertIsNone(r["rank"], "%s: no target, no better or worse, no rank" % code)
        self.assertEqual([r["code"] for r in doc["rows"]], [TOWN_A, TOWN_B],
                         "listed highest first (40 before 32)")
        self.assertIsNone(doc["indicator"]["target"])
        self.assertIsNone(doc["indicator"]["better"])
        s = doc["summary"]
        self.assertEqual((s["descriptive"], s["met"], s["missed"], s["behind"]), (2, 0, 0, 0), s)
        r = self.get_ok("/api/v1/indicators/compare", {"region": COUNTY, "period": PERIOD,
                                                       "indicator": RATIO, "format": "csv"})
        text = r.body.decode("utf-8-sig")
        self.assertEqual(text.count("不考核"), 2, text)
        self.assertNotIn("已达标", text)

    def counts_of(self, inds):
        out = {}
        for i in inds:
            out[i["status"]] = out.get(i["status"], 0) + 1
        return out

    def test_bulletin_html_counts_exclude_descriptive(self):
        doc, _ = self.indicators(COUNTY)
        counts = self.counts_of(doc["indicators"])
        self.assertEqual(counts.get("descriptive"), 2)
        html = self.get_ok("/api/v1/reports/bulletin",
                           {"region": COUNTY, "period": PERIOD, "format": "html"}).text
        m = re.search(r"本期监测主要指标(\d+)项，其中已达标(\d+)项、进度正常(\d+)项、滞后(\d+)项、"
                      r"未达标(\d+)项、无数据(\d+)项(?:、无本级目标(\d+)项)?、不考核(\d+)项。", html)
        self.assertTrue(m, "summary with 不考核 in: %s" % html[:3000])
        total, met, on, behind, missed, nodata, nt, desc = (int(g or 0) for g in m.groups())
        self.assertEqual(total, len(doc["indicators"]))
        self.assertEqual(desc, 2, "the two descriptive rows counted apart")
        self.assertEqual(met, counts.get("met", 0), "已达标 counts only met rows")
        self.assertEqual(missed, counts.get("missed", 0))
        self.assertEqual(total, met + on + behind + missed + nodata + nt + desc,
                         "every row in exactly one count")
        # the row: its value, 不考核 in the status cell, no target
        for name, value in (("每千名老年人养老床位（描述）", shown(ratio_at(COUNTY))),
                            ("养老床位总数（描述）", str(beds_at(COUNTY)))):
            i = html.index(name)
            row = html[i:html.index("</tr>", i)]
            self.assertIn('class="c descriptive">不考核<', row, row)
            self.assertIn(">%s<" % value, row, row)
            self.assertNotIn("≥", row, row)

    def test_bulletin_csv(self):
        r = self.get_ok("/api/v1/reports/bulletin",
                        {"region": COUNTY, "period": PERIOD, "format": "csv"})
        rows = harness.parse_csv(r.body)
        header = rows[0]
        name, status = header.index("指标"), header.index("状态")
        mine = {x[name]: x for x in rows[1:] if x and "（描述）" in x[name]}
        self.assertEqual(len(mine), 2)
        for x in mine.values():
            self.assertEqual(x[status], "不考核", x)
            self.assertNotIn("≥", ",".join(x))

    def test_bulletin_xlsx(self):
        r = self.get_ok("/api/v1/reports/bulletin",
                        {"region": COUNTY, "period": PERIOD, "format": "xlsx"})
        z = zipfile.ZipFile(io.BytesIO(r.body))
        text = "".join(z.read(n).decode("utf-8") for n in z.namelist()
                       if n.startswith("xl/") and n.endswith(".xml"))
        self.assertIn("不考核", text, "the status 不考核 in the workbook")
        self.assertIn("（描述）", text, "the descriptive rows in the workbook")

    def test_bulletin_legend(self):
        html = self.get_ok("/api/v1/reports/bulletin",
                           {"region": COUNTY, "period": PERIOD, "format": "html"}).text
        self.assertIn("不考核 = 规划未设目标值", html, "the legend explains 不考核")

    def test_cli_plain_and_csv(self):
        p = harness.run_cli(["indicators", "--policies", self.pol, "--region", COUNTY,
                             "--period", PERIOD], self.server.db)
        self.assertEqual(p.returncode, 0, p.stderr)
        out = p.stdout.decode("utf-8")
        for name, value in (("每千名老年人养老床位（描述）", shown(ratio_at(COUNTY))),
                            ("养老床位总数（描述）", str(beds_at(COUNTY)))):
            line = next(x for x in out.splitlines() if name in x)
            self.assertIn("不考核", line, line)
            self.assertIn(value, line, line)
            self.assertNotIn("已达标", line, line)
        p = harness.run_cli(["indicators", "--policies", self.pol, "--all-nodes", "--region",
                             COUNTY, "--period", PERIOD], self.server.db)
        self.assertEqual(p.returncode, 0, p.stderr)
        rows = list(csv.reader(io.StringIO(p.stdout.decode("utf-8-sig"))))
        mine = [x for x in rows[1:] if x and x[3] in DESC]
        self.assertEqual(len(mine), 6)
        self.assertEqual({x[-1] for x in mine}, {"descriptive"})
        p = harness.run_cli(["indicators", "--policies", self.pol, "--json", "--region",
                             TOWN_A, "--period", PERIOD], self.server.db)
        self.assertEqual(p.returncode, 0, p.stderr)
        inds = {i["id"]: i for i in json.loads(p.stdout)["indicators"]}
        self.assertEqual(inds[RATIO]["status"], "descriptive")
        self.assertEqual(inds[RATIO]["value"], shown(ratio_at(TOWN_A)))
