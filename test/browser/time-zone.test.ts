// An installation outside China's time zone (LEARNCITY_TIME_ZONE) shows its classes' times on its own wall
// clock, whatever zone the visitor's phone is set to: the page names the zone, the web app formats in it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { localTimeIn } from '../../src/contracts/local-time';
import { launchBrowser, startPlatform, PAGE_TIMEOUT_MS, type RunningPlatform } from './harness';

let platform: RunningPlatform;
let browser: Browser;

beforeAll(async () => {
  platform = await startPlatform({ LEARNCITY_TIME_ZONE: 'Asia/Urumqi' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

it("shows a class's sessions in the installation's zone, not the phone's nor Beijing's", async () => {
  const list = (await (await fetch(`${platform.url}/api/catalog/offerings?pageSize=50`)).json()) as { items: { id: string }[] };
  const details = await Promise.all(
    list.items.map(
      async (o) => (await fetch(`${platform.url}/api/catalog/offerings/${o.id}`)).json() as Promise<{ id: string; sessions: { startsAt: string }[] }>,
    ),
  );
  const offering = details.find((d) => d.sessions.length > 0)!;
  const startsAt = offering.sessions[0].startsAt;

  const page = await (await browser.newContext({ locale: 'zh-CN', timezoneId: 'America/New_York', viewport: { width: 360, height: 780 } })).newPage();
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  await page.goto(`${platform.url}/offerings/${offering.id}`);
  expect(await page.locator('meta[name="learncity-time-zone"]').getAttribute('content')).toBe('Asia/Urumqi');
  const urumqi = localTimeIn('Asia/Urumqi').dateTime(startsAt);
  await page.getByText(urumqi, { exact: false }).first().waitFor();
  // Urumqi is two hours behind Beijing: the Beijing reading of the same moment is nowhere on the page.
  expect(await page.getByText(localTimeIn('Asia/Shanghai').dateTime(startsAt), { exact: false }).count()).toBe(0);
});
