import { pgTable, varchar, uuid, timestamp, jsonb, index } from 'drizzle-orm/pg-core';

/**
 * Consents a user gave to the platform's own processing (the privacy notice accepted at registration),
 * with the notice version and the time, so the platform can show what was agreed to and when. Consents
 * kept by other modules (linked identities, sign-on accounts, proxy grants) stay in their own tables.
 */
export const privacyConsents = pgTable(
  'privacy_consents',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id').notNull(),
    purpose: varchar('purpose', { length: 32 }).notNull(),
    noticeVersion: varchar('notice_version', { length: 16 }).notNull(),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [index('privacy_consents_user_idx').on(t.userId)],
);

/**
 * A closed resident account: when, how the resident confirmed it, and what the platform keeps because
 * the law requires it (counts per category, legal basis, retention), so a later enquiry can be answered.
 */
export const accountClosures = pgTable('account_closures', {
  userId: uuid('user_id').primaryKey(),
  closedAt: timestamp('closed_at', { withTimezone: true }).notNull(),
  confirmedBy: varchar('confirmed_by', { length: 12 }).notNull(),
  retained: jsonb('retained').$type<Record<string, { count: number; basis: string; keptUntil: string }>>().notNull(),
});
