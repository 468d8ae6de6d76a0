// A cold dashboard on a slow township link: a fresh browser context (empty
// cache) throttled through the DevTools protocol to 300 ms of latency and
// 1.6 Mbit/s (200,000 bytes a second) each way, a city official signed in,
// the time from navigation to the dashboard's first card. Then a reload:
// ECharts is not fetched again with a body (a 304 or the browser's cache),
// because the server answers If-None-Match. The line printed gives the
// times and the bytes on the wire of both loads.

const CITY = '511900000000'; // 巴中市, seeded with its counties
const USER = 'static_city';
const LINK = { offline: false, latency: 300, downloadThroughput: 200000, uploadThroughput: 200000 };
const TARGET_MS = 3000;

export async function staticCache(ctx, { expect, expectEq, shot, PASSWORD }) {
  const { api, server } = ctx;
  const u = await api('POST', 'users', { username: USER, password: PASSWORD, role: 'city_official', region: CITY });
  expectEq(u.status, 201, `user ${USER}`);
  // the session comes from the login route, as the login form gets it; the
  // form itself is not timed (typing is not loading)
  const s = await fetch(server.base + 'api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: USER, password: PASSWORD }) });
  expectEq(s.status, 200, 'login');
  const [name, value] = (s.headers.get('set-cookie') || '').split(';')[0].split('=');
  const page = await ctx.newPage();
  page.on('pageerror', (e) => ctx.errors.push(`${USER}: ${e.message}`));
  await page.context().addCookies([{ name, value, url: server.base }]);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  await cdp.send('Network.emulateNetworkConditions', LINK);
  let wire = 0;
  const seen = [];
  cdp.on('Network.loadingFinished', (e) => (wire += e.encodedDataLength));
  cdp.on('Network.responseReceived', (e) => seen.push(e));

  const t0 = Date.now();
  await page.goto(server.base + '#/dashboard');
  await page.locator('.dash-card, .dash-chart-card').first().waitFor({ state: 'visible', timeout: 30000 });
  const firstCard = Date.now() - t0;
  await page.waitForFunction(() => !!window.echarts, null, { timeout: 60000 });
  const withCharts = Date.now() - t0;
  const coldWire = wire;
  const cold = seen.find((e) => e.response.url.endsWith('/vendor/echarts.min.js'));
  expect(cold, 'ECharts was loaded by the cold dashboard');
  expectEq(cold.response.status, 200, 'ECharts on the cold load');
  expectEq((cold.response.headers['Content-Encoding'] || cold.response.headers['content-encoding'] || '').toLowerCase(), 'gzip', 'ECharts sent gzipped');
  await shot(page, 'static-cold-dashboard');

  wire = 0;
  seen.length = 0;
  const t1 = Date.now();
  await page.reload();
  await page.locator('.dash-card, .dash-chart-card').first().waitFor({ state: 'visible', timeout: 30000 });
  await page.waitForFunction(() => !!window.echarts, null, { timeout: 60000 });
  const reload = Date.now() - t1;
  const again = seen.filter((e) => e.response.url.endsWith('/vendor/echarts.min.js'));
  for (const e of again)
    expect(e.response.status === 304 || e.response.fromDiskCache || e.response.fromPrefetchCache || e.response.fromServiceWorker === false && e.response.status !== 200,
      `ECharts on reload is a 304 or from the cache, not a new 200 body: status ${e.response.status}, from disk ${e.response.fromDiskCache}`);
  const index = seen.find((e) => /\/(index\.html)?$/.test(e.response.url));
  expect(index && (index.response.status === 304 || index.response.status === 200), 'index.html revalidated on reload');
  expect(wire < 100000, `the reload moves few bytes (${wire})`);
  await shot(page, 'static-reload-dashboard');
  console.log(`     cold dashboard on 300 ms / 1.6 Mbit/s: first card ${firstCard} ms, with ECharts ${withCharts} ms, ${coldWire} bytes on the wire; reload ${reload} ms, ${wire} bytes, ECharts ${again.map((e) => e.response.status + (e.response.fromDiskCache ? ' (disk)' : '')).join(', ') || 'from memory'}`);
  expect(firstCard < TARGET_MS, `the first card of a cold dashboard within ${TARGET_MS} ms: ${firstCard} ms`);
}
