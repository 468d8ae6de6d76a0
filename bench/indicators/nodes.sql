-- The computed indicators of the 巴中 plan (policies/511900000000-bazhong.json,
-- the ones with a numerator) for every region of a subtree, straight from
-- laoxiao's tables: the baseline laoxiao's bulk evaluation is timed and
-- checked against. Written from docs/policy.md, not from laoxiao's code.
--
-- It reads its parameters from a temporary table the caller makes first:
--
--   sqlite3 -csv -header DB \
--     -cmd "CREATE TEMP TABLE bench_params AS SELECT '511900000000' AS root,
--           '2025' AS period, '2025-12-31' AS as_of, 2025 AS year" \
--     < bench/indicators/nodes.sql
--
-- Output, one row per node and indicator: code, indicator, value,
-- numerator, denominator (empty for no value). Integers are written as
-- integers, other numbers with 17 significant digits (they read back as
-- the same double). The rules, from docs/policy.md:
--   * a registry element at a node sums the facilities open on the period's
--     last day in the node's subtree (by code range) with the capacity in
--     force that day; a node with no open facility has no value;
--   * residents: the node's own figure for the latest year up to the
--     period's with any figure, else the sum over its children (by parent)
--     of theirs, recursively; a figure at a node wins over its children's;
--   * a value reported at the node for the element and period wins; a
--     value reported for an earlier period (the latest one ending on or
--     before the period's last day) stays in force where the node has no
--     newer figure: no open facility in its subtree (registry elements),
--     no population figure (residents);
--   * a missing element makes the expression missing; value = numerator /
--     denominator * factor (numerator * factor without a denominator); a
--     zero denominator gives no value; numerator and denominator are shown
--     only when the denominator (if any) could be evaluated.

-- Every region of the subtree with its own code range.
CREATE TEMP TABLE node AS
WITH sig AS (
  SELECT r.code, r.name, r.level, r.parent,
         CASE WHEN substr(r.code, 3) = '0000000000' THEN 2
              WHEN substr(r.code, 5) = '00000000' THEN 4
              WHEN substr(r.code, 7) = '000000' THEN 6
              WHEN substr(r.code, 10) = '000' THEN 9
              ELSE 12 END AS k
  FROM region r
), ranged AS (
  SELECT code, name, level, parent,
         substr(code, 1, k) || substr('000000000000', 1, 12 - k) AS lo,
         substr(code, 1, k) || substr('999999999999', 1, 12 - k) AS hi
  FROM sig
)
SELECT n.* FROM ranged n, ranged root, bench_params p
WHERE root.code = p.root AND n.code BETWEEN root.lo AND root.hi;

-- Facilities open on the day, each with its latest capacity entry on or
-- before it (none: zeros).
CREATE TEMP TABLE open_facility AS
WITH cap AS (
  SELECT c.*, row_number() OVER (PARTITION BY c.facility_id
                                 ORDER BY c.effective_date DESC) AS rn
  FROM capacity c, bench_params p
  WHERE c.effective_date <= p.as_of
)
SELECT f.region, f.kind, f.operation, f.filing_status, f.caregivers,
       coalesce(cap.beds, 0) AS beds,
       coalesce(cap.nursing_beds, 0) AS nursing_beds,
       coalesce(cap.slots, 0) AS slots,
       coalesce(cap.affordable_slots, 0) AS affordable_slots
FROM facility f
JOIN bench_params p
LEFT JOIN cap ON cap.facility_id = f.id AND cap.rn = 1
WHERE (f.opened_on IS NULL OR f.opened_on <= p.as_of)
  AND (f.closed_on IS NULL OR f.closed_on > p.as_of);

-- Registry elements per node, NULL where nothing is open in the subtree.
CREATE TEMP TABLE registry AS
SELECT n.code,
  CASE WHEN count(o.region) > 0 THEN sum(o.beds) END AS beds,
  CASE WHEN count(o.region) > 0 THEN
    total(CASE WHEN o.kind = 'elderly_institution' THEN o.nursing_beds END)
  END AS nursing_beds_ei,
  CASE WHEN count(o.region) > 0 THEN
    total(CASE WHEN o.kind = 'elderly_institution' THEN o.beds END)
  END AS beds_ei,
  CASE WHEN count(o.region) > 0 THEN
    total(CASE WHEN o.operation = 'public_private' THEN o.beds END)
  END AS beds_public_private,
  CASE WHEN count(o.region) > 0 THEN
    total(CASE WHEN o.operation = 'private_run' THEN o.beds END)
  END AS beds_private_run,
  CASE WHEN count(o.region) > 0 THEN
    total(o.kind = 'childcare_institution' AND o.filing_status = 'filed')
  END AS facilities_ci_filed,
  CASE WHEN count(o.region) > 0 THEN sum(o.slots) END AS slots,
  CASE WHEN count(o.region) > 0 THEN sum(o.affordable_slots) END
    AS affordable_slots,
  CASE WHEN count(o.region) > 0 THEN
    total(CASE WHEN o.kind = 'childcare_institution' THEN o.caregivers END)
  END AS caregivers_ci
FROM node n LEFT JOIN open_facility o ON o.region BETWEEN n.lo AND n.hi
GROUP BY n.code;

-- Ancestor-or-self pairs along parent links inside the subtree.
CREATE TEMP TABLE anc AS
WITH RECURSIVE a(node, anc) AS (
  SELECT code, code FROM node
  UNION
  SELECT a.node, r.parent FROM a JOIN node r ON r.code = a.anc
  WHERE r.parent IN (SELECT code FROM node)
)
SELECT * FROM a;
CREATE INDEX anc_node ON anc(node, anc);

CREATE TEMP TABLE residents_figure AS
SELECT f.region, f.year, f.value
FROM population f, bench_params p
WHERE f.metric = 'residents' AND f.year <= p.year
  AND f.region IN (SELECT code FROM node);
CREATE INDEX residents_figure_region ON residents_figure(region, year);

-- A node's residents in a year: the figures of the descendants-or-self
-- that have one with no figure on the way up to the node.
CREATE TEMP TABLE residents_by_year AS
SELECT x.anc AS code, f.year, sum(f.value) AS value
FROM anc x JOIN residents_figure f ON f.region = x.node
WHERE NOT EXISTS (
  SELECT 1 FROM anc up
  JOIN anc below ON below.node = up.anc AND below.anc = x.anc
  JOIN residents_figure g ON g.region = up.anc AND g.year = f.year
  WHERE up.node = f.region AND up.anc <> f.region)
GROUP BY x.anc, f.year;

CREATE TEMP TABLE residents AS
SELECT code, value FROM residents_by_year y
WHERE year = (SELECT max(year) FROM residents_by_year z
              WHERE z.code = y.code);

-- Elements at each node, a value reported there winning: one of the
-- period itself, or the latest of an earlier period (stale) where the node
-- has no newer figure of its own. A period ends on its last day; on the
-- same day the period asked wins, then the longer period.
CREATE TEMP TABLE element AS
WITH cand AS (
  SELECT r.element, r.region, r.value, r.period,
    CASE WHEN length(r.period) = 4 THEN r.period || '-12-31'
         WHEN substr(r.period, 5, 1) = 'Q'
         THEN date(substr(r.period, 1, 4) || '-'
                   || printf('%02d', substr(r.period, 6, 1) * 3) || '-01',
                   '+1 month', '-1 day')
         ELSE date(r.period || '-01', '+1 month', '-1 day') END AS last_day
  FROM reported_value r WHERE r.value IS NOT NULL
), ranked AS (
  SELECT c.*, c.period <> p.period AS stale,
         row_number() OVER (PARTITION BY c.element, c.region
                            ORDER BY c.last_day DESC, c.period = p.period DESC,
                                     length(c.period)) AS rn
  FROM cand c, bench_params p WHERE c.last_day <= p.as_of
), rep AS (
  SELECT element, region, value, stale FROM ranked WHERE rn = 1
)
SELECT n.code,
  coalesce((SELECT value FROM rep WHERE element = 'beds'
            AND region = n.code
            AND (NOT stale OR g.beds IS NULL)), g.beds) AS beds,
  coalesce((SELECT value FROM rep WHERE element
            = 'nursing_beds.elderly_institution' AND region = n.code
            AND (NOT stale OR g.beds IS NULL)),
           g.nursing_beds_ei) AS nursing_beds_ei,
  coalesce((SELECT value FROM rep WHERE element = 'beds.elderly_institution'
            AND region = n.code
            AND (NOT stale OR g.beds IS NULL)), g.beds_ei) AS beds_ei,
  coalesce((SELECT value FROM rep WHERE element = 'beds.public_private'
            AND region = n.code
            AND (NOT stale OR g.beds IS NULL)), g.beds_public_private)
    AS beds_public_private,
  coalesce((SELECT value FROM rep WHERE element = 'beds.private_run'
            AND region = n.code
            AND (NOT stale OR g.beds IS NULL)), g.beds_private_run) AS beds_private_run,
  coalesce((SELECT value FROM rep WHERE element
            = 'facilities.childcare_institution.filed' AND region = n.code
            AND (NOT stale OR g.beds IS NULL)),
           g.facilities_ci_filed) AS facilities_ci_filed,
  coalesce((SELECT value FROM rep WHERE element = 'slots'
            AND region = n.code
            AND (NOT stale OR g.beds IS NULL)), g.slots) AS slots,
  coalesce((SELECT value FROM rep WHERE element = 'affordable_slots'
            AND region = n.code
            AND (NOT stale OR g.beds IS NULL)), g.affordable_slots) AS affordable_slots,
  coalesce((SELECT value FROM rep WHERE element
            = 'caregivers.childcare_institution' AND region = n.code
            AND (NOT stale OR g.beds IS NULL)),
           g.caregivers_ci) AS caregivers_ci,
  coalesce((SELECT value FROM rep WHERE element = 'residents'
            AND region = n.code AND (NOT stale OR pr.value IS NULL)),
           pr.value) AS residents
FROM node n
JOIN registry g ON g.code = n.code
LEFT JOIN residents pr ON pr.code = n.code;

-- Visit targets (docs/policy.md "Visits" and "Data elements"), by the 巴中
-- policy's visits section: elderly at home, alive and aged 60 or more on
-- the day, in the region they lived in that day (the one they moved from
-- by the earliest move after it, else their region now), with a target
-- category in force; the tier an override in force names, else high after
-- a latest visit of risk high, else the first tier rule matching, else
-- regular. The monthly rate counts the high and key tiers; visited: a
-- visit in the calendar month of the day, up to the day.
CREATE TEMP TABLE visit_person AS
WITH alive AS (
  SELECT p.id,
    coalesce((SELECT m.from_region FROM person_move m
              WHERE m.person_id = p.id AND m.moved_on > bp.as_of
              ORDER BY m.moved_on, m.rowid LIMIT 1), p.region) AS region
  FROM person p, bench_params bp
  WHERE p.kind = 'elderly' AND p.residence = 'home'
    AND p.birth_date <= printf('%04d', substr(bp.as_of, 1, 4) - 60)
                        || substr(bp.as_of, 5)
    AND (p.deceased_on IS NULL OR p.deceased_on > bp.as_of)
), cat AS (
  SELECT a.id, a.region,
    max(c.category IN ('tekun_dispersed', 'dibao', 'low_income', 'disabled',
        'partly_disabled', 'dementia', 'severe_disability', 'living_alone',
        'advanced_age', 'family_planning_special', 'left_behind',
        'empty_nest')) AS target,
    max(c.category = 'living_alone') AS alone,
    max(c.category = 'disabled') AS disabled,
    max(c.category = 'dementia') AS dementia,
    max(c.category = 'left_behind') AS left_behind,
    max(c.category IN ('tekun_dispersed', 'dibao', 'low_income', 'disabled',
        'dementia', 'severe_disability', 'living_alone', 'left_behind',
        'family_planning_special')) AS key_cat
  FROM alive a JOIN person_category c ON c.person_id = a.id,
       bench_params bp
  WHERE c.start_date <= bp.as_of
    AND (c.end_date IS NULL OR c.end_date >= bp.as_of)
  GROUP BY a.id, a.region
)
SELECT t.id, t.region,
  CASE WHEN (SELECT v.tier FROM visit_tier v, bench_params bp
             WHERE v.person_id = t.id AND v.start_date <= bp.as_of
               AND (v.end_date IS NULL OR v.end_date > bp.as_of)
             ORDER BY v.start_date DESC, v.id DESC LIMIT 1)
            IN ('high', 'key', 'regular')
       THEN (SELECT v.tier FROM visit_tier v, bench_params bp
             WHERE v.person_id = t.id AND v.start_date <= bp.as_of
               AND (v.end_date IS NULL OR v.end_date > bp.as_of)
             ORDER BY v.start_date DESC, v.id DESC LIMIT 1)
       WHEN (SELECT w.risk FROM visit w, bench_params bp
             WHERE w.person_id = t.id AND w.visited_on <= bp.as_of
             ORDER BY w.visited_at DESC, w.id DESC LIMIT 1) = 'high'
       THEN 'high'
       WHEN (t.alone AND t.disabled) OR (t.alone AND t.dementia)
            OR (t.left_behind AND t.disabled) THEN 'high'
       WHEN t.key_cat THEN 'key'
       ELSE 'regular' END AS tier,
  EXISTS (SELECT 1 FROM visit w, bench_params bp
          WHERE w.person_id = t.id
            AND w.visited_on >= substr(bp.as_of, 1, 8) || '01'
            AND w.visited_on <= bp.as_of) AS visited
FROM cat t WHERE t.target;

-- counted per region people live in first, then summed over each node's
-- range of those (few) rows
CREATE TEMP TABLE visit_region AS
SELECT region, count(*) AS targets, sum(visited) AS visited
FROM visit_person WHERE tier IN ('high', 'key') GROUP BY region;
CREATE INDEX visit_region_code ON visit_region(region);

CREATE TEMP TABLE visit_node AS
SELECT n.code,
  coalesce((SELECT sum(v.targets) FROM visit_region v
            WHERE v.region BETWEEN n.lo AND n.hi), 0) AS targets,
  coalesce((SELECT sum(v.visited) FROM visit_region v
            WHERE v.region BETWEEN n.lo AND n.hi), 0) AS visited
FROM node n;

-- Parenting guidance (docs/policy.md "Data elements", 巴中's guidance
-- section: the calendar year): infants alive and born on the day, and
-- those of them reached by an activity held from the year's first day to
-- the day.
CREATE TEMP TABLE infant_region AS
SELECT p.region, count(*) AS infants,
  sum(CASE WHEN EXISTS (
        SELECT 1 FROM guidance_reach g
        JOIN guidance_activity a ON a.id = g.activity_id
        WHERE g.person_id = p.id
          AND a.held_on >= substr(bp.as_of, 1, 4) || '-01-01'
          AND a.held_on <= bp.as_of) THEN 1 ELSE 0 END) AS reached
FROM person p, bench_params bp
WHERE p.kind = 'infant' AND p.birth_date <= bp.as_of
  AND (p.deceased_on IS NULL OR p.deceased_on > bp.as_of)
GROUP BY p.region;
CREATE INDEX infant_region_code ON infant_region(region);

CREATE TEMP TABLE infant_node AS
SELECT n.code,
  coalesce((SELECT sum(i.infants) FROM infant_region i
            WHERE i.region BETWEEN n.lo AND n.hi), 0) AS infants,
  coalesce((SELECT sum(i.reached) FROM infant_region i
            WHERE i.region BETWEEN n.lo AND n.hi), 0) AS reached
FROM node n;

-- Staff of childcare facilities whose contract runs on the day, in the
-- occupations the "staff" section marks certified (docs/policy.md
-- "Staff"), and those of them holding a certificate, by the facility's
-- region.
CREATE TEMP TABLE staff_region AS
SELECT f.region,
  sum(CASE WHEN s.occupation IN ('childcare_worker', 'infant_carer',
        'nursery_worker', 'health_worker', 'social_worker', 'doctor',
        'nurse') THEN 1 ELSE 0 END) AS certifiable,
  sum(CASE WHEN s.occupation IN ('childcare_worker', 'infant_carer',
        'nursery_worker', 'health_worker', 'social_worker', 'doctor',
        'nurse') AND s.certificate <> '' THEN 1 ELSE 0 END) AS certified
FROM staff s JOIN facility f ON f.id = s.facility_id, bench_params bp
WHERE f.kind IN ('childcare_institution', 'family_childcare_point',
                 'kindergarten_nursery')
  AND s.contract_from <= bp.as_of
  AND (s.contract_to IS NULL OR s.contract_to >= bp.as_of)
GROUP BY f.region;

CREATE TEMP TABLE staff_node AS
SELECT n.code,
  coalesce((SELECT sum(x.certifiable) FROM staff_region x
            WHERE x.region BETWEEN n.lo AND n.hi), 0) AS certifiable,
  coalesce((SELECT sum(x.certified) FROM staff_region x
            WHERE x.region BETWEEN n.lo AND n.hi), 0) AS certified
FROM node n;

-- Childcare institutions open on the day holding a childcare star rating
-- in force on it (docs/policy.md "Data elements": star_rated_childcare),
-- by the facility's region.
CREATE TEMP TABLE star_region AS
SELECT f.region, count(*) AS stars
FROM facility f, bench_params bp
WHERE f.kind = 'childcare_institution'
  AND (f.closed_on IS NULL OR f.closed_on = '' OR f.closed_on > bp.as_of)
  AND EXISTS (SELECT 1 FROM facility_rating r
              WHERE r.facility_id = f.id AND r.scheme = 'childcare_star'
                AND r.rated_on <= bp.as_of AND r.valid_until >= bp.as_of)
GROUP BY f.region;

CREATE TEMP TABLE star_node AS
SELECT n.code,
  coalesce((SELECT sum(x.stars) FROM star_region x
            WHERE x.region BETWEEN n.lo AND n.hi), 0) AS stars
FROM node n;

-- The indicators: numerator, denominator (NULL: none) and factor.
CREATE TEMP TABLE formula AS
SELECT code, 'bazhong.elderly.01' AS indicator, beds AS num, NULL AS den,
       0 AS has_den, 0.0001 AS factor FROM element
UNION ALL
SELECT code, 'bazhong.elderly.02', nursing_beds_ei, beds_ei, 1, 100
FROM element
UNION ALL
SELECT code, 'bazhong.elderly.03', beds_public_private + beds_private_run,
       beds, 1, 100 FROM element
UNION ALL
SELECT code, 'bazhong.childcare.07', facilities_ci_filed, NULL, 0, 1
FROM element
UNION ALL
SELECT code, 'bazhong.childcare.09', slots, residents, 1, 1000 FROM element
UNION ALL
SELECT code, 'bazhong.childcare.10', affordable_slots, slots, 1, 100
FROM element
UNION ALL
SELECT code, 'bazhong.childcare.12', caregivers_ci, NULL, 0, 1 FROM element
UNION ALL
SELECT code, 'bazhong.elderly.09', visited, targets, 1, 100 FROM visit_node
UNION ALL
SELECT code, 'bazhong.childcare.06', reached, infants, 1, 100 FROM infant_node
UNION ALL
SELECT code, 'bazhong.childcare.20', certified, certifiable, 1, 100
FROM staff_node
UNION ALL
SELECT code, 'bazhong.childcare.08', stars, NULL, 0, 1 FROM star_node;

CREATE TEMP TABLE result AS
SELECT code, indicator,
  CASE WHEN num IS NULL THEN NULL
       WHEN has_den = 0 THEN num * factor
       WHEN den IS NULL OR den = 0 THEN NULL
       ELSE num * 1.0 / den * factor END AS value,
  CASE WHEN num IS NOT NULL AND (has_den = 0 OR den IS NOT NULL)
       THEN num END AS numerator,
  CASE WHEN num IS NOT NULL AND has_den = 1 THEN den END AS denominator
FROM formula;

-- 17 significant digits read back as the same double; SQLite's printf
-- gives more than 16 only with the '!' flag.
SELECT code, indicator,
  CASE WHEN value IS NULL THEN NULL
       WHEN value = CAST(value AS INTEGER) AND abs(value) < 1e15
       THEN CAST(value AS INTEGER) ELSE printf('%!.17g', value) END AS value,
  CASE WHEN numerator IS NULL THEN NULL
       WHEN numerator = CAST(numerator AS INTEGER)
       THEN CAST(numerator AS INTEGER) ELSE printf('%!.17g', numerator) END
    AS numerator,
  CASE WHEN denominator IS NULL THEN NULL
       WHEN denominator = CAST(denominator AS INTEGER)
       THEN CAST(denominator AS INTEGER) ELSE printf('%!.17g', denominator)
  END AS denominator
FROM result ORDER BY code, indicator;
