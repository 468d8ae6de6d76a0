"""Waiting lists (轮候, docs/api.md "Waiting lists (轮候)") under 巴中's
policy: a list built with ties in care level and waiting time, in the
order of the policy's rule computed here (tier by the first tier whose
category set the person holds or whose declared flag the application
carries; then care level higher first, waiting since earlier, applied at
earlier, id); a decline and an expired offer (the second decline restarts
the wait on the day after the deadline); an offer passing people over
only with a reason, recorded on theirs; one bed offered once; a willing
特困 applicant shown where to go and admitted (the person lives there, the
institution's occupied beds rise by one in a capacity entry dated today);
the county told loudly when no institution has room; scopes (a family
sees its own applicant only, another family nothing, read-only cannot
write); bad input naming its field and changing nothing; two offers of
the last bed and two acceptances at once taken once.

Expected values come from the policy file and the dates chosen here."""

import json
import os
import threading
from datetime import date, timedelta

import harness
from harness import ApiTestCase, facility_body, login_as
from idnumbers import Issuer

REPO = os.path.normpath(os.path.join(harness.HERE, "..", ".."))
PASSWORD = "correct horse battery"
W = "/api/v1/waitlist"
APPS = W + "/applications"
PERSONS = "/api/v1/persons"
BAZHONG = "511900000000"
BAZHOU = "511902000000"
TOWN = "511902731000"
VILLAGE = "511902731001"
TOWN2 = "511902732000"
VILLAGE2 = "511902732001"
ENYANG = "511903000000"
TOWN_EY = "511903731000"
VILLAGE_EY = "511903731001"
DAZHU = "511724000000"  # 大竹县: one list for the county (scope region)
TOWN_DZ = "511724731000"
VILLAGE_DZ = "511724731001"
ISSUER = Issuer(("511902", "511903", "511724"), "137", 51234567, 70000000)
TODAY = date.today()
LEVEL_INDEX = {"能力完好": 0, "轻度失能": 1, "中度失能": 2, "重度失能": 3}


def day(n):
    return (TODAY + timedelta(days=n)).isoformat()


def policy():
    with open(os.path.join(REPO, "policies", "511900000000-bazhong.json"), encoding="utf-8") as f:
        return json.load(f)["waitlist"]


POLICY = policy()


def policy_of(path):
    with open(os.path.join(REPO, "policies", path), encoding="utf-8") as f:
        return json.load(f)["waitlist"]


def tier_of(cats, declared):
    """The policy's rule, written here: the first tier whose rule has a set
    of categories all held, or whose declared flag is given; the last
    otherwise."""
    for i, t in enumerate(POLICY["tiers"]):
        if "rule" in t and any(set(s) <= set(cats) for s in t["rule"]["any"]):
            return i
        if t.get("declared") and t["declared"] in declared:
            return i
    return len(POLICY["tiers"]) - 1


