// Fixed-window counters in the database, shared by every process: login, registration and SMS.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Clock } from './clock';
import { RateLimited } from './errors';

export type RateLimiter = (bucket: string, limit: number, windowSeconds: number) => Promise<void>;

export function createRateLimiter(db: Db, clock: Clock): RateLimiter {
  return async (bucket, limit, windowSeconds) => {
    const now = clock.now().getTime();
    const windowMs = windowSeconds * 1000;
    const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
    const rows = await db.execute(sql`
      insert into rate_limit_counters (bucket, window_start, hits) values (${bucket}, ${windowStart.toISOString()}, 1)
      on conflict (bucket, window_start) do update set hits = rate_limit_counters.hits + 1
      returning hits::int as hits`);
    const hits = Number(rowsOf<{ hits: number }>(rows)[0].hits);
    if (hits > limit) throw new RateLimited(Math.ceil((windowStart.getTime() + windowMs - now) / 1000));
  };
}

/** drizzle's execute returns `{ rows }` on both drivers we use. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
