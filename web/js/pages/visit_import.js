// The import of visits done on paper (CSV, all or nothing): asked in the
// page with its consequence, and a refused file answered row by row with
// the column at fault, as the other imports are.
import { h, replace } from '../dom.js';
import { t, fmtNum, getLang } from '../i18n.js';
import { chineseMessage } from '../error_messages.js';
import { api } from '../api.js';
import { alertBox, errorBox, field, busy } from '../ui/common.js';
import { askDialog } from '../ui/dialog.js';

export function importCard() {
  const file = h('input', { type: 'file', accept: '.csv,text/csv', id: 'visit-import-file' });
  const result = h('div', { 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'visit-import' }, t('visits.importBtn'));
  return h(
    'form',
    {
      class: 'card',
      onsubmit: async (e) => {
        e.preventDefault();
        const f = file.files[0];
        if (!f) return;
        const ok = await askDialog({ consequence: t('visits.importConfirm', { f: f.name }), okText: t('visits.importBtn') });
        if (ok === null) return;
        try {
          const out = await busy(btn, t('common.loading'), () => api('POST', 'visits/import', { raw: f, contentType: 'text/csv' }));
          replace(result, alertBox('ok', t('visits.imported', { n: fmtNum(out.imported ?? out.rows ?? 0) })));
        } catch (err) {
          // each row's reason in the reader's language, the column named as the file names it
          const why = (x) => (getLang() === 'zh' && chineseMessage({ message: x.message, field: x.column }, (n) => n)) || x.message;
          const rows = (err.errors || []).map((x) => h('tr', null, h('td', { class: 'num' }, String(x.row)), h('td', null, x.column), h('td', null, why(x))));
          replace(
            result,
            rows.length ? alertBox('error', t('visits.importRefused')) : errorBox(err),
            rows.length
              ? h(
                  'div',
                  { class: 'table-wrap import-result' },
                  h('p', null, t('visits.importFailed')),
                  h('table', { class: 'data compact errors-table' }, h('thead', null, h('tr', null, [t('verify.row'), t('verify.column'), t('verify.message')].map((c) => h('th', { scope: 'col' }, c)))), h('tbody', null, rows)),
                )
              : null,
          );
        }
      },
    },
    h('h2', { class: 'card-title' }, t('visits.importTitle')),
    h('p', { class: 'muted small' }, t('visits.importHint')),
    field({ label: t('verify.importFile'), input: file }),
    h('div', { class: 'form-actions' }, btn),
    result,
  );
}
