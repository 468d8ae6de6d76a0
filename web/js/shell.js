// The frame around every page once logged in: header with product name,
// user, scope, language switch, logout; and the navigation.
import { h, clear } from './dom.js';
import { t, label, getLang, setLang } from './i18n.js';
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
  { route: 'services/family', key: 'nav.svcFamily', roles: ['family'] },
  { route: 'services/work', key: 'nav.svcWork', roles: ['operator'] },
  { route: 'services/orders', key: 'nav.svcOrders', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'readonly', 'township_official'] },
  { route: 'services/entitlements', key: 'nav.serviceEntitlements', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'readonly'] },
  { route: 'services/vouchers', key: 'nav.serviceVouchers', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'readonly'] },
  { route: 'timebank', key: 'nav.timebank', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'operator', 'readonly', 'township_official'] },
  { route: 'family-beds', key: 'nav.familyBeds', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'operator', 'readonly', 'township_official'] },
  { route: 'guidance', key: 'nav.guidance', roles: ['admin', 'city_official', 'county_official', 'dept_official', 'operator', 'readonly', 'township_official'] },
  { route: 'audit', key: 'nav.audit', admin: true },
  { route: 'users', key: 'nav.users', admin: true },
];

const OWN_MENU = ['family', 'visitor', 'township_official'];

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
  for (const item of NAV) {
    if (item.admin && !isAdmin()) continue;
    if (item.roles && !item.roles.includes(u.role)) continue;
    // a family account, a visitor and a township officer see only the pages named for them
    if (OWN_MENU.includes(u.role) && !item.roles) continue;
    const a = h('a', { href: `#/${item.route}`, class: 'nav-link' }, t(item.key));
    links.set(item.route, a);
    navList.append(h('li', null, a));
  }
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
  root.append(skip, header, nav, main);
  return {
    main,
    setActive(route) {
      for (const [r, a] of links) {
        if (r === route) a.setAttribute('aria-current', 'page');
        else a.removeAttribute('aria-current');
      }
    },
  };
}
