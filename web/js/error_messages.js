// API errors in the reader's language. The server answers
// {error: {code, field, message}} with an English message; in the Chinese
// UI the message is recognised by its pattern and said again in Chinese
// with the page's own label for the field. What is not recognised keeps
// the server's words after a Chinese heading, so nothing is ever lost.
// In English the server's message is shown as it is.
import { t, has, getLang } from './i18n.js';

// A field's label: the page's own first, then the shared dictionary
// ('fld.*' for request fields, 'f.*' for facility fields), else the name.
export function fieldLabel(name, labels) {
  if (!name) return '';
  const own = typeof labels === 'function' ? labels(name) : labels && labels[name];
  if (own) return own;
  if (has(`fld.${name}`)) return t(`fld.${name}`);
  if (has(`f.${name}`)) return t(`f.${name}`);
  return name;
}

const CJK = /[\u3400-\u9fff]/;

// [pattern, (match, L) => Chinese text]; L(name) gives a field's label and
// L() the label of the field the error names. First match wins, so the
// specific patterns come before the general ones.
const RULES = [
  // 导出Excel and the people search (table_export.js, people.js)
  [/^(\d+) rows are more than one export holds \((\d+)\)/, (m) => t('export.tooMany', { n: m[1], max: m[2] })],
  [/^a masked number is its first six digits/, () => t('export.maskedForm')],
  [/^unknown field '([^']+)'/, (m, L) => t('errx.unknownField', { f: L(m[1]) })],
  [/^unknown parameter '([^']+)'/, (m, L) => t('errx.unknownParam', { f: L(m[1]) })],
  [/^unknown sort key/, () => t('errx.sort')],
  [/^unknown [a-z ]+ '[^']*'/, (m, L) => t('errx.badChoice', { f: L() })],
  [/^unknown role/, (m, L) => t('errx.badChoice', { f: L() })],
  [/'([^']+)' \(([^)]*)\) must not exceed '([^']+)' \(([^)]*)\)/, (m, L) => t('errx.exceedN', { a: L(m[1]), n: m[2], b: L(m[3]), m: m[4] })],
  [/must not exceed '([^']+)'/, (m, L) => t('errx.exceed', { a: L(), b: L(m[1]) })],
  [/'([^']+)' \(([^)]*)\) is before '([^']+)' \(([^)]*)\)/, (m, L) => t('errx.beforeN', { a: L(m[1]), n: m[2], b: L(m[3]), m: m[4] })],
  [/is before '([^']+)'/, (m, L) => t('errx.before', { a: L(), b: L(m[1]) })],
  [/'filing_date' is required when/, () => t('errx.filingDate')],
  [/'([^']+)' and '([^']+)' go together/, (m, L) => t('errx.together', { a: L(m[1]), b: L(m[2]) })],
  [/coordinates .* outside China/, () => t('errx.china')],
  [/must have at least (\d+) characters/, (m, L) => t('errx.minChars', { f: L(), n: m[1] })],
  [/is too long|at most \d+ bytes/, (m, L) => t('errx.tooLong', { f: L() })],
  [/username '[^']*' is taken/, () => t('errx.usernameTaken')],
  [/give the region's 12-digit code/, () => t('errx.regionFirst')],
  // the three steps of a payment (subsidy_batches.js)
  [/the run changed since batch \d+ was checked \(lines (\d+), ([-\d.]+) yuan then; (\d+), ([-\d.]+) yuan now\)/, (m) => t('errx.batchChanged', { a: m[1], x: m[2], b: m[3], y: m[4] })],
  [/^batch (\d+) of .* is still open/, (m) => t('errx.batchOpen', { id: m[1] })],
  [/would exceed the (\d+) budget .* by ([-\d.]+) yuan/, (m) => t('errx.overBudget', { year: m[1], amount: m[2] })],
  [/is paid after three steps/, () => t('errx.threeSteps')],
  [/^batch \d+ is (no longer|prepared|checked|approved|returned)/, () => t('errx.batchMoved')],
  // waiting lists (place_wait.js)
  [/^'([^']+)' has no vacant bed: (\d+) beds, (\d+) occupied, (\d+) offers open/, (m) => t('errx.waitNoBed', { f: m[1], b: m[2], o: m[3], n: m[4] })],
  [/^(\d+) applicant\(s\) wait ahead of this one/, (m) => t('errx.waitAhead', { n: m[1] })],
  [/is already waiting on this list/, () => t('errx.waitTwice')],
  [/^an application that is (\S+) cannot take the step/, (m) => t('errx.waitStep', { s: m[1] })],
  [/^application \d+ changed meanwhile/, () => t('errx.waitMoved')],
  [/say why the batch goes back/, () => t('batch.noteRequired')],
  // identity numbers (GB 11643)
  [/identity number must be 18 characters; old/, () => t('errx.id15')],
  [/identity number must be 18 characters/, () => t('errx.id18')],
  [/identity number check character|check character of the identity|last character of the identity number/, () => t('errx.idCheck')],
  [/characters 7-14 of the identity number|birth date .* is in the future/, () => t('errx.idBirth')],
  [/character \d+ .*(identity number|is not allowed|must be uppercase)/, () => t('errx.idChar')],
  [/an identity number is required/, () => t('errx.idRequired')],
  [/person with this ID number is already/, () => t('errx.idTaken')],
  [/'(sex|birth_date)' .* does not match the ID/, (m, L) => t('errx.idMismatch', { f: L(m[1]) })],
  [/an elderly resident is (\d+) or older/, (m) => t('errx.elderlyAge', { n: m[1] })],
  [/an infant is under (\d+)/, (m) => t('errx.infantAge', { n: m[1] })],
  // unified social credit codes (GB 32100)
  [/credit code '[^']*' is already registered/, () => t('errx.creditTaken')],
  [/unified social credit code must be 18/, () => t('errx.credit18')],
  [/check character should be '(.)', not '(.)'/, (m) => t('errx.creditCheck', { want: m[1], got: m[2] })],
  [/a unified social credit code is required/, () => t('errx.creditRequired')],
  // childcare classes
  [/^class (\d+): a (\S+) holds at most (\d+) children, not (\d+)/, (m) => t('errx.classMax', { i: m[1], c: m[2], n: m[3], got: m[4] })],
  [/^class (\d+): enrolled \((\d+)\) must not exceed/, (m) => t('errx.classEnrolled', { i: m[1], n: m[2] })],
  [/^class (\d+): counts must not be negative/, (m) => t('errx.classNegative', { i: m[1] })],
  [/^class (\d+): unknown/, (m) => t('errx.classType', { i: m[1] })],
  [/^class capacities add up to (\d+), more than/, (m) => t('errx.classSum', { n: m[1] })],
  [/a family childcare point takes at most (\d+)/, (m) => t('errx.familyPoint', { n: m[1] })],
  // infants' care: health management and enrolment
  [/^a (\S+) takes children of (\d+) to (\d+) months; this child is (\d+) months old on (\S+)/, (m) => t('errx.classAge', { c: m[1], a: m[2], b: m[3], n: m[4], d: m[5] })],
  [/^a (\S+) takes children of (\d+) to (\d+) months/, (m) => t('errx.classAgeShort', { c: m[1], a: m[2], b: m[3] })],
  [/^(.+) has no (\S+) places in the registry on (\S+)/, (m) => t('errx.noPlaces', { f: m[1], c: m[2], d: m[3] })],
  [/^(.+)'s (\S+) classes are full on (\S+) \((\d+) of (\d+) places taken\)/, (m) => t('errx.classFull', { f: m[1], c: m[2], d: m[3], n: m[4], m: m[5] })],
  [/already enrolled during this period/, () => t('errx.enrolledTwice')],
  [/is not a childcare place/, () => t('errx.notChildcare')],
  [/must be between the child's birth and today/, (m, L) => t('errx.sinceBirth', { f: L() })],
  [/is not an infant/, () => t('errx.notInfant')],
  [/does not record infants' care/, () => t('error.forbidden')],
  // regions
  [/^no region '([^']*)'|^no such region/, () => t('errx.noRegion')],
  [/must be a 12-digit division code|is not a 12-digit region code|is not a division code/, (m, L) => t('errx.regionCode', { f: L() })],
  [/is not an ancestor of/, () => t('errx.parent')],
  [/region '(\d{6,12})' does not exist/, (m) => t('errx.regionMissing', { code: m[1] })],
  // dates and periods
  [/is not a real date|must be a date|YYYY-MM-DD/, (m, L) => t('errx.date', { f: L() })],
  [/must be a period like|must be \S+ for a \S+ scheme/, (m, L) => t('errx.period', { f: L() })],
  // applications and the ledger
  [/^not eligible now: (.*)$/, (m) => t('errx.notEligible', { why: m[1] })],
  [/already reversed/, () => t('errx.reversed')],
  [/already decided/, () => t('errx.decided')],
  // the time bank
  [/has another service at that time/, () => t('errx.serviceOverlap')],
  [/already registered|already exists|appears twice|repeats/, (m, L) => t('errx.duplicate', { f: L() })],
  // generic shapes, last
  [/is required|is missing|must not be null/, (m, L) => t('errx.required', { f: L() })],
  [/not negative|must be 0 or more|must be a finite number >= 0/, (m, L) => t('errx.negative', { f: L() })],
  [/whole number from (\d+) to (\d+)/, (m, L) => t('errx.intRange', { f: L(), a: m[1], b: m[2] })],
  [/must be a whole number|must be whole numbers/, (m, L) => t('errx.int', { f: L() })],
  [/must be a (finite )?number|must have a finite value/, (m, L) => t('errx.number', { f: L() })],
  [/must be true or false|must be 0 or 1/, (m, L) => t('errx.bool', { f: L() })],
  [/must be a string/, (m, L) => t('errx.text', { f: L() })],
  [/must be one of|must be \w+ or \w+|must be \w+, \w+ or|is not a known|is not an? \w+ (level|kind|rule)/, (m, L) => t('errx.badChoice', { f: L() })],
  [/out of range|must be from|must be \d+\.\.\d+|must be \d+–\d+|at most \d+|more than 0/, (m, L) => t('errx.range', { f: L() })],
  [/is too small for/, (m, L) => t('errx.tooSmall', { f: L() })],
  [/^no \w+ /, () => t('error.not_found')],
  [/the body is not valid JSON|must be a JSON object/, () => t('error.malformed')],
];

// The names the server suggests for a misspelt one ("did you mean a, b,
// c?", "(nearest: a, b, c)") or lists as the accepted ones ("(accepted:
// a, b)"), said in Chinese; '' when none.
function nearestNames(msg) {
  const m = /(nearest: |did you mean |accepted: )([\w.\-]+(?:, [\w.\-]+)*)/.exec(msg || '');
  if (!m) return '';
  return t(m[1] === 'accepted: ' ? 'errx.accepted' : 'errx.nearest', { v: m[2].split(', ').join('、') });
}

// The Chinese text for an error, or null when no rule knows it.
export function chineseMessage(err, labels) {
  const msg = err.message || '';
  const L = (name) => fieldLabel(name === undefined ? err.field : name, labels) || t('errx.thisField');
  for (const [re, say] of RULES) {
    const m = re.exec(msg);
    if (m) return say(m, L) + nearestNames(msg);
  }
  return null;
}

// What the user reads for an ApiError (or anything with code and message).
// labels: {field: label} or field => label, the page's own names.
export function errorText(err, labels) {
  if (!err) return t('error.unknown');
  if (err.code === 'forbidden' && err.field === 'csrf') return t('error.csrf');
  // a refusal whose reason the reader needs, though its code usually
  // says enough
  if (err.code === 'forbidden' && /verified by someone other than who recorded it/.test(err.message || '')) return t('errx.fourEyes');
  const head = has(`error.${err.code}`) ? t(`error.${err.code}`) : t('error.unknown');
  if (err.code === 'network' || err.code === 'unauthenticated' || !err.message) return head;
  if (getLang() !== 'zh') return `${head}${t('common.colon')}${err.message}`;
  // codes whose English detail adds nothing a Chinese reader needs
  if (['forbidden', 'not_found', 'too_large', 'internal'].includes(err.code)) return head;
  const zh = chineseMessage(err, labels);
  if (zh) return zh;
  // a message the server already wrote in Chinese (e.g. an eligibility reason)
  if (CJK.test(err.message)) return `${head}${t('common.colon')}${err.message}`;
  const where = err.field ? `${fieldLabel(err.field, labels)}${t('common.colon')}` : '';
  return `${head}${t('common.colon')}${where}${err.message}`;
}
