// 规划 · 需求与缺口: childcare slots, beds, nursing beds and the plan's own
// bed total needed by the policy's standards against what exists, as a
// table (the standard cited, the rounding said) and a bar chart; the bed
// occupancy of the registry; and the plan's stated figures checked against
// the computed ones. Every figure is shown as the exact decimal the server
// sends; only the chart draws with floats.
import { h, replace } from '../dom.js';
import { t, label } from '../i18n.js';
import { get } from '../api.js';
import { errorBox, alertBox, labelCells } from '../ui/common.js';
import { loadECharts, chartSet } from '../ui/echarts.js';
import { planPhrase, fmtDec, ruleText, quoteOf, sayText } from './plan_text.js';
import { tableActions } from '../ui/table_export.js';

const KEYS = ['slots', 'beds', 'nursing_beds', 'beds_target'];
export const num = fmtDec;

function standardCell(key, g) {
  const std = g.standard || (g.method && typeof g.method === 'object' ? g.method : null);
  if (!std) return h('td', { class: 'small muted' }, t('plan.noMethod'));
  // a method is named in words, never by its key
  const value = key === 'beds_target' ? t('plan.targetOf', { v: fmtDec(std.value), y: std.year }) : g.standard ? std.value : t(`plan.method.${std.value}`);
  return h('td', { class: 'small' }, value ? h('strong', null, value, ' ') : null, h('span', { class: 'muted' }, quoteOf(std.source)));
}

function gapCell(g) {
  const gap = g.gap || {};
  const r = g.rounded;
  const short = gap.kind === 'shortfall';
  // a surplus is said as a surplus, never as a gap
  const kindWord = short ? t('plan.shortfall') : t('plan.surplus');
  return h(
    'td',
    { class: ['num', short ? 'gap-short' : 'gap-ok'], dataset: { kind: gap.kind || '' } },
    gap.kind ? `${kindWord} ${fmtDec(short ? gap.shortfall : gap.surplus)}` : t('common.dash'),
    r && gap.kind ? h('div', { class: 'muted small' }, t('plan.rounded', { need: fmtDec(r.need), kind: kindWord, gap: fmtDec(short ? r.shortfall : r.surplus), rule: ruleText(r) })) : null,
  );
}

function gapRow(key, g) {
  const need = g.need ? g.need.value : null;
  const supply = g.supply ? g.supply.value : null;
  return h(
    'tr',
    { dataset: { key } },
    h('th', { scope: 'row' }, t(`plan.${key}`)),
    h('td', { class: 'num' }, g.missing ? h('span', { class: 'muted small', dataset: { missing: '1' } }, sayText(g.missing)) : fmtDec(need)),
    h('td', { class: 'num' }, fmtDec(supply), g.supply && g.supply.origin ? h('div', { class: 'muted small' }, planPhrase(g.supply.origin)) : null),
    gapCell(g),
    standardCell(key, g),
  );
}

// "常住人口 1,619,000" with the note of a partial sum, or the missing figure named
function popPart(pop, key) {
  if (pop[`${key}_missing`]) return h('span', { class: 'pop-missing' }, sayText(pop[`${key}_missing`]));
  const cov = pop[`${key}_coverage`];
  return h('span', null, fmtDec(pop[key]), cov ? h('span', { class: 'partial-note' }, `（${t('plan.partial', { c: sayText(cov) })}）`) : null);
}

function occupancyCard(gap) {
  const occ = gap.occupancy || {};
  const scopes = ['all', 'public', 'private'].filter((k) => occ[k]);
  return h(
    'section',
    { class: 'card card-flush plan-occupancy' },
    h('h2', { class: 'card-title' }, t('plan.occ.title', { d: gap.supply_as_of || '' })),
    scopes.length
      ? h(
          'div',
          { class: 'table-wrap' },
          labelCells(h(
            'table',
            { class: 'data stack-on-phone' },
            h('thead', null, h('tr', null, [t('plan.occ.scope'), t('plan.occ.occupied'), t('plan.occ.beds'), t('plan.occ.rate'), t('plan.occ.vacancy')].map((c) => h('th', { scope: 'col' }, c)))),
            h(
              'tbody',
              null,
              scopes.map((k) => {
                const o = occ[k];
                return h('tr', { dataset: { scope: k } }, h('th', { scope: 'row' }, t(`plan.occ.scope.${k}`)), h('td', { class: 'num' }, fmtDec(o.occupied)), h('td', { class: 'num' }, fmtDec(o.beds)), h('td', { class: 'num' }, `${fmtDec(o.rate_percent)}%`), h('td', { class: 'num' }, `${fmtDec(o.vacancy_percent)}%`));
              }),
            ),
          )),
          h('p', { class: 'muted small card-pad' }, ruleText(occ[scopes[0]])),
        )
      : h('p', { class: 'muted card-pad' }, t('plan.occ.none')),
  );
}

