// Classes and events in a real browser: a street administrator sets up a class in the console (schedule
// preview, save, publish); a resident on a 360-px phone in elder mode finds the demo calligraphy class near
// home first and opens its page with schedule, venue accessibility, instructor and who may enrol. axe on each page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { consolePage, DEMO_PASSWORD, expectAccessible, launchBrowser, startPlatform, type RunningPlatform, PAGE_TIMEOUT_MS } from './harness';

let platform: RunningPlatform;
let browser: Browser;
const stamp = Date.now().toString(36).slice(-4);
const shanghaiDate = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

async function pick(page: Page, select: string, option: string | RegExp) {
  await page.locator(select).click();
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: option }).first().click();
}

describe('classes in the console', () => {
  it('a street administrator previews a weekly schedule, saves the class and publishes it', async () => {
    const page = await consolePage(browser, platform.url, 'street');
    await page.getByRole('menuitem', { name: '班级与活动' }).click();
    await page.waitForURL(/\/console\/offerings/);
    await expect.poll(() => page.locator('[data-testid=offering-table]').textContent()).toContain('书法入门（楷书）班');
    await expectAccessible(page, 'offerings list');

    await page.locator('[data-testid=new-class]').click();
    await page.waitForURL(/\/console\/offerings\/new/);
    await pick(page, '[data-testid=of-term]', '秋季学期');
    await page.locator('[data-testid=of-course]').click();
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '手机摄影与短视频剪辑' }).first().click();
    await page.locator('[data-testid=of-title] input, input[data-testid=of-title]').first().fill(`手机摄影班${stamp}`);
    await pick(page, '[data-testid=of-venue]', '街道社区学校报告厅');
    await page.locator('[data-testid=of-weekdays] .el-checkbox', { hasText: '周六' }).click();
    await page.locator('[data-testid=of-start]').fill('14:00');
    await page.locator('[data-testid=of-end]').fill('15:30');
    await page.locator('[data-testid=of-from]').fill(shanghaiDate(14));
    await page.locator('[data-testid=of-to]').fill(shanghaiDate(41));
    // Only vetted instructors are offered: 沈雅琴 is still waiting for vetting.
    await page.locator('[data-testid=of-teacher]').click();
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '周墨林' }).first().waitFor();
    // The teacher list (the venue list may still be fading out).
    expect(await page.locator('.el-select-dropdown:visible', { hasText: '周墨林' }).innerText()).not.toContain('沈雅琴');
    await page.keyboard.press('Escape');
    // The enrolment rules the API has: window, target groups, returning learners, completion threshold.
    await page.locator('[data-testid=of-opens]').fill(`${shanghaiDate(1)}T09:00`);
    await page.locator('[data-testid=of-closes]').fill(`${shanghaiDate(12)}T18:00`);
    await pick(page, '[data-testid=of-groups]', '老年人');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=of-only-groups]').click();
    await pick(page, '[data-testid=of-returning]', '老学员优先');
    await page.locator('#of-completion').fill('70');
    await page.locator('[data-testid=of-preview]').click();
    const preview = page.locator('[data-testid=of-preview-result]');
    await expect.poll(() => preview.textContent()).toMatch(/将生成 4 次课，共 6 学时/);
    expect(await preview.textContent()).toContain('14:00–15:30');
    await page.screenshot({ path: `${process.env.CONSOLE_SHOTS ?? '/tmp'}/offering-editor-zh.png`, fullPage: true });
    await expectAccessible(page, 'class editor with preview');

    await page.locator('[data-testid=of-save]').click();
    await page.waitForURL(/\/console\/offerings\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('[data-testid=offering-title]').textContent()).toBe(`手机摄影班${stamp}`);
    expect(await page.locator('[data-testid=offering-status]').textContent()).toContain('草稿');
    const saved = await page.evaluate(async (id) => await (await fetch('/api/offerings/' + id)).json(), page.url().split('/').pop());
    expect(saved).toMatchObject({
      enrolmentOpensAt: `${shanghaiDate(1)}T01:00:00.000Z`,
      enrolmentClosesAt: `${shanghaiDate(12)}T10:00:00.000Z`,
      targetGroups: ['elderly'],
      returningRule: 'priority_returning',
      completionThreshold: 70,
    });
    expect(saved.eligibility.targetGroups).toEqual(['elderly']);
    await page.locator('[data-testid=offering-publish]').click();
    await expect.poll(() => page.locator('[data-testid=offering-status]').textContent()).toContain('已发布');
    await expectAccessible(page, 'class detail');
    await page.context().close();
  });
});

describe('the catalogue on a phone', () => {
  it('finds the calligraphy class near home at 360 px in elder mode and opens its page', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 760 }, locale: 'zh-CN' });
    await context.addInitScript(() => localStorage.setItem('lc.elder', '1'));
    const page = await context.newPage();
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    await page.goto(`${platform.url}/login`);
    await page.getByLabel('手机号').fill('13900000001');
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL('**/profile');

    await page.getByRole('navigation').getByRole('link', { name: '课程活动' }).click();
    await page.waitForURL('**/offerings');
    expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(true);
    await expect.poll(() => page.locator('[data-testid=near-hint]').textContent()).toContain('已按离家远近排序');
    const first = page.locator('[data-testid=offering-card]').first();
    await expect.poll(() => first.textContent()).toContain('书法入门（楷书）班');
    expect(await first.textContent()).toContain('本社区');

    await page.getByLabel('搜索课程和活动').fill('书法');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await page.waitForURL(/q=/);
    await expect.poll(() => page.locator('[data-testid=offering-card]').first().textContent()).toContain('书法入门（楷书）班');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.getByRole('button', { name: '更多筛选' }).click();
    await expect.poll(() => page.getByLabel('街道').locator('option').allTextContents()).toContain('湖墅街道');
    await expectAccessible(page, 'catalogue at 360 px, elder mode');

    await page.locator('[data-testid=offering-card]').first().getByRole('link').click();
    await page.waitForURL(/\/offerings\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('h1').textContent()).toBe('书法入门（楷书）班');
    // Seats left are said once, by the enrol action, which updates when someone enrols.
    await expect.poll(() => page.locator('[data-testid=seats-left]').textContent()).toBe('剩余名额：20');
    expect(await page.locator('main').textContent()).not.toContain('剩余 20 个名额');
    expect(await page.locator('[data-testid=accessibility]').textContent()).toContain('无障碍通行');
    expect(await page.locator('[data-testid=eligibility]').textContent()).toContain('年满 50 周岁');
    expect(await page.locator('main').textContent()).toContain('周墨林');
    expect(await page.locator('main').textContent()).toContain('社区老年活动室');
    await expect.poll(() => page.locator('[data-testid=enrol-action]').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: '/tmp/offering-detail-elder-360.png', fullPage: true });
    await expectAccessible(page, 'offering detail at 360 px, elder mode');
    await context.close();
  });
});
