// Personal-data rights on a 360 px phone in elder mode: the public processing rules from the footer, the
// consent at registration, 我的个人信息 (who read the full ID number, the download, withdrawing a consent),
// and closing the account after re-entering the password.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, DEMO_PASSWORD, launchBrowser, startPlatform, type RunningPlatform, PAGE_TIMEOUT_MS } from './harness';

const PHONE_WIDTH = 360;
const STREET = '330105012';
const COMMUNITY = '330105012001';
const PASSWORD = 'Privacy2026ok';

function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

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

async function phonePage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: PHONE_WIDTH, height: 780 }, locale: 'zh-CN', acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  return page;
}

async function smsCode(phone: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const code = platform.lastSmsCode(phone);
    if (code) return code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no SMS code was sent to ${phone}`);
}

const call = (page: Page, method: string, url: string, body?: unknown) =>
  page.evaluate(
    async ([m, u, b]) => {
      const res = await fetch(u as string, {
        method: m as string,
        headers: { 'Content-Type': 'application/json' },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    [method, url, body] as const,
  );

async function expectNoSeriousAxe(page: Page, where: string) {
  const violations = await axeViolations(page);
  if (violations.length) console.log(`axe (${where}):`, JSON.stringify(violations, null, 1));
  expect(
    violations.filter((v) => v.impact === 'critical' || v.impact === 'serious'),
    where,
  ).toEqual([]);
}

describe('personal data on the portal', () => {
  it('shows the processing rules to anyone from the footer, in both languages', async () => {
    const page = await phonePage();
    await page.goto(platform.url + '/');
    await page.getByRole('contentinfo').getByRole('link', { name: '个人信息处理规则' }).click();
    await page.waitForURL('**/privacy');
    await expect.poll(() => page.locator('h1').textContent()).toBe('个人信息处理规则');
    for (const heading of ['用途', '法律依据', '保存期限', '接收方']) expect(await page.getByText(heading, { exact: true }).count()).toBeGreaterThan(5);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_WIDTH);
    await expectNoSeriousAxe(page, '/privacy');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Personal information processing rules');
    expect(await page.getByText('Legal basis', { exact: true }).count()).toBeGreaterThan(5);
    expect(await page.locator('main').textContent()).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('registers with consent, sees who read the full ID number, downloads the data, withdraws a consent and closes the account at 360 px', async () => {
    const page = await phonePage();
    await page.goto(platform.url + '/');
    await page.locator('.elder-toggle--big').click();

    // Registration: the consent box must be ticked.
    const phone = `136${String(Date.now() % 1e8).padStart(8, '0')}`;
    const id = idNumber('33010519580618' + String(100 + Math.floor(Math.random() * 899)));
    await page.goto(`${platform.url}/register`);
    await page.getByLabel('手机号', { exact: true }).fill(phone);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByText(/验证码已发送到/).waitFor();
    await page.getByLabel('短信验证码').fill(await smsCode(phone));
    await page.getByLabel('设置密码').fill(PASSWORD);
    await page.getByLabel('真实姓名').fill('周桂兰');
    await page.getByLabel('身份证号').fill(id);
    await page.getByLabel('街道/乡镇').selectOption(STREET);
    await page.getByLabel('社区/村').selectOption(COMMUNITY);
    await page.getByRole('button', { name: '注册', exact: true }).click();
    await page.locator('#reg-privacy-error').waitFor();
    expect(await page.getByLabel(/我已阅读并同意/).getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel(/我已阅读并同意/).check();
    await page.getByRole('button', { name: '注册', exact: true }).click();
    await page.waitForURL('**/profile');

    // A street administrator reads the full ID number; a linked phone gives a consent to withdraw.
    const residentId = (await call(page, 'GET', '/api/residents/me')).body.id as string;
    expect((await call(page, 'POST', '/api/me/linked-identities/phone', { consent: true })).status).toBe(201);
    const staff = await phonePage();
    await staff.goto(platform.url + '/');
    expect((await call(staff, 'POST', '/api/auth/login', { username: 'street', password: DEMO_PASSWORD })).status).toBe(200);
    expect((await call(staff, 'GET', `/api/residents/${residentId}/id-number`)).body.idNumber).toBe(id);

    // 我的 → 我的个人信息
    await page.getByTestId('my-data-link').click();
    await page.waitForURL('**/my-data');
    await page.getByRole('heading', { name: '谁查看过我的完整身份证号' }).waitFor();
    await expect.poll(() => page.getByTestId('id-reads').textContent()).toContain('street');
    expect(await page.locator('main').textContent()).not.toContain(id);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_WIDTH);
    const download = page.getByTestId('download-my-data');
    expect((await download.boundingBox())!.height).toBeGreaterThanOrEqual(48);
    await page.screenshot({ path: '/tmp/privacy-my-data-360.png', fullPage: false });
    await page.screenshot({ path: '/tmp/privacy-my-data-360-full.png', fullPage: true });
    await expectNoSeriousAxe(page, '/my-data');

    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toMatch(/^learncity-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(readFileSync((await file.path())!, 'utf8'));
    expect(data.profile.realName).toBe('周桂兰');
    expect(data.account.phone).toBe(phone);
    expect(data.idNumberReads).toEqual([expect.objectContaining({ by: 'street' })]);
    expect(data.consents.map((c: { kind: string }) => c.kind).sort()).toEqual(['identity_link', 'privacy_notice']);
    expect(JSON.stringify(data)).not.toContain(id);

    // Withdraw the linked phone, confirming inline.
    const linked = page.locator('[data-consent="identity_link"]');
    await linked.getByRole('button', { name: '撤回授权' }).click();
    await linked.getByRole('button', { name: '确定撤回' }).click();
    await page.getByText('已撤回该授权').waitFor();
    await expect.poll(() => linked.textContent()).toContain('已撤回');

    // Close: a wrong password changes nothing; the right one closes and logs out.
    await page.getByRole('button', { name: '我要注销账号' }).click();
    await page.getByLabel('登录密码', { exact: true }).fill('wrong-password-1');
    await page.getByLabel(/我已了解/).check();
    await page.screenshot({ path: '/tmp/privacy-close-360.png', fullPage: false });
    await page.getByRole('button', { name: '确认注销' }).click();
    await page.locator('#close-password-error').waitFor();
    expect((await call(page, 'GET', '/api/residents/me')).status).toBe(200);
    await page.getByLabel('登录密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '确认注销' }).click();
    await page.getByRole('heading', { name: '账号已注销' }).waitFor();
    await page.screenshot({ path: '/tmp/privacy-closed-360.png', fullPage: false });
    expect((await call(page, 'GET', '/api/residents/me')).status).toBe(401);
    expect((await call(page, 'POST', '/api/auth/login', { username: phone, password: PASSWORD })).status).toBe(401);
    await page.goto(`${platform.url}/me`);
    await expect.poll(() => page.getByRole('main').getByRole('link', { name: '登录', exact: true }).count()).toBe(1);
  });
});
