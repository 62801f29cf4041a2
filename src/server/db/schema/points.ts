import { pgTable, varchar, integer, timestamp, uuid, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './accounts';

// The points ledger and its per-district rules: owned by the points module. Offerings and sessions are
// referred to by id without a foreign key, so the modules' migrations can be applied in either order.

/** Points rules of a district (积分规则), one row per saved version; the newest version applies. */
export const pointsRuleVersions = pgTable(
  'points_rule_versions',
  {
    id: uuid('id').primaryKey(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    version: integer('version').notNull(),
    rules: jsonb('rules').notNull(),
    note: varchar('note', { length: 200 }),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('points_rule_versions_uq').on(t.regionCode, t.version)],
);

/** The points ledger (积分流水): append-only; the balance is the sum; each source earns once. */
export const pointsLedger = pgTable(
  'points_ledger',
  {
    id: uuid('id').primaryKey(),
    residentId: uuid('resident_id')
      .notNull()
      .references(() => users.id),
    points: integer('points').notNull(),
    reason: varchar('reason', { length: 24 }).notNull(),
    sourceType: varchar('source_type', { length: 24 }).notNull(),
    sourceId: varchar('source_id', { length: 200 }).notNull(),
    title: varchar('title', { length: 200 }).notNull(),
    /** What earned it: hours, the rule version applied and its figures. */
    details: jsonb('details'),
    ruleVersionId: uuid('rule_version_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('points_ledger_source_uq').on(t.residentId, t.reason, t.sourceType, t.sourceId),
    index('points_ledger_resident_idx').on(t.residentId, t.occurredAt),
  ],
);
