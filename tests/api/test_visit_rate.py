"""The monthly visit rate computed from visits (docs/api.md "Visit rate",
docs/policy.md "Data elements"): GET /api/v1/visits/rate, the data
elements visit_targets and visited_targets, and the four plans' 月探访率
rows (巴中, 大竹, 开州, 景德镇) computed from them.

Expected figures are counted here, from the people and visits the test
made and the rules of docs/policy.md "Visits" applied to the policy files'
visits sections by this file's own evaluator, never read back from the
server: a target visited twice counts once; someone who becomes a target
in the month is on the list at its end, someone who died or moved away
before it is not (and a move is dated: the month before it counts them
where they lived then); a city's rate is the sum of its people over the
sum, never an average of its counties' rates. A property test does the
same over many random people."""

import json
import os
import random
from datetime import date, timedelta
from fractions import Fraction

import harness
from harness import ApiTestCase, login_as
from idnumbers import Issuer

REPO = os.path.normpath(os.path.join(harness.HERE, "..", ".."))
PASSWORD = "correct horse battery"
RATE = "/api/v1/visits/rate"
PERSONS = "/api/v1/persons"

BAZHONG = "511900000000"  # 巴中市 (preset)
BAZHOU = "511902000000"   # 巴州区
ENYANG = "511903000000"   # 恩阳区
DAZHU = "511724000000"    # 大竹县, a county with a plan of its own under 达州市
KAIZHOU = "500154000000"  # 开州区
JINGDEZHEN = "360200000000"
CHANGJIANG = "360202000000"  # 昌江区

# townships and villages made here (codes in the synthetic layout: 2xx 村)
T_BZ = "511902101000"
V_BZ1, V_BZ2 = "511902101201", "511902101202"
T_EY = "511903101000"
V_EY = "511903101201"
V_DZ = "511724001201"     # under 竹阳街道 (preset)
T_KZ = "500154101000"
V_KZ = "500154101201"
T_JDZ = "360202101000"
V_JDZ = "360202101201"

# the plans' 月探访率 rows and their jurisdictions
PLAN_ROWS = {
    BAZHONG: ("bazhong.elderly.09", V_BZ2),
    DAZHU: ("dazhu.elderly.04", V_DZ),
    KAIZHOU: ("kaizhou.main.12", V_KZ),
    JINGDEZHEN: ("jingdezhen.main.07", V_JDZ),
}

ISSUER = Issuer(("511902", "511903", "511724", "500154", "360202"), "139", 31234567, 60000000)


def tearDownModule():
    harness.stop_module_server(__name__)


# --------------------------------------------------------------------------
# The policies' visits sections, and the rules of docs/policy.md "Visits"


def load_visit_policies():
    out = {}
    for name in os.listdir(os.path.join(REPO, "policies")):
        if name.endswith(".json"):
            doc = json.load(open(os.path.join(REPO, "policies", name), encoding="utf-8"))
            if doc.get("visits"):
                out[name[:12]] = doc["visits"]
    return out


POLICIES = load_visit_policies()


def significant(code):
    for k in (2, 4, 6, 9):
        if code[k:] == "0" * (12 - k):
            return code[:k]
    return code


def policy_for(region):
    """The nearest file's section: the longest jurisdiction holding region."""
    best = None
    for code in POLICIES:
        if region.startswith(significant(code)) and (
                best is None or len(significant(code)) > len(significant(best))):
            best = code
    return POLICIES[best] if best else None


def tier_of(pol, cats, override, last_risk):
    codes = [t["code"] for t in pol["tiers"]]
    if override in codes:
        return override
    if last_risk == "high":
        return pol["risk_high_tier"]
    for rule in pol["tier_rules"]:
        if rule.get("all") and all(c in cats for c in rule["all"]):
            return rule["tier"]
        if rule.get("any") and any(c in cats for c in rule["any"]):
            return rule["tier"]
    return pol["default_tier"]


def iso(d):
    return d.isoformat()


