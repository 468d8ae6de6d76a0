"""`laoxiao synth`: a synthetic 巴中 at scale 0.01, checked against the
preset's published figures scaled by hand (round half up), against the
database read directly (sqlite3 or psql, not through laoxiao), and through the API.

Published figures (seed 000, 一(三) and 一(一)): 2,712,900 residents,
663,400 aged 60+, 533,700 aged 65+, 86,900 children under 3; 74 elderly
institutions with 8,749 beds of which 4,961 nursing; 19 childcare
institutions with 4,662 slots. 80+ is 2.6万 of 19.10万 (seed 001, 大竹)."""

import csv
import datetime
import io
import json
import math
import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
import unittest

import creditcode
import harness
import idnumbers

BAZHONG = "511900000000"
SCALE = 0.01
REF = datetime.date(2020, 11, 1)


def scaled(n, scale=SCALE):
    return math.floor(n * scale + 0.5)


def age_on(birth, day):
    b = datetime.date.fromisoformat(birth)
    return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


def synth(db, *extra):
    p = harness.run_cli(["synth", "--preset", BAZHONG, "--scale", str(SCALE),
                         "--json"] + list(extra), db, timeout=600)
    out = p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace")
    for marker in harness.SANITIZER_MARKERS:
        assert marker not in err, "sanitizer report: %s" % err[-3000:]
    return p.returncode, out, err


def report(out):
    return json.loads(out[out.index("{"):])


class SynthCityTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="laoxiao-synth-")
        cls.db = harness.new_db(cls.dir, "city.db")
        rc, out, err = synth(cls.db, "--seed", "7")
        assert rc == 0, err
        cls.report = report(out)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)
        harness.drop_db(cls.db)

    def q(self, sql, *args):
        return harness.db_rows(self.db, sql, args)

    def village_figures(self, metric):
        return dict(self.q("SELECT region, value FROM population WHERE year = 2020"
                           " AND metric = ? AND length(region) = 12"
                           " AND substr(region, 10) <> '000'", metric))

    def test_population_sums_to_the_scaled_figures(self):
        for metric, published in (("residents", 2712900), ("aged_60", 663400),
                                  ("aged_65", 533700), ("children_0_3", 86900)):
            figs = self.village_figures(metric)
            self.assertGreater(len(figs), 10, metric)
            self.assertEqual(sum(figs.values()), scaled(published), metric)
            # the city's own direct figure is the scaled one too
            (city,), = self.q("SELECT value FROM population WHERE region = ?"
                              " AND year = 2020 AND metric = ?", BAZHONG, metric)
            self.assertEqual(city, scaled(published), metric)
        aged_80 = sum(self.village_figures("aged_80").values())
        self.assertEqual(aged_80, round(scaled(663400) * 26000 / 191000))

    def test_one_record_per_person_by_village_and_age(self):
        want60 = self.village_figures("aged_60")
        want65 = self.village_figures("aged_65")
        want80 = self.village_figures("aged_80")
        want_inf = self.village_figures("children_0_3")
        got = {}
        for region, kind, birth in self.q("SELECT region, kind, birth_date FROM person"):
            a = age_on(birth, REF)
            g = got.setdefault(region, [0, 0, 0, 0])
            if kind == "elderly":
                self.assertGreaterEqual(a, 60, birth)
                g[0] += 1
                g[1] += a >= 65
                g[2] += a >= 80
            else:
                self.assertLess(a, 3, birth)
                self.assertLessEqual(datetime.date.fromisoformat(birth), REF)
                g[3] += 1
        for v in want60:
            self.assertEqual(got.get(v, [0, 0, 0, 0]),
                             [want60[v], want65[v], want80[v], want_inf[v]], v)
        self.assertEqual(self.report["elderly"], scaled(663400))
        self.assertEqual(self.report["infants"], scaled(86900))

    def test_regions_nest_and_are_valid(self):
        rows = self.q("SELECT code, level, parent FROM region WHERE code BETWEEN"
                      " '511900000000' AND '511999999999'")
        by = {c: (lvl, p) for c, lvl, p in rows}
        villages = [c for c, (lvl, _) in by.items() if lvl == "village"]
        self.assertEqual(len(villages), self.report["villages"])
        for v in villages:
            town = by[v][1]
            self.assertEqual(by[town][0], "township", v)
            self.assertEqual(town[:9], v[:9])
            self.assertNotEqual(v[9:], "000")
            self.assertEqual(by[by[town][1]][0], "county", v)
        # every village has a residential point inside the 巴中 extent
        pts = self.q("SELECT region, lat, lon, population FROM residential_point")
        self.assertEqual(len(pts), len(villages))
        for region, lat, lon, pop in pts:
            self.assertTrue(31.2 < lat < 32.8 and 106.3 < lon < 107.8, region)

    def test_facilities_sum_to_the_scaled_figures(self):
        def cap(kind, col):
            (v,), = self.q(
                "SELECT coalesce(sum(c.%s), 0) FROM facility f JOIN capacity c"
                " ON c.facility_id = f.id AND c.effective_date = (SELECT"
                " max(effective_date) FROM capacity WHERE facility_id = f.id)"
                " WHERE f.kind = ?" % col, kind)
            return v

        def count(kind):
            (n,), = self.q("SELECT count(*) FROM facility WHERE kind = ?", kind)
            return n

        self.assertEqual(count("elderly_institution"), max(1, scaled(74)))
        self.assertEqual(cap("elderly_institution", "beds"), scaled(8749))
        self.assertEqual(cap("elderly_institution", "nursing_beds"), scaled(4961))
        self.assertEqual(count("childcare_institution"), max(1, scaled(19)))
        self.assertEqual(cap("childcare_institution", "slots"), scaled(4662))
        for (code,) in self.q("SELECT credit_code FROM facility"):
            self.assertTrue(creditcode.is_valid(code), code)
        # residents live in institutions of their own county, no more than
        # the occupied beds on the reference day
        for fid, region, occupied in self.q(
                "SELECT f.id, f.region, c.occupied_beds FROM facility f JOIN"
                " capacity c ON c.facility_id = f.id AND c.effective_date ="
                " '2020-11-01' WHERE f.kind = 'elderly_institution'"):
            rows = self.q("SELECT region FROM person WHERE facility_id = ?", fid)
            self.assertEqual(len(rows), occupied, fid)
            for (r,) in rows:
                self.assertEqual(r[:6], region[:6])

    def test_assessments_agree_with_the_standard(self):
        rows = self.q("SELECT items, total, initial_level FROM assessment")
        self.assertGreater(len(rows), 0)
        bands = [(90, 90, 0), (66, 89, 1), (46, 65, 2), (30, 45, 3), (0, 29, 4)]
        for items, total, level in rows:
            self.assertEqual(len(items), 26)
            self.assertEqual(sum(int(ch) for ch in items), total)
            want = next(lv for lo, hi, lv in bands if lo <= total <= hi)
            self.assertEqual(level, want, items)

    def test_deaths_fall_in_the_year_after_the_reference_day(self):
        rows = self.q("SELECT deceased_on FROM person WHERE deceased_on IS NOT NULL")
        self.assertEqual(len(rows), self.report["deaths"])
        for (d,) in rows:
            self.assertTrue("2020-11-02" <= d <= "2021-11-01", d)


