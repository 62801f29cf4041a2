// The course library in a real browser against the real platform: a district administrator runs a call for
// courses in the console from opening to decision and finds the accepted course in the library; a resident
// on a phone-sized screen opens a published video, seeks in it (Range requests), and after a reload the
// player resumes where they were.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startPlatform, launchBrowser, axeViolations, DEMO_PASSWORD, type RunningPlatform, PAGE_TIMEOUT_MS } from './harness';

let platform: RunningPlatform;
let browser: Browser;
const stamp = Date.now().toString(36).slice(-5);
const CALL_TITLE = `浏览器测试课程征集${stamp}`;
const PROPOSAL_TITLE = `社区茶艺与茶文化${stamp}`;

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

async function consoleLogin(page: Page, username: string) {
  await page.goto(platform.url + '/console/');
  await page.waitForURL(/\/console\/login/);
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/console\/(\?.*)?$/);
}

/** An Element Plus input by test id: the attribute lands on the native input or on its wrapper. */
const field = (page: Page, id: string) => page.locator(`input[data-testid=${id}], [data-testid=${id}] input`).first();

/** Picks an option of an Element Plus select by its visible text. */
async function pick(page: Page, select: string, option: string) {
  await page.locator(select).click();
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: option }).first().click();
}

async function seriousViolations(page: Page, where: string) {
  await page
    .locator('.el-message')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  const violations = await axeViolations(page);
  if (violations.length) console.log(`axe (${where}):`, JSON.stringify(violations));
  return violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => v.id);
}

describe('calls for courses in the console', () => {
  it('runs a call from opening to decision, and the accepted course is then in the library', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    await consoleLogin(page, 'district');

    await page.getByRole('menuitem', { name: '课程征集' }).click();
    await page.waitForURL(/\/console\/calls/);
    // The demo's open call is listed.
    await expect.poll(() => page.locator('[data-testid=call-table]').textContent()).toContain('精品课程征集');
    await page.locator('[data-testid=call-create]').click();
    await field(page, 'cl-title').fill(CALL_TITLE);
    await field(page, 'cl-budget').fill('50000');
    await pick(page, '[data-testid=cl-reviewers]', '社区教育办公室');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=cl-save]').click();
    await page.waitForURL(/\/console\/calls\/[0-9a-f-]{36}/);
    await expect.poll(() => page.locator('[data-testid=call-status]').textContent()).toContain('草稿');

    await page.locator('[data-testid=call-open]').click();
    await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click();
    await expect.poll(() => page.locator('[data-testid=call-status]').textContent()).toContain('征集中');
    expect(await seriousViolations(page, 'call detail')).toEqual([]);

    // The office enters a proposal on behalf of an outside training body.
    await page.locator('[data-testid=call-submit]').click();
    await field(page, 'pp-supplier').fill('杭州某茶文化培训中心');
    await field(page, 'pp-title').fill(PROPOSAL_TITLE);
    await pick(page, '[data-testid=pp-category]', '养生');
    await page.locator('[data-testid=pp-groups]').getByText('老年人').click();
    await page.locator('[data-testid=pp-save]').click();
    await expect.poll(() => page.locator('[data-testid=proposal-table]').textContent()).toContain(PROPOSAL_TITLE);

    await page.locator('[data-testid=call-review]').click();
    await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click();
    await expect.poll(() => page.locator('[data-testid=call-status]').textContent()).toContain('评审中');

    // The district office is also a reviewer here: it scores once, then decides.
    await page.locator('[data-testid=proposal-score]').click();
    await field(page, 'score-0').fill('36');
    await page.locator('[data-testid=score-save]').click();
    await expect.poll(() => page.locator('[data-testid=proposal-table]').textContent()).toContain('已评');
    await expect.poll(async () => await page.locator('[data-testid=proposal-score]').count()).toBe(0);

    await page.locator('[data-testid=proposal-decide]').click();
    await page.locator('[data-testid=decision-kind]').getByText('录用').click();
    await page.locator('[data-testid=decision-save]').click();
    await expect.poll(() => page.locator('[data-testid=proposal-table]').textContent()).toContain('已录用');

    // The accepted course opens from the proposal, and the library finds it.
    await page.locator('[data-testid=proposal-course]').click();
    await page.waitForURL(/\/console\/courses\/[0-9a-f-]{36}/);
    await expect.poll(() => page.locator('h1').textContent()).toContain(PROPOSAL_TITLE);
    await page.getByRole('menuitem', { name: '课程资源库' }).click();
    await page.waitForURL(/\/console\/courses$/);
    await field(page, 'course-search').fill('茶艺');
    await field(page, 'course-search').press('Enter');
    await expect.poll(() => page.locator('[data-testid=course-table]').textContent()).toContain(PROPOSAL_TITLE);
    const row = page.locator('[data-testid=course-table] tr', { hasText: PROPOSAL_TITLE });
    expect(await row.textContent()).toContain('征集');
    expect(await row.textContent()).toContain('已发布');
    expect(await seriousViolations(page, 'course library')).toEqual([]);
    await context.close();
  });
});

describe('a video on a phone', () => {
  it('seeks with Range requests and resumes where the resident left off after a reload', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    const ranges: number[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/files/')) ranges.push(r.status());
    });

    await page.goto(platform.url + '/login');
    await page.locator('#login-username').fill('13900000001');
    await page.locator('#login-password').fill(DEMO_PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));

    await page.goto(platform.url + '/courses');
    await page.locator('[data-testid=course-q]').fill('八段锦');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await page.locator('[data-testid=course-list]').getByRole('link', { name: '八段锦健身气功' }).click();
    await page.waitForURL(/\/courses\/[0-9a-f-]{36}/);
    await page.locator('[data-testid=resource-item]').getByRole('link').first().click();
    await page.waitForURL(/\/resources\/[0-9a-f-]{36}/);

    const video = page.locator('[data-testid=player]');
    await video.waitFor();
    await page.waitForFunction(() => (document.querySelector('[data-testid=player]') as HTMLVideoElement)?.readyState >= 1);
    const duration = await video.evaluate((v: HTMLVideoElement) => v.duration);
    expect(duration).toBeGreaterThan(15);
    const seeked = await video.evaluate(
      (v: HTMLVideoElement) =>
        new Promise<number>((resolve) => {
          v.addEventListener('seeked', () => resolve(v.currentTime), { once: true });
          v.currentTime = 12;
        }),
    );
    expect(seeked).toBeCloseTo(12, 0);
    await expect.poll(() => page.locator('[data-testid=save-status]').textContent()).toContain('学习进度已保存');
    expect(ranges).toContain(206);
    expect(await seriousViolations(page, 'player')).toEqual([]);

    await page.reload();
    await expect.poll(() => page.locator('[data-testid=resume-at]').textContent()).toContain('0:12');
    await page.waitForFunction(() => {
      const v = document.querySelector('[data-testid=player]') as HTMLVideoElement | null;
      return !!v && v.readyState >= 1 && Math.abs(v.currentTime - 12) < 1;
    });
    const saved = await page.evaluate(async () => (await (await fetch('/api/resource-progress')).json()).items[0]);
    expect(saved).toMatchObject({ courseTitle: '八段锦健身气功', positionSeconds: 12 });
    await context.close();
  });
});
