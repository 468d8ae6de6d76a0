// 机构: facility list with filters, sort and pages. Filters live in the
// hash, so the back button and links keep them.
import { stoppedFacilities, stopTag } from './inspect_stop.js';
import { h, replace, newId } from '../dom.js';
import { t, label, fmtNum } from '../i18n.js';
import { get } from '../api.js';
import { state, mayCreateFacility } from '../state.js';
import { go, href } from '../router.js';
import { regionNames, rememberRegion } from '../regions.js';
import { ELDERLY_KINDS, CHILDCARE_KINDS, OWNERSHIP, FILING, SORTS, isChildcare } from '../enums.js';
import { loading, errorBox, selectEl, pager, emptyRow, takeFlash } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';
import { tableActions } from '../ui/table_export.js';

const FILTER_KEYS = ['region', 'kind', 'ownership', 'status', 'filing', 'q', 'sort', 'per_page'];

export function capacityText(f) {
  if (isChildcare(f.kind)) return t('fac.capSlots', { a: fmtNum(f.slots), b: fmtNum(f.affordable_slots) });
  return t('fac.capBeds', { a: fmtNum(f.beds), b: fmtNum(f.nursing_beds), c: fmtNum(f.occupied_beds) });
}

export function statusTag(f) {
  return f.closed_on
    ? h('span', { class: 'tag tag-closed', title: `${t('f.closed_on')} ${f.closed_on}` }, t('status.closed'))
    : h('span', { class: 'tag tag-open' }, t('status.open'));
}

export function filingTag(status) {
  return h('span', { class: `tag tag-filing-${status}` }, label('filing', status));
}

