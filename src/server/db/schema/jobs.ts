import { sql } from 'drizzle-orm';
import { pgTable, varchar, integer, timestamp, uuid, jsonb, index } from 'drizzle-orm/pg-core';

// Background jobs and their leases: owned by the jobs module.

/** Long work (imports, reports, draws): status and progress, readable from any process. */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey(),
    kind: varchar('kind', { length: 48 }).notNull(),
    startedBy: uuid('started_by').notNull(),
    status: varchar('status', { length: 12 }).notNull(),
    done: integer('done').notNull().default(0),
    total: integer('total'),
    phase: varchar('phase', { length: 32 }),
    result: jsonb('result'),
    error: jsonb('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** A running job's process renews this while it works; past it, the process is taken for dead. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
  },
  (t) => [
    index('jobs_running_lease_idx')
      .on(t.leaseUntil)
      .where(sql`status = 'running'`),
  ],
);
