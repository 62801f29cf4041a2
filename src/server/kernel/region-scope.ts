// What lies under a list of region roots (a staff member's scope, a subtree): region codes are
// prefix-hierarchical, so "under" is a prefix match, served by the `varchar_pattern_ops` indexes.
import { inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';

/** `column` lies under one of `roots`; null means everywhere (no restriction), an empty list nowhere. */
export function underRoots(column: SQL | AnyColumn, roots: readonly string[] | null): SQL {
  if (roots === null) return sql`true`;
  if (!roots.length) return sql`false`;
  return sql`(${sql.join(
    roots.map((r) => sql`${column} like ${r + '%'}`),
    sql` or `,
  )})`;
}

/**
 * `column` lies on the path of one of `roots`: under it or above it (a district's campaign is seen from its
 * streets, and a street's from its district); null means everywhere, an empty list nowhere.
 */
export function onPathOfRoots(column: SQL | AnyColumn, roots: readonly string[] | null): SQL {
  if (roots === null) return sql`true`;
  if (!roots.length) return sql`false`;
  return sql`(${sql.join(
    roots.map((r) => sql`(${column} like ${r + '%'} or ${r} like ${column} || '%')`),
    sql` or `,
  )})`;
}

/**
 * A row a staff member's scope holds: its region lies under one of `roots`, or it belongs to one of
 * `institutionIds` (their own institutions); neither to match is nowhere.
 */
export function underRootsOrInstitutions(region: AnyColumn, roots: readonly string[], institution: AnyColumn, institutionIds: readonly string[]): SQL {
  if (!institutionIds.length) return underRoots(region, roots);
  if (!roots.length) return inArray(institution, [...institutionIds]);
  return sql`(${underRoots(region, roots)} or ${inArray(institution, [...institutionIds])})`;
}
