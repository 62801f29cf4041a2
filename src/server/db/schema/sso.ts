import { pgTable, varchar, text, timestamp, uuid, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';

// OpenID Connect sign-in: linked identities and flows under way, owned by the sso module.

/** Accounts at an outside identity provider (OpenID Connect) linked to a learncity user, with the consent time. */
export const ssoIdentities = pgTable(
  'sso_identities',
  {
    issuer: text('issuer').notNull(),
    subject: varchar('subject', { length: 255 }).notNull(),
    userId: uuid('user_id').notNull(),
    consentedAt: timestamp('consented_at', { withTimezone: true }).notNull(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('sso_identities_uq').on(t.issuer, t.subject), index('sso_identities_user_idx').on(t.userId)],
);

/**
 * A sign-on in progress: state, nonce and PKCE verifier between the redirect and the callback; after the
 * callback, a provider account not yet linked waits here (claims) for the resident to link or register.
 */
export const ssoFlows = pgTable(
  'sso_flows',
  {
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
  },
  (t) => [uniqueIndex('sso_flows_state_uq').on(t.stateHash), index('sso_flows_pending_idx').on(t.pendingHash)],
);
