// Excel imports against zip bombs: a few hundred KB of .xlsx that inflate to hundreds of MB of sheet XML,
// built in memory (test/support/zip-bomb.ts) so no bomb is committed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { multipart } from '../support/multipart';
import { bomb } from '../support/zip-bomb';

let p: TestPlatform;
let district: Record<string, string>;
beforeAll(async () => {
  p = await startTestPlatform();
  district = await p.login('district');
});
afterAll(() => p.close());

const MB = 1024 * 1024;

/** The answer to `send`, and how far the process's memory rose above where it was while it ran. */
async function withPeakMemory<T>(send: () => Promise<T>): Promise<{ result: T; risenMb: number }> {
  global.gc?.();
  const base = process.memoryUsage.rss();
  let peak = base;
  const sample = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  try {
    const result = await send();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, risenMb: (peak - base) / MB };
  } finally {
    clearInterval(sample);
  }
}

async function post(url: string, file: Buffer, headers = district) {
  const body = multipart(file, { filename: 'bomb.xlsx' });
  return p.request('POST', url, { headers: { ...headers, ...body.headers }, payload: body.payload });
}

describe('Excel imports and zip bombs', () => {
  it('refuses an archive declaring 300 MB of sheet XML on every import, before inflating it', async () => {
    const file = bomb(300);
    expect(file.length).toBeLessThan(2 * MB);
    for (const url of [
      '/api/institutions/import',
      '/api/venues/import',
      '/api/instructors/import',
      '/api/courses/import',
      '/api/monitoring/assignments/00000000-0000-4000-8000-000000000000/upload',
    ]) {
      const { result: res, risenMb } = await withPeakMemory(() => post(url, file));
      expect(res.status, url).toBe(413);
      expect(res.body.error.code).toBe('import.archive_too_large');
      expect(res.body.error.message).toContain('解压后过大');
      expect(risenMb, url).toBeLessThan(150);
    }
    const en = await post('/api/institutions/import', file, { ...district, 'accept-language': 'en' });
    expect(en.body.error.message).toContain('unpacks to too much data');
  });

  it('stops an archive that declares 512 KB but inflates to 300 MB as soon as it passes 512 KB', async () => {
    const before = (await p.request('GET', '/api/institutions?pageSize=1', { headers: district })).body.total;
    const { result: res, risenMb } = await withPeakMemory(() => post('/api/institutions/import', bomb(300, 512 * 1024)));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('import.archive_too_large');
    expect(risenMb).toBeLessThan(150);
    expect((await p.request('GET', '/api/institutions?pageSize=1', { headers: district })).body.total).toBe(before);
  });

  it('refuses a sheet of more than 5,000 rows while reading it, and still imports a normal file', async () => {
    const template = (await p.request('GET', '/api/institutions/import-template.xlsx', { headers: district })).raw;
    async function fill(rows: string[][]): Promise<Buffer> {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(template as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0];
      sheet.spliceRows(2, 1);
      for (const r of rows) sheet.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    }
    const many = await post('/api/institutions/import', await fill(Array.from({ length: 5001 }, (_, i) => [`学习点${i}`, '学习点', '330105001051'])));
    expect(many.status).toBe(422);
    expect(many.body.error.code).toBe('import.too_many_rows');
    const normal = await post('/api/institutions/import', await fill([['炸弹测试学习点', '学习点', '330105001051']]));
    expect(normal.status).toBe(200);
    expect(normal.body).toEqual({ created: 1 });
  });
});
