// 生存认证 on the person page: the verifications recorded, newest first,
// and a form to record one.
import { h, replace, today } from '../dom.js';
import { t } from '../i18n.js';
import { get, post } from '../api.js';
import { state } from '../state.js';
import { errorBox, field, selectEl, busy, emptyRow, setFieldError } from '../ui/common.js';

const METHODS = ['face', 'visit', 'in_person', 'other'];
const MAY_RECORD = ['admin', 'city_official', 'county_official', 'operator'];

// The section for person p; onSaved(text) redraws the page with a message.
export async function verifySection(p, onSaved) {
  const data = await get(`persons/${p.id}/verifications`);
  const mayRecord = MAY_RECORD.includes(state.user.role) && !p.deceased_on;
  const on = h('input', { type: 'date', value: today(), max: today(), id: 'verify-on' });
  const method = selectEl(METHODS.map((m) => [m, t(`verify.method.${m}`)]), 'face', { id: 'verify-method' });
  const note = h('input', { type: 'text', id: 'verify-note', placeholder: t('verify.noteHint') });
  const onField = field({ label: t('verify.on'), input: on, required: true, name: 'verified_on' });
  const methodField = field({ label: t('verify.method'), input: method, required: true, name: 'method' });
  const noteField = field({ label: t('verify.note'), input: note, name: 'note' });
  const err = h('div', { 'aria-live': 'polite' });
  const save = h('button', { type: 'submit', class: 'btn btn-primary', id: 'verify-save' }, t('verify.save'));
  const form = mayRecord
    ? h(
        'form',
        {
          class: 'verify-form',
          onsubmit: async (e) => {
            e.preventDefault();
            for (const f of [onField, methodField, noteField]) setFieldError(f, '');
            try {
              const r = await busy(save, t('common.loading'), () => post(`persons/${p.id}/verifications`, { verified_on: on.value, method: method.value, note: note.value.trim() || undefined }));
              onSaved(t('verify.saved', { d: r.verified_on, m: t(`verify.method.${r.method}`) }));
            } catch (x) {
              const slot = { verified_on: onField, method: methodField, note: noteField }[x.field];
              if (slot) setFieldError(slot, x.message);
              replace(err, errorBox(x));
            }
          },
        },
        h('h3', { class: 'sub-title' }, t('verify.add')),
        h('div', { class: 'form-grid' }, onField, methodField, noteField),
        err,
        h('div', { class: 'form-actions' }, save),
      )
    : null;
  return h(
    'section',
    { class: 'card', id: 'verify-section' },
    h('h2', { class: 'card-title' }, t('verify.title')),
    h('p', { class: 'muted small' }, data.last ? t('verify.last', { d: data.last }) : t('verify.none'), ' · ', t('verify.rule')),
    h(
      'div',
      { class: 'table-wrap' },
      h(
      'table',
      { class: 'data', id: 'verify-table' },
      h('thead', null, h('tr', null, [t('verify.on'), t('verify.method'), t('verify.by'), t('verify.note')].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        null,
        data.items.length
          ? data.items.map((v) => h('tr', null, h('td', null, v.verified_on), h('td', null, t(`verify.method.${v.method}`)), h('td', null, v.recorded_by || t('common.dash')), h('td', null, v.note || t('common.dash'))))
          : emptyRow(4, t('verify.none')),
      ),
      ),
    ),
    form,
  );
}
