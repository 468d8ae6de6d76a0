#!/usr/bin/env python3
"""Crash injection: kills laoxiao at a random operation of a write that
matters and checks what it leaves.

usage: tests/crash/run.py LAOXIAO TRIALS

LAOXIAO is the optimised binary (build/laoxiao): crash_shim.c is loaded
into it with LD_PRELOAD and kills it with SIGKILL just before the N-th
operation that changes one of the database's files (a write, truncation,
sync, rename or unlink). Each write is first run whole on a copy, with the
shim only counting, which gives the range of N and the state after; each
trial draws N at random (seeded by CRASH_SEED, default 1, and printed), runs
the write on a fresh copy and checks that

  - the process died of SIGKILL (the N-th operation was reached);
  - PRAGMA integrity_check answers ok and foreign keys hold;
  - every table's row count, and a checksum of what the write changes, is
    either all before or all after: nothing half done;
  - a write that left nothing is then run again and succeeds, ending in the
    state after.

A killed synth must leave no database at all, and the next synth succeeds.
Writes: import of facilities, of persons (sealed ID numbers) and of
population figures, an allowance run (a 高龄津贴 scheme added to 巴中's policy for the test),
and synth. Trials go round the writes in turn. Ends with
"N passed, M failed", one test per trial."""

import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PRESET = "511900000000"  # 巴中市
COUNTY = "511902000000"  # 巴州区
SCALE = "0.002"

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(first17):
    """GB 11643 check character (ISO 7064 MOD 11-2), computed here."""
    s = sum(int(c) * w for c, w in zip(first17, WEIGHTS))
    return first17 + "10X98765432"[s % 11]


def build_shim(out):
    so = os.path.join(out, "crash_shim.so")
    subprocess.run(["cc", "-shared", "-fPIC", "-O2", "-Wall", "-Wextra", "-Werror",
                    "-D_GNU_SOURCE", "-o", so,
                    os.path.join(ROOT, "tests", "crash", "crash_shim.c"), "-ldl"],
                   check=True)
    return so


def snapshot(db):
    """Row counts of every table, and checksums of what the writes change,
    read by sqlite3 itself (the program's own reading is not trusted)."""
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        snap = {t: con.execute('SELECT count(*) FROM "%s"' % t).fetchone()[0]
                for t in tables}
        snap["facility names"] = con.execute(
            "SELECT group_concat(name, '|') FROM"
            " (SELECT name FROM facility ORDER BY name)").fetchone()[0]
        snap["ledger fen"] = con.execute(
            "SELECT coalesce(sum(amount_fen), 0) FROM ledger").fetchone()[0]
        snap["population sum"] = con.execute(
            "SELECT coalesce(sum(value), 0) FROM population").fetchone()[0]
        snap["person names"] = con.execute(
            "SELECT group_concat(name, '|') FROM"
            " (SELECT name FROM person ORDER BY name, id)").fetchone()[0]
        return snap
    finally:
        con.close()


def integrity(db):
    con = sqlite3.connect(db)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchall()
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        con.close()
    problems = []
    if ok != [("ok",)]:
        problems.append("integrity_check: %r" % ok[:5])
    if fk:
        problems.append("foreign_key_check: %r" % fk[:5])
    return problems


def copy_db(src, dst):
    for suffix in ("", ".key"):
        shutil.copyfile(src + suffix, dst + suffix)
    os.chmod(dst + ".key", 0o600)


def remove_db(db):
    for suffix in ("", ".key", "-wal", "-shm", "-journal"):
        if os.path.exists(db + suffix):
            os.unlink(db + suffix)


class Runner:
    def __init__(self, laoxiao, shim, work):
        self.laoxiao, self.shim, self.work = laoxiao, shim, work

    def run(self, args, db, crash_at=None, count_file=None):
        env = dict(os.environ)
        env.pop("LD_PRELOAD", None)
        env["LD_PRELOAD"] = self.shim
        env["LX_CRASH_PATH"] = db
        if crash_at is not None:
            env["LX_CRASH_AT"] = str(crash_at)
        if count_file:
            env["LX_CRASH_COUNT"] = count_file
        return subprocess.run([self.laoxiao] + args + ["--db", db], env=env,
                              cwd=self.work, capture_output=True, text=True)


