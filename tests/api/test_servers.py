"""Several `laoxiao serve` processes on one database, as behind a load
balancer (docs/operations.md): what one writes the other answers at once,
its cached indicators included; a session or token opened on one works on
the other, and a logout or revocation through one holds on both.

Runs on both databases: two processes share a SQLite file (WAL) as they
share a PostgreSQL database.
"""

import datetime
import os
import shutil
import subprocess
import tempfile
import time
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

    def test_dropped_connections_are_opened_again(self):
        """A database restart or failover ends every connection: each
        server opens its connections again and no request fails."""
        on_a, on_b = self.admin_on(self.a), self.admin_on(self.b)
        before = self.facilities(on_a)
        if harness.is_url(self.a.db):
            import cluster
            out = cluster.psql(self.a.db, "SELECT count(pg_terminate_backend(pid))"
                                          " FROM pg_stat_activity WHERE datname ="
                                          " current_database() AND pid <> pg_backend_pid()")
            self.assertGreater(int(out.strip()), 0, "the servers' connections were ended")
        # more requests than worker threads, so that every one is used
        for _ in range(24):
            self.assertEqual(self.facilities(on_a), before)
            self.assertEqual(self.facilities(on_b), before)

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


class LoadBalancerTest(unittest.TestCase):
    """Debian's haproxy in front of two servers on one database, round
    robin with no stickiness, as docs/operations.md sets nginx up: an
    official's session goes on working whichever server answers."""

    @classmethod
    def setUpClass(cls):
        cls.a = harness.Server(label="lb-a")
        cls.b = cls.a.sibling(label="lb-b")
        cls.dir = tempfile.mkdtemp(prefix="laoxiao-lb-")
        cls.port = harness.free_port()
        cfg = os.path.join(cls.dir, "haproxy.cfg")
        with open(cfg, "w") as f:
            f.write("global\n  maxconn 256\n"
                    "defaults\n  mode http\n  timeout connect 5s\n"
                    "  timeout client 30s\n  timeout server 30s\n"
                    "frontend front\n  bind 127.0.0.1:%d\n  default_backend laoxiao\n"
                    "backend laoxiao\n  balance roundrobin\n"
                    "  http-response set-header X-Laoxiao-Server %%s\n"
                    "  server a 127.0.0.1:%d\n  server b 127.0.0.1:%d\n"
                    % (cls.port, cls.a.port, cls.b.port))
        haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
        cls.proxy = subprocess.Popen([haproxy, "-db", "-f", cfg], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                import socket
                socket.create_connection(("127.0.0.1", cls.port), timeout=0.5).close()
                break
            except OSError:
                if cls.proxy.poll() is not None:
                    raise RuntimeError("haproxy exited: %s" % cls.proxy.stderr.read().decode())
                time.sleep(0.05)
        # the harness's client talks to whatever has a port and a base
        cls.front = type("Front", (), {"port": cls.port,
                                       "base": "http://127.0.0.1:%d" % cls.port})()

    @classmethod
    def tearDownClass(cls):
        cls.proxy.terminate()
        cls.proxy.wait(timeout=10)
        shutil.rmtree(cls.dir, ignore_errors=True)
        problems = [p for p in (cls.b.stop(), cls.a.stop()) if p]
        if problems:
            raise AssertionError("\n".join(problems))

    def test_an_official_works_through_the_balancer(self):
        c = harness.Client(self.front)
        r = c.login("admin", self.a.admin_password)
        self.assertEqual(r.status, 200, r.text)
        served_by = set()
        for i in range(6):
            body = harness.facility_body(COUNTY, name="轮询测试养老院%d" % i)
            r = c.post("/api/v1/facilities", body)
            self.assertEqual(r.status, 201, r.text)
            served_by.add(r.header("X-Laoxiao-Server"))
            # read back at once, by whichever server answers next
            r = c.get("/api/v1/facilities/%d" % r.json["id"])
            self.assertEqual(r.status, 200, r.text)
            served_by.add(r.header("X-Laoxiao-Server"))
            self.assertEqual(r.json["name"], "轮询测试养老院%d" % i)
        self.assertEqual(served_by, {"a", "b"}, "both servers answered")
        self.assertEqual(c.logout().status, 204)
        for _ in range(2):
            self.assertEqual(c.get("/api/v1/session").status, 401,
                             "logged out through one, refused by both")


if __name__ == "__main__":
    unittest.main()
