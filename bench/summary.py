#!/usr/bin/env python3
"""Writes BENCHMARKS.md from bench/results/city.json (and the foundation
figures): each figure beside its baseline and its target."""

import json
import os
import sys

src, dst = sys.argv[1], sys.argv[2]
f = json.load(open(src))
here = os.path.dirname(os.path.abspath(src))


def ok(cond):
    return "met" if cond else "**missed**"


def n(v, fmt="%.2f"):
    return "—" if v is None else fmt % v


rows = []
ld = f["load"]
rows.append(("1. Load 巴中 at scale 1 (%d persons)" % ld["persons"],
             "%.2f s, %.0f persons/s, %.0f MiB" % (ld["seconds"], ld["rate"], ld["mib"]),
             "sqlite3 `.import` of as many bare 4-column rows: %.2f s (%.1fx)"
             % (ld["base_seconds"], ld["seconds"] / ld["base_seconds"]),
             "≥ 200,000 persons/s: %s; < 10 s: %s" % (ok(ld["rate"] >= 200000), ok(ld["seconds"] < 10))))
ind = f.get("indicators")
if ind:
    cold, warm = ind.get("laoxiao_cold_ms"), ind.get("laoxiao_warm_ms")
    pandas, sql = ind.get("pandas_ms"), ind.get("sqlite3_ms")
    rows.append(("2. All 巴中 indicators for all %d nodes, 2021" % ind.get("nodes", 0),
                 "cold %s ms (new process), warm %s ms (cached, HTTP)" % (n(cold, "%.0f"), n(warm, "%.1f")),
                 "sqlite3 script %s ms; pandas %s ms (%s× laoxiao cold); all three agree"
                 % (n(sql, "%.0f"), n(pandas, "%.0f"),
                    n(pandas / cold if pandas and cold else None, "%.1f")),
                 "cold < 500 ms: %s; warm < 50 ms: %s; ≥ 10× pandas: %s"
                 % (ok(cold is not None and cold < 500), ok(warm is not None and warm < 50),
                    ok(bool(pandas and cold and pandas / cold >= 10)))))
else:
    rows.append(("2. All indicators for every node", "not measured", "—", "—"))
r = f["run"]
rows.append(("3. A month's 高龄津贴 run over %d people (%d read)"
             % (r["people"], r.get("read", r["people"])),
             "%.2f s (%d lines, %.0f lines/s); re-run %.2f s, 0 lines"
             % (r["seconds"], r["lines"], r["lines"] / r["seconds"], r["rerun"]),
             "amounts agree with an SQL count by age band"
             + (", which takes %.3f s (run %.1f×)" % (r["baseline"], r["seconds"] / r["baseline"])
                if r.get("baseline") else ""),
             "< 0.6 s and ≤ 3× the SQL count: %s; re-run < 0.15 s: %s"
             % (ok(r["seconds"] < 0.6 and (not r.get("baseline")
                                           or r["seconds"] <= 3 * r["baseline"])),
                ok(r["rerun"] < 0.15))))
c = f["coverage"]
rows.append(("4. 15-minute coverage, %d points, %d sites" % (c["points"], c["sites"]),
             "%.3f s (whole process)" % c["seconds"],
             "brute force in C: %.3f s; same covered population" % c["brute"],
             "< 1 s: %s" % ok(c["seconds"] < 1)))
h = f.get("http")
if h:
    lists = ("registry_list", "people_list", "people_search", "ledger_list")
    for name in ("dashboard",) + lists + ("public_search", "public_disclosure"):
        if name not in h:
            continue
        x = h[name]
        # the list pages beside the dashboard measured in the same run
        base = ("%.2f× the dashboard's req/s" % (x["rps"] / h["dashboard"]["rps"])
                if name in lists and h.get("dashboard") else "—")
        rows.append(("5. HTTP %s JSON, 64 connections" % name.replace("_", " "),
                     "%.0f req/s, p50 %.2f ms, p99 %.2f ms" % (x["rps"], x["p50"], x["p99"]),
                     base,
                     ("≥ 10,000 req/s: %s; p99 < 20 ms: %s" % (ok(x["rps"] >= 10000), ok(x["p99"] < 20)))
                     if name == "dashboard" or name in lists else "—"))
    if h.get("bank_file"):
        b = h["bank_file"]
        rows.append(("5. Bank file of the month's run (HTTP, CSV)",
                     "%.2f s, %d rows" % (b["seconds"], b["rows"]),
                     "one row per line of the run",
                     "< 10 s: %s" % ok(b["seconds"] < 10)))
    rows.append(("5. Server peak resident memory, city loaded", "%d MiB" % h["peak_mib"], "—",
                 "< 300 MB: %s" % ok(h["peak_mib"] * 1.048576 < 300)))

soak_path = os.path.join(here, "soak.json")
if os.path.exists(soak_path):
    sk = json.load(open(soak_path))
    rows.append(("6. Soak: mixed reads and writes (1 in 10) through wrk, %d s" % sk["seconds"],
                 "%d requests (%.0f/s), %d errors; resident %s → %s MiB"
                 % (sk["requests"], sk["rps"], sk["errors"], sk["rss_start_mib"],
                    sk["rss_end_mib"]),
                 "memory over the second half: +%.1f%%" % (sk["second_half_growth"] * 100),
                 "0 errors: %s; memory flat (≤ +10%%): %s"
                 % (ok(sk["errors"] == 0), ok(sk["second_half_growth"] <= 0.10))))

out = ["# Benchmarks", "",
       "Measured by `make bench` on %s, on %s. Every figure is beside a baseline measured"
       " in the same run on the same data; a disagreement between laoxiao and a baseline"
       " fails the run. Raw figures: `bench/results/`. What each benchmark does:"
       " `bench/README.md`." % (f["date"], f["machine"]), "",
       "| benchmark | laoxiao | baseline | target |", "|---|---|---|---|"]
for row in rows:
    out.append("| %s |" % " | ".join(row))
out += ["", "## Growth with the city", "",
        "| scale | persons | load (s) | month's run (s) | re-run (s) | indicators cold (ms) | warm (ms) |",
        "|---|---|---|---|---|---|---|"]
for g in f["growth"]:
    out.append("| %g | %d | %.2f | %.2f | %.2f | %s | %s |" % (
        g["scale"], g["persons"], g["load"], g["run"], g["rerun"],
        n(g["ind_cold"], "%.0f"), n(g["ind_warm"], "%.1f")))
gs = f["growth"]
if len(gs) >= 2 and gs[0]["persons"]:
    a, b = gs[0], gs[-1]
    k = b["persons"] / a["persons"]
    out += ["", "From scale %g to %g the city grows %.1f×; the load grows %.1f× and the run %.1f×."
            % (a["scale"], b["scale"], k, b["load"] / a["load"], b["run"] / a["run"])]
found = os.path.join(here, "foundation.txt")
if os.path.exists(found):
    out += ["", "## Foundation (registry import and summary)", "", "```", open(found).read().strip(), "```"]
open(dst, "w").write("\n".join(out) + "\n")
