"""Logins: throttling by account and by address, the same answer in the same
time for unknown names, a password change that ends what the old password
opened, API tokens listed and revoked, idle sessions ended, Secure cookies
behind TLS.

The limits are those of core/login_guard.h (GB/T 22239-2019 8.1.4.1 b):
five free failures per account and twenty per address, then a lock of 1 s
that doubles with each further failure. Each test class gets a server of
its own, so that one class's failures from 127.0.0.1 do not lock another.
"""

import statistics
import time
import unittest

import harness

PASSWORD = "correct horse battery"
REGION = "511900000000"


class Own(unittest.TestCase):
    """A server of the class's own."""

    serve_args = ()

    @classmethod
    def setUpClass(cls):
        cls.server = harness.Server(label=cls.__name__, serve_args=cls.serve_args)
        cls.admin = cls.server.admin()

    @classmethod
    def tearDownClass(cls):
        problem = cls.server.stop()
        if problem:
            raise AssertionError(problem)

    def user(self, name):
        self.admin.create_user(name, "city_official", REGION)
        return name

    def login(self, name, password=PASSWORD):
        c = harness.Client(self.server)
        return c, c.login(name, password)


class ThrottleTest(Own):
    def test_account_locked_after_five_failures_even_for_the_right_password(self):
        name = self.user("lock_me")
        for i in range(5):
            c, r = self.login(name, "wrong password %d" % i)
            self.assertEqual(r.status, 401, "failure %d is a plain refusal" % (i + 1))
        c, r = self.login(name, "wrong password 6")
        self.assertEqual(r.status, 401, "the sixth failure is counted")
        t_locked = time.monotonic()
        # a hundred guesses in a row while locked, then the right password
        for i in range(100):
            c, r = self.login(name, "guess %d" % i)
            self.assertIn(r.status, (401, 429))
        c, r = self.login(name)
        self.assertEqual(r.status, 429, "the right password is refused while locked: %s"
                         % r.text)
        self.assertEqual(r.json["error"]["code"], "too_many_requests")
        self.assertGreaterEqual(int(r.header("Retry-After")), 1, "Retry-After says how long")
        # the lock after the sixth failure is one second: after it, the
        # right password works and clears the count
        time.sleep(max(0.0, 1.2 - (time.monotonic() - t_locked)))
        for _ in range(40):  # the guesses above may have lengthened it
            c, r = self.login(name)
            if r.status != 429:
                break
            time.sleep(min(int(r.header("Retry-After") or 1), 5))
        self.assertEqual(r.status, 200, "the right password after the lock: %s" % r.text)
        c, r = self.login(name, "wrong again")
        self.assertEqual(r.status, 401, "the count began again at a success")
        c, r = self.login(name)
        self.assertEqual(r.status, 200)

    def test_failures_are_audited(self):
        name = self.user("audited_fail")
        self.login(name, "not the password")
        r = self.admin.get("/api/v1/audit", params={"entity": "session", "per_page": 100})
        self.assertEqual(r.status, 200, r.text)
        failed = [e for e in r.json["items"] if e["action"] == "login_failed"
                  and e["user"] == name]
        self.assertTrue(failed, "a failed login is in the audit log")


class AddressThrottleTest(Own):
    def test_one_address_guessing_many_names_is_locked(self):
        good = self.user("good_user")
        # twenty failures spread over names, none locked on its own
        for i in range(20):
            c, r = self.login("nobody%02d" % (i % 10), "guess")
            self.assertEqual(r.status, 401, "failure %d" % (i + 1))
        c, r = self.login(good)
        self.assertEqual(r.status, 200, "twenty failures from an address are free")
        c, r = self.login("nobody99", "guess")
        self.assertEqual(r.status, 401, "the twenty-first is counted")
        c, r = self.login(good)
        self.assertEqual(r.status, 429, "then the address is locked, for every name")


