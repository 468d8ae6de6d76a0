"""One indicator across the children of a region (GET
/api/v1/indicators/compare): every child of the preset's region tree is a
row; each row's value and status are what GET /api/v1/indicators gives for
that child; rows are ranked best first by the target's comparator with
competition ranking on equal values (an independent ranking here, and a
property test over random reported values); the CSV and XLSX downloads
have Chinese headers, Chinese status words, numeric cells and a Chinese
file name (RFC 5987); bad questions are 400 naming the field."""

import io
import json
import os
import random
import urllib.parse
import unittest
from decimal import Decimal

import harness
from harness import ApiTestCase, facility_body, login_as

REPO = os.path.normpath(os.path.join(harness.HERE, "..", ".."))
COMPARE = "/api/v1/indicators/compare"
INDICATORS = "/api/v1/indicators"
BAZHONG = "511900000000"
BAZHOU = "511902000000"
ENYANG = "511903000000"
# townships made here, under 平昌县, for the property test
PINGCHANG = "511923000000"
TOWNS = ["5119231%02d000" % i for i in range(1, 9)]

STATUS_ZH = {"met": "已达标", "on_track": "进度正常", "behind": "滞后",
             "missed": "未达标", "no_data": "无数据", "no_target": "无本级目标"}


def tearDownModule():
    harness.stop_module_server(__name__)


def preset_children(code):
    """The children of code in the region preset (independent of the API)."""
    with open(os.path.join(REPO, "presets", "regions", "511900000000-bazhong.json"),
              encoding="utf-8") as f:
        regions = json.load(f)["regions"]
    return {r["code"]: r["name"] for r in regions if r["parent"] == code}


def expected_ranks(rows, op):
    """Competition ranks by the comparator, computed here: {code: rank}."""
    valued = [r for r in rows if r["value"] is not None]
    lower = op in ("<=", "<")
    key = (lambda r: Decimal(r["value"])) if lower else (lambda r: -Decimal(r["value"]))
    valued.sort(key=key)
    ranks = {}
    for i, r in enumerate(valued):
        ranks[r["code"]] = (1 + sum(1 for s in valued
                                    if key(s) < key(r)))
    return ranks


def content_disposition_name(value):
    """The file name of an RFC 5987 filename*= in a Content-Disposition."""
    for part in value.split(";"):
        part = part.strip()
        if part.startswith("filename*="):
            enc = part[len("filename*="):]
            charset, _, quoted = enc.split("'", 2)
            assert charset.upper() == "UTF-8", enc
            return urllib.parse.unquote(quoted, encoding="utf-8")
    raise AssertionError("no filename*= in %r" % value)


