// 规划 · 15分钟服务圈: the share of residents within walking reach of a
// community elderly-care facility or a childcare place, the uncovered
// residential points (most populous first, paged), the sites that would
// cover most of them, and a sketch map drawn from the coordinates alone
// (ECharts scatter, no tiles: the platform runs on a closed network).
import { h, replace } from '../dom.js';
import { t, fmtNum } from '../i18n.js';
import { get } from '../api.js';
import { loading, errorBox, alertBox, emptyRow, selectEl, pager } from '../ui/common.js';
import { loadECharts, chartSet } from '../ui/echarts.js';
import { CHILDCARE_KINDS } from '../enums.js';
import { tableActions } from '../ui/table_export.js';

// the kinds the server counts as sites (docs/api.md, plan/coverage)
const SITE_KINDS = {
  elderly: ['community_complex', 'day_care_center', 'regional_center', 'mutual_aid_point', 'meal_point'],
  childcare: CHILDCARE_KINDS,
};
const PER_PAGE = 20;

// ECharts puts tooltip text into the page as markup: names are escaped
const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const MAX_SITES = 1000;

async function sitesWithCoordinates(region, kind) {
  const lists = await Promise.all(SITE_KINDS[kind].map((k) => get('facilities', { region, kind: k, status: 'open', per_page: MAX_SITES }).then((d) => d.items)));
  return lists.flat().filter((f) => typeof f.lat === 'number' && typeof f.lon === 'number');
}

function uncoveredList(cov) {
  const all = cov.uncovered || [];
  const box = h('div');
  const draw = (page) => {
    const slice = all.slice((page - 1) * PER_PAGE, page * PER_PAGE);
    replace(
      box,
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'data compact plan-uncovered' },
          h('thead', null, h('tr', null, [t('plan.cov.rank'), t('plan.point'), t('plan.people'), t('plan.cov.lat'), t('plan.cov.lon')].map((c, i) => h('th', { scope: 'col', class: i === 1 ? null : 'num' }, c)))),
          h(
            'tbody',
            null,
            slice.length
              ? slice.map((p, i) => h('tr', null, h('td', { class: 'num' }, String((page - 1) * PER_PAGE + i + 1)), h('td', null, p.name), h('td', { class: 'num' }, fmtNum(p.population)), h('td', { class: 'num mono' }, p.lat.toFixed(5)), h('td', { class: 'num mono' }, p.lon.toFixed(5))))
              : emptyRow(5),
          ),
        ),
      ),
      all.length > PER_PAGE ? pager({ total: all.length, page, perPage: PER_PAGE, onPage: draw }) : null,
    );
  };
  draw(1);
  return box;
}

function drawMap(echarts, el, cov, sites) {
  const unc = (cov.uncovered || []).map((p) => [p.lon, p.lat, p.population, p.name]);
  const sug = (cov.suggestions || []).map((s) => [s.lon, s.lat, s.adds_population, s.name]);
  const fac = sites.map((f) => [f.lon, f.lat, 0, f.name]);
  const maxPop = Math.max(1, ...unc.map((p) => p[2]));
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption({
    animation: false,
    legend: { top: 0 },
    tooltip: { trigger: 'item', formatter: (p) => `${escapeHtml(p.data[3])}${p.data[2] ? `<br>${escapeHtml(t('plan.people'))} ${fmtNum(p.data[2])}` : ''}` },
    grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
    // longitude and latitude on equal footing would need a projection; a
    // sketch at this scale reads fine with plain axes scaled to the data
    xAxis: { type: 'value', scale: true, name: t('plan.cov.lon'), axisLabel: { formatter: (v) => v.toFixed(2) } },
    yAxis: { type: 'value', scale: true, name: t('plan.cov.lat'), axisLabel: { formatter: (v) => v.toFixed(2) } },
    series: [
      { name: t('plan.cov.legend.uncovered'), type: 'scatter', data: unc, symbolSize: (d) => 6 + 14 * Math.sqrt(d[2] / maxPop), itemStyle: { color: '#c0392b', opacity: 0.75 } },
      { name: t('plan.cov.legend.sites'), type: 'scatter', data: fac, symbol: 'rect', symbolSize: 10, itemStyle: { color: '#2f8f5b' } },
      { name: t('plan.cov.legend.suggest'), type: 'scatter', data: sug, symbol: 'path://M50 0 L61 35 L98 35 L68 57 L79 91 L50 70 L21 91 L32 57 L2 35 L39 35 Z', symbolSize: 18, itemStyle: { color: '#e6a23c', borderColor: '#8a5a00' } },
    ],
  });
  return chart;
}

