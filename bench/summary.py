#!/usr/bin/env python3
"""Writes BENCHMARKS.md from the figures in bench/results/ (city.json and
whatever else this run left there: soak, inspect, visits, static files,
foundation, and run.txt, bench/run's own timing): one table per section,
each figure beside its baseline, their ratio, its target (issue 23) and
met or missed; under each table a "profile:" line for every missed
target, its text from bench/profile_notes.md (a hand-written file, one
`## KEY` heading a figure), so the notes live beside the numbers. The
sections that visits.py, province.py and static_files.py write in place
("## Visits", "## Static files on a township link", "## Province on
PostgreSQL") are kept as they are, after these.

    python3 bench/summary.py bench/results/city.json BENCHMARKS.md
"""

import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KEPT = ("## Visits", "## Static files on a township link", "## Province on PostgreSQL")
# growth is judged "linear or better" when a figure grows at most this
# much more than the city: the machine is shared and the smallest scale's
# times are a few milliseconds, so a fifth is left for noise (said in the
# page)
GROWTH_SLACK = 1.2
LISTS = ("registry_list", "people_list", "people_search", "ledger_list")


def load(path):
    return json.load(open(path)) if os.path.exists(path) else None


def notes(path):
    """bench/profile_notes.md: `## KEY` then its text, to the next heading."""
    out = {}
    if not os.path.exists(path):
        return out
    for m in re.finditer(r"^## (\S+)\s*\n(.*?)(?=^## |\Z)", open(path, encoding="utf-8").read(),
                         re.M | re.S):
        out[m.group(1)] = " ".join(m.group(2).split())
    return out


def n(v, fmt="%.2f"):
    return "—" if v is None else fmt % v


class Table:
    """Rows of figure | laoxiao | baseline | ratio | target | met, and the
    keys of the missed ones for their profile notes."""

    def __init__(self, heading, intro):
        self.heading, self.intro, self.rows, self.missed = heading, intro, [], []

    def row(self, figure, value, baseline="—", ratio="—", target="—", met=None, key=None):
        verdict = "—" if met is None else "met" if met else "**missed**"
        self.rows.append("| %s | %s | %s | %s | %s | %s |"
                         % (figure, value, baseline, ratio, target, verdict))
        # a missed target always gets its profile line; a met one when
        # bench/profile_notes.md has a note for it
        self.missed.append((key or figure, met is False))

    def lines(self, prof):
        out = ["## " + self.heading, "", self.intro, "",
               "| figure | laoxiao | baseline | ratio | target | |",
               "|---|---|---|---|---|---|"] + self.rows
        shown = [(k, m) for k, m in self.missed if m or k in prof]
        if shown:
            out.append("")
            for key, missed in shown:
                out.append("- profile, `%s`%s: %s" % (
                    key, " (missed)" if missed else "",
                    prof.get(key, "no note yet (bench/profile_notes.md `## %s`)" % key)))
        return out + [""]


