"""Harness for the API tests: the real `laoxiao` server on a loopback port,
a fresh database per server, and an HTTP client that behaves like the web
page (cookie jar, X-CSRF-Token) or like a script (Bearer token).

The database is a SQLite file in a temp folder, or, when LAOXIAO_TEST_PG
holds the base URL of a PostgreSQL cluster (tests/pg/cluster.py), a fresh
database on that cluster with its key file in the temp folder: new_db()
gives either, and run_cli() and Server pass --key for a URL.

Python standard library only.
"""

import csv
import http.client
import io
import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse

import creditcode

HERE = os.path.dirname(os.path.abspath(__file__))
DATA_DIR = os.path.normpath(os.path.join(HERE, "..", "data", "api"))
sys.path.insert(0, os.path.normpath(os.path.join(HERE, "..", "pg")))
import cluster  # noqa: E402

# the PostgreSQL cluster the tests run on, or None for SQLite files
PG_BASE = os.environ.get(cluster.ENV_VAR) or None
BACKEND = "postgresql" if PG_BASE else "sqlite"

BINARY = None  # set by run.py
_start_failure = None  # the first failure to start a server, so later ones fail fast
START_TIMEOUT = float(os.environ.get("LAOXIAO_START_TIMEOUT", "10"))
REQUEST_TIMEOUT = float(os.environ.get("LAOXIAO_REQUEST_TIMEOUT", "15"))
KEEP_TMP = os.environ.get("LAOXIAO_KEEP_TMP") == "1"

# Status for each error code of docs/api.md.
STATUS_OF_CODE = {
    "malformed": 400,
    "unauthenticated": 401,
    "forbidden": 403,
    "not_found": 404,
    "conflict": 409,
    "too_large": 413,
    "invalid": 422,
    "internal": 500,
}
CODE_OF_STATUS = {v: k for k, v in STATUS_OF_CODE.items()}

SANITIZER_MARKERS = (
    "ERROR: AddressSanitizer",
    "ERROR: LeakSanitizer",
    "runtime error:",  # UBSan
    "WARNING: ThreadSanitizer",
)

KB = 1024
MiB = 1024 * 1024


def configure(binary):
    global BINARY
    BINARY = os.path.abspath(binary)


def data_path(*parts):
    return os.path.join(DATA_DIR, *parts)


# --------------------------------------------------------------------------
# The program: init, CLI, serve


def free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def _env():
    env = dict(os.environ)
    env.setdefault("UBSAN_OPTIONS", "print_stacktrace=1")
    env.setdefault("LC_ALL", "C.UTF-8")
    return env


# --------------------------------------------------------------------------
# Databases: a SQLite file, or a database on the PostgreSQL cluster

_keys = {}  # database URL -> its key file


def is_url(db):
    return db.startswith(("postgresql://", "postgres://"))


def new_db(directory, name="laoxiao.db"):
    """A fresh database target for a test: under SQLite the path
    DIRECTORY/NAME (not created); under PostgreSQL a new empty database on
    the cluster, whose key file will be DIRECTORY/NAME.key. Returns the
    path or the URL, to pass as --db."""
    if not PG_BASE:
        return os.path.join(directory, name)
    url = cluster.new_database(PG_BASE)
    _keys[url] = os.path.join(directory, name + ".key")
    return url


def key_of(db):
    """The key file of a database target: <db>.key for a SQLite file, the
    file new_db() chose for a URL."""
    if is_url(db):
        return _keys[db]
    return db + ".key"


def db_args(db):
    """--db DB, and --key FILE for a URL."""
    if is_url(db):
        return ["--db", db, "--key", key_of(db)]
    return ["--db", db]


def reset_db(db):
    """Makes the target empty again (no tables, no key file): removes the
    SQLite file with its journal, or drops and recreates the database."""
    for ext in ("", "-wal", "-shm", ".key"):
        if not is_url(db) and os.path.exists(db + ext):
            os.remove(db + ext)
    if is_url(db):
        if os.path.exists(key_of(db)):
            os.remove(key_of(db))
        cluster.drop_database(db)
        cluster.create_database(db)


def drop_db(db):
    """Drops a PostgreSQL database (its cluster outlives the test); a
    SQLite file goes with its folder."""
    if is_url(db):
        cluster.drop_database(db)


def _pg_literal(v):
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, (int, float)):
        return repr(v)
    return "'" + str(v).replace("'", "''") + "'"


