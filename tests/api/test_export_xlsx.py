"""导出Excel of the lists officials work from (GET /api/v1/exports/*.xlsx):
each workbook read back with openpyxl against the JSON list it exports
(the same filters, the same masking), number cells for numbers, money as
yuan from integer fen with no drift (1, 10, 12,345,678 fen), a 合计 row
equal to sums made here, the audit log's from/to, and a Chinese file name
with the region and the date in Content-Disposition (RFC 5987 filename*).

Expected values come from the JSON lists and from sums computed here; the
ledger lines and old audit entries are written into the database directly
so their amounts and days are the test's own."""

import io
import re
import urllib.parse
from datetime import date, datetime, timezone
from decimal import Decimal

import openpyxl

import harness
from harness import ApiTestCase, facility_body, login_as, make_city
from idnumbers import Issuer

PASSWORD = "correct horse battery"
ISSUER = Issuer(("511902", "511903"), "139", 23456789, 1000000)
ID_RE = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")


def tearDownModule():
    harness.stop_module_server(__name__)


def utc_today():
    return datetime.now(timezone.utc).date().isoformat()


def workbook(resp):
    return openpyxl.load_workbook(io.BytesIO(resp.body))


def sheet_rows(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def file_name(resp):
    disp = resp.header("Content-Disposition") or ""
    m = re.search(r"filename\*=UTF-8''([^;]+)", disp)
    return urllib.parse.unquote(m.group(1)) if m else None


class ExportTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        cls.city, cls.counties = make_city(a, cls.server.next_city_code(), "导出测试市", 2)
        cls.facs = []
        beds = ((120, 70, 85, 18), (37, 0, 11, 3), (5, 5, 0, 1))
        for i, (b, nb, occ, cg) in enumerate(beds):
            r = a.post("/api/v1/facilities", facility_body(
                region=cls.counties[i % 2], name="导出测试养老院%d" % i, beds=b,
                nursing_beds=nb, occupied_beds=occ, caregivers=cg))
            assert r.status == 201, r.summary()
            cls.facs.append(r.json)
        r = a.post("/api/v1/facilities", facility_body(
            region=cls.counties[0], name="导出测试托育园", kind="childcare_institution",
            beds=0, nursing_beds=0, occupied_beds=0, slots=60, affordable_slots=40,
            enrolled=33, caregivers=9))
        assert r.status == 201, r.summary()
        cls.persons = []
        for i in range(3):
            idn = ISSUER.new_id(date(1940 + i, 3, 3), i % 2 == 0)
            r = a.post("/api/v1/persons", {
                "kind": "elderly", "id_number": idn, "name": "导出老人%d" % i,
                "region": cls.counties[0], "address": "测试路 %d 号" % i})
            assert r.status == 201, r.summary()
            cls.persons.append((idn, r.json))
        a.create_user("ex_reader", "readonly", cls.city, password=PASSWORD)
        cls.reader = login_as(cls.server, "ex_reader", PASSWORD)

    def export(self, what, client=None, status=200, **params):
        r = (client or self.admin).get("/api/v1/exports/%s.xlsx" % what, params=params)
        self.assertStatus(r, status, "export %s %r" % (what, params))
        return r

    # -- facilities --------------------------------------------------------

    def test_facilities_match_the_list_with_a_total_row(self):
        r = self.export("facilities", region=self.city, kind="elderly_institution")
        listed = self.admin.get("/api/v1/facilities", params={
            "region": self.city, "kind": "elderly_institution", "per_page": "1000"}).json["items"]
        self.assertEqual(len(listed), 3, "three 养老机构 in the test city")
        ws = workbook(r).active
        rows = sheet_rows(ws)
        head = rows[0]
        for col in ("机构名称", "机构类型", "床位数", "护理型床位", "在住人数", "护理员"):
            self.assertIn(col, head)
        body, total = rows[1:-1], rows[-1]
        self.assertEqual(len(body), len(listed), "one row per listed facility (filter kept)")
        self.assertEqual(sorted(b[head.index("机构名称")] for b in body),
                         sorted(f["name"] for f in listed))
        self.assertEqual({b[head.index("机构类型")] for b in body}, {"养老机构"},
                         "the kind written by its Chinese name")
        by_name = {f["name"]: f for f in listed}
        for key, col in (("beds", "床位数"), ("nursing_beds", "护理型床位"),
                         ("occupied_beds", "在住人数"), ("caregivers", "护理员")):
            c = head.index(col)
            for b in body:
                self.assertIsInstance(b[c], (int, float), "%s is a number cell" % col)
                self.assertEqual(b[c], by_name[b[head.index("机构名称")]][key])
            self.assertEqual(total[c], sum(f[key] for f in listed), "合计 of %s" % col)
        self.assertEqual(total[0], "合计")
        self.assertEqual(ws.freeze_panes, "A2", "header row frozen")
        self.assertTrue(ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"),
                        "autofilter over the header")
        self.assertTrue(ws["A1"].font.b, "bold header")
        self.assertEqual(file_name(r), "机构名录-导出测试市-%s.xlsx" % date.today().isoformat())
        self.assertIn('filename="', r.header("Content-Disposition"))

    def test_childcare_filter_totals_places(self):
        r = self.export("facilities", region=self.city, kind="childcare_institution")
        rows = sheet_rows(workbook(r).active)
        head = rows[0]
        self.assertEqual(len(rows), 3, "header, one 托育 facility, 合计")
        self.assertEqual(rows[-1][head.index("托位数")], 60)
        self.assertEqual(rows[-1][head.index("普惠托位")], 40)
        self.assertEqual(rows[-1][head.index("在托人数")], 33)

    # -- people ------------------------------------------------------------

    def test_people_masked_as_listed_for_a_reader(self):
        r = self.export("persons", client=self.reader, region=self.city)
        listed = self.reader.get("/api/v1/persons", params={"region": self.city}).json["items"]
        rows = sheet_rows(workbook(r).active)
        head = rows[0]
        self.assertEqual(len(rows) - 1, len(listed))
        c = head.index("身份证号码")
        self.assertEqual(sorted(row[c] for row in rows[1:]),
                         sorted(p["id_number"] for p in listed), "the list's masked numbers")
        full = {idn for idn, _ in self.persons}
        for row in rows:
            for cell in row:
                s = "" if cell is None else str(cell)
                self.assertFalse(ID_RE.search(s), "a full ID number in a cell: %r" % s)
                self.assertFalse(any(idn in s for idn in full))
        self.assertEqual(sorted(row[head.index("年龄")] for row in rows[1:]),
                         sorted(p["age"] for p in listed))
        self.assertEqual({row[head.index("类别")] for row in rows[1:]}, {"老年人"})
        self.assertTrue(file_name(r).startswith("人员名册-导出测试市-"))

    # -- ledger ------------------------------------------------------------

    def test_ledger_money_exact_with_total(self):
        county = self.counties[1]
        amounts = (1, 10, 12345678, -5, 99, 100)
        now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        for i, fen in enumerate(amounts):
            harness.db_exec(self.server.db,
                            "INSERT INTO ledger (scheme, period, beneficiary_kind, beneficiary_id,"
                            " region, kind, amount_fen, reason, created_at)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            ("test_scheme", "2026-11", "person",
                             self.persons[0][1]["id"] if i == 0 else 900000 + i, county,
                             "payment" if fen > 0 else "adjustment", fen, "导出测试", now))
        listed = self.admin.get("/api/v1/subsidies/ledger", params={"region": county}).json
        self.assertEqual(len(listed["items"]), len(amounts))
        r = self.export("ledger", region=county)
        ws = workbook(r).active
        rows = sheet_rows(ws)
        head = rows[0]
        c = head.index("金额（元）")
        got = sorted(row[c] for row in rows[1:-1])
        want = sorted(float(Decimal(f) / 100) for f in amounts)
        self.assertEqual(got, want, "yuan equal to fen / 100 written as a decimal")
        for v, f in zip(sorted(row[c] for row in rows[1:-1]), sorted(amounts)):
            self.assertEqual(Decimal(repr(v)).quantize(Decimal("0.01")), Decimal(f) / 100)
        self.assertEqual(rows[-1][0], "合计")
        self.assertEqual(rows[-1][c], float(Decimal(sum(amounts)) / 100))
        self.assertEqual(Decimal(sum(amounts)) / 100, Decimal(listed["total_fen"]) / 100)
        self.assertEqual(ws.cell(row=2, column=c + 1).number_format, "#,##0.00")
        self.assertEqual({row[head.index("记账类型")] for row in rows[1:-1]}, {"发放", "补差"})
        names = {row[head.index("对象编号")]: row[head.index("对象名称")] for row in rows[1:-1]}
        self.assertEqual(names[self.persons[0][1]["id"]], "导出老人0", "the person by name")
        self.assertIsNone(names[900001], "no such person: the number alone")
        self.assertEqual({row[head.index("所在地区")] for row in rows[1:-1]}, {"导出测试市第2县"})

    def test_ledger_money_random_amounts(self):
        """200 random amounts (1 fen to 10^11 fen, either sign): each cell is
        the double nearest fen / 100 written as a decimal, and the 合计 the
        exact sum made here."""
        import random
        rng = random.Random(22)
        county = self.counties[0]  # the other test's lines are in counties[1]
        region = county[:6] + "001000"
        self.admin.create_region(region, "金额随机镇", "township", county)
        amounts = [rng.choice((1, -1)) * rng.choice((rng.randint(1, 99), rng.randint(100, 10 ** 6),
                                                     rng.randint(10 ** 6, 10 ** 11)))
                   for _ in range(200)]
        now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        for i, fen in enumerate(amounts):
            harness.db_exec(self.server.db,
                            "INSERT INTO ledger (scheme, period, beneficiary_kind, beneficiary_id,"
                            " region, kind, amount_fen, reason, created_at)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            ("test_scheme", "2026-10", "person", 800000 + i, region,
                             "adjustment", fen, "随机", now))
        rows = sheet_rows(workbook(self.export("ledger", region=region)).active)
        c = rows[0].index("金额（元）")
        got = sorted(row[c] for row in rows[1:-1])
        self.assertEqual(got, sorted(float(Decimal(f) / 100) for f in amounts))
        for v in got:
            self.assertEqual(Decimal(repr(v)), Decimal(repr(v)).quantize(Decimal("0.01")),
                             "no drift past the fen: %r" % v)
        self.assertEqual(rows[-1][c], float(Decimal(sum(amounts)) / 100))

    def test_ledger_refused_to_a_reader(self):
        r = self.reader.get("/api/v1/exports/ledger.xlsx")
        self.assertEqual(r.status, 403, r.summary())

    # -- applications ------------------------------------------------------

    def test_applications_match_the_list(self):
        listed = self.admin.get("/api/v1/applications").json["items"]
        rows = sheet_rows(workbook(self.export("applications")).active)
        self.assertEqual(rows[0][0], "申请编号")
        self.assertEqual(len(rows) - 1, len(listed))

    # -- audit -------------------------------------------------------------

    def test_audit_from_to(self):
        for at, ent in (("2025-01-01T00:00:00Z", "审计甲"), ("2025-01-15T12:00:00Z", "审计乙"),
                        ("2025-01-31T23:59:59Z", "审计丙"), ("2025-02-01T00:00:00Z", "审计丁"),
                        ("2024-12-31T23:59:59Z", "审计戊")):
            harness.db_exec(self.server.db,
                            "INSERT INTO audit (at, username, action, entity, entity_id)"
                            " VALUES (?, ?, ?, ?, ?)", (at, "admin", "update", "test", ent))
        listed = self.admin.get("/api/v1/audit", params={
            "from": "2025-01-01", "to": "2025-01-31", "per_page": "1000"}).json["items"]
        self.assertEqual(sorted(e["entity_id"] for e in listed), ["审计丙", "审计乙", "审计甲"])
        r = self.export("audit", **{"from": "2025-01-01", "to": "2025-01-31"})
        rows = sheet_rows(workbook(r).active)
        c = rows[0].index("对象编号")
        self.assertEqual(sorted(row[c] for row in rows[1:]), ["审计丙", "审计乙", "审计甲"])
        self.assertTrue(file_name(r).startswith("操作日志-"))
        whole = sheet_rows(workbook(self.export("audit")).active)
        self.assertGreater(len(whole), 6, "without a range, every entry")

    def test_audit_bad_range_names_the_field(self):
        r = self.admin.get("/api/v1/exports/audit.xlsx",
                           params={"from": "2025-02-01", "to": "2025-01-01"})
        self.assertError(r, 422, "to")
        r = self.admin.get("/api/v1/exports/audit.xlsx", params={"from": "2025-13-01"})
        self.assertError(r, 400, "from")

    def test_audit_refused_to_a_reader(self):
        self.assertEqual(self.reader.get("/api/v1/exports/audit.xlsx").status, 403)

    # -- planning ----------------------------------------------------------

    def test_plan_gap_rows_equal_the_json(self):
        params = {"region": "511900000000", "year": "2025"}
        gap = self.admin.get("/api/v1/plan/gap", params=params).json
        r = self.export("plan-gap", **params)
        rows = sheet_rows(workbook(r).active)
        head = rows[0]
        by_item = {row[0]: row for row in rows[1:]}
        self.assertIn("托位", by_item)
        for item, key in (("托位", "slots"), ("规划床位总量", "beds_target")):
            part = gap.get(key)
            if not (isinstance(part, dict) and isinstance(part.get("need"), dict)):
                self.assertNotIn(item, by_item)
                continue
            row = by_item[item]
            self.assertEqual(Decimal(repr(row[head.index("需求（精确）")])), Decimal(part["need"]["value"]))
            self.assertIsInstance(row[head.index("现有")], (int, float))
            self.assertEqual(Decimal(repr(row[head.index("现有")])), Decimal(part["supply"]["value"]))
            self.assertEqual(Decimal(repr(row[head.index("缺口")])), Decimal(part["gap"]["shortfall"]))
            self.assertEqual(row[head.index("需求（取整）")], part["rounded"]["need"])
        self.assertEqual(file_name(r), "规划缺口-巴中市-%s.xlsx" % date.today().isoformat())

    def test_plan_staffing_rows_and_total(self):
        params = {"region": self.city}
        doc = self.admin.get("/api/v1/plan/staffing", params=params).json
        insts = doc["institutions"]
        self.assertEqual(len(insts), 3, "the three 养老机构 of the test city")
        rows = sheet_rows(workbook(self.export("plan-staffing", **params)).active)
        head = rows[0]
        self.assertEqual(len(rows), len(insts) + 2, "header, institutions, 合计")
        c = head.index("床位数")
        self.assertEqual(rows[-1][c], sum(i["beds"] for i in insts))
        self.assertEqual(sorted(row[c] for row in rows[1:-1]), sorted(i["beds"] for i in insts))
        if doc.get("caregivers"):
            n = head.index("应配护理员")
            self.assertEqual(rows[-1][n], sum(i["caregivers"]["needed"] for i in insts))

    def test_plan_coverage_uncovered_points(self):
        county = self.counties[0]
        csv_text = ("region,name,lat,lon,population,source\r\n"
                    + "".join("%s,导出居住点%d,31.86%d,106.74%d,%d,api test\r\n" % (county, i, i, i, pop)
                              for i, pop in enumerate((1200, 340, 75))))
        r = self.admin.import_csv("points", csv_text)
        self.assertStatus(r, 200)
        params = {"region": self.city, "kind": "elderly"}
        doc = self.admin.get("/api/v1/plan/coverage", params=params).json
        self.assertEqual(len(doc["uncovered"]), 3, "no community site in the test city: all uncovered")
        rows = sheet_rows(workbook(self.export("plan-coverage", **params)).active)
        head = rows[0]
        body = rows[1:-1]
        self.assertEqual(sorted(row[0] for row in body), sorted(p["name"] for p in doc["uncovered"]))
        self.assertEqual(rows[-1][head.index("未覆盖人口")], 1200 + 340 + 75, "合计 summed here")
        suggested = {s["name"] for s in doc["suggestions"]}
        self.assertEqual({row[0] for row in body if row[head.index("建议新设站点")] == "是"}, suggested)
        self.assertIsInstance(body[0][head.index("纬度")], float)
