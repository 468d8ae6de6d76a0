"""`laoxiao db copy`: a city's database moved into another database and
back, verified.

A synthetic 巴中 (1% of its people) with a month of an allowance paid is
copied into a new SQLite file, and (with LAOXIAO_TEST_PG set to a base
conninfo such as postgresql://postgres@127.0.0.1:55432) into a new
PostgreSQL database and back into a new SQLite file; without it the middle
step is a SQLite file too. Checked: the report's counts equal the source's
own (read with Python's sqlite3) and its checksums equal on both sides and
across the round trip; the copy answers as the source did (the persons
export, the indicators, the ledger); the ID numbers open with the same key
after the round trip (served and unmasked); later writes in the copy get
new ids; a target that is not empty, a wrong key and a copy that fails
half-way all leave the target as it was.
"""

import csv
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import unittest
import urllib.parse

import harness
import idnumbers

CITY = "511900000000"
SCHEME = "bazhong.gaoling_copy"
PG_BASE = os.environ.get("LAOXIAO_TEST_PG", "").strip()

_state = {}


def laoxiao(args, timeout=600):
    p = subprocess.run([harness.BINARY] + list(args), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=timeout, env=harness._env())
    err = p.stderr.decode("utf-8", "replace")
    for marker in harness.SANITIZER_MARKERS:
        if marker in err:
            raise AssertionError("laoxiao %s: %s" % (" ".join(args), err[-4000:]))
    return p.returncode, p.stdout.decode("utf-8", "replace"), err


def ok(args, timeout=600):
    rc, out, err = laoxiao(args, timeout)
    if rc != 0:
        raise AssertionError("laoxiao %s exited %d: %s" % (" ".join(args), rc, err[-2000:]))
    return out


def tmp(name):
    return os.path.join(_state["dir"], name)


def pg_url(dbname):
    u = urllib.parse.urlsplit(PG_BASE)
    return urllib.parse.urlunsplit((u.scheme, u.netloc, "/" + dbname, u.query, ""))


_pg_made = []


