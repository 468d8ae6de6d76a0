// The reviews section of a facility's page: the average of the shown
// reviews and of the rated service orders (exact, two decimals, half up),
// each review with its status; the operator appeals a malicious one and an
// official keeps or hides an appealed one, each in an in-page dialog that
// states the consequence.
import { askDialog } from '../ui/dialog.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { get, post } from '../api.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox } from '../ui/common.js';

const DECIDERS = ['admin', 'city_official', 'county_official', 'dept_official'];

const stars = (n) => h('span', { class: 'rv-stars', 'aria-label': `${n}/5` }, '★'.repeat(n) + '☆'.repeat(5 - n));

export function reviewPanel(f) {
  const body = h('div', { id: 'rv-panel' }, loading());
  const msg = h('div', { 'aria-live': 'polite', id: 'rv-msg' });
  const load = async () => {
    let data;
    try {
      data = await get(`facilities/${f.id}/reviews`);
    } catch (e) {
      replace(body, errorBox(e));
      return;
    }
    const act = (r, kind) => {
      const b = h('button', { type: 'button', class: 'btn btn-small', 'data-act': kind }, t(`rv.${kind}`));
      b.addEventListener('click', async () => {
        const out = await askDialog({
          title: t(`rv.${kind}`),
          consequence: t(kind === 'appeal' ? 'rv.askAppeal' : kind === 'keep' ? 'rv.askKeep' : 'rv.askHide'),
          okText: t(`rv.${kind}`),
          fields: [{ label: kind === 'appeal' ? t('rv.reason') : t('rv.decisionReason'), rows: 3, required: true }],
          className: 'rv-dialog',
        });
        if (out === null) return;
        b.disabled = true;
        try {
          if (kind === 'appeal') await post(`reviews/${r.id}/appeal`, { reason: out[0], version: r.version });
          else await post(`reviews/${r.id}/decide`, { decision: kind, reason: out[0], version: r.version });
          replace(msg, alertBox('ok', t(kind === 'appeal' ? 'rv.appealed' : 'rv.decided')));
          await load();
        } catch (e) {
          b.disabled = false;
          replace(msg, errorBox(e));
        }
      });
      return b;
    };
    const items = data.items.map((r) =>
      h(
        'div',
        { class: 'rv-item', 'data-review': String(r.id) },
        h('div', null, stars(r.rating), ' ', h('span', { class: 'muted small' }, r.reviewed_on), r.status !== 'shown' ? h('span', { class: ['tag', r.status === 'hidden' ? 'st-missed' : 'st-behind'] }, ` ${t(`rv.status.${r.status}`)}`) : null),
        r.comment ? h('p', null, r.comment) : null,
        r.appeal ? h('div', { class: 'muted small' }, t('rv.appealText', { a: r.appeal })) : null,
        r.decision ? h('div', { class: 'muted small' }, t('rv.decisionText', { d: r.decision })) : null,
        h('div', { class: 'cp-actions' }, data.may_appeal && r.status === 'shown' ? act(r, 'appeal') : null, DECIDERS.includes(state.user.role) && r.status === 'appealed' ? [act(r, 'keep'), act(r, 'hide')] : null),
      ),
    );
    replace(
      body,
      h('p', { id: 'rv-average' }, h('strong', null, data.average ? t('rv.average', { a: data.average, n: data.reviews }) : t('rv.noAverage')), data.order_average ? ` · ${t('rv.orderAverage', { a: data.order_average, n: data.rated_orders })}` : ''),
      items.length ? items : h('p', { class: 'muted' }, t('rv.none')),
    );
  };
  load();
  return h('section', { class: 'card', id: 'rv-section' }, h('h2', { class: 'card-title' }, t('rv.panel')), h('p', { class: 'muted small' }, t('rv.lead')), msg, body);
}
