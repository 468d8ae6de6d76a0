// 重大项目 (web/js/pages/project_list.js) in a browser. A county official
// sees a township's projects with their totals (investment as the server
// wrote it, beds), opens one, records a milestone and puts it into use
// through in-page dialogs, the second stating the beds it adds to the
// registry and from which day; the registry then holds those beds from
// that day. Screenshots at 1366 px and 390 px.
import { signIn } from './sign_in.mjs';
const BAZHOU = '511902000000';
const TOWN = '511902793000';

export async function projectPages(ctx, { login, sees, shot, expect, expectEq, PASSWORD }) {
  const { api } = ctx;
  expectEq((await api('POST', 'regions', { code: TOWN, name: '项目网页镇', level: 'township', parent: BAZHOU })).status, 201, 'township');
  const a = await api('POST', `projects?region=${TOWN}`, { name: '网页测试养老院建设项目', type: '新建', schedule: '2024-2025', investment: '1200.5', content: '建设床位60张，建筑面积3000平方米', place: '项目网页镇', implementer: '区民政局' });
  expectEq(a.status, 201, 'project one');
  expectEq(a.json.beds, 60, 'beds read from the content');
  const b = await api('POST', `projects?region=${TOWN}`, { name: '网页测试托育中心项目', type: '改扩建', schedule: '2年', investment: '300.25', slots: 80 });
  expectEq(b.status, 201, 'project two');
  expectEq((await api('POST', 'users', { username: 'proj_web_county', password: PASSWORD, role: 'county_official', region: BAZHOU })).status, 201, 'county official');

  const county = await login(ctx, 'proj_web_county');
  await county.goto(ctx.server.base + `#/projects?region=${TOWN}`);
  await county.locator('#pj-list').getByText('网页测试养老院建设项目').waitFor();
  // 1200.5 + 300.25 = 1500.75 万元, computed here
  await county.locator('#pj-investment').getByText('1500.75').waitFor();
  await county.locator('#pj-beds').getByText('60').waitFor();
  let text = await county.locator('main').innerText();
  expect(text.includes('2年') && text.includes('改扩建') && text.includes('绿灯'), 'schedule, type and light in words');
  expect(!/\bpj\.[a-zA-Z]+/.test(text), 'no untranslated key');
  expect(!text.includes('expand') && !text.includes(TOWN), 'no internal code on the page');
  await shot(county, 'project-list-zh');

  await county.getByRole('link', { name: '网页测试养老院建设项目' }).click();
  await county.locator('#pj-milestones').waitFor();
  await county.click('#pj-set-milestone');
  await sees(county, '实际日期不得早于前一节点', 'the milestone dialog says the rule');
  const dlg = county.locator('dialog.pj-milestone-dialog');
  await dlg.locator('select').selectOption({ label: '立项' });
  await dlg.locator('input[type=date]').nth(1).fill('2024-01-15');
  await dlg.locator('.btn-primary').click();
  await county.locator('#pj-milestones tr[data-stage="approval"]').getByText('2024-01-15').waitFor();

  const day = new Date().toISOString().slice(0, 10);
  await county.click('#pj-in-use');
  await sees(county, '新增 60 张床位', 'the consequence names the beds added');
  await sees(county, '不可撤销', 'the consequence says it is once');
  await shot(county, 'project-in-use-dialog-zh');
  await county.locator('dialog.pj-inuse-dialog .btn-primary').click();
  await county.locator('#pj-facts').getByText(day).waitFor();
  expectEq(await county.locator('#pj-in-use').count(), 0, 'no second put-into-use button');
  await shot(county, 'project-detail-zh');
  const sum = await api('GET', `facilities/summary?region=${TOWN}&as_of=${day}`);
  expectEq(sum.json.total.beds, 60, 'the registry holds the 60 beds from the day of use');

  const phone = await ctx.newPage({ width: 390, height: 844 });
  phone.on('pageerror', (e) => ctx.errors.push(`phone: ${e.message}`));
  await phone.goto(ctx.server.base + '#/login');
  await signIn(phone, 'proj_web_county', PASSWORD, 'attached');
  await phone.goto(ctx.server.base + `#/projects?region=${TOWN}`);
  await phone.locator('#pj-list').getByText('网页测试托育中心项目').waitFor();
  const sw = await phone.evaluate(() => document.documentElement.scrollWidth);
  expect(sw <= 390, `the projects page scrolls sideways on a phone (${sw} px wide)`);
  await shot(phone, 'project-list-zh-phone');
  await phone.goto(ctx.server.base + `#/projects/${a.json.id}`);
  await phone.locator('#pj-milestones').waitFor();
  const dw = await phone.evaluate(() => document.documentElement.scrollWidth);
  expect(dw <= 390, `the project page scrolls sideways on a phone (${dw} px wide)`);
  await shot(phone, 'project-detail-zh-phone');
}
