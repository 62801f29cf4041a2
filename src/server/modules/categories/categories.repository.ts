// All SQL about the course taxonomy.
import { asc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { courseCategories } from '../../db/schema/index';

export type CategoryRow = typeof courseCategories.$inferSelect;
export type CategoryInsert = typeof courseCategories.$inferInsert;

export function createCategoriesRepository(db: Db) {
  return {
    /** Every category, active or not, in display order. */
    all: (): Promise<CategoryRow[]> => db.select().from(courseCategories).orderBy(asc(courseCategories.sort), asc(courseCategories.code)),

    async byCode(code: string, tx: DbOrTx = db): Promise<CategoryRow | undefined> {
      const [row] = await tx.select().from(courseCategories).where(eq(courseCategories.code, code));
      return row;
    },

    active: (): Promise<CategoryRow[]> => db.select().from(courseCategories).where(eq(courseCategories.active, true)),

    async lockByCode(tx: DbOrTx, code: string): Promise<CategoryRow | undefined> {
      const [row] = await tx.select().from(courseCategories).where(eq(courseCategories.code, code)).for('update');
      return row;
    },

    async insert(tx: DbOrTx, row: CategoryInsert): Promise<CategoryRow> {
      const [inserted] = await tx.insert(courseCategories).values(row).returning();
      return inserted;
    },

    /** Applies a change and counts a new version (optimistic concurrency is checked by the caller under the row lock). */
    async update(tx: DbOrTx, code: string, patch: Partial<CategoryInsert>): Promise<CategoryRow> {
      const [updated] = await tx
        .update(courseCategories)
        .set({ ...patch, version: sql`${courseCategories.version} + 1` })
        .where(eq(courseCategories.code, code))
        .returning();
      return updated;
    },

    /** The shipped taxonomy on first start; categories already there are kept as they are. */
    async insertMissing(tx: DbOrTx, rows: CategoryInsert[]) {
      if (rows.length) await tx.insert(courseCategories).values(rows).onConflictDoNothing();
    },
  };
}

export type CategoriesRepository = ReturnType<typeof createCategoriesRepository>;
