#!/usr/bin/env python3
"""The registry's list and search pages under wrk (64 connections), each
beside the dashboard JSON measured in the same run, REPEATS times (default
3), medians printed: the HTTP rows of city.py on a city already built, for
checking one change without the whole benchmark.

    python3 bench/lists.py BUILD/laoxiao CITY.db [SECONDS]

CITY.db is a `laoxiao synth --preset 511900000000 --no-visits` database;
its month's 高龄津贴 run (city.py's) is made first if the ledger is empty.
The database is changed: the admin's password and a token are set.

SERVER_TIMES=1 also has the server log each request (log_requests) and
prints, beside wrk's figures, the p50/p99 of the time the server itself
took (from routing to the queued answer). The log line costs a write per
request, so the req/s of such a run are not the figures to report. What it
showed (December 2026, a 2-core machine shared with other work): a cached
list page takes the server under 0.1 ms at p50 and 0.1-0.2 ms at p99,
the dashboard the same, while wrk saw p99 of 25-300 ms for either: the tail is
time spent waiting for a CPU (wrk's own two threads, the server's workers
and everything else on the machine), not in the server's handling. A
cold page (the first request after start or after a write) is computed
on one worker thread while the other askers of the same page wait for
it; the connections that worker holds wait too.
"""

import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import urllib.parse

from benchkit import BAZHONG, bench_policies, log, free_port, run, wait_for_port, wrk

binary = os.path.abspath(sys.argv[1])
db = os.path.abspath(sys.argv[2])
seconds = int(sys.argv[3]) if len(sys.argv) > 3 else 10
repeats = int(os.environ.get("REPEATS", "3"))
work = tempfile.mkdtemp(prefix="laoxiao-lists-")
PERIOD = "2021-03"
COUNTY = "511902000000"


con = sqlite3.connect(db)
if not con.execute("SELECT count(*) FROM ledger").fetchone()[0]:
    run([binary, "subsidy", "run", "--scheme", "bazhong.bench_gaoling", "--period", PERIOD,
         "--region", BAZHONG, "--json", "--db", db, "--policies", bench_policies(work)])
town = con.execute("SELECT code FROM region WHERE level = 'township' AND code LIKE ?"
                   " ORDER BY code LIMIT 1", (COUNTY[:6] + "%",)).fetchone()[0]
con.close()
run([binary, "user", "passwd", "admin", "--db", db], input="bench-password-123\n")
token = run([binary, "user", "token", "admin", "--db", db]).strip()
port = free_port()
server_times = os.environ.get("SERVER_TIMES") == "1"
env = dict(os.environ)
reqlog = os.path.join(work, "requests.log")
if server_times:
    with open(os.path.join(work, "config"), "w") as f:
        f.write("log_requests = yes\n")
    env["LAOXIAO_CONFIG"] = os.path.join(work, "config")
srv = subprocess.Popen([binary, "serve", "--db", db, "--port", str(port)], env=env,
                       stdout=subprocess.DEVNULL,
                       stderr=open(reqlog, "w") if server_times else subprocess.DEVNULL)


def served_times(start):
    """p50 and p99 in ms of the server's own times logged after byte start
    of the request log, and the log's new end."""
    with open(reqlog) as f:
        f.seek(start)
        text = f.read()
        end = f.tell()
    ms = sorted(float(m) for m in re.findall(r" (\d+\.\d)ms ", text))
    if not ms:
        return 0.0, 0.0, end
    return ms[len(ms) // 2], ms[min(len(ms) - 1, int(len(ms) * 0.99))], end
base = "http://127.0.0.1:%d/api/v1/" % port
pages = (
    ("dashboard", "indicators?region=%s&period=2021" % BAZHONG),
    ("registry_list", "facilities?region=%s&page=1&per_page=50" % BAZHONG),
    ("people_list", "persons?region=%s&page=3&per_page=50" % BAZHONG),
    ("people_search", "persons?region=%s&q=%s" % (BAZHONG, urllib.parse.quote("王"))),
    ("ledger_list", "subsidies/ledger?scheme=bazhong.bench_gaoling&period=%s&region=%s"
     "&page=1&per_page=50" % (PERIOD, town)),
)
try:
    wait_for_port(port)
    got = {name: [] for name, _ in pages}
    failed = False
    logged = 0
    for i in range(repeats):
        for name, path in pages:
            if server_times:
                _, _, logged = served_times(logged)
            rps, p50, p99, bad = wrk(base + path, token, seconds)
            if server_times:
                s50, s99, logged = served_times(logged)
                log("run %d %s: the server's own time p50 %.1f ms, p99 %.1f ms"
                    % (i + 1, name, s50, s99))
            if bad:
                # an older server may refuse a parameter (the ledger's
                # page): no figure for that row, the others go on
                log("run %d %s: %d non-2xx answers, not counted" % (i + 1, name, bad))
                failed = True
                continue
            got[name].append((rps, p50, p99))
            log("run %d %s: %.0f req/s, p50 %.2f ms, p99 %.2f ms" % (i + 1, name, rps, p50, p99))
    dash = statistics.median(r[0] for r in got["dashboard"]) if got["dashboard"] else 0
    for name, _ in pages:
        if not got[name]:
            continue
        rps = statistics.median(r[0] for r in got[name])
        # no ratio when the dashboard answered nothing in time (a cold
        # city's first computation can outlast wrk's 2 s timeout)
        log("median %-14s %8.0f req/s (%s dashboard), p50 %.2f ms, p99 %.2f ms"
            % (name, rps, "%.2f×" % (rps / dash) if dash else "no",
               statistics.median(r[1] for r in got[name]),
               statistics.median(r[2] for r in got[name])))
finally:
    srv.terminate()
    srv.wait()
sys.exit(1 if failed else 0)