export async function render(main, { query, isCurrent }) {
  const q = { status: 'open', sort: 'name', per_page: '50', ...query };
  const page = Math.max(1, Number(q.page) || 1);
  const perPage = Number(q.per_page) || 50;
  if (/^\d{12}$/.test(q.region || '')) rememberRegion(q.region);

  function apply(changes, keepPage = false) {
    const next = {};
    for (const k of FILTER_KEYS) if (q[k]) next[k] = q[k];
    Object.assign(next, changes);
    if (!keepPage) delete next.page;
    for (const k of Object.keys(next)) if (next[k] === '' || next[k] === null) delete next[k];
    if (next.status === 'open') delete next.status;
    if (next.sort === 'name') delete next.sort;
    if (next.per_page === '50' || next.per_page === 50) delete next.per_page;
    go('facilities', next);
  }

  const picker = regionPicker({
    value: q.region || '',
    allowAll: true,
    onChange: (code) => apply({ region: code }),
    extra: state.selectedRegion,
  });
  const kindSel = selectEl(
    [
      ['', t('common.all')],
      { group: t('kindgroup.elderly'), options: ELDERLY_KINDS.map((k) => [k, label('kind', k)]) },
      { group: t('kindgroup.childcare'), options: CHILDCARE_KINDS.map((k) => [k, label('kind', k)]) },
    ],
    q.kind || '',
    { onchange: (e) => apply({ kind: e.target.value }) },
  );
  const ownSel = selectEl([['', t('common.all')], ...OWNERSHIP.map((o) => [o, label('ownership', o)])], q.ownership || '', {
    onchange: (e) => apply({ ownership: e.target.value }),
  });
  const statusSel = selectEl(
    ['open', 'closed', 'all'].map((s) => [s, label('status', s)]),
    q.status,
    { onchange: (e) => apply({ status: e.target.value }) },
  );
  const filingSel = selectEl([['', t('common.all')], ...FILING.map((s) => [s, label('filing', s)])], q.filing || '', {
    onchange: (e) => apply({ filing: e.target.value }),
  });
  const sortSel = selectEl(SORTS.map((s) => [s, t(`sort.${s}`)]), q.sort, { onchange: (e) => apply({ sort: e.target.value }, false) });
  const qInput = h('input', { type: 'search', value: q.q || '', placeholder: t('fac.qPlaceholder') });
  const lab = (text, control, cls) => h('div', { class: ['filter', cls] }, h('label', { for: control.id || (control.id = newId('flt')) }, text), control);
  picker.select.id = 'flt-region';
  const filters = h(
    'form',
    { class: 'filters card', role: 'search', 'aria-label': t('fac.filters') },
    h('div', { class: 'filter filter-region' }, h('label', { for: 'flt-region' }, t('fac.region')), picker.el),
    lab(t('fac.kind'), kindSel),
    lab(t('fac.ownership'), ownSel),
    lab(t('fac.status'), statusSel),
    lab(t('fac.filing'), filingSel),
    lab(t('fac.sort'), sortSel),
    h(
      'div',
      { class: 'filter filter-q' },
      h('label', { for: 'flt-q' }, t('fac.q')),
      h('div', { class: 'input-row' }, Object.assign(qInput, { id: 'flt-q' }), h('button', { type: 'submit', class: 'btn' }, t('common.search'))),
    ),
    h('div', { class: 'filter filter-reset' }, h('a', { class: 'btn btn-ghost', href: '#/facilities' }, t('common.reset'))),
  );
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    apply({ q: qInput.value.trim() });
  });

  const results = h('div', { class: 'results' }, loading());
  replace(
    main,
    h(
      'div',
      { class: 'page-head' },
      h('h1', { class: 'page-title' }, t('fac.title')),
      tableActions('facilities', () => Object.fromEntries(['region', 'kind', 'ownership', 'status', 'filing', 'q', 'sort'].map((k) => [k, q[k]]))),
      mayCreateFacility() ? h('a', { class: 'btn btn-primary', href: href('facilities/new', q.region ? { region: q.region } : null) }, '+ ', t('fac.new')) : null,
    ),
    takeFlash(),
    filters,
    results,
  );

  const params = {};
  for (const k of ['region', 'kind', 'ownership', 'status', 'filing', 'q', 'sort']) if (q[k]) params[k] = q[k];
  params.page = page;
  params.per_page = perPage;
  let data;
  try {
    data = await get('facilities', params);
  } catch (e) {
    if (isCurrent()) replace(results, errorBox(e, () => render(main, { query, isCurrent })));
    return;
  }
  // a page past the end (filters narrowed, rows deleted): go to the last one
  const lastPage = Math.max(1, Math.ceil(data.total / (data.per_page || perPage)));
  if (!data.items.length && page > lastPage) {
    apply({ page: lastPage > 1 ? String(lastPage) : '' }, true);
    return;
  }
  const names = await regionNames(data.items.map((f) => f.region));
  const stopped = await stoppedFacilities();
  if (!isCurrent()) return;

  const rows = data.items.map((f) =>
    h(
      'tr',
      null,
      h('td', { class: 'cell-name' }, h('a', { href: `#/facilities/${f.id}`, class: 'strong-link' }, f.name)),
      h('td', { 'data-label': t('f.kind') }, label('kind', f.kind)),
      h('td', { 'data-label': t('f.region') }, names.get(f.region) || f.region),
      h('td', { class: 'cap', 'data-label': t('f.capacity') }, capacityText(f)),
      h('td', { 'data-label': t('f.filing_status') }, filingTag(f.filing_status)),
      h('td', { 'data-label': t('f.status') }, statusTag(f), stopTag(stopped, f.id)),
    ),
  );
  const pg = pager({
    total: data.total,
    page: data.page || page,
    perPage: data.per_page || perPage,
    onPage: (p) => apply({ page: String(p) }, true),
    onPerPage: (n) => apply({ per_page: String(n) }),
  });
  replace(
    results,
    h(
      'div',
      { class: 'card card-flush' },
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'data fac-table stack-on-phone' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              [t('f.name'), t('f.kind'), t('f.region'), t('f.capacity'), t('f.filing_status'), t('f.status')].map((c) => h('th', { scope: 'col' }, c)),
            ),
          ),
          h('tbody', null, rows.length ? rows : emptyRow(6, t('fac.none'))),
        ),
      ),
      pg,
    ),
  );
}
