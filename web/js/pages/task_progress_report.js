// 进展填报 (#/progress/report): a department's form for the month, one card
// per task naming it (phone-friendly), with the previous report beside it.
// Submitting asks first in an in-page dialog; a report once sent may be
// corrected by the same account (its version is sent back).
import { askDialog } from '../ui/dialog.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { get, post } from '../api.js';
import { loading, errorBox, alertBox, field } from '../ui/common.js';

const TAG = { green: 'tag-open', yellow: 'tag-zone', red: 'tag-warn' };

function card(x, data, reload) {
  const r = x.report;
  const percent = h('input', { type: 'text', inputmode: 'decimal', value: r && r.percent ? r.percent : '', name: 'percent' });
  const quantity = h('input', { type: 'text', inputmode: 'decimal', value: r && r.quantity ? r.quantity : '', name: 'quantity' });
  const text = h('textarea', { rows: 3, name: 'text' }, r ? r.text : '');
  const msg = h('div', { 'aria-live': 'polite' });
  const send = async () => {
    if (!percent.value.trim() && !quantity.value.trim()) return replace(msg, alertBox('error', t('tp.needValue')));
    const ok = await askDialog({ title: `${x.number} ${x.text}`, consequence: t('tp.submitAsk'), okText: r ? t('tp.correct') : t('tp.submit') });
    if (!ok) return;
    const body = { period: data.period, text: text.value };
    if (percent.value.trim()) body.percent = percent.value.trim();
    if (quantity.value.trim()) body.quantity = quantity.value.trim();
    if (r) body.version = r.version;
    try {
      await post(`tasks/${x.id}/reports`, body);
      await reload(t('tp.sent'));
    } catch (e) {
      replace(msg, errorBox(e));
    }
  };
  return h(
    'section',
    { class: 'card', 'data-task': String(x.id) },
    h('h2', null, `${x.number} `, h('span', { class: ['tag', TAG[x.light.colour] || ''] }, x.light.colour_zh)),
    h('p', null, x.text),
    h('p', { class: 'muted' }, x.light.why),
    x.previous ? h('p', { class: 'muted' }, t('tp.previous', { p: x.previous.period, v: x.previous.percent ? `${x.previous.percent}%` : x.previous.quantity })) : null,
    r ? h('p', null, t('tp.reported', { v: r.percent ? `${r.percent}%` : r.quantity })) : null,
    field({ label: t('tp.percent'), input: percent }),
    field({ label: t('tp.quantity'), input: quantity }),
    field({ label: t('tp.text'), input: text, wide: true }),
    h('button', { type: 'button', class: 'btn btn-primary', onclick: send }, r ? t('tp.correct') : t('tp.submit')),
    msg,
  );
}

export async function render(main) {
  const out = h('div', { id: 'tp-form' }, loading());
  const flash = h('div', { 'aria-live': 'polite', id: 'tp-flash' });
  replace(main, h('h1', null, t('tp.formTitle')), flash, out);
  const reload = async (note) => {
    try {
      const data = await get('progress/mine');
      if (note) replace(flash, alertBox('success', note));
      if (!data.department) return replace(out, h('p', { class: 'muted' }, t('tp.noDept')));
      replace(out, h('p', null, t('tp.formLead', { d: data.department.name, p: data.period, due: data.due_on })), ...data.items.map((x) => card(x, data, reload)));
    } catch (e) {
      replace(out, errorBox(e, () => reload()));
    }
  };
  await reload();
}
