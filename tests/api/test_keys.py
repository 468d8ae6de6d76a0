"""A missing key is not a new key.

A database that holds sealed ID numbers, or remembers the fingerprint of
its key, refuses to start (serve) or to be read and written (import,
export) without its own key file: no new key is made in its place, which
would leave every sealed number unreadable and let the same person be
registered twice. A key file of another database is refused too, also for
a database from before fingerprints were kept (the key must open what is
sealed). With its own key back, everything works again.
"""

import csv
import io
import os
import shutil
import subprocess
import tempfile
import unittest
from datetime import date

import harness
import idnumbers

ISSUER = idnumbers.Issuer(("511902",), "137", 34567890, 1000)
COLUMNS = ("kind", "id_number", "name", "region", "address")


def persons_csv(n):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(COLUMNS)
    numbers = []
    for i in range(n):
        idn = ISSUER.new_id(date(1945, 1 + i % 12, 1 + i), i % 2 == 0)
        numbers.append(idn)
        w.writerow(["elderly", idn, "钥匙检查%d" % i, "511902000000", "巴州区%d号" % i])
    return out.getvalue(), numbers


def serve_briefly(db):
    """`laoxiao serve` on a free port: (exit code or None if it kept
    running for 3 s, stderr)."""
    port = harness.free_port()
    p = subprocess.Popen([harness.BINARY, "serve"] + harness.db_args(db) +
                         ["--port", str(port), "--listen", "127.0.0.1"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env=harness._env())
    try:
        out, err = p.communicate(timeout=3)
        return p.returncode, err.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        p.terminate()
        out, err = p.communicate(timeout=10)
        return None, err.decode("utf-8", "replace")


class KeyTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="laoxiao-keys-")
        self.addCleanup(shutil.rmtree, self.dir, True)
        self.db = harness.new_db(self.dir, "a.db")
        self.addCleanup(harness.drop_db, self.db)
        self.other = harness.new_db(self.dir, "b.db")
        self.addCleanup(harness.drop_db, self.other)
        harness.init_db(self.db)
        harness.init_db(self.other)
        text, self.numbers = persons_csv(5)
        path = os.path.join(self.dir, "p.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        self.csv = path
        r = harness.run_cli(["import", "persons", path], self.db)
        self.assertEqual(r.returncode, 0, r.stderr.decode("utf-8", "replace"))
        self.key = harness.key_of(self.db)
        with open(self.key, "rb") as f:
            self.key_bytes = f.read()

    def cli(self, *args):
        return harness.run_cli(list(args), self.db)

    def count_persons(self):
        return harness.db_rows(self.db, "SELECT count(*) FROM person")[0][0]

    def assertRefused(self, what, rc, err, words):
        self.assertNotEqual(rc, 0, "%s is refused" % what)
        self.assertIsNotNone(rc, "%s stops at once instead of serving" % what)
        for w in words:
            self.assertIn(w, err, "%s says %r: %s" % (what, w, err[-500:]))

    def test_missing_key_is_refused_not_replaced(self):
        os.remove(self.key)
        rc, err = serve_briefly(self.db)
        self.assertRefused("serve without the key", rc, err, ["a.db.key", "missing", "backup"])
        self.assertFalse(os.path.exists(self.key), "no new key file was made")
        r = self.cli("import", "persons", self.csv)
        self.assertRefused("import without the key", r.returncode,
                           r.stderr.decode("utf-8", "replace"), ["missing"])
        r = self.cli("export", "facilities")
        self.assertRefused("export without the key", r.returncode,
                           r.stderr.decode("utf-8", "replace"), ["missing"])
        self.assertFalse(os.path.exists(self.key), "still no new key file")
        self.assertEqual(self.count_persons(), 5, "nothing was imported twice")
        # the key restored: all works, and the same people are recognised
        with open(self.key, "wb") as f:
            f.write(self.key_bytes)
        os.chmod(self.key, 0o600)
        rc, err = serve_briefly(self.db)
        self.assertIsNone(rc, "serve starts with its own key: %s" % err[-500:])
        r = self.cli("import", "persons", self.csv)
        self.assertNotEqual(r.returncode, 0, "the same people are not registered twice")
        self.assertIn("already", r.stderr.decode("utf-8", "replace"))
        self.assertEqual(self.count_persons(), 5)

    def test_key_of_another_database_is_refused(self):
        shutil.copy(harness.key_of(self.other), self.key)
        os.chmod(self.key, 0o600)
        rc, err = serve_briefly(self.db)
        self.assertRefused("serve with another database's key", rc, err,
                           ["a.db.key", "not this database's key"])
        r = self.cli("import", "persons", self.csv)
        self.assertRefused("import with another database's key", r.returncode,
                           r.stderr.decode("utf-8", "replace"), ["not this database's key"])

    def test_database_from_before_fingerprints(self):
        # as a database written before its key's fingerprint was kept
        harness.db_exec(self.db, "DELETE FROM meta")
        shutil.copy(harness.key_of(self.other), self.key)
        os.chmod(self.key, 0o600)
        rc, err = serve_briefly(self.db)
        self.assertRefused("a wrong key on an old database", rc, err,
                           ["not this database's key"])
        with open(self.key, "wb") as f:
            f.write(self.key_bytes)
        rc, err = serve_briefly(self.db)
        self.assertIsNone(rc, "its own key opens it: %s" % err[-500:])
        n = harness.db_rows(self.db, "SELECT count(*) FROM meta"
                                     " WHERE name = 'key_fingerprint'")[0][0]
        self.assertEqual(n, 1, "the fingerprint is kept from then on")

    def test_new_database_without_personal_data_forgets_nothing(self):
        # a database that knows its key refuses a missing one even with no
        # person in it yet; a brand-new one makes its key
        os.remove(harness.key_of(self.other))
        rc, err = serve_briefly(self.other)
        self.assertRefused("serve without the key it was made with", rc, err, ["missing"])
        fresh = harness.new_db(self.dir, "c.db")
        self.addCleanup(harness.drop_db, fresh)
        rc, err = serve_briefly(fresh)
        self.assertIsNone(rc, "a new database starts and makes its key: %s" % err[-500:])
        self.assertTrue(os.path.exists(harness.key_of(fresh)))


if __name__ == "__main__":
    unittest.main()
