// What the enrolment sub-services share: the module's dependencies, loading an offering or an enrolment as
// the caller may see it, presenting a place, notices and events, and the waitlist's seat passing (a freed seat
// goes to the next person as an offer; offers past their deadline expire and pass on).
import type { Db, DbOrTx } from '../../db/client';
import { writeAllTogether, type PlannedWrite } from '../../db/write-together';
import type { Clock } from '../../kernel/clock';
import type { AuditWriter } from '../../kernel/audit';
import { isStaff, requireSignedIn, type RequestContext } from '../../kernel/actor';
import { Conflict, Forbidden, Invalid, NotFound } from '../../kernel/errors';
import { isUuid } from '../../kernel/ids';
import { createKeyedBatches } from '../../kernel/keyed-batches';
import type { RateLimiter } from '../../kernel/rate-limit';
import type { Locale } from '../../kernel/messages';
import type { ResidentsService } from '../accounts/index';
import type { NotificationsService } from '../notifications/index';
import { DEFAULT_OFFER_HOURS, cutoffOf, eligibilityProblem, offerDeadline, type EnrolmentStatus } from './enrolment.policy';
import type { OfferingFacts, OfferingsPort } from './enrolment.ports';
import type { EnrolmentRepository, EnrolmentRow } from './enrolment.repository';
import { localTime } from '../../../contracts/local-time';

export interface EnrolmentEvent {
  type: 'enrolled' | 'cancelled' | 'completed';
  offeringId: string;
  residentId: string;
  at: Date;
  /** What listeners would otherwise read again, when the emitter has it at hand. */
  title?: string;
  regionCode?: string;
}
/** What follows from an enrolment event (another module's rows), built for the enrolment's own statement or transaction to send. */
export type EnrolmentListener = (tx: DbOrTx, e: EnrolmentEvent) => Promise<PlannedWrite[]>;

/** An online payment provider may be plugged in later; staff record payments and waivers by hand meanwhile. */
export interface PaymentProvider {
  createCharge(input: { enrolmentId: string; amountFen: number; description: string }): Promise<{ reference: string; payUrl: string }>;
}

/** Local date and time, as residents read it in messages: 2026-12-03 10:00. */
export function shanghaiTime(d: Date): string {
  return localTime.dateTime(d);
}

export interface EnrolmentDeps {
  db: Db;
  repo: EnrolmentRepository;
  clock: Clock;
  audit: AuditWriter;
  offerings: OfferingsPort;
  residents: ResidentsService;
  notifications: NotificationsService;
  rateLimit: RateLimiter;
  offerHours?: number;
  payments?: PaymentProvider;
}

