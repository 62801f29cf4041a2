// All SQL about uploaded files' rows (their bytes are in files.storage.ts).
import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { files } from '../../db/schema/index';
import { rowsOf } from '../../kernel/rate-limit';
import type { FileAccess } from './files.policy';

export type FileRow = typeof files.$inferSelect;
export type FileInsert = typeof files.$inferInsert;

export function createFilesRepository(db: Db) {
  return {
    /** Bytes one person has stored: in all, and in files not yet attached to anything. */
    async usageOf(tx: DbOrTx, userId: string): Promise<{ total: number; unattached: number }> {
      const [usage] = rowsOf<{ total: string | number; unattached: string | number }>(
        await tx.execute(sql`
        select coalesce(sum(size), 0) as total, coalesce(sum(size) filter (where claimed_at is null), 0) as unattached
        from files where uploaded_by = ${userId}`),
      );
      return { total: Number(usage.total), unattached: Number(usage.unattached) };
    },

    /** One upload at a time per person until the transaction ends, so parallel uploads cannot overrun a quota. */
    async lockUploader(tx: DbOrTx, userId: string) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'files:' + userId}))`);
    },

    async insert(tx: DbOrTx, row: FileInsert): Promise<FileRow> {
      const [inserted] = await tx.insert(files).values(row).returning();
      return inserted;
    },

    async lockById(tx: DbOrTx, id: string): Promise<FileRow | undefined> {
      const [row] = await tx.select().from(files).where(eq(files.id, id)).for('update');
      return row;
    },

    /** Attaches a file not yet attached; undefined when another claim came first. */
    async claim(tx: DbOrTx, id: string, set: { access: FileAccess; regionCode: string | null; claimedAt: Date }): Promise<FileRow | undefined> {
      const [updated] = await tx
        .update(files)
        .set(set)
        .where(and(eq(files.id, id), isNull(files.claimedAt)))
        .returning();
      return updated;
    },

    async setAccess(tx: DbOrTx, ids: string[], access: FileAccess) {
      if (ids.length) await tx.update(files).set({ access }).where(inArray(files.id, ids));
    },

    byIds: (ids: string[]): Promise<FileRow[]> => db.select().from(files).where(inArray(files.id, ids)),

    async byId(id: string): Promise<FileRow | undefined> {
      const [row] = await db.select().from(files).where(eq(files.id, id));
      return row;
    },

    /**
     * Deletes up to `limit` files never attached and uploaded before `cutoff`, in one transaction: a file being
     * attached at the same moment either keeps its row or was already gone. Returns the ids deleted.
     */
    deleteUnattachedBefore(cutoff: Date, limit: number): Promise<{ id: string }[]> {
      return db.transaction(async (tx) => {
        const doomed = await tx
          .select({ id: files.id })
          .from(files)
          .where(and(isNull(files.claimedAt), lt(files.createdAt, cutoff)))
          .limit(limit);
        if (!doomed.length) return [];
        return tx
          .delete(files)
          .where(
            and(
              inArray(
                files.id,
                doomed.map((d) => d.id),
              ),
              isNull(files.claimedAt),
            ),
          )
          .returning({ id: files.id });
      });
    },
  };
}

export type FilesRepository = ReturnType<typeof createFilesRepository>;
