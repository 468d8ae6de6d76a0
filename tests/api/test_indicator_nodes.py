"""Every node's indicators at once (GET /api/v1/indicators/nodes, `laoxiao
indicators --all-nodes`): each node's figures equal what GET
/api/v1/indicators gives for that node alone; the computed ones equal an
independent SQL script (bench/indicators/nodes.sql, written from
docs/policy.md) run by the sqlite3 shell on the same database; region scope
and roles; bad input; the cache serves a repeat and any write (through the
API, by another process, a policy reload) invalidates it. A synthetic city
with a person-count indicator checks the same equality down to villages."""

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import harness
from harness import ApiTestCase, childcare_body, facility_body, login_as

REPO = os.path.normpath(os.path.join(harness.HERE, "..", ".."))
BENCH = os.path.join(REPO, "bench", "indicators")
PASSWORD = "correct horse battery"
NODES = "/api/v1/indicators/nodes"

BAZHONG = "511900000000"  # 巴中市 (preset)
BAZHOU = "511902000000"   # 巴州区
ENYANG = "511903000000"   # 恩阳区
T1 = "511902101000"       # made here: townships and villages under 巴州区
T2 = "511902102000"
V1 = "511902101001"
V2 = "511902101002"

AS_OF = {"2025": "2025-12-31", "2023-05": "2023-05-31", "2024Q2": "2024-06-30",
         "2026": "2026-12-31"}


def tearDownModule():
    harness.stop_module_server(__name__)


# what nodes.sql reads
BENCH_TABLES = ("region", "facility", "capacity", "population", "reported_value",
                "person", "person_category", "person_move", "visit", "visit_tier",
                "guidance_activity", "guidance_reach", "staff", "facility_rating")


def sql_baseline(db, root, period):
    """bench/indicators/nodes.sql in the sqlite3 shell: CSV text. On
    PostgreSQL the script runs on a SQLite copy of the tables it reads."""
    params = ("CREATE TEMP TABLE bench_params AS SELECT '%s' AS root, '%s' AS period,"
              " '%s' AS as_of, %d AS year" % (root, period, AS_OF[period], int(period[:4])))
    tmp = tempfile.mkdtemp()
    try:
        src = harness.sqlite_copy(db, BENCH_TABLES, os.path.join(tmp, "copy.db"))
        with open(os.path.join(BENCH, "nodes.sql"), "rb") as script:
            p = subprocess.run(["sqlite3", "-bail", "-csv", "-header", src, "-cmd", params],
                               stdin=script, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=120)
    finally:
        shutil.rmtree(tmp)
    if p.returncode:
        raise AssertionError("nodes.sql failed: %s" % p.stderr.decode("utf-8", "replace"))
    return p.stdout.decode("utf-8")


