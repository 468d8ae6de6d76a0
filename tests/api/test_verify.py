"""Annual verification (生存认证 / 年审) and rosters (花名册).

Verifications (POST/GET /api/v1/persons/{id}/verifications, POST
/api/v1/verifications/import, `laoxiao verify`) and what they do to a run of
大竹's 高龄津贴, whose policy asks for one within 12 months and pays the
months held back once the person is verified (policies/ 大竹, scheme
"verification"). Amounts are computed here from the seed's figures (60 /
120 / 600 元 a month by age band, docs/subsidy-seeds.md row 1) and the
scheme's age rule read from the policy file; which months are paid is
computed here from the verification dates the test chose.

Rosters (GET /api/v1/roster, `laoxiao roster`): counts against an
independent count read from the database (harness.db_rows), masking per
role, and the CSV and XLSX exports parsed back (openpyxl)."""

import csv
import io
import json
import os
import random
import re
import shutil
import subprocess
import tempfile
from datetime import date, timedelta

import harness
from harness import ApiTestCase, login_as
from idnumbers import Issuer, mask_id

HERE = os.path.dirname(os.path.abspath(__file__))
POLICY = os.path.join(HERE, "..", "..", "policies", "511724000000-dazhu.json")
DAZHU = "511724000000"
BAZHOU = "511902000000"
PERSONS = "/api/v1/persons"
RUNS = "/api/v1/subsidies/runs"
LEDGER = "/api/v1/subsidies/ledger"
ROSTER = "/api/v1/roster"
IMPORT = "/api/v1/verifications/import"
PASSWORD = "correct horse battery"
ISSUER = Issuer(("511724",), "139", 33445566, 1000000)
HELD = "未在规定期限内完成生存认证"

with open(POLICY, encoding="utf-8") as _f:
    GAOLING = [s for s in json.load(_f)["schemes"] if s["name_zh"] == "高龄津贴"][0]
SCHEME = GAOLING["id"]
BANDS = ((80, 89, 6000), (90, 99, 12000), (100, None, 60000))  # fen a month
_towns = iter(range(401, 499))


def tearDownModule():
    harness.stop_module_server(__name__)


def age_on(birth, day):
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def first_day(period):
    y, m = map(int, period.split("-"))
    return date(y, m, 1)


def gaoling_fen(birth, period):
    """The month's amount by the version's age rule (next_period: age on the
    last day of the previous month)."""
    rule = GAOLING["versions"][0]["age_rule"]
    p0 = first_day(period)
    day = {"next_period": p0 - timedelta(days=1), "period_start": p0}[rule]
    a = age_on(birth, day)
    for lo, hi, f in BANDS:
        if a >= lo and (hi is None or a <= hi):
            return f
    return 0


def months_later(d, n):
    """The same day n months later, or the shorter month's last day."""
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(y, m, day)
        except ValueError:
            continue
    raise AssertionError(d)


def within(last, start, months):
    """Whether start lies within the window of `months` from last."""
    return start < months_later(last, months)