function auditCard(gap) {
  const audits = gap.audits || [];
  const basisText = (b) => (b ? t('plan.audit.basisText', { m: t(`plan.audit.metric.${b.metric}`), v: fmtDec(b.implied_rounded), h: fmtDec(b.held) }) : t('common.dash'));
  return h(
    'section',
    { class: 'card card-flush plan-audits' },
    h('h2', { class: 'card-title' }, t('plan.audit.title', { y: gap.year })),
    h('p', { class: 'muted small card-pad' }, t('plan.audit.intro')),
    audits.length
      ? h(
          'div',
          { class: 'table-wrap' },
          labelCells(h(
            'table',
            { class: 'data stack-on-phone' },
            h('thead', null, h('tr', null, [t('plan.audit.figure'), t('plan.audit.stated'), t('plan.audit.computed'), t('plan.audit.difference'), t('plan.audit.precision'), t('plan.audit.basis'), t('plan.audit.verdict')].map((c) => h('th', { scope: 'col' }, c)))),
            h(
              'tbody',
              null,
              audits.map((a) => {
                const differs = a.differs || (a.basis && a.basis.differs);
                return h(
                  'tr',
                  { dataset: { figure: a.figure, differs: differs ? '1' : '0' } },
                  h('th', { scope: 'row' }, a.label_zh, a.scope ? `（${t(`plan.occ.scope.${a.scope}`)}）` : '', h('div', { class: 'muted small' }, quoteOf(a.source))),
                  h('td', { class: 'num' }, fmtDec(a.stated)),
                  h('td', { class: 'num' }, fmtDec(a.computed)),
                  h('td', { class: 'num' }, fmtDec(a.difference)),
                  h('td', { class: 'num' }, `±${fmtDec(a.tolerance)}`),
                  h('td', { class: 'small' }, basisText(a.basis)),
                  h('td', null, h('span', { class: ['tag', differs ? 'tag-binding' : 'tag-open'] }, t(differs ? 'plan.audit.differs' : 'plan.audit.within'))),
                );
              }),
            ),
          )),
        )
      : h('p', { class: 'muted card-pad' }, t('plan.audit.none')),
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
    tableActions('plan-gap', () => ({ region, year })),
    h(
      'section',
      { class: 'card card-flush' },
      h('h2', { class: 'card-title' }, t('plan.gapTitle', { y: gap.year })),
      h(
        'p',
        { class: 'muted small card-pad plan-pop' },
        `${label('metric', 'residents')} `,
        popPart(pop, 'residents'),
        t('common.comma'),
        `${label('metric', 'aged_60')} `,
        popPart(pop, 'aged_60'),
        `（${label('plan.basis', pop.projection ? 'projection' : pop.basis)}）`,
        ' · ',
        t('plan.supplyAsOf', { d: gap.supply_as_of || '' }),
        pop.residents_how ? h('br') : null,
        pop.residents_how ? t('plan.howLine', { r: planPhrase(pop.residents_how), a: planPhrase(pop.aged_60_how || '') }) : null,
      ),
      h(
        'div',
        { class: 'table-wrap' },
        labelCells(h(
          'table',
          { class: 'data plan-gap stack-on-phone' },
          h('thead', null, h('tr', null, ['', t('plan.need'), t('plan.supply'), t('plan.gapOrSurplus'), t('plan.standard')].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', null, KEYS.map((k) => (gap[k] ? gapRow(k, gap[k]) : null))),
        )),
      ),
    ),
    h('section', { class: 'card' }, h('h2', { class: 'card-title' }, t('plan.chartGap', { y: gap.year })), rows.length ? chartEl : alertBox('info', t('plan.noMethod'))),
    occupancyCard(gap),
    auditCard(gap),
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
  // bar heights only: the figures themselves are in the table
  const val = (k, part) => {
    const g = gap[k];
    if (part === 'need') return g.need ? Number(g.need.value) : null;
    if (part === 'supply') return g.supply && g.supply.value !== null ? Number(g.supply.value) : null;
    return g.gap && g.gap.kind === 'shortfall' ? Number(g.gap.shortfall) : 0;
  };
  const shown = (k, part) => {
    const g = gap[k];
    if (part === 'need') return g.rounded ? g.rounded.need : g.need && g.need.value;
    if (part === 'supply') return g.supply && g.supply.value;
    return g.gap && g.gap.kind === 'shortfall' ? (g.rounded ? g.rounded.shortfall : g.gap.shortfall) : null;
  };
  const chart = charts.track(echarts.init(chartEl, null, { renderer: 'canvas' }));
  chart.setOption({
    animation: false,
    tooltip: { trigger: 'axis', formatter: (ps) => ps.map((p) => `${p.seriesName} ${fmtDec(shown(rows[p.dataIndex], p.seriesId))}`).join('<br>') },
    legend: { top: 0 },
    grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
    xAxis: { type: 'category', data: rows.map((k) => t(`plan.${k}`)) },
    yAxis: { type: 'value' },
    series: [
      ['need', '#2a6bb8'],
      ['supply', '#2f8f5b'],
      ['shortfall', '#c0392b'],
    ].map(([part, color]) => ({ id: part, name: t(`plan.series.${part}`), type: 'bar', data: rows.map((k) => val(k, part)), itemStyle: { color }, label: { show: true, position: 'top', formatter: (p) => (p.value ? fmtDec(shown(rows[p.dataIndex], part)) : '') } })),
  });
  return charts.cleanup;
}
