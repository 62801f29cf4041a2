// A lottery in the browser: residents rank choices on a phone in elder mode, more applicants than seats,
// staff draw it in the console with a progress bar, and the public verification page (no login) re-runs
// the draw in the browser and shows that it matches.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { idCheckChar } from '../../src/server/kernel/id-card';
import { consolePage, expectAccessible, startPlatform, launchBrowser, DEMO_PASSWORD, type RunningPlatform, PAGE_TIMEOUT_MS } from './harness';

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

async function phonePage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 360, height: 760 } });
  const page = await context.newPage();
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  await page.goto(platform.url + '/');
  await page.locator('header .elder-toggle').click();
  return page;
}

/** Runs a JSON request from inside a signed-in page (same origin, its cookie). */
async function call<T = any>(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const res = await fetch(url, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    { method, url, body },
  );
}

/** A resident who registers and applies through the API (set-up: the draw is what is tested), in a context of their own. */
async function registerAndApply(n: number, roundId: string, choices: string[]) {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const send = async (method: 'POST' | 'PUT', path: string, data: unknown) => {
    const res = await context.request.fetch(platform.url + path, { method, data, headers: { origin: platform.url } });
    return { status: res.status(), body: await res.json().catch(() => null) };
  };
  const phone = `1370000${String(100 + n).padStart(4, '0')}`;
  await send('POST', '/api/auth/sms-codes', { phone, purpose: 'register' });
  await expect.poll(() => platform.lastSmsCode(phone)).toBeTruthy();
  const idBase = `33010519560${110 + n}12${n}`;
  const reg = await send('POST', '/api/residents', {
    phone,
    smsCode: platform.lastSmsCode(phone),
    password: 'Learn2026x',
    realName: `居民${n}`,
    idNumber: idBase + idCheckChar(idBase),
    homeRegionCode: '330105012001',
    acceptPrivacyNotice: true,
  });
  expect(reg.status, JSON.stringify(reg.body)).toBe(201);
  const applied = await send('PUT', `/api/lottery-rounds/${roundId}/my-application`, { choices });
  expect(applied.status, JSON.stringify(applied.body)).toBe(200);
  await context.close();
}

