// 备案回执: a filed facility's receipt as a page that prints on A4: name,
// credit code, address, kind, beds and places, the filing date and number,
// and the filing office's seal area. The filing number is made from the
// region code, the filing year and the facility's registry id, so the same
// facility always gets the same number.
import { h, replace, today } from '../dom.js';
import { t, label } from '../i18n.js';
import { get } from '../api.js';
import { loading, errorBox, alertBox } from '../ui/common.js';
import { printButton } from '../ui/table_export.js';
import { regionNames } from '../regions.js';

export function filingNumber(f) {
  const year = (f.filing_date || '').slice(0, 4);
  return `${(f.region || '').slice(0, 6)}-${year}-${String(f.id).padStart(6, '0')}`;
}

export async function render(main, { params, isCurrent }) {
  replace(main, loading());
  let f;
  try {
    f = await get(`facilities/${params.id}`);
  } catch (e) {
    if (isCurrent()) replace(main, errorBox(e));
    return;
  }
  const names = await regionNames([f.region]);
  if (!isCurrent()) return;
  const back = h('p', { class: 'no-print' }, h('a', { href: `#/facilities/${f.id}` }, `← ${t('receipt.back')}`));
  if (f.filing_status !== 'filed' || !f.filing_date) {
    replace(main, back, alertBox('info', t('receipt.notFiled')));
    return;
  }
  const rows = [
    ['no', t('receipt.no'), filingNumber(f)],
    ['name', t('receipt.name'), f.name],
    ['credit_code', t('receipt.creditCode'), f.credit_code || t('common.dash')],
    ['address', t('receipt.address'), f.address || t('common.dash')],
    ['region', t('receipt.region'), names.get(f.region) || f.region],
    ['kind', t('receipt.kind'), label('kind', f.kind)],
    ['capacity', t('receipt.capacity'), t('receipt.capacityText', { beds: f.beds || 0, slots: f.slots || 0 })],
    ['filing_date', t('receipt.filingDate'), f.filing_date],
    ['filing_status', t('receipt.status'), label('filing', f.filing_status)],
  ];
  replace(
    main,
    back,
    h('div', { class: 'page-head no-print' }, h('span'), h('div', { class: 'table-actions' }, printButton())),
    h(
      'article',
      { class: 'card print-doc filing-receipt' },
      h('h1', { class: 'doc-title' }, t('receipt.title')),
      h('table', { class: 'data doc-table' }, h('tbody', null, rows.map(([k, l, v]) => h('tr', { dataset: { field: k } }, h('th', { scope: 'row' }, l), h('td', null, v))))),
      h('p', { class: 'doc-body' }, t('receipt.body')),
      h(
        'div',
        { class: 'sign-row receipt-sign' },
        h('div', { class: 'seal-area', 'aria-label': t('receipt.seal') }, t('receipt.seal')),
        h('div', { class: 'sign-line' }, h('span', { class: 'sign-label' }, t('receipt.office')), h('span', { class: 'sign-blank' })),
        h('div', { class: 'sign-line' }, h('span', { class: 'sign-label' }, t('receipt.issued')), h('span', { class: 'sign-blank' }, today())),
      ),
    ),
  );
}
