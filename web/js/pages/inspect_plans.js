// 抽查计划: officials draw a random-inspection plan (双随机) for a region and
// a year or quarter, see the plans, verify a draw (一致 / 不一致), publish
// it (一公开) and download its published inputs to re-draw elsewhere.
import { h, replace } from '../dom.js';
import { t, fmtNum } from '../i18n.js';
import { get, post } from '../api.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox, field, busy } from '../ui/common.js';
import { askDialog } from '../ui/dialog.js';
import { regionPicker } from '../ui/region_picker.js';

const DRAWERS = ['admin', 'city_official', 'county_official'];

function saveJson(obj, filename) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(obj, null, 2)], { type: 'application/json' }));
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function checksTable(plan) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'data stack-on-phone insp-checks' },
      h('thead', null, h('tr', null, [t('insp.facility'), t('insp.items'), t('insp.date'), t('insp.inspectors')].map((x) => h('th', { scope: 'col' }, x)))),
      h(
        'tbody',
        null,
        (plan.checks || []).map((c) =>
          h(
            'tr',
            null,
            h('td', null, c.facility_name),
            h('td', null, c.items.map((i) => i.name).join('、')),
            h('td', null, c.scheduled_on),
            h('td', null, c.inspectors.map((p) => p.name).join('、')),
          ),
        ),
      ),
    ),
  );
}

function planRow(p, msg, onChange) {
  const out = h('div', { class: 'insp-plan-out', 'aria-live': 'polite' });
  const verifyBtn = h('button', { type: 'button', class: 'btn btn-small insp-verify' }, t('insp.verify'));
  verifyBtn.addEventListener('click', () =>
    busy(verifyBtn, t('insp.verifying'), async () => {
      try {
        const v = await get(`inspect/plans/${p.id}/verify`);
        replace(out, alertBox(v.matches ? 'success' : 'error', t('insp.verifyResult', { r: v.matches ? t('insp.match') : t('insp.mismatch') })));
      } catch (e) {
        replace(out, errorBox(e));
      }
    }),
  );
  const showBtn = h('button', { type: 'button', class: 'btn btn-small' }, t('insp.show'));
  showBtn.addEventListener('click', async () => {
    try {
      const full = await get(`inspect/plans/${p.id}`);
      replace(
        out,
        h('p', { class: 'small' }, `${t('insp.algorithm')}${t('common.colon')}${full.algorithm} · ${t('insp.seedLabel')}${t('common.colon')}`, h('code', null, full.seed)),
        h('p', { class: 'small' }, `${t('insp.digest')}${t('common.colon')}`, h('code', { class: 'mono' }, full.digest)),
        checksTable(full),
      );
    } catch (e) {
      replace(out, errorBox(e));
    }
  });
  const dlBtn = h('button', { type: 'button', class: 'btn btn-small' }, t('insp.download'));
  dlBtn.addEventListener('click', async () => {
    try {
      const full = await get(`inspect/plans/${p.id}`);
      const checks = full.checks.map((c) => ({
        facility_id: c.facility_id,
        items: c.items.map((i) => i.code),
        scheduled_on: c.scheduled_on,
        notice_on: c.notice_on,
        inspectors: c.inspectors.map((x) => x.account_id).sort((a, b) => a - b),
      }));
      saveJson({ id: full.id, title: full.title, algorithm: full.algorithm, seed: full.seed, digest: full.digest, inputs: full.inputs, checks }, `inspect-plan-${full.id}.json`);
    } catch (e) {
      replace(out, errorBox(e));
    }
  });
  let pubBtn = null;
  if (DRAWERS.includes(state.user.role) && p.status === 'drawn') {
    pubBtn = h('button', { type: 'button', class: 'btn btn-small' }, t('insp.publish'));
    pubBtn.addEventListener('click', async () => {
      const ok = await askDialog({ title: `${t('insp.publish')}：${p.title}`, consequence: t('insp.askPublish'), okText: t('insp.publish') });
      if (!ok) return;
      try {
        await post(`inspect/plans/${p.id}/publish`, {});
        replace(msg, alertBox('success', t('insp.published')));
        onChange();
      } catch (e) {
        replace(out, errorBox(e));
      }
    });
  }
  return h(
    'li',
    { class: 'card insp-plan', 'data-plan': p.id },
    h('div', null, h('strong', null, p.title), ' ', h('span', { class: 'tag' }, p.status_label)),
    h('div', { class: 'muted small' }, [p.region_name, p.period, `${t('insp.checks')} ${fmtNum(p.checks_count || 0)}`].join(' · ')),
    h('div', { class: 'form-actions' }, verifyBtn, showBtn, dlBtn, pubBtn),
    out,
  );
}

export async function render(main, { isCurrent }) {
  replace(main, loading());
  const msg = h('div', { 'aria-live': 'polite', id: 'insp-msg' });
  const list = h('div', { id: 'insp-plans' });
  async function load() {
    try {
      const data = await get('inspect/plans');
      if (!isCurrent()) return;
      replace(list, data.items.length ? h('ul', { class: 'plain-list' }, data.items.map((p) => planRow(p, msg, load))) : h('p', { class: 'muted' }, t('insp.noPlans')));
    } catch (e) {
      replace(list, errorBox(e));
    }
  }
  let form = null;
  if (DRAWERS.includes(state.user.role)) {
    const picker = regionPicker({ value: state.user.region || '' });
    const period = h('input', { type: 'text', id: 'insp-period', placeholder: '2027Q1', autocomplete: 'off' });
    const title = h('input', { type: 'text', id: 'insp-title' });
    const seed = h('input', { type: 'text', id: 'insp-seed', autocomplete: 'off' });
    const drawBtn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'insp-draw' }, t('insp.draw'));
    form = h(
      'form',
      {
        class: 'card filters',
        onsubmit: async (e) => {
          e.preventDefault();
          const ok = await askDialog({ title: t('insp.draw'), consequence: t('insp.askDraw'), okText: t('insp.draw') });
          if (!ok) return;
          const body = { region: picker.value, period: period.value.trim() };
          if (title.value.trim()) body.title = title.value.trim();
          if (seed.value.trim()) body.seed = seed.value.trim();
          await busy(drawBtn, t('insp.drawing'), async () => {
            try {
              const plan = await post('inspect/plans', body);
              replace(msg, alertBox('success', t('insp.drawn', { n: fmtNum(plan.checks.length) })), checksTable(plan));
              load();
            } catch (err) {
              replace(msg, errorBox(err));
            }
          });
        },
      },
      field({ label: t('insp.region'), input: picker.select, control: picker.el }),
      field({ label: t('insp.period'), input: period, hint: t('insp.periodHint'), required: true }),
      field({ label: t('insp.title'), input: title }),
      field({ label: t('insp.seed'), input: seed }),
      h('div', { class: 'form-actions' }, drawBtn),
    );
  }
  replace(main, h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('insp.plansTitle'))), h('p', { class: 'muted' }, t('insp.plansLead')), form, msg, h('h2', { class: 'sub-title' }, t('insp.list')), list);
  await load();
}
