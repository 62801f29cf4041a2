import { sql } from 'drizzle-orm';
import { pgTable, varchar, integer, timestamp, uuid, index, uniqueIndex } from 'drizzle-orm/pg-core';

// A resident's verified phone or e-mail links and e-mail codes: owned by the identities module.

/** Identifiers a resident verified and consented to link, so partners' statements under them count as theirs. */
export const identityLinks = pgTable(
  'identity_links',
  {
    id: uuid('id').primaryKey(),
    residentId: uuid('resident_id').notNull(),
    kind: varchar('kind', { length: 8 }).notNull(),
    value: varchar('value', { length: 200 }).notNull(),
    /** When the resident gave consent (and so when the link began); consent covers every partner platform. */
    consentedAt: timestamp('consented_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('identity_links_resident_idx').on(t.residentId),
    uniqueIndex('identity_links_active_uq')
      .on(t.kind, t.value)
      .where(sql`revoked_at is null`),
  ],
);

/** E-mail verification codes (hashed), like SMS codes. */
export const emailCodes = pgTable(
  'email_codes',
  {
    id: uuid('id').primaryKey(),
    residentId: uuid('resident_id').notNull(),
    email: varchar('email', { length: 200 }).notNull(),
    codeHash: varchar('code_hash', { length: 64 }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  (t) => [index('email_codes_resident_idx').on(t.residentId, t.createdAt)],
);
