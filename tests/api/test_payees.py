"""Payee accounts (收款账户) and the bank 代发 file.

Accounts: PUT / GET / DELETE /api/v1/persons/{id}/payee and
/api/v1/facilities/{id}/payee, masked for every role (the full number only
to roles that may unmask, when they ask, audited); every change audited
with the masked account before and after; sealed at rest; CSV import all or
nothing with errors by row and column.

The bank file (GET /api/v1/subsidies/ledger?format=csv|xlsx, POST
…/ledger/send): parsed back (CSV in UTF-8 with BOM and in GB18030, XLSX
through openpyxl) and every row and the totals checked against the ledger
read from the database itself; payees without an account left out and
listed, in the file's summary and in the run's summary; a property test
over random ledgers.

Amounts: 大竹 高龄津贴 60 / 120 / 600 元 a month for 80–89 / 90–99 / 100+
(docs/subsidy-seeds.md row 1; policies/511724000000-dazhu.json). People are
born on 15 January so that their age is the same on every day of June."""

import csv
import io
import json
import os
import random
import re

import harness
import idnumbers
from harness import ApiTestCase, facility_body, login_as, parse_csv

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
DAZHU = "511724000000"
DAZHOU = "511700000000"
BAZHOU = "511902000000"
PERSONS = "/api/v1/persons"
FACILITIES = "/api/v1/facilities"
RUNS = "/api/v1/subsidies/runs"
LEDGER = "/api/v1/subsidies/ledger"
PASSWORD = "correct horse battery"
ISSUER = idnumbers.Issuer(("511724",), "135", 41234567, 1000000)
BAND_FEN = {85: 6000, 95: 12000, 101: 60000, 70: 0}  # by age in June 2025
DEFAULT_HEADER = ["序号", "姓名", "身份证号", "银行账号", "开户行", "金额(元)", "备注"]

with open(os.path.join(REPO, "policies", "511724000000-dazhu.json"), encoding="utf-8") as f:
    GAOLING = [s for s in json.load(f)["schemes"] if s["name_zh"] == "高龄津贴"][0]["id"]
# 景德镇: 200 / 100 元 a month per disabled / partly disabled resident of a
# private institution (docs/subsidy-seeds.md)
with open(os.path.join(REPO, "policies", "360200000000-jingdezhen.json"), encoding="utf-8") as f:
    JDZ_INTAKE = [s for s in json.load(f)["schemes"] if s["beneficiary"] == "institution"
                  and "residents_disabled" in [u["unit"] for u in
                                               s["versions"][0]["amount"].get("units", [])]]
    assert len(JDZ_INTAKE) == 1
    JDZ_INTAKE = JDZ_INTAKE[0]["id"]
CHANGJIANG = "360202000000"

_townships = iter(range(601, 699))
_world = {}


def tearDownModule():
    harness.stop_module_server(__name__)


