// 新增 / 编辑机构: every FACILITY field of docs/api.md, grouped. Beds show
// for elderly-care kinds, slots and classes for childcare kinds. A 422 from
// the API is shown beside the field it names.
import { h, replace, today, clear } from '../dom.js';
import { t, label } from '../i18n.js';
import { get, post, patch, ApiError } from '../api.js';
import { state } from '../state.js';
import { go } from '../router.js';
import { ELDERLY_KINDS, CHILDCARE_KINDS, OWNERSHIP, OPERATION, PROFIT, FILING, CLASS_TYPES, CAPACITY_ELDERLY, CAPACITY_CHILDCARE, isChildcare } from '../enums.js';
import { loading, field, setFieldError, selectEl, busy, alertBox, errorText, setFlash } from '../ui/common.js';
import { markMissing, withoutBlanks } from '../ui/form.js';
import { regionPicker } from '../ui/region_picker.js';

const CAPACITY_FIELDS = [...CAPACITY_ELDERLY, ...CAPACITY_CHILDCARE, 'classes'];

// name, type, group, options
const SPEC = [
  ['name', 'text', 'basic', { required: true, wide: true, maxlength: 200 }],
  ['kind', 'kind', 'basic', { required: true }],
  ['region', 'region', 'basic', { required: true }],
  ['credit_code', 'credit', 'basic', {}],
  ['address', 'text', 'basic', { wide: true, maxlength: 300 }],
  ['lat', 'real', 'basic', { min: 3.5, max: 53.6 }],
  ['lon', 'real', 'basic', { min: 73.4, max: 135.1 }],
  ['ownership', 'enum', 'nature', { values: OWNERSHIP, required: true }],
  ['operation', 'enum', 'nature', { values: OPERATION, required: true }],
  ['profit', 'enum', 'nature', { values: PROFIT, required: true }],
  ['medical_integration', 'bool', 'nature', {}],
  ['internal_clinic', 'bool', 'nature', {}],
  ['opened_on', 'date', 'nature', {}],
  ['closed_on', 'date', 'nature', {}],
  ['closed_reason', 'text', 'nature', { maxlength: 500 }],
  ['filing_status', 'enum', 'filing', { values: FILING, noEmpty: true }],
  ['filing_date', 'date', 'filing', {}],
  ['credit_commitment', 'textarea', 'filing', { wide: true }],
  ['capacity_date', 'date', 'capacity', {}],
  ['beds', 'int', 'capacity', { family: 'elderly' }],
  ['nursing_beds', 'int', 'capacity', { family: 'elderly' }],
  ['occupied_beds', 'int', 'capacity', { family: 'elderly' }],
  ['affordable_beds', 'int', 'capacity', { family: 'elderly' }],
  ['slots', 'int', 'capacity', { family: 'childcare' }],
  ['affordable_slots', 'int', 'capacity', { family: 'childcare' }],
  ['enrolled', 'int', 'capacity', { family: 'childcare' }],
  ['caregivers', 'int', 'capacity', {}],
  ['classes', 'classes', 'classes', { family: 'childcare' }],
];

const GROUPS = ['basic', 'nature', 'filing', 'capacity', 'classes'];

