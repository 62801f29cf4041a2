// The UNESCO GNLC biennial self-report beside the district report (issue 17, item 9): reached from the
// dashboard, written in the language chosen on the page (not the screen's), downloadable as Word, and
// accessible. Screenshots at desktop and phone widths in both languages go to CONSOLE_SHOTS (/tmp).
import { describe, it, expect } from 'vitest';
import { platformForFile, apiCall, consolePage, expectAccessible } from './harness';

const shots = process.env.CONSOLE_SHOTS ?? '/tmp';
const file = platformForFile({}, 240_000);

describe('UNESCO self-report page', () => {
  it('opens from the dashboard in Chinese, switches the report to English while the console stays Chinese, and offers the .docx', async () => {
    const district = await consolePage(file.browser, file.platform.url, 'district');
    const year = new Date().getFullYear();
    expect((await apiCall(district, 'POST', '/api/monitoring/computations', { region: '330105', year })).status).toBe(200);
    await district.getByRole('menuitem', { name: '领导驾驶舱' }).click();
    await district.waitForURL(/\/console\/dashboard/);
    await district.getByRole('link', { name: 'UNESCO 自评报告' }).click();
    await district.waitForURL(/\/console\/report\/unesco/);
    const doc = district.locator('section.document');
    await expect.poll(() => doc.locator('.doc-title').textContent()).toBe('联合国教科文组织全球学习型城市网络双年度自评报告');
    const text = await doc.textContent();
    for (const heading of ['个人赋能与社会凝聚', '振兴家庭和社区学习', '资源的调动与利用', '平台尚缺的数据：', '附录：数据来源与报送情况'])
      expect(text).toContain(heading);
    await expectAccessible(district, 'unesco report zh');
    await district.screenshot({ path: `${shots}/unesco-1-zh-1440.png` });

    await district.getByRole('radiogroup', { name: '报告语言' }).getByText('English').click();
    await expect.poll(() => doc.locator('.doc-title').textContent()).toBe('UNESCO Global Network of Learning Cities: biennial self-report');
    expect(district.url()).toContain('lang=en');
    expect(await district.locator('h1').first().textContent()).toBe('学习型城市双年度自评报告（联合国教科文组织）');
    expect(await doc.getAttribute('lang')).toBe('en');
    const href = await district.getByTestId('unesco-docx').getAttribute('href');
    expect(href).toContain('lang=en');
    const docx = await district.evaluate(async (u) => {
      const r = await fetch(u);
      return { status: r.status, type: r.headers.get('content-type') };
    }, href!);
    expect(docx).toEqual({ status: 200, type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
    await expectAccessible(district, 'unesco report en');
    await district.screenshot({ path: `${shots}/unesco-2-en-1440.png` });

    await district.setViewportSize({ width: 360, height: 780 });
    await district.reload();
    await expect.poll(() => doc.locator('.doc-title').textContent()).toBe('UNESCO Global Network of Learning Cities: biennial self-report');
    await district.screenshot({ path: `${shots}/unesco-3-en-360.png` });
    await district.getByRole('radiogroup', { name: '报告语言' }).getByText('中文').click();
    await expect.poll(() => doc.locator('.doc-title').textContent()).toBe('联合国教科文组织全球学习型城市网络双年度自评报告');
    // The console is desktop-first (its header overflows a phone's width on every page): axe runs at desktop size above.
    await district.screenshot({ path: `${shots}/unesco-4-zh-360.png`, fullPage: false });
  });
});
