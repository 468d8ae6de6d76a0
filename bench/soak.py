#!/usr/bin/env python3
"""A soak: mixed reads and writes through wrk for a bounded time against a
synthetic 巴中 (scale 0.01), checking that nothing fails and the memory
stays flat.

    bench/soak.py BUILD/laoxiao RESULTS_DIR   # SOAK_SECONDS (default 120)

Every tenth request is a write (a facility's address corrected: a
transaction and an audit record); the others list facilities a page at a
time, read one facility, and read the indicators of the city. The
server's resident memory is sampled every second. It fails (exit 1) on any
non-2xx answer or socket error, or when the memory of the second half
grows by more than a tenth. Writes RESULTS_DIR/soak.json. Every address is
127.0.0.1 and the run stops by itself.
"""

import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

BAZHONG = "511900000000"

LUA = r"""
local n = 0
local ids = {%(ids)s}
request = function()
  n = n + 1
  local id = ids[(n %% #ids) + 1]
  if n %% 10 == 0 then
    local body = '{"address": "巴中市巴州区浸泡测试路' .. n .. '号"}'
    return wrk.format("PATCH", "/api/v1/facilities/" .. id,
      {["Content-Type"] = "application/json",
       ["Authorization"] = "Bearer %(token)s"}, body)
  elseif n %% 10 == 1 then
    return wrk.format("GET", "/api/v1/indicators?region=%(region)s&period=2021")
  elseif n %% 2 == 0 then
    return wrk.format("GET", "/api/v1/facilities/" .. id)
  else
    return wrk.format("GET", "/api/v1/facilities?region=%(region)s&per_page=50&page=" .. ((n %% 3) + 1))
  end
end
"""


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def rss_mib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def call(port, method, path, body=None, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request(method, path, body=json.dumps(body) if body is not None else None,
              headers=dict({"Content-Type": "application/json"}, **(headers or {})))
    r = c.getresponse()
    data = r.read()
    c.close()
    return r, data


def main():
    binary, results = os.path.abspath(sys.argv[1]), sys.argv[2]
    seconds = int(os.environ.get("SOAK_SECONDS", "120"))
    os.makedirs(results, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="laoxiao-soak-")
    proc = None
    try:
        db = os.path.join(tmp, "soak.db")
        out = subprocess.run([binary, "synth", "--preset", BAZHONG, "--scale", "0.01",
                              "--db", db], check=True, stdout=subprocess.PIPE).stdout.decode()
        password = out.split("admin password: ")[1].split()[0]
        port = free_port()
        proc = subprocess.Popen([binary, "serve", "--db", db, "--port", str(port),
                                 "--max-per-address", "256"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        r, data = call(port, "POST", "/api/v1/session", {"username": "admin", "password": password})
        cookie = r.getheader("Set-Cookie").split(";")[0]
        csrf = json.loads(data)["csrf_token"]
        r, data = call(port, "POST", "/api/v1/tokens", {"name": "soak"},
                       {"Cookie": cookie, "X-CSRF-Token": csrf})
        token = json.loads(data)["token"]
        r, data = call(port, "GET", "/api/v1/facilities?region=%s&per_page=100" % BAZHONG,
                       headers={"Authorization": "Bearer " + token})
        ids = [str(f["id"]) for f in json.loads(data)["items"]]
        script = os.path.join(tmp, "mix.lua")
        with open(script, "w") as f:
            f.write(LUA % {"ids": ", ".join(ids), "region": BAZHONG, "token": token})
        samples, stop = [], threading.Event()

        def sample():
            while not stop.wait(1.0):
                samples.append(rss_mib(proc.pid))

        t = threading.Thread(target=sample)
        t.start()
        w = subprocess.run(["wrk", "-t2", "-c16", "-d%ds" % seconds, "--latency",
                            "-s", script, "-H", "Authorization: Bearer " + token,
                            "http://127.0.0.1:%d" % port], stdout=subprocess.PIPE,
                           check=True).stdout.decode()
        stop.set()
        t.join()
        requests = int(re.search(r"(\d+) requests in", w).group(1))
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", w).group(1))
        non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", w)
        sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", w)
        errors = (int(non2xx.group(1)) if non2xx else 0) + \
            (sum(int(x) for x in sock.groups()) if sock else 0)
        half = samples[len(samples) // 2:] or samples
        growth = (max(half) - half[0]) / half[0] if half and half[0] else 0.0
        res = {"seconds": seconds, "requests": requests, "rps": rps,
               "writes": requests // 10, "errors": errors,
               "rss_start_mib": round(samples[0], 1) if samples else None,
               "rss_mid_mib": round(half[0], 1) if half else None,
               "rss_end_mib": round(samples[-1], 1) if samples else None,
               "rss_max_mib": round(max(samples), 1) if samples else None,
               "second_half_growth": round(growth, 4)}
        with open(os.path.join(results, "soak.json"), "w") as f:
            json.dump(res, f, indent=1)
        print("soak: %d s, %d requests (%.0f/s, %d writes), %d errors; memory %s → %s MiB "
              "(second half +%.1f%%)" % (seconds, requests, rps, res["writes"], errors,
                                         res["rss_start_mib"], res["rss_end_mib"], growth * 100))
        if errors or growth > 0.10:
            print("soak: FAILED (errors, or memory not flat)", file=sys.stderr)
            return 1
        return 0
    finally:
        if proc:
            proc.terminate()
            proc.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
