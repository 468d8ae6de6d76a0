"""docs/new-jurisdiction.md, run as written.

Every fenced block of the walkthrough that carries a marker in its info
string is taken in document order:

    ```csv file=NAME          the block is written to NAME
    ```json file=NAME         the same
    ```json append=NAME#KEY   the block (a JSON list) is appended to the
                              list KEY of the JSON file NAME
    ```sh step=ID [exit=N]    the command is run; its exit status must be N
                              (default 0)
    ```text output            what the step just above prints: every line
                              of it starts a line of the step's output

on a fresh database in a temp folder (the policies folder is that folder's
`policies/`, outside the source tree). `laoxiao` is the binary under test
and `--db yelin.db` the test's database (a PostgreSQL one under
LAOXIAO_TEST_PG). The figures of the made-up city 椰林市 are computed here
by hand from the document's own CSV blocks and compared with what each
command prints.

Steps that rest on parts of issue 24 merged separately (`policy new`,
`indicators --expr`, descriptive indicators) are asserted in their own
test methods, named in AWAITING below.
"""

import csv
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import unittest
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import harness

DOC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                   "docs", "new-jurisdiction.md")
CITY = "461200000000"
POLICY = "policies/461200000000.json"

# The steps whose commands come from the other parts of issue 24.
AWAITING = {
    "policy-new", "policy-check-new", "policy-new-refused", "expr",
    "expr-json", "policy-check-descriptive", "indicators-descriptive",
    "indicators-descriptive-json", "report-descriptive",
}

FENCE = re.compile(r"^```(\S*)([^\n]*)\n(.*?)^```\s*$", re.M | re.S)


def blocks(text):
    """(language, {marker: value}, body) of every fenced block."""
    out = []
    for m in FENCE.finditer(text):
        marks = {}
        for word in m.group(2).split():
            k, _, v = word.partition("=")
            marks[k] = v
        out.append((m.group(1), marks, m.group(3)))
    return out


def half_up(x, places):
    q = Decimal(1).scaleb(-places)
    return (Decimal(x.numerator) / Decimal(x.denominator)).quantize(
        q, rounding=ROUND_HALF_UP)


class Walkthrough:
    """The document's steps run once, in order; results by step id."""

    def __init__(self):
        with open(DOC, encoding="utf-8") as f:
            self.text = f.read()
        self.blocks = blocks(self.text)
        self.tmp = tempfile.mkdtemp(prefix="lx-newcity-")
        self.db = harness.new_db(self.tmp, "yelin.db")
        self.files = {}
        self.steps = {}
        self.order = []
        self.printed = []  # (step id, the block's lines)
        self.setup_errors = []

    def argv(self, command):
        words = shlex.split(command.replace("\\\n", " "))
        if words[0] == "laoxiao":
            words[0] = harness.BINARY
            if "--db" in words:
                i = words.index("--db")
                words[i:i + 2] = harness.db_args(self.db)
        elif words[0] not in ("mkdir",):
            raise ValueError("a step may run laoxiao or mkdir, not %r"
                             % words[0])
        return words

    def run(self):
        for lang, marks, body in self.blocks:
            if "file" in marks:
                path = os.path.join(self.tmp, marks["file"])
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(body)
                self.files[marks["file"]] = body
            elif "append" in marks:
                name, _, key = marks["append"].partition("#")
                path = os.path.join(self.tmp, name)
                with open(path, encoding="utf-8") as f:
                    doc = json.load(f)
                doc[key].extend(json.loads(body))
                with open(path, "w", encoding="utf-8") as f:
                    json.dump(doc, f, ensure_ascii=False, indent=2)
            elif "output" in marks:
                self.printed.append((self.order[-1] if self.order else None,
                                     body.splitlines()))
            elif "step" in marks:
                if lang != "sh":
                    self.setup_errors.append("step %s is not sh" % marks["step"])
                commands = [c for c in body.strip().split("\n") if c.strip()]
                if len(commands) != 1:
                    self.setup_errors.append(
                        "step %s holds %d commands, not one"
                        % (marks["step"], len(commands)))
                p = subprocess.run(self.argv(commands[0]), cwd=self.tmp,
                                   stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, timeout=120,
                                   env=harness._env())
                sid = marks["step"]
                self.order.append(sid)
                self.steps[sid] = {
                    "command": commands[0],
                    "want": int(marks.get("exit", "0")),
                    "rc": p.returncode,
                    "out": p.stdout.decode("utf-8", "replace"),
                    "err": p.stderr.decode("utf-8", "replace"),
                }

    def close(self):
        if not os.environ.get("LAOXIAO_KEEP_TMP"):
            shutil.rmtree(self.tmp, ignore_errors=True)
        if harness.is_url(self.db):
            harness.drop_db(self.db)


