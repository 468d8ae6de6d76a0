"""The time bank (docs/api.md "Time bank"; policies' "timebank" section).

Volunteers registered with a sealed ID number (shown masked to roles that
may not unmask), counted by region with the elderly share; services that
earn hours, deposited only when verified and only once; transfers to
recorded spouse or lineal kin of the policy's age; refusals that change
nothing; scopes. The cap, the age and the items are read here from the
巴中 policy file, not from the server.

Regions: townships of 巴州区 made here (丙 with villages 丙一, 丙二; 丁 with
丁一; 戊 with 戊一 for the counts), so that nothing else is in the way.
"""

import json
import os
import shutil
import tempfile
from datetime import date, timedelta
from fractions import Fraction

import harness
from harness import ApiTestCase, facility_body, login_as
from idnumbers import Issuer, mask_id

HERE = os.path.dirname(os.path.abspath(__file__))
POLICY = os.path.join(HERE, "..", "..", "policies", "511900000000-bazhong.json")
BAZHOU = "511902000000"
TOWN_A, TOWN_B, TOWN_C = "511902721000", "511902722000", "511902723000"
VIL_A1, VIL_A2, VIL_B1, VIL_C1 = ("511902721001", "511902721002",
                                  "511902722001", "511902723001")
PASSWORD = "correct horse battery"
TB = "/api/v1/timebank"
ISSUER = Issuer(("511902",), "139", 33557799, 1000000)

with open(POLICY, encoding="utf-8") as _f:
    SECTION = json.load(_f)["timebank"]
CAP = SECTION["cap_minutes"]
MIN_AGE = SECTION["kin_min_age"]
EARN = SECTION["earn_items"]


def tearDownModule():
    harness.stop_module_server(__name__)


def years_ago(n, days=0):
    t = date.today()
    try:
        d = t.replace(year=t.year - n)
    except ValueError:  # 29 February
        d = t.replace(year=t.year - n, day=28)
    return d - timedelta(days=days)


