import { sql } from 'drizzle-orm';
import { pgTable, varchar, text, integer, timestamp, uuid, primaryKey, index, boolean, doublePrecision } from 'drizzle-orm/pg-core';
import { courseContentColumns, purchaseColumns } from './columns';

/** The course library: every course is owned at a level (district, street, community) and shared downwards by its owner. */
export const courses = pgTable(
  'courses',
  {
    id: uuid('id').primaryKey(),
    ...courseContentColumns(),
    ownerRegionCode: varchar('owner_region_code', { length: 12 }).notNull(),
    ownerInstitutionId: uuid('owner_institution_id'),
    shared: boolean('shared').notNull().default(false),
    featured: boolean('featured').notNull().default(false),
    status: varchar('status', { length: 12 }).notNull().default('draft'),
    /** direct | imported | call */
    provenance: varchar('provenance', { length: 12 }).notNull().default('direct'),
    callId: uuid('call_id'),
    proposalId: uuid('proposal_id'),
    ...purchaseColumns(),
    searchText: text('search_text').notNull().default(''),
    createdBy: uuid('created_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('courses_owner_idx').on(sql`${t.ownerRegionCode} varchar_pattern_ops`),
    index('courses_status_idx').on(t.status, t.featured),
    index('courses_search_idx').using('gin', sql`to_tsvector('simple', ${t.searchText})`),
  ],
);

/** Digital resources of a course: an uploaded video, audio or document, or a link. */
export const courseResources = pgTable(
  'course_resources',
  {
    id: uuid('id').primaryKey(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id),
    kind: varchar('kind', { length: 12 }).notNull(),
    title: varchar('title', { length: 100 }).notNull(),
    fileId: uuid('file_id'),
    url: varchar('url', { length: 500 }),
    durationSeconds: integer('duration_seconds'),
    sort: integer('sort').notNull().default(0),
    status: varchar('status', { length: 12 }).notNull().default('draft'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('course_resources_course_idx').on(t.courseId)],
);

/** A resident's online learning on one resource: where they stopped, how long they spent, whether they finished. */
export const resourceProgress = pgTable(
  'resource_progress',
  {
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => courseResources.id),
    userId: uuid('user_id').notNull(),
    positionSeconds: doublePrecision('position_seconds').notNull().default(0),
    furthestSeconds: doublePrecision('furthest_seconds').notNull().default(0),
    secondsSpent: doublePrecision('seconds_spent').notNull().default(0),
    durationSeconds: doublePrecision('duration_seconds'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.resourceId, t.userId] }), index('resource_progress_user_idx').on(t.userId, t.updatedAt)],
);
