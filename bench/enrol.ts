// A flash crowd on first-come enrolment (issue 4): N attempts by N distinct residents for M seats across
// 50 classes of skewed popularity, arriving within a few seconds over HTTP on loopback, against a server
// in its own process. Prints throughput, latency, errors, and the two invariants — seats oversold and
// acknowledged enrolments missing afterwards — next to the machine's limits measured in the same run
// (pgbench's single-row conditional update on the same PostgreSQL, or the same update on PGlite; a bare
// Fastify hello-world in its own process, loaded by the same lean client as the crowd: bench/lean-http.ts).
// `--crash` kills the server with SIGKILL three times mid-run and restarts it;
// clients retry with the same Idempotency-Key. Ends with one JSON line; asserts nothing.
//   npm run bench:enrol -- --engine pglite|postgres [--attempts 36000] [--seats 2000] [--seconds 10] [--warmup 4000] [--connections 256] [--crash] [--compiled] [--probe]
// `--compiled`: the server as production runs it (`node dist/server/main.js`, NODE_ENV=production; run
// `npm run build:server` first) instead of under tsx; either way the peak RSS of each server process is printed,
// and the server's CPU per attempt next to the hello-world's CPU per request (a ratio that a busy machine moves
// less than it moves req/s). `--probe` (needs wrk): after the crowd, the CPU of one refused attempt and of
// /healthz, each sent by wrk for BENCH_PROBE_SECONDS (5).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../src/server/db/client';
import { createPlatform } from '../src/server/platform';
import { rowsOf } from '../src/server/kernel/rate-limit';
import { createSessionSealer } from '../src/server/modules/accounts/session-token';
import { LeanHttpPool, type LeanAnswer } from './lean-http';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const engine = arg('engine', process.env.DATABASE_URL ? 'postgres' : 'pglite');
if (engine !== 'pglite' && engine !== 'postgres') throw new Error('--engine pglite|postgres');
const ATTEMPTS = Number(arg('attempts', '36000'));
const SEATS = Number(arg('seats', '2000'));
const CLASSES = Number(arg('classes', '50'));
const SECONDS = Number(arg('seconds', '10'));
const CONNECTIONS = Number(arg('connections', '256'));
// A platform on enrolment day has been serving for hours: its code is compiled by V8's optimiser and its caches
// hold the classes. Before the crowd, WARMUP other residents try 10 other classes (a tenth of them get a seat)
// over 3 s, not measured; without it the crowd's first seconds measured the server's start (bench/README.md).
const WARMUP = Number(arg('warmup', '4000'));
const CRASH = process.argv.includes('--crash');
const COMPILED = process.argv.includes('--compiled');
const PROBE = process.argv.includes('--probe');
if (COMPILED && spawnSync('test', ['-f', 'dist/server/main.js']).status !== 0)
  throw new Error('--compiled: run `npm run build:server` first (dist/server/main.js is missing)');
const PORT = Number(arg('port', String(41000 + Math.floor(Math.random() * 900))));
const ADMIN_PASSWORD = 'Bench#2026enrol';
const dataKey = randomBytes(32).toString('hex');
const base = `http://127.0.0.1:${PORT}`;
const enrolPath = (offeringId: string) => `/api/offerings/${offeringId}/enrolments`;

// ---------------------------------------------------------------------------------------------------
// The database: a new PostgreSQL database next to DATABASE_URL, or a PGlite directory, dropped after.
const pgUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `learncity_bench_${randomBytes(4).toString('hex')}`;
const benchUrl = (() => {
  const u = new URL(pgUrl);
  u.pathname = '/' + dbName;
  return u.toString();
})();
const dataDir = mkdtempSync(join(tmpdir(), 'learncity-enrol-'));

