// 任务分工 (web/js/pages/task_plans.js) in a browser. A city official opens
// a plan, imports a task table with one bad row (refused, the row and the
// column shown, nothing imported), then the corrected table through the
// in-page dialog: the tasks show their lead (市卫健委 read as the
// directory's 市卫生健康委 once it is one), the counts per department, and
// a department's own tasks. Screenshots at 1366 px and 390 px.
const BAZHONG = '511900000000';

const GOOD = '序号,重点任务,责任单位,完成时限\r\n' + '1,网页测试甲任务,"市卫生健康委牵头，市民政局参加；各县（区）人民政府负责",2025年\r\n' + '2,网页测试乙任务,"[牵头单位:市民政局;责任单位:市财政局]",2023-12-31\r\n';
const BAD = GOOD + '3,网页测试丙任务,市民政局牵头,明年\r\n';

export async function taskPlans(ctx, { login, sees, shot, expect, expectEq, PASSWORD }) {
  const { api } = ctx;
  const plan = await api('POST', 'plans', { region: BAZHONG, title: '网页测试规划文件', number: '巴府办〔2099〕9号', issued_on: '2099-03-04' });
  expectEq(plan.status, 201, 'a plan');
  expectEq((await api('POST', 'users', { username: 'task_web_city', password: PASSWORD, role: 'city_official', region: BAZHONG })).status, 201, 'city official');
  const page = await login(ctx, 'task_web_city');
  await page.goto(ctx.server.base + '#/tasks');
  await sees(page, '网页测试规划文件', 'the plan in the list');
  await page.getByText('网页测试规划文件').click();
  await sees(page, '导入任务分工表', 'the import form');
  const upload = async (name, text) => {
    await page.setInputFiles('#task-file', { name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf-8') });
    await page.click('#task-import-btn');
    await sees(page, '有错误时不导入任何一行', 'the consequence of importing');
    await page.locator('dialog .btn-primary').click();
  };
  await upload('坏表.csv', BAD);
  await page.locator('#task-import-errors').getByText('完成时限').waitFor();
  const errText = await page.locator('#task-import-errors').innerText();
  expect(errText.includes('4'), 'the bad row (line 4) named');
  await shot(page, 'task-import-errors-zh');
  expect(!(await page.locator('#task-list').innerText()).includes('网页测试甲任务'), 'nothing imported');
  await upload('好表.csv', GOOD);
  await sees(page, '已导入 2 项任务', 'the import done');
  await page.locator('#task-list').getByText('网页测试甲任务').waitFor();
  const list = await page.locator('#task-list').innerText();
  expect(list.includes('市卫生健康委') && list.includes('2023-12-31') && list.includes('2025年'), 'lead and deadlines shown');
  const counts = await page.locator('#task-dept-counts').innerText();
  expect(counts.includes('市民政局') && counts.includes('市财政局'), 'counts per department');
  const text = await page.locator('main').innerText();
  expect(!/\btask\.[a-z][A-Za-z_.]*/.test(text), 'no untranslated key');
  expect(!text.includes('participate') && !text.includes('lead'), 'no internal role code');
  await shot(page, 'task-plan-zh');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'task-plan-390');
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.locator('#task-dept-counts').getByText('市民政局').click();
  await sees(page, '市民政局 承担的任务', 'the department view');
  const dept = await page.locator('#task-dept-list').innerText();
  expect(dept.includes('参加单位') && dept.includes('牵头单位'), 'its tasks by role');
  await shot(page, 'task-dept-zh');
  await page.close();
}
