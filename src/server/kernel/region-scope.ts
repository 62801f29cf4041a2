// What lies under a list of region roots (a staff member's scope, a subtree): region codes are
// prefix-hierarchical, so "under" is a prefix match, served by the `varchar_pattern_ops` indexes.
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/** `column` lies under one of `roots`; null means everywhere (no restriction), an empty list nowhere. */
export function underRoots(column: SQL | AnyColumn, roots: readonly string[] | null): SQL {
  if (roots === null) return sql`true`;
  if (!roots.length) return sql`false`;
  return sql`(${sql.join(
    roots.map((r) => sql`${column} like ${r + '%'}`),
    sql` or `,
  )})`;
}
