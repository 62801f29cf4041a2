import { sql } from 'drizzle-orm';
import { pgTable, varchar, bigint, timestamp, uuid, index } from 'drizzle-orm/pg-core';

// Uploaded files: owned by the files module.

/** Uploaded files: the bytes live under the data directory, keyed by id; this row is what we know about them. */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey(),
    purpose: varchar('purpose', { length: 16 }).notNull(),
    filename: varchar('filename', { length: 200 }).notNull(),
    contentType: varchar('content_type', { length: 100 }).notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: varchar('sha256', { length: 64 }).notNull(),
    uploadedBy: uuid('uploaded_by').notNull(),
    /** null until a module attaches the file to something; unclaimed files are only the uploader's. */
    access: varchar('access', { length: 8 }),
    regionCode: varchar('region_code', { length: 12 }),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('files_uploader_idx').on(t.uploadedBy), index('files_region_idx').on(sql`${t.regionCode} varchar_pattern_ops`)],
);
