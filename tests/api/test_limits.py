"""Malformed bodies (as data files), size limits, odd requests: each gets a
clear error, changes nothing, and the server keeps serving."""

import glob
import json
import os
import threading

import harness
from harness import ApiTestCase, Client, MiB, facility_body, raw_request


def tearDownModule():
    harness.stop_module_server(__name__)


class LimitsTestCase(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not hasattr(cls.server, "limits_token"):
            r = cls.admin.post("/api/v1/tokens", {"name": "limits"})
            if r.status != 201:
                raise AssertionError("POST /tokens: %s" % r.summary())
            cls.server.limits_token = r.json["token"]
        cls.token = cls.server.limits_token
        cls.script = Client(cls.server, token=cls.token)

    def total(self):
        return self.admin.list_facilities(status="all")["total"]

    def head(self, method, path, length=None, content_type="application/json", extra=()):
        lines = ["%s %s HTTP/1.1" % (method, path), "Host: 127.0.0.1:%d" % self.server.port,
                 "Authorization: Bearer " + self.token, "Content-Type: " + content_type,
                 "Connection: close"]
        if length is not None:
            lines.append("Content-Length: %d" % length)
        lines += list(extra)
        return "\r\n".join(lines)

    def assertRaw413(self, status, data, note, what):
        self.assertEqual(status, 413, "%s: expected HTTP 413, got %s (%s) %r"
                         % (what, status, note, data[:300]))
        body = data.partition(b"\r\n\r\n")[2]
        if b"Transfer-Encoding: chunked" not in data.partition(b"\r\n\r\n")[0]:
            err = json.loads(body.decode("utf-8")).get("error", {})
            self.assertEqual(err.get("code"), "too_large", "%s: error.code too_large" % what)


class MalformedBodyTest(LimitsTestCase):
    """One test per file in tests/data/api/malformed/."""


def _malformed_case(path):
    def test(self):
        with open(path, "rb") as f:
            data = f.read()
        name = os.path.basename(path)
        before = self.total()
        r = self.admin.request("POST", "/api/v1/facilities", body=data)
        self.assertError(r, 400, what="POST /facilities with %s %r" % (name, data[:60]))
        self.assertEqual(self.total(), before, "%s: nothing created" % name)
    return test


for _p in sorted(glob.glob(harness.data_path("malformed", "*"))):
    if _p.endswith(".md"):
        continue
    setattr(MalformedBodyTest, "test_" + os.path.splitext(os.path.basename(_p))[0],
            _malformed_case(_p))


class MoreMalformedTest(LimitsTestCase):
    def test_other_endpoints_refuse_malformed(self):
        cases = [("PUT", "/api/v1/population", b'[{"region": "511902000000"}]'),
                 ("POST", "/api/v1/regions", b'{"code": "519'),
                 ("POST", "/api/v1/users", b"not json"),
                 ("POST", "/api/v1/tokens", b""),
                 ("POST", "/api/v1/session", b'{"username": "admin", '),
                 ("POST", "/api/v1/session", b"[]")]
        fac = self.admin.create_facility(facility_body(credit_code=None))
        cases.append(("PATCH", "/api/v1/facilities/%d" % fac["id"], b'["beds", 5]'))
        for method, path, data in cases:
            r = self.admin.request(method, path, body=data)
            self.assertError(r, 400, what="%s %s with %r" % (method, path, data))

    def test_deep_nesting(self):
        data = b'{"name": ' + b"[" * 100000 + b"]" * 100000 + b"}"
        r = self.admin.request("POST", "/api/v1/facilities", body=data)
        self.assertError(r, (400, 422), what="JSON nested 100000 deep")

    def test_nul_in_string(self):
        r = self.admin.request("POST", "/api/v1/facilities",
                               body=json.dumps(facility_body(name="a\u0000b", credit_code=None)))
        self.assertError(r, (400, 422), what='name with an escaped NUL "\\u0000"')

    def test_large_integers_never_wrap(self):
        for value in (2147483648, 4294967297):
            r = self.admin.post("/api/v1/facilities",
                                facility_body(credit_code=None, beds=value, nursing_beds=0,
                                              occupied_beds=0))
            if r.status == 201:
                self.assertEqual(r.json["beds"], value, "beds %d stored exactly" % value)
            else:
                self.assertError(r, 422, field="beds", what="beds %d" % value)
        r = self.admin.request("POST", "/api/v1/facilities",
                               body=json.dumps(facility_body(credit_code=None))
                               .replace('"beds": 120', '"beds": 99999999999999999999999'))
        self.assertError(r, (400, 422), what="beds beyond 64 bits")
        r = self.admin.request("POST", "/api/v1/facilities",
                               body=json.dumps(facility_body(credit_code=None))
                               .replace('"beds": 120', '"beds": 1e3'))
        self.assertError(r, 422, field="beds", what="beds written 1e3 (a real, not an integer)")


class SizeLimitTest(LimitsTestCase):
    def test_json_over_1_mib_413(self):
        before = self.total()
        body = json.dumps(facility_body(credit_code=None,
                                        credit_commitment="x" * (MiB + 16))).encode()
        status, data, note = raw_request(self.server.port,
                                         self.head("POST", "/api/v1/facilities", len(body)), body)
        self.assertRaw413(status, data, note, "JSON body of 1 MiB + 16")
        self.assertEqual(self.total(), before, "nothing created")

    def test_json_over_1_mib_chunked_413(self):
        piece = b" " * (64 * 1024)
        chunks = [b'{"name": "chunked", "credit_commitment": "'] + [piece] * 17 + [b'"}']
        status, data, note = raw_request(
            self.server.port,
            self.head("POST", "/api/v1/facilities", extra=["Transfer-Encoding: chunked"]),
            chunks=chunks)
        self.assertRaw413(status, data, note, "chunked JSON body over 1 MiB (no Content-Length)")

    def test_json_under_1_mib_not_refused_for_size(self):
        body = json.dumps(facility_body(credit_code=None,
                                        credit_commitment="y" * (MiB - 4096)))
        r = self.script.request("POST", "/api/v1/facilities", body=body)
        self.assertIn(r.status, (201, 422),
                      "a body just under 1 MiB is not refused for size: %s" % r.summary())

    def test_csv_over_32_mib_413(self):
        before = self.total()
        body = b"name,kind,region\r\n" + b"x" * (32 * MiB)
        status, data, note = raw_request(
            self.server.port,
            self.head("POST", "/api/v1/import/facilities", len(body), "text/csv"), body)
        self.assertRaw413(status, data, note, "CSV import of 32 MiB + header")
        self.assertEqual(self.total(), before, "nothing imported")


class OddRequestTest(LimitsTestCase):
    def test_json_content_type(self):
        for r in (self.admin.get("/api/v1/facilities"),
                  self.admin.get("/api/v1/facilities/987654321"),
                  self.admin.request("POST", "/api/v1/facilities", body=b"[")):
            ct = r.header("Content-Type") or ""
            self.assertTrue(ct.startswith("application/json"),
                            "JSON answers have Content-Type application/json: %r (%s)"
                            % (ct, r.summary(80)))

    def test_path_traversal(self):
        for path in ("/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                     "/static/../../../../etc/passwd", "/..%2f..%2f..%2f..%2fetc%2fpasswd",
                     "/api/v1/../../../../etc/passwd"):
            status, data, note = raw_request(self.server.port, self.head("GET", path))
            self.assertIsNotNone(status, "answer to GET %s (%s)" % (path, note))
            self.assertNotIn(b"root:x:0:0", data, "GET %s must not serve /etc/passwd" % path)
            self.assertNotEqual(status // 100, 5, "GET %s: no server error" % path)

    def test_long_url(self):
        status, data, note = raw_request(
            self.server.port, self.head("GET", "/api/v1/facilities?q=" + "a" * 100000))
        self.assertTrue(status is None or 200 <= status < 500,
                        "a 100 kB URL gets an answer that is not a server error: %s %r"
                        % (status, data[:200]))

    def test_bad_utf8_in_query(self):
        r = self.admin.get("/api/v1/facilities?q=%FF%FE")
        self.assertIn(r.status, (200, 400, 422), "q with invalid UTF-8: %s" % r.summary())
        if r.status != 200:
            self.assertError(r, (400, 422))

    def test_concurrent_clients(self):
        results = []

        def worker():
            c = Client(self.server, token=self.token)
            for _ in range(5):
                results.append(c.get("/api/v1/facilities", params={"per_page": 5}).status)

        threads = [threading.Thread(target=worker) for _ in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        self.assertEqual(results, [200] * 80, "80 GETs from 16 threads all answered 200")
