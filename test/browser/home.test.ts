// Each staff role lands on its own home under a grouped menu: to-do counts from the server, each opening
// the list that holds the items. Screenshots at 1440×900 in both languages.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, consolePage, startPlatform, launchBrowser, type RunningPlatform } from './harness';

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

const work = (page: Page) => page.evaluate(async () => (await (await fetch('/api/me/work')).json()) as { items: { key: string; count: number }[] });
const groups = (page: Page) => page.locator('.side .group-title').allInnerTexts();

describe('console home', () => {
  it('gives each role its menu groups and its own to-do counts, each linking to its queue', async () => {
    const expected: Record<string, { groups: string[]; first: string }> = {
      district: { groups: ['资源', '教学', '居民服务', '学分银行', '监测评估', '治理', '系统'], first: 'formsToReview' },
      credit: { groups: ['资源', '居民服务', '学分银行'], first: 'recognitions' },
      unit: { groups: ['资源', '监测评估', '治理'], first: 'tasksOpen' },
      school: { groups: ['资源', '教学', '居民服务', '监测评估'], first: 'classesStarting' },
    };
    for (const [user, want] of Object.entries(expected)) {
      const page = await consolePage(browser, platform.url, user);
      await page.locator('[data-testid=todo]').waitFor();
      expect(
        (await groups(page)).map((g) => g.trim()),
        user,
      ).toEqual(want.groups);
      const api = await work(page);
      expect(api.items[0].key, user).toBe(want.first);
      for (const item of api.items) {
        await expect
          .poll(() => page.locator(`[data-testid=todo-${item.key}] .todo-count`).innerText(), { message: `${user} ${item.key}` })
          .toBe(String(item.count));
      }
      await page.screenshot({ path: `${shots}/home-${user}-zh.png` });
      await expectAccessible(page, `home of ${user}`);
      await page.context().close();
    }
  });

  it('opens the credit officer’s review queue from the count, and reads in English', async () => {
    const page = await consolePage(browser, platform.url, 'credit');
    await page.locator('[data-testid=todo-recognitions]').click();
    await page.waitForURL(/\/console\/credits\?/);
    expect(new URL(page.url()).searchParams.get('status')).toBe('submitted');
    await page.locator('[data-testid=recognition-table]').waitFor();
    await page.getByRole('menuitem', { name: '工作台首页' }).click();
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'To do' }).waitFor();
    expect(await page.locator('.side').innerText()).not.toMatch(/[\u4e00-\u9fff]/);
    await page.screenshot({ path: `${shots}/home-credit-en.png` });
    await expectAccessible(page, 'home in English');
    await page.getByText('中文', { exact: true }).click();
    await page.context().close();
  });

  it('opens the district’s classes starting soon with the look-ahead shown and removable', async () => {
    const page = await consolePage(browser, platform.url, 'district');
    await page.locator('[data-testid=todo-classesStarting]').click();
    await page.waitForURL(/\/console\/offerings\?/);
    await page.locator('[data-testid=starting-filter]').waitFor();
    expect(await page.locator('[data-testid=starting-filter]').innerText()).toContain('7 天内开课');
    await page.context().close();
  });
});

describe('read-only roles', () => {
  it('sends a leader who opens a class or course form to the reading view', async () => {
    const page = await consolePage(browser, platform.url, 'leader');
    await page.goto(platform.url + '/console/offerings/new');
    await page.waitForURL(/\/console\/offerings$/);
    await page.locator('.page-title').waitFor();
    expect(await page.getByRole('button', { name: '保存' }).count()).toBe(0);
    expect(await page.locator('[data-testid=new-class]').count()).toBe(0);
    await page.goto(platform.url + '/console/courses/new');
    await page.waitForURL(/\/console\/courses$/);
    expect(await page.getByRole('button', { name: '保存' }).count()).toBe(0);
    await page.screenshot({ path: `${shots}/leader-offerings-readonly.png` });
    await page.context().close();
  });
});
