// Learning teams on a phone in elder mode: a resident creates a team, a neighbour finds it by community
// and asks to join, the leader accepts and logs an activity with who attended, and the neighbour sees it.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { idCheckChar } from '../../src/server/kernel/id-card';
import { expectAccessible, startPlatform, launchBrowser, DEMO_PASSWORD, type RunningPlatform, PAGE_TIMEOUT_MS } from './harness';

let platform: RunningPlatform;
let browser: Browser;
const shots = process.env.CONSOLE_SHOTS ?? '/tmp';
const TEAM = `天水智能手机互助组${Date.now().toString(36).slice(-4)}`;

beforeAll(async () => {
  platform = await startPlatform();
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
  expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(true);
  return page;
}

/** Picks street then community in the portal's native region selects. */
async function pickCommunity(page: Page, id: string, street: string, community: string) {
  await page.locator(`#${id}`).selectOption({ label: street });
  await page.locator(`#${id}-1`).selectOption({ label: community });
}

describe('learning teams in the browser', () => {
  it('a resident creates a team, a neighbour joins, and an activity is logged with attendance', async () => {
    const leader = await phonePage();
    await leader.goto(platform.url + '/login?redirect=/teams/new');
    await leader.locator('#login-username').fill('13900000001');
    await leader.locator('#login-password').fill(DEMO_PASSWORD);
    await leader.getByRole('button', { name: '登录', exact: true }).click();
    await leader.waitForURL(/\/teams\/new/);
    await leader.getByRole('heading', { name: '创建学习团队' }).waitFor();
    // Submitting an empty form names what is missing.
    await leader.getByRole('button', { name: '创建团队' }).click();
    await leader.locator('#team-name-error').waitFor();
    await leader.locator('#team-name').fill(TEAM);
    await leader.locator('#team-category').selectOption({ label: '智能手机与电脑' });
    await pickCommunity(leader, 'team-community', '天水街道', '胭脂新村社区');
    await leader.locator('#team-venue').fill('胭脂新村社区学习点活动室');
    await leader.locator('#team-time').fill('每周二下午 2:00');
    await expectAccessible(leader, 'new team');
    await leader.getByRole('button', { name: '创建团队' }).click();
    await leader.getByRole('heading', { name: TEAM }).waitFor();
    await leader.getByText('团队已创建，您是负责人。').waitFor();
    const teamUrl = leader.url().split('?')[0];

    // A neighbour registers, finds the team by community and asks to join.
    const neighbour = await phonePage();
    const phone = '13700000077';
    await neighbour.evaluate(async (p) => {
      await fetch('/api/auth/sms-codes', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ phone: p, purpose: 'register' }),
      });
    }, phone);
    await expect.poll(() => platform.lastSmsCode(phone)).toBeTruthy();
    const idBase = '33010519551103002';
    const registered = await neighbour.evaluate(
      async (body) => (await fetch('/api/residents', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).status,
      {
        phone,
        smsCode: platform.lastSmsCode(phone)!,
        password: 'Learn2026x',
        realName: '赵阿姨',
        idNumber: idBase + idCheckChar(idBase),
        homeRegionCode: '330105012001',
        acceptPrivacyNotice: true,
      },
    );
    expect(registered).toBe(201);
    await neighbour.goto(platform.url + '/teams');
    await pickCommunity(neighbour, 'team-region', '天水街道', '胭脂新村社区');
    await neighbour.getByRole('button', { name: '查找' }).click();
    await neighbour.locator('[data-testid=teams]').getByRole('link', { name: TEAM }).click();
    // The team's own page (the list may still show the demo team led by the same resident).
    await neighbour.getByTestId('member-count').waitFor();
    await neighbour.getByRole('heading', { name: TEAM }).waitFor();
    expect(await neighbour.getByTestId('member-count').locator('..').textContent()).toContain('王*英');
    await neighbour.locator('#join-message').fill('想学用手机挂号');
    await neighbour.getByRole('button', { name: '申请加入' }).click();
    await neighbour.locator('[data-testid=join-pending]').waitFor();
    await neighbour.screenshot({ path: `${shots}/teams-1-join.png`, fullPage: true });
    await expectAccessible(neighbour, 'team (pending)');

    // The leader accepts and logs an activity with both present.
    await leader.goto(teamUrl);
    const request = leader.locator('[data-testid=join-request]', { hasText: '赵阿姨' });
    await request.getByText('想学用手机挂号').waitFor();
    await request.getByRole('button', { name: '同意 赵阿姨' }).click();
    await expect.poll(() => leader.locator('[data-testid=member-count]').innerText()).toBe('2 名成员');
    await leader.locator('#act-title').fill('学用手机预约挂号');
    await leader.getByRole('button', { name: '保存活动记录' }).click();
    await leader.locator('#act-attendance-error').waitFor(); // nobody ticked
    await leader.getByLabel('王秀英').check();
    await leader.getByLabel('赵阿姨').check();
    await leader.getByRole('button', { name: '保存活动记录' }).click();
    await leader.getByText('活动已记录。').waitFor();
    await expect.poll(() => leader.locator('[data-testid=activities]').innerText()).toContain('学用手机预约挂号');
    expect(await leader.locator('[data-testid=activities]').innerText()).toContain('到场 2 人');
    await leader.screenshot({ path: `${shots}/teams-2-activity.png`, fullPage: true });
    await expectAccessible(leader, 'team (leader)');

    // The neighbour, now a member, sees the members and who attended.
    await neighbour.reload();
    await expect.poll(() => neighbour.locator('[data-testid=members]').innerText()).toContain('王秀英');
    await expect.poll(() => neighbour.locator('[data-testid=activities]').innerText()).toContain('赵阿姨');
    await neighbour.getByText('您是团队成员').waitFor();

    // The neighbour also nominates a learning star where the campaign invites residents, and follows it.
    await neighbour.goto(platform.url + '/nominate');
    await neighbour.getByRole('heading', { name: '推荐身边的学习榜样' }).waitFor();
    await neighbour.locator('#nom-campaign').selectOption({ label: '2026年度“百姓学习之星”评选' });
    await neighbour.locator('#nom-name').fill('钱老师');
    await pickCommunity(neighbour, 'nom-community', '天水街道', '胭脂新村社区');
    await neighbour.locator('#nom-summary').fill('太短');
    await neighbour.getByRole('button', { name: '提交推荐' }).click();
    await neighbour.locator('#nom-summary-error').waitFor();
    await neighbour.locator('#nom-summary').fill('钱老师退休后在社区学习点义务教老人用智能手机，三年来教了两百多人。');
    await neighbour.getByRole('button', { name: '提交推荐' }).click();
    await neighbour.getByText('推荐已提交').waitFor();
    await expect.poll(() => neighbour.locator('#mine-heading + ul').innerText()).toContain('钱老师');
    expect(await neighbour.locator('#mine-heading + ul').innerText()).toContain('社区初审中');
    await expectAccessible(neighbour, 'nominate');
  });
});
