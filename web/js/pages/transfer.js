// 导入导出: import of an Excel workbook or a CSV file (a client-side
// preview of CSV), a fill-in template per kind, and the API's errors of
// every row in a table; CSV export of a region subtree saved through a
// Blob link.
import { h, replace, clear, newId } from '../dom.js';
import { t, fmtNum, getLang } from '../i18n.js';
import { chineseMessage } from '../error_messages.js';
import { api, download, ApiError } from '../api.js';
import { state, mayWrite } from '../state.js';
import { forgetRegions } from '../regions.js';
import { forgetScopeTree, regionPicker } from '../ui/region_picker.js';
import { TRANSFER_KINDS } from '../enums.js';
import { alertBox, errorBox, busy, pager, field, errorText } from '../ui/common.js';

const PREVIEW_ROWS = 10;

// A row error of an import in the reader's language. The server names the
// field (e.field) and its Chinese name for this kind (e.label), so a
// facility's name reads 机构名称, not a person's 姓名.
function rowMessage(e) {
  if (getLang() !== 'zh') return e.message;
  // the file's own shape, said before the field rules of error_messages.js
  const msg = e.message || '';
  if (msg === 'unknown column') return t('imp.err.unknownColumn');
  if (msg === 'required column is missing') return t('imp.err.missingColumn', { f: e.label || e.column });
  if (msg === 'column appears twice') return t('imp.err.twice');
  if (/^no person with this ID number/.test(msg)) return t('imp.err.noPerson');
  // a credit code's bad character, which the shared rules would call an
  // ID number's
  if (e.field === 'credit_code' && /^character \d+ /.test(msg)) return t('imp.err.creditChar');
  const field = e.field || e.column || '';
  const labels = (f) => (f === field && e.label) || null;
  return chineseMessage({ code: 'invalid', field, message: e.message || '' }, labels) || e.message;
}

// A refused file (not a workbook, damaged, too large) in Chinese.
function fileMessage(msg) {
  let m = /more than (\d+) MB/.exec(msg);
  if (m) return t('imp.err.tooBig', { n: m[1] });
  m = /more than (\d+) rows/.exec(msg);
  if (m) return t('imp.err.tooManyRows', { n: fmtNum(Number(m[1])) });
  m = /more than (\d+) cells/.exec(msg);
  if (m) return t('imp.err.tooManyCells', { n: fmtNum(Number(m[1])) });
  return t('imp.err.badWorkbook');
}

// What may be imported from this page; each has a fill-in template.
const IMPORT_KINDS = ['facilities', 'persons', 'assessments', 'health', 'enrolments', 'reported', 'population', 'regions', 'payees'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// the server lists at most this many errors (docs/api.md)
const ERRORS_LISTED = 200;

const isWorkbook = (file) => /\.xlsx$/i.test(file.name) || file.type === XLSX_TYPE;
const PREVIEW_BYTES = 256 * 1024;
const ERRORS_PER_PAGE = 50;

// RFC 4180 rows, enough for a preview: quotes, doubled quotes, CRLF.
export function parseCsv(text, maxRows) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      if (rows.length >= maxRows) return rows;
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

// Decodes the first bytes for display only; the upload sends the file as is.
async function decodeHead(file) {
  let bytes = new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer());
  if (file.size > PREVIEW_BYTES) {
    // cut at the last newline: neither UTF-8 nor GB18030 uses 0x0A inside a character
    const nl = bytes.lastIndexOf(0x0a);
    if (nl > 0) bytes = bytes.subarray(0, nl + 1);
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), enc: 'UTF-8 (BOM)' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), enc: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), enc: 'GB18030' };
  }
}

// Payee accounts are imported only: their numbers never leave in a file.
const EXPORT_KINDS = TRANSFER_KINDS.filter((k) => k !== 'payees');

function kindSwitch(name, value, onChange, kinds = TRANSFER_KINDS) {
  const group = h('div', { class: kinds.length > 4 ? 'segmented segmented-wrap' : 'segmented', role: 'radiogroup', 'aria-label': t('tr.kind') });
  for (const k of kinds) {
    const id = newId('k');
    const input = h('input', { type: 'radio', name, id, value: k, checked: k === value, onchange: () => onChange(k) });
    group.append(input, h('label', { for: id }, t(`tr.kind.${k}`)));
  }
  return group;
}

