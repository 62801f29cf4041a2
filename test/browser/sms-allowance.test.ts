// The installation's SMS allowance used up, as a resident meets it: registering, the code button answers with
// the reason in the resident's language beside the phone field (360×780 elder mode, and a desktop in English).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, startPlatform, type RunningPlatform, PAGE_TIMEOUT_MS } from './harness';

const SHOTS = process.env.SCREENSHOTS_DIR; // set to keep screenshots for looking at them
let platform: RunningPlatform;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  platform = await startPlatform({ LEARNCITY_SMS_DAILY_LIMIT: '1' });
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await platform?.stop();
});

async function open(viewport: { width: number; height: number }, locale: 'zh-CN' | 'en', elder: boolean): Promise<Page> {
  const context = await browser.newContext({ viewport, locale });
  await context.addInitScript(
    ([e, l]) => {
      localStorage.setItem('lc.elder', e ? '1' : '0');
      localStorage.setItem('lc.locale', l);
    },
    [elder, locale] as const,
  );
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  await page.goto(platform.url + '/register');
  return page;
}

async function askCode(page: Page, phone: string, button: string) {
  await page.locator('#reg-phone').fill(phone);
  await page.getByRole('button', { name: button }).click();
}

describe("the day's SMS allowance", () => {
  it('once used up, tells the resident why the code does not come, in Chinese and in English', async () => {
    const phone = await open({ width: 360, height: 780 }, 'zh-CN', true);
    await askCode(phone, '13712340001', '获取验证码');
    await expect.poll(() => platform.lastSmsCode('13712340001')).toMatch(/^\d{6}$/);

    const zh = await open({ width: 360, height: 780 }, 'zh-CN', true);
    await askCode(zh, '13712340002', '获取验证码');
    await expect.poll(() => zh.getByText('今天的短信发送量已达上限，请明天再试，或到社区办理').count()).toBe(1);
    expect(platform.lastSmsCode('13712340002')).toBeUndefined();
    if (SHOTS) await zh.screenshot({ path: `${SHOTS}/sms-allowance-zh-360.png`, fullPage: false });
    await expectAccessible(zh, 'register, allowance used up (zh, elder)');

    const en = await open({ width: 1440, height: 900 }, 'en', false);
    await askCode(en, '13712340003', 'Send code');
    await expect.poll(() => en.getByText("Today's text messages are used up; try again tomorrow, or ask at your community").count()).toBe(1);
    if (SHOTS) await en.screenshot({ path: `${SHOTS}/sms-allowance-en-1440.png`, fullPage: false });
    await expectAccessible(en, 'register, allowance used up (en)');
  });
});
