// 评估报告: one ability assessment of an older person (GB/T 42195-2022) as a
// page that prints on A4: the person, the date and standard, the score of
// each section from the item scores, the total, the levels (with the
// changes the standard made), the assessors, and lines to sign: 评估员签字
// twice, 复核人, 日期. #/people/ID/report shows the latest assessment,
// ?a=N another one of the person's.
import { h, replace } from '../dom.js';
import { t, getLang } from '../i18n.js';
import { get } from '../api.js';
import { loading, errorBox, alertBox } from '../ui/common.js';
import { printButton } from '../ui/table_export.js';
import { score } from './people.js';

function signLine(label, name) {
  return h('div', { class: 'sign-line' }, h('span', { class: 'sign-label' }, label), h('span', { class: 'sign-blank' }, name || ''));
}

export async function render(main, { params, query, isCurrent }) {
  replace(main, loading());
  let p, list, instrument;
  try {
    [p, list, instrument] = await Promise.all([get(`persons/${params.id}`), get(`persons/${params.id}/assessments`), get('assessment/instrument')]);
  } catch (e) {
    if (isCurrent()) replace(main, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  const back = h('p', { class: 'no-print' }, h('a', { href: `#/people/${p.id}` }, `← ${t('report.back')}`));
  const items = list.items || [];
  const a = query.a ? items.find((x) => String(x.id) === String(query.a)) : items.reduce((best, x) => (!best || x.assessed_on > best.assessed_on || (x.assessed_on === best.assessed_on && x.id > best.id) ? x : best), null);
  if (!a) {
    replace(main, back, alertBox('info', t('report.none')));
    return;
  }
  const zh = getLang() === 'zh';
  const values = a.items && a.items.length === instrument.items.length ? [...a.items].map(Number) : null;
  const s = values ? score(instrument, values) : null;
  const assessors = (a.assessors || '').split(/[、,，;；]/).map((x) => x.trim()).filter(Boolean);
  const facts = [
    [t('report.person'), p.name],
    [t('report.idNumber'), h('span', { class: 'mono' }, p.id_number)],
    [t('report.sexAge'), `${t(`people.sex.${p.sex}`)} / ${t('people.age', { n: p.age })}`],
    [t('report.region'), p.region_name || p.region],
    [t('report.instrument'), a.instrument],
    [t('report.date'), h('span', { dataset: { field: 'assessed_on' } }, a.assessed_on)],
  ];
  const changes = (a.changes || []).filter((c) => c.applied);
  replace(
    main,
    back,
    h('div', { class: 'page-head no-print' }, h('span'), h('div', { class: 'table-actions' }, printButton())),
    h(
      'article',
      { class: 'card print-doc assess-report' },
      h('h1', { class: 'doc-title' }, t('report.title')),
      h('dl', { class: 'facts doc-facts' }, facts.map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v)))),
      h(
        'table',
        { class: 'data doc-table' },
        h('thead', null, h('tr', null, [t('report.section'), t('report.score'), t('report.max')].map((c) => h('th', { scope: 'col' }, c)))),
        h(
          'tbody',
          null,
          s
            ? s.dims.map((d) => h('tr', { dataset: { section: d.code } }, h('th', { scope: 'row' }, zh ? d.name : d.name_en || d.name), h('td', { class: 'num' }, String(d.score)), h('td', { class: 'num' }, String(d.max))))
            : h('tr', null, h('td', { colspan: 3 }, t('common.dash'))),
        ),
        h('tfoot', null, h('tr', { class: 'total-row' }, h('th', { scope: 'row' }, t('report.total')), h('td', { class: 'num', dataset: { total: String(a.total ?? '') } }, String(a.total ?? t('common.dash'))), h('td', { class: 'num' }, String(instrument.total_max)))),
      ),
      h(
        'dl',
        { class: 'facts doc-facts' },
        h('div', null, h('dt', null, t('report.initialLevel')), h('dd', null, a.initial_level.zh)),
        h('div', null, h('dt', null, t('report.level')), h('dd', null, h('strong', { dataset: { field: 'level' } }, a.final_level.zh))),
        changes.length ? h('div', null, h('dt', null, t('report.changes')), h('dd', null, changes.map((c) => h('div', null, zh ? c.reason : c.reason_en || c.reason)))) : null,
        h('div', null, h('dt', null, t('report.assessors')), h('dd', null, assessors.join('、') || t('common.dash'))),
      ),
      h(
        'div',
        { class: 'sign-row' },
        signLine(t('report.sign1'), ''),
        signLine(t('report.sign2'), ''),
        signLine(t('report.reviewer'), ''),
        signLine(t('report.signDate'), ''),
      ),
    ),
  );
}
