"""The inspection draw "lx-inspect-draw/1" written again from its
description in docs/api.md ("Inspectors, plans and the random draw"), in
Python, so the tests can re-draw a published plan without the server's
code: the same list from the same inputs and seed is the point of 一公开."""

import hashlib
from datetime import date, timedelta

M64 = (1 << 64) - 1


class Rng:
    def __init__(self, seed):
        key = hashlib.sha256(seed.encode("utf-8")).digest()
        self.s = [int.from_bytes(key[8 * i:8 * i + 8], "little") for i in range(4)]
        if not any(self.s):
            self.s[0] = 1

    @staticmethod
    def rotl(x, k):
        return ((x << k) | (x >> (64 - k))) & M64

    def next(self):
        s = self.s
        out = (self.rotl((s[1] * 5) & M64, 7) * 9) & M64
        t = (s[1] << 17) & M64
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = self.rotl(s[3], 45)
        return out

    def below(self, n):
        least = ((1 << 64) - n) % n
        while True:
            x = self.next()
            if x >= least:
                return x % n


def working(d, holidays):
    return d.weekday() < 5 and d.isoformat() not in holidays


def notice_day(d, n, holidays):
    while n:
        d -= timedelta(days=1)
        if working(d, holidays):
            n -= 1
    return d


def redraw(inputs, seed):
    rng = Rng(seed)
    items, targets, people = inputs["items"], inputs["targets"], inputs["inspectors"]
    holidays = set(inputs.get("holidays", []))
    masks = [0] * len(targets)
    for i, it in enumerate(items):
        elig = [t for t, tg in enumerate(targets) if tg["kind"] in it["kinds"]]
        chosen, pool = 0, []
        for t in elig:
            if it.get("floor") and targets[t]["needs_floor"]:
                masks[t] |= 1 << i
                chosen += 1
            else:
                pool.append(t)
        k = -(-it["rate_percent"] * len(elig) // 100)
        total = sum(targets[t]["weight"] for t in pool)
        while chosen < k and pool:
            x, acc = rng.below(total), 0
            for j, t in enumerate(pool):
                acc += targets[t]["weight"]
                if x < acc:
                    break
            masks[t] |= 1 << i
            total -= targets[t]["weight"]
            pool.pop(j)
            chosen += 1
    first = date.fromisoformat(inputs["first_day"])
    last = date.fromisoformat(inputs["last_day"])
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    days = [d for d in days if working(d, holidays)]
    out = []
    for t, m in enumerate(masks):
        if not m:
            continue
        fid = targets[t]["id"]
        day = days[rng.below(len(days))]
        depts = {items[i]["department"] for i in range(len(items)) if m >> i & 1}
        free = [p for p in people if fid not in p["ties"]]
        own = [p["id"] for p in free if p["department"] in depts]
        rest = [p["id"] for p in free if p["department"] not in depts]
        picked = []
        while len(picked) < inputs["per_check"] and own:
            picked.append(own.pop(rng.below(len(own))))
        while len(picked) < inputs["per_check"]:
            if not rest:
                raise ValueError("facility %d: too few inspectors" % fid)
            picked.append(rest.pop(rng.below(len(rest))))
        out.append({
            "facility_id": fid,
            "items": [items[i]["code"] for i in range(len(items)) if m >> i & 1],
            "scheduled_on": day.isoformat(),
            "notice_on": notice_day(day, inputs["notice_working_days"], holidays).isoformat(),
            "inspectors": sorted(picked),
        })
    return out
