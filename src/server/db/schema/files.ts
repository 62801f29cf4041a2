import { sql } from 'drizzle-orm';
import { pgTable, varchar, integer, bigint, timestamp, uuid, jsonb, index } from 'drizzle-orm/pg-core';

/** Uploaded files: the bytes live under the data directory, keyed by id; this row is what we know about them. */
export const files = pgTable('files', {
  id: uuid('id').primaryKey(),
  purpose: varchar('purpose', { length: 16 }).notNull(),
  filename: varchar('filename', { length: 200 }).notNull(),
  contentType: varchar('content_type', { length: 100 }).notNull(),
  size: bigint('size', { mode: 'number' }).notNull(),
  sha256: varchar('sha256', { length: 64 }).notNull(),
  uploadedBy: uuid('uploaded_by').notNull(),
  /** null until a module attaches the file to something; unclaimed files are only the uploader's. */
  access: varchar('access', { length: 8 }),
  regionCode: varchar('region_code', { length: 12 }),
  claimedAt: timestamp('claimed_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [index('files_uploader_idx').on(t.uploadedBy), index('files_region_idx').on(sql`${t.regionCode} varchar_pattern_ops`)]);

/** Long work (imports, reports, draws): status and progress, readable from any process. */
export const jobs = pgTable('jobs', {
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
}, (t) => [index('jobs_running_lease_idx').on(t.leaseUntil).where(sql`status = 'running'`)]);

/** When each scheduled task last ran; claiming a run is one conditional update, so it runs once across processes. */
export const scheduledRuns = pgTable('scheduled_runs', {
  name: varchar('name', { length: 64 }).primaryKey(),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }).notNull(),
});
