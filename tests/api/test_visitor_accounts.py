"""Visitor (巡访员) and township officer (乡镇专干) accounts.

A visitor is bound to the villages and communities it visits (001 第249行:
每个村至少配备1名巡访员); a township officer (一镇一专干) to one township.
The account rules are checked here; what each may do is test_authz.py's
matrix and the visit tests.
"""

import subprocess

import harness
from harness import ApiTestCase

BAZHOU = "511902000000"
TOWN = "511902902000"
VILLAGE_A = "511902902201"
VILLAGE_B = "511902902202"
OTHER_TOWN = "511902903000"
OTHER_VILLAGE = "511902903201"
PASSWORD = "correct horse battery"


class VisitorAccountTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_region(TOWN, "访员镇", "township", BAZHOU)
        a.create_region(VILLAGE_A, "甲村", "village", TOWN)
        a.create_region(VILLAGE_B, "乙村", "village", TOWN)
        a.create_region(OTHER_TOWN, "他镇", "township", BAZHOU)
        a.create_region(OTHER_VILLAGE, "丙村", "village", OTHER_TOWN)

    def body(self, username, role, region, **extra):
        b = {"username": username, "password": PASSWORD, "role": role, "region": region}
        b.update(extra)
        return b

    def refused(self, body, field):
        before = self.admin.get("/api/v1/users").json["total"]
        r = self.admin.post("/api/v1/users", body)
        self.assertEqual(r.status, 422, r.text)
        self.assertEqual(r.json["error"]["field"], field, r.text)
        self.assertEqual(self.admin.get("/api/v1/users").json["total"], before,
                         "a refused account is not created")

    def test_visitor_keeps_its_villages(self):
        u = self.admin.post("/api/v1/users", self.body(
            "v_two", "visitor", TOWN, areas=[VILLAGE_B, VILLAGE_A])).json
        self.assertEqual(u["areas"], sorted([VILLAGE_A, VILLAGE_B]))
        r = self.admin.request("PATCH", "/api/v1/users/%d" % u["id"],
                               json_body={"areas": [VILLAGE_A]})
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(r.json["areas"], [VILLAGE_A])
        listed = [x for x in self.admin.get("/api/v1/users").json["items"]
                  if x["id"] == u["id"]]
        self.assertEqual(listed[0]["areas"], [VILLAGE_A])
        client = harness.login_as(self.server, "v_two", PASSWORD)
        self.assertEqual(client.get("/api/v1/session").json["user"]["role"], "visitor")
        # the registry itself is not a visitor's: its people come through
        # the visit pages only
        self.assertEqual(client.get("/api/v1/persons").status, 403)

    def test_visitor_needs_villages_inside_its_region(self):
        self.refused(self.body("v_none", "visitor", TOWN), "areas")
        self.refused(self.body("v_out", "visitor", TOWN, areas=[OTHER_VILLAGE]), "areas")
        self.refused(self.body("v_town", "visitor", BAZHOU, areas=[TOWN]), "areas")
        self.refused(self.body("v_ghost", "visitor", TOWN, areas=["511902902299"]), "areas")

    def test_only_visitors_have_villages(self):
        self.refused(self.body("c_areas", "county_official", BAZHOU, areas=[VILLAGE_A]),
                     "areas")

    def test_township_officer_is_over_a_township(self):
        self.refused(self.body("t_county", "township_official", BAZHOU), "region")
        u = self.admin.post("/api/v1/users", self.body("t_ok", "township_official", TOWN)).json
        self.assertEqual(u["region"], TOWN)

    def test_cli_adds_a_visitor(self):
        p = subprocess.run([harness.BINARY, "user", "add", "v_cli", "--role", "visitor",
                            "--region", TOWN, "--areas", "%s,%s" % (VILLAGE_A, VILLAGE_B),
                            ] + harness.db_args(self.server.db),
                           input=PASSWORD.encode(), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=30)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        u = [x for x in self.admin.get("/api/v1/users").json["items"]
             if x["username"] == "v_cli"][0]
        self.assertEqual(u["areas"], [VILLAGE_A, VILLAGE_B])
        p = subprocess.run([harness.BINARY, "user", "add", "v_cli2", "--role", "visitor",
                            "--region", TOWN, "--areas", OTHER_VILLAGE,
                            ] + harness.db_args(self.server.db),
                           input=PASSWORD.encode(), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=30)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("areas", p.stderr.decode())
