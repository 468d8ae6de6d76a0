"""Government-purchased service entitlements and vouchers (docs/api.md
"Services": "Entitlements and vouchers"; the policies' "entitlements" and
"vouchers" sections).

Who qualifies and how much is read here from the policy files (巴中 000
第255行 for the groups, 300 yuan from 大竹 001 第12行; 达州's voucher kind
from 003 第322–324行) and the expected persons, amounts, counts and rates
are worked out here from those rules and the people made here, never
read back from the server first. Orders' draws are written straight into
the database (the order module writes them): the report must add them up
by region and item as a plain sum made here does.

Regions: townships and villages made here under 巴州区 (巴中) and 达川区
(达州), so that nothing of the presets is in the way.
"""

import glob
import json
import os
import random
import re
import unittest
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import harness
from harness import ApiTestCase, login_as
from idnumbers import Issuer

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
POLICIES = os.path.join(REPO, "policies")
SEED_DIR = os.environ.get("LAOXIAO_SEEDS") or next(
    (d for d in (os.path.join(REPO, "..", "shared", "seeds"),
                 os.path.join(REPO, "..", "..", "shared", "seeds")) if os.path.isdir(d)),
    os.path.join(REPO, "..", "shared", "seeds"))
BAZHOU, DACHUAN = "511902000000", "511703000000"
TOWN_A, TOWN_B = "511902861000", "511902862000"
VIL_A1, VIL_A2, VIL_B1 = "511902861001", "511902861002", "511902862001"
TOWN_D, VIL_D1, VIL_D2 = "511703861000", "511703861001", "511703861002"
OTHER_COUNTY = "511903000000"
PASSWORD = "correct horse battery"
ENT = "/api/v1/services/entitlements"
BATCHES = "/api/v1/services/voucher-batches"
VOUCHERS = "/api/v1/services/vouchers"
ISSUER = Issuer(("511902", "511703"), "138", 51234567, 1000000)
CODE = re.compile(r"^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{12}$")


def load(name):
    with open(os.path.join(POLICIES, name), encoding="utf-8") as f:
        return json.load(f)


BAZHONG = load("511900000000-bazhong.json")
DAZHOU = load("511700000000-dazhou.json")
SCHEME = BAZHONG["entitlements"]["schemes"][0]
KIND = DAZHOU["vouchers"]["kinds"][0]
CATALOGUE = {i["code"]: i["name"] for i in BAZHONG["services"]["items"]}


def fen(yuan):
    d = Decimal(yuan) * 100
    assert d == d.to_integral_value()
    return int(d)


YEARLY = fen(SCHEME["yearly_amount"])
FACE = fen(KIND["face_value"])


def tearDownModule():
    harness.stop_module_server(__name__)


def age_on(birth, day):
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def qualifies(rule, cats, birth, day):
    """The policy's rule, read independently of the server: one set of
    categories all held, at the age floor; 高龄 from 80 by age."""
    age = age_on(birth, day)
    held = set(cats) | ({"advanced_age"} if age >= 80 else set())
    if age < rule.get("min_age", 0):
        return False
    sets = rule.get("any", [])
    return not sets or any(set(s) <= held for s in sets)


def rate(used, granted):
    if not granted:
        return ""
    return str((Decimal(used) * 100 / Decimal(granted)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP))


class ServiceMoneyTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_region(TOWN_A, "额度甲镇", "township", BAZHOU)
        a.create_region(TOWN_B, "额度乙镇", "township", BAZHOU)
        a.create_region(VIL_A1, "甲一村", "village", TOWN_A)
        a.create_region(VIL_A2, "甲二村", "village", TOWN_A)
        a.create_region(VIL_B1, "乙一村", "village", TOWN_B)
        a.create_region(TOWN_D, "消费券镇", "township", DACHUAN)
        a.create_region(VIL_D1, "券一村", "village", TOWN_D)
        a.create_region(VIL_D2, "券二村", "village", TOWN_D)
        cls.today = date.today()
        cls.n = 0
        users = {
            "m_county": ("county_official", BAZHOU, {}),
            "m_other": ("county_official", OTHER_COUNTY, {}),
            "m_dachuan": ("county_official", DACHUAN, {}),
            "m_dept": ("dept_official", BAZHOU, {}),
            "m_readonly": ("readonly", BAZHOU, {}),
            "m_town": ("township_official", TOWN_A, {}),
            "m_family": ("family", BAZHOU, {}),
            "m_visitor": ("visitor", TOWN_A, {"areas": [VIL_A1]}),
        }
        cls.c = {}
        for name, (role, region, extra) in users.items():
            a.create_user(name, role, region, **extra)
            cls.c[name] = login_as(cls.server, name, PASSWORD)
        cls.facility = None

    def person(self, region, cats=(), age=75, dead_on=None, birth=None):
        ServiceMoneyTest.n += 1
        # at 60 by year the birthday may be still to come: 59 for the registry
        young = age <= 60
        if birth is None:
            birth = date(self.today.year - age, 1 + self.n % 12, 1 + self.n % 27)
        wanted = birth
        if young:
            birth = date(self.today.year - 62, birth.month, birth.day)
        number = ISSUER.new_id(birth, area=region[:6])
        body = {"kind": "elderly", "name": "额度%03d" % self.n, "region": region,
                "id_number": number,
                "categories": [{"category": c, "start": "2020-01-01"} for c in cats]}
        r = self.admin.post("/api/v1/persons", body)
        self.assertStatus(r, 201, "register %s" % body["name"])
        p = r.json
        p["cats"], p["birth"], p["number"] = list(cats), birth, number
        if young:
            # the registry takes no elderly person under 60: one
            # registered older, then the birth date set back, to test the
            # age floor of the rule itself
            p["birth"] = wanted
            harness.db_exec(self.server.db, "UPDATE person SET birth_date = ? WHERE id = ?",
                            (wanted.isoformat(), p["id"]))
        if dead_on:
            harness.db_exec(self.server.db, "UPDATE person SET deceased_on = ? WHERE id = ?",
                            (dead_on.isoformat(), p["id"]))
        return p

    # orders are the order module's: written here as it would -----------

    def order(self, person, item, paid, total=None):
        db = self.server.db
        if ServiceMoneyTest.facility is None:
            r = self.admin.post("/api/v1/facilities",
                                harness.facility_body(BAZHOU, name="额度助老服务站"))
            self.assertStatus(r, 201)
            ServiceMoneyTest.facility = r.json["id"]
            harness.db_exec(db, "INSERT INTO service_offer (id, facility_id, item, price_fen,"
                                " area, valid_from, created_at) VALUES (9001, ?, 'meal', 1000,"
                                " ?, '2026-01-01', 'x')", (ServiceMoneyTest.facility, BAZHOU))
        ServiceMoneyTest.n += 1
        oid = 90000 + ServiceMoneyTest.n
        total = paid if total is None else total
        harness.db_exec(db, "INSERT INTO service_order (id, person_id, region, offer_id,"
                            " facility_id, item, quantity, unit_fen, total_fen, placed_as,"
                            " status, year, created_at, updated_at) VALUES (?, ?, ?, 9001, ?,"
                            " ?, 1, ?, ?, 'official', 'placed', ?, 'x', 'x')",
                        (oid, person["id"], person["region"], ServiceMoneyTest.facility,
                         item, total, total, self.today.year))
        return oid

    def draw(self, person, ent_id, item, amount, released=0):
        oid = self.order(person, item, amount)
        db = self.server.db
        harness.db_exec(db, "INSERT INTO service_payment (order_id, source, amount_fen,"
                            " entitlement_id, released) VALUES (?, 'entitlement', ?, ?, ?)",
                        (oid, amount, ent_id, released))
        if not released:
            harness.db_exec(db, "UPDATE entitlement SET used_fen = used_fen + ? WHERE id = ?",
                            (amount, ent_id))
        return oid

    def grant(self, person, who="m_county", status=201, **over):
        body = {"person_id": person["id"]}
        body.update(over)
        r = self.c[who].post(ENT, body)
        self.assertStatus(r, status, "grant %s" % person["name"])
        return r.json

    # tests --------------------------------------------------------------

    def test_grant_one_person_and_refusals(self):
        p = self.person(VIL_A1, ["low_income", "disabled"])
        out = self.grant(p)
        (e,) = out["granted"]
        self.assertEqual((e["granted_fen"], e["used_fen"], e["balance_fen"]),
                         (YEARLY, 0, YEARLY))
        self.assertEqual(e["year"], self.today.year)
        self.assertEqual(e["scheme"], SCHEME["id"])
        self.assertEqual(sorted(i["code"] for i in e["items"]), sorted(SCHEME["items"]))
        self.assertEqual({i["code"]: i["name"] for i in e["items"]},
                         {c: CATALOGUE[c] for c in SCHEME["items"]})
        self.assertIn("低收入", e["basis"])
        self.assertIn("失能", e["basis"])
        # a second grant of the year: 409, still one row
        self.assertError(self.c["m_county"].post(ENT, {"person_id": p["id"]}), 409)
        rows = harness.db_rows(self.server.db,
                               "SELECT count(*) FROM entitlement WHERE person_id = ?", (p["id"],))
        self.assertEqual(rows[0][0], 1)
        # next year's may be granted ahead; a past year may not
        nxt = self.grant(p, year=self.today.year + 1)["granted"][0]
        self.assertEqual(nxt["year"], self.today.year + 1)
        self.assertError(self.c["m_county"].post(ENT, {"person_id": p["id"],
                                                       "year": self.today.year - 1}), 422, "year")
        # 低收入 alone is not one of 000 第255行's groups
        poor = self.person(VIL_A1, ["low_income"])
        self.assertError(self.c["m_county"].post(ENT, {"person_id": poor["id"]}), 422, "person_id")
        young = self.person(VIL_A1, ["tekun_dispersed"], age=59)
        self.assertError(self.c["m_county"].post(ENT, {"person_id": young["id"]}), 422, "person_id")
        dead = self.person(VIL_A1, ["tekun_dispersed"], dead_on=self.today - timedelta(days=3))
        self.assertError(self.c["m_county"].post(ENT, {"person_id": dead["id"]}), 422, "person_id")
        ok = self.person(VIL_A2, ["tekun_dispersed"])
        self.assertError(self.c["m_county"].post(ENT, {"person_id": ok["id"], "scheme": "nope"}),
                         422, "scheme")
        self.assertError(self.c["m_county"].post(ENT, {"person_id": ok["id"], "amount": 1}),
                         422, "amount")
        self.assertError(self.c["m_county"].post(ENT, {"person_id": "x"}), 422, "person_id")
        # another county's official: no such person; others: refused
        self.assertError(self.c["m_other"].post(ENT, {"person_id": ok["id"]}), 404, "person_id")
        for who in ("m_dept", "m_readonly", "m_town", "m_family", "m_visitor"):
            self.assertError(self.c[who].post(ENT, {"person_id": ok["id"]}), 403, what=who)
        # nothing was written by any refusal
        rows = harness.db_rows(self.server.db,
                               "SELECT count(*) FROM entitlement WHERE person_id IN (?, ?, ?, ?)",
                               (poor["id"], young["id"], dead["id"], ok["id"]))
        self.assertEqual(rows[0][0], 0)
        # the grant is in the audit log
        rows = harness.db_rows(self.server.db,
                               "SELECT count(*) FROM audit WHERE entity = 'entitlement'"
                               " AND entity_id = ?", (str(e["id"]),))
        self.assertEqual(rows[0][0], 1)

    def test_run_grants_every_eligible_person_once(self):
        rnd = random.Random(15)
        cats_pool = ["low_income", "dibao", "disabled", "partly_disabled", "dementia",
                     "living_alone", "tekun_dispersed", "tekun_centralized",
                     "family_planning_special", "severe_disability", "empty_nest"]
        people = []
        for i in range(36):
            cats = rnd.sample(cats_pool, rnd.randint(0, 3))
            age = rnd.choice([58, 59, 60, 61, 70, 79, 80, 81, 90])
            dead = self.today - timedelta(days=rnd.randint(1, 40)) if rnd.random() < 0.1 else None
            people.append(self.person(rnd.choice([VIL_B1]), cats, age=age, dead_on=dead))
        want = [p for p in people
                if not (harness.db_rows(self.server.db,
                                        "SELECT deceased_on FROM person WHERE id = ?",
                                        (p["id"],))[0][0])
                and qualifies(SCHEME["who"], p["cats"], p["birth"], self.today)]
        self.assertTrue(0 < len(want) < len(people), "the sample has both kinds")
        # not in scope: another county's official cannot run it
        self.assertError(self.c["m_other"].post(ENT + "/run", {"region": TOWN_B}), 404, "region")
        self.assertError(self.c["m_county"].post(ENT + "/run", {"region": "12"}), 422, "region")
        r = self.c["m_county"].post(ENT + "/run", {"region": TOWN_B})
        self.assertStatus(r, 200)
        self.assertEqual(r.json["granted"], len(want))
        self.assertEqual(r.json["already"], 0)
        self.assertEqual(r.json["granted_fen"], len(want) * YEARLY)
        got = harness.db_rows(self.server.db,
                              "SELECT person_id FROM entitlement WHERE region = ? AND year = ?",
                              (VIL_B1, self.today.year))
        self.assertEqual(sorted(g[0] for g in got), sorted(p["id"] for p in want))
        # run again: nobody twice
        r = self.c["m_county"].post(ENT + "/run", {"region": TOWN_B})
        self.assertEqual((r.json["granted"], r.json["already"]), (0, len(want)))
        # the list of the township
        r = self.c["m_readonly"].get(ENT, params={"region": TOWN_B})
        self.assertStatus(r, 200)
        self.assertEqual(len(r.json["items"]), len(want))

    def test_run_is_all_or_nothing(self):
        town, vil = "511902863000", "511902863001"
        self.admin.create_region(town, "全有全无镇", "township", BAZHOU)
        self.admin.create_region(vil, "全有全无村", "village", town)
        for _ in range(4):
            self.person(vil, ["tekun_dispersed"])
        db = self.server.db
        harness.add_failing_trigger(db, "lx_ent_fail", "entitlement",
                                    "(SELECT count(*) FROM entitlement WHERE region = '%s') >= 2"
                                    % vil, "injected")
        try:
            r = self.c["m_county"].post(ENT + "/run", {"region": town})
            self.assertGreaterEqual(r.status, 400)
        finally:
            harness.drop_trigger(db, "lx_ent_fail", "entitlement")
        rows = harness.db_rows(db, "SELECT count(*) FROM entitlement WHERE region = ?", (vil,))
        self.assertEqual(rows[0][0], 0, "a failed run leaves nothing")
        r = self.c["m_county"].post(ENT + "/run", {"region": town})
        self.assertEqual(r.json["granted"], 4)

    def test_report_by_region_and_item(self):
        town, v1, v2 = "511902864000", "511902864001", "511902864002"
        self.admin.create_region(town, "报表镇", "township", BAZHOU)
        self.admin.create_region(v1, "报表一村", "village", town)
        self.admin.create_region(v2, "报表二村", "village", town)
        rnd = random.Random(8)
        model = {v1: {"persons": 0, "granted": 0, "used": 0, "items": {}},
                 v2: {"persons": 0, "granted": 0, "used": 0, "items": {}}}
        for i in range(9):
            vil = (v1, v2)[i % 2]
            p = self.person(vil, ["tekun_dispersed"])
            e = self.grant(p)["granted"][0]
            m = model[vil]
            m["persons"] += 1
            m["granted"] += YEARLY
            left = YEARLY
            for _ in range(rnd.randint(0, 4)):
                item = rnd.choice(SCHEME["items"])
                amount = rnd.randint(1, 9000)
                released = 1 if rnd.random() < 0.25 else 0
                if not released and amount > left:
                    continue
                self.draw(p, e["id"], item, amount, released)
                if not released:
                    left -= amount
                    m["used"] += amount
                    orders, fen_ = m["items"].get(item, (0, 0))
                    m["items"][item] = (orders + 1, fen_ + amount)
        r = self.c["m_county"].get(ENT + "/report", params={"region": town})
        self.assertStatus(r, 200)
        rows = {row["region"]: row for row in r.json["rows"]}
        for vil, m in model.items():
            row = rows[vil]
            self.assertEqual((row["persons"], row["granted_fen"], row["used_fen"]),
                             (m["persons"], m["granted"], m["used"]), vil)
            self.assertEqual(row["use_rate"], rate(m["used"], m["granted"]))
            self.assertEqual({i["item"]: (i["orders"], i["used_fen"]) for i in row["items"]},
                             m["items"])
            for i in row["items"]:
                self.assertEqual(i["name"], CATALOGUE[i["item"]])
        total = r.json["total"]
        self.assertEqual(total["persons"], sum(m["persons"] for m in model.values()))
        self.assertEqual(total["used_fen"], sum(m["used"] for m in model.values()))
        self.assertEqual(total["use_rate"],
                         rate(total["used_fen"], total["granted_fen"]))
        # the county's row for the township equals the township's total
        r2 = self.c["m_readonly"].get(ENT + "/report", params={"region": BAZHOU})
        self.assertStatus(r2, 200)
        by = {row["region"]: row for row in r2.json["rows"]}
        self.assertEqual(by[town]["used_fen"], total["used_fen"])
        self.assertEqual(by[town]["granted_fen"], total["granted_fen"])
        # scope
        self.assertError(self.c["m_other"].get(ENT + "/report", params={"region": town}),
                         404, "region")
        self.assertError(self.c["m_family"].get(ENT + "/report", params={"region": town}), 403)
        self.assertError(self.c["m_county"].get(ENT + "/report", params={"region": town,
                                                                        "month": "1"}), 400)

    def test_person_entitlements_with_draws(self):
        p = self.person(VIL_A2, ["dibao", "dementia"], age=82)
        e = self.grant(p)["granted"][0]
        o1 = self.draw(p, e["id"], "meal", 1200)
        o2 = self.draw(p, e["id"], "bath", 3000, released=1)
        r = self.c["m_town"].get(ENT, params={"person_id": p["id"]})
        self.assertStatus(r, 200)
        (got,) = r.json["items"]
        self.assertEqual((got["used_fen"], got["balance_fen"]), (1200, YEARLY - 1200))
        draws = {d["order_id"]: d for d in got["draws"]}
        self.assertEqual(draws[o1]["amount_fen"], 1200)
        self.assertFalse(draws[o1]["released"])
        self.assertTrue(draws[o2]["released"])
        self.assertEqual(draws[o1]["item_name"], CATALOGUE["meal"])
        self.assertNotIn(p["number"], r.text, "no full ID number")
        self.assertError(self.c["m_other"].get(ENT, params={"person_id": p["id"]}), 404,
                         "person_id")
        self.assertError(self.c["m_visitor"].get(ENT, params={"person_id": p["id"]}), 403)
        # a family account reads the persons it is linked to (service_link,
        # written as the order module would), no other, and no region
        fam = harness.db_rows(self.server.db,
                              "SELECT id FROM account WHERE username = 'm_family'")[0][0]
        other = self.person(VIL_A2, ["dibao", "dementia"], age=83)
        self.assertError(self.c["m_family"].get(ENT, params={"person_id": p["id"]}), 404,
                         "person_id")
        harness.db_exec(self.server.db, "INSERT INTO service_link (account_id, person_id,"
                                        " relation, created_at) VALUES (?, ?, '子女', 'x')",
                        (fam, p["id"]))
        r = self.c["m_family"].get(ENT, params={"person_id": p["id"]})
        self.assertStatus(r, 200)
        self.assertEqual(r.json["items"][0]["balance_fen"], YEARLY - 1200)
        self.assertStatus(self.c["m_family"].get(VOUCHERS, params={"person_id": p["id"]}), 200)
        self.assertError(self.c["m_family"].get(ENT, params={"person_id": other["id"]}), 404)
        self.assertError(self.c["m_family"].get(VOUCHERS, params={"person_id": other["id"]}), 404)
        self.assertError(self.c["m_family"].get(ENT, params={"region": BAZHOU}), 400)

    def test_vouchers_issue_counts_and_refusals(self):
        people = [self.person(VIL_D1, [], age=70), self.person(VIL_D1, ["dibao"], age=61),
                  self.person(VIL_D2, [], age=88), self.person(VIL_D2, [], age=59),
                  self.person(VIL_D2, [], age=75, dead_on=self.today - timedelta(days=2))]
        want = [p for p in people[:3]]  # 60 and over, alive
        for p in want:
            self.assertTrue(qualifies(KIND["who"], p["cats"], p["birth"], self.today))
        c = self.c["m_dachuan"]
        # a city whose policy has no voucher kind issues none
        self.assertError(self.c["m_county"].post(BATCHES, {"region": TOWN_A,
                                                           "kind": KIND["id"]}), 422, "kind")
        self.assertError(c.post(BATCHES, {"region": TOWN_D, "kind": "nope"}), 422, "kind")
        self.assertError(c.post(BATCHES, {"region": TOWN_D, "kind": KIND["id"],
                                          "issued_on": (self.today - timedelta(days=1))
                                          .isoformat()}), 422, "issued_on")
        self.assertError(c.post(BATCHES, {"region": TOWN_D, "kind": KIND["id"], "x": 1}),
                         422, "x")
        self.assertError(self.c["m_county"].post(BATCHES, {"region": TOWN_D,
                                                           "kind": KIND["id"]}), 404, "region")
        self.assertError(self.c["m_readonly"].post(BATCHES, {"region": TOWN_D,
                                                             "kind": KIND["id"]}), 403)
        self.assertEqual(harness.db_rows(self.server.db,
                                         "SELECT count(*) FROM voucher_batch")[0][0], 0)
        r = c.post(BATCHES, {"region": TOWN_D, "kind": KIND["id"], "name": "春节消费券"})
        self.assertStatus(r, 201)
        b = r.json
        self.assertEqual(b["issued"], len(want))
        self.assertEqual(b["face_fen"], FACE)
        expires = self.today + timedelta(days=KIND["valid_days"] - 1)
        self.assertEqual(b["expires_on"], expires.isoformat())
        rows = harness.db_rows(self.server.db,
                               "SELECT person_id, code FROM voucher WHERE batch_id = ?", (b["id"],))
        self.assertEqual(sorted(r_[0] for r_ in rows), sorted(p["id"] for p in want))
        codes = [r_[1] for r_ in rows]
        self.assertEqual(len(set(codes)), len(codes))
        for code in codes:
            self.assertRegex(code, CODE)
        # a second batch: one more voucher each, new codes
        b2 = c.post(BATCHES, {"region": TOWN_D, "kind": KIND["id"]}).json
        codes2 = [r_[0] for r_ in harness.db_rows(self.server.db,
                                                  "SELECT code FROM voucher WHERE batch_id = ?",
                                                  (b2["id"],))]
        self.assertFalse(set(codes) & set(codes2))
        # one redeemed (as an order would), batch 2 expired: counts
        v = harness.db_rows(self.server.db,
                            "SELECT id FROM voucher WHERE batch_id = ? AND person_id = ?",
                            (b["id"], want[0]["id"]))[0][0]
        oid = self.order(want[0], "meal", 3000)
        harness.db_exec(self.server.db, "UPDATE voucher SET redeemed_order = ?, redeemed_fen = ?,"
                                        " redeemed_at = 'x' WHERE id = ?", (oid, 3000, v))
        past = (self.today - timedelta(days=1)).isoformat()
        harness.db_exec(self.server.db, "UPDATE voucher_batch SET issued_on = ?, expires_on = ?"
                                        " WHERE id = ?", (past, past, b2["id"]))
        r = self.c["m_dachuan"].get(BATCHES, params={"region": TOWN_D})
        self.assertStatus(r, 200)
        by = {x["id"]: x["counts"] for x in r.json["items"]}
        self.assertEqual(by[b["id"]], {"issued": 3, "redeemed": 1, "redeemed_fen": 3000,
                                       "unused": 2, "expired": 0})
        self.assertEqual(by[b2["id"]], {"issued": 3, "redeemed": 0, "redeemed_fen": 0,
                                        "unused": 0, "expired": 3})
        r = c.get("%s/%d" % (BATCHES, b["id"]), params={"region": TOWN_D})
        self.assertStatus(r, 200)
        per = {x["region"]: x for x in r.json["rows"]}
        self.assertEqual((per[VIL_D1]["issued"], per[VIL_D1]["redeemed"]), (2, 1))
        self.assertEqual((per[VIL_D2]["issued"], per[VIL_D2]["unused"]), (1, 1))
        # a person's vouchers
        r = c.get(VOUCHERS, params={"person_id": want[0]["id"]})
        states = sorted(x["state"] for x in r.json["items"])
        self.assertEqual(states, ["expired", "redeemed"])
        # another county sees none of it
        self.assertError(self.c["m_county"].get("%s/%d" % (BATCHES, b["id"])), 404)
        self.assertError(self.c["m_county"].get(VOUCHERS, params={"person_id": want[0]["id"]}),
                         404, "person_id")
        self.assertEqual(self.c["m_county"].get(BATCHES, params={"region": BAZHOU})
                         .json["items"], [])
        self.assertError(self.c["m_family"].get(BATCHES, params={"region": TOWN_D}), 403)

    def test_options_are_the_nearest_policy(self):
        dazhu = load("511724000000-dazhu.json")
        for region, doc in (("511724000000", dazhu), (TOWN_D, DAZHOU), (VIL_A1, BAZHONG)):
            r = self.admin.get("/api/v1/services/money-options", params={"region": region})
            self.assertStatus(r, 200)
            want = doc["entitlements"]["schemes"]
            self.assertEqual([(s["id"], s["yearly_fen"]) for s in r.json["schemes"]],
                             [(s["id"], fen(s["yearly_amount"])) for s in want], region)
            names = {i["code"]: i["name"] for i in doc["services"]["items"]}
            self.assertEqual([[i["name"] for i in s["items"]] for s in r.json["schemes"]],
                             [[names[c] for c in s["items"]] for s in want])
            kinds = doc["vouchers"].get("kinds", [])
            self.assertEqual([(k["id"], k["face_fen"], k["valid_days"]) for k in r.json["kinds"]],
                             [(k["id"], fen(k["face_value"]), k["valid_days"]) for k in kinds])
        # 大竹 is a county of 达州 with its own file: no voucher there
        self.assertEqual(self.admin.get("/api/v1/services/money-options",
                                        params={"region": "511724000000"}).json["kinds"], [])
        self.assertError(self.c["m_other"].get("/api/v1/services/money-options",
                                               params={"region": TOWN_A}), 404, "region")
        self.assertError(self.c["m_family"].get("/api/v1/services/money-options",
                                                params={"region": TOWN_A}), 403)


