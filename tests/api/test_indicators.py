"""Indicators: every seed table row served with the seed's texts, the seeds'
own ratios recomputed, roll-up (sum over sum, never a mean of ratios),
status against the straight line, division by zero, reported values (PUT and
CSV import), previous period and series, bulletins (HTML / CSV / XLSX),
policy files (list, reload, `policy check`), region scope, and the CLI.

Expected numbers are computed here from the seed figures (quoted next to
them), never read back from the server."""

import datetime
from fractions import Fraction as F
import glob
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import zipfile

import harness
from harness import ApiTestCase, childcare_body, facility_body, login_as, make_city

REPO = os.path.normpath(os.path.join(harness.HERE, "..", ".."))
POLICY_DIR = os.path.join(REPO, "policies")
PASSWORD = "correct horse battery"

BAZHONG = "511900000000"     # 巴中市, seed 000
BAZHOU = "511902000000"      # 巴州区 (under 巴中市)
ENYANG = "511903000000"      # 恩阳区 (under 巴中市)
DAZHOU = "511700000000"      # 达州市, seed 003
DAZHU = "511724000000"       # 大竹县 (under 达州市), seed 001
KAIZHOU = "500154000000"     # 开州区, seed 002
JINGDEZHEN = "360200000000"  # 景德镇市, seed 004

# Rows per group of each seed table.
SEED_ROW_COUNTS = {
    BAZHONG: {"elderly": 23, "childcare": 21},  # 表1 (23 rows), 表2 (21 rows)
    DAZHU: {"elderly": 16, "quality": 1},        # 专栏一; 专栏7 第309行
    KAIZHOU: {"main": 27},                       # 附件
    JINGDEZHEN: {"main": 22},                    # 主要指标
    DAZHOU: {"overall": 3},                      # 一、总体要求
}
# Seed jurisdictions that inherit another seed jurisdiction's file.
INHERITS = {DAZHU: [DAZHOU]}

# Column headers of the bulletin, as the officials read them.
BULLETIN_NAME_COL = "指标"

STATUS_LABELS = {"met": "已达标", "on_track": "进度正常", "behind": "滞后", "no_data": "无数据",
                 "missed": "未达标", "no_target": "无本级目标"}


def tearDownModule():
    harness.stop_module_server(__name__)


def load_policy_files(folder=POLICY_DIR):
    """{jurisdiction: (file name, document)} read straight from the files."""
    out = {}
    for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        out[doc["jurisdiction"]] = (os.path.basename(path), doc)
    return out


def half_up(x, places):
    """x (exact: an int, a Fraction or decimal text) rounded half up (四舍五入)
    to places decimals, as decimal text; worked out in integers."""
    x = F(x)
    scaled = x * 10 ** places
    n = (abs(scaled.numerator) * 2 + scaled.denominator) // (2 * scaled.denominator)
    n = -n if x < 0 else n
    text = str(abs(n)).rjust(places + 1, "0")
    out = text if not places else text[:-places] + "." + text[-places:]
    return ("-" if n < 0 else "") + out


def fmt2(x, stated=0):
    """The display of an exact figure (docs/policy.md): rounded half up to the
    stated places; a value that is not whole shows at least 2."""
    x = F(x)
    return half_up(x, stated if x.denominator == 1 else max(stated, 2))


def is_ratio(row):
    """docs/policy.md "Whose target": a ratio, share, per-1,000 or per-person
    figure applies to each region under the plan; a total does not."""
    if row.get("applies_to"):
        return row["applies_to"] == "each_region"
    return bool(row.get("denominator")) or any(
        u in (row.get("unit") or "") for u in ("%", "‰", "/")) or any(
        w in row["name"] for w in ("每千", "每百", "每万", "人均", "占比", "比例", "比重", "率"))


OP_LABELS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "", "text": ""}


def line_value(base, base_year, target, target_year, at_year):
    """The straight line from the base to the target, at a year."""
    return base + (target - base) * (at_year - base_year) / (target_year - base_year)


# Literal rows from the seed tables (the seed's text exactly). Each entry:
# (id, name, unit, base {"year","value","text"}, target (op, value or text),
# attribute, department).
def B(year, value=None, text=None):
    return {"year": year, "value": value, "text": text}


SPOT_CHECKS = {
    # seeds/000 表1“十四五”时期养老服务主要发展指标 and 表2“十四五”时期托育服务主要发展指标
    # (columns 2020年基数 / 2025年目标值; no 属性 or 责任部门 columns: both are
    # filled by the rules of policies/README.md "Attribute and department rules")
    BAZHONG: [
        ("bazhong.elderly.01", "全市养老床位", "万张", B(2020, "2"), (">=", "2.3"), "binding", "市民政局、市自然资源和规划局"),
        ("bazhong.elderly.02", "全市护理型养老床位占比", "%", B(2020, "50"), (">=", "55"), "binding", "市民政局"),
        ("bazhong.elderly.03", "社会化运营的床位占比", "%", B(2020), (">=", "65"), "indicative", "市发展改革委"),
        ("bazhong.elderly.07", "所有街道和有条件的乡镇建有社区养老服务综合体", "%",
         B(2020, "17.65"), (">=", "100"), "indicative", "市民政局"),
        ("bazhong.childcare.02", "3岁以下儿童系统管理", "%", B(2020, "98.40"), (">=", "98"),
         "indicative", "市卫生健康委"),
        ("bazhong.childcare.14", "公共场所和用人单位配置标准化的母婴设施", "%", B(2020, "100"),
         ("=", "100"), "indicative", "市卫生健康委"),
        ("bazhong.childcare.17", "婴幼儿照护服务综合管理网络建立情况", None, B(2020, text="未建"),
         ("text", "建立"), "indicative", "市卫生健康委"),
        ("bazhong.childcare.21", "骨干婴幼儿照护服务企业数", "个", B(2020, "0"), (">=", "10"),
         "indicative", "市经济和信息化局、市科技局"),
    ],
    # seeds/001 专栏一 “十四五”时期大竹县养老服务发展主要指标 (2020年基期值, 2025年目标值, 指标属性;
    # 责任部门 by the rule of policies/README.md)
    DAZHU: [
        ("dazhu.elderly.01", "养老服务床位总量", "万", B(2020, "0.31"), (">=", "0.45"),
         "indicative", "县民政局"),
        ("dazhu.elderly.06", "新建城区、新建居住区配套建设社区养老服务设施达标率", "%", B(2020),
         ("=", "100"), "binding", "县民政局"),
        ("dazhu.elderly.08", "养老机构护理型床位占比", "%", B(2020, "30"), (">=", "55"),
         "binding", "县民政局"),
    ],
    # seeds/002 附件 开州区养老托育服务健康发展主要指标 (2020年, 2025年, 指标属性, 责任部门)
    KAIZHOU: [
        ("kaizhou.main.01", "基本养老保险参保率", "%", B(2020, "95"), (">=", "95"), "indicative",
         "区人力社保局"),
        ("kaizhou.main.06", "新建城区和新建居住区配套建设养老服务设施达标率", "%", B(2020),
         ("=", "100"), "indicative", "区民政局、区规划自然资源局"),
        ("kaizhou.main.07", "每千名老年人养老床位数", "张", B(2020, "30.8"), (">=", "35"),
         "binding", "区民政局"),
        ("kaizhou.main.11", "老年人健康管理率", "%", B(2020, "66.26"), (">", "70"), "binding",
         "区卫生健康委"),
    ],
    # seeds/004 养老托育服务体系建设和事业发展主要指标 (目标值 (2025年) only: no base)
    JINGDEZHEN: [
        ("jingdezhen.main.01", "基本养老保险参保率", "%", B(None), (">=", "95.5"), "indicative",
         "市人社局"),
        ("jingdezhen.main.04", "生活特困人员集中供养率", "%", B(None), (">", "65"), "binding",
         "市民政局"),
        ("jingdezhen.main.10", "老年大学覆盖面", None, B(None), ("text", "每县(市、区)至少一所"),
         "binding", "市委老干部局、市教体局"),
        ("jingdezhen.main.13", "婴幼儿托位总数", None, B(None), (">=", "7367"), "binding",
         "市卫健委"),
    ],
    # seeds/003 一、总体要求: "到2025年，全市每千人口拥有3岁以下婴幼儿托位数达到4.5个，
    # 全市养老床位达到3万张，护理型养老床位占比达到55%以上" (属性 and 责任部门 by the
    # rule of policies/README.md)
    DAZHOU: [
        ("dazhou.overall.01", "全市每千人口拥有3岁以下婴幼儿托位数", "个", B(None), (">=", "4.5"),
         "binding", "市卫生健康委"),
        ("dazhou.overall.02", "全市养老床位", "万张", B(None), (">=", "3"), "binding", "市民政局"),
        ("dazhou.overall.03", "护理型养老床位占比", "%", B(None), (">=", "55"), "binding", "市民政局"),
    ],
}


class IndicatorCase(ApiTestCase):
    """Shortcuts shared by the indicator tests."""

    def indicators(self, region, period, client=None):
        c = client or self.admin
        r = c.get("/api/v1/indicators", params={"region": region, "period": period})
        self.assertStatus(r, 200, "GET indicators of %s for %s" % (region, period))
        doc = r.json
        self.assertEqual(doc.get("region"), region, "the response names the region asked for")
        self.assertIsInstance(doc.get("indicators"), list, "indicators is a list")
        return doc

    def indicator(self, region, period, ind_id):
        doc = self.indicators(region, period)
        found = [i for i in doc["indicators"] if i.get("id") == ind_id]
        self.assertEqual(len(found), 1, "expected exactly one indicator %r for %s %s, got ids %r"
                         % (ind_id, region, period, [i.get("id") for i in doc["indicators"]]))
        return found[0]

    def evaluate(self, region, period, numerator, denominator=None, factor=None, client=None):
        c = client or self.admin
        r = c.get("/api/v1/indicators/evaluate",
                  params={"region": region, "period": period, "numerator": numerator,
                          "denominator": denominator, "factor": factor})
        self.assertStatus(r, 200, "evaluate %s / %s × %s at %s %s"
                          % (numerator, denominator, factor, region, period))
        return r.json

    def report(self, element, region, period, value=None, text=None, client=None,
               source="api test"):
        body = {"element": element, "region": region, "period": period, "source": source}
        if text is not None:
            body["text"] = text
        else:
            body["value"] = value
        r = (client or self.admin).put("/api/v1/reported", body)
        self.assertStatus(r, 200, "PUT reported %r" % body)
        return r.json

    def assertValue(self, ind, expected, what, stated=None):
        """value and display = the exact expected figure rounded half up to
        the indicator's places (its target's and base's, at least 2 when not
        whole), as decimal text with the rule beside it."""
        if stated is None:
            stated = max([len(v.split(".")[1]) if v and "." in v else 0
                          for v in ((ind.get("target") or {}).get("value"),
                                    (ind.get("base") or {}).get("value"))] or [0])
        want = fmt2(expected, stated)
        self.assertIsNotNone(ind.get("value"), "%s: expected value %r, got null: %r"
                             % (what, want, ind))
        self.assertEqual((ind["value"], ind.get("display")), (want, want),
                         "%s: expected %s (exactly %s) rounded half up, got %r"
                         % (what, want, expected, ind))
        self.assertEqual(ind.get("rounding"), "half_up", "%s: the rule is stated" % what)
        self.assertEqual(ind.get("places"), len(want.split(".")[1]) if "." in want else 0,
                         "%s: the places are stated" % what)

    def assertStatusIs(self, ind, status, what):
        self.assertEqual(ind.get("status"), status, "%s: expected status %r, got %r (value %r)"
                         % (what, status, ind.get("status"), ind.get("value")))
        self.assertEqual(ind.get("status_label"), STATUS_LABELS[status],
                         "%s: expected status_label %r" % (what, STATUS_LABELS[status]))


