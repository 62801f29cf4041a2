// All SQL of the SMS budget and counts.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { rowsOf } from '../../kernel/rate-limit';

export type SmsOutcome = 'sent' | 'failed' | 'refused' | 'skipped';

export function createSmsRepository(db: Db) {
  return {
    /** Takes one message from the day's allowance; false when `limit` are already taken (one statement, so processes cannot overshoot). */
    async reserve(day: string, limit: number): Promise<boolean> {
      const rows = await db.execute(sql`
        insert into sms_daily_budget (day, used) values (${day}, 1)
        on conflict (day) do update set used = sms_daily_budget.used + 1 where sms_daily_budget.used < ${limit}
        returning used`);
      return rowsOf(rows).length === 1;
    },

    async used(day: string): Promise<number> {
      const rows = rowsOf<{ used: number }>(await db.execute(sql`select used::int as used from sms_daily_budget where day = ${day}`));
      return rows.length ? Number(rows[0].used) : 0;
    },

    async count(day: string, kind: string, outcome: SmsOutcome) {
      await db.execute(sql`
        insert into sms_daily_counts (day, kind, outcome, count) values (${day}, ${kind}, ${outcome}, 1)
        on conflict (day, kind, outcome) do update set count = sms_daily_counts.count + 1`);
    },

    /** Totals by kind and outcome since the installation began (what a metrics endpoint exports as counters). */
    async totals(): Promise<{ kind: string; outcome: SmsOutcome; count: number }[]> {
      const rows = rowsOf<{ kind: string; outcome: SmsOutcome; count: number }>(
        await db.execute(sql`
        select kind, outcome, sum(count)::int as count from sms_daily_counts group by kind, outcome order by kind, outcome`),
      );
      return rows.map((r) => ({ ...r, count: Number(r.count) }));
    },
  };
}

export type SmsRepository = ReturnType<typeof createSmsRepository>;
