"""Credit files, red and black lists, prepaid fees (docs/api.md "Credit
files, red and black lists, prepaid fees"): the credit policy as the five
files cite it; a listing's steps in order, each once (409 on a repeat, a
stale version or a race), listing no earlier than the notice days after
the notice and removal no earlier than 2 years after listing; penalty
records public for the periods of the 2023 credit-repair rule; a
black-listed institution refused in a real 巴中 operating-subsidy run and a
membership institution refused 巴中's construction subsidy, each with its
reason; the draw taking a black-listed facility in the policy's risk
class with the inputs published; prepaid custody and ceiling flags;
scope and no ID number of a staff member in any answer.

Expected values come from the policy files and seeds read here and dates
the test chose, never from the server's answers."""

import json
import os
import random
import shutil
import subprocess
import tempfile
import threading
from datetime import date, timedelta

import harness
from harness import ApiTestCase, childcare_body, facility_body, login_as
from idnumbers import Issuer
from inspect_redraw import redraw

REPO = os.path.normpath(os.path.join(harness.HERE, "..", ".."))
PASSWORD = "correct horse battery"
RECORDS = "/api/v1/credit/records"
LISTINGS = "/api/v1/credit/listings"
PREPAID = "/api/v1/credit/prepaid"
BAZHONG = "511900000000"
BAZHOU = "511902000000"
ENYANG = "511903000000"
TOWN = "511902131000"
TOWN_DRAW = "511902132000"
ISSUER = Issuer(("511902",), "139", 51234567, 70000000)
FILES = ("360200000000-jingdezhen.json", "500154000000-kaizhou.json",
         "511700000000-dazhou.json", "511724000000-dazhu.json",
         "511900000000-bazhong.json")


def policy_doc(name="511900000000-bazhong.json"):
    with open(os.path.join(REPO, "policies", name), encoding="utf-8") as f:
        return json.load(f)


def plus_months(d, n):
    """d plus n months, the day clamped to the month's end (computed here)."""
    m = d.year * 12 + d.month - 1 + n
    y, mo = divmod(m, 12)
    mo += 1
    last = (date(y + (mo == 12), mo % 12 + 1, 1) - timedelta(days=1)).day
    return date(y, mo, min(d.day, last))


