import { sql } from 'drizzle-orm';
import { pgTable, varchar, uuid, numeric, integer, boolean, timestamp, jsonb, index, uniqueIndex, primaryKey, bigserial } from 'drizzle-orm/pg-core';

/**
 * The learning archive (学习档案): one row per thing a resident learned — a class completed, a lecture
 * attended, an online course finished, a record from a partner platform, a recognised achievement. Each
 * source is recorded once per resident, however often it is reported.
 */
export const learningRecords = pgTable(
  'learning_records',
  {
    id: uuid('id').primaryKey(),
    residentId: uuid('resident_id').notNull(),
    sourceType: varchar('source_type', { length: 24 }).notNull(),
    sourceId: varchar('source_id', { length: 200 }).notNull(),
    title: varchar('title', { length: 200 }).notNull(),
    categoryCode: varchar('category_code', { length: 32 }),
    hours: numeric('hours', { precision: 7, scale: 1 }).notNull(),
    outcome: varchar('outcome', { length: 16 }).notNull(),
    provider: varchar('provider', { length: 200 }),
    /** The resident's home community when it was recorded, so statistics stay true after a move. */
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    recordedBy: uuid('recorded_by'),
    details: jsonb('details'),
  },
  (t) => [
    uniqueIndex('learning_records_source_uq').on(t.residentId, t.sourceType, t.sourceId),
    index('learning_records_resident_idx').on(t.residentId, t.occurredAt),
    index('learning_records_region_idx').on(sql`${t.regionCode} varchar_pattern_ops`, t.occurredAt),
  ],
);

/**
 * Participation summary, maintained by the archive in the same transaction as each new learning record:
 * one row per resident, local calendar year and community the records were counted for,
 * with the records and hours. Monitoring's participation indicators read these ~1 row per learner instead
 * of every record. `multi` marks a resident with rows in more than one community in the year (someone who
 * moved): only those need a distinct count when communities are rolled up to streets and districts.
 */
export const learningParticipation = pgTable(
  'learning_participation',
  {
    residentId: uuid('resident_id').notNull(),
    year: integer('year').notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    records: integer('records').notNull(),
    hours: numeric('hours', { precision: 14, scale: 1 }).notNull(),
    multi: boolean('multi').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.residentId, t.year, t.regionCode] }),
    index('learning_participation_region_idx').on(t.year, sql`${t.regionCode} varchar_pattern_ops`),
    index('learning_participation_multi_idx')
      .on(t.year, sql`${t.regionCode} varchar_pattern_ops`)
      .where(sql`${t.multi}`),
  ],
);

/**
 * The summary's totals per calendar year and community: residents counted there only (`singles`, not
 * `multi`), records and hours. At city scale a computation reads these few thousand rows, not a row per
 * learner. Writers never update them (that would make one hot row per community): each new record appends
 * its change to `learning_participation_deltas`, and the scheduler folds the deltas in every minute.
 * A reader adds the pending deltas to the totals, so it is exact at any moment.
 */
export const learningParticipationCounts = pgTable(
  'learning_participation_counts',
  {
    year: integer('year').notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    singles: integer('singles').notNull(),
    records: integer('records').notNull(),
    hours: numeric('hours', { precision: 16, scale: 1 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.year, t.regionCode] })],
);

export const learningParticipationDeltas = pgTable('learning_participation_deltas', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  year: integer('year').notNull(),
  regionCode: varchar('region_code', { length: 12 }).notNull(),
  singles: integer('singles').notNull(),
  records: integer('records').notNull(),
  hours: numeric('hours', { precision: 14, scale: 1 }).notNull(),
});
