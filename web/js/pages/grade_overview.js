// 等级评定: a region's ratings in force on a day by scheme and level, the
// share of elderly institutions at 一级 or above and the star-rated
// childcare count (numerator and denominator shown), ratings in their
// renewal window, lapses and the annual evaluations still due; officials
// record lapses after an in-page dialog.
import { askDialog } from '../ui/dialog.js';
import { h, replace, today } from '../dom.js';
import { t, fmtNum } from '../i18n.js';
import { get, post } from '../api.js';
import { go, href } from '../router.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox, field, emptyRow, labelCells } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';

const WRITERS = ['admin', 'city_official', 'county_official', 'dept_official'];
const isDay = (s) => /^\d{4}-\d{2}-\d{2}$/.test(s || '');
const dash = () => t('common.dash');

export const shareText = (s) => (s && s.percent !== null ? `${s.percent}%（${s.numerator}/${s.denominator}）` : t('common.dash'));

function table(id, cols, rows, empty) {
  return h(
    'div',
    { class: 'table-wrap' },
    labelCells(
      h(
        'table',
        { class: 'data stack-on-phone', id },
        h('thead', null, h('tr', null, cols.map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', null, rows.length ? rows : emptyRow(cols.length, empty || t('gr.none'))),
      ),
    ),
  );
}

const facilityCell = (r) => h('td', { class: 'cell-name' }, h('a', { href: href(`facilities/${r.facility_id}`) }, r.facility_name));

function ratingRows(items, lapsed) {
  return items.map((r) =>
    h(
      'tr',
      { 'data-rating': String(r.rating_id) },
      facilityCell(r),
      h('td', null, r.kind_label),
      h('td', null, r.scheme_name),
      h('td', null, r.level_name),
      h('td', null, r.rated_on),
      h('td', null, r.valid_until),
      h('td', null, lapsed ? r.lapsed_on : r.renewal_from || dash()),
    ),
  );
}

export async function render(main, { query, isCurrent }) {
  const role = state.user.role;
  const f = { region: query.region || state.user.region || '', as_of: isDay(query.as_of) ? query.as_of : '' };
  const apply = (changes) => go('grading', { ...f, ...changes });
  const picker = role === 'operator' ? null : regionPicker({ value: f.region, allowAll: false, onChange: (code) => apply({ region: code || undefined }) });
  const day = h('input', { type: 'date', id: 'gr-date', value: f.as_of || today(), max: today() });
  const msg = h('div', { 'aria-live': 'polite', id: 'gr-msg' });
  const out = h('div', { id: 'gr-out' }, f.region ? loading() : alertBox('info', t('gr.pickRegion')));
  const lapseBtn = WRITERS.includes(role)
    ? h(
        'button',
        {
          type: 'button',
          class: 'btn',
          id: 'gr-lapse',
          onclick: async () => {
            const d = today();
            const ok = await askDialog({ title: t('gr.lapseRun'), consequence: t('gr.lapseAsk', { d }), okText: t('gr.lapseRun'), className: 'gr-dialog' });
            if (!ok) return;
            try {
              const r = await post('grading/lapse', { day: d });
              replace(msg, alertBox('ok', t('gr.lapseDone', { n: r.recorded })));
              apply({});
            } catch (e) {
              replace(msg, errorBox(e));
            }
          },
        },
        t('gr.lapseRun'),
      )
    : null;
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('gr.title')), lapseBtn),
    h('p', { class: 'muted' }, t('gr.lead')),
    msg,
    h(
      'form',
      {
        class: 'card filters',
        onsubmit: (e) => {
          e.preventDefault();
          apply({ as_of: day.value && day.value !== today() ? day.value : undefined });
        },
      },
      picker ? field({ label: t('gr.region'), input: picker.select, control: picker.el }) : null,
      field({ label: t('gr.asOf'), input: day }),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn', id: 'gr-show' }, t('gr.show'))),
    ),
    out,
  );
  if (!f.region) return;
  let data;
  try {
    data = await get('grading', { region: f.region, as_of: f.as_of || undefined });
  } catch (e) {
    if (isCurrent()) replace(out, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  const summary = h(
    'section',
    { class: 'card', id: 'gr-summary' },
    h('h2', { class: 'card-title' }, `${t('gr.graded')}（${data.as_of}）`),
    h('p', { class: 'big-figure', id: 'gr-share' }, shareText(data.graded_elderly)),
    h('p', { id: 'gr-stars' }, `${t('gr.stars')}：${fmtNum(data.star_rated_childcare.count)} ${t('gr.unitJia')}`),
  );
  const schemes = h(
    'section',
    { class: 'card card-flush' },
    h('h2', { class: 'card-title card-pad' }, t('gr.schemes')),
    table(
      'gr-schemes',
      [t('gr.scheme'), t('gr.count'), t('gr.level')],
      data.schemes.map((s) => h('tr', { 'data-scheme': s.code }, h('td', { class: 'cell-name' }, s.name), h('td', { class: 'num' }, fmtNum(s.count)), h('td', null, s.levels.map((l) => `${l.name} ${fmtNum(l.count)}`).join(' · ')))),
    ),
  );
  const rcols = [t('gr.facility'), t('gr.kind'), t('gr.scheme'), t('gr.level'), t('gr.ratedOn'), t('gr.validUntil'), t('gr.renewalFrom')];
  const lcols = [...rcols.slice(0, 6), t('gr.lapsedOn')];
  const section = (id, title, body) => h('section', { class: 'card card-flush', id }, h('h2', { class: 'card-title card-pad' }, title), body);
  replace(
    out,
    summary,
    schemes,
    section('gr-ratings-card', `${t('gr.ratings')}（${data.ratings.length}）`, table('gr-ratings', rcols, ratingRows(data.ratings, false))),
    section('gr-expiring-card', `${t('gr.expiring')}（${data.expiring.length}）`, table('gr-expiring', rcols, ratingRows(data.expiring, false))),
    section('gr-lapsed-card', `${t('gr.lapsed')}（${data.lapsed.length}）`, table('gr-lapsed', lcols, ratingRows(data.lapsed, true))),
    section(
      'gr-due-card',
      `${t('gr.annualDue')}（${data.annual_due.length}）`,
      table(
        'gr-due',
        [t('gr.facility'), t('gr.kind'), t('gr.scheme'), t('gr.year')],
        data.annual_due.map((d) => h('tr', null, facilityCell(d), h('td', null, d.kind_label), h('td', null, d.scheme_name), h('td', null, d.year))),
      ),
    ),
  );
}
