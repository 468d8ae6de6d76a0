"""`laoxiao assess score`: the GB/T 42195-2022 instrument from the shell,
without a database. Expected values worked out by hand (the item vectors
are those of tests/unit/test_assessment.c)."""

import json
import subprocess
import unittest

import harness

# Every item at its maximum: 32 + 15 + 28 + 15 = 90.
V90 = [4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 3, 4, 4, 4, 4, 4, 4, 1, 1, 2, 2, 2, 4, 3, 4]
# 24 + 11 + 19 + 11 = 65: the top of 能力中度受损.
V65 = [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 3, 3, 3, 3, 2, 2, 1, 0, 2, 2, 2, 3, 2, 2]
# V65 with 社会交往能力 3: 66, the bottom of 能力轻度受损.
V66 = V65[:25] + [3]


class AssessCliTest(unittest.TestCase):
    def run_assess(self, *args):
        p = subprocess.run([harness.BINARY, "assess", "score"] + [str(a) for a in args],
                           capture_output=True, env=harness._env(), timeout=30)
        out = p.stdout.decode("utf-8", "replace")
        err = p.stderr.decode("utf-8", "replace")
        for marker in harness.SANITIZER_MARKERS:
            self.assertNotIn(marker, err, "sanitizer report: %s" % err[-2000:])
        return p.returncode, out, err

    def test_assess_90_intact(self):
        rc, out, err = self.run_assess(*V90)
        self.assertEqual(rc, 0, err)
        self.assertIn("90 / 90", out)
        self.assertIn("能力完好", out)
        self.assertIn("intact", out)
        self.assertIn("最终等级: 0 能力完好", out)

    def test_assess_boundary_65_66(self):
        rc, out, err = self.run_assess("--json", *V65)
        self.assertEqual(rc, 0, err)
        doc = json.loads(out)
        self.assertEqual(doc["total"], 65)
        self.assertEqual(doc["initial_level"]["index"], 2)
        self.assertEqual(doc["initial_level"]["zh"], "能力中度受损（中度失能）")
        self.assertEqual(doc["care_category"]["code"], "partly")
        rc, out, err = self.run_assess("--json", *V66)
        self.assertEqual(rc, 0, err)
        doc = json.loads(out)
        self.assertEqual(doc["total"], 66)
        self.assertEqual(doc["final_level"]["index"], 1)
        self.assertEqual(doc["care_category"]["code"], "self")

    def test_assess_json_keys_and_changes(self):
        rc, out, err = self.run_assess("--json", "--dementia", "--risk-events", "2", *V65)
        self.assertEqual(rc, 0, err)
        doc = json.loads(out)
        for key in ("dimensions", "total", "initial_level", "final_level", "changes",
                    "care_category"):
            self.assertIn(key, doc)
        self.assertEqual([(d["code"], d["name"], d["score"], d["max"]) for d in doc["dimensions"]],
                         [("B.1", "自理能力", 24, 32), ("B.2", "基础运动能力", 11, 15),
                          ("B.3", "精神状态", 19, 28), ("B.4", "感知觉与社会参与", 11, 15)])
        for key in ("index", "zh", "en"):
            self.assertIn(key, doc["initial_level"])
            self.assertIn(key, doc["final_level"])
        # not stacked by default: 中度 -> 重度, one level in total
        self.assertEqual(doc["final_level"]["index"], 3)
        self.assertEqual([(c["rule"], c["applied"]) for c in doc["changes"]],
                         [("diagnosis", True), ("risk_events", False)])
        self.assertTrue(doc["stacking_mattered"])
        self.assertEqual(doc["care_category"]["code"], "disabled")
        # stacked: two levels, 能力完全丧失
        rc, out, err = self.run_assess("--json", "--stack", "--dementia", "--risk-events", "2",
                                       *V65)
        self.assertEqual(rc, 0, err)
        self.assertEqual(json.loads(out)["final_level"]["index"], 4)

    def test_assess_coma(self):
        rc, out, err = self.run_assess("--json", "--coma", *V90)
        self.assertEqual(rc, 0, err)
        doc = json.loads(out)
        self.assertEqual(doc["initial_level"]["index"], 0)
        self.assertEqual(doc["final_level"]["zh"], "能力完全丧失（完全失能）")
        self.assertEqual(doc["changes"][0]["rule"], "coma")

    def test_assess_out_of_range(self):
        v = list(V90)
        v[5] = 5  # 小便控制 0-4
        rc, out, err = self.run_assess(*v)
        self.assertEqual(rc, 1, "out-of-range exits 1: %s" % err)
        self.assertIn("小便控制", err)
        self.assertIn("items[5]", err)
        self.assertIn("0–4", err)
        v = list(V90)
        v[11] = -1  # 上下楼梯 0-3: a negative score is a score, not an option
        rc, out, err = self.run_assess(*v)
        self.assertEqual(rc, 1, err)
        self.assertIn("上下楼梯", err)
        self.assertIn("items[11]", err)

    def test_assess_bad_usage(self):
        rc, _, err = self.run_assess(*V90[:25])
        self.assertEqual(rc, 2, "25 scores is bad usage: %s" % err)
        rc, _, err = self.run_assess("--risk-events", "x", *V90)
        self.assertEqual(rc, 2, err)
        rc, _, err = self.run_assess("--nope", *V90)
        self.assertEqual(rc, 2, err)
