// 轮候管理: a public institution's (or a region's) waiting list in the
// policy's order — tier, care level, waiting since, position, status, the
// willing 特困 applicants marked 必须安置 — with each step asked in an
// in-page dialog that states its consequence; one application's history;
// where the must-place applicants can go. A family account sees 我的轮候:
// its own relatives' positions and statuses, nobody else's.
import { askDialog } from '../ui/dialog.js';
import { h, replace, today } from '../dom.js';
import { t, fmtNum } from '../i18n.js';
import { get, post } from '../api.js';
import { go } from '../router.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox, field, selectEl, emptyRow, labelCells } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';

const RUNNERS = ['admin', 'city_official', 'county_official'];
const APPLIERS = [...RUNNERS, 'township_official'];
const dash = (v) => (v === null || v === undefined || v === '' ? t('common.dash') : v);
const level = (a) => (a.care_level ? a.care_level.name : t('wait.notAssessed'));

export async function render(main, { params, query, isCurrent }) {
  if (state.user.role === 'family') return renderMine(main, isCurrent);
  if (params && params.id) return renderOne(main, params.id, isCurrent);
  return renderList(main, query, isCurrent);
}

function statusTag(a) {
  const cls = a.status === 'admitted' ? 'st-met' : a.status === 'offered' ? 'st-ontrack' : a.status === 'withdrawn' ? null : null;
  return h('span', { class: ['tag', cls] }, a.status_label);
}

