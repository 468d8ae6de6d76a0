// The frame around every page once logged in: header with product name,
// user, scope, language switch, logout; and the navigation.
import { h, clear } from './dom.js';
import { t, label, getLang, setLang, setPageTitle } from './i18n.js';
import { state, isAdmin } from './state.js';
import { getRegion } from './regions.js';

export const NAV = [
  { route: 'dashboard', key: 'nav.dashboard', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'readonly'] },
  { route: 'regions', key: 'nav.regions' },
  { route: 'facilities', key: 'nav.facilities' },
  { route: 'people', key: 'nav.people', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'readonly', 'operator'] },
  { route: 'indicators', key: 'nav.indicators' },
  { route: 'planning', key: 'nav.planning', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'readonly'] },
  { route: 'subsidies', key: 'nav.subsidies', roles: ['admin', 'city_official', 'county_official'] },
  { route: 'transfer', key: 'nav.transfer' },
  { route: 'roster', key: 'nav.roster', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'readonly'] },
  { route: 'apply', key: 'nav.apply', roles: ['family'] },
  { route: 'visits/today', key: 'nav.visitToday', roles: ['visitor'] },
  { route: 'visits', key: 'nav.visits', roles: ['admin', 'city_official', 'county_official', 'township_official'] },
  { route: 'visits/ledger', key: 'nav.visitLedger', roles: ['admin', 'city_official', 'county_official', 'township_official'] },
  { route: 'referrals', key: 'nav.referrals', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'operator', 'readonly', 'township_official'] },
  { route: 'services/family', group: 'services', key: 'nav.svcFamily', roles: ['family'] },
  { route: 'services/work', group: 'services', key: 'nav.svcWork', roles: ['operator'] },
  { route: 'services/orders', group: 'services', key: 'nav.svcOrders', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'readonly', 'township_official'] },
  { route: 'services/entitlements', group: 'services', key: 'nav.serviceEntitlements', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'readonly'] },
  { route: 'services/vouchers', group: 'services', key: 'nav.serviceVouchers', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'readonly'] },
  { route: 'timebank', group: 'services', key: 'nav.timebank', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'operator', 'readonly', 'township_official'] },
  { route: 'family-beds', group: 'services', key: 'nav.familyBeds', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'operator', 'readonly', 'township_official'] },
  { route: 'guidance', group: 'services', key: 'nav.guidance', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'operator', 'readonly', 'township_official'] },
  { route: 'places/vacancy', group: 'place', key: 'nav.placeVacancy', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'operator', 'readonly', 'township_official'] },
  { route: 'places/prices', group: 'place', key: 'nav.placePrices', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'operator', 'readonly', 'township_official'] },
  { route: 'waitlist', group: 'place', key: 'nav.waitlist', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'operator', 'readonly', 'township_official'] },
  { route: 'waitlist/mine', group: 'place', key: 'nav.waitMine', roles: ['family'] },
  { route: 'inspect/today', group: 'supervision', key: 'nav.inspectToday', roles: ['inspector', 'admin', 'city_official', 'county_official'] },
  { route: 'inspect/plans', group: 'supervision', key: 'nav.inspectPlans', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'readonly'] },
  { route: 'inspect/inspectors', group: 'supervision', key: 'nav.inspectInspectors', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'readonly'] },
  { route: 'inspect/bulletin', group: 'supervision', key: 'nav.inspectBulletin', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'readonly'] },
  { route: 'inspect/hazards', group: 'supervision', key: 'nav.inspectHazards', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'operator', 'readonly', 'inspector'] },
  { route: 'inspect/staff', group: 'supervision', key: 'nav.inspectStaff', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'operator', 'readonly', 'inspector'] },
  { route: 'inspect/food', group: 'supervision', key: 'nav.inspectFood', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'operator', 'readonly', 'inspector'] },
  { route: 'grading', group: 'credit', key: 'nav.grading', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'readonly', 'inspector'] },
  { route: 'credit', group: 'credit', key: 'nav.credit', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'operator', 'readonly', 'inspector'] },
  { route: 'credit/prepaid', group: 'credit', key: 'nav.creditPrepaid', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'readonly', 'inspector'] },
  { route: 'complaints', group: 'credit', key: 'nav.complaints', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'operator', 'readonly', 'township_official', 'inspector'] },
  { route: 'complaints/stats', group: 'credit', key: 'nav.complaintStats', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'operator', 'readonly', 'township_official', 'inspector'] },
  { route: 'complaints/mine', group: 'credit', key: 'nav.complaintsMine', roles: ['family'] },
  { route: 'closures', group: 'credit', key: 'nav.closures', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'operator', 'readonly', 'inspector'] },
  { route: 'tasks', group: 'tasks', key: 'nav.tasks', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'readonly'] },
  { route: 'progress', group: 'tasks', key: 'nav.progress', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'readonly'] },
  { route: 'progress/report', group: 'tasks', key: 'nav.progressReport', roles: ['admin', 'city_official', 'county_official', 'dept_official'] },
  { route: 'projects', group: 'tasks', key: 'nav.projects', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'readonly', 'township_official'] },
  { route: 'report', key: 'nav.reportForm', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'readonly'] },
  { route: 'audit', key: 'nav.audit', admin: true },
  { route: 'users', key: 'nav.users', admin: true },
];

const OWN_MENU = ['family', 'visitor', 'township_official', 'inspector'];

export function langSwitch() {
  const cur = getLang();
  const mk = (code) =>
    h(
      'button',
      {
        type: 'button',
        class: ['lang-btn', cur === code && 'is-current'],
        'aria-pressed': cur === code ? 'true' : 'false',
        lang: code === 'zh' ? 'zh-CN' : 'en',
        onclick: () => setLang(code),
      },
      t(`lang.${code}`),
    );
  return h('div', { class: 'lang-switch', role: 'group', 'aria-label': t('lang.switch') }, mk('zh'), mk('en'));
}

