"""The bulletin (通报) as a document an office can send (GET
/api/v1/reports/bulletin): its title with region and period, the issuing
body and date, a summary paragraph whose counts are those of GET
/api/v1/indicators (and the binding rows behind, by name); 属性 and 责任部门
on every row of every preset plan; the children's comparison for the
binding rows equal to GET /api/v1/indicators/compare; no file names or
English on the page; an XLSX read back with numeric cells, a merged title
and print setup; and the page printed by Chromium (playwright page.pdf())
on A4 over more than one page with its page numbers."""

import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest
import urllib.parse
from decimal import Decimal
from html import unescape

import harness
from harness import ApiTestCase, facility_body

REPO = os.path.normpath(os.path.join(harness.HERE, "..", ".."))
OUT = os.path.join(REPO, "tests", "output", "bulletin")
BULLETIN = "/api/v1/reports/bulletin"
BAZHONG = "511900000000"
BAZHOU = "511902000000"
ENYANG = "511903000000"
PRESETS = {"511900000000": "巴中市", "511724000000": "大竹县", "500154000000": "开州区",
           "511700000000": "达州市", "360200000000": "景德镇市"}
STATUS_ZH = {"met": "已达标", "on_track": "进度正常", "behind": "滞后",
             "missed": "未达标", "no_data": "无数据", "no_target": "无本级目标"}


def tearDownModule():
    harness.stop_module_server(__name__)


