// 转介办理: the referrals of needs found on visits, overdue and escalated
// ones marked, each taken a step further by its owner: the receiving side
// accepts, handles and feeds back; the township (or an official above)
// closes, and only once fed back. Every step asks in an in-page dialog
// that states what it does.
import { askDialog } from '../ui/dialog.js';
import { h, replace } from '../dom.js';
import { t, label, has, getLang, fmtNum, fmtDateTime } from '../i18n.js';
import { get, post } from '../api.js';
import { go } from '../router.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox, field, selectEl, emptyRow, labelCells } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';

const STATUSES = ['assigned', 'accepted', 'handled', 'fed_back', 'closed'];
// who takes a step: the township and the officials above for every step;
// the receiving side for the first three (docs/api.md "Referrals")
const AREA_ROLES = ['admin', 'city_official', 'county_official', 'township_official'];
const RECEIVERS = { department: ['dept_official'], facility: ['operator'], service: [] };
// the step that follows each status
const NEXT = { assigned: 'accept', accepted: 'handle', handled: 'feedback', closed: 'reopen' };

function filtersOf(query) {
  return {
    region: query.region || '',
    status: query.status || 'open',
    overdue: query.overdue === '1' ? '1' : '',
    escalated: query.escalated || '',
  };
}

// The policy's label (Chinese), or the English of a preset's code.
function policyText(kind, code, text) {
  return getLang() === 'en' && has(`ref.${kind}.${code}`) ? t(`ref.${kind}.${code}`) : text;
}

function mayTake(ref, step) {
  const role = state.user.role;
  if (AREA_ROLES.includes(role)) return true;
  if (step === 'close' || step === 'reopen') return false;
  return (RECEIVERS[ref.to_kind] || []).includes(role);
}

// The dialog of a step: the consequence, and the note a feedback and a
// reopening require. Resolves to the note, or null when cancelled.
async function ask(ref, step) {
  const vars = { p: ref.person_name, n: policyText('need', ref.need, ref.need_label), d: fmtDateTime(ref.due_at) };
  const needsNote = step === 'feedback' || step === 'reopen';
  const noteLabel = step === 'feedback' ? t('ref.feedbackNote') : step === 'reopen' ? t('ref.reopenNote') : t('ref.note');
  const out = await askDialog({
    title: t(`ref.step.${step}`),
    consequence: t(`ref.ask.${step}`, vars),
    okText: t(`ref.step.${step}`),
    fields: [{ label: noteLabel, rows: 3, required: needsNote }],
    className: 'referral-dialog',
  });
  return out === null ? null : out[0];
}

function history(ref) {
  return h(
    'ol',
    { class: 'ref-history' },
    ref.steps.map((s) => h('li', null, h('strong', null, label('ref.record', s.step)), ' ', fmtDateTime(s.at), s.by ? ` · ${s.by}` : '', s.note ? h('div', { class: 'muted small' }, s.note) : null)),
  );
}

