// 食品安全等级 and 从业人员 (web/js/pages/inspect_food.js, inspect_staff.js,
// inspect_food_panel.js) in a browser. A county official sees a township's
// share at B or better (1 of 2 graded: 50.00%), records a grade on a
// facility's page through the in-page dialog, and sees the person working
// at two facilities at once flagged 重复在岗 with masked ID numbers only.
// An operator adds a staff member and records a training, each through a
// dialog stating the consequence. Screenshots at 1366 px and 390 px.
import { idNumber } from './people.mjs';
import { signIn } from './sign_in.mjs';

const BAZHOU = '511902000000';
const TOWN = '511902759000';

export async function inspectStaff(ctx, { login, sees, shot, expect, expectEq, PASSWORD }) {
  const { api } = ctx;
  expectEq((await api('POST', 'regions', { code: TOWN, name: '测试监督镇', level: 'township', parent: BAZHOU })).status, 201, 'township');
  const base = { region: TOWN, ownership: 'private', operation: 'private_run', profit: 'nonprofit', opened_on: '2020-01-01' };
  const home = await api('POST', 'facilities', { ...base, name: '监督测试养老院', kind: 'elderly_institution', beds: 40, nursing_beds: 10, occupied_beds: 20, capacity_date: '2020-01-01' });
  expectEq(home.status, 201, 'the home');
  const nursery = await api('POST', 'facilities', { ...base, name: '监督测试托育园', kind: 'childcare_institution' });
  expectEq(nursery.status, 201, 'the nursery');
  expectEq((await api('POST', `facilities/${home.json.id}/food-grades`, { grade: 'B', graded_on: '2025-03-01' })).status, 201, 'grade B');
  expectEq((await api('POST', `facilities/${nursery.json.id}/food-grades`, { grade: 'C', graded_on: '2025-03-02' })).status, 201, 'grade C');
  const twice = idNumber('511902', '1982-05-06');
  const s1 = await api('POST', 'inspect/staff', { facility_id: home.json.id, id_number: twice, name: '双岗护理员', occupation: 'eldercare_worker', certificate: '养老护理员证', cert_level: '4', contract_from: '2024-01-01' });
  expectEq(s1.status, 201, 'staff at the home');
  const s2 = await api('POST', 'inspect/staff', { facility_id: nursery.json.id, id_number: twice, name: '双岗护理员', occupation: 'nursery_worker', contract_from: '2024-06-01' });
  expectEq(s2.status, 201, 'the same person at the nursery');
  expectEq((await api('POST', 'users', { username: 'staff_web_op', password: PASSWORD, role: 'operator', region: BAZHOU, facilities: [home.json.id] })).status, 201, 'operator');
  expectEq((await api('POST', 'users', { username: 'staff_web_county', password: PASSWORD, role: 'county_official', region: BAZHOU })).status, 201, 'county official');

  // the county official: the share at B or better
  const county = await login(ctx, 'staff_web_county');
  await county.goto(ctx.server.base + `#/inspect/food?region=${TOWN}`);
  await county.locator('#if-share').getByText('50.00%（1/2）').waitFor();
  await county.locator(`tr[data-facility="${nursery.json.id}"]`).getByText('C（一般）').waitFor();
  await shot(county, 'inspect-food-zh');
  // a grade on the facility's page, through the dialog
  await county.goto(ctx.server.base + `#/facilities/${nursery.json.id}`);
  await sees(county, '食品安全等级', 'the food section on the facility page');
  await county.selectOption('#if-grade', 'A');
  await county.click('#if-save');
  await sees(county, '记录后不可修改', 'the consequence of recording a grade');
  await county.locator('dialog.if-dialog .btn-primary').click();
  await sees(county, '已记录评级', 'the grade recorded');
  await county.locator('#if-current').getByText('A（优秀）').waitFor();
  await county.goto(ctx.server.base + `#/inspect/food?region=${TOWN}`);
  await county.locator('#if-share').getByText('100.00%（2/2）').waitFor();

  // staff: the person at two places is flagged, ID numbers masked
  await county.goto(ctx.server.base + `#/inspect/staff?region=${TOWN}`);
  await county.locator('#is-duplicates').getByText('监督测试托育园').waitFor();
  await county.locator(`tr[data-staff="${s1.json.id}"] .is-dup`).waitFor();
  // certified: the home's carer holds one, the nursery's does not
  await county.locator('#is-total').getByText('50.00%（1/2）').first().waitFor();
  const text = await county.locator('main').innerText();
  expect(!text.includes(twice), 'no full ID number on the staff page');
  expect(text.includes(`${twice.slice(0, 6)}********${twice.slice(-4)}`), 'the masked ID number shown');
  expect(!/\b(?:if|is|nav)\.[a-z][A-Za-z_.]*/.test(text), 'no untranslated key');
  expect(!text.includes('eldercare_worker') && !text.includes('nursery_worker') && !text.includes('childcare_institution'), 'no internal code on the page');
  await shot(county, 'inspect-staff-zh');

  // the operator adds a staff member and records a training
  const op = await login(ctx, 'staff_web_op');
  await op.goto(ctx.server.base + '#/inspect/staff');
  await op.locator(`tr[data-staff="${s1.json.id}"]`).waitFor();
  expect(!(await op.locator('main').innerText()).includes('监督测试托育园'), 'the operator does not see the other facility');
  await op.locator('#is-add summary').click();
  await op.locator('#is-occupation option').first().waitFor({ state: 'attached' });
  await op.fill('#is-name', '新来护理员');
  await op.fill('#is-idn', idNumber('511902', '1990-02-03'));
  await op.selectOption('#is-occupation', { label: '养老护理员' });
  await op.fill('#is-from', '2025-01-01');
  await op.click('#is-save');
  await sees(op, '身份证号加密保存', 'the consequence of adding');
  await op.locator('dialog.is-dialog .btn-primary').click();
  await sees(op, '新来护理员', 'the new staff member listed');
  await op.getByRole('link', { name: '新来护理员' }).click();
  await op.click('#is-add-training');
  await sees(op, '计入岗前培训率', 'the consequence of a training');
  await op.locator('dialog.is-dialog select').selectOption({ label: '岗前培训' });
  await op.locator('dialog.is-dialog .btn-primary').click();
  await sees(op, '已记录', 'the training recorded');
  await op.locator('#is-train-table').getByText('岗前培训').waitFor();
  await shot(op, 'inspect-staff-member-zh');

  // a phone: the staff list fits the width
  const phone = await ctx.newPage({ width: 390, height: 844 });
  phone.on('pageerror', (e) => ctx.errors.push(`phone: ${e.message}`));
  await phone.goto(ctx.server.base + '#/login');
  await signIn(phone, 'staff_web_county', PASSWORD, 'attached');
  await phone.goto(ctx.server.base + `#/inspect/staff?region=${TOWN}`);
  await phone.locator('#is-duplicates').getByText('监督测试托育园').waitFor();
  const sw = await phone.evaluate(() => document.documentElement.scrollWidth);
  expect(sw <= 390, `the staff page scrolls sideways on a phone (${sw} px wide)`);
  await shot(phone, 'inspect-staff-zh-phone');
  await phone.goto(ctx.server.base + `#/inspect/food?region=${TOWN}`);
  await phone.locator('#if-share').waitFor();
  const fw = await phone.evaluate(() => document.documentElement.scrollWidth);
  expect(fw <= 390, `the food page scrolls sideways on a phone (${fw} px wide)`);
  await shot(phone, 'inspect-food-zh-phone');
}
