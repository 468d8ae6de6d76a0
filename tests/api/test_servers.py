"""Several `laoxiao serve` processes on one database, as behind a load
balancer (docs/operations.md): what one writes the other answers at once,
its cached indicators included; a session or token opened on one works on
the other, and a logout or revocation through one holds on both.

Runs on both databases: two processes share a SQLite file (WAL) as they
share a PostgreSQL database.
"""

import datetime
import unittest

import harness

CITY = "511900000000"
COUNTY = "511902000000"


class TwoServersTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.a = harness.Server(label="servers-a")
        cls.b = cls.a.sibling(label="servers-b")

    @classmethod
    def tearDownClass(cls):
        problems = [s.stop() for s in (cls.b, cls.a)]
        problems = [p for p in problems if p]
        if problems:
            raise AssertionError("\n".join(problems))

    def admin_on(self, server):
        c = harness.Client(server)
        r = c.login("admin", self.a.admin_password)
        self.assertEqual(r.status, 200, r.text)
        return c

    def indicators(self, client):
        # this year's: a capacity changed today counts in it
        r = client.get("/api/v1/indicators", params={"region": CITY,
                                                     "period": str(datetime.date.today().year)})
        self.assertEqual(r.status, 200, r.text)
        # the figures only, so that a failure prints a short line
        return [(i["id"], i.get("value")) for i in r.json["indicators"]]

    def facilities(self, client):
        r = client.get("/api/v1/facilities", params={"region": CITY, "status": "all",
                                                     "per_page": "1000"})
        self.assertEqual(r.status, 200, r.text)
        return sorted(f["name"] for f in r.json["items"])

    def test_a_write_through_one_is_seen_by_the_other_and_its_cache_dropped(self):
        on_a, on_b = self.admin_on(self.a), self.admin_on(self.b)
        before = self.indicators(on_b)
        self.assertEqual(self.indicators(on_b), before,
                         "two reads with no write between answer the same")
        body = harness.facility_body(COUNTY, name="双服务测试养老院")
        body["beds"] = 480
        r = on_a.post("/api/v1/facilities", body)
        self.assertEqual(r.status, 201, r.text)
        self.assertIn("双服务测试养老院", self.facilities(on_b),
                      "the facility created through A is listed by B at once")
        after_b, after_a = self.indicators(on_b), self.indicators(on_a)
        self.assertNotEqual(after_b, before,
                            "480 more beds change the city's indicators on B: its "
                            "cached answer was dropped")
        self.assertEqual(after_b, after_a, "both servers answer the same figures")
        # and back the other way: a write through B is seen by A's cache
        fid = r.json["id"]
        r = on_b.patch("/api/v1/facilities/%d" % fid, {"beds": 200})
        self.assertEqual(r.status, 200, r.text)
        self.assertNotEqual(self.indicators(on_a), after_a,
                            "a change through B reaches A's cached indicators")
        self.assertEqual(self.indicators(on_a), self.indicators(on_b))

    def test_sessions_and_tokens_hold_on_both(self):
        on_a = self.admin_on(self.a)
        # the same cookie session, sent to the other server
        moved = harness.Client(self.b)
        moved.cookies = dict(on_a.cookies)
        moved.csrf = on_a.csrf
        self.assertEqual(moved.get("/api/v1/session").status, 200,
                         "a session opened on A is valid on B")
        tok = on_a.post("/api/v1/tokens", {"name": "two-servers"})
        self.assertEqual(tok.status, 201, tok.text)
        by_token_b = harness.Client(self.b, token=tok.json["token"])
        self.assertEqual(by_token_b.get("/api/v1/session").status, 200,
                         "a token made on A works on B")
        r = moved.delete("/api/v1/tokens/%d" % tok.json["id"])
        self.assertIn(r.status, (200, 204), r.text)
        self.assertEqual(harness.Client(self.a, token=tok.json["token"])
                         .get("/api/v1/session").status, 401,
                         "revoked through B, refused by A at once")
        self.assertEqual(by_token_b.get("/api/v1/session").status, 401)
        self.assertEqual(on_a.logout().status, 204)
        self.assertEqual(moved.get("/api/v1/session").status, 401,
                         "logged out on A, the session is over on B too")


if __name__ == "__main__":
    unittest.main()
