#!/usr/bin/env python3
"""The inspection draw (双随机) over a province-sized roster (issue 23;
bench/README.md "Inspection draw"): `INSPECT_FACILITIES` (default 30,000)
facilities imported by `laoxiao import facilities` from a generated CSV
into an empty database, spread over 巴中's five counties (the region whose
policy states the inspections: the draw runs for one region with a
policy, so the province-sized roster is put under 巴中), a tenth of them
not eligible (unfiled, or closed before the period), and eight inspectors
of five departments on the roster. Then:

1. `laoxiao inspect plan create --region 巴中 --period YEAR` (a new
   process: read the roster, draw every item, days and inspectors, record
   the plan and its checks), the median of `INSPECT_RUNS` (default 3)
   draws, each with its own seed into a fresh copy of the database;
2. the baseline: the eligible roster by one plain SQL query in Python's
   sqlite3, then `random.sample` of each item's size from the facilities
   of its kinds (no weights, days or inspectors), the median of as many;
3. the draw's rules checked on the last plan: every item's sample size is
   ceil(30% of the eligible facilities of its kinds) (every elderly
   institution for the yearly floor item), no facility twice, every drawn
   facility eligible, two inspectors a check, and `laoxiao inspect verify`
   re-draws the same list.

A broken rule fails the run (exit 1). Figures go to
bench/results/inspect.json; bench/summary.py writes them into
BENCHMARKS.md.

    python3 bench/inspect_draw.py BUILD/laoxiao OUT_DIR

(Not named inspect.py: that would shadow the standard library's module
for every script in bench/.)
"""

import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time

from benchkit import BAZHONG, check, failures, log, machine, run, timed

N = int(os.environ.get("INSPECT_FACILITIES", "30000"))
RUNS = int(os.environ.get("INSPECT_RUNS", "3"))
YEAR = str(int(time.strftime("%Y")) + 1)   # a whole year ahead: every day allows the notice
COUNTIES = ["511902000000", "511903000000", "511921000000", "511922000000", "511923000000"]
KINDS = ["elderly_institution", "day_care_center", "community_complex", "meal_point",
         "mutual_aid_point", "childcare_institution", "family_childcare_point",
         "kindergarten_nursery", "regional_center"]
INSPECTORS = [("民政", 2), ("消防救援", 2), ("市场监管", 2), ("卫生健康", 1), ("住建", 1)]
PASSWORD = "bench-password-123"


