import { pgTable, varchar, text, integer, timestamp, uuid, numeric, jsonb, date, index, primaryKey, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { regions } from './regions';

// The leading group (领导小组) of a district: its members, the member units with their written duties,
// the annual tasks they own, their progress reports, supervision and the annual assessment.
export const leadingGroupMembers = pgTable(
  'leading_group_members',
  {
    id: uuid('id').primaryKey(),
    regionCode: varchar('region_code', { length: 12 })
      .notNull()
      .references(() => regions.code),
    name: varchar('name', { length: 50 }).notNull(),
    position: varchar('position', { length: 100 }).notNull(),
    groupRole: varchar('group_role', { length: 16 }).notNull(),
    unitId: uuid('unit_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('leading_group_members_region_idx').on(t.regionCode)],
);

export const memberUnits = pgTable(
  'member_units',
  {
    id: uuid('id').primaryKey(),
    regionCode: varchar('region_code', { length: 12 })
      .notNull()
      .references(() => regions.code),
    name: varchar('name', { length: 100 }).notNull(),
    kind: varchar('kind', { length: 32 }).notNull(),
    position: integer('position').notNull(),
    status: varchar('status', { length: 16 }).notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('member_units_region_name_uq').on(t.regionCode, t.name)],
);

/** A unit's duty, linked to the clause of the policy document it comes from. */
export const memberUnitDuties = pgTable(
  'member_unit_duties',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => memberUnits.id),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    sourceDocument: varchar('source_document', { length: 200 }),
    sourceClause: varchar('source_clause', { length: 100 }),
  },
  (t) => [index('member_unit_duties_unit_idx').on(t.unitId)],
);

/**
 * A district's own template of member units (saved from its list), to set up the leading group again or to
 * share with the streets below; each unit keeps its duties and their sources.
 */
export const memberUnitTemplates = pgTable(
  'member_unit_templates',
  {
    id: uuid('id').primaryKey(),
    regionCode: varchar('region_code', { length: 12 })
      .notNull()
      .references(() => regions.code),
    name: varchar('name', { length: 100 }).notNull(),
    units: jsonb('units').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('member_unit_templates_region_name_uq').on(t.regionCode, t.name)],
);

// Binds a member_unit_reporter account to the unit it reports for (staff_scopes bind only regions and
// institutions).
export const memberUnitStaff = pgTable(
  'member_unit_staff',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => memberUnits.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.unitId] })],
);

export const governanceTasks = pgTable(
  'governance_tasks',
  {
    id: uuid('id').primaryKey(),
    regionCode: varchar('region_code', { length: 12 })
      .notNull()
      .references(() => regions.code),
    year: integer('year').notNull(),
    kind: varchar('kind', { length: 16 }).notNull(),
    title: varchar('title', { length: 200 }).notNull(),
    description: text('description'),
    ownerUnitId: uuid('owner_unit_id')
      .notNull()
      .references(() => memberUnits.id),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    targetText: varchar('target_text', { length: 200 }).notNull(),
    targetValue: numeric('target_value', { precision: 14, scale: 2 }),
    targetUnit: varchar('target_unit', { length: 20 }),
    visitId: uuid('visit_id'),
    status: varchar('status', { length: 16 }).notNull().default('open'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    closingNote: text('closing_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('governance_tasks_region_idx').on(t.regionCode, t.year), index('governance_tasks_owner_idx').on(t.ownerUnitId)],
);

export const taskProgressReports = pgTable(
  'task_progress_reports',
  {
    id: uuid('id').primaryKey(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => governanceTasks.id),
    text: text('text').notNull(),
    achievedValue: numeric('achieved_value', { precision: 14, scale: 2 }),
    evidenceFileIds: jsonb('evidence_file_ids').$type<string[]>().notNull().default([]),
    reportedBy: uuid('reported_by')
      .notNull()
      .references(() => users.id),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('task_progress_reports_task_idx').on(t.taskId)],
);

export const supervisionVisits = pgTable(
  'supervision_visits',
  {
    id: uuid('id').primaryKey(),
    regionCode: varchar('region_code', { length: 12 })
      .notNull()
      .references(() => regions.code),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    subject: varchar('subject', { length: 200 }).notNull(),
    unitId: uuid('unit_id').references(() => memberUnits.id),
    findings: text('findings').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('supervision_visits_region_idx').on(t.regionCode)],
);

export const assessmentPlans = pgTable(
  'assessment_plans',
  {
    id: uuid('id').primaryKey(),
    regionCode: varchar('region_code', { length: 12 })
      .notNull()
      .references(() => regions.code),
    year: integer('year').notNull(),
    title: varchar('title', { length: 200 }).notNull(),
    subjectKind: varchar('subject_kind', { length: 16 }).notNull(),
    status: varchar('status', { length: 16 }).notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('assessment_plans_region_idx').on(t.regionCode)],
);

export const assessmentCriteria = pgTable(
  'assessment_criteria',
  {
    id: uuid('id').primaryKey(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => assessmentPlans.id),
    position: integer('position').notNull(),
    name: varchar('name', { length: 100 }).notNull(),
    weight: numeric('weight', { precision: 6, scale: 2 }).notNull(),
    source: varchar('source', { length: 24 }).notNull(),
    indicatorKey: varchar('indicator_key', { length: 64 }),
  },
  (t) => [index('assessment_criteria_plan_idx').on(t.planId)],
);

/** One subject's score on one criterion, with where it came from (the traceable evidence). */
export const assessmentScores = pgTable(
  'assessment_scores',
  {
    id: uuid('id').primaryKey(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => assessmentPlans.id),
    criterionId: uuid('criterion_id')
      .notNull()
      .references(() => assessmentCriteria.id),
    subjectId: varchar('subject_id', { length: 64 }).notNull(),
    score: numeric('score', { precision: 6, scale: 2 }).notNull(),
    inputValue: numeric('input_value', { precision: 14, scale: 4 }),
    evidence: jsonb('evidence').$type<Record<string, unknown>>().notNull(),
    evidenceFileIds: jsonb('evidence_file_ids').$type<string[]>().notNull().default([]),
    scoredBy: uuid('scored_by')
      .notNull()
      .references(() => users.id),
    scoredAt: timestamp('scored_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('assessment_scores_uq').on(t.planId, t.criterionId, t.subjectId)],
);
