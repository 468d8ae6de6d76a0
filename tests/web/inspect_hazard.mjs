// Recording a check and closing its hazard (web/js/pages/inspect_hazard.js)
// in a browser. An inspector on a phone (390 px) opens the check a county
// official created, marks one item 不符合 with a note and others 符合, saves
// (a hazard is recorded) and orders its rectification; the facility's
// operator reports the rectification in the in-page dialog; a re-check
// that passes closes it, and the three lists show it closed. Screenshots
// at 390 px and 1366 px.
import { signIn } from './sign_in.mjs';
const BAZHOU = '511902000000';
const TOWN = '511902749000';

export async function inspectHazard(ctx, { login, sees, shot, expect, expectEq, PASSWORD }) {
  const { api } = ctx;
  expectEq((await api('POST', 'regions', { code: TOWN, name: '检查测试镇', level: 'township', parent: BAZHOU })).status, 201, 'township');
  const fac = await api('POST', 'facilities', { name: '检查测试敬老院', kind: 'elderly_institution', region: TOWN, ownership: 'public', operation: 'public_run', profit: 'nonprofit', opened_on: '2020-01-01', filing_status: 'filed', filing_date: '2020-02-01', beds: 30, nursing_beds: 10, occupied_beds: 10, capacity_date: '2020-01-01' });
  expectEq(fac.status, 201, 'the home');
  const users = [
    ['ih_web_insp', 'inspector', {}],
    ['ih_web_insp2', 'inspector', {}],
    ['ih_web_op', 'operator', { facilities: [fac.json.id] }],
    ['ih_web_county', 'county_official', {}],
  ];
  const ids = {};
  for (const [u, role, extra] of users) {
    const r = await api('POST', 'users', { username: u, password: PASSWORD, role, region: BAZHOU, ...extra });
    expectEq(r.status, 201, u);
    ids[u] = r.json.id;
  }
  // a check is done by two inspectors on the roster
  for (const u of ['ih_web_insp', 'ih_web_insp2']) expectEq((await api('PUT', `inspectors/${ids[u]}`, { department: '民政' })).status, 200, `${u} on the roster`);
  const today = new Date().toISOString().slice(0, 10);
  const chk = await api('POST', 'inspect/checks', { facility_id: fac.json.id, kind: 'case', items: ['civil_general'], scheduled_on: today, inspectors: [ids.ih_web_insp, ids.ih_web_insp2] });
  expectEq(chk.status, 201, 'the check');
  const cid = chk.json.id;

  // the inspector, on a phone
  const phone = await ctx.newPage({ width: 390, height: 844 });
  phone.on('pageerror', (e) => ctx.errors.push(`phone: ${e.message}`));
  await phone.goto(ctx.server.base + '#/login');
  await signIn(phone, 'ih_web_insp', PASSWORD, 'attached');
  await phone.goto(ctx.server.base + `#/inspect/checks/${cid}`);
  await sees(phone, '检查测试敬老院', 'the check on a phone');
  await sees(phone, '防跌倒', 'GB 38600 items listed');
  await sees(phone, '消防安全', 'the fire domain');
  const fall = phone.locator('li[data-item="gb38600.fall"]');
  await fall.locator('button[data-outcome="fail"]').click();
  await fall.locator('input.ih-note').fill('走廊扶手缺失');
  await phone.locator('li[data-item="gb38600.choking"] button[data-outcome="pass"]').click();
  await phone.locator('li[data-item="fire.iot"] button[data-outcome="na"]').click();
  const sw = await phone.evaluate(() => document.documentElement.scrollWidth);
  expect(sw <= 390, `the check scrolls sideways on a phone (${sw} px wide)`);
  await phone.click('#ih-save');
  await sees(phone, '新登记隐患 1 条', 'the failed item became a hazard');
  await shot(phone, 'inspect-check-zh-phone');
  const hz = (await api('GET', `inspect/checks/${cid}`)).json.hazards;
  expectEq(hz.length, 1, 'one hazard');
  expectEq(hz[0].item, 'gb38600.fall', 'for the failed item');
  const hid = hz[0].id;
  await phone.locator(`a[href="#/inspect/hazards/${hid}"]`).first().click();
  await sees(phone, '隐患（第', 'the hazard page');
  await phone.click('#ih-order');
  await sees(phone, '第一责任人', 'the consequence of the order');
  await phone.locator('dialog input').fill('王院长');
  await phone.locator('dialog .btn-primary').click();
  await sees(phone, '整改中', 'ordered');
  const pt = await phone.locator('main').innerText();
  expect(!/\bih\.[a-z][A-Za-z_.]*/.test(pt), 'no untranslated key');
  expect(!pt.includes('gb38600') && !pt.includes('elderly_institution') && !pt.includes('in_progress'), 'no internal code on the page');
  await shot(phone, 'inspect-hazard-zh-phone');

  // the operator answers
  const op = await login(ctx, 'ih_web_op');
  await op.goto(ctx.server.base + '#/inspect/hazards');
  await op.locator(`tr[data-hazard="${hid}"]`).waitFor();
  await op.goto(ctx.server.base + `#/inspect/hazards/${hid}`);
  await op.click('#ih-answer');
  await sees(op, '复查通过才能销号', 'the consequence of the answer');
  await op.locator('dialog textarea').fill('已在走廊两侧加装扶手');
  await op.locator('dialog .btn-primary').click();
  await sees(op, '待复查', 'answered');
  expect((await op.locator('#ih-pass').count()) === 0, 'the operator cannot re-check');

  // the inspector re-checks: closed
  await phone.goto(ctx.server.base + '#/inspect/hazards');
  await phone.locator(`tr[data-hazard="${hid}"]`).getByText('待复查').waitFor();
  await shot(phone, 'inspect-hazards-zh-phone');
  await phone.locator(`tr[data-hazard="${hid}"] a`).first().click();
  await phone.click('#ih-pass');
  await sees(phone, '不能再撤回', 'the consequence of closing');
  await phone.locator('dialog .btn-primary').click();
  await sees(phone, '已销号', 'closed');
  expectEq((await api('GET', `inspect/hazards/${hid}`)).json.status, 'closed', 'closed in the API');

  // the county official's three lists
  const county = await login(ctx, 'ih_web_county');
  await county.goto(ctx.server.base + '#/inspect/hazards?list=responsibilities');
  await county.locator(`tr[data-hazard="${hid}"]`).getByText('王院长').waitFor();
  await county.locator('button[data-list="rectifications"]').click();
  await county.locator(`tr[data-hazard="${hid}"]`).getByText('已在走廊两侧加装扶手').waitFor();
  await shot(county, 'inspect-hazards-zh');

  // a major hazard: the facility is marked 停止收住 on its page and in the list
  const chk2 = await api('POST', 'inspect/checks', { facility_id: fac.json.id, kind: 'case', items: ['civil_general'], scheduled_on: today, inspectors: [ids.ih_web_insp, ids.ih_web_insp2] });
  expectEq(chk2.status, 201, 'a second check');
  const res = await api('PUT', `inspect/checks/${chk2.json.id}/results`, { results: [{ item: 'major.1.2', outcome: 'fail', note: '安全出口锁闭' }] });
  expectEq(res.status, 200, 'a major hazard');
  expectEq(res.json.hazards[0].stops_admission, true, 'it stops admissions');
  await county.goto(ctx.server.base + `#/facilities/${fac.json.id}`);
  await county.locator('.page-head').getByText('停止收住').waitFor();
  await county.goto(ctx.server.base + `#/facilities?region=${TOWN}`);
  await county.locator('tr', { hasText: '检查测试敬老院' }).getByText('停止收住').waitFor();
  await shot(county, 'inspect-stopped-facility-zh');
}