def compare(doc, *baselines):
    """bench/indicators/compare.py over a document and CSV texts:
    (exit status, output)."""
    tmp = tempfile.mkdtemp()
    try:
        paths = [os.path.join(tmp, "laoxiao.json")]
        with open(paths[0], "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False)
        for i, text in enumerate(baselines):
            paths.append(os.path.join(tmp, "b%d.csv" % i))
            with open(paths[-1], "w", encoding="utf-8") as f:
                f.write(text)
        p = subprocess.run([sys.executable, os.path.join(BENCH, "compare.py")] + paths,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
        return p.returncode, p.stdout.decode("utf-8", "replace")
    finally:
        shutil.rmtree(tmp)


class NodesCase(ApiTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_region(T1, "测试一镇", "township", BAZHOU)
        a.create_region(T2, "测试二镇", "township", BAZHOU)
        a.create_region(V1, "测试一村", "village", T1)
        a.create_region(V2, "测试\"二\\村", "village", T1)  # JSON escapes
        # residents: villages 1000 + 2000 under a township whose own 3500
        # wins; T2 only for 2019; 巴州区 none of its own
        for region, year, value in ((V1, 2020, 1000), (V2, 2020, 2000), (T1, 2020, 3500),
                                    (T2, 2019, 500)):
            a.put_population(region, year, "residents", value)
        cls.home = a.create_facility(facility_body(
            V1, operation="public_private", beds=120, nursing_beds=70, occupied_beds=80,
            capacity_date="2023-01-01", opened_on="2021-06-01"))
        # more beds from mid-2025: 2025 sees them, 2023-05 does not
        a.ok("PATCH", "/api/v1/facilities/%d" % cls.home["id"], json_body={
            "capacity_date": "2025-06-01", "beds": 150, "nursing_beds": 90})
        a.create_facility(childcare_body(T2, filing_status="filed", slots=30,
                                         affordable_slots=20, caregivers=9))
        a.create_facility(facility_body(
            V2, ownership="private", operation="private_run", profit="forprofit",
            beds=60, nursing_beds=10, occupied_beds=30, opened_on="2020-01-01",
            closed_on="2024-06-30", closed_reason="测试: 停业"))
        a.create_facility(facility_body(
            ENYANG, ownership="private", operation="private_run", profit="forprofit",
            beds=200, nursing_beds=150, occupied_beds=100, opened_on="2019-03-01"))
        a.create_facility(facility_body(V2, opened_on="2026-02-01", beds=40, nursing_beds=5,
                                        occupied_beds=0))
        for element, region, value in (("bazhong.elderly.05", BAZHOU, 2),
                                       ("bazhong.elderly.05", ENYANG, 3),
                                       ("bazhong.elderly.16", BAZHOU, 97.5),
                                       ("beds", T1, 999)):
            a.ok("PUT", "/api/v1/reported", json_body={
                "element": element, "region": region, "period": "2025",
                "value": value, "source": "api test"})

    def nodes(self, region=BAZHONG, period="2025", client=None, **extra):
        r = (client or self.admin).get(NODES, params=dict(extra, region=region,
                                                           period=period))
        self.assertStatus(r, 200, "GET nodes %s %s" % (region, period))
        return r

    def by_code(self, doc):
        return {n["code"]: n for n in doc["nodes"]}

    def test_every_node_equals_its_own_indicators(self):
        for period in ("2025", "2023-05", "2024Q2"):
            doc = self.nodes(period=period).json
            nodes = self.by_code(doc)
            self.assertIn(V2, nodes)
            self.assertEqual(nodes[V1]["level"], "village")
            self.assertEqual(nodes[V1]["parent"], T1)
            self.assertEqual(nodes[V1]["name"], "测试一村")
            self.assertEqual(nodes[V2]["name"], '测试"二\\村')
            for code, node in nodes.items():
                r = self.admin.get("/api/v1/indicators",
                                   params={"region": code, "period": period})
                self.assertStatus(r, 200)
                one = r.json["indicators"]
                self.assertEqual(sorted(node["indicators"]), sorted(i["id"] for i in one),
                                 "%s %s: the same indicators" % (code, period))
                for ind in one:
                    got = node["indicators"][ind["id"]]
                    want = {k: ind[k] for k in ("value", "numerator", "denominator", "status")
                            if k in ind}
                    have = {k: got[k] for k in ("value", "numerator", "denominator", "status")
                            if k in got}
                    self.assertEqual(have, want, "%s %s %s" % (code, period, ind["id"]))

    def test_figures_that_follow_from_the_data(self):
        nodes = self.by_code(self.nodes(period="2025").json)
        beds = lambda code: nodes[code]["indicators"]["bazhong.elderly.01"]["numerator"]
        # V1: 150 beds from mid-2025; V2: closed in 2024, the other opens 2026
        self.assertEqual(beds(V1), "150")
        self.assertIsNone(beds(V2), "nothing open in V2: no value, not 0")
        self.assertEqual(beds(T1), "999", "the township's reported beds win")
        self.assertEqual(beds(BAZHOU), "150", "the county sums the registry, not T1's report")
        slots = nodes[T2]["indicators"]["bazhong.childcare.09"]
        self.assertEqual((slots["numerator"], slots["denominator"]), ("30", "500"),
                         "T2's residents: its latest year, 2019")
        county = nodes[BAZHOU]["indicators"]["bazhong.childcare.09"]
        self.assertEqual(county["denominator"], "3500", "T1's own 3500 (2020) beats 1000 + 2000")
        self.assertEqual(nodes[BAZHONG]["indicators"]["bazhong.elderly.05"]["value"], "5",
                         "a summable report rolls up: 2 + 3")
        self.assertIsNone(nodes[BAZHONG]["indicators"]["bazhong.elderly.16"]["value"],
                          "a rate reported at a county does not roll up")
        old = self.by_code(self.nodes(period="2023-05").json)
        self.assertEqual(old[V1]["indicators"]["bazhong.elderly.01"]["numerator"], "120")
        self.assertEqual(old[V2]["indicators"]["bazhong.elderly.01"]["numerator"], "60")

    def test_computed_indicators_equal_the_sql_script(self):
        # 2026: the reports of 2025 stay in force where no newer figure is
        for period in ("2025", "2023-05", "2026"):
            doc = self.nodes(period=period).json
            if period == "2026":
                self.assertTrue(any(i.get("stated") == "2025" for n in doc["nodes"]
                                    for i in n["indicators"].values()),
                                "some 2026 figures rest on 2025 reports")
            status, out = compare(doc, sql_baseline(self.server.db, BAZHONG, period))
            self.assertEqual(status, 0, "%s:\n%s" % (period, out))
            # 7 from the registry and population, the monthly visit rate,
            # the parenting-guidance coverage, the childcare staff's
            # certified share, the star-rated childcare institutions
            self.assertIn("agree: %d nodes, 11 indicators" % len(doc["nodes"]), out)

    def test_compare_fails_on_a_disagreement(self):
        doc = self.nodes().json
        text = sql_baseline(self.server.db, BAZHONG, "2025")
        rows = text.splitlines()
        i = next(k for k, line in enumerate(rows)
                 if line.startswith(V1 + ",bazhong.elderly.01,"))
        rows[i] = V1 + ",bazhong.elderly.01,0.0151,151,"
        status, out = compare(doc, "\n".join(rows) + "\n")
        self.assertEqual(status, 1, out)
        self.assertIn("DISAGREE", out)

    def test_csv_holds_the_same_figures(self):
        doc = self.nodes().json
        r = self.nodes(format="csv")
        self.assertTrue(r.header("Content-Type").startswith("text/csv"))
        self.assertTrue(r.body.startswith(b"\xef\xbb\xbf"))
        rows = list(csv.DictReader(io.StringIO(r.body.decode("utf-8-sig"))))
        nodes = self.by_code(doc)
        self.assertEqual(len(rows), sum(len(n["indicators"]) for n in doc["nodes"]))
        for row in rows:
            got = nodes[row["code"]]["indicators"][row["indicator"]]
            for k in ("value", "numerator", "denominator"):
                want = got.get(k)
                self.assertEqual(float(row[k]) if row[k] else None,
                                 None if want is None else float(want),
                                 "%s %s %s" % (row["code"], row["indicator"], k))
            self.assertEqual(row["status"], got["status"])
            self.assertEqual(row["level"], nodes[row["code"]]["level"])

    def test_cli_prints_the_same_document(self):
        p = harness.run_cli(["indicators", "--all-nodes", "--json", "--region", BAZHONG,
                             "--period", "2025"], self.server.db)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(json.loads(p.stdout), self.nodes().json)
        p = harness.run_cli(["indicators", "--all-nodes", "--csv", "--region", BAZHOU,
                             "--period", "2025"], self.server.db)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout, self.nodes(region=BAZHOU, format="csv").body)
        p = harness.run_cli(["indicators", "--all-nodes", "--region", BAZHOU,
                             "--period", "2025-13"], self.server.db)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("period", p.stderr.decode("utf-8"))

    def test_scope_and_roles(self):
        self.admin.create_user("nodes_county", "county_official", BAZHOU)
        self.admin.create_user("nodes_operator", "operator", BAZHOU)
        self.admin.create_user("nodes_readonly", "readonly", BAZHOU)
        county = login_as(self.server, "nodes_county", PASSWORD)
        codes = [n["code"] for n in self.nodes(region=BAZHOU, client=county).json["nodes"]]
        self.assertEqual(sorted(codes), sorted([BAZHOU, T1, T2, V1, V2]))
        self.assertDenied(county.get(NODES, params={"region": BAZHONG, "period": "2025"}),
                          what="county official asks for the city")
        self.assertDenied(county.get(NODES, params={"region": ENYANG, "period": "2025"}),
                          what="county official asks for another county")
        for name in ("nodes_operator", "nodes_readonly"):
            c = login_as(self.server, name, PASSWORD)
            self.assertError(c.get(NODES, params={"region": BAZHOU, "period": "2025"}), 403,
                             what=name)
        self.assertError(harness.Client(self.server).get(
            NODES, params={"region": BAZHOU, "period": "2025"}), 401)

    def test_bad_input_names_the_field(self):
        a = self.admin
        self.assertError(a.get(NODES, params={"region": BAZHOU, "period": "2025-13"}),
                         (400, 422), "period")
        self.assertError(a.get(NODES, params={"region": BAZHOU}), (400, 422), "period")
        self.assertError(a.get(NODES, params={"period": "2025"}), (400, 422), "region")
        self.assertError(a.get(NODES, params={"region": "5119", "period": "2025"}),
                         (400, 404, 422), "region")
        self.assertError(a.get(NODES, params={"region": "511902999000", "period": "2025"}),
                         404, "region")
        self.assertError(a.get(NODES, params={"region": BAZHOU, "period": "2025",
                                              "format": "xml"}), (400, 422), "format")
        self.assertError(a.get(NODES, params={"region": BAZHOU, "period": "2025",
                                              "depth": "2"}), (400, 422), "depth")

    def test_dashboard_is_cached_until_a_write(self):
        # the dashboard's document (/api/v1/indicators) rides the same
        # cache: a township of its own, an element no other test reads
        t4 = "511903102000"
        self.admin.create_region(t4, "看板缓存镇", "township", ENYANG)

        def get():
            r = self.admin.get("/api/v1/indicators", params={"region": t4, "period": "2025"})
            self.assertStatus(r, 200, "GET indicators")
            item = next(i for i in r.json["indicators"] if i["id"] == "bazhong.elderly.06")
            return r.header("X-Cache"), item["value"]

        def put(value):
            self.admin.ok("PUT", "/api/v1/reported", json_body={
                "element": "bazhong.elderly.06", "region": t4, "period": "2025",
                "value": value, "source": "api test"})

        put(3)
        for _ in range(20):
            state, value = get()
            if state == "hit":
                break
        self.assertEqual((state, value), ("hit", "3"))
        put(5)
        self.assertEqual(get(), ("miss", "5"), "a write invalidates the dashboard")

    def test_cache_serves_a_repeat_and_any_write_invalidates_it(self):
        # its own corner (恩阳区, a township made here, an element no other
        # test reads), so the writes here change no other test's figures
        t3 = "511903101000"
        self.admin.create_region(t3, "缓存测试镇", "township", ENYANG)

        def get():
            r = self.nodes(region=ENYANG)
            return r.header("X-Cache"), self.by_code(r.json)

        def put(value):
            self.admin.ok("PUT", "/api/v1/reported", json_body={
                "element": "bazhong.elderly.06", "region": t3, "period": "2025",
                "value": value, "source": "api test"})

        put(4)
        # the server has several threads, each with its own connection; a
        # connection asking for the first time counts as a change, so
        # repeat until one answer comes from the cache
        for _ in range(20):
            state, nodes = get()
            if state == "hit":
                break
        self.assertEqual(state, "hit", "a repeated request is served from the cache")
        self.assertEqual(nodes[ENYANG]["indicators"]["bazhong.elderly.06"]["value"], "4")

        put(6)
        state, nodes = get()
        self.assertEqual(state, "miss", "a write through the API invalidates")
        self.assertEqual(nodes[ENYANG]["indicators"]["bazhong.elderly.06"]["value"], "6")

        # another process writes the file
        tmp = tempfile.mkdtemp()
        try:
            path = os.path.join(tmp, "r.csv")
            with open(path, "w", encoding="utf-8") as f:
                f.write("element,region,period,value,text,source\n"
                        "bazhong.elderly.06,%s,2025,9,,test\n" % t3)
            p = harness.run_cli(["import", "reported", path], self.server.db)
            self.assertEqual(p.returncode, 0, p.stderr)
        finally:
            shutil.rmtree(tmp)
        for _ in range(20):
            state, nodes = get()
            self.assertEqual(nodes[ENYANG]["indicators"]["bazhong.elderly.06"]["value"], "9",
                             "a write by another process is seen (X-Cache %s)" % state)
            if state == "hit":
                break
        self.assertEqual(state, "hit")

        r = self.admin.post("/api/v1/policies/reload")
        self.assertStatus(r, 200)
        state, _ = get()
        self.assertEqual(state, "miss", "a policy reload invalidates")


class SyntheticCityCase(ApiTestCase):
    """A small synthetic 巴中 (laoxiao synth) with an indicator over people
    counts added to a copy of the policies: the bulk evaluation equals the
    single-region one at nodes of every level, and the SQL script agrees on
    the plan's computed indicators."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tmp = tempfile.mkdtemp()
        cls.db = harness.new_db(cls.tmp, "synth.db")
        p = harness.run_cli(["synth", "--preset", BAZHONG, "--scale", "0.01"], cls.db,
                            timeout=300)
        if p.returncode:
            raise AssertionError("synth failed: %s" % p.stderr.decode("utf-8", "replace"))
        cls.policies = os.path.join(cls.tmp, "policies")
        shutil.copytree(os.path.join(REPO, "policies"), cls.policies)
        path = os.path.join(cls.policies, "511900000000-bazhong.json")
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        extra = dict(next(i for i in doc["indicators"] if i["id"] == "bazhong.elderly.02"))
        extra.update({"id": "test.persons.aged_80", "seq": 99,
                      "numerator": "persons.elderly.aged_80", "denominator": "aged_60",
                      "source": "api test: people counted in the registry"})
        doc["indicators"].append(extra)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)
        harness.drop_db(cls.db)

    def cli_json(self, *args):
        p = harness.run_cli(["indicators", "--policies", self.policies] + list(args),
                            self.db, timeout=120)
        self.assertEqual(p.returncode, 0, p.stderr)
        return json.loads(p.stdout)

    def test_bulk_equals_single_at_every_level(self):
        doc = self.cli_json("--all-nodes", "--json", "--region", BAZHONG, "--period", "2025")
        by_level = {}
        for n in doc["nodes"]:
            by_level.setdefault(n["level"], []).append(n)
        self.assertEqual(sorted(by_level), ["city", "county", "township", "village"])
        sample = by_level["city"] + by_level["county"][:3] + by_level["township"][:3] + \
            by_level["village"][:3] + by_level["village"][-2:]
        persons_seen = 0
        for node in sample:
            one = self.cli_json("--json", "--region", node["code"], "--period", "2025")
            for ind in one["indicators"]:
                got = node["indicators"][ind["id"]]
                for k in ("value", "numerator", "denominator", "status"):
                    self.assertEqual(got.get(k), ind.get(k),
                                     "%s %s %s" % (node["code"], ind["id"], k))
            persons_seen += int(node["indicators"]["test.persons.aged_80"]["numerator"] or 0)
        self.assertGreater(persons_seen, 0, "the synthetic city has people aged 80+")

    def test_sql_script_agrees(self):
        doc = self.cli_json("--all-nodes", "--json", "--region", BAZHONG, "--period", "2025")
        # the script knows the plan's seven formulas, not the one added here
        doc["indicators"] = [i for i in doc["indicators"]
                             if i["id"] != "test.persons.aged_80"]
        status, out = compare(doc, sql_baseline(self.db, BAZHONG, "2025"))
        self.assertEqual(status, 0, out)


# A float artefact: a run of five or more 9s or 0s after a decimal point
# (0.30000000000000004, 12208.049999999999), or an exponent (1e-05).
FLOAT_ARTEFACT = re.compile(r"\.\d*(9{5,}|0{5,})\d*|(?<![\w.])\d+(\.\d+)?[eE][+-]?\d+(?!\w)")


class SyntheticCityExactFiguresCase(unittest.TestCase):
    """A synthetic 巴中 (1%) served: every indicator endpoint (each region's
    document, every node in JSON and CSV, every indicator's series, the
    expression endpoint and the bulletin CSV) answers with exact decimal
    text, never a figure printed from a double."""

    @classmethod
    def setUpClass(cls):
        cls.server = harness.synth_server("synth-exact")
        cls.admin = harness.login_as(cls.server, "admin", cls.server.admin_password)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def scan(self, what, text):
        m = FLOAT_ARTEFACT.search(text)
        self.assertIsNone(m, "%s: a float artefact %r in %s"
                          % (what, m and m.group(0), text[max(0, (m.start() if m else 0) - 80):
                                                          (m.end() if m else 0) + 80]))

    def get(self, path, **params):
        r = self.admin.get(path, params=params)
        self.assertEqual(r.status, 200, "%s %r: %s" % (path, params, r.summary()))
        return r

    def assert_no_json_real(self, what, value):
        """Every number in the answer is a whole number (counts, years,
        places); figures with decimals are strings."""
        if isinstance(value, float):
            self.fail("%s: a JSON real %r" % (what, value))
        if isinstance(value, dict):
            for k, v in value.items():
                self.assert_no_json_real("%s.%s" % (what, k), v)
        if isinstance(value, list):
            for k, v in enumerate(value):
                self.assert_no_json_real("%s[%d]" % (what, k), v)

    def test_every_indicator_endpoint_is_exact(self):
        period = "2025"
        nodes = self.get("/api/v1/indicators/nodes", region=BAZHONG, period=period)
        self.scan("nodes json", nodes.text)
        self.assert_no_json_real("nodes", nodes.json)
        doc = nodes.json
        values = [ind["value"] for n in doc["nodes"] for ind in n["indicators"].values()
                  if ind.get("value") is not None]
        self.assertGreater(len(values), 50, "the synthetic city has figures to check")
        self.assertTrue(any("." in v for v in values),
                        "some figures have decimals (ratios), so the scan means something")
        csv_r = self.get("/api/v1/indicators/nodes", region=BAZHONG, period=period,
                         format="csv")
        self.scan("nodes csv", csv_r.text)
        by_level = {}
        for n in doc["nodes"]:
            by_level.setdefault(n["level"], []).append(n["code"])
        sample = [BAZHONG] + by_level["county"][:3] + by_level["township"][:3] + \
            by_level["village"][:3]
        for code in sample:
            for p in (period, "2023-05", "2024Q2"):
                r = self.get("/api/v1/indicators", region=code, period=p)
                self.scan("indicators %s %s" % (code, p), r.text)
                self.assert_no_json_real("indicators %s %s" % (code, p), r.json)
            r = self.get("/api/v1/reports/bulletin", region=code, period=period, format="csv")
            self.scan("bulletin %s" % code, r.text)
        for ind in doc["indicators"]:
            r = self.get("/api/v1/indicators/%s/series" % ind["id"], region=BAZHONG,
                         **{"from": "2020", "to": "2026"})
            self.scan("series %s" % ind["id"], r.text)
            self.assert_no_json_real("series %s" % ind["id"], r.json)
            if ind["numerator"]:
                r = self.get("/api/v1/indicators/evaluate", region=BAZHONG, period=period,
                             numerator=ind["numerator"],
                             **({"denominator": ind["denominator"]} if ind["denominator"]
                                else {}), factor=ind["factor"])
                self.scan("evaluate %s" % ind["id"], r.text)
                self.assert_no_json_real("evaluate %s" % ind["id"], r.json)

    def test_the_scan_would_catch_an_artefact(self):
        for bad in ('{"value":12208.049999999999}', '"5414.8500000000004"', '1e-05',
                    '"0.30000000000000004"'):
            self.assertIsNotNone(FLOAT_ARTEFACT.search(bad), bad)
        for good in ('"12208.05"', '"5414.85"', '"0.13"', '"100"', '"2025-12-31"'):
            self.assertIsNone(FLOAT_ARTEFACT.search(good), good)
