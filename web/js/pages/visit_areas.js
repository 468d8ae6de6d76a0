// The villages and communities a visitor account covers, ticked from the
// region the account belongs to (a township: its villages; a county: its
// villages grouped by township), by name, never typed as codes. Villages
// already bound but outside the list stay ticked, so an edit never drops
// them silently.
import { h, replace } from '../dom.js';
import { t, fmtNum } from '../i18n.js';
import { get } from '../api.js';
import { getRegion, regionNames } from '../regions.js';

async function villagesUnder(code) {
  const r = await getRegion(code);
  if (!r) return [];
  if (r.level === 'village') return [{ group: null, items: [r] }];
  const kids = (await get('regions', { parent: code })).items;
  if (r.level === 'township') return [{ group: null, items: kids.filter((k) => k.level === 'village') }];
  if (r.level !== 'county') return null; // a city or more: too many to list; choose a county or township
  const groups = await Promise.all(kids.map(async (k) => ({ group: k.name, items: (await get('regions', { parent: k.code })).items.filter((v) => v.level === 'village') })));
  return groups.filter((g) => g.items.length);
}

// value: the codes bound now; returns {el, values(), setRegion(code)}.
export function areaPicker(value = []) {
  const chosen = new Set(value);
  const count = h('span', { class: 'muted small', 'aria-live': 'polite' });
  const list = h('div', { class: 'area-list', id: 'user-areas' });
  const el = h('div', { class: 'area-picker' }, list, count);
  const recount = () => (count.textContent = t('users.areasCount', { n: fmtNum(chosen.size) }));
  const box = (r) => {
    const input = h('input', { type: 'checkbox', value: r.code, checked: chosen.has(r.code) });
    input.addEventListener('change', () => {
      if (input.checked) chosen.add(r.code);
      else chosen.delete(r.code);
      recount();
    });
    return h('label', { class: 'check area-item' }, input, ' ', r.name);
  };
  let seq = 0;
  async function setRegion(code) {
    const mine = ++seq;
    if (!code) {
      replace(list, h('p', { class: 'muted small' }, t('users.areasPickRegion')));
      recount();
      return;
    }
    replace(list, h('p', { class: 'muted small' }, t('users.areasLoading')));
    let groups;
    try {
      groups = await villagesUnder(code);
    } catch {
      groups = [];
    }
    if (mine !== seq) return;
    if (groups === null) {
      replace(list, h('p', { class: 'muted small' }, t('users.areasPickRegion')));
      recount();
      return;
    }
    const shown = new Set(groups.flatMap((g) => g.items.map((r) => r.code)));
    const others = [...chosen].filter((c) => !shown.has(c));
    const names = await regionNames(others);
    if (mine !== seq) return;
    const parts = groups.map((g) => (g.group ? h('fieldset', { class: 'area-group' }, h('legend', null, g.group), g.items.map(box)) : h('div', { class: 'area-group' }, g.items.map(box))));
    if (others.length) parts.unshift(h('div', { class: 'area-group' }, others.map((c) => box({ code: c, name: names.get(c) || c }))));
    replace(list, parts.length ? parts : h('p', { class: 'muted small' }, t('users.areasNone')));
    recount();
  }
  recount();
  return { el, values: () => [...chosen].sort(), setRegion };
}
