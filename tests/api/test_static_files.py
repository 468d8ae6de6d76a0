"""The web client's files on the wire: gzip for a client that accepts it
(the answer decompresses to exactly the file's bytes), the plain file for
one that does not, Vary: Accept-Encoding, a strong ETag computed from the
content (different per file, the same on every request), Cache-Control
no-cache so that a new release is seen at once, 304 with an empty body for
a client that holds the file, HEAD answered with the headers alone, and
ECharts under 400,000 bytes on the wire. A file changed on disk is served
changed, with a new ETag."""

import gzip
import os
import shutil
import tempfile
import time

import harness
from harness import ApiTestCase

WEB = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "web")
FILES = {
    "/vendor/echarts.min.js": "vendor/echarts.min.js",
    "/css/app.css": "css/app.css",
    "/js/main.js": "js/main.js",
    "/": "index.html",
    "/index.html": "index.html",
}
GZIP = {"Accept-Encoding": "gzip, deflate, br"}


def file_bytes(rel):
    with open(os.path.join(WEB, rel), "rb") as f:
        return f.read()


class StaticFiles(ApiTestCase):
    def get(self, path, headers=None, method="GET"):
        return self.server.client().request(method, path, headers=headers or {})

    def test_gzip_answer_is_the_file(self):
        for url, rel in FILES.items():
            r = self.get(url, GZIP)
            self.assertStatus(r, 200, url)
            self.assertEqual(r.header("Content-Encoding"), "gzip", url)
            self.assertEqual(gzip.decompress(r.body), file_bytes(rel), url)
            self.assertLess(len(r.body), len(file_bytes(rel)), url)
            self.assertEqual(r.header("Vary"), "Accept-Encoding", url)
            self.assertEqual(r.header("Cache-Control"), "no-cache", url)
            self.assertRegex(r.header("ETag") or "", r'^"[0-9a-f]{32}-gz"$', url)
            self.assertEqual(r.header("X-Content-Type-Options"), "nosniff", url)
            self.assertIn("default-src 'self'", r.header("Content-Security-Policy") or "", url)

    def test_plain_without_accept_encoding(self):
        for url, rel in FILES.items():
            for hdrs in ({}, {"Accept-Encoding": "identity"},
                         {"Accept-Encoding": "gzip;q=0, br"},
                         {"Accept-Encoding": "gzip;q=0.0"}):
                r = self.get(url, hdrs)
                self.assertStatus(r, 200, url)
                self.assertIsNone(r.header("Content-Encoding"), (url, hdrs))
                self.assertEqual(r.body, file_bytes(rel), (url, hdrs))
                self.assertEqual(r.header("Vary"), "Accept-Encoding", url)
                self.assertRegex(r.header("ETag") or "", r'^"[0-9a-f]{32}"$', url)
        # a q above zero, and "*", accept gzip
        for ae in ("gzip;q=0.5", "br, *", "GZIP"):
            r = self.get("/js/main.js", {"Accept-Encoding": ae})
            self.assertEqual(r.header("Content-Encoding"), "gzip", ae)

    def test_etag_differs_per_file_and_is_stable(self):
        tags = {}
        for url, rel in FILES.items():
            first = self.get(url, GZIP).header("ETag")
            for _ in range(3):
                self.assertEqual(self.get(url, GZIP).header("ETag"), first, url)
            tags.setdefault(rel, set()).add(first)
        self.assertEqual(len(tags["index.html"]), 1)  # "/" and "/index.html"
        distinct = {next(iter(v)) for v in tags.values()}
        self.assertEqual(len(distinct), len(tags))

    def test_if_none_match_gives_304_without_body(self):
        for url, rel in FILES.items():
            gz = self.get(url, GZIP).header("ETag")
            plain = self.get(url).header("ETag")
            self.assertNotEqual(gz, plain, url)
            # either representation's tag stands for the same content
            for held in (gz, plain, '"other", ' + gz, "*"):
                for hdrs in (GZIP, {}):
                    r = self.get(url, dict(hdrs, **{"If-None-Match": held}))
                    self.assertStatus(r, 304, (url, held))
                    self.assertEqual(r.body, b"", url)
                    self.assertIsNone(r.header("Content-Encoding"), url)
                    self.assertEqual(r.header("Cache-Control"), "no-cache", url)
                    self.assertEqual(r.header("ETag"), gz if hdrs else plain, url)
            r = self.get(url, dict(GZIP, **{"If-None-Match": '"0123456789abcdef0123456789abcdef"'}))
            self.assertStatus(r, 200, url)
            self.assertEqual(gzip.decompress(r.body), file_bytes(rel), url)

    def test_head(self):
        for url, rel in FILES.items():
            g = self.get(url, GZIP)
            h = self.get(url, GZIP, method="HEAD")
            self.assertStatus(h, 200, url)
            self.assertEqual(h.body, b"", url)
            self.assertEqual(h.header("ETag"), g.header("ETag"), url)
            self.assertEqual(h.header("Content-Encoding"), "gzip", url)
            self.assertEqual(int(h.header("Content-Length")), len(g.body), url)

    def test_echarts_under_400k_on_the_wire(self):
        r = self.get("/vendor/echarts.min.js", GZIP)
        plain = file_bytes("vendor/echarts.min.js")
        self.assertGreater(len(plain), 400000)  # the test means something
        self.assertLess(len(r.body), 400000)
        self.assertEqual(int(r.header("Content-Length")), len(r.body))

    def test_no_such_file_and_no_escape(self):
        for url in ("/nope.js", "/../README.md", "/js/../../README.md", "/.git/config", "/js"):
            r = self.get(url, GZIP)
            self.assertStatus(r, 404, url)


class ChangedFile(ApiTestCase):
    """A file edited while the server runs is read again: new bytes, new
    ETag, and the old ETag no longer gives 304."""

    @classmethod
    def setUpClass(cls):
        cls.web = tempfile.mkdtemp(prefix="lxweb")
        with open(os.path.join(cls.web, "a.js"), "w") as f:
            f.write("export const a = 1;\n" * 200)
        cls.server = harness.Server(label="static_changed", serve_args=["--web", cls.web])

    @classmethod
    def tearDownClass(cls):
        problem = cls.server.stop()
        shutil.rmtree(cls.web, ignore_errors=True)
        if problem:
            raise AssertionError(problem)

    def test_changed_file_is_served_changed(self):
        c = self.server.client()
        r1 = c.request("GET", "/a.js", headers=GZIP)
        self.assertEqual(gzip.decompress(r1.body), b"export const a = 1;\n" * 200)
        new = b"export const a = 2;\n" * 300
        path = os.path.join(self.web, "a.js")
        with open(path, "wb") as f:
            f.write(new)
        st = os.stat(path)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1000000000))
        r2 = c.request("GET", "/a.js", headers=dict(GZIP, **{"If-None-Match": r1.header("ETag")}))
        self.assertStatus(r2, 200)
        self.assertEqual(gzip.decompress(r2.body), new)
        self.assertNotEqual(r2.header("ETag"), r1.header("ETag"))
        r3 = c.request("GET", "/a.js")
        self.assertEqual(r3.body, new)
