// The monitoring benchmark (issue 6): a synthetic Suzhou — 12.75 M residents in the population tables,
// 2,248 communities, 1.5 M learners, 30 M learning records in a year — times `scale`. Prints the time to
// generate it, to compute every indicator for every region, the dashboard's query latency (p50/p95) and
// the machine's own limits measured in the same run; ends with one JSON line of the figures.
//   npm run bench:monitoring -- --engine pglite|postgres --scale 0.1
//   (postgres: a fresh database next to DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres, dropped after)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../src/server/db/client';
import { createPlatform } from '../src/server/platform';
import { rowsOf } from '../src/server/kernel/rate-limit';

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'pglite' },
    scale: { type: 'string', default: '0.01' },
    runs: { type: 'string', default: '50' },
    // For experiments only: the regions and populations at `scale` with fewer learners and records (the dashboard reads no records).
    learners: { type: 'string' },
    records: { type: 'string' },
    // PostgreSQL only: a named database kept after the run; when it already exists, its data is reused and
    // generation skipped (generating 1× takes about 20 minutes, so compute and dashboard changes are measured on one copy).
    database: { type: 'string' },
  },
});
const engine = args.engine === 'postgres' ? 'postgres' : args.engine === 'pglite' ? 'pglite' : null;
const scale = Number(args.scale);
const RUNS = Number(args.runs);
if (!engine || !(scale > 0) || scale > 10 || !(RUNS > 0)) throw new Error('usage: --engine pglite|postgres --scale (0, 10] [--runs 50]');

const CITY = '3205';
const YEAR = 2025;
const COMMUNITIES = Math.round(2248 * scale);
const POPULATION = Math.round(12_750_000 * scale);
const LEARNERS = args.learners ? Number(args.learners) : Math.round(1_500_000 * scale);
const RECORDS = args.records ? Number(args.records) : Math.round(30_000_000 * scale);
const BATCH = 1_000_000;

const secondsSince = (t: number) => (performance.now() - t) / 1000;
const log = (s: string) => console.log(s);

