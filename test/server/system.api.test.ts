// Liveness, readiness and the version endpoint, on the real database: readiness follows the database
// (a migration missing, a database that does not answer in time), liveness never asks it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { knownMigrations } from '../../src/server/db/client';
import { versionInfo } from '../../src/contracts/system';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ demo: false });
});
afterAll(() => p.close());

const newest = knownMigrations().at(-1)!;

it('says it is alive, and ready with the newest migration applied', async () => {
  expect((await p.request('GET', '/healthz')).body).toEqual({ status: 'ok' });
  const ready = await p.request('GET', '/readyz');
  expect(ready.status).toBe(200);
  expect(ready.body).toEqual({ status: 'ready', migration: newest.tag });
  expect(ready.headers['cache-control']).toBe('no-store');
});

it('tells anyone the version, the commit if known, and the schema', async () => {
  const res = await p.request('GET', '/api/version');
  expect(res.status).toBe(200);
  const body = versionInfo.parse(res.body);
  expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  expect(body.schema).toEqual({ expected: newest.tag, applied: newest.tag });
});

it('is not ready while a migration this build carries is missing from the database, and says why', async () => {
  const [row] = (
    (await p.db.execute(sql`select id, hash, created_at from drizzle.__drizzle_migrations where created_at = ${newest.when}`)) as unknown as {
      rows: { id: number; hash: string; created_at: string }[];
    }
  ).rows;
  expect(row).toBeTruthy();
  await p.db.execute(sql`delete from drizzle.__drizzle_migrations where id = ${row.id}`);
  try {
    const res = await p.request('GET', '/readyz', { headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('not_ready.migrations_pending');
    expect(res.body.error.message).toContain('has not been migrated');
    expect((await p.request('GET', '/healthz')).status).toBe(200);
  } finally {
    await p.db.execute(sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${row.id}, ${row.hash}, ${row.created_at})`);
  }
  expect((await p.request('GET', '/readyz')).status).toBe(200);
});

it('is not ready when the database does not answer in time, while still alive', async () => {
  // A transaction holds the migrations table: the readiness query waits on it past its time limit.
  let answered: { status: number; body: any } | null = null;
  await p.db.transaction(async (tx) => {
    await tx.execute(sql`lock table drizzle.__drizzle_migrations in access exclusive mode`);
    const [ready, alive] = await Promise.all([p.request('GET', '/readyz'), p.request('GET', '/healthz')]);
    answered = ready;
    expect(alive.status).toBe(200);
  });
  expect(answered!.status).toBe(503);
  expect(answered!.body.error).toMatchObject({ code: 'not_ready.database_unreachable', message: expect.stringContaining('数据库') });
}, 20_000);
