// 服务工单: a provider's open orders, today's visits first. Each is taken
// one step further where it stands: accept, schedule (a time), check in,
// check out; or cancelled with a reason before the service starts. Every
// step asks in an in-page dialog that states what it records.
import { h, replace } from '../dom.js';
import { t, fmtDateTime } from '../i18n.js';
import { get } from '../api.js';
import { loading, errorBox, alertBox, emptyRow, labelCells } from '../ui/common.js';
import { yuanText, qtyText, statusTag, timeline, takeStep } from './service_common.js';

const NEXT = { placed: ['accept'], accepted: ['schedule'], scheduled: ['start', 'schedule'], started: ['finish'] };

export async function render(main, { isCurrent }) {
  const msg = h('div', { 'aria-live': 'polite', id: 'svc-msg' });
  const counts = h('p', { class: 'tags', id: 'svc-counts' });
  const list = h('div', null, loading());
  replace(main, h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('svc.work.title'))), h('p', { class: 'muted' }, t('svc.work.lead')), msg, counts, list);

  const load = async () => {
    let data;
    try {
      data = await get('services/queue');
    } catch (e) {
      if (isCurrent()) replace(list, errorBox(e));
      return;
    }
    if (!isCurrent()) return;
    const c = data.counts || {};
    replace(counts, h('span', { class: 'tag' }, t('svc.work.count', { a: c.placed || 0, b: c.accepted || 0, c: c.scheduled || 0, d: c.started || 0 })));
    const rows = [];
    for (const o of data.items) {
      const detail = h('tr', { class: 'diff-row', hidden: true }, h('td', { colspan: 5 }));
      const more = h('button', { type: 'button', class: 'btn btn-small btn-ghost' }, t('svc.orders.timeline'));
      more.addEventListener('click', async () => {
        if (!detail.hidden) {
          detail.hidden = true;
          return;
        }
        try {
          replace(detail.firstChild, timeline(await get(`services/orders/${o.id}`)));
          detail.hidden = false;
        } catch (e) {
          replace(msg, errorBox(e));
        }
      });
      const actions = (NEXT[o.status] || []).map((s) => stepButton(o, s));
      if (o.status !== 'started') actions.push(stepButton(o, 'cancel'));
      actions.push(more);
      const when = [];
      if (o.scheduled_at) when.push(h('div', null, t('svc.orders.scheduled', { w: fmtDateTime(o.scheduled_at) })));
      else if (o.wanted_at) when.push(h('div', null, t('svc.orders.wanted', { w: o.wanted_at.replace('T', ' ') })));
      if (o.started_at) when.push(h('div', { class: 'muted small' }, t('svc.started', { t: fmtDateTime(o.started_at) })));
      rows.push(
        h(
          'tr',
          { 'data-order': String(o.id), class: o.today ? 'is-today' : null },
          h('td', { class: 'cell-name' }, h('strong', null, o.person_name), h('div', { class: 'muted small' }, o.region_name), o.address ? h('div', { class: 'muted small' }, o.address) : null),
          h('td', null, `${o.item_name} · ${qtyText(o.quantity, o)}`, h('div', { class: 'muted small' }, `${o.facility_name} · ${yuanText(o.total_fen)}`), o.note ? h('div', { class: 'muted small' }, o.note) : null),
          h('td', null, o.today ? h('span', { class: 'tag st-behind' }, t('svc.work.today')) : null, when),
          h('td', null, statusTag(o)),
          h('td', { class: 'svc-actions' }, actions),
        ),
        detail,
      );
    }
    const table = h(
      'table',
      { class: 'data stack-on-phone', id: 'svc-table' },
      h('thead', null, h('tr', null, [t('svc.col.person'), t('svc.col.item'), t('svc.col.time'), t('svc.col.status'), t('svc.col.actions')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', null, rows.length ? rows : emptyRow(5, t('svc.work.none'))),
    );
    replace(list, h('div', { class: 'card table-wrap' }, labelCells(table)));
  };

  function stepButton(o, step) {
    const b = h('button', { type: 'button', class: ['btn btn-small', step === 'cancel' ? null : 'btn-primary'], 'data-step': step }, t(`svc.step.${step}`));
    b.addEventListener('click', async () => {
      b.disabled = true;
      try {
        const done = await takeStep(o, step);
        if (done) {
          replace(msg, alertBox('ok', t(`svc.done.${step}`)));
          await load();
          return;
        }
      } catch (e) {
        replace(msg, errorBox(e));
      }
      b.disabled = false;
    });
    return b;
  }

  await load();
}
