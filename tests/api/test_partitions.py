"""The registry and the ledger as a province holds them (docs/operations.md):
on PostgreSQL persons and ledger lines are partitioned by city, and the keys
that must hold across the whole province (one person per ID number, one
reversal per line, references by id) are kept beside the partitions. What a
user sees must not change with the layout, so most of what follows holds,
and is checked, on both backends: an ID number registered in one city is
refused in another, a person moved from city to city keeps their record,
their categories and their move history, and a line is reversed once
whatever region the second reversal names. The partitions themselves (one
per city, a county's query reading its city's alone, a city added at work
getting its own) exist only on PostgreSQL.
"""

import json
import random
import unittest
from datetime import date

import harness
import idnumbers

BAZHOU = "511902000000"   # 巴州区, 巴中市
ENYANG = "511903000000"   # 恩阳区, 巴中市
DAZHU = "511724000000"    # 大竹县, 达州市
KAIZHOU = "500154000000"  # 开州区, 重庆市
CITIES = (BAZHOU, ENYANG, DAZHU, KAIZHOU)


def city_of(region):
    return region[:4]


class PartitionTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = harness.Server(label="partitions")
        cls.admin = cls.server.admin()
        cls.issuer = idnumbers.Issuer(("511902",), "240", 31415926, 5000)
        cls.serial = 0

    @classmethod
    def tearDownClass(cls):
        problem = cls.server.stop()
        if problem:
            raise AssertionError(problem)

    def new_person(self, region, id_number=None, **over):
        PartitionTest.serial += 1
        n = PartitionTest.serial
        body = {"kind": "elderly", "region": region, "name": "区%d" % n,
                "id_number": id_number or self.issuer.new_id(
                    date(1930 + n % 20, 1 + n % 12, 1 + n % 28), n % 2 == 0)}
        body.update(over)
        return self.admin.post("/api/v1/persons", body)

    def is_pg(self):
        return harness.is_url(self.server.db)

    def test_one_id_number_in_the_whole_province(self):
        r = self.new_person(BAZHOU)
        self.assertEqual(r.status, 201, r.text)
        idn = self.issuer.new_id(date(1940, 2, 3), True)
        self.assertEqual(self.new_person(ENYANG, idn).status, 201)
        before = harness.db_rows(self.server.db, "SELECT count(*) FROM person")[0][0]
        for region in (DAZHU, KAIZHOU, ENYANG):
            r = self.new_person(region, idn)
            self.assertEqual(r.status, 409, "the same ID number in %s: %s" % (region, r.text))
            self.assertEqual(r.json["error"]["field"], "id_number", r.text)
        after = harness.db_rows(self.server.db, "SELECT count(*) FROM person")[0][0]
        self.assertEqual(after, before, "a refused registration writes nothing")

    def test_moves_between_cities_keep_the_record(self):
        """Random moves of random persons between four cities in three
        provinces' worth of codes: each ends where it was last sent, with
        its categories and one move recorded per move, and (PostgreSQL) in
        its city's partition, its ids row once."""
        rng = random.Random(20261203)
        people = {}
        for i in range(12):
            region = rng.choice(CITIES)
            r = self.new_person(region, categories=[
                {"category": "advanced_age", "start": "2020-01-%02d" % (i + 1)}])
            self.assertEqual(r.status, 201, r.text)
            people[r.json["id"]] = {"region": region, "moves": 0,
                                    "start": "2020-01-%02d" % (i + 1)}
        for _ in range(30):
            pid = rng.choice(sorted(people))
            to = rng.choice([c for c in CITIES if c != people[pid]["region"]])
            r = self.admin.patch("/api/v1/persons/%d" % pid, {"region": to})
            self.assertEqual(r.status, 200, r.text)
            people[pid]["region"] = to
            people[pid]["moves"] += 1
        for pid, want in people.items():
            got = self.admin.get("/api/v1/persons/%d" % pid)
            self.assertEqual(got.status, 200, got.text)
            self.assertEqual(got.json["region"], want["region"])
            self.assertEqual([(c["category"], c["start"]) for c in got.json["categories"]],
                             [("advanced_age", want["start"])])
            moves = self.admin.get("/api/v1/persons/%d/moves" % pid)
            self.assertEqual(moves.status, 200, moves.text)
            items = moves.json["items"] if isinstance(moves.json, dict) else moves.json
            self.assertEqual(len(items), want["moves"], "one move recorded per move")
        if not self.is_pg():
            self.assertEqual(harness.BACKEND, "sqlite")
            return
        ids = ",".join(str(p) for p in people)
        rows = harness.db_rows(
            self.server.db,
            "SELECT id, tableoid::regclass::text FROM person WHERE id IN (%s)" % ids)
        self.assertEqual(len(rows), len(people), "each person once")
        for pid, part in rows:
            self.assertEqual(part, "person_" + city_of(people[pid]["region"]))
        kept = harness.db_rows(
            self.server.db,
            "SELECT count(*), count(DISTINCT id) FROM lx_person_ids WHERE id IN (%s)" % ids)
        self.assertEqual(kept[0], (len(people), len(people)))

    def test_a_line_is_reversed_once(self):
        """The ledger's one-reversal-per-line rule holds across regions: a
        second reversal of a line is refused though it names another city,
        and a unit cannot be written for a line that does not exist."""
        db = self.server.db
        line = ("INSERT INTO ledger (scheme, period, beneficiary_kind, beneficiary_id,"
                " region, kind, amount_fen, reason, reverses, created_at)"
                " VALUES ('probe', '2025-03', 'person', 1, ?, ?, ?, 'probe', ?,"
                " '2025-03-31T00:00:00Z')")
        harness.db_exec(db, line, (BAZHOU, "payment", 10000, None))
        paid = harness.db_rows(db, "SELECT max(id) FROM ledger WHERE scheme = 'probe'")[0][0]
        harness.db_exec(db, line, (BAZHOU, "reversal", -10000, paid))
        for region in (DAZHU, BAZHOU):
            with self.assertRaises(Exception, msg="a second reversal in %s" % region):
                harness.db_exec(db, line, (region, "reversal", -10000, paid))
        with self.assertRaises(Exception, msg="a unit of no line"):
            self.write_unit_for(paid + 1000)
        self.assertEqual(
            harness.db_rows(db, "SELECT count(*), sum(amount_fen) FROM ledger"
                                " WHERE scheme = 'probe'")[0], (2, 0))
        if self.is_pg():
            rows = harness.db_rows(
                db, "SELECT tableoid::regclass::text FROM ledger WHERE scheme = 'probe'")
            self.assertEqual(rows, [("ledger_5119",), ("ledger_5119",)])

    def write_unit_for(self, line_id):
        sql = "INSERT INTO ledger_unit (line_id, unit, count) VALUES (%d, 'bed', 1)" % line_id
        if not self.is_pg():
            import sqlite3
            con = sqlite3.connect(self.server.db, timeout=10)
            try:
                con.execute("PRAGMA foreign_keys = ON")
                con.execute(sql)
                con.commit()
            finally:
                con.close()
            return
        harness.db_exec(self.server.db, sql)

    def test_each_city_its_partition(self):
        if not self.is_pg():
            # one file, one table: nothing to partition
            self.assertEqual(harness.BACKEND, "sqlite")
            return
        db = self.server.db
        # a municipality's districts (500154) have no city row: the city
        # is the code's first four digits, for every code below a province
        cities = {code[:4] for (code,) in harness.db_rows(db, "SELECT code FROM region")
                  if code[2:] != "0" * 10}
        self.assertTrue({"5119", "5117", "5001", "3602"} <= cities, cities)
        for table in ("person", "ledger"):
            parts = {name for (name,) in harness.db_rows(
                db, "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                    " WHERE i.inhparent = '%s'::regclass" % table)}
            self.assertEqual(parts, {"%s_%s" % (table, c) for c in cities} | {table + "_default"})

    def test_a_county_reads_its_city_alone(self):
        if not self.is_pg():
            self.assertEqual(harness.BACKEND, "sqlite")
            return
        plan = harness.cluster.psql(
            self.server.db,
            "EXPLAIN (FORMAT JSON) SELECT count(*) FROM person"
            " WHERE region BETWEEN '511902000000' AND '511902999999'")
        touched = set()

        def walk(node):
            if "Relation Name" in node:
                touched.add(node["Relation Name"])
            for child in node.get("Plans", []):
                walk(child)
        walk(json.loads(plan)[0]["Plan"])
        self.assertEqual(touched, {"person_5119"})

    def test_a_new_city_gets_its_partition(self):
        """A city added at work (not in any policy file) has its partitions
        from its first region on, and its people land there."""
        if not self.is_pg():
            self.assertEqual(harness.BACKEND, "sqlite")
            return
        db = self.server.db
        city = self.server.next_city_code()
        county = city[:4] + "02000000"
        self.admin.create_region(city, "新市", "city", "510000000000")
        self.admin.create_region(county, "新县", "county", city)
        r = self.new_person(county)
        self.assertEqual(r.status, 201, r.text)
        self.assertEqual(
            harness.db_rows(db, "SELECT tableoid::regclass::text FROM person WHERE id = %d"
                                % r.json["id"]),
            [("person_" + city[:4],)])


if __name__ == "__main__":
    unittest.main()
