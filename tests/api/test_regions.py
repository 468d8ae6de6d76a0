"""The region tree: presets, children, path, create / patch / close."""

import harness
from harness import ApiTestCase

BAZHONG = "511900000000"
BAZHONG_COUNTIES = {
    "511902000000": "巴州区",
    "511903000000": "恩阳区",
    "511921000000": "通江县",
    "511922000000": "南江县",
    "511923000000": "平昌县",
}
PRESET_ROOTS = {"510000000000"}  # 四川省 is loaded by init


def tearDownModule():
    harness.stop_module_server(__name__)


class PresetRegionsTest(ApiTestCase):
    def test_bazhou_with_path(self):
        r = self.admin.get("/api/v1/regions/511902000000")
        self.assertStatus(r, 200, "GET preset region 巴州区")
        reg = r.json
        for k in harness.REGION_FIELDS + ("path", "children"):
            self.assertIn(k, reg, "REGION has field %r" % k)
        self.assertEqual(reg["code"], "511902000000")
        self.assertEqual(reg["name"], "巴州区")
        self.assertEqual(reg["level"], "county", "巴州区 is a county-level node")
        self.assertEqual(reg["kind"], "admin")
        self.assertEqual(reg["parent"], BAZHONG, "巴州区's parent is 巴中市")
        self.assertIsNone(reg["closed_on"], "巴州区 is open")
        self.assertIsInstance(reg["children"], int, "children is a count")
        path = reg["path"]
        self.assertIsInstance(path, list)
        self.assertGreaterEqual(len(path), 2, "path has at least 巴中市 and 巴州区: %r" % path)
        self.assertEqual([p["code"] for p in path[-2:]], [BAZHONG, "511902000000"],
                         "path ends 巴中市 → 巴州区 (root first, itself last)")
        self.assertEqual([p["name"] for p in path[-2:]], ["巴中市", "巴州区"])

    def test_bazhong_children(self):
        r = self.admin.get("/api/v1/regions", params={"parent": BAZHONG})
        self.assertStatus(r, 200, "GET /regions?parent=巴中市")
        items = r.json["items"]
        codes = {i["code"]: i["name"] for i in items}
        for code, name in BAZHONG_COUNTIES.items():
            self.assertEqual(codes.get(code), name, "巴中市 has child %s %s" % (code, name))
        self.assertEqual(r.json["total"], len(items), "total counts the children listed")
        for i in items:
            self.assertEqual(i["parent"], BAZHONG, "every child's parent is 巴中市")
        detail = self.admin.get("/api/v1/regions/" + BAZHONG).json
        self.assertEqual(detail["children"], len(items),
                         "children count of 巴中市 equals the children listed")

    def test_other_presets_exist(self):
        for code, name in (("511700000000", "达州市"), ("511724000000", "大竹县"),
                           ("500154000000", "开州区"), ("360200000000", "景德镇市"),
                           ("510000000000", "四川省")):
            r = self.admin.get("/api/v1/regions/" + code)
            self.assertStatus(r, 200, "preset region %s %s" % (code, name))
            self.assertEqual(r.json["name"], name, "name of %s" % code)
        self.assertEqual(self.admin.get("/api/v1/regions/511724000000").json["parent"],
                         "511700000000", "大竹县 is under 达州市")

    def test_roots_for_admin(self):
        r = self.admin.get("/api/v1/regions")
        self.assertStatus(r, 200, "GET /regions without parent")
        codes = {i["code"] for i in r.json["items"]}
        self.assertTrue(PRESET_ROOTS <= codes,
                        "admin's roots include 四川省; got %s" % sorted(codes))
        self.assertNotIn("511902000000", codes, "a county is not a root")

    def test_search_by_name(self):
        r = self.admin.get("/api/v1/regions", params={"q": "巴州"})
        self.assertStatus(r, 200, "GET /regions?q=巴州")
        codes = [i["code"] for i in r.json["items"]]
        self.assertIn("511902000000", codes, "search 巴州 finds 巴州区")
        self.assertNotIn("511903000000", codes, "search 巴州 does not find 恩阳区")

    def test_unknown_region_404(self):
        self.assertError(self.admin.get("/api/v1/regions/511999000000"), 404,
                         what="GET a region that does not exist")


