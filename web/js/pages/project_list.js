// 重大项目: a region's major projects with their light and latest stage,
// totals of investment (万元 as the server wrote it, exact: never summed
// here) and new beds; and one project's page with its milestones, set in
// an in-page dialog, and the put-into-use dialog stating what it adds to
// the registry and from which day.
import { h, replace, today } from '../dom.js';
import { t, fmtNum } from '../i18n.js';
import { get, post } from '../api.js';
import { go, href } from '../router.js';
import { state } from '../state.js';
import { askDialog } from '../ui/dialog.js';
import { loading, errorBox, alertBox, field, emptyRow, labelCells } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';

const WRITERS = ['admin', 'city_official', 'county_official', 'dept_official'];
const LIGHT_CLASS = { green: 'st-met', yellow: 'st-behind', red: 'st-missed' };

function lightTag(p) {
  const late = p.late_stage ? (p.milestones || []).find((m) => m.stage === p.late_stage) : null;
  return h(
    'span',
    { class: `status ${LIGHT_CLASS[p.light] || 'st-no_data'} pj-light`, dataset: { light: p.light } },
    t(`pj.${p.light || 'green'}`),
    late ? `（${t('pj.late', { s: late.name })}）` : '',
  );
}

function schedule(p) {
  if (p.start_year && p.end_year && p.start_year !== p.end_year) return `${p.start_year}—${p.end_year}`;
  if (p.start_year) return String(p.start_year);
  if (p.duration_years) return t('pj.years', { n: p.duration_years });
  return t('common.dash');
}

function lastStage(p) {
  const done = (p.milestones || []).filter((m) => m.actual_on);
  return done.length ? `${done[done.length - 1].name} ${done[done.length - 1].actual_on}` : t('common.dash');
}

const wan = (s) => (s === null || s === undefined ? t('common.dash') : s);

