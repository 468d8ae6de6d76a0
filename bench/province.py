#!/usr/bin/env python3
"""The province benchmark (bench/README.md): a synthetic province of
PROVINCE_CITIES (default 10) 巴中-sized cities at PROVINCE_SCALE (default 1:
750,300 persons each, about 7.5 million in all) built in SQLite by one
`laoxiao synth` with a --preset per city, moved into PostgreSQL 15 with
`laoxiao db copy` (COPY, persons and ledger lines partitioned by city),
then the same work on both databases side by side: every node's indicators
of a city (cold and warm), a month's 高龄津贴 run for a county, for a city
and for the province (each city by its own scheme), and the dashboard JSON
under wrk (two servers on the one PostgreSQL database, one on SQLite).

The nine other cities are 巴中 again under other codes (51600000000x:
no real Sichuan city uses them) and names: this script writes their region
presets and policies, 巴中's with its codes, identifiers and names
replaced, into its own folder.
The two databases must give the same answers; a disagreement fails the
run (exit 1). The PostgreSQL cluster is made for the run in a temporary
folder and removed at the end.

    python3 bench/province.py BUILD/laoxiao OUT_DIR
    python3 bench/province.py --section OUT_DIR/province.json

The second form only rewrites the BENCHMARKS.md section from the figures
of an earlier run.
"""

import json
import os
import pwd
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

from benchkit import (BAZHONG, ROOT, bench_policies, check, failures, free_port, log,
                      machine, run, timed)


# --- the province: 巴中 and its twins


def twin_code(k):
    """The city code of the k-th twin (k >= 1): 5160, 5161, ..."""
    return "51%02d00000000" % (59 + k)


def twin(value, k):
    """value (a policy or region preset of 巴中) as the k-th twin's: every
    region code 5119xxxxxxxx moved to the twin's city, every identifier
    bazhong.* made the twin's own, the city's name the twin's."""
    code = twin_code(k)
    if isinstance(value, dict):
        return {key: twin(v, k) for key, v in value.items()}
    if isinstance(value, list):
        return [twin(v, k) for v in value]
    if isinstance(value, str):
        if re.fullmatch(r"5119\d{8}", value):
            return code[:4] + value[4:]
        return (value.replace("bazhong.", "bazhong%s." % code[2:4])
                .replace("巴中市", "巴中%s市" % TWIN_NAMES[k - 1]))
    return value


def province_files(work):
    """The folders of region presets and of policies for the province:
    the platform's own, 巴中's with the bench's 高龄津贴 (benchkit), and a
    twin of each for the other cities. Returns (presets, policies,
    cities' codes)."""
    policies = bench_policies(work)
    presets = os.path.join(work, "regions")
    if not os.path.isdir(presets):
        shutil.copytree(os.path.join(ROOT, "presets", "regions"), presets)
    bz_policy = json.load(open(os.path.join(policies, "511900000000-bazhong.json")))
    bz_regions = json.load(open(os.path.join(presets, "511900000000-bazhong.json")))
    cities = [BAZHONG]
    for k in range(1, CITIES):
        code = twin_code(k)
        name = "%s-bench-twin-%d.json" % (code, k)
        json.dump(twin(bz_policy, k), open(os.path.join(policies, name), "w"),
                  ensure_ascii=False)
        # the province's row (510000000000) is no code of 巴中's: it stays
        json.dump(twin(bz_regions, k), open(os.path.join(presets, name), "w"),
                  ensure_ascii=False)
        cities.append(code)
    return presets, policies, cities

COUNTY = "511922000000"     # 南江县, the county with the most people
PROVINCE = "510000000000"   # 四川省
PERIOD_IND = "2021"
PERIOD_COUNTY = "2021-02"   # two different months, so each run pays in full
PERIOD_WHOLE = "2021-03"
PERIOD_PROVINCE = "2021-04"
SCALE = float(os.environ.get("PROVINCE_SCALE", "1"))
CITIES = int(os.environ.get("PROVINCE_CITIES", "10"))
TWIN_NAMES = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
PG_BIN = os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin")
WRK_SECONDS = int(os.environ.get("PROVINCE_WRK_SECONDS", "10"))
RUNS = 3