function importCard() {
  let kind = 'facilities';
  let file = null;
  // the template of the kind chosen, as Excel or CSV
  const templates = h('div', { class: 'template-links' });
  const setCols = () =>
    replace(
      templates,
      h('a', { class: 'btn btn-secondary template-xlsx', href: `/api/v1/import/${kind}/template`, download: '' }, t('imp.templateXlsx', { kind: t(`tr.kind.${kind}`) })),
      ' ',
      h('a', { class: 'btn btn-link template-csv', href: `/api/v1/import/${kind}/template?format=csv`, download: '' }, t('imp.templateCsv')),
      h('p', { class: 'muted small' }, t('imp.templateHint')),
    );
  setCols();
  const fileInput = h('input', { type: 'file', accept: `.xlsx,.csv,text/csv,${XLSX_TYPE}` });
  const fileField = field({ label: t('tr.file'), input: fileInput, name: 'file' });
  const preview = h('div', { class: 'preview' });
  const result = h('div', { class: 'import-result', 'aria-live': 'polite' });
  const uploadBtn = h('button', { type: 'submit', class: 'btn btn-primary' }, t('tr.upload'));
  const progress = h('div', { class: 'progress-line', hidden: true }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('tr.uploading'));

  fileInput.addEventListener('change', async () => {
    file = fileInput.files[0] || null;
    clear(result);
    clear(preview);
    if (!file) return;
    if (isWorkbook(file)) {
      replace(preview, h('p', { class: 'muted small' }, t('imp.workbook', { file: file.name, kb: fmtNum(Math.ceil(file.size / 1024)) })));
      return;
    }
    const { text, enc } = await decodeHead(file);
    const rows = parseCsv(text, PREVIEW_ROWS + 1);
    if (!rows.length) {
      replace(preview, alertBox('info', t('tr.previewEmpty')));
      return;
    }
    const [headRow, ...body] = rows;
    const width = Math.max(headRow.length, ...body.map((r) => r.length));
    replace(
      preview,
      h('h3', { class: 'sub-title' }, t('tr.preview', { n: body.length }), h('span', { class: 'muted small' }, ` · ${file.name} · ${fmtNum(Math.ceil(file.size / 1024))} KB`)),
      h('p', { class: 'muted small' }, t('tr.previewEncoding', { enc })),
      h(
        'div',
        { class: 'table-wrap preview-wrap' },
        h(
          'table',
          { class: 'data compact' },
          h('thead', null, h('tr', null, h('th', { scope: 'col', class: 'num' }, '1'), Array.from({ length: width }, (_, i) => h('th', { scope: 'col' }, headRow[i] ?? '')))),
          h('tbody', null, body.map((r, ri) => h('tr', null, h('td', { class: 'num muted' }, String(ri + 2)), Array.from({ length: width }, (_, i) => h('td', null, r[i] ?? ''))))),
        ),
      ),
    );
  });

  function showErrors(err) {
    const list = err.errors || [];
    let page = 1;
    const box = h('div');
    const draw = () => {
      const slice = list.slice((page - 1) * ERRORS_PER_PAGE, page * ERRORS_PER_PAGE);
      replace(
        box,
        h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'data compact errors-table' },
            h('thead', null, h('tr', null, h('th', { scope: 'col', class: 'num' }, t('tr.row')), h('th', { scope: 'col' }, t('tr.column')), h('th', { scope: 'col' }, t('tr.message')))),
            h('tbody', null, slice.map((e) => h('tr', null, h('td', { class: 'num' }, String(e.row)), h('td', null, e.column || ''), h('td', null, rowMessage(e))))),
          ),
        ),
        list.length > ERRORS_PER_PAGE
          ? pager({
              total: list.length,
              page,
              perPage: ERRORS_PER_PAGE,
              onPage: (p) => {
                page = p;
                draw();
              },
            })
          : null,
      );
    };
    draw();
    replace(
      result,
      alertBox('error', t('tr.failed', { n: fmtNum(list.length) }) + (list.length >= ERRORS_LISTED ? t('imp.capped', { n: fmtNum(ERRORS_LISTED) }) : '')),
      h('p', { class: 'muted small' }, t('tr.rowHint')),
      box,
    );
  }

  const form = h(
    'form',
    { class: 'card', novalidate: true },
    h('h2', { class: 'card-title' }, t('tr.import')),
    h('p', { class: 'muted' }, t('tr.importHint')),
    h('div', { class: 'field' }, h('span', { class: 'label' }, t('tr.kind')), kindSwitch('import-kind', kind, (k) => {
      kind = k;
      setCols();
      clear(result);
    }, IMPORT_KINDS)),
    h('div', { class: 'field' }, h('span', { class: 'label' }, t('imp.template')), templates),
    fileField,
    preview,
    h('div', { class: 'form-actions' }, uploadBtn, progress),
    result,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear(result);
    if (!file) {
      replace(result, alertBox('error', t('tr.noFile')));
      fileInput.focus();
      return;
    }
    progress.hidden = false;
    try {
      // the raw bytes: the server detects UTF-8 / GB18030 itself
      const data = await busy(uploadBtn, t('tr.uploading'), () => api('POST', `import/${kind}`, { raw: file, contentType: isWorkbook(file) ? XLSX_TYPE : 'text/csv' }));
      const enc = { 'utf-8': 'UTF-8', 'utf-8-bom': 'UTF-8 (BOM)', gb18030: 'GB18030' }[data.encoding];
      const from = data.encoding === 'xlsx' ? t('imp.fromWorkbook') : enc ? t('tr.importedEncoding', { enc }) : '';
      replace(result, alertBox('ok', t('tr.imported', { n: fmtNum(data.imported) }) + from));
      state.dataVersion = (state.dataVersion || 0) + 1;
      forgetRegions();
      forgetScopeTree();
    } catch (err) {
      if (err instanceof ApiError && err.errors && err.errors.length) showErrors(err);
      else if (err instanceof ApiError && err.field === 'file' && getLang() === 'zh') replace(result, alertBox('error', fileMessage(err.message)));
      else replace(result, errorBox(err));
    } finally {
      progress.hidden = true;
    }
  });
  return form;
}

