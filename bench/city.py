#!/usr/bin/env python3
"""The synthetic-city benchmarks (bench/README.md): load, indicators for
every node, a month's allowance run, coverage, HTTP, and growth with the
city's size. Each figure is printed beside its baseline, measured in the
same run on the same data, and its target; a disagreement between laoxiao
and a baseline fails the benchmark (exit 1).

    python3 bench/city.py BUILD/laoxiao OUT_DIR
"""

import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

from benchkit import (BAZHONG, ROOT, bench_policies, check, failures, free_port, log,
                      machine, run, timed, wait_for_port, wrk)

PERIOD_RUN = "2021-03"      # a month in the city's history year
PERIOD_IND = "2021"
SCALES = [float(s) for s in os.environ.get("BENCH_SCALES", "0.1 0.5 1 2").split()]
# the scale of figures 1-5 (1: the real 巴中); smaller to try the script
SCALE = float(os.environ.get("BENCH_SCALE", "1"))
GROWTH_WRK_SECONDS = int(os.environ.get("GROWTH_WRK_SECONDS", "3"))
WRK_SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "10"))   # the scale-1 HTTP rows
PASSWORD = "bench-password-123"
BAZHONG_COUNTY = "511902000000"  # 巴州区, for the public search

binary = os.path.abspath(sys.argv[1])
out_dir = os.path.abspath(sys.argv[2])
work = tempfile.mkdtemp(prefix="laoxiao-bench-")
figures = {}


def synth(scale):
    db = os.path.join(work, "city-%g.db" % scale)
    # without visits: the figures stay those of the registry they always
    # measured; bench/visits.py builds the city with its visits
    secs, out = timed([binary, "synth", "--preset", BAZHONG, "--scale", str(scale),
                       "--seed", "1", "--no-visits", "--json", "--db", db])
    rep = json.loads(out[out.index("{"):])
    return db, secs, rep


def warm_until_hit(url, token, tries=60):
    """GETs url until the server says it answered from its cache (a
    public page without a cache, after the first answer)."""
    for _ in range(tries):
        req = urllib.request.Request(url, headers={"Authorization": "Bearer " + token})
        with urllib.request.urlopen(req, timeout=600) as r:
            r.read()
            cache = r.headers.get("X-Cache")
        if cache is None or cache.lower() == "hit":
            return
    check(False, "%s: not answered from the cache after %d requests" % (url, tries))


def monthly_run(db):
    """The month's run and its re-run, timed as whole processes. Both read
    only the people old enough for the scheme (the birth-date index,
    migration 36); the first also writes the lines, 64 to an INSERT.
    The re-run decides each person read again in C and writes nothing:
    bench/README.md (benchmark 3) says where its time goes."""
    args = [binary, "subsidy", "run", "--scheme", "bazhong.bench_gaoling",
            "--period", PERIOD_RUN, "--region", BAZHONG, "--json", "--db", db,
            "--policies", bench_policies(work)]
    t1, out1 = timed(args)
    t2, out2 = timed(args)
    a, b = json.loads(out1), json.loads(out2)
    return t1, t2, a, b


def run_baseline_allowance(db):
    """What the month should pay, by one plain SQL query over the raw
    table, banded by age in SQL: alive on the first of the month (paid for
    the month of death), 80-89 → 60 yuan, 90-99 → 120, 100+ → 600,
    counted from the month after the birthday. Someone is N or older at
    the end of the previous month when born before the first day of this
    month N years earlier. Timed as the run's baseline: (seconds, lines,
    fen), the best of three (the query is read from the page cache after
    the first). NOT INDEXED: a plain pass over the table, as before the
    birth-date index (migration 36); through the index the same query
    takes about twice as long, which would flatter the run's ratio."""
    y, m = map(int, PERIOD_RUN.split("-"))

    def before(age):
        return "%04d-%02d-01" % (y - age, m)

    sql = ("SELECT count(*), coalesce(sum(CASE WHEN birth_date < ?2 THEN 60000"
           " WHEN birth_date < ?3 THEN 12000 ELSE 6000 END), 0)"
           " FROM person NOT INDEXED WHERE kind = 'elderly' AND birth_date < ?4"
           " AND (deceased_on IS NULL OR deceased_on >= ?1)")
    args = (PERIOD_RUN + "-01", before(100), before(90), before(80))
    best = None
    for _ in range(3):
        con = sqlite3.connect(db)
        t0 = time.perf_counter()
        lines, total = con.execute(sql, args).fetchone()
        secs = time.perf_counter() - t0
        con.close()
        best = secs if best is None or secs < best else best
    return best, lines, total


