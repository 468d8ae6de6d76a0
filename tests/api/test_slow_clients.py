"""Slow and hostile clients cannot lock users out or fill the memory.

- 1,100 connections from one address that never finish their headers: a
  logged-in user from another address (127.0.0.2, still this machine's
  loopback) is served all the same, since one address may hold only so
  many connections (--max-per-address, 128 by default).
- A client that is not logged in and announces a 30 MB CSV upload is
  answered 401 as soon as its headers are in; its body is never read.
- Fifty such uploads sending a mebibyte each leave the server's memory
  where it was.

Every socket here is to 127.0.0.1 and every loop is bounded in count and
time; all sockets are closed at the end.
"""

import http.client
import json
import socket
import time
import unittest

import harness


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class SlowClientTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = harness.Server(label="slow-clients")

    @classmethod
    def tearDownClass(cls):
        problem = cls.server.stop()
        if problem:
            raise AssertionError(problem)

    def login_from(self, source):
        c = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10,
                                       source_address=(source, 0))
        body = json.dumps({"username": "admin", "password": self.server.admin_password})
        c.request("POST", "/api/v1/session", body=body,
                  headers={"Content-Type": "application/json"})
        r = c.getresponse()
        r.read()
        self.assertEqual(r.status, 200)
        cookie = r.getheader("Set-Cookie").split(";")[0]
        c.close()
        return cookie

    def get_from(self, source, path, cookie):
        c = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10,
                                       source_address=(source, 0))
        t = time.monotonic()
        c.request("GET", path, headers={"Cookie": cookie})
        r = c.getresponse()
        r.read()
        c.close()
        return r.status, time.monotonic() - t

    def test_thousand_hanging_connections_do_not_lock_others_out(self):
        cookie = self.login_from("127.0.0.2")
        hanging = []
        try:
            for _ in range(1100):
                s = socket.socket()
                s.settimeout(2)
                try:
                    s.connect(("127.0.0.1", self.server.port))
                    s.sendall(b"GET /api/v1/session HTTP/1.1\r\nHost: x\r\nX-Slow: ")
                except OSError:
                    s.close()
                    continue
                hanging.append(s)
            self.assertGreater(len(hanging), 100, "the slow connections were opened")
            time.sleep(0.5)
            status, took = self.get_from("127.0.0.2", "/api/v1/session", cookie)
            self.assertEqual(status, 200, "a logged-in user is served")
            self.assertLess(took, 5.0)
        finally:
            for s in hanging:
                s.close()

    def raw_upload_headers(self, length):
        s = socket.create_connection(("127.0.0.1", self.server.port), timeout=5)
        s.sendall(("POST /api/v1/import/facilities HTTP/1.1\r\nHost: x\r\n"
                   "Content-Type: text/csv\r\nContent-Length: %d\r\n\r\n" % length).encode())
        return s

    def test_anonymous_upload_refused_at_its_headers(self):
        s = self.raw_upload_headers(30 * 1024 * 1024)
        try:
            t = time.monotonic()
            answer = s.recv(4096)
            took = time.monotonic() - t
        finally:
            s.close()
        self.assertTrue(answer.startswith(b"HTTP/1.1 401"), answer[:100])
        self.assertLess(took, 3.0, "answered without waiting for the body")

    def test_anonymous_uploads_hold_no_memory(self):
        pid = self.server.proc.pid
        chunk = b"a,b,c\r\n" * (1024 * 1024 // 7)
        before = rss_kib(pid)
        socks = []
        try:
            for _ in range(50):
                s = self.raw_upload_headers(30 * 1024 * 1024)
                try:
                    s.sendall(chunk)
                except OSError:
                    pass  # refused and closed: the point
                socks.append(s)
            time.sleep(0.5)
            after = rss_kib(pid)
        finally:
            for s in socks:
                s.close()
        self.assertLess(after - before, 25 * 1024,
                        "50 anonymous 1 MiB uploads grew the server by %d KiB" % (after - before))


if __name__ == "__main__":
    unittest.main()
