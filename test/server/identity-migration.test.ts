// The identity-hardening migration on rows written before it: masks recomputed to first 3 + last 4, the full
// birth date replaced by its year, and sign-in lock columns gone. On the run's engine: an in-memory PGlite, or a
// database of its own on DATABASE_URL's server (the migration's SQL as a PostgreSQL installation runs it).
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emptyPostgresDatabase } from '../support/postgres';

const MIGRATIONS = fileURLToPath(new URL('../../src/server/db/migrations', import.meta.url));
const before = mkdtempSync(join(tmpdir(), 'learncity-migrations-'));
afterAll(() => rmSync(before, { recursive: true, force: true }));

/** A new, empty database on the run's engine, migrated by the same drizzle migrator the platform uses. */
async function emptyDatabase() {
  if (process.env.DATABASE_URL) {
    const database = await emptyPostgresDatabase();
    const pg = (await import('pg')).default;
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    return {
      migrate: (folder: string) => migrate(drizzle(client), { migrationsFolder: folder }),
      exec: (sql: string) => client.query(sql).then(() => undefined),
      rows: async <T>(sql: string) => (await client.query(sql)).rows as T[],
      close: async () => {
        await client.end();
        await database.drop();
      },
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const client = new PGlite();
  return {
    migrate: (folder: string) => migrate(drizzle(client), { migrationsFolder: folder }),
    exec: (sql: string) => client.exec(sql).then(() => undefined),
    rows: async <T>(sql: string) => (await client.query<T>(sql)).rows,
    close: () => client.close(),
  };
}

describe('identity hardening migration', () => {
  it('rewrites existing residents: year of birth only, masks without the birth-date digits', async () => {
    // The migrations folder as it was before this migration.
    cpSync(MIGRATIONS, before, { recursive: true });
    const journalPath = join(before, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    const at = journal.entries.findIndex((e) => e.tag.endsWith('identity_hardening'));
    expect(at).toBeGreaterThan(0);
    writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));

    const db = await emptyDatabase();
    await db.migrate(before);
    await db.exec(`
      insert into regions (code, name, level) values ('330105', '拱墅区', 'district') on conflict do nothing;
      insert into users (id, kind, username, display_name, password_hash, failed_logins) values
        ('00000000-0000-4000-8000-000000000001', 'resident', '13800000001', '甲', 'x', 3),
        ('00000000-0000-4000-8000-000000000002', 'resident', '13800000002', '乙', 'x', 0);
      insert into residents (user_id, real_name, id_number_encrypted, id_number_hash, id_number_masked, birth_date, sex, home_region_code) values
        ('00000000-0000-4000-8000-000000000001', '甲', 'x', 'h1', '330105********1524', '1955-06-07', 'female', '330105'),
        ('00000000-0000-4000-8000-000000000002', '乙', 'x', 'h2', '110105********002X', '1949-12-31', 'female', '330105');
    `);
    await db.migrate(MIGRATIONS);

    const rows = await db.rows<{ id_number_masked: string; birth_year: number }>('select id_number_masked, birth_year from residents order by user_id');
    expect(rows).toEqual([
      { id_number_masked: '330***********1524', birth_year: 1955 },
      { id_number_masked: '110***********002X', birth_year: 1949 },
    ]);
    const columns = await db.rows<{ table_name: string; column_name: string }>(
      `select table_name, column_name from information_schema.columns where (table_name = 'residents' and column_name like 'birth%') or (table_name = 'users' and column_name in ('failed_logins', 'locked_until'))`,
    );
    expect(columns).toEqual([{ table_name: 'residents', column_name: 'birth_year' }]);
    await db.close();
  });
});
