// 监督检查 — recording a check and the closed loop of its hazards. Three
// views: one check (#/inspect/checks/ID: the checklist of the facility's
// kind grouped by domain, each item 符合 / 不符合 / 不适用 with a note;
// phone first, an inspector records it on site), the three lists
// (#/inspect/hazards: 隐患清单, 整改清单, 责任清单, exportable) and one
// hazard (#/inspect/hazards/ID: its steps and the next one the viewer may
// take, asked in an in-page dialog stating its consequence).
import { askDialog } from '../ui/dialog.js';
import { h, replace, today } from '../dom.js';
import { t, fmtNum } from '../i18n.js';
import { get, post, api, download } from '../api.js';
import { go } from '../router.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox, field, selectEl, emptyRow, labelCells, busy } from '../ui/common.js';

const LISTS = ['hazards', 'rectifications', 'responsibilities'];
const STATUSES = ['open', 'overdue', 'found', 'ordered', 'answered', 'closed'];
const OUTCOMES = ['pass', 'fail', 'na'];
const OFFICIALS = ['admin', 'city_official', 'county_official'];
let sheet = null;

// The pages' own style sheet, added once (app.css stays shared).
function addStyles() {
  if (sheet) return;
  sheet = h('link', { rel: 'stylesheet', href: '/css/inspect_hazard.css' });
  document.head.append(sheet);
}

const dash = (v) => (v === null || v === undefined || v === '' ? t('common.dash') : String(v));

export async function render(main, { params, query, isCurrent }) {
  addStyles();
  if (params && params.check) return renderCheck(main, params.check, isCurrent);
  if (params && params.hazard) return renderHazard(main, params.hazard, isCurrent);
  return renderLists(main, query, isCurrent);
}

function sevTag(hz) {
  const cls = hz.severity === 'major' ? 'st-missed' : hz.severity === 'serious' ? 'st-behind' : null;
  return h('span', { class: ['tag', cls] }, hz.severity_label);
}

function statusTags(hz) {
  return [
    h('span', { class: ['tag', hz.status === 'closed' ? 'st-met' : null] }, hz.status_label),
    hz.overdue ? h('span', { class: 'tag st-missed' }, t('ih.overdueDays', { n: hz.days_overdue })) : null,
    hz.escalated_label ? h('span', { class: 'tag st-behind' }, hz.escalated_label) : null,
    hz.stops_admission && hz.status !== 'closed' ? h('span', { class: 'tag st-missed' }, t('ih.stopped')) : null,
  ];
}

// ---------------------------------------------------------------- a check