class TimingTest(Own):
    def test_unknown_names_take_as_long_as_wrong_passwords(self):
        known = [self.user("timing_%d" % i) for i in range(6)]

        def took(name):
            t = time.monotonic()
            c, r = self.login(name, "a wrong password")
            self.assertEqual(r.status, 401)
            return time.monotonic() - t

        # one try per name, alternating, so no account is locked and the
        # address stays under its twenty
        a, b = [], []
        for i in range(6):
            a.append(took(known[i]))
            b.append(took("no_such_user_%d" % i))
        ka, kb = statistics.median(a), statistics.median(b)
        # a hash check takes tens of milliseconds; answering an unknown
        # name without one takes a fraction of a millisecond
        self.assertGreater(kb, ka * 0.5, "unknown name %.1f ms vs wrong password %.1f ms"
                           % (kb * 1000, ka * 1000))
        self.assertLess(kb, ka * 2.0)
        r1 = self.login(known[0], "wrong")[1]
        r2 = self.login("no_such_user_x", "wrong")[1]
        self.assertEqual(r1.json, r2.json, "the same answer word for word")


class PasswordChangeTest(Own):
    def test_new_password_ends_sessions_and_tokens(self):
        name = self.user("changer")
        u = [x for x in self.admin.get("/api/v1/users").json["items"] if x["username"] == name][0]
        c1, r = self.login(name)
        self.assertEqual(r.status, 200)
        c2, r = self.login(name)
        self.assertEqual(r.status, 200)
        r = c1.post("/api/v1/tokens", {"name": "script"})
        self.assertEqual(r.status, 201, r.text)
        bearer = harness.Client(self.server, token=r.json["token"])
        self.assertEqual(bearer.get("/api/v1/session").status, 200)
        r = self.admin.patch("/api/v1/users/%d" % u["id"], {"password": "a brand new password"})
        self.assertEqual(r.status, 200, r.text)
        for who, c in (("first session", c1), ("second session", c2), ("API token", bearer)):
            self.assertEqual(c.get("/api/v1/session").status, 401,
                             "%s ended by the password change" % who)
        self.assertEqual(self.login(name)[1].status, 401, "the old password is refused")
        c3, r = self.login(name, "a brand new password")
        self.assertEqual(r.status, 200)
        # another change (not of the password) leaves sessions alone
        r = self.admin.patch("/api/v1/users/%d" % u["id"], {"display_name": "改名"})
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(c3.get("/api/v1/session").status, 200)

    def test_own_password_change_keeps_the_current_session(self):
        self.admin.create_user("admin2", "admin", None)
        other = harness.Client(self.server)
        self.assertEqual(other.login("admin2", PASSWORD).status, 200)
        me = harness.Client(self.server)
        self.assertEqual(me.login("admin2", PASSWORD).status, 200)
        mine = [x for x in me.get("/api/v1/users").json["items"] if x["username"] == "admin2"][0]
        r = me.patch("/api/v1/users/%d" % mine["id"], {"password": "admin2 new password"})
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(me.get("/api/v1/session").status, 200, "the session that changed it")
        self.assertEqual(other.get("/api/v1/session").status, 401, "the other session")

    def test_cli_passwd_ends_sessions(self):
        name = self.user("cli_changer")
        c, r = self.login(name)
        self.assertEqual(r.status, 200)
        p = harness.run_cli(["user", "passwd", name], self.server.db,
                            stdin="password set by the cli\n")
        self.assertEqual(p.returncode, 0, p.stderr.decode("utf-8", "replace"))
        self.assertEqual(c.get("/api/v1/session").status, 401)


