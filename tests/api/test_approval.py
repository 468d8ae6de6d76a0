"""Three-step approval of a run (经办 → 审核 → 审批), the 公示 list and budgets:
POST /api/v1/subsidies/batches and its steps, GET …/notice (paged, CSV,
XLSX), PUT /api/v1/users/{id}/duties, PUT/GET /api/v1/subsidies/budgets.

Expected amounts come from 大竹's 高龄津贴 as the seed states it (001 第12行:
80—89周岁 60元, 90—99周岁 120元, 100周岁及以上 600元 a month), computed here
from each person's age, never from an earlier answer of the program."""

import io
import itertools
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from datetime import date

import harness
from harness import ApiTestCase, login_as, parse_csv
from idnumbers import Issuer, mask_id

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))

PASSWORD = "correct horse battery"
DAZHU = "511724000000"
SCHEME = "dazhu.gaoling"
BATCHES = "/api/v1/subsidies/batches"
RUNS = "/api/v1/subsidies/runs"
LEDGER = "/api/v1/subsidies/ledger"
BUDGETS = "/api/v1/subsidies/budgets"
PERSONS = "/api/v1/persons"
HOLDS = "/api/v1/subsidies/holds"
PERIOD = "2025-06"

# 001_e6026dc463d5175f.txt 第12行, in fen
BANDS = ((80, 89, 6000), (90, 99, 12000), (100, None, 60000))

ISSUER = Issuer(("511724",), "139", 33456789, 60000000)
_townships = itertools.count(601)


def due_fen(age):
    for lo, hi, f in BANDS:
        if age >= lo and (hi is None or age <= hi):
            return f
    return 0


