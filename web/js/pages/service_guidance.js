// 育儿指导: the coverage of a region and each region under it (infants
// reached in the policy's window ÷ infants registered, as the server
// computed it: never recomputed here), the activities held, and a form to
// record one with the registered infants it reached, asked in an in-page
// dialog that states what saving does (all or nothing).
import { askDialog } from '../ui/dialog.js';
import { h, replace, today } from '../dom.js';
import { t, fmtNum, has, getLang } from '../i18n.js';
import { get, post } from '../api.js';
import { go } from '../router.js';
import { state } from '../state.js';
import { loading, errorBox, alertBox, field, selectEl, emptyRow, labelCells } from '../ui/common.js';
import { regionPicker } from '../ui/region_picker.js';

const OFFICIALS = ['admin', 'city_official', 'county_official', 'dept_official', 'readonly', 'township_official'];
const WRITERS = ['admin', 'city_official', 'county_official', 'dept_official', 'operator'];
// The policy's name of a kind (Chinese), or the English of a preset's code.
const kindName = (code, name) => (getLang() === 'en' && has(`gd.kind.${code}`) ? t(`gd.kind.${code}`) : name);
const pct = (s) => (s === null || s === undefined ? t('common.dash') : `${s}%`);

export async function render(main, { query, isCurrent }) {
  const role = state.user.role;
  const region = query.region || state.user.region || '';
  const picker = regionPicker({ value: region, allowAll: false, onChange: (code) => go('guidance', { region: code || undefined }) });
  const msg = h('div', { 'aria-live': 'polite', id: 'gd-msg' });
  const cover = h('div', { id: 'gd-coverage' });
  const acts = h('div', { id: 'gd-activities' }, loading());
  const form = h('div', { id: 'gd-form' });
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('gd.title'))),
    h('p', { class: 'muted' }, t('gd.lead')),
    role === 'operator' ? null : h('div', { class: 'card filters' }, field({ label: t('gd.region'), input: picker.select, control: picker.el })),
    msg,
    cover,
    form,
    acts,
  );
  const loadCover = () => {
    if (!OFFICIALS.includes(role) || !region) return;
    get('guidance/coverage', { region })
      .then((c) => {
        if (!isCurrent()) return;
        const row = (n, r, i, p, total) => h('tr', { class: total ? 'is-total' : null }, h('td', { class: 'cell-name' }, n), h('td', { class: 'num' }, fmtNum(r)), h('td', { class: 'num' }, fmtNum(i)), h('td', { class: 'num gd-percent' }, pct(p)));
        const tbl = h(
          'table',
          { class: 'data stack-on-phone', id: 'gd-coverage-table' },
          h('thead', null, h('tr', null, [t('gd.region'), t('gd.reached'), t('gd.infants'), t('gd.percent')].map((x, i) => h('th', { scope: 'col', class: i ? 'num' : null }, x)))),
          h('tbody', null, row(t('bed.whole'), c.reached, c.infants, c.percent, true), c.children.map((k) => row(k.name, k.reached, k.infants, k.percent, false))),
        );
        replace(cover, h('section', { class: 'card card-flush' }, h('h2', { class: 'card-title card-pad' }, t('gd.coverage', { d: c.date, f: c.window_from })), h('div', { class: 'table-wrap' }, labelCells(tbl))));
      })
      .catch((e) => isCurrent() && replace(cover, errorBox(e)));
  };
  loadCover();
  if (WRITERS.includes(role) && region)
    recordForm(form, msg, region, isCurrent, () => {
      loadCover();
      loadActs();
    });
  const loadActs = async () => {
    let data;
    try {
      data = await get('guidance/activities', { region: role === 'operator' ? undefined : region || undefined, limit: 200 });
    } catch (e) {
      if (isCurrent()) replace(acts, errorBox(e));
      return;
    }
    if (!isCurrent()) return;
    const tbl = h(
      'table',
      { class: 'data stack-on-phone', id: 'gd-table' },
      h('thead', null, h('tr', null, [t('gd.date'), t('gd.kind'), t('gd.titleCol'), t('gd.region'), t('gd.provider'), t('gd.families'), t('gd.reachedCol')].map((x, i) => h('th', { scope: 'col', class: i >= 5 ? 'num' : null }, x)))),
      h(
        'tbody',
        null,
        data.activities.length
          ? data.activities.map((a) => h('tr', { 'data-activity': String(a.id) }, h('td', null, a.held_on), h('td', null, kindName(a.kind, a.kind_name)), h('td', { class: 'cell-name' }, a.title), h('td', null, a.region_name), h('td', null, a.facility_name || a.provider || t('common.dash')), h('td', { class: 'num' }, fmtNum(a.families)), h('td', { class: 'num' }, fmtNum(a.reached))))
          : emptyRow(7, t('gd.none')),
      ),
    );
    replace(acts, h('section', { class: 'card card-flush' }, h('h2', { class: 'card-title card-pad' }, t('gd.activities')), h('div', { class: 'table-wrap' }, labelCells(tbl))));
  };
  await loadActs();
}

