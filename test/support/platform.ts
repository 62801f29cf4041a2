// A real platform on its own database for each test file: PGlite by default, a fresh PostgreSQL database when
// DATABASE_URL is set. Requests go in-process through Fastify's inject.
// A file that asks for the demo district as first started gets a copy of the seeded template the run built once
// (test/support/template.ts) instead of seeding it again: the same rows, keys and files a first start makes. Any
// other first start (another place, no demo, another issuing body) runs on a copy of the migrated template.
import { randomBytes } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { openDatabase, type Database } from '../../src/server/db/client';
import { createPlatform, type Platform, type PlatformOptions } from '../../src/server/platform';
import { fixedClock } from '../../src/server/kernel/clock';
import type { SmsSender, SmsDeliverySettings } from '../../src/server/modules/sms/index';
import type { OidcSettings } from '../../src/server/modules/sso/index';
import type { UploadQuotas } from '../../src/server/modules/files/index';
import { dataDirLayout, loadDataKey } from '../../src/server/layout';

import { ADMIN_PASSWORD, DEMO_PASSWORD } from './passwords';
export { ADMIN_PASSWORD, DEMO_PASSWORD } from './passwords';
export const ORIGIN = 'http://localhost:80';
/** Where a platform without an installation keeps the issuer's key: among its files (the template's too). */
const ISSUER_KEY_FILE = 'issuer-key.json';

import { freshDatabase, PGLITE_TEMPLATES, templateDir, type TemplateCopy, type TemplateMeta } from './database-copy';
import { emptyPostgresDatabase } from './postgres';
import { inShell } from './shell';
export { emptyPostgresDatabase, PGLITE_TEMPLATES, type TemplateMeta };

export interface TestPlatform extends Platform {
  /** The PostgreSQL database's URL (DATABASE_URL set), so a test can start a second process's platform on it. */
  databaseUrl?: string;
  /** What this platform's first-start initialisation loaded; null when the database was already initialised. */
  created: Awaited<ReturnType<Platform['initialize']>>;
  clock: ReturnType<typeof fixedClock>;
  /** The data key, so a test can start a second process's platform that opens this one's sealed sessions. */
  dataKey: Buffer;
  sms: { sent: { phone: string; text: string; kind: string; params: Record<string, string> }[]; lastCode(phone: string): string };
  emails: { sent: { to: string; subject: string; text: string }[]; lastCode(to: string): string };
  close(): Promise<void>;
  /** Logs in and returns headers (cookie + Origin) to send with later requests. */
  login(username: string, password?: string): Promise<Record<string, string>>;
  request(
    method: string,
    url: string,
    opts?: { headers?: Record<string, string>; body?: unknown; payload?: Buffer | string },
  ): Promise<{ status: number; body: any; headers: Record<string, unknown>; raw: Buffer }>;
}

export type TestPlatformOptions = {
  district?: string;
  demo?: boolean;
  oidc?: OidcSettings;
  vcApiToken?: string;
  vcResourceOrigins?: PlatformOptions['vcResourceOrigins'];
  trustedProxies?: string[];
  uploadQuotas?: UploadQuotas;
  issuerBody?: PlatformOptions['issuerBody'];
  sms?: SmsSender;
  smsDelivery?: SmsDeliverySettings;
  metricsToken?: string;
  logStream?: { write(line: string): void };
  /** The xAPI versions /xapi serves (default: both). */
  xapiVersions?: PlatformOptions['xapiVersions'];
  /**
   * An installation laid out as the server lays out LEARNCITY_DATA_DIR (database files on PGlite, uploads, key
   * files, backups), kept when the platform closes; `database` opens a given one (PostgreSQL) instead of a fresh one.
   */
  installation?: { dataDir: string; backupDir: string; database?: Database };
  /** Another process's view: start on this PostgreSQL database (left in place on close) instead of a fresh one. */
  databaseUrl?: string;
  /** DATABASE_READ_URL: where read-only dashboard queries go. */
  databaseReadUrl?: string;
  /** false: start on a database of its own from initdb on, instead of copying one of the run's templates. */
  template?: boolean;
};

/** The clock every test platform starts at (the template was seeded at it too). */
export const TEST_START = new Date('2026-11-23T02:00:00Z');

