// 用户 (admin): list accounts, create and edit them, disable and enable.
import { h, replace, clear } from '../dom.js';
import { t, label } from '../i18n.js';
import { get, post, patch, api, ApiError } from '../api.js';
import { state } from '../state.js';
import { regionNames } from '../regions.js';
import { ROLES } from '../enums.js';
import { loading, errorBox, alertBox, field, setFieldError, selectEl, busy, errorText, pager, emptyRow } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';
import { sortableTable } from '../ui/sort_table.js';
import { areaPicker } from './visit_areas.js';

const PER_PAGE = 50;

function parseIds(text) {
  const parts = text.split(/[,，\s]+/).filter(Boolean);
  if (!parts.every((p) => /^[1-9]\d*$/.test(p))) return null;
  return parts.map(Number);
}

// The field of a visitor's villages: checkboxes, with the error slot of
// the other fields.
function areasField(areas) {
  const wrap = h(
    'div',
    { class: 'field field-wide' },
    h('span', { class: 'field-label' }, t('users.areas'), h('span', { class: 'req', 'aria-hidden': 'true' }, ' *')),
    areas.el,
    h('div', { class: 'hint' }, t('users.areasHint')),
    h('div', { class: 'field-error', 'aria-live': 'polite' }),
  );
  areas.el.tabIndex = -1;
  wrap.input = areas.el;
  return wrap;
}