def vm_hwm(pid):
    for line in open("/proc/%d/status" % pid):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    return 0


def indicators(db):
    """bench/indicators/run.sh prints `name: value` lines (seconds and
    ratios) after checking laoxiao, sqlite3 and pandas agree."""
    script = os.path.join(ROOT, "bench", "indicators", "run.sh")
    if not os.path.exists(script):
        return None
    p = subprocess.run([script, db, PERIOD_IND], capture_output=True, text=True)
    sys.stdout.write(p.stdout)
    if p.returncode != 0:
        check(False, "indicators: laoxiao, sqlite3 and pandas disagree or failed:\n"
              + p.stdout[-1500:] + p.stderr[-1500:])
        return None
    vals = {}
    for line in p.stdout.splitlines():
        m = re.match(r"^([\w.]+):\s+([\d.]+)", line)
        if m:
            vals[m.group(1)] = float(m.group(2))
    return vals


def coverage(db):
    """The city's 15-minute coverage (`laoxiao plan coverage`, a new
    process) beside the brute force in C over the same points and sites;
    the covered population must agree."""
    pts = os.path.join(work, "cov.txt")
    con = sqlite3.connect(db)
    with open(pts, "w") as f:
        for r in con.execute("SELECT lat, lon, population FROM residential_point"):
            f.write("%.17g,%.17g,%d\n" % r)
        f.write("--\n")
        for r in con.execute("SELECT lat, lon FROM facility WHERE kind IN ('community_complex',"
                             " 'day_care_center', 'regional_center', 'mutual_aid_point', 'meal_point')"
                             " AND lat IS NOT NULL"):
            f.write("%.17g,%.17g\n" % r)
    con.close()
    brute = os.path.join(work, "coverage_brute")
    if not os.path.exists(brute):
        run(["cc", "-O2", "-I" + os.path.join(ROOT, "src"), "-o", brute,
             os.path.join(ROOT, "bench", "coverage_brute.c"),
             os.path.join(os.path.dirname(binary), "src", "core", "liblxcore.a"), "-lm"])
    bt0 = time.perf_counter()
    bc, btot = map(int, run([brute, "1000"], input=open(pts).read()).split())
    bsecs = time.perf_counter() - bt0
    csecs, out = timed([binary, "plan", "coverage", "--region", BAZHONG, "--json",
                        "--as-of", "2021-03-31", "--db", db])
    cov = json.loads(out)
    check((cov["covered_population"], cov["total_population"]) == (bc, btot),
          "coverage %d/%d vs brute force %d/%d" % (cov["covered_population"],
                                                   cov["total_population"], bc, btot))
    return dict(seconds=csecs, brute=bsecs, points=cov["points"], sites=cov["sites"],
                covered=cov["covered_population"], total=cov["total_population"])


HTTP_ROWS = ("dashboard", "registry_list", "people_list", "people_search", "ledger_list",
             "public_search", "public_disclosure")


