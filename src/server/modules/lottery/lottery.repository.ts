// All SQL of lottery rounds, their applications and outcomes.
import { and, asc, desc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { selectPage } from '../../db/paged-select';
import { rowsOf } from '../../kernel/rate-limit';
import { underRootsOrInstitutions } from '../../kernel/region-scope';
import { lotteryApplications, lotteryOutcomes, lotteryRoundOfferings, lotteryRounds } from '../../db/schema/index';

export type RoundRow = typeof lotteryRounds.$inferSelect;
export type ApplicationRow = typeof lotteryApplications.$inferSelect;
export type OutcomeRow = typeof lotteryOutcomes.$inferSelect;

export interface RoundFilter {
  regionRoots: string[] | 'all';
  institutionIds?: string[];
  statuses?: string[];
  offeringId?: string;
}

export function createLotteryRepository(db: Db) {
  function where(f: RoundFilter): SQL | undefined {
    const conds: SQL[] = [];
    if (f.regionRoots !== 'all')
      conds.push(underRootsOrInstitutions(lotteryRounds.ownerRegionCode, f.regionRoots, lotteryRounds.ownerInstitutionId, f.institutionIds ?? []));
    if (f.statuses) conds.push(inArray(lotteryRounds.status, f.statuses));
    if (f.offeringId)
      conds.push(sql`exists (select 1 from lottery_round_offerings o where o.round_id = ${lotteryRounds.id} and o.offering_id = ${f.offeringId})`);
    return conds.length ? and(...conds) : undefined;
  }

  return {
    async list(f: RoundFilter & { limit: number; offset: number }) {
      const w = where(f);
      return selectPage(db, lotteryRounds, w, [desc(lotteryRounds.closesAt), asc(lotteryRounds.id)], { limit: f.limit, offset: f.offset });
    },

    async find(id: string, tx: DbOrTx = db): Promise<RoundRow | null> {
      const [row] = await tx.select().from(lotteryRounds).where(eq(lotteryRounds.id, id)).limit(1);
      return row ?? null;
    },

    /** Locks the round: `share` for an application (many at once), `update` for the freeze and the draw. */
    async lock(tx: DbOrTx, id: string, mode: 'share' | 'update'): Promise<RoundRow | null> {
      const q = tx.select().from(lotteryRounds).where(eq(lotteryRounds.id, id));
      const [row] = await (mode === 'share' ? q.for('share') : q.for('update'));
      return row ?? null;
    },

    async insert(tx: DbOrTx, row: typeof lotteryRounds.$inferInsert) {
      await tx.insert(lotteryRounds).values(row);
    },

    async update(tx: DbOrTx, id: string, set: Partial<typeof lotteryRounds.$inferInsert>) {
      await tx.update(lotteryRounds).set(set).where(eq(lotteryRounds.id, id));
    },

    async offeringIds(roundId: string, tx: DbOrTx = db): Promise<string[]> {
      const rows = await tx
        .select({ id: lotteryRoundOfferings.offeringId })
        .from(lotteryRoundOfferings)
        .where(eq(lotteryRoundOfferings.roundId, roundId))
        .orderBy(asc(lotteryRoundOfferings.position));
      return rows.map((r) => r.id);
    },

    async offeringIdsOf(roundIds: string[]): Promise<Map<string, string[]>> {
      const out = new Map<string, string[]>(roundIds.map((id) => [id, []]));
      if (!roundIds.length) return out;
      const rows = await db
        .select()
        .from(lotteryRoundOfferings)
        .where(inArray(lotteryRoundOfferings.roundId, roundIds))
        .orderBy(asc(lotteryRoundOfferings.position));
      for (const r of rows) out.get(r.roundId)!.push(r.offeringId);
      return out;
    },

    /** The round (other than `exceptRound`) an offering already belongs to, if any. */
    async roundOfOffering(offeringId: string, exceptRound?: string): Promise<string | null> {
      const conds = [eq(lotteryRoundOfferings.offeringId, offeringId)];
      if (exceptRound) conds.push(sql`${lotteryRoundOfferings.roundId} <> ${exceptRound}`);
      const [row] = await db
        .select({ id: lotteryRoundOfferings.roundId })
        .from(lotteryRoundOfferings)
        .where(and(...conds))
        .limit(1);
      return row?.id ?? null;
    },

    async setOfferings(tx: DbOrTx, roundId: string, offeringIds: string[]) {
      await tx.delete(lotteryRoundOfferings).where(eq(lotteryRoundOfferings.roundId, roundId));
      if (offeringIds.length) await tx.insert(lotteryRoundOfferings).values(offeringIds.map((offeringId, position) => ({ roundId, offeringId, position })));
    },

    async application(roundId: string, residentId: string, tx: DbOrTx = db): Promise<ApplicationRow | null> {
      const [row] = await tx
        .select()
        .from(lotteryApplications)
        .where(and(eq(lotteryApplications.roundId, roundId), eq(lotteryApplications.residentId, residentId)))
        .limit(1);
      return row ?? null;
    },

    /** One application per resident and round: a second submission replaces the first (and revives a withdrawn one). */
    async upsertApplication(tx: DbOrTx, row: typeof lotteryApplications.$inferInsert) {
      await tx
        .insert(lotteryApplications)
        .values(row)
        .onConflictDoUpdate({
          target: [lotteryApplications.roundId, lotteryApplications.residentId],
          set: { choices: row.choices, status: row.status, displayName: row.displayName, submittedBy: row.submittedBy, updatedAt: row.updatedAt },
        });
    },

    async withdraw(tx: DbOrTx, roundId: string, residentId: string, at: Date): Promise<boolean> {
      const rows = await tx
        .update(lotteryApplications)
        .set({ status: 'withdrawn', updatedAt: at })
        .where(and(eq(lotteryApplications.roundId, roundId), eq(lotteryApplications.residentId, residentId), eq(lotteryApplications.status, 'active')))
        .returning({ id: lotteryApplications.id });
      return rows.length === 1;
    },

    async activeApplications(roundId: string, tx: DbOrTx = db): Promise<ApplicationRow[]> {
      return tx
        .select()
        .from(lotteryApplications)
        .where(and(eq(lotteryApplications.roundId, roundId), eq(lotteryApplications.status, 'active')))
        .orderBy(asc(lotteryApplications.id));
    },

    /** Demand: how many active applications name each offering, and how many name it first. */
    async demand(roundId: string): Promise<{ applications: number; byOffering: Map<string, { any: number; first: number }> }> {
      const rows = await db.execute(sql`
        select c.value #>> '{}' as offering_id, count(*)::int as any, count(*) filter (where c.ordinality = 1)::int as first
        from lottery_applications a, jsonb_array_elements(a.choices) with ordinality c
        where a.round_id = ${roundId} and a.status = 'active' group by 1`);
      const [{ n }] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(lotteryApplications)
        .where(and(eq(lotteryApplications.roundId, roundId), eq(lotteryApplications.status, 'active')));
      const list = rowsOf<{ offering_id: string; any: number; first: number }>(rows);
      return { applications: Number(n), byOffering: new Map(list.map((r) => [r.offering_id, { any: Number(r.any), first: Number(r.first) }])) };
    },

    async insertOutcomes(tx: DbOrTx, rows: (typeof lotteryOutcomes.$inferInsert)[]) {
      for (let i = 0; i < rows.length; i += 500) await tx.insert(lotteryOutcomes).values(rows.slice(i, i + 500));
    },

    /** Outcomes in drawn order (`position`), or in the order seats were allocated (`allocation`, what is published). */
    async outcomes(roundId: string, page: { limit: number; offset: number; wonOnly?: boolean; order?: 'position' | 'allocation' }) {
      const w = and(eq(lotteryOutcomes.roundId, roundId), page.wonOnly ? sql`${lotteryOutcomes.offeringId} is not null` : undefined);
      const rows = await db
        .select({ o: lotteryOutcomes, displayName: lotteryApplications.displayName, choices: lotteryApplications.choices })
        .from(lotteryOutcomes)
        .innerJoin(
          lotteryApplications,
          and(eq(lotteryApplications.roundId, lotteryOutcomes.roundId), eq(lotteryApplications.residentId, lotteryOutcomes.residentId)),
        )
        .where(w)
        .orderBy(...(page.order === 'allocation' ? [asc(lotteryOutcomes.id)] : [asc(lotteryOutcomes.position), asc(lotteryOutcomes.id)]))
        .limit(page.limit)
        .offset(page.offset);
      const [{ n }] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(lotteryOutcomes)
        .where(w);
      return { rows, total: Number(n) };
    },

    async outcomesOf(roundId: string, residentId: string): Promise<OutcomeRow[]> {
      return db
        .select()
        .from(lotteryOutcomes)
        .where(and(eq(lotteryOutcomes.roundId, roundId), eq(lotteryOutcomes.residentId, residentId)))
        .orderBy(asc(lotteryOutcomes.id));
    },

    /** Rounds past their close that still need their list frozen or (auto) drawn, for the scheduler. */
    async due(now: Date): Promise<RoundRow[]> {
      return db
        .select()
        .from(lotteryRounds)
        .where(
          and(eq(lotteryRounds.status, 'published'), lte(lotteryRounds.closesAt, now), sql`(${lotteryRounds.frozenAt} is null or ${lotteryRounds.autoDraw})`),
        )
        .orderBy(asc(lotteryRounds.closesAt))
        .limit(20);
    },
  };
}

export type LotteryRepository = ReturnType<typeof createLotteryRepository>;
