// The people registry in a browser (web/js/pages/people.js, person_form.js):
// a county official adds a person from the web (every field error shown at
// once, the ID number's check character refused, then saved), finds them
// by the full ID number and by a masked form, sees 已故 on a deceased
// person; on a 390 px phone the list folds into cards (no header row, no
// sideways scroll). ID numbers are made here with the GB 11643 check.
import { withCheck } from './export.mjs';
import { signIn } from './sign_in.mjs';

const BAZHOU = '511902000000';
const TOWN = '511902797000';

export async function peopleRegistry(ctx, { login, sees, shot, expect, expectEq, PASSWORD }) {
  const { api } = ctx;
  expectEq((await api('POST', 'regions', { code: TOWN, name: '人员网页镇', level: 'township', parent: BAZHOU })).status, 201, 'township');
  expectEq((await api('POST', 'users', { username: 'reg_web_county', password: PASSWORD, role: 'county_official', region: BAZHOU })).status, 201, 'county official');
  const dead = await api('POST', 'persons', { kind: 'elderly', id_number: withCheck('51190219380405' + '211'), name: '已故网页老人', region: TOWN, deceased_on: '2026-01-02' });
  expectEq(dead.status, 201, `deceased person: ${JSON.stringify(dead.json)}`);
  for (let i = 0; i < 3; i++) {
    const r = await api('POST', 'persons', { kind: 'elderly', id_number: withCheck(`5119021945061${i}` + '33' + String(i)), name: `网页卡片老人${i}`, region: TOWN, address: `卡片路 ${i} 号` });
    expectEq(r.status, 201, `person ${i}`);
  }

  const page = await login(ctx, 'reg_web_county');
  await page.goto(ctx.server.base + `#/people?region=${TOWN}`);
  await sees(page, '已故网页老人', 'the list');
  expectEq(await page.locator(`tr[data-person="${dead.json.id}"] [data-flag=deceased]`).count(), 1, '已故 on the deceased row');
  expectEq(await page.locator('[data-action=export-xlsx]').count(), 1, '导出Excel on the people list');

  // add from the web: errors of every field at once
  await page.goto(ctx.server.base + '#/people/new');
  const idn = withCheck('51190219500607' + '452');
  const wrong = idn.slice(0, 17) + (idn[17] === '7' ? '3' : '7');
  await page.locator('[data-field=id_number]').fill(wrong);
  await page.locator('.person-form button[type=submit]').click();
  await sees(page, '身份证号码不正确', 'the check character refused');
  const errs = await page.locator('.field-error').allInnerTexts();
  expect(errs.filter((e) => e.trim()).length >= 2, `every field's error at once (${JSON.stringify(errs)})`);
  await shot(page, 'people-registry-form-errors-zh');
  await page.locator('[data-field=id_number]').fill(idn);
  await page.locator('[data-field=name]').fill('网页新登记老人');
  await page.locator('.person-form select.region-select').selectOption(TOWN).catch(async () => {
    // a county official's picker lists the county first: pick the township by search
    await page.locator('.person-form .region-search').fill('人员网页镇');
    await page.locator('.person-form .region-results li').first().click();
  });
  await page.locator('[data-field=address]').fill('网页路 1 号');
  await page.locator('.person-form button[type=submit]').click();
  await sees(page, '已登记 网页新登记老人', 'saved');
  await page.waitForFunction(() => /#\/people\/\d+$/.test(location.hash));
  const text = await page.locator('main').innerText();
  expect(text.includes(idn) || text.includes(idn.slice(0, 6)), 'the new person page shows the number');
  await shot(page, 'people-registry-created-zh');

  // edit: a date of death; only what changed is sent, and 已故 shows
  const personHash = await page.evaluate(() => location.hash);
  await page.click(`a[href="${personHash}/edit"]`);
  await page.locator('[data-field=deceased_on]').waitFor();
  const died = new Date(Date.now() - 5 * 86400000).toISOString().slice(0, 10);
  await page.locator('[data-field=deceased_on]').fill(died);
  await page.locator('.person-form button[type=submit]').click();
  await sees(page, '已保存 网页新登记老人 的信息', 'the edit saved');
  await page.locator('h1 [data-flag=deceased]').waitFor();
  const saved = await api('GET', `persons/${personHash.match(/\d+$/)[0]}`);
  expectEq(saved.json.deceased_on, died, 'the date of death stored');
  expectEq(saved.json.address, '网页路 1 号', 'the address left as it was');

  // search by the full number: exactly that person
  await page.goto(ctx.server.base + `#/people?idn=${idn}`);
  await sees(page, '网页新登记老人', 'found by the full number');
  expectEq(await page.locator('table.people-table tbody tr').count(), 1, 'exactly one row for the full number');
  // by a masked form with fewer asterisks
  await page.goto(ctx.server.base + `#/people?idn=${encodeURIComponent(idn.slice(0, 6) + '****' + idn.slice(-4))}`);
  await sees(page, '网页新登记老人', 'found by the masked form');
  expectEq(await page.locator('table.people-table tbody tr').count(), 1, 'exactly one row for the masked form');
  await shot(page, 'people-registry-search-zh');

  // the form in English, no key left untranslated
  const en = await login(ctx, 'reg_web_county', 'en');
  await en.goto(ctx.server.base + '#/people/new');
  await sees(en, 'Add a person', 'the form in English');
  await en.locator('.person-form button[type=submit]').click();
  await sees(en, 'Required', 'the errors in English');
  const body = await en.locator('main').innerText();
  expect(!/\bpeople\.[a-zA-Z]+/.test(body), 'no untranslated key on the form');
  await shot(en, 'people-registry-form-en');

  // the phone: cards, no sideways scroll
  const phone = await ctx.newPage({ width: 390, height: 844 });
  phone.on('pageerror', (e) => ctx.errors.push(`phone: ${e.message}`));
  await phone.goto(ctx.server.base + '#/login');
  await signIn(phone, 'reg_web_county', PASSWORD, 'attached');
  await phone.goto(ctx.server.base + `#/people?region=${TOWN}`);
  await sees(phone, '网页卡片老人1', 'the list on a phone');
  const sw = await phone.evaluate(() => document.documentElement.scrollWidth);
  expect(sw <= 390, `the people list scrolls sideways on a phone (${sw} px)`);
  expectEq(await phone.evaluate(() => getComputedStyle(document.querySelector('table.people-table thead')).display), 'none', 'no header row on a phone');
  expectEq(await phone.evaluate(() => getComputedStyle(document.querySelector('table.people-table tbody tr')).display), 'block', 'each person a card');
  const label = await phone.evaluate(() => getComputedStyle(document.querySelector('table.people-table tbody td.mono'), '::before').content);
  expect(label.includes('身份证号码'), `each value labelled (${label})`);
  await shot(phone, 'people-registry-cards-phone');
}