# --------------------------------------------------------------------------
# 1. Seed tables


class SeedTablesTest(IndicatorCase):
    PERIOD = "2025"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.files = load_policy_files()

    def expected_rows(self, region):
        rows = list(self.files[region][1]["indicators"])
        for anc in INHERITS.get(region, []):
            rows += self.files[anc][1]["indicators"]
        return rows

    def check_row(self, served, row, where, owner=None):
        """owner: the plan's jurisdiction when the row is served at a region
        under it (docs/policy.md "Whose target")."""
        name = row["name"]
        if owner:
            name = re.sub(r"^全[市县区]", "", name)
        for k in ("group", "seq", "unit", "attribute", "department", "source", "note"):
            self.assertEqual(served.get(k), row.get(k),
                             "%s: %s expected %r (policy file), got %r"
                             % (where, k, row.get(k), served.get(k)))
        self.assertEqual(served.get("name"), name,
                         "%s: the name as a region %s the plan reads it"
                         % (where, "under" if owner else "of"))
        base, target = row["base"], row["target"]
        want_target = {"year": target.get("year"), "op": target.get("op"),
                       "op_label": OP_LABELS[target.get("op")],
                       "value": target.get("value"), "text": target.get("text")}
        want_base = {"year": base.get("year"), "value": base.get("value"),
                     "text": base.get("text")}
        if owner:
            want_target["stated_by"] = owner
            if not is_ratio(row):
                # a total of the plan above: no target of the region's own
                want_target = None
                want_base = {"year": None, "value": None, "text": None}
                self.assertEqual(served.get("status"), "no_target", where)
        self.assertEqual(served.get("base"), want_base, "%s: base as in the policy file" % where)
        self.assertEqual(served.get("target"), want_target,
                         "%s: target as in the policy file" % where)
        if row.get("numerator"):
            self.assertEqual(served.get("origin"), "computed", "%s: a row with a formula is "
                             "computed" % where)
            f = served.get("formula") or {}
            self.assertEqual((f.get("numerator"), f.get("denominator")),
                             (row["numerator"], row.get("denominator")),
                             "%s: formula as in the policy file" % where)
            factor = row.get("factor")
            self.assertEqual(F(f.get("factor")), F(str(factor if factor is not None else 1)),
                             "%s: factor %r expected, as decimal text" % (where, factor))
        else:
            self.assertEqual(served.get("origin"), "reported",
                             "%s: a row without numerator is reported" % where)

    def test_every_row_of_every_seed_table(self):
        self.assertEqual(sorted(self.files), sorted(SEED_ROW_COUNTS),
                         "policies/ holds exactly the five seed jurisdictions")
        for region, counts in SEED_ROW_COUNTS.items():
            with self.subTest(region=region):
                doc = self.indicators(region, self.PERIOD)
                self.assertEqual(doc.get("jurisdiction"), region,
                                 "%s: the nearest policy is its own" % region)
                self.assertEqual(doc.get("period"), self.PERIOD)
                self.assertEqual(doc.get("as_of"), "2025-12-31", "as_of is the period's last day")
                served = doc["indicators"]
                rows = self.expected_rows(region)
                self.assertEqual(sorted(i["id"] for i in served), sorted(r["id"] for r in rows),
                                 "%s: the ids of its own file%s" % (
                                     region, " plus the inherited 达州 rows" if region == DAZHU
                                     else ""))
                own = [i for i in served if i["id"].split(".")[0]
                       == self.files[region][1]["indicators"][0]["id"].split(".")[0]]
                by_group = {}
                for i in own:
                    by_group[i["group"]] = by_group.get(i["group"], 0) + 1
                self.assertEqual(by_group, counts, "%s: rows per group of the seed table" % region)
                group_ids = [g.get("id") for g in doc.get("groups", [])]
                for i in served:
                    self.assertIn(i["group"], group_ids,
                                  "%s: group %r of %s is listed in groups" % (region, i["group"],
                                                                              i["id"]))
                byid = {r["id"]: r for r in rows}
                for i in served:
                    owner = next((j for j in INHERITS.get(region, [])
                                  if i["id"].startswith(self.files[j][1]["indicators"][0]
                                                        ["id"].split(".")[0] + ".")), None)
                    self.check_row(i, byid[i["id"]], "%s %s" % (region, i["id"]), owner)
                # In each group, binding indicators behind or missed come first,
                # then the rest, each part in the table's order.
                for g in group_ids:
                    rows_g = [i for i in served if i["group"] == g]
                    key = lambda i: (i["id"].split(".")[0], i["seq"])
                    alert = [key(i) for i in rows_g if i["attribute"] == "binding"
                             and i["status"] in ("behind", "missed")]
                    rest = [key(i) for i in rows_g if key(i) not in alert]
                    self.assertEqual([key(i) for i in rows_g], sorted(alert) + sorted(rest),
                                     "%s group %s: alerts first, then the table's order"
                                     % (region, g))
        # 大竹 inherits the three 达州 overall targets.
        doc = self.indicators(DAZHU, self.PERIOD)
        inherited = sorted(i["id"] for i in doc["indicators"] if i["id"].startswith("dazhou."))
        self.assertEqual(inherited, ["dazhou.overall.01", "dazhou.overall.02",
                                     "dazhou.overall.03"],
                         "大竹县 (under 达州市) inherits 达州's 3 overall targets")

    def test_literal_seed_rows(self):
        for region, rows in SPOT_CHECKS.items():
            doc = self.indicators(region, self.PERIOD)
            served = {i["id"]: i for i in doc["indicators"]}
            for ind_id, name, unit, base, (op, tv), attribute, department in rows:
                with self.subTest(region=region, id=ind_id):
                    self.assertIn(ind_id, served, "%s serves %s" % (region, ind_id))
                    i = served[ind_id]
                    self.assertEqual((i["name"], i["unit"]), (name, unit),
                                     "%s: seed name and unit" % ind_id)
                    self.assertEqual(i["seq"], int(ind_id[-2:]), "%s: row number" % ind_id)
                    self.assertEqual(i["base"], base, "%s: seed base %r" % (ind_id, base))
                    want_t = {"year": 2025, "op": op, "op_label": OP_LABELS[op],
                              "value": None if op == "text" else tv,
                              "text": tv if op == "text" else None}
                    self.assertEqual(i["target"], want_t, "%s: seed target %r" % (ind_id, want_t))
                    self.assertEqual((i["attribute"], i["department"]), (attribute, department),
                                     "%s: seed 属性 and 责任部门" % ind_id)
        # 达州's rows as 大竹县 inherits them.
        served = {i["id"]: i for i in self.indicators(DAZHU, self.PERIOD)["indicators"]}
        for ind_id, name, unit, base, (op, tv), attribute, department in SPOT_CHECKS[DAZHOU]:
            # 大竹县 reads 达州's rows without 全市; the per-1,000 target is inherited,
            # the city's 3万张 beds is 达州's total, not 大竹's
            got = served[ind_id]
            local = re.sub(r"^全[市县区]", "", name)
            want = (local, op, tv, DAZHOU) if ind_id != "dazhou.overall.02" else (local,)
            have = ((got["name"],) + ((got["target"]["op"], got["target"]["value"],
                                       got["target"]["stated_by"]) if got["target"] else ()))
            self.assertEqual(have, want, "大竹县 sees 达州 row %s: %r" % (ind_id, got))

    def test_policies_listed(self):
        r = self.admin.get("/api/v1/policies")
        self.assertStatus(r, 200, "GET /api/v1/policies")
        items = r.json.get("items")
        self.assertIsInstance(items, list, "policies: items is a list")
        self.assertEqual(len(items), 5, "five policy files are loaded: %r" % items)
        got = {p.get("jurisdiction"): p for p in items}
        for code, (fname, doc) in self.files.items():
            self.assertIn(code, got, "policy of %s listed" % code)
            p = got[code]
            self.assertEqual((p.get("name"), p.get("file"), p.get("indicators"), p.get("groups")),
                             (doc["name"], fname, len(doc["indicators"]), len(doc["groups"])),
                             "listing of %s matches its file" % fname)
        # a region with no policy above it (四川省) has no indicators
        doc = self.indicators("510000000000", self.PERIOD)
        self.assertEqual((doc.get("jurisdiction"), doc["indicators"]), (None, []),
                         "四川省 has no policy: no jurisdiction, no indicators")


# --------------------------------------------------------------------------
# 1b. Direction of targets: each comparator as the plan words it

# The seeds (the five published plans) sit beside the repository in
# ../shared/seeds when it is checked out with them; the quotes below are
# checked against those lines when the folder is there.
SEED_DIR = os.environ.get("LAOXIAO_SEEDS") or os.path.normpath(
    os.path.join(REPO, "..", "shared", "seeds"))
SEED_FILES = {"000": "000_e7311d885af442f3.txt", "001": "001_e6026dc463d5175f.txt",
              "002": "002_b6526c2e8ad6c504.txt", "003": "003_b8a9dfd8cad781d5.txt",
              "004": "004_4e88682039944ece.txt"}

# (indicator id, seed, 1-based line, the words on that line that state the
# target). A sample of rows of every preset file.
TARGET_WORDING = {
    "360200000000-jingdezhen.json": [
        ("jingdezhen.main.05", "004", 81, "全市养老服务床位总量达到 10500 张"),
        ("jingdezhen.main.13", "004", 87, "全市托育服务床位总量达到7367张"),
        ("jingdezhen.main.14", "004", 87, "每千人口 3 岁以下婴幼儿托位数达到 4.5个"),
        ("jingdezhen.main.21", "004", 131, "普惠性托育床位达到托位总数的65%"),
        ("jingdezhen.main.07", "004", 145, "月探访率达到100%"),
        ("jingdezhen.main.03", "004", 127, "集中供养率达到 100%"),
        ("jingdezhen.main.06", "004", 97, "养老机构护理型床位占比(%)\t≥60"),
        ("jingdezhen.main.16", "004", 107, "托育机构登记备案率(%)\t> 80"),
    ],
    "500154000000-kaizhou.json": [
        ("kaizhou.main.25", "002", 18, "不少于4.5个"),
    ],
    "511700000000-dazhou.json": [
        ("dazhou.overall.01", "003", 45, "千人口拥有 3岁以下婴幼儿托位数达到 4.5个"),
        ("dazhou.overall.02", "003", 45, "全市养老床位达"),
        ("dazhou.overall.03", "003", 47, "护理型养老床位占比达到 55%以上"),
    ],
    "511724000000-dazhu.json": [
        ("dazhu.elderly.01", "001", None, "≥0.45"),
        ("dazhu.elderly.13", "001", None, "养老服务人员培训率（%）"),
        ("dazhu.quality.01", "001", 309, "全县60%的养老机构达到一级标准"),
    ],
    "511900000000-bazhong.json": [
        ("bazhong.elderly.23", "000", 303, "建有率达65%"),
        ("bazhong.childcare.15", "000", 267, "建成市托育服务指导中心1个"),
        ("bazhong.childcare.16", "000", 267, "建成市托育服务指导中心1个、县级区域综合托育中心5个"),
        ("bazhong.elderly.01", "000", None, "全市养老床位（万张）"),
    ],
}