export function createEnrolmentCore(deps: EnrolmentDeps) {
  const { repo, clock, offerings } = deps;
  const offerHours = deps.offerHours ?? DEFAULT_OFFER_HOURS;
  const listeners: EnrolmentListener[] = [];

  /** The listeners' writes for an event, built and not sent. */
  async function plannedEvent(tx: DbOrTx, e: EnrolmentEvent): Promise<PlannedWrite[]> {
    const writes: PlannedWrite[] = [];
    for (const l of listeners) writes.push(...(await l(tx, e)));
    return writes;
  }

  async function emit(tx: DbOrTx, e: EnrolmentEvent) {
    await writeAllTogether(tx, await plannedEvent(tx, e));
  }

  const notify = (
    tx: DbOrTx,
    residentId: string,
    key: string,
    params: Record<string, string | number>,
    opts: { link?: string; sms?: boolean; dedupeKey?: string; locale?: Locale } = {},
  ) => deps.notifications.sendTranslated(tx, { residentId, kind: key.replace(/^notice\./, ''), key, params, ...opts });

  /** Whom the caller acts for: themselves (a resident) or a grantor who gave them an active proxy grant. */
  async function actingFor(ctx: RequestContext, residentId?: string): Promise<{ residentId: string; viaProxyUserId: string | null }> {
    const actor = requireSignedIn(ctx);
    if (!residentId || residentId === actor.userId) {
      if (actor.kind !== 'resident') throw new Forbidden('enrolment.residents_only');
      return { residentId: actor.userId, viaProxyUserId: null };
    }
    if (!isUuid(residentId) || !(await repo.activeGrant(residentId, actor.userId))) throw new Forbidden('enrolment.no_proxy_grant');
    return { residentId, viaProxyUserId: actor.userId };
  }

  async function loadOffering(id: string, tx?: DbOrTx): Promise<OfferingFacts> {
    if (!isUuid(id)) throw new NotFound('offering.not_found');
    return offerings.get(id, tx);
  }

  /** Staff who may run the offering; anyone else is told it does not exist. */
  async function loadManaged(ctx: RequestContext, offeringId: string) {
    const actor = requireSignedIn(ctx);
    if (!isStaff(actor)) throw new Forbidden('auth.forbidden');
    const offering = await loadOffering(offeringId);
    if (!offerings.canManage(ctx, offering)) throw new NotFound('offering.not_found');
    return offering;
  }

  async function loadEnrolment(id: string, tx?: DbOrTx) {
    const row = isUuid(id) ? await repo.find(id, tx) : null;
    if (!row) throw new NotFound('enrolment.not_found');
    return row;
  }

  /** The enrolment as its resident (or their proxy) may act on it; staff who manage its offering get `staff`. */
  async function loadForActor(ctx: RequestContext, id: string) {
    const actor = requireSignedIn(ctx);
    const row = await loadEnrolment(id);
    if (row.residentId === actor.userId) return { row, as: 'self' as const, offering: await loadOffering(row.offeringId) };
    if (await repo.activeGrant(row.residentId, actor.userId)) return { row, as: 'proxy' as const, offering: await loadOffering(row.offeringId) };
    if (isStaff(actor)) {
      const offering = await loadOffering(row.offeringId);
      if (offerings.canManage(ctx, offering)) return { row, as: 'staff' as const, offering };
    }
    throw new NotFound('enrolment.not_found');
  }

  async function firstSessionAt(offeringId: string, tx?: DbOrTx): Promise<Date | null> {
    const sessions = (await offerings.sessions(offeringId, tx)).filter((s) => s.status !== 'cancelled');
    return sessions.length ? new Date(Math.min(...sessions.map((s) => new Date(s.startsAt).getTime()))) : null;
  }

  function present(row: EnrolmentRow, extra: { waitlistPosition?: number | null } = {}) {
    return {
      id: row.id,
      offeringId: row.offeringId,
      residentId: row.residentId,
      status: row.status as EnrolmentStatus,
      source: row.source,
      viaProxyUserId: row.viaProxyUserId,
      offerExpiresAt: row.offerExpiresAt?.toISOString() ?? null,
      waitlistPosition: extra.waitlistPosition ?? null,
      reason: row.reason,
      fee: {
        status: row.feeStatus,
        paidFen: row.paidFen,
        reference: row.paymentReference,
        note: row.feeNote,
        recordedAt: row.feeRecordedAt?.toISOString() ?? null,
      },
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      cancelledAt: row.cancelledAt?.toISOString() ?? null,
    };
  }

  async function presentWithPosition(row: EnrolmentRow) {
    return present(row, { waitlistPosition: row.status === 'waitlisted' ? await repo.waitlistPosition(row) : null });
  }

  /**
   * A seat held by `offeringId` was freed: it goes to the first resident on the waitlist as an offer with a
   * deadline (the seat stays taken while the offer is open); with nobody waiting, the seat is released.
   */
  async function passSeat(tx: DbOrTx, offering: OfferingFacts, now: Date) {
    // The hold never outlasts the cut-off before the first session: a class starting in 20 minutes cannot
    // keep a seat empty for two days. Past the cut-off nobody can be asked to commit, so the seat is freed.
    const expires = offerDeadline(now, offerHours, cutoffOf(await firstSessionAt(offering.id, tx), offering.cancelCutoffHours ?? null));
    const next = expires ? await repo.nextWaitlisted(tx, offering.id) : null;
    if (!expires || !next) {
      await offerings.releaseSeat(tx, offering.id);
      return null;
    }
    await repo.update(tx, next.id, { status: 'offered', offeredAt: now, offerExpiresAt: expires, updatedAt: now });
    await notify(tx, next.residentId, 'notice.offer', { title: offering.title, deadline: shanghaiTime(expires) }, { link: '/enrolments', sms: true });
    return next.id;
  }

  async function isReturningLearner(offering: OfferingFacts, residentId: string, tx?: DbOrTx) {
    if (!offering.previousOfferingId || !offering.returningRule || offering.returningRule === 'none') return false;
    return repo.hasLearned(offering.previousOfferingId, residentId, tx);
  }

  /** The resident's profile, when they meet the offering's conditions. */
  // Every attempt reads its resident's profile; in an enrolment-day crowd the reads of attempts arriving while one
  // is out go together in the next (one statement and one pool connection for many).
  type Profile = Awaited<ReturnType<ResidentsService['profiles']>> extends Map<string, infer P> ? P : never;
  const profilesTogether = createKeyedBatches(async (_key, ids: string[]) => {
    const profiles = await deps.residents.profiles(ids);
    return ids.map((id) => ({ value: profiles.get(id) }));
  }, 200);
  const profileOf = (residentId: string, tx?: DbOrTx): Promise<Profile | undefined> =>
    tx ? deps.residents.profiles([residentId], tx).then((m) => m.get(residentId)) : profilesTogether('profiles', residentId);

  async function eligibleProfile(offering: OfferingFacts, residentId: string, tx?: DbOrTx) {
    const profile = await profileOf(residentId, tx);
    if (!profile) throw new Invalid('enrolment.residents_only');
    const problem = eligibilityProblem(offering.eligibility, profile);
    if (problem) throw new Invalid(problem.key, problem.params);
    return profile;
  }

  async function quotaCheck(tx: DbOrTx, offering: OfferingFacts, residentId: string, exceptId?: string) {
    const max = offering.term?.maxEnrolmentsPerResident;
    if (max == null || !offering.termId) return;
    if ((await repo.countInTerm(offering.termId, residentId, tx, exceptId)) >= max)
      throw new Conflict('enrolment.quota_reached', { max, term: offering.term!.name });
  }

  /** `notify`'s insert built and not sent (for `writeTogether`), in the resident's language (Chinese when unknown). */
  const plannedNotice = (
    tx: DbOrTx,
    residentId: string,
    key: string,
    params: Record<string, string | number>,
    opts: { link?: string; sms?: boolean; locale?: Locale } = {},
  ) => deps.notifications.plannedTranslated(tx, { residentId, kind: key.replace(/^notice\./, ''), key, params, ...opts }, opts.locale ?? 'zh-CN');

  /** A resident whose proxy acted for them is told what was done, by whom. */
  const grantorNotice = (ctx: RequestContext, action: string, title: string) =>
    ['notice.proxy_action', { proxy: ctx.actor?.displayName ?? '', action, title }, { link: '/enrolments' }] as const;

  async function notifyGrantor(tx: DbOrTx, ctx: RequestContext, residentId: string, viaProxyUserId: string | null, action: string, title: string) {
    if (viaProxyUserId) await notify(tx, residentId, ...grantorNotice(ctx, action, title));
  }

  /** Expires open offers past their deadline (of one offering, or all) and passes each seat on. Returns how many expired. */
  async function expireOffers(offeringId: string | null = null): Promise<number> {
    // Reads call this on every view: one indexed look outside a transaction answers the usual "nothing due".
    if (!(await repo.hasExpiredOffers(clock.now(), offeringId))) return 0;
    let total = 0;
    for (;;) {
      const n = await deps.db.transaction(async (tx) => {
        const now = clock.now();
        const expired = await repo.claimExpiredOffers(tx, now, offeringId, 50);
        for (const row of expired) {
          await repo.update(tx, row.id, { status: 'cancelled', reason: 'offer_expired', cancelledAt: now, updatedAt: now });
          const offering = await offerings.get(row.offeringId, tx);
          await notify(tx, row.residentId, 'notice.offer_expired', { title: offering.title }, { link: '/enrolments' });
          await passSeat(tx, offering, now);
        }
        return expired.length;
      });
      total += n;
      if (n < 50) return total;
    }
  }

  return {
    deps,
    repo,
    clock,
    offerings,
    listeners,
    emit,
    plannedEvent,
    notify,
    plannedNotice,
    grantorNotice,
    notifyGrantor,
    actingFor,
    loadOffering,
    loadManaged,
    loadEnrolment,
    loadForActor,
    firstSessionAt,
    presentWithPosition,
    passSeat,
    isReturningLearner,
    eligibleProfile,
    quotaCheck,
    expireOffers,
  };
}

export type EnrolmentCore = ReturnType<typeof createEnrolmentCore>;
