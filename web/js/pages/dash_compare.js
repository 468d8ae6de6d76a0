// 总览 · 各县（区）比较: the comparison of one indicator across the
// sub-regions (ui/compare_chart.js), the indicator picked from a select;
// by default the first binding indicator that is behind, else the first
// behind, else the first with a value.
import { h, replace } from '../dom.js';
import { t, getLang } from '../i18n.js';
import { href } from '../router.js';
import { selectEl } from '../ui/common.js';
import { compareView, compareTitle } from '../ui/compare_chart.js';

const late = (i) => i.status === 'behind' || i.status === 'missed';

export function defaultCompare(inds) {
  return (
    inds.find((i) => i.attribute === 'binding' && late(i)) ||
    inds.find(late) ||
    inds.find((i) => i.value !== null && i.value !== undefined) ||
    inds[0] ||
    null
  );
}

const indName = (i) => (getLang() === 'zh' ? i.name : i.name_en || i.name);

export function compareCard({ indicators, region, level, period, chosen, track, isCurrent, onChoose, onDrill }) {
  const numeric = indicators.filter((i) => i.id && !(i.target && i.target.op === 'text'));
  const pick = numeric.find((i) => i.id === chosen) || defaultCompare(numeric);
  const slot = h('div', { class: 'cmp-slot' });
  const sel = selectEl(
    numeric.map((i) => [i.id, `${indName(i)}${i.unit ? `（${i.unit}）` : ''}`]),
    pick ? pick.id : '',
    { 'aria-label': t('cmp.pick'), class: 'dash-cmp-select', onchange: (e) => onChoose(e.target.value) },
  );
  const card = h('section', { class: 'card dash-chart-card dash-cmp-card' }, h('div', { class: 'card-head' }, h('h2', { class: 'card-title' }, compareTitle(level)), sel), slot);
  if (!pick) {
    replace(slot, h('p', { class: 'muted' }, t('cmp.noIndicators')));
    return card;
  }
  replace(
    slot,
    compareView({
      region,
      period,
      indicator: pick.id,
      track,
      isCurrent,
      drillHref: (code) => href('dashboard', { region: code, period, cmp: pick.id }),
      onDrill,
    }),
  );
  return card;
}
