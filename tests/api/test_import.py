"""CSV import (UTF-8, BOM, GB18030; all or nothing) and export (BOM, header,
round trip into a fresh database), over HTTP and the CLI."""

import json
import os
import shutil
import tempfile

import harness
from harness import ApiTestCase, childcare_body, facility_body, make_city

REGION_COLUMNS = ["code", "name", "level", "kind", "parent", "source"]
POPULATION_COLUMNS = ["region", "year", "metric", "value", "source"]


def tearDownModule():
    harness.stop_module_server(__name__)


def read_data(name):
    with open(harness.data_path("import", name), "rb") as f:
        return f.read()


def strip_id(fac):
    v = {k: fac.get(k) for k in harness.FACILITY_FIELDS}
    del v["id"]
    return v


class ImportTest(ApiTestCase):
    def total(self):
        return self.admin.list_facilities(status="all")["total"]

    def by_name(self, name):
        items = self.admin.list_facilities(q=name, status="all", per_page=100)["items"]
        return [i for i in items if i["name"] == name]

    def test_utf8_csv(self):
        before = self.total()
        r = self.admin.import_csv("facilities", read_data("facilities_ok.csv"))
        self.assertStatus(r, 200, "import facilities_ok.csv (UTF-8, 3 rows)")
        self.assertEqual(r.json.get("imported"), 3, "imported 3")
        self.assertEqual(self.total(), before + 3, "three more facilities")
        (a,) = self.by_name("导入测试养老院甲")
        self.assertEqual(a["credit_code"], "91110000600037341L")
        self.assertEqual(a["address"], '巴州区回风路 "12" 号, 2 栋', "quoted CSV cell with comma")
        self.assertIs(a["medical_integration"], True, "boolean 1")
        self.assertIs(a["internal_clinic"], False, "boolean 0")
        self.assertEqual((a["beds"], a["nursing_beds"], a["occupied_beds"]), (120, 70, 85))
        self.assertAlmostEqual(a["lat"], 31.8672, places=6)
        (b,) = self.by_name("导入测试养老院乙")
        self.assertEqual(b["region"], "511903000000")
        self.assertIsNone(b["lat"], "empty lat cell is null")
        self.assertIsNone(b["credit_code"], "empty credit_code cell is null")
        self.assertIsNone(b["filing_date"], "empty date cell is null")
        (c,) = self.by_name("导入测试托育园丙")
        self.assertEqual(c["classes"], childcare_body()["classes"],
                         "classes cell type:capacity:enrolled|... parsed")

    def test_gb18030_csv(self):
        bodies = [facility_body(name="GB18030测试养老院（巴州）", credit_code=None,
                                address="巴中市巴州区“回风”路 5 号"),
                  facility_body(name="GB18030测试托育点㐀", kind="family_childcare_point",
                                credit_code=None, beds=0, nursing_beds=0, occupied_beds=0,
                                slots=5, affordable_slots=5, enrolled=4)]
        data = harness.facilities_csv(bodies).encode("gb18030")
        with self.assertRaises(UnicodeDecodeError, msg="test data must not be valid UTF-8"):
            data.decode("utf-8")
        r = self.admin.import_csv("facilities", data)
        self.assertStatus(r, 200, "import a GB18030 CSV")
        self.assertEqual(r.json.get("imported"), 2, "imported count")
        for body in bodies:
            got = self.by_name(body["name"])
            self.assertEqual(len(got), 1, "%s comes back in UTF-8" % body["name"])
            self.assertEqual(got[0]["address"], body["address"])

    def test_utf8_bom_csv(self):
        body = facility_body(name="BOM测试养老院", credit_code=None)
        data = b"\xef\xbb\xbf" + harness.facilities_csv([body]).encode("utf-8")
        r = self.admin.import_csv("facilities", data)
        self.assertStatus(r, 200, "import a UTF-8 CSV with BOM")
        self.assertEqual(r.json.get("imported"), 1, "imported count")
        (got,) = self.by_name("BOM测试养老院")
        self.assertEqual(strip_id(got), strip_id(dict(body, id=None)),
                         "every column read, the BOM not part of the first header")

    def test_id_column_updates(self):
        fac = self.admin.create_facility(facility_body(name="ID列更新测试", credit_code=None))
        before = self.total()
        row = dict(fac, beds=130, caregivers=25)
        cols = ("id",) + harness.CSV_FACILITY_COLUMNS
        r = self.admin.import_csv("facilities", harness.facilities_csv([row], cols).encode())
        self.assertStatus(r, 200, "import a row with an id")
        self.assertEqual(r.json.get("imported"), 1, "imported count")
        self.assertEqual(self.total(), before, "a row with an id updates, creates nothing")
        got = self.admin.get("/api/v1/facilities/%d" % fac["id"]).json
        self.assertEqual((got["beds"], got["caregivers"]), (130, 25), "row with id updated it")

    def test_regions_and_population_import(self):
        city = self.server.next_city_code()
        county = city[:4] + "01000000"
        csv = ("code,name,level,kind,parent\r\n%s,导入市,city,admin,510000000000\r\n"
               "%s,导入市一区,county,admin,%s\r\n" % (city, county, city))
        r = self.admin.import_csv("regions", csv.encode())
        self.assertStatus(r, 200, "import 2 regions")
        self.assertEqual(r.json.get("imported"), 2, "imported count")
        self.assertEqual(self.admin.get("/api/v1/regions/" + county).json["parent"], city)
        csv = ("region,year,metric,value,source\r\n%s,2023,residents,45678,导入\r\n"
               "%s,2023,aged_60,9876,导入\r\n" % (county, county))
        r = self.admin.import_csv("population", csv.encode("gb18030"))
        self.assertStatus(r, 200, "import 2 population figures (GB18030)")
        self.assertEqual(r.json.get("imported"), 2, "imported count")
        figs = self.admin.get("/api/v1/population", params={"region": city, "year": 2023}).json
        self.assertEqual(figs["figures"]["residents"]["value"], 45678)
        self.assertEqual(figs["figures"]["aged_60"]["origin"], "rollup")
        figs = self.admin.get("/api/v1/population", params={"region": county, "year": 2023}).json
        self.assertEqual(figs["figures"]["residents"]["source"], "导入", "GB18030 source text")


