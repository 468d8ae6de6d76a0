"""The authorization matrix, as data, held against the server.

`laoxiao routes --json` prints the matrix the server enforces (the route
table's access strings, http/routes.c): every route by every role. From it
this test generates, for every route and every role:

- "—": the request is refused with 403 before anything is read;
- otherwise: with objects inside the role's reach it is not refused (its
  answer may be 200, or 400/422 for the deliberately empty body: never
  403), and with objects outside it ("region": another county's; "own":
  a facility of the same county the operator does not run) it is not
  served: 404 (or 403), never 2xx.

Bodies are empty objects, so no request changes anything. docs/api.md must
print the same table as `laoxiao routes`. The two defects found by hand
are asserted too: an operator cannot move its own facility into another
county, and a family account cannot read or export the registry.
"""

import json
import os
import re
import subprocess
import unittest
from datetime import date

import harness
import idnumbers
from harness import ApiTestCase, facility_body

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BAZHONG = "511900000000"
BAZHOU = "511902000000"
ENYANG = "511903000000"
DAZHU = "511724000000"  # 大竹县, in 达州市
PASSWORD = "correct horse battery"
ROLES = ("admin", "city_official", "county_official", "dept_official", "operator",
         "readonly", "family", "visitor", "township_official", "inspector")
ISSUER = idnumbers.Issuer(("511902", "511903", "511724"), "133", 56789012, 1000)


def matrix():
    p = subprocess.run([harness.BINARY, "routes", "--json"], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=30)
    assert p.returncode == 0, p.stderr.decode()
    return json.loads(p.stdout)


class AuthzTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        # a township of 巴州区 and one of 恩阳区: the regions a county may edit
        a.create_region("511902901000", "矩阵街道", "township", BAZHOU)
        a.create_region("511903901000", "恩阳矩阵镇", "township", ENYANG)
        a.create_region("511902901001", "矩阵社区", "village", "511902901000")
        cls.own = a.create_facility(facility_body(BAZHOU, name="自营养老院"))
        cls.other_same = a.create_facility(facility_body(BAZHOU, name="同县他院"))
        cls.other_county = a.create_facility(facility_body(ENYANG, name="恩阳养老院"))

        def person(region, facility=None, n=[0]):
            n[0] += 1
            body = {"kind": "elderly", "name": "矩阵%d" % n[0], "region": region,
                    "id_number": ISSUER.new_id(date(1941, 1, n[0]), area=region[:6])}
            if facility:
                body["facility_id"] = facility
                body["residence"] = "institution"
            r = a.post("/api/v1/persons", body)
            assert r.status == 201, r.text
            return r.json

        # and beyond 巴中市 altogether, for the city's own officials
        cls.far_facility = a.create_facility(facility_body(DAZHU, name="大竹养老院"))
        cls.p_own = person(BAZHOU, cls.own["id"])
        cls.p_same = person(BAZHOU)
        cls.p_other = person(ENYANG)
        cls.p_far = person(DAZHU)
        cls.clients = {"admin": a}
        regions = {"city_official": BAZHONG, "dept_official": BAZHONG,
                   "township_official": "511902901000"}
        for role in ROLES[1:]:
            extra = {"facilities": [cls.own["id"]]} if role == "operator" else {}
            if role == "visitor":
                extra = {"areas": ["511902901001"]}
            a.create_user("m_" + role, role, regions.get(role, BAZHOU), **extra)
            cls.clients[role] = harness.login_as(cls.server, "m_" + role, PASSWORD)
        cls.matrix = matrix()

    def inside(self, path, role):
        """The path with an object the role may reach."""
        ids = {"facilities": self.own["id"], "persons": self.p_own["id"]
               if role == "operator" else self.p_same["id"]}
        return self.fill(path, ids, "511902901000")

    def outside(self, path, role, how):
        if how == "own":
            ids = {"facilities": self.other_same["id"], "persons": self.p_same["id"]}
            return self.fill(path, ids, None)
        if role in ("city_official", "dept_official"):
            ids = {"facilities": self.far_facility["id"], "persons": self.p_far["id"]}
            return self.fill(path, ids, DAZHU)
        ids = {"facilities": self.other_county["id"], "persons": self.p_other["id"]}
        return self.fill(path, ids, "511903901000")

    @staticmethod
    def fill(path, ids, region):
        for kind, oid in ids.items():
            path = path.replace("/%s/{}" % kind, "/%s/%d" % (kind, oid))
        if "/regions/{}" in path:
            if region is None:
                return None
            path = path.replace("{}", region)
        return (path.replace("/import/{}", "/import/facilities")
                .replace("/export/{}", "/export/facilities")
                .replace("/indicators/{}", "/indicators/bazhong.elderly.02")
                .replace("{}", "999999"))

    def send(self, client, method, path):
        if "/import/" in path:
            return client.request(method, path, body="x", content_type="text/csv")
        if method in ("POST", "PUT", "PATCH"):
            return client.request(method, path, json_body={})
        return client.request(method, path)

    def test_every_route_every_role(self):
        checked, problems = 0, []
        for route in self.matrix:
            m, path = route["method"], route["path"]
            if "/session" in path:
                continue  # logging in and out: test_auth.py
            for role in ROLES:
                how = route["roles"][role]
                if how == "public":
                    continue
                url = self.inside(path, role)
                r = self.send(self.clients[role], m, url)
                checked += 1
                if how == "—" and r.status != 403:
                    problems.append("%s %s as %s: %d, not 403" % (m, url, role, r.status))
                if how != "—" and r.status == 403:
                    problems.append("%s %s as %s (%s): refused: %s"
                                    % (m, url, role, how, r.text[:120]))
                scoped = re.search(r"/(facilities|persons|regions)/\{\}", path)
                if how in ("region", "own") and scoped and role != "admin":
                    url = self.outside(path, role, how)
                    if url is None:
                        continue
                    r = self.send(self.clients[role], m, url)
                    checked += 1
                    if r.status < 400 or r.status not in (403, 404, 422):
                        problems.append("%s %s as %s (%s, outside): %d"
                                        % (m, url, role, how, r.status))
                    elif r.status == 422 and m == "GET":
                        problems.append("%s %s as %s (%s, outside): 422 leaks it exists"
                                        % (m, url, role, how))
        print("\n    authorization: %d requests over %d routes and %d roles"
              % (checked, len(self.matrix), len(ROLES)), flush=True)
        self.assertEqual(problems, [], "\n".join(problems[:30]))

    def test_docs_print_the_matrix(self):
        p = subprocess.run([harness.BINARY, "routes"], stdout=subprocess.PIPE, timeout=30)
        with open(os.path.join(ROOT, "docs", "api.md"), encoding="utf-8") as f:
            doc = f.read()
        m = re.search(r"<!-- routes -->\n(.*?)<!-- /routes -->", doc, re.S)
        self.assertIsNotNone(m, "docs/api.md has the matrix between <!-- routes --> markers")
        self.assertEqual(m.group(1), p.stdout.decode(),
                         "docs/api.md prints what `laoxiao routes` prints")

    def test_operator_cannot_move_its_facility_away(self):
        op = self.clients["operator"]
        path = "/api/v1/facilities/%d" % self.own["id"]
        r = op.patch(path, {"region": ENYANG})
        self.assertIn(r.status, (403, 422), r.text)
        self.assertEqual(self.admin.get(path).json["region"], BAZHOU, "still in 巴州区")
        r = op.patch(path, {"address": "巴州区新址 8 号"})
        self.assertEqual(r.status, 200, "its own facility, in its region: %s" % r.text)

    def test_family_cannot_read_or_export_the_registry(self):
        fam = self.clients["family"]
        for path in ("/api/v1/facilities", "/api/v1/facilities/%d" % self.own["id"],
                     "/api/v1/export/facilities", "/api/v1/facilities/summary",
                     "/api/v1/persons", "/api/v1/indicators?region=%s&period=2025" % BAZHOU):
            self.assertEqual(fam.get(path).status, 403, path)
        self.assertEqual(fam.get("/api/v1/subsidies/schemes").status, 200,
                         "what the family page needs still works")
        self.assertEqual(fam.get("/api/v1/applications").status, 200)


if __name__ == "__main__":
    unittest.main()
