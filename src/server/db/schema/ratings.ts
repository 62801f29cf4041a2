import { sql } from 'drizzle-orm';
import { pgTable, varchar, text, timestamp, uuid, smallint, index, uniqueIndex, boolean } from 'drizzle-orm/pg-core';
import { users } from './accounts';

// Residents' ratings of classes and events: owned by the ratings module (offerings referred to by id, no foreign key).

/** Ratings (评价): one per resident and offering, with the instructor and organiser copied for averages. */
export const ratings = pgTable(
  'ratings',
  {
    id: uuid('id').primaryKey(),
    offeringId: uuid('offering_id').notNull(),
    residentId: uuid('resident_id')
      .notNull()
      .references(() => users.id),
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
  },
  (t) => [
    uniqueIndex('ratings_offering_resident_uq').on(t.offeringId, t.residentId),
    index('ratings_instructor_idx').on(t.instructorId),
    index('ratings_institution_idx').on(t.institutionId),
    index('ratings_region_idx').on(sql`${t.regionCode} varchar_pattern_ops`),
  ],
);
