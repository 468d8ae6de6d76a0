// 登录: username and password → POST /api/v1/session.
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { api, ApiError } from '../api.js';
import { langSwitch } from '../shell.js';
import { field, busy, alertBox, errorText } from '../ui/common.js';

export function render(root, { onLogin }) {
  const user = h('input', { type: 'text', autocomplete: 'username', autocapitalize: 'off', spellcheck: 'false' });
  const pass = h('input', { type: 'password', autocomplete: 'current-password' });
  const msg = h('div', { class: 'login-msg', 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block' }, t('login.submit'));
  const form = h(
    'form',
    { class: 'login-form', novalidate: true },
    field({ label: t('login.username'), input: user, required: true, name: 'username' }),
    field({ label: t('login.password'), input: pass, required: true, name: 'password' }),
    msg,
    submit,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    replace(msg);
    if (!user.value.trim()) {
      user.focus();
      replace(msg, alertBox('error', `${t('login.username')}${t('common.colon')}${t('common.required')}`));
      return;
    }
    if (!pass.value) {
      pass.focus();
      replace(msg, alertBox('error', `${t('login.password')}${t('common.colon')}${t('common.required')}`));
      return;
    }
    try {
      const data = await busy(submit, t('login.busy'), () =>
        api('POST', 'session', { json: { username: user.value.trim(), password: pass.value }, quiet401: true }),
      );
      onLogin(data);
    } catch (err) {
      const text = err instanceof ApiError && err.status === 401 ? t('login.failed') : errorText(err);
      replace(msg, alertBox('error', text));
      pass.select();
      pass.focus();
    }
  });
  replace(
    root,
    h(
      'div',
      { class: 'login-page' },
      h('div', { class: 'login-top' }, langSwitch()),
      h(
        'main',
        { class: 'login-card' },
        h('div', { class: 'login-brand' }, h('span', { class: 'brand-mark brand-mark-lg', 'aria-hidden': 'true' }, '老小'), h('div', null, h('h1', null, t('app.short')), h('p', { class: 'login-tagline' }, t('app.tagline')))),
        h('h2', { class: 'login-title' }, t('login.title')),
        h('p', { class: 'muted' }, t('login.hint')),
        form,
      ),
      h('a', { href: '#/find', class: 'login-find', id: 'login-find', style: { marginTop: '18px', fontSize: '16px', padding: '10px 4px' } }, t('find.link')),
      h('a', { href: '#/disclose', class: 'login-find', id: 'login-disclose', style: { fontSize: '16px', padding: '10px 4px' } }, t('dis.link')),
      h('footer', { class: 'login-footer' }, t('login.footer')),
    ),
  );
  user.focus();
}