async function renderList(main, query, isCurrent) {
  const role = state.user.role;
  const f = { facility: /^\d+$/.test(query.facility || '') ? query.facility : '', region: /^\d{12}$/.test(query.region || '') ? query.region : '' };
  const msg = h('div', { 'aria-live': 'polite', id: 'wait-msg' });
  const list = h('div', { id: 'wait-list' });
  const must = h('div', { id: 'wait-must' });
  let facs = [];
  try {
    const r = await get('facilities', { kind: 'elderly_institution', per_page: 200, status: 'open' });
    facs = (r.items || []).filter((x) => x.ownership !== 'private');
  } catch (e) {
    if (isCurrent()) replace(main, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  const facSel = selectEl([['', t('wait.pickInstitution')], ...facs.map((x) => [String(x.id), x.name])], f.facility, { id: 'wait-facility' });
  const picker = role === 'operator' ? null : regionPicker({ value: f.region || '', allowAll: true, allLabel: t('wait.noRegion'), onChange: () => {} });
  const applyBtn = APPLIERS.includes(role) ? h('button', { type: 'button', class: 'btn btn-primary', id: 'wait-apply' }, '+ ', t('wait.apply')) : null;
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('wait.title')), applyBtn),
    h('p', { class: 'muted' }, t('wait.lead')),
    h(
      'form',
      {
        class: 'card filters',
        onsubmit: (e) => {
          e.preventDefault();
          go('waitlist', facSel.value ? { facility: facSel.value } : picker && picker.value ? { region: picker.value } : {});
        },
      },
      field({ label: t('wait.institution'), input: facSel }),
      picker ? field({ label: t('wait.region'), input: picker.select, control: picker.el, hint: t('wait.regionHint') }) : null,
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn', id: 'wait-show' }, t('wait.show'))),
    ),
    msg,
    must,
    list,
  );
  if (applyBtn) applyBtn.addEventListener('click', () => applyDialog(msg, facs, f));
  if (RUNNERS.includes(role) || role === 'readonly' || role === 'dept_official') loadMust(must, isCurrent);
  if (!f.facility && !f.region) {
    replace(list, h('p', { class: 'muted' }, t('wait.choose')));
    return;
  }
  replace(list, loading());
  let data;
  try {
    data = await get('waitlist', f.facility ? { facility: f.facility } : { region: f.region });
  } catch (e) {
    if (isCurrent()) replace(list, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  const may = RUNNERS.includes(role);
  const rows = data.items.map((a) =>
    h(
      'tr',
      { 'data-app': String(a.id), class: a.must_place ? 'is-overdue' : null },
      h('td', { class: 'num' }, String(a.position)),
      h('td', { class: 'cell-name' }, h('strong', null, a.person_name), a.must_place ? h('div', null, h('span', { class: 'tag st-behind', 'data-must': '1' }, t('wait.mustPlace'))) : null),
      h('td', null, a.tier.name),
      h('td', null, level(a)),
      h('td', null, a.waiting_since),
      h('td', null, statusTag(a), a.on_hold ? h('div', null, h('span', { class: 'tag' }, t('wait.onHold'))) : null, a.offer ? h('div', { class: 'small muted' }, t('wait.respondBy', { d: a.offer.respond_by, f: a.offer.facility_name })) : null),
      h('td', null, h('a', { class: 'btn btn-small', href: `#/waitlist/${a.id}` }, t('wait.history')), may ? stepButtons(a, data, facs, msg, () => renderList(main, query, isCurrent)) : null),
    ),
  );
  const tbl = h(
    'table',
    { class: 'data stack-on-phone', id: 'wait-table' },
    h('thead', null, h('tr', null, [t('wait.position'), t('wait.person'), t('wait.tier'), t('wait.careLevel'), t('wait.waitingSince'), t('wait.status'), ''].map((x, i) => h('th', { scope: 'col', class: i === 0 ? 'num' : null }, x)))),
    h('tbody', null, rows.length ? rows : emptyRow(7, t('wait.none'))),
  );
  replace(
    list,
    h('section', { class: 'card card-flush' }, h('h2', { class: 'card-title card-pad' }, t('wait.listOf', { n: data.facility_name || f.region, c: fmtNum(data.size) })), h('p', { class: 'card-pad muted small' }, t('wait.orderRule')), data.expired_now ? h('div', { class: 'card-pad' }, alertBox('warn', t('wait.expiredNow', { n: data.expired_now }))) : null, h('div', { class: 'table-wrap' }, labelCells(tbl))),
  );
}

// The steps an application in its status may take, each in a dialog.
function stepButtons(a, data, facs, msg, redraw) {
  const steps = a.status === 'waiting' ? ['offer', 'skip', 'withdraw'] : a.status === 'offered' ? ['accept', 'decline', 'withdraw'] : [];
  const first = data.items.find((x) => x.status === 'waiting' && !x.on_hold);
  const passing = a.status === 'waiting' && first && first.id !== a.id;
  return steps.map((step) => {
    const btn = h('button', { type: 'button', class: ['btn', 'btn-small', step === 'withdraw' ? 'btn-danger' : null], 'data-step': step }, t(`wait.step.${step}`));
    btn.addEventListener('click', async () => {
      const fields = [];
      const needReason = step !== 'accept' && (step !== 'offer' || passing);
      if (step === 'offer' && !data.facility_id) fields.push({ label: t('wait.offerFacility'), options: facs.map((x) => [String(x.id), x.name]), value: facs.length ? String(facs[0].id) : '', required: true });
      if (needReason || step === 'offer') fields.push({ label: step === 'offer' ? t('wait.passReason') : t('wait.reason'), rows: 2, required: needReason });
      const out = await askDialog({ title: t(`wait.step.${step}`), consequence: t(`wait.ask.${step}`, { p: a.person_name, n: a.position, f: data.facility_name || '' }), okText: t(`wait.step.${step}`), fields, className: 'wait-dialog' });
      if (!out) return;
      const body = {};
      let k = 0;
      if (step === 'offer' && !data.facility_id) body.facility_id = Number(out[k++]);
      if (fields.length > k && out[k]) body.reason = out[k];
      btn.disabled = true;
      try {
        await post(`waitlist/applications/${a.id}/${step}`, body);
        await redraw();
        replace(document.querySelector('#wait-msg'), alertBox('ok', t(`wait.done.${step}`, { p: a.person_name })));
      } catch (e) {
        btn.disabled = false;
        replace(msg, errorBox(e));
      }
    });
    return btn;
  });
}

async function loadMust(box, isCurrent) {
  let m;
  try {
    m = await get('waitlist/must-place', {});
  } catch (e) {
    if (isCurrent()) replace(box, errorBox(e));
    return;
  }
  if (!isCurrent() || !m.items.length) return;
  replace(
    box,
    h(
      'section',
      { class: 'card', id: 'wait-must-card' },
      h('h2', { class: 'card-title' }, t('wait.mustTitle', { n: m.must_place })),
      m.without_room ? alertBox('error', t('wait.noRoom', { n: m.without_room })) : null,
      h(
        'ul',
        { class: 'plain-list' },
        m.items.map((a) =>
          h(
            'li',
            { 'data-must-app': String(a.id) },
            h('strong', null, a.person_name),
            ` · ${a.region_name} · ${a.status_label}`,
            a.has_room
              ? h('div', { class: 'small' }, t('wait.whereTo'), a.institutions.filter((x) => x.left > 0).map((x) => `${x.name}（${t('wait.left', { n: x.left })}${x.same_township ? `，${t('wait.sameTownship')}` : ''}）`).join('；'))
              : h('div', { class: 'small field-error' }, a.alert),
          ),
        ),
      ),
    ),
  );
}

async function applyDialog(msg, facs, f) {
  const out = await askDialog({
    title: t('wait.apply'),
    consequence: t('wait.askApply'),
    okText: t('wait.apply'),
    fields: [
      { label: t('wait.personId'), required: true, inputmode: 'numeric' },
      { label: t('wait.institution'), options: [['', t('wait.regionList')], ...facs.map((x) => [String(x.id), x.name])], value: f.facility || (facs.length ? String(facs[0].id) : '') },
      { label: t('wait.regionCode'), value: f.region || '' },
      { label: t('wait.willing'), options: [['0', t('wait.willingNo')], ['1', t('wait.willingYes')]], value: '0' },
      { label: t('wait.appliedOn'), type: 'date', value: today() },
    ],
    className: 'wait-dialog',
  });
  if (!out) return;
  const body = { person_id: Number(out[0]), willing: out[3] === '1', applied_on: out[4] || undefined };
  if (out[1]) body.facility_id = Number(out[1]);
  else body.region = out[2];
  try {
    const a = await post('waitlist/applications', body);
    go(`waitlist/${a.id}`);
  } catch (e) {
    replace(msg, errorBox(e));
  }
}

async function renderOne(main, id, isCurrent) {
  replace(main, loading());
  let a;
  try {
    a = await get(`waitlist/applications/${id}/history`);
  } catch (e) {
    if (isCurrent()) replace(main, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  const row = (k, v) => h('div', null, h('dt', null, k), h('dd', null, v));
  const back = a.facility_id ? `#/waitlist?facility=${a.facility_id}` : `#/waitlist?region=${a.list_region}`;
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, `${t('wait.title')} · ${a.person_name}`), h('a', { class: 'btn btn-ghost', href: back }, t('wait.back'))),
    h(
      'section',
      { class: 'card' },
      h(
        'dl',
        { class: 'fields', id: 'wait-info' },
        row(t('wait.list'), a.facility_name || a.list_region_name),
        row(t('wait.position'), a.position ? t('wait.positionOf', { n: a.position, c: a.list_size }) : t('common.dash')),
        row(t('wait.tier'), a.tier.name),
        row(t('wait.careLevel'), level(a)),
        row(t('wait.status'), a.status_label),
        row(t('wait.waitingSince'), a.waiting_since),
        row(t('wait.appliedOn'), a.applied_on),
        row(t('wait.declines'), String(a.declines)),
        a.must_place ? row(t('wait.mustPlace'), t('wait.mustPlaceWhy')) : null,
        a.on_hold ? row(t('wait.onHold'), a.on_hold) : null,
        a.placed_facility_name ? row(t('wait.placed'), `${a.placed_facility_name} ${a.placed_on}`) : null,
      ),
    ),
    h(
      'section',
      { class: 'card card-flush' },
      h('h2', { class: 'card-title card-pad' }, t('wait.events')),
      h('div', { class: 'table-wrap' }, labelCells(h('table', { class: 'data stack-on-phone', id: 'wait-events' }, h('thead', null, h('tr', null, [t('wait.at'), t('wait.event'), t('wait.detail'), t('wait.by')].map((x) => h('th', { scope: 'col' }, x)))), h('tbody', null, a.events.map((e) => h('tr', { 'data-kind': e.kind }, h('td', null, e.at.replace('T', ' ').replace('Z', '')), h('td', null, e.label), h('td', null, dash(e.detail)), h('td', null, e.by || t('wait.system')))))))),
    ),
  );
}

