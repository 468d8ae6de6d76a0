#!/usr/bin/python3
"""The computed indicators of the 巴中 plan for every node, with pandas over
laoxiao's own CSV exports: the second baseline of bench/indicators/run.sh.

    laoxiao export regions --region ROOT > regions.csv
    laoxiao export population --region ROOT > population.csv
    laoxiao export facilities --region ROOT --as-of LAST_DAY > facilities.csv
    nodes_pandas.py ROOT PERIOD regions.csv population.csv facilities.csv

The facilities export with --as-of holds the facilities open on the
period's last day, each with the capacity in force then. Writes CSV to
standard output: code, indicator, value, numerator, denominator, as
nodes.sql does. Written from docs/policy.md; the exports carry no reported
values, so a value a department reported for a registry or population
element is not seen here (the synthetic city has none)."""

import sys

import numpy as np
import pandas as pd

# Significant digits of a code by its trailing zeros: a subtree is every
# code sharing them (docs/policy.md, region codes).
SIG = [(2, "0" * 10), (4, "0" * 8), (6, "0" * 6), (9, "0" * 3)]

# The formulas of the policy's computed indicators: numerator, denominator
# (None: none), factor.
FORMULAS = {
    "bazhong.elderly.01": ("beds", None, 0.0001),
    "bazhong.elderly.02": ("nursing_beds_ei", "beds_ei", 100),
    "bazhong.elderly.03": ("beds_social", "beds", 100),
    "bazhong.childcare.07": ("facilities_ci_filed", None, 1),
    "bazhong.childcare.09": ("slots", "residents", 1000),
    "bazhong.childcare.10": ("affordable_slots", "slots", 100),
    "bazhong.childcare.12": ("caregivers_ci", None, 1),
}


def sig_len(code):
    for k, zeros in SIG:
        if code[k:] == zeros:
            return k
    return 12


def read(path):
    return pd.read_csv(path, encoding="utf-8-sig", dtype=str,
                       keep_default_na=False)


def registry(nodes, fac):
    """Registry elements per node: sums over the facilities in the node's
    subtree; NaN where none is open."""
    for col in ("beds", "nursing_beds", "slots", "affordable_slots",
                "caregivers"):
        fac[col] = pd.to_numeric(fac[col].replace("", "0")).astype("int64")
    ei = fac["kind"] == "elderly_institution"
    ci = fac["kind"] == "childcare_institution"
    social = fac["operation"].isin(["public_private", "private_run"])
    per_facility = pd.DataFrame({
        "region": fac["region"],
        "open": 1,
        "beds": fac["beds"],
        "nursing_beds_ei": fac["nursing_beds"].where(ei, 0),
        "beds_ei": fac["beds"].where(ei, 0),
        "beds_social": fac["beds"].where(social, 0),
        "facilities_ci_filed": (ci & (fac["filing_status"] == "filed"))
        .astype("int64"),
        "slots": fac["slots"],
        "affordable_slots": fac["affordable_slots"],
        "caregivers_ci": fac["caregivers"].where(ci, 0),
    })
    parts = []
    for k in (2, 4, 6, 9, 12):
        at = nodes[nodes["k"] == k]
        if at.empty:
            continue
        sums = (per_facility.assign(prefix=per_facility["region"].str[:k])
                .drop(columns="region").groupby("prefix").sum())
        parts.append(at[["code"]].join(sums, on=at["code"].str[:k]))
    out = pd.concat(parts).set_index("code")
    # no open facility in the subtree: no value, not 0
    return out[out["open"].fillna(0) > 0].drop(columns="open")


def residents(nodes, pop, year):
    """A node's figure for the latest year up to `year` in which it has one,
    its own winning over the sum of its children's."""
    pop = pop[pop["metric"] == "residents"].copy()
    pop["year"] = pop["year"].astype(int)
    pop["value"] = pd.to_numeric(pop["value"]).astype("int64")
    pop = pop[(pop["year"] <= year) & pop["region"].isin(nodes.index)]
    parent = nodes["parent"].where(nodes["parent"].isin(nodes.index))
    depth = pd.Series(0, index=nodes.index)
    up = parent.copy()
    while up.notna().any():
        depth[up.notna()] += 1
        up = up.map(parent).where(up.notna())
    best = pd.Series(np.nan, index=nodes.index, dtype=object)
    for y in sorted(pop["year"].unique()):
        direct = pop[pop["year"] == y].set_index("region")["value"]
        value = pd.Series(pd.NA, index=nodes.index, dtype="Int64")
        value[direct.index] = direct
        for d in range(int(depth.max()), 0, -1):
            kids = value[(depth == d) & value.notna()]
            sums = kids.groupby(parent[kids.index]).sum()
            takers = sums.index[value[sums.index].isna()]
            value[takers] = sums[takers]
        got = value.notna()
        best[got] = value[got].astype(object)
    return best


def fmt(x):
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return ""
    if float(x) == int(x) and abs(x) < 1e15:
        return str(int(x))
    return repr(float(x))


def main(argv):
    if len(argv) != 6:
        sys.stderr.write(__doc__)
        return 2
    root, period, regions_csv, population_csv, facilities_csv = argv[1:]
    year = int(period[:4])
    k = sig_len(root)
    regions = read(regions_csv)
    nodes = regions[regions["code"].str[:k] == root[:k]].copy()
    nodes["k"] = nodes["code"].map(sig_len)
    reg = registry(nodes, read(facilities_csv))
    nodes = nodes.set_index("code")
    res = residents(nodes, read(population_csv), year)
    elements = pd.DataFrame(index=nodes.index).join(reg)
    elements["residents"] = res
    out = ["code,indicator,value,numerator,denominator"]
    for code, row in elements.sort_index().iterrows():
        for ind in sorted(FORMULAS):
            num_name, den_name, factor = FORMULAS[ind]
            num = row[num_name]
            den = row[den_name] if den_name else None
            value = None
            if pd.isna(num):
                num = den = None
            elif den_name is None:
                value = float(num) * factor
            elif pd.isna(den):
                num = den = None
            elif den != 0:
                value = float(num) / float(den) * factor
            out.append("%s,%s,%s,%s,%s" % (code, ind, fmt(value), fmt(num),
                                           fmt(den)))
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
