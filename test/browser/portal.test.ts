// The residents' portal in a real Chromium against the real platform: registering and logging in on a
// 360 px phone in elder mode, errors that change nothing, the English switch, and axe on every page.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, DEMO_PASSWORD, launchBrowser, openInApp, pageRequests, startPlatform, watchCspViolations, type RunningPlatform } from './harness';

const PHONE_WIDTH = 360;
const STREET = '330105012'; // 天水街道
const COMMUNITY = '330105012001'; // 灯芯巷社区
const DEMO_RESIDENT_PHONE = '13900000001';
const PASSWORD = 'Learn2026ok';

/** A valid GB 11643 ID number: the 17 digits given plus their check character. */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

/** The same number with a wrong check character. */
function withWrongCheckChar(id: string): string {
  const chars = '0123456789X'.replace(id[17], '');
  return id.slice(0, 17) + chars[0];
}

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

let sequence = 0;
function uniquePhone(): string {
  sequence += 1;
  return `137${String(Date.now() % 1e6).padStart(6, '0')}${String(sequence).padStart(2, '0')}`;
}
const uniqueIdNumber = () => idNumber(`33010519560312${String(100 + Math.floor(Math.random() * 899))}`);

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

// Every page works under the platform's Content Security Policy: nothing it needs is refused.
const cspViolations: string[] = [];
afterEach(() => {
  expect(cspViolations).toEqual([]);
});

async function phonePage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: PHONE_WIDTH, height: 760 }, locale: 'zh-CN' });
  watchCspViolations(context, cspViolations);
  contexts.push(context);
  return context.newPage();
}

