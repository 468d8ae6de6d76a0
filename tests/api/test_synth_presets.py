"""`laoxiao synth` for every preset, at a small scale: each builds, has
people and facilities, and its population reads true. The invariants are
checked on the database read directly, not through laoxiao:

- every infant is under 36 months both on the reference day (the census
  that counted them) and on the demo date the report gives (the last day
  of the year of visits and services: 2021-11-30);
- in every region and year no age group exceeds the group it belongs to
  (60+ ≤ residents, 65+ ≤ 60+, 80+ ≤ 65+, 0–3 ≤ residents);
- a region's direct figure equals the sum of its villages' figures for the
  year built, so no children's sum is above its parent;
- the report's own check ("flags") is empty.

Figures the presets lack come from the sources docs/synth.md names:
大竹 residents 191000 / 22.68 % (seed 001 第29行), 达州 5385422 (四川
七普 bulletin); 开州's real township names 白鹤街道, 临江镇, 南门镇 (seed
002 第30行). A flag is proved able to fire by a figure planted above its
parent in a city built on purpose."""

import datetime
import json
import math
import os
import shutil
import tempfile
import unittest

import harness

SCALE = "0.001"
PRESETS = {
    "511900000000": "巴中市",
    "360200000000": "景德镇市",
    "511724000000": "大竹县",
    "500154000000": "开州区",
    "511700000000": "达州市",
}
REF = datetime.date(2020, 11, 1)
DEMO = datetime.date(2021, 11, 30)


def months_old(birth, day):
    b = datetime.date.fromisoformat(birth)
    m = (day.year - b.year) * 12 + day.month - b.month
    return m - (day.day < b.day)


def build(db, preset):
    p = harness.run_cli(["synth", "--preset", preset, "--scale", SCALE,
                         "--json"], db, timeout=300)
    out = p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace")
    for marker in harness.SANITIZER_MARKERS:
        assert marker not in err, "sanitizer report: %s" % err[-3000:]
    return p.returncode, out, err


def within(code, ancestor):
    """The significant digits of ancestor (by its trailing zeros) prefix code."""
    for n in (2, 4, 6, 9):
        if ancestor[n:] == "0" * (12 - n):
            return code[:n] == ancestor[:n]
    return code == ancestor


class SynthEveryPresetTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="laoxiao-synth-presets-")
        cls.built = {}
        for preset in PRESETS:
            db = harness.new_db(cls.dir, "p%s.db" % preset)
            rc, out, err = build(db, preset)
            cls.built[preset] = (db, rc, out, err)

    @classmethod
    def tearDownClass(cls):
        for db, *_ in cls.built.values():
            harness.drop_db(db)
        shutil.rmtree(cls.dir, ignore_errors=True)

    def each(self):
        for preset, (db, rc, out, err) in self.built.items():
            with self.subTest(preset=PRESETS[preset]):
                self.assertEqual(rc, 0, err[-2000:])
                yield preset, db, json.loads(out[out.index("{"):])

    def test_builds_people_and_facilities(self):
        for preset, db, rep in self.each():
            (elderly,), = harness.db_rows(
                db, "SELECT count(*) FROM person WHERE kind = 'elderly'")
            (infants,), = harness.db_rows(
                db, "SELECT count(*) FROM person WHERE kind = 'infant'")
            (facs,), = harness.db_rows(db, "SELECT count(*) FROM facility")
            self.assertGreater(elderly, 0)
            self.assertGreater(infants, 0)
            self.assertGreater(facs, 0)
            self.assertEqual(rep["elderly"], elderly)
            self.assertEqual(rep["infants"], infants)
            self.assertEqual(rep["flags"], [])
            self.assertEqual(rep["demo_date"], DEMO.isoformat())

    def test_infants_under_36_months_on_the_demo_date(self):
        for preset, db, rep in self.each():
            rows = harness.db_rows(
                db, "SELECT birth_date FROM person WHERE kind = 'infant'")
            for (birth,) in rows:
                self.assertLessEqual(datetime.date.fromisoformat(birth), REF)
                self.assertLess(months_old(birth, REF), 36, birth)
                self.assertLess(months_old(birth, DEMO), 36, birth)

    def test_age_groups_within_their_whole(self):
        pairs = (("aged_60", "residents"), ("aged_65", "aged_60"),
                 ("aged_80", "aged_65"), ("children_0_3", "residents"))
        for preset, db, rep in self.each():
            fig = {}
            for region, year, metric, value in harness.db_rows(
                    db, "SELECT region, year, metric, value FROM population"):
                fig[(region, year, metric)] = value
            n = 0
            for (region, year, metric), value in fig.items():
                if not within(region, preset):
                    continue
                for part, whole in pairs:
                    if metric == part and (region, year, whole) in fig:
                        self.assertLessEqual(value, fig[(region, year, whole)],
                                             (region, year, part))
                        n += 1
            self.assertGreater(n, 0)

    def test_direct_figures_equal_their_villages(self):
        for preset, db, rep in self.each():
            rows = harness.db_rows(
                db, "SELECT region, metric, value FROM population WHERE year = ?",
                (rep["year"],))
            villages = [(r, m, v) for r, m, v in rows
                        if r[9:] != "000" and within(r, preset)]
            self.assertGreater(len(villages), 0)
            for region, metric, value in rows:
                if region[9:] != "000" or not within(region, preset):
                    continue
                under = sum(v for r, m, v in villages
                            if m == metric and within(r, region))
                if under:
                    self.assertEqual(value, under, (region, metric))
            # the jurisdiction's residents: the scaled published or cited
            # figure, rounded half up
            total = sum(v for r, m, v in villages if m == "residents")
            published = {"511900000000": 2712900, "360200000000": 1619000,
                         "511724000000": 842152, "500154000000": 1203300,
                         "511700000000": 5385422}[preset]
            self.assertEqual(total, math.floor(published * float(SCALE) + 0.5))

    def test_assumed_figures_are_labelled(self):
        want = {"511724000000": 842152, "511700000000": 5385422}
        for preset, db, rep in self.each():
            if preset in want:
                self.assertEqual(rep["assumed"]["value"], want[preset])
                self.assertEqual(rep["assumed"]["metric"], "residents")
                self.assertRegex(rep["assumed"]["basis"], "^(assumed|cited): ")
            else:
                self.assertNotIn("assumed", rep)
        # 191000 / 0.2268, rounded half up (seed 001 第29行)
        self.assertEqual(math.floor(191000 / 0.2268 + 0.5), 842152)

    def test_kaizhou_townships_real_names_or_labelled_placeholders(self):
        db = self.built["500154000000"][0]
        rows = harness.db_rows(
            db, "SELECT code, name, source FROM region WHERE level = 'township'"
            " AND parent = '500154000000'")
        self.assertGreaterEqual(len(rows), 2)
        names = {n for _, n, _ in rows}
        self.assertIn("白鹤街道", names)   # the first street: a real name
        self.assertIn("浦里新区", names)   # the preset's own, kept
        for code, name, source in rows:
            if name in ("白鹤街道", "临江镇", "南门镇"):
                self.assertIn("seed 002", source)
            elif name != "浦里新区":
                self.assertIn("placeholder", source, name)
        # the preset's townships of 大竹 are filled, not passed over
        db = self.built["511724000000"][0]
        for code in ("511724001000", "511724110000"):
            (n,), = harness.db_rows(
                db, "SELECT count(*) FROM region WHERE parent = ?", (code,))
            self.assertGreater(n, 0, code)


class NestedPresetsTest(unittest.TestCase):
    def test_a_preset_inside_another_is_refused(self):
        d = tempfile.mkdtemp(prefix="laoxiao-synth-nested-")
        try:
            db = harness.new_db(d, "nested.db")
            p = harness.run_cli(["synth", "--preset", "511724000000", "--preset",
                                 "511700000000", "--scale", SCALE], db)
            self.assertEqual(p.returncode, 2)
            self.assertIn("511724000000 lies inside", p.stderr.decode())
            if not harness.is_url(db):
                self.assertFalse(os.path.exists(db))
            harness.drop_db(db)
        finally:
            shutil.rmtree(d, ignore_errors=True)


class NestingFlagTest(unittest.TestCase):
    """The population API flags a child above its parent and an age group
    above its whole (a figure planted by an official, not by synth)."""

    def test_population_api_flags(self):
        s = harness.module_server(__name__)
        c = s.admin()
        city, counties = harness.make_city(c, s.next_city_code(), "测试市", 2)
        county = counties[0]
        c.put_population(city, 2020, "residents", 1000)
        c.put_population(county, 2020, "residents", 1500)
        c.put_population(county, 2020, "aged_60", 1600)
        r = c.ok("GET", "/api/v1/population",
                 params={"region": city, "year": "2020"}).json
        kinds = {(f["kind"], f["region"], f["metric"]) for f in r["flags"]}
        self.assertIn(("children_exceed", city, "residents"), kinds)
        self.assertIn(("group_exceeds", county, "aged_60"), kinds)
        one = [f for f in r["flags"] if f["kind"] == "children_exceed"][0]
        self.assertEqual((one["value"], one["against_value"]), (1000, 1500))
        self.assertIn("超过", one["message_zh"])
        # a figure put right clears its flag
        c.put_population(county, 2020, "residents", 900)
        c.put_population(county, 2020, "aged_60", 200)
        r = c.ok("GET", "/api/v1/population",
                 params={"region": city, "year": "2020"}).json
        self.assertEqual(r["flags"], [])


if __name__ == "__main__":
    unittest.main()
