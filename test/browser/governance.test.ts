// The leading group's work in the browser: the culture bureau's reporter reports progress on its task,
// the district sees the overdue task flagged and the member units with the clauses of their duties,
// and the annual assessment ranks the units with every score traceable, then is published.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible, consolePage, startPlatform, launchBrowser, type RunningPlatform } from './harness';

let platform: RunningPlatform;
let browser: Browser;
const shots = process.env.CONSOLE_SHOTS ?? '/tmp';

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const staffPage = (username: string) => consolePage(browser, platform.url, username);

describe('governance in the browser', () => {
  it('a member unit reports progress; an overdue task shows as overdue; the assessment ranks units traceably', async () => {
    // The culture bureau's reporter sees only its own tasks and reports progress.
    const reporter = await staffPage('unit');
    await reporter.getByRole('menuitem', { name: '领导小组与任务' }).click();
    const tasks = reporter.locator('[data-testid=tasks]');
    await tasks.getByText('群艺馆、图书馆全年开展老年教育活动').waitFor();
    expect(await tasks.innerText()).not.toContain('公共体育场馆');
    await tasks.locator('.el-table__row', { hasText: '群艺馆' }).getByRole('button', { name: '详情' }).click();
    const dialog = reporter.locator('.el-dialog', { hasText: '报送进度：群艺馆' });
    await dialog.locator('#rp-text').fill('下半年新增老年合唱、摄影课程 14 场，累计 32 场。');
    await dialog.locator('#rp-value').fill('32');
    await dialog.locator('#rp-value').blur();
    // Evidence goes through the files module: the uploaded PDF is attached to the report.
    const pdf = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    await dialog.locator('#rp-files').setInputFiles({ name: '下半年活动台账.pdf', mimeType: 'application/pdf', buffer: pdf });
    await dialog.locator('.evidence').getByText('下半年活动台账.pdf').waitFor();
    await dialog.getByRole('button', { name: '报送进度' }).click();
    await dialog.locator('[data-testid=reports]').getByText('累计 32 场').waitFor();
    await dialog.locator('[data-testid=reports]').getByRole('link', { name: '下半年活动台账.pdf' }).waitFor();
    await reporter.screenshot({ path: `${shots}/governance-1-report.png` });
    await expectAccessible(reporter, 'progress report');
    await reporter.context().close();

    // The district sees the report, the overdue task flagged, and the units' duties with their clauses.
    const district = await staffPage('district');
    await district.getByRole('menuitem', { name: '领导小组与任务' }).click();
    const units = district.locator('[data-testid=units]');
    await units.getByText('区文化和旅游局').waitFor();
    await units.locator('.el-table__row', { hasText: '区文化和旅游局' }).locator('.el-table__expand-icon').click();
    await units.getByText('南开政办函〔2021〕10号《南开区学习型城市建设工作机制》 二（十二）').first().waitFor();
    await district.getByRole('tab', { name: '年度任务' }).click();
    const all = district.locator('[data-testid=tasks]');
    await expect.poll(() => all.locator('.el-table__row', { hasText: '群艺馆' }).innerText()).toContain('2026-');
    await district.getByText('只看逾期').click();
    await expect.poll(() => all.locator('.el-table__row').count()).toBe(1);
    expect(await all.locator('.el-table__row').innerText()).toMatch(/公共体育场馆[\s\S]*区体育局[\s\S]*逾期/);
    await district.screenshot({ path: `${shots}/governance-2-overdue.png` });
    await expectAccessible(district, 'tasks');

    // The annual assessment: a plan with a reviewer score, an indicator and on-time reporting.
    await district.getByRole('menuitem', { name: '年度考核' }).click();
    await district.getByRole('button', { name: '新建考核方案' }).click();
    const planDialog = district.locator('.el-dialog', { hasText: '新建考核方案' });
    await planDialog.locator('#ap-title').fill('2026年度成员单位考核');
    await planDialog.getByRole('button', { name: '保存' }).click();
    await planDialog.waitFor({ state: 'hidden' });
    const ranking = district.locator('[data-testid=ranking]');
    await ranking.getByText('区文化和旅游局').waitFor();
    const plan = await district.evaluate(async () => (await (await fetch('/api/assessment-plans')).json()).items[0]);
    // Culture is scored in the browser, with its evidence.
    const culture = ranking.locator('.el-table__row', { hasText: '区文化和旅游局' });
    await culture.getByRole('button', { name: '评分' }).first().click();
    const scoreDialog = district.locator('.el-dialog', { hasText: '评分：区文化和旅游局' });
    await scoreDialog.locator('#sc-score').fill('95');
    await scoreDialog.locator('#sc-score').blur();
    await scoreDialog.locator('#sc-evidence').fill('督导组现场检查记录第 12 号');
    await scoreDialog.getByRole('button', { name: '保存' }).click();
    await scoreDialog.waitFor({ state: 'hidden' });
    // The indicator criterion has no score button: it is read from monitoring (the demo's 9 of 18 streets with a school: 50 %).
    await expect.poll(() => culture.getByRole('button', { name: '评分' }).count()).toBe(1);
    // The other units through the API with the same session (as a reviewer would over many dialogs).
    await district.evaluate(
      async ({ planId, criteria }) => {
        const units = (await (await fetch('/api/member-units?pageSize=50')).json()).items as { id: string; name: string }[];
        for (const u of units.filter((x) => x.name !== '区文化和旅游局')) {
          await fetch(`/api/assessment-plans/${planId}/scores`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ criterionId: criteria[0].id, subjectId: u.id, evidence: '督导组现场检查记录', score: 80 }),
          });
        }
      },
      { planId: plan.id, criteria: plan.criteria },
    );
    await district.reload();
    const first = ranking.locator('.el-table__row').first();
    await expect.poll(() => first.innerText()).toContain('区文化和旅游局');
    const firstText = await first.innerText();
    // No task of culture's is due yet: on-time reporting is no score, and the total rests on the others: (95×50 + 50×30) / 80.
    expect(firstText).toContain('78.13');
    expect(firstText).toContain('无到期任务，不计分');
    expect(firstText).toContain('督导组现场检查记录第 12 号');
    expect(firstText).toContain('取自监测指标：I09 = 50%');
    await expect.poll(() => ranking.locator('.el-table__row').last().innerText()).toContain('区体育局');
    await district.screenshot({ path: `${shots}/governance-3-ranking.png`, fullPage: true });
    await expectAccessible(district, 'assessment');
    await district.getByRole('button', { name: '发布结果' }).click();
    await district.locator('.el-message-box').getByRole('button', { name: '确定' }).click();
    await district.locator('.results').getByText('已发布').first().waitFor();
  });
});
