// Several platform processes on one PostgreSQL database, as behind a load balancer: started together on an
// empty database they all come up (first-start initialisation takes turns), every scheduled task runs once
// per interval across them, and read-only dashboard queries go to DATABASE_READ_URL when it is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { emptyPostgresDatabase, startTestPlatform, type TestPlatform } from '../support/platform';

const onPostgres = Boolean(process.env.DATABASE_URL);
if (!onPostgres) console.log('scale-out tests skipped: they need several connections to one PostgreSQL database (set DATABASE_URL)');

describe.runIf(onPostgres)('two processes started together on an empty PostgreSQL database', () => {
  let empty: Awaited<ReturnType<typeof emptyPostgresDatabase>>;
  let a: TestPlatform, b: TestPlatform;
  beforeAll(async () => {
    empty = await emptyPostgresDatabase();
    // Both migrate, build the platform and run first-start initialisation at the same moment.
    [a, b] = await Promise.all([startTestPlatform({ databaseUrl: empty.url }), startTestPlatform({ databaseUrl: empty.url })]);
  }, 300_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await empty?.drop();
  });

  it('both come up; exactly one loaded the installation, once', async () => {
    expect([a.created, b.created].filter((c) => c !== null)).toHaveLength(1);
    const count = async (q: ReturnType<typeof sql>) => ((await a.db.execute(q)) as unknown as { rows: { n: number }[] }).rows[0].n;
    expect(await count(sql`select count(*)::int as n from settings where key = 'installation'`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from users where username = 'admin'`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from users where username = 'district'`)).toBe(1);
    for (const p of [a, b]) {
      expect((await p.request('GET', '/readyz')).status).toBe(200);
      await p.login('admin');
      expect((await p.request('GET', '/api/institutions', { headers: await p.login('district') })).body.total).toBeGreaterThan(0);
    }
  });

  it('run every scheduled task once per interval across both', async () => {
    for (let round = 0; round < 3; round++) {
      const [ranA, ranB] = await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
      const all = [...ranA, ...ranB];
      expect(new Set(all).size, `a: ${ranA.join(', ')}; b: ${ranB.join(', ')}`).toBe(all.length);
      if (round === 0)
        expect(all).toEqual(expect.arrayContaining(['webhook-deliveries', 'indicators-refresh', 'enrolment-offer-expiry', 'purge-expired-sessions']));
      // Nothing is due again until the interval has passed, whoever ticks.
      expect([...(await a.scheduler.tick()), ...(await b.scheduler.tick())]).toEqual([]);
      a.clock.advance(3_601_000);
      b.clock.advance(3_601_000);
    }
  }, 120_000);
});

describe.runIf(onPostgres)('DATABASE_READ_URL', () => {
  let p: TestPlatform, reading: TestPlatform;
  let role: string;
  let readUrl: string;
  let admin: pg.Client;
  beforeAll(async () => {
    p = await startTestPlatform();
    const district = await p.login('district');
    expect((await p.request('POST', '/api/monitoring/computations', { headers: district, body: { region: '330105', year: 2026 } })).status).toBeLessThan(300);
    // The replica stands in as a role that may only read this database.
    role = `learncity_reader_${Math.random().toString(36).slice(2, 8)}`;
    admin = new pg.Client({ connectionString: p.databaseUrl });
    await admin.connect();
    await admin.query(`create role ${role} login password 'reader'`);
    await admin.query(`grant usage on schema public to ${role}`);
    await admin.query(`grant select on all tables in schema public to ${role}`);
    const u = new URL(p.databaseUrl!);
    u.username = role;
    u.password = 'reader';
    readUrl = u.toString();
    reading = await startTestPlatform({ databaseUrl: p.databaseUrl, databaseReadUrl: readUrl });
  }, 300_000);
  afterAll(async () => {
    await reading?.close();
    await admin?.query(`drop owned by ${role}`);
    await admin?.end();
    await p?.close();
    const server = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await server.connect();
    await server.query(`drop role if exists ${role}`);
    await server.end();
  });

  it('is a connection that can read and not write', async () => {
    const client = new pg.Client({ connectionString: readUrl });
    await client.connect();
    try {
      expect((await client.query('select count(*)::int as n from indicator_values')).rows[0].n).toBeGreaterThan(0);
      await expect(client.query(`delete from indicator_values`)).rejects.toThrow(/permission denied/);
    } finally {
      await client.end();
    }
  });

  it('answers the dashboard and the results pages, and they depend on it', async () => {
    const pages = ['/api/monitoring/overview?region=330105&year=2026', '/api/monitoring/results?region=330105&year=2026'];
    const get = async (q: TestPlatform, url: string) => q.request('GET', url, { headers: await q.login('leader') });
    for (const url of pages) {
      const [primary, replica] = [await get(p, url), await get(reading, url)];
      expect(replica.status, url).toBe(200);
      expect(replica.body, url).toEqual(primary.body);
    }
    // Without the replica's read of the computed figures, those pages fail in the process that reads through it alone.
    await admin.query(`revoke select on indicator_values from ${role}`);
    try {
      for (const url of pages) {
        expect((await get(reading, url)).status, url).toBe(500);
        expect((await get(p, url)).status, url).toBe(200);
      }
    } finally {
      await admin.query(`grant select on indicator_values to ${role}`);
    }
    for (const url of pages) expect((await get(reading, url)).status, url).toBe(200);
  });
});
