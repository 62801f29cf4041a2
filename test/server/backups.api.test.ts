// A backup taken while the platform serves, restored onto an empty installation with `npm run restore`:
// the same rows, the same uploaded bytes, ID numbers still readable (the data key came along) and a
// certificate issued before still verifies (the issuer key came along). Then the nightly run and its
// retention, and who may take a backup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { multipart } from '../support/multipart';
import { idCheckChar } from '../../src/server/kernel/id-card';
import { rowsOf } from '../../src/server/kernel/rate-limit';
import { openDatabase } from '../../src/server/db/client';

const dataDir = mkdtempSync(join(tmpdir(), 'learncity-backup-data-'));
const backupDir = mkdtempSync(join(tmpdir(), 'learncity-backup-out-'));
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e0a1e1d70000000049454e44ae426082',
  'hex',
);
const PHONE = '13755554321';
const ID_BASE = '33010519770512432';
const ID_NUMBER = ID_BASE + idCheckChar(ID_BASE);
const PASSWORD = 'Backup2026x';
const ON_POSTGRES = Boolean(process.env.DATABASE_URL);
const TABLES = ['users', 'residents', 'enrolments', 'files', 'credentials', 'learning_records', 'audit_log', 'sessions', 'offerings'];

let p: TestPlatform;
let restoredUrl: string | undefined;
/** What `beforeAll` made and the restore must bring back. */
const before: { me: unknown; fileUrl: string; credential: unknown; residentId: string } = {} as never;
const archives = () =>
  readdirSync(backupDir)
    .filter((n) => n.endsWith('.tar'))
    .sort();

/** A backup taken now over the API by the system administrator: its name and path, and the row counts right after. */
async function takeBackup() {
  const res = await p.request('POST', '/api/system/backups', { headers: await p.login('admin') });
  const counts = await countRows(p);
  if (res.status !== 201) throw new Error(`backup: ${res.status} ${JSON.stringify(res.body)}`);
  return { name: res.body.name as string, size: res.body.size as number, path: join(backupDir, res.body.name), counts };
}

async function countRows(platform: TestPlatform) {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number(rowsOf<{ n: number }>(await platform.db.execute(sql.raw(`select count(*)::int as n from ${t}`)))[0].n);
  return out;
}

beforeAll(async () => {
  p = await startTestPlatform({ installation: { dataDir, backupDir } });
  await p.request('POST', '/api/auth/sms-codes', { body: { phone: PHONE, purpose: 'register' } });
  const home = (await p.request('GET', '/api/regions/330105012/children?pageSize=1')).body.items[0].code;
  const registered = await p.request('POST', '/api/residents', {
    body: {
      phone: PHONE,
      smsCode: p.sms.lastCode(PHONE),
      password: PASSWORD,
      realName: '赵备份',
      idNumber: ID_NUMBER,
      homeRegionCode: home,
      acceptPrivacyNotice: true,
    },
  });
  expect(registered.status).toBe(201);
  const resident = await p.login(PHONE, PASSWORD);
  before.residentId = registered.body.id;
  // The first demo offering this new resident may join (some are for other streets or ages).
  let enrolled = false;
  for (const offering of (await p.request('GET', '/api/catalog/offerings?pageSize=50')).body.items) {
    if ((await p.request('POST', `/api/offerings/${offering.id}/enrolments`, { headers: resident, body: {} })).status < 300) {
      enrolled = true;
      break;
    }
  }
  expect(enrolled).toBe(true);
  const district = await p.login('district');
  const body = multipart(PNG, { filename: '备份.png', contentType: 'image/png', fields: { purpose: 'image' } });
  const uploaded = await p.request('POST', '/api/files', { headers: { ...district, ...body.headers }, payload: body.payload });
  expect(uploaded.status).toBe(201);
  before.fileUrl = uploaded.body.url;
  const record = await p.db.transaction((tx) =>
    p.services.archive.record(tx, {
      residentId: before.residentId,
      sourceType: 'class',
      sourceId: 'class-backup-2026',
      title: '太极拳入门',
      categoryCode: 'SHUHUA',
      hours: 16,
      outcome: 'completed',
      provider: '天水街道社区学校',
      occurredAt: new Date('2026-11-20T08:00:00Z'),
    }),
  );
  const issued = await p.request('POST', '/api/me/credentials', { headers: resident, body: { kind: 'completion', recordId: record!.id } });
  expect(issued.status).toBe(201);
  before.credential = JSON.parse((await p.request('GET', `/api/credentials/${issued.body.id}/credential.json`)).raw.toString('utf8'));
  before.me = (await p.request('GET', '/api/residents/me', { headers: resident })).body;
}, 180_000);

