// 消费券: the voucher kinds the region's policy sets, issuing a batch to
// the region (after an in-page dialog saying to whom, how much and until
// when), and the batches seen from the region with what became of their
// vouchers: used (and how much they paid), unused, expired; each batch
// opens by region.
import { askDialog } from '../ui/dialog.js';
import { h, replace } from '../dom.js';
import { t, fmtNum } from '../i18n.js';
import { get, post } from '../api.js';
import { go } from '../router.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox, field, selectEl, emptyRow, labelCells } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';
import { yuan, mayGrant, itemNames } from './service_money_common.js';

function addDays(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function kindLine(k) {
  return t('svcm.v.kindLine', {
    name: k.name,
    face: yuan(k.face_fen),
    days: k.valid_days,
    min: k.min_order_fen ? t('svcm.v.minOrder', { v: yuan(k.min_order_fen) }) : '',
    items: k.items.length ? t('svcm.v.itemsFor', { items: itemNames(k.items) }) : t('svcm.v.anyItem'),
  });
}

function countCells(c) {
  return [
    h('td', { class: 'num' }, t('svcm.v.count', { n: fmtNum(c.issued) })),
    h('td', { class: 'num' }, t('svcm.v.countFen', { n: fmtNum(c.redeemed), fen: yuan(c.redeemed_fen) })),
    h('td', { class: 'num' }, t('svcm.v.count', { n: fmtNum(c.unused) })),
    h('td', { class: 'num' }, t('svcm.v.count', { n: fmtNum(c.expired) })),
  ];
}

async function renderBatches(box, region, msg) {
  replace(box, loading());
  let data;
  try {
    data = await get('services/voucher-batches', { region });
  } catch (e) {
    replace(box, errorBox(e));
    return;
  }
  const rows = [];
  for (const b of data.items) {
    const detail = h('tr', { class: 'diff-row', hidden: true }, h('td', { colspan: 7 }));
    const btn = h('button', { type: 'button', class: 'btn btn-small btn-ghost' }, t('svcm.v.byRegion'));
    btn.addEventListener('click', async () => {
      if (!detail.hidden) {
        detail.hidden = true;
        btn.textContent = t('svcm.v.byRegion');
        return;
      }
      try {
        const full = await get(`services/voucher-batches/${b.id}`, { region });
        const sub = h(
          'table',
          { class: 'data' },
          h('tbody', null, [full.total, ...full.rows].map((r) => h('tr', null, h('td', { class: 'cell-name' }, r.name), ...countCells(r)))),
        );
        replace(detail.firstChild, sub);
        detail.hidden = false;
        btn.textContent = t('svcm.v.hideRegion');
      } catch (e) {
        replace(msg, errorBox(e));
      }
    });
    rows.push(
      h(
        'tr',
        { dataset: { batch: String(b.id) } },
        h('td', { class: 'cell-name' }, h('strong', null, b.name), h('div', null, btn)),
        h('td', { class: 'num' }, yuan(b.face_fen)),
        h('td', null, `${b.issued_on} ~ ${b.expires_on}`),
        ...countCells(b.counts),
      ),
      detail,
    );
  }
  const cols = ['batch', 'face', 'valid', 'issued', 'redeemed', 'unused', 'expired'];
  const tbl = h(
    'table',
    { class: 'data stack-on-phone', id: 'svcm-batches' },
    h('thead', null, h('tr', null, cols.map((k, i) => h('th', { scope: 'col', class: i === 1 || i >= 3 ? 'num' : null }, t(`svcm.v.col.${k}`))))),
    h('tbody', null, rows.length ? rows : emptyRow(7, t('svcm.v.none'))),
  );
  replace(box, h('p', { class: 'muted small' }, t('svcm.v.asOf', { d: data.as_of })), h('div', { class: 'table-wrap' }, labelCells(tbl)));
}

export async function render(main, { query, isCurrent }) {
  const region = query.region || state.user.region || '';
  const picker = regionPicker({ value: region, onChange: (code) => go('services/vouchers', { region: code || undefined }) });
  const msg = h('div', { 'aria-live': 'polite', id: 'svcm-msg' });
  const policy = h('div', { class: 'card', id: 'svcm-kinds' }, loading());
  const batches = h('div', { class: 'card', id: 'svcm-batches-box' });
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('svcm.v.title'))),
    h('p', { class: 'muted' }, t('svcm.v.lead')),
    h('div', { class: 'card filters' }, field({ label: t('svcm.region'), input: picker.select, control: picker.el })),
    msg,
    policy,
    h('section', null, h('h2', { class: 'section-title' }, t('svcm.v.batches')), batches),
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
  let form = null;
  if (mayGrant() && opts.kinds.length) {
    const kindSel = selectEl(opts.kinds.map((k) => [k.id, k.name]), opts.kinds[0].id, { id: 'svcm-kind' });
    const name = h('input', { type: 'text', id: 'svcm-name', maxlength: 60, placeholder: t('svcm.v.nameHint') });
    const issue = h('button', { type: 'submit', class: 'btn btn-primary', id: 'svcm-issue' }, t('svcm.v.issue'));
    form = h(
      'form',
      {
        class: 'filters',
        onsubmit: async (e) => {
          e.preventDefault();
          const k = opts.kinds.find((x) => x.id === kindSel.value);
          const until = addDays(today(), k.valid_days - 1);
          const rname = picker.select.selectedOptions[0] ? picker.select.selectedOptions[0].textContent.trim() : region;
          const ok = await askDialog({ title: t('svcm.v.issue'), consequence: t('svcm.v.issueAsk', { r: rname, k: name.value.trim() || k.name, face: yuan(k.face_fen), until }), okText: t('svcm.v.issue') });
          if (ok === null) return;
          issue.disabled = true;
          try {
            const body = { region, kind: k.id };
            if (name.value.trim()) body.name = name.value.trim();
            const r = await post('services/voucher-batches', body);
            replace(msg, alertBox('ok', t('svcm.v.issueDone', { n: fmtNum(r.issued), until: r.expires_on })));
            renderBatches(batches, region, msg);
          } catch (err) {
            replace(msg, errorBox(err));
          } finally {
            issue.disabled = false;
          }
        },
      },
      field({ label: t('svcm.v.kind'), input: kindSel }),
      field({ label: t('svcm.v.name'), input: name }),
      h('div', { class: 'form-actions' }, issue),
    );
  }
  replace(
    policy,
    opts.kinds.length ? opts.kinds.map((k) => h('p', { class: 'svcm-kind' }, kindLine(k), k.note ? h('div', { class: 'muted small' }, k.note) : null)) : h('p', { class: 'muted' }, t('svcm.v.noKind')),
    form,
  );
  renderBatches(batches, region, msg);
}
