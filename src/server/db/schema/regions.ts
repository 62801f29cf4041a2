import { sql } from 'drizzle-orm';
import { pgTable, varchar, integer, primaryKey, index, boolean } from 'drizzle-orm/pg-core';

// Regions (the division tree) and their populations: owned by the regions module.

export const regions = pgTable(
  'regions',
  {
    code: varchar('code', { length: 12 }).primaryKey(),
    parentCode: varchar('parent_code', { length: 12 }),
    name: varchar('name', { length: 100 }).notNull(),
    level: varchar('level', { length: 16 }).notNull(),
    kind: varchar('kind', { length: 16 }),
    isRoot: boolean('is_root').notNull().default(false),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode), index('regions_code_prefix_idx').on(sql`${t.code} varchar_pattern_ops`)],
);

export const regionPopulations = pgTable(
  'region_populations',
  {
    regionCode: varchar('region_code', { length: 12 })
      .notNull()
      .references(() => regions.code),
    year: integer('year').notNull(),
    total: integer('total').notNull(),
    age60plus: integer('age_60_plus'),
    source: varchar('source', { length: 200 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.year] })],
);
