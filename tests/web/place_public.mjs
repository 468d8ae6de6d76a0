// 找床位 · 找托位 (web/js/pages/place_find.js) on a phone, without logging
// in: the link on the login page opens it; choosing 养老床位 and a township
// lists the filed, open homes with room first as cards (vacancy, price,
// 普惠, grade, 已备案, address, how to apply); 托位 with an infant's age
// shows the class's places. The page carries nothing shaped like an ID or
// a mobile number although a person with both lives in the township, and
// no internal code. Screenshots at 390 px.
import { people } from './people.mjs';

const BAZHOU = '511902000000';
const TOWN = '511902771000';
const VILLAGE = '511902771201';
const ID_LIKE = /(?<!\d)\d{17}[\dXx](?!\d)/;
const PHONE_LIKE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

// Prices go through the facility's prices route, as an official posts them.
async function addPrice(api, fid, kind, code, mode, fen, affordable) {
  const body = { kind, code, amount_yuan: `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`, affordable: !!affordable, effective_date: '2025-01-01', basis: '物价备案' };
  if (mode) body.mode = mode;
  const r = await api('POST', `facilities/${fid}/prices`, body);
  if (r.status !== 201) throw new Error(`price ${kind} ${code}: ${r.status}`);
}

export async function placePublic(ctx, { sees, shot, expect, expectEq }) {
  const { api } = ctx;
  expectEq((await api('POST', 'regions', { code: TOWN, name: '找床位测试镇', level: 'township', parent: BAZHOU })).status, 201, 'township');
  expectEq((await api('POST', 'regions', { code: VILLAGE, name: '找床位测试村', level: 'village', parent: TOWN })).status, 201, 'village');
  const base = { region: TOWN, ownership: 'public', operation: 'public_run', profit: 'nonprofit', opened_on: '2020-01-01', filing_status: 'filed', filing_date: '2020-02-01', credit_commitment: '承诺信息真实。', capacity_date: '2025-01-01' };
  const home = await api('POST', 'facilities', { ...base, name: '找床位阳光养老院', kind: 'elderly_institution', address: '找床位测试镇幸福路 8 号', lat: 31.86, lon: 106.76, beds: 60, nursing_beds: 30, occupied_beds: 48 });
  expectEq(home.status, 201, 'the home');
  const full = await api('POST', 'facilities', { ...base, name: '找床位满员养老院', kind: 'elderly_institution', lat: 31.87, lon: 106.76, beds: 20, nursing_beds: 10, occupied_beds: 20 });
  expectEq(full.status, 201, 'the full home');
  const nursery = await api('POST', 'facilities', {
    ...base, name: '找床位小树苗托育园', kind: 'childcare_institution', ownership: 'private', operation: 'private_run', lat: 31.865, lon: 106.765,
    slots: 30, affordable_slots: 20, enrolled: 25,
    classes: [{ type: 'infant', capacity: 8, enrolled: 8 }, { type: 'toddler_small', capacity: 10, enrolled: 7 }, { type: 'toddler_large', capacity: 12, enrolled: 10 }],
  });
  expectEq(nursery.status, 201, 'the nursery');
  await addPrice(api, home.json.id, 'bed', 'standard', '', 180000, 1);
  await addPrice(api, home.json.id, 'care', 'disabled', '', 350000, 0);
  await addPrice(api, nursery.json.id, 'class', 'toddler_small', 'full_day', 160000, 1);
  expectEq((await api('POST', `facilities/${home.json.id}/ratings`, { scheme: 'national_grade', level: 3, rated_on: '2025-01-01', valid_until: '2099-12-31' })).status, 201, 'the grade');
  // a person with an ID number and a phone lives in the township
  const [body] = people(VILLAGE, [['找床位老人', 82]]);
  body.phone = '13912345678';
  expectEq((await api('POST', 'persons', body)).status, 201, 'the person');

  const page = await ctx.newPage({ width: 390, height: 844 });
  page.on('pageerror', (e) => ctx.errors.push(`find: ${e.message}`));
  await page.goto(ctx.server.base + '#/login');
  await page.click('#login-find');
  await sees(page, '找床位 · 找托位', 'the public page from the login page');
  expect(!(await page.locator('.nav-list').count()), 'no staff shell');
  await page.selectOption('#find-region', TOWN);
  await page.click('#find-search');
  const card = page.locator(`li[data-facility="${home.json.id}"]`);
  await card.waitFor();
  const text = await card.innerText();
  expect(text.includes('空床 12 张 / 共 60 张'), `vacancy on the card (${text})`);
  // a month: the bed and the care of a level together
  expect(text.includes('5,300 元/月'), `price range on the card (${text})`);
  expect(text.includes('普惠') && text.includes('三级') && text.includes('已备案'), `tags on the card (${text})`);
  expect(text.includes('幸福路 8 号'), 'the address');
  // with room first: the full home after the one with room
  const order = await page.locator('li.find-card h3').allInnerTexts();
  expect(order.indexOf('找床位阳光养老院') < order.indexOf('找床位满员养老院'), `room first (${order.join(', ')})`);
  await sees(page, '暂无空位', 'the full home marked');
  await sees(page, '如何申请', 'how to apply');
  // touch targets
  const box = await page.locator('#find-search').boundingBox();
  expect(box && box.height >= 44, 'a large search button');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width <= 390, `no sideways scrolling at 390 px (${width})`);
  await shot(page, 'place-find-elderly-phone');

  // 托位 for a 14-month-old: 托小班 has 3
  await page.click('#find-kind-childcare');
  await page.fill('#find-age', '14');
  await page.click('#find-search');
  const ncard = page.locator(`li[data-facility="${nursery.json.id}"]`);
  await ncard.waitFor();
  const ntext = await ncard.innerText();
  expect(ntext.includes('托小班 空 3'), `class vacancy (${ntext})`);
  expect(ntext.includes('1,600 元/月'), `class price (${ntext})`);
  await shot(page, 'place-find-childcare-phone');

  const all = await page.locator('body').innerText();
  expect(!ID_LIKE.test(all), 'nothing shaped like an ID number on the page');
  expect(!PHONE_LIKE.test(all), 'nothing shaped like a mobile number on the page');
  expect(!all.includes('找床位老人'), 'no person on the page');
  expect(!/elderly_institution|childcare_institution|toddler_small|national_grade|\bfind\.[a-z]/.test(all), 'no internal code or key on the page');
}
