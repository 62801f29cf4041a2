// All SQL of the learning archive.
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { selectInBatches } from '../../db/paged-select';
import { learningParticipation, learningParticipationDeltas, learningRecords } from '../../db/schema/index';
import { rowsOf } from '../../kernel/rate-limit';
import { underRoots } from '../../kernel/region-scope';
import { localTime } from '../../../contracts/local-time';
import { localZoneSql } from '../../kernel/local-time-sql';

export type LearningRecordRow = typeof learningRecords.$inferSelect;
export type NewLearningRecord = typeof learningRecords.$inferInsert;

/** A record's calendar year in the installation's zone, as the database counts it (the participation summary's year). */
const localYearSql = () => sql`extract(year from occurred_at at time zone ${localZoneSql()})::int`;

export type RegionTotals = Map<string, { learners: number; records: number; hours: number }>;

export interface RecordFilter {
  residentId?: string;
  regionRoots?: string[] | null;
  sourceType?: string;
  from?: Date;
  to?: Date;
}

function where(f: RecordFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [
    f.residentId ? eq(learningRecords.residentId, f.residentId) : undefined,
    f.regionRoots ? underRoots(learningRecords.regionCode, f.regionRoots) : undefined,
    f.sourceType ? eq(learningRecords.sourceType, f.sourceType) : undefined,
    f.from ? gte(learningRecords.occurredAt, f.from) : undefined,
    f.to ? lt(learningRecords.occurredAt, f.to) : undefined,
  ];
  return and(...parts.filter(Boolean));
}

