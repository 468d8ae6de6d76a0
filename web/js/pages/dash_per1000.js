// 总览 · 每千人指标: beds per 1000 people aged 60+ and childcare slots per
// 1000 residents for each sub-region — the registry's totals over the
// latest population figure at or before the year (said which) — as a
// table whose names drill down and as a bar chart on two axes.
import { h, replace } from '../dom.js';
import { t, fmtNum } from '../i18n.js';
import { get } from '../api.js';
import { href } from '../router.js';
import { alertBox, labelCells } from '../ui/common.js';

// The latest value of each metric at or before year, from the
// year-by-year list of GET population (direct figures and roll-ups).
export function latestFigures(items, year) {
  const out = {};
  for (const it of items || []) {
    if (it.year > year) continue;
    const cur = out[it.metric];
    if (!cur || it.year > cur.year) out[it.metric] = { value: it.value, year: it.year };
  }
  return out;
}

// per 1000, as decimal text rounded half up (四舍五入) to 2 places and
// worked out in whole numbers (BigInt), so 0.125 shows as 0.13 and no
// binary fraction reaches the page; trailing zeros are dropped ("0.8").
// null when the denominator is missing.
export function per1000(count, pop) {
  if (!pop || !pop.value) return null;
  const num = BigInt(Math.round(count)) * 1000n * 100n;
  const den = BigInt(Math.round(pop.value));
  const neg = num < 0n !== den < 0n;
  const a = num < 0n ? -num : num;
  const b = den < 0n ? -den : den;
  const hundredths = (a * 2n + b) / (2n * b);
  const whole = hundredths / 100n;
  const frac = String(hundredths % 100n).padStart(2, '0').replace(/0+$/, '');
  return `${neg && hundredths ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

const fmt2 = (v) => (v === null ? t('common.dash') : v.replace(/^(-?\d+)/, (w) => fmtNum(Number(w))));

// rows: [{code, name, beds, slots}] → adds aged_60, residents and the ratios
export async function per1000Rows(kids, sums, year) {
  const pops = await Promise.all(kids.map((k) => get('population', { region: k.code }).then((d) => latestFigures(d.items, year)).catch(() => ({}))));
  return kids.map((k, i) => {
    const s = sums[i] && sums[i].total ? sums[i].total : {};
    const p = pops[i];
    return {
      code: k.code,
      name: k.name,
      beds: s.beds || 0,
      slots: s.slots || 0,
      aged60: p.aged_60 || null,
      residents: p.residents || null,
      bedsPer1000: per1000(s.beds || 0, p.aged_60),
      slotsPer1000: per1000(s.slots || 0, p.residents),
    };
  });
}

export function per1000Table(rows, year) {
  const popCell = (p) => (p ? [fmtNum(p.value), h('span', { class: 'muted small' }, ` (${p.year})`)] : t('common.dash'));
  return h(
    'div',
    { class: 'table-wrap' },
    labelCells(h(
      'table',
      { class: 'data compact dash-per1000 stack-on-phone' },
      h('thead', null, h('tr', null, [t('dash.p.region'), t('dash.p.aged60'), t('f.beds'), t('dash.p.bedsPer1000'), t('dash.p.residents'), t('f.slots'), t('dash.p.slotsPer1000')].map((c, i) => h('th', { scope: 'col', class: i ? 'num' : null }, c)))),
      h(
        'tbody',
        null,
        rows.map((r) =>
          h(
            'tr',
            { dataset: { code: r.code } },
            h('th', { scope: 'row' }, h('a', { href: href('dashboard', { region: r.code, period: String(year) }) }, r.name)),
            h('td', { class: 'num' }, popCell(r.aged60)),
            h('td', { class: 'num' }, fmtNum(r.beds)),
            h('td', { class: 'num strong', dataset: { v: 'beds' } }, fmt2(r.bedsPer1000)),
            h('td', { class: 'num' }, popCell(r.residents)),
            h('td', { class: 'num' }, fmtNum(r.slots)),
            h('td', { class: 'num strong', dataset: { v: 'slots' } }, fmt2(r.slotsPer1000)),
          ),
        ),
      ),
    )),
    h('p', { class: 'muted small' }, t('dash.p.note')),
  );
}

export function per1000Chart(echarts, el, rows, onPick) {
  if (!rows.some((r) => r.bedsPer1000 !== null || r.slotsPer1000 !== null)) {
    replace(el, alertBox('info', t('dash.p.noPopulation')));
    el.classList.add('is-empty');
    return null;
  }
  // every ratio nought: say why rather than draw empty axes
  const nought = (v) => v === null || v === '0';
  if (rows.every((r) => nought(r.bedsPer1000) && nought(r.slotsPer1000))) {
    replace(el, alertBox('info', rows.some((r) => r.beds || r.slots) ? t('dash.p.noRatios') : t('dash.noFacilities')));
    el.classList.add('is-empty');
    return null;
  }
  // the bars plot the rounded decimal text as numbers
  const round2 = (v) => (v === null ? null : Number(v));
  const names = rows.map((r) => r.name);
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 8, bottom: 8, top: 64, containLabel: true },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0, width: 90, overflow: 'truncate' } },
    yAxis: [
      { type: 'value', name: t('dash.p.bedsAxis'), nameTextStyle: { align: 'left' } },
      { type: 'value', name: t('dash.p.slotsAxis'), nameTextStyle: { align: 'right' } },
    ],
    series: [
      { name: t('dash.p.bedsPer1000'), type: 'bar', data: rows.map((r) => round2(r.bedsPer1000)), itemStyle: { color: '#2a6bb8' } },
      { name: t('dash.p.slotsPer1000'), type: 'bar', yAxisIndex: 1, data: rows.map((r) => round2(r.slotsPer1000)), itemStyle: { color: '#2f8f5b' } },
    ],
  });
  chart.on('click', (p) => onPick(rows[p.dataIndex].code));
  return chart;
}
