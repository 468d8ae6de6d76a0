// An indicator's formula as an official reads it: "nursing_beds.elderly_
// institution ÷ beds.elderly_institution" becomes "养老机构护理型床位数 ÷
// 养老机构床位数". An element is its name in the string table ('elem.*'),
// else a registry measure ('elem.beds') with its facets' labels before it
// (kind, ownership, operation, profit, filing status); what is in neither
// keeps its code rather than disappear.
import { t, has } from '../i18n.js';

const FACETS = ['kind', 'ownership', 'operation', 'profit', 'filing'];

function facetLabel(v) {
  if (v === 'medical') return has('elem.facet.medical') ? t('elem.facet.medical') : null;
  for (const g of FACETS) if (has(`${g}.${v}`)) return t(`${g}.${v}`);
  return null;
}

export function elementName(id) {
  if (has(`elem.${id}`)) return t(`elem.${id}`);
  const [measure, ...facets] = id.split('.');
  if (!has(`elem.${measure}`)) return id;
  const labels = facets.map(facetLabel);
  if (labels.some((x) => x === null)) return id;
  return `${labels.join('')}${t(`elem.${measure}`)}`;
}

export function formulaText(expr) {
  if (!expr) return expr;
  return String(expr)
    .replace(/\bsum\(/g, `${t('elem.sum')}(`)
    .replace(/\b[a-z][a-z_0-9]*(?:\.[a-z_0-9]+)*\b/g, (id) => (id === 'sum' ? id : elementName(id)));
}
