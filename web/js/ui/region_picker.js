// A region chooser: a select over the top of the user's scope (roots, their
// children and, while the list stays short, grandchildren), plus a name
// search for anything deeper.
import { h, clear, debounce, newId } from '../dom.js';
import { t, label } from '../i18n.js';
import { get } from '../api.js';
import { getRegion } from '../regions.js';

const MAX_OPTIONS = 200;
let treeCache = null; // [{code, name, level, depth}]

async function scopeTree() {
  if (treeCache) return treeCache;
  const out = [];
  const roots = (await get('regions')).items;
  const kids = await Promise.all(roots.map((r) => get('regions', { parent: r.code }).then((d) => d.items)));
  let count = roots.length + kids.reduce((n, k) => n + k.length, 0);
  const grand = new Map();
  for (const list of kids) {
    for (const c of list) {
      if (count >= MAX_OPTIONS || c.level === 'village') continue;
      const g = (await get('regions', { parent: c.code })).items;
      if (count + g.length > MAX_OPTIONS) continue;
      grand.set(c.code, g);
      count += g.length;
    }
  }
  roots.forEach((r, i) => {
    out.push({ ...r, depth: 0 });
    for (const c of kids[i]) {
      out.push({ ...c, depth: 1 });
      for (const g of grand.get(c.code) || []) out.push({ ...g, depth: 2 });
    }
  });
  treeCache = out;
  return out;
}

export function forgetScopeTree() {
  treeCache = null;
}

// opts: {value, allowAll, allLabel, onChange, id, extra: {code,name}}
export function regionPicker(opts = {}) {
  // named for a reader of the screen, whether or not the page labels it
  const select = h('select', { id: opts.id || newId('region'), class: 'region-select', 'aria-label': opts.label || t('f.region') });
  const search = h('input', {
    type: 'search',
    class: 'region-search',
    placeholder: t('fac.regionSearch'),
    'aria-label': t('fac.regionSearch'),
    autocomplete: 'off',
  });
  const results = h('ul', { class: 'region-results', hidden: true, role: 'list' });
  const el = h('div', { class: 'region-picker' }, select, h('div', { class: 'region-search-wrap' }, search, results));
  let current = opts.value || '';
  const extras = new Map(); // code -> name of options added outside the tree
  if (opts.extra && opts.extra.code) extras.set(opts.extra.code, opts.extra.name);

  function render(tree) {
    clear(select);
    if (opts.allowAll) select.append(h('option', { value: '' }, opts.allLabel || t('fac.regionAll')));
    else if (!current) select.append(h('option', { value: '', disabled: true }, t('users.regionPick')));
    const inTree = new Set(tree.map((r) => r.code));
    const extraOpts = [...extras].filter(([c]) => !inTree.has(c));
    if (extraOpts.length)
      select.append(h('optgroup', { label: t('fac.regionSelected') }, extraOpts.map(([c, n]) => h('option', { value: c }, `${n}（${c}）`))));
    const group = h('optgroup', { label: t('fac.regionTree') });
    for (const r of tree)
      group.append(h('option', { value: r.code }, `${'\u3000'.repeat(r.depth)}${r.name}${r.kind === 'zone' ? ' · ' + label('rkind', 'zone') : ''}`));
    select.append(group);
    select.value = current;
  }

  let tree = [];
  const ready = (async () => {
    try {
      tree = await scopeTree();
    } catch {
      tree = [];
    }
    if (current && !tree.some((r) => r.code === current)) {
      try {
        const r = await getRegion(current);
        extras.set(current, r.name);
      } catch {
        extras.set(current, current);
      }
    }
    render(tree);
  })();

  select.addEventListener('change', () => {
    current = select.value;
    if (opts.onChange) opts.onChange(current);
  });

  function choose(r) {
    extras.set(r.code, r.name);
    current = r.code;
    render(tree);
    results.hidden = true;
    search.value = '';
    select.focus();
    if (opts.onChange) opts.onChange(current);
  }

  const runSearch = debounce(async () => {
    const q = search.value.trim();
    if (!q) {
      results.hidden = true;
      return;
    }
    let items = [];
    try {
      items = (await get('regions', { q })).items;
    } catch {
      items = [];
    }
    if (search.value.trim() !== q) return;
    clear(results);
    if (!items.length) results.append(h('li', { class: 'muted' }, t('regions.noResults')));
    for (const r of items.slice(0, 30))
      results.append(
        h('li', null, h('button', { type: 'button', onclick: () => choose(r) }, r.name, h('span', { class: 'muted' }, ` ${label('level', r.level)} · ${r.code}`))),
      );
    results.hidden = false;
  }, 250);
  search.addEventListener('input', runSearch);
  search.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') results.hidden = true;
    if (e.key === 'Enter') e.preventDefault();
  });

  return {
    el,
    select,
    ready,
    get value() {
      return current;
    },
    setAllLabel(text) {
      opts.allLabel = text;
      ready.then(() => render(tree));
    },
    setValue(code) {
      current = code || '';
      ready.then(() => render(tree));
    },
  };
}