def share_text(part, whole):
    """Percentage with 2 places, half up, from exact fractions."""
    if not whole:
        return "—"
    v = Fraction(part * 100, whole)
    cents = (v * 100 + Fraction(1, 2)).__floor__()
    return "%d.%02d%%" % (cents // 100, cents % 100)


class TimebankTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_region(TOWN_A, "时间丙镇", "township", BAZHOU)
        a.create_region(TOWN_B, "时间丁镇", "township", BAZHOU)
        a.create_region(TOWN_C, "时间戊镇", "township", BAZHOU)
        a.create_region(VIL_A1, "丙一村", "village", TOWN_A)
        a.create_region(VIL_A2, "丙二村", "village", TOWN_A)
        a.create_region(VIL_B1, "丁一村", "village", TOWN_B)
        a.create_region(VIL_C1, "戊一村", "village", TOWN_C)
        cls.station = a.create_facility(facility_body(BAZHOU, name="丙镇互助站"))
        cls.other = a.create_facility(facility_body(BAZHOU, name="丁镇互助站"))
        users = {
            "t_county": ("county_official", BAZHOU, {}),
            "t_town_a": ("township_official", TOWN_A, {}),
            # records services, so that t_town_a verifies another's record
            "t_clerk": ("township_official", TOWN_A, {}),
            "t_town_b": ("township_official", TOWN_B, {}),
            "t_dept": ("dept_official", BAZHOU, {}),
            "t_readonly": ("readonly", BAZHOU, {}),
            "t_operator": ("operator", BAZHOU, {"facilities": [cls.station["id"]]}),
            "t_family": ("family", BAZHOU, {}),
        }
        cls.c = {}
        for name, (role, region, extra) in users.items():
            a.create_user(name, role, region, **extra)
            cls.c[name] = login_as(cls.server, name, PASSWORD)

    # helpers ---------------------------------------------------------------

    def person(self, region, name, birth, kind="elderly"):
        idn = ISSUER.new_id(birth, area=region[:6])
        r = self.admin.post("/api/v1/persons", {"kind": kind, "name": name,
                                                "region": region, "id_number": idn})
        self.assertEqual(r.status, 201, r.text)
        return r.json["id"], idn

    def register(self, who="t_county", region=VIL_A1, birth=None, status=201, **over):
        idn = ISSUER.new_id(birth or date(1962, 5, 5), area=region[:6])
        body = {"id_number": idn, "name": "志愿者", "region": region,
                "phone": ISSUER.new_phone(), "registered_on": "2024-01-01"}
        body.update(over)
        r = self.c[who].post(TB + "/volunteers", body)
        self.assertEqual(r.status, status, r.text)
        return (r.json, body["id_number"]) if status == 201 else (r, None)

    def service(self, vid, start, end, who="t_clerk", item="comfort", status=201, **over):
        body = {"volunteer_id": vid, "item": item, "started_at": start,
                "finished_at": end}
        body.update(over)
        r = self.c[who].post(TB + "/services", body)
        self.assertEqual(r.status, status, r.text)
        return r.json if status == 201 else r

    def account(self, who, aid):
        r = self.c[who].get("%s/accounts/%d" % (TB, aid))
        self.assertEqual(r.status, 200, r.text)
        return r.json

    def volunteer(self, who, vid, **params):
        r = self.c[who].get("%s/volunteers/%d" % (TB, vid), params=params or None)
        self.assertEqual(r.status, 200, r.text)
        return r.json

    # tests -----------------------------------------------------------------

    def test_policy_section_is_served_whole(self):
        o = self.c["t_town_a"].get(TB + "/options").json
        self.assertEqual(o["cap_minutes"], CAP)
        self.assertEqual(o["kin_min_age"], MIN_AGE)
        self.assertFalse(o["cashable"])
        self.assertIs(o["verify_by_other"], SECTION.get("verify_by_other", True))
        self.assertEqual([i["code"] for i in o["earn_items"]], EARN)
        counted = [r["code"] for r in o["relations"] if r["counts"]]
        self.assertEqual(counted, SECTION["kin_relations"])
        # names, not codes, for the page
        self.assertIn("陪同就医", [i["name"] for i in o["earn_items"]])

    def test_register_masked_unless_unmasked_by_who_may(self):
        pid, pidn = self.person(VIL_A1, "王登记", date(1958, 3, 9))
        v, idn = self.register(name="王登记", id_number=pidn, birth=date(1958, 3, 9),
                               phone="13912345678", team="丙镇银龄队")
        self.assertEqual(idn, pidn)
        self.assertEqual(v["id_number"], mask_id(idn))
        self.assertEqual(v["phone"], "139****5678")
        self.assertEqual(v["person_id"], pid, "linked to the registry's person")
        self.assertEqual(v["sex"], "M")
        self.assertEqual(v["team"], "丙镇银龄队")
        # the township sees it masked and may not unmask
        seen = self.volunteer("t_town_a", v["id"])
        self.assertEqual(seen["id_number"], mask_id(idn))
        self.assertNotIn("birth_date", seen)
        text = self.c["t_town_a"].get(TB + "/volunteers", params={"region": TOWN_A}).text
        self.assertNotIn(idn, text)
        self.assertNotIn("13912345678", text)
        self.assertError(self.c["t_town_a"].get("%s/volunteers/%d" % (TB, v["id"]),
                                                params={"unmask": "1"}), 403, "unmask")
        self.assertError(self.c["t_dept"].get("%s/volunteers/%d" % (TB, v["id"]),
                                              params={"unmask": "1"}), 403, "unmask")
        # the county may, and it is on the record
        full = self.volunteer("t_county", v["id"], unmask="1")
        self.assertEqual(full["id_number"], idn)
        self.assertEqual(full["birth_date"], "1958-03-09")
        # the same number twice
        r, _ = self.register(id_number=idn, status=409)
        self.assertError(r, 409, "id_number")
        # nothing in clear at rest
        rows = harness.db_rows(self.server.db, "SELECT id_masked, phone_masked FROM volunteer"
                                               " WHERE id = ?", (v["id"],))
        self.assertEqual(rows[0][0], mask_id(idn))
        self.assertNotIn("13912345678", json.dumps(rows, default=str))

    def test_register_refusals_name_the_field(self):
        good = ISSUER.new_id(date(1960, 1, 1))
        bad = good[:-1] + ("0" if good[-1] != "0" else "1")
        for body, field in (({"id_number": bad}, "id_number"),
                            ({"name": ""}, "name"),
                            ({"region": "511902999999"}, "region"),
                            ({"phone": "abc"}, "phone"),
                            ({"registered_on": "2999-01-01"}, "registered_on"),
                            ({"colour": "red"}, "colour")):
            r, _ = self.register(status=422, **body)
            self.assertError(r, 422, field)
        # outside the caller's region
        r, _ = self.register(who="t_town_b", region=VIL_A1, status=422)
        self.assertError(r, 422, "region")
        # an operator registers for its own station only
        r, _ = self.register(who="t_operator", status=422)
        self.assertError(r, 422, "facility_id")
        r, _ = self.register(who="t_operator", facility_id=self.other["id"], status=422)
        self.assertError(r, 422, "facility_id")
        self.register(who="t_operator", facility_id=self.station["id"])
        for who in ("t_family", "t_readonly"):
            r, _ = self.register(who=who, status=403)

    def test_counts_by_region_and_the_elderly_share(self):
        on = date.today() - timedelta(days=1)
        rows = [  # (village, age on `on`, registered_on, left_on)
            (VIL_C1, 72, "2024-01-01", None),
            (VIL_C1, 60, "2024-01-01", None),   # 60 that very day
            (VIL_C1, 59, "2024-01-01", None),
            (VIL_C1, 45, "2024-01-01", None),
            (VIL_C1, 66, "2024-01-01", on.isoformat()),  # left that day
            (VIL_C1, 80, on.isoformat(), None),  # registered that day
        ]
        for village, age, reg, left in rows:
            birth = years_ago(age, 1)  # birthday the day before today
            v, _ = self.register(region=village, birth=birth, registered_on=reg)
            if left:
                r = self.c["t_county"].post("%s/volunteers/%d/leave" % (TB, v["id"]),
                                            {"left_on": left})
                self.assertEqual(r.status, 200, r.text)
        listing = self.c["t_county"].get(TB + "/volunteers",
                                         params={"region": TOWN_C, "on": on.isoformat()}).json
        registered = [r for r in rows if r[2] <= on.isoformat()
                      and (r[3] is None or r[3] > on.isoformat())]
        elderly = [r for r in registered if r[1] >= 60]
        self.assertEqual(len(registered), 5)  # all but the one who left
        self.assertEqual(len(elderly), 3)  # 72, 60 and 80
        self.assertEqual(listing["total"], {"registered": 5, "elderly": 3,
                                            "elderly_share": share_text(3, 5)})
        self.assertEqual(listing["by_region"][0]["region"], VIL_C1)
        self.assertEqual(listing["by_region"][0]["elderly_share"], "60.00%")
        # the same with plain SQL over the table
        n = harness.db_rows(self.server.db,
                            "SELECT count(*) FROM volunteer WHERE region = ? AND"
                            " registered_on <= ? AND (left_on IS NULL OR left_on > ?)",
                            (VIL_C1, on.isoformat(), on.isoformat()))[0][0]
        self.assertEqual(n, 5)
        # leaving twice
        vid = listing["volunteers"][0]["id"]
        self.c["t_county"].post("%s/volunteers/%d/leave" % (TB, vid), {})
        self.assertError(self.c["t_county"].post("%s/volunteers/%d/leave" % (TB, vid), {}),
                         409, "left_on")

    def test_verified_once_then_deposited_with_its_trace(self):
        v, _ = self.register()
        s = self.service(v["id"], "2025-03-01T09:00", "2025-03-01T10:30")
        self.assertEqual((s["minutes"], s["status"]), (90, "recorded"))
        self.assertEqual(self.volunteer("t_county", v["id"])["balance_minutes"], 0,
                         "nothing before verification")
        sid = s["id"]
        self.assertError(self.c["t_town_b"].post("%s/services/%d/verify" % (TB, sid), {}), 404)
        self.assertError(self.c["t_readonly"].post("%s/services/%d/verify" % (TB, sid), {}), 403)
        self.assertError(self.c["t_operator"].post("%s/services/%d/verify" % (TB, sid), {}), 404)
        r = self.c["t_town_a"].post("%s/services/%d/verify" % (TB, sid), {})
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual((r.json["status"], r.json["deposited_minutes"]), ("verified", 90))
        self.assertError(self.c["t_county"].post("%s/services/%d/verify" % (TB, sid), {}),
                         409, "id")
        self.assertError(self.c["t_county"].post("%s/services/%d/reject" % (TB, sid),
                                                 {"reason": "x"}), 409, "id")
        vol = self.volunteer("t_county", v["id"])
        self.assertEqual(vol["balance_minutes"], 90)
        acc = self.account("t_town_a", vol["account_id"])
        self.assertEqual(len(acc["entries"]), 1)
        e = acc["entries"][0]
        self.assertEqual((e["kind"], e["minutes"], e["service_id"]), ("deposit", 90, sid))
        self.assertEqual([(t["service_id"], t["minutes"]) for t in e["traces"]], [(sid, 90)])
        self.assertEqual(acc["held"], [{"service_id": sid, "minutes": 90}])
        # rejected: a reason, and never deposited
        s2 = self.service(v["id"], "2025-03-02T09:00", "2025-03-02T09:45")
        self.assertError(self.c["t_town_a"].post("%s/services/%d/reject" % (TB, s2["id"]), {}),
                         422, "reason")
        r = self.c["t_town_a"].post("%s/services/%d/reject" % (TB, s2["id"]),
                                    {"reason": "服务对象未确认"})
        self.assertEqual(r.json["status"], "rejected")
        self.assertError(self.c["t_town_a"].post("%s/services/%d/verify" % (TB, s2["id"]), {}),
                         409)
        self.assertEqual(self.volunteer("t_county", v["id"])["balance_minutes"], 90)
        n = harness.db_rows(self.server.db, "SELECT count(*) FROM timebank_entry"
                                            " WHERE service_id = ?", (s2["id"],))[0][0]
        self.assertEqual(n, 0)

    def test_service_refusals(self):
        v, _ = self.register()
        vid = v["id"]
        bad_item = next(i for i in ("rehab", "daycare", "infant_fullday") if i not in EARN)
        for over, field in (({"item": bad_item}, "item"),
                            ({"finished_at": "2025-03-01T08:00"}, "finished_at"),
                            ({"started_at": "2025-03-01 09:00"}, "started_at"),
                            ({"started_at": "2023-12-31T09:00",
                              "finished_at": "2023-12-31T10:00"}, "started_at"),
                            ({"finished_at": "2999-03-01T10:00"}, "finished_at"),
                            ({"person_id": 99999999}, "person_id"),
                            ({"volunteer_id": 99999999}, "volunteer_id")):
            body = {"volunteer_id": vid, "item": "comfort",
                    "started_at": "2025-03-01T09:00", "finished_at": "2025-03-01T10:00"}
            body.update(over)
            self.assertError(self.c["t_town_a"].post(TB + "/services", body), 422, field)
        # another township's volunteer cannot be recorded there
        self.assertError(self.c["t_town_b"].post(TB + "/services", {
            "volunteer_id": vid, "item": "comfort", "started_at": "2025-03-01T09:00",
            "finished_at": "2025-03-01T10:00"}), 422, "volunteer_id")

    def test_transfer_to_kin_of_age_only(self):
        v, _ = self.register(birth=date(1965, 2, 2))
        vid = v["id"]
        spouse, _ = self.person(VIL_A1, "配偶甲", date(1955, 6, 1))
        stranger, _ = self.person(VIL_A1, "邻居乙", date(1950, 6, 1))
        grandchild, _ = self.person(VIL_A1, "孙子丙", date.today() - timedelta(days=400),
                                    kind="infant")
        s = self.service(vid, "2025-04-01T09:00", "2025-04-01T11:00")
        self.c["t_town_a"].post("%s/services/%d/verify" % (TB, s["id"]), {})
        # kin are recorded by an official, once
        self.assertError(self.c["t_operator"].post("%s/volunteers/%d/kin" % (TB, vid),
                                                   {"person_id": spouse,
                                                    "relation": "spouse"}), 403)
        r = self.c["t_town_a"].post("%s/volunteers/%d/kin" % (TB, vid),
                                    {"person_id": spouse, "relation": "spouse"})
        self.assertEqual(r.status, 201, r.text)
        self.assertEqual(r.json["kin"][0]["relation_name"], "配偶")
        self.assertError(self.c["t_town_a"].post("%s/volunteers/%d/kin" % (TB, vid),
                                                 {"person_id": spouse,
                                                  "relation": "spouse"}), 409, "person_id")
        self.assertError(self.c["t_town_a"].post("%s/volunteers/%d/kin" % (TB, vid),
                                                 {"person_id": stranger,
                                                  "relation": "sibling"}), 422, "relation")
        self.c["t_town_a"].post("%s/volunteers/%d/kin" % (TB, vid),
                                {"person_id": grandchild, "relation": "grandchild"})

        def balances():
            acc = self.volunteer("t_county", vid)["balance_minutes"]
            rows = harness.db_rows(self.server.db,
                                   "SELECT count(*), coalesce(sum(balance_minutes), 0)"
                                   " FROM timebank_account")
            entries = harness.db_rows(self.server.db, "SELECT count(*) FROM timebank_entry")
            return acc, tuple(rows[0]), entries[0][0]

        before = balances()
        for person, status, field in ((stranger, 403, "person_id"),
                                      (grandchild, 403, "person_id")):
            self.assertError(self.c["t_town_a"].post(TB + "/transfers", {
                "volunteer_id": vid, "person_id": person, "minutes": 10}), status, field)
        self.assertError(self.c["t_town_a"].post(TB + "/transfers", {
            "volunteer_id": vid, "person_id": spouse, "minutes": 121}), 409, "minutes")
        self.assertError(self.c["t_town_a"].post(TB + "/transfers", {
            "volunteer_id": vid, "person_id": spouse, "minutes": 0}), 422, "minutes")
        self.assertEqual(balances(), before, "refusals change nothing")
        r = self.c["t_town_a"].post(TB + "/transfers", {"volunteer_id": vid,
                                                        "person_id": spouse, "minutes": 45})
        self.assertEqual(r.status, 201, r.text)
        self.assertEqual(self.volunteer("t_county", vid)["balance_minutes"], 75)
        kin_acc = self.account("t_county", r.json["to_account"])
        self.assertEqual(kin_acc["person_id"], spouse)
        self.assertEqual(kin_acc["balance_minutes"], 45)
        e = kin_acc["entries"][0]
        self.assertEqual((e["kind"], e["minutes"]), ("transfer_in", 45))
        self.assertEqual([(t["service_id"], t["minutes"]) for t in e["traces"]],
                         [(s["id"], 45)], "the minutes trace to the service that earned them")
        # another township does not see the accounts
        self.assertError(self.c["t_town_b"].get("%s/accounts/%d" % (TB, r.json["to_account"])),
                         404)

    def test_cap_refuses_a_deposit_and_changes_nothing(self):
        v, _ = self.register(region=VIL_A2)
        vid, total, day = v["id"], 0, date(2025, 1, 1)
        last = None
        while total + 1440 <= CAP:
            s = self.service(vid, "%sT00:00" % day, "%sT00:00" % (day + timedelta(days=1)))
            r = self.c["t_town_a"].post("%s/services/%d/verify" % (TB, s["id"]), {})
            self.assertEqual(r.status, 200, r.text)
            total += 1440
            day += timedelta(days=2)
        need = CAP - total + 1
        self.assertLessEqual(need, 1440)
        start = "%sT00:00" % day
        end_t = (need // 60, need % 60)
        if need == 1440:
            end = "%sT00:00" % (day + timedelta(days=1))
        else:
            end = "%sT%02d:%02d" % (day, end_t[0], end_t[1])
        last = self.service(vid, start, end)
        self.assertEqual(last["minutes"], need)
        self.assertError(self.c["t_town_a"].post("%s/services/%d/verify" % (TB, last["id"]), {}),
                         409, "minutes")
        self.assertEqual(self.volunteer("t_county", vid)["balance_minutes"], total)
        again = self.c["t_county"].get(TB + "/services", params={"volunteer_id": str(vid),
                                                                 "status": "recorded"}).json
        self.assertEqual([x["id"] for x in again["services"]], [last["id"]],
                         "the refused service waits, unverified")

    def test_scopes(self):
        mine, _ = self.register(who="t_operator", facility_id=self.station["id"])
        other, _ = self.register(region=VIL_B1, who="t_county")
        ids = [x["id"] for x in self.c["t_operator"].get(TB + "/volunteers").json["volunteers"]]
        self.assertIn(mine["id"], ids)
        self.assertNotIn(other["id"], ids)
        self.assertError(self.c["t_operator"].get("%s/volunteers/%d" % (TB, other["id"])), 404)
        ids = [x["id"] for x in self.c["t_town_a"].get(TB + "/volunteers").json["volunteers"]]
        self.assertNotIn(other["id"], ids)
        self.assertError(self.c["t_town_a"].get("%s/volunteers/%d" % (TB, other["id"])), 404)
        self.assertEqual(self.c["t_town_b"].get("%s/volunteers/%d" % (TB, other["id"])).status,
                         200)
        for path in ("/volunteers", "/services", "/accounts", "/options"):
            self.assertError(self.c["t_family"].get(TB + path), 403)

    def test_concurrent_requests_deposit_once_and_never_overdraw(self):
        import threading
        v, _ = self.register(region=VIL_A2)
        vid = v["id"]
        spouse, _ = self.person(VIL_A2, "配偶并发", date(1952, 8, 8))
        self.c["t_county"].post("%s/volunteers/%d/kin" % (TB, vid),
                                {"person_id": spouse, "relation": "spouse"})
        s = self.service(vid, "2025-06-01T09:00", "2025-06-01T10:30")
        clients = [login_as(self.server, "t_town_a", PASSWORD) for _ in range(6)]

        def race(fn):
            out = [None] * len(clients)
            go = threading.Barrier(len(clients))

            def worker(i):
                go.wait()
                out[i] = fn(clients[i])
            threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(clients))]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            return [r.status for r in out]

        # six verifications of one service at once: one deposit
        st = race(lambda c: c.post("%s/services/%d/verify" % (TB, s["id"]), {}))
        self.assertEqual(sorted(st), [200] + [409] * 5, st)
        self.assertEqual(self.volunteer("t_county", vid)["balance_minutes"], 90)
        # six transfers of 40 from 90 at once: two pass, the balance never
        # goes below zero
        st = race(lambda c: c.post(TB + "/transfers", {"volunteer_id": vid,
                                                       "person_id": spouse, "minutes": 40}))
        self.assertEqual(sorted(st), [201, 201] + [409] * 4, st)
        self.assertEqual(self.volunteer("t_county", vid)["balance_minutes"], 10)
        rows = harness.db_rows(self.server.db,
                               "SELECT balance_minutes FROM timebank_account WHERE person_id = ?",
                               (spouse,))
        self.assertEqual(rows[0][0], 80)

    def test_verified_by_someone_other_than_who_recorded_it(self):
        """Four eyes (不相容岗位分离): the account that recorded a service
        may not verify it, and the refusal changes nothing; it may reject
        it; another official verifies it."""
        v, _ = self.register()
        vid = v["id"]
        s = self.service(vid, "2025-07-01T09:00", "2025-07-01T10:00", who="t_town_a")

        def state():
            return (harness.db_rows(self.server.db,
                                    "SELECT verified_by, verified_at, rejected_reason"
                                    " FROM volunteer_service WHERE id = ?", (s["id"],)),
                    harness.db_rows(self.server.db, "SELECT count(*) FROM timebank_entry")[0][0],
                    harness.db_rows(self.server.db, "SELECT count(*) FROM timebank_account"
                                                    " WHERE volunteer_id = ?", (vid,))[0][0])

        before = state()
        r = self.c["t_town_a"].post("%s/services/%d/verify" % (TB, s["id"]), {})
        self.assertError(r, 403, "id")
        self.assertIn("someone other than who recorded it", r.json["error"]["message"])
        self.assertEqual(state(), before, "the refusal changes nothing")
        self.assertEqual(self.volunteer("t_county", vid)["balance_minutes"], 0)
        # another official verifies it
        r = self.c["t_county"].post("%s/services/%d/verify" % (TB, s["id"]), {})
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(self.volunteer("t_county", vid)["balance_minutes"], 60)
        # one's own record may be rejected
        s2 = self.service(vid, "2025-07-02T09:00", "2025-07-02T10:00", who="t_town_a")
        r = self.c["t_town_a"].post("%s/services/%d/reject" % (TB, s2["id"]),
                                    {"reason": "记录有误"})
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(r.json["status"], "rejected")

    def test_overlapping_services_refused_adjacent_and_after_rejected_fine(self):
        v, _ = self.register(region=VIL_A2)
        vid = v["id"]
        first = self.service(vid, "2025-08-01T09:00", "2025-08-01T11:00")

        def count():
            return harness.db_rows(self.server.db, "SELECT count(*) FROM volunteer_service"
                                                   " WHERE volunteer_id = ?", (vid,))[0][0]

        n = count()
        for start, end in (("2025-08-01T09:00", "2025-08-01T11:00"),   # the same
                           ("2025-08-01T10:00", "2025-08-01T12:00"),   # its end
                           ("2025-08-01T08:00", "2025-08-01T09:30"),   # its start
                           ("2025-08-01T09:30", "2025-08-01T10:00"),   # inside
                           ("2025-08-01T08:00", "2025-08-01T12:00"),   # around
                           ("2025-07-31T23:00", "2025-08-01T09:01")):  # across midnight
            r = self.service(vid, start, end, status=409)
            self.assertError(r, 409, "started_at")
        self.assertEqual(count(), n, "refusals record nothing")
        # adjacent on both sides: fine
        before = self.service(vid, "2025-08-01T08:00", "2025-08-01T09:00")
        after = self.service(vid, "2025-08-01T11:00", "2025-08-01T11:30")
        self.assertEqual((before["minutes"], after["minutes"]), (60, 30))
        # another volunteer at the same time: fine
        w, _ = self.register(region=VIL_A2)
        self.service(w["id"], "2025-08-01T09:00", "2025-08-01T11:00")
        # a verified service blocks as a recorded one does
        r = self.c["t_town_a"].post("%s/services/%d/verify" % (TB, first["id"]), {})
        self.assertEqual(r.status, 200, r.text)
        self.assertError(self.service(vid, "2025-08-01T10:00", "2025-08-01T10:30",
                                      status=409), 409, "started_at")
        # a rejected one does not
        r = self.c["t_town_a"].post("%s/services/%d/reject" % (TB, after["id"]),
                                    {"reason": "时间记错"})
        self.assertEqual(r.status, 200, r.text)
        again = self.service(vid, "2025-08-01T11:00", "2025-08-01T12:00")
        self.assertEqual(again["minutes"], 60)

    def test_the_command_line_verifies_as_another_account(self):
        """The command line's system account is no one: what it records is
        verified --as an account, never by the system account itself."""
        v, _ = self.register(region=VIL_A2)
        cli = lambda *a: harness.run_cli(["service", "timebank"] + list(a) + ["--json"],
                                         self.server.db)
        p = cli("record", "--volunteer", str(v["id"]), "--item", "comfort",
                "--start", "2025-10-01T09:00", "--end", "2025-10-01T09:40")
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        sid = json.loads(p.stdout)["id"]
        p = cli("verify", str(sid))
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("someone other than who recorded it", p.stderr.decode())
        self.assertEqual(self.volunteer("t_county", v["id"])["balance_minutes"], 0)
        p = cli("verify", str(sid), "--as", "t_town_a")
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        self.assertEqual(json.loads(p.stdout)["deposited_minutes"], 40)
        # recorded --as an account: that account may not verify it
        p = cli("record", "--volunteer", str(v["id"]), "--item", "comfort",
                "--start", "2025-10-02T09:00", "--end", "2025-10-02T09:40",
                "--as", "t_town_a")
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        sid = json.loads(p.stdout)["id"]
        p = cli("verify", str(sid), "--as", "t_town_a")
        self.assertNotEqual(p.returncode, 0)
        p = cli("verify", str(sid), "--as", "t_county")
        self.assertEqual(p.returncode, 0, p.stderr.decode())


