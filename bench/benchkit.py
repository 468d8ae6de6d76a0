"""What the synthetic-city benchmarks share (bench/city.py,
bench/province.py): running and timing commands, the disagreements that
fail a run, the machine's description, a free port, and the policy copy
with a monthly allowance for 巴中."""

import json
import os
import re
import shutil
import socket
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BAZHONG = "511900000000"

failures = []  # what disagreed with its baseline; a run with any fails


def log(line=""):
    print(line, flush=True)


def run(args, **kw):
    p = subprocess.run(args, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        raise SystemExit("%s failed (%d):\n%s%s" % (" ".join(args), p.returncode,
                                                   p.stdout[-2000:], p.stderr[-2000:]))
    return p.stdout


def timed(args, **kw):
    t0 = time.perf_counter()
    out = run(args, **kw)
    return time.perf_counter() - t0, out


def check(cond, what):
    if not cond:
        failures.append(what)
        log("DISAGREEMENT: " + what)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def machine():
    cpu = ""
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = 0
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal"):
            mem = int(line.split()[1]) / 1048576
    return "%d cores (%s), %.0f GiB, %s" % (os.cpu_count(), cpu, mem, os.uname().machine)


def bench_policies(work):
    """The 巴中 policy with 大竹's 高龄津贴 (seed 001) applied to 巴中, in a
    copy of the policies under work: 巴中's plan states no monthly
    allowance of its own, and a run over every person needs one. Amounts
    unchanged: 60 / 120 / 600 yuan a month."""
    d = os.path.join(work, "policies")
    if os.path.isdir(d):
        return d
    shutil.copytree(os.path.join(ROOT, "policies"), d)
    dazhu = json.load(open(os.path.join(d, "511724000000-dazhu.json")))
    path = os.path.join(d, "511900000000-bazhong.json")
    bz = json.load(open(path))
    for s in dazhu["schemes"]:
        if s["id"] == "dazhu.gaoling":
            s = json.loads(json.dumps(s))
            s["id"] = "bazhong.bench_gaoling"
            for v in s["versions"]:
                v["region"] = BAZHONG
            bz["schemes"].append(s)
    json.dump(bz, open(path, "w"), ensure_ascii=False)
    return d


def wrk(url, token, seconds=10):
    """wrk at 64 connections: requests a second, p50 and p99 in ms, and
    the count of answers that were not 2xx or 3xx."""
    out = run(["wrk", "-t2", "-c64", "-d%ds" % seconds, "--latency",
               "-H", "Authorization: Bearer " + token, url])
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def pct(p):
        m = re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s)\s*$" % p, out, re.M)
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v

    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, pct(50), pct(99), int(non2xx.group(1)) if non2xx else 0


def wait_for_port(port, tries=100):
    """Until a server listens on 127.0.0.1:port (at most tries × 0.1 s)."""
    for _ in range(tries):
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.1)