# What the wording says, in the order it is checked.
WORDING_OPS = [
    (re.compile(r"不超过|以内|(?<!岁)以下|不高于"), "<="),  # not "3岁以下"
    (re.compile(r"≥|不少于|不低于|以上|至少"), ">="),
    (re.compile(r"> ?\d"), ">"),
    (re.compile(r"100%$"), "="),
    (re.compile(r"达到?|建成"), ">="),
]


def wording_op(words):
    for pattern, op in WORDING_OPS:
        if pattern.search(words):
            return op
    return None


class TargetDirectionTest(ApiTestCase):
    """Every preset row's comparator is the one its seed's wording means:
    a level to reach (达到, 不少于, 以上, ≥) is >=, 100% is =, never the
    other way round; and no numeric row keeps = for anything but 100."""

    def test_sampled_rows_follow_the_seed_wording(self):
        files = {os.path.basename(p): json.load(open(p, encoding="utf-8"))
                 for p in glob.glob(os.path.join(POLICY_DIR, "*.json"))}
        self.assertEqual(sorted(files), sorted(TARGET_WORDING), "a sample for every preset")
        seeds_here = os.path.isdir(SEED_DIR)
        for name, rows in TARGET_WORDING.items():
            byid = {i["id"]: i for i in files[name]["indicators"]}
            for ind_id, seed, line, words in rows:
                with self.subTest(row=ind_id):
                    if seeds_here:
                        with open(os.path.join(SEED_DIR, SEED_FILES[seed]),
                                  encoding="utf-8") as f:
                            lines = f.read().split("\n")
                        where = [lines[line - 1]] if line else lines
                        self.assertTrue(any(words.replace("\\t", "\t") in x for x in where),
                                        "%s: seed %s line %s says %r" % (ind_id, seed, line, words))
                    ind = byid[ind_id]
                    target = ind["target"]
                    if words.endswith("（%）") or words.endswith("（万张）"):
                        # a table head: the row's own target cell decides
                        want = ">=" if target["value"] != "100" else "="
                    else:
                        want = wording_op(words.split("\\t")[-1])
                    self.assertEqual(target["op"], want,
                                     "%s: %r means %s, the file says %s"
                                     % (ind_id, words, want, target["op"]))

    def test_exact_only_for_100(self):
        for path in glob.glob(os.path.join(POLICY_DIR, "*.json")):
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
            for ind in doc["indicators"]:
                if ind["target"]["op"] == "=":
                    self.assertEqual(F(ind["target"]["value"]), 100,
                                     "%s %s: an exact target is only a true equality "
                                     "(100%%), not %r" % (os.path.basename(path), ind["id"],
                                                          ind["target"]["value"]))

    def test_pages_print_the_symbol(self):
        # the served target says ≥ / ≤ beside the machine op, and the bulletin
        # prints the symbol, never ">="
        admin = self.server.admin()
        r = admin.get("/api/v1/indicators", params={"region": JINGDEZHEN, "period": "2025"})
        self.assertStatus(r, 200)
        t13 = next(i for i in r.json["indicators"] if i["id"] == "jingdezhen.main.13")["target"]
        self.assertEqual((t13["op"], t13["op_label"], t13["value"]), (">=", "≥", "7367"))
        for fmt in ("csv", "html"):
            r = admin.get("/api/v1/reports/bulletin",
                          params={"region": JINGDEZHEN, "period": "2025", "format": fmt})
            self.assertStatus(r, 200)
            self.assertIn("≥7367", r.text, "the bulletin (%s) prints ≥7367" % fmt)
            m = re.search(r"(>|&gt;|<|&lt;)=\d", r.text)
            self.assertIsNone(m, "the bulletin (%s) never prints %r" % (fmt, m and m.group(0)))


# --------------------------------------------------------------------------
# 2. Seed ratios


class SeedRatiosTest(IndicatorCase):
    def test_bazhong_2023_05(self):
        # seeds/000 一、（一）: "截至2023年5月底 ... 建成养老机构74所，床位8749张，其中护理型床位4961张，
        # 占比56.7%" and "全市现有托位4662个"; 常住人口为271.29万人 (2020 census).
        doc = self.indicators(BAZHONG, "2023-05")
        self.assertEqual(doc.get("as_of"), "2023-05-31")
        inds = {i["id"]: i for i in doc["indicators"]}
        e2 = inds["bazhong.elderly.02"]
        self.assertValue(e2, F(4961, 8749) * 100, "巴中 2023-05 护理型床位占比 4961/8749×100")
        self.assertEqual(e2["display"], "56.70", "seed: 占比56.7%")
        self.assertEqual((e2.get("numerator"), e2.get("denominator")), ("4961", "8749"),
                         "numerator and denominator of 养老机构 nursing beds / beds")
        self.assertStatusIs(e2, "met", "56.70 ≥ 55")
        c9 = inds["bazhong.childcare.09"]
        self.assertValue(c9, F(4662, 2712900) * 1000, "巴中 2023-05 每千人口托位数 4662/2712900×1000")
        self.assertEqual(c9["display"], "1.72", "seed: 全市每千常住人口托位1.7个 (1.72)")
        self.assertEqual(c9.get("denominator"), "2712900",
                         "residents of 2020, the latest year before 2023")
        # base 0.72 (2020) → 4.5 (2025): the line is past 2.2 by the end of 2022
        self.assertGreater(line_value(0.72, 2020, 4.5, 2025, 2022), 4662 / 2712900 * 1000)
        self.assertStatusIs(c9, "behind", "1.72 per 1000 is below the line to 4.5")
        c7 = inds["bazhong.childcare.07"]
        self.assertValue(c7, 14, "备案托育机构14家")
        self.assertEqual(c7["origin"], "computed")

    def test_bazhong_private_ratio(self):
        # "全市现有民办养老机构17家，养老床位3811张，护理型床位2579张，占比67.67%"
        ev = self.evaluate(BAZHONG, "2023-05", "nursing_beds.elderly_institution.private",
                           "beds.elderly_institution.private", 100)
        self.assertEqual(ev["value"], half_up(F(2579, 3811) * 100, 2),
                         "expected 2579/3811×100 rounded half up: %r" % ev)
        self.assertEqual(ev["display"], fmt2(F(2579, 3811) * 100))
        self.assertEqual(ev["display"], "67.67", "seed: 占比67.67%")
        self.assertEqual(ev["elements"], {"nursing_beds.elderly_institution.private": "2579",
                                          "beds.elderly_institution.private": "3811"},
                         "elements used and their values")
        self.assertEqual(ev.get("as_of"), "2023-05-31")

    def test_jingdezhen_2020(self):
        # seeds/004: "全市公办福利院、敬老院现有床位2163张 ... 现入住老人为740人，入住率仅为34.21%";
        # "共有床位数 4059 张 ... 政府运营的养老床位比例为53.29%"
        ev = self.evaluate(JINGDEZHEN, "2020", "occupied_beds.elderly_institution.public",
                           "beds.elderly_institution.public", 100)
        self.assertEqual(ev["value"], half_up(F(740, 2163) * 100, 2),
                         "入住率 740/2163×100: %r" % ev)
        self.assertEqual(ev["display"], "34.21", "seed: 入住率仅为34.21%")
        ev = self.evaluate(JINGDEZHEN, "2020", "beds.elderly_institution.public",
                           "beds.elderly_institution", 100)
        self.assertEqual(ev["value"], half_up(F(2163, 4059) * 100, 2),
                         "政府运营 2163/4059×100: %r" % ev)
        self.assertEqual(ev["display"], "53.29", "seed: 政府运营的养老床位比例为53.29%")
        # and two table rows from the 2020 facts: 托位 4036 of which 普惠 2541, 常住人口 161.90万
        inds = {i["id"]: i for i in self.indicators(JINGDEZHEN, "2020")["indicators"]}
        self.assertValue(inds["jingdezhen.main.21"], F(2541, 4036) * 100, "景德镇 普惠托育托位占比")
        self.assertValue(inds["jingdezhen.main.14"], F(4036, 1619000) * 1000,
                         "景德镇 每千人口托位数 4036/1619000×1000")

    def test_kaizhou_2021(self):
        # seeds/002: "我区常住人口120.33万人，其中60岁及以上人口为27.4万人"
        ev = self.evaluate(KAIZHOU, "2021", "aged_60", "residents", 100)
        self.assertEqual(ev["value"], half_up(F(274000, 1203300) * 100, 2),
                         "aged_60/residents×100: %r" % ev)
        self.assertEqual(ev["display"], "22.77", "27.4万 / 120.33万 = 22.77%")
        inds = {i["id"]: i for i in self.indicators(KAIZHOU, "2021")["indicators"]}
        # 每千名老年人养老床位数: 9130 beds / 274000 aged 60+ × 1000
        k7 = inds["kaizhou.main.07"]
        self.assertValue(k7, F(9130, 274000) * 1000, "开州 2021 每千名老年人养老床位数")
        line = line_value(30.8, 2020, 35, 2025, 2021)
        self.assertGreaterEqual(9130 / 274000 * 1000, line)
        self.assertStatusIs(k7, "on_track", "33.32 ≥ the line %.2f at 2021" % line)
        self.assertValue(inds["kaizhou.main.08"], F(4930, 9130) * 100, "开州 2021 护理型床位占比")
        self.assertValue(inds["kaizhou.main.25"], F(1514, 1203300) * 1000, "开州 2021 每千人口托位数")

    def test_population_is_latest_year_up_to_the_period(self):
        r = self.admin.get("/api/v1/population", params={"region": BAZHONG})
        self.assertStatus(r, 200)
        years = sorted(it["year"] for it in r.json["items"] if it["metric"] == "residents")
        self.assertIn(2020, years, "巴中 has residents for 2020")
        latest = max(y for y in years if y <= 2023)
        want = [it["value"] for it in r.json["items"]
                if it["metric"] == "residents" and it["year"] == latest][0]
        ev = self.evaluate(BAZHONG, "2023-05", "residents")
        self.assertEqual(ev["value"], str(want), "residents at 2023-05 = the %d figure" % latest)
        if min(years) > 2019:
            ev = self.evaluate(BAZHONG, "2019", "residents")
            self.assertIsNone(ev["value"], "no residents figure in or before 2019: null, not 0")


# --------------------------------------------------------------------------
# 3. Roll-up and 5. division by zero


