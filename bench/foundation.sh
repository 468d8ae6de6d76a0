#!/bin/sh
# Foundation benchmarks: CSV import rate, and the registry summary over a
# city's facilities through the HTTP API, each beside a baseline measured in
# the same run on the same data. Figures go to bench/results/.
set -eu
cd "$(dirname "$0")/.."
N=${BENCH_FACILITIES:-20000}
out=bench/results
mkdir -p "$out"
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
server=

now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }

./build/laoxiao init --db "$work/b.db" >/dev/null 2>&1

# N facilities spread over 巴中's five counties, every field filled
python3 - "$N" >"$work/f.csv" <<'PY'
import sys, random
n = int(sys.argv[1]); rnd = random.Random(7)
counties = ["511902000000", "511903000000", "511921000000", "511922000000", "511923000000"]
kinds = ["elderly_institution", "day_care_center", "childcare_institution"]
print("name,kind,region,ownership,opened_on,beds,nursing_beds,occupied_beds,slots,affordable_slots")
for i in range(n):
    k = kinds[i % 3]
    beds = rnd.randint(10, 300) if k != "childcare_institution" else 0
    slots = rnd.randint(10, 150) if k == "childcare_institution" else 0
    print(f"机构{i},{k},{counties[i % 5]},public,2020-01-01,{beds},{beds // 2},{beds // 3},{slots},{slots // 2}")
PY

t0=$(now)
./build/laoxiao import facilities "$work/f.csv" --db "$work/b.db" >/dev/null
t1=$(now)
import_ms=$(ms "$t0" "$t1")

# baseline: the same rows loaded by the sqlite3 shell's .import into a bare
# table (no validation, no history, no audit)
t0=$(now)
sqlite3 "$work/base.db" ".mode csv" ".import $work/f.csv raw" >/dev/null
t1=$(now)
base_import_ms=$(ms "$t0" "$t1")

# summary: laoxiao's API (warm server) vs the same aggregate in the shell;
# the API computes it once (as-of capacity of every facility) and serves
# the rest from the result cache until something is written, so most of
# each request's time is curl's own start
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
pw=$(./build/laoxiao user passwd admin --db "$work/b.db" >/dev/null <<EOF2
bench-password-123
EOF2
)
./build/laoxiao serve --db "$work/b.db" --port "$port" >/dev/null 2>&1 &
server=$!
sleep 1
token=$(curl -s -X POST -d '{"username":"admin","password":"bench-password-123"}' \
	-c "$work/jar" "http://127.0.0.1:$port/api/v1/session" >/dev/null; \
	./build/laoxiao user token admin --db "$work/b.db" 2>/dev/null)
R=50
t0=$(now)
i=0
while [ $i -lt $R ]; do
	curl -s -H "Authorization: Bearer $token" \
		"http://127.0.0.1:$port/api/v1/facilities/summary?region=511900000000" >"$work/api.json"
	i=$((i + 1))
done
t1=$(now)
api_ms=$(ms "$t0" "$t1")
t0=$(now)
i=0
while [ $i -lt $R ]; do
	sqlite3 "$work/base.db" "SELECT kind, count(*), sum(beds), sum(nursing_beds), sum(slots) FROM raw GROUP BY kind" >"$work/base.txt"
	i=$((i + 1))
done
t1=$(now)
base_ms=$(ms "$t0" "$t1")

# the two must agree
python3 - "$work/api.json" "$work/base.txt" <<'PY'
import json, sys
api = json.load(open(sys.argv[1]))["by_kind"]
for line in open(sys.argv[2]):
    kind, count, beds, nursing, slots = line.strip().split("|")
    a = api[kind]
    got = (a["count"], a["beds"], a["nursing_beds"], a["slots"])
    want = (int(count), int(beds), int(nursing), int(slots))
    if got != want:
        sys.exit(f"disagreement for {kind}: api {got} vs sqlite3 {want}")
PY

kill $server; server=
machine="$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m)"
{
	echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "machine: $machine"
	echo "facilities: $N"
	echo "import: ${import_ms} ms ($(( N * 1000 / (import_ms + 1) )) rows/s, validated, audited, with capacity history)"
	echo "  baseline sqlite3 .import into a bare table: ${base_import_ms} ms; ratio $(python3 -c "print(round($import_ms/max($base_import_ms,1),2))")x"
	echo "summary over the city, $R requests: ${api_ms} ms ($(( api_ms * 1000 / R )) us each, HTTP + auth + as-of capacity)"
	echo "  baseline sqlite3 shell GROUP BY on the bare table, $R runs: ${base_ms} ms; ratio $(python3 -c "print(round($api_ms/max($base_ms,1),2))")x"
	echo "results agree: yes"
} | tee "$out/foundation.txt"
