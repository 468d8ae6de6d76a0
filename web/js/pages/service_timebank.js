// 时间银行: for officials and operators. Three tabs: the volunteers (with
// the registered count and the elderly share as of a day, registration,
// kin and transfers, leaving), the services that earn hours (recorded,
// then verified — which deposits the minutes once — or rejected with a
// reason), and the accounts with their ledger, each entry showing the
// services its minutes trace to. Every write asks in an in-page dialog
// that states its consequence.
import { askDialog } from '../ui/dialog.js';
import { h, replace, today } from '../dom.js';
import { t, fmtNum, fmtDateTime } from '../i18n.js';
import { get, post } from '../api.js';
import { go } from '../router.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox, field, selectEl, emptyRow, labelCells } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';

const TABS = ['volunteers', 'services', 'accounts'];
const WRITERS = ['admin', 'city_official', 'county_official', 'dept_official', 'operator', 'township_official'];
const KIN_WRITERS = ['admin', 'city_official', 'county_official', 'dept_official', 'township_official'];
const RELATIONS = ['spouse', 'parent', 'child', 'grandparent', 'grandchild'];

// Minutes as hours and minutes ("1 小时 30 分钟").
export function fmtMinutes(n) {
  const sign = n < 0 ? '-' : '';
  const a = Math.abs(n);
  const hh = Math.floor(a / 60);
  const mm = a % 60;
  if (!hh) return sign + t('tb.m', { m: mm });
  if (!mm) return sign + t('tb.h', { h: fmtNum(hh) });
  return sign + t('tb.hm', { h: fmtNum(hh), m: mm });
}

const shortTime = (s) => (s || '').replace('T', ' ');

