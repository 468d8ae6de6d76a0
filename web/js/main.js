// Start-up and routing: find out whether a session exists, then show the
// login page or the shell with the page the hash names.
import { h, replace } from './dom.js';
import { t, onLangChange, setLang, getLang, setPageTitle } from './i18n.js';
import { api, setCsrf, onUnauthorized, ApiError } from './api.js';
import { state, isAdmin } from './state.js';
import { parseHash, go } from './router.js';
import { buildShell } from './shell.js';
import { forgetRegions } from './regions.js';
import { forgetScopeTree } from './ui/region_picker.js';
import { errorBox, alertBox } from './ui/common.js';
import * as loginPage from './pages/login.js';
import * as regionsPage from './pages/regions.js';
import * as facilityList from './pages/facility_list.js';
import * as facilityDetail from './pages/facility_detail.js';
import * as facilityForm from './pages/facility_form.js';
import * as transferPage from './pages/transfer.js';
import * as indicatorsPage from './pages/indicators.js';
import * as auditPage from './pages/audit.js';
import * as usersPage from './pages/users.js';
import * as subsidiesPage from './pages/subsidies.js';
import * as applyPage from './pages/apply.js';
import * as dashboardPage from './pages/dashboard.js';
import * as peoplePage from './pages/people.js';
import * as personForm from './pages/person_form.js';
import * as personReport from './pages/person_report.js';
import * as facilityReceipt from './pages/facility_receipt.js';
import * as planningPage from './pages/planning.js';
import * as rosterPage from './pages/roster.js';
import * as visitToday from './pages/visit_today.js';
import * as visitWork from './pages/visit_work.js';
import * as visitLedger from './pages/visit_ledger.js';
import * as referralDesk from './pages/referral_desk.js';
import * as complaintDesk from './pages/complaint_desk.js';
import * as complaintView from './pages/complaint_view.js';
import * as complaintMine from './pages/complaint_mine.js';
import * as complaintStats from './pages/complaint_stats.js';
import * as serviceFamily from './pages/service_family.js';
import * as serviceWork from './pages/service_work.js';
import * as serviceOrders from './pages/service_orders.js';
import * as serviceEntitlements from './pages/service_entitlements.js';
import * as serviceVouchers from './pages/service_vouchers.js';
import * as timebankPage from './pages/service_timebank.js';
import * as serviceBeds from './pages/service_beds.js';
import * as inspectToday from './pages/inspect_today.js';
import * as inspectPlans from './pages/inspect_plans.js';
import * as inspectInspectors from './pages/inspect_inspectors.js';
import * as inspectBulletin from './pages/inspect_bulletin.js';
import * as placeWait from './pages/place_wait.js';
import * as serviceGuidance from './pages/service_guidance.js';
import * as inspectFood from './pages/inspect_food.js';
import * as taskPlans from './pages/task_plans.js';
import * as inspectStaff from './pages/inspect_staff.js';
import * as projectList from './pages/project_list.js';
import * as placeVacancy from './pages/place_vacancy.js';
import * as placePrices from './pages/place_prices.js';
import * as placeFind from './pages/place_find.js';
import * as closureCases from './pages/closure_cases.js';
import * as taskProgress from './pages/task_progress.js';
import * as taskProgressReport from './pages/task_progress_report.js';
import * as disclosePublic from './pages/disclose_public.js';
import * as inspectHazard from './pages/inspect_hazard.js';
import * as creditListings from './pages/credit_listings.js';
import * as creditPrepaid from './pages/credit_prepaid.js';
import * as gradeOverview from './pages/grade_overview.js';
import * as reportForm from './pages/report_form.js';

const root = document.getElementById('app');
let shell = null;
let cleanup = null;
let renderSeq = 0;

