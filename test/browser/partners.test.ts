// A partner's records sent with the address the console shows reach the resident's archive; those naming
// nobody are in the partner's daily report, with the reason, in Chinese and in English.
import { describe, it, expect } from 'vitest';
import { randomUUID } from 'node:crypto';
import { platformForFile, expectAccessible, consolePage, DEMO_PASSWORD } from './harness';

const shots = process.env.CONSOLE_SHOTS ?? '/tmp';
const file = platformForFile({}, 200_000);

describe('partner platforms in the browser', () => {
  it("shows the statements that matched no resident in the partner's daily report", async () => {
    const page = await consolePage(file.browser, file.platform.url, 'district');
    const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(file.platform.url + url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: file.platform.url, ...headers },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json().catch(() => null), cookie: res.headers.get('set-cookie')?.split(';')[0] ?? '' };
    };
    const residentLogin = await post('/api/auth/login', { username: '13900000001', password: DEMO_PASSWORD });
    expect(residentLogin.status).toBe(200);
    const me = await (await fetch(file.platform.url + '/api/residents/me', { headers: { cookie: residentLogin.cookie } })).json();
    const residentId = me.id;
    const created = await page.request.post(file.platform.url + '/api/partners', {
      data: { name: '城市终身学习网', scopes: ['statements/write'], regionCode: me.homeRegion.code.slice(0, 6) },
      headers: { origin: file.platform.url },
    });
    expect(created.status()).toBe(201);
    const partner = await created.json();
    const auth = { authorization: 'Basic ' + Buffer.from(`${partner.key}:${partner.secret}`).toString('base64'), 'x-experience-api-version': '1.0.3' };
    const completed = (homePage: string, name: string, title: string) => ({
      actor: { account: { homePage, name } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
      object: { id: `https://mooc.example.org/${randomUUID()}`, definition: { name: { 'zh-CN': title } } },
      result: { completion: true, duration: 'PT16H' },
    });
    const sent = await post(
      '/xapi/statements',
      [
        completed(file.platform.url, residentId, '人工智能通识（线上）'),
        completed(file.platform.url, randomUUID(), '民法典与生活（线上）'),
        { ...completed('https://mooc.example.org', 'u-778', '家庭急救（线上）'), actor: { mbox: 'mailto:zhang.san@example.org' } },
      ],
      auth,
    );
    expect(sent.status).toBe(200);
    const archive = await (
      await fetch(file.platform.url + '/api/me/learning-records?sourceType=partner', { headers: { cookie: residentLogin.cookie } })
    ).json();
    expect(archive.items.map((i: { title: string }) => i.title)).toContain('人工智能通识（线上）');
    const credits = await (
      await fetch(file.platform.url + '/api/me/credit-entries?category=online_course', { headers: { cookie: residentLogin.cookie } })
    ).json();
    expect(credits.items.filter((e: { title: string }) => e.title === '人工智能通识（线上）').map((e: { credits: number }) => e.credits)).toEqual([1]);

    await page.goto(file.platform.url + '/console/partners');
    const row = page.locator('.el-table__row', { hasText: '城市终身学习网' });
    await row.getByRole('button', { name: /\d+ \/ \d+/ }).click();
    const dialog = page.locator('.el-dialog', { hasText: '每日报告' });
    const list = dialog.locator('[data-testid=unmatched-statements]');
    await list.getByText('民法典与生活（线上）').waitFor();
    expect(await list.innerText()).toContain('本平台没有该居民编号');
    expect(await list.innerText()).toContain('mailto:z***@example.org');
    expect(await list.innerText()).not.toContain('人工智能通识');
    expect(await dialog.innerText()).toContain('未匹配到居民的学习记录（2 条）');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${shots}/partners-unmatched-zh.png` });
    await expectAccessible(page, 'partner daily report');

    await page.evaluate(() => localStorage.setItem('lc.locale', 'en'));
    await page.reload();
    await page
      .locator('.el-table__row', { hasText: '城市终身学习网' })
      .getByRole('button', { name: /\d+ \/ \d+/ })
      .click();
    const en = page.locator('.el-dialog', { hasText: 'daily report' });
    await en.getByText('No resident has this id here').waitFor();
    expect(await en.innerText()).toContain('Learning records that matched no resident (2)');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${shots}/partners-unmatched-en.png` });
    await page.context().close();
  });
});
