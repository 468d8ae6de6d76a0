// 补贴 (admins, city and county officials): run a scheme for a period as a
// trial first and commit only what the trial showed, with who was not paid
// for a data reason; the ledger with its reasons, reversals, their lifts and
// the bank file; holds and amounts owed; applications to review.
import { h, replace, clear, today } from '../dom.js';
import { t, fmtNum, fmtDateTime, getLang } from '../i18n.js';
import { get, post } from '../api.js';
import { go } from '../router.js';
import { state } from '../state.js';
import { regionNames } from '../regions.js';
import { loading, errorBox, alertBox, field, selectEl, busy, errorText, emptyRow, pager, labelCells } from '../ui/common.js';
import { beneficiaryNames } from './beneficiaries.js';
import { regionPicker } from '../ui/region_picker.js';
import { askDialog } from '../ui/dialog.js';
import { tableActions } from '../ui/table_export.js';
import { renderBatches, prepareBatch } from './subsidy_batches.js';
import { bankPanel, withoutAccount } from './payee_bank_panel.js';

const TABS = ['run', 'batches', 'ledger', 'holds', 'applications'];
const LEDGER_PER_PAGE = 50;
// the shared pager's page sizes
const LEDGER_PER_PAGE_CHOICES = [20, 50, 100];

// fen → "1,234.50 元" (integer arithmetic; the server keeps fen)
export function yuan(fen) {
  const neg = fen < 0;
  const a = Math.abs(fen);
  const whole = Math.floor(a / 100);
  const cents = a % 100;
  const text = fmtNum(whole) + (cents ? `.${String(cents).padStart(2, '0')}` : '');
  return `${neg ? '-' : ''}${text}${t('sub.yuanUnit')}`;
}

function schemeName(s) {
  return getLang() === 'zh' ? s.name_zh : s.name_en || s.name_zh;
}

// The period a scheme is run for by default: this month, or this year.
export function defaultPeriod(frequency, day) {
  return frequency === 'yearly' ? day.slice(0, 4) : day.slice(0, 7);
}

function tabBar(current) {
  return h(
    'nav',
    { class: 'tabs', 'aria-label': t('sub.title') },
    TABS.map((k) =>
      h('a', { href: `#/subsidies?tab=${k}`, class: ['tab', k === current && 'is-current'], 'aria-current': k === current ? 'page' : null }, t(`sub.tab.${k}`)),
    ),
  );
}

async function loadSchemes(region) {
  if (!region) return [];
  return (await get('subsidies/schemes', { region })).items;
}

function summaryTable(title, obj, keyCell) {
  const keys = Object.keys(obj || {});
  return h(
    'section',
    { class: 'panel' },
    h('h3', null, title),
    h(
      'table',
      { class: 'data compact' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, ''), h('th', { scope: 'col', class: 'num' }, t('sub.count')), h('th', { scope: 'col', class: 'num' }, t('sub.amount')))),
      h(
        'tbody',
        null,
        keys.length ? keys.map((k) => h('tr', null, h('th', { scope: 'row' }, keyCell(k)), h('td', { class: 'num' }, fmtNum(obj[k].count)), h('td', { class: 'num' }, yuan(obj[k].fen)))) : emptyRow(3),
      ),
    ),
  );
}

// Who was not paid for a data reason, and why (the run lists them).
function exceptionsTable(res) {
  const ex = res.exceptions || [];
  return h(
    'section',
    { class: 'sub-exceptions' },
    h('h3', null, t('sub.exceptions', { n: fmtNum(res.exceptions_count || 0) })),
    (res.warnings || []).map((w) => alertBox('info', w)),
    res.offsets ? h('p', { class: 'muted' }, t('sub.offsets', { n: fmtNum(res.offsets), amount: yuan(res.offsets_fen) })) : null,
    labelCells(h(
      'table',
      { class: 'data stack-on-phone' },
      h('thead', null, h('tr', null, [t('sub.beneficiary'), t('sub.exceptionKind'), t('sub.reason')].map((x) => h('th', { scope: 'col' }, x)))),
      h(
        'tbody',
        null,
        ex.length
          ? ex.map((e) => h('tr', null, h('td', null, e.beneficiary), h('td', null, t(`sub.exception.${e.code}`)), h('td', null, e.reason)))
          : emptyRow(3, t('sub.noExceptions')),
      ),
    )),
  );
}