class RollupTest(IndicatorCase):
    PERIOD = "2024"

    def test_city_ratio_is_sum_over_sum(self):
        city, (a, b) = make_city(self.admin, self.server.next_city_code(), "比率汇总测试市")
        self.admin.create_facility(facility_body(a, name="县甲小型养老院", beds=10,
                                                 nursing_beds=9, occupied_beds=5))
        self.admin.create_facility(facility_body(b, name="县乙大型养老院", beds=1000,
                                                 nursing_beds=100, occupied_beds=500))
        num, den = "nursing_beds.elderly_institution", "beds.elderly_institution"
        va = self.evaluate(a, self.PERIOD, num, den, 100)["value"]
        vb = self.evaluate(b, self.PERIOD, num, den, 100)["value"]
        self.assertEqual(va, "90", "county A 9/10")
        self.assertEqual(vb, "10", "county B 100/1000")
        ev = self.evaluate(city, self.PERIOD, num, den, 100)
        want = F(9 + 100, 10 + 1000) * 100
        mean = (F(va) + F(vb)) / 2
        self.assertEqual((ev["numerator"], ev["denominator"]), ("109", "1010"),
                         "the city sums its counties' beds first: %r" % ev)
        self.assertEqual(ev["value"], half_up(want, 2),
                         "city ratio = 109/1010×100 = %s, got %r" % (half_up(want, 4), ev))
        self.assertEqual(ev["display"], "10.79")
        self.assertGreater(abs(F(ev["value"]) - mean), 1,
                           "the city ratio must not be the mean of county ratios (%.2f)" % mean)
        # before any facility opened (2021-06-01), the city has no data rather than 0
        ev = self.evaluate(city, "2020", "beds")
        self.assertIsNone(ev["value"], "no facility open on 2020-12-31: no value: %r" % ev)
        self.assertEqual(ev["elements"], {"beds": None})
        # 0/0: no childcare beds at all
        ev = self.evaluate(city, self.PERIOD, "nursing_beds.childcare_institution",
                           "beds.childcare_institution", 100)
        self.assertEqual((ev["value"], ev["display"], ev["numerator"], ev["denominator"]),
                         (None, None, "0", "0"), "0/0 gives no value: %r" % ev)

    def test_registry_as_of_period_end(self):
        city, (a, b) = make_city(self.admin, self.server.next_city_code(), "时点测试市")
        f = self.admin.create_facility(facility_body(a, name="扩建养老院", beds=100,
                                                     nursing_beds=50, occupied_beds=10,
                                                     capacity_date="2023-01-01"))
        self.admin.ok("PATCH", "/api/v1/facilities/%d" % f["id"],
                      json_body={"beds": 200, "capacity_date": "2024-06-01"})
        g = self.admin.create_facility(facility_body(b, name="关闭养老院", beds=7, nursing_beds=1,
                                                     occupied_beds=1,
                                                     capacity_date="2023-01-01"))
        self.admin.ok("POST", "/api/v1/facilities/%d/close" % g["id"],
                      json_body={"closed_on": "2024-02-10", "closed_reason": "api test"})
        # capacity 100 from 2023-01-01, 200 from 2024-06-01; the other one closed 2024-02-10
        for period, want in (("2023", 107), ("2024Q1", 100), ("2024-05", 100),
                             ("2024-06", 200), ("2024Q2", 200), ("2024", 200)):
            ev = self.evaluate(city, period, "beds")
            self.assertEqual(ev["value"], str(want), "beds of the city as of the end of %s: %d (%r)"
                             % (period, want, ev))
        self.assertIsNone(self.evaluate(b, "2024", "beds")["value"],
                          "a county whose only facility closed has no value, not 0")

    def test_reported_rollup(self):
        p = "2022"
        # a count (aggregation sum) adds up; a rate (aggregation none) is never averaged
        self.report("bazhong.childcare.18", BAZHOU, p, 300)
        self.report("bazhong.childcare.18", ENYANG, p, 450)
        self.report("bazhong.elderly.16", BAZHOU, p, 95)
        self.report("bazhong.elderly.16", ENYANG, p, 97)
        inds = {i["id"]: i for i in self.indicators(BAZHONG, p)["indicators"]}
        self.assertValue(inds["bazhong.childcare.18"], 750, "专业人才数 (sum) at the city = 300+450")
        self.assertIsNone(inds["bazhong.elderly.16"]["value"],
                          "参保率 (a rate) reported by counties only: the city has no value, "
                          "not the mean 96: %r" % inds["bazhong.elderly.16"])
        self.assertStatusIs(inds["bazhong.elderly.16"], "no_data", "unreported rate")
        own = self.indicator(BAZHOU, p, "bazhong.elderly.16")
        self.assertValue(own, 95, "巴州区's own rate")
        # a figure reported at the city itself wins over the sum
        self.report("bazhong.childcare.18", BAZHONG, p, 800)
        self.assertValue(self.indicator(BAZHONG, p, "bazhong.childcare.18"), 800,
                         "the city's own report wins over its counties' sum")


class PartialRollupTest(IndicatorCase):
    """A value resting on a population figure that sums only some of the
    region's children says so, "3个县（区）中1个", in the API, the CLI and
    the bulletin; a figure of the region's own, or one summing every
    child, says nothing."""

    def test_partial_population_sum_is_named(self):
        city, counties = make_city(self.admin, self.server.next_city_code(), "部分汇总测试市",
                                   n_counties=3)
        a = counties[0]
        self.admin.create_facility(facility_body(a, name="部分汇总养老院", beds=40,
                                                 nursing_beds=20, occupied_beds=10))
        self.admin.put_population(a, 2024, "aged_60", 20000)
        ev = self.evaluate(city, "2024", "beds", "aged_60", 1000)
        # 40 beds over the only county with a figure: 40 / 20000 × 1000 = 2
        self.assertEqual(ev["value"], "2")
        self.assertEqual(ev.get("partial"), {"covered": 1, "children": 3,
                                             "note": "1 of 3 counties",
                                             "note_zh": "3个县（区）中1个"}, ev)
        self.assertNotIn("partial", self.evaluate(a, "2024", "beds", "aged_60", 1000),
                         "the county's own figure is whole")
        # every county given: the sum is whole again
        for c, v in zip(counties[1:], (30000, 50000)):
            self.admin.put_population(c, 2024, "aged_60", v)
        ev = self.evaluate(city, "2024", "beds", "aged_60", 1000)
        self.assertEqual(ev["value"], "0.40", "40 / 100000 × 1000")
        self.assertNotIn("partial", ev)

    def test_partial_sum_in_the_plan_views(self):
        # 巴中's 每千人口托位数 (slots / residents) at 巴州区 in a year whose
        # only population figure is one of its two new townships'; on a
        # server of its own, since a facility changes 巴中's figures
        server = harness.Server(label="partial-rollup")
        self.addCleanup(server.stop)
        admin = server.admin()
        admin.create_region("511902981000", "部分甲街道", "township", BAZHOU)
        admin.create_region("511902982000", "部分乙街道", "township", BAZHOU)
        admin.put_population("511902981000", 2031, "residents", 50000)
        admin.create_facility(harness.childcare_body(BAZHOU, name="部分汇总托育园"))
        r = admin.get("/api/v1/indicators", params={"region": BAZHOU, "period": "2031"})
        self.assertStatus(r, 200)
        (ind,) = [i for i in r.json["indicators"] if i["id"] == "bazhong.childcare.09"]
        self.assertEqual(ind.get("partial", {}).get("note_zh"), "2个乡镇（街道）中1个", ind)
        r = admin.get("/api/v1/reports/bulletin",
                      params={"region": BAZHOU, "period": "2031", "format": "csv"})
        self.assertStatus(r, 200)
        self.assertIn("仅2个乡镇（街道）中1个", r.body.decode("utf-8-sig"),
                      "the bulletin says the sum is partial")
        p = harness.run_cli(["indicators", "--region", BAZHOU, "--period", "2031"],
                            server.db)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        self.assertIn("仅2个乡镇（街道）中1个", p.stdout.decode(), "and so does the CLI")


class DivisionTest(IndicatorCase):
    def assertNoInfinity(self, r):
        for bad in ("inf", "nan"):
            self.assertNotIn(bad, r.text.lower(), "expected no %r in the body: %s"
                             % (bad, r.summary()))

    def test_division_by_zero_is_no_value(self):
        for den in ("0", "beds.elderly_institution - 8749", "0 * beds.elderly_institution"):
            r = self.admin.get("/api/v1/indicators/evaluate",
                               params={"region": BAZHONG, "period": "2023-05",
                                       "numerator": "nursing_beds.elderly_institution",
                                       "denominator": den, "factor": "100"})
            self.assertStatus(r, 200, "4961 / (%s) is no value, not an error" % den)
            self.assertNoInfinity(r)
            ev = r.json
            self.assertEqual((ev["value"], ev["display"]), (None, None),
                             "4961 / (%s): expected value and display null: %r" % (den, ev))
            self.assertEqual((ev["numerator"], ev["denominator"]), ("4961", "0"),
                             "numerator 4961 and denominator 0 are shown: %r" % ev)
        r = self.admin.get("/api/v1/indicators/evaluate",
                           params={"region": BAZHONG, "period": "2023-05",
                                   "numerator": "nursing_beds.elderly_institution / 0"})
        self.assertStatus(r, 200, "division by zero inside the numerator")
        self.assertNoInfinity(r)
        self.assertIsNone(r.json["value"], "x / 0 in an expression: no value: %s" % r.summary())

    def test_zero_denominator_indicator_is_no_data(self):
        # a new county under 达州市 (inherits its 3 overall targets) with one 托育机构 and no beds
        county = "511798000000"
        self.admin.create_region(county, "零床位测试县", "county", DAZHOU)
        self.admin.create_facility(childcare_body(county, name="零床位测试托育园"))
        r = self.admin.get("/api/v1/indicators", params={"region": county, "period": "2024"})
        self.assertStatus(r, 200)
        self.assertNoInfinity(r)
        inds = {i["id"]: i for i in r.json["indicators"]}
        self.assertEqual(r.json["jurisdiction"], DAZHOU, "the county inherits 达州's policy")
        d3 = inds["dazhou.overall.03"]
        self.assertEqual((d3["value"], d3["display"], d3["numerator"], d3["denominator"]),
                         (None, None, "0", "0"), "nursing_beds / beds = 0/0: no value: %r" % d3)
        self.assertStatusIs(d3, "no_data", "0/0")
        d2 = inds["dazhou.overall.02"]
        self.assertValue(d2, 0, "beds × 0.0001 with a facility registered but no beds is 0")

    def test_malformed_expression_422(self):
        for param, text in (("numerator", "nursing_beds +"), ("numerator", "(beds"),
                            ("numerator", "beds * * 2"), ("denominator", "beds )")):
            params = {"region": BAZHONG, "period": "2023-05", "numerator": "beds"}
            params[param] = text
            r = self.admin.get("/api/v1/indicators/evaluate", params=params)
            err = self.assertError(r, 422, field=param, what="%s=%r" % (param, text))
            m = re.search(r"position (\d+)", err["message"])
            self.assertTrue(m, "%s=%r: expected the position in the message, got %r"
                            % (param, text, err["message"]))
            pos = int(m.group(1))
            self.assertTrue(0 <= pos <= len(text) + 1, "%s=%r: position %d inside the text"
                            % (param, text, pos))
        r = self.admin.get("/api/v1/indicators/evaluate",
                           params={"region": BAZHONG, "period": "2023-05",
                                   "numerator": "beds.no_such_filter"})
        self.assertError(r, 422, field="numerator", what="unknown filter on a registry element")
        r = self.admin.get("/api/v1/indicators/evaluate",
                           params={"region": BAZHONG, "period": "2023-05"})
        self.assertError(r, 422, field="numerator", what="numerator missing")
        r = self.admin.get("/api/v1/indicators/evaluate",
                           params={"region": BAZHONG, "period": "2023-05", "numerator": "beds",
                                   "factor": "0"})
        self.assertError(r, 422, field="factor", what="factor 0")


# --------------------------------------------------------------------------
# 4. Status


