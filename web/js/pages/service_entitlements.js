// 服务额度: government-purchased service entitlements of a region. The
// policy's schemes (name, yearly amount, items), a grant run for the
// region and year, the use report by region and item as the server
// computed it (the rate is its exact text, never recomputed here), and
// one person's entitlements with the orders that drew on them. Every
// grant asks first in an in-page dialog that says what it does.
import { askDialog } from '../ui/dialog.js';
import { h, replace } from '../dom.js';
import { t, fmtNum } from '../i18n.js';
import { get, post } from '../api.js';
import { go } from '../router.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox, field, selectEl, labelCells } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';
import { yuan, mayGrant, itemNames } from './service_money_common.js';

function yearOptions() {
  const now = new Date().getFullYear();
  return [now + 1, now, now - 1, now - 2].map((y) => [String(y), t('svcm.yearOpt', { y })]);
}

function reportRow(r, total) {
  return h(
    'tr',
    { class: total ? 'is-total' : null, dataset: { code: r.region } },
    h('td', { class: 'cell-name' }, total ? `${r.name}${t('svcm.ent.whole')}` : r.name),
    h('td', { class: 'num' }, fmtNum(r.persons)),
    h('td', { class: 'num' }, yuan(r.granted_fen)),
    h('td', { class: 'num' }, yuan(r.used_fen)),
    h('td', { class: 'num svcm-rate' }, r.use_rate ? `${r.use_rate}%` : t('common.dash')),
    h('td', null, (r.items || []).map((i) => h('div', { class: 'small nowrap' }, t('svcm.ent.itemUse', { name: i.name, orders: fmtNum(i.orders), fen: yuan(i.used_fen) })))),
  );
}

async function renderReport(box, region, year) {
  replace(box, loading());
  let data;
  try {
    data = await get('services/entitlements/report', { region, year });
  } catch (e) {
    replace(box, errorBox(e));
    return;
  }
  const cols = ['region', 'persons', 'granted', 'used', 'rate', 'items'];
  const tbl = h(
    'table',
    { class: 'data stack-on-phone', id: 'svcm-report' },
    h('thead', null, h('tr', null, cols.map((k, i) => h('th', { scope: 'col', class: i >= 1 && i <= 4 ? 'num' : null }, t(`svcm.ent.col.${k}`))))),
    h('tbody', null, [reportRow(data.total, true), ...data.rows.map((r) => reportRow(r, false))]),
  );
  replace(box, h('p', { class: 'muted small' }, t('svcm.ent.rule')), h('div', { class: 'table-wrap' }, labelCells(tbl)));
}

function personCard(msg, region) {
  const input = h('input', { type: 'text', id: 'svcm-person', autocomplete: 'off' });
  const out = h('div', { id: 'svcm-person-out' });
  const year = new Date().getFullYear();
  // a name: the registry's matches in the region, each opening its
  // entitlements; a number: that person at once
  const find = async () => {
    const q = input.value.trim();
    if (!q) return;
    if (/^\d+$/.test(q)) {
      show(q);
      return;
    }
    replace(out, loading());
    let data;
    try {
      data = await get('persons', { region: region || undefined, q, kind: 'elderly', per_page: 20 });
    } catch (e) {
      replace(out, errorBox(e));
      return;
    }
    if (!data.items.length) {
      replace(out, h('p', { class: 'muted' }, t('svcm.ent.noMatch')));
      return;
    }
    replace(
      out,
      h(
        'ul',
        { class: 'svcm-matches' },
        data.items.map((p) => {
          const b = h('button', { type: 'button', class: 'btn btn-small btn-ghost', dataset: { person: String(p.id) } }, p.name);
          b.addEventListener('click', () => show(String(p.id)));
          return h('li', null, b, ' ', h('span', { class: 'muted small' }, p.region_name || ''));
        }),
      ),
    );
  };
  const show = async (id) => {
    replace(out, loading());
    let data;
    try {
      data = await get('services/entitlements', { person_id: id });
    } catch (e) {
      replace(out, errorBox(e));
      return;
    }
    const lines = data.items.map((e) =>
      h(
        'div',
        { class: 'svcm-ent', dataset: { id: String(e.id) } },
        h('strong', null, t('svcm.ent.line', { y: e.year, scheme: e.scheme_name, granted: yuan(e.granted_fen), used: yuan(e.used_fen), balance: yuan(e.balance_fen) })),
        e.basis ? h('div', { class: 'muted small' }, t('svcm.ent.basis', { b: e.basis })) : null,
        e.draws.length
          ? h('ul', { class: 'svcm-draws' }, e.draws.map((d) => h('li', { class: d.released ? 'muted' : null }, t('svcm.ent.draw', { id: d.order_id, item: d.item_name, fen: yuan(d.amount_fen) }), d.released ? ` · ${t('svcm.ent.released')}` : '')))
          : h('div', { class: 'muted small' }, t('svcm.ent.noDraw')),
      ),
    );
    const grant = mayGrant()
      ? h('button', { type: 'button', class: 'btn', id: 'svcm-grant' }, t('svcm.ent.grant', { y: year }))
      : null;
    if (grant)
      grant.addEventListener('click', async () => {
        const ok = await askDialog({ title: t('svcm.ent.grant', { y: year }), consequence: t('svcm.ent.grantAsk', { p: data.person_name, y: year }), okText: t('svcm.ent.grant', { y: year }) });
        if (ok === null) return;
        try {
          const r = await post('services/entitlements', { person_id: Number(id) });
          replace(msg, alertBox('ok', t('svcm.ent.grantDone', { p: data.person_name, n: r.granted.length })));
          show(id);
        } catch (e) {
          replace(msg, errorBox(e));
        }
      });
    replace(out, h('p', null, h('strong', null, data.person_name)), lines.length ? lines : h('p', { class: 'muted' }, t('svcm.ent.personNone')), grant);
  };
  return h(
    'section',
    { class: 'card' },
    h('h2', { class: 'card-title' }, t('svcm.ent.person')),
    h(
      'form',
      {
        class: 'filters',
        onsubmit: (e) => {
          e.preventDefault();
          find();
        },
      },
      field({ label: t('svcm.ent.personId'), input }),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn' }, t('svcm.ent.personLook'))),
    ),
    out,
  );
}

