// The planning API explains its figures in English phrases ("the 2020
// figure, the latest at or before 2025", "reported for 2023-05"). In the
// Chinese UI they are said in Chinese; an unknown phrase stays as it is.
import { t, getLang, fmtNum } from '../i18n.js';

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

// An exact figure of the API — a decimal string ("10591.7532") or a whole
// number — with thousands separators and its digits untouched: never
// turned into a binary float on the way to the page.
export function fmtDec(v) {
  if (v === null || v === undefined || v === '') return t('common.dash');
  if (typeof v === 'number') return fmtNum(v);
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(String(v));
  if (!m) return String(v);
  return `${m[1]}${fmtNum(BigInt(m[2]))}${m[3] || ''}`;
}

// The rounding rule beside a rounded figure, in the page's language.
export function ruleText(o) {
  if (!o) return '';
  return getLang() === 'zh' && o.rule_zh ? o.rule_zh : planPhrase(o.rule);
}

// A plan's words without where the text is kept: the policy's source
// "004_….txt 第43行: 按照……" reads "按照……" on a page.
export function quoteOf(source) {
  if (!source) return '';
  const i = source.indexOf('.txt');
  const j = i < 0 ? -1 : source.indexOf(': ', i);
  const words = i < 0 ? source : j < 0 ? '' : source.slice(j + 2);
  // a second passage quoted inside, "（第256行: …）", keeps only its words
  return words.replace(/第\d+行[:：]\s*/g, '');
}

// What a missing or partial population figure says, in the page's language.
export function sayText(o) {
  if (!o) return '';
  return getLang() === 'zh' && o.text_zh ? o.text_zh : o.text;
}
