"""laoxiao indicators --expr (docs/api.md "Evaluate"): an ad-hoc expression
over a made-up city's imported population, its value, numerator and
denominator worked out here by hand; the --json document equal to
GET /api/v1/indicators/evaluate?expression=; an unknown element refused
naming --expr and the nearest names."""

import json
import os
import tempfile
import unittest

import harness

CITY = "519300000000"
DISTRICT = "519301000000"

REGIONS = ("code,name,level,kind,parent\n"
           "%s,测算市,city,admin,510000000000\n"
           "%s,测算一区,county,admin,%s\n" % (CITY, DISTRICT, CITY))
# the city's own figures are given, so they are not summed from the district
POPULATION = ("region,year,metric,value,source\n"
              "%s,2024,residents,80000,测试\n"
              "%s,2024,aged_60,14800,测试\n"
              "%s,2024,residents,250000,测试\n"
              "%s,2024,aged_60,51000,测试\n"
              "%s,2024,aged_80,6300,测试\n" % (DISTRICT, DISTRICT, CITY, CITY, CITY))


def load_city(db):
    with tempfile.TemporaryDirectory() as tmp:
        for kind, text in (("regions", REGIONS), ("population", POPULATION)):
            path = os.path.join(tmp, kind + ".csv")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            p = harness.run_cli(["import", kind, path], db)
            assert p.returncode == 0, p.stderr


class IndicatorsExprCli(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.db = harness.new_db(cls.tmp.name)
        harness.init_db(cls.db)
        load_city(cls.db)

    @classmethod
    def tearDownClass(cls):
        harness.drop_db(cls.db)
        cls.tmp.cleanup()

    def expr(self, text, region=CITY, *more):
        return harness.run_cli(["indicators", "--expr", text, "--region", region,
                                "--period", "2024"] + list(more), self.db)

    def lines(self, p):
        self.assertEqual(p.returncode, 0, p.stderr)
        return dict(l.split(": ", 1) for l in p.stdout.decode().splitlines())

    def test_ratio_by_hand(self):
        # 51000 / 250000 × 100 = 20.4, shown to 2 places
        got = self.lines(self.expr("aged_60 / residents * 100"))
        self.assertEqual(got["value"], "20.40")
        self.assertEqual(got["numerator"], "51000")
        self.assertEqual(got["denominator"], "250000")
        self.assertIn("half up", got["rounding"])
        # 14800 / 80000 × 100 = 18.5 in the district
        got = self.lines(self.expr("aged_60 / residents * 100", DISTRICT))
        self.assertEqual((got["value"], got["numerator"], got["denominator"]),
                         ("18.50", "14800", "80000"))
        # per thousand residents, the factor written as a divisor's divisor:
        # 6300 / (250000 / 1000) = 25.2
        got = self.lines(self.expr("aged_80 / (residents / 1000)"))
        self.assertEqual((got["value"], got["numerator"], got["denominator"]),
                         ("25.20", "6300", "250000"))
        # 1/3 rounds half up: 6300 / 51000 × 100 = 12.352941… → 12.35
        got = self.lines(self.expr("aged_80 / aged_60 * 100"))
        self.assertEqual(got["value"], "12.35")

    def test_not_a_ratio(self):
        # a sum has no denominator: 51000 + 6300 = 57300
        got = self.lines(self.expr("aged_60 + aged_80"))
        self.assertEqual((got["value"], got["numerator"], got["denominator"]),
                         ("57300", "57300", "—"))

    def test_json_is_the_api_document(self):
        p = self.expr("aged_60 / residents * 100", CITY, "--json")
        self.assertEqual(p.returncode, 0, p.stderr)
        doc = json.loads(p.stdout)
        self.assertEqual(doc["value"], "20.40")
        self.assertEqual(doc["parts"], {"numerator": "aged_60", "denominator": "residents",
                                        "factor": "100"})
        self.assertEqual(doc["elements"], {"aged_60": "51000", "residents": "250000"})
        server = harness.Server(setup=load_city)
        try:
            admin = server.admin()
            api = admin.ok("GET", "/api/v1/indicators/evaluate",
                           params={"region": CITY, "period": "2024",
                                   "expression": "aged_60 / residents * 100"}).json
            self.assertEqual(api, doc)
            # one way or the other, never both
            r = admin.get("/api/v1/indicators/evaluate",
                          params={"region": CITY, "period": "2024", "expression": "aged_60",
                                  "numerator": "aged_60"})
            self.assertEqual(r.status, 422)
            self.assertEqual(r.json["error"]["field"], "expression")
            r = admin.get("/api/v1/indicators/evaluate",
                          params={"region": CITY, "period": "2024",
                                  "expression": "residnts / 100"})
            self.assertEqual(r.status, 422)
            self.assertEqual(r.json["error"]["field"], "expression")
            self.assertIn("unknown data element 'residnts' (nearest: residents, ",
                          r.json["error"]["message"])
        finally:
            server.stop()

    def test_unknown_element_names_nearest(self):
        p = self.expr("aged60 / residents * 100")
        self.assertEqual(p.returncode, 1)
        self.assertEqual(p.stderr.decode().strip(),
                         "laoxiao: --expr: unknown data element 'aged60' "
                         "(nearest: aged_60, aged_65, aged_80)")
        self.assertEqual(p.stdout, b"")

    def test_bad_combinations(self):
        p = harness.run_cli(["indicators", "--expr", "beds", "--all-nodes", "--region", CITY,
                             "--period", "2024"], self.db)
        self.assertEqual(p.returncode, 2, "--expr with --all-nodes is a usage error")
