// Both languages in the portal: every page of its router, signed out and signed in as the demo resident, on
// a phone in elder mode, in Chinese and in English. Everything the screen says (text, placeholders,
// accessible names, the title) must be in the page's language; names and data (course titles, people,
// places, addresses) are marked `translate="no"` by the components and may be in either.
import { describe, it, expect, beforeAll, afterAll, type ExpectStatic } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PORTAL_PATHS } from '../../src/contracts/portal-paths';
import { consolePage, startPlatform, launchBrowser, openInApp, DEMO_PASSWORD, type RunningPlatform } from './harness';
import { screenText, wrongScript, type Locale } from './script-check';

let platform: RunningPlatform;
let browser: Browser;
/** The router path each visited page comes from, with the real ids it was opened with. */
const ids: Record<string, string> = {};
/**
 * Region names the server writes into its own sentences ("Living in 杭州市拱墅区"), where no element can mark
 * them: read from the API, as the console test does.
 */
let regionNames: string[] = [];

/** Runs a JSON request from inside a page (same origin, its cookie). */
async function call<T = any>(
  page: Page,
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, url, body, headers }) => {
      const res = await fetch(url, {
        method,
        headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    { method, url, body, headers },
  );
}

async function phone(locale: Locale): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'zh-CN' });
  await context.addInitScript((l) => {
    localStorage.setItem('lc.elder', '1');
    localStorage.setItem('lc.locale', l);
  }, locale);
  const page = await context.newPage();
  // A ceiling, not a wait: four pages load at once, beside CI's other runs.
  page.setDefaultTimeout(60_000);
  await page.goto(platform.url + '/privacy');
  return page;
}

async function signIn(page: Page, expectation: ExpectStatic = expect) {
  const res = await call(page, 'POST', '/api/auth/login', { username: '13900000001', password: DEMO_PASSWORD });
  expectation(res.status, JSON.stringify(res.body)).toBe(200);
}

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
  // What the resident's pages show: a completed course with its certificate, an enrolment (and its inbox
  // message), a lottery round over the demo's lottery class.
  const staff = await consolePage(browser, platform.url, 'district', 60_000);
  const resident = (await call(staff, 'GET', '/api/residents?q=13900000001')).body.items[0].id;
  const record = await call(staff, 'POST', '/api/learning-records', {
    residentId: resident,
    title: '书法（楷书）入门',
    hours: 32,
    outcome: 'completed',
    occurredOn: '2026-11-20',
    provider: '天水街道社区学校',
  });
  expect(record.status, JSON.stringify(record.body)).toBe(201);
  const offerings = (await call(staff, 'GET', '/api/catalog/offerings?pageSize=50')).body.items as {
    id: string;
    kind: string;
    enrolmentMode: string;
    courseId: string | null;
  }[];
  const lotteryClass = offerings.find((o) => o.enrolmentMode === 'lottery')!;
  const round = await call(staff, 'POST', '/api/lottery-rounds', {
    name: '春季书法班摇号',
    regionCode: '330105',
    offeringIds: [lotteryClass.id],
    opensAt: new Date(Date.now() - 60_000).toISOString(),
    closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    maxChoices: 1,
    quota: 1,
  });
  expect(round.status, JSON.stringify(round.body)).toBe(201);
  expect((await call(staff, 'POST', `/api/lottery-rounds/${round.body.id}/publication`)).status).toBeLessThan(300);
  await staff.context().close();

  const page = await phone('zh-CN');
  await signIn(page);
  const cert = await call(page, 'POST', '/api/me/credentials', { kind: 'completion', recordId: record.body.id });
  expect(cert.status, JSON.stringify(cert.body)).toBe(201);
  const firstCome = offerings.find((o) => o.kind === 'class' && o.enrolmentMode === 'first_come')!;
  const enrolled = await call(page, 'POST', `/api/offerings/${firstCome.id}/enrolments`, {}, { 'Idempotency-Key': 'languages-portal-1' });
  expect(enrolled.status, JSON.stringify(enrolled.body)).toBeLessThan(300);
  const course = firstCome.courseId ?? (await call(page, 'GET', '/api/catalog/courses?pageSize=1')).body.items[0].id;
  const resources = (await call(page, 'GET', `/api/catalog/courses/${course}`)).body.resources as { id: string }[];
  const withResources = resources.length
    ? course
    : (await call(page, 'GET', '/api/catalog/courses?pageSize=50')).body.items.find((c: { resourceCount?: number }) => (c.resourceCount ?? 0) > 0)?.id;
  const resource = resources[0]?.id ?? (withResources ? (await call(page, 'GET', `/api/catalog/courses/${withResources}`)).body.resources[0]?.id : undefined);
  const team = (await call(page, 'GET', '/api/learning-teams?pageSize=1')).body.items[0].id;
  const roots = (await call(page, 'GET', '/api/regions')).body;
  regionNames = (Array.isArray(roots) ? roots : (roots.items ?? [])).map((r: { name: string }) => r.name);
  Object.assign(ids, {
    '/teams/:id': `/teams/${team}`,
    '/certificates/:id': `/certificates/${cert.body.id}`,
    '/verify/:id?': `/verify/${cert.body.id}`,
    '/rate/:id': `/rate/${firstCome.id}`,
    '/courses/:id': `/courses/${course}`,
    '/offerings/:id': `/offerings/${lotteryClass.id}`,
    '/lottery/:id': `/lottery/${round.body.id}`,
    '/lottery/:id/verify': `/lottery/${round.body.id}/verify`,
    // No application exists for the demo resident: the page's own "not found" state is what is read.
    '/credits/recognition/:id': '/credits/recognition/00000000-0000-4000-8000-000000000000',
    ...(resource ? { '/resources/:id': `/resources/${resource}` } : {}),
  });
  await page.context().close();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

