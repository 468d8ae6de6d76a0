// The prices section of a facility's page: the prices in force with their
// flags, the history (a price is never changed: a new one has its own
// date), and for those who may post, a form whose in-page dialog states
// what posting does.
import { askDialog } from '../ui/dialog.js';
import { h, replace, today } from '../dom.js';
import { t, label } from '../i18n.js';
import { get, post } from '../api.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox, field, selectEl, emptyRow, labelCells } from '../ui/common.js';

const WRITERS = ['admin', 'city_official', 'county_official', 'dept_official', 'operator'];
const CODES = { bed: ['standard', 'nursing'], care: ['selfcare', 'partly', 'disabled'], class: ['infant', 'toddler_small', 'toddler_large', 'mixed'] };
const MODES = ['full_day', 'half_day'];
const CHILDCARE = ['childcare_institution', 'family_childcare_point', 'kindergarten_nursery'];

const codeName = (kind, code) => (kind === 'class' ? label('class', code) : t(`pp.code.${code}`));

// [header, cell] pairs shared by the prices page and this panel
export const PRICE_COLS = () => [[t('pp.kind')], [t('pp.code')], [t('pp.mode')], [t('pp.amount')], [t('pp.affordable')], [t('pp.from')], [t('pp.basis')]];

export function priceCells(p) {
  return [
    h('td', null, t(`pp.kind.${p.kind}`)),
    h('td', null, codeName(p.kind, p.code)),
    h('td', null, p.mode ? t(`pp.mode.${p.mode}`) : t('common.dash')),
    h('td', { class: 'num pp-amount' }, p.amount_yuan),
    h('td', null, p.affordable ? t('pp.yes') : t('pp.no')),
    h('td', null, p.effective_date),
    h('td', null, p.basis || t('common.dash')),
  ];
}

export function flagCell(p) {
  const fl = p.flags || {};
  const tags = [];
  if (fl.over_cap) tags.push(h('span', { class: 'tag tag-warn pp-over-cap' }, t('pp.overCapBy', { x: fl.excess_yuan, c: fl.cap_yuan })));
  if (fl.review_due) tags.push(h('span', { class: 'tag tag-warn pp-review-due' }, t('pp.reviewDueOn', { d: fl.review_due_on })));
  else if (fl.review_due_on) tags.push(h('span', { class: 'muted' }, t('pp.reviewOn', { d: fl.review_due_on })));
  return h('td', { class: 'pp-flags' }, tags.length ? tags : t('common.dash'));
}

function table(id, rows, withFlags) {
  const cols = [...PRICE_COLS().map((c) => c[0]), ...(withFlags ? [t('pp.flags')] : [])];
  const tbl = h(
    'table',
    { class: 'data stack-on-phone', id },
    h('thead', null, h('tr', null, cols.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', null, rows.length ? rows.map((p) => h('tr', { 'data-price': String(p.id) }, priceCells(p), withFlags ? flagCell(p) : null)) : emptyRow(cols.length, t('pp.none'))),
  );
  return h('div', { class: 'table-wrap' }, labelCells(tbl));
}

// A section for facility f (its kind decides which prices it posts).
export function pricePanel(f) {
  const body = h('div', { id: 'pp-panel' }, loading());
  const msg = h('div', { 'aria-live': 'polite', id: 'pp-msg' });
  const load = async () => {
    let data;
    try {
      data = await get(`facilities/${f.id}/prices`);
    } catch (e) {
      replace(body, errorBox(e));
      return;
    }
    replace(body, h('h3', null, t('pp.inForce')), table('pp-in-force', data.in_force, true), h('h3', null, t('pp.history')), table('pp-history', data.history, false));
  };
  load();
  const canWrite = WRITERS.includes(state.user.role);
  // the whole width of the page's grid: the tables have seven columns
  return h('section', { class: 'card', id: 'pp-section', style: { gridColumn: '1 / -1' } }, h('h2', { class: 'card-title' }, t('pp.panel')), msg, canWrite ? priceForm(f, msg, load) : null, body);
}

function priceForm(f, msg, reload) {
  const kinds = CHILDCARE.includes(f.kind) ? ['class'] : f.kind === 'elderly_institution' ? ['bed', 'care'] : [];
  if (!kinds.length) return null;
  const kind = selectEl(kinds.map((k) => [k, t(`pp.kind.${k}`)]), kinds[0], { id: 'pp-kind' });
  const code = h('select', { id: 'pp-code' });
  const fillCodes = () => replace(code, ...CODES[kind.value].map((c) => h('option', { value: c }, codeName(kind.value, c))));
  fillCodes();
  kind.addEventListener('change', fillCodes);
  const mode = kinds[0] === 'class' ? selectEl(MODES.map((m) => [m, t(`pp.mode.${m}`)]), MODES[0], { id: 'pp-mode' }) : null;
  const amount = h('input', { type: 'text', inputmode: 'decimal', id: 'pp-amount', autocomplete: 'off' });
  const affordable = h('input', { type: 'checkbox', id: 'pp-affordable' });
  const from = h('input', { type: 'date', id: 'pp-from', value: today() });
  const basis = h('input', { type: 'text', id: 'pp-basis', maxlength: 500 });
  return h(
    'form',
    {
      class: 'pp-form',
      onsubmit: async (e) => {
        e.preventDefault();
        const kName = t(`pp.kind.${kind.value}`);
        const cName = codeName(kind.value, code.value) + (mode ? ` ${t(`pp.mode.${mode.value}`)}` : '');
        const ok = await askDialog({ title: t('pp.add'), consequence: t('pp.ask', { k: kName, c: cName, y: amount.value.trim(), d: from.value }), okText: t('pp.save'), className: 'pp-dialog' });
        if (!ok) return;
        try {
          await post(`facilities/${f.id}/prices`, { kind: kind.value, code: code.value, mode: mode ? mode.value : undefined, amount_yuan: amount.value.trim(), affordable: affordable.checked, effective_date: from.value, basis: basis.value });
          replace(msg, alertBox('ok', t('pp.saved')));
          amount.value = '';
          reload();
        } catch (err) {
          replace(msg, errorBox(err));
        }
      },
    },
    h('h3', null, t('pp.add')),
    h(
      'div',
      { class: 'filters' },
      field({ label: t('pp.kind'), input: kind }),
      field({ label: t('pp.code'), input: code }),
      mode ? field({ label: t('pp.mode'), input: mode }) : null,
      field({ label: t('pp.amountYuan'), input: amount, required: true }),
      field({ label: t('pp.from'), input: from }),
      field({ label: t('pp.basis'), input: basis }),
      h('label', { class: 'check' }, affordable, ' ', t('pp.affordable')),
    ),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'pp-save' }, t('pp.save'))),
  );
}
