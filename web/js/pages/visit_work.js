// 探访工作: the officials' and township officers' view of the visits of a
// region. Three tabs: the worklist (due and overdue targets, overdue first,
// with the counts per village and township), the targets as of a day with
// their tier and its override (with a reason, in the page's dialog), and
// the villages that have no active visitor (001: at least one per village).
import { h, replace, today } from '../dom.js';
import { t, fmtNum, label, has } from '../i18n.js';
import { get, api } from '../api.js';
import { go } from '../router.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox, field, selectEl, emptyRow, pager, labelCells, errorText } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';
import { askDialog } from '../ui/dialog.js';
import { vlabel, optionsOf, policyLists, statusTag, tierText, fmtWhen, nowMinute, unlabelEmpty } from './visit_labels.js';
import { importCard } from './visit_import.js';
import { renderRate } from './visit_rate.js';

const TABS = ['worklist', 'targets', 'rate', 'coverage', 'import'];
const PER_PAGE = 50;
// who may change a tier (docs/api.md "Visits")
const MAY_SET_TIER = ['admin', 'city_official', 'county_official', 'township_official'];

function tabBar(current, region) {
  return h(
    'nav',
    { class: 'tabs', 'aria-label': t('visits.title') },
    TABS.map((k) =>
      h('a', { href: `#/visits?tab=${k}${region ? `&region=${region}` : ''}`, class: ['tab', k === current && 'is-current'], 'aria-current': k === current ? 'page' : null }, t(`visits.tab.${k}`)),
    ),
  );
}

// columns of counts, aligned right with their figures
const NUM_HEADS = new Set(['visits.col.targets', 'visits.col.due', 'visits.col.overdue', 'visits.col.done', 'visits.col.referrals', 'visits.col.count']);

function table(heads, rows, cols, id) {
  const tbl = h(
    'table',
    { class: 'data stack-on-phone', id },
    h('thead', null, h('tr', null, heads.map((k) => h('th', { scope: 'col', class: NUM_HEADS.has(k) ? 'num' : null }, t(k))))),
    h('tbody', null, rows.length ? rows : emptyRow(cols)),
  );
  return h('div', { class: 'table-wrap' }, unlabelEmpty(labelCells(tbl)));
}

function cats(item) {
  return (item.categories || []).map((c, i) => (has(`cat.${c}`) ? label('cat', c) : (item.category_labels || [])[i] || t('common.dash'))).join('、') || t('common.dash');
}

function lastVisit(item) {
  if (!item.last_visit) return t('ledger.never');
  const v = item.last_visit;
  return `${fmtWhen(v.visited_at)} ${vlabel('mode', v.mode, v.mode_label)}`;
}

function filterForm(f, tab, extra) {
  const picker = regionPicker({ value: f.region, allowAll: false });
  const day = tab === 'rate' ? h('input', { type: 'month', value: f.on || today().slice(0, 7), id: 'visits-month' }) : h('input', { type: 'date', value: f.on || today(), id: 'visits-on' });
  return h(
    'form',
    {
      class: 'card filters',
      onsubmit: (e) => {
        e.preventDefault();
        const more = extra ? extra.values() : {};
        go('visits', { tab, region: picker.select.value || f.region, on: day.value || undefined, ...more });
      },
    },
    h('div', { class: 'filter filter-region' }, field({ label: t('visits.region'), input: picker.select, control: picker.el })),
    tab === 'coverage' ? null : field({ label: t(tab === 'worklist' ? 'visits.on' : tab === 'rate' ? 'visits.month' : 'visits.asOf'), input: day }),
    extra ? extra.fields : null,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'visits-show' }, t('visits.show'))),
  );
}

