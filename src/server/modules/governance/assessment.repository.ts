// All SQL about annual assessment plans, their criteria and the scores with their evidence.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { selectPage } from '../../db/paged-select';
import { assessmentCriteria, assessmentPlans, assessmentScores } from '../../db/schema/index';

export type PlanRow = typeof assessmentPlans.$inferSelect;
export type CriterionRow = typeof assessmentCriteria.$inferSelect;
export type ScoreRow = typeof assessmentScores.$inferSelect;

export function createAssessmentRepository(db: Db) {
  return {
    async list(regionCodes: string[] | null, limit: number, offset: number) {
      const w = regionCodes ? (regionCodes.length ? inArray(assessmentPlans.regionCode, regionCodes) : sql`false`) : undefined;
      return selectPage(db, assessmentPlans, w, [desc(assessmentPlans.year), desc(assessmentPlans.createdAt)], { limit, offset });
    },
    async find(id: string): Promise<PlanRow | null> {
      const [row] = await db.select().from(assessmentPlans).where(eq(assessmentPlans.id, id)).limit(1);
      return row ?? null;
    },
    async lock(tx: DbOrTx, id: string): Promise<PlanRow> {
      const [row] = await tx.select().from(assessmentPlans).where(eq(assessmentPlans.id, id)).for('update');
      return row;
    },
    async criteriaOf(planIds: string[]): Promise<CriterionRow[]> {
      if (!planIds.length) return [];
      return db.select().from(assessmentCriteria).where(inArray(assessmentCriteria.planId, planIds)).orderBy(asc(assessmentCriteria.position));
    },
    async insert(tx: DbOrTx, plan: typeof assessmentPlans.$inferInsert, criteria: (typeof assessmentCriteria.$inferInsert)[]) {
      await tx.insert(assessmentPlans).values(plan);
      await tx.insert(assessmentCriteria).values(criteria);
    },
    async scoresOf(planId: string): Promise<ScoreRow[]> {
      return db.select().from(assessmentScores).where(eq(assessmentScores.planId, planId));
    },
    async upsertScore(tx: DbOrTx, row: typeof assessmentScores.$inferInsert) {
      await tx
        .insert(assessmentScores)
        .values(row)
        .onConflictDoUpdate({
          target: [assessmentScores.planId, assessmentScores.criterionId, assessmentScores.subjectId],
          set: {
            score: row.score,
            inputValue: row.inputValue,
            evidence: row.evidence,
            evidenceFileIds: row.evidenceFileIds,
            scoredBy: row.scoredBy,
            scoredAt: row.scoredAt,
          },
        });
    },
    async publish(tx: DbOrTx, id: string, at: Date) {
      await tx
        .update(assessmentPlans)
        .set({ status: 'published', publishedAt: at })
        .where(and(eq(assessmentPlans.id, id), eq(assessmentPlans.status, 'draft')));
    },
  };
}

export type AssessmentRepository = ReturnType<typeof createAssessmentRepository>;
