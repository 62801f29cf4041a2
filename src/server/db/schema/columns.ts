// Column groups that several tables share because they mean the same thing in each; the tables' SQL is
// unchanged by them (drizzle-kit sees the same columns), so each group is written once.
import { integer, jsonb, primaryKey, pgTable, text, timestamp, varchar } from 'drizzle-orm/pg-core';

/** An entry staff keep in a list: its search words, its version (the If-Match of each write) and when it was made and changed. */
export const editedEntryColumns = () => ({
  searchText: text('search_text').notNull().default(''),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every version a definition kept as data has had (its body as of that version, who changed it and when). */
export const bodyVersionsTable = (name: string) =>
  pgTable(
    name,
    {
      code: varchar('code', { length: 32 }).notNull(),
      version: integer('version').notNull(),
      body: jsonb('body').notNull(),
      changedBy: varchar('changed_by', { length: 64 }),
      changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
    },
    (t) => [primaryKey({ columns: [t.code, t.version] })],
  );