// Builds the shell into root; returns {main, setActive(route)}.
export function buildShell(root, { onLogout }) {
  clear(root);
  const u = state.user;
  const scope = h('span', { class: 'user-scope' }, u.region ? u.region : t('shell.scopeAll'));
  if (u.region)
    getRegion(u.region)
      .then((r) => (scope.textContent = r.name))
      .catch(() => {});
  const navList = h('ul', { class: 'nav-list' });
  const links = new Map();
  const mine = NAV.filter(
    (item) =>
      !(item.admin && !isAdmin()) &&
      !(item.roles && !item.roles.includes(u.role)) &&
      // a family account, a visitor and a township officer see only the pages named for them
      !(OWN_MENU.includes(u.role) && !item.roles),
  );
  // a module's pages share one menu entry and a row of tabs under the
  // menu, so that the menu stays one row however many pages there are
  const groups = new Map();
  for (const item of mine) if (item.group) groups.set(item.group, [...(groups.get(item.group) || []), item]);
  const subnav = h('nav', { class: 'subnav', 'aria-label': t('nav.sub') });
  subnav.hidden = true;
  const tabs = new Map();
  for (const item of mine) {
    const members = item.group ? groups.get(item.group) : null;
    if (members && members.length > 1) {
      if (members[0] !== item) continue;
      const a = h('a', { href: `#/${item.route}`, class: 'nav-link' }, t(`nav.group.${item.group}`));
      for (const m of members) {
        links.set(m.route, a);
        tabs.set(m.route, members);
      }
      navList.append(h('li', null, a));
      continue;
    }
    const a = h('a', { href: `#/${item.route}`, class: 'nav-link' }, t(item.key));
    links.set(item.route, a);
    navList.append(h('li', null, a));
  }
  const showTabs = (route) => {
    const members = tabs.get(route);
    subnav.hidden = !members;
    clear(subnav);
    if (!members) return;
    subnav.append(
      h(
        'ul',
        { class: 'subnav-list' },
        members.map((m) =>
          h('li', null, h('a', { href: `#/${m.route}`, class: 'subnav-link', 'aria-current': m.route === route ? 'page' : null }, t(m.key))),
        ),
      ),
    );
  };
  // on a phone the header has no room for the user box and logout: they move into the menu
  const scopeCopy = h('span', { class: 'user-scope' }, scope.textContent);
  new MutationObserver(() => (scopeCopy.textContent = scope.textContent)).observe(scope, { childList: true, characterData: true, subtree: true });
  const mobileExtra = h(
    'div',
    { class: 'nav-mobile-extra' },
    h('div', { class: 'mobile-user' }, h('strong', null, u.display_name || u.username), ' · ', label('role', u.role), ' · ', scopeCopy),
    h('button', { type: 'button', class: 'btn btn-small', onclick: onLogout }, t('shell.logout')),
  );
  const nav = h('nav', { class: 'nav', id: 'main-nav', 'aria-label': t('nav.main') }, navList, mobileExtra);
  const menuBtn = h(
    'button',
    { type: 'button', class: 'menu-btn', 'aria-controls': 'main-nav', 'aria-expanded': 'false' },
    h('span', { class: 'menu-icon', 'aria-hidden': 'true' }),
    h('span', { class: 'sr-only' }, t('nav.menu')),
  );
  menuBtn.addEventListener('click', () => {
    const open = nav.classList.toggle('is-open');
    menuBtn.setAttribute('aria-expanded', open ? 'true' : 'false');
  });
  nav.addEventListener('click', (e) => {
    if (e.target.closest('a')) {
      nav.classList.remove('is-open');
      menuBtn.setAttribute('aria-expanded', 'false');
    }
  });
  const logout = h('button', { type: 'button', class: 'btn btn-ghost logout-btn', onclick: onLogout }, t('shell.logout'));
  const header = h(
    'header',
    { class: 'app-header' },
    h(
      'div',
      { class: 'brand' },
      h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '老小'),
      h('span', { class: 'brand-text' }, h('strong', null, t('app.short')), h('span', { class: 'brand-sep', 'aria-hidden': 'true' }, ' · '), h('span', { class: 'brand-tagline' }, t('app.tagline'))),
    ),
    h(
      'div',
      { class: 'header-tools' },
      h(
        'div',
        { class: 'user-box', 'aria-label': t('shell.user') },
        h('span', { class: 'user-name' }, u.display_name || u.username),
        h('span', { class: 'user-role' }, label('role', u.role)),
        h('span', { class: 'user-scope-wrap', title: t('shell.scope') }, scope),
      ),
      langSwitch(),
      logout,
      menuBtn,
    ),
  );
  const main = h('main', { class: 'app-main', id: 'main', tabindex: '-1' });
  // the hash belongs to the router, so the skip link moves focus itself
  const skip = h('a', { class: 'skip-link', href: '#main' }, t('common.skip'));
  skip.addEventListener('click', (e) => {
    e.preventDefault();
    main.focus();
  });
  root.append(skip, header, nav, subnav, main);
  return {
    main,
    setActive(route) {
      const item = NAV.find((x) => x.route === route);
      setPageTitle(item ? () => t(item.key) : null);
      const current = links.get(route);
      for (const a of new Set(links.values())) {
        if (a === current) a.setAttribute('aria-current', 'page');
        else a.removeAttribute('aria-current');
      }
      showTabs(route);
    },
  };
}
