// 收费标准: the prices in force on a day in a region (an operator: its own
// facilities), each with the flags the server set from the local policy:
// 超出限价 (an affordable class price above its class type's cap) and
// 到期未复核 (an affordable price past its review date).
import { h, replace, today } from '../dom.js';
import { t, fmtNum } from '../i18n.js';
import { get } from '../api.js';
import { go, href } from '../router.js';
import { state } from '../state.js';
import { loading, errorBox, field, emptyRow, labelCells } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';
import { priceCells, flagCell, PRICE_COLS } from './place_price_panel.js';

const isDay = (s) => /^\d{4}-\d{2}-\d{2}$/.test(s || '');

export async function render(main, { query, isCurrent }) {
  const role = state.user.role;
  const f = { region: query.region || '', as_of: isDay(query.as_of) ? query.as_of : '', flagged: query.flagged === '1' ? '1' : '' };
  const apply = (changes) => go('places/prices', { ...f, ...changes });
  const picker = role === 'operator' ? null : regionPicker({ value: f.region || state.user.region || '', allowAll: !state.user.region, allLabel: t('common.all'), onChange: (code) => apply({ region: code || undefined }) });
  const day = h('input', { type: 'date', id: 'pp-date', value: f.as_of || today() });
  const flagged = h('input', { type: 'checkbox', id: 'pp-flagged', checked: f.flagged === '1' });
  const out = h('div', { id: 'pp-out' }, loading());
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('pp.title'))),
    h('p', { class: 'muted' }, t('pp.lead')),
    h(
      'form',
      {
        class: 'card filters',
        onsubmit: (e) => {
          e.preventDefault();
          apply({ as_of: day.value && day.value !== today() ? day.value : undefined, flagged: flagged.checked ? '1' : undefined });
        },
      },
      picker ? field({ label: t('pv.region'), input: picker.select, control: picker.el }) : null,
      field({ label: t('pv.asOf'), input: day }),
      h('label', { class: 'check' }, flagged, ' ', t('pp.flaggedOnly')),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn', id: 'pp-show' }, t('pv.show'))),
    ),
    out,
  );
  let data;
  try {
    data = await get('places/prices', { region: f.region || undefined, as_of: f.as_of || undefined, flagged: f.flagged || undefined });
  } catch (e) {
    if (isCurrent()) replace(out, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  const cols = [t('pp.facility'), t('pv.region'), ...PRICE_COLS().map((c) => c[0]), t('pp.flags')];
  const tbl = h(
    'table',
    { class: 'data stack-on-phone', id: 'pp-table' },
    h('thead', null, h('tr', null, cols.map((x) => h('th', { scope: 'col' }, x)))),
    h(
      'tbody',
      null,
      data.items.length
        ? data.items.map((p) =>
            h(
              'tr',
              { 'data-price': String(p.id), class: p.flags.over_cap || p.flags.review_due ? 'is-flagged' : null },
              h('td', { class: 'cell-name' }, h('a', { href: href(`facilities/${p.facility_id}`) }, p.facility_name)),
              h('td', null, p.region_name || t('common.dash')),
              priceCells(p),
              flagCell(p),
            ),
          )
        : emptyRow(cols.length, t('pp.none')),
    ),
  );
  replace(
    out,
    h(
      'section',
      { class: 'card card-flush' },
      h('h2', { class: 'card-title card-pad' }, `${t('pp.title')}（${data.as_of}）`, ' ', h('span', { class: 'muted', id: 'pp-count' }, t('pp.flaggedCount', { n: fmtNum(data.flagged) }))),
      h('div', { class: 'table-wrap' }, labelCells(tbl)),
    ),
  );
}
