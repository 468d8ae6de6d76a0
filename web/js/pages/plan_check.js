// 规划 · 居住区配建核算: a new residential development's households and
// residents against the local plan's standards — elderly-care floor area
// per 100 households, the single-facility minimum, childcare slots per 1000
// residents (new and old districts differ) and land per resident. What is
// planned may be entered to get a verdict per standard.
import { h, replace, clear } from '../dom.js';
import { t, fmtNum } from '../i18n.js';
import { post, ApiError } from '../api.js';
import { field, setFieldError, selectEl, busy, alertBox, errorText, labelCells } from '../ui/common.js';
import { num } from './plan_gap.js';
import { quoteOf } from './plan_text.js';

const COUNTS = ['households', 'residents'];
const PROVIDED = ['floor_m2', 'largest_facility_m2', 'slots', 'land_m2'];
const RULES = ['floor_area', 'single_facility', 'childcare_slots', 'land'];

function numberInput(name, whole) {
  return h('input', { type: 'number', min: '0', step: whole ? '1' : 'any', inputmode: whole ? 'numeric' : 'decimal', class: 'num-input', name });
}

function verdictTag(v) {
  const cls = v === 'pass' ? 'tag-open' : v === 'fail' ? 'tag-binding' : 'tag-muted';
  return h('span', { class: ['tag', cls], dataset: { verdict: v } }, t(`plan.verdict.${v}`));
}

function resultTable(doc) {
  const by = new Map((doc.rules || []).map((r) => [r.rule, r]));
  const rows = RULES.filter((k) => by.has(k)).map((k) => {
    const r = by.get(k);
    const unit = t(`plan.unit.${k}`);
    const std = r.standard;
    return h(
      'tr',
      { dataset: { rule: k } },
      h('th', { scope: 'row' }, t(`plan.rule.${k}`)),
      h('td', { class: 'num', dataset: { required: r.required ?? '' } }, r.required === null || r.required === undefined ? t('common.dash') : `${num(r.required)} ${unit}`),
      h('td', { class: 'num' }, r.provided === null || r.provided === undefined ? (r.verdict === 'not_given' ? t('plan.verdict.not_given') : t('common.dash')) : `${num(r.provided)} ${unit}`),
      h('td', null, verdictTag(r.verdict)),
      h('td', { class: 'small' }, std ? [h('strong', null, t(`plan.std.${k}`, { v: std.value })), h('div', { class: 'muted' }, quoteOf(std.source))] : h('span', { class: 'muted' }, t('plan.noStandard'))),
    );
  });
  return [
    alertBox(
      doc.failed ? 'error' : doc.applicable && !doc.not_given ? 'ok' : 'info',
      doc.applicable ? [t('plan.check.summary', { a: fmtNum(doc.applicable), f: fmtNum(doc.failed) }), doc.not_given ? ` ${t('plan.check.notGiven', { n: fmtNum(doc.not_given) })}` : ''].join('') : t('plan.check.summaryNone'),
    ),
    h(
      'div',
      { class: 'table-wrap' },
      labelCells(h(
        'table',
        { class: 'data plan-check-result stack-on-phone' },
        h('thead', null, h('tr', null, [t('plan.check.rule'), t('plan.check.required'), t('plan.check.providedCol'), t('plan.check.verdict'), t('plan.check.standard')].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', null, rows),
      )),
    ),
  ];
}

export function renderCheck(body, { region }) {
  const F = {};
  const labels = {};
  for (const n of [...COUNTS, ...PROVIDED]) {
    labels[n] = t(`plan.check.${n}`);
    F[n] = field({ label: labels[n], input: numberInput(n, n !== 'floor_m2' && n !== 'largest_facility_m2' && n !== 'land_m2'), required: COUNTS.includes(n), name: n });
  }
  labels.district = t('plan.check.district');
  F.district = field({
    label: labels.district,
    input: selectEl(['new', 'old'].map((d) => [d, t(`plan.check.district.${d}`)]), 'new', {}),
    name: 'district',
    required: true,
  });
  const runBtn = h('button', { type: 'submit', class: 'btn btn-primary' }, t('plan.check.run'));
  const msg = h('div', { 'aria-live': 'assertive' });
  const out = h('div', { class: 'plan-check-out', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'card plan-check', novalidate: true },
    h('h2', { class: 'card-title' }, t('plan.check.title')),
    h('p', { class: 'muted' }, t('plan.check.intro')),
    h('div', { class: 'form-grid' }, F.households, F.residents, F.district),
    h('h3', { class: 'sub-title' }, t('plan.check.provided')),
    h('div', { class: 'form-grid' }, PROVIDED.map((n) => F[n])),
    msg,
    h('div', { class: 'form-actions' }, runBtn),
  );

  // the browser knows a non-number before the server does; say so by the field
  function readNumber(n) {
    const input = F[n].input;
    if (input.validity && input.validity.badInput) return { error: t(COUNTS.includes(n) || n === 'slots' ? 'plan.check.needWhole' : 'plan.check.needNumber') };
    const raw = input.value.trim();
    // sent as typed, so that 599.5 stays exactly 599.5
    return raw === '' ? { empty: true } : { value: raw };
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear(msg);
    Object.values(F).forEach((w) => setFieldError(w, ''));
    const req = { region, district: F.district.input.value };
    let bad = null;
    for (const n of [...COUNTS, ...PROVIDED]) {
      const r = readNumber(n);
      if (r.error) {
        setFieldError(F[n], r.error);
        bad ??= F[n];
      } else if (!r.empty) req[n] = r.value;
    }
    if (bad) {
      replace(msg, alertBox('error', t('plan.check.formError')));
      bad.input.focus();
      return;
    }
    try {
      const doc = await busy(runBtn, t('plan.check.running'), () => post('plan/residential-check', req));
      replace(out, h('section', { class: 'card card-flush' }, h('h2', { class: 'card-title' }, t('plan.check.title')), resultTable(doc)));
    } catch (err) {
      const w = err instanceof ApiError && F[err.field];
      if (w) {
        setFieldError(w, errorText(err, labels));
        replace(msg, alertBox('error', t('plan.check.formError')));
        w.input.focus();
      } else replace(msg, alertBox('error', errorText(err, labels)));
      clear(out);
    }
  });
  replace(body, form, out);
  F.households.input.focus();
}
