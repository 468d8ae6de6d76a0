// A descriptive indicator (no target: docs/policy.md "Descriptive
// indicators") on 指标与通报 and the dashboard, at 1366 px and at 390 px,
// on a server of its own whose copy of the policies adds to 巴中's table a
// ratio with no target: beds per 1,000 people aged 60+. The test's county
// (511994, under 巴中市) has one home of 150 beds and 5,000 people aged 60+,
// so the value is 150 × 1000 ÷ 5000 = 30, shown with the status 不考核,
// never 已达标, with no target and no progress bar.
import { mkdtempSync, cpSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = resolve(HERE, '..', 'output', 'web');
const BAZHONG = '511900000000';
const FILE = '511900000000-bazhong.json';
const COUNTY = '511994000000';
const TOWN = '511994001000';
const IND = 'test.desc.beds_per_1000';
const NAME = '每千名老年人养老床位（不设目标）';
const BEDS = 150;
const AGED_60 = 5000;
const VALUE = String((BEDS * 1000) / AGED_60); // 30, whole

function policiesWithDescriptive() {
  const dir = mkdtempSync(join(tmpdir(), 'laoxiao-web-desc-'));
  cpSync(resolve(HERE, '..', '..', 'policies'), dir, { recursive: true });
  const doc = JSON.parse(readFileSync(join(dir, FILE), 'utf8'));
  doc.indicators.push({
    // seq 1: first among the cards of its rank, so among the dashboard's twelve
    id: IND, group: doc.indicators[0].group, seq: 1, name: NAME, unit: '张', attribute: null, department: '市民政局',
    source: 'browser test: a figure reported without a target', base: { year: null, value: null, text: null },
    numerator: 'beds', denominator: 'aged_60', factor: 1000,
  });
  writeFileSync(join(dir, FILE), JSON.stringify(doc));
  return dir;
}

export async function indicatorDesc(ctx, { login, sees, shot, expect, expectEq, startServer, apiClient, dropDb }) {
  const pol = policiesWithDescriptive();
  const server = await startServer(['--policies', pol]);
  const api = apiClient(server);
  const mine = { ...ctx, server, api };
  try {
    expectEq((await api('POST', 'regions', { code: COUNTY, name: '不考核测试县', level: 'county', parent: BAZHONG })).status, 201, 'the county');
    expectEq((await api('POST', 'regions', { code: TOWN, name: '不考核测试镇', level: 'township', parent: COUNTY })).status, 201, 'the township');
    const f = await api('POST', 'facilities', {
      name: '不考核测试养老院', kind: 'elderly_institution', region: TOWN, ownership: 'public', operation: 'public_private',
      profit: 'nonprofit', capacity_date: '2025-01-01', beds: BEDS, nursing_beds: 90,
    });
    expectEq(f.status, 201, `the home: ${JSON.stringify(f.json)}`);
    expectEq((await api('PUT', 'population', { region: COUNTY, year: 2025, metric: 'aged_60', value: AGED_60, source: '测试' })).status, 200, 'people aged 60+');

    for (const [width, height, tag] of [[1366, 768, 'desktop'], [390, 844, 'phone']]) {
      const page = await login(mine, 'admin');
      await page.setViewportSize({ width, height });
      await page.goto(server.base + `#/indicators?region=${COUNTY}&period=2025`);
      const row = page.locator(`tr[data-id="${IND}"]`);
      await row.waitFor();
      const text = await row.innerText();
      expect(text.includes('不考核'), `${tag}: the row says 不考核: ${text}`);
      expect(!text.includes('已达标'), `${tag}: never 已达标: ${text}`);
      expect(!/[≥≤]/.test(text), `${tag}: no comparator in the row: ${text}`);
      expect(text.includes(VALUE), `${tag}: the value ${VALUE}: ${text}`);
      expectEq((await row.locator('.status').innerText()).trim(), '不考核', `${tag}: the status badge`);
      // the chip of its status counts it
      const chip = page.locator('.chips [data-status="descriptive"]');
      expectEq((await chip.innerText()).replace(/\s+/g, ' ').trim(), '不考核 1', `${tag}: the chip`);
      const sw = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(sw <= width, `${tag}: the page scrolls sideways (${sw} px)`);
      await row.scrollIntoViewIfNeeded();
      await shot(page, `indicator-desc-${tag}`);
      await page.screenshot({ path: join(OUT, `indicator-desc-${tag}-row.png`) });

      await page.goto(server.base + `#/dashboard?region=${COUNTY}&period=2025`);
      await sees(page, NAME, `${tag}: the card on the dashboard`);
      const card = page.locator('article.dash-card', { hasText: NAME });
      const ctext = await card.innerText();
      expect(ctext.includes('不考核'), `${tag}: the card says 不考核: ${ctext}`);
      expect(!ctext.includes('已达标'), `${tag}: the card never says 已达标: ${ctext}`);
      expectEq(await card.locator('.dash-bar').count(), 0, `${tag}: no progress bar toward a target`);
      await card.scrollIntoViewIfNeeded();
      await shot(page, `indicator-desc-dashboard-${tag}`);
      await page.screenshot({ path: join(OUT, `indicator-desc-dashboard-${tag}-card.png`) });

      // English: the status in words, no key
      await page.evaluate(() => localStorage.setItem('laoxiao.lang', 'en'));
      await page.goto(server.base + `#/indicators?region=${COUNTY}&period=2025`);
      await page.reload();
      await row.waitFor();
      const en = await row.locator('.status').innerText();
      expectEq(en.trim(), 'Descriptive, no target', `${tag}: the English badge`);
      await page.evaluate(() => localStorage.setItem('laoxiao.lang', 'zh'));
    }
  } finally {
    server.proc.kill('SIGTERM');
    await new Promise((r) => server.proc.once('exit', r));
    const log = server.log();
    rmSync(server.dir, { recursive: true, force: true });
    dropDb(server.db);
    rmSync(pol, { recursive: true, force: true });
    expect(!/ERROR: (Address|Undefined)Sanitizer|runtime error:/.test(log), `sanitizer report from the server:\n${log}`);
  }
}