afterAll(async () => {
  await p?.close();
  if (restoredUrl) {
    const pg = (await import('pg')).default;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${new URL(restoredUrl).pathname.slice(1)} with (force)`);
    await admin.end();
  }
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(backupDir, { recursive: true, force: true });
});

describe('a backup while serving', () => {
  it('is for the system administrator only', async () => {
    const present = readdirSync(backupDir);
    const street = await p.login('street');
    expect((await p.request('POST', '/api/system/backups', { headers: street })).status).toBe(403);
    expect((await p.request('GET', '/api/system/backups', { headers: street })).status).toBe(403);
    expect((await p.request('POST', '/api/system/backups')).status).toBe(401);
    expect(readdirSync(backupDir)).toEqual(present);
  });

  it('writes one archive with the database, the files and the keys, audited', async () => {
    const admin = await p.login('admin');
    const res = await p.request('POST', '/api/system/backups', { headers: admin });
    const counts = await countRows(p);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.name).toMatch(/^learncity-backup-\d{8}-\d{6}\.tar$/);
    const archive = join(backupDir, res.body.name);
    const listed = await p.request('GET', '/api/system/backups', { headers: admin });
    // Other tests' archives may be there too: the list holds every one, this one with its size.
    expect(listed.body).toMatchObject({ total: archives().length, dir: backupDir, keep: 2 });
    expect(listed.body.items).toContainEqual(expect.objectContaining({ name: res.body.name, size: res.body.size }));
    const members = spawnSync('tar', ['-tf', archive], { encoding: 'utf8' }).stdout.split('\n');
    expect(members).toEqual(
      expect.arrayContaining([
        './manifest.json',
        './keys/secret.key',
        './keys/issuer-key.json',
        `./${ON_POSTGRES ? 'database.pgdump' : 'database.pglite.tar.gz'}`,
      ]),
    );
    expect(members.filter((m) => m.startsWith('./files/') && !m.endsWith('/'))).toHaveLength(counts.files);
    const audit = await p.request('GET', '/api/audit-log?action=system.backup', { headers: admin });
    expect(audit.body.items[0]).toMatchObject({ action: 'system.backup', entityId: res.body.name, actorName: 'admin' });
  });
});

describe('restore onto an empty installation', () => {
  const restore = (archive: string, env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/restore.ts', archive], {
      env: { ...process.env, LEARNCITY_DATA_DIR: dataDir, DATABASE_URL: '', ...env },
      encoding: 'utf8',
      timeout: 120_000,
    });

  it('brings back the same rows, files, keys and a certificate that still verifies', async () => {
    const backup = await takeBackup();
    await p.close();
    // Everything gone: the data directory (database files, uploads, keys) and, on PostgreSQL, the database.
    rmSync(dataDir, { recursive: true, force: true });
    let env: Record<string, string> = {};
    if (ON_POSTGRES) {
      const pg = (await import('pg')).default;
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      const name = `learncity_restored_${Date.now()}`;
      await admin.query(`create database ${name}`);
      await admin.end();
      const u = new URL(process.env.DATABASE_URL!);
      u.pathname = '/' + name;
      restoredUrl = u.toString();
      env = { DATABASE_URL: restoredUrl };
    }
    const done = restore(backup.path, env);
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout).toContain('learncity: restored the');
    expect(existsSync(join(dataDir, 'secret.key'))).toBe(true);

    // A second restore finds a database and files already there and changes nothing.
    const again = restore(backup.path, env);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/is not empty/);

    const database = restoredUrl ? await openDatabase({ url: restoredUrl }) : undefined;
    p = await startTestPlatform({ installation: { dataDir, backupDir, database } });
    // Everything but the backup's own audit entry, written once the archive was complete.
    expect(await countRows(p)).toEqual({ ...backup.counts, audit_log: backup.counts.audit_log - 1 });
    const resident = await p.login(PHONE, PASSWORD);
    expect((await p.request('GET', '/api/residents/me', { headers: resident })).body).toEqual(before.me);
    const admin = await p.login('admin');
    const full = await p.request('GET', `/api/residents/${before.residentId}/id-number`, { headers: admin });
    expect(full.status, JSON.stringify(full.body)).toBe(200);
    expect(JSON.stringify(full.body)).toContain(ID_NUMBER);
    const district = await p.login('district');
    const file = await p.request('GET', before.fileUrl, { headers: district });
    expect(file.status).toBe(200);
    expect(file.raw.equals(PNG)).toBe(true);
    const verdict = await p.request('POST', '/api/credentials/verify', { body: before.credential });
    expect(verdict.body.result).toBe('valid');
  }, 240_000);

  it('refuses a backup of the other engine, clearly, before touching anything', async () => {
    const backup = await takeBackup();
    const empty = mkdtempSync(join(tmpdir(), 'learncity-backup-other-'));
    try {
      const other = restore(backup.path, { LEARNCITY_DATA_DIR: empty, DATABASE_URL: ON_POSTGRES ? '' : 'postgres://postgres@127.0.0.1:1/none' });
      expect(other.status).toBe(1);
      expect(other.stderr).toContain(
        ON_POSTGRES
          ? 'backup is of the postgres database and cannot be restored into pglite'
          : 'backup is of the pglite database and cannot be restored into postgres',
      );
      expect(readdirSync(empty).filter((n) => n !== 'learncity.lock')).toEqual([]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    // A backup and a restore command's start (a child under tsx): past vitest's 60 s under CI's load (76 s once).
  }, 240_000);
});

describe('the nightly backup', () => {
  it('runs once a night from the configured hour and keeps the newest LEARNCITY_BACKUP_KEEP', async () => {
    for (const day of ['20261120', '20261121']) writeFileSync(join(backupDir, `learncity-backup-${day}-020000.tar`), 'old');
    // 10:00 in Shanghai on the 23rd; an archive taken by request earlier today counts as tonight's.
    const taken = await takeBackup();
    expect(taken.name).toMatch(/^learncity-backup-20261123-/);
    expect(await p.services.backups.runNightly()).toBeNull();
    // Without today's archives (the test clock stands still, so every one taken today has this name) it runs.
    rmSync(taken.path);
    expect(archives().filter((n) => n.startsWith('learncity-backup-20261123-'))).toEqual([]);
    const name = await p.services.backups.runNightly();
    expect(name).toMatch(/^learncity-backup-20261123-\d{6}\.tar$/);
    expect(
      readdirSync(backupDir)
        .filter((n) => n.endsWith('.tar'))
        .sort(),
    ).toEqual(['learncity-backup-20261121-020000.tar', name]);
    expect(await p.services.backups.runNightly()).toBeNull();
    // Across processes the scheduler's claim lets one of them run it; here, through the scheduler itself.
    p.clock.advance(16.5 * 3600_000); // 02:30 in Shanghai on the 24th
    expect(await p.scheduler.tick()).toContain('nightly-backup');
    expect(readdirSync(backupDir).filter((n) => n.startsWith('learncity-backup-20261124-'))).toHaveLength(1);
    expect(readdirSync(backupDir).filter((n) => n.endsWith('.tar'))).toHaveLength(2);
  }, 120_000);
});