class StatusTest(IndicatorCase):
    def test_line_status_bazhong_elderly_02(self):
        ind_id, p = "bazhong.elderly.02", "2023"
        ind = self.indicator(BAZHONG, p, ind_id)
        # nothing reported or registered for 2023 itself: the plan's stated
        # 2023-05 figures (4961 of 8749 nursing beds) stay in force, dated
        self.assertValue(ind, F(4961, 8749) * 100, "the 2023-05 facts in force in 2023")
        self.assertEqual(ind.get("stated"), {"period": "2023-05", "label": "截至2023年5月"},
                         "the value says the date it is as of: %r" % ind)
        self.assertStatusIs(ind, "met", "56.70 ≥ 55")
        num, den = ind["formula"]["numerator"], ind["formula"]["denominator"]
        base, target = float(ind["base"]["value"]), float(ind["target"]["value"])
        self.assertEqual((base, target, ind["base"]["year"], ind["target"]["year"]),
                         (50, 55, 2020, 2025), "seed: 50 (2020) → ≥55 (2025)")
        line = line_value(base, 2020, target, 2025, 2023)
        self.assertAlmostEqual(line, 53, delta=1e-12)
        self.report(den, BAZHONG, p, 100)
        for n, status in ((54, "on_track"), (53, "on_track"), (52, "behind"), (55, "met"),
                          (60, "met")):
            self.report(num, BAZHONG, p, n)
            ind = self.indicator(BAZHONG, p, ind_id)
            self.assertValue(ind, F(n, 100) * 100, "%s = %d/100 reported" % (ind_id, n))
            self.assertStatusIs(ind, status, "%d%% at 2023 (line %.0f, target ≥55)" % (n, line))
            if status != "met":
                # the straight line at the end of 2023: 50 + (55 - 50) × 3/5, exactly
                self.assertEqual(ind.get("expected"), "53", "the line is served: %r" % ind)
        # at the end of the target year, and after it, short of the target is
        # missed (未达标), not behind
        self.report(den, BAZHONG, "2025", 100)
        self.report(num, BAZHONG, "2025", 54)
        self.assertStatusIs(self.indicator(BAZHONG, "2025", ind_id), "missed",
                            "54%% at the end of 2025 (the target year) is missed")
        self.report(den, BAZHONG, "2026", 100)
        self.report(num, BAZHONG, "2026", 54.5)
        self.assertStatusIs(self.indicator(BAZHONG, "2026", ind_id), "missed",
                            "54.5%% in 2026, after the target year, is missed")
        # within the target year, before its end, the line still applies
        self.report(den, BAZHONG, "2025Q2", 100)
        self.report(num, BAZHONG, "2025Q2", 54.5)
        self.assertStatusIs(self.indicator(BAZHONG, "2025Q2", ind_id), "on_track",
                            "54.5%% by mid-2025: the line is at 54.5")

    def test_text_target(self):
        ind = self.indicator(BAZHONG, "2023", "bazhong.childcare.17")
        self.assertEqual(ind["target"], {"year": 2025, "op": "text", "op_label": "",
                                         "value": None, "text": "建立"})
        self.assertStatusIs(ind, "no_data", "text target, nothing reported")
        ind_id = ind["id"]
        self.report(ind_id, BAZHONG, "2023", text="未建")
        ind = self.indicator(BAZHONG, "2023", ind_id)
        self.assertStatusIs(ind, "on_track", "未建 in 2023, before the target year")
        self.assertEqual(ind["display"], "未建", "display is the reported text")
        self.report(ind_id, BAZHONG, "2023", text="建立")
        ind = self.indicator(BAZHONG, "2023", ind_id)
        self.assertStatusIs(ind, "met", "建立 = the target text")
        self.assertEqual(ind["display"], "建立")
        self.report(ind_id, BAZHONG, "2025", text="未建")
        self.assertStatusIs(self.indicator(BAZHONG, "2025", ind_id), "missed",
                            "未建 at the end of 2025, the target year: missed")
        # nothing reported for 2024: 2023's 建立 stays in force, dated
        ind = self.indicator(BAZHONG, "2024", ind_id)
        self.assertStatusIs(ind, "met", "建立 reported for 2023 still holds in 2024")
        self.assertEqual((ind["display"], ind.get("stated")),
                         ("建立", {"period": "2023", "label": "截至2023年"}))
        self.assertStatusIs(self.indicator(BAZHONG, "2022", ind_id), "no_data",
                            "nothing reported for 2022 or before")


# --------------------------------------------------------------------------
# 7. Previous period and change, 8. series


class PreviousAndSeriesTest(IndicatorCase):
    ID = "bazhong.elderly.16"  # 基本养老保险参保率 96.2 (2020) → ≥96.5 (2025), reported

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for p, v in (("2023", 96.3), ("2024", 96.45)):
            cls.admin.ok("PUT", "/api/v1/reported",
                         json_body={"element": cls.ID, "region": BAZHONG, "period": p,
                                    "value": v, "source": "市人力资源社会保障局"})

    def test_previous_and_change(self):
        ind = self.indicator(BAZHONG, "2024", self.ID)
        self.assertEqual(ind["origin"], "reported")
        self.assertValue(ind, 96.45, "2024 reported")
        self.assertEqual(ind["previous"], {"period": "2023", "value": "96.30", "display": "96.30"},
                         "previous is 2023's 96.3")
        self.assertIsNotNone(ind["change"], "a change when both periods have values")
        self.assertEqual(ind["change"], "0.15",
                         "change = 96.45 - 96.3 exactly, got %r" % ind["change"])
        self.assertStatusIs(ind, "on_track", "96.45 ≥ line %.2f at 2024"
                            % line_value(96.2, 2020, 96.5, 2025, 2024))
        ind = self.indicator(BAZHONG, "2023", self.ID)
        self.assertEqual(ind["previous"], {"period": "2022", "value": None, "display": None},
                         "nothing reported at 巴中市 for 2022")
        self.assertIsNone(ind["change"], "no change without a previous value")
        self.assertStatusIs(ind, "behind", "96.3 < line %.2f at 2023"
                            % line_value(96.2, 2020, 96.5, 2025, 2023))
        for p, prev in (("2024Q1", "2023Q4"), ("2024-01", "2023-12"), ("2024Q3", "2024Q2"),
                        ("2024-07", "2024-06")):
            self.assertEqual(self.indicator(BAZHONG, p, self.ID)["previous"]["period"], prev,
                             "the period before %s is %s" % (p, prev))

    def test_series(self):
        path = "/api/v1/indicators/%s/series" % self.ID
        r = self.admin.get(path, params={"region": BAZHONG, "from": "2022", "to": "2025"})
        self.assertStatus(r, 200, "series 2022–2025")
        body = r.json
        self.assertEqual((body.get("id"), body.get("region"), body.get("name")),
                         (self.ID, BAZHONG, "基本养老保险参保率"))
        pts = body["points"]
        self.assertEqual([p["period"] for p in pts], ["2022", "2023", "2024", "2025"],
                         "points in period order")
        # a reported value stays in force until a newer one replaces it:
        # 2024's 96.45 is 2025's figure too, dated, and misses ≥96.5 then
        self.assertEqual([p["value"] for p in pts], [None, "96.30", "96.45", "96.45"],
                         "the reported values at their periods, the last one in force")
        self.assertEqual([p["display"] for p in pts], [None, "96.30", "96.45", "96.45"])
        self.assertEqual([p.get("stated") for p in pts],
                         [None, None, None, {"period": "2024", "label": "截至2024年"}])
        self.assertEqual([p["status"] for p in pts], ["no_data", "behind", "on_track", "missed"])
        # default range: from the base year (2020) to the later of this year and 2025
        r = self.admin.get(path, params={"region": BAZHONG})
        self.assertStatus(r, 200, "series, default range")
        years = [int(p["period"]) for p in r.json["points"]]
        this_year = datetime.date.today().year
        self.assertEqual(years[0], 2020, "starts at the base year")
        self.assertEqual(years, list(range(2020, years[-1] + 1)), "every year, in order")
        self.assertIn(years[-1], {max(y, 2025) for y in (this_year - 1, this_year, this_year + 1)},
                      "ends at the later of this year and the target year")
        # quarters
        r = self.admin.get(path, params={"region": BAZHONG, "from": "2023Q3", "to": "2024Q2"})
        self.assertStatus(r, 200)
        self.assertEqual([p["period"] for p in r.json["points"]],
                         ["2023Q3", "2023Q4", "2024Q1", "2024Q2"], "quarters in order")
        r = self.admin.get(path, params={"region": BAZHONG, "from": "2022", "to": "2024Q1"})
        self.assertError(r, (400, 422), what="from and to of different kinds")
        r = self.admin.get("/api/v1/indicators/kaizhou.main.01/series", params={"region": BAZHONG})
        self.assertError(r, 404, what="开州 indicator does not apply to 巴中")


# --------------------------------------------------------------------------
# 9. Reported values: PUT validation and CSV import


class ReportedTest(IndicatorCase):
    def kaizhou_2022(self):
        return {i["id"]: i for i in self.indicators(KAIZHOU, "2022")["indicators"]}

    def test_import_all_or_nothing(self):
        with open(harness.data_path("indicators", "reported_bad_last_row.csv"), "rb") as f:
            bad = f.read()
        with open(harness.data_path("indicators", "reported_ok.csv"), "rb") as f:
            ok = f.read()
        r = self.admin.import_csv("reported", bad)
        self.assertError(r, 422, field="row 5, column period",
                         what="reported import with a bad period in the last row")
        errors = r.json.get("errors")
        self.assertIsInstance(errors, list, "errors lists every bad cell: %s" % r.summary())
        self.assertEqual([(e.get("row"), e.get("column")) for e in errors], [(5, "period")],
                         "the one bad cell: row 5, column period")
        inds = self.kaizhou_2022()
        for ind_id in ("kaizhou.main.01", "kaizhou.main.13", "kaizhou.main.14"):
            self.assertIsNone(inds[ind_id]["value"],
                              "refused import stored nothing: %s 2022 must be null" % ind_id)
        j10 = self.indicator(JINGDEZHEN, "2022", "jingdezhen.main.10")
        self.assertStatusIs(j10, "no_data", "refused import stored no text either")

        r = self.admin.import_csv("reported", ok)
        self.assertStatus(r, 200, "the good file imports")
        self.assertEqual(r.json.get("imported"), 4, "4 rows imported: %s" % r.summary())
        inds = self.kaizhou_2022()
        self.assertValue(inds["kaizhou.main.01"], 95.2, "imported 参保率")
        self.assertValue(inds["kaizhou.main.13"], 77.6, "imported 人均预期寿命")
        self.assertValue(inds["kaizhou.main.14"], 2, "imported 骨干养老企业数量")
        j10 = self.indicator(JINGDEZHEN, "2022", "jingdezhen.main.10")
        self.assertEqual(j10["display"], "每县(市、区)至少一所", "imported text")
        self.assertStatusIs(j10, "met", "reported text = target text")

    def test_put_validation(self):
        base = {"element": "kaizhou.main.02", "region": KAIZHOU, "period": "2023", "value": 96,
                "source": "test"}
        cases = (
            ({"text": "x"}, "value"),             # both value and text
            ({"value": "9x6"}, "value"),          # text that is not a decimal
            ({"value": "1e3"}, "value"),          # no exponent
            ({"value": "0.1234567890123456"}, "value"),  # beyond 15 digits
            ({"value": True}, "value"),
            ({"period": "2023-13"}, "period"),
            ({"period": "23"}, "period"),
            ({"region": "500154999000"}, "region"),
            ({"element": "beds.no_such_filter"}, "element"),
            ({"element": ""}, "element"),
            ({"colour": "red"}, "colour"),
        )
        for over, field in cases:
            body = dict(base, **over)
            r = self.admin.put("/api/v1/reported", body)
            self.assertError(r, 422, field=field, what="PUT reported with %r" % over)
        body = dict(base)
        del body["value"]
        self.assertError(self.admin.put("/api/v1/reported", body), 422, field="value",
                         what="neither value nor text")
        self.assertIsNone(self.indicator(KAIZHOU, "2023", "kaizhou.main.02")["value"],
                          "refused PUTs stored nothing")
        # a good one echoes what was stored
        r = self.admin.put("/api/v1/reported", base)
        self.assertStatus(r, 200)
        self.assertEqual((r.json["element"], r.json["region"], r.json["period"], r.json["value"]),
                         ("kaizhou.main.02", KAIZHOU, "2023", "96"))
        self.assertValue(self.indicator(KAIZHOU, "2023", "kaizhou.main.02"), 96, "stored")
        # decimal text is taken as written, and read back exactly
        r = self.admin.put("/api/v1/reported", dict(base, value="96.125"))
        self.assertStatus(r, 200)
        self.assertEqual(r.json["value"], "96.125")
        self.assertValue(self.indicator(KAIZHOU, "2023", "kaizhou.main.02"), F("96.125"),
                         "96.125 shown half up")