function resolve(path) {
  const [a, b, c] = path;
  switch (a) {
    case 'dashboard':
      return { nav: 'dashboard', page: dashboardPage };
    case 'regions':
      return { nav: 'regions', page: regionsPage };
    case 'planning':
      return { nav: 'planning', page: planningPage };
    case 'people':
      if (!b) return { nav: 'people', page: peoplePage };
      if (b === 'new' && !c) return { nav: 'people', page: personForm, params: { id: null } };
      if (/^\d+$/.test(b) && !c) return { nav: 'people', page: peoplePage, params: { id: Number(b) } };
      if (/^\d+$/.test(b) && c === 'edit') return { nav: 'people', page: personForm, params: { id: Number(b) } };
      if (/^\d+$/.test(b) && c === 'report') return { nav: 'people', page: personReport, params: { id: Number(b) } };
      return null;
    case 'facilities':
      if (!b) return { nav: 'facilities', page: facilityList };
      if (b === 'new') return { nav: 'facilities', page: facilityForm, params: { id: null } };
      if (/^\d+$/.test(b) && !c) return { nav: 'facilities', page: facilityDetail, params: { id: Number(b) } };
      if (/^\d+$/.test(b) && c === 'edit') return { nav: 'facilities', page: facilityForm, params: { id: Number(b) } };
      if (/^\d+$/.test(b) && c === 'receipt') return { nav: 'facilities', page: facilityReceipt, params: { id: Number(b) } };
      return null;
    case 'indicators':
      return { nav: 'indicators', page: indicatorsPage };
    case 'transfer':
      return { nav: 'transfer', page: transferPage };
    case 'subsidies':
      return { nav: 'subsidies', page: subsidiesPage };
    case 'apply':
      return { nav: 'apply', page: applyPage };
    case 'roster':
      return { nav: 'roster', page: rosterPage };
    case 'visits':
      if (!b) return { nav: 'visits', page: visitWork };
      if (b === 'today' && !c) return { nav: 'visits/today', page: visitToday };
      if (b === 'ledger' && !c) return { nav: 'visits/ledger', page: visitLedger };
      return null;
    case 'referrals':
      return { nav: 'referrals', page: referralDesk };
    case 'services':
      if (b === 'family' && !c) return { nav: 'services/family', page: serviceFamily };
      if (b === 'work' && !c) return { nav: 'services/work', page: serviceWork };
      if (b === 'orders' && !c) return { nav: 'services/orders', page: serviceOrders };
      if (b === 'entitlements' && !c) return { nav: 'services/entitlements', page: serviceEntitlements };
      if (b === 'vouchers' && !c) return { nav: 'services/vouchers', page: serviceVouchers };
      return null;
    case 'timebank':
      return { nav: 'timebank', page: timebankPage };
    case 'family-beds':
      if (!b) return { nav: 'family-beds', page: serviceBeds };
      if (/^\d+$/.test(b) && !c) return { nav: 'family-beds', page: serviceBeds, params: { id: Number(b) } };
      return null;
    case 'guidance':
      return { nav: 'guidance', page: serviceGuidance };
    case 'places':
      if (b === 'vacancy' && !c) return { nav: 'places/vacancy', page: placeVacancy };
      if (b === 'prices' && !c) return { nav: 'places/prices', page: placePrices };
      return null;
    case 'waitlist':
      if (!b) return { nav: 'waitlist', page: placeWait };
      if (b === 'mine' && !c) return { nav: 'waitlist/mine', page: placeWait };
      if (/^\d+$/.test(b) && !c) return { nav: 'waitlist', page: placeWait, params: { id: Number(b) } };
      return null;
    case 'grading':
      return b ? null : { nav: 'grading', page: gradeOverview };
    case 'tasks':
      // plans' task division (pages/task_plans.js)
      if (!b) return { nav: 'tasks', page: taskPlans };
      if (b === 'plan' && /^\d+$/.test(c || '')) return { nav: 'tasks', page: taskPlans, params: { plan: Number(c) } };
      if (b === 'dept' && /^\d+$/.test(c || '')) return { nav: 'tasks', page: taskPlans, params: { dept: Number(c) } };
      return null;
    case 'projects':
      // major projects (pages/project_list.js)
      if (!b) return { nav: 'projects', page: projectList };
      if (/^\d+$/.test(b) && !c) return { nav: 'projects', page: projectList, params: { id: Number(b) } };
      return null;
    case 'inspect':
      if (b === 'today' && !c) return { nav: 'inspect/today', page: inspectToday };
      if (b === 'plans' && !c) return { nav: 'inspect/plans', page: inspectPlans };
      if (b === 'inspectors' && !c) return { nav: 'inspect/inspectors', page: inspectInspectors };
      if (b === 'bulletin' && !c) return { nav: 'inspect/bulletin', page: inspectBulletin };
      // checks and hazards (pages/inspect_hazard.js)
      if (b === 'checks' && /^\d+$/.test(c || '')) return { nav: 'inspect/hazards', page: inspectHazard, params: { check: Number(c) } };
      if (b === 'hazards' && !c) return { nav: 'inspect/hazards', page: inspectHazard };
      if (b === 'hazards' && /^\d+$/.test(c || '')) return { nav: 'inspect/hazards', page: inspectHazard, params: { hazard: Number(c) } };
      // food safety and staff (pages/inspect_staff.js, inspect_food.js)
      if (b === 'food' && !c) return { nav: 'inspect/food', page: inspectFood };
      if (b === 'staff' && !c) return { nav: 'inspect/staff', page: inspectStaff };
      if (b === 'staff' && /^\d+$/.test(c)) return { nav: 'inspect/staff', page: inspectStaff, params: { id: Number(c) } };
      return null;
    case 'credit':
      // credit files, red and black lists, prepaid fees (pages/credit_*.js)
      if (!b) return { nav: 'credit', page: creditListings };
      if (b === 'prepaid' && !c) return { nav: 'credit/prepaid', page: creditPrepaid };
      return null;
    // tasks and projects: progress by department (pages/task_progress*.js)
    case 'progress':
      if (!b) return { nav: 'progress', page: taskProgress };
      if (b === 'report' && !c) return { nav: 'progress/report', page: taskProgressReport };
      return null;
    // credit and quality: closures (pages/closure_cases.js)
    case 'closures':
      if (!b) return { nav: 'closures', page: closureCases };
      if (/^\d+$/.test(b) && !c) return { nav: 'closures', page: closureCases, params: { id: Number(b) } };
      return null;
    // complaints and reviews (pages/complaint_*.js)
    case 'complaints':
      if (!b) return { nav: 'complaints', page: complaintDesk };
      if (b === 'mine' && !c) return { nav: 'complaints/mine', page: complaintMine };
      if (b === 'stats' && !c) return { nav: 'complaints/stats', page: complaintStats };
      if (/^\d+$/.test(b) && !c) return { nav: 'complaints', page: complaintView, params: { id: Number(b) } };
      return null;
    // the department reporting form (pages/report_form.js)
    case 'report':
      return b ? null : { nav: 'report', page: reportForm };
    case 'audit':
      return { nav: 'audit', page: auditPage, admin: true };
    case 'users':
      return { nav: 'users', page: usersPage, admin: true };
    default:
      return null;
  }
}

