// 发放审批: a payment in three steps (经办 → 审核 → 审批). A batch is the
// trial an official prepared; its 公示 list (every line and every person
// left out, with the reason) is paged here and exported for posting; a
// second official checks it, a third approves it, and only the approval
// writes the ledger. Each step asks in a dialog on the page, saying what
// it does.
import { askDialog } from '../ui/dialog.js';
import { h, replace } from '../dom.js';
import { t, fmtNum, fmtDateTime } from '../i18n.js';
import { api, get, post, download } from '../api.js';
import { go } from '../router.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox, field, selectEl, busy, errorText, emptyRow, pager, labelCells } from '../ui/common.js';

const PER_PAGE = 20;

// fen → "1,234.50 元", integer arithmetic (the server keeps fen)
function yuan(fen) {
  const neg = fen < 0;
  const a = Math.abs(fen);
  return `${neg ? '-' : ''}${fmtNum(Math.floor(a / 100))}.${String(a % 100).padStart(2, '0')}${t('sub.yuanUnit')}`;
}

function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// A step's dialog (ui/dialog.js): the consequence in words, an optional
// note, and the two buttons. Resolves to the note (or '' without one), or
// null when cancelled.
export async function confirmStep({ title, consequence, okText, note, noteRequired }) {
  const v = await askDialog({
    title,
    consequence,
    okText,
    className: 'batch-dialog',
    fields: note ? [{ label: note, rows: 3, required: noteRequired }] : [],
  });
  return v === null ? null : v[0] || '';
}

function stepLine(label, s) {
  if (!s) return null;
  return h('li', null, h('strong', null, label), ` ${s.by} · ${fmtDateTime(s.at)}`, s.note ? h('div', { class: 'muted small' }, s.note) : null);
}

function budgetFacts(b) {
  if (!b) return h('p', { class: 'muted' }, t('batch.noBudget'));
  return h(
    'dl',
    { class: 'facts batch-budget' },
    [
      [t('batch.budget', { year: b.year }), yuan(b.budget_fen)],
      [t('batch.spent'), yuan(b.spent_fen)],
      [t('batch.thisRun'), yuan(b.this_run_fen)],
      [t('batch.remaining'), yuan(b.remaining_fen)],
    ].map(([k, v]) => [h('dt', null, k), h('dd', { class: b.over && k === t('batch.remaining') ? 'over' : null }, v)]),
  );
}

async function renderNotice(box, id, list, page) {
  replace(box, loading());
  let n;
  try {
    n = await get(`subsidies/batches/${id}/notice`, { list, page, per_page: PER_PAGE });
  } catch (e) {
    replace(box, errorBox(e));
    return;
  }
  const excluded = list === 'excluded';
  const head = [t('batch.seq'), t('batch.name'), t('batch.idMasked'), t('batch.village'), t('batch.township'), excluded ? t('batch.why') : t('batch.amount')];
  replace(
    box,
    labelCells(h(
      'table',
      { class: 'data stack-on-phone batch-notice' },
      h('thead', null, h('tr', null, head.map((x) => h('th', { scope: 'col' }, x)))),
      h(
        'tbody',
        null,
        n.items.length
          ? n.items.map((i) =>
              h('tr', null, h('td', null, String(i.seq)), h('td', null, i.name), h('td', null, i.id_masked), h('td', null, i.village), h('td', null, i.township), excluded ? h('td', null, i.reason) : h('td', { class: 'num' }, yuan(i.fen))),
            )
          : emptyRow(head.length, excluded ? t('batch.noneExcluded') : t('sub.nothingToPay')),
      ),
    )),
    pager({ total: n.total, page: n.page, perPage: PER_PAGE, onPage: (p) => renderNotice(box, id, list, p) }),
  );
}

