// Walks every API route as a staff member scoped to one street (天水街道 330105012) and proves they can
// neither read nor change another street's (米市巷街道 330105001) data. A new route without an entry
// here fails the test, so coverage cannot silently fall behind.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { idCheckChar } from '../../src/server/kernel/id-card';

const OWN = '330105012';
const OTHER = '330105001';

let p: TestPlatform;
let street: Record<string, string>;
let other: { institutionId: string; residentId: string; staffId: string; partnerId: string };

beforeAll(async () => {
  p = await startTestPlatform();
  street = await p.login('street');
  const admin = await p.login('admin');
  const inst = (await p.request('GET', `/api/institutions?region=${OTHER}`, { headers: admin })).body.items[0];
  const res = (await p.request('GET', `/api/residents?region=${OTHER}`, { headers: admin })).body.items[0]
    ?? await (async () => {
      await p.request('POST', '/api/auth/sms-codes', { body: { phone: '13700000009', purpose: 'register' } });
      return (await p.request('POST', '/api/residents', { body: { phone: '13700000009', smsCode: p.sms.lastCode('13700000009'), password: 'Other2026x', realName: '他街居民', idNumber: '33010519900307651' + idCheckChar('33010519900307651'), homeRegionCode: OTHER + '051' } })).body;
    })();
  const staff = (await p.request('POST', '/api/staff-accounts', { headers: admin, body: { username: 'mishixiang', displayName: '米市巷管理员', role: 'region_admin', regionCodes: [OTHER], password: 'Other2026x' } })).body;
  const partner = (await p.request('POST', '/api/partners', { headers: admin, body: { name: '米市巷学习平台', scopes: ['all'], regionCode: OTHER } })).body;
  other = { institutionId: inst.id, residentId: res.id, staffId: staff.id, partnerId: partner.id };
  if (!other.institutionId || !other.residentId || !other.staffId || !other.partnerId) throw new Error('fixtures missing: ' + JSON.stringify(other));
});
afterAll(() => p.close());

type Check = () => Promise<void>;
const req = (method: string, url: string, body?: unknown) => p.request(method, url, { headers: street, body });
const expectStatus = async (pending: ReturnType<typeof req>, ...allowed: number[]) => {
  const res = await pending;
  expect(allowed, `${res.status} ${JSON.stringify(res.body).slice(0, 200)}`).toContain(res.status);
  return res;
};
const noOtherRegion = (items: { regionCode?: string }[]) => expect(items.every((i) => !i.regionCode?.startsWith(OTHER))).toBe(true);