def http_rows(db, seconds, whole=False):
    """wrk at 64 connections for `seconds` on each of HTTP_ROWS against a
    server on db (after the month's run: the ledger page lists its lines);
    whole: also the bank file of the month and the server's peak memory."""
    run([binary, "user", "passwd", "admin", "--db", db], input=PASSWORD + "\n")
    token = run([binary, "user", "token", "admin", "--db", db]).strip()
    port = free_port()
    srv = subprocess.Popen([binary, "serve", "--db", db, "--port", str(port)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port)
        base = "http://127.0.0.1:%d/api/v1/" % port
        dash = base + "indicators?region=%s&period=%s" % (BAZHONG, PERIOD_IND)
        lst = base + "facilities?region=%s&page=1&per_page=50" % BAZHONG
        # the other registry pages (src/app/list_cache.h): people, a
        # search by name, and the month's ledger of one township, a page of 50
        ppl = base + "persons?region=%s&page=3&per_page=50" % BAZHONG
        sea = base + "persons?region=%s&q=%s" % (BAZHONG, urllib.parse.quote("王"))
        town = sqlite3.connect(db).execute(
            "SELECT code FROM region WHERE level = 'township' AND code LIKE ?"
            " ORDER BY code LIMIT 1", (BAZHONG_COUNTY[:6] + "%",)).fetchone()[0]
        led = base + ("subsidies/ledger?scheme=bazhong.bench_gaoling&period=%s&region=%s"
                      "&page=1&per_page=50" % (PERIOD_RUN, town))
        # the public search for a place (no login needed; the token is
        # ignored): a county's elderly-care beds from the result cache
        pub = base + "public/places?kind=elderly&region=%s" % BAZHONG_COUNTY
        # the public disclosure (信息公示) of the same county, no login:
        # every section from the result cache
        dis = base + "public/disclosure?region=%s" % BAZHONG_COUNTY
        http = {}
        urls = dict(dashboard=dash, registry_list=lst, people_list=ppl, people_search=sea,
                    ledger_list=led, public_search=pub, public_disclosure=dis)
        for name in HTTP_ROWS:
            # a second of wrk first, not counted: one request was not
            # enough to warm the cache (2026-12-05, scale 0.1: the
            # dashboard's first and second requests 0.6 and 0.9 s, the
            # third 8 ms), and a 3-second wrk counted those seconds
            wrk(urls[name], token, 1)
            # then until an answer comes from the cache: at scale 2 the
            # dashboard's computation outlasts that second, and the one
            # it started ended inside the counted window (p99 800 ms on
            # 2026-12-05)
            warm_until_hit(urls[name], token)
            rps, p50, p99, bad = wrk(urls[name], token, seconds)
            check(bad == 0, "%s: %d non-2xx responses" % (name, bad))
            http[name] = dict(rps=rps, p50=p50, p99=p99)
            log("5. HTTP %s: %.0f requests/s, p50 %.2f ms, p99 %.2f ms (64 connections, %d s)"
                % (name, rps, p50, p99, seconds))
        if not whole:
            return http
        # the bank file of the month run in 3.: one row per person paid,
        # grouped by sorting (it compared every pair of lines before); a
        # synthetic city has no payee accounts, so every payee is counted
        # among those left out, and the summary says so
        req = urllib.request.Request(
            base + "subsidies/ledger?scheme=bazhong.bench_gaoling&period=%s&region=%s"
            "&format=summary" % (PERIOD_RUN, BAZHONG),
            headers={"Authorization": "Bearer " + token})
        b0 = time.perf_counter()
        summary = json.loads(urllib.request.urlopen(req, timeout=600).read())
        bank_secs = time.perf_counter() - b0
        rows = summary["rows"] + summary["exceptions_count"]
        check(rows == figures["run"]["lines"],
              "bank file: %d rows for %d lines" % (rows, figures["run"]["lines"]))
        http["bank_file"] = dict(seconds=bank_secs, rows=rows)
        log("5. bank file for %s: %d rows in %.2f s" % (PERIOD_RUN, rows, bank_secs))
        http["peak_mib"] = vm_hwm(srv.pid)
        log("   server peak resident memory: %d MiB" % http["peak_mib"])
        return http
    finally:
        srv.terminate()
        srv.wait()


def main():
    os.makedirs(out_dir, exist_ok=True)
    log("machine: " + machine())
    log("date: " + time.strftime("%Y-%m-%d %H:%M:%S %Z"))
    figures["machine"] = machine()
    figures["date"] = time.strftime("%Y-%m-%d")

    figures["load_start"] = os.getloadavg()[0]
    figures["scale"], figures["wrk_seconds"] = SCALE, WRK_SECONDS
    figures["growth_wrk_seconds"] = GROWTH_WRK_SECONDS
    # 1. load at scale 1, and the published facility figures
    db, secs, rep = synth(SCALE)
    persons = rep["elderly"] + rep["infants"]
    size = sum(os.path.getsize(db + e) for e in ("", "-wal") if os.path.exists(db + e))
    log("1. load 巴中 at scale %g: %.2f s, %d persons, %.0f persons/s, database %.0f MiB"
        % (SCALE, secs, persons, persons / secs, size / 1048576))
    # baseline: the same number of bare rows (id, region, birth date) by
    # the sqlite3 shell's CSV import into an unindexed table
    csvp = os.path.join(work, "persons.csv")
    con = sqlite3.connect(db)
    with open(csvp, "w") as f:
        for r in con.execute("SELECT id, region, birth_date, name FROM person"):
            f.write("%d,%s,%s,%s\n" % r)
    fac = dict((k, (n, b, nb, s)) for k, n, b, nb, s in con.execute(
        "SELECT f.kind, count(*), sum(c.beds), sum(c.nursing_beds), sum(c.slots)"
        " FROM facility f JOIN capacity c ON c.facility_id = f.id AND"
        " c.effective_date = (SELECT max(effective_date) FROM capacity"
        " WHERE facility_id = f.id AND effective_date <= '2023-05-31') GROUP BY f.kind"))
    con.close()
    if SCALE == 1:  # the published figures are those of the real city
        check(fac["elderly_institution"][:3] == (74, 8749, 4961),
              "elderly institutions %r, published 74 / 8749 / 4961" % (fac["elderly_institution"][:3],))
        check((fac["childcare_institution"][0], fac["childcare_institution"][3]) == (19, 4662),
              "childcare %r, published 19 / 4662" % (fac["childcare_institution"],))
    bare = os.path.join(work, "bare.db")
    bsecs, _ = timed(["sqlite3", bare, ".mode csv", ".import %s p" % csvp])
    log("   baseline sqlite3 .import of %d bare rows (4 columns, no index, no crypto): %.2f s (%.0f rows/s); ratio %.1fx"
        % (persons, bsecs, persons / bsecs, secs / bsecs))
    figures["load"] = dict(seconds=secs, persons=persons, rate=persons / secs,
                           mib=size / 1048576, base_seconds=bsecs)

    # 2. indicators for every node (cold and warm) against sqlite3 and pandas
    ind = indicators(db)
    figures["indicators"] = ind
    if ind is None:
        log("2. indicators for every node: not measured (bench/indicators/run.sh missing or failed)")

    # 3. a month's allowance run over every person, then again
    t1, t2, a, b = monthly_run(db)
    tb, lines, fen = run_baseline_allowance(db)
    # the run reads only those old enough for the scheme (docs/api.md
    # "Subsidies"): the city's people, and those it read
    log("3. allowance run %s over %d people (%d read): %.2f s, %d lines (%.0f lines/s, %.0f people/s); re-run %.2f s, %d lines"
        % (PERIOD_RUN, persons, a["evaluated"], t1, a["lines"], a["lines"] / t1, persons / t1, t2, b["lines"]))
    log("   baseline: one sqlite3 query by age band over the person table: %.3f s; run/baseline %.1fx"
        " (target < 0.6 s and within 3x), re-run target < 0.15 s"
        % (tb, t1 / tb if tb else 0))
    check(a["lines"] == lines and a["lines_fen"] == fen,
          "allowance: laoxiao %d lines %d fen, SQL baseline %d lines %d fen"
          % (a["lines"], a["lines_fen"], lines, fen))
    check(b["lines"] == 0, "re-run wrote %d lines" % b["lines"])
    figures["run"] = dict(seconds=t1, rerun=t2, lines=a["lines"], people=persons,
                          read=a["evaluated"], baseline=tb)

    # 4. coverage of the whole city against brute force
    cov = coverage(db)
    log("4. coverage of %d points by %d sites: %.3f s (process, incl. reading); brute force %.3f s; covered %d of %d"
        % (cov["points"], cov["sites"], cov["seconds"], cov["brute"], cov["covered"], cov["total"]))
    figures["coverage"] = cov

    # 5. HTTP under wrk, 64 connections
    figures["http"] = http_rows(db, WRK_SECONDS, whole=True)
    for e in ("", "-wal", "-shm", ".key"):
        if os.path.exists(db + e):
            os.remove(db + e)

    # 6. growth: every figure above at several scales, the HTTP rows
    # with a shorter wrk (GROWTH_WRK_SECONDS); bench/summary.py judges
    # each row's growth against the city's
    growth = []
    for s in SCALES:
        db, secs, rep = synth(s)
        t1, t2, a, _ = monthly_run(db)
        ind = indicators(db) or {}
        cov = coverage(db)
        http = http_rows(db, GROWTH_WRK_SECONDS)
        row = dict(scale=s, persons=rep["elderly"] + rep["infants"], load=secs, run=t1,
                   rerun=t2, ind_cold=ind.get("laoxiao_cold_ms"), ind_warm=ind.get("laoxiao_warm_ms"),
                   coverage=cov["seconds"], coverage_points=cov["points"], http=http)
        growth.append(row)
        log("6. scale %g: %d persons, load %.2f s, run %.2f s, re-run %.2f s, indicators cold %s warm %s,"
            " coverage %.3f s; %s"
            % (s, row["persons"], secs, t1, t2, row["ind_cold"], row["ind_warm"], cov["seconds"],
               ", ".join("%s %.0f req/s p99 %.1f ms" % (k, v["rps"], v["p99"])
                         for k, v in http.items())))
        for e in ("", "-wal", "-shm", ".key"):
            if os.path.exists(db + e):
                os.remove(db + e)
    figures["growth"] = growth
    figures["load_end"] = os.getloadavg()[0]

    json.dump(figures, open(os.path.join(out_dir, "city.json"), "w"), indent=2, ensure_ascii=False)
    run([sys.executable, os.path.join(ROOT, "bench", "summary.py"),
         os.path.join(out_dir, "city.json"), os.path.join(ROOT, "BENCHMARKS.md")])
    if failures:
        log("FAILED: %d disagreement(s)" % len(failures))
        return 1
    return 0


if __name__ == "__main__":
    try:
        rc = main()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(rc)
