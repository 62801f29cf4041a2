import { sql } from 'drizzle-orm';
import { pgTable, varchar, text, integer, bigint, timestamp, uuid, jsonb, primaryKey, index, doublePrecision } from 'drizzle-orm/pg-core';
import { courseContentColumns, purchaseColumns } from './columns';

// Calls for courses, proposals and reviewers' scores: owned by the calls module.

/** Calls for courses (征集): opened by the district or a street, reviewed against weighted criteria, decided by the office. */
export const courseCalls = pgTable(
  'course_calls',
  {
    id: uuid('id').primaryKey(),
    title: varchar('title', { length: 100 }).notNull(),
    requirements: text('requirements').notNull().default(''),
    categories: jsonb('categories').$type<string[]>().notNull().default([]),
    ownerRegionCode: varchar('owner_region_code', { length: 12 }).notNull(),
    budgetFen: bigint('budget_fen', { mode: 'number' }).notNull(),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    criteria: jsonb('criteria').$type<{ name: string; maxScore: number; weight: number }[]>().notNull(),
    reviewerIds: jsonb('reviewer_ids').$type<string[]>().notNull().default([]),
    status: varchar('status', { length: 12 }).notNull().default('draft'),
    searchText: text('search_text').notNull().default(''),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('course_calls_owner_idx').on(sql`${t.ownerRegionCode} varchar_pattern_ops`)],
);

export const courseProposals = pgTable(
  'course_proposals',
  {
    id: uuid('id').primaryKey(),
    callId: uuid('call_id')
      .notNull()
      .references(() => courseCalls.id),
    ...courseContentColumns(),
    /** institution | instructor | outside (an outside body, entered by staff on its behalf) */
    submitterKind: varchar('submitter_kind', { length: 12 }).notNull(),
    submittedBy: uuid('submitted_by').notNull(),
    submitterName: varchar('submitter_name', { length: 100 }).notNull(),
    institutionId: uuid('institution_id'),
    quotedPriceFen: bigint('quoted_price_fen', { mode: 'number' }),
    status: varchar('status', { length: 12 }).notNull().default('submitted'),
    decisionReason: text('decision_reason'),
    ...purchaseColumns(),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    courseId: uuid('course_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('course_proposals_call_idx').on(t.callId)],
);

/** One reviewer's scores of one proposal; the primary key is what stops a reviewer scoring twice. */
export const proposalScores = pgTable(
  'proposal_scores',
  {
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => courseProposals.id),
    reviewerId: uuid('reviewer_id').notNull(),
    scores: jsonb('scores').$type<number[]>().notNull(),
    /** Weighted score out of 100. */
    total: doublePrecision('total').notNull(),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.reviewerId] })],
);
