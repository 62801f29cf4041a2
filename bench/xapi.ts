// Statement intake of the xAPI store: batches of 100 statements POSTed over HTTP by a few concurrent
// partners, next to the machine's limit measured in the same run (the same rows bulk-inserted straight
// into the database). Prints figures and ends with one JSON line; asserts nothing.
//   npm run bench:xapi -- --engine pglite
//   npm run bench:xapi -- --engine postgres     (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
//   npm run bench:xapi -- --engine postgres --served [--compiled]
//     the store served as `npm start` serves it (its own process, one worker per core; `--compiled`:
//     `node dist/server/main.js` in production mode, after `npm run build:server`) instead of in this process
//     beside the client; the direct insert then runs from this process against the same database.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../src/server/db/client';
import { createPlatform } from '../src/server/platform';
import { xapiStatements } from '../src/server/db/schema/index';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const engine = arg('engine', 'pglite');
if (engine !== 'pglite' && engine !== 'postgres') throw new Error('--engine pglite|postgres');
const BATCHES = Number(arg('batches', '100'));
const BATCH = 100;
const CONCURRENCY = Number(arg('concurrency', engine === 'postgres' ? '8' : '4'));
const SERVED = process.argv.includes('--served');
const COMPILED = process.argv.includes('--compiled');
if (SERVED && engine !== 'postgres') throw new Error('--served needs --engine postgres (PGlite is one process)');

/** A fresh database on PostgreSQL (dropped at the end), so runs do not see each other's rows. */
async function freshDatabase(): Promise<{ database: Database; drop: () => Promise<void>; url?: string }> {
  if (engine === 'pglite') return { database: await openDatabase({}), drop: async () => {} };
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `learncity_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = '/' + name;
  const database = await openDatabase({ url: u.toString() });
  return {
    database,
    url: u.toString(),
    drop: async () => {
      const again = new pg.Client({ connectionString: url });
      await again.connect();
      await again.query(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}

const statement = (i: number) => ({
  id: randomUUID(),
  actor: { objectType: 'Agent', name: `学员 ${i % 500}`, mbox: `mailto:learner${i % 500}@example.com` },
  verb: { id: i % 3 ? 'http://adlnet.gov/expapi/verbs/completed' : 'http://adlnet.gov/expapi/verbs/attempted', display: { 'zh-CN': '完成' } },
  object: { objectType: 'Activity', id: `https://learn.example.com/courses/${i % 200}`, definition: { name: { 'zh-CN': `课程 ${i % 200}` } } },
  result: { completion: true, duration: 'PT45M' },
  context: { registration: randomUUID(), contextActivities: { parent: [{ id: 'https://learn.example.com/programmes/tea' }] } },
  timestamp: new Date().toISOString(),
});

const { database, drop, url } = await freshDatabase();
const ADMIN_PASSWORD = 'Bench#2026x';
let platform: Awaited<ReturnType<typeof createPlatform>> | null = null;
let server: ChildProcess | null = null;
let base: string;
if (SERVED) {
  // The platform's own start path creates the administrator; the bench's handle only inserts directly.
  const port = 42000 + Math.floor(Math.random() * 900);
  base = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(port),
    HOST: '127.0.0.1',
    LEARNCITY_DEMO: '0',
    LEARNCITY_DATA_KEY: randomBytes(32).toString('hex'),
    LEARNCITY_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LEARNCITY_DISTRICT: '330105',
    LEARNCITY_DATA_DIR: mkdtempSync(join(tmpdir(), 'learncity-bench-')),
    LOG_LEVEL: 'warn',
    DATABASE_URL: url!,
  };
  if (COMPILED) env.NODE_ENV = 'production';
  let log = '';
  server = spawn(process.execPath, COMPILED ? ['dist/server/main.js'] : ['--import', 'tsx', 'src/server/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (d) => {
    log += d;
  });
  server.stderr!.on('data', (d) => {
    log += d;
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (server.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start: ${log.slice(-2000)}`);
    // Every worker listening, else the first takes every connection.
    try {
      if (/worker(s)? listening/.test(log) && (await fetch(`${base}/healthz`)).ok) break;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
} else {
  platform = await createPlatform({
    database,
    dataKey: randomBytes(32),
    filesDir: mkdtempSync(join(tmpdir(), 'learncity-bench-')),
    logLevel: 'silent',
    webRoot: '/nonexistent',
  });
  await platform.initialize({ district: '330105', adminPassword: ADMIN_PASSWORD, loadDemo: false });
  await platform.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(platform.app.server.address() as { port: number }).port}`;
}
const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: base },
  body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
});
const cookie = login.headers.get('set-cookie')!.split(';')[0];
const created = await fetch(`${base}/api/partners`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: base, cookie },
  body: JSON.stringify({ name: 'bench', scopes: ['all'], regionCode: null }),
});
const partner = (await created.json()) as { id: string; key: string; secret: string };
const headers = {
  'content-type': 'application/json',
  'x-experience-api-version': '1.0.3',
  authorization: 'Basic ' + Buffer.from(`${partner.key}:${partner.secret}`).toString('base64'),
};

