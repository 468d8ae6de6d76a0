"""Errors that teach in imports (issue 24): an unknown metric, level,
element, category or kind names the accepted values when there are at most
12, else the three nearest (edit distance, computed here independently);
a row whose region or parent region is not in the registry says which
code, in which row, and the level its code gives. Every message asserted
whole; after each refused file, nothing in the database changed."""

import csv
import json
import io
import os
import tempfile
import unittest
from datetime import date

import harness
import idnumbers

ISSUER = idnumbers.Issuer(("511902",), "137", 34567123, 1000)

METRICS = ("residents, urban_residents, registered, households, aged_60, aged_65, "
           "aged_80, children_0_3, aged_0_14, family_households, family_household_persons")
LEVELS = "province, city, county, township, village"
FACILITY_KINDS = ("elderly_institution, community_complex, day_care_center, regional_center, "
                  "mutual_aid_point, meal_point, home_bed_provider, childcare_institution, "
                  "family_childcare_point, kindergarten_nursery")
# docs/api.md "People": the 15 category codes, in their documented order
CATEGORIES = ("tekun_centralized", "tekun_dispersed", "dibao", "low_income", "disabled",
              "partly_disabled", "dementia", "advanced_age", "empty_nest", "left_behind",
              "living_alone", "severe_disability", "family_planning_special", "urban", "rural")

TABLES = ("region", "population", "facility", "person", "reported_value")


def distance(a, b):
    """Levenshtein over bytes, ASCII letters without case."""
    a, b = a.lower().encode(), b.lower().encode()
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def nearest(word, names, k=3):
    # sorted() is stable: equal distances keep the list's order
    return sorted(names, key=lambda n: distance(word, n))[:k]


