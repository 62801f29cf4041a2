// Enrolling: one attempt to enrol, apply or join the waitlist (a seat taken by the offering's conditional
// update, in the same transaction as the enrolment row, idempotent per resident and key), and the offering
// page's enrolment status. This is the benchmarked hot path: every read here is counted.
import type { RequestContext } from '../../kernel/actor';
import { Conflict, DomainError, Invalid, NotFound } from '../../kernel/errors';
import { counter } from '../../kernel/metrics';
import { newId, isUuid } from '../../kernel/ids';
import { uniqueViolation } from '../../kernel/db-errors';
import { translate, type Locale } from '../../kernel/messages';
import { createTaggedCache } from '../../kernel/local-cache';
import { createKeyedBatches, settle, type Settled } from '../../kernel/keyed-batches';
import type { DbOrTx } from '../../db/client';
import { GateClosed, writeTogether, type PlannedGate, type PlannedWrite } from '../../db/write-together';
import { ageInYearOf } from '../../kernel/id-card';
import { eligibilityProblem, windowProblem, opensFor, type ReturningRule } from './enrolment.policy';
import type { OfferingFacts } from './enrolment.ports';
import type { EnrolmentInsert, EnrolmentRow } from './enrolment.repository';
import { shanghaiTime, type EnrolmentCore } from './enrolment.core';

const enrolmentAttempts = counter('learncity_enrolment_attempts_total', 'Attempts to enrol, apply or join a waitlist');
const enrolmentRefusals = counter(
  'learncity_enrolment_refusals_total',
  'Enrolment attempts refused, by error code (class full, not eligible, rate-limited, …)',
);