export async function render(main, { query, isCurrent }) {
  const f = filtersOf(query);
  const apply = (changes) => go('referrals', { ...f, ...changes });
  const role = state.user.role;
  const picker = role === 'visitor' || role === 'operator' ? null : regionPicker({ value: f.region || state.user.region || '', allowAll: !state.user.region, allLabel: t('common.all'), onChange: (code) => apply({ region: code || undefined }) });
  const status = selectEl(
    [
      ['open', t('ref.status.open')],
      ['all', t('ref.status.all')],
      ...STATUSES.map((s) => [s, t(`ref.status.${s}`)]),
    ],
    f.status,
    { id: 'ref-status' },
  );
  const escalated = selectEl(
    [
      ['', t('ref.escalated.any')],
      ['township', t('ref.escalation.township')],
      ['county', t('ref.escalation.county')],
    ],
    f.escalated,
    { id: 'ref-escalated' },
  );
  const overdue = h('input', { type: 'checkbox', id: 'ref-overdue', checked: f.overdue === '1' });
  const msg = h('div', { 'aria-live': 'polite', id: 'ref-msg' });
  const counts = h('div', { class: 'tags', id: 'ref-counts' });
  const list = h('div', null, loading());
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('ref.title'))),
    h('p', { class: 'muted' }, t('ref.lead')),
    h(
      'form',
      {
        class: 'card filters',
        onsubmit: (e) => {
          e.preventDefault();
          apply({ status: status.value, escalated: escalated.value || undefined, overdue: overdue.checked ? '1' : undefined });
        },
      },
      picker ? field({ label: t('ref.region'), input: picker.select, control: picker.el }) : null,
      field({ label: t('ref.status'), input: status }),
      field({ label: t('ref.escalated'), input: escalated }),
      field({ label: t('ref.overdueOnly'), input: overdue }),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'ref-show' }, t('ref.show'))),
    ),
    msg,
    counts,
    list,
  );

  const params = {
    region: f.region || undefined,
    status: f.status === 'all' ? undefined : f.status,
    overdue: f.overdue || undefined,
    escalated: f.escalated || undefined,
    limit: 500,
  };
  const load = async () => {
    let data;
    try {
      data = await get('referrals', params);
    } catch (e) {
      if (isCurrent()) replace(list, errorBox(e));
      return;
    }
    if (!isCurrent()) return;
    const c = data.counts || {};
    replace(
      counts,
      h('span', { class: 'tag' }, t('ref.countOpen', { n: fmtNum(c.open || 0) })),
      h('span', { class: ['tag', c.overdue && 'st-behind'] }, t('ref.countOverdue', { n: fmtNum(c.overdue || 0) })),
      c.township ? h('span', { class: 'tag st-behind' }, t('ref.countTownship', { n: fmtNum(c.township) })) : null,
      c.county ? h('span', { class: 'tag st-missed' }, t('ref.countCounty', { n: fmtNum(c.county) })) : null,
    );
    const rows = [];
    for (const ref of data.items) {
      const detail = h('tr', { class: 'diff-row', hidden: true }, h('td', { colspan: 7 }));
      const histBtn = h('button', { type: 'button', class: 'btn btn-small btn-ghost' }, t('ref.history'));
      histBtn.addEventListener('click', async () => {
        if (!detail.hidden) {
          detail.hidden = true;
          histBtn.textContent = t('ref.history');
          return;
        }
        try {
          const full = await get(`referrals/${ref.id}`);
          replace(detail.firstChild, history(full));
          detail.hidden = false;
          histBtn.textContent = t('ref.hideHistory');
        } catch (e) {
          replace(msg, errorBox(e));
        }
      });
      const actions = [];
      const next = NEXT[ref.status];
      if (next && mayTake(ref, next)) actions.push(stepButton(ref, next));
      if (ref.status === 'fed_back' && mayTake(ref, 'close')) actions.push(stepButton(ref, 'close'));
      if (ref.status !== 'fed_back' && ref.status !== 'closed' && mayTake(ref, 'close')) actions.push(h('div', { class: 'muted small' }, t('ref.closeNeedsFeedback')));
      actions.push(histBtn);
      rows.push(
        h(
          'tr',
          { 'data-referral': String(ref.id), class: ref.overdue ? 'is-overdue' : null },
          h('td', { class: 'cell-name' }, h('strong', null, ref.person_name), h('div', { class: 'muted small' }, ref.region_name)),
          h('td', null, policyText('need', ref.need, ref.need_label), ref.detail ? h('div', { class: 'muted small' }, ref.detail) : null),
          h('td', null, policyText('severity', ref.severity, ref.severity_label)),
          h('td', null, ref.to, h('div', { class: 'muted small' }, label('ref.to', ref.to_kind))),
          h('td', null, fmtDateTime(ref.due_at), ref.overdue ? h('div', null, h('span', { class: 'tag st-behind' }, t('ref.overdue'))) : null, ref.escalation ? h('div', null, h('span', { class: ['tag', ref.escalation === 'township' ? 'st-behind' : 'st-missed'] }, label('ref.escalation', ref.escalation))) : null),
          h('td', null, h('span', { class: 'tag ref-status' }, label('ref.status', ref.status))),
          h('td', { class: 'ref-actions' }, actions),
        ),
        detail,
      );
    }
    const table = h(
      'table',
      { class: 'data stack-on-phone', id: 'ref-table' },
      h('thead', null, h('tr', null, [t('ref.person'), t('ref.need'), t('ref.severity'), t('ref.to'), t('ref.due'), t('ref.state'), t('ref.actions')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', null, rows.length ? rows : emptyRow(7, t('ref.none'))),
    );
    replace(list, h('div', { class: 'card table-wrap' }, labelCells(table)));
  };

  function stepButton(ref, step) {
    const b = h('button', { type: 'button', class: ['btn btn-small', step === 'close' || step === 'accept' ? 'btn-primary' : null], 'data-step': step }, t(`ref.step.${step}`));
    b.addEventListener('click', async () => {
      const note = await ask(ref, step);
      if (note === null) return;
      b.disabled = true;
      try {
        await post(`referrals/${ref.id}/${step}`, note ? { note } : {});
        replace(msg, alertBox('ok', t(`ref.done.${step}`)));
        await load();
      } catch (e) {
        b.disabled = false;
        replace(msg, errorBox(e));
      }
    });
    return b;
  }

  await load();
}
