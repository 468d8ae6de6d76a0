"""No ID number can be rebuilt from the database files without the key.

A synthetic 巴中 at scale 0.01 is served, and officials work on it through
the API the way audit records get written: people are corrected (before
and after in the audit log), viewed unmasked, assessed and registered. The
numbers are then read back unmasked (the only way to know them), the server
is stopped, and every clear value of every row of every table in the
database files is searched for pieces of each number:

- a masked form (first 6, 8 stars, last 4) or the whole number anywhere
  in the files, which with the person row's birth date gives it back;
- for each person, the rows linked to them (their person row, rows with
  their person_id, audit records of them, ledger lines paying them):
  every masked form, date (as YYYYMMDD), region code (its first six
  digits), run of 6 or more digits and standalone run of 4 or 5, placed
  where it stands whole in the number.

A person whose linked clear values cover the first 17 characters (the
18th is the check character, computed from them) has a number that can be
rebuilt, and the test fails naming how many and one example (masked).
Ids and timestamps are links and clocks, not personal data, and are left
out so that a coincidence cannot make the test fail.

On PostgreSQL (LAOXIAO_TEST_PG) the stopped server's database is copied
on the cluster (CREATE DATABASE ... TEMPLATE) and every row of every table
of the copy is read through psql, bytea values as their bytes.
"""

import csv
import io
import os
import re
import shutil
import signal
import sqlite3
import tempfile
import unittest

import harness
import idnumbers

BAZHONG = "511900000000"
PERSONS = "/api/v1/persons"

MASKED_RE = re.compile(r"(\d{6})\*{6,10}(\d{3}[\dXx])")
DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
STAMP_RE = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?")
LONG_RE = re.compile(r"[\dXx]{6,}")
SHORT_RE = re.compile(r"(?<![\dXx])[\dXx]{4,5}(?![\dXx])")
# rowid: the row number the PostgreSQL store keeps where SQLite has its own
# (hidden from SELECT *)
LINK_COLUMNS = {"id", "entity_id", "account_id", "run_id", "reverses", "rowid"}


def place(n, piece, covered):
    """Marks every place where piece stands, whole, in the number."""
    at = n.find(piece)
    while at >= 0:
        covered.update(range(at, at + len(piece)))
        at = n.find(piece, at + 1)


def cover(number, text, covered):
    """Marks the positions of number that text gives away: a masked form,
    a date (as YYYYMMDD), a region code's first six digits, or a run of
    digits that stands whole in the number (6 or more anywhere in the
    text, 4 or 5 standing alone). A piece counts only whole: a run's
    inner digits lining up with the number by chance tell nobody which
    digits to take."""
    text = STAMP_RE.sub(" ", text)
    n = number.upper()
    for m in MASKED_RE.finditer(text):
        if m.group(1) == n[:6] and m.group(2).upper() == n[14:]:
            covered.update(range(0, 6))
            covered.update(range(14, 18))
    for m in DATE_RE.finditer(text):
        place(n, "".join(m.groups()), covered)
    text = DATE_RE.sub(" ", text)
    for m in LONG_RE.finditer(text):
        run = m.group().upper()
        if len(run) == 12 and run[:6] == n[:6]:
            covered.update(range(0, 6))
        place(n, run, covered)
    for m in SHORT_RE.finditer(text):
        place(n, m.group().upper(), covered)


def rows_of(con):
    """(table, {column: value}) for every row of every table."""
    tables = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'"
        " AND name NOT LIKE 'sqlite_%'")]
    for t in tables:
        cur = con.execute('SELECT * FROM "%s"' % t)
        cols = [d[0] for d in cur.description]
        for row in cur:
            yield t, dict(zip(cols, row))


def clear_text(col, value):
    """The clear text of a value, or None for links, clocks and sealed
    blobs (a blob is searched too, read as Latin-1, in case something
    was stored unsealed)."""
    if value is None or col in LINK_COLUMNS or col.endswith("_id"):
        return None
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return str(value)


class RebuildTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = harness.synth_server("rebuild", seed=11)
        cls.numbers = {}
        cls.copy = tempfile.mkdtemp(prefix="laoxiao-rebuild-")
        try:
            cls.work()
            # the files as the stopped server leaves them
            cls.server.proc.send_signal(signal.SIGTERM)
            cls.server.proc.wait(timeout=10)
            cls.pg_copy = None
            if harness.is_url(cls.server.db):
                # a copy of the database as the stopped server left it
                cls.pg_copy = harness.new_db(cls.copy, "x.db")
                harness.drop_db(cls.pg_copy)
                head, _, name = cls.server.db.rpartition("/")
                cluster_admin = head + "/postgres"
                harness.cluster.psql(cluster_admin, "CREATE DATABASE %s TEMPLATE %s"
                                     % (cls.pg_copy.rpartition("/")[2], name))
            else:
                for ext in ("", "-wal", "-shm"):
                    if os.path.exists(cls.server.db + ext):
                        shutil.copy(cls.server.db + ext,
                                    os.path.join(cls.copy, "x.db" + ext))
        finally:
            cls.problem = cls.server.stop()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.copy, ignore_errors=True)
        if getattr(cls, "pg_copy", None):
            harness.drop_db(cls.pg_copy)

    @classmethod
    def work(cls):
        s = cls.server
        a = harness.login_as(s, "admin", s.admin_password)
        r = a.get(PERSONS, params={"region": BAZHONG, "per_page": 40})
        assert r.status == 200, r.text
        people = r.json["items"]
        assert len(people) == 40, len(people)
        for i, p in enumerate(people):
            path = "%s/%d" % (PERSONS, p["id"])
            # a correction: before and after go to the audit log
            r = a.patch(path, {"address": "巴中市巴州区江北大道%d号" % (i + 1)})
            assert r.status == 200, r.text
            if i % 4 == 0:  # a view of the whole number, on the record
                assert a.get(path, params={"unmask": "1"}).status == 200
        issuer = idnumbers.Issuer(("511902",), "139", 23456789, 1000)
        from datetime import date
        for i in range(10):
            body = {"kind": "elderly", "name": "重建检查%d" % i,
                    "id_number": issuer.new_id(date(1940 + i, 1 + i, 3 + i), i % 2 == 0),
                    "region": "511902000000", "phone": issuer.new_phone(),
                    "address": "巴中市巴州区回风路%d号" % (i + 1)}
            r = a.post(PERSONS, body)
            assert r.status == 201, r.text
            r = a.patch("%s/%d" % (PERSONS, r.json["id"]), {"phone": issuer.new_phone()})
            assert r.status == 200, r.text
        r = a.get("/api/v1/export/persons", params={"region": BAZHONG, "unmask": "1"})
        assert r.status == 200, r.text
        # the export has no ids: people are matched to their id by what
        # the list shows of them, and any two alike are left out
        key = lambda p: (p["name"], p["region"], p["birth_date"], p["sex"], p["address"])
        by_key, page = {}, 1
        while True:
            r2 = a.get(PERSONS, params={"region": BAZHONG, "per_page": 1000, "page": page})
            assert r2.status == 200, r2.text
            for p in r2.json["items"]:
                by_key[key(p)] = None if key(p) in by_key else p["id"]
            if page * 1000 >= r2.json["total"]:
                break
            page += 1
        for row in csv.DictReader(io.StringIO(r.body.decode("utf-8-sig"))):
            pid = by_key.get(key(row))
            if pid is not None:
                cls.numbers[pid] = row["id_number"]

    def test_no_number_rebuildable_from_the_files(self):
        self.assertEqual(self.problem, "", "the server stopped cleanly")
        self.assertGreater(len(self.numbers), 7000, "the city's numbers read back")
        if self.pg_copy:
            table_rows = harness.pg_table_rows(self.pg_copy)
        else:
            con = sqlite3.connect(os.path.join(self.copy, "x.db"))
            self.addCleanup(con.close)
            table_rows = rows_of(con)

        linked = {pid: [] for pid in self.numbers}
        everywhere = []
        for table, row in table_rows:
            texts = [t for t in (clear_text(c, v) for c, v in row.items()) if t]
            everywhere.extend(texts)
            owner = None
            if table == "person":
                owner = row["id"]
            elif table == "audit" and row.get("entity") == "person":
                owner = int(row["entity_id"]) if row["entity_id"].isdigit() else None
            elif row.get("beneficiary_kind") == "person":
                owner = row.get("beneficiary_id")
            elif "person_id" in row:
                owner = row["person_id"]
            if owner in linked:
                linked[owner].extend(texts)

        # the whole number or its masked form, anywhere at all
        blob = "\n".join(everywhere).upper()
        masked_anywhere = {(m.group(1), m.group(2).upper()) for m in MASKED_RE.finditer(blob)}
        whole = [n for n in self.numbers.values() if n.upper() in blob]
        masked = [n for n in self.numbers.values() if (n[:6], n[14:].upper()) in masked_anywhere]
        self.assertEqual(whole, [], "no whole ID number in clear in any table")
        self.assertEqual(len(masked), 0, "no masked ID number in clear in any table "
                         "(with the birth date it is the whole number); e.g. %s"
                         % [idnumbers.mask_id(n) for n in masked[:3]])

        rebuilt = []
        for pid, number in self.numbers.items():
            covered = set()
            for t in linked[pid]:
                cover(number, t, covered)
            if covered >= set(range(17)):
                rebuilt.append(number)
        print("\n    rebuild: %d numbers, %d rows' clear values searched; %d rebuildable"
              % (len(self.numbers), len(everywhere), len(rebuilt)), flush=True)
        if os.environ.get("LAOXIAO_DEBUG_REBUILD") and rebuilt:
            pid = next(p for p, n in self.numbers.items() if n == rebuilt[0])
            print(linked[pid])
        self.assertEqual(len(rebuilt), 0, "%d ID numbers can be rebuilt from the clear values "
                         "linked to their person; e.g. %s"
                         % (len(rebuilt), [idnumbers.mask_id(n) for n in rebuilt[:3]]))
        # the check is not blind: the person rows do give the region and
        # the birth date away, and nothing more
        pid, number = next(iter(self.numbers.items()))
        covered = set()
        for t in linked[pid]:
            cover(number, t, covered)
        self.assertTrue(set(range(6, 14)) <= covered, "the birth date is seen in clear")
        self.assertFalse(set(range(14, 17)) & covered, "the sequence digits are not")


if __name__ == "__main__":
    unittest.main()