function clearSession() {
  state.user = null;
  state.selectedRegion = null;
  setCsrf(null);
  shell = null;
  forgetRegions();
  forgetScopeTree();
}

async function logout() {
  try {
    await api('DELETE', 'session', { quiet401: true });
  } catch {
    /* the session may already be gone; log out locally either way */
  }
  clearSession();
  go('login');
}

function startSession(data) {
  state.user = data.user;
  setCsrf(data.csrf_token);
}

async function render() {
  const seq = ++renderSeq;
  if (cleanup) {
    try {
      cleanup();
    } catch {
      /* a page's cleanup must not stop navigation */
    }
    cleanup = null;
  }
  const { path, query, raw } = parseHash();
  // a family account starts from ordering services for its family (its applications beside); a visitor from today's visits
  const homes = { family: 'services/family', operator: 'regions', visitor: 'visits/today', township_official: 'visits', inspector: 'inspect/today' };
  const home = () => (!state.user ? 'dashboard' : homes[state.user.role] || 'dashboard');
  const nextOf = (q) => (q.next && !q.next.startsWith('login') ? q.next : home());
  // the public search for a place: no login and no staff shell
  if (path[0] === 'find') {
    shell = null;
    await placeFind.render(root, { query });
    return;
  }
  // the public disclosure (信息公示): no login and no staff shell either
  if (path[0] === 'disclose') {
    shell = null;
    await disclosePublic.render(root, { query });
    return;
  }
  if (path[0] === 'login' || !state.user) {
    if (state.user && path[0] === 'login') {
      location.hash = `#/${nextOf(query)}`;
      return;
    }
    if (!state.user && path[0] !== 'login') {
      go('login', path.length ? { next: raw } : null);
      return;
    }
    shell = null;
    setPageTitle(null); // the login page is the platform's own
    loginPage.render(root, {
      query,
      onLogin(data) {
        startSession(data);
        location.hash = `#/${nextOf(query)}`;
      },
    });
    return;
  }
  if (!path.length) {
    go(home());
    return;
  }
  if (!shell) shell = buildShell(root, { onLogout: logout });
  const route = resolve(path);
  shell.setActive(route ? route.nav : null);
  const main = shell.main;
  if (!route) {
    replace(main, h('h1', null, t('error.notFoundPage')), alertBox('error', t('error.notFoundPage')));
    return;
  }
  if (route.admin && !isAdmin()) {
    replace(main, alertBox('error', t(route.nav === 'audit' ? 'audit.adminOnly' : 'users.adminOnly')));
    return;
  }
  try {
    const c = await route.page.render(main, { params: route.params || {}, query, isCurrent: () => seq === renderSeq });
    if (seq === renderSeq) cleanup = typeof c === 'function' ? c : null;
    else if (typeof c === 'function') c();
  } catch (e) {
    if (seq !== renderSeq) return;
    if (e instanceof ApiError && e.status === 401) return;
    replace(main, errorBox(e instanceof ApiError ? e : { code: 'unknown', message: String(e) }, () => render()));
    console.error(e);
  }
}

onUnauthorized(() => {
  if (!state.user) return;
  const { path, raw } = parseHash();
  clearSession();
  go('login', path.length && path[0] !== 'login' ? { next: raw } : null);
});

onLangChange(() => {
  shell = null;
  render();
});

window.addEventListener('hashchange', render);

async function boot() {
  setLang(getLang());
  try {
    startSession(await api('GET', 'session', { quiet401: true }));
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) {
      replace(root, h('div', { class: 'boot-error' }, errorBox(e, () => boot())));
      return;
    }
  }
  render();
}

boot();
