// 指标填报 (#/report): a department's data-entry form for a region and
// period, like a DHIS2 form: one row per indicator its department reports
// (name, unit, target, last value with its period and source), filled and
// saved at once — the server checks every value and writes all or nothing,
// naming each bad one beside its field. Officials of a region see every
// department's completeness (部门, 应填, 已填, 完成率).
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { get, post } from '../api.js';
import { state } from '../state.js';
import { go } from '../router.js';
import { startRegion } from '../regions.js';
import { loading, errorBox, alertBox, field, setFieldError, errorText } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';

const PERIOD_RE = /^(\d{4})(Q[1-4]|-(0[1-9]|1[0-2]))?$/;

// what a person may type as a number: decimal text, not negative
const DECIMAL_RE = /^\d+(\.\d+)?$/;

function targetText(r) {
  // the server sends no target for a descriptive row: reported, not judged
  if (r.target === null) return t('desc.noTarget');
  const tg = r.target || {};
  if (!tg.value) return '—';
  const sym = tg.symbol && tg.symbol !== '=' && tg.op !== 'text' ? `${tg.symbol} ` : '';
  return t('rf.targetBy', { v: `${sym}${tg.value}${r.unit && !r.text ? r.unit : ''}`, y: tg.year });
}

function lastText(r) {
  const x = r.last;
  if (!x) return t('rf.noLast');
  return t('rf.last', { p: x.period, v: `${x.value ?? '—'}${r.unit && !r.text ? r.unit : ''}`, s: x.source || '—' });
}

function rowCard(r, inputs) {
  const value = h('input', {
    type: 'text',
    inputmode: r.text ? 'text' : 'decimal',
    value: r.current ? r.current.value ?? '' : '',
    autocomplete: 'off',
  });
  const note = h('input', { type: 'text', value: '', autocomplete: 'off' });
  const vf = field({ label: r.text ? t('rf.valueText') : t('rf.valueIn', { u: r.unit || t('rf.noUnit') }), input: value });
  const nf = field({ label: t('rf.note'), input: note });
  inputs.set(r.indicator, { row: r, value, note, vf, nf });
  return h(
    'section',
    { class: 'card rf-row', 'data-indicator': r.indicator },
    h('h2', { class: 'rf-name' }, r.name, ' ', h('span', { class: ['tag', r.current ? 'tag-open' : 'tag-warn'] }, r.current ? t('rf.filled') : t('rf.empty'))),
    h('p', { class: 'muted' }, t('rf.unitTarget', { u: r.unit || t('rf.noUnit'), tg: targetText(r) })),
    h('p', { class: 'muted rf-last' }, lastText(r)),
    r.departments && r.departments.length ? h('p', { class: 'muted' }, t('rf.depts', { d: r.departments.join('、') })) : null,
    h('div', { class: 'form-grid' }, vf, nf),
  );
}

function completenessTable(list) {
  if (!list.length) return h('p', { class: 'muted' }, t('rf.noDepts'));
  return h(
    'table',
    { class: 'data stack-on-phone rf-complete' },
    h('caption', null, t('rf.completeTitle')),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('rf.dept')), h('th', { scope: 'col', class: 'num' }, t('rf.due')), h('th', { scope: 'col', class: 'num' }, t('rf.done')), h('th', { scope: 'col', class: 'num' }, t('rf.rate')))),
    h(
      'tbody',
      null,
      list.map((c) =>
        h(
          'tr',
          null,
          h('td', { 'data-label': t('rf.dept') }, c.department),
          h('td', { class: 'num', 'data-label': t('rf.due') }, String(c.due)),
          h('td', { class: 'num', 'data-label': t('rf.done') }, String(c.filled)),
          h('td', { class: 'num', 'data-label': t('rf.rate') }, c.rate === null ? '—' : `${c.rate}%`),
        ),
      ),
    ),
  );
}

