// All SQL of learning points.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { pointsLedger, pointsRuleVersions } from '../../db/schema/index';

export type LedgerRow = typeof pointsLedger.$inferSelect;
export type RuleVersionRow = typeof pointsRuleVersions.$inferSelect;

export function createPointsRepository(db: Db) {
  return {
    /** The newest rules of a district, read inside the caller's transaction. */
    async currentRules(tx: DbOrTx, regionCode: string): Promise<RuleVersionRow | null> {
      const [row] = await tx
        .select()
        .from(pointsRuleVersions)
        .where(eq(pointsRuleVersions.regionCode, regionCode))
        .orderBy(desc(pointsRuleVersions.version))
        .limit(1);
      return row ?? null;
    },

    async ruleVersions(regionCode: string, limit: number, offset: number) {
      const where = eq(pointsRuleVersions.regionCode, regionCode);
      const [rows, [{ total }]] = await Promise.all([
        db.select().from(pointsRuleVersions).where(where).orderBy(desc(pointsRuleVersions.version)).limit(limit).offset(offset),
        db
          .select({ total: sql<number>`count(*)::int` })
          .from(pointsRuleVersions)
          .where(where),
      ]);
      return { rows, total: Number(total) };
    },

    /** A new version; the unique (region, version) index refuses a concurrent save of the same version. */
    async insertVersion(tx: DbOrTx, row: typeof pointsRuleVersions.$inferInsert) {
      const [inserted] = await tx.insert(pointsRuleVersions).values(row).onConflictDoNothing().returning();
      return inserted ?? null;
    },

    /** Appends an entry unless this source already earned its points; returns the row only when new. */
    async appendOnce(tx: DbOrTx, row: typeof pointsLedger.$inferInsert): Promise<LedgerRow | null> {
      const [inserted] = await tx
        .insert(pointsLedger)
        .values(row)
        .onConflictDoNothing({ target: [pointsLedger.residentId, pointsLedger.reason, pointsLedger.sourceType, pointsLedger.sourceId] })
        .returning();
      return inserted ?? null;
    },

    async ledger(residentId: string, limit: number, offset: number) {
      const where = eq(pointsLedger.residentId, residentId);
      const [rows, [{ total, balance }]] = await Promise.all([
        db.select().from(pointsLedger).where(where).orderBy(desc(pointsLedger.occurredAt), desc(pointsLedger.id)).limit(limit).offset(offset),
        db
          .select({ total: sql<number>`count(*)::int`, balance: sql<number>`coalesce(sum(${pointsLedger.points}), 0)::int` })
          .from(pointsLedger)
          .where(where),
      ]);
      return { rows, total: Number(total), balance: Number(balance) };
    },

    /** Points each source earned for a resident, for the archive page. */
    async bySources(residentId: string, sourceIds: string[]) {
      if (!sourceIds.length) return [];
      return db
        .select({ sourceId: pointsLedger.sourceId, points: sql<number>`sum(${pointsLedger.points})::int` })
        .from(pointsLedger)
        .where(and(eq(pointsLedger.residentId, residentId), sql`${pointsLedger.sourceId} in ${sourceIds}`))
        .groupBy(pointsLedger.sourceId);
    },
  };
}

export type PointsRepository = ReturnType<typeof createPointsRepository>;
