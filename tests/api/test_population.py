"""Population figures: seed values, direct vs roll-up, PUT / DELETE."""

import harness
from harness import ApiTestCase, make_city

# Figures the seed documents state (第七次全国人口普查 = 2020 unless noted).
SEED_FIGURES = [
    # 巴中市: seeds/000 "常住人口为271.29万人，60岁及以上人口66.34万人 ... 65岁及以上人口53.37万人 ... 0～3岁婴幼儿达到8.69万人"
    ("511900000000", 2020, {"residents": 2712900, "aged_60": 663400, "aged_65": 533700,
                            "children_0_3": 86900}),
    # 景德镇市: seeds/004 "常住人口总数为 161.90 万人,其中城镇人口为 105.26 万人" and
    # "截至2020年底 ... 60岁及以上常住老年人口数为26.92万人 ... 65岁及以上老年人18.40万人"
    ("360200000000", 2020, {"residents": 1619000, "urban_residents": 1052600,
                            "aged_60": 269200, "aged_65": 184000}),
]
# 开州区: seeds/002 "第七次全国人口普查数据显示，我区常住人口120.33万人，其中60岁及以上人口为27.4万人
# ... 65岁及以上人口为22.22万人"; "截至2021年末，全区0—3岁婴幼儿52136人".
KAIZHOU = "500154000000"
KAIZHOU_CENSUS = {"residents": 1203300, "aged_60": 274000, "aged_65": 222200}


def tearDownModule():
    harness.stop_module_server(__name__)


class SeedPopulationTest(ApiTestCase):
    def figures(self, region, year):
        r = self.admin.get("/api/v1/population", params={"region": region, "year": year})
        self.assertStatus(r, 200, "GET population of %s for %s" % (region, year))
        body = r.json
        self.assertEqual(body.get("region"), region)
        self.assertEqual(body.get("year"), year)
        self.assertIsInstance(body.get("figures"), dict)
        return body["figures"]

    def test_seed_figures_direct(self):
        for region, year, want in SEED_FIGURES:
            figs = self.figures(region, year)
            for metric, value in want.items():
                self.assertIn(metric, figs, "%s %d has %s" % (region, year, metric))
                f = figs[metric]
                self.assertEqual(f.get("value"), value,
                                 "%s %d %s = %d (seed)" % (region, year, metric, value))
                self.assertEqual(f.get("origin"), "direct",
                                 "%s %d %s is a direct figure" % (region, year, metric))
                self.assertIsInstance(f.get("source"), str)

    def test_kaizhou_census_and_children(self):
        r = self.admin.get("/api/v1/population", params={"region": KAIZHOU})
        self.assertStatus(r, 200, "GET every year of 开州区")
        items = r.json.get("items")
        self.assertIsInstance(items, list)
        for it in items:
            for k in ("year", "metric", "value", "origin", "source"):
                self.assertIn(k, it, "population item has %r" % k)
        years = {it["year"] for it in items
                 if it["metric"] == "residents" and it["value"] == KAIZHOU_CENSUS["residents"]}
        self.assertTrue(years, "开州区 has residents 1203300 in some year: %r" % items)
        year = min(years)
        figs = self.figures(KAIZHOU, year)
        for metric, value in KAIZHOU_CENSUS.items():
            self.assertEqual(figs.get(metric, {}).get("value"), value,
                             "开州区 %d %s = %d (seed)" % (year, metric, value))
        figs = self.figures(KAIZHOU, 2021)
        self.assertEqual(figs.get("children_0_3", {}).get("value"), 52136,
                         "开州区 2021 children_0_3 = 52136 (seed: 截至2021年末)")

    def test_all_years_listing(self):
        r = self.admin.get("/api/v1/population", params={"region": "511900000000"})
        self.assertStatus(r, 200)
        self.assertEqual(r.json.get("region"), "511900000000")
        found = [it for it in r.json["items"]
                 if it["year"] == 2020 and it["metric"] == "residents"]
        self.assertEqual(len(found), 1, "one 巴中市 2020 residents entry: %r" % found)
        self.assertEqual(found[0]["value"], 2712900)

    def test_bad_query_400(self):
        r = self.admin.get("/api/v1/population", params={"region": "511900000000", "year": "20x0"})
        self.assertError(r, 400, what="year=20x0 is bad query syntax")


