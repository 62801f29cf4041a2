import { sql } from 'drizzle-orm';
import { pgTable, varchar, text, integer, timestamp, uuid, jsonb, boolean, primaryKey, index, uniqueIndex, bigserial } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { institutions } from './institutions';
import { regions } from './regions';

// Lottery rounds (摇号): offerings in lottery mode grouped under one application window; the seed is kept
// encrypted until the draw and only its SHA-256 is shown; at the close the anonymised list is frozen into
// `frozen_list` with its digest; the draw writes `lottery_outcomes` and reveals the seed.
export const lotteryRounds = pgTable(
  'lottery_rounds',
  {
    id: uuid('id').primaryKey(),
    name: varchar('name', { length: 100 }).notNull(),
    description: text('description'),
    ownerRegionCode: varchar('owner_region_code', { length: 12 })
      .notNull()
      .references(() => regions.code),
    ownerInstitutionId: uuid('owner_institution_id').references(() => institutions.id),
    termId: uuid('term_id'),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    maxChoices: integer('max_choices').notNull(),
    /** Seats one applicant may win in this round; null = the term's per-resident quota (or 1). */
    quota: integer('quota'),
    /** Drawn by the scheduler after the close when true; otherwise staff press "draw". */
    autoDraw: boolean('auto_draw').notNull().default(false),
    status: varchar('status', { length: 16 }).notNull(), // draft | published | drawn | cancelled
    seedEncrypted: text('seed_encrypted'),
    seedHash: varchar('seed_hash', { length: 64 }),
    seed: varchar('seed', { length: 64 }),
    frozenList: jsonb('frozen_list'),
    listDigest: varchar('list_digest', { length: 64 }),
    frozenAt: timestamp('frozen_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    drawnAt: timestamp('drawn_at', { withTimezone: true }),
    drawnBy: uuid('drawn_by').references(() => users.id),
    // A published round called off before its draw; every applicant is told the reason.
    cancelReason: varchar('cancel_reason', { length: 200 }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('lottery_rounds_region_idx').on(sql`${t.ownerRegionCode} varchar_pattern_ops`), index('lottery_rounds_due_idx').on(t.status, t.closesAt)],
);

/** The round a row belongs to. */
const roundIdColumn = () =>
  uuid('round_id')
    .notNull()
    .references(() => lotteryRounds.id);

/** The resident who applied in the round. */
const applicantIdColumn = () =>
  uuid('resident_id')
    .notNull()
    .references(() => users.id);

// An offering is drawn in at most one round.
export const lotteryRoundOfferings = pgTable(
  'lottery_round_offerings',
  {
    roundId: roundIdColumn(),
    offeringId: uuid('offering_id').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.offeringId] }), uniqueIndex('lottery_round_offerings_offering_uq').on(t.offeringId)],
);

export const lotteryApplications = pgTable(
  'lottery_applications',
  {
    id: uuid('id').primaryKey(),
    roundId: roundIdColumn(),
    residentId: applicantIdColumn(),
    /** The applicant's name as staff see it in results, taken from their account when they applied. */
    displayName: varchar('display_name', { length: 50 }).notNull(),
    /** Offering ids, best first. */
    choices: jsonb('choices').$type<string[]>().notNull(),
    status: varchar('status', { length: 16 }).notNull(), // active | withdrawn
    submittedBy: uuid('submitted_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('lottery_applications_round_resident_uq').on(t.roundId, t.residentId), index('lottery_applications_round_idx').on(t.roundId, t.status)],
);

// One row per seat won, and one row with a null offering for an applicant who won nothing.
export const lotteryOutcomes = pgTable(
  'lottery_outcomes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    roundId: roundIdColumn(),
    residentId: applicantIdColumn(),
    token: varchar('token', { length: 32 }).notNull(),
    /** The applicant's place in the drawn order (1 = first). */
    position: integer('position').notNull(),
    offeringId: uuid('offering_id'),
    choiceRank: integer('choice_rank'),
    enrolmentId: uuid('enrolment_id'),
  },
  (t) => [index('lottery_outcomes_round_idx').on(t.roundId, t.position), index('lottery_outcomes_resident_idx').on(t.residentId)],
);
