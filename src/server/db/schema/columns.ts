// Column groups that several tables share because they mean the same thing in each; the tables' SQL is
// unchanged by them (drizzle-kit sees the same columns), so each group is written once.
import { bigint, integer, jsonb, numeric, primaryKey, pgTable, text, timestamp, varchar } from 'drizzle-orm/pg-core';

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

/** What a course is about and how it is taught: the library's course, and a proposal to a call that may become one. */
export const courseContentColumns = () => ({
  title: varchar('title', { length: 100 }).notNull(),
  category: varchar('category', { length: 32 }).notNull(),
  targetGroups: jsonb('target_groups').$type<string[]>().notNull().default([]),
  mode: varchar('mode', { length: 12 }).notNull(),
  learningHours: numeric('learning_hours', { precision: 6, scale: 1 }).notNull(),
  description: text('description').notNull().default(''),
  syllabus: text('syllabus').notNull().default(''),
  materialFileIds: jsonb('material_file_ids').$type<string[]>().notNull().default([]),
});

/** A course bought through a call: the price agreed, the contract and who supplies it (on the proposal and on the course). */
export const purchaseColumns = () => ({
  priceFen: bigint('price_fen', { mode: 'number' }),
  contractNo: varchar('contract_no', { length: 64 }),
  supplier: varchar('supplier', { length: 100 }),
});
