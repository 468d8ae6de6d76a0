// 信用档案与红黑名单 and 预收费监管 (web/js/pages/credit_listings.js,
// credit_prepaid.js, credit_panel.js) in a browser. A county official
// gives notice of a proposed black listing through the in-page dialog that
// states the consequence and sees the step done; the facility's page shows
// its credit file; the operator reports a prepaid balance with too little
// in bank custody through a dialog, and the official sees it flagged.
// Screenshots at 1366 px and 390 px.
import { signIn } from './sign_in.mjs';
const BAZHOU = '511902000000';
const TOWN = '511902761000';

export async function credit(ctx, { login, sees, shot, expect, expectEq, PASSWORD }) {
  const { api } = ctx;
  expectEq((await api('POST', 'regions', { code: TOWN, name: '信用网页测试镇', level: 'township', parent: BAZHOU })).status, 201, 'township');
  const home = await api('POST', 'facilities', { region: TOWN, name: '信用网页养老院', kind: 'elderly_institution', ownership: 'private', operation: 'private_run', profit: 'nonprofit', opened_on: '2020-01-01', beds: 40, nursing_beds: 10, occupied_beds: 20, capacity_date: '2020-01-01', filing_status: 'filed', filing_date: '2020-02-01', credit_commitment: '依法依规开展养老服务，书面承诺向社会公开。' });
  expectEq(home.status, 201, 'the home');
  const fid = home.json.id;
  const prop = await api('POST', 'credit/listings', { subject_kind: 'facility', subject_id: fid, list: 'black', ground: 'fire_hazard_unrectified', facts: '重大火灾隐患逾期未整改' });
  expectEq(prop.status, 201, 'a proposed listing');
  expectEq((await api('POST', 'users', { username: 'credit_web_county', password: PASSWORD, role: 'county_official', region: BAZHOU })).status, 201, 'county official');
  expectEq((await api('POST', 'users', { username: 'credit_web_op', password: PASSWORD, role: 'operator', region: BAZHOU, facilities: [fid] })).status, 201, 'operator');

  const county = await login(ctx, 'credit_web_county');
  await county.goto(ctx.server.base + `#/credit?region=${TOWN}`);
  const row = county.locator(`tr[data-listing="${prop.json.id}"]`);
  await row.getByText('拟列入').waitFor();
  await row.getByText('重大火灾隐患未及时整改', { exact: false }).or(row.getByText('存在重大火灾隐患未及时整改')).first().waitFor();
  await shot(county, 'credit-listings-zh');
  await row.locator('button[data-step="notice"]').click();
  await sees(county, '书面告知', 'the consequence of a notice');
  await shot(county, 'credit-notice-dialog-zh');
  await county.locator('dialog.cr-dialog .btn-primary').click();
  await sees(county, '已办理：告知', 'the notice given');
  await county.locator(`tr[data-listing="${prop.json.id}"]`).getByText('已告知').waitFor();
  // listing is offered now, refused until the notice days pass
  await county.locator(`tr[data-listing="${prop.json.id}"] button[data-step="list"]`).click();
  await sees(county, '在补贴发放中被拒', 'the consequence of listing');
  await county.locator('dialog.cr-dialog .btn-primary').click();
  const first = new Date(Date.now() + 10 * 864e5).toISOString().slice(0, 10);
  await sees(county, `最早可于 ${first} 列入`, 'the refusal names the first day listing may be');
  const text = await county.locator('main').innerText();
  expect(!text.includes('fire_hazard_unrectified') && !text.includes('proposed'), 'no internal code on the page');
  expect(!/\b(?:cr|crd|crp|nav)\.[a-z][A-Za-z_.]*/.test(text), 'no untranslated key');

  // the facility's page: the credit file
  await county.goto(ctx.server.base + `#/facilities/${fid}`);
  await county.locator('#crd-section').getByText('依法依规开展养老服务', { exact: false }).waitFor();
  await county.locator('#crd-standing').getByText('未列入红黑名单').waitFor();
  await shot(county, 'credit-panel-zh');

  // the operator reports its prepaid balance: 100 000 元 with 80 000 in custody
  const op = await login(ctx, 'credit_web_op');
  await op.goto(ctx.server.base + `#/facilities/${fid}`);
  await op.locator('#crd-report-btn').click();
  await sees(op, '同一日期只能报告一次', 'the consequence of a report');
  const inputs = op.locator('dialog.crd-dialog input');
  await inputs.nth(1).fill('120');
  await inputs.nth(2).fill('100000');
  await inputs.nth(3).fill('80000');
  await inputs.nth(4).fill('巴中农商银行');
  await op.locator('dialog.crd-dialog .btn-primary').click();
  await sees(op, '第三方存管不足', 'the report flagged');
  await shot(op, 'credit-panel-operator-zh');

  await county.goto(ctx.server.base + `#/credit/prepaid?region=${TOWN}`);
  const pr = county.locator(`#crp-table tr[data-facility="${fid}"]`);
  await pr.getByText('第三方存管不足').waitFor();
  await pr.getByText('80.0%').waitFor();
  await pr.getByText('100,000').waitFor();
  await shot(county, 'credit-prepaid-zh');

  // a phone: the lists fit the width
  const phone = await ctx.newPage({ width: 390, height: 844 });
  phone.on('pageerror', (e) => ctx.errors.push(`phone: ${e.message}`));
  await phone.goto(ctx.server.base + '#/login');
  await signIn(phone, 'credit_web_county', PASSWORD, 'attached');
  for (const [route, sel, name] of [[`#/credit?region=${TOWN}`, `tr[data-listing="${prop.json.id}"]`, 'credit-listings'], [`#/credit/prepaid?region=${TOWN}`, `tr[data-facility="${fid}"]`, 'credit-prepaid'], [`#/facilities/${fid}`, '#crd-standing', 'credit-panel']]) {
    await phone.goto(ctx.server.base + route);
    await phone.locator(sel).first().waitFor();
    const sw = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(sw <= 390, `${name} scrolls sideways on a phone (${sw} px wide)`);
    await shot(phone, `${name}-zh-phone`);
  }
}
