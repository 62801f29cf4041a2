import { pgTable, varchar, integer, boolean, jsonb } from 'drizzle-orm/pg-core';

/** The course taxonomy: categories of courses and instructors' specialities; editable by the district office. */
export const courseCategories = pgTable('course_categories', {
  code: varchar('code', { length: 32 }).primaryKey(),
  nameZh: varchar('name_zh', { length: 50 }).notNull(),
  nameEn: varchar('name_en', { length: 80 }).notNull(),
  /** Typical course names, also used to find a category by what staff write. */
  examples: jsonb('examples').$type<string[]>().notNull().default([]),
  sort: integer('sort').notNull().default(0),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
});
