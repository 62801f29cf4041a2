// The production start as an installation runs it: the compiled server (`npm run build:server`) under plain
// node, no tsx. A worker killed with -9 is replaced while requests keep being answered (by the other worker
// on PostgreSQL, where two run; on the embedded database, by its replacement), and SIGTERM lets a request
// under way finish before the process exits.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { get as httpGet, request as httpRequest } from 'node:http';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/free-port';
import { ADMIN_PASSWORD, emptyPostgresDatabase } from '../support/platform';
import { ensureCompiledServer } from '../support/compiled-server';
import { multipart } from '../support/multipart';

const dataDir = mkdtempSync(join(tmpdir(), 'learncity-production-'));
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const onPostgres = Boolean(process.env.DATABASE_URL);
let database: Awaited<ReturnType<typeof emptyPostgresDatabase>> | null = null;
let server: ChildProcess;
const METRICS_TOKEN = 'production-test-metrics-token-0123456789';
let output = '';

const workers = () =>
  spawnSync('pgrep', ['-P', String(server.pid)], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n')
    .filter(Boolean)
    .map(Number);

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 60_000) {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (server.exitCode !== null) throw new Error(`server exited while waiting for ${what}:\n${output}`);
    try {
      if (await check()) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: timed out\n${output}`);
}

beforeAll(async () => {
  await ensureCompiledServer();
  database = onPostgres ? await emptyPostgresDatabase() : null;
  server = spawn(process.execPath, ['dist/server/main.js'], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      LEARNCITY_DATA_DIR: dataDir,
      DATABASE_URL: database?.url ?? '',
      ...(onPostgres ? { LEARNCITY_WORKERS: '2' } : {}),
      LEARNCITY_ADMIN_PASSWORD: ADMIN_PASSWORD,
      LEARNCITY_DEMO: '0',
      LOG_LEVEL: 'warn',
      LEARNCITY_METRICS_TOKEN: METRICS_TOKEN,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (d) => (output += d));
  server.stderr!.on('data', (d) => (output += d));
  await until('all workers listening', () => /\d workers? listening/.test(output) && fetch(`${origin}/readyz`).then((r) => r.ok), 120_000);
}, 180_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('runs compiled JavaScript under plain node, and says which build it is', async () => {
  for (const pid of [server.pid!, ...workers()]) {
    const args = spawnSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).stdout;
    expect(args).toContain('dist/server/main.js');
    expect(args).not.toMatch(/tsx|vite|\.ts\b/);
  }
  const version = await (await fetch(`${origin}/api/version`)).json();
  expect(version.commit).toMatch(/^[0-9a-f]{40}$/); // recorded by the build
  expect(version.builtAt).toBeTruthy();
});

it('backs up while serving and restores with the compiled commands, as on an install without tsx', async () => {
  const backups = join(dataDir, 'backups-by-command');
  // NODE_ENV=production runs dist/scripts/backup.js under plain node, which could not load a TypeScript import.
  const run = spawnSync('npm', ['run', '-s', 'backup', '--', backups], {
    env: { PATH: process.env.PATH, NODE_ENV: 'production', LEARNCITY_DATA_DIR: dataDir, DATABASE_URL: database?.url ?? '' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  expect(run.stdout).toMatch(/backup written to .*learncity-backup-\d{8}-\d{6}\.tar/);
  const [archive] = readdirSync(backups).filter((f) => f.endsWith('.tar'));
  expect(archive).toBeTruthy();
  // The compiled restore, run as command.mjs runs it in production, onto an empty installation.
  const target = onPostgres ? await emptyPostgresDatabase() : null;
  try {
    const restored = spawnSync(process.execPath, ['dist/scripts/restore.js', join(backups, archive)], {
      env: { PATH: process.env.PATH, NODE_ENV: 'production', LEARNCITY_DATA_DIR: join(dataDir, 'restored'), DATABASE_URL: target?.url ?? '' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(restored.status, restored.stdout + restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(onPostgres ? /restored the postgres backup/ : /restored the pglite backup/);
  } finally {
    await target?.drop();
  }
}, 180_000);

/** One scrape: each family's samples by name, and how often each family's HELP line came. */
async function scrape() {
  const res = await fetch(`${origin}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  const text = await res.text();
  const helps = text
    .split('\n')
    .filter((l) => l.startsWith('# HELP '))
    .map((l) => l.split(' ')[2]);
  const samples = text.split('\n').filter((l) => l && !l.startsWith('#'));
  return { helps, samples };
}

it("/metrics counts every worker's requests, whichever worker the scrape reaches", async () => {
  const expected = onPostgres ? 2 : 1;
  // Each request on a new connection, so the kernel spreads them over the workers.
  for (let i = 0; i < 40; i++) await fetch(`${origin}/api/regions/330105`, { headers: { connection: 'close' } });
  for (let i = 0; i < 6; i++) {
    const { helps, samples } = await scrape();
    expect(new Set(helps).size, 'each family once').toBe(helps.length);
    const regionCounts = samples.filter(
      (l) => l.startsWith('learncity_http_requests_total{') && l.includes('route="/api/regions/:code"') && l.includes('status="200"'),
    );
    const labelled = new Set(regionCounts.map((l) => /worker="(\d+)"/.exec(l)?.[1]));
    expect(labelled.size, samples.join('\n')).toBe(expected);
    expect(labelled.has(undefined)).toBe(false);
    expect(regionCounts.reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0)).toBeGreaterThanOrEqual(40);
    // The job queue is the database's: counted once, without a worker label.
    expect(samples.filter((l) => l.startsWith('learncity_jobs{status="running"}'))).toHaveLength(1);
    expect(samples).toContain(`learncity_workers ${expected}`);
  }
});

