// Starts the real platform (built web app + server on a fresh embedded database) and a real Chromium.
// Browser tests use these; nothing is mocked.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import axe from 'axe-core';

import { afterAll, beforeAll, expect, inject } from 'vitest';
import { freePort } from '../support/free-port';
import { ADMIN_PASSWORD, DEMO_PASSWORD } from '../support/passwords';
export { ADMIN_PASSWORD, DEMO_PASSWORD } from '../support/passwords';

export interface RunningPlatform {
  url: string;
  output: () => string;
  lastSmsCode: (phone: string) => string | undefined;
  /** Moves the platform's clock `ms` further ahead of real time (started with `movableClock` only). */
  advanceClock: (ms: number) => void;
  stop: () => Promise<void>;
}

/** Variables that change what a first start writes: a platform started with any of them seeds its own. */
const FIRST_START_VARIABLES = /^LEARNCITY_(DISTRICT|DEMO|DEMO_YEAR|DEMO_RESIDENTS|ISSUER_\w+|DATA_KEY|ADMIN_PASSWORD)$/;

/** The data directory the run seeded once (template.ts), if it is still from the platform's today. */
function seededTemplate(env: Record<string, string>): string | undefined {
  if (Object.keys(env).some((name) => FIRST_START_VARIABLES.test(name))) return undefined;
  const dir = inject('learncityBrowserTemplate');
  if (!dir || !existsSync(join(dir, 'seeded-at'))) return undefined;
  // The demo's dates are days from the first start (in Beijing time): a template from yesterday is stale.
  const beijingDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  return beijingDay(new Date(readFileSync(join(dir, 'seeded-at'), 'utf8'))) === beijingDay(new Date()) ? dir : undefined;
}

/**
 * `movableClock`: the platform's clock starts at real time and moves ahead when the test calls `advanceClock`
 * (platform-clock.mjs), so nothing waits out a code's life or a deadline in real time.
 */
export async function startPlatform(env: Record<string, string> = {}, opts: { dataDir?: string; movableClock?: boolean } = {}): Promise<RunningPlatform> {
  if (!existsSync('dist/web/index.html')) throw new Error('web app not built: run `npm run build:web` first');
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'learncity-browser-'));
  const template = opts.dataDir ? undefined : seededTemplate(env);
  if (template) cpSync(template, dataDir, { recursive: true, filter: (src) => !src.endsWith('learncity.lock') && !src.endsWith('seeded-at') });
  // Outside the data directory, which the platform owns: how far (ms) its clock runs ahead of real time.
  const clockFile = opts.movableClock ? join(mkdtempSync(join(tmpdir(), 'learncity-clock-')), 'ahead-ms') : undefined;
  let ahead = 0;
  if (clockFile) writeFileSync(clockFile, '0');
  const preload = clockFile ? ['--import', './test/browser/platform-clock.mjs'] : [];
  let out = '';
  let child: ChildProcess;
  let url: string;
  // A first start seeds the demo district: seconds alone, minutes when CI's runs and other work share 2 cores.
  const deadline = Date.now() + 420_000;
  for (let attempt = 1; ; attempt++) {
    // Browser files run two at once: a port found free may be taken by the other file's platform before this one
    // listens. Only this child's own "serving on" line counts as started (a health check could reach the other
    // platform), and a start that lost the port is tried again on another.
    const port = await freePort();
    out = '';
    // The compiled server (built by the project's globalSetup), as production runs it: ~2 s of CPU less per start than
    // under tsx. With `--liftoff-only` V8 keeps PGlite's 9 MB of WebAssembly on its baseline compiler: a test's
    // platform lives a minute and runs few queries, so optimising that code cost more than it saved (pools.test's
    // platforms: 26.5-26.9 s of CPU optimising, 19.8-20.9 s not; test/README.md, "Ninth round").
    child = spawn(process.execPath, ['--liftoff-only', ...preload, 'dist/server/main.js'], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LEARNCITY_DATA_DIR: dataDir,
        LEARNCITY_ADMIN_PASSWORD: ADMIN_PASSWORD,
        DATABASE_URL: '',
        // One process, not a supervisor and its worker: supervision is not what these tests are about, and the
        // supervisor's own start cost ~2.6 s of CPU (a quarter of a start) in every file.
        LEARNCITY_WORKERS: '0',
        ...(clockFile ? { TEST_CLOCK_AHEAD_FILE: clockFile } : {}),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    url = `http://127.0.0.1:${port}`;
    let started = false;
    for (;;) {
      if (child.exitCode !== null) break;
      if (out.includes(`serving on http://localhost:${port} `)) {
        try {
          if ((await fetch(url + '/healthz')).ok) {
            started = true;
            break;
          }
        } catch {
          /* not answering yet */
        }
      }
      if (Date.now() > deadline) throw new Error('platform did not start in 420 s:\n' + out);
      await new Promise((r) => setTimeout(r, 200));
    }
    if (started) break;
    if (!out.includes('EADDRINUSE') || attempt === 3) throw new Error('platform exited during start:\n' + out);
  }
  return {
    url,
    output: () => out,
    lastSmsCode: (phone) => [...out.matchAll(new RegExp(`\\[sms\\] to ${phone}: (\\d{6})`, 'g'))].pop()?.[1],
    advanceClock: (ms) => {
      if (!clockFile) throw new Error('advanceClock needs a platform started with movableClock');
      ahead += ms;
      // Renamed into place, so the platform never reads a half-written file.
      writeFileSync(clockFile + '.next', String(ahead));
      renameSync(clockFile + '.next', clockFile);
    },
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
      if (clockFile) rmSync(join(clockFile, '..'), { recursive: true, force: true });
    },
  };
}

