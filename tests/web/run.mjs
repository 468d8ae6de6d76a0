// Browser tests of the web platform: npm's playwright-core drives Debian's
// chromium (headless, no sandbox, background networking off) against a real
// `laoxiao serve` on a loopback port over a fresh database.
//
//     node tests/web/run.mjs BUILD_DIR/laoxiao [-k PATTERN]
//
// Every test saves a screenshot under tests/output/web/. The last line
// printed is always "N passed, M failed". Expected amounts come from the
// published figures (大竹 高龄津贴: 60 元 a month at 80-89, 120 at 90-99;
// docs/subsidy-seeds.md row 1) and from dates computed here.
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { people } from './people.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = resolve(HERE, '..', 'output', 'web');
const CHROMIUM = process.env.LAOXIAO_CHROMIUM || '/usr/bin/chromium';
const PASSWORD = 'correct horse battery';
const DAZHU = '511724000000';
const BAZHOU = '511902000000';

const args = process.argv.slice(2);
const binary = resolve(args[0] || 'build-test/laoxiao');
const pattern = args[1] === '-k' ? args[2] : null;

// ---------------------------------------------------------------------------
// The server

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
    s.on('error', fail);
  });
}

function cli(db, argv, input) {
  return execFileSync(binary, [...argv, '--db', db], { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'laoxiao-web-'));
  const db = join(dir, 'laoxiao.db');
  cli(db, ['init']);
  cli(db, ['user', 'passwd', 'admin'], `${PASSWORD}\n`);
  const token = cli(db, ['user', 'token', 'admin']).trim();
  const port = await freePort();
  const proc = spawn(binary, ['serve', '--db', db, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', (d) => (log += d));
  proc.stderr.on('data', (d) => (log += d));
  const base = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(base + 'api/v1/session');
      return { dir, db, base, token, proc, log: () => log };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  proc.kill();
  throw new Error(`laoxiao serve did not answer on ${base}:\n${log}`);
}

// The JSON API as the administrator (a bearer token needs no CSRF header).
function apiClient(server) {
  return async (method, path, body) => {
    const r = await fetch(server.base + 'api/v1/' + path, {
      method,
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, json: text ? JSON.parse(text) : null };
  };
}

// ---------------------------------------------------------------------------
// Assertions and pages

class Failure extends Error {}

function expect(cond, what) {
  if (!cond) throw new Failure(what);
}

function expectEq(got, want, what) {
  if (got !== want) throw new Failure(`${what}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
}

async function login(ctx, username, lang) {
  const page = await ctx.newPage();
  page.on('pageerror', (e) => ctx.errors.push(`${username}: ${e.message}`));
  if (lang) await page.addInitScript((l) => localStorage.setItem('laoxiao.lang', l), lang);
  await page.goto(ctx.server.base + '#/login');
  await page.fill('input[autocomplete=username]', username);
  await page.fill('input[type=password]', PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.nav-list');
  return page;
}

async function shot(page, name) {
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
}

// Waits for text anywhere in the page's main area.
async function sees(page, text, what) {
  try {
    await page.getByText(text, { exact: false }).first().waitFor({ timeout: 5000 });
  } catch {
    throw new Failure(`${what}: "${text}" not shown`);
  }
}

// ---------------------------------------------------------------------------
// Tests

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('login_and_logout', async (ctx) => {
  const page = await login(ctx, 'admin');
  await sees(page, '区划与人口', 'the navigation after login');
  await shot(page, 'regions-zh');
  await page.click('text=退出登录');
  await page.waitForSelector('input[type=password]');
  const r = await page.evaluate(() => fetch('/api/v1/session').then((x) => x.status));
  expectEq(r, 401, 'the session after logout');
  await shot(page, 'login-zh');
});

test('english_switch_is_remembered', async (ctx) => {
  const page = await login(ctx, 'admin');
  await page.click('button:has-text("English")');
  await sees(page, 'Regions', 'the English navigation');
  await page.reload();
  await page.waitForSelector('.nav-list');
  await sees(page, 'Subsidies', 'English after a reload');
  await shot(page, 'regions-en');
  await page.goto(ctx.server.base + '#/subsidies?tab=run');
  await sees(page, 'Trial run', 'the subsidy page in English');
  await shot(page, 'subsidies-en');
  await page.click('button:has-text("中文")');
  await sees(page, '补贴发放', 'back to Chinese');
});

test('county_official_stays_in_the_county', async (ctx) => {
  const page = await login(ctx, 'dazhu');
  const nav = await page.locator('.nav-list').innerText();
  expect(!nav.includes('审计') && !nav.includes('用户'), `a county official's menu has no admin pages: ${nav}`);
  await page.goto(ctx.server.base + `#/regions?code=${BAZHOU}`);
  await sees(page, '不在您的管辖范围内', 'the refusal of another county');
  const main = await page.locator('main').innerText();
  expect(!main.includes('巴州区'), 'another county (巴州区) is not shown to 大竹\'s official');
  const status = await page.evaluate((c) => fetch(`/api/v1/regions/${c}`).then((x) => x.status), BAZHOU);
  expect(status === 403 || status === 404, `the API refuses another county: ${status}`);
  await shot(page, 'county-scope');
});

test('subsidy_trial_then_commit', async (ctx) => {
  const api = ctx.api;
  const town = '511724901000';
  expectEq((await api('POST', 'regions', { code: town, name: '测试发放镇', level: 'township', parent: DAZHU })).status, 201, 'township');
  // 85 and 92 years old: 60 + 120 元; 70: nothing (below 80)
  for (const p of people(town, [
    ['发放甲', 85],
    ['发放乙', 92],
    ['发放丙', 70],
  ]))
    expectEq((await api('POST', 'persons', p)).status, 201, `person ${p.name}`);
  const page = await login(ctx, 'dazhu');
  page.on('dialog', (d) => d.accept());
  await page.goto(ctx.server.base + `#/subsidies?tab=run&region=${town}`);
  await page.selectOption('#sub-scheme', 'dazhu.gaoling');
  await page.click('button:has-text("试算")');
  await sees(page, '试算结果如下', 'the trial result');
  await sees(page, '180 元', 'the amount due (60 + 120 元)');
  await shot(page, 'subsidy-trial');
  let ledger = (await api('GET', `subsidies/ledger?region=${town}`)).json;
  expectEq(ledger.items.length, 0, 'a trial writes nothing');
  await page.click('button:has-text("确认发放")');
  await sees(page, '写入台账 2 条', 'the commit');
  ledger = (await api('GET', `subsidies/ledger?region=${town}`)).json;
  expectEq(ledger.total_fen, 18000, 'the ledger total in fen');
  await shot(page, 'subsidy-commit');
  await page.click('button:has-text("试算")');
  await sees(page, '没有需要发放或调整的款项', 'a second trial finds the period paid');
  await page.goto(ctx.server.base + `#/subsidies?tab=ledger&region=${town}`);
  await sees(page, '净额 180 元', 'the ledger page');
  await shot(page, 'subsidy-ledger');
});

test('family_applies_official_decides', async (ctx) => {
  const api = ctx.api;
  const town = '511724902000';
  expectEq((await api('POST', 'regions', { code: town, name: '测试申办镇', level: 'township', parent: DAZHU })).status, 201, 'township');
  const [p] = people(town, [['申办老人', 88]]);
  expectEq((await api('POST', 'persons', p)).status, 201, 'person');
  const fam = await login(ctx, 'jiashu');
  const nav = await fam.locator('.nav-list').innerText();
  expectEq(nav.trim(), '网上申办', "a family account's only page");
  await fam.fill('input[name=id_number]', p.id_number);
  await fam.fill('input[name=name]', '别人');
  await fam.click('button:has-text("提交申请")');
  await sees(fam, '未查到与该身份证号码和姓名一致', 'a wrong name');
  expect(await fam.locator('.has-error input[name=id_number]').count(), 'the error stands by the ID number field');
  await shot(fam, 'apply-error');
  await fam.fill('input[name=name]', p.name);
  await fam.click('button:has-text("提交申请")');
  await sees(fam, '已提交 申办老人 的申请', 'the submission');
  await sees(fam, '待审核', 'the own list');
  await shot(fam, 'apply-done');
  const off = await login(ctx, 'dazhu');
  off.on('dialog', (d) => d.accept('材料齐全'));
  await off.goto(ctx.server.base + '#/subsidies?tab=applications');
  await off.locator('tr', { hasText: '申办老人' }).getByRole('button', { name: '批准', exact: true }).click();
  const d = new Date();
  const next = `${d.getFullYear() + (d.getMonth() === 11 ? 1 : 0)}-${String(((d.getMonth() + 1) % 12) + 1).padStart(2, '0')}`;
  await sees(off, `自 ${next} 起发放`, 'approval pays from the next month');
  await shot(off, 'applications-review');
  await fam.reload();
  await sees(fam, '已批准', 'the family sees the decision');
});

test('dashboard_cards_and_charts', async (ctx) => {
  const api = ctx.api;
  const BAZHONG = '511900000000';
  // one institution in 巴州区 with 120 beds, 70 of them nursing beds
  const body = {
    name: '总览测试养老院', kind: 'elderly_institution', region: BAZHOU, ownership: 'public', operation: 'public_private',
    profit: 'nonprofit', capacity_date: '2026-01-01', beds: 120, nursing_beds: 70,
  };
  const made = await api('POST', 'facilities', body);
  expectEq(made.status, 201, `facility: ${JSON.stringify(made.json)}`);
  const year = String(new Date().getFullYear());
  const inds = (await api('GET', `indicators?region=${BAZHONG}&period=${year}`)).json.indicators;
  expect(inds.length > 0, '巴中 has plan indicators');
  const page = await login(ctx, 'admin');
  await page.goto(ctx.server.base + `#/dashboard?region=${BAZHONG}&period=${year}`);
  await page.waitForSelector('.dash-card');
  expectEq(await page.locator('.dash-card').count(), Math.min(12, inds.length), 'one card per indicator, at most 12');
  const behindBinding = inds.filter((i) => i.attribute === 'binding' && i.status === 'behind').length;
  if (behindBinding) expect(await page.locator('.dash-card').first().locator('.tag-binding').count(), 'a binding indicator that is behind comes first');
  await page.waitForSelector('.dash-chart canvas'); // selectors, not waitForFunction: the page's CSP forbids eval
  const data = await page.evaluate(() => {
    const c = window.echarts.getInstanceByDom(document.querySelector('.dash-chart'));
    const o = c.getOption();
    return { names: o.xAxis[0].data, beds: o.series[0].data, nursing: o.series[1].data };
  });
  const i = data.names.indexOf('巴州区');
  expect(i >= 0, `巴州区 on the chart: ${JSON.stringify(data.names)}`);
  expectEq(data.beds[i], 120, 'beds of 巴州区 on the chart');
  expectEq(data.nursing[i], 70, 'nursing beds of 巴州区 on the chart');
  await shot(page, 'dashboard-zh');
  await page.click('button:has-text("English")');
  await page.waitForSelector('.dash-card');
  await sees(page, 'Overview', 'the dashboard in English');
  await page.waitForSelector('.dash-chart canvas');
  await shot(page, 'dashboard-en');
});

test('assessment_form_scores_as_filled', async (ctx) => {
  const api = ctx.api;
  const town = '511724903000';
  expectEq((await api('POST', 'regions', { code: town, name: '测试评估镇', level: 'township', parent: DAZHU })).status, 201, 'township');
  const [body] = people(town, [['评估老人', 81]]);
  const made = await api('POST', 'persons', body);
  expectEq(made.status, 201, 'person');
  const inst = (await api('GET', 'assessment/instrument')).json;
  // a vector summing to 50: every item at its maximum, then lowered in turn
  // (GB/T 42195-2022 C.3: 46-65 is 能力中度受损)
  const v = inst.items.map((it) => it.max);
  for (let deficit = inst.total_max - 50, i = 0; deficit > 0; i++) {
    const k = i % v.length;
    if (v[k] > 0) {
      v[k] -= 1;
      deficit -= 1;
    }
  }
  const page = await login(ctx, 'dazhu');
  await page.goto(ctx.server.base + `#/people?region=${town}`);
  await page.click('a:has-text("评估老人")');
  await page.click('button:has-text("新增能力评估")');
  await page.fill('input[name=assessor1]', '评估员甲');
  await page.fill('input[name=assessor2]', '评估员乙');
  for (let i = 0; i < v.length - 1; i++) await page.selectOption(`select[name=item-${i}]`, String(v[i]));
  await sees(page, '还有 1 项未评分', 'the form counts what is left');
  await page.selectOption(`select[name=item-${v.length - 1}]`, String(v[v.length - 1]));
  expectEq(await page.locator('[data-total]').getAttribute('data-total'), '50', 'the live total');
  await sees(page, '能力中度受损', 'the initial level shown while filling in');
  await shot(page, 'assessment-form');
  await page.click('button:has-text("保存评估")');
  await sees(page, '评估已保存：总分 50', 'the saved assessment');
  const saved = (await api('GET', `persons/${made.json.id}/assessments`)).json.items;
  expectEq(saved.length, 1, 'one assessment stored');
  expectEq(saved[0].total, 50, 'its total');
  expectEq(String(saved[0].items), v.join(''), 'its 26 item scores (stored as digits)');
  await shot(page, 'person-page');
  await page.goto(ctx.server.base + `#/people?region=${town}`);
  const row = await page.locator('tbody tr', { hasText: '评估老人' }).innerText();
  expect(!row.includes(body.id_number) && row.includes(body.id_number.slice(-4)), `the list shows the number masked: ${row}`);
});

test('planning_gap_of_bazhong', async (ctx) => {
  // 巴中 2025: 2,712,900 residents (preset) × 4.5 slots per 1000 (its plan)
  // = 12,208.05 needed; 4,662 slots exist (its plan) → short by 7,546.05
  const need = (2712900 * 4.5) / 1000;
  const fmt = (x) => x.toLocaleString('en-US', { maximumFractionDigits: 2 });
  const page = await login(ctx, 'admin');
  await page.goto(ctx.server.base + '#/planning?region=511900000000&year=2025');
  await page.waitForSelector('tr[data-key=slots]');
  const row = await page.locator('tr[data-key=slots]').innerText();
  for (const want of [fmt(need), fmt(4662), fmt(need - 4662)]) expect(row.includes(want), `the slots row shows ${want}: ${row}`);
  await shot(page, 'planning');
});

test('facility_form_error_by_the_field', async (ctx) => {
  const page = await login(ctx, 'dazhu');
  await page.goto(ctx.server.base + '#/facilities/new?kind=elderly_institution');
  await page.waitForSelector('input[name=name]');
  await page.fill('input[name=name]', '竹阳测试敬老院');
  await page.selectOption('select[name=region]', DAZHU);
  for (const [f, v] of [['ownership', 'public'], ['operation', 'public_private'], ['profit', 'nonprofit']]) await page.selectOption(`select[name=${f}]`, v);
  await page.fill('input[name=capacity_date]', '2026-01-01');
  await page.fill('input[name=beds]', '40');
  await page.fill('input[name=nursing_beds]', '55'); // more nursing beds than beds
  await page.click('button:has-text("保存")');
  const err = page.locator('.has-error', { has: page.locator('input[name=nursing_beds]') });
  try {
    await err.waitFor({ timeout: 5000 });
  } catch {
    throw new Failure('the error is not shown by the nursing_beds field');
  }
  const before = (await ctx.api('GET', `facilities?region=${DAZHU}`)).json;
  expectEq(before.total, 0, 'a refused form writes nothing');
  await shot(page, 'facility-form-error');
  await page.fill('input[name=nursing_beds]', '25');
  await page.click('button:has-text("保存")');
  await page.waitForURL(/#\/facilities\/\d+$/);
  await page.goto(ctx.server.base + `#/facilities?region=${DAZHU}`);
  await sees(page, '竹阳测试敬老院', 'the new facility in the list');
  await shot(page, 'facility-list');
  const after = (await ctx.api('GET', `facilities?region=${DAZHU}`)).json;
  expectEq(after.total, 1, 'one facility saved');
  expectEq(after.items[0].nursing_beds, 25, 'with the corrected value');
});

test('csv_import_names_the_row', async (ctx) => {
  const page = await login(ctx, 'admin');
  await page.goto(ctx.server.base + '#/transfer');
  await page.click('label:has-text("人口")');
  // row 3 (counting the header as row 1) has a year that is not a year
  const csv = 'region,year,metric,value,source\r\n511724000000,2024,aged_60,195000,测试\r\n511724000000,二〇二四,aged_80,27000,测试\r\n';
  await page.setInputFiles('input[type=file]', { name: 'population.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await sees(page, 'population.csv', 'the preview of the file');
  await page.click('button:has-text("开始导入")');
  await sees(page, '导入失败，没有写入任何数据', 'the refusal');
  const rows = await page.locator('.import-result tbody tr').allInnerTexts();
  expectEq(rows.length, 1, `one error (${JSON.stringify(rows)})`);
  expect(/^3\s+year/.test(rows[0]), `the error names row 3, column year: ${JSON.stringify(rows)}`);
  const pop = await ctx.api('GET', 'population?region=511724000000&year=2024');
  expectEq(pop.status, 200, 'reading the population back');
  expect(!JSON.stringify(pop.json).includes('195000'), 'the good row of a refused file is not written either');
  await shot(page, 'import-error');
});

// ---------------------------------------------------------------------------

async function main() {
  if (!existsSync(binary)) throw new Error(`laoxiao binary not found: ${binary}`);
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const server = await startServer();
  const api = apiClient(server);
  for (const [name, role, region] of [
    ['dazhu', 'county_official', DAZHU],
    ['jiashu', 'family', DAZHU],
  ]) {
    const r = await api('POST', 'users', { username: name, password: PASSWORD, role, region });
    if (r.status !== 201) throw new Error(`user ${name}: ${JSON.stringify(r.json)}`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  let passed = 0;
  let failed = 0;
  try {
    for (const t of tests) {
      if (pattern && !t.name.includes(pattern)) continue;
      // one browser context per signed-in user: their cookies stay apart
      const contexts = [];
      const newPage = async () => {
        const c = await browser.newContext({ viewport: { width: 1366, height: 768 } });
        contexts.push(c);
        return c.newPage();
      };
      const ctx = { server, api, errors: [], newPage };
      const t0 = Date.now();
      try {
        await t.fn(ctx);
        if (ctx.errors.length) throw new Failure(`script errors in the page: ${ctx.errors.join('; ')}`);
        passed++;
        console.log(`ok   ${t.name} (${Date.now() - t0} ms)`);
      } catch (e) {
        failed++;
        console.log(`FAIL ${t.name}: ${e instanceof Failure ? e.message : e.stack}`);
        let i = 0;
        for (const c of contexts) for (const p of c.pages()) await p.screenshot({ path: join(OUT, `FAILED-${t.name}-${++i}.png`) }).catch(() => {});
      } finally {
        for (const c of contexts) await c.close();
      }
    }
  } finally {
    await browser.close();
    server.proc.kill('SIGTERM');
    await new Promise((r) => server.proc.once('exit', r));
    if (/ERROR: (Address|Undefined)Sanitizer|runtime error:/.test(server.log())) {
      failed++;
      console.log(`FAIL sanitizer report from the server:\n${server.log()}`);
    }
    rmSync(server.dir, { recursive: true, force: true });
  }
  console.log(`screenshots in ${OUT}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  console.log(`FAIL could not run the browser tests: ${e.stack || e}`);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
