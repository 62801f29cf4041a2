// All SQL about venues and their bookings.
import { and, eq, inArray, sql, asc, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { updateVersioned } from '../../db/versioned-update';
import { filteredLists, sortOrder } from '../../db/paged-select';
import { existingPairs } from '../../db/existing-pairs';
import type { BulkInsert, BulkInsertOptions } from '../../db/bulk-insert';
import { venues, venueBookings } from '../../db/schema/index';
import type { Actor } from '../../kernel/actor';
import { countOwnedPool, ownedAtLevelSql, visibleOwnedSql } from '../../kernel/ownership';
import { underRootsOrInstitutions } from '../../kernel/region-scope';
import { searchTextMatches } from '../../kernel/search-text';

export type VenueRow = typeof venues.$inferSelect;
export type VenueInsert = typeof venues.$inferInsert;
export type BookingRow = typeof venueBookings.$inferSelect;
export type BookingInsert = typeof venueBookings.$inferInsert;

export interface VenueFilter {
  /** Whose view: what they own in scope and what is shared from above (kernel/ownership). */
  actor: Actor;
  region?: string;
  level?: 'district' | 'street' | 'community';
  unitKind?: string;
  status?: string;
  shared?: boolean;
  bookable?: boolean;
  tsQuery?: string | null;
}

const SORTABLE = {
  name: venues.name,
  capacity: venues.capacity,
  floorAreaM2: venues.floorAreaM2,
  regionCode: venues.regionCode,
  ownerRegionCode: venues.ownerRegionCode,
  createdAt: venues.createdAt,
  updatedAt: venues.updatedAt,
} as const;
/** Bookings that hold their time: a rejected or cancelled one frees it. */
const HOLDING = ['pending', 'approved'];

/** Bookings that share some time with [from, to). */
const overlapping = (from: Date, to: Date) => [
  sql`${venueBookings.startsAt} < ${to.toISOString()}::timestamptz`,
  sql`${venueBookings.endsAt} > ${from.toISOString()}::timestamptz`,
];

/**
 * Which bookings a list shows: those the caller requested, those of venues the caller may decide on
 * (region admins for venues owned in their regions, staff for their institution's), or both plus
 * those of every venue the caller can see.
 */
export type BookingScope =
  { kind: 'mine'; userId: string } | { kind: 'decide'; all: boolean; regionRoots: string[]; institutionIds: string[] } | { kind: 'visible'; actor: Actor };

function bookingScopeSql(s: BookingScope): SQL | null {
  if (s.kind === 'mine') return eq(venueBookings.requestedBy, s.userId);
  if (s.kind === 'visible') {
    const visible = visibleOwnedSql(s.actor, venues.ownerRegionCode, venues.shared);
    return visible ? sql`(${visible} or ${venueBookings.requestedBy} = ${s.actor.userId})` : null;
  }
  if (s.all) return null;
  return underRootsOrInstitutions(venues.ownerRegionCode, s.regionRoots, venues.ownerInstitutionId, s.institutionIds);
}

export function createVenuesRepository(db: Db, bulkInsert: BulkInsert) {
  function where(f: VenueFilter): SQL | undefined {
    const conds: SQL[] = [];
    const visible = visibleOwnedSql(f.actor, venues.ownerRegionCode, venues.shared);
    if (visible) conds.push(visible);
    if (f.region) conds.push(sql`${venues.regionCode} like ${f.region + '%'}`);
    if (f.level) conds.push(ownedAtLevelSql(venues.ownerRegionCode, f.level));
    if (f.unitKind) conds.push(eq(venues.unitKind, f.unitKind));
    if (f.status) conds.push(eq(venues.status, f.status));
    if (f.shared !== undefined) conds.push(eq(venues.shared, f.shared));
    if (f.bookable !== undefined) conds.push(eq(venues.bookable, f.bookable));
    if (f.tsQuery) conds.push(searchTextMatches(venues.searchText, f.tsQuery));
    return conds.length ? and(...conds) : undefined;
  }

  const orderBy = (sort?: string) => sortOrder(sort, SORTABLE, [asc(venues.ownerRegionCode), asc(venues.name), asc(venues.id)], [venues.name, venues.id]);

  return {
    ...filteredLists(db, venues, where, orderBy),

    async find(id: string, tx: DbOrTx = db): Promise<VenueRow | null> {
      const [row] = await tx.select().from(venues).where(eq(venues.id, id)).limit(1);
      return row ?? null;
    },

    async findMany(ids: string[], tx: DbOrTx = db): Promise<VenueRow[]> {
      return ids.length ? tx.select().from(venues).where(inArray(venues.id, ids)) : [];
    },

    existingNames: (pairs: { regionCode: string; name: string }[]) =>
      existingPairs(
        db,
        venues,
        venues.regionCode,
        venues.name,
        pairs.map((p) => [p.regionCode, p.name] as const),
      ),

    async insertMany(tx: DbOrTx, rows: VenueInsert[]) {
      await tx.insert(venues).values(rows);
    },

    /** An import's rows, all or none, with `finish`'s writes in the same change. */
    importAll: (rows: VenueInsert[], options: BulkInsertOptions) => bulkInsert(venues, rows, options),

    async update(tx: DbOrTx, id: string, patch: Partial<VenueInsert>, expectedVersion?: number): Promise<VenueRow | null> {
      return updateVersioned(tx, venues, id, { ...patch, updatedAt: new Date() }, expectedVersion);
    },

    /** Counts for the district office's summary, grouped the four ways it reads them. */
    async summary(actor: Actor) {
      const w = visibleOwnedSql(actor, venues.ownerRegionCode, venues.shared) ?? undefined;
      return countOwnedPool(db, venues, venues.ownerRegionCode, w, { byKind: sql`${venues.unitKind}`, byStatus: sql`${venues.status}` });
    },

    // Bookings.

    /** Takes the venue row's lock for the rest of the transaction, so two bookings of one venue queue up. */
    async lockVenue(tx: DbOrTx, id: string): Promise<VenueRow | null> {
      const [row] = await tx.select().from(venues).where(eq(venues.id, id)).for('update');
      return row ?? null;
    },

    async firstOverlap(tx: DbOrTx, venueId: string, startsAt: Date, endsAt: Date, exceptId?: string): Promise<BookingRow | null> {
      const [row] = await tx
        .select()
        .from(venueBookings)
        .where(
          and(
            eq(venueBookings.venueId, venueId),
            inArray(venueBookings.status, HOLDING),
            ...overlapping(startsAt, endsAt),
            ...(exceptId ? [sql`${venueBookings.id} <> ${exceptId}`] : []),
          ),
        )
        .orderBy(asc(venueBookings.startsAt))
        .limit(1);
      return row ?? null;
    },

    async insertBooking(tx: DbOrTx, row: BookingInsert) {
      const [inserted] = await tx.insert(venueBookings).values(row).returning();
      return inserted;
    },

    async findBooking(id: string, tx: DbOrTx = db): Promise<BookingRow | null> {
      const [row] = await tx.select().from(venueBookings).where(eq(venueBookings.id, id)).limit(1);
      return row ?? null;
    },

    /** Moves a booking from one status to another; null when it was no longer in `from` (a concurrent decision). */
    async setBookingStatus(tx: DbOrTx, id: string, from: string[], patch: Partial<BookingInsert>): Promise<BookingRow | null> {
      const [row] = await tx
        .update(venueBookings)
        .set(patch)
        .where(and(eq(venueBookings.id, id), inArray(venueBookings.status, from)))
        .returning();
      return row ?? null;
    },

    async bookingsBetween(venueId: string, from: Date, to: Date, statuses: string[]) {
      return db
        .select()
        .from(venueBookings)
        .where(and(eq(venueBookings.venueId, venueId), inArray(venueBookings.status, statuses), ...overlapping(from, to)))
        .orderBy(asc(venueBookings.startsAt))
        .limit(2000);
    },

    /** Bookings the caller may see: of venues matching `venueVisible`, or requested by the caller. */
    async listBookings(f: { scope: BookingScope; venueId?: string; status?: string; from?: Date; limit: number; offset: number }) {
      const conds: SQL[] = [];
      const scope = bookingScopeSql(f.scope);
      if (scope) conds.push(scope);
      if (f.venueId) conds.push(eq(venueBookings.venueId, f.venueId));
      if (f.status) conds.push(eq(venueBookings.status, f.status));
      if (f.from) conds.push(sql`${venueBookings.endsAt} > ${f.from.toISOString()}::timestamptz`);
      const w = conds.length ? and(...conds) : undefined;
      const rows = await db
        .select({
          booking: venueBookings,
          venue: { name: venues.name, ownerRegionCode: venues.ownerRegionCode, ownerInstitutionId: venues.ownerInstitutionId, shared: venues.shared },
        })
        .from(venueBookings)
        .innerJoin(venues, eq(venues.id, venueBookings.venueId))
        .where(w)
        .orderBy(asc(venueBookings.startsAt), asc(venueBookings.id))
        .limit(f.limit)
        .offset(f.offset);
      const [{ n }] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(venueBookings)
        .innerJoin(venues, eq(venues.id, venueBookings.venueId))
        .where(w);
      return { rows, total: Number(n) };
    },
  };
}

export type VenuesRepository = ReturnType<typeof createVenuesRepository>;