# --------------------------------------------------------------------------
# 6. Bulletins


def html_escape(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def open_xlsx(data):
    try:
        import openpyxl
    except ImportError:
        raise AssertionError("python3-openpyxl is needed to read the XLSX bulletin "
                             "(apt-get install -y python3-openpyxl; run with /usr/bin/python3)")
    return openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True)


def xlsx_table(data):
    """(header, data rows) of the first sheet: the header is the first row
    that has a cell 指标."""
    ws = open_xlsx(data).worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    for k, r in enumerate(rows):
        if BULLETIN_NAME_COL in r:
            body = [x for x in rows[k + 1:] if any(c not in (None, "") for c in x)]
            return r, body
    raise AssertionError("XLSX bulletin: no header row with a cell %r: %r"
                         % (BULLETIN_NAME_COL, rows[:3]))


class BulletinTest(IndicatorCase):
    def bulletin(self, region, period, fmt):
        r = self.admin.get("/api/v1/reports/bulletin",
                           params={"region": region, "period": period, "format": fmt})
        self.assertStatus(r, 200, "bulletin %s %s %s" % (region, period, fmt))
        return r

    def test_html(self):
        doc = self.indicators(BAZHONG, "2025")
        self.assertEqual(len(doc["indicators"]), 44, "巴中 2025: 23 + 21 rows")
        r = self.bulletin(BAZHONG, "2025", "html")
        self.assertTrue((r.header("Content-Type") or "").startswith("text/html"),
                        "expected text/html, got %r" % r.header("Content-Type"))
        text = r.text
        self.assertIn("巴中市", text, "the bulletin names the region")
        for i in doc["indicators"]:
            self.assertIn(html_escape(i["name"]), text,
                          "HTML bulletin has indicator %s %r" % (i["id"], i["name"]))
        for g in doc["groups"]:
            self.assertIn(html_escape(g["name"]), text, "HTML bulletin has group %r" % g["name"])
        r = self.admin.get("/api/v1/reports/bulletin", params={"region": BAZHONG, "period": "2025"})
        self.assertStatus(r, 200, "format defaults to html")
        self.assertTrue((r.header("Content-Type") or "").startswith("text/html"))
        r = self.admin.get("/api/v1/reports/bulletin",
                           params={"region": BAZHONG, "period": "2025", "format": "pdf"})
        self.assertError(r, (400, 422), field="format", what="format=pdf")

    def test_csv(self):
        doc = self.indicators(BAZHONG, "2025")
        r = self.bulletin(BAZHONG, "2025", "csv")
        self.assertTrue((r.header("Content-Type") or "").startswith("text/csv"),
                        "expected text/csv, got %r" % r.header("Content-Type"))
        self.assertTrue(r.body.startswith(b"\xef\xbb\xbf"), "CSV starts with a UTF-8 BOM")
        self.assertIn("attachment", r.header("Content-Disposition") or "",
                      "CSV comes as an attachment")
        rows = harness.parse_csv(r.body)
        header, data = rows[0], [x for x in rows[1:] if x]
        self.assertIn(BULLETIN_NAME_COL, header, "Chinese header row: %r" % header)
        for h in header:
            self.assertTrue(re.search(r"[\u4e00-\u9fff]", h), "header cell %r is Chinese" % h)
        self.assertEqual(len(data), 44, "44 indicator rows (23 elderly + 21 childcare)")
        col = header.index(BULLETIN_NAME_COL)
        self.assertEqual([x[col] for x in data], [i["name"] for i in doc["indicators"]],
                         "CSV rows are the indicators in order")
        if "基期值" in header:
            b = header.index("基期值")
            for x, i in zip(data, doc["indicators"]):
                want = i["base"]["value"] or i["base"]["text"]
                if want:
                    self.assertEqual(x[b], want, "%s: base as the seed prints it" % i["id"])

    def test_no_file_name_on_the_page(self):
        # an official reads the document's title, never a seed file name
        doc = self.indicators(BAZHONG, "2025")
        e2 = next(i for i in doc["indicators"] if i["id"] == "bazhong.elderly.02")
        self.assertEqual(e2["source_label"], "《巴中市“一老一小”整体解决方案》表1“十四五”时期养老服务主要发展指标 第2行")
        self.assertTrue(all(g["source_label"].startswith("《") for g in doc["groups"]))
        for region in (BAZHONG, DAZHU, KAIZHOU, JINGDEZHEN, DAZHOU):
            for fmt in ("html", "csv"):
                text = self.bulletin(region, "2025", fmt).text
                self.assertNotRegex(text, r"\.txt\b", "%s %s bulletin: no file name" % (region, fmt))

    def test_xlsx(self):
        doc = self.indicators(BAZHONG, "2025")
        r = self.bulletin(BAZHONG, "2025", "xlsx")
        self.assertTrue(r.body.startswith(b"PK"), "XLSX is a zip: %r" % r.body[:8])
        cd = r.header("Content-Disposition") or ""
        self.assertIn("attachment", cd, "XLSX comes as an attachment: %r" % cd)
        self.assertIn(".xlsx", cd, "the file name ends in .xlsx: %r" % cd)
        self.assertIn("spreadsheetml", r.header("Content-Type") or "")
        header, data = xlsx_table(r.body)
        self.assertEqual(len(data), 44, "44 indicator rows in the sheet")
        col = header.index(BULLETIN_NAME_COL)
        self.assertEqual([x[col] for x in data], [i["name"] for i in doc["indicators"]],
                         "XLSX names in order")

    def test_csv_guards_formulas(self):
        # a department's text for 景德镇 row 19 (text target 逐步完善) that a spreadsheet would run
        text = '=HYPERLINK("http://example.invalid","逐步完善")'
        self.report("jingdezhen.main.19", JINGDEZHEN, "2021", text=text)
        self.assertEqual(self.indicator(JINGDEZHEN, "2021", "jingdezhen.main.19")["display"], text)
        rows = harness.parse_csv(self.bulletin(JINGDEZHEN, "2021", "csv").body)
        cells = [c for r in rows for c in r]
        self.assertNotIn(text, cells, "the formula is not written as a bare cell")
        self.assertIn("'" + text, cells, "the text is written with a leading ' (as the exports)")
        xlsx = self.bulletin(JINGDEZHEN, "2021", "xlsx").body
        header, data = xlsx_table(xlsx)
        self.assertIn(text, [c for r in data for c in r], "XLSX holds the reported text")
        with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
            sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/") and
                      n.endswith(".xml")]
            self.assertTrue(sheets, "XLSX has a worksheet: %r" % z.namelist())
            for n in sheets:
                self.assertNotIn("<f>", z.read(n).decode("utf-8"),
                                 "%s: the text is a string cell, never a formula" % n)

    def test_binding_behind_first(self):
        p = "2023"
        # 大竹 专栏一: row 7 社区日间照料机构覆盖率 约束性 70 → ≥90; row 13 养老服务人员培训率 约束性
        # 90 → 100; row 5 区域性养老服务中心覆盖率 预期性 30 → ≥60; row 2 约束性 30 → ≥60.
        self.report("dazhu.elderly.07", DAZHU, p, 71)   # line 82: behind
        self.report("dazhu.elderly.13", DAZHU, p, 91)   # line 96: behind
        self.report("dazhu.elderly.05", DAZHU, p, 31)   # line 48: behind, but indicative
        self.report("dazhu.elderly.02", DAZHU, p, 50)   # line 48: on track
        doc = self.indicators(DAZHU, p)
        inds = {i["id"]: i for i in doc["indicators"]}
        for ind_id, status in (("dazhu.elderly.07", "behind"), ("dazhu.elderly.13", "behind"),
                               ("dazhu.elderly.05", "behind"), ("dazhu.elderly.02", "on_track")):
            self.assertStatusIs(inds[ind_id], status, "大竹 2023 " + ind_id)
        elderly = [i["id"] for i in doc["indicators"] if i["group"] == "elderly"]
        want = (["dazhu.elderly.07", "dazhu.elderly.13"]
                + ["dazhu.elderly.%02d" % n for n in range(1, 17) if n not in (7, 13)])
        self.assertEqual(elderly, want, "binding and behind first (in table order), then the "
                         "rest in table order")
        overall = [i["id"] for i in doc["indicators"] if i["group"] == "overall"]
        self.assertEqual(overall, ["dazhou.overall.01", "dazhou.overall.02", "dazhou.overall.03"])
        # the bulletin keeps that order
        r = self.bulletin(DAZHU, p, "csv")
        rows = harness.parse_csv(r.body)
        col = rows[0].index(BULLETIN_NAME_COL)
        names = [x[col] for x in rows[1:] if x]
        self.assertEqual(names, [i["name"] for i in doc["indicators"]],
                         "CSV bulletin in the same order as the JSON")
        self.assertEqual(names.index(inds["dazhu.elderly.07"]["name"]),
                         1 + names.index(inds["dazhou.overall.03"]["name"]),
                         "row 7 opens the elderly group in the bulletin")
        html = self.bulletin(DAZHU, p, "html").text
        self.assertLess(html.index(html_escape(inds["dazhu.elderly.07"]["name"])),
                        html.index(html_escape(inds["dazhu.elderly.01"]["name"])),
                        "HTML: binding-behind row 7 before row 1")


# --------------------------------------------------------------------------
# 9b. Stated facts stay in force until superseded (a server of its own, so
# no other test's reports for 巴中 stand in the way)


