// Both languages: every console page, opened by the roles that see it, in Chinese and in English. The
// screen's own words (menu, headings, table headers, labels, buttons, tabs, placeholders) must be in the
// page's language; names and data (a district's name, a course title) may be in either.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { consolePage, startPlatform, launchBrowser, pageRequests, type RunningPlatform } from './harness';
import { screenText, wrongScript } from './script-check';

let platform: RunningPlatform;
let browser: Browser;

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

/** The chrome of the page: text that the interface writes, not the data it shows. */
const CHROME = [
  '.side .group-title',
  '.side .el-menu-item',
  'h1',
  'h2',
  'h3',
  'th .cell',
  'label',
  '.el-form-item__label',
  'button',
  '.el-tabs__item',
  '.el-radio-button__inner',
  '.el-checkbox__label',
];
// The header's user menu shows the user's name; table bodies and trees are data.
const chrome = (page: Page) => screenText(page, { selectors: CHROME, skip: '.top, .el-table__body, .el-tree' });

describe('both languages', () => {
  for (const user of ['district', 'credit', 'unit', 'leader', 'school']) {
    it(`${user}: every page reads in one language, Chinese or English`, async () => {
      const page = await consolePage(browser, platform.url, user);
      // Names the data brings in (regions, institutions, people) are not interface text.
      const names = await page.evaluate(async () => {
        const me = await (await fetch('/api/auth/me')).json();
        const roots = await (await fetch('/api/regions')).json();
        const rootList = (Array.isArray(roots) ? roots : (roots.items ?? [])) as { code: string; name: string }[];
        // Streets' names also sit inside the cockpit's accessible labels ("Open 天水街道: 3 people").
        const children = await Promise.all(
          rootList.map(async (r) => ((await (await fetch(`/api/regions/${r.code}/children?pageSize=200`)).json()).items ?? []) as { name: string }[]),
        );
        return [
          me.displayName,
          ...rootList.map((r) => r.name),
          ...children.flat().map((c) => c.name),
          ...me.scopes.flatMap((s: { regionName?: string; institutionName?: string }) => [s.regionName, s.institutionName]),
        ].filter(Boolean);
      });
      const problems: string[] = [];
      let visited = 0;
      for (const locale of ['zh-CN', 'en'] as const) {
        await page.evaluate((l) => localStorage.setItem('lc.locale', l), locale);
        await page.goto(platform.url + '/console/');
        await page.locator('.side .el-menu-item').first().waitFor();
        const count = await page.locator('.side .el-menu-item').count();
        expect(count, `${user} menu`).toBeGreaterThan(2);
        for (let i = 0; i < count; i++) {
          const requests = pageRequests(page);
          await page.locator('.side .el-menu-item').nth(i).click();
          // A page may keep a request waiting (on PGlite, behind a figures refresh); its content is there once the h1 is.
          await requests.quiet(5_000);
          requests.stop();
          await page.locator('.main h1').first().waitFor();
          await page
            .locator('.main .el-loading-mask')
            .first()
            .waitFor({ state: 'detached', timeout: 10_000 })
            .catch(() => undefined);
          const where = new URL(page.url()).pathname;
          for (const t of wrongScript(await chrome(page), locale, names)) problems.push(`${locale} ${where}: ${t}`);
          visited++;
        }
      }
      expect(visited).toBeGreaterThan(4);
      expect(problems).toEqual([]);
      await page.context().close();
    });
  }
});