class Credit(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_region(TOWN, "信用测试镇", "township", BAZHOU)
        a.create_region(TOWN_DRAW, "信用抽查镇", "township", BAZHOU)
        cls.home = a.create_facility(facility_body(TOWN, name="信用测试养老院"))
        cls.other = a.create_facility(facility_body(TOWN, name="信用另一养老院"))
        a.create_user("cr_op", "operator", BAZHOU, password=PASSWORD,
                      facilities=[cls.home["id"]])
        a.create_user("cr_op2", "operator", BAZHOU, password=PASSWORD,
                      facilities=[cls.other["id"]])
        a.create_user("cr_county", "county_official", BAZHOU, password=PASSWORD)
        a.create_user("cr_county_ey", "county_official", ENYANG, password=PASSWORD)
        a.create_user("cr_ro", "readonly", BAZHONG, password=PASSWORD)
        cls.op = login_as(cls.server, "cr_op", PASSWORD)
        cls.op2 = login_as(cls.server, "cr_op2", PASSWORD)
        cls.county = login_as(cls.server, "cr_county", PASSWORD)
        cls.ey = login_as(cls.server, "cr_county_ey", PASSWORD)
        cls.ro = login_as(cls.server, "cr_ro", PASSWORD)
        cls.pol = policy_doc()["credit"]

    def propose(self, fid, lst="black", ground="fire_hazard_unrectified", client=None,
                kind="facility"):
        r = (client or self.county).post(LISTINGS, {
            "subject_kind": kind, "subject_id": fid, "list": lst, "ground": ground,
            "facts": "消防检查发现重大火灾隐患，逾期未整改", "authority": "巴州区民政局"})
        self.assertStatus(r, 201, "propose")
        return r.json

    def step(self, lid, step, body, status=200, field=None, client=None):
        r = (client or self.county).post("%s/%d/%s" % (LISTINGS, lid, step), body)
        if status == 200:
            self.assertStatus(r, 200, "%s %r" % (step, body))
            return r.json
        self.assertError(r, status, field, what="%s %r" % (step, body))
        return None

    def list_facility(self, fid, noticed="2024-03-01", listed=None):
        lid = self.propose(fid)["id"]
        self.step(lid, "notice", {"on": noticed})
        listed = listed or str(date.fromisoformat(noticed)
                               + timedelta(days=self.pol["notice_days"]))
        self.step(lid, "list", {"on": listed})
        return lid

    # ------------------------------------------------------------------

    def test_1_policy_cited_in_every_file(self):
        for name in FILES:
            c = policy_doc(name)["credit"]
            self.assertNotIn("placeholder", c["source"], name)
            self.assertEqual(c["removal_years"], 2, name + ": 2 years (办法)")
            p = c["penalty_publication"]
            self.assertEqual((p["general_min_months"], p["general_max_months"],
                              p["serious_min_months"], p["serious_max_months"]),
                             (3, 12, 12, 36), name + ": 信用修复办法 (2023)")
            self.assertIn("失信行为纠正后的信用信息修复管理办法", p["source"])
            codes = {k["code"] for k in c["record_kinds"]}
            self.assertTrue({"commitment", "penalty", "warning", "admonition"} <= codes)
            grounds = {g["code"] for g in c["black_grounds"]}
            self.assertIn("court_dishonest_debtor", grounds, name + ": 失信被执行人")
            self.assertEqual(c["black_refuses"]["support"], ["operating", "construction"])
            self.assertEqual(c["membership_refuses"]["support"], ["construction"])
            self.assertEqual(c["prepaid"]["custody_percent"], 100)
            self.assertIn(c["black_refuses"]["risk_class"],
                          policy_doc(name)["inspections"]["risk_weights"])
        # each file cites its own seed's line where the seed says something
        self.assertIn("000_e7311d885af442f3.txt 第333行", policy_doc()["credit"]["source"])
        self.assertIn("001_e6026dc463d5175f.txt 第392行",
                      policy_doc("511724000000-dazhu.json")["credit"]["source"])
        self.assertIn("002_b6526c2e8ad6c504.txt 第66行",
                      policy_doc("500154000000-kaizhou.json")["credit"]["source"])
        self.assertIn("003_b8a9dfd8cad781d5.txt 第402行",
                      policy_doc("511700000000-dazhou.json")["credit"]["source"])
        self.assertIn("第229行", policy_doc("360200000000-jingdezhen.json")
                      ["credit"]["membership_refuses"]["source"])
        self.assertIn("第396行", policy_doc("511724000000-dazhu.json")["credit"]["prepaid"]["source"])
        # the seed lines quoted are the seeds' text
        # the schemes say what support they give
        kinds = {s["id"]: s.get("support") for s in policy_doc()["schemes"]}
        self.assertEqual(kinds, {"bazhong.private_nonprofit_operating": "operating",
                                 "bazhong.difficult_elderly_operating": "operating",
                                 "bazhong.affordable_slots": "construction"})

    def test_1b_bad_credit_sections_refused(self):
        """Each bad key of the credit section is refused by `policy check`,
        naming the file and the key path."""
        d = tempfile.mkdtemp(prefix="credit-pol-")
        try:
            pol = os.path.join(d, "policies")
            shutil.copytree(os.path.join(REPO, "policies"), pol)
            name = "511724000000-dazhu.json"
            good = policy_doc(name)
            cases = (
                (lambda c: c.update(notice_days=-1), "credit.notice_days"),
                (lambda c: c["prepaid"].update(custody_percent=101), "credit.prepaid.custody_percent"),
                (lambda c: c["black_refuses"].update(support=["rent"]), "credit.black_refuses.support"),
                (lambda c: c.update(record_kinds=[k for k in c["record_kinds"]
                                                  if k["code"] != "penalty"]), "credit.record_kinds"),
                (lambda c: c["penalty_publication"].update(general_min_months=13),
                 "credit.penalty_publication.general_min_months"),
                (lambda c: c.update(colour="red"), "credit.colour"),
            )
            for change, path in cases:
                doc = json.loads(json.dumps(good))
                change(doc["credit"])
                with open(os.path.join(pol, name), "w", encoding="utf-8") as f:
                    json.dump(doc, f, ensure_ascii=False)
                p = subprocess.run([harness.BINARY, "policy", "check", pol], capture_output=True,
                                   env=harness._env(), timeout=30)
                text = (p.stdout + p.stderr).decode("utf-8", "replace")
                self.assertNotEqual(p.returncode, 0, path)
                self.assertIn(name, text, path)
                self.assertIn(path, text, text)
        finally:
            shutil.rmtree(d, ignore_errors=True)

    def test_2_listing_steps_in_order_once(self):
        notice_days = self.pol["notice_days"]
        lid = self.propose(self.home["id"])["id"]
        # not before the notice
        self.step(lid, "list", {"on": "2024-05-01"}, 409, "status")
        self.step(lid, "publish", {"on": "2024-05-01"}, 409, "status")
        r = self.step(lid, "notice", {"on": "2024-04-01"})
        self.assertEqual((r["status"], r["status_label"], r["noticed_on"]),
                         ("noticed", "已告知", "2024-04-01"))
        self.step(lid, "notice", {"on": "2024-04-02"}, 409, "status")
        first = date(2024, 4, 1) + timedelta(days=notice_days)
        # one day early: refused, naming the first day it may
        r = self.county.post("%s/%d/list" % (LISTINGS, lid), {"on": str(first - timedelta(days=1))})
        err = self.assertError(r, 422, "on")
        self.assertIn(str(first), err["message"])
        self.assertEqual(r.json["may_on"], str(first))
        self.step(lid, "hearing", {"on": "2024-04-03"}, 422, "hearing")
        r = self.step(lid, "hearing", {"on": "2024-04-03", "hearing": "机构称已部分整改"})
        self.assertEqual(r["status"], "heard")
        # a stale version is refused
        self.step(lid, "list", {"on": str(first), "version": 1}, 409, "version")
        r = self.step(lid, "list", {"on": str(first), "version": r["version"]})
        self.assertEqual((r["status"], r["listed_on"]), ("listed", str(first)))
        self.step(lid, "list", {"on": str(first)}, 409, "status")
        self.step(lid, "withdraw", {"on": str(first)}, 409, "status")
        # removal: 2 years after listing, with the conditions
        two = date(first.year + 2, first.month, first.day)
        self.step(lid, "remove", {"on": str(two - timedelta(days=1)), "penalty_served": True,
                                  "rectified": True, "removal_reason": "已整改"}, 422, "on")
        self.step(lid, "remove", {"on": str(two), "rectified": True,
                                  "removal_reason": "已整改"}, 422, "penalty_served")
        self.step(lid, "remove", {"on": str(two), "penalty_served": True,
                                  "removal_reason": "已整改"}, 422, "rectified")
        self.step(lid, "publish", {"on": str(first)})
        r = self.step(lid, "remove", {"on": str(two), "penalty_served": True, "rectified": True,
                                      "removal_reason": "处罚履行完毕，隐患已整改，两年内无新的失信"})
        self.assertEqual((r["status"], r["removed_on"]), ("removed", str(two)))
        self.step(lid, "remove", {"on": str(two), "penalty_served": True, "rectified": True,
                                  "removal_reason": "again"}, 409, "status")
        self.assertEqual([s["step"] for s in r["steps"]],
                         ["propose", "notice", "hearing", "list", "publish", "remove"])
        # every step audited
        n = harness.db_rows(self.server.db, "SELECT COUNT(*) FROM audit WHERE entity ="
                            " 'credit_listing' AND entity_id = ?", (str(lid),))[0][0]
        self.assertEqual(n, 6)
        # a future day is refused
        lid2 = self.propose(self.other["id"], "red", "commended")["id"]
        self.step(lid2, "notice", {"on": str(date.today() + timedelta(days=3))}, 422, "on")
        r = self.step(lid2, "withdraw", {"on": str(date.today())})
        self.assertEqual(r["status"], "withdrawn")
        self.step(lid2, "notice", {}, 409, "status")
        # bad input names the field
        for body, field in (({"list": "grey"}, "list"), ({"ground": "nope"}, "ground"),
                            ({"subject_kind": "person"}, "subject_kind"),
                            ({"facts": ""}, "facts"), ({"extra": 1}, "extra")):
            b = {"subject_kind": "facility", "subject_id": self.home["id"], "list": "black",
                 "ground": "subsidy_fraud", "facts": "虚报"}
            b.update(body)
            self.assertError(self.county.post(LISTINGS, b), 422, field, what=repr(body))

    def test_3_concurrent_step_taken_once(self):
        lid = self.propose(self.other["id"], ground="subsidy_fraud")["id"]
        self.step(lid, "notice", {"on": "2024-01-02"})
        results = []

        def go():
            c = self.server.admin()
            results.append(c.post("%s/%d/list" % (LISTINGS, lid), {"on": "2024-02-01"}).status)

        ts = [threading.Thread(target=go) for _ in range(6)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        self.assertEqual(sorted(results), [200] + [409] * 5)
        n = harness.db_rows(self.server.db, "SELECT COUNT(*) FROM credit_listing_step"
                            " WHERE listing_id = ? AND step = 'list'", (lid,))[0][0]
        self.assertEqual(n, 1)
        self.step(lid, "withdraw", {"on": "2024-02-02"}, 409, "status")

    def test_4_random_steps_against_a_model(self):
        """Random steps on random days: the answer is the one the rules
        written here give, and no listing is listed before notice + days or
        removed before the years."""
        rnd = random.Random(4242)
        days, years = self.pol["notice_days"], self.pol["removal_years"]
        frm = {"notice": {"proposed"}, "hearing": {"noticed"}, "list": {"noticed", "heard"},
               "publish": {"listed"}, "remove": {"listed", "published"},
               "withdraw": {"proposed", "noticed", "heard"}}
        to = {"notice": "noticed", "hearing": "heard", "list": "listed", "publish": "published",
              "remove": "removed", "withdraw": "withdrawn"}
        models = {}
        for _ in range(3):
            lid = self.propose(self.other["id"], ground="harm_rights")["id"]
            models[lid] = {"status": "proposed", "noticed": None, "listed": None}
        base = date(2021, 1, 1)
        for _ in range(60):
            lid = rnd.choice(sorted(models))
            m = models[lid]
            step = rnd.choice(sorted(frm))
            on = base + timedelta(days=rnd.randrange(0, 1500))
            body = {"on": str(on), "hearing": "申辩", "penalty_served": True,
                    "rectified": True, "removal_reason": "修复"}
            body = {k: v for k, v in body.items()
                    if k == "on" or (step == "hearing" and k == "hearing")
                    or (step == "remove" and k != "hearing")}
            r = self.county.post("%s/%d/%s" % (LISTINGS, lid, step), body)
            if m["status"] not in frm[step]:
                self.assertError(r, 409, "status", what="%s from %s" % (step, m["status"]))
                continue
            earliest = None
            if step == "list":
                earliest = m["noticed"] + timedelta(days=days)
            elif step == "remove":
                earliest = date(m["listed"].year + years, m["listed"].month, m["listed"].day)
            elif step == "hearing":
                earliest = m["noticed"]
            elif step == "publish":
                earliest = m["listed"]
            if earliest and on < earliest:
                self.assertError(r, 422, "on", what="%s on %s before %s" % (step, on, earliest))
                continue
            self.assertStatus(r, 200, "%s on %s from %s" % (step, on, m["status"]))
            m["status"] = to[step]
            if step == "notice":
                m["noticed"] = on
            if step == "list":
                m["listed"] = on
            self.assertEqual(r.json["status"], m["status"])
        rows = harness.db_rows(self.server.db, "SELECT noticed_on, listed_on, removed_on FROM"
                               " credit_listing WHERE listed_on IS NOT NULL")
        for noticed, listed, removed in rows:
            self.assertGreaterEqual(date.fromisoformat(listed),
                                    date.fromisoformat(noticed) + timedelta(days=days))
            if removed:
                lst = date.fromisoformat(listed)
                self.assertGreaterEqual(date.fromisoformat(removed),
                                        date(lst.year + years, lst.month, lst.day))

    def test_5_records_and_the_file(self):
        pub = self.pol["penalty_publication"]
        fid = self.home["id"]
        r = self.county.post(RECORDS, {"subject_kind": "facility", "subject_id": fid,
                                       "kind": "penalty", "happened_on": "2025-01-31",
                                       "summary": "未按规定配备消防设施，罚款", "authority": "巴州区消防救援大队",
                                       "document": "巴消行罚决字〔2025〕1号"})
        self.assertStatus(r, 201)
        self.assertEqual(r.json["public_until"],
                         str(plus_months(date(2025, 1, 31), pub["general_max_months"])))
        self.assertEqual(r.json["public_until"], "2026-01-31")
        r = self.county.post(RECORDS, {"subject_kind": "facility", "subject_id": fid,
                                       "kind": "penalty", "serious": True,
                                       "happened_on": "2024-02-29", "summary": "安全责任事故"})
        self.assertStatus(r, 201)
        self.assertEqual(r.json["public_until"],
                         str(plus_months(date(2024, 2, 29), pub["serious_max_months"])))
        self.assertEqual(r.json["public_until"], "2027-02-28")
        r = self.county.post(RECORDS, {"subject_kind": "facility", "subject_id": fid,
                                       "kind": "commitment", "happened_on": "2022-03-15",
                                       "summary": "备案信用承诺：按照有关法律法规和国家标准开展活动"})
        self.assertStatus(r, 201)
        self.assertIsNone(r.json["public_until"])
        self.assertTrue(r.json["public"])
        self.assertEqual(r.json["kind_label"], "信用承诺")
        # a staff member: named, never the ID number
        idn = ISSUER.new_id(date(1980, 5, 5))
        s = self.admin.post("/api/v1/inspect/staff", {
            "facility_id": fid, "id_number": idn, "name": "信用护理员",
            "occupation": "eldercare_worker", "contract_from": "2023-01-01"})
        self.assertStatus(s, 201)
        sid = s.json["id"]
        r = self.county.post(RECORDS, {"subject_kind": "staff", "subject_id": sid,
                                       "kind": "warning", "happened_on": "2025-03-01",
                                       "summary": "虐待老人苗头，失信提示"})
        self.assertStatus(r, 201)
        self.assertEqual((r.json["subject"], r.json["facility_id"]), ("信用护理员", fid))
        # the staff black list (002 第66行): a staff member proposed, named
        r = self.county.post(LISTINGS, {"subject_kind": "staff", "subject_id": sid,
                                        "list": "black", "ground": "harm_rights",
                                        "facts": "殴打老人"})
        self.assertStatus(r, 201)
        self.assertEqual((r.json["subject"], r.json["facility_id"], r.json["subject_kind"]),
                         ("信用护理员", fid, "staff"))
        self.assertNotIn(idn, r.text)
        for body, field in (({"kind": "medal"}, "kind"), ({"happened_on": "2025-02-30"},
                                                          "happened_on"),
                            ({"subject_id": 999999}, "subject_id"), ({"summary": ""}, "summary"),
                            ({"serious": True}, "serious")):
            b = {"subject_kind": "facility", "subject_id": fid, "kind": "warning",
                 "happened_on": "2025-01-01", "summary": "x"}
            b.update(body)
            self.assertError(self.county.post(RECORDS, b), (404, 422), field, what=repr(body))
        # the file: commitment, records, listings and standing
        f = self.op.get("/api/v1/facilities/%d/credit" % fid)
        self.assertStatus(f, 200)
        self.assertEqual(f.json["commitment"], "本机构承诺所填信息真实有效。")
        self.assertEqual(len(f.json["records"]), 4)
        self.assertEqual(f.json["standing"]["last_penalty_on"], "2025-01-31")
        for client in (self.county, self.ro, self.op, self.admin):
            for path in ("/api/v1/facilities/%d/credit" % fid,
                         RECORDS + "?subject_kind=staff&subject_id=%d" % sid):
                r = client.get(path)
                self.assertStatus(r, 200, path)
                self.assertNotIn(idn, r.text)
                self.assertNotIn(idn[-6:], r.text)
        # scope: another operator, another county
        self.assertDenied(self.op2.get("/api/v1/facilities/%d/credit" % fid))
        self.assertDenied(self.ey.get("/api/v1/facilities/%d/credit" % fid))
        self.assertEqual(self.op.post(RECORDS, {"subject_kind": "facility", "subject_id": fid,
                                                "kind": "warning", "happened_on": "2025-01-01",
                                                "summary": "x"}).status, 403)
        self.assertDenied(self.ey.post(RECORDS, {"subject_kind": "facility", "subject_id": fid,
                                                 "kind": "warning", "happened_on": "2025-01-01",
                                                 "summary": "x"}))
        # an administrator's list (no region) names every ground in words
        r = self.admin.get(LISTINGS)
        self.assertStatus(r, 200)
        names = {g["code"]: g["name"] for g in self.pol["black_grounds"] + self.pol["red_grounds"]}
        self.assertTrue(r.json["items"])
        for x in r.json["items"]:
            self.assertEqual(x["ground_label"], names[x["ground"]])
        r = self.ey.get(LISTINGS)
        self.assertStatus(r, 200)
        self.assertEqual([x for x in r.json["items"] if x["facility_id"] == fid], [])

    def test_6_black_list_refused_in_a_real_subsidy_run(self):
        doc = {s["id"]: s for s in policy_doc()["schemes"]}
        sid = "bazhong.private_nonprofit_operating"
        rate_yuan = int(doc[sid]["versions"][0]["amount"]["units"][0]["amount"]["value"])
        self.assertEqual(rate_yuan, 1000, "000 第328行: 1000元/张")
        t = "511902133000"
        self.admin.create_region(t, "信用补贴镇", "township", BAZHOU)
        clean = self.admin.create_facility(facility_body(
            t, name="守信养老院", ownership="private", operation="private_run",
            profit="nonprofit", occupied_beds=10, capacity_date="2024-01-01"))
        black = self.admin.create_facility(facility_body(
            t, name="失信养老院", ownership="private", operation="private_run",
            profit="nonprofit", occupied_beds=10, capacity_date="2024-01-01"))
        self.list_facility(black["id"], noticed="2024-03-01")
        # listed in 2022 and removed two years on: no longer refused in 2025
        repaired = self.admin.create_facility(facility_body(
            t, name="已修复养老院", ownership="private", operation="private_run",
            profit="nonprofit", occupied_beds=10, capacity_date="2024-01-01"))
        lid = self.list_facility(repaired["id"], noticed="2022-01-01", listed="2022-01-20")
        self.step(lid, "remove", {"on": "2024-01-20", "penalty_served": True,
                                  "rectified": True, "removal_reason": "信用修复"})
        out = harness.run_in_steps(self.server, {"scheme": sid, "period": "2025", "region": t})
        self.assertStatus(out, (200, 201), "run")
        run = out.json
        exc = [e for e in run["exceptions"] if e["beneficiary_id"] == black["id"]]
        self.assertEqual([e["code"] for e in exc], ["credit_black_list"])
        self.assertIn("黑名单", exc[0]["reason"])
        self.assertIn("运营补贴", exc[0]["reason"])
        lines = self.admin.get("/api/v1/subsidies/ledger",
                               params={"scheme": sid, "period": "2025", "region": t}).json["items"]
        paid = {}
        for l in lines:
            paid[l["beneficiary_id"]] = paid.get(l["beneficiary_id"], 0) + l["fen"]
        self.assertEqual(paid.get(clean["id"]), 10 * rate_yuan * 100,
                         "the clean one: 10 beds × 1000 元")
        self.assertEqual(paid.get(black["id"], 0), 0, "the black-listed one: nothing")
        self.assertEqual(paid.get(repaired["id"]), 10 * rate_yuan * 100,
                         "removed before the year: paid")
        self.assertEqual([e for e in run["exceptions"] if e["beneficiary_id"] == repaired["id"]],
                         [])
        # the file's standing: black since the listing day, none once removed
        f = self.admin.get("/api/v1/facilities/%d/credit" % black["id"]).json
        self.assertEqual(f["standing"]["black"]["since"],
                         str(date(2024, 3, 1) + timedelta(days=self.pol["notice_days"])))
        f = self.admin.get("/api/v1/facilities/%d/credit" % repaired["id"]).json
        self.assertIsNone(f["standing"]["black"])

    def test_7_membership_refused_construction(self):
        sid = "bazhong.affordable_slots"
        t = "511902134000"
        self.admin.create_region(t, "会员制测试镇", "township", BAZHOU)
        member = self.admin.create_facility(childcare_body(
            t, name="会员制托育园", slots=30, affordable_slots=20, capacity_date="2025-01-01",
            opened_on="2021-01-01"))
        plain = self.admin.create_facility(childcare_body(
            t, name="普通托育园", slots=30, affordable_slots=20, capacity_date="2025-01-01",
            opened_on="2021-01-01"))
        self.assertError(self.county.put("/api/v1/facilities/%d/membership" % member["id"],
                                         {"membership": "yes"}), 422, "membership")
        r = self.county.put("/api/v1/facilities/%d/membership" % member["id"],
                            {"membership": True})
        self.assertStatus(r, 200)
        out = harness.run_in_steps(self.server, {"scheme": sid, "period": "2025", "region": t})
        self.assertStatus(out, (200, 201), "run")
        exc = [e for e in out.json["exceptions"] if e["beneficiary_id"] == member["id"]]
        self.assertEqual([e["code"] for e in exc], ["membership"])
        self.assertIn("会员制", exc[0]["reason"])
        lines = self.admin.get("/api/v1/subsidies/ledger",
                               params={"scheme": sid, "period": "2025", "region": t}).json["items"]
        paid = {l["beneficiary_id"]: l["fen"] for l in lines}
        self.assertEqual(paid.get(plain["id"]), 20 * 5000 * 100, "000 第328行: 5000元/托位")
        self.assertNotIn(member["id"], paid)
        f = self.county.get("/api/v1/facilities/%d/credit" % member["id"]).json
        self.assertIs(f["membership"], True)

    def test_8_draw_weights_a_black_listed_facility(self):
        weights = policy_doc()["inspections"]["risk_weights"]
        cls_ = self.pol["black_refuses"]["risk_class"]
        homes = [self.admin.create_facility(facility_body(TOWN_DRAW, name="抽查院%d" % i))["id"]
                 for i in range(3)]
        for name in ("cr_insp_a", "cr_insp_b", "cr_insp_c"):
            u = self.admin.create_user(name, "inspector", TOWN_DRAW, password=PASSWORD)
            self.assertStatus(self.county.put("/api/v1/inspectors/%d" % u["id"],
                                              {"department": "民政"}), 200)
        self.list_facility(homes[1], noticed="2024-05-01")
        year = date.today().year + 1
        r = self.county.post("/api/v1/inspect/plans", {"region": TOWN_DRAW,
                                                      "period": "%dQ1" % year, "seed": "信用"})
        self.assertStatus(r, 201)
        t = {x["id"]: x for x in r.json["inputs"]["targets"]}
        self.assertEqual((t[homes[1]]["risk_class"], t[homes[1]]["weight"]),
                         (cls_, weights[cls_]))
        self.assertIn("黑名单", t[homes[1]]["credit"])
        self.assertEqual((t[homes[0]]["risk_class"], t[homes[0]]["weight"]),
                         ("unclassified", weights["unclassified"]))
        self.assertGreater(weights[cls_], weights["unclassified"])
        got = sorted(({"facility_id": c["facility_id"], "items": [i["code"] for i in c["items"]],
                       "scheduled_on": c["scheduled_on"], "notice_on": c["notice_on"],
                       "inspectors": sorted(p["account_id"] for p in c["inspectors"])}
                      for c in r.json["checks"]), key=lambda c: c["facility_id"])
        self.assertEqual(redraw(r.json["inputs"], "信用"), got)
        v = self.county.get("/api/v1/inspect/plans/%d/verify" % r.json["id"])
        self.assertStatus(v, 200)

    def test_9_prepaid_flags(self):
        pp = self.pol["prepaid"]
        limit_fen = int(pp["balance_limit"]) * 100
        fid = self.home["id"]
        path = "/api/v1/facilities/%d/prepaid" % fid
        bal = 12345678
        due = -(-bal * pp["custody_percent"] // 100)
        r = self.op.post(path, {"as_of": "2025-06-30", "members": 40, "balance_fen": bal,
                                "custody_bank": "巴中农商银行", "custody_fen": due - 1})
        self.assertStatus(r, 201)
        self.assertEqual([f["code"] for f in r.json["flags"]], ["custody_short"])
        self.assertEqual(r.json["custody_due_fen"], due)
        self.assertError(self.op.post(path, {"as_of": "2025-06-30", "members": 40,
                                             "balance_fen": bal, "custody_bank": "x",
                                             "custody_fen": bal}), 409, "as_of")
        r = self.op.post(path, {"as_of": "2025-09-30", "members": 40, "balance_fen": bal,
                                "custody_bank": "巴中农商银行", "custody_fen": due})
        self.assertStatus(r, 201)
        self.assertEqual(r.json["flags"], [])
        self.assertEqual(r.json["custody_share"], "100.0")
        r = self.county.post("/api/v1/facilities/%d/prepaid" % self.other["id"], {
            "as_of": "2025-09-30", "members": 900, "balance_fen": limit_fen + 1,
            "custody_bank": "巴中农商银行", "custody_fen": limit_fen + 1})
        self.assertStatus(r, 201)
        self.assertEqual([f["code"] for f in r.json["flags"]], ["over_limit"])
        for body, field in (({"custody_fen": bal + 1}, "custody_fen"),
                            ({"balance_fen": -1}, "balance_fen"),
                            ({"as_of": "2999-01-01"}, "as_of"),
                            ({"custody_bank": ""}, "custody_bank")):
            b = {"as_of": "2025-10-31", "members": 1, "balance_fen": bal,
                 "custody_bank": "银行", "custody_fen": 10}
            b.update(body)
            self.assertError(self.op.post(path, b), 422, field, what=repr(body))
        self.assertDenied(self.op2.post(path, {"as_of": "2025-10-31", "members": 1,
                                               "balance_fen": 1, "custody_bank": "银行",
                                               "custody_fen": 1}))
        r = self.county.get(PREPAID, params={"region": TOWN, "flagged": "1",
                                             "as_of": "2025-07-31"})
        self.assertStatus(r, 200)
        self.assertEqual([x["facility_id"] for x in r.json["items"]], [fid])
        r = self.county.get(PREPAID, params={"region": TOWN, "flagged": "1"})
        self.assertEqual([x["facility_id"] for x in r.json["items"]], [self.other["id"]])
        r = self.county.get(PREPAID, params={"region": TOWN})
        self.assertEqual(sorted(x["facility_id"] for x in r.json["items"]),
                         sorted([fid, self.other["id"]]))
        self.assertEqual(self.op.get(PREPAID).status, 403)
        # the same day reported by six requests at once: stored once
        results = []

        def go():
            c = self.server.admin()
            results.append(c.post(path, {"as_of": "2025-12-31", "members": 5,
                                         "balance_fen": 100, "custody_bank": "银行",
                                         "custody_fen": 100}).status)

        ts = [threading.Thread(target=go) for _ in range(6)]
        for th in ts:
            th.start()
        for th in ts:
            th.join()
        self.assertEqual(sorted(results), [201] + [409] * 5)
        self.assertEqual(harness.db_rows(self.server.db, "SELECT COUNT(*) FROM prepaid_report"
                                         " WHERE facility_id = ? AND as_of = '2025-12-31'",
                                         (fid,))[0][0], 1)
        r = self.ey.get(PREPAID)
        self.assertEqual([x for x in r.json["items"] if x["region"].startswith(BAZHOU[:6])], [])

    def test_z_cli(self):
        db = self.server.db
        fid = self.other["id"]
        p = harness.run_cli(["credit", "listing", "propose", "--subject-kind", "facility",
                             "--subject-id", str(fid), "--list", "black", "--ground",
                             "no_annual_report", "--facts", "未报送年度报告", "--json"], db)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        lid = json.loads(p.stdout)["id"]
        p = harness.run_cli(["credit", "listing", "notice", str(lid), "--on", "2024-01-05"], db)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        self.assertIn("已告知", p.stdout.decode())
        p = harness.run_cli(["credit", "listing", "list", str(lid), "--on", "2024-01-06"], db)
        self.assertEqual(p.returncode, 1)
        self.assertIn("on", p.stderr.decode())
        p = harness.run_cli(["credit", "file", str(fid)], db)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        out = p.stdout.decode()
        self.assertIn("信用另一养老院", out)
        self.assertIn("信用承诺：本机构承诺所填信息真实有效。", out)
        p = harness.run_cli(["credit", "record", "add", "--subject-kind", "facility",
                             "--subject-id", str(fid), "--kind", "admonition",
                             "--happened-on", "2025-04-01", "--summary", "警示约谈负责人"], db)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        self.assertIn("警示约谈", p.stdout.decode())
        p = harness.run_cli(["credit", "prepaid", "list", "--region", TOWN, "--flagged", "1",
                             "--json"], db)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        self.assertTrue(all(x["flagged"] for x in json.loads(p.stdout)["items"]))
