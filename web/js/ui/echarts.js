// Apache ECharts, loaded once on first use from the server's own copy
// (/vendor, filled by scripts/setup-deps): the pages work on a closed
// network and pages without charts never pay for the library.

let loadingPromise = null;

export function loadECharts() {
  if (window.echarts) return Promise.resolve(window.echarts);
  loadingPromise ??= new Promise((ok, fail) => {
    const s = document.createElement('script');
    s.src = '/vendor/echarts.min.js';
    s.onload = () => ok(window.echarts);
    s.onerror = () => {
      loadingPromise = null;
      fail(new Error('echarts'));
    };
    document.head.append(s);
  });
  return loadingPromise;
}

// Charts that follow the window's size and are disposed with the page:
// track(chart) adds one; the returned cleanup removes them all.
export function chartSet() {
  const charts = [];
  const live = () => charts.filter((c) => !c.isDisposed());
  const resize = () => live().forEach((c) => c.resize());
  window.addEventListener('resize', resize);
  return {
    track(chart) {
      charts.push(chart);
      return chart;
    },
    cleanup() {
      window.removeEventListener('resize', resize);
      live().forEach((c) => c.dispose());
      charts.length = 0;
    },
  };
}
