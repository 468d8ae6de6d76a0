// 服务订单: officials' list of service orders in their region with
// filters (region, status, item, month placed) and counts by status, and
// the use report of a month or a year: finished orders, quantity and money by
// source, by village and item.
import { h, replace } from '../dom.js';
import { t, label, fmtNum, fmtDateTime } from '../i18n.js';
import { get } from '../api.js';
import { go } from '../router.js';
import { state } from '../state.js';
import { loading, errorBox, field, selectEl, emptyRow, labelCells } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';
import { yuan, yuanText, qtyText, statusTag, timeline, takeStep } from './service_common.js';

const STATUSES = ['placed', 'accepted', 'scheduled', 'started', 'finished', 'rated', 'cancelled'];

function thisMonth() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

export async function render(main, { query, isCurrent }) {
  const f = { region: query.region || '', status: query.status || 'all', item: query.item || '', facility: query.facility || '', month: query.month || '', use: query.use || thisMonth() };
  const apply = (ch) => go('services/orders', { ...f, ...ch });
  const region = f.region || state.user.region || '';
  const picker = regionPicker({ value: region, allowAll: !state.user.region, allLabel: t('common.all'), onChange: (code) => apply({ region: code || undefined }) });
  const status = selectEl([['all', t('svc.admin.all')], ['open', t('svc.admin.open')], ...STATUSES.map((s) => [s, label('svc.status', s)])], f.status, { id: 'svc-status' });
  const item = selectEl([['', t('svc.admin.all')]], f.item, { id: 'svc-item' });
  const facility = selectEl([['', t('svc.admin.all')]], f.facility, { id: 'svc-facility' });
  const month = h('input', { type: 'month', value: f.month, id: 'svc-month' });
  // the use report's period: a month, or a whole year (use=2026)
  const wholeYear = /^\d{4}$/.test(f.use);
  const useMonth = h('input', { type: 'month', value: wholeYear ? `${f.use}-01` : f.use, id: 'svc-use-month' });
  const useYear = h('input', { type: 'checkbox', id: 'svc-use-year', checked: wholeYear });
  const msg = h('div', { 'aria-live': 'polite' });
  const counts = h('div', { class: 'tags', id: 'svc-counts' });
  const list = h('div', null, loading());
  const use = h('div', { id: 'svc-use' }, loading());
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('svc.admin.title'))),
    h('p', { class: 'muted' }, t('svc.admin.lead')),
    h(
      'form',
      {
        class: 'card filters',
        onsubmit: (e) => {
          e.preventDefault();
          apply({ status: status.value, item: item.value || undefined, facility: facility.value || undefined, month: month.value || undefined });
        },
      },
      field({ label: t('svc.admin.region'), input: picker.select, control: picker.el }),
      field({ label: t('svc.admin.status'), input: status }),
      field({ label: t('svc.admin.item'), input: item }),
      field({ label: t('svc.admin.facility'), input: facility }),
      field({ label: t('svc.admin.month'), input: month }),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'svc-show' }, t('svc.admin.show'))),
    ),
    msg,
    counts,
    list,
    h(
      'section',
      { class: 'card svc-use' },
      h('h2', null, t('svc.use.title')),
      h(
        'form',
        {
          class: 'filters',
          onsubmit: (e) => {
            e.preventDefault();
            const m = useMonth.value || thisMonth();
            apply({ use: useYear.checked ? m.slice(0, 4) : m });
          },
        },
        field({ label: t('svc.use.month'), input: useMonth }),
        field({ label: t('svc.use.wholeYear'), input: useYear }),
        h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn' }, t('svc.use.show'))),
      ),
      use,
    ),
  );

  if (region) {
    get('services/catalogue', { region })
      .then((cat) => {
        for (const i of cat.items) item.append(h('option', { value: i.code, selected: i.code === f.item }, i.name));
      })
      .catch(() => {});
    // the providers of the region, for the filter
    get('facilities', { region, per_page: 200, sort: 'name' })
      .then((d) => {
        for (const x of d.items) facility.append(h('option', { value: String(x.id), selected: String(x.id) === f.facility }, x.name));
      })
      .catch(() => {});
  }

  const loadList = async () => {
    let data;
    try {
      data = await get('services/orders', { region: f.region || undefined, status: f.status === 'all' ? undefined : f.status, item: f.item || undefined, facility: f.facility || undefined, month: f.month || undefined, limit: 500 });
    } catch (e) {
      if (isCurrent()) replace(list, errorBox(e));
      return;
    }
    if (!isCurrent()) return;
    replace(counts, STATUSES.map((s) => h('span', { class: 'tag', 'data-count': s }, `${label('svc.status', s)} ${fmtNum(data.counts[s] || 0)}`)), h('span', { class: 'tag' }, t('svc.admin.total', { n: fmtNum(data.total) })));
    const rows = [];
    for (const o of data.items) {
      const detail = h('tr', { class: 'diff-row', hidden: true }, h('td', { colspan: 6 }));
      const more = h('button', { type: 'button', class: 'btn btn-small btn-ghost' }, t('svc.orders.timeline'));
      more.addEventListener('click', async () => {
        if (!detail.hidden) {
          detail.hidden = true;
          return;
        }
        replace(detail.firstChild, timeline(await get(`services/orders/${o.id}`)));
        detail.hidden = false;
      });
      const actions = [more];
      if (['placed', 'accepted', 'scheduled', 'started'].includes(o.status)) {
        const b = h('button', { type: 'button', class: 'btn btn-small', 'data-step': 'cancel' }, t('svc.step.cancel'));
        b.addEventListener('click', async () => {
          try {
            if (await takeStep(o, 'cancel')) await loadList();
          } catch (e) {
            replace(msg, errorBox(e));
          }
        });
        actions.unshift(b);
      }
      rows.push(
        h(
          'tr',
          { 'data-order': String(o.id) },
          h('td', { class: 'cell-name' }, h('strong', null, o.person_name), h('div', { class: 'muted small' }, o.region_name)),
          h('td', null, `${o.item_name} · ${qtyText(o.quantity, o)}`, h('div', { class: 'muted small' }, o.facility_name)),
          h('td', null, yuanText(o.total_fen)),
          h('td', null, fmtDateTime(o.created_at), o.finished_at ? h('div', { class: 'muted small' }, t('svc.finished', { t: fmtDateTime(o.finished_at) })) : null),
          h('td', null, statusTag(o), o.rating ? h('div', { class: 'small' }, '★'.repeat(o.rating)) : null),
          h('td', { class: 'svc-actions' }, actions),
        ),
        detail,
      );
    }
    const table = h(
      'table',
      { class: 'data stack-on-phone', id: 'svc-table' },
      h('thead', null, h('tr', null, [t('svc.col.person'), t('svc.col.item'), t('svc.col.money'), t('svc.col.time'), t('svc.col.status'), t('svc.col.actions')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', null, rows.length ? rows : emptyRow(6, t('svc.admin.none'))),
    );
    replace(list, h('div', { class: 'card table-wrap' }, labelCells(table)));
  };

  const loadUse = async () => {
    if (!region) {
      replace(use);
      return;
    }
    let data;
    try {
      data = await get('services/use', wholeYear ? { region, year: f.use } : { region, month: f.use });
    } catch (e) {
      if (isCurrent()) replace(use, errorBox(e));
      return;
    }
    if (!isCurrent()) return;
    const cells = (r) => [fmtNum(r.orders), r.unit_label !== undefined ? qtyText(fmtNum(r.quantity), r) : fmtNum(r.quantity), yuan(r.total_fen), yuan(r.fen_by_source.self), yuan(r.fen_by_source.entitlement), yuan(r.fen_by_source.voucher), yuan(r.fen_by_source.timebank)];
    const table = h(
      'table',
      { class: 'data stack-on-phone', id: 'svc-use-table' },
      h('thead', null, h('tr', null, [t('svc.use.village'), t('svc.col.item'), t('svc.use.orders'), t('svc.use.quantity'), t('svc.use.total'), t('svc.use.self'), t('svc.use.entitlement'), t('svc.use.voucher'), t('svc.use.timebank')].map((x) => h('th', { scope: 'col' }, x)))),
      h(
        'tbody',
        null,
        data.rows.length ? data.rows.map((r) => h('tr', null, h('td', null, r.region_name), h('td', null, r.item_name), cells(r).map((c) => h('td', null, c)))) : emptyRow(9, t('svc.use.none')),
      ),
      data.rows.length ? h('tfoot', null, h('tr', null, h('th', { scope: 'row', colspan: 2 }, t('svc.use.sum')), cells({ ...data.totals, unit_label: undefined, unit: undefined }).map((c) => h('td', null, c)))) : null,
    );
    replace(use, h('div', { class: 'table-wrap' }, labelCells(table)));
  };

  await Promise.all([loadList(), loadUse()]);
}