function classesEditor(initial) {
  const body = h('tbody');
  const wrap = h('div', { class: 'classes-editor' });
  const addBtn = h('button', { type: 'button', class: 'btn btn-small' }, '+ ', t('fac.addClass'));
  const table = h(
    'table',
    { class: 'data compact' },
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, '#'), h('th', { scope: 'col' }, t('f.class_type')), h('th', { scope: 'col' }, t('f.class_capacity')), h('th', { scope: 'col' }, t('f.class_enrolled')), h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('common.actions'))))),
    body,
  );
  function renumber() {
    [...body.rows].forEach((tr, i) => {
      tr.cells[0].textContent = String(i + 1);
      const btn = tr.querySelector('button');
      btn.setAttribute('aria-label', t('fac.removeClassLabel', { n: i + 1 }));
      tr.querySelectorAll('select, input').forEach((c) => c.setAttribute('aria-label', `${c.dataset.label} ${i + 1}`));
    });
    table.hidden = !body.rows.length;
  }
  function addRow(c = { type: 'toddler_small', capacity: '', enrolled: '' }) {
    const typeSel = selectEl(CLASS_TYPES.map((ct) => [ct, label('class', ct)]), c.type, { dataset: { label: t('f.class_type') } });
    const cap = h('input', { type: 'number', min: '0', step: '1', inputmode: 'numeric', value: String(c.capacity), class: 'num-input', dataset: { label: t('f.class_capacity') } });
    const enr = h('input', { type: 'number', min: '0', step: '1', inputmode: 'numeric', value: String(c.enrolled), class: 'num-input', dataset: { label: t('f.class_enrolled') } });
    const tr = h(
      'tr',
      null,
      h('td'),
      h('td', null, typeSel),
      h('td', null, cap),
      h('td', null, enr),
      h(
        'td',
        null,
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-small btn-ghost',
            onclick: () => {
              tr.remove();
              renumber();
              addBtn.focus();
            },
          },
          t('fac.removeClass'),
        ),
      ),
    );
    body.append(tr);
    renumber();
    return typeSel;
  }
  addBtn.addEventListener('click', () => addRow().focus());
  for (const c of initial || []) addRow(c);
  renumber();
  wrap.append(h('div', { class: 'table-wrap' }, table), addBtn);
  wrap.read = () =>
    [...body.rows].map((tr) => {
      const [sel, cap, enr] = tr.querySelectorAll('select, input');
      return { type: sel.value, capacity: cap.value === '' ? 0 : Number(cap.value), enrolled: enr.value === '' ? 0 : Number(enr.value) };
    });
  wrap.focusFirst = () => {
    const c = wrap.querySelector('select, input, button');
    if (c) c.focus();
  };
  return wrap;
}