class NewJurisdiction(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.w = Walkthrough()
        cls.w.run()

    @classmethod
    def tearDownClass(cls):
        cls.w.close()

    # ---- helpers

    def step(self, sid):
        self.assertIn(sid, self.w.steps, "the document has no step %s" % sid)
        s = self.w.steps[sid]
        self.assertEqual(
            s["rc"], s["want"],
            "step %s: `%s` exited %d, the document says %d\nstdout: %s\n"
            "stderr: %s" % (sid, s["command"], s["rc"], s["want"],
                            s["out"][-2000:], s["err"][-2000:]))
        return s

    def step_json(self, sid):
        return json.loads(self.step(sid)["out"])

    def csv_rows(self, name):
        return list(csv.DictReader(io.StringIO(self.w.files[name])))

    def indicator(self, doc, iid):
        for i in doc["indicators"]:
            if i["id"] == iid:
                return i
        self.fail("no indicator %s in %s" % (iid, [i["id"] for i in
                                                   doc["indicators"]]))

    def read(self, name):
        with open(os.path.join(self.w.tmp, name), encoding="utf-8") as f:
            return f.read()

    # ---- the document itself

    def test_document_is_runnable(self):
        self.assertEqual(self.w.setup_errors, [])
        # every block that runs is marked; no unmarked sh block is skipped
        for lang, marks, body in self.w.blocks:
            if lang == "sh":
                self.assertIn("step", marks, "unmarked sh block: %s" % body)
        ids = [m["step"] for _, m, _ in self.w.blocks if "step" in m]
        self.assertEqual(len(ids), len(set(ids)), "step ids repeat")
        self.assertEqual(ids, self.w.order)
        # the data files the commands read are all in the document
        for name in ("regions.csv", "population.csv", "facilities.csv",
                     "reported.csv", POLICY):
            self.assertIn(name, self.w.files)

    def test_every_step_exits_as_the_document_says(self):
        for sid in self.w.order:
            if sid in AWAITING:
                continue
            with self.subTest(step=sid):
                self.step(sid)

    def check_printed(self, awaiting):
        for sid, lines in self.w.printed:
            if (sid in AWAITING) != awaiting:
                continue
            with self.subTest(step=sid):
                self.assertIsNotNone(sid, "an output block before any step")
                s = self.w.steps[sid]
                got = [l.rstrip() for l in
                       (s["out"] + s["err"]).splitlines()]
                # a line of the document is a line printed, or the start
                # of one (a message may say more than the page quotes)
                for line in lines:
                    line = line.rstrip()
                    self.assertTrue(
                        any(g.startswith(line) for g in got),
                        "step %s does not print the document's line %r; it "
                        "printed:\n%s" % (sid, line, "\n".join(got)))

    def test_printed_as_the_document_shows(self):
        self.assertGreaterEqual(len(self.w.printed), 10)
        self.check_printed(awaiting=False)

    def test_printed_as_the_document_shows_awaiting(self):
        self.check_printed(awaiting=True)

    # ---- the city's data, by hand

    def test_hand_figures_match_the_documents_data(self):
        """The constants below are worked out by hand; the document's CSV
        must still hold the figures they were worked out from."""
        pop = {}
        for r in self.csv_rows("population.csv"):
            pop[(r["地区代码"], r["人口指标"])] = int(r["数值"])
        aged_60 = pop[("461202000000", "60岁及以上")] + \
            pop[("461221000000", "60岁及以上")]
        residents = pop[("461202000000", "常住人口")] + \
            pop[("461221000000", "常住人口")]
        aged_80 = pop[("461202000000", "80岁及以上")] + \
            pop[("461221000000", "80岁及以上")]
        self.assertEqual((residents, aged_60, aged_80),
                         (500000, 110000, 17000))
        fac = self.csv_rows("facilities.csv")
        beds = sum(int(r["床位数"] or 0) for r in fac)
        nursing = sum(int(r["护理型床位数"] or 0) for r in fac)
        occupied = sum(int(r["在住人数"] or 0) for r in fac)
        slots = sum(int(r["托位数"] or 0) for r in fac)
        self.assertEqual((beds, nursing, occupied, slots),
                         (3350, 1650, 2250, 120))
        births = sum(int(r["数值"]) for r in self.csv_rows("reported.csv")
                     if r["指标要素"] == "births")
        self.assertEqual(births, 4000)

    def test_regions_and_the_refused_one(self):
        self.assertIn("imported 6 regions", self.step("regions")["out"])
        s = self.step("regions-refused")
        self.assertIn("461222000000", s["err"])
        self.assertIn("nothing changed", s["err"])
        p = harness.run_cli(["export", "regions", "--region", CITY],
                            self.w.db)
        self.assertEqual(p.returncode, 0, p.stderr)
        codes = [r["code"] for r in csv.DictReader(
            io.StringIO(p.stdout.decode("utf-8-sig")))]
        self.assertEqual(sorted(codes),
                         ["461200000000", "461202000000", "461202001000",
                          "461221000000", "461221100000"])

    def test_imports(self):
        self.assertIn("imported 8 population", self.step("population")["out"])
        self.assertIn("imported 3 facilities", self.step("facilities")["out"])
        self.assertIn("imported 4 reported", self.step("reported")["out"])
        out = self.step("policy-check")["out"]
        self.assertIn(CITY, out)
        self.assertIn("3 indicators", out)

    def test_indicators(self):
        doc = self.step_json("indicators-json")
        self.assertEqual(doc["region"], CITY)
        self.assertEqual(doc["jurisdiction"], CITY)
        beds = self.indicator(doc, "yelin.main.01")
        # 3350 beds x 1000 / 110000 aged 60+ = 30.4545..: 30.45 half up
        self.assertEqual(Fraction(beds["numerator"]) /
                         Fraction(beds["denominator"]) * 1000,
                         Fraction(3350 * 1000, 110000))
        self.assertEqual(beds["value"], "30.45")
        self.assertEqual(beds["rounding"], "half_up")
        # the line from 28 (2020) to 40 (2025) at the end of 2024: 37.60
        self.assertEqual(Decimal(beds["expected"]),
                         half_up(Fraction(28) + Fraction(12 * 4, 5), 2))
        self.assertEqual(beds["status"], "behind")
        rate = self.indicator(doc, "yelin.main.02")
        self.assertEqual(rate["value"], "96.45")  # as reported, >= 95
        self.assertEqual(rate["status"], "met")
        text = self.indicator(doc, "yelin.main.03")
        self.assertEqual(text["text"], "建立")
        self.assertEqual(text["status"], "met")
        plain = self.step("indicators")["out"]
        self.assertRegex(plain, r"30\.45\s+滞后\s+≥40\s+每千名老年人养老床位数")
        self.assertRegex(plain, r"96\.45\s+已达标\s+≥95\s+基本养老保险参保率")
        self.assertRegex(plain, r"建立\s+已达标\s+建立\s+建立“一老一小”")

    def test_planning_gap_and_stated_figures(self):
        doc = self.step_json("plan-gap-json")
        self.assertEqual(doc["jurisdiction"], CITY)
        self.assertEqual(doc["population"]["aged_60"], "110000")
        self.assertEqual(doc["population"]["residents"], "500000")
        # 110000 x 40 / 1000 = 4400 beds, 3350 registered
        self.assertEqual(Decimal(doc["beds"]["need"]["value"]), 4400)
        self.assertEqual(Decimal(doc["beds"]["supply"]["value"]), 3350)
        self.assertEqual(Decimal(doc["beds"]["gap"]["shortfall"]), 1050)
        # 55 % of 4400 = 2420 nursing-type beds, 1000 + 650 registered
        self.assertEqual(Decimal(doc["nursing_beds"]["need"]["value"]), 2420)
        self.assertEqual(Decimal(doc["nursing_beds"]["supply"]["value"]),
                         1650)
        self.assertEqual(Decimal(doc["nursing_beds"]["gap"]["shortfall"]),
                         770)
        # 500000 x 4.5 / 1000 = 2250 slots, 120 registered
        self.assertEqual(Decimal(doc["slots"]["need"]["value"]), 2250)
        self.assertEqual(Decimal(doc["slots"]["gap"]["shortfall"]), 2130)
        audits = {a["figure"]: a for a in doc["audits"]}
        self.assertFalse(audits["beds_needed"]["differs"])
        self.assertEqual(Decimal(audits["beds_needed"]["computed"]), 4400)
        per = audits["beds_per_1000_aged_60"]
        self.assertTrue(per["differs"])
        self.assertEqual(per["stated"], "32")
        # 32 per 1000 of 3350 beds implies 3350 x 1000 / 32 = 104687.5
        implied = per["basis"]["implied"]
        self.assertEqual(Fraction(implied["numerator"]) /
                         Fraction(implied["denominator"]),
                         Fraction(3350 * 1000, 32))
        text = self.step("plan-gap")["out"]
        self.assertIn("shortfall 1050", text)
        self.assertIn("shortfall 770", text)
        self.assertIn("shortfall 2130", text)
        # 2250 occupied of 3350 beds: 67.16 %
        self.assertIn("%s%%" % half_up(Fraction(2250 * 100, 3350), 2), text)
        self.assertRegex(text, r"beds_per_1000_aged_60 2024: stated 32.*DIFFERS")

    def test_bulletin_html(self):
        self.step("report-html")
        html = self.read("椰林市通报-2024.html")
        title = "椰林市“一老一小”主要指标完成情况通报（2024年）"
        self.assertIn("<title>%s</title>" % title, html)
        self.assertIn("椰林市民政局", html)
        plain = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
        self.assertIn("本期监测主要指标3项，其中已达标2项、进度正常0项、滞后1项",
                      plain)
        self.assertRegex(plain, r"每千名老年人养老床位数 .*? 30\.45 .*? 滞后")
        # the counties ranked: 1850 x 1000 / 60000 = 30.83, 1500 x 1000 /
        # 50000 = 30
        self.assertEqual(half_up(Fraction(1850 * 1000, 60000), 2),
                         Decimal("30.83"))
        self.assertRegex(plain, r"1 东岸区 30\.83 ≥40 滞后 2 青山县 30 ≥40 滞后")
        self.assertRegex(plain, r"规划公布数核对 .*每千名老年人养老床位数 2024 .*? 32 ")

    def test_bulletin_xlsx(self):
        try:
            import openpyxl
        except ImportError:
            self.skipTest("python3-openpyxl is not installed")
        self.step("report-xlsx")
        wb = openpyxl.load_workbook(
            os.path.join(self.w.tmp, "椰林市通报-2024.xlsx"))
        rows = [r for ws in wb for r in ws.iter_rows(values_only=True)]
        self.assertEqual(rows[0][0],
                         "椰林市“一老一小”主要指标完成情况通报（2024年）")
        by_name = {r[2]: r for r in rows if len(r) > 13 and r[1] in (1, 2, 3)}
        self.assertEqual(Decimal(str(by_name["每千名老年人养老床位数"][10])),
                         Decimal("30.45"))
        self.assertEqual(by_name["每千名老年人养老床位数"][13], "滞后")
        self.assertEqual(by_name["基本养老保险参保率"][13], "已达标")
        self.assertEqual(by_name["建立“一老一小”工作联席会议制度"][13], "已达标")
        counties = {}
        for r in wb["各县（区）完成情况"].iter_rows(values_only=True):
            if r[1] in ("东岸区", "青山县"):
                counties.setdefault(r[1], r)
        # the binding ratio's table comes first: 1850 x 1000 / 60000 and
        # 1500 x 1000 / 50000, ranked
        self.assertEqual(Decimal(str(counties["东岸区"][2])), Decimal("30.83"))
        self.assertEqual(counties["东岸区"][0], 1)
        self.assertEqual(Decimal(str(counties["青山县"][2])), 30)
        self.assertEqual(counties["青山县"][0], 2)

    # ---- steps that wait for the other parts of issue 24

    def test_policy_new(self):
        s = self.step("policy-new")
        self.assertEqual(s["out"].strip(), POLICY)
        # as written, before it was edited, the folder passed policy check
        self.assertRegex(self.step("policy-check-new")["out"],
                         r"^%s\s+椰林市\s" % CITY)
        s = self.step("policy-new-refused")
        self.assertIn(POLICY, s["err"])

    def test_expr(self):
        # 110000 aged 60+ / 500000 residents x 100 = 22
        lines = dict(l.split(": ", 1) for l in
                     self.step("expr")["out"].splitlines() if ": " in l)
        self.assertEqual(Decimal(lines["value"]), 22)
        self.assertEqual(Decimal(lines["numerator"]), 110000)
        self.assertEqual(Decimal(lines["denominator"]), 500000)
        doc = self.step_json("expr-json")
        self.assertEqual(doc["region"], CITY)
        self.assertEqual(Decimal(doc["value"]), 22)
        self.assertEqual(Decimal(doc["numerator"]), 110000)
        self.assertEqual(Decimal(doc["denominator"]), 500000)

    def test_descriptive(self):
        self.assertIn("5 indicators",
                      self.step("policy-check-descriptive")["out"])
        plain = self.step("indicators-descriptive")["out"]
        self.assertRegex(plain, r"15\.45\s+不考核\s+—\s+80岁及以上")
        self.assertRegex(plain, r"4000\s+不考核\s+—\s+出生人口")
        self.assertRegex(plain, r"30\.45\s+滞后\s+≥40")
        doc = self.step_json("indicators-descriptive-json")
        old = self.indicator(doc, "yelin.main.04")
        # 17000 aged 80+ / 110000 aged 60+ x 100 = 15.4545..: 15.45
        self.assertEqual(Decimal(old["value"]),
                         half_up(Fraction(17000 * 100, 110000), 2))
        self.assertEqual(old["status"], "descriptive")
        births = self.indicator(doc, "yelin.main.05")
        self.assertEqual(Decimal(births["value"]), 2400 + 1600)
        self.assertEqual(births["status"], "descriptive")
        # the rows with targets keep their status
        self.assertEqual(self.indicator(doc, "yelin.main.01")["status"],
                         "behind")
        self.step("report-descriptive")
        plain = re.sub(r"\s+", " ", re.sub(
            r"<[^>]+>", " ", self.read("椰林市通报-2024-2.html")))
        row = re.search(r"80岁及以上老年人占老年人口比重 (.*?) 5 出生人口", plain)
        self.assertTrue(row, plain[:3000])
        self.assertIn("15.45", row.group(1))
        self.assertIn("不考核", row.group(1))
        self.assertNotIn("已达标", row.group(1))
        row = re.search(r"5 出生人口 (.*?) 状态：", plain)
        self.assertTrue(row, plain[:3000])
        self.assertIn("4000", row.group(1))
        self.assertIn("不考核", row.group(1))
        # counted apart in the summary, not as met
        self.assertIn("本期监测主要指标5项，其中已达标2项", plain)


if __name__ == "__main__":
    unittest.main()