class TokenTest(Own):
    def test_list_and_revoke(self):
        name = self.user("tokener")
        other = self.user("someone_else")
        c, _ = self.login(name)
        o, _ = self.login(other)
        made = [c.post("/api/v1/tokens", {"name": "t%d" % i}).json for i in range(2)]
        theirs = o.post("/api/v1/tokens", {"name": "theirs"}).json
        r = c.get("/api/v1/tokens")
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(sorted(t["name"] for t in r.json["items"]), ["t0", "t1"],
                         "an account sees its own tokens only")
        for t in r.json["items"]:
            self.assertNotIn("token", t, "a listing never shows the token")
            self.assertFalse(t["revoked"])
        for tok in made:
            self.assertNotIn(tok["token"], r.text)
        self.assertEqual(c.get("/api/v1/tokens", params={"account": "1"}).status, 403)
        # someone else's token is not found, and still works
        self.assertEqual(c.delete("/api/v1/tokens/%d" % theirs["id"]).status, 404)
        self.assertEqual(harness.Client(self.server, token=theirs["token"])
                         .get("/api/v1/session").status, 200)
        r = c.delete("/api/v1/tokens/%d" % made[0]["id"])
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(harness.Client(self.server, token=made[0]["token"])
                         .get("/api/v1/session").status, 401, "a revoked token is refused")
        self.assertEqual(harness.Client(self.server, token=made[1]["token"])
                         .get("/api/v1/session").status, 200, "the other one works")
        listed = {t["name"]: t for t in c.get("/api/v1/tokens").json["items"]}
        self.assertTrue(listed["t0"]["revoked"])
        self.assertTrue(listed["t0"]["revoked_at"])
        # an administrator sees and revokes any account's tokens
        everyone = self.admin.get("/api/v1/tokens", params={"account": "0"}).json["items"]
        self.assertTrue({"t0", "t1", "theirs"} <= {t["name"] for t in everyone})
        self.assertEqual(self.admin.delete("/api/v1/tokens/%d" % theirs["id"]).status, 200)
        self.assertEqual(harness.Client(self.server, token=theirs["token"])
                         .get("/api/v1/session").status, 401)
        audit = self.admin.get("/api/v1/audit", params={"entity": "api_token"}).json["items"]
        self.assertEqual(len([e for e in audit if e["action"] == "revoke"]), 2)


class CliTokenTest(Own):
    def test_cli_lists_and_revokes(self):
        name = self.user("cli_tokener")
        c, _ = self.login(name)
        made = c.post("/api/v1/tokens", {"name": "nightly-export"}).json
        p = harness.run_cli(["user", "tokens", name], self.server.db)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        out = p.stdout.decode()
        self.assertIn("%d\tnightly-export" % made["id"], out)
        self.assertNotIn(made["token"], out, "never the token itself")
        p = harness.run_cli(["user", "revoke", "admin", str(made["id"])], self.server.db)
        self.assertEqual(p.returncode, 1, "another account's token is not revoked by name")
        p = harness.run_cli(["user", "revoke", name, str(made["id"])], self.server.db)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        self.assertEqual(harness.Client(self.server, token=made["token"])
                         .get("/api/v1/session").status, 401)


class IdleTest(Own):
    # 4 s, not less: on a loaded machine one request may take a second
    serve_args = ("--session-idle", "4")

    def test_idle_session_ends_and_a_used_one_lives(self):
        name = self.user("idler")
        busy, _ = self.login(name)
        quiet, _ = self.login(name)
        for _ in range(12):  # 6 s of use, every half second
            time.sleep(0.5)
            self.assertEqual(busy.get("/api/v1/session").status, 200, "a session in use lives")
        self.assertEqual(quiet.get("/api/v1/session").status, 401, "6 s unused with a 4 s limit")
        self.assertEqual(busy.get("/api/v1/session").status, 200)


class SecureCookieTest(Own):
    serve_args = ("--secure-cookies",)

    def test_cookie_is_secure_behind_tls(self):
        c, r = self.login("admin", self.server.admin_password)
        self.assertEqual(r.status, 200)
        cookie = r.header("Set-Cookie")
        self.assertIn("; Secure", cookie)
        self.assertIn("HttpOnly", cookie)


class PlainCookieTest(unittest.TestCase):
    def test_cookie_without_tls_setting(self):
        s = harness.Server(label="plain-cookie")
        try:
            r = harness.Client(s).request("POST", "/api/v1/session",
                                          json_body={"username": "admin",
                                                     "password": s.admin_password},
                                          csrf=None)
            self.assertEqual(r.status, 200)
            self.assertNotIn("Secure", r.header("Set-Cookie"))
        finally:
            s.stop()


if __name__ == "__main__":
    unittest.main()
