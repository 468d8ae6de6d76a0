"""A month's run reads only the people its scheme's ages can pay (a prefilter
in SQL on birth date, src/app/subsidies.c youngest_birth); the rules still
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
