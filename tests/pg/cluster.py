#!/usr/bin/env python3
"""A throwaway PostgreSQL cluster for the tests: Debian's binaries, a
temporary folder, its own port on 127.0.0.1 and a Unix socket in that
folder, settings for speed rather than safety. Everything is stopped and
removed on exit, Ctrl-C included.

As a command:

    tests/pg/cluster.py run -- CMD ARGS...

starts a cluster, runs CMD with LAOXIAO_TEST_PG set to the cluster's base
URL (postgresql://postgres@127.0.0.1:PORT, no database name), removes the
cluster and exits with CMD's exit status. Inside, for programs that are not
Python (tests/web):

    tests/pg/cluster.py new-database        # prints the new database's URL
    tests/pg/cluster.py drop-database URL

As a module:

    with Cluster() as c:
        url = c.new_database()      # postgresql://postgres@127.0.0.1:PORT/lx_...

and, given only a base URL (e.g. LAOXIAO_TEST_PG in a test):

    url = new_database(base)

Python standard library only. When run as root the cluster belongs to the
`postgres` system user (PostgreSQL refuses to run as root): initdb and
pg_ctl run through runuser.
"""

import atexit
import glob
import itertools
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

ENV_VAR = "LAOXIAO_TEST_PG"
SUPERUSER = "postgres"
# each API test server keeps a pool of connections, and several servers run
# at once in some tests
MAX_CONNECTIONS = 400
START_TIMEOUT = 60

SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "max_connections": str(MAX_CONNECTIONS),
    "shared_buffers": "'64MB'",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "wal_level": "minimal",
    "max_wal_senders": "0",
    "max_wal_size": "'1GB'",
    "checkpoint_timeout": "'30min'",
    "jit": "off",
    "logging_collector": "off",
    "log_min_messages": "warning",
    "log_min_error_statement": "panic",
    "timezone": "'UTC'",
}

_counter = itertools.count(1)


def find_bindir():
    """The folder with initdb, pg_ctl, postgres and psql: $LAOXIAO_PG_BINDIR,
    Debian's /usr/lib/postgresql/15/bin, or the newest other version."""
    candidates = []
    if os.environ.get("LAOXIAO_PG_BINDIR"):
        candidates.append(os.environ["LAOXIAO_PG_BINDIR"])
    candidates.append("/usr/lib/postgresql/15/bin")

    def version(path):
        m = re.search(r"/postgresql/(\d+)/bin$", path)
        return int(m.group(1)) if m else 0

    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True)
    for d in candidates:
        if all(os.access(os.path.join(d, b), os.X_OK)
               for b in ("initdb", "pg_ctl", "postgres", "psql")):
            return d
    raise RuntimeError("PostgreSQL server binaries not found (looked in %s); "
                       "install postgresql-15 (scripts/setup-deps)" % ", ".join(candidates))


