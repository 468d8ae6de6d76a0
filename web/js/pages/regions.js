// 区划与人口: the region tree of the user's scope, and for the chosen node
// its path, kind, population by year and metric, and facility totals.
import { h, clear, replace, debounce } from '../dom.js';
import { t, label, fmtNum, getLang } from '../i18n.js';
import { get } from '../api.js';
import { state } from '../state.js';
import { href } from '../router.js';
import { METRICS, KINDS, isChildcare } from '../enums.js';
import { loading, errorBox, selectEl, emptyRow } from '../ui/common.js';

// Tree state lives across renders (language switch, coming back later).
const tree = {
  roots: null,
  children: new Map(), // code -> [REGION]
  expanded: new Set(),
  owner: null, // user id the cache belongs to
  version: 0, // state.dataVersion the cache was loaded at
};

async function loadChildren(code) {
  if (!tree.children.has(code)) tree.children.set(code, (await get('regions', { parent: code })).items);
  return tree.children.get(code);
}

export async function render(main, { query, isCurrent }) {
  if (tree.owner !== state.user.id || tree.version !== (state.dataVersion || 0)) {
    tree.roots = null;
    tree.children.clear();
    if (tree.owner !== state.user.id) tree.expanded.clear();
    tree.owner = state.user.id;
    tree.version = state.dataVersion || 0;
  }
  replace(main, h('h1', { class: 'page-title' }, t('regions.title')), loading());
  if (!tree.roots) {
    tree.roots = (await get('regions')).items;
    // one root: open it, the user almost always wants its children
    if (tree.roots.length === 1) tree.expanded.add(tree.roots[0].code);
  }
  if (!isCurrent()) return;
  await Promise.all([...tree.expanded].map((c) => loadChildren(c).catch(() => [])));
  if (!isCurrent()) return;

  let selected = query.code || (state.selectedRegion && state.selectedRegion.code) || (tree.roots[0] && tree.roots[0].code) || '';
  const treeEl = h('ul', { class: 'tree', role: 'tree', 'aria-label': t('regions.tree') });
  const detail = h('section', { class: 'region-detail', 'aria-live': 'polite' });
  const searchInput = h('input', { type: 'search', class: 'tree-search', placeholder: t('regions.search'), 'aria-label': t('regions.search'), autocomplete: 'off' });
  const searchResults = h('ul', { class: 'search-results', hidden: true, 'aria-label': t('regions.searchResults') });

  function nodeEl(r, depth) {
    const kids = tree.children.get(r.code);
    const isLeaf = r.level === 'village' || (kids && kids.length === 0);
    const open = tree.expanded.has(r.code) && !isLeaf;
    const li = h('li', {
      role: 'treeitem',
      'aria-level': String(depth + 1),
      'aria-selected': r.code === selected ? 'true' : 'false',
      'aria-expanded': isLeaf ? null : open ? 'true' : 'false',
      class: ['tree-node', r.code === selected && 'is-selected'],
      dataset: { code: r.code },
    });
    const toggle = isLeaf
      ? h('span', { class: 'tree-toggle tree-leaf', 'aria-hidden': 'true' })
      : h(
          'button',
          {
            type: 'button',
            class: 'tree-toggle',
            'aria-label': t(open ? 'regions.collapse' : 'regions.expand', { name: r.name }),
            onclick: async (e) => {
              const btn = e.currentTarget;
              if (tree.expanded.has(r.code)) tree.expanded.delete(r.code);
              else {
                btn.classList.add('is-busy');
                try {
                  await loadChildren(r.code);
                } catch {
                  btn.classList.remove('is-busy');
                  return;
                }
                tree.expanded.add(r.code);
              }
              drawTree();
              const again = treeEl.querySelector(`li[data-code="${CSS.escape(r.code)}"] > .tree-row .tree-toggle`);
              if (again) again.focus();
            },
          },
          h('span', { class: 'chev', 'aria-hidden': 'true' }),
        );
    li.append(
      h(
        'div',
        { class: 'tree-row', style: { paddingLeft: `${depth * 16 + 4}px` } },
        toggle,
        h(
          'button',
          { type: 'button', class: 'tree-label', onclick: () => select(r.code) },
          r.name,
          r.kind === 'zone' ? h('span', { class: 'tag tag-zone' }, label('rkind', 'zone')) : null,
          r.closed_on ? h('span', { class: 'tag tag-muted' }, t('status.closed')) : null,
        ),
      ),
    );
    if (open && kids) li.append(h('ul', { role: 'group' }, kids.map((k) => nodeEl(k, depth + 1))));
    return li;
  }

  function drawTree() {
    replace(treeEl, tree.roots.map((r) => nodeEl(r, 0)));
  }

  async function select(code, { reveal = true } = {}) {
    selected = code;
    history.replaceState(null, '', href('regions', { code }));
    drawTree();
    await showDetail(code, reveal);
  }

  async function showDetail(code, reveal) {
    replace(detail, loading());
    let region;
    try {
      region = await get(`regions/${encodeURIComponent(code)}`);
    } catch (e) {
      replace(detail, errorBox(e, () => showDetail(code, reveal)));
      return;
    }
    if (selected !== code) return;
    state.selectedRegion = { code: region.code, name: region.name };
    if (reveal) {
      // open the ancestors so the node shows in the tree
      let changed = false;
      const scopeAt = state.user.region ? Math.max(0, region.path.findIndex((p) => p.code === state.user.region)) : 0;
      for (const p of region.path.slice(scopeAt, -1)) {
        if (!tree.expanded.has(p.code)) {
          try {
            await loadChildren(p.code);
            tree.expanded.add(p.code);
            changed = true;
          } catch {
            break;
          }
        }
      }
      if (changed) drawTree();
      const node = treeEl.querySelector(`li[data-code="${CSS.escape(code)}"] > .tree-row`);
      if (node && node.scrollIntoView) node.scrollIntoView({ block: 'nearest' });
    }
    replace(detail, regionHeader(region), populationCard(region), state.user.role === 'operator' ? null : facilitiesCard(region));
  }

  function regionHeader(r) {
    const crumbs = h('ol', { class: 'breadcrumb' });
    // ancestors above the user's scope are shown but cannot be opened
    const scopeAt = state.user.region ? r.path.findIndex((p) => p.code === state.user.region) : 0;
    r.path.forEach((p, i) => {
      const last = i === r.path.length - 1;
      crumbs.append(
        h(
          'li',
          null,
          last || i < scopeAt
            ? h('span', { 'aria-current': last ? 'location' : null }, p.name)
            : h('button', { type: 'button', class: 'link-btn', onclick: () => select(p.code) }, p.name),
        ),
      );
    });
    const facts = h(
      'dl',
      { class: 'facts' },
      h('div', null, h('dt', null, t('regions.code')), h('dd', { class: 'mono' }, r.code)),
      h('div', null, h('dt', null, t('regions.level')), h('dd', null, label('level', r.level))),
      h('div', null, h('dt', null, t('regions.kind')), h('dd', null, h('span', { class: ['tag', r.kind === 'zone' ? 'tag-zone' : 'tag-admin'] }, label('rkind', r.kind)))),
      h('div', null, h('dt', null, t('regions.children')), h('dd', null, fmtNum(r.children))),
      r.closed_on ? h('div', null, h('dt', null, t('regions.closedOn')), h('dd', null, r.closed_on)) : null,
    );
    return h(
      'div',
      { class: 'card' },
      h('nav', { 'aria-label': t('regions.path') }, crumbs),
      h('h2', { class: 'region-name' }, r.name),
      facts,
      r.source ? h('p', { class: 'source-line' }, h('span', { class: 'muted' }, `${t('regions.source')}${t('common.colon')}`), r.source) : null,
    );
  }

  function populationCard(r) {
    const body = h('div', null, loading());
    const card = h('section', { class: 'card' }, h('div', { class: 'card-head' }, h('h3', null, t('regions.population'))), body);
    get('population', { region: r.code })
      .then((data) => {
        if (selected !== r.code) return;
        drawPopulation(card, body, data.items || [], data.derived || []);
        // figures that cannot all be true are said, not accepted silently
        const flags = populationFlags(data.flags || []);
        if (flags) body.prepend(flags);
      })
      .catch((e) => replace(body, errorBox(e)));
    return card;
  }

  function populationFlags(flags) {
    if (!flags.length) return null;
    const line = (f) =>
      f.kind === 'children_exceed'
        ? t('popFlag.children', { r: f.region_name, y: f.year, m: label('metric', f.metric), s: fmtNum(f.against_value), v: fmtNum(f.value) })
        : t('popFlag.group', { r: f.region_name, y: f.year, m: label('metric', f.metric), v: fmtNum(f.value), w: label('metric', f.against), a: fmtNum(f.against_value) });
    return h(
      'div',
      { class: 'alert alert-error pop-flags', role: 'status' },
      h('div', null, h('strong', null, t('popFlag.title', { n: flags.length })), h('ul', { class: 'plain-list small' }, flags.map((f) => h('li', null, line(f))))),
    );
  }

  function drawPopulation(card, body, items, derived) {
    if (!items.length) {
      replace(body, h('p', { class: 'muted' }, t('regions.noPopulation')));
      return;
    }
    const years = [...new Set(items.map((i) => i.year))].sort((a, b) => b - a);
    const byKey = new Map(items.map((i) => [`${i.year}/${i.metric}`, i]));
    const yearSel = selectEl([['', t('regions.allYears')], ...years.map((y) => [String(y), String(y)])], '', {
      'aria-label': t('regions.year'),
    });
    const sourceBox = h('div', { class: 'source-box', hidden: true, 'aria-live': 'polite' });
    const tableWrap = h('div', { class: 'table-wrap' });
    const head = card.querySelector('.card-head');
    head.append(h('label', { class: 'inline-label' }, t('regions.year'), ' ', yearSel));

    function showSource(item) {
      replace(
        sourceBox,
        h('strong', null, t('regions.sourceOf', { metric: label('metric', item.metric), year: item.year })),
        h('p', null, item.source || t('regions.noSource')),
        h('button', { type: 'button', class: 'btn btn-small', onclick: () => (sourceBox.hidden = true) }, t('common.hide')),
      );
      sourceBox.hidden = false;
    }

    function cell(item) {
      if (!item) return h('td', { class: 'num muted' }, t('common.dash'));
      const rollup = item.origin === 'rollup';
      // a sum over some of the children says how many: 7个县（区）中3个
      const partial = rollup && item.partial;
      const badge = h(
        'span',
        { class: ['origin', rollup ? 'origin-rollup' : 'origin-direct', partial && 'origin-partial'], title: rollup ? t('origin.rollupTitle', { n: item.covered ?? item.children }) : t('origin.directTitle') },
        partial ? t('origin.rollupPartial', { c: getLang() === 'zh' ? item.coverage_zh : item.coverage }) : rollup ? t('origin.rollupN', { n: item.covered ?? item.children }) : t('origin.direct'),
      );
      const value = rollup
        ? h('span', { class: 'pop-value' }, fmtNum(item.value))
        : h(
            'button',
            {
              type: 'button',
              class: 'pop-value link-btn',
              title: item.source || t('regions.noSource'),
              'aria-label': `${fmtNum(item.value)}${t('common.comma')}${t('regions.showSource')}`,
              onclick: () => showSource(item),
            },
            fmtNum(item.value),
          );
      return h('td', { class: 'num' }, value, ' ', badge);
    }

    function draw() {
      const shown = yearSel.value ? [Number(yearSel.value)] : years;
      const metrics = METRICS.filter((m) => shown.some((y) => byKey.has(`${y}/${m}`)));
      const table = h(
        'table',
        { class: 'data pop-table' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('regions.metric')), shown.map((y) => h('th', { scope: 'col', class: 'num' }, String(y))))),
        h(
          'tbody',
          null,
          metrics.length
            ? metrics.map((m) => h('tr', null, h('th', { scope: 'row' }, label('metric', m)), shown.map((y) => cell(byKey.get(`${y}/${m}`)))))
            : emptyRow(shown.length + 1, t('regions.noPopulation')),
        ),
      );
      replace(tableWrap, table);
      sourceBox.hidden = true;
    }
    // shares and persons per household, computed from the figures above
    const derivedBox = h('div', { class: 'pop-derived' });
    function drawDerived() {
      const shown = derived.filter((d) => !yearSel.value || d.year === Number(yearSel.value));
      replace(
        derivedBox,
        shown.length
          ? h(
              'ul',
              { class: 'plain-list small' },
              shown.map((d) =>
                h(
                  'li',
                  { dataset: { metric: d.metric, year: d.year } },
                  t('regions.derivedLine', { y: d.year, name: d.label_zh, v: d.value, u: d.unit_zh, n: fmtNum(d.numerator), d: fmtNum(d.denominator), rule: d.rule_zh }),
                  d.partial ? h('span', { class: 'partial-note' }, ` ${t('origin.rollupPartial', { c: getLang() === 'zh' ? d.coverage_zh : d.coverage })}`) : null,
                ),
              ),
            )
          : null,
      );
    }
    yearSel.addEventListener('change', draw);
    yearSel.addEventListener('change', drawDerived);
    draw();
    drawDerived();
    replace(body, tableWrap, derivedBox, sourceBox, h('p', { class: 'legend muted' }, t('regions.legend')));
  }

  function facilitiesCard(r) {
    const body = h('div', null, loading());
    const asOf = h('span', { class: 'muted card-sub' });
    const card = h(
      'section',
      { class: 'card' },
      h(
        'div',
        { class: 'card-head' },
        h('h3', null, t('regions.facilities'), ' ', asOf),
        h('a', { class: 'btn btn-small', href: href('facilities', { region: r.code }) }, t('regions.listFacilities'), ' →'),
      ),
      body,
    );
    get('facilities/summary', { region: r.code })
      .then((s) => {
        if (selected !== r.code) return;
        asOf.textContent = t('regions.facilitiesAsOf', { date: s.as_of });
        const kinds = KINDS.filter((k) => s.by_kind && s.by_kind[k]);
        const unknown = Object.keys(s.by_kind || {}).filter((k) => !KINDS.includes(k));
        const cols = ['count', 'beds', 'nursing_beds', 'occupied_beds', 'slots', 'affordable_slots'];
        const bedCols = ['beds', 'nursing_beds', 'occupied_beds'];
        const slotCols = ['slots', 'affordable_slots'];
        const row = (name, v, kind, isTotal) =>
          h(
            'tr',
            { class: isTotal ? 'total-row' : null },
            h('th', { scope: 'row' }, name),
            cols.map((c) => {
              const na = kind && ((isChildcare(kind) && bedCols.includes(c)) || (!isChildcare(kind) && slotCols.includes(c)));
              return h('td', { class: ['num', na && 'muted'] }, na && !v[c] ? t('common.dash') : fmtNum(v[c]));
            }),
          );
        replace(
          body,
          h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { class: 'data' },
              h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('regions.kindCol')), cols.map((c) => h('th', { scope: 'col', class: 'num' }, t(`sum.${c}`))))),
              h(
                'tbody',
                null,
                kinds.length + unknown.length
                  ? [...kinds, ...unknown].map((k) => row(label('kind', k), s.by_kind[k], k, false))
                  : emptyRow(cols.length + 1, t('regions.noFacilities')),
              ),
              kinds.length + unknown.length ? h('tfoot', null, row(t('common.total'), s.total, null, true)) : null,
            ),
          ),
        );
      })
      .catch((e) => replace(body, errorBox(e)));
    return card;
  }

  const runSearch = debounce(async () => {
    const q = searchInput.value.trim();
    if (!q) {
      searchResults.hidden = true;
      treeEl.hidden = false;
      return;
    }
    let items;
    try {
      items = (await get('regions', { q })).items;
    } catch (e) {
      replace(searchResults, h('li', null, errorBox(e)));
      searchResults.hidden = false;
      return;
    }
    if (searchInput.value.trim() !== q) return;
    clear(searchResults);
    if (!items.length) searchResults.append(h('li', { class: 'muted' }, t('regions.noResults')));
    for (const r of items)
      searchResults.append(
        h(
          'li',
          null,
          h(
            'button',
            {
              type: 'button',
              class: 'result-btn',
              onclick: () => {
                searchInput.value = '';
                searchResults.hidden = true;
                treeEl.hidden = false;
                select(r.code);
              },
            },
            h('span', null, r.name),
            h('span', { class: 'muted small' }, `${label('level', r.level)} · ${r.code}`),
          ),
        ),
      );
    searchResults.hidden = false;
    treeEl.hidden = true;
  }, 250);
  searchInput.addEventListener('input', runSearch);

  drawTree();
  replace(
    main,
    h('h1', { class: 'page-title' }, t('regions.title')),
    h(
      'div',
      { class: 'split' },
      h('aside', { class: 'card tree-panel', 'aria-label': t('regions.tree') }, searchInput, searchResults, h('div', { class: 'tree-scroll' }, treeEl)),
      detail,
    ),
  );
  if (selected) await select(selected);
  else replace(detail, h('p', { class: 'muted' }, t('regions.pick')));
}
