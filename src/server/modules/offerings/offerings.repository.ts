// All SQL of terms, campaigns, classes and events and their sessions.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { planned } from '../../db/planned';
import { updateVersioned } from '../../db/versioned-update';
import { selectInBatches, selectPage, sortOrder } from '../../db/paged-select';
import { campaigns, offerings, offeringSessions, terms } from '../../db/schema/index';
import type { PgTable } from 'drizzle-orm/pg-core';
import { searchTextMatches } from '../../kernel/search-text';
import { onPathOfRoots, underRootsOrInstitutions } from '../../kernel/region-scope';

export type TermRow = typeof terms.$inferSelect;
export type CampaignRow = typeof campaigns.$inferSelect;
export type OfferingRow = typeof offerings.$inferSelect;
export type OfferingInsert = typeof offerings.$inferInsert;
export type SessionRow = typeof offeringSessions.$inferSelect;

/** Whom a staff list is for: their region roots ('all' for no restriction) and their institutions. */
export interface OfferingViewer {
  roots: string[] | 'all';
  institutionIds: string[];
}

export interface OfferingFilter {
  /** The staff caller whose visibility narrows the list; absent for the public catalogue's own conditions. */
  viewer?: OfferingViewer;
  statuses?: string[];
  kind?: string;
  termId?: string;
  campaignId?: string;
  category?: string;
  targetGroup?: string;
  mode?: string;
  regionRoot?: string;
  weekday?: number;
  dayPart?: string;
  free?: boolean;
  hasSeats?: boolean;
  tsQuery?: string | null;
  /** Only offerings whose last session has not ended. */
  notEndedAt?: Date;
  /** Only offerings whose first session starts within [from, to). */
  startsBetween?: [Date, Date];
  enrolmentMode?: string;
}

/** `viewerRoots`: the caller's region roots, 'all' for no restriction (the public list of published campaigns). */
export interface PlanFilter {
  viewerRoots: string[] | 'all';
  status?: string;
  tsLike?: string;
}

const SORTABLE = {
  title: offerings.title,
  startsAt: offerings.firstStartsAt,
  createdAt: offerings.createdAt,
  updatedAt: offerings.updatedAt,
  status: offerings.status,
} as const;

/** The staff visibility rule of canSeeOffering as SQL. */
function offeringVisibleSql(roots: string[] | 'all', institutionIds: string[]): SQL | null {
  if (roots === 'all') return null;
  return underRootsOrInstitutions(offerings.regionCode, roots, offerings.institutionId, institutionIds);
}

/** Terms and campaigns are visible to the office that owns them, those below it, and those above it. */
function planVisibleSql(column: typeof terms.ownerRegionCode | typeof campaigns.ownerRegionCode, roots: string[] | 'all'): SQL | null {
  return roots === 'all' ? null : onPathOfRoots(column, roots);
}

const pgArray = (values: string[]) => `{${values.map((v) => `"${v}"`).join(',')}}`;

