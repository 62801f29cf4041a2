import { sql } from 'drizzle-orm';
import { pgTable, varchar, integer, numeric, uuid, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { editedEntryColumns } from './columns';
import { regions } from './regions';

// The network of institutions: owned by the institutions module.

export const institutions = pgTable(
  'institutions',
  {
    id: uuid('id').primaryKey(),
    name: varchar('name', { length: 100 }).notNull(),
    type: varchar('type', { length: 32 }).notNull(),
    regionCode: varchar('region_code', { length: 12 })
      .notNull()
      .references(() => regions.code),
    address: varchar('address', { length: 200 }),
    floorAreaM2: numeric('floor_area_m2', { precision: 10, scale: 1 }),
    fullTimeStaff: integer('full_time_staff').notNull().default(0),
    partTimeStaff: integer('part_time_staff').notNull().default(0),
    contactName: varchar('contact_name', { length: 50 }),
    contactPhone: varchar('contact_phone', { length: 30 }),
    openingHours: varchar('opening_hours', { length: 200 }),
    status: varchar('status', { length: 16 }).notNull().default('active'),
    ...editedEntryColumns(),
  },
  (t) => [
    index('institutions_region_idx').on(sql`${t.regionCode} varchar_pattern_ops`),
    uniqueIndex('institutions_region_name_uq').on(t.regionCode, t.name),
    index('institutions_search_idx').using('gin', sql`to_tsvector('simple', ${t.searchText})`),
  ],
);
