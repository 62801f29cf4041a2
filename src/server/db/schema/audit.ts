import { sql } from 'drizzle-orm';
import { pgTable, varchar, timestamp, uuid, jsonb, bigserial, index } from 'drizzle-orm/pg-core';

// The audit trail: written by kernel/audit.ts in the same transaction as each change, read by the audit module.

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    actorName: varchar('actor_name', { length: 64 }),
    action: varchar('action', { length: 64 }).notNull(),
    entityType: varchar('entity_type', { length: 32 }).notNull(),
    entityId: varchar('entity_id', { length: 64 }),
    regionCode: varchar('region_code', { length: 12 }),
    ip: varchar('ip', { length: 64 }),
    details: jsonb('details'),
  },
  (t) => [index('audit_at_idx').on(t.at), index('audit_region_idx').on(sql`${t.regionCode} varchar_pattern_ops`)],
);
