// 预收费监管: each institution's latest prepaid report on a day, flagged
// when bank custody is below the policy's share or the balance over its
// ceiling. Officials, readers and inspectors of the region.
import { h, replace, today } from '../dom.js';
import { t, fmtNum } from '../i18n.js';
import { get } from '../api.js';
import { go, href } from '../router.js';
import { state } from '../state.js';
import { loading, errorBox, field, selectEl, emptyRow, labelCells } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';

const isDay = (s) => /^\d{4}-\d{2}-\d{2}$/.test(s || '');

// fen → "1,234.56", by the digits
export function yuanText(fen) {
  const whole = Math.floor(fen / 100);
  const cents = fen % 100;
  return fmtNum(whole) + (cents ? `.${String(cents).padStart(2, '0')}` : '');
}

export const flagText = (p) => (p.flags.length ? p.flags.map((f) => f.label).join('；') : t('crp.ok'));

export async function render(main, { query, isCurrent }) {
  const f = { region: query.region || '', flagged: query.flagged === '0' ? '0' : '1', as_of: isDay(query.as_of) ? query.as_of : '' };
  const apply = (changes) => go('credit/prepaid', { ...f, ...changes });
  const picker = regionPicker({ value: f.region || state.user.region || '', allowAll: !state.user.region, allLabel: t('common.all'), onChange: (code) => apply({ region: code || undefined }) });
  const flagged = selectEl([['1', t('crp.flaggedOnly')], ['0', t('cr.all')]], f.flagged, { id: 'crp-flagged' });
  const day = h('input', { type: 'date', id: 'crp-date', value: f.as_of || today() });
  const out = h('div', { id: 'crp-out' }, loading());
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('crp.title'))),
    h('p', { class: 'muted' }, t('crp.lead')),
    h(
      'form',
      {
        class: 'card filters',
        onsubmit: (e) => {
          e.preventDefault();
          apply({ flagged: flagged.value, as_of: day.value && day.value !== today() ? day.value : undefined });
        },
      },
      field({ label: t('cr.region'), input: picker.select, control: picker.el }),
      field({ label: t('crp.asOf'), input: day }),
      field({ label: t('crp.flags'), input: flagged }),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn', id: 'crp-show' }, t('cr.show'))),
    ),
    out,
  );
  let data;
  try {
    data = await get('credit/prepaid', { region: f.region || undefined, flagged: f.flagged, as_of: f.as_of || undefined });
  } catch (e) {
    if (isCurrent()) replace(out, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  const cols = [t('crp.facility'), t('crp.asOf'), t('crp.members'), t('crp.balance'), t('crp.custody'), t('crp.share'), t('crp.bank'), t('crp.flags')];
  replace(
    out,
    h(
      'section',
      { class: 'card card-flush' },
      h(
        'div',
        { class: 'table-wrap' },
        labelCells(
          h(
            'table',
            { class: 'data stack-on-phone', id: 'crp-table' },
            h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col' }, c)))),
            h(
              'tbody',
              null,
              data.items.length
                ? data.items.map((p) =>
                    h(
                      'tr',
                      { 'data-facility': String(p.facility_id) },
                      h('td', null, h('a', { href: href(`facilities/${p.facility_id}`) }, p.facility)),
                      h('td', null, p.as_of),
                      h('td', { class: 'num' }, fmtNum(p.members)),
                      h('td', { class: 'num' }, yuanText(p.balance_fen)),
                      h('td', { class: 'num' }, yuanText(p.custody_fen)),
                      h('td', { class: 'num' }, p.custody_share === null ? t('common.dash') : `${p.custody_share}%`),
                      h('td', null, p.custody_bank || t('common.dash')),
                      h('td', null, h('span', { class: `tag ${p.flagged ? 'tag-warn' : 'tag-open'}` }, flagText(p))),
                    ),
                  )
                : emptyRow(cols.length, t('crp.none')),
            ),
          ),
        ),
      ),
    ),
  );
}