export async function render(main, { isCurrent }) {
  const formSlot = h('div');
  const listSlot = h('div', null, loading());
  const flash = h('div', { 'aria-live': 'polite' });
  let page = 1;
  let duties = new Map(); // account id → its duties (officials only)
  const newBtn = h('button', { type: 'button', class: 'btn btn-primary', onclick: () => openForm(null) }, '+ ', t('users.new'));
  replace(main, h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('users.title')), newBtn), flash, formSlot, listSlot);

  function openForm(user) {
    clear(flash);
    const editing = !!user;
    const username = h('input', { type: 'text', value: editing ? user.username : '', autocapitalize: 'off', spellcheck: 'false', autocomplete: 'off', disabled: editing });
    const display = h('input', { type: 'text', value: editing ? user.display_name : '' });
    const role = selectEl(ROLES.map((r) => [r, label('role', r)]), editing ? user.role : 'county_official');
    // a visitor's villages are ticked from the region chosen above them
    const areas = areaPicker(editing ? user.areas || [] : []);
    const picker = regionPicker({ value: editing ? user.region || '' : '', allowAll: true, allLabel: t('users.regionNone'), onChange: (code) => role.value === 'visitor' && areas.setRegion(code) });
    const facs = h('input', { type: 'text', value: editing ? user.facilities.join(', ') : '', inputmode: 'numeric', placeholder: '12, 15' });
    const pass = h('input', { type: 'password', autocomplete: 'new-password', minlength: '10' });
    const F = {
      username: field({ label: t('users.username'), input: username, required: !editing, name: 'username' }),
      display_name: field({ label: t('users.display_name'), input: display, name: 'display_name' }),
      role: field({ label: t('users.role'), input: role, required: true, name: 'role' }),
      region: field({ label: t('users.region'), input: picker.select, control: picker.el, hint: t('users.regionHint'), name: 'region' }),
      facilities: field({ label: t('users.facilities'), input: facs, hint: t('users.facilitiesHint'), name: 'facilities' }),
      areas: areasField(areas),
      password: field({
        label: editing ? t('users.passwordNew') : t('users.password'),
        input: pass,
        required: !editing,
        hint: editing ? t('users.passwordEditHint') : t('users.passwordHint'),
        name: 'password',
      }),
    };
    const syncRole = () => {
      F.facilities.hidden = role.value !== 'operator';
      F.areas.hidden = role.value !== 'visitor';
      if (role.value === 'visitor') areas.setRegion(picker.value);
      // only an administrator may go without a scope
      picker.setAllLabel(role.value === 'admin' ? t('users.regionNone') : t('users.regionPick'));
    };
    role.addEventListener('change', syncRole);
    syncRole();
    const msg = h('div', { 'aria-live': 'assertive' });
    const save = h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.save'));
    const form = h(
      'form',
      { class: 'card user-form', novalidate: true },
      h('h2', { class: 'card-title' }, editing ? `${t('users.edit')}${t('common.colon')}${user.username}` : t('users.new')),
      msg,
      h('div', { class: 'form-grid' }, Object.values(F)),
      h('div', { class: 'form-actions' }, save, h('button', { type: 'button', class: 'btn btn-ghost', onclick: () => clear(formSlot) }, t('common.cancel'))),
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clear(msg);
      Object.values(F).forEach((w) => setFieldError(w, ''));
      const fail = (name, text) => {
        setFieldError(F[name], text);
        F[name].input.focus();
      };
      let ids = [];
      if (role.value === 'operator') {
        ids = parseIds(facs.value);
        if (!ids) return fail('facilities', t('users.badIds'));
      }
      const body = {
        display_name: display.value.trim(),
        role: role.value,
        region: picker.value || null,
      };
      if (role.value === 'operator' || (editing && user.facilities.length)) body.facilities = ids;
      if (role.value === 'visitor') {
        body.areas = areas.values();
        if (!body.areas.length) return fail('areas', t('users.areasRequired'));
      } else if (editing && (user.areas || []).length) body.areas = [];
      if (!editing) {
        body.username = username.value.trim();
        if (!body.username) return fail('username', t('common.required'));
      }
      if (pass.value || !editing) body.password = pass.value;
      if (editing) {
        for (const k of Object.keys(body)) if (JSON.stringify(body[k]) === JSON.stringify(user[k])) delete body[k];
        if (!Object.keys(body).length) {
          replace(msg, alertBox('info', t('fac.noChanges')));
          return;
        }
      }
      try {
        const saved = await busy(save, t('common.saving'), () => (editing ? patch(`users/${user.id}`, body) : post('users', body)));
        clear(formSlot);
        replace(flash, alertBox('ok', t(editing ? 'users.updated' : 'users.created', { name: saved.username })));
        await loadList();
      } catch (err) {
        if (err instanceof ApiError && F[err.field] && !F[err.field].hidden) fail(err.field, errorText(err));
        else replace(msg, alertBox('error', errorText(err)));
      }
    });
    replace(formSlot, form);
    (editing ? display : username).focus();
  }

  async function toggle(user, btn) {
    clear(flash);
    try {
      await busy(btn, t('common.saving'), () => patch(`users/${user.id}`, { disabled: !user.disabled }));
      await loadList();
    } catch (err) {
      replace(flash, errorBox(err));
    }
  }

  // 经办, 审核, 审批 of a payment (docs/api.md "Three-step approval"): a
  // box per duty, saved as it is ticked
  function dutyBoxes(u) {
    const have = duties.get(u.id);
    if (!have) return t('common.dash');
    const boxes = ['prepare', 'check', 'approve'].map((d) => {
      const box = h('input', { type: 'checkbox', value: d, checked: have.includes(d), 'aria-label': `${u.username} ${t(`users.duty.${d}`)}` });
      box.addEventListener('change', async () => {
        const want = boxes.filter((b) => b.querySelector('input').checked).map((b) => b.querySelector('input').value);
        try {
          const r = await api('PUT', `users/${u.id}/duties`, { json: { duties: want } });
          duties.set(u.id, r.duties);
        } catch (e) {
          box.checked = !box.checked;
          replace(flash, alertBox('error', errorText(e)));
        }
      });
      return h('label', { class: 'duty' }, box, t(`users.duty.${d}`));
    });
    return boxes;
  }

  async function loadList() {
    let data;
    try {
      data = await get('users');
      duties = new Map((await get('users/duties')).items.map((d) => [d.account_id, d.duties]));
    } catch (e) {
      if (isCurrent()) replace(listSlot, errorBox(e, loadList));
      return;
    }
    const names = await regionNames(data.items.flatMap((u) => [u.region, ...(u.areas || [])]));
    if (!isCurrent()) return;
    const pages = Math.max(1, Math.ceil(data.items.length / PER_PAGE));
    if (page > pages) page = pages;
    const items = data.items.slice((page - 1) * PER_PAGE, page * PER_PAGE);
    const rows = items.map((u) => {
      const me = u.id === state.user.id;
      const tgl = h('button', { type: 'button', class: ['btn btn-small', u.disabled ? '' : 'btn-danger-outline'] }, u.disabled ? t('users.enable') : t('users.disable'));
      tgl.addEventListener('click', () => toggle(u, tgl));
      return h(
        'tr',
        { class: u.disabled ? 'is-disabled' : null },
        h('td', { class: 'mono cell-name' }, u.username, me ? h('span', { class: 'muted small' }, ` ${t('users.you')}`) : null),
        h('td', { 'data-label': t('users.display_name') }, u.display_name || t('common.dash')),
        h('td', { 'data-label': t('users.role') }, label('role', u.role)),
        h(
          'td',
          { 'data-label': t('users.region') },
          u.region ? names.get(u.region) || u.region : t('users.regionNone'),
          (u.areas || []).length ? h('div', { class: 'muted small user-areas' }, `${t('users.areas')}${t('common.colon')}${u.areas.map((c) => names.get(c) || c).join('、')}`) : null,
          u.department ? h('div', { class: 'muted small user-department' }, `${t('users.department')}${t('common.colon')}${u.department}`) : null,
        ),
        h('td', { class: 'mono', 'data-label': t('users.facilities') }, u.facilities.length ? u.facilities.join(', ') : t('common.dash')),
        h('td', { class: 'duties', 'data-label': t('users.duties') }, dutyBoxes(u)),
        h('td', { 'data-label': t('users.status') }, h('span', { class: ['tag', u.disabled ? 'tag-closed' : 'tag-open'] }, u.disabled ? t('users.disabled') : t('users.enabled'))),
        h(
          'td',
          { class: 'actions', 'data-label': t('common.actions') },
          h('button', { type: 'button', class: 'btn btn-small', onclick: () => openForm(u) }, t('common.edit')),
          me ? null : tgl,
        ),
      );
    });
    replace(
      listSlot,
      h(
        'div',
        { class: 'card card-flush' },
        h(
          'div',
          { class: 'table-wrap' },
          sortableTable(
            h(
              'table',
              { class: 'data stack-on-phone' },
              h('thead', null, h('tr', null, ['users.username', 'users.display_name', 'users.role', 'users.region', 'users.facilities', 'users.duties', 'users.status', 'common.actions'].map((k) => h('th', { scope: 'col', 'data-nosort': k === 'common.actions' ? '' : null }, t(k))))),
              h('tbody', null, rows.length ? rows : emptyRow(8)),
            ),
          ),
        ),
        pager({
          total: data.total ?? data.items.length,
          page,
          perPage: PER_PAGE,
          onPage: (p) => {
            page = p;
            loadList();
          },
        }),
      ),
    );
  }
  await loadList();
}