class MoneySourcesTest(unittest.TestCase):
    """The "entitlements" and "vouchers" sections cite their seeds: each
    quote after "第N行:" (or "第A–B行:") is in those lines of the seed,
    the lines joined as the seeds digest joins them (003 wraps its
    sentences over several lines)."""

    CITE = re.compile(r"(0\d\d_[0-9a-f]+\.txt)\s*第(\d+)(?:[—–-](\d+))?行[:：]\s*(.*)$")

    def strings(self, node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k.endswith("source") and isinstance(v, str):
                    yield v
                else:
                    yield from self.strings(v)
        elif isinstance(node, list):
            for v in node:
                yield from self.strings(v)

    def test_quotes_are_in_the_seed(self):
        seeds = {os.path.basename(f): open(f, encoding="utf-8").read().split("\n")
                 for f in glob.glob(os.path.join(SEED_DIR, "0*.txt"))}
        if not seeds:
            self.skipTest("the seeds are not at hand (LAOXIAO_SEEDS)")
        checked = 0
        for path in sorted(glob.glob(os.path.join(POLICIES, "*.json"))):
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
            for sec in ("entitlements", "vouchers"):
                for src in self.strings(doc[sec]):
                    m = self.CITE.search(src)
                    if not m:
                        self.assertIn("本方案未提及", src, "%s %s: %s" % (path, sec, src))
                        continue
                    a, b = int(m.group(2)), int(m.group(3) or m.group(2))
                    text = "".join(x.strip() for x in seeds[m.group(1)][a - 1:b])
                    quote = m.group(4).strip().rstrip("。")
                    self.assertIn(quote, text, "%s %s: %s line %d" % (
                        os.path.basename(path), sec, m.group(1), a))
                    checked += 1
        self.assertGreater(checked, 20)
