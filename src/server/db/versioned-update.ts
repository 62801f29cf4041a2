// Optimistic concurrency in SQL: a versioned row's version goes up with every write, and a write that names the
// version it read changes nothing once another write has raised it (http/versioned-answers.ts carries the version
// as ETag and If-Match).
import { and, eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client';

type VersionedTable = PgTable & { id: PgColumn; version: PgColumn };

/**
 * Writes `patch` to row `id` and raises its version, only while its version is still `expectedVersion` when one is
 * given; the row as written, or null when none matched (gone, or changed since it was read).
 */
export async function updateVersioned<T extends VersionedTable>(
  tx: DbOrTx,
  table: T,
  id: string,
  patch: Partial<T['$inferInsert']>,
  expectedVersion?: number,
): Promise<T['$inferSelect'] | null> {
  const cond = expectedVersion === undefined ? eq(table.id, id) : and(eq(table.id, id), eq(table.version, expectedVersion));
  const [row] = await tx
    .update(table as PgTable)
    .set({ ...patch, version: sql`${table.version} + 1` })
    .where(cond)
    .returning();
  return (row as T['$inferSelect'] | undefined) ?? null;
}
