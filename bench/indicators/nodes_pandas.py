#!/usr/bin/python3
"""The computed indicators of the 巴中 plan for every node, with pandas over
laoxiao's own CSV exports: the second baseline of bench/indicators/run.sh.

    laoxiao export regions --region ROOT > regions.csv
    laoxiao export population --region ROOT > population.csv
    laoxiao export facilities --region ROOT --as-of LAST_DAY > facilities.csv
    nodes_pandas.py ROOT PERIOD regions.csv population.csv facilities.csv [DB]

The facilities export with --as-of holds the facilities open on the
period's last day, each with the capacity in force then. Writes CSV to
standard output: code, indicator, value, numerator, denominator, as
nodes.sql does. Written from docs/policy.md; the exports carry no reported
values, so a value a department reported for a registry or population
element is not seen here (the synthetic city has none). No export holds
visits: the monthly visit rate (bazhong.elderly.09) is read from the
tables of the SQLite database DB (people, their categories and moves,
visits, tier overrides), and so is the guidance coverage
(bazhong.childcare.06: infants and the guidance activities that reached
them); both are left out when DB is not given."""

import sqlite3
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
    "bazhong.elderly.09": ("visited", "targets", 100),
    "bazhong.childcare.06": ("guided", "infants", 100),
    "bazhong.childcare.20": ("staff_certified", "staff_certifiable", 100),
    "bazhong.childcare.08": ("star_rated_childcare", None, 1),
}

# The occupations the "staff" section marks certified that a childcare
# facility has (docs/policy.md "Staff").
CERTIFIED_CHILDCARE = ("childcare_worker", "infant_carer", "nursery_worker",
                       "health_worker", "social_worker", "doctor", "nurse")
CHILDCARE_KINDS = ("childcare_institution", "family_childcare_point",
                   "kindergarten_nursery")

# The 巴中 policy's visits section (policies/511900000000-bazhong.json):
# target categories, the tier rules in order, the tiers of the monthly
# rate.
TARGET_CATS = ["tekun_dispersed", "dibao", "low_income", "disabled",
               "partly_disabled", "dementia", "severe_disability",
               "living_alone", "advanced_age", "family_planning_special",
               "left_behind", "empty_nest"]
HIGH_ALL = [("living_alone", "disabled"), ("living_alone", "dementia"),
            ("left_behind", "disabled")]
KEY_ANY = ["tekun_dispersed", "dibao", "low_income", "disabled", "dementia",
           "severe_disability", "living_alone", "left_behind",
           "family_planning_special"]
TIERS = ["high", "key", "regular"]
MONTHLY = ["high", "key"]


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


