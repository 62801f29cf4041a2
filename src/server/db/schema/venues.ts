import { sql } from 'drizzle-orm';
import { pgTable, varchar, integer, timestamp, uuid, numeric, jsonb, index, boolean, uniqueIndex } from 'drizzle-orm/pg-core';
import { editedEntryColumns } from './columns';
import { poolOwnerColumns } from './pool-owner';
import { users } from './accounts';
import { regions } from './regions';

/** The venue pool (场地资源库): rooms and grounds of the network and of outside units, owned at one of three levels. */
export const venues = pgTable(
  'venues',
  {
    id: uuid('id').primaryKey(),
    name: varchar('name', { length: 100 }).notNull(),
    ...poolOwnerColumns(),
    unitKind: varchar('unit_kind', { length: 24 }).notNull(),
    unitName: varchar('unit_name', { length: 100 }),
    regionCode: varchar('region_code', { length: 12 })
      .notNull()
      .references(() => regions.code),
    address: varchar('address', { length: 200 }),
    floorAreaM2: numeric('floor_area_m2', { precision: 10, scale: 1 }),
    capacity: integer('capacity'),
    facilities: jsonb('facilities').$type<string[]>().notNull().default([]),
    stepFree: boolean('step_free').notNull().default(false),
    lift: boolean('lift').notNull().default(false),
    hearingLoop: boolean('hearing_loop').notNull().default(false),
    openingHours: varchar('opening_hours', { length: 200 }),
    photoIds: jsonb('photo_ids').$type<string[]>().notNull().default([]),
    bookable: boolean('bookable').notNull().default(true),
    approvalRequired: boolean('approval_required').notNull().default(true),
    contactName: varchar('contact_name', { length: 50 }),
    contactPhone: varchar('contact_phone', { length: 30 }),
    status: varchar('status', { length: 16 }).notNull().default('active'),
    ...editedEntryColumns(),
  },
  (t) => [
    index('venues_owner_region_idx').on(sql`${t.ownerRegionCode} varchar_pattern_ops`),
    index('venues_region_idx').on(sql`${t.regionCode} varchar_pattern_ops`),
    uniqueIndex('venues_region_name_uq').on(t.regionCode, t.name),
    index('venues_search_idx').using('gin', sql`to_tsvector('simple', ${t.searchText})`),
  ],
);

/**
 * A venue booked for a time range by a class, an event or an ad-hoc request. Overlap is refused while
 * holding the venue row's lock (see venues.repository.ts), which works on both engines and across processes.
 */
export const venueBookings = pgTable(
  'venue_bookings',
  {
    id: uuid('id').primaryKey(),
    venueId: uuid('venue_id')
      .notNull()
      .references(() => venues.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    purpose: varchar('purpose', { length: 16 }).notNull(),
    referenceId: uuid('reference_id'),
    title: varchar('title', { length: 100 }).notNull(),
    status: varchar('status', { length: 16 }).notNull(),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    /** The requester's name when they asked, so a calendar reads without another module's tables. */
    requesterName: varchar('requester_name', { length: 64 }).notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    reason: varchar('reason', { length: 200 }),
  },
  (t) => [
    index('venue_bookings_venue_time_idx').on(t.venueId, t.startsAt),
    index('venue_bookings_status_idx').on(t.status),
    index('venue_bookings_reference_idx').on(t.referenceId),
  ],
);
