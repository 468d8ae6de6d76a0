// 花名册: the people of a region by category, age band and ability level,
// paged on the server with totals, exported whole as CSV or Excel; and
// the import of annual verifications (生存认证).
import { askDialog } from '../ui/dialog.js';
import { h, replace, today } from '../dom.js';
import { t, fmtNum } from '../i18n.js';
import { get, api, download } from '../api.js';
import { go } from '../router.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox, field, selectEl, busy, emptyRow, pager } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';

const PER_PAGE = 50;
const CATEGORIES = ['tekun_centralized', 'tekun_dispersed', 'dibao', 'low_income', 'disabled', 'partly_disabled', 'dementia', 'empty_nest', 'left_behind', 'living_alone', 'severe_disability', 'family_planning_special'];
const GROUPS = ['township', 'village', 'age_band', 'level', 'category'];
const MAY_EXPORT = ['admin', 'city_official', 'county_official'];

// An in-page dialog that states the consequence (ui/dialog.js); true on OK.
export async function confirmDialog(text, okText) {
  return (await askDialog({ consequence: text, okText })) !== null;
}

function filtersOf(query) {
  return {
    region: query.region || state.user.region || '',
    as_of: query.as_of || '',
    kind: query.kind || '',
    category: query.category || '',
    age_band: query.age_band || '',
    level: query.level || '',
    group: query.group || 'township',
  };
}

function importCard() {
  const file = h('input', { type: 'file', accept: '.csv,text/csv', id: 'verify-file' });
  const result = h('div', { 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'verify-import' }, t('verify.importBtn'));
  return h(
    'form',
    {
      class: 'card',
      onsubmit: async (e) => {
        e.preventDefault();
        const f = file.files[0];
        if (!f) return;
        if (!(await confirmDialog(t('verify.importConfirm', { f: f.name }), t('verify.importBtn')))) return;
        try {
          const out = await busy(btn, t('common.loading'), () => api('POST', 'verifications/import', { raw: f, contentType: 'text/csv' }));
          replace(result, alertBox('ok', t('verify.imported', { n: fmtNum(out.imported) })));
        } catch (err) {
          const rows = (err.errors || []).map((x) => h('tr', null, h('td', { class: 'num' }, String(x.row)), h('td', null, x.column), h('td', null, x.message)));
          replace(
            result,
            errorBox(err),
            rows.length
              ? h('div', { class: 'table-wrap' }, h('p', null, t('verify.importFailed')), h('table', { class: 'data compact errors-table' }, h('thead', null, h('tr', null, [t('verify.row'), t('verify.column'), t('verify.message')].map((c) => h('th', { scope: 'col' }, c)))), h('tbody', null, rows)))
              : null,
          );
        }
      },
    },
    h('h2', { class: 'card-title' }, t('verify.importTitle')),
    h('p', { class: 'muted small' }, t('verify.importHint')),
    field({ label: t('verify.importFile'), input: file }),
    h('div', { class: 'form-actions' }, btn),
    result,
  );
}

