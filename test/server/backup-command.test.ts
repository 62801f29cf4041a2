// `npm run backup` against a real server process on the embedded database: the command asks the running
// server (which alone may read its data directory), and the archive restores into a working database.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/free-port';

const dataDir = mkdtempSync(join(tmpdir(), 'learncity-bkcmd-'));
const backupDir = mkdtempSync(join(tmpdir(), 'learncity-bkcmd-out-'));
const restoredDir = mkdtempSync(join(tmpdir(), 'learncity-bkcmd-restored-'));
const port = await freePort();
const env = {
  ...process.env,
  PORT: String(port),
  HOST: '127.0.0.1',
  LEARNCITY_DATA_DIR: dataDir,
  DATABASE_URL: '',
  LEARNCITY_ADMIN_PASSWORD: 'Admin#2026pass',
  LEARNCITY_DEMO: '0',
  LEARNCITY_WORKERS: '0',
  LOG_LEVEL: 'warn',
};
let server: ChildProcess;
let output = '';

beforeAll(async () => {
  server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (d) => (output += d));
  server.stderr!.on('data', (d) => (output += d));
  // A first start (initdb and every migration under tsx) took over 80 s with CI's three runs on 2 cores: a deadline, not a count of tries.
  for (const deadline = Date.now() + 240_000; Date.now() < deadline;) {
    if (server.exitCode !== null) throw new Error('server exited:\n' + output);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not start:\n' + output);
}, 270_000);

afterAll(async () => {
  if (server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  for (const dir of [dataDir, backupDir, restoredDir]) rmSync(dir, { recursive: true, force: true });
});

const tool = (script: string, args: string[], extra: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...env, ...extra }, encoding: 'utf8', timeout: 120_000 });

it('takes a backup through the running server, which keeps serving, and the archive restores', async () => {
  const done = tool('scripts/backup.ts', [backupDir]);
  expect(done.status, done.stderr).toBe(0);
  expect(done.stdout).toMatch(/asking the running server \(pid \d+\)/);
  const [archive] = readdirSync(backupDir);
  expect(archive).toMatch(/^learncity-backup-\d{8}-\d{6}\.tar$/);
  expect(done.stdout).toContain(join(backupDir, archive));
  expect((await fetch(`http://127.0.0.1:${port}/healthz`)).ok).toBe(true);
  expect(readdirSync(dataDir).filter((n) => n.startsWith('backup-'))).toEqual([]);

  const restored = tool('scripts/restore.ts', [join(backupDir, archive)], { LEARNCITY_DATA_DIR: restoredDir });
  expect(restored.status, restored.stderr).toBe(0);
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite(join(restoredDir, 'pglite'));
  try {
    const { rows } = await db.query<{ username: string }>(`select username from users where username = 'admin'`);
    expect(rows).toEqual([{ username: 'admin' }]);
  } finally {
    await db.close();
  }
  expect(readdirSync(restoredDir).sort()).toEqual(expect.arrayContaining(['files', 'issuer-key.json', 'pglite', 'secret.key']));
}, 180_000);