def prepare(runner, work):
    """The base city, the files to import and the test policy folder."""
    base = os.path.join(work, "base.db")
    p = runner.run(["synth", "--preset", PRESET, "--scale", SCALE], base)
    if p.returncode:
        raise SystemExit("crash: synth of the base city failed: " + p.stderr)
    with open(os.path.join(ROOT, "tests", "data", "api", "import",
                           "facilities_ok.csv"), encoding="utf-8") as f:
        header = f.readline().strip().split(",")
    rows = []
    for i in range(40):
        row = dict.fromkeys(header, "")
        row.update(name="崩溃测试养老院%02d" % i, kind="elderly_institution",
                   region=COUNTY, ownership="public", operation="public_run",
                   profit="nonprofit", opened_on="2021-06-01", beds=str(10 + i),
                   nursing_beds="5", caregivers="3")
        rows.append(",".join(row[c] for c in header))
    facilities = os.path.join(work, "facilities.csv")
    with open(facilities, "w", encoding="utf-8") as f:
        f.write(",".join(header) + "\r\n" + "\r\n".join(rows) + "\r\n")
    persons = os.path.join(work, "persons.csv")
    with open(persons, "w", encoding="utf-8") as f:
        f.write("kind,id_number,name,region,address\r\n")
        for i in range(40):
            # sequence numbers 900+ are not used by synth's numbering here
            idn = id_number("%s1948%02d%02d9%02d" % (COUNTY[:6], i % 12 + 1,
                                                    i % 28 + 1, i))
            f.write("elderly,%s,崩溃测试老人%02d,%s,巴州区测试路 %d 号\r\n"
                    % (idn, i, COUNTY, i))
    population = os.path.join(work, "population.csv")
    with open(population, "w", encoding="utf-8") as f:
        f.write("region,year,metric,value,source\r\n")
        for year in range(2030, 2045):
            for metric, value in (("households", 250000 + year),
                                  ("aged_80", 30000 + year)):
                f.write("%s,%d,%s,%d,崩溃测试\r\n" % (COUNTY, year, metric, value))
    # 巴中's policy with a 高龄津贴 scheme (大竹's, moved to 巴中) so an
    # allowance run over the synthetic city writes a few hundred lines
    policies = os.path.join(work, "policies")
    os.makedirs(policies, exist_ok=True)
    for name in os.listdir(os.path.join(ROOT, "policies")):
        if name.endswith(".json"):
            shutil.copyfile(os.path.join(ROOT, "policies", name),
                            os.path.join(policies, name))
    with open(os.path.join(ROOT, "policies", "511724000000-dazhu.json"),
              encoding="utf-8") as f:
        dazhu = json.load(f)
    bz_path = os.path.join(policies, "511900000000-bazhong.json")
    with open(bz_path, encoding="utf-8") as f:
        bazhong = json.load(f)
    scheme = [s for s in dazhu["schemes"] if s["id"] == "dazhu.gaoling"][0]
    scheme["id"] = "bazhong.crash_gaoling"
    for v in scheme["versions"]:
        if "region" in v:
            v["region"] = PRESET
    bazhong.setdefault("schemes", []).append(scheme)
    with open(bz_path, "w", encoding="utf-8") as f:
        json.dump(bazhong, f, ensure_ascii=False)
    return {
        "base": base,
        "import facilities": ["import", "facilities", facilities],
        "import persons": ["import", "persons", persons],
        "import population": ["import", "population", population],
        "subsidy run": ["subsidy", "run", "--scheme", "bazhong.crash_gaoling",
                        "--period", "2025-07", "--region", PRESET,
                        "--policies", policies],
    }


def measure(runner, work, base, args):
    """The whole write on a copy: how many operations, and the state after."""
    db = os.path.join(work, "measure.db")
    remove_db(db)
    copy_db(base, db)
    count = os.path.join(work, "count")
    p = runner.run(args, db, count_file=count)
    if p.returncode:
        raise SystemExit("crash: %s failed without a crash: %s" % (args, p.stderr))
    with open(count) as f:
        n = int(f.read())
    after = snapshot(db)
    remove_db(db)
    return n, after


