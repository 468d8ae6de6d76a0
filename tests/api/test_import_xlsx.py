"""Imports an Excel user can make: workbooks made here with openpyxl,
headed in Chinese (with （必填）, stars, full-width brackets and spaces) and
filled with the Chinese labels the pages show, import as a CSV of codes
would; a file with bad rows reports every row's error in the user's words
and writes nothing; the fill-in template of every kind downloads with its
填写说明 sheet and imports once filled.

Expected values are the cells this test wrote, and the codes the labels
stand for (docs/api.md), never what the server answered before."""

import csv
import io
import re
import urllib.parse
from datetime import date, datetime

import openpyxl

import creditcode
import harness
from harness import ApiTestCase
from idnumbers import Issuer

BAZHOU = "511902000000"
ISSUER = Issuer(("511902",), "139", 22345678, 80000000)
KINDS = ("regions", "population", "facilities", "persons", "assessments",
         "health", "enrolments", "trainees", "payees", "points", "reported")


def tearDownModule():
    harness.stop_module_server(__name__)


def workbook_bytes(rows, as_text=()):
    """An .xlsx of rows (the first the header); cells in columns as_text
    (0-based) stored as text, as Excel keeps a cell formatted 文本."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row, start=1):
            if v is None:
                continue  # an empty cell in the middle: no <c> written
            cell = ws.cell(row=r, column=c, value=v)
            if isinstance(v, (date, datetime)):
                cell.number_format = "yyyy-mm-dd"
            if c - 1 in as_text:
                cell.data_type = "s"
                cell.number_format = "@"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


FAC_HEADER = ["机构名称（必填）", " 机构类型 *", "所在地区代码(必填)", "统一社会信用代码",
              "地址", "性质", "运营方式", "营利性质", "医养结合", "备案状态", "备案日期",
              "开业日期", "床位数", "护理型床位数", "在住人数"]


def fac_row(name, code, **over):
    row = {"name": name, "kind": "养老机构", "region": BAZHOU, "credit": code,
           "address": "巴州区测试路 8 号\n二楼", "own": "民办", "op": "民办民营",
           "profit": "非营利性", "med": "是", "filing": "已备案",
           "filed": datetime(2023, 4, 5), "opened": date(2020, 6, 1),
           "beds": 80, "nursing": 40, "occupied": 33}
    row.update(over)
    return [row[k] for k in ("name", "kind", "region", "credit", "address", "own", "op",
                             "profit", "med", "filing", "filed", "opened", "beds",
                             "nursing", "occupied")]


class XlsxImportTest(ApiTestCase):
    def upload(self, kind, data):
        return self.admin.import_csv(kind, data)

    def total(self):
        return self.admin.list_facilities(status="all")["total"]

    def by_name(self, name):
        items = self.admin.list_facilities(q=name, status="all", per_page=100)["items"]
        return [i for i in items if i["name"] == name]

    def test_facilities_in_chinese(self):
        before = self.total()
        codes = [creditcode.fresh("511902") for _ in range(2)]
        rows = [FAC_HEADER,
                fac_row("表格导入养老院甲", codes[0]),
                [None] * len(FAC_HEADER),  # an empty row in between
                fac_row("表格导入日间照料中心乙", codes[1], kind="日间照料中心", own="公办",
                        op="公建民营", profit="营利性", med="否", filing="备案审核中",
                        beds=0, nursing=0, occupied=0, address="")]
        r = self.upload("facilities", workbook_bytes(rows, as_text=(2,)))
        self.assertStatus(r, 200, "facilities .xlsx with Chinese headers and labels")
        self.assertEqual(r.json.get("imported"), 2)
        self.assertEqual(r.json.get("encoding"), "xlsx")
        self.assertEqual(self.total(), before + 2)
        (a,) = self.by_name("表格导入养老院甲")
        want_a = {"kind": "elderly_institution", "region": BAZHOU, "credit_code": codes[0],
                  "address": "巴州区测试路 8 号\n二楼", "ownership": "private",
                  "operation": "private_run", "profit": "nonprofit",
                  "medical_integration": True, "filing_status": "filed",
                  "filing_date": "2023-04-05", "opened_on": "2020-06-01", "beds": 80,
                  "nursing_beds": 40, "occupied_beds": 33}
        self.assertEqual({k: a.get(k) for k in want_a}, want_a)
        (b,) = self.by_name("表格导入日间照料中心乙")
        want_b = {"kind": "day_care_center", "ownership": "public",
                  "operation": "public_private", "profit": "forprofit",
                  "medical_integration": False, "filing_status": "pending",
                  "credit_code": codes[1]}
        self.assertEqual({k: b.get(k) for k in want_b}, want_b)

    def test_persons_in_chinese(self):
        idns = [ISSUER.new_id(date(1948, 2, 3), True), ISSUER.new_id(date(1951, 11, 30), False)]
        rows = [["人员类别", "身份证号码（必填）", "姓名", "性别", "所在地区代码", "住址"],
                ["老年人", idns[0], "表格甲", "男", BAZHOU, "巴州区测试路 1 号"],
                ["老年人", idns[1], "表格乙", None, BAZHOU, "巴州区测试路 2 号"]]
        r = self.upload("persons", workbook_bytes(rows, as_text=(1, 4)))
        self.assertStatus(r, 200, "persons .xlsx with an 18-digit ID number typed as text")
        self.assertEqual(r.json.get("imported"), 2)
        for idn, name, sex, birth in ((idns[0], "表格甲", "M", "1948-02-03"),
                                      (idns[1], "表格乙", "F", "1951-11-30")):
            got = self.admin.ok("GET", "/api/v1/persons", params={"id_number": idn}).json["items"]
            self.assertEqual(len(got), 1, "%s found by full ID number" % name)
            self.assertEqual((got[0]["name"], got[0]["kind"], got[0]["sex"], got[0]["birth_date"]),
                             (name, "elderly", sex, birth))

    def test_every_rows_errors(self):
        before = self.total()
        good = creditcode.fresh("511902")
        bad_code = creditcode.wrong_check(creditcode.fresh("511902"))
        rows = [FAC_HEADER,
                fac_row("三错之一养老院", bad_code),          # row 2: credit code
                fac_row("表格正确养老院", good),               # row 3: good
                fac_row("", creditcode.fresh("511902")),      # row 4: no name
                fac_row("三错之三养老院", creditcode.fresh("511902"),
                        kind="养老院子")]                     # row 5: no such kind
        r = self.upload("facilities", workbook_bytes(rows, as_text=(2,)))
        self.assertStatus(r, 422, "three bad rows")
        errors = r.json.get("errors")
        self.assertIsInstance(errors, list, r.summary())
        by_row = {}
        for e in errors:
            by_row.setdefault(e["row"], []).append(e)
        self.assertEqual(sorted(by_row), [2, 4, 5], "every bad row, and only those: %r" % errors)
        self.assertEqual(r.json.get("total"), len(errors))
        (e2,) = by_row[2]
        self.assertEqual((e2["column"], e2["field"], e2["label"]),
                         ("统一社会信用代码", "credit_code", "统一社会信用代码"))
        (e4,) = by_row[4]
        self.assertEqual((e4["column"], e4["field"], e4["label"]),
                         ("机构名称（必填）", "name", "机构名称"))
        (e5,) = by_row[5]
        self.assertEqual((e5["column"], e5["field"], e5["label"]),
                         (" 机构类型 *", "kind", "机构类型"))
        for e in errors:
            self.assertNotIn("身份证", e["message"] + e.get("label", ""))
            self.assertNotIn("姓名", e["message"] + e.get("label", ""))
        self.assertEqual(self.total(), before, "nothing written")
        self.assertEqual(self.by_name("表格正确养老院"), [], "not even the good row")

    def test_errors_capped_with_total(self):
        rows = [["机构名称", "机构类型", "所在地区代码"]]
        rows += [["超限%d" % i, "不存在的类型", BAZHOU] for i in range(250)]
        r = self.upload("facilities", workbook_bytes(rows, as_text=(2,)))
        self.assertStatus(r, 422)
        self.assertEqual(len(r.json["errors"]), 200, "listed up to the documented cap")
        self.assertEqual(r.json.get("total"), 250, "all counted")
        self.assertEqual(r.json.get("listed_at_most"), 200)

    def test_damaged_workbook(self):
        r = self.upload("facilities", b"PK\x03\x04" + b"\x00" * 200)
        err = self.assertError(r, 422, field="file")
        self.assertIn(".xlsx", err["message"])

    def template(self, kind, fmt=None):
        r = self.admin.get("/api/v1/import/%s/template" % kind,
                           params={"format": fmt} if fmt else None)
        self.assertStatus(r, 200, "template of %s" % kind)
        return r

    def test_every_template(self):
        for kind in KINDS:
            r = self.template(kind)
            disp = r.header("Content-Disposition") or ""
            m = re.search(r"filename\*=UTF-8''([^;]+)", disp)
            self.assertIsNotNone(m, "%s: RFC 5987 file name in %r" % (kind, disp))
            self.assertTrue(urllib.parse.unquote(m.group(1)).endswith("导入模板.xlsx"),
                            "%s: %r" % (kind, disp))
            wb = openpyxl.load_workbook(io.BytesIO(r.body))
            self.assertEqual(wb.sheetnames[1], "填写说明", kind)
            head = [c.value for c in wb.worksheets[0][1]]
            guide = [row for row in wb["填写说明"].iter_rows(min_row=2, values_only=True) if row[1]]
            self.assertEqual(len(guide), len(head), "%s: one 填写说明 row per column" % kind)
            for (name, required, _fmt, _vals), h in zip(guide, head):
                self.assertEqual(required == "必填", h.endswith("（必填）"), "%s %s" % (kind, h))
            # the headers alone (example row removed) are understood
            ws = wb.worksheets[0]
            ws.delete_rows(2)
            buf = io.BytesIO()
            wb.save(buf)
            r = self.upload(kind, buf.getvalue())
            self.assertStatus(r, 200, "%s: the template's own headers import" % kind)
            self.assertEqual(r.json.get("imported"), 0)

    def test_facility_template_round_trip(self):
        r = self.template("facilities")
        wb = openpyxl.load_workbook(io.BytesIO(r.body))
        ws = wb.worksheets[0]
        head = [c.value for c in ws[1]]
        self.assertIn("机构名称（必填）", head)
        self.assertIn("统一社会信用代码", head)
        valid = ws.data_validations.dataValidation
        self.assertTrue(any('"养老机构,' in (v.formula1 or "") for v in valid),
                        "a drop-down of facility kinds")
        code = creditcode.fresh("511902")
        fill = {"机构名称（必填）": "模板导入养老院", "统一社会信用代码": code,
                "床位数": 50, "护理型床位数": 20, "在住人数": 10,
                "所在地区代码（必填）": BAZHOU}  # an administrator's has none
        for c, h in enumerate(head, start=1):
            if h in fill:
                ws.cell(row=2, column=c, value=fill[h])
        buf = io.BytesIO()
        wb.save(buf)
        r = self.upload("facilities", buf.getvalue())
        self.assertStatus(r, 200, "the filled template imports")
        (got,) = self.by_name("模板导入养老院")
        self.assertEqual((got["credit_code"], got["beds"], got["kind"], got["ownership"]),
                         (code, 50, "elderly_institution", "private"))

    def test_person_template_round_trip_and_csv(self):
        r = self.template("persons", "csv")
        text = r.body.decode("utf-8-sig")
        head, example = list(csv.reader(io.StringIO(text)))[:2]
        self.assertIn("身份证号码（必填）", head)
        idn = ISSUER.new_id(date(1949, 7, 1), False)
        example[head.index("身份证号码（必填）")] = idn
        example[head.index("姓名（必填）")] = "模板人员"
        example[head.index("所在地区代码（必填）")] = BAZHOU
        out = io.StringIO()
        csv.writer(out).writerows([head, example])
        r = self.upload("persons", out.getvalue().encode("utf-8"))
        self.assertStatus(r, 200, "the filled CSV template imports")
        got = self.admin.ok("GET", "/api/v1/persons", params={"id_number": idn}).json["items"]
        self.assertEqual([(g["name"], g["sex"]) for g in got], [("模板人员", "F")])

    def test_long_first_error_under_a_chinese_header(self):
        # the first error's message (every kind listed) is cut to the error's
        # buffer after a Chinese header: the answer is still valid JSON
        rows = [["机构名称（必填）", "机构类型*", "所在地区代码"],
                ["表格长错养老院", "养老院子", BAZHOU]]
        r = self.upload("facilities", workbook_bytes(rows, as_text=(2,)))
        self.assertStatus(r, 422, "a refusal, not a closed connection")
        (e,) = r.json["errors"]
        self.assertEqual((e["row"], e["column"], e["field"], e["label"]),
                         (2, "机构类型*", "kind", "机构类型"))

    def test_missing_required_column_named_in_chinese(self):
        rows = [["机构类型", "所在地区代码"], ["养老机构", BAZHOU]]
        r = self.upload("facilities", workbook_bytes(rows, as_text=(1,)))
        self.assertStatus(r, 422)
        (e,) = r.json["errors"]
        self.assertEqual((e["row"], e["column"], e["field"], e["label"], e["message"]),
                         (1, "机构名称", "name", "机构名称", "required column is missing"))

    def fill_and_upload(self, kind, values, client=None):
        """The kind's template with row 2 set to values (header: value;
        cells not named keep the example) uploaded back."""
        r = (client or self.admin).get("/api/v1/import/%s/template" % kind)
        self.assertStatus(r, 200)
        wb = openpyxl.load_workbook(io.BytesIO(r.body))
        ws = wb.worksheets[0]
        head = [c.value for c in ws[1]]
        for h, v in values.items():
            self.assertIn(h, head, "%s: column %s in the template" % (kind, h))
            ws.cell(row=2, column=head.index(h) + 1, value=v)
        buf = io.BytesIO()
        wb.save(buf)
        return (client or self.admin).import_csv(kind, buf.getvalue())

    def test_region_and_population_templates_round_trip(self):
        town = "511902118000"
        r = self.fill_and_upload("regions", {"区划代码（必填）": town, "名称（必填）": "模板测试镇",
                                             "上级区划代码": BAZHOU})
        self.assertStatus(r, 200, "the filled regions template imports")
        got = self.admin.ok("GET", "/api/v1/regions/" + town).json
        self.assertEqual((got["name"], got["level"], got["kind"], got["parent"]),
                         ("模板测试镇", "township", "admin", BAZHOU),
                         "level 乡镇/街道 and kind 行政区 of the example row read as codes")
        r = self.fill_and_upload("population", {"地区代码（必填）": town, "年份（必填）": 2023,
                                                "数值（必填）": 12345})
        self.assertStatus(r, 200, "the filled population template imports")
        pop = self.admin.ok("GET", "/api/v1/population", params={"region": town, "year": 2023}).json
        # the example's 人口指标 常住人口 read as the code residents
        self.assertEqual(pop["figures"]["residents"]["value"], 12345, repr(pop))
        self.assertEqual(pop["figures"]["residents"]["origin"], "direct")

    def test_template_example_in_the_officials_region(self):
        self.admin.create_user("imp_enyang", "county_official", "511903000000")
        official = harness.login_as(self.server, "imp_enyang", "correct horse battery")
        r = official.get("/api/v1/import/persons/template", params={"format": "csv"})
        self.assertStatus(r, 200)
        head, example = list(csv.reader(io.StringIO(r.body.decode("utf-8-sig"))))[:2]
        self.assertEqual(example[head.index("所在地区代码（必填）")], "511903000000")
        r = self.admin.get("/api/v1/import/persons/template", params={"format": "csv"})
        head, example = list(csv.reader(io.StringIO(r.body.decode("utf-8-sig"))))[:2]
        self.assertEqual(example[head.index("所在地区代码（必填）")], "",
                         "an administrator has no region of its own")
        r = self.admin.get("/api/v1/import/persons/template", params={"format": "pdf"})
        self.assertError(r, 422, field="format")
        r = self.admin.get("/api/v1/import/nothing/template")
        self.assertError(r, 404, field="kind")

    def test_other_imports_take_workbooks(self):
        # verifications go through the same reader: an ID number typed as
        # text and a date typed as a date cell
        idn = ISSUER.new_id(date(1940, 5, 6), True)
        r = self.admin.post("/api/v1/persons", {"kind": "elderly", "id_number": idn,
                                                "name": "表格认证甲", "region": BAZHOU})
        self.assertStatus(r, 201)
        pid = r.json["id"]
        rows = [["id_number", "verified_on", "method"], [idn, date(2025, 3, 4), "人脸识别"]]
        r = self.admin.request("POST", "/api/v1/verifications/import",
                               body=workbook_bytes(rows, as_text=(0,)),
                               content_type="application/vnd.openxmlformats-officedocument"
                                            ".spreadsheetml.sheet")
        self.assertStatus(r, 200, "verifications from a workbook")
        self.assertEqual(r.json.get("imported"), 1)
        got = self.admin.ok("GET", "/api/v1/persons/%d/verifications" % pid).json
        items = got["items"] if isinstance(got, dict) else got
        self.assertEqual([(v["verified_on"], v["method"]) for v in items], [("2025-03-04", "face")])
