// 规划: for a region and year, the need for childcare places, beds and
// nursing beds by the policy's standards against what exists, and the
// 15-minute (walking reach) coverage with the uncovered points and the
// sites that would cover most of them.
import { h, replace } from '../dom.js';
import { t, fmtNum } from '../i18n.js';
import { get } from '../api.js';
import { go } from '../router.js';
import { state } from '../state.js';
import { startRegion } from '../regions.js';
import { loading, errorBox, alertBox, yearSelect, emptyRow } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';

const num = (v) => (v === null || v === undefined ? t('common.dash') : fmtNum(Math.round(v * 100) / 100));

function gapRow(key, g) {
  if (!g) return null;
  const need = g.need ? g.need.value : null;
  const supply = g.supply ? g.supply.value : null;
  const gap = g.gap || {};
  return h(
    'tr',
    { dataset: { key } },
    h('th', { scope: 'row' }, t(`plan.${key}`)),
    h('td', { class: 'num' }, num(need)),
    h('td', { class: 'num' }, num(supply)),
    h(
      'td',
      { class: ['num', gap.kind === 'shortfall' ? 'gap-short' : 'gap-ok'] },
      gap.kind === 'shortfall' ? `${t('plan.shortfall')} ${num(gap.shortfall)}` : gap.kind === 'surplus' ? `${t('plan.surplus')} ${num(gap.surplus)}` : t('common.dash'),
    ),
    h('td', { class: 'small muted' }, g.standard ? g.standard.text || g.standard.source || '' : g.method || ''),
  );
}

export async function render(main, { query, isCurrent }) {
  replace(main, h('h1', { class: 'page-title' }, t('plan.title')), loading());
  const region = await startRegion(query, state.user);
  if (!isCurrent()) return;
  const nowYear = new Date().getFullYear();
  const year = /^\d{4}$/.test(query.year || '') ? Number(query.year) : nowYear;
  const apply = (changes) => go('planning', { region, year: String(year), ...changes });
  const picker = regionPicker({ value: region, onChange: (code) => code && apply({ region: code }) });
  const yearSel = yearSelect(year, (y) => apply({ year: y }));
  const gapSlot = h('section', { class: 'card card-flush' }, loading());
  const covSlot = h('section', { class: 'card' }, loading());
  replace(main, h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('plan.title')), h('div', { class: 'dash-filters' }, picker.el, yearSel)), gapSlot, covSlot);

  const [gap, cov] = await Promise.all([
    get('plan/gap', { region, year }).catch((e) => e),
    get('plan/coverage', { region, kind: 'elderly' }).catch((e) => e),
  ]);
  if (!isCurrent()) return;
  if (gap instanceof Error) replace(gapSlot, errorBox(gap));
  else {
    const pop = gap.population || {};
    replace(
      gapSlot,
      h('h2', { class: 'card-title' }, t('plan.gapTitle', { y: gap.year })),
      h('p', { class: 'muted small card-pad' }, t('plan.population', { r: num(pop.residents), a: num(pop.aged_60), basis: pop.basis || '' }), ' · ', t('plan.supplyAsOf', { d: gap.supply_as_of || '' })),
      h(
        'table',
        { class: 'data plan-gap' },
        h('thead', null, h('tr', null, ['', t('plan.need'), t('plan.supply'), t('plan.gap'), t('plan.standard')].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', null, gapRow('slots', gap.slots), gapRow('beds', gap.beds), gapRow('nursing_beds', gap.nursing_beds)),
      ),
    );
  }
  if (cov instanceof Error) replace(covSlot, errorBox(cov));
  else {
    replace(
      covSlot,
      h('h2', { class: 'card-title' }, t('plan.covTitle', { m: fmtNum(cov.reach_m) })),
      cov.points
        ? h('p', null, t('plan.covShare', { c: fmtNum(cov.covered_population), n: fmtNum(cov.total_population), s: cov.share ? cov.share.display : '' }))
        : alertBox('info', t('plan.noPoints')),
      h('h3', null, t('plan.uncovered', { n: fmtNum(cov.uncovered_points || 0) })),
      h(
        'table',
        { class: 'data compact' },
        h('thead', null, h('tr', null, [t('plan.point'), t('plan.people')].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', null, (cov.uncovered || []).length ? cov.uncovered.slice(0, 50).map((p) => h('tr', null, h('td', null, p.name), h('td', { class: 'num' }, fmtNum(p.population)))) : emptyRow(2)),
      ),
      h('h3', null, t('plan.suggestions')),
      (cov.suggestions || []).length
        ? h('ol', null, cov.suggestions.map((s) => h('li', null, t('plan.suggestion', { name: s.name, n: fmtNum(s.adds_population) }))))
        : h('p', { class: 'muted' }, t('common.none')),
    );
  }
}
