// 指标与通报 · 各县（区）比较: a dialog over the indicator list with one
// indicator's comparison across the sub-regions (ui/compare_chart.js); a
// sub-region's name opens the list of that region with the same
// comparison open.
import { h, replace, newId } from '../dom.js';
import { t } from '../i18n.js';
import { href, go } from '../router.js';
import { chartSet } from '../ui/echarts.js';
import { compareView, compareTitle } from '../ui/compare_chart.js';

export function compareDialog({ period }) {
  const titleId = newId('cmp');
  const title = h('h2', { class: 'sheet-title', id: titleId });
  const kicker = h('div', { class: 'sheet-kicker muted small' }, t('cmp.title'));
  const closeBtn = h('button', { type: 'button', class: 'btn btn-ghost sheet-close', 'aria-label': t('common.close'), title: t('common.close') }, '×');
  const body = h('div', { class: 'sheet-body' });
  const dlg = h('dialog', { class: 'sheet cmp-sheet', 'aria-labelledby': titleId }, h('div', { class: 'sheet-head' }, h('div', { class: 'sheet-head-text' }, kicker, title), closeBtn), body);
  let charts = null;
  let opener = null;
  closeBtn.addEventListener('click', () => dlg.close());
  dlg.addEventListener('click', (e) => {
    if (e.target === dlg) dlg.close();
  });
  dlg.addEventListener('close', () => {
    if (charts) charts.cleanup();
    charts = null;
    replace(body);
    if (opener && opener.isConnected) opener.focus();
    opener = null;
  });
  return {
    el: dlg,
    open(ind, region, from, level) {
      opener = from || null;
      if (charts) charts.cleanup();
      charts = chartSet();
      title.textContent = ind.name;
      kicker.textContent = compareTitle(level);
      if (!dlg.open) dlg.showModal();
      const drill = (code) => ({ region: code, period, compare: ind.id });
      replace(
        body,
        compareView({
          region,
          period,
          indicator: ind.id,
          track: charts.track,
          isCurrent: () => dlg.open,
          drillHref: (code) => href('indicators', drill(code)),
          onDrill: (code) => {
            dlg.close();
            go('indicators', drill(code));
          },
        }),
      );
      closeBtn.focus();
    },
    close() {
      if (dlg.open) dlg.close();
    },
  };
}
