"""Users, tokens, region scope by role, and the audit log."""

import json

import harness
from harness import ApiTestCase, Client, facility_body, login_as

PASSWORD = "scope-test-pw-1"
CLI_USER = ("cli_official", "cli-password-123")
_cli_result = {}


def server_setup(db):
    """Runs before serve: a user made with the CLI (password on stdin)."""
    p = harness.run_cli(["user", "add", CLI_USER[0], "--role", "county_official",
                         "--region", "511902000000"], db, stdin=CLI_USER[1] + "\n")
    _cli_result["returncode"] = p.returncode
    _cli_result["stderr"] = p.stderr.decode("utf-8", "replace")


def tearDownModule():
    harness.stop_module_server(__name__)


def is_user(value, username, user_id):
    """The audit `user` as a name, an id or a USER object."""
    if isinstance(value, dict):
        return value.get("username") == username or value.get("id") == user_id
    return value in (username, user_id, str(user_id))


class UsersTest(ApiTestCase):
    def test_list_users(self):
        r = self.admin.get("/api/v1/users")
        self.assertStatus(r, 200, "GET /users as admin")
        names = [u["username"] for u in r.json["items"]]
        self.assertIn("admin", names)
        self.assertEqual(r.json["total"], len(r.json["items"]))
        for u in r.json["items"]:
            for k in harness.USER_FIELDS:
                self.assertIn(k, u, "USER has %r" % k)
            leaked = [k for k in u if "pass" in k.lower() or "hash" in k.lower()]
            self.assertEqual(leaked, [], "USER must not carry password material")

    def test_create_user(self):
        r = self.admin.post("/api/v1/users", {"username": "u_create", "password": "ten-chars!",
                                              "role": "city_official", "region": "511900000000",
                                              "display_name": "巴中市民政局 张三"})
        self.assertStatus(r, 201, "create a user with a 10-character password")
        u = r.json
        self.assertEqual((u["username"], u["role"], u["region"], u["display_name"],
                          u["disabled"], u["facilities"]),
                         ("u_create", "city_official", "511900000000", "巴中市民政局 张三",
                          False, []))
        self.assertIsInstance(u["id"], int)
        c = login_as(self.server, "u_create", "ten-chars!")
        self.assertEqual(c.get("/api/v1/session").json["user"]["role"], "city_official")

    def test_short_password_422(self):
        r = self.admin.post("/api/v1/users", {"username": "u_short", "password": "nine-char",
                                              "role": "readonly", "region": "511900000000"})
        self.assertError(r, 422, field="password", what="password of 9 characters")
        self.assertError(Client(self.server).login("u_short", "nine-char"), 401,
                         what="refused user was not created")

    def test_duplicate_username_409(self):
        self.admin.create_user("u_dup", "readonly", "511900000000")
        r = self.admin.post("/api/v1/users", {"username": "u_dup", "password": "another-password",
                                              "role": "readonly", "region": "511900000000"})
        self.assertError(r, 409, what="duplicate username")
        r = self.admin.post("/api/v1/users", {"username": "admin", "password": "another-password",
                                              "role": "readonly", "region": "511900000000"})
        self.assertError(r, 409, what="username admin again")

    def test_bad_role_and_region(self):
        base = {"username": "u_bad", "password": "long-enough-pw", "role": "readonly",
                "region": "511900000000"}
        for over, field in (({"role": "superuser"}, "role"), ({"region": "511999000000"}, "region"),
                            ({"username": ""}, "username"), ({"shoe_size": 42}, "shoe_size")):
            r = self.admin.post("/api/v1/users", dict(base, **over))
            self.assertError(r, 422, field=field, what="create user with %r" % over)

    def test_patch_user(self):
        u = self.admin.create_user("u_patch", "readonly", "511900000000", password="first-password")
        path = "/api/v1/users/%d" % u["id"]
        r = self.admin.patch(path, {"display_name": "改名", "role": "county_official",
                                    "region": "511903000000"})
        self.assertStatus(r, 200, "PATCH a user")
        self.assertEqual((r.json["display_name"], r.json["role"], r.json["region"]),
                         ("改名", "county_official", "511903000000"))
        self.assertStatus(self.admin.patch(path, {"password": "second-password"}), 200,
                          "PATCH password")
        self.assertError(Client(self.server).login("u_patch", "first-password"), 401,
                         what="old password after change")
        login_as(self.server, "u_patch", "second-password")
        r = self.admin.patch(path, {"password": "short"})
        self.assertError(r, 422, field="password", what="PATCH a short password")

    def test_disabled_user_locked_out(self):
        u = self.admin.create_user("u_disable", "county_official", "511902000000",
                                   password="disable-me-pw")
        c = login_as(self.server, "u_disable", "disable-me-pw")
        token = c.post("/api/v1/tokens", {"name": "before disable"}).json["token"]
        r = self.admin.patch("/api/v1/users/%d" % u["id"], {"disabled": True})
        self.assertStatus(r, 200, "disable a user")
        self.assertIs(r.json["disabled"], True)
        self.assertError(Client(self.server).login("u_disable", "disable-me-pw"), (401, 403),
                         what="login of a disabled user")
        self.assertError(c.get("/api/v1/facilities"), (401, 403),
                         what="existing session of a disabled user")
        self.assertError(Client(self.server, token=token).get("/api/v1/facilities"), (401, 403),
                         what="token of a disabled user")

    def test_cli_user_add(self):
        self.assertEqual(_cli_result.get("returncode"), 0,
                         "laoxiao user add exits 0: %s" % _cli_result.get("stderr"))
        c = login_as(self.server, *CLI_USER)
        user = c.get("/api/v1/session").json["user"]
        self.assertEqual((user["username"], user["role"], user["region"]),
                         (CLI_USER[0], "county_official", "511902000000"))