def visit_targets(nodes, db, as_of):
    """Targets of the monthly rate on the day as_of and those visited in
    its calendar month up to it, per node (docs/policy.md "Visits")."""
    con = sqlite3.connect(db)
    q = lambda sql: pd.read_sql_query(sql, con)
    person = q("SELECT id, region, birth_date, deceased_on, residence"
               " FROM person WHERE kind = 'elderly'")
    moves = q("SELECT rowid AS seq, person_id, from_region, moved_on"
              " FROM person_move")
    cats = q("SELECT person_id, category, start_date, end_date"
             " FROM person_category")
    visits = q("SELECT id, person_id, visited_at, visited_on, risk FROM visit")
    tiers = q("SELECT id, person_id, tier, start_date, end_date"
              " FROM visit_tier")
    con.close()
    born_by = "%04d%s" % (int(as_of[:4]) - 60, as_of[4:])
    p = person[(person["residence"] == "home")
               & (person["birth_date"] <= born_by)
               & (person["deceased_on"].isna()
                  | (person["deceased_on"] > as_of))]
    # the region on the day: the one left by the earliest later move
    later = (moves[moves["moved_on"] > as_of]
             .sort_values(["moved_on", "seq"])
             .drop_duplicates("person_id"))
    p = p.merge(later[["person_id", "from_region"]], how="left",
                left_on="id", right_on="person_id")
    p["at"] = p["from_region"].fillna(p["region"])
    c = cats[(cats["start_date"] <= as_of)
             & (cats["end_date"].isna() | (cats["end_date"] >= as_of))]
    has = pd.crosstab(c["person_id"], c["category"]) > 0
    has = has.reindex(columns=sorted(set(TARGET_CATS) | set(KEY_ANY)),
                      fill_value=False).reindex(p["id"], fill_value=False)
    p = p[has[TARGET_CATS].any(axis=1).to_numpy()].copy()
    has = has.loc[p["id"]]
    t = (tiers[(tiers["start_date"] <= as_of)
               & (tiers["end_date"].isna() | (tiers["end_date"] > as_of))]
         .sort_values(["start_date", "id"])
         .drop_duplicates("person_id", keep="last")
         .set_index("person_id")["tier"])
    last = (visits[visits["visited_on"] <= as_of]
            .sort_values(["visited_at", "id"])
            .drop_duplicates("person_id", keep="last")
            .set_index("person_id")["risk"])
    override = p["id"].map(t)
    rule = pd.Series("regular", index=p.index)
    rule[has[KEY_ANY].any(axis=1).to_numpy()] = "key"
    high = np.zeros(len(p), dtype=bool)
    for a, b in HIGH_ALL:
        high |= (has[a] & has[b]).to_numpy()
    rule[high] = "high"
    rule[(p["id"].map(last) == "high").to_numpy()] = "high"
    tier = override.where(override.isin(TIERS), rule)
    month_first = as_of[:8] + "01"
    seen = set(visits[(visits["visited_on"] >= month_first)
                      & (visits["visited_on"] <= as_of)]["person_id"])
    per = pd.DataFrame({"region": p["at"].to_numpy(),
                        "targets": tier.isin(MONTHLY).to_numpy().astype("int64")})
    per["visited"] = (per["targets"].astype(bool)
                      & p["id"].isin(seen).to_numpy()).astype("int64")
    out = pd.DataFrame(0, index=nodes.index, columns=["targets", "visited"],
                       dtype="int64")
    for k in (2, 4, 6, 9, 12):
        at = nodes.index[nodes["k"] == k]
        if len(at) == 0:
            continue
        sums = (per.assign(prefix=per["region"].str[:k])
                .drop(columns="region").groupby("prefix").sum())
        got = sums.reindex(at.str[:k]).fillna(0).astype("int64")
        out.loc[at, "targets"] = got["targets"].to_numpy()
        out.loc[at, "visited"] = got["visited"].to_numpy()
    return out


def guided_infants(nodes, db, as_of):
    """Infants alive and born on the day as_of, and those of them reached
    by a guidance activity held in its calendar year up to it, per node
    (docs/policy.md "Data elements"; 巴中's reach_window)."""
    con = sqlite3.connect(db)
    q = lambda sql: pd.read_sql_query(sql, con)
    person = q("SELECT id, region, birth_date, deceased_on FROM person"
               " WHERE kind = 'infant'")
    reach = q("SELECT g.person_id, a.held_on FROM guidance_reach g"
              " JOIN guidance_activity a ON a.id = g.activity_id")
    con.close()
    p = person[(person["birth_date"] <= as_of)
               & (person["deceased_on"].isna()
                  | (person["deceased_on"] > as_of))]
    held = reach[(reach["held_on"] >= as_of[:4] + "-01-01")
                 & (reach["held_on"] <= as_of)]
    per = pd.DataFrame({"region": p["region"].to_numpy(),
                        "infants": np.ones(len(p), dtype="int64"),
                        "guided": p["id"].isin(set(held["person_id"]))
                        .to_numpy().astype("int64")})
    out = pd.DataFrame(0, index=nodes.index, columns=["infants", "guided"],
                       dtype="int64")
    for k in (2, 4, 6, 9, 12):
        at = nodes.index[nodes["k"] == k]
        if len(at) == 0:
            continue
        sums = (per.assign(prefix=per["region"].str[:k])
                .drop(columns="region").groupby("prefix").sum())
        got = sums.reindex(at.str[:k]).fillna(0).astype("int64")
        out.loc[at, "infants"] = got["infants"].to_numpy()
        out.loc[at, "guided"] = got["guided"].to_numpy()
    return out


