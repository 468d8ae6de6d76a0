// The visit form of the visitor's phone page: one screen, filled with the
// thumb in under a minute. Everything has a default but the mode (the five
// aspects start "正常", the time is now), so a routine visit is three taps;
// a need found on the visit is raised as a referral from the same form,
// after the visit is saved, so a refused referral never loses the visit.
import { h, replace, clear, newId } from '../dom.js';
import { t, label } from '../i18n.js';
import { post, ApiError } from '../api.js';
import { alertBox, field, setFieldError, selectEl, busy, errorText } from '../ui/common.js';
import { vlabel, optionsOf, FINDINGS, RISKS, statusTag, tierText, fmtWhen, nowMinute } from './visit_labels.js';

// A row of large radio buttons; returns {el, value()}.
function choice(options, value, ariaLabel, cls) {
  const name = newId('ch');
  const el = h('div', { class: ['segmented', 'visit-choice', cls], role: 'radiogroup', 'aria-label': ariaLabel });
  for (const [code, text] of options) {
    const id = newId('ch');
    el.append(h('input', { type: 'radio', name, id, value: code, checked: code === value }), h('label', { for: id, dataset: { value: code } }, text));
  }
  return {
    el,
    value: () => {
      const c = el.querySelector('input:checked');
      return c ? c.value : '';
    },
  };
}

