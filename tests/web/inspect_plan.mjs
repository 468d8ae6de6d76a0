// 双随机抽查 (web/js/pages/inspect_plans.js, inspect_today.js) in a browser.
// A county official draws a plan for a township and next year's first
// quarter through the in-page dialog, sees its checks and verifies it
// (一致); an inspector logs in on a phone (390 px), lands on 今日检查 and
// sees the check of the day with its items and co-inspector, without
// sideways scrolling. Screenshots at 1366 px and 390 px.
const BAZHOU = '511902000000';
const TOWN = '511902741000';

export async function inspectPlan(ctx, { login, sees, shot, expect, expectEq, PASSWORD }) {
  const { api } = ctx;
  expectEq((await api('POST', 'regions', { code: TOWN, name: '抽查测试镇', level: 'township', parent: BAZHOU })).status, 201, 'township');
  const homes = [];
  for (const name of ['抽查甲养老院', '抽查乙养老院', '抽查丙养老院']) {
    const f = await api('POST', 'facilities', { name, kind: 'elderly_institution', region: TOWN, address: '巴州区抽查路 1 号', ownership: 'public', operation: 'public_run', profit: 'nonprofit', filing_status: 'filed', filing_date: '2022-01-01', opened_on: '2021-01-01' });
    expectEq(f.status, 201, name);
    homes.push(f.json.id);
  }
  const inspectors = [];
  for (const [username, name, dept] of [['insp_web_a', '张检查', '民政'], ['insp_web_b', '李检查', '消防救援']]) {
    const u = await api('POST', 'users', { username, password: PASSWORD, role: 'inspector', region: TOWN, display_name: name });
    expectEq(u.status, 201, username);
    expectEq((await api('PUT', `inspectors/${u.json.id}`, { department: dept })).status, 200, `${username} on the roster`);
    inspectors.push(u.json.id);
  }
  expectEq((await api('POST', 'users', { username: 'insp_web_county', password: PASSWORD, role: 'county_official', region: BAZHOU })).status, 201, 'county official');

  const off = await login(ctx, 'insp_web_county');
  await off.goto(ctx.server.base + '#/inspect/plans');
  await sees(off, '双随机抽查计划', 'the plans page');
  await off.locator('.region-select').first().selectOption(TOWN);
  const year = new Date().getFullYear() + 1;
  await off.fill('#insp-period', `${year}Q1`);
  await off.fill('#insp-seed', '网页测试种子');
  await off.click('#insp-draw');
  await sees(off, '抽取结果不能修改', 'the consequence of drawing');
  await off.locator('dialog .btn-primary').click();
  await sees(off, '已抽取计划', 'drawn');
  await sees(off, '抽查甲养老院', 'a check listed');
  const plans = (await api('GET', 'inspect/plans')).json.items;
  expect(plans.length === 1 && plans[0].checks_count === 3, 'one plan with the three homes (the yearly floor)');
  await off.locator(`li[data-plan="${plans[0].id}"] .insp-verify`).click();
  await sees(off, '重新抽取的结果与记录一致', 'verified');
  const text = await off.locator('main').innerText();
  expect(!/\b(?:insp|nav)\.[a-z][A-Za-z_.]*/.test(text), 'no untranslated key');
  expect(!text.includes('elderly_institution') && !text.includes('civil_general'), 'no internal code on the page');
  await sees(off, `${year}年第一季度双随机抽查计划`, 'the plan named in Chinese');
  await shot(off, 'inspect-plans-zh');
  // the roster, and the month's bulletin counting the plan drawn today
  await off.goto(ctx.server.base + '#/inspect/inspectors');
  await off.locator('#insp-roster').getByText('李检查').waitFor();
  await sees(off, '消防救援', 'the department on the roster');
  const month = new Date().toISOString().slice(0, 7);
  await off.goto(ctx.server.base + `#/inspect/bulletin?region=${TOWN}&period=${month}`);
  await sees(off, `抽查测试镇养老托育机构监督检查通报（${Number(month.slice(0, 4))}年${Number(month.slice(5))}月）`, 'the bulletin title');
  const total = await off.locator('#insp-bulletin tbody tr.is-total').first().innerText();
  expect(/抽查测试镇\s+合计\s+1\b/.test(total), `one plan drawn this month (${total})`);
  await shot(off, 'inspect-bulletin-zh');

  // a case check today (never announced), for the inspector's day
  const today = new Date();
  const iso = new Date(today.getTime() - today.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  const c = await api('POST', 'inspect/checks', { facility_id: homes[1], kind: 'case', items: ['fire', 'food'], scheduled_on: iso, inspectors });
  expectEq(c.status, 201, 'a check today');
  const phone = await ctx.newPage({ width: 390, height: 844 });
  phone.on('pageerror', (e) => ctx.errors.push(`phone: ${e.message}`));
  await phone.goto(ctx.server.base + '#/login');
  await phone.fill('input[autocomplete=username]', 'insp_web_a');
  await phone.fill('input[type=password]', PASSWORD);
  await phone.keyboard.press('Enter');
  await phone.locator('h1.page-title', { hasText: '今日检查' }).waitFor();
  await phone.locator('#insp-today').getByText('抽查乙养老院').waitFor();
  await sees(phone, '消防安全、食品安全', 'the items of the check');
  await sees(phone, '李检查（消防救援）', 'the co-inspector');
  const href = await phone.locator('#insp-today a').first().getAttribute('href');
  expectEq(href, `#/inspect/checks/${c.json.id}`, 'the link to the check record');
  const sw = await phone.evaluate(() => document.documentElement.scrollWidth);
  expect(sw <= 390, `the inspector's day scrolls sideways on a phone (${sw} px wide)`);
  await shot(phone, 'inspect-today-zh-phone');
}
