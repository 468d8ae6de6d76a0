"""Staff records (docs/api.md "Food safety and staff"): the same person at
two facilities with overlapping contracts flagged 重复在岗 (in the list and
in the officials' view) and a move without overlap not flagged; the
certified, pre-job-trained and childcare-health shares as of a day against
counts made here by the policy file's rules, over chosen and over random
staff; ID numbers sealed at rest and never in the clear for an operator or
a reader; bad input naming the field and changing nothing; scope.

Expected values come from the policy file read here, the records the test
chose and a model written here, never from the server's answers."""

import glob
import json
import os
import random
import re
import threading
import unittest
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import harness
from harness import ApiTestCase, childcare_body, facility_body, login_as
from idnumbers import Issuer

REPO = os.path.normpath(os.path.join(harness.HERE, "..", ".."))
PASSWORD = "correct horse battery"
PROVINCE = "510000000000"
BAZHONG = "511900000000"
BAZHOU = "511902000000"
ENYANG = "511903000000"
TOWN = "511902121000"
TOWN_R = "511902122000"
TOWN_E = "511902123000"
STAFF = "/api/v1/inspect/staff"
ISSUER = Issuer(("511902", "511903"), "138", 51234567, 60000000)
SEED_DIR = os.environ.get("LAOXIAO_SEEDS") or next(
    (d for d in (os.path.join(REPO, "..", "shared", "seeds"),
                 os.path.join(REPO, "..", "..", "shared", "seeds")) if os.path.isdir(d)),
    os.path.join(REPO, "..", "shared", "seeds"))
CITE = re.compile(r"(\d{3}_[0-9a-f]{16}\.txt) 第(\d+)行(?:\s*\([^)]*\))?: ([^;(]+)")
CHILDCARE_KINDS = ("childcare_institution", "family_childcare", "kindergarten_nursery")


def policy():
    with open(os.path.join(REPO, "policies", "511900000000-bazhong.json"), encoding="utf-8") as f:
        return json.load(f)["staff"]


def pct(num, den):
    if not den:
        return None
    return str((Decimal(num) * 100 / Decimal(den)).quantize(Decimal("0.01"), ROUND_HALF_UP))


def share(num, den):
    return {"numerator": num, "denominator": den, "percent": pct(num, den),
            "rounding": "half_up"}


def months_back(day, months):
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    m += 1
    last = (date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)).day
    return date(y, m, min(day.day, last))


class Model:
    """The staff as recorded, and the shares by the policy's rules."""

    def __init__(self, pol):
        self.pol = pol
        self.occ = {o["code"]: o for o in pol["occupations"]}
        self.staff = {}  # id -> dict(kind, occupation, certificate, from, to, events)

    def add(self, sid, kind, occupation, certificate, frm, to):
        self.staff[sid] = dict(kind=kind, occupation=occupation, certificate=certificate,
                               frm=frm, to=to, events=[])

    def shares(self, day, sector=None):
        h = self.pol["childcare_health"]
        start = months_back(date.fromisoformat(day), h["window_months"]).isoformat()
        t = dict(staff=0, cd=0, cn=0, tr=0, hd=0, hn=0)
        for s in self.staff.values():
            if not (s["frm"] <= day and (s["to"] is None or day <= s["to"])):
                continue
            if sector and (s["kind"] in CHILDCARE_KINDS) != (sector == "childcare"):
                continue
            t["staff"] += 1
            if self.occ[s["occupation"]]["certified"]:
                t["cd"] += 1
                t["cn"] += bool(s["certificate"])
            t["tr"] += any(k == self.pol["pre_job_kind"] and on <= day for k, on in s["events"])
            if s["kind"] in CHILDCARE_KINDS:
                t["hd"] += 1
                checks = sum(1 for k, on in s["events"] if k == "health_check" and start < on <= day)
                trains = sum(1 for k, on in s["events"]
                             if k == h["training_kind"] and start < on <= day)
                t["hn"] += checks >= h["min_checks"] and trains >= h["min_trainings"]
        return {"staff": t["staff"], "certified": share(t["cn"], t["cd"]),
                "pre_job_trained": share(t["tr"], t["staff"]),
                "childcare_health": share(t["hn"], t["hd"])}


