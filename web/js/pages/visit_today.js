// 今日探访: the visitor's phone page. Today's overdue and due targets of the
// visitor's villages, overdue first, then by due date, then nearest first
// once the visitor shares a location (kept for the session, never stored
// on the server); a tap opens the visit form (visit_record.js) for that
// person. Officials reach it too, for their own region.
import { h, replace, today, debounce } from '../dom.js';
import { t, fmtNum } from '../i18n.js';
import { get } from '../api.js';
import { go } from '../router.js';
import { loading, alertBox, errorBox, setFlash, takeFlash } from '../ui/common.js';
import { vlabel, policyLists, statusTag, tierText, fmtWhen } from './visit_labels.js';
import { visitForm } from './visit_record.js';

const WHERE_KEY = 'laoxiao.visit.where';

function savedWhere() {
  try {
    const w = JSON.parse(sessionStorage.getItem(WHERE_KEY) || 'null');
    return w && Number.isFinite(w.lat) && Number.isFinite(w.lon) ? w : null;
  } catch {
    return null;
  }
}

function distanceText(item) {
  const m = item.distance_m ?? (item.distance_km !== undefined ? item.distance_km * 1000 : null);
  if (m === null || m === undefined) return null;
  return t('visit.distance', { km: (Math.round(m / 100) / 10).toFixed(1) });
}

function card(item) {
  const lines = [
    h(
      'div',
      { class: 'visit-card-top' },
      h('strong', { class: 'visit-card-name' }, item.name),
      statusTag(item.status),
    ),
    h('div', { class: 'visit-card-facts' }, [item.age ? t('visit.age', { n: item.age }) : null, item.region_name, tierText(item), distanceText(item)].filter(Boolean).join(' · ')),
    item.address ? h('div', { class: 'muted small' }, item.address) : null,
    h(
      'div',
      { class: 'muted small' },
      item.due_on ? t('visit.dueOn', { d: item.due_on }) : null,
      item.due_on ? ' · ' : null,
      item.last_visit ? t('visit.lastVisit', { d: fmtWhen(item.last_visit.visited_at) }) : t('visit.neverVisited'),
    ),
    item.event ? h('div', { class: 'visit-card-event' }, t('visit.event', { k: vlabel('eventKind', item.event.kind, item.event.kind_label), d: fmtWhen(item.event.reported_at || item.event.occurred_at) }), item.event.due_by ? ` · ${t('visit.dueBy', { d: fmtWhen(item.event.due_by) })}` : null) : null,
    item.open_referrals ? h('div', { class: 'muted small' }, t('visit.openReferrals', { n: fmtNum(item.open_referrals) })) : null,
  ];
  return h(
    'li',
    { class: ['visit-card', `is-${item.status}`] },
    h('a', { class: 'visit-card-link', href: `#/visits/today?person=${item.person_id}`, 'aria-label': `${t('visit.record')}${t('common.colon')}${item.name}` }, lines),
  );
}

// Someone not due today (visited this period already, or a call between
// visits) is found by name among the visitor's targets.
function searchOthers() {
  const q = h('input', { type: 'search', id: 'visit-search', placeholder: t('visit.searchHint'), 'aria-label': t('visit.search') });
  const out = h('ul', { class: 'visit-cards', id: 'visit-found', 'aria-live': 'polite' });
  const run = debounce(async () => {
    const text = q.value.trim();
    if (!text) return replace(out);
    try {
      const data = await get('visits/targets', { q: text, as_of: today(), limit: 20 });
      if (q.value.trim() !== text) return;
      replace(out, (data.items || []).length ? data.items.map(card) : h('li', { class: 'muted small' }, t('visit.searchNone')));
    } catch (e) {
      replace(out, h('li', null, errorBox(e)));
    }
  }, 300);
  q.addEventListener('input', run);
  return h('section', { class: 'visit-search' }, h('h2', { class: 'sub-title' }, t('visit.search')), q, out);
}

async function loadList(where) {
  const q = { on: today() };
  // a round on foot: the nearest first, whatever is due when
  if (where) Object.assign(q, where, { sort: 'near' });
  return get('visits/worklist', q);
}

export async function render(main, { query, isCurrent }) {
  replace(main, loading());
  const where = savedWhere();
  const data = await loadList(where);
  if (!isCurrent()) return;
  const items = (data.items || []).filter((x) => x.status === 'overdue' || x.status === 'due');
  const lists = policyLists(data);
  const personId = Number(query.person) || 0;
  if (personId) {
    let item = items.find((x) => x.person_id === personId);
    // someone not due today (a second visit this period): found among the targets
    if (!item) {
      const all = await get('visits/targets', { as_of: today(), limit: 1000 });
      item = (all.items || []).find((x) => x.person_id === personId);
    }
    // the needs and severities of the person's own jurisdiction (a policy may add its own)
    if (item) {
      try {
        const opts = await get('referrals/options', { region: item.region });
        lists.need = opts.needs;
        lists.severity = opts.severities;
      } catch {
        /* the platform's defaults serve */
      }
    }
    if (!isCurrent()) return;
    if (!item) {
      replace(main, alertBox('error', t('error.notFoundPage')), h('a', { href: '#/visits/today', class: 'back-link' }, t('visit.back')));
      return;
    }
    replace(
      main,
      h('div', { class: 'visit-page' }, visitForm(item, lists, {
        onDone(message) {
          setFlash(message);
          go('visits/today');
        },
        onCancel: () => go('visits/today'),
      })),
    );
    window.scrollTo(0, 0);
    return;
  }
  // the counts of all the visitor's villages, not of the rows sent (a
  // long list is cut at the worklist's limit)
  const villages = (data.by_region || []).filter((r) => r.level === 'village');
  const overdue = villages.length ? villages.reduce((n, r) => n + r.overdue, 0) : items.filter((x) => x.status === 'overdue').length;
  const due = villages.length ? villages.reduce((n, r) => n + r.due, 0) : items.length - overdue;
  const nearMsg = h('div', { 'aria-live': 'polite', class: 'muted small' }, where ? t('visit.nearestOn') : null);
  const nearBtn = h('button', { type: 'button', class: 'btn btn-small', id: 'visit-nearest' }, t('visit.nearest'));
  nearBtn.addEventListener('click', () => {
    if (!navigator.geolocation) {
      nearMsg.textContent = t('visit.nearestFailed');
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        sessionStorage.setItem(WHERE_KEY, JSON.stringify({ lat: Number(pos.coords.latitude.toFixed(5)), lon: Number(pos.coords.longitude.toFixed(5)) }));
        go('visits/today');
      },
      () => (nearMsg.textContent = t('visit.nearestFailed')),
      { timeout: 10000, maximumAge: 300000 },
    );
  });
  replace(
    main,
    h(
      'div',
      { class: 'visit-page' },
      h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('visit.todayTitle'))),
      takeFlash(),
      h('p', { class: 'visit-summary' }, t('visit.todayIntro', { d: today(), o: fmtNum(overdue), n: fmtNum(due) })),
      overdue + due > items.length ? h('p', { class: 'muted small' }, t('visit.todayShown', { n: fmtNum(items.length) })) : null,
      h('div', { class: 'visit-tools' }, nearBtn, h('a', { href: '#/referrals', class: 'btn btn-small', id: 'visit-my-referrals' }, t('visit.myReferrals')), nearMsg),
      items.length ? h('ul', { class: 'visit-cards', id: 'visit-cards' }, items.map(card)) : alertBox('info', t('visit.noneDue')),
      searchOthers(),
    ),
  );
}

