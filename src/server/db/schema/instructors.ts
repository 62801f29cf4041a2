import { sql } from 'drizzle-orm';
import { pgTable, varchar, text, timestamp, uuid, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { editedEntryColumns } from './columns';
import { poolOwnerColumns } from './pool-owner';
import { users } from './accounts';

export interface AvailabilitySlot {
  weekday: number;
  from: string;
  to: string;
}

/** The instructor pool (师资库): full-time, part-time and volunteer instructors, owned at one of three levels. */
export const instructors = pgTable(
  'instructors',
  {
    id: uuid('id').primaryKey(),
    name: varchar('name', { length: 50 }).notNull(),
    /** The resident account of the same person, when they have one. */
    residentUserId: uuid('resident_user_id').references(() => users.id),
    kind: varchar('kind', { length: 16 }).notNull(),
    phone: varchar('phone', { length: 20 }).notNull(),
    specialities: jsonb('specialities').$type<string[]>().notNull().default([]),
    languages: jsonb('languages').$type<string[]>().notNull().default([]),
    qualifications: varchar('qualifications', { length: 500 }),
    certificateFileIds: jsonb('certificate_file_ids').$type<string[]>().notNull().default([]),
    bio: text('bio'),
    availability: jsonb('availability').$type<AvailabilitySlot[]>().notNull().default([]),
    ...poolOwnerColumns(),
    vettingStatus: varchar('vetting_status', { length: 16 }).notNull().default('pending'),
    vettedBy: uuid('vetted_by').references(() => users.id),
    vettedByName: varchar('vetted_by_name', { length: 64 }),
    vettingReason: varchar('vetting_reason', { length: 200 }),
    vettedAt: timestamp('vetted_at', { withTimezone: true }),
    ...editedEntryColumns(),
  },
  (t) => [
    index('instructors_owner_region_idx').on(sql`${t.ownerRegionCode} varchar_pattern_ops`),
    uniqueIndex('instructors_phone_uq').on(t.phone),
    index('instructors_specialities_idx').using('gin', t.specialities),
    index('instructors_search_idx').using('gin', sql`to_tsvector('simple', ${t.searchText})`),
  ],
);
