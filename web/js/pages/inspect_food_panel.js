// The food-safety section of a facility's page: the grade in force, the
// history (a grade is never changed: a new one has its own date), and for
// officials a form whose in-page dialog states what recording does.
import { askDialog } from '../ui/dialog.js';
import { h, replace, today } from '../dom.js';
import { t } from '../i18n.js';
import { get, post } from '../api.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox, field, selectEl, emptyRow, labelCells } from '../ui/common.js';

const GRADERS = ['admin', 'city_official', 'county_official', 'dept_official'];
const GRADES = [['A', '优秀'], ['B', '良好'], ['C', '一般']];

export const gradeText = (g) => (g ? `${g.grade}（${g.grade_name}）` : t('if.none'));

export function foodPanel(f) {
  const body = h('div', { id: 'if-panel' }, loading());
  const msg = h('div', { 'aria-live': 'polite', id: 'if-msg' });
  const load = async () => {
    let data;
    try {
      data = await get(`facilities/${f.id}/food-grades`);
    } catch (e) {
      replace(body, errorBox(e));
      return;
    }
    const cols = [t('if.grade'), t('if.gradedOn'), t('if.note')];
    const tbl = h(
      'table',
      { class: 'data stack-on-phone', id: 'if-history' },
      h('thead', null, h('tr', null, cols.map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', null, data.items.length ? data.items.map((g) => h('tr', { 'data-grade': String(g.id) }, h('td', null, gradeText(g)), h('td', null, g.graded_on), h('td', null, g.note || t('common.dash')))) : emptyRow(cols.length, t('if.none'))),
    );
    replace(
      body,
      h('p', { id: 'if-current' }, h('strong', null, `${t('if.current')}：`), gradeText(data.current), data.current ? ` · ${data.current.graded_on}` : ''),
      h('h3', null, t('if.history')),
      h('div', { class: 'table-wrap' }, labelCells(tbl)),
    );
  };
  load();
  const form = GRADERS.includes(state.user.role) ? gradeForm(f, msg, load) : null;
  return h('section', { class: 'card', id: 'if-section' }, h('h2', { class: 'card-title' }, t('if.panel')), msg, form, body);
}

function gradeForm(f, msg, reload) {
  const grade = selectEl(GRADES.map(([c, n]) => [c, `${c}（${n}）`]), 'B', { id: 'if-grade' });
  const on = h('input', { type: 'date', id: 'if-on', value: today(), max: today() });
  const note = h('input', { type: 'text', id: 'if-note', maxlength: 500 });
  return h(
    'form',
    {
      class: 'if-form',
      onsubmit: async (e) => {
        e.preventDefault();
        const ok = await askDialog({ title: t('if.add'), consequence: t('if.ask', { g: grade.selectedOptions[0].textContent, d: on.value }), okText: t('if.save'), className: 'if-dialog' });
        if (!ok) return;
        try {
          await post(`facilities/${f.id}/food-grades`, { grade: grade.value, graded_on: on.value, note: note.value });
          replace(msg, alertBox('ok', t('if.saved')));
          note.value = '';
          reload();
        } catch (err) {
          replace(msg, errorBox(err));
        }
      },
    },
    h('div', { class: 'filters' }, field({ label: t('if.grade'), input: grade }), field({ label: t('if.gradedOn'), input: on }), field({ label: t('if.note'), input: note })),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'if-save' }, t('if.add'))),
  );
}
