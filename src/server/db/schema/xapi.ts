import { sql } from 'drizzle-orm';
import { pgTable, varchar, text, timestamp, uuid, jsonb, bigserial, primaryKey, index, uniqueIndex, boolean, customType } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** Statements as stored (jsonb) with the columns the query filters need; `seq` orders and pages. */
export const xapiStatements = pgTable(
  'xapi_statements',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull(),
    partnerId: uuid('partner_id'),
    verbId: text('verb_id').notNull(),
    actorKey: text('actor_key'),
    /** IFIs of the actor and (when an agent or group) the object. */
    agentKeys: text('agent_keys').array().notNull(),
    /** agentKeys plus authority, instructor, team and the same inside a sub-statement. */
    relatedAgentKeys: text('related_agent_keys').array().notNull(),
    activityId: text('activity_id'),
    relatedActivityIds: text('related_activity_ids').array().notNull(),
    registration: uuid('registration'),
    /** The statement this one targets with a StatementRef (voiding or otherwise). */
    refStatementId: uuid('ref_statement_id'),
    voided: boolean('voided').notNull().default(false),
    stored: timestamp('stored', { withTimezone: true }).notNull(),
    attachmentHashes: text('attachment_hashes').array().notNull(),
    statement: jsonb('statement').notNull(),
  },
  (t) => [
    uniqueIndex('xapi_statements_id_uq').on(t.id),
    index('xapi_statements_verb_idx').on(t.verbId, t.seq),
    index('xapi_statements_agents_idx').using('gin', t.agentKeys),
    index('xapi_statements_related_agents_idx').using('gin', t.relatedAgentKeys),
    index('xapi_statements_activity_idx').on(t.activityId, t.seq),
    index('xapi_statements_related_activities_idx').using('gin', t.relatedActivityIds),
    index('xapi_statements_registration_idx').on(t.registration, t.seq),
    index('xapi_statements_ref_idx').on(t.refStatementId),
    index('xapi_statements_stored_idx').on(t.stored),
    index('xapi_statements_actor_idx').on(t.actorKey),
  ],
);

/** Attachment bytes, shared by every statement that names the same SHA-2. */
export const xapiAttachments = pgTable('xapi_attachments', {
  sha2: varchar('sha2', { length: 128 }).primaryKey(),
  contentType: varchar('content_type', { length: 200 }).notNull(),
  content: bytea('content').notNull(),
});

/** State, activity profile and agent profile documents. `scope` keys the document: kind + activity/agent/registration. */
export const xapiDocuments = pgTable(
  'xapi_documents',
  {
    kind: varchar('kind', { length: 16 }).notNull(),
    activityId: text('activity_id').notNull().default(''),
    agentKey: text('agent_key').notNull().default(''),
    registration: text('registration').notNull().default(''),
    docId: text('doc_id').notNull(),
    contentType: varchar('content_type', { length: 200 }).notNull(),
    content: bytea('content').notNull(),
    etag: varchar('etag', { length: 64 }).notNull(),
    updated: timestamp('updated', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.activityId, t.agentKey, t.registration, t.docId] })],
);

/** Activity definitions as the store knows them (the latest definition sent wins). */
export const xapiActivities = pgTable('xapi_activities', {
  id: text('id').primaryKey(),
  definition: jsonb('definition'),
});

/** Actors the platform knows to be a resident: by the platform's own account form, or an identifier the resident linked. */
export const xapiActorLinks = pgTable(
  'xapi_actor_links',
  {
    actorKey: text('actor_key').primaryKey(),
    residentId: uuid('resident_id').notNull(),
    /** The resident's home region when linked; partner region restrictions test it. */
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    source: varchar('source', { length: 16 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('xapi_actor_links_resident_idx').on(t.residentId), index('xapi_actor_links_region_idx').on(sql`${t.regionCode} varchar_pattern_ops`)],
);
