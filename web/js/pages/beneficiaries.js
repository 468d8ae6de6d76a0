// Names for ledger lines, which carry only the beneficiary's kind and id:
// persons and institutions one request each (a page of lines at a time,
// cached), training providers from the providers list of their region.
import { get } from '../api.js';

const cache = new Map(); // "kind:id" -> Promise<name or null>
const providerLists = new Map(); // region -> Promise<Map(id -> name)>

function providersOf(region) {
  if (!providerLists.has(region))
    providerLists.set(
      region,
      get('training/providers', { region })
        .then((d) => new Map((d.items || []).map((p) => [p.id, p.name])))
        .catch(() => new Map()),
    );
  return providerLists.get(region);
}

function nameOf(line) {
  const key = `${line.beneficiary_kind}:${line.beneficiary_id}`;
  if (!cache.has(key)) {
    let p;
    if (line.beneficiary_kind === 'person') p = get(`persons/${line.beneficiary_id}`).then((x) => x.name);
    else if (line.beneficiary_kind === 'institution') p = get(`facilities/${line.beneficiary_id}`).then((x) => x.name);
    else p = providersOf(line.region).then((m) => m.get(line.beneficiary_id) || null);
    // a beneficiary out of reach (or gone) keeps its number
    cache.set(key, p.catch(() => null));
  }
  return cache.get(key);
}

// lines → Map("kind:id" → name or null)
export async function beneficiaryNames(lines) {
  const out = new Map();
  await Promise.all(
    lines.map(async (l) => {
      out.set(`${l.beneficiary_kind}:${l.beneficiary_id}`, await nameOf(l));
    }),
  );
  return out;
}

export function forgetBeneficiaries() {
  cache.clear();
  providerLists.clear();
}