binary = os.path.abspath(sys.argv[1])
out_dir = os.path.abspath(sys.argv[2])
work = None
figures = {}
servers = []
cluster = {}


# --- the PostgreSQL cluster of the run

def as_postgres(args, **kw):
    """args as the postgres account when run as root (initdb refuses
    root), as ourselves otherwise."""
    if os.getuid() == 0:
        args = ["runuser", "-u", "postgres", "--"] + args
    return run(args, **kw)


def pg_start():
    d = tempfile.mkdtemp(prefix="laoxiao-pg-")
    os.chmod(d, 0o755)
    if os.getuid() == 0:
        pw = pwd.getpwnam("postgres")
        os.chown(d, pw.pw_uid, pw.pw_gid)
    cluster["dir"] = d
    port = free_port()
    as_postgres([PG_BIN + "/initdb", "-D", d + "/data", "-E", "UTF8", "--locale=C",
                 "--auth=trust", "-U", "postgres"])
    # a throwaway cluster: no fsync; the settings docs/operations.md
    # suggests for a dedicated server otherwise
    opts = ("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off"
            " -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=2GB"
            " -c work_mem=64MB -c maintenance_work_mem=512MB -c max_wal_size=8GB"
            " -c max_connections=200 -c random_page_cost=1.1" % (port, d))
    as_postgres([PG_BIN + "/pg_ctl", "-D", d + "/data", "-l", d + "/log", "-w",
                 "-o", opts, "start"])
    cluster["port"] = port
    psql = ["psql", "-h", d, "-p", str(port), "-U", "postgres", "-qAt", "-v", "ON_ERROR_STOP=1"]
    run(psql + ["-c", "CREATE ROLE laoxiao LOGIN",
                "-c", "CREATE DATABASE province OWNER laoxiao ENCODING 'UTF8'"
                " LOCALE 'C' TEMPLATE template0"])
    cluster["version"] = run(psql + ["-c", "SHOW server_version"]).strip()
    return "postgresql://laoxiao@127.0.0.1:%d/province" % port