def _pg_bind(sql, args):
    """sql with each ? replaced by the literal of the next argument."""
    parts = sql.split("?")
    if len(parts) - 1 != len(args):
        raise ValueError("%d placeholders, %d arguments: %s" % (len(parts) - 1, len(args), sql))
    out = parts[0]
    for v, rest in zip(args, parts[1:]):
        out += _pg_literal(v) + rest
    return out


def db_rows(db, sql, args=()):
    """The rows of a query (? placeholders), read from outside laoxiao: with
    Python's sqlite3 (read-only) or with psql, as lists of tuples. Through
    psql each row comes as JSON, so numbers are numbers and NULL is None
    as with sqlite3; a bytea value comes as its text form (\\x...)."""
    if not is_url(db):
        import sqlite3
        con = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=10)
        try:
            return con.execute(sql, args).fetchall()
        finally:
            con.close()
    q = "SELECT row_to_json(q) FROM (%s) q" % _pg_bind(sql, args).rstrip().rstrip(";")
    rows = []
    for line in cluster.psql(db, q).splitlines():
        if line:
            rows.append(tuple(v for _, v in json.loads(line, object_pairs_hook=list)))
    return rows


def sqlite_copy(db, tables, path):
    """A SQLite file with the rows of tables, for scripts written for the
    sqlite3 shell (bench/): db itself when it is a SQLite file, else a copy
    at path of each table's columns and rows read through psql."""
    if not is_url(db):
        return db
    import sqlite3
    con = sqlite3.connect(path)
    try:
        for t in tables:
            cols = [c for c, _ in pg_columns(db, t)]
            con.execute("CREATE TABLE %s (%s)" % (t, ", ".join('"%s"' % c for c in cols)))
            con.executemany("INSERT INTO %s VALUES (%s)" % (t, ", ".join("?" * len(cols))),
                            [tuple(json.dumps(v, ensure_ascii=False)
                                   if isinstance(v, (list, dict)) else v for v in r.values())
                             for _, r in pg_table_rows(db, (t,))])
        con.commit()
    finally:
        con.close()
    return path


def pg_columns(db, table):
    """[(column, data type)] of a PostgreSQL table, in order."""
    return db_rows(db, "SELECT column_name::text, data_type::text FROM "
                       "information_schema.columns WHERE table_name = ? AND "
                       "table_schema = current_schema() ORDER BY ordinal_position", (table,))


def pg_table_rows(db, tables=None):
    """(table, {column: value}) for every row of every table (or of
    tables) of a PostgreSQL database; bytea values as bytes, as sqlite3
    gives blobs."""
    if tables is None:
        tables = [t for t, in db_rows(db, "SELECT table_name::text FROM "
                                          "information_schema.tables WHERE table_schema = "
                                          "current_schema() AND table_type = 'BASE TABLE' "
                                          "ORDER BY 1")]
    for t in tables:
        cols = pg_columns(db, t)
        names = [c for c, _ in cols]
        blobs = {c for c, ty in cols if ty == "bytea"}
        for row in db_rows(db, 'SELECT %s FROM "%s"' % (", ".join('"%s"' % c for c in names), t)):
            yield t, {c: (bytes.fromhex(v[2:]) if c in blobs and v is not None else v)
                      for c, v in zip(names, row)}


def pg_contents(db):
    """What a PostgreSQL database holds, to search for data in clear: each
    table's rows as text (bytea columns escaped, so ASCII in them stays
    readable) under "table NAME", and, after a checkpoint, each of the
    database's files on disk under "file PATH"."""
    out = {}
    tables = [t for t, in db_rows(db, "SELECT table_name::text FROM information_schema.tables "
                                      "WHERE table_schema = current_schema() "
                                      "AND table_type = 'BASE TABLE' ORDER BY 1")]
    for t in tables:
        cols = pg_columns(db, t)
        exprs = ["encode(\"%s\", 'escape')" % c if ty == "bytea" else "\"%s\"::text" % c
                 for c, ty in cols]
        text = cluster.psql(db, "SELECT %s FROM \"%s\"" % (", ".join(exprs), t))
        out["table " + t] = text.encode("utf-8")
    cluster.psql(db, "CHECKPOINT")
    (folder,) = db_rows(db, "SELECT current_setting('data_directory') || '/base/' || oid "
                            "FROM pg_database WHERE datname = current_database()")[0]
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            with open(path, "rb") as f:
                out["file " + path] = f.read()
    return out


