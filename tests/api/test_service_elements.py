"""The services module's computed indicator elements (docs/policy.md
"Data elements"): rural_villages, meal_villages, guided_infants,
active_family_beds, registered_volunteers(.elderly), and the plan rows
that count them (景德镇 main.08, 大竹 elderly.15, 开州 main.20, 巴中
childcare.06).

Expected figures come from the seed (景德镇 004 第19行: 263 of 473
建制村 with a meal facility = 55.60 %, target >= 85 %), from the model this
file builds, and from plain SQL counts written here and run with sqlite3
or psql from outside the server, never from reading the server's own
answer back."""

import json
import os
import random
from datetime import date, timedelta
from fractions import Fraction

import harness
from harness import ApiTestCase, facility_body, facilities_csv
from idnumbers import Issuer

REPO = os.path.normpath(os.path.join(harness.HERE, "..", ".."))
JINGDEZHEN = "360200000000"
COUNTY = "360288000000"           # a test county of 景德镇
TOWNS = ["3602881%02d000" % k for k in (1, 2, 3)]
EVAL = "/api/v1/indicators/evaluate"
PERSONS = "/api/v1/persons"
ISSUER = Issuer(("360288",), "138", 51234567, 60000000)


def round_half_up(fr, places=2):
    q = fr * 10 ** places
    n = q.numerator // q.denominator
    if (q - n) * 2 >= 1:
        n += 1
    s = str(n).rjust(places + 1, "0")
    return s[:-places] + "." + s[-places:]


def prefix_of(code):
    """The significant digits of a region code (2, 4, 6, 9 or 12)."""
    for n in (2, 4, 6, 9):
        if code[n:] == "0" * (12 - n):
            return code[:n]
    return code


def blob(db, hexstr):
    return ("'\\x%s'::bytea" % hexstr) if harness.is_url(db) else ("X'%s'" % hexstr)


def meal_kinds():
    with open(os.path.join(REPO, "policies", "360200000000-jingdezhen.json"),
              encoding="utf-8") as f:
        return json.load(f)["meals"]["point_kinds"]