const bodies = Array.from({ length: BATCHES }, (_, b) => JSON.stringify(Array.from({ length: BATCH }, (_, i) => statement(b * BATCH + i))));
// warm-up: one batch, not counted
await fetch(`${base}/xapi/statements`, { method: 'POST', headers, body: JSON.stringify(Array.from({ length: BATCH }, (_, i) => statement(i))) }).then((r) =>
  r.arrayBuffer(),
);

const latencies: number[] = [];
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const t0 = performance.now();
      const res = await fetch(`${base}/xapi/statements`, { method: 'POST', headers, body });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`batch failed: ${res.status}`);
      latencies.push(performance.now() - t0);
    }
  }),
);
const httpSeconds = (performance.now() - started) / 1000;
const statementsPerSecond = (BATCHES * BATCH) / httpSeconds;
latencies.sort((a, b) => a - b);
const p99 = latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)];

// The machine's limit: the same kind of rows inserted straight into the table in batches of 100, same concurrency.
const stored = new Date();
const rows = Array.from({ length: BATCHES }, (_, b) =>
  Array.from({ length: BATCH }, (_, i) => {
    const s = { ...statement(b * BATCH + i), stored: stored.toISOString(), version: '1.0.0' };
    return {
      id: s.id,
      partnerId: partner.id,
      verbId: s.verb.id,
      actorKey: `mbox:${s.actor.mbox}`,
      agentKeys: [`mbox:${s.actor.mbox}`],
      relatedAgentKeys: [`mbox:${s.actor.mbox}`],
      activityId: s.object.id,
      relatedActivityIds: [s.object.id, 'https://learn.example.com/programmes/tea'],
      registration: s.context.registration,
      refStatementId: null,
      voided: false,
      stored,
      attachmentHashes: [],
      statement: s,
    };
  }),
);
let nextRows = 0;
const dbStarted = performance.now();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (nextRows < rows.length) {
      const batch = rows[nextRows++];
      await database.db.transaction(async (tx) => {
        await tx.insert(xapiStatements).values(batch);
      });
    }
  }),
);
const dbPerSecond = (BATCHES * BATCH) / ((performance.now() - dbStarted) / 1000);

if (platform) await platform.app.close();
if (server) {
  const exited = new Promise((r) => server!.once('exit', r));
  server.kill('SIGTERM');
  await exited;
}
await database.close();
await drop();

console.log(
  `engine ${engine}, ${SERVED ? `served by its own process${COMPILED ? ' (compiled)' : ''}` : 'served in this process'}: ${BATCHES} batches of ${BATCH} statements, ${CONCURRENCY} concurrent partners' requests`,
);
console.log(
  `HTTP intake   ${statementsPerSecond.toFixed(0).padStart(7)} statements/s   p50 ${latencies[Math.floor(latencies.length / 2)].toFixed(1)} ms, p99 ${p99.toFixed(1)} ms per batch`,
);
console.log(
  `direct insert ${dbPerSecond.toFixed(0).padStart(7)} statements/s   (machine limit; HTTP intake is ${((statementsPerSecond / dbPerSecond) * 100).toFixed(0)}% of it)`,
);
console.log(
  JSON.stringify({
    engine,
    served: SERVED,
    compiled: COMPILED,
    batches: BATCHES,
    batchSize: BATCH,
    concurrency: CONCURRENCY,
    statementsPerSecond: Math.round(statementsPerSecond),
    p99BatchMs: Number(p99.toFixed(1)),
    directInsertStatementsPerSecond: Math.round(dbPerSecond),
    ratio: Number((statementsPerSecond / dbPerSecond).toFixed(3)),
  }),
);
process.exit(0);
