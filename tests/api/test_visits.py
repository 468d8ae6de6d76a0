"""Visits to special-difficulty elderly (docs/api.md "Visits").

A township of 巴州区 with three villages is built here: 村 A and 村 B each
with a visitor (巡访员), 社区 C with none. People are registered with the
categories, dates and residences each case needs, and the expected
targets, tiers and due dates are worked out in this file from those facts
and the calendar (ISO weeks, months, quarters) and from 巴中's policy
file's "visits" section as read here, never from the server's answers.

Checked: who is a target on a day (category, age, residence, death, a
category that starts mid-month, a move out); the weekly, monthly and
quarterly tiers' due dates; the 24-hour rule after a major event; a tier
set by hand with a reason (refused without); a visit twice in a month
counted once; a village without a visitor listed; a visitor sees only
its villages' people and never a full ID number; the CSV import all or
nothing; recording refused for a future time, an unknown mode or aspect,
and the same minute twice; the ledger of rural 留守 and 空巢 elderly in
CSV and XLSX; the CLI."""

import csv
import glob
import io
import json
import os
import re
import unittest
from datetime import date, datetime, timedelta

import harness
from harness import ApiTestCase, login_as
from idnumbers import Issuer

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
POLICY = os.path.join(REPO, "policies", "511900000000-bazhong.json")
SEED_DIR = os.environ.get("LAOXIAO_SEEDS") or next(
    (d for d in (os.path.join(REPO, "..", "shared", "seeds"),
                 os.path.join(REPO, "..", "..", "shared", "seeds")) if os.path.isdir(d)),
    os.path.join(REPO, "..", "shared", "seeds"))
BAZHOU = "511902000000"
TOWN = "511902851000"
VA, VB, VC = "511902851201", "511902851202", "511902851001"
PASSWORD = "correct horse battery"
ISSUER = Issuer(("511902",), "137", 71234567, 1000000)
TARGETS = "/api/v1/visits/targets"
WORKLIST = "/api/v1/visits/worklist"
VISITS = "/api/v1/visits"
FULL_ID = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")

with open(POLICY, encoding="utf-8") as _f:
    SECTION = json.load(_f)["visits"]
TIER_EVERY = {t["code"]: t["every"] for t in SECTION["tiers"]}
HOURS = SECTION["event_within_hours"]


def tearDownModule():
    harness.stop_module_server(__name__)


# the calendar, independently of the server ---------------------------------

