// 各县（区）比较: one indicator's value, target and status in every
// sub-region of a region (GET indicators/compare) as a ranked table and a
// horizontal bar chart, best first, the target as a line; export links to
// the same figures as XLSX and CSV. The values shown are the API's exact
// decimal text: the bars plot them as numbers, the labels print the text.
import { h, replace } from '../dom.js';
import { t, getLang } from '../i18n.js';
import { get } from '../api.js';
import { errorBox, alertBox, loading, labelCells } from './common.js';
import { loadECharts } from './echarts.js';

const STATUSES = ['met', 'on_track', 'behind', 'missed', 'no_data', 'no_target', 'descriptive'];
export const STATUS_COLOR = { met: '#2f8f5b', on_track: '#d08a00', behind: '#c0392b', missed: '#8e2418', no_data: '#8a94a3', no_target: '#5b7fa6', descriptive: '#5b7fa6' };
const OPS = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '' };

const statusOf = (s) => (STATUSES.includes(s) ? s : 'no_data');

// Rows best first: by the API's rank, rows without a rank (no value) last
// in the API's order.
export function rankedRows(rows) {
  return (rows || [])
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.rank ?? Infinity) - (b.r.rank ?? Infinity) || a.i - b.i)
    .map((x) => x.r);
}

export function targetLabel(target) {
  if (!target || !target.op) return t('common.dash');
  if (target.op === 'text') return target.text || t('common.dash');
  return `${target.op_label ?? OPS[target.op] ?? target.op}${target.value ?? ''}`;
}

// "各县（区）比较" for a city, "各乡镇（街道）比较" for a county, and so on
// by the level of the region whose children are compared.
export function compareTitle(level) {
  return t(['province', 'city', 'county', 'township'].includes(level) ? `cmp.title.${level}` : 'cmp.title');
}

export function compareQuery(region, period, indicator, format) {
  const q = new URLSearchParams({ region, period, indicator });
  if (format) q.set('format', format);
  return q.toString();
}

function rowValue(r) {
  if (r.display !== null && r.display !== undefined && r.display !== '') return r.display;
  if (r.text) return r.text;
  return t('common.dash');
}

function table(data, rows, drillHref) {
  const tg = targetLabel(data.indicator.target);
  const cols = [t('cmp.col.rank'), t('cmp.col.region'), t('cmp.col.value'), t('cmp.col.target'), t('cmp.col.status')];
  return h(
    'div',
    { class: 'table-wrap cmp-table-wrap' },
    labelCells(
      h(
        'table',
        { class: 'data compact cmp-table stack-on-phone' },
        h('thead', null, h('tr', null, cols.map((c, i) => h('th', { scope: 'col', class: i === 0 || i === 2 || i === 3 ? 'num' : null }, c)))),
        h(
          'tbody',
          null,
          rows.length
            ? rows.map((r) =>
                h(
                  'tr',
                  { dataset: { code: r.code } },
                  h('td', { class: 'num cmp-rank' }, r.rank === null || r.rank === undefined ? t('common.dash') : String(r.rank)),
                  h('th', { scope: 'row', class: 'cmp-name' }, drillHref ? h('a', { href: drillHref(r.code) }, r.name) : r.name),
                  h('td', { class: 'num cmp-value', dataset: { v: r.value ?? '' } }, rowValue(r), r.value !== null && r.value !== undefined && data.indicator.unit ? h('span', { class: 'muted small' }, ` ${data.indicator.unit}`) : null),
                  // a sub-region without a target of its own is not held to the region's
                  h('td', { class: 'num cmp-target' }, r.status === 'no_target' || r.status === 'descriptive' ? t('common.dash') : r.target ? targetLabel(r.target) : tg),
                  h('td', null, h('span', { class: `status st-${statusOf(r.status)}` }, t(`ind.st.${statusOf(r.status)}`))),
                ),
              )
            : h('tr', { class: 'empty' }, h('td', { colspan: cols.length }, t('cmp.noRegions'))),
        ),
      ),
    ),
  );
}

