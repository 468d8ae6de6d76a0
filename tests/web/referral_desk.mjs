// The referral desk (转介办理, web/js/pages/referral_desk.js) in a browser: a
// need raised for an old person of a village goes to the health department,
// whose official accepts, handles and feeds it back through the in-page
// dialogs (the feedback cannot be left empty); the township officer sees no
// way to close it before the feedback and closes it after. Screenshots at
// 1366 px and at 390 px (a phone).
import { people } from './people.mjs';
import { signIn } from './sign_in.mjs';

const TOWN = '511902708000';
const VILLAGE = '511902708001';

// helpers: {login, sees, shot, expect, expectEq, PASSWORD} from run.mjs
export async function referralDesk(ctx, { login, sees, shot, expect, expectEq, PASSWORD }) {
  const { api } = ctx;
  expectEq((await api('POST', 'regions', { code: TOWN, name: '测试转介镇', level: 'township', parent: '511902000000' })).status, 201, 'township');
  expectEq((await api('POST', 'regions', { code: VILLAGE, name: '测试转介村', level: 'village', parent: TOWN })).status, 201, 'village');
  const [body] = people(VILLAGE, [['转介老人', 83]]);
  const person = await api('POST', 'persons', body);
  expectEq(person.status, 201, 'the person');
  for (const [username, role, region] of [
    ['desk_dept', 'dept_official', '511902000000'],
    ['desk_town', 'township_official', TOWN],
  ]) {
    expectEq((await api('POST', 'users', { username, password: PASSWORD, role, region })).status, 201, `user ${username}`);
  }
  const raised = await api('POST', 'referrals', { person_id: person.json.id, need: 'medical', severity: 'urgent', detail: '血压偏高，需复诊' });
  expectEq(raised.status, 201, 'the referral');
  const id = raised.json.id;
  const row = (page) => page.locator(`tr[data-referral="${id}"]`);
  const dialog = (page) => page.locator('dialog.referral-dialog');
  // the page's message after a step (the status filter names the statuses too)
  const said = async (page, text, what) => {
    try {
      await page.locator('#ref-msg').getByText(text).waitFor({ timeout: 5000 });
    } catch {
      expect(false, `${what}: "${text}" not said`);
    }
  };

  // the department receives it
  const dept = await login(ctx, 'desk_dept');
  await dept.goto(ctx.server.base + '#/referrals');
  await sees(dept, '转介老人', 'the referral on the department official\'s desk');
  await sees(dept, '卫生健康部门', 'its receiver');
  await row(dept).locator('button[data-step="accept"]').click();
  await sees(dept, '由你方负责办理', 'the consequence of accepting, in the dialog');
  await dialog(dept).locator('.btn-primary').click();
  await row(dept).locator('button[data-step="handle"]').waitFor();
  await row(dept).locator('button[data-step="handle"]').click();
  await dialog(dept).locator('.btn-primary').click();
  await row(dept).locator('button[data-step="feedback"]').waitFor();

  // the township cannot close it yet: it is not fed back
  const town = await login(ctx, 'desk_town');
  await town.goto(ctx.server.base + '#/referrals');
  await sees(town, '转介老人', 'the referral on the township desk');
  await sees(town, '须待承办方反馈后方可办结', 'why it cannot be closed yet');
  expectEq(await row(town).locator('button[data-step="close"]').count(), 0, 'no close button before the feedback');
  await shot(town, 'referral-desk-before-feedback');

  // the feedback is required in the dialog
  await row(dept).locator('button[data-step="feedback"]').click();
  await dialog(dept).locator('.btn-primary').click();
  await sees(dept, '请填写', 'an empty feedback is refused in the dialog');
  await dialog(dept).locator('textarea').fill('已到乡镇卫生院复诊，血压平稳');
  await dialog(dept).locator('.btn-primary').click();
  await said(dept, '已反馈', 'the feedback recorded');
  expectEq((await api('GET', `referrals/${id}`)).json.status, 'fed_back', 'the status after the feedback');

  // now the township closes it, on a phone
  const phone = await ctx.newPage({ width: 390, height: 844 });
  phone.on('pageerror', (e) => ctx.errors.push(`phone: ${e.message}`));
  await phone.goto(ctx.server.base + '#/login');
  await signIn(phone, 'desk_town', PASSWORD, 'attached');
  await phone.goto(ctx.server.base + '#/referrals');
  await row(phone).locator('button[data-step="close"]').waitFor();
  const sw = await phone.evaluate(() => document.documentElement.scrollWidth);
  expect(sw <= 390, `the desk scrolls sideways on a phone (${sw} px wide)`);
  await shot(phone, 'referral-desk-zh-phone');
  await row(phone).locator('button[data-step="close"]').click();
  await sees(phone, '闭环完成', 'the consequence of closing');
  await dialog(phone).locator('.btn-primary').click();
  await said(phone, '已办结', 'closed');
  const closed = (await api('GET', `referrals/${id}`)).json;
  expectEq(closed.status, 'closed', 'the status after closing');
  expectEq(closed.steps.map((s) => s.step).join(','), 'assigned,accepted,handled,fed_back,closed', 'every step recorded');
  expectEq(closed.steps[3].note, '已到乡镇卫生院复诊，血压平稳', 'the feedback kept');
  await town.goto(ctx.server.base + '#/referrals?status=all');
  await row(town).locator('button', { hasText: '办理经过' }).click();
  await sees(town, '已到乡镇卫生院复诊', 'the history shows the feedback');
  await shot(town, 'referral-desk-zh');

  // in English: its own words, no key left untranslated, no code for a role
  const en = await login(ctx, 'desk_town', 'en');
  await en.goto(ctx.server.base + '#/referrals?status=all');
  await row(en).waitFor();
  await sees(en, 'Referred to', 'the English desk');
  const text = await en.locator('body').innerText();
  const key = /\b(?:ref|nav|role)\.[a-z][A-Za-z_.]*/.exec(text);
  expect(!key, `an untranslated key "${key && key[0]}"`);
  expect(!text.includes('township_official') && !text.includes('fed_back'), 'no internal code on the page');
  await shot(en, 'referral-desk-en');
}
