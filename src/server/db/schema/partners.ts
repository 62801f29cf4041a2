import { sql } from 'drizzle-orm';
import { pgTable, varchar, text, integer, timestamp, uuid, jsonb, bigserial, primaryKey, index, uniqueIndex, date } from 'drizzle-orm/pg-core';

// Partner platforms, their daily counts, and webhooks (subscriptions, the outbox, attempts): owned by the partners module.

/** Partner platforms that talk to the learning record store with HTTP Basic credentials. */
export const partners = pgTable(
  'partners',
  {
    id: uuid('id').primaryKey(),
    name: varchar('name', { length: 100 }).notNull(),
    /** The Basic user name; public. */
    key: varchar('key', { length: 40 }).notNull(),
    /** SHA-256 of the random 256-bit secret (see modules/partners/README.md: why not argon2 here). */
    secretHash: varchar('secret_hash', { length: 64 }).notNull(),
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    /** When set, the partner reads only statements about residents living under this region. */
    regionCode: varchar('region_code', { length: 12 }),
    /** The region of the office that registered it; staff manage partners within their scope. */
    ownerRegionCode: varchar('owner_region_code', { length: 12 }).notNull(),
    status: varchar('status', { length: 12 }).notNull().default('active'),
    secretRotatedAt: timestamp('secret_rotated_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('partners_key_uq').on(t.key), index('partners_owner_idx').on(sql`${t.ownerRegionCode} varchar_pattern_ops`)],
);

/** Requests and errors per partner per day (UTC date). */
export const partnerUsage = pgTable(
  'partner_usage',
  {
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    day: date('day', { mode: 'string' }).notNull(),
    requests: integer('requests').notNull().default(0),
    errors: integer('errors').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.day] })],
);

/** A partner's subscription to platform events, delivered to its URL signed with the subscription's secret. */
export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    id: uuid('id').primaryKey(),
    partnerId: uuid('partner_id').notNull(),
    url: text('url').notNull(),
    /** The signing secret, encrypted with the data key (it must be read back to sign). */
    secretEncrypted: text('secret_encrypted').notNull(),
    eventTypes: jsonb('event_types').$type<string[]>().notNull(),
    status: varchar('status', { length: 12 }).notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('webhook_subscriptions_partner_idx').on(t.partnerId)],
);

/**
 * The outbox: one row per event and subscription, written in the transaction of the event. The worker
 * claims due rows (`FOR UPDATE SKIP LOCKED`, then a lease) so several processes never send one twice.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey(),
    subscriptionId: uuid('subscription_id').notNull(),
    partnerId: uuid('partner_id').notNull(),
    eventType: varchar('event_type', { length: 40 }).notNull(),
    eventId: uuid('event_id').notNull(),
    /** The exact bytes sent and signed. */
    body: text('body').notNull(),
    status: varchar('status', { length: 12 }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt), index('webhook_deliveries_partner_idx').on(t.partnerId, t.createdAt)],
);

/** Every attempt of every delivery: answer status (or the error), how long it took. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryId: uuid('delivery_id').notNull(),
    attempt: integer('attempt').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    statusCode: integer('status_code'),
    latencyMs: integer('latency_ms').notNull(),
    error: text('error'),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.id)],
);