def db_exec(db, sql, args=()):
    """Runs a statement (or several, without args) that writes."""
    if not is_url(db):
        import sqlite3
        con = sqlite3.connect(db, timeout=10)
        try:
            if args:
                con.execute(sql, args)
            else:
                con.executescript(sql)
            con.commit()
        finally:
            con.close()
        return
    cluster.psql(db, _pg_bind(sql, args) if args else sql)


def add_failing_trigger(db, name, table, condition, message):
    """A trigger that refuses an INSERT into table while condition (an SQL
    expression, e.g. "(SELECT count(*) FROM ledger) >= 1") holds."""
    if not is_url(db):
        db_exec(db, "CREATE TRIGGER %s BEFORE INSERT ON %s WHEN %s "
                    "BEGIN SELECT RAISE(ABORT, '%s'); END" % (name, table, condition, message))
        return
    db_exec(db, "CREATE FUNCTION %s_f() RETURNS trigger LANGUAGE plpgsql AS $$ "
                "BEGIN IF %s THEN RAISE EXCEPTION '%s'; END IF; RETURN NEW; END $$; "
                "CREATE TRIGGER %s BEFORE INSERT ON %s FOR EACH ROW EXECUTE FUNCTION %s_f();"
                % (name, condition, message, name, table, name))


def drop_trigger(db, name, table):
    if not is_url(db):
        db_exec(db, "DROP TRIGGER %s" % name)
        return
    db_exec(db, "DROP TRIGGER %s ON %s; DROP FUNCTION %s_f();" % (name, table, name))


def run_cli(args, db, stdin=None, timeout=60):
    """Run `laoxiao ARGS --db DB` (and --key for a URL); returns
    CompletedProcess (bytes output)."""
    cmd = [BINARY] + list(args) + db_args(db)
    if isinstance(stdin, str):
        stdin = stdin.encode("utf-8")
    return subprocess.run(
        cmd,
        input=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        timeout=timeout,
        env=_env(),
    )


def init_db(db):
    """`laoxiao init`; returns the admin password it printed."""
    p = run_cli(["init"], db)
    out = p.stdout.decode("utf-8", "replace")
    if p.returncode != 0:
        raise RuntimeError(
            "laoxiao init --db %s exited %d\nstdout: %s\nstderr: %s"
            % (db, p.returncode, out, p.stderr.decode("utf-8", "replace")[-2000:])
        )
    m = re.search(r"^admin password: (\S+)\s*$", out, re.M)
    if not m:
        raise RuntimeError(
            "laoxiao init printed no line 'admin password: <password>'; "
            "stdout was: %r" % out[-2000:]
        )
    return m.group(1)