def yuan2(fen):
    """fen → yuan with two decimals, by integer arithmetic."""
    sign = "-" if fen < 0 else ""
    return "%s%d.%02d" % (sign, abs(fen) // 100, abs(fen) % 100)


def mask_account(n):
    return "%s **** **** %s" % (n[:4], n[-4:])


def account_no(i):
    return "6217%015d" % (i * 7919 + 12345)


class PayeeCase(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the facilities and accounts are made once for the module's server
        w = _world.get(cls.server)
        if not w:
            a = cls.admin
            fac = a.create_facility(facility_body(DAZHU, name="收款测试养老院"))
            far = a.create_facility(facility_body(BAZHOU, name="巴州收款测试院"))
            users = (("pa_county", "county_official", DAZHU, {}),
                     ("pa_city", "city_official", DAZHOU, {}),
                     ("pa_bazhou", "county_official", BAZHOU, {}),
                     ("pa_dept", "dept_official", DAZHOU, {}),
                     ("pa_viewer", "readonly", DAZHU, {}),
                     ("pa_operator", "operator", DAZHU, {"facilities": [fac["id"]]}),
                     ("pa_family", "family", DAZHU, {}))
            c = {}
            for name, role, region, extra in users:
                a.create_user(name, role, region, **extra)
                c[name] = login_as(cls.server, name, PASSWORD)
            w = _world[cls.server] = (fac, far, c)
        cls.fac, cls.far, cls.c = w

    def township(self):
        code = "511724%03d000" % next(_townships)
        self.admin.create_region(code, "收款测试%s镇" % code[6:9], "township", DAZHU)
        return code

    def person(self, name, birth, region, **over):
        idn = ISSUER.new_id(birth, area=region[:6])
        body = {"kind": "elderly", "id_number": idn, "name": name, "region": region}
        body.update(over)
        r = self.admin.post(PERSONS, body)
        self.assertStatus(r, 201, "POST /persons %s" % name)
        p = r.json
        p["idn"] = idn
        return p

    def put_account(self, p, number, client=None, **over):
        body = {"bank": "中国农业银行", "branch": "中国农业银行大竹县支行",
                "account_number": number}
        body.update(over)
        return (client or self.admin).put("%s/%d/payee" % (PERSONS, p["id"]), body)

    def db_rows(self, sql, args=()):
        return harness.db_rows(self.server.db, sql, args)

    def unsent(self, region):
        """What is still to send per beneficiary and period, from the
        database: the lines' sum less offsets less what files sent."""
        rows = self.db_rows(
            "SELECT beneficiary_id, period, sum(amount_fen) FROM ledger"
            " WHERE beneficiary_kind = 'person' AND substr(region, 1, 9) = ?"
            " GROUP BY beneficiary_id, period", (region[:9],))
        sent = {(i, per): f for i, per, f in self.db_rows(
            "SELECT beneficiary_id, period, sum(amount_fen) FROM bank_export_row"
            " WHERE beneficiary_kind = 'person' AND substr(region, 1, 9) = ?"
            " GROUP BY beneficiary_id, period", (region[:9],))}
        off = {(i, per): f for i, per, f in self.db_rows(
            "SELECT beneficiary_id, period, sum(amount_fen) FROM recovery_offset"
            " WHERE beneficiary_kind = 'person' AND substr(region, 1, 9) = ?"
            " GROUP BY beneficiary_id, period", (region[:9],))}
        out = {}
        for i, per, f in rows:
            cash = f - off.get((i, per), 0) - sent.get((i, per), 0)
            if cash > 0:
                out[(i, per)] = cash
        return out


# --------------------------------------------------------------------------
# Accounts: masking by role, validation, audit, at rest


class AccountTest(PayeeCase):
    def test_masked_for_every_role_full_only_on_request(self):
        t = self.township()
        resident = self.person("收款甲", date_(1940, 1, 15), t, facility_id=self.fac["id"],
                               residence="institution")
        number = account_no(resident["id"])
        r = self.put_account(resident, number)
        self.assertStatus(r, 200, "PUT the account")
        self.assertEqual(r.json["account_number"], mask_account(number))
        self.assertNotIn(number, r.text, "the answer to the write is masked too")
        self.assertNotIn(number[4:-4], r.text)
        path = "%s/%d/payee" % (PERSONS, resident["id"])
        for name in ("pa_county", "pa_city", "pa_operator"):
            r = self.c[name].get(path)
            self.assertStatus(r, 200, name)
            self.assertEqual(r.json["account_number"], mask_account(number), name)
            self.assertIs(r.json["unmasked"], False, name)
            self.assertEqual(r.json["holder_name"], "收款甲")
            self.assertEqual(r.json["branch"], "中国农业银行大竹县支行")
            self.assertNotIn(number, r.text, name)
        for name in ("pa_dept", "pa_viewer", "pa_family"):
            self.assertError(self.c[name].get(path), 403, what=name)
        self.assertDenied(self.c["pa_bazhou"].get(path), secret=number[-8:],
                          what="another county's official")
        # the full number: roles that may unmask, when they ask, audited
        r = self.c["pa_county"].get(path, params={"unmask": "1"})
        self.assertStatus(r, 200)
        self.assertEqual(r.json["account_number"], number)
        self.assertIs(r.json["unmasked"], True)
        self.assertError(self.c["pa_operator"].get(path, params={"unmask": "1"}), 403,
                         field="unmask", what="an operator never sees the full number")
        audit = self.admin.get("/api/v1/audit", params={
            "entity": "payee", "entity_id": "person/%d" % resident["id"]})
        views = [e for e in audit.json["items"] if e["action"] == "view_unmasked"]
        self.assertEqual(len(views), 1, "the unmasked view is audited once")
        # writes: officials who may unmask only
        for name in ("pa_operator",):
            self.assertError(self.put_account(resident, account_no(9), client=self.c[name]),
                             403, what=name)
        self.assertEqual(self.admin.get(path).json["account_masked"], mask_account(number),
                         "a refused write changed nothing")

    def test_bad_input_names_the_field_and_changes_nothing(self):
        t = self.township()
        p = self.person("收款乙", date_(1938, 1, 15), t)
        number = account_no(p["id"])
        self.assertStatus(self.put_account(p, number), 200)
        cases = (({"bank": ""}, "bank"),
                 ({"branch": None}, "branch"),
                 ({"account_number": "6217abc1234567890"}, "account_number"),
                 ({"account_number": "13812345678"}, "account_number"),
                 ({"account_number": "1" * 33}, "account_number"),
                 ({"account_kind": "cash"}, "account_kind"),
                 ({"holder_name": "别人"}, "holder_name"),
                 ({"holder_relation": "子女", "holder_name": "收款乙之子"}, "holder_id_number"),
                 ({"holder_relation": "子女", "holder_name": "收款乙之子",
                   "holder_id_number": idnumbers.wrong_check(ISSUER.new_id(date_(1970, 3, 3)))},
                  "holder_id_number"),
                 ({"colour": "red"}, "colour"))
        for over, field in cases:
            r = self.put_account(p, account_no(p["id"] + 1), **over)
            self.assertError(r, 422, field=field, what="%r" % over)
        got = self.admin.get("%s/%d/payee" % (PERSONS, p["id"]),
                             params={"unmask": "1"}).json
        self.assertEqual(got["account_number"], number, "nothing changed")

    def test_guardian_holder_audit_before_after_masked_and_sealed_at_rest(self):
        t = self.township()
        p = self.person("收款丙", date_(1936, 1, 15), t)
        first, second = account_no(p["id"]), account_no(p["id"] + 500)
        guardian = ISSUER.new_id(date_(1968, 5, 20), area="511724")
        self.assertStatus(self.put_account(p, first), 200)
        r = self.put_account(p, second, holder_relation="子女", holder_name="收款丙之女",
                             holder_id_number=guardian, account_kind="social_security_card")
        self.assertStatus(r, 200)
        self.assertEqual(r.json["holder_id_number"], idnumbers.mask_id(guardian))
        self.assertEqual(r.json["account_kind_label"], "社会保障卡")
        mine = self.admin.get("/api/v1/audit", params={
            "entity": "payee", "entity_id": "person/%d" % p["id"]}).json["items"]
        acts = sorted(e["action"] for e in mine)
        self.assertEqual(acts, ["create", "update"], "one audit entry per change")
        upd = [e for e in mine if e["action"] == "update"][0]
        self.assertEqual(upd["before"]["account_number"], mask_account(first))
        self.assertEqual(upd["after"]["account_number"], mask_account(second))
        self.assertEqual(upd["after"]["holder_relation"], "子女")
        text = json.dumps(mine, ensure_ascii=False)
        for secret in (first, second, first[4:-4], second[4:-4], guardian,
                       idnumbers.mask_id(guardian)):
            self.assertNotIn(secret, text, "the audit log keeps no number")
        # at rest: no clear number in any column of the table
        for row in self.db_rows("SELECT * FROM payee_account"):
            for v in row:
                blob = v if isinstance(v, (bytes, bytearray, memoryview)) else str(v).encode()
                for secret in (second, guardian, second[-8:]):
                    self.assertNotIn(secret.encode(), bytes(blob), "sealed at rest")
        r = self.admin.delete("%s/%d/payee" % (PERSONS, p["id"]))
        self.assertStatus(r, 200)
        self.assertIs(self.admin.get("%s/%d/payee" % (PERSONS, p["id"])).json["has_account"],
                      False)
        items = self.admin.get("/api/v1/audit", params={
            "entity": "payee", "entity_id": "person/%d" % p["id"]}).json["items"]
        dele = [e for e in items if e["action"] == "delete"]
        self.assertEqual(dele[0]["before"]["account_number"], mask_account(second))

    def test_institution_account(self):
        path = "%s/%d/payee" % (FACILITIES, self.fac["id"])
        number = "51050142620800001234"
        r = self.admin.put(path, {"bank": "中国建设银行", "branch": "建行大竹支行",
                                  "account_number": number})
        self.assertStatus(r, 200)
        self.assertEqual(r.json["account_kind"], "corporate")
        self.assertEqual(r.json["holder_name"], "收款测试养老院")
        self.assertEqual(self.c["pa_operator"].get(path).json["account_number"],
                         mask_account(number), "its operator sees it masked")
        self.assertError(self.admin.put(path, {"bank": "建行", "branch": "建行大竹支行",
                                               "account_number": number,
                                               "holder_relation": "子女"}),
                         422, field="holder_relation")
        self.assertDenied(self.c["pa_operator"].get("%s/%d/payee" % (FACILITIES,
                                                                      self.far["id"])))


def date_(y, m, d):
    from datetime import date
    return date(y, m, d)


# --------------------------------------------------------------------------
# Import: all or nothing, errors by row and column


class ImportTest(PayeeCase):
    HEAD = "id_number,bank,branch,account_number,holder_relation,holder_name,holder_id_number\r\n"

    def test_all_or_nothing(self):
        t = self.township()
        ps = [self.person("导入%d" % i, date_(1940, 1, 15), t) for i in range(3)]
        rows = ["%s,中国农业银行,农行大竹支行,%s,,," % (p["idn"], account_no(p["id"]))
                for p in ps]
        bad = list(rows)
        bad[1] = "%s,中国农业银行,农行大竹支行,62X7,,," % ps[1]["idn"]
        bad.append("%s,中国农业银行,农行大竹支行,%s,,," % (
            ISSUER.new_id(date_(1941, 2, 2)), account_no(999)))
        r = self.admin.import_csv("payees", (self.HEAD + "\r\n".join(bad) + "\r\n").encode())
        err = self.assertError(r, 422)
        errors = r.json["error"].get("errors") or r.json.get("errors") or []
        where = sorted((e["row"], e["column"]) for e in errors)
        self.assertEqual(where, [(3, "account_number"), (5, "id_number")],
                         "errors by row and column: %r" % errors)
        for p in ps:
            self.assertIs(self.admin.get("%s/%d/payee" % (PERSONS, p["id"])).json[
                "has_account"], False, "nothing imported")
        # the same file put right, in GB18030 as a spreadsheet on Windows saves it
        good = self.HEAD + "\r\n".join(rows) + "\r\n"
        r = self.admin.import_csv("payees", good.encode("gb18030"))
        self.assertStatus(r, (200, 201))
        self.assertEqual(r.json["imported"], 3)
        for p in ps:
            got = self.admin.get("%s/%d/payee" % (PERSONS, p["id"]),
                                 params={"unmask": "1"}).json
            self.assertEqual(got["account_number"], account_no(p["id"]))
            self.assertEqual(got["branch"], "农行大竹支行")
        self.assertError(self.c["pa_dept"].import_csv("payees", good.encode()), (403, 422),
                         what="a department official keeps no accounts")

    def test_cli_import_and_show(self):
        t = self.township()
        p = self.person("命令行", date_(1940, 1, 15), t)
        path = os.path.join(self.server.dir, "payees.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write(self.HEAD + "%s,中国银行,中行大竹支行,%s,,,\r\n" % (p["idn"],
                                                                 account_no(p["id"])))
        out = harness.run_cli(["payee", "import", path], self.server.db)
        self.assertEqual(out.returncode, 0, out.stderr.decode())
        out = harness.run_cli(["payee", "show", "--person", str(p["id"])], self.server.db)
        self.assertEqual(out.returncode, 0, out.stderr.decode())
        text = out.stdout.decode()
        self.assertIn(mask_account(account_no(p["id"])), text)
        self.assertNotIn(account_no(p["id"]), text)


# --------------------------------------------------------------------------
# The bank file, parsed back against the ledger


class BankFileTest(PayeeCase):
    def setUp(self):
        super().setUp()
        self.t = t = self.township()
        self.people = {age: self.person("代发%d岁" % age, date_(2025 - age, 1, 15), t)
                       for age in (85, 95, 101, 70)}
        self.lacking = self.person("无账户", date_(1938, 1, 15), t)  # 87
        for p in self.people.values():
            self.assertStatus(self.put_account(p, account_no(p["id"])), 200)

    def expected_rows(self):
        """From the database: per person with an account, what is unsent."""
        want = {}
        for (pid, per), cash in self.unsent(self.t).items():
            if pid != self.lacking["id"]:
                want[pid] = want.get(pid, 0) + cash
        return want

    def check_rows(self, rows, what):
        by_id = {p["id"]: p for p in list(self.people.values()) + [self.lacking]}
        want = self.expected_rows()
        body, foot = rows[1:-1], rows[-1]
        self.assertEqual(rows[0], DEFAULT_HEADER, what + ": the default template's header")
        self.assertEqual([r[0] for r in body], [str(i) for i in range(1, len(body) + 1)])
        got = {}
        for r in body:
            (p,) = [p for p in by_id.values() if p["idn"] == r[2]]
            self.assertEqual(r[1], p["name"], what)
            self.assertEqual(r[3], account_no(p["id"]), what + ": the full account")
            self.assertEqual(r[4], "中国农业银行大竹县支行", what)
            self.assertRegex(r[5], r"^\d+\.\d\d$", what + ": yuan to two decimals")
            self.assertIn("高龄津贴 2025-06", r[6], what)
            got[p["id"]] = got.get(p["id"], 0) + int(r[5].replace(".", ""))
        self.assertEqual(got, want, what + ": every row against the ledger")
        self.assertNotIn(self.lacking["id"], got, what + ": no account, no row")
        self.assertEqual(foot[0], "合计", what)
        self.assertEqual(foot[1], "%d笔" % len(body), what + ": the count")
        self.assertEqual(foot[5], yuan2(sum(want.values())), what + ": the control total")
        return want

    def test_csv_both_encodings_xlsx_summary_and_send(self):
        import openpyxl

        dry = self.admin.post(RUNS, {"scheme": GAOLING, "period": "2025-06", "region": self.t,
                                     "dry_run": True})
        self.assertStatus(dry, (200, 201))
        run = harness.run_in_steps(self.server, {"scheme": GAOLING, "period": "2025-06",
                                                 "region": self.t})
        self.assertStatus(run, (200, 201))
        for out in (dry.json, run.json):
            self.assertEqual(out["lines_fen"], 6000 + 12000 + 60000 + 6000,
                             "the amounts are not changed by a missing account")
            self.assertEqual(out["without_account_count"], 1)
            (e,) = out["without_account"]
            self.assertEqual((e["beneficiary_id"], e["name"], e["id_masked"], e["region"],
                              e["fen"]),
                             (self.lacking["id"], "无账户", idnumbers.mask_id(self.lacking["idn"]),
                              self.t, 6000))
        q = {"scheme": GAOLING, "period": "2025-06", "region": self.t}
        r = self.admin.get(LEDGER, params=dict(q, format="csv"))
        self.assertStatus(r, 200)
        self.assertTrue(r.body.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM")
        want = self.check_rows(parse_csv(r.body), "CSV UTF-8")
        self.assertEqual(sum(want.values()), 6000 + 12000 + 60000)

        r = self.admin.get(LEDGER, params=dict(q, format="csv", encoding="gb18030"))
        self.assertStatus(r, 200)
        self.assertFalse(r.body.startswith(b"\xef\xbb\xbf"))
        rows = list(csv.reader(io.StringIO(r.body.decode("gb18030"), newline="")))
        self.check_rows(rows, "CSV GB18030")
        self.assertIn("gb18030", r.header("Content-Type").lower())

        r = self.admin.get(LEDGER, params=dict(q, format="xlsx"))
        self.assertStatus(r, 200)
        ws = openpyxl.load_workbook(io.BytesIO(r.body)).active
        rows = [["" if c is None else c for c in row] for row in ws.iter_rows(values_only=True)]
        for row in rows:
            for c in row:
                self.assertIsInstance(c, str, "every cell is text, never a binary double")
        rows = [r_[:7] + [""] * (7 - len(r_)) if len(r_) < 7 else r_[:7] for r_ in rows]
        self.check_rows(rows, "XLSX")

        r = self.admin.get(LEDGER, params=dict(q, format="summary"))
        self.assertStatus(r, 200)
        self.assertEqual((r.json["rows"], r.json["total_fen"], r.json["exceptions_count"]),
                         (3, 78000, 1))
        self.assertEqual(r.json["exceptions"][0]["id_masked"],
                         idnumbers.mask_id(self.lacking["idn"]))
        self.assertIn("default", [x["name"] for x in r.json["templates"]])
        self.assertError(self.admin.get(LEDGER, params=dict(q, format="csv", template="nope")),
                         422, field="template")
        self.assertError(self.admin.get(LEDGER, params=dict(q, format="csv", encoding="ascii")),
                         422, field="encoding")

        # roles: officials who may see full ID numbers only
        self.assertStatus(self.c["pa_county"].get(LEDGER, params=dict(q, format="csv")), 200)
        for name in ("pa_viewer", "pa_dept", "pa_operator", "pa_family"):
            self.assertError(self.c[name].get(LEDGER, params=dict(q, format="csv")), 403,
                             what=name)
        audit = self.admin.get("/api/v1/audit", params={"entity": "ledger",
                                                        "per_page": 100}).json["items"]
        exports = [e for e in audit if e["action"] == "export"
                   and (e.get("after") or {}).get("format") == "xlsx"]
        self.assertTrue(exports, "each production is audited")

        # sent: what the file held is recorded; the payee without an
        # account stays to send and is paid once the account is known
        r = self.admin.post(LEDGER + "/send", q)
        self.assertStatus(r, 201)
        sent = self.db_rows("SELECT beneficiary_id, amount_fen FROM bank_export_row"
                            " WHERE region = ?", (self.t,))
        self.assertEqual(dict(sent), {p["id"]: BAND_FEN[a] for a, p in self.people.items()
                                      if BAND_FEN[a]})
        self.assertEqual(parse_csv(self.admin.get(LEDGER, params=dict(q, format="csv")).body)
                         [1:-1], [], "nothing left to send that has an account")
        self.assertStatus(self.put_account(self.lacking, account_no(self.lacking["id"])), 200)
        rows = parse_csv(self.admin.get(LEDGER, params=dict(q, format="csv")).body)
        self.assertEqual([(r_[1], r_[2], r_[5]) for r_ in rows[1:-1]],
                         [("无账户", self.lacking["idn"], "60.00")])
        self.assertEqual(rows[-1][5], "60.00")

    def test_institution_row_carries_its_credit_code(self):
        b = facility_body(CHANGJIANG, name="代发测试民办院", ownership="private",
                          operation="private_run", profit="forprofit",
                          residents_disabled=12, residents_partly=7,
                          lat=29.2926, lon=117.2078, address="景德镇市昌江区测试路 9 号")
        fac = self.admin.create_facility(b)
        number = "36050142620800009876"
        r = self.admin.put("%s/%d/payee" % (FACILITIES, fac["id"]),
                           {"bank": "中国建设银行", "branch": "建行景德镇昌江支行",
                            "account_number": number})
        self.assertStatus(r, 200)
        out = harness.run_in_steps(self.server, {"scheme": JDZ_INTAKE, "period": "2025-03",
                                                 "region": CHANGJIANG})
        self.assertStatus(out, (200, 201))
        self.assertEqual(out.json["without_account_count"], 0)
        rows = parse_csv(self.admin.get(LEDGER, params={
            "scheme": JDZ_INTAKE, "period": "2025-03", "region": CHANGJIANG,
            "format": "csv"}).body)
        mine = [r_ for r_ in rows[1:-1] if r_[1] == "代发测试民办院"]
        self.assertEqual([r_[2:6] for r_ in mine],
                         [[b["credit_code"], number, "建行景德镇昌江支行", "3100.00"]],
                         "12 × 200 + 7 × 100 = 3100 元 to the institution's own account")

    def test_yikatong_template_gb18030_with_head_rows(self):
        self.assertStatus(harness.run_in_steps(self.server, {"scheme": GAOLING,
                                                             "period": "2025-06",
                                                             "region": self.t}), (200, 201))
        r = self.admin.get(LEDGER, params={"region": self.t, "format": "csv",
                                           "template": "yikatong"})
        self.assertStatus(r, 200)
        rows = list(csv.reader(io.StringIO(r.body.decode("gb18030"), newline="")))
        want = self.expected_rows()
        self.assertEqual(rows[0][:4], ["总笔数", str(len(want)), "总金额",
                                       yuan2(sum(want.values()))],
                         "the count and total above the header, in the template's GB18030")
        self.assertEqual(rows[1][:3], ["序号", "姓名", "身份证号码"])
        got = {r_[2]: r_[4] for r_ in rows[2:]}
        self.assertEqual(got, {p["idn"]: yuan2(want[p["id"]]) for p in self.people.values()
                               if p["id"] in want})
        self.assertTrue(all(r_[5] == "高龄津贴" for r_ in rows[2:]), "发放项目")

    def test_bad_template_is_named(self):
        import shutil
        import subprocess
        import tempfile
        d = tempfile.mkdtemp(prefix="laoxiao-bank-")
        try:
            pol = os.path.join(d, "policies")
            shutil.copytree(os.path.join(REPO, "policies"), pol)
            with open(os.path.join(pol, "bank", "icbc.json"), "w", encoding="utf-8") as f:
                json.dump({"label": "x", "source": "y",
                           "columns": [{"header": "姓名", "field": "nickname"}]}, f)
            p = subprocess.run([harness.BINARY, "policy", "check", pol], capture_output=True,
                               timeout=60)
            self.assertNotEqual(p.returncode, 0)
            self.assertIn("bank/icbc.json: columns[0]", p.stderr.decode() + p.stdout.decode())
        finally:
            shutil.rmtree(d, ignore_errors=True)

    def test_cli_bank_file(self):
        self.assertStatus(harness.run_in_steps(self.server, {"scheme": GAOLING,
                                                             "period": "2025-06",
                                                             "region": self.t}), (200, 201))
        out = os.path.join(self.server.dir, "bank.csv")
        p = harness.run_cli(["payee", "bank-file", "--region", self.t, "--scheme", GAOLING,
                             "--encoding", "gb18030", "--out", out], self.server.db)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        self.assertIn("无账户", p.stderr.decode(), "the payee left out is listed")
        with open(out, "rb") as f:
            rows = list(csv.reader(io.StringIO(f.read().decode("gb18030"), newline="")))
        self.check_rows(rows, "CLI GB18030")


# --------------------------------------------------------------------------
# Property: random ledgers


class BankPropertyTest(PayeeCase):
    def test_random_ledgers(self):
        rng = random.Random(20261203)
        for trial in range(4):
            t = self.township()
            people = []
            for i in range(rng.randint(3, 8)):
                age = rng.choice((70, 82, 88, 91, 99, 100, 104))
                p = self.person("随机%d_%d" % (trial, i), date_(2025 - age, 1, 15), t)
                if rng.random() < 0.75:
                    self.assertStatus(self.put_account(p, account_no(p["id"])), 200)
                    p["has"] = True
                people.append(p)
            months = sorted(rng.sample(["2025-%02d" % m for m in range(2, 7)], 3))
            for m in months:
                self.assertStatus(harness.run_in_steps(self.server, {
                    "scheme": GAOLING, "period": m, "region": t}), (200, 201))
                lines = self.admin.get(LEDGER, params={"region": t, "period": m}).json["items"]
                for l in lines:
                    if rng.random() < 0.2 and l["kind"] != "reversal":
                        self.admin.post("%s/%d/reverse" % (LEDGER, l["id"]), {"reason": "核减"})
                if rng.random() < 0.5:
                    self.assertStatus(self.admin.post(LEDGER + "/send", {"region": t}), 201)
                self.check(t, people, "trial %d after %s" % (trial, m))

    def check(self, t, people, what):
        has = {p["id"] for p in people if p.get("has")}
        by_idn = {p["idn"]: p for p in people}
        r = self.admin.get(LEDGER, params={"region": t, "format": "csv", "template": "reconcile"})
        self.assertStatus(r, 200, what)
        rows = parse_csv(r.body)
        body, foot = rows[1:-1], rows[-1]
        got = {}
        for row in body:
            self.assertRegex(row[6], r"^[1-9]\d*\.\d\d$|^0\.(0[1-9]|[1-9]\d)$",
                             what + ": a positive amount, two decimals")
            got[(int(row[4]), row[2])] = int(row[6].replace(".", ""))
        want = {k: v for k, v in self.unsent(t).items() if k[0] in has}
        self.assertEqual(got, want, what + ": rows = the ledger's unsent amounts")
        total = sum(got.values())
        self.assertEqual(foot[6], yuan2(total), what + ": control total = sum of the rows")
        self.assertEqual(foot[1], "%d笔" % len(body), what)
        s = self.admin.get(LEDGER, params={"region": t, "format": "summary"}).json
        self.assertEqual(s["total_fen"], total, what)
        lacking = {(e["beneficiary_id"], e["period"]) for e in s["exceptions"]}
        self.assertEqual(lacking, {k for k in self.unsent(t) if k[0] not in has}, what)
        del by_idn