def city_tables(f, here):
    t = Table("A month's run, load, indicators and coverage (bench/city.py)",
              "巴中 synthesised at scale %g (`laoxiao synth`, docs/synth.md), each figure beside a"
              " baseline on the same database in the same run; a disagreement fails the run."
              % f.get("scale", 1))
    ld = f["load"]
    r = ld["seconds"] / ld["base_seconds"]
    t.row("Load %d persons (sealed ID numbers)" % ld["persons"],
          "%.2f s, %.0f persons/s, %.0f MiB" % (ld["seconds"], ld["rate"], ld["mib"]),
          "sqlite3 `.import` of as many bare 4-column rows: %.2f s" % ld["base_seconds"],
          "%.1f×" % r, "≥ 250,000 persons/s and ≤ 4× the import",
          ld["rate"] >= 250000 and r <= 4, "load")
    ru = f["run"]
    base = ru.get("baseline")
    t.row("A month's 高龄津贴 run, %d people (%d read), %d lines"
          % (ru["people"], ru.get("read", ru["people"]), ru["lines"]),
          "%.3f s" % ru["seconds"], "sqlite3 query by age band: %s s" % n(base, "%.3f"),
          n(ru["seconds"] / base if base else None, "%.1f×"), "< 0.6 s and ≤ 3× the query",
          ru["seconds"] < 0.6 and bool(base) and ru["seconds"] <= 3 * base, "run")
    t.row("The same month again (pays nothing)", "%.3f s" % ru["rerun"],
          "the first run: %.3f s" % ru["seconds"], "%.2f×" % (ru["rerun"] / ru["seconds"]),
          "< 0.15 s", ru["rerun"] < 0.15, "rerun")
    ind = f.get("indicators")
    if ind:
        cold, warm, pandas = ind.get("laoxiao_cold_ms"), ind.get("laoxiao_warm_ms"), ind.get("pandas_ms")
        t.row("Indicators for all %d nodes, cold (new process)" % ind.get("nodes", 0),
              "%s ms" % n(cold, "%.0f"),
              "pandas %s ms; sqlite3 script %s ms; all agree" % (n(pandas, "%.0f"),
                                                                n(ind.get("sqlite3_ms"), "%.0f")),
              "pandas / laoxiao %s×" % n(pandas / cold if pandas and cold else None, "%.1f"),
              "≥ 20× pandas", bool(pandas and cold and pandas / cold >= 20), "indicators_cold")
        t.row("The same, warm (cached, HTTP)", "%s ms" % n(warm, "%.1f"), "—", "—", "< 5 ms",
              warm is not None and warm < 5, "indicators_warm")
    else:
        t.row("Indicators for every node", "not measured", met=None)
    c = f["coverage"]
    t.row("15-minute coverage, %d points, %d sites" % (c["points"], c["sites"]),
          "%.3f s (whole process)" % c["seconds"], "brute force in C: %.3f s" % c["brute"],
          "%.1f×" % (c["seconds"] / c["brute"]) if c["brute"] else "—", "< 1 s",
          c["seconds"] < 1, "coverage")

    h = f.get("http")
    if not h:
        return [t]
    w = Table("HTTP (bench/city.py, wrk, 64 connections, %s s)" % f.get("wrk_seconds", 10),
              "One server on the scale-%g database, each page warmed by a second of wrk not counted; each"
              " page's baseline is the dashboard JSON (a cached document) measured in the same"
              " run." % f.get("scale", 1))
    dash = h.get("dashboard")
    for name in ("dashboard",) + LISTS + ("public_search", "public_disclosure"):
        if name not in h:
            continue
        x = h[name]
        target = name == "dashboard" or name in LISTS or name == "public_search"
        w.row(name.replace("_", " "), "%.0f req/s, p50 %.2f ms, p99 %.2f ms" % (x["rps"], x["p50"], x["p99"]),
              "dashboard %.0f req/s" % dash["rps"] if dash and name != "dashboard" else "—",
              "%.2f× its req/s" % (x["rps"] / dash["rps"]) if dash and name != "dashboard" else "—",
              "≥ 10,000 req/s and p99 < 20 ms" if target else "—",
              (x["rps"] >= 10000 and x["p99"] < 20) if target else None, name)
    if h.get("bank_file"):
        b = h["bank_file"]
        w.row("Bank file of the month's run (CSV)", "%.2f s, %d rows" % (b["seconds"], b["rows"]),
              "one row per line of the run", "—", "< 10 s", b["seconds"] < 10, "bank_file")
    if "peak_mib" in h:
        w.row("Server peak resident memory", "%d MiB" % h["peak_mib"], "—", "—", "< 300 MB",
              h["peak_mib"] * 1.048576 < 300, "peak_memory")
    return [t, w]


