import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { idCheckChar } from '../../src/server/kernel/id-card';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const validId = (first17: string) => first17 + idCheckChar(first17);
const ID = validId('33010519550607152');

async function register(phone: string, overrides: Record<string, string> = {}) {
  const sent = await p.request('POST', '/api/auth/sms-codes', { body: { phone, purpose: 'register' } });
  if (sent.status !== 202) return sent;
  return p.request('POST', '/api/residents', {
    body: {
      phone,
      smsCode: p.sms.lastCode(phone),
      password: 'Learn2026ok',
      realName: '李建国',
      idNumber: ID,
      homeRegionCode: '330105012001',
      acceptPrivacyNotice: true,
      ...overrides,
    },
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

  it('applies the password rule, naming the field, and writes nothing', async () => {
    const before = await residentCount();
    const cases: [string, string, string][] = [
      ['13812340011', 'Learn2026', '密码至少 10 位'],
      ['13812340012', '123456789a', '这个密码太常见'],
      ['13812340013', 'me13812340013', '密码不能包含手机号'],
    ];
    for (const [phone, password, message] of cases) {
      const res = await register(phone, { password, idNumber: validId('33010519800101111') });
      expect(res.status).toBe(422);
      expect(res.body.error.details.fields).toEqual({ password: expect.stringContaining(message) });
    }
    expect(await residentCount()).toBe(before);
  });

  it('refuses an ID number whose area code names no place', async () => {
    const res = await register('13812340014', { idNumber: validId('99010519800101111') });
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields).toEqual({ idNumber: '身份证号前 6 位不是有效的地区代码' });
  });

  it('reads full-width digits in the phone, the code and the ID number', async () => {
    const wide = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const id = validId('33010519800202222');
    const sent = await p.request('POST', '/api/auth/sms-codes', { body: { phone: wide('13812340015'), purpose: 'register' } });
    expect(sent.status).toBe(202);
    const res = await p.request('POST', '/api/residents', {
      body: {
        phone: wide('13812340015'),
        smsCode: wide(p.sms.lastCode('13812340015')),
        password: 'Learn2026ok',
        realName: '全角',
        idNumber: wide(id),
        homeRegionCode: '330105012001',
        acceptPrivacyNotice: true,
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ phone: '138****0015', idNumber: '330***********' + id.slice(14) });
    expect((await p.request('POST', '/api/auth/login', { body: { username: wide('13812340015'), password: 'Learn2026ok' } })).status).toBe(200);
  });

  it('rejects a wrong SMS code, an unknown community and a street instead of a community', async () => {
    await p.request('POST', '/api/auth/sms-codes', { body: { phone: '13812340002', purpose: 'register' } });
    const wrongCode = await p.request('POST', '/api/residents', {
      body: {
        phone: '13812340002',
        smsCode: '000000',
        password: 'Learn2026ok',
        realName: '甲',
        idNumber: ID,
        homeRegionCode: '330105012001',
        acceptPrivacyNotice: true,
      },
    });
    expect(wrongCode.status).toBe(422);
    expect(wrongCode.body.error.details.fields.smsCode).toBeTruthy();
    expect((await register('13812340003', { homeRegionCode: '330105012999' })).body.error.details.fields.homeRegionCode).toBe('找不到该行政区划代码');
    expect((await register('13812340004', { homeRegionCode: '330105012' })).body.error.details.fields.homeRegionCode).toBe('请选择社区或村');
  });

  it('registers with a verified phone: birth year and sex from the ID, the ID masked, logged in at once', async () => {
    const res = await register('13812340005');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      phone: '138****0005',
      idNumber: '330***********' + ID.slice(14),
      birthYear: 1955,
      sex: 'female',
      age: 71,
      homeRegion: { name: '灯芯巷社区' },
    });
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

  it('uses an SMS code once, whatever the outcome: it cannot test a second ID number', async () => {
    const first = await register('13812340010');
    expect(first.status).toBe(409);
    expect(first.body.error.code).toBe('resident.duplicate_id_number');
    const again = await p.request('POST', '/api/residents', {
      body: {
        phone: '13812340010',
        smsCode: p.sms.lastCode('13812340010'),
        password: 'Learn2026ok',
        realName: '李建国',
        idNumber: validId('33010519700101012'),
        homeRegionCode: '330105012001',
        acceptPrivacyNotice: true,
      },
    });
    expect(again.status).toBe(422);
    expect(again.body.error.details.fields.smsCode).toBe('验证码错误或已过期');
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

  it('never shows a mask and a birth date that together give back the ID number, anywhere', async () => {
    const res = await register('13812340009', { idNumber: validId('33010519640229003') });
    const cookie = String(res.headers['set-cookie']).split(';')[0];
    const admin = await p.login('admin');
    const answers = [
      res.body,
      (await p.request('GET', '/api/residents/me', { headers: { cookie } })).body,
      (await p.request('GET', `/api/residents/${res.body.id}`, { headers: admin })).body,
      ...(await p.request('GET', '/api/residents?pageSize=200', { headers: admin })).body.items,
    ];
    for (const r of answers) {
      expect(r.idNumber).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
      expect(r).not.toHaveProperty('birthDate');
      if (r.id === res.body.id) expect(JSON.stringify(r)).not.toMatch(/1964-?02-?29/);
    }
    expect(answers[2]).toMatchObject({ birthYear: 1964, age: 62 });
    // Nor in the database: only the year is kept in clear.
    const { sql } = await import('drizzle-orm');
    const columns = await p.db.execute(sql`select column_name from information_schema.columns where table_name = 'residents'`);
    expect(JSON.stringify(columns)).not.toContain('birth_date');
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

describe('the credit-bank officer finds residents', () => {
  it('lists and opens residents of the own district with masked numbers, but never reads a full ID number', async () => {
    const admin = await p.login('admin');
    const anyone = (await p.request('GET', '/api/residents?pageSize=1', { headers: admin })).body.items[0];
    const credit = await p.login('credit');
    const list = await p.request('GET', `/api/residents?q=${encodeURIComponent(anyone.realName)}`, { headers: credit });
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.items.map((r: { id: string }) => r.id)).toContain(anyone.id);
    expect(list.body.items[0].idNumber).toMatch(/\*/);
    const one = await p.request('GET', `/api/residents/${anyone.id}`, { headers: credit });
    expect(one.status).toBe(200);
    expect((await p.request('GET', `/api/residents/${anyone.id}/id-number`, { headers: credit })).status).toBe(403);
    expect(
      (await p.request('GET', '/api/audit-log?action=resident.id_number.read&pageSize=200', { headers: admin })).body.items.filter(
        (e: { entityId: string }) => e.entityId === anyone.id,
      ),
    ).toHaveLength(0);
  });

  it('names the missing resident when a transcript is asked for nobody', async () => {
    const credit = await p.login('credit');
    const res = await p.request('POST', '/api/credentials', { headers: credit, body: { kind: 'transcript', residentId: '' } });
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields).toEqual({ residentId: '请先输入姓名或手机号找到居民，再从列表中选择' });
  });
});
