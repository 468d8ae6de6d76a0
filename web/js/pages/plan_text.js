// The planning API explains its figures in English phrases ("the 2020
// figure, the latest at or before 2025", "reported for 2023-05"). In the
// Chinese UI they are said in Chinese; an unknown phrase stays as it is.
import { t, getLang } from '../i18n.js';

const PHRASES = [
  [/^the (\d{4}) figure, the latest at or before (\d{4})$/, (m) => t('plan.how.latest', { a: m[1], b: m[2] })],
  [/^the (\d{4}) figure$/, (m) => t('plan.how.year', { a: m[1] })],
  [/^projected to (\d{4}), linear over (\d+) known years?$/, (m) => t('plan.how.projected', { y: m[1], n: m[2] })],
  [/^reported for (.+)$/, (m) => t('plan.how.reported', { p: m[1] })],
  [/^registry as of (.+)$/, (m) => t('plan.how.registry', { d: m[1] })],
  [/^no registry or reported figure$/, () => t('plan.how.none')],
  [/^round half away from zero to a whole number$/, () => t('plan.how.round')],
  [/^rounded up to whole persons per care level, then summed$/, () => t('plan.how.perLevel')],
];

export function planPhrase(s) {
  if (!s || getLang() !== 'zh') return s || '';
  for (const [re, say] of PHRASES) {
    const m = re.exec(s);
    if (m) return say(m);
  }
  return s;
}
