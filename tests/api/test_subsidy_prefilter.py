"""A month's run reads only the people its scheme's ages can pay (a prefilter
in SQL on birth date, src/core/subsidy_prefilter.c); the rules still
decide. Over random populations around each 高龄津贴 age band's boundary,
with deaths, including deaths found after payment, and people already
paid, the run with the prefilter gives exactly what the full scan of every
person gives (`full_scan`), the ledger holds what the test computes from the
birth dates, and a second run writes nothing."""

import random
from datetime import timedelta

import harness
import test_subsidies as ts


def tearDownModule():
    harness.stop_module_server(__name__)


SUMMARY = ("eligible", "due_fen", "lines", "lines_fen", "by_amount", "exceptions_count")


class PrefilterTest(ts.SubsidyCase):
    PERIODS = ("2025-09", "2025-10")

    def dry(self, period, t, full):
        body = {"scheme": ts.GAOLING["id"], "period": period, "region": t,
                "dry_run": True, "full_scan": full}
        r = self.admin.post(ts.RUNS, body)
        self.assertStatus(r, (200, 201), "dry run %r" % body)
        return r.json

    def assertSameRun(self, period, t, what):
        full, pre = self.dry(period, t, True), self.dry(period, t, False)
        for k in SUMMARY:
            self.assertEqual(pre[k], full[k], "%s: %s with the prefilter vs every person"
                             % (what, k))
        key = lambda l: (l.get("beneficiary_id"), l.get("fen"))
        self.assertEqual(sorted(map(key, pre["lines_preview"])),
                         sorted(map(key, full["lines_preview"])), what + ": the lines")
        self.assertLessEqual(pre["evaluated"], full["evaluated"], what + ": read fewer")
        return full

    def test_random_populations_match_the_full_scan(self):
        rnd = random.Random(23)
        for round_ in range(3):
            t = self.township("预筛%d" % round_)
            per = self.PERIODS[0]
            d = ts.age_day(ts.GAOLING, per)
            people = []
            for i in range(24):
                age = rnd.choice((61, 70, 78, 79, 80, 81, 89, 90, 91, 99, 100, 101))
                b = d.replace(year=d.year - age) + timedelta(days=rnd.randint(-40, 40))
                people.append(self.person("预筛%d_%d" % (round_, i), b, t))
            dead = rnd.sample(people, 4)
            p0, _ = ts.month_bounds(per)
            for p in dead:
                on = p0 + timedelta(days=rnd.randint(-60, 60))
                self.patch_person(p, {"deceased_on": on.isoformat()})
            self.assertSameRun(per, t, "round %d %s" % (round_, per))
            first = self.pay(ts.GAOLING["id"], per, t)
            # already paid, then found dead before the month: taken back
            alive = [p for p in people if p not in dead]
            for p in rnd.sample(alive, 3):
                self.patch_person(p, {"deceased_on": (p0 - timedelta(days=5)).isoformat()})
                dead.append(p)
            self.assertSameRun(per, t, "round %d %s after corrections" % (round_, per))
            second = self.pay(ts.GAOLING["id"], per, t)
            third = self.pay(ts.GAOLING["id"], per, t)
            self.assertEqual(third["lines"], 0, "a third run of %s writes nothing" % per)
            # the ledger holds what the birth dates make due, computed here
            net = dict(self.db_rows(
                "SELECT beneficiary_id, SUM(amount_fen) FROM ledger WHERE scheme = ?"
                " AND period = ? AND region = ? AND beneficiary_kind = 'person'"
                " GROUP BY beneficiary_id", (ts.GAOLING["id"], per, t)))
            self.assertTrue(net, "round %d: lines written" % round_)
            # never more than the birth date makes due, nothing to the too
            # young (a withholding, e.g. 生存认证, may leave some at 0)
            for p in people:
                due = ts.gaoling_fen(p["birth"], per)
                self.assertIn(net.get(p["id"], 0), (0, due),
                              "%s born %s: net paid for %s" % (p["name"], p["birth"], per))
            self.assertTrue(first["lines"] >= 0 and second["lines"] >= 0)


HOLDS = "/api/v1/subsidies/holds"
COUNTY = ts.DAZHU           # 大竹县: a run over a county reads the tables whole
CITY_SUMMARY = ("eligible", "due_fen", "lines", "lines_fen", "exceptions_count")


