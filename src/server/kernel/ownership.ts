// Three-level pools (district, street, community): every entry is owned by a region (and maybe an
// institution in it). Staff see what is owned inside their scope, and what an office above them owns and
// has explicitly shared downwards; they change only what is owned inside their scope.
import { sql, type SQL, type AnyColumn } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import { canManageRegion, requireStaff, visibleRegionRoots, type Actor, type RequestContext } from './actor';
import { Forbidden, NotFound, invalidField } from './errors';
import { isUuid } from './ids';
import { CODE_LENGTH, isWithin, normalizeRegionCode } from './region-code';
import { underRoots } from './region-scope';
import { buildSearchQuery } from './search-text';
import { offsetOf, type Page, type PageRequest } from './pagination';
import { pageOf } from './pagination';

export interface Owned {
  ownerRegionCode: string;
  ownerInstitutionId: string | null;
  shared: boolean;
}

/** The list query every owned pool accepts, besides its own filters: where entries are owned, and the page. */
export interface OwnedPoolQuery extends PageRequest {
  /** Entries owned (venues: located) under this region code. */
  region?: string;
  level?: 'district' | 'street' | 'community';
  shared?: boolean;
  q?: string;
  sort?: string;
}

/** What every owned pool's repository filter takes from its list query: whose view, where and at what level owned, shared, the search. */
export function ownedPoolFilter(actor: Actor, q: Omit<OwnedPoolQuery, 'page' | 'pageSize' | 'sort'>) {
  return { actor, region: q.region, level: q.level, shared: q.shared, tsQuery: q.q ? buildSearchQuery(q.q) : null };
}

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

/**
 * A pool entry by id as the actor may see it. An id that is malformed, unknown or owned out of the actor's
 * sight is the same `notFound`, so nothing tells them an invisible entry exists.
 */
export async function findVisibleOwned<R extends Owned>(
  actor: Actor,
  id: string,
  find: (id: string) => Promise<R | null | undefined>,
  notFound: string,
): Promise<R> {
  const row = isUuid(id) ? await find(id) : null;
  if (!row || !canSeeOwned(actor, row)) throw new NotFound(notFound);
  return row;
}

/**
 * A pool's staff list, single read and summary, alike in every pool whose repository takes a filter built for the
 * caller (`filterOf`, which carries what they may see): staff only, rows presented for that caller, and an entry out
 * of their sight "not found" (`findVisibleOwned`). `loadVisible` is that read's row, for the pool's other rules;
 * `loadEditable` the row of an entry the caller may change (`findEditableOwned`, refused as `readOnly`).
 */
export function ownedPoolReads<R extends Owned, F, Q, V, S extends { total: number; byLevel: CountRow[]; byStreet: CountRow[] }>(pool: {
  repo: {
    find: (id: string) => Promise<R | null | undefined>;
    list: (f: F & { sort?: string; limit: number; offset: number }) => Promise<{ rows: R[]; total: number }>;
    /** The pool's counts for what the caller may see (`countOwnedPool`). */
    summary: (actor: Actor) => Promise<S>;
  };
  filterOf: (actor: Actor, q: Q) => F;
  presentMany: (actor: Actor, rows: R[]) => Promise<V[]>;
  /** The regions module's lookup of region names by code. */
  regionNames: (codes: string[]) => Promise<{ code: string; name: string }[]>;
  notFound: string;
  readOnly: string;
}) {
  const find = (id: string) => pool.repo.find(id);
  const loadVisible = (actor: Actor, id: string): Promise<R> => findVisibleOwned(actor, id, find, pool.notFound);
  return {
    loadVisible,

    loadEditable: (actor: Actor, id: string): Promise<R> => findEditableOwned(actor, id, find, { notFound: pool.notFound, readOnly: pool.readOnly }),

    async list(ctx: RequestContext, q: Q & PageRequest & { sort?: string }): Promise<Page<V>> {
      const actor = requireStaff(ctx);
      const { rows, total } = await pool.repo.list({ ...pool.filterOf(actor, q), sort: q.sort, limit: q.pageSize, offset: offsetOf(q) });
      return pageOf(q, await pool.presentMany(actor, rows), total);
    },

    async get(ctx: RequestContext, id: string): Promise<V> {
      const actor = requireStaff(ctx);
      return (await pool.presentMany(actor, [await loadVisible(actor, id)]))[0];
    },

    async summary(ctx: RequestContext) {
      return presentPoolSummary(await pool.repo.summary(requireStaff(ctx)), pool.regionNames);
    },
  };
}

/**
 * Who owns a new or moved pool entry, checked: an owning institution must stand inside the owner region (its
 * region as `institutionRegion` answers, null when there is no such institution), and the actor must be allowed
 * to own entries there. `ownerRegionCode` is an existing region's code (the caller has looked it up).
 */
