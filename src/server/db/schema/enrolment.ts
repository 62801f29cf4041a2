import { sql } from 'drizzle-orm';
import { pgTable, varchar, integer, timestamp, uuid, bigserial, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './accounts';

// Enrolments in classes and events (owned by the enrolment module). The seat count lives on the offering
// (`offerings.seats_taken`, changed only through the offerings service's conditional update); this table
// holds who has which place. `offering_id` and `term_id` point at the offerings module's rows without a
// foreign key, so the two modules stay separable.
export const enrolments = pgTable(
  'enrolments',
  {
    id: uuid('id').primaryKey(),
    // Waitlist order: a sequence, because concurrent requests share one clock tick.
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    offeringId: uuid('offering_id').notNull(),
    termId: uuid('term_id'),
    residentId: uuid('resident_id')
      .notNull()
      .references(() => users.id),
    status: varchar('status', { length: 16 }).notNull(),
    source: varchar('source', { length: 16 }).notNull(),
    // A client's retry carries the same key; unique per resident, so a retried request finds the first answer.
    idempotencyKey: varchar('idempotency_key', { length: 100 }),
    viaProxyUserId: uuid('via_proxy_user_id').references(() => users.id),
    lotteryDrawId: uuid('lottery_draw_id'),
    offerExpiresAt: timestamp('offer_expires_at', { withTimezone: true }),
    offeredAt: timestamp('offered_at', { withTimezone: true }),
    waitlistedAt: timestamp('waitlisted_at', { withTimezone: true }),
    reason: varchar('reason', { length: 500 }),
    feeStatus: varchar('fee_status', { length: 16 }).notNull().default('none'),
    paidFen: integer('paid_fen'),
    paymentReference: varchar('payment_reference', { length: 100 }),
    feeNote: varchar('fee_note', { length: 300 }),
    feeRecordedBy: uuid('fee_recorded_by').references(() => users.id),
    feeRecordedAt: timestamp('fee_recorded_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    cancelledBy: uuid('cancelled_by').references(() => users.id),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('enrolments_idempotency_uq').on(t.residentId, t.idempotencyKey),
    // One live place per resident and offering; cancelled and rejected rows stay as history.
    uniqueIndex('enrolments_live_uq')
      .on(t.offeringId, t.residentId)
      .where(sql`status in ('pending', 'enrolled', 'waitlisted', 'offered', 'completed')`),
    index('enrolments_offering_idx').on(t.offeringId, t.status, t.seq),
    index('enrolments_resident_idx').on(t.residentId, t.termId),
    index('enrolments_offer_expiry_idx')
      .on(t.offerExpiresAt)
      .where(sql`status = 'offered'`),
  ],
);

// 代报: a grantor lets a grantee (family member or community worker) enrol on their behalf.
export const proxyGrants = pgTable(
  'proxy_grants',
  {
    id: uuid('id').primaryKey(),
    grantorId: uuid('grantor_id')
      .notNull()
      .references(() => users.id),
    granteeId: uuid('grantee_id')
      .notNull()
      .references(() => users.id),
    status: varchar('status', { length: 16 }).notNull(),
    relation: varchar('relation', { length: 30 }),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    consentMethod: varchar('consent_method', { length: 16 }),
    consentedAt: timestamp('consented_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('proxy_grants_live_uq')
      .on(t.grantorId, t.granteeId)
      .where(sql`status in ('pending', 'active')`),
    index('proxy_grants_grantee_idx').on(t.granteeId, t.status),
  ],
);
