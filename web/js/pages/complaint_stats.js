// 投诉统计 (#/complaints/stats): complaints received in a period by
// institution, category or region: received, closed, answered on time,
// overdue, and the call-back and satisfaction rates as the server gives
// them (exact, one decimal, half up), with each institution's average
// review.
import { h, replace } from '../dom.js';
import { t, fmtNum } from '../i18n.js';
import { get } from '../api.js';
import { go } from '../router.js';
import { state } from '../state.js';
import { loading, errorBox, field, selectEl, emptyRow, labelCells } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';
import { addStyles } from './complaint_view.js';

const pct = (v) => (v === null || v === undefined ? t('common.dash') : `${v}%`);

export async function render(main, { query, isCurrent }) {
  addStyles();
  const year = new Date().getFullYear();
  const f = { region: query.region || '', by: query.by || 'facility', from: query.from || `${year}-01-01`, to: query.to || `${year}-12-31` };
  const apply = (changes) => go('complaints/stats', { ...f, ...changes });
  const picker = state.user.role === 'operator' ? null : regionPicker({ value: f.region || state.user.region || '', allowAll: !state.user.region, allLabel: t('common.all'), onChange: (code) => apply({ region: code || undefined }) });
  const by = selectEl(['facility', 'category', 'region'].map((b) => [b, t(`cp.by.${b}`)]), f.by, { id: 'cs-by' });
  const from = h('input', { type: 'date', id: 'cs-from', value: f.from });
  const to = h('input', { type: 'date', id: 'cs-to', value: f.to });
  const out = h('div', null, loading());
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('cp.stats'))),
    h('p', { class: 'muted' }, t('cp.statsLead')),
    h(
      'form',
      {
        class: 'card filters',
        onsubmit: (e) => {
          e.preventDefault();
          apply({ by: by.value, from: from.value, to: to.value });
        },
      },
      picker ? field({ label: t('cp.region'), input: picker.select, control: picker.el }) : null,
      field({ label: t('cp.by'), input: by }),
      field({ label: t('cp.from'), input: from }),
      field({ label: t('cp.to'), input: to }),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'cs-show' }, t('cp.show'))),
    ),
    out,
  );
  let data;
  try {
    data = await get('complaints/stats', { region: f.region || undefined, by: f.by, from: f.from, to: f.to });
  } catch (e) {
    if (isCurrent()) replace(out, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  const withReviews = f.by === 'facility';
  const cols = [t('cp.name'), t('cp.received.n'), t('cp.closed.n'), t('cp.answered.n'), t('cp.onTime.n'), t('cp.overdue.n'), t('cp.onTimeRate'), t('cp.callbackRate'), t('cp.satisfactionRate'), withReviews ? t('cp.reviewAvg') : null].filter(Boolean);
  const row = (r, total) =>
    h(
      'tr',
      { class: total ? 'row-total' : null, 'data-key': r.key },
      h('td', { class: 'cell-name' }, total ? h('strong', null, t('cp.total')) : r.name),
      [r.received, r.closed, r.answered, r.on_time].map((n) => h('td', { class: 'num' }, fmtNum(n))),
      h('td', { class: ['num', r.overdue && 'cp-overdue-text'] }, fmtNum(r.overdue)),
      [r.on_time_rate, r.callback_rate, r.satisfaction_rate].map((v) => h('td', { class: 'num' }, pct(v))),
      withReviews ? h('td', { class: 'num' }, r.review_average ? `${r.review_average}（${r.reviews}）` : t('common.dash')) : null,
    );
  const table = h(
    'table',
    { class: 'data stack-on-phone', id: 'cs-table' },
    h('thead', null, h('tr', null, cols.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', null, data.rows.length ? [...data.rows.map((r) => row(r, false)), row(data.total, true)] : emptyRow(cols.length, t('cp.none'))),
  );
  replace(out, h('div', { class: 'card table-wrap' }, labelCells(table)));
}