export async function placeOwned(
  actor: Actor,
  ownerRegionCode: string,
  ownerInstitutionId: string | null,
  institutionRegion: (id: string) => Promise<string | null>,
): Promise<{ ownerRegionCode: string; ownerInstitutionId: string | null }> {
  if (ownerInstitutionId) {
    const at = await institutionRegion(ownerInstitutionId);
    if (!at || !isWithin(at, [ownerRegionCode])) throw invalidField('ownerInstitutionId', 'venue.institution_outside_owner');
  }
  if (!canOwnIn(actor, ownerRegionCode, ownerInstitutionId)) throw invalidField('ownerRegionCode', 'region.out_of_scope');
  return { ownerRegionCode, ownerInstitutionId };
}

/** An import row's region code: the region it names, or the message key that refuses it (one per row). */
export type ImportedRegion = { code: string; refusal: null } | { code: null; refusal: string };

/** A region code typed into an import file, checked against the regions that exist (`known`). */
export function checkImportedRegion(raw: string, known: { has(code: string): boolean }): ImportedRegion {
  const code = normalizeRegionCode(raw);
  if (!code) return { code: null, refusal: 'region.code_invalid' };
  if (!known.has(code)) return { code: null, refusal: 'region.not_found' };
  return { code, refusal: null };
}

/** An import row's owner region, checked as above and as one where the actor may own entries. */
export function checkImportedOwner(actor: Actor, raw: string, known: { has(code: string): boolean }): ImportedRegion {
  const owner = checkImportedRegion(raw, known);
  if (owner.code !== null && !canOwnIn(actor, owner.code, null)) return { code: null, refusal: 'region.out_of_scope' };
  return owner;
}

/** The same rule as canSeeOwned as a SQL condition, for lists and counts; null means no restriction. */
export function visibleOwnedSql(actor: Actor, ownerRegion: AnyColumn, shared: AnyColumn): SQL | null {
  return ownedVisibleToRootsSql(visibleRegionRoots(actor), ownerRegion, shared);
}

/** `visibleOwnedSql` for a caller's region roots (`visibleRegionRoots`), for repositories handed the roots. */
export function ownedVisibleToRootsSql(roots: string[] | 'all', ownerRegion: AnyColumn, shared: AnyColumn): SQL | null {
  if (roots === 'all') return null;
  if (!roots.length) return sql`false`;
  const within = underRoots(ownerRegion, roots);
  const above = [...new Set(roots.flatMap(ancestorCodes))];
  if (!above.length) return within;
  return sql`(${within} or (${shared} and ${ownerRegion} in (${sql.join(
    above.map((c) => sql`${c}`),
    sql`, `,
  )})))`;
}

/** The level an entry is owned at, from its owner region's code. */
export const ownerLevel = (code: string) => (code.length <= 6 ? 'district' : code.length === 9 ? 'street' : 'community') as 'district' | 'street' | 'community';

/** SQL for the level an entry is owned at ('district' | 'street' | 'community'), as `ownerLevel` computes it. */
export const ownerLevelSql = (ownerRegion: AnyColumn) =>
  sql<string>`case when length(${ownerRegion}) <= 6 then 'district' when length(${ownerRegion}) = 9 then 'street' else 'community' end`;

/** SQL for entries owned by an office of exactly `level` (unlike `ownerLevelSql`, a city-owned entry is not a district's). */
export const ownedAtLevelSql = (ownerRegion: AnyColumn, level: 'district' | 'street' | 'community') => sql`length(${ownerRegion}) = ${CODE_LENGTH[level]}`;

/** SQL for the street an entry belongs to ('' for district-owned entries). */
export const ownerStreetSql = (ownerRegion: AnyColumn) => sql<string>`case when length(${ownerRegion}) >= 9 then substr(${ownerRegion}, 1, 9) else '' end`;

/**
 * Splits the entries a bulk action names into those the actor may change and those it skips, with why:
 * unknown or invisible ("not_found", so nothing leaks) or visible but owned above ("read_only").
 */
export function sortBulkTargets<R extends Owned>(actor: Actor, ids: string[], rows: Map<string, R>) {
  const editable: R[] = [];
  const skipped: { id: string; reason: 'not_found' | 'read_only' | 'not_applicable' }[] = [];
  for (const id of ids) {
    const row = rows.get(id);
    if (!row || !canSeeOwned(actor, row)) skipped.push({ id, reason: 'not_found' });
    else if (!canEditOwned(actor, row)) skipped.push({ id, reason: 'read_only' });
    else editable.push(row);
  }
  return { editable, skipped };
}