class Person:
    """What the test made: enough to count the person by hand."""

    def __init__(self, pid, region, birth, residence, cats):
        self.id = pid
        self.region = region        # now
        self.moves = []             # (from, to, day)
        self.birth = birth
        self.residence = residence
        self.cats = cats            # [(code, start, end or None)]
        self.deceased = None
        self.visits = []            # (YYYY-MM-DDTHH:MM, risk or None)
        self.override = None        # (tier, start, end or None)

    def region_on(self, day):
        for frm, _, on in sorted(self.moves, key=lambda m: m[2]):
            if on > day:
                return frm
        return self.region


def tier_at(p, day):
    """(policy, tier) of a target on day, or None when not a target."""
    region = p.region_on(day)
    pol = policy_for(region)
    if pol is None or (p.deceased and p.deceased <= day):
        return None
    if p.birth.replace(year=p.birth.year + 60) > date.fromisoformat(day):
        return None
    if p.residence not in pol["targets"]["residence"]:
        return None
    cats = [c for c, s, e in p.cats if s <= day and (e is None or e >= day)]
    if not any(c in pol["targets"]["categories"] for c in cats):
        return None
    last = [v for v in p.visits if v[0][:10] <= day]
    last_risk = max(last)[1] if last else None
    override = None
    if p.override and p.override[1] <= day and (p.override[2] is None or p.override[2] > day):
        override = p.override[0]
    tier = tier_of(pol, cats, override, last_risk)
    return pol, next(t for t in pol["tiers"] if t["code"] == tier)


def weekly_when_week_began(p, day, monday):
    """On the list on day, and in a weekly tier when the week of monday
    began: the tier with the risk of the latest visit before it."""
    got = tier_at(p, day)
    if got is None:
        return False
    pol = got[0]
    cats = [c for c, s, e in p.cats if s <= day and (e is None or e >= day)]
    before = [v for v in p.visits if v[0][:10] < monday]
    risk = max(before)[1] if before else None
    override = None
    if p.override and p.override[1] <= day and (p.override[2] is None or p.override[2] > day):
        override = p.override[0]
    tier = tier_of(pol, cats, override, risk)
    return next(t for t in pol["tiers"] if t["code"] == tier)["every"] == "week"


def counted(p, day, first, weekly=False):
    """(on the list on day, visited first..day): the tiers of the monthly
    rate, or with weekly those visited every week."""
    got = tier_at(p, day)
    if got is None:
        return False, False
    tier = got[1]
    if not (tier["every"] == "week" if weekly else tier["in_monthly_rate"]):
        return False, False
    return True, any(first <= v[0][:10] <= day for v in p.visits)


def expected(people, root, day, first):
    targets = visited = 0
    for p in people:
        if not p.region_on(day).startswith(significant(root)):
            continue
        t, v = counted(p, day, first)
        targets += t
        visited += v
    return targets, visited


