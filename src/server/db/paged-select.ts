// Lists over one table: a page with the filter's total, every row in batches, and the order a `sort` asks for.
import { asc, desc, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client';

/** One page of the rows matching `where`, and how many match in all (the shape every list endpoint answers). */
export async function selectPage<T extends PgTable>(
  db: Db,
  table: T,
  where: SQL | undefined,
  order: (SQL | PgColumn)[],
  page: { limit: number; offset: number },
): Promise<{ rows: T['$inferSelect'][]; total: number }> {
  const rows = await db
    .select()
    .from(table as PgTable)
    .where(where)
    .orderBy(...order)
    .limit(page.limit)
    .offset(page.offset);
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(table as PgTable)
    .where(where);
  return { rows: rows as T['$inferSelect'][], total: Number(n) };
}

/** Every row matching `where` in batches, in a stable order, so an export never holds a whole table. */
export async function* selectInBatches<T extends PgTable>(
  db: Db,
  table: T,
  where: SQL | undefined,
  order: (SQL | PgColumn)[],
  batch: number,
): AsyncGenerator<T['$inferSelect'][]> {
  for (let offset = 0; ; offset += batch) {
    const rows = (await db
      .select()
      .from(table as PgTable)
      .where(where)
      .orderBy(...order)
      .limit(batch)
      .offset(offset)) as T['$inferSelect'][];
    if (rows.length) yield rows;
    if (rows.length < batch) return;
  }
}

/**
 * A pool's list and export over one table: `where` builds a filter's condition and `order` a list's `sort`'s
 * order (its default order when no sort is asked for, the one exports page through).
 */
export function filteredLists<T extends PgTable, F>(db: Db, table: T, where: (f: F) => SQL | undefined, order: (sort?: string) => (SQL | PgColumn)[]) {
  return {
    list: (f: F & { sort?: string; limit: number; offset: number }) => selectPage(db, table, where(f), order(f.sort), f),

    /** Pages through every match in a stable order, for exports that must not hold a whole table. */
    iterate: (f: F, batch = 500) => selectInBatches(db, table, where(f), order(), batch),
  };
}

/**
 * The order a list's `sort` asks for (`name`, or `-name` for descending) among the `sortable` columns,
 * followed by `tieBreakers` so pages stay stable where the sorted values repeat; `unsorted` when `sort` names
 * none of them.
 */
export function sortOrder(sort: string | undefined, sortable: Record<string, PgColumn>, unsorted: SQL[], tieBreakers: PgColumn[]): SQL[] {
  const field = sort?.replace(/^-/, '');
  if (!field || !Object.hasOwn(sortable, field)) return unsorted;
  const column = sortable[field];
  return [sort!.startsWith('-') ? desc(column) : asc(column), ...tieBreakers.map((c) => asc(c))];
}