/** `sortBulkTargets` over the entries `findMany` finds for the ids a bulk action names (a malformed id finds none). */
export async function findBulkTargets<R extends Owned & { id: string }>(actor: Actor, ids: string[], findMany: (ids: string[]) => Promise<R[]>) {
  const rows = new Map((await findMany(ids.filter(isUuid))).map((r) => [r.id, r]));
  return sortBulkTargets(actor, ids, rows);
}

/**
 * An entry the actor may change: visible to them (else `notFound`, as `findVisibleOwned`) and owned within
 * their reach (else Forbidden `readOnly`: shared from above, they may use it but not change it).
 */
export async function findEditableOwned<R extends Owned>(
  actor: Actor,
  id: string,
  find: (id: string) => Promise<R | null | undefined>,
  refusals: { notFound: string; readOnly: string },
): Promise<R> {
  const row = await findVisibleOwned(actor, id, find, refusals.notFound);
  if (!canEditOwned(actor, row)) throw new Forbidden(refusals.readOnly);
  return row;
}

/** Who would own an entry after a patch: the owner fields the patch gives (null is given), else the entry's own. */
export function ownerAfterPatch(current: Owned, patch: { ownerRegionCode?: string; ownerInstitutionId?: string | null }) {
  return {
    ownerRegionCode: patch.ownerRegionCode ?? current.ownerRegionCode,
    ownerInstitutionId: patch.ownerInstitutionId === undefined ? current.ownerInstitutionId : patch.ownerInstitutionId,
  };
}

/** An owned entry's owner as answers show it: codes with their names, the level, and whether it is shared. */
export function presentOwner(entry: Owned, regionNames: Map<string, string>, institutionNames: Map<string, string>) {
  return {
    ownerRegionCode: entry.ownerRegionCode,
    ownerRegionName: regionNames.get(entry.ownerRegionCode) ?? entry.ownerRegionCode,
    ownerLevel: ownerLevel(entry.ownerRegionCode),
    ownerInstitutionId: entry.ownerInstitutionId,
    ownerInstitutionName: entry.ownerInstitutionId ? (institutionNames.get(entry.ownerInstitutionId) ?? null) : null,
    shared: entry.shared,
  };
}

type CountRow = { key: string; n: number };

/**
 * A pool's summary as the console reads it: every level present, streets named (`nameRegions`, the regions
 * module's lookup) and in code order, other groups as counts by key.
 */
export async function presentPoolSummary<S extends { total: number; byLevel: CountRow[]; byStreet: CountRow[] }>(
  s: S,
  nameRegions: (codes: string[]) => Promise<{ code: string; name: string }[]>,
) {
  const streetNames = new Map((await nameRegions(s.byStreet.map((r) => r.key))).map((r) => [r.code, r.name]));
  const counts = (rows: CountRow[]) => Object.fromEntries(rows.map((r) => [r.key, Number(r.n)]));
  const { total, byLevel, byStreet, ...groups } = s;
  return {
    total,
    byLevel: { district: 0, street: 0, community: 0, ...counts(byLevel) },
    byStreet: byStreet.map((r) => ({ code: r.key, name: streetNames.get(r.key) ?? r.key, count: Number(r.n) })).sort((a, b) => a.code.localeCompare(b.code)),
    ...(Object.fromEntries(Object.entries(groups).map(([k, rows]) => [k, counts(rows as CountRow[])])) as {
      [K in Exclude<keyof S, 'total' | 'byLevel' | 'byStreet'>]: Record<string, number>;
    }),
  };
}

/**
 * An owned pool's counts for its summary (`presentPoolSummary` presents them): of the rows
 * matching `where`, how many in all, at each owner level, in each street (entries owned above a street left out)
 * and for each value of every one of `groups`' expressions.
 */
export async function countOwnedPool<G extends string>(db: Db, table: PgTable, ownerRegion: PgColumn, where: SQL | undefined, groups: Record<G, SQL>) {
  const group = (expr: SQL) =>
    db
      .select({ key: sql<string>`${expr}`, n: sql<number>`count(*)::int` })
      .from(table)
      .where(where)
      .groupBy(expr);
  const names = Object.keys(groups) as G[];
  const [[{ total }], byLevel, byStreet, ...byGroup] = await Promise.all([
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(table)
      .where(where),
    group(ownerLevelSql(ownerRegion)),
    group(ownerStreetSql(ownerRegion)),
    ...names.map((g) => group(groups[g])),
  ]);
  const grouped = Object.fromEntries(names.map((g, i) => [g, byGroup[i]])) as Record<G, { key: string; n: number }[]>;
  return { total: Number(total), byLevel, byStreet: byStreet.filter((r) => r.key), ...grouped };
}
