// 机构退出: the closure cases of a region (#/closures) and one case
// (#/closures/{id}) with everyone in the facility, each one's contract end
// and destination set in an in-page dialog. The close button stays
// disabled, with the reason beside it, while anyone lacks a destination;
// closing, transferring and withdrawing each say their consequence first.
// ID numbers arrive masked for roles that may not see them whole.
import { askDialog } from '../ui/dialog.js';
import { h, replace, today } from '../dom.js';
import { t } from '../i18n.js';
import { get, post } from '../api.js';
import { go, href } from '../router.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox, field, selectEl, emptyRow, labelCells } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';

const WRITERS = ['admin', 'city_official', 'county_official', 'dept_official'];
const REASONS = ['voluntary', 'ordered', 'contract_expired', 'transfer', 'other'];
const DESTS = ['institution', 'home', 'successor'];
const isWriter = () => WRITERS.includes(state.user.role);

export async function render(main, ctx) {
  if (ctx.params && ctx.params.id) return detail(main, ctx.params.id);
  return overview(main, ctx);
}

function table(id, cols, rows, empty) {
  return h('div', { class: 'table-wrap' }, labelCells(h('table', { class: 'data stack-on-phone', id }, h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col' }, c)))), h('tbody', null, rows.length ? rows : emptyRow(cols.length, empty)))));
}

// open facilities of the region, for the pickers
async function facilities(region) {
  const q = { status: 'open', per_page: 1000 };
  if (region) q.region = region;
  const data = await get('facilities', q);
  return data.items;
}

async function openCase(region, msg) {
  const list = await facilities(region);
  const opts = [['', t('cl.pick')], ...list.map((f) => [String(f.id), f.name])];
  const v = await askDialog({
    title: t('cl.openTitle'),
    consequence: t('cl.openAsk'),
    okText: t('cl.open'),
    fields: [
      { label: t('cl.facility'), options: opts, required: true },
      { label: t('cl.reason'), options: REASONS.map((r) => [r, t(`cl.reason.${r}`)]), value: 'voluntary' },
      { label: t('cl.planned'), type: 'date', value: today(), required: true },
      { label: t('cl.successor'), options: [['', t('cl.noSuccessor')], ...list.map((f) => [String(f.id), f.name])] },
    ],
  });
  if (!v) return;
  const body = { facility_id: Number(v[0]), reason: v[1], planned_on: v[2] };
  if (v[3]) body.successor_id = Number(v[3]);
  try {
    const c = await post('closures', body);
    go(`closures/${c.id}`);
  } catch (e) {
    replace(msg, errorBox(e));
  }
}

async function overview(main, { query }) {
  const f = { region: query.region || '', status: query.status || '' };
  const apply = (changes) => go('closures', { ...f, ...changes });
  const picker = state.user.role === 'operator' ? null : regionPicker({ value: f.region || state.user.region || '', allowAll: !state.user.region, allLabel: t('common.all'), onChange: (code) => apply({ region: code || undefined }) });
  const status = selectEl([['', t('common.all')], ...['open', 'closed', 'withdrawn'].map((s) => [s, t(`cl.status.${s}`)])], f.status, { id: 'cl-status', onchange: (e) => apply({ status: e.target.value || undefined }) });
  const msg = h('div', { 'aria-live': 'polite', id: 'cl-msg' });
  const out = h('div', { id: 'cl-out' }, loading());
  replace(
    main,
    h('h1', null, t('cl.title')),
    h('p', { class: 'muted' }, t('cl.lead')),
    h('div', { class: 'filters' }, picker ? field({ label: t('cl.region'), input: picker.select, control: picker.el }) : null, field({ label: t('cl.status'), input: status }), isWriter() ? h('button', { type: 'button', class: 'btn btn-primary', id: 'cl-open', onclick: () => openCase(f.region || state.user.region, msg) }, t('cl.open')) : null),
    msg,
    out,
  );
  const q = {};
  if (f.region) q.region = f.region;
  if (f.status) q.status = f.status;
  try {
    const data = await get('closures', q);
    const rows = data.items.map((c) =>
      h(
        'tr',
        { 'data-case': String(c.id) },
        h('td', { class: 'cell-name' }, h('a', { href: href(`closures/${c.id}`) }, c.facility_name)),
        h('td', null, c.reason_name),
        h('td', null, c.planned_on),
        h('td', null, c.status_name),
        h('td', { class: 'num' }, String(c.members)),
        h('td', { class: ['num', c.unplaced ? 'is-flagged' : ''] }, String(c.unplaced)),
      ),
    );
    replace(out, table('cl-table', [t('cl.facility'), t('cl.reason'), t('cl.planned'), t('cl.status'), t('cl.members'), t('cl.unplaced')], rows, t('cl.none')));
  } catch (e) {
    replace(out, errorBox(e, () => overview(main, { query })));
  }
}

function destText(m) {
  if (!m.destination) return h('span', { class: 'tag tag-warn' }, t('cl.destNone'));
  return m.destination_facility_name ? `${m.destination_name}：${m.destination_facility_name}` : m.destination_name;
}

async function setMember(c, m, msg, reload) {
  const operator = state.user.role === 'operator';
  let v;
  let body;
  if (operator) {
    v = await askDialog({ title: t('cl.setTitle', { n: m.name }), consequence: t('cl.contractAsk'), okText: t('common.save'), fields: [{ label: t('cl.contractEnd'), type: 'date', value: m.contract_ended_on || c.planned_on, required: true }] });
    if (!v) return;
    body = { person_id: m.person_id, contract_ended_on: v[0] };
  } else {
    const list = (await facilities(c.region.slice(0, 6) + '000000')).filter((f) => f.id !== c.facility_id);
    const dests = DESTS.filter((d) => d !== 'successor' || c.successor_id);
    v = await askDialog({
      title: t('cl.setTitle', { n: m.name }),
      consequence: t('cl.setAsk'),
      okText: t('common.save'),
      fields: [
        { label: t('cl.destination'), options: dests.map((d) => [d, t(`cl.dest.${d}`)]), value: m.destination || 'institution' },
        { label: t('cl.destFacility'), options: [['', t('cl.pick')], ...list.map((f) => [String(f.id), f.name])], value: m.destination_facility_id ? String(m.destination_facility_id) : '' },
        { label: t('cl.contractEnd'), type: 'date', value: m.contract_ended_on || c.planned_on },
      ],
    });
    if (!v) return;
    body = { person_id: m.person_id, destination: v[0] };
    if (v[0] === 'institution' && v[1]) body.destination_facility_id = Number(v[1]);
    if (v[2]) body.contract_ended_on = v[2];
  }
  try {
    await post(`closures/${c.id}/members`, body);
    await reload(t('cl.saved'));
  } catch (e) {
    replace(msg, errorBox(e));
  }
}

async function step(c, what, ask, done, msg, reload) {
  const v = await askDialog({ title: t(`cl.${what}`), consequence: ask, okText: t(`cl.${what}`) });
  if (!v) return;
  try {
    await post(`closures/${c.id}/${what}`, what === 'refresh' || what === 'transfer' ? {} : { version: c.version });
    await reload(done);
  } catch (e) {
    replace(msg, errorBox(e));
  }
}

async function detail(main, id) {
  replace(main, loading());
  const msg = h('div', { 'aria-live': 'polite', id: 'cl-msg' });
  const reload = async (text) => {
    await detail(main, id);
    if (text) replace(main.querySelector('#cl-msg'), alertBox('success', text));
  };
  let c;
  try {
    c = await get(`closures/${id}`);
  } catch (e) {
    replace(main, errorBox(e, () => detail(main, id)));
    return;
  }
  const open = c.status === 'open';
  const writer = isWriter() && open;
  const canSet = open && (isWriter() || state.user.role === 'operator');
  const rows = c.people.map((m) =>
    h(
      'tr',
      { 'data-person': String(m.person_id), class: m.placed ? null : 'is-flagged' },
      h('td', { class: 'cell-name' }, m.name),
      h('td', { class: 'is-id' }, m.id_masked),
      h('td', null, t(`cl.kind.${m.kind}`)),
      h('td', null, m.contract_ended_on || t('common.dash')),
      h('td', { class: 'cl-dest' }, destText(m), m.settled_at ? h('span', { class: 'muted' }, ` · ${t('cl.settled')}`) : null),
      h('td', null, canSet ? h('button', { type: 'button', class: 'btn btn-small cl-set', onclick: () => setMember(c, m, msg, reload) }, state.user.role === 'operator' ? t('cl.contractOnly') : t('cl.set')) : null),
    ),
  );
  const closeBtn = h('button', { type: 'button', class: 'btn btn-danger', id: 'cl-close', disabled: c.unplaced > 0, onclick: () => step(c, 'close', t('cl.closeAsk', { f: c.facility_name, d: c.planned_on, n: c.members }), t('cl.closed'), msg, reload) }, t('cl.close'));
  const actions = writer
    ? h(
        'div',
        { class: 'form-actions', id: 'cl-actions' },
        closeBtn,
        c.unplaced > 0 ? h('p', { class: 'field-error', id: 'cl-blocked' }, t('cl.closeBlocked', { n: c.unplaced })) : null,
        c.successor_id && c.unplaced > 0 ? h('button', { type: 'button', class: 'btn', id: 'cl-transfer', onclick: () => step(c, 'transfer', t('cl.transferAsk', { n: c.unplaced, s: c.successor_name }), t('cl.saved'), msg, reload) }, t('cl.transfer')) : null,
        h('button', { type: 'button', class: 'btn', id: 'cl-refresh', onclick: () => step(c, 'refresh', t('cl.refreshAsk'), t('cl.saved'), msg, reload) }, t('cl.refresh')),
        h('button', { type: 'button', class: 'btn', id: 'cl-withdraw', onclick: () => step(c, 'withdraw', t('cl.withdrawAsk'), t('cl.withdrawn'), msg, reload) }, t('cl.withdraw')),
      )
    : null;
  const notice = c.notice ? h('p', { class: c.notice.enough ? 'muted' : 'field-error', id: 'cl-notice' }, `${t('cl.notice', { g: c.notice.days_given, r: c.notice.days_required })}${c.notice.enough ? '' : `（${t('cl.noticeShort')}）`}`) : null;
  replace(
    main,
    h('p', null, h('a', { href: href('closures') }, t('cl.back'))),
    h('h1', null, `${t('cl.title')}：${c.facility_name}`),
    h(
      'dl',
      { class: 'facts', id: 'cl-facts' },
      h('dt', null, t('cl.status')),
      h('dd', { id: 'cl-status-text' }, c.status_name),
      h('dt', null, t('cl.reason')),
      h('dd', null, c.reason_name),
      h('dt', null, t('cl.planned')),
      h('dd', null, c.planned_on),
      h('dt', null, t('cl.successor')),
      h('dd', null, c.successor_name || t('cl.noSuccessor')),
      h('dt', null, t('cl.unplaced')),
      h('dd', { id: 'cl-unplaced' }, `${c.unplaced} / ${c.members}`),
    ),
    notice,
    msg,
    actions,
    table('cl-people', [t('cl.name'), t('cl.idMasked'), t('cl.kind'), t('cl.contractEnd'), t('cl.destination'), ''], rows, t('cl.none')),
  );
}
