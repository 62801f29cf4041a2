// One database handle for both engines: embedded PGlite (default, file-backed) or PostgreSQL when
// DATABASE_URL is set. Same schema, same migrations, same queries.
import { fileURLToPath } from 'node:url';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema/index';
import { dumpPglite, dumpPostgres } from './snapshot';
import { pgliteBulkInsert, postgresBulkInsert, type BulkInsert } from './bulk-insert';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  /**
   * Where read-only dashboard and monitoring queries go: a replica's connection when DATABASE_READ_URL is set,
   * else the primary. What it answers may lag the primary by the replica's delay.
   */
  readDb: Db;
  engine: 'pglite' | 'postgres';
  /**
   * Runs `fn` while no other process on this database runs an `exclusive` of the same name (a PostgreSQL
   * advisory lock on a connection of its own): first-start initialisation, which several processes may
   * attempt at once. The embedded database belongs to one process, so there it simply runs.
   */
  exclusive<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** The database answers and has every migration this build knows (the readiness check). */
  migrationState(): Promise<{ applied: string | null; expected: string }>;
  /**
   * Receives the payloads of `pg_notify(channel, …)` from every process on this database, after their
   * transactions commit. `onReset` runs when notifications may have been missed, so whoever caches must
   * forget everything: with `listening` false when the listening connection dropped, true once it is back.
   */
  listen(channel: string, onPayload: (payload: string) => void, onReset?: (listening: boolean) => void): Promise<void>;
  /** Writes a consistent copy of the whole database to `file` while it serves (db/snapshot.ts). */
  snapshot(file: string): Promise<void>;
  /** Many rows all or nothing without starving other requests on PGlite's one connection (db/bulk-insert.ts). */
  bulkInsert: BulkInsert;
  /** The connection pool's state (PostgreSQL); PGlite has one connection and no pool. */
  pool?(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

/**
 * The database could not be reached or dropped the connection mid-request (restart, crash, failover): the driver's
 * socket errors, PostgreSQL's connection-exception class (08) and shutdown codes, possibly wrapped by drizzle.
 * Trying again shortly may succeed, unlike a failing query.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (/^(08|57P0[123])/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code))) return true;
    if (typeof message === 'string' && /^(Connection terminated|Client has encountered a connection error)/.test(message)) return true;
  }
  return false;
}

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));
// A fixed key per lock name, so every process (of any version) agrees on it.
const LOCK_KEYS: Record<string, number> = { migrate: 7262001, initialize: 7262002 };

/** The migrations this build carries, oldest first: drizzle's journal (tag, and `when` as stored in created_at). */
export function knownMigrations(): { tag: string; when: number }[] {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
  return journal.entries.map(({ tag, when }) => ({ tag, when }));
}

/** The newest migration applied to the database, named by this build's journal ('unknown' when newer than it). */
async function migrationState(db: Db): Promise<{ applied: string | null; expected: string }> {
  const known = knownMigrations();
  const rows = await db.execute(sql`select max(created_at)::text as at from drizzle.__drizzle_migrations`);
  const at = (rows as unknown as { rows: { at: string | null }[] }).rows[0]?.at ?? null;
  const applied = at === null ? null : (known.find((m) => String(m.when) === at)?.tag ?? (Number(at) > known.at(-1)!.when ? 'unknown' : null));
  return { applied, expected: known.at(-1)!.tag };
}

/**
 * dataDir undefined with no url = in-memory PGlite (tests); `loadDataDir` starts that in-memory database from
 * a snapshot (the tests' migrated, seeded template). readUrl: a replica for read-only queries.
 */
export async function openDatabase(opts: { url?: string; dataDir?: string; readUrl?: string; loadDataDir?: Blob }): Promise<Database> {
  if (opts.url) return openPostgres(opts.url, opts.readUrl);
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
  const listen = async (channel: string, onPayload: (payload: string) => void) => {
    await client.listen(channel, onPayload);
  };
  return {
    db: db as unknown as Db,
    readDb: db as unknown as Db,
    engine: 'pglite',
    listen,
    close: () => client.close(),
    bulkInsert: pgliteBulkInsert(db as unknown as Db, client),
    snapshot: (file) => dumpPglite(client, file),
    exclusive: (_name, fn) => fn(),
    migrationState: () => migrationState(db as unknown as Db),
  };
}

async function openPostgres(url: string, readUrl?: string): Promise<Database> {
  const pg = (await import('pg')).default;
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  // Several platform processes may start together: one migrates while the others wait on the lock.
  const migrator = new pg.Client({ connectionString: url });
  await migrator.connect();
  try {
    await migrator.query('select pg_advisory_lock($1)', [LOCK_KEYS.migrate]);
    await migrate(drizzle(migrator, { schema }), { migrationsFolder: MIGRATIONS });
  } finally {
    await migrator.query('select pg_advisory_unlock($1)', [LOCK_KEYS.migrate]).catch(() => {});
    await migrator.end();
  }
  const openPool = (connectionString: string, max: number) => {
    const pool = new pg.Pool({ connectionString, max });
    // A connection dropped by the server (restart, crash, failover) must not take the process down. The pool
    // listens only on idle connections; one in use between two queries (inside a transaction) emits its error
    // to nobody, which would crash the worker. The request using it fails with its next query, and the pool
    // discards the connection when it comes back unqueryable and opens a new one for the next request.
    pool.on('connect', (client) => client.on('error', (error) => console.warn(`learncity: database connection closed: ${error.message}`)));
    // Logged by the connection's own listener above.
    pool.on('error', () => {});
    return releasingDeadConnections(pool);
  };
  const pool = openPool(url, Number(process.env.DATABASE_POOL_SIZE ?? 10));
  const readPool = readUrl ? openPool(readUrl, Number(process.env.DATABASE_READ_POOL_SIZE ?? 5)) : null;
  const db = drizzle(pool, { schema }) as unknown as Db;
  const listener = createListener(url, pg.Client);

  async function exclusive<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const key = LOCK_KEYS[name];
    if (key === undefined) throw new Error(`no lock named ${name}`);
    // A session lock lives on one connection: held on a client of its own while fn uses the pool.
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('select pg_advisory_lock($1)', [key]);
      return await fn();
    } finally {
      await holder.query('select pg_advisory_unlock($1)', [key]).catch(() => {});
      await holder.end();
    }
  }

  return {
    db,
    readDb: readPool ? (drizzle(readPool, { schema }) as unknown as Db) : db,
    engine: 'postgres',
    listen: listener.listen,
    exclusive,
    bulkInsert: postgresBulkInsert(db),
    pool: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    snapshot: (file) => dumpPostgres(url, file),
    migrationState: () => migrationState(db),
    close: async () => {
      await listener.close();
      await pool.end();
      await readPool?.end();
    },
  };
}

