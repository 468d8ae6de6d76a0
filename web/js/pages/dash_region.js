// 总览 · where it opens: the region in the address; else the user's own
// jurisdiction; else (an administrator, who has none) the first policy
// jurisdiction with registered facilities, so the page opens on figures
// rather than on an empty province; else the first such jurisdiction at
// all, else the first top-level region.
import { get } from '../api.js';
import { startRegion } from '../regions.js';

export async function dashRegion(query, user) {
  if (/^\d{12}$/.test(query.region || '') || user.region) return startRegion(query, user);
  let list = [];
  try {
    list = ((await get('policies')).items || []).map((p) => p.jurisdiction).filter(Boolean);
  } catch {
    list = [];
  }
  const counts = await Promise.all(list.map((code) => get('facilities/summary', { region: code }).then((s) => (s && s.total ? s.total.count || 0 : 0)).catch(() => 0)));
  const withData = list.find((_, i) => counts[i] > 0);
  if (withData) return withData;
  if (list.length) return list[0];
  return startRegion(query, user);
}
