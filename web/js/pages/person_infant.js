// An infant's page beyond the facts: health management (新生儿访视,
// screenings, vaccinations, growth and health checks) and enrolments in
// childcare classes, each listed with a form to record one. The server
// checks the dates against the birth, the class against the child's age in
// months and the places free; its errors are shown by the field.
import { h, replace, clear, today } from '../dom.js';
import { t, label } from '../i18n.js';
import { get, post, ApiError } from '../api.js';
import { state } from '../state.js';
import { field, setFieldError, selectEl, busy, alertBox, errorText, emptyRow } from '../ui/common.js';
import { CHILDCARE_KINDS, CLASS_TYPES } from '../enums.js';

export const HEALTH_ITEMS = ['newborn_visit', 'metabolic_screening', 'hearing_screening', 'vaccination', 'growth_assessment', 'health_check'];

// the registry's roles that may not record care (docs/api.md; the server decides)
export const mayRecordCare = () => !!state.user && !['readonly', 'dept_official', 'family'].includes(state.user.role);

function table(cols, rows, empty) {
  return h(
    'div',
    { class: 'table-wrap' },
    h('table', { class: 'data compact' }, h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col' }, c)))), h('tbody', null, rows.length ? rows : emptyRow(cols.length, empty))),
  );
}

// A small form: fields {name: wrap}, a submit that posts body() and
// reports errors by field with the given labels.
function recordForm({ title, fields, labels, submitText, send, onSaved }) {
  const btn = h('button', { type: 'submit', class: 'btn btn-primary' }, submitText);
  const msg = h('div', { 'aria-live': 'assertive' });
  const form = h('form', { class: 'record-form', novalidate: true }, h('h3', { class: 'sub-title' }, title), h('div', { class: 'form-grid' }, Object.values(fields)), msg, h('div', { class: 'form-actions' }, btn));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear(msg);
    Object.values(fields).forEach((w) => setFieldError(w, ''));
    try {
      const saved = await busy(btn, t('common.saving'), send);
      onSaved(saved);
    } catch (err) {
      const w = err instanceof ApiError && fields[err.field];
      if (w) {
        setFieldError(w, errorText(err, labels));
        w.input.focus();
      } else replace(msg, alertBox('error', errorText(err, labels)));
    }
  });
  return form;
}

function healthSection(person, items, reload) {
  const labels = { item: t('infant.item'), done_on: t('infant.doneOn'), result: t('infant.result') };
  const rows = items.map((r) => h('tr', null, h('td', null, r.done_on), h('td', null, label('health', r.item)), h('td', null, r.result || t('common.dash'))));
  const section = h('section', { class: 'card card-flush infant-health' }, h('h2', { class: 'card-title' }, t('infant.health')), table([labels.done_on, labels.item, labels.result], rows, t('infant.noHealth')));
  if (mayRecordCare()) {
    const F = {
      item: field({ label: labels.item, input: selectEl(HEALTH_ITEMS.map((i) => [i, label('health', i)]), HEALTH_ITEMS[0], {}), name: 'item', required: true }),
      done_on: field({ label: labels.done_on, input: h('input', { type: 'date', value: today(), min: person.birth_date, max: today() }), name: 'done_on', required: true }),
      result: field({ label: labels.result, input: h('input', { type: 'text', maxlength: '200', placeholder: t('infant.resultHint') }), name: 'result' }),
    };
    section.append(
      h(
        'div',
        { class: 'card-pad' },
        recordForm({
          title: t('infant.addHealth'),
          fields: F,
          labels,
          submitText: t('infant.saveHealth'),
          send: () => post(`persons/${person.id}/health`, { item: F.item.input.value, done_on: F.done_on.input.value, result: F.result.input.value.trim() }),
          onSaved: (r) => reload(t('infant.healthSaved', { item: label('health', r.item), d: r.done_on })),
        }),
      ),
    );
  }
  return section;
}

async function childcarePlaces(region) {
  // the county the child lives in: childcare places nearby are the county's
  const county = `${region.slice(0, 6)}000000`;
  const lists = await Promise.all(CHILDCARE_KINDS.map((k) => get('facilities', { region: county, kind: k, status: 'open', sort: 'name', per_page: 500 }).then((d) => d.items).catch(() => [])));
  return lists.flat();
}

function enrolmentSection(person, items, places, reload) {
  const labels = { facility_id: t('infant.facility'), class_type: t('infant.classType'), start: t('infant.start'), end: t('infant.end') };
  const names = new Map(places.map((f) => [f.id, f.name]));
  const rows = items.map((e) =>
    h('tr', null, h('td', null, h('a', { href: `#/facilities/${e.facility_id}` }, names.get(e.facility_id) || `#${e.facility_id}`)), h('td', null, label('class', e.class_type)), h('td', null, e.start), h('td', null, e.end || t('people.ongoing'))),
  );
  const section = h('section', { class: 'card card-flush infant-enrolments' }, h('h2', { class: 'card-title' }, t('infant.enrolments')), table([labels.facility_id, labels.class_type, labels.start, labels.end], rows, t('infant.noEnrolments')));
  if (mayRecordCare()) {
    if (!places.length) {
      section.append(h('div', { class: 'card-pad' }, alertBox('info', t('infant.noPlaces'))));
      return section;
    }
    const F = {
      facility_id: field({ label: labels.facility_id, input: selectEl(places.map((f) => [String(f.id), f.name]), String(places[0].id), {}), name: 'facility_id', required: true }),
      class_type: field({ label: labels.class_type, input: selectEl(CLASS_TYPES.map((c) => [c, `${label('class', c)}（${t(`infant.months.${c}`)}）`]), 'toddler_small', {}), name: 'class_type', required: true }),
      start: field({ label: labels.start, input: h('input', { type: 'date', value: today() }), name: 'start', required: true }),
      end: field({ label: labels.end, input: h('input', { type: 'date' }), name: 'end', hint: t('infant.endHint') }),
    };
    section.append(
      h(
        'div',
        { class: 'card-pad' },
        recordForm({
          title: t('infant.addEnrolment'),
          fields: F,
          labels,
          submitText: t('infant.saveEnrolment'),
          send: () => {
            const body = { facility_id: Number(F.facility_id.input.value), class_type: F.class_type.input.value, start: F.start.input.value };
            if (F.end.input.value) body.end = F.end.input.value;
            return post(`persons/${person.id}/enrolments`, body);
          },
          onSaved: (r) => reload(t('infant.enrolled', { f: names.get(r.facility_id) || '', c: label('class', r.class_type), d: r.start })),
        }),
      ),
    );
  }
  return section;
}

// The infant's sections; reload(flashText) redraws the person's page.
export async function infantSections(person, reload) {
  const [health, enrol, places] = await Promise.all([get(`persons/${person.id}/health`), get(`persons/${person.id}/enrolments`), childcarePlaces(person.region)]);
  return [healthSection(person, health.items || [], reload), enrolmentSection(person, enrol.items || [], places, reload)];
}
