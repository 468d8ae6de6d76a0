// 收款账户: a person's or an institution's bank account, shown masked, with
// the form that records or changes it and the in-page dialog that closes
// it. Officials who may see full numbers keep accounts; others see the
// masked account only.
import { h, replace, clear, newId } from '../dom.js';
import { t } from '../i18n.js';
import { get, api } from '../api.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox, field, selectEl, busy, errorText } from '../ui/common.js';

const KINDS = ['bank_card', 'social_security_card', 'corporate'];

const mayKeep = () => state.user && ['admin', 'city_official', 'county_official'].includes(state.user.role);

const labels = () => ({
  bank: t('payee.bank'),
  branch: t('payee.branch'),
  account_number: t('payee.account'),
  account_kind: t('payee.kind'),
  holder_name: t('payee.holder'),
  holder_relation: t('payee.relation'),
  holder_id_number: t('payee.holderId'),
});

// The server's messages about an account, said in the reader's language
// (the shared rules in error_messages.js know the generic ones).
const ACCOUNT_RULES = [
  [/must be the account's digits|must have at least \d+ digits|has more than \d+ digits/, 'payee.err.digits'],
  [/must be the owner's name/, 'payee.err.ownName'],
  [/is required when another person holds/, 'payee.err.guardian'],
  [/is for an account a guardian holds/, 'payee.err.notGuardian'],
  [/an institution is paid into its own account/, 'payee.err.institution'],
];

function accountError(err) {
  if (err && err.code === 'invalid') {
    for (const [re, key] of ACCOUNT_RULES) if (re.test(err.message || '')) return t(key, { f: labels()[err.field] || err.field });
  }
  return errorText(err, labels());
}

function facts(a) {
  const rel = a.holder_relation === 'self' ? t('payee.self') : a.holder_relation;
  const pairs = [
    [t('payee.bank'), a.bank],
    [t('payee.branch'), a.branch],
    [t('payee.kind'), t(`payee.kind.${a.account_kind}`)],
    [t('payee.account'), h('span', { class: 'mono' }, a.account_number)],
    [t('payee.holder'), `${a.holder_name}（${rel}）`],
    a.holder_id_number ? [t('payee.holderId'), h('span', { class: 'mono' }, a.holder_id_number)] : null,
    [t('payee.updated'), (a.updated_at || '').slice(0, 10)],
  ].filter(Boolean);
  return h('dl', { class: 'facts' }, pairs.map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v))));
}

// The dialog that states what closing the account does, in the page.
function confirmDialog(ownerName, onConfirm) {
  const titleId = newId('dlg');
  const ok = h('button', { type: 'button', class: 'btn btn-danger' }, t('payee.confirm'));
  const cancel = h('button', { type: 'button', class: 'btn' }, t('payee.cancel'));
  const dlg = h(
    'dialog',
    { class: 'sheet payee-dialog', 'aria-labelledby': titleId },
    h('div', { class: 'sheet-head' }, h('h2', { class: 'sheet-title', id: titleId }, t('payee.removeTitle'))),
    h('div', { class: 'sheet-body' }, h('p', null, t('payee.removeConsequence', { n: ownerName })), h('div', { class: 'form-actions' }, ok, cancel)),
  );
  cancel.addEventListener('click', () => dlg.close());
  dlg.addEventListener('close', () => dlg.remove());
  ok.addEventListener('click', () => busy(ok, t('common.saving'), async () => {
    await onConfirm();
    dlg.close();
  }));
  document.body.append(dlg);
  dlg.showModal();
}