/**
 * A transaction's connection that dies under it goes back to the pool at once, discarded. drizzle releases a
 * transaction's connection only once `begin` has succeeded: a connection that died before (the server
 * restarted while it sat idle, unnoticed, or a crash answered `begin` with an error and then closed the
 * socket) would stay checked out for ever, and enough of them leave every request waiting for a connection.
 * The caller's own release afterwards does nothing.
 */
export function releasingDeadConnections(pool: import('pg').Pool): import('pg').Pool {
  type Client = import('pg').PoolClient;
  const connect = pool.connect.bind(pool) as (cb?: unknown) => Promise<Client> | void;
  // The release of the checkout under way, for clients checked out through the promise API (transactions).
  const checkedOut = new WeakMap<Client, (err?: Error) => void>();
  const watched = new WeakSet<Client>();
  const releaseIfDead = (client: Client, error: unknown) => {
    // pg-pool's own test for a connection it must not reuse (it reads the same fields), whatever the error said.
    const state = client as unknown as { _queryable: boolean; _ending: boolean; _ended: boolean };
    if (state._queryable === false || state._ending || state._ended) checkedOut.get(client)?.(error instanceof Error ? error : new Error(String(error)));
  };
  // Wrapped once per connection, not once per checkout (which would stack a wrapper per transaction).
  const watch = (client: Client) => {
    watched.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const result = query(...args);
      if (result instanceof Promise) result.catch((error) => releaseIfDead(client, error));
      return result;
    };
    // The error may come before the socket closes (the query's rejection reads as alive): the end decides.
    client.on('end', () => checkedOut.get(client)?.(new Error('database connection ended')));
  };
  // pool.query checks out with a callback and releases on error itself; promise callers (transactions) get the guard.
  (pool as { connect: unknown }).connect = (cb?: unknown) =>
    cb
      ? connect(cb)
      : (connect() as Promise<Client>).then((client) => {
          const release = client.release;
          let released = false;
          client.release = (err?: Error | boolean) => {
            if (released) return;
            released = true;
            checkedOut.delete(client);
            release(err);
          };
          checkedOut.set(client, client.release);
          if (!watched.has(client)) watch(client);
          return client;
        });
  return pool;
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

  const connect = (): Promise<import('pg').Client> =>
    (connecting ??= (async () => {
      const c = new Client({ connectionString: url });
      c.on('notification', (n) => {
        for (const h of handlers.get(n.channel) ?? []) h.onPayload(n.payload ?? '');
      });
      c.on('error', () => {
        /* 'end' follows and reconnects */
      });
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
    })().catch((error) => {
      connecting = null;
      throw error;
    }));

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
      const c = client ?? (await connect());
      if (!known && client === c) await c.query(`listen "${channel}"`);
    },
    async close() {
      closed = true;
      await client?.end().catch(() => {});
    },
  };
}