export async function render(main, { query, isCurrent }) {
  const region = query.region || state.user.region || '';
  const year = query.year || String(new Date().getFullYear());
  const apply = (changes) => go('services/entitlements', { region, year, ...changes });
  const picker = regionPicker({ value: region, onChange: (code) => apply({ region: code || undefined }) });
  const yearSel = selectEl(yearOptions(), year, { id: 'svcm-year', onchange: (e) => apply({ year: e.target.value }) });
  const msg = h('div', { 'aria-live': 'polite', id: 'svcm-msg' });
  const policy = h('div', { class: 'card', id: 'svcm-policy' }, loading());
  const report = h('div', { class: 'card', id: 'svcm-report-box' });
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('svcm.ent.title'))),
    h('p', { class: 'muted' }, t('svcm.ent.lead')),
    h('div', { class: 'card filters' }, field({ label: t('svcm.region'), input: picker.select, control: picker.el }), field({ label: t('svcm.year'), input: yearSel })),
    msg,
    policy,
    h('section', null, h('h2', { class: 'section-title' }, t('svcm.ent.report')), report),
    personCard(msg, region),
  );
  if (!region) {
    replace(policy, h('p', { class: 'muted' }, t('users.regionPick')));
    return;
  }
  let opts;
  try {
    opts = await get('services/money-options', { region });
  } catch (e) {
    if (isCurrent()) replace(policy, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  const run = mayGrant() && opts.schemes.length ? h('button', { type: 'button', class: 'btn btn-primary', id: 'svcm-run' }, t('svcm.ent.run')) : null;
  if (run)
    run.addEventListener('click', async () => {
      const name = picker.select.selectedOptions[0] ? picker.select.selectedOptions[0].textContent.trim() : region;
      const ok = await askDialog({ title: t('svcm.ent.run'), consequence: t('svcm.ent.runAsk', { r: name, y: year }), okText: t('svcm.ent.run') });
      if (ok === null) return;
      run.disabled = true;
      try {
        const r = await post('services/entitlements/run', { region, year: Number(year) });
        replace(msg, alertBox('ok', t('svcm.ent.runDone', { r: name, y: r.year, scanned: fmtNum(r.scanned), eligible: fmtNum(r.eligible), granted: fmtNum(r.granted), already: fmtNum(r.already), fen: yuan(r.granted_fen) })));
        renderReport(report, region, year);
      } catch (e) {
        replace(msg, errorBox(e));
      } finally {
        run.disabled = false;
      }
    });
  replace(
    policy,
    h('h2', { class: 'card-title' }, t('svcm.ent.schemes')),
    opts.schemes.length
      ? opts.schemes.map((s) => h('p', { class: 'svcm-scheme' }, t('svcm.ent.scheme', { name: s.name, amount: yuan(s.yearly_fen), items: itemNames(s.items) }), s.note ? h('div', { class: 'muted small' }, s.note) : null))
      : h('p', { class: 'muted' }, t('svcm.ent.noScheme')),
    run ? h('div', { class: 'form-actions' }, run) : null,
  );
  renderReport(report, region, year);
}
