// The words for the codes of a jurisdiction's visit and referral policy
// (modes, aspects, tiers, events, needs, severities). A policy file may add
// its own codes, so the server's label is used when it sends one; in
// English the platform's own string wins when it has one, since the
// policies label in Chinese. A code is never shown as it is.
import { h } from '../dom.js';
import { t, has, getLang, fmtDateTime } from '../i18n.js';

// Defaults of the policy files (docs/policy.md "Visits", "Referrals").
export const DEFAULTS = {
  mode: ['home', 'phone', 'video'],
  aspect: ['safety', 'health', 'housing', 'family', 'needs'],
  tier: ['high', 'key', 'regular'],
  eventKind: ['hospitalised', 'fall', 'bereaved', 'disaster'],
  need: ['meal', 'home_service', 'medical', 'housing', 'assistance', 'disability', 'legal', 'care'],
  severity: ['urgent', 'normal', 'low'],
};
const KEY = {
  mode: 'visit.mode',
  aspect: 'visit.aspect',
  tier: 'visit.tier',
  eventKind: 'visit.eventKind',
  need: 'referral.need',
  severity: 'referral.severity',
};
export const FINDINGS = ['ok', 'concern', 'urgent'];
export const RISKS = ['low', 'medium', 'high'];

// group: a key of DEFAULTS; serverLabel: the policy's label, if sent.
export function vlabel(group, code, serverLabel) {
  if (!code) return t('common.dash');
  const key = `${KEY[group]}.${code}`;
  if (getLang() !== 'zh' && has(key)) return t(key);
  if (serverLabel) return serverLabel;
  if (has(key)) return t(key);
  return t('common.dash');
}

// [[code, label]] of a group: the policy's list when the server sends one
// ([{code, label}]), else the defaults.
export function optionsOf(group, fromServer) {
  if (Array.isArray(fromServer) && fromServer.length) return fromServer.map((o) => [o.code, vlabel(group, o.code, o.label)]);
  return DEFAULTS[group].map((c) => [c, vlabel(group, c)]);
}

// The policy lists a response may carry ({modes, aspects, tiers, events,
// needs, severities}, or the same under "policy" / "options").
export function policyLists(data) {
  const src = (data && (data.options || data.policy)) || data || {};
  return {
    mode: src.modes,
    aspect: src.aspects,
    tier: src.tiers,
    eventKind: src.events,
    need: src.needs || (src.referrals && src.referrals.needs),
    severity: src.severities || (src.referrals && src.referrals.severities),
  };
}

export function statusTag(status) {
  const tone = status === 'overdue' ? 'tag-closed' : status === 'due' ? 'tag-filing-pending' : 'tag-open';
  return h('span', { class: ['tag', tone, `visit-status-${status}`] }, has(`visit.status.${status}`) ? t(`visit.status.${status}`) : t('common.dash'));
}

export function tierText(item) {
  return vlabel('tier', item.tier, item.tier_label) + (item.tier_overridden ? t('visit.tierOverridden') : '');
}

// "2026-12-03T09:30" or an ISO instant → "2026-12-03 09:30"
export function fmtWhen(s) {
  if (!s) return t('common.dash');
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(s)) return s.slice(0, 16).replace('T', ' ');
  return fmtDateTime(s).slice(0, 16);
}

// The local time now as "YYYY-MM-DDTHH:MM", the form of visited_at.
export function nowMinute() {
  const d = new Date();
  const p = (x) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

// A table's "no data" row reads as a sentence on a phone, not as a
// column's value.
export function unlabelEmpty(table) {
  for (const td of table.querySelectorAll('tr.empty td')) delete td.dataset.label;
  return table;
}