export async function render(main, { params, query, isCurrent }) {
  const id = params.id;
  const editing = !!id;
  replace(main, loading());
  const orig = editing ? await get(`facilities/${id}`) : null;
  if (!isCurrent()) return;

  const controls = new Map(); // name -> {wrap, read(), type, opts}
  const groups = Object.fromEntries(GROUPS.map((g) => [g, h('div', { class: 'form-grid' })]));
  const initialRegion = editing ? orig.region : query.region || (state.selectedRegion && state.selectedRegion.code) || state.user.region || '';

  for (const [name, type, group, opts] of SPEC) {
    const v = orig ? orig[name] : undefined;
    let input;
    let control = null;
    let read;
    let hint = null;
    switch (type) {
      case 'text':
        input = h('input', { type: 'text', value: v || '', maxlength: opts.maxlength ? String(opts.maxlength) : null });
        read = () => input.value.trim();
        break;
      case 'credit':
        input = h('input', { type: 'text', value: v || '', maxlength: '18', class: 'mono', autocapitalize: 'characters', spellcheck: 'false' });
        read = () => input.value.trim().toUpperCase() || null;
        hint = t('fac.creditHint');
        break;
      case 'textarea':
        input = h('textarea', { rows: '3' });
        input.value = v || '';
        read = () => input.value.trim();
        break;
      case 'real':
        input = h('input', { type: 'number', step: 'any', min: String(opts.min), max: String(opts.max), value: v === null || v === undefined ? '' : String(Math.round(v * 1e7) / 1e7) });
        read = () => (input.value === '' ? null : Number(input.value));
        if (name === 'lat') hint = t('fac.coordsHint');
        break;
      case 'int':
        input = h('input', { type: 'number', min: '0', step: '1', inputmode: 'numeric', class: 'num-input', value: v === undefined ? '' : String(v) });
        read = () => (input.value === '' ? 0 : Number(input.value));
        break;
      case 'date':
        input = h('input', { type: 'date', value: v || '' });
        if (name === 'capacity_date') {
          input.value = today();
          hint = editing ? t('fac.capacityDateHintEdit', { date: orig.capacity_date }) : t('fac.capacityDateHintNew');
        }
        read = () => input.value || null;
        break;
      case 'bool':
        input = h('input', { type: 'checkbox', checked: !!v });
        read = () => input.checked;
        break;
      case 'enum': {
        const options = opts.noEmpty ? [] : [['', t('fac.select')]];
        input = selectEl([...options, ...opts.values.map((x) => [x, label(name === 'filing_status' ? 'filing' : name, x)])], v || (opts.noEmpty ? opts.values[0] : ''));
        read = () => input.value || null;
        break;
      }
      case 'kind':
        input = selectEl(
          [
            ['', t('fac.select')],
            { group: t('kindgroup.elderly'), options: ELDERLY_KINDS.map((k) => [k, label('kind', k)]) },
            { group: t('kindgroup.childcare'), options: CHILDCARE_KINDS.map((k) => [k, label('kind', k)]) },
          ],
          v || query.kind || '',
        );
        read = () => input.value || null;
        break;
      case 'region': {
        const picker = regionPicker({ value: initialRegion, allowAll: false });
        input = picker.select;
        control = picker.el;
        read = () => picker.value || null;
        break;
      }
      case 'classes': {
        const ed = classesEditor(v);
        input = h('span', { tabindex: '-1', class: 'sr-only' }, t('f.classes'));
        control = ed;
        read = ed.read;
        break;
      }
      default:
        throw new Error(type);
    }
    const wrap =
      type === 'classes'
        ? h('div', { class: 'field field-wide', role: 'group', 'aria-label': t('f.classes') }, control, h('div', { class: 'field-error', 'aria-live': 'polite' }))
        : field({ label: t(`f.${name}`), input, control, hint, required: opts.required, name, wide: opts.wide });
    if (type === 'classes') {
      wrap.input = input;
      wrap.focusTarget = control;
    }
    if (opts.family) wrap.dataset.family = opts.family;
    controls.set(name, { wrap, read, type, opts });
    groups[group].append(wrap);
  }

  if (editing) {
    // a date before the current entry adds history; it does not change today's figures
    const cd = controls.get('capacity_date').wrap;
    const warn = h('div', { class: 'hint hint-warn', hidden: true });
    cd.append(warn);
    const check = () => {
      const v = cd.input.value;
      warn.hidden = !(v && orig.capacity_date && v < orig.capacity_date);
      warn.textContent = t('fac.capacityDateEarlier', { date: orig.capacity_date });
    };
    cd.input.addEventListener('input', check);
    cd.input.addEventListener('change', check);
  }

  const kindSel = controls.get('kind').wrap.input;
  const classesCard = h('section', { class: 'card' }, h('h2', { class: 'card-title' }, t('fac.sec.classes')), groups.classes);
  function applyFamily() {
    const fam = kindSel.value ? (isChildcare(kindSel.value) ? 'childcare' : 'elderly') : null;
    for (const { wrap, opts } of controls.values()) if (opts.family) wrap.hidden = !fam || opts.family !== fam;
    classesCard.hidden = fam !== 'childcare';
  }
  kindSel.addEventListener('change', applyFamily);
  applyFamily();

  const topMsg = h('div', { 'aria-live': 'assertive' });
  const saveBtn = h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.save'));
  const cancelHref = editing ? `#/facilities/${id}` : '#/facilities';
  const card = (key, body) => h('section', { class: 'card' }, h('h2', { class: 'card-title' }, t(key)), body);
  const form = h(
    'form',
    { class: 'fac-form', novalidate: true },
    topMsg,
    card('fac.sec.basic', groups.basic),
    card('fac.sec.nature', groups.nature),
    card('fac.sec.filing', groups.filing),
    card('fac.sec.capacity', groups.capacity),
    classesCard,
    h('div', { class: 'form-actions sticky-actions' }, saveBtn, h('a', { class: 'btn btn-ghost', href: cancelHref }, t('common.cancel'))),
  );

  function clearErrors() {
    replace(topMsg);
    for (const { wrap } of controls.values()) {
      const slot = wrap.querySelector(':scope > .field-error');
      if (slot) slot.textContent = '';
      wrap.classList.remove('has-error');
      if (wrap.input) wrap.input.removeAttribute('aria-invalid');
    }
  }

  function showError(err) {
    // the server names every wrong field at once: mark each, focus the first
    const each = err instanceof ApiError && Array.isArray(err.errors) ? err.errors.filter((e) => e.field && !('row' in e)) : [];
    if (each.length > 1) {
      let first = null;
      for (const e of each) {
        const c = controls.get(e.field);
        if (!c || c.wrap.hidden || c.wrap.closest('[hidden]')) continue;
        const text = errorText({ code: err.code, field: e.field, message: e.message });
        if (c.type === 'classes') {
          c.wrap.querySelector('.field-error').textContent = text;
          c.wrap.classList.add('has-error');
        } else setFieldError(c.wrap, text);
        first = first || c;
      }
      if (first) {
        replace(topMsg, alertBox('error', t('fac.formError')));
        if (first.type === 'classes') first.wrap.focusTarget.focusFirst();
        else first.wrap.input.focus();
        first.wrap.scrollIntoView({ block: 'center' });
        return;
      }
    }
    const c = err instanceof ApiError && err.field ? controls.get(err.field) : null;
    if (c && !c.wrap.hidden && !c.wrap.closest('[hidden]')) {
      replace(topMsg, alertBox('error', t('fac.formError')));
      if (c.type === 'classes') {
        c.wrap.querySelector('.field-error').textContent = errorText(err);
        c.wrap.classList.add('has-error');
        c.wrap.focusTarget.focusFirst();
      } else {
        setFieldError(c.wrap, errorText(err));
        c.wrap.input.focus();
      }
      c.wrap.scrollIntoView({ block: 'center' });
    } else {
      replace(topMsg, alertBox('error', errorText(err)));
      topMsg.scrollIntoView({ block: 'center' });
    }
  }

  function visibleNames() {
    const fam = isChildcare(kindSel.value) ? 'childcare' : 'elderly';
    return SPEC.filter(([, , , o]) => !o.family || o.family === fam).map(([n]) => n);
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors();
    const names = visibleNames();
    // every empty required field at once, before anything is sent
    const missing = markMissing(SPEC.filter(([n, , , o]) => o.required && names.includes(n)).map(([n]) => ({ wrap: controls.get(n).wrap, value: controls.get(n).read() })));
    if (missing) {
      replace(topMsg, alertBox('error', t('form.missing', { n: missing })));
      return;
    }
    const body = {};
    if (!editing) {
      for (const n of names) {
        const v = controls.get(n).read();
        if (v === null && ['ownership', 'operation', 'profit', 'kind', 'region'].includes(n)) continue; // let the API name what is missing
        body[n] = v;
      }
    } else {
      let capacityChanged = false;
      for (const n of names) {
        if (n === 'capacity_date') continue;
        const v = controls.get(n).read();
        const before = orig[n] === undefined ? null : orig[n];
        if (JSON.stringify(v) !== JSON.stringify(before)) {
          body[n] = v;
          if (CAPACITY_FIELDS.includes(n)) capacityChanged = true;
        }
      }
      if (capacityChanged) body.capacity_date = controls.get('capacity_date').read();
      if (!Object.keys(body).length) {
        replace(topMsg, alertBox('info', t('fac.noChanges')));
        return;
      }
    }
    try {
      const saved = await busy(saveBtn, t('common.saving'), () => (editing ? patch(`facilities/${id}`, body) : post('facilities', withoutBlanks(body))));
      setFlash(t('fac.savedOk'));
      go(`facilities/${saved.id}`);
    } catch (err) {
      showError(err);
    }
  });

  replace(
    main,
    editing ? h('a', { class: 'back-link', href: cancelHref }, '← ', orig.name) : h('a', { class: 'back-link', href: cancelHref }, '← ', t('fac.backToList')),
    h('h1', { class: 'page-title' }, editing ? t('fac.editTitle') : t('fac.newTitle')),
    form,
  );
  clear(topMsg);
  if (!editing) controls.get('name').wrap.input.focus();
}
