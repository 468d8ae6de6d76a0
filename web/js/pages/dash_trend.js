// 总览 · 指标走势: one indicator's value period by period (GET
// indicators/{id}/series), chosen from a select, as a line with the target
// as a dashed line; dots coloured by status.
import { h, replace } from '../dom.js';
import { t, getLang } from '../i18n.js';
import { get } from '../api.js';
import { errorBox, alertBox, selectEl, loading } from '../ui/common.js';

const OP = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '' };
const STATUS_COLOR = { met: '#2f8f5b', on_track: '#d08a00', behind: '#c0392b', no_data: '#8a94a3' };

const indName = (i) => (getLang() === 'zh' ? i.name : i.name_en || i.name);

// A card with the select and the chart; loadECharts is the shared loader.
export function trendCard({ indicators, region, chosen, loadECharts, track, onChoose, isCurrent }) {
  const sel = selectEl(
    indicators.map((i) => [i.id, `${indName(i)}${i.unit ? `（${i.unit}）` : ''}`]),
    chosen,
    { 'aria-label': t('dash.trend.pick'), class: 'dash-trend-select', onchange: (e) => onChoose(e.target.value) },
  );
  const chartEl = h('div', { class: 'dash-trend-chart', role: 'img', 'aria-label': t('dash.trend.title') });
  const note = h('p', { class: 'muted small' });
  const card = h('section', { class: 'card dash-chart-card' }, h('div', { class: 'card-head' }, h('h2', { class: 'card-title' }, t('dash.trend.title')), sel), chartEl, note);
  const ind = indicators.find((i) => i.id === chosen);
  if (!ind) {
    replace(chartEl, alertBox('info', t('dash.noIndicators')));
    return card;
  }
  replace(chartEl, loading());
  (async () => {
    let series, echarts;
    try {
      [series, echarts] = await Promise.all([get(`indicators/${encodeURIComponent(chosen)}/series`, { region }), loadECharts()]);
    } catch (e) {
      if (isCurrent()) replace(chartEl, errorBox(e));
      return;
    }
    if (!isCurrent()) return;
    const pts = series.points || [];
    // values are decimal text; the chart plots numbers
    const known = pts.filter((p) => p.value !== null && p.value !== undefined);
    replace(chartEl);
    replace(note, known.length ? t('dash.trend.note', { n: known.length, all: pts.length }) : t('dash.trend.noValues'));
    // targets come as decimal strings ("2.3"), exact as the plan wrote them
    const tv = ind.target && ind.target.value !== null && ind.target.value !== '' ? Number(ind.target.value) : NaN;
    const target = Number.isFinite(tv) ? { ...ind.target, value: tv } : null;
    const chart = track(echarts.init(chartEl, null, { renderer: 'canvas' }));
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 24, bottom: 8, top: 24, containLabel: true },
      xAxis: { type: 'category', data: pts.map((p) => p.period) },
      // the target stays in view even when the values are far from it
      yAxis: { type: 'value', name: ind.unit || '', min: (e) => Math.min(0, e.min), max: (e) => (target ? Math.max(e.max, target.value) : e.max) },
      series: [
        {
          name: indName(ind),
          type: 'line',
          connectNulls: false,
          data: pts.map((p) => ({ value: p.value === null || p.value === undefined ? null : Number(p.value), itemStyle: { color: STATUS_COLOR[p.status] || STATUS_COLOR.no_data } })),
          symbolSize: 8,
          lineStyle: { color: '#2a6bb8' },
          markLine: target
            ? { symbol: 'none', lineStyle: { type: 'dashed', color: '#c0392b' }, label: { position: 'insideEndTop', formatter: t('dash.trend.target', { y: target.year || '', v: `${OP[target.op] || target.op || ''}${target.value}` }) }, data: [{ yAxis: target.value }] }
            : undefined,
        },
      ],
    });
  })();
  return card;
}
