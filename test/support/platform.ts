// A real platform on a real, empty database for each test file: in-memory PGlite by default, a fresh
// PostgreSQL database when DATABASE_URL is set. Requests go in-process through Fastify's inject.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../src/server/db/client';
import { createPlatform, type Platform, type PlatformOptions } from '../../src/server/platform';
import { fixedClock } from '../../src/server/kernel/clock';
import type { SmsSender } from '../../src/server/modules/accounts/index';
import type { OidcSettings } from '../../src/server/modules/sso/index';
import type { UploadQuotas } from '../../src/server/modules/files/index';

export { DEMO_PASSWORD } from '../../src/server/modules/demo/index';
import { DEMO_PASSWORD } from '../../src/server/modules/demo/index';
export const ADMIN_PASSWORD = 'Admin#2026pass';
export const ORIGIN = 'http://localhost:80';

/**
 * A new, empty PostgreSQL database on DATABASE_URL's server (no migrations run), for tests that start
 * platforms on it themselves; `drop` removes it, closing whatever is still connected.
 */
export async function emptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('emptyPostgresDatabase needs DATABASE_URL');
  const pg = (await import('pg')).default;
  const name = `learncity_test_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try { await client.query(sql); } finally { await client.end(); }
  };
  await admin(`create database ${name}`);
  const u = new URL(url);
  u.pathname = '/' + name;
  return { url: u.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

async function freshDatabase(): Promise<Database & { url?: string }> {
  if (!process.env.DATABASE_URL) return openDatabase({});
  const empty = await emptyPostgresDatabase();
  const db = await openDatabase({ url: empty.url });
  return { ...db, url: empty.url, close: async () => { await db.close(); await empty.drop(); } };
}

export interface TestPlatform extends Platform {
  /** The PostgreSQL database's URL (DATABASE_URL set), so a test can start a second process's platform on it. */
  databaseUrl?: string;
  /** What this platform's first-start initialisation loaded; null when the database was already initialised. */
  created: Awaited<ReturnType<Platform['initialize']>>;
  clock: ReturnType<typeof fixedClock>;
  /** The data key, so a test can start a second process's platform that opens this one's sealed sessions. */
  dataKey: Buffer;
  sms: { sent: { phone: string; text: string }[]; lastCode(phone: string): string };
  emails: { sent: { to: string; subject: string; text: string }[]; lastCode(to: string): string };
  close(): Promise<void>;
  /** Logs in and returns headers (cookie + Origin) to send with later requests. */
  login(username: string, password?: string): Promise<Record<string, string>>;
  request(method: string, url: string, opts?: { headers?: Record<string, string>; body?: unknown; payload?: Buffer | string }): Promise<{ status: number; body: any; headers: Record<string, unknown>; raw: Buffer }>;
}

export async function startTestPlatform(opts: {
  district?: string; demo?: boolean; oidc?: OidcSettings; vcApiToken?: string; trustedProxies?: string[]; uploadQuotas?: UploadQuotas; issuerBody?: PlatformOptions['issuerBody'];
  /** Another process's view: start on this PostgreSQL database (left in place on close) instead of a fresh one. */
  databaseUrl?: string;
  /** DATABASE_READ_URL: where read-only dashboard queries go. */
  databaseReadUrl?: string;
} = {}): Promise<TestPlatform> {
  const database = opts.databaseUrl ? { ...await openDatabase({ url: opts.databaseUrl, readUrl: opts.databaseReadUrl }), url: opts.databaseUrl } : await freshDatabase();
  const clock = fixedClock(new Date('2026-11-23T02:00:00Z'));
  const sent: { phone: string; text: string }[] = [];
  const sender: SmsSender = { send: async (phone, text) => void sent.push({ phone, text }) };
  const emails: { to: string; subject: string; text: string }[] = [];
  const filesDir = mkdtempSync(join(tmpdir(), 'learncity-files-'));
  const dataKey = randomBytes(32);
  const platform = await createPlatform({ database, dataKey, filesDir, clock, sms: sender, email: { send: async (to, subject, text) => void emails.push({ to, subject, text }) }, logLevel: 'silent', webRoot: '/nonexistent', oidc: opts.oidc, vcApiToken: opts.vcApiToken, webhookPrivateTargets: true, trustedProxies: opts.trustedProxies, issuerKey: { file: join(filesDir, 'issuer-key.json') }, uploadQuotas: opts.uploadQuotas, issuerBody: opts.issuerBody });
  const created = await platform.initialize({ district: opts.district ?? '330105', adminPassword: ADMIN_PASSWORD, loadDemo: opts.demo ?? true });
  await platform.app.ready();

  const request: TestPlatform['request'] = async (method, url, o = {}) => {
    const res = await platform.app.inject({
      method: method as 'GET',
      url,
      headers: { origin: ORIGIN, host: 'localhost:80', ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}), ...o.headers },
      payload: o.payload ?? (o.body !== undefined ? JSON.stringify(o.body) : undefined),
    });
    const type = String(res.headers['content-type'] ?? '');
    return { status: res.statusCode, body: type.includes('json') && res.body ? JSON.parse(res.body) : res.body, headers: res.headers, raw: res.rawPayload };
  };

  return {
    ...platform,
    databaseUrl: database.url,
    created,
    clock,
    dataKey,
    sms: { sent, lastCode: (phone) => /(\d{6})/.exec([...sent].reverse().find((m) => m.phone === phone)?.text ?? '')?.[1] ?? '' },
    emails: { sent: emails, lastCode: (to) => /(\d{6})/.exec([...emails].reverse().find((m) => m.to === to)?.text ?? '')?.[1] ?? '' },
    request,
    async login(username, password = username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD) {
      const res = await request('POST', '/api/auth/login', { body: { username, password } });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      const cookie = String(res.headers['set-cookie']).split(';')[0];
      return { cookie };
    },
    async close() {
      await platform.app.close();
      await database.close();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}
