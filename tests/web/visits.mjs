// Browser tests of the visits to special-difficulty elderly (探访): an
// administrator binds a visitor to a village on the users page; the visitor,
// on a 390 px phone, sees today's due targets of that village only, with
// masked ID numbers, records a visit (mode, five aspects, risk) and raises a
// referral from the same form; the township officer takes the referral
// through its steps to closed on the referral desk. Expected values: the
// 大竹 policy (policies/511724000000-dazhu.json: 低保 and 留守 make a target,
// a 重点 one visited monthly; 助餐 is a need of its referrals) and what the
// test itself entered.
import { readFileSync } from 'node:fs';
import { people } from './people.mjs';

const TOWN = '511724909000';
const VILLAGE = '511724909201'; // 2xx: a village committee, rural (docs/synth.md)
const OTHER = '511724909202';
const PHONE = { width: 390, height: 844 };

export function visitTests(test, { login, signIn, sees, shot, expect, expectEq, Failure, PASSWORD, DAZHU }) {
  async function phoneLogin(ctx, username) {
    const page = await ctx.newPage(PHONE);
    page.on('pageerror', (e) => ctx.errors.push(`${username}: ${e.message}`));
    page.on('dialog', () => ctx.errors.push('a browser dialog opened (confirmations are in the page)'));
    await page.goto(ctx.server.base + '#/login');
    await signIn(page, username, 'attached');
    return page;
  }

  // text in the page's own area: on a phone the folded menu repeats page names, hidden
  async function seesMain(page, text, what) {
    try {
      await page.locator('main').getByText(text, { exact: false }).first().waitFor({ timeout: 5000 });
    } catch {
      throw new Failure(`${what}: "${text}" not shown`);
    }
  }

  async function noSideways(page, what) {
    const sw = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(sw <= PHONE.width, `${what}: the page scrolls sideways at 390 px (${sw} px wide)`);
  }

  test('visit_on_a_phone_and_referral_closed', async (ctx) => {
    const { api } = ctx;
    for (const [code, name, level, parent] of [
      [TOWN, '测试探访镇', 'township', DAZHU],
      [VILLAGE, '测试探访村', 'village', TOWN],
      [OTHER, '测试邻村', 'village', TOWN],
    ])
      expectEq((await api('POST', 'regions', { code, name, level, parent })).status, 201, `region ${name}`);
    // 低保 and 留守: a target of 大竹's policy, 重点 (monthly); and one in the next village
    const cats = [
      { category: 'dibao', start: '2020-01-01' },
      { category: 'left_behind', start: '2020-01-01' },
    ];
    const [mine] = people(VILLAGE, [['探访老人甲', 82]]);
    const [theirs] = people(OTHER, [['邻村老人乙', 84]]);
    const made = [];
    for (const p of [mine, theirs]) {
      const r = await api('POST', 'persons', { ...p, categories: cats });
      expectEq(r.status, 201, `person ${p.name}: ${JSON.stringify(r.json)}`);
      made.push(r.json);
    }
    expectEq((await api('POST', 'users', { username: 'zhuangan', password: PASSWORD, role: 'township_official', region: TOWN })).status, 201, 'the township officer');

    // the administrator makes the visitor on the users page, ticking the village by name
    const admin = await login(ctx, 'admin');
    await admin.goto(ctx.server.base + '#/users');
    await admin.click('button:has-text("新建用户"), button:has-text("+ ")');
    await admin.fill('input[name=username]', 'xunfang');
    await admin.fill('input[name=display_name]', '王巡访');
    await admin.selectOption('select[name=role]', 'visitor');
    await admin.fill('.user-form .region-search', '测试探访镇');
    await admin.click('.user-form .region-results button:has-text("测试探访镇")');
    await admin.locator('#user-areas label:has-text("测试探访村") input').check();
    expect(await admin.locator('#user-areas label:has-text("测试邻村")').count(), 'the township\'s other village is offered too');
    await admin.fill('input[name=password]', PASSWORD);
    await shot(admin, 'visit-user-areas');
    await admin.click('.user-form button[type=submit]');
    await sees(admin, '王巡访', 'the visitor in the list');
    await sees(admin, '巡访员', 'the role by its Chinese name');
    const users = (await api('GET', 'users')).json.items;
    const visitor = users.find((u) => u.username === 'xunfang');
    expect(visitor, 'the visitor account exists');
    expectEq(visitor.role, 'visitor', 'its role');
    expectEq(JSON.stringify(visitor.areas), JSON.stringify([VILLAGE]), 'its one village');

    // the visitor's phone: only today's list of their own village, masked numbers
    const phone = await phoneLogin(ctx, 'xunfang');
    await seesMain(phone, '今日探访', "the visitor's page");
    await phone.waitForSelector('#visit-cards');
    const nav = await phone.locator('.nav-list').innerText();
    expectEq(nav.trim(), '今日探访', "a visitor's only page");
    const listText = await phone.locator('main').innerText();
    expect(listText.includes('探访老人甲'), 'the target of the village is listed');
    expect(!listText.includes('邻村老人乙'), 'a person of another village is not listed');
    expect(!listText.includes(mine.id_number), 'no full ID number on the page');
    await noSideways(phone, 'the list');
    await shot(phone, 'visit-today-phone');
    // the nearest first once the visitor shares a location (granted to the page)
    await phone.context().grantPermissions(['geolocation']);
    await phone.context().setGeolocation({ latitude: 30.736, longitude: 107.207 });
    const [near] = await Promise.all([phone.waitForRequest((r) => r.url().includes('visits/worklist') && r.url().includes('sort=near')), phone.click('#visit-nearest')]);
    expect(/lat=30\.736/.test(near.url()) && /lon=107\.207/.test(near.url()), `the worklist asked from the visitor's place: ${near.url()}`);
    await seesMain(phone, '已按离您最近排序', 'sorted by distance');
    const wl = await phone.evaluate(() => fetch('/api/v1/visits/worklist').then((r) => r.json()));
    expect(!JSON.stringify(wl).includes(mine.id_number), 'no full ID number in the worklist the visitor is sent');
    expect((wl.items || []).every((x) => x.person_id !== made[1].id), 'the worklist API keeps to the visitor\'s village');

    // the visit, timed from the tap to the answer
    const t0 = Date.now();
    await phone.click('.visit-card-link:has-text("探访老人甲")');
    await seesMain(phone, '登记探访：探访老人甲', 'the visit form');
    await phone.click('.visit-mode label:has-text("入户探访")');
    await phone.click('.visit-aspect[data-aspect=needs] label:has-text("关注")');
    await phone.fill('.visit-aspect[data-aspect=needs] .visit-finding-note', '做饭困难');
    await phone.click('.visit-risk label:has-text("中")');
    await phone.check('#visit-loc');
    await seesMain(phone, '已获取位置', 'the place of the visit taken from the phone');
    await phone.check('#visit-refer');
    await phone.selectOption('#referral-need', 'meal');
    await phone.fill('#referral-detail', '独自在家，做饭困难，需要助餐');
    await noSideways(phone, 'the visit form');
    await shot(phone, 'visit-form-phone');
    await phone.click('#visit-save');
    await seesMain(phone, '已登记 探访老人甲 的探访，并发起转介（助餐）', 'the visit and its referral saved');
    const took = Date.now() - t0;
    expect(took < 60000, `a visit recorded in under a minute (${took} ms)`);
    await shot(phone, 'visit-saved-phone');
    // visited this month, found again by name for a second call; the neighbour village's is not
    await phone.fill('#visit-search', '老人');
    await phone.locator('#visit-found .visit-card-link:has-text("探访老人甲")').waitFor();
    expect(!(await phone.locator('#visit-found').innerText()).includes('邻村老人乙'), 'the search keeps to the visitor\'s village');
    await phone.locator('#visit-found .visit-card-link').first().click();
    await seesMain(phone, '登记探访：探访老人甲', 'the form for someone not due today');
    await phone.click('button:has-text("返回今日清单")');
    await seesMain(phone, '今日探访', 'back to the list');
    // the same page in English, with no key left untranslated
    await phone.click('button:has-text("English")');
    await seesMain(phone, "Today's visits", 'the phone page in English');
    const en = await phone.locator('main').innerText();
    expect(!/\b(?:visit|visits|ledger|referral)\.[a-z]/.test(en), `an untranslated key on the phone page: ${en}`);
    await shot(phone, 'visit-today-phone-en');
    await phone.click('button:has-text("中文")');
    await seesMain(phone, '今日探访', 'back to Chinese');
    const text = await phone.locator('main').innerText();
    expect(!text.includes('探访老人甲\n') || !(await phone.locator('.visit-card-link:has-text("探访老人甲")').count()), 'the visited person leaves today\'s list');

    const visits = (await api('GET', `visits?person_id=${made[0].id}`)).json.items;
    expectEq(visits.length, 1, 'one visit recorded');
    expectEq(visits[0].mode, 'home', 'its mode');
    expectEq(visits[0].risk, 'medium', 'its risk');
    expectEq(visits[0].findings.needs.status, 'concern', 'the needs found');
    expectEq(visits[0].findings.safety.status, 'ok', 'the other aspects as they started');
    expect(Math.abs(visits[0].lat - 30.736) < 1e-6 && Math.abs(visits[0].lon - 107.207) < 1e-6, `the place recorded: ${visits[0].lat}, ${visits[0].lon}`);
    const refs = (await api('GET', `referrals?region=${TOWN}`)).json.items;
    expectEq(refs.length, 1, 'one referral raised');
    expectEq(refs[0].need, 'meal', 'its need');
    expectEq(refs[0].visit_id, visits[0].id, 'raised from the visit');

    // the township officer's menu, and the referral taken to closed on the desk
    const town = await login(ctx, 'zhuangan');
    town.on('dialog', () => ctx.errors.push('a browser dialog opened (confirmations are in the page)'));
    const tnav = await town.locator('.nav-list').innerText();
    for (const item of ['探访工作', '探访台账']) expect(tnav.includes(item), `the township officer's menu has ${item}: ${tnav}`);
    expect(!tnav.includes('补贴发放') && !tnav.includes('机构'), `the township officer's menu is their own: ${tnav}`);
    await town.goto(ctx.server.base + `#/visits?region=${TOWN}`);
    await town.locator('#visits-by-region').getByText('测试探访村').waitFor({ timeout: 5000 }).catch(() => {
      throw new Failure('the worklist by village does not list 测试探访村');
    });
    expectEq(await town.locator('#visits-by-region tr', { hasText: '测试探访村' }).locator('td').last().innerText(), '1', 'the village\'s one target visited this period');
    await shot(town, 'visit-worklist');
    await town.goto(ctx.server.base + `#/visits?tab=coverage&region=${TOWN}`);
    await town.locator('#visits-uncovered').getByText('测试邻村').waitFor({ timeout: 5000 }).catch(() => {
      throw new Failure('the village without a visitor is not listed');
    });
    expect(!(await town.locator('#visits-uncovered').innerText()).includes('测试探访村'), 'the village with a visitor is not among the uncovered');
    await shot(town, 'visit-coverage');
    await town.goto(ctx.server.base + `#/visits/ledger?region=${TOWN}`);
    await sees(town, '探访老人甲', 'the ledger of left-behind elderly');
    const ids = await town.locator('#ledger-table tbody td.mono').allInnerTexts();
    expect(ids.every((x) => /^\d{6}\*+\d{3}[\dX]$/.test(x)), `ID numbers masked in the ledger: ${ids}`);
    await shot(town, 'visit-ledger');
    const [dl] = await Promise.all([town.waitForEvent('download'), town.click('#ledger-csv')]);
    const csv = readFileSync(await dl.path(), 'utf8');
    expect(csv.includes('探访老人甲') && csv.includes('邻村老人乙'), 'the exported ledger lists both left-behind elderly');
    expect(!csv.includes(mine.id_number) && !csv.includes(theirs.id_number), 'no full ID number in the exported ledger');
    await sees(town, '已导出', 'the export done');

    await closeOnDesk(ctx, town, refs[0]);
    const done = (await api('GET', `referrals/${refs[0].id}`)).json;
    expectEq(done.status, 'closed', 'the referral closed');
    expectEq(done.steps.map((s) => s.step).join(','), 'assigned,accepted,handled,fed_back,closed', 'every step recorded');
    expectEq(done.steps[3].note, '老人已按时用餐', 'the feedback kept');
  });

  // A township officer on the desktop: paper visits imported all or
  // nothing, a tier changed with its reason, a major event reported (the
  // person is then due within the policy's 24 hours).
  test('visit_import_tier_and_event', async (ctx) => {
    const { api } = ctx;
    const town = '511724919000';
    const village = '511724919203';
    expectEq((await api('POST', 'regions', { code: town, name: '测试台账镇', level: 'township', parent: DAZHU })).status, 201, 'township');
    expectEq((await api('POST', 'regions', { code: village, name: '测试台账村', level: 'village', parent: town })).status, 201, 'village');
    const cats = [{ category: 'dibao', start: '2020-01-01' }];
    const [a, b] = people(village, [['纸质甲', 81], ['纸质乙', 86]]);
    const ids = [];
    for (const p of [a, b]) {
      const r = await api('POST', 'persons', { ...p, categories: cats });
      expectEq(r.status, 201, `person ${p.name}`);
      ids.push(r.json.id);
    }
    expectEq((await api('POST', 'users', { username: 'zhijian', password: PASSWORD, role: 'visitor', region: town, areas: [village] })).status, 201, 'a visitor');
    expectEq((await api('POST', 'users', { username: 'taizhang', password: PASSWORD, role: 'township_official', region: town })).status, 201, 'the township officer');
    const page = await login(ctx, 'taizhang');
    page.on('dialog', () => ctx.errors.push('a browser dialog opened (confirmations are in the page)'));

    // row 3 has a mode the policy does not know: nothing is written
    const day = new Date(Date.now() - 86400000).toISOString().slice(0, 10);
    const head = '身份证号,探访时间,方式,巡访员,风险等级,情况\r\n';
    const bad = `${head}${a.id_number},${day} 09:30,入户探访,zhijian,低,精神好\r\n${b.id_number},${day} 10:00,飞鸽传书,zhijian,低,\r\n`;
    await page.goto(ctx.server.base + `#/visits?tab=import&region=${town}`);
    await page.setInputFiles('#visit-import-file', { name: 'visits.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.click('#visit-import');
    await sees(page, '导入后计入探访率', 'the import asks in the page');
    await page.locator('dialog.confirm-dialog button.btn-primary').click();
    await page.waitForSelector('.import-result tbody tr');
    const rows = await page.locator('.import-result tbody tr').allInnerTexts();
    expect(rows.length === 1 && /^3\s/.test(rows[0]), `the error names row 3: ${JSON.stringify(rows)}`);
    await sees(page, '导入失败，没有写入任何数据', 'the refusal');
    expect(!rows[0].includes('home') && rows[0].includes('方式'), `the reason in Chinese, the column as the file names it: ${rows[0]}`);
    await shot(page, 'visit-import-error');
    expectEq((await api('GET', `visits?person_id=${ids[0]}`)).json.items.length, 0, 'the good row of a refused file is not written');
    const good = `${head}${a.id_number},${day} 09:30,入户探访,zhijian,低,精神好\r\n${b.id_number},${day} 10:00,电话问候,zhijian,中,\r\n`;
    await page.setInputFiles('#visit-import-file', { name: 'visits.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.click('#visit-import');
    await page.locator('dialog.confirm-dialog button.btn-primary').click();
    await sees(page, '已导入 2 条探访记录', 'the import done');
    const got = (await api('GET', `visits?person_id=${ids[1]}`)).json.items;
    expectEq(got.length === 1 && got[0].mode, 'phone', 'the imported visit by its mode\'s label');

    // the tier of 纸质乙 raised, with its reason
    await page.goto(ctx.server.base + `#/visits?tab=targets&region=${town}`);
    const row = page.locator('#visits-targets tr', { hasText: '纸质乙' });
    await row.locator('button:has-text("调整等级")').click();
    await sees(page, '原因记入审计日志', 'the consequence of a tier change');
    await page.locator('dialog select').selectOption('high');
    await page.locator('dialog button.btn-primary').click();
    await sees(page, '请填写', 'a tier change needs its reason');
    await page.locator('dialog textarea').fill('独居且近期跌倒');
    await page.locator('dialog button.btn-primary').click();
    await sees(page, '探访等级调整为“高风险”', 'the tier changed');
    await shot(page, 'visit-targets');
    const t2 = (await api('GET', `visits/targets?region=${village}&q=纸质乙`)).json.items[0];
    expectEq(t2.tier, 'high', 'the tier in force');
    expectEq(t2.tier_overridden, true, 'overridden');

    // a major event: 纸质甲 is due again, within 24 hours of the report
    await page.locator('#visits-targets tr', { hasText: '纸质甲' }).locator('button:has-text("报告重大情况")').click();
    await page.locator('dialog select').selectOption('fall');
    await page.locator('dialog textarea').fill('夜间跌倒，已送医');
    await page.locator('dialog button.btn-primary').click();
    await sees(page, '已报告 纸质甲 的重大情况', 'the event reported');
    const wl = (await api('GET', `visits/worklist?region=${village}`)).json.items;
    const due = wl.find((x) => x.person_id === ids[0]);
    expect(due && due.event && due.event.kind === 'fall', `纸质甲 is due after the event: ${JSON.stringify(wl.map((x) => x.name))}`);
    const hours = (Date.parse(due.event.due_by + (due.event.due_by.length === 16 ? ':00' : '')) - Date.parse(due.event.reported_at + (due.event.reported_at.length === 16 ? ':00' : ''))) / 3600000;
    expectEq(Math.round(hours), 24, 'due within 24 hours of the report (大竹 policy)');
    await page.goto(ctx.server.base + `#/visits?region=${town}`);
    await sees(page, '纸质甲', 'the worklist lists the person after the event');
    await sees(page, '重大情况：跌倒受伤', 'the event beside the person');
    await shot(page, 'visit-worklist-event');
  });

  // The referral desk of the township (web/js/pages/referral_desk.js):
  // accept, handle, feed back, close, each asked in the page's dialog.
  async function closeOnDesk(ctx, page, ref) {
    await page.goto(ctx.server.base + '#/referrals');
    await sees(page, '探访老人甲', 'the referral on the desk');
    const row = page.locator(`tr[data-referral="${ref.id}"]`);
    await shot(page, 'visit-referral-desk');
    for (const [step, note] of [
      ['accept', ''],
      ['handle', '已安排助餐点每日送餐'],
      ['feedback', '老人已按时用餐'],
      ['close', ''],
    ]) {
      const b = row.locator(`button[data-step="${step}"]`);
      try {
        await b.waitFor({ timeout: 5000 });
      } catch {
        throw new Failure(`the desk offers no "${step}" step for referral ${ref.id}`);
      }
      await b.click();
      const dlg = page.locator('dialog.referral-dialog');
      await dlg.waitFor();
      if (note) await dlg.locator('textarea').fill(note);
      await dlg.locator('.btn-primary').click();
      await dlg.waitFor({ state: 'detached' });
    }
    await page.locator('#ref-msg').getByText('已办结').waitFor({ timeout: 5000 }).catch(() => {
      throw new Failure('the desk does not say the referral is closed');
    });
    await shot(page, 'visit-referral-closed');
  }
}
