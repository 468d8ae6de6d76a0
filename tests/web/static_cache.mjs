// A cold dashboard on a slow township link: a fresh browser context (empty
// cache) throttled through the DevTools protocol to 300 ms of latency and
// 1.6 Mbit/s (200,000 bytes a second) each way, a city official signed in,
// the time from navigation to the dashboard's first card and to ECharts
// loaded, and the bytes on the wire. Measured three ways in the same run:
//   installed  the web client as `make install` lays it out (one bundled
//              main.js, scripts/bundle-web), gzip: the target, under 3 s
//              (reported; the answers and bytes that decide it asserted);
//   identity   the same files, the browser not accepting gzip: the
//              uncompressed baseline;
//   modules    the source tree's 150 modules, gzip: what development
//              serves (reported, not asserted).
// Then a reload of the installed layout: ECharts is not fetched again with
// a body (a 304 or the browser's cache), and the reload moves a fifth of
// the cold bytes or less.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CITY = '511900000000'; // 巴中市, seeded with its counties
const USER = 'static_city';
const LINK = { offline: false, latency: 300, downloadThroughput: 200000, uploadThroughput: 200000 };
const TARGET_MS = 3000; // the target, reported beside the figure
const ANSWERS_MAX = 40; // 37 today: index, one bundled module, styles, ECharts and the API calls

