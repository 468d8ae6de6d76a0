// 规划: four tabs over one region — need, supply and gap by the policy's
// standards (table and chart); the check of a new residential development;
// caregivers, clinics and social workers; the 15-minute (walking reach)
// coverage with the uncovered points and a sketch map.
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { go, href } from '../router.js';
import { state } from '../state.js';
import { startRegion } from '../regions.js';
import { loading, yearSelect } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';
import { renderGap } from './plan_gap.js';
import { renderCheck } from './plan_check.js';
import { renderStaffing } from './plan_staffing.js';
import { renderCoverage } from './plan_coverage.js';

const TABS = ['gap', 'check', 'staffing', 'coverage'];

export async function render(main, { query, isCurrent }) {
  replace(main, h('h1', { class: 'page-title' }, t('plan.title')), loading());
  const region = await startRegion(query, state.user);
  if (!isCurrent()) return;
  const tab = TABS.includes(query.tab) ? query.tab : 'gap';
  const nowYear = new Date().getFullYear();
  const year = /^\d{4}$/.test(query.year || '') ? Number(query.year) : nowYear;
  const keep = { region, year: String(year), kind: query.kind };
  const apply = (changes) => go('planning', { ...keep, tab, ...changes });
  const picker = regionPicker({ value: region, onChange: (code) => code && apply({ region: code }) });
  const filters = h('div', { class: 'dash-filters' }, picker.el, tab === 'gap' ? yearSelect(year, (y) => apply({ year: y })) : null);
  const tabs = h(
    'nav',
    { class: 'tabs', 'aria-label': t('plan.title') },
    TABS.map((k) => h('a', { href: href('planning', { ...keep, tab: k }), class: ['tab', k === tab && 'is-current'], 'aria-current': k === tab ? 'page' : null }, t(`plan.tab.${k}`))),
  );
  const body = h('div', { class: 'plan-body' }, loading());
  replace(main, h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('plan.title')), filters), tabs, body);
  const ctx = { region, year, query, isCurrent, apply };
  if (tab === 'gap') return renderGap(body, ctx);
  if (tab === 'check') return renderCheck(body, ctx);
  if (tab === 'staffing') return renderStaffing(body, ctx);
  return renderCoverage(body, ctx);
}
