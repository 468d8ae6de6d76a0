"""--policies DIR on every subcommand that reads the policy files (issue 24,
docs/policy.md): the preset policies copied to a folder outside the source
tree and altered there (巴中's 全市养老床位 renamed, a reported element
added), then indicators, report, policy check, import reported and serve
(through a config file's `policies =` line as well) show the alteration,
and with the default folder they do not. Every other subcommand that loads
the policies (grep src/cli for cli_policies_dir) is run with a folder
holding a broken file and must stop on that file, which only that folder
has: proof it read the folder it was given."""

import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import harness

BAZHONG = "511900000000"
RENAMED = "全市养老床位（测试改名）"
EXTRA = "bazhong.test_extra_element"
BROKEN = "519900000000-broken.json"
SOURCE_POLICIES = os.path.normpath(os.path.join(harness.HERE, "..", "..", "policies"))

# Every subcommand that loads the policies, one call each, read-only where
# there is a choice. The source files they live in are asserted below to be
# every file of src/cli that asks for the policy folder.
SWEEP = {
    "cmd_indicators.c": [["indicators", "--region", BAZHONG, "--period", "2025"],
                         ["report", "--region", BAZHONG, "--period", "2025"]],
    "cmd_policy.c": [["policy", "check"]],
    "cmd_transfer.c": [["import", "reported", "@reported"]],
    "cmd_init.c": [["init", "@newdb"]],
    "cmd_serve.c": [["serve", "--port", "@port", "@newdb"]],
    "cmd_plan.c": [["plan", "gap", "--region", BAZHONG, "--year", "2025"]],
    "cmd_synth.c": [["synth", "--preset", BAZHONG, "--scale", "0.001", "@newdb"]],
    "cmd_subsidy.c": [["subsidy", "holds"]],
    "cmd_batch.c": [["subsidy", "batches"]],
    "cmd_payee.c": [["payee", "show", "--person", "1"]],
    "cmd_referral.c": [["referral", "list"]],
    "cmd_visit.c": [["visit", "targets", "--region", BAZHONG]],
    "cmd_visit_rate.c": [["visit", "rate", "--region", BAZHONG, "--month", "2025-01"]],
    "cmd_service.c": [["service", "catalogue"]],
    "cmd_service_entitlement.c": [["service", "entitlement", "list"]],
    "cmd_service_voucher.c": [["service", "voucher", "batches"]],
    "cmd_service_timebank.c": [["service", "timebank", "volunteers"]],
    "cmd_service_bed.c": [["service", "bed", "list"]],
    "cmd_service_guidance.c": [["service", "guidance", "kinds"]],
    "cmd_place.c": [["place", "search", "--kind", "elderly"]],
    "cmd_place_price.c": [["place", "price", "flags"]],
    "cmd_place_wait.c": [["place", "wait", "list"]],
    "cmd_credit.c": [["credit", "listing", "ls"]],
    "cmd_inspect.c": [["inspect", "plan", "list"]],
    "cmd_inspect_hazard.c": [["inspect", "hazard", "list"]],
    "cmd_inspect_staff.c": [["inspect", "staff", "list"]],
    "cmd_closure.c": [["closure", "list"]],
    "cmd_progress.c": [["progress", "list"]],
    "cmd_disclose.c": [["disclose", "--region", BAZHONG]],
    "cmd_grade.c": [["grade", "schemes", "--region", BAZHONG]],
    "cmd_complaint.c": [["complaint", "list"]],
    "cmd_project.c": [["project", "list"]],
}


def copy_policies(dest):
    shutil.copytree(SOURCE_POLICIES, dest)
    path = os.path.join(dest, "511900000000-bazhong.json")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    # small textual edits, as an official would make them
    assert text.count('"name": "全市养老床位"') == 1
    text = text.replace('"name": "全市养老床位"', '"name": "%s"' % RENAMED)
    text = text.replace(
        '"reported_elements": [\n',
        '"reported_elements": [\n    {"name": "%s", "label": "测试附加项", "unit": "个",'
        ' "aggregation": "sum", "department": null},\n' % EXTRA, 1)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def run(args, db, env_config=None, timeout=120):
    """laoxiao ARGS --db DB with LAOXIAO_CONFIG unset (or set)."""
    env = harness._env()
    env.pop("LAOXIAO_CONFIG", None)
    if env_config:
        env["LAOXIAO_CONFIG"] = env_config
    # policy check opens no database
    dbargs = [] if "policy" in args else harness.db_args(db)
    return subprocess.run([harness.BINARY] + list(args) + dbargs,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=timeout, env=env)