class RollupTest(ApiTestCase):
    YEAR = 2024

    def get(self, region):
        r = self.admin.get("/api/v1/population", params={"region": region, "year": self.YEAR})
        self.assertStatus(r, 200)
        return r.json["figures"]

    def test_rollup_then_direct(self):
        city, (a, b) = make_city(self.admin, self.server.next_city_code(), "人口汇总测试市")
        self.assertNotIn("residents", self.get(city), "no figures yet: metric absent")
        self.admin.put_population(a, self.YEAR, "residents", 312345, "县甲统计")
        self.admin.put_population(b, self.YEAR, "residents", 198765, "县乙统计")
        f = self.get(city).get("residents")
        self.assertIsNotNone(f, "city gets residents from its counties")
        self.assertEqual(f["value"], 312345 + 198765, "roll-up is the sum of the counties")
        self.assertEqual(f["origin"], "rollup")
        self.assertEqual(f["children"], 2, "two counties contribute")
        self.assertNotIn("aged_60", self.get(city), "a metric nobody set stays absent")
        # A county's own direct figure.
        fa = self.get(a)["residents"]
        self.assertEqual((fa["value"], fa["origin"], fa["source"]), (312345, "direct", "县甲统计"))
        # A direct city figure wins over the sum.
        self.admin.put_population(city, self.YEAR, "residents", 600000, "市统计")
        f = self.get(city)["residents"]
        self.assertEqual((f["value"], f["origin"]), (600000, "direct"),
                         "a direct city figure wins")
        self.assertEqual(f["source"], "市统计")
        # Deleting it brings the roll-up back.
        r = self.admin.delete("/api/v1/population",
                              params={"region": city, "year": self.YEAR, "metric": "residents"})
        self.assertStatus(r, 204, "DELETE the direct city figure")
        f = self.get(city)["residents"]
        self.assertEqual((f["value"], f["origin"], f["children"]), (511110, "rollup", 2))

    def test_rollup_is_recursive(self):
        city, (a, b) = make_city(self.admin, self.server.next_city_code(), "递归汇总测试市")
        town = b[:6] + "001000"
        self.admin.create_region(town, "测试街道", "township", b)
        self.admin.put_population(a, self.YEAR, "aged_80", 1000)
        self.admin.put_population(town, self.YEAR, "aged_80", 250)
        fb = self.get(b)["aged_80"]
        self.assertEqual((fb["value"], fb["origin"], fb["children"]), (250, "rollup", 1),
                         "county b sums its one township")
        fc = self.get(city)["aged_80"]
        self.assertEqual((fc["value"], fc["origin"], fc["children"]), (1250, "rollup", 2),
                         "city sums county a (direct) and county b (rolled up)")

    def test_put_bad_values(self):
        base = {"region": "511902000000", "year": self.YEAR, "metric": "households",
                "value": 100, "source": "test"}
        for over, field in (({"metric": "aged_70"}, "metric"),
                            ({"value": -1}, "value"),
                            ({"value": 2.5}, "value"),
                            ({"value": "100"}, "value"),
                            ({"region": "511999000000"}, "region"),
                            ({"year": "2024"}, "year")):
            body = dict(base, **over)
            r = self.admin.put("/api/v1/population", body)
            self.assertError(r, 422, field=field, what="PUT population with %r" % over)
        self.assertNotIn("households", self.get("511902000000"),
                         "refused PUTs stored nothing")


