// 打印 and 导出Excel in a browser (web/js/ui/table_export.js, web/css/print.css):
// the facility list's buttons, the workbook saved under its Chinese file
// name with the region and today, the list printed without the menu and
// the filters (emulated print media, computed display), the audit log's
// date range; the printable 备案回执 of a filed facility and the 评估报告 of
// an assessment with its sections, total (summed here) and signature
// lines. Screenshots at 1366 px and 390 px.
import { signIn } from './sign_in.mjs';
const BAZHOU = '511902000000';
const TOWN = '511902796000';
const TOWN_NAME = '导出网页镇';
// GB/T 42195-2022 item maxima in order (B.1 8 items, B.2 4, B.3 9, B.4 5)
const ITEM_MAX = [...Array(8).fill(4), 4, 4, 4, 3, ...Array(6).fill(4), 1, 1, 2, 2, 2, 4, 3, 4];

// GB 11643 check character (ISO 7064 MOD 11-2), computed here
export function withCheck(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return first17 + '10X98765432'[[...first17].reduce((s, c, i) => s + Number(c) * w[i], 0) % 11];
}

export async function exportPrint(ctx, { login, sees, shot, expect, expectEq, PASSWORD }) {
  const { api } = ctx;
  const today = new Date().toISOString().slice(0, 10);
  expectEq((await api('POST', 'regions', { code: TOWN, name: TOWN_NAME, level: 'township', parent: BAZHOU })).status, 201, 'township');
  const fac = await api('POST', 'facilities', {
    name: '导出网页养老院', kind: 'elderly_institution', region: TOWN, credit_code: null, address: '导出网页镇幸福路 8 号',
    ownership: 'public', filing_status: 'filed', filing_date: '2024-05-06', capacity_date: '2024-01-01', beds: 88, nursing_beds: 40, occupied_beds: 61,
  });
  expectEq(fac.status, 201, `facility: ${JSON.stringify(fac.json)}`);
  expectEq((await api('POST', 'users', { username: 'exp_web_county', password: PASSWORD, role: 'county_official', region: BAZHOU })).status, 201, 'county official');

  const county = await login(ctx, 'exp_web_county');
  await county.goto(ctx.server.base + `#/facilities?region=${TOWN}`);
  await county.getByText('导出网页养老院').first().waitFor();
  expectEq(await county.locator('[data-action=print]').count(), 1, 'one 打印 button');
  expectEq(await county.locator('[data-action=export-xlsx]').count(), 1, 'one 导出Excel button');
  const [dl] = await Promise.all([county.waitForEvent('download'), county.click('[data-action=export-xlsx]')]);
  expectEq(dl.suggestedFilename(), `机构名录-${TOWN_NAME}-${today}.xlsx`, 'the workbook named by region and date');
  await sees(county, `已导出 机构名录-${TOWN_NAME}-${today}.xlsx`, 'the export said');
  await shot(county, 'export-facility-list-zh');

  await county.emulateMedia({ media: 'print' });
  const shown = await county.evaluate(() => Object.fromEntries(['.app-header', '.nav', '.filters', '.table-actions', '.pager', 'table.data'].map((s) => [s, document.querySelector(s) ? getComputedStyle(document.querySelector(s)).display : 'absent'])));
  for (const s of ['.app-header', '.nav', '.filters', '.table-actions']) expectEq(shown[s], 'none', `${s} hidden in print`);
  expect(shown['table.data'] !== 'none', 'the table printed');
  const thead = await county.evaluate(() => getComputedStyle(document.querySelector('table.data thead')).display);
  expectEq(thead, 'table-header-group', 'the header row repeats on every page');
  const [tw, rowW] = await county.evaluate(() => [document.querySelector('table.data').getBoundingClientRect().width, document.querySelector('table.data tbody tr').getBoundingClientRect().width]);
  expect(Math.abs(tw - rowW) < 2, `a printed row spans the table (${rowW} of ${tw} px)`);
  const bg = await county.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expectEq(bg, 'rgb(255, 255, 255)', 'white paper');
  await shot(county, 'export-facility-list-print');
  await county.emulateMedia({ media: 'screen' });

  // 备案回执
  await county.goto(ctx.server.base + `#/facilities/${fac.json.id}`);
  await county.click('[data-action=receipt]');
  await sees(county, '养老托育机构备案回执', 'the receipt title');
  const receipt = await county.locator('.filing-receipt').innerText();
  for (const s of ['导出网页养老院', '导出网页镇幸福路 8 号', '2024-05-06', '养老机构', '床位 88 张', '备案机关（盖章）', '印章处', `511902-2024-${String(fac.json.id).padStart(6, '0')}`]) expect(receipt.includes(s), `the receipt shows ${s}`);
  await county.emulateMedia({ media: 'print' });
  expectEq(await county.evaluate(() => getComputedStyle(document.querySelector('.app-header')).display), 'none', 'the receipt prints alone');
  await shot(county, 'export-filing-receipt-print');
  await county.emulateMedia({ media: 'screen' });
  await shot(county, 'export-filing-receipt-zh');

  // 评估报告
  const idn = withCheck('51190219410203' + '731');
  const person = await api('POST', 'persons', { kind: 'elderly', id_number: idn, name: '报告测试老人', region: TOWN, address: '幸福路 9 号' });
  expectEq(person.status, 201, `person: ${JSON.stringify(person.json)}`);
  const items = ITEM_MAX.map((m, i) => Math.min(m, (i % 3) + 1));
  const sections = [[0, 8], [8, 12], [12, 21], [21, 26]].map(([a, b]) => items.slice(a, b).reduce((s, v) => s + v, 0));
  const total = sections.reduce((s, v) => s + v, 0);
  const as = await api('POST', `persons/${person.json.id}/assessments`, { assessed_on: today, assessors: ['评估员甲', '评估员乙'], items });
  expectEq(as.status, 201, `assessment: ${JSON.stringify(as.json)}`);
  await county.goto(ctx.server.base + `#/people/${person.json.id}`);
  await county.click('[data-action=report]');
  await sees(county, '老年人能力评估报告', 'the report title');
  const rows = await county.locator('.assess-report tbody tr').allInnerTexts();
  expectEq(rows.length, 4, 'four sections');
  sections.forEach((v, i) => expect(rows[i].split('\t')[1].trim() === String(v), `section ${i + 1} scores ${v} (got ${rows[i]})`));
  expectEq(await county.locator('.assess-report [data-total]').innerText(), String(total), 'the total summed here');
  const report = await county.locator('.assess-report').innerText();
  for (const s of ['评估员签字（一）', '评估员签字（二）', '复核人', '日期', '评估员甲、评估员乙', today, 'GB/T 42195-2022']) expect(report.includes(s), `the report shows ${s}`);
  await shot(county, 'export-assessment-report-zh');
  await county.emulateMedia({ media: 'print' });
  await shot(county, 'export-assessment-report-print');

  // in English: the same pages, no key left untranslated
  const en = await login(ctx, 'exp_web_county', 'en');
  for (const [hash, text] of [[`#/facilities/${fac.json.id}/receipt`, 'Facility filing receipt'], [`#/people/${person.json.id}/report`, 'Older person ability assessment report'], [`#/facilities?region=${TOWN}`, 'Export to Excel']]) {
    await en.goto(ctx.server.base + hash);
    await sees(en, text, `${hash} in English`);
    const body = await en.locator('main').innerText();
    expect(!/\b(export|report|receipt|people)\.[a-zA-Z]+/.test(body), `no untranslated key on ${hash}`);
  }
  await shot(en, 'export-facility-list-en');

  // the audit log: a date range and the export
  const admin = await login(ctx, 'admin');
  await admin.goto(ctx.server.base + '#/audit');
  await admin.locator('#au-from').fill('2020-01-01');
  await admin.locator('#au-to').fill(today);
  await admin.locator('form.filters button[type=submit]').click();
  await admin.waitForFunction(() => location.hash.includes('from=2020-01-01'));
  const [adl] = await Promise.all([admin.waitForEvent('download'), admin.click('[data-action=export-xlsx]')]);
  expect(/^操作日志-.+-\d{4}-\d{2}-\d{2}\.xlsx$/.test(adl.suggestedFilename()), `the audit workbook's name (${adl.suggestedFilename()})`);
  await shot(admin, 'export-audit-zh');

  // the ledger and the applications: the same buttons, workbooks named so
  for (const [tab, title] of [['ledger', '补贴台账'], ['applications', '补贴申请']]) {
    await admin.goto(ctx.server.base + `#/subsidies?tab=${tab}&region=${BAZHOU}`);
    await admin.locator('[data-action=export-xlsx]').waitFor();
    expectEq(await admin.locator('[data-action=print]').count(), 1, `打印 on the ${tab} tab`);
    const [d] = await Promise.all([admin.waitForEvent('download'), admin.click('[data-action=export-xlsx]')]);
    expect(d.suggestedFilename().startsWith(`${title}-`) && d.suggestedFilename().endsWith(`-${today}.xlsx`), `the ${tab} workbook's name (${d.suggestedFilename()})`);
  }

  const phone = await ctx.newPage({ width: 390, height: 844 });
  phone.on('pageerror', (e) => ctx.errors.push(`phone: ${e.message}`));
  await phone.goto(ctx.server.base + '#/login');
  await signIn(phone, 'exp_web_county', PASSWORD, 'attached');
  await phone.goto(ctx.server.base + `#/facilities/${fac.json.id}/receipt`);
  await sees(phone, '养老托育机构备案回执', 'the receipt on a phone');
  const sw = await phone.evaluate(() => document.documentElement.scrollWidth);
  expect(sw <= 390, `the receipt scrolls sideways on a phone (${sw} px)`);
  await shot(phone, 'export-filing-receipt-phone');
  await phone.goto(ctx.server.base + `#/people/${person.json.id}/report`);
  await sees(phone, '老年人能力评估报告', 'the report on a phone');
  const rw = await phone.evaluate(() => document.documentElement.scrollWidth);
  expect(rw <= 390, `the report scrolls sideways on a phone (${rw} px)`);
  await shot(phone, 'export-assessment-report-phone');
}
