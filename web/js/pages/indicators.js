// 指标与通报: the plan indicators of a region for a year, quarter or month,
// grouped as the plan's tables, with a detail panel (source, formula, trend,
// and for officials the form to report a department's value) and the
// bulletin as HTML, CSV or XLSX.
import { h, replace, clear, newId } from '../dom.js';
import { t, getLang } from '../i18n.js';
import { get, api, download, ApiError } from '../api.js';
import { state } from '../state.js';
import { go } from '../router.js';

// A value on a population sum of only some sub-regions says so.
function partialNote(ind) {
  if (!ind.partial) return null;
  const n = getLang() === 'zh' ? ind.partial.note_zh : ind.partial.note;
  return sub(t('ind.partialOf', { n }), false);
}
import { getRegion, startRegion } from '../regions.js';
import { loading, errorBox, alertBox, selectEl, field, setFieldError, busy, errorText } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';
import { formulaText } from '../ui/formula_text.js';
import { lineChart } from '../ui/line_chart.js';
import { compareDialog } from './indicator_compare.js';
import { compareTitle } from '../ui/compare_chart.js';

const STATUSES = ['met', 'on_track', 'behind', 'missed', 'no_data', 'no_target', 'descriptive'];
// a descriptive indicator (no target) is rare: its chip shows only when there is one
const SHOWN_WHEN_ZERO = (s) => s !== 'descriptive';
const OPS = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '' };
const SERIES_RECENT = { month: 12, quarter: 8 };

// ---------- periods: "2025", "2025Q1", "2025-03" ----------

export function parsePeriod(p) {
  let m;
  if ((m = /^(\d{4})$/.exec(p || ''))) return { kind: 'year', year: Number(m[1]) };
  if ((m = /^(\d{4})Q([1-4])$/.exec(p || ''))) return { kind: 'quarter', year: Number(m[1]), q: Number(m[2]) };
  if ((m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(p || ''))) return { kind: 'month', year: Number(m[1]), m: Number(m[2]) };
  return null;
}

export function periodCode(pp) {
  if (pp.kind === 'quarter') return `${pp.year}Q${pp.q}`;
  if (pp.kind === 'month') return `${pp.year}-${String(pp.m).padStart(2, '0')}`;
  return String(pp.year);
}

// the period n steps later (n < 0: earlier), of the same kind
export function shiftPeriod(pp, n) {
  if (pp.kind === 'quarter') {
    const i = pp.year * 4 + (pp.q - 1) + n;
    return { kind: 'quarter', year: Math.floor(i / 4), q: (((i % 4) + 4) % 4) + 1 };
  }
  if (pp.kind === 'month') {
    const i = pp.year * 12 + (pp.m - 1) + n;
    return { kind: 'month', year: Math.floor(i / 12), m: (((i % 12) + 12) % 12) + 1 };
  }
  return { kind: 'year', year: pp.year + n };
}

function monthName(m) {
  if (getLang() === 'zh') return `${m}月`;
  return new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, m - 1, 1)));
}

export function periodLabel(code) {
  const pp = parsePeriod(code);
  if (!pp) return code || t('common.dash');
  if (pp.kind === 'quarter') return t('ind.periodQuarter', { y: pp.year, q: pp.q });
  if (pp.kind === 'month') return t('ind.periodMonth', { y: pp.year, m: pp.m, mon: monthName(pp.m) });
  return t('ind.periodYear', { y: pp.year });
}

// switching between year, quarter and month keeps the moment as far as it can
function switchKind(pp, kind) {
  const now = new Date();
  const thisYear = pp.year === now.getFullYear();
  let month = pp.kind === 'month' ? pp.m : pp.kind === 'quarter' ? pp.q * 3 : thisYear ? now.getMonth() + 1 : 12;
  if (kind === 'month') return { kind, year: pp.year, m: month };
  if (kind === 'quarter') return { kind, year: pp.year, q: Math.ceil(month / 3) };
  return { kind: 'year', year: pp.year };
}

// ---------- formatting ----------

const fullFormats = {};
// figures come as exact decimal text ("4961", "0.0001"): grouped by
// thousands as written, never through a binary number
function fmtFull(n) {
  if (n === null || n === undefined) return t('common.dash');
  const s = String(n);
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(s);
  if (!m) return s;
  return `${m[1]}${m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] || ''}`;
}

const fmtAxis = (v) => new Intl.NumberFormat(getLang() === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 2 }).format(v);

function targetText(target) {
  if (!target || !target.op) return t('common.dash');
  if (target.op === 'text') return target.text || t('common.dash');
  return `${target.op_label ?? OPS[target.op] ?? ''}${target.value ?? ''}`;
}

function baseText(base) {
  if (!base) return t('common.dash');
  if (base.text) return base.text;
  if (base.value !== null && base.value !== undefined) return base.value;
  return t('common.dash');
}

const dash = () => h('span', { class: 'muted' }, t('common.dash'));
// the small grey line under a value; "inHead" when the column head already
// says it (shown again on a phone, where the head is hidden)
const sub = (text, inHead) => (text ? h('span', { class: ['cell-sub', inHead && 'in-head'] }, text) : null);

function statusBadge(status) {
  const s = STATUSES.includes(status) ? status : 'no_data';
  return h('span', { class: `status st-${s}` }, t(`ind.st.${s}`));
}

