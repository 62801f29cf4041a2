import { sql } from 'drizzle-orm';
import { pgTable, varchar, uuid, numeric, timestamp, jsonb, integer, smallint, index, uniqueIndex, primaryKey, text, boolean } from 'drizzle-orm/pg-core';
import { users } from './spine';

// Offerings and their sessions belong to the offerings module; these tables hold their ids without a
// foreign key so the modules' migrations can be applied in either order.

/** One row per resident and session that someone marked or checked in: present, absent or excused. */
export const sessionAttendance = pgTable('session_attendance', {
  sessionId: uuid('session_id').notNull(),
  residentId: uuid('resident_id').notNull().references(() => users.id),
  offeringId: uuid('offering_id').notNull(),
  status: varchar('status', { length: 16 }).notNull(),
  /** `qr` when the resident scanned the rotating code, `manual` when staff or the instructor marked it. */
  method: varchar('method', { length: 8 }).notNull(),
  hours: numeric('hours', { precision: 5, scale: 1 }).notNull(),
  checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
  markedBy: uuid('marked_by'),
  markedAt: timestamp('marked_at', { withTimezone: true }).notNull(),
}, (t) => [
  primaryKey({ columns: [t.sessionId, t.residentId] }),
  index('session_attendance_offering_idx').on(t.offeringId, t.residentId),
]);

/**
 * A resident's running total in an offering. Every change of attendance updates this row with one
 * `insert … on conflict do update … returning`, which holds the row lock until the transaction ends, so
 * concurrent check-ins of one resident see each other's counts and exactly one crosses the threshold.
 */
export const attendanceTallies = pgTable('attendance_tallies', {
  offeringId: uuid('offering_id').notNull(),
  residentId: uuid('resident_id').notNull().references(() => users.id),
  sessionsAttended: integer('sessions_attended').notNull().default(0),
  hoursAttended: numeric('hours_attended', { precision: 7, scale: 1 }).notNull().default('0'),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  /** For events: when the first attended session wrote the archive record. */
  attendedAt: timestamp('attended_at', { withTimezone: true }),
}, (t) => [primaryKey({ columns: [t.offeringId, t.residentId] }), index('attendance_tallies_resident_idx').on(t.residentId)]);

/** Points rules of a district (积分规则), one row per saved version; the newest version applies. */
export const pointsRuleVersions = pgTable('points_rule_versions', {
  id: uuid('id').primaryKey(),
  regionCode: varchar('region_code', { length: 12 }).notNull(),
  version: integer('version').notNull(),
  rules: jsonb('rules').notNull(),
  note: varchar('note', { length: 200 }),
  createdBy: uuid('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [uniqueIndex('points_rule_versions_uq').on(t.regionCode, t.version)]);

/** The points ledger (积分流水): append-only; the balance is the sum; each source earns once. */
export const pointsLedger = pgTable('points_ledger', {
  id: uuid('id').primaryKey(),
  residentId: uuid('resident_id').notNull().references(() => users.id),
  points: integer('points').notNull(),
  reason: varchar('reason', { length: 24 }).notNull(),
  sourceType: varchar('source_type', { length: 24 }).notNull(),
  sourceId: varchar('source_id', { length: 200 }).notNull(),
  title: varchar('title', { length: 200 }).notNull(),
  /** What earned it: hours, the rule version applied and its figures. */
  details: jsonb('details'),
  ruleVersionId: uuid('rule_version_id'),
  occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex('points_ledger_source_uq').on(t.residentId, t.reason, t.sourceType, t.sourceId),
  index('points_ledger_resident_idx').on(t.residentId, t.occurredAt),
]);

/** Ratings (评价): one per resident and offering, with the instructor and organiser copied for averages. */
export const ratings = pgTable('ratings', {
  id: uuid('id').primaryKey(),
  offeringId: uuid('offering_id').notNull(),
  residentId: uuid('resident_id').notNull().references(() => users.id),
  instructorId: uuid('instructor_id'),
  institutionId: uuid('institution_id'),
  regionCode: varchar('region_code', { length: 12 }).notNull(),
  /** The offering's title and the rater's name as they were when rating, so lists need no joins across modules. */
  offeringTitle: varchar('offering_title', { length: 200 }).notNull(),
  displayName: varchar('display_name', { length: 50 }).notNull(),
  stars: smallint('stars').notNull(),
  comment: text('comment'),
  commentHidden: boolean('comment_hidden').notNull().default(false),
  hiddenReason: varchar('hidden_reason', { length: 200 }),
  hiddenBy: uuid('hidden_by'),
  hiddenAt: timestamp('hidden_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex('ratings_offering_resident_uq').on(t.offeringId, t.residentId),
  index('ratings_instructor_idx').on(t.instructorId),
  index('ratings_institution_idx').on(t.institutionId),
  index('ratings_region_idx').on(sql`${t.regionCode} varchar_pattern_ops`),
]);
