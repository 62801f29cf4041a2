// The credit bank in the browser: a resident applies for recognition from a 360 px phone with a photo of
// the certificate, the credit-bank officer reviews it in the console with the photo in view and approves,
// and the resident sees the credits and every step.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD, expectAccessible, consolePage, startPlatform, launchBrowser, type RunningPlatform, PAGE_TIMEOUT_MS } from './harness';

let platform: RunningPlatform;
let browser: Browser;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const TITLE = '养老护理员职业技能等级证书';

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('credit bank in the browser', () => {
  it('takes a recognition application from a phone through review to credits', async () => {
    const phone = await browser.newContext({ locale: 'zh-CN', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const resident = await phone.newPage();
    resident.setDefaultTimeout(PAGE_TIMEOUT_MS);
    await resident.goto(platform.url + '/login?redirect=/credits/recognition');
    await resident.locator('#login-username').fill('13900000001');
    await resident.locator('#login-password').fill(DEMO_PASSWORD);
    await resident.getByRole('button', { name: '登录' }).click();
    await resident.waitForURL(/\/credits\/recognition$/);
    await resident.locator('#rc-standard option[value=vocational_certificate]').waitFor({ state: 'attached' });

    // Submitting empty names every missing field and sends nothing.
    await resident.locator('[data-testid=rc-submit]').click();
    await expect.poll(() => resident.locator('[aria-invalid=true]').count()).toBeGreaterThanOrEqual(3);

    await resident.locator('#rc-standard').selectOption('vocational_certificate');
    await resident.locator('#rc-title').fill(TITLE);
    await resident.locator('#rc-provider').fill('杭州市职业技能鉴定中心');
    await resident.locator('#rc-date').fill('2026-06-01');
    await resident.locator('#rc-level').selectOption('四级中级工');
    await resident.locator('[data-testid=evidence-input]').setInputFiles({ name: 'certificate.png', mimeType: 'image/png', buffer: PNG });
    await resident.locator('[data-testid=evidence-file]').waitFor();
    expect(await resident.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(resident, 'recognition form (360 px)');
    await resident.locator('[data-testid=rc-submit]').click();
    await resident.waitForURL(/\/credits\/recognition\/[0-9a-f-]{36}/);
    await expect.poll(() => resident.locator('[data-testid=app-status]').innerText()).toBe('待审核');
    await expectAccessible(resident, 'recognition application (360 px)');

    // The officer sees it in the queue, with the photo, and approves it under the standard.
    const officer = await consolePage(browser, platform.url, 'credit');
    await officer.getByRole('menuitem', { name: '学分账户与认定' }).click();
    const row = officer.locator('[data-testid=recognition-table] .el-table__row', { hasText: TITLE });
    await row.waitFor();
    await expectAccessible(officer, 'recognition queue');
    await row.getByRole('button', { name: '审核' }).click();
    const dialog = officer.locator('.el-dialog', { hasText: TITLE });
    await dialog.waitFor();
    const preview = dialog.locator('[data-testid=evidence-preview]');
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    await expectAccessible(officer, 'recognition review');
    await dialog.locator('#dc-note').fill('证书真实有效');
    await dialog.locator('[data-testid=dc-approve]').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => officer.locator('[data-testid=recognition-table] .el-table__row', { hasText: TITLE }).count()).toBe(0);
    const pageErrors: string[] = [];
    officer.on('pageerror', (e) => pageErrors.push(e.message));
    // The deposit is in the ledger, under the standard and version it was computed with.
    await officer.getByRole('tab', { name: '学分台账' }).click();
    await expect.poll(() => officer.locator('.el-tab-pane:visible .el-table__row', { hasText: TITLE }).innerText()).toContain('vocational_certificate v1');
    await officer.getByRole('tab', { name: '学分标准' }).click();
    await expect.poll(() => officer.locator('.el-tab-pane:visible .el-table__row').count()).toBe(9);
    await expectAccessible(officer, 'credit standards');
    await officer.getByRole('tab', { name: '合作专业与转换规则' }).click();
    await officer.getByRole('button', { name: '新建合作专业' }).waitFor();
    expect(pageErrors).toEqual([]);

    // Back on the phone, the credits are there, with the steps.
    await resident.reload();
    await expect.poll(() => resident.locator('[data-testid=app-status]').innerText()).toBe('已认定');
    expect(await resident.locator('[data-testid=app-credits]').innerText()).toBe('6 学分');
    expect(await resident.locator('[data-testid=app-step]').allInnerTexts()).toEqual([
      expect.stringContaining('提交申请'),
      expect.stringContaining('认定通过'),
    ]);
    await resident.goto(platform.url + '/credits');
    await expect.poll(() => resident.locator('[data-testid=credit-balance]').innerText()).toBe('6 学分');
    await expect.poll(() => resident.locator('[data-testid=credit-entry]').first().innerText()).toContain(TITLE);
    expect(await resident.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(resident, 'my credits (360 px)');
  });
});