class VerifyCase(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.window = GAOLING["verification"]["window_months"]
        cls.back_pay = GAOLING["verification"].get("back_pay", True)

    def township(self, label):
        code = "511724%03d000" % next(_towns)
        self.admin.create_region(code, "认证%s镇" % label, "township", DAZHU)
        return code

    def village(self, town, n, label):
        code = town[:9] + "%03d" % n
        self.admin.create_region(code, "%s村" % label, "village", town)
        return code

    def person(self, name, birth, region, **over):
        body = {"kind": "elderly", "id_number": ISSUER.new_id(birth, area=region[:6]),
                "name": name, "region": region}
        body.update(over)
        r = self.admin.post(PERSONS, body)
        self.assertStatus(r, 201, "create %s" % name)
        p = r.json
        p["birth"] = birth
        p["number"] = body["id_number"]
        return p

    def verify(self, person, on, method="face", client=None, status=201):
        r = (client or self.admin).post("%s/%d/verifications" % (PERSONS, person["id"]),
                                        {"verified_on": on.isoformat(), "method": method})
        self.assertStatus(r, status, "verify %s on %s" % (person["name"], on))
        return r.json

    def run_scheme(self, period, region, dry=False):
        body = {"scheme": SCHEME, "period": period, "region": region, "dry_run": dry}
        # a run is written through its three steps (经办, 审核, 审批)
        r = self.admin.post(RUNS, body) if dry else harness.run_in_steps(self.server, body)
        self.assertStatus(r, 200, "run %s %s" % (period, region))
        return r.json

    def net(self, period, region):
        r = self.admin.get(LEDGER, params={"scheme": SCHEME, "period": period,
                                           "region": region})
        self.assertStatus(r, 200)
        out = {}
        for l in r.json["items"]:
            out[l["beneficiary_id"]] = out.get(l["beneficiary_id"], 0) + l["fen"]
        return out, r.json["items"]


class HeldUntilVerifiedTest(VerifyCase):
    def test_policy_states_the_window(self):
        v = GAOLING["verification"]
        self.assertEqual(v["window_months"], 12, "a yearly 生存认证")
        self.assertTrue(v.get("back_pay", True), "months held are paid back by default")
        self.assertIn("生存认证", v["source"])

    def test_lapsed_person_is_held_then_paid_back(self):
        t = self.township("补发")
        a = self.person("认证甲", date(1940, 6, 15), t)   # 84 in 2025
        b = self.person("认证乙", date(1933, 8, 20), t)   # 91 in 2025
        self.verify(a, date(2024, 1, 10), "visit")       # lapses after 2025-01-09
        self.verify(b, date(2024, 6, 1), "face")         # covers March 2025
        per = "2025-03"
        s0 = first_day(per)
        self.assertFalse(within(date(2024, 1, 10), s0, self.window))
        self.assertTrue(within(date(2024, 6, 1), s0, self.window))

        dry = self.run_scheme(per, t, dry=True)
        out = self.run_scheme(per, t)
        for o in (dry, out):
            held = [e for e in o["exceptions"] if e["beneficiary_id"] == a["id"]]
            self.assertEqual(len(held), 1, "the lapsed person is listed: %r" % o["exceptions"])
            self.assertEqual(held[0]["code"], "verification_lapsed")
            self.assertIn(HELD, held[0]["reason"])
            self.assertIn("2024-01-10", held[0]["reason"], "the last verification's date")
            self.assertNotIn(b["id"], [e["beneficiary_id"] for e in o["exceptions"]])
        net, _ = self.net(per, t)
        self.assertEqual(net.get(a["id"], 0), 0, "held: nothing paid")
        self.assertEqual(net.get(b["id"]), gaoling_fen(b["birth"], per))
        self.assertEqual(net[b["id"]], 12000, "90–99: 120 元")

        # verified again: the held month is paid when run again, the next too
        later = date(2025, 4, 15)
        self.verify(a, later, "in_person")
        again = self.run_scheme(per, t)
        self.assertNotIn(a["id"], [e["beneficiary_id"] for e in again["exceptions"]])
        net, lines = self.net(per, t)
        want = gaoling_fen(a["birth"], per) if self.back_pay else 0
        self.assertEqual(net.get(a["id"], 0), want, "补发 of the month held")
        self.assertEqual(want, 6000, "80–89: 60 元")
        mine = [l for l in lines if l["beneficiary_id"] == a["id"]]
        self.assertEqual(len(mine), 1)
        self.assertIn("2025-04-15", mine[0]["reason"], "the back payment says what it rests on")
        self.assertEqual(self.run_scheme(per, t)["lines"], 0, "a re-run changes nothing")
        nxt = "2025-05"
        self.run_scheme(nxt, t)
        net, _ = self.net(nxt, t)
        self.assertEqual(net.get(a["id"]), gaoling_fen(a["birth"], nxt))
        self.assertEqual(net.get(b["id"]), gaoling_fen(b["birth"], nxt))

    def test_counted_from_the_first_payment(self):
        t = self.township("首发")
        c = self.person("认证丙", date(1941, 2, 3), t)
        self.run_scheme("2025-01", t)
        self.run_scheme("2025-12", t)
        out = self.run_scheme("2026-01", t)
        held = [e for e in out["exceptions"] if e["beneficiary_id"] == c["id"]]
        self.assertEqual(len(held), 1, "no verification a year after the first payment")
        self.assertIn("无认证记录", held[0]["reason"])
        for per, want in (("2025-01", 6000), ("2025-12", 6000), ("2026-01", 0)):
            self.assertEqual(self.net(per, t)[0].get(c["id"], 0), want, per)

    def test_property_paid_exactly_within_the_window(self):
        """Random verification dates and runs of random months in random
        order: a person is paid for a month exactly when the latest
        verification on or before its first day (or, with none, the first
        month paid) is within the window, or, with back pay, when verified
        after it; computed here."""
        rng = random.Random(1313)
        t = self.township("性质")
        people = []
        for i in range(8):
            p = self.person("性质%d" % i, date(1940, 6, 1 + i), t)  # 80–89 throughout
            days = sorted({date(2022, 1, 1) + timedelta(days=rng.randrange(1700))
                           for _ in range(rng.randrange(0, 4))})
            for d in days:
                self.verify(p, d, rng.choice(("face", "visit", "in_person", "other")))
            p["days"] = days
            people.append(p)
        months = ["%d-%02d" % (y, m) for y in (2023, 2024, 2025, 2026) for m in range(1, 13)
                  if (y, m) <= (2026, 10)]
        first_paid = {}  # person -> first month a payment line was written
        net = {}
        checked = 0
        for step in range(14):
            per = rng.choice(months)
            s0 = first_day(per)
            self.run_scheme(per, t)
            got, _ = self.net(per, t)
            for p in people:
                before = [d for d in p["days"] if d <= s0]
                after = [d for d in p["days"] if d > s0]
                if before:
                    basis = max(before)
                elif p["id"] in first_paid and first_day(first_paid[p["id"]]) <= s0:
                    basis = first_day(first_paid[p["id"]])
                else:
                    basis = None
                paid = (basis is None or within(basis, s0, self.window)
                        or (self.back_pay and bool(after)))
                want = gaoling_fen(p["birth"], per) if paid else 0
                self.assertEqual(got.get(p["id"], 0), want,
                                 "step %d %s, %s: verified %s, first paid %s"
                                 % (step, per, p["name"], p["days"], first_paid.get(p["id"])))
                # a payment line (not an adjustment) when nothing was paid
                if want and not net.get((p["id"], per)):
                    fp = first_paid.get(p["id"])
                    first_paid[p["id"]] = min(fp, per) if fp else per
                net[(p["id"], per)] = want
                checked += 1
        self.assertGreater(checked, 100)


class RecordAndImportTest(VerifyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_user("vf_county", "county_official", DAZHU, password=PASSWORD)
        a.create_user("vf_viewer", "readonly", DAZHU, password=PASSWORD)
        a.create_user("vf_bazhou", "county_official", BAZHOU, password=PASSWORD)
        cls.county = login_as(cls.server, "vf_county", PASSWORD)
        cls.viewer = login_as(cls.server, "vf_viewer", PASSWORD)
        cls.other = login_as(cls.server, "vf_bazhou", PASSWORD)

    def count(self, person_id=None):
        sql = "SELECT count(*) FROM person_verification"
        if person_id:
            return harness.db_rows(self.server.db, sql + " WHERE person_id = ?",
                                   (person_id,))[0][0]
        return harness.db_rows(self.server.db, sql)[0][0]

    def test_record_list_and_refuse(self):
        t = self.township("记录")
        p = self.person("记录甲", date(1938, 3, 3), t)
        self.verify(p, date(2025, 2, 1), "face", client=self.county)
        r = self.county.post("%s/%d/verifications" % (PERSONS, p["id"]),
                             {"verified_on": "2025-09-09", "method": "上门", "note": "村干部上门"})
        self.assertStatus(r, 201)
        self.assertEqual(r.json["method"], "visit", "the Chinese label is taken")
        lst = self.viewer.get("%s/%d/verifications" % (PERSONS, p["id"]))
        self.assertStatus(lst, 200)
        self.assertEqual([i["verified_on"] for i in lst.json["items"]],
                         ["2025-09-09", "2025-02-01"], "newest first")
        self.assertEqual(lst.json["last"], "2025-09-09")
        self.assertEqual(lst.json["items"][0]["recorded_by"], "vf_county")
        self.assertEqual(lst.json["items"][0]["method_zh"], "上门")
        n = self.count(p["id"])
        path = "%s/%d/verifications" % (PERSONS, p["id"])
        tomorrow = (date.today() + timedelta(days=2)).isoformat()
        for body, field in (({"verified_on": tomorrow, "method": "face"}, "verified_on"),
                            ({"verified_on": "1930-01-01", "method": "face"}, "verified_on"),
                            ({"verified_on": "2025-02-30", "method": "face"}, "verified_on"),
                            ({"method": "face"}, "verified_on"),
                            ({"verified_on": "2025-03-01", "method": "fax"}, "method"),
                            ({"verified_on": "2025-03-01", "method": "face", "by": "x"}, "by"),
                            ({"verified_on": "2025-02-01", "method": "face"}, "verified_on")):
            r = self.county.post(path, body)
            self.assertError(r, (409, 422), field=field, what=repr(body))
        self.assertError(self.viewer.post(path, {"verified_on": "2025-03-01", "method": "face"}),
                         403)
        self.assertError(self.other.post(path, {"verified_on": "2025-03-01", "method": "face"}),
                         404)
        self.assertEqual(self.count(p["id"]), n, "refused input changes nothing")
        dead = self.person("记录亡", date(1930, 1, 1), t, deceased_on="2025-01-31")
        self.assertError(self.county.post("%s/%d/verifications" % (PERSONS, dead["id"]),
                                          {"verified_on": "2025-02-01", "method": "face"}),
                         422, field="verified_on")
        audit = self.admin.get("/api/v1/audit", params={"entity": "verification"})
        self.assertStatus(audit, 200)
        self.assertGreaterEqual(len(audit.json["items"]), 2)

    def test_import_all_or_nothing(self):
        t = self.township("导入")
        ps = [self.person("导入%d" % i, date(1939, 5, 1 + i), t) for i in range(3)]
        n = self.count()
        bad = ("id_number,verified_on,method,note\r\n"
               "%s,2025-03-01,face,\r\n"
               "%s,2025-13-01,face,\r\n"
               "%s,2025-03-01,fly,\r\n"
               "110101194001010011,2025-03-01,face,\r\n"
               % (ps[0]["number"], ps[1]["number"], ps[2]["number"]))
        r = self.county.request("POST", IMPORT, body=bad.encode("utf-8"), content_type="text/csv")
        self.assertError(r, 422, field="row 3, column verified_on")
        where = {(e["row"], e["column"]) for e in r.json["errors"]}
        self.assertEqual(where, {(3, "verified_on"), (4, "method"), (5, "id_number")})
        self.assertEqual(self.count(), n, "nothing imported")
        head = "id_number,verified_on,method\r\n"
        r = self.county.request("POST", IMPORT, body=("nope,verified_on\r\n").encode("utf-8"),
                             content_type="text/csv")
        self.assertError(r, 422)
        self.assertIn((1, "nope"), {(e["row"], e["column"]) for e in r.json["errors"]})
        good = head + "".join("%s,2025-0%d-01,%s\r\n" % (p["number"], i + 3, m)
                              for i, (p, m) in enumerate(zip(ps, ("人脸识别", "到场", "其他"))))
        r = self.county.request("POST", IMPORT, body=good.encode("gb18030"),
                             content_type="text/csv")
        self.assertStatus(r, 200)
        self.assertEqual(r.json["imported"], 3)
        self.assertEqual(self.count(), n + 3)
        rows = harness.db_rows(self.server.db,
                               "SELECT person_id, verified_on, method FROM person_verification"
                               " WHERE person_id IN (?, ?, ?) ORDER BY person_id",
                               tuple(p["id"] for p in ps))
        self.assertEqual(rows, [(ps[0]["id"], "2025-03-01", "face"),
                                (ps[1]["id"], "2025-04-01", "in_person"),
                                (ps[2]["id"], "2025-05-01", "other")])
        # the same file again: every row is already there, none is added
        r = self.county.request("POST", IMPORT, body=good.encode("utf-8"), content_type="text/csv")
        self.assertError(r, 422)
        self.assertEqual(len(r.json["errors"]), 3)
        self.assertEqual(self.count(), n + 3)
        self.assertError(self.viewer.request("POST", IMPORT, body=good.encode("utf-8"),
                                          content_type="text/csv"), 403)

    def test_cli(self):
        t = self.township("命令")
        p = self.person("命令甲", date(1937, 7, 7), t)
        r = harness.run_cli(["verify", "add", "--id-number", p["number"], "--on", "2025-06-06",
                             "--method", "visit", "--note", "入户"], self.server.db)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        r = harness.run_cli(["verify", "list", "--person", str(p["id"]), "--json"],
                            self.server.db)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        out = json.loads(r.stdout)
        self.assertEqual([i["verified_on"] for i in out["items"]], ["2025-06-06"])
        path = os.path.join(self.server.dir, "verify.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("id_number,verified_on,method\n%s,2025-07-07,bad\n" % p["number"])
        r = harness.run_cli(["verify", "import", path], self.server.db)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("row 2", r.stderr.decode())
        self.assertEqual(self.count(p["id"]), 1)


class RosterTest(VerifyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_user("ro_county", "county_official", DAZHU, password=PASSWORD)
        a.create_user("ro_viewer", "readonly", DAZHU, password=PASSWORD)
        a.create_user("ro_bazhou", "county_official", BAZHOU, password=PASSWORD)
        cls.county = login_as(cls.server, "ro_county", PASSWORD)
        cls.viewer = login_as(cls.server, "ro_viewer", PASSWORD)
        cls.other = login_as(cls.server, "ro_bazhou", PASSWORD)
        cls.rng = random.Random(4242)
        cls.town = "511724%03d000" % next(_towns)
        a.create_region(cls.town, "花名册镇", "township", DAZHU)
        cls.villages = []
        for i in (1, 2):
            code = cls.town[:9] + "%03d" % i
            a.create_region(code, "花名册%d村" % i, "village", cls.town)
            cls.villages.append(code)
        cls.people = []
        cats = ("dibao", "empty_nest", "living_alone", "tekun_dispersed")
        for i in range(30):
            birth = date(1920, 1, 1) + timedelta(days=cls.rng.randrange(16000))
            region = cls.rng.choice(cls.villages + [cls.town])
            body = {"kind": "elderly", "name": "名册%02d" % i, "region": region,
                    "id_number": ISSUER.new_id(birth, area="511724")}
            held = cls.rng.sample(cats, cls.rng.randrange(3))
            if held:
                body["categories"] = [{"category": c, "start": "2020-01-01"} for c in held]
            if i % 11 == 5:
                body["deceased_on"] = "2024-05-05"
            r = a.post(PERSONS, body)
            assert r.status == 201, r.text
            p = r.json
            p["number"] = body["id_number"]
            cls.people.append(p)
            if i % 3 and "deceased_on" not in body:
                total = cls.rng.choice((90, 80, 60, 40, 20))
                r = a.post("%s/%d/assessments" % (PERSONS, p["id"]),
                           {"assessed_on": "2024-0%d-10" % (1 + i % 9),
                            "assessors": ["评估员甲", "评估员乙"],
                            "items": vector(total)})
                assert r.status == 201, r.text

    def expected(self, as_of, band=None, level=None, category=None):
        """The people of the township the roster should list, from the
        database's own rows, filtered here."""
        db = self.server.db
        rows = harness.db_rows(db, "SELECT id, birth_date, region, deceased_on FROM person"
                               " WHERE region BETWEEN ? AND ? AND kind = 'elderly'",
                               (self.town[:9] + "000", self.town[:9] + "999"))
        levels = {}
        for pid, on, lvl, aid in harness.db_rows(
                db, "SELECT person_id, assessed_on, final_level, id FROM assessment"):
            if on <= as_of and (pid not in levels or (on, aid) > levels[pid][:2]):
                levels[pid] = (on, aid, lvl)
        cats = {}
        for pid, c, s, e in harness.db_rows(
                db, "SELECT person_id, category, start_date, end_date FROM person_category"):
            if s <= as_of and (e is None or e >= as_of):
                cats.setdefault(pid, set()).add(c)
        d = date.fromisoformat(as_of)
        out = []
        for pid, birth, region, dead in rows:
            b = date.fromisoformat(birth)
            if birth > as_of or (dead and dead <= as_of):
                continue
            age = age_on(b, d)
            if band and (age < band[0] or (band[1] is not None and age > band[1])):
                continue
            lv = levels.get(pid, (None, None, None))[2]
            if level is not None and lv != level:
                continue
            if category and category not in cats.get(pid, set()):
                continue
            out.append({"id": pid, "age": age, "region": region, "level": lv,
                        "cats": cats.get(pid, set())})
        return out

    def roster(self, client=None, **params):
        params.setdefault("region", self.town)
        r = (client or self.county).get(ROSTER, params=params)
        self.assertStatus(r, 200, "roster %r" % params)
        return r.json

    def test_counts_match_the_database(self):
        as_of = "2025-06-30"
        for band, level, cat in ((None, None, None), ((80, 89), None, None),
                                 ((90, None), None, None), (None, 2, None),
                                 (None, None, "dibao"), ((60, 99), 0, "empty_nest")):
            params = {"as_of": as_of, "per_page": "7"}
            if band:
                params["age_band"] = "%d-%s" % (band[0], band[1] if band[1] else "")
            if level is not None:
                params["level"] = str(level)
            if cat:
                params["category"] = cat
            want = self.expected(as_of, band, level, cat)
            got = self.roster(**params)
            self.assertEqual(got["total"], len(want), repr(params))
            ids, page = [], 1
            while True:
                params["page"] = str(page)
                chunk = self.roster(**params)["items"]
                if not chunk:
                    break
                self.assertLessEqual(len(chunk), 7, "paged on the server")
                ids += [i["id"] for i in chunk]
                page += 1
            self.assertEqual(sorted(ids), sorted(w["id"] for w in want), repr(params))
            by_age = {}
            for w in want:
                k = ("0-59" if w["age"] < 60 else "100-" if w["age"] >= 100
                     else "%d-%d" % (w["age"] // 10 * 10, w["age"] // 10 * 10 + 9))
                by_age[k] = by_age.get(k, 0) + 1
            self.assertEqual({e["key"]: e["count"] for e in got["totals"]["age_band"]}, by_age)
            by_level = {}
            for w in want:
                k = "none" if w["level"] is None else str(w["level"])
                by_level[k] = by_level.get(k, 0) + 1
            self.assertEqual({e["key"]: e["count"] for e in got["totals"]["level"]}, by_level)
            by_village = {}
            for w in want:
                k = w["region"] if not w["region"].endswith("000") else ""
                by_village[k] = by_village.get(k, 0) + 1
            self.assertEqual({e["key"]: e["count"] for e in got["totals"]["village"]},
                             by_village)
            by_cat = {}
            for w in want:
                for c in w["cats"]:
                    by_cat[c] = by_cat.get(c, 0) + 1
            self.assertEqual({e["key"]: e["count"] for e in got["totals"]["category"]}, by_cat)
        # a level with its date: the latest assessment on or before the day
        item = [i for i in self.roster(as_of=as_of, level="0", per_page="1000")["items"]]
        for i in item:
            self.assertEqual(i["level"], 0)
            self.assertRegex(i["level_on"], r"^2024-0\d-10$")

    def test_masking_per_role(self):
        numbers = {p["id"]: p["number"] for p in self.people}
        county = self.roster(per_page="1000")
        viewer = self.roster(client=self.viewer, per_page="1000")
        self.assertEqual(county["total"], viewer["total"])
        self.assertGreater(county["total"], 10)
        for item in county["items"]:
            self.assertEqual(item["id_number"], mask_id(numbers[item["id"]]))
            self.assertRegex(item["birth_date"], r"^\d{4}-\d{2}-\d{2}$")
        for item in viewer["items"]:
            self.assertEqual(item["id_number"], mask_id(numbers[item["id"]]))
            self.assertRegex(item["birth_date"], r"^\d{4}$", "a year only with the masked number")
        for p in self.people:
            self.assertNotIn(p["number"], json.dumps(viewer, ensure_ascii=False))
        whole = self.roster(per_page="1000", unmask="1")
        self.assertTrue(whole["unmasked"])
        for item in whole["items"]:
            self.assertEqual(item["id_number"], numbers[item["id"]])
        self.assertError(self.viewer.get(ROSTER, params={"region": self.town, "unmask": "1"}),
                         403, field="unmask")
        self.assertError(self.viewer.get(ROSTER, params={"region": self.town,
                                                         "format": "csv"}), 403)
        self.assertError(self.other.get(ROSTER, params={"region": self.town}), 404)
        audit = self.admin.get("/api/v1/audit", params={"entity": "roster"})
        self.assertIn("view_unmasked", [e["action"] for e in audit.json["items"]])

    def test_exports_parse_back(self):
        as_of = "2025-06-30"
        want = self.expected(as_of)
        numbers = {p["id"]: p["number"] for p in self.people}
        names = {p["id"]: p["name"] for p in self.people}
        r = self.county.get(ROSTER, params={"region": self.town, "as_of": as_of,
                                            "format": "csv", "group": "level"})
        self.assertStatus(r, 200)
        self.assertTrue(r.body.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM")
        rows = list(csv.reader(io.StringIO(r.body.decode("utf-8-sig"))))
        head = rows[0]
        self.assertEqual(head[:3], ["序号", "姓名", "公民身份号码"])
        body = rows[1:1 + len(want)]
        self.assertEqual(sorted(x[1] for x in body), sorted(names[w["id"]] for w in want))
        masked = {mask_id(numbers[w["id"]]) for w in want}
        self.assertEqual({x[2] for x in body}, masked, "masked in the export")
        rest = rows[1 + len(want):]
        self.assertEqual(rest[0], [], "a blank line before the totals")
        self.assertEqual(rest[-1], ["总计", str(len(want))])
        levels = {}
        for w in want:
            levels[w["level"]] = levels.get(w["level"], 0) + 1
        self.assertEqual(sum(int(x[1]) for x in rest[2:-1]), len(want))
        self.assertEqual(len(rest[2:-1]), len(levels))
        try:
            import openpyxl
        except ImportError:
            raise AssertionError("python3-openpyxl is needed (run with /usr/bin/python3)")
        r = self.county.get(ROSTER, params={"region": self.town, "as_of": as_of,
                                            "format": "xlsx", "unmask": "1"})
        self.assertStatus(r, 200)
        wb = openpyxl.load_workbook(io.BytesIO(r.body))
        self.assertEqual(wb.sheetnames, ["花名册", "汇总"])
        ws = wb["花名册"]
        data = [row for row in ws.iter_rows(min_row=3, values_only=True)]
        self.assertEqual(len(data), len(want))
        self.assertEqual({row[2] for row in data}, {numbers[w["id"]] for w in want},
                         "whole numbers when asked by a role that may")
        self.assertEqual(sorted(row[5] for row in data), sorted(w["age"] for w in want))
        summary = list(wb["汇总"].iter_rows(values_only=True))
        self.assertEqual(summary[1][:2], ("总计", len(want)))
        p = harness.run_cli(["roster", "--region", self.town, "--as-of", as_of,
                             "--format", "csv"], self.server.db)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        cli_rows = list(csv.reader(io.StringIO(p.stdout.decode("utf-8-sig"))))
        self.assertEqual(len(cli_rows[1:1 + len(want)]), len(want))
        self.assertEqual(cli_rows[1 + len(want):][-1], ["总计", str(len(want))])


class WithoutBackPayTest(VerifyCase):
    """The same scheme in a copy of the policies that says "back_pay":
    false: a month held stays unpaid after the verification, and payment
    starts again with the first month that begins on or after it."""

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="laoxiao-verify-")
        pol = os.path.join(cls.dir, "policies")
        shutil.copytree(os.path.dirname(POLICY), pol)
        path = os.path.join(pol, os.path.basename(POLICY))
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        for sc in doc["schemes"]:
            if sc["id"] == SCHEME:
                sc["verification"]["back_pay"] = False
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, indent=1)
        cls.pol = pol
        cls.server = harness.Server(label=__name__ + ".noback", serve_args=["--policies", pol])
        cls.admin = cls.server.admin()
        cls.window = 12
        cls.back_pay = False

    @classmethod
    def tearDownClass(cls):
        problem = cls.server.stop()
        shutil.rmtree(cls.dir, ignore_errors=True)
        if problem:
            raise AssertionError("server without back pay: " + problem)

    def test_held_months_stay_unpaid(self):
        t = self.township("不补发")
        a = self.person("不补甲", date(1940, 6, 15), t)
        self.verify(a, date(2024, 1, 10))
        self.run_scheme("2025-03", t)
        self.verify(a, date(2025, 4, 15))
        for per in ("2025-03", "2025-04", "2025-05", "2025-06"):
            self.run_scheme(per, t)
        got = {per: self.net(per, t)[0].get(a["id"], 0)
               for per in ("2025-03", "2025-04", "2025-05", "2025-06")}
        self.assertEqual(got, {"2025-03": 0, "2025-04": 0,
                               "2025-05": gaoling_fen(a["birth"], "2025-05"),
                               "2025-06": gaoling_fen(a["birth"], "2025-06")})

    def test_policy_errors_name_the_key(self):
        path = os.path.join(self.pol, os.path.basename(POLICY))
        with open(path, encoding="utf-8") as f:
            good = f.read()
        try:
            doc = json.loads(good)
            for sc in doc["schemes"]:
                if sc["id"] == SCHEME:
                    sc["verification"]["window_months"] = 0
            with open(path, "w", encoding="utf-8") as f:
                json.dump(doc, f, ensure_ascii=False)
            p = subprocess.run([harness.BINARY, "policy", "check", self.pol],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
            self.assertNotEqual(p.returncode, 0)
            self.assertIn("verification.window_months", p.stderr.decode() + p.stdout.decode())
        finally:
            with open(path, "w", encoding="utf-8") as f:
                f.write(good)


# GB/T 42195-2022 item vectors (as test_subsidies.py)
ITEM_MAX = [4] * 8 + [4, 4, 4, 3] + [4] * 6 + [1, 1, 2] + [2, 2, 4, 3, 4]


def vector(total):
    v = list(ITEM_MAX)
    deficit, i = 90 - total, 0
    while deficit:
        if v[i % 26] > 0:
            v[i % 26] -= 1
            deficit -= 1
        i += 1
    return v


if __name__ == "__main__":
    import unittest
    unittest.main()
