// Console forms that used to ask officers for machine keys or name the wrong district: the reporting-form
// editor picks indicators and types from lists, and member units load from templates named by their source.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, expectToast, keepToasts, consolePage, startPlatform, launchBrowser, type RunningPlatform } from './harness';

let platform: RunningPlatform;
let browser: Browser;
const shots = process.env.CONSOLE_SHOTS ?? '/tmp';

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const api = (page: Page, url: string) => page.evaluate(async (u) => (await fetch(u)).json(), url);

describe('console forms', () => {
  it('builds a reporting form by picking an indicator, never typing a key', async () => {
    const page = await consolePage(browser, platform.url, 'district');
    await page.getByRole('menuitem', { name: '数据填报' }).click();
    await page.getByRole('tab', { name: '填报任务' }).click();
    await page.getByRole('button', { name: '新建模板' }).click();
    const dialog = page.locator('.el-dialog', { hasText: '对应指标' });
    await dialog.waitFor();
    expect(await dialog.innerText()).not.toContain('字段代码');
    await dialog.locator('.el-input input').first().fill('经费季报（选择指标）');
    await page.locator('[data-testid=tpl-feeds-0]').click();
    const option = page.locator('.el-select-dropdown:visible .el-select-dropdown__item').first();
    const indicatorName = (await option.innerText()).trim();
    expect(indicatorName).toMatch(/[\u4e00-\u9fff]/);
    expect(indicatorName).not.toMatch(/^[A-Z_]+$/);
    await option.click();
    expect(await page.locator('[data-testid=tpl-label-0] input, input[data-testid=tpl-label-0]').first().inputValue()).toBe(indicatorName);
    await page.screenshot({ path: `${shots}/reporting-template-editor.png` });
    // The indicator list closes after the pick; checked once it has gone (fading out, it is still in the page).
    await expect.poll(() => page.locator('.el-select-dropdown:visible').count()).toBe(0);
    await expectAccessible(page, 'reporting template editor');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const saved = (await api(page, '/api/monitoring/form-templates?pageSize=200')).items.find((x: { title: string }) => x.title === '经费季报（选择指标）');
    const full = await api(page, `/api/monitoring/form-templates/${saved.id}`);
    expect(full.fields[0].feeds).toMatch(/^[A-Z_0-9]+$/);
    expect(full.fields[0].key).toBe(full.fields[0].feeds.toLowerCase());
    await page.context().close();
  });

  it('loads member units from a template named by its source, and saves the district’s own', async () => {
    const page = await consolePage(browser, platform.url, 'district');
    await page.getByRole('menuitem', { name: '领导小组与任务' }).click();
    await page.locator('[data-testid=open-templates]').click();
    const builtIn = page.locator('[data-testid=template-builtin]');
    await builtIn.waitFor();
    expect(await page.locator('[data-testid=open-templates]').innerText()).toBe('从模板导入成员单位');
    expect(await builtIn.innerText()).toContain('出处：南开政办函〔2021〕10号');
    await page.screenshot({ path: `${shots}/governance-templates.png` });
    await expectAccessible(page, 'member-unit templates');
    await keepToasts(page);
    await page.locator('[data-testid=load-template]').click();
    await expectToast(page, '已导入 0 个成员单位（已有 20 个保留不变）');

    await page.locator('[data-testid=save-template]').click();
    await page.locator('[data-testid=template-name] input, input[data-testid=template-name]').first().fill('拱墅区成员单位（2026）');
    await page.locator('[data-testid=confirm-save-template]').click();
    await expectToast(page, '已保存为模板（20 个成员单位）');
    const list = await api(page, '/api/member-unit-templates');
    expect(list.items.map((x: { name: string }) => x.name)).toEqual(['天津市南开区学习型城市建设工作机制', '拱墅区成员单位（2026）']);
    expect(list.items[1]).toMatchObject({ regionName: '杭州市拱墅区', unitCount: 20, builtIn: false });
    await page.context().close();
  });
});