class BadImportTest(ApiTestCase):
    """One test per case in tests/data/api/import/bad_cases.json."""

    def snapshot(self, kind, data):
        rows = harness.parse_csv(data)
        head, rows = rows[0], rows[1:]
        if kind == "facilities":
            return self.admin.list_facilities(status="all")["total"]
        if kind == "regions":
            i = head.index("code")
            return {row[i]: self.admin.get("/api/v1/regions/" + row[i]).status for row in rows}
        if kind == "population":
            i, j = head.index("region"), head.index("year")
            out = {}
            for row in rows:
                r = self.admin.get("/api/v1/population", params={"region": row[i], "year": row[j]})
                out[(row[i], row[j])] = (r.status, r.text)
            return out
        raise ValueError(kind)


def _bad_import_case(case):
    def test(self):
        data = read_data(case["file"])
        what = "%s (%s)" % (case["file"], case["about"])
        head = harness.parse_csv(data)[0]
        before = self.snapshot(case["kind"], data)
        r = self.admin.import_csv(case["kind"], data)
        first = case["errors"][0]
        col_index = head.index(first["column"]) + 1
        fields = ("row %d, column %s" % (first["row"], first["column"]),
                  "row %d, column %d" % (first["row"], col_index))
        self.assertError(r, 422, field=fields, what=what)
        errors = r.json.get("errors")
        self.assertIsInstance(errors, list, what + ': body has "errors" list')
        seen = set()
        for e in errors:
            self.assertTrue({"row", "column", "message"} <= set(e),
                            what + ": error entry has row, column, message: %r" % e)
            col = e["column"]
            if isinstance(col, int):
                col = head[col - 1] if 0 < col <= len(head) else col
            seen.add((e["row"], col))
        for want in case["errors"]:
            self.assertIn((want["row"], want["column"]), seen,
                          what + ": errors name row %d column %s; got %r"
                          % (want["row"], want["column"], errors))
        self.assertEqual(self.snapshot(case["kind"], data), before,
                         what + ": a failed import changes nothing")
    return test


with open(harness.data_path("import", "bad_cases.json"), encoding="utf-8") as _f:
    for _case in json.load(_f):
        _name = "test_" + os.path.splitext(_case["file"])[0]
        setattr(BadImportTest, _name, _bad_import_case(_case))


