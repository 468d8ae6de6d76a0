// Small building blocks the pages share: messages, loading, fields,
// selects, pagination, busy buttons.
import { h, newId } from '../dom.js';
import { t, fmtNum } from '../i18n.js';
import { errorText } from '../error_messages.js';

// The reader's-language text of an API error (see error_messages.js).
export { errorText };

export function alertBox(kind, text, extra) {
  return h('div', { class: `alert alert-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text, extra || null);
}

export function errorBox(err, onRetry) {
  return alertBox(
    'error',
    errorText(err),
    onRetry ? h('button', { type: 'button', class: 'btn btn-small', onclick: onRetry }, t('common.retry')) : null,
  );
}

export function loading(text) {
  return h('div', { class: 'loading', role: 'status', 'aria-live': 'polite' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text || t('common.loading'));
}

export function emptyRow(colspan, text) {
  return h('tr', { class: 'empty' }, h('td', { colspan }, text || t('common.empty')));
}

// A labelled form field with a hint and a slot for the server's message.
// Returns the wrapper; wrapper.input is the control.
export function field({ label, input, control, hint, required, name, wide }) {
  const id = input.id || newId('f');
  input.id = id;
  if (name) {
    input.name = name;
    input.dataset.field = name;
  }
  const errId = `${id}-err`;
  const hintId = hint ? `${id}-hint` : null;
  const described = [hintId, errId].filter(Boolean).join(' ');
  input.setAttribute('aria-describedby', described);
  if (required) input.required = true;
  const isCheck = input.type === 'checkbox';
  const wrap = h(
    'div',
    { class: ['field', isCheck && 'field-check', wide && 'field-wide'] },
    isCheck ? null : h('label', { for: id }, label, required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    isCheck ? h('label', { class: 'check', for: id }, input, ' ', label) : control || input,
    hint ? h('div', { class: 'hint', id: hintId }, hint) : null,
    h('div', { class: 'field-error', id: errId, 'aria-live': 'polite' }),
  );
  wrap.input = input;
  // a message about what was there goes once the field changes
  const stale = () => wrap.classList.contains('has-error') && setFieldError(wrap, '');
  input.addEventListener('input', stale);
  input.addEventListener('change', stale);
  return wrap;
}

export function setFieldError(wrap, message) {
  const slot = wrap.querySelector('.field-error');
  if (slot) slot.textContent = message || '';
  const input = wrap.input;
  if (input) {
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
  wrap.classList.toggle('has-error', !!message);
}

// options: [[value, label], ...] or [{group, options: [[v, l]]}]
export function selectEl(options, value, attrs = {}) {
  const sel = h('select', attrs);
  for (const o of options) {
    if (Array.isArray(o)) sel.append(h('option', { value: o[0] }, o[1]));
    else sel.append(h('optgroup', { label: o.group }, o.options.map(([v, l]) => h('option', { value: v }, l))));
  }
  if (value !== undefined && value !== null) sel.value = value;
  return sel;
}

// A year chooser from five years ahead back to 2015.
export function yearSelect(year, onChange) {
  const now = new Date().getFullYear();
  const opts = [];
  for (let y = Math.max(now + 5, year); y >= Math.min(2015, year); y--) opts.push([String(y), t('ind.yearOpt', { y })]);
  return selectEl(opts, String(year), { 'aria-label': t('ind.year'), onchange: (e) => onChange(e.target.value) });
}

// Runs fn while the button shows busyText and is disabled.
export async function busy(button, busyText, fn) {
  const old = button.textContent;
  button.disabled = true;
  button.classList.add('is-busy');
  button.setAttribute('aria-busy', 'true');
  button.textContent = busyText;
  try {
    return await fn();
  } finally {
    button.disabled = false;
    button.classList.remove('is-busy');
    button.removeAttribute('aria-busy');
    button.textContent = old;
  }
}

export function pager({ total, page, perPage, onPage, onPerPage }) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  const btn = (text, target, disabled, extra = {}) =>
    h('button', { type: 'button', class: 'btn btn-small', disabled, onclick: () => onPage(target), ...extra }, text);
  const nums = [];
  const from = Math.max(1, page - 2);
  const to = Math.min(pages, page + 2);
  for (let p = from; p <= to; p++)
    nums.push(
      h(
        'button',
        {
          type: 'button',
          class: ['btn btn-small page-num', p === page && 'is-current'],
          'aria-current': p === page ? 'page' : null,
          onclick: () => onPage(p),
        },
        String(p),
      ),
    );
  const perSel = onPerPage
    ? selectEl(
        [20, 50, 100].map((n) => [String(n), String(n)]),
        String(perPage),
        { onchange: (e) => onPerPage(Number(e.target.value)), 'aria-label': t('pager.perPage') },
      )
    : null;
  return h(
    'nav',
    { class: 'pager', 'aria-label': t('pager.label') },
    h('span', { class: 'pager-total' }, t('pager.total', { n: fmtNum(total) })),
    h('span', { class: 'pager-page' }, t('pager.page', { p: page, pages })),
    h(
      'span',
      { class: 'pager-buttons' },
      btn(t('pager.prev'), page - 1, page <= 1),
      nums,
      btn(t('pager.next'), page + 1, page >= pages),
    ),
    perSel ? h('label', { class: 'pager-per' }, t('pager.perPage'), ' ', perSel) : null,
  );
}

// A flash message that survives one navigation (e.g. "saved").
let flash = null;
export function setFlash(text) {
  flash = text;
}
export function takeFlash() {
  const f = flash;
  flash = null;
  return f ? alertBox('ok', f) : null;
}

// For tables that stack into cards on a phone (class stack-on-phone): each
// cell gets its column's heading as data-label, shown before the value.
export function labelCells(table) {
  const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
  // a "nothing here" row is a sentence, not a column's value
  for (const tr of table.querySelectorAll('tbody tr:not(.empty)')) [...tr.children].forEach((cell, i) => heads[i] && cell.tagName === 'TD' && (cell.dataset.label = heads[i]));
  return table;
}
