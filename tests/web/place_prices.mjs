// 床位与托位 and 收费标准 (web/js/pages/place_vacancy.js, place_prices.js,
// place_price_panel.js) in a browser. A childcare operator posts an
// affordable 乳儿班 price one fen above 景德镇's cap (004 第284行: 2,200 yuan)
// on its facility's page, asked in an in-page dialog that says a posted
// price is never changed, and sees it marked 超出限价 0.01 元; the county
// official finds it among the region's flagged prices, and reads the
// vacancy of the township on a day: 40 of 100 beds occupied (40.00%),
// 60.00% affordable. Screenshots at 1366 px and 390 px.
import { signIn } from './sign_in.mjs';

const CHANGJIANG = '360202000000';
const TOWN = '360202739000';

export async function placePrices(ctx, { login, sees, shot, expect, expectEq, PASSWORD }) {
  const { api } = ctx;
  expectEq((await api('POST', 'regions', { code: TOWN, name: '收费测试镇', level: 'township', parent: CHANGJIANG })).status, 201, 'township');
  const nursery = await api('POST', 'facilities', {
    name: '昌江收费测试托育园', kind: 'childcare_institution', region: TOWN, ownership: 'private', operation: 'private_run', profit: 'nonprofit',
    opened_on: '2020-01-01', capacity_date: '2020-01-01', slots: 30, affordable_slots: 20, enrolled: 22,
    classes: [{ type: 'infant', capacity: 8, enrolled: 6 }, { type: 'toddler_small', capacity: 10, enrolled: 8 }, { type: 'toddler_large', capacity: 12, enrolled: 8 }],
  });
  expectEq(nursery.status, 201, 'the nursery');
  const home = await api('POST', 'facilities', {
    name: '昌江收费测试养老院', kind: 'elderly_institution', region: TOWN, ownership: 'public', operation: 'public_run', profit: 'nonprofit',
    opened_on: '2020-01-01', capacity_date: '2020-01-01', beds: 100, occupied_beds: 40, affordable_beds: 60,
  });
  expectEq(home.status, 201, 'the home');
  expectEq((await api('POST', 'users', { username: 'price_web_op', password: PASSWORD, role: 'operator', region: CHANGJIANG, facilities: [nursery.json.id] })).status, 201, 'operator');
  expectEq((await api('POST', 'users', { username: 'price_web_county', password: PASSWORD, role: 'county_official', region: CHANGJIANG })).status, 201, 'county official');

  // the operator posts a price a fen over the cap
  const op = await login(ctx, 'price_web_op');
  await op.goto(ctx.server.base + `#/facilities/${nursery.json.id}`);
  await sees(op, '登记收费', 'the price form');
  await op.selectOption('#pp-code', 'infant');
  await op.selectOption('#pp-mode', 'full_day');
  await op.fill('#pp-amount', '2200.01');
  await op.check('#pp-affordable');
  await op.fill('#pp-from', '2024-01-01');
  await op.fill('#pp-basis', '景发改价〔2023〕1号');
  await op.click('#pp-save');
  await sees(op, '已登记的收费不能修改', 'the consequence of posting');
  await op.locator('dialog.pp-dialog .btn-primary').click();
  await sees(op, '已登记。', 'posted');
  await op.locator('#pp-in-force').getByText('超出限价 0.01 元').waitFor();
  const posted = (await api('GET', `facilities/${nursery.json.id}/prices`, undefined)).json;
  expectEq(posted.history.length, 1, 'one price in the history');
  expectEq(posted.history[0].amount_fen, 220001, 'the price in fen');
  const optext = await op.locator('main').innerText();
  expect(!/\b(?:pp|pv|nav)\.[a-z][A-Za-z_.]*/.test(optext), 'no untranslated key');
  expect(!optext.includes('full_day') && !optext.includes('infant') && !optext.includes('childcare_institution'), 'no internal code on the page');
  await shot(op, 'place-price-panel-zh');

  // the county official: the flagged prices and the vacancy
  const county = await login(ctx, 'price_web_county');
  await county.goto(ctx.server.base + `#/places/prices?region=${TOWN}&as_of=2024-06-01&flagged=1`);
  await county.locator('#pp-table').getByText('昌江收费测试托育园').waitFor();
  await sees(county, '超出限价 0.01 元（限价 2200 元）', 'the flag with the cap');
  await sees(county, '需关注 1 项', 'one flagged');
  await shot(county, 'place-prices-zh');
  await county.goto(ctx.server.base + `#/places/vacancy?region=${TOWN}&as_of=2024-06-01`);
  await county.locator('#pv-occupancy').getByText('40.00%').waitFor();
  expectEq(await county.locator('#pv-vacancy').innerText(), '60.00%', 'the vacancy rate');
  expectEq(await county.locator('#pv-affordable-beds').innerText(), '60.00%', 'the affordable share of beds');
  expectEq(await county.locator('#pv-affordable-places').innerText(), '66.67%', 'the affordable share of places (20 / 30)');
  await sees(county, '乳儿班：8 个，在托 6，空余 2', 'the class types');
  const vtext = await county.locator('main').innerText();
  expect(!/\b(?:pp|pv|nav)\.[a-z][A-Za-z_.]*/.test(vtext), 'no untranslated key (vacancy)');
  expect(!vtext.includes('elderly_institution') && !vtext.includes('toddler_small'), 'no internal code on the vacancy page');
  await shot(county, 'place-vacancy-zh');

  // the staffing plan's childcare part: 6 infants at 1:3 need 2 carers,
  // 8 at 1:5 and 8 at 1:7 need 2 each
  await county.goto(ctx.server.base + `#/planning?region=${TOWN}&tab=staffing`);
  await sees(county, '托育机构保育人员', 'the childcare staffing');
  const srow = await county.locator(`#ps-childcare tr[data-id="${nursery.json.id}"]`).innerText();
  expect(srow.includes('乳儿班 6（需 2 人，1:3）') && srow.includes('托小班 8（需 2 人，1:5）') && srow.includes('托大班 8（需 2 人，1:7）'), `carers per class (${srow})`);
  expect(/\b6\b/.test(srow) && srow.includes('不要求'), `six carers, no health worker (${srow})`);
  await shot(county, 'place-staffing-zh');

  // a phone: nothing scrolls sideways
  const phone = await ctx.newPage({ width: 390, height: 844 });
  phone.on('pageerror', (e) => ctx.errors.push(`phone: ${e.message}`));
  await phone.goto(ctx.server.base + '#/login');
  await signIn(phone, 'price_web_county', PASSWORD, 'attached');
  for (const [path, name] of [[`#/places/vacancy?region=${TOWN}&as_of=2024-06-01`, 'place-vacancy-zh-phone'], [`#/places/prices?region=${TOWN}&as_of=2024-06-01`, 'place-prices-zh-phone'], [`#/facilities/${nursery.json.id}`, 'place-price-panel-zh-phone']]) {
    await phone.goto(ctx.server.base + path);
    await phone.waitForTimeout(700);
    const sw = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(sw <= 390, `${path} scrolls sideways on a phone (${sw} px wide)`);
    await shot(phone, name);
  }
}