def trial_write(runner, work, base, args, n, before, after, at):
    db = os.path.join(work, "trial.db")
    remove_db(db)
    copy_db(base, db)
    p = runner.run(args, db, crash_at=at)
    problems = []
    # the count varies by a few operations from run to run (how much the
    # write-ahead log holds when it is checkpointed): a draw past the end
    # of this run lets it finish, and it must then be whole
    finished = p.returncode == 0
    if p.returncode not in (0, -9):
        problems.append("not killed at operation %d (exit %s): %s"
                        % (at, p.returncode, p.stderr.strip()[:200]))
    problems += integrity(db)
    state = None
    if not problems:
        got = snapshot(db)
        if finished:
            state = "finished"
            if got != after:
                problems.append("finished, but not in the state after")
        elif got == before:
            state = "before"
        elif got == after:
            state = "after"
        else:
            diff = {k: (before.get(k), after.get(k), got.get(k))
                    for k in got if got.get(k) not in (before.get(k), after.get(k))}
            problems.append("half done (before, after, found): %s"
                            % json.dumps(diff, ensure_ascii=False)[:400])
    if state == "before":
        p = runner.run(args, db)
        if p.returncode:
            problems.append("the next run failed: " + p.stderr.strip()[:200])
        elif snapshot(db) != after:
            problems.append("the next run did not end in the state after")
        else:
            problems += integrity(db)
    remove_db(db)
    return state, problems


def trial_synth(runner, work, n, at):
    db = os.path.join(work, "synth.db")
    remove_db(db)
    args = ["synth", "--preset", PRESET, "--scale", SCALE]
    p = runner.run(args, db, crash_at=at)
    problems = []
    if p.returncode == 0:
        remove_db(db)  # finished: the draw lay past this run's end
        return "finished", integrity_after_synth(runner, args, db)
    if p.returncode != -9:
        problems.append("not killed at operation %d (exit %s)" % (at, p.returncode))
    if os.path.exists(db):
        problems.append("a killed synth left %s behind" % os.path.basename(db))
    p = runner.run(args, db)
    if p.returncode:
        problems.append("the next synth failed: " + p.stderr.strip()[:200])
    else:
        problems += integrity(db)
    remove_db(db)
    for name in os.listdir(work):
        if name.startswith("synth.db"):
            os.unlink(os.path.join(work, name))  # a killed build's leftovers
    return "nothing left", problems


def integrity_after_synth(runner, args, db):
    p = runner.run(args, db)
    problems = ["the next synth failed: " + p.stderr.strip()[:200]] if p.returncode else integrity(db)
    remove_db(db)
    return problems


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    laoxiao = os.path.abspath(sys.argv[1])
    trials = int(sys.argv[2])
    seed = int(os.environ.get("CRASH_SEED", "1"))
    rng = random.Random(seed)
    out = os.path.join(ROOT, "tests", "output", "crash")
    os.makedirs(out, exist_ok=True)
    shim = build_shim(out)
    work = tempfile.mkdtemp(prefix="lx-crash-")
    runner = Runner(laoxiao, shim, work)
    try:
        plan = prepare(runner, work)
        base = plan["base"]
        before = snapshot(base)
        writes = ["import facilities", "import persons", "import population",
                  "subsidy run", "synth"]
        ranges = {}
        for w in writes:
            if w == "synth":
                synth_db = os.path.join(work, "count.db")
                count = os.path.join(work, "count")
                p = runner.run(["synth", "--preset", PRESET, "--scale", SCALE],
                               synth_db, count_file=count)
                if p.returncode:
                    raise SystemExit("crash: synth failed: " + p.stderr)
                with open(count) as f:
                    ranges[w] = (int(f.read()), None)
                remove_db(synth_db)
            else:
                ranges[w] = measure(runner, work, base, plan[w])
            print("crash %s: %d operations on the database's files"
                  % (w, ranges[w][0]))
        passed = failed = 0
        tally = {w: {} for w in writes}
        for i in range(trials):
            w = writes[i % len(writes)]
            n, after = ranges[w]
            at = rng.randint(1, n)
            if w == "synth":
                state, problems = trial_synth(runner, work, n, at)
            else:
                state, problems = trial_write(runner, work, base, plan[w], n,
                                              before, after, at)
            if problems:
                failed += 1
                print("crash %s, killed at operation %d of %d: FAIL" % (w, at, n))
                for pr in problems:
                    print("  " + pr)
            else:
                passed += 1
                tally[w][state] = tally[w].get(state, 0) + 1
        for w in writes:
            print("crash %s: %s" % (w, ", ".join("%d %s" % (v, k) for k, v in
                                                 sorted(tally[w].items())) or "no trial"))
        print("seed %d" % seed)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