def pg_new_db():
    """A new, empty PostgreSQL database; dropped when the module ends."""
    name = "dbcopy_test_%d_%d" % (os.getpid(), len(_pg_made))
    subprocess.run(["psql", pg_url("postgres"), "-qc", 'CREATE DATABASE "%s"' % name],
                   check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _pg_made.append(name)
    return pg_url(name)


def pg_query(url, sql):
    p = subprocess.run(["psql", url, "-Atc", sql], check=True, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    return p.stdout.decode().strip()


def policies_with_allowance(root):
    """The policies, with 大竹's 高龄津贴 also in force in 巴中 (whose own
    schemes pay institutions), so that a month's run writes a line for
    every person of 80 and over."""
    pol = os.path.join(root, "policies")
    shutil.copytree(os.path.join(harness.HERE, "..", "..", "policies"), pol)
    with open(os.path.join(pol, "511724000000-dazhu.json"), encoding="utf-8") as f:
        dz = json.load(f)
    path = os.path.join(pol, "511900000000-bazhong.json")
    with open(path, encoding="utf-8") as f:
        bz = json.load(f)
    gaoling = dict([s for s in dz["schemes"] if s["name_zh"] == "高龄津贴"][0])
    gaoling["id"] = SCHEME
    gaoling["versions"] = [dict(v, region=CITY) for v in gaoling["versions"]]
    bz["schemes"].append(gaoling)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(bz, f, ensure_ascii=False, indent=1)
    return pol


def answers(db, key):
    """What the database tells: the persons export (each masked number is
    unsealed to be masked), the indicators, the month's ledger."""
    k = ["--key", key]
    return {
        "persons": ok(["export", "persons", "--db", db] + k),
        "indicators": ok(["indicators", "--region", CITY, "--period", "2025", "--json",
                          "--db", db] + k),
        "owed": ok(["subsidy", "owed", "--json", "--db", db, "--policies", _state["pol"]] + k),
    }


def query(db, sql):
    """One row of integers from a SQLite file or a PostgreSQL URL."""
    if db.startswith("postgresql://"):
        return [int(v) for v in pg_query(db, sql).split("|")]
    con = sqlite3.connect(db)
    try:
        return [int(v) for v in con.execute(sql).fetchone()]
    finally:
        con.close()


def sqlite_counts(path):
    con = sqlite3.connect(path)
    try:
        names = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {n: con.execute('SELECT count(*) FROM "%s"' % n).fetchone()[0] for n in names}
    finally:
        con.close()


def file_digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def setUpModule():
    d = tempfile.mkdtemp(prefix="laoxiao-dbcopy-")
    _state["dir"] = d
    _state["pol"] = policies_with_allowance(d)
    src = os.path.join(d, "city.db")
    out = ok(["synth", "--preset", CITY, "--scale", "0.01", "--db", src])
    _state["password"] = out.split("admin password: ")[1].split()[0]
    run = ok(["subsidy", "run", "--scheme", SCHEME, "--period", "2025-03", "--region", CITY,
              "--db", src, "--policies", _state["pol"]])
    _state["src"] = src
    _state["key"] = src + ".key"
    _state["run"] = run
    _state["answers"] = answers(src, _state["key"])
    _state["counts"] = sqlite_counts(src)


def tearDownModule():
    for name in _pg_made:
        subprocess.run(["psql", pg_url("postgres"), "-qc",
                        'DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % name],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if not harness.KEEP_TMP and "dir" in _state:
        shutil.rmtree(_state["dir"], ignore_errors=True)


def copy(src, dst, key, *extra):
    """db copy with --json; returns (exit status, report or None, stderr)."""
    rc, out, err = laoxiao(["db", "copy", "--from", src, "--to", dst, "--key", key, "--json"]
                           + list(extra))
    return rc, (json.loads(out) if out.strip() else None), err


class DbCopyTest(unittest.TestCase):
    def setUp(self):
        self.src, self.key = _state["src"], _state["key"]

    def assertVerified(self, report, counts=None):
        self.assertTrue(report["ok"], report)
        self.assertGreater(len(report["tables"]), 20)
        for t in report["tables"]:
            self.assertTrue(t["ok"], t)
            self.assertEqual(t["rows"], t["target_rows"], t)
            self.assertEqual(t["checksum"], t["target_checksum"], t)
            self.assertRegex(t["checksum"], "^[0-9a-f]{64}$")
        names = [t["table"] for t in report["tables"]]
        # parents first: what a table refers to comes before it
        for child, parent in (("person", "region"), ("ledger", "subsidy_run"),
                              ("assessment", "person"), ("capacity", "facility")):
            self.assertLess(names.index(parent), names.index(child))
        self.assertNotIn("lx_schema", names)
        self.assertNotIn("lx_change", names)
        if counts is not None:
            self.assertEqual({t["table"]: t["rows"] for t in report["tables"]}, counts)
            self.assertEqual(report["rows"], sum(counts.values()))

    def test_into_a_new_sqlite_file(self):
        dst = tmp("copy.db")
        rc, report, err = copy(self.src, dst, self.key)
        self.assertEqual(rc, 0, err)
        counts = _state["counts"]
        self.assertGreater(counts["ledger"], 100, _state["run"])
        self.assertGreater(counts["person"], 5000)
        self.assertVerified(report, counts)
        self.assertEqual(sqlite_counts(dst), counts)
        # the key beside it, the same key, private
        self.assertEqual(file_digest(dst + ".key"), file_digest(self.key))
        self.assertEqual(os.stat(dst + ".key").st_mode & 0o777, 0o600)
        self.assertEqual(answers(dst, dst + ".key"), _state["answers"])
        # the plain report too: one line per table and the verdict
        rc, out, err = laoxiao(["db", "copy", "--from", dst, "--to", tmp("copy2.db"),
                                "--key-out", tmp("copy2.key")])
        self.assertEqual(rc, 0, err)
        self.assertIn("counts and checksums equal", out)
        self.assertRegex(out, r"\nledger +%d +[0-9a-f]{16}  ok\n" % counts["ledger"])
        self.assertTrue(os.path.exists(tmp("copy2.key")))
        self.assertFalse(os.path.exists(tmp("copy2.db.key")))

    def test_round_trip(self):
        """SQLite → PostgreSQL (or another file) → SQLite: the same rows,
        the same answers, the same key."""
        middle = pg_new_db() if PG_BASE else tmp("middle.db")
        rc, there, err = copy(self.src, middle, self.key)
        self.assertEqual(rc, 0, err)
        self.assertVerified(there, _state["counts"])
        self.assertEqual(query(middle, "SELECT count(*), sum(amount_fen) FROM ledger"),
                         query(self.src, "SELECT count(*), sum(amount_fen) FROM ledger"))
        back = tmp("back.db")
        rc, report, err = copy(middle, back, self.key)
        self.assertEqual(rc, 0, err)
        self.assertVerified(report, _state["counts"])
        # the same checksums on every side: nothing changed on the way
        sums = lambda r: {t["table"]: t["checksum"] for t in r["tables"]}
        self.assertEqual(sums(report), sums(there))
        self.assertEqual(sqlite_counts(back), _state["counts"])
        self.assertEqual(answers(back, back + ".key"), _state["answers"])
        self.assertEqual(answers(middle, self.key), _state["answers"])
        self.check_numbers_readable(back)
        # a later write in the copy draws ids past the copied ones
        ok(["subsidy", "run", "--scheme", SCHEME, "--period", "2025-04", "--region", CITY,
            "--db", middle, "--key", self.key, "--policies", _state["pol"]])
        first_new, last_old, runs = query(
            middle, "SELECT (SELECT min(id) FROM ledger WHERE period = '2025-04'),"
            " (SELECT max(id) FROM ledger WHERE period = '2025-03'),"
            " (SELECT count(*) FROM subsidy_run)")
        self.assertEqual(last_old, _state["counts"]["ledger"])
        self.assertEqual(first_new, last_old + 1)
        self.assertEqual(runs, _state["counts"]["subsidy_run"] + 1)

    def check_numbers_readable(self, db):
        """Served from the round-tripped file with its key, the ID numbers
        unmask, and are those the source masked."""
        def setup(path):
            for ext in ("", "-wal", "-shm", ".key"):
                if os.path.exists(path + ext):
                    os.remove(path + ext)
            shutil.copyfile(db, path)
            shutil.copyfile(db + ".key", path + ".key")
            os.chmod(path + ".key", 0o600)

        server = harness.Server(setup=setup, label="dbcopy")
        try:
            c = harness.login_as(server, "admin", _state["password"])
            r = c.get("/api/v1/export/persons", params={"region": CITY, "unmask": "1"})
            self.assertEqual(r.status, 200, r.text)
            rows = list(csv.DictReader(io.StringIO(r.body.decode("utf-8-sig"))))
        finally:
            problem = server.stop()
        self.assertFalse(problem, problem)
        source = list(csv.DictReader(io.StringIO(_state["answers"]["persons"].lstrip("\ufeff"))))
        self.assertEqual(len(rows), len(source))
        for row in rows:
            n = row["id_number"]
            self.assertNotIn("*", n)
            self.assertEqual(idnumbers.check_char(n[:17]), n[17], n)
            self.assertEqual(n[6:14], row["birth_date"].replace("-", ""), n)
        masked = lambda n: n[:6] + "*" * 8 + n[14:]
        key = lambda r, f: (f(r["id_number"]), r["name"], r["birth_date"], r["region"])
        self.assertEqual(sorted(key(r, masked) for r in rows),
                         sorted(key(r, lambda n: n) for r in source))

    def test_target_not_empty_is_refused(self):
        dst = tmp("full.db")
        rc, _, err = copy(self.src, dst, self.key)
        self.assertEqual(rc, 0, err)
        before = (file_digest(dst), file_digest(dst + ".key"))
        rc, report, err = copy(self.src, dst, self.key)
        self.assertEqual(rc, 1, err)
        self.assertIn("--to", err)
        self.assertIsNone(report)
        self.assertEqual((file_digest(dst), file_digest(dst + ".key")), before)
        self.assertEqual(answers(dst, dst + ".key"), _state["answers"])
        # a key file where the new one would go is not overwritten either
        fresh = tmp("fresh.db")
        with open(fresh + ".key", "wb") as f:
            f.write(b"not a key")
        rc, _, err = copy(self.src, fresh, self.key)
        self.assertEqual(rc, 1, err)
        self.assertIn("--key-out", err)
        self.assertFalse(os.path.exists(fresh))
        with open(fresh + ".key", "rb") as f:
            self.assertEqual(f.read(), b"not a key")
        if PG_BASE:
            url = pg_new_db()
            rc, _, err = copy(self.src, url, self.key)
            self.assertEqual(rc, 0, err)
            ledger = pg_query(url, "SELECT count(*), sum(amount_fen) FROM ledger")
            rc, _, err = copy(self.src, url, self.key)
            self.assertEqual(rc, 1, err)
            self.assertIn("not empty", err)
            self.assertIn("--to", err)
            self.assertEqual(pg_query(url, "SELECT count(*), sum(amount_fen) FROM ledger"), ledger)
            self.assertEqual(answers(url, self.key), _state["answers"])

    def test_wrong_or_missing_key_is_refused(self):
        other = tmp("other.db")
        harness.init_db(other)
        # the other database's key becomes its own once it seals something
        # or records its fingerprint: init does the latter
        self.assertTrue(os.path.exists(other + ".key"))
        dst = tmp("wrongkey.db")
        rc, _, err = copy(self.src, dst, other + ".key")
        self.assertEqual(rc, 1, err)
        self.assertIn("not this database's key", err)
        self.assertFalse(os.path.exists(dst))
        self.assertFalse(os.path.exists(dst + ".key"))
        rc, _, err = copy(self.src, dst, tmp("no-such.key"))
        self.assertEqual(rc, 1, err)
        self.assertIn("no-such.key", err)
        self.assertFalse(os.path.exists(dst))
        if PG_BASE:
            url = pg_new_db()
            rc, _, err = copy(self.src, url, other + ".key")
            self.assertEqual(rc, 1, err)
            self.assertEqual(pg_query(url, "SELECT count(*) FROM pg_tables"
                                           " WHERE schemaname = current_schema()"), "0")

    def test_failed_copy_leaves_the_target_as_it_was(self):
        """A row the target's foreign keys refuse (written into a copy of
        the source behind SQLite's back): the copy stops, a new file is
        removed, a PostgreSQL database keeps no row."""
        broken = tmp("broken.db")
        con = sqlite3.connect(self.src)
        out = sqlite3.connect(broken)
        con.backup(out)
        con.close()
        out.execute("PRAGMA foreign_keys = OFF")
        out.execute("INSERT INTO person_move (person_id, from_region, to_region, moved_on)"
                    " VALUES (987654321, '511902000000', '511903000000', '2025-01-01')")
        out.commit()
        out.close()
        shutil.copyfile(self.key, broken + ".key")
        os.chmod(broken + ".key", 0o600)
        dst = tmp("halfway.db")
        rc, _, err = copy(broken, dst, broken + ".key")
        self.assertEqual(rc, 1, err)
        self.assertIn("person_move", err)
        for ext in ("", "-wal", "-shm", ".key"):
            self.assertFalse(os.path.exists(dst + ext), ext)
        if PG_BASE:
            url = pg_new_db()
            rc, _, err = copy(broken, url, broken + ".key")
            self.assertEqual(rc, 1, err)
            self.assertEqual(pg_query(url, "SELECT count(*) FROM person"), "0")
            self.assertEqual(pg_query(url, "SELECT count(*) FROM meta"), "0")
            # a target that changes what it is given: the check finds the
            # table, and nothing stays
            pg_query(url, "CREATE FUNCTION altered() RETURNS trigger LANGUAGE plpgsql AS"
                          " $$ BEGIN NEW.name := NEW.name || '.'; RETURN NEW; END $$;"
                          " CREATE TRIGGER altered BEFORE INSERT ON region FOR EACH ROW"
                          " EXECUTE FUNCTION altered()")
            rc, out, err = laoxiao(["db", "copy", "--from", self.src, "--to", url,
                                    "--key", self.key])
            self.assertEqual(rc, 1, err)
            self.assertRegex(err, r"\nregion +%d +[0-9a-f]{16}  DIFFERS" % _state["counts"]["region"])
            self.assertRegex(err, r"\nperson +%d +[0-9a-f]{16}  ok\n" % _state["counts"]["person"])
            self.assertIn("differs from the source", err)
            self.assertEqual(pg_query(url, "SELECT count(*) FROM region"), "0")
            self.assertEqual(pg_query(url, "SELECT count(*) FROM person"), "0")
            pg_query(url, "DROP TRIGGER altered ON region")
            # still empty, so a good copy goes in
            rc, report, err = copy(self.src, url, self.key)
            self.assertEqual(rc, 0, err)
            self.assertVerified(report, _state["counts"])


if __name__ == "__main__":
    unittest.main()