class WaitingLists(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_region(TOWN, "轮候测试镇", "township", BAZHOU)
        a.create_region(VILLAGE, "轮候一村", "village", TOWN)
        a.create_region(TOWN2, "轮候二镇", "township", BAZHOU)
        a.create_region(VILLAGE2, "轮候二村", "village", TOWN2)
        a.create_region(TOWN_EY, "轮候恩阳镇", "township", ENYANG)
        a.create_region(VILLAGE_EY, "轮候恩阳村", "village", TOWN_EY)
        a.create_region(TOWN_DZ, "轮候大竹镇", "township", DAZHU)
        a.create_region(VILLAGE_DZ, "轮候大竹村", "village", TOWN_DZ)
        # one vacant bed (10 beds, 9 occupied) in the township's home
        cls.home = a.create_facility(facility_body(
            TOWN, name="轮候镇敬老院", ownership="public", beds=10, nursing_beds=5,
            occupied_beds=9))
        cls.private = a.create_facility(facility_body(
            TOWN, name="轮候民办养老院", ownership="private", beds=50, nursing_beds=10,
            occupied_beds=10))
        cls.far_home = a.create_facility(facility_body(
            TOWN2, name="轮候二镇敬老院", ownership="public", beds=20, nursing_beds=5,
            occupied_beds=20))
        users = {
            "w_county": ("county_official", BAZHOU, {}),
            "w_ro": ("readonly", BAZHONG, {}),
            "w_town": ("township_official", TOWN, {}),
            "w_town2": ("township_official", TOWN2, {}),
            "w_op": ("operator", BAZHOU, {"facilities": [cls.home["id"]]}),
            "w_op2": ("operator", BAZHOU, {"facilities": [cls.private["id"]]}),
            "w_fam": ("family", BAZHOU, {}),
            "w_fam2": ("family", BAZHOU, {}),
        }
        cls.c = {}
        for name, (role, region, extra) in users.items():
            a.create_user(name, role, region, password=PASSWORD, **extra)
            cls.c[name] = login_as(cls.server, name, PASSWORD)
        cls.c["admin"] = a
        cls.n = 0
        cls.ids = {}

    def person(self, cats, level=None, region=VILLAGE, birth=date(1950, 5, 6)):
        WaitingLists.n += 1
        idn = ISSUER.new_id(birth, area=region[:6])
        name = "轮候老人%03d" % self.n
        r = self.admin.post(PERSONS, {
            "kind": "elderly", "id_number": idn, "name": name, "region": region,
            "categories": [{"category": c, "start": "2020-01-01"} for c in cats]})
        self.assertStatus(r, 201, "person")
        pid = r.json["id"]
        self.ids[pid] = (idn, name)
        if level:
            r = self.admin.post("%s/%d/assessments" % (PERSONS, pid),
                                {"legacy_level": level, "assessed_on": day(-30),
                                 "assessors": ["评估员张", "评估员李"]})
            self.assertStatus(r, 201, "assessment")
        return pid

    def apply(self, pid, who="w_county", status=201, **over):
        body = {"person_id": pid, "facility_id": self.home["id"]}
        body.update(over)
        r = self.c[who].post(APPS, body)
        self.assertStatus(r, status, "apply %r" % body)
        return r.json

    def listing(self, facility=None, who="w_county"):
        r = self.c[who].get(W, params={"facility": facility or self.home["id"]})
        self.assertStatus(r, 200, "list")
        return r.json

    def step(self, aid, name, body=None, who="w_county", status=200):
        r = self.c[who].post("%s/%d/%s" % (APPS, aid, name), body or {})
        self.assertStatus(r, status, "%s %d %r" % (name, aid, body))
        return r.json

    def expected_order(self, model):
        """model: id -> (tier, level or -1, waiting_since, applied_at)."""
        return sorted(model, key=lambda i: (model[i][0], -model[i][1], model[i][2],
                                            model[i][3], i))

    # ------------------------------------------------------------------

    def test_1_order_ties_decline_expiry_and_must_place(self):
        tiers = [t["code"] for t in POLICY["tiers"]]
        self.assertEqual(POLICY["order"], ["care_level", "waiting_since", "applied_at"])
        self.assertEqual((POLICY["offer_days"], POLICY["declines_before_requeue"]), (7, 2))
        people = {
            # name: categories, level, applied_on, declared
            "a": ([], "重度失能", day(-60), []),
            "b": ([], "重度失能", day(-60), []),  # ties a but for applied_at / id
            "c": ([], "轻度失能", day(-90), []),  # waits longer, needs less care
            "d": (["dibao", "disabled"], None, day(-20), []),
            "e": ([], "重度失能", day(-50), ["special_contribution"]),
            "f": (["advanced_age"], "中度失能", day(-40), []),
            "g": (["tekun_dispersed"], "中度失能", day(-10), []),
        }
        app = {}
        model = {}
        for k, (cats, level, applied_on, declared) in people.items():
            pid = self.person(cats, level)
            body = {"applied_on": applied_on}
            if declared:
                body.update(declared=declared, declared_note="抗战老兵（县退役军人事务局证明）")
            if k == "g":
                body["willing"] = True
            got = self.apply(pid, **body)
            app[k] = got
            t = tier_of(cats, declared)
            self.assertEqual(got["tier"]["code"], tiers[t], k)
            self.assertEqual(got["tier_at_application"]["code"], tiers[t], k)
            self.assertEqual((got["status"], got["waiting_since"]), ("waiting", applied_on))
            model[got["id"]] = [t, LEVEL_INDEX[level] if level else -1, applied_on,
                                got["applied_at"]]
        # the same person twice on one list
        self.apply(app["a"]["person_id"], status=409)
        lst = self.listing()
        self.assertEqual(lst["order"]["keys"], POLICY["order"])
        order = self.expected_order(model)
        self.assertEqual([i["id"] for i in lst["items"]], order)
        self.assertEqual([i["position"] for i in lst["items"]], list(range(1, len(order) + 1)))
        self.assertEqual(order.index(app["a"]["id"]) + 1, order.index(app["b"]["id"]),
                         "the tie of a and b goes by the time of application, then id")
        g = [i for i in lst["items"] if i["id"] == app["g"]["id"]][0]
        self.assertTrue(g["must_place"])
        self.assertEqual(lst["must_place"], 1)
        self.assertEqual([i["must_place"] for i in lst["items"]].count(True), 1)

        # one vacant bed: an offer to a (behind five) needs a reason
        r = self.c["w_county"].post("%s/%d/offer" % (APPS, app["a"]["id"]), {})
        self.assertError(r, 422, "reason")
        self.step(app["a"]["id"], "offer", {"reason": "甲本人急需入住，前序申请人暂不能入住"})
        # the bed is promised: a second offer has no bed
        r = self.c["w_county"].post("%s/%d/offer" % (APPS, app["g"]["id"]), {})
        self.assertError(r, 409, "facility_id")
        ahead = [i for i in order[:order.index(app["a"]["id"])]]
        for aid in ahead:
            h = self.c["w_county"].get("%s/%d/history" % (APPS, aid)).json
            self.assertEqual([e["kind"] for e in h["events"]], ["apply", "skip"], aid)
        # first decline: the wait goes on from the same day
        r = self.c["w_county"].post("%s/%d/decline" % (APPS, app["a"]["id"]), {})
        self.assertError(r, 422, "reason")
        got = self.step(app["a"]["id"], "decline", {"reason": "家属希望离家更近"})
        self.assertEqual((got["status"], got["declines"], got["waiting_since"]),
                         ("waiting", 1, day(-60)))
        # a second offer made 10 days ago lapsed 3 days ago: the second
        # decline; the wait restarts the day after the deadline
        offered_on = day(-10)
        self.step(app["a"]["id"], "offer", {"offered_on": offered_on, "reason": "再次通知"})
        lst = self.listing()  # read: the overdue offer closes
        self.assertEqual(lst["expired_now"], 1)
        restart = (date.fromisoformat(offered_on) + timedelta(days=POLICY["offer_days"] + 1)).isoformat()
        model[app["a"]["id"]][2] = restart
        order = self.expected_order(model)
        self.assertEqual([i["id"] for i in lst["items"]], order)
        a_now = [i for i in lst["items"] if i["id"] == app["a"]["id"]][0]
        self.assertEqual((a_now["declines"], a_now["waiting_since"], a_now["status"]),
                         (0, restart, "waiting"))
        self.assertLess(order.index(app["b"]["id"]), order.index(app["a"]["id"]),
                        "b is now ahead of a")
        h = self.c["w_county"].get("%s/%d/history" % (APPS, app["a"]["id"])).json
        self.assertEqual([e["kind"] for e in h["events"]],
                         ["apply", "offer", "decline", "offer", "requeue", "expire"])
        self.assertEqual([o["status"] for o in h["offers"]], ["declined", "expired"])
        self.assertEqual(h["offers"][1]["responded_on"], restart)

        # the willing 特困 applicant: where? the own township's home first
        mp = self.c["w_county"].get(W + "/must-place", params={"region": BAZHOU}).json
        mine = [i for i in mp["items"] if i["id"] == app["g"]["id"]][0]
        self.assertTrue(mine["has_room"])
        self.assertEqual(mine["institutions"][0]["facility_id"], self.home["id"])
        self.assertEqual((mine["institutions"][0]["vacant_beds"], mine["institutions"][0]["left"]),
                         (1, 1))
        names = [i["facility_id"] for i in mine["institutions"]]
        self.assertNotIn(self.private["id"], names, "a private home keeps no list")
        self.step(app["g"]["id"], "offer", {})
        got = self.step(app["g"]["id"], "accept", {})
        self.assertEqual((got["status"], got["placed_facility_id"], got["placed_on"]),
                         ("admitted", self.home["id"], TODAY.isoformat()))
        per = self.admin.get("%s/%d" % (PERSONS, app["g"]["person_id"])).json
        self.assertEqual((per["residence"], per["facility_id"]), ("institution", self.home["id"]))
        hist = self.admin.get("/api/v1/facilities/%d/history" % self.home["id"]).json
        last = hist["items"][-1] if isinstance(hist, dict) else hist[-1]
        self.assertEqual((last["capacity_date"] if "capacity_date" in last else last["date"],
                          last["occupied_beds"], last["beds"]), (TODAY.isoformat(), 10, 10))
        lst = self.listing()
        self.assertNotIn(app["g"]["id"], [i["id"] for i in lst["items"]])
        del model[app["g"]["id"]]
        self.assertEqual([i["id"] for i in lst["items"]], self.expected_order(model))
        # now full: a new willing 特困 applicant has nowhere to go, loudly
        pid = self.person(["tekun_centralized"], "重度失能")
        g2 = self.apply(pid, willing=True)
        mp = self.c["w_county"].get(W + "/must-place", params={"region": BAZHOU}).json
        mine = [i for i in mp["items"] if i["id"] == g2["id"]][0]
        self.assertFalse(mine["has_room"])
        self.assertIn("统筹安置", mine["alert"])
        self.assertGreaterEqual(mp["without_room"], 1)
        self.assertTrue(all(i["left"] == 0 for i in mine["institutions"]))
        r = self.c["w_county"].post("%s/%d/offer" % (APPS, g2["id"]), {})
        self.assertError(r, 409, "facility_id")
        # a willing applicant who withdraws is no longer counted
        g3 = self.apply(self.person(["tekun_dispersed"], None), willing=True)
        self.step(g3["id"], "withdraw", {"reason": "家属接回照护"})
        # 有意愿的特困人员集中供养率: the admitted over the willing, on the
        # period's last day (this year's end, after every step made here)
        r = self.admin.get("/api/v1/indicators/evaluate", params={
            "region": TOWN, "period": str(TODAY.year), "numerator": "willing_tekun_placed",
            "denominator": "willing_tekun"})
        self.assertStatus(r, 200, "evaluate")
        self.assertEqual((r.json["numerator"], r.json["denominator"]), ("1", "2"),
                         "g admitted; g and g2 willing; g3 withdrawn")
        # every change audited
        n = harness.db_rows(self.server.db, "SELECT count(*) FROM audit WHERE entity ="
                            " 'wait_application' AND entity_id = ?", (str(app["a"]["id"]),))
        self.assertEqual(n[0][0], 5, "apply, offer, decline, offer, expire")

    def test_2_scopes(self):
        pid = self.person([], "中度失能")
        other = self.person(["empty_nest"], "轻度失能")
        mine = self.apply(pid, who="w_town")
        theirs = self.apply(other)
        idn, name = self.ids[pid]
        r = self.c["w_fam"].post("/api/v1/services/links",
                                 {"id_number": idn, "name": name, "relation": "子女"})
        self.assertStatus(r, 201, "link")
        got = self.c["w_fam"].get(APPS).json["items"]
        self.assertEqual([g["id"] for g in got], [mine["id"]])
        self.assertEqual(set(got[0]), {"id", "person_name", "list_name", "tier", "status",
                                       "status_label", "position", "list_size",
                                       "waiting_since", "offer", "placed_facility_name",
                                       "placed_on"})
        lst = self.listing()
        pos = [i["id"] for i in lst["items"]].index(mine["id"]) + 1
        self.assertEqual((got[0]["position"], got[0]["list_size"]), (pos, lst["size"]))
        r = self.c["w_fam"].get(APPS)
        for i in lst["items"]:
            if i["id"] != mine["id"]:
                self.assertNotIn(i["person_name"], r.text)
        self.assertStatus(self.c["w_fam"].get("%s/%d" % (APPS, mine["id"])), 200)
        self.assertDenied(self.c["w_fam"].get("%s/%d" % (APPS, theirs["id"])))
        self.assertDenied(self.c["w_fam"].get("%s/%d/history" % (APPS, mine["id"])))
        self.assertDenied(self.c["w_fam"].get(W, params={"facility": self.home["id"]}))
        self.assertEqual(self.c["w_fam2"].get(APPS).json["items"], [])
        self.assertDenied(self.c["w_fam2"].get("%s/%d" % (APPS, mine["id"])),
                          secret=name)
        # read-only reads, never writes
        self.assertStatus(self.c["w_ro"].get(W, params={"facility": self.home["id"]}), 200)
        self.assertError(self.c["w_ro"].post("%s/%d/skip" % (APPS, mine["id"]),
                                             {"reason": "x"}), 403)
        self.assertError(self.c["w_ro"].post(APPS, {"person_id": pid}), 403)
        # the operator reads its own institution's list only and places no one
        self.assertStatus(self.c["w_op"].get(W, params={"facility": self.home["id"]}), 200)
        self.assertDenied(self.c["w_op2"].get(W, params={"facility": self.home["id"]}))
        self.assertError(self.c["w_op"].post("%s/%d/skip" % (APPS, mine["id"]),
                                             {"reason": "x"}), 403)
        # a township officer applies for its own people only, and runs no list
        far = self.person([], None, region=VILLAGE2)
        r = self.c["w_town"].post(APPS, {"person_id": far, "facility_id": self.home["id"]})
        self.assertError(r, 404, "person_id")
        self.assertError(self.c["w_town"].post("%s/%d/skip" % (APPS, mine["id"]),
                                               {"reason": "x"}), 403)
        seen = self.c["w_town"].get(APPS).json["items"]
        self.assertIn(mine["id"], [i["id"] for i in seen])
        self.assertTrue(all(i["region"].startswith(TOWN[:9]) for i in seen), seen)
        self.assertNotIn(far, [i["person_id"] for i in seen])
        # skip (暂缓) keeps the place and is recorded
        before = [i["id"] for i in self.listing()["items"]]
        got = self.step(mine["id"], "skip", {"reason": "近期住院，出院后再安排"})
        self.assertEqual(got["on_hold"], "近期住院，出院后再安排")
        self.assertEqual([i["id"] for i in self.listing()["items"]], before)
        # an offer on another list lapses when the family reads
        spare = self.admin.create_facility(facility_body(
            TOWN, name="轮候家属敬老院", ownership="public", beds=2, nursing_beds=1,
            occupied_beds=1))["id"]
        second = self.apply(pid, facility_id=spare, applied_on=day(-30))
        self.step(second["id"], "offer", {"offered_on": day(-10)})
        got = {g["id"]: g for g in self.c["w_fam"].get(APPS).json["items"]}
        self.assertEqual(set(got), {mine["id"], second["id"]})
        self.assertEqual((got[second["id"]]["status"], got[second["id"]]["offer"]),
                         ("waiting", None), "lapsed on the family's read")
        h = self.c["w_county"].get("%s/%d/history" % (APPS, second["id"])).json
        self.assertEqual([e["kind"] for e in h["events"]], ["apply", "offer", "expire"])
        self.assertIsNone(h["events"][-1]["by"], "closed by the platform, not the family")
        n = harness.db_rows(self.server.db, "SELECT username FROM audit WHERE entity ="
                            " 'wait_application' AND entity_id = ? AND action = 'expire'",
                            (str(second["id"]),))
        self.assertEqual(n, [("system",)], "audited as the platform's")
        got = self.step(theirs["id"], "withdraw", {"reason": "家属决定居家照护"})
        self.assertEqual(got["status"], "withdrawn")
        self.assertNotIn(theirs["id"], [i["id"] for i in self.listing()["items"]])
        self.step(theirs["id"], "withdraw", {"reason": "again"}, status=409)

    def test_3_bad_input_changes_nothing(self):
        pid = self.person([], "轻度失能")
        count = lambda: harness.db_rows(self.server.db, "SELECT count(*) FROM wait_application")[0][0]
        events = lambda: harness.db_rows(self.server.db, "SELECT count(*) FROM wait_event")[0][0]
        before = (count(), events())
        cases = [
            ({"facility_id": self.home["id"]}, "person_id"),
            ({"person_id": pid, "facility_id": self.private["id"]}, "facility_id"),
            ({"person_id": pid, "facility_id": self.home["id"], "willing": "yes"}, "willing"),
            # 有集中供养意愿 is said of the 特困 tier only
            ({"person_id": pid, "facility_id": self.home["id"], "willing": True}, "willing"),
            ({"person_id": pid, "facility_id": self.home["id"], "declared": ["hero"],
              "declared_note": "x"}, "declared[0]"),
            ({"person_id": pid, "facility_id": self.home["id"],
              "declared": ["special_contribution"]}, "declared_note"),
            ({"person_id": pid, "facility_id": self.home["id"], "applied_on": day(3)},
             "applied_on"),
            ({"person_id": pid, "facility_id": self.home["id"], "applied_on": "2025-02-30"},
             "applied_on"),
            ({"person_id": pid, "facility_id": self.home["id"], "region": BAZHOU}, "region"),
            ({"person_id": pid, "region": BAZHOU}, "region"),
            ({"person_id": pid, "facility_id": self.home["id"], "colour": 1}, "colour"),
        ]
        for body, field in cases:
            self.assertError(self.c["w_county"].post(APPS, body), 422, field, what=repr(body))
        self.assertEqual((count(), events()), before)
        ok = self.apply(pid)
        for body, field in [({"offered_on": day(1)}, "offered_on"),
                            ({"offered_on": "2000-01-01"}, "offered_on"),
                            ({"facility_id": self.far_home["id"]}, "facility_id"),
                            ({"bed": 1}, "bed")]:
            self.assertError(self.c["w_county"].post("%s/%d/offer" % (APPS, ok["id"]),
                                                     dict(body, reason="r")),
                             422, field, what=repr(body))
        self.assertError(self.c["w_county"].post("%s/%d/accept" % (APPS, ok["id"]), {}),
                         409, "status")
        self.assertEqual(self.c["w_county"].get("%s/%d" % (APPS, ok["id"])).json["status"],
                         "waiting")
        self.assertError(self.c["w_county"].get(W), 400, "facility")

    def test_4_last_bed_offered_and_taken_once(self):
        # made here so that the other tests see no room in it
        home = self.admin.create_facility(facility_body(
            TOWN2, name="轮候并发敬老院", ownership="public", beds=5, nursing_beds=2,
            occupied_beds=4, residents_selfcare=1, residents_partly=1,
            residents_disabled=1))["id"]
        pids = [self.person([], "中度失能", region=VILLAGE2) for _ in range(4)]
        apps = [self.apply(p, facility_id=home)["id"] for p in pids]
        results = []

        def offer(aid):
            c = login_as(self.server, "w_county", PASSWORD)
            results.append(c.post("%s/%d/offer" % (APPS, aid), {"reason": "并发"}).status)

        threads = [threading.Thread(target=offer, args=(a,)) for a in apps]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(results), [200, 409, 409, 409], results)
        offered = [a for a in apps
                   if self.c["w_county"].get("%s/%d" % (APPS, a)).json["status"] == "offered"]
        self.assertEqual(len(offered), 1)
        results.clear()

        def accept():
            c = login_as(self.server, "w_county", PASSWORD)
            results.append(c.post("%s/%d/accept" % (APPS, offered[0]), {}).status)

        threads = [threading.Thread(target=accept) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(results), [200, 409, 409, 409], results)
        f = self.admin.get("/api/v1/facilities/%d" % home).json
        self.assertEqual((f["beds"], f["occupied_beds"]), (5, 5))
        # the home records residents by care level: 中度失能 is 半失能 by
        # the standard's default (core/assessment.h), one more of them
        self.assertEqual((f["residents_selfcare"], f["residents_partly"],
                          f["residents_disabled"]), (1, 2, 1))
        n = harness.db_rows(self.server.db, "SELECT count(*) FROM wait_offer WHERE"
                            " facility_id = ? AND status = 'accepted'", (home,))
        self.assertEqual(n[0][0], 1)

    def test_5_random_lists_and_steps_against_a_model(self):
        """Random applicants (categories, care levels, applied days, a
        declared flag) and random offers answered by accept, decline or
        lapse, withdrawals and holds: after every step the list equals the
        policy's order computed here from a model of each application."""
        import random
        rnd = random.Random(20261204)
        home = self.admin.create_facility(facility_body(
            TOWN_EY, name="轮候恩阳敬老院", ownership="public", beds=200, nursing_beds=20,
            occupied_beds=0))["id"]
        cats_pool = [[], ["tekun_centralized"], ["dibao", "disabled"], ["low_income", "dementia"],
                     ["dibao"], ["advanced_age"], ["empty_nest", "dibao"], ["left_behind"]]
        levels = [None, "能力完好", "轻度失能", "中度失能", "重度失能"]
        model = {}
        for _ in range(18):
            cats = rnd.choice(cats_pool)
            level = rnd.choice(levels)
            declared = ["special_contribution"] if rnd.random() < 0.2 else []
            applied_on = day(-rnd.randint(20, 40))
            pid = self.person(cats, level, region=VILLAGE_EY)
            body = {"facility_id": home, "applied_on": applied_on}
            if declared:
                body.update(declared=declared, declared_note="特殊贡献")
            got = self.apply(pid, who="admin", **body)
            model[got["id"]] = {"t": tier_of(cats, declared),
                                "lv": LEVEL_INDEX[level] if level else -1,
                                "since": applied_on, "at": got["applied_at"],
                                "declines": 0, "status": "waiting", "hold": ""}
        occupied = 0
        requeued = []

        def check(what):
            lst = self.listing(home, who="admin")
            open_ = {i: m for i, m in model.items() if m["status"] in ("waiting", "offered")}
            want = sorted(open_, key=lambda i: (open_[i]["t"], -open_[i]["lv"],
                                                open_[i]["since"], open_[i]["at"], i))
            self.assertEqual([i["id"] for i in lst["items"]], want, what)
            for i in lst["items"]:
                m = model[i["id"]]
                self.assertEqual((i["status"], i["declines"], i["waiting_since"], i["on_hold"]),
                                 (m["status"], m["declines"], m["since"], m["hold"]),
                                 "%s: application %d" % (what, i["id"]))
            return want

        want = check("after applying")
        ops_done = {}
        for n in range(40):
            waiting = [i for i in want if model[i]["status"] == "waiting"]
            offered = [i for i in want if model[i]["status"] == "offered"]
            ops = (["offer"] * 3 if waiting else []) + (["answer"] * 3 if offered else []) + \
                (["withdraw"] if waiting or offered else []) + (["skip"] if waiting else [])
            if not ops:
                break
            op = rnd.choice(ops)
            ops_done[op] = ops_done.get(op, 0) + 1
            if op == "offer":
                # a few applicants again and again, so that declines add up
                aid = rnd.choice(sorted(waiting)[:4])
                lapse = rnd.random() < 0.5
                body = {"reason": "随机"}
                if lapse:
                    body["offered_on"] = day(-rnd.randint(8, 15))
                    if body["offered_on"] < model[aid]["since"]:
                        body["offered_on"] = model[aid]["since"]
                self.step(aid, "offer", body, who="admin")
                model[aid]["status"] = "offered"
                model[aid]["hold"] = ""
                model[aid]["respond_by"] = (date.fromisoformat(body.get("offered_on", day(0)))
                                            + timedelta(days=POLICY["offer_days"])).isoformat()
                if model[aid]["respond_by"] < day(0):  # lapses when next read
                    m = model[aid]
                    m["status"] = "waiting"
                    m["declines"] += 1
                    if m["declines"] == POLICY["declines_before_requeue"]:
                        m["declines"] = 0
                        m["since"] = (date.fromisoformat(m["respond_by"]) + timedelta(days=1)).isoformat()
                        requeued.append(aid)
            elif op == "answer":
                aid = rnd.choice(offered)
                m = model[aid]
                if rnd.random() < 0.25:
                    self.step(aid, "accept", {}, who="admin")
                    m["status"] = "admitted"
                    occupied += 1
                else:
                    self.step(aid, "decline", {"reason": "随机放弃"}, who="admin")
                    m["status"] = "waiting"
                    m["declines"] += 1
                    if m["declines"] == POLICY["declines_before_requeue"]:
                        m["declines"] = 0
                        m["since"] = day(0)
                        requeued.append(aid)
            elif op == "withdraw":
                aid = rnd.choice(waiting + offered)
                self.step(aid, "withdraw", {"reason": "随机撤回"}, who="admin")
                model[aid]["status"] = "withdrawn"
            elif op == "skip":
                aid = rnd.choice(waiting)
                self.step(aid, "skip", {"reason": "随机暂缓 %d" % n}, who="admin")
                model[aid]["hold"] = "随机暂缓 %d" % n
            want = check("after step %d (%s)" % (n, op))
        f = self.admin.get("/api/v1/facilities/%d" % home).json
        self.assertEqual(f["occupied_beds"], occupied, "one bed an admission")
        # the draws reached every kind of step, and a wait restarted
        self.assertTrue(all(ops_done.get(k) for k in ("offer", "answer", "withdraw", "skip")),
                        ops_done)
        self.assertTrue(requeued and occupied, (requeued, occupied))

    def test_6_one_list_for_a_county(self):
        """大竹's policy keeps one list for the county: applications name the
        region, offers name the institution, which must be a public home of
        the county with a vacant bed."""
        dz = policy_of("511724000000-dazhu.json")
        self.assertEqual(dz["scope"], "region")
        home = self.admin.create_facility(facility_body(
            TOWN_DZ, name="轮候大竹敬老院", ownership="public", beds=4, nursing_beds=2,
            occupied_beds=3))["id"]
        p1 = self.person(["tekun_dispersed"], "中度失能", region=VILLAGE_DZ)
        p2 = self.person([], "重度失能", region=VILLAGE_DZ)
        self.assertError(self.admin.post(APPS, {"person_id": p1, "facility_id": home}),
                         422, "facility_id")
        a1 = self.admin.post(APPS, {"person_id": p1, "region": DAZHU, "willing": True})
        self.assertStatus(a1, 201)
        a2 = self.admin.post(APPS, {"person_id": p2, "region": DAZHU})
        self.assertStatus(a2, 201)
        lst = self.admin.get(W, params={"region": DAZHU}).json
        self.assertEqual([i["id"] for i in lst["items"]], [a1.json["id"], a2.json["id"]])
        self.assertError(self.admin.get(W, params={"facility": home}), 400, "facility")
        self.assertError(self.admin.post("%s/%d/offer" % (APPS, a1.json["id"]), {}),
                         422, "facility_id")
        r = self.admin.post("%s/%d/offer" % (APPS, a1.json["id"]), {"facility_id": home})
        self.assertStatus(r, 200)
        self.assertEqual(r.json["offer"]["facility_id"], home)
        self.assertError(self.admin.post("%s/%d/offer" % (APPS, a2.json["id"]),
                                         {"facility_id": home}), 409, "facility_id")

    def test_7_cli(self):
        """`laoxiao place wait` (cli/cmd_place_wait.c): a list in order,
        an application, an offer and its answer, from the shell. Named
        test_7_cli once `laoxiao place` dispatches to cmd_place_wait."""
        home = self.admin.create_facility(facility_body(
            TOWN_EY, name="命令行轮候敬老院", ownership="public", beds=3, nursing_beds=1,
            occupied_beds=2))["id"]
        pid = self.person(["tekun_centralized"], "重度失能", region=VILLAGE_EY)
        other = self.person([], "轻度失能", region=VILLAGE_EY)

        def cli(*args, ok=True):
            p = harness.run_cli(["place", "wait"] + [str(a) for a in args], self.server.db)
            if ok:
                self.assertEqual(p.returncode, 0, p.stderr.decode())
            return p

        a = json.loads(cli("apply", "--person", other, "--facility", home, "--json").stdout)
        b = json.loads(cli("apply", "--person", pid, "--facility", home, "--willing",
                           "--json").stdout)
        out = cli("list", "--facility", home).stdout.decode()
        self.assertLess(out.index(self.ids[pid][1]), out.index(self.ids[other][1]),
                        "the 特困 applicant first:\n" + out)
        self.assertIn("必须安置", out)
        p = cli("offer", a["id"], ok=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("reason", p.stderr.decode())
        cli("offer", b["id"])
        got = json.loads(cli("accept", b["id"], "--json").stdout)
        self.assertEqual((got["status"], got["placed_facility_id"]), ("admitted", home))
        self.assertIn("已入住", cli("show", b["id"]).stdout.decode())
