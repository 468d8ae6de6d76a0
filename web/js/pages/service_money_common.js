// Shared by the pages of entitlements and vouchers: money as the server
// sends it (integer fen) written as yuan with two decimals, by integer
// arithmetic, never through a float that could round; and who may grant.
import { t } from '../i18n.js';
import { state } from '../state.js';

export function yuan(fen) {
  const n = BigInt(fen || 0);
  const neg = n < 0n;
  const a = neg ? -n : n;
  const cents = String(a % 100n).padStart(2, '0');
  const whole = String(a / 100n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return t('svcm.yuan', { v: `${neg ? '-' : ''}${whole}.${cents}` });
}

// Officials who grant entitlements and issue vouchers (docs/api.md).
export function mayGrant() {
  return ['admin', 'city_official', 'county_official'].includes(state.user.role);
}

export function itemNames(items) {
  return (items || []).map((i) => i.name).join('、');
}