class PoliciesOption(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.altered = os.path.join(cls.tmp.name, "altered")
        copy_policies(cls.altered)
        cls.broken = os.path.join(cls.tmp.name, "broken")
        shutil.copytree(SOURCE_POLICIES, cls.broken)
        with open(os.path.join(cls.broken, BROKEN), "w", encoding="utf-8") as f:
            f.write('{"jurisdiction": ')
        assert not os.path.realpath(cls.tmp.name).startswith(
            os.path.realpath(os.path.dirname(SOURCE_POLICIES)) + os.sep)
        cls.config = os.path.join(cls.tmp.name, "laoxiao.conf")
        with open(cls.config, "w", encoding="utf-8") as f:
            f.write("# the platform's settings\npolicies = %s\n" % cls.altered)
        cls.db = harness.new_db(cls.tmp.name)
        harness.init_db(cls.db)
        cls.reported = os.path.join(cls.tmp.name, "reported.csv")
        with open(cls.reported, "w", encoding="utf-8") as f:
            f.write("element,region,period,value,text,source\n"
                    "%s,%s,2025,7,,测试\n" % (EXTRA, BAZHONG))

    @classmethod
    def tearDownClass(cls):
        harness.drop_db(cls.db)
        cls.tmp.cleanup()

    def each_way(self, args, **kw):
        """(default, --policies, --config FILE, $LAOXIAO_CONFIG) runs."""
        return (run(args, self.db, **kw),
                run(args + ["--policies", self.altered], self.db, **kw),
                run(["--config", self.config] + args, self.db, **kw),
                run(args, self.db, env_config=self.config, **kw))

    def test_indicators_show_the_renamed_indicator(self):
        default, *altered = self.each_way(["indicators", "--region", BAZHONG,
                                           "--period", "2025"])
        self.assertEqual(default.returncode, 0, default.stderr)
        self.assertNotIn(RENAMED, default.stdout.decode())
        self.assertIn("全市养老床位", default.stdout.decode())
        for p in altered:
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertIn(RENAMED, p.stdout.decode())

    def test_a_folder_without_the_region_says_so(self):
        """A folder holding no file for the region: the table is empty and
        standard error says why, naming the region and --policies."""
        empty = os.path.join(self.tmp.name, "empty")
        os.makedirs(empty, exist_ok=True)
        p = run(["indicators", "--region", BAZHONG, "--period", "2025",
                 "--policies", empty], self.db)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(len(p.stdout.decode().strip().splitlines()), 1,
                         "the header line only")
        self.assertIn("no policy file applies to region '%s'" % BAZHONG,
                      p.stderr.decode())
        self.assertIn("--policies DIR", p.stderr.decode())
        p = run(["indicators", "--region", BAZHONG, "--period", "2025"], self.db)
        self.assertNotIn("no policy file applies", p.stderr.decode())

    def test_report_shows_the_renamed_indicator(self):
        args = ["report", "--region", BAZHONG, "--period", "2025", "--format", "csv"]
        default, *altered = self.each_way(args)
        self.assertEqual(default.returncode, 0, default.stderr)
        self.assertNotIn(RENAMED, default.stdout.decode("utf-8-sig"))
        for p in altered:
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertIn(RENAMED, p.stdout.decode("utf-8-sig"))

    def test_policy_check_reads_the_folder(self):
        default, *altered = self.each_way(["policy", "check"])
        self.assertEqual(default.returncode, 0, default.stderr)
        self.assertNotIn(self.altered, default.stdout.decode())
        # 巴中's reported elements: one more in the altered folder
        count = lambda p: int(re.search(r"^%s .*?(\d+) reported elements" % BAZHONG,
                                        p.stdout.decode(), re.M).group(1))
        for p in altered:
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual(count(p), count(default) + 1)

    def test_import_reported_knows_the_added_element(self):
        p = run(["import", "reported", self.reported], self.db)
        self.assertEqual(p.returncode, 1, "the default policies do not name the element")
        self.assertIn(EXTRA, p.stderr.decode())
        self.assertEqual(harness.db_rows(
            self.db, "SELECT COUNT(*) FROM reported_value WHERE element = ?", (EXTRA,)),
            [(0,)])
        for i, how in enumerate((["--policies", self.altered], ["--config", self.config])):
            p = run(["import", "reported", self.reported] + how, self.db)
            self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(harness.db_rows(
            self.db, "SELECT COUNT(*) FROM reported_value WHERE element = ?", (EXTRA,)),
            [(1,)])

    def test_serve_with_a_config_file(self):
        server = harness.Server(serve_args=("--config", self.config))
        try:
            doc = server.admin().ok("GET", "/api/v1/indicators",
                                    params={"region": BAZHONG, "period": "2025"}).json
            names = [i["name"] for i in doc["indicators"]]
            self.assertIn(RENAMED, names)
        finally:
            server.stop()

    def test_every_policy_reader_reads_the_given_folder(self):
        src = os.path.join(harness.HERE, "..", "..", "src", "cli")
        readers = sorted(f for f in os.listdir(src) if f.endswith(".c") and f != "config.c"
                         and re.search(r"cli_policies_dir\(\)", open(os.path.join(src, f),
                                                                      encoding="utf-8").read()))
        self.assertEqual(readers, sorted(SWEEP), "the sweep names every policy reader")
        for f, calls in SWEEP.items():
            for call in calls:
                with self.subTest(file=f, call=" ".join(call)):
                    self.sweep_one(call)

    def sweep_one(self, call):
        args, db = [], self.db
        for a in call:
            if a == "@reported":
                args.append(self.reported)
            elif a == "@port":
                args.append(str(harness.free_port()))
            elif a == "@newdb":
                db = harness.new_db(tempfile.mkdtemp(dir=self.tmp.name))
            else:
                args.append(a)
        for how in (["--policies", self.broken], None):
            if how is None:
                if call[0] in ("serve", "synth", "init"):
                    continue  # they would run on: the broken run is the test
                p = run(args, db)
                self.assertNotIn(BROKEN, p.stderr.decode(), "the default folder has no broken file")
                continue
            p = run(args + how, db, timeout=60)
            self.assertNotEqual(p.returncode, 0, p.stdout.decode()[-400:])
            self.assertIn(BROKEN, p.stderr.decode(),
                          "stops on the broken file of --policies: " + p.stderr.decode()[-400:])
