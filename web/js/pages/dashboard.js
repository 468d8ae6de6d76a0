// 总览: for a region and a year, the plan's indicators as cards (binding
// ones that are behind first), the trend of one indicator over the
// periods, charts of elderly-care beds and childcare places by the
// region's sub-regions, and beds per 1000 elderly and slots per 1000
// residents by sub-region; a bar or a name drills down (city → county →
// township). It opens on the user's jurisdiction (dash_region.js); rows
// still waiting for a figure are one line linking to their list, and the
// status chips and cards open the indicator list at that status.
import { h, replace } from '../dom.js';
import { t, fmtNum, getLang } from '../i18n.js';
import { get } from '../api.js';
import { go, href } from '../router.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox, yearSelect } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';
import { loadECharts, chartSet } from '../ui/echarts.js';
import { per1000Rows, per1000Table, per1000Chart } from './dash_per1000.js';
import { trendCard } from './dash_trend.js';
import { dashRegion } from './dash_region.js';
import { compareCard } from './dash_compare.js';
import { periodLabel } from './indicators.js';

const ORDER = { missed: 0, behind: 0, on_track: 1, no_data: 2, no_target: 2, descriptive: 2, met: 3 };

// Cards in the order an official reads them: binding and behind first.
export function cardOrder(inds) {
  const rank = (i) => (i.attribute === 'binding' && (i.status === 'behind' || i.status === 'missed') ? -1 : ORDER[i.status] ?? 2);
  return [...inds].sort((a, b) => rank(a) - rank(b) || (a.seq ?? 0) - (b.seq ?? 0));
}

// Progress towards the target as a fraction 0..1, or null when it cannot
// be said (no value, no numeric target).
export function progress(ind) {
  // a descriptive indicator has no target: nothing to make progress toward
  if (ind.status === 'descriptive') return null;
  // values and targets come as decimal strings ("56.70", "2.3"), exact as
  // computed and as the plan wrote them; the bar only needs a proportion
  const v = ind.value === null || ind.value === undefined ? NaN : Number(ind.value);
  const raw = ind.target ? ind.target.value : null;
  const tg = raw === null || raw === undefined || raw === '' ? NaN : Number(raw);
  if (!Number.isFinite(v) || !Number.isFinite(tg) || tg === 0) return null;
  if (ind.target.op === '<=') return v <= tg ? 1 : Math.max(0, tg / v);
  return Math.max(0, Math.min(1, v / tg));
}

const indList = (region, year, extra) => href('indicators', { region, period: String(year), ...extra });

function card(ind, region, year) {
  const p = progress(ind);
  const name = getLang() === 'zh' ? ind.name : ind.name_en || ind.name;
  return h(
    'article',
    { class: ['dash-card', `dash-${ind.status}`, ind.attribute === 'binding' && 'is-binding'] },
    h('div', { class: 'dash-card-head' }, h('span', { class: `status st-${ind.status}` }, t(`ind.st.${ind.status}`)), ind.attribute === 'binding' ? h('span', { class: 'tag tag-binding' }, t('dash.binding')) : null),
    h('h3', { class: 'dash-card-name' }, h('a', { href: indList(region, year, { status: ind.status }), title: t('dash.cardOpen') }, name)),
    h('div', { class: 'dash-card-value' }, ind.display ?? t('common.dash'), ind.unit ? h('span', { class: 'muted small' }, ` ${ind.unit}`) : null),
    ind.stated ? h('div', { class: 'muted small' }, t('ind.statedAsOf', { p: periodLabel(ind.stated.period) })) : null,
    ind.partial ? h('div', { class: 'muted small' }, t('ind.partialOf', { n: getLang() === 'zh' ? ind.partial.note_zh : ind.partial.note })) : null,
    ind.status === 'descriptive' ? h('div', { class: 'muted small', title: t('desc.noTargetHint') }, t('desc.noTarget')) : h('div', { class: 'muted small' }, t('dash.target', { y: ind.target && ind.target.year ? ind.target.year : '', v: ind.target ? ind.target.text || `${ind.target.op_label ?? ''}${ind.target.value ?? ''}` : t('common.dash') })),
    p === null ? null : h('div', { class: 'dash-bar', role: 'img', 'aria-label': t('dash.progress', { p: Math.round(p * 100) }) }, h('span', { style: { width: `${Math.round(p * 100)}%` } })),
  );
}

