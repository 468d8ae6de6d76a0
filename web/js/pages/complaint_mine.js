// 我的投诉与评价 (#/complaints/mine), a family's page, phone first: make a
// complaint online about an institution its relative uses (or none in
// particular), follow its own complaints and rate the answer, and review
// the institutions its relative lives or lived in and the government
// services it applied for once decided (好差评).
import { askDialog } from '../ui/dialog.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { get, post } from '../api.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox, field, selectEl } from '../ui/common.js';
import { addStyles, complaintCard, levelsFor } from './complaint_view.js';

export async function render(main, { isCurrent }) {
  addStyles();
  const msg = h('div', { 'aria-live': 'polite', id: 'cp-msg' });
  const fileBox = h('section', { class: 'card cp-form', id: 'cp-mine-new' }, h('h2', { class: 'card-title' }, t('cp.mineNew')), loading());
  const mine = h('section', { class: 'card', id: 'cp-mine-list' }, h('h2', { class: 'card-title' }, t('cp.mineList')), loading());
  const reviews = h('section', { class: 'card cp-form', id: 'cp-mine-reviews' }, h('h2', { class: 'card-title' }, t('cp.reviewNew')), loading());
  replace(main, h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('cp.mine'))), h('p', { class: 'muted' }, t('cp.mineLead')), msg, fileBox, mine, reviews);
  let opts, choices, levels;
  try {
    [opts, choices] = await Promise.all([get('complaints/options', state.user.region ? { region: state.user.region } : undefined), get('reviews/options')]);
    levels = opts.levels;
  } catch (e) {
    if (isCurrent()) replace(fileBox, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  const reload = async () => {
    let data;
    try {
      data = await get('complaints', { limit: 200 });
    } catch (e) {
      replace(mine, errorBox(e));
      return;
    }
    const full = await Promise.all(data.items.map((c) => get(`complaints/${c.id}`).catch(() => c)));
    replace(mine, h('h2', { class: 'card-title' }, t('cp.mineList')), full.length ? full.map((c) => h('div', { class: 'rv-item' }, complaintCard(c, levels, msg, reload))) : h('p', { class: 'muted' }, t('cp.mineNone')));
  };
  replace(fileBox, h('h2', { class: 'card-title' }, t('cp.mineNew')), fileForm(opts, choices, msg, reload));
  replace(reviews, h('h2', { class: 'card-title' }, t('cp.reviewNew')), reviewForm(choices, levels, msg, () => render(main, { isCurrent })));
  await reload();
}

function fileForm(opts, choices, msg, reload) {
  const category = selectEl(opts.categories.map((c) => [c.code, c.name]), opts.categories[0].code, { id: 'cp-category' });
  const facility = selectEl([['', t('cp.facilityNone')], ...choices.facilities.map((x) => [String(x.id), x.name])], choices.facilities.length ? String(choices.facilities[0].id) : '', { id: 'cp-facility' });
  const summary = h('textarea', { id: 'cp-summary', rows: 4, maxlength: 4000 });
  const phone = h('input', { type: 'tel', id: 'cp-phone', inputmode: 'tel', maxlength: 20 });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'cp-file' }, t('cp.file'));
  return h(
    'form',
    {
      onsubmit: async (e) => {
        e.preventDefault();
        const ok = await askDialog({ title: t('cp.mineNew'), consequence: t('cp.askFile', { d: opts.deadline_days, s: '' }), okText: t('cp.file'), className: 'cp-dialog' });
        if (!ok) return;
        const body = { category: category.value, summary: summary.value.trim(), phone: phone.value.trim() || undefined };
        if (facility.value) body.facility_id = Number(facility.value);
        else body.region = state.user.region;
        submit.disabled = true;
        try {
          const c = await post('complaints', body);
          replace(msg, alertBox('ok', t('cp.filed', { id: c.id, d: c.deadline })));
          summary.value = '';
          await reload();
        } catch (err) {
          replace(msg, errorBox(err));
        }
        submit.disabled = false;
      },
    },
    field({ label: t('cp.facility'), input: facility }),
    field({ label: t('cp.category'), input: category }),
    field({ label: t('cp.summary'), input: summary, required: true }),
    field({ label: t('cp.phone'), input: phone, hint: t('cp.phoneHint') }),
    h('div', { class: 'form-actions' }, submit),
  );
}

function reviewForm(choices, levels, msg, rerender) {
  const targets = [
    ...choices.facilities.map((f) => ({ key: `f${f.id}`, name: f.name, body: { target_kind: 'facility', facility_id: f.id }, reviewed: f.reviewed })),
    ...choices.applications.map((a) => ({ key: `a${a.id}`, name: t('cp.gov', { s: a.scheme }), body: { target_kind: 'government', application_id: a.id }, reviewed: a.reviewed })),
  ];
  const open = targets.filter((x) => !x.reviewed);
  const done = targets.filter((x) => x.reviewed);
  if (!targets.length) return h('p', { class: 'muted' }, t('cp.reviewNone'));
  const list = done.length ? h('ul', { class: 'muted small' }, done.map((x) => h('li', null, `${x.name} · ${t('cp.reviewed')}`))) : null;
  if (!open.length) return h('div', null, list);
  const target = selectEl(open.map((x) => [x.key, x.name]), open[0].key, { id: 'rv-target' });
  const rating = selectEl(levels.map((l) => [String(l.level), `${'★'.repeat(l.level)} ${l.name}`]), '5', { id: 'rv-rating' });
  const comment = h('textarea', { id: 'rv-comment', rows: 3, maxlength: 1000 });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'rv-send' }, t('cp.reviewSend'));
  return h(
    'form',
    {
      onsubmit: async (e) => {
        e.preventDefault();
        const x = open.find((o) => o.key === target.value);
        const ok = await askDialog({ title: t('cp.reviewNew'), consequence: t('cp.askReview', { n: x.name, r: rating.selectedOptions[0].textContent }), okText: t('cp.reviewSend'), className: 'rv-dialog' });
        if (!ok) return;
        submit.disabled = true;
        try {
          await post('reviews', { ...x.body, rating: Number(rating.value), comment: comment.value.trim() });
          await rerender();
          const m = document.getElementById('cp-msg');
          if (m) replace(m, alertBox('ok', t('cp.reviewDone')));
        } catch (err) {
          submit.disabled = false;
          replace(msg, errorBox(err));
        }
      },
    },
    field({ label: t('cp.reviewTarget'), input: target }),
    field({ label: t('cp.rating'), input: rating }),
    field({ label: t('cp.comment'), input: comment }),
    h('div', { class: 'form-actions' }, submit),
    list,
  );
}
