// 指标填报 (web/js/pages/report_form.js) in a browser, on a server of its
// own whose copy of the policies names departments on 景德镇's rows as this
// file sets them (the shipped rows' departments are cleared first): three
// rows of 市卫健委 — the directory's 市卫生健康委 by its alias — and one of
// 市民政局. The 卫健委's official, on a 390 px phone, sees 已填报 0/3, types
// a bad number (named beside its field, nothing saved), corrects it and
// saves two values at once: 已填报 2/3. The city official at 1366 px reads
// the completeness: 市卫生健康委 3 due, 2 filled, 66.7% (2 ÷ 3 rounded half
// up to one decimal); 市民政局 1, 0, 0.0%. Then a county's residents put
// above the city's 1,619,000 (seed 004) are flagged on the population card.
import { mkdtempSync, cpSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const JDZ = '360200000000';
const FILE = '360200000000-jingdezhen.json';
const CELLS = ['市卫健委', '市卫健委', '市卫健委', '市民政局'];

function policiesWithDepartments() {
  const dir = mkdtempSync(join(tmpdir(), 'laoxiao-web-rf-'));
  cpSync(resolve(HERE, '..', '..', 'policies'), dir, { recursive: true });
  const doc = JSON.parse(readFileSync(join(dir, FILE), 'utf8'));
  for (const i of doc.indicators) i.department = null;
  const rows = doc.indicators.filter((i) => i.target && i.target.op !== 'text' && !i.regional).slice(0, CELLS.length);
  rows.forEach((i, k) => (i.department = CELLS[k]));
  writeFileSync(join(dir, FILE), JSON.stringify(doc));
  return { dir, rows };
}

export async function reportForm(ctx, { login, sees, shot, expect, expectEq, PASSWORD, startServer, apiClient, dropDb }) {
  const pol = policiesWithDepartments();
  const server = await startServer(['--policies', pol.dir]);
  const api = apiClient(server);
  const mine = { ...ctx, server, api };
  try {
    const wjw = await api('POST', 'departments', { region: JDZ, name: '市卫生健康委', kind: 'department', aliases: ['市卫健委'] });
    expectEq(wjw.status, 201, 'department 市卫生健康委');
    const mzj = await api('POST', 'departments', { region: JDZ, name: '市民政局', kind: 'department', aliases: [] });
    expectEq(mzj.status, 201, 'department 市民政局');
    expectEq((await api('POST', 'users', { username: 'rf_web_wjw', password: PASSWORD, role: 'dept_official', region: JDZ, department_id: wjw.json.id })).status, 201, 'dept official');
    expectEq((await api('POST', 'users', { username: 'rf_web_city', password: PASSWORD, role: 'city_official', region: JDZ })).status, 201, 'city official');

    // the department fills its form on a phone
    const dept = await login(mine, 'rf_web_wjw');
    await dept.setViewportSize({ width: 390, height: 844 });
    await dept.goto(server.base + `#/report?region=${JDZ}&period=2025`);
    await sees(dept, '已填报 0/3', 'the completeness before');
    const cards = dept.locator('section.rf-row');
    expectEq(await cards.count(), 3, 'the 卫健委 rows only');
    const [a, b] = [pol.rows[0], pol.rows[1]];
    expectEq(await dept.locator(`section.rf-row[data-indicator="${pol.rows[3].id}"]`).count(), 0, 'the 民政局 row is not in the 卫健委 form');
    const cardA = dept.locator(`section.rf-row[data-indicator="${a.id}"]`);
    const cardB = dept.locator(`section.rf-row[data-indicator="${b.id}"]`);
    await sees(dept, a.name, 'the indicator by name');
    await cardA.locator('input').first().fill('96.45');
    await cardB.locator('input').first().fill('12.5万');
    await dept.locator('#rf-save').click();
    await sees(dept, '请填写不小于 0 的数字', 'the bad value named beside its field');
    await sees(dept, '尚未保存任何数值', 'nothing saved');
    const none = (await api('GET', `report-form?region=${JDZ}&period=2025`)).json;
    expectEq(none.rows.filter((r) => r.current).length, 0, 'nothing written after a bad value');
    await shot(dept, 'report-form-error-phone');
    await cardB.locator('input').first().fill('12.5');
    await cardB.locator('input').nth(1).fill('年度统计');
    await dept.locator('#rf-save').click();
    await sees(dept, '已填报 2/3', 'the completeness after saving');
    await sees(dept, '已保存 2 项', 'saved');
    const after = (await api('GET', `report-form?region=${JDZ}&period=2025`)).json;
    const cur = Object.fromEntries(after.rows.filter((r) => r.current).map((r) => [r.indicator, r.current.value]));
    expectEq(JSON.stringify(cur), JSON.stringify({ [a.id]: '96.45', [b.id]: '12.5' }), 'exactly the two values written');
    const sw = await dept.evaluate(() => document.documentElement.scrollWidth);
    expect(sw <= 390, `the form scrolls sideways on a phone (${sw} px wide)`);
    // a row's name is not squeezed to one character a line
    const nameBox = await cardA.locator('h2').boundingBox();
    expect(nameBox && nameBox.width > 200, `the indicator name has room (${nameBox && nameBox.width} px)`);
    await shot(dept, 'report-form-phone');

    // the city reads every department's completeness
    const city = await login(mine, 'rf_web_city');
    await city.goto(server.base + `#/report?region=${JDZ}&period=2025`);
    await sees(city, '各部门填报完成情况', 'the completeness table');
    const row = (name) => city.locator('table.rf-complete tbody tr', { hasText: name }).innerText();
    const w = (await row('市卫生健康委')).split(/\s+/).filter(Boolean);
    expectEq(w.slice(1).join(' '), '3 2 66.7%', '市卫生健康委: due, filled, rate');
    const m = (await row('市民政局')).split(/\s+/).filter(Boolean);
    expectEq(m.slice(1).join(' '), '1 0 0.0%', '市民政局: due, filled, rate');
    const text = await city.locator('main').innerText();
    expect(!/\b(?:rf|nav)\.[a-z][A-Za-z_.]*/.test(text), 'no untranslated key');
    expect(!/jingdezhen\.|\.json\b/.test(text), 'no internal id or file name on the page');
    await shot(city, 'report-form-city');

    // a county's residents planted above the city's own: the population
    // card flags it (the check synth runs on what it builds, docs/synth.md)
    expectEq((await api('PUT', 'population', { region: '360202000000', year: 2020, metric: 'residents', value: 2000000, source: '测试' })).status, 200, 'a figure above its parent');
    await city.goto(server.base + `#/regions?code=${JDZ}`);
    await sees(city, '人口数字互相矛盾', 'the flag on the population card');
    await sees(city, '景德镇市 2020年常住人口：下级合计 2,000,000 人，超过本级 1,619,000 人', 'what contradicts what');
    await shot(city, 'population-flag');
  } finally {
    server.proc.kill('SIGTERM');
    await new Promise((r) => server.proc.once('exit', r));
    const log = server.log();
    rmSync(server.dir, { recursive: true, force: true });
    dropDb(server.db);
    rmSync(pol.dir, { recursive: true, force: true });
    expect(!/ERROR: (Address|Undefined)Sanitizer|runtime error:/.test(log), `sanitizer report from the server:\n${log}`);
  }
}
