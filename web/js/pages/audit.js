// 审计 (admin): the audit log, newest first, with a before/after diff that
// shows only the keys that changed.
import { h, replace } from '../dom.js';
import { t, label, has, fmtDateTime } from '../i18n.js';
import { get } from '../api.js';
import { go } from '../router.js';
import { loading, errorBox, pager, selectEl, emptyRow } from '../ui/common.js';
import { tableActions } from '../ui/table_export.js';

const ENTITIES = ['facility', 'region', 'population', 'reported', 'account', 'session', 'api_token', 'regions', 'facilities'];

function show(v) {
  if (v === undefined) return h('span', { class: 'muted' }, t('common.dash'));
  if (v === null) return h('span', { class: 'muted' }, 'null');
  if (typeof v === 'object') return h('code', { class: 'json' }, JSON.stringify(v));
  if (typeof v === 'boolean') return String(v);
  if (v === '') return h('span', { class: 'muted' }, t('audit.emptyText'));
  return String(v);
}

// A field by its name on the forms (机构 fields, 用户 fields, then the
// audit's own table); the stored key only where none is written, and then
// in its own element so that it reads as a code.
function keyLabel(entity, key) {
  const own = entity === 'facility' || entity === 'facilities' ? `f.${key}` : entity === 'account' ? `users.${key}` : null;
  const k = [own, `audit.field.${key}`, `f.${key}`].find((x) => x && has(x));
  return k ? h('span', null, t(k)) : h('code', null, key);
}

// "system" is the platform itself (start-up loads, imports by the CLI)
function userName(user) {
  return user === 'system' ? t('audit.system') : user;
}

function entityLink(it) {
  if (!it.entity_id) return t('common.dash');
  // a population figure is region/year/metric: the metric by its name
  const pop = it.entity === 'population' && /^(\d{12})\/(\d{4})\/([a-z0-9_]+)$/.exec(it.entity_id);
  if (pop) return h('span', null, h('a', { href: `#/regions?code=${pop[1]}` }, pop[1]), ` ${t('audit.popYear', { y: pop[2] })} ${label('metric', pop[3])}`);
  if (it.entity === 'facility' && /^\d+$/.test(it.entity_id)) return h('a', { href: `#/facilities/${it.entity_id}` }, it.entity_id);
  if (it.entity === 'region' && /^\d{12}$/.test(it.entity_id)) return h('a', { href: `#/regions?code=${it.entity_id}` }, it.entity_id);
  return it.entity_id;
}

export function diffEntries(before, after) {
  const b = before && typeof before === 'object' ? before : {};
  const a = after && typeof after === 'object' ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).map((k) => ({ key: k, before: before ? b[k] : undefined, after: after ? a[k] : undefined }));
}

function diffView(item) {
  if (!item.before && !item.after) return h('p', { class: 'muted' }, t('audit.noDetail'));
  const entries = diffEntries(item.before, item.after);
  if (!entries.length) return h('p', { class: 'muted' }, t('audit.noChange'));
  return h(
    'table',
    { class: 'data compact diff-table' },
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('audit.field')), h('th', { scope: 'col' }, t('audit.before')), h('th', { scope: 'col' }, t('audit.after')))),
    h(
      'tbody',
      null,
      entries.map((e) => h('tr', null, h('th', { scope: 'row' }, keyLabel(item.entity, e.key)), h('td', { class: 'diff-before' }, show(e.before)), h('td', { class: 'diff-after' }, show(e.after)))),
    ),
  );
}

