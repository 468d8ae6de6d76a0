// 人员: the registry of elderly residents and infants. The list searches by
// name, region, kind and category and shows ID numbers masked; an elderly
// person's page shows categories, the ability level and its assessments,
// and the 26-item assessment form that scores as the assessor fills it in;
// an infant's page shows the guardian, health management and enrolments.
import { h, replace, clear, today } from '../dom.js';
import { t, getLang } from '../i18n.js';
import { get, post, ApiError } from '../api.js';
import { go } from '../router.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox, field, selectEl, busy, errorText, emptyRow, pager, labelCells, setFieldError, takeFlash } from '../ui/common.js';
import { tableActions } from '../ui/table_export.js';
import { regionPicker } from '../ui/region_picker.js';
import { infantSections } from './person_infant.js';
import { verifySection } from './person_verify.js';
import { payeeSection } from './payee_card.js';

const PER_PAGE = 50;

// GB/T 42195-2022 C.3: the initial level by total (before C.4's changes,
// which the server applies and explains).
// Whole months from birth to day ("YYYY-MM-DD" both), as enrolment counts them.
export function ageInMonths(birth, day) {
  const [by, bm, bd] = birth.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return (y - by) * 12 + (m - bm) - (d < bd ? 1 : 0);
}

function ageText(p) {
  if (p.kind === 'infant' && /^\d{4}-\d{2}-\d{2}$/.test(p.birth_date || '')) return t('people.months', { n: ageInMonths(p.birth_date, today()) });
  return t('people.age', { n: p.age });
}

export function initialLevel(total) {
  if (total >= 90) return 0;
  if (total >= 66) return 1;
  if (total >= 46) return 2;
  if (total >= 30) return 3;
  return 4;
}

// Dimension scores and total of item scores (null where unanswered).
export function score(instrument, values) {
  const dims = instrument.dimensions.map((d) => ({ ...d, score: 0, answered: 0, items: 0 }));
  const at = new Map(dims.map((d) => [d.code, d]));
  instrument.items.forEach((it, i) => {
    const d = at.get(it.dimension);
    d.items += 1;
    if (values[i] !== null && values[i] !== undefined) {
      d.score += values[i];
      d.answered += 1;
    }
  });
  const complete = values.every((v) => v !== null && v !== undefined);
  return { dims, total: dims.reduce((s, d) => s + d.score, 0), complete };
}

// Roles that see full ID numbers may search by one; everyone by a masked
// form (511902********1234, any number of asterisks).
const mayUnmask = () => ['admin', 'city_official', 'county_official'].includes(state.user.role);
const mayEdit = () => ['admin', 'city_official', 'county_official', 'operator'].includes(state.user.role);

// 18 characters with the GB 11643 check character (ISO 7064 MOD 11-2).
export function idNumberValid(s) {
  if (!/^\d{17}[\dXx]$/.test(s)) return false;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = w.reduce((acc, wi, i) => acc + wi * Number(s[i]), 0);
  return '10X98765432'[sum % 11] === s[17].toUpperCase();
}

// 已故 and, for an infant, 已满36个月 (on today's date).
export function personFlags(p) {
  return [
    p.deceased_on ? h('span', { class: 'tag tag-flag tag-deceased', dataset: { flag: 'deceased' } }, t('people.flag.deceased')) : null,
    p.over_36_months ? h('span', { class: 'tag tag-flag tag-over36', dataset: { flag: 'over36' } }, t('people.flag.over36')) : null,
  ];
}

function idQuery(text) {
  const v = (text || '').trim().toUpperCase();
  if (!v) return {};
  return v.includes('*') ? { masked: v } : { id_number: v };
}