// ---- a fresh database -------------------------------------------------------------------------
let database: Database;
let reusing = false;
let cleanup: () => Promise<void>;
if (engine === 'pglite') {
  const dir = mkdtempSync(join(tmpdir(), 'learncity-bench-monitoring-'));
  database = await openDatabase({ dataDir: join(dir, 'pglite') });
  cleanup = async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  };
} else {
  const pg = (await import('pg')).default;
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (args.database && !/^[a-z_][a-z0-9_]*$/.test(args.database)) throw new Error('--database: a lower-case identifier');
  const name = args.database ?? `learncity_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  reusing = args.database !== undefined && (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  if (!reusing) {
    await admin.query(`create database ${name}`);
    // Index builds after the bulk load sort tens of millions of rows: give them memory (sessions opened later get it).
    await admin.query(`alter database ${name} set maintenance_work_mem = '1GB'`);
  }
  const url = new URL(base);
  url.pathname = '/' + name;
  database = await openDatabase({ url: url.toString() });
  cleanup = async () => {
    await database.close();
    if (!args.database) await admin.query(`drop database if exists ${name}`);
    await admin.end();
  };
}
const { db } = database;
const exec = (q: string) => db.execute(sql.raw(q));
const one = async <T>(q: string) => rowsOf<T>(await exec(q))[0];

const filesDir = mkdtempSync(join(tmpdir(), 'learncity-bench-files-'));
try {
  const platform = await createPlatform({ database, dataKey: randomBytes(32), filesDir, logLevel: 'silent', webRoot: '/nonexistent' });
  const adminPassword = 'Bench#2026x';

  // ---- generation ---------------------------------------------------------------------------------
  let generateSeconds = 0,
    summaryRows = 0,
    summarySeconds = 0;
  if (reusing) {
    summaryRows = Number((await one<{ n: number }>(`select count(*)::int as n from learning_participation`)).n);
    log(`engine ${engine}: reusing database ${args.database}, generation skipped (${summaryRows} summary rows)`);
    // What is timed below is a year's first computation, as after a fresh generation.
    await exec(`delete from indicator_values where year = ${YEAR}`);
    await exec(`vacuum analyze indicator_values`);
  } else {
    const g0 = performance.now();
    await platform.initialize({ district: CITY, adminPassword, loadDemo: false });
    log(`engine ${engine}, scale ${scale}: Suzhou's regions loaded (${secondsSince(g0).toFixed(1)} s)`);

    // Communities: the real 2,248 thinned evenly below scale 1; above it, synthetic ones under the streets.
    await exec(`create table bench_comm as select row_number() over (order by code)::int as n, code from regions where level = 'community'`);
    const real = Number((await one<{ n: number }>(`select count(*)::int as n from bench_comm`)).n);
    if (COMMUNITIES < real) {
      await exec(`delete from bench_comm where floor(n * ${COMMUNITIES}::float8 / ${real}) = floor((n - 1) * ${COMMUNITIES}::float8 / ${real})`);
      await exec(`delete from regions where level = 'community' and code not in (select code from bench_comm)`);
    } else if (COMMUNITIES > real) {
      const perStreet = Math.ceil((COMMUNITIES - real) / Number((await one<{ n: number }>(`select count(*)::int as n from regions where level = 'street'`)).n));
      await exec(`insert into regions (code, parent_code, name, level, kind)
        select s.code || lpad((400 + i)::text, 3, '0'), s.code, '合成社区' || (400 + i), 'community', 'community'
        from regions s cross join generate_series(1, ${perStreet}) i where s.level = 'street' on conflict do nothing`);
      await exec(`drop table bench_comm`);
      await exec(`create table bench_comm as select row_number() over (order by code)::int as n, code from regions where level = 'community'`);
      await exec(`delete from bench_comm where n > ${COMMUNITIES}`);
      await exec(`delete from regions where level = 'community' and code not in (select code from bench_comm)`);
    }
    await exec(`create table bench_c as select row_number() over (order by code)::int as n, code from bench_comm`);
    await exec(`drop table bench_comm`);
    await exec(`alter table bench_c add primary key (n)`);
    const communities = Number((await one<{ n: number }>(`select count(*)::int as n from bench_c`)).n);

    // Populations: the total spread over the communities, each level above the sum of the one below.
    await exec(`insert into region_populations (region_code, year, total, age_60_plus, source)
      select code, ${YEAR}, t, (t * 0.22)::int, 'bench' from (
        select code, (floor(${POPULATION}::float8 * n / ${communities}) - floor(${POPULATION}::float8 * (n - 1) / ${communities}))::int as t from bench_c) c`);
    for (const len of [9, 6, 4]) {
      await exec(`insert into region_populations (region_code, year, total, age_60_plus, source)
        select r.code, ${YEAR}, sum(p.total)::int, sum(p.age_60_plus)::int, 'bench' from regions r
        join region_populations p on p.year = ${YEAR} and length(p.region_code) = ${len === 4 ? 6 : len === 6 ? 9 : 12} and left(p.region_code, ${len}) = r.code
        where length(r.code) = ${len} group by r.code
        on conflict (region_code, year) do update set total = excluded.total, age_60_plus = excluded.age_60_plus, source = excluded.source`);
    }

    // Institutions: a community school in every street, a learning point in every community.
    await exec(`insert into institutions (id, name, type, region_code, floor_area_m2, full_time_staff, part_time_staff, search_text)
      select gen_random_uuid(), name || '社区学校', 'community_school', code, 400 + (row_number() over (order by code) % 5) * 100, 2 + (row_number() over (order by code) % 4), 6, name
      from regions where level = 'street'`);
    await exec(`insert into institutions (id, name, type, region_code, full_time_staff, part_time_staff, search_text)
      select gen_random_uuid(), '教学点' || n, 'learning_point', code, 0, n % 3, '教学点' from bench_c`);

    // Learners: users + residents, spread over the communities.
    const r0 = performance.now();
    for (let from = 1; from <= LEARNERS; from += BATCH) {
      const to = Math.min(LEARNERS, from + BATCH - 1);
      await exec(`insert into users (id, kind, username, display_name, password_hash, created_at)
        select md5('res' || i)::uuid, 'resident', 'bench' || i, '居民' || i, 'x', timestamptz '2024-06-01 00:00+08' from generate_series(${from}, ${to}) i`);
      await exec(`insert into residents (user_id, real_name, id_number_encrypted, id_number_hash, id_number_masked, birth_year, sex, home_region_code, created_at)
        select md5('res' || i)::uuid, '居民' || i, 'x', md5('id' || i), '320***********' || lpad((i % 10000)::text, 4, '0'),
          1940 + (i % 69), case when i % 2 = 0 then 'female' else 'male' end, c.code, timestamptz '2024-06-01 00:00+08'
        from generate_series(${from}, ${to}) i join bench_c c on c.n = i % ${communities} + 1`);
    }
    log(`learners: ${LEARNERS} users + residents (${secondsSince(r0).toFixed(1)} s)`);

    // Learning records over the year: without the secondary indexes while loading, which are rebuilt after.
    // One learner in a hundred moved during the year: half of their records are in the next community.
    const l0 = performance.now();
    // The primary key too: 30 M random uuids inserted into a live btree far larger than shared_buffers is
    // random I/O for every row; it is added back after the load like the others.
    const indexes = rowsOf<{ indexname: string; indexdef: string }>(
      await exec(`select indexname, indexdef from pg_indexes where tablename = 'learning_records' and indexname <> 'learning_records_pkey'`),
    );
    await exec(`alter table learning_records drop constraint learning_records_pkey`);
    for (const i of indexes) await exec(`drop index ${i.indexname}`);
    indexes.unshift({ indexname: 'learning_records_pkey', indexdef: `alter table learning_records add constraint learning_records_pkey primary key (id)` });
    for (let from = 1; from <= RECORDS; from += BATCH) {
      const to = Math.min(RECORDS, from + BATCH - 1);
      await exec(`insert into learning_records (id, resident_id, source_type, source_id, title, hours, outcome, region_code, occurred_at, recorded_at)
        select gen_random_uuid(), md5('res' || r)::uuid, 'class', j::text, '课程学习', ((j % 6) + 1) * 0.5, 'completed', c.code, t, t
        from (select j, j % ${LEARNERS} + 1 as r, timestamptz '${YEAR}-01-01 00:00+08' + ((j::bigint * 7919) % 31536000) * interval '1 second' as t
              from generate_series(${from}, ${to}) j) s
        join bench_c c on c.n = (s.r + case when s.r % 100 = 0 and s.j % 2 = 1 then 1 else 0 end) % ${communities} + 1`);
      if (RECORDS > BATCH) log(`  records ${to} / ${RECORDS} (${secondsSince(l0).toFixed(1)} s)`);
    }
    const i0 = performance.now();
    for (const i of indexes) await exec(i.indexdef);
    log(`records: ${RECORDS} (${secondsSince(l0).toFixed(1)} s, of which rebuilding ${indexes.length} indexes ${secondsSince(i0).toFixed(1)} s)`);
    // The records were loaded without the archive's write path, so its participation summary is built from them.
    const p0 = performance.now();
    await platform.services.archive.rebuildParticipation();
    summaryRows = Number((await one<{ n: number }>(`select count(*)::int as n from learning_participation`)).n);
    summarySeconds = secondsSince(p0);
    log(`participation summary rebuilt from the records: ${summaryRows} rows (${summarySeconds.toFixed(1)} s)`);
    await exec(`drop table bench_c`);
    await exec(`analyze`);
    generateSeconds = secondsSince(g0);
  }
  const regionCount = Number((await one<{ n: number }>(`select count(*)::int as n from regions`)).n);
  log(
    `${reusing ? 'reused' : `generated in ${generateSeconds.toFixed(1)} s`}: ${regionCount} regions, population ${POPULATION}, ${LEARNERS} learners, ${RECORDS} learning records in ${YEAR}`,
  );

  // ---- the machine's own limits, same engine, same run ------------------------------------------
  let selects = 0;
  const s0 = performance.now();
  while (performance.now() - s0 < 2000) {
    await exec('select 1');
    selects++;
  }
  const selectOnePerSecond = selects / secondsSince(s0);
  await exec(`select count(*) from learning_records where hours >= 0`);
  const q0 = performance.now();
  await exec(`select count(*) from learning_records where hours >= 0`);
  const seqScanRowsPerSecond = RECORDS / secondsSince(q0);
  log(`machine: select 1 ${selectOnePerSecond.toFixed(0)}/s; sequential scan of learning_records ${(seqScanRowsPerSecond / 1e6).toFixed(2)} M rows/s`);

  // ---- compute every indicator for every region --------------------------------------------------
  const { app } = platform;
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: adminPassword } });
  if (login.statusCode !== 200) throw new Error(`login: ${login.statusCode} ${login.body}`);
  const cookie = String(login.headers['set-cookie']).split(';')[0];
  const call = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await app.inject({ method, url, headers: { cookie, origin: 'http://localhost:80', host: 'localhost:80' }, payload });
    if (res.statusCode !== 200) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const c0 = performance.now();
  const computed = (await call('POST', '/api/monitoring/computations', { region: CITY, year: YEAR })) as {
    indicators: number;
    regions: number;
    values: number;
    phasesMs: { queries: number; write: number };
  };
  const computeAllSeconds = secondsSince(c0);
  log(
    `compute all: ${computed.indicators} indicators × ${computed.regions} regions = ${computed.values} values in ${computeAllSeconds.toFixed(2)} s (target on PostgreSQL ≤ 10 s; named queries ${computed.phasesMs.queries} ms, writing the values ${computed.phasesMs.write} ms)`,
  );
  // Each named query alone, to see which one costs what.
  const queryMs: Record<string, number> = {};
  const nodes = rowsOf<{ code: string; level: string }>(await exec(`select code, level from regions where code like '${CITY}%'`));
  for (const { name } of platform.services.monitoringQueries.list()) {
    const t = performance.now();
    await platform.services.monitoringQueries.get(name)!.run({ db, rootCode: CITY, year: YEAR, now: new Date(), nodes });
    queryMs[name] = Math.round(performance.now() - t);
  }
  log(
    `named queries alone (ms): ${Object.entries(queryMs)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([n, ms]) => `${n} ${ms}`)
      .join(', ')}`,
  );
  // The same participation figures counted from the records (what compute-all read before the summary).
  const r1 = performance.now();
  await platform.services.archive.recountByRegion(CITY, YEAR);
  const recountSeconds = secondsSince(r1);
  log(`participation recounted from the records instead: ${recountSeconds.toFixed(2)} s`);
  const check = await one<{ v: number }>(
    `select value::float8 as v from indicator_values where region_code = '${CITY}' and year = ${YEAR} and indicator_code = 'LEARNING_RECORDS'`,
  );
  if (Number(check?.v) !== RECORDS) throw new Error(`LEARNING_RECORDS for the city reads ${check?.v}, expected ${RECORDS}`);
  const learners = await one<{ v: number }>(
    `select value::float8 as v from indicator_values where region_code = '${CITY}' and year = ${YEAR} and indicator_code = 'LEARNERS'`,
  );
  if (Number(learners?.v) !== Math.min(LEARNERS, RECORDS))
    throw new Error(`LEARNERS for the city reads ${learners?.v}, expected ${Math.min(LEARNERS, RECORDS)} (movers counted once)`);

  // ---- dashboard latency ------------------------------------------------------------------------
  const district = (await one<{ code: string }>(`select code from regions where level = 'district' order by code limit 1`)).code;
  const street = (await one<{ code: string }>(`select code from regions where level = 'street' order by code limit 1`)).code;
  const q = (region: string) => `region=${region}&year=${YEAR}`;
  const endpoints: [string, string][] = [
    ['overview (city)', `/api/monitoring/overview?${q(CITY)}`],
    ['overview (district)', `/api/monitoring/overview?${q(district)}`],
    ['overview (street)', `/api/monitoring/overview?${q(street)}`],
    ['results (city)', `/api/monitoring/results?${q(CITY)}`],
    ['populations (city)', `/api/monitoring/populations?${q(CITY)}`],
    ['indicators', `/api/monitoring/indicators`],
  ];
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
  const perEndpoint: Record<string, { p50: number; p95: number; runs: number }> = {};
  for (const [name, url] of endpoints) {
    await call('GET', url);
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await call('GET', url);
      ms.push(performance.now() - t);
    }
    perEndpoint[name] = { p50: Number(pct(ms, 50).toFixed(1)), p95: Number(pct(ms, 95).toFixed(1)), runs: RUNS };
    log(`${name.padEnd(22)} p50 ${pct(ms, 50).toFixed(1).padStart(8)} ms   p95 ${pct(ms, 95).toFixed(1).padStart(8)} ms   (${RUNS} runs; target p95 ≤ 200 ms)`);
  }
  const worst = Object.values(perEndpoint).reduce((a, b) => (b.p95 > a.p95 ? b : a));

  await app.close();
  console.log(
    JSON.stringify({
      engine,
      scale,
      regions: regionCount,
      residents: LEARNERS,
      records: RECORDS,
      generateSeconds: Number(generateSeconds.toFixed(1)),
      summaryRows,
      summarySeconds: Number(summarySeconds.toFixed(1)),
      computeAllSeconds: Number(computeAllSeconds.toFixed(2)),
      computePhasesMs: computed.phasesMs,
      values: computed.values,
      recountFromRecordsSeconds: Number(recountSeconds.toFixed(2)),
      queryMs,
      dashboardP50Ms: worst.p50,
      dashboardP95Ms: worst.p95,
      selectOnePerSecond: Math.round(selectOnePerSecond),
      seqScanRowsPerSecond: Math.round(seqScanRowsPerSecond),
      endpoints: perEndpoint,
    }),
  );
} finally {
  await cleanup();
  rmSync(filesDir, { recursive: true, force: true });
}
