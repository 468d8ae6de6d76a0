// 规划 · 需求与缺口: childcare slots, beds and nursing beds needed by the
// policy's standards against what exists, as a table (with the standard
// cited and the rounding said) and as a bar chart.
import { h, replace } from '../dom.js';
import { t, fmtNum, label } from '../i18n.js';
import { get } from '../api.js';
import { errorBox, alertBox, labelCells } from '../ui/common.js';
import { loadECharts, chartSet } from '../ui/echarts.js';
import { planPhrase } from './plan_text.js';

const KEYS = ['slots', 'beds', 'nursing_beds'];
export const num = (v) => (v === null || v === undefined ? t('common.dash') : fmtNum(Math.round(v * 100) / 100));

function standardCell(g) {
  const std = g.standard || (g.method && typeof g.method === 'object' ? g.method : null);
  if (!std) return h('td', { class: 'small muted' }, t('plan.noMethod'));
  return h('td', { class: 'small' }, std.value ? h('strong', null, std.value, ' ') : null, h('span', { class: 'muted' }, std.source || ''));
}

function gapRow(key, g) {
  const need = g.need ? g.need.value : null;
  const supply = g.supply ? g.supply.value : null;
  const gap = g.gap || {};
  const r = g.rounded;
  return h(
    'tr',
    { dataset: { key } },
    h('th', { scope: 'row' }, t(`plan.${key}`)),
    h('td', { class: 'num' }, num(need)),
    h('td', { class: 'num' }, num(supply), g.supply && g.supply.origin ? h('div', { class: 'muted small' }, planPhrase(g.supply.origin)) : null),
    h(
      'td',
      { class: ['num', gap.kind === 'shortfall' ? 'gap-short' : 'gap-ok'] },
      gap.kind === 'shortfall' ? `${t('plan.shortfall')} ${num(gap.shortfall)}` : gap.kind === 'surplus' ? `${t('plan.surplus')} ${num(gap.surplus)}` : t('common.dash'),
      r ? h('div', { class: 'muted small' }, t('plan.rounded', { need: num(r.need), gap: num(r.shortfall ?? r.surplus ?? 0), rule: planPhrase(r.rule) })) : null,
    ),
    standardCell(g),
  );
}

export async function renderGap(body, { region, year, isCurrent }) {
  let gap;
  try {
    gap = await get('plan/gap', { region, year });
  } catch (e) {
    if (isCurrent()) replace(body, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  const pop = gap.population || {};
  const rows = KEYS.filter((k) => gap[k] && (gap[k].need || gap[k].supply));
  const chartEl = h('div', { class: 'plan-chart', role: 'img', 'aria-label': t('plan.chartGap', { y: gap.year }) });
  replace(
    body,
    h(
      'section',
      { class: 'card card-flush' },
      h('h2', { class: 'card-title' }, t('plan.gapTitle', { y: gap.year })),
      h(
        'p',
        { class: 'muted small card-pad' },
        t('plan.population', { r: num(pop.residents), a: num(pop.aged_60), basis: label('plan.basis', pop.projection ? 'projection' : pop.basis) }),
        ' · ',
        t('plan.supplyAsOf', { d: gap.supply_as_of || '' }),
        pop.residents_how ? h('br') : null,
        pop.residents_how ? t('plan.howLine', { r: planPhrase(pop.residents_how), a: planPhrase(pop.aged_60_how) }) : null,
      ),
      h(
        'div',
        { class: 'table-wrap' },
        labelCells(h(
          'table',
          { class: 'data plan-gap stack-on-phone' },
          h('thead', null, h('tr', null, ['', t('plan.need'), t('plan.supply'), t('plan.gap'), t('plan.standard')].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', null, KEYS.map((k) => (gap[k] ? gapRow(k, gap[k]) : null))),
        )),
      ),
    ),
    h('section', { class: 'card' }, h('h2', { class: 'card-title' }, t('plan.chartGap', { y: gap.year })), rows.length ? chartEl : alertBox('info', t('plan.noMethod'))),
  );
  if (!rows.length) return;
  let echarts;
  try {
    echarts = await loadECharts();
  } catch {
    replace(chartEl, alertBox('error', t('dash.noCharts')));
    return;
  }
  if (!isCurrent()) return;
  const charts = chartSet();
  const val = (k, part) => {
    const g = gap[k];
    if (part === 'need') return g.need ? g.need.value : null;
    if (part === 'supply') return g.supply ? g.supply.value : null;
    return g.gap && g.gap.kind === 'shortfall' ? g.gap.shortfall : 0;
  };
  const chart = charts.track(echarts.init(chartEl, null, { renderer: 'canvas' }));
  chart.setOption({
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v) => num(v) },
    legend: { top: 0 },
    grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
    xAxis: { type: 'category', data: rows.map((k) => t(`plan.${k}`)) },
    yAxis: { type: 'value' },
    series: [
      ['need', '#2a6bb8'],
      ['supply', '#2f8f5b'],
      ['shortfall', '#c0392b'],
    ].map(([part, color]) => ({ name: t(`plan.series.${part}`), type: 'bar', data: rows.map((k) => val(k, part)), itemStyle: { color }, label: { show: true, position: 'top', formatter: (p) => (p.value ? fmtNum(Math.round(p.value)) : '') } })),
  });
  return charts.cleanup;
}
