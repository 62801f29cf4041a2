// A resident who forgot the password, on a 360×780 phone in elder mode: back in by SMS within two minutes
// (reset, then sign-in by code), and through the community desk with a temporary password that must be replaced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, consolePage, expectAccessible, launchBrowser, startPlatform, type RunningPlatform, PAGE_TIMEOUT_MS } from './harness';

const RESIDENT = '13900000001';
const SHOTS = process.env.SCREENSHOTS_DIR; // set to keep screenshots for looking at them

let platform: RunningPlatform;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await platform?.stop();
});

async function elderPhone(locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale });
  await context.addInitScript(() => localStorage.setItem('lc.elder', '1'));
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  return page;
}

const smsCount = (phone: string) => platform.output().split(`[sms] to ${phone}:`).length - 1;
/** The code the development sender printed once more than `before` messages had gone to this phone. */
async function codeAfter(phone: string, before: number): Promise<string> {
  for (let i = 0; i < 100; i++) {
    if (smsCount(phone) > before) return platform.lastSmsCode(phone)!;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no new SMS code was sent to ${phone}`);
}

async function expectNoSeriousAxe(page: Page, where: string) {
  const violations = await axeViolations(page);
  if (violations.length) console.log(`axe (${where}):`, JSON.stringify(violations, null, 1));
  expect(
    violations.filter((v) => v.impact === 'critical' || v.impact === 'serious'),
    where,
  ).toEqual([]);
}

const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};

describe('a resident who forgot the password', () => {
  it('is back in by SMS within two minutes at 360×780 in elder mode, then signs in by code alone', async () => {
    const page = await elderPhone();
    const started = Date.now();
    await page.goto(platform.url + '/login');
    expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(true);
    await shot(page, 'login-zh');
    await page.getByRole('link', { name: '忘记密码？' }).click();
    await page.waitForURL('**/forgot-password');
    await page.getByLabel('手机号').fill(RESIDENT);
    const before = smsCount(RESIDENT);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('139****0001');
    const code = await codeAfter(RESIDENT, before);
    await page.getByLabel('短信验证码').fill(code);
    // A weak password is refused next to the field, and nothing is spent.
    await page.getByLabel('新密码').fill('12345678');
    await page.getByRole('button', { name: '重设密码并登录' }).click();
    await expect.poll(() => page.locator('#reset-password').getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'forgot-zh');
    await expectNoSeriousAxe(page, '/forgot-password');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.getByLabel('新密码').fill('Plum blossom 2027');
    await page.getByRole('button', { name: '重设密码并登录' }).click();
    await page.waitForURL('**/profile');
    expect(Date.now() - started).toBeLessThan(120_000);
    await expect.poll(() => page.locator('main').textContent()).toContain('王秀英');

    // Signed out, the code alone signs in again.
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.goto(platform.url + '/login');
    await page.getByRole('radio', { name: '验证码登录' }).check();
    await page.getByLabel('手机号').fill(RESIDENT);
    const sentBefore = smsCount(RESIDENT);
    await page.getByRole('button', { name: '获取验证码' }).click();
    const loginCode = await codeAfter(RESIDENT, sentBefore);
    await page.getByLabel('短信验证码').fill(loginCode);
    await shot(page, 'login-sms-zh');
    await expectNoSeriousAxe(page, '/login (SMS)');
    await page.locator('form').getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/profile');
  });

  it('reads the same in English', async () => {
    const page = await elderPhone('en');
    await page.goto(platform.url + '/forgot-password');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Reset your password with an SMS code');
    expect(await page.locator('main').textContent()).not.toMatch(/[\u4e00-\u9fff]/);
    await shot(page, 'forgot-en');
    await page.goto(platform.url + '/login');
    await page.getByRole('radio', { name: 'With SMS code' }).check();
    expect(await page.locator('main').textContent()).not.toMatch(/[\u4e00-\u9fff]/);
    await shot(page, 'login-sms-en');
    await expectNoSeriousAxe(page, '/login (en)');
  });

  it('gets a temporary password at the community desk and must choose a new one at the next sign-in', async () => {
    const desk = await consolePage(browser, platform.url, 'community1');
    await desk.goto(platform.url + '/console/residents');
    const row = desk.locator('.el-table__row', { hasText: '王秀英' });
    await row.getByRole('button', { name: '重设密码' }).click();
    await desk.getByRole('button', { name: '核对无误，重设' }).click();
    const temporary = (await desk.getByTestId('temporary-password').textContent())!.trim();
    expect(temporary).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    // Checked once the dialog has faded in: halfway through, its text has a transitional, low-contrast colour.
    await desk.waitForFunction(() =>
      [...document.querySelectorAll('.el-overlay')].some((o) => getComputedStyle(o).opacity === '1' && !o.className.includes('fade')),
    );
    await desk.waitForTimeout(400);
    if (SHOTS) await desk.screenshot({ path: `${SHOTS}/console-reset-zh.png` });
    await expectAccessible(desk, '/console/residents (temporary password)');
    expect(await desk.locator('.console-footer').getByRole('link', { name: '个人信息处理规则' }).getAttribute('href')).toBe('/privacy');

    const page = await elderPhone();
    await page.goto(platform.url + '/login');
    await page.getByLabel('手机号').fill(RESIDENT);
    await page.getByLabel('密码', { exact: true }).fill(temporary);
    await page.locator('form').getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/password/new**');
    // Elsewhere in the portal the new password still comes first.
    await page.goto(platform.url + '/enrolments');
    await page.waitForURL('**/password/new**');
    await shot(page, 'set-password-zh');
    await expectNoSeriousAxe(page, '/password/new');
    await page.getByLabel('新密码').fill(temporary);
    await page.getByRole('button', { name: '保存新密码' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('新密码不能与临时密码相同');
    await page.getByLabel('新密码').fill('Morning tea 2028');
    await page.getByRole('button', { name: '保存新密码' }).click();
    await page.waitForURL('**/enrolments');
  });
});