class CompareCase(ApiTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        # beds in two counties (全市养老床位 and 护理型占比 are computed)
        a.create_facility(facility_body(BAZHOU, beds=300, nursing_beds=200,
                                        occupied_beds=100))
        a.create_facility(facility_body(ENYANG, beds=100, nursing_beds=40,
                                        occupied_beds=50))
        # a reported rate with a tie between two counties
        for region, value in ((BAZHOU, 97.5), (ENYANG, 96.0), ("511921000000", 97.5),
                              ("511922000000", 99)):
            a.ok("PUT", "/api/v1/reported", json_body={
                "element": "bazhong.elderly.16", "region": region, "period": "2025",
                "value": value, "source": "api test"})
        for t in TOWNS:
            a.create_region(t, "测试%s镇" % t[6:9], "township", PINGCHANG)

    def compare(self, client=None, **params):
        params.setdefault("region", BAZHONG)
        params.setdefault("period", "2025")
        r = (client or self.admin).get(COMPARE, params=params)
        self.assertStatus(r, 200, "GET compare %r" % (params,))
        return r

    def test_contract(self):
        doc = self.compare(indicator="bazhong.elderly.16").json
        self.assertEqual(doc["region"], {"code": BAZHONG, "name": "巴中市", "level": "city"})
        self.assertEqual(doc["period"], "2025")
        self.assertEqual(doc["as_of"], "2025-12-31")
        ind = doc["indicator"]
        self.assertEqual(ind["id"], "bazhong.elderly.16")
        self.assertEqual(ind["unit"], "%")
        self.assertEqual(ind["better"], "higher")
        self.assertEqual((ind["target"]["op"], ind["target"]["value"], ind["target"]["year"]),
                         (">=", "96.5", 2025))
        self.assertIn(ind["attribute"], ("binding", "indicative", None))
        self.assertIn("四舍五入", doc["rounding"])
        # every child of 巴中 in the preset, none other
        self.assertEqual({r["code"]: r["name"] for r in doc["rows"]},
                         preset_children(BAZHONG))
        for r in doc["rows"]:
            self.assertEqual(set(r) >= {"code", "name", "value", "display", "text",
                                        "status", "rank"}, True, r)
        s = doc["summary"]
        self.assertEqual(s["regions"], len(doc["rows"]))
        self.assertEqual(s["with_data"], 4)
        for st in ("met", "on_track", "behind", "missed", "no_data"):
            self.assertEqual(s[st], sum(1 for r in doc["rows"] if r["status"] == st), st)

    def test_ranking_ties_and_rows_without_value_last(self):
        rows = self.compare(indicator="bazhong.elderly.16").json["rows"]
        got = [(r["display"], r["rank"]) for r in rows]
        # 99 first; 97.5 twice sharing 2; 96.0 fourth; no value last. The
        # target 96.5 has one place; a value not whole shows at least two
        # (docs/policy.md "Precision and rounding")
        self.assertEqual(got[:4], [("99.0", 1), ("97.50", 2), ("97.50", 2), ("96.0", 4)])
        self.assertEqual([r["code"] for r in rows[1:3]], [BAZHOU, "511921000000"])
        for r in rows[4:]:
            self.assertEqual((r["value"], r["display"], r["rank"], r["status"]),
                             (None, "—", None, "no_data"))

    def test_every_row_is_the_childs_own_indicators(self):
        root = self.admin.ok("GET", INDICATORS,
                             params={"region": BAZHONG, "period": "2025"}).json
        ids = [i["id"] for i in root["indicators"]]
        children = {}
        for code in preset_children(BAZHONG):
            doc = self.admin.ok("GET", INDICATORS,
                                params={"region": code, "period": "2025"}).json
            children[code] = {i["id"]: i for i in doc["indicators"]}
        self.assertGreater(len(ids), 40)
        for ident in ids:
            doc = self.compare(indicator=ident).json
            target = {i["id"]: i for i in root["indicators"]}[ident]["target"]
            op = target["op"] if target else None
            ranks = expected_ranks(doc["rows"], op)
            for r in doc["rows"]:
                own = children[r["code"]][ident]
                with self.subTest(indicator=ident, region=r["code"]):
                    self.assertEqual(r["value"], own["value"])
                    self.assertEqual(r["status"], own["status"])
                    self.assertEqual(r["display"], own["display"] or "—")
                    self.assertEqual(r["text"], own.get("text"))
                    self.assertEqual(r["rank"], ranks.get(r["code"]))

    def test_property_ranking_over_random_values(self):
        rnd = random.Random(22)
        # each round a fresh period, latest first, so no value of an
        # earlier period is still in force
        for n, year in enumerate(range(2041, 2029, -1)):
            period = str(year)
            values = {}
            pool = [rnd.choice((90, 95, 96.5, 97, 99.9)) for _ in range(3)] + \
                   [round(rnd.uniform(50, 100), rnd.choice((0, 1, 2))) for _ in range(3)]
            for t in TOWNS:
                if rnd.random() < 0.25:
                    continue  # no report: no value
                values[t] = rnd.choice(pool)
                self.admin.ok("PUT", "/api/v1/reported", json_body={
                    "element": "bazhong.elderly.16", "region": t, "period": period,
                    "value": values[t], "source": "api test"})
            doc = self.compare(region=PINGCHANG, period=period,
                               indicator="bazhong.elderly.16").json
            rows = doc["rows"]
            with self.subTest(round=n, values=values):
                self.assertEqual(sorted(r["code"] for r in rows), sorted(TOWNS))
                valued = [r for r in rows if r["value"] is not None]
                self.assertEqual({r["code"] for r in valued}, set(values))
                self.assertEqual(rows[:len(valued)], valued, "values first")
                ranks = [r["rank"] for r in valued]
                # a permutation of positions under competition ranking
                for i, r in enumerate(valued):
                    v = Decimal(r["value"])
                    self.assertEqual(v, Decimal(str(values[r["code"]])).quantize(v))
                    self.assertEqual(r["rank"], 1 + sum(1 for s in valued
                                                        if Decimal(s["value"]) > v))
                    if i:
                        prev = Decimal(valued[i - 1]["value"])
                        self.assertGreaterEqual(prev, v, "best first")
                        self.assertEqual(ranks[i] == ranks[i - 1], prev == v)
                self.assertEqual(ranks[:1], [1] if valued else [])
                self.assertTrue(all(r["rank"] is None for r in rows[len(valued):]))

    def test_csv(self):
        r = self.compare(indicator="bazhong.elderly.16", format="csv")
        self.assertTrue(r.header("Content-Type").startswith("text/csv"))
        name = content_disposition_name(r.header("Content-Disposition"))
        self.assertEqual(name, "巴中市各县（区）比较-基本养老保险参保率-2025年.csv")
        rows = harness.parse_csv(r.body)
        self.assertEqual(rows[0], ["区划", "本期值", "目标", "状态", "名次"])
        by_name = {row[0]: row for row in rows[1:]}
        self.assertEqual(by_name["巴州区"], ["巴州区", "97.50", "≥96.5", "已达标", "2"])
        # 2025 is the target year: short of it at its end is 未达标
        self.assertEqual(by_name["恩阳区"][1:], ["96.0", "≥96.5", "未达标", "4"])
        self.assertEqual(len(rows) - 1, len(preset_children(BAZHONG)))
        for row in rows[1:]:
            self.assertIn(row[3], STATUS_ZH.values())

    def test_xlsx(self):
        import openpyxl
        r = self.compare(indicator="bazhong.elderly.02", format="xlsx")
        self.assertIn("spreadsheetml", r.header("Content-Type"))
        name = content_disposition_name(r.header("Content-Disposition"))
        self.assertEqual(name, "巴中市各县（区）比较-全市护理型养老床位占比-2025年.xlsx")
        # an ASCII fallback for old clients, with no raw UTF-8 in it
        self.assertTrue(r.header("Content-Disposition").isascii())
        wb = openpyxl.load_workbook(io.BytesIO(r.body))
        ws = wb.active
        self.assertIn("A1:E1", [str(m) for m in ws.merged_cells.ranges])
        self.assertIn("巴中市各县（区）", ws["A1"].value)
        self.assertIn("（2025年）", ws["A1"].value)
        self.assertEqual([c.value for c in ws[3]], ["区划", "本期值", "目标", "状态", "名次"])
        self.assertEqual(ws.print_title_rows.replace("$", ""), "3:3")
        self.assertEqual(ws.page_setup.paperSize, 9)
        doc = self.compare(indicator="bazhong.elderly.02").json
        cells = {row[0].value: row for row in ws.iter_rows(min_row=4)}
        self.assertEqual(len(cells), len(doc["rows"]))
        for row in doc["rows"]:
            c = cells[row["name"]]
            if row["value"] is None:
                self.assertEqual(c[1].value, "—")
                self.assertEqual(c[4].value, "—")
                continue
            self.assertIsInstance(c[1].value, (int, float))
            self.assertEqual(Decimal(str(c[1].value)).quantize(Decimal(row["value"])),
                             Decimal(row["value"]))
            places = len(row["value"].partition(".")[2])
            self.assertEqual(c[1].number_format, "0." + "0" * places if places else "0")
            self.assertEqual(c[4].value, row["rank"])
            self.assertEqual(c[3].value, STATUS_ZH[row["status"]])
        # 巴州区 200/300 = 66.67 %, 恩阳区 40/100 = 40.00 %: computed here
        self.assertEqual(cells["巴州区"][1].value, 66.67)
        self.assertEqual(cells["恩阳区"][1].value, 40.0)

    def test_bad_questions_name_the_field(self):
        a = self.admin
        for params, field in (
                ({"period": "2025", "indicator": "bazhong.elderly.16"}, "region"),
                ({"region": "519999000000", "period": "2025",
                  "indicator": "bazhong.elderly.16"}, "region"),
                ({"region": BAZHONG, "indicator": "bazhong.elderly.16"}, "period"),
                ({"region": BAZHONG, "period": "2025-13",
                  "indicator": "bazhong.elderly.16"}, "period"),
                ({"region": BAZHONG, "period": "2025"}, "indicator"),
                ({"region": BAZHONG, "period": "2025", "indicator": "no.such"}, "indicator"),
                ({"region": BAZHONG, "period": "2025", "indicator": "bazhong.elderly.16",
                  "format": "pdf"}, "format")):
            with self.subTest(params=params):
                self.assertError(a.get(COMPARE, params=params), 400, field)

    def test_scope(self):
        self.admin.create_user("cmp_county", "county_official", BAZHOU)
        c = login_as(self.server, "cmp_county", "correct horse battery")
        # a county official compares its own townships, not the city's counties
        self.compare(client=c, region=BAZHOU, indicator="bazhong.elderly.16")
        self.assertError(c.get(COMPARE, params={"region": BAZHONG, "period": "2025",
                                                "indicator": "bazhong.elderly.16"}),
                         400, "region")


if __name__ == "__main__":
    unittest.main()
