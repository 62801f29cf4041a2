import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { multipart, XLSX } from '../support/multipart';

let p: TestPlatform;
let district: Record<string, string>;
let street: Record<string, string>;
beforeAll(async () => {
  p = await startTestPlatform();
  district = await p.login('district');
  street = await p.login('street');
});
afterAll(() => p.close());

async function workbookFromTemplate(rows: (string | number | null)[][]): Promise<Buffer> {
  const template = await p.request('GET', '/api/institutions/import-template.xlsx', { headers: district });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template.raw as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  sheet.spliceRows(2, 1);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function importRows(rows: (string | number | null)[][], headers = district) {
  const body = multipart(await workbookFromTemplate(rows), { filename: 'institutions.xlsx' });
  return p.request('POST', '/api/institutions/import', { headers: { ...headers, ...body.headers }, payload: body.payload });
}

const count = async (query = '') => (await p.request('GET', '/api/institutions?pageSize=1' + query, { headers: district })).body.total as number;

describe('institutions', () => {
  it('creates an institution in the right level of the network, audited', async () => {
    const res = await p.request('POST', '/api/institutions', {
      headers: district,
      body: {
        name: '灯芯巷社区市民学校',
        type: 'community_school',
        regionCode: '330105012001',
        floorAreaM2: 180.5,
        fullTimeStaff: 1,
        partTimeStaff: 4,
        contactPhone: '0571-85000000',
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ regionName: '灯芯巷社区', floorAreaM2: 180.5, status: 'active', version: 1 });
    expect(res.headers.etag).toBe('"1"');
    const audit = await p.request('GET', `/api/audit-log?entityType=institution&action=institution.create`, { headers: district });
    expect(audit.body.items.some((a: { entityId: string }) => a.entityId === res.body.id)).toBe(true);
  });

  it('names every bad field and writes nothing', async () => {
    const before = await count();
    const res = await p.request('POST', '/api/institutions', {
      headers: { ...district, 'accept-language': 'en' },
      body: { name: '', type: 'castle', regionCode: '330105012001', fullTimeStaff: -1 },
    });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.details.fields).sort()).toEqual(['fullTimeStaff', 'name', 'type']);
    const level = await p.request('POST', '/api/institutions', {
      headers: district,
      body: { name: '错层学习点', type: 'learning_point', regionCode: '330105012' },
    });
    expect(level.status).toBe(422);
    expect(level.body.error.details.fields.regionCode).toBe('学习点（教学点）应设在社区（村）级');
    const unknown = await p.request('POST', '/api/institutions', {
      headers: district,
      body: { name: '某学习点', type: 'learning_point', regionCode: '330105012999' },
    });
    expect(unknown.body.error.details.fields.regionCode).toBe('找不到该行政区划代码');
    expect(await count()).toBe(before);
  });

  it('refuses a duplicate name in the same region', async () => {
    const res = await p.request('POST', '/api/institutions', {
      headers: district,
      body: { name: '灯芯巷社区市民学校', type: 'community_school', regionCode: '330105012001' },
    });
    expect(res.status).toBe(409);
  });

  it('edits with If-Match, refusing a stale version, and deactivates', async () => {
    const created = (
      await p.request('POST', '/api/institutions', { headers: street, body: { name: '胭脂新村学习点', type: 'learning_point', regionCode: '330105012002' } })
    ).body;
    const first = await p.request('PATCH', `/api/institutions/${created.id}`, { headers: { ...street, 'if-match': '"1"' }, body: { partTimeStaff: 3 } });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const stale = await p.request('PATCH', `/api/institutions/${created.id}`, { headers: { ...district, 'if-match': '"1"' }, body: { partTimeStaff: 9 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict.stale');
    const off = await p.request('PATCH', `/api/institutions/${created.id}`, { headers: street, body: { status: 'inactive' } });
    expect(off.body.status).toBe('inactive');
    expect((await p.request('GET', `/api/institutions?status=inactive`, { headers: street })).body.items.map((i: { id: string }) => i.id)).toContain(
      created.id,
    );
  });

  it('shows a street administrator only their street, even when asking for the district', async () => {
    const all = await p.request('GET', '/api/institutions?pageSize=200&region=330105', { headers: street });
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThan(0);
    expect(all.body.items.every((i: { regionCode: string }) => i.regionCode.startsWith('330105012'))).toBe(true);
    const other = (await p.request('GET', '/api/institutions?region=330105001', { headers: district })).body.items[0];
    expect((await p.request('GET', `/api/institutions/${other.id}`, { headers: street })).status).toBe(404);
    expect((await p.request('GET', '/api/institutions?region=330105001', { headers: street })).status).toBe(404);
  });

  it('searches names in Chinese', async () => {
    const res = await p.request('GET', '/api/institutions?q=' + encodeURIComponent('市民学校'), { headers: district });
    expect(res.body.items.map((i: { name: string }) => i.name)).toContain('灯芯巷社区市民学校');
    const none = await p.request('GET', '/api/institutions?q=' + encodeURIComponent('博物馆'), { headers: district });
    expect(none.body.total).toBe(0);
  });

  it('sorts and paginates', async () => {
    const a = await p.request('GET', '/api/institutions?sort=-name&pageSize=3&page=1', { headers: district });
    const b = await p.request('GET', '/api/institutions?sort=-name&pageSize=3&page=2', { headers: district });
    const names = [...a.body.items, ...b.body.items].map((i: { name: string }) => i.name);
    expect(names).toEqual([...names].sort().reverse());
  });
});

describe('institutions in Excel', () => {
  it('serves a template with Chinese headers, an example row and an explanation sheet', async () => {
    const res = await p.request('GET', '/api/institutions/import-template.xlsx', { headers: district });
    expect(res.headers['content-type']).toContain(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['机构', '填写说明']);
    expect(wb.worksheets[0].getRow(1).getCell(1).value).toBe('机构名称');
    expect(wb.worksheets[0].getRow(2).getCell(1).value).toBe('【示例】天水街道社区学校');
  });

  it('imports all or nothing, listing every bad row with its reason', async () => {
    const before = await count();
    const res = await importRows([
      ['米市巷街道老年学校', '老年学校', '330105001', '', 300, 2, 5, '张老师', '13800001111', ''],
      ['坏电话学习点', '学习点', '330105001051', '', '', '', '', '', '12345', ''],
      ['未知区划学习点', '学习点', '330105001999', '', '', '', '', '', '', ''],
      ['城堡', '城堡', '330105001', '', '', '', '', '', '', ''],
      ['米市巷街道老年学校', '老年学校', '330105001', '', '', '', '', '', '', ''],
    ]);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('import.invalid_rows');
    expect(res.body.error.details.rows.map((r: { row: number; field: string }) => [r.row, r.field])).toEqual([
      [3, 'contactPhone'],
      [4, 'regionCode'],
      [5, 'type'],
      [6, 'name'],
    ]);
    expect(res.body.error.message).toBe('导入失败：有 4 行数据有误，未导入任何数据');
    expect(await count()).toBe(before);
  });

  it("refuses rows outside the importer's scope", async () => {
    const res = await importRows([['越界学习点', '学习点', '330105001051', '', '', '', '', '', '', '']], street);
    expect(res.status).toBe(422);
    expect(res.body.error.details.rows[0]).toMatchObject({ row: 2, field: 'regionCode', message: '该区划不在您的管理范围内' });
  });

  it('imports a good file and exports what the filter selects', async () => {
    const before = await count();
    const res = await importRows([
      ['米市巷街道老年学校', '老年学校', '330105001', '米市巷路 1 号', 300, 2, 5, '张老师', '13800001111', '周一至周五'],
      ['夹城巷社区第二学习点', 'learning_point', '330105001051', '', '', '', 2, '', '', ''],
    ]);
    expect(res.body).toEqual({ created: 2 });
    expect(await count()).toBe(before + 2);
    const exported = await p.request('GET', '/api/institutions/export.xlsx?region=330105001', { headers: district });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.raw as unknown as ArrayBuffer);
    const names: string[] = [];
    wb.worksheets[0].eachRow((row, n) => {
      if (n > 1) names.push(String(row.getCell(1).value));
    });
    expect(names).toContain('米市巷街道老年学校');
    expect(names.length).toBe(await count('&region=330105001'));
  });

  it('says clearly when the file is not a spreadsheet', async () => {
    const body = multipart(Buffer.from('not a spreadsheet'));
    const res = await p.request('POST', '/api/institutions/import', { headers: { ...district, ...body.headers }, payload: body.payload });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('import.bad_file');
  });
});

describe('coverage', () => {
  it('lists streets without a community school and communities without a learning point', async () => {
    const res = await p.request('GET', '/api/coverage?region=330105', { headers: district });
    expect(res.status).toBe(200);
    const { streets, communities } = res.body;
    expect(streets.total).toBe(18);
    expect(streets.withCommunitySchool + streets.without.length).toBe(18);
    expect(streets.without.length).toBeGreaterThan(0);
    expect(communities.total).toBe(178);
    expect(communities.withLearningPoint + communities.withoutLearningPoint.length).toBe(178);
    expect(communities.withoutLearningPoint[0]).toHaveProperty('streetName');
  });

  it('is scoped: a street administrator gets their street only', async () => {
    expect((await p.request('GET', '/api/coverage?region=330105012', { headers: street })).body.communities.total).toBe(7);
    expect((await p.request('GET', '/api/coverage?region=330105001', { headers: street })).status).toBe(404);
  });
});

describe('moving an institution', () => {
  it('moves its staff’s scope with it', async () => {
    const me = await p.request('GET', '/api/auth/me', { headers: await p.login('school') });
    const scope = me.body.scopes[0];
    expect(scope.institutionId).toBeTruthy();
    const inst = await p.request('GET', `/api/institutions/${scope.institutionId}`, { headers: district });
    const streets = await p.request('GET', '/api/regions/330105/children?pageSize=50', { headers: district });
    const target = streets.body.items.find((r: { code: string }) => r.code !== inst.body.regionCode.slice(0, 9)).code;
    const moved = await p.request('PATCH', `/api/institutions/${inst.body.id}`, { headers: district, body: { regionCode: target } });
    expect(moved.status).toBe(200);
    // What the school's staff may see follows from the region their institution is in now.
    const user = ((await p.db.execute(`select * from users where username = 'school'`)) as any).rows[0];
    const actor = await p.services.auth.actorOf(user);
    expect(actor.institutions).toEqual([{ id: inst.body.id, regionCode: target }]);
  });
});
