#!/usr/bin/env python3
"""How often the server computes the city's dashboard when 64 clients ask
for it at once (4 times each), at start and again after a write to the
database from another process: the result cache should compute it once
each time, however many worker threads the server has. Prints the count
of computations (answers marked X-Cache: miss) and how long the burst
took.

    python3 bench/cache_after_write.py BUILD/laoxiao CITY.db

CITY.db is a `laoxiao synth --preset 511900000000 --no-visits` database;
the write renames the city and renames it back (two commits), and a token
is set for the admin. Before the server had one watching connection
(app/result_cache.h), each worker thread's first look after a write ended
every kept answer again: at scale 0.1 on 2 cores, 4 computations and
1.5-1.8 s for the burst, then 1 and 0.5-0.8 s.
"""

import os
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request

from benchkit import BAZHONG, free_port, log, run, wait_for_port

binary = os.path.abspath(sys.argv[1])
db = os.path.abspath(sys.argv[2])
token = run([binary, "user", "token", "admin", "--db", db]).strip()
path = "indicators?region=%s&period=2021" % BAZHONG


def burst(port):
    """(computations, seconds) for 64 clients asking 4 times each."""
    marks = []

    def client():
        for _ in range(4):
            req = urllib.request.Request(
                "http://127.0.0.1:%d/api/v1/%s" % (port, path),
                headers={"Authorization": "Bearer " + token})
            with urllib.request.urlopen(req, timeout=600) as r:
                r.read()
                marks.append(r.headers.get("X-Cache"))
    t0 = time.time()
    threads = [threading.Thread(target=client) for _ in range(64)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return marks.count("miss"), time.time() - t0


def write():
    con = sqlite3.connect(db)
    name = con.execute("SELECT name FROM region WHERE code = ?", (BAZHONG,)).fetchone()[0]
    # a change SQLite really writes (setting a value to itself is not one)
    con.execute("UPDATE region SET name = ? WHERE code = ?", (name + "·", BAZHONG))
    con.commit()
    con.execute("UPDATE region SET name = ? WHERE code = ?", (name, BAZHONG))
    con.commit()
    con.close()


port = free_port()
srv = subprocess.Popen([binary, "serve", "--db", db, "--port", str(port)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    wait_for_port(port)
    n1, s1 = burst(port)
    write()
    n2, s2 = burst(port)
    log("dashboard asked 256 times by 64 clients: at start %d computations (%.2f s),"
        " after a write %d (%.2f s)" % (n1, s1, n2, s2))
finally:
    srv.terminate()
    srv.wait()
sys.exit(0 if (n1, n2) == (1, 1) else 1)
