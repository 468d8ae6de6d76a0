// Region look-ups with a cache: the facility list and detail show region
// names, while facilities carry only codes.
import { get } from './api.js';
import { state } from './state.js';

const cache = new Map();

export function getRegion(code) {
  if (!code) return Promise.resolve(null);
  if (!cache.has(code)) {
    const p = get(`regions/${encodeURIComponent(code)}`).catch((e) => {
      cache.delete(code);
      throw e;
    });
    cache.set(code, p);
  }
  return cache.get(code);
}

// Names for many codes at once; a code that fails to load maps to itself.
export async function regionNames(codes) {
  const unique = [...new Set(codes.filter(Boolean))];
  const out = new Map();
  await Promise.all(
    unique.map(async (c) => {
      try {
        const r = await getRegion(c);
        out.set(c, r.name);
      } catch {
        out.set(c, c);
      }
    }),
  );
  return out;
}

// The region a page starts from: the one in the address, else the user's,
// else the first top-level region they see.
export async function startRegion(query, user) {
  if (/^\d{12}$/.test(query.region || '')) {
    rememberRegion(query.region);
    return query.region;
  }
  if (user.region) return user.region;
  const roots = (await get('regions')).items;
  return roots.length ? roots[0].code : '';
}

// The region last chosen on any page is the one the next page starts from
// (the facility list, the export); its name arrives when known.
export function rememberRegion(code) {
  if (state.selectedRegion && state.selectedRegion.code === code) return;
  state.selectedRegion = { code, name: code };
  getRegion(code)
    .then((r) => {
      if (state.selectedRegion && state.selectedRegion.code === code) state.selectedRegion.name = r.name;
    })
    .catch(() => {});
}

export function forgetRegions() {
  cache.clear();
}
