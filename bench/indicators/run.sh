#!/bin/sh
# Every indicator of the 巴中 plan for every node of a region subtree and
# one period: laoxiao cold and warm against a plain SQL script in the
# sqlite3 shell and a pandas script over laoxiao's CSV exports, on the same
# database in the same run. The three must agree exactly (compare.py);
# a disagreement fails the run.
#
#   bench/indicators/run.sh DB PERIOD [ROOT]
#
# DB is a database with the region ROOT (default 511900000000, 巴中市), e.g.
#   build/laoxiao synth --preset 511900000000 --db /tmp/bz.db [--scale 0.1]
# It is copied first, so the file is freshly written and the original is
# left as it was.
#
# What the figures mean (milliseconds, wall clock, median of RUNS runs):
#   cold: a new `laoxiao indicators --all-nodes --json` process each time,
#         so the first evaluation in that process: start, policies, open
#         the database, every query, evaluation and the JSON out. The file
#         is in the OS page cache (it was just written), not in laoxiao.
#   server_first: the first GET /api/v1/indicators/nodes of a new server
#         (computed, the cache empty), through HTTP with curl.
#   warm: the same request again, served from the server's cache (every
#         response is checked to say X-Cache: hit), through HTTP with curl.
#   sqlite3: nodes.sql in the sqlite3 shell, process included.
#   pandas: nodes_pandas.py with Debian's python3 (interpreter and pandas
#         import included; pandas_compute excludes both), over exports
#         made beforehand (export: the time laoxiao took to write them).
#
# Needs: build/laoxiao (make), sqlite3, curl, and /usr/bin/python3 with
# Debian's python3-pandas (apt-get install python3-pandas).
set -eu
cd "$(dirname "$0")/../.."
[ $# -ge 2 ] || { echo "usage: $0 DB PERIOD [ROOT]" >&2; exit 2; }
src=$1
period=$2
root=${3:-511900000000}
RUNS=${RUNS:-5}
bin=./build/laoxiao
py=/usr/bin/python3
here=bench/indicators

[ -f "$src" ] || { echo "$0: no database $src" >&2; exit 2; }
$py -c 'import pandas' 2>/dev/null ||
	{ echo "$0: $py has no pandas (apt-get install python3-pandas)" >&2; exit 2; }
command -v sqlite3 >/dev/null && command -v curl >/dev/null ||
	{ echo "$0: needs sqlite3 and curl" >&2; exit 2; }

work=$(mktemp -d)
server=
trap 'if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
db=$work/city.db
cp "$src" "$db"
[ -f "$src.key" ] && cp "$src.key" "$db.key"

now() { date +%s%N; }
# median of the numbers on standard input
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f\n", (b - a) / 1e6}'; }

as_of=$($py - "$period" <<'PY'
import calendar, re, sys
p = sys.argv[1]
m = re.fullmatch(r"(\d{4})(?:Q([1-4])|-(\d\d))?", p)
if not m:
    sys.exit("period must be 2025, 2025Q1 or 2025-03")
y, q, mo = int(m.group(1)), m.group(2), m.group(3)
month = 12 if not (q or mo) else (int(q) * 3 if q else int(mo))
print("%04d-%02d-%02d" % (y, month, calendar.monthrange(y, month)[1]))
PY
)
year=${period%%[Q-]*}

# --- laoxiao, cold: a fresh process per run
: >"$work/cold"
i=0
while [ $i -lt "$RUNS" ]; do
	t0=$(now)
	$bin indicators --all-nodes --json --db "$db" --region "$root" \
		--period "$period" >"$work/laoxiao.json"
	t1=$(now)
	ms "$t0" "$t1" >>"$work/cold"
	i=$((i + 1))
done
cold=$(median <"$work/cold")

# --- laoxiao, warm: a server and its cache
token=$($bin user token admin --db "$db" 2>/dev/null)
port=$($py -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
$bin serve --db "$db" --port "$port" --threads 1 >"$work/serve.log" 2>&1 &
server=$!
n=0
until curl -s -o /dev/null "http://127.0.0.1:$port/api/v1/session"; do
	n=$((n + 1))
	[ $n -lt 100 ] || { echo "$0: the server did not start" >&2; cat "$work/serve.log" >&2; exit 1; }
	sleep 0.1
done
url="http://127.0.0.1:$port/api/v1/indicators/nodes?region=$root&period=$period"
get() {
	curl -s -o "${1:-/dev/null}" -D "$work/headers" -w '%{time_total}\n' \
		-H "Authorization: Bearer $token" "$url"
}
first=$(get "$work/server.json" | awk '{printf "%.1f\n", $1 * 1000}')
: >"$work/warm"
i=0
while [ $i -lt $((RUNS * 4)) ]; do
	get | awk '{printf "%.1f\n", $1 * 1000}' >>"$work/warm"
	grep -qi '^x-cache: hit' "$work/headers" ||
		{ echo "$0: a repeated request was not served from the cache" >&2; exit 1; }
	i=$((i + 1))
done
warm=$(median <"$work/warm")
get "$work/server_hit.json" >/dev/null
cmp -s "$work/server.json" "$work/server_hit.json" ||
	{ echo "$0: the cached document differs from the computed one" >&2; exit 1; }
kill "$server"
wait "$server" 2>/dev/null || true
server=
# the command ends its JSON with a newline, the API does not
tr -d '\n' <"$work/laoxiao.json" | cmp -s - "$work/server.json" ||
	{ echo "$0: the server's document differs from the command's" >&2; exit 1; }

# --- sqlite3 shell
params="CREATE TEMP TABLE bench_params AS SELECT '$root' AS root, '$period' AS period, '$as_of' AS as_of, $year AS year"
: >"$work/sql"
i=0
while [ $i -lt "$RUNS" ]; do
	t0=$(now)
	sqlite3 -bail -csv -header "$db" -cmd "$params" <"$here/nodes.sql" >"$work/sqlite3.csv"
	t1=$(now)
	ms "$t0" "$t1" >>"$work/sql"
	i=$((i + 1))
done
sql=$(median <"$work/sql")

# --- pandas over the exports
t0=$(now)
$bin export regions --db "$db" --region "$root" >"$work/regions.csv"
$bin export population --db "$db" --region "$root" >"$work/population.csv"
$bin export facilities --db "$db" --region "$root" --as-of "$as_of" >"$work/facilities.csv"
t1=$(now)
export_ms=$(ms "$t0" "$t1")
: >"$work/pd"
i=0
while [ $i -lt "$RUNS" ]; do
	t0=$(now)
	$py "$here/nodes_pandas.py" "$root" "$period" "$work/regions.csv" \
		"$work/population.csv" "$work/facilities.csv" "$db" \
		>"$work/pandas.csv"
	t1=$(now)
	ms "$t0" "$t1" >>"$work/pd"
	i=$((i + 1))
done
pandas=$(median <"$work/pd")
pandas_compute=$($py - "$here/nodes_pandas.py" "$root" "$period" "$work" "$db" <<'PY'
import contextlib, io, runpy, sys, time
script, root, period, work, db = sys.argv[1:]
import numpy, pandas  # imported before the clock starts
best = []
for _ in range(3):
    sys.argv = [script, root, period] + ["%s/%s.csv" % (work, n) for n in ("regions", "population", "facilities")] + [db]
    t0 = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            runpy.run_path(script, run_name="__main__")
        except SystemExit:
            pass
    best.append((time.perf_counter() - t0) * 1000)
print("%.1f" % sorted(best)[1])
PY
)

# --- the three must agree
$py "$here/compare.py" "$work/laoxiao.json" "$work/sqlite3.csv" "$work/pandas.csv" >"$work/compare" ||
	{ cat "$work/compare"; echo "$0: FAILED: the results disagree" >&2; exit 1; }

nodes=$($py -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["nodes"]))' "$work/laoxiao.json")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f\n", a / b}'; }
echo "database: $src"
echo "root: $root"
echo "period: $period"
echo "nodes: $nodes"
echo "compare: $(tail -n 1 "$work/compare")"
echo "laoxiao_cold_ms: $cold"
echo "laoxiao_server_first_ms: $first"
echo "laoxiao_warm_ms: $warm"
echo "sqlite3_ms: $sql"
echo "pandas_ms: $pandas"
echo "pandas_compute_ms: $pandas_compute"
echo "export_for_pandas_ms: $export_ms"
echo "sqlite3_over_cold: $(ratio "$sql" "$cold")"
echo "pandas_over_cold: $(ratio "$pandas" "$cold")"
echo "pandas_over_warm: $(ratio "$pandas" "$warm")"
echo "pandas_compute_over_warm: $(ratio "$pandas_compute" "$warm")"
echo "target_cold_under_500ms: $(awk -v c="$cold" 'BEGIN {print (c < 500) ? "yes" : "no"}')"
echo "target_warm_under_50ms: $(awk -v w="$warm" 'BEGIN {print (w < 50) ? "yes" : "no"}')"