def percent(visited, targets):
    """visited / targets × 100 rounded half up to 2 places, as text."""
    if targets == 0:
        return None
    q = Fraction(visited * 100, targets) * 100
    n = int(q)
    if q - n >= Fraction(1, 2):
        n += 1
    return "%d.%02d" % (n // 100, n % 100)


def month_bounds(d):
    first = d.replace(day=1)
    nxt = (first + timedelta(days=32)).replace(day=1)
    return first, nxt - timedelta(days=1)


# --------------------------------------------------------------------------


class VisitRateCase(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        for code, name, level, parent in (
                (T_BZ, "测试镇", "township", BAZHOU),
                (V_BZ1, "一村", "village", T_BZ), (V_BZ2, "二村", "village", T_BZ),
                (T_EY, "恩阳测试镇", "township", ENYANG),
                (V_EY, "恩阳一村", "village", T_EY),
                (V_DZ, "竹阳一村", "village", "511724001000"),
                (T_KZ, "开州测试镇", "township", KAIZHOU),
                (V_KZ, "开州一村", "village", T_KZ),
                (T_JDZ, "昌江测试镇", "township", CHANGJIANG),
                (V_JDZ, "昌江一村", "village", T_JDZ)):
            a.create_region(code, name, level, parent)
        cls.today = date.today()
        # the month before this one: whole, in the past
        cls.first, cls.last = month_bounds(cls.today.replace(day=1) - timedelta(days=1))
        cls.month = iso(cls.first)[:7]
        cls.people = []
        probe = a.post("/api/v1/visits", {})
        cls.visit_route = probe.status != 404
        a.create_user("rate_reader", "readonly", BAZHONG, password=PASSWORD)
        a.create_user("rate_visitor", "visitor", T_BZ, password=PASSWORD, areas=[V_BZ1])

    # building ---------------------------------------------------------------

    def person(self, region, cats, birth=date(1950, 3, 15), residence="home"):
        body = {"kind": "elderly", "id_number": ISSUER.new_id(birth, area=region[:6]),
                "name": "探访对象%d" % (len(self.people) + 1), "region": region,
                "address": "测试路 %d 号" % (len(self.people) + 1), "residence": residence,
                "categories": [{"category": c, "start": s, "end": e} for c, s, e in cats]}
        r = self.admin.post(PERSONS, body)
        self.assertStatus(r, 201, "POST person %r" % cats)
        p = Person(r.json["id"], region, birth, residence, list(cats))
        self.people.append(p)
        return p

    def visit(self, p, day, hhmm="10:00", risk="low", mode="home"):
        at = "%sT%s" % (day, hhmm)
        if self.visit_route:
            r = self.admin.post("/api/v1/visits", {
                "person_id": p.id, "visited_at": at, "mode": mode, "risk": risk,
                "findings": {"safety": {"status": "ok"}}})
            self.assertStatus(r, 201, "POST visit %s" % at)
        else:
            # before the visits API: the row it writes
            harness.db_exec(self.server.db,
                            "INSERT INTO visit (person_id, region, visited_at, visited_on,"
                            " mode, findings, risk, source, recorded_at)"
                            " VALUES (?, ?, ?, ?, ?, '{}', ?, 'app', ?)",
                            (p.id, p.region, at, day, mode, risk, "2026-01-01T00:00:00Z"))
        p.visits.append((at, risk))

    def die(self, p, day):
        r = self.admin.patch("%s/%d" % (PERSONS, p.id), {"deceased_on": day})
        self.assertStatus(r, 200, "PATCH deceased_on")
        p.deceased = day

    def move(self, p, region):
        r = self.admin.patch("%s/%d" % (PERSONS, p.id), {"region": region})
        self.assertStatus(r, 200, "PATCH region")
        p.moves.append((p.region, region, iso(self.today)))
        p.region = region

    def day(self, n):
        """The n-th day of the test month."""
        return iso(self.first.replace(day=n))

    def rate(self, region, month, client=None):
        r = (client or self.admin).get(RATE, params={"region": region, "month": month})
        self.assertStatus(r, 200, "GET rate %s %s" % (region, month))
        return r.json

    def assertFigure(self, node, targets, visited, what):
        self.assertEqual((node["targets"], node["visited"]), (targets, visited), what)
        self.assertEqual(node["rate"], percent(visited, targets), what + ": rate")

    def check_all(self, month_first, as_of, what):
        """The city, each county and each township against the count here."""
        doc = self.rate(BAZHONG, iso(month_first)[:7])
        first = iso(month_first)
        t, v = expected(self.people, BAZHONG, as_of, first)
        self.assertFigure(doc, t, v, "%s: 巴中市" % what)
        for kid in doc["children"]:
            t, v = expected(self.people, kid["region"], as_of, first)
            self.assertFigure(kid, t, v, "%s: %s" % (what, kid["name"]))
        return doc

    # tests ------------------------------------------------------------------

    def test_1_cases_counted_once_and_at_the_month_end(self):
        long_ago = "2020-01-01"
        twice = self.person(V_BZ1, [("dibao", long_ago, None)])
        self.visit(twice, self.day(3))
        self.visit(twice, self.day(20), risk="medium")
        never = self.person(V_BZ1, [("dibao", long_ago, None)])
        self.visit(never, iso(self.first - timedelta(days=3)))  # the month before
        mid = self.person(V_BZ1, [("low_income", self.day(15), None)])
        self.visit(mid, self.day(20))
        mid_unvisited = self.person(V_BZ2, [("dibao", self.day(16), None)])
        after = self.person(V_BZ2, [("dibao", iso(self.last + timedelta(days=1)), None)])
        self.visit(after, self.day(2))  # before it became a target
        dead = self.person(V_BZ2, [("dibao", long_ago, None)])
        self.visit(dead, self.day(5))
        self.die(dead, self.day(10))
        dies_later = self.person(V_BZ2, [("dibao", long_ago, None)])
        self.visit(dies_later, self.day(6))
        self.die(dies_later, iso(self.last + timedelta(days=1)))
        mover = self.person(V_BZ1, [("dibao", long_ago, None)])
        self.visit(mover, self.day(8))
        self.move(mover, V_EY)
        regular = self.person(V_BZ2, [("empty_nest", long_ago, None)])  # quarterly tier
        self.visit(regular, self.day(9))
        risky = self.person(V_BZ2, [("empty_nest", long_ago, None)])
        self.visit(risky, self.day(11), risk="high")  # high tier after it
        home_bed = self.person(V_BZ2, [("dibao", long_ago, None)], residence="institution")
        self.visit(home_bed, self.day(12))

        doc = self.check_all(self.first, iso(self.last), "last month")
        # spelled out: 巴州区 lists twice, never, mid, mid_unvisited,
        # dies_later, mover (lived there at the month's end), risky;
        # visited twice, mid, dies_later, mover, risky
        bz = next(k for k in doc["children"] if k["region"] == BAZHOU)
        self.assertFigure(bz, 7, 5, "巴州区 last month, counted by hand")
        ey = next(k for k in doc["children"] if k["region"] == ENYANG)
        self.assertFigure(ey, 0, 0, "恩阳区 last month: the mover came this month")
        # this month: the mover is 恩阳区's (moved today), not yet visited
        first, _ = month_bounds(self.today)
        doc = self.check_all(first, iso(self.today), "this month")
        ey = next(k for k in doc["children"] if k["region"] == ENYANG)
        self.assertEqual(ey["targets"], 1, "the mover is on 恩阳区's list this month")
        self.assertEqual(doc["as_of"], iso(self.today), "this month: the list as of today")

    def test_2_city_is_sum_over_sum(self):
        # 恩阳区 small and fully visited, 巴州区 larger and partly
        long_ago = "2019-06-01"
        for _ in range(3):
            p = self.person(V_EY, [("tekun_dispersed", long_ago, None)])
            self.visit(p, self.day(4))
        for i in range(5):
            p = self.person(V_BZ2, [("dibao", long_ago, None)])
            if i == 0:
                self.visit(p, self.day(4))
        doc = self.check_all(self.first, iso(self.last), "sum over sum")
        kids = [k for k in doc["children"] if k["targets"]]
        self.assertGreaterEqual(len(kids), 2)
        self.assertEqual(doc["targets"], sum(k["targets"] for k in doc["children"]))
        self.assertEqual(doc["visited"], sum(k["visited"] for k in doc["children"]))
        avg = sum(Fraction(k["visited"], k["targets"]) for k in kids) / len(kids) * 100
        self.assertNotEqual(Fraction(doc["rate"]), avg.limit_denominator(10 ** 6),
                            "the city's rate is not the average of its counties'")

    def test_3_the_four_plans_rows_computed(self):
        long_ago = "2018-01-01"
        for juris, (row, village) in sorted(PLAN_ROWS.items()):
            made = []
            for k, cats in enumerate((["dibao"], ["tekun_dispersed"], ["low_income"],
                                      ["empty_nest"], ["advanced_age"], ["disabled"])):
                p = self.person(village, [(c, long_ago, None) for c in cats])
                made.append(p)
                if k % 2 == 0:
                    self.visit(p, self.day(7 + k))
            t, v = expected(self.people, juris, iso(self.last), iso(self.first))
            self.assertGreater(t, 0, "%s: someone to visit" % row)
            r = self.admin.get("/api/v1/indicators",
                               params={"region": juris, "period": self.month})
            self.assertStatus(r, 200, "indicators %s" % juris)
            ind = next(i for i in r.json["indicators"] if i["id"] == row)
            self.assertEqual(ind["origin"], "computed", row)
            self.assertEqual((ind["numerator"], ind["denominator"]), (str(v), str(t)),
                             "%s: visited / targets counted here" % row)
            # the plans state whole percentages: a whole value shows whole,
            # any other to 2 places (docs/policy.md "Precision and rounding")
            whole = Fraction(100 * v, t)
            self.assertEqual(ind["value"], str(whole) if whole.denominator == 1
                             else percent(v, t), "%s: value" % row)
            # the same figure from the rate endpoint
            self.assertFigure(self.rate(juris, self.month), t, v, "%s rate" % juris)

    def test_4_property_random_people(self):
        rng = random.Random(14)
        cats_all = ["dibao", "tekun_dispersed", "low_income", "disabled", "dementia",
                    "empty_nest", "living_alone", "left_behind", "advanced_age",
                    "partly_disabled", "severe_disability", "family_planning_special"]
        villages = [V_BZ1, V_BZ2, V_EY]
        for _ in range(40):
            cats = []
            for c in rng.sample(cats_all, rng.randint(1, 3)):
                start = self.day(rng.randint(1, 28)) if rng.random() < 0.3 else "2020-05-01"
                end = self.day(rng.randint(1, 28)) if rng.random() < 0.15 else None
                if end and end < start:
                    end = None
                cats.append((c, start, end))
            p = self.person(rng.choice(villages), cats,
                            residence="home" if rng.random() < 0.9 else "institution")
            for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
                self.visit(p, self.day(rng.randint(1, 28)),
                           "%02d:%02d" % (rng.randint(8, 17), rng.randint(0, 59)),
                           risk=rng.choice(("low", "low", "medium", "high")))
            if rng.random() < 0.1:
                self.die(p, self.day(rng.randint(2, 28)))
        self.check_all(self.first, iso(self.last), "random people")
        # and every month's figures of the indicator equal the count here
        r = self.admin.get("/api/v1/indicators", params={"region": BAZHONG, "period": self.month})
        ind = next(i for i in r.json["indicators"] if i["id"] == "bazhong.elderly.09")
        t, v = expected(self.people, BAZHONG, iso(self.last), iso(self.first))
        self.assertEqual((ind["numerator"], ind["denominator"]), (str(v), str(t)))

    def test_5_weeks_of_the_month(self):
        doc = self.rate(BAZHONG, self.month)
        weeks = doc["weeks"]
        self.assertTrue(4 <= len(weeks) <= 5, "ISO weeks whose Thursday is in the month")
        for w in weeks:
            mon = date.fromisoformat(w["from"])
            self.assertEqual(mon.weekday(), 0, "weeks start on Monday")
            self.assertEqual(w["to"], iso(mon + timedelta(days=6)))
            thu = mon + timedelta(days=3)
            self.assertEqual(iso(thu)[:7], self.month, "the week's Thursday is in the month")
            self.assertEqual(w["week"], "%04d-W%02d" % thu.isocalendar()[:2])
            # the targets of the month's list (at its end) in a weekly
            # tier when the week began, visited that week
            t = v = 0
            for p in self.people:
                if p.region_on(doc["as_of"]).startswith("5119"):
                    a = weekly_when_week_began(p, doc["as_of"], w["from"])
                    t += a
                    v += a and any(w["from"] <= x[0][:10] <= w["to"] for x in p.visits)
            self.assertEqual((w["targets"], w["visited"]), (t, v), "week %s" % w["week"])
            self.assertEqual(w["share"], percent(v, t))

    def test_6_scope_and_bad_input(self):
        reader = login_as(self.server, "rate_reader", PASSWORD)
        self.assertStatus(reader.get(RATE, params={"region": BAZHONG, "month": self.month}), 200)
        self.assertError(reader.get(RATE, params={"region": DAZHU, "month": self.month}),
                         404, "region", "another city's county is not in scope")
        visitor = login_as(self.server, "rate_visitor", PASSWORD)
        self.assertDenied(visitor.get(RATE, params={"region": T_BZ, "month": self.month}),
                          what="visitors do not read the rate")
        for bad in ("2021-13", "2021", "May", "2021Q1"):
            self.assertError(self.admin.get(RATE, params={"region": BAZHONG, "month": bad}),
                             422, "month", "month %r" % bad)
        nxt = (self.today.replace(day=1) + timedelta(days=32)).replace(day=1)
        self.assertError(self.admin.get(RATE, params={"region": BAZHONG,
                                                      "month": iso(nxt)[:7]}),
                         422, "month", "a month not begun")
        self.assertError(self.admin.get(RATE, params={"region": BAZHONG, "colour": "red"}),
                         400, None, "an unknown parameter")
        self.assertError(self.admin.get(RATE, params={"month": self.month}), (400, 422),
                         "region", "no region")

    def test_8_kept_until_something_is_written(self):
        """A repeated request is answered from the cache; a visit recorded
        since, through the API or by another process, is counted at once."""
        def get():
            r = self.admin.get(RATE, params={"region": BAZHONG, "month": self.month})
            self.assertStatus(r, 200)
            return r.header("X-Cache"), r.json

        # each of the server's connections counts as changed the first
        # time it asks: a repeat is kept once they have all asked
        for _ in range(20):
            state, doc = get()
            if state == "hit":
                break
        self.assertEqual(state, "hit")
        p = self.person(V_BZ1, [("dibao", "2020-01-01", None)])
        state, doc = get()
        self.assertEqual(state, "miss", "a new target is a write")
        t, v = expected(self.people, BAZHONG, doc["as_of"], iso(self.first))
        self.assertFigure(doc, t, v, "after a new target")
        self.visit(p, self.day(12))
        state, doc = get()
        self.assertEqual(state, "miss")
        self.assertFigure(doc, t, v + 1, "the new target visited")
        harness.db_exec(self.server.db,
                        "INSERT INTO visit (person_id, region, visited_at, visited_on,"
                        " mode, findings, risk, source, recorded_at)"
                        " VALUES (?, ?, ?, ?, 'home', '{}', 'low', 'import', ?)",
                        (p.id, p.region, self.day(13) + "T09:00", self.day(13),
                         "2026-01-01T00:00:00Z"))
        p.visits.append((self.day(13) + "T09:00", "low"))
        state, doc = get()
        self.assertEqual(state, "miss", "a write by another process is seen")
        self.assertFigure(doc, t, v + 1, "visited twice still counts once")

    # laoxiao visit hands "rate" to cmd_visit_rate (cli/cmd_visit_rate.c)
    def test_7_cli_equals_api(self):
        p = harness.run_cli(["visit", "rate", "--region", BAZHONG, "--month", self.month,
                             "--json"], self.server.db)
        err = p.stderr.decode("utf-8", "replace")
        self.assertEqual(p.returncode, 0, err)
        doc = json.loads(p.stdout.decode("utf-8"))
        api = self.rate(BAZHONG, self.month)
        self.assertEqual(doc, api, "the command prints what the API answers")
        p = harness.run_cli(["visit", "rate", "--region", BAZHONG, "--month", "2021-13"],
                            self.server.db)
        self.assertEqual(p.returncode, 1)
        self.assertIn("month", p.stderr.decode("utf-8", "replace"))


    def test_9_property_moves_and_visits_on_one_day(self):
        """Random people who moved out of or across the city after the
        month (counted where they lived at its end), with several visits
        on one day at different times (the latest by time decides the
        risk) and high-risk visits before the weeks began: the city, each
        county and each week against the count here."""
        rng = random.Random(23)
        cats_all = ["dibao", "living_alone", "disabled", "dementia", "left_behind",
                    "empty_nest", "advanced_age"]
        villages = [V_BZ1, V_BZ2, V_EY, V_DZ]
        for _ in range(30):
            # half in the regular tier by their categories, so that the
            # latest visit's risk alone decides whether they count
            pick = (rng.sample(["empty_nest", "advanced_age"], rng.randint(1, 2))
                    if rng.random() < 0.5 else rng.sample(cats_all, rng.randint(1, 3)))
            p = self.person(rng.choice(villages), [(c, "2020-05-01", None) for c in pick])
            times = rng.sample(range(8 * 60, 18 * 60), 4)
            n = rng.choice((0, 1, 2, 2, 3, 4))
            same = rng.random() < 0.5
            day0 = rng.randint(1, 28)
            for k in range(n):
                d = day0 if same else rng.randint(1, 28)
                self.visit(p, self.day(d), "%02d:%02d" % divmod(times[k], 60),
                           risk=rng.choice(("low", "high", "high", "medium")))
            if rng.random() < 0.4:
                # moved today, after the month: counted where they were
                self.move(p, rng.choice([v for v in villages + [V_KZ] if v != p.region]))
        # the last one registered moves out of the city: the highest id of
        # anyone who lived in it at the month's end is someone's living
        # outside it now (a read narrowed to the city's people must reach
        # them too)
        last = self.person(V_BZ2, [("dibao", "2020-05-01", None)])
        self.visit(last, self.day(9), "10:00", risk="high")
        self.move(last, V_KZ)
        doc = self.check_all(self.first, iso(self.last), "moves and one-day visits")
        for w in doc["weeks"]:
            t = v = 0
            for p in self.people:
                if p.region_on(doc["as_of"]).startswith("5119"):
                    a = weekly_when_week_began(p, doc["as_of"], w["from"])
                    t += a
                    v += a and any(w["from"] <= x[0][:10] <= w["to"] for x in p.visits)
            self.assertEqual((w["targets"], w["visited"]), (t, v), "week %s" % w["week"])


class SynthVisitsCase(ApiTestCase):
    """laoxiao synth's visit work (docs/synth.md "Visits"), checked on the
    rows it wrote: an officer per township, a visitor per village bound to
    it or the village listed as uncovered, every account locked; visits in
    the twelve months after the reference day (2020-11-01 for 巴中), to
    targets at home, never on or after a death; --no-visits makes none."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        import tempfile
        cls.tmp = tempfile.mkdtemp()
        cls.db = harness.new_db(cls.tmp, "synth.db")
        p = harness.run_cli(["synth", "--preset", BAZHONG, "--scale", "0.01", "--json"],
                            cls.db, timeout=300)
        if p.returncode:
            raise AssertionError("synth failed: %s" % p.stderr.decode("utf-8", "replace"))
        out = p.stdout.decode("utf-8")
        cls.report = json.loads(out[out.index("{"):])

    @classmethod
    def tearDownClass(cls):
        harness.drop_db(cls.db)
        import shutil
        shutil.rmtree(cls.tmp, ignore_errors=True)
        super().tearDownClass()

    def rows(self, sql, args=()):
        return harness.db_rows(self.db, sql, args)

    def test_accounts(self):
        rep = self.report["visits"]
        towns = self.rows("SELECT code FROM region WHERE code LIKE '5119%' AND level = 'township'")
        villages = self.rows("SELECT code, parent FROM region WHERE code LIKE '5119%'"
                             " AND level = 'village'")
        officers = self.rows("SELECT region, password_hash FROM account"
                             " WHERE role = 'township_official'")
        self.assertEqual(sorted(r for r, _ in officers), sorted(t for t, in towns),
                         "one officer per township")
        visitors = self.rows("SELECT a.region, r.region, a.password_hash FROM account a"
                             " JOIN account_area r ON r.account_id = a.id"
                             " WHERE a.role = 'visitor'")
        parent = dict(villages)
        self.assertEqual(len(visitors), rep["visitors"])
        self.assertEqual(len(set(v for _, v, _ in visitors)), len(visitors),
                         "one visitor per village")
        for town, village, _ in visitors:
            self.assertEqual(parent.get(village), town, "a visitor's township holds its village")
        self.assertEqual(len(visitors) + rep["villages_without_visitor"], len(villages))
        self.assertEqual(rep["township_officers"], len(towns))
        for _, _, h in visitors:
            self.assertEqual(h, "!", "locked until an administrator sets a password")
        for _, h in officers:
            self.assertEqual(h, "!")

    def test_visits_in_the_year_to_targets_alive(self):
        n, lo, hi = self.rows("SELECT count(*), min(visited_on), max(visited_on) FROM visit")[0]
        self.assertEqual(n, self.report["visits"]["visits"])
        self.assertGreater(n, 0)
        self.assertGreaterEqual(lo, "2020-12-01")
        self.assertLessEqual(hi, "2021-11-30")
        dead = self.rows("SELECT count(*) FROM visit v JOIN person p ON p.id = v.person_id"
                         " WHERE p.deceased_on IS NOT NULL AND v.visited_on >= p.deceased_on")
        self.assertEqual(dead[0][0], 0, "no visit on or after a death")
        away = self.rows("SELECT count(*) FROM visit v JOIN person p ON p.id = v.person_id"
                         " WHERE p.residence <> 'home' OR p.kind <> 'elderly'"
                         " OR v.region <> p.region")
        self.assertEqual(away[0][0], 0, "visits to elderly at home, in their village")
        cats = ("tekun_dispersed", "dibao", "low_income", "disabled", "partly_disabled",
                "dementia", "severe_disability", "empty_nest", "left_behind",
                "living_alone", "family_planning_special", "advanced_age")
        none = self.rows("SELECT count(DISTINCT v.person_id) FROM visit v WHERE NOT EXISTS"
                         " (SELECT 1 FROM person_category c WHERE c.person_id = v.person_id"
                         " AND c.category IN (%s) AND c.start_date <= v.visited_on)"
                         % ", ".join("'%s'" % c for c in cats))
        self.assertEqual(none[0][0], 0, "only targets are visited, once they are")
        # the documented monthly rate 0.93 (0.60 without a visitor) and
        # weekly 0.90: a month's share of monthly targets visited lies
        # near them, far from 0 and 1
        month = self.rows("SELECT count(DISTINCT person_id) FROM visit"
                          " WHERE visited_on BETWEEN '2021-03-01' AND '2021-03-31'")[0][0]
        self.assertGreater(month, 0.5 * self.report["visits"]["visit_targets"])

    def test_same_seed_same_visits(self):
        db = harness.new_db(self.tmp, "again.db")
        p = harness.run_cli(["synth", "--preset", BAZHONG, "--scale", "0.01"], db, timeout=300)
        self.assertEqual(p.returncode, 0, p.stderr.decode("utf-8", "replace"))
        sql = ("SELECT person_id, visited_at, mode, risk, findings, visitor_name FROM visit"
               " ORDER BY id")
        self.assertEqual(harness.db_rows(db, sql), self.rows(sql), "the same seed, the same visits")
        harness.drop_db(db)

    def test_no_visits(self):
        db = harness.new_db(self.tmp, "bare.db")
        p = harness.run_cli(["synth", "--preset", BAZHONG, "--scale", "0.01", "--no-visits",
                             "--json"], db, timeout=300)
        self.assertEqual(p.returncode, 0, p.stderr.decode("utf-8", "replace"))
        self.assertEqual(harness.db_rows(db, "SELECT count(*) FROM visit")[0][0], 0)
        self.assertEqual(harness.db_rows(db, "SELECT count(*) FROM account"
                                             " WHERE role IN ('visitor', 'township_official')")
                         [0][0], 0)
        # the rest of the city is the same: its people and categories
        for sql in ("SELECT count(*) FROM person", "SELECT count(*) FROM person_category",
                    "SELECT count(*) FROM person WHERE deceased_on IS NOT NULL"):
            self.assertEqual(harness.db_rows(db, sql), self.rows(sql), sql)
        harness.drop_db(db)
