import { sql } from 'drizzle-orm';
import { pgTable, varchar, uuid, numeric, integer, timestamp, jsonb, date, text, index, uniqueIndex, bigserial } from 'drizzle-orm/pg-core';

/**
 * Credit standards (学分标准): how one type of learning outcome becomes credits. Every change is a new
 * row (code, version) effective from a date; a deposit names the row it was computed with, so a later
 * version never rewrites what was deposited.
 */
export const creditStandards = pgTable(
  'credit_standards',
  {
    id: uuid('id').primaryKey(),
    code: varchar('code', { length: 40 }).notNull(),
    version: integer('version').notNull(),
    category: varchar('category', { length: 32 }).notNull(),
    nameZh: varchar('name_zh', { length: 100 }).notNull(),
    nameEn: varchar('name_en', { length: 100 }).notNull(),
    /** per_hours: hours / hoursPerCredit; fixed: fixedCredits; by_level: levels[level]. */
    method: varchar('method', { length: 16 }).notNull(),
    hoursPerCredit: numeric('hours_per_credit', { precision: 6, scale: 1 }),
    fixedCredits: numeric('fixed_credits', { precision: 6, scale: 1 }),
    levels: jsonb('levels').$type<Record<string, number>>(),
    maxCredits: numeric('max_credits', { precision: 6, scale: 1 }),
    validityYears: integer('validity_years'),
    evidence: text('evidence').notNull(),
    /** Archive records that deposit automatically under this standard (e.g. class + completed). */
    autoSourceType: varchar('auto_source_type', { length: 24 }),
    autoOutcome: varchar('auto_outcome', { length: 16 }),
    effectiveFrom: date('effective_from').notNull(),
    status: varchar('status', { length: 12 }).notNull(),
    source: varchar('source', { length: 200 }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('credit_standards_code_version_uq').on(t.code, t.version)],
);

/** One credit-bank account per resident, opened on first deposit or first read. */
export const creditAccounts = pgTable(
  'credit_accounts',
  {
    id: uuid('id').primaryKey(),
    residentId: uuid('resident_id').notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    /** Set when the holder closed their platform account: the ledger is kept (as the law allows) but marked. */
    holderClosedAt: timestamp('holder_closed_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('credit_accounts_resident_uq').on(t.residentId), index('credit_accounts_region_idx').on(sql`${t.regionCode} varchar_pattern_ops`)],
);

/**
 * The ledger: append-only (a trigger refuses UPDATE and DELETE). Deposits are positive, uses and expiries negative,
 * corrections either, each naming the entry it compensates. A balance is always the sum of entries.
 */
export const creditEntries = pgTable(
  'credit_entries',
  {
    id: uuid('id').primaryKey(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    accountId: uuid('account_id').notNull(),
    kind: varchar('kind', { length: 12 }).notNull(),
    category: varchar('category', { length: 32 }).notNull(),
    credits: numeric('credits', { precision: 8, scale: 1 }).notNull(),
    /** What the entry came from, unique per account: `archive:<record>`, `recognition:<id>`, `partner:<id>:<record>`, `conversion:<id>:<category>`, `correction:<id>`, `expiry:<deposit>`. */
    sourceKey: varchar('source_key', { length: 240 }).notNull(),
    sourceType: varchar('source_type', { length: 16 }).notNull(),
    title: varchar('title', { length: 200 }).notNull(),
    standardId: uuid('standard_id'),
    standardCode: varchar('standard_code', { length: 40 }),
    standardVersion: integer('standard_version'),
    hours: numeric('hours', { precision: 7, scale: 1 }),
    occurredAt: timestamp('occurred_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    correctsEntryId: uuid('corrects_entry_id'),
    reason: text('reason'),
    /** Set when the credit bank issues a certificate for this deposit (credentials module). */
    credentialId: uuid('credential_id'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    details: jsonb('details'),
  },
  (t) => [
    uniqueIndex('credit_entries_source_uq').on(t.accountId, t.sourceKey),
    index('credit_entries_account_idx').on(t.accountId, t.seq),
    // The hourly expiry task looks for deposits past their date.
    index('credit_entries_expiry_idx')
      .on(t.expiresAt)
      .where(sql`${t.kind} = 'deposit'`),
  ],
);

/** A resident's application for recognition (认定) of learning done elsewhere. */
export const recognitionApplications = pgTable(
  'recognition_applications',
  {
    id: uuid('id').primaryKey(),
    residentId: uuid('resident_id').notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    standardCode: varchar('standard_code', { length: 40 }),
    title: varchar('title', { length: 200 }).notNull(),
    provider: varchar('provider', { length: 200 }).notNull(),
    occurredOn: date('occurred_on').notNull(),
    hours: numeric('hours', { precision: 7, scale: 1 }),
    level: varchar('level', { length: 40 }),
    description: text('description'),
    evidenceFileIds: jsonb('evidence_file_ids').$type<string[]>().notNull(),
    status: varchar('status', { length: 16 }).notNull(),
    credits: numeric('credits', { precision: 8, scale: 1 }),
    decidedStandardId: uuid('decided_standard_id'),
    decisionNote: text('decision_note'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    credentialId: uuid('credential_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('recognition_applications_resident_idx').on(t.residentId, t.createdAt),
    index('recognition_applications_region_idx').on(sql`${t.regionCode} varchar_pattern_ops`, t.status),
  ],
);

/** Every step an application went through, shown to the resident and the officer. */
export const recognitionSteps = pgTable(
  'recognition_steps',
  {
    id: uuid('id').primaryKey(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    applicationId: uuid('application_id').notNull(),
    action: varchar('action', { length: 16 }).notNull(),
    note: text('note'),
    fileIds: jsonb('file_ids').$type<string[]>().notNull(),
    actorId: uuid('actor_id'),
    actorName: varchar('actor_name', { length: 100 }),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('recognition_steps_application_idx').on(t.applicationId, t.seq)],
);

/** A partner programme (e.g. an open-university diploma) whose courses credits may replace. */
export const creditProgrammes = pgTable('credit_programmes', {
  id: uuid('id').primaryKey(),
  name: varchar('name', { length: 200 }).notNull(),
  provider: varchar('provider', { length: 200 }).notNull(),
  totalCredits: numeric('total_credits', { precision: 6, scale: 1 }).notNull(),
  /** At most this share of the programme's credits may come from conversion (0.5 = half). */
  capRatio: numeric('cap_ratio', { precision: 4, scale: 2 }).notNull(),
  ownerRegionCode: varchar('owner_region_code', { length: 12 }).notNull(),
  status: varchar('status', { length: 12 }).notNull(),
  description: text('description'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const creditProgrammeCourses = pgTable(
  'credit_programme_courses',
  {
    id: uuid('id').primaryKey(),
    programmeId: uuid('programme_id').notNull(),
    code: varchar('code', { length: 40 }).notNull(),
    name: varchar('name', { length: 200 }).notNull(),
    credits: numeric('credits', { precision: 6, scale: 1 }).notNull(),
  },
  (t) => [uniqueIndex('credit_programme_courses_code_uq').on(t.programmeId, t.code)],
);

/** A set of outcomes (categories with minimum credits) that replaces one course. */
export const creditConversionRules = pgTable(
  'credit_conversion_rules',
  {
    id: uuid('id').primaryKey(),
    programmeId: uuid('programme_id').notNull(),
    courseId: uuid('course_id').notNull(),
    requirements: jsonb('requirements').$type<{ category: string; minCredits: number }[]>().notNull(),
    note: text('note'),
    status: varchar('status', { length: 12 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('credit_conversion_rules_programme_idx').on(t.programmeId)],
);

export const conversionApplications = pgTable(
  'conversion_applications',
  {
    id: uuid('id').primaryKey(),
    residentId: uuid('resident_id').notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    programmeId: uuid('programme_id').notNull(),
    courseId: uuid('course_id').notNull(),
    ruleId: uuid('rule_id').notNull(),
    status: varchar('status', { length: 12 }).notNull(),
    decisionNote: text('decision_note'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('conversion_applications_resident_idx').on(t.residentId),
    index('conversion_applications_region_idx').on(sql`${t.regionCode} varchar_pattern_ops`, t.status),
  ],
);