function attrBadge(attr) {
  if (attr === 'binding') return h('span', { class: 'tag tag-binding' }, t('ind.attr.binding'));
  if (attr === 'indicative') return h('span', { class: 'attr-indicative' }, t('ind.attr.indicative'));
  return null;
}

// "good" when the change moves the value toward the target
export function changeTone(ind) {
  // the change is exact decimal text; only its sign and size are compared
  const c = ind.change === null || ind.change === undefined ? NaN : Number(ind.change);
  if (!Number.isFinite(c) || c === 0 || !ind.target) return 'flat';
  const op = ind.target.op;
  if (op === '>=' || op === '>') return c > 0 ? 'good' : 'bad';
  if (op === '<=' || op === '<') return c < 0 ? 'good' : 'bad';
  if (op === '=') {
    const goal = Number(ind.target.value);
    const now = Number(ind.value);
    const before = Number(ind.previous && ind.previous.value);
    if (!Number.isFinite(goal) || !Number.isFinite(now) || !Number.isFinite(before)) return 'flat';
    const d = Math.abs(goal - now) - Math.abs(goal - before);
    return d < -1e-9 ? 'good' : d > 1e-9 ? 'bad' : 'flat';
  }
  return 'flat';
}

function changeView(ind) {
  if (ind.change === null || ind.change === undefined) return dash();
  // exact decimal text, already rounded half up to the indicator's places
  const text = String(ind.change);
  const negative = text.startsWith('-');
  const size = negative ? text.slice(1) : text;
  const c = Number(text);
  const tone = changeTone(ind);
  const sign = c > 0 ? '+' : negative ? '−' : '';
  const arrow = tone === 'good' ? (c > 0 ? '▲' : '▼') : tone === 'bad' ? (c > 0 ? '▲' : '▼') : '';
  return h(
    'span',
    { class: `change tone-${tone}`, title: tone === 'good' ? t('ind.changeGood') : tone === 'bad' ? t('ind.changeBad') : null },
    arrow ? h('span', { class: 'change-arrow', 'aria-hidden': 'true' }, arrow) : null,
    `${sign}${size}`,
    tone !== 'flat' ? h('span', { class: 'sr-only' }, ` (${tone === 'good' ? t('ind.changeGood') : t('ind.changeBad')})`) : null,
  );
}

// numerator / denominator × factor, as expressions and as numbers
function calcLines(ind) {
  const f = ind.formula;
  if (!f) return null;
  const factor = f.factor === null || f.factor === undefined ? '1' : String(f.factor);
  const num = (v) => (v === null || v === undefined ? t('ind.calcMissing') : fmtFull(v));
  const withFactor = (s) => (factor === '1' ? s : `${s} × ${factor}`);
  const exprs = withFactor(f.denominator ? `${f.numerator} ÷ ${f.denominator}` : f.numerator);
  const nums = withFactor(f.denominator ? `${num(ind.numerator)} ÷ ${num(ind.denominator)}` : num(ind.numerator));
  return { exprs, nums };
}

// the value; for a computed one a toggle that shows the calculation in a
// row under it (a row, so the column keeps its width)
function valueView(ind, calcRow) {
  const calc = ind.origin === 'computed' ? calcLines(ind) : null;
  const has = ind.display !== null && ind.display !== undefined && ind.display !== '';
  if (!calc) return has ? h('span', { class: 'ind-value' }, ind.display) : dash();
  const title = `${calc.exprs}\n= ${calc.nums}${has ? ` = ${ind.display}` : ''}`;
  if (!has || !calcRow) return h('span', { class: has ? 'ind-value' : 'muted', title }, has ? ind.display : t('common.dash'));
  const btn = h(
    'button',
    { type: 'button', class: 'link-btn calc-toggle', title, 'aria-expanded': 'false', 'aria-controls': calcRow.id, 'aria-label': `${ind.display}${t('common.comma')}${t('ind.showCalc')}` },
    h('span', { class: 'ind-value' }, ind.display),
  );
  btn.addEventListener('click', () => {
    calcRow.hidden = !calcRow.hidden;
    btn.setAttribute('aria-expanded', calcRow.hidden ? 'false' : 'true');
  });
  return btn;
}

function calcRowFor(ind, colspan) {
  const calc = ind.origin === 'computed' ? calcLines(ind) : null;
  if (!calc || ind.display === null || ind.display === undefined || ind.display === '') return null;
  return h(
    'tr',
    { class: 'calc-row', id: newId('calc'), hidden: true },
    h(
      'td',
      { colspan },
      h(
        'div',
        { class: 'calc-line' },
        h('span', { class: 'calc-label' }, t('ind.formula')),
        h('code', null, calc.exprs),
        h('span', null, ` = ${calc.nums} = `),
        h('strong', null, ind.display),
        ind.unit ? h('span', { class: 'ind-unit' }, ind.unit) : null,
      ),
    ),
  );
}

function mayReport() {
  return !!state.user && state.user.role !== 'operator' && state.user.role !== 'readonly';
}

function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

let policiesCache = null;
let lastSource = ''; // a department reports several figures from one return
async function policies() {
  if (!policiesCache)
    policiesCache = get('policies')
      .then((d) => d.items || [])
      .catch(() => {
        policiesCache = null;
        return [];
      });
  return policiesCache;
}

// ---------- the page ----------

