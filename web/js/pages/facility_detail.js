// 机构详情: every field with its label, the capacity history, "as of" a
// date, and the close action.
import { stoppedFacilities, stopTag } from './inspect_stop.js';
import { pricePanel } from './place_price_panel.js';
import { foodPanel } from './inspect_food_panel.js';
import { creditPanel } from './credit_panel.js';
import { gradePanel } from './grade_panel.js';
import { reviewPanel } from './review_panel.js';
import { h, replace, today } from '../dom.js';
import { t, label, fmtNum } from '../i18n.js';
import { get, post, ApiError } from '../api.js';
import { mayWrite } from '../state.js';
import { go, href } from '../router.js';
import { getRegion } from '../regions.js';
import { isChildcare } from '../enums.js';
import { loading, errorBox, alertBox, field, setFieldError, busy, errorText, emptyRow, takeFlash, setFlash } from '../ui/common.js';
import { statusTag, filingTag } from './facility_list.js';
import { payeeSection } from './payee_card.js';

const yesNo = (v) => (v ? t('common.yes') : t('common.no'));
const orDash = (v) => (v === null || v === undefined || v === '' ? t('common.dash') : v);
const coord = (v) => (v === null || v === undefined ? t('common.dash') : String(Math.round(v * 1e6) / 1e6));

function dl(pairs) {
  return h(
    'dl',
    { class: 'fields' },
    pairs.filter(Boolean).map(([k, v, cls]) => h('div', { class: cls || null }, h('dt', null, k), h('dd', null, v))),
  );
}

function section(title, body) {
  return h('section', { class: 'card' }, h('h2', { class: 'card-title' }, title), body);
}

export function classesTable(classes) {
  if (!classes || !classes.length) return h('p', { class: 'muted' }, t('fac.classesEmpty'));
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'data' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, '#'), h('th', { scope: 'col' }, t('f.class_type')), h('th', { scope: 'col', class: 'num' }, t('f.class_capacity')), h('th', { scope: 'col', class: 'num' }, t('f.class_enrolled')))),
      h(
        'tbody',
        null,
        classes.map((c, i) => h('tr', null, h('td', null, String(i + 1)), h('td', null, label('class', c.type)), h('td', { class: 'num' }, fmtNum(c.capacity)), h('td', { class: 'num' }, fmtNum(c.enrolled)))),
      ),
    ),
  );
}

// The rating in force, else the latest one marked lapsed, else none.
function ratingText(r) {
  if (!r) return t('common.dash');
  const c = r.current;
  if (c) return t('rating.until', { label: c.label, scheme: c.scheme_label, d: c.valid_until });
  const last = (r.items || []).find((x) => x.state === 'lapsed');
  return last ? t('rating.lapsed', { label: last.label, scheme: last.scheme_label }) : t('rating.none');
}