export async function render(main, { query, isCurrent }) {
  const tab = TABS.includes(query.tab) ? query.tab : 'volunteers';
  const region = query.region || '';
  const role = state.user.role;
  const mayWrite = WRITERS.includes(role);
  const msg = h('div', { 'aria-live': 'polite', id: 'tb-msg' });
  const body = h('div', null, loading());
  const tabs = h(
    'nav',
    { class: 'tabs', 'aria-label': t('tb.title') },
    TABS.map((x) => h('a', { href: `#/timebank?tab=${x}${region ? `&region=${region}` : ''}`, class: ['tab', x === tab && 'is-current'], 'aria-current': x === tab ? 'page' : null, id: `tb-tab-${x}` }, t(`tb.tab.${x}`))),
  );
  const picker = role === 'operator' ? null : regionPicker({ value: region || state.user.region || '', allowAll: !state.user.region, allLabel: t('common.all'), onChange: (code) => go('timebank', { tab, region: code || undefined, on: query.on }) });
  const capLine = h('p', { class: 'muted small', id: 'tb-cap' });
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('tb.title'))),
    h('p', { class: 'muted' }, t('tb.lead')),
    capLine,
    tabs,
    picker ? h('div', { class: 'card filters' }, field({ label: t('tb.region'), input: picker.select, control: picker.el })) : null,
    msg,
    body,
  );
  let options = null;
  try {
    options = await get('timebank/options', region || state.user.region ? { region: region || state.user.region } : undefined);
    replace(capLine, t('tb.cap', { c: fmtMinutes(options.cap_minutes), a: options.kin_min_age }));
  } catch {
    options = null; // an operator without a region: the page still works
  }
  const ok = (text) => replace(msg, alertBox('ok', text));
  const fail = (e) => replace(msg, errorBox(e));
  const params = region ? { region } : {};

  // --- volunteers --------------------------------------------------------
  async function volunteers() {
    const on = query.on || today();
    const onInput = h('input', { type: 'date', value: on, id: 'tb-on' });
    let data;
    try {
      data = await get('timebank/volunteers', { ...params, on });
    } catch (e) {
      if (isCurrent()) replace(body, errorBox(e));
      return;
    }
    if (!isCurrent()) return;
    const tot = data.total;
    const rows = [];
    for (const v of data.volunteers) {
      const detail = h('tr', { class: 'diff-row', hidden: true }, h('td', { colspan: 7 }));
      const more = h('button', { type: 'button', class: 'btn btn-small btn-ghost', 'data-kin': String(v.id) }, t('tb.kinAndTransfer'));
      more.addEventListener('click', async () => {
        if (!detail.hidden) {
          detail.hidden = true;
          more.textContent = t('tb.kinAndTransfer');
          return;
        }
        await kinPanel(v, detail.firstChild);
        detail.hidden = false;
        more.textContent = t('tb.hide');
      });
      const actions = [more];
      if (mayWrite && !v.left_on) {
        const leave = h('button', { type: 'button', class: 'btn btn-small' }, t('tb.leave'));
        leave.addEventListener('click', async () => {
          const out = await askDialog({ title: t('tb.leave'), consequence: t('tb.leaveAsk', { v: v.name }), okText: t('tb.leave') });
          if (out === null) return;
          try {
            await post(`timebank/volunteers/${v.id}/leave`, {});
            ok(t('tb.leaveDone', { v: v.name }));
            await volunteers();
          } catch (e) {
            fail(e);
          }
        });
        actions.push(leave);
      }
      rows.push(
        h(
          'tr',
          { 'data-volunteer': String(v.id) },
          h('td', { class: 'cell-name' }, h('strong', null, v.name), h('div', { class: 'muted small' }, v.region_name)),
          h('td', null, v.id_number),
          h('td', null, `${v.sex === 'M' ? t('tb.male') : t('tb.female')} / ${t('tb.age', { n: v.age })}`),
          h('td', null, v.team || '—', v.facility_name ? h('div', { class: 'muted small' }, v.facility_name) : null),
          h('td', null, v.registered_on, v.left_on ? h('div', { class: 'muted small' }, t('tb.left', { d: v.left_on })) : null),
          h('td', null, fmtMinutes(v.balance_minutes)),
          h('td', null, actions),
        ),
        detail,
      );
    }
    const table = h(
      'table',
      { class: 'data stack-on-phone', id: 'tb-volunteers' },
      h('thead', null, h('tr', null, [t('tb.name'), t('tb.idNumber'), t('tb.sexAge'), t('tb.team'), t('tb.registeredOn'), t('tb.balance'), t('tb.actions')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', null, rows.length ? rows : emptyRow(7, t('tb.none'))),
    );
    replace(
      body,
      h(
        'form',
        { class: 'card filters', onsubmit: (e) => (e.preventDefault(), go('timebank', { tab, region: region || undefined, on: onInput.value || undefined })) },
        field({ label: t('tb.on'), input: onInput }),
        h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn' }, t('tb.show'))),
      ),
      h(
        'div',
        { class: 'tags', id: 'tb-counts' },
        h('span', { class: 'tag' }, t('tb.registered', { n: fmtNum(tot.registered) })),
        h('span', { class: 'tag' }, t('tb.elderly', { n: fmtNum(tot.elderly) })),
        h('span', { class: 'tag' }, t('tb.share', { s: tot.elderly_share })),
      ),
      h('div', { class: 'card table-wrap' }, labelCells(table)),
      mayWrite ? await registerForm() : null,
    );
  }

  async function registerForm() {
    const inputs = {
      name: h('input', { type: 'text', maxlength: 50 }),
      id_number: h('input', { type: 'text', maxlength: 18, autocomplete: 'off' }),
      phone: h('input', { type: 'tel', maxlength: 20 }),
      team: h('input', { type: 'text', maxlength: 100 }),
      registered_on: h('input', { type: 'date', value: today() }),
    };
    const regionSel = regionPicker({ value: region || state.user.region || '' });
    let facilitySel = null;
    if (role === 'operator') {
      try {
        const f = await get('facilities', { per_page: 100 });
        facilitySel = selectEl((f.items || []).map((x) => [String(x.id), x.name]), '', { id: 'tb-facility' });
      } catch {
        facilitySel = null;
      }
    }
    const fields = {
      name: field({ label: t('tb.name'), input: inputs.name, required: true, name: 'name' }),
      id_number: field({ label: t('tb.idNumber'), input: inputs.id_number, required: true, name: 'id_number' }),
      region: field({ label: t('tb.region'), input: regionSel.select, control: regionSel.el, required: true, name: 'region' }),
      phone: field({ label: t('tb.phone'), input: inputs.phone, name: 'phone' }),
      team: field({ label: t('tb.team'), input: inputs.team, name: 'team' }),
      registered_on: field({ label: t('tb.registeredOn'), input: inputs.registered_on, name: 'registered_on' }),
      facility_id: facilitySel ? field({ label: t('tb.facility'), input: facilitySel, name: 'facility_id' }) : null,
    };
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'tb-register' }, t('tb.register'));
    return h(
      'form',
      {
        class: 'card form-grid',
        id: 'tb-register-form',
        onsubmit: async (e) => {
          e.preventDefault();
          const b = { name: inputs.name.value.trim(), id_number: inputs.id_number.value.trim(), region: regionSel.select.value, registered_on: inputs.registered_on.value };
          if (inputs.phone.value.trim()) b.phone = inputs.phone.value.trim();
          if (inputs.team.value.trim()) b.team = inputs.team.value.trim();
          if (facilitySel && facilitySel.value) b.facility_id = Number(facilitySel.value);
          submit.disabled = true;
          try {
            const v = await post('timebank/volunteers', b);
            ok(t('tb.registerDone', { n: v.name }));
            await volunteers();
          } catch (err) {
            submit.disabled = false;
            fail(err);
          }
        },
      },
      h('h2', null, t('tb.register')),
      Object.values(fields),
      h('div', { class: 'form-actions' }, submit),
    );
  }

  async function kinPanel(v, cell) {
    replace(cell, loading());
    let full;
    try {
      full = await get(`timebank/volunteers/${v.id}`);
    } catch (e) {
      replace(cell, errorBox(e));
      return;
    }
    const relName = (code) => t(`tb.rel.${code}`);
    const kinList = full.kin.length
      ? h('ul', { class: 'tb-kin' }, full.kin.map((k) => h('li', null, `${k.name}（${k.relation_name}，${t('tb.age', { n: k.age })}）`)))
      : h('p', { class: 'muted' }, t('tb.kinNone'));
    const parts = [h('h3', null, t('tb.kin')), kinList];
    if (KIN_WRITERS.includes(role)) {
      const person = h('input', { type: 'number', min: 1, inputmode: 'numeric' });
      const rel = selectEl(RELATIONS.map((r) => [r, relName(r)]), 'spouse');
      parts.push(
        h(
          'form',
          {
            class: 'form-inline',
            onsubmit: async (e) => {
              e.preventDefault();
              try {
                await post(`timebank/volunteers/${v.id}/kin`, { person_id: Number(person.value), relation: rel.value });
                ok(t('tb.kinDone'));
                await kinPanel(v, cell);
              } catch (err) {
                fail(err);
              }
            },
          },
          field({ label: t('tb.kinPerson'), input: person, hint: t('tb.kinPersonHint') }),
          field({ label: t('tb.relation'), input: rel }),
          h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn' }, t('tb.kinAdd'))),
        ),
      );
      if (full.kin.length) {
        const to = selectEl(full.kin.map((k) => [String(k.person_id), `${k.name}（${k.relation_name}）`]), String(full.kin[0].person_id), { class: 'tb-transfer-to' });
        const minutes = h('input', { type: 'number', min: 1, inputmode: 'numeric', class: 'tb-transfer-minutes' });
        parts.push(
          h(
            'form',
            {
              class: 'form-inline',
              onsubmit: async (e) => {
                e.preventDefault();
                const m = Number(minutes.value);
                const k = full.kin.find((x) => String(x.person_id) === to.value);
                const out = await askDialog({ title: t('tb.transfer'), consequence: t('tb.transferAsk', { v: v.name, m: fmtMinutes(m || 0), p: k ? k.name : '' }), okText: t('tb.transfer'), className: 'tb-dialog' });
                if (out === null) return;
                try {
                  await post('timebank/transfers', { volunteer_id: v.id, person_id: Number(to.value), minutes: m });
                  ok(t('tb.transferDone', { m: fmtMinutes(m) }));
                  await volunteers();
                } catch (err) {
                  fail(err);
                }
              },
            },
            field({ label: t('tb.transferTo'), input: to }),
            field({ label: t('tb.minutes'), input: minutes }),
            h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('tb.transfer'))),
          ),
        );
      }
    }
    replace(cell, parts);
  }

  // --- services ----------------------------------------------------------
  async function services() {
    const status = ['recorded', 'verified', 'rejected'].includes(query.status) ? query.status : 'recorded';
    const statusSel = selectEl(['recorded', 'verified', 'rejected'].map((s) => [s, t(`tb.status.${s}`)]), status, { id: 'tb-status' });
    statusSel.addEventListener('change', () => go('timebank', { tab, region: region || undefined, status: statusSel.value }));
    let data, vols;
    try {
      [data, vols] = await Promise.all([get('timebank/services', { ...params, status }), mayWrite ? get('timebank/volunteers', params) : null]);
    } catch (e) {
      if (isCurrent()) replace(body, errorBox(e));
      return;
    }
    if (!isCurrent()) return;
    const rows = data.services.map((s) => {
      const actions = [];
      if (mayWrite && s.status === 'recorded') {
        for (const act of ['verify', 'reject']) {
          const b = h('button', { type: 'button', class: ['btn btn-small', act === 'verify' && 'btn-primary'], 'data-act': act }, t(`tb.${act}`));
          b.addEventListener('click', async () => {
            const vars = { v: s.volunteer_name, i: s.item_name, m: fmtMinutes(s.minutes) };
            const out = await askDialog({
              title: t(`tb.${act}`),
              consequence: t(`tb.${act}Ask`, vars),
              okText: t(`tb.${act}`),
              fields: act === 'reject' ? [{ label: t('tb.reason'), rows: 2, required: true }] : [],
              className: 'tb-dialog',
            });
            if (out === null) return;
            b.disabled = true;
            try {
              await post(`timebank/services/${s.id}/${act}`, act === 'reject' ? { reason: out[0] } : {});
              ok(act === 'verify' ? t('tb.verifyDone', { m: fmtMinutes(s.minutes) }) : t('tb.rejectDone'));
              await services();
            } catch (e) {
              b.disabled = false;
              fail(e);
            }
          });
          actions.push(b);
        }
      }
      return h(
        'tr',
        { 'data-service': String(s.id) },
        h('td', { class: 'cell-name' }, h('strong', null, s.volunteer_name), s.person_name ? h('div', { class: 'muted small' }, s.person_name) : null),
        h('td', null, s.item_name),
        h('td', null, `${shortTime(s.started_at)} – ${shortTime(s.finished_at).slice(11)}`),
        h('td', null, fmtMinutes(s.minutes)),
        h('td', null, h('span', { class: 'tag' }, t(`tb.status.${s.status}`)), s.rejected_reason ? h('div', { class: 'muted small' }, s.rejected_reason) : null),
        h('td', null, actions),
      );
    });
    const table = h(
      'table',
      { class: 'data stack-on-phone', id: 'tb-services' },
      h('thead', null, h('tr', null, [t('tb.volunteer'), t('tb.item'), t('tb.time'), t('tb.duration'), t('tb.status'), t('tb.actions')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', null, rows.length ? rows : emptyRow(6, t('tb.servicesNone'))),
    );
    replace(body, h('div', { class: 'card filters' }, field({ label: t('tb.status'), input: statusSel })), h('div', { class: 'card table-wrap' }, labelCells(table)), mayWrite && vols && options ? recordForm(vols.volunteers) : null);
  }

  function recordForm(vols) {
    const vol = selectEl(vols.map((v) => [String(v.id), `${v.name}（${v.region_name}）`]), vols[0] ? String(vols[0].id) : '', { id: 'tb-rec-volunteer' });
    const item = selectEl(options.earn_items.map((i) => [i.code, i.name]), options.earn_items[0]?.code, { id: 'tb-rec-item' });
    const start = h('input', { type: 'datetime-local', id: 'tb-rec-start' });
    const end = h('input', { type: 'datetime-local', id: 'tb-rec-end' });
    const person = h('input', { type: 'number', min: 1, inputmode: 'numeric' });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'tb-record' }, t('tb.record'));
    return h(
      'form',
      {
        class: 'card form-grid',
        onsubmit: async (e) => {
          e.preventDefault();
          const b = { volunteer_id: Number(vol.value), item: item.value, started_at: start.value.slice(0, 16), finished_at: end.value.slice(0, 16) };
          if (person.value) b.person_id = Number(person.value);
          submit.disabled = true;
          try {
            await post('timebank/services', b);
            ok(t('tb.recordDone'));
            await services();
          } catch (err) {
            submit.disabled = false;
            fail(err);
          }
        },
      },
      h('h2', null, t('tb.record')),
      field({ label: t('tb.volunteer'), input: vol }),
      field({ label: t('tb.item'), input: item }),
      field({ label: t('tb.start'), input: start, required: true }),
      field({ label: t('tb.end'), input: end, required: true }),
      field({ label: t('tb.servedPerson'), input: person }),
      h('div', { class: 'form-actions' }, submit),
    );
  }

  // --- accounts ----------------------------------------------------------
  async function accounts() {
    let data;
    try {
      data = await get('timebank/accounts', params);
    } catch (e) {
      if (isCurrent()) replace(body, errorBox(e));
      return;
    }
    if (!isCurrent()) return;
    const ledger = h('div', { id: 'tb-ledger' });
    const rows = data.accounts.map((a) => {
      const b = h('button', { type: 'button', class: 'btn btn-small', 'data-ledger': String(a.id) }, t('tb.ledger'));
      b.addEventListener('click', () => showLedger(a.id, ledger));
      return h(
        'tr',
        { 'data-account': String(a.id) },
        h('td', { class: 'cell-name' }, h('strong', null, a.name)),
        h('td', null, a.volunteer_id ? t('tb.holderVolunteer') : t('tb.holderKin')),
        h('td', null, fmtMinutes(a.balance_minutes)),
        h('td', null, b),
      );
    });
    const table = h(
      'table',
      { class: 'data stack-on-phone', id: 'tb-accounts' },
      h('thead', null, h('tr', null, [t('tb.holder'), t('tb.holderKind'), t('tb.balance'), t('tb.actions')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', null, rows.length ? rows : emptyRow(4, t('tb.accountsNone'))),
    );
    replace(body, h('div', { class: 'card table-wrap' }, labelCells(table)), ledger);
  }

  async function showLedger(id, box) {
    replace(box, loading());
    let a;
    try {
      a = await get(`timebank/accounts/${id}`);
    } catch (e) {
      replace(box, errorBox(e));
      return;
    }
    // the service behind each lot, as the entries' traces name it
    const traceOf = new Map();
    for (const e of a.entries) for (const tr of e.traces) traceOf.set(tr.service_id, tr);
    const trace = (tr) => h('div', { class: 'small' }, `${fmtMinutes(tr.minutes)} · `, t('tb.from', { v: tr.volunteer_name, i: tr.item_name, d: shortTime(tr.finished_at) }));
    const table = h(
      'table',
      { class: 'data stack-on-phone' },
      h('thead', null, h('tr', null, [t('tb.entryAt'), t('tb.entryKind'), t('tb.entryMinutes'), t('tb.entryTrace')].map((x) => h('th', { scope: 'col' }, x)))),
      h(
        'tbody',
        null,
        a.entries.map((e) => h('tr', { 'data-entry': String(e.id) }, h('td', null, fmtDateTime(e.at)), h('td', null, t(`tb.kind.${e.kind}`)), h('td', null, fmtMinutes(e.minutes)), h('td', null, e.traces.map(trace)))),
      ),
    );
    replace(
      box,
      h(
        'div',
        { class: 'card' },
        h('h2', null, t('tb.ledgerOf', { n: a.name })),
        h('p', null, t('tb.balance'), '：', h('strong', null, fmtMinutes(a.balance_minutes))),
        h('div', { class: 'table-wrap' }, labelCells(table)),
        h('h3', null, t('tb.held')),
        h('ul', { class: 'tb-held' }, a.held.map((x) => h('li', null, traceOf.has(x.service_id) ? trace({ ...traceOf.get(x.service_id), minutes: x.minutes }) : fmtMinutes(x.minutes)))),
      ),
    );
  }

  if (tab === 'volunteers') await volunteers();
  else if (tab === 'services') await services();
  else await accounts();
}
