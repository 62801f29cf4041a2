// Which of many (region, name) pairs a table already holds: an import's duplicate check.
import { sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client';

/**
 * The pairs of `pairs` that rows of `table` already have in columns `a` and `b`, as `a|b` strings. One
 * statement with two array parameters, whatever the number of pairs: a row-value IN list of a few hundred
 * pairs made PGlite 0.5 spin for ever at the next statement's commit (an import of 1,000 courses hung the
 * embedded platform), and thousands of parameters are slow to plan on PostgreSQL too.
 */
export async function existingPairs(db: DbOrTx, table: PgTable, a: PgColumn, b: PgColumn, pairs: readonly (readonly [string, string])[]): Promise<Set<string>> {
  if (!pairs.length) return new Set();
  const rows = await db
    .select({ a, b })
    .from(table)
    .where(sql`(${a}, ${b}) in (select * from unnest(${sql.param(pairs.map((p) => p[0]))}::text[], ${sql.param(pairs.map((p) => p[1]))}::text[]))`);
  return new Set(rows.map((r) => `${r.a}|${r.b}`));
}
