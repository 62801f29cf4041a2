// X-Forwarded-For names the client only when a configured reverse proxy sends it: otherwise any caller
// could pick a fresh address per request to escape per-IP limits and write a false address into the audit log.
import { afterEach, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startTestPlatform, ADMIN_PASSWORD, ORIGIN, type TestPlatform } from '../support/platform';
import { auditLog } from '../../src/server/db/schema/index';
import { loadConfig } from '../../src/server/config';

let p: TestPlatform | undefined;
afterEach(async () => {
  await p?.close();
  p = undefined;
});

const fromPeer = (platform: TestPlatform, peer: string, forwardedFor: string, url: string, body: unknown) =>
  platform.app.inject({
    method: 'POST',
    url,
    remoteAddress: peer,
    headers: { origin: ORIGIN, host: 'localhost:80', 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    payload: JSON.stringify(body),
  });

/** 21 SMS codes (the per-address limit is 20 an hour), each to a new phone and claiming a new client address. */
async function smsStatuses(platform: TestPlatform, peer: string) {
  const statuses: number[] = [];
  for (let i = 0; i < 21; i++) {
    const res = await fromPeer(platform, peer, `198.51.100.${i + 1}`, '/api/auth/sms-codes', {
      phone: `1360000${String(i).padStart(4, '0')}`,
      purpose: 'register',
    });
    statuses.push(res.statusCode);
  }
  return statuses;
}

/** Logs in through `peer` claiming 203.0.113.7; answers the addresses of all logins in the audit log. */
async function loginAuditIps(platform: TestPlatform, peer: string) {
  const res = await fromPeer(platform, peer, '203.0.113.7', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
  expect(res.statusCode).toBe(200);
  const entries = await platform.db.select().from(auditLog).where(eq(auditLog.action, 'auth.login'));
  return entries.map((e) => e.ip).sort();
}

it('by default ignores X-Forwarded-For: a changing header does not escape the per-address limit, and the audit log has the socket address', async () => {
  p = await startTestPlatform({ demo: false });
  const statuses = await smsStatuses(p, '127.0.0.1');
  expect(statuses.slice(0, 20).every((s) => s === 202)).toBe(true);
  expect(statuses[20]).toBe(429);
  expect(await loginAuditIps(p, '127.0.0.1')).toEqual(['127.0.0.1']);
});

it('believes X-Forwarded-For from a configured proxy only', async () => {
  p = await startTestPlatform({ demo: false, trustedProxies: ['10.0.0.0/8'] });
  // Through the proxy each client has its own count.
  expect((await smsStatuses(p, '10.1.2.3')).every((s) => s === 202)).toBe(true);
  expect(await loginAuditIps(p, '10.1.2.3')).toEqual(['203.0.113.7']);
  // A caller outside the configured range is not believed.
  expect(await loginAuditIps(p, '192.0.2.9')).toEqual(['192.0.2.9', '203.0.113.7']);
});

it('reads LEARNCITY_TRUSTED_PROXIES as addresses and ranges, refusing anything else', () => {
  expect(loadConfig({}).trustedProxies).toEqual([]);
  expect(loadConfig({ LEARNCITY_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8,fd00::/8,loopback' }).trustedProxies).toEqual([
    '127.0.0.1',
    '10.0.0.0/8',
    'fd00::/8',
    'loopback',
  ]);
  expect(() => loadConfig({ LEARNCITY_TRUSTED_PROXIES: '*' })).toThrow(/LEARNCITY_TRUSTED_PROXIES/);
  expect(() => loadConfig({ LEARNCITY_TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/not an IP address/);
});
