// 新增人员 / 编辑人员: the people registry's form. Every field is checked at
// once on the client (the ID number with its GB 11643 check character) and
// again by the server, whose error is shown beside the field it names. An
// edit sends only what changed, so masked phone numbers are not sent back.
import { h, replace, today } from '../dom.js';
import { t } from '../i18n.js';
import { get, post, patch, ApiError } from '../api.js';
import { go } from '../router.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox, field, selectEl, busy, errorText, setFieldError, setFlash } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';
import { idNumberValid } from './people.js';

export async function render(main, { params, isCurrent }) {
  const editing = params.id != null;
  let p = null;
  if (editing) {
    replace(main, loading());
    try {
      p = await get(`persons/${params.id}`);
    } catch (e) {
      if (isCurrent()) replace(main, errorBox(e));
      return;
    }
    if (!isCurrent()) return;
  }
  const init = {
    kind: p ? p.kind : 'elderly',
    id_number: '',
    name: p ? p.name : '',
    region: p ? p.region : state.user.region || '',
    address: p ? p.address || '' : '',
    phone: p ? p.phone || '' : '',
    contact_name: p ? p.contact_name || '' : '',
    contact_phone: p ? p.contact_phone || '' : '',
    guardian_name: p ? p.guardian_name || '' : '',
    deceased_on: p ? p.deceased_on || '' : '',
  };
  const kind = selectEl([['elderly', t('people.kind.elderly')], ['infant', t('people.kind.infant')]], init.kind, { disabled: editing });
  const idn = h('input', { type: 'text', class: 'mono', maxlength: 18, autocomplete: 'off', value: '', disabled: editing, placeholder: editing ? p.id_number : '' });
  const name = h('input', { type: 'text', value: init.name, maxlength: 40 });
  const picker = regionPicker({ value: init.region, allowAll: false });
  const address = h('input', { type: 'text', value: init.address });
  const phone = h('input', { type: 'tel', value: init.phone, inputmode: 'tel' });
  const contactName = h('input', { type: 'text', value: init.contact_name });
  const contactPhone = h('input', { type: 'tel', value: init.contact_phone, inputmode: 'tel' });
  const guardian = h('input', { type: 'text', value: init.guardian_name });
  const deceased = h('input', { type: 'date', value: init.deceased_on, max: today() });
  const wraps = {
    kind: field({ label: t('people.kindLabel'), input: kind, required: !editing, name: 'kind' }),
    id_number: field({ label: t('people.idNumber'), input: idn, required: !editing, name: 'id_number', hint: editing ? t('people.form.idFixed') : t('people.form.idHint') }),
    name: field({ label: t('people.name'), input: name, required: true, name: 'name' }),
    region: field({ label: t('people.region'), input: picker.select, control: picker.el, required: true, name: 'region' }),
    address: field({ label: t('people.address'), input: address, name: 'address', wide: true }),
    phone: field({ label: t('people.form.phone'), input: phone, name: 'phone' }),
    contact_name: field({ label: t('people.form.contactName'), input: contactName, name: 'contact_name' }),
    contact_phone: field({ label: t('people.form.contactPhone'), input: contactPhone, name: 'contact_phone' }),
    guardian_name: field({ label: t('people.guardian'), input: guardian, name: 'guardian_name', hint: t('people.form.guardianHint') }),
    deceased_on: field({ label: t('people.form.deceasedOn'), input: deceased, name: 'deceased_on', hint: t('people.form.deceasedHint') }),
  };
  const topMsg = h('div', { 'aria-live': 'assertive' });
  const save = h('button', { type: 'submit', class: 'btn btn-primary' }, t('people.form.save'));

  function values() {
    return {
      kind: kind.value,
      id_number: idn.value.trim().toUpperCase(),
      name: name.value.trim(),
      region: picker.value,
      address: address.value.trim(),
      phone: phone.value.trim(),
      contact_name: contactName.value.trim(),
      contact_phone: contactPhone.value.trim(),
      guardian_name: guardian.value.trim(),
      deceased_on: deceased.value,
    };
  }

  // every field at once; stale messages cleared
  function check(v) {
    const errs = {};
    if (!editing && !v.id_number) errs.id_number = t('people.form.required');
    else if (!editing && !idNumberValid(v.id_number)) errs.id_number = t('people.form.idBad');
    if (!v.name) errs.name = t('people.form.required');
    if (!v.region) errs.region = t('people.form.required');
    if (v.kind === 'infant' && !v.guardian_name) errs.guardian_name = t('people.form.required');
    for (const k of ['phone', 'contact_phone']) if (v[k] && v[k] !== init[k] && !/^1\d{10}$/.test(v[k])) errs[k] = t('people.form.phoneBad');
    if (v.deceased_on && v.deceased_on > today()) errs.deceased_on = t('people.form.future');
    for (const [k, w] of Object.entries(wraps)) setFieldError(w, errs[k] || '');
    return errs;
  }

  function body(v) {
    if (!editing) {
      const b = {};
      for (const [k, x] of Object.entries(v)) if (x !== '') b[k] = x;
      if (b.kind !== 'infant') delete b.guardian_name;
      return b;
    }
    const b = {};
    for (const k of ['name', 'region', 'address', 'phone', 'contact_name', 'contact_phone', 'guardian_name']) if (v[k] !== init[k]) b[k] = v[k];
    if (v.deceased_on !== init.deceased_on) b.deceased_on = v.deceased_on || null;
    return b;
  }

  const form = h(
    'form',
    {
      class: 'card person-form',
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        replace(topMsg);
        const v = values();
        const errs = check(v);
        if (Object.keys(errs).length) {
          replace(topMsg, alertBox('error', t('people.form.fix', { n: Object.keys(errs).length })));
          const first = Object.keys(wraps).find((k) => errs[k]);
          if (first) wraps[first].input.focus();
          return;
        }
        const b = body(v);
        if (editing && !Object.keys(b).length) {
          go(`people/${p.id}`);
          return;
        }
        try {
          const saved = await busy(save, t('common.saving'), () => (editing ? patch(`persons/${p.id}`, b) : post('persons', b)));
          setFlash(t(editing ? 'people.form.updated' : 'people.form.created', { name: saved.name }));
          go(`people/${saved.id}`);
        } catch (err) {
          // the server names every wrong field at once: mark each, focus the first
          const each = err instanceof ApiError && Array.isArray(err.errors) ? err.errors.filter((e) => e.field) : [];
          const marks = each.length ? each : err instanceof ApiError && err.field ? [{ field: err.field, message: err.message }] : [];
          let first = null;
          for (const e of marks) {
            const w = wraps[e.field];
            if (!w) continue;
            setFieldError(w, errorText({ code: err.code, field: e.field, message: e.message }));
            first = first || w;
          }
          if (first) first.input.focus();
          replace(topMsg, alertBox('error', errorText(err)));
        }
      },
    },
    h('div', { class: 'form-grid' }, Object.values(wraps)),
    h('div', { class: 'form-actions' }, save, h('a', { class: 'btn btn-ghost', href: editing ? `#/people/${p.id}` : '#/people' }, t('common.cancel'))),
  );
  const syncKind = () => {
    wraps.guardian_name.hidden = kind.value !== 'infant';
  };
  kind.addEventListener('change', syncKind);
  syncKind();
  replace(
    main,
    h('p', null, h('a', { href: editing ? `#/people/${p.id}` : '#/people' }, `← ${editing ? p.name : t('people.title')}`)),
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, editing ? t('people.form.editTitle', { name: p.name }) : t('people.add'))),
    topMsg,
    form,
  );
}
