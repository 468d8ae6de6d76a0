// 月探访率 of a region and each region under it: targets of the monthly
// rate on the list at the month's end, those visited at least once in the
// month, and the rate as the server computed it (exact decimal, two places,
// half up: never recomputed here); then per ISO week the share of the
// weekly tiers' targets visited that week. A parent's figure is the sum over
// its people, so it is shown as sent, never averaged from the rows.
import { h, replace } from '../dom.js';
import { t, fmtNum } from '../i18n.js';
import { get } from '../api.js';
import { labelCells, emptyRow } from '../ui/common.js';
import { unlabelEmpty } from './visit_labels.js';

const pct = (s) => (s === null || s === undefined ? t('common.dash') : `${s}%`);

function weeks(node) {
  return (node.weeks || []).map((w) => h('div', { class: 'small nowrap' }, `${t('visits.rate.week', { from: w.from.slice(5), to: w.to.slice(5) })} ${pct(w.share)}（${fmtNum(w.visited)}/${fmtNum(w.targets)}）`));
}

function row(node, total) {
  return h(
    'tr',
    { class: total ? 'is-total' : null, dataset: { code: node.region } },
    h('td', { class: 'cell-name' }, total ? `${node.name}${t('visits.rate.whole')}` : node.name),
    h('td', { class: 'num' }, fmtNum(node.targets)),
    h('td', { class: 'num' }, fmtNum(node.visited)),
    h('td', { class: 'num visit-rate-value' }, pct(node.rate)),
    h('td', null, weeks(node)),
  );
}

export async function renderRate(body, region, month) {
  const data = await get('visits/rate', { region: region || undefined, month: month || undefined });
  const rows = [row(data, true), ...(data.children || []).map((c) => row(c, false))];
  const tbl = h(
    'table',
    { class: 'data stack-on-phone', id: 'visit-rate' },
    h('thead', null, h('tr', null, ['visits.col.region', 'visits.rate.targets', 'visits.rate.visited', 'visits.rate.rate', 'visits.rate.weekly'].map((k, i) => h('th', { scope: 'col', class: i >= 1 && i <= 3 ? 'num' : null }, t(k))))),
    h('tbody', null, rows.length ? rows : emptyRow(5)),
  );
  replace(
    body,
    h(
      'section',
      { class: 'card card-flush' },
      h('h2', { class: 'card-title card-pad' }, t('visits.rate.title', { m: data.month })),
      h('p', { class: 'card-pad muted small' }, t('visits.rate.rule', { d: data.as_of })),
      h('div', { class: 'table-wrap' }, unlabelEmpty(labelCells(tbl))),
    ),
  );
}
