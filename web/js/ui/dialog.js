// The one in-page dialog of the platform (never window.confirm or
// window.prompt): a title, the consequence in words, the fields to fill
// (a reason, a date, an amount, a choice from a list: options [[value,
// label]]) and the two buttons. Resolves to the
// fields' values, trimmed (an empty array without fields), or null when
// cancelled. A required field left empty is said in the dialog.
import { h } from '../dom.js';
import { t } from '../i18n.js';

export function askDialog({ title, consequence, okText, fields = [], className = '' }) {
  return new Promise((resolve) => {
    const inputs = fields.map((f) =>
      f.options
        ? h('select', { 'aria-label': f.label }, f.options.map(([v, l]) => h('option', { value: v, selected: v === f.value }, l)))
        : f.rows
          ? h('textarea', { rows: f.rows, 'aria-label': f.label }, f.value || '')
          : h('input', { type: f.type || 'text', value: f.value || '', 'aria-label': f.label, inputmode: f.inputmode }),
    );
    const err = h('p', { class: 'field-error', 'aria-live': 'polite' });
    const ok = h('button', { type: 'button', class: 'btn btn-primary' }, okText);
    const cancel = h('button', { type: 'button', class: 'btn' }, t('common.cancel'));
    const dlg = h(
      'dialog',
      { class: `dialog confirm-dialog ${className}`.trim(), 'aria-label': title || consequence },
      title ? h('h2', null, title) : null,
      consequence ? h('p', { class: 'dialog-consequence' }, consequence) : null,
      fields.map((f, i) => h('label', { class: 'field' }, h('span', { class: 'field-label' }, f.label), inputs[i])),
      err,
      h('div', { class: 'form-actions' }, ok, cancel),
    );
    const done = (v) => {
      dlg.close();
      dlg.remove();
      resolve(v);
    };
    ok.addEventListener('click', () => {
      const values = inputs.map((x) => x.value.trim());
      const missing = fields.findIndex((f, i) => f.required && !values[i]);
      if (missing >= 0) {
        err.textContent = t('dialog.required', { f: fields[missing].label });
        inputs[missing].focus();
        return;
      }
      done(values);
    });
    cancel.addEventListener('click', () => done(null));
    dlg.addEventListener('cancel', (e) => {
      e.preventDefault();
      done(null);
    });
    document.body.append(dlg);
    dlg.showModal();
    (inputs[0] || ok).focus();
  });
}
