"""The department reporting form (docs/api.md "Reporting form").

A copy of the policies where 景德镇's indicator rows name departments as
this file sets them (every other row's department cleared, so the test does
not hang on the shipped files): 市卫健委 on three rows, 市卫生健康委 (the
same department, its alias in the directory) on one, a cell naming
市民政局 as lead and 市卫健委 as participant on one, 市民政局 alone on two,
and a county government (not a reporter) on one. Who sees which rows, the
completeness counts and rates are computed here from that assignment."""

import json
import os
import shutil
import tempfile
import unittest
from fractions import Fraction

import harness
from harness import login_as

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JDZ = "360200000000"
PASSWORD = "correct horse battery"
PERIOD = "2025"

WJW = "市卫生健康委"      # the directory's name
MZJ = "市民政局"
CELLS = [
    "市卫健委", "市卫健委", "市卫健委", "市卫生健康委",
    "市民政局牵头，市卫健委参加", "市民政局", "市民政局",
    "各县（市、区）人民政府",
]


def numeric_rows(doc):
    return [i for i in doc["indicators"]
            if i["target"].get("op") != "text" and not i.get("regional")]


def half_up_1(f):
    q = f * 10
    n = int(q) + (1 if q - int(q) >= Fraction(1, 2) else 0)
    return "%d.%d" % (n // 10, n % 10)


class ReportFormTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.pol = tempfile.mkdtemp(prefix="laoxiao-report-form-")
        shutil.copytree(os.path.join(REPO, "policies"), cls.pol, dirs_exist_ok=True)
        path = os.path.join(cls.pol, "360200000000-jingdezhen.json")
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
        for i in doc["indicators"]:
            i["department"] = None
        rows = numeric_rows(doc)[:len(CELLS)]
        for i, cell in zip(rows, CELLS):
            i["department"] = cell
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(doc, fh, ensure_ascii=False)
        cls.ids = [i["id"] for i in rows]
        cls.names = {i["id"]: i["name"] for i in rows}
        # who reports which row, from the cells above (aliases resolved)
        cls.wjw_rows = cls.ids[0:5]
        cls.mzj_rows = cls.ids[4:7]
        cls.server = harness.Server(label="report-form",
                                    serve_args=["--policies", cls.pol])
        a = cls.admin = cls.server.admin()
        depts = {}
        for name, aliases in ((WJW, ["市卫健委"]), (MZJ, [])):
            r = a.post("/api/v1/departments", {"region": JDZ, "name": name,
                                               "kind": "department",
                                               "aliases": aliases})
            assert r.status == 201, r.summary()
            depts[name] = r.json["id"]
        a.create_user("rf_wjw", "dept_official", JDZ, password=PASSWORD,
                      department_id=depts[WJW])
        a.create_user("rf_mzj", "dept_official", JDZ, password=PASSWORD,
                      department_id=depts[MZJ])
        a.create_user("rf_none", "dept_official", JDZ, password=PASSWORD)
        a.create_user("rf_city", "city_official", JDZ, password=PASSWORD)
        a.create_user("rf_ro", "readonly", JDZ, password=PASSWORD)
        cls.wjw = login_as(cls.server, "rf_wjw", PASSWORD)
        cls.mzj = login_as(cls.server, "rf_mzj", PASSWORD)
        cls.city = login_as(cls.server, "rf_city", PASSWORD)

    @classmethod
    def tearDownClass(cls):
        problem = cls.server.stop()
        shutil.rmtree(cls.pol, ignore_errors=True)
        assert not problem, problem

    def form(self, client, period=PERIOD):
        return client.ok("GET", "/api/v1/report-form",
                         params={"region": JDZ, "period": period}).json

    def stored(self):
        return sorted(harness.db_rows(
            self.server.db, "SELECT element, value, source FROM reported_value"
            " WHERE region = ? AND period = ?", (JDZ, PERIOD)))

    def test_a_department_sees_only_its_rows(self):
        f = self.form(self.wjw)
        self.assertEqual(f["department"], WJW)
        self.assertEqual([r["indicator"] for r in f["rows"]], self.wjw_rows)
        self.assertEqual(f["due"], len(self.wjw_rows))
        for r in f["rows"]:
            self.assertEqual(r["name"], self.names[r["indicator"]])
            self.assertIn("target", r)
            self.assertIn("unit", r)
        self.assertEqual([c["department"] for c in f["completeness"]], [WJW])
        g = self.form(self.mzj)
        self.assertEqual([r["indicator"] for r in g["rows"]], self.mzj_rows)

    def test_b_bad_values_all_named_and_nothing_written(self):
        before = self.stored()
        r = self.wjw.post("/api/v1/report-form", {
            "region": JDZ, "period": PERIOD, "values": [
                {"indicator": self.ids[0], "value": "96.45"},
                {"indicator": self.ids[1], "value": "12.3.4"},
                {"indicator": self.ids[2], "value": "-1"},
                {"indicator": self.ids[5], "value": "3"},   # 民政局's row
            ]})
        self.assertEqual(r.status, 422, r.summary())
        errs = {(e["indicator"], e["field"]) for e in r.json["errors"]}
        self.assertEqual(errs, {(self.ids[1], "value"), (self.ids[2], "value"),
                                (self.ids[5], "indicator")})
        named = {e["indicator"]: e.get("name") for e in r.json["errors"]}
        self.assertEqual(named[self.ids[1]], self.names[self.ids[1]])
        self.assertEqual(self.stored(), before)

    def test_c_save_writes_exactly_those_values(self):
        r = self.wjw.post("/api/v1/report-form", {
            "region": JDZ, "period": PERIOD, "values": [
                {"indicator": self.ids[0], "value": "96.45"},
                {"indicator": self.ids[3], "value": "12", "note": "年报"},
                {"indicator": self.ids[1], "value": ""},   # blank: not given
            ]})
        self.assertEqual(r.status, 200, r.summary())
        self.assertEqual((r.json["filled"], r.json["due"]), (2, 5))
        got = {e: (v, s) for e, v, s in self.stored()}
        self.assertEqual(set(got), {self.ids[0], self.ids[3]})
        self.assertEqual(got[self.ids[0]][0], 96.45)
        self.assertEqual(got[self.ids[3]][0], 12)
        self.assertIn("年报", got[self.ids[3]][1])
        rows = {x["indicator"]: x for x in r.json["rows"]}
        self.assertEqual(rows[self.ids[0]]["current"]["value"], "96.45")
        self.assertIsNone(rows[self.ids[1]]["current"])
        # the indicators API reads the values saved
        ind = self.city.ok("GET", "/api/v1/indicators",
                           params={"region": JDZ, "period": PERIOD}).json
        by = {i["id"]: i for i in ind["indicators"]}
        self.assertEqual(Fraction(by[self.ids[0]]["value"]), Fraction("96.45"))
        self.assertEqual(Fraction(by[self.ids[3]]["value"]), 12)
        # audited as one form
        audit = self.admin.ok("GET", "/api/v1/audit",
                              params={"entity": "report_form"}).json
        items = audit.get("items", audit)
        self.assertTrue(any(a.get("action") == "report" for a in items), items)

    def test_d_last_value_of_an_earlier_period(self):
        self.wjw.ok("POST", "/api/v1/report-form", json_body={
            "region": JDZ, "period": "2024", "values": [
                {"indicator": self.ids[2], "value": "50"}]})
        f = self.form(self.wjw)
        row = [x for x in f["rows"] if x["indicator"] == self.ids[2]][0]
        self.assertEqual(row["last"]["period"], "2024")
        self.assertEqual(row["last"]["value"], "50")
        self.assertIsNone(row["current"])

    def test_e_city_sees_every_departments_completeness(self):
        f = self.form(self.city)
        filled = {e for e, _, _ in self.stored()}
        want = {}
        for name, rows in ((WJW, self.wjw_rows), (MZJ, self.mzj_rows)):
            n = sum(1 for i in rows if i in filled)
            want[name] = (len(rows), n, half_up_1(Fraction(n * 100, len(rows))))
        got = {c["department"]: (c["due"], c["filled"], c["rate"])
               for c in f["completeness"]}
        self.assertEqual(got, want)
        # the county government's row is nobody's to report
        self.assertNotIn(self.ids[7], [r["indicator"] for r in f["rows"]])

    def test_f_who_may_not(self):
        ro = login_as(self.server, "rf_ro", PASSWORD)
        r = ro.post("/api/v1/report-form", {"region": JDZ, "period": PERIOD,
                                            "values": []})
        self.assertEqual(r.status, 403)
        none = login_as(self.server, "rf_none", PASSWORD)
        r = none.get("/api/v1/report-form", params={"region": JDZ, "period": PERIOD})
        self.assertEqual(r.status, 403)
        r = self.wjw.get("/api/v1/report-form", params={"region": JDZ, "period": "2025Q5"})
        self.assertEqual(r.status, 422)
        self.assertEqual(r.json["error"]["field"], "period")


if __name__ == "__main__":
    unittest.main()
