// 从业人员: for officials the certified, pre-job-trained and childcare
// health shares of a region on a day (numerator and denominator shown),
// the people flagged 重复在岗 and the staff list; for an operator its own
// facilities' staff and the form to add one. #/inspect/staff/{id} is one
// staff member with the trainings and health checks, and the forms to
// record them. Every write goes through an in-page dialog that says what
// it does. ID numbers arrive masked.
import { askDialog } from '../ui/dialog.js';
import { h, replace, today } from '../dom.js';
import { t, fmtNum } from '../i18n.js';
import { get, post } from '../api.js';
import { go, href } from '../router.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox, field, selectEl, emptyRow, labelCells } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';
import { shareText } from './inspect_food.js';

const isDay = (s) => /^\d{4}-\d{2}-\d{2}$/.test(s || '');
const WRITERS = ['admin', 'city_official', 'county_official', 'dept_official', 'operator'];
const OFFICIALS = ['admin', 'city_official', 'county_official', 'dept_official', 'readonly', 'inspector'];

export async function render(main, ctx) {
  if (ctx.params && ctx.params.id) return detail(main, ctx.params.id, ctx.isCurrent);
  return overview(main, ctx);
}

function table(id, cols, rows, empty) {
  return h(
    'div',
    { class: 'table-wrap' },
    labelCells(h('table', { class: 'data stack-on-phone', id }, h('thead', null, h('tr', null, cols.map((x) => (Array.isArray(x) ? h('th', { scope: 'col', class: x[1] }, x[0]) : h('th', { scope: 'col' }, x))))), h('tbody', null, rows.length ? rows : emptyRow(cols.length, empty)))),
  );
}

const contractText = (s) => `${s.contract_from} — ${s.contract_to || t('is.openEnd')}`;

function staffRows(items) {
  return items.map((s) =>
    h(
      'tr',
      { 'data-staff': String(s.id), class: s.duplicate ? 'is-flagged' : null },
      h('td', { class: 'cell-name' }, h('a', { href: href(`inspect/staff/${s.id}`) }, s.name)),
      h('td', { class: 'is-id' }, s.id_number),
      h('td', null, s.facility_name),
      h('td', null, s.occupation_name),
      h('td', null, s.certificate ? `${s.certificate}${s.cert_level_name ? ` · ${s.cert_level_name}` : ''}` : t('common.dash')),
      h('td', null, contractText(s)),
      h('td', null, [s.duplicate ? h('span', { class: 'tag tag-warn is-dup' }, t('is.dup')) : null, s.active ? null : h('span', { class: 'muted' }, t('is.inactive'))]),
    ),
  );
}

const STAFF_COLS = () => [t('is.name'), t('is.idNumber'), t('is.facility'), t('is.occupation'), t('is.certificate'), t('is.contract'), ''];

function sharesCard(data) {
  const cols = ['', [t('is.staff'), 'num'], [t('is.certified'), 'num'], [t('is.trained'), 'num'], [t('is.health'), 'num']];
  const row = (name, x, attrs) => h('tr', attrs || null, h('td', { class: 'cell-name' }, name), h('td', { class: 'num' }, fmtNum(x.staff)), h('td', { class: 'num' }, shareText(x.certified)), h('td', { class: 'num' }, shareText(x.pre_job_trained)), h('td', { class: 'num' }, shareText(x.childcare_health)));
  const rows = [row(t('is.whole'), data, { id: 'is-total' }), row(t('is.elderly'), data.by_sector.elderly), row(t('is.childcare'), data.by_sector.childcare), ...data.by_region.map((r) => row(r.region_name, r))];
  return h('section', { class: 'card card-flush', id: 'is-shares' }, h('h2', { class: 'card-title card-pad' }, `${t('is.shares')}（${data.as_of}）`), table('is-shares-table', cols, rows, t('is.none')));
}

function duplicatesCard(data) {
  const rows = [];
  for (const p of data.items)
    for (const c of p.contracts)
      rows.push(h('tr', { class: 'is-dup-row' }, h('td', { class: 'is-id' }, p.id_number), h('td', { class: 'cell-name' }, c.outside_scope ? c.name || t('common.dash') : h('a', { href: href(`inspect/staff/${c.id}`) }, c.name)), h('td', null, c.facility_name + (c.outside_scope ? t('is.outside') : '')), h('td', null, contractText(c))));
  return h('section', { class: 'card card-flush', id: 'is-duplicates' }, h('h2', { class: 'card-title card-pad' }, `${t('is.duplicates')}（${data.items.length}）`), table('is-dup-table', [t('is.idNumber'), t('is.name'), t('is.facility'), t('is.contract')], rows, t('is.noDuplicates')));
}

