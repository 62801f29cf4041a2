// The console's webhooks drawer, and the portal's linked-platforms page in a real Chromium: a resident sees the partner platforms, links the
// phone verified at registration and an e-mail verified with a code, each only after ticking consent, and unlinks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN_PASSWORD, DEMO_PASSWORD, consolePage, expectAccessible, launchBrowser, startPlatform, type RunningPlatform, PAGE_TIMEOUT_MS } from './harness';

let platform: RunningPlatform;
let browser: Browser;

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
  const login = await fetch(platform.url + '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: platform.url },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const cookie = String(login.headers.get('set-cookie')).split(';')[0];
  const partner = await fetch(platform.url + '/api/partners', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: platform.url, cookie },
    body: JSON.stringify({ name: '浙江省终身学习平台', scopes: ['statements/write'], regionCode: null }),
  });
  if (partner.status !== 201) throw new Error(await partner.text());
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('linked learning platforms (portal)', () => {
  it('links the phone and an e-mail with consent, and unlinks', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    await page.goto(platform.url + '/login?redirect=/links');
    await page.locator('#login-username').fill('13900000001');
    await page.locator('#login-password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/links$/);
    await expect.poll(() => page.getByTestId('link-partners').textContent()).toContain('浙江省终身学习平台');
    await expectAccessible(page, 'links page');

    const linkPhone = page.getByRole('button', { name: '同意并关联手机号' });
    expect(await linkPhone.isDisabled()).toBe(true);
    await page.locator('#phone-consent').check();
    await linkPhone.click();
    await expect.poll(() => page.getByTestId('linked').textContent()).toContain('139****0001');

    await page.locator('#link-email').fill('wang.xy@example.org');
    await page.getByRole('button', { name: '发送验证码' }).click();
    await page.getByText('验证码已发送至 w***@example.org').waitFor();
    const code = [...platform.output().matchAll(/\[email\] to wang\.xy@example\.org: .*?(\d{6})/g)].pop()?.[1];
    expect(code).toMatch(/^\d{6}$/);
    await page.locator('#link-email-code').fill(code!);
    await page.locator('#link-email-consent').check();
    await page.getByRole('button', { name: '同意并关联邮箱' }).click();
    await expect.poll(() => page.getByTestId('linked').textContent()).toContain('w***@example.org');
    await expectAccessible(page, 'links page, linked');

    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('linked').getByRole('button', { name: '解除关联' }).last().click();
    await expect.poll(() => page.getByTestId('linked').textContent()).not.toContain('w***@example.org');
    await context.close();
  });

  it('subscribes a partner to events in the console, showing the signing secret once', async () => {
    const page = await consolePage(browser, platform.url, 'district');
    await page.goto(platform.url + '/console/partners');
    await page.getByRole('button', { name: '事件推送' }).first().click();
    // The platform's own machine or network is refused: a webhook must not become a way to probe it.
    await page.locator('#wh-url').fill('http://127.0.0.1:5432/hook');
    await page.getByRole('button', { name: '添加订阅' }).click();
    await page.getByText('推送地址须是公网地址，不能是本机或内网地址').first().waitFor();
    await page.locator('#wh-url').fill('https://partner.example.org/hook');
    await page.getByRole('button', { name: '添加订阅' }).click();
    await page.getByTestId('webhook-secret').waitFor();
    expect(await page.getByTestId('webhook-secret').textContent()).toMatch(/^whsec_/);
    await expectAccessible(page, 'webhooks drawer');
    await page.context().close();
  });
});
