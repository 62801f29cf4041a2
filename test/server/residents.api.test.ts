import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { idCheckChar } from '../../src/server/kernel/id-card';

let p: TestPlatform;
beforeAll(async () => { p = await startTestPlatform(); });
afterAll(() => p.close());

const validId = (first17: string) => first17 + idCheckChar(first17);
const ID = validId('33010519550607152');

async function register(phone: string, overrides: Record<string, string> = {}) {
  const sent = await p.request('POST', '/api/auth/sms-codes', { body: { phone, purpose: 'register' } });
  if (sent.status !== 202) return sent;
  return p.request('POST', '/api/residents', {
    body: { phone, smsCode: p.sms.lastCode(phone), password: 'Learn2026', realName: '李建国', idNumber: ID, homeRegionCode: '330105012001', acceptPrivacyNotice: true, ...overrides },
  });
}

async function residentCount() {
  const admin = await p.login('admin');
  return (await p.request('GET', '/api/residents?pageSize=1', { headers: admin })).body.total as number;
}

describe('resident registration', () => {
  it('rejects a wrong check digit, naming the field, and writes nothing', async () => {
    const before = await residentCount();
    const bad = ID.slice(0, 17) + (ID[17] === '1' ? '2' : '1');
    const res = await register('13812340001', { idNumber: bad });
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields).toEqual({ idNumber: '身份证号校验位错误' });
    expect(await residentCount()).toBe(before);
  });

  it('rejects a wrong SMS code, an unknown community and a street instead of a community', async () => {
    await p.request('POST', '/api/auth/sms-codes', { body: { phone: '13812340002', purpose: 'register' } });
    const wrongCode = await p.request('POST', '/api/residents', { body: { phone: '13812340002', smsCode: '000000', password: 'Learn2026', realName: '甲', idNumber: ID, homeRegionCode: '330105012001', acceptPrivacyNotice: true } });
    expect(wrongCode.status).toBe(422);
    expect(wrongCode.body.error.details.fields.smsCode).toBeTruthy();
    expect((await register('13812340003', { homeRegionCode: '330105012999' })).body.error.details.fields.homeRegionCode).toBe('找不到该行政区划代码');
    expect((await register('13812340004', { homeRegionCode: '330105012' })).body.error.details.fields.homeRegionCode).toBe('请选择社区或村');
  });

  it('registers with a verified phone: birth date and sex from the ID, the ID masked, logged in at once', async () => {
    const res = await register('13812340005');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ phone: '138****0005', idNumber: '330105********' + ID.slice(14), birthDate: '1955-06-07', sex: 'female', age: 71, homeRegion: { name: '灯芯巷社区' } });
    const cookie = String(res.headers['set-cookie']).split(';')[0];
    const me = await p.request('GET', '/api/residents/me', { headers: { cookie } });
    expect(me.body.realName).toBe('李建国');
    expect(JSON.stringify(me.body)).not.toContain(ID);
  });

  it('refuses a duplicate phone and a duplicate ID number with 409', async () => {
    const dupPhone = await register('13812340005', { idNumber: validId('33010519600101002') });
    expect(dupPhone.status).toBe(409);
    expect(dupPhone.body.error.code).toBe('resident.duplicate_phone');
    const dupId = await register('13812340006');
    expect(dupId.status).toBe(409);
    expect(dupId.body.error.code).toBe('resident.duplicate_id_number');
  });

  it('throttles SMS codes per phone', async () => {
    await p.request('POST', '/api/auth/sms-codes', { body: { phone: '13812340007', purpose: 'register' } });
    const again = await p.request('POST', '/api/auth/sms-codes', { body: { phone: '13812340007', purpose: 'register' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('sms.too_soon');
  });

  it('stores the ID number encrypted, never in clear', async () => {
    const { sql } = await import('drizzle-orm');
    const dump = await p.db.execute(sql`select id_number_encrypted, id_number_hash, id_number_masked from residents`);
    expect(JSON.stringify(dump)).not.toContain(ID);
  });

  it('lets the resident edit their name and home community', async () => {
    const res = await register('13812340008', { idNumber: validId('33010519700101004') });
    const cookie = String(res.headers['set-cookie']).split(';')[0];
    const upd = await p.request('PATCH', '/api/residents/me', { headers: { cookie }, body: { realName: '李四', homeRegionCode: '330105001051' } });
    expect(upd.body).toMatchObject({ realName: '李四', homeRegion: { code: '330105001051' } });
  });
});

describe('staff and residents personal data', () => {
  it('shows a street admin only their street residents, masked; the full ID read is audited', async () => {
    const street = await p.login('street');
    const list = await p.request('GET', '/api/residents', { headers: street });
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((r: { homeRegion: { code: string } }) => r.homeRegion.code.startsWith('330105012'))).toBe(true);
    const someone = list.body.items.find((r: { realName: string }) => r.realName === '王秀英');
    const full = await p.request('GET', `/api/residents/${someone.id}/id-number`, { headers: street });
    expect(full.status).toBe(200);
    expect(full.body.idNumber).toMatch(/^\d{17}[\dX]$/);
    const audit = await p.request('GET', '/api/audit-log?action=resident.id_number.read', { headers: street });
    expect(audit.body.items[0]).toMatchObject({ actorName: 'street', entityId: someone.id });
  });

  it('hides residents of other streets and refuses full reads to roles without the right', async () => {
    const admin = await p.login('admin');
    const elsewhere = (await p.request('GET', '/api/residents?region=330105001', { headers: admin })).body.items[0];
    const street = await p.login('street');
    expect((await p.request('GET', `/api/residents/${elsewhere.id}`, { headers: street })).status).toBe(404);
    expect((await p.request('GET', `/api/residents/${elsewhere.id}/id-number`, { headers: street })).status).toBe(404);
    const leader = await p.login('leader');
    expect((await p.request('GET', `/api/residents/${elsewhere.id}/id-number`, { headers: leader })).status).toBe(403);
  });
});
