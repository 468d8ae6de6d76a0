"""Sessions, cookies, CSRF and Bearer tokens (docs/api.md, Authentication)."""

import time

import harness
from harness import ApiTestCase, Client, facility_body


def tearDownModule():
    harness.stop_module_server(__name__)


class ServeTest(ApiTestCase):
    def test_serve_prints_listening_line(self):
        want = "laoxiao: listening on http://127.0.0.1:%d/" % self.server.port
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline and want not in self.server.stdout_text():
            time.sleep(0.05)
        self.assertIn(want, self.server.stdout_text().splitlines(),
                      "serve must print the line %r once ready (stdout flushed)" % want)

    def test_unknown_api_path_is_404_json(self):
        r = Client(self.server).get("/api/v1/no-such-thing")
        # Unauthenticated callers may be told 401 first; either way a JSON error.
        self.assertError(r, (401, 404), what="unknown API path")
        r = self.admin.get("/api/v1/no-such-thing")
        self.assertError(r, 404, what="unknown API path as admin")


class SessionTest(ApiTestCase):
    def test_login_ok(self):
        c = Client(self.server)
        r = c.login("admin", self.server.admin_password)
        self.assertStatus(r, 200, "login with the password init printed")
        body = r.json
        self.assertIsInstance(body.get("csrf_token"), str, "login body has csrf_token string")
        self.assertTrue(body["csrf_token"], "csrf_token is not empty")
        user = body.get("user")
        self.assertIsInstance(user, dict, "login body has a user object")
        for k in harness.USER_FIELDS:
            self.assertIn(k, user, "USER has field %r" % k)
        self.assertEqual(user["username"], "admin")
        self.assertEqual(user["role"], "admin")
        self.assertIs(user["disabled"], False, "admin is not disabled")
        self.assertIn("lx_session", c.cookies, "login sets cookie lx_session")

    def test_session_cookie_attributes(self):
        c = Client(self.server)
        self.assertStatus(c.login("admin", self.server.admin_password), 200)
        sc = [h for h in c.set_cookie_headers if h.strip().startswith("lx_session=")]
        self.assertTrue(sc, "expected a Set-Cookie for lx_session, got %r" % c.set_cookie_headers)
        attrs = [a.strip().lower() for a in sc[-1].split(";")[1:]]
        self.assertIn("httponly", attrs, "lx_session must be HttpOnly: %r" % sc[-1])
        self.assertIn("samesite=strict", attrs, "lx_session must be SameSite=Strict: %r" % sc[-1])
        self.assertIn("path=/", attrs, "lx_session must have Path=/: %r" % sc[-1])
        value = sc[-1].split(";")[0].split("=", 1)[1]
        self.assertGreaterEqual(len(value), 16, "session id should be long and random: %r" % value)

    def test_get_session_returns_same_body(self):
        c = Client(self.server)
        login = c.login("admin", self.server.admin_password)
        self.assertStatus(login, 200)
        r = c.get("/api/v1/session")
        self.assertStatus(r, 200, "GET /session with the cookie")
        self.assertEqual(r.json.get("user"), login.json["user"],
                         "GET /session gives the same user as login")
        self.assertEqual(r.json.get("csrf_token"), login.json["csrf_token"],
                         "GET /session gives the same csrf_token as login (contract: the same body)")

    def test_get_session_without_cookie_401(self):
        self.assertError(Client(self.server).get("/api/v1/session"), 401,
                         what="GET /session when not logged in")

    def test_wrong_password_401(self):
        c = Client(self.server)
        r = c.login("admin", self.server.admin_password + "x")
        self.assertError(r, 401, what="login with a wrong password")
        self.assertNotIn("lx_session", c.cookies, "no session cookie after a failed login")

    def test_unknown_user_401(self):
        r = Client(self.server).login("nobody-here", "whatever-password")
        self.assertError(r, 401, what="login as an unknown user")

    def test_logout(self):
        c = Client(self.server)
        self.assertStatus(c.login("admin", self.server.admin_password), 200)
        cookie = dict(c.cookies)
        r = c.logout()
        self.assertStatus(r, 204, "DELETE /session logs out")
        self.assertEqual(r.body, b"", "204 has no body")
        self.assertError(c.get("/api/v1/session"), 401, what="GET /session after logout")
        # The old cookie must be dead on the server, not only forgotten by us.
        old = Client(self.server)
        old.cookies = cookie
        self.assertError(old.get("/api/v1/session"), 401,
                         what="GET /session replaying the cookie of a logged-out session")
        self.assertError(old.get("/api/v1/facilities"), 401,
                         what="GET /facilities replaying a logged-out cookie")

    def test_unauthenticated_facilities_401(self):
        self.assertError(Client(self.server).get("/api/v1/facilities"), 401,
                         what="GET /facilities without session or token")

    def test_unauthenticated_write_401(self):
        r = Client(self.server).post("/api/v1/facilities", facility_body(), csrf=None)
        self.assertError(r, 401, what="POST /facilities without session or token")

    def test_bad_bearer_401(self):
        r = Client(self.server, token="not-a-real-token").get("/api/v1/facilities")
        self.assertError(r, 401, what="GET /facilities with an unknown Bearer token")


