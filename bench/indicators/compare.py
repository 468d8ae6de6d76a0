#!/usr/bin/env python3
"""Checks that laoxiao's every-node indicators agree exactly with baselines.

    compare.py LAOXIAO.json BASELINE.csv [BASELINE.csv ...]

LAOXIAO.json is `laoxiao indicators --all-nodes --json` (or the body of GET
/api/v1/indicators/nodes); each BASELINE.csv has the columns code, indicator,
value, numerator, denominator (bench/indicators/nodes.sql, nodes_pandas.py).

Agreement means: the same nodes; the same computed indicators (those with a
numerator in laoxiao's policy, so a new formula the baselines miss fails);
numerators and denominators equal as decimals. laoxiao's figures are decimal
text computed exactly: each value must be its numerator over its denominator
times the factor, as a rational number, rounded half up to the indicator's
places (at least 2 when not whole), and the baselines' values (doubles) must
be that rational number up to the one rounding to a double, so a value all
three got equally wrong still fails. Prints what disagrees and exits 1 on any
disagreement, 0 when all agree."""

import csv
import json
import sys
from decimal import Decimal
from fractions import Fraction

MAX_SHOWN = 20


def number(text):
    """None for no value, else a Decimal read exactly from the text."""
    if text is None or text == "":
        return None
    return Decimal(str(text))


def laoxiao_rows(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    computed = {d["id"]: d for d in doc["indicators"] if d["numerator"]}
    rows = {}
    for node in doc["nodes"]:
        for ind_id in computed:
            r = node["indicators"].get(ind_id)
            if r is None:
                rows[(node["code"], ind_id)] = "missing at this node"
                continue
            for k in ("value", "numerator", "denominator"):
                if r[k] is not None and not isinstance(r[k], str):
                    raise SystemExit("laoxiao %s %s: %s is not decimal text: %r"
                                     % (node["code"], ind_id, k, r[k]))
            rows[(node["code"], ind_id)] = tuple(
                number(r[k]) for k in ("value", "numerator", "denominator"))
    return computed, rows


def baseline_rows(path):
    rows = {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            key = (r["code"], r["indicator"])
            if key in rows:
                rows[key] = "listed twice"
            else:
                rows[key] = (number(r["value"]), number(r["numerator"]),
                             number(r["denominator"]))
    return rows


def half_up(x, places):
    """The exact x rounded half up to places decimals, as a Decimal."""
    scaled = x * 10 ** places
    n = (abs(scaled.numerator) * 2 + scaled.denominator) // (2 * scaled.denominator)
    return Decimal(-n if x < 0 else n).scaleb(-places)


def exact_value(values, factor):
    """num / den * factor as a Fraction, or None."""
    _, num, den = values
    if num is None or (den is not None and den == 0):
        return None
    exact = Fraction(num) * Fraction(str(factor))
    return exact / Fraction(den) if den is not None else exact


def rounding_problem(values, factor, places):
    """Why laoxiao's value is not num / den * factor rounded half up, or None."""
    value = values[0]
    exact = exact_value(values, factor)
    if value is None:
        return None if exact is None else "no value, exactly %s" % exact
    if exact is None:
        return "value %s without a numerator or with a zero denominator" % value
    want = half_up(exact, places if exact.denominator == 1 else max(places, 2))
    return None if value == want and str(value) == str(want) else \
        "value %s is not %s/%s*%s rounded half up (%s)" % (value, values[1], values[2],
                                                          factor, want)


def rational_problem(values, factor):
    """Why value is not num / den * factor, or None."""
    value, num, den = values
    if value is None:
        return None
    if num is None:
        return "a value without a numerator"
    exact = Fraction(num) * Fraction(str(factor))
    if den is not None:
        if den == 0:
            return "a value with a zero denominator"
        exact /= Fraction(den)
    got = Fraction(float(value))
    # a double holds 53 bits: two roundings (divide, multiply) stay within
    # a few units in the last place
    if exact == 0:
        return None if got == 0 else "value %s, exactly 0" % value
    if abs(got - exact) / abs(exact) > Fraction(1, 2 ** 50):
        return "value %s is not %s/%s*%s" % (value, num, den, factor)
    return None


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    computed, mine = laoxiao_rows(argv[1])
    ids = set(computed)
    codes = {c for c, _ in mine}
    problems = []
    for key, values in sorted(mine.items()):
        if isinstance(values, str):
            problems.append("laoxiao %s %s: %s" % (key + (values,)))
            continue
        d = computed[key[1]]
        why = rounding_problem(values, d["factor"], d["places"])
        if why:
            problems.append("laoxiao %s %s: %s" % (key + (why,)))
    for path in argv[2:]:
        theirs = baseline_rows(path)
        their_ids = {i for _, i in theirs}
        their_codes = {c for c, _ in theirs}
        for i in sorted(ids - their_ids):
            problems.append("%s: no indicator %s" % (path, i))
        for i in sorted(their_ids - ids):
            problems.append("%s: indicator %s is not a computed one" % (path, i))
        for c in sorted(codes - their_codes)[:MAX_SHOWN]:
            problems.append("%s: node %s missing" % (path, c))
        for c in sorted(their_codes - codes)[:MAX_SHOWN]:
            problems.append("%s: node %s is not in laoxiao's subtree" % (path, c))
        for key in sorted(set(mine) & set(theirs)):
            a, b = mine[key], theirs[key]
            if isinstance(a, str):
                continue
            if isinstance(b, str):
                problems.append("%s %s %s: %s" % ((path,) + key + (b,)))
                continue
            why = rational_problem(b, computed[key[1]]["factor"])
            if why:
                problems.append("%s %s %s: %s" % ((path,) + key + (why,)))
            if a[1:] != b[1:] or (a[0] is None) != (b[0] is None):
                problems.append(
                    "%s %s %s: laoxiao value %s = %s/%s, baseline %s = %s/%s"
                    % ((path,) + key + a + b))
        print("%s: %d nodes x %d indicators compared"
              % (path, len(their_codes & codes), len(their_ids & ids)))
    for p in problems[:MAX_SHOWN]:
        print("DISAGREE " + p)
    if len(problems) > MAX_SHOWN:
        print("... and %d more" % (len(problems) - MAX_SHOWN))
    if problems:
        print("%d disagreements" % len(problems))
        return 1
    print("agree: %d nodes, %d indicators, %d baselines"
          % (len(codes), len(ids), len(argv) - 2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
