import { sql } from 'drizzle-orm';
import { pgTable, varchar, text, timestamp, uuid, jsonb, bigserial, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './accounts';

// Residents' inbox and its SMS copies: owned by the notifications module.

// The residents' in-app inbox; rows with an SMS copy wait in `sms_status = 'pending'` until the
// scheduled delivery sends them after the writing transaction has committed.
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: varchar('kind', { length: 40 }).notNull(),
    title: varchar('title', { length: 200 }).notNull(),
    body: text('body').notNull(),
    link: varchar('link', { length: 300 }),
    // Makes a scheduled notice (a reminder, a deadline) at most once per user.
    dedupeKey: varchar('dedupe_key', { length: 120 }),
    smsStatus: varchar('sms_status', { length: 16 }).notNull().default('none'),
    // The SMS copy as a provider template: its kind (the notice's message key) and variables.
    smsKind: varchar('sms_kind', { length: 60 }),
    smsParams: jsonb('sms_params').$type<Record<string, string>>(),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.seq),
    uniqueIndex('notifications_dedupe_uq').on(t.userId, t.dedupeKey),
    index('notifications_sms_idx')
      .on(t.smsStatus)
      .where(sql`sms_status = 'pending'`),
  ],
);
