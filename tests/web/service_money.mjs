// 服务额度 and 消费券 (web/js/pages/service_entitlements.js,
// service_vouchers.js) in a browser. A county official of 巴州区 grants the
// year's entitlements to a village through the in-page dialog: of three
// old people, the two the 巴中 policy names (000 第255行: 散居特困; 低收入
// and 失能) get 300 yuan each (the amount of 001 第12行), the one who is
// only 低收入 none; the report then shows 2 persons and ¥600.00, and one
// person's balance. An official of 达川区 (达州, 003 第322–324行) issues a
// batch of vouchers and sees it with its counts. Phone width and English
// checked; screenshots in tests/output/web.
import { people } from './people.mjs';
import { signIn } from './sign_in.mjs';

const TOWN = '511902719000';
const VILLAGE = '511902719001';
const D_TOWN = '511703709000';
const D_VILLAGE = '511703709001';

export async function serviceMoney(ctx, { login, sees, shot, expect, expectEq, PASSWORD }) {
  const { api } = ctx;
  for (const [code, name, level, parent] of [
    [TOWN, '额度测试镇', 'township', '511902000000'],
    [VILLAGE, '额度测试村', 'village', TOWN],
    [D_TOWN, '消费券测试镇', 'township', '511703000000'],
    [D_VILLAGE, '消费券测试村', 'village', D_TOWN],
  ])
    expectEq((await api('POST', 'regions', { code, name, level, parent })).status, 201, name);
  const cats = [['tekun_dispersed'], ['low_income', 'disabled'], ['low_income']];
  const bodies = people(VILLAGE, [['额度甲', 78], ['额度乙', 71], ['额度丙', 69]]);
  const ids = [];
  for (let i = 0; i < 3; i++) {
    const r = await api('POST', 'persons', { ...bodies[i], categories: cats[i].map((category) => ({ category, start: '2020-01-01' })) });
    expectEq(r.status, 201, bodies[i].name);
    ids.push(r.json.id);
  }
  for (const body of people(D_VILLAGE, [['券老人甲', 66], ['券老人乙', 90]]))
    expectEq((await api('POST', 'persons', body)).status, 201, body.name);
  for (const [username, role, region] of [
    ['money_county', 'county_official', '511902000000'],
    ['money_dachuan', 'county_official', '511703000000'],
    ['money_readonly', 'readonly', '511902000000'],
  ])
    expectEq((await api('POST', 'users', { username, password: PASSWORD, role, region })).status, 201, username);

  const page = await login(ctx, 'money_county');
  await page.goto(`${ctx.server.base}#/services/entitlements?region=${TOWN}`);
  await sees(page, '政府购买居家养老服务', 'the scheme of the policy');
  await sees(page, '300.00', 'its yearly amount');
  await page.locator('#svcm-run').click();
  await sees(page, '已经发放的不会重复发放', 'the consequence, in the dialog');
  await page.locator('dialog .btn-primary').click();
  await sees(page, '新发放 2 人', 'two granted');
  const total = page.locator('#svcm-report tr.is-total');
  await total.getByText('600.00').waitFor({ timeout: 5000 });
  expect((await total.innerText()).includes('0.00%'), 'nothing used yet: 0.00%');
  // by name: the registry's match, then its entitlements
  await page.locator('#svcm-person').fill('额度乙');
  await page.locator('#svcm-person').press('Enter');
  await page.locator(`button[data-person="${ids[1]}"]`).click();
  await sees(page, '余额 300.00 元', 'the balance of one person');
  await sees(page, '低收入', 'the basis of the grant');
  await shot(page, 'service-entitlements-zh');
  const rows = await api('GET', `services/entitlements?region=${TOWN}`);
  expectEq(rows.json.items.map((e) => e.person_id).sort().join(','), [ids[0], ids[1]].sort().join(','), 'the two the policy names');

  // read-only: sees the report, no button to grant
  const ro = await login(ctx, 'money_readonly');
  await ro.goto(`${ctx.server.base}#/services/entitlements?region=${TOWN}`);
  await ro.locator('#svcm-report tr.is-total').getByText('600.00').waitFor({ timeout: 5000 });
  expectEq(await ro.locator('#svcm-run').count(), 0, 'no grant button for a read-only account');

  // vouchers in 达州
  const d = await login(ctx, 'money_dachuan');
  await d.goto(`${ctx.server.base}#/services/vouchers?region=${D_TOWN}`);
  await sees(d, '养老服务消费券', 'the kind of the policy');
  await d.locator('#svcm-name').fill('重阳节消费券');
  await d.locator('#svcm-issue').click();
  await sees(d, '发放后不能撤回', 'the consequence, in the dialog');
  await d.locator('dialog .btn-primary').click();
  await sees(d, '已发放 2 张消费券', 'issued to the two old people');
  const batch = d.locator('#svcm-batches tbody tr').first();
  await batch.getByText('重阳节消费券').waitFor({ timeout: 5000 });
  expect((await batch.innerText()).includes('50.00'), 'the face value');
  await batch.locator('button').click();
  try {
    // within the table: the region picker's options name the village too
    await d.locator('#svcm-batches tr.diff-row').getByText('消费券测试村').first().waitFor({ timeout: 5000 });
  } catch {
    expect(false, 'the batch by region: the village not shown');
  }
  await shot(d, 'service-vouchers-zh');
  // 巴中 sets no voucher
  await page.goto(`${ctx.server.base}#/services/vouchers?region=${TOWN}`);
  await sees(page, '未设立消费券', 'no voucher where the policy sets none');
  expectEq(await page.locator('#svcm-issue').count(), 0, 'no issue form there');

  // a phone
  const phone = await ctx.newPage({ width: 390, height: 844 });
  phone.on('pageerror', (e) => ctx.errors.push(`phone: ${e.message}`));
  await phone.goto(ctx.server.base + '#/login');
  await signIn(phone, 'money_county', PASSWORD, 'attached');
  await phone.goto(`${ctx.server.base}#/services/entitlements?region=${TOWN}`);
  await phone.locator('#svcm-report tr.is-total').getByText('600.00').waitFor({ timeout: 5000 });
  const sw = await phone.evaluate(() => document.documentElement.scrollWidth);
  expect(sw <= 390, `the page scrolls sideways on a phone (${sw} px wide)`);
  await shot(phone, 'service-entitlements-zh-phone');

  // English: no key left, no internal code
  for (const [route, word] of [[`#/services/entitlements?region=${TOWN}`, 'Use rate'], [`#/services/vouchers?region=${D_TOWN}`, 'Batches issued']]) {
    const en = await login(ctx, route.includes('vouchers') ? 'money_dachuan' : 'money_county', 'en');
    await en.goto(ctx.server.base + route);
    await sees(en, word, 'the English page');
    await en.waitForTimeout(500);
    const text = await en.locator('main').innerText();
    const key = /\b(?:svcm|nav|role)\.[a-z][A-Za-z_.]*/.exec(text);
    expect(!key, `an untranslated key "${key && key[0]}"`);
    expect(!/home_care_purchase|care_voucher|tekun_|low_income/.test(text), 'no internal code on the page');
    await shot(en, route.includes('vouchers') ? 'service-vouchers-en' : 'service-entitlements-en');
  }
}
