import { pgTable, varchar, integer, numeric, timestamp, uuid, primaryKey, index } from 'drizzle-orm/pg-core';
import { users } from './accounts';

// Offerings and their sessions belong to the offerings module; these tables hold their ids without a
// foreign key so the modules' migrations can be applied in either order.

/** One row per resident and session that someone marked or checked in: present, absent or excused. */
export const sessionAttendance = pgTable(
  'session_attendance',
  {
    sessionId: uuid('session_id').notNull(),
    residentId: uuid('resident_id')
      .notNull()
      .references(() => users.id),
    offeringId: uuid('offering_id').notNull(),
    status: varchar('status', { length: 16 }).notNull(),
    /** `qr` when the resident scanned the rotating code, `manual` when staff or the instructor marked it. */
    method: varchar('method', { length: 8 }).notNull(),
    hours: numeric('hours', { precision: 5, scale: 1 }).notNull(),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    markedBy: uuid('marked_by'),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.residentId] }), index('session_attendance_offering_idx').on(t.offeringId, t.residentId)],
);

/**
 * A resident's running total in an offering. Every change of attendance updates this row with one
 * `insert … on conflict do update … returning`, which holds the row lock until the transaction ends, so
 * concurrent check-ins of one resident see each other's counts and exactly one crosses the threshold.
 */
export const attendanceTallies = pgTable(
  'attendance_tallies',
  {
    offeringId: uuid('offering_id').notNull(),
    residentId: uuid('resident_id')
      .notNull()
      .references(() => users.id),
    sessionsAttended: integer('sessions_attended').notNull().default(0),
    hoursAttended: numeric('hours_attended', { precision: 7, scale: 1 }).notNull().default('0'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** For events: when the first attended session wrote the archive record. */
    attendedAt: timestamp('attended_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.offeringId, t.residentId] }), index('attendance_tallies_resident_idx').on(t.residentId)],
);