// A labelled group of radio buttons with the error slot setFieldError fills.
function group(text, control, required) {
  return h(
    'div',
    { class: 'field visit-group' },
    h('span', { class: 'field-label' }, text, required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    control,
    h('div', { class: 'field-error', 'aria-live': 'polite' }),
  );
}

function targetHead(item) {
  const facts = [
    item.age ? t('visit.age', { n: item.age }) : null,
    item.sex ? label('people.sex', item.sex) : null,
    item.region_name || null,
    tierText(item),
  ].filter(Boolean);
  return h(
    'div',
    { class: 'visit-target-head' },
    h('p', { class: 'visit-facts' }, facts.join(' · '), ' ', statusTag(item.status)),
    item.address ? h('p', { class: 'muted small' }, item.address) : null,
    h('p', { class: 'muted small' }, item.last_visit ? t('visit.lastVisit', { d: fmtWhen(item.last_visit.visited_at) }) : t('visit.neverVisited')),
  );
}

// item: a worklist or targets entry; lists: policyLists() of the server's
// answer; onDone(message) after the visit (and its referral) are saved.
export function visitForm(item, lists, { onDone, onCancel }) {
  const msg = h('div', { 'aria-live': 'assertive' });
  const when = h('input', { type: 'datetime-local', value: nowMinute(), max: nowMinute(), id: 'visit-when' });
  const mode = choice(optionsOf('mode', lists.mode), '', t('visit.mode'), 'visit-mode');
  const aspects = optionsOf('aspect', lists.aspect).map(([code, text]) => {
    const c = choice(
      FINDINGS.map((f) => [f, t(`visit.finding.${f}`)]),
      'ok',
      text,
      'visit-finding',
    );
    const note = h('input', { type: 'text', 'aria-label': t('visit.findingNote', { a: text }), placeholder: t('visit.findingHint'), class: 'visit-finding-note', hidden: true, maxlength: '500' });
    c.el.addEventListener('change', () => {
      note.hidden = c.value() === 'ok';
    });
    const row = h('div', { class: 'visit-aspect', dataset: { aspect: code } }, h('span', { class: 'visit-aspect-name' }, text), c.el, note);
    return { code, c, note, row };
  });
  const risk = choice(
    RISKS.map((r) => [r, t(`visit.riskLevel.${r}`)]),
    'low',
    t('visit.risk'),
    'visit-risk',
  );
  const note = h('textarea', { rows: 2, id: 'visit-note', placeholder: t('visit.noteHint'), maxlength: '2000' });
  let coords = null;
  const locBox = h('input', { type: 'checkbox', id: 'visit-loc' });
  const locMsg = h('span', { class: 'muted small', 'aria-live': 'polite' });
  locBox.addEventListener('change', () => {
    coords = null;
    locMsg.textContent = '';
    if (!locBox.checked) return;
    if (!navigator.geolocation) {
      locBox.checked = false;
      locMsg.textContent = t('visit.locationFailed');
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        coords = { lat: Number(pos.coords.latitude.toFixed(6)), lon: Number(pos.coords.longitude.toFixed(6)) };
        locMsg.textContent = t('visit.locationGot');
      },
      () => {
        locBox.checked = false;
        locMsg.textContent = t('visit.locationFailed');
      },
      { timeout: 10000, maximumAge: 60000 },
    );
  });

  // the referral, folded until asked for
  const refBox = h('input', { type: 'checkbox', id: 'visit-refer' });
  const need = selectEl(optionsOf('need', lists.need), null, { id: 'referral-need' });
  const severity = selectEl(optionsOf('severity', lists.severity), 'normal', { id: 'referral-severity' });
  const detail = h('textarea', { rows: 2, id: 'referral-detail', placeholder: t('visit.detailHint'), maxlength: '2000' });
  const R = {
    need: field({ label: t('visit.need'), input: need, required: true, name: 'need' }),
    severity: field({ label: t('visit.severity'), input: severity, required: true, name: 'severity' }),
    detail: field({ label: t('visit.detail'), input: detail, name: 'detail', wide: true }),
  };
  const refFields = h('div', { class: 'visit-referral-fields', hidden: true }, Object.values(R));
  refBox.addEventListener('change', () => {
    refFields.hidden = !refBox.checked;
  });

  const F = {
    visited_at: field({ label: t('visit.when'), input: when, required: true, name: 'visited_at' }),
    mode: group(t('visit.mode'), mode.el, true),
    findings: h('fieldset', { class: 'visit-findings' }, h('legend', null, t('visit.findings')), aspects.map((a) => a.row), h('div', { class: 'field-error', 'aria-live': 'polite' })),
    risk: group(t('visit.risk'), risk.el),
    note: field({ label: t('visit.note'), input: note, name: 'note', wide: true }),
  };
  const save = h('button', { type: 'submit', class: 'btn btn-primary btn-block', id: 'visit-save' }, t('visit.save'));
  let savedVisit = null;

  const fieldOf = (name) => (name && name.startsWith('findings') ? F.findings : name === 'referral' ? R.need : F[name] || R[name] || null);
  const showError = (err) => {
    const w = err instanceof ApiError ? fieldOf(err.field) : null;
    if (w) setFieldError(w, errorText(err));
    replace(msg, alertBox('error', w ? t('visit.formError') : errorText(err)));
  };

  async function raiseReferral() {
    const body = { visit_id: savedVisit.id, person_id: item.person_id, need: need.value, severity: severity.value };
    if (detail.value.trim()) body.detail = detail.value.trim();
    return post('referrals', body);
  }

  const form = h(
    'form',
    { class: 'card visit-form', novalidate: true },
    h('h1', { class: 'page-title' }, t('visit.formTitle', { name: item.name })),
    targetHead(item),
    msg,
    F.mode,
    F.findings,
    F.risk,
    F.note,
    F.visited_at,
    h('div', { class: 'field field-check' }, h('label', { class: 'check', for: 'visit-loc' }, locBox, ' ', t('visit.location')), locMsg),
    h('div', { class: 'visit-referral' }, h('label', { class: 'check', for: 'visit-refer' }, refBox, ' ', t('visit.needReferral')), refFields),
    h('div', { class: 'form-actions sticky-actions visit-actions' }, save, h('button', { type: 'button', class: 'btn btn-ghost', onclick: onCancel }, t('visit.back'))),
  );

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear(msg);
    [...Object.values(F), ...Object.values(R)].forEach((w) => setFieldError(w, ''));
    // the visit was saved and only its referral failed: try the referral alone
    if (savedVisit) {
      try {
        const r = await busy(save, t('common.saving'), raiseReferral);
        onDone(t('visit.savedWithReferral', { name: item.name, need: vlabel('need', r.need || need.value, r.need_label) }));
      } catch (err) {
        showError(err);
      }
      return;
    }
    if (!mode.value()) {
      setFieldError(F.mode, t('common.required'));
      replace(msg, alertBox('error', t('visit.formError')));
      mode.el.querySelector('input').focus();
      return;
    }
    if (!when.value || when.value > nowMinute()) {
      setFieldError(F.visited_at, t('visit.futureTime'));
      replace(msg, alertBox('error', t('visit.formError')));
      return;
    }
    const findings = {};
    for (const a of aspects) {
      findings[a.code] = { status: a.c.value() || 'ok' };
      if (a.note.value.trim() && a.c.value() !== 'ok') findings[a.code].note = a.note.value.trim();
    }
    const body = { person_id: item.person_id, visited_at: when.value, mode: mode.value(), findings, risk: risk.value() };
    if (note.value.trim()) body.note = note.value.trim();
    if (coords) Object.assign(body, coords);
    try {
      savedVisit = await busy(save, t('common.saving'), () => post('visits', body));
    } catch (err) {
      showError(err);
      return;
    }
    const modeText = vlabel('mode', body.mode, savedVisit.mode_label);
    if (!refBox.checked) {
      onDone(t('visit.saved', { name: item.name, mode: modeText }));
      return;
    }
    try {
      const r = await busy(save, t('common.saving'), raiseReferral);
      onDone(t('visit.savedWithReferral', { name: item.name, need: vlabel('need', r.need || need.value, r.need_label) }));
    } catch (err) {
      // the visit stands; the form now only raises the referral
      for (const el of form.querySelectorAll('.visit-choice input, #visit-when, #visit-note, #visit-loc, .visit-finding-note, #visit-refer')) el.disabled = true;
      save.textContent = t('visit.retryReferral');
      showError(err);
      replace(msg, alertBox('error', t('visit.referralFailed', { e: errorText(err) })));
    }
  });
  return form;
}
