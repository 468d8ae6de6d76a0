"""A month's 高龄津贴 from the trial to the bank, as a 民政局 runs it: on a
small synthetic 巴中 paying 大竹's 高龄津贴 (seed 001: 60 / 120 / 600 yuan a
month at 80 / 90 / 100), for 巴州区.

The cycle: an earlier month paid (the scheme's first payments); every
recipient's 生存认证 imported but one's, whose lapse holds them; a budget
set below the month; the trial and its exclusion; a batch prepared (经办),
its 公示 list exported; checked (审核) and approved (审批) by two other
accounts, nobody taking two steps; the ledger written; payee accounts
imported for all but one recipient; the bank 代发 file parsed back against
the ledger; the held recipient verified and paid in a second batch.

Expected amounts come from the database read here (birth dates, deaths)
and the scheme's published bands, computed in this file, never from
laoxiao's own answers.
"""

import csv
import io
import json
import os
import random
import shutil
import tempfile
import unittest
from decimal import Decimal

import harness

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BAZHONG = "511900000000"
BAZHOU = "511902000000"
SCHEME = "bazhong.cycle_gaoling"
FIRST = "2024-01"   # the scheme's first month here: paid in one step
MONTH = "2025-03"   # the month of the cycle
PASSWORD = "correct horse battery"


def policies_with_dazhu_gaoling(work):
    """The platform's policies, 巴中's with 大竹's 高龄津贴 (its approval
    steps, its verification rule) applied to 巴中."""
    d = os.path.join(work, "policies")
    shutil.copytree(os.path.join(ROOT, "policies"), d)
    dazhu = json.load(open(os.path.join(d, "511724000000-dazhu.json")))
    path = os.path.join(d, "511900000000-bazhong.json")
    bz = json.load(open(path))
    s = json.loads(json.dumps([x for x in dazhu["schemes"] if x["id"] == "dazhu.gaoling"][0]))
    s["id"] = SCHEME
    for v in s["versions"]:
        v["region"] = BAZHONG
    bz["schemes"].append(s)
    json.dump(bz, open(path, "w"), ensure_ascii=False)
    return d


def due_fen(birth, deceased, period):
    """The bench's SQL count by age band (bench/province.py): alive on the
    first of the month, 80-89 → 60 yuan, 90-99 → 120, 100+ → 600, by the
    age reached in the month before."""
    if deceased is not None and deceased < period + "-01":
        return 0
    y, m = map(int, period.split("-"))
    py, pm = (y, m - 1) if m > 1 else (y - 1, 12)
    by, bm, _ = map(int, birth.split("-"))
    age = py - by - (1 if pm < bm else 0)
    return 60000 if age >= 100 else 12000 if age >= 90 else 6000 if age >= 80 else 0


class PaymentCycleTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="laoxiao-cycle-")
        cls.policies = policies_with_dazhu_gaoling(cls.work)
        cls.server = harness.synth_server("cycle", policies=cls.policies)
        cls.admin = harness.login_as(cls.server, "admin", cls.server.admin_password)
        cls.users = {}
        for name, role, region, duties in (
                ("jingban", "county_official", BAZHOU, ["prepare"]),
                ("shenhe", "county_official", BAZHOU, ["check"]),
                ("shenpi", "city_official", BAZHONG, ["approve"]),
                ("quanneng", "county_official", BAZHOU, ["prepare", "check", "approve"])):
            u = cls.admin.create_user(name, role, region)
            r = cls.admin.put("/api/v1/users/%d/duties" % u["id"], {"duties": duties})
            assert r.status == 200, r.text
            cls.users[name] = harness.login_as(cls.server, name, PASSWORD)

    @classmethod
    def tearDownClass(cls):
        problem = cls.server.stop()
        shutil.rmtree(cls.work, ignore_errors=True)
        if problem:
            raise AssertionError(problem)

    def q(self, sql, *args):
        return harness.db_rows(self.server.db, sql, args)

    def expected(self, period):
        """{person id: fen} due in 巴州 for the month, from the database."""
        rows = self.q("SELECT id, birth_date, deceased_on FROM person WHERE kind = 'elderly'"
                      " AND region BETWEEN ? AND ?", BAZHOU, BAZHOU[:6] + "999999")
        due = {pid: due_fen(b, d, period) for pid, b, d in rows}
        return {pid: f for pid, f in due.items() if f}

    def ledger(self, period):
        return {pid: fen for pid, fen in self.q(
            "SELECT beneficiary_id, sum(amount_fen) FROM ledger WHERE scheme = ? AND period = ?"
            " AND region BETWEEN ? AND ? GROUP BY beneficiary_id", SCHEME, period, BAZHOU,
            BAZHOU[:6] + "999999")}

    def step(self, who, batch, action, status=200, note="核对无误"):
        r = self.users[who].post("/api/v1/subsidies/batches/%d/%s" % (batch, action),
                                 {"note": note})
        if isinstance(status, tuple):
            self.assertIn(r.status, status, "%s %s: %s" % (who, action, r.text))
        else:
            self.assertEqual(r.status, status, "%s %s: %s" % (who, action, r.text))
        return r

    def test_the_whole_cycle(self):
        db = self.server.db
        # 1. the scheme's first month, paid in one step from the command line
        p = harness.run_cli(["subsidy", "run", "--scheme", SCHEME, "--period", FIRST,
                             "--region", BAZHOU, "--policies", self.policies], db)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        first = self.expected(FIRST)
        self.assertEqual(self.ledger(FIRST), first, "the first month as the bands say")
        want = self.expected(MONTH)
        rng = random.Random(3)
        held = rng.choice(sorted(set(want) & set(first)))
        no_account = rng.choice(sorted(set(want) - {held}))

        # 2. every recipient's 生存认证 but one's, imported
        people = {}
        for pid in set(first) | set(want):
            r = self.admin.get("/api/v1/persons/%d" % pid, params={"unmask": "1"})
            self.assertEqual(r.status, 200, r.text)
            people[pid] = r.json
        lines = ["id_number,verified_on,method,note"]
        for pid in sorted(set(first) | set(want)):
            if pid != held:
                lines.append("%s,2024-12-20,上门,年审" % people[pid]["id_number"])
        r = self.users["jingban"].request("POST", "/api/v1/verifications/import",
                                          body=("\r\n".join(lines) + "\r\n").encode(),
                                          content_type="text/csv")
        self.assertIn(r.status, (200, 201), r.text)

        # 3. a budget below the month
        r = self.users["jingban"].put("/api/v1/subsidies/budgets", {
            "scheme": SCHEME, "year": 2025, "region": BAZHOU, "amount_fen": 100})
        self.assertEqual(r.status, 200, r.text)

        # 4. the trial: everyone due but the held one, who is listed why
        pay = {pid: f for pid, f in want.items() if pid != held}
        r = self.users["jingban"].post("/api/v1/subsidies/runs", {
            "scheme": SCHEME, "period": MONTH, "region": BAZHOU, "dry_run": True})
        self.assertEqual(r.status, 200, r.text)
        trial = r.json
        self.assertEqual((trial["lines"], trial["lines_fen"]), (len(pay), sum(pay.values())))
        ex = [e for e in trial["exceptions"] if e["beneficiary_id"] == held]
        self.assertEqual([e["code"] for e in ex], ["verification_lapsed"], trial["exceptions"])
        self.assertIn("生存认证", ex[0]["reason"])
        # one step alone writes nothing for a scheme paid in three
        r = self.users["quanneng"].post("/api/v1/subsidies/runs", {
            "scheme": SCHEME, "period": MONTH, "region": BAZHOU, "dry_run": False})
        self.assertEqual(r.status, 409, r.text)
        self.assertEqual(self.ledger(MONTH), {})

        # 5. 经办: the batch, over its budget (warned), its 公示 list
        r = self.users["jingban"].post("/api/v1/subsidies/batches", {
            "scheme": SCHEME, "period": MONTH, "region": BAZHOU, "note": "三月高龄津贴"})
        self.assertEqual(r.status, 201, r.text)
        batch = r.json
        self.assertEqual((batch["status"], batch["lines"], batch["total_fen"]),
                         ("prepared", len(pay), sum(pay.values())))
        self.assertTrue(batch["budget"]["over"], batch["budget"])
        self.assertEqual(batch["budget"]["budget_fen"], 100)
        self.assertTrue(any("预算" in w or "budget" in w.lower() for w in
                            (x if isinstance(x, str) else json.dumps(x, ensure_ascii=False)
                             for x in batch["warnings"])), batch["warnings"])
        bid = batch["id"]
        notice = self.users["jingban"].get("/api/v1/subsidies/batches/%d/notice" % bid,
                                           params={"format": "csv"})
        self.assertEqual(notice.status, 200, notice.text)
        text = notice.body.decode("utf-8-sig")
        names = {people[pid]["name"] for pid in pay}
        posted = [row for row in csv.reader(io.StringIO(text))]
        listed = [row for row in posted if row and row[0].isdigit()]
        self.assertGreaterEqual(len(listed), len(pay), "every line posted")
        for pid, fen in pay.items():
            self.assertIn(people[pid]["name"], text)
        self.assertNotIn(people[held]["id_number"], text, "no full ID number posted")
        self.assertTrue(all(people[pid]["id_number"] not in text for pid in pay))
        self.assertTrue(names)

        # 6. who may take which step
        self.step("jingban", bid, "check", (403, 409))
        self.step("quanneng", bid, "approve", (403, 409))  # not yet checked
        self.step("shenhe", bid, "check")
        self.step("shenhe", bid, "approve", (403, 409))
        self.step("jingban", bid, "approve", (403, 409))
        self.assertEqual(self.ledger(MONTH), {}, "nothing written before the approval")
        r = self.step("shenpi", bid, "approve")
        self.assertEqual(r.json["status"] if "status" in r.json else r.json["batch"]["status"],
                         "approved")
        self.assertEqual(self.ledger(MONTH), pay, "the ledger is the checked trial")

        # 7. payee accounts for all but one; the bank file against the ledger
        rows = ["owner_kind,id_number,bank,branch,account_number,account_kind,holder_name,"
                "holder_relation,holder_id_number"]
        accounts = {}
        for pid in sorted(pay):
            if pid == no_account:
                continue
            accounts[pid] = "6228" + "".join(rng.choice("0123456789") for _ in range(15))
            rows.append("person,%s,中国农业银行,中国农业银行巴中分行,%s,bank_card,%s,self," % (
                people[pid]["id_number"], accounts[pid], people[pid]["name"]))
        r = self.admin.import_csv("payees", ("\r\n".join(rows) + "\r\n").encode())
        self.assertIn(r.status, (200, 201), r.text)
        r = self.users["jingban"].get("/api/v1/subsidies/ledger", params={
            "scheme": SCHEME, "period": MONTH, "region": BAZHOU, "format": "csv"})
        self.assertEqual(r.status, 200, r.text)
        table = list(csv.reader(io.StringIO(r.body.decode("utf-8-sig"))))
        head = table.index(["序号", "姓名", "身份证号", "银行账号", "开户行", "金额(元)", "备注"])
        body = [row for row in table[head + 1:] if row and row[0].isdigit()]
        foot = [row for row in table[head + 1:] if row and row[0] == "合计"]
        by_id = {people[pid]["id_number"]: pid for pid in pay}
        got = {}
        for row in body:
            pid = by_id[row[2]]
            self.assertEqual(row[3], accounts[pid])
            self.assertEqual(row[1], people[pid]["name"])
            got[pid] = Decimal(row[5])
        self.assertEqual(got, {pid: Decimal(f) / 100 for pid, f in pay.items()
                               if pid != no_account}, "every row the ledger's amount")
        self.assertEqual([int(x) for x in [body[-1][0]]], [len(pay) - 1])
        self.assertEqual(len(foot), 1)
        self.assertIn("%d" % (len(pay) - 1), foot[0][1])
        self.assertEqual(Decimal(foot[0][5]), sum(got.values()), "the control total")

        # the same file as XLSX: every cell text, the same rows
        import openpyxl
        r = self.users["jingban"].get("/api/v1/subsidies/ledger", params={
            "scheme": SCHEME, "period": MONTH, "region": BAZHOU, "format": "xlsx"})
        self.assertEqual(r.status, 200, r.text)
        sheet = openpyxl.load_workbook(io.BytesIO(r.body)).active
        cells = [[c.value for c in row] for row in sheet.iter_rows()]
        xrows = {row[2]: Decimal(row[5]) for row in cells
                 if row and isinstance(row[0], str) and row[0].isdigit()}
        self.assertEqual({by_id[k]: v for k, v in xrows.items()}, got)

        # 8. the held recipient verifies and is paid in a second batch
        r = self.users["jingban"].post("/api/v1/persons/%d/verifications" % held, {
            "verified_on": "2025-03-10", "method": "face", "note": "手机人脸识别"})
        self.assertIn(r.status, (200, 201), r.text)
        r = self.users["jingban"].post("/api/v1/subsidies/batches", {
            "scheme": SCHEME, "period": MONTH, "region": BAZHOU, "note": "补发"})
        self.assertEqual(r.status, 201, r.text)
        again = r.json
        self.assertEqual((again["lines"], again["total_fen"]), (1, want[held]))
        self.step("shenhe", again["id"], "check")
        self.step("shenpi", again["id"], "approve")
        self.assertEqual(self.ledger(MONTH), want, "everyone due paid, once")


if __name__ == "__main__":
    unittest.main()