def period(every, day):
    """First and last day of the week (Monday-Sunday), month or quarter."""
    if every == "week":
        first = day - timedelta(days=day.weekday())
        return first, first + timedelta(days=6)
    if every == "month":
        first = day.replace(day=1)
    else:
        first = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    months = 1 if every == "month" else 3
    m = first.month - 1 + months
    nxt = date(first.year + m // 12, m % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


def month_end(day):
    return period("month", day)[1]


def minute(dt):
    return dt.strftime("%Y-%m-%dT%H:%M")


def haversine(a, b):
    """Great-circle distance in metres (mean Earth radius)."""
    from math import asin, cos, radians, sin, sqrt
    lat1, lon1, lat2, lon2 = map(radians, (*a, *b))
    h = sin((lat2 - lat1) / 2) ** 2 + cos(lat1) * cos(lat2) * sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371008.8 * asin(sqrt(h))


def tier_of(cats):
    """The first tier rule of 巴中's section that matches, else the
    default: the rule as docs/policy.md states it."""
    for rule in SECTION["tier_rules"]:
        if "all" in rule and all(c in cats for c in rule["all"]):
            return rule["tier"]
        if "any" in rule and any(c in cats for c in rule["any"]):
            return rule["tier"]
    return SECTION["default_tier"]


class VisitsTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_region(TOWN, "探访测试镇", "township", BAZHOU)
        a.create_region(VA, "甲村", "village", TOWN)
        a.create_region(VB, "乙村", "village", TOWN)
        a.create_region(VC, "丙社区", "village", TOWN)
        a.create_user("v_one", "visitor", TOWN, areas=[VA], display_name="巡访员甲")
        a.create_user("v_two", "visitor", TOWN, areas=[VB])
        a.create_user("t_off", "township_official", TOWN)
        cls.v_one = login_as(cls.server, "v_one", PASSWORD)
        cls.v_two = login_as(cls.server, "v_two", PASSWORD)
        cls.town = login_as(cls.server, "t_off", PASSWORD)
        cls.today = date.today()
        cls.n = 0

    # builders ----------------------------------------------------------

    def person(self, region, cats=(), start="2020-01-01", age=75, **over):
        VisitsTest.n += 1
        birth = date(self.today.year - age, 1 + self.n % 12, 1 + self.n % 27)
        number = ISSUER.new_id(birth, area=region[:6])
        body = {"kind": "elderly", "id_number": number, "name": "探访%03d" % self.n,
                "region": region,
                "categories": [{"category": c, "start": start} for c in cats]}
        body.update(over)
        r = self.admin.post("/api/v1/persons", body)
        self.assertStatus(r, 201, "register %s" % body["name"])
        p = r.json
        p["number"] = number
        return p

    def visit(self, person, at, client=None, status=201, **over):
        body = {"person_id": person["id"], "visited_at": minute(at), "mode": "home",
                "findings": {"safety": {"status": "ok"}}}
        body.update(over)
        r = (client or self.v_one).post(VISITS, body)
        self.assertStatus(r, status, "visit %s at %s" % (person["name"], body["visited_at"]))
        return r.json

    def targets(self, client=None, region=TOWN, **params):
        params.setdefault("limit", "1000")
        r = (client or self.admin).get(TARGETS, params=dict(region=region, **params))
        self.assertStatus(r, 200)
        self.assertEqual(r.json["total"], len(r.json["items"]))
        return {t["person_id"]: t for t in r.json["items"]}

    def target(self, person, **params):
        got = self.targets(**params)
        self.assertIn(person["id"], got, "%s is a target" % person["name"])
        return got[person["id"]]

    # who is a target -------------------------------------------------------

    def test_targets_come_from_the_registry(self):
        prev_end = self.today.replace(day=1) - timedelta(days=1)
        prev2_end = prev_end.replace(day=1) - timedelta(days=1)
        mid = prev_end.replace(day=10)
        dibao = self.person(VA, ["dibao"])
        aged = self.person(VA, ["advanced_age"], age=85)
        nothing = self.person(VA, [])
        housed = self.person(VA, ["dibao"], residence="institution")
        high = self.person(VA, ["living_alone", "disabled"])
        # died in the middle of last month: a target the month before only
        died = self.person(VA, ["dibao"], deceased_on=mid.isoformat())
        # a category from the 10th of last month: a target from that day
        late = self.person(VA, ["dibao"], start=mid.isoformat())
        as_prev = self.targets(as_of=prev_end.isoformat())
        as_prev2 = self.targets(as_of=prev2_end.isoformat())
        for p in (dibao, aged, high, late):
            self.assertIn(p["id"], as_prev, p["name"])
        for p in (nothing, housed, died):
            self.assertNotIn(p["id"], as_prev, p["name"])
        self.assertIn(died["id"], as_prev2)
        self.assertNotIn(late["id"], as_prev2)
        before = self.targets(as_of=(mid - timedelta(days=1)).isoformat())
        self.assertNotIn(late["id"], before)
        # tiers from the policy's rules
        self.assertEqual(as_prev[dibao["id"]]["tier"], tier_of(["dibao"]))
        self.assertEqual(as_prev[aged["id"]]["tier"], tier_of(["advanced_age"]))
        self.assertEqual(as_prev[high["id"]]["tier"], tier_of(["living_alone", "disabled"]))
        self.assertEqual(tier_of(["living_alone", "disabled"]), "high")
        # the late one became a target mid-month, never visited: due by
        # that month's end, not overdue (it was no target the month before)
        t = as_prev[late["id"]]
        self.assertEqual(t["since"], mid.isoformat())
        self.assertEqual(t["status"], "due")
        self.assertEqual(t["due_on"], prev_end.isoformat())
        # one registered long ago and never visited is overdue
        t = as_prev[dibao["id"]]
        self.assertEqual(t["status"], "overdue")
        self.assertEqual(t["due_on"], prev2_end.isoformat())
        b = date.fromisoformat(dibao["birth_date"])
        self.assertEqual(t["age"], prev_end.year - b.year
                         - ((prev_end.month, prev_end.day) < (b.month, b.day)))

    def test_a_move_out(self):
        moving = self.person(VA, ["dibao"])
        r = self.admin.patch("/api/v1/persons/%d" % moving["id"], {"region": VB})
        self.assertStatus(r, 200)
        yesterday = (self.today - timedelta(days=1)).isoformat()
        # before the move: 甲村's; from the day of the move: 乙村's
        self.assertEqual(self.targets(region=VA, as_of=yesterday)[moving["id"]]["region"], VA)
        self.assertNotIn(moving["id"], self.targets(region=VA))
        self.assertEqual(self.targets(region=VB)[moving["id"]]["region"], VB)
        # and the visitor of 甲村 saw them there yesterday, not today
        self.assertIn(moving["id"], self.targets(client=self.v_one, as_of=yesterday))
        self.assertNotIn(moving["id"], self.targets(client=self.v_one))

    # due dates -----------------------------------------------------------

    def test_weekly_due_dates(self):
        now = datetime.now().replace(second=0, microsecond=0)
        first, last = period("week", self.today)
        prev_first, prev_last = period("week", first - timedelta(days=1))
        this_week = self.person(VA, ["living_alone", "disabled"])
        last_week = self.person(VA, ["living_alone", "disabled"])
        long_ago = self.person(VA, ["living_alone", "disabled"])
        self.visit(this_week, datetime.combine(first, datetime.min.time()) + timedelta(minutes=1)
                   if first < self.today else now - timedelta(minutes=1))
        self.visit(last_week, datetime.combine(prev_first, datetime.min.time())
                   + timedelta(hours=9))
        self.visit(long_ago, datetime.combine(prev_first - timedelta(days=3),
                                              datetime.min.time()) + timedelta(hours=9))
        got = self.targets()
        self.assertEqual(TIER_EVERY["high"], "week")
        t = got[this_week["id"]]
        self.assertEqual((t["tier"], t["status"], t["due_on"]),
                         ("high", "done", (last + timedelta(days=7)).isoformat()))
        t = got[last_week["id"]]
        self.assertEqual((t["status"], t["due_on"]), ("due", last.isoformat()))
        t = got[long_ago["id"]]
        self.assertEqual((t["status"], t["due_on"]), ("overdue", prev_last.isoformat()))
        # a high risk found on a visit makes a monthly target weekly
        risky = self.person(VA, ["dibao"])
        self.assertEqual(self.target(risky)["tier"], "key")
        self.visit(risky, now - timedelta(minutes=2), risk="high")
        self.assertEqual(self.target(risky)["tier"], "high")

    def test_quarterly_due_dates(self):
        first, last = period("quarter", self.today)
        prev_first, prev_last = period("quarter", first - timedelta(days=1))
        self.assertEqual(TIER_EVERY[tier_of(["advanced_age"])], "quarter")
        never = self.person(VA, ["advanced_age"], age=85)
        last_q = self.person(VA, ["advanced_age"], age=86)
        self.visit(last_q, datetime.combine(prev_first, datetime.min.time())
                   + timedelta(hours=10))
        got = self.targets()
        self.assertEqual((got[never["id"]]["status"], got[never["id"]]["due_on"]),
                         ("overdue", prev_last.isoformat()))
        self.assertEqual((got[last_q["id"]]["status"], got[last_q["id"]]["due_on"]),
                         ("due", last.isoformat()))
        # visited this quarter: the next quarter's end
        self.visit(never, datetime.now().replace(second=0, microsecond=0)
                   - timedelta(minutes=3))
        nxt = period("quarter", last + timedelta(days=1))[1]
        t = self.target(never)
        self.assertEqual((t["status"], t["due_on"]), ("done", nxt.isoformat()))

    def test_24_hours_after_an_event(self):
        now = datetime.now().replace(second=0, microsecond=0)
        late, soon = self.person(VA, ["dibao"]), self.person(VA, ["dibao"])
        self.visit(late, now - timedelta(hours=HOURS + 2))
        self.visit(soon, now - timedelta(hours=3))
        rep_late = now - timedelta(hours=HOURS + 1)
        rep_soon = now - timedelta(hours=2)
        for p, rep in ((late, rep_late), (soon, rep_soon)):
            r = self.v_one.post("/api/v1/visits/events",
                                {"person_id": p["id"], "kind": "fall",
                                 "occurred_at": minute(rep - timedelta(minutes=30)),
                                 "reported_at": minute(rep)})
            self.assertStatus(r, 201)
            self.assertEqual(r.json["visit_due_by"], minute(rep + timedelta(hours=HOURS)))
        ev = "/api/v1/visits/events"
        self.assertError(self.v_one.post(ev, {"person_id": late["id"], "kind": "flood",
                                              "occurred_at": minute(now)}), 422, "kind")
        self.assertError(self.v_one.post(ev, {"person_id": late["id"], "kind": "fall",
                                              "occurred_at": minute(now + timedelta(hours=1))}),
                         422, "occurred_at")
        self.assertError(self.v_one.post(ev, {"person_id": late["id"], "kind": "fall",
                                              "occurred_at": minute(now),
                                              "reported_at": minute(now - timedelta(hours=1))}),
                         422, "reported_at")
        other = self.person(VB, ["dibao"])
        self.assertError(self.v_one.post(ev, {"person_id": other["id"], "kind": "fall",
                                              "occurred_at": minute(now)}), 404, "person_id")
        r = self.v_one.get(ev)
        self.assertStatus(r, 200)
        self.assertEqual({e["person_id"] for e in r.json["items"]}, {late["id"], soon["id"]})
        got = self.targets()
        t = got[late["id"]]
        self.assertEqual(t["status"], "overdue")
        self.assertEqual(t["event"]["due_by"], minute(rep_late + timedelta(hours=HOURS)))
        self.assertEqual(t["due_on"], (rep_late + timedelta(hours=HOURS)).date().isoformat())
        t = got[soon["id"]]
        self.assertEqual(t["status"], "due")
        soon_due = (rep_soon + timedelta(hours=HOURS)).date()
        regular_done = (now - timedelta(hours=3)).date() >= self.today.replace(day=1)
        want = soon_due if regular_done else min(soon_due, month_end(self.today))
        self.assertEqual(t["due_on"], want.isoformat())
        # a need found on the visit, referred: the target shows it open
        r = self.v_one.post("/api/v1/referrals", {"person_id": late["id"], "need": "medical",
                                                  "severity": "urgent"})
        self.assertStatus(r, 201)
        self.assertEqual(self.target(late)["open_referrals"], 1)
        self.assertEqual(self.target(soon)["open_referrals"], 0)
        # a visit at or after the report meets it
        self.visit(soon, now)
        t = self.target(soon)
        self.assertIsNone(t["event"])
        self.assertEqual(t["status"], "done")
        # the worklist puts the overdue first
        r = self.v_one.get(WORKLIST)
        self.assertStatus(r, 200)
        statuses = [i["status"] for i in r.json["items"]]
        self.assertEqual(statuses, sorted(statuses, key=lambda s: s != "overdue"))
        self.assertIn(late["id"], [i["person_id"] for i in r.json["items"]])
        self.assertNotIn(soon["id"], [i["person_id"] for i in r.json["items"]])

    def test_a_visitors_events_are_read_from_its_villages(self):
        """A visitor's limit is spent on its own villages' events, not on
        newer ones elsewhere in the township that it may not see."""
        ev = "/api/v1/visits/events"
        now = datetime.now().replace(second=0, microsecond=0)
        mine = self.person(VA, ["dibao"])
        theirs = [self.person(VB, ["dibao"]) for _ in range(3)]
        r = self.v_one.post(ev, {"person_id": mine["id"], "kind": "fall",
                                 "occurred_at": minute(now - timedelta(minutes=30)),
                                 "reported_at": minute(now - timedelta(minutes=1))})
        self.assertStatus(r, 201)
        for p in theirs:
            r = self.v_two.post(ev, {"person_id": p["id"], "kind": "fall",
                                     "occurred_at": minute(now - timedelta(minutes=20)),
                                     "reported_at": minute(now)})
            self.assertStatus(r, 201)
        town = self.town.get(ev, params={"limit": "2"}).json["items"]
        self.assertEqual(len(town), 2)
        self.assertTrue({e["person_id"] for e in town} <= {p["id"] for p in theirs},
                        "the township's two newest are the other village's")
        got = self.v_one.get(ev, params={"limit": "2"})
        self.assertStatus(got, 200)
        ids = [e["person_id"] for e in got.json["items"]]
        self.assertIn(mine["id"], ids)
        self.assertFalse(set(ids) & {p["id"] for p in theirs})
        self.assertLessEqual(len(ids), 2)
        stamps = [e["reported_at"] for e in got.json["items"]]
        self.assertEqual(stamps, sorted(stamps, reverse=True), "newest first")

    def test_worklist_kept_until_a_write(self):
        """The worklist is served again from the result cache, per account,
        and a visit recorded since is never answered from a stale copy."""
        p = self.person(VA, ["dibao"])
        yesterday = (self.today - timedelta(days=1)).isoformat()
        q = {"on": yesterday, "limit": "2000"}
        first = self.v_one.get(WORKLIST, params=q)
        self.assertStatus(first, 200)
        # each server thread's connection counts its first look as a
        # change: asked until kept, every answer the same
        for _ in range(20):
            again = self.v_one.get(WORKLIST, params=q)
            self.assertEqual(again.json, first.json)
            if again.header("X-Cache") == "hit":
                break
        self.assertEqual(again.header("X-Cache"), "hit", "never kept")
        # another account asks for itself: the township's officer sees
        # both villages, the visitor only its own
        town = self.town.get(WORKLIST, params=q)
        self.assertStatus(town, 200)
        self.assertEqual(town.header("X-Cache"), "miss")
        self.assertTrue({i["region"] for i in first.json["items"]} <= {VA})
        self.assertIn(p["id"], [i["person_id"] for i in town.json["items"]])
        # today's list shows the new target, and no longer once visited
        ids = lambda r: [i["person_id"] for i in r.json["items"]]
        r = self.v_one.get(WORKLIST, params={"limit": "2000"})
        self.assertIn(p["id"], ids(r))
        self.visit(p, datetime.now().replace(second=0, microsecond=0))
        r = self.v_one.get(WORKLIST, params={"limit": "2000"})
        self.assertStatus(r, 200)
        self.assertEqual(r.header("X-Cache"), "miss")
        self.assertNotIn(p["id"], ids(r))

    def test_worklist_nearest_first(self):
        prev = self.today.replace(day=1) - timedelta(days=1)
        here = (31.8500, 106.7500)
        places = [(31.8600, 106.7500), (31.8520, 106.7510), (31.9000, 106.8000)]
        people = []
        for lat, lon in places:
            p = self.person(VA, ["dibao"])
            self.visit(p, datetime.combine(prev.replace(day=5), datetime.min.time())
                       + timedelta(hours=len(people) + 8), lat=lat, lon=lon)
            people.append(p)
        want = sorted(range(3), key=lambda i: haversine(here, places[i]))
        for sort in ("due", "near"):
            r = self.v_one.get(WORKLIST, params={"lat": str(here[0]), "lon": str(here[1]),
                                                 "sort": sort, "limit": "2000"})
            self.assertStatus(r, 200)
            mine = {p["id"]: i for i, p in enumerate(people)}
            got = [i for i in r.json["items"] if i["person_id"] in mine]
            # all three due by this month's end: the nearest first either way
            self.assertEqual([g["status"] for g in got], ["due"] * 3)
            self.assertEqual({g["due_on"] for g in got}, {month_end(self.today).isoformat()})
            self.assertEqual([mine[g["person_id"]] for g in got], want)
            for g in got:
                d = haversine(here, places[mine[g["person_id"]]])
                self.assertAlmostEqual(g["distance_m"], d, delta=d * 0.005 + 1)
        if r.json["items"]:
            ds = [i["distance_m"] for i in r.json["items"]]
            known = [d for d in ds if d is not None]
            self.assertEqual(known, sorted(known))
        self.assertError(self.v_one.get(WORKLIST, params={"lat": "31.8"}), 400, "lat")
        self.assertError(self.v_one.get(WORKLIST, params={"sort": "name"}), 400, "sort")

    def test_random_registries_against_the_rules(self):
        """Random people, categories, birthdays and visits; every target's
        tier, status and due day on several days against the rules as
        docs/policy.md states them, computed here."""
        import random
        rnd = random.Random(14)
        town, village = "511902852000", "511902852201"
        self.admin.create_region(town, "随机镇", "township", BAZHOU)
        self.admin.create_region(village, "随机村", "village", town)
        cats_all = SECTION["targets"]["categories"] + ["urban", "tekun_centralized"]
        now = datetime.now().replace(second=0, microsecond=0)
        people = []
        for k in range(40):
            cats = rnd.sample(cats_all, rnd.randint(0, 3))
            start = self.today - timedelta(days=rnd.randint(0, 700))
            age = rnd.randint(60, 95)
            p = self.person(village, cats, start=start.isoformat(), age=age,
                            residence=rnd.choice(["home", "home", "home", "institution"]))
            p["cats"], p["start"], p["visits"] = cats, start, []
            for _ in range(rnd.randint(0, 4)):
                at = now - timedelta(minutes=rnd.randint(5, 200 * 24 * 60))
                risk = rnd.choice([None, "low", "medium", "high"])
                extra = {"risk": risk} if risk else {}
                self.visit(p, at, client=self.admin, **extra)
                p["visits"].append((at, risk))
            people.append(p)
        days = [self.today, self.today - timedelta(days=rnd.randint(1, 40)),
                self.today - timedelta(days=rnd.randint(41, 150))]
        checked = 0
        for day in days:
            got = self.targets(region=village, as_of=day.isoformat())
            moment = now if day == self.today else datetime.combine(day, datetime.min.time()) \
                + timedelta(hours=23, minutes=59)
            for p in people:
                birth = date.fromisoformat(p["birth_date"])
                sixty = date(birth.year + 60, birth.month, birth.day) \
                    if (birth.month, birth.day) != (2, 29) else date(birth.year + 60, 3, 1)
                listed = [c for c in p["cats"] if c in SECTION["targets"]["categories"]]
                target = (bool(listed) and p["residence"] == "home"
                          and p["start"] <= day and sixty <= day)
                if not target:
                    self.assertNotIn(p["id"], got, "%s on %s" % (p["name"], day))
                    continue
                t = got[p["id"]]
                since = max(p["start"], sixty)
                seen = sorted(v for v in p["visits"] if v[0] <= moment)
                last = seen[-1] if seen else None
                tier = "high" if last and last[1] == "high" else tier_of(p["cats"])
                every = TIER_EVERY[tier]
                first, end = period(every, day)
                pfirst, pend = period(every, first - timedelta(days=1))
                if last and last[0].date() >= first:
                    want = ("done", period(every, end + timedelta(days=1))[1])
                elif since <= pend and (not last or last[0].date() < pfirst):
                    want = ("overdue", pend)
                else:
                    want = ("due", end)
                self.assertEqual((t["tier"], t["status"], t["due_on"], t["since"]),
                                 (tier, want[0], want[1].isoformat(), since.isoformat()),
                                 "%s %s on %s, visits %s" % (p["name"], p["cats"], day, seen))
                checked += 1
            self.assertEqual(len(got), sum(1 for p in people if p["id"] in got))
        self.assertGreater(checked, 40)

    # counted once ----------------------------------------------------------

    def test_visited_twice_in_a_month_counts_once(self):
        prev_end = self.today.replace(day=1) - timedelta(days=1)
        twice = self.person(VB, ["dibao"])
        for d in (3, 17):
            self.visit(twice, datetime.combine(prev_end.replace(day=d),
                                               datetime.min.time()) + timedelta(hours=9),
                       client=self.v_two)
        got = self.targets(region=VB, as_of=prev_end.isoformat())
        self.assertEqual(got[twice["id"]]["status"], "done")
        r = self.admin.get(WORKLIST, params={"region": TOWN, "on": prev_end.isoformat()})
        self.assertStatus(r, 200)
        row = [g for g in r.json["by_region"] if g["region"] == VB][0]
        everyone = self.targets(region=VB, as_of=prev_end.isoformat())
        self.assertEqual(row["targets"], len(everyone))
        self.assertEqual(row["done"], sum(1 for t in everyone.values() if t["status"] == "done"))
        visits = harness.db_rows(self.server.db,
                                 "SELECT count(*) FROM visit WHERE person_id = ?",
                                 (twice["id"],))[0][0]
        self.assertEqual(visits, 2)

    # tiers set by hand -----------------------------------------------------

    def test_tier_override_needs_a_reason(self):
        p = self.person(VA, ["dibao"])
        url = "/api/v1/persons/%d/visit-tier" % p["id"]
        self.assertError(self.town.put(url, {"tier": "high"}), 422, "reason")
        self.assertError(self.town.put(url, {"tier": "high", "reason": "  "}), 422, "reason")
        self.assertError(self.town.put(url, {"tier": "weekly", "reason": "x"}), 422, "tier")
        self.assertError(self.v_one.put(url, {"tier": "high", "reason": "x"}), 403)
        # a township officer's reach is its township
        self.admin.create_region("511902853000", "邻镇", "township", BAZHOU)
        self.admin.create_region("511902853201", "邻村", "village", "511902853000")
        far = self.person("511902853201", ["dibao"])
        self.assertError(self.town.put("/api/v1/persons/%d/visit-tier" % far["id"],
                                       {"tier": "high", "reason": "x"}), 404)
        self.assertError(self.town.get(TARGETS, params={"region": "511902853000"}), 404,
                         "region")
        self.assertEqual(self.target(p)["tier"], "key")
        r = self.town.put(url, {"tier": "high", "reason": "独居且近期跌倒"})
        self.assertStatus(r, 200)
        t = self.target(p)
        self.assertEqual((t["tier"], t["tier_overridden"], t["tier_reason"]),
                         ("high", True, "独居且近期跌倒"))
        self.assertError(self.town.delete(url), 422, "reason")
        r = self.town.delete(url, params={"reason": "情况好转"})
        self.assertStatus(r, 200)
        t = self.target(p)
        self.assertEqual((t["tier"], t["tier_overridden"]), ("key", False))
        audit = self.admin.get("/api/v1/audit", params={"entity": "visit_tier"})
        self.assertStatus(audit, 200)
        actions = [e["action"] for e in audit.json["items"]
                   if e.get("entity_id") == str(p["id"])]
        self.assertIn("update", actions)
        self.assertIn("end", actions)

    # visitors and villages -----------------------------------------------

    def test_a_village_without_a_visitor_is_listed(self):
        r = self.town.get("/api/v1/visits/coverage")
        self.assertStatus(r, 200)
        by = {v["region"]: v for v in r.json["villages"]}
        self.assertEqual(set(by), {VA, VB, VC})
        self.assertEqual(SECTION["visitors_per_village"], 1)
        self.assertEqual([v["username"] for v in by[VA]["visitors"]], ["v_one"])
        self.assertEqual((by[VC]["count"], by[VC]["covered"]), (0, False))
        self.assertTrue(by[VA]["covered"] and by[VB]["covered"])
        self.assertEqual(r.json["uncovered"], 1)
        r = self.town.get(WORKLIST)
        self.assertStatus(r, 200)
        self.assertEqual([v["region"] for v in r.json["uncovered"]], [VC])
        self.assertError(self.v_one.get("/api/v1/visits/coverage"), 403)
        # a visitor whose account is disabled no longer covers its village
        vd = "511902851203"
        self.admin.create_region(vd, "丁村", "village", TOWN)
        four = self.admin.create_user("v_four", "visitor", TOWN, areas=[vd])
        r = self.town.get("/api/v1/visits/coverage", params={"uncovered": "1"})
        self.assertEqual([v["region"] for v in r.json["villages"]], [VC])
        self.assertStatus(self.admin.patch("/api/v1/users/%d" % four["id"],
                                           {"disabled": True}), 200)
        r = self.town.get("/api/v1/visits/coverage", params={"uncovered": "1"})
        self.assertEqual([v["region"] for v in r.json["villages"]], [VC, vd])
        out = harness.run_cli(["visit", "uncovered", "--region", TOWN], self.server.db)
        self.assertEqual(out.returncode, 0, out.stderr.decode())
        self.assertIn("丁村", out.stdout.decode())

    def test_a_visitor_sees_only_its_villages_and_no_full_number(self):
        mine = self.person(VA, ["dibao"])
        theirs = self.person(VB, ["dibao"])
        bodies = []

        def get(path, **params):
            r = self.v_one.get(path, params=params)
            bodies.append(r.text)
            return r

        r = get(TARGETS, limit="1000")
        self.assertStatus(r, 200)
        ids = {t["person_id"] for t in r.json["items"]}
        self.assertIn(mine["id"], ids)
        self.assertNotIn(theirs["id"], ids)
        self.assertTrue(all(t["region"] == VA for t in r.json["items"]))
        masked = {t["person_id"]: t["id_masked"] for t in r.json["items"]}
        want = mine["number"][:6] + "*" * 8 + mine["number"][-4:]
        self.assertEqual(masked[mine["id"]], want)
        r = get(WORKLIST)
        self.assertStatus(r, 200)
        self.assertTrue(all(i["region"] == VA for i in r.json["items"]))
        # the policy's own lists, for the form
        for key in ("modes", "aspects", "events", "tiers"):
            self.assertEqual([(o["code"], o["label"]) for o in r.json["options"][key]],
                             [(o["code"], o["label"]) for o in SECTION[key]], key)
        self.assertEqual(get("/api/v1/visits/options").json["modes"], r.json["options"]["modes"])
        self.assertEqual({g["region"] for g in r.json["by_region"]}, {VA})
        self.assertNotIn("uncovered", r.json)
        r = get("/api/v1/visits/ledger")
        self.assertStatus(r, 200)
        r = get("/api/v1/visits/ledger", format="csv")
        self.assertStatus(r, 200)
        # recording: one's own village only; another's person is not found
        self.visit(theirs, datetime.now() - timedelta(minutes=5), status=404)
        v = self.visit(mine, datetime.now().replace(second=0, microsecond=0)
                       - timedelta(minutes=5))
        bodies.append(json.dumps(v, ensure_ascii=False))
        other = self.visit(theirs, datetime.now().replace(second=0, microsecond=0)
                           - timedelta(minutes=5), client=self.v_two)
        self.assertStatus(get("%s/%d" % (VISITS, v["id"])), 200)
        self.assertError(get("%s/%d" % (VISITS, other["id"])), 404)
        r = get(VISITS, region=TOWN)
        self.assertStatus(r, 200)
        self.assertTrue(all(i["region"] == VA for i in r.json["items"]))
        self.assertError(self.v_one.get("/api/v1/persons/%d" % mine["id"]), 403)
        for b in bodies:
            self.assertIsNone(FULL_ID.search(b), "a full ID number in %s" % b[:200])

    # recording -------------------------------------------------------------

    def test_recording_refuses_bad_input(self):
        p = self.person(VA, ["dibao"])
        now = datetime.now().replace(second=0, microsecond=0)
        err = self.assertError(self.v_one.post(VISITS, {
            "person_id": p["id"], "visited_at": minute(now + timedelta(hours=2)),
            "mode": "home"}), 422, "visited_at")
        self.assertIn("future", err["message"])
        self.assertError(self.v_one.post(VISITS, {
            "person_id": p["id"], "visited_at": minute(now), "mode": "letter"}), 422, "mode")
        self.assertError(self.v_one.post(VISITS, {
            "person_id": p["id"], "visited_at": minute(now), "mode": "home",
            "findings": {"garden": {"status": "ok"}}}), 422, "findings.garden")
        self.assertError(self.v_one.post(VISITS, {
            "person_id": p["id"], "visited_at": minute(now), "mode": "home",
            "findings": {"safety": {"status": "fine"}}}), 422, "findings.safety.status")
        self.assertError(self.v_one.post(VISITS, {
            "person_id": p["id"], "visited_at": minute(now), "mode": "home",
            "risk": "extreme"}), 422, "risk")
        self.assertError(self.v_one.post(VISITS, {
            "person_id": p["id"], "visited_at": minute(now), "mode": "home",
            "lat": 31.8}), 422, "lon")
        self.assertEqual(harness.db_rows(self.server.db,
                                         "SELECT count(*) FROM visit WHERE person_id = ?",
                                         (p["id"],))[0][0], 0)
        at = now - timedelta(minutes=1)
        v = self.visit(p, at, mode="video", risk="medium", note="精神尚可",
                       lat=31.86, lon=106.75,
                       findings={"health": {"status": "concern", "note": "血压偏高"}})
        self.assertEqual((v["mode"], v["mode_label"], v["risk"], v["visitor"]),
                         ("video", "亲情视频", "medium", "巡访员甲"))
        self.assertEqual(v["findings"], {"health": {"status": "concern", "note": "血压偏高"}})
        self.assertError(self.v_one.post(VISITS, {
            "person_id": p["id"], "visited_at": minute(at), "mode": "home"}), 409, "visited_at")
        self.assertEqual(harness.db_rows(self.server.db,
                                         "SELECT count(*) FROM visit WHERE person_id = ?",
                                         (p["id"],))[0][0], 1)
        # another visitor at the same minute is another visit
        self.visit(p, at, client=self.town)

    # import ----------------------------------------------------------------

    def test_import_is_all_or_nothing(self):
        a, b = self.person(VA, ["dibao"]), self.person(VB, ["dibao"])
        day = (self.today - timedelta(days=1)).isoformat()
        head = "身份证号,探访时间,方式,巡访员,风险等级,情况,居住安全\r\n"
        good = [f"{a['number']},{day} 09:30,入户探访,v_one,低,正常,正常\r\n",
                f"{b['number']},{day} 10:00,video,v_two,,视频问候,\r\n"]
        bad = good + [f"{a['number']},{day} 11:00,写信,v_one,,,\r\n",
                      f"{b['number']},{day} 12:00,home,v_one,,,\r\n"]

        def count():
            return harness.db_rows(self.server.db,
                                   "SELECT count(*) FROM visit WHERE person_id IN (?, ?)",
                                   (a["id"], b["id"]))[0][0]

        r = self.town.request("POST", "/api/v1/visits/import",
                              body=(head + "".join(bad)).encode("utf-8"),
                              content_type="text/csv")
        self.assertError(r, 422)
        errors = {(e["row"], e["column"]) for e in r.json["errors"]}
        self.assertEqual(errors, {(4, "方式"), (5, "巡访员")})
        self.assertEqual(count(), 0)
        r = self.town.request("POST", "/api/v1/visits/import",
                              body=(head + "".join(good)).encode("gb18030"),
                              content_type="text/csv")
        self.assertStatus(r, 200)
        self.assertEqual(r.json["imported"], 2)
        self.assertEqual(count(), 2)
        rows = harness.db_rows(self.server.db,
                               "SELECT mode, risk, source, visited_at FROM visit"
                               " WHERE person_id = ?", (a["id"],))
        self.assertEqual([tuple(r) for r in rows], [("home", "low", "import", day + "T09:30")])

    # the ledger ------------------------------------------------------------

    def test_ledger_of_rural_left_behind_and_empty_nest(self):
        rural = self.person(VA, ["left_behind"])
        nest = self.person(VB, ["empty_nest"])
        urban = self.person(VC, ["left_behind"])
        r = self.town.get("/api/v1/visits/ledger")
        self.assertStatus(r, 200)
        ids = {i["person_id"] for i in r.json["items"]}
        self.assertIn(rural["id"], ids)
        self.assertIn(nest["id"], ids)
        self.assertNotIn(urban["id"], ids)
        r = self.town.get("/api/v1/visits/ledger", params={"format": "csv"})
        self.assertStatus(r, 200)
        rows = list(csv.reader(io.StringIO(r.body.decode("utf-8-sig"))))
        self.assertEqual(rows[0][:3], ["序号", "姓名", "身份证号"])
        by_name = {row[1]: row for row in rows[1:]}
        self.assertEqual(by_name[rural["name"]][2],
                         rural["number"][:6] + "*" * 8 + rural["number"][-4:])
        self.assertNotIn(urban["name"], by_name)
        self.assertIsNone(FULL_ID.search(r.body.decode("utf-8-sig")))
        r = self.town.get("/api/v1/visits/ledger", params={"format": "xlsx"})
        self.assertStatus(r, 200)
        self.assertEqual(r.body[:2], b"PK")

    # the command line ------------------------------------------------------

    def test_cli(self):
        p = self.person(VA, ["dibao"])
        at = minute(datetime.now().replace(second=0, microsecond=0) - timedelta(minutes=7))
        out = harness.run_cli(["visit", "record", "--person", str(p["id"]), "--at", at,
                               "--mode", "phone", "--visitor", "v_one", "--json"],
                              self.server.db)
        self.assertEqual(out.returncode, 0, out.stderr.decode())
        v = json.loads(out.stdout)
        self.assertEqual((v["visited_at"], v["mode"], v["visitor"]), (at, "phone", "巡访员甲"))
        out = harness.run_cli(["visit", "record", "--person", str(p["id"]), "--at", at,
                               "--mode", "phone", "--visitor", "v_two"], self.server.db)
        self.assertNotEqual(out.returncode, 0, "v_two does not cover 甲村")
        self.assertIn("visitor", out.stderr.decode())
        path = os.path.join(self.server.dir, "ledger.csv")
        out = harness.run_cli(["visit", "ledger", "--region", TOWN, "--format", "csv",
                               "--out", path], self.server.db)
        self.assertEqual(out.returncode, 0, out.stderr.decode())
        with open(path, encoding="utf-8-sig") as f:
            rows = list(csv.reader(f))
        self.assertEqual(rows[0][0], "序号")
        self.assertIsNone(FULL_ID.search(json.dumps(rows, ensure_ascii=False)))
        out = harness.run_cli(["visit", "targets", "--region", VA, "--json"], self.server.db)
        self.assertEqual(out.returncode, 0, out.stderr.decode())
        got = json.loads(out.stdout)
        self.assertIn(p["id"], [t["person_id"] for t in got["items"]])
        out = harness.run_cli(["visit", "uncovered", "--region", TOWN], self.server.db)
        self.assertEqual(out.returncode, 0, out.stderr.decode())
        self.assertIn("丙社区", out.stdout.decode())
        self.assertNotIn("甲村", out.stdout.decode())


SEED_NAMES = ("000_e7311d885af442f3.txt", "001_e6026dc463d5175f.txt",
              "002_b6526c2e8ad6c504.txt", "003_b8a9dfd8cad781d5.txt",
              "004_4e88682039944ece.txt")


class VisitSourcesTest(unittest.TestCase):
    """Each "visits" section cites its seed: every quote after "第N行:" (or
    "第A—B行:") is in those lines of the seed, the lines joined as the
    seeds digest joins them (003 wraps its sentences over several lines).
    Quotes are split at …… and ；, which the sources use between excerpts."""

    CITE = re.compile(r"(0\d\d_[0-9a-f]+\.txt)?\s*第(\d+)(?:—(\d+))?行[:：]\s*(.*?)"
                      r"(?=；第|；0\d\d_|（|$)")

    def sources(self, node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k in ("source", "note") and isinstance(v, str):
                    yield v
                else:
                    yield from self.sources(v)
        elif isinstance(node, list):
            for v in node:
                yield from self.sources(v)

    def test_quotes_are_in_the_seed(self):
        # without the seeds at hand, only that each cites one of them
        seeds = {os.path.basename(f): open(f, encoding="utf-8").read().split("\n")
                 for f in glob.glob(os.path.join(SEED_DIR, "0*.txt"))}
        checked = 0
        for path in sorted(glob.glob(os.path.join(REPO, "policies", "*.json"))):
            with open(path, encoding="utf-8") as f:
                section = json.load(f)["visits"]
            for src in self.sources(section):
                seed = None
                for m in self.CITE.finditer(src):
                    seed = m.group(1) or seed
                    self.assertIsNotNone(seed, "%s: a line cited without its seed: %s"
                                         % (os.path.basename(path), src))
                    self.assertIn(seed, SEED_NAMES)
                    a = int(m.group(2))
                    b = int(m.group(3) or a)
                    if not seeds:
                        checked += 1
                        continue
                    lines = seeds[seed][a - 1:b]
                    text = "".join(x.strip() for x in lines)
                    for frag in re.split(r"……|；", m.group(4)):
                        frag = frag.strip().rstrip("。")
                        if frag:
                            checked += 1
                            self.assertIn(frag, text, "%s: %s line %d" % (
                                os.path.basename(path), seed, a))
        self.assertGreater(checked, 15)