def new_modules(here):
    """The new modules' hot paths: visits (visits.json), the inspection
    draw (inspect.json); the public search is a row of the HTTP table."""
    t = Table("New modules' hot paths",
              "Each beside a plain baseline in the same run (details: the \"Visits\" section"
              " below and bench/README.md); the public search for a place is a row of the HTTP"
              " table. The issue sets no time for these, only a baseline.")
    v = load(os.path.join(here, "visits.json"))
    if v:
        rn, wl = v.get("rate_nodes", {}), v.get("worklist")
        if rn:
            t.row("月探访率 for all %s nodes of 巴中 (scale %g), cold" % (rn["nodes"], v["scale"]),
                  "%.0f ms; warm %.1f ms" % (rn["cold_ms"], rn["warm_ms"]),
                  "sqlite3 script %.0f ms; every node agrees" % rn["sqlite3_ms"],
                  "%.2f×" % (rn["cold_ms"] / rn["sqlite3_ms"]), "beside the script", None)
        if wl:
            t.row("The month's worklist of the city (%s due or overdue), first request" % wl["items"],
                  "%.0f ms; again %.0f ms" % (wl["first_ms"], wl["warm_ms"]),
                  "plain SQL %.0f ms, the same count" % wl["sqlite_ms"],
                  "%.2f×" % (wl["first_ms"] / wl["sqlite_ms"]), "beside the query", None)
    i = load(os.path.join(here, "inspect.json"))
    if i:
        t.row("Inspection draw (双随机) for %s over %d facilities (%d eligible, %d items): %d checks"
              % (i["year"], i["facilities"], i["eligible"], i["items"], i["checks"]),
              "%.2f s (new process, median of %d)" % (i["seconds"], i["runs"]),
              "SQL roster + `random.sample` of each item's size: %.3f s" % i["baseline"],
              "%.1f×" % (i["seconds"] / i["baseline"]), "rules hold", True, "inspect_draw")
    return [t] if t.rows else []


def static_table(here):
    s = load(os.path.join(here, "static_files.json"))
    if not s:
        return []
    t = Table("Static files (bench/static_files.py)",
              "Chromium throttled to 300 ms and 1.6 Mbit/s, empty cache (details: \"Static files"
              " on a township link\" below).")
    gz, ident = s["installed_gzip"], s["installed_identity"]
    t.row("ECharts on the wire", "%d bytes" % s["echarts_bytes"], "—", "—", "< 400 KB",
          s["echarts_bytes"] < 400000, "echarts")
    t.row("Cold dashboard, first card", "%d ms" % gz["first_card_ms"],
          "gzip refused: %d ms" % ident["first_card_ms"],
          "%.2f×" % (gz["first_card_ms"] / ident["first_card_ms"]), "< 3 s",
          gz["first_card_ms"] < 3000, "cold_dashboard")
    return [t]


def soak_table(here):
    sk = load(os.path.join(here, "soak.json"))
    if not sk:
        return []
    t = Table("Soak (bench/soak.py)", "Mixed reads and writes (1 in 10) through wrk.")
    t.row("%d s, %d requests (%.0f/s)" % (sk["seconds"], sk["requests"], sk["rps"]),
          "%d errors; resident %s → %s MiB" % (sk["errors"], sk["rss_start_mib"], sk["rss_end_mib"]),
          "memory over the second half: +%.1f%%" % (sk["second_half_growth"] * 100), "—",
          "0 errors, memory ≤ +10%", sk["errors"] == 0 and sk["second_half_growth"] <= 0.10, "soak")
    return [t]


def growth_lines(f, prof):
    gs = f.get("growth") or []
    if len(gs) < 2 or not gs[0]["persons"]:
        return []
    a, b = gs[0], gs[-1]
    k = b["persons"] / a["persons"]
    # (label, value of a row, how it shows, grows-with: time or rate)
    figs = [("load (s)", lambda g: g["load"], "%.2f", "time", "load"),
            ("month's run (s)", lambda g: g["run"], "%.2f", "time", "run"),
            ("re-run (s)", lambda g: g["rerun"], "%.2f", "time", "rerun"),
            ("indicators cold (ms)", lambda g: g.get("ind_cold"), "%.0f", "time", "indicators_cold"),
            ("indicators warm (ms)", lambda g: g.get("ind_warm"), "%.1f", "time", "indicators_warm"),
            ("coverage (s)", lambda g: g.get("coverage"), "%.3f", "time", "coverage")]
    for name in ("dashboard",) + LISTS + ("public_search", "public_disclosure"):
        figs.append(("%s req/s" % name.replace("_", " "),
                     lambda g, name=name: (g.get("http") or {}).get(name, {}).get("rps"), "%.0f",
                     "rate", name + "_rps"))
        figs.append(("%s p99 (ms)" % name.replace("_", " "),
                     lambda g, name=name: (g.get("http") or {}).get(name, {}).get("p99"), "%.2f",
                     "time", name + "_p99"))
    head = "| figure | " + " | ".join("%g" % g["scale"] for g in gs) + " | grows | judged |"
    out = ["## Growth with the city (bench/city.py)", "",
           "巴中 synthesised at each scale (persons: %s); the HTTP rows with a %s wrk. The city"
           " grows %.1f× from scale %g to %g. \"grows\" is the last scale's figure over the first's"
           " (for requests a second, the first's over the last's: how much slower a request"
           " became); a row is linear or better when it grows at most %.1f× the city's growth"
           " (a fifth left for the noise of a shared machine and of millisecond figures)."
           % (", ".join("%d" % g["persons"] for g in gs),
              "%s-second" % f.get("growth_wrk_seconds", "shorter"),
              k, a["scale"], b["scale"], GROWTH_SLACK), "",
           head, "|---" * (len(gs) + 3) + "|"]
    missed = []
    for label, get, fmt, how, key in figs:
        vals = [get(g) for g in gs]
        if all(v is None for v in vals):
            continue
        first, last = vals[0], vals[-1]
        if how == "rate" and first and last == 0:
            # no answer at all at the last scale
            gtxt, verdict = "no answers", "**worse than linear**"
            missed.append(key)
        elif first and last:
            grows = last / first if how == "time" else first / last
            ok = grows <= k * GROWTH_SLACK
            verdict = "linear or better" if ok else "**worse than linear**"
            if not ok:
                missed.append(key)
            gtxt = "%.1f×" % grows
        else:
            gtxt, verdict = "—", "—"
        out.append("| %s | %s | %s | %s |" % (label, " | ".join(n(v, fmt) for v in vals), gtxt, verdict))
    if missed:
        out.append("")
        for key in ["growth." + m for m in missed]:
            out.append("- profile, `%s`: %s" % (
                key, prof.get(key, "no note yet (bench/profile_notes.md `## %s`)" % key)))
    return out + [""]


