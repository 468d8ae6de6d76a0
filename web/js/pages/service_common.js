// What the three service pages share: money in yuan from integer fen
// (no floating point), the status tag, an order's timeline, and the
// in-page dialog of each step stating its consequence.
import { h } from '../dom.js';
import { t, label, fmtDateTime } from '../i18n.js';
import { askDialog } from '../ui/dialog.js';
import { post } from '../api.js';

// 1234 → "12.34"
export function yuan(fen) {
  const neg = fen < 0;
  const a = Math.abs(fen);
  return `${neg ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

// An amount in the page's language: "12.34 元" / "12.34 yuan"
export function yuanText(fen) {
  return t('svc.yuanText', { y: yuan(fen) });
}

// The unit of an item, offer, order or use row named from its code in the
// page's language (the server's label is Chinese); the label when no code
export function unitName(x) {
  return x && x.unit ? t(`svc.unit.${x.unit}`) : (x && x.unit_label) || '';
}

// A quantity with its unit: "2餐" / "2 × meal"
export function qtyText(q, x) {
  return t('svc.qty', { q, u: unitName(x) });
}

export function statusTag(o) {
  const cls = { cancelled: 'st-missed', finished: 'st-met', rated: 'st-met', started: 'st-behind' }[o.status];
  return h('span', { class: ['tag', 'svc-status', cls], 'data-status': o.status }, label('svc.status', o.status));
}

export function timeline(o) {
  return h(
    'ol',
    { class: 'svc-timeline' },
    (o.steps || []).map((s) =>
      h(
        'li',
        { 'data-step': s.step },
        h('strong', null, label('svc.status', s.step)),
        ' ',
        h('span', { class: 'muted' }, fmtDateTime(s.at)),
        s.by ? h('span', { class: 'muted' }, ` · ${s.by}`) : null,
        s.note ? h('div', { class: 'small' }, s.note) : null,
      ),
    ),
  );
}

// now as a datetime-local input shows it: "2026-12-20T19:30"
function localNow() {
  const d = new Date();
  const p = (x) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

// "2026-12-20T19:30" (local, from a datetime-local input) → UTC moment
function toUtc(local) {
  const d = new Date(local);
  if (Number.isNaN(d.getTime())) return null;
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// Asks for the step in a dialog and takes it; resolves to the order, or
// null when the dialog was cancelled. Throws the API's error.
export async function takeStep(o, step) {
  const vars = { p: o.person_name, i: o.item_name };
  const fields = [];
  const opened = localNow();
  if (step === 'schedule') fields.push({ label: t('svc.field.when'), type: 'datetime-local', required: true });
  if (step === 'rate')
    fields.push(
      { label: t('svc.field.rating'), options: [5, 4, 3, 2, 1].map((n) => [String(n), t(`svc.rating.${n}`)]), value: '5' },
      { label: t('svc.field.ratingNote'), rows: 3 },
    );
  if (step === 'cancel') fields.push({ label: t('svc.field.reason'), rows: 2, required: true });
  // check-in and check-out: now, unless recorded afterwards
  if (step === 'start' || step === 'finish') fields.push({ label: t(`svc.field.${step}At`), type: 'datetime-local', value: opened, required: true });
  if (step === 'accept' || step === 'start' || step === 'finish') fields.push({ label: t('svc.field.note'), rows: 2 });
  const out = await askDialog({
    title: t(`svc.step.${step}`),
    consequence: t(`svc.ask.${step}`, vars),
    okText: t(`svc.step.${step}`),
    fields,
    className: 'svc-dialog',
  });
  if (out === null) return null;
  const body = {};
  if (step === 'schedule') {
    const at = toUtc(out[0]);
    if (!at) return null;
    body.at = at;
  } else if (step === 'rate') {
    body.rating = Number(out[0]);
    if (out[1]) body.note = out[1];
  } else if (step === 'cancel') {
    body.reason = out[0];
  } else if (step === 'start' || step === 'finish') {
    // a time changed by hand is sent; left as shown, the server's clock
    // records the moment (to the second)
    if (out[0] !== opened) {
      const at = toUtc(out[0]);
      if (!at) return null;
      body.at = at;
    }
    if (out[1]) body.note = out[1];
  } else if (out[0]) {
    body.note = out[0];
  }
  return post(`services/orders/${o.id}/${step}`, body);
}
