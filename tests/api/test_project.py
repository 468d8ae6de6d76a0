"""Major projects (docs/api.md "Major projects"): the seeds' project lists
imported from presets/projects/ and checked against a hand transcription
made here (004 第245–267行, 001 第420–466行), not against the server's own
sums; export and import again unchanged; a file with one bad row refused
whole, naming the row and column; milestones in order and the light from
the policy's threshold read from the policy file; putting a project into
use adds its beds to the registry from the day of use and not before
(the registry's "as of" total and the 全市养老床位 indicator element
`beds`), once only even under concurrent calls; scope by role."""

import json
import os
import random
import threading
from datetime import date, timedelta

import harness
from harness import ApiTestCase, facility_body, login_as

REPO = os.path.normpath(os.path.join(harness.HERE, "..", ".."))
PASSWORD = "correct horse battery"
P = "/api/v1/projects"
JDZ = "360200000000"
DAZHU = "511724000000"
BAZHONG = "511900000000"
BAZHOU = "511902000000"
ENYANG = "511903000000"
TOWN = "511902118000"
TOWN2 = "511902119000"
TOWN3 = "511902120000"

# 004 T11 by hand: (序号, 项目类型, 总投资 in 分 as 万元×1 000 000, new beds stated)
JDZ_ROWS = [
    (1, "新建", "13500", 750), (2, "新建", "106000", 0), (3, "改扩建", "16480", 0),
    (4, "新建", "51000", 0), (5, "改扩建", "15000", 0), (6, "新建", "12000", 0),
    (7, "改扩建", "21005.72", 1400), (8, "新建", "19230", 0), (9, "新建", "12000", 0),
    (10, "改扩建", "18000", 0), (11, "改建", "2640", 201), (12, "新建", "45000", 0),
    (13, "改扩建", "23000", 1600), (14, "新建", "5097", 0), (15, "新建", "26000", 0),
    (16, "改扩建", "3620.69", 0), (17, "新建", "12000", 0), (18, "新建", "9500", 0),
]
# 001 T4 by hand: (name, schedule years, beds, floor area m², 万元)
DAZHU_ROWS = [
    ("大竹县失能老人照护楼建设项目", (2021, 2023), 300, "13350", "4800"),
    ("大竹县失能失智老年人照护院建设项目", (2024, 2025), 500, "21250", "8000"),
    ("大竹县周家区域养老服务中心建设项目", (2025, 2025), 200, "9300", "3200"),
]


def fen(wan):
    """万元 text → fen by integer arithmetic (1 万元 = 1 000 000 fen)."""
    whole, _, frac = wan.partition(".")
    return int(whole) * 1000000 + int((frac + "00")[:2]) * 10000


def preset(code):
    with open(os.path.join(REPO, "presets", "projects", code + ".csv"), "rb") as f:
        return f.read()


def policy(name="511900000000-bazhong.json"):
    with open(os.path.join(REPO, "policies", name), encoding="utf-8") as f:
        return json.load(f)["projects"]


