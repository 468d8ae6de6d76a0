// Ordering a home service in a browser (web/js/pages/service_family.js,
// service_work.js, service_orders.js): a family account links its mother
// with her ID number and name, orders 助餐 from the provider serving her
// village at the offered price (2 meals at 15.00 元: 30.00 元), the
// provider accepts, schedules, checks in and out on its work page, the
// family rates the finished order and reads its timeline; the officials'
// page lists it with the counts and the month's use. Every step asks in
// an in-page dialog. Screenshots at 1366 px and at 390 px (a phone).
import { people } from './people.mjs';
import { signIn } from './sign_in.mjs';

const BAZHOU = '511902000000';
const TOWN = '511902709000';
const VILLAGE = '511902709001';

// helpers: {login, sees, shot, expect, expectEq, PASSWORD} from run.mjs
export async function serviceOrder(ctx, { login, sees, shot, expect, expectEq, PASSWORD }) {
  const { api } = ctx;
  expectEq((await api('POST', 'regions', { code: TOWN, name: '测试服务镇', level: 'township', parent: BAZHOU })).status, 201, 'township');
  expectEq((await api('POST', 'regions', { code: VILLAGE, name: '测试服务村', level: 'village', parent: TOWN })).status, 201, 'village');
  const [mother] = people(VILLAGE, [['服务老人', 81]]);
  expectEq((await api('POST', 'persons', mother)).status, 201, 'the mother');
  const fac = await api('POST', 'facilities', {
    name: '测试居家服务中心', kind: 'community_complex', region: TOWN, ownership: 'public', operation: 'public_private', profit: 'nonprofit', capacity_date: '2024-01-01', beds: 10,
  });
  expectEq(fac.status, 201, `the provider: ${JSON.stringify(fac.json)}`);
  for (const [username, role, extra] of [
    ['svc_fam', 'family', {}],
    ['svc_op', 'operator', { facilities: [fac.json.id] }],
  ]) {
    expectEq((await api('POST', 'users', { username, password: PASSWORD, role, region: BAZHOU, ...extra })).status, 201, `user ${username}`);
  }
  const offer = await api('POST', 'services/offers', { facility_id: fac.json.id, item: 'meal', price_fen: 1500, area: TOWN, valid_from: '2026-01-01' });
  expectEq(offer.status, 201, `the offer: ${JSON.stringify(offer.json)}`);
  const dialog = (page) => page.locator('dialog.svc-dialog');

  // the family's home is the ordering page; it links the mother
  const fam = await login(ctx, 'svc_fam');
  await sees(fam, '为家人下单', "the family account's home");
  await fam.fill('#svc-link input[name=id_number]', mother.id_number);
  await fam.fill('#svc-link input[name=name]', '别人');
  await fam.click('#svc-link button[type=submit]');
  await sees(fam, '未查到', 'a wrong name is refused, saying nothing more');
  await fam.fill('#svc-link input[name=name]', mother.name);
  await fam.click('#svc-link button[type=submit]');
  await sees(fam, '已添加 服务老人', 'the link');
  const card = fam.locator('.svc-person', { hasText: '服务老人' });
  const cardText = await card.innerText();
  expect(!cardText.includes(mother.id_number) && cardText.includes(mother.id_number.slice(-4)), `the ID number masked: ${cardText}`);
  await card.locator('button').click();
  await fam.selectOption('#svc-item', 'meal');
  await sees(fam, '测试居家服务中心', 'the provider serving the village');
  await sees(fam, '15.00 元/餐', 'its price');
  await fam.fill('#svc-qty', '2');
  await sees(fam, '合计 30.00 元', 'quantity × price');
  await fam.fill('#svc-time', '11:30');
  await shot(fam, 'service-family-order');
  await fam.click('#svc-place');
  await sees(fam, '为服务老人预订「助餐」2餐，由测试居家服务中心提供，合计 30.00 元', 'the consequence, in the dialog');
  await dialog(fam).locator('.btn-primary').click();
  await sees(fam, '订单已提交', 'the order placed');
  const list = (await api('GET', `services/orders?item=meal&region=${TOWN}`)).json.items;
  expectEq(list.length, 1, 'one order');
  const id = list[0].id;
  expectEq(list[0].total_fen, 3000, 'its total in fen');
  expectEq(list[0].placed_as, 'family', 'placed by the family');

  // the provider takes it step by step
  const op = await login(ctx, 'svc_op');
  await op.goto(ctx.server.base + '#/services/work');
  const row = (page) => page.locator(`tr[data-order="${id}"]`);
  await row(op).waitFor();
  await sees(op, '服务老人', 'the order on the provider\'s work page');
  for (const step of ['accept', 'schedule', 'start', 'finish']) {
    await row(op).locator(`button[data-step="${step}"]`).first().click();
    await dialog(op).waitFor();
    if (step === 'schedule') {
      await dialog(op).locator('.btn-primary').click();
      await sees(op, '请填写', 'a schedule needs its time');
      await dialog(op).locator('input').fill('2030-06-01T09:30');
    }
    if (step === 'start') await shot(op, 'service-work-checkin');
    await dialog(op).locator('.btn-primary').click();
    await dialog(op).waitFor({ state: 'detached' });
    if (step !== 'finish') await row(op).locator(`button[data-step="${{ accept: 'schedule', schedule: 'start', start: 'finish' }[step]}"]`).waitFor();
  }
  await sees(op, '已签退', 'checked out');
  const done = (await api('GET', `services/orders/${id}`)).json;
  expectEq(done.status, 'finished', 'finished');
  expectEq(done.scheduled_at, new Date('2030-06-01T09:30').toISOString().replace(/\.\d{3}Z$/, 'Z'), 'the time scheduled');
  expect(done.started_at && done.finished_at >= done.started_at, 'checked in, then out');
  await shot(op, 'service-work');

  // the family rates it, on a phone
  const phone = await ctx.newPage({ width: 390, height: 844 });
  phone.on('pageerror', (e) => ctx.errors.push(`phone: ${e.message}`));
  phone.on('dialog', () => ctx.errors.push('a browser dialog opened'));
  await phone.goto(ctx.server.base + '#/login');
  await signIn(phone, 'svc_fam', PASSWORD, 'attached');
  const mine = phone.locator(`li[data-order="${id}"]`);
  await mine.waitFor();
  await sees(phone, '已完成', 'the status the family sees');
  const sw = await phone.evaluate(() => document.documentElement.scrollWidth);
  expect(sw <= 390, `the family page scrolls sideways on a phone (${sw} px wide)`);
  await shot(phone, 'service-family-zh-phone');
  await mine.locator('button[data-step="rate"]').click();
  await sees(phone, '评价后不可修改', 'the consequence of rating');
  await dialog(phone).locator('select').selectOption('5');
  await dialog(phone).locator('textarea').fill('饭菜热乎，送得准时');
  await dialog(phone).locator('.btn-primary').click();
  await sees(phone, '感谢您的评价', 'rated');
  await mine.locator('button', { hasText: '进度' }).click();
  await sees(phone, '已评价', 'the timeline');
  await shot(phone, 'service-family-timeline-phone');
  // the order form on the phone: one column, nothing wider than the screen
  await phone.locator('.svc-person button').click();
  await phone.selectOption('#svc-item', 'meal');
  await sees(phone, '15.00 元/餐', 'the price on the phone');
  await phone.fill('#svc-qty', '3');
  await sees(phone, '合计 45.00 元', 'the total on the phone');
  const fw = await phone.evaluate(() => document.documentElement.scrollWidth);
  expect(fw <= 390, `the order form scrolls sideways on a phone (${fw} px wide)`);
  await shot(phone, 'service-family-order-phone');
  const rated = (await api('GET', `services/orders/${id}`)).json;
  expectEq(rated.status, 'rated', 'rated');
  expectEq(rated.rating, 5, 'five stars');
  expectEq(rated.steps.map((s) => s.step).join(','), 'placed,accepted,scheduled,started,finished,rated', 'every step recorded');
  await fam.reload();
  await sees(fam, '★★★★★', 'the rating on the desktop page');
  await shot(fam, 'service-family');

  // the officials' list and the month's use
  const admin = await login(ctx, 'admin');
  await admin.goto(ctx.server.base + `#/services/orders?region=${TOWN}`);
  await admin.locator(`tr[data-order="${id}"]`).waitFor();
  await sees(admin, '已评价 1', 'the counts by status');
  await admin.locator('#svc-use-table').waitFor();
  const use = await admin.locator('#svc-use-table').innerText();
  expect(use.includes('助餐') && use.includes('30.00'), `the use report: ${use}`);
  await shot(admin, 'service-orders');
  // the whole year's use
  await admin.check('#svc-use-year');
  await admin.locator('.svc-use button[type=submit]').click();
  await admin.waitForURL(/use=\d{4}(&|$)/);
  await admin.locator('#svc-use-table').waitFor();
  expect((await admin.locator('#svc-use-table').innerText()).includes('30.00'), 'the year holds the order');
  const text = await admin.locator('main').innerText();
  expect(!/\bsvc\.[a-z]/.test(text) && !text.includes('community_complex') && !text.includes('rated'), 'no key or code on the page');

  // the officials' list and the provider's work page in English
  const enAdmin = await login(ctx, 'admin', 'en');
  await enAdmin.goto(ctx.server.base + `#/services/orders?region=${TOWN}`);
  await enAdmin.locator(`tr[data-order="${id}"]`).waitFor();
  await sees(enAdmin, 'Service use', 'the use report in English');
  // amounts and units in English: the unit named from its code
  await sees(enAdmin, '30.00 yuan', 'the amount in English');
  await sees(enAdmin, '2 × meal', 'the quantity and its unit in English');
  await sees(enAdmin, 'Orders: 1', 'the count in English');
  expect(!(await enAdmin.locator('main').innerText()).includes('30.00 元'), 'no 元 on the English page');
  const enOp = await login(ctx, 'svc_op', 'en');
  await enOp.goto(ctx.server.base + '#/services/work');
  await sees(enOp, 'Service work', "the provider's page in English");
  for (const [who, pg] of [['admin', enAdmin], ['svc_op', enOp]]) {
    const t = await pg.locator('main').innerText();
    expect(!/\b(?:svc|tb|bed|gd|nav|common)\.[a-z][A-Za-z_.]*/.test(t), `no untranslated key (en, ${who})`);
  }
  await shot(enAdmin, 'service-orders-en');
}
