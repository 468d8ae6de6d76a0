// A small line chart drawn as SVG elements (no library, no markup strings):
// one series over evenly spaced periods, gaps where a period has no value,
// an optional dashed target line, and a dot per value coloured by class.
const NS = 'http://www.w3.org/2000/svg';

function s(tag, attrs, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const c of children) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

function niceStep(range, count) {
  const raw = range / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const n = raw / mag;
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 2.5 ? 2.5 : n <= 5 ? 5 : 10) * mag;
}

const round = (v) => Math.round(v * 10) / 10;

// points: [{label, value (number or null), cls, title}]
// target: {value, label} or null; fmt formats the y axis numbers.
export function lineChart({ points, target, width = 520, height = 210, ariaLabel, fmt = (v) => String(v) }) {
  const m = { top: 18, right: 28, bottom: 28, left: 50 };
  const w = Math.max(260, Math.round(width));
  const iw = w - m.left - m.right;
  const ih = height - m.top - m.bottom;
  const vals = points.map((p) => p.value).filter((v) => typeof v === 'number' && Number.isFinite(v));
  const hasTarget = target && typeof target.value === 'number' && Number.isFinite(target.value);
  if (hasTarget) vals.push(target.value);
  let lo = vals.length ? Math.min(...vals) : 0;
  let hi = vals.length ? Math.max(...vals) : 1;
  if (lo === hi) {
    const d = Math.abs(lo) * 0.1 || 1;
    lo -= d;
    hi += d;
  }
  // start at zero when the values sit close enough to it; otherwise leave
  // a margin so no dot sits on the frame
  if (lo > 0 && lo < (hi - lo) * 1.5) lo = 0;
  else lo -= (hi - lo) * 0.08;
  hi += (hi - lo) * 0.08;
  const step = niceStep(hi - lo, 4);
  lo = Math.floor(lo / step + 1e-9) * step;
  hi = Math.ceil(hi / step - 1e-9) * step;
  const ticks = Math.round((hi - lo) / step);
  const x = (i) => m.left + (points.length === 1 ? iw / 2 : (iw * i) / (points.length - 1));
  const y = (v) => m.top + ih - ((v - lo) / (hi - lo)) * ih;

  const svg = s('svg', {
    class: 'chart',
    viewBox: `0 0 ${w} ${height}`,
    width: w,
    height,
    role: 'img',
    'aria-label': ariaLabel || null,
  });

  const grid = s('g', { class: 'chart-grid' });
  for (let k = 0; k <= ticks; k++) {
    const v = lo + k * step;
    const yy = round(y(v));
    grid.append(
      s('line', { x1: m.left, x2: w - m.right, y1: yy, y2: yy, class: k === 0 ? 'chart-axis' : null }),
      s('text', { x: m.left - 8, y: yy, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, fmt(Number(v.toPrecision(12)))),
    );
  }
  svg.append(grid);

  // period labels, counted back from the last so the newest always shows
  const labels = s('g', { class: 'chart-labels' });
  const room = Math.max(1, Math.floor(iw / 58));
  const every = Math.max(1, Math.ceil(points.length / room));
  points.forEach((p, i) => {
    if ((points.length - 1 - i) % every) return;
    labels.append(s('text', { x: round(x(i)), y: height - 8, 'text-anchor': 'middle' }, p.label));
  });
  svg.append(labels);

  if (hasTarget) {
    const ty = round(y(target.value));
    svg.append(
      s(
        'g',
        { class: 'chart-target' },
        s('line', { x1: m.left, x2: w - m.right, y1: ty, y2: ty }),
        // at the left end: the newest values, on the right, are what people read
        s('text', { x: m.left + 4, y: ty - 5, 'text-anchor': 'start' }, target.label),
      ),
    );
  }

  // the line: one path per run of consecutive values
  let d = '';
  let open = false;
  points.forEach((p, i) => {
    const ok = typeof p.value === 'number' && Number.isFinite(p.value);
    if (!ok) {
      open = false;
      return;
    }
    d += `${open ? 'L' : 'M'}${round(x(i))} ${round(y(p.value))} `;
    open = true;
  });
  if (d) svg.append(s('path', { class: 'chart-line', d: d.trim() }));

  const dots = s('g', { class: 'chart-dots' });
  points.forEach((p, i) => {
    if (!(typeof p.value === 'number' && Number.isFinite(p.value))) return;
    dots.append(s('circle', { cx: round(x(i)), cy: round(y(p.value)), r: p.current ? 5.5 : 4, class: [p.cls, p.current && 'is-current'].filter(Boolean).join(' ') }, s('title', null, p.title || `${p.label}: ${p.value}`)));
  });
  svg.append(dots);
  return svg;
}
