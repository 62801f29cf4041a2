// Monitoring and evaluation: indicator definitions and standards (as data, versioned), computed values
// with provenance, data-reporting forms with every submitted version, and reminder notices.
import { sql } from 'drizzle-orm';
import { pgTable, varchar, text, integer, timestamp, uuid, jsonb, doublePrecision, primaryKey, index, uniqueIndex, boolean } from 'drizzle-orm/pg-core';
import { regions } from './regions';
import { bodyVersionsTable } from './columns';

export const indicatorDefinitions = pgTable('indicator_definitions', {
  code: varchar('code', { length: 32 }).primaryKey(),
  version: integer('version').notNull().default(1),
  /** The definition as data: names, area, unit, source (computed | reported | derived) and how. */
  body: jsonb('body').notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const indicatorDefinitionVersions = bodyVersionsTable('indicator_definition_versions');

export const standardSets = pgTable('standard_sets', {
  code: varchar('code', { length: 32 }).primaryKey(),
  version: integer('version').notNull().default(1),
  /** Names, source and the rules: { indicator, level, op, value, perResidents? }[] */
  body: jsonb('body').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const standardSetVersions = bodyVersionsTable('standard_set_versions');

/** The standard sets a district (or city) has chosen to be measured against. */
export const regionStandardSets = pgTable(
  'region_standard_sets',
  {
    regionCode: varchar('region_code', { length: 12 })
      .notNull()
      .references(() => regions.code),
    setCode: varchar('set_code', { length: 32 })
      .notNull()
      .references(() => standardSets.code),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.setCode] })],
);

export const indicatorValues = pgTable(
  'indicator_values',
  {
    // No foreign key: values are derived, written only for regions the same computation read from `regions`
    // (which are never deleted), and the per-row check was a third of writing 450 k values at 10× Suzhou.
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    year: integer('year').notNull(),
    indicatorCode: varchar('indicator_code', { length: 32 }).notNull(),
    value: doublePrecision('value'),
    definitionVersion: integer('definition_version').notNull(),
    /** Provenance: the named query, form field or formula, and each input with its own source. */
    provenance: jsonb('provenance').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // Year and region first: the dashboard reads all values of a region and its children (a street's ~190
    // communities at 10× Suzhou: 220 ms when the region was the key's last column, 2 ms now).
    primaryKey({ columns: [t.year, t.regionCode, t.indicatorCode] }),
    index('indicator_values_region_idx').on(sql`${t.regionCode} varchar_pattern_ops`, t.year),
  ],
);

export const formTemplates = pgTable(
  'form_templates',
  {
    id: uuid('id').primaryKey(),
    title: varchar('title', { length: 100 }).notNull(),
    description: text('description'),
    /** { key, label, type, unit, required, min, max, help, feeds }[] */
    fields: jsonb('fields').notNull(),
    ownerRegionCode: varchar('owner_region_code', { length: 12 })
      .notNull()
      .references(() => regions.code),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('form_templates_owner_idx').on(sql`${t.ownerRegionCode} varchar_pattern_ops`)],
);

export const formTasks = pgTable(
  'form_tasks',
  {
    id: uuid('id').primaryKey(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => formTemplates.id),
    /** The template's fields as assigned, so later template edits never change a running task. */
    fields: jsonb('fields').notNull(),
    title: varchar('title', { length: 100 }).notNull(),
    period: varchar('period', { length: 8 }).notNull(),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    ownerRegionCode: varchar('owner_region_code', { length: 12 })
      .notNull()
      .references(() => regions.code),
    createdBy: varchar('created_by', { length: 64 }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('form_tasks_owner_idx').on(sql`${t.ownerRegionCode} varchar_pattern_ops`)],
);

export const formAssignments = pgTable(
  'form_assignments',
  {
    id: uuid('id').primaryKey(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => formTasks.id),
    unitKind: varchar('unit_kind', { length: 16 }).notNull(),
    regionCode: varchar('region_code', { length: 12 })
      .notNull()
      .references(() => regions.code),
    institutionId: uuid('institution_id'),
    unitName: varchar('unit_name', { length: 100 }).notNull(),
    status: varchar('status', { length: 16 }).notNull().default('pending'),
    currentVersion: integer('current_version').notNull().default(0),
    firstSubmittedAt: timestamp('first_submitted_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedValues: jsonb('accepted_values'),
  },
  (t) => [
    index('form_assignments_task_idx').on(t.taskId),
    index('form_assignments_region_idx').on(sql`${t.regionCode} varchar_pattern_ops`),
    uniqueIndex('form_assignments_unit_uq').on(t.taskId, t.regionCode, sql`coalesce(${t.institutionId}::text, '')`),
  ],
);

export const formSubmissions = pgTable(
  'form_submissions',
  {
    id: uuid('id').primaryKey(),
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => formAssignments.id),
    version: integer('version').notNull(),
    values: jsonb('values').notNull(),
    via: varchar('via', { length: 8 }).notNull(),
    submittedBy: varchar('submitted_by', { length: 64 }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    decision: varchar('decision', { length: 16 }),
    comment: text('comment'),
    reviewedBy: varchar('reviewed_by', { length: 64 }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('form_submissions_version_uq').on(t.assignmentId, t.version)],
);

/** In-app notices for a reporting unit (reminders before and after a deadline). */
export const monitoringNotices = pgTable(
  'monitoring_notices',
  {
    id: uuid('id').primaryKey(),
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => formAssignments.id),
    kind: varchar('kind', { length: 16 }).notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    institutionId: uuid('institution_id'),
    message: text('message').notNull(),
    isRead: boolean('is_read').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('monitoring_notices_once_uq').on(t.assignmentId, t.kind),
    index('monitoring_notices_region_idx').on(sql`${t.regionCode} varchar_pattern_ops`),
  ],
);

/**
 * The annual report's problems and next year's priorities as a leader edited them, per region, year and
 * language; absent, the report uses the text drafted from the indicators that fell short.
 */
export const reportTexts = pgTable(
  'monitoring_report_texts',
  {
    regionCode: varchar('region_code', { length: 12 })
      .notNull()
      .references(() => regions.code),
    year: integer('year').notNull(),
    locale: varchar('locale', { length: 8 }).notNull(),
    /** Null: the drafted text. */
    problems: text('problems'),
    priorities: text('priorities'),
    updatedBy: varchar('updated_by', { length: 64 }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.year, t.locale] })],
);