export async function renderCoverage(body, { region, query, isCurrent, apply }) {
  const kind = query.kind === 'childcare' ? 'childcare' : 'elderly';
  const kindSel = selectEl(['elderly', 'childcare'].map((k) => [k, t(`plan.cov.kind.${k}`)]), kind, { 'aria-label': t('plan.cov.kind'), onchange: (e) => apply({ kind: e.target.value }) });
  replace(body, h('div', { class: 'filters' }, h('label', { class: 'inline-label' }, t('plan.cov.kind'), ' ', kindSel)), loading());
  let cov, sites;
  try {
    [cov, sites] = await Promise.all([get('plan/coverage', { region, kind }), sitesWithCoordinates(region, kind).catch(() => [])]);
  } catch (e) {
    if (isCurrent()) replace(body, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  const mapEl = h('div', { class: 'plan-map', role: 'img', 'aria-label': t('plan.cov.map') });
  const hasCoords = (cov.uncovered || []).length || (cov.suggestions || []).length || sites.length;
  replace(
    body,
    h('div', { class: 'filters' }, h('label', { class: 'inline-label' }, t('plan.cov.kind'), ' ', kindSel)),
    tableActions('plan-coverage', () => ({ region, kind })),
    h(
      'section',
      { class: 'card' },
      h('h2', { class: 'card-title' }, t('plan.cov.titleKind', { m: fmtNum(cov.reach_m), k: t(`plan.cov.kind.${kind}`) })),
      cov.points
        ? h('p', { class: 'plan-share' }, h('strong', null, t('plan.covShare', { c: fmtNum(cov.covered_population), n: fmtNum(cov.total_population), s: cov.share ? cov.share.display : '' })), h('span', { class: 'muted small' }, ` · ${t('plan.cov.sitesCount', { n: fmtNum(cov.sites), p: fmtNum(cov.points) })}`))
        : alertBox('info', t('plan.noPoints')),
    ),
    h(
      'div',
      { class: 'plan-two' },
      h(
        'section',
        { class: 'card' },
        h('h2', { class: 'card-title' }, t('plan.uncovered', { n: fmtNum(cov.uncovered_points || 0) })),
        (cov.uncovered || []).length < (cov.uncovered_points || 0) ? h('p', { class: 'muted small' }, t('plan.cov.listed', { n: fmtNum(cov.uncovered.length) })) : null,
        uncoveredList(cov),
        h('h3', null, t('plan.suggestions')),
        (cov.suggestions || []).length ? h('ol', { class: 'plan-suggestions' }, cov.suggestions.map((s) => h('li', null, t('plan.suggestion', { name: s.name, n: fmtNum(s.adds_population) })))) : h('p', { class: 'muted' }, t('common.none')),
      ),
      h('section', { class: 'card' }, h('h2', { class: 'card-title' }, t('plan.cov.map')), hasCoords ? [h('p', { class: 'muted small' }, t('plan.cov.mapNote')), mapEl] : alertBox('info', t('plan.cov.noCoords'))),
    ),
  );
  if (!hasCoords) return;
  let echarts;
  try {
    echarts = await loadECharts();
  } catch {
    replace(mapEl, alertBox('error', t('dash.noCharts')));
    return;
  }
  if (!isCurrent()) return;
  const charts = chartSet();
  charts.track(drawMap(echarts, mapEl, cov, sites));
  return charts.cleanup;
}
