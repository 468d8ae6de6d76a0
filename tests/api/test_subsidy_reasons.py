"""A run decides every person without building the reason texts and writes
a reason only for a line it writes (src/app/subsidies.c line_reason). Over a
random population around the 高龄津贴 age bands, every line of the dry run,
of the run and of the adjustments after deaths found later carries the whole
reason, word for word the text worked out here from the birth date, the
band and the seed's amount; a second run writes nothing."""

import random
from datetime import timedelta

import harness
import test_subsidies as ts


def tearDownModule():
    harness.stop_module_server(__name__)


PERIOD = "2025-09"


def band_text(age):
    for lo, hi, y in ts.GAOLING_BANDS:
        if age >= lo and (hi is None or age <= hi):
            return ("%d周岁及以上" % lo if hi is None else "%d–%d周岁" % (lo, hi)), y
    return None, 0


def paid_reason(birth):
    """The engine's sentence for a paid 高龄津贴 (next_period: the age on the
    last day of the previous month)."""
    day = ts.age_day(ts.GAOLING, PERIOD)
    age = ts.age_on(birth, day)
    band, y = band_text(age)
    if band is None:
        return None
    return "年满%d周岁（按%s计），按%s档，每月%d元" % (age, day.isoformat(), band, y)


class ReasonTest(ts.SubsidyCase):
    def test_every_line_has_its_whole_reason(self):
        rnd = random.Random(2323)
        t = self.township("理由")
        d = ts.age_day(ts.GAOLING, PERIOD)
        people = []
        for i in range(30):
            age = rnd.choice((70, 79, 80, 81, 85, 89, 90, 95, 99, 100, 104))
            b = d.replace(year=d.year - age) + timedelta(days=rnd.randint(-200, 200))
            people.append(self.person("理由%d" % i, b, t))
        want = {p["id"]: paid_reason(p["birth"]) for p in people}
        want = {k: v for k, v in want.items() if v}
        self.assertGreater(len(want), 10, "the population should hold people paid")

        dry = self.pay(ts.GAOLING["id"], PERIOD, t, dry=True)
        got = {l["beneficiary_id"]: l["reason"] for l in dry["lines_preview"]}
        self.assertEqual(got, want, "dry run: every line's reason")

        self.pay(ts.GAOLING["id"], PERIOD, t)
        led = self.ledger(scheme=ts.GAOLING["id"], period=PERIOD, region=t)["items"]
        got = {l["beneficiary_id"]: l["reason"] for l in led}
        self.assertEqual(got, want, "run: every ledger line's reason")
        again = self.pay(ts.GAOLING["id"], PERIOD, t, dry=True)
        self.assertEqual(again["lines"], 0, "a second run writes nothing")

        # deaths found after payment, before the month: each line is taken
        # back with the death's sentence after the 调整 figures
        p0, _ = ts.month_bounds(PERIOD)
        dead = rnd.sample([p for p in people if p["id"] in want], 4)
        back = {}
        for p in dead:
            on = p0 - timedelta(days=rnd.randint(1, 40))
            self.patch_person(p, {"deceased_on": on.isoformat()})
            paid = ts.gaoling_fen(p["birth"], PERIOD)
            back[p["id"]] = ("调整：应发0元，已发%s元。%s死亡，本期不再发放"
                             % (ts.yuan_text(paid), on.isoformat()))
        dry = self.pay(ts.GAOLING["id"], PERIOD, t, dry=True)
        got = {l["beneficiary_id"]: l["reason"] for l in dry["lines_preview"]}
        self.assertEqual(got, back, "adjustments after deaths: every reason")