class Server:
    """One `laoxiao serve` process over a fresh database in a temp dir.

    setup(db_path) runs after init and before serve (for CLI-made data).
    serve_args: extra arguments for `laoxiao serve` (e.g. ["--policies", DIR])."""

    def __init__(self, setup=None, label="server", serve_args=()):
        global _start_failure
        self.serve_args = list(serve_args)
        if not BINARY or not os.access(BINARY, os.X_OK):
            raise RuntimeError("laoxiao binary not found or not executable: %r" % BINARY)
        if _start_failure:
            raise RuntimeError("not tried: an earlier server failed to start:\n" + _start_failure)
        try:
            self._init_and_start(setup, label)
        except Exception as e:
            _start_failure = str(e)
            if getattr(self, "proc", None) is not None and self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            if not KEEP_TMP and getattr(self, "dir", None):
                shutil.rmtree(self.dir, ignore_errors=True)
                if getattr(self, "db", None):
                    try:
                        drop_db(self.db)
                    except RuntimeError:
                        pass
            raise

    def _init_and_start(self, setup, label):
        self.label = label
        self.dir = tempfile.mkdtemp(prefix="laoxiao-api-")
        self.db = new_db(self.dir)
        self.admin_password = init_db(self.db)
        if setup:
            setup(self.db)
        self.proc = None
        self.port = None
        self.out_path = os.path.join(self.dir, "serve.stdout")
        self.err_path = os.path.join(self.dir, "serve.stderr")
        self._err_seen = 0
        self._admin = None
        self.unresponsive = None  # set when a request timed out
        self._city_codes = iter(
            ["51%02d00000000" % n for n in list(range(99, 89, -1)) + list(range(39, 34, -1))
             + list(range(31, 20, -1))]
        )
        last = None
        for _ in range(3):
            try:
                self._start()
                return
            except _PortTaken as e:
                last = e
        raise RuntimeError("laoxiao serve could not bind a port: %s" % last)

    def sibling(self, label="sibling"):
        """A second `laoxiao serve` process on this server's database and
        key, on a port of its own: two servers behind one load balancer.
        Stop it before this one (its folder holds only its logs)."""
        s = Server.__new__(Server)
        for name, value in vars(self).items():
            setattr(s, name, value)
        s.label = label
        s.owns_db = False  # the first server drops it
        s.dir = tempfile.mkdtemp(prefix="laoxiao-api-")
        s.out_path = os.path.join(s.dir, "serve.stdout")
        s.err_path = os.path.join(s.dir, "serve.stderr")
        s._err_seen = 0
        s._admin = None
        s.proc = None
        s.unresponsive = None
        last = None
        for _ in range(3):
            try:
                s._start()
                return s
            except _PortTaken as e:
                last = e
        raise RuntimeError("laoxiao serve could not bind a port: %s" % last)

    def _start(self):
        self.port = free_port()
        out = open(self.out_path, "wb")
        err = open(self.err_path, "ab")
        self.proc = subprocess.Popen(
            [BINARY, "serve"] + db_args(self.db) + ["--port", str(self.port),
                                                    "--listen", "127.0.0.1"] + self.serve_args,
            stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=_env(),
        )
        out.close()
        err.close()
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                log = self.log_tail()
                if "in use" in log.lower() or "bind" in log.lower():
                    raise _PortTaken(log)
                raise RuntimeError(
                    "laoxiao serve exited with %s before accepting connections; log:\n%s"
                    % (self.proc.returncode, log)
                )
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
            except OSError:
                time.sleep(0.05)
                continue
            self._probe(deadline)
            return
        self.stop()
        raise RuntimeError(
            "laoxiao serve did not accept connections on port %d within %.0f s; log:\n%s"
            % (self.port, START_TIMEOUT, self.log_tail())
        )

    def _probe(self, deadline):
        """The port accepts: check that HTTP is answered too (any status)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port,
                                          timeout=max(5.0, deadline - time.monotonic()))
        try:
            conn.request("GET", "/api/v1/session")
            conn.getresponse().read()
        except (OSError, http.client.HTTPException) as e:
            self.stop()
            raise RuntimeError("laoxiao serve accepts connections on port %d but does not "
                               "answer GET /api/v1/session (%s); log:\n%s"
                               % (self.port, e, self.log_tail()))
        finally:
            conn.close()

    @property
    def base(self):
        return "http://127.0.0.1:%d" % self.port

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stdout_text(self):
        try:
            with open(self.out_path, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def log_tail(self, n=4000):
        text = ""
        for p in (self.out_path, self.err_path):
            try:
                with open(p, "rb") as f:
                    text += f.read().decode("utf-8", "replace")
            except OSError:
                pass
        return text[-n:]

    def new_sanitizer_reports(self):
        """Sanitizer output written to stderr since the last call, or ''."""
        try:
            with open(self.err_path, "rb") as f:
                f.seek(self._err_seen)
                chunk = f.read()
        except OSError:
            return ""
        self._err_seen += len(chunk)
        text = chunk.decode("utf-8", "replace")
        if any(m in text for m in SANITIZER_MARKERS):
            return text[-6000:]
        return ""

    def stop(self):
        """SIGTERM, wait; returns a problem description or ''."""
        problem = ""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                problem = "laoxiao serve did not exit within 10 s of SIGTERM (killed)"
        reports = self.new_sanitizer_reports()
        if reports:
            problem += "\nsanitizer report at exit:\n" + reports
        if not KEEP_TMP:
            shutil.rmtree(self.dir, ignore_errors=True)
            try:
                if getattr(self, "owns_db", True):
                    drop_db(self.db)
            except RuntimeError as e:
                problem += "\ndatabase not dropped: %s" % e
        else:
            print("kept %s (%s)" % (self.dir, self.db), file=sys.stderr)
        return problem

    # --- conveniences shared by the tests of one server

    def client(self, **kw):
        return Client(self, **kw)

    def admin(self):
        """A logged-in admin client (cookie session + CSRF), made once."""
        if self._admin is None:
            c = Client(self)
            r = c.login("admin", self.admin_password)
            if r.status != 200:
                raise AssertionError("admin login failed: %s" % r.summary())
            self._admin = c
        return self._admin

    def next_city_code(self):
        """A 12-digit city code under 四川省 510000000000 not used by the presets."""
        return next(self._city_codes)


class _PortTaken(Exception):
    pass


# --------------------------------------------------------------------------
# HTTP


class Response:
    def __init__(self, method, path, status, reason, headers, body):
        self.method = method
        self.path = path
        self.status = status
        self.reason = reason
        self.headers = headers  # list of (name, value)
        self.body = body
        self._json = None

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def header_all(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    @property
    def json(self):
        if self._json is None:
            try:
                self._json = json.loads(self.body.decode("utf-8"))
            except (ValueError, UnicodeDecodeError) as e:
                raise AssertionError(
                    "%s: expected a JSON body, got %r (%s)"
                    % (self.summary(0), self.body[:300], e)
                )
        return self._json

    def summary(self, n=400):
        body = self.text
        if len(body) > n:
            body = body[:n] + "..."
        return "%s %s -> %d %s" % (self.method, self.path, self.status, body)

    __repr__ = summary


_AUTO = object()
UNSAFE = ("POST", "PUT", "PATCH", "DELETE")


def _query(path, params):
    if not params:
        return path
    items = [(k, v) for k, v in params.items() if v is not None]
    sep = "&" if "?" in path else "?"
    return path + sep + urllib.parse.urlencode(items)


class Client:
    """Talks to one server. Keeps cookies and the CSRF token from login, and
    sends X-CSRF-Token on writes made with a cookie session unless told not
    to. With token=..., sends Authorization: Bearer instead."""

    def __init__(self, server, token=None):
        self.server = server
        self.token = token
        self.cookies = {}
        self.csrf = None
        self.set_cookie_headers = []

    # raw send --------------------------------------------------------------

    def request(self, method, path, json_body=_AUTO, body=None, params=None,
                headers=None, csrf=_AUTO, content_type=None, timeout=REQUEST_TIMEOUT):
        """json_body: object to send as JSON; body: raw bytes/str.
        csrf: _AUTO (send ours on writes if we have a cookie session),
        None (send none), or a string to send as given."""
        method = method.upper()
        path = _query(path, params)
        hdrs = {}
        data = None
        if json_body is not _AUTO:
            data = json.dumps(json_body, ensure_ascii=False).encode("utf-8")
            hdrs["Content-Type"] = "application/json"
        elif body is not None:
            data = body.encode("utf-8") if isinstance(body, str) else body
            hdrs["Content-Type"] = content_type or "application/json"
        if content_type:
            hdrs["Content-Type"] = content_type
        if self.cookies:
            hdrs["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        if self.token:
            hdrs["Authorization"] = "Bearer " + self.token
        if csrf is _AUTO:
            if method in UNSAFE and self.csrf and self.cookies:
                hdrs["X-CSRF-Token"] = self.csrf
        elif csrf is not None:
            hdrs["X-CSRF-Token"] = csrf
        if headers:
            hdrs.update(headers)
        if method in UNSAFE and data is None:
            hdrs.setdefault("Content-Length", "0")
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=timeout)
        try:
            conn.request(method, path, body=data, headers=hdrs)
            r = conn.getresponse()
            resp = Response(method, path, r.status, r.reason, r.getheaders(), r.read())
        except socket.timeout:
            self.server.unresponsive = "%s %s got no answer within %.0f s" % (method, path, timeout)
            raise AssertionError(self.server.unresponsive)
        finally:
            conn.close()
        self._take_cookies(resp)
        return resp

    def _take_cookies(self, resp):
        for sc in resp.header_all("Set-Cookie"):
            self.set_cookie_headers.append(sc)
            first, _, attrs = sc.partition(";")
            name, _, value = first.strip().partition("=")
            attrs_l = attrs.lower().replace(" ", "")
            if value == "" or "max-age=0" in attrs_l or "expires=thu,01jan1970" in attrs_l:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=_AUTO, **kw):
        return self.request("POST", path, json_body=body, **kw)

    def put(self, path, body=_AUTO, **kw):
        return self.request("PUT", path, json_body=body, **kw)

    def patch(self, path, body=_AUTO, **kw):
        return self.request("PATCH", path, json_body=body, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    # session ---------------------------------------------------------------

    def login(self, username, password):
        r = self.post("/api/v1/session", {"username": username, "password": password}, csrf=None)
        if r.status == 200:
            self.csrf = r.json.get("csrf_token")
        return r

    def logout(self):
        r = self.delete("/api/v1/session")
        if r.status == 204:
            self.cookies.clear()
            self.csrf = None
        return r

    # shortcuts that must succeed ------------------------------------------

    def ok(self, method, path, status=200, **kw):
        r = self.request(method, path, **kw)
        if r.status != status:
            raise AssertionError(
                "expected HTTP %d from %s %s, got: %s" % (status, method, path, r.summary())
            )
        return r

    def create_facility(self, body):
        return self.ok("POST", "/api/v1/facilities", 201, json_body=body).json

    def create_region(self, code, name, level, parent, kind="admin"):
        body = {"code": code, "name": name, "level": level, "kind": kind, "parent": parent}
        return self.ok("POST", "/api/v1/regions", 201, json_body=body).json

    def create_user(self, username, role, region, password="correct horse battery", **extra):
        body = {"username": username, "password": password, "role": role, "region": region}
        body.update(extra)
        return self.ok("POST", "/api/v1/users", 201, json_body=body).json

    def put_population(self, region, year, metric, value, source="api test"):
        body = {"region": region, "year": year, "metric": metric, "value": value, "source": source}
        return self.ok("PUT", "/api/v1/population", 200, json_body=body)

    def list_facilities(self, **params):
        return self.ok("GET", "/api/v1/facilities", 200, params=params).json

    def import_csv(self, kind, data):
        return self.request("POST", "/api/v1/import/" + kind, body=data,
                            content_type="text/csv")


def synth_server(label, seed=None, scale="0.01", policies=None):
    """A Server over a synthetic 巴中 (`laoxiao synth`, docs/synth.md) in
    place of the fresh database; its admin_password is the one synth
    printed. policies: another policies folder, for synth and the server."""
    box = {}
    extra = ["--policies", policies] if policies else []

    def setup(db):
        reset_db(db)
        args = ["synth", "--preset", "511900000000", "--scale", scale] + extra
        if seed is not None:
            args += ["--seed", str(seed)]
        p = run_cli(args, db, timeout=600)
        if p.returncode != 0:
            raise RuntimeError("laoxiao synth failed: %s" % p.stderr.decode("utf-8", "replace"))
        box["password"] = p.stdout.decode().split("admin password: ")[1].split()[0]

    server = Server(setup=setup, label=label, serve_args=extra)
    server.admin_password = box["password"]
    return server


def login_as(server, username, password):
    c = Client(server)
    r = c.login(username, password)
    if r.status != 200:
        raise AssertionError("login as %r failed: %s" % (username, r.summary()))
    return c


def raw_request(port, head, body=b"", chunks=None, timeout=30):
    """Send a request by hand, stopping early if the server answers before the
    body is all sent (as it should for a body over the limit). head: request
    line and headers without the final blank line. chunks: iterable of bytes
    for chunked transfer encoding instead of body.
    Returns (status or None, raw response bytes, note)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.setblocking(True)
    note = ""

    def answered():
        r, _, _ = select.select([s], [], [], 0)
        return bool(r)

    def pieces():
        if chunks is None:
            for i in range(0, len(body), 64 * KB):
                yield body[i:i + 64 * KB]
        else:
            for c in chunks:
                yield b"%x\r\n%s\r\n" % (len(c), c)
            yield b"0\r\n\r\n"

    try:
        s.sendall(head.encode("latin-1") + b"\r\n\r\n")
        for p in pieces():
            if answered():
                note = "server answered before the whole body was sent"
                break
            s.sendall(p)
    except (BrokenPipeError, ConnectionResetError) as e:
        note = "send stopped: %s" % e
    data = b""
    deadline = time.monotonic() + timeout
    try:
        s.settimeout(5)
        while time.monotonic() < deadline:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
            if b"\r\n\r\n" in data:
                hdr, _, rest = data.partition(b"\r\n\r\n")
                m = re.search(rb"content-length:\s*(\d+)", hdr, re.I)
                if m and len(rest) >= int(m.group(1)):
                    break
    except (ConnectionResetError, socket.timeout) as e:
        note += "; recv: %s" % e
    finally:
        s.close()
    m = re.match(rb"HTTP/1\.[01] (\d{3})", data)
    return (int(m.group(1)) if m else None), data, note