class TimebankSelfVerifyAllowedTest(ApiTestCase):
    """A policy that sets verify_by_other false: the account that recorded
    a service may verify it, and so may the command line."""

    @classmethod
    def setUpClass(cls):
        cls.pol = tempfile.mkdtemp(prefix="laoxiao-timebank-pol-")
        shutil.copytree(os.path.join(HERE, "..", "..", "policies"), cls.pol,
                        dirs_exist_ok=True)
        path = os.path.join(cls.pol, os.path.basename(POLICY))
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        doc["timebank"]["verify_by_other"] = False
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False)
        cls.server = harness.Server(label="timebank-self-verify",
                                    serve_args=["--policies", cls.pol])
        cls.admin = cls.server.admin()
        cls.admin.create_region(TOWN_A, "时间丙镇", "township", BAZHOU)
        cls.admin.create_region(VIL_A1, "丙一村", "village", TOWN_A)
        cls.admin.create_user("t_town_a", "township_official", TOWN_A)
        cls.town = login_as(cls.server, "t_town_a", PASSWORD)

    @classmethod
    def tearDownClass(cls):
        problem = cls.server.stop()
        shutil.rmtree(cls.pol, ignore_errors=True)
        if problem:
            raise AssertionError("timebank server: " + problem)

    def test_own_record_verified_when_the_policy_allows(self):
        r = self.town.post(TB + "/volunteers", {
            "id_number": ISSUER.new_id(date(1961, 1, 1), area="511902"),
            "name": "自核", "region": VIL_A1, "registered_on": "2024-01-01"})
        self.assertEqual(r.status, 201, r.text)
        vid = r.json["id"]
        r = self.town.post(TB + "/services", {"volunteer_id": vid, "item": "comfort",
                                              "started_at": "2025-09-01T09:00",
                                              "finished_at": "2025-09-01T10:00"})
        self.assertEqual(r.status, 201, r.text)
        r = self.town.post("%s/services/%d/verify" % (TB, r.json["id"]), {})
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(r.json["deposited_minutes"], 60)
        self.assertIs(self.town.get(TB + "/options").json["verify_by_other"], False)
        # the command line records and verifies as the system account
        cli = lambda *a: harness.run_cli(["service", "timebank"] + list(a)
                                         + ["--json", "--policies", self.pol], self.server.db)
        p = cli("record", "--volunteer", str(vid), "--item", "comfort",
                "--start", "2025-09-02T09:00", "--end", "2025-09-02T09:30")
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        p = cli("verify", str(json.loads(p.stdout)["id"]))
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        self.assertEqual(json.loads(p.stdout)["status"], "verified")
