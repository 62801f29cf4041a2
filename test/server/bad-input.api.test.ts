// Inputs an attacker sends to make the server fail: NUL bytes, empty patches, broken URLs, broken
// multipart bodies. Each must answer 4xx in the one error shape, translated, and change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { multipart } from '../support/multipart';

let p: TestPlatform;
let district: Record<string, string>;
let resident: Record<string, string>;
beforeAll(async () => {
  p = await startTestPlatform();
  district = await p.login('district');
  resident = await p.login('13900000001');
});
afterAll(() => p.close());

function expectErrorShape(res: { status: number; body: any }, status: number) {
  expect(res.status).toBe(status);
  expect(res.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String), details: expect.any(Object) } });
}

describe('NUL bytes', () => {
  it('refuses a NUL byte in any body field, anonymous login included, naming the field', async () => {
    const login = await p.request('POST', '/api/auth/login', { body: { username: 'adm\u0000in', password: 'x' } });
    expectErrorShape(login, 422);
    expect(login.body.error.details.fields.username).toContain('控制字符');
    const en = await p.request('POST', '/api/auth/login', { headers: { 'accept-language': 'en' }, body: { username: 'admin', password: 'a\u0000b' } });
    expectErrorShape(en, 422);
    expect(en.body.error.details.fields.password).toMatch(/control character/);

    const before = (await p.request('GET', '/api/residents/me', { headers: resident })).body;
    const patch = await p.request('PATCH', '/api/residents/me', { headers: resident, body: { realName: '张\u0000三' } });
    expectErrorShape(patch, 422);
    expect(patch.body.error.details.fields.realName).toBeTruthy();
    expect((await p.request('GET', '/api/residents/me', { headers: resident })).body.realName).toBe(before.realName);

    const nested = await p.request('POST', '/api/institutions', {
      headers: district,
      body: { name: '学校', type: 'community_school', regionCode: '330105012001', extra: [{ deep: 'x\u0000' }] },
    });
    expectErrorShape(nested, 422);
    expect(nested.body.error.details.fields['extra.0.deep']).toBeTruthy();
  });

  it('refuses a NUL byte in the query string and in path parameters', async () => {
    const query = await p.request('GET', '/api/institutions?q=%00', { headers: district });
    expectErrorShape(query, 422);
    expect(query.body.error.details.fields.q).toBeTruthy();
    const catalog = await p.request('GET', '/api/catalog/courses?q=a%00b');
    expectErrorShape(catalog, 422);
    const path = await p.request('GET', '/api/regions/3301%0005', { headers: district });
    expect(path.status).toBeGreaterThanOrEqual(400);
    expect(path.status).toBeLessThan(500);
    expect(path.body.error.code).toBeTruthy();
  });

  it('stores an uploaded file whose name carries control characters under a clean name', async () => {
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e0a1e1d70000000049454e44ae426082',
      'hex',
    );
    const body = multipart(png, { filename: 'a\u0000b\u0007.png', contentType: 'image/png', fields: { purpose: 'image' } });
    const res = await p.request('POST', '/api/files', { headers: { ...district, ...body.headers }, payload: body.payload });
    expect(res.status).toBe(201);
    expect(res.body.filename).toBe('ab.png');
  });
});

describe('empty and broken requests', () => {
  it("answers an empty PATCH of the resident's own profile with the profile, unchanged", async () => {
    const before = (await p.request('GET', '/api/residents/me', { headers: resident })).body;
    const res = await p.request('PATCH', '/api/residents/me', { headers: resident, body: {} });
    expect(res.status).toBe(200);
    expect(res.body.realName).toBe(before.realName);
    const noBody = await p.request('PATCH', '/api/residents/me', { headers: { ...resident, 'content-type': 'application/json' }, payload: '' });
    expectErrorShape(noBody, 400);
  });

  it('answers a malformed percent-escape in the path with 400 in the error shape, translated', async () => {
    for (const url of ['/api/institutions/%E0%A4%A', '/api/regions/%', '/%c0%af']) {
      const res = await p.request('GET', url, { headers: district });
      expectErrorShape(res, 400);
      expect(res.body.error.code).toBe('bad_request');
      expect(res.body.error.message).toBe('请求格式不正确');
    }
    const en = await p.request('GET', '/api/institutions/%E0%A4%A', { headers: { ...district, 'accept-language': 'en' } });
    expect(en.body.error.message).toBe('The request is malformed');
  });

  it('answers a cut or malformed multipart body with 400 in the error shape, and stores nothing', async () => {
    const count = async () => ((await p.db.execute('select count(*)::int as n from files')) as any).rows[0].n as number;
    const before = await count();
    const body = multipart(Buffer.alloc(1000, 1), { filename: 'a.png', contentType: 'image/png', fields: { purpose: 'image' } });
    const cut = body.payload.subarray(0, body.payload.length - 600);
    for (const url of ['/api/files', '/api/institutions/import']) {
      const res = await p.request('POST', url, { headers: { ...district, ...body.headers }, payload: cut });
      expectErrorShape(res, 400);
    }
    const noBoundary = await p.request('POST', '/api/files', { headers: { ...district, 'content-type': 'multipart/form-data' }, payload: 'garbage' });
    expect(noBoundary.status).toBeGreaterThanOrEqual(400);
    expect(noBoundary.status).toBeLessThan(500);
    expect(noBoundary.body.error.code).toBeTruthy();
    const badHeader = await p.request('POST', '/api/files', {
      headers: { ...district, 'content-type': 'multipart/form-data; boundary=xx' },
      payload: '--xx\r\nbroken header without colon\r\n\r\nx\r\n--xx--\r\n',
    });
    expect(badHeader.status).toBeGreaterThanOrEqual(400);
    expect(badHeader.status).toBeLessThan(500);
    expect(badHeader.body.error.code).toBeTruthy();
    expect(await count()).toBe(before);
  });
});