async function adminQuery(text: string) {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function openBenchDatabase(): Promise<Database> {
  if (engine === 'postgres') return openDatabase({ url: benchUrl });
  return openDatabase({ dataDir: join(dataDir, 'pglite') });
}

const userIdOf = (i: number) =>
  createHash('md5')
    .update(`bench-user-${i}`)
    .digest('hex')
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
/** Each resident's session cookie, sealed as signing in seals it (accounts/session-token.ts); index = resident number. */
const sessionTokens: string[] = [];

/** Residents with sessions, one venue-less class per row: all straight in SQL. */
async function seed(): Promise<{ offerings: { id: string; capacity: number }[]; warmupClasses: { id: string; capacity: number }[] }> {
  if (engine === 'postgres') await adminQuery(`create database ${dbName}`);
  const database = await openBenchDatabase();
  const platform = await createPlatform({
    database,
    dataKey: Buffer.from(dataKey, 'hex'),
    filesDir: join(dataDir, 'files'),
    logLevel: 'silent',
    webRoot: '/nonexistent',
  });
  await platform.initialize({ district: '330105', adminPassword: ADMIN_PASSWORD, loadDemo: false });
  const db = platform.db;
  const sealer = createSessionSealer(Buffer.from(dataKey, 'hex'));
  const [community] = rowsOf<{ code: string }>(await db.execute(sql`select code from regions where length(code) = 12 order by code limit 1`));
  const t0 = performance.now();
  for (let from = 1; from <= ATTEMPTS + WARMUP; from += 20_000) {
    const to = Math.min(ATTEMPTS + WARMUP, from + 19_999);
    await db.execute(sql`insert into users (id, kind, username, phone, display_name, password_hash, status)
      select md5('bench-user-' || i)::uuid, 'resident', 'r' || (13000000000 + i), (13000000000 + i)::text, '学员' || i, 'x', 'active'
      from generate_series(${from}::int, ${to}::int) i`);
    await db.execute(sql`insert into residents (user_id, real_name, id_number_encrypted, id_number_hash, id_number_masked, birth_year, sex, home_region_code)
      select md5('bench-user-' || i)::uuid, '学员' || i, 'x', md5('bench-id-' || i), '330***********0000', 1955 + (i % 20), 'female', ${community.code}
      from generate_series(${from}::int, ${to}::int) i`);
    const sealedAt = Date.now();
    const hashes: string[] = [];
    const ids: string[] = [];
    for (let i = from; i <= to; i++) {
      sessionTokens[i] = sealer.seal({
        userId: userIdOf(i),
        username: `r${13000000000 + i}`,
        displayName: `学员${i}`,
        homeRegionCode: community.code,
        locale: 'zh-CN',
        sealedAt,
        expiresAt: sealedAt + 86_400_000,
      });
      hashes.push(createHash('sha256').update(sessionTokens[i]).digest('hex'));
      ids.push(userIdOf(i));
    }
    await db.execute(sql`insert into sessions (token_hash, user_id, created_at, expires_at)
      select unnest(${`{${hashes.join(',')}}`}::text[]), unnest(${`{${ids.join(',')}}`}::uuid[]), now(), now() + interval '1 day'`);
  }
  const offerings = await createClasses(platform, community.code, 'bench-offering', '书法班', CLASSES, SEATS);
  const warmupClasses = WARMUP ? await createClasses(platform, community.code, 'bench-warmup', '暖场班', 10, Math.ceil(WARMUP / 10)) : [];
  console.log(
    `seeded ${ATTEMPTS + WARMUP} residents with sessions, ${offerings.length} classes (${offerings.reduce((n, o) => n + o.capacity, 0)} seats) and ${warmupClasses.length} for the warm-up in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  await platform.app.close();
  await database.close();
  return { offerings, warmupClasses };
}

/** `count` first-come classes whose seats add up to `seats`, open for enrolment now. */
async function createClasses(
  platform: Awaited<ReturnType<typeof createPlatform>>,
  community: string,
  idPrefix: string,
  title: string,
  count: number,
  seats: number,
) {
  const perClass = Math.floor(seats / count);
  const offerings: { id: string; capacity: number }[] = [];
  for (let i = 0; i < count; i++) {
    const capacity = perClass + (i < seats - perClass * count ? 1 : 0);
    const id = createHash('md5')
      .update(`${idPrefix}-${i}`)
      .digest('hex')
      .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
    await platform.db.execute(sql`insert into offerings (id, kind, title, category_code, mode, region_code, capacity, enrolment_mode,
        enrolment_opens_at, enrolment_closes_at, status, search_text, created_at, updated_at)
      values (${id}, 'class', ${title + ' ' + (i + 1)}, 'SHUHUA', 'offline', ${community}, ${capacity}, 'first_come',
        now() - interval '1 hour', now() + interval '1 day', 'published', '', now(), now())`);
    offerings.push({ id, capacity });
  }
  return offerings;
}

// ---------------------------------------------------------------------------------------------------
// The server in its own process, so it can be killed.
let server: ChildProcess | null = null;
let serverLog = '';
async function startServer(): Promise<void> {
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
  if (engine === 'postgres') env.DATABASE_URL = benchUrl;
  else delete env.DATABASE_URL;
  const logFrom = serverLog.length;
  if (COMPILED) env.NODE_ENV = 'production';
  const entry = COMPILED ? ['dist/server/main.js'] : ['--import', 'tsx', 'src/server/main.ts'];
  server = spawn(process.execPath, [...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_CPU_PROF] : []), ...entry], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (d) => {
    serverLog += d;
  });
  server.stderr!.on('data', (d) => {
    serverLog += d;
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited: ${serverLog.slice(-2000)}`);
    // Every worker listening (the supervisor says so), else the first takes all the crowd's connections.
    const allListening = /worker(s)? listening/.test(serverLog.slice(logFrom)) || process.env.LEARNCITY_WORKERS === '0';
    try {
      if (allListening && (await fetch(`${base}/healthz`)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start: ${serverLog.slice(-2000)}`);
}
async function killServer(signal: NodeJS.Signals) {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((r) => server!.once('exit', r));
  server.kill(signal);
  await exited;
}

// ---------------------------------------------------------------------------------------------------
// The crowd: attempt i arrives at i × SECONDS / ATTEMPTS; latency counts from the arrival, so time spent
// waiting for a free connection is the user's wait too.
const crowdPool = new LeanHttpPool('127.0.0.1', PORT, CONNECTIONS);
function post(path: string, headers: Record<string, string>, body: string): Promise<LeanAnswer> {
  return crowdPool.request('POST', path, { ...headers, 'content-type': 'application/json', origin: base }, body);
}

/** Zipf-like popularity: class k is chosen with weight 1 / (k + 1). */
function popularityPicker(n: number) {
  const weights = Array.from({ length: n }, (_, k) => 1 / (k + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  weights.reduce((acc, w, k) => (cumulative[k] = acc + w / total), 0);
  let state = 20261201;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  return () => {
    const r = random();
    const k = cumulative.findIndex((c) => r <= c);
    return k < 0 ? n - 1 : k;
  };
}

interface Outcome {
  /** Arrival, ms after the crowd's start. */
  at: number;
  latencyMs: number;
  /** The server's part of it: from the request's write on a socket to its answer (undefined for network errors). */
  serviceMs?: number;
  status: number;
  enrolmentId?: string;
  offeringId: string;
  retries: number;
}

/** The largest resident set size seen per server process (the supervisor and its workers), in MB. */
const peakRssMb = new Map<number, number>();
/**
 * A process's CPU ticks from /proc/PID/stat (Linux): its own user + system time, and with `ended` also that of its
 * children that have exited; null when it is gone or (with `command`) runs another command.
 */
function cpuTicks(pid: number | string, { ended = false, command }: { ended?: boolean; command?: string } = {}): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (command && !stat.includes(` (${command}) `)) return null;
    // Fields after the command's closing parenthesis: utime, stime, cutime and cstime are the 12th to 15th.
    const fields = stat.split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]) + (ended ? Number(fields[13]) + Number(fields[14]) : 0);
  } catch {
    return null; // the process just ended
  }
}

/** CPU seconds (user + system) a process and its children have used so far. */
function cpuSeconds(pid: number | undefined): number {
  return withChildren(pid).reduce((sum, p) => sum + (cpuTicks(p) ?? 0), 0) / 100;
}

/**
 * CPU seconds the PostgreSQL server on this machine has used so far: every `postgres` process's own and its ended
 * children's (the postmaster keeps the time of backends that have exited). Zero without a local server; it counts
 * whatever else the server runs, so read it on a quiet machine.
 */
function databaseCpuSeconds(): number {
  const pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  return pids.reduce((sum, p) => sum + (cpuTicks(p, { ended: true, command: 'postgres' }) ?? 0), 0) / 100;
}

/** A process and its children (the supervisor and its workers). */
// Read from /proc, not by running `pgrep`: a process spawned from the bench blocks its event loop for the fork
// (tens of ms with the crowd's heap), and the RSS sampling ran it four times a second in the middle of the crowd,
// holding every one of the crowd's connections that long.
function withChildren(pid: number | undefined): number[] {
  if (!pid) return [];
  try {
    return [pid, ...readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number)];
  } catch {
    return [pid];
  }
}

function sampleServerRss() {
  for (const pid of withChildren(server?.pid)) {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      peakRssMb.set(pid, Math.max(peakRssMb.get(pid) ?? 0, Math.round(kb / 1024)));
    } catch {
      /* the process just ended */
    }
  }
}

/** WARMUP attempts by residents after the crowd's on the warm-up classes, over 3 s; then 2 s of rest. */
async function warmUp(classes: { id: string }[]) {
  if (!WARMUP) return;
  await Promise.all(
    Array.from({ length: WARMUP }, async (_, i) => {
      await new Promise((r) => setTimeout(r, (i * 3000) / WARMUP));
      const resident = ATTEMPTS + 1 + i;
      const offeringId = classes[i % classes.length].id;
      await post(enrolPath(offeringId), { cookie: `lc_session=${sessionTokens[resident]}`, 'idempotency-key': `warmup-${resident}` }, '{}').catch(
        () => undefined,
      );
    }),
  );
  await new Promise((r) => setTimeout(r, 2000));
}

let serverCpu = 0;
let databaseCpu = 0;
async function runCrowd(offerings: { id: string }[]) {
  const pick = popularityPicker(offerings.length);
  const plan = Array.from({ length: ATTEMPTS }, (_, i) => ({ resident: i + 1, offeringId: offerings[pick()].id, at: (i * SECONDS * 1000) / ATTEMPTS }));
  const outcomes: Outcome[] = [];
  let crashing: Promise<void> = Promise.resolve();
  const crashes: number[] = [];
  const started = performance.now();
  if (CRASH) {
    for (const fraction of [0.25, 0.5, 0.75]) {
      setTimeout(
        () => {
          crashes.push(performance.now() - started);
          crashing = (async () => {
            await killServer('SIGKILL');
            await startServer();
          })();
        },
        SECONDS * 1000 * fraction,
      );
    }
  }
  const rssTimer = setInterval(sampleServerRss, 250);
  const serverCpuBefore = cpuSeconds(server?.pid);
  const databaseCpuBefore = databaseCpuSeconds();
  await Promise.all(
    plan.map(async ({ resident, offeringId, at }) => {
      await new Promise((r) => setTimeout(r, at));
      const arrival = performance.now();
      const headers = { cookie: `lc_session=${sessionTokens[resident]}`, 'idempotency-key': `bench-${resident}-${offeringId}` };
      for (let retries = 0; ; retries++) {
        try {
          const res = await post(enrolPath(offeringId), headers, '{}');
          // 502/503 while a crashed server restarts are retried like a network error.
          if (CRASH && res.status >= 502 && retries < 20) throw new Error(`status ${res.status}`);
          let enrolmentId: string | undefined;
          if (res.status < 300) {
            try {
              enrolmentId = JSON.parse(res.body).id;
            } catch {
              /* counted below */
            }
          }
          outcomes.push({
            at: arrival - started,
            latencyMs: performance.now() - arrival,
            serviceMs: res.serviceMs,
            status: res.status,
            enrolmentId,
            offeringId,
            retries,
          });
          return;
        } catch {
          if (!CRASH || retries >= 20) {
            outcomes.push({ at: arrival - started, latencyMs: performance.now() - arrival, status: 0, offeringId, retries });
            return;
          }
          await crashing;
          await new Promise((r) => setTimeout(r, 50 + Math.random() * 200));
        }
      }
    }),
  );
  await crashing;
  clearInterval(rssTimer);
  // With --crash the killed workers' CPU is lost from the count, so it is only reported without.
  serverCpu = cpuSeconds(server?.pid) - serverCpuBefore;
  databaseCpu = databaseCpuSeconds() - databaseCpuBefore;
  return { outcomes, seconds: (performance.now() - started) / 1000, crashes };
}

// ---------------------------------------------------------------------------------------------------
// `--probe`: after the crowd every class is full; wrk (C, so its own cost stays out of the server's) sends one
// refused resident's attempt again and again, then the platform's /healthz, for 5 s each, and the server's CPU
// per answer is read from /proc. This is the cost of the answer most of a crowd gets, next to the cheapest
// answer the same server gives.
function probeRefusalCost(outcomes: Outcome[]) {
  const refused = outcomes.findIndex((o) => o.status >= 400 && o.status < 500);
  if (refused < 0 || spawnSync('sh', ['-c', 'command -v wrk']).status !== 0) return null;
  const resident = refused + 1;
  const { offeringId } = outcomes[refused];
  const script = join(dataDir, 'refusal.lua');
  const headers = {
    cookie: `lc_session=${sessionTokens[resident]}`,
    'idempotency-key': `bench-${resident}-${offeringId}`,
    'content-type': 'application/json',
    origin: base,
  };
  writeFileSync(
    script,
    `wrk.method = "POST"\nwrk.body = "{}"\n${Object.entries(headers)
      .map(([k, v]) => `wrk.headers["${k}"] = "${v}"`)
      .join('\n')}\n`,
  );
  const measure = (url: string, extra: string[] = []) => {
    const before = cpuSeconds(server?.pid);
    const out = spawnSync('wrk', ['-t1', '-c32', `-d${process.env.BENCH_PROBE_SECONDS ?? 5}s`, ...extra, url], { encoding: 'utf8' }).stdout;
    const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
    const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
    return {
      perSecond: Math.round(Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0)),
      cpuMsPerRequest: requests ? Number((((cpuSeconds(server?.pid) - before) * 1000) / requests).toFixed(3)) : null,
      non2xx,
    };
  };
  const refusalUrl = `${base}${enrolPath(offeringId)}`;
  measure(refusalUrl, ['-s', script]); // a first round warms up what the crowd left cold
  // The crowd's refusals each come from a resident seen for the first time: the same answer sent by every
  // refused resident in turn (their own cookie, key and class), as the crowd sends it.
  const crowdScript = join(dataDir, 'refusals.lua');
  const refusedAttempts = outcomes.flatMap((o, i) => (o.status >= 400 && o.status < 500 ? [{ resident: i + 1, offeringId: o.offeringId }] : []));
  writeFileSync(
    crowdScript,
    `local attempts = {\n${refusedAttempts
      .map((a) => `{"${enrolPath(a.offeringId)}", "lc_session=${sessionTokens[a.resident]}", "bench-${a.resident}-${a.offeringId}"}`)
      .join(
        ',\n',
      )}\n}\nlocal i = 0\nrequest = function()\n  i = i % #attempts + 1\n  local a = attempts[i]\n  return wrk.format("POST", a[1], { ["cookie"] = a[2], ["idempotency-key"] = a[3], ["content-type"] = "application/json", ["origin"] = "${base}" }, "{}")\nend\n`,
  );
  return {
    refusal: measure(refusalUrl, ['-s', script]),
    crowdRefusals: { ...measure(refusalUrl, ['-s', crowdScript]), residents: refusedAttempts.length },
    healthz: measure(`${base}/healthz`),
  };
}

// ---------------------------------------------------------------------------------------------------
// The machine's limits in the same run.
let helloCpuMsPerRequest = 0;
async function helloWorldLimit(): Promise<number> {
  // In its own process, as the platform's workers are, and loaded by the same client as the crowd.
  const helloPort = PORT + 1;
  const hello = spawn(
    process.execPath,
    [
      '-e',
      `const f = require('fastify')(); f.post('/', async () => ({ hello: 'world' })); f.listen({ port: ${helloPort}, host: '127.0.0.1' }, () => console.log('ready'))`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise((resolve) => hello.stdout!.once('data', resolve));
  const pool = new LeanHttpPool('127.0.0.1', helloPort, 64);
  const cpuBefore = cpuSeconds(hello.pid);
  let done = 0;
  const until = performance.now() + 3000;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (performance.now() < until) {
        await pool.request('POST', '/', { 'content-type': 'application/json' }, '{}');
        done++;
      }
    }),
  );
  helloCpuMsPerRequest = ((cpuSeconds(hello.pid) - cpuBefore) * 1000) / done;
  pool.destroy();
  hello.kill();
  return done / 3;
}

/** pgbench: the same conditional single-row update (`seats_taken + 1 where seats_taken < capacity`) on 50 rows. */
function pgbenchLimit(): number | null {
  const bin = spawnSync('sh', ['-c', 'command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -1'], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n')
    .pop();
  if (!bin) return null;
  const script = join(dataDir, 'seat.sql');
  writeFileSync(script, `\\set id random(1, ${CLASSES})\nupdate bench_seats set taken = taken + 1 where id = :id and taken < capacity;\n`);
  const init = spawnSync(
    'psql',
    [
      benchUrl,
      '-qc',
      `create table bench_seats (id int primary key, capacity int not null, taken int not null default 0);
    insert into bench_seats select i, 1000000000, 0 from generate_series(1, ${CLASSES}) i;`,
    ],
    { encoding: 'utf8' },
  );
  if (init.status !== 0) return null;
  const run = spawnSync(bin, ['-n', '-f', script, '-c', '32', '-j', '2', '-T', '10', benchUrl], { encoding: 'utf8' });
  const tps = /tps = ([\d.]+)/.exec(run.stdout)?.[1];
  return tps ? Number(tps) : null;
}

/** On PGlite (one connection, in process): the same update in a loop for 3 s. */
async function pgliteUpdateLimit(): Promise<number> {
  const database = await openBenchDatabase();
  const db = (
    await createPlatform({ database, dataKey: Buffer.from(dataKey, 'hex'), filesDir: join(dataDir, 'files'), logLevel: 'silent', webRoot: '/nonexistent' })
  ).db;
  await db.execute(sql`create table bench_seats (id int primary key, capacity int not null, taken int not null default 0)`);
  await db.execute(sql`insert into bench_seats select i, 1000000000, 0 from generate_series(1, ${CLASSES}) i`);
  let done = 0;
  const until = performance.now() + 3000;
  while (performance.now() < until) {
    await db.execute(sql`update bench_seats set taken = taken + 1 where id = ${1 + (done % CLASSES)} and taken < capacity`);
    done++;
  }
  await database.close();
  return done / 3;
}

// ---------------------------------------------------------------------------------------------------
const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)] : 0);