async function recordForm(slot, msg, region, isCurrent, reload) {
  let opts;
  let infants;
  let facs = { items: [] };
  try {
    [opts, infants] = await Promise.all([get('guidance/options', { region }), get('persons', { region, kind: 'infant', per_page: 500 })]);
    if (state.user.role === 'operator') facs = await get('facilities', { per_page: 200 });
  } catch (e) {
    if (isCurrent()) replace(slot, errorBox(e));
    return;
  }
  if (!isCurrent()) return;
  const kind = selectEl(opts.kinds.map((k) => [k.code, kindName(k.code, k.name)]), opts.kinds[0] && opts.kinds[0].code, { id: 'gd-kind' });
  const title = h('input', { type: 'text', id: 'gd-title' });
  const held = h('input', { type: 'date', id: 'gd-held', value: today() });
  const provider = h('input', { type: 'text', id: 'gd-provider' });
  const childcare = (facs.items || []).filter((x) => ['childcare_institution', 'family_childcare_point', 'kindergarten_nursery'].includes(x.kind));
  const facility = childcare.length ? selectEl(childcare.map((x) => [String(x.id), x.name]), String(childcare[0].id), { id: 'gd-facility' }) : null;
  const boxes = (infants.items || []).map((p) => h('label', { class: 'check gd-infant' }, h('input', { type: 'checkbox', value: String(p.id), 'data-infant': String(p.id) }), ' ', `${p.name}（${p.birth_date}）`));
  const save = h('button', { type: 'submit', class: 'btn btn-primary', id: 'gd-save' }, t('gd.save'));
  replace(
    slot,
    h(
      'form',
      {
        class: 'card',
        onsubmit: async (e) => {
          e.preventDefault();
          const ids = boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => Number(i.value));
          if (!title.value.trim()) {
            replace(msg, alertBox('error', t('gd.titleRequired')));
            return;
          }
          const ok = await askDialog({ title: t('gd.record'), consequence: t('gd.ask', { t: title.value.trim(), d: held.value, n: ids.length }), okText: t('gd.save'), className: 'gd-dialog' });
          if (!ok) return;
          try {
            const a = await post('guidance/activities', { kind: kind.value, title: title.value.trim(), region, held_on: held.value, provider: provider.value || undefined, facility_id: facility ? Number(facility.value) : undefined, infants: ids });
            replace(msg, alertBox('ok', t('gd.saved', { n: a.reached })));
            title.value = '';
            boxes.forEach((b) => (b.querySelector('input').checked = false));
            reload();
          } catch (err) {
            replace(msg, errorBox(err));
          }
        },
      },
      h('h2', { class: 'card-title' }, t('gd.record')),
      h('div', { class: 'filters' }, field({ label: t('gd.kind'), input: kind }), field({ label: t('gd.titleCol'), input: title, required: true }), field({ label: t('gd.heldOn'), input: held }), field({ label: t('gd.provider'), input: provider }), facility ? field({ label: t('gd.facility'), input: facility }) : null),
      h('fieldset', { class: 'gd-infants' }, h('legend', null, t('gd.pick')), boxes.length ? boxes : h('p', { class: 'muted' }, t('gd.pickNone'))),
      h('div', { class: 'form-actions' }, save),
    ),
  );
}
