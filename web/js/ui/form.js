// What every form does the same way: all empty required fields marked at
// once (not only the first), and blank optional inputs sent as absent.
// A field's error clears itself when the field changes (ui/common.js
// field()); a form clears the rest when it is sent again.
import { t } from '../i18n.js';
import { setFieldError } from './common.js';

function blank(v) {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

function shown(wrap) {
  return !wrap.hidden && !wrap.closest('[hidden]');
}

// items: [{wrap, value}] of the form's required fields. Marks every shown
// one whose value is blank with "必填", and focuses the first; returns how
// many were blank.
export function markMissing(items) {
  const missing = items.filter(({ wrap, value }) => shown(wrap) && blank(value));
  for (const { wrap } of missing) setFieldError(wrap, t('form.required'));
  if (missing.length) {
    const first = missing[0].wrap;
    (first.input || first).focus?.();
    first.scrollIntoView?.({ block: 'center' });
  }
  return missing.length;
}

// A new record's body without the keys whose value is blank ("", spaces
// or null): an optional input left empty is not given, rather than given
// as "". (An edit sends null on purpose, to clear a value.)
export function withoutBlanks(body) {
  const out = {};
  for (const [k, v] of Object.entries(body)) if (!blank(v)) out[k] = v;
  return out;
}

// Clears the messages of every field of a form: before it is sent again.
export function clearFieldErrors(wraps) {
  for (const wrap of wraps) setFieldError(wrap, '');
}
