// A completion certificate in a real Chromium: the resident claims it and prints it with its QR code;
// someone without an account opens the QR link and sees "valid", pastes a copy with one character
// changed and sees "invalid"; the district revokes it in the console; the same link then shows "revoked".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consolePage, DEMO_PASSWORD, expectAccessible, launchBrowser, startPlatform, type RunningPlatform, PAGE_TIMEOUT_MS } from './harness';

let platform: RunningPlatform;
let browser: Browser;
const contexts: BrowserContext[] = [];

// The district body's seal, configured at installation as a file.
const sealDir = mkdtempSync(join(tmpdir(), 'seal-'));
const SEAL = join(sealDir, 'seal.svg');
writeFileSync(
  SEAL,
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><circle cx="100" cy="100" r="92" fill="none" stroke="#d0021b" stroke-width="8"/><polygon points="100,55 111,88 146,88 118,108 129,141 100,121 71,141 82,108 54,88 89,88" fill="#d0021b"/></svg>',
);

beforeAll(async () => {
  platform = await startPlatform({ LEARNCITY_ISSUER_SEAL: SEAL });
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await platform?.stop();
});

async function phonePage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 800 }, locale: 'zh-CN' });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  return page;
}

describe('verifiable certificates', () => {
  let verifyLink = '';
  let staff: Page;

  it('a resident claims a completion certificate and gets a printable page with its QR code', async () => {
    staff = await consolePage(browser, platform.url, 'district');
    const headers = { Origin: platform.url };
    const resident = await (await staff.request.get(platform.url + '/api/residents?q=13900000001')).json();
    const residentId = resident.items[0].id;
    const recorded = await staff.request.post(platform.url + '/api/learning-records', {
      headers,
      data: { residentId, title: '书法（楷书）入门', hours: 32, outcome: 'completed', occurredOn: '2026-11-20', provider: '天水街道社区学校' },
    });
    expect(recorded.status()).toBe(201);

    const page = await phonePage();
    await page.goto(platform.url + '/login');
    await page.getByLabel('手机号').fill('13900000001');
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL('**/profile');
    await page.getByRole('link', { name: '我的证书' }).click();
    await page.waitForURL('**/certificates');
    const claimable = page.getByTestId('claimable').filter({ hasText: '书法（楷书）入门' });
    await claimable.getByRole('button', { name: '领取结业证书' }).click();
    await page.getByRole('status').filter({ hasText: '证书已签发' }).waitFor();
    await expect.poll(() => page.getByTestId('certificate').count()).toBe(1);
    await expectAccessible(page, 'portal /certificates');
    await page.getByRole('link', { name: '查看和打印' }).click();
    await page.getByTestId('printable-certificate').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('书法（楷书）入门');
    await expect.poll(() => page.locator('.certificate__qr svg').count()).toBe(1);
    verifyLink = (await page.getByTestId('verify-link').getAttribute('href'))!;
    expect(verifyLink).toMatch(new RegExp(`^${platform.url}/verify/[0-9a-f-]{36}$`));
    await expectAccessible(page, 'portal certificate page');
    // The issuer is the district body with its seal, not the software.
    expect(await page.getByTestId('certificate-issuer').textContent()).toContain('杭州市拱墅区学习型城市建设领导小组办公室');
    expect(await page.getByTestId('certificate-seal').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await page.getByTestId('printable-certificate').textContent()).not.toMatch(/learncity|学城/);
    // Printing shows the certificate alone, filling an A4 page (297 mm at 96 px per inch is 1123 px; margins 12 mm).
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.getByTestId('printable-certificate').isVisible()).toBe(true);
    const box = (await page.getByTestId('printable-certificate').boundingBox())!;
    expect(box.height).toBeGreaterThan(1000);
    await page.screenshot({ path: `${process.env.CONSOLE_SHOTS ?? '/tmp'}/certificate-print-a4.png`, fullPage: true });
  });

  it('anyone opens the QR link without logging in and sees "valid"; a pasted copy with one character changed is "invalid"', async () => {
    const page = await phonePage();
    await page.goto(verifyLink);
    const result = page.getByTestId('verify-result');
    await result.waitFor();
    expect(await result.getAttribute('data-result')).toBe('valid');
    expect(await result.textContent()).toContain('核验结果：有效');
    expect(await result.textContent()).toContain('王秀英');
    expect(await result.textContent()).toContain('杭州市拱墅区学习型城市建设领导小组办公室');
    await expectAccessible(page, 'portal /verify (valid)');

    const id = verifyLink.split('/').pop();
    const text = await (await page.request.get(`${platform.url}/api/credentials/${id}/credential.json`)).text();
    const at = text.indexOf('楷书');
    await page.getByLabel('粘贴证书 JSON').fill(text.slice(0, at) + '行' + text.slice(at + 1));
    await page.getByRole('button', { name: '核验', exact: true }).click();
    await expect.poll(() => result.getAttribute('data-result')).toBe('invalid');
    expect(await result.textContent()).toContain('签名验证失败');
    // Checked at rest: the button enabled again and the pointer off it.
    await expect.poll(() => page.getByRole('button', { name: '核验', exact: true }).isEnabled()).toBe(true);
    await page.mouse.move(0, 0);
    // Not half under the phone's fixed tab bar, where axe would measure the bar's colours behind its text.
    await page.getByRole('button', { name: '核验', exact: true }).evaluate((b) => b.scrollIntoView({ block: 'center' }));
    await expectAccessible(page, 'portal /verify (invalid)');

    await page.getByLabel('粘贴证书 JSON').fill(text);
    await page.getByRole('button', { name: '核验', exact: true }).click();
    await expect.poll(() => result.getAttribute('data-result')).toBe('valid');
  });

  it('the district revokes it in the console with a reason; the QR link then says "revoked"', async () => {
    await staff.goto(platform.url + '/console/credentials');
    const row = staff.locator('.el-table__row', { hasText: '书法（楷书）入门' });
    await row.waitFor();
    await expectAccessible(staff, 'console /credentials');
    await row.getByRole('button', { name: '撤销' }).click();
    await staff.getByLabel('撤销理由').fill('结业记录录入错误');
    await staff.getByTestId('confirm-revoke').click();
    await expect.poll(() => row.textContent()).toContain('已撤销');
    expect(await row.textContent()).toContain('结业记录录入错误');

    const page = await phonePage();
    await page.goto(verifyLink);
    const result = page.getByTestId('verify-result');
    await result.waitFor();
    expect(await result.getAttribute('data-result')).toBe('revoked');
    expect(await result.textContent()).toContain('该证书已被签发方撤销');
    await expectAccessible(page, 'portal /verify (revoked)');
  });
});