class Projects(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_region(TOWN, "项目测试镇", "township", BAZHOU)
        a.create_region(TOWN2, "项目并发镇", "township", BAZHOU)
        a.create_region(TOWN3, "项目随机镇", "township", BAZHOU)
        a.create_user("proj_county", "county_official", BAZHOU, password=PASSWORD)
        a.create_user("proj_county_ey", "county_official", ENYANG, password=PASSWORD)
        a.create_user("proj_ro", "readonly", BAZHONG, password=PASSWORD)

    def import_file(self, region, data, client=None):
        c = client or self.admin
        return c.request("POST", P + "/import", body=data, params={"region": region},
                         content_type="text/csv")

    def listing(self, region, client=None):
        r = (client or self.admin).get(P, params={"region": region})
        self.assertStatus(r, 200, "list " + region)
        return r.json

    def test_jingdezhen_preset_round_trip(self):
        r = self.import_file(JDZ, preset(JDZ))
        self.assertStatus(r, 200, "import 004 T11")
        self.assertEqual(r.json["imported"], 18)
        got = self.listing(JDZ)
        rows = got["projects"]
        self.assertEqual(len(rows), 18)
        total = sum(fen(w) for _, _, w, _ in JDZ_ROWS)
        self.assertEqual(total, 411073410000, "411 073.41 万元 in fen")
        self.assertEqual(got["totals"]["investment_fen"], total)
        self.assertEqual(got["totals"]["investment_wan"], "411073.41")
        self.assertEqual(got["totals"]["beds"], 750 + 1400 + 201 + 1600)
        self.assertEqual(got["totals"]["beds"], 3951)
        by_number = {p["number"]: p for p in rows}
        for n, kind, wan, beds in JDZ_ROWS:
            p = by_number[str(n)]
            self.assertEqual(p["type_name"], kind, "row %d type" % n)
            self.assertEqual(p["investment_fen"], fen(wan), "row %d investment" % n)
            self.assertEqual(p["investment_wan"], wan, "row %d 万元 text" % n)
            self.assertEqual(p["beds"], beds, "row %d beds from the free text" % n)
            self.assertEqual(p["slots"], 0, "no row states 托位")
        self.assertEqual(by_number["1"]["name"], "景德镇市社会福利中心项目", "PDF space dropped")
        self.assertEqual(by_number["2"]["floor_area"], "169200", "16.92 万方米")
        self.assertEqual(by_number["2"]["duration_years"], 3)
        # summary by type, against counts made here
        s = self.admin.get(P + "/summary", params={"region": JDZ})
        self.assertStatus(s, 200)
        types = {t["type"]: t for t in s.json["by_type"]}
        want = {"new": 0, "expand": 0, "rebuild": 0}
        names = {"新建": "new", "改扩建": "expand", "改建": "rebuild"}
        for _, kind, _, _ in JDZ_ROWS:
            want[names[kind]] += 1
        self.assertEqual(want, {"new": 11, "expand": 6, "rebuild": 1})
        self.assertEqual({k: v["count"] for k, v in types.items()}, want)
        self.assertEqual(types["expand"]["beds"], 1400 + 1600)
        self.assertEqual(types["expand"]["investment_fen"],
                         sum(fen(w) for _, k, w, _ in JDZ_ROWS if k == "改扩建"))
        self.assertEqual(types["expand"]["investment_wan"], "97106.41")
        self.assertEqual(s.json["total"]["investment_wan"], "411073.41")
        # export and import again into a county of the city: same rows
        e = self.admin.get(P + "/export", params={"region": JDZ})
        self.assertStatus(e, 200, "export")
        self.assertIn("text/csv", e.header("Content-Type"))
        county = "360222000000"
        r = self.import_file(county, e.body)
        self.assertStatus(r, 200, "import the export")
        self.assertEqual(r.json["imported"], 18)
        again = self.admin.get(P + "/export", params={"region": county})
        self.assertEqual(again.text, e.text, "export → import → export is unchanged")
        got = self.listing(county)
        self.assertEqual(got["totals"]["investment_wan"], "411073.41")
        self.assertEqual(got["totals"]["beds"], 3951)

    def test_dazhu_preset(self):
        r = self.import_file(DAZHU, preset(DAZHU))
        self.assertStatus(r, 200, "import 001 T4")
        self.assertEqual(r.json["imported"], 3)
        got = self.listing(DAZHU)
        self.assertEqual(got["totals"]["beds"], sum(b for _, _, b, _, _ in DAZHU_ROWS))
        self.assertEqual(got["totals"]["beds"], 1000)
        self.assertEqual(got["totals"]["investment_fen"], 16000 * 1000000)
        self.assertEqual(got["totals"]["investment_wan"], "16000")
        by_name = {p["name"]: p for p in got["projects"]}
        for name, (y0, y1), beds, area, wan in DAZHU_ROWS:
            p = by_name[name]
            self.assertEqual((p["start_year"], p["end_year"]), (y0, y1), name)
            self.assertEqual(p["beds"], beds, name)
            self.assertEqual(p["floor_area"], area, name)
            self.assertEqual(p["investment_wan"], wan, name)
            self.assertEqual(p["type"], "new")
        areas = sum(int(a) for _, _, _, a, _ in DAZHU_ROWS)
        self.assertEqual(areas, 13350 + 21250 + 9300)

    def test_import_headers_quirks_and_bad_row(self):
        # 001's headings, a repeated header, a 合计 row, a line break in a
        # quoted cell, full-width brackets in a heading
        good = ("序号,项目名称,建设性质,建设年限,建设地点,建设规模,计划投资（万元）,责任单位\r\n"
                "1,甲项目,新建,2024-2025,项目测试镇,\"建设床位40张，\n建筑面积2000平方米\",120.5,县民政局\r\n"
                "序号,项目名称,建设性质,建设年限,建设地点,建设规模,计划投资（万元）,责任单位\r\n"
                "2,乙项目,改建,2年,项目测试镇,新增床位10张,80,县民政局\r\n"
                "合计,,,,,新建床位50张,200.5,\r\n")
        bad = good.replace("80,县民政局", "80.125,县民政局")
        before = self.listing(TOWN)["totals"]["count"]
        r = self.import_file(TOWN, bad.encode("utf-8"))
        self.assertError(r, 422)
        errors = {(e["row"], e["column"]) for e in r.json["errors"]}
        self.assertEqual(errors, {(5, "计划投资（万元）")}, r.json)
        self.assertEqual(self.listing(TOWN)["totals"]["count"], before, "nothing written")
        r = self.import_file(TOWN, good.encode("utf-8"))
        self.assertStatus(r, 200, "good file")
        self.assertEqual(r.json["imported"], 2)
        self.assertEqual(sorted(s["reason"] for s in r.json["skipped"]),
                         ["repeated header", "total"])
        got = self.listing(TOWN)
        self.assertEqual(got["totals"]["count"], before + 2)
        mine = [p for p in got["projects"] if p["name"] in ("甲项目", "乙项目")]
        self.assertEqual(sorted(p["beds"] for p in mine), [10, 40])
        self.assertEqual(sum(p["investment_fen"] for p in mine), fen("120.5") + fen("80"))

    def make(self, region, name, beds=0, **extra):
        body = {"name": name, "type": "新建", "investment": "100", "beds": beds}
        body.update(extra)
        r = self.admin.post(P, body, params={"region": region})
        self.assertStatus(r, 201, "create " + name)
        return r.json

    def test_create_refuses_bad_fields(self):
        for field, value in (("investment", "1.234"), ("type", "拆除"), ("schedule", "明年"),
                             ("beds", -1), ("name", "")):
            body = {"name": "坏项目", "type": "新建", field: value}
            r = self.admin.post(P, body, params={"region": TOWN})
            self.assertError(r, 422, field)

    def test_milestones_order_and_light(self):
        pol = policy()
        stages = [s["code"] for s in pol["stages"]]
        self.assertEqual([s["name"] for s in pol["stages"]],
                         ["立项", "用地", "规划", "开工", "主体完工", "竣工验收", "投用"])
        n = pol["red_after_days"]
        p = self.make(TOWN, "节点项目")
        self.assertEqual(p["light"], "green")
        url = "%s/%d/milestones" % (P, p["id"])
        today = date.today()
        r = self.admin.post(url, {"stage": stages[0], "actual_on": "2024-01-10"})
        self.assertStatus(r, 200)
        r = self.admin.post(url, {"stage": stages[3], "actual_on": "2024-01-09"})
        self.assertError(r, 422, "actual_on")
        # planned yesterday, not done: yellow
        r = self.admin.post(url, {"stage": stages[1],
                                  "planned_on": (today - timedelta(days=1)).isoformat()})
        self.assertStatus(r, 200)
        self.assertEqual(r.json["light"], "yellow")
        # exactly N days late is still yellow; N + 1 is red
        r = self.admin.post(url, {"stage": stages[1],
                                  "planned_on": (today - timedelta(days=n)).isoformat()})
        self.assertEqual(r.json["light"], "yellow")
        r = self.admin.post(url, {"stage": stages[1],
                                  "planned_on": (today - timedelta(days=n + 1)).isoformat()})
        self.assertEqual(r.json["light"], "red")
        self.assertEqual(r.json["late_stage"], stages[1])
        r = self.admin.post(url, {"stage": stages[1], "actual_on": "2024-02-01",
                                  "planned_on": (today - timedelta(days=n + 1)).isoformat()})
        self.assertEqual(r.json["light"], "green")
        r = self.admin.post(url, {"stage": "in_use", "actual_on": "2024-03-01"})
        self.assertError(r, 422, "stage")

    def summary_beds(self, region, day):
        r = self.admin.get("/api/v1/facilities/summary", params={"region": region, "as_of": day})
        self.assertStatus(r, 200)
        return r.json["total"]["beds"]

    def indicator_beds(self, region, period):
        r = self.admin.get("/api/v1/indicators/evaluate",
                           params={"region": region, "period": period, "numerator": "beds"})
        self.assertStatus(r, 200, "evaluate beds")
        return r.json["value"]

    def test_in_use_moves_beds_from_its_day(self):
        before_city = self.indicator_beds(BAZHONG, "2024-02")
        p = self.make(TOWN, "投用新院项目", beds=120, nursing_beds=60)
        body = facility_body(TOWN, name="投用新建养老院")
        fac = {k: v for k, v in body.items()
               if k not in ("capacity_date", "beds", "nursing_beds", "occupied_beds", "slots",
                            "affordable_slots", "enrolled", "classes", "affordable_beds",
                            "residents_selfcare", "residents_partly", "residents_disabled",
                            "region", "opened_on")}
        r = self.admin.post("%s/%d/in-use" % (P, p["id"]), {"on": "2024-03-01", "facility": fac})
        self.assertStatus(r, 200, "put into use")
        self.assertEqual(r.json["in_use_on"], "2024-03-01")
        self.assertEqual([m["actual_on"] for m in r.json["milestones"]
                          if m["stage"] == "in_use"], ["2024-03-01"])
        self.assertEqual(self.summary_beds(TOWN, "2024-02-29"), 0, "not before the day")
        self.assertEqual(self.summary_beds(TOWN, "2024-03-01"), 120, "from the day")
        # 全市养老床位 (巴中's indicator element `beds`) moves in March, not February
        self.assertEqual(self.indicator_beds(BAZHONG, "2024-02"), before_city)
        march = self.indicator_beds(BAZHONG, "2024-03")
        self.assertEqual(int(march) - int(before_city or 0), 120)
        again = self.admin.post("%s/%d/in-use" % (P, p["id"]), {"on": "2024-03-02", "facility": fac})
        self.assertError(again, 409)
        self.assertEqual(self.summary_beds(TOWN, "2024-03-02"), 120, "added once")

    def test_in_use_adds_to_existing_facility(self):
        f = self.admin.create_facility(facility_body(TOWN2, name="扩建对象养老院", beds=100,
                                                     nursing_beds=50, occupied_beds=10,
                                                     capacity_date="2023-01-01"))
        p = self.make(TOWN2, "扩建项目", beds=50)
        r = self.admin.post("%s/%d/in-use" % (P, p["id"]),
                            {"on": "2024-05-10", "facility_id": f["id"]})
        self.assertStatus(r, 200, "in use")
        self.assertEqual(r.json["facility_id"], f["id"])
        self.assertEqual(self.summary_beds(TOWN2, "2024-05-09"), 100)
        self.assertEqual(self.summary_beds(TOWN2, "2024-05-10"), 150)

    def test_in_use_once_under_concurrent_calls(self):
        f = self.admin.create_facility(facility_body(TOWN2, name="并发养老院", beds=10,
                                                     nursing_beds=5, occupied_beds=1,
                                                     capacity_date="2023-01-01"))
        p = self.make(TOWN2, "并发投用项目", beds=30)
        statuses = []

        def go():
            c = login_as(self.server, "proj_county", PASSWORD)
            r = c.post("%s/%d/in-use" % (P, p["id"]), {"on": "2024-06-01", "facility_id": f["id"]})
            statuses.append(r.status)

        threads = [threading.Thread(target=go) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(statuses).count(200), 1, statuses)
        self.assertEqual(set(statuses) - {200}, {409}, statuses)
        got = self.admin.get("/api/v1/facilities/%d" % f["id"]).json
        self.assertEqual(got["beds"], 40, "30 beds added once")

    def test_scope(self):
        p = self.make(TOWN, "范围项目")
        ey = login_as(self.server, "proj_county_ey", PASSWORD)
        self.assertEqual(ey.get("%s/%d" % (P, p["id"])).status, 404)
        r = ey.post(P, {"name": "越权", "type": "新建"}, params={"region": TOWN})
        self.assertError(r, 403)
        ro = login_as(self.server, "proj_ro", PASSWORD)
        self.assertEqual(ro.get("%s/%d" % (P, p["id"])).status, 200)
        self.assertEqual(ro.post(P, {"name": "只读", "type": "新建"},
                                 params={"region": TOWN}).status, 403)
        county = login_as(self.server, "proj_county", PASSWORD)
        r = county.post(P, {"name": "县级项目", "type": "改建", "investment": "0.5"},
                        params={"region": TOWN})
        self.assertStatus(r, 201)
        self.assertEqual(r.json["investment_fen"], 500000)

    def test_summary_matches_a_model_over_random_projects(self):
        rng = random.Random(20261204)
        codes = {"新建": "new", "改扩建": "expand", "改建": "rebuild"}
        model = {"total": [0, 0, 0], "type": {}, "year": {}}

        def bump(d, k, fen_, beds):
            g = d.setdefault(k, [0, 0, 0])
            g[0] += 1
            g[1] += fen_
            g[2] += beds

        for i in range(40):
            kind = rng.choice(list(codes))
            places = rng.randint(0, 2)
            whole = rng.randint(0, 500000)
            wan = str(whole) if places == 0 else "%d.%0*d" % (whole, places, rng.randint(0, 10 ** places - 1))
            beds = rng.randint(0, 800)
            y0 = rng.randint(2021, 2025)
            y1 = y0 + rng.randint(0, 3)
            body = {"name": "随机项目%d" % i, "type": kind, "investment": wan, "beds": beds,
                    "schedule": "%d-%d" % (y0, y1) if y1 > y0 else str(y0)}
            r = self.admin.post(P, body, params={"region": TOWN3})
            self.assertStatus(r, 201, "random project %r" % body)
            self.assertEqual(r.json["investment_fen"], fen(wan), wan)
            self.assertEqual(fen(r.json["investment_wan"]), fen(wan), "printed back exactly")
            model["total"][0] += 1
            model["total"][1] += fen(wan)
            model["total"][2] += beds
            bump(model["type"], codes[kind], fen(wan), beds)
            bump(model["year"], str(y1), fen(wan), beds)
        s = self.admin.get(P + "/summary", params={"region": TOWN3})
        self.assertStatus(s, 200)
        t = s.json["total"]
        self.assertEqual([t["count"], t["investment_fen"], t["beds"]], model["total"])
        self.assertEqual(fen(t["investment_wan"]), model["total"][1])
        got = {g["type"]: [g["count"], g["investment_fen"], g["beds"]] for g in s.json["by_type"]}
        self.assertEqual(got, model["type"])
        got = {g["year"]: [g["count"], g["investment_fen"], g["beds"]] for g in s.json["by_year"]}
        self.assertEqual(got, model["year"])