async function renderRun(body, region) {
  const picker = regionPicker({ value: region, onChange: (code) => code && go('subsidies', { tab: 'run', region: code }) });
  const schemeSel = h('select', { id: 'sub-scheme' });
  const period = h('input', { type: 'text', id: 'sub-period', inputmode: 'numeric', placeholder: '2026-11 / 2026', size: 10 });
  const trialBtn = h('button', { type: 'button', class: 'btn btn-primary' }, t('sub.trial'));
  // a trial becomes a batch (经办) that two more officials check and
  // approve before the ledger is written (subsidy_batches.js)
  const commitBtn = h('button', { type: 'button', class: 'btn', disabled: true }, t('batch.prepare'));
  const out = h('div', { class: 'sub-out', 'aria-live': 'polite' });
  replace(
    body,
    h(
      'form',
      { class: 'form-grid', onsubmit: (e) => e.preventDefault() },
      field({ label: t('sub.region'), input: picker.select, control: picker.el, required: true }),
      field({ label: t('sub.scheme'), input: schemeSel, required: true }),
      field({ label: t('sub.period'), input: period, required: true, hint: t('sub.periodHint') }),
      h('div', { class: 'form-actions' }, trialBtn, commitBtn),
    ),
    out,
  );
  let schemes = [];
  try {
    schemes = await loadSchemes(region);
  } catch (e) {
    replace(out, errorBox(e));
    return;
  }
  if (!schemes.length) {
    replace(out, alertBox('info', region ? t('sub.noSchemes') : t('sub.pickRegion')));
    trialBtn.disabled = true;
    return;
  }
  for (const s of schemes) schemeSel.append(h('option', { value: s.id }, `${schemeName(s)}（${t(`sub.freq.${s.frequency}`)}）`));
  const chosen = () => schemes.find((s) => s.id === schemeSel.value);
  period.value = defaultPeriod(chosen().frequency, today());
  let trial = null; // the parameters of the last trial shown
  const params = () => ({ scheme: schemeSel.value, period: period.value.trim(), region });
  const same = (a, b) => a && b && a.scheme === b.scheme && a.period === b.period && a.region === b.region;
  const invalidate = () => {
    trial = null;
    commitBtn.disabled = true;
  };
  schemeSel.addEventListener('change', () => {
    period.value = defaultPeriod(chosen().frequency, today());
    invalidate();
    clear(out);
  });
  period.addEventListener('input', invalidate);

  async function show(res, committed) {
    const names = await regionNames(Object.keys(res.by_region || {}));
    const scheme = chosen();
    replace(
      out,
      alertBox(committed ? 'ok' : 'info', committed ? t('sub.committed', { n: fmtNum(res.lines) }) : t('sub.trialDone')),
      h(
        'dl',
        { class: 'facts' },
        [
          [t('sub.scheme'), scheme ? schemeName(scheme) : res.scheme],
          [t('sub.period'), res.period],
          [t('sub.evaluated'), fmtNum(res.evaluated)],
          [t('sub.eligible'), fmtNum(res.eligible)],
          [t('sub.due'), yuan(res.due_fen)],
          [t('sub.lines'), `${fmtNum(res.lines)} · ${yuan(res.lines_fen)}`],
          // the year's budget, where one is set: spent, this run, remaining
          ...(res.budget
            ? [
                [t('batch.budget', { year: res.budget.year }), yuan(res.budget.budget_fen)],
                [t('batch.spent'), yuan(res.budget.spent_fen)],
                [t('batch.remaining'), yuan(res.budget.remaining_fen)],
              ]
            : []),
        ].map(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
      ),
      h('div', { class: 'panels' }, summaryTable(t('sub.byRegion'), res.by_region, (k) => names.get(k) || k), summaryTable(t('sub.byAmount'), res.by_amount, (k) => yuan(Number(k)))),
      h('h3', null, t('sub.preview')),
      labelCells(h(
        'table',
        { class: 'data stack-on-phone' },
        h('thead', null, h('tr', null, [t('sub.beneficiary'), t('sub.kind'), t('sub.amount'), t('sub.reason')].map((x) => h('th', { scope: 'col' }, x)))),
        h(
          'tbody',
          null,
          res.lines_preview.length
            ? res.lines_preview.map((l) => h('tr', null, h('td', null, l.beneficiary), h('td', null, t(`sub.lineKind.${l.kind}`)), h('td', { class: 'num' }, yuan(l.fen)), h('td', null, l.reason)))
            : emptyRow(4, t('sub.nothingToPay')),
        ),
      )),
      exceptionsTable(res),
      withoutAccount(res),
    );
  }

  trialBtn.addEventListener('click', () =>
    busy(trialBtn, t('sub.running'), async () => {
      const p = params();
      try {
        const res = await post('subsidies/runs', { ...p, dry_run: true });
        trial = { ...p, lines: res.lines, fen: res.lines_fen };
        commitBtn.disabled = res.lines === 0;
        await show(res, false);
      } catch (e) {
        invalidate();
        replace(out, alertBox('error', errorText(e)));
      }
    }),
  );
  commitBtn.addEventListener('click', () => {
    const p = params();
    if (!same(p, trial)) return;
    return prepareBatch(p, trial.lines, trial.fen, commitBtn, out);
  });
}

async function renderLedger(body, query, notice) {
  const region = query.region || (state.user && state.user.region) || '';
  const picker = regionPicker({ value: region });
  // schemes by name: an official picks 高龄津贴, not its code
  let schemes = [];
  try {
    schemes = await loadSchemes(region);
  } catch {
    schemes = [];
  }
  const schemeNames = new Map(schemes.map((s) => [s.id, schemeName(s)]));
  const scheme = selectEl([['', t('sub.allSchemes')], ...schemes.map((s) => [s.id, schemeName(s)])], query.scheme || '', {});
  if (query.scheme && !schemeNames.has(query.scheme)) scheme.append(h('option', { value: query.scheme, selected: true }, query.scheme));
  const period = h('input', { type: 'text', value: query.period || '', placeholder: '2026-11', size: 10 });
  // the page and its size travel in the address, as on the other list pages;
  // a new filter starts again at page 1
  const page = Math.max(1, Math.floor(Number(query.page)) || 1);
  const perPage = LEDGER_PER_PAGE_CHOICES.includes(Number(query.per_page)) ? Number(query.per_page) : LEDGER_PER_PAGE;
  const here = (changes) => ({ tab: 'ledger', region: query.region, scheme: query.scheme, period: query.period, per_page: perPage === LEDGER_PER_PAGE ? undefined : String(perPage), page: page > 1 ? String(page) : undefined, ...changes });
  const apply = () => go('subsidies', here({ region: picker.value || undefined, scheme: scheme.value || undefined, period: period.value.trim() || undefined, page: undefined }));
  const list = h('div', null, loading());
  const msg = h('div', { 'aria-live': 'polite' }, notice || null);
  const bankSlot = h('div');
  replace(
    body,
    h(
      'form',
      { class: 'filters', onsubmit: (e) => (e.preventDefault(), apply()) },
      field({ label: t('sub.region'), input: picker.select, control: picker.el }),
      field({ label: t('sub.scheme'), input: scheme }),
      field({ label: t('sub.period'), input: period }),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.apply'))),
    ),
    tableActions('ledger', () => q),
    msg,
    bankSlot,
    list,
  );
  const q = { region: region || undefined, scheme: query.scheme || undefined, period: query.period || undefined };
  replace(bankSlot, bankPanel(q, t('sub.bankCsv'), t('bank.send'), () => renderLedger(body, query, alertBox('ok', t('sub.bankSent')))));
  // one page of lines from the server (a township's month runs to
  // thousands); count and total_fen are of every line, not of the page
  let data;
  try {
    data = await get('subsidies/ledger', { ...q, page, per_page: perPage });
  } catch (e) {
    replace(list, errorBox(e));
    return;
  }
  // a line of a scheme not named above (no region chosen, or one of
  // another region's plan) is named from its own region's schemes: an
  // official reads 高龄津贴, never the scheme's code
  const unnamed = new Map();
  for (const l of data.items) if (!schemeNames.has(l.scheme) && !unnamed.has(l.scheme)) unnamed.set(l.scheme, l.region);
  for (const r of new Set(unnamed.values())) {
    try {
      for (const s of await loadSchemes(r)) if (!schemeNames.has(s.id)) schemeNames.set(s.id, schemeName(s));
    } catch {
      // the code stays: better than no line at all
    }
  }
  // a page past the end (a narrower filter, an old address): the last one
  const lastPage = Math.max(1, Math.ceil(data.count / perPage));
  if (!data.items.length && page > lastPage) {
    go('subsidies', here({ page: lastPage > 1 ? String(lastPage) : undefined }));
    return;
  }
  // the server marks a line already taken back, whichever page holds its
  // reversal
  const reversed = new Set(data.items.filter((l) => l.reversed).map((l) => l.id));
  const reverse = async (l, btn) => {
    const v = await askDialog({ title: t('sub.reverse'), consequence: t('sub.reverseConsequence', { id: l.id, amount: yuan(l.fen) }), okText: t('sub.reverse'), fields: [{ label: t('sub.reversePrompt', { id: l.id }), rows: 2, required: true }] });
    if (!v) return;
    const [reason] = v;
    busy(btn, t('common.saving'), async () => {
      try {
        const r = await post(`subsidies/ledger/${l.id}/reverse`, { reason });
        renderLedger(body, query, alertBox('ok', t('sub.reversed', { id: l.id, amount: yuan(r.fen) })));
      } catch (e) {
        replace(msg, alertBox('error', errorText(e)));
      }
    });
  };
  const lift = async (l, btn) => {
    const v = await askDialog({ title: t('sub.lift'), consequence: t('sub.liftConsequence', { id: l.reverses }), okText: t('sub.lift'), fields: [{ label: t('sub.liftPrompt', { id: l.reverses }), rows: 2, required: true }] });
    if (!v) return;
    const [reason] = v;
    busy(btn, t('common.saving'), async () => {
      try {
        await post(`subsidies/ledger/${l.id}/lift`, { reason });
        renderLedger(body, query, alertBox('ok', t('sub.lifted', { id: l.reverses })));
      } catch (e) {
        replace(msg, alertBox('error', errorText(e)));
      }
    });
  };
  // the beneficiaries' names are looked up for this page's lines only
  const draw = async () => {
    const slice = data.items;
    const names = await beneficiaryNames(slice);
    const who = (l) => {
      const name = names.get(`${l.beneficiary_kind}:${l.beneficiary_id}`);
      const kind = t(`sub.benKind.${l.beneficiary_kind}`);
      const link = l.beneficiary_kind === 'person' ? `#/people/${l.beneficiary_id}` : l.beneficiary_kind === 'institution' ? `#/facilities/${l.beneficiary_id}` : null;
      const text = name || `#${l.beneficiary_id}`;
      return [link ? h('a', { href: link }, text) : text, h('div', { class: 'muted small' }, `${kind} · ${l.beneficiary_id}`)];
    };
    replace(
      list,
      h('p', { class: 'muted' }, t('sub.ledgerTotal', { n: fmtNum(data.count), total: yuan(data.total_fen) })),
      h(
        'div',
        { class: 'table-wrap' },
        labelCells(h(
          'table',
          { class: 'data sub-ledger stack-on-phone' },
          h('thead', null, h('tr', null, ['#', t('sub.scheme'), t('sub.period'), t('sub.beneficiary'), t('sub.kind'), t('sub.amount'), t('sub.reason'), t('sub.at'), ''].map((x) => h('th', { scope: 'col' }, x)))),
          h(
            'tbody',
            null,
            slice.length
              ? slice.map((l) => {
                  const btn = h('button', { type: 'button', class: 'btn btn-small' }, t('sub.reverse'));
                  btn.addEventListener('click', () => reverse(l, btn));
                  const liftBtn = h('button', { type: 'button', class: 'btn btn-small' }, t('sub.lift'));
                  liftBtn.addEventListener('click', () => lift(l, liftBtn));
                  const action = l.kind === 'reversal' ? (l.lifted ? h('span', { class: 'muted small' }, t('sub.liftedMark')) : liftBtn) : reversed.has(l.id) ? null : btn;
                  return h(
                    'tr',
                    { dataset: { line: String(l.id) } },
                    h('td', null, String(l.id)),
                    h('td', null, schemeNames.get(l.scheme) || l.scheme),
                    h('td', null, l.period),
                    h('td', { class: 'ledger-who' }, who(l)),
                    h('td', null, t(`sub.lineKind.${l.kind}`)),
                    h('td', { class: 'num' }, yuan(l.fen)),
                    h('td', null, l.reason),
                    h('td', null, fmtDateTime(l.created_at)),
                    h('td', null, action),
                  );
                })
              : emptyRow(9),
          ),
        )),
      ),
      data.count > perPage || page > 1 || perPage !== LEDGER_PER_PAGE
        ? pager({
            total: data.count,
            page,
            perPage,
            onPage: (n) => go('subsidies', here({ page: n > 1 ? String(n) : undefined })),
            onPerPage: (n) => go('subsidies', here({ per_page: n === LEDGER_PER_PAGE ? undefined : String(n), page: undefined })),
          })
        : null,
    );
  };
  await draw();
}

// 暂停与追缴: holds with their lifts, a form for a new hold, and the
// amounts owed with repayments.
async function renderHolds(body, query, notice) {
  const region = query.region || (state.user && state.user.region) || '';
  const picker = regionPicker({ value: region, onChange: (code) => code && go('subsidies', { tab: 'holds', region: code }) });
  const msg = h('div', { 'aria-live': 'polite' }, notice || null);
  const kind = selectEl([['person', t('sub.benKind.person')], ['institution', t('sub.benKind.institution')]], 'person', { id: 'hold-kind' });
  // the beneficiary is found by name in the region, never typed as a number
  const who = h('select', { id: 'hold-id' }, h('option', { value: '' }, t('sub.holdPickFirst')));
  const search = h('input', { type: 'search', id: 'hold-search', size: 16, placeholder: t('sub.holdSearch') });
  let searchTimer = null;
  const findWho = async () => {
    const q = search.value.trim();
    clear(who);
    if (!q) {
      who.append(h('option', { value: '' }, t('sub.holdPickFirst')));
      return;
    }
    try {
      const person = kind.value === 'person';
      const res = await get(person ? 'persons' : 'facilities', { region, q, per_page: 20 });
      if (!res.items.length) who.append(h('option', { value: '' }, t('sub.holdNoMatch')));
      for (const x of res.items)
        who.append(h('option', { value: String(x.id) }, [x.name, x.region_name, person ? x.id_number : null].filter(Boolean).join(' · ')));
    } catch (e) {
      replace(msg, errorBox(e));
    }
  };
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(findWho, 250);
  });
  kind.addEventListener('change', findWho);
  const scheme = h('select', { id: 'hold-scheme' }, h('option', { value: '' }, t('sub.allSchemes')));
  const from = h('input', { type: 'date', id: 'hold-from', value: today() });
  const why = h('input', { type: 'text', id: 'hold-reason', size: 24 });
  const add = h('button', { type: 'submit', class: 'btn btn-primary' }, t('sub.holdAdd'));
  const holds = h('div', null, loading());
  const owed = h('div', null, loading());
  replace(
    body,
    h('div', { class: 'filters' }, field({ label: t('sub.region'), input: picker.select, control: picker.el })),
    msg,
    h('h2', null, t('sub.holdsTitle')),
    h(
      'form',
      { class: 'form-grid', onsubmit: (e) => (e.preventDefault(), addHold()) },
      field({ label: t('sub.kind'), input: kind }),
      field({ label: t('sub.holdWho'), input: search, control: h('div', { class: 'inline-pair' }, search, who), required: true }),
      field({ label: t('sub.scheme'), input: scheme }),
      field({ label: t('sub.holdFrom'), input: from, required: true }),
      field({ label: t('sub.reason'), input: why, required: true }),
      h('div', { class: 'form-actions' }, add),
    ),
    holds,
    h('h2', null, t('sub.owedTitle')),
    owed,
  );
  try {
    for (const s of await loadSchemes(region)) scheme.append(h('option', { value: s.id }, schemeName(s)));
  } catch (e) {
    replace(msg, errorBox(e));
  }
  function addHold() {
    if (!who.value) {
      replace(msg, alertBox('error', t('sub.holdPickFirst')));
      return;
    }
    const b = { beneficiary_kind: kind.value, beneficiary_id: Number(who.value), from: from.value, reason: why.value.trim() };
    if (scheme.value) b.scheme = scheme.value;
    return busy(add, t('common.saving'), async () => {
      try {
        const r = await post('subsidies/holds', b);
        renderHolds(body, query, alertBox('ok', t('sub.holdAdded', { id: r.id })));
      } catch (e) {
        replace(msg, alertBox('error', errorText(e)));
      }
    });
  }
  const liftHold = async (x, btn) => {
    const v = await askDialog({ title: t('sub.holdLift'), consequence: t('sub.holdLiftConsequence', { id: x.id }), okText: t('sub.holdLift'), fields: [{ label: t('sub.holdLiftOn'), type: 'date', value: today(), required: true }, { label: t('sub.holdLiftReason'), rows: 2, required: true }] });
    if (!v) return;
    const [on, reason] = v;
    busy(btn, t('common.saving'), async () => {
      try {
        await post(`subsidies/holds/${x.id}/lift`, { on, reason });
        renderHolds(body, query, alertBox('ok', t('sub.holdLifted', { id: x.id })));
      } catch (e) {
        replace(msg, alertBox('error', errorText(e)));
      }
    });
  };
  const repay = async (o, btn) => {
    const v = await askDialog({ title: t('sub.repay'), consequence: t('sub.repayConsequence', { owed: yuan(o.owed_fen) }), okText: t('sub.repay'), fields: [{ label: t('sub.repayAmount', { owed: yuan(o.owed_fen) }), inputmode: 'decimal', required: true }, { label: t('sub.repayReason'), rows: 2, required: true }] });
    if (!v) return;
    const [amount, reason] = v;
    busy(btn, t('common.saving'), async () => {
      try {
        await post('subsidies/owed/repaid', { beneficiary_kind: o.beneficiary_kind, beneficiary_id: o.beneficiary_id, yuan: amount.trim(), reason });
        renderHolds(body, query, alertBox('ok', t('sub.repaid')));
      } catch (e) {
        replace(msg, alertBox('error', errorText(e)));
      }
    });
  };
  const q = { region: region || undefined };
  let hd, od;
  try {
    [hd, od] = await Promise.all([get('subsidies/holds', q), get('subsidies/owed', q)]);
  } catch (e) {
    replace(holds, errorBox(e));
    clear(owed);
    return;
  }
  const names = await beneficiaryNames([...hd.items, ...od.items]);
  const whoCell = (x) => names.get(`${x.beneficiary_kind}:${x.beneficiary_id}`) || `${t(`sub.benKind.${x.beneficiary_kind}`)} ${x.beneficiary_id}`;
  replace(
    holds,
    labelCells(h(
      'table',
      { class: 'data stack-on-phone sub-holds' },
      h('thead', null, h('tr', null, ['#', t('sub.beneficiary'), t('sub.scheme'), t('sub.holdFrom'), t('sub.reason'), t('sub.holdState'), ''].map((x) => h('th', { scope: 'col' }, x)))),
      h(
        'tbody',
        null,
        hd.items.length
          ? hd.items.map((x) => {
              const btn = h('button', { type: 'button', class: 'btn btn-small' }, t('sub.holdLift'));
              btn.addEventListener('click', () => liftHold(x, btn));
              return h(
                'tr',
                { dataset: { hold: String(x.id) } },
                h('td', null, String(x.id)),
                h('td', null, whoCell(x)),
                h('td', null, x.scheme ? h('code', null, x.scheme) : t('sub.allSchemes')),
                h('td', null, x.from),
                h('td', null, x.reason),
                h('td', null, x.in_force ? t('sub.holdInForce') : t('sub.holdLiftedOn', { on: x.lifted_on }), x.lift_reason ? h('div', { class: 'muted small' }, x.lift_reason) : null),
                h('td', null, x.in_force ? btn : null),
              );
            })
          : emptyRow(7, t('sub.noHolds')),
      ),
    )),
  );
  replace(
    owed,
    h('p', { class: 'muted' }, t('sub.owedTotal', { n: fmtNum(od.count), total: yuan(od.owed_fen) })),
    labelCells(h(
      'table',
      { class: 'data stack-on-phone sub-owed' },
      h('thead', null, h('tr', null, [t('sub.beneficiary'), t('sub.overpaid'), t('sub.offset'), t('sub.repaidCol'), t('sub.owed'), ''].map((x) => h('th', { scope: 'col' }, x)))),
      h(
        'tbody',
        null,
        od.items.length
          ? od.items.map((o) => {
              const btn = h('button', { type: 'button', class: 'btn btn-small' }, t('sub.repay'));
              btn.addEventListener('click', () => repay(o, btn));
              return h(
                'tr',
                null,
                h('td', null, whoCell(o)),
                h('td', { class: 'num' }, yuan(o.overpaid_fen)),
                h('td', { class: 'num' }, yuan(o.offset_fen)),
                h('td', { class: 'num' }, yuan(o.repaid_fen)),
                h('td', { class: 'num' }, yuan(o.owed_fen)),
                h('td', null, o.owed_fen > 0 ? btn : null),
              );
            })
          : emptyRow(6, t('sub.noOwed')),
      ),
    )),
  );
}

