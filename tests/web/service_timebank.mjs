// The time bank page (时间银行, web/js/pages/service_timebank.js) in a
// browser: a township officer sees the volunteers with the elderly share,
// verifies a recorded service through the in-page dialog (the minutes go
// into the account), rejects another only with a reason, gives minutes to
// a registered spouse, and reads the kin's ledger: the minutes trace to
// the service that earned them. A service it records itself it may not
// verify (someone other than who recorded it does). Screenshots at 1366 px and 390 px.
import { people, idNumber, bornAged } from './people.mjs';
import { signIn } from './sign_in.mjs';

const TOWN = '511902729000';
const VILLAGE = '511902729001';

export async function timebankPage(ctx, { login, sees, shot, expect, expectEq, PASSWORD }) {
  const { api } = ctx;
  expectEq((await api('POST', 'regions', { code: TOWN, name: '时间银行镇', level: 'township', parent: '511902000000' })).status, 201, 'township');
  expectEq((await api('POST', 'regions', { code: VILLAGE, name: '互助村', level: 'village', parent: TOWN })).status, 201, 'village');
  expectEq((await api('POST', 'users', { username: 'tb_town', password: PASSWORD, role: 'township_official', region: TOWN })).status, 201, 'user');
  const [spouseBody] = people(VILLAGE, [['老伴李氏', 68]]);
  const spouse = await api('POST', 'persons', spouseBody);
  expectEq(spouse.status, 201, 'the spouse');
  // two volunteers: one aged 66 (elderly), one aged 45
  const vols = [];
  const numbers = [];
  for (const [name, age] of [['张志愿', 66], ['王志愿', 45]]) {
    numbers.push(idNumber('511902', bornAged(age)));
    const r = await api('POST', 'timebank/volunteers', { name, region: VILLAGE, id_number: numbers.at(-1), team: '银龄互助队', registered_on: '2024-01-01', phone: '13700001111' });
    expectEq(r.status, 201, `volunteer ${name}`);
    vols.push(r.json);
  }
  expectEq((await api('POST', `timebank/volunteers/${vols[0].id}/kin`, { person_id: spouse.json.id, relation: 'spouse' })).status, 201, 'kin');
  const s1 = await api('POST', 'timebank/services', { volunteer_id: vols[0].id, item: 'escort', started_at: '2025-05-06T09:00', finished_at: '2025-05-06T11:30' });
  const s2 = await api('POST', 'timebank/services', { volunteer_id: vols[0].id, item: 'comfort', started_at: '2025-05-07T15:00', finished_at: '2025-05-07T16:00' });
  expectEq(s1.status, 201, 'a service');
  expectEq(s2.status, 201, 'another service');

  const page = await login(ctx, 'tb_town');
  await page.goto(ctx.server.base + '#/timebank');
  await sees(page, '张志愿', 'the volunteers listed');
  await sees(page, '在册志愿者 2 人', 'the registered count');
  await sees(page, '老年志愿者占比 50.00%（保留两位小数，四舍五入）', 'the elderly share: one of two, its rounding said beside it');
  const text = await page.locator('#tb-volunteers').innerText();
  expect(!text.includes(numbers[0]) && !text.includes(numbers[0].slice(6, 14)), 'the ID number is shown masked');
  expect(!text.includes('13700001111'), 'no phone number in clear');
  await shot(page, 'timebank-volunteers');

  // verify the first service through the dialog
  await page.goto(ctx.server.base + '#/timebank?tab=services');
  const row1 = page.locator(`tr[data-service="${s1.json.id}"]`);
  await row1.waitFor();
  await sees(page, '陪同就医', 'the item by its name');
  await row1.locator('button[data-act="verify"]').click();
  await sees(page, '只存一次', 'the consequence of verifying');
  await page.locator('dialog.tb-dialog .btn-primary').click();
  await page.locator('#tb-msg').getByText('已核实').waitFor();
  // reject the second: the reason is required
  const row2 = page.locator(`tr[data-service="${s2.json.id}"]`);
  await row2.locator('button[data-act="reject"]').click();
  await page.locator('dialog.tb-dialog .btn-primary').click();
  await sees(page, '请填写', 'a rejection without a reason is refused in the dialog');
  await page.locator('dialog.tb-dialog textarea').fill('服务对象未签字确认');
  await page.locator('dialog.tb-dialog .btn-primary').click();
  await page.locator('#tb-msg').getByText('已驳回').waitFor();
  const vol = await api('GET', `timebank/volunteers/${vols[0].id}`);
  expectEq(vol.json.balance_minutes, 150, 'only the verified service deposited (2 h 30 min)');

  // four eyes: a service the officer records on the page is not verified
  // by the same officer; the page says why, and nothing is deposited
  await page.goto(ctx.server.base + '#/timebank?tab=services');
  await page.locator('#tb-record').waitFor();
  await page.selectOption('#tb-rec-volunteer', String(vols[1].id));
  await page.fill('#tb-rec-start', '2025-05-08T09:00');
  await page.fill('#tb-rec-end', '2025-05-08T10:00');
  await page.locator('#tb-record').click();
  await page.locator('#tb-msg').getByText('已记录').waitFor();
  const own = (await api('GET', `timebank/services?volunteer_id=${vols[1].id}`)).json.services[0];
  expectEq(own.status, 'recorded', 'the officer recorded a service');
  await page.locator(`tr[data-service="${own.id}"] button[data-act="verify"]`).click();
  await page.locator('dialog.tb-dialog .btn-primary').click();
  await sees(page, '记录人以外的人员核实', 'the officer may not verify its own record');
  expectEq((await api('GET', `timebank/volunteers/${vols[1].id}`)).json.balance_minutes, 0, 'nothing deposited');

  // give 40 minutes to the spouse
  await page.goto(ctx.server.base + '#/timebank');
  await page.locator(`button[data-kin="${vols[0].id}"]`).click();
  await page.locator('.tb-transfer-minutes').fill('40');
  await page.locator('.tb-transfer-minutes').press('Enter');
  await sees(page, '不能撤回', 'the consequence of a transfer');
  await page.locator('dialog.tb-dialog .btn-primary').click();
  await page.locator('#tb-msg').getByText('已转赠').waitFor();

  // the spouse's ledger traces the minutes to the escort service
  await page.goto(ctx.server.base + '#/timebank?tab=accounts');
  const acc = await api('GET', `timebank/accounts?region=${TOWN}`);
  const kinAcc = acc.json.accounts.find((a) => a.person_id === spouse.json.id);
  expect(!!kinAcc, 'the spouse has an account');
  await page.locator(`button[data-ledger="${kinAcc.id}"]`).click();
  await sees(page, '亲属转入', 'the transfer in the ledger');
  await sees(page, '40 分钟 · 来自 张志愿 · 陪同就医', 'the minutes traced to the service');
  await shot(page, 'timebank-ledger');

  // on a phone: no sideways scrolling
  const phone = await ctx.newPage({ width: 390, height: 844 });
  phone.on('pageerror', (e) => ctx.errors.push(`phone: ${e.message}`));
  await phone.goto(ctx.server.base + '#/login');
  await signIn(phone, 'tb_town', PASSWORD, 'attached');
  await phone.goto(ctx.server.base + '#/timebank');
  await phone.locator('#tb-volunteers').waitFor();
  const sw = await phone.evaluate(() => document.documentElement.scrollWidth);
  expect(sw <= 390, `the page scrolls sideways on a phone (${sw} px wide)`);
  await shot(phone, 'timebank-phone');

  // in English: the page's own words, the rounding beside the share, no key
  const en = await login(ctx, 'tb_town', 'en');
  await en.goto(ctx.server.base + '#/timebank');
  await sees(en, 'Elderly share 50.00% (two decimals, rounded half up)', 'the share in English');
  const entext = await en.locator('main').innerText();
  expect(!/\b(?:svc|tb|bed|gd|nav|common)\.[a-z][A-Za-z_.]*/.test(entext), 'no untranslated key (en)');
  await shot(en, 'timebank-en');
}