class TokenTest(ApiTestCase):
    def test_token_as_bearer(self):
        r = self.admin.post("/api/v1/tokens", {"name": "nightly import"})
        self.assertStatus(r, 201, "POST /tokens")
        for k in ("id", "name", "token"):
            self.assertIn(k, r.json, "token answer has %r" % k)
        self.assertEqual(r.json["name"], "nightly import")
        self.assertTrue(isinstance(r.json["token"], str) and len(r.json["token"]) >= 20,
                        "token is a long string")
        script = Client(self.server, token=r.json["token"])
        self.assertStatus(script.get("/api/v1/facilities"), 200, "Bearer GET")
        self.assertStatus(script.post("/api/v1/facilities", facility_body(credit_code=None),
                                      csrf=None), 201, "Bearer POST without CSRF")
        other = self.admin.post("/api/v1/tokens", {"name": "second"}).json
        self.assertNotEqual(other["token"], r.json["token"], "tokens differ")

    def test_token_has_its_users_rights(self):
        self.admin.create_user("tok_county", "county_official", "511902000000", password=PASSWORD)
        c = login_as(self.server, "tok_county", PASSWORD)
        token = c.post("/api/v1/tokens", {"name": "county script"})
        self.assertStatus(token, 201, "county official makes a token")
        script = Client(self.server, token=token.json["token"])
        enyang = self.admin.create_facility(facility_body("511903000000", name="令牌范围测试恩阳",
                                                          credit_code=None))
        r = script.get("/api/v1/facilities", params={"per_page": 100, "status": "all"})
        self.assertStatus(r, 200, "Bearer GET as the county official")
        for i in r.json["items"]:
            self.assertTrue(i["region"].startswith("511902"),
                            "the token sees only its user's county: %r" % i["region"])
        self.assertDenied(script.get("/api/v1/facilities/%d" % enyang["id"]), "令牌范围测试恩阳",
                          "county official's token GETs a 恩阳区 facility")
        self.assertStatus(script.post("/api/v1/facilities", facility_body(credit_code=None),
                                      csrf=None), 201, "the token writes in its county")

    def test_token_name_required(self):
        r = self.admin.post("/api/v1/tokens", {})
        self.assertError(r, 422, field="name", what="POST /tokens without name")


class ScopeTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        cls.f1 = a.create_facility(facility_body("511902000000", name="巴州范围测试一",
                                                 credit_code=None))
        cls.f3 = a.create_facility(facility_body("511902000000", name="巴州范围测试三",
                                                 credit_code=None))
        cls.f2 = a.create_facility(facility_body("511903000000", name="恩阳范围测试二SECRET",
                                                 credit_code=None, address="恩阳机密地址"))
        a.create_user("bz_official", "county_official", "511902000000", password=PASSWORD)
        a.create_user("op_one", "operator", "511902000000", password=PASSWORD,
                      facilities=[cls.f1["id"]])
        a.create_user("viewer", "readonly", "511900000000", password=PASSWORD)
        cls.county = login_as(cls.server, "bz_official", PASSWORD)
        cls.operator = login_as(cls.server, "op_one", PASSWORD)
        cls.viewer = login_as(cls.server, "viewer", PASSWORD)

    def fpath(self, fac):
        return "/api/v1/facilities/%d" % fac["id"]

    def test_county_official_cannot_read_other_county(self):
        r = self.county.get(self.fpath(self.f2))
        self.assertDenied(r, "恩阳范围测试二SECRET", "巴州区 official GETs a 恩阳区 facility")
        self.assertNotIn("恩阳机密地址", r.text)
        self.assertStatus(self.county.get(self.fpath(self.f1)), 200, "own county's facility")

    def test_county_official_cannot_write_other_county(self):
        r = self.county.patch(self.fpath(self.f2), {"caregivers": 1})
        self.assertDenied(r, "恩阳范围测试二SECRET", "巴州区 official PATCHes a 恩阳区 facility")
        self.assertEqual(self.admin.get(self.fpath(self.f2)).json["caregivers"],
                         self.f2["caregivers"], "unchanged")
        before = self.admin.list_facilities(region="511903000000", status="all")["total"]
        r = self.county.post("/api/v1/facilities",
                             facility_body("511903000000", name="越权新建", credit_code=None))
        self.assertError(r, (403, 404, 422), what="巴州区 official creates in 恩阳区")
        self.assertEqual(self.admin.list_facilities(region="511903000000", status="all")["total"],
                         before, "nothing created outside scope")
        r = self.county.post("/api/v1/facilities",
                             facility_body("511902000000", name="辖区内新建", credit_code=None))
        self.assertStatus(r, 201, "巴州区 official creates in 巴州区")

    def test_county_official_lists_only_own_county(self):
        for params in ({"region": "511900000000"}, {}):
            r = self.county.get("/api/v1/facilities", params=dict(params, per_page=100))
            self.assertStatus(r, 200, "巴州区 official lists with %r" % params)
            ids = [i["id"] for i in r.json["items"]]
            self.assertIn(self.f1["id"], ids)
            self.assertIn(self.f3["id"], ids)
            self.assertNotIn(self.f2["id"], ids, "恩阳区 facility hidden (%r)" % params)
            for i in r.json["items"]:
                self.assertTrue(i["region"].startswith("511902"),
                                "only 巴州区 facilities listed: %r" % i["region"])
            self.assertNotIn("SECRET", r.text)
        r = self.county.get("/api/v1/facilities/summary", params={"region": "511900000000"})
        if r.status == 200:
            self.assertEqual(r.json["total"]["count"],
                             self.admin.list_facilities(region="511902000000")["total"],
                             "a summary over 巴中市 counts only 巴州区 for its official")
        else:
            self.assertDenied(r, what="summary over 巴中市 by the 巴州区 official")

    def test_county_official_region_scope(self):
        r = self.county.get("/api/v1/regions")
        self.assertStatus(r, 200)
        self.assertEqual([i["code"] for i in r.json["items"]], ["511902000000"],
                         "the root of a 巴州区 official's scope is 巴州区")
        self.assertDenied(self.county.get("/api/v1/regions/511903000000"), "恩阳区",
                          "巴州区 official GETs region 恩阳区")
        self.assertDenied(self.county.get("/api/v1/population",
                                          params={"region": "511903000000", "year": 2020}),
                          what="巴州区 official GETs 恩阳区 population")

    def test_non_admin_cannot_admin(self):
        for who, c in (("county official", self.county), ("operator", self.operator),
                       ("readonly", self.viewer)):
            self.assertError(c.get("/api/v1/users"), 403, what="%s GET /users" % who)
            self.assertError(c.post("/api/v1/users", {"username": "x_" + who.split()[0],
                                                      "password": "long-enough-pw",
                                                      "role": "admin", "region": "511900000000"}),
                             403, what="%s POST /users" % who)
            self.assertError(c.get("/api/v1/audit"), 403, what="%s GET /audit" % who)

    def test_operator_sees_and_edits_only_own(self):
        r = self.operator.get("/api/v1/facilities", params={"status": "all"})
        self.assertStatus(r, 200)
        self.assertEqual([i["id"] for i in r.json["items"]], [self.f1["id"]],
                         "operator lists only its facility")
        self.assertDenied(self.operator.get(self.fpath(self.f3)), "巴州范围测试三",
                          "operator GETs another facility of the same county")
        r = self.operator.patch(self.fpath(self.f1), {"occupied_beds": 90})
        self.assertStatus(r, 200, "operator updates its own occupancy")
        r = self.operator.patch(self.fpath(self.f3), {"occupied_beds": 1})
        self.assertDenied(r, what="operator PATCHes another facility")
        self.assertEqual(self.admin.get(self.fpath(self.f3)).json["occupied_beds"],
                         self.f3["occupied_beds"])

    def test_readonly_writes_nothing(self):
        self.assertStatus(self.viewer.get("/api/v1/facilities"), 200, "readonly can list")
        self.assertStatus(self.viewer.get(self.fpath(self.f2)), 200,
                          "readonly for 巴中市 sees 恩阳区")
        r = self.viewer.post("/api/v1/facilities", facility_body(credit_code=None))
        self.assertError(r, 403, what="readonly POST /facilities")
        r = self.viewer.patch(self.fpath(self.f1), {"caregivers": 2})
        self.assertError(r, 403, what="readonly PATCH a facility in scope")
        r = self.viewer.put("/api/v1/population", {"region": "511902000000", "year": 2024,
                                                   "metric": "households", "value": 5,
                                                   "source": "x"})
        self.assertError(r, 403, what="readonly PUT population")


