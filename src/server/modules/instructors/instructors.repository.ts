// All SQL about instructors.
import { and, eq, inArray, sql, asc, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { updateVersioned } from '../../db/versioned-update';
import { filteredLists, sortOrder } from '../../db/paged-select';
import type { BulkInsert, BulkInsertOptions } from '../../db/bulk-insert';
import { instructors } from '../../db/schema/index';
import type { Actor } from '../../kernel/actor';
import { countOwnedPool, ownedAtLevelSql, visibleOwnedSql } from '../../kernel/ownership';
import { searchTextMatches } from '../../kernel/search-text';

export type InstructorRow = typeof instructors.$inferSelect;
export type InstructorInsert = typeof instructors.$inferInsert;

export interface InstructorFilter {
  /** Whose view: what they own in scope and what is shared from above (kernel/ownership). */
  actor: Actor;
  region?: string;
  level?: 'district' | 'street' | 'community';
  kind?: string;
  category?: string;
  vettingStatus?: string;
  shared?: boolean;
  tsQuery?: string | null;
}

const SORTABLE = {
  name: instructors.name,
  kind: instructors.kind,
  vettingStatus: instructors.vettingStatus,
  ownerRegionCode: instructors.ownerRegionCode,
  createdAt: instructors.createdAt,
  updatedAt: instructors.updatedAt,
} as const;

export function createInstructorsRepository(db: Db, bulkInsert: BulkInsert) {
  function where(f: InstructorFilter): SQL | undefined {
    const conds: SQL[] = [];
    const visible = visibleOwnedSql(f.actor, instructors.ownerRegionCode, instructors.shared);
    if (visible) conds.push(visible);
    if (f.region) conds.push(sql`${instructors.ownerRegionCode} like ${f.region + '%'}`);
    if (f.level) conds.push(ownedAtLevelSql(instructors.ownerRegionCode, f.level));
    if (f.kind) conds.push(eq(instructors.kind, f.kind));
    if (f.category) conds.push(sql`${instructors.specialities} @> ${JSON.stringify([f.category])}::jsonb`);
    if (f.vettingStatus) conds.push(eq(instructors.vettingStatus, f.vettingStatus));
    if (f.shared !== undefined) conds.push(eq(instructors.shared, f.shared));
    if (f.tsQuery) conds.push(searchTextMatches(instructors.searchText, f.tsQuery));
    return conds.length ? and(...conds) : undefined;
  }

  const orderBy = (sort?: string) =>
    sortOrder(sort, SORTABLE, [asc(instructors.ownerRegionCode), asc(instructors.name), asc(instructors.id)], [instructors.name, instructors.id]);

  return {
    ...filteredLists(db, instructors, where, orderBy),

    async find(id: string, tx: DbOrTx = db): Promise<InstructorRow | null> {
      const [row] = await tx.select().from(instructors).where(eq(instructors.id, id)).limit(1);
      return row ?? null;
    },

    async findMany(ids: string[]): Promise<InstructorRow[]> {
      return ids.length ? db.select().from(instructors).where(inArray(instructors.id, ids)) : [];
    },

    async existingPhones(phones: string[]): Promise<Set<string>> {
      const out = new Set<string>();
      for (let i = 0; i < phones.length; i += 500) {
        const rows = await db
          .select({ phone: instructors.phone })
          .from(instructors)
          .where(inArray(instructors.phone, phones.slice(i, i + 500)));
        for (const r of rows) out.add(r.phone);
      }
      return out;
    },

    async insertMany(tx: DbOrTx, rows: InstructorInsert[]) {
      await tx.insert(instructors).values(rows);
    },

    /** An import's rows, all or none, with `finish`'s writes in the same change. */
    importAll: (rows: InstructorInsert[], options: BulkInsertOptions) => bulkInsert(instructors, rows, options),

    async update(tx: DbOrTx, id: string, patch: Partial<InstructorInsert>, expectedVersion?: number): Promise<InstructorRow | null> {
      return updateVersioned(tx, instructors, id, { ...patch, updatedAt: new Date() }, expectedVersion);
    },

    /** Moves the vetting status only from the statuses it may come from; null when a concurrent decision got there first. */
    async setVetting(tx: DbOrTx, id: string, from: string[], patch: Partial<InstructorInsert>): Promise<InstructorRow | null> {
      const [row] = await tx
        .update(instructors)
        .set({ ...patch, version: sql`${instructors.version} + 1`, updatedAt: new Date() })
        .where(and(eq(instructors.id, id), inArray(instructors.vettingStatus, from)))
        .returning();
      return row ?? null;
    },

    async summary(actor: Actor) {
      const w = visibleOwnedSql(actor, instructors.ownerRegionCode, instructors.shared) ?? undefined;
      const category = sql`jsonb_array_elements_text(${instructors.specialities})`;
      const [counts, byCategory] = await Promise.all([
        countOwnedPool(db, instructors, instructors.ownerRegionCode, w, { byKind: sql`${instructors.kind}`, byStatus: sql`${instructors.vettingStatus}` }),
        db
          .select({ key: sql<string>`c.code`, n: sql<number>`count(*)::int` })
          .from(sql`${instructors} cross join lateral ${category} as c(code)`)
          .where(w)
          .groupBy(sql`c.code`),
      ]);
      return { ...counts, byCategory };
    },
  };
}

export type InstructorsRepository = ReturnType<typeof createInstructorsRepository>;