async function overview(main, { query, isCurrent }) {
  const role = state.user.role;
  const official = OFFICIALS.includes(role);
  const f = { region: query.region || '', as_of: isDay(query.as_of) ? query.as_of : '' };
  const apply = (changes) => go('inspect/staff', { ...f, ...changes });
  const picker = role === 'operator' ? null : regionPicker({ value: f.region || state.user.region || '', allowAll: !state.user.region, allLabel: t('common.all'), onChange: (code) => apply({ region: code || undefined }) });
  const day = h('input', { type: 'date', id: 'is-date', value: f.as_of || today() });
  const out = h('div', { id: 'is-out' }, loading());
  const msg = h('div', { 'aria-live': 'polite', id: 'is-msg' });
  const reload = () => apply({});
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('is.title'))),
    h('p', { class: 'muted' }, t('is.lead')),
    h(
      'form',
      {
        class: 'card filters',
        onsubmit: (e) => {
          e.preventDefault();
          apply({ as_of: day.value && day.value !== today() ? day.value : undefined });
        },
      },
      picker ? field({ label: t('is.region'), input: picker.select, control: picker.el }) : null,
      field({ label: t('is.asOf'), input: day }),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn', id: 'is-show' }, t('is.show'))),
    ),
    msg,
    WRITERS.includes(role) ? addForm(f.region, msg, reload) : null,
    out,
  );
  const params = { region: f.region || undefined, as_of: f.as_of || undefined };
  let list, shares, dups;
  try {
    [list, shares, dups] = await Promise.all([get('inspect/staff', params), official ? get('inspect/staff/shares', params) : null, official ? get('inspect/staff/duplicates', { region: f.region || undefined }) : null]);
  } catch (e) {
    if (isCurrent()) replace(out, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  replace(out, shares ? sharesCard(shares) : null, dups ? duplicatesCard(dups) : null, h('section', { class: 'card card-flush', id: 'is-list' }, h('h2', { class: 'card-title card-pad' }, t('is.list')), table('is-table', STAFF_COLS(), staffRows(list.items), t('is.none'))));
}

// The form to add a staff member: a facility of the caller's, then the
// occupations of that facility's kind from the policy.
function addForm(region, msg, reload) {
  const fac = h('select', { id: 'is-facility' });
  const occ = h('select', { id: 'is-occupation' });
  const level = h('select', { id: 'is-level' });
  const name = h('input', { type: 'text', id: 'is-name', maxlength: 100, autocomplete: 'off' });
  const idn = h('input', { type: 'text', id: 'is-idn', maxlength: 18, autocomplete: 'off', inputmode: 'text' });
  const cert = h('input', { type: 'text', id: 'is-cert', maxlength: 200 });
  const from = h('input', { type: 'date', id: 'is-from', value: today() });
  const to = h('input', { type: 'date', id: 'is-to' });
  const fill = async () => {
    if (!fac.value) return;
    try {
      const o = await get('inspect/staff/options', { facility_id: fac.value });
      replace(occ, ...o.occupations.map((x) => h('option', { value: x.code }, x.name)));
      replace(level, h('option', { value: '' }, t('common.dash')), ...o.cert_levels.map((x) => h('option', { value: x.code }, x.name)));
    } catch (e) {
      replace(msg, errorBox(e));
    }
  };
  get('facilities', { region: region || undefined, status: 'open', sort: 'name', per_page: 500 })
    .then((d) => {
      replace(fac, ...d.items.map((x) => h('option', { value: String(x.id) }, x.name)));
      fill();
    })
    .catch((e) => replace(msg, errorBox(e)));
  fac.addEventListener('change', fill);
  return h(
    'details',
    { class: 'card', id: 'is-add' },
    h('summary', null, t('is.add')),
    h(
      'form',
      {
        onsubmit: async (e) => {
          e.preventDefault();
          const ok = await askDialog({ title: t('is.add'), consequence: t('is.askAdd', { f: fac.selectedOptions[0]?.textContent || '', n: name.value.trim(), o: occ.selectedOptions[0]?.textContent || '', d: from.value }), okText: t('is.save'), className: 'is-dialog' });
          if (!ok) return;
          try {
            await post('inspect/staff', { facility_id: Number(fac.value), id_number: idn.value.trim(), name: name.value.trim(), occupation: occ.value, certificate: cert.value.trim() || undefined, cert_level: level.value || undefined, contract_from: from.value, contract_to: to.value || undefined });
            replace(msg, alertBox('ok', t('is.added')));
            reload();
          } catch (err) {
            replace(msg, errorBox(err));
          }
        },
      },
      h(
        'div',
        { class: 'filters' },
        field({ label: t('is.facility'), input: fac }),
        field({ label: t('is.name'), input: name, required: true }),
        field({ label: t('is.idNumber'), input: idn, required: true }),
        field({ label: t('is.occupation'), input: occ }),
        field({ label: t('is.certificate'), input: cert }),
        field({ label: t('is.level'), input: level }),
        field({ label: t('is.from'), input: from }),
        field({ label: t('is.to'), input: to }),
      ),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'is-save' }, t('is.save'))),
    ),
  );
}