/** A platform on `database` after its first start (or its restart, when the database is a seeded copy). */
export async function seededPlatform(
  database: Database,
  where: { filesDir: string; dataKey: Buffer; issuerKeyFile?: string; backups?: PlatformOptions['backups'] },
  opts: TestPlatformOptions = {},
) {
  const clock = fixedClock(TEST_START);
  const sent: TestPlatform['sms']['sent'] = [];
  // Every message is recorded; a test may pass a sender of its own (a fake provider) that messages then go to.
  const sender: SmsSender = {
    send: async (phone, m) => {
      sent.push({ phone, text: m.text, kind: m.kind, params: m.params });
      await opts.sms?.send(phone, m);
    },
  };
  const emails: { to: string; subject: string; text: string }[] = [];
  const { filesDir, dataKey } = where;
  const platform = await createPlatform({
    database,
    dataKey,
    filesDir,
    clock,
    sms: sender,
    smsDelivery: opts.smsDelivery,
    email: { send: async (to, subject, text) => void emails.push({ to, subject, text }) },
    logLevel: opts.logStream ? 'info' : 'silent',
    logStream: opts.logStream,
    metricsToken: opts.metricsToken,
    webRoot: '/nonexistent',
    oidc: opts.oidc,
    vcApiToken: opts.vcApiToken,
    vcResourceOrigins: opts.vcResourceOrigins,
    webhookPrivateTargets: true,
    trustedProxies: opts.trustedProxies,
    issuerKey: { file: where.issuerKeyFile ?? join(filesDir, ISSUER_KEY_FILE) },
    uploadQuotas: opts.uploadQuotas,
    issuerBody: opts.issuerBody,
    backups: where.backups,
    xapiVersions: opts.xapiVersions,
  });
  const created = await platform.initialize({ district: opts.district ?? '330105', adminPassword: ADMIN_PASSWORD, loadDemo: opts.demo ?? true });
  await platform.app.ready();
  return { platform, clock, sent, emails, created };
}

/**
 * Lays the seeded template out as a new installation's data directory, as its server's first start would have
 * left it: the database (PGlite's directory; on PostgreSQL freshDatabase copies the template database), the
 * uploaded files, the data key its rows were sealed with and the issuer's key (which the template keeps among
 * its files). A first start of its own (initdb, every migration, the demo's seed) took ~12 s of CPU on PGlite.
 */
async function installTemplate(template: TemplateCopy, layout: ReturnType<typeof dataDirLayout>) {
  if (!process.env.DATABASE_URL) {
    mkdirSync(layout.pglite, { recursive: true });
    await inShell('cp', '-R', `${join(template.dir, PGLITE_TEMPLATES.seeded)}/.`, layout.pglite);
  }
  cpSync(join(template.dir, 'files'), layout.files, { recursive: true, filter: (from) => basename(from) !== ISSUER_KEY_FILE });
  copyFileSync(join(template.dir, 'files', ISSUER_KEY_FILE), layout.issuerKey);
  writeFileSync(layout.secretKey, template.meta.dataKeyHex, { mode: 0o600 });
}

export async function startTestPlatform(opts: TestPlatformOptions = {}): Promise<TestPlatform> {
  // Only what a first start writes differently (the place, the demo, the issuing body) needs its own first
  // start, on a copy of the migrated template; everything else copies the seeded one.
  const installed = opts.installation;
  const layout = installed && dataDirLayout(installed.dataDir);
  const seeded = (opts.district ?? '330105') === '330105' && opts.demo !== false && !opts.issuerBody;
  // A new installation of the demo district starts from the seeded template too: see installTemplate.
  const newInstallation = installed && !installed.database && !existsSync(layout!.pglite) && !existsSync(layout!.secretKey);
  const dir = (!installed || (newInstallation && seeded)) && !opts.databaseUrl && opts.template !== false ? templateDir() : undefined;
  const template: TemplateCopy | undefined = dir ? { dir, meta: JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as TemplateMeta, seeded } : undefined;
  if (layout && template) await installTemplate(template, layout);
  const database = opts.databaseUrl
    ? { ...(await openDatabase({ url: opts.databaseUrl, readUrl: opts.databaseReadUrl })), url: opts.databaseUrl }
    : (installed?.database ?? (layout && !process.env.DATABASE_URL ? await openDatabase({ dataDir: layout.pglite }) : await freshDatabase(template)));
  const filesDir = layout?.files ?? mkdtempSync(join(tmpdir(), 'learncity-files-'));
  if (template?.seeded && !layout) cpSync(join(template.dir, 'files'), filesDir, { recursive: true });
  const dataKey = installed ? loadDataKey(installed.dataDir) : template?.seeded ? Buffer.from(template.meta.dataKeyHex, 'hex') : randomBytes(32);
  const backups = layout && { settings: { dir: installed.backupDir, keep: 2, hour: 2 }, keyFiles: [layout.secretKey, layout.issuerKey] };
  const { platform, clock, sent, emails, created } = await seededPlatform(database, { filesDir, dataKey, issuerKeyFile: layout?.issuerKey, backups }, opts);

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
    databaseUrl: (database as { url?: string }).url,
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
      if (!installed) rmSync(filesDir, { recursive: true, force: true });
    },
  };
}