class ServiceElements(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_region(COUNTY, "测试县", "county", JINGDEZHEN)
        cls.rural = []
        for t, town in enumerate(TOWNS):
            a.create_region(town, "测试镇%d" % t, "township", COUNTY)
            n = 200 if t < 2 else 73   # 473 村民委员会
            for k in range(200, 200 + n):
                code = town[:9] + "%03d" % k
                a.create_region(code, "测试村%s" % code[-5:], "village", town)
                cls.rural.append(code)
        cls.urban = [TOWNS[0][:9] + "%03d" % k for k in range(1, 6)]
        for code in cls.urban:
            a.create_region(code, "测试社区%s" % code[-3:], "village", TOWNS[0])
        # a rural village closed (merged) before the period: not counted
        cls.closed = TOWNS[2][:9] + "399"
        a.create_region(cls.closed, "撤并村", "village", TOWNS[2])
        harness.db_exec(cls.server.db, "UPDATE region SET closed_on = ? WHERE code = ?",
                        ("2021-01-01", cls.closed))
        rng = random.Random(15)
        cls.covered = set(rng.sample(cls.rural, 263))
        bodies = []
        for i, v in enumerate(sorted(cls.covered)):
            bodies.append(cls.point(v, "meal_point" if i % 3 else "mutual_aid_point", i))
        uncovered = sorted(set(cls.rural) - cls.covered)
        # decoys: a second point in a covered village; a point closed before
        # the period, one opened after it, an institution, an urban point,
        # a point in the closed village
        bodies.append(cls.point(sorted(cls.covered)[0], "meal_point", 900))
        bodies.append(cls.point(uncovered[0], "meal_point", 901, closed_on="2022-05-01",
                                closed_reason="停办"))
        bodies.append(cls.point(uncovered[1], "meal_point", 902, opened_on="2026-02-01"))
        bodies.append(cls.point(uncovered[2], "elderly_institution", 903))
        bodies.append(cls.point(cls.urban[0], "meal_point", 904))
        bodies.append(cls.point(cls.closed, "meal_point", 905))
        r = a.import_csv("facilities", facilities_csv(bodies))
        if r.status not in (200, 201):
            raise AssertionError("import facilities: " + r.summary())
        cls.uncovered = uncovered

    @staticmethod
    def point(region, kind, i, **over):
        b = facility_body(region, name="测试助餐点%d" % i, kind=kind, beds=0,
                          nursing_beds=0, occupied_beds=0, medical_integration=False,
                          caregivers=1, social_workers=0, opened_on="2020-06-01",
                          filing_date="2020-06-01", capacity_date="2020-06-01")
        if kind == "elderly_institution":
            b.update(beds=10, nursing_beds=5, occupied_beds=3)
        b.update(over)
        return b

    # -- helpers ------------------------------------------------------------

    def evaluate(self, region, period, numerator, denominator=None):
        params = {"region": region, "period": period, "numerator": numerator}
        if denominator:
            params["denominator"] = denominator
        r = self.admin.get(EVAL, params=params)
        self.assertStatus(r, 200, "evaluate %s at %s" % (numerator, region))
        return r.json

    def indicator(self, region, period, ind_id):
        r = self.admin.get("/api/v1/indicators", params={"region": region, "period": period})
        self.assertStatus(r, 200, "indicators %s %s" % (region, period))
        return next(i for i in r.json["indicators"] if i["id"] == ind_id)

    def sql_count(self, element, region, day):
        """The element counted by a plain SQL query written here."""
        db = self.server.db
        like = prefix_of(region) + "%"
        if element in ("rural_villages", "meal_villages"):
            sql = ("SELECT count(*) FROM region r WHERE r.code LIKE ? AND r.level = 'village'"
                   " AND substr(r.code, 10, 3) >= '200' AND substr(r.code, 10, 3) <= '399'"
                   " AND (r.closed_on IS NULL OR r.closed_on > ?)")
            args = [like, day]
            if element == "meal_villages":
                kinds = meal_kinds()
                sql += (" AND r.code IN (SELECT f.region FROM facility f WHERE f.kind IN (%s)"
                        " AND (f.opened_on IS NULL OR f.opened_on <= ?)"
                        " AND (f.closed_on IS NULL OR f.closed_on > ?))"
                        % ", ".join("?" * len(kinds)))
                args += kinds + [day, day]
        elif element == "guided_infants":
            sql = ("SELECT count(*) FROM person p WHERE p.region LIKE ? AND p.kind = 'infant'"
                   " AND p.birth_date <= ? AND (p.deceased_on IS NULL OR p.deceased_on > ?)"
                   " AND p.id IN (SELECT g.person_id FROM guidance_reach g, guidance_activity a"
                   " WHERE a.id = g.activity_id AND a.held_on >= ? AND a.held_on <= ?)")
            args = [like, day, day, day[:4] + "-01-01", day]
        elif element == "active_family_beds":
            sql = ("SELECT count(*) FROM family_bed WHERE region LIKE ?"
                   " AND active_from <= ? AND (removed_on IS NULL OR removed_on > ?)")
            args = [like, day, day]
        else:
            rows = harness.db_rows(db, "SELECT birth_date FROM volunteer WHERE region LIKE ?"
                                   " AND registered_on <= ? AND (left_on IS NULL OR left_on > ?)",
                                   (like, day, day))
            if element == "registered_volunteers":
                return len(rows)
            d = date.fromisoformat(day)
            n = 0
            for (b,) in rows:
                b = date.fromisoformat(b)
                if d.year - b.year - ((d.month, d.day) < (b.month, b.day)) >= 60:
                    n += 1
            return n
        return harness.db_rows(db, sql, tuple(args))[0][0]

    # -- tests --------------------------------------------------------------

    def test_1_jingdezhen_main08_seed_figure(self):
        """263 of 473 villages covered: 55.60 %, against >= 85 %."""
        self.assertEqual(round_half_up(Fraction(263 * 100, 473)), "55.60")
        for period, status in (("2023", "behind"), ("2025", "missed")):
            ind = self.indicator(COUNTY, period, "jingdezhen.main.08")
            self.assertEqual(ind["origin"], "computed")
            self.assertEqual((ind["numerator"], ind["denominator"]), ("263", "473"), period)
            self.assertEqual(ind["value"], "55.60", period)
            self.assertEqual(ind["status"], status, period)
        # each township is its own villages' share, the county the sum
        # over the sum
        for town in TOWNS:
            mine = [v for v in self.rural if v.startswith(town[:9])]
            got = self.evaluate(town, "2025", "meal_villages", "rural_villages")
            self.assertEqual((got["numerator"], got["denominator"]),
                             (str(len(self.covered & set(mine))), str(len(mine))), town)

    def test_2_reaching_the_target(self):
        """140 more villages covered from 2025-06: 403 / 473 = 85.20 %, met
        in 2025 and still 263 at the end of 2024."""
        extra = self.uncovered[3:143]
        bodies = [self.point(v, "meal_point", 1000 + i, opened_on="2025-06-01",
                             filing_date="2025-06-01", capacity_date="2025-06-01")
                  for i, v in enumerate(extra)]
        r = self.admin.import_csv("facilities", facilities_csv(bodies))
        self.assertStatus(r, (200, 201), "import")
        try:
            self.assertEqual(round_half_up(Fraction(403 * 100, 473)), "85.20")
            ind = self.indicator(COUNTY, "2025", "jingdezhen.main.08")
            self.assertEqual((ind["numerator"], ind["value"], ind["status"]),
                             ("403", "85.20", "met"))
            ind = self.indicator(COUNTY, "2024", "jingdezhen.main.08")
            self.assertEqual((ind["numerator"], ind["status"]), ("263", "behind"))
        finally:
            harness.db_exec(self.server.db,
                            "UPDATE facility SET closed_on = '2025-06-01' WHERE opened_on = '2025-06-01'"
                            " AND region LIKE '360288%'")

    def test_3_every_element_equals_a_plain_count(self):
        """Random infants, guidance, beds and volunteers; every element at
        every level equals the SQL count here."""
        rng = random.Random(1515)
        db = self.server.db
        a = self.admin
        villages = [self.rural[0], self.rural[1], self.rural[250], self.urban[1]]
        now = date.today()
        infants = []
        for i in range(24):
            birth = now - timedelta(days=rng.randint(30, 3 * 365 - 40))
            r = a.post(PERSONS, {"kind": "infant", "id_number": ISSUER.new_id(birth, i % 2 == 0),
                                 "name": "测试婴%d" % i, "region": rng.choice(villages),
                                 "guardian_name": "测试监护人"})
            self.assertStatus(r, 201, "infant")
            infants.append(r.json["id"])
        for pid in rng.sample(infants, 3):
            a.patch("%s/%d" % (PERSONS, pid), {"deceased_on": (now - timedelta(days=20)).isoformat()})
        elders = []
        for i in range(16):
            birth = date(1940 + rng.randint(0, 20), rng.randint(1, 12), rng.randint(1, 28))
            r = a.post(PERSONS, {"kind": "elderly", "id_number": ISSUER.new_id(birth, True),
                                 "name": "测试老人%d" % i, "region": rng.choice(villages),
                                 "categories": [{"category": "dibao", "start": "2020-01-01"},
                                                {"category": "disabled", "start": "2020-01-01"}]})
            self.assertStatus(r, 201, "elderly")
            elders.append((r.json["id"], r.json["region"]))
        fac = harness.db_rows(db, "SELECT id FROM facility WHERE region LIKE '360288%' ORDER BY id")[0][0]
        ts = "2026-01-01T00:00:00Z"
        # guidance activities in and out of the calendar years asked
        for k in range(8):
            held = date(rng.choice((2024, 2025, 2026)), rng.randint(1, 12), rng.randint(1, 28))
            harness.db_exec(db, "INSERT INTO guidance_activity (kind, title, region, held_on,"
                            " families, recorded_at) VALUES ('parent_class', ?, ?, ?, 0, ?)",
                            ("课堂%d" % k, COUNTY, held.isoformat(), ts))
        acts = [r[0] for r in harness.db_rows(db, "SELECT id FROM guidance_activity WHERE region = ?",
                                              (COUNTY,))]
        for pid in infants:
            for act in rng.sample(acts, rng.randint(0, 3)):
                harness.db_exec(db, "INSERT INTO guidance_reach (activity_id, person_id)"
                                " VALUES (?, ?)", (act, pid))
        # family beds: active from a day, some removed later
        for pid, region in elders:
            act = date(2024, 1, 1) + timedelta(days=rng.randint(0, 900))
            removed = act + timedelta(days=rng.randint(1, 400)) if rng.random() < 0.4 else None
            harness.db_exec(db, "INSERT INTO family_bed (person_id, region, facility_id, status,"
                            " active_from, removed_on, created_at, updated_at)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            (pid, region, fac, "removed" if removed else "active", act.isoformat(),
                             removed.isoformat() if removed else None, ts, ts))
        # volunteers around 60 on the days asked
        for i in range(40):
            birth = date(1962 + rng.randint(0, 6), rng.randint(1, 12), rng.randint(1, 28))
            reg = date(2023, 1, 1) + timedelta(days=rng.randint(0, 1000))
            left = reg + timedelta(days=rng.randint(1, 500)) if rng.random() < 0.3 else None
            harness.db_exec(db, "INSERT INTO volunteer (id_hash, id_sealed, id_masked, name, sex,"
                            " birth_date, region, registered_on, left_on, created_at) VALUES"
                            " (%s, %s, '360288********0000', ?, 'F', ?, ?, ?, ?, ?)"
                            % (blob(db, "%032x" % (0xabc000 + i)), blob(db, "00")),
                            ("志愿者%d" % i, birth.isoformat(), rng.choice(villages),
                             reg.isoformat(), left.isoformat() if left else None, ts))
        nodes = [COUNTY, TOWNS[0], TOWNS[1], self.rural[0], self.urban[1], JINGDEZHEN]
        elements = ("rural_villages", "meal_villages", "guided_infants", "active_family_beds",
                    "registered_volunteers", "registered_volunteers.elderly")
        nonzero = set()
        for period, day in (("2025", "2025-12-31"), ("2025-06", "2025-06-30"),
                            ("2026-03", "2026-03-31"), ("2024", "2024-12-31")):
            for node in nodes:
                for e in elements:
                    want = self.sql_count(e, node, day)
                    got = self.evaluate(node, period, e)
                    self.assertEqual(got["numerator"], str(want), "%s at %s on %s" % (e, node, day))
                    if want:
                        nonzero.add(e)
        self.assertEqual(nonzero, set(elements), "every element counted something somewhere")

    def test_4_plan_rows_name_the_elements(self):
        """大竹 elderly.15, 开州 main.20 and 巴中 childcare.06 are computed
        from the new elements with factor 100; the notes no longer say the
        vocabulary cannot count them."""
        rows = {"511724000000-dazhu.json": ("dazhu.elderly.15", "registered_volunteers.elderly",
                                            "persons.elderly"),
                "500154000000-kaizhou.json": ("kaizhou.main.20", "registered_volunteers.elderly",
                                              "persons.elderly"),
                "511900000000-bazhong.json": ("bazhong.childcare.06", "guided_infants",
                                              "persons.infant"),
                "360200000000-jingdezhen.json": ("jingdezhen.main.08", "meal_villages",
                                                 "rural_villages")}
        for f, (iid, num, den) in rows.items():
            with open(os.path.join(REPO, "policies", f), encoding="utf-8") as fh:
                doc = json.load(fh)
            ind = next(i for i in doc["indicators"] if i["id"] == iid)
            self.assertEqual((ind["numerator"], ind["denominator"], ind["factor"]),
                             (num, den, 100), iid)
            self.assertNotIn("vocabulary", ind.get("note", ""), iid)
            self.assertFalse(any(e["name"] == iid for e in doc.get("reported_elements", [])),
                             "%s is computed, not reported" % iid)
        ind = self.indicator("511724000000", "2025", "dazhu.elderly.15")
        self.assertEqual(ind["origin"], "computed")

    def test_5_unknown_element_refused(self):
        r = self.admin.get(EVAL, params={"region": COUNTY, "period": "2025",
                                         "numerator": "meal_village"})
        self.assertError(r, 422, "numerator")