class AuditTest(ApiTestCase):
    def all_entries(self, **params):
        items, page = [], 1
        while True:
            r = self.admin.get("/api/v1/audit", params=dict(params, page=page, per_page=100))
            self.assertStatus(r, 200, "GET /audit page %d" % page)
            items += r.json["items"]
            if not r.json["items"] or len(items) >= r.json["total"] or page > 50:
                return items, r.json["total"]
            page += 1

    def user_id(self, name):
        users = self.admin.get("/api/v1/users").json["items"]
        return [u["id"] for u in users if u["username"] == name][0]

    def test_create_and_patch_recorded(self):
        fac = self.admin.create_facility(facility_body(name="审计测试养老院", credit_code=None))
        r = self.admin.patch("/api/v1/facilities/%d" % fac["id"], {"beds": 140})
        self.assertStatus(r, 200)
        admin_id = self.admin.get("/api/v1/session").json["user"]["id"]
        r = self.admin.get("/api/v1/audit", params={"entity": "facility", "entity_id": fac["id"]})
        self.assertStatus(r, 200, "GET /audit?entity=facility&entity_id=")
        items = r.json["items"]
        self.assertEqual(r.json["total"], 2, "create and PATCH: two entries: %r" % items)
        for it in items:
            for k in ("id", "at", "user", "action", "entity", "entity_id", "before", "after"):
                self.assertIn(k, it, "audit entry has %r" % k)
            self.assertEqual(it["entity"], "facility")
            self.assertEqual(str(it["entity_id"]), str(fac["id"]))
            self.assertTrue(is_user(it["user"], "admin", admin_id),
                            "audit user is admin: %r" % it["user"])
            self.assertTrue(isinstance(it["action"], str) and it["action"])
        update, create = items  # newest first
        self.assertIsNone(create["before"], "create: before is null")
        self.assertIsInstance(create["after"], dict, "create: after is the object")
        self.assertEqual(create["after"].get("name"), "审计测试养老院")
        self.assertEqual(create["after"].get("beds"), 120)
        self.assertEqual((update["before"].get("beds"), update["after"].get("beds")), (120, 140),
                         "update: before / after beds, newest entry first")
        self.assertNotEqual(create["action"], update["action"])

    def test_no_password_in_audit(self):
        secret = "audit-secret-pw-987"
        self.admin.create_user("audited", "readonly", "511900000000", password=secret)
        login_as(self.server, "audited", secret)
        self.admin.ok("PATCH", "/api/v1/users/%d" % self.user_id("audited"),
                      json_body={"password": secret + "-2"})
        items, total = self.all_entries()
        self.assertGreaterEqual(total, 1)
        self.assertNotIn(secret, json.dumps(items, ensure_ascii=False),
                         "the audit log must never hold a password")

    def test_filter_by_user(self):
        r = self.admin.get("/api/v1/audit", params={"user": "admin", "per_page": 5})
        self.assertStatus(r, 200, "GET /audit?user=admin")
        self.assertLessEqual(len(r.json["items"]), 5, "per_page respected")