class StatedFactsTest(ApiTestCase):
    """巴中's plan states, as of 2023-05, 8,749 beds of which 4,961 nursing
    (seed 000 一、（一）“截至2023年5月底……床位8749张，其中护理型床位4961张，
    占比56.7%”). That figure shows in the 2023 bulletin and later ones, dated,
    until a newer figure replaces it."""

    @classmethod
    def setUpClass(cls):
        cls.server = harness.Server(label="stated-facts")
        cls.admin = cls.server.admin()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def bulletin_cell(self, period, name, col="本期值"):
        r = self.admin.get("/api/v1/reports/bulletin",
                           params={"region": BAZHONG, "period": period, "format": "csv"})
        self.assertEqual(r.status, 200, r.summary())
        rows = harness.parse_csv(r.body)
        header = rows[0]
        row = next(x for x in rows[1:] if x and x[header.index(BULLETIN_NAME_COL)] == name)
        return row[header.index(col)]

    def nursing_share(self, period):
        r = self.admin.get("/api/v1/indicators", params={"region": BAZHONG, "period": period})
        self.assertEqual(r.status, 200, r.summary())
        return next(i for i in r.json["indicators"] if i["id"] == "bazhong.elderly.02")

    def test_in_force_until_superseded(self):
        want = half_up(F(4961, 8749) * 100, 2)
        self.assertEqual(want, "56.70", "seed: 占比56.7%")
        name = self.nursing_share("2023")["name"]
        for period in ("2023", "2024", "2025", "2026Q1"):
            ind = self.nursing_share(period)
            self.assertEqual((ind["value"], ind.get("stated")),
                             (want, {"period": "2023-05", "label": "截至2023年5月"}),
                             "%s: the 2023-05 figure, dated: %r" % (period, ind))
            self.assertEqual(self.bulletin_cell(period, name), "56.70（截至2023年5月）",
                             "%s bulletin: the stated figure with its date" % period)
        # before the date it is stated for, it is not yet a fact
        self.assertIsNone(self.nursing_share("2023-04")["value"], "not before 2023-05")
        self.assertIsNone(self.nursing_share("2022")["value"], "not in 2022")
        # at its own period it is the period's figure, undated
        ind = self.nursing_share("2023-05")
        self.assertEqual((ind["value"], ind.get("stated")), (want, None))
        # a newer report replaces it from its period on, not before
        for element, value in (("nursing_beds.elderly_institution", 5200),
                               ("beds.elderly_institution", 9000)):
            self.admin.ok("PUT", "/api/v1/reported", json_body={
                "element": element, "region": BAZHONG, "period": "2025", "value": value,
                "source": "api test"})
        ind = self.nursing_share("2025")
        self.assertEqual((ind["value"], ind.get("stated")), (half_up(F(5200, 9000) * 100, 2), None))
        self.assertEqual(self.nursing_share("2024").get("stated"),
                         {"period": "2023-05", "label": "截至2023年5月"})
        ind = self.nursing_share("2026")
        self.assertEqual((ind["value"], ind["stated"]["period"]),
                         (half_up(F(5200, 9000) * 100, 2), "2025"),
                         "the 2025 report in force in 2026, dated 2025")
        # the registry, counted as of the period's end, is newer than a report of
        # an earlier period: a home registered in 巴州区 in 2024 replaces the
        # stated figure for 2024 (its own 10 beds, 9 nursing: 90%)
        self.admin.create_facility(facility_body(BAZHOU, name="在册养老院", beds=10,
                                                 nursing_beds=9, occupied_beds=5,
                                                 opened_on="2024-01-01", filing_date="2024-01-01",
                                                 capacity_date="2024-01-01"))
        ind = self.nursing_share("2024")
        self.assertEqual((ind["value"], ind.get("stated")), ("90", None),
                         "the registry's count replaces the 2023-05 statement: %r" % ind)
        ind = self.nursing_share("2023")
        self.assertEqual(ind.get("stated"), {"period": "2023-05", "label": "截至2023年5月"},
                         "in 2023, before the home opened, the statement is still in force")


# --------------------------------------------------------------------------
# 10. Policies: reload and check, on a server with its own copy of policies/


