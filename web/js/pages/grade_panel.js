// The grading section of a facility's page: its assessments (the latest
// first, with outcome and reason), and for officials a form with one score
// per section of the chosen scheme, the total shown as typed (summed in
// tenths of a point, never in floating point), and an in-page dialog that
// states what submitting does before the server decides the outcome.
import { askDialog } from '../ui/dialog.js';
import { h, replace, today } from '../dom.js';
import { t } from '../i18n.js';
import { get, post } from '../api.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox, field, selectEl, emptyRow, labelCells } from '../ui/common.js';

const WRITERS = ['admin', 'city_official', 'county_official', 'dept_official'];
const RATED = ['elderly_institution', 'childcare_institution'];

// "85.5" → 855 tenths, or null when not a score of 0..max with at most one
// decimal place
export function tenths(text, max) {
  const m = /^(\d{1,6})(?:\.(\d))?$/.exec((text || '').trim());
  if (!m) return null;
  const v = Number(m[1]) * 10 + (m[2] ? Number(m[2]) : 0);
  return v > max * 10 ? null : v;
}

const tenthsText = (v) => (v % 10 ? `${Math.floor(v / 10)}.${v % 10}` : `${v / 10}`);

function history(items) {
  const cols = [t('gr.ratedOn'), t('gr.scheme'), t('gr.kindLabel'), t('gr.total'), t('gr.outcome'), t('gr.validUntil'), t('gr.reason')];
  return h(
    'div',
    { class: 'table-wrap' },
    labelCells(
      h(
        'table',
        { class: 'data stack-on-phone', id: 'gr-history' },
        h('thead', null, h('tr', null, cols.map((x) => h('th', { scope: 'col' }, x)))),
        h(
          'tbody',
          null,
          items.length
            ? items.map((a) => h('tr', { 'data-assessment': String(a.id) }, h('td', null, a.assessed_on), h('td', null, a.scheme_name), h('td', null, a.kind_label), h('td', { class: 'num' }, a.total), h('td', null, `${a.outcome_label}${a.level ? ` ${a.level_name}` : ''}`), h('td', null, a.valid_until || t('common.dash')), h('td', null, a.reason || t('common.dash'))))
            : emptyRow(cols.length, t('gr.none2')),
        ),
      ),
    ),
  );
}

export function gradePanel(f) {
  if (!RATED.includes(f.kind)) return null;
  const body = h('div', { id: 'gr-panel' }, loading());
  const msg = h('div', { 'aria-live': 'polite', id: 'gr-panel-msg' });
  const formBox = h('div', { id: 'gr-form-box' });
  const load = async () => {
    try {
      const data = await get(`facilities/${f.id}/assessments`);
      replace(body, h('h3', null, t('gr.history')), history(data.items));
    } catch (e) {
      replace(body, errorBox(e));
    }
  };
  load();
  if (WRITERS.includes(state.user.role)) {
    get('grading/schemes', { region: f.region })
      .then((d) => {
        const mine = d.schemes.filter((s) => s.kinds.some((k) => k.code === f.kind));
        if (mine.length) replace(formBox, assessForm(f, mine, msg, load));
      })
      .catch((e) => replace(formBox, errorBox(e)));
  }
  return h('section', { class: 'card', id: 'gr-section', style: { gridColumn: '1 / -1' } }, h('h2', { class: 'card-title' }, t('gr.panel')), msg, formBox, body);
}

function assessForm(f, schemes, msg, reload) {
  const scheme = selectEl(schemes.map((s) => [s.code, s.name]), schemes[0].code, { id: 'gr-scheme' });
  const kind = selectEl([['rating', t('gr.kindRating')], ['annual', t('gr.kindAnnual')]], 'rating', { id: 'gr-kind' });
  const on = h('input', { type: 'date', id: 'gr-on', value: today(), max: today() });
  const evaluator = h('input', { type: 'text', id: 'gr-evaluator', maxlength: 200 });
  const applied = h('select', { id: 'gr-applied' });
  const scoreBox = h('div', { class: 'filters', id: 'gr-scores' });
  const typed = h('p', { id: 'gr-typed', 'aria-live': 'polite' });
  let inputs = [];
  const current = () => schemes.find((s) => s.code === scheme.value);
  const sum = () => {
    const s = current();
    let total = 0;
    let ok = true;
    inputs.forEach(([sec, input, err]) => {
      const v = input.value === '' ? 0 : tenths(input.value, sec.max);
      replace(err, v === null ? t('gr.badScore') : '');
      input.setAttribute('aria-invalid', v === null ? 'true' : 'false');
      if (v === null) ok = false;
      else total += v;
    });
    replace(typed, t('gr.typed', { t: tenthsText(total), m: s.total }));
    return ok ? total : null;
  };
  const build = () => {
    const s = current();
    replace(applied, h('option', { value: '' }, t('gr.appliedAny')), s.levels.map((l) => h('option', { value: String(l.level) }, l.name)));
    inputs = s.sections.map((sec) => {
      const input = h('input', { type: 'text', inputmode: 'decimal', id: `gr-score-${sec.code}`, 'data-section': sec.code, placeholder: `0–${sec.max}`, oninput: sum });
      const err = h('span', { class: 'field-error' });
      return [sec, input, err];
    });
    replace(scoreBox, inputs.map(([sec, input, err]) => field({ label: `${sec.name}（${t('gr.max', { m: sec.max })}）`, input, control: h('div', null, input, err) })));
    sum();
  };
  scheme.addEventListener('change', build);
  build();
  return h(
    'form',
    {
      class: 'gr-form',
      onsubmit: async (e) => {
        e.preventDefault();
        const total = sum();
        if (total === null || inputs.some(([, input]) => input.value === '')) {
          replace(msg, alertBox('error', t('gr.badScore')));
          return;
        }
        const s = current();
        const ok = await askDialog({ title: t('gr.form'), consequence: t('gr.ask', { s: s.name, k: kind.selectedOptions[0].textContent, d: on.value, t: tenthsText(total) }), okText: t('gr.submit'), className: 'gr-dialog' });
        if (!ok) return;
        const scores = {};
        inputs.forEach(([sec, input]) => {
          scores[sec.code] = input.value.trim();
        });
        try {
          const r = await post(`facilities/${f.id}/assessments`, { scheme: s.code, kind: kind.value, assessed_on: on.value, applied_level: applied.value ? Number(applied.value) : null, evaluator: evaluator.value, scores });
          const what = `${r.outcome_label}${r.level ? ` ${r.level_name}` : ''}（${t('gr.total')} ${r.total}）${r.valid_until ? ` · ${t('gr.validUntil')} ${r.valid_until}` : ''}${r.reason ? ` · ${r.reason}` : ''}`;
          replace(msg, alertBox(r.outcome === 'refused' ? 'error' : 'ok', what));
          reload();
        } catch (err) {
          replace(msg, errorBox(err));
        }
      },
    },
    h('h3', null, t('gr.form')),
    h('div', { class: 'filters' }, field({ label: t('gr.scheme'), input: scheme }), field({ label: t('gr.kindLabel'), input: kind }), field({ label: t('gr.assessedOn'), input: on }), field({ label: t('gr.applied'), input: applied }), field({ label: t('gr.evaluator'), input: evaluator })),
    h('h4', null, t('gr.scores')),
    scoreBox,
    typed,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'gr-submit' }, t('gr.submit'))),
  );
}
