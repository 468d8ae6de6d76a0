// 各县（区）比较 on 指标与通报 and the dashboard's sense (web/js/ui/
// compare_chart.js, pages/indicator_compare.js, dashboard.js, dash_*.js),
// at 1366×768 and at 390 px. Expected figures are worked out here from
// the facilities the test registers: 养老机构护理型床位占比 (大竹's
// dazhu.elderly.08, policies/511724000000-dazhu.json: nursing beds over
// beds of elderly institutions × 100, target ≥55, binding), rounded half
// up to two places when not whole (the comparison's stated rule).
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const DAZHU = '511724000000';
const JDZ = '360200000000'; // 景德镇: counties, no facility registered by any test
const IND = 'dazhu.elderly.08';
// [code, name, beds, nursing beds]
const TOWNS = [
  ['511724951000', '比较甲镇', 100, 60],
  ['511724952000', '比较乙镇', 30, 10],
  ['511724953000', '比较丙镇', 50, 35],
];
const DASH_TOWN = '511724954000';
const PHONE = { width: 390, height: 844 };
const OUT = fileURLToPath(new URL('../output/web/', import.meta.url));

// the screen as the user sees it (a dialog over a long page), beside the full-page shot
const screenShot = (page, name) => page.screenshot({ path: join(OUT, `${name}.png`) });

// nursing × 100 / beds as the comparison shows it: whole numbers bare,
// others rounded half up to 2 places, worked out in integers
export function ratioText(nursing, beds) {
  const n = BigInt(nursing) * 100n * 100n;
  const d = BigInt(beds);
  const hundredths = (n * 2n + d) / (2n * d);
  if (hundredths % 100n === 0n) return String(hundredths / 100n);
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
}

// Text running one character per line: a text node of 2–7 characters
// whose own lines stand more than three lines tall. Returns descriptions.
export async function oneCharPerLine(page) {
  return page.evaluate(() => {
    const bad = [];
    const root = document.querySelector('main') || document.body;
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const text = n.textContent.trim();
      if (text.length < 2 || text.length >= 8) continue;
      const el = n.parentElement;
      if (!el || !el.getClientRects().length) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden' || cs.display === 'none') continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const tall = range.getBoundingClientRect().height;
      const line = parseFloat(cs.lineHeight) || parseFloat(cs.fontSize) * 1.5;
      if (tall > 3 * line) bad.push(`"${text}" in <${el.tagName.toLowerCase()} class="${el.className}"> ${Math.round(tall)} px tall`);
    }
    return bad;
  });
}

async function noSideways(page, width, what, expect) {
  const sw = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(sw <= width, `${what}: the page scrolls sideways at ${width} px (${sw} px wide)`);
}

