// 停止收住: the facilities with an open hazard that stops admissions, read
// once from the hazards list (roles that may not read hazards see no mark),
// and the tag the facility pages show beside their status.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { get } from '../api.js';
import { state } from '../state.js';

const READERS = ['admin', 'city_official', 'county_official', 'dept_official', 'operator', 'readonly', 'inspector'];

// A Set of facility ids; empty when the role does not read hazards.
export async function stoppedFacilities() {
  if (!state.user || !READERS.includes(state.user.role)) return new Set();
  try {
    const r = await get('inspect/hazards', { status: 'open' });
    return new Set(r.items.filter((x) => x.stops_admission).map((x) => x.facility.id));
  } catch {
    return new Set();
  }
}

export function stopTag(stopped, id) {
  return stopped.has(id) ? h('span', { class: 'tag st-missed', title: t('ih.stopsWhat') }, t('ih.stopped')) : null;
}
