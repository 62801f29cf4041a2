import { pgTable, varchar, integer, date, primaryKey } from 'drizzle-orm/pg-core';

// The installation's daily SMS allowance (owned by the sms module): one row per local day (Asia/Shanghai by default), taken
// by a conditional increment, so every process shares one count.
export const smsDailyBudget = pgTable('sms_daily_budget', {
  day: date('day', { mode: 'string' }).primaryKey(),
  used: integer('used').notNull(),
});

// Messages by day, kind and outcome (sent, failed, refused by the budget, skipped without a template), for
// the operators' metrics.
export const smsDailyCounts = pgTable(
  'sms_daily_counts',
  {
    day: date('day', { mode: 'string' }).notNull(),
    kind: varchar('kind', { length: 60 }).notNull(),
    outcome: varchar('outcome', { length: 16 }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.kind, t.outcome] })],
);
