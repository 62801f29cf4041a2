// The portal's reads under a crowd (issue 20): a catalogue of 2,000 published classes and events spread over
// the demo district's 18 streets and 178 communities (a bench seed, not the demo), served by the platform as
// `npm start` runs it (its own process or processes), loaded with wrk at 100 connections. Every figure is
// printed next to the machine's own limits measured in the same run: a bare Fastify hello-world (one
// process, same wrk settings) and pgbench running the catalogue's list query. Prints a table and one JSON
// line; asserts nothing.
//   npm run bench:catalog -- --engine pglite|postgres [--seconds 5] [--connections 100] [--workers N] [--encoding identity] [--only TEXT] [--settle SECONDS]
// (`--only 'enrolment-status|my enrolments'`: only the reads whose name contains one of the texts, with the
// hello-world figure as always; `--settle 75`: wait that long after the platform is up before the warm-up, past
// its scheduler's first tick 30 s after start, which on a fresh database finds every periodic task due at once,
// the five-minutely indicator refresh among them: measured inside that tick, a row's p99 is the refresh's)
// Needs wrk (`apt-get install wrk`) and, for the PostgreSQL limit, pgbench.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../src/server/db/client';
import { createPlatform } from '../src/server/platform';
import { rowsOf } from '../src/server/kernel/rate-limit';
import { buildSearchText } from '../src/server/kernel/search-text';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const engine = arg('engine', process.env.DATABASE_URL ? 'postgres' : 'pglite');
if (engine !== 'pglite' && engine !== 'postgres') throw new Error('--engine pglite|postgres');
const SECONDS = Number(arg('seconds', '5'));
const CONNECTIONS = Number(arg('connections', '100'));
const OFFERINGS = Number(arg('offerings', '2000'));
const WORKERS = arg('workers', '');
const SETTLE_SECONDS = Number(arg('settle', '0'));
// What a phone's browser sends; `--encoding identity` measures uncompressed answers.
const ENCODING = arg('encoding', 'gzip, deflate, br');
const PORT = Number(arg('port', String(42000 + Math.floor(Math.random() * 900))));
const HELLO_PORT = PORT + 1;
const ADMIN_PASSWORD = 'Bench#2026catalog';
const dataKey = randomBytes(32).toString('hex');
const base = `http://127.0.0.1:${PORT}`;
const pgUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `learncity_bench_${randomBytes(4).toString('hex')}`;
const benchUrl = (() => {
  const u = new URL(pgUrl);
  u.pathname = '/' + dbName;
  return u.toString();
})();
const dataDir = mkdtempSync(join(tmpdir(), 'learncity-catalog-'));
const uuidOf = (s: string) =>
  createHash('md5')
    .update(s)
    .digest('hex')
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

