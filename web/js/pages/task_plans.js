// 任务分工: the plans of the user's region → a plan's tasks (number, text,
// lead and participating departments, deadline, targets) with the counts
// per department → a department's tasks by role; the import form shows
// the errors by row and column.
import { askDialog } from '../ui/dialog.js';
import { h, replace } from '../dom.js';
import { t, fmtNum } from '../i18n.js';
import { get, api } from '../api.js';
import { href } from '../router.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox, field, busy, emptyRow, labelCells } from '../ui/common.js';

const WRITERS = ['admin', 'city_official', 'county_official', 'dept_official'];
const ROLE_KEY = { lead: 'task.leadDept', participate: 'task.participate', joint: 'task.joint', local: 'task.local' };

const names = (list) => (list || []).map((d) => d.name).join('、') || t('common.dash');

function table(id, cols, rows, empty) {
  return h(
    'div',
    { class: 'table-wrap' },
    labelCells(
      h(
        'table',
        { class: 'data stack-on-phone', id },
        h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', null, rows.length ? rows : emptyRow(cols.length, empty)),
      ),
    ),
  );
}

function deadlineText(x) {
  if (x.deadline_on) return x.deadline_on;
  return x.deadline_year ? t('task.year', { y: x.deadline_year }) : t('common.dash');
}

function targetText(g) {
  const cmp = { '>=': '≥', '<=': '≤', '=': '=', '>': '>', '<': '<' }[g.comparator] || '';
  const v = g.value !== null && g.value !== undefined ? `${cmp}${g.value}${g.unit}` : `${t('task.indicatorTarget')}（${g.unit}）`;
  return `${g.label} ${v}${g.year ? `（${g.year}）` : ''}`;
}