const checks: Record<string, Check> = {
  // Public reference data: the division tree is open to everyone by design.
  'GET /api/regions': async () => void (await expectStatus(req('GET', '/api/regions'), 200)),
  'GET /api/regions/:code': async () => void (await expectStatus(req('GET', `/api/regions/${OTHER}`), 200)),
  'GET /api/regions/:code/children': async () => void (await expectStatus(req('GET', `/api/regions/${OTHER}/children`), 200)),
  'PUT /api/regions/:code/populations/:year': async () => {
    await expectStatus(req('PUT', `/api/regions/${OTHER}/populations/2025`, { total: 1, source: 'x' }), 403);
    expect((await p.request('GET', `/api/regions/${OTHER}`)).body.population).toBeNull();
  },

  'GET /api/institutions': async () => {
    noOtherRegion((await expectStatus(req('GET', '/api/institutions?pageSize=200'), 200)).body.items);
    await expectStatus(req('GET', `/api/institutions?region=${OTHER}`), 404);
  },
  'GET /api/institutions/:id': async () => void (await expectStatus(req('GET', `/api/institutions/${other.institutionId}`), 404)),
  'POST /api/institutions': async () => {
    const res = await expectStatus(req('POST', '/api/institutions', { name: '越界学习点', type: 'learning_point', regionCode: OTHER + '051' }), 422);
    expect(res.body.error.details.fields.regionCode).toBe('该区划不在您的管理范围内');
  },
  'PATCH /api/institutions/:id': async () => void (await expectStatus(req('PATCH', `/api/institutions/${other.institutionId}`, { status: 'inactive' }), 404)),
  'GET /api/institutions/import-template.xlsx': async () => void (await expectStatus(req('GET', '/api/institutions/import-template.xlsx'), 200)),
  'POST /api/institutions/import': async () => {
    // Scope checks on import rows are shown in institutions.api.test.ts; here: no file, nothing written.
    await expectStatus(req('POST', '/api/institutions/import'), 422);
  },
  'GET /api/institutions/export.xlsx': async () => {
    await expectStatus(req('GET', `/api/institutions/export.xlsx?region=${OTHER}`), 404);
    const all = await expectStatus(req('GET', '/api/institutions/export.xlsx'), 200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(all.raw as unknown as ArrayBuffer);
    wb.worksheets[0].eachRow((row, n) => { if (n > 1) expect(String(row.getCell(3).value)).toMatch(new RegExp('^' + OWN)); });
  },
  'GET /api/coverage': async () => void (await expectStatus(req('GET', `/api/coverage?region=${OTHER}`), 404)),

  'POST /api/auth/login': async () => void (await expectStatus(p.request('POST', '/api/auth/login', { body: { username: 'mishixiang', password: 'wrong-pass1' } }), 401)),
  'POST /api/auth/logout': async () => { /* ends only the caller's own session */ },
  'GET /api/auth/me': async () => expect((await req('GET', '/api/auth/me')).body.scopes.map((s: { regionCode: string }) => s.regionCode)).toEqual([OWN]),
  'PATCH /api/auth/me': async () => void (await expectStatus(req('PATCH', '/api/auth/me', { locale: 'zh-CN' }), 200)),
  'POST /api/auth/password': async () => void (await expectStatus(req('POST', '/api/auth/password', { currentPassword: 'wrong', newPassword: 'Whatever2026' }), 422)),
  'POST /api/auth/sms-codes': async () => { /* public: sends a code to the phone given, nothing to scope */ },

  'POST /api/residents': async () => { /* public self-registration */ },
  'GET /api/residents/me': async () => void (await expectStatus(req('GET', '/api/residents/me'), 403)),
  'PATCH /api/residents/me': async () => void (await expectStatus(req('PATCH', '/api/residents/me', { realName: 'x' }), 403)),
  'GET /api/residents': async () => {
    const res = await expectStatus(req('GET', '/api/residents?pageSize=200'), 200);
    expect(res.body.items.every((r: { homeRegion: { code: string } }) => r.homeRegion.code.startsWith(OWN))).toBe(true);
    await expectStatus(req('GET', `/api/residents?region=${OTHER}`), 404);
  },
  'GET /api/residents/:id': async () => void (await expectStatus(req('GET', `/api/residents/${other.residentId}`), 404)),
  'GET /api/residents/:id/id-number': async () => void (await expectStatus(req('GET', `/api/residents/${other.residentId}/id-number`), 404)),

  'GET /api/staff-accounts': async () => {
    const res = await expectStatus(req('GET', '/api/staff-accounts?pageSize=200'), 200);
    expect(res.body.items.map((a: { username: string }) => a.username)).not.toContain('mishixiang');
    await expectStatus(req('GET', `/api/staff-accounts?region=${OTHER}`), 404);
  },
  'GET /api/staff-accounts/:id': async () => void (await expectStatus(req('GET', `/api/staff-accounts/${other.staffId}`), 404)),
  'POST /api/staff-accounts': async () => void (await expectStatus(req('POST', '/api/staff-accounts', { username: 'intruder', displayName: 'x', role: 'leader', regionCodes: [OTHER], password: 'Intrude2026' }), 403)),
  'PATCH /api/staff-accounts/:id': async () => void (await expectStatus(req('PATCH', `/api/staff-accounts/${other.staffId}`, { status: 'disabled' }), 404)),
  'POST /api/staff-accounts/:id/password-reset': async () => {
    await expectStatus(req('POST', `/api/staff-accounts/${other.staffId}/password-reset`, { newPassword: 'Taken2026over' }), 404);
    expect((await p.login('mishixiang', 'Other2026x')).cookie).toBeTruthy();
  },

  'GET /api/partners': async () => {
    const res = await expectStatus(req('GET', '/api/partners?pageSize=200'), 200);
    expect(res.body.items.some((i: { id: string }) => i.id === other.partnerId)).toBe(false);
  },
  'GET /api/partners/:id': async () => void (await expectStatus(req('GET', `/api/partners/${other.partnerId}`), 404)),
  'POST /api/partners': async () => void (await expectStatus(req('POST', '/api/partners', { name: 'x', scopes: ['all'], regionCode: OTHER }), 422)),
  'PATCH /api/partners/:id': async () => void (await expectStatus(req('PATCH', `/api/partners/${other.partnerId}`, { status: 'disabled' }), 404)),
  'POST /api/partners/:id/secret-rotation': async () => void (await expectStatus(req('POST', `/api/partners/${other.partnerId}/secret-rotation`), 404)),
  'GET /api/audit-log': async () => {
    const res = await expectStatus(req('GET', '/api/audit-log?pageSize=200'), 200);
    expect(res.body.items.some((a: { regionCode: string | null }) => a.regionCode?.startsWith(OTHER))).toBe(false);
  },
};

it('has a check for every API route', () => {
  const routes = p.app.routeList.filter((r) => r.url.startsWith('/api/')).map((r) => `${r.method} ${r.url}`);
  expect(routes.filter((r) => !(r in checks))).toEqual([]);
  expect(Object.keys(checks).filter((c) => !routes.includes(c))).toEqual([]);
});

it.each(Object.keys(checks))('%s', async (route) => {
  await checks[route]();
});