async function renderList(main, query, isCurrent) {
  const f = { region: query.region || '' };
  const picker = regionPicker({ value: f.region || state.user.region || '', allowAll: !state.user.region, allLabel: t('common.all'), onChange: (code) => go('projects', { region: code || undefined }) });
  const out = h('div', { id: 'pj-out' }, loading());
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('pj.title'))),
    h('p', { class: 'muted' }, t('pj.lead')),
    h('div', { class: 'card filters' }, field({ label: t('pj.region'), input: picker.select, control: picker.el })),
    out,
  );
  let data;
  try {
    data = await get('projects', { region: f.region || undefined });
  } catch (e) {
    if (isCurrent()) replace(out, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  const tot = data.totals;
  const totals = h(
    'section',
    { class: 'card', id: 'pj-totals' },
    h('p', null, `${t('pj.count')} `, h('strong', { id: 'pj-count' }, fmtNum(tot.count)), ` · ${t('pj.investment')} `, h('strong', { id: 'pj-investment' }, tot.investment_wan), ` · ${t('pj.beds')} `, h('strong', { id: 'pj-beds' }, fmtNum(tot.beds)), ` · ${t('pj.slots')} `, h('strong', null, fmtNum(tot.slots))),
  );
  const cols = ['pj.name', 'pj.type', 'pj.place', 'pj.schedule', 'pj.investment', 'pj.beds', 'pj.light', 'pj.stage'];
  const rows = data.projects.map((p) =>
    h(
      'tr',
      { dataset: { id: String(p.id) } },
      h('td', { class: 'cell-name' }, h('a', { href: href(`projects/${p.id}`) }, p.name)),
      h('td', null, p.type_name || p.type),
      h('td', null, p.place || t('common.dash')),
      h('td', { class: 'nowrap' }, schedule(p)),
      h('td', { class: 'num' }, wan(p.investment_wan)),
      h('td', { class: 'num' }, fmtNum(p.beds)),
      h('td', null, lightTag(p)),
      h('td', { class: 'small' }, p.in_use_on ? `${t('pj.done')} ${p.in_use_on}` : lastStage(p)),
    ),
  );
  const tbl = h(
    'table',
    { class: 'data stack-on-phone', id: 'pj-list' },
    h('thead', null, h('tr', null, cols.map((k, i) => h('th', { scope: 'col', class: i === 4 || i === 5 ? 'num' : null }, t(k))))),
    h('tbody', null, rows.length ? rows : emptyRow(cols.length, t('pj.none'))),
  );
  replace(out, totals, h('section', { class: 'card card-flush' }, h('div', { class: 'table-wrap' }, labelCells(tbl))));
}

async function setMilestone(p, rerender) {
  const stages = p.milestones.filter((m) => m.stage !== 'in_use');
  const v = await askDialog({
    title: t('pj.setMilestone'),
    consequence: t('pj.milestoneAsk'),
    okText: t('pj.setMilestone'),
    className: 'pj-milestone-dialog',
    fields: [
      { label: t('pj.milestones'), options: stages.map((m) => [m.stage, m.name]), value: stages[0].stage },
      { label: t('pj.planned'), type: 'date' },
      { label: t('pj.actual'), type: 'date' },
      { label: t('pj.note') },
    ],
  });
  if (!v) return;
  const old = p.milestones.find((m) => m.stage === v[0]) || {};
  await post(`projects/${p.id}/milestones`, { stage: v[0], planned_on: v[1] || old.planned_on || '', actual_on: v[2] || old.actual_on || '', note: v[3] });
  rerender(t('pj.saved'));
}

async function putInUse(p, rerender) {
  const day = today();
  const v = await askDialog({
    title: t('pj.putInUse'),
    consequence: t('pj.inUseAsk', { b: fmtNum(p.beds), s: fmtNum(p.slots), d: day }),
    okText: t('pj.putInUse'),
    className: 'pj-inuse-dialog',
    fields: [
      { label: t('pj.inUseDay'), type: 'date', value: day, required: true },
      { label: t('pj.facilityId'), inputmode: 'numeric' },
      { label: t('pj.facilityName'), value: p.name },
      { label: t('pj.facilityKind'), options: [['elderly_institution', t('pj.kindElderly')], ['community_complex', t('pj.kindCommunity')], ['childcare_institution', t('pj.kindChildcare')]], value: 'elderly_institution' },
    ],
  });
  if (!v) return;
  const body = { on: v[0] };
  if (/^\d+$/.test(v[1])) body.facility_id = Number(v[1]);
  else body.facility = { name: v[2], kind: v[3] };
  await post(`projects/${p.id}/in-use`, body);
  rerender(t('pj.saved'));
}

async function renderOne(main, id, isCurrent, flash) {
  replace(main, loading());
  let p;
  try {
    p = await get(`projects/${id}`);
  } catch (e) {
    if (isCurrent()) replace(main, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  const rerender = (msg) => renderOne(main, id, isCurrent, msg);
  const may = WRITERS.includes(state.user.role);
  const err = h('div', { id: 'pj-error' });
  const guard = (fn) => async () => {
    try {
      await fn(p, rerender);
    } catch (e) {
      replace(err, errorBox(e));
    }
  };
  const facts = [
    ['pj.type', p.type_name || p.type],
    ['pj.place', p.place || t('common.dash')],
    ['pj.schedule', schedule(p)],
    ['pj.investment', wan(p.investment_wan)],
    ['pj.beds', fmtNum(p.beds)],
    ['pj.slots', fmtNum(p.slots)],
    ['pj.floorArea', p.floor_area || t('common.dash')],
    ['pj.implementer', p.implementer || t('common.dash')],
    ['pj.content', p.content || t('common.dash')],
    ['pj.inUse', p.in_use_on || t('pj.notInUse')],
  ];
  const ms = h(
    'table',
    { class: 'data stack-on-phone', id: 'pj-milestones' },
    h('thead', null, h('tr', null, ['pj.milestones', 'pj.planned', 'pj.actual', 'pj.note'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', null, p.milestones.map((m) => h('tr', { dataset: { stage: m.stage } }, h('td', { class: 'cell-name' }, m.name), h('td', null, m.planned_on || t('common.dash')), h('td', null, m.actual_on || t('common.dash')), h('td', null, m.note || '')))),
  );
  replace(
    main,
    h('p', null, h('a', { href: href('projects') }, t('pj.back'))),
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title', id: 'pj-name' }, p.name), lightTag(p)),
    flash ? alertBox('success', flash) : null,
    err,
    h('section', { class: 'card card-flush' }, h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'pj-facts' }, h('tbody', null, facts.map(([k, v]) => h('tr', null, h('th', { scope: 'row', class: 'nowrap' }, t(k)), h('td', null, v))))))),
    h(
      'section',
      { class: 'card card-flush' },
      h('h2', { class: 'card-title card-pad' }, t('pj.milestones')),
      h('div', { class: 'table-wrap' }, labelCells(ms)),
      may
        ? h(
            'div',
            { class: 'form-actions card-pad' },
            h('button', { type: 'button', class: 'btn', id: 'pj-set-milestone', onclick: guard(setMilestone) }, t('pj.setMilestone')),
            p.in_use_on ? null : h('button', { type: 'button', class: 'btn btn-primary', id: 'pj-in-use', onclick: guard(putInUse) }, t('pj.putInUse')),
          )
        : null,
    ),
  );
}

export async function render(main, { query, params, isCurrent }) {
  if (params && params.id) return renderOne(main, params.id, isCurrent);
  return renderList(main, query, isCurrent);
}
