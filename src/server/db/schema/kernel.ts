import { pgTable, varchar, integer, timestamp, primaryKey } from 'drizzle-orm/pg-core';

// Tables of shared kernel pieces: rate-limit counters (kernel/rate-limit.ts) and scheduled-task claims (kernel/scheduler.ts).

// Rate-limit counters live in the database so every process behind a load balancer counts together.
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    bucket: varchar('bucket', { length: 200 }).notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] })],
);

/** When each scheduled task last ran; claiming a run is one conditional update, so it runs once across processes. */
export const scheduledRuns = pgTable('scheduled_runs', {
  name: varchar('name', { length: 64 }).primaryKey(),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }).notNull(),
});
