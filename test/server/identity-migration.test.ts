// The identity-hardening migration on rows written before it: masks recomputed to first 3 + last 4, the full
// birth date replaced by its year, and sign-in lock columns gone.
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';

const MIGRATIONS = fileURLToPath(new URL('../../src/server/db/migrations', import.meta.url));
const before = mkdtempSync(join(tmpdir(), 'learncity-migrations-'));
afterAll(() => rmSync(before, { recursive: true, force: true }));

describe('identity hardening migration', () => {
  it('rewrites existing residents: year of birth only, masks without the birth-date digits', async () => {
    // The migrations folder as it was before this migration.
    cpSync(MIGRATIONS, before, { recursive: true });
    const journalPath = join(before, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    const at = journal.entries.findIndex((e) => e.tag.endsWith('identity_hardening'));
    expect(at).toBeGreaterThan(0);
    writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));

    const client = new PGlite();
    const db = drizzle(client);
    await migrate(db, { migrationsFolder: before });
    await client.exec(`
      insert into regions (code, name, level) values ('330105', '拱墅区', 'district') on conflict do nothing;
      insert into users (id, kind, username, display_name, password_hash, failed_logins) values
        ('00000000-0000-4000-8000-000000000001', 'resident', '13800000001', '甲', 'x', 3),
        ('00000000-0000-4000-8000-000000000002', 'resident', '13800000002', '乙', 'x', 0);
      insert into residents (user_id, real_name, id_number_encrypted, id_number_hash, id_number_masked, birth_date, sex, home_region_code) values
        ('00000000-0000-4000-8000-000000000001', '甲', 'x', 'h1', '330105********1524', '1955-06-07', 'female', '330105'),
        ('00000000-0000-4000-8000-000000000002', '乙', 'x', 'h2', '110105********002X', '1949-12-31', 'female', '330105');
    `);
    await migrate(db, { migrationsFolder: MIGRATIONS });

    const rows = (await client.query<{ id_number_masked: string; birth_year: number }>('select id_number_masked, birth_year from residents order by user_id'))
      .rows;
    expect(rows).toEqual([
      { id_number_masked: '330***********1524', birth_year: 1955 },
      { id_number_masked: '110***********002X', birth_year: 1949 },
    ]);
    const columns = (
      await client.query<{ table_name: string; column_name: string }>(
        `select table_name, column_name from information_schema.columns where (table_name = 'residents' and column_name like 'birth%') or (table_name = 'users' and column_name in ('failed_logins', 'locked_until'))`,
      )
    ).rows;
    expect(columns).toEqual([{ table_name: 'residents', column_name: 'birth_year' }]);
    await client.close();
  });
});