export function createArchiveRepository(db: Db) {
  return {
    /**
     * Inserts unless this resident already has a record of this source; returns the row only when new.
     * A new record is added to the participation summary in the same transaction: its (resident, year,
     * community) row is created or counted up, and the change to its community's totals is appended as a
     * delta. When the row is new, a lock on (resident, year) is taken before looking for the resident's
     * other communities that year, so of two concurrent first records in different communities the later
     * one sees the earlier (committed) and both are marked `multi`; each row that turns `multi` stops
     * counting as a single resident of its community (a delta of -1).
     */
    async insertOnce(tx: DbOrTx, row: NewLearningRecord): Promise<LearningRecordRow | null> {
      const [inserted] = await tx
        .insert(learningRecords)
        .values(row)
        .onConflictDoNothing({ target: [learningRecords.residentId, learningRecords.sourceType, learningRecords.sourceId] })
        .returning();
      if (!inserted) return null;
      const year = localTime.year(inserted.occurredAt);
      const key = { residentId: inserted.residentId, year, regionCode: inserted.regionCode };
      const created = await tx
        .insert(learningParticipation)
        .values({ ...key, records: 1, hours: inserted.hours })
        .onConflictDoNothing()
        .returning({ year: learningParticipation.year });
      const deltas = [{ year, regionCode: key.regionCode, singles: created.length ? 1 : 0, records: 1, hours: inserted.hours }];
      if (created.length) {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${inserted.residentId}), ${year})`);
        const turned = rowsOf<{ region_code: string }>(
          await tx.execute(sql`update learning_participation set multi = true
          where resident_id = ${inserted.residentId} and year = ${year} and not multi
            and (select count(*) from learning_participation where resident_id = ${inserted.residentId} and year = ${year}) > 1
          returning region_code`),
        );
        for (const t of turned) deltas.push({ year, regionCode: t.region_code, singles: -1, records: 0, hours: '0' });
      } else {
        await tx
          .update(learningParticipation)
          .set({ records: sql`${learningParticipation.records} + 1`, hours: sql`${learningParticipation.hours} + ${inserted.hours}` })
          .where(
            and(
              eq(learningParticipation.residentId, key.residentId),
              eq(learningParticipation.year, year),
              eq(learningParticipation.regionCode, key.regionCode),
            ),
          );
      }
      await tx.insert(learningParticipationDeltas).values(deltas);
      return inserted;
    },

    /** Folds the pending deltas into the communities' totals (the scheduler, every minute). Returns how many. */
    async foldParticipationDeltas(): Promise<number> {
      return db.transaction(async (tx) => {
        const rows = rowsOf<{ n: number }>(
          await tx.execute(sql`
          with moved as (delete from learning_participation_deltas returning year, region_code, singles, records, hours),
          folded as (
            insert into learning_participation_counts as c (year, region_code, singles, records, hours)
            select year, region_code, sum(singles), sum(records), sum(hours) from moved group by 1, 2
            on conflict (year, region_code) do update
              set singles = c.singles + excluded.singles, records = c.records + excluded.records, hours = c.hours + excluded.hours
            returning 1)
          select (select count(*) from moved)::int as n`),
        );
        return Number(rows[0]?.n ?? 0);
      });
    },

    /** Rebuilds the participation summary and its totals from the records (after a bulk load that bypassed `insertOnce`). */
    async rebuildParticipation() {
      await db.transaction(async (tx) => {
        await tx.execute(sql`set local work_mem = '256MB'`);
        await tx.execute(sql`delete from learning_participation`);
        await tx.execute(sql`insert into learning_participation (resident_id, year, region_code, records, hours)
          select resident_id, ${localYearSql()}, region_code, count(*)::int, sum(hours) from learning_records group by 1, 2, 3`);
        await tx.execute(sql`update learning_participation p set multi = true
          from (select resident_id, year from learning_participation group by 1, 2 having count(*) > 1) m
          where p.resident_id = m.resident_id and p.year = m.year`);
        await tx.execute(sql`delete from learning_participation_deltas`);
        await tx.execute(sql`delete from learning_participation_counts`);
        await tx.execute(sql`insert into learning_participation_counts (year, region_code, singles, records, hours)
          select year, region_code, count(*) filter (where not multi), sum(records), sum(hours) from learning_participation group by 1, 2`);
      });
    },

    async list(f: RecordFilter, limit: number, offset: number) {
      const condition = where(f);
      // The page and its total in one round trip; past the last page, count apart.
      const page = await db
        .select({ row: learningRecords, total: sql<number>`count(*) over ()` })
        .from(learningRecords)
        .where(condition)
        .orderBy(desc(learningRecords.occurredAt), desc(learningRecords.id))
        .limit(limit)
        .offset(offset);
      if (page.length) return { rows: page.map((p) => p.row), total: Number(page[0].total) };
      const [{ total }] = await db
        .select({ total: sql<number>`count(*)::int` })
        .from(learningRecords)
        .where(condition);
      return { rows: [], total: Number(total) };
    },

    /** Hours and counts by source type and category, for a resident's totals or a region's statistics. */
    async totals(f: RecordFilter) {
      const rows = await db
        .select({
          sourceType: learningRecords.sourceType,
          categoryCode: learningRecords.categoryCode,
          records: sql<number>`count(*)::int`,
          hours: sql<number>`coalesce(sum(${learningRecords.hours}), 0)::float8`,
          learners: sql<number>`count(distinct ${learningRecords.residentId})::int`,
        })
        .from(learningRecords)
        .where(where(f))
        .groupBy(learningRecords.sourceType, learningRecords.categoryCode);
      const [all] = await db
        .select({ learners: sql<number>`count(distinct ${learningRecords.residentId})::int` })
        .from(learningRecords)
        .where(where(f));
      return {
        groups: rows.map((r) => ({ ...r, records: Number(r.records), hours: Number(r.hours), learners: Number(r.learners) })),
        learners: Number(all.learners),
      };
    },

    /** Records and hours by local calendar year, source and category: a resident's totals in one read. */
    async residentTotals(residentId: string) {
      const year = sql<number>`extract(year from ${learningRecords.occurredAt} at time zone ${localZoneSql()})::int`;
      const rows = await db
        .select({
          year,
          sourceType: learningRecords.sourceType,
          categoryCode: learningRecords.categoryCode,
          records: sql<number>`count(*)::int`,
          hours: sql<number>`coalesce(sum(${learningRecords.hours}), 0)::float8`,
        })
        .from(learningRecords)
        .where(eq(learningRecords.residentId, residentId))
        .groupBy(year, learningRecords.sourceType, learningRecords.categoryCode);
      return rows.map((r) => ({
        year: Number(r.year),
        sourceType: r.sourceType,
        categoryCode: r.categoryCode,
        records: Number(r.records),
        hours: Number(r.hours),
      }));
    },

    /** Every record of a resident in batches, oldest first, for a download. */
    allOf: (residentId: string, batch = 500) =>
      selectInBatches(db, learningRecords, eq(learningRecords.residentId, residentId), [learningRecords.occurredAt, learningRecords.id], batch),

    /**
     * Learners (distinct), records and hours in a calendar year for the root and every region under it, in
     * one statement: each community's totals (folded counts plus pending deltas: residents counted there
     * only, records, hours) count for it and each ancestor code (4, 6, 9, 12 digits); only `multi` residents
     * (several communities that year) are counted distinct per code, from the summary through a partial index.
     * So a computation reads one row per community and one per mover, not one per learner.
     */
    async participationByRegion(rootCode: string, year: number): Promise<RegionTotals> {
      const rows = rowsOf<{ code: string; learners: number; records: number; hours: number }>(
        await db.execute(sql`
        with communities as (
          select region_code, sum(singles) as learners, sum(records) as records, sum(hours) as hours from (
            select region_code, singles, records, hours from learning_participation_counts where year = ${year} and region_code like ${rootCode + '%'}
            union all
            select region_code, singles, records, hours from learning_participation_deltas where year = ${year} and region_code like ${rootCode + '%'}) t
          group by region_code),
        movers as (
          select c.code, count(distinct m.resident_id) as learners from learning_participation m
          cross join lateral (values (left(m.region_code, 4)), (left(m.region_code, 6)), (left(m.region_code, 9)), (m.region_code)) as c(code)
          where m.multi and m.year = ${year} and m.region_code like ${rootCode + '%'} group by c.code)
        select code, sum(learners)::int8 as learners, sum(records)::int8 as records, coalesce(sum(hours), 0)::float8 as hours from (
          select c.code, s.learners, s.records, s.hours from communities s
          cross join lateral (values (left(s.region_code, 4)), (left(s.region_code, 6)), (left(s.region_code, 9)), (s.region_code)) as c(code)
          union all
          select code, learners, 0, 0 from movers) x
        where code like ${rootCode + '%'}
        group by code`),
      );
      return new Map(rows.map((r) => [r.code, { learners: Number(r.learners), records: Number(r.records), hours: Number(r.hours) }]));
    },

    /** The same figures counted from the learning records themselves (the summary's check; slow on large archives). */
    async recountByRegion(rootCode: string, year: number): Promise<RegionTotals> {
      const rows = rowsOf<{ code: string; learners: number; records: number; hours: number }>(
        await db.execute(sql`
        with pairs as (
          select r.region_code, r.resident_id, count(*) as records, sum(r.hours) as hours from learning_records r
          where r.region_code like ${rootCode + '%'} and ${localYearSql()} = ${year}
          group by r.region_code, r.resident_id)
        select p.code, count(distinct x.resident_id)::int8 as learners, sum(x.records)::int8 as records, coalesce(sum(x.hours), 0)::float8 as hours
        from pairs x
        cross join lateral (values (left(x.region_code, 4)), (left(x.region_code, 6)), (left(x.region_code, 9)), (x.region_code)) as p(code)
        where p.code like ${rootCode + '%'}
        group by p.code`),
      );
      return new Map(rows.map((r) => [r.code, { learners: Number(r.learners), records: Number(r.records), hours: Number(r.hours) }]));
    },

    async find(id: string) {
      const [row] = await db.select().from(learningRecords).where(eq(learningRecords.id, id));
      return row ?? null;
    },
  };
}

export type ArchiveRepository = ReturnType<typeof createArchiveRepository>;
