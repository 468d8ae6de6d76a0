"""Installed as a service: `make install` into a scratch DESTDIR, then the
installed program run from there with a config file, as systemd would run
it: it finds its pages and presets beside itself, takes the database,
policies, port and logging from the file, answers the health check, and
logs each request with the id it sends back. A second install keeps the
settings an operator edited. Backups are taken while the server serves
and restored with their key; a wrong key is refused and leaves nothing.
"""

import json
import os
import shutil
import socket
import sqlite3  # the backup file
import subprocess
import tempfile
import time
import unittest
import urllib.request

import harness

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def make_install(destdir):
    return subprocess.run(["make", "-s", "install", "DESTDIR=" + destdir, "PREFIX=/usr"],
                          cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=300)


class InstallTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="laoxiao-install-")
        cls.dest = os.path.join(cls.dir, "root")
        p = make_install(cls.dest)
        assert p.returncode == 0, p.stderr.decode("utf-8", "replace")
        cls.bin = os.path.join(cls.dest, "usr/bin/laoxiao")
        state = os.path.join(cls.dir, "state")
        if harness.PG_BASE:
            os.makedirs(state)  # the key file's folder
        cls.db = harness.new_db(state)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)
        harness.drop_db(cls.db)

    def conf(self, **over):
        port = harness.free_port()
        values = {"db": self.db,
                  "policies": os.path.join(self.dest, "etc/laoxiao/policies"),
                  "listen": "127.0.0.1", "port": str(port), "log_requests": "yes"}
        if harness.is_url(self.db):
            values["key"] = harness.key_of(self.db)
        values.update(over)
        path = os.path.join(self.dir, "laoxiao-%d.conf" % port)
        with open(path, "w") as f:
            f.write("# test settings\n")
            for k, v in values.items():
                f.write("%s = %s\n" % (k, v))
        return path, values

    def run_bin(self, *args, timeout=120):
        env = dict(os.environ)
        env.pop("LAOXIAO_ROOT", None)
        return subprocess.run([self.bin] + list(args), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=timeout, env=env)

    def test_files_in_place(self):
        for rel in ("usr/bin/laoxiao", "usr/share/laoxiao/web/index.html",
                    "usr/share/laoxiao/presets/regions", "usr/share/laoxiao/policies",
                    "etc/laoxiao/laoxiao.conf", "etc/laoxiao/policies",
                    "usr/lib/systemd/system/laoxiao.service",
                    "usr/lib/sysusers.d/laoxiao.conf", "usr/share/doc/laoxiao/README.md"):
            self.assertTrue(os.path.exists(os.path.join(self.dest, rel)), rel)
        with open(os.path.join(self.dest, "usr/lib/systemd/system/laoxiao.service")) as f:
            unit = f.read()
        self.assertIn("ExecStart=/usr/bin/laoxiao serve --config /etc/laoxiao/laoxiao.conf", unit)
        self.assertNotIn("@PREFIX@", unit)
        for line in ("User=laoxiao", "NoNewPrivileges=yes", "ProtectSystem=strict",
                     "StateDirectory=laoxiao", "PrivateTmp=yes", "UMask=0077",
                     "CapabilityBoundingSet="):
            self.assertIn(line + "\n", unit, "the unit has %s" % line)
        # the shipped settings are read without complaint
        r = self.run_bin("help", "--config", os.path.join(self.dest, "etc/laoxiao/laoxiao.conf"))
        self.assertEqual(r.returncode, 0, r.stderr.decode())

    def test_second_install_keeps_edited_settings(self):
        conf = os.path.join(self.dest, "etc/laoxiao/laoxiao.conf")
        with open(conf, "a") as f:
            f.write("# edited by the operator\n")
        pol = os.path.join(self.dest, "etc/laoxiao/policies/README.md")
        with open(pol, "a") as f:
            f.write("\nedited\n")
        p = make_install(self.dest)
        self.assertEqual(p.returncode, 0, p.stderr.decode("utf-8", "replace"))
        with open(conf) as f:
            self.assertIn("# edited by the operator", f.read())
        with open(pol) as f:
            self.assertTrue(f.read().endswith("edited\n"))

    def test_bad_setting_names_the_line(self):
        path, _ = self.conf()
        with open(path, "a") as f:
            f.write("colour = red\n")
        r = self.run_bin("init", "--config", path)
        self.assertEqual(r.returncode, 2)
        self.assertIn("unknown key 'colour'", r.stderr.decode())
        path, _ = self.conf(port="99999")
        r = self.run_bin("serve", "--config", path, timeout=20)
        self.assertEqual(r.returncode, 2)
        self.assertIn("port", r.stderr.decode())

    def test_served_from_the_install_with_health_and_request_ids(self):
        path, v = self.conf()
        r = self.run_bin("init", "--config", path)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        if harness.is_url(v["db"]):
            (n,), = harness.db_rows(v["db"], "SELECT count(*) FROM region")
            self.assertGreater(n, 0, "the database where the config says, its regions made")
        else:
            self.assertTrue(os.path.exists(v["db"]), "the database where the config says")
        self.assertTrue(os.path.exists(harness.key_of(v["db"])), "its key where the config says")
        err_path = os.path.join(self.dir, "serve.err")
        with open(err_path, "wb") as err:
            env = dict(os.environ)
            env.pop("LAOXIAO_ROOT", None)
            proc = subprocess.Popen([self.bin, "serve", "--config", path],
                                    stdout=subprocess.DEVNULL, stderr=err, env=env)
        try:
            base = "http://127.0.0.1:%s" % v["port"]
            deadline = time.monotonic() + 20
            while True:
                try:
                    resp = urllib.request.urlopen(base + "/api/v1/health", timeout=5)
                    break
                except OSError:
                    if time.monotonic() > deadline or proc.poll() is not None:
                        raise
                    time.sleep(0.1)
            health = json.loads(resp.read())
            self.assertEqual(health["status"], "ok")
            self.assertGreaterEqual(health["schema"], 9)
            self.assertTrue(health["version"])
            rid = resp.headers["X-Request-Id"]
            self.assertTrue(rid)
            page = urllib.request.urlopen(base + "/", timeout=5).read().decode()
            self.assertIn("<html", page.lower(), "the pages come from the install")
            with urllib.request.urlopen(base + "/api/v1/regions?level=city", timeout=5) as x:
                pass
        except urllib.error.HTTPError as e:
            self.assertEqual(e.code, 401)
            rid2 = e.headers["X-Request-Id"]
            self.assertNotEqual(rid2, rid, "every request has its own id")
        finally:
            proc.terminate()
            proc.wait(timeout=10)
        with open(err_path) as f:
            log = f.read()
        self.assertIn(" %s GET /api/v1/health 200 " % rid, log, "the request's line in the log")
        self.assertNotIn("?level", log, "the log holds no query")


class BackupTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="laoxiao-backup-")
        self.addCleanup(shutil.rmtree, self.dir, True)
        self.server = harness.Server(label="backup")
        self.addCleanup(self.server.stop)
        a = self.server.admin()
        from datetime import date
        import idnumbers
        issuer = idnumbers.Issuer(("511902",), "135", 45678901, 1000)
        self.numbers = []
        for i in range(20):
            n = issuer.new_id(date(1940 + i, 2, 3), i % 2 == 0)
            self.numbers.append(n)
            r = a.post("/api/v1/persons", {"kind": "elderly", "id_number": n,
                                            "name": "备份%d" % i, "region": "511902000000"})
            self.assertEqual(r.status, 201, r.text)

    def cli(self, *args, db=None):
        return harness.run_cli(list(args), db or self.server.db)

    def test_online_backup_and_restore(self):
        if harness.is_url(self.server.db):
            self.backup_and_restore_refused()
            return
        out = os.path.join(self.dir, "b", "copy.db")
        key_out = os.path.join(self.dir, "k", "copy.key")
        os.makedirs(os.path.dirname(out))
        os.makedirs(os.path.dirname(key_out))
        # same folder for both is refused
        r = self.cli("backup", "--out", out, "--key-out", os.path.join(self.dir, "b", "k.key"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("another folder", r.stderr.decode())
        self.assertFalse(os.path.exists(out), "nothing written")
        # taken while the server serves and writes
        a = self.server.admin()
        r = self.cli("backup", "--out", out, "--key-out", key_out)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        self.assertEqual(oct(os.stat(out).st_mode & 0o777), "0o600")
        self.assertEqual(oct(os.stat(key_out).st_mode & 0o777), "0o600")
        self.assertEqual(a.post("/api/v1/tokens", {"name": "after"}).status, 201,
                         "the server went on serving")
        con = sqlite3.connect(out)
        self.assertEqual(con.execute("PRAGMA integrity_check").fetchone()[0], "ok")
        self.assertEqual(con.execute("SELECT count(*) FROM person").fetchone()[0], 20)
        con.close()
        # restored with another database's key: refused, nothing left
        target = os.path.join(self.dir, "restored", "laoxiao.db")
        other = os.path.join(self.dir, "other.db")
        harness.init_db(other)
        r = self.cli("restore", "--from", out, "--key", other + ".key", db=target)
        self.assertEqual(r.returncode, 1)
        self.assertIn("not this database's key", r.stderr.decode())
        self.assertFalse(os.path.exists(target))
        self.assertFalse(os.path.exists(target + ".key"))
        # with its own key: served, the numbers read back
        r = self.cli("restore", "--from", out, "--key", key_out, db=target)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        r = self.cli("restore", "--from", out, "--key", key_out, db=target)
        self.assertEqual(r.returncode, 1, "an existing database is never overwritten")

        # served from what was restored: the numbers read back whole
        def setup(db):
            for ext in ("", "-wal", "-shm", ".key"):
                if os.path.exists(db + ext):
                    os.remove(db + ext)
            r = self.cli("restore", "--from", out, "--key", key_out, db=db)
            assert r.returncode == 0, r.stderr.decode()

        served = harness.Server(setup=setup, label="restored")
        self.addCleanup(served.stop)
        served.admin_password = self.server.admin_password
        r = served.admin().get("/api/v1/export/persons",
                               params={"region": "511902000000", "unmask": "1"})
        self.assertEqual(r.status, 200, r.text)
        text = r.body.decode("utf-8-sig")
        for n in self.numbers:
            self.assertIn(n, text)

    def assertRefusedOnUrl(self, what, args, db, out):
        """laoxiao ARGS --db DB (a PostgreSQL URL): a clear error, nothing
        written at out."""
        p = subprocess.run([harness.BINARY] + args + ["--db", db], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=60, env=harness._env())
        err = p.stderr.decode("utf-8", "replace")
        self.assertNotIn(p.returncode, (0, None), "%s on a PostgreSQL URL is refused" % what)
        self.assertLess(p.returncode, 128, "%s exits, not crashes: %s" % (what, err[-500:]))
        self.assertTrue(any(w in err.lower() for w in ("pg_dump", "sqlite", "postgresql")),
                        "%s says it is for SQLite files (pg_dump for PostgreSQL): %r"
                        % (what, err[-500:]))
        self.assertNotIn("AddressSanitizer", err)
        self.assertFalse(os.path.exists(out), "%s wrote nothing" % what)

    def backup_and_restore_refused(self):
        """PostgreSQL is backed up with pg_dump: backup and restore are for
        SQLite files and refuse a URL, leaving the database as it was."""
        out = os.path.join(self.dir, "b", "copy.db")
        key_out = os.path.join(self.dir, "k", "copy.key")
        os.makedirs(os.path.dirname(out))
        os.makedirs(os.path.dirname(key_out))
        key = harness.key_of(self.server.db)
        self.assertRefusedOnUrl("backup", ["backup", "--key", key, "--out", out,
                                           "--key-out", key_out], self.server.db, out)
        self.assertFalse(os.path.exists(key_out), "no key copied")
        # a real SQLite backup file to restore from: still refused on a URL
        sqlite_db = os.path.join(self.dir, "file.db")
        p = subprocess.run([harness.BINARY, "init", "--db", sqlite_db], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=60, env=harness._env())
        self.assertEqual(p.returncode, 0, p.stderr.decode("utf-8", "replace"))
        target = harness.new_db(self.dir, "restored.db")
        self.addCleanup(harness.drop_db, target)
        self.assertRefusedOnUrl("restore", ["restore", "--from", sqlite_db, "--key",
                                            sqlite_db + ".key"], target, harness.key_of(target))
        self.assertEqual(harness.db_rows(target, "SELECT count(*) FROM "
                                                 "information_schema.tables WHERE "
                                                 "table_schema = current_schema()"), [(0,)],
                         "restore made no table in the PostgreSQL database")
        # the served database is untouched and still serves
        a = self.server.admin()
        r = a.get("/api/v1/persons", params={"per_page": 100})
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(r.json["total"], 20, "the 20 people are all there")