async function renderWorklist(body, f) {
  const data = await get('visits/worklist', { region: f.region || undefined, on: f.on || today() });
  const items = (data.items || []).filter((x) => x.status === 'overdue' || x.status === 'due');
  const counts = (data.by_region || []).map((r) =>
    h(
      'tr',
      null,
      h('td', { class: 'cell-name' }, r.name || t('common.dash')),
      h('td', { class: 'num' }, fmtNum(r.targets)),
      h('td', { class: 'num' }, fmtNum(r.due)),
      h('td', { class: ['num', r.overdue ? 'tone-bad' : null] }, fmtNum(r.overdue)),
      h('td', { class: 'num' }, fmtNum(r.done)),
    ),
  );
  const rows = items.map((x) =>
    h(
      'tr',
      null,
      h('td', { class: 'cell-name' }, x.name),
      h('td', null, x.region_name || t('common.dash')),
      h('td', null, tierText(x)),
      h('td', null, statusTag(x.status), x.event ? h('div', { class: 'small visit-card-event' }, t('visit.event', { k: vlabel('eventKind', x.event.kind, x.event.kind_label), d: fmtWhen(x.event.reported_at) })) : null),
      h('td', null, x.due_on || t('common.dash')),
      h('td', null, lastVisit(x)),
      h('td', { class: 'num' }, fmtNum(x.open_referrals || 0)),
    ),
  );
  replace(
    body,
    Array.isArray(data.uncovered) && data.uncovered.length ? uncoveredCard(data.uncovered) : null,
    h('section', { class: 'card card-flush' }, h('h2', { class: 'card-title card-pad' }, t('visits.byRegion')), table(['visits.col.region', 'visits.col.targets', 'visits.col.due', 'visits.col.overdue', 'visits.col.done'], counts, 5, 'visits-by-region')),
    h(
      'section',
      { class: 'card card-flush' },
      h('h2', { class: 'card-title card-pad' }, t('visits.dueList')),
      items.length
        ? table(['visits.col.name', 'visits.col.village', 'visits.col.tier', 'visits.col.status', 'visits.col.dueOn', 'visits.col.last', 'visits.col.referrals'], rows, 7, 'visits-due')
        : h('div', { class: 'card-pad' }, alertBox('info', t('visits.noneDue'))),
    ),
  );
}

async function changeTier(item, lists, flash, reload) {
  const tiers = optionsOf('tier', lists.tier);
  const v = await askDialog({
    title: t('visits.tierTitle', { name: item.name }),
    consequence: t('visits.tierConsequence'),
    okText: t('visits.setTier'),
    className: 'visit-tier-dialog',
    fields: [
      { label: t('visits.tierPick'), options: tiers, value: item.tier, required: true },
      { label: t('visits.tierReason'), rows: 2, required: true },
      { label: t('visits.tierFrom'), type: 'date', value: today() },
    ],
  });
  if (!v) return;
  try {
    await api('PUT', `persons/${item.person_id}/visit-tier`, { json: { tier: v[0], reason: v[1], from: v[2] || undefined } });
    const name = (tiers.find(([c]) => c === v[0]) || [])[1];
    await reload(alertBox('ok', t('visits.tierSaved', { name: item.name, tier: name })));
  } catch (e) {
    replace(flash, alertBox('error', errorText(e)));
  }
}

async function endTier(item, flash, reload) {
  const v = await askDialog({
    title: t('visits.tierEndTitle', { name: item.name }),
    consequence: t('visits.tierEndConsequence'),
    okText: t('visits.endTier'),
    fields: [{ label: t('visits.tierReason'), rows: 2, required: true }],
  });
  if (!v) return;
  try {
    await api('DELETE', `persons/${item.person_id}/visit-tier`, { json: { reason: v[0] } });
    await reload(alertBox('ok', t('visits.tierEnded', { name: item.name })));
  } catch (e) {
    replace(flash, alertBox('error', errorText(e)));
  }
}

// A major event (hospitalised, a fall…) makes the person due within the
// policy's hours (24 in the presets) of its report.
async function reportEvent(item, lists, flash, reload) {
  const v = await askDialog({
    title: t('visits.eventTitle', { name: item.name }),
    consequence: t('visits.eventConsequence'),
    okText: t('visits.eventBtn'),
    fields: [
      { label: t('visits.eventKind'), options: optionsOf('eventKind', lists.eventKind), required: true },
      { label: t('visits.eventWhen'), type: 'datetime-local', value: nowMinute(), required: true },
      { label: t('visits.eventNote'), rows: 2 },
    ],
  });
  if (!v) return;
  try {
    await api('POST', 'visits/events', { json: { person_id: item.person_id, kind: v[0], occurred_at: v[1], note: v[2] || undefined } });
    await reload(alertBox('ok', t('visits.eventSaved', { name: item.name })));
  } catch (e) {
    replace(flash, alertBox('error', errorText(e)));
  }
}

