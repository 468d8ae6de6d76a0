// 今日检查: the inspector's phone page and home. Today's checks, then the
// next 30 days', each with the facility, its address, the items and the
// co-inspectors; a tap opens the check's record (#/inspect/checks/ID).
// Officials reach it too: their region's checks of the day.
import { h, replace, today } from '../dom.js';
import { t } from '../i18n.js';
import { get } from '../api.js';
import { state } from '../state.js';
import { loading } from '../ui/common.js';

function addDays(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function card(c) {
  const me = state.user ? state.user.id : 0;
  const others = (c.inspectors || []).filter((p) => p.account_id !== me);
  return h(
    'li',
    { class: 'visit-card', 'data-check': c.id },
    h(
      'a',
      { class: 'visit-card-link', href: `#/inspect/checks/${c.id}`, 'aria-label': `${t('insp.open')}${t('common.colon')}${c.facility_name}` },
      h('div', { class: 'visit-card-top' }, h('strong', { class: 'visit-card-name' }, c.facility_name), h('span', { class: 'tag' }, c.kind_label)),
      h('div', { class: 'visit-card-facts' }, [c.scheduled_on, c.status_label].join(' · ')),
      c.address ? h('div', { class: 'muted small' }, c.address) : null,
      h('div', { class: 'small' }, `${t('insp.items')}${t('common.colon')}`, (c.items || []).map((i) => i.name).join('、')),
      h('div', { class: 'muted small' }, `${t('insp.with')}${t('common.colon')}`, others.map((p) => `${p.name}（${p.department}）`).join('、') || '—'),
      h('div', { class: 'muted small' }, c.notice_on ? t('insp.notice', { d: c.notice_on }) : t('insp.noNotice')),
    ),
  );
}

export async function render(main, { isCurrent }) {
  replace(main, loading());
  const day = today();
  const mine = state.user && state.user.role === 'inspector' ? { mine: '1' } : {};
  const [now, soon] = await Promise.all([get('inspect/checks', { ...mine, day }), get('inspect/checks', { ...mine, from: addDays(day, 1), to: addDays(day, 30) })]);
  if (!isCurrent()) return;
  const list = (items, none, id) => (items.length ? h('ul', { class: 'visit-cards', id }, items.map(card)) : h('p', { class: 'muted', id }, none));
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('insp.todayTitle'))),
    h('h2', { class: 'sub-title' }, `${t('insp.today')} ${day}`),
    list(now.items || [], t('insp.none'), 'insp-today'),
    h('h2', { class: 'sub-title' }, t('insp.upcoming')),
    list(soon.items || [], t('insp.noneUpcoming'), 'insp-upcoming'),
  );
}
