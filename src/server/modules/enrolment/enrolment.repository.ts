// All SQL of enrolments, the waitlist and proxy grants.
import { and, asc, desc, eq, inArray, isNull, lte, ne, sql, type SQL, type Placeholder } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { selectPage } from '../../db/paged-select';
import { enrolments, proxyGrants, users } from '../../db/schema/index';
import { rowsOf } from '../../kernel/rate-limit';
import { plannedInsert as plannedRows } from '../../db/planned';
import { QUOTA_STATUSES, type EnrolmentStatus } from './enrolment.policy';

export type EnrolmentRow = typeof enrolments.$inferSelect;
export type EnrolmentInsert = typeof enrolments.$inferInsert;
export type GrantRow = typeof proxyGrants.$inferSelect;

export interface EnrolmentFilter {
  offeringId: string;
  status?: string;
  viaProxy?: boolean;
  q?: string;
}

export function createEnrolmentRepository(db: Db) {
  const byKeyPrepared = db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.residentId, sql.placeholder('residentId')), eq(enrolments.idempotencyKey, sql.placeholder('key'))))
    .limit(1)
    .prepare('enrolment_by_key');
  const liveWhere = (offeringId: string | Placeholder, residentId: string | Placeholder) =>
    and(
      eq(enrolments.offeringId, offeringId),
      eq(enrolments.residentId, residentId),
      sql`${enrolments.status} in ('pending', 'enrolled', 'waitlisted', 'offered', 'completed')`,
    );
  // Every enrolment attempt reads it.
  const livePrepared = db
    .select()
    .from(enrolments)
    .where(liveWhere(sql.placeholder('offeringId'), sql.placeholder('residentId')))
    .limit(1)
    .prepare('enrolment_live');
  /** The insert of one row or several returning the stored rows, built and not sent (for `writeTogether`). */
  const plannedInsert = (tx: DbOrTx, rows: EnrolmentInsert | EnrolmentInsert[]) =>
    plannedRows(tx, 'enrolments', Array.isArray(rows) ? rows : [rows], (db, values) => db.insert(enrolments).values(values).returning());
  function where(f: EnrolmentFilter): SQL {
    const conds: SQL[] = [eq(enrolments.offeringId, f.offeringId)];
    if (f.status) conds.push(eq(enrolments.status, f.status));
    if (f.viaProxy !== undefined) conds.push(f.viaProxy ? sql`${enrolments.viaProxyUserId} is not null` : isNull(enrolments.viaProxyUserId));
    if (f.q)
      conds.push(sql`exists (select 1 from users u where u.id = ${enrolments.residentId} and (u.display_name like ${'%' + f.q + '%'} or u.phone = ${f.q}))`);
    return and(...conds)!;
  }

  return {
    plannedInsert,
    async insert(tx: DbOrTx, row: EnrolmentInsert): Promise<EnrolmentRow> {
      const [created] = await plannedInsert(tx, row);
      return created;
    },

    async find(id: string, tx: DbOrTx = db): Promise<EnrolmentRow | null> {
      const [row] = await tx.select().from(enrolments).where(eq(enrolments.id, id)).limit(1);
      return row ?? null;
    },

    /** Every enrolment attempt with a key asks this first: a prepared statement (built and parsed once). */
    async byKey(residentId: string, key: string, tx?: DbOrTx): Promise<EnrolmentRow | null> {
      if (tx) {
        const [row] = await tx
          .select()
          .from(enrolments)
          .where(and(eq(enrolments.residentId, residentId), eq(enrolments.idempotencyKey, key)))
          .limit(1);
        return row ?? null;
      }
      const [row] = await byKeyPrepared.execute({ residentId, key });
      return row ?? null;
    },

    /** Residents with an enrolment in the offering sent with an Idempotency-Key (who may be retrying one). */
    async residentsWithKeyedEnrolments(offeringId: string): Promise<string[]> {
      const rows = await db
        .selectDistinct({ residentId: enrolments.residentId })
        .from(enrolments)
        .where(and(eq(enrolments.offeringId, offeringId), sql`${enrolments.idempotencyKey} is not null`));
      return rows.map((r) => r.residentId);
    },

    async live(offeringId: string, residentId: string, tx?: DbOrTx): Promise<EnrolmentRow | null> {
      const [row] = tx
        ? await tx.select().from(enrolments).where(liveWhere(offeringId, residentId)).limit(1)
        : await livePrepared.execute({ offeringId, residentId });
      return row ?? null;
    },

    async latestOf(offeringId: string, residentId: string, tx: DbOrTx = db): Promise<EnrolmentRow | null> {
      const [row] = await tx
        .select()
        .from(enrolments)
        .where(and(eq(enrolments.offeringId, offeringId), eq(enrolments.residentId, residentId)))
        .orderBy(desc(enrolments.seq))
        .limit(1);
      return row ?? null;
    },

    async hasLearned(offeringId: string, residentId: string, tx: DbOrTx = db): Promise<boolean> {
      const [row] = await tx
        .select({ id: enrolments.id })
        .from(enrolments)
        .where(and(eq(enrolments.offeringId, offeringId), eq(enrolments.residentId, residentId), inArray(enrolments.status, ['enrolled', 'completed'])))
        .limit(1);
      return !!row;
    },

    async countInTerm(termId: string, residentId: string, tx: DbOrTx = db, exceptId?: string): Promise<number> {
      const [{ n }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(enrolments)
        .where(
          and(
            eq(enrolments.termId, termId),
            eq(enrolments.residentId, residentId),
            inArray(enrolments.status, QUOTA_STATUSES),
            exceptId ? ne(enrolments.id, exceptId) : undefined,
          ),
        );
      return Number(n);
    },

    /** Serialises one resident's enrolments (quota counts) without touching anyone else's. */
    async lockResident(tx: DbOrTx, residentId: string) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'enrolment:' + residentId}))`);
    },

    /** Moves an enrolment from one state to another; null when it was no longer in `from` (a concurrent change won). */
    async transition(tx: DbOrTx, id: string, from: EnrolmentStatus[], patch: Partial<EnrolmentInsert>): Promise<EnrolmentRow | null> {
      const [row] = await tx
        .update(enrolments)
        .set(patch)
        .where(and(eq(enrolments.id, id), inArray(enrolments.status, from)))
        .returning();
      return row ?? null;
    },

    async update(tx: DbOrTx, id: string, patch: Partial<EnrolmentInsert>): Promise<EnrolmentRow> {
      const [row] = await tx.update(enrolments).set(patch).where(eq(enrolments.id, id)).returning();
      return row;
    },

    /** The first resident on the waitlist, locked; rows another transaction holds are skipped so two freed seats go to two people. */
    async nextWaitlisted(tx: DbOrTx, offeringId: string): Promise<EnrolmentRow | null> {
      const ids = rowsOf<{ id: string }>(
        await tx.execute(
          sql`select id from enrolments where offering_id = ${offeringId} and status = 'waitlisted' order by seq limit 1 for update skip locked`,
        ),
      );
      return ids.length ? this.find(ids[0].id, tx) : null;
    },

    async waitlistPosition(row: EnrolmentRow, tx: DbOrTx = db): Promise<number> {
      const [{ n }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(enrolments)
        .where(and(eq(enrolments.offeringId, row.offeringId), eq(enrolments.status, 'waitlisted'), lte(enrolments.seq, row.seq)));
      return Number(n);
    },

    /** Offers past their deadline, locked so one process handles each. */
    /** When the earliest open offer of an offering runs out, or null when none is open. */
    async nextOfferDeadline(offeringId: string): Promise<Date | null> {
      const [{ at }] = await db
        .select({ at: sql<Date | string | null>`min(${enrolments.offerExpiresAt})` })
        .from(enrolments)
        .where(and(eq(enrolments.offeringId, offeringId), eq(enrolments.status, 'offered')));
      return at == null ? null : new Date(at);
    },
    async hasExpiredOffers(now: Date, offeringId: string | null): Promise<boolean> {
      return (
        rowsOf(
          await db.execute(sql`select 1 from enrolments where status = 'offered' and offer_expires_at <= ${now.toISOString()}
        ${offeringId ? sql`and offering_id = ${offeringId}` : sql``} limit 1`),
        ).length > 0
      );
    },
    async claimExpiredOffers(tx: DbOrTx, now: Date, offeringId: string | null, limit: number): Promise<EnrolmentRow[]> {
      const ids = rowsOf<{ id: string }>(
        await tx.execute(sql`select id from enrolments where status = 'offered' and offer_expires_at <= ${now.toISOString()}
        ${offeringId ? sql`and offering_id = ${offeringId}` : sql``} order by offer_expires_at limit ${limit} for update skip locked`),
      ).map((r) => r.id);
      return ids.length ? tx.select().from(enrolments).where(inArray(enrolments.id, ids)).orderBy(asc(enrolments.offerExpiresAt)) : [];
    },

    async list(f: EnrolmentFilter & { limit: number; offset: number }) {
      const w = where(f);
      return selectPage(db, enrolments, w, [asc(enrolments.seq)], { limit: f.limit, offset: f.offset });
    },

    async counts(offeringId: string) {
      return db
        .select({ status: enrolments.status, n: sql<number>`count(*)::int` })
        .from(enrolments)
        .where(eq(enrolments.offeringId, offeringId))
        .groupBy(enrolments.status);
    },

    async ofResident(residentId: string, f: { status?: string[]; limit: number; offset: number }) {
      const w = and(eq(enrolments.residentId, residentId), f.status ? inArray(enrolments.status, f.status) : undefined);
      // The page and its total in one round trip; past the last page, count apart.
      const page = await db
        .select({ row: enrolments, total: sql<number>`count(*) over ()` })
        .from(enrolments)
        .where(w)
        .orderBy(desc(enrolments.seq))
        .limit(f.limit)
        .offset(f.offset);
      if (page.length) return { rows: page.map((p) => p.row), total: Number(page[0].total) };
      const [{ n }] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(enrolments)
        .where(w);
      return { rows: [], total: Number(n) };
    },

    /** Cancels every live place of an offering (the offering itself was cancelled); returns the rows as they were. */
    async cancelAllOf(tx: DbOrTx, offeringId: string, patch: Partial<EnrolmentInsert>): Promise<EnrolmentRow[]> {
      const before = await tx
        .select()
        .from(enrolments)
        .where(and(eq(enrolments.offeringId, offeringId), inArray(enrolments.status, ['pending', 'enrolled', 'waitlisted', 'offered'])));
      if (before.length)
        await tx
          .update(enrolments)
          .set(patch)
          .where(
            inArray(
              enrolments.id,
              before.map((r) => r.id),
            ),
          );
      return before;
    },

    async active(offeringId: string, tx: DbOrTx = db) {
      return tx
        .select({ enrolmentId: enrolments.id, residentId: enrolments.residentId, displayName: users.displayName, viaProxyUserId: enrolments.viaProxyUserId })
        .from(enrolments)
        .innerJoin(users, eq(users.id, enrolments.residentId))
        .where(and(eq(enrolments.offeringId, offeringId), inArray(enrolments.status, ['enrolled', 'completed'])))
        .orderBy(asc(enrolments.seq));
    },

    /** Offerings with enrolled residents not yet reminded (the reminder task looks at their first session). */
    async offeringsToRemind(limit: number): Promise<string[]> {
      const rows = await db
        .selectDistinct({ id: enrolments.offeringId })
        .from(enrolments)
        .where(and(eq(enrolments.status, 'enrolled'), isNull(enrolments.remindedAt)))
        .limit(limit);
      return rows.map((r) => r.id);
    },

    async unremindedOf(offeringId: string) {
      return db
        .select()
        .from(enrolments)
        .where(and(eq(enrolments.offeringId, offeringId), eq(enrolments.status, 'enrolled'), isNull(enrolments.remindedAt)));
    },

    async offersDueSoon(until: Date) {
      return db
        .select()
        .from(enrolments)
        .where(and(eq(enrolments.status, 'offered'), lte(enrolments.offerExpiresAt, until)));
    },

    // Proxy grants
    async insertGrant(tx: DbOrTx, row: typeof proxyGrants.$inferInsert) {
      await tx.insert(proxyGrants).values(row);
    },
    async grant(id: string, tx: DbOrTx = db): Promise<GrantRow | null> {
      const [row] = await tx.select().from(proxyGrants).where(eq(proxyGrants.id, id)).limit(1);
      return row ?? null;
    },
    async activeGrant(grantorId: string, granteeId: string, tx: DbOrTx = db): Promise<GrantRow | null> {
      const [row] = await tx
        .select()
        .from(proxyGrants)
        .where(and(eq(proxyGrants.grantorId, grantorId), eq(proxyGrants.granteeId, granteeId), eq(proxyGrants.status, 'active')))
        .limit(1);
      return row ?? null;
    },
    async liveGrant(grantorId: string, granteeId: string): Promise<GrantRow | null> {
      const [row] = await db
        .select()
        .from(proxyGrants)
        .where(and(eq(proxyGrants.grantorId, grantorId), eq(proxyGrants.granteeId, granteeId), inArray(proxyGrants.status, ['pending', 'active'])))
        .limit(1);
      return row ?? null;
    },
    async grantsOf(userId: string) {
      return db
        .select()
        .from(proxyGrants)
        .where(and(sql`(${proxyGrants.grantorId} = ${userId} or ${proxyGrants.granteeId} = ${userId})`, inArray(proxyGrants.status, ['pending', 'active'])))
        .orderBy(desc(proxyGrants.createdAt))
        .limit(100);
    },
    async transitionGrant(tx: DbOrTx, id: string, from: string[], patch: Partial<typeof proxyGrants.$inferInsert>): Promise<GrantRow | null> {
      const [row] = await tx
        .update(proxyGrants)
        .set(patch)
        .where(and(eq(proxyGrants.id, id), inArray(proxyGrants.status, from)))
        .returning();
      return row ?? null;
    },
  };
}

export type EnrolmentRepository = ReturnType<typeof createEnrolmentRepository>;
