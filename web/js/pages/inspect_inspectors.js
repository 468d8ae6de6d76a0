// 检查人员: the roster of inspectors (检查人员名录库) with departments and
// recusal ties; city and county officials put accounts on it and record
// ties.
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { get, api, post } from '../api.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox, field } from '../ui/common.js';
import { askDialog } from '../ui/dialog.js';

const WRITERS = ['admin', 'city_official', 'county_official'];

export async function render(main, { isCurrent }) {
  replace(main, loading());
  const msg = h('div', { 'aria-live': 'polite', id: 'insp-roster-msg' });
  const table = h('div', { id: 'insp-roster' });
  const writer = WRITERS.includes(state.user.role);
  async function load() {
    try {
      const data = await get('inspectors');
      if (!isCurrent()) return;
      if (!data.items.length) return replace(table, h('p', { class: 'muted' }, t('insp.noInspectors')));
      replace(
        table,
        h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'data stack-on-phone' },
            h('thead', null, h('tr', null, [t('insp.account'), t('insp.name'), t('insp.department'), t('insp.active'), t('insp.ties'), ''].map((x) => h('th', { scope: 'col' }, x)))),
            h(
              'tbody',
              null,
              data.items.map((x) => {
                const tie = writer ? h('button', { type: 'button', class: 'btn btn-small' }, t('insp.addTie')) : null;
                if (tie)
                  tie.addEventListener('click', async () => {
                    const v = await askDialog({
                      title: `${t('insp.addTie')}：${x.name}`,
                      consequence: t('insp.askTie'),
                      okText: t('insp.addTie'),
                      fields: [
                        { label: t('insp.tieFacility'), required: true, inputmode: 'numeric' },
                        { label: t('insp.tieReason'), required: true },
                      ],
                    });
                    if (!v) return;
                    try {
                      await post(`inspectors/${x.account_id}/ties`, { facility_id: Number(v[0]), reason: v[1] });
                      replace(msg, alertBox('success', t('insp.putDone')));
                      load();
                    } catch (e) {
                      replace(msg, errorBox(e));
                    }
                  });
                return h(
                  'tr',
                  null,
                  h('td', null, String(x.account_id)),
                  h('td', null, x.name),
                  h('td', null, x.department),
                  h('td', null, x.active ? t('insp.activeYes') : t('insp.activeNo')),
                  h('td', null, x.ties.map((y) => `${y.facility_name}（${y.reason}）`).join('；') || '—'),
                  h('td', null, tie),
                );
              }),
            ),
          ),
        ),
      );
    } catch (e) {
      replace(table, errorBox(e));
    }
  }
  let form = null;
  if (writer) {
    const acc = h('input', { type: 'text', inputmode: 'numeric', id: 'insp-account' });
    const dept = h('input', { type: 'text', id: 'insp-dept', placeholder: '民政' });
    form = h(
      'form',
      {
        class: 'card filters',
        onsubmit: async (e) => {
          e.preventDefault();
          try {
            await api('PUT', `inspectors/${Number(acc.value)}`, { json: { department: dept.value.trim() } });
            replace(msg, alertBox('success', t('insp.putDone')));
            load();
          } catch (err) {
            replace(msg, errorBox(err));
          }
        },
      },
      field({ label: t('insp.account'), input: acc, required: true }),
      field({ label: t('insp.department'), input: dept, required: true }),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('insp.put'))),
    );
  }
  replace(main, h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('insp.rosterTitle'))), h('p', { class: 'muted' }, t('insp.rosterLead')), form, msg, table);
  await load();
}
