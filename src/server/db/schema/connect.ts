import { sql } from 'drizzle-orm';
import { pgTable, varchar, text, integer, bigserial, timestamp, uuid, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';

/** A partner's subscription to platform events, delivered to its URL signed with the subscription's secret. */
export const webhookSubscriptions = pgTable('webhook_subscriptions', {
  id: uuid('id').primaryKey(),
  partnerId: uuid('partner_id').notNull(),
  url: text('url').notNull(),
  /** The signing secret, encrypted with the data key (it must be read back to sign). */
  secretEncrypted: text('secret_encrypted').notNull(),
  eventTypes: jsonb('event_types').$type<string[]>().notNull(),
  status: varchar('status', { length: 12 }).notNull().default('active'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [index('webhook_subscriptions_partner_idx').on(t.partnerId)]);

/**
 * The outbox: one row per event and subscription, written in the transaction of the event. The worker
 * claims due rows (`FOR UPDATE SKIP LOCKED`, then a lease) so several processes never send one twice.
 */
export const webhookDeliveries = pgTable('webhook_deliveries', {
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
}, (t) => [
  index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
  index('webhook_deliveries_partner_idx').on(t.partnerId, t.createdAt),
]);

/** Every attempt of every delivery: answer status (or the error), how long it took. */
export const webhookAttempts = pgTable('webhook_attempts', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  deliveryId: uuid('delivery_id').notNull(),
  attempt: integer('attempt').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  statusCode: integer('status_code'),
  latencyMs: integer('latency_ms').notNull(),
  error: text('error'),
}, (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.id)]);

/** Identifiers a resident verified and consented to link, so partners' statements under them count as theirs. */
export const identityLinks = pgTable('identity_links', {
  id: uuid('id').primaryKey(),
  residentId: uuid('resident_id').notNull(),
  kind: varchar('kind', { length: 8 }).notNull(),
  value: varchar('value', { length: 200 }).notNull(),
  /** When the resident gave consent (and so when the link began); consent covers every partner platform. */
  consentedAt: timestamp('consented_at', { withTimezone: true }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
}, (t) => [
  index('identity_links_resident_idx').on(t.residentId),
  uniqueIndex('identity_links_active_uq').on(t.kind, t.value).where(sql`revoked_at is null`),
]);

/** E-mail verification codes (hashed), like SMS codes. */
export const emailCodes = pgTable('email_codes', {
  id: uuid('id').primaryKey(),
  residentId: uuid('resident_id').notNull(),
  email: varchar('email', { length: 200 }).notNull(),
  codeHash: varchar('code_hash', { length: 64 }).notNull(),
  attempts: integer('attempts').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  consumedAt: timestamp('consumed_at', { withTimezone: true }),
}, (t) => [index('email_codes_resident_idx').on(t.residentId, t.createdAt)]);

/** Accounts at an outside identity provider (OpenID Connect) linked to a learncity user, with the consent time. */
export const ssoIdentities = pgTable('sso_identities', {
  issuer: text('issuer').notNull(),
  subject: varchar('subject', { length: 255 }).notNull(),
  userId: uuid('user_id').notNull(),
  consentedAt: timestamp('consented_at', { withTimezone: true }).notNull(),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
}, (t) => [uniqueIndex('sso_identities_uq').on(t.issuer, t.subject), index('sso_identities_user_idx').on(t.userId)]);

/**
 * A sign-on in progress: state, nonce and PKCE verifier between the redirect and the callback; after the
 * callback, a provider account not yet linked waits here (claims) for the resident to link or register.
 */
export const ssoFlows = pgTable('sso_flows', {
  id: uuid('id').primaryKey(),
  stateHash: varchar('state_hash', { length: 64 }).notNull(),
  nonce: varchar('nonce', { length: 64 }).notNull(),
  codeVerifier: varchar('code_verifier', { length: 128 }).notNull(),
  returnTo: varchar('return_to', { length: 200 }),
  /** Set after the callback when the provider account is not linked yet: the hash of the pending cookie's token. */
  pendingHash: varchar('pending_hash', { length: 64 }),
  issuer: text('issuer'),
  subject: varchar('subject', { length: 255 }),
  claims: jsonb('claims').$type<Record<string, unknown>>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
}, (t) => [uniqueIndex('sso_flows_state_uq').on(t.stateHash), index('sso_flows_pending_idx').on(t.pendingHash)]);
