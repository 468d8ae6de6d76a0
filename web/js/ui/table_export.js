// 打印 and 导出Excel for the lists officials work from. 打印 prints the page
// through print.css (menus and controls hidden, the table on A4 with its
// header repeated); 导出Excel asks the server for the list's workbook with
// the page's own filters (GET /api/v1/exports/KIND.xlsx) and saves it
// under the Chinese file name the server gives.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { download } from '../api.js';
import { busy, errorText } from './common.js';

export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function printButton() {
  return h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'print' }, onclick: () => window.print() }, t('export.print'));
}

// kind: facilities, persons, ledger, applications or audit; params(): the
// page's filters at the moment of the click (undefined values left out).
export function exportButton(kind, params) {
  const msg = h('span', { class: 'muted small export-msg', role: 'status', 'aria-live': 'polite' });
  const btn = h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'export-xlsx' } }, t('export.xlsx'));
  btn.onclick = async () => {
    msg.textContent = '';
    try {
      const q = Object.fromEntries(Object.entries(params ? params() : {}).filter(([, v]) => v !== undefined && v !== null && v !== ''));
      const { blob, filename } = await busy(btn, t('export.working'), () => download(`exports/${kind}.xlsx`, q));
      saveBlob(blob, filename);
      msg.textContent = t('export.saved', { file: filename });
    } catch (e) {
      msg.textContent = errorText(e);
    }
  };
  return h('span', { class: 'export-xlsx' }, btn, msg);
}

// The two buttons in one toolbar, hidden in print.
export function tableActions(kind, params) {
  return h('div', { class: 'table-actions no-print' }, printButton(), kind ? exportButton(kind, params) : null);
}
