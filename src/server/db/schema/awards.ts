import { sql } from 'drizzle-orm';
import { pgTable, varchar, text, integer, timestamp, uuid, numeric, jsonb, boolean, date, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { regions } from './regions';

// One campaign per award run (learning stars 2026, learning organisations 2026 …), organised by a
// district; nominations climb community → street → district within per-level quotas.
export const awardCampaigns = pgTable(
  'award_campaigns',
  {
    id: uuid('id').primaryKey(),
    regionCode: varchar('region_code', { length: 12 })
      .notNull()
      .references(() => regions.code),
    type: varchar('type', { length: 32 }).notNull(),
    title: varchar('title', { length: 200 }).notNull(),
    year: integer('year').notNull(),
    description: text('description'),
    allowResidentNominations: boolean('allow_resident_nominations').notNull().default(false),
    nominationDeadline: date('nomination_deadline', { mode: 'string' }),
    quotaCommunity: integer('quota_community').notNull(),
    quotaStreet: integer('quota_street').notNull(),
    quotaDistrict: integer('quota_district').notNull(),
    status: varchar('status', { length: 16 }).notNull().default('open'),
    noticeStartedAt: timestamp('notice_started_at', { withTimezone: true }),
    noticeEndsAt: timestamp('notice_ends_at', { withTimezone: true }),
    commendedAt: timestamp('commended_at', { withTimezone: true }),
    commendationTitle: varchar('commendation_title', { length: 200 }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('award_campaigns_region_idx').on(sql`${t.regionCode} varchar_pattern_ops`)],
);

/** The campaign a row belongs to. */
const campaignIdColumn = () =>
  uuid('campaign_id')
    .notNull()
    .references(() => awardCampaigns.id);

/** The nomination a review, an objection or a commendation concerns. */
const nominationIdColumn = () =>
  uuid('nomination_id')
    .notNull()
    .references(() => awardNominations.id);

export const awardCriteria = pgTable(
  'award_criteria',
  {
    id: uuid('id').primaryKey(),
    campaignId: campaignIdColumn(),
    position: integer('position').notNull(),
    name: varchar('name', { length: 100 }).notNull(),
    description: varchar('description', { length: 500 }),
    weight: numeric('weight', { precision: 6, scale: 2 }).notNull(),
  },
  (t) => [index('award_criteria_campaign_idx').on(t.campaignId)],
);

export const awardNominations = pgTable(
  'award_nominations',
  {
    id: uuid('id').primaryKey(),
    campaignId: campaignIdColumn(),
    communityCode: varchar('community_code', { length: 12 })
      .notNull()
      .references(() => regions.code),
    nomineeName: varchar('nominee_name', { length: 100 }).notNull(),
    nomineeKind: varchar('nominee_kind', { length: 32 }).notNull(),
    teamId: uuid('team_id'),
    summary: text('summary').notNull(),
    contactPhone: varchar('contact_phone', { length: 30 }),
    evidenceFileIds: jsonb('evidence_file_ids').$type<string[]>().notNull().default([]),
    stage: varchar('stage', { length: 16 }).notNull(),
    status: varchar('status', { length: 16 }).notNull(),
    statusReason: text('status_reason'),
    nominatedBy: uuid('nominated_by').references(() => users.id),
    nominatorKind: varchar('nominator_kind', { length: 16 }).notNull(),
    searchText: text('search_text').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('award_nominations_campaign_idx').on(t.campaignId, t.stage),
    index('award_nominations_community_idx').on(sql`${t.communityCode} varchar_pattern_ops`),
  ],
);

/** One decision at one stage: forward (with the reviewer's scores) or reject (with the reason). */
export const awardReviews = pgTable(
  'award_reviews',
  {
    id: uuid('id').primaryKey(),
    nominationId: nominationIdColumn(),
    stage: varchar('stage', { length: 16 }).notNull(),
    decision: varchar('decision', { length: 16 }).notNull(),
    reason: text('reason'),
    scores: jsonb('scores').$type<{ criterionId: string; score: number }[]>().notNull().default([]),
    weightedScore: numeric('weighted_score', { precision: 6, scale: 2 }),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => users.id),
    reviewerName: varchar('reviewer_name', { length: 64 }).notNull(),
    reviewerRegionCode: varchar('reviewer_region_code', { length: 12 }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('award_reviews_nomination_idx').on(t.nominationId)],
);

export const awardObjections = pgTable(
  'award_objections',
  {
    id: uuid('id').primaryKey(),
    campaignId: campaignIdColumn(),
    nominationId: nominationIdColumn(),
    content: text('content').notNull(),
    contactName: varchar('contact_name', { length: 50 }),
    contactPhone: varchar('contact_phone', { length: 30 }),
    lodgedBy: uuid('lodged_by').references(() => users.id),
    lodgedAt: timestamp('lodged_at', { withTimezone: true }).notNull(),
    ip: varchar('ip', { length: 64 }),
    status: varchar('status', { length: 16 }).notNull().default('open'),
    resolution: varchar('resolution', { length: 16 }),
    response: text('response'),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [index('award_objections_campaign_idx').on(t.campaignId, t.status)],
);

// The commendation of record. A certificate (a verifiable credential) is issued from this row once
// the credit bank exists; credential_id stays null until then.
export const awardCommendations = pgTable(
  'award_commendations',
  {
    id: uuid('id').primaryKey(),
    campaignId: campaignIdColumn(),
    nominationId: nominationIdColumn(),
    title: varchar('title', { length: 200 }).notNull(),
    commendedAt: timestamp('commended_at', { withTimezone: true }).notNull(),
    credentialId: varchar('credential_id', { length: 64 }),
  },
  (t) => [uniqueIndex('award_commendations_nomination_uq').on(t.nominationId)],
);
