// Monitoring in a real browser: the district assigns a form, a street fills it in on the web and sees
// every bad field named, the district accepts it, and the indicators page shows the figures with
// compliance flags.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiCall, expectAccessible, consolePage, startPlatform, launchBrowser, type RunningPlatform } from './harness';

let platform: RunningPlatform;
let browser: Browser;

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const loggedIn = (username: string) => consolePage(browser, platform.url, username);

describe('monitoring console', () => {
  it('a street fills in an assigned form, the district accepts it, and the indicators show it with compliance', async () => {
    const district = await loggedIn('district');
    const tpl = await apiCall(district, 'POST', '/api/monitoring/form-templates', {
      title: '经费与参与季报',
      ownerRegionCode: '330105',
      fields: [
        { key: 'funding', label: '社区教育专项经费', type: 'number', unit: '元', required: true, feeds: 'FUNDING' },
        { key: 'participants', label: '参与学习的居民', type: 'integer', unit: '人', required: true, feeds: 'PARTICIPANTS' },
      ],
    });
    expect(tpl.status).toBe(201);
    const task = await apiCall(district, 'POST', '/api/monitoring/form-tasks', {
      templateId: tpl.body.id,
      period: '2026Q4',
      deadline: '2030-12-31',
      units: [{ regionCode: '330105012' }],
    });
    expect(task.status).toBe(201);

    const street = await loggedIn('street');
    await street.getByRole('menuitem', { name: '数据填报' }).click();
    const row = street.locator('[data-testid=my-reports] tr', { hasText: '经费与参与季报' });
    await row.getByRole('button', { name: '填报' }).click();
    await street.locator('[data-testid=field-participants] input').fill('-3');
    await street.locator('[data-testid=submit-report]').click();
    const form = street.locator('[data-testid=report-form]');
    await expect.poll(() => form.locator('.el-form-item__error').allTextContents()).toEqual(['必填', '不能小于 0']);
    await expectAccessible(street, 'report form with errors');
    await street.locator('[data-testid=field-funding] input').fill('4000000');
    await street.locator('[data-testid=field-participants] input').fill('56000');
    await street.locator('[data-testid=submit-report]').click();
    await street.getByRole('dialog').locator('.el-tag', { hasText: '待审核' }).waitFor();

    const assignment = task.body.assignments[0].id;
    expect((await apiCall(district, 'POST', `/api/monitoring/assignments/${assignment}/review`, { decision: 'accept' })).status).toBe(200);

    await district.goto(platform.url + '/console/indicators?region=330105&year=2026');
    const results = district.locator('[data-testid=results]');
    await expect.poll(() => district.locator('[data-testid=value-POP]').textContent()).toBe('1,120,985');
    expect(await district.locator('[data-testid=value-FUNDING]').textContent()).toBe('4,000,000');
    expect(await district.locator('[data-testid=value-I01]').textContent()).toBe('3.57');
    // One street of 18 reported one quarter: the figure is shown with its coverage and judged against nothing.
    expect(await district.locator('[data-testid=check-I01-gongshu]').textContent()).toContain('报送不全，暂不判定');
    expect(await district.locator('[data-testid=check-I01-national]').textContent()).toContain('报送不全，暂不判定');
    expect(await district.locator('[data-testid=coverage-I01]').textContent()).toBe('1/18 个街道已报送（2026Q4，未覆盖全年）');
    await expect.poll(() => results.locator('tr', { hasText: 'I14' }).textContent()).toContain('5.0%报送不全，暂不判定');
    await expectAccessible(district, 'indicators');

    await district.locator('[data-testid=value-I01]').click();
    const dialog = district.getByRole('dialog');
    await dialog.getByText('FUNDING / POP').waitFor();
    expect(await dialog.textContent()).toContain('4,000,000.00');
  });

  it('the population page shows street totals against the district with the difference', async () => {
    const district = await loggedIn('district');
    const streets = (await apiCall(district, 'GET', '/api/regions/330105/children?pageSize=2')).body.items;
    for (const [i, st] of streets.entries()) {
      expect(
        (await apiCall(district, 'PUT', `/api/regions/${st.code}/populations/2026`, { total: [600_000, 500_000][i], age60plus: 1000, source: '街道填报' }))
          .status,
      ).toBe(200);
    }
    await district.getByRole('menuitem', { name: '人口' }).click();
    const summary = district.locator('[data-testid=population-summary]');
    await expect.poll(() => summary.textContent()).toContain('1,120,985');
    expect(await summary.textContent()).toContain('1,100,000');
    expect(await summary.textContent()).toContain('-20,985');
    expect(await district.locator('[data-testid=population-children] tr', { hasText: streets[0].name }).textContent()).toContain('600,000');
    await expectAccessible(district, 'population');

    // The district office re-imports the census: nothing differs, and the page says so.
    await district.locator('[data-testid=census-import]').click();
    await district.getByRole('dialog').getByRole('button', { name: '重新导入 2020 年普查数据' }).click();
    const result = district.locator('[data-testid=census-import-result]');
    await expect.poll(() => result.textContent()).toContain('普查数据与现有数字一致');
    expect(await result.textContent()).toContain('1,120,985');
  });
});