def visible_text(html):
    """What a reader sees: no style sheet, no tags, entities decoded."""
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    html = re.sub(r"<title>.*?</title>", "", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", html))


def file_name(resp):
    for part in (resp.header("Content-Disposition") or "").split(";"):
        part = part.strip()
        if part.startswith("filename*="):
            return urllib.parse.unquote(part.split("''", 1)[1], encoding="utf-8")
    raise AssertionError("no filename*= in %r" % resp.header("Content-Disposition"))


class BulletinCase(ApiTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_facility(facility_body(BAZHOU, beds=300, nursing_beds=200, occupied_beds=100))
        a.create_facility(facility_body(ENYANG, beds=100, nursing_beds=40, occupied_beds=50))
        for element, region, value in (("bazhong.elderly.16", BAZHONG, 97.1),
                                       ("bazhong.elderly.16", BAZHOU, 97.5),
                                       ("bazhong.elderly.16", ENYANG, 96.0),
                                       ("bazhong.childcare.01", BAZHONG, 99.3),
                                       ("bazhong.elderly.19", BAZHONG, 78.1)):
            a.ok("PUT", "/api/v1/reported", json_body={
                "element": element, "region": region, "period": "2025",
                "value": value, "source": "api test"})
        os.makedirs(OUT, exist_ok=True)

    def bulletin(self, fmt="html", region=BAZHONG, period="2025"):
        r = self.admin.get(BULLETIN, params={"region": region, "period": period,
                                             "format": fmt})
        self.assertStatus(r, 200, "bulletin %s %s %s" % (region, period, fmt))
        return r

    def indicators(self, region=BAZHONG, period="2025"):
        return self.admin.ok("GET", "/api/v1/indicators",
                             params={"region": region, "period": period}).json

    def test_title_issuer_and_date(self):
        html = self.bulletin().text
        self.assertIn("<h1>巴中市“一老一小”主要指标完成情况通报（2025年）</h1>", html)
        self.assertIn("<title>巴中市“一老一小”主要指标完成情况通报（2025年）</title>", html)
        self.assertIn("巴中市民政局　2025年12月31日", html)
        county = self.bulletin(region=BAZHOU).text
        self.assertIn("巴州区“一老一小”主要指标完成情况通报（2025年）", county)
        self.assertIn("巴州区民政局", county)
        quarter = self.bulletin(period="2025Q2").text
        self.assertIn("通报（2025年第2季度）", quarter)
        self.assertIn("2025年6月30日", quarter)

    def test_summary_counts_are_the_indicators_counts(self):
        doc = self.indicators()
        counts = {k: 0 for k in STATUS_ZH}
        for i in doc["indicators"]:
            counts[i["status"]] += 1
        text = visible_text(self.bulletin().text)
        m = re.search(r"本期监测主要指标(\d+)项，其中已达标(\d+)项、进度正常(\d+)项、"
                      r"滞后(\d+)项、未达标(\d+)项、无数据(\d+)项", text)
        self.assertTrue(m, text[:600])
        self.assertEqual([int(x) for x in m.groups()],
                         [len(doc["indicators"]), counts["met"], counts["on_track"],
                          counts["behind"], counts["missed"], counts["no_data"]])
        binding = [i for i in doc["indicators"] if i["attribute"] == "binding"]
        late = [i for i in binding if i["status"] in ("behind", "missed")]
        # 巴中's binding rows (二（一）整体目标): beds, nursing share, slots
        self.assertEqual(sorted(i["id"] for i in binding),
                         ["bazhong.childcare.09", "bazhong.elderly.01", "bazhong.elderly.02"])
        self.assertTrue(late, "the test data leaves binding rows short of target")
        m = re.search(r"约束性指标(\d+)项，其中滞后或未达标(\d+)项：([^，]*)，", text)
        self.assertTrue(m, text[:800])
        self.assertEqual((int(m.group(1)), int(m.group(2))), (len(binding), len(late)))
        for i in late:
            self.assertIn("%s（%s）" % (i["name"], STATUS_ZH[i["status"]]), m.group(3))

    def test_every_row_has_attribute_and_department(self):
        for code, name in PRESETS.items():
            rows = harness.parse_csv(self.bulletin("csv", region=code).body)
            head = rows[0]
            a, d, n = head.index("属性"), head.index("责任部门"), head.index("指标")
            body = [r for r in rows[1:] if len(r) == len(head) and r[n]]
            doc = self.indicators(region=code)
            self.assertGreaterEqual(len(body), len(doc["indicators"]))
            for r in body[:len(doc["indicators"])]:
                with self.subTest(region=name, row=r[n]):
                    self.assertIn(r[a], ("约束性", "预期性"))
                    self.assertRegex(r[d], r"^[\u4e00-\u9fff、（）]+$")
        # and in the files, each filled by rule says so in its note
        for path in sorted(os.listdir(os.path.join(REPO, "policies"))):
            if not path.endswith(".json"):
                continue
            with open(os.path.join(REPO, "policies", path), encoding="utf-8") as f:
                for i in json.load(f)["indicators"]:
                    self.assertIn(i["attribute"], ("binding", "indicative"), i["id"])
                    self.assertTrue(i["department"], i["id"])

    def test_children_compared_for_binding_rows(self):
        html = self.bulletin().text
        self.assertIn("<h2>三、各县（区）完成情况</h2>", html)
        section = html.split("<h2>三、各县（区）完成情况</h2>", 1)[1]
        doc = self.indicators()
        binding = [i for i in doc["indicators"] if i["attribute"] == "binding"]
        heads = re.findall(r"<h3>（(.)）([^<]*)</h3>", section)
        self.assertEqual(len(heads), len(binding))
        tables = re.split(r"<h3>", section)[1:]
        for (num, head), table, ind in zip(heads, tables, binding):
            self.assertTrue(head.startswith(ind["name"]), (head, ind["name"]))
            cmp = self.admin.ok("GET", "/api/v1/indicators/compare", params={
                "region": BAZHONG, "period": "2025", "indicator": ind["id"]}).json
            got = re.findall(r"<tr><td class=\"n\">([^<]*)</td><td>([^<]*)</td>"
                             r"<td class=\"n\">([^<]*)</td>", table)
            want = [(str(r["rank"]) if r["rank"] else "—", r["name"], r["display"])
                    for r in cmp["rows"]]
            self.assertEqual(got, want, ind["id"])

    def test_no_file_names_or_english_on_the_page(self):
        for code in PRESETS:
            text = visible_text(self.bulletin(region=code).text)
            with self.subTest(region=code):
                self.assertNotRegex(text, r"\.txt\b")
                self.assertNotRegex(text, r"\b\d{3}_[0-9a-f]{16}\b")
                words = re.findall(r"[A-Za-z]{2,}", text)
                self.assertEqual(words, [], "Latin words on the page")
        html = self.bulletin().text
        self.assertIn("《巴中市“一老一小”整体解决方案》表1", html)

    def test_csv_and_xlsx_are_named_in_chinese(self):
        for fmt in ("csv", "xlsx"):
            r = self.bulletin(fmt)
            self.assertEqual(file_name(r),
                             "巴中市“一老一小”主要指标完成情况通报（2025年）.%s" % fmt)
            self.assertNotRegex(file_name(r), r"[A-Za-z]{2,}\.")

    def test_xlsx_numbers_title_and_print_setup(self):
        import openpyxl
        wb = openpyxl.load_workbook(io.BytesIO(self.bulletin("xlsx").body))
        ws = wb.worksheets[0]
        self.assertEqual(ws.title, "指标通报")
        merged = [str(m) for m in ws.merged_cells.ranges]
        self.assertIn("A1:O1", merged)
        self.assertIn("A2:O2", merged)
        self.assertEqual(ws["A1"].value, "巴中市“一老一小”主要指标完成情况通报（2025年）")
        self.assertEqual(ws["A2"].value, "巴中市民政局　2025年12月31日")
        self.assertIn("本期监测主要指标44项", ws["A3"].value)
        head = [c.value for c in ws[4]]
        self.assertEqual(head[:6], ["分组", "序号", "指标", "单位", "属性", "责任部门"])
        self.assertEqual(ws.print_title_rows.replace("$", ""), "4:4")
        self.assertEqual(int(ws.page_setup.paperSize), 9)
        self.assertEqual(ws.page_setup.orientation, "landscape")
        # one page wide (1 is the file format's default, left out), any height
        self.assertIn(ws.page_setup.fitToWidth, (None, 1))
        self.assertEqual(int(ws.page_setup.fitToHeight), 0)
        self.assertTrue(ws.sheet_properties.pageSetUpPr.fitToPage)
        self.assertIn("&P", ws.oddFooter.center.text or "")
        doc = self.indicators()
        rows = list(ws.iter_rows(min_row=5))
        self.assertEqual(len(rows), len(doc["indicators"]))
        col = {h: k for k, h in enumerate(head)}
        numbers = 0
        for row, ind in zip(rows, doc["indicators"]):
            self.assertEqual(row[col["指标"]].value, ind["name"])
            self.assertIsInstance(row[col["序号"]].value, int)
            self.assertEqual(row[col["序号"]].number_format, "0")
            self.assertEqual(row[col["指标"]].border.left.style, "thin")
            v = row[col["本期值"]]
            if ind["value"] is not None and "stated" not in ind and "partial" not in ind:
                places = len(ind["value"].partition(".")[2])
                self.assertIsInstance(v.value, (int, float), ind["id"])
                self.assertEqual(v.number_format, "0." + "0" * places if places else "0")
                self.assertEqual(Decimal(repr(v.value)).quantize(Decimal(ind["value"])),
                                 Decimal(ind["value"]))
                numbers += 1
            if ind["base"]["value"]:
                self.assertIsInstance(row[col["基期值"]].value, (int, float), ind["id"])
        self.assertGreater(numbers, 3)
        cmp = wb["各县（区）完成情况"]
        ranks = [r[0].value for r in cmp.iter_rows() if isinstance(r[0].value, int)]
        self.assertTrue(ranks and min(ranks) == 1, ranks)

    def test_prints_on_a4_with_page_numbers(self):
        html = self.bulletin().text
        with open(os.path.join(OUT, "bazhong-2025.html"), "w", encoding="utf-8") as f:
            f.write(html)
        pdf = os.path.join(OUT, "bazhong-2025.pdf")
        script = r"""
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
const [src, out] = process.argv.slice(1);
const browser = await chromium.launch({ executablePath: process.env.LAOXIAO_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking'] });
const page = await browser.newPage();
await page.setContent(readFileSync(src, 'utf8'), { waitUntil: 'load' });
await page.pdf({ path: out, preferCSSPageSize: true, printBackground: true });
await browser.close();
"""
        p = subprocess.run(["node", "--input-type=module", "-e", script,
                            os.path.join(OUT, "bazhong-2025.html"), pdf],
                           cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=120)
        self.assertEqual(p.returncode, 0, p.stdout.decode("utf-8", "replace"))
        info = subprocess.run(["pdfinfo", pdf], stdout=subprocess.PIPE, check=True,
                              timeout=60).stdout.decode()
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        self.assertGreater(pages, 1)
        # A4 is 595 x 842 points
        size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info, re.M)
        self.assertEqual((round(float(size.group(1))), round(float(size.group(2)))),
                         (595, 842))
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"], stdout=subprocess.PIPE,
                              check=True, timeout=60).stdout.decode("utf-8")
        compact = re.sub(r"\s+", "", text)
        for k in (1, pages):
            self.assertIn("第%d页共%d页" % (k, pages), compact)
        self.assertIn("巴中市“一老一小”主要指标完成情况通报（2025年）", compact)
        # the header row repeats: 指标 and 责任部门 head every page of the table
        self.assertGreater(compact.count("责任部门"), 1)
        subprocess.run(["pdftoppm", "-png", "-r", "60", pdf,
                        os.path.join(OUT, "bazhong-2025")], check=True, timeout=120)

    def test_bad_format(self):
        r = self.admin.get(BULLETIN, params={"region": BAZHONG, "period": "2025",
                                             "format": "pdf"})
        self.assertError(r, 400, "format")


if __name__ == "__main__":
    unittest.main()
