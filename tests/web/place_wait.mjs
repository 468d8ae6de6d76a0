// 轮候管理 and 我的轮候 (web/js/pages/place_wait.js) in a browser. A county
// official opens a public home's waiting list: the 特困 applicant first and
// marked 必须安置, the 高龄 one next, the general one last; where the
// must-place applicant can go; offers the bed to the first in the in-page
// dialog (its consequence stated), then admits; the list no longer holds
// them and the history shows each step. The family account linked to the
// 高龄 applicant sees its position and status and no other name. Desktop
// and 390 px screenshots.
import { people } from './people.mjs';
import { signIn } from './sign_in.mjs';

const BAZHOU = '511902000000';
const TOWN = '511902738000';
const VILLAGE = '511902738001';

async function sessionPost(base, username, password, path, body) {
  const s = await fetch(base + 'api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const csrf = (await s.json()).csrf_token;
  const cookie = (s.headers.get('set-cookie') || '').split(';')[0];
  const r = await fetch(base + 'api/v1/' + path, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf }, body: JSON.stringify(body) });
  return r.status;
}

export async function placeWait(ctx, { login, sees, shot, expect, expectEq, PASSWORD }) {
  const { api } = ctx;
  expectEq((await api('POST', 'regions', { code: TOWN, name: '测试轮候镇', level: 'township', parent: BAZHOU })).status, 201, 'township');
  expectEq((await api('POST', 'regions', { code: VILLAGE, name: '测试轮候村', level: 'village', parent: TOWN })).status, 201, 'village');
  const fac = await api('POST', 'facilities', { name: '测试轮候敬老院', kind: 'elderly_institution', region: TOWN, ownership: 'public', operation: 'public_run', profit: 'nonprofit', opened_on: '2020-01-01', beds: 10, nursing_beds: 4, occupied_beds: 9 });
  expectEq(fac.status, 201, 'the home');
  const home = fac.json.id;
  const list = [['特困轮候老人', 70, ['tekun_dispersed']], ['高龄轮候老人', 85, ['advanced_age']], ['普通轮候老人', 66, []]];
  const bodies = people(VILLAGE, list.map(([n, a]) => [n, a]));
  const ids = [];
  for (let i = 0; i < list.length; i++) {
    bodies[i].categories = list[i][2].map((c) => ({ category: c, start: '2020-01-01' }));
    const p = await api('POST', 'persons', bodies[i]);
    expectEq(p.status, 201, list[i][0]);
    const a = await api('POST', 'waitlist/applications', { person_id: p.json.id, facility_id: home, willing: i === 0 });
    expectEq(a.status, 201, `application of ${list[i][0]}`);
    ids.push(a.json.id);
  }
  expectEq((await api('POST', 'users', { username: 'wait_web_county', password: PASSWORD, role: 'county_official', region: BAZHOU })).status, 201, 'county official');
  expectEq((await api('POST', 'users', { username: 'wait_web_family', password: PASSWORD, role: 'family', region: BAZHOU })).status, 201, 'family');
  expectEq(await sessionPost(ctx.server.base, 'wait_web_family', PASSWORD, 'services/links', { id_number: bodies[1].id_number, name: '高龄轮候老人', relation: '子女' }), 201, 'the family links its parent');

  const off = await login(ctx, 'wait_web_county');
  await off.goto(ctx.server.base + `#/waitlist?facility=${home}`);
  await sees(off, '测试轮候敬老院 轮候名单', 'the list');
  const order = await off.locator('#wait-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-app')));
  expectEq(order.join(','), ids.map(String).join(','), 'the 特困, the 高龄, then the general applicant');
  await off.locator(`tr[data-app="${ids[0]}"] [data-must]`).waitFor();
  await sees(off, '必须安置：有集中供养意愿的特困人员', 'the must-place panel');
  await off.locator('#wait-must-card').getByText('测试轮候敬老院').waitFor();
  const text = await off.locator('main').innerText();
  expect(!/\b(?:wait|nav)\.[a-z][A-Za-z_.]*/.test(text), 'no untranslated key');
  expect(!text.includes('safety_net') && !text.includes('elderly_institution') && !text.includes('tekun'), 'no internal code on the page');
  await shot(off, 'waitlist-zh');
  // offer the first the bed
  await off.locator(`tr[data-app="${ids[0]}"] button[data-step="offer"]`).click();
  await sees(off, '占用一张空床', 'the consequence of an offer');
  await off.locator('dialog.wait-dialog .btn-primary').click();
  await sees(off, '已通知特困轮候老人入住', 'offered');
  await off.locator(`tr[data-app="${ids[0]}"] button[data-step="accept"]`).click();
  await sees(off, '入住床位加一', 'the consequence of admission');
  await off.locator('dialog.wait-dialog .btn-primary').click();
  await sees(off, '特困轮候老人已入住', 'admitted');
  expectEq(await off.locator(`tr[data-app="${ids[0]}"]`).count(), 0, 'off the list');
  const f = (await api('GET', `facilities/${home}`)).json;
  expectEq(f.occupied_beds, 10, 'the home\'s occupied beds rose by one');
  // now full: an offer is refused, said in Chinese
  await off.locator(`tr[data-app="${ids[1]}"] button[data-step="offer"]`).click();
  await off.locator('dialog.wait-dialog .btn-primary').click();
  await sees(off, '“测试轮候敬老院”没有空床：床位 10 张，已入住 10 人', 'a full home refused');
  await off.goto(ctx.server.base + `#/waitlist/${ids[0]}`);
  await off.locator('#wait-events tr[data-kind="accept"]').waitFor();
  await sees(off, '申请轮候：特困兜底', 'the history names the tier');
  const htext = await off.locator('main').innerText();
  expect(!htext.includes('safety_net'), 'no tier code in the history');
  await shot(off, 'waitlist-history-zh');

  // 大竹 keeps one list for the county: the offer names the home, chosen in the dialog
  const DAZHU = '511724000000';
  const TOWN_DZ = '511724738000';
  expectEq((await api('POST', 'regions', { code: TOWN_DZ, name: '测试大竹轮候镇', level: 'township', parent: DAZHU })).status, 201, 'a township of 大竹');
  const dzHome = await api('POST', 'facilities', { name: '测试大竹敬老院', kind: 'elderly_institution', region: TOWN_DZ, ownership: 'public', operation: 'public_run', profit: 'nonprofit', opened_on: '2020-01-01', beds: 5, nursing_beds: 2, occupied_beds: 1 });
  expectEq(dzHome.status, 201, 'a home of 大竹');
  const [dzBody] = people(TOWN_DZ, [['大竹轮候老人', 75]]);
  const dzPerson = await api('POST', 'persons', dzBody);
  expectEq(dzPerson.status, 201, 'a person of 大竹');
  const dzApp = await api('POST', 'waitlist/applications', { person_id: dzPerson.json.id, region: DAZHU });
  expectEq(dzApp.status, 201, 'on the county\'s list');
  expectEq((await api('POST', 'users', { username: 'wait_web_dazhu', password: PASSWORD, role: 'county_official', region: DAZHU })).status, 201, '大竹 official');
  const dz = await login(ctx, 'wait_web_dazhu');
  await dz.goto(ctx.server.base + `#/waitlist?region=${DAZHU}`);
  await dz.locator(`tr[data-app="${dzApp.json.id}"] button[data-step="offer"]`).click();
  await dz.locator('dialog.wait-dialog select').selectOption(String(dzHome.json.id));
  await dz.locator('dialog.wait-dialog .btn-primary').click();
  await sees(dz, '已通知大竹轮候老人入住', 'offered at the home chosen');
  expectEq((await api('GET', `waitlist/applications/${dzApp.json.id}`)).json.offer.facility_id, dzHome.json.id, 'the offer names the home');

  // the family: its parent's position and status, no one else
  const fam = await login(ctx, 'wait_web_family');
  await fam.goto(ctx.server.base + '#/waitlist/mine');
  await sees(fam, '高龄轮候老人 · 测试轮候敬老院', 'the family\'s application');
  await sees(fam, '第 1 位（共 2 人）', 'its position');
  const ftext = await fam.locator('main').innerText();
  expect(!ftext.includes('普通轮候老人') && !ftext.includes('特困轮候老人'), 'no other applicant on the family\'s page');
  await shot(fam, 'waitlist-mine-zh');

  for (const [who, path, name, mark] of [['wait_web_county', `#/waitlist?facility=${home}`, 'waitlist-zh-phone', '轮候名单（2 人）'], ['wait_web_family', '#/waitlist/mine', 'waitlist-mine-zh-phone', '第 1 位（共 2 人）']]) {
    const phone = await ctx.newPage({ width: 390, height: 844 });
    phone.on('pageerror', (e) => ctx.errors.push(`phone: ${e.message}`));
    await phone.goto(ctx.server.base + '#/login');
    await signIn(phone, who, PASSWORD, 'attached');
    await phone.goto(ctx.server.base + path);
    await sees(phone, mark, 'the page on a phone');
    await phone.waitForTimeout(300);
    const sw = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(sw <= 390, `${path} scrolls sideways on a phone (${sw} px wide)`);
    await shot(phone, name);
  }
}
