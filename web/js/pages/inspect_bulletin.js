// 监督检查通报: the monthly, quarterly or yearly supervision bulletin of a
// region and its child regions, with downloads as XLSX, CSV or HTML.
import { h, replace } from '../dom.js';
import { t, fmtNum } from '../i18n.js';
import { get, download } from '../api.js';
import { state } from '../state.js';
import { errorBox, field } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';
import { go } from '../router.js';

function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function table(doc) {
  const rows = [];
  for (const r of doc.rows) {
    rows.push(h('tr', { class: 'is-total' }, h('td', null, r.region_name), h('td', null, t('insp.total')), ...[r.plans, r.checks_scheduled, r.checks_done, r.hazards_found, r.hazards_closed, r.hazards_overdue].map((n) => h('td', { class: 'num' }, fmtNum(n)))));
    for (const d of r.by_domain) rows.push(h('tr', null, h('td', null, r.region_name), h('td', null, d.label), h('td'), h('td'), h('td'), ...[d.found, d.closed, d.overdue].map((n) => h('td', { class: 'num' }, fmtNum(n)))));
  }
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'data', id: 'insp-bulletin' },
      h('thead', null, h('tr', null, [t('insp.regionCol'), t('insp.domain'), t('insp.plans'), t('insp.scheduled'), t('insp.done'), t('insp.found'), t('insp.closed'), t('insp.overdue')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', null, rows),
    ),
  );
}

export async function render(main, { query, isCurrent }) {
  const picker = regionPicker({ value: query.region || state.user.region || '' });
  const period = h('input', { type: 'text', id: 'insp-bperiod', value: query.period || String(new Date().getFullYear()), autocomplete: 'off' });
  const out = h('div', { id: 'insp-bulletin-out' });
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('insp.bulletinTitle'))),
    h('p', { class: 'muted' }, t('insp.bulletinLead')),
    h(
      'form',
      {
        class: 'card filters',
        onsubmit: (e) => {
          e.preventDefault();
          go('inspect/bulletin', { region: picker.value, period: period.value.trim() });
        },
      },
      field({ label: t('insp.region'), input: picker.select, control: picker.el }),
      field({ label: t('insp.bulletinPeriod'), input: period }),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn' }, t('insp.showBulletin'))),
    ),
    out,
  );
  const region = query.region || state.user.region;
  if (!region || !query.period) return;
  try {
    const doc = await get('inspect/bulletin', { region, period: query.period });
    if (!isCurrent()) return;
    const dl = ['xlsx', 'csv', 'html'].map((f) => {
      const b = h('button', { type: 'button', class: 'btn btn-small' }, t('insp.downloadAs', { f: f.toUpperCase() }));
      b.addEventListener('click', async () => {
        const { blob, filename } = await download('inspect/bulletin', { region, period: query.period, format: f });
        saveBlob(blob, filename);
      });
      return b;
    });
    replace(out, h('h2', { class: 'sub-title' }, doc.title), h('div', { class: 'form-actions' }, dl), table(doc), h('p', { class: 'muted small' }, doc.note));
  } catch (e) {
    replace(out, errorBox(e));
  }
}
