// The SQL of unmatched statements: a partner's learning records (completions, attendances) whose actor is no
// resident of this installation, read from the store and its actor links (nothing is copied aside).
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { rowsOf } from '../../kernel/rate-limit';
import { COUNTED_VERBS } from './xapi.intake';
import { localZoneSql } from '../../kernel/local-time-sql';

export interface UnmatchedRow {
  id: string;
  stored: Date;
  verbId: string;
  actor: Record<string, unknown>;
  object: Record<string, unknown>;
}

export function createUnmatchedRepository(db: Db) {
  /** Statements the archive would have taken had the actor been a known resident: counted, not failed, not voided. */
  const unmatched = (partnerId: string): SQL => sql`
    s.partner_id = ${partnerId} and not s.voided and s.actor_key is not null
    and s.verb_id in (${sql.join(
      Object.keys(COUNTED_VERBS).map((v) => sql`${v}`),
      sql`, `,
    )})
    and coalesce(s.statement->'object'->>'objectType', 'Activity') = 'Activity'
    and coalesce(s.statement->'result'->>'success', '') <> 'false' and coalesce(s.statement->'result'->>'completion', '') <> 'false'
    and not exists (select 1 from xapi_actor_links l where l.actor_key = s.actor_key and l.created_at <= s.stored)`;

  return {
    async list(partnerId: string, limit: number, offset: number): Promise<{ rows: UnmatchedRow[]; total: number }> {
      const rows = rowsOf<{ id: string; stored: string | Date; verb_id: string; actor: Record<string, unknown>; object: Record<string, unknown> }>(
        await db.execute(sql`
        select s.id, s.stored, s.verb_id, s.statement->'actor' as actor, s.statement->'object' as object from xapi_statements s
        where ${unmatched(partnerId)} order by s.seq desc limit ${limit} offset ${offset}`),
      );
      const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from xapi_statements s where ${unmatched(partnerId)}`));
      return { rows: rows.map((r) => ({ id: r.id, stored: new Date(r.stored), verbId: r.verb_id, actor: r.actor, object: r.object })), total: Number(n) };
    },
    /** Per local day (the installation's zone) since `from`, newest first. */
    async byDay(partnerId: string, from: Date): Promise<{ day: string; unmatched: number }[]> {
      const rows = rowsOf<{ day: string; n: number }>(
        await db.execute(sql`
        select to_char(s.stored at time zone ${localZoneSql()}, 'YYYY-MM-DD') as day, count(*)::int as n from xapi_statements s
        where ${unmatched(partnerId)} and s.stored >= ${from.toISOString()} group by 1 order by 1 desc`),
      );
      return rows.map((r) => ({ day: r.day, unmatched: Number(r.n) }));
    },
  };
}

export type UnmatchedRepository = ReturnType<typeof createUnmatchedRepository>;
