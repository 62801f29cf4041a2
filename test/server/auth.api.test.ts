import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, DEMO_PASSWORD, ADMIN_PASSWORD, ORIGIN, type TestPlatform } from '../support/platform';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

describe('logging in', () => {
  it('sets an httpOnly SameSite session cookie and answers who I am, with my scope', async () => {
    const res = await p.request('POST', '/api/auth/login', { body: { username: 'street', password: DEMO_PASSWORD } });
    expect(res.status).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/lc_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const me = await p.request('GET', '/api/auth/me', { headers: { cookie: cookie.split(';')[0] } });
    expect(me.body).toMatchObject({ username: 'street', role: 'region_admin', scopes: [{ regionCode: '330105012', regionName: '天水街道' }] });
  });

  it('accepts a phone number as the username', async () => {
    expect((await p.request('POST', '/api/auth/login', { body: { username: '13900000001', password: DEMO_PASSWORD } })).status).toBe(200);
  });

  it('says the same thing for an unknown user and a wrong password', async () => {
    const unknown = await p.request('POST', '/api/auth/login', { body: { username: 'nobody', password: 'x' } });
    const wrong = await p.request('POST', '/api/auth/login', { body: { username: 'leader', password: 'wrong-pass1' }, headers: { 'accept-language': 'en' } });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toBe('用户名或密码错误');
    expect(wrong.body.error).toMatchObject({ code: 'auth.invalid_credentials', message: 'Wrong username or password' });
  });

  describe('throttling wrong passwords instead of locking accounts', () => {
    const attempt = async (username: string, password: string, address: string) => {
      const res = await p.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: address,
        headers: { 'content-type': 'application/json', origin: ORIGIN, host: 'localhost:80' },
        payload: JSON.stringify({ username, password }),
      });
      return { status: res.statusCode, retryAfter: res.headers['retry-after'], body: JSON.parse(res.body) };
    };

    it('answers an unknown name exactly as an existing one, and holds back only with 429 + Retry-After', async () => {
      const seen: Record<string, Awaited<ReturnType<typeof attempt>>[]> = { school: [], 'no-such-user': [] };
      for (const [name, address] of [
        ['school', '10.1.0.1'],
        ['no-such-user', '10.1.0.2'],
      ] as const) {
        for (let i = 0; i < 5; i++) seen[name].push(await attempt(name, 'wrong-pass1', address));
        // Past the free failures even the right password waits, with the same answer whether the name exists or not.
        seen[name].push(await attempt(name, name === 'school' ? DEMO_PASSWORD : 'wrong-pass1', address));
      }
      expect(seen.school.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429]);
      expect(seen['no-such-user']).toEqual(seen.school);
      expect(seen.school[5]).toMatchObject({ retryAfter: '30', body: { error: { code: 'rate_limited' } } });
    });

    it('never locks the owner out: other addresses sign in, and the wait grows with each further failure', async () => {
      for (let i = 0; i < 8; i++) await attempt('admin', 'wrong-pass1', '10.2.0.1');
      expect((await attempt('admin', ADMIN_PASSWORD, '10.2.0.2')).status).toBe(200);
      for (let i = 0; i < 5; i++) await attempt('leader', 'wrong-pass1', '10.2.0.3');
      expect((await attempt('leader', DEMO_PASSWORD, '10.2.0.3')).retryAfter).toBe('30');
      p.clock.advance(31_000);
      expect((await attempt('leader', 'wrong-pass1', '10.2.0.3')).status).toBe(401);
      expect((await attempt('leader', DEMO_PASSWORD, '10.2.0.3')).retryAfter).toBe('60');
      p.clock.advance(61_000);
      expect((await attempt('leader', DEMO_PASSWORD, '10.2.0.3')).status).toBe(200);
      // A success starts the account's count again from that address.
      expect((await attempt('leader', 'wrong-pass1', '10.2.0.3')).status).toBe(401);
      expect((await attempt('leader', DEMO_PASSWORD, '10.2.0.3')).status).toBe(200);
    });

    it('throttles one address guessing many accounts', async () => {
      const statuses = [];
      for (let i = 0; i < 21; i++) statuses.push((await attempt(`guess${i}`, 'wrong-pass1', '10.3.0.1')).status);
      expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
      expect(statuses[20]).toBe(429);
      expect((await attempt('street', DEMO_PASSWORD, '10.3.0.2')).status).toBe(200);
    });
  });

  it('logs out and the session no longer works', async () => {
    const headers = await p.login('leader');
    expect((await p.request('POST', '/api/auth/logout', { headers })).status).toBe(204);
    expect((await p.request('GET', '/api/auth/me', { headers })).status).toBe(401);
  });

  it('expires sessions', async () => {
    const headers = await p.login('leader');
    p.clock.advance(13 * 3600_000);
    const res = await p.request('GET', '/api/auth/me', { headers });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('auth.required');
  });

  it('refuses a cookie-authenticated write from another origin', async () => {
    const headers = await p.login('district');
    const res = await p.request('POST', '/api/institutions', {
      headers: { ...headers, origin: 'https://evil.example' },
      body: { name: 'x', type: 'learning_point', regionCode: '330105012001' },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('auth.bad_origin');
    const noOrigin = await p.request('PATCH', '/api/auth/me', { headers: { ...headers, origin: '' }, body: { locale: 'en' } });
    expect(noOrigin.status).toBe(403);
  });

  it('changes a password: the old one stops working and other sessions end', async () => {
    const first = await p.login('leader');
    const second = await p.login('leader');
    const weak = await p.request('POST', '/api/auth/password', { headers: first, body: { currentPassword: DEMO_PASSWORD, newPassword: 'short' } });
    expect(weak.status).toBe(422);
    expect(weak.body.error.details.fields.newPassword).toBeTruthy();
    const common = await p.request('POST', '/api/auth/password', { headers: first, body: { currentPassword: DEMO_PASSWORD, newPassword: 'Woaini1314520' } });
    expect(common.body.error.details.fields).toEqual({ newPassword: '这个密码太常见，很容易被猜中，请换一个' });
    expect(
      (await p.request('POST', '/api/auth/password', { headers: first, body: { currentPassword: DEMO_PASSWORD, newPassword: 'Lantern2026new' } })).status,
    ).toBe(204);
    expect((await p.request('GET', '/api/auth/me', { headers: first })).status).toBe(200);
    expect((await p.request('GET', '/api/auth/me', { headers: second })).status).toBe(401);
    expect((await p.request('POST', '/api/auth/login', { body: { username: 'leader', password: DEMO_PASSWORD } })).status).toBe(401);
    expect((await p.request('POST', '/api/auth/login', { body: { username: 'leader', password: 'Lantern2026new' } })).status).toBe(200);
  });

  it('keeps the language setting and answers in it', async () => {
    const headers = await p.login('district');
    await p.request('PATCH', '/api/auth/me', { headers, body: { locale: 'en' } });
    const res = await p.request('GET', '/api/institutions/not-a-uuid', { headers });
    expect(res.body.error.message).toBe('Institution not found');
  });

  it('rate-limits logins from one address', async () => {
    let last = 0;
    let retryAfter: unknown;
    for (let i = 0; i < 35 && last !== 429; i++) {
      const res = await p.request('POST', '/api/auth/login', { body: { username: `someone${i}`, password: 'x' }, headers: { 'x-forwarded-for': '10.9.9.9' } });
      last = res.status;
      retryAfter = res.headers['retry-after'];
    }
    expect(last).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});