async function smsCode(phone: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const code = platform.lastSmsCode(phone);
    if (code) return code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no SMS code was sent to ${phone}:\n${platform.output().slice(-2000)}`);
}

async function chooseHome(page: Page) {
  await page.getByLabel('街道/乡镇').selectOption(STREET);
  await page.getByLabel('社区/村').selectOption(COMMUNITY);
}

async function fillRegistration(page: Page, r: { phone: string; realName: string; idNumber: string }) {
  await page.goto(`${platform.url}/register`);
  await page.getByLabel('手机号', { exact: true }).fill(r.phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.getByText(/验证码已发送到/).waitFor();
  await page.getByLabel('短信验证码').fill(await smsCode(r.phone));
  await page.getByLabel('设置密码').fill(PASSWORD);
  await page.getByLabel('真实姓名').fill(r.realName);
  await page.getByLabel('身份证号').fill(r.idNumber);
  await chooseHome(page);
  await page.getByLabel(/我已阅读并同意/).check();
}

/** Registering with this phone number must fail now if the earlier attempt created nothing. */
async function loginStatus(page: Page, phone: string): Promise<number> {
  return page.evaluate(
    async ([username, password]) => {
      const res = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      return res.status;
    },
    [phone, PASSWORD],
  );
}

describe('residents portal', () => {
  it('registers and logs in at 360 px in elder mode and shows the masked ID number', async () => {
    const page = await phonePage();
    const response = await page.goto(platform.url + '/');
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('.elder-toggle--big').click();
    expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(true);

    await page.reload();
    const style = await page.evaluate(() => {
      const s = getComputedStyle(document.body);
      return { elder: document.documentElement.classList.contains('elder'), fontSize: parseFloat(s.fontSize), lineHeight: parseFloat(s.lineHeight) };
    });
    expect(style.elder).toBe(true); // remembered across visits
    expect(style.fontSize).toBeGreaterThanOrEqual(20);
    expect(style.lineHeight / style.fontSize).toBeGreaterThanOrEqual(1.3);

    const person = { phone: uniquePhone(), realName: '王秀英', idNumber: uniqueIdNumber() };
    await fillRegistration(page, person);
    const submit = page.getByRole('button', { name: '注册', exact: true });
    expect((await submit.boundingBox())!.height).toBeGreaterThanOrEqual(48);
    expect((await page.getByLabel('身份证号').boundingBox())!.height).toBeGreaterThanOrEqual(48);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_WIDTH);
    await page.screenshot({ path: '/tmp/portal-register-elder-360.png', fullPage: true });
    await submit.click();

    await page.waitForURL('**/profile');
    const masked = `${person.idNumber.slice(0, 3)}***********${person.idNumber.slice(14)}`;
    await expect.poll(() => page.locator('[data-field="idNumber"]').textContent()).toBe(masked);
    expect(await page.locator('[data-field="realName"]').textContent()).toBe(person.realName);
    expect(await page.locator('[data-field="birthYear"]').textContent()).toBe('1956 年');
    expect(await page.content()).not.toMatch(/1956-?03-?12/);
    expect(await page.locator('[data-field="home"]').textContent()).toContain('灯芯巷社区');
    expect(await page.content()).not.toContain(person.idNumber);
    await page.screenshot({ path: '/tmp/portal-profile-elder-360.png', fullPage: true });

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(platform.url + '/');
    // Signed out, the home page offers 登录 where the next session would be.
    await page.getByRole('main').getByRole('link', { name: '登录', exact: true }).click();
    await page.getByLabel('手机号').fill(person.phone);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL('**/profile');
    await expect.poll(() => page.locator('[data-field="idNumber"]').textContent()).toBe(masked);
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBeGreaterThanOrEqual(20);
  });

  it('shows the ID number error next to the field and creates nothing', async () => {
    const page = await phonePage();
    const person = { phone: uniquePhone(), realName: '李建国', idNumber: withWrongCheckChar(uniqueIdNumber()) };
    await fillRegistration(page, person);
    await page.getByRole('button', { name: '注册', exact: true }).click();

    const idField = page.getByLabel('身份证号');
    await expect.poll(() => idField.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await idField.getAttribute('aria-describedby')) ?? '';
    const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'))!;
    expect(await page.locator(`#${errorId}`).textContent()).toContain('校验位');
    expect(await page.getByRole('alert').first().textContent()).toMatch(/需要修改/);
    expect(new URL(page.url()).pathname).toBe('/register');

    // The server says the same when the check is bypassed, and still creates nothing.
    const answer = await page.evaluate(
      async (body) => {
        const res = await fetch('/api/residents', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
        return { status: res.status, body: await res.json() };
      },
      {
        phone: person.phone,
        smsCode: await smsCode(person.phone),
        password: PASSWORD,
        realName: person.realName,
        idNumber: person.idNumber,
        homeRegionCode: COMMUNITY,
        acceptPrivacyNotice: true,
      },
    );
    expect(answer.status).toBe(422);
    expect(answer.body.error.details.fields.idNumber).toContain('校验位');
    expect(await loginStatus(page, person.phone)).toBe(401);
  });

  it("shows the server's message next to the phone field when the phone is already registered", async () => {
    const page = await phonePage();
    await page.goto(`${platform.url}/register`);
    await page.getByLabel('手机号', { exact: true }).fill(DEMO_RESIDENT_PHONE);
    await page.getByRole('button', { name: '获取验证码' }).click();
    const code = await Promise.race([
      smsCode(DEMO_RESIDENT_PHONE).catch(() => ''),
      page
        .locator('#reg-phone-error')
        .waitFor()
        .then(() => ''),
    ]);
    if (code) {
      // The server sent a code anyway: the duplicate is reported when registering.
      await page.getByLabel('短信验证码').fill(code);
      await page.getByLabel('设置密码').fill(PASSWORD);
      await page.getByLabel('真实姓名').fill('张三');
      await page.getByLabel('身份证号').fill(uniqueIdNumber());
      await chooseHome(page);
      await page.getByLabel(/我已阅读并同意/).check();
      await page.getByRole('button', { name: '注册', exact: true }).click();
    }
    await page.locator('#reg-phone-error').waitFor();
    expect((await page.locator('#reg-phone-error').textContent())!.trim().length).toBeGreaterThan(2);
    expect(await page.getByLabel('手机号', { exact: true }).getAttribute('aria-invalid')).toBe('true');
  });

  it('switches to English, remembers it and gets English messages from the server', async () => {
    const page = await phonePage();
    await page.goto(platform.url + '/');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Learncity');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    expect(await page.locator('h1').textContent()).toBe('Learncity');
    expect(await page.getByLabel('Find classes and events').count()).toBe(1);
    expect(await page.getByRole('button', { name: '中文' }).count()).toBe(1);

    await page.goto(`${platform.url}/login`);
    await page.getByRole('heading', { name: 'Log in to Learncity' }).waitFor();
    await expect.poll(() => page.title(), { timeout: 5000 }).toBe('Log in · Learncity');
    await page.getByLabel('Mobile number').fill('13700009999');
    await page.getByLabel('Password', { exact: true }).fill('Wrong0pass');
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.locator('#login-password-error').waitFor();
    const message = (await page.locator('#login-password-error').textContent()) ?? '';
    expect(message).toMatch(/[A-Za-z]/);
    expect(message).not.toMatch(/[\u4e00-\u9fff]/);
    expect(await page.locator('main').innerText()).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('has no axe violations on home, register, login, profile and the 404 page, in both modes', async () => {
    const page = await phonePage();
    const problems: Record<string, unknown> = {};
    for (const elder of [false, true]) {
      await page.goto(platform.url + '/');
      await page.evaluate((on) => localStorage.setItem('lc.elder', on ? '1' : '0'), elder);
      // The mode is applied when the portal starts; its pages are then reached through its links' router (the
      // load of each is not what is checked here).
      const requests = pageRequests(page);
      await page.reload();
      await requests.quiet();
      requests.stop();
      for (const path of ['/', '/register', '/login', '/nowhere']) {
        await openInApp(page, path);
        await page.locator('main h1').waitFor();
        expect(await page.evaluate(() => document.documentElement.classList.contains('elder')), path).toBe(elder);
        const v = await axeViolations(page);
        if (v.length) problems[`${path} elder=${elder}`] = v;
      }
    }
    // A registration form full of errors must stay accessible too.
    await openInApp(page, '/register');
    await page.getByRole('button', { name: '注册', exact: true }).click();
    await page.locator('#reg-id-error').waitFor();
    const formErrors = await axeViolations(page);
    if (formErrors.length) problems['/register with errors'] = formErrors;

    await openInApp(page, '/login');
    await page.getByLabel('手机号').fill(DEMO_RESIDENT_PHONE);
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL('**/profile');
    await page.locator('[data-field="idNumber"]').waitFor();
    const profile = await axeViolations(page);
    if (profile.length) problems['/profile'] = profile;
    expect(problems).toEqual({});
  });

  it('shows the resident’s learning archive with the hours staff recorded', async () => {
    // A district officer records a lecture the demo resident attended (as staff do for learning off the platform).
    const origin = { Origin: platform.url, 'Content-Type': 'application/json' };
    const login = await fetch(`${platform.url}/api/auth/login`, {
      method: 'POST',
      headers: origin,
      body: JSON.stringify({ username: 'district', password: DEMO_PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const page = await phonePage();
    await page.goto(platform.url + '/login');
    await page.getByLabel('手机号').fill(DEMO_RESIDENT_PHONE);
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL('**/profile');
    const residentId = await page.evaluate(async () => (await (await fetch('/api/residents/me')).json()).id);
    const res = await fetch(`${platform.url}/api/learning-records`, {
      method: 'POST',
      headers: { ...origin, cookie },
      body: JSON.stringify({ residentId, title: '社区防诈骗讲座', hours: 2.5, outcome: 'attended', occurredOn: '2026-11-01', provider: '天水街道社区学校' }),
    });
    expect(res.status).toBe(201);
    await page.getByRole('link', { name: '查看我的学习档案' }).click();
    await page.waitForURL('**/archive');
    await expect.poll(() => page.getByTestId('archive-record').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('archive-record').first().textContent()).toContain('社区防诈骗讲座');
    expect(await page.getByTestId('archive-hours').textContent()).toContain('2.5');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('downloads the archive as a signed CLR credential and brings it back as a recognition application; a tampered one is refused', async () => {
    const page = await phonePage();
    await page.goto(platform.url + '/login');
    await page.getByLabel('手机号').fill(DEMO_RESIDENT_PHONE);
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL('**/profile');
    // A record staff enter, so the archive has something to export whichever tests ran before.
    const origin = { Origin: platform.url, 'Content-Type': 'application/json' };
    const login = await fetch(`${platform.url}/api/auth/login`, {
      method: 'POST',
      headers: origin,
      body: JSON.stringify({ username: 'district', password: DEMO_PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const residentId = await page.evaluate(async () => (await (await fetch('/api/residents/me')).json()).id);
    const recorded = await fetch(`${platform.url}/api/learning-records`, {
      method: 'POST',
      headers: { ...origin, cookie },
      body: JSON.stringify({ residentId, title: '太极拳入门', hours: 8, outcome: 'completed', occurredOn: '2026-10-12', provider: '天水街道社区学校' }),
    });
    expect(recorded.status).toBe(201);
    await page.goto(platform.url + '/archive');
    await expect.poll(() => page.getByTestId('archive-record').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('archive-export-xapi').getAttribute('href')).toBe('/api/me/learning-records/export.xapi.json');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('archive-export-clr').click()]);
    const clr = JSON.parse(await streamText(await download.createReadStream()));
    expect(clr.type).toEqual(['VerifiableCredential', 'ClrCredential']);

    await page.goto(platform.url + '/credits/recognition');
    const tampered = structuredClone(clr);
    tampered.credentialSubject.verifiableCredential[0].name = '改过的名称';
    await page
      .getByTestId('rc-import-file')
      .setInputFiles({ name: 'tampered.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tampered)) });
    await expect.poll(() => page.getByTestId('rc-import-error').textContent()).toContain('签名验证失败');
    expect(await axeViolations(page)).toEqual([]);

    await page
      .getByTestId('rc-import-file')
      .setInputFiles({ name: 'learning-record.clr.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(clr)) });
    // One achievement opens its application; several say how many were made.
    await expect
      .poll(async () => page.url().includes('/credits/recognition/') || (await page.getByTestId('rc-import-done').count()) > 0, { timeout: 30_000 })
      .toBe(true);
  });
});
