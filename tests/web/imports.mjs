// 导入导出 (web/js/pages/transfer.js) with an Excel workbook. A county
// official downloads the facility template (a Chinese file name), uploads a
// workbook made by openpyxl with Chinese headers and Chinese labels (both
// facilities import), then one with three bad rows: nothing is imported and
// a table shows each bad row with its column as the file headed it.
// Screenshots at 1366 px and 390 px.
import { execFileSync } from 'node:child_process';

const DAZHU = '511724000000';
const TOWN = '511724947000';

// An .xlsx of rows, written by openpyxl (Debian's python3-openpyxl, a test
// dependency); region codes stored as text as an official's sheet would.
function workbook(rows) {
  const script = `
import io, json, sys, base64, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
for row in json.loads(sys.argv[1]):
    ws.append(row)
for row in ws.iter_rows():
    for c in row:
        if isinstance(c.value, str) and c.value.isdigit():
            c.number_format = "@"
b = io.BytesIO()
wb.save(b)
sys.stdout.write(base64.b64encode(b.getvalue()).decode())
`;
  return Buffer.from(execFileSync('/usr/bin/python3', ['-c', script, JSON.stringify(rows)]).toString(), 'base64');
}

const HEAD = ['机构名称（必填）', '机构类型*', '所在地区代码', '性质', '运营方式', '营利性质', '床位数', '护理型床位数', '统一社会信用代码'];

export async function importsPage(ctx, { login, sees, shot, expect, expectEq, PASSWORD }) {
  const { api } = ctx;
  expectEq((await api('POST', 'regions', { code: TOWN, name: '表格导入镇', level: 'township', parent: DAZHU })).status, 201, 'township');
  expectEq((await api('POST', 'users', { username: 'imp_county', password: PASSWORD, role: 'county_official', region: DAZHU })).status, 201, 'county official');
  const page = await login(ctx, 'imp_county');
  await page.goto(ctx.server.base + '#/transfer');
  await sees(page, '下载机构导入模板（Excel）', 'the template link of facilities');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('a.template-xlsx')]);
  expectEq(dl.suggestedFilename(), '机构导入模板.xlsx', 'the template keeps its Chinese file name');

  const upload = async (name, rows) => {
    await page.setInputFiles('input[type=file]', { name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: workbook(rows) });
    await sees(page, 'Excel 工作簿', 'the workbook named before upload');
    await page.click('button:has-text("开始导入")');
  };
  // a file that only looks like a workbook: refused in Chinese
  await page.setInputFiles('input[type=file]', { name: '坏文件.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200)]) });
  await page.click('button:has-text("开始导入")');
  await sees(page, '文件不是 Excel 工作簿（.xlsx）或已损坏', 'a damaged workbook refused in Chinese');
  // three bad rows (2: no such kind, 3: no name, 5: a lowercase letter in the credit code) and a good one (4)
  await upload('三处错误.xlsx', [
    HEAD,
    ['表格坏甲养老院', '养老院子', TOWN, '民办', '民办民营', '非营利性', 30, 10],
    ['', '养老机构', TOWN, '公办', '公办公营', '非营利性', 30, 10],
    ['表格好乙养老院', '养老机构', TOWN, '公办', '公办公营', '非营利性', 30, 10],
    ['表格坏丙养老院', '养老机构', TOWN, '公办', '公办公营', '非营利性', 30, 10, '91511724ma6abcde1x'],
  ]);
  await sees(page, '导入失败，没有写入任何数据', 'the refusal');
  const rows = await page.locator('.import-result tbody tr').allInnerTexts();
  expectEq(rows.length, 3, `one error per bad row (${JSON.stringify(rows)})`);
  expect(/^2\s+机构类型\*/.test(rows[0]), `row 2 names 机构类型*: ${rows[0]}`);
  expect(/^3\s+机构名称（必填）/.test(rows[1]), `row 3 names 机构名称（必填）: ${rows[1]}`);
  expect(/^5\s+统一社会信用代码\s+统一社会信用代码/.test(rows[2]), `row 5 names the credit code in its column and its message: ${rows[2]}`);
  expect(!rows.join('\n').includes('姓名') && !rows.join('\n').includes('身份证'), 'a facility\'s name is not called 姓名, its credit code no ID number');
  const head = await page.locator('.import-result thead').innerText();
  expect(head.includes('行号') && head.includes('列') && head.includes('错误说明'), `the table's header: ${head}`);
  const none = await api('GET', `facilities?region=${TOWN}&status=all`);
  expectEq(none.json.total, 0, 'nothing imported, not even the good row');
  await shot(page, 'imports-errors-1366');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'imports-errors-390');
  await page.setViewportSize({ width: 1366, height: 768 });

  await upload('两家机构.xlsx', [
    HEAD,
    ['表格导入甲养老院', '养老机构', TOWN, '民办', '民办民营', '非营利性', 60, 20],
    ['表格导入乙托育园', '托育机构', TOWN, '公办', '公建民营', '营利性', null, null],
  ]);
  await sees(page, '导入成功：共 2 行', 'the import done');
  await sees(page, 'Excel 工作簿', 'the file told as a workbook');
  const got = (await api('GET', `facilities?region=${TOWN}&status=all&sort=name`)).json.items;
  const seen = Object.fromEntries(got.map((f) => [f.name, [f.kind, f.ownership, f.operation, f.profit, f.beds]]));
  expectEq(JSON.stringify(seen['表格导入甲养老院']), JSON.stringify(['elderly_institution', 'private', 'private_run', 'nonprofit', 60]), 'the elderly institution as written');
  expectEq(JSON.stringify(seen['表格导入乙托育园']), JSON.stringify(['childcare_institution', 'public', 'public_private', 'forprofit', 0]), 'the childcare institution as written');
  await shot(page, 'imports-done-1366');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'imports-done-390');
}