class PolicyServerCase(IndicatorCase):
    """A server with its own copy of policies/, restored after each test."""
    FILE = "511900000000-bazhong.json"

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="laoxiao-policies-")
        cls.pol = os.path.join(cls.dir, "policies")
        shutil.copytree(POLICY_DIR, cls.pol)
        with open(os.path.join(cls.pol, cls.FILE), "rb") as f:
            cls.original = f.read()
        cls.server = harness.Server(label=__name__ + ".reload",
                                    serve_args=["--policies", cls.pol])
        cls.admin = cls.server.admin()

    @classmethod
    def tearDownClass(cls):
        problem = cls.server.stop()
        shutil.rmtree(cls.dir, ignore_errors=True)
        if problem:
            raise AssertionError("policy reload server: " + problem)

    def tearDown(self):
        with open(os.path.join(self.pol, self.FILE), "wb") as f:
            f.write(self.original)
        r = self.admin.post("/api/v1/policies/reload")
        super().tearDown()
        self.assertStatus(r, 200, "reload of the restored policies")

    def write(self, change):
        """Writes the bazhong file changed by change(doc)."""
        doc = json.loads(self.original.decode("utf-8"))
        change(doc)
        with open(os.path.join(self.pol, self.FILE), "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, indent=1)

    def reload(self):
        return self.admin.post("/api/v1/policies/reload")


class PolicyReloadTest(PolicyServerCase):
    def test_bad_file_refused_last_good_set_kept(self):
        # a good change first, so "the last good set" differs from the original file
        def good(doc):
            doc["indicators"][1]["target"]["value"] = "56"
        self.write(good)
        self.assertStatus(self.reload(), 200, "reload a valid change")
        ind = self.indicator(BAZHONG, "2023-05", "bazhong.elderly.02")
        self.assertEqual(ind["target"]["value"], "56", "the reloaded target is served")

        def bad_op(doc):
            doc["indicators"][1]["target"]["value"] = "56"
            doc["indicators"][0]["target"]["op"] = "≈"

        def bad_numerator(doc):
            doc["indicators"][1]["target"]["value"] = "56"
            doc["indicators"][1]["numerator"] = "nursing_beds +"

        for change, path in ((bad_op, "indicators[0].target.op"),
                             (bad_numerator, "indicators[1].numerator")):
            with self.subTest(path=path):
                self.write(change)
                r = self.reload()
                err = self.assertError(r, 422, what="reload with a bad %s" % path)
                self.assertIn(self.FILE, err["message"], "the message names the file")
                self.assertIn(path, err["message"], "the message names the key path %r" % path)
                if path.endswith("numerator"):
                    self.assertRegex(err["message"], r"position \d+",
                                     "a bad expression gives its position")
                doc = self.indicators(BAZHONG, "2023-05")
                self.assertEqual(len(doc["indicators"]), 44, "the old set still answers")
                inds = {i["id"]: i for i in doc["indicators"]}
                self.assertEqual(inds["bazhong.elderly.01"]["target"]["op"], ">=",
                                 "the refused op is not served")
                self.assertEqual(inds["bazhong.elderly.02"]["target"]["value"], "56",
                                 "the last good set (target 56) stays")
                self.assertEqual(inds["bazhong.elderly.02"]["display"], "56.70",
                                 "the last good formula stays")
                r = self.admin.get("/api/v1/policies")
                self.assertStatus(r, 200)
                self.assertEqual(len(r.json["items"]), 5, "still 5 policies listed")
        # not JSON at all
        with open(os.path.join(self.pol, self.FILE), "w", encoding="utf-8") as f:
            f.write('{"jurisdiction": "511900000000",')
        err = self.assertError(self.reload(), 422, what="reload with a truncated file")
        self.assertIn(self.FILE, err["message"], "the message names the file")

    def test_policy_check_cli(self):
        env = harness._env()
        p = subprocess.run([harness.BINARY, "policy", "check", self.pol], capture_output=True,
                           env=env, timeout=30)
        out = p.stdout.decode("utf-8", "replace")
        self.assertEqual(p.returncode, 0, "policy check of a good copy exits 0: %s%s"
                         % (out, p.stderr.decode("utf-8", "replace")))
        for code in SEED_ROW_COUNTS:
            self.assertIn(code, out, "policy check lists %s" % code)

        def bad(doc):
            doc["indicators"][0]["target"]["op"] = "≈"
        self.write(bad)
        p = subprocess.run([harness.BINARY, "policy", "check", self.pol], capture_output=True,
                           env=env, timeout=30)
        text = (p.stdout + p.stderr).decode("utf-8", "replace")
        self.assertNotEqual(p.returncode, 0, "policy check of a bad file exits non-zero: %s"
                            % text)
        self.assertIn(self.FILE, text, "policy check names the file: %r" % text)
        self.assertIn("indicators[0].target.op", text, "policy check names the key path: %r"
                      % text)
        # the repository's own policies pass
        p = subprocess.run([harness.BINARY, "policy", "check", POLICY_DIR], capture_output=True,
                           env=env, timeout=30)
        self.assertEqual(p.returncode, 0, "policies/ passes policy check: %r" % p.stderr)

    def test_reload_needs_admin(self):
        self.admin.create_user("pol_city", "city_official", BAZHONG, password=PASSWORD)
        c = login_as(self.server, "pol_city", PASSWORD)
        self.assertError(c.post("/api/v1/policies/reload"), 403, what="city official reloads")
        self.assertError(harness.Client(self.server).post("/api/v1/policies/reload"), 401,
                         what="reload without a session")
        r = c.get("/api/v1/policies")
        self.assertStatus(r, 200, "a non-admin may list the policies")

    def test_reloaded_name_escaped_in_bulletin(self):
        name = '社会化运营<b>床位</b>&占比"测试"'

        def change(doc):
            doc["indicators"][2]["name"] = name
        self.write(change)
        self.assertStatus(self.reload(), 200, "reload with a new name")
        self.assertEqual(self.indicator(BAZHONG, "2025", "bazhong.elderly.03")["name"], name)
        r = self.admin.get("/api/v1/reports/bulletin",
                           params={"region": BAZHONG, "period": "2025", "format": "html"})
        self.assertStatus(r, 200)
        self.assertIn(html_escape(name), r.text, "the name is HTML-escaped in the bulletin")
        self.assertNotIn("<b>床位</b>", r.text, "no raw markup from the policy file")



# --------------------------------------------------------------------------
# 9c. Whose target: a target belongs to the plan that states it


class WhoseTargetTest(PolicyServerCase):
    """巴中's 全市养老床位 ≥2.3万张 is the city's target: 巴州区 and its
    townships show their beds without a target and without 全市, but inherit
    the city's ratio targets (护理型床位占比 ≥55%); a total decomposed onto a
    county with regional_targets is that county's target."""

    TOWN = "511902100000"

    def test_totals_stay_with_the_plan_ratios_are_inherited(self):
        self.admin.create_region(self.TOWN, "目标归属测试镇", "township", BAZHOU)
        self.admin.create_facility(facility_body(BAZHOU, name="目标归属养老院", beds=400,
                                                 nursing_beds=240, occupied_beds=100))
        for region in (BAZHOU, self.TOWN):
            doc = self.indicators(region, "2024")
            inds = {i["id"]: i for i in doc["indicators"]}
            for i in doc["indicators"]:
                self.assertFalse(i["name"].startswith("全市"),
                                 "%s %s: no county or township view says 全市: %r"
                                 % (region, i["id"], i["name"]))
            beds = inds["bazhong.elderly.01"]
            self.assertEqual((beds["name"], beds["target"], beds["status"],
                              beds["status_label"], beds["base"]),
                             ("养老床位", None, "no_target", "无本级目标",
                              {"year": None, "value": None, "text": None}),
                             "%s: the city's 2.3万张 is not its own target: %r" % (region, beds))
            share = inds["bazhong.elderly.02"]
            self.assertEqual((share["name"], share["target"]["op"], share["target"]["value"],
                              share["target"]["stated_by"]),
                             ("护理型养老床位占比", ">=", "55", BAZHONG),
                             "%s: the city's ratio target is inherited" % region)
        beds = {i["id"]: i for i in self.indicators(BAZHOU, "2024")["indicators"]}
        self.assertEqual(beds["bazhong.elderly.01"]["value"], "0.04",
                         "the county's own beds, descriptive: 400 × 0.0001 万张")
        self.assertEqual(beds["bazhong.elderly.02"]["status"], "met", "240/400 = 60% ≥ 55%")
        # the city itself keeps its total as its target
        city = {i["id"]: i for i in self.indicators(BAZHONG, "2024")["indicators"]}
        self.assertEqual((city["bazhong.elderly.01"]["name"],
                          city["bazhong.elderly.01"]["target"]["value"],
                          "stated_by" in city["bazhong.elderly.01"]["target"]),
                         ("全市养老床位", "2.3", False))
        # the county's bulletin says neither 全市 nor the city's total
        r = self.admin.get("/api/v1/reports/bulletin",
                           params={"region": BAZHOU, "period": "2024", "format": "csv"})
        self.assertStatus(r, 200)
        rows = harness.parse_csv(r.body)
        head = rows[0]
        row = next(x for x in rows[1:] if x and x[head.index(BULLETIN_NAME_COL)] == "养老床位")
        self.assertEqual((row[head.index("目标")], row[head.index("状态")]), ("—", "无本级目标"))
        self.assertNotIn("全市", "".join(x[head.index(BULLETIN_NAME_COL)] for x in rows[1:] if x))

    def test_a_decomposed_total_is_the_county_target(self):
        def decompose(doc):
            ind = next(i for i in doc["indicators"] if i["id"] == "bazhong.elderly.01")
            ind["regional_targets"] = [{"region": BAZHOU, "value": "0.45",
                                        "source": "分解指标（测试）"}]
        self.write(decompose)
        self.assertStatus(self.reload(), 200, "reload with a decomposed target")
        inds = {i["id"]: i for i in self.indicators(BAZHOU, "2025")["indicators"]}
        beds = inds["bazhong.elderly.01"]
        self.assertEqual(beds["target"], {"year": 2025, "op": ">=", "op_label": "≥",
                                          "value": "0.45", "text": None,
                                          "stated_by": BAZHONG, "source": "分解指标（测试）"})
        self.assertIn(beds["status"], ("met", "missed", "no_data"),
                      "a decomposed target has a status: %r" % beds)
        enyang = {i["id"]: i for i in self.indicators(ENYANG, "2025")["indicators"]}
        self.assertEqual((enyang["bazhong.elderly.01"]["target"],
                          enyang["bazhong.elderly.01"]["status"]), (None, "no_target"),
                         "a county not in the decomposition has no target")

    def test_bad_decompositions_are_refused(self):
        cases = (
            ("bazhong.elderly.02", [{"region": BAZHOU, "value": "60", "source": "x"}],
             "regional_targets"),  # a ratio is inherited, not decomposed
            ("bazhong.elderly.01", [{"region": "5119", "value": "1", "source": "x"}],
             "regional_targets[0].region"),
            ("bazhong.elderly.01", [{"region": BAZHOU, "value": "1万", "source": "x"}],
             "regional_targets[0].value"),
            ("bazhong.elderly.01", [{"region": BAZHOU, "value": "1", "source": "x"},
                                    {"region": BAZHOU, "value": "2", "source": "x"}],
             "regional_targets[1].region"),
        )
        for ind_id, targets, path in cases:
            with self.subTest(path=path):
                def change(doc):
                    ind = next(i for i in doc["indicators"] if i["id"] == ind_id)
                    ind["regional_targets"] = targets
                self.write(change)
                err = self.assertError(self.reload(), 422, what="reload with %s" % path)
                self.assertIn(path, err["message"], "the message names %s: %r"
                              % (path, err["message"]))


# --------------------------------------------------------------------------
# 11. Region scope


class ScopeTest(IndicatorCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_user("ind_bazhou", "county_official", BAZHOU, password=PASSWORD)
        a.create_user("ind_viewer", "readonly", BAZHONG, password=PASSWORD)
        a.create_user("ind_operator", "operator", BAZHONG, password=PASSWORD)
        cls.county = login_as(cls.server, "ind_bazhou", PASSWORD)
        cls.viewer = login_as(cls.server, "ind_viewer", PASSWORD)
        cls.operator = login_as(cls.server, "ind_operator", PASSWORD)

    def test_county_official_other_county(self):
        c = self.county
        for path, params in (
                ("/api/v1/indicators", {"region": ENYANG, "period": "2023"}),
                ("/api/v1/indicators", {"region": BAZHONG, "period": "2023"}),
                ("/api/v1/indicators/evaluate", {"region": ENYANG, "period": "2023",
                                                 "numerator": "beds"}),
                ("/api/v1/indicators/bazhong.elderly.16/series", {"region": ENYANG}),
                ("/api/v1/reports/bulletin", {"region": ENYANG, "period": "2023",
                                              "format": "csv"}),
                ("/api/v1/reports/bulletin", {"region": ENYANG, "period": "2023"})):
            self.assertDenied(c.get(path, params=params), secret="恩阳区",
                              what="巴州区 official GET %s for %s" % (path, params["region"]))
        r = c.put("/api/v1/reported", {"element": "bazhong.childcare.21", "region": ENYANG,
                                       "period": "2021", "value": 3, "source": "x"})
        self.assertDenied(r, what="巴州区 official reports for 恩阳区")
        self.assertIsNone(self.indicator(ENYANG, "2021", "bazhong.childcare.21")["value"],
                          "the refused report stored nothing")
        # its own county: inherits 巴中's 44 rows and may report
        doc = self.indicators(BAZHOU, "2021", client=c)
        self.assertEqual((doc["jurisdiction"], len(doc["indicators"])), (BAZHONG, 44),
                         "巴州区 inherits 巴中市's policy")
        self.report("bazhong.childcare.21", BAZHOU, "2021", 3, client=c)
        self.assertValue(self.indicator(BAZHOU, "2021", "bazhong.childcare.21"), 3,
                         "own county's report")

    def test_readonly_and_operator(self):
        doc = self.indicators(BAZHONG, "2023-05", client=self.viewer)
        self.assertEqual(len(doc["indicators"]), 44, "readonly reads 巴中's indicators")
        r = self.viewer.get("/api/v1/reports/bulletin",
                            params={"region": BAZHONG, "period": "2023", "format": "csv"})
        self.assertStatus(r, 200, "readonly reads the bulletin")
        body = {"element": "bazhong.childcare.21", "region": BAZHONG, "period": "2020",
                "value": 1, "source": "x"}
        self.assertError(self.viewer.put("/api/v1/reported", body), 403,
                         what="readonly PUT reported")
        self.assertError(self.operator.put("/api/v1/reported", body), 403,
                         what="operator PUT reported")
        r = self.viewer.import_csv("reported", "element,region,period,value,text,source\r\n"
                                   "bazhong.childcare.21,511900000000,2020,1,,x\r\n")
        self.assertError(r, (403, 422), what="readonly imports reported values")
        self.assertIsNone(self.indicator(BAZHONG, "2020", "bazhong.childcare.21")["value"],
                          "readonly and operator stored nothing")
        self.assertStatus(self.operator.get("/api/v1/indicators",
                                            params={"region": BAZHONG, "period": "2023"}),
                          200, "operators read the indicators of their region scope")
        self.assertError(harness.Client(self.server).get(
            "/api/v1/indicators", params={"region": BAZHONG, "period": "2023"}), 401,
            what="indicators without a session")


# --------------------------------------------------------------------------
# 12. CLI


class CliTest(IndicatorCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dir = tempfile.mkdtemp(prefix="laoxiao-cli-ind-")
        cls.db = harness.new_db(cls.dir, "cli.db")
        harness.init_db(cls.db)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)
        harness.drop_db(cls.db)

    def cli(self, *args):
        p = harness.run_cli(list(args), self.db)
        return p, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")

    def test_indicators_json(self):
        p, out, err = self.cli("indicators", "--region", BAZHONG, "--period", "2023-05", "--json")
        self.assertEqual(p.returncode, 0, "laoxiao indicators --json exits 0: %s" % err)
        try:
            doc = json.loads(out)
        except ValueError as e:
            self.fail("laoxiao indicators --json prints JSON (%s): %r" % (e, out[:300]))
        inds = {i["id"]: i for i in doc["indicators"]}
        self.assertEqual(len(inds), 44, "44 rows for 巴中")
        self.assertEqual(inds["bazhong.elderly.02"]["display"], fmt2(F(4961, 8749) * 100))
        self.assertEqual(inds["bazhong.elderly.02"]["display"], "56.70")
        self.assertEqual(inds["bazhong.elderly.02"]["value"], "56.70",
                         "the CLI prints the value rounded half up, as decimal text")
        self.assertEqual((inds["bazhong.elderly.02"]["numerator"],
                          inds["bazhong.elderly.02"]["denominator"]), ("4961", "8749"),
                         "with the exact figures it comes from")
        self.assertEqual(inds["bazhong.childcare.09"]["display"], "1.72")
        # the table form shows the same figure
        p, out, err = self.cli("indicators", "--region", BAZHONG, "--period", "2023-05")
        self.assertEqual(p.returncode, 0, err)
        self.assertIn("56.70", out, "the table shows 56.70")
        p, out, err = self.cli("indicators", "--region", BAZHONG, "--period", "2023-13")
        self.assertNotEqual(p.returncode, 0, "a bad period exits non-zero")

    def test_indicators_with_policies_dir(self):
        d = os.path.join(self.dir, "pol")
        shutil.copytree(POLICY_DIR, d)
        path = os.path.join(d, "511900000000-bazhong.json")
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        doc["indicators"][1]["target"]["value"] = "57"
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False)
        p, out, err = self.cli("indicators", "--region", BAZHONG, "--period", "2023-05", "--json",
                               "--policies", d)
        self.assertEqual(p.returncode, 0, err)
        inds = {i["id"]: i for i in json.loads(out)["indicators"]}
        self.assertEqual(inds["bazhong.elderly.02"]["target"]["value"], "57",
                         "--policies DIR is used")
        # 56.70 misses the new target 57 but is above the line from 50 (2020) to 57 (2025),
        # which is below 55.6 until the end of 2024: on track instead of met
        self.assertLess(line_value(50, 2020, 57, 2025, 2024), 4961 / 8749 * 100)
        self.assertEqual(inds["bazhong.elderly.02"]["status"], "on_track",
                         "with target 57, 56.70 in 2023-05 is on track (with 55 it was met)")

    def test_report_xlsx_and_csv(self):
        out_x = os.path.join(self.dir, "bulletin.xlsx")
        p, out, err = self.cli("report", "--region", BAZHONG, "--period", "2023-05",
                               "--format", "xlsx", "--out", out_x)
        self.assertEqual(p.returncode, 0, "laoxiao report --format xlsx exits 0: %s" % err)
        with open(out_x, "rb") as f:
            data = f.read()
        self.assertTrue(data.startswith(b"PK"), "the file is a zip")
        header, rows = xlsx_table(data)
        self.assertEqual(len(rows), 44, "44 indicator rows")
        col = header.index(BULLETIN_NAME_COL)
        row2 = [r for r in rows if r[col] == "全市护理型养老床位占比"]
        self.assertEqual(len(row2), 1, "the sheet has 全市护理型养老床位占比")
        if "本期值" in header:
            v = row2[0][header.index("本期值")]
            v = float(v) if not isinstance(v, str) else float(v)
            self.assertAlmostEqual(v, 4961 / 8749 * 100, delta=0.005,
                                   msg="本期值 of 护理型床位占比 is 56.70")
        out_c = os.path.join(self.dir, "bulletin.csv")
        p, out, err = self.cli("report", "--region", BAZHONG, "--period", "2023-05",
                               "--format", "csv", "--out", out_c)
        self.assertEqual(p.returncode, 0, err)
        with open(out_c, "rb") as f:
            data = f.read()
        self.assertTrue(data.startswith(b"\xef\xbb\xbf"), "CSV with BOM")
        self.assertEqual(len([r for r in harness.parse_csv(data)[1:] if r]), 44)

    def test_policy_check_default(self):
        p = subprocess.run([harness.BINARY, "policy", "check"], capture_output=True,
                           env=harness._env(), timeout=30)
        out = p.stdout.decode("utf-8", "replace")
        self.assertEqual(p.returncode, 0, "policy check of the default folder exits 0: %r"
                         % p.stderr)
        self.assertEqual(len([l for l in out.splitlines() if l.strip()]), 5,
                         "one line per policy file: %r" % out)
