// The childcare part of 规划 · 人员配备: per childcare institution the carers
// its classes need at the local ratios (whole persons, rounded up), a class
// type with no ratio (混合编班) listed with its children and not computed,
// classes over their size, and the health worker from the policy's number
// of children on; all as the server computed them.
import { h } from '../dom.js';
import { t, fmtNum, label } from '../i18n.js';
import { emptyRow, labelCells } from '../ui/common.js';

function classesText(classes) {
  if (!classes.length) return t('common.dash');
  return classes
    .map((k) => {
      const head = `${label('class', k.type)} ${fmtNum(k.enrolled)}`;
      const need = k.carers === null ? t('ps.unrated') : t('ps.carers', { n: fmtNum(k.carers), r: k.children_per_carer });
      return `${head}（${need}${k.over_size ? t('ps.overSize', { m: k.max_children }) : ''}）`;
    })
    .join(t('common.comma'));
}

export function childcareStaffingCard(cc) {
  if (!cc) return null;
  const cols = [t('plan.staff.inst'), t('ps.enrolled'), t('ps.classes'), t('ps.needed'), t('plan.staff.onStaff'), t('plan.staff.short'), t('ps.health')];
  const list = cc.institutions || [];
  return h(
    'section',
    { class: 'card card-flush', id: 'ps-childcare' },
    h('h2', { class: 'card-title' }, t('ps.title')),
    h('p', { class: 'muted small card-pad' }, t('ps.rule', { n: fmtNum(cc.health_worker_min_children) }), ' ', t('ps.onStaffNote')),
    h(
      'div',
      { class: 'table-wrap' },
      labelCells(
        h(
          'table',
          { class: 'data stack-on-phone' },
          h('thead', null, h('tr', null, cols.map((c, i) => h('th', { scope: 'col', class: i === 1 || (i >= 3 && i <= 5) ? 'num' : null }, c)))),
          h(
            'tbody',
            null,
            list.length
              ? list.map((i) =>
                  h(
                    'tr',
                    { dataset: { id: String(i.id) } },
                    h('td', null, h('a', { href: `#/facilities/${i.id}` }, i.name)),
                    h('td', { class: 'num' }, fmtNum(i.enrolled)),
                    h('td', null, classesText(i.classes)),
                    h('td', { class: 'num' }, fmtNum(i.carers_needed)),
                    h('td', { class: 'num' }, fmtNum(i.on_staff)),
                    h('td', { class: ['num', i.shortfall ? 'gap-short' : null] }, fmtNum(i.shortfall)),
                    h('td', null, i.health_workers_needed ? t('ps.healthNeeded') : t('ps.healthNot')),
                  ),
                )
              : emptyRow(cols.length, t('ps.none')),
          ),
        ),
      ),
    ),
  );
}
