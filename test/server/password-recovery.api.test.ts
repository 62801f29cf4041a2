// A resident who forgot the password gets back in: by an SMS code (sign-in or reset), or at the community desk
// with a one-time temporary password that must be replaced at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/server/db/client';
import { createPlatform } from '../../src/server/platform';
import { rowsOf } from '../../src/server/kernel/rate-limit';
import { startTestPlatform, DEMO_PASSWORD, ORIGIN, type TestPlatform } from '../support/platform';

const RESIDENT = '13900000001';
const STRANGER = '13900009999'; // no account
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const from =
  (address: string) =>
  async (url: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await p.app.inject({
      method: 'POST',
      url,
      remoteAddress: address,
      headers: { 'content-type': 'application/json', origin: ORIGIN, host: 'localhost:80', ...headers },
      payload: JSON.stringify(body),
    });
    return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null, cookie: String(res.headers['set-cookie'] ?? '').split(';')[0] };
  };
const cookieOf = (res: { cookie: string }) => ({ cookie: res.cookie });
const auditOf = async (action: string, entityId: string) =>
  rowsOf(await p.db.execute(sql`select actor_name, region_code from audit_log where action = ${action} and entity_id = ${entityId}`));
const residentId = async () => rowsOf<{ id: string }>(await p.db.execute(sql`select id from users where phone = ${RESIDENT}`))[0].id;

describe('codes for signing in and resetting', () => {
  it('answer alike for a registered phone and a stranger, and go out only to the resident', async () => {
    const post = from('10.7.0.1');
    const mine = await post('/api/auth/sms-codes', { phone: RESIDENT, purpose: 'login' });
    const theirs = await post('/api/auth/sms-codes', { phone: STRANGER, purpose: 'login' });
    expect(mine.status).toBe(202);
    expect(theirs).toEqual({ ...mine, body: { ...mine.body, sentTo: '139****9999' } });
    expect(p.sms.sent.some((m) => m.phone === STRANGER)).toBe(false);
    expect(p.sms.lastCode(RESIDENT)).toMatch(/^\d{6}$/);
    // Asking again at once is held back the same way for both.
    const again = [
      await post('/api/auth/sms-codes', { phone: RESIDENT, purpose: 'login' }),
      await post('/api/auth/sms-codes', { phone: STRANGER, purpose: 'login' }),
    ];
    expect(again.map((r) => [r.status, r.body.error.code])).toEqual([
      [409, 'sms.too_soon'],
      [409, 'sms.too_soon'],
    ]);
  });

  it('sign in once: the code is single use, and a wrong code or an unknown phone get the same answer', async () => {
    const post = from('10.7.0.2');
    const wrong = await post('/api/auth/sms-login', { phone: RESIDENT, smsCode: '000000' === p.sms.lastCode(RESIDENT) ? '111111' : '000000' });
    const stranger = await post('/api/auth/sms-login', { phone: STRANGER, smsCode: '123456' });
    expect(wrong.status).toBe(422);
    expect(stranger.body.error).toEqual(wrong.body.error);
    expect(wrong.body.error.details.fields.smsCode).toBeTruthy();

    const code = p.sms.lastCode(RESIDENT);
    const ok = await post('/api/auth/sms-login', { phone: RESIDENT, smsCode: code });
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ kind: 'resident', username: RESIDENT, mustChangePassword: false });
    expect((await p.request('GET', '/api/residents/me', { headers: cookieOf(ok) })).status).toBe(200);
    expect((await post('/api/auth/sms-login', { phone: RESIDENT, smsCode: code })).status).toBe(422);
  });

  it('a code lives five minutes and a login code does not reset a password', async () => {
    const post = from('10.7.0.3');
    p.clock.advance(61_000);
    await post('/api/auth/sms-codes', { phone: RESIDENT, purpose: 'login' });
    const code = p.sms.lastCode(RESIDENT);
    expect((await post('/api/auth/password-reset', { phone: RESIDENT, smsCode: code, newPassword: 'Garden path 2027' })).status).toBe(422);
    p.clock.advance(301_000);
    expect((await post('/api/auth/sms-login', { phone: RESIDENT, smsCode: code })).body.error.details.fields.smsCode).toBe('验证码错误或已过期');
  });

  it('are throttled per phone and per address, for strangers too', async () => {
    p.clock.advance(86_400_000);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await from(`10.8.0.${i + 1}`)('/api/auth/sms-codes', { phone: '13900008888', purpose: 'reset' })).status);
      p.clock.advance(61_000);
    }
    expect(statuses.slice(0, 10).every((s) => s === 202)).toBe(true);
    expect(statuses[10]).toBe(429);

    const post = from('10.9.0.1');
    const fromOneAddress: number[] = [];
    for (let i = 0; i < 21; i++)
      fromOneAddress.push((await post('/api/auth/sms-codes', { phone: `1370000${String(i).padStart(4, '0')}`, purpose: 'login' })).status);
    expect(fromOneAddress.slice(0, 20).every((s) => s === 202)).toBe(true);
    expect(fromOneAddress[20]).toBe(429);
  });
});

