// Excel imports as an officer meets them: the template's example row is never imported, every missing
// column is named, a wrong value says what is wrong, full-width digits are read, and the venue template's
// instructions read as Chinese.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { multipart } from '../support/multipart';

let p: TestPlatform;
let district: Record<string, string>;
beforeAll(async () => {
  p = await startTestPlatform();
  district = await p.login('district');
}, 120_000);
afterAll(() => p.close());

const wide = (s: string) => s.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

async function template(kind: 'instructors' | 'venues' | 'institutions') {
  const res = await p.request('GET', `/api/${kind}/import-template.xlsx`, { headers: district });
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
  return wb;
}
async function upload(kind: 'instructors' | 'venues' | 'institutions', wb: ExcelJS.Workbook) {
  const body = multipart(Buffer.from(await wb.xlsx.writeBuffer()), { filename: `${kind}.xlsx` });
  const res = await p.request('POST', `/api/${kind}/import`, { headers: { ...district, ...body.headers }, payload: body.payload });
  if (res.status !== 202) return { status: res.status, error: res.body.error, result: res.body };
  await p.services.jobs.settled(res.body.jobId);
  const job = (await p.request('GET', `/api/jobs/${res.body.jobId}`, { headers: district })).body;
  return { status: job.status === 'succeeded' ? 200 : 422, error: job.error, result: job.result };
}
const instructorsNamed = async (q: string) =>
  (await p.request('GET', `/api/instructors?q=${encodeURIComponent(q)}`, { headers: district })).body.total as number;

describe('imports', () => {
  it('skips the template’s example row: uploading the template as downloaded creates nobody', async () => {
    const wb = await template('instructors');
    const example = String(wb.worksheets[0].getRow(2).getCell(1).value);
    expect(example.startsWith('【示例】')).toBe(true);
    const name = example.replace('【示例】', '');
    const res = await upload('instructors', wb);
    expect(res.status).toBe(422);
    expect(res.error.message).toBe('文件中没有数据行');
    expect(await instructorsNamed(name)).toBe(0);
    // A template from before the mark: the row equal to the example is skipped all the same.
    wb.worksheets[0].getRow(2).getCell(1).value = name;
    expect((await upload('instructors', wb)).status).toBe(422);
    expect(await instructorsNamed(name)).toBe(0);
  });

  it('imports a real row under the kept example, reading full-width digits in the phone', async () => {
    const wb = await template('instructors');
    const sheet = wb.worksheets[0];
    const row = (sheet.getRow(2).values as ExcelJS.CellValue[]).slice(1).map((v) => String(v ?? ''));
    row[0] = '全角号码教师';
    row[1] = wide('13911112222');
    sheet.addRow(row);
    const res = await upload('instructors', wb);
    expect(res.status, JSON.stringify(res.error)).toBe(200);
    expect(res.result.created).toBe(1);
    const found = (await p.request('GET', `/api/instructors?q=${encodeURIComponent('全角号码教师')}`, { headers: district })).body.items[0];
    expect((await p.request('GET', `/api/instructors/${found.id}/phone`, { headers: district })).body.phone).toBe('13911112222');
  });

  it('names every missing column at once', async () => {
    const wb = await template('venues');
    const header = wb.worksheets[0].getRow(1);
    header.getCell(1).value = '名称';
    header.getCell(3).value = '区划';
    const res = await upload('venues', wb);
    expect(res.status).toBe(422);
    expect(res.error.message).toBe('缺少 2 列：场地名称、所在区划代码。请使用导入模板，不要修改第 1 行的列名');
  });

  it('says a date typed into the floor-area column is a date, not that the area is missing', async () => {
    const wb = await template('venues');
    const sheet = wb.worksheets[0];
    const row = (sheet.getRow(2).values as ExcelJS.CellValue[]).slice(1);
    row[0] = '日期面积测试厅';
    row[6] = new Date('2026-05-01T00:00:00Z');
    sheet.addRow(row);
    const res = await upload('venues', wb);
    expect(res.status).toBe(422);
    expect(res.error.details.rows).toEqual([{ row: 3, field: 'floorAreaM2', message: '应填数字，但填的是日期“2026-05-01”（可能填错了列）' }]);
  });

  it('explains the venue unit kinds in words, not message keys', async () => {
    const wb = await template('venues');
    const help = wb.getWorksheet('填写说明')!;
    const text: string[] = [];
    help.eachRow((r) => text.push(String(r.getCell(2).value ?? '')));
    const line = text.find((t) => t.startsWith('必填：') && t.includes('、') && !t.includes('代码'))!;
    expect(line).not.toMatch(/venue_unit\./);
    expect(line).toMatch(/^必填：[\u4e00-\u9fff（）、/ ]+$/);
    const inst = await template('institutions');
    const instText: string[] = [];
    inst.getWorksheet('填写说明')!.eachRow((r) => instText.push(String(r.getCell(2).value ?? '')));
    expect(instText.join('\n')).not.toMatch(/[a-z]+_[a-z]+/);
  });
});
