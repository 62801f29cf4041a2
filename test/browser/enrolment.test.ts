// Enrolment on a 360-px phone in elder mode: the demo resident enrols in the calligraphy class in two taps
// from its page; a full event → the waitlist → someone cancels → the offer appears → confirm; a daughter asks
// her father for consent, he agrees, and she enrols him by proxy. axe on every new page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import axe from 'axe-core';
import { idCheckChar } from '../../src/server/kernel/id-card';
import { consolePage, DEMO_PASSWORD, expectAccessible, launchBrowser, signInContext, startPlatform, type RunningPlatform, PAGE_TIMEOUT_MS } from './harness';

let platform: RunningPlatform;
let browser: Browser;
const contexts: BrowserContext[] = [];
const shanghaiDate = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await platform?.stop();
});

/** A phone in elder mode, on no page yet: each test opens the page it is about. */
async function phone(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 760 }, locale: 'zh-CN' });
  contexts.push(context);
  await context.addInitScript(() => localStorage.setItem('lc.elder', '1'));
  const page = await context.newPage();
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  return page;
}

/** Signs the phone in (the sign-in form is not what these tests are about): its next page opens signed in. */
const login = (page: Page, username: string, password = DEMO_PASSWORD) => signInContext(page.context(), platform.url, username, password);

/** A request with the page's context cookie, from the platform's origin as its pages send them. */
async function send(page: Page, method: 'GET' | 'POST', path: string, data?: unknown) {
  const res = await page.context().request.fetch(platform.url + path, { method, data, headers: { origin: platform.url } });
  return { status: res.status(), body: await res.json().catch(() => null) };
}

/** A resident registered through the real SMS flow, signed in on their own phone. */
async function newResident(phoneNo: string, name: string, idBase: string): Promise<Page> {
  const page = await phone();
  await send(page, 'POST', '/api/auth/sms-codes', { phone: phoneNo, purpose: 'register' });
  await expect.poll(() => platform.lastSmsCode(phoneNo)).toBeTruthy();
  const registered = await send(page, 'POST', '/api/residents', {
    phone: phoneNo,
    smsCode: platform.lastSmsCode(phoneNo)!,
    password: 'Learn2026x',
    realName: name,
    idNumber: idBase + idCheckChar(idBase),
    homeRegionCode: '330105012001',
    acceptPrivacyNotice: true,
  });
  expect(registered.status, JSON.stringify(registered.body)).toBe(201);
  return page;
}

async function offeringId(page: Page, title: string): Promise<string> {
  const items = (await send(page, 'GET', '/api/catalog/offerings?pageSize=100')).body.items as { id: string; title: string }[];
  const found = items.find((o) => o.title === title);
  if (!found) throw new Error(`no offering ${title} in ${items.map((o) => o.title).join(', ')}`);
  return found.id;
}

const tap = async (page: Page, testId: string, counter: { n: number }) => {
  await page.getByTestId(testId).click();
  counter.n++;
};