async function renderList(main, query, isCurrent) {
  const page = Math.max(1, Number(query.page) || 1);
  const region = query.region || state.user.region || '';
  const apply = (changes) => go('people', { region: region || undefined, q: query.q, kind: query.kind, idn: query.idn, ...changes });
  const picker = regionPicker({ value: region, allowAll: !state.user.region, onChange: (code) => apply({ region: code || undefined }) });
  const q = h('input', { type: 'search', value: query.q || '', placeholder: t('people.searchHint') });
  const idn = h('input', { type: 'search', value: query.idn || '', placeholder: mayUnmask() ? t('people.idSearchHint') : t('people.maskedSearchHint'), class: 'mono', autocomplete: 'off' });
  const kind = selectEl([['', t('common.all')], ['elderly', t('people.kind.elderly')], ['infant', t('people.kind.infant')]], query.kind || '', {});
  const idField = field({ label: t('people.idSearch'), input: idn });
  const list = h('div', null, loading());
  const filters = () => ({ region: region || undefined, q: query.q, kind: query.kind, ...idQuery(query.idn) });
  replace(
    main,
    h(
      'div',
      { class: 'page-head' },
      h('h1', { class: 'page-title' }, t('people.title')),
      tableActions('persons', filters),
      mayEdit() ? h('a', { class: 'btn btn-primary', href: '#/people/new' }, '+ ', t('people.add')) : null,
    ),
    h(
      'form',
      {
        class: 'card filters',
        role: 'search',
        onsubmit: (e) => {
          e.preventDefault();
          const v = idn.value.trim();
          if (v && !v.includes('*') && !mayUnmask()) {
            setFieldError(idField, t('people.idSearchMaskOnly'));
            return;
          }
          apply({ q: q.value.trim() || undefined, kind: kind.value || undefined, idn: v || undefined, page: undefined });
        },
      },
      field({ label: t('people.region'), input: picker.select, control: picker.el }),
      field({ label: t('people.name'), input: q }),
      idField,
      field({ label: t('people.kindLabel'), input: kind }),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.search'))),
    ),
    list,
  );
  let data;
  try {
    data = await get('persons', { ...filters(), page, per_page: PER_PAGE });
  } catch (e) {
    if (isCurrent()) replace(list, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  const cols = [t('people.name'), t('people.idNumber'), t('people.sexAge'), t('people.region'), t('people.categories'), t('people.level')];
  const table = h(
    'table',
    { class: 'data people-table stack-on-phone' },
    h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      null,
      data.items.length
        ? data.items.map((p) =>
            h(
              'tr',
              { dataset: { person: String(p.id) } },
              h('td', { class: 'cell-name' }, h('a', { href: `#/people/${p.id}` }, p.name), p.kind === 'infant' ? h('span', { class: 'tag tag-kind' }, t('people.kind.infant')) : null, personFlags(p)),
              h('td', { class: 'mono' }, p.id_number),
              h('td', null, `${t(`people.sex.${p.sex}`)} · ${ageText(p)}`),
              h('td', null, p.region_name || p.region),
              h('td', null, (p.categories || []).map((c) => h('span', { class: 'tag' }, c.label || c.category))),
              h('td', null, p.level ? p.level.name : t('common.dash')),
            ),
          )
        : emptyRow(cols.length, t('people.none')),
    ),
  );
  labelCells(table);
  replace(list, h('div', { class: 'card card-flush' }, h('div', { class: 'table-wrap' }, table), pager({ total: data.total, page, perPage: PER_PAGE, onPage: (n) => apply({ page: n }) })));
}

function assessmentForm(person, instrument, onSaved) {
  const values = instrument.items.map(() => null);
  const out = h('div', { class: 'assess-score', 'aria-live': 'polite' });
  const msg = h('div', { 'aria-live': 'assertive' });
  const on = h('input', { type: 'date', value: today(), max: today(), name: 'assessed_on' });
  const a1 = h('input', { type: 'text', name: 'assessor1' });
  const a2 = h('input', { type: 'text', name: 'assessor2' });
  const coma = h('input', { type: 'checkbox', name: 'coma' });
  const dementia = h('input', { type: 'checkbox', name: 'dementia' });
  const risks = h('input', { type: 'number', min: 0, max: 20, value: 0, name: 'risk_events', class: 'num-input' });
  const zh = getLang() === 'zh';

  function redraw() {
    const s = score(instrument, values);
    replace(
      out,
      h(
        'table',
        { class: 'data compact' },
        h('tbody', null, s.dims.map((d) => h('tr', null, h('th', { scope: 'row' }, zh ? d.name : d.name_en), h('td', { class: 'num' }, `${d.score} / ${d.max}`), h('td', { class: 'muted small' }, t('assess.answered', { a: d.answered, n: d.items }))))),
        h('tfoot', null, h('tr', { class: 'total-row' }, h('th', { scope: 'row' }, t('assess.total')), h('td', { class: 'num', dataset: { total: String(s.total) } }, `${s.total} / ${instrument.total_max}`), h('td', null))),
      ),
      s.complete
        ? h('p', { class: 'assess-level' }, t('assess.initial'), h('strong', { dataset: { level: String(initialLevel(s.total)) } }, t(`assess.level.${initialLevel(s.total)}`)), h('span', { class: 'muted small' }, ` ${t('assess.serverDecides')}`))
        : h('p', { class: 'muted' }, t('assess.incomplete', { n: values.filter((v) => v === null).length })),
    );
  }

  const groups = instrument.dimensions.map((d) =>
    h(
      'fieldset',
      { class: 'assess-dim' },
      h('legend', null, `${d.code} ${zh ? d.name : d.name_en}`),
      instrument.items.map((it, i) =>
        it.dimension !== d.code
          ? null
          : h(
              'label',
              { class: 'assess-item' },
              h('span', { class: 'assess-item-name' }, `${it.code} ${zh ? it.name : it.name_en}`),
              selectEl(
                [['', t('assess.pick')], ...it.wording.map((w, k) => [String(k), w ? `${k} · ${w}` : String(k)]).reverse()],
                '',
                {
                  name: `item-${i}`,
                  onchange: (e) => {
                    values[i] = e.target.value === '' ? null : Number(e.target.value);
                    redraw();
                  },
                },
              ),
            ),
      ),
    ),
  );
  const save = h('button', { type: 'submit', class: 'btn btn-primary' }, t('assess.save'));
  const form = h(
    'form',
    {
      class: 'card assess-form',
      novalidate: true,
      onsubmit: (e) => {
        e.preventDefault();
        clear(msg);
        if (values.some((v) => v === null)) {
          replace(msg, alertBox('error', t('assess.incomplete', { n: values.filter((v) => v === null).length })));
          return;
        }
        busy(save, t('common.saving'), async () => {
          try {
            const r = await post(`persons/${person.id}/assessments`, {
              assessed_on: on.value,
              assessors: [a1.value.trim(), a2.value.trim()].filter(Boolean),
              items: values,
              coma: coma.checked,
              diagnosis: dementia.checked,
              risk_events: Number(risks.value) || 0,
            });
            onSaved(r);
          } catch (err) {
            replace(msg, alertBox('error', errorText(err, { items: t('assess.itemsLabel'), assessed_on: t('assess.on'), assessors: t('assess.assessor1'), risk_events: t('assess.risks') })));
          }
        });
      },
    },
    h('h2', { class: 'card-title' }, t('assess.title')),
    h('div', { class: 'form-grid' }, field({ label: t('assess.on'), input: on, required: true }), field({ label: t('assess.assessor1'), input: a1, required: true }), field({ label: t('assess.assessor2'), input: a2 })),
    h('div', { class: 'assess-layout' }, h('div', { class: 'assess-items' }, groups), h('aside', { class: 'assess-side' }, out)),
    h('div', { class: 'form-grid' }, h('label', { class: 'check' }, coma, ' ', t('assess.coma')), h('label', { class: 'check' }, dementia, ' ', t('assess.dementia')), field({ label: t('assess.risks'), input: risks })),
    msg,
    h('div', { class: 'form-actions' }, save),
  );
  redraw();
  return form;
}

async function renderPerson(main, id, isCurrent) {
  replace(main, loading());
  let p, assessments, instrument;
  try {
    [p, assessments, instrument] = await Promise.all([get(`persons/${id}`), get(`persons/${id}/assessments`), get('assessment/instrument')]);
  } catch (e) {
    if (isCurrent()) replace(main, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  const flash = h('div', { 'aria-live': 'polite' });
  const infant = p.kind === 'infant';
  const formSlot = h('div');
  const mayAssess = ['admin', 'city_official', 'county_official'].includes(state.user.role) && p.kind === 'elderly';
  const openBtn = mayAssess
    ? h('button', { type: 'button', class: 'btn btn-primary', onclick: () => replace(formSlot, assessmentForm(p, instrument, (r) => {
        renderPerson(main, id, isCurrent).then(() => {
          const f = main.querySelector('.person-flash');
          if (f) replace(f, alertBox('ok', t('assess.saved', { total: r.total ?? '', level: getLang() === 'zh' ? r.final_level.zh : r.final_level.en })));
        });
      })) }, t('assess.new'))
    : null;
  const facts = [
    [t('people.idNumber'), h('span', { class: 'mono' }, p.id_number)],
    [t('people.kindLabel'), t(`people.kind.${p.kind}`)],
    [t('people.sexAge'), `${t(`people.sex.${p.sex}`)} · ${ageText(p)}`],
    [t('people.birth'), p.birth_date],
    [t('people.region'), p.region_name || p.region],
    [t('people.address'), p.address || t('common.dash')],
    infant
      ? [t('people.guardian'), p.guardian_name || t('common.dash')]
      : [t('people.level'), p.level ? `${p.level.name}（${p.level.on}）` : t('common.dash')],
  ];
  const flashOn = (text) =>
    renderPerson(main, id, isCurrent).then(() => {
      const f = main.querySelector('.person-flash');
      if (f) replace(f, alertBox('ok', text));
    });
  let care = [];
  if (infant) {
    try {
      care = await infantSections(p, flashOn);
    } catch (e) {
      care = [errorBox(e)];
    }
    if (!isCurrent()) return;
  } else {
    try {
      care = [await verifySection(p, flashOn)];
    } catch (e) {
      care = [errorBox(e)];
    }
    if (!isCurrent()) return;
  }
  replace(
    main,
    h('p', null, h('a', { href: '#/people' }, `← ${t('people.title')}`)),
    h(
      'div',
      { class: 'page-head' },
      h('h1', { class: 'page-title' }, p.name, personFlags(p)),
      h(
        'div',
        { class: 'head-actions' },
        mayEdit() ? h('a', { class: 'btn', href: `#/people/${p.id}/edit` }, t('people.edit')) : null,
        !infant && assessments.items.length ? h('a', { class: 'btn', href: `#/people/${p.id}/report`, dataset: { action: 'report' } }, t('report.link')) : null,
        openBtn,
      ),
    ),
    takeFlash(),
    h('div', { class: 'person-flash', 'aria-live': 'polite' }),
    flash,
    h('section', { class: 'card' }, h('dl', { class: 'facts' }, facts.map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v))))),
    h(
      'section',
      { class: 'card' },
      h('h2', { class: 'card-title' }, t('people.categories')),
      (p.categories || []).length
        ? h('ul', null, p.categories.map((c) => h('li', null, `${c.label || c.category}：${c.start} — ${c.end || t('people.ongoing')}`)))
        : h('p', { class: 'muted' }, t('common.none')),
    ),
    formSlot,
    payeeSection('person', p.id, p.name),
    care,
    infant
      ? null
      : h(
          'section',
          { class: 'card card-flush' },
          h('h2', { class: 'card-title' }, t('assess.history')),
          h(
            'table',
            { class: 'data' },
            h('thead', null, h('tr', null, [t('assess.on'), t('assess.total'), t('assess.initialShort'), t('assess.final'), t('assess.reasons')].map((c) => h('th', { scope: 'col' }, c)))),
            h(
              'tbody',
              null,
              assessments.items.length
                ? assessments.items.map((a) =>
                    h(
                      'tr',
                      null,
                      h('td', null, a.assessed_on),
                      h('td', { class: 'num' }, a.total ?? t('common.dash')),
                      h('td', null, getLang() === 'zh' ? a.initial_level.zh : a.initial_level.en || a.initial_level.zh),
                      h('td', null, h('strong', null, getLang() === 'zh' ? a.final_level.zh : a.final_level.en || a.final_level.zh)),
                      h('td', { class: 'small' }, (a.changes || []).filter((c) => c.applied).map((c) => h('div', null, getLang() === 'zh' ? c.reason : c.reason_en))),
                    ),
                  )
                : emptyRow(5, t('assess.none')),
            ),
          ),
        ),
  );
}

export async function render(main, { params, query, isCurrent }) {
  if (params.id) return renderPerson(main, params.id, isCurrent);
  return renderList(main, query, isCurrent);
}

