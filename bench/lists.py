#!/usr/bin/env python3
"""The registry's list and search pages under wrk (64 connections), each
beside the dashboard JSON measured in the same run, REPEATS times (default
3), medians printed: the HTTP rows of city.py on a city already built, for
checking one change without the whole benchmark.

    python3 bench/lists.py BUILD/laoxiao CITY.db [SECONDS]

CITY.db is a `laoxiao synth --preset 511900000000 --no-visits` database;
its month's 高龄津贴 run (city.py's) is made first if the ledger is empty.
The database is changed: the admin's password and a token are set.
"""

import os
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
srv = subprocess.Popen([binary, "serve", "--db", db, "--port", str(port)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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
    for i in range(repeats):
        for name, path in pages:
            rps, p50, p99, bad = wrk(base + path, token, seconds)
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
