// A complaint's page (#/complaints/{id}): what was complained of, its
// deadline (red when overdue), the answer and the call-back, and the next
// steps for whoever may take them, each asked in an in-page dialog that
// states what it does. The family that filed it rates the answer and may
// reopen it here too.
import { askDialog } from '../ui/dialog.js';
import { h, replace } from '../dom.js';
import { t, fmtDateTime } from '../i18n.js';
import { get, post } from '../api.js';
import { href } from '../router.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox } from '../ui/common.js';

export const HANDLERS = ['admin', 'city_official', 'county_official', 'dept_official', 'township_official'];
let sheet = null;

// The pages' own style sheet, added once (app.css stays shared).
export function addStyles() {
  if (sheet) return;
  sheet = h('link', { rel: 'stylesheet', href: '/css/complaint.css' });
  document.head.append(sheet);
}

const dash = (v) => (v === null || v === undefined || v === '' ? t('common.dash') : String(v));

export function statusTag(c) {
  return h('span', { class: ['tag', c.status === 'closed' ? 'st-met' : null] }, t(`cp.status.${c.status}`));
}

export function deadlineCell(c) {
  return h('span', { class: ['cp-deadline', c.overdue && 'is-overdue'] }, dash(c.deadline), c.overdue ? ` · ${t('cp.overdue')}` : '');
}

// The steps the signed-in user may take now.
function nextSteps(c) {
  const role = state.user.role;
  const handler = HANDLERS.includes(role);
  const filer = role === 'family' && c.filed_online;
  const out = [];
  if (handler && (c.status === 'received' || c.status === 'assigned')) out.push('assign');
  if (handler && c.status === 'assigned') out.push('answer');
  if ((handler || filer) && c.status === 'answered') out.push('callback');
  if (handler && c.status === 'called_back') out.push('close');
  if ((handler || filer) && c.may_reopen) out.push('reopen');
  return out;
}

async function ask(c, step, levels) {
  const vars = { id: c.id, d: step === 'answer' ? dash(c.deadline) : dash(c.deadline) };
  const fields = [];
  if (step === 'assign') fields.push({ label: t('cp.assignee'), value: c.assignee || '', required: true });
  if (step === 'answer') fields.push({ label: t('cp.answer'), rows: 4, required: true });
  if (step === 'callback') fields.push({ label: t('cp.satisfaction'), options: levels.map((l) => [String(l.level), l.name]), value: '5' });
  fields.push({ label: step === 'reopen' ? t('cp.reopenNote') : t('cp.note'), rows: 2, required: step === 'reopen' });
  const out = await askDialog({ title: t(`cp.step.${step}`), consequence: t(`cp.ask.${step}`, vars), okText: t(`cp.step.${step}`), fields, className: 'cp-dialog' });
  if (out === null) return null;
  const body = { version: c.version };
  if (step === 'assign') body.assignee = out[0];
  if (step === 'answer') body.answer = out[0];
  if (step === 'callback') body.satisfaction = Number(out[0]);
  const note = out[out.length - 1];
  if (note) body.note = note;
  return body;
}

// The card of one complaint with its actions; onDone reloads.
export function complaintCard(c, levels, msg, onDone) {
  const rows = [
    [t('cp.about'), c.facility_name || `${c.region_name} · ${t('cp.noFacility')}`],
    [t('cp.category'), h('span', null, c.category_name, c.serious ? h('span', { class: 'tag st-behind' }, ` ${t('cp.serious')}`) : null)],
    [t('cp.channel'), c.channel_name],
    [t('cp.summary'), c.summary],
    c.complainant !== null ? [t('cp.complainant'), dash(c.complainant)] : null,
    c.phone ? [t('cp.phone'), c.phone] : null,
    [t('cp.received'), c.received_on],
    [t('cp.deadline'), deadlineCell(c)],
    [t('cp.state'), h('span', null, statusTag(c), c.reopened ? ` ${t('cp.reopened', { n: c.reopened })}` : '')],
    [t('cp.assignee'), dash(c.assignee)],
    c.answer ? [t('cp.answer'), c.answer] : null,
    c.answered_on ? [t('cp.answeredOn'), `${c.answered_on} · ${c.on_time ? t('cp.onTime') : t('cp.late')}`] : null,
    c.status === 'answered' && c.callback_due ? [t('cp.callbackDue'), h('span', { class: c.callback_overdue ? 'cp-overdue-text' : null }, c.callback_due)] : null,
    c.satisfaction_name ? [t('cp.satisfaction'), `${c.satisfaction_name}（${c.called_back_on}）`] : null,
    c.hazard_id && state.user.role !== 'family' ? [t('cp.hazard'), h('a', { href: href(`inspect/hazards/${c.hazard_id}`) }, t('cp.hazardLink', { id: c.hazard_id }))] : null,
  ].filter(Boolean);
  const actions = nextSteps(c).map((step) => {
    const b = h('button', { type: 'button', class: ['btn', step === 'close' || step === 'answer' ? 'btn-primary' : null], 'data-step': step }, t(`cp.step.${step}`));
    b.addEventListener('click', async () => {
      const body = await ask(c, step, levels);
      if (!body) return;
      b.disabled = true;
      try {
        await post(`complaints/${c.id}/${step}`, body);
        replace(msg, alertBox('ok', t(`cp.done.${step}`)));
        await onDone();
      } catch (e) {
        b.disabled = false;
        replace(msg, errorBox(e));
      }
    });
    return b;
  });
  return h(
    'div',
    { class: 'cp-card', 'data-complaint': String(c.id) },
    h('table', { class: 'cp-kv' }, h('tbody', null, rows.map(([k, v]) => h('tr', null, h('th', { scope: 'row' }, k), h('td', null, v))))),
    actions.length ? h('div', { class: 'cp-actions' }, actions) : null,
    c.steps
      ? h(
          'div',
          null,
          h('h3', null, t('cp.history')),
          h('ol', { class: 'cp-steps' }, c.steps.map((s) => h('li', null, h('strong', null, s.step === 'received' ? t('cp.record.received') : t(`cp.step.${s.step}`)), ' ', fmtDateTime(s.at), s.by ? ` · ${s.by}` : '', s.note ? h('div', { class: 'muted small' }, s.note) : null))),
        )
      : null,
  );
}

export async function levelsFor(region) {
  try {
    return (await get('complaints/options', region ? { region } : undefined)).levels;
  } catch {
    return [5, 4, 3, 2, 1].map((level) => ({ level, name: String(level) }));
  }
}

export async function render(main, { params, isCurrent }) {
  addStyles();
  const msg = h('div', { 'aria-live': 'polite', id: 'cp-msg' });
  const body = h('div', { class: 'card' }, loading());
  const back = state.user.role === 'family' ? 'complaints/mine' : 'complaints';
  replace(main, h('p', null, h('a', { href: href(back) }, `← ${t('cp.back')}`)), h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, `${t('cp.facts')} ${params.id}`)), msg, body);
  const load = async () => {
    let c;
    try {
      c = await get(`complaints/${params.id}`);
    } catch (e) {
      if (isCurrent()) replace(body, errorBox(e));
      return;
    }
    if (!isCurrent()) return;
    const levels = await levelsFor(c.region);
    replace(body, complaintCard(c, levels, msg, load));
  };
  await load();
}
