// 银行代发文件: the bank template, encoding and format chosen here; the
// check shows what the file holds and who is left out for want of an
// account; sending is confirmed in a dialog that states the consequence.
import { h, replace, newId } from '../dom.js';
import { t } from '../i18n.js';
import { get, download } from '../api.js';
import { regionNames } from '../regions.js';
import { alertBox, field, selectEl, busy, errorText } from '../ui/common.js';

function save({ blob, filename }) {
  const a = h('a', { href: URL.createObjectURL(blob), download: filename });
  document.body.append(a);
  a.click();
  a.remove();
}

// Region names, not codes, once they are looked up.
function exceptionsTable(list) {
  const table = exceptionsGrid(list);
  regionNames(list.map((e) => e.region)).then((names) => {
    for (const td of table.querySelectorAll('td[data-region]')) td.textContent = names.get(td.dataset.region) || '';
  });
  return table;
}

function exceptionsGrid(list) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'data compact' },
      h('thead', null, h('tr', null, ['bank.col.name', 'bank.col.id', 'bank.col.region', 'bank.col.period', 'bank.col.amount'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', null, list.map((e) => h('tr', null, h('td', null, e.name), h('td', { class: 'mono' }, e.id_masked), h('td', { 'data-region': e.region }, ''), h('td', null, e.period || ''), h('td', { class: 'num' }, e.yuan)))),
    ),
  );
}

// A run's payees without an account: paid in the ledger, left out of the
// bank file until an account is recorded.
export function withoutAccount(res) {
  const list = res.without_account || [];
  if (!list.length) return null;
  return h(
    'section',
    { class: 'sub-exceptions' },
    h('h3', null, t('bank.runLacking', { n: res.without_account_count })),
    exceptionsTable(list),
  );
}

function sendDialog(s, onConfirm) {
  const titleId = newId('dlg');
  const ok = h('button', { type: 'button', class: 'btn btn-primary' }, t('bank.sendConfirm'));
  const cancel = h('button', { type: 'button', class: 'btn' }, t('payee.cancel'));
  const msg = h('div', { 'aria-live': 'polite' });
  const dlg = h(
    'dialog',
    { class: 'sheet bank-dialog', 'aria-labelledby': titleId },
    h('div', { class: 'sheet-head' }, h('h2', { class: 'sheet-title', id: titleId }, t('bank.sendTitle'))),
    h(
      'div',
      { class: 'sheet-body' },
      h('p', null, t('bank.sendConsequence', { n: s.rows, y: s.total_yuan })),
      s.exceptions_count ? h('p', null, t('bank.sendLacking', { n: s.exceptions_count })) : null,
      msg,
      h('div', { class: 'form-actions' }, ok, cancel),
    ),
  );
  cancel.addEventListener('click', () => dlg.close());
  dlg.addEventListener('close', () => dlg.remove());
  ok.addEventListener('click', () => busy(ok, t('common.saving'), async () => {
    try {
      await onConfirm();
      dlg.close();
    } catch (e) {
      replace(msg, alertBox('error', errorText(e)));
    }
  }));
  document.body.append(dlg);
  dlg.showModal();
}

// q: the ledger's filter {region, scheme, period}; onSent after a send.
export function bankPanel(q, csvLabel, sendLabel, onSent) {
  const template = selectEl([['default', 'default']], 'default', {});
  const encoding = selectEl([['', '—'], ['utf-8', 'UTF-8'], ['gb18030', 'GB18030']], '', {});
  const format = selectEl([['csv', 'CSV'], ['xlsx', 'XLSX']], 'csv', {});
  const checkBtn = h('button', { type: 'button', class: 'btn' }, t('bank.check'));
  const fileBtn = h('button', { type: 'button', class: 'btn' }, csvLabel);
  const sendBtn = h('button', { type: 'button', class: 'btn' }, sendLabel);
  const out = h('div', { 'aria-live': 'polite' });
  const opts = () => ({ ...q, template: template.value, encoding: encoding.value || undefined, format: format.value });
  const summary = () => get('subsidies/ledger', { ...q, template: template.value, format: 'summary' });
  const show = (s) =>
    replace(
      out,
      alertBox('info', t('bank.summary', { n: s.rows, y: s.total_yuan, t: s.template })),
      s.exceptions_count ? [h('p', null, t('bank.exceptions', { n: s.exceptions_count })), exceptionsTable(s.exceptions)] : h('p', { class: 'muted' }, t('bank.noExceptions')),
    );
  // a layout for checking the ledger may be downloaded, never sent
  let internal = new Set();
  template.addEventListener('change', () => (sendBtn.disabled = internal.has(template.value)));
  summary()
    .then((s) => {
      internal = new Set(s.templates.filter((x) => x.internal).map((x) => x.name));
      replace(template, ...s.templates.map((x) => h('option', { value: x.name, selected: x.name === 'default' }, x.label)));
    })
    .catch(() => {});
  checkBtn.addEventListener('click', () => busy(checkBtn, t('common.loading'), async () => {
    try {
      show(await summary());
    } catch (e) {
      replace(out, alertBox('error', errorText(e)));
    }
  }));
  fileBtn.addEventListener('click', () => busy(fileBtn, t('common.loading'), async () => {
    try {
      save(await download('subsidies/ledger', opts()));
    } catch (e) {
      replace(out, alertBox('error', errorText(e)));
    }
  }));
  sendBtn.addEventListener('click', () => busy(sendBtn, t('common.loading'), async () => {
    let s;
    try {
      s = await summary();
    } catch (e) {
      replace(out, alertBox('error', errorText(e)));
      return;
    }
    sendDialog(s, async () => {
      const o = opts();
      save(await download('subsidies/ledger/send', null, { region: o.region, scheme: o.scheme, period: o.period, template: o.template, encoding: o.encoding, format: o.format }));
      onSent();
    });
  }));
  return h(
    'section',
    { class: 'bank-panel' },
    h('h3', { class: 'sub-title' }, t('bank.title')),
    h(
      'div',
      { class: 'filters' },
      field({ label: t('bank.template'), input: template }),
      field({ label: t('bank.encoding'), input: encoding }),
      field({ label: t('bank.format'), input: format }),
    ),
    // the buttons on a row of their own: in a cell of the filter grid they
    // stood one above another and cut the last one short
    h('div', { class: 'form-actions' }, checkBtn, fileBtn, sendBtn),
    out,
  );
}