class SourcesTest(unittest.TestCase):
    """Every quote after "<seed> 第N行:" in the "food_safety" and "staff"
    sections of the five files is in that line of the seed (pieces split at
    "…"); without the seeds at hand, only that each names a seed file."""

    def strings(self, node):
        if isinstance(node, dict):
            for v in node.values():
                yield from self.strings(v)
        elif isinstance(node, list):
            for v in node:
                yield from self.strings(v)
        elif isinstance(node, str):
            yield node

    def test_quotes_are_in_the_seed(self):
        seeds = {os.path.basename(f): open(f, encoding="utf-8").read().split("\n")
                 for f in glob.glob(os.path.join(SEED_DIR, "0*.txt"))}
        checked = 0
        for path in sorted(glob.glob(os.path.join(REPO, "policies", "*.json"))):
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
            for sec in ("food_safety", "staff"):
                for text in self.strings(doc[sec]):
                    for m in CITE.finditer(text):
                        seed, line, quote = m.group(1), int(m.group(2)), m.group(3)
                        if not seeds:
                            self.assertRegex(seed, r"^00[0-4]_")
                            continue
                        self.assertIn(seed, seeds)
                        for piece in re.split(r"…+", quote):
                            piece = piece.strip().rstrip("。").strip()
                            if piece:
                                self.assertIn(piece, seeds[seed][line - 1],
                                              "%s %s: %s 第%d行" % (os.path.basename(path), sec,
                                                                   seed, line))
                                checked += 1
        if seeds:
            self.assertGreater(checked, 20)