export function createEnrolService(core: EnrolmentCore) {
  const {
    deps,
    repo,
    clock,
    offerings,
    emit,
    plannedEvent,
    notify,
    plannedNotice,
    grantorNotice,
    notifyGrantor,
    actingFor,
    loadOffering,
    presentWithPosition,
    isReturningLearner,
    eligibleProfile,
    quotaCheck,
    expireOffers,
  } = core;

  // What the offering page's enrolment status reads, kept per process so a crowd looking at a class costs
  // no round trip (issue 20). Nothing here decides anything: the enrolment attempt re-reads and re-checks in
  // the database. The offering's part (its facts, seat count, earliest open offer's deadline) lives a second
  // at most and is dropped whenever any enrolment, seat or offering changes (the change feed's userData,
  // seats and reference channels: every seat taken or given back writes an enrolment row too, which tells
  // userData) and by this process's own writes; the resident's part (their live place, profile, term count,
  // whether they learnt in the previous class) is dropped by their userData or sessions notification and by
  // their own write. Seats left may so be a second stale, never the decision at the moment of enrolment.
  const STATUS_OFFERING_MS = 1_000;
  const STATUS_RESIDENT_MS = 10_000;
  type StatusOffering = { offering: OfferingFacts; nextOfferDeadline: number | null };
  type StatusResident = {
    live: EnrolmentRow | null;
    isReturning: boolean;
    profile: { birthYear: number; homeRegionCode: string } | null;
    inTerm: number | null;
  };
  const statusOfferings = createTaggedCache<StatusOffering>({ maxAgeMs: STATUS_OFFERING_MS, maxEntries: 5_000 });
  const statusResidents = createTaggedCache<StatusResident>({ maxAgeMs: STATUS_RESIDENT_MS, maxEntries: 50_000 });

  // The offering's part expires every second: the requests that find it gone at the same moment (a crowd on the
  // class's page) wait for one read instead of each reading it.
  const statusOfferingReads = new Map<string, Promise<StatusOffering>>();
  function statusOffering(offeringId: string): Promise<StatusOffering> {
    const hit = statusOfferings.get(offeringId);
    if (hit) return Promise.resolve(hit);
    const pending = statusOfferingReads.get(offeringId);
    if (pending) return pending;
    const generation = statusOfferings.generation();
    const read: Promise<StatusOffering> = (async () => {
      const offering = await loadOffering(offeringId);
      const deadline = await repo.nextOfferDeadline(offeringId);
      const facts = { offering, nextOfferDeadline: deadline ? deadline.getTime() : null };
      statusOfferings.set(offeringId, offeringId, facts, generation);
      return facts;
    })().finally(() => {
      if (statusOfferingReads.get(offeringId) === read) statusOfferingReads.delete(offeringId);
    });
    statusOfferingReads.set(offeringId, read);
    return read;
  }

  async function statusResident(offering: OfferingFacts, residentId: string): Promise<StatusResident> {
    const key = `${residentId}|${offering.id}`;
    const hit = statusResidents.get(key);
    if (hit) return hit;
    const generation = statusResidents.generation();
    const live = await repo.live(offering.id, residentId);
    const isReturning = await isReturningLearner(offering, residentId);
    // What only a refusal needs is read only when there is no place to show.
    const profile = live ? null : ((await deps.residents.profiles([residentId])).get(residentId) ?? null);
    const max = offering.term?.maxEnrolmentsPerResident;
    const inTerm = !live && max != null && offering.termId ? await repo.countInTerm(offering.termId, residentId) : null;
    const facts = { live, isReturning, profile: profile && { birthYear: profile.birthYear, homeRegionCode: profile.homeRegionCode }, inTerm };
    statusResidents.set(key, residentId, facts, generation);
    return facts;
  }

  /**
   * What a tap on 报名 would be refused with, said before the tap: not eligible, over the term's quota, or
   * full (then whether the waitlist is open). The enrolment itself re-checks all of it.
   */
  function refusalFor(ctx: RequestContext, offering: OfferingFacts, facts: StatusResident): { code: string; message: string; canJoinWaitlist: boolean } | null {
    const say = (code: string, params: Record<string, string | number> = {}, canJoinWaitlist = false) => ({
      code,
      message: translate(code, ctx.locale, params),
      canJoinWaitlist,
    });
    if (offering.status !== 'published' || offering.enrolmentMode === 'lottery') return null;
    const { profile } = facts;
    // The age this year by the platform's clock, not by the clock when the profile was read.
    const problem = profile
      ? eligibilityProblem(offering.eligibility, { homeRegionCode: profile.homeRegionCode, age: ageInYearOf(profile.birthYear, clock.now()) })
      : null;
    if (problem) return say(problem.key, problem.params);
    const max = offering.term?.maxEnrolmentsPerResident;
    if (max != null && offering.termId && (facts.inTerm ?? 0) >= max) return say('enrolment.quota_reached', { max, term: offering.term!.name });
    if (isFull(offering)) return say('enrolment.full', {}, true);
    return null;
  }

  // Attempts on one class wait for its seats in this process and are sent in batches (kernel/keyed-batches.ts):
  // the class's row admits one statement at a time anyway, so while one runs, the attempts arriving meanwhile
  // wait here, holding no database connection, and the next statement takes as many seats as they are (all or
  // none) and writes each one's rows. A lone attempt goes at once, alone.
  type Replay = NonNullable<Awaited<ReturnType<typeof replayOf>>>;
  interface SeatAttempt {
    /** Refused, or its earlier answer replayed, when the class is known full by now; null to go on. */
    refuseIfFull: () => Promise<Replay | null>;
    /** Its rows, to be sent with others; absent when it must go alone (a term's quota is counted under a lock). */
    rows?: (tx: DbOrTx) => Promise<{ values: EnrolmentInsert; writes: PlannedWrite[] }>;
    /** On its own: its seat in a statement of its own, or the waitlist when asked for. */
    alone: () => Promise<EnrolmentRow>;
  }

  async function takeSeats(offeringId: string, attempts: SeatAttempt[]): Promise<Settled<EnrolmentRow | Replay>[]> {
    const answers: Settled<EnrolmentRow | Replay>[] = [];
    const together: number[] = [];
    for (const [i, attempt] of attempts.entries()) {
      const refused = await settle(attempt.refuseIfFull());
      if ('error' in refused || refused.value) answers[i] = refused as Settled<Replay>;
      else if (attempt.rows) together.push(i);
    }
    if (together.length > 1) {
      const planned = await Promise.all(together.map((i) => attempts[i].rows!(deps.db)));
      // The first `count` attempts (first come) together; when fewer seats are left, as many as are left (the
      // others go on their own below, refused once the class is known full), instead of one statement each.
      let tookTheLast = false;
      for (let count = together.length; count > 1;) {
        const batch = planned.slice(0, count);
        try {
          const rows = await writeTogether(deps.db, {
            gate: offerings.plannedSeat(deps.db, offeringId, count),
            rows: repo.plannedInsert(
              deps.db,
              batch.map((p) => p.values),
            ),
            writes: batch.flatMap((p) => p.writes),
            userDataAfterCommit: batch.map((p) => p.values.residentId),
          });
          const byId = new Map(rows.map((row) => [row.id, row]));
          together.slice(0, count).forEach((i, k) => (answers[i] = { value: byId.get(batch[k].values.id)! }));
          // It took the seats that were left: the others are refused without a statement each.
          if (tookTheLast) offerings.seatRefused(offeringId);
          break;
        } catch (e) {
          // A place one of them holds already: each goes on its own below.
          if (uniqueViolation(e)) break;
          if (!(e instanceof GateClosed)) {
            together.slice(0, count).forEach((i) => (answers[i] = { error: e }));
            break;
          }
          const left = await offerings.seatsLeft(offeringId);
          if (left === 0) offerings.seatRefused(offeringId);
          if (left === null || left >= count) break; // freed meanwhile, or not a seat count: on their own
          count = left;
          tookTheLast = true;
        }
      }
    }
    const onItsOwn = async (attempt: SeatAttempt): Promise<EnrolmentRow | Replay> => (await attempt.refuseIfFull()) ?? (await attempt.alone());
    for (const [i, attempt] of attempts.entries()) if (!answers[i]) answers[i] = await settle(onItsOwn(attempt));
    return answers;
  }
  const inSeatBatch = createKeyedBatches(takeSeats);

  const isFull = (o: OfferingFacts) => o.enrolmentMode === 'first_come' && o.capacity != null && o.seatsTaken >= o.capacity;

  // For each class this process knows to be full: the residents who hold an enrolment sent with an
  // Idempotency-Key, read once per stretch of being full. Only they can be retrying an enrolment that was
  // stored, so everyone else in an enrolment-day crowd is refused without a database round trip. While a
  // class stays full no such enrolment can be added (a seat is needed; joining the waitlist skips this).
  const keyedHolders = new Map<string, { since: number; residents: Promise<Set<string>> }>();
  function keyedHoldersOfFull(offeringId: string): Promise<Set<string>> | null {
    const since = offerings.fullSince(offeringId);
    if (since === null) {
      keyedHolders.delete(offeringId);
      return null;
    }
    const known = keyedHolders.get(offeringId);
    if (known && known.since === since) return known.residents;
    if (keyedHolders.size > 1_000) keyedHolders.clear();
    const residents = repo.residentsWithKeyedEnrolments(offeringId).then((ids) => new Set(ids));
    residents.catch(() => keyedHolders.delete(offeringId));
    keyedHolders.set(offeringId, { since, residents });
    return residents;
  }

  /** An earlier attempt's answer for the same key (a retry), or null; the key reused for another class is a 422. */
  async function replayOf(who: { residentId: string }, offeringId: string, idempotencyKey: string | undefined, known?: EnrolmentRow | null) {
    if (!idempotencyKey) return null;
    const prior = known !== undefined ? (known?.idempotencyKey === idempotencyKey ? known : null) : await repo.byKey(who.residentId, idempotencyKey);
    if (!prior) return null;
    // A key answers for the request it first came with (the IETF Idempotency-Key draft: 422 otherwise).
    if (prior.offeringId !== offeringId) throw new Invalid('enrolment.idempotency_key_reused');
    return { ...(await presentWithPosition(prior)), replayed: true };
  }

  async function enrolAs(
    ctx: RequestContext,
    who: { residentId: string; viaProxyUserId: string | null },
    offeringId: string,
    input: { joinWaitlist?: boolean },
    idempotencyKey?: string,
    place: EnrolmentRow | null = null,
  ) {
    if (!isUuid(offeringId)) throw new NotFound('offering.not_found');
    // A flash crowd is mostly people arriving after the last seat went: answer them before any other work.
    if (!input.joinWaitlist) {
      const holders = keyedHoldersOfFull(offeringId);
      if (holders && !(idempotencyKey && (await holders).has(who.residentId))) throw new Conflict('enrolment.full', {}, { canJoinWaitlist: true });
    }
    const offering = await offerings.attemptFacts(offeringId);
    if (offering.status !== 'published') throw new Conflict('enrolment.not_open_for_enrolment');
    if (offering.enrolmentMode === 'lottery') throw new Conflict('enrolment.lottery_mode');
    // The resident's live place here is not read first: on enrolment day almost no attempt has one. The write's
    // unique index finds it (enrolments_live_uq), and `enrolOnce` then asks again with the place known.
    const live = place;
    if (live) {
      const replay = await replayOf(who, offeringId, idempotencyKey, live);
      if (replay) return replay;
    }
    // Someone waiting may take a seat that is free (staff added one, or it was freed past the cut-off, when
    // it is not offered): their waitlist place becomes the enrolment.
    const waiting = live?.status === 'waitlisted' && offering.enrolmentMode === 'first_come' && !isFull(offering) ? live : null;
    if (live && !waiting) throw new Conflict('enrolment.already_enrolled');
    // Full by the (moments old) seat count, or learnt full while this attempt waited for the database. A retry
    // whose enrolment was later cancelled still gets its answer.
    const refuseIfFull = async () => {
      if (input.joinWaitlist || !(isFull(offering) || offerings.isKnownFull(offering.id))) return null;
      const holders = keyedHoldersOfFull(offering.id);
      if (idempotencyKey && (!holders || (await holders).has(who.residentId))) {
        const replay = await replayOf(who, offeringId, idempotencyKey);
        if (replay) return replay;
      }
      throw new Conflict('enrolment.full', {}, { canJoinWaitlist: !waiting });
    };
    const fullReplay = await refuseIfFull();
    if (fullReplay) return fullReplay;
    const { homeRegionCode } = await eligibleProfile(offering, who.residentId);
    const now = clock.now();
    const isReturning = await isReturningLearner(offering, who.residentId);
    const closed = windowProblem(
      {
        opensAt: offering.enrolmentOpensAt,
        closesAt: offering.enrolmentClosesAt,
        returningRule: (offering.returningRule ?? 'none') as ReturningRule,
        isReturning,
      },
      now,
    );
    if (closed) throw new Conflict(closed.key, closed.params?.at ? { at: shanghaiTime(new Date(closed.params.at)) } : {});
    const mode = offering.enrolmentMode;
    const locale =
      who.residentId === ctx.actor?.userId && ctx.actor.savedLocale
        ? (ctx.actor.savedLocale as Locale)
        : (await deps.residents.contactsOf([who.residentId])).get(who.residentId)?.locale;

    // A term's quota is counted under the resident's lock, so two attempts at once cannot both pass it.
    const quotaCheckLocked = async (tx: DbOrTx) => {
      if (offering.term?.maxEnrolmentsPerResident == null) return;
      await repo.lockResident(tx, who.residentId);
      await quotaCheck(tx, offering, who.residentId);
    };

    // A new place's rows (the enrolment, its audit entry, the resident's notices, the events), built to be sent
    // as one statement (db/write-together.ts): with the seat's update as its gate, the class's row is locked for
    // that statement only.
    const placeRows = async (tx: DbOrTx, status: 'pending' | 'enrolled' | 'waitlisted') => {
      const id = newId();
      const writes: PlannedWrite[] = [
        deps.audit.planned(tx, ctx, {
          action: `enrolment.${status}`,
          entityType: 'enrolment',
          entityId: id,
          regionCode: offering.regionCode,
          details: { offeringId: offering.id, residentId: who.residentId, viaProxyUserId: who.viaProxyUserId },
        }),
        plannedNotice(tx, who.residentId, `notice.${status}`, { title: offering.title }, { link: '/enrolments', sms: status !== 'pending', locale }),
      ];
      if (who.viaProxyUserId) {
        const [key, params, opts] = grantorNotice(ctx, 'proxy_enrol', offering.title);
        writes.push(plannedNotice(tx, who.residentId, key, params, { ...opts, locale }));
      }
      if (status === 'enrolled')
        writes.push(
          ...(await plannedEvent(tx, {
            type: 'enrolled',
            offeringId: offering.id,
            title: offering.title,
            residentId: who.residentId,
            regionCode: homeRegionCode,
            at: now,
          })),
        );
      const source = status === 'pending' ? 'approval' : status === 'enrolled' ? 'first_come' : 'waitlist';
      const values = {
        id,
        offeringId: offering.id,
        termId: offering.termId,
        residentId: who.residentId,
        status,
        source,
        ...(status === 'waitlisted' ? { waitlistedAt: now } : {}),
        idempotencyKey: idempotencyKey ?? null,
        viaProxyUserId: who.viaProxyUserId,
        feeStatus: 'none',
        createdAt: now,
        updatedAt: now,
      };
      return { values, writes };
    };
    // Outside a transaction the resident's user-data notification goes after the commit (db/write-together.ts).
    const placeAlone = async (tx: DbOrTx, status: 'pending' | 'enrolled' | 'waitlisted', inTransaction: boolean, gate?: PlannedGate) => {
      const { values, writes } = await placeRows(tx, status);
      const userDataAfterCommit = inTransaction ? undefined : [who.residentId];
      const [row] = await writeTogether(tx, { gate, rows: repo.plannedInsert(tx, values), writes, userDataAfterCommit });
      return row;
    };

    // Taking a seat: one statement whose gate is the seat. Inside a transaction (a term's quota, a waitlist place
    // becoming the enrolment) it runs under a savepoint, so a closed gate leaves the transaction usable.
    const seated = async (tx: DbOrTx, inTransaction: boolean) => {
      const take = (t: DbOrTx) => placeAlone(t, 'enrolled', inTransaction, offerings.plannedSeat(t, offering.id));
      try {
        return await (inTransaction ? tx.transaction(take) : take(tx));
      } catch (e) {
        if (!(e instanceof GateClosed)) throw e;
        offerings.seatRefused(offering.id);
        return null;
      }
    };

    const write = async (tx: DbOrTx, inTransaction: boolean): Promise<EnrolmentRow> => {
      if (mode === 'approval') return placeAlone(tx, 'pending', inTransaction);
      const row = await seated(tx, inTransaction);
      if (row) return row;
      if (!input.joinWaitlist || mode !== 'first_come') throw new Conflict('enrolment.full', {}, { canJoinWaitlist: mode === 'first_come' });
      return placeAlone(tx, 'waitlisted', inTransaction);
    };

    const placeNew = () =>
      offering.term?.maxEnrolmentsPerResident != null
        ? deps.db.transaction(async (tx) => {
            await quotaCheckLocked(tx);
            return write(tx, true);
          })
        : write(deps.db, false);

    // A resident waiting takes the free seat: their waitlist place becomes the enrolment.
    const moveUp = (place: EnrolmentRow) =>
      deps.db.transaction(async (tx) => {
        await quotaCheckLocked(tx);
        if (!(await offerings.takeSeat(tx, offering.id))) {
          offerings.seatRefused(offering.id);
          throw new Conflict('enrolment.full', {}, { canJoinWaitlist: false });
        }
        const taken = await repo.transition(tx, place.id, ['waitlisted'], {
          status: 'enrolled',
          source: 'first_come',
          idempotencyKey: idempotencyKey ?? place.idempotencyKey,
          viaProxyUserId: who.viaProxyUserId ?? place.viaProxyUserId,
          updatedAt: now,
        });
        if (!taken) throw new Conflict('enrolment.changed');
        await deps.audit(tx, ctx, {
          action: 'enrolment.enrolled',
          entityType: 'enrolment',
          entityId: taken.id,
          regionCode: offering.regionCode,
          details: { offeringId: offering.id, residentId: who.residentId, viaProxyUserId: who.viaProxyUserId, fromWaitlist: true },
        });
        await notify(tx, who.residentId, 'notice.enrolled', { title: offering.title }, { link: '/enrolments', sms: true, locale });
        await notifyGrantor(tx, ctx, who.residentId, who.viaProxyUserId, 'proxy_enrol', offering.title);
        await emit(tx, { type: 'enrolled', offeringId: offering.id, title: offering.title, residentId: who.residentId, regionCode: homeRegionCode, at: now });
        return taken;
      });

    // A seat is taken in a batch of the class's attempts (`takeSeats`); by the batch's turn the class may have
    // been learnt full, and the attempt is refused at once.
    const placed = waiting
      ? await moveUp(waiting)
      : mode === 'approval'
        ? await placeNew()
        : await inSeatBatch(offering.id, {
            refuseIfFull,
            rows: offering.term?.maxEnrolmentsPerResident == null ? (tx) => placeRows(tx, 'enrolled') : undefined,
            alone: placeNew,
          });
    if ('replayed' in placed) return placed;
    return { ...(await presentWithPosition(placed)), replayed: false };
  }

  async function enrolOnce(ctx: RequestContext, offeringId: string, input: { forResidentId?: string; joinWaitlist?: boolean }, idempotencyKey?: string) {
    const who = await actingFor(ctx, input.forResidentId);
    try {
      return await enrolAs(ctx, who, offeringId, input, idempotencyKey);
    } catch (e) {
      const constraint = uniqueViolation(e);
      // Two attempts with one key at once, or a key used before for an enrolment no longer live.
      if (constraint === 'enrolments_idempotency_uq') {
        const replay = await replayOf(who, offeringId, idempotencyKey);
        if (replay) return replay;
      }
      if (constraint === 'enrolments_live_uq') {
        // A place is held here already: a retry gets its answer, a resident waiting may take a free seat.
        const place = await repo.live(offeringId, who.residentId);
        if (place) return enrolAs(ctx, who, offeringId, input, idempotencyKey, place);
        throw new Conflict('enrolment.already_enrolled');
      }
      throw e;
    }
  }

  return {
    /**
     * One attempt to enrol (or apply, or join the waitlist) in an offering. With an idempotency key, a retry
     * returns the first answer (`replayed: true`) and never enrols twice.
     */
    async enrol(ctx: RequestContext, offeringId: string, input: { forResidentId?: string; joinWaitlist?: boolean }, idempotencyKey?: string) {
      enrolmentAttempts.inc();
      return enrolOnce(ctx, offeringId, input, idempotencyKey).catch((e: unknown) => {
        enrolmentRefusals.inc({ code: e instanceof DomainError ? e.code : 'internal' });
        throw e;
      });
    },

    /** What the offering page shows the caller (or someone they act for): their place, if any. Expired offers pass on first. */
    async status(ctx: RequestContext, offeringId: string, forResidentId?: string) {
      if (!isUuid(offeringId)) throw new NotFound('offering.not_found');
      let facts = await statusOffering(offeringId);
      // An open offer past its deadline passes on before anything is shown (then everything is read again:
      // the expiry moved other residents' places too).
      if (facts.nextOfferDeadline !== null && facts.nextOfferDeadline <= clock.now().getTime()) {
        if (await expireOffers(offeringId)) statusResidents.clear();
        statusOfferings.dropKey(offeringId);
        statusOfferingReads.delete(offeringId);
        facts = await statusOffering(offeringId);
      }
      const fresh = facts.offering;
      const base = {
        offeringId,
        mode: fresh.enrolmentMode,
        capacity: fresh.capacity,
        seatsLeft: fresh.capacity == null ? null : Math.max(0, fresh.capacity - fresh.seatsTaken),
        opensAt: fresh.enrolmentOpensAt ? new Date(fresh.enrolmentOpensAt).toISOString() : null,
        closesAt: fresh.enrolmentClosesAt ? new Date(fresh.enrolmentClosesAt).toISOString() : null,
      };
      // Visitors and staff acting for nobody see the offering's figures only.
      if (!ctx.actor || (ctx.actor.kind !== 'resident' && !forResidentId)) return { ...base, enrolment: null, opensForMe: base.opensAt, refusal: null };
      const who = await actingFor(ctx, forResidentId);
      const mine = await statusResident(fresh, who.residentId);
      const row = mine.live;
      const opens = opensFor({
        opensAt: fresh.enrolmentOpensAt,
        closesAt: fresh.enrolmentClosesAt,
        returningRule: (fresh.returningRule ?? 'none') as ReturningRule,
        isReturning: mine.isReturning,
      });
      // A waitlist position moves with other residents' rows: read each time (the rare case).
      return {
        ...base,
        enrolment: row ? await presentWithPosition(row) : null,
        opensForMe: opens?.toISOString() ?? null,
        refusal: row ? null : refusalFor(ctx, fresh, mine),
      };
    },

    /**
     * The change feed and this process's writes keep the enrolment status's caches true: `enrolments` for a
     * resident's rows (any enrolment change may move seats or offers, so every offering's part goes too),
     * `resident` for their account or residence, `seats` for a class that filled or freed up, `all` for
     * anything else (reference data, staff writes, a feed that dropped).
     */
    statusChanged(what: 'enrolments' | 'resident' | 'seats' | 'all', userId?: string) {
      if (what !== 'resident') {
        statusOfferings.clear();
        statusOfferingReads.clear(); // a read begun before the change answers only those already waiting
      }
      if (what === 'seats') return;
      if (what === 'all' || !userId) statusResidents.clear();
      else statusResidents.dropTag(userId);
    },
  };
}