function chartBox(title) {
  const el = h('div', { class: 'dash-chart', role: 'img', 'aria-label': title });
  return { el, wrap: h('section', { class: 'card dash-chart-card' }, h('h2', { class: 'card-title' }, title), el) };
}

export async function render(main, { query, isCurrent }) {
  replace(main, h('h1', { class: 'page-title' }, t('dash.title')), loading());
  const region = await dashRegion(query, state.user);
  if (!isCurrent()) return;
  const nowYear = new Date().getFullYear();
  const year = /^\d{4}$/.test(query.period || '') ? Number(query.period) : nowYear;
  const apply = (changes) => go('dashboard', { region, period: String(year), ...changes });
  const picker = regionPicker({ value: region, onChange: (code) => code && apply({ region: code }) });
  const yearSel = yearSelect(year, (y) => apply({ period: y }));
  const cards = h('div', { class: 'dash-cards' }, loading());
  const beds = chartBox(t('dash.chartBeds'));
  const slots = chartBox(t('dash.chartSlots'));
  const crumbs = h('nav', { class: 'breadcrumb-wrap', 'aria-label': t('dash.path') });
  const trendSlot = h('div', { class: 'dash-trend-slot' });
  const cmpSlot = h('div', { class: 'dash-cmp-slot' });
  const asOfEl = h('p', { class: 'dash-asof muted small' });
  const per1000El = h('div', { class: 'dash-chart', role: 'img', 'aria-label': t('dash.p.title') });
  const per1000Body = h('div', null, loading());
  const per1000 = { wrap: h('section', { class: 'card dash-per1000-card' }, h('h2', { class: 'card-title' }, t('dash.p.title')), per1000El, per1000Body) };
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('dash.title')), h('div', { class: 'dash-filters' }, picker.el, yearSel)),
    crumbs,
    asOfEl,
    cards,
    trendSlot,
    cmpSlot,
    h('div', { class: 'dash-charts' }, beds.wrap, slots.wrap),
    per1000.wrap,
  );

  const asOf = year >= nowYear ? undefined : `${year}-12-31`;
  let ind, kids, sums, self;
  try {
    [ind, kids, self] = await Promise.all([get('indicators', { region, period: String(year) }), get('regions', { parent: region }), get(`regions/${region}`)]);
    sums = await Promise.all(kids.items.map((k) => get('facilities/summary', { region: k.code, as_of: asOf }).catch(() => null)));
  } catch (e) {
    if (isCurrent()) replace(cards, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  const path = self.path && self.path.length ? self.path : [{ code: self.code, name: self.name }];
  // ancestors above the user's scope are named but not linked
  const scopeAt = state.user.region ? Math.max(0, path.findIndex((p) => p.code === state.user.region)) : 0;
  replace(
    crumbs,
    h(
      'ol',
      { class: 'breadcrumb' },
      path.map((r, i) =>
        h('li', null, i === path.length - 1 ? h('span', { 'aria-current': 'page' }, r.name) : i < scopeAt ? r.name : h('a', { href: `#/dashboard?region=${r.code}&period=${year}` }, r.name)),
      ),
    ),
  );

  replace(asOfEl, t('dash.asOf', { d: ind.as_of || t('common.dash') }));
  const list = cardOrder(ind.indicators || []);
  const counts = { met: 0, on_track: 0, behind: 0, missed: 0, no_data: 0, no_target: 0 };
  // descriptive rows (no target) get a chip only when there are some
  if (list.some((i) => i.status === 'descriptive')) counts.descriptive = 0;
  for (const i of list) counts[i.status in counts ? i.status : 'no_data'] += 1;
  // rows with no figure yet are one line, so the ones with figures stay in view
  const withFigure = list.filter((i) => i.status !== 'no_data');
  const chip = (k, n) =>
    n ? h('a', { class: `status st-${k} dash-chip`, href: indList(region, year, { status: k }), dataset: { status: k } }, `${t(`ind.st.${k}`)} ${fmtNum(n)}`) : h('span', { class: `status st-${k} is-zero` }, `${t(`ind.st.${k}`)} 0`);
  replace(
    cards,
    h('p', { class: 'dash-counts' }, Object.entries(counts).map(([k, n]) => chip(k, n)), h('a', { href: indList(region, year), class: 'small' }, t('dash.allIndicators'))),
    counts.no_data ? h('p', { class: 'dash-todo' }, h('a', { href: indList(region, year, { status: 'no_data' }), dataset: { n: String(counts.no_data) } }, t('dash.todo', { n: fmtNum(counts.no_data) }))) : null,
    withFigure.length ? h('div', { class: 'dash-grid' }, withFigure.slice(0, 12).map((i) => card(i, region, year))) : alertBox('info', list.length ? t('dash.noFigures') : t('dash.noIndicators')),
  );

  const charts = chartSet();
  // the indicator trend: the one in the address, else the first card's
  const withIds = list.filter((i) => i.id);
  let chosen = withIds.some((i) => i.id === query.ind) ? query.ind : withIds.length ? withIds[0].id : '';
  let cmpChosen = query.cmp || '';
  let trendChart = null;
  const trackTrend = (c) => {
    if (trendChart) trendChart.dispose();
    trendChart = charts.track(c);
    return c;
  };
  const showTrend = () =>
    replace(
      trendSlot,
      trendCard({
        indicators: withIds,
        region,
        chosen,
        loadECharts,
        track: trackTrend,
        isCurrent,
        onChoose: (id) => {
          chosen = id;
          // the address keeps the choice without a re-render of the page
          history.replaceState(null, '', href('dashboard', { region, period: String(year), ind: id, cmp: cmpChosen }));
          showTrend();
        },
      }),
    );
  showTrend();

  // the comparison across the sub-regions: the indicator in the address, else the default
  let cmpChart = null;
  const trackCmp = (c) => {
    if (cmpChart) cmpChart.dispose();
    cmpChart = charts.track(c);
    return c;
  };
  const showCompare = () =>
    replace(
      cmpSlot,
      kids.items.length
        ? compareCard({
            indicators: ind.indicators || [],
            region,
            level: self.level,
            period: String(year),
            chosen: cmpChosen,
            track: trackCmp,
            isCurrent,
            onChoose: (id) => {
              cmpChosen = id;
              history.replaceState(null, '', href('dashboard', { region, period: String(year), ind: chosen, cmp: id }));
              showCompare();
            },
            onDrill: (code) => apply({ region: code, cmp: cmpChosen }),
          })
        : null,
    );
  showCompare();

  const names = kids.items.map((k) => k.name);
  const total = (s, key) => (s && s.total ? s.total[key] || 0 : 0);
  if (!kids.items.length) {
    replace(beds.el, alertBox('info', t('dash.leaf')));
    replace(slots.el, alertBox('info', t('dash.leaf')));
    replace(per1000El);
    replace(per1000Body, alertBox('info', t('dash.leaf')));
    return charts.cleanup;
  }
  let echarts, rows;
  try {
    [echarts, rows] = await Promise.all([loadECharts(), per1000Rows(kids.items, sums, year)]);
  } catch {
    replace(beds.el, alertBox('error', t('dash.noCharts')));
    return charts.cleanup;
  }
  if (!isCurrent()) return charts.cleanup;
  // an empty chart says why instead of drawing empty axes
  const registered = sums.reduce((n, s) => n + total(s, 'count'), 0);
  const has = (keys) => sums.some((s) => keys.some((k) => total(s, k) > 0));
  const bar = (el, series) => {
    if (!registered || !has(series.map(([k]) => k))) {
      el.classList.add('is-empty');
      replace(el, alertBox('info', registered ? t(series[0][0] === 'beds' ? 'dash.noBeds' : 'dash.noSlots') : t('dash.noFacilities')));
      return null;
    }
    const chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 32, containLabel: true },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0, width: 90, overflow: 'truncate' } },
      yAxis: { type: 'value' },
      series: series.map(([key, color]) => ({ name: t(`f.${key}`), type: 'bar', data: sums.map((s) => total(s, key)), itemStyle: { color } })),
    });
    chart.on('click', (p) => apply({ region: kids.items[p.dataIndex].code }));
    return chart;
  };
  for (const c of [
    bar(beds.el, [
      ['beds', '#2a6bb8'],
      ['nursing_beds', '#7fb0e0'],
    ]),
    bar(slots.el, [
      ['slots', '#2f8f5b'],
      ['affordable_slots', '#9dd3b0'],
    ]),
  ])
    if (c) charts.track(c);
  replace(per1000Body, per1000Table(rows, year));
  const p1000 = per1000Chart(echarts, per1000El, rows, (code) => apply({ region: code }));
  if (p1000) charts.track(p1000);
  return charts.cleanup;
}
