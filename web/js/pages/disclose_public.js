// 信息公示: the public disclosure page, shown without a login and without the
// staff shell (main.js routes #/disclose here before the login check). It
// asks only the public routes, which answer facts about facilities and
// never anything about a person; a family reaches it from the login page
// and from the public place search.
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { go } from '../router.js';
import { langSwitch } from '../shell.js';
import { alertBox, errorBox, loading } from '../ui/common.js';

let sheet = null;

// the public search's style sheet: the same public look on a phone
function addStyles() {
  if (sheet) return;
  sheet = h('link', { rel: 'stylesheet', href: '/css/place_find.css' });
  document.head.append(sheet);
}

const pct = (s) => (s && s.percent !== null && s.percent !== undefined ? `${s.percent}%` : t('dis.na'));

function section(id, title, body) {
  return h('section', { class: 'find-howto dis-section', id }, h('h2', null, title), body);
}

function list(items, empty, row) {
  if (!items.length) return h('p', { class: 'find-hint' }, empty);
  return h('ul', { class: 'find-list' }, items.map((x) => h('li', { class: 'find-card' }, row(x))));
}

function card(name, ...lines) {
  return [h('div', { class: 'find-card-head' }, h('h3', null, name)), ...lines.filter(Boolean).map((l) => h('p', { class: 'find-price' }, l))];
}

function show(out, d) {
  const r = d.ratings;
  const byFacility = new Map();
  for (const x of r.in_force) byFacility.set(x.facility_name, [...(byFacility.get(x.facility_name) || []), x]);
  const bl = d.black_list;
  const cc = d.childcare;
  const ins = d.inspections;
  replace(
    out,
    h('p', { class: 'find-total', id: 'dis-day' }, t('dis.day', { r: d.region_name, d: d.day, s: d.since })),
    section(
      'dis-ratings',
      t('dis.ratings'),
      h(
        'div',
        null,
        list(r.in_force, t('dis.noRatings'), (x) => card(x.facility_name, `${x.kind_name} · ${t('dis.ratingRow', { s: x.scheme_name, l: x.level_name || x.level, from: x.rated_on, to: x.valid_until })}`)),
        r.lapsed.map((x) => h('p', { class: 'find-hint' }, `${x.facility_name}：${t('dis.lapsed', { s: x.scheme_name, l: x.level_name || x.level, d: x.lapsed_on })}`)),
      ),
    ),
    section('dis-black', t('dis.black'), h('div', null, list(bl.institutions, t('dis.noBlack'), (x) => card(x.facility_name, t('dis.blackRow', { l: x.listed_on, p: x.published_on }), x.authority)), h('p', { class: 'find-hint' }, t('dis.staffCount', { n: bl.staff_count })))),
    section(
      'dis-childcare',
      t('dis.childcare'),
      h('div', null, cc.items.length ? h('p', { class: 'find-total' }, t('dis.filedShare', { p: cc.filed_share.percent, a: cc.filed_share.numerator, b: cc.filed_share.denominator })) : null, list(cc.items, t('dis.noChildcare'), (x) => card(x.name, `${x.kind_name} · ${x.filing_status_name}${x.filing_date ? `（${x.filing_date}）` : ''}`))),
    ),
    section(
      'dis-inspections',
      t('dis.inspections'),
      h(
        'div',
        null,
        list(ins.plans, t('dis.noPlans'), (p) => [
          h('div', { class: 'find-card-head' }, h('h3', null, `${p.region_name} · ${p.title || p.period}`)),
          h('p', { class: 'find-price' }, t('dis.plan', { p: p.period, s: p.seed })),
          h('p', { class: 'find-hint dis-digest' }, `${t('dis.digest')} ${p.digest}`),
        ]),
        list(ins.facilities, '', (x) => card(x.facility_name, t('dis.checkRow', { c: x.checks_done, h: x.hazards_found, x: x.hazards_closed }))),
      ),
    ),
    section('dis-complaints', t('dis.complaints'), list(d.complaints.items, t('dis.noComplaints'), (x) => card(x.facility_name, t('dis.complaintRow', { r: x.received, c: x.closed, o: pct(x.on_time_share), s: pct(x.satisfied_share) })))),
    section('dis-commitments', t('dis.commitments'), list(d.commitments, t('dis.noCommitments'), (x) => card(x.facility_name, x.text, x.on))),
    section('dis-places', t('dis.places'), h('p', null, h('a', { href: `#/find?region=${d.region}`, id: 'dis-find', class: 'find-submit', style: { display: 'inline-block', textDecoration: 'none' } }, t('dis.placesLink')))),
    h('p', { class: 'find-note' }, t('dis.rounding')),
  );
}

export async function render(root, { query }) {
  addStyles();
  const regionSel = h('select', { id: 'dis-region', class: 'find-input', 'aria-label': t('dis.region') }, h('option', { value: '' }, t('dis.pick')));
  const out = h('div', { id: 'dis-out', 'aria-live': 'polite' });

  async function load(code) {
    if (!code) {
      replace(out, alertBox('info', t('dis.choose')));
      return;
    }
    replace(out, loading());
    try {
      show(out, await api('GET', 'public/disclosure', { query: { region: code } }));
    } catch (e) {
      replace(out, errorBox(e, () => load(code)));
    }
  }

  const form = h(
    'form',
    {
      class: 'find-form',
      novalidate: true,
      onsubmit: (e) => {
        e.preventDefault();
        go('disclose', regionSel.value ? { region: regionSel.value } : null);
      },
    },
    h('div', { class: 'find-field' }, h('label', { for: 'dis-region', class: 'find-label' }, t('dis.region')), regionSel),
    h('button', { type: 'submit', class: 'find-submit', id: 'dis-show' }, t('dis.show')),
  );
  replace(
    root,
    h(
      'div',
      { class: 'find-page' },
      h('header', { class: 'find-top' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '老小'), h('a', { href: '#/login', class: 'find-staff' }, t('dis.staff')), langSwitch()),
      h('main', { class: 'find-main' }, h('h1', null, t('dis.title')), h('p', { class: 'find-lead' }, t('dis.lead')), form, out),
    ),
  );
  try {
    const { regions } = await api('GET', 'public/places/regions');
    const groups = new Map();
    for (const r of regions) {
      const county = r.level === 'county' ? r.name : r.county_name;
      if (!groups.has(county)) groups.set(county, []);
      groups.get(county).push(r);
    }
    for (const [county, rs] of groups) regionSel.append(h('optgroup', { label: county }, rs.map((r) => h('option', { value: r.code }, r.level === 'county' ? `${r.name}${t('dis.wholeCounty')}` : r.name))));
  } catch {
    /* without the list the page still answers a region in the address */
  }
  if (query.region) regionSel.value = query.region;
  await load(query.region || '');
}
