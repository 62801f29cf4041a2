import { sql } from 'drizzle-orm';
import { pgTable, varchar, text, integer, timestamp, uuid, numeric, jsonb, date, index, uniqueIndex } from 'drizzle-orm/pg-core';

/** A term (学期) of classes, owned by a region office or an institution; holds the per-person enrolment quota. */
export const terms = pgTable(
  'terms',
  {
    id: uuid('id').primaryKey(),
    ownerRegionCode: varchar('owner_region_code', { length: 12 }).notNull(),
    ownerInstitutionId: uuid('owner_institution_id'),
    name: varchar('name', { length: 100 }).notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    maxEnrolmentsPerResident: integer('max_enrolments_per_resident'),
    /** draft | published | cancelled */
    status: varchar('status', { length: 12 }).notNull().default('draft'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('terms_owner_idx').on(sql`${t.ownerRegionCode} varchar_pattern_ops`)],
);

/** A campaign grouping events across the district, such as the lifelong learning week (全民终身学习活动周). */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey(),
    ownerRegionCode: varchar('owner_region_code', { length: 12 }).notNull(),
    name: varchar('name', { length: 100 }).notNull(),
    description: text('description').notNull().default(''),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    /** draft | published | cancelled */
    status: varchar('status', { length: 12 }).notNull().default('draft'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('campaigns_owner_idx').on(sql`${t.ownerRegionCode} varchar_pattern_ops`)],
);

export interface Eligibility {
  minAge?: number;
  maxAge?: number;
  regionRoots?: string[];
  targetGroups?: string[];
}
/** A class's weekly rule in local time; its sessions are generated from it. */
export interface WeeklySchedule {
  weekdays: number[];
  startTime: string;
  endTime: string;
  fromDate: string;
  toDate: string;
  skipDates: string[];
}

/** Classes and events in one table: what residents find, enrol in and attend. */
export const offerings = pgTable(
  'offerings',
  {
    id: uuid('id').primaryKey(),
    /** class | event */
    kind: varchar('kind', { length: 8 }).notNull(),
    /** For events: lecture | visit | performance | activity. */
    eventType: varchar('event_type', { length: 16 }),
    termId: uuid('term_id').references(() => terms.id),
    campaignId: uuid('campaign_id').references(() => campaigns.id),
    courseId: uuid('course_id'),
    title: varchar('title', { length: 100 }).notNull(),
    description: text('description').notNull().default(''),
    categoryCode: varchar('category_code', { length: 32 }).notNull(),
    targetGroups: jsonb('target_groups').$type<string[]>().notNull().default([]),
    /** offline | online | blended */
    mode: varchar('mode', { length: 12 }).notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    institutionId: uuid('institution_id'),
    venueId: uuid('venue_id'),
    instructorId: uuid('instructor_id'),
    /** The resident account bound to the instructor when the offering was saved (may mark attendance). */
    instructorUserId: uuid('instructor_user_id'),
    capacity: integer('capacity'),
    seatsTaken: integer('seats_taken').notNull().default(0),
    feeCents: integer('fee_cents').notNull().default(0),
    feeWaiver: text('fee_waiver').notNull().default(''),
    /** first_come | lottery | approval | open */
    enrolmentMode: varchar('enrolment_mode', { length: 12 }).notNull(),
    enrolmentOpensAt: timestamp('enrolment_opens_at', { withTimezone: true }),
    enrolmentClosesAt: timestamp('enrolment_closes_at', { withTimezone: true }),
    cancelCutoffHours: integer('cancel_cutoff_hours').notNull().default(24),
    eligibility: jsonb('eligibility').$type<Eligibility>().notNull().default({}),
    /** none | priority_returning | priority_new */
    returningRule: varchar('returning_rule', { length: 20 }).notNull().default('none'),
    previousOfferingId: uuid('previous_offering_id'),
    completionThreshold: integer('completion_threshold').notNull().default(80),
    totalHours: numeric('total_hours', { precision: 7, scale: 1 }).notNull().default('0'),
    schedule: jsonb('schedule').$type<WeeklySchedule | null>(),
    /** Derived from the sessions for the catalogue's filters: ISO weekdays (1–7) and parts of day in local time. */
    weekdays: jsonb('weekdays').$type<number[]>().notNull().default([]),
    dayParts: jsonb('day_parts').$type<string[]>().notNull().default([]),
    firstStartsAt: timestamp('first_starts_at', { withTimezone: true }),
    lastEndsAt: timestamp('last_ends_at', { withTimezone: true }),
    /** draft | published | cancelled | finished */
    status: varchar('status', { length: 12 }).notNull().default('draft'),
    cancelReason: varchar('cancel_reason', { length: 200 }),
    searchText: text('search_text').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('offerings_region_idx').on(sql`${t.regionCode} varchar_pattern_ops`),
    index('offerings_status_idx').on(t.status, t.firstStartsAt),
    index('offerings_term_idx').on(t.termId),
    index('offerings_campaign_idx').on(t.campaignId),
    index('offerings_instructor_idx').on(t.instructorId),
    index('offerings_search_idx').using('gin', sql`to_tsvector('simple', ${t.searchText})`),
  ],
);

export const offeringSessions = pgTable(
  'offering_sessions',
  {
    id: uuid('id').primaryKey(),
    offeringId: uuid('offering_id')
      .notNull()
      .references(() => offerings.id),
    seq: integer('seq').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    hours: numeric('hours', { precision: 5, scale: 1 }).notNull(),
    venueBookingId: uuid('venue_booking_id'),
    /** scheduled | cancelled */
    status: varchar('status', { length: 12 }).notNull().default('scheduled'),
  },
  (t) => [uniqueIndex('offering_sessions_seq_uq').on(t.offeringId, t.seq), index('offering_sessions_time_idx').on(t.startsAt)],
);
