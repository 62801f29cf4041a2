// All SQL of ratings.
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { ratings } from '../../db/schema/index';
import { underRoots } from '../../kernel/region-scope';

export type RatingRow = typeof ratings.$inferSelect;

export interface RatingFilter {
  regionRoots?: string[] | null;
  institutionIds?: string[] | null;
  offeringId?: string;
  instructorId?: string;
  institutionId?: string;
  hidden?: boolean;
  withComment?: boolean;
}

function where(f: RatingFilter): SQL | undefined {
  return and(
    f.regionRoots ? underRoots(ratings.regionCode, f.regionRoots) : undefined,
    f.institutionIds ? (f.institutionIds.length ? inArray(ratings.institutionId, f.institutionIds) : sql`false`) : undefined,
    f.offeringId ? eq(ratings.offeringId, f.offeringId) : undefined,
    f.instructorId ? eq(ratings.instructorId, f.instructorId) : undefined,
    f.institutionId ? eq(ratings.institutionId, f.institutionId) : undefined,
    f.hidden !== undefined ? eq(ratings.commentHidden, f.hidden) : undefined,
    f.withComment ? sql`${ratings.comment} is not null and ${ratings.comment} <> ''` : undefined,
  );
}

const GROUP_COLUMNS = { offering: ratings.offeringId, instructor: ratings.instructorId, institution: ratings.institutionId } as const;
export type AverageBy = keyof typeof GROUP_COLUMNS;

export function createRatingsRepository(db: Db) {
  return {
    async insertOnce(tx: DbOrTx, row: typeof ratings.$inferInsert): Promise<RatingRow | null> {
      const [inserted] = await tx
        .insert(ratings)
        .values(row)
        .onConflictDoNothing({ target: [ratings.offeringId, ratings.residentId] })
        .returning();
      return inserted ?? null;
    },

    async lockMine(tx: DbOrTx, offeringId: string, residentId: string): Promise<RatingRow | null> {
      const [row] = await tx
        .select()
        .from(ratings)
        .where(and(eq(ratings.offeringId, offeringId), eq(ratings.residentId, residentId)))
        .for('update');
      return row ?? null;
    },

    async mine(offeringId: string, residentId: string): Promise<RatingRow | null> {
      const [row] = await db
        .select()
        .from(ratings)
        .where(and(eq(ratings.offeringId, offeringId), eq(ratings.residentId, residentId)));
      return row ?? null;
    },

    async update(tx: DbOrTx, id: string, set: Partial<typeof ratings.$inferInsert>): Promise<RatingRow> {
      const [row] = await tx.update(ratings).set(set).where(eq(ratings.id, id)).returning();
      return row;
    },

    async find(id: string): Promise<RatingRow | null> {
      const [row] = await db.select().from(ratings).where(eq(ratings.id, id));
      return row ?? null;
    },

    async list(f: RatingFilter, limit: number, offset: number) {
      const condition = where(f);
      const [rows, [{ total }]] = await Promise.all([
        db.select().from(ratings).where(condition).orderBy(desc(ratings.updatedAt), desc(ratings.id)).limit(limit).offset(offset),
        db
          .select({ total: sql<number>`count(*)::int` })
          .from(ratings)
          .where(condition),
      ]);
      return { rows, total: Number(total) };
    },

    /** Stars summed and counted per offering, instructor or institution, best first. */
    async averages(by: AverageBy, f: RatingFilter, limit: number, offset: number) {
      const col = GROUP_COLUMNS[by];
      const condition = and(where(f), sql`${col} is not null`);
      const [rows, [{ total }]] = await Promise.all([
        db
          .select({
            key: sql<string>`${col}::text`,
            sum: sql<number>`sum(${ratings.stars})::int`,
            count: sql<number>`count(*)::int`,
            title: sql<string>`max(${ratings.offeringTitle})`,
          })
          .from(ratings)
          .where(condition)
          .groupBy(col)
          .orderBy(sql`avg(${ratings.stars}) desc`, sql`count(*) desc`, col)
          .limit(limit)
          .offset(offset),
        db
          .select({ total: sql<number>`count(distinct ${col})::int` })
          .from(ratings)
          .where(condition),
      ]);
      return { rows: rows.map((r) => ({ ...r, sum: Number(r.sum), count: Number(r.count) })), total: Number(total) };
    },

    /** One offering's figures: sum, count and how many gave each number of stars. */
    async distribution(offeringId: string) {
      const rows = await db
        .select({ stars: ratings.stars, n: sql<number>`count(*)::int` })
        .from(ratings)
        .where(eq(ratings.offeringId, offeringId))
        .groupBy(ratings.stars);
      return rows.map((r) => ({ stars: Number(r.stars), n: Number(r.n) }));
    },
  };
}

export type RatingsRepository = ReturnType<typeof createRatingsRepository>;