export async function render(main, { params, query, isCurrent }) {
  const id = params.id;
  const asOf = query.as_of || '';
  replace(main, loading());
  const [f, hist, ratings] = await Promise.all([
    get(`facilities/${id}`, asOf ? { as_of: asOf } : null),
    get(`facilities/${id}/history`),
    // the rating in force (等级 / 星级); the page stands without it
    get(`facilities/${id}/ratings`, asOf ? { as_of: asOf } : null).catch(() => null),
  ]);
  let region = null;
  try {
    region = await getRegion(f.region);
  } catch {
    region = null;
  }
  if (!isCurrent()) return;
  const child = isChildcare(f.kind);
  const writable = mayWrite();

  // "as of" picker
  const asOfInput = h('input', { type: 'date', value: asOf, max: today() });
  const asOfForm = h(
    'form',
    { class: 'asof-bar' },
    field({ label: t('fac.asOfLabel'), input: asOfInput }),
    h('button', { type: 'submit', class: 'btn' }, t('fac.asOfShow')),
    asOf ? h('a', { class: 'btn btn-ghost', href: `#/facilities/${id}` }, t('fac.asOfNow')) : null,
  );
  asOfForm.addEventListener('submit', (e) => {
    e.preventDefault();
    go(`facilities/${id}`, asOfInput.value ? { as_of: asOfInput.value } : null);
  });

  // close action
  const closeDate = h('input', { type: 'date', value: today() });
  const closeReason = h('textarea', { rows: '2', maxlength: '500' });
  const closeDateField = field({ label: t('f.closed_on'), input: closeDate, required: true, name: 'closed_on' });
  const closeReasonField = field({ label: t('f.closed_reason'), input: closeReason, name: 'closed_reason' });
  const closeMsg = h('div', { 'aria-live': 'polite' });
  const closeBtn = h('button', { type: 'submit', class: 'btn btn-danger' }, t('fac.closeConfirm'));
  const closePanel = h(
    'form',
    { class: 'card close-panel', hidden: true, 'aria-label': t('fac.closeTitle') },
    h('h2', { class: 'card-title' }, t('fac.closeTitle')),
    h('p', { class: 'muted' }, t('fac.closeHint')),
    h('div', { class: 'form-grid' }, closeDateField, closeReasonField),
    closeMsg,
    h('div', { class: 'form-actions' }, closeBtn, h('button', { type: 'button', class: 'btn btn-ghost', onclick: () => (closePanel.hidden = true) }, t('common.cancel'))),
  );
  closePanel.addEventListener('submit', async (e) => {
    e.preventDefault();
    setFieldError(closeDateField, '');
    setFieldError(closeReasonField, '');
    replace(closeMsg);
    if (!closeDate.value) {
      setFieldError(closeDateField, t('common.required'));
      closeDate.focus();
      return;
    }
    try {
      await busy(closeBtn, t('fac.closing'), () => post(`facilities/${id}/close`, { closed_on: closeDate.value, closed_reason: closeReason.value.trim() }));
      setFlash(t('fac.closedOk'));
      go(`facilities/${id}`);
    } catch (err) {
      const target = err instanceof ApiError && { closed_on: closeDateField, closed_reason: closeReasonField }[err.field];
      if (target) {
        setFieldError(target, errorText(err));
        target.input.focus();
      } else replace(closeMsg, errorBox(err));
    }
  });

  const actions = h(
    'div',
    { class: 'page-actions' },
    writable ? h('a', { class: 'btn btn-primary', href: `#/facilities/${id}/edit` }, t('common.edit')) : null,
    f.filing_status === 'filed' && f.filing_date ? h('a', { class: 'btn', href: `#/facilities/${id}/receipt`, dataset: { action: 'receipt' } }, t('receipt.link')) : null,
    writable && !f.closed_on
      ? h(
          'button',
          {
            type: 'button',
            class: 'btn btn-danger-outline',
            onclick: () => {
              closePanel.hidden = false;
              closeDate.focus();
            },
          },
          t('fac.closeAction'),
        )
      : null,
  );

  const regionText = region ? region.path.map((p) => p.name).join(' / ') : f.region;
  const basic = dl([
    [t('f.id'), String(f.id)],
    [t('f.name'), f.name, 'span-2'],
    [t('f.kind'), label('kind', f.kind)],
    [t('f.region'), h('span', null, regionText, h('span', { class: 'muted mono small' }, ` ${f.region}`)), 'span-2'],
    [t('f.credit_code'), h('span', { class: 'mono' }, orDash(f.credit_code))],
    [t('f.address'), orDash(f.address), 'span-2'],
    [t('f.lat'), coord(f.lat)],
    [t('f.lon'), coord(f.lon)],
  ]);
  const nature = dl([
    [t('f.ownership'), label('ownership', f.ownership)],
    [t('f.operation'), label('operation', f.operation)],
    [t('f.profit'), label('profit', f.profit)],
    [t('f.medical_integration'), yesNo(f.medical_integration)],
    [t('f.internal_clinic'), yesNo(f.internal_clinic)],
    [t('f.opened_on'), orDash(f.opened_on)],
    [t('f.closed_on'), orDash(f.closed_on)],
    [t('f.closed_reason'), orDash(f.closed_reason), 'span-2'],
  ]);
  const filing = dl([
    [t('f.filing_status'), filingTag(f.filing_status)],
    [t('f.filing_date'), orDash(f.filing_date)],
    [t('rating.current'), ratingText(ratings)],
    [t('f.credit_commitment'), h('span', { class: 'pre' }, orDash(f.credit_commitment)), 'span-3'],
  ]);
  const capPairs = [[t('f.capacity_date'), orDash(f.capacity_date)]];
  if (child) capPairs.push([t('f.slots'), fmtNum(f.slots)], [t('f.affordable_slots'), fmtNum(f.affordable_slots)], [t('f.enrolled'), fmtNum(f.enrolled)]);
  else capPairs.push([t('f.beds'), fmtNum(f.beds)], [t('f.nursing_beds'), fmtNum(f.nursing_beds)], [t('f.occupied_beds'), fmtNum(f.occupied_beds)], [t('f.affordable_beds'), fmtNum(f.affordable_beds)]);
  capPairs.push([t('f.caregivers'), fmtNum(f.caregivers)]);
  // figures of the other family, when someone recorded them anyway
  if (child && (f.beds || f.nursing_beds || f.occupied_beds))
    capPairs.push([t('f.beds'), fmtNum(f.beds)], [t('f.nursing_beds'), fmtNum(f.nursing_beds)], [t('f.occupied_beds'), fmtNum(f.occupied_beds)]);
  if (!child && (f.slots || f.affordable_slots || f.enrolled))
    capPairs.push([t('f.slots'), fmtNum(f.slots)], [t('f.affordable_slots'), fmtNum(f.affordable_slots)], [t('f.enrolled'), fmtNum(f.enrolled)]);

  const histCols = child ? ['slots', 'affordable_slots', 'enrolled'] : ['beds', 'nursing_beds', 'occupied_beds', 'affordable_beds'];
  const items = (hist.items || []).slice().reverse(); // newest first reads best
  const histTable = h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'data' },
      h(
        'thead',
        null,
        h('tr', null, h('th', { scope: 'col' }, t('f.capacity_date')), histCols.map((c) => h('th', { scope: 'col', class: 'num' }, t(`f.${c}`))), child ? h('th', { scope: 'col' }, t('f.classes')) : null),
      ),
      h(
        'tbody',
        null,
        items.length
          ? items.map((it) =>
              h(
                'tr',
                { class: it.capacity_date === f.capacity_date ? 'is-current-row' : null },
                h('td', null, it.capacity_date),
                histCols.map((c) => h('td', { class: 'num' }, fmtNum(it[c]))),
                child
                  ? h(
                      'td',
                      null,
                      it.classes && it.classes.length
                        ? it.classes.map((c) => `${label('class', c.type)} ${c.enrolled}/${c.capacity}`).join(t('common.comma'))
                        : t('common.dash'),
                    )
                  : null,
              ),
            )
          : emptyRow(histCols.length + 2, t('fac.historyEmpty')),
      ),
    ),
  );

  const stopped = await stoppedFacilities();
  if (!isCurrent()) return;
  replace(
    main,
    h('a', { class: 'back-link', href: href('facilities', region ? { region: f.region } : null) }, '← ', t('fac.backToList')),
    h(
      'div',
      { class: 'page-head' },
      h('div', null, h('h1', { class: 'page-title' }, f.name), h('div', { class: 'tags' }, h('span', { class: 'tag tag-kind' }, label('kind', f.kind)), statusTag(f), stopTag(stopped, f.id), filingTag(f.filing_status))),
      actions,
    ),
    takeFlash(),
    asOf ? alertBox('info', t('fac.asOfBanner', { date: asOf })) : null,
    h('div', { class: 'card card-slim' }, h('h2', { class: 'sr-only' }, t('fac.asOf')), asOfForm),
    closePanel,
    h(
      'div',
      { class: 'detail-grid' },
      section(t('fac.sec.basic'), basic),
      section(t('fac.sec.nature'), nature),
      section(t('fac.sec.filing'), filing),
      section(t('fac.sec.capacity'), dl(capPairs)),
      child ? section(t('fac.sec.classes'), classesTable(f.classes)) : null,
      section(t('fac.history'), histTable),
      pricePanel(f),
      foodPanel(f),
      creditPanel(f),
      gradePanel(f),
      reviewPanel(f),
      payeeSection('institution', f.id, f.name),
    ),
  );
}