def _client_env():
    """The environment for psql: no PG* variables that would redirect it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.setdefault("LC_ALL", "C.UTF-8")
    return env


def database_url(base, name):
    """base (a URL without a database name, maybe with ?params) + name."""
    head, sep, query = base.partition("?")
    return head.rstrip("/") + "/" + name + sep + query


def psql(url, sql, bindir=None, check=True, timeout=60):
    """Runs sql with psql on the database at url; returns its stdout (text,
    unaligned, tab-separated, no headers)."""
    exe = os.path.join(bindir or find_bindir(), "psql")
    p = subprocess.run([exe, "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1",
                        "-d", url, "-c", sql],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_client_env(),
                       timeout=timeout)
    if check and p.returncode != 0:
        raise RuntimeError("psql on %s failed (%d): %s\nSQL: %s"
                           % (url, p.returncode, p.stderr.decode("utf-8", "replace").strip(),
                              sql[:500]))
    return p.stdout.decode("utf-8")


def _split(url):
    """(URL of the cluster's postgres database, database name) of url."""
    head, sep, query = url.partition("?")
    base, _, name = head.rpartition("/")
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise ValueError("not a test database URL: %r" % url)
    return database_url(base + sep + query, "postgres"), name


def create_database(url, bindir=None):
    """Creates the (empty, UTF8, C collation) database that url names."""
    admin, name = _split(url)
    psql(admin, "CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8' "
                "LC_COLLATE 'C' LC_CTYPE 'C'" % name, bindir)
    return url


def new_database(base, prefix="lx", bindir=None):
    """Creates a fresh database with a new name on the cluster at base;
    returns its URL."""
    name = "%s_%d_%d_%s" % (prefix, os.getpid(), next(_counter), os.urandom(3).hex())
    return create_database(database_url(base, name), bindir)


def drop_database(url, bindir=None):
    """Drops the database of url (connections to it are ended first)."""
    admin, name = _split(url)
    psql(admin, "DROP DATABASE IF EXISTS %s WITH (FORCE)" % name, bindir)


def _free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Cluster:
    """initdb, start, create databases, stop and remove. A context manager;
    stop() is also registered with atexit, and is safe to call twice."""

    def __init__(self, bindir=None, port=None, keep=False):
        self.bindir = bindir or find_bindir()
        self.port = port
        self.keep = keep or os.environ.get("LAOXIAO_KEEP_TMP") == "1"
        self.dir = None
        self.data = None
        self.log = None
        self.running = False
        self._as_root = os.geteuid() == 0

    # --- running the server's programs as their owner

    def _owner_cmd(self, args):
        if not self._as_root:
            return args
        return ["runuser", "-u", SUPERUSER, "--"] + args

    def _run(self, args, timeout=START_TIMEOUT):
        p = subprocess.run(self._owner_cmd(args), stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, cwd=self.dir, env=_client_env(),
                           timeout=timeout)
        return p.returncode, p.stdout.decode("utf-8", "replace")

    # --- life cycle

    def start(self):
        self.dir = tempfile.mkdtemp(prefix="laoxiao-pg-")
        atexit.register(self.stop)
        if self._as_root:
            pw = pwd.getpwnam(SUPERUSER)
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        self.data = os.path.join(self.dir, "data")
        self.log = os.path.join(self.dir, "server.log")
        rc, out = self._run([os.path.join(self.bindir, "initdb"), "-D", self.data,
                             "-U", SUPERUSER, "-E", "UTF8", "--locale=C", "--auth=trust",
                             "--no-sync"])
        if rc != 0:
            self.stop()
            raise RuntimeError("initdb failed (%d):\n%s" % (rc, out))
        fixed_port = self.port
        last = ""
        for _ in range(5):
            self.port = fixed_port or _free_port()
            self._write_settings()
            rc, out = self._run([os.path.join(self.bindir, "pg_ctl"), "-D", self.data,
                                 "-l", self.log, "-w", "-t", str(START_TIMEOUT), "start"],
                                timeout=START_TIMEOUT + 10)
            if rc == 0:
                self.running = True
                self.url = "postgresql://%s@127.0.0.1:%d" % (SUPERUSER, self.port)
                self.socket_url = "postgresql://%s@/?host=%s&port=%d" % (
                    SUPERUSER, self.dir, self.port)
                return self
            last = out + "\n" + self.log_tail()
            if fixed_port or "already in use" not in last:
                break
        self.stop()
        raise RuntimeError("PostgreSQL did not start:\n%s" % last)

    def _write_settings(self):
        conf = dict(SETTINGS, port=str(self.port),
                    unix_socket_directories="'%s'" % self.dir)
        path = os.path.join(self.data, "postgresql.auto.conf")
        text = "".join("%s = %s\n" % kv for kv in conf.items())
        # initdb made the file as the cluster's owner; keep it theirs
        with open(path, "w") as f:
            f.write(text)

    def log_tail(self, n=4000):
        try:
            with open(self.log, "rb") as f:
                return f.read().decode("utf-8", "replace")[-n:]
        except (OSError, TypeError):
            return ""

    def stop(self):
        """Stops the server and removes the folder (unless keep)."""
        if self.running:
            self.running = False
            rc, out = self._run([os.path.join(self.bindir, "pg_ctl"), "-D", self.data,
                                 "-m", "immediate", "-w", "stop"])
            if rc != 0:
                self._kill_postmaster()
        if self.dir and os.path.isdir(self.dir):
            if self.keep:
                print("kept %s" % self.dir, file=sys.stderr)
            else:
                shutil.rmtree(self.dir, ignore_errors=True)
        self.dir = None

    def _kill_postmaster(self):
        try:
            with open(os.path.join(self.data, "postmaster.pid")) as f:
                pid = int(f.readline())
        except (OSError, ValueError):
            return
        try:
            os.kill(pid, signal.SIGQUIT)
            for _ in range(100):
                os.kill(pid, 0)
                time.sleep(0.1)
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False

    # --- databases

    def new_database(self, prefix="lx"):
        """A fresh UTF8 / C-collation database; returns its URL."""
        return new_database(self.url, prefix, self.bindir)

    def drop_database(self, url):
        drop_database(url, self.bindir)

    def psql(self, url, sql):
        return psql(url, sql, self.bindir)


# --------------------------------------------------------------------------
# The command


def _on_signal(signum, frame):
    raise KeyboardInterrupt


def run(cmd):
    """Starts a cluster, runs cmd with LAOXIAO_TEST_PG; returns its exit code."""
    # also when started in the background, where SIGINT comes ignored
    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGHUP, _on_signal)
    cluster = Cluster()
    child = None
    try:
        cluster.start()
        env = dict(os.environ)
        env[ENV_VAR] = cluster.url
        child = subprocess.Popen(cmd, env=env)
        return child.wait()
    except KeyboardInterrupt:
        if child is not None and child.poll() is None:
            child.send_signal(signal.SIGINT)
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        return 130
    finally:
        cluster.stop()


def main(argv):
    usage = ("usage: %s run -- CMD [ARGS...] | new-database | drop-database URL"
             % os.path.basename(argv[0]))
    if argv[1:2] == ["new-database"] and len(argv) == 2:
        if not os.environ.get(ENV_VAR):
            print("cluster.py: %s is not set" % ENV_VAR, file=sys.stderr)
            return 2
        print(new_database(os.environ[ENV_VAR]))
        return 0
    if argv[1:2] == ["drop-database"] and len(argv) == 3:
        drop_database(argv[2])
        return 0
    if len(argv) < 3 or argv[1] != "run":
        print(usage, file=sys.stderr)
        return 2
    cmd = argv[2:]
    if cmd and cmd[0] == "--":
        cmd = cmd[1:]
    if not cmd:
        print(usage, file=sys.stderr)
        return 2
    try:
        return run(cmd)
    except (RuntimeError, OSError) as e:
        print("cluster.py: %s" % e, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
