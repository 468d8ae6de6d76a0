"""laoxiao project (docs/api.md "Major projects", CLI): preset loads the
seed's list of 大竹 (001 第420–466行: 3 projects, 300 + 500 + 200 beds,
4800 + 8000 + 3200 万元, summed here), list prints it in Chinese, export
gives the CSV back, in-use puts a project into use once."""

import os
import tempfile
import unittest

import harness

DAZHU = "511724000000"


class ProjectCli(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.db = harness.new_db(cls.tmp.name)
        harness.init_db(cls.db)

    @classmethod
    def tearDownClass(cls):
        harness.drop_db(cls.db)
        cls.tmp.cleanup()

    def cli(self, *args):
        return harness.run_cli(["project"] + list(args), self.db)

    def test_preset_list_export_in_use(self):
        p = self.cli("preset", "--region", DAZHU)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("导入 3 个项目", p.stdout.decode())
        p = self.cli("list", "--region", DAZHU)
        out = p.stdout.decode()
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("共 3 个项目，总投资 %d 万元，床位 %d 张" % (4800 + 8000 + 3200, 300 + 500 + 200), out)
        p = self.cli("export", "--region", DAZHU)
        with open(os.path.join(harness.HERE, "..", "..", "presets", "projects", DAZHU + ".csv"),
                  encoding="utf-8") as f:
            self.assertEqual(p.stdout.decode(), f.read(), "the export is the preset file")
        p = self.cli("in-use", "1", "--on", "2024-01-05", "--name", "照护楼", "--kind",
                     "elderly_institution")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("2024-01-05 投用", p.stdout.decode())
        p = self.cli("in-use", "1", "--on", "2024-01-06", "--name", "照护楼二", "--kind",
                     "elderly_institution")
        self.assertNotEqual(p.returncode, 0, "a second put-into-use is refused")
