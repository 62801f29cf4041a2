// A real platform on its own database for each test file: PGlite by default, a fresh PostgreSQL database when
// DATABASE_URL is set. Requests go in-process through Fastify's inject.
// A file that asks for the demo district as first started gets a copy of the seeded template the run built once
// (test/support/template.ts) instead of seeding it again: the same rows, keys and files a first start makes. Any
// other first start (another place, no demo, another issuing body) runs on a copy of the migrated template.
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
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

/** Where the run's template is (see template.ts), or undefined outside a run that built one. */
function templateDir(): string | undefined {
  try {
    return inject('learncityTemplate');
  } catch {
    return undefined; // not inside a vitest worker
  }
}

export interface TemplateMeta {
  /** The seeded template's data key (what it sealed needs it). */
  dataKeyHex: string;
  /** PostgreSQL: the migrated template (every migration, nothing initialised), copied for a file's own first start. */
  pgMigrated?: string;
  /** PostgreSQL: the seeded template (the demo district as first started), copied for most files. */
  pgTemplate?: string;
}

/** PGlite: the templates' data directories inside the run's template directory. */
export const PGLITE_TEMPLATES = { migrated: 'pglite-migrated', seeded: 'pglite-seeded' } as const;

import { emptyPostgresDatabase } from './postgres';
import { inShell } from './shell';
export { emptyPostgresDatabase };

/** Which of the run's templates a database is copied from: the demo district as first started, or only migrated. */
type TemplateCopy = { dir: string; meta: TemplateMeta; seeded: boolean };

async function freshDatabase(template?: TemplateCopy): Promise<Database & { url?: string }> {
  if (!process.env.DATABASE_URL) {
    if (!template) return openDatabase({});
    // A copy of the template's data directory, opened where it lies (loading a tarball into memory took ~7 s of
    // a file's start), removed when the database closes (and with the templates when the run ends, if a file
    // never closed it).
    const copy = mkdtempSync(join(template.dir, 'copy-'));
    // coreutils' cp rather than fs.cpSync: the ~1,500 files (62 MB) took Node 20's cpSync 0.85-1.2 s of CPU
    // and `cp -R` 0.3-0.65 s, at a third of the wall time (test/README.md, "Fourth round"); started from the
    // worker's shell (shell.ts), as is the removal, which the file does not wait for.
    await inShell('cp', '-R', `${join(template.dir, template.seeded ? PGLITE_TEMPLATES.seeded : PGLITE_TEMPLATES.migrated)}/.`, copy);
    const db = await openDatabase({ dataDir: copy });
    return {
      ...db,
      close: async () => {
        await db.close();
        inShell('rm', '-rf', copy).catch(() => undefined);
      },
    };
  }
  const created = await emptyPostgresDatabase(template && (template.seeded ? template.meta.pgTemplate : template.meta.pgMigrated));
  const db = await openDatabase({ url: created.url });
  return {
    ...db,
    url: created.url,
    close: async () => {
      await db.close();
      await created.drop();
    },
  };
}

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
    issuerKey: { file: where.issuerKeyFile ?? join(filesDir, 'issuer-key.json') },
    uploadQuotas: opts.uploadQuotas,
    issuerBody: opts.issuerBody,
    backups: where.backups,
    xapiVersions: opts.xapiVersions,
  });
  const created = await platform.initialize({ district: opts.district ?? '330105', adminPassword: ADMIN_PASSWORD, loadDemo: opts.demo ?? true });
  await platform.app.ready();
  return { platform, clock, sent, emails, created };
}

export async function startTestPlatform(opts: TestPlatformOptions = {}): Promise<TestPlatform> {
  // Only what a first start writes differently (the place, the demo, the issuing body) needs its own first
  // start, on a copy of the migrated template; everything else copies the seeded one.
  const installed = opts.installation;
  const layout = installed && dataDirLayout(installed.dataDir);
  const dir = !installed && !opts.databaseUrl && opts.template !== false ? templateDir() : undefined;
  const seeded = (opts.district ?? '330105') === '330105' && opts.demo !== false && !opts.issuerBody;
  const template: TemplateCopy | undefined = dir ? { dir, meta: JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as TemplateMeta, seeded } : undefined;
  const database = opts.databaseUrl
    ? { ...(await openDatabase({ url: opts.databaseUrl, readUrl: opts.databaseReadUrl })), url: opts.databaseUrl }
    : (installed?.database ?? (layout && !process.env.DATABASE_URL ? await openDatabase({ dataDir: layout.pglite }) : await freshDatabase(template)));
  const filesDir = layout?.files ?? mkdtempSync(join(tmpdir(), 'learncity-files-'));
  if (template?.seeded) cpSync(join(template.dir, 'files'), filesDir, { recursive: true });
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