export async function render(main, { query, isCurrent }) {
  if (!query.region && !state.user.region) replace(main, h('h1', { class: 'page-title' }, t('ind.title')), loading());
  const region = await startRegion(query, state.user);
  if (!isCurrent()) return;
  const pp = parsePeriod(query.period) || { kind: 'year', year: new Date().getFullYear() };
  const period = periodCode(pp);
  policiesCache = null; // a reload on the server shows on the next visit

  const apply = (changes) => go('indicators', { region, period, ...changes });

  // filters: region and period
  const picker = regionPicker({ value: region, onChange: (code) => code && apply({ region: code }) });
  picker.select.id = 'ind-region';
  const kindName = newId('pk');
  const seg = h('div', { class: 'segmented', role: 'radiogroup', 'aria-label': t('ind.periodKind') });
  for (const k of ['year', 'quarter', 'month']) {
    const id = newId('pk');
    seg.append(
      h('input', { type: 'radio', name: kindName, id, value: k, checked: pp.kind === k, onchange: () => apply({ period: periodCode(switchKind(pp, k)) }) }),
      h('label', { for: id }, t(`ind.kind.${k}`)),
    );
  }
  const nowYear = new Date().getFullYear();
  const years = [];
  for (let y = Math.max(nowYear + 5, pp.year); y >= Math.min(2015, pp.year); y--) years.push(y);
  const yearSel = selectEl(
    years.map((y) => [String(y), t('ind.yearOpt', { y })]),
    String(pp.year),
    { 'aria-label': t('ind.year'), onchange: (e) => apply({ period: periodCode({ ...pp, year: Number(e.target.value) }) }) },
  );
  let subSel = null;
  if (pp.kind === 'quarter')
    subSel = selectEl(
      [1, 2, 3, 4].map((q) => [String(q), t('ind.quarterOpt', { q })]),
      String(pp.q),
      { 'aria-label': t('ind.quarter'), onchange: (e) => apply({ period: periodCode({ ...pp, q: Number(e.target.value) }) }) },
    );
  if (pp.kind === 'month')
    subSel = selectEl(
      Array.from({ length: 12 }, (_, i) => [String(i + 1), monthName(i + 1)]),
      String(pp.m),
      { 'aria-label': t('ind.month'), onchange: (e) => apply({ period: periodCode({ ...pp, m: Number(e.target.value) }) }) },
    );
  const filters = h(
    'form',
    { class: 'card ind-filters', role: 'search', 'aria-label': t('ind.filters') },
    h('div', { class: 'filter filter-region' }, h('label', { for: 'ind-region' }, t('ind.region')), picker.el),
    h('div', { class: 'filter filter-period' }, h('span', { class: 'filter-label' }, t('ind.periodKind')), h('div', { class: 'period-picker' }, seg, yearSel, subSel)),
  );
  filters.addEventListener('submit', (e) => e.preventDefault());

  const results = h('div', { class: 'ind-results' }, loading());
  const sheet = detailSheet();
  const cmp = compareDialog({ period });
  // a status chosen on the dashboard or a chip shows only those rows
  const onlyStatus = STATUSES.includes(query.status) ? query.status : null;
  replace(main, h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('ind.title'))), filters, results, sheet.el, cmp.el);

  let data = null;
  let regionInfo = null;
  let policyList = [];

  async function load() {
    let d;
    try {
      [d, policyList, regionInfo] = await Promise.all([get('indicators', { region, period }), policies(), getRegion(region).catch(() => null)]);
    } catch (e) {
      if (isCurrent()) replace(results, errorBox(e, () => (replace(results, loading()), load())));
      return false;
    }
    if (!isCurrent()) return false;
    for (const i of d.indicators || []) if (i.formula) Object.assign(i.formula, { numerator: formulaText(i.formula.numerator), denominator: formulaText(i.formula.denominator) });
    data = d;
    draw();
    return true;
  }

  function groupName(g) {
    return getLang() === 'en' && g.name_en ? g.name_en : g.name;
  }

  function draw() {
    const inds = data.indicators || [];
    const regionName = regionInfo ? regionInfo.name : region;
    const head = headCard(regionName, inds);
    if (!inds.length) {
      replace(results, head, emptyState(regionName));
      return;
    }
    const groups = [...(data.groups || [])];
    const known = new Set(groups.map((g) => g.id));
    if (inds.some((i) => !known.has(i.group))) groups.push({ id: null, name: '—', name_en: '—', source: null });
    const shown = onlyStatus ? inds.filter((i) => (STATUSES.includes(i.status) ? i.status : 'no_data') === onlyStatus) : inds;
    const tables = groups
      .map((g) => {
        const rows = shown.filter((i) => (g.id === null ? !known.has(i.group) : i.group === g.id));
        return rows.length ? groupTable(g, rows) : null;
      })
      .filter(Boolean);
    const allEmpty = inds.every((i) => i.status === 'no_data');
    const filterNote = onlyStatus
      ? h(
          'p',
          { class: 'ind-status-filter' },
          t('cmp.filtered', { s: t(`ind.st.${onlyStatus}`), n: shown.length, all: inds.length }),
          ' ',
          h('a', { href: `#/indicators?${new URLSearchParams({ region, period })}` }, t('cmp.showAll')),
        )
      : null;
    replace(results, head, filterNote, allEmpty && !onlyStatus ? alertBox('info', t('ind.allNoData')) : null, tables, h('p', { class: 'legend muted ind-legend' }, t('ind.legend'), inds.some((i) => i.status === 'descriptive') ? ` ${t('desc.legend')}` : ''));
  }

  function headCard(regionName, inds) {
    const counts = Object.fromEntries(STATUSES.map((s) => [s, 0]));
    for (const i of inds) counts[STATUSES.includes(i.status) ? i.status : 'no_data'] += 1;
    const bindingBehind = inds.filter((i) => i.attribute === 'binding' && (i.status === 'behind' || i.status === 'missed')).length;
    const policy = policyList.find((p) => p.jurisdiction === data.jurisdiction);
    let policyView = null;
    if (data.jurisdiction) {
      const jName = policy ? policy.name : data.jurisdiction;
      policyView = h(
        'span',
        { class: 'ind-meta-item' },
        h('span', { class: 'muted' }, t('ind.policy'), t('common.colon')),
        h('strong', null, jName),
        policy && policy.document ? ` 《${policy.document}》` : null,
        data.jurisdiction !== region ? h('span', { class: 'muted' }, ` · ${t('ind.inherited', { name: jName })}`) : null,
      );
    }
    const path = regionInfo && regionInfo.path && regionInfo.path.length > 1 ? regionInfo.path.slice(0, -1).map((p) => p.name).join(' / ') : null;
    const msg = h('div', { class: 'ind-actions-msg', 'aria-live': 'polite' });
    const bulletinQuery = (format) => new URLSearchParams({ region, period, format }).toString();
    const dlButton = (format, text) => {
      const b = h('button', { type: 'button', class: 'btn' }, text);
      b.addEventListener('click', async () => {
        clear(msg);
        try {
          const { blob, filename } = await busy(b, t('ind.downloading'), () => download('reports/bulletin', { region, period, format }));
          saveBlob(blob, filename);
          replace(msg, h('span', { class: 'ok-text' }, t('ind.downloaded', { file: filename })));
        } catch (err) {
          replace(msg, alertBox('error', errorText(err)));
        }
      });
      return b;
    };
    const actions = inds.length
      ? h(
          'div',
          { class: 'ind-actions' },
          h(
            'div',
            { class: 'ind-actions-row' },
            h('a', { class: 'btn btn-primary', href: `/api/v1/reports/bulletin?${bulletinQuery('html')}`, target: '_blank', rel: 'noopener', title: t('ind.bulletinHint') }, t('ind.bulletinView'), h('span', { 'aria-hidden': 'true' }, ' ↗')),
            dlButton('csv', t('ind.bulletinCsv')),
            dlButton('xlsx', t('ind.bulletinXlsx')),
          ),
          msg,
        )
      : null;
    return h(
      'section',
      { class: 'card ind-head' },
      h(
        'div',
        { class: 'ind-head-main' },
        path ? h('div', { class: 'muted small' }, path) : null,
        h('h2', { class: 'ind-region-name' }, regionName),
        h(
          'div',
          { class: 'ind-meta' },
          h('span', { class: 'ind-meta-item' }, h('span', { class: 'muted' }, t('ind.period'), t('common.colon')), h('strong', null, periodLabel(data.period || period))),
          h('span', { class: 'ind-meta-item' }, t('ind.asOf', { date: data.as_of || t('common.dash') })),
          policyView,
        ),
        inds.length
          ? h(
              'div',
              { class: 'chips', role: 'list', 'aria-label': t('ind.summary') },
              h('span', { class: 'chip chip-total', role: 'listitem' }, t('ind.total', { n: inds.length })),
              // a chip with rows lists only those rows; the chosen one again lists all
              STATUSES.filter((s) => counts[s] || SHOWN_WHEN_ZERO(s)).map((s) =>
                counts[s]
                  ? h(
                      'a',
                      { class: ['chip', `st-${s}`, 'chip-link', onlyStatus === s && 'is-chosen'], role: 'listitem', dataset: { status: s }, 'aria-current': onlyStatus === s ? 'true' : null, href: `#/indicators?${new URLSearchParams(onlyStatus === s ? { region, period } : { region, period, status: s })}` },
                      t(`ind.st.${s}`),
                      ' ',
                      h('strong', null, String(counts[s])),
                    )
                  : h('span', { class: ['chip', `st-${s}`, 'is-zero'], role: 'listitem' }, t(`ind.st.${s}`), ' ', h('strong', null, '0')),
              ),
              bindingBehind ? h('span', { class: 'chip chip-alert', role: 'listitem' }, t('ind.bindingBehind', { n: bindingBehind })) : null,
            )
          : null,
      ),
      actions,
    );
  }

  function emptyState(regionName) {
    if (data.jurisdiction) return alertBox('info', t('ind.noIndicators'));
    const below = h('div', { class: 'ind-below' });
    (async () => {
      const found = [];
      for (const p of policyList) {
        if (p.jurisdiction === region) continue;
        try {
          const r = await getRegion(p.jurisdiction);
          if (r.path && r.path.some((x) => x.code === region)) found.push({ code: r.code, name: r.name, document: p.document });
        } catch {
          /* outside the user's scope */
        }
      }
      if (!found.length || !isCurrent()) return;
      replace(
        below,
        h('p', null, t('ind.noPolicyBelow')),
        h(
          'ul',
          { class: 'ind-below-list' },
          found.map((f) => h('li', null, h('a', { href: `#/indicators?${new URLSearchParams({ region: f.code, period })}` }, f.name), f.document ? h('span', { class: 'muted' }, ` 《${f.document}》`) : null)),
        ),
      );
    })();
    return h(
      'section',
      { class: 'card ind-empty' },
      h('h2', { class: 'ind-empty-title' }, t('ind.noPolicyTitle')),
      h('p', null, t('ind.noPolicyText', { name: regionName })),
      below,
    );
  }

  // a year or period every row of the group shares goes into the column head
  function shared(rows, pick) {
    const vals = rows.map(pick).filter((v) => v !== null && v !== undefined && v !== '');
    return vals.length === rows.length && vals.every((v) => v === vals[0]) ? vals[0] : null;
  }

  function groupTable(g, rows) {
    const cols = ['seq', 'name', 'base', 'target', 'value', 'previous', 'change', 'status'];
    const numeric = new Set(['base', 'target', 'value', 'previous', 'change']);
    const withBase = rows.filter((i) => i.base && (i.base.value || i.base.text)); // "—" says nothing of a year
    const common = {
      base: withBase.length ? shared(withBase, (i) => i.base.year) : null,
      target: shared(rows, (i) => (i.target ? i.target.year : null)),
      previous: shared(rows, (i) => (i.previous ? i.previous.period : null)),
    };
    const colHead = {
      base: common.base ? t('ind.yearOf', { y: common.base }) : null,
      target: common.target ? t('ind.yearOf', { y: common.target }) : null,
      previous: common.previous ? periodLabel(common.previous) : null,
    };
    return h(
      'section',
      { class: 'card card-flush ind-group' },
      h(
        'div',
        { class: 'ind-group-head' },
        h('h2', { class: 'card-title' }, groupName(g), h('span', { class: 'muted card-sub' }, ` · ${t('ind.total', { n: rows.length })}`)),
        g.source ? h('div', { class: 'muted small ind-group-source' }, g.source_label || g.source) : null,
      ),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'data ind-table stack-on-phone' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              cols.map((c) => h('th', { scope: 'col', class: [`col-${c}`, numeric.has(c) && 'num'] }, t(`ind.col.${c}`), colHead[c] ? h('span', { class: 'th-sub' }, colHead[c]) : null)),
            ),
          ),
          h('tbody', null, rows.map((ind) => indRow(ind, colHead))),
        ),
      ),
    );
  }

  function indRow(ind, colHead) {
    const alert = ind.attribute === 'binding' && (ind.status === 'behind' || ind.status === 'missed');
    const open = (opener) => sheet.open(ind, opener);
    const nameBtn = h('button', { type: 'button', class: 'link-btn ind-name', title: ind.source_label || ind.source || null, 'aria-haspopup': 'dialog' }, ind.name);
    nameBtn.addEventListener('click', () => open(nameBtn));
    const meta = [ind.department, t(`ind.origin.${ind.origin}`)].filter(Boolean).join(' · ');
    const prev = ind.previous || {};
    const calcRow = calcRowFor(ind, 8);
    const tr = h(
      'tr',
      { class: ['ind-row', alert && 'is-alert'], dataset: { id: ind.id } },
      h('td', { class: 'col-seq num muted' }, String(ind.seq ?? '')),
      h(
        'td',
        { class: 'cell-name col-name' },
        h(
          'div',
          { class: 'ind-namebox' },
          h(
            'div',
            { class: 'ind-name-line' },
            h('span', { class: 'ind-seq-inline muted', 'aria-hidden': 'true' }, `${ind.seq ?? ''}.`),
            nameBtn,
            ind.unit ? h('span', { class: 'ind-unit' }, ind.unit) : null,
            attrBadge(ind.attribute),
          ),
          h(
            'div',
            { class: 'ind-sub' },
            meta,
            h('span', { class: 'ind-sub-sep', 'aria-hidden': 'true' }, ' · '),
            h('button', { type: 'button', class: 'link-btn cmp-open small', 'aria-haspopup': 'dialog', onclick: (e) => cmp.open(ind, region, e.currentTarget, regionInfo && regionInfo.level) }, compareTitle(regionInfo && regionInfo.level)),
          ),
        ),
      ),
      h(
        'td',
        { class: 'num', 'data-label': t('ind.col.base') },
        h('div', null, h('span', null, baseText(ind.base)), ind.base && ind.base.year && (ind.base.value || ind.base.text) ? sub(t('ind.yearOf', { y: ind.base.year }), !!colHead.base) : null),
      ),
      h(
        'td',
        { class: 'num', 'data-label': t('ind.col.target') },
        h('div', null, h('span', { class: 'ind-target' }, ind.status === 'descriptive' ? h('span', { class: 'muted', title: t('desc.noTargetHint') }, t('ind.st.descriptive')) : targetText(ind.target)), ind.target && ind.target.year ? sub(t('ind.yearOf', { y: ind.target.year }), !!colHead.target) : null),
      ),
      // a stated figure of an earlier period still in force says its date
      h('td', { class: 'num', 'data-label': t('ind.col.value') }, h('div', null, valueView(ind, calcRow), ind.stated ? sub(t('ind.statedAsOf', { p: periodLabel(ind.stated.period) }), false) : null, partialNote(ind))),
      h(
        'td',
        { class: 'num', 'data-label': t('ind.col.previous') },
        h('div', null, prev.display ? h('span', null, prev.display) : dash(), prev.period ? sub(prev.stated ? t('ind.statedAsOf', { p: periodLabel(prev.stated.period) }) : periodLabel(prev.period), !!colHead.previous && !prev.stated) : null),
      ),
      h('td', { class: 'num', 'data-label': t('ind.col.change') }, h('div', null, changeView(ind))),
      h('td', { 'data-label': t('ind.col.status') }, statusBadge(ind.status)),
    );
    tr.addEventListener('click', (e) => {
      if (e.target.closest('button, a, input, select, textarea')) return;
      if (window.getSelection && String(window.getSelection()).length) return; // selecting text, not opening
      open(nameBtn);
    });
    return calcRow ? [tr, calcRow] : tr;
  }

  // ---------- the detail panel ----------

  function detailSheet() {
    const titleId = newId('sheet');
    const kicker = h('div', { class: 'sheet-kicker muted small' });
    const title = h('h2', { class: 'sheet-title', id: titleId });
    const closeBtn = h('button', { type: 'button', class: 'btn btn-ghost sheet-close', 'aria-label': t('common.close'), title: t('common.close') }, '×');
    const body = h('div', { class: 'sheet-body' });
    const dlg = h('dialog', { class: 'sheet', 'aria-labelledby': titleId }, h('div', { class: 'sheet-head' }, h('div', { class: 'sheet-head-text' }, kicker, title), closeBtn), body);
    let current = null; // {ind, opener, token}
    let token = 0;
    let seriesMode = null;
    closeBtn.addEventListener('click', () => dlg.close());
    dlg.addEventListener('click', (e) => {
      if (e.target === dlg) dlg.close();
    });
    dlg.addEventListener('close', () => {
      const opener = current && current.opener;
      current = null;
      if (opener && opener.isConnected) opener.focus();
    });

    function fill(ind, flash) {
      token += 1;
      const my = token;
      const g = (data.groups || []).find((x) => x.id === ind.group);
      replace(kicker, [g ? groupName(g) : null, ind.seq !== null && ind.seq !== undefined ? `${t('ind.col.seq')} ${ind.seq}` : null].filter(Boolean).join(' · '));
      title.textContent = ind.name;
      const prev = ind.previous || {};
      const facts = h(
        'dl',
        { class: 'fields sheet-facts' },
        h('div', null, h('dt', null, t('ind.col.value'), ` · ${periodLabel(data.period || period)}`), h('dd', { class: 'sheet-value' }, ind.display ?? t('common.dash'), ind.unit && ind.display ? h('span', { class: 'ind-unit' }, ind.unit) : null, ind.stated ? sub(t('ind.statedAsOf', { p: periodLabel(ind.stated.period) })) : null, partialNote(ind), ind.rounding && ind.places ? sub(t('ind.rounding', { n: ind.places })) : null)),
        h('div', null, h('dt', null, t('ind.col.target')), h('dd', null, ind.status === 'descriptive' ? t('desc.noTarget') : targetText(ind.target), ind.status === 'descriptive' ? sub(t('desc.noTargetHint')) : ind.target && ind.target.year ? sub(t('ind.yearOf', { y: ind.target.year })) : null)),
        h('div', null, h('dt', null, t('ind.col.base')), h('dd', null, baseText(ind.base), ind.base && ind.base.year ? sub(t('ind.yearOf', { y: ind.base.year })) : null)),
        h('div', null, h('dt', null, t('ind.col.previous')), h('dd', null, prev.display ?? t('common.dash'), sub(prev.period ? periodLabel(prev.period) : null))),
        h('div', null, h('dt', null, t('ind.col.change')), h('dd', null, changeView(ind))),
        h('div', null, h('dt', null, t('ind.unit')), h('dd', null, ind.unit || t('common.dash'))),
        h('div', { class: 'span-3' }, h('dt', null, t('ind.department')), h('dd', null, ind.department || t('common.dash'))),
      );
      const tags = h('div', { class: 'tags' }, statusBadge(ind.status), attrBadge(ind.attribute), h('span', { class: 'tag' }, t(`ind.origin.${ind.origin}`)));

      let formula = null;
      const calc = ind.origin === 'computed' ? calcLines(ind) : null;
      if (calc && ind.formula) {
        const f = ind.formula;
        formula = sheetSection(
          t('ind.formula'),
          h(
            'table',
            { class: 'data compact formula-table' },
            h(
              'tbody',
              null,
              h('tr', null, h('th', { scope: 'row' }, t('ind.numerator')), h('td', { class: 'mono' }, f.numerator), h('td', { class: 'num' }, fmtFull(ind.numerator))),
              h('tr', null, h('th', { scope: 'row' }, t('ind.denominator')), h('td', { class: 'mono' }, f.denominator || t('ind.noDenominator')), h('td', { class: 'num' }, f.denominator ? fmtFull(ind.denominator) : '')),
              h('tr', null, h('th', { scope: 'row' }, t('ind.factor')), h('td', { class: 'mono' }, String(f.factor ?? 1)), h('td', null)),
              h('tr', { class: 'total-row' }, h('th', { scope: 'row' }, t('ind.result')), h('td', null, `= ${calc.nums}`), h('td', { class: 'num' }, ind.display ?? t('common.dash'))),
            ),
          ),
          mayReport() ? h('p', { class: 'muted small formula-note' }, t('ind.reportComputed')) : null,
        );
      }
      const source = sheetSection(t('ind.source'), h('p', { class: 'sheet-text' }, ind.source_label || ind.source || t('common.dash')), g && g.source ? h('p', { class: 'muted small' }, t('ind.groupSource'), t('common.colon'), g.source_label || g.source) : null);
      // the policy file's note is the transcriber's remark on a judgement
      // call (policies/README.md), for those who maintain the file: not
      // shown to officials
      const note = null;

      // trend
      const isText = ind.target && ind.target.op === 'text';
      const seriesBox = h('div', { class: 'series-box' });
      if (!seriesMode) seriesMode = pp.kind === 'year' ? 'yearly' : 'recent';
      let modeSwitch = null;
      if (pp.kind !== 'year') {
        const name = newId('sm');
        modeSwitch = h('div', { class: 'segmented segmented-small', role: 'radiogroup', 'aria-label': t('ind.seriesMode') });
        for (const [mode, text] of [
          ['recent', pp.kind === 'month' ? t('ind.seriesMonths') : t('ind.seriesQuarters')],
          ['yearly', t('ind.seriesYearly')],
        ]) {
          const id = newId('sm');
          modeSwitch.append(
            h('input', {
              type: 'radio',
              name,
              id,
              value: mode,
              checked: seriesMode === mode,
              onchange: () => {
                seriesMode = mode;
                loadSeries(ind, seriesBox, my);
              },
            }),
            h('label', { for: id }, text),
          );
        }
      }
      const trend = sheetSection(t('ind.series'), modeSwitch, isText ? h('p', { class: 'muted small' }, t('ind.seriesText')) : null, seriesBox);

      // reporting
      const report = mayReport() && ind.origin === 'reported' ? reportForm(ind, flash) : null;
      replace(body, tags, facts, report, formula, trend, source, note);
      body.scrollTop = 0;
      loadSeries(ind, seriesBox, my);
      return my;
    }

    async function loadSeries(ind, box, my) {
      replace(box, loading());
      const q = { region };
      if (seriesMode === 'recent' && SERIES_RECENT[pp.kind]) {
        q.from = periodCode(shiftPeriod(pp, -(SERIES_RECENT[pp.kind] - 1)));
        q.to = period;
      }
      let s;
      try {
        s = await get(`indicators/${encodeURIComponent(ind.id)}/series`, q);
      } catch (e) {
        if (my === token) replace(box, errorBox(e, () => loadSeries(ind, box, my)));
        return;
      }
      if (my !== token || !dlg.open) return;
      const pts = s.points || [];
      const withValue = pts.filter((p) => p.display !== null && p.display !== undefined && p.display !== '');
      if (!withValue.length) {
        replace(box, h('p', { class: 'muted series-empty' }, t('ind.seriesEmpty')));
        return;
      }
      const isText = ind.target && ind.target.op === 'text';
      let chart = null;
      // values are decimal text; the chart plots numbers
      const plotted = (p) => (p.value === null || p.value === undefined ? null : Number(p.value));
      if (!isText && pts.some((p) => plotted(p) !== null)) {
        const goal = ind.target && OPS[ind.target.op] ? Number(ind.target.value) : NaN;
        chart = h('div', { class: 'chart-wrap' });
        replace(box, chart);
        const width = chart.clientWidth || 520;
        chart.append(
          lineChart({
            points: pts.map((p) => ({
              label: p.period,
              value: plotted(p),
              cls: `st-${STATUSES.includes(p.status) ? p.status : 'no_data'}`,
              current: p.period === period,
              title: `${periodLabel(p.period)}${t('common.colon')}${p.display ?? t('common.dash')} · ${t(`ind.st.${STATUSES.includes(p.status) ? p.status : 'no_data'}`)}`,
            })),
            target: Number.isFinite(goal) ? { value: goal, label: `${t('ind.target')} ${targetText(ind.target)}` } : null,
            width,
            ariaLabel: t('ind.chartLabel', { name: ind.name, n: pts.length, k: withValue.length }),
            fmt: fmtAxis,
          }),
        );
      }
      const table = h(
        'div',
        { class: 'table-wrap series-table' },
        h(
          'table',
          { class: 'data compact' },
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('ind.col.period')), h('th', { scope: 'col', class: 'num' }, t('ind.col.display')), h('th', { scope: 'col' }, t('ind.col.status')))),
          h(
            'tbody',
            null,
            pts
              .slice()
              .reverse() // newest first, as the facility history reads
              .map((p) =>
              h(
                'tr',
                { class: p.period === period ? 'is-current-row' : null, title: p.period === period ? t('ind.currentPeriod') : null },
                h('td', null, periodLabel(p.period)),
                h('td', { class: 'num' }, p.display ?? t('common.dash')),
                h('td', null, statusBadge(p.status)),
              ),
            ),
          ),
        ),
      );
      replace(box, chart, table);
    }

    function reportForm(ind, flash) {
      const isText = ind.target && ind.target.op === 'text';
      const regionName = regionInfo ? regionInfo.name : region;
      const periodIn = h('input', { type: 'text', value: period, class: 'mono', autocomplete: 'off', spellcheck: 'false', maxlength: '7', inputmode: 'text' });
      let valueIn;
      let datalist = null;
      if (isText) {
        const listId = newId('dl');
        const options = [...new Set([ind.target.text, '已完成'].filter(Boolean))];
        datalist = h('datalist', { id: listId }, options.map((o) => h('option', { value: o })));
        valueIn = h('input', { type: 'text', list: listId, maxlength: '200', autocomplete: 'off', value: ind.origin === 'reported' && ind.display ? ind.display : '' });
      } else {
        valueIn = h('input', { type: 'text', inputmode: 'decimal', class: 'num-input', autocomplete: 'off', value: ind.origin === 'reported' && ind.value !== null && ind.value !== undefined ? String(ind.value) : '' });
      }
      const sourceIn = h('input', { type: 'text', maxlength: '500', autocomplete: 'off', placeholder: t('ind.reportSourceHint'), value: lastSource });
      const target = targetText(ind.target);
      const F = {
        period: field({ label: t('ind.reportPeriod'), input: periodIn, required: true, name: 'period', hint: t('ind.reportPeriodHint') }),
        value: field({
          label: isText ? t('ind.reportText') : t('ind.reportValue'),
          input: valueIn,
          required: true,
          name: isText ? 'text' : 'value',
          hint: isText ? t('ind.reportTextHint', { target: ind.target.text || '' }) : ind.unit ? t('ind.reportValueUnitHint', { unit: ind.unit, target }) : t('ind.reportValueHint', { target }),
        }),
        source: field({ label: t('ind.reportSource'), input: sourceIn, name: 'source', wide: true }),
      };
      const msg = h('div', { 'aria-live': 'polite' });
      const save = h('button', { type: 'submit', class: 'btn btn-primary' }, t('ind.reportSave'));
      const form = h(
        'form',
        { class: 'report-form', novalidate: true },
        h('p', { class: 'muted small' }, t('ind.reportHint', { region: regionName })),
        flash ? Object.assign(alertBox('ok', flash), { tabIndex: -1 }) : null,
        msg,
        h('div', { class: 'form-grid' }, F.period, F.value, F.source),
        datalist,
        h('div', { class: 'form-actions' }, save),
      );
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        clear(msg);
        const okBox = form.querySelector('.alert-ok');
        if (okBox) okBox.remove();
        Object.values(F).forEach((w) => setFieldError(w, ''));
        const fail = (w, text) => {
          setFieldError(w, text);
          w.input.focus();
        };
        const p = periodIn.value.trim().toUpperCase();
        if (!p) return fail(F.period, t('common.required'));
        if (!parsePeriod(p)) return fail(F.period, t('ind.badPeriod'));
        const body = { element: ind.id, region, period: p };
        let shown;
        if (isText) {
          const v = valueIn.value.trim();
          if (!v) return fail(F.value, t('common.required'));
          body.text = v;
          shown = v;
        } else {
          if (valueIn.validity && valueIn.validity.badInput) return fail(F.value, t('ind.notNumber'));
          const raw = valueIn.value.trim();
          if (!raw) return fail(F.value, t('common.required'));
          // sent as the decimal text typed, so the server keeps it exactly
          if (!/^-?\d+(\.\d+)?$/.test(raw)) return fail(F.value, t('ind.notNumber'));
          body.value = raw;
          shown = fmtFull(raw);
        }
        const src = sourceIn.value.trim();
        if (src) body.source = src;
        lastSource = src;
        try {
          await busy(save, t('common.saving'), () => api('PUT', 'reported', { json: body }));
        } catch (err) {
          const target = err instanceof ApiError && { period: F.period, value: F.value, text: F.value, source: F.source }[err.field];
          if (target) fail(target, errorText(err));
          else replace(msg, errorBox(err));
          return;
        }
        await afterSave(ind.id, t('ind.reportSaved', { period: periodLabel(p), value: shown }));
      });
      return sheetSection(t('ind.report'), form);
    }

    async function afterSave(id, flashText) {
      const ok = await load();
      if (!ok || !dlg.open) return;
      const fresh = (data.indicators || []).find((i) => i.id === id);
      if (!fresh) return;
      const opener = results.querySelector(`tr[data-id="${CSS.escape(id)}"] .ind-name`);
      current = { ind: fresh, opener: opener || (current && current.opener) };
      fill(fresh, flashText);
      const okBox = body.querySelector('.alert-ok');
      if (okBox) okBox.focus();
    }

    return {
      el: dlg,
      open(ind, opener) {
        current = { ind, opener };
        if (!dlg.open) dlg.showModal();
        fill(ind, null);
        closeBtn.focus();
      },
      close() {
        if (dlg.open) dlg.close();
      },
    };
  }

  function sheetSection(titleText, ...children) {
    return h('section', { class: 'sheet-section' }, h('h3', { class: 'sheet-section-title' }, titleText), children);
  }

  if (region) {
    await load();
    // an address with compare=ID (a drill-down) opens that comparison
    const want = data && query.compare && (data.indicators || []).find((i) => i.id === query.compare);
    if (want && isCurrent()) cmp.open(want, region, null, regionInfo && regionInfo.level);
  } else replace(results, alertBox('info', t('ind.noPolicyTitle')));
  return () => {
    sheet.close();
    cmp.close();
  };
}