async function detail(main, id, isCurrent, note) {
  const out = h('div', { id: 'is-detail' }, loading());
  const msg = h('div', { 'aria-live': 'polite', id: 'is-msg' }, note ? alertBox('ok', note) : null);
  replace(main, h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('is.title')), h('a', { href: href('inspect/staff'), class: 'btn' }, t('is.back'))), msg, out);
  let s, opts;
  try {
    s = await get(`inspect/staff/${id}`);
    opts = WRITERS.includes(state.user.role) ? await get('inspect/staff/options', { facility_id: s.facility_id }) : null;
  } catch (e) {
    if (isCurrent()) replace(out, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  const reload = (text) => detail(main, id, isCurrent, text);
  const info = h(
    'section',
    { class: 'card' },
    h('h2', { class: 'card-title' }, s.name, s.duplicate ? h('span', { class: 'tag tag-warn is-dup' }, t('is.dup')) : null),
    h(
      'dl',
      { class: 'fields', id: 'is-info' },
      [
        [t('is.idNumber'), s.id_number],
        [t('is.facility'), s.facility_name],
        [t('is.occupation'), s.occupation_name],
        [t('is.certificate'), s.certificate ? `${s.certificate}${s.cert_level_name ? ` · ${s.cert_level_name}` : ''}` : t('common.dash')],
        [t('is.contract'), contractText(s)],
      ].map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v))),
    ),
  );
  const evRows = (list) => list.map((e) => h('tr', null, h('td', null, e.on), h('td', null, e.kind_name), h('td', null, e.hours ? fmtNum(e.hours) : t('common.dash')), h('td', null, e.text || t('common.dash'))));
  const trainings = h('section', { class: 'card card-flush', id: 'is-trainings' }, h('h2', { class: 'card-title card-pad' }, t('is.trainings')), table('is-train-table', [t('is.heldOn'), t('is.kind'), t('is.hours'), t('is.provider')], evRows(s.trainings), t('is.noRecords')));
  const checks = h('section', { class: 'card card-flush', id: 'is-checks' }, h('h2', { class: 'card-title card-pad' }, t('is.checks')), table('is-check-table', [t('is.heldOn'), t('is.result')], s.health_checks.map((e) => h('tr', null, h('td', null, e.on), h('td', null, e.text || t('common.dash')))), t('is.noRecords')));
  const record = async (check) => {
    const fields = check
      ? [{ label: t('is.heldOn'), type: 'date', value: today(), required: true }, { label: t('is.result') }]
      : [{ label: t('is.kind'), options: opts.training_kinds.map((k) => [k.code, k.name]), value: opts.training_kinds[0].code }, { label: t('is.heldOn'), type: 'date', value: today(), required: true }, { label: t('is.hours'), inputmode: 'numeric' }, { label: t('is.provider') }];
    const v = await askDialog({ title: check ? t('is.addCheck') : t('is.addTraining'), consequence: check ? t('is.askCheck', { n: s.name }) : t('is.askTraining', { n: s.name }), okText: t('is.save'), fields, className: 'is-dialog' });
    if (!v) return;
    try {
      if (check) await post(`inspect/staff/${id}/health-checks`, { checked_on: v[0], result: v[1] });
      else await post(`inspect/staff/${id}/trainings`, { kind: v[0], held_on: v[1], hours: v[2] ? Number(v[2]) : undefined, provider: v[3] });
      reload(t('is.recorded'));
    } catch (err) {
      replace(msg, errorBox(err));
    }
  };
  const actions = opts
    ? h('div', { class: 'form-actions' }, h('button', { type: 'button', class: 'btn', id: 'is-add-training', onclick: () => record(false) }, t('is.addTraining')), h('button', { type: 'button', class: 'btn', id: 'is-add-check', onclick: () => record(true) }, t('is.addCheck')))
    : null;
  replace(out, info, actions, trainings, checks);
}
