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

/** Drops counter windows older than a day (the longest window any limit uses is an hour). */
export async function purgeRateLimitCounters(db: Db, clock: Clock) {
  const dayAgo = new Date(clock.now().getTime() - 86_400_000).toISOString();
  await db.execute(sql`delete from rate_limit_counters where window_start < ${dayAgo}`);
}

/** drizzle's execute returns `{ rows }` on both drivers we use. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