async function plansPage(main, isCurrent) {
  const out = h('div', { id: 'task-plans' }, loading());
  replace(main, h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('task.title'))), h('p', { class: 'muted' }, t('task.lead')), out);
  let data;
  try {
    data = await get('plans');
  } catch (e) {
    if (isCurrent()) replace(out, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  const rows = data.items.map((p) => h('tr', null, h('td', null, h('a', { href: href(`tasks/plan/${p.id}`) }, p.title)), h('td', null, p.number || t('common.dash')), h('td', null, p.issued_on || t('common.dash'))));
  replace(out, h('section', { class: 'card card-flush' }, h('h2', { class: 'card-title card-pad' }, t('task.plans')), table('task-plan-list', [t('task.plan'), t('task.docNumber'), t('task.issuedOn')], rows, t('task.noPlans'))));
}

function importForm(planId, onDone) {
  const file = h('input', { type: 'file', accept: '.csv,text/csv', id: 'task-file' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'task-import-btn' }, t('task.importBtn'));
  const result = h('div', { id: 'task-import-result', 'aria-live': 'polite' });
  return h(
    'form',
    {
      class: 'card',
      id: 'task-import',
      onsubmit: async (e) => {
        e.preventDefault();
        const f = file.files[0];
        if (!f) return;
        if ((await askDialog({ consequence: t('task.importConfirm', { f: f.name }), okText: t('task.importBtn') })) === null) return;
        try {
          const out = await busy(btn, t('common.loading'), () => api('POST', `plans/${planId}/tasks/import`, { raw: f, contentType: 'text/csv' }));
          replace(result, alertBox('ok', t('task.imported', { n: fmtNum(out.imported) })), out.new_departments.length ? h('p', null, t('task.newDepts', { d: out.new_departments.join('、') })) : null);
          onDone();
        } catch (err) {
          const rows = (err.errors || []).map((x) => h('tr', null, h('td', { class: 'num' }, String(x.row)), h('td', null, x.column), h('td', null, x.message)));
          replace(result, errorBox(err), rows.length ? h('div', null, h('p', null, t('task.importFailed')), table('task-import-errors', [t('task.row'), t('task.column'), t('task.message')], rows, '')) : null);
        }
      },
    },
    h('h2', { class: 'card-title' }, t('task.import')),
    h('p', { class: 'muted' }, t('task.importHint')),
    field({ label: t('task.import'), input: file }),
    h('div', { class: 'form-actions' }, btn),
    result,
  );
}

async function planPage(main, id, isCurrent) {
  const out = h('div', { id: 'task-plan' }, loading());
  const form = WRITERS.includes(state.user.role) ? importForm(id, () => show()) : null;
  replace(main, h('p', null, h('a', { href: href('tasks') }, t('task.back'))), out, form);
  async function show() {
    let tasks, counts;
    try {
      [tasks, counts] = await Promise.all([get(`plans/${id}/tasks`), get(`plans/${id}/departments`)]);
    } catch (e) {
      if (isCurrent()) replace(out, errorBox(e));
      return;
    }
    if (!isCurrent()) return;
    const rows = tasks.items.map((x) =>
      h(
        'tr',
        null,
        h('td', { class: 'num' }, x.number),
        h('td', { class: 'cell-text' }, x.section ? h('div', { class: 'muted' }, x.section) : null, x.text),
        h('td', null, names(x.departments.lead.length ? x.departments.lead : x.departments.joint)),
        h('td', null, names(x.departments.participate)),
        h('td', null, deadlineText(x)),
        h('td', null, x.targets.length ? x.targets.map((g) => h('div', null, targetText(g))) : t('common.dash')),
      ),
    );
    const crows = counts.items.map((c) => h('tr', null, h('td', null, h('a', { href: href(`tasks/dept/${c.id}`) }, c.name)), h('td', { class: 'num' }, fmtNum(c.lead)), h('td', { class: 'num' }, fmtNum(c.sole_lead)), h('td', { class: 'num' }, fmtNum(c.participate)), h('td', { class: 'num' }, fmtNum(c.joint)), h('td', { class: 'num' }, fmtNum(c.total))));
    replace(
      out,
      h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, tasks.plan.title), h('a', { class: 'btn', href: `/api/v1/plans/${id}/tasks.csv`, download: '' }, t('task.export'))),
      tasks.plan.number ? h('p', { class: 'muted' }, `${tasks.plan.number}${tasks.plan.issued_on ? ` · ${tasks.plan.issued_on}` : ''}`) : null,
      h('section', { class: 'card card-flush' }, h('h2', { class: 'card-title card-pad' }, t('task.count', { n: fmtNum(tasks.items.length) })), table('task-list', [t('task.number'), t('task.text'), t('task.leadDept'), t('task.participate'), t('task.deadline'), t('task.targets')], rows, t('common.none'))),
      h('section', { class: 'card card-flush' }, h('h2', { class: 'card-title card-pad' }, t('task.byDept')), table('task-dept-counts', [t('task.dept'), t('task.leadDept'), t('task.soleLead'), t('task.participate'), t('task.joint'), t('task.total')], crows, t('common.none'))),
    );
  }
  await show();
}

async function deptPage(main, id, isCurrent) {
  const out = h('div', { id: 'task-dept' }, loading());
  replace(main, h('p', null, h('a', { href: href('tasks') }, t('task.back'))), out);
  let data;
  try {
    data = await get(`departments/${id}/tasks`);
  } catch (e) {
    if (isCurrent()) replace(out, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  const rows = data.items.map((x) => h('tr', null, h('td', null, t(ROLE_KEY[x.role] || 'common.dash')), h('td', null, h('a', { href: href(`tasks/plan/${x.plan_id}`) }, x.plan_title)), h('td', { class: 'num' }, x.number), h('td', { class: 'cell-text' }, x.text)));
  replace(out, h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('task.deptTasks', { d: data.department.name }))), h('section', { class: 'card card-flush' }, table('task-dept-list', [t('task.role'), t('task.plan'), t('task.number'), t('task.text')], rows, t('common.none'))));
}

export async function render(main, { params, isCurrent }) {
  if (params && params.plan) return planPage(main, params.plan, isCurrent);
  if (params && params.dept) return deptPage(main, params.dept, isCurrent);
  return plansPage(main, isCurrent);
}
