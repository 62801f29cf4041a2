// The assessor's export of the audit trail: a date range as CSV or Excel, scoped like the list, the export
// itself audited, and a bad range refused with the field named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { DEFAULT_TIME_ZONE, setPlatformTimeZone } from '../../src/contracts/local-time';

let p: TestPlatform;
let admin: Record<string, string>;
const RANGE = 'from=2026-11-01&to=2026-11-30T23:59:59%2B08:00';

beforeAll(async () => {
  p = await startTestPlatform();
  admin = await p.login('admin');
}, 120_000);
afterAll(() => p.close());

const csvRows = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');

describe('audit-log export', () => {
  it('is the same entries as the list, as CSV with Chinese headers in Beijing time, and is audited itself', async () => {
    const res = await p.request('GET', `/api/audit-log/export.csv?${RANGE}`, { headers: admin });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('审计日志_2026-11-01_2026-11-30.csv'));
    expect(res.raw.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    const rows = csvRows(res.raw.toString('utf8'));
    expect(rows[0]).toBe('时间（北京时间）,操作人,操作人编号,操作,对象类型,对象编号,区域代码,IP 地址,详情');
    const listed = await p.request('GET', `/api/audit-log?${RANGE}&pageSize=1`, { headers: admin });
    expect(rows.length - 1).toBe(listed.body.total);
    expect(rows.length).toBeGreaterThan(5);
    // The test clock is 10:00 in Beijing (02:00 UTC).
    expect(rows.at(-1)).toMatch(/^2026-11-23 10:00:00,admin,[0-9a-f-]{36},audit_log\.export,audit_log,,,/);
    const own = await p.request('GET', '/api/audit-log?action=audit_log.export', { headers: admin });
    expect(own.body.items[0]).toMatchObject({ actorName: 'admin', details: { from: '2026-11-01', to: '2026-11-30T23:59:59+08:00', format: 'csv' } });
  });

  it("names another installation's zone (LEARNCITY_TIME_ZONE) in the header and gives its wall-clock times", async () => {
    setPlatformTimeZone('Asia/Urumqi');
    try {
      const rows = csvRows((await p.request('GET', `/api/audit-log/export.csv?${RANGE}`, { headers: admin })).raw.toString('utf8'));
      expect(rows[0]).toMatch(/^时间（Asia\/Urumqi）,操作人,/);
      // The test clock is 10:00 in Beijing, 08:00 in Urumqi.
      expect(rows.at(-1)).toMatch(/^2026-11-23 08:00:00,admin,/);
    } finally {
      setPlatformTimeZone(DEFAULT_TIME_ZONE);
    }
  });

  it('as Excel, streamed, with the same rows', async () => {
    const res = await p.request('GET', `/api/audit-log/export.xlsx?${RANGE}`, { headers: admin });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('审计日志')!;
    expect(sheet.getRow(1).getCell(4).value).toBe('操作');
    const listed = await p.request('GET', `/api/audit-log?${RANGE}&pageSize=1`, { headers: admin });
    // The list now also holds this export's own entry, written before its rows were read.
    expect(sheet.actualRowCount - 1).toBe(listed.body.total);
  });

  it('is scoped: a street administrator exports only their street’s entries and their own', async () => {
    const street = await p.login('street');
    const res = await p.request('GET', `/api/audit-log/export.csv?${RANGE}`, { headers: street });
    expect(res.status).toBe(200);
    const rows = csvRows(res.raw.toString('utf8'))
      .slice(1)
      .map((r) => r.split(','));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r[6] === '' ? r[1] : r[6].startsWith('330105012') ? 'ok' : r[1]).toMatch(/^(ok|street)$/);
    const listed = await p.request('GET', `/api/audit-log?${RANGE}&pageSize=1`, { headers: street });
    expect(rows.length).toBe(listed.body.total);
  });

  it('refuses residents, other staff, anonymous callers and bad ranges, exporting nothing', async () => {
    const before = (await p.request('GET', '/api/audit-log?action=audit_log.export&pageSize=1', { headers: admin })).body.total;
    expect((await p.request('GET', `/api/audit-log/export.csv?${RANGE}`)).status).toBe(401);
    expect((await p.request('GET', `/api/audit-log/export.csv?${RANGE}`, { headers: await p.login('13900000001') })).status).toBe(403);
    expect((await p.request('GET', `/api/audit-log/export.xlsx?${RANGE}`, { headers: await p.login('leader') })).status).toBe(403);
    const missing = await p.request('GET', '/api/audit-log/export.csv?from=2026-11-01', { headers: admin });
    expect(missing.status).toBe(422);
    expect(missing.body.error.details.fields.to).toBeTruthy();
    const reversed = await p.request('GET', '/api/audit-log/export.csv?from=2026-11-30&to=2026-11-01', { headers: { ...admin, 'accept-language': 'en' } });
    expect(reversed.status).toBe(422);
    expect(reversed.body.error.details.fields.to).toBe('The end must not be before the start.');
    const long = await p.request('GET', '/api/audit-log/export.csv?from=2024-01-01&to=2026-11-01', { headers: admin });
    expect(long.status).toBe(422);
    expect(long.body.error.details.fields.to).toBe('一次最多导出 366 天的记录，请缩小时间范围');
    expect((await p.request('GET', '/api/audit-log?action=audit_log.export&pageSize=1', { headers: admin })).body.total).toBe(before);
  });
});