const { offerings, warmupClasses } = await seed();
await startServer();
await warmUp(warmupClasses);
const { outcomes, seconds, crashes } = await runCrowd(offerings);
const probe = PROBE ? probeRefusalCost(outcomes) : null;
await killServer('SIGTERM');
crowdPool.destroy();

// The invariants, read from the database after the run.
const database = await openBenchDatabase();
const checkDb = (
  await createPlatform({ database, dataKey: Buffer.from(dataKey, 'hex'), filesDir: join(dataDir, 'files'), logLevel: 'silent', webRoot: '/nonexistent' })
).db;
const perClass = rowsOf<{ id: string; capacity: number; taken: number; enrolled: number }>(
  await checkDb.execute(sql`select o.id, o.capacity, o.seats_taken::int as taken,
    (select count(*)::int from enrolments e where e.offering_id = o.id and e.status = 'enrolled') as enrolled
  from offerings o where o.kind = 'class'`),
);
const oversold = perClass.reduce((n, c) => n + Math.max(0, c.enrolled - c.capacity), 0);
const counterMismatch = perClass.filter((c) => c.taken !== c.enrolled).length;
const acknowledged = outcomes.filter((o) => o.status >= 200 && o.status < 300 && o.enrolmentId);
const stored = new Set<string>();
for (let i = 0; i < acknowledged.length; i += 1000) {
  const ids = acknowledged.slice(i, i + 1000).map((o) => o.enrolmentId!);
  const rows = rowsOf<{ id: string }>(
    await checkDb.execute(
      sql`select id::text from enrolments where status = 'enrolled' and id::text in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    ),
  );
  for (const r of rows) stored.add(r.id);
}
const lost = acknowledged.filter((o) => !stored.has(o.enrolmentId!)).length;
// The crowd's classes only (the warm-up's are checked for overselling with them).
const crowdClasses = new Set(offerings.map((o) => o.id));
const seatsFilled = perClass.filter((c) => crowdClasses.has(c.id)).reduce((n, c) => n + c.enrolled, 0);
await database.close();

const hello = await helloWorldLimit();
const dbLimit = engine === 'postgres' ? pgbenchLimit() : await pgliteUpdateLimit();
if (engine === 'postgres' && !process.env.BENCH_KEEP_DATABASE) await adminQuery(`drop database if exists ${dbName} with (force)`);
else if (engine === 'postgres') console.log(`database kept: ${dbName}`);
rmSync(dataDir, { recursive: true, force: true });

const latencies = outcomes.map((o) => o.latencyMs).sort((a, b) => a - b);
const count = (f: (o: Outcome) => boolean) => outcomes.filter(f).length;
const figures = {
  engine,
  compiled: COMPILED,
  warmupAttempts: WARMUP,
  attempts: ATTEMPTS,
  seats: SEATS,
  classes: CLASSES,
  arrivalSeconds: SECONDS,
  crash: CRASH,
  crashesAtMs: crashes.map(Math.round),
  seconds: Number(seconds.toFixed(2)),
  throughputPerSecond: Math.round(ATTEMPTS / seconds),
  p50Ms: Math.round(percentile(latencies, 0.5)),
  p99Ms: Math.round(percentile(latencies, 0.99)),
  maxMs: Math.round(latencies.at(-1) ?? 0),
  enrolled: acknowledged.length,
  refused4xx: count((o) => o.status >= 400 && o.status < 500),
  errors5xx: count((o) => o.status >= 500),
  networkErrors: count((o) => o.status === 0),
  retried: count((o) => o.retries > 0),
  seatsFilled,
  oversold,
  counterMismatch,
  lost,
  peakRssMb: Math.max(0, ...peakRssMb.values()),
  probe,
  serverCpuMsPerAttempt: CRASH ? null : Number(((serverCpu * 1000) / ATTEMPTS).toFixed(3)),
  databaseCpuMsPerAttempt: engine === 'postgres' && databaseCpu > 0 ? Number(((databaseCpu * 1000) / ATTEMPTS).toFixed(3)) : null,
  machine: {
    helloWorldPerSecond: Math.round(hello),
    helloWorldCpuMsPerRequest: Number(helloCpuMsPerRequest.toFixed(3)),
    [engine === 'postgres' ? 'pgbenchSeatUpdateTps' : 'pgliteSeatUpdatePerSecond']: dbLimit === null ? null : Math.round(dbLimit),
  },
};
console.log(
  `engine ${engine}, server ${COMPILED ? 'compiled (node dist/server/main.js)' : 'under tsx'}${CRASH ? ' (3 × SIGKILL mid-run)' : ''}: ${ATTEMPTS} attempts by distinct residents for ${SEATS} seats in ${CLASSES} classes, arriving over ${SECONDS} s, after a warm-up of ${WARMUP} attempts on 10 other classes`,
);
console.log(
  `done in ${figures.seconds} s: ${figures.throughputPerSecond} attempts/s, latency p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, max ${figures.maxMs} ms`,
);
console.log(
  `enrolled ${figures.enrolled}, refused ${figures.refused4xx}, 5xx ${figures.errors5xx}, network errors ${figures.networkErrors}, retried ${figures.retried}`,
);
console.log(`seats filled ${seatsFilled} of ${SEATS}; oversold ${oversold}; seat counters off ${counterMismatch}; acknowledged but missing ${lost}`);
console.log(
  `server memory: largest RSS of any server process ${figures.peakRssMb} MB (peaks per process, sampled every 250 ms: ${[...peakRssMb.values()].join(', ')} MB)`,
);
if (!CRASH)
  console.log(
    `server CPU: ${figures.serverCpuMsPerAttempt} ms per attempt (all processes, user + system), hello-world ${figures.machine.helloWorldCpuMsPerRequest} ms per request: ${(figures.serverCpuMsPerAttempt! / figures.machine.helloWorldCpuMsPerRequest).toFixed(1)} ×`,
  );
if (figures.databaseCpuMsPerAttempt !== null)
  console.log(`database CPU: ${figures.databaseCpuMsPerAttempt} ms per attempt (the local PostgreSQL's processes, user + system)`);
// Whether the wait grows with the queue (arrivals outrunning the server) or is there from the first arrival.
const byArrival = [...outcomes].sort((a, b) => a.at - b.at);
const tenths = Array.from({ length: 10 }, (_, k) => byArrival.slice((k * byArrival.length) / 10, ((k + 1) * byArrival.length) / 10));
const byTenth = (of: (o: Outcome) => number | undefined, p = 0.5) =>
  tenths
    .map((t) =>
      Math.round(
        percentile(
          t
            .map(of)
            .filter((v): v is number => v !== undefined)
            .sort((a, b) => a - b),
          p,
        ),
      ),
    )
    .join(', ');
console.log(
  `median wait by tenth of arrivals: ${byTenth((o) => o.latencyMs)} ms (arrivals late by up to ${Math.round(Math.max(...byArrival.map((o, i) => o.at - (i * SECONDS * 1000) / ATTEMPTS)))} ms); of which the server's (from the request's write on a socket to its answer) median ${byTenth((o) => o.serviceMs)} ms, p99 ${byTenth((o) => o.serviceMs, 0.99)} ms`,
);
if (probe)
  console.log(
    `probe (wrk, 32 connections, one process's answers): a refused attempt ${probe.refusal.perSecond}/s at ${probe.refusal.cpuMsPerRequest} ms CPU each (${probe.refusal.non2xx} refusals); the crowd's ${probe.crowdRefusals.residents} refused residents in turn ${probe.crowdRefusals.perSecond}/s at ${probe.crowdRefusals.cpuMsPerRequest} ms CPU each (${probe.crowdRefusals.non2xx} refusals); /healthz ${probe.healthz.perSecond}/s at ${probe.healthz.cpuMsPerRequest} ms CPU each`,
  );
console.log(
  `machine: Fastify hello-world ${figures.machine.helloWorldPerSecond} req/s; ${engine === 'postgres' ? `pgbench seat update ${dbLimit === null ? 'n/a' : Math.round(dbLimit)} tps` : `PGlite seat update ${Math.round(dbLimit ?? 0)} /s`}`,
);
console.log(JSON.stringify(figures));
process.exit(0);
