// 家庭养老床位 and 育儿指导 (web/js/pages/service_beds.js, service_guidance.js)
// in a browser. A provider's operator takes a bed applied for through its
// steps in the in-page dialogs (assessment, set-up with the plan, start of
// service), logs a month below the standard and sees it marked; the county
// official sees the bed counted in its township. An official records a
// parenting-guidance activity ticking two of three infants and the page
// shows 2 / 3 = 66.67 %. Screenshots at 1366 px and 390 px.
import { people, infant } from './people.mjs';
import { signIn } from './sign_in.mjs';

const BAZHOU = '511902000000';
const TOWN = '511902739000';
const VILLAGE = '511902739201';

export async function serviceBeds(ctx, { login, sees, shot, expect, expectEq, PASSWORD }) {
  const { api } = ctx;
  expectEq((await api('POST', 'regions', { code: TOWN, name: '测试床位镇', level: 'township', parent: BAZHOU })).status, 201, 'township');
  expectEq((await api('POST', 'regions', { code: VILLAGE, name: '测试床位村', level: 'village', parent: TOWN })).status, 201, 'village');
  const fac = await api('POST', 'facilities', { name: '巴州区居家床位服务中心', kind: 'home_bed_provider', region: BAZHOU, ownership: 'private', operation: 'private_run', profit: 'nonprofit', opened_on: '2020-01-01' });
  expectEq(fac.status, 201, 'the provider');
  const [body] = people(VILLAGE, [['床位老人', 78]]);
  body.categories = [{ category: 'dibao', start: '2020-01-01' }, { category: 'disabled', start: '2020-01-01' }];
  const person = await api('POST', 'persons', body);
  expectEq(person.status, 201, 'the person');
  expectEq((await api('POST', 'users', { username: 'bed_web_op', password: PASSWORD, role: 'operator', region: BAZHOU, facilities: [fac.json.id] })).status, 201, 'operator');
  expectEq((await api('POST', 'users', { username: 'bed_web_county', password: PASSWORD, role: 'county_official', region: BAZHOU })).status, 201, 'county official');
  const bed = await api('POST', 'family-beds', { person_id: person.json.id, facility_id: fac.json.id, basis: '低保、失能' });
  expectEq(bed.status, 201, 'the bed applied for');
  const id = bed.json.id;
  const dialog = (page) => page.locator('dialog.bed-dialog');

  const op = await login(ctx, 'bed_web_op');
  await op.goto(ctx.server.base + '#/family-beds');
  await sees(op, '床位老人', 'the bed on the operator\'s list');
  await op.locator(`tr[data-bed="${id}"] a`).click();
  await sees(op, '建床经过', 'the bed\'s page');
  // assessment
  await op.locator('button[data-step="assess"]').click();
  await sees(op, '评估后方可建床', 'the consequence of the assessment');
  await dialog(op).locator('input').nth(0).fill('2024-01-05');
  await dialog(op).locator('input').nth(1).fill('重度失能');
  await dialog(op).locator('.btn-primary').click();
  await sees(op, '已记录评估', 'assessed');
  // set-up: the adaptation and devices are required in the dialog
  await op.locator('button[data-step="set_up"]').click();
  await dialog(op).locator('input[type=date]').fill('2024-01-10');
  await dialog(op).locator('.btn-primary').click();
  await sees(op, '请填写', 'an empty adaptation refused in the dialog');
  await dialog(op).locator('textarea').nth(0).fill('卫生间扶手、防滑地面');
  await dialog(op).locator('textarea').nth(1).fill('紧急呼叫器');
  await dialog(op).locator('.btn-primary').click();
  await sees(op, '已完成建床', 'set up');
  await sees(op, '每月 4 次', 'the plan shown');
  await op.locator('button[data-step="activate"]').click();
  await sees(op, '计入在床数', 'the consequence of starting service');
  await dialog(op).locator('input[type=date]').fill('2024-01-15');
  await dialog(op).locator('.btn-primary').click();
  await sees(op, '已开床', 'in service');
  // a month below the standard is marked
  await op.fill('#bed-log-month', '2024-02');
  await op.fill('#bed-log-visits', '2');
  await op.fill('#bed-log-minutes', '90');
  await op.fill('#bed-log-items', '上门探视');
  await op.click('#bed-log-save');
  await sees(op, '已保存 2024-02 的服务记录', 'the month saved');
  await op.locator('tr[data-month="2024-02"]').getByText('低于标准').waitFor();
  const saved = (await api('GET', `family-beds/${id}`)).json;
  expectEq(saved.status, 'active', 'the bed in service');
  expectEq(saved.logs[0].under_standard, true, 'the month below the standard');
  const text = await op.locator('main').innerText();
  expect(!/\b(?:bed|gd|nav)\.[a-z][A-Za-z_.]*/.test(text), 'no untranslated key');
  expect(!text.includes('set_up') && !text.includes('care_visit') && !text.includes('home_bed_provider'), 'no internal code on the page');
  await shot(op, 'family-bed-zh');

  // the county official: counted in the township
  const county = await login(ctx, 'bed_web_county');
  await county.goto(ctx.server.base + `#/family-beds?region=${BAZHOU}`);
  await county.locator('#bed-counts-table').getByText('测试床位镇').waitFor();
  await county.locator(`tr[data-bed="${id}"]`).getByText('1 个月低于标准').waitFor();
  const row = await county.locator('#bed-counts-table tr', { hasText: '测试床位镇' }).innerText();
  expect(/\b1\b/.test(row), `the township counts one bed (${row})`);
  await shot(county, 'family-beds-zh');
  // the list in English
  const enBeds = await login(ctx, 'bed_web_county', 'en');
  await enBeds.goto(ctx.server.base + `#/family-beds?region=${BAZHOU}`);
  await enBeds.locator('#bed-counts-table').getByText('测试床位镇').waitFor();
  await sees(enBeds, 'Family care beds', 'the English page');
  await sees(enBeds, 'Months below standard: 1', 'the count without a plural to get wrong');
  expect(!/\b(?:svc|tb|bed|gd|nav|common)\.[a-z][A-Za-z_.]*/.test(await enBeds.locator('main').innerText()), 'no untranslated key (en, family beds)');
  await shot(enBeds, 'family-beds-en');
  // on a day before the bed was in service: none
  await county.goto(ctx.server.base + `#/family-beds?region=${BAZHOU}&date=2024-01-14`);
  await sees(county, '2024-01-14 在床数', 'the counts on a chosen day');
  const before = await county.locator('#bed-counts-table tr', { hasText: '测试床位镇' }).innerText();
  expect(/\b0\b/.test(before), `no bed in service on 2024-01-14 (${before})`);
  const phone = await ctx.newPage({ width: 390, height: 844 });
  phone.on('pageerror', (e) => ctx.errors.push(`phone: ${e.message}`));
  await phone.goto(ctx.server.base + '#/login');
  await signIn(phone, 'bed_web_op', PASSWORD, 'attached');
  await phone.goto(ctx.server.base + `#/family-beds/${id}`);
  await sees(phone, '月度服务记录', 'the bed on a phone');
  const sw = await phone.evaluate(() => document.documentElement.scrollWidth);
  expect(sw <= 390, `the bed page scrolls sideways on a phone (${sw} px wide)`);
  await shot(phone, 'family-bed-zh-phone');

  // parenting guidance: two of three infants reached
  const babies = [];
  for (const name of ['指导宝宝甲', '指导宝宝乙', '指导宝宝丙']) {
    const b = await api('POST', 'persons', infant(VILLAGE, name, 10, '家长'));
    expectEq(b.status, 201, name);
    babies.push(b.json.id);
  }
  const off = await login(ctx, 'bed_web_county');
  await off.goto(ctx.server.base + `#/guidance?region=${TOWN}`);
  await sees(off, '记录一次指导活动', 'the record form');
  await off.fill('#gd-title', '科学育儿家长课堂');
  await off.locator(`input[data-infant="${babies[0]}"]`).check();
  await off.locator(`input[data-infant="${babies[1]}"]`).check();
  await off.click('#gd-save');
  await sees(off, '计入 2 名婴幼儿的指导覆盖', 'the consequence of saving');
  await off.locator('dialog.gd-dialog .btn-primary').click();
  await sees(off, '覆盖 2 名婴幼儿', 'saved');
  await off.locator('#gd-coverage-table').getByText('66.67%').first().waitFor();
  // 2 ÷ 3 = 66.666…%: the rounding is said beside the figure
  await sees(off, '百分数保留两位小数，四舍五入', 'the rounding rule on the page');
  await sees(off, '科学育儿家长课堂', 'the activity listed');
  await shot(off, 'guidance-zh');
  const en = await login(ctx, 'bed_web_county', 'en');
  await en.goto(ctx.server.base + `#/guidance?region=${TOWN}`);
  await sees(en, 'Infants reached', 'the English page');
  await sees(en, 'Home visit', 'the kinds in English');
  await sees(en, 'rounded half up', 'the rounding rule in English');
  const entext = await en.locator('main').innerText();
  expect(!/\b(?:bed|gd|nav)\.[a-z][A-Za-z_.]*/.test(entext), 'no untranslated key (en)');
  await shot(en, 'guidance-en');
  await phone.goto(ctx.server.base + '#/guidance');
  await phone.waitForTimeout(500);
  const sw2 = await phone.evaluate(() => document.documentElement.scrollWidth);
  expect(sw2 <= 390, `the guidance page scrolls sideways on a phone (${sw2} px wide)`);
}