# --------------------------------------------------------------------------
# Test data


def facility_body(region="511902000000", **over):
    """A complete, valid 养老机构 with every FACILITY field set."""
    b = {
        "name": "巴州区测试养老院",
        "kind": "elderly_institution",
        "region": region,
        "credit_code": creditcode.fresh(region[:6]),
        "address": "巴中市巴州区江北大道东段 1 号",
        "lat": 31.8672,
        "lon": 106.7475,
        "ownership": "public",
        "operation": "public_private",
        "profit": "nonprofit",
        "medical_integration": True,
        "internal_clinic": False,
        "filing_status": "filed",
        "filing_date": "2022-03-15",
        "credit_commitment": "本机构承诺所填信息真实有效。",
        "opened_on": "2021-06-01",
        "closed_on": None,
        "closed_reason": "",
        "capacity_date": "2023-01-01",
        "beds": 120,
        "nursing_beds": 70,
        "occupied_beds": 85,
        "slots": 0,
        "affordable_slots": 0,
        "enrolled": 0,
        "classes": [],
        "caregivers": 18,
        "social_workers": 2,
        # by care level; 0 so that tests may set beds freely
        "residents_selfcare": 0,
        "residents_partly": 0,
        "residents_disabled": 0,
        "affordable_beds": 0,
    }
    b.update(over)
    return b