class CsrfTest(ApiTestCase):
    def count(self):
        return self.admin.list_facilities(region="511923000000")["total"]

    def body(self):
        return facility_body("511923000000", name="平昌县CSRF测试养老院")

    def test_cookie_write_without_csrf_403(self):
        before = self.count()
        r = self.admin.post("/api/v1/facilities", self.body(), csrf=None)
        self.assertError(r, 403, field="csrf", what="cookie POST without X-CSRF-Token")
        self.assertEqual(self.count(), before, "nothing created by a refused write")

    def test_cookie_write_with_wrong_csrf_403(self):
        before = self.count()
        r = self.admin.post("/api/v1/facilities", self.body(), csrf="0" * 43)
        self.assertError(r, 403, field="csrf", what="cookie POST with a wrong X-CSRF-Token")
        r = self.admin.post("/api/v1/facilities", self.body(), csrf="")
        self.assertError(r, 403, field="csrf", what="cookie POST with an empty X-CSRF-Token")
        self.assertEqual(self.count(), before, "nothing created by refused writes")

    def test_cookie_write_with_csrf_201(self):
        r = self.admin.post("/api/v1/facilities", self.body())
        self.assertStatus(r, 201, "cookie POST with the right X-CSRF-Token")

    def test_every_write_method_needs_csrf(self):
        fac = self.admin.create_facility(self.body())
        path = "/api/v1/facilities/%d" % fac["id"]
        r = self.admin.patch(path, {"caregivers": 3}, csrf=None)
        self.assertError(r, 403, field="csrf", what="cookie PATCH without X-CSRF-Token")
        self.assertEqual(self.admin.get(path).json["caregivers"], fac["caregivers"],
                         "refused PATCH changed nothing")
        r = self.admin.put("/api/v1/population", {"region": "511923000000", "year": 2015,
                                                  "metric": "households", "value": 1,
                                                  "source": "csrf test"}, csrf=None)
        self.assertError(r, 403, field="csrf", what="cookie PUT without X-CSRF-Token")
        r = self.admin.delete("/api/v1/population",
                              params={"region": "511900000000", "year": 2020,
                                      "metric": "residents"}, csrf=None)
        self.assertError(r, 403, field="csrf", what="cookie DELETE without X-CSRF-Token")
        r = self.admin.delete("/api/v1/session", csrf=None)
        self.assertError(r, 403, field="csrf", what="logout without X-CSRF-Token")
        self.assertStatus(self.admin.get("/api/v1/session"), 200,
                          "session still alive after a refused logout")

    def test_csrf_token_of_another_session_403(self):
        self.admin.create_user("csrf_other", "readonly", "511900000000",
                               password="other-password-1")
        other = harness.login_as(self.server, "csrf_other", "other-password-1")
        r = self.admin.post("/api/v1/facilities", self.body(), csrf=other.csrf)
        self.assertError(r, 403, field="csrf",
                         what="admin cookie with another user's CSRF token")

    def test_bearer_write_needs_no_csrf(self):
        r = self.admin.post("/api/v1/tokens", {"name": "csrf-test script"})
        self.assertStatus(r, 201, "POST /tokens")
        script = Client(self.server, token=r.json["token"])
        r = script.post("/api/v1/facilities", self.body(), csrf=None)
        self.assertStatus(r, 201, "Bearer POST without X-CSRF-Token")
