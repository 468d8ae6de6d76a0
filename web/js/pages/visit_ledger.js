// 探访台账: the ledger of rural left-behind (留守) and empty-nest (空巢)
// elderly of a region as of a day (001 near line 239, 004 near 155): name,
// masked ID number, village, categories, visit tier, last visit, risk and
// open referrals; exported whole as CSV or Excel by the server, so the file
// and the screen are the same list.
import { h, replace, today } from '../dom.js';
import { t, fmtNum, label, has } from '../i18n.js';
import { get, download } from '../api.js';
import { go } from '../router.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox, field, busy, emptyRow, labelCells } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';
import { vlabel, tierText, fmtWhen, unlabelEmpty } from './visit_labels.js';

function exportButton(format, params, msg) {
  const b = h('button', { type: 'button', class: 'btn', id: `ledger-${format}` }, t(`ledger.${format}`));
  b.addEventListener('click', async () => {
    try {
      const { blob, filename } = await busy(b, t('common.loading'), () => download('visits/ledger', { ...params, format }));
      const url = URL.createObjectURL(blob);
      const a = h('a', { href: url, download: filename, hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      replace(msg, alertBox('ok', t('ledger.exported', { f: filename })));
    } catch (e) {
      replace(msg, errorBox(e));
    }
  });
  return b;
}

function row(x) {
  const v = x.last_visit;
  const risk = (v && v.risk) || x.risk;
  return h(
    'tr',
    null,
    h('td', { class: 'cell-name' }, x.name),
    h('td', { class: 'mono' }, x.id_masked || t('common.dash')),
    h('td', null, x.region_name || x.village_name || t('common.dash')),
    h('td', null, (x.categories || []).map((c, i) => (has(`cat.${c}`) ? label('cat', c) : (x.category_labels || [])[i] || t('common.dash'))).join('、') || t('common.dash')),
    h('td', null, x.tier ? tierText(x) : t('common.dash')),
    h('td', null, v ? `${fmtWhen(v.visited_at)} ${vlabel('mode', v.mode, v.mode_label)}` : t('ledger.never')),
    h('td', null, risk ? t(`visit.riskLevel.${risk}`) : t('common.dash')),
    h('td', { class: 'num' }, fmtNum(x.open_referrals || 0)),
  );
}

export async function render(main, { query, isCurrent }) {
  const region = query.region || state.user.region || '';
  const asOf = query.as_of || today();
  const picker = regionPicker({ value: region, allowAll: false });
  const day = h('input', { type: 'date', value: asOf, id: 'ledger-as-of' });
  const msg = h('div', { 'aria-live': 'polite' });
  const body = h('div', null, loading());
  const params = { region: region || undefined, as_of: asOf };
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('ledger.title')), h('div', { class: 'page-actions' }, exportButton('csv', params, msg), exportButton('xlsx', params, msg))),
    h(
      'form',
      {
        class: 'card filters',
        onsubmit: (e) => {
          e.preventDefault();
          go('visits/ledger', { region: picker.select.value || region, as_of: day.value || undefined });
        },
      },
      h('div', { class: 'filter filter-region' }, field({ label: t('visits.region'), input: picker.select, control: picker.el })),
      field({ label: t('visits.asOf'), input: day }),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('visits.show'))),
    ),
    msg,
    body,
  );
  let data;
  try {
    data = await get('visits/ledger', params);
  } catch (e) {
    if (isCurrent()) replace(body, errorBox(e, () => go('visits/ledger', { region, as_of: asOf })));
    return;
  }
  if (!isCurrent()) return;
  const items = data.items || [];
  const tbl = h(
    'table',
    { class: 'data stack-on-phone', id: 'ledger-table' },
    h('thead', null, h('tr', null, ['visits.col.name', 'visits.col.id', 'visits.col.village', 'visits.col.categories', 'visits.col.tier', 'visits.col.last', 'visits.col.risk', 'visits.col.referrals'].map((k) => h('th', { scope: 'col', class: k === 'visits.col.referrals' ? 'num' : null }, t(k))))),
    h('tbody', null, items.length ? items.map(row) : emptyRow(8, t('ledger.none'))),
  );
  replace(body, h('section', { class: 'card card-flush' }, h('p', { class: 'card-pad' }, t('ledger.total', { n: fmtNum(data.total ?? items.length) })), h('div', { class: 'table-wrap' }, unlabelEmpty(labelCells(tbl)))));
}