async function renderBatch(body, id, notice) {
  replace(body, loading());
  let b;
  try {
    b = await get(`subsidies/batches/${id}`);
  } catch (e) {
    replace(body, errorBox(e));
    return;
  }
  const msg = h('div', { 'aria-live': 'polite' }, notice || null);
  const listSel = selectEl([['lines', t('batch.listLines')], ['excluded', t('batch.listExcluded')]], 'lines', { 'aria-label': t('batch.list') });
  const noticeBox = h('div', null);
  // the server refuses a step to whoever took an earlier one; the page
  // does not offer it to them
  const me = state.user && state.user.username;
  const mine = me && ((b.prepared && b.prepared.by === me) || (b.status === 'checked' && b.checked && b.checked.by === me));
  const open = !mine && (b.status === 'prepared' || b.status === 'checked');
  const act = async (action, btn, opts) => {
    const note = await confirmStep(opts);
    if (note === null) return;
    await busy(btn, t('common.saving'), async () => {
      try {
        await post(`subsidies/batches/${id}/${action}`, { note });
        renderBatch(body, id, alertBox('ok', t(`batch.done.${action}`)));
      } catch (e) {
        replace(msg, alertBox('error', errorText(e)));
      }
    });
  };
  const buttons = [];
  const total = yuan(b.total_fen);
  if (open && b.status === 'prepared') {
    const c = h('button', { type: 'button', class: 'btn btn-primary' }, t('batch.check'));
    c.addEventListener('click', () => act('check', c, { title: t('batch.check'), consequence: t('batch.checkConsequence', { n: fmtNum(b.lines), amount: total }), okText: t('batch.check'), note: t('batch.note') }));
    buttons.push(c);
  }
  if (open && b.status === 'checked') {
    const a = h('button', { type: 'button', class: 'btn btn-primary' }, t('batch.approve'));
    a.addEventListener('click', () => act('approve', a, { title: t('batch.approve'), consequence: t('batch.approveConsequence', { n: fmtNum(b.lines), amount: total }), okText: t('batch.approve'), note: t('batch.note') }));
    buttons.push(a);
  }
  if (open) {
    const r = h('button', { type: 'button', class: 'btn' }, t('batch.return'));
    r.addEventListener('click', () => act('return', r, { title: t('batch.return'), consequence: t('batch.returnConsequence'), okText: t('batch.return'), note: t('batch.returnNote'), noteRequired: true }));
    buttons.push(r);
  }
  const exportBtn = (format) => {
    const e = h('button', { type: 'button', class: 'btn btn-small' }, t(`batch.export.${format}`));
    e.addEventListener('click', () =>
      busy(e, t('common.saving'), async () => {
        try {
          const { blob, filename } = await download(`subsidies/batches/${id}/notice`, { format });
          saveBlob(blob, filename);
        } catch (err) {
          replace(msg, alertBox('error', errorText(err)));
        }
      }),
    );
    return e;
  };
  listSel.addEventListener('change', () => renderNotice(noticeBox, id, listSel.value, 1));
  replace(
    body,
    h('p', null, h('a', { href: `#/subsidies?tab=batches&region=${b.region}` }, t('batch.back'))),
    msg,
    h('h2', null, t('batch.heading', { scheme: b.scheme_name || b.scheme, period: b.period }), ' ', h('span', { class: `badge batch-${b.status}` }, t(`batch.status.${b.status}`))),
    h(
      'dl',
      { class: 'facts' },
      [
        [t('batch.lines'), `${fmtNum(b.lines)} · ${total}`],
        [t('batch.excludedCount'), fmtNum(b.excluded)],
      ].map(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
    ),
    h('ul', { class: 'batch-steps' }, stepLine(t('batch.step.prepared'), b.prepared), stepLine(t('batch.step.checked'), b.checked), stepLine(t('batch.step.approved'), b.approved), stepLine(t('batch.step.returned'), b.returned)),
    (b.warnings || []).map((w) => alertBox('info', w)),
    h('h3', null, t('batch.budgetTitle')),
    budgetFacts(b.budget),
    buttons.length ? h('div', { class: 'form-actions' }, buttons) : null,
    h('h3', null, t('batch.noticeTitle')),
    h('div', { class: 'filters' }, field({ label: t('batch.list'), input: listSel }), exportBtn('csv'), ' ', exportBtn('xlsx')),
    noticeBox,
  );
  renderNotice(noticeBox, id, 'lines', 1);
}

// "1234.5" → 123450 fen, by the digits (no binary fractions); null when
// it is not an amount of yuan to the 分.
export function fenOf(text) {
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(String(text).trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0'));
}

// The year's budgets of the region, and a form to set one.
async function budgetPanel(region, schemes) {
  const box = h('section', { class: 'panel batch-budgets' }, h('h3', null, t('batch.budgetTitle')));
  if (!region) return box;
  let list;
  try {
    list = (await get('subsidies/budgets', { region })).items;
  } catch (e) {
    box.append(errorBox(e));
    return box;
  }
  const msg = h('div', { 'aria-live': 'polite' });
  const scheme = selectEl(schemes.map((x) => [x.id, x.name_zh]), schemes.length ? schemes[0].id : '', { id: 'budget-scheme' });
  const year = h('input', { type: 'text', inputmode: 'numeric', id: 'budget-year', size: 6, value: String(new Date().getFullYear()) });
  const amount = h('input', { type: 'text', inputmode: 'decimal', id: 'budget-amount', size: 14, placeholder: '120000.00' });
  const save = h('button', { type: 'button', class: 'btn' }, t('batch.budgetSave'));
  save.addEventListener('click', () => {
    const fen = fenOf(amount.value);
    if (fen === null) {
      replace(msg, alertBox('error', t('batch.budgetBad')));
      return;
    }
    return busy(save, t('common.saving'), async () => {
      try {
        await api('PUT', 'subsidies/budgets', { json: { scheme: scheme.value, year: Number(year.value), region, amount_fen: fen } });
        go('subsidies', { tab: 'batches', region });
      } catch (e) {
        replace(msg, alertBox('error', errorText(e)));
      }
    });
  });
  box.append(
    labelCells(h(
      'table',
      { class: 'data compact stack-on-phone' },
      h('thead', null, h('tr', null, [t('sub.scheme'), t('batch.year'), t('batch.budgetAmount'), t('batch.spent'), t('batch.left')].map((x) => h('th', { scope: 'col' }, x)))),
      h(
        'tbody',
        null,
        list.length
          ? list.map((b) => h('tr', null, h('td', null, (schemes.find((x) => x.id === b.scheme) || {}).name_zh || b.scheme), h('td', null, String(b.year)), h('td', { class: 'num' }, yuan(b.budget_fen)), h('td', { class: 'num' }, yuan(b.spent_fen)), h('td', { class: 'num' }, yuan(b.remaining_fen))))
          : emptyRow(5, t('batch.noBudget')),
      ),
    )),
    h('div', { class: 'form-grid' }, field({ label: t('sub.scheme'), input: scheme }), field({ label: t('batch.year'), input: year }), field({ label: t('batch.budgetAmount'), input: amount, hint: t('batch.budgetHint') }), h('div', { class: 'form-actions' }, save)),
    msg,
  );
  return box;
}

export async function renderBatches(body, query) {
  if (query.id) return renderBatch(body, Number(query.id));
  const region = query.region || (state.user && state.user.region) || '';
  let data;
  let schemes = [];
  try {
    data = await get('subsidies/batches', region ? { region } : {});
    if (region) schemes = (await get('subsidies/schemes', { region })).items;
  } catch (e) {
    replace(body, errorBox(e));
    return;
  }
  // schemes by their names, never their ids
  const nameOf = (id) => (schemes.find((x) => x.id === id) || {}).name_zh || id;
  const budgets = await budgetPanel(region, schemes);
  replace(
    body,
    h('p', { class: 'muted' }, t('batch.intro')),
    budgets,
    labelCells(h(
      'table',
      { class: 'data stack-on-phone batch-list' },
      h('thead', null, h('tr', null, ['#', t('sub.scheme'), t('sub.period'), t('batch.lines'), t('batch.statusLabel'), t('batch.step.prepared')].map((x) => h('th', { scope: 'col' }, x)))),
      h(
        'tbody',
        null,
        data.items.length
          ? data.items.map((b) =>
              h(
                'tr',
                null,
                h('td', null, h('a', { href: `#/subsidies?tab=batches&id=${b.id}` }, String(b.id))),
                h('td', null, nameOf(b.scheme)),
                h('td', null, b.period),
                h('td', { class: 'num' }, `${fmtNum(b.lines)} · ${yuan(b.total_fen)}`),
                h('td', null, t(`batch.status.${b.status}`)),
                h('td', null, b.prepared ? `${b.prepared.by} · ${fmtDateTime(b.prepared.at)}` : ''),
              ),
            )
          : emptyRow(6, t('batch.none')),
      ),
    )),
  );
}

// The run tab's last step: the trial becomes a batch for checking.
export async function prepareBatch(p, lines, amountFen, btn, out) {
  const note = await confirmStep({
    title: t('batch.prepare'),
    consequence: t('batch.prepareConsequence', { n: fmtNum(lines), amount: yuan(amountFen) }),
    okText: t('batch.prepare'),
    note: t('batch.note'),
  });
  if (note === null) return;
  await busy(btn, t('sub.running'), async () => {
    try {
      const b = await post('subsidies/batches', { ...p, note });
      go('subsidies', { tab: 'batches', id: b.id });
    } catch (e) {
      replace(out, alertBox('error', errorText(e)));
    }
  });
}
