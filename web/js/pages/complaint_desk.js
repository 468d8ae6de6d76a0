// 投诉处理: the complaints desk. Open complaints first by date, overdue
// ones in red; officials record a complaint from any channel (the
// deadline and, for a serious category, the hazard follow from the
// policy), and open one to take its next step.
import { askDialog } from '../ui/dialog.js';
import { h, replace, today } from '../dom.js';
import { t, fmtNum } from '../i18n.js';
import { get, post } from '../api.js';
import { go, href } from '../router.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox, field, selectEl, emptyRow, labelCells } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';
import { addStyles, statusTag, deadlineCell, HANDLERS } from './complaint_view.js';

const STATUSES = ['received', 'assigned', 'answered', 'called_back', 'closed'];
const DECIDERS = ['admin', 'city_official', 'county_official', 'dept_official'];

function filtersOf(query) {
  return { region: query.region || '', status: query.status || 'open', overdue: query.overdue === '1' ? '1' : '' };
}

export async function render(main, { query, isCurrent }) {
  addStyles();
  const f = filtersOf(query);
  const apply = (changes) => go('complaints', { ...f, ...changes });
  const role = state.user.role;
  const picker = role === 'operator' ? null : regionPicker({ value: f.region || state.user.region || '', allowAll: !state.user.region, allLabel: t('common.all'), onChange: (code) => apply({ region: code || undefined }) });
  const status = selectEl([['open', t('cp.status.open')], ['all', t('cp.status.all')], ...STATUSES.map((s) => [s, t(`cp.status.${s}`)])], f.status, { id: 'cp-status' });
  const overdue = h('input', { type: 'checkbox', id: 'cp-overdue-only', checked: f.overdue === '1' });
  const msg = h('div', { 'aria-live': 'polite', id: 'cp-msg' });
  const counts = h('div', { class: 'tags', id: 'cp-counts' });
  const list = h('div', null, loading());
  const intake = HANDLERS.includes(role) ? intakeForm(f.region || state.user.region || '', msg) : null;
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('cp.title'))),
    h('p', { class: 'muted' }, t('cp.lead')),
    h(
      'form',
      {
        class: 'card filters',
        onsubmit: (e) => {
          e.preventDefault();
          apply({ status: status.value, overdue: overdue.checked ? '1' : undefined });
        },
      },
      picker ? field({ label: t('cp.region'), input: picker.select, control: picker.el }) : null,
      field({ label: t('cp.status'), input: status }),
      field({ label: t('cp.overdueOnly'), input: overdue }),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'cp-show' }, t('cp.show'))),
    ),
    msg,
    intake,
    counts,
    list,
  );
  let data;
  try {
    data = await get('complaints', { region: f.region || undefined, status: f.status === 'all' ? undefined : f.status, overdue: f.overdue || undefined, limit: 500 });
  } catch (e) {
    if (isCurrent()) replace(list, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  replace(counts, h('span', { class: 'tag' }, t('cp.countOpen', { n: fmtNum(data.counts.open) })), h('span', { class: ['tag', data.counts.overdue && 'st-behind'], id: 'cp-count-overdue' }, t('cp.countOverdue', { n: fmtNum(data.counts.overdue) })));
  const cols = [t('cp.no'), t('cp.about'), t('cp.category'), t('cp.received'), t('cp.deadline'), t('cp.state'), ''];
  const table = h(
    'table',
    { class: 'data stack-on-phone', id: 'cp-table' },
    h('thead', null, h('tr', null, cols.map((x) => h('th', { scope: 'col' }, x)))),
    h(
      'tbody',
      null,
      data.items.length
        ? data.items.map((c) =>
            h(
              'tr',
              { 'data-complaint': String(c.id), class: c.overdue ? 'cp-overdue' : null },
              h('td', null, String(c.id)),
              h('td', { class: 'cell-name' }, h('strong', null, c.facility_name || c.region_name), h('div', { class: 'muted small' }, c.summary)),
              h('td', null, c.category_name, c.serious ? h('div', null, h('span', { class: 'tag st-behind' }, t('cp.serious'))) : null, h('div', { class: 'muted small' }, c.channel_name)),
              h('td', null, c.received_on),
              h('td', null, deadlineCell(c)),
              h('td', null, statusTag(c)),
              h('td', null, h('a', { class: 'btn btn-small', href: href(`complaints/${c.id}`) }, t('cp.open'))),
            ),
          )
        : emptyRow(cols.length, t('cp.none')),
    ),
  );
  replace(list, h('div', { class: 'card table-wrap' }, labelCells(table)));
  if (DECIDERS.includes(role)) await appeals(list, f.region);
}

// Reviews under appeal in the region: an official keeps or hides each on
// the facility's page (pages/review_panel.js).
async function appeals(list, region) {
  let data;
  try {
    data = await get('reviews', { region: region || undefined, status: 'appealed' });
  } catch {
    return;
  }
  if (!data.items.length) return;
  list.append(
    h(
      'section',
      { class: 'card', id: 'rv-appeals' },
      h('h2', { class: 'card-title' }, t('rv.appeals')),
      h('ul', null, data.items.map((r) => h('li', { 'data-review': String(r.id) }, h('a', { href: href(`facilities/${r.facility_id}`) }, r.facility_name), ` · ${'★'.repeat(r.rating)} · ${r.reviewed_on} · `, t('rv.appealText', { a: r.appeal })))),
    ),
  );
}

// The intake form: channel, category, institution (or the region), what
// was said, who said it and how to reach them, and the day received.
function intakeForm(region, msg) {
  const body = h('div', null);
  const box = h('details', { class: 'card cp-form', id: 'cp-intake' }, h('summary', null, h('strong', null, t('cp.new'))), h('p', { class: 'muted small' }, t('cp.newLead')), body);
  box.addEventListener('toggle', async () => {
    if (!box.open || body.firstChild) return;
    replace(body, loading());
    let opts, facs;
    try {
      [opts, facs] = await Promise.all([get('complaints/options', region ? { region } : undefined), get('facilities', { region: region || undefined, status: 'open', sort: 'name', per_page: 500 })]);
    } catch (e) {
      replace(body, errorBox(e));
      return;
    }
    const channel = selectEl(opts.channels.filter((c) => c.code !== 'online').map((c) => [c.code, c.name]), opts.channels[0].code, { id: 'cp-channel' });
    const category = selectEl(opts.categories.map((c) => [c.code, c.serious ? `${c.name}（${t('cp.serious')}）` : c.name]), opts.categories[0].code, { id: 'cp-category' });
    const facility = selectEl([['', t('cp.facilityNone')], ...facs.items.map((x) => [String(x.id), x.name])], '', { id: 'cp-facility' });
    const summary = h('textarea', { id: 'cp-summary', rows: 3, maxlength: 4000 });
    const who = h('input', { type: 'text', id: 'cp-complainant', maxlength: 100 });
    const phone = h('input', { type: 'tel', id: 'cp-phone', inputmode: 'tel', maxlength: 20 });
    const on = h('input', { type: 'date', id: 'cp-received', value: today(), max: today() });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'cp-file' }, t('cp.file'));
    replace(
      body,
      h(
        'form',
        {
          onsubmit: async (e) => {
            e.preventDefault();
            const cat = opts.categories.find((c) => c.code === category.value);
            const ok = await askDialog({ title: t('cp.new'), consequence: t('cp.askFile', { d: opts.deadline_days, s: cat && cat.serious && facility.value ? t('cp.askFileSerious') : '' }), okText: t('cp.file'), className: 'cp-dialog' });
            if (!ok) return;
            const payload = { channel: channel.value, category: category.value, summary: summary.value.trim(), complainant: who.value.trim() || undefined, phone: phone.value.trim() || undefined, received_on: on.value };
            if (facility.value) payload.facility_id = Number(facility.value);
            else payload.region = region;
            submit.disabled = true;
            try {
              const c = await post('complaints', payload);
              replace(msg, alertBox('ok', t('cp.filed', { id: c.id, d: c.deadline })));
              go(`complaints/${c.id}`);
            } catch (err) {
              submit.disabled = false;
              replace(msg, errorBox(err));
            }
          },
        },
        field({ label: t('cp.channel'), input: channel }),
        field({ label: t('cp.category'), input: category }),
        field({ label: t('cp.facility'), input: facility }),
        field({ label: t('cp.summary'), input: summary, required: true }),
        field({ label: t('cp.complainant'), input: who }),
        field({ label: t('cp.phone'), input: phone, hint: t('cp.phoneHint') }),
        field({ label: t('cp.receivedOn'), input: on }),
        h('div', { class: 'form-actions' }, submit),
      ),
    );
  });
  return box;
}
