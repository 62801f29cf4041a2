import { pgTable, varchar, timestamp, jsonb } from 'drizzle-orm/pg-core';

// The installation's own settings (first start, the issuing body, the demo year's state), read by platform.ts and demo.

export const settings = pgTable('settings', {
  key: varchar('key', { length: 64 }).primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