function exportCard() {
  let kind = 'facilities';
  // the region being worked on, else the user's own; '' (everything) only
  // for an administrator who has chosen none
  const start = (state.selectedRegion && state.selectedRegion.code) || state.user.region || '';
  const picker = regionPicker({ value: start, allowAll: !state.user.region, extra: state.selectedRegion });
  const withIds = h('input', { type: 'checkbox' });
  const withIdsField = field({ label: t('tr.withIds'), input: withIds, name: 'with_ids' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary' }, t('tr.download'));
  const msg = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    h('h2', { class: 'card-title' }, t('tr.export')),
    h('p', { class: 'muted' }, t('tr.exportHint')),
    h('div', { class: 'field' }, h('span', { class: 'label' }, t('tr.kind')), kindSwitch('export-kind', kind, (k) => {
      kind = k;
      withIdsField.hidden = k !== 'facilities';
    }, EXPORT_KINDS)),
    field({ label: t('tr.exportRegion'), input: picker.select, control: picker.el, name: 'region' }),
    withIdsField,
    h('div', { class: 'form-actions' }, btn),
    msg,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear(msg);
    try {
      const query = { region: picker.value };
      if (kind === 'facilities' && withIds.checked) query.with_ids = '1';
      const { blob, filename } = await busy(btn, t('tr.downloading'), () => download(`export/${kind}`, query));
      const url = URL.createObjectURL(blob);
      const a = h('a', { href: url, download: filename, hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      replace(msg, alertBox('ok', t('tr.downloaded', { file: filename })));
    } catch (err) {
      replace(msg, alertBox('error', errorText(err)));
    }
  });
  return form;
}

export function render(main) {
  replace(
    main,
    h('h1', { class: 'page-title' }, t('tr.title')),
    h('div', { class: 'transfer-grid' }, mayWrite() ? importCard() : h('div', { class: 'card' }, h('h2', { class: 'card-title' }, t('tr.import')), alertBox('info', t('tr.readOnly'))), exportCard()),
  );
}

