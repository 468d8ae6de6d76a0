// 为家人下单: a family account links the parent it orders for (ID number,
// name, relation), chooses a service and one of the providers serving the
// parent's village with its price, places the order with a wished time,
// then follows it on a timeline, rates it or cancels it with a reason.
// Laid out as one column of cards so it reads well on a phone.
import { h, replace, today } from '../dom.js';
import { t, label, has, fmtDateTime } from '../i18n.js';
import { get, post } from '../api.js';
import { askDialog } from '../ui/dialog.js';
import { loading, errorBox, alertBox, field, selectEl } from '../ui/common.js';
import { yuan, yuanText, unitName, qtyText, statusTag, timeline, takeStep } from './service_common.js';

const RELATIONS = ['子女', '配偶', '本人', '儿媳', '女婿', '孙子女', '兄弟姐妹', '父母', '祖父母', '外祖父母', '监护人', '其他亲属'];
const CANCELLABLE = ['placed', 'accepted', 'scheduled'];

export async function render(main, { isCurrent }) {
  const msg = h('div', { 'aria-live': 'polite', id: 'svc-msg' });
  const people = h('div', { id: 'svc-people' }, loading());
  const form = h('div', { id: 'svc-order' });
  const orders = h('div', { id: 'svc-orders' }, loading());
  const say = (el) => replace(msg, el);

  const idInput = h('input', { type: 'text', autocomplete: 'off', inputmode: 'text', maxlength: 18 });
  const nameInput = h('input', { type: 'text', autocomplete: 'off' });
  const relSelect = selectEl(RELATIONS.map((r) => [r, has(`svc.rel.${r}`) ? t(`svc.rel.${r}`) : r]), '子女');
  const linkForm = h(
    'form',
    {
      class: 'card svc-link-form',
      id: 'svc-link',
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          const p = await post('services/links', { id_number: idInput.value.trim(), name: nameInput.value.trim(), relation: relSelect.value });
          idInput.value = '';
          nameInput.value = '';
          say(alertBox('ok', t('svc.family.linked', { n: p.name })));
          await loadPeople();
        } catch (err) {
          // the registry's one answer for any mismatch, as the online application says it
          const notFound = err && err.field === 'id_number' && /^no registered person/.test(err.message || '');
          say(notFound ? alertBox('error', t('apply.err.notFound')) : errorBox(err));
        }
      },
    },
    h('h2', null, t('svc.family.add')),
    field({ label: t('svc.family.idNumber'), input: idInput, name: 'id_number', required: true }),
    field({ label: t('svc.family.name'), input: nameInput, name: 'name', required: true }),
    field({ label: t('svc.family.relation'), input: relSelect, name: 'relation' }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('svc.family.add'))),
  );

  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, t('svc.family.title'))),
    h('p', { class: 'muted' }, t('svc.family.lead')),
    msg,
    h('section', { class: 'svc-section' }, h('h2', null, t('svc.family.people')), people),
    form,
    h('section', { class: 'svc-section' }, h('h2', null, t('svc.orders.title')), orders),
    linkForm,
  );
  // a first visit starts by adding the family member
  const firstVisit = () => people.after(linkForm);

  async function loadPeople() {
    let data;
    try {
      data = await get('services/links');
    } catch (e) {
      if (isCurrent()) replace(people, errorBox(e));
      return;
    }
    if (!isCurrent()) return;
    if (!data.items.length) {
      replace(people, h('p', { class: 'muted' }, t('svc.family.none')));
      firstVisit();
      return;
    }
    orders.parentNode.after(linkForm);
    replace(
      people,
      h(
        'ul',
        { class: 'svc-people' },
        data.items.map((p) =>
          h(
            'li',
            { class: 'card svc-person', 'data-person': String(p.person_id) },
            h('div', null, h('strong', null, p.name), ` · ${p.relation}`),
            h('div', { class: 'muted small' }, `${p.id_masked} · ${t('svc.family.age', { n: p.age })} · ${p.region_name}`),
            p.deceased ? null : h('button', { type: 'button', class: 'btn btn-primary btn-small', onclick: () => orderFor(p) }, t('svc.family.choose')),
          ),
        ),
      ),
    );
  }

  async function orderFor(p) {
    replace(form, loading());
    let cat;
    try {
      cat = await get('services/catalogue', { region: p.region });
    } catch (e) {
      replace(form, errorBox(e));
      return;
    }
    const items = cat.items.filter((i) => i.for === p.kind);
    const itemSel = selectEl([['', t('svc.order.pickItem')], ...items.map((i) => [i.code, `${i.name}（${i.category}）`])], '', { id: 'svc-item' });
    const providers = h('div', { class: 'svc-providers', id: 'svc-providers' });
    const qty = h('input', { type: 'number', min: 1, max: 10000, step: 1, value: 1, inputmode: 'numeric', id: 'svc-qty' });
    const day = h('input', { type: 'date', value: today(), id: 'svc-day' });
    const time = h('input', { type: 'time', value: '09:00', id: 'svc-time' });
    const address = h('input', { type: 'text', id: 'svc-address' });
    const note = h('textarea', { rows: 2, id: 'svc-note' });
    const total = h('p', { class: 'svc-total', id: 'svc-total', 'aria-live': 'polite' });
    const qtyField = field({ label: t('svc.order.quantity', { u: '' }), input: qty });
    let offers = [];
    let chosen = null;
    let item = null;
    const refresh = () => {
      const q = Number.parseInt(qty.value, 10);
      total.textContent = chosen && q > 0 ? t('svc.order.total', { y: yuan(q * chosen.price_fen) }) : '';
    };
    qty.addEventListener('input', refresh);
    itemSel.addEventListener('change', async () => {
      item = items.find((i) => i.code === itemSel.value) || null;
      chosen = null;
      refresh();
      if (!item) {
        replace(providers);
        return;
      }
      qtyField.querySelector('label').firstChild.textContent = t('svc.order.quantity', { u: unitName(item) });
      replace(providers, loading());
      try {
        offers = (await get('services/offers', { serves: p.region, item: item.code })).items;
      } catch (e) {
        replace(providers, errorBox(e));
        return;
      }
      offers.sort((a, b) => a.price_fen - b.price_fen);
      if (!offers.length) {
        replace(providers, h('p', { class: 'muted' }, t('svc.order.noProvider')));
        return;
      }
      replace(
        providers,
        h(
          'fieldset',
          { class: 'svc-offer-list' },
          h('legend', null, t('svc.order.providers')),
          offers.map((o, k) => {
            const radio = h('input', { type: 'radio', name: 'svc-offer', value: String(o.id), checked: k === 0 });
            radio.addEventListener('change', () => {
              chosen = o;
              refresh();
            });
            return h('label', { class: 'svc-offer', 'data-offer': String(o.id) }, radio, h('span', null, h('strong', null, o.facility_name), h('span', { class: 'svc-price' }, t('svc.order.price', { y: yuan(o.price_fen), u: unitName(o) }))));
          }),
        ),
      );
      chosen = offers[0];
      refresh();
    });
    const place = async (e) => {
      e.preventDefault();
      if (!item) {
        say(alertBox('error', t('svc.order.pickItem')));
        return;
      }
      if (!chosen) {
        say(alertBox('error', t('svc.order.pickProvider')));
        return;
      }
      const q = Number.parseInt(qty.value, 10) || 0;
      const ok = await askDialog({
        title: t('svc.order.place'),
        consequence: t('svc.order.ask', { p: p.name, i: item.name, q, u: unitName(item), f: chosen.facility_name, y: yuan(q * chosen.price_fen) }),
        okText: t('svc.order.place'),
        className: 'svc-dialog',
      });
      if (ok === null) return;
      const body = { person_id: p.person_id, item: item.code, quantity: q, offer_id: chosen.id };
      if (day.value) body.wanted_at = time.value ? `${day.value}T${time.value}` : day.value;
      if (address.value.trim()) body.address = address.value.trim();
      if (note.value.trim()) body.note = note.value.trim();
      try {
        await post('services/orders', body);
        replace(form);
        say(alertBox('ok', t('svc.order.placed')));
        await loadOrders();
      } catch (err) {
        say(errorBox(err));
      }
    };
    replace(
      form,
      h(
        'form',
        { class: 'card svc-order-form', onsubmit: place },
        h('h2', null, t('svc.order.title', { p: p.name })),
        field({ label: t('svc.order.item'), input: itemSel }),
        providers,
        qtyField,
        h('div', { class: 'svc-when' }, field({ label: t('svc.order.date'), input: day }), field({ label: t('svc.order.time'), input: time })),
        field({ label: t('svc.order.address'), input: address }),
        field({ label: t('svc.order.note'), input: note }),
        total,
        h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'svc-place' }, t('svc.order.place'))),
      ),
    );
    form.scrollIntoView({ block: 'start' });
  }

  async function loadOrders() {
    let data;
    try {
      data = await get('services/orders', { limit: 100 });
    } catch (e) {
      if (isCurrent()) replace(orders, errorBox(e));
      return;
    }
    if (!isCurrent()) return;
    if (!data.items.length) {
      replace(orders, h('p', { class: 'muted' }, t('svc.orders.none')));
      return;
    }
    replace(orders, h('ul', { class: 'svc-order-cards' }, data.items.map(orderCard)));
  }

  function orderCard(o) {
    const detail = h('div', { class: 'svc-detail', hidden: true });
    const more = h('button', { type: 'button', class: 'btn btn-small btn-ghost' }, t('svc.orders.timeline'));
    more.addEventListener('click', async () => {
      if (!detail.hidden) {
        detail.hidden = true;
        more.textContent = t('svc.orders.timeline');
        return;
      }
      try {
        replace(detail, timeline(await get(`services/orders/${o.id}`)));
        detail.hidden = false;
        more.textContent = t('svc.orders.hide');
      } catch (e) {
        say(errorBox(e));
      }
    });
    const actions = [more];
    if (o.status === 'finished') actions.unshift(stepButton(o, 'rate'));
    if (CANCELLABLE.includes(o.status)) actions.push(stepButton(o, 'cancel'));
    return h(
      'li',
      { class: 'card svc-order-card', 'data-order': String(o.id) },
      h('div', { class: 'svc-card-head' }, h('strong', null, `${o.item_name} · ${o.person_name}`), statusTag(o)),
      h('div', { class: 'small' }, `${o.facility_name} · ${qtyText(o.quantity, o)} · ${yuanText(o.total_fen)}`),
      h('div', { class: 'muted small' }, o.scheduled_at ? t('svc.orders.scheduled', { w: fmtDateTime(o.scheduled_at) }) : o.wanted_at ? t('svc.orders.wanted', { w: o.wanted_at.replace('T', ' ') }) : ''),
      o.rating ? h('div', { class: 'small' }, `${'★'.repeat(o.rating)}${o.rating_note ? ` ${o.rating_note}` : ''}`) : null,
      o.cancel_reason ? h('div', { class: 'muted small' }, `${label('svc.status', 'cancelled')}：${o.cancel_reason}`) : null,
      h('div', { class: 'svc-actions' }, actions),
      detail,
    );
  }

  function stepButton(o, step) {
    const b = h('button', { type: 'button', class: ['btn btn-small', step === 'rate' ? 'btn-primary' : null], 'data-step': step }, t(`svc.step.${step}`));
    b.addEventListener('click', async () => {
      b.disabled = true;
      try {
        const done = await takeStep(o, step);
        if (done) {
          say(alertBox('ok', t(`svc.done.${step}`)));
          await loadOrders();
        }
      } catch (e) {
        say(errorBox(e));
      }
      b.disabled = false;
    });
    return b;
  }

  await Promise.all([loadPeople(), loadOrders()]);
}
