// One database handle for both engines: embedded PGlite (default, file-backed) or PostgreSQL when
// DATABASE_URL is set. Same schema, same migrations, same queries.
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema/index';
import { dumpPglite, dumpPostgres } from './snapshot';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  engine: 'pglite' | 'postgres';
  /**
   * Receives the payloads of `pg_notify(channel, …)` from every process on this database, after their
   * transactions commit. `onReset` runs when notifications may have been missed, so whoever caches must
   * forget everything: with `listening` false when the listening connection dropped, true once it is back.
   */
  listen(channel: string, onPayload: (payload: string) => void, onReset?: (listening: boolean) => void): Promise<void>;
  /** Writes a consistent copy of the whole database to `file` while it serves (db/snapshot.ts). */
  snapshot(file: string): Promise<void>;
  /** The connection pool's state (PostgreSQL); PGlite has one connection and no pool. */
  pool?(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * dataDir undefined with no url = in-memory PGlite (tests); `loadDataDir` starts that in-memory database
 * from an earlier `dumpDataDir()` (the tests' migrated, seeded template).
 */
export async function openDatabase(opts: { url?: string; dataDir?: string; loadDataDir?: Blob }): Promise<Database> {
  if (opts.url) return openPostgres(opts.url);
  return openPglite(opts.dataDir, opts.loadDataDir);
}

async function openPglite(dir?: string, loadDataDir?: Blob): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  if (dir) mkdirSync(dir, { recursive: true });
  const client = dir ? new PGlite(dir) : new PGlite(loadDataDir ? { loadDataDir } : undefined);
  await client.waitReady;
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS });
  // One process, one connection: PGlite hands notifications over as the committing query returns.
  const listen = async (channel: string, onPayload: (payload: string) => void) => { await client.listen(channel, onPayload); };
  return { db: db as unknown as Db, engine: 'pglite', listen, snapshot: (file) => dumpPglite(client, file), close: () => client.close() };
}

async function openPostgres(url: string): Promise<Database> {
  const pg = (await import('pg')).default;
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  // Several platform processes may start together: one migrates while the others wait on the lock.
  const migrator = new pg.Client({ connectionString: url });
  await migrator.connect();
  try {
    await migrator.query('select pg_advisory_lock(7262001)');
    await migrate(drizzle(migrator, { schema }), { migrationsFolder: MIGRATIONS });
  } finally {
    await migrator.query('select pg_advisory_unlock(7262001)').catch(() => {});
    await migrator.end();
  }
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  // An idle connection dropped by the server (restart, failover) must not take the process down;
  // the pool replaces it on the next query.
  pool.on('error', (error) => console.warn(`learncity: idle database connection closed: ${error.message}`));
  const db = drizzle(pool, { schema });
  const listener = createListener(url, pg.Client);
  const poolState = () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
  return { db: db as unknown as Db, engine: 'postgres', listen: listener.listen, pool: poolState, snapshot: (file) => dumpPostgres(url, file), close: async () => { await listener.close(); await pool.end(); } };
}

/**
 * One connection per process that LISTENs on every channel asked for. When it drops (a database restart,
 * a network cut) it reconnects with growing pauses, and every subscriber is told to reset: what was sent
 * while it was away is lost.
 */
function createListener(url: string, Client: typeof import('pg').Client) {
  const handlers = new Map<string, { onPayload: (payload: string) => void; onReset?: (listening: boolean) => void }[]>();
  let client: import('pg').Client | null = null;
  let connecting: Promise<import('pg').Client> | null = null;
  let closed = false;
  let retryMs = 100;

  const connect = (): Promise<import('pg').Client> => connecting ??= (async () => {
    const c = new Client({ connectionString: url });
    c.on('notification', (n) => { for (const h of handlers.get(n.channel) ?? []) h.onPayload(n.payload ?? ''); });
    c.on('error', () => { /* 'end' follows and reconnects */ });
    c.on('end', () => {
      if (client !== c) return;
      client = null;
      connecting = null;
      if (closed) return;
      for (const list of handlers.values()) for (const h of list) h.onReset?.(false);
      setTimeout(() => void reconnect(), retryMs).unref();
      retryMs = Math.min(retryMs * 2, 5_000);
    });
    await c.connect();
    for (const channel of handlers.keys()) await c.query(`listen "${channel}"`);
    client = c;
    retryMs = 100;
    return c;
  })().catch((error) => { connecting = null; throw error; });

  async function reconnect() {
    if (closed || client) return;
    try {
      await connect();
      // Anything committed between the drop and now went unheard.
      for (const list of handlers.values()) for (const h of list) h.onReset?.(true);
    } catch {
      setTimeout(() => void reconnect(), retryMs).unref();
      retryMs = Math.min(retryMs * 2, 5_000);
    }
  }

  return {
    async listen(channel: string, onPayload: (payload: string) => void, onReset?: (listening: boolean) => void) {
      if (!/^[a-z_]+$/.test(channel)) throw new Error(`bad channel name ${channel}`);
      const known = handlers.has(channel);
      handlers.set(channel, [...(handlers.get(channel) ?? []), { onPayload, onReset }]);
      const c = client ?? await connect();
      if (!known && client === c) await c.query(`listen "${channel}"`);
    },
    async close() {
      closed = true;
      await client?.end().catch(() => {});
    },
  };
}
