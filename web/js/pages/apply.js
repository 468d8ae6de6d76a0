// 网上申办 (family accounts): apply for an allowance for a relative and
// follow the applications made. The server checks the number and name
// against the registry and pre-checks eligibility; its reasons are shown
// as they come.
import { h, replace } from '../dom.js';
import { t, getLang, fmtDateTime } from '../i18n.js';
import { get, post, ApiError } from '../api.js';
import { loading, errorBox, alertBox, field, setFieldError, busy, errorText, emptyRow, labelCells } from '../ui/common.js';
import { markMissing, withoutBlanks } from '../ui/form.js';

function schemeLabel(s) {
  return getLang() === 'zh' ? s.name_zh : s.name_en || s.name_zh;
}

// The server's answers to this form, in the reader's language; the engine's
// own reason (Chinese, from the policy) is kept as it is.
function explain(err) {
  if (!(err instanceof ApiError)) return errorText(err);
  if (err.status === 409) return t('apply.err.open');
  if (err.field === 'id_number' && err.code === 'invalid') return t('apply.err.notFound');
  const m = /^not eligible now: (.*)$/.exec(err.message);
  if (err.field === 'scheme' && m) return t('apply.err.notEligible', { reason: m[1] });
  if ((err.field === 'id_number' || err.field === 'name') && /give the person/.test(err.message)) return t('apply.err.missing');
  return errorText(err);
}

export async function render(main) {
  const formSlot = h('div', null, loading());
  const msg = h('div', { 'aria-live': 'polite' });
  const listSlot = h('div', null, loading());
  replace(main, h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('apply.title'))), h('p', { class: 'muted' }, t('apply.intro')), msg, formSlot, h('h2', null, t('apply.mine')), listSlot);

  let schemes = [];
  try {
    schemes = (await get('subsidies/schemes')).items.filter((s) => s.beneficiary === 'person');
  } catch (e) {
    replace(formSlot, errorBox(e));
  }
  const names = new Map(schemes.map((s) => [s.id, schemeLabel(s)]));

  async function loadList() {
    try {
      const items = (await get('applications')).items;
      // on a phone each application folds into a card, each value under
      // its column's name, so that no column is squeezed to a character
      replace(
        listSlot,
        labelCells(
          h(
            'table',
            { class: 'data stack-on-phone apply-list' },
            h('thead', null, h('tr', null, [t('sub.applicant'), t('sub.scheme'), t('sub.submitted'), t('sub.statusFilter'), t('sub.precheck')].map((x) => h('th', { scope: 'col' }, x)))),
            h(
              'tbody',
              null,
              items.length
                ? items.map((a) =>
                    h(
                      'tr',
                      null,
                      h('td', null, a.person_name),
                      h('td', null, names.get(a.scheme) || a.scheme),
                      h('td', null, fmtDateTime(a.submitted_at)),
                      h(
                        'td',
                        null,
                        t(`sub.status.${a.status}`),
                        a.decision_reason ? h('div', { class: 'muted small' }, a.decision_reason) : null,
                        a.eligible_from ? h('div', { class: 'muted small' }, t('sub.from', { from: a.eligible_from })) : null,
                      ),
                      h('td', null, a.precheck),
                    ),
                  )
                : emptyRow(5, t('apply.none')),
            ),
          ),
        ),
      );
    } catch (e) {
      replace(listSlot, errorBox(e, loadList));
    }
  }

  if (schemes.length) {
    const scheme = h('select', null, schemes.map((s) => h('option', { value: s.id }, schemeLabel(s))));
    const idn = h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: 18, inputmode: 'text' });
    const name = h('input', { type: 'text', autocomplete: 'off' });
    const relation = h('input', { type: 'text', placeholder: t('apply.relationHint') });
    const note = h('textarea', { rows: 2 });
    const F = {
      scheme: field({ label: t('sub.scheme'), input: scheme, required: true, name: 'scheme' }),
      id_number: field({ label: t('apply.idNumber'), input: idn, required: true, name: 'id_number', hint: t('apply.idHint') }),
      name: field({ label: t('apply.name'), input: name, required: true, name: 'name' }),
      relation: field({ label: t('sub.relation'), input: relation, name: 'relation' }),
      note: field({ label: t('apply.note'), input: note, name: 'note', wide: true }),
    };
    const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('apply.submit'));
    const form = h(
      'form',
      {
        class: 'card form-grid',
        // the page marks every empty field itself, in its own words
        novalidate: true,
        onsubmit: (e) => {
          e.preventDefault();
          Object.values(F).forEach((w) => setFieldError(w, ''));
          replace(msg);
          const missing = markMissing([
            { wrap: F.id_number, value: idn.value },
            { wrap: F.name, value: name.value },
          ]);
          if (missing) {
            replace(msg, alertBox('error', t('form.missing', { n: missing })));
            return;
          }
          busy(submit, t('common.saving'), async () => {
            try {
              const a = await post(
                'applications',
                withoutBlanks({
                  scheme: scheme.value,
                  id_number: idn.value.trim(),
                  name: name.value.trim(),
                  relation: relation.value.trim(),
                  note: note.value.trim(),
                }),
              );
              replace(msg, alertBox('ok', t('apply.done', { name: a.person_name, precheck: a.precheck })));
              idn.value = name.value = note.value = '';
              loadList();
            } catch (err) {
              const f = err instanceof ApiError && err.field && F[err.field];
              const text = explain(err);
              if (f) setFieldError(f, text);
              replace(msg, alertBox('error', text));
            }
          });
        },
      },
      Object.values(F),
      h('div', { class: 'form-actions field-wide' }, submit),
    );
    replace(formSlot, form);
  } else if (!formSlot.querySelector('.alert')) {
    replace(formSlot, alertBox('info', t('sub.noSchemes')));
  }
  await loadList();
}