async function renderCheck(main, id, isCurrent) {
  replace(main, loading());
  let c;
  try {
    c = await get(`inspect/checks/${id}`);
  } catch (e) {
    if (isCurrent()) replace(main, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  const msg = h('div', { 'aria-live': 'polite', id: 'ih-msg' });
  const chosen = new Map(); // item code -> {outcome, note input}
  const itemRow = (it) => {
    const note = h('input', { type: 'text', value: it.note || '', 'aria-label': t('ih.note'), placeholder: t('ih.notePlaceholder'), class: 'ih-note', disabled: !c.may_write });
    const state0 = { outcome: it.outcome, note };
    chosen.set(it.code, state0);
    const buttons = OUTCOMES.map((o) =>
      h(
        'button',
        {
          type: 'button',
          class: ['btn', 'btn-small', it.outcome === o ? 'is-current' : null, o === 'fail' ? 'ih-fail' : null],
          'aria-pressed': it.outcome === o ? 'true' : 'false',
          'data-outcome': o,
          disabled: !c.may_write,
          onclick: (e) => {
            state0.outcome = o;
            for (const b of e.currentTarget.parentNode.children) {
              const on = b.dataset.outcome === o;
              b.classList.toggle('is-current', on);
              b.setAttribute('aria-pressed', on ? 'true' : 'false');
            }
          },
        },
        t(`ih.outcome.${o}`),
      ),
    );
    return h(
      'li',
      { class: 'ih-item', 'data-item': it.code },
      h('div', { class: 'ih-item-text' }, it.text, ' ', h('span', { class: 'muted small' }, t('ih.suggests', { s: it.severity_label }))),
      h('div', { class: 'ih-outcomes', role: 'group', 'aria-label': it.text }, buttons),
      note,
      it.hazard_id ? h('a', { class: 'small', href: `#/inspect/hazards/${it.hazard_id}` }, t('ih.hazardNo', { n: it.hazard_id })) : null,
    );
  };
  const save = h('button', { type: 'button', class: 'btn btn-primary', id: 'ih-save' }, t('ih.save'));
  const finish = h('button', { type: 'button', class: 'btn', id: 'ih-finish' }, t('ih.finish'));
  save.addEventListener('click', () =>
    busy(save, t('common.saving'), async () => {
      const results = [...chosen.entries()].filter(([, v]) => v.outcome).map(([item, v]) => ({ item, outcome: v.outcome, note: v.note.value.trim() }));
      if (!results.length) {
        replace(msg, alertBox('info', t('ih.nothing')));
        return;
      }
      try {
        const r = await api('PUT', `inspect/checks/${id}/results`, { json: { results } });
        if (isCurrent()) {
          await renderCheck(main, id, isCurrent);
          const m = document.getElementById('ih-msg');
          if (m) replace(m, alertBox('ok', t('ih.saved', { n: r.hazards_opened })));
        }
      } catch (e) {
        replace(msg, errorBox(e));
      }
    }),
  );
  finish.addEventListener('click', async () => {
    const ok = await askDialog({ title: t('ih.finish'), consequence: t('ih.finishWhat'), okText: t('ih.finish') });
    if (!ok) return;
    try {
      await post(`inspect/checks/${id}/finish`, {});
      if (isCurrent()) renderCheck(main, id, isCurrent);
    } catch (e) {
      replace(msg, errorBox(e));
    }
  });
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('ih.checkTitle', { n: c.id }))),
    h(
      'section',
      { class: 'card card-pad', id: 'ih-head' },
      h('p', null, h('strong', null, c.facility.name), ' ', h('span', { class: 'muted' }, `${c.facility.kind_label} · ${c.facility.region_name}`)),
      h('p', { class: 'small' }, t('ih.checkMeta', { d: c.scheduled_on, s: t(`ih.checkStatus.${c.status}`) || c.status, who: c.inspectors.join('、') || t('common.dash') })),
      c.facility.admission_stopped ? alertBox('error', c.facility.stop_reason) : null,
      h('p', { class: 'muted small' }, c.template.label),
    ),
    msg,
    c.domains.map((d) =>
      h(
        'section',
        { class: 'card card-pad ih-domain', 'data-domain': d.code },
        h('h2', { class: 'card-title' }, d.label, ' ', h('span', { class: 'muted small' }, d.department)),
        h('ol', { class: 'ih-items' }, d.items.map(itemRow)),
      ),
    ),
    c.may_write ? h('div', { class: 'form-actions ih-actions' }, save, c.status === 'in_progress' ? finish : null) : null,
    c.hazards.length ? h('h2', { class: 'card-title' }, t('ih.checkHazards')) : null,
    c.hazards.length ? hazardTable(c.hazards, 'ih-check-hazards') : null,
  );
}

function hazardTable(items, id) {
  const tbl = h(
    'table',
    { class: 'data stack-on-phone', id },
    h('thead', null, h('tr', null, [t('ih.col.id'), t('ih.col.facility'), t('ih.col.what'), t('ih.col.severity'), t('ih.col.deadline'), t('ih.col.status'), ''].map((x) => h('th', { scope: 'col' }, x)))),
    h(
      'tbody',
      null,
      items.length
        ? items.map((hz) =>
            h(
              'tr',
              { 'data-hazard': String(hz.id) },
              h('td', null, String(hz.id)),
              h('td', null, hz.facility.name),
              h('td', { class: 'cell-name' }, hz.description, h('div', { class: 'muted small' }, hz.domain_label)),
              h('td', null, sevTag(hz)),
              h('td', null, hz.deadline),
              h('td', null, statusTags(hz)),
              h('td', null, h('a', { class: 'btn btn-small', href: `#/inspect/hazards/${hz.id}` }, t('ih.open'))),
            ),
          )
        : emptyRow(7, t('ih.none')),
    ),
  );
  return h('div', { class: 'card table-wrap' }, labelCells(tbl));
}