/**
 * Opens a page as a tap on one of the portal's links does, through its router (a full load of every page, which
 * this test is not about, cost each of the ~160 pages the app's start and first requests again), and waits until
 * its content is there: its requests answered, a heading, no loading mask.
 */
async function open(page: Page, path: string) {
  await openInApp(page, path);
  await page
    .locator('main h1')
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 5_000 }).catch(() => undefined);
}

function pathsFor(signedIn: boolean): string[] {
  return PORTAL_PATHS.filter((p) => signedIn || !['/password/new'].includes(p))
    .map((p) => ids[p] ?? p.replace('/:id?', ''))
    .filter((p) => !p.includes(':'));
}

// The four readers at once, each in its own browser context: a page spends most of its time waiting (its
// requests, its heading), so four pages in flight take little longer than one; one after another the file took
// ~10 minutes of CI. `expect` is each test's own, as concurrent tests need.
describe.concurrent('both languages in the portal', () => {
  for (const signedIn of [false, true]) {
    for (const locale of ['zh-CN', 'en'] as const) {
      it(`${signedIn ? 'the signed-in resident' : 'a visitor'} reads every page in ${locale === 'en' ? 'English' : 'Chinese'} only`, async ({ expect }) => {
        const page = await phone(locale);
        if (signedIn) {
          await signIn(page, expect);
          // The portal asks who is signed in when it loads: once more, now that someone is.
          await page.reload();
        }
        const problems: string[] = [];
        const paths = [...pathsFor(signedIn), '/no-such-page'];
        for (const path of paths) {
          await open(page, path);
          expect(await page.evaluate(() => document.documentElement.lang), path).toBe(locale);
          for (const line of wrongScript(await screenText(page), locale, regionNames)) problems.push(`${path} → ${new URL(page.url()).pathname}: ${line}`);
          // For looking at them: LANGUAGES_SHOTS=<dir> keeps a screenshot of every page.
          if (process.env.LANGUAGES_SHOTS)
            await page.screenshot({
              path: `${process.env.LANGUAGES_SHOTS}/${signedIn ? 'in' : 'out'}-${locale}${path.replace(/[/:]+/g, '_')}.png`,
              fullPage: false,
            });
        }
        // Every page of the router was opened, with data where it has an id.
        expect(paths.length).toBeGreaterThanOrEqual(PORTAL_PATHS.length - (signedIn ? 1 : 2));
        expect(problems).toEqual([]);
        await page.context().close();
      });
    }
  }
});