describe('lottery in the browser', () => {
  it('residents apply, staff draw, and anyone verifies the draw on the public page', async () => {
    const staff = await consolePage(browser, platform.url, 'district');
    // Set-up through the API: a term, three one-seat classes enrolling by lottery, a round closing soon.
    const venues = (await call(staff, 'GET', '/api/venues?pageSize=50')).body.items as { id: string; name: string }[];
    const hall = venues.find((v) => v.name === '街道社区学校报告厅')!.id;
    const teacher = (await call(staff, 'GET', '/api/instructors?q=' + encodeURIComponent('周墨林'))).body.items[0].id;
    const course = (await call(staff, 'GET', '/api/courses?q=' + encodeURIComponent('书法入门'))).body.items[0].id;
    const term = (await call(staff, 'POST', '/api/terms', { name: '2027 春季（摇号）', startsOn: '2027-02-20', endsOn: '2027-07-10' })).body.id;
    await call(staff, 'POST', `/api/terms/${term}/publish`);
    const classes: string[] = [];
    for (const [i, title] of ['楷书班', '行书班', '隶书班'].entries()) {
      const res = await call(staff, 'POST', '/api/offerings', {
        kind: 'class',
        title,
        termId: term,
        courseId: course,
        venueId: hall,
        instructorId: teacher,
        capacity: 1,
        enrolmentMode: 'lottery',
        schedule: { weekdays: [i + 1], startTime: '14:00', endTime: '16:00', fromDate: '2027-03-01', toDate: '2027-03-31', skipDates: [] },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      await call(staff, 'POST', `/api/offerings/${res.body.id}/publish`);
      classes.push(res.body.id);
    }
    // Ten minutes to apply in; the platform's clock passes the close below instead of the test waiting for it.
    const closesAt = Date.now() + 10 * 60_000;
    const round = await call(staff, 'POST', '/api/lottery-rounds', {
      name: '春季书法班摇号',
      regionCode: '330105',
      offeringIds: classes,
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(closesAt).toISOString(),
      maxChoices: 2,
      quota: 1,
    });
    expect(round.status, JSON.stringify(round.body)).toBe(201);
    const roundId = round.body.id as string;
    await call(staff, 'POST', `/api/lottery-rounds/${roundId}/publication`);

    // A resident on a phone in elder mode ranks two choices.
    const resident = await phonePage();
    await resident.goto(platform.url + `/login?redirect=/lottery/${roundId}`);
    await resident.locator('#login-username').fill('13900000001');
    await resident.locator('#login-password').fill(DEMO_PASSWORD);
    await resident.getByRole('button', { name: '登录', exact: true }).click();
    await resident.getByRole('heading', { name: '春季书法班摇号' }).waitFor();
    // Each choice is a card saying when, where and at what cost.
    const cards = resident.getByTestId('choice-card');
    expect(await cards.count()).toBe(3);
    const first = (await cards.filter({ hasText: '楷书班' }).textContent())!;
    for (const fact of ['时间', '周一 14:00–16:00', '2027-03-01 开课', '地点', '费用', '免费']) expect(first).toContain(fact);
    if (process.env.SCREENSHOTS_DIR) await resident.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/lottery-cards-zh.png`, fullPage: true });
    await resident.locator('#choice-0').selectOption({ value: classes[1] });
    await resident.locator('#choice-1').selectOption({ value: classes[0] });
    await expectAccessible(resident, 'lottery application');
    await resident.getByRole('button', { name: '提交报名' }).click();
    await resident.getByText('报名已提交。截止前可以修改或撤回。').waitFor();
    expect(await resident.getByTestId('my-application').locator('li').allTextContents()).toEqual(['行书班', '楷书班']);

    // Four more applicants: five for three seats.
    for (let n = 0; n < 4; n++) await registerAndApply(n, roundId, [classes[n % 3], classes[(n + 1) % 3]]);

    // After the close (on the platform's clock: the console offers the draw only then), staff draw in the
    // console and watch it finish.
    platform.advanceClock(Math.max(0, closesAt - Date.now() + 1000));
    await staff.goto(platform.url + `/console/lottery/${roundId}`);
    await staff.getByTestId('round-applications').filter({ hasText: '5' }).waitFor();
    await staff.getByTestId('draw').click();
    await staff.getByRole('button', { name: '确定' }).click();
    await staff.getByTestId('results').waitFor();
    await staff.getByTestId('round-seed').waitFor();
    // The table shows at once and its rows when the results have loaded beside it.
    await expect.poll(() => staff.getByTestId('results').locator('tbody tr').count()).toBe(5);
    await expectAccessible(staff, 'console lottery round');

    // The public page, without login, re-runs the draw and finds it matches.
    const visitor = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 360, height: 760 } })).newPage();
    visitor.setDefaultTimeout(PAGE_TIMEOUT_MS);
    await visitor.goto(platform.url + `/lottery/${roundId}/verify`);
    await visitor.getByRole('heading', { name: '摇号公示与核验' }).waitFor();
    expect(await visitor.getByTestId('seed').textContent()).toMatch(/^[0-9a-f]{64}$/);
    // The algorithm is published in full, with a worked example anyone can check step by step.
    const algorithm = (await visitor.getByTestId('algorithm').textContent())!;
    for (const part of ['HMAC-SHA256', '"order:" + token', '{"offerings":[', '767804b76be1a7e72cf48c8dfb0ef6a677402d231883e2eeef19844e0ce6977b'])
      expect(algorithm).toContain(part);
    if (process.env.SCREENSHOTS_DIR) await visitor.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/lottery-verify-zh.png`, fullPage: true });
    await visitor.getByTestId('verify').click();
    await visitor.getByText('核验通过：重新摇号的结果与公布结果完全一致。').waitFor();
    expect(await visitor.getByTestId('verdict').textContent()).not.toContain('✘');
    await expectAccessible(visitor, 'public verification page');

    // The resident sees the result of their application.
    await resident.reload();
    await resident.getByTestId('my-result').waitFor();
  });

  it('staff correct a published round before it opens and cancel it with a reason the public page shows', async () => {
    const staff = await consolePage(browser, platform.url, 'district');
    const course = (await call(staff, 'GET', '/api/courses?q=' + encodeURIComponent('书法入门'))).body.items[0].id;
    const term = (await call(staff, 'POST', '/api/terms', { name: '2027 秋季（摇号）', startsOn: '2027-08-20', endsOn: '2028-01-10' })).body.id;
    await call(staff, 'POST', `/api/terms/${term}/publish`);
    const created = await call(staff, 'POST', '/api/offerings', {
      kind: 'class',
      title: '篆书班',
      termId: term,
      courseId: course,
      regionCode: '330105',
      mode: 'online',
      capacity: 10,
      enrolmentMode: 'lottery',
      schedule: { weekdays: [6], startTime: '09:00', endTime: '11:00', fromDate: '2027-09-01', toDate: '2027-09-30', skipDates: [] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await call(staff, 'POST', `/api/offerings/${created.body.id}/publish`);
    const classId = created.body.id as string;
    const freshRound = await call(staff, 'POST', '/api/lottery-rounds', {
      name: '秋季书法班摇号',
      regionCode: '330105',
      offeringIds: [classId],
      opensAt: new Date(Date.now() + 3600_000).toISOString(),
      closesAt: new Date(Date.now() + 7200_000).toISOString(),
      maxChoices: 1,
    });
    if (freshRound.status !== 201) return expect.fail(JSON.stringify(freshRound.body));
    const roundId = freshRound.body.id as string;
    await call(staff, 'POST', `/api/lottery-rounds/${roundId}/publication`);
    await staff.goto(platform.url + `/console/lottery/${roundId}`);
    await staff.getByTestId('edit-round').filter({ hasText: '更正' }).waitFor();
    await staff.getByTestId('cancel-round').click();
    await staff.getByPlaceholder('取消原因').fill('授课教师临时调离');
    await staff.locator('.el-message-box').getByRole('button', { name: '取消批次' }).click();
    await staff.getByTestId('cancel-reason').filter({ hasText: '授课教师临时调离' }).waitFor();
    await expectAccessible(staff, 'console cancelled round');
    if (process.env.SCREENSHOTS_DIR) await staff.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/console-lottery-cancelled-zh.png` });

    const visitor = await phonePage();
    await visitor.goto(platform.url + `/lottery/${roundId}`);
    await visitor.getByTestId('round-cancelled').filter({ hasText: '授课教师临时调离' }).waitFor();
    await expectAccessible(visitor, 'public cancelled round');
    const shots = process.env.SCREENSHOTS_DIR;
    await visitor.goto(platform.url + `/lottery/${roundId}/verify`);
    if (shots) await visitor.getByTestId('algorithm').screenshot({ path: `${shots}/lottery-algorithm-zh.png` });
    await visitor.getByRole('button', { name: 'English' }).click();
    await visitor.getByRole('heading', { name: 'The draw algorithm (re-implement it in any programming language)' }).waitFor();
    expect(await visitor.getByTestId('algorithm').textContent()).not.toMatch(/[\u4e00-\u9fff]/);
    if (shots) await visitor.getByTestId('algorithm').screenshot({ path: `${shots}/lottery-algorithm-en.png` });
    await visitor.goto(platform.url + `/lottery/${roundId}`);
    await visitor.getByTestId('round-cancelled').filter({ hasText: 'Reason: 授课教师临时调离' }).waitFor();
    if (shots) await visitor.screenshot({ path: `${shots}/lottery-cancelled-en.png`, fullPage: true });
  });
});
