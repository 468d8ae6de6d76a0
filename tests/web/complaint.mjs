// 投诉处理 and 评价 (web/js/pages/complaint_*.js, review_panel.js) in a
// browser. A family on a phone (390 px) links its mother, who lives in a
// home, files a complaint about the home online, and sees it received
// with its deadline; the county official at 1366 px sees an overdue
// complaint in red, assigns and answers the family's through in-page
// dialogs; the family rates the answer 不满意 and reopens it, then
// reviews the home; the operator appeals the review on the home's page
// and the official hides it, and the average goes. The statistics page
// shows the township's counts.
import { people } from './people.mjs';
import { signIn } from './sign_in.mjs';

const BAZHOU = '511902000000';
const TOWN = '511902792000';

export async function complaintDesk(ctx, { login, sees, shot, expect, expectEq, PASSWORD }) {
  const { api } = ctx;
  expectEq((await api('POST', 'regions', { code: TOWN, name: '投诉测试镇', level: 'township', parent: BAZHOU })).status, 201, 'township');
  const home = await api('POST', 'facilities', { name: '投诉测试养老院', kind: 'elderly_institution', region: TOWN, ownership: 'private', operation: 'private_run', profit: 'nonprofit', beds: 30, nursing_beds: 10, occupied_beds: 10, capacity_date: '2020-01-01', opened_on: '2020-01-01' });
  expectEq(home.status, 201, `the home: ${JSON.stringify(home.json)}`);
  const [mother] = people(TOWN, [['投诉老人', 83]]);
  expectEq((await api('POST', 'persons', { ...mother, residence: 'institution', facility_id: home.json.id })).status, 201, 'the mother in the home');
  for (const [username, role, extra] of [
    ['cp_web_fam', 'family', {}],
    ['cp_web_county', 'county_official', {}],
    ['cp_web_op', 'operator', { facilities: [home.json.id] }],
  ]) {
    expectEq((await api('POST', 'users', { username, password: PASSWORD, role, region: BAZHOU, ...extra })).status, 201, `user ${username}`);
  }
  // an old complaint by phone, long overdue
  const late = await api('POST', 'complaints', { channel: 'phone', category: 'fees', summary: '多收护理费', facility_id: home.json.id, received_on: '2025-09-26' });
  expectEq(late.status, 201, `the late complaint: ${JSON.stringify(late.json)}`);
  expectEq(late.json.deadline, '2025-10-23', 'fifteen working days past the National Day holiday');

  // the family, on a phone: link the mother, then complain online
  const phone = await ctx.newPage({ width: 390, height: 844 });
  phone.on('pageerror', (e) => ctx.errors.push(`phone: ${e.message}`));
  phone.on('dialog', () => ctx.errors.push('a browser dialog opened'));
  await phone.goto(ctx.server.base + '#/login');
  await signIn(phone, 'cp_web_fam', PASSWORD, 'attached');
  await phone.goto(ctx.server.base + '#/services/family');
  await phone.fill('#svc-link input[name=id_number]', mother.id_number);
  await phone.fill('#svc-link input[name=name]', mother.name);
  await phone.click('#svc-link button[type=submit]');
  await sees(phone, '已添加 投诉老人', 'the link');
  await phone.goto(ctx.server.base + '#/complaints/mine');
  await sees(phone, '我要投诉', 'the family page');
  await phone.locator('#cp-facility option', { hasText: '投诉测试养老院' }).waitFor({ state: 'attached' });
  await phone.selectOption('#cp-category', { label: '服务质量' });
  await phone.fill('#cp-summary', '夜班护理员不及时翻身');
  await phone.fill('#cp-phone', '13912345678');
  await phone.click('#cp-file');
  await sees(phone, '个工作日', 'the consequence: the deadline in working days');
  await shot(phone, 'complaint-mine-dialog-phone');
  await phone.locator('dialog.cp-dialog .btn-primary').click();
  await sees(phone, '已登记投诉', 'the complaint filed');
  const card = phone.locator('#cp-mine-list .cp-card').first();
  await card.locator('td', { hasText: '夜班护理员不及时翻身' }).waitFor();
  await card.getByText('13912345678').waitFor();
  const id = Number(await card.getAttribute('data-complaint'));
  expect(id > 0, 'the complaint has an id');
  let sw = await phone.evaluate(() => document.documentElement.scrollWidth);
  expect(sw <= 390, `the family page scrolls sideways on a phone (${sw} px wide)`);
  await shot(phone, 'complaint-mine-zh-phone');

  // the county official: the overdue one in red, the family's answered
  const county = await login(ctx, 'cp_web_county');
  await county.goto(ctx.server.base + `#/complaints?region=${TOWN}`);
  await county.locator(`tr[data-complaint="${late.json.id}"].cp-overdue`).waitFor();
  await county.locator(`tr[data-complaint="${id}"]`).getByText('网上').waitFor();
  let text = await county.locator('main').innerText();
  expect(!text.includes('13912345678'), 'no phone number on the desk list');
  expect(!/\b(?:cp|rv|nav)\.[a-z][A-Za-z_.]*/.test(text), 'no untranslated key');
  expect(!/\b(?:online|fees|received|called_back)\b/.test(text), 'no internal code on the desk');
  await shot(county, 'complaint-desk-zh');
  await county.locator(`tr[data-complaint="${id}"] a`).click();
  await county.locator('button[data-step="assign"]').click();
  await sees(county, '交办给承办单位', 'the consequence of assigning');
  await county.locator('dialog.cp-dialog input').first().fill('巴州区民政局养老服务股');
  await county.locator('dialog.cp-dialog .btn-primary').click();
  await sees(county, '已交办', 'assigned');
  await county.locator('button[data-step="answer"]').click();
  await sees(county, '回访投诉人', 'the consequence of answering');
  await county.locator('dialog.cp-dialog textarea').first().fill('已约谈机构，调整夜班排班');
  await county.locator('dialog.cp-dialog .btn-primary').click();
  await sees(county, '已答复', 'answered');
  await county.locator('main td', { hasText: '13912345678' }).waitFor();
  await shot(county, 'complaint-view-zh');

  // the family rates the answer, is not satisfied and reopens it
  await phone.goto(ctx.server.base + '#/complaints/mine');
  await phone.reload();
  const mine = phone.locator(`.cp-card[data-complaint="${id}"]`);
  await mine.locator('td', { hasText: '已约谈机构，调整夜班排班' }).waitFor();
  await mine.locator('button[data-step="callback"]').click();
  await phone.locator('dialog.cp-dialog select').selectOption({ label: '不满意' });
  await phone.locator('dialog.cp-dialog .btn-primary').click();
  await sees(phone, '已记录回访', 'the rating recorded');
  await phone.locator(`.cp-card[data-complaint="${id}"] button[data-step="reopen"]`).click();
  await sees(phone, '重新计算办理期限', 'the consequence of reopening');
  await phone.locator('dialog.cp-dialog textarea').fill('夜班仍无人翻身');
  await phone.locator('dialog.cp-dialog .btn-primary').click();
  await sees(phone, '已重新交办', 'reopened');
  await phone.locator(`.cp-card[data-complaint="${id}"]`).getByText('重新办理 1 次').waitFor();
  // and reviews the home
  await phone.locator('#rv-target option', { hasText: '投诉测试养老院' }).waitFor({ state: 'attached' });
  await phone.selectOption('#rv-rating', '1');
  await phone.fill('#rv-comment', '夜间照护差');
  await phone.click('#rv-send');
  await sees(phone, '每个对象只能评价一次', 'the consequence of reviewing');
  await phone.locator('dialog.rv-dialog .btn-primary').click();
  await sees(phone, '评价已提交', 'the review sent');
  sw = await phone.evaluate(() => document.documentElement.scrollWidth);
  expect(sw <= 390, `the family page scrolls sideways after reviewing (${sw} px wide)`);
  await shot(phone, 'complaint-mine-reviewed-phone');

  // the operator appeals on the home's page; the official hides it
  const op = await login(ctx, 'cp_web_op');
  await op.goto(ctx.server.base + `#/facilities/${home.json.id}`);
  await op.locator('#rv-average').getByText('评价平均分 1.00（1 条）').waitFor();
  text = await op.locator('#rv-section').innerText();
  expect(!text.includes('cp_web_fam'), 'no reviewer named to the operator');
  await op.locator('#rv-section button[data-act="appeal"]').click();
  await sees(op, '恶意评价申诉', 'the consequence of appealing');
  await op.locator('dialog.rv-dialog textarea').fill('该评价与事实不符');
  await op.locator('dialog.rv-dialog .btn-primary').click();
  await sees(op, '申诉已提交', 'appealed');
  await shot(op, 'review-panel-appealed');
  // the desk lists the review under appeal, linking the home's page
  await county.goto(ctx.server.base + `#/complaints?region=${TOWN}`);
  await county.locator('#rv-appeals').getByText('该评价与事实不符').waitFor();
  await county.locator('#rv-appeals a', { hasText: '投诉测试养老院' }).click();
  await county.locator('#rv-section button[data-act="hide"]').click();
  await sees(county, '不计入平均分', 'the consequence of hiding');
  await county.locator('dialog.rv-dialog textarea').fill('经核实为恶意评价');
  await county.locator('dialog.rv-dialog .btn-primary').click();
  await sees(county, '已作出决定', 'decided');
  await county.locator('#rv-average').getByText('暂无评价').waitFor();
  await shot(county, 'review-panel-hidden');

  // the official records a 12345 complaint through the intake form
  await county.goto(ctx.server.base + `#/complaints?region=${TOWN}`);
  await county.locator('#cp-intake summary').click();
  await county.locator('#cp-facility option', { hasText: '投诉测试养老院' }).waitFor({ state: 'attached' });
  await county.selectOption('#cp-channel', { label: '12345政务服务便民热线' });
  await county.selectOption('#cp-facility', { label: '投诉测试养老院' });
  await county.fill('#cp-summary', '热线反映伙食差');
  await county.fill('#cp-complainant', '郑先生');
  await county.click('#cp-file');
  await sees(county, '个工作日自受理日起计算', 'the consequence of recording');
  await shot(county, 'complaint-intake-dialog');
  await county.locator('dialog.cp-dialog .btn-primary').click();
  await sees(county, '热线反映伙食差', 'the recorded complaint shown');
  await county.locator('main td', { hasText: '郑先生' }).waitFor();

  // the statistics of the township
  await county.goto(ctx.server.base + `#/complaints/stats?region=${TOWN}&from=2025-01-01&to=2026-12-31`);
  const row = county.locator(`#cs-table tr[data-key="${home.json.id}"]`);
  await row.waitFor();
  text = await row.innerText();
  expect(text.includes('投诉测试养老院'), `the home's row: ${text}`);
  await shot(county, 'complaint-stats-zh');
  const small = await ctx.newPage({ width: 390, height: 844 });
  small.on('pageerror', (e) => ctx.errors.push(`county phone: ${e.message}`));
  await small.goto(ctx.server.base + '#/login');
  await signIn(small, 'cp_web_county', PASSWORD, 'attached');
  await small.goto(ctx.server.base + `#/complaints/${id}`);
  await sees(small, '夜班仍无人翻身', 'the complaint on a phone');
  sw = await small.evaluate(() => document.documentElement.scrollWidth);
  expect(sw <= 390, `the complaint page scrolls sideways on a phone (${sw} px wide)`);
  await shot(small, 'complaint-view-zh-phone');
}
