// 找床位 · 找托位: the public page for families, shown without a login and
// without the staff shell (main.js routes #/find here before the login
// check). It asks only the public routes, which answer registry facts
// about facilities and never anything about a person.
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { langSwitch } from '../shell.js';
import { alertBox, errorBox, loading } from '../ui/common.js';

let sheet = null;

// The page's own style sheet, added once (app.css stays the staff UI's).
function addStyles() {
  if (sheet) return;
  sheet = h('link', { rel: 'stylesheet', href: '/css/place_find.css' });
  document.head.append(sheet);
}

function vacancyText(item, kind) {
  const v = item.vacancy || {};
  if (kind === 'elderly') return v.vacant_beds > 0 ? t('find.vacantBeds', { n: v.vacant_beds, all: v.beds }) : t('find.full');
  return v.vacant_slots > 0 ? t('find.vacantSlots', { n: v.vacant_slots, all: v.slots }) : t('find.full');
}

// byClass: an age was given, so the class's own price is the one to show;
// otherwise the range of every price in force.
function card(item, kind, byClass) {
  const tags = [h('span', { class: 'find-tag find-tag-filed' }, t('find.filed'))];
  if (item.affordable) tags.push(h('span', { class: 'find-tag find-tag-aff' }, t('find.affordableTag')));
  if (item.rating) tags.push(h('span', { class: 'find-tag find-tag-rating' }, `${item.rating.label}（${item.rating.scheme_label}）`));
  const classes = (item.vacancy && item.vacancy.classes) || [];
  const price = byClass && item.price ? `${item.price.yuan} 元/月（${item.price.item}）` : item.price_range;
  return h(
    'li',
    { class: ['find-card', item.vacant > 0 ? '' : 'is-full'], dataset: { facility: item.id } },
    h('div', { class: 'find-card-head' }, h('h3', null, item.name), h('span', { class: 'find-kind' }, `${item.kind_label} · ${item.region_name}`)),
    h('p', { class: ['find-vacancy', item.vacant > 0 ? 'has-room' : 'no-room'] }, vacancyText(item, kind)),
    classes.length ? h('p', { class: 'find-classes' }, classes.map((c) => t('find.classVacant', { c: c.label, n: c.vacant })).join('　')) : null,
    h('p', { class: 'find-price' }, price ? t('find.price', { p: price }) : t('find.noPrice')),
    item.distance_m !== null && item.distance_m !== undefined ? h('p', { class: 'find-distance' }, t('find.distance', { d: item.distance_text })) : null,
    h('div', { class: 'find-tags' }, tags),
    item.address ? h('p', { class: 'find-address' }, t('find.address', { a: item.address })) : null,
  );
}

