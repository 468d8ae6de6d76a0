"""The web client on a township link (issue 23, "Static files"): runs the
slow-link browser test (tests/web/static_cache.mjs) against BINARY and
writes its figures to RESULTS/static_files.json and a section of its own
in BENCHMARKS.md. Chromium is throttled to 300 ms of latency and 1.6
Mbit/s; the baseline is the same installed layout with gzip refused
(Accept-Encoding: identity), measured in the same run.

    python3 bench/static_files.py build/laoxiao bench/results
"""

import datetime
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
HEADING = "## Static files on a township link"


def main():
    binary, results = sys.argv[1], sys.argv[2]
    out = subprocess.run(["node", os.path.join(ROOT, "tests/web/run.mjs"), binary,
                          "-k", "static_cold_dashboard_slow_link"],
                         capture_output=True, text=True, cwd=ROOT)
    m = re.search(r"figures (\{.*\})", out.stdout)
    if out.returncode or not m:
        sys.exit("static files benchmark failed:\n" + out.stdout + out.stderr)
    f = json.loads(m.group(1))
    os.makedirs(results, exist_ok=True)
    with open(os.path.join(results, "static_files.json"), "w") as fh:
        json.dump(f, fh, indent=1)
    gz, ident, mods = f["installed_gzip"], f["installed_identity"], f["source_modules_gzip"]
    met = lambda ok: "met" if ok else "**missed**"
    rows = [
        "| cold dashboard, installed layout (one bundled module), gzip | first card %d ms, with ECharts %d ms, %d bytes in %d answers | gzip refused: first card %d ms, with ECharts %d ms, %d bytes (%.2f× the bytes) | first card < 3 s: %s |"
        % (gz["first_card_ms"], gz["with_echarts_ms"], gz["bytes"], gz["answers"],
           ident["first_card_ms"], ident["with_echarts_ms"], ident["bytes"],
           ident["bytes"] / gz["bytes"], met(gz["first_card_ms"] < 3000)),
        "| ECharts on the wire | %d bytes | the file: %d bytes | < 400 KB: %s |"
        % (f["echarts_bytes"], os.path.getsize(os.path.join(ROOT, "web/vendor/echarts.min.js")),
           met(f["echarts_bytes"] < 400000)),
        "| reload of the same dashboard | %d ms, %d bytes; ECharts answered %s | cold: %d bytes | not fetched again: %s |"
        % (f["reload_ms"], f["reload_bytes"], ", ".join(map(str, f["echarts_on_reload"])) or "from memory",
           gz["bytes"], met(all(s == 304 for s in f["echarts_on_reload"]))),
        "| cold dashboard, source tree (about 150 modules), gzip | first card %d ms, with ECharts %d ms, %d bytes in %d answers | — | — |"
        % (mods["first_card_ms"], mods["with_echarts_ms"], mods["bytes"], mods["answers"]),
    ]
    section = "\n".join([
        HEADING, "",
        "Measured by `bench/static_files.py` on %s: Chromium throttled through the DevTools protocol to 300 ms of latency and 200,000 bytes a second each way, a fresh context (empty cache), a city official of 巴中 signed in; times from navigation. The server keeps each file and its gzip (level 9) in memory, read on first request; ETag from the content, `Cache-Control: no-cache` so a new release is seen at once and an unchanged file answers 304."
        % datetime.date.today().isoformat(), "",
        "| benchmark | laoxiao | baseline | target |", "|---|---|---|---|", *rows, "",
        "Where the time goes: the source tree's modules are fetched six at a time over HTTP/1.1, each a 300 ms round trip, so about 150 modules cost some 8 s whatever their size; `make install` therefore bundles them into one file (scripts/bundle-web). ECharts (about 330 KB gzipped) loads after the first card and takes most of the rest.",
        "",
    ])
    path = os.path.join(ROOT, "BENCHMARKS.md")
    text = open(path, encoding="utf-8").read()
    if HEADING in text:
        a = text.index(HEADING)
        b = text.find("\n## ", a + len(HEADING))
        text = text[:a] + section + (text[b + 1:] if b >= 0 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    open(path, "w", encoding="utf-8").write(text)
    print(section)


if __name__ == "__main__":
    main()