def yuan(f):
    """fen → the yuan text of the lists: two decimals."""
    sign = "-" if f < 0 else ""
    f = abs(f)
    return "%s%d.%02d" % (sign, f // 100, f % 100)


def tearDownModule():
    harness.stop_module_server(__name__)


_world = {}


def world(server):
    """County officials of 大竹 with their duties: prep 经办, chk 审核 and
    审批, appr 审批, all three 经办审核审批, none no duty."""
    if server in _world:
        return _world[server]
    a = server.admin()
    duties = {"ap_prep": ["prepare"], "ap_chk": ["check", "approve"],
              "ap_appr": ["approve"], "ap_all": ["prepare", "check", "approve"],
              "ap_none": []}
    w = {}
    for name, d in duties.items():
        u = a.create_user(name, "county_official", DAZHU, password=PASSWORD)
        r = a.put("/api/v1/users/%d/duties" % u["id"], {"duties": d})
        if r.status != 200:
            raise AssertionError("duties of %s: %s" % (name, r.summary()))
        w[name] = login_as(server, name, PASSWORD)
        w[name + "_id"] = u["id"]
    _world[server] = w
    return w


class ApprovalCase(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.w = world(cls.server)

    def township(self, villages=1):
        """A fresh township under 大竹县 with villages; (township, [villages])."""
        n = next(_townships)
        code = "511724%03d000" % n
        self.admin.create_region(code, "审批测试%d镇" % n, "township", DAZHU)
        vs = []
        for k in range(1, villages + 1):
            v = "511724%03d%03d" % (n, k)
            self.admin.create_region(v, "审批测试%d镇%d村" % (n, k), "village", code)
            vs.append(v)
        return code, vs

    def person(self, name, age, region):
        """Born on 15 January, so that in June 2025 the age is 2025 - year
        under the scheme's next_period rule (paid from the month after the
        birthday)."""
        birth = date(2025 - age, 1, 15)
        idn = ISSUER.new_id(birth, area="511724")
        r = self.admin.post(PERSONS, {"kind": "elderly", "id_number": idn, "name": name,
                                      "region": region, "address": "审批路 1 号"})
        self.assertStatus(r, 201, "person %s" % name)
        p = r.json
        p["idn"], p["age"], p["due"] = idn, age, due_fen(age)
        return p

    def prepare(self, client, region, period=PERIOD, status=201, **extra):
        body = {"scheme": SCHEME, "period": period, "region": region}
        body.update(extra)
        r = client.post(BATCHES, body)
        self.assertStatus(r, status, "prepare %r" % body)
        return r.json

    def step(self, client, bid, action, status=200, note="", what=""):
        r = client.post("%s/%d/%s" % (BATCHES, bid, action), {"note": note})
        self.assertStatus(r, status, what or "%s of batch %d" % (action, bid))
        return r

    def ledger(self, region, period=PERIOD):
        r = self.admin.get(LEDGER, params={"scheme": SCHEME, "period": period, "region": region})
        self.assertStatus(r, 200)
        return r.json["items"]

    def notice_all(self, bid, lst="lines", per_page=500, client=None):
        items, page = [], 1
        while True:
            r = (client or self.admin).get("%s/%d/notice" % (BATCHES, bid),
                                           params={"list": lst, "page": page,
                                                   "per_page": per_page})
            self.assertStatus(r, 200, "notice page %d" % page)
            items += r.json["items"]
            if page >= r.json["pages"]:
                return items, r.json
            page += 1


class CycleTest(ApprovalCase):
    def test_whole_cycle_by_three_accounts(self):
        w = self.w
        t, (v1, v2) = self.township(2)
        ps = [self.person("循环甲", 85, v1), self.person("循环乙", 92, v1),
              self.person("循环丙", 101, v2), self.person("循环丁", 70, v2)]
        held = self.person("循环戊", 88, v2)
        r = self.admin.post(HOLDS, {"beneficiary_kind": "person", "beneficiary_id": held["id"],
                                    "scheme": SCHEME, "from": "2025-01-01",
                                    "reason": "外出未归，待核实"})
        self.assertStatus(r, 201, "hold")
        want = {p["id"]: p["due"] for p in ps if p["due"]}
        total = sum(want.values())
        self.assertEqual(total, 6000 + 12000 + 60000)

        # one official cannot write the month alone any more
        r = self.admin.post(RUNS, {"scheme": SCHEME, "period": PERIOD, "region": t,
                                   "dry_run": False})
        self.assertError(r, 409, field="dry_run", what="one-step commit of a scheme with steps")
        self.assertIn("batches", r.json["error"]["message"])
        self.assertEqual(self.ledger(t), [], "the refused commit wrote nothing")

        # 经办: only an account with the duty
        r = w["ap_none"].post(BATCHES, {"scheme": SCHEME, "period": PERIOD, "region": t})
        self.assertError(r, 403, what="prepare without the duty")
        b = self.prepare(w["ap_prep"], t, note="六月高龄津贴")
        self.assertEqual((b["status"], b["lines"], b["total_fen"], b["excluded"]),
                         ("prepared", 3, total, 1))
        self.assertEqual(b["prepared"]["by"], "ap_prep")
        self.assertEqual(b["prepared"]["note"], "六月高龄津贴")
        self.assertEqual(self.ledger(t), [], "a prepared batch writes nothing")
        # another batch of the same month and region waits for this one
        r = w["ap_all"].post(BATCHES, {"scheme": SCHEME, "period": PERIOD, "region": t})
        self.assertError(r, 409, what="a second open batch")

        # 审核: not the preparer, not without the duty, not before its turn
        self.step(w["ap_appr"], b["id"], "approve", 409, what="approval before the check")
        self.assertError(self.step(w["ap_prep"], b["id"], "check", 403), 403)
        self.assertError(self.step(w["ap_appr"], b["id"], "check", 403), 403)
        c = self.step(w["ap_chk"], b["id"], "check", note="名单核对无误").json
        self.assertEqual((c["status"], c["checked"]["by"], c["checked"]["note"]),
                         ("checked", "ap_chk", "名单核对无误"))
        self.assertEqual(self.ledger(t), [], "a checked batch writes nothing")

        # 审批: not the preparer, not the checker (who holds the duty)
        err = self.assertError(self.step(w["ap_chk"], b["id"], "approve", 403), 403)
        self.assertIn("checked", err["message"])
        self.assertError(self.step(w["ap_prep"], b["id"], "approve", 403), 403)
        a = self.step(w["ap_appr"], b["id"], "approve", note="同意发放").json
        self.assertEqual((a["status"], a["approved"]["by"]), ("approved", "ap_appr"))
        self.assertEqual((a["run"]["lines"], a["run"]["lines_fen"]), (3, total))
        self.assertEqual(a["run_id"], a["run"]["run_id"])
        led = self.ledger(t)
        self.assertEqual({l["beneficiary_id"]: l["fen"] for l in led}, want,
                         "the ledger holds exactly the checked trial")
        self.assertTrue(all(l["kind"] == "payment" for l in led))
        self.step(w["ap_all"], b["id"], "approve", 409, what="a second approval")

        # every step audited with its note
        r = self.admin.get("/api/v1/audit", params={"entity": "batch",
                                                    "entity_id": str(b["id"])})
        self.assertStatus(r, 200)
        notes = {e["action"]: json.dumps(e.get("after"), ensure_ascii=False)
                 for e in r.json["items"]}
        for action, note in (("prepare", "六月高龄津贴"), ("check", "名单核对无误"),
                             ("approve", "同意发放")):
            self.assertIn(action, notes, "audit of %s" % action)
            self.assertIn(note, notes[action], "the note of %s in the audit" % action)

    def test_nobody_approves_their_own_preparation(self):
        w = self.w
        t, (v,) = self.township()
        self.person("自审甲", 83, v)
        b = self.prepare(w["ap_all"], t)
        err = self.assertError(self.step(w["ap_all"], b["id"], "check", 403), 403)
        self.assertIn("prepared", err["message"])
        self.step(w["ap_chk"], b["id"], "check")
        err = self.assertError(self.step(w["ap_all"], b["id"], "approve", 403), 403)
        self.assertIn("prepared", err["message"])
        # nor may the preparer send it back to themselves
        self.assertError(self.step(w["ap_all"], b["id"], "return", 403, note="撤回"), 403)
        self.step(w["ap_appr"], b["id"], "approve")
        self.assertEqual(len(self.ledger(t)), 1)

    def test_other_roles_and_regions(self):
        t, (v,) = self.township()
        self.person("越权甲", 81, v)
        a = self.admin
        a.create_user("ap_bazhou", "county_official", "511902000000", password=PASSWORD)
        a.create_user("ap_reader", "readonly", DAZHU, password=PASSWORD)
        other = login_as(self.server, "ap_bazhou", PASSWORD)
        reader = login_as(self.server, "ap_reader", PASSWORD)
        b = self.prepare(self.w["ap_prep"], t)
        self.assertDenied(other.get("%s/%d" % (BATCHES, b["id"])), what="another county's batch")
        self.assertDenied(other.post("%s/%d/check" % (BATCHES, b["id"]), {}))
        self.assertDenied(reader.get("%s/%d/notice" % (BATCHES, b["id"])))
        # duties are an administrator's to give, and only to officials
        r = self.w["ap_all"].put("/api/v1/users/%d/duties" % self.w["ap_none_id"],
                                 {"duties": ["approve"]})
        self.assertDenied(r, what="an official giving duties")
        r = a.put("/api/v1/users/%d/duties" % self.w["ap_none_id"], {"duties": ["pay"]})
        self.assertError(r, 422, field="duties")
        reader_id = [u for u in a.get("/api/v1/users").json["items"]
                     if u["username"] == "ap_reader"][0]["id"]
        r = a.put("/api/v1/users/%d/duties" % reader_id, {"duties": ["check"]})
        self.assertError(r, 422, field="duties", what="duties for a read-only account")
        listed = {u["username"]: u["duties"] for u in a.get("/api/v1/users/duties").json["items"]}
        self.assertEqual(listed["ap_chk"], ["check", "approve"])
        self.assertNotIn("ap_reader", listed)


class ReturnAndChangeTest(ApprovalCase):
    def test_return_at_check_goes_back_to_the_preparer(self):
        w = self.w
        t, (v,) = self.township()
        self.person("退回甲", 86, v)
        b = self.prepare(w["ap_prep"], t)
        r = self.step(w["ap_chk"], b["id"], "return", 422, note="")
        self.assertError(r, 422, field="note", what="a return without a reason")
        got = self.step(w["ap_chk"], b["id"], "return", note="名单缺少村委会盖章").json
        self.assertEqual((got["status"], got["returned"]["by"], got["returned"]["note"]),
                         ("returned", "ap_chk", "名单缺少村委会盖章"))
        self.step(w["ap_chk"], b["id"], "check", 409, what="checking a returned batch")
        r = w["ap_prep"].get(BATCHES, params={"region": t, "status": "returned"})
        self.assertEqual([x["id"] for x in r.json["items"]], [b["id"]],
                         "the preparer finds the returned batch with its reason")
        b2 = self.prepare(w["ap_prep"], t)
        self.assertNotEqual(b2["id"], b["id"])
        self.assertEqual(b2["status"], "prepared")

    def test_change_between_check_and_approval_refuses(self):
        w = self.w
        t, (v,) = self.township()
        ps = [self.person("变更甲", 84, v), self.person("变更乙", 95, v)]
        b = self.prepare(w["ap_prep"], t)
        self.step(w["ap_chk"], b["id"], "check")
        # the data change after the check: one more person, one older
        added = self.person("变更丙", 100, v)
        r = self.admin.patch("%s/%d" % (PERSONS, ps[0]["id"]), {"deceased_on": "2025-03-10"})
        self.assertStatus(r, 200, "recording a death")
        r = self.step(w["ap_appr"], b["id"], "approve", 409)
        body = r.json
        self.assertIn("changed", body["error"]["message"])
        ch = body["changed"]
        self.assertEqual((ch["trial_lines"], ch["trial_fen"]), (2, 6000 + 12000))
        self.assertEqual((ch["now_lines"], ch["now_fen"]), (2, 12000 + 60000))
        diff = {d["beneficiary_id"]: (d["trial_fen"], d["now_fen"]) for d in body["differing"]}
        self.assertEqual(diff, {ps[0]["id"]: (6000, None), added["id"]: (None, 60000)})
        self.assertEqual(self.ledger(t), [], "a refused approval writes nothing")
        self.assertEqual(self.admin.get("%s/%d" % (BATCHES, b["id"])).json["status"], "checked")
        # the approver returns it; the preparer prepares the run as it is now
        self.step(w["ap_appr"], b["id"], "return", note="数据已变更，请重新经办")
        b2 = self.prepare(w["ap_prep"], t)
        self.assertEqual((b2["lines"], b2["total_fen"]), (2, 12000 + 60000))


class BudgetTest(ApprovalCase):
    def test_budget_warns_and_figures(self):
        w = self.w
        t, (v,) = self.township()
        ps = [self.person("预算甲", 82, v), self.person("预算乙", 91, v)]
        month = sum(p["due"] for p in ps)
        r = self.admin.put(BUDGETS, {"scheme": SCHEME, "year": 2025, "region": t,
                                     "amount_fen": month + month // 2})
        self.assertStatus(r, 200, "set a budget")
        self.assertError(self.admin.put(BUDGETS, {"scheme": SCHEME, "year": 2025, "region": t,
                                                  "amount_fen": "100"}), 422, field="amount_fen")
        b = self.prepare(w["ap_prep"], t, period="2025-05")
        self.assertEqual((b["budget"]["spent_fen"], b["budget"]["this_run_fen"],
                          b["budget"]["remaining_fen"], b["budget"]["over"]),
                         (0, month, month // 2, False))
        self.step(w["ap_chk"], b["id"], "check")
        self.step(w["ap_appr"], b["id"], "approve")
        b = self.prepare(w["ap_prep"], t, period="2025-06")
        self.assertEqual((b["budget"]["spent_fen"], b["budget"]["this_run_fen"],
                          b["budget"]["remaining_fen"], b["budget"]["over"]),
                         (month, month, month // 2 - month, True))
        self.assertTrue(any("超出2025年预算" in x for x in b["warnings"]), b["warnings"])
        # the scheme's policy warns: the approval writes and still says so
        self.step(w["ap_chk"], b["id"], "check")
        a = self.step(w["ap_appr"], b["id"], "approve").json
        self.assertTrue(any("超出" in x for x in a["run"]["warnings"]))
        self.assertEqual(sum(l["fen"] for l in self.ledger(t, "2025-06")), month)
        listed = self.admin.get(BUDGETS, params={"region": t, "year": "2025"}).json["items"]
        self.assertEqual([(x["budget_fen"], x["spent_fen"]) for x in listed],
                         [(month + month // 2, 2 * month)])

    def test_budget_refused_when_the_policy_says_so(self):
        pol = tempfile.mkdtemp(prefix="laoxiao-approval-pol-")
        try:
            shutil.copytree(os.path.join(REPO, "policies"), pol, dirs_exist_ok=True)
            path = os.path.join(pol, "511724000000-dazhu.json")
            with open(path, encoding="utf-8") as fh:
                doc = json.load(fh)
            for s in doc["schemes"]:
                if s["id"] == SCHEME:
                    s["approval"]["over_budget"] = "refuse"
            with open(path, "w", encoding="utf-8") as fh:
                json.dump(doc, fh, ensure_ascii=False)
            server = harness.Server(label="approval-refuse", serve_args=["--policies", pol])
            try:
                a = server.admin()
                code = "511724699000"
                a.create_region(code, "预算拒绝镇", "township", DAZHU)
                r = a.post(PERSONS, {"kind": "elderly", "name": "拒绝甲", "region": code,
                                     "id_number": ISSUER.new_id(date(1930, 1, 15), area="511724"),
                                     "address": "x"})
                self.assertStatus(r, 201)
                self.assertStatus(a.put(BUDGETS, {"scheme": SCHEME, "year": 2025,
                                                  "region": code, "amount_fen": 5000}), 200)
                prep, chk, appr = harness.step_clients(server)
                b = prep.post(BATCHES, {"scheme": SCHEME, "period": PERIOD, "region": code})
                self.assertStatus(b, 201)
                self.assertTrue(b.json["budget"]["over"])
                self.assertTrue(any("不予写入" in x for x in b.json["warnings"]))
                bid = b.json["id"]
                self.assertStatus(chk.post("%s/%d/check" % (BATCHES, bid), {}), 200)
                r = appr.post("%s/%d/approve" % (BATCHES, bid), {})
                self.assertError(r, 409, field="budget", what="over the budget, refused")
                r = a.get(LEDGER, params={"region": code})
                self.assertEqual(r.json["items"], [], "the refused run wrote nothing")
            finally:
                server.stop()
        finally:
            shutil.rmtree(pol, ignore_errors=True)


class NoticeTest(ApprovalCase):
    def test_notice_pages_and_exports(self):
        w = self.w
        t, vs = self.township(3)
        rnd = random.Random(1307)
        ps = [self.person("公示%02d" % i, rnd.randint(78, 104), vs[i % 3]) for i in range(23)]
        held = self.person("公示停发", 88, vs[0])
        self.assertStatus(self.admin.post(HOLDS, {
            "beneficiary_kind": "person", "beneficiary_id": held["id"], "scheme": SCHEME,
            "from": "2025-01-01", "reason": "待生存认证"}), 201)
        paid = [p for p in ps if p["due"]]
        b = self.prepare(w["ap_prep"], t)
        self.assertEqual((b["lines"], b["total_fen"]),
                         (len(paid), sum(p["due"] for p in paid)))
        # paging: every line once, in pages of 4
        items, meta = self.notice_all(b["id"], per_page=4, client=w["ap_chk"])
        self.assertEqual(meta["total"], len(paid))
        self.assertEqual(meta["pages"], (len(paid) + 3) // 4)
        self.assertEqual(sorted(i["seq"] for i in items), list(range(1, len(paid) + 1)))
        want = sorted((p["name"], mask_id(p["idn"]), yuan(p["due"])) for p in paid)
        got = sorted((i["name"], i["id_masked"], i["yuan"]) for i in items)
        self.assertEqual(got, want, "the 公示 list equals the trial read independently")
        vname = {v: "审批测试%s镇%d村" % (t[6:9].lstrip("0"), k + 1) for k, v in enumerate(vs)}
        by_name = {p["name"]: p for p in ps}
        for i in items:
            self.assertEqual(i["village"], vname[by_name[i["name"]]["region"]])
            self.assertEqual(i["scheme"], "高龄津贴")
        ex, _ = self.notice_all(b["id"], lst="excluded")
        self.assertEqual([(e["name"], e["id_masked"]) for e in ex],
                         [(held["name"], mask_id(held["idn"]))])
        self.assertIn("待生存认证", ex[0]["reason"])
        r = self.admin.get("%s/%d/notice" % (BATCHES, b["id"]), params={"per_page": 501})
        self.assertError(r, 400, field="per_page")

        # CSV: UTF-8 with a BOM, every line, the exclusions, the townships
        r = self.admin.get("%s/%d/notice" % (BATCHES, b["id"]), params={"format": "csv"})
        self.assertStatus(r, 200)
        self.assertTrue(r.body.startswith(b"\xef\xbb\xbf"), "a BOM")
        for p in ps + [held]:
            self.assertNotIn(p["idn"].encode(), r.body, "no full ID number in the 公示")
        rows = parse_csv(r.body)
        self.assertEqual(rows[0][:3], ["序号", "姓名", "身份证号"])
        lines = rows[1:1 + len(paid)]
        self.assertEqual(sorted((x[1], x[2], x[7]) for x in lines), want)
        k = rows.index(["未发放名单（数据原因）"])
        self.assertEqual(rows[k + 2][1:3], [held["name"], mask_id(held["idn"])])
        total_row = [x for x in rows if x and x[0] == "合计"][0]
        self.assertEqual(total_row, ["合计", str(len(paid)), yuan(sum(p["due"] for p in paid))])

        # XLSX, read back with openpyxl
        r = self.admin.get("%s/%d/notice" % (BATCHES, b["id"]), params={"format": "xlsx"})
        self.assertStatus(r, 200)
        rows = xlsx_rows(self, r.body)
        self.assertEqual(sorted((x[1], x[2], x[7]) for x in rows["公示名单"][1:]), want)
        self.assertEqual([x[1] for x in rows["未发放名单"][1:]], [held["name"]])
        self.assertEqual(rows["乡镇汇总"][-1][0], "合计")
        self.assertEqual(rows["乡镇汇总"][-1][2], yuan(sum(p["due"] for p in paid)))


def xlsx_rows(case, data):
    """{sheet: [[cell text]]} by openpyxl in Debian's python3."""
    script = ("import openpyxl, sys, json, io\n"
              "wb = openpyxl.load_workbook(io.BytesIO(sys.stdin.buffer.read()))\n"
              "print(json.dumps({ws.title: [[('' if c is None else str(c)) for c in row]"
              " for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets}))\n")
    p = subprocess.run(["/usr/bin/python3", "-c", script], input=data, capture_output=True)
    case.assertEqual(p.returncode, 0, p.stderr.decode("utf-8", "replace"))
    rows = json.loads(p.stdout.decode())
    for sheet in rows.values():
        for row in sheet:
            if row and row[0].endswith(".0"):
                row[0] = row[0][:-2]
    return rows


class PropertyTest(ApprovalCase):
    def test_approved_ledger_equals_checked_trial(self):
        """Over random townships (ages, villages, holds, an earlier month
        paid): the lines the approval writes are the checked trial's lines,
        and both equal the amounts computed here from the ages."""
        rnd = random.Random(20251103)
        w = self.w
        for case in range(8):
            t, vs = self.township(rnd.randint(1, 3))
            ps = [self.person("性质%d_%d" % (case, i), rnd.randint(60, 106), rnd.choice(vs))
                  for i in range(rnd.randint(0, 14))]
            held = set()
            for p in ps:
                if rnd.random() < 0.2:
                    self.assertStatus(self.admin.post(HOLDS, {
                        "beneficiary_kind": "person", "beneficiary_id": p["id"],
                        "scheme": SCHEME, "from": "2025-01-01", "reason": "随机暂停"}), 201)
                    held.add(p["id"])
            want = {p["id"]: p["due"] for p in ps if p["due"] and p["id"] not in held}
            b = self.prepare(w["ap_prep"], t)
            trial, _ = self.notice_all(b["id"], per_page=rnd.randint(1, 6))
            self.step(w["ap_chk"], b["id"], "check")
            self.step(w["ap_appr"], b["id"], "approve")
            led = self.ledger(t)
            by_name = {p["name"]: p["id"] for p in ps}
            self.assertEqual(sorted((by_name[i["name"]], i["yuan"]) for i in trial),
                             sorted((l["beneficiary_id"], yuan(l["fen"])) for l in led),
                             "case %d: ledger = checked trial" % case)
            self.assertEqual({l["beneficiary_id"]: l["fen"] for l in led}, want,
                             "case %d: ledger = amounts from the ages" % case)


class CliTest(ApprovalCase):
    def test_cli_steps_and_notice(self):
        t, (v,) = self.township()
        p = self.person("命令行甲", 90, v)
        db = self.server.db

        def cli(*args):
            return harness.run_cli(["subsidy"] + list(args), db)

        r = cli("prepare", "--scheme", SCHEME, "--period", PERIOD, "--region", t)
        self.assertEqual(r.returncode, 2, "prepare needs --as")
        r = cli("prepare", "--as", "ap_prep", "--scheme", SCHEME, "--period", PERIOD,
                "--region", t, "--json")
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        bid = json.loads(r.stdout)["id"]
        r = cli("check", "--as", "ap_prep", "--batch", str(bid))
        self.assertEqual(r.returncode, 1, "the preparer cannot check from the shell either")
        r = cli("check", "--as", "ap_chk", "--batch", str(bid), "--note", "核对")
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        self.assertIn("审核：ap_chk", r.stdout.decode())
        r = cli("notice", "--batch", str(bid), "--format", "csv")
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        rows = parse_csv(r.stdout)
        self.assertEqual(rows[1][1:3], [p["name"], mask_id(p["idn"])])
        r = cli("approve", "--as", "ap_appr", "--batch", str(bid))
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        self.assertEqual([(l["beneficiary_id"], l["fen"]) for l in self.ledger(t)],
                         [(p["id"], 12000)])


class CliBudgetTest(ApprovalCase):
    def test_cli_budget_and_duties(self):
        t, _ = self.township()
        db = self.server.db

        def cli(*args):
            return harness.run_cli(["subsidy"] + list(args), db)

        r = cli("budget", "--scheme", SCHEME, "--year", "2025", "--region", t, "--fen", "123456")
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        r = cli("budget", "--scheme", SCHEME, "--year", "2025", "--region", t)
        self.assertEqual(r.returncode, 1, "a budget without its amount is refused")
        self.assertIn("amount_fen", r.stderr.decode())
        r = cli("budgets", "--region", t, "--json")
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        self.assertEqual([(x["scheme"], x["year"], x["budget_fen"])
                          for x in json.loads(r.stdout)["items"]], [(SCHEME, 2025, 123456)])
        got = self.admin.get(BUDGETS, params={"region": t}).json["items"]
        self.assertEqual([x["budget_fen"] for x in got], [123456], "the API sees the CLI's budget")
        r = cli("duties", "--user", "ap_none", "--set", "check")
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        listed = {u["username"]: u["duties"]
                  for u in self.admin.get("/api/v1/users/duties").json["items"]}
        self.assertEqual(listed["ap_none"], ["check"])
        r = cli("duties", "--user", "ap_none", "--set", "")
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        listed = {u["username"]: u["duties"]
                  for u in self.admin.get("/api/v1/users/duties").json["items"]}
        self.assertEqual(listed["ap_none"], [])


class PolicyTest(ApiTestCase):
    def test_every_scheme_in_the_presets_takes_three_steps(self):
        pol = os.path.join(REPO, "policies")
        n = 0
        for f in sorted(os.listdir(pol)):
            if not f.endswith(".json"):
                continue
            with open(os.path.join(pol, f), encoding="utf-8") as fh:
                doc = json.load(fh)
            for s in doc.get("schemes", []):
                a = s.get("approval")
                self.assertIsNotNone(a, "%s: %s names no approval" % (f, s["id"]))
                self.assertEqual(a["steps"], ["prepare", "check", "approve"])
                self.assertIn(a["over_budget"], ("warn", "refuse"))
                self.assertTrue(a["source"].startswith(doc["seed"]), "%s cites its seed" % s["id"])
                n += 1
        self.assertGreater(n, 0)


class ApplicationLevelsTest(ApiTestCase):
    """An application for a scheme whose policy names the levels
    (village → township → county) is decided by the county only after the
    village and the township have each approved it; a rejection at any
    level ends it."""

    def test_village_township_county(self):
        pol = tempfile.mkdtemp(prefix="laoxiao-approval-apps-")
        try:
            shutil.copytree(os.path.join(REPO, "policies"), pol, dirs_exist_ok=True)
            path = os.path.join(pol, "511724000000-dazhu.json")
            with open(path, encoding="utf-8") as fh:
                doc = json.load(fh)
            for s in doc["schemes"]:
                if s["id"] == SCHEME:
                    s["requires_application"] = True
                    s["approval"]["application_steps"] = ["village", "township", "county"]
            with open(path, "w", encoding="utf-8") as fh:
                json.dump(doc, fh, ensure_ascii=False)
            server = harness.Server(label="approval-apps", serve_args=["--policies", pol])
            try:
                self.levels(server)
            finally:
                server.stop()
        finally:
            shutil.rmtree(pol, ignore_errors=True)

    def levels(self, server):
        a = server.admin()
        town, village = "511724698000", "511724698001"
        a.create_region(town, "申办层级镇", "township", DAZHU)
        a.create_region(village, "申办层级村", "village", town)
        clients = {}
        for name, region in (("lv_village", village), ("lv_town", town), ("lv_county", DAZHU)):
            a.create_user(name, "county_official", region, password=PASSWORD)
            clients[name] = login_as(server, name, PASSWORD)
        a.create_user("lv_family", "family", DAZHU, password=PASSWORD)
        fam = login_as(server, "lv_family", PASSWORD)
        apps = []
        for name in ("层级甲", "层级乙"):
            idn = ISSUER.new_id(date(1940, 1, 15), area="511724")
            r = a.post(PERSONS, {"kind": "elderly", "id_number": idn, "name": name,
                                 "region": village, "address": "x"})
            self.assertStatus(r, 201)
            r = fam.post("/api/v1/applications", {"scheme": SCHEME, "id_number": idn,
                                                  "name": name, "relation": "子女"})
            self.assertStatus(r, 201, "application for %s" % name)
            apps.append(r.json["id"])

        def decide(who, app, decision="approve", status=200):
            r = clients[who].post("/api/v1/applications/%d/decision" % app,
                                  {"decision": decision, "reason": "%s 审核意见" % who})
            self.assertStatus(r, status, "%s %s application %d" % (who, decision, app))
            return r

        first = apps[0]
        # the county cannot decide before the village and the township
        err = self.assertError(decide("lv_county", first, status=403), 403)
        self.assertIn("village", err["message"])
        self.assertError(decide("lv_town", first, status=403), 403)
        got = decide("lv_village", first).json
        self.assertEqual((got["status"], got["review"]["awaiting"]), ("submitted", "township"))
        self.assertError(decide("lv_village", first, status=403), 403,
                         what="the village reviews once")
        self.assertError(decide("lv_county", first, status=403), 403)
        got = decide("lv_town", first).json
        self.assertEqual((got["status"], got["review"]["awaiting"]), ("submitted", "county"))
        self.assertEqual([x["level"] for x in got["review"]["reviews"]], ["village", "township"])
        got = decide("lv_county", first).json
        self.assertEqual(got["status"], "approved")
        self.assertIsNone(got["review"]["awaiting"])
        # a rejection at the township ends the second one
        decide("lv_village", apps[1])
        got = decide("lv_town", apps[1], "reject").json
        self.assertEqual(got["status"], "rejected")
        decide("lv_county", apps[1], status=409)