async function renderApplications(body, query, notice) {
  const status = query.status || 'submitted';
  const sel = selectEl(['submitted', 'approved', 'rejected'].map((s) => [s, t(`sub.status.${s}`)]), status, {
    onchange: (e) => go('subsidies', { tab: 'applications', status: e.target.value }),
    'aria-label': t('sub.statusFilter'),
  });
  const msg = h('div', { 'aria-live': 'polite' }, notice || null);
  const list = h('div', null, loading());
  replace(body, h('div', { class: 'filters' }, field({ label: t('sub.statusFilter'), input: sel })), tableActions('applications', () => ({ status })), msg, list);
  let data;
  try {
    data = await get('applications', { status });
  } catch (e) {
    replace(list, errorBox(e));
    return;
  }
  const decide = async (a, decision, btn) => {
    const label = t(decision === 'approve' ? 'sub.approvePrompt' : 'sub.rejectPrompt', { name: a.person_name });
    const v = await askDialog({ consequence: label, okText: t(decision === 'approve' ? 'sub.approve' : 'sub.reject'), fields: [{ label: t('sub.decisionReason'), rows: 2, required: true }] });
    if (!v) return;
    const [reason] = v;
    busy(btn, t('common.saving'), async () => {
      try {
        const r = await post(`applications/${a.id}/decision`, { decision, reason });
        renderApplications(body, query, alertBox('ok', t(`sub.decided.${r.status}`, { name: r.person_name, from: r.eligible_from || '' })));
      } catch (e) {
        replace(msg, alertBox('error', errorText(e)));
      }
    });
  };
  replace(
    list,
    labelCells(h(
      'table',
      { class: 'data stack-on-phone sub-applications' },
      h('thead', null, h('tr', null, ['#', t('sub.applicant'), t('sub.schemeId'), t('sub.relation'), t('sub.precheck'), t('sub.submitted'), t('sub.statusFilter'), ''].map((x) => h('th', { scope: 'col' }, x)))),
      h(
        'tbody',
        null,
        data.items.length
          ? data.items.map((a) => {
              const ok = h('button', { type: 'button', class: 'btn btn-small btn-primary' }, t('sub.approve'));
              const no = h('button', { type: 'button', class: 'btn btn-small' }, t('sub.reject'));
              ok.addEventListener('click', () => decide(a, 'approve', ok));
              no.addEventListener('click', () => decide(a, 'reject', no));
              return h(
                'tr',
                null,
                h('td', null, String(a.id)),
                h('td', null, a.person_name),
                h('td', null, h('code', null, a.scheme)),
                h('td', null, a.relation || t('common.dash')),
                h('td', null, a.precheck),
                h('td', null, fmtDateTime(a.submitted_at)),
                h('td', null, t(`sub.status.${a.status}`), a.decision_reason ? h('div', { class: 'muted small' }, a.decision_reason) : null, a.eligible_from ? h('div', { class: 'muted small' }, t('sub.from', { from: a.eligible_from })) : null),
                h('td', { class: 'actions' }, a.status === 'submitted' ? [ok, ' ', no] : null),
              );
            })
          : emptyRow(8, t('sub.noApplications')),
      ),
    )),
  );
}

export async function render(main, { query }) {
  const tab = TABS.includes(query.tab) ? query.tab : 'run';
  const body = h('div', null, loading());
  replace(main, h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('sub.title'))), tabBar(tab), body);
  if (tab === 'run') await renderRun(body, query.region || (state.user && state.user.region) || '');
  else if (tab === 'batches') await renderBatches(body, query);
  else if (tab === 'ledger') await renderLedger(body, query);
  else if (tab === 'holds') await renderHolds(body, query);
  else await renderApplications(body, query);
}