def header(f, here):
    out = ["# Benchmarks", ""]
    runt = os.path.join(here, "run.txt")
    steps, ls, le, total = [], None, None, None
    if os.path.exists(runt):
        for line in open(runt):
            w = line.split()
            if w[0] == "load_start":
                ls = float(w[1])
            elif w[0] == "load_end":
                le = float(w[1])
            elif w[0] == "total":
                total = float(w[1])
            elif len(w) == 2:
                steps.append((w[0], float(w[1])))
    ls = ls if ls is not None else f.get("load_start")
    le = le if le is not None else f.get("load_end")
    cores = os.cpu_count() or 1
    if ls is None:
        idle = "load average not recorded"
    else:
        # the load at the end is the run's own last minute (its last
        # step drives a browser): the start says whether other work ran
        idle = ("load average %.2f at the start and %s at the end (the run's own last"
                " minute) on %d cores: %s" % (
                    ls, n(le), cores, "an idle machine" if ls < 0.5 else
                    "NOT idle (the machine was shared with other work, so times are long"
                    " and ratios the better guide)"))
    out.append("Measured by `make bench` (bench/run) on %s, on %s; %s. Every figure is"
               " beside a baseline measured in the same run on the same data; a disagreement"
               " between laoxiao and a baseline fails the run. Raw figures: `bench/results/`;"
               " what each benchmark does: `bench/README.md`; the profile notes under the"
               " tables: `bench/profile_notes.md`." % (f["date"], f["machine"], idle))
    if steps:
        out += ["", "Whole run %s (target < 30 min: %s): %s." % (
            "%.1f min" % (total / 60) if total else "—",
            "met" if total and total < 1800 else "**missed**" if total else "—",
            ", ".join("%s %.0f s" % s for s in steps))]
    return out + [""]


def main(src, dst):
    f = json.load(open(src))
    here = os.path.dirname(os.path.abspath(src))
    prof = notes(os.path.join(HERE, "profile_notes.md"))
    out = header(f, here)
    for t in city_tables(f, here) + new_modules(here) + static_table(here) + soak_table(here):
        out += t.lines(prof)
    out += growth_lines(f, prof)
    found = os.path.join(here, "foundation.txt")
    if os.path.exists(found):
        out += ["## Foundation (registry import and summary)", "", "```",
                open(found).read().strip(), "```", ""]
    # the sections other scripts write in place, kept
    old = open(dst, encoding="utf-8").read() if os.path.exists(dst) else ""
    for h in KEPT:
        m = re.search(r"^%s\n.*?(?=^## |\Z)" % re.escape(h), old, re.M | re.S)
        if m:
            out += [m.group(0).rstrip("\n"), ""]
    open(dst, "w", encoding="utf-8").write("\n".join(out).rstrip("\n") + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