export async function render(main, { query, isCurrent }) {
  const region = await startRegion(query, state.user);
  if (!isCurrent()) return;
  const period = PERIOD_RE.test(query.period || '') ? query.period : String(new Date().getFullYear());
  const apply = (changes) => go('report', { region, period, ...changes });

  const picker = regionPicker({ value: region, onChange: (code) => code && apply({ region: code }) });
  picker.select.id = 'rf-region';
  const periodInput = h('input', { type: 'text', id: 'rf-period', value: period, inputmode: 'text', autocomplete: 'off', placeholder: t('rf.periodHint'), title: t('rf.periodHint') });
  const pf = field({ label: t('rf.period'), input: periodInput });
  pf.classList.add('filter');
  const showBtn = h('button', { type: 'button', class: 'btn' }, t('rf.show'));
  showBtn.onclick = () => {
    const p = periodInput.value.trim();
    if (!PERIOD_RE.test(p)) return setFieldError(pf, t('rf.periodBad'));
    setFieldError(pf, '');
    apply({ period: p });
  };
  const filters = h(
    'div',
    { class: 'filters', id: 'rf-filters' },
    h('div', { class: 'filter filter-region' }, h('label', { for: 'rf-region' }, t('rf.region')), picker.el),
    pf,
    h('div', { class: 'filter' }, showBtn),
  );
  const flash = h('div', { 'aria-live': 'polite', id: 'rf-flash' });
  const body = h('div', { id: 'rf-body' }, loading());
  replace(main, h('h1', { class: 'page-title' }, t('rf.title')), filters, flash, body);

  const draw = (data) => {
    const inputs = new Map();
    const summary = h('p', { class: 'rf-summary', id: 'rf-summary' }, h('strong', null, t('rf.summary', { n: data.filled, m: data.due })));
    const parts = [];
    if (data.department) parts.push(h('p', null, t('rf.lead', { d: data.department, p: data.period })));
    if (data.due) parts.push(summary);
    const complete = data.completeness || [];
    if (!data.department) parts.push(completenessTable(complete), complete.length ? h('p', { class: 'muted hint' }, t('rf.rateRule')) : null);
    if (!data.rows.length) {
      if (data.department) parts.push(h('p', { class: 'muted' }, t('rf.noRows')));
      return replace(body, ...parts);
    }
    const canSave = state.user.role !== 'readonly';
    const cards = data.rows.map((r) => rowCard(r, inputs));
    const msg = h('div', { 'aria-live': 'polite', id: 'rf-msg' });
    const save = h('button', { type: 'button', class: 'btn btn-primary', id: 'rf-save' }, t('rf.save'));
    save.onclick = async () => {
      replace(msg);
      replace(flash);
      let bad = 0;
      const values = [];
      for (const [id, x] of inputs) {
        setFieldError(x.vf, '');
        setFieldError(x.nf, '');
        const v = x.value.value.trim();
        if (!v) continue; // blank: not given
        if (!x.row.text && !DECIMAL_RE.test(v)) {
          setFieldError(x.vf, t('rf.badNumber'));
          bad++;
          continue;
        }
        const item = { indicator: id, value: v };
        if (x.note.value.trim()) item.note = x.note.value.trim();
        values.push(item);
      }
      if (bad) return replace(msg, alertBox('error', t('rf.fixFirst', { n: bad })));
      if (!values.length) return replace(msg, alertBox('error', t('rf.nothing')));
      save.disabled = true;
      try {
        const out = await post('report-form', { region: data.region, period: data.period, values });
        replace(flash, alertBox('success', t('rf.saved', { n: values.length })));
        draw(out);
      } catch (e) {
        save.disabled = false;
        if (e.errors && e.errors.length) {
          for (const er of e.errors) {
            const x = inputs.get(er.indicator);
            if (!x) continue;
            if (er.field === 'note') setFieldError(x.nf, t('rf.badNote'));
            else if (er.field === 'indicator') setFieldError(x.vf, t('rf.notMine'));
            else setFieldError(x.vf, x.row.text ? t('rf.badText') : t('rf.badNumber'));
          }
          replace(msg, alertBox('error', t('rf.fixFirst', { n: e.errors.length })));
        } else replace(msg, alertBox('error', errorText(e)));
      }
    };
    parts.push(h('div', { class: 'rf-rows' }, cards));
    if (canSave) parts.push(h('div', { class: 'form-actions' }, save), msg);
    replace(body, ...parts);
  };

  try {
    draw(await get('report-form', { region, period }));
  } catch (e) {
    replace(body, errorBox(e, () => apply({})));
  }
}
