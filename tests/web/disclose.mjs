// The public disclosure (web/js/pages/disclose_public.js) without a login,
// at 390 px and 1366 px: reached from the login page's link and from the
// public search, a township chosen, each section shows what the test put
// there (a grade in force, a childcare institution's filing, a published
// plan's seed); nothing shaped like an ID or mobile number although a
// person with both lives in a facility there; no internal code.
// The closures pages (web/js/pages/closure_cases.js): a county official
// sees the case with one resident unplaced and the close button disabled
// with the reason, sets the destination in the in-page dialog, then
// closes through a dialog that states the consequence.
import { people } from './people.mjs';
import { signIn } from './sign_in.mjs';

const ENYANG = '511903000000';
const TOWN = '511903781000';
const ID_LIKE = /(?<!\d)\d{17}[\dXx](?!\d)/;
const PHONE_LIKE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

// the world both tests use, made once a server (tests share one)
const worlds = new Map();

async function world(ctx, expectEq) {
  const { api } = ctx;
  if (worlds.has(ctx.server)) return worlds.get(ctx.server);
  expectEq((await api('POST', 'regions', { code: TOWN, name: '公示网页镇', level: 'township', parent: ENYANG })).status, 201, 'township');
  const base = { region: TOWN, ownership: 'public', operation: 'public_run', profit: 'nonprofit', opened_on: '2020-01-01', filing_status: 'filed', filing_date: '2020-02-01', credit_commitment: '承诺守法诚信经营。', capacity_date: '2025-01-01' };
  const home = await api('POST', 'facilities', { ...base, name: '公示网页养老院', kind: 'elderly_institution', beds: 60, nursing_beds: 30, occupied_beds: 10 });
  expectEq(home.status, 201, 'the home');
  const other = await api('POST', 'facilities', { ...base, name: '公示网页接收院', kind: 'elderly_institution', beds: 60, nursing_beds: 30, occupied_beds: 10 });
  expectEq(other.status, 201, 'the receiving home');
  const closing = await api('POST', 'facilities', { ...base, name: '公示网页退出院', kind: 'elderly_institution', beds: 20, nursing_beds: 10, occupied_beds: 1 });
  expectEq(closing.status, 201, 'the closing home');
  const nursery = await api('POST', 'facilities', { ...base, name: '公示网页托育园', kind: 'childcare_institution', ownership: 'private', operation: 'private_run', filing_status: 'pending', filing_date: null, slots: 10, affordable_slots: 0, enrolled: 0, classes: [{ type: 'toddler_small', capacity: 10, enrolled: 0 }] });
  expectEq(nursery.status, 201, 'the nursery');
  expectEq((await api('POST', `facilities/${home.json.id}/ratings`, { scheme: 'national_grade', level: 4, rated_on: '2025-01-01', valid_until: '2099-12-31' })).status, 201, 'the grade');
  const [p] = people(TOWN, [['公示网页老人', 81]]);
  p.phone = '13912345678';
  p.residence = 'institution';
  p.facility_id = closing.json.id;
  const person = await api('POST', 'persons', p);
  expectEq(person.status, 201, 'the resident');
  const c = await api('POST', 'closures', { facility_id: closing.json.id, reason: 'voluntary', planned_on: '2099-01-01' });
  expectEq(c.status, 201, 'the case');
  expectEq((await api('POST', 'users', { username: 'dis_web_county', password: ctx.PASSWORD, role: 'county_official', region: ENYANG })).status, 201, 'county official');
  const w = { home, other, closing, nursery, person: person.json, idNumber: p.id_number, caseId: c.json.id };
  worlds.set(ctx.server, w);
  return w;
}