def childcare_body(region="511902000000", **over):
    """A complete, valid 托育机构 with classes under every class maximum."""
    b = facility_body(region)
    b.update({
        "name": "巴州区测试托育园",
        "kind": "childcare_institution",
        "ownership": "private",
        "operation": "private_run",
        "profit": "forprofit",
        "medical_integration": False,
        "beds": 0,
        "nursing_beds": 0,
        "occupied_beds": 0,
        "residents_selfcare": 0,
        "residents_partly": 0,
        "residents_disabled": 0,
        "social_workers": 0,
        "slots": 30,
        "affordable_slots": 20,
        "enrolled": 22,
        "classes": [
            {"type": "infant", "capacity": 8, "enrolled": 6},
            {"type": "toddler_small", "capacity": 10, "enrolled": 8},
            {"type": "toddler_large", "capacity": 12, "enrolled": 8},
        ],
        "caregivers": 9,
    })
    b.update(over)
    return b


FACILITY_FIELDS = (
    "id", "name", "kind", "region", "credit_code", "address", "lat", "lon",
    "ownership", "operation", "profit", "medical_integration", "internal_clinic",
    "filing_status", "filing_date", "credit_commitment", "opened_on", "closed_on",
    "closed_reason", "capacity_date", "beds", "nursing_beds", "occupied_beds",
    "slots", "affordable_slots", "enrolled", "classes", "caregivers",
    "social_workers", "residents_selfcare", "residents_partly", "residents_disabled",
    "affordable_beds",
)
CSV_FACILITY_COLUMNS = FACILITY_FIELDS[1:]
USER_FIELDS = ("id", "username", "display_name", "role", "region", "disabled", "facilities")
REGION_FIELDS = ("code", "name", "level", "kind", "parent", "closed_on")


