// The subsidy ledger page asks the server one page at a time: a township
// of 12 people (7 aged 85, 5 aged 95) paid 高龄津贴 for 5 months has
// 5 × 12 = 60 lines, more than the page of 50. The count and the net total
// shown are of every line — 5 × (7 × 60 + 5 × 120) = 5,100 元 from the
// published amounts (docs/subsidy-seeds.md row 1: 60 元 a month at 80-89,
// 120 at 90-99), and the sum of the lines' fen computed here from the whole
// ledger — page 2 shows lines 51 to 60 in the server's order, the filters
// stay in the address when paging, the page never asks for the whole
// ledger as JSON, and the Excel export is still of the whole ledger. At
// 1366 and 390 px. A line whose reversal is on another page no longer
// offers 冲正: the server marks it reversed.
import { people } from './people.mjs';

const DAZHU = '511724000000';
const TOWN = '511724931000'; // used by no other browser test
const PERIODS = ['2025-06', '2025-07', '2025-08', '2025-09', '2025-10'];
const AGES = [85, 85, 85, 85, 85, 85, 85, 95, 95, 95, 95, 95];
const MONTHLY_FEN = (age) => (age >= 90 ? 12000 : 6000);
const PER_PAGE = 50;

// 510000 fen → "5,100"; 102050 → "1,020.50" (as the page writes yuan)
function yuanText(fen) {
  const whole = String(Math.floor(Math.abs(fen) / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = Math.abs(fen) % 100;
  return (fen < 0 ? '-' : '') + whole + (cents ? `.${String(cents).padStart(2, '0')}` : '');
}

export async function ledgerPages(ctx, { login, sees, shot, expect, expectEq, runInSteps }) {
  const { api } = ctx;
  expectEq((await api('POST', 'regions', { code: TOWN, name: '台账分页镇', level: 'township', parent: DAZHU })).status, 201, 'the township');
  const bodies = people(
    TOWN,
    AGES.map((age, i) => [`分页${i + 1}号`, age]),
  );
  for (const p of bodies) expectEq((await api('POST', 'persons', p)).status, 201, `person ${p.name}`);
  for (const period of PERIODS) {
    const r = await runInSteps(ctx, { scheme: 'dazhu.gaoling', period, region: TOWN });
    expectEq(r.status, 200, `the run of ${period}: ${JSON.stringify(r.json)}`);
  }

  // the expected figures: from the published amounts, and from the lines
  const want = PERIODS.length * AGES.reduce((s, age) => s + MONTHLY_FEN(age), 0);
  const all = (await api('GET', `subsidies/ledger?region=${TOWN}`)).json.items;
  expectEq(all.length, PERIODS.length * AGES.length, 'one line per person and month');
  const sum = all.reduce((s, l) => s + l.fen, 0);
  expectEq(sum, want, 'the lines add up to the published amounts');
  expect(all.length > PER_PAGE, 'more lines than a page');
  const ids = all.map((l) => String(l.id));
  const totalText = `共 ${all.length} 条，净额 ${yuanText(sum)} 元`;

  for (const [width, height, tag] of [
    [1366, 768, 'desktop'],
    [390, 844, 'phone'],
  ]) {
    const page = await login(ctx, 'admin');
    await page.setViewportSize({ width, height });
    // every JSON ask for the ledger names its page; the export asks apart
    const asked = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.endsWith('/api/v1/subsidies/ledger')) asked.push(u.searchParams);
    });
    await page.goto(ctx.server.base + `#/subsidies?tab=ledger&region=${TOWN}&scheme=dazhu.gaoling`);
    await sees(page, totalText, `${tag}: the count and total of every line`);
    const rows = page.locator('.sub-ledger tbody tr[data-line]');
    // (waits by selector: the page's CSP forbids the evaluated kind)
    await page.locator(`.sub-ledger tr[data-line="${ids[PER_PAGE - 1]}"]`).waitFor();
    expectEq(JSON.stringify(await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.line))), JSON.stringify(ids.slice(0, PER_PAGE)), `${tag}: page 1 is the first ${PER_PAGE} lines`);
    await sees(page, '第 1 / 2 页', `${tag}: the pager`);
    // the scheme by its name, not its code
    const schemeCell = await rows.first().locator('td').nth(1).innerText();
    expectEq(schemeCell.trim(), '高龄津贴', `${tag}: the scheme column`);
    await shot(page, `ledger-pages-1-${tag}`);

    await page.locator('.pager button:has-text("下一页")').click();
    await page.locator(`.sub-ledger tr[data-line="${ids[PER_PAGE]}"]`).waitFor();
    expectEq(JSON.stringify(await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.line))), JSON.stringify(ids.slice(PER_PAGE)), `${tag}: page 2 is the next lines`);
    await sees(page, '第 2 / 2 页', `${tag}: on page 2`);
    await sees(page, totalText, `${tag}: the count and total stay those of every line`);
    const hash = new URL(page.url()).hash;
    expect(hash.includes('page=2') && hash.includes('scheme=dazhu.gaoling') && hash.includes(`region=${TOWN}`), `${tag}: the filters stay when paging: ${hash}`);
    await shot(page, `ledger-pages-2-${tag}`);

    // the whole ledger to Excel: the export route, with the filters and no page
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[data-action="export-xlsx"]')]);
    expect(download.suggestedFilename().endsWith('.xlsx'), `${tag}: an Excel file: ${download.suggestedFilename()}`);

    expect(asked.length >= 2, `${tag}: the ledger was asked for`);
    for (const q of asked) {
      if (q.get('format')) continue; // the bank file, a route of its own kind
      expect(q.get('page') && q.get('per_page'), `${tag}: a ledger ask without a page: ${q}`);
    }
    await page.close();
  }

  // no region chosen (an administrator's whole ledger of a period): every
  // scheme still by its name, looked up from each line's own region
  const one = await login(ctx, 'admin');
  await one.goto(ctx.server.base + `#/subsidies?tab=ledger&period=${PERIODS[0]}`);
  await one.locator('.sub-ledger tbody tr[data-line]').first().waitFor();
  const schemeCells = await one.locator('.sub-ledger tbody tr[data-line] td:nth-child(2)').allInnerTexts();
  expect(schemeCells.length > 0 && schemeCells.every((c) => !/^[a-z_]+\.[a-z_0-9.]+$/.test(c.trim())), `no scheme code in the column: ${JSON.stringify(schemeCells.slice(0, 5))}`);

  // a period filter: 12 lines, one page, no pager
  await one.goto(ctx.server.base + `#/subsidies?tab=ledger&region=${TOWN}&page=2`);
  await one.fill('input[placeholder="2026-11"]', PERIODS[0]);
  await one.click('form.filters button[type=submit]');
  const first = all.filter((l) => l.period === PERIODS[0]);
  await sees(one, `共 ${first.length} 条，净额 ${yuanText(first.reduce((s, l) => s + l.fen, 0))} 元`, 'the period filter, from page 1');
  await one.locator(`.sub-ledger tr[data-line="${first[first.length - 1].id}"]`).waitFor();
  expectEq(await one.locator('.sub-ledger tbody tr[data-line]').count(), first.length, 'the period\'s lines');
  expectEq(await one.locator('.pager').count(), 0, 'no pager for one page');

  // line 1 reversed: its reversal is line 61, on page 2, yet page 1 no
  // longer offers 冲正 on line 1 (the API marks it reversed); line 2 still does
  const r = await api('POST', `subsidies/ledger/${all[0].id}/reverse`, { reason: '重复登记' });
  expectEq(r.status, 201, `the reversal: ${JSON.stringify(r.json)}`);
  const marked = (await api('GET', `subsidies/ledger?region=${TOWN}&per_page=2`)).json.items;
  expectEq(JSON.stringify(marked.map((l) => l.reversed)), '[true,false]', 'the API marks the reversed line only');
  await one.goto(ctx.server.base + `#/subsidies?tab=ledger&region=${TOWN}`);
  await sees(one, `共 ${all.length + 1} 条，净额 ${yuanText(sum - all[0].fen)} 元`, 'the reversal in the count and total');
  await one.locator(`.sub-ledger tr[data-line="${all[1].id}"] button:has-text("冲正")`).waitFor();
  expectEq(await one.locator(`.sub-ledger tr[data-line="${all[0].id}"] button:has-text("冲正")`).count(), 0, 'no 冲正 on a line already reversed');
  const after = (await api('GET', `subsidies/ledger?region=${TOWN}&per_page=1`)).json;
  expectEq(after.count, all.length + 1, 'nothing else booked');
  await one.close();
}