class SynthThroughApiTest(unittest.TestCase):
    """The city served: ID numbers valid and matching birth date and sex,
    the same seed giving the same people."""

    def serve(self, seed):
        server = harness.synth_server("synth", seed=seed)
        self.addCleanup(server.stop)
        return server

    def people(self, server):
        c = harness.login_as(server, "admin", server.admin_password)
        r = c.get("/api/v1/export/persons", params={"region": BAZHONG, "unmask": "1"})
        self.assertEqual(r.status, 200, r.text)
        return list(csv.DictReader(io.StringIO(r.body.decode("utf-8-sig"))))

    def test_id_numbers_and_determinism(self):
        a = self.people(self.serve(7))
        self.assertEqual(len(a), scaled(663400) + scaled(86900))
        seen = set()
        for row in a:
            n = row["id_number"]
            self.assertEqual(idnumbers.check_char(n[:17]), n[17], n)
            self.assertEqual(n[6:14], row["birth_date"].replace("-", ""), n)
            self.assertEqual(int(n[16]) % 2 == 1, row["sex"] == "M", n)
            self.assertTrue(n.startswith("5119"), n)
            self.assertNotIn(n, seen)
            seen.add(n)
        key = lambda rows: sorted((r["id_number"], r["name"], r["region"]) for r in rows)
        self.assertEqual(key(a), key(self.people(self.serve(7))))
        self.assertNotEqual(key(a), key(self.people(self.serve(8))))


JINGDEZHEN = "360200000000"


