// 食品安全等级: each open facility's canteen grade in force on a day and the
// share at B or better (numerator and denominator shown), whole and by
// child region. An operator sees its own facilities.
import { h, replace, today } from '../dom.js';
import { t, fmtNum } from '../i18n.js';
import { get } from '../api.js';
import { go, href } from '../router.js';
import { state } from '../state.js';
import { loading, errorBox, field, emptyRow, labelCells } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';
import { gradeText } from './inspect_food_panel.js';

const isDay = (s) => /^\d{4}-\d{2}-\d{2}$/.test(s || '');

export const shareText = (s) => (s && s.percent !== null ? `${s.percent}%（${s.numerator}/${s.denominator}）` : t('common.dash'));

export async function render(main, { query, isCurrent }) {
  const role = state.user.role;
  const f = { region: query.region || '', as_of: isDay(query.as_of) ? query.as_of : '' };
  const apply = (changes) => go('inspect/food', { ...f, ...changes });
  const picker = role === 'operator' ? null : regionPicker({ value: f.region || state.user.region || '', allowAll: !state.user.region, allLabel: t('common.all'), onChange: (code) => apply({ region: code || undefined }) });
  const day = h('input', { type: 'date', id: 'if-date', value: f.as_of || today() });
  const out = h('div', { id: 'if-out' }, loading());
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('if.title'))),
    h('p', { class: 'muted' }, t('if.lead')),
    h(
      'form',
      {
        class: 'card filters',
        onsubmit: (e) => {
          e.preventDefault();
          apply({ as_of: day.value && day.value !== today() ? day.value : undefined });
        },
      },
      picker ? field({ label: t('if.region'), input: picker.select, control: picker.el }) : null,
      field({ label: t('if.asOf'), input: day }),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn', id: 'if-show' }, t('if.show'))),
    ),
    out,
  );
  let data;
  try {
    data = await get('inspect/food', { region: f.region || undefined, as_of: f.as_of || undefined });
  } catch (e) {
    if (isCurrent()) replace(out, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  const summary = h(
    'section',
    { class: 'card', id: 'if-summary' },
    h('h2', { class: 'card-title' }, `${t('if.share')}（${data.as_of}）`),
    h('p', { class: 'big-figure', id: 'if-share' }, shareText(data.share)),
    h('p', { class: 'muted' }, `${t('if.facilities')} ${fmtNum(data.facilities)} · ${t('if.graded')} ${fmtNum(data.graded)} · ${t('if.good')} ${fmtNum(data.good)}`),
  );
  const rcols = [t('if.region'), t('if.facilities'), t('if.graded'), t('if.good'), t('if.share')];
  const byRegion = data.by_region.length
    ? h(
        'section',
        { class: 'card card-flush' },
        h('h2', { class: 'card-title card-pad' }, t('if.byRegion')),
        h(
          'div',
          { class: 'table-wrap' },
          labelCells(
            h(
              'table',
              { class: 'data stack-on-phone', id: 'if-regions' },
              h('thead', null, h('tr', null, rcols.map((x, i) => h('th', { scope: 'col', class: i ? 'num' : null }, x)))),
              h('tbody', null, data.by_region.map((r) => h('tr', null, h('td', { class: 'cell-name' }, r.region_name), h('td', { class: 'num' }, fmtNum(r.facilities)), h('td', { class: 'num' }, fmtNum(r.graded)), h('td', { class: 'num' }, fmtNum(r.good)), h('td', { class: 'num' }, shareText(r.share))))),
            ),
          ),
        ),
      )
    : null;
  const cols = [t('if.facility'), t('if.kind'), t('if.region'), t('if.grade'), t('if.gradedOn')];
  const list = h(
    'table',
    { class: 'data stack-on-phone', id: 'if-table' },
    h('thead', null, h('tr', null, cols.map((x) => h('th', { scope: 'col' }, x)))),
    h(
      'tbody',
      null,
      data.items.length
        ? data.items.map((it) => h('tr', { 'data-facility': String(it.facility_id) }, h('td', { class: 'cell-name' }, h('a', { href: href(`facilities/${it.facility_id}`) }, it.name)), h('td', null, it.kind_label), h('td', null, it.region_name || t('common.dash')), h('td', null, gradeText(it.current)), h('td', null, it.current ? it.current.graded_on : t('common.dash'))))
        : emptyRow(cols.length, t('if.noFacilities')),
    ),
  );
  replace(out, summary, byRegion, h('section', { class: 'card card-flush' }, h('div', { class: 'table-wrap' }, labelCells(list))));
}
