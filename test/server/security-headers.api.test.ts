// Security headers on every answer, and no-store on every answer that may hold personal data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { addSecurityHeaders } from '../../src/server/http/security-headers';

let p: TestPlatform;
let resident: Record<string, string>;
beforeAll(async () => {
  p = await startTestPlatform();
  resident = await p.login('13900000001');
});
afterAll(() => p.close());

function expectHardened(headers: Record<string, unknown>) {
  const csp = String(headers['content-security-policy']);
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('same-origin');
  expect(headers['strict-transport-security']).toBeUndefined(); // plain HTTP here
}

describe('security headers', () => {
  it('harden authenticated answers and keep them out of every cache', async () => {
    const me = await p.request('GET', '/api/residents/me', { headers: resident });
    expect(me.status).toBe(200);
    expectHardened(me.headers);
    expect(me.headers['cache-control']).toBe('no-store');
    // Also the resident's pages kept in the process's per-resident cache.
    for (const path of ['/api/notifications', '/api/enrolments', '/api/me/credits']) {
      expect((await p.request('GET', path, { headers: resident })).headers['cache-control'], path).toBe('no-store');
    }
  });

  it('keep the login answer (it sets the session cookie) and errors out of caches too', async () => {
    const login = await p.request('POST', '/api/auth/login', { body: { username: 'district', password: 'wrong-password-1' } });
    expectHardened(login.headers);
    expect(login.headers['cache-control']).toBe('no-store');
    const ok = await p.request('POST', '/api/auth/login', { body: { username: '13900000001', password: (await import('../support/platform')).DEMO_PASSWORD } });
    expect(ok.headers['set-cookie']).toBeTruthy();
    expect(ok.headers['cache-control']).toBe('no-store');
    const missing = await p.request('GET', '/api/no-such-thing', { headers: resident });
    expect(missing.status).toBe(404);
    expectHardened(missing.headers);
    expect(missing.headers['cache-control']).toBe('no-store');
    const badUrl = await p.request('GET', '/api/institutions/%E0%A4%A');
    expectHardened(badUrl.headers);
  });

  it('leave the public catalogue cacheable, still hardened', async () => {
    for (const headers of [{}, resident]) {
      const catalog = await p.request('GET', '/api/catalog/courses', { headers });
      expect(catalog.status).toBe(200);
      expectHardened(catalog.headers);
      expect(String(catalog.headers['cache-control'] ?? '')).not.toContain('no-store');
    }
    const health = await p.request('GET', '/healthz');
    expectHardened(health.headers);
  });

  it('pin HTTPS only for a request that came over TLS', async () => {
    // A bare app trusting the forwarded protocol, so the header logic is tested apart from which proxies
    // the platform trusts.
    const app = Fastify({ trustProxy: true });
    addSecurityHeaders(app);
    app.get('/api/x', async () => ({ ok: true }));
    await app.ready();
    const tls = await app.inject({ method: 'GET', url: '/api/x', headers: { 'x-forwarded-proto': 'https' } });
    expect(tls.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const plain = await app.inject({ method: 'GET', url: '/api/x' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    await app.close();
  });
});