def childcare_staff(nodes, db, as_of):
    """Staff of childcare facilities whose contract runs on as_of in a
    certified occupation, and those of them holding a certificate, per node
    by the facility's region."""
    con = sqlite3.connect(db)
    s = pd.read_sql_query(
        "SELECT f.region, f.kind, s.occupation, s.certificate,"
        " s.contract_from, s.contract_to FROM staff s"
        " JOIN facility f ON f.id = s.facility_id", con)
    con.close()
    s = s[s["kind"].isin(CHILDCARE_KINDS) & (s["contract_from"] <= as_of)
          & (s["contract_to"].isna() | (s["contract_to"] >= as_of))
          & s["occupation"].isin(CERTIFIED_CHILDCARE)]
    per = pd.DataFrame({"region": s["region"].to_numpy(),
                        "staff_certifiable": np.ones(len(s), dtype="int64"),
                        "staff_certified": (s["certificate"] != "")
                        .to_numpy().astype("int64")})
    cols = ["staff_certifiable", "staff_certified"]
    out = pd.DataFrame(0, index=nodes.index, columns=cols, dtype="int64")
    for k in (2, 4, 6, 9, 12):
        at = nodes.index[nodes["k"] == k]
        if len(at) == 0:
            continue
        sums = (per.assign(prefix=per["region"].str[:k])
                .drop(columns="region").groupby("prefix").sum())
        got = sums.reindex(at.str[:k]).fillna(0).astype("int64")
        for c in cols:
            out.loc[at, c] = got[c].to_numpy()
    return out


def star_rated(nodes, db, as_of):
    """Childcare institutions open on as_of holding a childcare star rating
    in force on it, per node by the facility's region."""
    con = sqlite3.connect(db)
    f = pd.read_sql_query(
        "SELECT f.region FROM facility f"
        " WHERE f.kind = 'childcare_institution'"
        " AND (f.closed_on IS NULL OR f.closed_on = '' OR f.closed_on > ?)"
        " AND EXISTS (SELECT 1 FROM facility_rating r"
        "  WHERE r.facility_id = f.id AND r.scheme = 'childcare_star'"
        "  AND r.rated_on <= ? AND r.valid_until >= ?)",
        con, params=(as_of, as_of, as_of))
    con.close()
    out = pd.DataFrame(0, index=nodes.index, columns=["star_rated_childcare"],
                       dtype="int64")
    for k in (2, 4, 6, 9, 12):
        at = nodes.index[nodes["k"] == k]
        if len(at) == 0:
            continue
        sums = f.assign(n=1, prefix=f["region"].str[:k]).groupby("prefix")["n"].sum()
        out.loc[at, "star_rated_childcare"] = (
            sums.reindex(at.str[:k]).fillna(0).astype("int64").to_numpy())
    return out


def fmt(x):
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return ""
    if float(x) == int(x) and abs(x) < 1e15:
        return str(int(x))
    return repr(float(x))


def main(argv):
    if len(argv) not in (6, 7):
        sys.stderr.write(__doc__)
        return 2
    root, period, regions_csv, population_csv, facilities_csv = argv[1:6]
    db = argv[6] if len(argv) == 7 else None
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
    formulas = dict(FORMULAS)
    if db:
        import calendar
        y = int(period[:4])
        m = 12 if len(period) == 4 else (int(period[5]) * 3 if period[4] == "Q"
                                          else int(period[5:7]))
        as_of = "%04d-%02d-%02d" % (y, m, calendar.monthrange(y, m)[1])
        elements = elements.join(visit_targets(nodes, db, as_of))
        elements = elements.join(guided_infants(nodes, db, as_of))
        elements = elements.join(childcare_staff(nodes, db, as_of))
        elements = elements.join(star_rated(nodes, db, as_of))
    else:
        del formulas["bazhong.elderly.09"]
        del formulas["bazhong.childcare.06"]
        del formulas["bazhong.childcare.20"]
        del formulas["bazhong.childcare.08"]
    out = ["code,indicator,value,numerator,denominator"]
    for code, row in elements.sort_index().iterrows():
        for ind in sorted(formulas):
            num_name, den_name, factor = formulas[ind]
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