export async function render(root, { query }) {
  addStyles();
  const state = { kind: query.kind === 'childcare' ? 'childcare' : 'elderly', page: 1, lat: null, lon: null, items: [] };
  const regionSel = h('select', { id: 'find-region', class: 'find-input', 'aria-label': t('find.region') }, h('option', { value: '' }, t('find.regionAny')));
  const aff = h('input', { type: 'checkbox', id: 'find-affordable' });
  const age = h('input', { type: 'number', id: 'find-age', class: 'find-input', min: 0, max: 72, inputmode: 'numeric' });
  const ageRow = h('div', { class: 'find-field', id: 'find-age-row' }, h('label', { for: 'find-age' }, t('find.age')), age, h('p', { class: 'find-hint' }, t('find.ageHint')));
  const locMsg = h('p', { class: 'find-hint', 'aria-live': 'polite' });
  const kindBtns = ['elderly', 'childcare'].map((k) =>
    h('button', { type: 'button', class: 'find-kind-btn', id: `find-kind-${k}`, 'aria-pressed': String(state.kind === k), onclick: () => setKind(k) }, t(`find.kind.${k}`)),
  );
  const results = h('div', { id: 'find-results', 'aria-live': 'polite' });
  const howTo = h('section', { class: 'find-howto' });
  const submit = h('button', { type: 'submit', class: 'find-submit', id: 'find-search' }, t('find.search'));

  function setKind(k) {
    state.kind = k;
    for (const b of kindBtns) b.setAttribute('aria-pressed', String(b.id === `find-kind-${k}`));
    ageRow.hidden = k !== 'childcare';
    replace(howTo, h('h2', null, t('find.howTo')), h('p', null, t(`find.howTo.${k}`)));
    search(1);
  }

  async function search(page) {
    state.page = page;
    const q = { kind: state.kind, region: regionSel.value, page };
    if (aff.checked) q.affordable = 1;
    if (state.kind === 'childcare' && age.value !== '') q.age_months = age.value;
    if (state.lat !== null) {
      q.lat = state.lat;
      q.lon = state.lon;
    }
    if (page === 1) replace(results, loading(t('find.searching')));
    try {
      const data = await api('GET', 'public/places', { query: q });
      state.items = page === 1 ? data.items : state.items.concat(data.items);
      const more = state.items.length < data.total;
      replace(
        results,
        h('p', { class: 'find-total' }, t('find.total', { n: data.total })),
        state.items.length ? h('ul', { class: 'find-list' }, state.items.map((it) => card(it, state.kind, q.age_months !== undefined))) : alertBox('info', t('find.none')),
        more ? h('button', { type: 'button', class: 'find-more', onclick: () => search(state.page + 1) }, t('find.more')) : null,
      );
    } catch (e) {
      replace(results, errorBox(e, () => search(page)));
    }
  }

  function locate() {
    if (!navigator.geolocation) {
      locMsg.textContent = t('find.locationFailed');
      return;
    }
    locMsg.textContent = t('find.locating');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        // six decimals (about 0.1 m) are plenty and keep the cache key short
        state.lat = pos.coords.latitude.toFixed(6);
        state.lon = pos.coords.longitude.toFixed(6);
        locMsg.textContent = t('find.located');
        search(1);
      },
      () => {
        locMsg.textContent = t('find.locationFailed');
      },
      { timeout: 10000, maximumAge: 600000 },
    );
  }

  const form = h(
    'form',
    {
      class: 'find-form',
      novalidate: true,
      onsubmit: (e) => {
        e.preventDefault();
        search(1);
      },
    },
    h('div', { class: 'find-field' }, h('span', { class: 'find-label' }, t('find.kind')), h('div', { class: 'find-kinds', role: 'group' }, kindBtns)),
    h(
      'div',
      { class: 'find-field' },
      h('label', { for: 'find-region', class: 'find-label' }, t('find.where')),
      regionSel,
      h('button', { type: 'button', class: 'find-loc', id: 'find-locate', onclick: locate }, t('find.useLocation')),
      locMsg,
    ),
    ageRow,
    h('label', { class: 'find-check', for: 'find-affordable' }, aff, t('find.affordable')),
    submit,
  );

  replace(
    root,
    h(
      'div',
      { class: 'find-page' },
      h('header', { class: 'find-top' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '老小'), h('a', { href: '#/login', class: 'find-staff' }, t('find.staff')), langSwitch()),
      h('main', { class: 'find-main' }, h('h1', null, t('find.title')), h('p', { class: 'find-lead' }, t('find.lead')), form, results, howTo, h('p', { class: 'find-note' }, t('find.note')), h('p', { class: 'find-note' }, h('a', { href: '#/disclose', id: 'find-disclose' }, t('dis.link')))),
    ),
  );
  ageRow.hidden = state.kind !== 'childcare';
  replace(howTo, h('h2', null, t('find.howTo')), h('p', null, t(`find.howTo.${state.kind}`)));
  try {
    const { regions } = await api('GET', 'public/places/regions');
    const groups = new Map();
    for (const r of regions) {
      if (r.level !== 'township') continue;
      if (!groups.has(r.county_name)) groups.set(r.county_name, []);
      groups.get(r.county_name).push(r);
    }
    for (const [county, towns] of groups) regionSel.append(h('optgroup', { label: county }, towns.map((r) => h('option', { value: r.code }, r.name))));
    if (query.region) regionSel.value = query.region;
  } catch {
    /* the picker stays at the whole city; the search still works */
  }
  await search(1);
}
