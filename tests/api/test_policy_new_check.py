"""`laoxiao policy new` and `laoxiao policy check`: the starting file of a
new jurisdiction checks as written, in a folder outside the source tree;
each case that would mislead in silence is refused with its file and key
path; a file with planning standards only is enough. The misleading cases
are written by hand into copies of the starting file."""

import copy
import json
import os
import shutil
import subprocess
import tempfile
import unittest

import harness

CODE = "440300000000"  # a city no preset covers
OTHER = "440400000000"  # a sibling city


class PolicyNewCheckTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="lx-policy-new-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def laoxiao(self, *args):
        p = subprocess.run([harness.BINARY] + list(args), capture_output=True,
                           env=harness._env(), timeout=60)
        out = p.stdout.decode("utf-8", "replace")
        err = p.stderr.decode("utf-8", "replace")
        for marker in harness.SANITIZER_MARKERS:
            self.assertNotIn(marker, err, "sanitizer report: %s" % err[-2000:])
        return p.returncode, out, err

    def folder(self, name):
        d = os.path.join(self.tmp, name)
        os.mkdir(d)
        return d

    def scaffold(self):
        """The starting file, written by policy new into its own folder."""
        d = self.folder("new")
        rc, out, err = self.laoxiao("policy", "new", "--code", "440300",
                                    "--name", "深圳市", "--parent", "440000",
                                    "--policies", d)
        self.assertEqual(rc, 0, err)
        path = os.path.join(d, CODE + ".json")
        self.assertEqual(out.strip(), path)
        with open(path, encoding="utf-8") as f:
            return d, json.load(f)

    def check(self, docs):
        """policy check over a folder holding the given {code: doc}."""
        d = tempfile.mkdtemp(dir=self.tmp)
        for code, doc in docs.items():
            with open(os.path.join(d, code + ".json"), "w", encoding="utf-8") as f:
                json.dump(doc, f, ensure_ascii=False)
        return self.laoxiao("policy", "check", "--policies", d)

    def refused(self, doc, path, words, others=None):
        docs = {CODE: doc}
        docs.update(others or {})
        rc, out, err = self.check(docs)
        self.assertEqual(rc, 1, out + err)
        self.assertIn("laoxiao: %s.json: %s: " % (CODE, path), err)
        self.assertIn(words, err)

    def test_scaffold_checks_as_written(self):
        d, doc = self.scaffold()
        rc, out, err = self.laoxiao("policy", "check", "--policies", d)
        self.assertEqual(rc, 0, err)
        self.assertIn(CODE + "  深圳市", out)
        self.assertIn("4 indicators in 1 groups, 2 reported elements", out)
        # the positional folder is the same check
        rc, _, err = self.laoxiao("policy", "check", d)
        self.assertEqual(rc, 0, err)

    def test_scaffold_beside_the_presets(self):
        # a second new city beside the presets and the first: the example
        # names repeat in each file and each file's are its own
        src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                           "policies")
        d = os.path.join(self.tmp, "all")
        shutil.copytree(src, d)
        presets = len([n for n in os.listdir(d) if n.endswith(".json")])
        for code, name in (("440300", "深圳市"), ("440400", "珠海市")):
            rc, _, err = self.laoxiao("policy", "new", "--code", code, "--name", name,
                                      "--policies", d)
            self.assertEqual(rc, 0, err)
        rc, out, err = self.laoxiao("policy", "check", "--policies", d)
        self.assertEqual(rc, 0, err)
        self.assertEqual(len(out.strip().splitlines()), presets + 2)
        self.assertIn(OTHER + "  珠海市", out)

    def test_scaffold_content(self):
        _, doc = self.scaffold()
        self.assertEqual(doc["jurisdiction"], CODE)
        self.assertEqual(doc["name"], "深圳市")
        self.assertEqual(doc["parent"], "440000000000")
        self.assertEqual([r["code"] for r in doc["regions"]], [CODE])
        self.assertEqual(doc["schemes"], [])
        # national defaults, each cited, each saying to replace it
        plan = doc["planning"]
        self.assertEqual(plan["slots_per_1000"]["value"], "4.5")
        self.assertEqual(plan["nursing_share_percent"]["value"], "55")
        self.assertEqual(plan["land_m2_per_resident"]["value"], "0.1")
        self.assertIn("国发〔2021〕35号", plan["nursing_share_percent"]["source"])
        for key, std in plan.items():
            self.assertTrue(std["source"], key)
            self.assertIn("请换成本地规划", std["note"], key)
        # one example of each kind, each marked 例：
        kinds = {}
        for ind in doc["indicators"]:
            self.assertTrue(ind["note"].startswith("例："), ind["id"])
            if ind["target"] is None:
                # the count is the descriptive example: no target
                self.assertIsNone(ind.get("denominator"), ind["id"])
                kinds["count"] = ind
            elif ind["target"]["op"] == "text":
                kinds["text"] = ind
            elif ind["numerator"] is None:
                kinds["reported"] = ind
            elif ind.get("denominator"):
                kinds["ratio"] = ind
            else:
                kinds["count"] = ind
        self.assertEqual(sorted(kinds), ["count", "ratio", "reported", "text"])
        self.assertEqual(kinds["ratio"]["factor"], 100)
        self.assertNotIn("numerator", {k for k, v in kinds["text"].items() if v})
        names = {r["name"] for r in doc["reported_elements"]}
        self.assertIn(kinds["reported"]["id"], names)

    def test_new_refuses_to_overwrite(self):
        d, doc = self.scaffold()
        path = os.path.join(d, CODE + ".json")
        with open(path, "a", encoding="utf-8") as f:
            f.write(" ")
        size = os.path.getsize(path)
        rc, _, err = self.laoxiao("policy", "new", "--code", CODE, "--name", "深圳市",
                                  "--policies", d)
        self.assertEqual(rc, 1)
        self.assertIn(path, err)
        self.assertEqual(os.path.getsize(path), size)
        out = os.path.join(self.tmp, "mine.json")
        open(out, "w").close()
        rc, _, err = self.laoxiao("policy", "new", "--code", CODE, "--name", "深圳市",
                                  "--out", out)
        self.assertEqual(rc, 1)
        self.assertIn("--out", err)
        self.assertEqual(os.path.getsize(out), 0)

    def test_new_bad_options(self):
        d = self.folder("bad")
        rc, _, err = self.laoxiao("policy", "new", "--code", CODE, "--policies", d)
        self.assertEqual(rc, 2)
        self.assertIn("--name: is required", err)
        rc, _, err = self.laoxiao("policy", "new", "--code", "4403", "--name", "x",
                                  "--policies", d)
        self.assertEqual(rc, 1)
        self.assertIn("--code", err)
        rc, _, err = self.laoxiao("policy", "new", "--code", CODE, "--name", "x",
                                  "--parent", "450000", "--policies", d)
        self.assertEqual(rc, 1)
        self.assertIn("--parent", err)
        self.assertEqual(os.listdir(d), [])
        # --out names the file; the folder's name is free
        out = os.path.join(self.tmp, "draft.json")
        rc, printed, err = self.laoxiao("policy", "new", "--code", CODE, "--name", "深圳市",
                                        "--out", out)
        self.assertEqual(rc, 0, err)
        self.assertEqual(printed.strip(), out)

    def test_planning_only_file(self):
        doc = {"jurisdiction": CODE, "name": "深圳市",
               "planning": {"slots_per_1000": {"value": "4.5", "source": "规划 第1行"}}}
        rc, out, err = self.check({CODE: doc})
        self.assertEqual(rc, 0, err)
        self.assertIn("0 indicators in 0 groups, 0 reported elements, 0 facts", out)

    def test_row_without_base(self):
        _, doc = self.scaffold()
        ok = copy.deepcopy(doc)
        del ok["indicators"][0]["base"]
        rc, _, err = self.check({CODE: ok})
        self.assertEqual(rc, 0, err)
        bad = copy.deepcopy(doc)
        bad["indicators"][0]["base"] = "2020"
        self.refused(bad, "indicators[0].base", "must be an object")

    def test_text_target_with_formula(self):
        _, doc = self.scaffold()
        i = next(k for k, ind in enumerate(doc["indicators"])
                 if (ind["target"] or {}).get("op") == "text")
        bad = copy.deepcopy(doc)
        bad["indicators"][i]["numerator"] = "beds"
        self.refused(bad, "indicators[%d].numerator" % i,
                     "a text target is not computed; remove the formula or give "
                     "a numeric target")
        bad = copy.deepcopy(doc)
        bad["indicators"][i]["numerator"] = "beds"
        bad["indicators"][i]["denominator"] = "facilities"
        self.refused(bad, "indicators[%d].numerator" % i, "a text target is not computed")

    def test_unknown_element_names_the_nearest(self):
        _, doc = self.scaffold()
        doc["indicators"][0]["numerator"] = "aged60"
        self.refused(doc, "indicators[0].numerator",
                     "unknown data element 'aged60'; did you mean aged_60, aged_65, "
                     "aged_80?")

    def test_element_no_import_can_fill(self):
        # declared only in the sibling city's file: it loads, but an import
        # for 深圳 is refused, so the row would read 无数据 for ever
        _, doc = self.scaffold()
        other = {"jurisdiction": OTHER, "name": "珠海市",
                 "reported_elements": [{"name": "elder_canteens", "label": "老年食堂数",
                                        "aggregation": "sum"}]}
        bad = copy.deepcopy(doc)
        bad["indicators"][1]["numerator"] = "elder_canteens"
        self.refused(bad, "indicators[1].numerator",
                     "reported element 'elder_canteens' is declared only in the file "
                     "of '%s'" % OTHER, {OTHER: other})
        i = next(k for k, ind in enumerate(doc["indicators"])
                 if ind["numerator"] is None and ind["target"]["op"] != "text")
        bad = copy.deepcopy(doc)
        bad["indicators"][i]["id"] = "elder_canteens"
        self.refused(bad, "indicators[%d].numerator" % i,
                     "no import can fill it for '%s'" % CODE, {OTHER: other})
        # declared in the file above: fine
        above = dict(other, jurisdiction="440000000000", name="广东省")
        ok = copy.deepcopy(doc)
        ok["indicators"][1]["numerator"] = "elder_canteens"
        rc, _, err = self.check({CODE: ok, "440000000000": above})
        self.assertEqual(rc, 0, err)

    def test_target_year_not_after_base(self):
        _, doc = self.scaffold()
        for year in (2025, 2026):
            bad = copy.deepcopy(doc)
            bad["indicators"][0]["base"] = {"year": year, "value": "50"}
            self.refused(bad, "indicators[0].target.year",
                         "the target year must come after the base year")
        ok = copy.deepcopy(doc)
        ok["indicators"][0]["base"] = {"year": 2024, "value": "50"}
        rc, _, err = self.check({CODE: ok})
        self.assertEqual(rc, 0, err)

    def test_codes_outside_the_jurisdiction(self):
        _, doc = self.scaffold()
        outside = "'%s' is not under this file's jurisdiction '%s'"
        bad = copy.deepcopy(doc)
        bad["regions"].append({"code": OTHER, "name": "珠海市"})
        self.refused(bad, "regions[1].code", outside % (OTHER, CODE))
        bad = copy.deepcopy(doc)
        bad["indicators"][0]["applies_to"] = "jurisdiction"
        bad["indicators"][0]["regional_targets"] = [
            {"region": "440304000000", "value": "10", "source": "规划"},
            {"region": "440402000000", "value": "10", "source": "规划"}]
        self.refused(bad, "indicators[0].regional_targets[1].region",
                     outside % ("440402000000", CODE))
        bad = copy.deepcopy(doc)
        bad["facts"] = [{"element": "example_reported", "region": OTHER,
                         "period": "2024", "value": 90, "source": "年鉴"}]
        self.refused(bad, "facts[0].region", outside % (OTHER, CODE))
        bad = copy.deepcopy(doc)
        bad["parent"] = "450000000000"
        self.refused(bad, "parent", "must be the 12-digit code of a region above")
        # a district under the city, in each place, is fine
        ok = copy.deepcopy(doc)
        ok["regions"].append({"code": "440304000000", "name": "福田区"})
        ok["indicators"][0]["applies_to"] = "jurisdiction"
        ok["indicators"][0]["regional_targets"] = [
            {"region": "440304000000", "value": "10", "source": "规划"}]
        ok["facts"] = [{"element": "example_reported", "region": "440304000000",
                        "period": "2024", "value": 90, "source": "年鉴"}]
        rc, _, err = self.check({CODE: ok})
        self.assertEqual(rc, 0, err)

    def test_misspelt_keys_name_the_nearest(self):
        _, doc = self.scaffold()
        bad = copy.deepcopy(doc)
        bad["indicators"][0]["denominater"] = bad["indicators"][0].pop("denominator")
        self.refused(bad, "indicators[0].denominater",
                     "is not a known key; did you mean denominator")
        bad = copy.deepcopy(doc)
        bad["indicators"][1]["numerator"] = "beds.elderly_instituton"
        self.refused(bad, "indicators[1].numerator",
                     "'beds.elderly_instituton' narrows a registry element by an "
                     "unknown or repeated filter; did you mean elderly_institution")
        bad = copy.deepcopy(doc)
        bad["planning"]["slots_per_100"] = bad["planning"].pop("slots_per_1000")
        self.refused(bad, "planning.slots_per_100",
                     "is not a known planning key; did you mean slots_per_1000, "
                     "slots_per_1000_new, slots_per_1000_old?")


if __name__ == "__main__":
    unittest.main()