// ---------------------------------------------------------- the three lists

async function renderLists(main, query, isCurrent) {
  const list = LISTS.includes(query.list) ? query.list : 'hazards';
  const status = STATUSES.includes(query.status) ? query.status : '';
  const apply = (ch) => go('inspect/hazards', { list, status: status || undefined, ...ch });
  const tabs = h(
    'div',
    { class: 'tabs', role: 'tablist' },
    LISTS.map((l) =>
      h('button', { type: 'button', role: 'tab', class: ['tab', l === list ? 'is-current' : null], 'aria-selected': l === list ? 'true' : 'false', 'data-list': l, onclick: () => apply({ list: l }) }, t(`ih.list.${l}`)),
    ),
  );
  const sel = selectEl([['', t('ih.status.all')], ...STATUSES.map((s) => [s, t(`ih.status.${s}`)])], status, { id: 'ih-status' });
  sel.addEventListener('change', () => apply({ status: sel.value || undefined }));
  const msg = h('div', { 'aria-live': 'polite' });
  const body = h('div', null, loading());
  const exp = (format) => {
    const b = h('button', { type: 'button', class: 'btn btn-small', id: `ih-export-${format}` }, t(`ih.export.${format}`));
    b.addEventListener('click', () =>
      busy(b, t('ih.downloading'), async () => {
        try {
          const { blob, filename } = await download('inspect/hazards', { list, status: status || undefined, format });
          const url = URL.createObjectURL(blob);
          const a = h('a', { href: url, download: filename, hidden: true });
          document.body.append(a);
          a.click();
          a.remove();
          setTimeout(() => URL.revokeObjectURL(url), 10000);
        } catch (e) {
          replace(msg, errorBox(e));
        }
      }),
    );
    return b;
  };
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('ih.title')), h('div', { class: 'form-actions' }, exp('csv'), exp('xlsx'))),
    h('p', { class: 'muted' }, t('ih.lead')),
    tabs,
    h('div', { class: 'card filters' }, field({ label: t('ih.col.status'), input: sel })),
    msg,
    body,
  );
  let data;
  try {
    data = await get('inspect/hazards', { list, status: status || undefined });
  } catch (e) {
    if (isCurrent()) replace(body, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  const cell = (hz, key) => {
    if (key === 'severity_label') return sevTag(hz);
    if (key === 'status_label') return statusTags(hz);
    const v = key.includes('.') ? (hz[key.split('.')[0]] || {})[key.split('.')[1]] : hz[key];
    if (key === 'id') return h('a', { href: `#/inspect/hazards/${hz.id}` }, String(v));
    if (key === 'days_overdue') return v ? fmtNum(v) : t('common.dash');
    return dash(v);
  };
  const tbl = h(
    'table',
    { class: 'data stack-on-phone', id: 'ih-table' },
    h('thead', null, h('tr', null, data.columns.map((c) => h('th', { scope: 'col' }, c.label)))),
    h('tbody', null, data.items.length ? data.items.map((hz) => h('tr', { 'data-hazard': String(hz.id) }, data.columns.map((c) => h('td', null, cell(hz, c.key))))) : emptyRow(data.columns.length, t('ih.none'))),
  );
  replace(body, h('div', { class: 'card table-wrap' }, labelCells(tbl)), h('p', { class: 'muted small' }, t('ih.count', { n: fmtNum(data.count), d: data.as_of })));
}

// ---------------------------------------------------------------- a hazard

function mayTake(hz) {
  const role = state.user.role;
  const official = OFFICIALS.includes(role) || role === 'inspector';
  return {
    order: official && hz.status === 'found',
    answer: (role === 'operator' || role === 'admin') && hz.status === 'ordered',
    recheck: official && hz.status === 'answered',
  };
}

async function renderHazard(main, id, isCurrent) {
  replace(main, loading());
  let hz;
  try {
    hz = await get(`inspect/hazards/${id}`);
  } catch (e) {
    if (isCurrent()) replace(main, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  const msg = h('div', { 'aria-live': 'polite', id: 'ih-msg' });
  const may = mayTake(hz);
  const run = async (path, body) => {
    try {
      await post(`inspect/hazards/${id}/${path}`, { ...body, version: hz.version });
      if (isCurrent()) renderHazard(main, id, isCurrent);
    } catch (e) {
      replace(msg, errorBox(e));
    }
  };
  const btn = (key, onClick, primary) => h('button', { type: 'button', class: ['btn', primary ? 'btn-primary' : null], id: `ih-${key}`, onclick: onClick }, t(`ih.step.${key}`));
  const actions = [];
  if (may.order)
    actions.push(
      btn('order', async () => {
        const v = await askDialog({ title: t('ih.step.order'), consequence: t('ih.orderWhat', { s: hz.severity_label }), okText: t('ih.step.order'), fields: [{ label: t('ih.responsible'), required: true }] });
        if (v) run('order', { responsible: v[0] });
      }, true),
    );
  if (may.answer)
    actions.push(
      btn('answer', async () => {
        const v = await askDialog({ title: t('ih.step.answer'), consequence: t('ih.answerWhat'), okText: t('ih.step.answer'), fields: [{ label: t('ih.rectification'), rows: 3, required: true }, { label: t('ih.rectifiedOn'), type: 'date', value: today(), required: true }] });
        if (v) run('answer', { rectification: v[0], rectified_on: v[1] });
      }, true),
    );
  if (may.recheck) {
    actions.push(
      btn('pass', async () => {
        const v = await askDialog({ title: t('ih.step.pass'), consequence: t('ih.passWhat'), okText: t('ih.step.pass'), fields: [{ label: t('ih.note') }] });
        if (v) run('recheck', { passed: true, note: v[0] || undefined });
      }, true),
      btn('fail', async () => {
        const v = await askDialog({ title: t('ih.step.fail'), consequence: t('ih.failWhat'), okText: t('ih.step.fail'), fields: [{ label: t('ih.note'), required: true }] });
        if (v) run('recheck', { passed: false, note: v[0] });
      }),
    );
  }
  const row = (k, v) => h('tr', null, h('th', { scope: 'row' }, t(k)), h('td', null, v));
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('ih.hazardTitle', { n: hz.id })), h('a', { class: 'btn btn-small', id: 'ih-notice', href: `/api/v1/inspect/hazards/${hz.id}/notice?format=html`, target: '_blank', rel: 'noopener' }, t('ih.notice'))),
    msg,
    hz.stops_admission && hz.status !== 'closed' ? alertBox('error', t('ih.stopsWhat')) : null,
    h(
      'section',
      { class: 'card card-pad' },
      h(
        'table',
        { class: 'data ih-kv', id: 'ih-detail' },
        h(
          'tbody',
          null,
          row('ih.col.facility', `${hz.facility.name}（${hz.facility.region_name}）`),
          row('ih.col.domain', `${hz.domain_label}（${dash(hz.department)}）`),
          hz.item_text ? row('ih.col.item', hz.item_text) : null,
          row('ih.col.what', hz.description),
          row('ih.col.severity', sevTag(hz)),
          row('ih.col.status', statusTags(hz)),
          row('ih.col.found', hz.found_on),
          row('ih.col.deadline', hz.deadline),
          row('ih.responsible', dash(hz.responsible)),
          row('ih.rectification', dash(hz.rectification)),
          row('ih.rectifiedOn', dash(hz.rectified_on)),
          row('ih.col.closed', dash(hz.closed_on)),
        ),
      ),
    ),
    actions.length ? h('div', { class: 'form-actions ih-actions' }, actions) : null,
    h(
      'section',
      { class: 'card card-pad' },
      h('h2', { class: 'card-title' }, t('ih.steps')),
      h('ol', { class: 'ih-steps', id: 'ih-steps' }, hz.steps.map((s) => h('li', { 'data-kind': s.kind }, h('strong', null, t(`ih.kind.${s.kind}`)), ' ', h('span', { class: 'muted small' }, `${dash(s.on)} ${s.by || ''}`), s.note ? h('div', null, s.note) : null))),
    ),
    hz.check_id && state.user.role !== 'operator' ? h('p', null, h('a', { href: `#/inspect/checks/${hz.check_id}` }, t('ih.backToCheck'))) : null,
  );
}