class CreateRegionTest(ApiTestCase):
    def test_create_and_read_back(self):
        city = self.server.next_city_code()
        body = {"code": city, "name": "测试市", "level": "city", "kind": "admin",
                "parent": "510000000000"}
        r = self.admin.post("/api/v1/regions", body)
        self.assertStatus(r, 201, "create a city under 四川省")
        for k, v in body.items():
            self.assertEqual(r.json.get(k), v, "created region echoes %s" % k)
        county = city[:4] + "01000000"
        self.admin.create_region(county, "测试市经开区", "county", city, kind="zone")
        got = self.admin.get("/api/v1/regions/" + county).json
        self.assertEqual(got["kind"], "zone")
        self.assertEqual([p["code"] for p in got["path"][-3:]], ["510000000000", city, county],
                         "path of the new county, root first")
        self.assertEqual(self.admin.get("/api/v1/regions/" + city).json["children"], 1)
        kids = self.admin.get("/api/v1/regions", params={"parent": city}).json
        self.assertEqual([i["code"] for i in kids["items"]], [county])
        self.assertEqual(kids["total"], 1)

    def test_bad_code_11_digits(self):
        r = self.admin.post("/api/v1/regions", {"code": "51980000000", "name": "短码市",
                                                "level": "city", "kind": "admin",
                                                "parent": "510000000000"})
        self.assertError(r, 422, field="code", what="region code of 11 digits")

    def test_bad_code_letters(self):
        r = self.admin.post("/api/v1/regions", {"code": "5198000000AB", "name": "字母市",
                                                "level": "city", "kind": "admin",
                                                "parent": "510000000000"})
        self.assertError(r, 422, field="code", what="region code with letters")

    def test_unknown_parent(self):
        r = self.admin.post("/api/v1/regions", {"code": "518501000000", "name": "孤县",
                                                "level": "county", "kind": "admin",
                                                "parent": "518500000000"})
        self.assertError(r, 422, field="parent", what="region whose parent does not exist")
        self.assertError(self.admin.get("/api/v1/regions/518501000000"), 404,
                         what="refused region was not created")

    def test_bad_level_and_kind(self):
        r = self.admin.post("/api/v1/regions", {"code": "518400000000", "name": "坏级别市",
                                                "level": "metropolis", "kind": "admin",
                                                "parent": "510000000000"})
        self.assertError(r, 422, field="level", what="unknown level")
        r = self.admin.post("/api/v1/regions", {"code": "518400000000", "name": "坏类别市",
                                                "level": "city", "kind": "special",
                                                "parent": "510000000000"})
        self.assertError(r, 422, field="kind", what="unknown kind")

    def test_duplicate_409(self):
        r = self.admin.post("/api/v1/regions", {"code": "511902000000", "name": "巴州区",
                                                "level": "county", "kind": "admin",
                                                "parent": BAZHONG})
        self.assertError(r, 409, what="creating preset 巴州区 again")
        self.assertEqual(self.admin.get("/api/v1/regions/511902000000").json["name"], "巴州区")

    def test_patch_name(self):
        city = self.server.next_city_code()
        self.admin.create_region(city, "改名前市", "city", "510000000000")
        r = self.admin.patch("/api/v1/regions/" + city, {"name": "改名后市"})
        self.assertStatus(r, 200, "PATCH region name")
        self.assertEqual(self.admin.get("/api/v1/regions/" + city).json["name"], "改名后市")
        r = self.admin.patch("/api/v1/regions/" + city, {"population": 5})
        self.assertError(r, 422, field="population", what="PATCH region with an unknown field")

    def test_close(self):
        city = self.server.next_city_code()
        self.admin.create_region(city, "撤销市", "city", "510000000000")
        r = self.admin.post("/api/v1/regions/%s/close" % city, {"closed_on": "2024-13-01"})
        self.assertError(r, 422, field="closed_on", what="close with an impossible date")
        self.assertIsNone(self.admin.get("/api/v1/regions/" + city).json["closed_on"],
                          "refused close changed nothing")
        r = self.admin.post("/api/v1/regions/%s/close" % city, {"closed_on": "2024-01-01"})
        self.assertStatus(r, (200, 204), "close a region")
        self.assertEqual(self.admin.get("/api/v1/regions/" + city).json["closed_on"],
                         "2024-01-01", "closed_on recorded")
