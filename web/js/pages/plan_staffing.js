// 规划 · 人员配备: per elderly-care institution the caregivers its residents
// need by care level (10:1, 6:1, 3:1 or the local ratios) against those on
// staff, whether an internal clinic is required and missing; social workers
// per 100 beds and per 1000 elderly; childcare institutions by size band.
import { h, replace } from '../dom.js';
import { t, fmtNum } from '../i18n.js';
import { get } from '../api.js';
import { errorBox, alertBox, emptyRow, labelCells } from '../ui/common.js';
import { num } from './plan_gap.js';
import { ruleText, quoteOf } from './plan_text.js';
import { childcareStaffingCard } from './place_staffing.js';
import { tableActions } from '../ui/table_export.js';

function clinicCell(c) {
  if (!c) return h('td', null, t('common.dash'));
  if (c.missing) return h('td', { title: quoteOf(c.rule || '') }, h('span', { class: 'tag tag-binding' }, t('plan.staff.clinicMissing')));
  if (c.has) return h('td', null, h('span', { class: 'tag tag-open' }, t('plan.staff.clinicHas')));
  return h('td', null, h('span', { class: 'tag tag-muted' }, c.required ? t('plan.staff.clinicMissing') : t('plan.staff.clinicNotRequired')));
}

function institutionsCard(doc) {
  const cols = [t('plan.staff.inst'), t('plan.staff.beds'), t('plan.staff.levels'), t('plan.staff.needed'), t('plan.staff.onStaff'), t('plan.staff.short'), t('plan.staff.clinic')];
  const list = doc.institutions || [];
  const cg = doc.caregivers;
  const rules = [...new Set(list.map((i) => i.clinic && i.clinic.missing && i.clinic.rule).filter(Boolean))];
  return h(
    'section',
    { class: 'card card-flush' },
    h('h2', { class: 'card-title' }, t('plan.staff.title', { d: doc.as_of || '' })),
    h(
      'p',
      { class: 'muted small card-pad' },
      cg ? t('plan.staff.rule', { r: ruleText(cg) }) : t('plan.staff.noRatios'),
      ' · ',
      t('plan.staff.clinicsMissing', { n: fmtNum(doc.clinics_missing || 0) }),
    ),
    h(
      'div',
      { class: 'table-wrap' },
      labelCells(h(
        'table',
        { class: 'data plan-staffing stack-on-phone' },
        h('thead', null, h('tr', null, cols.map((c, i) => h('th', { scope: 'col', class: i && i < 6 ? 'num' : null }, c)))),
        h(
          'tbody',
          null,
          list.length
            ? list.map((i) => {
                const c = i.caregivers;
                return h(
                  'tr',
                  { dataset: { id: String(i.id) } },
                  h('td', null, h('a', { href: `#/facilities/${i.id}` }, i.name)),
                  h('td', { class: 'num' }, fmtNum(i.beds)),
                  h('td', { class: 'num' }, c ? c.residents.map((n) => fmtNum(n)).join(' / ') : t('common.dash')),
                  h('td', { class: 'num' }, c ? fmtNum(c.needed) : t('common.dash')),
                  h('td', { class: 'num' }, c ? fmtNum(c.on_staff) : t('common.dash')),
                  h('td', { class: ['num', c && c.shortfall ? 'gap-short' : null] }, c ? fmtNum(c.shortfall) : t('common.dash')),
                  clinicCell(i.clinic),
                );
              })
            : emptyRow(cols.length, t('plan.staff.noInst')),
        ),
        cg && list.length
          ? h(
              'tfoot',
              null,
              h('tr', { class: 'total-row' }, h('th', { scope: 'row' }, t('common.total')), h('td', { class: 'num' }, fmtNum(list.reduce((s, i) => s + (i.beds || 0), 0))), h('td'), h('td', { class: 'num' }, fmtNum(cg.needed)), h('td', { class: 'num' }, fmtNum(cg.on_staff)), h('td', { class: 'num' }, fmtNum(Math.max(0, cg.needed - cg.on_staff))), h('td')),
            )
          : null,
      )),
    ),
    rules.length ? h('div', { class: 'card-pad small muted' }, rules.map((r) => h('div', null, quoteOf(r)))) : null,
  );
}

function socialCard(sw) {
  if (!sw) return null;
  const row = (key, ratio, std) =>
    ratio
      ? h('div', null, h('dt', null, t(key, { v: std ? std.value : t('common.dash') })), h('dd', null, t('plan.staff.socialNeed', { n: num(ratio.value) }), std && std.source ? h('div', { class: 'muted small' }, quoteOf(std.source)) : null))
      : null;
  return h(
    'section',
    { class: 'card' },
    h('h2', { class: 'card-title' }, t('plan.staff.social')),
    h('dl', { class: 'facts' }, row('plan.staff.socialBy100', sw.by_100_beds, sw.per_100_beds_standard), row('plan.staff.socialBy1000', sw.by_1000_aged_60, sw.per_1000_aged_60_standard)),
    h('p', { class: 'muted' }, t('plan.staff.socialIn', { n: fmtNum(sw.in_institutions || 0) })),
  );
}

function sizesCard(bands) {
  return h(
    'section',
    { class: 'card card-flush' },
    h('h2', { class: 'card-title' }, t('plan.staff.sizes')),
    bands && bands.length
      ? h(
          'table',
          { class: 'data compact' },
          h('thead', null, h('tr', null, [t('plan.staff.band'), t('plan.staff.bandRange'), t('plan.staff.bandCount')].map((c, i) => h('th', { scope: 'col', class: i ? 'num' : null }, c)))),
          h('tbody', null, bands.map((b) => h('tr', null, h('th', { scope: 'row' }, b.band), h('td', { class: 'num' }, b.max_slots === null ? t('plan.staff.above', { n: b.min_slots }) : `${b.min_slots}–${b.max_slots}`), h('td', { class: 'num' }, fmtNum(b.institutions))))),
        )
      : h('div', { class: 'card-pad' }, alertBox('info', t('plan.staff.noBands'))),
  );
}

export async function renderStaffing(body, { region, isCurrent }) {
  let doc;
  try {
    doc = await get('plan/staffing', { region });
  } catch (e) {
    if (isCurrent()) replace(body, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  replace(body, tableActions('plan-staffing', () => ({ region })), institutionsCard(doc), childcareStaffingCard(doc.childcare), h('div', { class: 'plan-two' }, socialCard(doc.social_workers), sizesCard(doc.childcare_size_classes)));
}
