import { sql } from 'drizzle-orm';
import { pgTable, pgSequence, varchar, text, integer, timestamp, uuid, index, uniqueIndex } from 'drizzle-orm/pg-core';

/** Positions in the revocation status list: every credential takes the next one, never reused. */
export const credentialStatusIndexSeq = pgSequence('credential_status_index_seq', { startWith: 0, minValue: 0 });

/**
 * Verifiable certificates (可验证证书) issued by the platform: completion certificates, award
 * certificates and transcripts, each a signed W3C Verifiable Credential kept exactly as issued (text,
 * so the download is byte-for-byte what was signed). One certificate per completion record and per
 * commendation; transcripts may be issued again as the record grows.
 */
export const credentials = pgTable(
  'credentials',
  {
    id: uuid('id').primaryKey(),
    kind: varchar('kind', { length: 16 }).notNull(),
    sourceId: varchar('source_id', { length: 200 }).notNull(),
    residentId: uuid('resident_id'),
    subjectName: varchar('subject_name', { length: 100 }).notNull(),
    title: varchar('title', { length: 200 }).notNull(),
    /** The region whose staff may see and revoke it: the resident's home community, or the award's community. */
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    statusList: integer('status_list').notNull(),
    statusIndex: integer('status_index').notNull(),
    document: text('document').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true }),
    issuedBy: uuid('issued_by'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by'),
    revokeReason: text('revoke_reason'),
    /** Set when the holder closed their platform account: an issued certificate stays verifiable, marked. */
    holderClosedAt: timestamp('holder_closed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('credentials_source_uq').on(t.kind, t.sourceId),
    uniqueIndex('credentials_status_uq').on(t.statusList, t.statusIndex),
    index('credentials_resident_idx').on(t.residentId, t.issuedAt),
    index('credentials_region_idx').on(sql`${t.regionCode} varchar_pattern_ops`, t.issuedAt),
  ],
);

/**
 * Status entries of credentials signed through the VC-API adapter (conformance runs only): they take
 * positions from the same sequence as certificates, so one status list publishes both, and the
 * VC-API's status call can revoke them. The credential itself is not kept (it is not a certificate).
 */
export const vcApiStatusEntries = pgTable(
  'vc_api_status_entries',
  {
    statusList: integer('status_list').notNull(),
    statusIndex: integer('status_index').notNull(),
    /** The credential's `id` as given (not unique: a caller may issue one id twice). */
    credentialId: varchar('credential_id', { length: 500 }),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('vc_api_status_entries_position_uq').on(t.statusList, t.statusIndex), index('vc_api_status_entries_credential_idx').on(t.credentialId)],
);
