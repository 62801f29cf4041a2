// The printable annual report in a real browser, on the demo district with a year's reported funding: cover with the issuing
// body, the year's work under the policy headings, every street in the appendix and on every chart; a
// leader edits the drafted problems and the page (and the export) shows the edit; passes axe; English whole.
import { describe, it, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { platformForFile, apiCall, consolePage, expectAccessible } from './harness';

const shots = process.env.CONSOLE_SHOTS ?? '/tmp';
const file = platformForFile({}, 300_000);

const year = 2026;

/** Every street reports the year's funding (three spent money), accepted; the year's indicators computed. */
async function seedYear(district: Page) {
  const tpl = await apiCall(district, 'POST', '/api/monitoring/form-templates', {
    title: '年度经费',
    ownerRegionCode: '330105',
    fields: [{ key: 'funding', label: '社区教育专项经费', type: 'number', unit: '元', required: true, feeds: 'FUNDING' }],
  });
  expect(tpl.status).toBe(201);
  const streets = (await apiCall(district, 'GET', '/api/regions/330105/children?pageSize=100')).body.items as { code: string }[];
  const task = await apiCall(district, 'POST', '/api/monitoring/form-tasks', {
    templateId: tpl.body.id,
    period: String(year),
    deadline: '2030-12-31',
    units: streets.map((s) => ({ regionCode: s.code })),
  });
  expect(task.status).toBe(201);
  for (const [i, a] of (task.body.assignments as { id: string }[]).entries()) {
    expect((await apiCall(district, 'POST', `/api/monitoring/assignments/${a.id}/submissions`, { values: { funding: 200_000 + i * 37_000 } })).status).toBe(
      200,
    );
    expect((await apiCall(district, 'POST', `/api/monitoring/assignments/${a.id}/review`, { decision: 'accept' })).status).toBe(200);
  }
  expect((await apiCall(district, 'POST', '/api/monitoring/computations', { region: '330105', year })).status).toBe(200);
}

describe('annual report page', () => {
  it('reads as a document, every street on every chart; a leader edits the problems before export', async () => {
    await seedYear(await consolePage(file.browser, file.platform.url, 'district'));
    const leader = await consolePage(file.browser, file.platform.url, 'leader');
    const streets = (await apiCall(leader, 'GET', '/api/regions/330105/children?pageSize=100')).body.items as { name: string }[];
    await leader.goto(`${file.platform.url}/console/report?region=330105&year=${year}`);
    const paper = leader.getByTestId('report-paper');
    await paper.waitFor({ timeout: 60_000 });
    expect(await leader.locator('.cover-title').textContent()).toBe(`杭州市拱墅区${year}年度社区教育发展报告`);
    expect(await leader.getByTestId('report-issuer').textContent()).toBe('杭州市拱墅区学习型城市建设领导小组办公室');
    const headings = await paper.locator('h2, h3').allTextContents();
    expect(headings.slice(0, 3)).toEqual(['一、总体情况', `二、${year}年主要工作`, '（一）健全社区教育网络']);
    expect(headings).toContain('（九）加强队伍建设');
    expect(headings.at(-1)).toBe('附录二 数据来源与覆盖情况');
    const text = (await paper.textContent()) ?? '';
    expect(text).not.toContain('暂无数据');
    for (const s of streets) expect(text, s.name).toContain(s.name);
    const charts = paper.locator('figure.chart img');
    expect(await charts.count()).toBeGreaterThan(0);
    for (const img of await charts.all()) {
      expect(await img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).toBe(true);
      const svg = decodeURIComponent((await img.getAttribute('src'))!.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
      for (const s of streets) expect(svg, s.name).toContain(s.name);
    }
    await leader.screenshot({ path: `${shots}/report-1-cover.png` });
    await expectAccessible(leader, 'report page');

    // The leader edits the drafted problems; the page shows the edit and says the export uses it.
    await leader.getByTestId('edit-problems').click();
    const editor = leader.getByTestId('editor-problems');
    const drafted = await editor.inputValue();
    expect(drafted).toMatch(/^1\. /);
    await editor.fill(`${drafted}\n9. 街道社区学校用房需落实固定场地。`);
    await leader.getByTestId('save-problems').click();
    await expect.poll(() => leader.getByTestId('report-problems').textContent()).toContain('9. 街道社区学校用房需落实固定场地。');
    expect(await leader.getByTestId('report-problems').textContent()).toContain('导出的报告使用编辑后的文本');
    await leader.getByTestId('report-problems').scrollIntoViewIfNeeded();
    await leader.screenshot({ path: `${shots}/report-2-problems.png` });
    await expectAccessible(leader, 'report page, problems edited');
    await leader.getByTestId('report-word').click();
    await leader.getByTestId('report-download').waitFor({ timeout: 90_000 });
    expect(await leader.getByTestId('report-download').textContent()).toContain(`杭州市拱墅区${year}年度社区教育发展报告.docx`);

    // Printed: A4, without the console's frame.
    await leader.emulateMedia({ media: 'print' });
    expect(await leader.locator('.el-aside').isVisible()).toBe(false);
    expect(await leader.getByTestId('edit-problems').isVisible()).toBe(false);
    await leader.pdf({ path: `${shots}/report-print.pdf`, format: 'A4', preferCSSPageSize: true });
    await leader.emulateMedia({ media: 'screen' });
  });

  it('is written whole in English in the English console', async () => {
    const leader = await consolePage(file.browser, file.platform.url, 'leader');
    await leader.evaluate(() => localStorage.setItem('lc.locale', 'en'));
    await leader.goto(`${file.platform.url}/console/report?region=330105&year=${year}`);
    const paper = leader.getByTestId('report-paper');
    await paper.waitFor({ timeout: 60_000 });
    expect(await leader.locator('.cover-title').textContent()).toBe(`杭州市拱墅区 Community Education Development Report ${year}`);
    const headings = await paper.locator('h2').allTextContents();
    expect(headings).toEqual([
      '1 Summary',
      `2 The work of ${year}`,
      '3 Comparisons',
      '4 Problems found',
      `5 Priorities for ${year + 1}`,
      'Appendix 1 Figures by street',
      'Appendix 2 Data sources and coverage',
    ]);
    await leader.screenshot({ path: `${shots}/report-3-en.png` });
    await expectAccessible(leader, 'report page (English)');
  });
});