class ExportTest(ApiTestCase):
    """Export from the module's server, import into a fresh one, compare."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.target = harness.Server(label="export target")
        cls.target_admin = cls.target.admin()

    @classmethod
    def tearDownClass(cls):
        problem = cls.target.stop()
        if problem:
            raise AssertionError("export target server: " + problem)

    def export(self, kind, region):
        r = self.admin.get("/api/v1/export/" + kind, params={"region": region})
        self.assertStatus(r, 200, "GET /export/%s?region=%s" % (kind, region))
        self.assertTrue(r.body.startswith(b"\xef\xbb\xbf"), "export starts with a UTF-8 BOM")
        return r.body

    def test_headers(self):
        rows = harness.parse_csv(self.export("facilities", "511900000000"))
        self.assertEqual(set(rows[0]), set(harness.CSV_FACILITY_COLUMNS),
                         "facility export header: the FACILITY fields except id")
        rows = harness.parse_csv(self.export("regions", "511900000000"))
        self.assertEqual(rows[0], REGION_COLUMNS, "region export header")
        codes = [r[0] for r in rows[1:]]
        self.assertIn("511902000000", codes, "巴州区 in the export of 巴中市")
        self.assertNotIn("511724000000", codes, "大竹县 (达州市) not in the export of 巴中市")
        rows = harness.parse_csv(self.export("population", "511900000000"))
        self.assertEqual(rows[0], POPULATION_COLUMNS, "population export header")
        self.assertIn(["511900000000", "2020", "residents", "2712900"],
                      [r[:4] for r in rows[1:]], "巴中市 2020 residents in the export")

    def test_facilities_round_trip(self):
        region = "511922000000"  # 南江县: only this test puts facilities there
        made = [
            facility_body(region, name="南江往返养老院",
                          credit_commitment='第一行\n第二行, 含逗号与"引号"'),
            childcare_body(region, name="南江往返托育园", lat=None, lon=None),
            facility_body(region, name="南江往返已关闭", credit_code=None,
                          closed_on="2024-03-01", closed_reason="迁址"),
            childcare_body(region, name="南江往返幼儿园托班", kind="kindergarten_nursery",
                           credit_code=None, slots=18, affordable_slots=18, enrolled=12,
                           classes=[{"type": "mixed", "capacity": 18, "enrolled": 12}],
                           filing_status="pending", filing_date=None),
        ]
        for b in made:
            self.admin.create_facility(b)
        data = self.export("facilities", region)
        self.assertEqual(len(harness.parse_csv(data)), 1 + len(made), "header + one row each")
        r = self.target_admin.import_csv("facilities", data)
        self.assertStatus(r, 200, "import the export into a fresh database")
        self.assertEqual(r.json.get("imported"), len(made), "imported count")

        def listing(admin):
            items = admin.list_facilities(region=region, status="all", per_page=100)["items"]
            return sorted((strip_id(i) for i in items), key=lambda f: f["name"])

        self.assertEqual(listing(self.target_admin), listing(self.admin),
                         "the fresh database lists the same facilities")

    def test_regions_and_population_round_trip(self):
        city, (a, b) = make_city(self.admin, self.server.next_city_code(), "往返测试市")
        self.admin.put_population(a, 2024, "residents", 100001, "往返")
        self.admin.put_population(b, 2024, "residents", 200002, "往返")
        self.admin.put_population(city, 2024, "aged_60", 55555, "往返")
        r = self.target_admin.import_csv("regions", self.export("regions", city))
        self.assertStatus(r, 200, "import the region export into a fresh database")
        self.assertEqual(r.json.get("imported"), 3, "city and two counties")
        for code in (city, a, b):
            want = self.admin.get("/api/v1/regions/" + code).json
            got = self.target_admin.get("/api/v1/regions/" + code)
            self.assertStatus(got, 200, "region %s exists after import" % code)
            self.assertEqual({k: got.json.get(k) for k in harness.REGION_FIELDS},
                             {k: want.get(k) for k in harness.REGION_FIELDS},
                             "region %s round trip" % code)
        r = self.target_admin.import_csv("population", self.export("population", city))
        self.assertStatus(r, 200, "import the population export into a fresh database")
        for code in (city, a, b):
            params = {"region": code, "year": 2024}
            self.assertEqual(self.target_admin.get("/api/v1/population", params=params).json,
                             self.admin.get("/api/v1/population", params=params).json,
                             "population of %s for 2024 round trip" % code)


class CliImportTest(ApiTestCase):
    """`laoxiao import` and `laoxiao export` on a database of their own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dir = tempfile.mkdtemp(prefix="laoxiao-cli-")
        cls.db = harness.new_db(cls.dir, "cli.db")
        harness.init_db(cls.db)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)
        harness.drop_db(cls.db)

    def cli(self, *args, ok=True):
        p = harness.run_cli(args, self.db)
        if ok and p.returncode != 0:
            self.fail("laoxiao %s exited %d: %s" % (" ".join(args), p.returncode,
                                                    p.stderr.decode("utf-8", "replace")[-1000:]))
        return p

    def export_all(self):
        return {k: self.cli("export", k).stdout for k in ("facilities", "regions", "population")}

    def test_cli_bad_imports_change_nothing(self):
        before = self.export_all()
        for name, kind in (("facilities_bad_last_row.csv", "facilities"),
                           ("facilities_two_bad_rows.csv", "facilities"),
                           ("regions_bad_last_row.csv", "regions"),
                           ("population_bad_last_row.csv", "population")):
            p = self.cli("import", kind, harness.data_path("import", name), ok=False)
            self.assertNotEqual(p.returncode, 0, "laoxiao import %s %s must fail" % (kind, name))
            self.assertTrue(p.stderr.strip(), "a failed CLI import says why on stderr")
        self.assertEqual(self.export_all(), before, "failed CLI imports changed nothing")

    def test_cli_import_ok(self):
        self.cli("import", "facilities", harness.data_path("import", "facilities_ok.csv"))
        text = self.cli("export", "facilities", "--region", "511900000000").stdout.decode("utf-8")
        for name in ("导入测试养老院甲", "导入测试养老院乙", "导入测试托育园丙"):
            self.assertIn(name, text, "CLI export shows %s after CLI import" % name)
        self.assertNotIn("导入测试养老院乙", self.cli("export", "facilities", "--region",
                                              "511902000000").stdout.decode("utf-8"),
                         "--region 巴州区 leaves out the 恩阳区 facility")