export async function render(main, { query, isCurrent }) {
  const page = Math.max(1, Number(query.page) || 1);
  const perPage = Number(query.per_page) || 50;
  const apply = (changes, keepPage) => {
    const next = { entity: query.entity, entity_id: query.entity_id, user: query.user, from: query.from, to: query.to, per_page: query.per_page, ...changes };
    if (!keepPage) delete next.page;
    go('audit', next);
  };

  const entitySel = selectEl([['', t('audit.allEntities')], ...ENTITIES.map((e) => [e, label('audit.entity', e)])], query.entity || '', {
    id: 'au-entity',
    onchange: (e) => apply({ entity: e.target.value }),
  });
  const idInput = h('input', { type: 'text', id: 'au-id', value: query.entity_id || '', class: 'mono' });
  const userInput = h('input', { type: 'text', id: 'au-user', value: query.user || '', autocapitalize: 'off' });
  const fromInput = h('input', { type: 'date', id: 'au-from', value: query.from || '' });
  const toInput = h('input', { type: 'date', id: 'au-to', value: query.to || '' });
  const filters = h(
    'form',
    { class: 'filters card', role: 'search' },
    h('div', { class: 'filter' }, h('label', { for: 'au-entity' }, t('audit.entity')), entitySel),
    h('div', { class: 'filter' }, h('label', { for: 'au-id' }, t('audit.filterId')), idInput),
    h('div', { class: 'filter' }, h('label', { for: 'au-user' }, t('audit.filterUser')), userInput),
    h('div', { class: 'filter' }, h('label', { for: 'au-from' }, t('export.from')), fromInput),
    h('div', { class: 'filter' }, h('label', { for: 'au-to' }, t('export.to')), toInput),
    h('div', { class: 'filter filter-reset' }, h('button', { type: 'submit', class: 'btn' }, t('common.apply')), h('a', { class: 'btn btn-ghost', href: '#/audit' }, t('common.reset'))),
  );
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    apply({ entity_id: idInput.value.trim(), user: userInput.value.trim(), from: fromInput.value || undefined, to: toInput.value || undefined });
  });
  const results = h('div', null, loading());
  const range = { entity: query.entity, entity_id: query.entity_id, user: query.user, from: query.from, to: query.to };
  replace(main, h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('audit.title')), tableActions('audit', () => range)), filters, results);

  let data;
  try {
    data = await get('audit', { ...range, page, per_page: perPage });
  } catch (e) {
    if (isCurrent()) replace(results, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  const lastPage = Math.max(1, Math.ceil(data.total / (data.per_page || perPage)));
  if (!data.items.length && page > lastPage) {
    apply({ page: lastPage > 1 ? String(lastPage) : '' }, true);
    return;
  }
  const body = h('tbody');
  for (const it of data.items) {
    const detailRow = h('tr', { class: 'diff-row', hidden: true }, h('td', { colspan: '6' }, diffView(it)));
    const hasDetail = it.before || it.after;
    const btn = hasDetail
      ? h(
          'button',
          {
            type: 'button',
            class: 'btn btn-small',
            'aria-expanded': 'false',
            onclick: (e) => {
              detailRow.hidden = !detailRow.hidden;
              e.currentTarget.setAttribute('aria-expanded', detailRow.hidden ? 'false' : 'true');
              e.currentTarget.textContent = detailRow.hidden ? t('audit.showDiff') : t('audit.hideDiff');
            },
          },
          t('audit.showDiff'),
        )
      : h('span', { class: 'muted' }, t('common.dash'));
    body.append(
      h(
        'tr',
        null,
        h('td', { class: 'nowrap', 'data-label': t('audit.at') }, fmtDateTime(it.at)),
        h('td', { 'data-label': t('audit.user') }, userName(it.user)),
        h('td', { 'data-label': t('audit.action') }, h('span', { class: `tag tag-action-${it.action}` }, label('audit.action', it.action))),
        h('td', { 'data-label': t('audit.entity') }, label('audit.entity', it.entity)),
        h('td', { class: 'mono', 'data-label': t('audit.entity_id') }, entityLink(it)),
        h('td', { 'data-label': t('audit.changes') }, btn),
      ),
      detailRow,
    );
  }
  if (!data.items.length) body.append(emptyRow(6, t('audit.empty')));
  replace(
    results,
    h(
      'div',
      { class: 'card card-flush' },
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'data audit-table stack-on-phone' },
          h('thead', null, h('tr', null, ['audit.at', 'audit.user', 'audit.action', 'audit.entity', 'audit.entity_id', 'audit.changes'].map((k) => h('th', { scope: 'col' }, t(k))))),
          body,
        ),
      ),
      pager({
        total: data.total,
        page: data.page || page,
        perPage: data.per_page || perPage,
        onPage: (p) => apply({ page: String(p) }, true),
        onPerPage: (n) => apply({ per_page: String(n) }),
      }),
    ),
  );
}