describe('resetting a forgotten password by SMS', () => {
  it('refuses a weak password without spending the code, then sets it, signs in here and ends every other session', async () => {
    p.clock.advance(3_600_000);
    const post = from('10.10.0.1');
    const elsewhere = await p.login(RESIDENT);
    expect((await p.request('GET', '/api/residents/me', { headers: elsewhere })).status).toBe(200); // cached in this process now

    await post('/api/auth/sms-codes', { phone: RESIDENT, purpose: 'reset' });
    const code = p.sms.lastCode(RESIDENT);
    expect(p.sms.sent.at(-1)!.text).toContain('重设密码');
    const weak = await post('/api/auth/password-reset', { phone: RESIDENT, smsCode: code, newPassword: '12345678' }, { 'accept-language': 'en' });
    expect(weak.status).toBe(422);
    expect(weak.body.error.details.fields.newPassword).toMatch(/characters/);

    const reset = await post('/api/auth/password-reset', { phone: RESIDENT, smsCode: code, newPassword: 'Plum blossom 2027' });
    expect(reset.status).toBe(200);
    expect(reset.body.user).toMatchObject({ username: RESIDENT, mustChangePassword: false });
    expect((await p.request('GET', '/api/residents/me', { headers: cookieOf(reset) })).status).toBe(200);
    expect((await p.request('GET', '/api/residents/me', { headers: elsewhere })).status).toBe(401);
    expect((await post('/api/auth/login', { username: RESIDENT, password: DEMO_PASSWORD })).status).toBe(401);
    expect((await post('/api/auth/login', { username: RESIDENT, password: 'Plum blossom 2027' })).status).toBe(200);
    expect(await auditOf('auth.password_reset_by_sms', await residentId())).toHaveLength(1);
    expect((await post('/api/auth/password-reset', { phone: RESIDENT, smsCode: code, newPassword: 'Another phrase 2027' })).status).toBe(422);
  });

  it("a stranger's phone changes nothing and answers as a wrong code", async () => {
    const post = from('10.10.0.2');
    await post('/api/auth/sms-codes', { phone: STRANGER, purpose: 'reset' });
    const res = await post('/api/auth/password-reset', { phone: STRANGER, smsCode: '654321', newPassword: 'Plum blossom 2027' });
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields).toEqual({ smsCode: '验证码错误或已过期' });
  });
});

