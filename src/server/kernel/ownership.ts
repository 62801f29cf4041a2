// Three-level pools (district, street, community): every entry is owned by a region (and maybe an
// institution in it). Staff see what is owned inside their scope, and what an office above them owns and
// has explicitly shared downwards; they change only what is owned inside their scope.
import { sql, type SQL, type AnyColumn } from 'drizzle-orm';
import { canManageRegion, visibleRegionRoots, type Actor } from './actor';
import { isWithin } from './region-code';

export interface Owned { ownerRegionCode: string; ownerInstitutionId: string | null; shared: boolean }

/** The region codes above `code` (district, city …), excluding itself. */
export function ancestorCodes(code: string): string[] {
  return [2, 4, 6, 9].filter((n) => n < code.length).map((n) => code.slice(0, n));
}

export function canSeeOwned(actor: Actor, entry: Owned): boolean {
  const roots = visibleRegionRoots(actor);
  if (roots === 'all') return true;
  if (isWithin(entry.ownerRegionCode, roots)) return true;
  return entry.shared && roots.some((r) => ancestorCodes(r).includes(entry.ownerRegionCode));
}

export function canEditOwned(actor: Actor, entry: Owned): boolean {
  if (canManageRegion(actor, entry.ownerRegionCode)) return true;
  return actor.role === 'institution_staff' && !!entry.ownerInstitutionId && actor.institutions.some((i) => i.id === entry.ownerInstitutionId);
}

/** Where an actor may file a new entry: a region inside their scope (admins) or their own institution. */
export function canOwnIn(actor: Actor, regionCode: string, institutionId: string | null): boolean {
  if (canManageRegion(actor, regionCode)) return true;
  return actor.role === 'institution_staff' && !!institutionId && actor.institutions.some((i) => i.id === institutionId && i.regionCode === regionCode);
}

/** The same rule as canSeeOwned as a SQL condition, for lists and counts; null means no restriction. */
export function visibleOwnedSql(actor: Actor, ownerRegion: AnyColumn, shared: AnyColumn): SQL | null {
  const roots = visibleRegionRoots(actor);
  if (roots === 'all') return null;
  if (!roots.length) return sql`false`;
  const within = sql.join(roots.map((r) => sql`${ownerRegion} like ${r + '%'}`), sql` or `);
  const above = [...new Set(roots.flatMap(ancestorCodes))];
  if (!above.length) return sql`(${within})`;
  return sql`((${within}) or (${shared} and ${ownerRegion} in (${sql.join(above.map((c) => sql`${c}`), sql`, `)})))`;
}

/** The level an entry is owned at, from its owner region's code. */
export const ownerLevel = (code: string) => (code.length <= 6 ? 'district' : code.length === 9 ? 'street' : 'community') as 'district' | 'street' | 'community';