function form(base, kind, account, ownerName, onSaved) {
  const a = account && account.has_account ? account : {};
  const bank = h('input', { type: 'text', value: a.bank || '', maxlength: 200 });
  const branch = h('input', { type: 'text', value: a.branch || '', maxlength: 200 });
  const number = h('input', { type: 'text', value: '', inputmode: 'numeric', autocomplete: 'off', placeholder: a.account_number || '' });
  const akind = selectEl(KINDS.map((k) => [k, t(`payee.kind.${k}`)]), a.account_kind || (kind === 'person' ? 'bank_card' : 'corporate'), {});
  const rel = h('input', { type: 'text', value: a.holder_relation && a.holder_relation !== 'self' ? a.holder_relation : '', maxlength: 20 });
  const holder = h('input', { type: 'text', value: a.holder_relation && a.holder_relation !== 'self' ? a.holder_name : '', maxlength: 200 });
  const holderId = h('input', { type: 'text', value: '', autocomplete: 'off', maxlength: 18 });
  const msg = h('div', { 'aria-live': 'polite' });
  const save = h('button', { type: 'submit', class: 'btn btn-primary' }, t('payee.save'));
  const guardianFields = kind === 'person'
    ? [field({ label: t('payee.relation'), input: rel, hint: t('payee.relationHint'), name: 'holder_relation' }), field({ label: t('payee.holder'), input: holder, name: 'holder_name' }), field({ label: t('payee.holderId'), input: holderId, hint: t('payee.holderIdHint'), name: 'holder_id_number' })]
    : [];
  return h(
    'form',
    {
      class: 'payee-form',
      novalidate: true,
      onsubmit: (e) => {
        e.preventDefault();
        clear(msg);
        const body = { bank: bank.value.trim(), branch: branch.value.trim(), account_number: number.value.trim(), account_kind: akind.value };
        if (kind === 'person' && rel.value.trim()) {
          body.holder_relation = rel.value.trim();
          body.holder_name = holder.value.trim();
          body.holder_id_number = holderId.value.trim();
        }
        busy(save, t('common.saving'), async () => {
          try {
            const r = await api('PUT', base, { json: body });
            onSaved(t('payee.saved', { a: r.account_number }));
          } catch (err) {
            replace(msg, alertBox('error', accountError(err)));
          }
        });
      },
    },
    h('h3', { class: 'sub-title' }, t('payee.edit')),
    h(
      'div',
      { class: 'form-grid' },
      field({ label: t('payee.bank'), input: bank, required: true, name: 'bank' }),
      field({ label: t('payee.branch'), input: branch, required: true, name: 'branch' }),
      field({ label: t('payee.account'), input: number, required: true, hint: t('payee.accountHint'), name: 'account_number' }),
      field({ label: t('payee.kind'), input: akind, name: 'account_kind' }),
      guardianFields,
    ),
    msg,
    h('div', { class: 'form-actions' }, save),
  );
}

const mayView = () => state.user && ['admin', 'city_official', 'county_official', 'operator'].includes(state.user.role);

// The card for the owner: kind "person" or "institution"; null for roles
// that see no accounts.
export function payeeSection(kind, id, ownerName) {
  if (!mayView()) return null;
  const base = `${kind === 'person' ? 'persons' : 'facilities'}/${id}/payee`;
  const card = h('section', { class: 'card payee-card' }, h('h2', { class: 'card-title' }, t('payee.title')), loading());
  const draw = async (notice) => {
    let a;
    try {
      a = await get(base);
    } catch (e) {
      replace(card, h('h2', { class: 'card-title' }, t('payee.title')), errorBox(e));
      return;
    }
    const removeBtn = a.has_account && mayKeep()
      ? h('button', { type: 'button', class: 'btn btn-ghost' }, t('payee.remove'))
      : null;
    if (removeBtn)
      removeBtn.addEventListener('click', () => confirmDialog(ownerName, async () => {
        await api('DELETE', base);
        draw(alertBox('ok', t('payee.removed')));
      }));
    replace(
      card,
      h('h2', { class: 'card-title' }, t('payee.title')),
      notice || null,
      a.has_account ? facts(a) : h('p', { class: 'muted' }, t('payee.none')),
      removeBtn ? h('div', { class: 'form-actions' }, removeBtn) : null,
      mayKeep() ? form(base, kind, a, ownerName, (text) => draw(alertBox('ok', text))) : null,
    );
  };
  draw();
  return card;
}
