"""Task progress (docs/api.md "Progress, traffic lights and reminders"):
reports once per task, department and month, only by a department the task
names; the traffic lights at each threshold of the "tasks" policy of 巴中
(read here from the policy file, not from the platform); reminders of the
month's missing reports; the league table's counts computed here.

The plan, departments and tasks are put in with SQL (the tasks module
writes them); every expected figure is computed in this file from the
days the test chose and the policy's numbers."""

import json
import os
from datetime import date, timedelta
from fractions import Fraction

import harness
from harness import ApiTestCase, login_as

PASSWORD = "correct horse battery"
BAZHONG = "511900000000"
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NOW = "2026-01-01T00:00:00Z"


def policy():
    with open(os.path.join(REPO, "policies", "511900000000-bazhong.json"),
              encoding="utf-8") as f:
        return json.load(f)["tasks"]


def half_up(v, places):
    q = v * 10 ** places
    n = int(q)
    if q - n >= Fraction(1, 2):
        n += 1
    s = str(n).rjust(places + 1, "0")
    return s[:-places] + "." + s[-places:] if places else s


def month_index(d):
    return d.year * 12 + d.month - 1


def period(m):
    return "%04d-%02d" % (m // 12, m % 12 + 1)


class TaskProgress(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        db = cls.server.db
        cls.pol = policy()
        L = cls.pol["lights"]
        cls.yellow = Fraction(L["behind_yellow_points"])
        cls.red = Fraction(L["behind_red_points"])
        cls.places = L["expected_places"]
        T = cls.today = date.today()
        cls.month = month_index(T)
        harness.db_exec(db, "INSERT INTO plan_doc (region, title, number, issued_on,"
                        " created_at) VALUES (?, ?, ?, ?, ?)",
                        (BAZHONG, "进度测试方案", "巴府办〔2022〕1号", "2022-01-01", NOW))
        cls.plan = harness.db_rows(db, "SELECT id FROM plan_doc WHERE title = ?",
                                   ("进度测试方案",))[0][0]
        cls.dept = {}
        for name in ("进度民政局", "进度卫健委", "进度发改委", "进度财政局"):
            harness.db_exec(db, "INSERT INTO department (region, name, kind)"
                            " VALUES (?, ?, 'department')", (BAZHONG, name))
            cls.dept[name] = harness.db_rows(
                db, "SELECT id FROM department WHERE region = ? AND name = ?",
                (BAZHONG, name))[0][0]
        cls.tasks = {}
        s, e = T - timedelta(days=100), T + timedelta(days=100)
        first = lambda m: date(m // 12, m % 12 + 1, 1)
        specs = {
            # number: (start, deadline, lead)
            "A": (s, e, "进度民政局"), "B": (s, e, "进度民政局"),
            "C": (s, e, "进度民政局"), "E": (s, e, "进度发改委"),
            "F": (s, e, "进度发改委"), "G": (s, T - timedelta(days=1), "进度发改委"),
            "H": (first(cls.month - L["start_red_months"]), e, "进度民政局"),
            "I": (first(cls.month - L["start_yellow_months"]), e, "进度民政局"),
            "J": (first(cls.month), e, "进度发改委"),
            "R": (s, e, "进度民政局"),
        }
        cls.specs = specs
        for num, (st, dl, lead) in specs.items():
            harness.db_exec(db, "INSERT INTO task (plan_id, number, text, deadline_on,"
                            " start_on) VALUES (?, ?, ?, ?, ?)",
                            (cls.plan, num, "任务" + num, dl.isoformat(), st.isoformat()))
            tid = harness.db_rows(db, "SELECT id FROM task WHERE plan_id = ? AND number = ?",
                                  (cls.plan, num))[0][0]
            cls.tasks[num] = tid
            harness.db_exec(db, "INSERT INTO task_department (task_id, department_id, role)"
                            " VALUES (?, ?, 'lead')", (tid, cls.dept[lead]))
            harness.db_exec(db, "INSERT INTO task_department (task_id, department_id, role)"
                            " VALUES (?, ?, 'participate')", (tid, cls.dept["进度卫健委"]))
        a = cls.admin
        for user, name in (("tp_mz", "进度民政局"), ("tp_fg", "进度发改委"),
                           ("tp_cz", "进度财政局"), ("tp_mz2", "进度民政局")):
            u = a.create_user(user, "dept_official", BAZHONG, password=PASSWORD,
                              department_id=cls.dept[name])
            assert u["department_id"] == cls.dept[name] and u["department"] == name, u
        a.create_user("tp_ro", "readonly", BAZHONG, password=PASSWORD)
        cls.mz = login_as(cls.server, "tp_mz", PASSWORD)
        cls.fg = login_as(cls.server, "tp_fg", PASSWORD)
        cls.cur = period(cls.month)
        cls.prev = period(cls.month - 1)
        # the reports that set the lights
        fifty = Fraction(50)
        cls.percents = {"A": fifty - cls.yellow, "B": fifty - cls.yellow + Fraction(1, 10),
                        "C": fifty - cls.red, "E": fifty - cls.red - Fraction(1, 10),
                        "F": Fraction(100), "G": Fraction(50), "R": Fraction(35)}
        cls.filed = []
        for num, p in cls.percents.items():
            who = cls.mz if specs[num][2] == "进度民政局" else cls.fg
            r = who.post("/api/v1/tasks/%d/reports" % cls.tasks[num],
                         {"period": cls.cur, "percent": cls.text(p), "text": "进展" + num,
                          "reported_on": T.isoformat()})
            assert r.status == 201, r.summary()
            cls.filed.append((num, cls.dept[specs[num][2]], cls.cur, T))

    @staticmethod
    def text(p):
        return half_up(p, 1)

    def expected(self, num):
        st, dl, _ = self.specs[num]
        return Fraction((self.today - st).days * 100, (dl - st).days)

    def colour(self, num):
        """The light computed here from the policy's numbers."""
        st, dl, _ = self.specs[num]
        p = self.percents.get(num)
        if p is not None and p >= 100:
            return "green"
        if self.today > dl:
            return "red"
        if p is None or p == 0:
            late = self.month - month_index(st)
            L = self.pol["lights"]
            return ("red" if late >= L["start_red_months"] else
                    "yellow" if late >= L["start_yellow_months"] else "green")
        exp = Fraction(half_up(self.expected(num), self.places))
        behind = exp - p
        return "red" if behind > self.red else "yellow" if behind >= self.yellow else "green"

    def progress(self, who=None, **params):
        params.setdefault("plan", self.plan)
        r = (who or self.admin).get("/api/v1/progress", params=params)
        self.assertStatus(r, 200)
        return {t["number"]: t for t in r.json["items"]}

    def test_lights_at_each_threshold(self):
        items = self.progress()
        self.assertEqual(set(items), set(self.specs))
        want = {"A": "yellow", "B": "green", "C": "yellow", "E": "red", "F": "green",
                "G": "red", "H": "red", "I": "yellow", "J": "green", "R": "yellow"}
        for num in self.specs:
            self.assertEqual(self.colour(num), want[num], num + " (the test's own model)")
            self.assertEqual(items[num]["light"]["colour"], want[num],
                             "%s: %s" % (num, items[num]["light"]))
        self.assertEqual(items["A"]["light"]["expected"],
                         half_up(self.expected("A"), self.places))
        self.assertEqual(items["A"]["light"]["behind"], half_up(self.yellow, self.places))
        self.assertEqual(items["G"]["light"]["reason"], "overdue")
        self.assertEqual(items["F"]["light"]["reason"], "done")
        self.assertEqual(items["H"]["light"]["reason"], "not_started")
        self.assertIn("落后", items["E"]["light"]["why"])
        r = self.admin.get("/api/v1/progress", params={"plan": self.plan})
        counts = r.json["counts"]
        self.assertEqual(counts, {c: sum(1 for v in want.values() if v == c)
                                  for c in ("green", "yellow", "red")})

    def test_caught_up_turns_red_back_to_yellow(self):
        # a red report last month, then this month's 35%: the light
        # follows the latest report only
        tid = self.tasks["R"]
        rows = harness.db_rows(self.server.db, "SELECT COUNT(*) FROM task_report"
                               " WHERE task_id = ? AND period = ?", (tid, self.prev))
        if rows[0][0] == 0:
            first = date(self.month // 12 if self.month % 12 else (self.month - 1) // 12,
                         (self.month - 1) % 12 + 1, 1)
            harness.db_exec(self.server.db, "INSERT INTO task_report (task_id, department_id,"
                            " period, percent, reported_on, created_at) VALUES (?, ?, ?, ?,"
                            " ?, ?)", (tid, self.dept["进度民政局"], self.prev, "5",
                                       first.isoformat(), NOW))
        first_cur = date(self.today.year, self.today.month, 1)
        before = self.progress(on=(first_cur - timedelta(days=1)).isoformat())["R"]
        self.assertEqual(before["light"]["colour"], "red", before["light"])
        self.assertEqual(self.progress()["R"]["light"]["colour"], "yellow")

    def test_once_per_period_and_correction(self):
        tid = self.tasks["A"]
        body = {"period": self.cur, "percent": "45", "reported_on": self.today.isoformat()}
        r = self.mz.post("/api/v1/tasks/%d/reports" % tid, body)
        self.assertError(r, 409, "period")
        other = login_as(self.server, "tp_mz2", PASSWORD)
        r = other.post("/api/v1/tasks/%d/reports" % tid, dict(body, version=1))
        self.assertError(r, 409, "version")
        # a correction by the same account with a stale version is refused too
        r = self.mz.post("/api/v1/tasks/%d/reports" % tid, dict(body, version=7))
        self.assertError(r, 409, "version")
        rows = harness.db_rows(self.server.db, "SELECT percent, version FROM task_report"
                               " WHERE task_id = ? AND period = ?", (tid, self.cur))
        self.assertEqual([tuple(x) for x in rows], [(self.text(self.percents["A"]), 1)])
        # the same account corrects its own report with the version it read:
        # once (the second use of version 1 is stale)
        fix = dict(body, percent=self.text(self.percents["A"]), text="更正说明", version=1)
        r = self.mz.post("/api/v1/tasks/%d/reports" % tid, fix)
        self.assertStatus(r, 200)
        self.assertEqual((r.json["report"]["version"], r.json["report"]["text"]), (2, "更正说明"))
        self.assertError(self.mz.post("/api/v1/tasks/%d/reports" % tid, fix), 409, "version")
        aud = harness.db_rows(self.server.db, "SELECT action FROM audit WHERE entity ="
                              " 'task_report' AND entity_id = ? ORDER BY id",
                              ("%d/%d/%s" % (tid, self.dept["进度民政局"], self.cur),))
        self.assertEqual([x[0] for x in aud], ["report", "correct"])

    def test_only_a_named_department(self):
        cz = login_as(self.server, "tp_cz", PASSWORD)
        body = {"period": self.prev, "percent": "10"}
        self.assertError(cz.post("/api/v1/tasks/%d/reports" % self.tasks["B"], body), 403,
                         "department_id")
        self.assertError(self.mz.post("/api/v1/tasks/%d/reports" % self.tasks["B"],
                                      dict(body, department_id=self.dept["进度卫健委"])),
                         403, "department_id")
        self.assertError(self.admin.post("/api/v1/tasks/%d/reports" % self.tasks["B"],
                                         dict(body, department_id=self.dept["进度财政局"])),
                         422, "department_id")
        self.assertError(self.mz.post("/api/v1/tasks/%d/reports" % self.tasks["B"],
                                      dict(body, percent="100.1")), 422, "percent")
        self.assertError(self.mz.post("/api/v1/tasks/%d/reports" % self.tasks["B"],
                                      dict(body, period="2024-13")), 422, "period")
        ro = login_as(self.server, "tp_ro", PASSWORD)
        self.assertStatus(ro.post("/api/v1/tasks/%d/reports" % self.tasks["B"], body), 403)
        self.assertStatus(ro.get("/api/v1/tasks/%d/reports" % self.tasks["B"]), 200)
        # an admin reports for the participating department: audited as on behalf
        r = self.admin.post("/api/v1/tasks/%d/reports" % self.tasks["J"],
                            dict(body, period=self.cur, percent="0",
                                 department_id=self.dept["进度卫健委"]))
        self.assertStatus(r, 201)
        aud = harness.db_rows(self.server.db, "SELECT action FROM audit WHERE entity ="
                              " 'task_report' AND entity_id = ?",
                              ("%d/%d/%s" % (self.tasks["J"], self.dept["进度卫健委"],
                                             self.cur),))
        self.assertEqual([x[0] for x in aud], ["report_on_behalf"])
        self.filed.append(("J", self.dept["进度卫健委"], self.cur, self.today))
        got = self.admin.get("/api/v1/tasks/%d/reports" % self.tasks["J"]).json
        self.assertEqual([x["percent"] for x in got["reports"]], ["0"])

    def test_reminders_of_the_previous_month(self):
        r = self.admin.get("/api/v1/progress/reminders",
                           params={"plan": self.plan, "period": self.prev})
        self.assertStatus(r, 200)
        got = {(m["task_number"], m["department_id"]) for m in r.json["missing"]}
        reported = {(n, d) for n, d, p, _ in self.filed if p == self.prev}
        rows = harness.db_rows(self.server.db, "SELECT t.number, r.department_id FROM"
                               " task_report r JOIN task t ON t.id = r.task_id WHERE"
                               " t.plan_id = ? AND r.period = ?", (self.plan, self.prev))
        reported |= {(x[0], x[1]) for x in rows}
        want = set()
        for num, (st, dl, lead) in self.specs.items():
            if month_index(st) <= self.month - 1 <= month_index(dl):
                if (num, self.dept[lead]) not in reported:
                    want.add((num, self.dept[lead]))
        self.assertEqual(got, want)
        due = "%s-%02d" % (self.cur, self.pol["report_due_day"])
        self.assertTrue(all(m["due_on"] == due for m in r.json["missing"]))
        self.assertEqual([t["number"] for t in r.json["overdue"]], ["G"])

    def test_league_table_counts(self):
        r = self.admin.get("/api/v1/progress/league", params={"plan": self.plan})
        self.assertStatus(r, 200)
        rows = {x["department"]: x for x in r.json["items"]}
        for name in ("进度民政局", "进度发改委"):
            led = [n for n, s in self.specs.items() if s[2] == name]
            self.assertEqual(rows[name]["tasks_led"], len(led))
            for c in ("green", "yellow", "red"):
                self.assertEqual(rows[name][c],
                                 sum(1 for n in led if self.colour(n) == c), name + c)
        self.assertEqual(rows["进度卫健委"]["tasks_led"], 0)
        self.assertNotIn("进度财政局", rows)

    def test_mine_lists_the_departments_tasks(self):
        r = self.fg.get("/api/v1/progress/mine", params={"period": self.cur})
        self.assertStatus(r, 200)
        mine = {t["number"] for t in r.json["items"] if t["plan_id"] == self.plan}
        self.assertEqual(mine, {n for n, s in self.specs.items() if s[2] == "进度发改委"})
        e = [t for t in r.json["items"] if t["number"] == "E"][0]
        self.assertEqual(e["report"]["percent"], self.text(self.percents["E"]))
        self.assertEqual(e["roles"], ["lead"])
        r = self.assertStatus(self.admin.get("/api/v1/progress/mine"), 200)
        self.assertEqual((r.json["department"], r.json["items"]), (None, []))

    def test_account_department_is_validated(self):
        a = self.admin
        # a county's account may not report for a department of another
        # county; a city department is above it and may be its own
        harness.db_exec(self.server.db, "INSERT INTO department (region, name) VALUES"
                        " (?, ?)", ("511903000000", "恩阳进度局"))
        enyang = harness.db_rows(self.server.db, "SELECT id FROM department WHERE name"
                                 " = ?", ("恩阳进度局",))[0][0]
        r = a.post("/api/v1/users", {"username": "tp_bz", "password": PASSWORD,
                                     "role": "dept_official", "region": "511902000000",
                                     "department_id": enyang})
        self.assertError(r, 422, "department_id")
        r = a.post("/api/v1/users", {"username": "tp_bz", "password": PASSWORD,
                                     "role": "dept_official", "region": "511902000000",
                                     "department_id": 987654})
        self.assertError(r, 422, "department_id")
        self.assertEqual(harness.db_rows(self.server.db, "SELECT COUNT(*) FROM account"
                                         " WHERE username = 'tp_bz'")[0][0], 0)
        u = a.create_user("tp_bz", "dept_official", "511902000000", password=PASSWORD,
                          department_id=self.dept["进度卫健委"])
        r = a.patch("/api/v1/users/%d" % u["id"], {"department_id": enyang})
        self.assertError(r, 422, "department_id")
        r = a.patch("/api/v1/users/%d" % u["id"], {"department_id": None})
        self.assertStatus(r, 200)
        self.assertIsNone(r.json["department_id"])
        users = {x["username"]: x for x in a.get("/api/v1/users").json["items"]}
        self.assertEqual(users["tp_fg"]["department"], "进度发改委")

    def test_bulletin_has_the_task_section(self):
        import csv
        import io
        for fmt in ("csv", "html"):
            r = self.admin.get("/api/v1/reports/bulletin",
                               params={"region": BAZHONG, "period": str(self.today.year),
                                       "format": fmt})
            self.assertStatus(r, 200)
            self.assertIn("重点任务进展", r.text, fmt)
            self.assertIn("部门进展汇总", r.text, fmt)
        r = self.admin.get("/api/v1/reports/bulletin",
                           params={"region": BAZHONG, "period": str(self.today.year),
                                   "format": "csv"})
        rows = list(csv.reader(io.StringIO(r.text.lstrip("\ufeff"))))
        start = next(i for i, x in enumerate(rows) if x and x[0].startswith("重点任务进展"))
        head = rows[start + 1]
        self.assertEqual(head[:3], ["方案", "任务编号", "任务"])
        mine = {x[1]: x for x in rows[start + 2:] if len(x) == len(head) and x[0] == "进度测试方案"}
        self.assertEqual(set(mine), set(self.specs))
        zh = {"green": "绿灯", "yellow": "黄灯", "red": "红灯"}
        for num in self.specs:
            self.assertEqual(mine[num][8], zh[self.colour(num)], num)
        self.assertEqual(mine["A"][6], self.text(self.percents["A"]))
        self.assertEqual(mine["A"][7], half_up(self.expected("A"), self.places))
        lstart = next(i for i, x in enumerate(rows) if x and x[0] == "部门进展汇总")
        league = {x[1]: x for x in rows[lstart + 2:] if len(x) == 7}
        led = [n for n, s in self.specs.items() if s[2] == "进度发改委"]
        self.assertEqual(league["进度发改委"][2], str(len(led)))
        self.assertEqual(league["进度发改委"][5],
                         str(sum(1 for n in led if self.colour(n) == "red")))
        x = self.admin.get("/api/v1/reports/bulletin",
                           params={"region": BAZHONG, "period": str(self.today.year),
                                   "format": "xlsx"})
        self.assertStatus(x, 200)
        self.assertEqual(x.body[:2], b"PK")

    def test_cli(self):
        db = self.server.db
        p = harness.run_cli(["progress", "list", "--plan", str(self.plan), "--json"], db)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        got = {t["number"]: t["light"]["colour"] for t in json.loads(p.stdout)["items"]}
        self.assertEqual(got, {n: self.colour(n) for n in self.specs})
        p = harness.run_cli(["progress", "league", "--plan", str(self.plan)], db)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        self.assertIn("进度发改委", p.stdout.decode())
        # a report from the shell is refused for a department the task
        # does not name, naming the field
        p = harness.run_cli(["progress", "report", str(self.tasks["I"]), "--period",
                             self.cur, "--percent", "5", "--department",
                             str(self.dept["进度财政局"])], db)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("department_id", p.stderr.decode())
        p = harness.run_cli(["progress", "reminders", "--plan", str(self.plan),
                             "--period", self.prev], db)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        self.assertIn("未报告", p.stdout.decode())
