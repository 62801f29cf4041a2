// All SQL of the learning archive.
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { learningRecords } from '../../db/schema/index';
import { rowsOf } from '../../kernel/rate-limit';

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

    /** Hours and records per calendar year (Asia/Shanghai) and category, for a resident's archive. */
    async yearTotals(f: RecordFilter) {
      const year = sql<number>`extract(year from ${learningRecords.occurredAt} at time zone 'Asia/Shanghai')::int`;
      const rows = await db.select({
        year, categoryCode: learningRecords.categoryCode, records: sql<number>`count(*)::int`, hours: sql<number>`coalesce(sum(${learningRecords.hours}), 0)::float8`,
      }).from(learningRecords).where(where(f)).groupBy(year, learningRecords.categoryCode).orderBy(sql`1 desc`, learningRecords.categoryCode);
      return rows.map((r) => ({ year: Number(r.year), categoryCode: r.categoryCode, records: Number(r.records), hours: Number(r.hours) }));
    },

    /** Every record of a resident in batches, oldest first, for a download. */
    async *allOf(residentId: string, batch = 500) {
      for (let offset = 0; ; offset += batch) {
        const rows = await db.select().from(learningRecords).where(eq(learningRecords.residentId, residentId)).orderBy(learningRecords.occurredAt, learningRecords.id).limit(batch).offset(offset);
        if (rows.length) yield rows;
        if (rows.length < batch) return;
      }
    },

    /**
     * Learners (distinct), records and hours in a period for the root and every region under it, in one
     * statement: records are first reduced to one row per community and resident (a resident who moved
     * has one per community), and only those rows count for the community and each ancestor code
     * (4, 6, 9, 12 digits), so the distinct count sorts learners rather than four copies of every record.
     */
    async totalsByRegion(rootCode: string, from: Date, to: Date) {
      const rows = rowsOf<{ code: string; learners: number; records: number; hours: number }>(await db.execute(sql`
        with pairs as (
          select r.region_code, r.resident_id, count(*) as records, sum(r.hours) as hours from learning_records r
          where r.region_code like ${rootCode + '%'} and r.occurred_at >= ${from.toISOString()} and r.occurred_at < ${to.toISOString()}
          group by r.region_code, r.resident_id)
        select p.code, count(distinct x.resident_id)::int as learners, sum(x.records)::int as records, coalesce(sum(x.hours), 0)::float8 as hours
        from pairs x
        cross join lateral (values (left(x.region_code, 4)), (left(x.region_code, 6)), (left(x.region_code, 9)), (x.region_code)) as p(code)
        where p.code like ${rootCode + '%'}
        group by p.code`));
      return new Map(rows.map((r) => [r.code, { learners: Number(r.learners), records: Number(r.records), hours: Number(r.hours) }]));
    },

    async find(id: string) {
      const [row] = await db.select().from(learningRecords).where(eq(learningRecords.id, id));
      return row ?? null;
    },
  };
}

export type ArchiveRepository = ReturnType<typeof createArchiveRepository>;
