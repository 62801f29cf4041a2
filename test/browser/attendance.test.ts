// QR check-in on a phone in elder mode: staff set up a one-session class starting in a few minutes and
// the resident enrols; on the 360-px phone the resident opens the address in the instructor's QR code,
// is checked in and completes the class; the archive shows the completion with its hours and points.
// The projector screen shows the rotating QR code. axe finds nothing serious on any of these pages.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible, startPlatform, launchBrowser, consolePage, DEMO_PASSWORD, type RunningPlatform, PAGE_TIMEOUT_MS } from './harness';

let platform: RunningPlatform;
let browser: Browser;

beforeAll(async () => {
  platform = await startPlatform({}, { movableClock: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

async function login(username: string) {
  const res = await fetch(platform.url + '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: platform.url },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return { cookie: String(res.headers.get('set-cookie')).split(';')[0], origin: platform.url };
}

async function call(headers: Record<string, string>, method: string, path: string, body?: unknown) {
  const res = await fetch(platform.url + path, {
    method,
    headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Shanghai local date and time of an instant. */
const local = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString();

describe('QR check-in in the browser', () => {
  it('a resident on a phone checks in by the QR address and the archive shows the completion with hours and points', async () => {
    const staff = await login('street');
    const now = new Date();
    const start = new Date(Math.ceil((now.getTime() + 10 * 60_000) / 300_000) * 300_000);
    // A session is one day's: near midnight in Beijing it ends at 23:59 rather than run into the next day.
    const end = new Date(Math.min(start.getTime() + 90 * 60_000, new Date(local(start).slice(0, 10) + 'T23:59:00+08:00').getTime()));
    const today = local(start).slice(0, 10);
    const weekday = ((new Date(today + 'T00:00:00Z').getUTCDay() + 6) % 7) + 1;
    const term = await call(staff, 'POST', '/api/terms', { name: '浏览器测试学期', startsOn: today, endsOn: today });
    await call(staff, 'POST', `/api/terms/${term.id}/publish`);
    const course = (await call(staff, 'GET', '/api/courses?pageSize=1')).items[0];
    const title = `智能手机入门 ${now.getTime().toString(36).slice(-4)}`;
    const offering = await call(staff, 'POST', '/api/offerings', {
      kind: 'class',
      termId: term.id,
      courseId: course.id,
      title,
      categoryCode: course.categoryCode,
      regionCode: '330105012',
      mode: 'online',
      capacity: 30,
      schedule: { weekdays: [weekday], startTime: local(start).slice(11, 16), endTime: local(end).slice(11, 16), fromDate: today, toDate: today },
      enrolmentMode: 'first_come',
      enrolmentOpensAt: new Date(now.getTime() - 3600_000).toISOString(),
      enrolmentClosesAt: start.toISOString(),
      cancelCutoffHours: 0,
    });
    await call(staff, 'POST', `/api/offerings/${offering.id}/publish`);
    const resident = await login('13900000001');
    await call(resident, 'POST', `/api/offerings/${offering.id}/enrolments`, {});
    const summary = await call(staff, 'GET', `/api/offerings/${offering.id}/attendance`);
    const sessionId = summary.sessions[0].id as string;
    const screen = await call(staff, 'GET', `/api/offering-sessions/${sessionId}/checkin-code`);
    expect(screen.window).toBe('open');

    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 360, height: 760 } });
    const phone = await context.newPage();
    phone.setDefaultTimeout(PAGE_TIMEOUT_MS);
    await phone.goto(platform.url + '/');
    await phone.locator('header .elder-toggle').click();
    // The scanned address: not logged in yet, so the portal keeps the scan as a signed pass, asks to log in and
    // then checks in, even when the login outlasts the code (30–60 s): here 65 s on the platform's clock, which
    // the test moves rather than waits out; the scanned code itself is refused by then.
    await phone.goto(screen.url.replace(/^https?:\/\/[^/]+/, platform.url));
    await phone.getByTestId('checkin-kept').waitFor();
    expect(new URL(phone.url()).searchParams.get('redirect')).toMatch(/^\/checkin\?s=[0-9a-f-]{36}&p=[0-9a-z]+\.[A-Za-z0-9_-]+$/);
    platform.advanceClock(65_000);
    const stale = await fetch(platform.url + '/api/checkins/pass', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: platform.url },
      body: JSON.stringify({ s: sessionId, c: screen.code }),
    });
    expect(stale.status).toBe(422);
    expect((await stale.json()).error.code).toBe('attendance.code_expired');
    await phone.locator('#login-username').fill('13900000001');
    await phone.locator('#login-password').fill(DEMO_PASSWORD);
    await phone.getByRole('button', { name: '登录', exact: true }).click();
    await phone.getByTestId('checkin-result').waitFor();
    await phone.getByText('签到成功').waitFor();
    expect(await phone.getByText('签到成功').count()).toBe(1);
    await phone.getByTestId('checkin-completed').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(phone, 'check-in');

    await phone.getByRole('link', { name: '查看我的学习档案' }).click();
    const record = phone.getByTestId('archive-record').filter({ hasText: title });
    await record.waitFor();
    const hours = summary.sessions[0].hours as number;
    await expect(record.textContent()).resolves.toContain('已结业');
    await expect(record.textContent()).resolves.toContain(`${Number((await call(staff, 'GET', `/api/offerings/${offering.id}`)).totalHours) || hours} 学时`);
    await record.getByTestId('record-points').waitFor();
    expect(await record.getByTestId('record-points').textContent()).toMatch(/\d+ 积分/);
    await phone.getByTestId('archive-by-year').waitFor();
    await expectAccessible(phone, 'archive');

    // The instructor's projector screen: the QR code, the code and one person checked in.
    const desk = await consolePage(browser, platform.url, 'street');
    await desk.goto(`${platform.url}/console/checkin/${sessionId}`);
    await desk.getByTestId('checkin-qr').locator('svg').waitFor();
    await desk.getByText('已签到 1 人').waitFor();
    await expectAccessible(desk, 'check-in screen');
    await desk.goto(`${platform.url}/console/sessions/${sessionId}/attendance`);
    await desk.getByText('扫码签到').first().waitFor();
    await expectAccessible(desk, 'attendance sheet');

    // A wrong code says so once, with the advice to scan again once.
    await phone.goto(`${platform.url}/checkin?s=${sessionId}&c=ABCDEFGHJK`);
    await phone.getByTestId('checkin-error').waitFor();
    expect((await phone.locator('main').textContent())!.split('重新扫描').length - 1).toBe(1);
  });
});
