// 家庭养老床位: the beds an official's region holds (or an operator's own),
// the beds in service by region on a day, and one bed's life: each next
// step asked in an in-page dialog that states its consequence, and the
// month's service log, months below the policy's standard marked.
import { askDialog } from '../ui/dialog.js';
import { h, replace, today } from '../dom.js';
import { t, fmtNum } from '../i18n.js';
import { get, post, api } from '../api.js';
import { go } from '../router.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox, field, selectEl, emptyRow, labelCells } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';

const STATUSES = ['applied', 'assessed', 'set_up', 'active', 'removed'];
const NEXT = { applied: 'assess', assessed: 'set_up', set_up: 'activate' };
const STEP_PATH = { assess: 'assess', set_up: 'set-up', activate: 'activate', remove: 'remove' };
const OFFICIALS = ['admin', 'city_official', 'county_official', 'dept_official', 'readonly', 'township_official'];
const WRITERS = ['admin', 'city_official', 'county_official', 'dept_official', 'operator'];

const dash = (v) => v || t('common.dash');

export async function render(main, { params, query, isCurrent }) {
  if (params && params.id) return renderBed(main, params.id, isCurrent);
  return renderList(main, query, isCurrent);
}

async function renderList(main, query, isCurrent) {
  const role = state.user.role;
  const f = { region: query.region || '', status: query.status || '', date: /^\d{4}-\d{2}-\d{2}$/.test(query.date || '') ? query.date : '' };
  const apply = (changes) => go('family-beds', { ...f, ...changes });
  const picker = role === 'operator' ? null : regionPicker({ value: f.region || state.user.region || '', allowAll: !state.user.region, allLabel: t('common.all'), onChange: (code) => apply({ region: code || undefined }) });
  const status = selectEl([['', t('bed.status.all')], ...STATUSES.map((s) => [s, t(`bed.status.${s}`)])], f.status, { id: 'bed-status' });
  const day = h('input', { type: 'date', id: 'bed-date', value: f.date || today() });
  const msg = h('div', { 'aria-live': 'polite', id: 'bed-msg' });
  const list = h('div', null, loading());
  const counts = h('div', { id: 'bed-counts' });
  const applyBtn = WRITERS.includes(role) ? h('button', { type: 'button', class: 'btn btn-primary', id: 'bed-apply' }, '+ ', t('bed.apply')) : null;
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('bed.title')), applyBtn),
    h('p', { class: 'muted' }, t('bed.lead')),
    h(
      'form',
      {
        class: 'card filters',
        onsubmit: (e) => {
          e.preventDefault();
          apply({ status: status.value || undefined, date: day.value && day.value !== today() ? day.value : undefined });
        },
      },
      picker ? field({ label: t('bed.region'), input: picker.select, control: picker.el }) : null,
      field({ label: t('bed.status'), input: status }),
      OFFICIALS.includes(role) ? field({ label: t('bed.countsDate'), input: day }) : null,
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn', id: 'bed-show' }, t('bed.show'))),
    ),
    msg,
    counts,
    list,
  );
  if (applyBtn) applyBtn.addEventListener('click', () => applyDialog(msg));
  const region = f.region || state.user.region || '';
  if (OFFICIALS.includes(role) && region) {
    get('family-beds/counts', { region, date: f.date || undefined })
      .then((c) => {
        if (!isCurrent()) return;
        const rows = [[t('bed.whole'), c.active, true], ...c.children.map((k) => [k.name, k.active, false])];
        const tbl = h(
          'table',
          { class: 'data stack-on-phone', id: 'bed-counts-table' },
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('bed.countsRegion')), h('th', { scope: 'col', class: 'num' }, t('bed.countsActive')))),
          h('tbody', null, rows.map(([n, a, total]) => h('tr', { class: total ? 'is-total' : null }, h('td', null, n), h('td', { class: 'num' }, fmtNum(a))))),
        );
        replace(counts, h('section', { class: 'card card-flush' }, h('h2', { class: 'card-title card-pad' }, t('bed.counts', { d: c.date })), h('div', { class: 'table-wrap' }, labelCells(tbl))));
      })
      .catch((e) => isCurrent() && replace(counts, errorBox(e)));
  }
  let data;
  try {
    data = await get('family-beds', { region: role === 'operator' ? undefined : f.region || undefined, status: f.status || undefined, limit: 500 });
  } catch (e) {
    if (isCurrent()) replace(list, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  const tbl = h(
    'table',
    { class: 'data stack-on-phone', id: 'bed-table' },
    h('thead', null, h('tr', null, [t('bed.person'), t('bed.region'), t('bed.facility'), t('bed.status'), t('bed.activeFrom'), ''].map((x) => h('th', { scope: 'col' }, x)))),
    h(
      'tbody',
      null,
      data.beds.length
        ? data.beds.map((b) =>
            h(
              'tr',
              { 'data-bed': String(b.id) },
              h('td', { class: 'cell-name' }, h('strong', null, b.person_name)),
              h('td', null, b.region_name),
              h('td', null, b.facility_name),
              h('td', null, h('span', { class: ['tag', b.status === 'active' ? 'st-met' : null] }, t(`bed.status.${b.status}`)), b.months_under ? h('div', null, h('span', { class: 'tag st-behind' }, t('bed.underMonths', { n: b.months_under }))) : null),
              h('td', null, dash(b.active_from)),
              h('td', null, h('a', { class: 'btn btn-small', href: `#/family-beds/${b.id}` }, t('bed.open'))),
            ),
          )
        : emptyRow(6, t('bed.none')),
    ),
  );
  replace(list, h('div', { class: 'card table-wrap' }, labelCells(tbl)), h('p', { class: 'muted small' }, t('bed.total', { n: fmtNum(data.total) })));
}

async function applyDialog(msg) {
  let facs;
  try {
    facs = await get('facilities', { per_page: 200 });
  } catch (e) {
    replace(msg, errorBox(e));
    return;
  }
  const elderly = (facs.items || []).filter((x) => !['childcare_institution', 'family_childcare_point', 'kindergarten_nursery'].includes(x.kind));
  const out = await askDialog({
    title: t('bed.apply'),
    consequence: t('bed.askApply'),
    okText: t('bed.apply'),
    fields: [
      { label: t('bed.personId'), required: true, inputmode: 'numeric' },
      { label: t('bed.facility'), options: elderly.map((x) => [String(x.id), x.name]), value: elderly.length ? String(elderly[0].id) : '' },
      { label: t('bed.basis') },
    ],
    className: 'bed-dialog',
  });
  if (!out) return;
  try {
    const bed = await post('family-beds', { person_id: Number(out[0]), facility_id: Number(out[1]), basis: out[2] });
    go(`family-beds/${bed.id}`);
  } catch (e) {
    replace(msg, errorBox(e));
  }
}

function info(b) {
  const row = (k, v) => h('div', null, h('dt', null, k), h('dd', null, v));
  return h(
    'dl',
    { class: 'fields', id: 'bed-info' },
    row(t('bed.person'), b.person_name),
    row(t('bed.region'), b.region_name),
    row(t('bed.facility'), b.facility_name),
    row(t('bed.status'), t(`bed.status.${b.status}`)),
    row(t('bed.basis'), dash(b.basis)),
    row(t('bed.assessedOn'), dash(b.assessed_on)),
    row(t('bed.careLevel'), dash(b.care_level)),
    row(t('bed.adaptation'), dash(b.adaptation)),
    row(t('bed.devices'), dash(b.devices)),
    row(t('bed.plan'), b.plan.length ? b.plan.map((p) => `${p.name} ${t('bed.planTimes', { n: p.times })}`).join('；') : t('common.dash')),
    row(t('bed.setUpOn'), dash(b.set_up_on)),
    row(t('bed.activeFrom'), dash(b.active_from)),
    b.removed_on ? row(t('bed.removedOn'), `${b.removed_on} ${b.removed_reason}`) : null,
  );
}

// The fields each step asks for, and the body built from the answers.
function stepForm(b, step) {
  const day = { label: t(step === 'assess' ? 'bed.assessedOn' : step === 'set_up' ? 'bed.setUpOn' : step === 'activate' ? 'bed.activeFrom' : 'bed.removedOn'), type: 'date', value: today(), required: true };
  if (step === 'assess') return { fields: [day, { label: `${t('bed.careLevel')}（${t('bed.careLevelHint')}）` }], body: (v) => ({ assessed_on: v[0], care_level: v[1] || undefined }) };
  if (step === 'activate') return { fields: [day], body: (v) => ({ active_from: v[0] }) };
  if (step === 'remove') return { fields: [day, { label: t('bed.reason'), rows: 2, required: true }], body: (v) => ({ removed_on: v[0], reason: v[1] }) };
  const items = [['', t('bed.planNone')], ...b.catalogue.map((c) => [c.code, c.name])];
  const plan = [];
  for (let i = 1; i <= 3; i++) plan.push({ label: t('bed.planItem', { n: i }), options: items, value: i === 1 && b.catalogue.length ? b.catalogue[0].code : '' }, { label: t('bed.planTimesLabel', { n: i }), type: 'number', value: i === 1 ? '4' : '', inputmode: 'numeric' });
  return {
    fields: [day, { label: t('bed.adaptation'), rows: 2, required: true }, { label: t('bed.devices'), rows: 2, required: true }, ...plan],
    body: (v) => {
      const rows = [];
      for (let i = 0; i < 3; i++) if (v[3 + 2 * i]) rows.push({ item: v[3 + 2 * i], times: Number(v[4 + 2 * i]) });
      return { set_up_on: v[0], adaptation: v[1], devices: v[2], plan: rows };
    },
  };
}

async function renderBed(main, id, isCurrent) {
  replace(main, loading());
  let b;
  try {
    b = await get(`family-beds/${id}`);
  } catch (e) {
    if (isCurrent()) replace(main, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  const msg = h('div', { 'aria-live': 'polite', id: 'bed-msg' });
  const may = WRITERS.includes(state.user.role);
  const steps = [];
  const stepBtn = (step) => {
    const btn = h('button', { type: 'button', class: ['btn', step === 'remove' ? 'btn-danger' : 'btn-primary'], 'data-step': step }, t(`bed.step.${step}`));
    btn.addEventListener('click', async () => {
      const form = stepForm(b, step);
      const out = await askDialog({ title: t(`bed.step.${step}`), consequence: t(`bed.ask.${step}`, { p: b.person_name }), okText: t(`bed.step.${step}`), fields: form.fields, className: 'bed-dialog' });
      if (!out) return;
      btn.disabled = true;
      try {
        b = await post(`family-beds/${b.id}/${STEP_PATH[step]}`, form.body(out));
        await renderBed(main, id, isCurrent);
        replace(main.querySelector('#bed-msg'), alertBox('ok', t(`bed.done.${step}`)));
      } catch (e) {
        btn.disabled = false;
        replace(msg, errorBox(e));
      }
    });
    return btn;
  };
  if (may && NEXT[b.status]) steps.push(stepBtn(NEXT[b.status]));
  if (may && b.status !== 'removed') steps.push(stepBtn('remove'));
  const logRows = b.logs.map((l) =>
    h(
      'tr',
      { 'data-month': l.month, class: l.under_standard ? 'is-overdue' : null },
      h('td', null, l.month),
      h('td', { class: 'num' }, fmtNum(l.visits)),
      h('td', { class: 'num' }, fmtNum(l.minutes)),
      h('td', null, dash(l.items)),
      h('td', null, h('span', { class: ['tag', l.under_standard ? 'st-behind' : l.held ? 'st-met' : null] }, t(l.under_standard ? 'bed.under' : l.held ? 'bed.met' : 'bed.notHeld'))),
    ),
  );
  const logTbl = h(
    'table',
    { class: 'data stack-on-phone', id: 'bed-logs' },
    h('thead', null, h('tr', null, [t('bed.month'), t('bed.visits'), t('bed.minutes'), t('bed.items'), t('bed.flag')].map((x, i) => h('th', { scope: 'col', class: i === 1 || i === 2 ? 'num' : null }, x)))),
    h('tbody', null, logRows.length ? logRows : emptyRow(5, t('bed.noLogs'))),
  );
  let logForm = null;
  // the month's service is the provider's own record
  if (['admin', 'operator'].includes(state.user.role) && (b.status === 'active' || b.status === 'removed')) {
    const month = h('input', { type: 'month', id: 'bed-log-month', value: today().slice(0, 7) });
    const visits = h('input', { type: 'number', id: 'bed-log-visits', min: 0, inputmode: 'numeric' });
    const minutes = h('input', { type: 'number', id: 'bed-log-minutes', min: 0, inputmode: 'numeric' });
    const items = h('input', { type: 'text', id: 'bed-log-items' });
    logForm = h(
      'form',
      {
        class: 'card filters',
        id: 'bed-log-form',
        onsubmit: async (e) => {
          e.preventDefault();
          try {
            await api('PUT', `family-beds/${b.id}/log`, { json: { month: month.value, visits: Number(visits.value || 0), minutes: Number(minutes.value || 0), items: items.value } });
            await renderBed(main, id, isCurrent);
            replace(main.querySelector('#bed-msg'), alertBox('ok', t('bed.logSaved', { m: month.value })));
          } catch (err) {
            replace(msg, errorBox(err));
          }
        },
      },
      field({ label: t('bed.month'), input: month }),
      field({ label: t('bed.visits'), input: visits }),
      field({ label: t('bed.minutes'), input: minutes }),
      field({ label: t('bed.items'), input: items }),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'bed-log-save' }, t('bed.logSave'))),
    );
  }
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, `${t('bed.title')} · ${b.person_name}`), h('a', { class: 'btn btn-ghost', href: '#/family-beds' }, t('bed.back'))),
    msg,
    h('section', { class: 'card' }, h('h2', { class: 'card-title' }, t('bed.life')), info(b), steps.length ? h('div', { class: 'form-actions' }, steps) : null),
    h('section', { class: 'card card-flush' }, h('h2', { class: 'card-title card-pad' }, t('bed.logs')), h('p', { class: 'card-pad muted small' }, t('bed.standard', { v: b.standard.min_visits_month, m: b.standard.min_minutes_month })), h('div', { class: 'table-wrap' }, labelCells(logTbl))),
    logForm,
  );
}