def make_city(client, code, name, n_counties=2):
    """A test city under 四川省 with n counties; returns (city, [county codes])."""
    client.create_region(code, name, "city", "510000000000")
    counties = []
    for i in range(1, n_counties + 1):
        cc = code[:4] + "%02d" % i + "000000"
        client.create_region(cc, "%s第%d县" % (name, i), "county", code)
        counties.append(cc)
    return code, counties


def csv_cell(v):
    if v is None:
        return ""
    if v is True:
        return "1"
    if v is False:
        return "0"
    if isinstance(v, list):  # classes
        return "|".join("%s:%d:%d" % (c["type"], c["capacity"], c["enrolled"]) for c in v)
    return str(v)


def facilities_csv(bodies, columns=CSV_FACILITY_COLUMNS, newline="\r\n"):
    """CSV text (str) of facility bodies, header first."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator=newline)
    w.writerow(columns)
    for b in bodies:
        w.writerow([csv_cell(b.get(c)) for c in columns])
    return out.getvalue()


def parse_csv(data):
    """bytes from an export → list of rows (BOM stripped)."""
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


# --------------------------------------------------------------------------
# Test case base


_servers = {}


def module_server(module):
    """The shared server of a test module, started on first use. A module may
    define server_setup(db_path): it runs after init, before serve."""
    s = _servers.get(module)
    if s is None:
        setup = getattr(sys.modules.get(module), "server_setup", None)
        s = Server(setup=setup, label=module)
        _servers[module] = s
    return s


def stop_module_server(module):
    s = _servers.pop(module, None)
    if s is not None:
        problem = s.stop()
        if problem:
            raise AssertionError("server of %s: %s" % (module, problem))


def stop_all():
    problems = []
    for m in list(_servers):
        try:
            stop_module_server(m)
        except AssertionError as e:
            problems.append(str(e))
    return problems


class ApiTestCase(unittest.TestCase):
    """Tests of one module share one server (fresh database). Tests that need
    an empty registry build their own regions with next_city_code()."""

    maxDiff = 4000

    @classmethod
    def setUpClass(cls):
        cls.server = module_server(cls.__module__)
        cls.admin = cls.server.admin()

    def setUp(self):
        if self.server.unresponsive:
            self.fail("server stopped answering earlier: " + self.server.unresponsive)
        if not self.server.alive():
            self.fail("server is not running (exit code %s); log:\n%s"
                      % (self.server.proc.returncode, self.server.log_tail()))

    def tearDown(self):
        if not self.server.alive():
            self.fail("server died during this test (exit code %s); log:\n%s"
                      % (self.server.proc.returncode, self.server.log_tail()))
        reports = self.server.new_sanitizer_reports()
        if reports:
            self.fail("sanitizer report from the server during this test:\n" + reports)

    # assertions ------------------------------------------------------------

    def assertStatus(self, resp, status, what=""):
        if isinstance(status, int):
            status = (status,)
        if resp.status not in status:
            self.fail("%sexpected HTTP %s, got %s"
                      % (what + ": " if what else "", " or ".join(map(str, status)),
                         resp.summary()))
        return resp

    def assertError(self, resp, status, field=None, what="", code=None):
        """status (int or tuple); body {"error": {"code", "message", "field"}}
        with the code of that status; field (str, or a tuple of acceptable
        values) when given."""
        self.assertStatus(resp, status, what)
        prefix = (what + ": ") if what else ""
        body = resp.json
        self.assertIsInstance(body, dict, prefix + "error body must be a JSON object: %s"
                              % resp.summary())
        err = body.get("error")
        self.assertIsInstance(err, dict, prefix + 'expected {"error": {...}}, got %s'
                              % resp.summary())
        want_code = code or CODE_OF_STATUS.get(resp.status)
        self.assertEqual(err.get("code"), want_code,
                         prefix + "expected error.code %r for HTTP %d: %s"
                         % (want_code, resp.status, resp.summary()))
        self.assertIsInstance(err.get("message"), str,
                              prefix + "error.message must be a string: %s" % resp.summary())
        self.assertTrue(err.get("message"), prefix + "error.message must not be empty")
        if field is not None:
            ok = err.get("field") in (field if isinstance(field, tuple) else (field,))
            self.assertTrue(ok, prefix + "expected error.field %r, got %r: %s"
                            % (field, err.get("field"), resp.summary()))
        return err

    def assertDenied(self, resp, secret=None, what=""):
        """403 or 404, with no trace of the secret in the body."""
        self.assertError(resp, (403, 404), what=what)
        if secret:
            self.assertNotIn(secret, resp.text,
                             "%s: denied response must not leak %r" % (what, secret))


# three-step approval ----------------------------------------------------------

BATCHES = "/api/v1/subsidies/batches"
STEP_ACCOUNTS = ("step_prepare", "step_check", "step_approve")


def step_clients(server):
    """Three administrator accounts, one per duty (经办, 审核, 审批), made
    once per server: the accounts that take a run through its steps."""
    if getattr(server, "_step_clients", None):
        return server._step_clients
    admin = server.admin()
    clients = []
    for name, duty in zip(STEP_ACCOUNTS, ("prepare", "check", "approve")):
        password = "step-password-" + name
        r = admin.post("/api/v1/users", {"username": name, "password": password,
                                         "role": "admin"})
        if r.status != 201:
            raise AssertionError("creating %s: %s" % (name, r.summary()))
        r = admin.put("/api/v1/users/%d/duties" % r.json["id"], {"duties": [duty]})
        if r.status != 200:
            raise AssertionError("duties of %s: %s" % (name, r.summary()))
        clients.append(login_as(server, name, password))
    server._step_clients = clients
    return clients


def run_in_steps(server, body):
    """Writes a run (body: scheme, period, region) through its three steps,
    each by its own account. Returns the approval's response with .json
    replaced by the run's summary (as POST /subsidies/runs answered before
    the steps), or the first step's response that failed."""
    prep, check, appr = step_clients(server)
    body = {k: v for k, v in body.items() if k != "dry_run"}
    r = prep.post(BATCHES, body)
    if r.status != 201:
        return r
    bid = r.json["id"]
    r = check.post("%s/%d/check" % (BATCHES, bid), {"note": "核对无误"})
    if r.status != 200:
        return r
    r = appr.post("%s/%d/approve" % (BATCHES, bid), {"note": "同意发放"})
    if r.status == 200:
        r._json = r.json["run"]
    return r