async function adminQuery(text: string) {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const TOPICS = [
  '书法',
  '太极拳',
  '合唱',
  '摄影',
  '智能手机',
  '国画',
  '舞蹈',
  '英语口语',
  '养生保健',
  '烹饪',
  '戏曲',
  '钢琴',
  '剪纸',
  '茶艺',
  '防诈骗',
  '手工编织',
];
const LEVELS = ['入门班', '提高班', '兴趣班', '讲座', '体验课'];

/** 2,000 published offerings over every community, each with ten sessions; one resident with a session. */
async function seed(): Promise<{ offeringId: string; residentCookie: string }> {
  if (engine === 'postgres') await adminQuery(`create database ${dbName}`);
  const database: Database = engine === 'postgres' ? await openDatabase({ url: benchUrl }) : await openDatabase({ dataDir: join(dataDir, 'pglite') });
  const platform = await createPlatform({
    database,
    dataKey: Buffer.from(dataKey, 'hex'),
    filesDir: join(dataDir, 'files'),
    logLevel: 'silent',
    webRoot: '/nonexistent',
  });
  await platform.initialize({ district: '330105', adminPassword: ADMIN_PASSWORD, loadDemo: false });
  const db = platform.db;
  const communities = rowsOf<{ code: string }>(
    await db.execute(sql`select code from regions where length(code) = 12 and code like '330105%' order by code`),
  ).map((r) => r.code);
  const categories = rowsOf<{ code: string; name_zh: string }>(
    await db.execute(sql`select code, name_zh from course_categories where active order by code limit 12`),
  );
  const t0 = performance.now();
  for (let i = 0; i < OFFERINGS; i++) {
    const id = uuidOf(`bench-catalog-${i}`);
    const topic = TOPICS[i % TOPICS.length];
    const title = `${topic}${LEVELS[i % LEVELS.length]} ${Math.floor(i / TOPICS.length) + 1}`;
    const cat = categories[i % categories.length];
    const region = communities[i % communities.length];
    const kind = i % 5 === 4 ? 'event' : 'class';
    const weekday = (i % 7) + 1;
    await db.execute(sql`insert into offerings (id, kind, title, description, category_code, mode, region_code, capacity, seats_taken, enrolment_mode,
        enrolment_opens_at, enrolment_closes_at, status, search_text, first_starts_at, last_ends_at, total_hours, weekdays, day_parts, published_at, created_at, updated_at)
      values (${id}, ${kind}, ${title}, ${'面向社区居民的' + topic + '课程，每周一次，由社区学校组织。'}, ${cat.code}, 'offline', ${region}, ${20 + (i % 30)}, ${i % 17}, 'first_come',
        now() - interval '1 day', now() + interval '20 days', 'published', ${buildSearchText(title, cat.name_zh)},
        now() + interval '21 days', now() + interval '84 days', 20, ${JSON.stringify([weekday])}::jsonb, '["morning"]'::jsonb, now(), now(), now())`);
    await db.execute(sql`insert into offering_sessions (id, offering_id, seq, starts_at, ends_at, hours, status)
      select md5(${id} || '-' || s)::uuid, ${id}, s, now() + (21 + 7 * (s - 1)) * interval '1 day', now() + (21 + 7 * (s - 1)) * interval '1 day' + interval '2 hours', 2, 'scheduled'
      from generate_series(1, 10) s`);
  }
  // One resident at home in the first community, signed in (token bench-resident), enrolled in three classes.
  const userId = uuidOf('bench-catalog-resident');
  await db.execute(
    sql`insert into users (id, kind, username, phone, display_name, password_hash, status) values (${userId}, 'resident', 'r13000000001', '13000000001', '学员', 'x', 'active')`,
  );
  await db.execute(sql`insert into residents (user_id, real_name, id_number_encrypted, id_number_hash, id_number_masked, birth_year, sex, home_region_code)
    values (${userId}, '学员', 'x', md5('bench-catalog-id'), '330***********0000', 1956, 'female', ${communities[0]})`);
  await db.execute(
    sql`insert into sessions (token_hash, user_id, created_at, expires_at) values (encode(sha256(convert_to('bench-resident', 'UTF8')), 'hex'), ${userId}, now(), now() + interval '1 day')`,
  );
  console.log(`seeded ${OFFERINGS} offerings over ${communities.length} communities in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await platform.app.close();
  await database.close();
  return { offeringId: uuidOf('bench-catalog-0'), residentCookie: 'lc_session=bench-resident' };
}

// ---------------------------------------------------------------------------------------------------
let server: ChildProcess | null = null;
let hello: ChildProcess | null = null;
async function waitFor(url: string, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited: ${log().slice(-2000)}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`did not start: ${log().slice(-2000)}`);
}
async function startServer() {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(PORT),
    HOST: '127.0.0.1',
    LEARNCITY_DEMO: '0',
    LEARNCITY_DATA_KEY: dataKey,
    LEARNCITY_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LEARNCITY_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  };
  if (WORKERS) env.LEARNCITY_WORKERS = WORKERS;
  if (engine === 'postgres') env.DATABASE_URL = benchUrl;
  else delete env.DATABASE_URL;
  let log = '';
  // `BENCH_CPU_PROF=<dir>`: a CPU profile of each server process, as in bench/enrol.ts.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  server = spawn(process.execPath, [...profile, '--import', 'tsx', 'src/server/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (d) => {
    log += d;
  });
  server.stderr!.on('data', (d) => {
    log += d;
  });
  await waitFor(`${base}/healthz`, server, () => log);
}
async function startHello() {
  const code = `const f = require('fastify')(); f.get('/', async () => ({ hello: 'world' })); f.listen({ port: ${HELLO_PORT}, host: '127.0.0.1' });`;
  hello = spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
  await waitFor(`http://127.0.0.1:${HELLO_PORT}/`, hello, () => '');
}
async function stop(child: ChildProcess | null) {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

interface Figure {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  kbPerReq: number;
}
function wrk(url: string, headers: Record<string, string> = {}): Figure {
  const args = [
    '-t2',
    `-c${CONNECTIONS}`,
    `-d${SECONDS}s`,
    '--latency',
    ...Object.entries({ 'Accept-Encoding': ENCODING, ...headers }).flatMap(([k, v]) => ['-H', `${k}: ${v}`]),
    url,
  ];
  const out = spawnSync('wrk', args, { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`wrk failed: ${out.stderr}`);
  const text = out.stdout;
  const ms = (v: string, unit: string) => Number(v) * ({ us: 0.001, ms: 1, s: 1000 } as Record<string, number>)[unit];
  const lat = (p: string) => {
    const m = text.match(new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`));
    return m ? ms(m[1], m[2]) : NaN;
  };
  const rps = Number(text.match(/Requests\/sec:\s+([\d.]+)/)?.[1] ?? NaN);
  const requests = Number(text.match(/(\d+) requests in/)?.[1] ?? 0);
  const readMatch = text.match(/requests in [\d.]+\w+, ([\d.]+)(B|KB|MB|GB) read/);
  const bytes = readMatch ? Number(readMatch[1]) * ({ B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 } as Record<string, number>)[readMatch[2]] : 0;
  const non2xx = Number(text.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0);
  const errors = (text.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/)?.slice(1) ?? []).reduce((a, b) => a + Number(b), 0);
  return { rps, p50Ms: lat('50'), p99Ms: lat('99'), non2xx, errors, kbPerReq: requests ? bytes / requests / 1024 : 0 };
}

/** pgbench with the catalogue's list query (the first page of published offerings not yet ended). */
function pgbenchLimit(): number | null {
  if (engine !== 'postgres') return null;
  const script = join(dataDir, 'catalog.sql');
  writeFileSync(
    script,
    `select id, title, region_code, capacity, seats_taken, first_starts_at from offerings where status = 'published' and (last_ends_at is null or last_ends_at > now()) order by first_starts_at, id limit 20;\n`,
  );
  const out = spawnSync('pgbench', ['-n', '-c', '32', '-j', '2', '-T', String(SECONDS), '-f', script, benchUrl], { encoding: 'utf8' });
  return Number(out.stdout.match(/tps = ([\d.]+)/)?.[1] ?? NaN);
}

// ---------------------------------------------------------------------------------------------------
const { offeringId, residentCookie } = await seed();
await startHello();
const helloFigure = wrk(`http://127.0.0.1:${HELLO_PORT}/`);
await stop(hello);
const pgbenchTps = pgbenchLimit();
await startServer();
const signedIn = { cookie: residentCookie };
const q = encodeURIComponent('书法');
const targets: { group: 'catalogue' | 'portal'; name: string; path: string; headers?: Record<string, string> }[] = [
  { group: 'catalogue', name: 'list, anonymous', path: '/api/catalog/offerings' },
  { group: 'catalogue', name: 'list, signed in (near home)', path: '/api/catalog/offerings', headers: signedIn },
  { group: 'catalogue', name: 'search 书法, anonymous', path: `/api/catalog/offerings?q=${q}` },
  { group: 'catalogue', name: 'search 书法, signed in', path: `/api/catalog/offerings?q=${q}`, headers: signedIn },
  { group: 'catalogue', name: 'offering page, anonymous', path: `/api/catalog/offerings/${offeringId}` },
  { group: 'catalogue', name: 'offering page, signed in', path: `/api/catalog/offerings/${offeringId}`, headers: signedIn },
  { group: 'portal', name: 'home: /api/auth/me', path: '/api/auth/me', headers: signedIn },
  { group: 'portal', name: 'home: /api/notifications/unread-count', path: '/api/notifications/unread-count', headers: signedIn },
  { group: 'portal', name: 'home: /api/regions', path: '/api/regions' },
  { group: 'portal', name: 'catalogue: /api/course-categories', path: '/api/course-categories' },
  { group: 'portal', name: 'catalogue: /api/catalog/campaigns', path: '/api/catalog/campaigns' },
  { group: 'portal', name: 'catalogue: /api/regions/330105/children', path: '/api/regions/330105/children' },
  { group: 'portal', name: 'offering: enrolment-status', path: `/api/offerings/${offeringId}/enrolment-status`, headers: signedIn },
  { group: 'portal', name: 'my enrolments: /api/enrolments', path: '/api/enrolments', headers: signedIn },
  { group: 'portal', name: 'messages: /api/notifications', path: '/api/notifications', headers: signedIn },
  { group: 'portal', name: 'archive: /api/me/learning-records', path: '/api/me/learning-records', headers: signedIn },
  { group: 'portal', name: 'archive: /api/me/points', path: '/api/me/points', headers: signedIn },
  { group: 'portal', name: 'credits: /api/me/credits', path: '/api/me/credits', headers: signedIn },
  { group: 'portal', name: 'credits: /api/me/credit-entries', path: '/api/me/credit-entries', headers: signedIn },
];
const ONLY = arg('only', '');
if (ONLY) targets.splice(0, targets.length, ...targets.filter((t) => ONLY.split('|').some((o) => t.name.includes(o))));
for (const t of targets) {
  const res = await fetch(base + t.path, { headers: t.headers });
  if (!res.ok) throw new Error(`${t.path}: ${res.status} ${await res.text()}`);
}
// Warm-up under load (every worker started and compiled its hot paths), not measured.
await new Promise((resolve) => setTimeout(resolve, SETTLE_SECONDS * 1000));
wrk(base + targets[0].path);
const results = targets.map((t) => ({ ...t, ...wrk(base + t.path, t.headers) }));
await stop(server);
if (engine === 'postgres') await adminQuery(`drop database if exists ${dbName} with (force)`);
rmSync(dataDir, { recursive: true, force: true });

console.log(
  `\nengine ${engine}; workers ${WORKERS || 'default'}; settled ${SETTLE_SECONDS} s; wrk -t2 -c${CONNECTIONS} -d${SECONDS}s; Accept-Encoding: ${ENCODING}; ${OFFERINGS} offerings`,
);
console.log(
  `machine limits, same run: bare Fastify hello-world ${helloFigure.rps.toFixed(0)} req/s (p99 ${helloFigure.p99Ms.toFixed(1)} ms)` +
    (pgbenchTps ? `; pgbench, the list query, 32 clients: ${pgbenchTps.toFixed(0)} tps` : ''),
);
console.log('| request | req/s | % of hello-world | p50 ms | p99 ms | KB/answer | non-2xx | errors |\n|---|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(
    `| ${r.group}: ${r.name} | ${r.rps.toFixed(0)} | ${((r.rps / helloFigure.rps) * 100).toFixed(1)} % | ${r.p50Ms.toFixed(1)} | ${r.p99Ms.toFixed(1)} | ${r.kbPerReq.toFixed(1)} | ${r.non2xx} | ${r.errors} |`,
  );
}
console.log(
  JSON.stringify({
    engine,
    workers: WORKERS || 'default',
    encoding: ENCODING,
    hello: helloFigure,
    pgbenchTps,
    results: results.map(({ headers: _h, ...r }) => r),
  }),
);
process.exit(0);
