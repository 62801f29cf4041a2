// A learning-star campaign in the browser, as its users would run it: the district creates it, two
// communities nominate and forward, the street forwards one and is refused the second by its quota,
// the district approves and opens the public notice, a passer-by objects on the portal without an
// account, the objection holds the commendation until the district resolves it, then it is commended.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, consolePage, startPlatform, launchBrowser, type RunningPlatform } from './harness';

let platform: RunningPlatform;
let browser: Browser;
const shots = process.env.CONSOLE_SHOTS ?? '/tmp';
const TITLE = `2026年度“百姓学习之星”${Date.now().toString(36).slice(-4)}`;

beforeAll(async () => {
  platform = await startPlatform({}, { movableClock: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const staffPage = (username: string) => consolePage(browser, platform.url, username);

const row = (page: Page, name: string) => page.locator('[data-testid=nominations] .el-table__row', { hasText: name });

/** Opens the review dialog of a nomination, scores every criterion and presses a decision button. */
async function review(page: Page, name: string, score: number, button: string) {
  await row(page, name).getByRole('button', { name: '评审' }).click();
  const dialog = page.locator('.el-dialog', { hasText: `评审：${name}` });
  await dialog.waitFor();
  const inputs = dialog.locator('input[id^=score-]');
  await expect.poll(() => inputs.count()).toBe(3);
  for (let i = 0; i < 3; i++) {
    await inputs.nth(i).fill(String(score));
    await inputs.nth(i).blur();
  }
  await dialog.getByRole('button', { name: button }).click();
  return dialog;
}

async function nominate(page: Page, campaignId: string, name: string) {
  await page.goto(`${platform.url}/console/awards/${campaignId}`);
  await page.getByRole('button', { name: '推荐', exact: true }).click();
  const dialog = page.locator('.el-dialog', { hasText: '新增推荐' });
  await dialog.waitFor();
  await expect.poll(() => dialog.locator('.region-picker input').inputValue()).not.toBe('');
  await dialog.locator('#nm-name').fill(name);
  await dialog.locator('#nm-summary').fill(`${name}坚持在社区学校学习十余年，带动邻里共同学习智能手机和书法。`);
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await row(page, name).waitFor();
  const forwarded = await review(page, name, 90, '通过并上报');
  await forwarded.waitFor({ state: 'hidden' });
  await expect.poll(() => row(page, name).innerText()).toContain('街道评审');
  await page.context().close();
}

describe('awards in the browser', () => {
  it('runs a learning-star campaign from two community nominations to commendation', async () => {
    // The district creates the campaign: each community may forward 2, the street 1, the district commends 1.
    const district = await staffPage('district');
    await district.getByRole('menuitem', { name: '评选表彰' }).click();
    await district.getByRole('button', { name: '新建评选活动' }).click();
    const create = district.locator('.el-dialog', { hasText: '新建评选活动' });
    await create.locator('#cf-title').fill(TITLE);
    await create.locator('#cf-qs').fill('1');
    await create.locator('#cf-qs').blur();
    await create.locator('#cf-qd').fill('1');
    await create.locator('#cf-qd').blur();
    await create.getByRole('button', { name: '保存' }).click();
    await district.waitForURL(/\/console\/awards\/[0-9a-f-]{36}/);
    const campaignId = district.url().split('/').pop()!;
    await expect.poll(() => district.locator('[data-testid=campaign-summary]').innerText()).toContain('社区 2 个 / 街道 1 个 / 区级 1 个');
    await expectAccessible(district, 'campaign');

    // Two communities nominate and forward with their scores.
    await nominate(await staffPage('community1'), campaignId, '张桂兰');
    await nominate(await staffPage('community2'), campaignId, '李建国');

    // The street forwards one; the second is refused by the street quota, which the message names.
    const street = await staffPage('street');
    await street.goto(`${platform.url}/console/awards/${campaignId}`);
    await row(street, '李建国').waitFor();
    await (await review(street, '张桂兰', 95, '通过并上报')).waitFor({ state: 'hidden' });
    await expect.poll(() => row(street, '张桂兰').innerText()).toContain('区级评审');
    const refused = await review(street, '李建国', 85, '通过并上报');
    await expect
      .poll(() => refused.locator('[data-testid=review-error]').innerText())
      .toContain('名额已满：天水街道的街道（乡镇）级推荐名额为 1 个，已推荐 1 个');
    await street.screenshot({ path: `${shots}/awards-1-quota.png` });
    await refused.locator('#rv-reason').fill('本街道名额已用完');
    await refused.getByRole('button', { name: '不予推荐' }).click();
    await refused.waitFor({ state: 'hidden' });
    await expect.poll(() => row(street, '李建国').innerText()).toContain('未推荐：本街道名额已用完');
    await street.context().close();

    // The district approves and opens a public notice of ten minutes (the platform's clock passes them below).
    await district.reload();
    await (await review(district, '张桂兰', 96, '评审通过')).waitFor({ state: 'hidden' });
    await district.getByRole('button', { name: '开始公示' }).click();
    const notice = district.locator('.el-dialog', { hasText: '区级评审通过的推荐对象' });
    const endsAt = new Date(Date.now() + 10 * 60_000);
    const shanghai = new Date(endsAt.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
    await notice.locator('#notice-ends').fill(shanghai);
    await notice.locator('#notice-ends').press('Enter');
    await notice.getByRole('button', { name: '开始公示' }).click();
    await notice.waitFor({ state: 'hidden' });
    await expect.poll(() => district.locator('[data-testid=campaign-status]').innerText()).toBe('公示中');

    // Anyone objects on the portal, without an account, leaving a phone number.
    const phone = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 800 } });
    const portal = await phone.newPage();
    await portal.goto(platform.url + '/notices');
    const nominee = portal.locator('[data-testid=nominee]', { hasText: '张桂兰' });
    await nominee.waitFor();
    expect(await portal.locator('[data-testid=nominee]', { hasText: '李建国' }).count()).toBe(0);
    await nominee.getByRole('button', { name: '对“张桂兰”提出异议' }).click();
    await nominee.locator('#obj-content').fill('事迹中所述学习年限与实际情况不符，请核实。');
    await nominee.getByRole('button', { name: '提交异议' }).click();
    await nominee.locator('#obj-phone-error').waitFor(); // no account: a contact phone is required
    await nominee.locator('#obj-phone').fill('13811112222');
    await nominee.getByRole('button', { name: '提交异议' }).click();
    await nominee.getByText('异议已提交').waitFor();
    await portal.screenshot({ path: `${shots}/awards-2-objection.png`, fullPage: true });
    await expectAccessible(portal, 'notices');
    await phone.close();

    // After the notice period (the platform's clock moved past its end: the refusal is no longer "notice
    // running") the open objection still holds the commendation.
    platform.advanceClock(Math.max(0, endsAt.getTime() - Date.now() + 1000));
    await district.reload();
    await district.getByRole('button', { name: '表彰' }).click();
    await district.locator('.el-message-box').getByRole('button', { name: '确定' }).click();
    await expect.poll(() => district.locator('[data-testid=action-error]').innerText()).toContain('还有 1 条异议未处理');
    expect(await district.locator('[data-testid=campaign-status]').innerText()).toBe('公示中');

    // The district resolves the objection, then commends.
    await district.getByRole('tab', { name: '异议' }).click();
    const objection = district.locator('[data-testid=objections] .el-table__row', { hasText: '学习年限' });
    await objection.getByRole('button', { name: '处理' }).click();
    const resolve = district.locator('.el-dialog', { hasText: '处理异议' });
    await resolve.locator('#obj-response').fill('经核实，社区学校有十余年学习记录为证，异议不成立。');
    await resolve.getByRole('button', { name: '保存' }).click();
    await resolve.waitFor({ state: 'hidden' });
    await expect.poll(() => objection.innerText()).toContain('异议不成立');
    await district.getByRole('button', { name: '表彰' }).click();
    await district.locator('.el-message-box').getByRole('button', { name: '确定' }).click();
    await expect.poll(() => district.locator('[data-testid=campaign-status]').innerText()).toBe('已表彰');
    await district.getByRole('tab', { name: '推荐对象' }).click();
    await expect.poll(() => row(district, '张桂兰').innerText()).toContain('已表彰');
    await district.getByText('学分银行上线后将据此签发').waitFor();
    await district.screenshot({ path: `${shots}/awards-3-commended.png`, fullPage: true });
    await expectAccessible(district, 'commended');
  });
});