export function createOfferingsRepository(db: Db) {
  function where(f: OfferingFilter): SQL | undefined {
    const c: SQL[] = [];
    const visible = f.viewer ? offeringVisibleSql(f.viewer.roots, f.viewer.institutionIds) : null;
    if (visible) c.push(visible);
    if (f.statuses?.length) c.push(inArray(offerings.status, f.statuses));
    if (f.kind) c.push(eq(offerings.kind, f.kind));
    if (f.termId) c.push(eq(offerings.termId, f.termId));
    if (f.campaignId) c.push(eq(offerings.campaignId, f.campaignId));
    if (f.category) c.push(eq(offerings.categoryCode, f.category));
    if (f.targetGroup) c.push(sql`${offerings.targetGroups} @> ${JSON.stringify([f.targetGroup])}::jsonb`);
    if (f.mode) c.push(eq(offerings.mode, f.mode));
    if (f.enrolmentMode) c.push(eq(offerings.enrolmentMode, f.enrolmentMode));
    if (f.regionRoot) c.push(sql`${offerings.regionCode} like ${f.regionRoot + '%'}`);
    if (f.weekday) c.push(sql`${offerings.weekdays} @> ${JSON.stringify([f.weekday])}::jsonb`);
    if (f.dayPart) c.push(sql`${offerings.dayParts} @> ${JSON.stringify([f.dayPart])}::jsonb`);
    if (f.free === true) c.push(eq(offerings.feeCents, 0));
    if (f.free === false) c.push(sql`${offerings.feeCents} > 0`);
    if (f.hasSeats) c.push(sql`(${offerings.capacity} is null or ${offerings.seatsTaken} < ${offerings.capacity})`);
    if (f.tsQuery) c.push(searchTextMatches(offerings.searchText, f.tsQuery));
    if (f.startsBetween)
      c.push(
        sql`${offerings.firstStartsAt} >= ${f.startsBetween[0].toISOString()}::timestamptz and ${offerings.firstStartsAt} < ${f.startsBetween[1].toISOString()}::timestamptz`,
      );
    if (f.notEndedAt) c.push(sql`(${offerings.lastEndsAt} is null or ${offerings.lastEndsAt} > ${f.notEndedAt.toISOString()}::timestamptz)`);
    return c.length ? and(...c) : undefined;
  }

  function orderBy(sort: string | undefined, home: string | null) {
    if (sort === 'near' && home) {
      const near = sql`case when ${offerings.regionCode} = ${home.slice(0, 12)} then 0 when ${offerings.regionCode} like ${home.slice(0, 9) + '%'} then 1 when ${offerings.regionCode} like ${home.slice(0, 6) + '%'} then 2 else 3 end`;
      return [asc(near), sql`${offerings.firstStartsAt} asc nulls last`, asc(offerings.id)];
    }
    return sortOrder(sort, SORTABLE, [sql`${offerings.firstStartsAt} asc nulls last`, asc(offerings.id)], [offerings.id]);
  }

  /**
   * `count` seats if that many are left (all or none), built and not sent (returning the offering's id when it
   * took them); atomic: concurrent updates queue on the row and re-check the condition.
   */
  // Read when a batch of attempts found fewer seats than it asked for (enrolment's takeSeats).
  const seatsLeftPrepared = db
    .select({ left: sql<number | null>`greatest(${offerings.capacity} - ${offerings.seatsTaken}, 0)` })
    .from(offerings)
    .where(eq(offerings.id, sql.placeholder('id')))
    .prepare('offering_seats_left');
  const plannedSeat = (tx: DbOrTx, id: string, count = 1) =>
    planned(tx, 'offerings:seat', [count, id], (db, value) =>
      db
        .update(offerings)
        .set({ seatsTaken: sql`${offerings.seatsTaken} + ${value(0)}` })
        .where(
          and(eq(offerings.id, value(1) as string), sql`(${offerings.capacity} is null or ${offerings.seatsTaken} + ${value(0)} <= ${offerings.capacity})`),
        )
        .returning({ id: offerings.id }),
    );

  /** Terms and campaigns are both plans (an owner, a name, dates, a status, a version): the same queries over either table. */
  function planQueries<T extends typeof terms | typeof campaigns>(table: T) {
    type Row = T['$inferSelect'];
    // drizzle types a query over a generic table only as any table's; each answer is cast back to the plan's row.
    const anyTable = table as PgTable;
    return {
      async insert(tx: DbOrTx, row: T['$inferInsert']): Promise<Row> {
        const [r] = await tx.insert(anyTable).values(row).returning();
        return r as Row;
      },
      async find(id: string, tx: DbOrTx = db): Promise<Row | null> {
        const [r] = await tx.select().from(anyTable).where(eq(table.id, id));
        return (r as Row | undefined) ?? null;
      },
      async findMany(ids: string[]): Promise<Row[]> {
        return ids.length ? ((await db.select().from(anyTable).where(inArray(table.id, ids))) as Row[]) : [];
      },
      update: (tx: DbOrTx, id: string, patch: Partial<T['$inferInsert']>, expectedVersion?: number): Promise<Row | null> =>
        updateVersioned(tx, table, id, patch, expectedVersion),
      list(f: PlanFilter & { limit: number; offset: number }) {
        const w = and(
          ...[
            planVisibleSql(table.ownerRegionCode, f.viewerRoots),
            f.status ? eq(table.status, f.status) : undefined,
            f.tsLike ? sql`${table.name} like ${'%' + f.tsLike + '%'}` : undefined,
          ].filter((x): x is SQL => !!x),
        );
        return selectPage(db, table, w, [desc(table.startsOn), asc(table.id)], { limit: f.limit, offset: f.offset });
      },
    };
  }
  const termQueries = planQueries(terms);
  const campaignQueries = planQueries(campaigns);

  return {
    // Terms
    insertTerm: termQueries.insert,
    findTerm: termQueries.find,
    findTerms: termQueries.findMany,
    updateTerm: termQueries.update,
    listTerms: termQueries.list,

    // Campaigns
    insertCampaign: campaignQueries.insert,
    findCampaign: campaignQueries.find,
    findCampaigns: campaignQueries.findMany,
    updateCampaign: campaignQueries.update,
    listCampaigns: campaignQueries.list,

    // Offerings
    async insert(tx: DbOrTx, row: OfferingInsert) {
      const [r] = await tx.insert(offerings).values(row).returning();
      return r;
    },
    async find(id: string, tx: DbOrTx = db): Promise<OfferingRow | null> {
      const [r] = await tx.select().from(offerings).where(eq(offerings.id, id));
      return r ?? null;
    },
    async update(tx: DbOrTx, id: string, patch: Partial<OfferingInsert>, expectedVersion?: number): Promise<OfferingRow | null> {
      return updateVersioned(tx, offerings, id, patch, expectedVersion);
    },
    async list(f: OfferingFilter & { sort?: string; home?: string | null; limit: number; offset: number }) {
      const w = where(f);
      return selectPage(db, offerings, w, orderBy(f.sort, f.home ?? null), { limit: f.limit, offset: f.offset });
    },
    iterate: (f: OfferingFilter, batch = 500) =>
      selectInBatches(db, offerings, where(f), [sql`${offerings.firstStartsAt} asc nulls last`, asc(offerings.id)], batch),
    async countByTerm(termId: string, statuses: string[], tx: DbOrTx = db) {
      const [{ n }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(offerings)
        .where(and(eq(offerings.termId, termId), inArray(offerings.status, statuses)));
      return Number(n);
    },

    plannedSeat,
    /** Seats not taken now (never below 0), or null when the class has no capacity limit. */
    async seatsLeft(id: string): Promise<number | null> {
      const [row] = await seatsLeftPrepared.execute({ id });
      return row ? row.left : 0;
    },
    async takeSeat(tx: DbOrTx, id: string): Promise<boolean> {
      return (await plannedSeat(tx, id)).length === 1;
    },
    async releaseSeat(tx: DbOrTx, id: string): Promise<void> {
      await tx
        .update(offerings)
        .set({ seatsTaken: sql`greatest(${offerings.seatsTaken} - 1, 0)` })
        .where(eq(offerings.id, id));
    },

    // Sessions
    async insertSessions(tx: DbOrTx, rows: (typeof offeringSessions.$inferInsert)[]) {
      for (let i = 0; i < rows.length; i += 200) await tx.insert(offeringSessions).values(rows.slice(i, i + 200));
    },
    async sessionsOf(offeringId: string, tx: DbOrTx = db): Promise<SessionRow[]> {
      return tx.select().from(offeringSessions).where(eq(offeringSessions.offeringId, offeringId)).orderBy(asc(offeringSessions.seq));
    },
    /** Scheduled sessions per offering, for the catalogue's schedule line. */
    async liveSessionCounts(ids: string[]): Promise<Map<string, number>> {
      if (!ids.length) return new Map();
      const rows = await db
        .select({ id: offeringSessions.offeringId, n: sql<number>`count(*)::int` })
        .from(offeringSessions)
        .where(and(inArray(offeringSessions.offeringId, ids), eq(offeringSessions.status, 'scheduled')))
        .groupBy(offeringSessions.offeringId);
      return new Map(rows.map((r) => [r.id, Number(r.n)]));
    },
    async findSession(id: string, tx: DbOrTx = db): Promise<SessionRow | null> {
      const [r] = await tx.select().from(offeringSessions).where(eq(offeringSessions.id, id));
      return r ?? null;
    },
    async deleteSessions(tx: DbOrTx, offeringId: string) {
      await tx.delete(offeringSessions).where(eq(offeringSessions.offeringId, offeringId));
    },
    async cancelSessions(tx: DbOrTx, offeringId: string) {
      await tx.update(offeringSessions).set({ status: 'cancelled' }).where(eq(offeringSessions.offeringId, offeringId));
    },
    /** Serialises schedule changes of one instructor, so two overlapping classes cannot both pass the check. */
    async lockInstructor(tx: DbOrTx, instructorId: string) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'offerings.instructor:' + instructorId}))`);
    },
    /** The first scheduled session of another live offering of this instructor that overlaps one of the ranges. */
    async instructorClash(tx: DbOrTx, instructorId: string, ranges: { startsAt: Date; endsAt: Date }[], exceptOfferingId: string | null) {
      if (!ranges.length) return null;
      const starts = pgArray(ranges.map((r) => r.startsAt.toISOString()));
      const ends = pgArray(ranges.map((r) => r.endsAt.toISOString()));
      const [row] = await tx
        .select({ title: offerings.title, startsAt: offeringSessions.startsAt, endsAt: offeringSessions.endsAt })
        .from(offeringSessions)
        .innerJoin(offerings, eq(offerings.id, offeringSessions.offeringId))
        .where(
          and(
            eq(offerings.instructorId, instructorId),
            inArray(offerings.status, ['draft', 'published']),
            eq(offeringSessions.status, 'scheduled'),
            ...(exceptOfferingId ? [sql`${offerings.id} <> ${exceptOfferingId}`] : []),
            sql`exists (select 1 from unnest(${starts}::timestamptz[], ${ends}::timestamptz[]) as r(s, e) where ${offeringSessions.startsAt} < r.e and ${offeringSessions.endsAt} > r.s)`,
          ),
        )
        .orderBy(asc(offeringSessions.startsAt))
        .limit(1);
      return row ?? null;
    },
  };
}

export type OfferingsRepository = ReturnType<typeof createOfferingsRepository>;