export function compareTests(test, { login, signIn, sees, shot, expect, expectEq, PASSWORD }) {
  const year = String(new Date().getFullYear());

  async function phoneLogin(ctx, username) {
    const page = await ctx.newPage(PHONE);
    page.on('pageerror', (e) => ctx.errors.push(`${username} (phone): ${e.message}`));
    await page.goto(ctx.server.base + '#/login');
    await signIn(page, username, 'attached');
    return page;
  }

  async function townsWithHomes(api) {
    for (const [code, name, beds, nursing] of TOWNS) {
      const have = await api('GET', `regions/${code}`);
      if (have.status === 200) continue;
      expectEq((await api('POST', 'regions', { code, name, level: 'township', parent: DAZHU })).status, 201, `township ${name}`);
      const f = await api('POST', 'facilities', {
        name: `${name}养老院`, kind: 'elderly_institution', region: code, ownership: 'public', operation: 'public_private',
        profit: 'nonprofit', capacity_date: `${year}-01-01`, beds, nursing_beds: nursing,
      });
      expectEq(f.status, 201, `the home of ${name}: ${JSON.stringify(f.json)}`);
    }
  }

  // the comparison's rows as the page shows them
  const tableRows = (page) =>
    page.locator('.cmp-table tbody tr[data-code]').evaluateAll((trs) =>
      trs.map((tr) => ({
        code: tr.dataset.code,
        rank: tr.querySelector('.cmp-rank').textContent.trim(),
        value: tr.querySelector('.cmp-value').dataset.v,
        shown: tr.querySelector('.cmp-value').textContent.trim(),
      })),
    );

  test('compare_counties_on_indicators', async (ctx) => {
    const { api } = ctx;
    await townsWithHomes(api);
    // best first: the highest share first (the target is "≥")
    const want = TOWNS.map(([code, , beds, nursing]) => ({ code, share: (nursing * 1e6) / beds, text: ratioText(nursing, beds) })).sort((a, b) => b.share - a.share);
    const page = await login(ctx, 'admin');
    await page.goto(ctx.server.base + `#/indicators?region=${DAZHU}&period=${year}`);
    const open = page.locator(`tr[data-id="${IND}"] button.cmp-open`);
    await open.waitFor();
    expectEq((await open.innerText()).trim(), '各乡镇（街道）比较', 'the button in the row of a county');
    // keyboard reachable: focus it and press Enter
    await open.focus();
    await page.keyboard.press('Enter');
    await page.locator('dialog.cmp-sheet .cmp-table tbody tr[data-code]').first().waitFor();
    const rows = await tableRows(page);
    const mine = rows.filter((r) => TOWNS.some(([c]) => c === r.code));
    expectEq(JSON.stringify(mine.map((r) => r.code)), JSON.stringify(want.map((w) => w.code)), 'the order of the three townships, best first');
    expectEq(JSON.stringify(mine.map((r) => r.value)), JSON.stringify(want.map((w) => w.text)), 'their values, rounded half up');
    for (const r of mine) expect(r.shown.startsWith(r.value), `the value shown as the API's text: ${r.shown}`);
    // every row with a value comes before every row without one, ranks never fall back
    const ranked = rows.map((r) => (r.rank === '—' ? Infinity : Number(r.rank)));
    for (let i = 1; i < ranked.length; i++) expect(ranked[i] >= ranked[i - 1], `ranks in order: ${JSON.stringify(rows.map((r) => r.rank))}`);
    const valued = rows.filter((r) => r.value !== '');
    // the chart: one bar per row with a value, in the table's order, the target as a line
    await page.waitForSelector('dialog.cmp-sheet .cmp-chart canvas');
    const chart = await page.evaluate(() => {
      const o = window.echarts.getInstanceByDom(document.querySelector('dialog.cmp-sheet .cmp-chart')).getOption();
      const ml = o.series[0].markLine;
      return { names: o.yAxis[0].data, bars: o.series[0].data.length, target: ml && ml.data && ml.data[0] ? ml.data[0].xAxis : null, inverse: o.yAxis[0].inverse };
    });
    expectEq(chart.bars, valued.length, 'one bar per sub-region with a value');
    expectEq(chart.target, 55, 'the target line at 55');
    expect(chart.inverse, 'the first bar at the top');
    const names = await page.locator('.cmp-table tbody tr[data-code] th').allInnerTexts();
    expectEq(JSON.stringify(chart.names), JSON.stringify(names.slice(0, valued.length)), 'the bars in the table order');
    // the export: an XLSX workbook
    const link = await page.locator('dialog.cmp-sheet a[data-format=xlsx]').getAttribute('href');
    expect(link.includes(`indicator=${IND}`) && link.includes('format=xlsx'), `the export link: ${link}`);
    const got = await page.evaluate(async (u) => {
      const r = await fetch(u);
      const b = new Uint8Array(await r.arrayBuffer());
      return { status: r.status, type: r.headers.get('content-type'), magic: String.fromCharCode(b[0], b[1]) };
    }, link);
    expectEq(got.status, 200, 'the XLSX export status');
    expect((got.type || '').includes('spreadsheetml'), `the XLSX content type: ${got.type}`);
    expectEq(got.magic, 'PK', 'an XLSX file (a zip)');
    const csv = await page.locator('dialog.cmp-sheet a[data-format=csv]').getAttribute('href');
    expect(csv.includes('format=csv'), `the CSV link: ${csv}`);
    await screenShot(page, 'compare-indicators-zh');
    // a sub-region's name drills down: the list of that township
    const [code, name] = TOWNS[0];
    await page.click(`dialog.cmp-sheet tr[data-code="${code}"] th a`);
    await page.waitForURL(new RegExp(`region=${code}`));
    await page.locator('.ind-region-name', { hasText: name }).waitFor();

    // a city compares its counties
    await page.goto(ctx.server.base + `#/indicators?region=511900000000&period=${year}`);
    await page.locator('tr.ind-row button.cmp-open').first().waitFor();
    expectEq((await page.locator('tr.ind-row button.cmp-open').first().innerText()).trim(), '各县（区）比较', 'the button in the row of a city');

    // a phone: the dialog's table and chart fit the width
    const phone = await phoneLogin(ctx, 'admin');
    await phone.goto(ctx.server.base + `#/indicators?region=${DAZHU}&period=${year}&compare=${IND}`);
    await phone.locator('dialog.cmp-sheet .cmp-table tbody tr[data-code]').first().waitFor();
    await phone.waitForSelector('dialog.cmp-sheet .cmp-chart canvas');
    const box = await phone.evaluate(() => {
      const w = (s) => document.querySelector(s).getBoundingClientRect();
      const wrap = document.querySelector('dialog.cmp-sheet .cmp-table-wrap');
      return { chart: w('dialog.cmp-sheet .cmp-chart').right, table: w('dialog.cmp-sheet .cmp-table').right, scroll: wrap.scrollWidth - wrap.clientWidth };
    });
    expect(box.chart <= PHONE.width && box.table <= PHONE.width, `the comparison fits 390 px: ${JSON.stringify(box)}`);
    expect(box.scroll <= 1, `the comparison table does not scroll sideways: ${box.scroll}`);
    const narrow = await phone.evaluate(() => {
      const bad = [];
      const walk = document.createTreeWalker(document.querySelector('dialog.cmp-sheet'), NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const text = n.textContent.trim();
        if (text.length < 2 || text.length >= 8 || !n.parentElement.getClientRects().length) continue;
        const r = document.createRange();
        r.selectNodeContents(n);
        const cs = getComputedStyle(n.parentElement);
        if (r.getBoundingClientRect().height > 3 * (parseFloat(cs.lineHeight) || parseFloat(cs.fontSize) * 1.5)) bad.push(text);
      }
      return bad;
    });
    expectEq(narrow.length, 0, `text one character per line in the comparison: ${narrow.join(', ')}`);
    await screenShot(phone, 'compare-indicators-zh-phone');
    await phone.locator('dialog.cmp-sheet .cmp-table').scrollIntoViewIfNeeded();
    await screenShot(phone, 'compare-indicators-zh-phone-table');
  });

  test('compare_indicator_rows_on_a_phone', async (ctx) => {
    const { api } = ctx;
    await townsWithHomes(api);
    const inds = (await api('GET', `indicators?region=${DAZHU}&period=${year}`)).json.indicators;
    const phone = await phoneLogin(ctx, 'admin');
    await phone.goto(ctx.server.base + `#/indicators?region=${DAZHU}&period=${year}`);
    await phone.locator('tr.ind-row').first().waitFor();
    expectEq(await phone.locator('tr.ind-row').count(), inds.length, 'one row per indicator');
    // in every row, each value sits under its label and inside the screen
    const cells = await phone.evaluate(() =>
      [...document.querySelectorAll('tr.ind-row td[data-label]')]
        .filter((td) => td.getClientRects().length)
        .map((td) => {
          const before = getComputedStyle(td, '::before');
          const labelH = parseFloat(before.lineHeight) || parseFloat(before.fontSize) * 1.4;
          const cell = td.getBoundingClientRect();
          const v = (td.firstElementChild || td).getBoundingClientRect();
          return { id: td.closest('tr').dataset.id, label: td.dataset.label, shown: before.display, labelBottom: cell.top + labelH, labelLeft: cell.left, valueTop: v.top, left: v.left, right: v.right };
        }),
    );
    expect(cells.length >= inds.length * 5, `labelled cells on the phone: ${cells.length}`);
    for (const c of cells) {
      expectEq(c.shown, 'block', `the label ${c.label} of ${c.id} on its own line`);
      expect(c.valueTop >= c.labelBottom - 1, `the value of ${c.label} of ${c.id} under its label (${c.valueTop} < ${c.labelBottom})`);
      expect(Math.abs(c.left - c.labelLeft) <= 2, `the value of ${c.label} of ${c.id} starts where its label starts (${c.left} vs ${c.labelLeft})`);
      expect(c.left >= 0 && c.right <= PHONE.width, `the value of ${c.label} of ${c.id} inside the screen (${c.left}–${c.right})`);
    }
    const bad = await oneCharPerLine(phone);
    expectEq(bad.length, 0, `text one character per line on the indicators page: ${bad.join('; ')}`);
    await noSideways(phone, PHONE.width, 'the indicators page', expect);
    await shot(phone, 'compare-indicator-rows-zh-phone');
    for (const n of [0, 1, 4]) await phone.locator('tr.ind-row').nth(n).screenshot({ path: join(OUT, `compare-indicator-row-${n}-zh-phone.png`) });
  });

  test('dashboard_sense', async (ctx) => {
    const { api } = ctx;
    if ((await api('GET', `regions/${DASH_TOWN}`)).status !== 200) {
      expectEq((await api('POST', 'regions', { code: DASH_TOWN, name: '总览落点镇', level: 'township', parent: DAZHU })).status, 201, 'township');
      const f = await api('POST', 'facilities', {
        name: '总览落点托育园', kind: 'childcare_institution', region: DASH_TOWN, ownership: 'public', operation: 'public_run', profit: 'nonprofit',
        capacity_date: `${year}-01-01`, slots: 40, affordable_slots: 20,
      });
      expectEq(f.status, 201, `a childcare institution: ${JSON.stringify(f.json)}`);
    }
    // an administrator lands on the first policy jurisdiction with a registered facility
    const policies = (await api('GET', 'policies')).json.items;
    let land = null;
    for (const p of policies) {
      const s = (await api('GET', `facilities/summary?region=${p.jurisdiction}`)).json;
      if (s.total.count > 0) {
        land = p;
        break;
      }
    }
    expect(land, 'a jurisdiction with facilities');
    const page = await login(ctx, 'admin');
    await page.goto(ctx.server.base + '#/dashboard');
    await page.locator('.breadcrumb [aria-current]', { hasText: land.name }).waitFor();
    expectEq(await page.locator('.breadcrumb [aria-current]').innerText(), land.name, 'the administrator lands on a jurisdiction with data');
    const ind = (await api('GET', `indicators?region=${land.jurisdiction}&period=${year}`)).json;
    await sees(page, `数据截至 ${ind.as_of}`, 'the as-of date');
    const noData = ind.indicators.filter((i) => i.status === 'no_data').length;
    if (noData) {
      const todo = page.locator('.dash-todo a');
      await todo.waitFor();
      expectEq((await todo.innerText()).trim(), `待填报 ${noData} 项 →`, 'the to-report line');
      expectEq(await page.locator('.dash-card.dash-no_data').count(), 0, 'rows without data are not cards');
    }
    await shot(page, 'dashboard-sense-admin-zh');

    // a county official on the county; the comparison card's default
    expectEq((await api('POST', 'users', { username: 'cmp_county', password: PASSWORD, role: 'county_official', region: DAZHU })).status, 201, 'county official');
    const county = await login(ctx, 'cmp_county');
    await county.goto(ctx.server.base + '#/dashboard');
    await county.locator('.breadcrumb [aria-current]', { hasText: '大竹县' }).waitFor();
    const dz = (await api('GET', `indicators?region=${DAZHU}&period=${year}`)).json.indicators.filter((i) => !(i.target && i.target.op === 'text'));
    const late = (i) => i.status === 'behind' || i.status === 'missed';
    const pick = dz.find((i) => i.attribute === 'binding' && late(i)) || dz.find(late) || dz.find((i) => i.value !== null) || dz[0];
    await county.locator('.dash-cmp-card .cmp-table, .dash-cmp-card .cmp-view .alert').first().waitFor();
    expectEq(await county.locator('.dash-cmp-select').inputValue(), pick.id, 'the comparison opens on the first binding indicator behind');
    // a sub-region without a target of its own shows none, not the county's
    const cmpRows = await county.locator('.dash-cmp-card .cmp-table tbody tr[data-code]').evaluateAll((trs) => trs.map((tr) => ({ st: tr.querySelector('.status').className, target: tr.querySelector('.cmp-target').textContent.trim() })));
    for (const r of cmpRows) if (r.st.includes('st-no_target')) expectEq(r.target, '—', 'the target of a row without one of its own');
    await shot(county, 'dashboard-sense-county-zh');
    // a sub-region's name in the comparison drills down
    const first = county.locator('.dash-cmp-card .cmp-table tbody tr[data-code] th a').first();
    const firstName = (await first.innerText()).trim();
    await first.click();
    await county.locator('.breadcrumb [aria-current]', { hasText: firstName }).waitFor();
    await county.goto(ctx.server.base + '#/dashboard');
    await county.locator('a.dash-chip').first().waitFor();
    // a status chip opens the list at that status
    const counts = {};
    for (const i of dz) counts[i.status] = (counts[i.status] || 0) + 1;
    const chip = county.locator('a.dash-chip').first();
    const status = await chip.getAttribute('data-status');
    await chip.click();
    await county.waitForURL(new RegExp(`#/indicators\\?.*status=${status}`));
    await county.locator('tr.ind-row').first().waitFor();
    const all = (await api('GET', `indicators?region=${DAZHU}&period=${year}`)).json.indicators;
    expectEq(await county.locator('tr.ind-row').count(), all.filter((i) => i.status === status).length, `the list filtered to ${status}`);
    expectEq(await county.locator(`tr.ind-row .status:not(.st-${status})`).count(), 0, 'no row of another status');
    await shot(county, 'dashboard-chip-to-indicators-zh');

    // an empty level says why instead of drawing axes
    const kids = (await api('GET', `regions?parent=${JDZ}`)).json.items;
    let count = 0;
    for (const k of kids) count += (await api('GET', `facilities/summary?region=${k.code}`)).json.total.count;
    expectEq(count, 0, '景德镇 has no facility');
    await page.goto(ctx.server.base + `#/dashboard?region=${JDZ}&period=${year}`);
    await page.locator('.dash-chart', { hasText: '下级区划还没有登记机构' }).first().waitFor();
    expectEq(await page.locator('.dash-charts .dash-chart', { hasText: '下级区划还没有登记机构' }).count(), 2, 'both charts say why they are empty');
    expectEq(await page.locator('.dash-charts canvas').count(), 0, 'no empty axes drawn');
    await page.locator('.dash-per1000-card .alert').first().waitFor();
    expectEq(await page.locator('.dash-per1000-card canvas').count(), 0, 'no empty per-1000 axes drawn');
    await shot(page, 'dashboard-sense-empty-zh');

    // in English: the comparison and the summaries translated, no key left
    await page.goto(ctx.server.base + `#/dashboard?region=${DAZHU}&period=${year}`);
    await page.locator('.dash-cmp-card .cmp-table').waitFor();
    await page.click('button:has-text("English")');
    await page.locator('.dash-cmp-card', { hasText: 'Comparison of townships' }).waitFor();
    await page.locator('.dash-cmp-card .cmp-table').waitFor();
    const en = await page.locator('main').innerText();
    const key = /\b(?:cmp|dash|ind)\.[a-z][A-Za-z_.]*/.exec(en);
    expect(!key, `an untranslated key: ${key && key[0]}`);
    expect(en.includes('Data as of') && en.includes('still to report'), 'the as-of line and the to-report line in English');
    await shot(page, 'dashboard-sense-en');
    await page.click('button:has-text("中文")');

    // a phone: no text one character per line, no sideways scroll
    const phone = await phoneLogin(ctx, 'cmp_county');
    await phone.goto(ctx.server.base + `#/dashboard?region=${DAZHU}&period=${year}`);
    await phone.locator('.dash-cmp-card .cmp-table, .dash-cmp-card .cmp-view .alert').first().waitFor();
    await phone.waitForSelector('.loading', { state: 'detached' });
    const bad = await oneCharPerLine(phone);
    expectEq(bad.length, 0, `text one character per line on the dashboard: ${bad.join('; ')}`);
    await noSideways(phone, PHONE.width, 'the dashboard', expect);
    await shot(phone, 'dashboard-sense-zh-phone');
  });
}