describe('staff-assisted reset at the community', () => {
  it("only the resident's own community or street admins may reset; others are told nothing", async () => {
    const id = await residentId();
    const other = await p.login('community2');
    expect((await p.request('POST', `/api/residents/${id}/password-reset`, { headers: other })).status).toBe(404);
    const school = await p.login('school');
    expect((await p.request('POST', `/api/residents/${id}/password-reset`, { headers: school })).status).toBe(403);
    const resident = await p.login(RESIDENT, 'Plum blossom 2027');
    expect((await p.request('POST', `/api/residents/${id}/password-reset`, { headers: resident })).status).toBe(403);
    expect(await auditOf('resident.password_reset', id)).toHaveLength(0);
  });

  it('gives a one-time temporary password; signed in with it the resident must choose a new one before anything else', async () => {
    const id = await residentId();
    const before = await p.login(RESIDENT, 'Plum blossom 2027');
    const desk = await p.login('community1');
    const issued = await p.request('POST', `/api/residents/${id}/password-reset`, { headers: desk });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ temporaryPassword: expect.stringMatching(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/), phone: '139****0001' });
    expect(await auditOf('resident.password_reset', id)).toEqual([{ actor_name: 'community1', region_code: expect.stringMatching(/^330105012/) }]);
    expect((await p.request('GET', '/api/residents/me', { headers: before })).status).toBe(401);
    // The owner's phone hears of it (never the password itself).
    expect(p.sms.sent.at(-1)).toMatchObject({ phone: RESIDENT, text: expect.stringContaining('社区工作人员重设') });
    expect(p.sms.sent.at(-1)!.text).not.toContain(issued.body.temporaryPassword);

    const post = from('10.11.0.1');
    const signedIn = await post('/api/auth/login', { username: RESIDENT, password: issued.body.temporaryPassword });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.mustChangePassword).toBe(true);
    const h = cookieOf(signedIn);
    const blocked = await p.request('GET', '/api/residents/me', { headers: { ...h, 'accept-language': 'en' } });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error).toMatchObject({ code: 'auth.password_change_required', message: 'Please set a new password first' });
    expect((await p.request('GET', '/api/auth/me', { headers: h })).body.mustChangePassword).toBe(true);

    const same = await p.request('POST', '/api/auth/password', { headers: h, body: { newPassword: issued.body.temporaryPassword } });
    expect(same.status).toBe(422);
    const changed = await p.request('POST', '/api/auth/password', { headers: h, body: { newPassword: 'Morning tea 2028' } });
    expect(changed.status).toBe(204);
    expect((await p.request('GET', '/api/residents/me', { headers: h })).status).toBe(200);
    expect((await p.request('GET', '/api/auth/me', { headers: h })).body.mustChangePassword).toBe(false);
    // The temporary password was one-time: it no longer signs in.
    expect((await post('/api/auth/login', { username: RESIDENT, password: issued.body.temporaryPassword })).status).toBe(401);
    // Without a reset pending, changing the password needs the current one again.
    expect((await p.request('POST', '/api/auth/password', { headers: h, body: { newPassword: 'Evening walk 2028' } })).status).toBe(422);
  });

  it('a temporary password not used within a day no longer signs in', async () => {
    const id = await residentId();
    const desk = await p.login('street');
    const issued = await p.request('POST', `/api/residents/${id}/password-reset`, { headers: desk });
    p.clock.advance(24 * 3_600_000 + 1_000);
    const late = await from('10.12.0.1')('/api/auth/login', { username: RESIDENT, password: issued.body.temporaryPassword });
    expect(late.status).toBe(401);
    expect(late.body.error.code).toBe('auth.temporary_password_expired');
    // SMS still gets the resident back in.
    const post = from('10.12.0.2');
    await post('/api/auth/sms-codes', { phone: RESIDENT, purpose: 'reset' });
    expect((await post('/api/auth/password-reset', { phone: RESIDENT, smsCode: p.sms.lastCode(RESIDENT), newPassword: 'Autumn moon 2028' })).status).toBe(200);
  });
});

describe.runIf(process.env.DATABASE_URL)('another process serving the same PostgreSQL database', () => {
  it('drops the old sessions it had cached when the password is reset here', async () => {
    const database = await openDatabase({ url: p.databaseUrl! });
    const filesDir = mkdtempSync(join(tmpdir(), 'learncity-files-'));
    const other = await createPlatform({
      database,
      dataKey: randomBytes(32),
      filesDir,
      clock: p.clock,
      logLevel: 'silent',
      webRoot: '/nonexistent',
      issuerKey: { file: join(filesDir, 'issuer-key.json') },
    });
    try {
      const meThere = async (cookie: string) => (await other.app.inject({ method: 'GET', url: '/api/residents/me', headers: { cookie } })).statusCode;
      const old = (await p.login(RESIDENT, 'Autumn moon 2028')).cookie;
      expect(await meThere(old)).toBe(200); // cached in the other process now
      p.clock.advance(61_000);
      const post = from('10.13.0.1');
      await post('/api/auth/sms-codes', { phone: RESIDENT, purpose: 'reset' });
      expect((await post('/api/auth/password-reset', { phone: RESIDENT, smsCode: p.sms.lastCode(RESIDENT), newPassword: 'Winter snow 2029' })).status).toBe(
        200,
      );
      let status = 200;
      for (let i = 0; i < 100 && status !== 401; i++) {
        status = await meThere(old);
        if (status !== 401) await new Promise((r) => setTimeout(r, 50));
      }
      expect(status).toBe(401);
    } finally {
      await other.app.close();
      await database.close();
      rmSync(filesDir, { recursive: true, force: true });
    }
  });
});
