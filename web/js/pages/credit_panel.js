// The credit section of a facility's page (信用档案): the written
// commitment, whether it is on a list, its records and list entries, its
// latest prepaid report and membership. Officials add records and propose
// listings; the operator and officials report prepaid balances. Every
// write asks first in an in-page dialog that states its consequence.
import { askDialog } from '../ui/dialog.js';
import { h, replace, today } from '../dom.js';
import { t } from '../i18n.js';
import { api, get, post } from '../api.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox, emptyRow, labelCells } from '../ui/common.js';
import { listingTable, WRITERS } from './credit_listings.js';
import { yuanText, flagText } from './credit_prepaid.js';
import { fenOf } from './subsidy_batches.js';

export function creditPanel(f) {
  const body = h('div', { id: 'crd-body' }, loading());
  const msg = h('div', { 'aria-live': 'polite', id: 'crd-msg' });
  const role = state.user.role;
  const writer = WRITERS.includes(role);
  const reporter = writer || role === 'operator';
  const load = async () => {
    let d;
    try {
      d = await get(`facilities/${f.id}/credit`);
    } catch (e) {
      replace(body, errorBox(e));
      return;
    }
    const opts = d.options || { record_kinds: [], black_grounds: [], red_grounds: [], notice_days: 10 };
    const st = d.standing;
    const standing = [st.black ? t('crd.onBlack', { d: st.black.since }) : null, st.red ? t('crd.onRed', { d: st.red.since }) : null].filter(Boolean);
    const rcols = [t('crd.happenedOn'), t('crd.kind'), t('cr.subject'), t('crd.summary'), t('crd.publicUntil')];
    const records = h(
      'table',
      { class: 'data stack-on-phone', id: 'crd-records' },
      h('thead', null, h('tr', null, rcols.map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        null,
        d.records.length
          ? d.records.map((r) => h('tr', null, h('td', null, r.happened_on), h('td', null, r.kind_label), h('td', null, r.subject), h('td', null, r.summary), h('td', null, r.public_until || t('common.dash'))))
          : emptyRow(rcols.length, t('crd.noRecords')),
      ),
    );
    const p = d.prepaid;
    replace(
      body,
      h(
        'dl',
        { class: 'dl', id: 'crd-summary' },
        h('dt', null, t('crd.commitment')),
        h('dd', null, d.commitment || t('crd.noCommitment')),
        h('dt', null, t('crd.standing')),
        h('dd', { id: 'crd-standing' }, h('span', { class: `tag ${st.black ? 'tag-warn' : 'tag-open'}` }, standing.join('；') || t('crd.clean')), st.last_penalty_on ? ` · ${t('crd.lastPenalty', { d: st.last_penalty_on })}` : ''),
        h('dt', null, t('crd.membership')),
        h('dd', { id: 'crd-member' }, d.membership ? t('crd.memberYes') : t('crd.memberNo'), ' ', reporter ? memberButton(f, d.membership, msg, load) : null),
        h('dt', null, t('crd.prepaid')),
        h('dd', { id: 'crd-prepaid' }, p ? `${p.as_of} · ${t('crp.balance')} ${yuanText(p.balance_fen)} · ${t('crp.custody')} ${yuanText(p.custody_fen)} · ${flagText(p)}` : t('crd.noPrepaid')),
      ),
      h('div', { class: 'form-actions' }, writer ? recordButton(f, opts, msg, load) : null, writer ? proposeButton(f, opts, msg, load) : null, reporter ? reportButton(f, msg, load) : null),
      h('h3', null, t('crd.records')),
      h('div', { class: 'table-wrap' }, labelCells(records)),
      h('h3', null, t('crd.listings')),
      listingTable(d.listings, { msg, onDone: load, noticeDays: opts.notice_days, showFacility: false }),
    );
  };
  load();
  return h('section', { class: 'card', id: 'crd-section' }, h('h2', { class: 'card-title' }, t('crd.panel')), msg, body);
}

const saved = (msg, reload) => {
  replace(msg, alertBox('ok', t('crd.saved')));
  reload();
};

function memberButton(f, on, msg, reload) {
  return h(
    'button',
    {
      type: 'button',
      class: 'btn btn-small',
      id: 'crd-member-btn',
      onclick: async () => {
        const v = on ? t('crd.memberNo') : t('crd.memberYes');
        const ok = await askDialog({ title: on ? t('crd.unsetMember') : t('crd.setMember'), consequence: t('crd.askMember', { v }), okText: on ? t('crd.unsetMember') : t('crd.setMember'), className: 'crd-dialog' });
        if (!ok) return;
        try {
          await api('PUT', `facilities/${f.id}/membership`, { json: { membership: !on } });
          saved(msg, reload);
        } catch (e) {
          replace(msg, errorBox(e));
        }
      },
    },
    on ? t('crd.unsetMember') : t('crd.setMember'),
  );
}

function recordButton(f, opts, msg, reload) {
  return h(
    'button',
    {
      type: 'button',
      class: 'btn',
      id: 'crd-record-btn',
      onclick: async () => {
        const kinds = opts.record_kinds.map((k) => [k.code, k.name]);
        const v = await askDialog({
          title: t('crd.addRecord'),
          consequence: t('crd.askRecord', { k: t('crd.kind'), d: today() }),
          okText: t('crd.addRecord'),
          className: 'crd-dialog',
          fields: [
            { label: t('crd.kind'), options: kinds, value: kinds.length ? kinds[0][0] : '' },
            { label: t('crd.happenedOn'), type: 'date', value: today(), required: true },
            { label: t('crd.summary'), rows: 3, required: true },
            { label: t('crd.authority') },
            { label: t('crd.serious'), options: [['', '—'], ['yes', t('cr.yes')]] },
          ],
        });
        if (!v) return;
        const body = { subject_kind: 'facility', subject_id: f.id, kind: v[0], happened_on: v[1], summary: v[2] };
        if (v[3]) body.authority = v[3];
        if (v[4] === 'yes') body.serious = true;
        try {
          await post('credit/records', body);
          saved(msg, reload);
        } catch (e) {
          replace(msg, errorBox(e));
        }
      },
    },
    t('crd.addRecord'),
  );
}

function proposeButton(f, opts, msg, reload) {
  return h(
    'button',
    {
      type: 'button',
      class: 'btn',
      id: 'crd-propose-btn',
      onclick: async () => {
        const grounds = [...opts.black_grounds.map((g) => [`black:${g.code}`, `${t('cr.black')}：${g.name}`]), ...opts.red_grounds.map((g) => [`red:${g.code}`, `${t('cr.red')}：${g.name}`])];
        const v = await askDialog({
          title: t('crd.propose'),
          consequence: t('crd.askPropose', { l: t('cr.black'), g: t('cr.ground'), n: opts.notice_days }),
          okText: t('crd.propose'),
          className: 'crd-dialog',
          fields: [
            { label: t('cr.ground'), options: grounds, value: grounds.length ? grounds[0][0] : '' },
            { label: t('crd.facts'), rows: 3, required: true },
            { label: t('crd.authority') },
          ],
        });
        if (!v) return;
        const [list, ground] = v[0].split(':');
        const body = { subject_kind: 'facility', subject_id: f.id, list, ground, facts: v[1] };
        if (v[2]) body.authority = v[2];
        try {
          await post('credit/listings', body);
          saved(msg, reload);
        } catch (e) {
          replace(msg, errorBox(e));
        }
      },
    },
    t('crd.propose'),
  );
}

function reportButton(f, msg, reload) {
  return h(
    'button',
    {
      type: 'button',
      class: 'btn',
      id: 'crd-report-btn',
      onclick: async () => {
        const v = await askDialog({
          title: t('crd.report'),
          consequence: t('crd.askReport', { d: today(), b: '…', c: '…' }),
          okText: t('crd.report'),
          className: 'crd-dialog',
          fields: [
            { label: t('crp.asOf'), type: 'date', value: today(), required: true },
            { label: t('crp.members'), inputmode: 'numeric', required: true },
            { label: t('crp.balance'), inputmode: 'decimal', required: true },
            { label: t('crp.custody'), inputmode: 'decimal', required: true },
            { label: t('crp.bank') },
          ],
        });
        if (!v) return;
        const bal = fenOf(v[2]);
        const cus = fenOf(v[3]);
        if (bal === null || cus === null || !/^\d+$/.test(v[1])) {
          replace(msg, alertBox('error', t('crd.askReport', { d: v[0], b: v[2], c: v[3] })));
          return;
        }
        try {
          await post(`facilities/${f.id}/prepaid`, { as_of: v[0], members: Number(v[1]), balance_fen: bal, custody_fen: cus, custody_bank: v[4] });
          saved(msg, reload);
        } catch (e) {
          replace(msg, errorBox(e));
        }
      },
    },
    t('crd.report'),
  );
}