describe('enrolment on a phone', () => {
  it('the demo resident enrols in the calligraphy class in at most three taps from its page', async () => {
    const page = await phone();
    await login(page, '13900000001');
    const id = await offeringId(page, '书法入门（楷书）班');
    await page.goto(`${platform.url}/offerings/${id}`);
    await expect.poll(() => page.getByTestId('seats-left').textContent()).toBe('剩余名额：20');
    const taps = { n: 0 };
    await tap(page, 'enrol-start', taps);
    await expect.poll(() => page.locator('[data-testid=enrol-action]').textContent()).toContain('确认报名「书法入门（楷书）班」？');
    await expectAccessible(page, 'enrol confirmation at 360 px');
    await tap(page, 'enrol-confirm', taps);
    await expect.poll(() => page.getByTestId('enrol-notice').textContent()).toBe('报名成功！');
    expect(taps.n).toBeLessThanOrEqual(3);
    expect(await page.getByTestId('enrol-state').textContent()).toBe('您已报名。');
    expect(await page.getByTestId('seats-left').textContent()).toBe('剩余名额：19');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page, 'enrolled, offering page');
    await page.screenshot({ path: '/tmp/enrol-done-elder-360.png', fullPage: true });

    await page.goto(`${platform.url}/enrolments`);
    await expect.poll(() => page.getByTestId('my-enrolments').textContent()).toContain('书法入门（楷书）班');
    await expectAccessible(page, 'my enrolments');
    await expect.poll(() => page.getByTestId('unread-badge').count()).toBe(1);
    await page.getByTestId('tab-messages').click();
    await expect.poll(() => page.getByTestId('messages').textContent()).toContain('您已成功报名「书法入门（楷书）班」。');
    await expectAccessible(page, 'messages');
  });

  it('a full event → waitlist → someone cancels → the offer appears → confirm', async () => {
    const staff = await phone();
    await login(staff, 'street');
    const created = await send(staff, 'POST', '/api/offerings', {
      kind: 'event',
      eventType: 'lecture',
      title: '楷书小讲堂（一人班）',
      categoryCode: 'SHUHUA',
      regionCode: '330105012',
      mode: 'online',
      capacity: 1,
      sessions: [{ date: shanghaiDate(10), startTime: '09:00', endTime: '10:00' }],
      cancelCutoffHours: 2,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    expect((await send(staff, 'POST', `/api/offerings/${id}/publish`)).status).toBeLessThan(300);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const first = await newResident('13700000031', '李先生', '33010519560101003');
    await first.goto(`${platform.url}/offerings/${id}`);
    await first.getByTestId('enrol-start').click();
    await first.getByTestId('enrol-confirm').click();
    await expect.poll(() => first.getByTestId('enrol-notice').textContent()).toBe('报名成功！');

    const demo = await phone();
    await login(demo, '13900000001');
    await demo.goto(`${platform.url}/offerings/${id}`);
    // Full before the first tap: the page offers the waitlist straight away, no 报名 that would only refuse.
    await demo.getByTestId('join-waitlist').click();
    expect(await demo.getByTestId('enrol-start').count()).toBe(0);
    await expect.poll(() => demo.getByTestId('enrol-state').textContent()).toBe('您在候补名单中，目前排第 1 位。');
    await expectAccessible(demo, 'waitlisted');

    await first.goto(`${platform.url}/enrolments`);
    await first.getByRole('button', { name: '取消报名' }).click();
    await first.getByRole('button', { name: '确定取消' }).click();
    await expect.poll(async () => (await first.locator('[data-status=cancelled]').count()) || (await first.locator('main').textContent())).toBe(1);

    await demo.goto(`${platform.url}/offerings/${id}`);
    await expect.poll(() => demo.getByTestId('offer').textContent()).toMatch(/有名额空出，已为您保留，请在 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 前确认。/);
    await expectAccessible(demo, 'offer on the offering page');
    await demo.getByRole('button', { name: '确认名额' }).click();
    await expect.poll(() => demo.getByTestId('enrol-notice').textContent()).toBe('已确认，报名成功！');
    expect(await demo.getByTestId('enrol-state').textContent()).toBe('您已报名。');
    await demo.goto(`${platform.url}/messages`);
    await expect.poll(() => demo.getByTestId('messages').textContent()).toContain('候补名额待确认');
  });

  it('a daughter enrols her father by proxy after he consents', async () => {
    const daughter = await newResident('13700000032', '王小红', '33010519880202004');
    await daughter.goto(`${platform.url}/proxy`);
    await daughter.getByLabel('家人的手机号').fill('13900000001');
    await daughter.locator('#ask-relation').fill('父女');
    await daughter.getByRole('button', { name: '发送请求' }).click();
    await expect.poll(() => daughter.getByTestId('proxy-notice').textContent()).toContain('请求已发送');
    // Until he agrees, the page does not say whose number it is (or whether it is anyone's).
    expect(await daughter.getByTestId('proxy-act-for').textContent()).not.toContain('王秀英');
    await expectAccessible(daughter, 'proxy page (asking)');

    const father = await phone();
    await login(father, '13900000001');
    await father.goto(`${platform.url}/proxy`);
    await expect.poll(() => father.getByTestId('proxy-requests').textContent()).toContain('王小红');
    await expectAccessible(father, 'proxy page (consent)');
    await father.getByRole('button', { name: '同意' }).click();
    await expect.poll(() => father.getByTestId('proxy-given').textContent()).toContain('王小红');
    await daughter.goto(`${platform.url}/proxy`);
    await expect.poll(() => daughter.getByTestId('proxy-act-for').textContent()).toContain('王秀英');

    const id = await offeringId(daughter, '智能手机应用班（天水）');
    await daughter.goto(`${platform.url}/offerings/${id}`);
    await daughter.getByLabel('为谁报名').selectOption({ label: '王秀英' });
    await daughter.getByRole('button', { name: '为 王秀英 报名' }).click();
    await expect.poll(() => daughter.locator('[data-testid=enrol-action]').textContent()).toContain('报名人：王秀英');
    await daughter.getByTestId('enrol-confirm').click();
    await expect.poll(() => daughter.getByTestId('enrol-notice').textContent()).toBe('报名成功！');

    await father.goto(`${platform.url}/messages`);
    await expect.poll(() => father.getByTestId('messages').textContent()).toContain('王小红 代您办理了「智能手机应用班（天水）」（报名）。');
    await father.goto(`${platform.url}/enrolments`);
    await expect.poll(() => father.getByTestId('my-enrolments').textContent()).toContain('由他人代报');
  });

  it('staff see the enrolment tab of the calligraphy class in the console and record a payment', async () => {
    const page = await consolePage(browser, platform.url, 'street');
    const id = await offeringId(page, '书法入门（楷书）班');
    await page.goto(`${platform.url}/console/offerings/${id}`);
    await page.getByRole('tab', { name: '报名名单' }).click();
    await expect.poll(() => page.getByTestId('enrolments-table').textContent()).toContain('王秀英');
    expect(await page.getByTestId('enrolment-summary').textContent()).toContain('已占名额 1 / 20');
    // axe on the tab itself: the page header around it belongs to the offerings feature (its status tag is checked there).
    await page.evaluate(axe.source); // not a script tag: the CSP refuses inline scripts
    const violations = await page.evaluate(async () =>
      (await (window as unknown as { axe: typeof axe }).axe.run('.enrolments-tab', { resultTypes: ['violations'] })).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) })),
    );
    expect(violations).toEqual([]);
    await page.getByRole('button', { name: '登记费用' }).first().click();
    await page.getByRole('radio', { name: '已减免' }).check({ force: true });
    await page.locator('#en-note').fill('低保老人免收学费');
    await page.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => page.getByTestId('enrolments-table').textContent()).toContain('已减免');
    contexts.push(page.context());
  });
});
