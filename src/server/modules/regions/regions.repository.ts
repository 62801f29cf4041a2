// All SQL about regions and their populations.
import { sql, eq, and, inArray, desc } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { regions, regionPopulations } from '../../db/schema/index';
import { rowsOf } from '../../kernel/rate-limit';
import { containingPattern } from '../../kernel/search-text';

export interface RegionRow {
  code: string;
  parentCode: string | null;
  name: string;
  level: string;
  kind: string | null;
  childCount: number;
  streetCount: number;
  communityCount: number;
  institutionCount: number;
}

export interface PopulationRow {
  regionCode: string;
  year: number;
  total: number;
  age60plus: number | null;
  source: string;
}

// "Code starts with r.code" as a byte-wise range (~>=~ / ~<~, ':' follows '9'), which the varchar_pattern_ops
// indexes answer; `like r.code || '%'` has no constant prefix, so it scanned every region and institution
// once per row (2,377 regions and as many institutions for a city: the dashboard's largest cost at scale).
const under = (col: ReturnType<typeof sql.raw>) => sql`${col} ~>=~ r.code and ${col} ~<~ (r.code || ':')`;
const withCounts = sql`
  select r.code, r.parent_code as "parentCode", r.name, r.level, r.kind,
    (select count(*)::int from regions c where c.parent_code = r.code) as "childCount",
    (select count(*)::int from regions d where ${under(sql.raw('d.code'))} and d.level = 'street') as "streetCount",
    (select count(*)::int from regions d where ${under(sql.raw('d.code'))} and d.level = 'community') as "communityCount",
    (select count(*)::int from institutions i where ${under(sql.raw('i.region_code'))} and i.status = 'active') as "institutionCount"
  from regions r`;

export function createRegionsRepository(db: Db) {
  return {
    async find(code: string): Promise<RegionRow | null> {
      return rowsOf<RegionRow>(await db.execute(sql`${withCounts} where r.code = ${code}`))[0] ?? null;
    },

    async findMany(codes: string[]): Promise<{ code: string; name: string; level: string; kind: string | null }[]> {
      if (codes.length === 0) return [];
      return db.select({ code: regions.code, name: regions.name, level: regions.level, kind: regions.kind }).from(regions).where(inArray(regions.code, codes));
    },

    async roots(): Promise<RegionRow[]> {
      return rowsOf<RegionRow>(await db.execute(sql`${withCounts} where r.is_root order by r.code`));
    },

    async children(code: string, page: { limit: number; offset: number }, q?: string): Promise<{ rows: RegionRow[]; total: number }> {
      const nameFilter = q ? sql` and r.name like ${containingPattern(q)}` : sql``;
      const rows = rowsOf<RegionRow>(
        await db.execute(sql`${withCounts} where r.parent_code = ${code}${nameFilter} order by r.code limit ${page.limit} offset ${page.offset}`),
      );
      const total = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from regions r where r.parent_code = ${code}${nameFilter}`))[0].n;
      return { rows, total: Number(total) };
    },

    async latestPopulations(codes: string[]): Promise<Map<string, PopulationRow>> {
      const out = new Map<string, PopulationRow>();
      if (codes.length === 0) return out;
      const rows = await db.select().from(regionPopulations).where(inArray(regionPopulations.regionCode, codes)).orderBy(desc(regionPopulations.year));
      for (const r of rows) if (!out.has(r.regionCode)) out.set(r.regionCode, r);
      return out;
    },

    /** The figures of exactly one year (no fallback to earlier ones). */
    async populationsOfYear(codes: string[], year: number): Promise<Map<string, PopulationRow>> {
      if (codes.length === 0) return new Map();
      const rows = await db
        .select()
        .from(regionPopulations)
        .where(and(inArray(regionPopulations.regionCode, codes), eq(regionPopulations.year, year)));
      return new Map(rows.map((r) => [r.regionCode, r]));
    },

    /** Communities (level 'community') under a region, for coverage. */
    async descendantsAtLevel(code: string, level: string): Promise<{ code: string; name: string; parentCode: string | null }[]> {
      return db
        .select({ code: regions.code, name: regions.name, parentCode: regions.parentCode })
        .from(regions)
        .where(and(eq(regions.level, level), sql`${regions.code} like ${code + '%'}`))
        .orderBy(regions.code);
    },

    async countAll(): Promise<number> {
      return Number(rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from regions`))[0].n);
    },

    async insertMany(tx: DbOrTx, rows: (typeof regions.$inferInsert)[]) {
      for (let i = 0; i < rows.length; i += 500)
        await tx
          .insert(regions)
          .values(rows.slice(i, i + 500))
          .onConflictDoNothing();
    },

    async upsertPopulation(tx: DbOrTx, row: PopulationRow) {
      await tx
        .insert(regionPopulations)
        .values(row)
        .onConflictDoUpdate({
          target: [regionPopulations.regionCode, regionPopulations.year],
          set: { total: row.total, age60plus: row.age60plus, source: row.source },
        });
    },
  };
}

export type RegionsRepository = ReturnType<typeof createRegionsRepository>;