async function renderTargets(body, f, flash) {
  const page = Math.max(1, Number(f.page) || 1);
  const data = await get('visits/targets', { region: f.region || undefined, as_of: f.on || today(), tier: f.tier || undefined, q: f.q || undefined, limit: PER_PAGE, offset: (page - 1) * PER_PAGE });
  const lists = policyLists(data);
  const mayTier = MAY_SET_TIER.includes(state.user.role);
  const reload = async (message) => {
    await renderTargets(body, f, flash);
    replace(flash, message);
  };
  const rows = (data.items || []).map((x) =>
    h(
      'tr',
      null,
      h('td', { class: 'cell-name' }, x.name),
      h('td', { class: 'mono' }, x.id_masked || t('common.dash')),
      h('td', null, x.region_name || t('common.dash')),
      h('td', null, cats(x)),
      h('td', null, tierText(x)),
      h('td', null, statusTag(x.status)),
      h('td', null, lastVisit(x)),
      h(
        'td',
        { class: 'actions' },
        mayTier ? h('button', { type: 'button', class: 'btn btn-small', onclick: () => changeTier(x, lists, flash, reload) }, t('visits.setTier')) : null,
        mayTier ? h('button', { type: 'button', class: 'btn btn-small', onclick: () => reportEvent(x, lists, flash, reload) }, t('visits.eventBtn')) : null,
        mayTier && x.tier_overridden ? h('button', { type: 'button', class: 'btn btn-small btn-ghost', onclick: () => endTier(x, flash, reload) }, t('visits.endTier')) : null,
      ),
    ),
  );
  replace(
    body,
    h(
      'section',
      { class: 'card card-flush' },
      h('p', { class: 'card-pad' }, t('visits.total', { n: fmtNum(data.total ?? rows.length) })),
      table(['visits.col.name', 'visits.col.id', 'visits.col.village', 'visits.col.categories', 'visits.col.tier', 'visits.col.status', 'visits.col.last', 'common.actions'], rows, 8, 'visits-targets'),
      pager({ total: data.total ?? rows.length, page, perPage: PER_PAGE, onPage: (p) => go('visits', { ...f, tab: 'targets', page: p }) }),
    ),
  );
}

// The villages under the region with no active visitor first (001: at
// least visitors_per_village each), then every village with its visitors.
function uncoveredCard(villages) {
  const need = villages.length ? villages[0].needed : 1;
  const open = villages.filter((v) => !v.covered);
  return h(
    'section',
    { class: 'card' },
    h('h2', { class: 'card-title' }, t('visits.uncovered', { n: fmtNum(open.length) })),
    h('p', { class: 'muted small' }, t('visits.required', { n: fmtNum(need) })),
    open.length
      ? h('ul', { class: 'visit-uncovered', id: 'visits-uncovered' }, open.map((v) => h('li', null, v.name || t('common.dash'), v.township_name ? h('span', { class: 'muted small' }, ` · ${v.township_name}`) : null)))
      : alertBox('ok', t('visits.allCovered')),
  );
}

async function renderCoverage(body, f) {
  const data = await get('visits/coverage', { region: f.region || undefined });
  const villages = data.villages || [];
  const visitorNames = (v) => (v.visitors || []).map((x) => x.name || x.username).join('、') || t('common.dash');
  replace(
    body,
    uncoveredCard(villages),
    villages.length
      ? h(
          'section',
          { class: 'card card-flush' },
          h('h2', { class: 'card-title card-pad' }, t('visits.perVillage')),
          table(
            ['visits.col.village', 'visits.col.township', 'visits.col.count', 'visits.col.visitors'],
            villages.map((v) =>
              h(
                'tr',
                { class: v.covered ? null : 'is-uncovered' },
                h('td', { class: 'cell-name' }, v.name || t('common.dash')),
                h('td', null, v.township_name || t('common.dash')),
                h('td', { class: ['num', v.covered ? null : 'tone-bad'] }, fmtNum(v.count)),
                h('td', null, visitorNames(v)),
              ),
            ),
            4,
            'visits-per-village',
          ),
        )
      : null,
  );
}

export async function render(main, { query, isCurrent }) {
  const tab = TABS.includes(query.tab) ? query.tab : 'worklist';
  const f = { region: query.region || state.user.region || '', on: query.on || '', tier: query.tier || '', q: query.q || '', page: query.page || '' };
  const flash = h('div', { 'aria-live': 'polite' });
  const body = h('div', null, loading());
  let extra = null;
  if (tab === 'targets') {
    const tier = selectEl([['', t('common.all')], ...optionsOf('tier')], f.tier, { id: 'visits-tier' });
    const q = h('input', { type: 'search', value: f.q, id: 'visits-q' });
    extra = { fields: [field({ label: t('visits.tierFilter'), input: tier }), field({ label: t('visits.q'), input: q })], values: () => ({ tier: tier.value || undefined, q: q.value.trim() || undefined }) };
  }
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('visits.title'))),
    tabBar(tab, f.region),
    tab === 'import' ? null : filterForm(f, tab, extra),
    flash,
    body,
  );
  try {
    if (tab === 'worklist') await renderWorklist(body, f);
    else if (tab === 'targets') await renderTargets(body, f, flash);
    else if (tab === 'rate') await renderRate(body, f.region, f.on);
    else if (tab === 'coverage') await renderCoverage(body, f);
    else replace(body, importCard());
  } catch (e) {
    if (isCurrent()) replace(body, errorBox(e, () => go('visits', { ...f, tab })));
  }
}