class DerivedAndPartialTest(ApiTestCase):
    """Shares and persons per household computed from imported figures,
    exactly, rounded half up; and a roll-up over some of the children says
    how many."""

    YEAR = 2020

    def population(self, region, year=None):
        params = {"region": region}
        if year:
            params["year"] = year
        r = self.admin.get("/api/v1/population", params=params)
        self.assertStatus(r, 200)
        return r.json

    def derived(self, doc, name, year=None):
        got = [d for d in doc["derived"] if d["metric"] == name
               and (year is None or d["year"] == year)]
        self.assertEqual(len(got), 1, "%s once in %r" % (name, doc["derived"]))
        return got[0]

    @staticmethod
    def half_up(num, den, places=2):
        """四舍五入 of num/den to places, by integers alone."""
        q = 10 ** places
        n = (2 * num * q + den) // (2 * den)
        return "%d.%0*d" % (n // q, places, n % q)

    def test_seed_shares(self):
        # seeds/002 第18行: 60岁及以上27.4万人, 占常住人口比重为22.77%;
        # 65岁及以上22.22万人, 占18.47% (of 120.33万)
        doc = self.population(KAIZHOU, self.YEAR)
        d = self.derived(doc, "share_aged_60")
        self.assertEqual(d["value"], self.half_up(274000 * 100, 1203300))
        self.assertEqual(d["value"], "22.77", "the seed's 22.77%")
        self.assertEqual((d["numerator"], d["denominator"]), (274000, 1203300))
        self.assertEqual((d["rule"], d["rule_zh"], d["label_zh"]),
                         ("round half up", "四舍五入", "60岁及以上人口占比"))
        self.assertEqual(self.derived(doc, "share_aged_65")["value"], "18.47")
        # seeds/000 第5行: 60岁及以上66.34万 of 271.29万, stated 24.46%; the
        # census counts give 24.4535…%, 24.45 to two places
        doc = self.population("511900000000", self.YEAR)
        self.assertEqual(self.derived(doc, "share_aged_60")["value"],
                         self.half_up(663400 * 100, 2712900))
        self.assertEqual(self.derived(doc, "share_aged_60")["value"], "24.45")
        # no 0-14 or family-household figures in any seed: nothing derived
        names = {d["metric"] for d in doc["derived"]}
        self.assertNotIn("share_aged_0_14", names)
        self.assertNotIn("persons_per_family_household", names)

    def test_new_metrics(self):
        city, (a, b) = make_city(self.admin, self.server.next_city_code(), "家庭户测试市")
        # 2.625 persons per household: exactly a half at 2 places, up to 2.63
        # (a binary float printed with %.2f would give 2.62)
        for metric, value in (("residents", 10000), ("aged_0_14", 1625),
                              ("family_households", 1000), ("family_household_persons", 2625)):
            self.admin.put_population(a, self.YEAR, metric, value, "测试普查")
        doc = self.population(a, self.YEAR)
        self.assertEqual(doc["figures"]["aged_0_14"]["value"], 1625)
        self.assertEqual(self.derived(doc, "share_aged_0_14")["value"], "16.25")
        pp = self.derived(doc, "persons_per_family_household")
        self.assertEqual((pp["value"], pp["exact"], pp["unit_zh"]), ("2.63", "2.625", "人"))
        self.assertEqual((pp["numerator"], pp["denominator"]), (2625, 1000))
        # the Chinese labels are accepted as metric names
        r = self.admin.put("/api/v1/population", {"region": b, "year": self.YEAR,
                                                  "metric": "家庭户人口", "value": 30,
                                                  "source": "t"})
        self.assertStatus(r, 200)
        self.assertEqual(r.json["metric"], "family_household_persons")
        # no households for b: no persons per household, never a 0
        doc = self.population(b, self.YEAR)
        self.assertEqual([d for d in doc["derived"]
                          if d["metric"] == "persons_per_family_household"], [])
        # property: random counts, the derived figure is the integer half-up
        import random
        rng = random.Random(1203)
        for _ in range(25):
            hh = rng.randint(1, 500000)
            persons = rng.randint(0, 5 * hh)
            self.admin.put_population(b, 2021, "family_households", hh)
            self.admin.put_population(b, 2021, "family_household_persons", persons)
            d = self.derived(self.population(b, 2021), "persons_per_family_household")
            self.assertEqual(d["value"], self.half_up(persons, hh), "%d / %d" % (persons, hh))

    def test_partial_rollup(self):
        city, counties = make_city(self.admin, self.server.next_city_code(), "部分汇总测试市",
                                   n_counties=7)
        for c, v in zip(counties[:3], (1000, 2000, 3000)):
            self.admin.put_population(c, self.YEAR, "residents", v)
        f = self.population(city, self.YEAR)["figures"]["residents"]
        self.assertEqual((f["value"], f["origin"], f["covered"], f["children"]),
                         (6000, "rollup", 3, 7))
        self.assertIs(f["partial"], True)
        self.assertEqual((f["coverage"], f["coverage_zh"]), ("3 of 7 counties", "7个县（区）中3个"))
        # the same in the year-by-year list
        items = [i for i in self.population(city)["items"] if i["metric"] == "residents"]
        self.assertEqual((items[0]["covered"], items[0]["children"]), (3, 7))
        # a share over a partial sum is partial too, and says so
        self.admin.put_population(counties[0], self.YEAR, "aged_60", 250)
        d = self.derived(self.population(city, self.YEAR), "share_aged_60", self.YEAR)
        self.assertEqual(d["value"], self.half_up(250 * 100, 6000))
        # aged 60+ of 1 county over residents of 3: the first partial part said
        self.assertEqual((d["partial"], d["coverage_zh"]), (True, "7个县（区）中1个"))
        # every county in: no longer partial
        for c in counties[3:]:
            self.admin.put_population(c, self.YEAR, "residents", 10)
        f = self.population(city, self.YEAR)["figures"]["residents"]
        self.assertEqual((f["value"], f["covered"], f["children"]), (6040, 7, 7))
        self.assertNotIn("partial", f)
        # property: over random subsets, covered counts the counties summed
        import random
        rng = random.Random(7)
        for year in range(2030, 2040):
            some = rng.sample(counties, rng.randint(1, 7))
            vals = [rng.randint(0, 10 ** 6) for _ in some]
            for c, v in zip(some, vals):
                self.admin.put_population(c, year, "aged_60", v)
            f = self.population(city, year)["figures"]["aged_60"]
            self.assertEqual((f["value"], f["covered"], f["children"]),
                             (sum(vals), len(some), 7))
            self.assertEqual(f.get("partial", False), len(some) < 7)