def roster_csv(path):
    """N facilities, every kind of the policy's items, a twentieth
    unfiled and a twentieth closed before the period (not eligible)."""
    rnd = random.Random(23)
    with open(path, "w", encoding="utf-8") as f:
        f.write("name,kind,region,ownership,filing_status,filing_date,opened_on,closed_on,"
                "closed_reason,beds,nursing_beds,occupied_beds,slots,affordable_slots\n")
        for i in range(N):
            k = KINDS[i % len(KINDS)]
            child = k in ("childcare_institution", "family_childcare_point",
                          "kindergarten_nursery")
            beds = 0 if child else rnd.randint(10, 300)
            # a family point takes at most 5 children (the import's rule)
            slots = (rnd.randint(1, 5) if k == "family_childcare_point"
                     else rnd.randint(10, 150) if child else 0)
            filing = "unfiled" if i % 20 == 7 else "filed"
            closed, reason = ("2024-06-30", "停业") if i % 20 == 13 else ("", "")
            f.write("抽查基准机构%d,%s,%s,public,%s,%s,2020-01-01,%s,%s,%d,%d,%d,%d,%d\n"
                    % (i, k, COUNTIES[i % 5], filing, "2020-01-01" if filing == "filed" else "",
                       closed, reason, beds, beds // 2, beds // 3, slots, slots // 2))


def build(work, binary):
    db = os.path.join(work, "roster.db")
    run([binary, "init", "--db", db])
    csv = os.path.join(work, "roster.csv")
    roster_csv(csv)
    secs, _ = timed([binary, "import", "facilities", csv, "--db", db])
    n = 0
    for dept, count in INSPECTORS:
        for _ in range(count):
            n += 1
            name = "bench_insp%d" % n
            run([binary, "user", "add", name, "--role", "inspector", "--region", BAZHONG,
                 "--db", db], input=PASSWORD + "\n")
            acc = sqlite3.connect(db).execute("SELECT id FROM account WHERE username = ?",
                                              (name,)).fetchone()[0]
            run([binary, "inspect", "inspector", "add", str(acc), "--department", dept,
                 "--db", db])
    return db, secs


def eligible_sql(db):
    """The baseline's roster: filed facilities of the city open on the
    period's first day, by id."""
    con = sqlite3.connect(db)
    rows = con.execute(
        "SELECT id, kind FROM facility WHERE region BETWEEN ? AND ?"
        " AND filing_status = 'filed' AND (opened_on IS NULL OR opened_on <= ?)"
        " AND (closed_on IS NULL OR closed_on > ?) ORDER BY id",
        (BAZHONG[:4] + "00000000", BAZHONG[:4] + "99999999", YEAR + "-01-01",
         YEAR + "-01-01")).fetchall()
    con.close()
    return rows


def baseline(db, items, seed):
    t0 = time.perf_counter()
    rows = eligible_sql(db)
    rnd = random.Random(seed)
    drawn = {}
    for it in items:
        elig = [i for i, k in rows if k in it["kinds"]]
        k = -(-it["rate_percent"] * len(elig) // 100)
        for i in rnd.sample(elig, k):
            drawn.setdefault(i, []).append(it["code"])
    return time.perf_counter() - t0, len(drawn)


def check_rules(plan, db):
    """The draw's rules on the plan as recorded: sizes, no facility twice,
    each drawn facility eligible, two inspectors a check."""
    rows = eligible_sql(db)
    eligible = dict(rows)
    pol = plan["inputs"]
    checks = plan["checks"]
    ids = [c["facility_id"] for c in checks]
    check(len(ids) == len(set(ids)), "draw: a facility drawn twice")
    bad = [i for i in ids if i not in eligible]
    check(not bad, "draw: %d drawn facilities not eligible (e.g. %r)" % (len(bad), bad[:3]))
    check([t["id"] for t in pol["targets"]] == [i for i, _ in rows],
          "draw: the published targets are not the eligible roster")
    for it in pol["items"]:
        n = sum(1 for _, k in rows if k in it["kinds"])
        want = -(-it["rate_percent"] * n // 100)
        if it.get("floor"):
            # the yearly floor: every target needing it (published
            # needs_floor) is in, more than the rate if need be
            want = max(want, sum(1 for t in pol["targets"]
                                 if t["needs_floor"] and t["kind"] in it["kinds"]))
        got = sum(1 for c in checks if it["code"] in [x["code"] for x in c["items"]])
        check(got == want, "draw: item %s drew %d, rule says %d" % (it["code"], got, want))
    short = [c["facility_id"] for c in checks if len(c["inspectors"]) != pol["per_check"]]
    check(not short, "draw: %d checks without %d inspectors" % (len(short), pol["per_check"]))
    return len(checks), len(rows)


def main(binary, out_dir):
    work = tempfile.mkdtemp(prefix="laoxiao-inspect-")
    try:
        figures = dict(machine=machine(), date=time.strftime("%Y-%m-%d"), facilities=N,
                       year=YEAR, load_start=os.getloadavg()[0])
        db, import_secs = build(work, binary)
        figures["import_seconds"] = import_secs
        log("I0. roster: %d facilities imported in %.2f s, %d inspectors"
            % (N, import_secs, sum(c for _, c in INSPECTORS)))
        times, base, plan = [], [], None
        for r in range(RUNS):
            copy = os.path.join(work, "draw-%d.db" % r)
            # the database with its write-ahead log and key file
            for e in ("", "-wal", ".key"):
                if os.path.exists(db + e):
                    shutil.copy(db + e, copy + e)
            seed = "bench-%s-%d" % (YEAR, r)
            t, out = timed([binary, "inspect", "plan", "create", "--region", BAZHONG,
                            "--period", YEAR, "--seed", seed, "--json", "--db", copy])
            times.append(t)
            plan = json.loads(out)
            b, _ = baseline(db, plan["inputs"]["items"], seed)
            base.append(b)
            if r < RUNS - 1:
                for e in ("", "-wal", "-shm", ".key"):
                    if os.path.exists(copy + e):
                        os.remove(copy + e)
        nchecks, neligible = check_rules(plan, db)
        v = run([binary, "inspect", "verify", str(plan["id"]), "--json", "--db", copy])
        check(json.loads(v).get("matches") is True, "draw: verify does not re-draw the same list")
        figures.update(seconds=statistics.median(times), baseline=statistics.median(base),
                       eligible=neligible, checks=nchecks, items=len(plan["inputs"]["items"]),
                       runs=RUNS, load_end=os.getloadavg()[0])
        log("I1. inspection draw for %s over %d facilities (%d eligible, %d items): %.2f s,"
            " %d checks; baseline SQL roster + random.sample %.3f s (%.1fx); rules hold: %s"
            % (YEAR, N, neligible, figures["items"], figures["seconds"], nchecks,
               figures["baseline"], figures["seconds"] / figures["baseline"],
               "yes" if not failures else "NO"))
        os.makedirs(out_dir, exist_ok=True)
        json.dump(figures, open(os.path.join(out_dir, "inspect.json"), "w"), indent=2,
                  ensure_ascii=False)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        log("FAILED: %d broken rule(s)" % len(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])))