it('replaces a worker killed with -9 while requests keep being answered', async () => {
  const before = workers();
  expect(before).toHaveLength(onPostgres ? 2 : 1);
  const answers: number[] = [];
  let polling = true;
  // A client asking all along: on PostgreSQL the other worker answers throughout; alone, the replacement does.
  // Each on a new connection, as a load balancer's retry would: a connection to the killed worker dies with it.
  const ask = () =>
    new Promise<number>((resolve) => {
      const req = httpGet(`${origin}/api/regions/330105`, { agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      });
      req.on('error', () => resolve(0));
      req.setTimeout(5000, () => {
        req.destroy();
        resolve(-1);
      });
    });
  const poll = (async () => {
    while (polling) {
      answers.push(await ask());
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  output = '';
  process.kill(before[0], 'SIGKILL');
  await until(
    'a new worker',
    () => output.includes('a worker stopped (SIGKILL); starting another') && workers().length === before.length && !workers().includes(before[0]),
  );
  await until('the new worker listening', async () => (await fetch(`${origin}/readyz`)).ok && workers().every((w) => !before.includes(w) || w !== before[0]));
  const servedFrom = answers.length;
  await until('answers after the restart', () => answers.slice(servedFrom).filter((s) => s === 200).length >= 5);
  polling = false;
  await poll;
  expect(server.exitCode).toBeNull();
  // On PostgreSQL the other worker answers throughout: at most the one request the killed worker held is lost.
  if (onPostgres) expect(answers.filter((s) => s !== 200).length, answers.join(',')).toBeLessThanOrEqual(1);
  expect(answers.at(-1)).toBe(200);
  const login = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  expect(login.status).toBe(200);
  expect((await scrape()).samples).toContain('learncity_worker_restarts_total 1');
}, 120_000);

it('on SIGTERM finishes the upload under way, then exits', async () => {
  const login = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const png = Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e0a1e1d70000000049454e44ae426082',
    'hex',
  );
  const body = multipart(png, { filename: 'seal.png', contentType: 'image/png', fields: { purpose: 'image' } });
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = httpRequest(`${origin}/api/files`, { method: 'POST', headers: { ...body.headers, cookie, origin } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, text }));
    });
    req.on('error', reject);
    // Half the form now; the rest once the server has been told to stop.
    const half = body.payload.length - 40;
    req.write(body.payload.subarray(0, half));
    setTimeout(() => {
      server.kill('SIGTERM');
      setTimeout(() => req.end(body.payload.subarray(half)), 1000);
    }, 500);
  });
  const exited = new Promise<number | null>((r) => server.once('exit', (code) => r(code)));
  const res = await answer;
  expect(res.status, res.text).toBe(201);
  expect(JSON.parse(res.text)).toMatchObject({ filename: 'seal.png', purpose: 'image' });
  expect(await exited).toBe(0);
  expect(output).toContain('SIGTERM received, shutting down');
}, 60_000);
