// 信用档案与红黑名单: listings by status in the caller's region, each step
// offered only where the listing's status allows it, in an in-page dialog
// that states the step's consequence. Proposing a listing is done from the
// facility's credit panel (credit_panel.js), where the subject is known.
import { askDialog } from '../ui/dialog.js';
import { h, replace, today } from '../dom.js';
import { t } from '../i18n.js';
import { get, post } from '../api.js';
import { go } from '../router.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox, field, selectEl, emptyRow, labelCells } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';

export const WRITERS = ['admin', 'city_official', 'county_official', 'dept_official'];
const STATUSES = ['proposed', 'noticed', 'heard', 'listed', 'published', 'removed', 'withdrawn'];
const STATUS_ZH = { proposed: '拟列入', noticed: '已告知', heard: '已申辩', listed: '已列入', published: '已公开', removed: '已移出', withdrawn: '已撤销' };
// the steps each status allows (core/credit_listing.c)
const NEXT = {
  proposed: ['notice', 'withdraw'],
  noticed: ['hearing', 'list', 'withdraw'],
  heard: ['list', 'withdraw'],
  listed: ['publish', 'remove'],
  published: ['remove'],
};

const listName = (l) => (l === 'red' ? t('cr.red') : t('cr.black'));

export function listingDates(l) {
  const parts = [];
  if (l.noticed_on) parts.push(t('cr.noticedOn', { d: l.noticed_on }));
  if (l.listed_on) parts.push(t('cr.listedOn', { d: l.listed_on }));
  if (l.published_on) parts.push(t('cr.publishedOn', { d: l.published_on }));
  if (l.removed_on) parts.push(t('cr.removedOn', { d: l.removed_on }));
  return parts.join(' · ') || t('common.dash');
}

// The dialog of one step: the consequence in words and what the step
// needs. Resolves to the body to post, or null when cancelled.
async function askStep(l, step, noticeDays) {
  const s = l.subject;
  const fields = [{ label: t('cr.on'), type: 'date', value: today(), required: true }];
  if (step === 'hearing') fields.push({ label: t('cr.hearing'), rows: 3, required: true });
  if (step === 'remove') {
    fields.push({ label: t('cr.reason'), rows: 2, required: true });
    fields.push({ label: t('cr.confirmServed'), options: [['', '—'], ['yes', t('cr.yes')]], required: true });
  }
  if (step !== 'hearing' && step !== 'remove') fields.push({ label: t('cr.note'), rows: 2 });
  const v = await askDialog({
    title: `${t(`cr.step.${step}`)}：${s}`,
    consequence: t(`cr.ask.${step}`, { s, l: listName(l.list), n: noticeDays }),
    okText: t(`cr.step.${step}`),
    fields,
    className: 'cr-dialog',
  });
  if (!v) return null;
  const body = { on: v[0], version: l.version };
  if (step === 'hearing') body.hearing = v[1];
  else if (step === 'remove') Object.assign(body, { removal_reason: v[1], penalty_served: v[2] === 'yes', rectified: v[2] === 'yes' });
  else if (v[1]) body.note = v[1];
  return body;
}

// A step refused as too early says in words from which day it may be
// taken (the server's message names the day); other errors as they come.
function stepError(e, step) {
  const m = e.field === 'on' && /from (\d{4}-\d{2}-\d{2})/.exec(e.message || '');
  if (m && (step === 'list' || step === 'remove')) return alertBox('error', t(`cr.early.${step}`, { d: m[1] }));
  if (e.status === 409 && e.field === 'version') return alertBox('error', t('cr.stale'));
  return errorBox(e);
}

// A table of listings with their step buttons (for writers); onDone
// reloads after a step. Shared with the facility's panel.
export function listingTable(items, { msg, onDone, noticeDays = 10, showFacility = true } = {}) {
  const writer = WRITERS.includes(state.user.role);
  const cols = [t('cr.subject'), showFacility ? t('cr.facility') : null, t('cr.list'), t('cr.ground'), t('cr.status'), t('cr.dates'), writer ? t('cr.actions') : null].filter(Boolean);
  const row = (l) => {
    const steps = writer ? NEXT[l.status] || [] : [];
    return h(
      'tr',
      { 'data-listing': String(l.id) },
      h('td', null, l.subject),
      showFacility ? h('td', null, l.facility) : null,
      h('td', null, h('span', { class: `tag ${l.list === 'black' ? 'tag-warn' : 'tag-open'}` }, listName(l.list))),
      h('td', null, l.ground_label),
      h('td', { class: 'cr-status' }, l.status_label),
      h('td', null, listingDates(l)),
      writer
        ? h(
            'td',
            { class: 'cr-actions' },
            steps.map((step) =>
              h(
                'button',
                {
                  type: 'button',
                  class: 'btn btn-small',
                  'data-step': step,
                  onclick: async () => {
                    const body = await askStep(l, step, noticeDays);
                    if (!body) return;
                    try {
                      await post(`credit/listings/${l.id}/${step}`, body);
                      if (msg) replace(msg, alertBox('ok', t('cr.done', { s: t(`cr.step.${step}`) })));
                      onDone && onDone();
                    } catch (e) {
                      if (msg) replace(msg, stepError(e, step));
                    }
                  },
                },
                t(`cr.step.${step}`),
              ),
            ),
          )
        : null,
    );
  };
  return h(
    'div',
    { class: 'table-wrap' },
    labelCells(
      h(
        'table',
        { class: 'data stack-on-phone', id: 'cr-table' },
        h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', null, items.length ? items.map(row) : emptyRow(cols.length, t('cr.none'))),
      ),
    ),
  );
}

export async function render(main, { query, isCurrent }) {
  const f = { region: query.region || '', list: query.list || '', status: query.status || '' };
  const apply = (changes) => go('credit', { ...f, ...changes });
  const picker = state.user.role === 'operator' ? null : regionPicker({ value: f.region || state.user.region || '', allowAll: !state.user.region, allLabel: t('common.all'), onChange: (code) => apply({ region: code || undefined }) });
  const list = selectEl([['', t('cr.all')], ['black', t('cr.black')], ['red', t('cr.red')]], f.list, { id: 'cr-list' });
  const status = selectEl([['', t('cr.all')], ...STATUSES.map((s) => [s, STATUS_ZH[s]])], f.status, { id: 'cr-status' });
  const msg = h('div', { 'aria-live': 'polite', id: 'cr-msg' });
  const out = h('div', { id: 'cr-out' }, loading());
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('cr.title'))),
    h('p', { class: 'muted' }, t('cr.lead')),
    h(
      'form',
      {
        class: 'card filters',
        onsubmit: (e) => {
          e.preventDefault();
          apply({ list: list.value || undefined, status: status.value || undefined });
        },
      },
      picker ? field({ label: t('cr.region'), input: picker.select, control: picker.el }) : null,
      field({ label: t('cr.list'), input: list }),
      field({ label: t('cr.status'), input: status }),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn', id: 'cr-show' }, t('cr.show'))),
    ),
    msg,
    out,
  );
  const load = async () => {
    let data;
    try {
      data = await get('credit/listings', { region: f.region || undefined, list: f.list || undefined, status: f.status || undefined });
    } catch (e) {
      if (isCurrent()) replace(out, errorBox(e));
      return;
    }
    if (!isCurrent()) return;
    replace(out, h('section', { class: 'card card-flush' }, listingTable(data.items, { msg, onDone: load })));
  };
  await load();
}