export async function disclosePublic(ctx, { sees, shot, expect, expectEq, PASSWORD }) {
  ctx.PASSWORD = PASSWORD;
  const w = await world(ctx, expectEq);
  for (const width of [390, 1366]) {
    const page = await ctx.newPage({ width, height: width === 390 ? 844 : 768 });
    page.on('pageerror', (e) => ctx.errors.push(`disclose: ${e.message}`));
    await page.goto(ctx.server.base + '#/login');
    await page.click('#login-disclose');
    await sees(page, '养老托育机构信息公示', 'the public page from the login page');
    expect(!(await page.locator('.nav-list').count()), 'no staff shell');
    await page.locator(`#dis-region option[value="${TOWN}"]`).waitFor({ state: 'attached' });
    await page.selectOption('#dis-region', TOWN);
    await page.click('#dis-show');
    await page.locator('#dis-ratings').getByText('公示网页养老院').waitFor();
    const text = await page.locator('main').innerText();
    expect(text.includes('四级（等级）'), `the grade shown (${text.slice(0, 300)})`);
    expect(text.includes('公示网页托育园') && text.includes('备案中'), 'the nursery and its filing');
    expect(text.includes('承诺守法诚信经营'), 'the commitment');
    expect(text.includes('暂无列入黑名单的机构'), 'an empty black list said so');
    expect(!ID_LIKE.test(text) && !PHONE_LIKE.test(text), 'no ID or mobile number on the page');
    expect(!text.includes(w.idNumber) && !text.includes('公示网页老人'), 'no person on the page');
    expect(!/elderly_institution|childcare_institution|national_grade|pending\b/.test(text), 'no internal code');
    expect(!/\b(?:dis|cl|nav)\.[a-z][A-Za-z_.]*/.test(text), 'no untranslated key');
    const sw = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(sw <= width, `the page scrolls sideways at ${width} px (${sw})`);
    await page.click('#dis-find');
    await sees(page, '找床位 · 找托位', 'the place search from the disclosure');
    await page.click('#find-disclose');
    await sees(page, '养老托育机构信息公示', 'back from the place search');
    await page.goto(ctx.server.base + `#/disclose?region=${TOWN}`);
    await page.locator('#dis-ratings').getByText('公示网页养老院').waitFor();
    await shot(page, `disclose-${width}`);
  }
}

export async function closurePages(ctx, { login, sees, shot, expect, expectEq, PASSWORD }) {
  ctx.PASSWORD = PASSWORD;
  const w = await world(ctx, expectEq);
  const page = await login(ctx, 'dis_web_county');
  await page.goto(ctx.server.base + `#/closures?region=${ENYANG}`);
  await page.locator(`tr[data-case="${w.caseId}"]`).getByText('公示网页退出院').waitFor();
  await shot(page, 'closures-list');
  await page.locator(`tr[data-case="${w.caseId}"] a`).click();
  await page.locator(`tr[data-person="${w.person.id}"]`).waitFor();
  expect(await page.locator('#cl-close').isDisabled(), 'close disabled while one is unplaced');
  await sees(page, '尚有 1 人没有去向，不能办结', 'the reason beside the button');
  const text = await page.locator('main').innerText();
  expect(text.includes(`${w.idNumber.slice(0, 6)}********${w.idNumber.slice(-4)}`), 'the masked ID number');
  await shot(page, 'closure-case-unplaced');
  await page.locator(`tr[data-person="${w.person.id}"] .cl-set`).click();
  await sees(page, '办结时按此迁移其档案', 'the dialog says what setting does');
  const dlg = page.locator('dialog');
  await dlg.locator('select').first().selectOption('institution');
  await dlg.locator('select').nth(1).locator(`option[value="${w.other.json.id}"]`).waitFor({ state: 'attached' });
  await dlg.locator('select').nth(1).selectOption(String(w.other.json.id));
  await dlg.locator('.btn-primary').click();
  await page.locator(`tr[data-person="${w.person.id}"]`).getByText('公示网页接收院').waitFor();
  expect(!(await page.locator('#cl-close').isDisabled()), 'close enabled once everyone is placed');
  await page.click('#cl-close');
  await sees(page, '此操作不可撤回', 'the consequence of closing');
  await page.locator('dialog .btn-primary').click();
  await sees(page, '已办结，机构已关闭，人员已迁移', 'closed');
  await page.locator('#cl-status-text').getByText('已退出').waitFor();
  await shot(page, 'closure-case-closed');
  const phone = await ctx.newPage({ width: 390, height: 844 });
  phone.on('pageerror', (e) => ctx.errors.push(`closures phone: ${e.message}`));
  await phone.goto(ctx.server.base + '#/login');
  await signIn(phone, 'dis_web_county', PASSWORD, 'attached');
  await phone.goto(ctx.server.base + `#/closures/${w.caseId}`);
  await phone.locator('#cl-status-text').getByText('已退出').waitFor();
  const sw = await phone.evaluate(() => document.documentElement.scrollWidth);
  expect(sw <= 390, `the case page scrolls sideways at 390 px (${sw})`);
  await shot(phone, 'closure-case-phone');
}