/**
 * One platform and one browser for a whole test file: started before its tests, stopped after them. Read
 * `.platform` and `.browser` inside tests (they exist once the file's beforeAll has run).
 */
export function platformForFile(env: Record<string, string> = {}, startTimeoutMs = 240_000) {
  const started = {} as { platform: RunningPlatform; browser: Browser };
  beforeAll(async () => {
    started.platform = await startPlatform(env);
    started.browser = await launchBrowser();
  }, startTimeoutMs);
  afterAll(async () => {
    await started.browser?.close();
    await started.platform?.stop();
  });
  return started;
}

/** A request from inside the page, with its session cookie, answered as status and parsed JSON body. */
export const apiCall = (page: Page, method: string, url: string, body?: unknown) =>
  page.evaluate(
    async ({ method, url, body }) => {
      const res = await fetch(url, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    { method, url, body },
  );

/**
 * Signs a browser context in through the API, so its pages open signed in: no page is loaded only to send the
 * sign-in from (for tests whose subject is not the sign-in form; its cookie is the context's, as the form's is).
 */
export async function signInContext(context: BrowserContext, baseUrl: string, username: string, password = DEMO_PASSWORD) {
  const res = await context.request.post(baseUrl + '/api/auth/login', { data: { username, password }, headers: { origin: baseUrl } });
  expect(res.status(), await res.text()).toBe(200);
}

/**
 * Chromium's headless shell (Debian's chromium-headless-shell; what Playwright itself runs for headless tests): the
 * same Blink and V8 as the browser, without the full browser's UI underneath, at ~40 % less of Chromium's CPU for
 * the same files (test/README.md, "Eighth round"). The full browser where the shell is not installed;
 * CHROMIUM_PATH chooses another.
 */
const HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium'),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * The page's own requests in flight, from now until `stop()`. A request Chromium sends by itself (resource type
 * "other") is left out: the background revalidation of an answer served under `stale-while-revalidate` (the public
 * catalogue's and the demo banner's, one second fresh) never reports its end to Playwright, so `networkidle` and
 * any wait counting it sat out their whole timeout (30 s for `networkidle`) on a page that had long settled.
 */
export function pageRequests(page: Page) {
  const inFlight = new Set<Request>();
  const started = (r: Request) => void (r.resourceType() !== 'other' && inFlight.add(r));
  const ended = (r: Request) => void inFlight.delete(r);
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  return {
    /**
     * Resolves once none of the page's requests has been in flight for 300 ms (true), or after `settleMs` with one
     * still out (false: the page is read as it is).
     */
    async quiet(settleMs = 8_000) {
      const giveUpAt = Date.now() + settleMs;
      let quietSince = Date.now();
      while (Date.now() - quietSince < 300) {
        if (Date.now() >= giveUpAt) return false;
        await new Promise((r) => setTimeout(r, 50));
        if (inFlight.size > 0) quietSince = Date.now();
      }
      return true;
    },
    stop() {
      page.off('request', started);
      page.off('requestfinished', ended);
      page.off('requestfailed', ended);
    },
  };
}

/**
 * Goes to `path` as a tap on one of the app's own links does: through its router (the portal's or the console's),
 * without loading the page again, for a test that reads pages rather than their load (a full load costs the
 * bundle's start and the app's first requests every time). Resolves once the router has shown the page and none
 * of the page's requests has been in flight for 300 ms (at most `settleMs`: a page that keeps asking is then
 * read as it is, as `networkidle` with a timeout would).
 */
export async function openInApp(page: Page, path: string, settleMs = 8_000) {
  const requests = pageRequests(page);
  try {
    await page.evaluate(async (to) => {
      type Router = { push: (to: string) => Promise<unknown> };
      const root = document.querySelector('#app') as unknown as { __vue_app__?: { config: { globalProperties: { $router?: Router } } } } | null;
      const router = root?.__vue_app__?.config.globalProperties.$router;
      if (!router) throw new Error('no Vue router on this page: open the app with page.goto first');
      await router.push(to);
    }, path);
    await requests.quiet(settleMs);
  } finally {
    requests.stop();
  }
}

/** Runs axe-core inside the page and returns the violations (empty when the page is accessible). */
export async function axeViolations(page: Page) {
  // Evaluated through the debugging protocol, not as an inline <script>, which the page's CSP refuses; once per
  // document (a page reached through the app's router keeps it).
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
}

/** CSP refusals seen on pages opened by consolePage(). */
/**
 * How long a page action or wait may take. A page answers in well under a second alone, but CI runs this file
 * beside another browser file, two server runs and the typecheck on 2 cores, where 15–20 s and then 45 s (a
 * console list at load 10+) were missed once each. Still bounded: a thing that never shows fails the test.
 */
export const PAGE_TIMEOUT_MS = 90_000;

export const cspViolations: string[] = [];

/**
 * Collects every Content Security Policy refusal on the context's pages (Chromium reports each on the
 * console), so a test can show the app works under the platform's CSP.
 */
export function watchCspViolations(context: BrowserContext, into: string[]): string[] {
  const watch = (page: Page) =>
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) into.push(`${page.url()}: ${msg.text()}`);
    });
  context.pages().forEach(watch);
  context.on('page', watch);
  return into;
}

