// All SQL about institutions.
import { and, eq, inArray, sql, asc, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { updateVersioned } from '../../db/versioned-update';
import { filteredLists, sortOrder } from '../../db/paged-select';
import { existingPairs } from '../../db/existing-pairs';
import { institutions } from '../../db/schema/index';
import { underRoots } from '../../kernel/region-scope';
import { searchTextMatches } from '../../kernel/search-text';

export type InstitutionRow = typeof institutions.$inferSelect;
export type InstitutionInsert = typeof institutions.$inferInsert;

export interface InstitutionFilter {
  regionRoots: string[] | null;
  institutionIds?: string[];
  type?: string;
  status?: string;
  tsQuery?: string | null;
}

const SORTABLE = {
  name: institutions.name,
  type: institutions.type,
  regionCode: institutions.regionCode,
  createdAt: institutions.createdAt,
  updatedAt: institutions.updatedAt,
} as const;

export function createInstitutionsRepository(db: Db) {
  function where(f: InstitutionFilter): SQL | undefined {
    const conds: SQL[] = [];
    if (f.regionRoots) conds.push(underRoots(institutions.regionCode, f.regionRoots));
    if (f.institutionIds) conds.push(f.institutionIds.length ? inArray(institutions.id, f.institutionIds) : sql`false`);
    if (f.type) conds.push(eq(institutions.type, f.type));
    if (f.status) conds.push(eq(institutions.status, f.status));
    if (f.tsQuery) conds.push(searchTextMatches(institutions.searchText, f.tsQuery));
    return conds.length ? and(...conds) : undefined;
  }

  const orderBy = (sort?: string) =>
    sortOrder(sort, SORTABLE, [asc(institutions.regionCode), asc(institutions.name), asc(institutions.id)], [institutions.name, institutions.id]);

  return {
    ...filteredLists(db, institutions, where, orderBy),

    async find(id: string, tx: DbOrTx = db): Promise<InstitutionRow | null> {
      const [row] = await tx.select().from(institutions).where(eq(institutions.id, id)).limit(1);
      return row ?? null;
    },

    async findMany(ids: string[]) {
      if (ids.length === 0) return [];
      return db
        .select({ id: institutions.id, name: institutions.name, regionCode: institutions.regionCode })
        .from(institutions)
        .where(inArray(institutions.id, ids));
    },

    existingNames: (pairs: { regionCode: string; name: string }[]) =>
      existingPairs(
        db,
        institutions,
        institutions.regionCode,
        institutions.name,
        pairs.map((p) => [p.regionCode, p.name] as const),
      ),

    async insertMany(tx: DbOrTx, rows: InstitutionInsert[]) {
      for (let i = 0; i < rows.length; i += 500) await tx.insert(institutions).values(rows.slice(i, i + 500));
    },

    /** Optimistic update: bumps the version, and returns null when `expectedVersion` is stale. */
    async update(tx: DbOrTx, id: string, patch: Partial<InstitutionInsert>, expectedVersion?: number): Promise<InstitutionRow | null> {
      return updateVersioned(tx, institutions, id, { ...patch, updatedAt: new Date() }, expectedVersion);
    },

    /** Active institutions of the given types under a region, with their region codes, for coverage. */
    async activeOfTypes(regionCode: string, types: string[]) {
      return db
        .select({ type: institutions.type, regionCode: institutions.regionCode })
        .from(institutions)
        .where(and(eq(institutions.status, 'active'), inArray(institutions.type, types), sql`${institutions.regionCode} like ${regionCode + '%'}`));
    },
  };
}

export type InstitutionsRepository = ReturnType<typeof createInstitutionsRepository>;
