// A database of its own on DATABASE_URL's server, without loading the platform (unit tests of db/ use it too).
import { randomBytes } from 'node:crypto';

/**
 * A new PostgreSQL database on DATABASE_URL's server: empty (no migrations run) for tests that start platforms
 * on it themselves, or a copy of `template`; `drop` removes it, closing whatever is still connected.
 */
export async function emptyPostgresDatabase(template?: string): Promise<{ url: string; drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('emptyPostgresDatabase needs DATABASE_URL');
  const pg = (await import('pg')).default;
  const name = `learncity_test_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(template ? `create database ${name} template ${template}` : `create database ${name}`);
  const u = new URL(url);
  u.pathname = '/' + name;
  return { url: u.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}