/** A desktop-sized console page signed in as a demo staff account, on the role's home (its to-do counts). */
export async function consolePage(browser: Browser, baseUrl: string, username: string, timeoutMs = PAGE_TIMEOUT_MS): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  watchCspViolations(context, cspViolations);
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);
  // Signed in through the API, so the console loads once, at its home: the sign-in form is console.test's to
  // test, and loading it first cost every caller a second full load of the console (~1-2 s of Chromium's CPU).
  await signInContext(context, baseUrl, username);
  await page.goto(baseUrl + '/console/');
  return page;
}

/**
 * Keeps the text of every toast (Element Plus's ElMessage) the page shows from now on, until it loads again. A toast
 * lives 3 s: with CI's three runs on 2 cores a test polling for it could miss it while it was shown (a template's
 * "saved" message once went unseen for 90 s), and the observer sees each one as it is added.
 */
export async function keepToasts(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { shownToasts?: string[] };
    if (w.shownToasts) return;
    const shown: string[] = (w.shownToasts = []);
    new MutationObserver((changes) => {
      for (const change of changes)
        for (const node of change.addedNodes)
          if (node instanceof HTMLElement)
            for (const toast of [node, ...node.querySelectorAll<HTMLElement>('.el-message')])
              if (toast.matches('.el-message')) shown.push(toast.innerText.trim());
    }).observe(document.body, { childList: true, subtree: true });
  });
}

/** Waits until the page has shown a toast with this text since `keepToasts` (it may be gone already). */
export async function expectToast(page: Page, text: string) {
  await expect.poll(() => page.evaluate(() => (window as unknown as { shownToasts?: string[] }).shownToasts ?? [])).toContain(text);
}

/**
 * Fails on serious or critical axe violations, checked with the page at rest: a toast fading in or out,
 * or a hovered or focused button, has a transitional colour with low contrast.
 */
export async function expectAccessible(page: Page, where: string) {
  await page
    .locator('.el-message')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  // Transitions (a dropdown fading out, an error or tag zooming in) finished: mid-way their colours are not
  // the page's. Endless ones (spinners) are not waited for.
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity), undefined, {
      timeout: 5_000,
    })
    .catch(() => undefined);
  const violations = await axeViolations(page);
  if (violations.length) console.log(`axe (${where}):`, JSON.stringify(violations, null, 1));
  expect(
    violations.filter((v) => v.impact === 'critical' || v.impact === 'serious'),
    where,
  ).toEqual([]);
  expect(cspViolations, `Content Security Policy refusals (${where})`).toEqual([]);
}
