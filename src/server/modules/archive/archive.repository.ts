// All SQL of the learning archive.
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { learningRecords } from '../../db/schema/index';

export type LearningRecordRow = typeof learningRecords.$inferSelect;
export type NewLearningRecord = typeof learningRecords.$inferInsert;

export interface RecordFilter { residentId?: string; regionRoots?: string[] | null; sourceType?: string; from?: Date; to?: Date }

function where(f: RecordFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [
    f.residentId ? eq(learningRecords.residentId, f.residentId) : undefined,
    f.regionRoots ? sql`(${sql.join(f.regionRoots.map((r) => sql`${learningRecords.regionCode} like ${r + '%'}`), sql` or `)})` : undefined,
    f.sourceType ? eq(learningRecords.sourceType, f.sourceType) : undefined,
    f.from ? gte(learningRecords.occurredAt, f.from) : undefined,
    f.to ? lt(learningRecords.occurredAt, f.to) : undefined,
  ];
  return and(...parts.filter(Boolean));
}

export function createArchiveRepository(db: Db) {
  return {
    /** Inserts unless this resident already has a record of this source; returns the row only when new. */
    async insertOnce(tx: DbOrTx, row: NewLearningRecord): Promise<LearningRecordRow | null> {
      const [inserted] = await tx.insert(learningRecords).values(row).onConflictDoNothing({ target: [learningRecords.residentId, learningRecords.sourceType, learningRecords.sourceId] }).returning();
      return inserted ?? null;
    },

    async list(f: RecordFilter, limit: number, offset: number) {
      const condition = where(f);
      const [rows, [{ total }]] = await Promise.all([
        db.select().from(learningRecords).where(condition).orderBy(desc(learningRecords.occurredAt), desc(learningRecords.id)).limit(limit).offset(offset),
        db.select({ total: sql<number>`count(*)::int` }).from(learningRecords).where(condition),
      ]);
      return { rows, total: Number(total) };
    },

    /** Hours and counts by source type and category, for a resident's totals or a region's statistics. */
    async totals(f: RecordFilter) {
      const rows = await db.select({
        sourceType: learningRecords.sourceType,
        categoryCode: learningRecords.categoryCode,
        records: sql<number>`count(*)::int`,
        hours: sql<number>`coalesce(sum(${learningRecords.hours}), 0)::float8`,
        learners: sql<number>`count(distinct ${learningRecords.residentId})::int`,
      }).from(learningRecords).where(where(f)).groupBy(learningRecords.sourceType, learningRecords.categoryCode);
      const [all] = await db.select({ learners: sql<number>`count(distinct ${learningRecords.residentId})::int` }).from(learningRecords).where(where(f));
      return { groups: rows.map((r) => ({ ...r, records: Number(r.records), hours: Number(r.hours), learners: Number(r.learners) })), learners: Number(all.learners) };
    },

    async find(id: string) {
      const [row] = await db.select().from(learningRecords).where(eq(learningRecords.id, id));
      return row ?? null;
    },
  };
}

export type ArchiveRepository = ReturnType<typeof createArchiveRepository>;
