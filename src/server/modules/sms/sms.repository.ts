// All SQL of the SMS budget and counts.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { rowsOf } from '../../kernel/rate-limit';

export type SmsOutcome = 'sent' | 'failed' | 'refused' | 'skipped';

export function createSmsRepository(db: Db) {
  return {
    /**
     * Takes `n` messages from the day's allowance, all or none; false when fewer than `n` are left of `limit` (one
     * statement, so processes cannot overshoot).
     */
    async reserve(day: string, limit: number, n = 1): Promise<boolean> {
      const rows = await db.execute(sql`
        insert into sms_daily_budget (day, used) select ${day}, ${n}::int where ${n}::int <= ${limit}::int
        on conflict (day) do update set used = sms_daily_budget.used + ${n}::int where sms_daily_budget.used + ${n}::int <= ${limit}::int
        returning used`);
      return rowsOf(rows).length === 1;
    },

    async used(day: string): Promise<number> {
      const rows = rowsOf<{ used: number }>(await db.execute(sql`select used::int as used from sms_daily_budget where day = ${day}`));
      return rows.length ? Number(rows[0].used) : 0;
    },

    /** Adds to the day's counts, each (kind, outcome) once in `counts`: one statement for a batch of messages. */
    async count(day: string, counts: { kind: string; outcome: SmsOutcome; n: number }[]) {
      if (!counts.length) return;
      const rows = counts.map((c) => sql`(${day}, ${c.kind}, ${c.outcome}, ${c.n}::int)`);
      await db.execute(sql`
        insert into sms_daily_counts (day, kind, outcome, count) values ${sql.join(rows, sql`, `)}
        on conflict (day, kind, outcome) do update set count = sms_daily_counts.count + excluded.count`);
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
