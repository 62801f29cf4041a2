// A consistent copy of the database and its way back, for each engine. PGlite: its data directory as a
// gzipped tarball, taken by the instance that owns it between transactions (a second process must never
// open the directory). PostgreSQL: pg_dump's custom format (a consistent snapshot under MVCC while writes
// go on) and pg_restore into an empty database.
import { spawn } from 'node:child_process';
import { readFile, writeFile, readdir } from 'node:fs/promises';
import type { PGlite } from '@electric-sql/pglite';

/** Runs a client tool; rejects with its standard error when it fails. Passwords go by environment, not argv. */
function run(command: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', (e) => reject(new Error(`${command} could not be started (${e.message}); install the PostgreSQL client tools`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} failed (exit ${code}): ${stderr.trim()}`))));
  });
}

/** The URL without its password (shown in the process list otherwise) and the password for PGPASSWORD. */
function connection(url: string): { dbname: string; env: Record<string, string> } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: password ? { PGPASSWORD: password } : {} };
}

export async function dumpPglite(client: PGlite, file: string): Promise<void> {
  // A checkpoint first, so the copy needs no recovery; the transaction lock keeps an open transaction out of it.
  await client.query('checkpoint');
  const internal = client as unknown as { _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T> };
  const tarball = await internal._runExclusiveTransaction(() => client.dumpDataDir('gzip'));
  await writeFile(file, Buffer.from(await tarball.arrayBuffer()), { mode: 0o600 });
}

/** Fills an empty directory with the data directory in `file`. */
export async function loadPglite(dir: string, file: string): Promise<void> {
  const entries = await readdir(dir).catch(() => []);
  if (entries.length > 0) throw new Error(`${dir} is not empty: restore onto an empty data directory`);
  const { PGlite } = await import('@electric-sql/pglite');
  const client = new PGlite(dir, { loadDataDir: new Blob([await readFile(file)]) });
  await client.waitReady;
  await client.query('select 1');
  await client.close();
}

export const dumpPostgres = (url: string, file: string) => {
  const c = connection(url);
  return run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', '--file', file, '--dbname', c.dbname], c.env);
};

/** Restores into a database with no tables of its own; all or nothing. */
export async function loadPostgres(url: string, file: string): Promise<void> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')`);
    if (rows[0].n > 0) throw new Error('the database is not empty: restore into a newly created database');
  } finally {
    await client.end();
  }
  const c = connection(url);
  await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', '--dbname', c.dbname, file], c.env);
}
