#!/usr/bin/env python3
"""The visit benchmarks (bench/README.md "Visits"): on a synthetic 巴中 with
its visitors and a year of visits (docs/synth.md "Visits"),

1. the monthly visit rate (bazhong.elderly.09) for every node: laoxiao
   cold (a new `laoxiao indicators --all-nodes` process), a new server's
   first request and the repeated one (cached), beside a plain SQL script
   (bench/visits/rate_nodes.sql) in the sqlite3 shell; the figures of every
   node must agree (bench/indicators/compare.py);
2. GET /api/v1/visits/rate for the city (its counties and the ISO weeks):
   a new server's first request and the repeated one; the city's figures
   must equal the script's;
3. the month's worklist of the whole city (GET /api/v1/visits/worklist)
   cold and warm, beside a plain SQL count of the targets not visited in
   their tier's current period; the counts must agree.

A disagreement fails the run (exit 1). Figures go to
bench/results/visits.json and the "Visits" section of BENCHMARKS.md
(replaced in place).

    python3 bench/visits.py BUILD/laoxiao OUT_DIR
    python3 bench/visits.py --section OUT_DIR/visits.json
"""

import json
import os
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from benchkit import BAZHONG, ROOT, check, failures, free_port, log, machine, run, timed

SCALE = os.environ.get("VISITS_SCALE", "1")
MONTH = os.environ.get("VISITS_MONTH", "2021-06")   # in the synthetic year of visits
ON = MONTH + "-15"                                    # the worklist's day
AS_OF = "%s-%02d" % (MONTH, __import__("calendar").monthrange(int(MONTH[:4]), int(MONTH[5:]))[1])
ROW = "bazhong.elderly.09"
PASSWORD = "bench-password-123"
RUNS = 3

figures = {}
work = None


def policies_with_the_rate_only(dest):
    """A copy of the policies in which 巴中's plan keeps only its 月探访率
    row, so that the every-node figure is the visit rate's own."""
    shutil.copytree(os.path.join(ROOT, "policies"), dest)
    path = os.path.join(dest, "511900000000-bazhong.json")
    doc = json.load(open(path, encoding="utf-8"))
    doc["indicators"] = [i for i in doc["indicators"] if i["id"] == ROW]
    json.dump(doc, open(path, "w", encoding="utf-8"), ensure_ascii=False)
    return dest


def get(base, path, token, timeout=600):
    req = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            body = r.read()
            status = r.status
            get.cache = r.headers.get("X-Cache")
    except urllib.error.HTTPError as e:
        body, status = e.read(), e.code
    return (time.perf_counter() - t0) * 1000, status, body