class CountyRunTest(ts.SubsidyCase):
    """A run over a county (or a city) reads the people in the table's order and
    their categories, moves and assessments whole (src/store/person_scan.c);
    a run over a township goes through the region index. Over random people
    (ages at the band edges, categories, deaths, holds, a move between two
    townships) the county's figures grow by exactly what the townships' own
    runs find, with and without the prefilter; once the county is paid, a
    second run over the county or either township writes nothing."""

    PERIOD = "2025-11"

    def dry(self, region, full=False, scheme=ts.GAOLING):
        body = {"scheme": scheme["id"], "period": self.PERIOD, "region": region,
                "dry_run": True, "full_scan": full}
        r = self.admin.post(ts.RUNS, body)
        self.assertStatus(r, (200, 201), "dry run %r" % body)
        return r.json

    def summary(self, run):
        return dict((k, run[k]) for k in CITY_SUMMARY)

    def test_county_run_equals_its_townships(self):
        rnd = random.Random(2303)
        before = self.summary(self.dry(COUNTY))
        # 特困 照料护理 reads categories and assessments: what the merge of
        # the whole tables must give each person
        care_before = self.summary(self.dry(COUNTY, scheme=ts.TEKUN_CARE))
        towns = [self.township("全城%d" % i) for i in range(2)]
        d = ts.age_day(ts.GAOLING, self.PERIOD)
        p0, _ = ts.month_bounds(self.PERIOD)
        people = []
        for i in range(30):
            age = rnd.choice((70, 79, 80, 81, 89, 90, 91, 99, 100, 101))
            b = d.replace(year=d.year - age) + timedelta(days=rnd.randint(-40, 40))
            over = {}
            if rnd.random() < 0.5:
                over["categories"] = [{"category": rnd.choice(("dibao", "tekun_dispersed",
                                                               "tekun_centralized",
                                                               "low_income")),
                                       "start": "2020-01-01"}]
            people.append(self.person("全城%d" % i, b, rnd.choice(towns), **over))
            if over and rnd.random() < 0.7:
                self.assess(people[-1], rnd.choice((40, 50, 90)),
                            p0 - timedelta(days=rnd.randint(1, 120)))
            if rnd.random() < 0.4:
                # someone of another county between them, with a category
                # and an assessment: rows the county's merge passes over
                o = self.person("县外%d" % i, b, ts.CHANGJIANG, categories=[
                    {"category": "tekun_dispersed", "start": "2020-01-01"}])
                self.assess(o, rnd.choice((40, 90)), p0 - timedelta(days=30))
        for p in rnd.sample(people, 4):
            on = p0 + timedelta(days=rnd.randint(-60, 60))
            self.patch_person(p, {"deceased_on": on.isoformat()})
        for p in rnd.sample(people, 3):
            r = self.admin.post(HOLDS, {"beneficiary_kind": "person", "beneficiary_id": p["id"],
                                        "from": (p0 - timedelta(days=rnd.randint(0, 90)))
                                        .isoformat(), "reason": "未按期认证"})
            self.assertStatus(r, 201, "hold on %s" % p["name"])
        moved = rnd.choice(people)
        self.patch_person(moved, {"region": towns[1] if moved["region"] == towns[0]
                                  else towns[0]})
        # what each township's run finds (through the region index)
        parts = [self.summary(self.dry(t)) for t in towns]
        city, city_full = self.dry(COUNTY), self.dry(COUNTY, True)
        self.assertEqual(self.summary(city), self.summary(city_full),
                         "the county with the prefilter and reading everyone")
        for k in CITY_SUMMARY:
            self.assertEqual(city[k] - before[k], sum(p[k] for p in parts),
                             "%s: the county grew by what its two new townships find" % k)
        self.assertGreater(sum(p["lines"] for p in parts), 0, "some of them are due")
        care = [self.summary(self.dry(t, scheme=ts.TEKUN_CARE)) for t in towns]
        care_county = self.summary(self.dry(COUNTY, scheme=ts.TEKUN_CARE))
        for k in CITY_SUMMARY:
            self.assertEqual(care_county[k] - care_before[k], sum(p[k] for p in care),
                             "特困 照料护理 %s: the county grew by what its townships find" % k)
        self.assertGreater(sum(p["lines"] for p in care), 0, "some 特困 are due")
        paid = self.pay(ts.GAOLING["id"], self.PERIOD, COUNTY)
        self.assertEqual(paid["lines"], city["lines"], "the county's run writes what it showed")
        self.assertEqual(paid["lines_fen"], city["lines_fen"])
        self.assertEqual(self.pay(ts.GAOLING["id"], self.PERIOD, COUNTY)["lines"], 0,
                         "a second run over the county writes nothing")
        for t in towns:
            again = self.dry(t)
            self.assertEqual((again["lines"], again["lines_fen"]), (0, 0),
                             "%s: nothing left after the county's run" % t)
        # the ledger holds, for each of these people, what the birth date
        # makes due, or nothing (dead before the month, held)
        net = dict(self.db_rows(
            "SELECT beneficiary_id, SUM(amount_fen) FROM ledger WHERE scheme = ?"
            " AND period = ? AND beneficiary_kind = 'person' GROUP BY beneficiary_id",
            (ts.GAOLING["id"], self.PERIOD)))
        for p in people:
            self.assertIn(net.get(p["id"], 0), (0, ts.gaoling_fen(p["birth"], self.PERIOD)),
                          "%s born %s" % (p["name"], p["birth"]))