function chart(echarts, el, data, rows, onDrill) {
  const shown = rows.filter((r) => r.value !== null && r.value !== undefined && Number.isFinite(Number(r.value)));
  if (!shown.length) {
    replace(el, alertBox('info', t('cmp.noValues')));
    el.classList.add('is-empty');
    return null;
  }
  el.style.height = `${Math.max(160, shown.length * 34 + 70)}px`;
  const ind = data.indicator;
  // the target line only where the target applies to the sub-regions
  const applies = rows.some((r) => r.status !== 'no_target' && r.status !== 'no_data');
  const tv = applies && ind.target && ind.target.value !== null && ind.target.value !== undefined && ind.target.value !== '' ? Number(ind.target.value) : NaN;
  const c = echarts.init(el, null, { renderer: 'canvas' });
  c.setOption({
    animation: false,
    tooltip: { trigger: 'item', formatter: (p) => `${p.name}${t('common.colon')}${shown[p.dataIndex].display ?? shown[p.dataIndex].value} ${ind.unit || ''} · ${t(`ind.st.${statusOf(shown[p.dataIndex].status)}`)}` },
    grid: { left: 8, right: 56, top: 30, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: ind.unit || '', max: (e) => (Number.isFinite(tv) ? Math.max(e.max, tv) : e.max) },
    // best first: the first row at the top
    yAxis: { type: 'category', inverse: true, data: shown.map((r) => r.name), axisLabel: { width: 96, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        name: getLang() === 'zh' ? ind.name : ind.name_en || ind.name,
        barMaxWidth: 22,
        data: shown.map((r) => ({ value: Number(r.value), itemStyle: { color: STATUS_COLOR[statusOf(r.status)] } })),
        // the label is the API's text, not the float the bar is drawn from
        label: { show: true, position: 'right', formatter: (p) => shown[p.dataIndex].display ?? String(shown[p.dataIndex].value) },
        markLine: Number.isFinite(tv)
          ? { symbol: 'none', lineStyle: { type: 'dashed', color: '#c0392b' }, label: { position: 'start', formatter: t('cmp.targetLine', { v: targetLabel(ind.target) }) }, data: [{ xAxis: tv }] }
          : undefined,
      },
    ],
  });
  if (onDrill) c.on('click', (p) => p.componentType === 'series' && onDrill(shown[p.dataIndex].code));
  return c;
}

function summaryLine(s) {
  if (!s) return null;
  // an indicator with no target is shown, never counted as met or missed
  if (s.descriptive) return h('p', { class: 'cmp-summary' }, t('desc.cmpSummary', { n: s.regions ?? 0, d: s.with_data ?? 0 }));
  return h('p', { class: 'cmp-summary' }, t('cmp.summary', { n: s.regions ?? 0, d: s.with_data ?? 0, met: s.met ?? 0, on: s.on_track ?? 0, behind: (s.behind ?? 0) + (s.missed ?? 0), none: s.no_data ?? 0, nt: s.no_target ?? 0 }));
}

// The comparison as one element, filled when the API answers.
// track(chart) keeps the chart for resizing and disposal; drillHref(code)
// gives a sub-region's link; onDrill(code) follows a click on a bar.
export function compareView({ region, period, indicator, track, isCurrent = () => true, drillHref, onDrill }) {
  const body = h('div', { class: 'cmp-body' }, loading());
  const el = h('div', { class: 'cmp-view', dataset: { indicator } }, body);
  (async () => {
    let data, echarts;
    try {
      [data, echarts] = await Promise.all([get('indicators/compare', { region, period, indicator }), loadECharts().catch(() => null)]);
    } catch (e) {
      if (isCurrent()) replace(body, errorBox(e));
      return;
    }
    if (!isCurrent() || !el.isConnected) return;
    const rows = rankedRows(data.rows);
    const chartEl = h('div', { class: 'cmp-chart', role: 'img', 'aria-label': t('cmp.chartLabel', { name: data.indicator.name, n: rows.length }) });
    const exports = h(
      'div',
      { class: 'cmp-exports' },
      h('a', { class: 'btn btn-small', href: `/api/v1/indicators/compare?${compareQuery(region, period, indicator, 'xlsx')}`, download: '', dataset: { format: 'xlsx' } }, t('cmp.exportXlsx')),
      h('a', { class: 'btn btn-small', href: `/api/v1/indicators/compare?${compareQuery(region, period, indicator, 'csv')}`, download: '', dataset: { format: 'csv' } }, t('cmp.exportCsv')),
    );
    const better = data.indicator.better === 'lower' ? t('cmp.betterLower') : data.indicator.better === 'higher' ? t('cmp.betterHigher') : t('cmp.betterNone');
    replace(
      body,
      h(
        'div',
        { class: 'cmp-head' },
        h(
          'div',
          { class: 'cmp-meta muted small' },
          [data.region && data.region.name, data.indicator.department, t('cmp.asOf', { d: data.as_of || t('common.dash') })].filter(Boolean).join(' · '),
          h('br'),
          data.indicator.target && data.indicator.target.year ? t('cmp.targetYear', { v: targetLabel(data.indicator.target), y: data.indicator.target.year }) : t('cmp.target', { v: targetLabel(data.indicator.target) }),
          ' · ',
          better,
        ),
        exports,
      ),
      summaryLine(data.summary),
      rows.length ? chartEl : null,
      table(data, rows, drillHref),
      h('p', { class: 'muted small cmp-rounding' }, t('cmp.rounding')),
    );
    if (!rows.length || !echarts) return;
    const c = chart(echarts, chartEl, data, rows, onDrill);
    if (c && track) track(c);
  })();
  return el;
}
