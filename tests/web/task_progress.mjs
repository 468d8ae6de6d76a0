// 进展填报 and 任务进展 (web/js/pages/task_progress_report.js,
// task_progress.js) in a browser. A plan of 大竹 with two tasks is imported
// as a department writes it; the 县民政局's official, on a 390 px phone,
// reports the task it leads as done (100%) — asked first in an in-page
// dialog — and the county official reads the lights at 1366 px: the done
// task green, the other (led by 县卫生健康局, started with the plan in
// January 2024 and never reported) red, as the "tasks" policy's months-late
// rule says whatever the day the test runs before its deadline passes or
// after it.

const DAZHU = '511724000000';

export async function taskProgress(ctx, { login, sees, shot, expect, expectEq, PASSWORD }) {
  const { api, server } = ctx;
  const plan = await api('POST', 'plans', { region: DAZHU, title: '进展填报测试方案', number: '竹府办〔2024〕9号', issued_on: '2024-01-01' });
  expectEq(plan.status, 201, 'plan');
  const csv = '序号,重点任务,责任单位,完成时限\r\n' + '1,新建县级特困人员供养服务设施,县民政局牵头，县卫生健康局参加,2026年\r\n' + '2,发展普惠托育服务,县卫生健康局牵头,2026年\r\n';
  const imp = await fetch(server.base + `api/v1/plans/${plan.json.id}/tasks/import`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'text/csv' },
    body: csv,
  });
  expectEq(imp.status, 200, 'import');
  const deps = (await api('GET', `departments?region=${DAZHU}`)).json.items;
  const minzheng = deps.find((d) => d.name === '县民政局');
  expect(minzheng, 'the department 县民政局 in the directory');
  expectEq((await api('POST', 'users', { username: 'tp_web_dept', password: PASSWORD, role: 'dept_official', region: DAZHU, department_id: minzheng.id })).status, 201, 'department official');
  expectEq((await api('POST', 'users', { username: 'tp_web_county', password: PASSWORD, role: 'county_official', region: DAZHU })).status, 201, 'county official');

  // the department reports from a phone
  const dept = await login(ctx, 'tp_web_dept');
  await dept.setViewportSize({ width: 390, height: 844 });
  await dept.goto(server.base + '#/progress/report');
  await sees(dept, '县民政局', 'the form names the department');
  const card = dept.locator('section.card', { hasText: '新建县级特困人员供养服务设施' });
  await card.waitFor();
  expectEq(await dept.locator('section.card', { hasText: '发展普惠托育服务' }).count(), 0, 'a task the department is not named on is not in its form');
  await card.locator('input[name=percent]').fill('100');
  await card.locator('textarea[name=text]').fill('县特困人员供养服务设施已建成投用');
  await card.locator('button.btn-primary').click();
  await sees(dept, '每项任务每月只报一次', 'the consequence of reporting');
  await shot(dept, 'task-progress-report-dialog-phone');
  await dept.locator('dialog .btn-primary').click();
  await sees(dept, '已报送', 'reported');
  const sw = await dept.evaluate(() => document.documentElement.scrollWidth);
  expect(sw <= 390, `the form scrolls sideways on a phone (${sw} px wide)`);
  await shot(dept, 'task-progress-report-phone');

  // the lights, by the API and on the page
  const lights = (await api('GET', `progress?region=${DAZHU}&plan=${plan.json.id}`)).json.items;
  const byNo = Object.fromEntries(lights.map((x) => [x.number, x.light.colour]));
  expectEq(byNo['1'], 'green', 'the task reported done');
  expectEq(byNo['2'], 'red', 'the task never started, months late');
  const county = await login(ctx, 'tp_web_county');
  await county.goto(server.base + `#/progress?region=${DAZHU}&plan=${plan.json.id}`);
  await sees(county, '发展普惠托育服务', 'the tasks on the page');
  await sees(county, '绿灯', 'a green light');
  await sees(county, '红灯', 'a red light');
  const text = await county.locator('main').innerText();
  expect(!/\b(?:tp|nav)\.[a-z][A-Za-z_.]*/.test(text), 'no untranslated key');
  expect(!/\b(?:green|yellow|red|lead|participate)\b/.test(text), 'no internal code on the page');
  await shot(county, 'task-progress-lights');
}