async function renderMine(main, isCurrent) {
  replace(main, loading());
  let r;
  try {
    r = await get('waitlist/applications', {});
  } catch (e) {
    if (isCurrent()) replace(main, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('wait.mine'))),
    h('p', { class: 'muted' }, t('wait.mineLead')),
    r.items.length
      ? r.items.map((a) =>
          h(
            'section',
            { class: 'card', 'data-mine': String(a.id) },
            h('h2', { class: 'card-title' }, `${a.person_name} · ${a.list_name}`),
            h(
              'dl',
              { class: 'fields' },
              h('div', null, h('dt', null, t('wait.position')), h('dd', null, a.position ? t('wait.positionOf', { n: a.position, c: a.list_size }) : t('common.dash'))),
              h('div', null, h('dt', null, t('wait.tier')), h('dd', null, a.tier ? a.tier.name : t('common.dash'))),
              h('div', null, h('dt', null, t('wait.status')), h('dd', null, a.status_label)),
              h('div', null, h('dt', null, t('wait.waitingSince')), h('dd', null, a.waiting_since)),
              a.offer ? h('div', null, h('dt', null, t('wait.offer')), h('dd', null, t('wait.respondBy', { d: a.offer.respond_by, f: a.offer.facility_name }))) : null,
              a.placed_facility_name ? h('div', null, h('dt', null, t('wait.placed')), h('dd', null, `${a.placed_facility_name} ${a.placed_on}`)) : null,
            ),
          ),
        )
      : h('p', { class: 'card muted' }, t('wait.mineNone')),
  );
}