class StaffRecords(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_region(TOWN, "人员测试镇", "township", BAZHOU)
        a.create_region(TOWN_R, "人员随机镇", "township", BAZHOU)
        a.create_region(TOWN_E, "人员离职镇", "township", BAZHOU)
        cls.e1 = a.create_facility(facility_body(TOWN, name="人员养老院一"))
        cls.e2 = a.create_facility(facility_body(TOWN, name="人员养老院二"))
        cls.c1 = a.create_facility(childcare_body(TOWN, name="人员托育园"))
        cls.ey = a.create_facility(facility_body(ENYANG, name="恩阳人员养老院"))
        a.create_user("staff_op1", "operator", BAZHOU, password=PASSWORD,
                      facilities=[cls.e1["id"]])
        a.create_user("staff_op2", "operator", BAZHOU, password=PASSWORD,
                      facilities=[cls.e2["id"]])
        a.create_user("staff_ro", "readonly", BAZHONG, password=PASSWORD)
        a.create_user("staff_county", "county_official", BAZHOU, password=PASSWORD)
        a.create_user("staff_county_ey", "county_official", ENYANG, password=PASSWORD)
        cls.op1 = login_as(cls.server, "staff_op1", PASSWORD)
        cls.op2 = login_as(cls.server, "staff_op2", PASSWORD)
        cls.ro = login_as(cls.server, "staff_ro", PASSWORD)
        cls.county = login_as(cls.server, "staff_county", PASSWORD)
        cls.county_ey = login_as(cls.server, "staff_county_ey", PASSWORD)
        cls.pol = policy()
        cls.model = Model(cls.pol)
        cls.kind_of = {cls.e1["id"]: "elderly_institution", cls.e2["id"]: "elderly_institution",
                       cls.c1["id"]: "childcare_institution"}
        # p1 moves from e1 to e2 the day after leaving; p2 works at e1 and
        # c1 at once; p3 only at c1
        cls.p1 = ISSUER.new_id(date(1975, 4, 3))
        cls.p2 = ISSUER.new_id(date(1980, 9, 12), male=False)
        cls.p3 = ISSUER.new_id(date(1990, 1, 30), male=False)
        cls.s = {}
        cls.s["p1a"] = cls.add(cls, cls.op1, cls.e1, cls.p1, "养老甲", "eldercare_worker", "养老护理员证",
                               "4", "2024-01-01", "2024-06-30")
        cls.s["p1b"] = cls.add(cls, cls.op2, cls.e2, cls.p1, "养老甲", "eldercare_worker", "",
                               None, "2024-07-01", None)
        cls.s["p2a"] = cls.add(cls, cls.op1, cls.e1, cls.p2, "双岗乙", "cook", "", None,
                               "2024-01-01", None)
        cls.s["p2b"] = cls.add(cls, cls.admin, cls.c1, cls.p2, "双岗乙", "nursery_worker",
                               "保育师证", "5", "2024-03-01", None)
        cls.s["p3"] = cls.add(cls, cls.county, cls.c1, cls.p3, "托育丙", "childcare_worker", "",
                              None, "2024-02-01", None)
        for key, kind, on in (("p1b", "pre_job", "2024-07-01"), ("p2b", "pre_job", "2024-03-01"),
                              ("p2b", "health", "2024-05-01"), ("p2b", "health_check", "2024-05-02"),
                              ("p3", "health", "2023-12-01"), ("p3", "health_check", "2024-11-20"),
                              ("p3", "health", "2024-11-21"), ("p3", "fire", "2024-11-22")):
            cls.event(cls, cls.admin, cls.s[key], kind, on)

    def add(self, client, facility, idn, name, occ, cert, level, frm, to, status=201, model=True):
        body = {"facility_id": facility["id"], "id_number": idn, "name": name,
                "occupation": occ, "contract_from": frm}
        if cert:
            body["certificate"] = cert
        if level:
            body["cert_level"] = level
        if to:
            body["contract_to"] = to
        r = client.post(STAFF, body)
        assert r.status == status, r.summary()
        sid = r.json["id"]
        if model:
            self.model.add(sid, self.kind_of[facility["id"]], occ, cert, frm, to)
        return sid

    def event(self, client, sid, kind, on):
        if kind == "health_check":
            r = client.post("%s/%d/health-checks" % (STAFF, sid), {"checked_on": on, "result": "合格"})
        else:
            r = client.post("%s/%d/trainings" % (STAFF, sid),
                            {"kind": kind, "held_on": on, "hours": 8, "provider": "区人社局"})
        assert r.status == 201, r.summary()
        self.model.staff[sid]["events"].append((kind, on))

    # ---------------------------------------------------------------------

    def test_policy_cites_the_seeds(self):
        p = self.pol
        self.assertIn("000_e7311d885af442f3.txt 第270行", p["childcare_health"]["source"])
        self.assertEqual((p["childcare_health"]["min_checks"], p["childcare_health"]["min_trainings"],
                          p["childcare_health"]["window_months"]), (1, 1, 12))
        names = [o["name"] for o in p["occupations"]]
        for n in ("养老护理员", "托育师", "育婴员", "保育员", "保健员", "社会工作者"):
            self.assertIn(n, names)
        with open(os.path.join(REPO, "policies", "511724000000-dazhu.json"), encoding="utf-8") as f:
            dz = json.load(f)["staff"]
        self.assertIn("001_e6026dc463d5175f.txt 第324行", dz["pre_job_source"])

    def test_duplicates_flagged_and_a_move_not(self):
        j = self.county.get(STAFF, params={"region": TOWN})
        self.assertStatus(j, 200)
        dup = {i["id"]: i["duplicate"] for i in j.json["items"]}
        self.assertEqual({k: dup[v] for k, v in self.s.items()},
                         {"p1a": False, "p1b": False, "p2a": True, "p2b": True, "p3": False})
        d = self.county.get(STAFF + "/duplicates", params={"region": TOWN})
        self.assertStatus(d, 200)
        self.assertEqual(len(d.json["items"]), 1)
        item = d.json["items"][0]
        self.assertEqual(item["id_number"], harness_mask(self.p2))
        self.assertEqual(sorted(c["id"] for c in item["contracts"]),
                         sorted([self.s["p2a"], self.s["p2b"]]))
        self.assertNotIn(self.p2, d.text)
        # the operator of e1 sees its own staff member flagged, not the other place
        o = self.op1.get(STAFF)
        self.assertStatus(o, 200)
        self.assertEqual(sorted(i["id"] for i in o.json["items"]),
                         sorted([self.s["p1a"], self.s["p2a"]]))
        self.assertTrue(next(i for i in o.json["items"] if i["id"] == self.s["p2a"])["duplicate"])
        self.assertNotIn("人员托育园", o.text)
        self.assertError(self.op1.get(STAFF + "/duplicates"), 403)

    def test_shares_against_the_model(self):
        for day in ("2024-06-30", "2024-12-31", "2025-05-01", "2025-11-21"):
            want = self.model.shares(day)
            r = self.county.get(STAFF + "/shares", params={"region": TOWN, "as_of": day})
            self.assertStatus(r, 200, day)
            got = {k: r.json[k] for k in want}
            self.assertEqual(got, want, day)
        # a hand count for one day: on 2024-12-31 p1b, p2a, p2b, p3 work;
        # certified occupations p1b, p2b, p3 of which p2b holds one; p1b and
        # p2b had pre-job training; childcare p2b (check 05-02, health 05-01)
        # and p3 (check 11-20, health 11-21) both within 12 months
        r = self.county.get(STAFF + "/shares", params={"region": TOWN, "as_of": "2024-12-31"}).json
        self.assertEqual(r["staff"], 4)
        self.assertEqual(r["certified"]["percent"], "33.33")
        self.assertEqual(r["pre_job_trained"]["percent"], "50.00")
        self.assertEqual(r["childcare_health"]["percent"], "100.00")
        # 2025-05-02: p2b's check of 2024-05-02 is a year old to the day: out
        r = self.county.get(STAFF + "/shares", params={"region": TOWN, "as_of": "2025-05-02"}).json
        self.assertEqual((r["childcare_health"]["numerator"], r["childcare_health"]["denominator"]),
                         (1, 2))
        self.assertEqual(r["by_sector"]["childcare"]["staff"], 2)

    def test_indicator_elements(self):
        """staff, staff_certifiable, staff_certified and staff_trained at the
        end of 2024, whole and narrowed, against the model; 巴中
        childcare.20 (持证合格上岗率) reads the childcare ones."""
        for sector in (None, "elderly", "childcare"):
            want = self.model.shares("2024-12-31", sector)
            suffix = "." + sector if sector else ""
            for element, value in (("staff", want["staff"]),
                                   ("staff_certifiable", want["certified"]["denominator"]),
                                   ("staff_certified", want["certified"]["numerator"]),
                                   ("staff_trained", want["pre_job_trained"]["numerator"])):
                r = self.admin.get("/api/v1/indicators/evaluate",
                                   params={"region": TOWN, "period": "2024",
                                           "numerator": element + suffix})
                self.assertStatus(r, 200, element + suffix)
                self.assertEqual(r.json["elements"][element + suffix], str(value),
                                 element + suffix)
        # the province has no staff rules of its own: each staff member is
        # judged by the rules of their own city, so the province (every
        # staff member of this class is in 巴中) counts what 巴中 counts
        for element in ("staff", "staff_certifiable.childcare", "staff_certified",
                        "staff_trained.elderly"):
            got = {}
            for region in (PROVINCE, BAZHONG):
                r = self.admin.get("/api/v1/indicators/evaluate",
                                   params={"region": region, "period": "2024",
                                           "numerator": element})
                self.assertStatus(r, 200, element + " at " + region)
                got[region] = r.json["elements"][element]
            self.assertEqual(got[PROVINCE], got[BAZHONG], element)
            self.assertNotEqual(got[BAZHONG], "0", element)
        with open(os.path.join(REPO, "policies", "511900000000-bazhong.json"), encoding="utf-8") as f:
            row = next(i for i in json.load(f)["indicators"] if i["id"] == "bazhong.childcare.20")
        self.assertEqual((row["numerator"], row["denominator"], row["factor"]),
                         ("staff_certified.childcare", "staff_certifiable.childcare", 100))

    def test_random_staff_against_the_model(self):
        rnd = random.Random(1717)
        a = self.admin
        facs = [a.create_facility(facility_body(TOWN_R, name="随机养老院%d" % i)) for i in range(2)]
        facs.append(a.create_facility(childcare_body(TOWN_R, name="随机托育园")))
        model = Model(self.pol)
        occs = {"elderly_institution": [o["code"] for o in self.pol["occupations"]
                                        if o["sector"] in ("elderly", "any")],
                "childcare_institution": [o["code"] for o in self.pol["occupations"]
                                          if o["sector"] in ("childcare", "any")]}
        kinds = [k["code"] for k in self.pol["training_kinds"]] + ["health_check"]
        pool = [ISSUER.new_id(date(1970, 1, 1) + timedelta(days=k)) for k in range(12)]
        contracts = {}  # id -> (person, facility, from, to)
        for i in range(30):
            f = rnd.choice(facs)
            kind = f["kind"]
            frm = (date(2023, 1, 1) + timedelta(days=rnd.randrange(800))).isoformat()
            to = None if rnd.random() < 0.5 else \
                (date.fromisoformat(frm) + timedelta(days=rnd.randrange(400))).isoformat()
            occ = rnd.choice(occs[kind])
            cert = "证书%d" % i if rnd.random() < 0.5 else ""
            # twelve people for thirty contracts: some at two places
            person = rnd.randrange(12)
            body = {"facility_id": f["id"], "id_number": pool[person],
                    "name": "随机%d" % i, "occupation": occ, "contract_from": frm}
            if cert:
                body["certificate"] = cert
            if to:
                body["contract_to"] = to
            r = a.post(STAFF, body)
            if r.status == 409:  # the same person, place and first day again
                self.assertError(r, 409, "id_number")
                continue
            self.assertStatus(r, 201, json.dumps(body, ensure_ascii=False))
            sid = r.json["id"]
            model.add(sid, kind, occ, cert, frm, to)
            contracts[sid] = (person, f["id"], frm, to or "9999-12-31")
            for _ in range(rnd.randrange(4)):
                k = rnd.choice(kinds)
                on = (date(2023, 1, 1) + timedelta(days=rnd.randrange(1000))).isoformat()
                if k == "health_check":
                    r = a.post("%s/%d/health-checks" % (STAFF, sid), {"checked_on": on})
                else:
                    r = a.post("%s/%d/trainings" % (STAFF, sid), {"kind": k, "held_on": on})
                self.assertStatus(r, 201)
                model.staff[sid]["events"].append((k, on))
        # 重复在岗: another facility's contract of the same person sharing a day
        want = {sid: any(p == q and f != g and a1 <= b2 and b1 <= a2
                         for tid, (q, g, b1, b2) in contracts.items() if tid != sid)
                for sid, (p, f, a1, a2) in contracts.items()}
        got = {i["id"]: i["duplicate"] for i in
               self.admin.get(STAFF, params={"region": TOWN_R}).json["items"]}
        self.assertEqual(got, want)
        self.assertTrue(any(want.values()), "the draw flags someone")
        for day in ("2023-06-30", "2024-03-31", "2024-12-31", "2025-06-30"):
            want = model.shares(day)
            r = self.admin.get(STAFF + "/shares", params={"region": TOWN_R, "as_of": day})
            self.assertStatus(r, 200)
            self.assertEqual({k: r.json[k] for k in want}, want, day)

    def test_csv_import_all_or_nothing(self):
        a = self.admin
        fac = a.create_facility(facility_body(TOWN_E, name="导入养老院"))
        ids = [ISSUER.new_id(date(1970 + i, 2, 2)) for i in range(3)]
        bad = ids[1][:-1] + ("0" if ids[1][-1] != "0" else "1")
        head = "机构编号,身份证号,姓名,职业,证书,证书等级,合同起始,合同终止\r\n"
        rows = ["%d,%s,导入甲,养老护理员,护理员证,四级/中级工,2024-01-01,\r\n" % (fac["id"], ids[0]),
                "%d,%s,导入乙,cook,,,2024-02-01,2025-01-31\r\n" % (fac["id"], bad),
                "%d,%s,导入丙,托育师,,,2024-03-01,\r\n" % (fac["id"], ids[2])]
        r = a.request("POST", STAFF + "/import", body=(head + "".join(rows)).encode("utf-8"),
                      content_type="text/csv")
        self.assertError(r, 422)
        errors = {(e["row"], e["column"]) for e in r.json["errors"]}
        # row 3 has a bad check character; row 4 a childcare occupation at a home
        self.assertEqual(errors, {(3, "身份证号"), (4, "职业")})
        self.assertNotIn(bad, r.text)
        listed = a.get(STAFF, params={"facility_id": str(fac["id"])}).json["items"]
        self.assertEqual(listed, [], "nothing written")
        rows[1] = rows[1].replace(bad, ids[1])
        rows[2] = rows[2].replace("托育师", "社会工作者")
        r = a.request("POST", STAFF + "/import", body=(head + "".join(rows)).encode("gb18030"),
                      content_type="text/csv")
        self.assertStatus(r, 200)
        self.assertEqual(r.json["imported"], 3)
        listed = {i["name"]: i for i in a.get(STAFF, params={"facility_id": str(fac["id"])}).json["items"]}
        self.assertEqual(listed["导入甲"]["occupation"], "eldercare_worker")
        self.assertEqual(listed["导入甲"]["cert_level"], "4")
        self.assertEqual(listed["导入乙"]["contract_to"], "2025-01-31")
        self.assertEqual(listed["导入丙"]["occupation"], "social_worker")
        # a reader may not import
        r = self.ro.request("POST", STAFF + "/import", body=head.encode("utf-8"),
                            content_type="text/csv")
        self.assertError(r, 403)

    def test_id_numbers_masked_and_sealed(self):
        for client, what in ((self.op1, "operator"), (self.ro, "readonly"), (self.county, "county")):
            for path, params in ((STAFF, {}), ("%s/%d" % (STAFF, self.s["p2a"]), {})):
                r = client.get(path, params=params)
                if client is self.ro and path == STAFF:
                    params = {"region": TOWN}
                    r = client.get(path, params=params)
                self.assertStatus(r, 200, what + " " + path)
                for idn in (self.p1, self.p2, self.p3):
                    self.assertNotIn(idn, r.text, what)
        r = self.op1.get("%s/%d" % (STAFF, self.s["p2a"]))
        self.assertEqual(r.json["id_number"], harness_mask(self.p2))
        self.assertError(self.op1.get("%s/%d" % (STAFF, self.s["p2a"]), params={"unmask": "1"}),
                         403, "unmask")
        self.assertError(self.ro.get("%s/%d" % (STAFF, self.s["p2a"]), params={"unmask": "1"}),
                         403, "unmask")
        full = self.county.get("%s/%d" % (STAFF, self.s["p2a"]), params={"unmask": "1"})
        self.assertStatus(full, 200)
        self.assertEqual(full.json["id_number"], self.p2)
        audit = self.admin.get("/api/v1/audit", params={"entity": "staff"}).json
        self.assertIn("view_unmasked", json.dumps(audit))
        rows = harness.db_rows(self.server.db, "SELECT * FROM staff")
        dump = json.dumps(rows, default=lambda b: bytes(b).hex() if isinstance(b, (bytes, memoryview)) else str(b))
        for idn in (self.p1, self.p2, self.p3):
            self.assertNotIn(idn, dump)
            self.assertNotIn(idn.encode().hex(), dump)

    def test_bad_input_names_the_field_and_changes_nothing(self):
        good = ISSUER.new_id(date(1985, 2, 2))
        bad = good[:-1] + ("0" if good[-1] != "0" else "1")
        base = {"facility_id": self.e1["id"], "id_number": good, "name": "错误",
                "occupation": "eldercare_worker", "contract_from": "2024-01-01"}
        before = len(self.admin.get(STAFF, params={"region": TOWN}).json["items"])
        for over, field in (({"id_number": bad}, "id_number"),
                            ({"id_number": ""}, "id_number"),
                            ({"name": ""}, "name"),
                            ({"occupation": "astronaut"}, "occupation"),
                            ({"occupation": "childcare_worker"}, "occupation"),
                            ({"cert_level": "9", "certificate": "证"}, "cert_level"),
                            ({"cert_level": "4"}, "certificate"),
                            ({"contract_from": "2024-02-30"}, "contract_from"),
                            ({"contract_to": "2023-12-31"}, "contract_to"),
                            ({"salary": 1}, "salary")):
            body = dict(base, **over)
            r = self.admin.post(STAFF, body)
            self.assertError(r, 422, field, what=json.dumps(over, ensure_ascii=False))
            self.assertNotIn(bad, r.text)
        self.assertEqual(len(self.admin.get(STAFF, params={"region": TOWN}).json["items"]), before)
        sid = self.s["p3"]
        n = len(self.admin.get("%s/%d" % (STAFF, sid)).json["trainings"])
        for body, field in (({"kind": "juggling", "held_on": "2024-01-01"}, "kind"),
                            ({"kind": "fire"}, "held_on"),
                            ({"kind": "fire", "held_on": "2999-01-01"}, "held_on"),
                            ({"kind": "fire", "held_on": "2024-01-01", "hours": -1}, "hours")):
            self.assertError(self.admin.post("%s/%d/trainings" % (STAFF, sid), body), 422, field)
        self.assertError(self.admin.post("%s/%d/health-checks" % (STAFF, sid), {}), 422, "checked_on")
        self.assertEqual(len(self.admin.get("%s/%d" % (STAFF, sid)).json["trainings"]), n)

    def test_the_same_contract_recorded_once(self):
        """Eight identical requests at once: one 201, the others 409 on
        id_number, one row."""
        idn = ISSUER.new_id(date(1979, 3, 3))
        body = {"facility_id": self.e2["id"], "id_number": idn, "name": "并发戊",
                "occupation": "cook", "contract_from": "2024-02-02"}
        clients = [login_as(self.server, "staff_county", PASSWORD) for _ in range(8)]
        results = [None] * 8

        def go(i):
            results[i] = clients[i].post(STAFF, body)

        threads = [threading.Thread(target=go, args=(i,)) for i in range(8)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        self.assertEqual(sorted(r.status for r in results), [201] + [409] * 7)
        for r in results:
            if r.status == 409:
                self.assertError(r, 409, "id_number")
        rows = [i for i in self.admin.get(STAFF, params={"facility_id": str(self.e2["id"])}).json["items"]
                if i["name"] == "并发戊"]
        self.assertEqual(len(rows), 1)
        self.model.add(rows[0]["id"], "elderly_institution", "cook", "", "2024-02-02", None)

    def test_scope(self):
        body = {"facility_id": self.e2["id"], "id_number": ISSUER.new_id(date(1988, 8, 8)),
                "name": "越权", "occupation": "cook", "contract_from": "2024-01-01"}
        # an operator keeps only its own facility's staff
        self.assertError(self.op1.post(STAFF, body), 404, "facility_id")
        self.assertError(self.op1.get("%s/%d" % (STAFF, self.s["p1b"])), 404)
        self.assertError(self.op1.post("%s/%d/trainings" % (STAFF, self.s["p1b"]),
                                       {"kind": "fire", "held_on": "2024-08-01"}), 404)
        # a reader reads, never writes
        self.assertError(self.ro.post(STAFF, body), 403)
        # another county sees none of it
        self.assertError(self.county_ey.get("%s/%d" % (STAFF, self.s["p1b"])), 404)
        self.assertError(self.county_ey.get(STAFF, params={"region": TOWN}), 404)
        self.assertError(self.county_ey.get(STAFF + "/duplicates", params={"region": TOWN}), 404)
        self.assertError(self.county_ey.get(STAFF + "/shares", params={"region": TOWN}), 404)
        self.assertEqual(self.county_ey.get(STAFF + "/shares").json["staff"], 0)

    def test_end_contract_clears_the_flag(self):
        a = self.admin
        # facilities of their own, so the other tests' counts stay
        e = a.create_facility(facility_body(TOWN_E, name="离职养老院"))
        c = a.create_facility(childcare_body(TOWN_E, name="离职托育园"))
        idn = ISSUER.new_id(date(1977, 7, 7))
        x = self.add(self.admin, e, idn, "结束丁", "cook", "", None, "2024-01-01", None,
                     model=False)
        y = self.add(self.admin, c, idn, "结束丁", "cook", "", None, "2024-09-01", None,
                     model=False)
        self.assertTrue(a.get("%s/%d" % (STAFF, x)).json["duplicate"])
        r = a.post("%s/%d/end" % (STAFF, x), {"contract_to": "2024-08-31"})
        self.assertStatus(r, 200)
        self.assertFalse(a.get("%s/%d" % (STAFF, x)).json["duplicate"])
        self.assertFalse(a.get("%s/%d" % (STAFF, y)).json["duplicate"])
        self.assertError(a.post("%s/%d/end" % (STAFF, x), {"contract_to": "2023-01-01"}), 422,
                         "contract_to")


def harness_mask(idn):
    return idn[:6] + "*" * (len(idn) - 10) + idn[-4:]
