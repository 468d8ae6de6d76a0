// 等级评定 (web/js/pages/grade_overview.js, grade_panel.js) in a browser. A
// county official sees a township's share of elderly institutions at 一级
// or above (1 of 2: 50.00%), scores the other one on its page — the total
// shown as typed, the consequence stated in an in-page dialog — and sees
// the server cap the first rating at 三级, then the share at 100.00%.
// Screenshots at 1366 px and 390 px.
import { signIn } from './sign_in.mjs';

const BAZHOU = '511902000000';
const TOWN = '511902791000';

export async function grading(ctx, { login, sees, shot, expect, expectEq, PASSWORD }) {
  const { api } = ctx;
  expectEq((await api('POST', 'regions', { code: TOWN, name: '测试评定镇', level: 'township', parent: BAZHOU })).status, 201, 'township');
  const base = { region: TOWN, kind: 'elderly_institution', ownership: 'private', operation: 'private_run', profit: 'nonprofit', opened_on: '2020-01-01', filing_status: 'filed', filing_date: '2020-01-01', beds: 40, nursing_beds: 10, occupied_beds: 20, capacity_date: '2020-01-01' };
  const a = await api('POST', 'facilities', { ...base, name: '评定测试一院' });
  const b = await api('POST', 'facilities', { ...base, name: '评定测试二院' });
  expectEq(a.status, 201, 'home a');
  expectEq(b.status, 201, 'home b');
  const low = { environment: '48', facilities: '52', operations: '60', service: '240' };
  const r = await api('POST', `facilities/${a.json.id}/assessments`, { scheme: 'national_grade', assessed_on: '2025-03-01', scores: low });
  expectEq(r.status, 201, 'rating of home a');
  expectEq(r.json.level, 1, 'home a at 一级 (40% of every section)');
  expectEq((await api('POST', 'users', { username: 'grade_web_county', password: PASSWORD, role: 'county_official', region: BAZHOU })).status, 201, 'county official');

  const county = await login(ctx, 'grade_web_county');
  await county.goto(ctx.server.base + `#/grading?region=${TOWN}`);
  await county.locator('#gr-share').getByText('50.00%（1/2）').waitFor();
  await county.locator('#gr-ratings').getByText('评定测试一院').waitFor();
  await county.locator('#gr-due').getByText('评定测试二院').waitFor();
  await shot(county, 'grading-zh');

  // the other home, scored on its page
  await county.goto(ctx.server.base + `#/facilities/${b.json.id}`);
  await county.locator('#gr-score-service').waitFor();
  await county.fill('#gr-score-environment', '120');
  await county.fill('#gr-score-facilities', '130');
  await county.fill('#gr-score-operations', '150.5');
  await sees(county, '请填写 0 至满分的分数', 'a score over its maximum is flagged as typed');
  await county.fill('#gr-score-operations', '150');
  await county.fill('#gr-score-service', '599.5');
  await county.locator('#gr-typed').getByText('当前总分：999.5 / 1000').waitFor();
  await county.fill('#gr-on', '2025-04-01');
  await county.click('#gr-submit');
  await sees(county, '评定记录不可修改', 'the consequence of submitting');
  await county.locator('dialog.gr-dialog .btn-primary').click();
  await sees(county, '首次评定最高为三级', 'the first rating capped');
  await county.locator('#gr-history').getByText('评定通过 三级').waitFor();
  await shot(county, 'grading-panel-zh');
  const text = await county.locator('main').innerText();
  expect(!/\b(?:gr|nav)\.[a-z][A-Za-z_.]*/.test(text), 'no untranslated key');
  expect(!text.includes('national_grade') && !text.includes('elderly_institution'), 'no internal code on the page');

  await county.goto(ctx.server.base + `#/grading?region=${TOWN}`);
  await county.locator('#gr-share').getByText('100.00%（2/2）').waitFor();
  const page = await county.locator('main').innerText();
  expect(page.includes('三级') && page.includes('一级'), 'both levels listed');

  // a phone: the page and the panel fit the width
  const phone = await ctx.newPage({ width: 390, height: 844 });
  phone.on('pageerror', (e) => ctx.errors.push(`phone: ${e.message}`));
  await phone.goto(ctx.server.base + '#/login');
  await signIn(phone, 'grade_web_county', PASSWORD, 'attached');
  await phone.goto(ctx.server.base + `#/grading?region=${TOWN}`);
  await phone.locator('#gr-share').getByText('100.00%（2/2）').waitFor();
  const sw = await phone.evaluate(() => document.documentElement.scrollWidth);
  expect(sw <= 390, `the grading page scrolls sideways on a phone (${sw} px wide)`);
  await shot(phone, 'grading-zh-phone');
  await phone.goto(ctx.server.base + `#/facilities/${b.json.id}`);
  await phone.locator('#gr-history').getByText('评定通过 三级').waitFor();
  const pw = await phone.evaluate(() => document.documentElement.scrollWidth);
  expect(pw <= 390, `the facility page with the grading panel scrolls sideways on a phone (${pw} px wide)`);
  await phone.locator('#gr-section').scrollIntoViewIfNeeded();
  await shot(phone, 'grading-panel-zh-phone');
}