def pg_stop():
    d = cluster.get("dir")
    if not d:
        return
    if os.path.exists(d + "/data/postmaster.pid"):
        subprocess.run((["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else [])
                       + [PG_BIN + "/pg_ctl", "-D", d + "/data", "-m", "fast", "-w", "stop"],
                       capture_output=True)
    shutil.rmtree(d, ignore_errors=True)


# --- the pieces of work, each on one database (db_args selects it)


def indicators_cold(db_args, region):
    """Median of RUNS new `laoxiao indicators --all-nodes` processes, and
    the document."""
    secs = []
    out = None
    for _ in range(RUNS):
        t, out = timed([binary, "indicators", "--all-nodes", "--json", "--region", region,
                        "--period", PERIOD_IND] + db_args)
        secs.append(t)
    return sorted(secs)[len(secs) // 2], json.loads(out)


def start_server(db_args, extra=()):
    port = free_port()
    srv = subprocess.Popen([binary, "serve", "--port", str(port)] + list(extra) + db_args,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    servers.append(srv)
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return srv, port
        except OSError:
            if srv.poll() is not None:
                raise SystemExit("laoxiao serve %s stopped" % " ".join(db_args))
            time.sleep(0.1)
    raise SystemExit("laoxiao serve %s did not start" % " ".join(db_args))


def stop_servers():
    while servers:
        srv = servers.pop()
        srv.terminate()
        srv.wait()


def get(port, path, token):
    req = urllib.request.Request("http://127.0.0.1:%d/api/v1/%s" % (port, path),
                                 headers={"Authorization": "Bearer " + token})
    t0 = time.perf_counter()
    with urllib.request.urlopen(req, timeout=1800) as r:
        body = r.read()
        cache = r.headers.get("X-Cache", "")
    return time.perf_counter() - t0, body, cache


def indicators_warm(port, token, region):
    """The first request of a new server (computed) and the second (from
    its cache), through HTTP."""
    path = "indicators/nodes?region=%s&period=%s" % (region, PERIOD_IND)
    first, body1, _ = get(port, path, token)
    warm = []
    for _ in range(RUNS):
        t, body2, cache = get(port, path, token)
        check(cache.lower() == "hit", "port %d: a repeated request was not served from the cache"
              % port)
        check(body2 == body1, "port %d: the cached document differs from the computed one" % port)
        warm.append(t)
    return first, sorted(warm)[len(warm) // 2], json.loads(body1)


def wrk_start(url, token, threads, conns, seconds=None):
    return subprocess.Popen(["wrk", "-t%d" % threads, "-c%d" % conns,
                             "-d%ds" % (seconds or WRK_SECONDS),
                             "--latency", "-H", "Authorization: Bearer " + token, url],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wrk_result(p):
    out, err = p.communicate()
    if p.returncode != 0:
        raise SystemExit("wrk failed:\n" + out + err)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def pct(q):
        m = re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s)\s*$" % q, out, re.M)
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v

    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: .*", out)
    return dict(rps=rps, p50=pct(50), p99=pct(99), bad=int(non2xx.group(1)) if non2xx else 0,
                socket_errors=errors.group(0) if errors else "")


def subsidy(db_args, region, period, scheme="bazhong.bench_gaoling"):
    secs, out = timed([binary, "subsidy", "run", "--scheme", scheme,
                       "--period", period, "--region", region, "--json"] + db_args)
    return secs, json.loads(out)


def allowance_baseline(db, period, region_lo, region_hi):
    """city.py's SQL count by age band: alive on the first of the month,
    80-89 → 60 yuan, 90-99 → 120, 100+ → 600, from the month after the
    birthday."""
    con = sqlite3.connect(db)
    rows = con.execute(
        "SELECT birth_date FROM person WHERE kind = 'elderly' AND region BETWEEN ? AND ?"
        " AND (deceased_on IS NULL OR deceased_on >= ?)",
        (region_lo, region_hi, period + "-01")).fetchall()
    con.close()
    y, m = map(int, period.split("-"))
    py, pm = (y, m - 1) if m > 1 else (y - 1, 12)
    lines = fen = 0
    for (b,) in rows:
        by, bm, _ = map(int, b.split("-"))
        age = py - by - (1 if pm < bm else 0)
        amount = 60000 if age >= 100 else 12000 if age >= 90 else 6000 if age >= 80 else 0
        if amount:
            lines += 1
            fen += amount
    return lines, fen


def ratio(a, b):
    return a / b if b else None


def main():
    global work
    work = tempfile.mkdtemp(prefix="laoxiao-province-")
    os.makedirs(out_dir, exist_ok=True)
    t_start = time.perf_counter()
    log("machine: " + machine())
    log("date: " + time.strftime("%Y-%m-%d %H:%M:%S %Z"))
    load = os.getloadavg()
    log("load average at the start: %.2f %.2f %.2f" % load)
    figures.update(machine=machine(), date=time.strftime("%Y-%m-%d"), scale=SCALE,
                   load_at_start=load[0])
    url = pg_start()
    log("PostgreSQL %s, a cluster of the run on port %d" % (cluster["version"], cluster["port"]))
    figures["postgresql"] = cluster["version"]

    # 1. the province, built in SQLite
    db = os.path.join(work, "province.db")
    key = db + ".key"
    presets, policies, cities = province_files(work)
    figures["cities"] = cities
    # without visits, like city.py (bench/visits.py measures them)
    args = [binary, "synth", "--scale", "%g" % SCALE, "--seed", "1", "--no-visits", "--json",
            "--db", db,
            "--presets", presets, "--policies", policies]
    for c in cities:
        args += ["--preset", c]
    secs, out = timed(args)
    rep = json.loads(out[out.index("{"):])
    persons = rep["elderly"] + rep["infants"]
    mib = os.path.getsize(db) / 1048576
    log("1. %d cities at scale %g built in SQLite: %d persons in %.1f s (%.0f persons/s), %.0f MiB"
        % (len(cities), SCALE, persons, secs, persons / secs, mib))
    figures["synth"] = dict(seconds=secs, persons=persons, rate=persons / secs, mib=mib)
    con = sqlite3.connect(db)
    figures["nodes"] = con.execute("SELECT count(*) FROM region").fetchone()[0]
    con.close()

    # 2. into PostgreSQL with db copy (its COPY path), verified by checksums
    secs, out = timed([binary, "db", "copy", "--from", db, "--to", url, "--key", key, "--json"])
    cp = json.loads(out[out.index("{"):])
    check(cp["ok"], "db copy did not verify")
    prow = [t for t in cp["tables"] if t["table"] == "person"][0]
    check(prow["rows"] == persons and prow["target_rows"] == persons,
          "db copy moved %d persons of %d" % (prow["target_rows"], persons))
    log("2. db copy into PostgreSQL: %d rows (%d persons) in %.1f s: %.0f persons/s, %.0f rows/s,"
        " counts and checksums equal: %s" % (cp["rows"], persons, secs, persons / secs,
                                            cp["rows"] / secs, cp["ok"]))
    log("   SQLite's synth of the same data: %.1f s (%.0f persons/s); copy / synth %.2f"
        % (figures["synth"]["seconds"], figures["synth"]["rate"],
           secs / figures["synth"]["seconds"]))
    figures["copy"] = dict(seconds=secs, rows=cp["rows"], persons=persons, rate=persons / secs,
                           rows_rate=cp["rows"] / secs, verified=cp["ok"])

    # every command with the province's policies: each city's plan and
    # allowance
    sq = ["--db", db, "--policies", policies]
    pg = ["--db", url, "--key", key, "--policies", policies]

    # 3. every node's indicators, cold and warm, on both: 巴中's nodes,
    # then the province's (every city's own plan over its own nodes)
    tokens = dict(sqlite=run([binary, "user", "token", "admin"] + sq).strip(),
                  postgresql=run([binary, "user", "token", "admin"] + pg).strip())
    for key, region, label in (("indicators", BAZHONG, "巴中"),
                               ("indicators_province", PROVINCE, "the province")):
        ind = {}
        docs = {}
        for name, args in (("sqlite", sq), ("postgresql", pg)):
            cold, docs[name] = indicators_cold(args, region)
            ind[name] = dict(cold_ms=cold * 1000)
        check(docs["sqlite"] == docs["postgresql"],
              "indicators of %s: the SQLite and PostgreSQL documents differ" % label)
        nodes = len(docs["sqlite"]["nodes"])
        # one worker thread, as bench/indicators/run.sh: a connection's
        # first look at the database counts as a change
        # (app/result_cache.h), so with several threads the second
        # request may be another thread's first
        for name, args in (("sqlite", sq), ("postgresql", pg)):
            _, port = start_server(args, ("--threads", "1"))
            first, warm, doc = indicators_warm(port, tokens[name], region)
            check(doc == docs[name], "indicators of %s: %s's server and its command differ"
                  % (label, name))
            ind[name].update(first_ms=first * 1000, warm_ms=warm * 1000)
            stop_servers()
        figures[key] = dict(nodes=nodes, agree=docs["sqlite"] == docs["postgresql"], **ind)
        s_, p_ = ind["sqlite"], ind["postgresql"]
        log("3. indicators of %s, all %d nodes, %s: cold %.0f ms on PostgreSQL, %.0f ms on SQLite"
            " (%.2fx); a new server's first request %.0f / %.0f ms; warm %.1f / %.1f ms (%.2fx);"
            " documents equal: %s"
            % (label, nodes, PERIOD_IND, p_["cold_ms"], s_["cold_ms"],
               p_["cold_ms"] / s_["cold_ms"], p_["first_ms"], s_["first_ms"], p_["warm_ms"],
               s_["warm_ms"], p_["warm_ms"] / s_["warm_ms"], figures[key]["agree"]))

    # 5. (before the runs write) the dashboard JSON under wrk: two servers
    # on the one PostgreSQL database at once, then one on SQLite
    dash = "indicators?region=%s&period=%s" % (BAZHONG, PERIOD_IND)
    _, sport = start_server(sq)
    _, pport1 = start_server(pg)
    _, pport2 = start_server(pg)
    # warm-up: the document computed once in each server's cache (a
    # request that waits for it: cold, it can take longer than wrk's own
    # two-second timeout), then every worker thread's connection has
    # looked once
    for name, port in (("postgresql", pport1), ("postgresql", pport2), ("sqlite", sport)):
        get(port, dash, tokens[name])
    warmup = [wrk_start("http://127.0.0.1:%d/api/v1/%s" % (port, dash), tokens[name], 1, 32, 2)
              for name, port in (("postgresql", pport1), ("postgresql", pport2),
                                 ("sqlite", sport))]
    for w in warmup:
        wrk_result(w)
    pa = wrk_start("http://127.0.0.1:%d/api/v1/%s" % (pport1, dash), tokens["postgresql"], 1, 32)
    pb = wrk_start("http://127.0.0.1:%d/api/v1/%s" % (pport2, dash), tokens["postgresql"], 1, 32)
    ra, rb = wrk_result(pa), wrk_result(pb)
    rs = wrk_result(wrk_start("http://127.0.0.1:%d/api/v1/%s" % (sport, dash),
                              tokens["sqlite"], 2, 64))
    for what, r in (("PostgreSQL server 1", ra), ("PostgreSQL server 2", rb), ("SQLite server", rs)):
        check(r["bad"] == 0, "dashboard on %s: %d non-2xx responses" % (what, r["bad"]))
    http = dict(pg_rps=ra["rps"] + rb["rps"], pg_p99=max(ra["p99"], rb["p99"]),
                pg_p50=max(ra["p50"], rb["p50"]), pg_servers=[ra, rb],
                sqlite_rps=rs["rps"], sqlite_p99=rs["p99"], sqlite_p50=rs["p50"])
    figures["http"] = http
    log("5. dashboard JSON, 64 connections, %d s after a 2 s warm-up: two servers on PostgreSQL %.0f req/s"
        " (%.0f + %.0f), p99 %.2f ms (the worse of the two); one server on SQLite %.0f req/s,"
        " p99 %.2f ms; PostgreSQL / SQLite %.2f"
        % (WRK_SECONDS, http["pg_rps"], ra["rps"], rb["rps"], http["pg_p99"], rs["rps"],
           rs["p99"], http["pg_rps"] / rs["rps"]))
    stop_servers()

    # 4. a month's 高龄津贴 run: a county, a city (another month), then
    # the province (a third month): every city by its own scheme, in turn
    runs = {}
    for what, regions, period in (("county", [COUNTY], PERIOD_COUNTY),
                                  ("city", [BAZHONG], PERIOD_WHOLE),
                                  ("province", cities, PERIOD_PROVINCE)):
        r = {name: dict(seconds=0.0, lines=0, fen=0, evaluated=0)
             for name in ("sqlite", "postgresql")}
        same = True
        for region in regions:
            out = {}
            for name, args in (("sqlite", sq), ("postgresql", pg)):
                scheme = "bazhong%s.bench_gaoling" % region[2:4] if region[:4] != "5119" \
                    else "bazhong.bench_gaoling"
                secs, out[name] = subsidy(args, region, period, scheme)
                for k, v in (("seconds", secs), ("lines", out[name]["lines"]),
                             ("fen", out[name]["lines_fen"]),
                             ("evaluated", out[name]["evaluated"])):
                    r[name][k] += v
            a, b = out["sqlite"], out["postgresql"]
            agree = all(a[k] == b[k] for k in ("evaluated", "eligible", "due_fen", "lines",
                                                "lines_fen", "by_region"))
            check(agree, "%s run %s %s: SQLite %d lines %d fen, PostgreSQL %d lines %d fen"
                  % (what, region, period, a["lines"], a["lines_fen"], b["lines"],
                     b["lines_fen"]))
            hi = region[:6] + "999999" if region[4:6] != "00" else region[:4] + "99999999"
            bl, bf = allowance_baseline(db, period, region, hi)
            check((a["lines"], a["lines_fen"]) == (bl, bf),
                  "%s run %s %s: laoxiao %d lines %d fen, SQL count by age band %d lines %d fen"
                  % (what, region, period, a["lines"], a["lines_fen"], bl, bf))
            same = same and agree and (a["lines"], a["lines_fen"]) == (bl, bf)
        r["agree"] = same
        runs[what] = dict(region=regions[0] if len(regions) == 1 else "510000000000",
                          period=period, runs=len(regions), **r)
        log("4. 高龄津贴 %s run (%d run%s), %s: %d people, %d lines, %d fen; PostgreSQL %.1f s,"
            " SQLite %.1f s (%.2fx); lines and totals agree, and equal the SQL count by age"
            " band: %s" % (what, len(regions), "s" if len(regions) > 1 else "", period,
                          r["sqlite"]["evaluated"], r["sqlite"]["lines"], r["sqlite"]["fen"],
                          r["postgresql"]["seconds"], r["sqlite"]["seconds"],
                          r["postgresql"]["seconds"] / r["sqlite"]["seconds"], same))
    figures["runs"] = runs

    figures["total_seconds"] = time.perf_counter() - t_start
    log("whole benchmark: %.0f s" % figures["total_seconds"])
    json.dump(figures, open(os.path.join(out_dir, "province.json"), "w"), indent=2,
              ensure_ascii=False)
    write_section(os.path.join(ROOT, "BENCHMARKS.md"))
    if failures:
        log("FAILED: %d disagreement(s)" % len(failures))
        return 1
    return 0


def write_section(path):
    """The "Province on PostgreSQL" section of BENCHMARKS.md, replaced in
    place (or added at the end)."""
    f = figures
    sy, cp, ind, h, rn = f["synth"], f["copy"], f["indicators"], f["http"], f["runs"]
    s, p = ind["sqlite"], ind["postgresql"]
    lines = [
        "## Province on PostgreSQL",
        "",
        "Measured by `bench/province.py` on %s, on %s (load average %.1f at the start: the"
        " machine was shared with other work), PostgreSQL %s in a cluster made for the run"
        " (fsync off). What was built: a synthetic province of %d cities, 巴中 and %d twins"
        " of it under other codes and names, each at scale %g: %d persons over %d region"
        " nodes, built in SQLite by one `laoxiao synth` with a --preset per city, then moved"
        " with `laoxiao db copy` (COPY into PostgreSQL, every table's rows and checksum"
        " compared). On PostgreSQL persons and ledger lines are partitioned by city"
        " (docs/operations.md). Every figure below is on that same data, PostgreSQL beside"
        " SQLite in the same run; the answers of the two must agree or the run fails."
        % (f["date"], f["machine"], f["load_at_start"], f["postgresql"], len(f["cities"]),
           len(f["cities"]) - 1, f["scale"], sy["persons"], f["nodes"]),
        "",
        "| benchmark | PostgreSQL | SQLite | PostgreSQL / SQLite |",
        "|---|---|---|---|",
        "| Load %d persons (%d rows) | db copy from SQLite: %.1f s, %.0f persons/s (%.0f rows/s),"
        " checksums equal | synth: %.1f s, %.0f persons/s, %.0f MiB | %.2f× the time |"
        % (sy["persons"], cp["rows"], cp["seconds"], cp["rate"], cp["rows_rate"], sy["seconds"],
           sy["rate"], sy["mib"], cp["seconds"] / sy["seconds"]),
        "| Indicators of 巴中, all its %d nodes, %s, cold (new process) | %.0f ms | %.0f ms"
        " | %.2f× |"
        % (ind["nodes"], PERIOD_IND, p["cold_ms"], s["cold_ms"], p["cold_ms"] / s["cold_ms"]),
        "| the same, a new server's first request (HTTP) | %.0f ms | %.0f ms | %.2f× |"
        % (p["first_ms"], s["first_ms"], p["first_ms"] / s["first_ms"]),
        "| the same, warm (cached, HTTP) | %.1f ms | %.1f ms | %.2f× |"
        % (p["warm_ms"], s["warm_ms"], p["warm_ms"] / s["warm_ms"]),
    ]
    ip = f.get("indicators_province")
    if ip:
        s2, p2 = ip["sqlite"], ip["postgresql"]
        lines += [
            "| Indicators of the province, all its %d nodes (each city's plan), cold | %.0f ms"
            " | %.0f ms | %.2f× |" % (ip["nodes"], p2["cold_ms"], s2["cold_ms"],
                                      p2["cold_ms"] / s2["cold_ms"]),
            "| the same, a new server's first request (HTTP) | %.0f ms | %.0f ms | %.2f× |"
            % (p2["first_ms"], s2["first_ms"], p2["first_ms"] / s2["first_ms"]),
            "| the same, warm (cached, HTTP) | %.1f ms | %.1f ms | %.2f× |"
            % (p2["warm_ms"], s2["warm_ms"], p2["warm_ms"] / s2["warm_ms"]),
        ]
    for what, label in (("county", "a county (南江县)"), ("city", "a city (巴中)"),
                        ("province", "the province (each city's run in turn)")):
        r = rn[what]
        lines.append("| 高龄津贴 month's run, %s, %s: %d people, %d lines | %.1f s | %.1f s | %.2f× |"
                     % (label, r["period"], r["sqlite"]["evaluated"], r["sqlite"]["lines"],
                        r["postgresql"]["seconds"], r["sqlite"]["seconds"],
                        r["postgresql"]["seconds"] / r["sqlite"]["seconds"]))
    lines.append("| Dashboard JSON under wrk, 64 connections, %d s (after 2 s of warm-up) | two servers on one database"
                 " (32 connections each, at once): %.0f req/s, p99 %.2f ms | one server: %.0f req/s,"
                 " p99 %.2f ms | %.2f× the requests/s |"
                 % (WRK_SECONDS, h["pg_rps"], h["pg_p99"], h["sqlite_rps"], h["sqlite_p99"],
                    h["pg_rps"] / h["sqlite_rps"]))
    lines += [
        "",
        "Agreement: the indicator documents of the two databases are equal (and each server's"
        " equals its command's); each run's evaluated people, lines, totals and per-county sums"
        " are equal, and equal to an SQL count by age band. Whole benchmark: %.0f s (target"
        " < 30 min: %s)." % (f["total_seconds"], "met" if f["total_seconds"] < 1800 else "**missed**"),
    ]
    lines += [
        "",
        "Reading the figures: the load's time is the whole command (the empty schema built, every"
        " row streamed with COPY, every row read back from both databases for the checksums,"
        " then ANALYZE). A cached answer on PostgreSQL first asks the database whether anything"
        " was written (a round trip, `lx_change`, one for all the requests that came while the"
        " one before was under way) where SQLite reads a counter in its file, and each request"
        " also checks its token and sets its scope on the server; here the two servers,"
        " PostgreSQL and both wrk share the same two cores, so the requests/s are not those of"
        " two machines. A county's or a city's figures read only that region's people (on"
        " PostgreSQL, its city's partition) and the other tables over the range of their ids"
        " (store/subtree_people.c); a month's run writes its ledger 64 lines to an INSERT.",
    ]
    text = open(path).read() if os.path.exists(path) else "# Benchmarks\n"
    section = "\n".join(lines) + "\n"
    m = re.search(r"^## Province on PostgreSQL\n.*?(?=^## |\Z)", text, re.M | re.S)
    if m:
        text = text[:m.start()] + section + ("\n" if m.end() < len(text) else "") + text[m.end():]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    open(path, "w").write(text)


if __name__ == "__main__":
    if sys.argv[1] == "--section":
        figures.update(json.load(open(sys.argv[2])))
        write_section(os.path.join(ROOT, "BENCHMARKS.md"))
        sys.exit(0)
    rc = 1
    try:
        rc = main()
    finally:
        stop_servers()
        pg_stop()
        if work:
            shutil.rmtree(work, ignore_errors=True)
    sys.exit(rc)