class ImportErrorsTeach(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.db = harness.new_db(cls.tmp.name)
        harness.init_db(cls.db)

    @classmethod
    def tearDownClass(cls):
        harness.drop_db(cls.db)
        cls.tmp.cleanup()

    def counts(self):
        return {t: harness.db_rows(self.db, "SELECT COUNT(*) FROM %s" % t)[0][0] for t in TABLES}

    def refused(self, kind, text):
        """Imports text as KIND, expects a refusal; returns the error lines
        ("row N, column 'C': message") and checks nothing changed."""
        path = os.path.join(self.tmp.name, kind + ".csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        before = self.counts()
        p = harness.run_cli(["import", kind, path], self.db)
        err = p.stderr.decode()
        self.assertEqual(p.returncode, 1, err)
        self.assertIn("was not imported; nothing changed.", err)
        self.assertEqual(self.counts(), before, "a refused import writes nothing")
        return [l.strip() for l in err.splitlines()[1:]]

    def test_population_metric_and_missing_region(self):
        lines = self.refused("population",
                             "region,year,metric,value,source\n"
                             "511902000000,2019,aged60,250000,测试\n"
                             "519999000000,2019,aged_60,3,测试\n")
        self.assertEqual(lines, [
            "row 2, column 'metric': unknown metric 'aged60' (accepted: %s)" % METRICS,
            "row 3, column 'region': no region '519999000000': a county by its code, "
            "to add or import first",
        ])

    def test_regions_level_and_missing_parent(self):
        lines = self.refused("regions",
                             "code,name,level,kind,parent\n"
                             "518700000000,导入测试市丙,city,admin,510000000000\n"
                             "518601000000,导入测试孤县,county,admin,518600000000\n"
                             "518701000000,导入测试县,countyy,admin,518700000000\n"
                             "518702001000,导入测试镇,township,admin,518702000000\n"
                             "518801000000,导入测试错县,county,admin,518700000000\n")
        self.assertEqual(lines, [
            "row 3, column 'parent': parent region '518600000000' does not exist: "
            "a city by its code, to add or import first",
            "row 4, column 'level': unknown level 'countyy' (accepted: %s)" % LEVELS,
            "row 5, column 'parent': parent region '518702000000' does not exist: "
            "a county by its code, to add or import first",
            # the parent a county's code expects: its first four digits
            "row 6, column 'parent': 'parent' 518700000000 is not an ancestor of "
            "518801000000 by code; its parent by code is the city 518800000000 "
            "(or a region above it)",
        ])

    def test_facility_kind_and_missing_township(self):
        head = ("name,kind,region,ownership,operation,profit,beds\n")
        lines = self.refused("facilities", head +
                             "教学院甲,elderly_instituion,511902000000,public,public_private,"
                             "nonprofit,10\n"
                             "教学院乙,elderly_institution,519999001000,public,public_private,"
                             "nonprofit,10\n")
        self.assertEqual(lines, [
            "row 2, column 'kind': 'kind' must be one of %s, not 'elderly_instituion'"
            % FACILITY_KINDS,
            "row 3, column 'region': no region '519999001000': a township by its code, "
            "to add or import first",
        ])

    def test_person_category_names_the_nearest(self):
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(("kind", "id_number", "name", "region", "categories"))
        w.writerow(("elderly", ISSUER.new_id(date(1946, 3, 4)), "教学甲", "511902000000",
                    "dibaoo:2020-01-01"))
        w.writerow(("elderly", ISSUER.new_id(date(1947, 5, 6)), "教学乙", "511902000000",
                    "living_along:2020-01-01"))
        lines = self.refused("persons", out.getvalue())
        want = nearest("dibaoo", CATEGORIES)
        self.assertEqual(want[0], "dibao")
        self.assertEqual(lines[0],
                         "row 2, column 'categories': category 1: unknown category 'dibaoo' "
                         "(nearest: %s)" % ", ".join(want))
        want = nearest("living_along", CATEGORIES)
        self.assertEqual(want[0], "living_alone")
        self.assertEqual(lines[1],
                         "row 3, column 'categories': category 1: unknown category "
                         "'living_along' (nearest: %s)" % ", ".join(want))
        self.assertEqual(len(lines), 2)

    def test_reported_element_names_the_nearest(self):
        lines = self.refused("reported",
                             "element,region,period,value,text,source\n"
                             "bazhong.elderly.4,511900000000,2025,3,,测试\n")
        self.assertEqual(len(lines), 1)
        # two names one edit away (巴中's 04 and 14), then the rest
        self.assertTrue(lines[0].startswith(
            "row 2, column 'element': no data element or indicator 'bazhong.elderly.4' "
            "applies to '511900000000' (nearest: bazhong.elderly.04, bazhong.elderly.14, "),
            lines[0])

    def test_a_good_file_still_imports(self):
        # the same columns, right: the refusals above are about the values
        path = os.path.join(self.tmp.name, "ok.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("region,year,metric,value,source\n511902000000,2019,aged_60,250000,测试\n")
        p = harness.run_cli(["import", "population", path], self.db)
        self.assertEqual(p.returncode, 0, p.stderr)


class StaffCodesTeach(harness.ApiTestCase):
    """The staff register's occupation and certificate level (巴中's policy
    lists them) named in full when one is unknown; nothing written."""

    @classmethod
    def setUpClass(cls):
        cls.server = harness.Server()
        cls.admin = cls.server.admin()
        cls.home = cls.admin.create_facility(harness.facility_body(name="教学养老院"))
        with open(os.path.join(harness.HERE, "..", "..", "policies",
                               "511900000000-bazhong.json"), encoding="utf-8") as f:
            staff = json.load(f)["staff"]
        cls.occupations = ", ".join(o["code"] for o in staff["occupations"])
        cls.levels = ", ".join(l["code"] for l in staff["cert_levels"])

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def post(self, **over):
        body = {"facility_id": self.home["id"], "id_number": ISSUER.new_id(date(1980, 2, 3)),
                "name": "教学员工", "occupation": "eldercare_worker",
                "contract_from": "2024-01-01"}
        body.update(over)
        return self.admin.post("/api/v1/inspect/staff", body)

    def test_occupation_and_level(self):
        before = harness.db_rows(self.server.db, "SELECT COUNT(*) FROM staff")
        r = self.post(occupation="eldercare_workr")
        self.assertEqual(r.status, 422, r.summary())
        self.assertEqual(r.json["error"]["message"],
                         "'occupation' must be one of the policy's occupations, not "
                         "'eldercare_workr' (accepted: %s)" % self.occupations)
        r = self.post(certificate="养老护理员证", cert_level="6")
        self.assertEqual(r.status, 422, r.summary())
        self.assertEqual(r.json["error"]["message"],
                         "'cert_level' must be one of the policy's certificate levels, "
                         "not '6' (accepted: %s)" % self.levels)
        self.assertEqual(harness.db_rows(self.server.db, "SELECT COUNT(*) FROM staff"), before)
