import { startPlatform, launchBrowser, consolePage, axeViolations } from './test/browser/harness';
const out = '/tmp/numbers-shots';
const plat = await startPlatform();
const browser = await launchBrowser();
try {
  const page = await consolePage(browser, plat.url, 'district', 30_000);
  const api = (method: string, url: string, body?: unknown) => page.evaluate(async ({ method, url, body }) => {
    const res = await fetch(url, { method, headers: body ? { 'Content-Type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
    return { status: res.status, body: await res.json().catch(() => null) };
  }, { method, url, body });
  const tpl = await api('POST', '/api/monitoring/form-templates', { title: '年度经费', ownerRegionCode: '330105', fields: [{ key: 'funding', label: '社区教育专项经费', type: 'number', unit: '元', required: true, feeds: 'FUNDING' }] });
  const task = await api('POST', '/api/monitoring/form-tasks', { templateId: tpl.body.id, period: '2026Q4', deadline: '2030-12-31', units: [{ regionCode: '330105012' }] });
  const a = task.body.assignments[0];
  await api('POST', `/api/monitoring/assignments/${a.id}/submissions`, { values: { funding: 180000 } });
  await api('POST', `/api/monitoring/assignments/${a.id}/review`, { decision: 'accept' });
  await api('POST', '/api/monitoring/computations', { region: '330105', year: 2026 });
  const plan = await api('POST', '/api/assessment-plans', { year: 2026, title: '2026年度成员单位考核', subjectKind: 'unit', criteria: [{ name: '职责落实', weight: 50, source: 'reviewer' }, { name: '街道社区学校覆盖率', weight: 30, source: 'indicator', indicatorKey: 'I09' }, { name: '按时报送', weight: 20, source: 'on_time_reporting' }] });
  console.log('plan', plan.status);
  for (const [w, h] of [[1440, 900], [360, 780]]) {
    for (const loc of ['zh-CN', 'en']) {
      await page.setViewportSize({ width: w, height: h });
      await page.evaluate((l) => localStorage.setItem('lc.locale', l), loc);
      await page.goto(plat.url + '/console/dashboard');
      await page.getByTestId('dashboard-headline').waitFor();
      await page.waitForTimeout(1500);
      await page.screenshot({ path: `${out}/dashboard-${w}-${loc}.png` });
      const v = await axeViolations(page);
      console.log('dashboard', w, loc, JSON.stringify(v.filter((x) => x.impact === 'serious' || x.impact === 'critical')));
      await page.goto(plat.url + '/console/assessment');
      await page.locator('[data-testid=ranking]').waitFor();
      await page.waitForTimeout(1000);
      await page.screenshot({ path: `${out}/assessment-${w}-${loc}.png` });
      const v2 = await axeViolations(page);
      console.log('assessment', w, loc, JSON.stringify(v2.filter((x) => x.impact === 'serious' || x.impact === 'critical')));
    }
  }
} finally {
  await browser.close();
  await plat.stop();
}
