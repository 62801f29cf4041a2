// The resource pools in a real browser: a district imports instructors from Excel (bad rows listed with
// progress shown, then a good file), a street sees a district-shared instructor read-only, and the venue
// calendar shows a booking made in its dialog and the server's refusal of an overlapping one.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, consolePage, startPlatform, launchBrowser, type RunningPlatform } from './harness';

let platform: RunningPlatform;
let browser: Browser;
const workDir = mkdtempSync(join(tmpdir(), 'learncity-pools-'));

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

const loggedIn = (username: string) => consolePage(browser, platform.url, username);

const apiGet = (page: Page, url: string) => page.evaluate(async (u) => (await fetch(u)).json(), url);

const HEADERS = ['姓名', '手机号', '类型', '专长类别', '授课语言', '资质证书', '个人简介', '可授课时间', '所属层级区划代码', '向下共享'];
async function workbook(name: string, rows: (string | number)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('师资');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  const path = join(workDir, name);
  await wb.xlsx.writeFile(path);
  return path;
}
const person = (name: string, phone: string) => [name, phone, '兼职', '书画', '普通话', '', '', '周一 09:00-11:00', '330105', '否'];

/** Shanghai date `days` from now. */
const shanghaiDate = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

describe('pools console', () => {
  it('a district imports instructors: bad rows are listed with progress shown, then a good file is imported', async () => {
    const page = await loggedIn('district');
    await page.getByRole('menuitem', { name: '师资库' }).click();
    await page.locator('[data-testid=ins-table]').getByText('周墨林').waitFor();
    // The summary loads beside the table: '—' until it arrives.
    await expect.poll(() => page.locator('[data-testid=summary-total]').innerText(), { timeout: 30_000 }).toMatch(/^\d+$/);
    await expectAccessible(page, 'instructors page');
    const before = (await apiGet(page, '/api/instructors?pageSize=1')).total as number;

    // 1,500 good rows and two bad ones: large enough that the job's progress shows while it checks.
    const many = Array.from({ length: 1500 }, (_, i) => person(`批量讲师${i}`, `186${String(i).padStart(8, '0')}`));
    const bad = await workbook('bad.xlsx', [
      ...many.slice(0, 10),
      person('坏号码', '12345'),
      ...many.slice(10),
      ['缺专长', '13912340000', '兼职', '', '', '', '', '', '330105', '否'],
    ]);
    await page.locator('[data-testid=ins-import]').click();
    const dlg = page.getByRole('dialog', { name: /导入/ });
    await dlg.locator('[data-testid=import-file]').setInputFiles(bad);
    await dlg.locator('[data-testid=import-submit]').click();
    await dlg.locator('[data-testid=job-progress]').waitFor();
    const errors = dlg.locator('[data-testid=import-errors]');
    await errors.waitFor({ timeout: 60_000 });
    const rows = await errors.locator('.el-table__body tr').allInnerTexts();
    expect(rows.map((r) => r.trim().split(/\s+/)[0])).toEqual(['12', '1503']);
    expect(rows[0]).toContain('手机号');
    await expectAccessible(page, 'import errors');
    expect((await apiGet(page, '/api/instructors?pageSize=1')).total).toBe(before);

    const good = await workbook('good.xlsx', [person('导入讲师甲', '18700000001'), person('导入讲师乙', '18700000002'), person('导入讲师丙', '18700000003')]);
    await dlg.locator('[data-testid=import-file]').setInputFiles(good);
    await dlg.locator('[data-testid=import-submit]').click();
    await dlg.locator('[data-testid=import-success]').waitFor({ timeout: 60_000 });
    expect(await dlg.locator('[data-testid=import-success]').innerText()).toContain('已导入 3 条');
    await dlg.getByRole('button', { name: '关闭', exact: true }).click();
    expect((await apiGet(page, '/api/instructors?pageSize=1')).total).toBe(before + 3);
    await page.locator('#f-q').fill('导入讲师乙');
    await page.getByRole('button', { name: '查询' }).click();
    await page.locator('[data-testid=ins-table]').getByText('导入讲师乙').waitFor();
    await expect.poll(() => page.locator('[data-testid=ins-table]').innerText()).not.toContain('周墨林');
  });

  it('a street admin sees a district-shared instructor read-only and edits its own', async () => {
    const page = await loggedIn('street');
    await page.getByRole('menuitem', { name: '师资库' }).click();
    const table = page.locator('[data-testid=ins-table]');
    const shared = table.locator('.el-table__body tr', { hasText: '周墨林' });
    await shared.waitFor();
    await expect.poll(() => shared.locator('[data-testid=read-only-tag]').innerText()).toBe('上级共享·只读');
    expect(await shared.locator('[data-testid=ins-edit]').count()).toBe(0);
    expect(await shared.getByRole('button', { name: '显示完整号码' }).count()).toBe(0);
    const own = table.locator('.el-table__body tr', { hasText: '陆晓燕' });
    expect(await own.locator('[data-testid=read-only-tag]').count()).toBe(0);
    expect(await own.locator('[data-testid=ins-edit]').count()).toBe(1);
    expect(await own.locator('[data-testid=ins-phone]').innerText()).not.toBe('13700000103');
    await own.getByRole('button', { name: '显示完整号码' }).click();
    await expect.poll(() => own.locator('[data-testid=ins-phone]').innerText()).toBe('13700000103');

    await page.getByRole('menuitem', { name: '场地库' }).click();
    await page.locator('[data-testid=ven-table]').getByText('街道社区学校报告厅').waitFor();
    const sharedVenue = page.locator('[data-testid=ven-table] .el-table__body tr', { hasText: '区图书馆多功能厅' });
    expect(await sharedVenue.locator('[data-testid=read-only-tag]').count()).toBe(1);
    expect(await sharedVenue.locator('[data-testid=ven-edit]').count()).toBe(0);
    await expectAccessible(page, 'venues page');
  });

  it('the calendar shows a booking made in the dialog, and an overlapping one shows the server error', async () => {
    const page = await loggedIn('street');
    const venues = await apiGet(page, '/api/venues?q=' + encodeURIComponent('街道社区学校报告厅'));
    const hall = venues.items.find((v: { name: string }) => v.name === '街道社区学校报告厅');
    expect(hall).toBeTruthy();
    await page.goto(`${platform.url}/console/bookings?venue=${hall.id}`);
    const calendar = page.locator('[data-testid=bk-calendar]');
    await calendar.waitFor();
    const date = shanghaiDate(2);

    async function book(title: string) {
      await page.locator('[data-testid=bk-book]').click();
      const form = page.locator('[data-testid=bk-form]');
      await form.waitFor();
      const dateInput = form.locator('.el-date-editor input').first();
      await dateInput.fill(date);
      await dateInput.press('Enter');
      await page.locator('#bk-title').fill(title);
      await page.locator('[data-testid=bk-submit]').click();
    }

    await book('居民读书会');
    const block = calendar.locator(`[data-date="${date}"] [data-testid=bk-block]`, { hasText: '居民读书会' });
    await block.waitFor();
    expect(await block.innerText()).toContain('09:00–10:00');
    await expectAccessible(page, 'booking calendar');

    await book('重复预约');
    const timeItem = page.locator('[data-testid=bk-time]');
    await expect.poll(() => timeItem.locator('.el-form-item__error').innerText()).toMatch(/冲突/);
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    expect(await calendar.locator('[data-testid=bk-block]', { hasText: '重复预约' }).count()).toBe(0);
  });

  it('the owner of a venue rejects a pending booking with a reason from the list to decide', async () => {
    const street = await loggedIn('street');
    const venues = await apiGet(street, '/api/venues?q=' + encodeURIComponent('区图书馆多功能厅'));
    const library = venues.items.find((v: { name: string }) => v.name === '区图书馆多功能厅');
    const date = shanghaiDate(3);
    const res = await street.evaluate(
      async (body) => {
        const r = await fetch('/api/venue-bookings', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        return { status: r.status, body: await r.json() };
      },
      { venueId: library.id, startsAt: `${date}T14:00:00+08:00`, endsAt: `${date}T16:00:00+08:00`, purpose: 'event', title: '街道合唱排练' },
    );
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('pending');

    const district = await loggedIn('district');
    await district.getByRole('menuitem', { name: '场地预约' }).click();
    const row = district.locator('[data-testid=bk-decide] .el-table__body tr', { hasText: '街道合唱排练' });
    await row.waitFor();
    await row.getByRole('button', { name: '驳回' }).click();
    const box = district.locator('.el-message-box');
    await box.getByRole('button', { name: '确定' }).click();
    await box.getByText('不通过时请填写理由').waitFor(); // the API's own words (contracts: bookingDecision)
    await box.locator('input').fill('当天场馆检修');
    await box.getByRole('button', { name: '确定' }).click();
    await row.waitFor({ state: 'detached' });
    const after = await apiGet(street, `/api/venue-bookings/${res.body.id}`);
    expect(after.status).toBe('rejected');
    expect(after.reason).toBe('当天场馆检修');
  });

  it('a district creates an instructor in the dialog; a duplicate phone is named by the server beside the field', async () => {
    const page = await loggedIn('district');
    await page.getByRole('menuitem', { name: '师资库' }).click();
    await page.locator('[data-testid=ins-table]').getByText('周墨林').waitFor();
    async function fill(phone: string) {
      await page.locator('[data-testid=ins-create]').click();
      const dialog = page.getByRole('dialog', { name: '新增师资' });
      await dialog.locator('#ins-name').fill('表单讲师');
      await dialog.locator('#ins-kind').click({ force: true });
      await page.locator('.el-select-dropdown__item:visible', { hasText: '专职' }).click();
      await dialog.locator('#ins-phone').fill(phone);
      // Open the filterable multi-select by its wrapper and retry: a second dialog can swallow the first click.
      const option = page.locator('.el-select-dropdown__item:visible', { hasText: '书画' }).first();
      for (let i = 0; i < 5 && !(await option.isVisible()); i++) {
        await dialog
          .locator('.el-form-item', { has: page.locator('#ins-spec') })
          .locator('.el-select__wrapper')
          .click();
        await option.waitFor({ timeout: 2000 }).catch(() => undefined);
      }
      await option.click();
      await page.keyboard.press('Escape');
      await dialog.locator('.region-picker').click();
      const root = page.locator('.el-cascader__dropdown:visible .el-cascader-node', { hasText: '拱墅区' }).first();
      await root.locator('.el-radio').click();
      await page.keyboard.press('Escape').catch(() => undefined);
      await dialog.locator('[data-testid=instructor-save]').click();
      return dialog;
    }
    const dup = await fill('13700000101');
    await expect.poll(() => dup.locator('.el-form-item__error').allInnerTexts()).toHaveLength(1);
    await expectAccessible(page, 'instructor dialog with an error');
    await dup.getByRole('button', { name: '取消' }).click();
    const ok = await fill('18799990000');
    await ok.waitFor({ state: 'hidden' });
    await page.locator('[data-testid=ins-table]').getByText('表单讲师').waitFor();
  });
});
