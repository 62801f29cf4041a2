// Read-aloud (朗读) on course, class, notice and message pages in elder mode, in the page's language, and voice input
// for the search box where the browser offers speech recognition. The browser's speech engines are the outside
// world here: synthesis is recorded as it is asked to speak, and recognition is replaced by one that "hears" a phrase.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, DEMO_PASSWORD, launchBrowser, startPlatform, type RunningPlatform, PAGE_TIMEOUT_MS } from './harness';

const SHOTS = process.env.SCREENSHOTS_DIR;
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

interface Options {
  elder?: boolean;
  recognition?: 'fake' | 'absent';
}
async function phone(o: Options = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'zh-CN' });
  contexts.push(context);
  await context.addInitScript(
    ({ elder, recognition }) => {
      localStorage.setItem('lc.elder', elder ? '1' : '0');
      const w = window as unknown as Record<string, unknown>;
      const spoken: { text: string; lang: string }[] = [];
      w.__spoken = spoken;
      speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
        spoken.push({ text: u.text, lang: u.lang });
      };
      if (recognition === 'absent') {
        delete w.SpeechRecognition;
        delete w.webkitSpeechRecognition;
      }
      if (recognition === 'fake') {
        w.SpeechRecognition = w.webkitSpeechRecognition = class {
          lang = '';
          onresult: ((e: unknown) => void) | null = null;
          onend: (() => void) | null = null;
          onerror = null;
          start() {
            (window as unknown as Record<string, unknown>).__heardIn = this.lang;
            setTimeout(() => {
              this.onresult?.({ results: [[{ transcript: '书法。' }]] });
              this.onend?.();
            }, 50);
          }
          stop() {
            this.onend?.();
          }
        };
      }
    },
    { elder: o.elder ?? true, recognition: o.recognition ?? 'fake' },
  );
  const page = await context.newPage();
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  return page;
}

const spoken = (page: Page) => page.evaluate(() => (window as unknown as { __spoken: { text: string; lang: string }[] }).__spoken);

async function expectNoSeriousAxe(page: Page, where: string) {
  const violations = await axeViolations(page);
  if (violations.length) console.log(`axe (${where}):`, JSON.stringify(violations, null, 1));
  expect(
    violations.filter((v) => v.impact === 'critical' || v.impact === 'serious'),
    where,
  ).toEqual([]);
}

describe('read-aloud in elder mode', () => {
  it("speaks a course page's text in Chinese, then in English after switching, and stops on the second tap", async () => {
    const page = await phone();
    await page.goto(platform.url + '/courses');
    const course = await page.evaluate(async () => (await (await fetch('/api/catalog/courses?pageSize=1')).json()).items[0]);
    await page.goto(`${platform.url}/courses/${course.id}`);
    const button = page.getByRole('button', { name: '朗读' });
    await button.click();
    const said = await spoken(page);
    expect(said.length).toBeGreaterThan(0);
    expect(said.every((u) => u.lang === 'zh-CN')).toBe(true);
    const text = said.map((u) => u.text).join(' ');
    expect(text).toContain(course.title);
    expect(text).not.toContain('朗读'); // the control itself is not read out
    expect(await page.getByTestId('read-aloud').getAttribute('aria-pressed')).toBe('true');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/course-read-aloud-zh.png` });
    await expectNoSeriousAxe(page, 'course page with read-aloud');
    await page.getByRole('button', { name: '停止朗读' }).click();
    expect(await page.getByTestId('read-aloud').getAttribute('aria-pressed')).toBe('false');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Read aloud' }).click();
    const english = (await spoken(page)).slice(said.length);
    expect(english.length).toBeGreaterThan(0);
    expect(english.every((u) => u.lang === 'en-US')).toBe(true);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/course-read-aloud-en.png` });
  });

  it('is on the notice and message pages, and absent outside elder mode', async () => {
    const page = await phone();
    await page.goto(platform.url + '/notices');
    await page.getByRole('button', { name: '朗读' }).click();
    expect((await spoken(page)).map((u) => u.text).join(' ')).toContain('公示');
    await page.evaluate(async (password) => {
      await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: '13900000001', password }),
      });
    }, DEMO_PASSWORD);
    await page.goto(platform.url + '/messages');
    await page.getByRole('button', { name: '朗读' }).click();
    expect((await spoken(page)).at(-1)).toBeTruthy();
    await expectNoSeriousAxe(page, 'messages with read-aloud');

    const plain = await phone({ elder: false });
    await plain.goto(platform.url + '/notices');
    await plain.locator('h1').waitFor();
    expect(await plain.getByTestId('read-aloud').count()).toBe(0);
  });
});

describe('voice input for search', () => {
  it("fills the course search with what was heard, in the page's language, and searches", async () => {
    const page = await phone();
    await page.goto(platform.url + '/courses');
    await page.getByRole('button', { name: '语音输入' }).click();
    await expect.poll(() => page.getByTestId('course-q').inputValue()).toBe('书法');
    await page.waitForURL(/q=%E4%B9%A6%E6%B3%95/);
    expect(await page.evaluate(() => (window as unknown as { __heardIn: string }).__heardIn)).toBe('zh-CN');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/courses-voice-zh.png` });
    await expectNoSeriousAxe(page, 'courses with voice input');
  });

  it('is hidden where the browser offers no speech recognition', async () => {
    const page = await phone({ recognition: 'absent' });
    await page.goto(platform.url + '/courses');
    await page.getByTestId('course-q').waitFor();
    expect(await page.getByTestId('voice-search').count()).toBe(0);
    await page.goto(platform.url + '/offerings');
    await page.getByTestId('offering-q').waitFor();
    expect(await page.getByTestId('voice-search').count()).toBe(0);
  });
});
