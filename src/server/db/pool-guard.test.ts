// The pool guard of db/client.ts on a real PostgreSQL (skipped on the embedded engine, which has no pool).
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { releasingDeadConnections } from './client';

const url = process.env.DATABASE_URL;

describe.runIf(url)('the pool guard', () => {
  it('wraps a connection once, not once per checkout (each transaction stacked another wrapper)', async () => {
    const pool = releasingDeadConnections(new pg.Pool({ connectionString: url, max: 1 }));
    try {
      const first = await pool.connect();
      const query = first.query;
      first.release();
      for (let i = 0; i < 3; i++) {
        const again = await pool.connect();
        expect(again).toBe(first);
        expect(again.query).toBe(query);
        await again.query('select 1');
        again.release();
      }
    } finally {
      await pool.end();
    }
  });

  it('gives back a checked-out connection the server closed, though its holder never releases it', async () => {
    const pool = releasingDeadConnections(new pg.Pool({ connectionString: url, max: 1 }));
    const killer = new pg.Client({ connectionString: url });
    await killer.connect();
    try {
      const held = await pool.connect();
      held.on('error', () => {}); // the termination reaches the holder as an error event too
      const pid = (await held.query('select pg_backend_pid() as pid')).rows[0].pid;
      const ended = new Promise((resolve) => held.once('end', resolve));
      await killer.query('select pg_terminate_backend($1)', [pid]);
      await ended;
      // With max 1, a second checkout is possible only if the dead one went back (discarded) to the pool.
      const next = await Promise.race([pool.connect(), new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
      expect(next, 'the dead connection is still checked out').not.toBeNull();
      expect((await next!.query('select 1 as one')).rows[0].one).toBe(1);
      next!.release();
      held.release(); // the holder's own release, late, does nothing
    } finally {
      await killer.end();
      await pool.end();
    }
  });
});
