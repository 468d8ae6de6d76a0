// 床位与托位: a region's beds and childcare places on a day, as the server
// counted them from the registry in force that day: occupied, vacant and
// affordable beds of elderly institutions, enrolled, vacant (by class type)
// and affordable childcare places; the regions below, and the facilities
// a page at a time. Shares are the server's exact text, never recomputed.
import { h, replace, today } from '../dom.js';
import { t, fmtNum, label } from '../i18n.js';
import { get } from '../api.js';
import { go, href } from '../router.js';
import { state } from '../state.js';
import { loading, errorBox, field, selectEl, emptyRow, labelCells, pager } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';

const KINDS = ['elderly_institution', 'childcare_institution', 'family_childcare_point', 'kindergarten_nursery'];
const pct = (s) => (s === null || s === undefined ? t('common.dash') : `${s}%`);
const isDay = (s) => /^\d{4}-\d{2}-\d{2}$/.test(s || '');

export async function render(main, { query, isCurrent }) {
  const role = state.user.role;
  const f = {
    region: query.region || '',
    as_of: isDay(query.as_of) ? query.as_of : '',
    kind: KINDS.includes(query.kind) ? query.kind : '',
    page: Number(query.page) > 0 ? Number(query.page) : 1,
  };
  const apply = (changes) => go('places/vacancy', { ...f, page: undefined, ...changes });
  const picker = role === 'operator' ? null : regionPicker({ value: f.region || state.user.region || '', allowAll: !state.user.region, allLabel: t('common.all'), onChange: (code) => apply({ region: code || undefined }) });
  const day = h('input', { type: 'date', id: 'pv-date', value: f.as_of || today() });
  const kind = selectEl([['', t('common.all')], ...KINDS.map((k) => [k, label('kind', k)])], f.kind, { id: 'pv-kind' });
  const out = h('div', { id: 'pv-out' }, loading());
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('pv.title'))),
    h('p', { class: 'muted' }, t('pv.lead')),
    h(
      'form',
      {
        class: 'card filters',
        onsubmit: (e) => {
          e.preventDefault();
          apply({ as_of: day.value && day.value !== today() ? day.value : undefined, kind: kind.value || undefined });
        },
      },
      picker ? field({ label: t('pv.region'), input: picker.select, control: picker.el }) : null,
      field({ label: t('pv.asOf'), input: day }),
      field({ label: t('pv.kind'), input: kind }),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn', id: 'pv-show' }, t('pv.show'))),
    ),
    out,
  );
  let data;
  try {
    data = await get('places/vacancy', { region: f.region || undefined, as_of: f.as_of || undefined, kind: f.kind || undefined, page: f.page, per_page: 50 });
  } catch (e) {
    if (isCurrent()) replace(out, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  replace(
    out,
    totals(data.total, data.as_of),
    rowsTable('pv-regions', t('pv.byRegion'), data.regions, (r) => href('places/vacancy', { region: r.code, as_of: f.as_of || undefined })),
    rowsTable('pv-ownership', t('pv.byOwnership'), data.by_ownership.map((r) => ({ ...r, name: label('ownership', r.ownership) })), null, t('pv.ownership')),
    facilitiesTable(data, f, apply),
  );
}

function totals(tot, asOf) {
  const e = tot.elderly;
  const c = tot.childcare;
  const stat = (k, v, id) => h('div', null, h('dt', null, t(k)), h('dd', { id }, v));
  return h(
    'div',
    { class: 'detail-grid', id: 'pv-totals' },
    h(
      'section',
      { class: 'card' },
      h('h2', { class: 'card-title' }, `${t('pv.elderly')}（${asOf}）`),
      h(
        'dl',
        { class: 'fields' },
        stat('pv.facilities', fmtNum(e.facilities)),
        stat('pv.beds', fmtNum(e.beds)),
        stat('pv.occupied', fmtNum(e.occupied)),
        stat('pv.vacant', fmtNum(e.vacant), 'pv-vacant-beds'),
        stat('pv.occupancy', pct(e.occupancy_rate), 'pv-occupancy'),
        stat('pv.vacancy', pct(e.vacancy_rate), 'pv-vacancy'),
        stat('pv.affordableBeds', fmtNum(e.affordable)),
        stat('pv.affordableShare', pct(e.affordable_share), 'pv-affordable-beds'),
      ),
      h('p', { class: 'muted' }, t('pv.residents', { a: fmtNum(e.residents.selfcare), b: fmtNum(e.residents.partly), c: fmtNum(e.residents.disabled) })),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', { class: 'card-title' }, `${t('pv.childcare')}（${asOf}）`),
      h(
        'dl',
        { class: 'fields' },
        stat('pv.facilities', fmtNum(c.facilities)),
        stat('pv.places', fmtNum(c.places)),
        stat('pv.enrolled', fmtNum(c.enrolled)),
        stat('pv.vacantPlaces', fmtNum(c.vacant), 'pv-vacant-places'),
        stat('pv.affordablePlaces', fmtNum(c.affordable)),
        stat('pv.affordableShare', pct(c.affordable_share), 'pv-affordable-places'),
      ),
      c.classes.length
        ? h('ul', { id: 'pv-classes' }, c.classes.map((k) => h('li', null, t('pv.classCapacity', { n: label('class', k.type), c: fmtNum(k.capacity), e: fmtNum(k.enrolled), v: fmtNum(k.vacant) }))))
        : null,
    ),
  );
}

// rows of totals: the regions below (each a link to its own report), or
// the kinds and ownerships
function rowsTable(id, title, rows, linkOf, first = t('pv.region')) {
  if (!rows.length) return null;
  const cols = [first, t('pv.beds'), t('pv.occupied'), t('pv.vacant'), t('pv.occupancy'), t('pv.affordableShare'), t('pv.places'), t('pv.enrolled'), t('pv.vacantPlaces'), t('pv.affordableShare')];
  const tbl = h(
    'table',
    { class: 'data stack-on-phone', id },
    h('thead', null, h('tr', null, cols.map((x, i) => h('th', { scope: 'col', class: i ? 'num' : null }, x)))),
    h(
      'tbody',
      null,
      rows.map((r) =>
        h(
          'tr',
          { 'data-row': r.code || r.kind || r.ownership },
          h('td', { class: 'cell-name' }, linkOf ? h('a', { href: linkOf(r) }, r.name) : r.name),
          [r.elderly.beds, r.elderly.occupied, r.elderly.vacant].map((v) => h('td', { class: 'num' }, fmtNum(v))),
          h('td', { class: 'num' }, pct(r.elderly.occupancy_rate)),
          h('td', { class: 'num' }, pct(r.elderly.affordable_share)),
          [r.childcare.places, r.childcare.enrolled, r.childcare.vacant].map((v) => h('td', { class: 'num' }, fmtNum(v))),
          h('td', { class: 'num' }, pct(r.childcare.affordable_share)),
        ),
      ),
    ),
  );
  return h('section', { class: 'card card-flush' }, h('h2', { class: 'card-title card-pad' }, title), h('div', { class: 'table-wrap' }, labelCells(tbl)));
}

function facilitiesTable(data, f, apply) {
  const cols = [t('pv.name'), t('pv.kind'), t('pv.region'), t('pv.beds') + ' / ' + t('pv.places'), t('pv.occupied') + ' / ' + t('pv.enrolled'), t('pv.vacant'), t('pv.occupancy'), t('pv.classVacant'), t('pv.capacityDate')];
  const tbl = h(
    'table',
    { class: 'data stack-on-phone', id: 'pv-facilities' },
    h('thead', null, h('tr', null, cols.map((x, i) => h('th', { scope: 'col', class: i >= 3 && i <= 6 ? 'num' : null }, x)))),
    h(
      'tbody',
      null,
      data.items.length
        ? data.items.map((it) =>
            h(
              'tr',
              { 'data-facility': String(it.id) },
              h('td', { class: 'cell-name' }, h('a', { href: href(`facilities/${it.id}`) }, it.name)),
              h('td', null, label('kind', it.kind)),
              h('td', null, it.region_name || t('common.dash')),
              h('td', { class: 'num' }, fmtNum(it.kind === 'elderly_institution' ? it.beds : it.places)),
              h('td', { class: 'num' }, fmtNum(it.kind === 'elderly_institution' ? it.occupied : it.enrolled)),
              h('td', { class: 'num pv-vacant' }, fmtNum(it.vacant)),
              h('td', { class: 'num' }, pct(it.occupancy_rate)),
              h('td', null, it.classes && it.classes.length ? it.classes.map((k) => `${label('class', k.type)} ${k.vacant}`).join(t('common.comma')) : t('common.dash')),
              h('td', null, it.capacity_date || t('common.dash')),
            ),
          )
        : emptyRow(cols.length, t('pv.none')),
    ),
  );
  return h(
    'section',
    { class: 'card card-flush' },
    h('h2', { class: 'card-title card-pad' }, t('pv.list'), ' ', h('span', { class: 'muted' }, t('pv.count', { n: fmtNum(data.count) }))),
    h('div', { class: 'table-wrap' }, labelCells(tbl)),
    data.count > data.per_page ? pager({ total: data.count, page: data.page, perPage: data.per_page, onPage: (p) => apply({ page: p }) }) : null,
  );
}