async function cookieOf(base, PASSWORD) {
  const s = await fetch(base + 'api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: USER, password: PASSWORD }) });
  if (s.status !== 200) throw new Error(`login on ${base}: ${s.status}`);
  const [name, value] = (s.headers.get('set-cookie') || '').split(';')[0].split('=');
  return { name, value, url: base };
}

// waitForFunction evaluates a string, which the page's CSP forbids: poll
async function echartsLoaded(page) {
  for (let i = 0; i < 1200; i++) {
    if (await page.evaluate(() => !!window.echarts)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('ECharts not loaded within 60 s');
}

// One cold load (and, with reload, a second one) of the dashboard on a
// fresh throttled context; the page stays open for the screenshots.
async function coldLoad(ctx, base, cookie, { identity = false } = {}) {
  const page = await ctx.newPage();
  page.on('pageerror', (e) => ctx.errors.push(`${USER}: ${e.message}`));
  await page.context().addCookies([cookie]);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  await cdp.send('Network.emulateNetworkConditions', LINK);
  if (identity) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
  const m = { wire: 0, seen: [], page, bytes: new Map() };
  cdp.on('Network.loadingFinished', (e) => {
    m.wire += e.encodedDataLength;
    m.bytes.set(e.requestId, e.encodedDataLength);
  });
  cdp.on('Network.responseReceived', (e) => m.seen.push(e));
  const t0 = Date.now();
  await page.goto(base + '#/dashboard');
  await page.locator('.dash-card, .dash-chart-card').first().waitFor({ state: 'visible', timeout: 60000 });
  m.firstCard = Date.now() - t0;
  await echartsLoaded(page);
  m.withCharts = Date.now() - t0;
  m.requests = m.seen.length;
  return m;
}

const line = (what, m) => `${what}: first card ${m.firstCard} ms, with ECharts ${m.withCharts} ms, ${m.wire} bytes in ${m.requests} answers`;

export async function staticCache(ctx, { expect, expectEq, shot, PASSWORD, startServer }) {
  const { api, server } = ctx;
  const dir = mkdtempSync(join(tmpdir(), 'laoxiao-installed-web-'));
  const b = spawnSync(join(ROOT, 'scripts', 'bundle-web'), [join(ROOT, 'web'), dir], { encoding: 'utf8' });
  expectEq(b.status, 0, `scripts/bundle-web: ${b.stderr}`);
  const installed = await startServer(['--web', dir]);
  try {
    for (const base of [server.base, installed.base]) {
      const u = await fetch(base + 'api/v1/users', { method: 'POST', headers: { Authorization: `Bearer ${base === server.base ? server.token : installed.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ username: USER, password: PASSWORD, role: 'city_official', region: CITY }) });
      expectEq(u.status, 201, `user ${USER} on ${base}`);
    }
    const cookie = await cookieOf(installed.base, PASSWORD);
    const modules = await coldLoad(ctx, server.base, await cookieOf(server.base, PASSWORD));
    const identity = await coldLoad(ctx, installed.base, cookie, { identity: true });
    const ident = identity.seen.find((e) => e.response.url.endsWith('/vendor/echarts.min.js'));
    expect(ident && !(ident.response.headers['content-encoding'] || ident.response.headers['Content-Encoding']), 'the baseline gets ECharts uncompressed');
    const cold = await coldLoad(ctx, installed.base, cookie);
    const first = cold.seen.find((e) => e.response.url.endsWith('/vendor/echarts.min.js'));
    expect(first, 'ECharts was loaded by the cold dashboard');
    expectEq(first.response.status, 200, 'ECharts on the cold load');
    expectEq((first.response.headers['content-encoding'] || first.response.headers['Content-Encoding'] || '').toLowerCase(), 'gzip', 'ECharts sent gzipped');
    const echartsWire = cold.bytes.get(first.requestId);
    expect(echartsWire > 0 && echartsWire < 400000, `ECharts under 400 KB on the wire: ${echartsWire}`);
    await shot(cold.page, 'static-cold-dashboard');

    const page = cold.page;
    cold.firstWire = cold.wire;
    cold.wire = 0;
    cold.seen.length = 0;
    const t1 = Date.now();
    await page.reload();
    await page.locator('.dash-card, .dash-chart-card').first().waitFor({ state: 'visible', timeout: 60000 });
    await echartsLoaded(page);
    const reload = Date.now() - t1;
    const again = cold.seen.filter((e) => e.response.url.endsWith('/vendor/echarts.min.js'));
    for (const e of again)
      expect(e.response.status === 304 || e.response.fromDiskCache || e.response.fromPrefetchCache,
        `ECharts on reload is a 304 or from the cache, not a new 200 body: status ${e.response.status}`);
    await shot(page, 'static-reload-dashboard');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'static-reload-dashboard-phone');
    console.log(`     300 ms / 1.6 Mbit/s, cold: ${line('installed gzip', { ...cold, wire: cold.firstWire })}; ${line('installed uncompressed', identity)}; ${line('source modules gzip', modules)}`);
    console.log(`     bytes uncompressed/gzip ${(identity.wire / cold.firstWire).toFixed(2)}; reload ${reload} ms, ${cold.wire} bytes, ECharts ${echartsWire} bytes cold, on reload ${again.map((e) => e.response.status).join(', ') || 'from memory'}`);
    const fig = (m, wire) => ({ first_card_ms: m.firstCard, with_echarts_ms: m.withCharts, bytes: wire, answers: m.requests });
    // read by bench/static_files.py
    console.log(`     figures ${JSON.stringify({ installed_gzip: fig(cold, cold.firstWire), installed_identity: fig(identity, identity.wire), source_modules_gzip: fig(modules, modules.wire), echarts_bytes: echartsWire, reload_ms: reload, reload_bytes: cold.wire, echarts_on_reload: again.map((e) => e.response.status) })}`);
    expect(cold.wire * 5 < cold.firstWire, `the reload moves a fifth of the cold load's bytes or less (${cold.wire} of ${cold.firstWire})`);
    // The time itself is measured and printed (and kept by the bench), not
    // asserted: a loaded test machine must not fail a test by its clock.
    // What decides it on this link is asserted instead: few answers (each
    // costs a 300 ms round trip) and gzip's share of the bytes.
    expect(cold.requests <= ANSWERS_MAX, `the installed client loads the dashboard in at most ${ANSWERS_MAX} answers: ${cold.requests}`);
    expect(identity.wire > 2.5 * cold.firstWire, `gzip moves under 40% of the uncompressed bytes (${cold.firstWire} of ${identity.wire})`);
    if (cold.firstCard >= TARGET_MS) console.log(`     note: the first card took ${cold.firstCard} ms, over the ${TARGET_MS} ms target`);
  } finally {
    installed.proc.kill('SIGTERM');
    await new Promise((r) => installed.proc.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
    rmSync(installed.dir, { recursive: true, force: true });
  }
}
