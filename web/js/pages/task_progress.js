// 任务进展 (#/progress): each task of the plans in scope with its traffic
// light and why, filtered by plan and department; the departments' league
// table; this month's reminders. Everything is read from the server; the
// figures are the server's exact text.
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { get } from '../api.js';
import { go } from '../router.js';
import { loading, errorBox, field, selectEl, emptyRow, labelCells } from '../ui/common.js';

function table(id, cols, rows, empty) {
  return h('div', { class: 'table-wrap' }, labelCells(h('table', { class: 'data stack-on-phone', id }, h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col' }, c)))), h('tbody', null, rows.length ? rows : emptyRow(cols.length, empty)))));
}

const TAG = { green: 'tag-open', yellow: 'tag-zone', red: 'tag-warn' };

function lightTag(l) {
  return h('span', { class: ['tag', TAG[l.colour] || ''], 'data-light': l.colour }, l.colour_zh);
}

export async function render(main, { query }) {
  const f = { plan: query.plan || '', department: query.department || '' };
  const apply = (changes) => go('progress', { ...f, ...changes });
  const out = h('div', { id: 'tp-out' }, loading());
  const filters = h('div', { class: 'filters', id: 'tp-filters' });
  replace(main, h('h1', null, t('tp.title')), h('p', { class: 'muted' }, t('tp.lead')), filters, out);
  const q = {};
  if (f.plan) q.plan = f.plan;
  if (f.department) q.department = f.department;
  try {
    const [all, data, league, rem] = await Promise.all([get('progress'), get('progress', q), get('progress/league', f.plan ? { plan: f.plan } : {}), get('progress/reminders', f.plan ? { plan: f.plan } : {})]);
    const plans = new Map();
    const depts = new Map();
    for (const x of all.items) {
      plans.set(String(x.plan_id), x.plan);
      for (const d of x.departments) depts.set(String(d.id), d.name);
    }
    replace(
      filters,
      field({ label: t('tp.plan'), input: selectEl([['', t('tp.all')], ...plans], f.plan, { id: 'tp-plan', onchange: (e) => apply({ plan: e.target.value || undefined }) }) }),
      field({ label: t('tp.department'), input: selectEl([['', t('tp.all')], ...depts], f.department, { id: 'tp-dept', onchange: (e) => apply({ department: e.target.value || undefined }) }) }),
    );
    const rows = data.items.map((x) => {
      const lead = x.departments.find((d) => d.role === 'lead');
      return h(
        'tr',
        { 'data-task': String(x.id) },
        h('td', null, x.number),
        h('td', { class: 'cell-name' }, x.text),
        h('td', null, lead ? lead.name : ''),
        h('td', null, x.light.deadline_on || t('tp.longTerm')),
        h('td', null, lightTag(x.light)),
        h('td', null, x.light.why),
      );
    });
    const lrows = league.items.map((r) =>
      h('tr', { 'data-dept': String(r.department_id) }, h('td', { class: 'num' }, String(r.rank)), h('td', { class: 'cell-name' }, r.department), h('td', { class: 'num' }, String(r.tasks_led)), h('td', { class: 'num' }, String(r.green)), h('td', { class: 'num' }, String(r.yellow)), h('td', { class: ['num', r.red ? 'is-flagged' : ''] }, String(r.red)), h('td', { class: 'num' }, r.on_time_share === null ? '—' : `${r.on_time_share}%`)),
    );
    const reminders = [
      ...rem.overdue.map((x) => h('li', null, t('tp.overdue', { n: x.number, t: x.text }))),
      ...rem.missing.map((m) => h('li', null, t('tp.missing', { d: m.department, n: m.task_number, p: m.period, due: m.due_on }), m.late ? h('span', { class: 'tag tag-warn' }, t('tp.lateTag')) : null)),
    ];
    replace(
      out,
      h('p', { id: 'tp-counts' }, t('tp.counts', { g: data.counts.green, y: data.counts.yellow, r: data.counts.red })),
      table('tp-table', [t('tp.number'), t('tp.task'), t('tp.leadDept'), t('tp.deadline'), t('tp.light'), t('tp.why')], rows, t('tp.none')),
      h('h2', null, t('tp.league')),
      table('tp-league', [t('tp.rank'), t('tp.department'), t('tp.led'), t('tp.green'), t('tp.yellow'), t('tp.red'), t('tp.onTime')], lrows, t('tp.none')),
      h('p', { class: 'muted' }, h('small', null, t('tp.onTimeNote'))),
      h('h2', null, t('tp.reminders')),
      reminders.length ? h('ul', { id: 'tp-reminders' }, reminders) : h('p', { class: 'muted' }, t('tp.noReminders')),
    );
  } catch (e) {
    replace(out, errorBox(e, () => render(main, { query })));
  }
}