class SynthProvinceTest(unittest.TestCase):
    """Several cities into one database (--preset once per city): each is
    the city it would be alone, none overlaps another, and a build that
    fails at its second city leaves nothing."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="laoxiao-synth-")
        self.addCleanup(shutil.rmtree, self.dir, True)

    def build(self, name, presets, expect=0):
        db = harness.new_db(self.dir, name)
        self.addCleanup(harness.drop_db, db)
        args = ["synth", "--scale", str(SCALE), "--seed", "3", "--json"]
        for p in presets:
            args += ["--preset", p]
        p = harness.run_cli(args, db, timeout=600)
        self.assertEqual(p.returncode, expect, p.stderr.decode("utf-8", "replace"))
        return db, p

    def city(self, db, code):
        """What a city holds, read from the database: persons by kind and
        county, population figures by metric, facilities by kind."""
        lo, hi = code[:4] + "0" * 8, code[:4] + "9" * 8
        return (
            harness.db_rows(db, "SELECT kind, substr(region, 1, 6), count(*) FROM person"
                                " WHERE region BETWEEN ? AND ? GROUP BY 1, 2 ORDER BY 1, 2",
                            (lo, hi)),
            harness.db_rows(db, "SELECT metric, sum(value) FROM population"
                                " WHERE region BETWEEN ? AND ? GROUP BY 1 ORDER BY 1", (lo, hi)),
            harness.db_rows(db, "SELECT kind, count(*) FROM facility"
                                " WHERE region BETWEEN ? AND ? GROUP BY 1 ORDER BY 1", (lo, hi)))

    def test_two_cities_each_as_alone(self):
        both, p = self.build("both.db", [BAZHONG, JINGDEZHEN])
        rep = report(p.stdout.decode())
        self.assertEqual([c["preset"] for c in rep["cities"]], [BAZHONG, JINGDEZHEN])
        self.assertEqual(rep["elderly"], sum(c["elderly"] for c in rep["cities"]))
        bz, _ = self.build("bz.db", [BAZHONG])
        jdz, _ = self.build("jdz.db", [JINGDEZHEN])
        for code, alone in ((BAZHONG, bz), (JINGDEZHEN, jdz)):
            self.assertEqual(self.city(both, code), self.city(alone, code), code)
            self.assertTrue(self.city(both, code)[0], "%s has people" % code)
        total = harness.db_rows(both, "SELECT count(*), count(DISTINCT id_hash) FROM person")[0]
        self.assertEqual(total[0], total[1], "no ID number twice")
        self.assertEqual(total[0], sum(n for (_, _, n) in self.city(both, BAZHONG)[0])
                         + sum(n for (_, _, n) in self.city(both, JINGDEZHEN)[0]))

    def test_a_failing_second_city_leaves_nothing(self):
        db, p = self.build("bad.db", [BAZHONG, "110000000000"], expect=1)
        self.assertIn("preset", p.stderr.decode())
        if harness.is_url(db):
            self.assertEqual(harness.db_rows(db, "SELECT count(*) FROM person"), [(0,)])
        else:
            self.assertEqual(os.listdir(self.dir), [])

    def test_a_city_named_twice_is_refused(self):
        db, p = self.build("twice.db", [BAZHONG, BAZHONG], expect=2)
        self.assertIn("twice", p.stderr.decode())
        if not harness.is_url(db):
            self.assertEqual(os.listdir(self.dir), [])


class SynthRefusesTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="laoxiao-synth-")
        self.addCleanup(shutil.rmtree, self.dir, True)

    def tables(self, db):
        """The platform's tables in a PostgreSQL database: not the store's
        own bookkeeping (lx_schema, lx_change), which opening it makes."""
        return harness.db_rows(db, "SELECT table_name::text FROM information_schema.tables"
                                   " WHERE table_schema = current_schema()"
                                   " AND table_name NOT LIKE 'lx\\_%' ORDER BY 1")

    def test_existing_database_is_left_alone(self):
        if harness.PG_BASE:
            # a database laoxiao has made its tables in already
            db = harness.new_db(self.dir, "x.db")
            self.addCleanup(harness.drop_db, db)
            harness.init_db(db)
            before = self.tables(db), harness.db_rows(db, "SELECT count(*) FROM region")
            rc, out, err = synth(db)
            self.assertEqual(rc, 1, "synth into a database in use is refused")
            self.assertTrue(err.strip(), "it says why")
            self.assertEqual((self.tables(db), harness.db_rows(db, "SELECT count(*) FROM region")),
                             before, "the database is left as it was")
            self.assertEqual(harness.db_rows(db, "SELECT count(*) FROM person"), [(0,)])
            return
        db = os.path.join(self.dir, "x.db")
        with open(db, "wb") as f:
            f.write(b"keep me")
        rc, out, err = synth(db)
        self.assertEqual(rc, 1)
        self.assertIn("exists", err)
        with open(db, "rb") as f:
            self.assertEqual(f.read(), b"keep me")

    def holds(self, db):
        """Rows in the database: a server's database is built in one
        transaction, so a failed build may leave its empty schema (made
        when it was opened) and nothing in it."""
        # a kill while the schema is being made can leave only its first
        # tables: one that is not there holds no row
        present = {t for (t,) in self.tables(db)}
        parts = [t for t in ("region", "account", "person") if t in present]
        if not parts:
            return 0
        (n,), = harness.db_rows(db, "SELECT " + " + ".join(
            "(SELECT count(*) FROM %s)" % t for t in parts))
        return n

    def assertLeftNothing(self, db):
        self.assertEqual(os.listdir(self.dir), [])
        if harness.is_url(db):
            self.assertEqual(self.holds(db), 0, "no row of the platform's made in the "
                             "database")

    def test_unknown_preset_leaves_nothing(self):
        db = harness.new_db(self.dir, "y.db")
        self.addCleanup(harness.drop_db, db)
        p = harness.run_cli(["synth", "--preset", "110000000000"], db)
        self.assertEqual(p.returncode, 1)
        self.assertIn("preset", p.stderr.decode())
        self.assertLeftNothing(db)

    def test_bad_scale_names_the_field(self):
        db = harness.new_db(self.dir, "z.db")
        self.addCleanup(harness.drop_db, db)
        p = harness.run_cli(["synth", "--preset", BAZHONG, "--scale", "0"], db)
        self.assertEqual(p.returncode, 1)
        self.assertIn("scale", p.stderr.decode())
        self.assertLeftNothing(db)

    def test_killed_build_leaves_nothing_and_a_rerun_succeeds(self):
        """kill -9 at several points of a build: nothing is left where the
        database was asked for, and the next run builds it whole."""
        if harness.PG_BASE:
            self.killed_build_on_postgresql()
            return
        db = os.path.join(self.dir, "k.db")
        cmd = [harness.BINARY, "synth", "--preset", BAZHONG, "--scale", "0.01",
               "--db", db]
        for delay in (0.05, 0.3, 0.8, 1.5):
            p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, env=harness._env())
            time.sleep(delay)
            p.kill()
            p.wait()
            if os.path.exists(db):
                # it had finished (the kill came after the rename): then
                # the database is whole, with its key; start again
                self.assertTrue(os.path.exists(db + ".key"), "killed after %.2f s" % delay)
                con = sqlite3.connect(db)
                try:
                    self.assertEqual(con.execute("PRAGMA integrity_check").fetchone()[0], "ok")
                    self.assertEqual(con.execute("SELECT count(*) FROM person").fetchone()[0],
                                     scaled(663400) + scaled(86900))
                finally:
                    con.close()
                for name in os.listdir(self.dir):
                    os.remove(os.path.join(self.dir, name))
        rc, out, err = synth(db)
        self.assertEqual(rc, 0, err)
        con = sqlite3.connect(db)
        try:
            self.assertEqual(con.execute("PRAGMA integrity_check").fetchone()[0], "ok")
            n = con.execute("SELECT count(*) FROM person").fetchone()[0]
        finally:
            con.close()
        self.assertEqual(n, scaled(663400) + scaled(86900), "the rebuilt city is whole")
        self.assertTrue(os.path.exists(db + ".key"), "its key beside it")
        left = set(os.listdir(self.dir)) - {"k.db", "k.db.key"}
        self.assertTrue(all(f.startswith("k.db.building-") for f in left),
                        "left-overs of killed builds carry names of their own: %s" % left)

    def killed_build_on_postgresql(self):
        """The same on PostgreSQL: after a kill the database holds no
        row (its empty schema at most), or the whole city with its key;
        the next run builds it whole, into the schema a killed run left."""
        db = harness.new_db(self.dir, "k.db")
        self.addCleanup(harness.drop_db, db)
        key = harness.key_of(db)
        cmd = [harness.BINARY, "synth", "--preset", BAZHONG, "--scale", "0.01"] + \
            harness.db_args(db)
        whole = scaled(663400) + scaled(86900)
        for delay in (0.05, 0.3, 0.8, 1.5):
            p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, env=harness._env())
            time.sleep(delay)
            p.kill()
            p.wait()
            if self.holds(db):
                # it had finished (the kill came after the commit): the
                # database is whole, with its key; start again
                self.assertTrue(os.path.exists(key), "killed after %.2f s" % delay)
                self.assertEqual(harness.db_rows(db, "SELECT count(*) FROM person"), [(whole,)],
                                 "killed after %.2f s: tables only with the whole city" % delay)
                harness.reset_db(db)
        rc, out, err = synth(db)
        self.assertEqual(rc, 0, err)
        self.assertEqual(harness.db_rows(db, "SELECT count(*) FROM person"), [(whole,)],
                         "the rebuilt city is whole")
        self.assertTrue(os.path.exists(key), "its key where --key says")
        left = set(os.listdir(self.dir)) - {"k.db.key"}
        self.assertTrue(all(f.startswith("k.db.key") for f in left),
                        "left-overs of killed builds carry names of their own: %s" % left)

if __name__ == "__main__":
    unittest.main()