export async function render(main, { query, isCurrent }) {
  const f = filtersOf(query);
  const page = Math.max(1, Number(query.page) || 1);
  const apply = (changes) => go('roster', { ...f, ...changes });
  const picker = regionPicker({ value: f.region, allowAll: false, onChange: (code) => apply({ region: code || undefined, page: undefined }) });
  const asOf = h('input', { type: 'date', value: f.as_of || today(), id: 'roster-as-of' });
  const kind = selectEl(['elderly', 'infant', 'all'].map((k) => [k, t(`roster.kind.${k}`)]), f.kind || 'elderly', { id: 'roster-kind' });
  const cat = selectEl([['', t('common.all')], ...CATEGORIES.map((c) => [c, t(`cat.${c}`)])], f.category, { id: 'roster-category' });
  const band = h('input', { type: 'text', value: f.age_band, id: 'roster-band', inputmode: 'numeric' });
  const level = selectEl([['', t('common.all')], ...[0, 1, 2, 3, 4].map((l) => [String(l), t(`ability.${l}`)]), ['none', t('roster.level.none')]], f.level, { id: 'roster-level' });
  const group = selectEl(GROUPS.map((g) => [g, t(`roster.group.${g}`)]), f.group, { id: 'roster-group' });
  const bandField = field({ label: t('roster.band'), input: band, hint: t('roster.bandHint') });
  const msg = h('div', { 'aria-live': 'polite' });
  const list = h('div', null, loading());
  const params = () => ({
    region: f.region || undefined,
    as_of: f.as_of || undefined,
    kind: f.kind || undefined,
    category: f.category || undefined,
    age_band: f.age_band || undefined,
    level: f.level || undefined,
    group: f.group,
  });
  const exportBtn = (format) => {
    const b = h('button', { type: 'button', class: 'btn', id: `roster-${format}` }, t(`roster.${format}`));
    b.addEventListener('click', async () => {
      try {
        const { blob, filename } = await busy(b, t('common.loading'), () => download('roster', { ...params(), format }));
        const url = URL.createObjectURL(blob);
        const a = h('a', { href: url, download: filename, hidden: true });
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
        replace(msg, alertBox('ok', t('roster.exported', { f: filename })));
      } catch (e) {
        replace(msg, errorBox(e));
      }
    });
    return b;
  };
  const mayExport = MAY_EXPORT.includes(state.user.role);
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('roster.title'))),
    h(
      'form',
      {
        class: 'card filters',
        onsubmit: (e) => {
          e.preventDefault();
          const b = band.value.trim();
          if (b && !/^\d{1,3}(-\d{0,3})?$/.test(b)) {
            bandField.querySelector('.field-error').textContent = t('roster.badBand');
            return;
          }
          apply({ as_of: asOf.value || undefined, kind: kind.value, category: cat.value || undefined, age_band: b || undefined, level: level.value || undefined, group: group.value, page: undefined });
        },
      },
      field({ label: t('roster.region'), input: picker.select, control: picker.el }),
      field({ label: t('roster.asOf'), input: asOf }),
      field({ label: t('roster.kind'), input: kind }),
      field({ label: t('roster.category'), input: cat }),
      bandField,
      field({ label: t('roster.level'), input: level }),
      field({ label: t('roster.group'), input: group }),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'roster-show' }, t('roster.show')), mayExport ? exportBtn('csv') : null, mayExport ? exportBtn('xlsx') : null),
    ),
    msg,
    list,
    mayExport ? importCard() : null,
  );
  let data;
  try {
    data = await get('roster', { ...params(), page, per_page: PER_PAGE });
  } catch (e) {
    if (isCurrent()) replace(list, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  const cols = ['name', 'id', 'sex', 'birth', 'age', 'township', 'village', 'categories', 'level', 'levelOn'].map((c) => t(`roster.col.${c}`));
  const totals = data.totals[f.group] || [];
  replace(
    list,
    h('p', { class: 'roster-total' }, h('strong', null, t('roster.total', { n: fmtNum(data.total) })), h('span', { class: 'muted small' }, ` · ${data.as_of}`)),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'data', id: 'roster-table' },
        h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col' }, c)))),
        h(
          'tbody',
          null,
          data.items.length
            ? data.items.map((p) =>
                h(
                  'tr',
                  null,
                  h('td', null, h('a', { href: `#/people/${p.id}` }, p.name)),
                  h('td', { class: 'mono' }, p.id_number),
                  h('td', null, t(`roster.sex.${p.sex}`)),
                  h('td', null, p.birth_date),
                  h('td', { class: 'num' }, String(p.age)),
                  h('td', null, p.township || t('common.dash')),
                  h('td', null, p.village || t('common.dash')),
                  h('td', null, (p.categories || []).map((c) => h('span', { class: 'tag' }, t(`cat.${c}`)))),
                  h('td', null, p.level === null ? t('roster.level.none') : t(`ability.${p.level}`)),
                  h('td', null, p.level_on || t('common.dash')),
                ),
              )
            : emptyRow(cols.length, t('roster.none')),
        ),
      ),
    ),
    pager({ total: data.total, page, perPage: PER_PAGE, onPage: (n) => apply({ page: n }) }),
    h(
      'section',
      { class: 'card card-flush' },
      h('h2', { class: 'card-title' }, `${t('roster.totals')} · ${t(`roster.group.${f.group}`)}`),
      h(
        'table',
        { class: 'data compact', id: 'roster-totals' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, t(`roster.group.${f.group}`)), h('th', { scope: 'col', class: 'num' }, t('roster.count')))),
        h(
          'tbody',
          null,
          totals.length
            ? totals.map((e) => h('tr', null, h('td', null, groupLabel(f.group, e)), h('td', { class: 'num' }, fmtNum(e.count))))
            : emptyRow(2, t('roster.none')),
        ),
      ),
    ),
  );
}

// A total's label in the reader's language: codes through the strings,
// region names as the server gives them.
function groupLabel(group, e) {
  if (group === 'category') return t(`cat.${e.key}`);
  if (group === 'level') return e.key === 'none' ? t('roster.level.none') : t(`ability.${e.key}`);
  if (group === 'age_band') return e.key;
  return e.label;
}
