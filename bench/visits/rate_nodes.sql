-- The monthly visit rate of the 巴中 plan (bazhong.elderly.09, 特殊困难老年人
-- 月探访率) for every region of a subtree, straight from laoxiao's tables:
-- the baseline bench/visits.py times laoxiao's evaluation against. The
-- same rules as the visit part of bench/indicators/nodes.sql, written from
-- docs/policy.md "Visits" and "Data elements", not from laoxiao's code.
--
--   sqlite3 -csv -header DB \
--     -cmd "CREATE TEMP TABLE bench_params AS SELECT '511900000000' AS root,
--           '2021-06' AS period, '2021-06-30' AS as_of, 2021 AS year" \
--     < bench/visits/rate_nodes.sql
--
-- Output, one row per node: code, indicator, value, numerator,
-- denominator, as nodes.sql writes them.

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

SELECT code, 'bazhong.elderly.09' AS indicator,
  CASE WHEN targets = 0 THEN NULL
       ELSE printf('%!.17g', visited * 1.0 / targets * 100) END AS value,
  visited AS numerator, targets AS denominator
FROM visit_node ORDER BY code;
