"""An official's region scope, held twice: by the application (a county
official lists, reads and counts only their county's people) and, on
PostgreSQL, by the database itself (docs/operations.md): the people
registry's row-level security shows a connection scoped to a county only
that county's rows, whatever SQL it sends, while a connection with no
scope (the command line, backups) sees everyone.
"""

import unittest

import harness

BAZHOU = "511902000000"
ENYANG = "511903000000"


class ScopeWallTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = harness.Server(label="scope-wall")
        a = cls.server.admin()
        from datetime import date
        import idnumbers
        cls.names = {BAZHOU: [], ENYANG: []}
        for region, prefix in ((BAZHOU, "511902"), (ENYANG, "511903")):
            issuer = idnumbers.Issuer((prefix,), "135", 45678901, 1000)
            for i in range(3):
                name = "墙%s%d" % (region[4:6], i)
                r = a.post("/api/v1/persons", {
                    "kind": "elderly", "name": name, "region": region,
                    "id_number": issuer.new_id(date(1941 + i, 5, 6), i % 2 == 0)})
                assert r.status == 201, r.text
                cls.names[region].append(name)
        a.create_user("wall_county", "county_official", BAZHOU)

    @classmethod
    def tearDownClass(cls):
        problem = cls.server.stop()
        if problem:
            raise AssertionError(problem)

    def test_the_application_wall(self):
        c = harness.login_as(self.server, "wall_county", "correct horse battery")
        r = c.get("/api/v1/persons", params={"region": BAZHOU, "per_page": 100})
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(sorted(p["name"] for p in r.json["items"]), self.names[BAZHOU])
        r = c.get("/api/v1/persons", params={"region": ENYANG})
        self.assertIn(r.status, (403, 404), "another county is not listed: %s" % r.text)
        everyone = self.server.admin().get("/api/v1/persons", params={"per_page": 100})
        self.assertEqual(everyone.json["total"], 6, "the administrator sees both counties")

    def test_the_database_wall(self):
        db = self.server.db
        if not harness.is_url(db):
            # one process per file, no database roles: the application's
            # wall is the only one, and it is the one tested above; what
            # SQLite does hold is that the file alone gives no ID number
            # back (test_people, test_rebuild)
            self.assertEqual(harness.BACKEND, "sqlite")
            return
        import cluster

        def names_seen(region):
            """As the application's role, scoped as a county official's
            request scopes its connection."""
            lo, hi = (region[:6] + "000000", region[:6] + "999999") if region else ("", "")
            out = cluster.psql(db, "SELECT set_config('laoxiao.lo', '%s', false),"
                                   " set_config('laoxiao.hi', '%s', false);"
                                   " SELECT name FROM person ORDER BY name;" % (lo, hi),
                               user=cluster.APP_ROLE)
            return sorted(line.split("\t")[-1] for line in out.split("\n")
                          if line.strip() and line.strip() != "%s\t%s" % (lo, hi)
                          and "\t" not in line)

        self.assertEqual(names_seen(BAZHOU), self.names[BAZHOU],
                         "scoped to 巴州区, the database shows only 巴州区's people")
        self.assertEqual(names_seen(ENYANG), self.names[ENYANG])
        self.assertEqual(names_seen(""), sorted(self.names[BAZHOU] + self.names[ENYANG]),
                         "no scope (command line, backups): everyone")
        # a write through a scoped connection cannot reach another county
        out = cluster.psql(db, "SELECT set_config('laoxiao.lo', '511902000000', false),"
                               " set_config('laoxiao.hi', '511902999999', false);"
                               " WITH u AS (UPDATE person SET name = name || '改'"
                               " WHERE region = '%s' RETURNING 1) SELECT count(*) FROM u;"
                           % ENYANG, user=cluster.APP_ROLE)
        self.assertEqual(out.strip().split("\n")[-1], "0",
                         "an update of another county's people touches no row")
        # the application role is held by it: not a superuser
        out = cluster.psql(db, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user",
                           user=cluster.APP_ROLE)
        self.assertEqual(out.strip(), "f")


if __name__ == "__main__":
    unittest.main()
