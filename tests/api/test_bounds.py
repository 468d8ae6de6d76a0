"""Bounds at the edge: every count, population figure and text has a stated
upper bound (core/bounds.h, docs/api.md), refused with the field named and
nothing changed, so that no roll-up downstream can overflow. A population
figure given twice with two values in one file is refused naming both
rows."""

import harness
from harness import ApiTestCase, facility_body

FACILITIES = "/api/v1/facilities"
COUNT_MAX = 1000000
POPULATION_MAX = 2000000000
BAZHOU = "511902000000"


class BoundsTest(ApiTestCase):
    def count(self):
        return self.admin.get(FACILITIES, params={"region": BAZHOU, "per_page": 1}).json["total"]

    def test_huge_capacity_refused_and_nothing_changes(self):
        before = self.count()
        for beds in (2 ** 63 - 1, COUNT_MAX + 1):
            r = self.admin.post(FACILITIES, facility_body(beds=beds, nursing_beds=0,
                                                          occupied_beds=0))
            self.assertError(r, 422, field="beds")
            self.assertIn("at most 1000000", r.json["error"]["message"])
        self.assertEqual(self.count(), before, "nothing was added")
        r = self.admin.post(FACILITIES, facility_body(beds=COUNT_MAX, nursing_beds=0,
                                                      occupied_beds=0))
        self.assertEqual(r.status, 201, "the bound itself is accepted: %s" % r.text)
        # the roll-up over it stays a plain number
        r = self.admin.get("/api/v1/facilities/summary", params={"region": BAZHOU})
        self.assertEqual(r.status, 200, r.text)
        self.assertNotIn("-", str([v for v in r.json.values() if isinstance(v, int)]))

    def test_long_texts_refused(self):
        r = self.admin.post(FACILITIES, facility_body(name="院" * 900000))
        self.assertIn(r.status, (413, 422), "a 900,000-character name")
        r = self.admin.post(FACILITIES, facility_body(name="院" * 201))
        self.assertError(r, 422, field="name")
        self.assertIn("longer than 200", r.json["error"]["message"])
        r = self.admin.post(FACILITIES, facility_body(name="院" * 200))
        self.assertEqual(r.status, 201, r.text)
        r = self.admin.post(FACILITIES, facility_body(address="路" * 2001))
        self.assertError(r, 422, field="address")
        r = self.admin.post("/api/v1/persons", {"kind": "elderly", "name": "张" * 201,
                                                "id_number": "11010519491231002X",
                                                "region": BAZHOU})
        self.assertError(r, 422, field="name")

    def test_csv_counts_bounded_by_row_and_column(self):
        header = ",".join(["name", "kind", "region", "beds"])
        body = "\r\n".join([header, "甲院,elderly_institution,%s,10" % BAZHOU,
                            "乙院,elderly_institution,%s,%d" % (BAZHOU, 2 ** 63 - 1), ""])
        before = self.count()
        r = self.admin.import_csv("facilities", body)
        self.assertEqual(r.status, 422, r.text)
        errs = r.json["errors"]
        self.assertTrue(any(e["row"] == 3 and e["column"] == "beds" for e in errs), errs)
        self.assertEqual(self.count(), before, "all or nothing")

    def test_population_bounds_and_duplicates(self):
        r = self.admin.put("/api/v1/population", {"region": BAZHOU, "year": 2031,
                                                  "metric": "residents",
                                                  "value": POPULATION_MAX + 1})
        self.assertError(r, 422, field="value")
        r = self.admin.put("/api/v1/population", {"region": BAZHOU, "year": 2031,
                                                  "metric": "residents", "value": 2 ** 62})
        self.assertError(r, 422, field="value")
        body = "\r\n".join(["region,year,metric,value,source",
                            "%s,2031,residents,800000,甲" % BAZHOU,
                            "%s,2031,aged_60,200000,甲" % BAZHOU,
                            "%s,2031,residents,800001,乙" % BAZHOU, ""])
        r = self.admin.import_csv("population", body)
        self.assertEqual(r.status, 422, r.text)
        (e,) = [e for e in r.json["errors"] if e["row"] == 4]
        self.assertEqual(e["column"], "value")
        self.assertIn("row 2", e["message"], "both rows named")
        r = self.admin.get("/api/v1/population", params={"region": BAZHOU, "year": 2031})
        self.assertNotIn("800000", r.text, "nothing imported")
        # the same figure twice with one value is harmless
        body = "\r\n".join(["region,year,metric,value,source",
                            "%s,2031,residents,800000,甲" % BAZHOU,
                            "%s,2031,residents,800000,甲" % BAZHOU, ""])
        self.assertEqual(self.admin.import_csv("population", body).status, 200)