def start_server(binary, db, policies):
    port = free_port()
    # one worker: one connection, so a repeat meets the cache it filled
    srv = subprocess.Popen([binary, "serve", "--db", db, "--port", str(port),
                            "--threads", "1", "--policies", policies],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    return srv, "http://127.0.0.1:%d" % port


def sql_rate(db):
    params = ("CREATE TEMP TABLE bench_params AS SELECT '%s' AS root, '%s' AS period,"
              " '%s' AS as_of, %d AS year" % (BAZHONG, MONTH, AS_OF, int(MONTH[:4])))
    out = os.path.join(work, "sqlite3.csv")
    times = []
    for _ in range(RUNS):
        with open(os.path.join(ROOT, "bench", "visits", "rate_nodes.sql"), "rb") as script:
            t0 = time.perf_counter()
            p = subprocess.run(["sqlite3", "-bail", "-csv", "-header", db, "-cmd", params],
                               stdin=script, capture_output=True)
            times.append((time.perf_counter() - t0) * 1000)
        if p.returncode:
            raise SystemExit("rate_nodes.sql failed: %s" % p.stderr.decode())
    open(out, "wb").write(p.stdout)
    return statistics.median(times), out


def worklist_baseline(db):
    """Targets of the city not visited in their tier's current period on
    ON, by plain SQL over the rate script's list of targets (all tiers):
    weekly tiers the ISO week, monthly the month, quarterly the quarter.
    The synthetic city reports no major events, so none is pending."""
    con = sqlite3.connect(db)
    t0 = time.perf_counter()
    con.execute("CREATE TEMP TABLE bench_params AS SELECT ? AS root, ? AS period,"
                " ? AS as_of, ? AS year", (BAZHONG, MONTH, ON, int(MONTH[:4])))
    script = open(os.path.join(ROOT, "bench", "visits", "rate_nodes.sql"), encoding="utf-8").read()
    # the script's list of targets and tiers, without its per-node output
    body = script[script.index("CREATE TEMP TABLE node"):script.index("CREATE TEMP TABLE visit_node")]
    con.executescript(body)
    y, m, d = map(int, ON.split("-"))
    import datetime
    day = datetime.date(y, m, d)
    monday = day - datetime.timedelta(days=day.weekday())
    q0 = datetime.date(y, (m - 1) // 3 * 3 + 1, 1)
    starts = {"high": monday.isoformat(), "key": ON[:8] + "01", "regular": q0.isoformat()}
    n = con.execute(
        "SELECT count(*) FROM visit_person t WHERE NOT EXISTS (SELECT 1 FROM visit w"
        " WHERE w.person_id = t.id AND w.visited_on <= ? AND w.visited_on >= CASE t.tier"
        " WHEN 'high' THEN ? WHEN 'key' THEN ? ELSE ? END)",
        (ON, starts["high"], starts["key"], starts["regular"])).fetchone()[0]
    ms = (time.perf_counter() - t0) * 1000
    con.close()
    return ms, n


def main(binary, out_dir):
    global work
    work = tempfile.mkdtemp(prefix="laoxiao-visits-")
    os.makedirs(out_dir, exist_ok=True)
    figures["machine"] = machine()
    figures["date"] = time.strftime("%Y-%m-%d")
    figures["scale"] = float(SCALE)
    figures["month"] = MONTH
    figures["load_start"] = os.getloadavg()[0]
    log("visits: machine " + machine())

    db = os.path.join(work, "city.db")
    secs, out = timed([binary, "synth", "--preset", BAZHONG, "--scale", SCALE,
                       "--seed", "1", "--json", "--db", db])
    rep = json.loads(out[out.index("{"):])
    v = rep.get("visits", {})
    figures["synth"] = dict(seconds=secs, elderly=rep["elderly"], **v)
    log("V0. synth 巴中 at scale %s: %.2f s, %d elderly, %s visitors, %s township officers,"
        " %s villages without a visitor, %s targets, %s visits"
        % (SCALE, secs, rep["elderly"], v.get("visitors"), v.get("township_officers"),
           v.get("villages_without_visitor"), v.get("visit_targets"), v.get("visits")))
    pol = policies_with_the_rate_only(os.path.join(work, "policies"))

    # 1. the rate for every node
    cold = []
    doc_path = os.path.join(work, "laoxiao.json")
    for _ in range(RUNS):
        t, text = timed([binary, "indicators", "--all-nodes", "--json", "--region", BAZHONG,
                         "--period", MONTH, "--db", db, "--policies", pol])
        cold.append(t * 1000)
    open(doc_path, "w").write(text)
    sql_ms, sql_csv = sql_rate(db)
    p = subprocess.run([sys.executable, os.path.join(ROOT, "bench", "indicators", "compare.py"),
                        doc_path, sql_csv], capture_output=True, text=True)
    check(p.returncode == 0, "visit rate for every node: laoxiao and SQL disagree:\n"
          + p.stdout[-1500:])
    nodes = len(json.load(open(doc_path))["nodes"])
    run([binary, "user", "passwd", "admin", "--db", db], input=PASSWORD + "\n")
    token = run([binary, "user", "token", "admin", "--db", db]).strip()
    srv, base = start_server(binary, db, pol)
    try:
        q = "/api/v1/indicators/nodes?region=%s&period=%s" % (BAZHONG, MONTH)
        first, s1, _ = get(base, q, token)
        warm = []
        for _ in range(5):
            warm.append(get(base, q, token)[0])
            check(get.cache == "hit", "indicators/nodes: a repeat not served from the cache")
        check(s1 == 200, "indicators/nodes: HTTP %d" % s1)
        figures["rate_nodes"] = dict(nodes=nodes, cold_ms=statistics.median(cold),
                                     server_first_ms=first, warm_ms=statistics.median(warm),
                                     sqlite3_ms=sql_ms)
        log("V1. 月探访率 for all %d nodes, %s: cold %.0f ms (new process), first request"
            " %.0f ms, warm %.1f ms (cached); sqlite3 script %.0f ms; agree: %s"
            % (nodes, MONTH, statistics.median(cold), first, statistics.median(warm), sql_ms,
               "yes" if p.returncode == 0 else "NO"))

        # 2. the rate endpoint: city, counties, weeks
        q = "/api/v1/visits/rate?region=%s&month=%s" % (BAZHONG, MONTH)
        r_first, s2, body = get(base, q, token)
        r_warm = [get(base, q, token)[0] for _ in range(5)]
        check(s2 == 200, "visits/rate: HTTP %d" % s2)
        rate = json.loads(body) if s2 == 200 else {}
        city = next((line.split(",") for line in open(sql_csv, encoding="utf-8")
                     if line.startswith(BAZHONG + ",")), None)
        check(city is not None and (str(rate.get("visited")), str(rate.get("targets")))
              == (city[3], city[4].strip()),
              "visits/rate city %s/%s, SQL %s" % (rate.get("visited"), rate.get("targets"),
                                                city and city[3:]))
        figures["rate_endpoint"] = dict(first_ms=r_first, warm_ms=statistics.median(r_warm),
                                        targets=rate.get("targets"), visited=rate.get("visited"),
                                        rate=rate.get("rate"), weeks=len(rate.get("weeks", [])))
        log("V2. GET /visits/rate (city, %d counties, %d weeks): first %.0f ms, again %.0f ms;"
            " %s of %s visited, %s%%" % (len(rate.get("children", [])), len(rate.get("weeks", [])),
                                          r_first, statistics.median(r_warm), rate.get("visited"),
                                          rate.get("targets"), rate.get("rate")))

        # 3. the month's worklist of the city
        q = "/api/v1/visits/worklist?region=%s&on=%s" % (BAZHONG, ON)
        w_first, s3, body = get(base, q, token)
        if s3 == 404 and b'"field":"region"' not in body.replace(b" ", b""):
            figures["worklist"] = None
            log("V3. worklist: GET /api/v1/visits/worklist is not there; not measured")
        else:
            w_warm = [get(base, q, token)[0] for _ in range(3)]
            check(s3 == 200, "visits/worklist: HTTP %d %s" % (s3, body[:200]))
            doc = json.loads(body) if s3 == 200 else {}
            items = doc.get("total", len(doc.get("items", [])))
            base_ms, n = worklist_baseline(db)
            check(items == n, "worklist: laoxiao %s due or overdue, SQL %d" % (items, n))
            figures["worklist"] = dict(first_ms=w_first, warm_ms=statistics.median(w_warm),
                                       items=items, sqlite_ms=base_ms, sql_items=n)
            log("V3. month's worklist of 巴中 on %s: %s targets due or overdue; first %.0f ms,"
                " again %.0f ms; plain SQL %.0f ms (%d)" % (ON, items, w_first,
                                                          statistics.median(w_warm), base_ms, n))
    finally:
        srv.terminate()
        srv.wait()
    figures["load_end"] = os.getloadavg()[0]
    json.dump(figures, open(os.path.join(out_dir, "visits.json"), "w"), indent=2,
              ensure_ascii=False)
    write_section(os.path.join(ROOT, "BENCHMARKS.md"))
    if failures:
        log("FAILED: %d disagreement(s)" % len(failures))
        return 1
    return 0


def write_section(path):
    f = figures
    s, rn, re_ = f.get("synth", {}), f.get("rate_nodes", {}), f.get("rate_endpoint", {})
    wl = f.get("worklist")
    lines = [
        "## Visits",
        "",
        "Measured by `bench/visits.py` on %s, on %s: a synthetic 巴中 at scale %g"
        " (%s elderly; %s visitors, %s township officers, %s villages without a visitor;"
        " %s visit targets and %s visits over a year, docs/synth.md \"Visits\"), built in %.1f s."
        " Month %s. Load average %.1f at the start and %.1f at the end (on 2 cores: the"
        " machine was shared with other work, so the times are long). Every figure beside a"
        " plain SQL baseline on the same database in the same run; a disagreement fails the"
        " run."
        % (f.get("date"), f.get("machine"), f.get("scale", 1), s.get("elderly"),
           s.get("visitors"), s.get("township_officers"), s.get("villages_without_visitor"),
           s.get("visit_targets"), s.get("visits"), s.get("seconds", 0), f.get("month"),
           f.get("load_start", 0), f.get("load_end", 0)),
        "",
        "| benchmark | laoxiao | baseline |",
        "|---|---|---|",
        "| 月探访率 (bazhong.elderly.09) for all %s nodes | cold %.0f ms (new process); a new"
        " server's first request %.0f ms; warm %.1f ms (cached, HTTP) | sqlite3 script"
        " (bench/visits/rate_nodes.sql) %.0f ms; every node agrees |"
        % (rn.get("nodes"), rn.get("cold_ms", 0), rn.get("server_first_ms", 0),
           rn.get("warm_ms", 0), rn.get("sqlite3_ms", 0)),
        "| GET /api/v1/visits/rate: the city, its counties, %s ISO weeks | first request %.0f"
        " ms, again %.0f ms; %s of %s visited (%s%%) | the city's figures equal the script's |"
        % (re_.get("weeks"), re_.get("first_ms", 0), re_.get("warm_ms", 0), re_.get("visited"),
           re_.get("targets"), re_.get("rate")),
    ]
    if wl:
        lines.append("| The month's worklist of the whole city on %s | first request %.0f ms,"
                     " again %.0f ms; %s due or overdue | plain SQL %.0f ms, the same count |"
                     % (ON, wl["first_ms"], wl["warm_ms"], wl["items"], wl["sqlite_ms"]))
    else:
        lines.append("| The month's worklist of the whole city | not measured: GET"
                     " /api/v1/visits/worklist was not in this build | — |")
    lines += ["", "The rate is one grouped query over the people of the subtree (who is a"
              " target, their tier's inputs, visited or not), each group judged by its"
              " region's policy, then summed by code range up the tree: a node's rate is"
              " its people's, never an average of its children's."]
    text = open(path).read() if os.path.exists(path) else "# Benchmarks\n"
    section = "\n".join(lines) + "\n"
    m = re.search(r"^## Visits\n.*?(?=^## |\Z)", text, re.M | re.S)
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
        rc = main(os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]))
    finally:
        if work:
            shutil.rmtree(work, ignore_errors=True)
    sys.exit(rc)
