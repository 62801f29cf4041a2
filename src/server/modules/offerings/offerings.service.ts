// Terms, campaigns, classes and events: staff set them up (a class's weekly schedule generates its sessions,
// each booking the venue in the same transaction), residents find them in the public catalogue, and the
// enrolment, lottery and attendance modules read them and take seats through this service.
import { createTaggedCache } from '../../kernel/local-cache';
import type { Db, DbOrTx } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import { canManageRegion, isStaff, visibleRegionRoots, type Actor, type RequestContext } from '../../kernel/actor';
import { canOwnIn } from '../../kernel/ownership';
import { Conflict, DomainError, Forbidden, NotFound, Unauthenticated, invalidField, FieldErrors } from '../../kernel/errors';
import { newId, isUuid } from '../../kernel/ids';
import { translate, term as termOf, type Locale } from '../../kernel/messages';
import { buildSearchQuery, buildSearchText } from '../../kernel/search-text';
import { offsetOf, type PageRequest } from '../../kernel/pagination';
import { isWithin } from '../../kernel/region-code';
import type { CampaignInput, CampaignPatch, OfferingInput, OfferingPatch, TermInput, TermPatch, ENROLMENT_MODES, EVENT_TYPES, OFFERING_KINDS, RETURNING_RULES } from '../../../contracts/offerings';
import type { TargetGroup } from '../../../contracts/courses';
import type { Eligibility, WeeklySchedule } from '../../db/schema/offerings';
import type { RegionsService } from '../regions/index';
import type { InstitutionsService } from '../institutions/index';
import type { CategoriesService } from '../categories/index';
import type { CoursesService } from '../courses/index';
import type { VenuesService, BookingsService } from '../venues/index';
import type { InstructorsService } from '../instructors/index';
import type { ResidentsService } from '../accounts/index';
import {
  canAuthorOfferings, canManageOffering, canMoveOffering, canMovePlan, canPlaceOffering, canSeeOffering, isInstructorAccount, isScheduleEditable, nearness, seatsLeft,
} from './offerings.policy';
import { derivedFromSessions, listedSessions, shanghaiParts, weeklySessions, type PlannedSession } from './offerings.schedule';
import { offeringVisibleSql, planVisibleSql, type CampaignRow, type OfferingFilter, type OfferingRow, type OfferingsRepository, type SessionRow, type TermRow } from './offerings.repository';
import { campaigns, terms } from '../../db/schema/index';

/** What other modules read of an offering: its columns in camelCase, with its term. */
export type OfferingView = OfferingRow & { term: { id: string; name: string; maxEnrolmentsPerResident: number | null } | null };
export interface SessionView { id: string; offeringId: string; seq: number; startsAt: Date; endsAt: Date; hours: number; status: string }

export interface OfferingListQuery extends PageRequest {
  q?: string; sort?: string; kind?: string; status?: string; termId?: string; campaignId?: string; category?: string; targetGroup?: string; mode?: string;
  region?: string; weekday?: number; dayPart?: string; fee?: 'free' | 'paid'; hasSeats?: 'true' | 'false'; enrolmentMode?: string;
  /** Only classes whose first session starts between now and this many days ahead (a staff to-do). */
  startsWithinDays?: number;
}
export interface PlanListQuery extends PageRequest { q?: string; status?: string }

type OfferingListener = (tx: DbOrTx, e: { type: 'cancelled'; offering: OfferingView; reason: string }) => Promise<void>;

/** However soon a class starts, residents get at least this long to enrol unless staff set the window. */
export const MIN_DEFAULT_WINDOW_MS = 7 * 86_400_000;

/**
 * When enrolment closes if staff leave it open: at the first session, but never sooner than a week after
 * opening (a class set up the day it starts would otherwise be open for minutes), and never after the last
 * session has begun.
 */
export function defaultEnrolmentCloses(planned: { startsAt: Date }[], opens: Date): Date {
  const first = planned[0].startsAt.getTime();
  const last = planned[planned.length - 1].startsAt.getTime();
  return new Date(Math.min(Math.max(first, opens.getTime() + MIN_DEFAULT_WINDOW_MS), last));
}

export function createOfferingsService(deps: {
  db: Db; repo: OfferingsRepository; audit: AuditWriter; clock: Clock;
  regions: RegionsService; institutions: InstitutionsService; categories: CategoriesService; courses: CoursesService;
  venues: VenuesService; bookings: BookingsService; instructors: InstructorsService; residents: ResidentsService;
}) {
  const { db, repo, audit, clock, regions } = deps;
  const listeners: OfferingListener[] = [];
  // First-come offerings known to be full, so that a flash crowd's late arrivals are refused without reading
  // the offering again. Learnt from reading a full offering, or from the database's notification when a
  // class fills up in any process (kernel/change-feed.ts, channel `seats`); forgotten when it frees a seat
  // there, on any write to an offering here, and after FULL_FOR_MS in case a notification was lost.
  // `since` marks one stretch of being full, so what others keep about that stretch can tell a newer one.
  const FULL_FOR_MS = 30_000;
  const seenFull = new Map<string, { until: number; since: number }>();
  // What an enrolment attempt reads of an offering, kept for the crowd on enrolment day; dropped with
  // `seenFull` (any change to an offering, its term or its seats here, or in any process by notification).
  const attemptFacts = createTaggedCache<OfferingView>({ maxAgeMs: FULL_FOR_MS, maxEntries: 5_000 });
  const forgetFull = () => { seenFull.clear(); attemptFacts.clear(); };
  function markFull(id: string) {
    if (seenFull.size > 10_000) seenFull.clear();
    const now = performance.now();
    const known = seenFull.get(id);
    seenFull.set(id, { until: now + FULL_FOR_MS, since: known && known.until > now ? known.since : now });
  }

  function requireStaff(ctx: RequestContext): Actor {
    if (!ctx.actor) throw new Unauthenticated('auth.required');
    if (!isStaff(ctx.actor)) throw new Forbidden('auth.forbidden');
    return ctx.actor;
  }
  function requireAuthor(ctx: RequestContext): Actor {
    const actor = requireStaff(ctx);
    if (!canAuthorOfferings(actor)) throw new Forbidden('auth.forbidden');
    return actor;
  }

  const termCache = async (ids: (string | null)[]) => new Map((await repo.findTerms([...new Set(ids.filter((x): x is string => !!x))])).map((t) => [t.id, t]));
  function toView(row: OfferingRow, t: TermRow | null | undefined): OfferingView {
    return { ...row, term: t ? { id: t.id, name: t.name, maxEnrolmentsPerResident: t.maxEnrolmentsPerResident } : null };
  }
  const sessionView = (s: SessionRow): SessionView => ({ id: s.id, offeringId: s.offeringId, seq: s.seq, startsAt: s.startsAt, endsAt: s.endsAt, hours: Number(s.hours), status: s.status });

  // ---- plans (terms and campaigns): owned by an office, visible above and below it ----

  const canSeePlan = (actor: Actor, ownerRegionCode: string) => {
    const roots = visibleRegionRoots(actor);
    return roots === 'all' || isWithin(ownerRegionCode, roots) || roots.some((r) => r.startsWith(ownerRegionCode));
  };
  // An institution's staff act for their institution where it stands, never for the region around it: a
  // plan owned by their institution but filed under the district (or another street) is not theirs.
  const canEditPlan = (actor: Actor, plan: { ownerRegionCode: string; ownerInstitutionId?: string | null }) =>
    canManageRegion(actor, plan.ownerRegionCode)
    || (actor.role === 'institution_staff' && !!plan.ownerInstitutionId && actor.institutions.some((i) => i.id === plan.ownerInstitutionId && i.regionCode === plan.ownerRegionCode));

  /** Where a new term or campaign is filed; campaigns belong to offices only (they have no owner institution). */
  async function placePlan(actor: Actor, input: { ownerRegionCode?: string; ownerInstitutionId?: string | null }, opts: { institutionOwned: boolean }) {
    let institutionId = opts.institutionOwned ? input.ownerInstitutionId ?? null : null;
    if (!institutionId && opts.institutionOwned && actor.role === 'institution_staff') institutionId = actor.institutions[0]?.id ?? null;
    const institutionRegion = institutionId ? await deps.institutions.regionOf(institutionId) : null;
    if (institutionId && !institutionRegion) throw invalidField('ownerInstitutionId', 'institution.not_found');
    const regionCode = input.ownerRegionCode ? (await regions.require(input.ownerRegionCode, 'ownerRegionCode')).code
      : institutionRegion ?? actor.regionCodes[0] ?? '';
    if (!regionCode || !canOwnIn(actor, regionCode, institutionId)) throw invalidField('ownerRegionCode', 'region.out_of_scope');
    // An office may file a plan for an institution only where that institution stands.
    if (institutionId && institutionRegion !== regionCode) throw invalidField('ownerInstitutionId', 'region.out_of_scope');
    return { regionCode, institutionId };
  }

  async function presentTerms(actor: Actor, rows: TermRow[]) {
    const names = new Map((await regions.names(rows.map((r) => r.ownerRegionCode))).map((r) => [r.code, r.name]));
    return rows.map((t) => ({
      id: t.id, name: t.name, ownerRegionCode: t.ownerRegionCode, ownerRegionName: names.get(t.ownerRegionCode) ?? t.ownerRegionCode, ownerInstitutionId: t.ownerInstitutionId,
      startsOn: t.startsOn, endsOn: t.endsOn, maxEnrolmentsPerResident: t.maxEnrolmentsPerResident, status: t.status, canEdit: canEditPlan(actor, t), version: t.version,
      createdAt: t.createdAt.toISOString(), updatedAt: t.updatedAt.toISOString(),
    }));
  }
  async function presentCampaigns(actor: Actor | null, rows: CampaignRow[]) {
    const names = new Map((await regions.names(rows.map((r) => r.ownerRegionCode))).map((r) => [r.code, r.name]));
    return rows.map((c) => ({
      id: c.id, name: c.name, description: c.description, ownerRegionCode: c.ownerRegionCode, ownerRegionName: names.get(c.ownerRegionCode) ?? c.ownerRegionCode,
      startsOn: c.startsOn, endsOn: c.endsOn, status: c.status, canEdit: !!actor && canEditPlan(actor, c), version: c.version,
      createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(),
    }));
  }

  async function loadTerm(actor: Actor, id: string, field?: string) {
    const row = isUuid(id) ? await repo.findTerm(id) : null;
    if (!row || !canSeePlan(actor, row.ownerRegionCode)) throw field ? invalidField(field, 'offering_term.not_found') : new NotFound('offering_term.not_found');
    return row;
  }
  async function loadCampaign(actor: Actor, id: string, field?: string) {
    const row = isUuid(id) ? await repo.findCampaign(id) : null;
    if (!row || !canSeePlan(actor, row.ownerRegionCode)) throw field ? invalidField(field, 'offering.campaign_not_found') : new NotFound('offering_campaign.not_found');
    return row;
  }
  const checkDates = (from: string, to: string, key: string) => { if (to < from) throw invalidField('endsOn', key); };

  // ---- offerings: staff side ----

  async function loadOffering(actor: Actor, id: string) {
    const row = isUuid(id) ? await repo.find(id) : null;
    if (!row || !canSeeOffering(actor, row)) throw new NotFound('offering.not_found');
    return row;
  }
  async function loadManaged(actor: Actor, id: string) {
    const row = await loadOffering(actor, id);
    if (!canManageOffering(actor, row)) throw new Forbidden('offering.read_only');
    return row;
  }

  const hm = (d: Date) => shanghaiParts(d).time;
  const ymd = (d: Date) => shanghaiParts(d).date;

  function scheduleText(row: OfferingRow, count: number, locale: Locale) {
    if (!row.firstStartsAt || !row.lastEndsAt) return '';
    const s = row.schedule;
    if (row.kind === 'class' && s) {
      const sep = locale === 'en' ? ', ' : '、';
      return translate('offering.schedule_weekly', locale, { days: s.weekdays.map((d) => termOf(`weekday.${d}`, locale)).join(sep), from: s.startTime, to: s.endTime, start: ymd(row.firstStartsAt), end: ymd(row.lastEndsAt), count });
    }
    if (count <= 1) return translate('offering.schedule_once', locale, { date: ymd(row.firstStartsAt), from: hm(row.firstStartsAt), to: hm(row.lastEndsAt) });
    return translate('offering.schedule_many', locale, { first: `${ymd(row.firstStartsAt)} ${hm(row.firstStartsAt)}`, count });
  }

  async function lookups(rows: OfferingRow[], locale: Locale) {
    const ids = (pick: (r: OfferingRow) => string | null) => [...new Set(rows.map(pick).filter((x): x is string => !!x))];
    const [regionNames, instNames, tms, cps, venues, teachers, cats] = await Promise.all([
      regions.names([...new Set(rows.flatMap((r) => [r.regionCode, r.regionCode.slice(0, 9)]))]).then((l) => new Map(l.map((r) => [r.code, r.name]))),
      deps.institutions.namesOf(ids((r) => r.institutionId)),
      termCache(rows.map((r) => r.termId)),
      repo.findCampaigns(ids((r) => r.campaignId)).then((l) => new Map(l.map((c) => [c.id, c]))),
      deps.venues.publicCards(ids((r) => r.venueId)),
      deps.instructors.publicCards(ids((r) => r.instructorId)),
      deps.categories.list({ includeInactive: true }).then(({ items }) => new Map(items.map((c) => [c.code, locale === 'en' ? c.nameEn : c.nameZh]))),
    ]);
    return { regionNames, instNames, tms, cps, venues, teachers, cats };
  }

  /** A resident's home community: known from the session, else read. */
  async function homeOf(actor: Actor): Promise<string | null> {
    return actor.homeRegionCode ?? (await deps.residents.profiles([actor.userId])).get(actor.userId)?.homeRegionCode ?? null;
  }

  /** The card both the console list and the catalogue show. */
  function card(r: OfferingRow, l: Awaited<ReturnType<typeof lookups>>, locale: Locale, sessionCount: number | null) {
    // Kinds, types, groups and modes are stored from the checked input only.
    return {
      id: r.id, kind: r.kind as (typeof OFFERING_KINDS)[number], eventType: r.eventType as (typeof EVENT_TYPES)[number] | null, title: r.title, categoryCode: r.categoryCode,
      categoryName: l.cats.get(r.categoryCode) ?? r.categoryCode, targetGroups: r.targetGroups as TargetGroup[], mode: r.mode,
      regionCode: r.regionCode, regionName: l.regionNames.get(r.regionCode) ?? r.regionCode, streetName: r.regionCode.length >= 9 ? l.regionNames.get(r.regionCode.slice(0, 9)) ?? null : null,
      institutionId: r.institutionId, institutionName: r.institutionId ? l.instNames.get(r.institutionId) ?? null : null,
      venueId: r.venueId, venueName: r.venueId ? l.venues.get(r.venueId)?.name ?? null : null, stepFree: r.venueId ? l.venues.get(r.venueId)?.stepFree ?? false : false,
      instructorId: r.instructorId, instructorName: r.instructorId ? l.teachers.get(r.instructorId)?.name ?? null : null,
      termId: r.termId, termName: r.termId ? l.tms.get(r.termId)?.name ?? null : null,
      campaignId: r.campaignId, campaignName: r.campaignId ? l.cps.get(r.campaignId)?.name ?? null : null,
      capacity: r.capacity, seatsTaken: r.seatsTaken, seatsLeft: seatsLeft(r.capacity, r.seatsTaken),
      feeCents: r.feeCents, enrolmentMode: r.enrolmentMode as (typeof ENROLMENT_MODES)[number],
      enrolmentOpensAt: r.enrolmentOpensAt?.toISOString() ?? null, enrolmentClosesAt: r.enrolmentClosesAt?.toISOString() ?? null,
      firstStartsAt: r.firstStartsAt?.toISOString() ?? null, lastEndsAt: r.lastEndsAt?.toISOString() ?? null,
      weekdays: r.weekdays, dayParts: r.dayParts, totalHours: Number(r.totalHours),
      scheduleText: sessionCount === null ? '' : scheduleText(r, sessionCount, locale),
      status: r.status,
    };
  }

  function eligibilityLines(r: OfferingRow, t: TermRow | undefined, regionNames: Map<string, string>, locale: Locale): string[] {
    const e = r.eligibility;
    const lines: string[] = [];
    if (e.minAge !== undefined && e.maxAge !== undefined) lines.push(translate('offering.eligible_age_range', locale, { min: e.minAge, max: e.maxAge }));
    else if (e.minAge !== undefined) lines.push(translate('offering.eligible_min_age', locale, { min: e.minAge }));
    else if (e.maxAge !== undefined) lines.push(translate('offering.eligible_max_age', locale, { max: e.maxAge }));
    const sep = locale === 'en' ? ', ' : '、';
    if (e.regionRoots?.length) lines.push(translate('offering.eligible_regions', locale, { names: e.regionRoots.map((c) => regionNames.get(c) ?? c).join(sep) }));
    if (e.targetGroups?.length) lines.push(translate('offering.eligible_groups', locale, { groups: e.targetGroups.map((g) => termOf(`target_group.${g}`, locale)).join(sep) }));
    if (!lines.length) lines.push(translate('offering.eligible_all', locale));
    if (t?.maxEnrolmentsPerResident) lines.push(translate('offering.eligible_quota', locale, { count: t.maxEnrolmentsPerResident }));
    return lines;
  }

  async function presentStaff(actor: Actor, rows: OfferingRow[], locale: Locale) {
    const l = await lookups(rows, locale);
    return rows.map((r) => ({ ...card(r, l, locale, null), canEdit: canManageOffering(actor, r), version: r.version, updatedAt: r.updatedAt.toISOString() }));
  }

  async function presentDetail(ctx: RequestContext, r: OfferingRow, forStaff: boolean) {
    const sessions = await repo.sessionsOf(r.id);
    const live = sessions.filter((s) => s.status === 'scheduled');
    const l = await lookups([r], ctx.locale);
    const e = r.eligibility;
    const roots = new Map((await regions.names(e.regionRoots ?? [])).map((x) => [x.code, x.name]));
    const t = r.termId ? l.tms.get(r.termId) : undefined;
    return {
      ...card(r, l, ctx.locale, live.length),
      description: r.description, feeWaiver: r.feeWaiver, cancelCutoffHours: r.cancelCutoffHours, completionThreshold: r.completionThreshold,
      eligibility: e, eligibilityText: eligibilityLines(r, t, roots, ctx.locale), returningRule: r.returningRule as (typeof RETURNING_RULES)[number], previousOfferingId: r.previousOfferingId,
      venue: r.venueId ? l.venues.get(r.venueId) ?? null : null,
      instructor: r.instructorId ? l.teachers.get(r.instructorId) ?? null : null,
      term: t ? { id: t.id, name: t.name, startsOn: t.startsOn, endsOn: t.endsOn, maxEnrolmentsPerResident: t.maxEnrolmentsPerResident } : null,
      campaign: r.campaignId && l.cps.get(r.campaignId) ? { id: r.campaignId, name: l.cps.get(r.campaignId)!.name } : null,
      enrolmentState: enrolmentState(r),
      sessions: (forStaff ? sessions : live).map((s) => ({ id: s.id, seq: s.seq, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), hours: Number(s.hours), status: s.status })),
    };
  }

  async function presentStaffDetail(ctx: RequestContext, r: OfferingRow) {
    const base = await presentDetail(ctx, r, true);
    return { ...base, courseId: r.courseId, schedule: r.schedule, cancelReason: r.cancelReason, canEdit: canManageOffering(ctx.actor!, r), scheduleEditable: isScheduleEditable(r.status), version: r.version,
      createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(), publishedAt: r.publishedAt?.toISOString() ?? null };
  }

  /** Whether residents can apply now, in the offering's window. */
  function enrolmentState(r: OfferingRow): 'not_open' | 'open' | 'closed' | 'none' {
    if (r.enrolmentMode === 'open') return 'none';
    const now = clock.now();
    if (r.status !== 'published') return 'closed';
    if (r.enrolmentOpensAt && now < r.enrolmentOpensAt) return 'not_open';
    if (r.enrolmentClosesAt && now >= r.enrolmentClosesAt) return 'closed';
    return 'open';
  }

  /** Staff input merged with the stored row: everything the checks need, in one shape. */
  type Draft = {
    kind: 'class' | 'event'; eventType: string | null; termId: string | null; campaignId: string | null; courseId: string | null; title: string; description: string; categoryCode: string;
    targetGroups: string[]; mode: string; regionCode: string | null; institutionId: string | null; venueId: string | null; instructorId: string | null; capacity: number | null;
    feeCents: number; feeWaiver: string; enrolmentMode: string; enrolmentOpensAt: string | null; enrolmentClosesAt: string | null; cancelCutoffHours: number; eligibility: Eligibility;
    returningRule: string; previousOfferingId: string | null; completionThreshold: number; schedule: WeeklySchedule | null; sessions: { date: string; startTime: string; endTime: string }[] | null;
  };

  /** Validates a draft against the other modules; returns the row's fields and, when the timetable changes, the planned sessions. */
  async function check(ctx: RequestContext, actor: Actor, d: Draft, opts: { replan: boolean; seatsTaken: number; current?: OfferingRow }) {
    const problems: Record<string, { key: string; params?: Record<string, string | number> }> = {};
    const fail = (field: string, key: string, params?: Record<string, string | number>) => { problems[field] ??= { key, params }; };

    const t = d.termId ? await loadTerm(actor, d.termId, 'termId').catch((e) => { if (e instanceof FieldErrors) { fail('termId', 'offering_term.not_found'); return null; } throw e; }) : null;
    if (d.kind === 'class' && !d.termId) fail('termId', 'validation.required');
    if (t?.status === 'cancelled') fail('termId', 'offering.term_cancelled');
    if (d.campaignId) await loadCampaign(actor, d.campaignId, 'campaignId').catch((e) => { if (e instanceof FieldErrors) fail('campaignId', 'offering.campaign_not_found'); else throw e; });
    if (d.previousOfferingId && !(isUuid(d.previousOfferingId) && await repo.find(d.previousOfferingId))) fail('previousOfferingId', 'offering.previous_not_found');
    await deps.categories.require(d.categoryCode, 'categoryCode').catch(() => fail('categoryCode', 'validation.invalid'));

    const venue = d.venueId ? await deps.venues.get(ctx, d.venueId).catch((e) => { if (e instanceof DomainError) { fail('venueId', 'venue.not_found'); return null; } throw e; }) : null;
    if (!d.venueId && d.mode !== 'online') fail('venueId', 'offering.venue_required');
    let instructorUserId: string | null = null;
    if (d.instructorId) {
      const seen = await deps.instructors.get(ctx, d.instructorId).catch((e) => { if (e instanceof DomainError) { fail('instructorId', 'instructor.not_found'); return null; } throw e; });
      const a = seen ? await deps.instructors.assignmentOf(d.instructorId) : null;
      if (a?.vettingStatus === 'suspended') fail('instructorId', 'offering.instructor_suspended');
      // Only vetted instructors teach; keeping an unchanged assignment lets an old class be edited after a re-vetting.
      else if (a && a.vettingStatus !== 'approved' && d.instructorId !== opts.current?.instructorId) fail('instructorId', 'offering.instructor_not_vetted');
      instructorUserId = a?.residentUserId ?? null;
    }

    if (d.kind === 'class' && d.capacity === null) fail('capacity', 'offering.capacity_required');
    if (d.capacity !== null && venue?.capacity != null && d.capacity > venue.capacity) fail('capacity', 'offering.capacity_over_venue', { max: venue.capacity });
    if (d.capacity !== null && d.capacity < opts.seatsTaken) fail('capacity', 'offering.capacity_below_taken', { taken: opts.seatsTaken });

    // Where it takes place: given, else the venue's region, else the organiser's, else the caller's own.
    let institutionId = d.institutionId;
    if (!institutionId && actor.role === 'institution_staff') institutionId = actor.institutions[0]?.id ?? null;
    const institutionRegion = institutionId ? await deps.institutions.regionOf(institutionId) : null;
    if (institutionId && !institutionRegion) fail('institutionId', 'institution.not_found');
    let regionCode: string | null = d.regionCode ?? venue?.regionCode ?? institutionRegion ?? actor.regionCodes[0] ?? null;
    if (regionCode) regionCode = (await regions.require(regionCode, 'regionCode').catch(() => { fail('regionCode', 'validation.invalid'); return null; }))?.code ?? null;
    if (!regionCode) fail('regionCode', 'validation.required');
    else if (!canPlaceOffering(actor, regionCode, institutionId, institutionRegion)) fail('regionCode', 'region.out_of_scope');

    let planned: PlannedSession[] | null = null;
    if (opts.replan) {
      const result = d.kind === 'class' ? (d.schedule ? weeklySessions(d.schedule) : null) : d.sessions ? listedSessions(d.sessions) : null;
      if (!result) fail(d.kind === 'class' ? 'schedule' : 'sessions', 'validation.required');
      else if ('problem' in result) fail(result.problem.field, result.problem.key, result.problem.params);
      else {
        planned = result.sessions;
        if (planned[0].startsAt < clock.now()) fail(d.kind === 'class' ? 'schedule.fromDate' : 'sessions', 'offering.in_past');
        const first = planned[0].date, last = planned[planned.length - 1].date;
        if (t && d.kind === 'class' && (first < t.startsOn || last > t.endsOn)) fail('schedule.fromDate', 'offering.outside_term', { from: t.startsOn, to: t.endsOn });
      }
    }
    const opens = d.enrolmentOpensAt ? new Date(d.enrolmentOpensAt) : null;
    const closes = d.enrolmentClosesAt ? new Date(d.enrolmentClosesAt) : planned ? defaultEnrolmentCloses(planned, opens ?? clock.now()) : opts.current?.enrolmentClosesAt ?? null;
    if (opens && closes && closes <= opens) fail('enrolmentClosesAt', 'offering.window_order');
    if (Object.keys(problems).length) throw new FieldErrors(problems);

    const catName = await deps.categories.require(d.categoryCode, 'categoryCode').then((c) => c.nameZh);
    const fields = {
      kind: d.kind, eventType: d.kind === 'event' ? d.eventType : null, termId: d.termId, campaignId: d.campaignId, courseId: d.courseId, title: d.title, description: d.description,
      categoryCode: d.categoryCode, targetGroups: d.targetGroups, mode: d.mode, regionCode: regionCode!, institutionId, venueId: d.venueId, instructorId: d.instructorId, instructorUserId,
      capacity: d.capacity, feeCents: d.feeCents, feeWaiver: d.feeWaiver, enrolmentMode: d.enrolmentMode, enrolmentOpensAt: opens, enrolmentClosesAt: closes,
      cancelCutoffHours: d.cancelCutoffHours, eligibility: d.eligibility, returningRule: d.returningRule, previousOfferingId: d.previousOfferingId, completionThreshold: d.completionThreshold,
      schedule: d.kind === 'class' ? d.schedule : null,
      searchText: buildSearchText(d.title, catName, d.description, venue?.name, venue?.regionName),
    };
    return { fields, planned, venueName: venue?.name ?? null };
  }

  /** Books the venue for every planned session and inserts them, refusing a clash of the venue or the instructor. */
  async function schedule(tx: DbOrTx, ctx: RequestContext, offeringId: string, fields: { kind: string; title: string; venueId: string | null; instructorId: string | null }, planned: PlannedSession[]) {
    if (fields.instructorId) {
      await repo.lockInstructor(tx, fields.instructorId);
      const clash = await repo.instructorClash(tx, fields.instructorId, planned, offeringId);
      if (clash) throw new Conflict('offering.instructor_busy', { date: ymd(clash.startsAt), from: hm(clash.startsAt), to: hm(clash.endsAt), title: clash.title });
    }
    const rows = [];
    for (const s of planned) {
      let bookingId: string | null = null;
      if (fields.venueId) {
        try {
          const booking = await deps.bookings.book(tx, ctx, {
            venueId: fields.venueId, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), purpose: fields.kind === 'class' ? 'class' : 'event',
            referenceId: offeringId, title: `${fields.title}（${s.seq}）`.slice(0, 100),
          });
          bookingId = booking.id;
        } catch (e) {
          if (e instanceof Conflict && e.code === 'booking.overlap') {
            const c = e.details?.conflict as { id: string; startsAt: string; endsAt: string } | undefined;
            const other = c ? await deps.bookings.firstClash(fields.venueId, s.startsAt, s.endsAt, tx) : null;
            throw new Conflict('offering.venue_busy', { date: s.date, from: c ? hm(new Date(c.startsAt)) : '', to: c ? hm(new Date(c.endsAt)) : '', title: other?.title ?? '' }, { conflict: c ?? null });
          }
          throw e;
        }
      }
      rows.push({ id: newId(), offeringId, seq: s.seq, startsAt: s.startsAt, endsAt: s.endsAt, hours: String(s.hours), venueBookingId: bookingId, status: 'scheduled' });
    }
    await repo.insertSessions(tx, rows);
    return derivedFromSessions(planned);
  }

  function draftOf(input: OfferingInput, course: { title: string; description: string; category: string; targetGroups: string[]; mode: string } | null): Draft {
    return {
      kind: input.kind, eventType: input.kind === 'event' ? input.eventType : null, termId: input.termId ?? null, campaignId: input.campaignId ?? null, courseId: input.courseId ?? null,
      title: input.title ?? course?.title ?? '', description: input.description ?? course?.description ?? '', categoryCode: input.categoryCode ?? course?.category ?? '',
      targetGroups: input.targetGroups ?? course?.targetGroups ?? ['general'], mode: input.mode ?? course?.mode ?? 'offline', regionCode: input.regionCode ?? null,
      institutionId: input.institutionId ?? null, venueId: input.venueId ?? null, instructorId: input.instructorId ?? null, capacity: input.capacity ?? null,
      feeCents: input.feeCents, feeWaiver: input.feeWaiver, enrolmentMode: input.enrolmentMode, enrolmentOpensAt: input.enrolmentOpensAt ?? null, enrolmentClosesAt: input.enrolmentClosesAt ?? null,
      cancelCutoffHours: input.cancelCutoffHours, eligibility: input.eligibility, returningRule: input.returningRule, previousOfferingId: input.previousOfferingId ?? null,
      completionThreshold: input.completionThreshold, schedule: input.kind === 'class' ? { ...input.schedule, skipDates: input.schedule.skipDates ?? [] } : null,
      sessions: input.kind === 'event' ? input.sessions : null,
    };
  }

  function rowDraft(r: OfferingRow, sessions: SessionRow[]): Draft {
    return {
      kind: r.kind as 'class' | 'event', eventType: r.eventType, termId: r.termId, campaignId: r.campaignId, courseId: r.courseId, title: r.title, description: r.description, categoryCode: r.categoryCode,
      targetGroups: r.targetGroups, mode: r.mode, regionCode: r.regionCode, institutionId: r.institutionId, venueId: r.venueId, instructorId: r.instructorId, capacity: r.capacity,
      feeCents: r.feeCents, feeWaiver: r.feeWaiver, enrolmentMode: r.enrolmentMode, enrolmentOpensAt: r.enrolmentOpensAt?.toISOString() ?? null, enrolmentClosesAt: r.enrolmentClosesAt?.toISOString() ?? null,
      cancelCutoffHours: r.cancelCutoffHours, eligibility: r.eligibility, returningRule: r.returningRule, previousOfferingId: r.previousOfferingId, completionThreshold: r.completionThreshold,
      schedule: r.schedule, sessions: sessions.map((s) => ({ date: ymd(s.startsAt), startTime: hm(s.startsAt), endTime: hm(s.endsAt) })),
    };
  }

  async function move(ctx: RequestContext, id: string, to: 'published' | 'cancelled' | 'finished', reason?: string) {
    const actor = requireStaff(ctx);
    const row = await loadManaged(actor, id);
    if (!canMoveOffering(row.status, to)) throw new Conflict('offering.bad_transition', { from: `offering_status.${row.status}` });
    if (to === 'published' && row.termId) {
      const t = await repo.findTerm(row.termId);
      if (t?.status === 'cancelled') throw new Conflict('offering.term_cancelled');
      if (t?.status !== 'published') throw new Conflict('offering.term_not_published');
    }
    const now = clock.now();
    await db.transaction(async (tx) => {
      const patch = to === 'published' ? { status: to, publishedAt: now, enrolmentOpensAt: row.enrolmentOpensAt ?? now, updatedAt: now }
        : to === 'cancelled' ? { status: to, cancelReason: reason ?? null, updatedAt: now } : { status: to, updatedAt: now };
      forgetFull();
      const updated = await repo.update(tx, id, patch);
      if (!updated || updated.version !== row.version + 1) throw new Conflict('offering.version_conflict');
      if (to === 'cancelled') {
        const sessions = await repo.sessionsOf(id, tx);
        await deps.bookings.release(tx, ctx, sessions.map((s) => s.venueBookingId).filter((x): x is string => !!x), reason ?? null);
        await repo.cancelSessions(tx, id);
        const t = updated.termId ? await repo.findTerm(updated.termId, tx) : null;
        for (const l of listeners) await l(tx, { type: 'cancelled', offering: toView(updated, t), reason: reason ?? '' });
      }
      await audit(tx, ctx, { action: `offering.${to === 'published' ? 'publish' : to === 'cancelled' ? 'cancel' : 'finish'}`, entityType: 'offering', entityId: id, regionCode: row.regionCode, details: reason ? { reason } : {} });
    });
    return getForStaff(ctx, id);
  }

  async function getForStaff(ctx: RequestContext, id: string) {
    const actor = requireStaff(ctx);
    return presentStaffDetail(ctx, await loadOffering(actor, id));
  }

  async function staffFilter(actor: Actor, q: Omit<OfferingListQuery, 'page' | 'pageSize'>): Promise<OfferingFilter> {
    const f = commonFilter(q);
    f.visible = offeringVisibleSql(visibleRegionRoots(actor), actor.institutions.map((i) => i.id));
    if (q.status) f.statuses = [q.status];
    if (q.enrolmentMode) f.enrolmentMode = q.enrolmentMode;
    if (q.startsWithinDays) {
      const now = deps.clock.now();
      f.startsBetween = [now, new Date(now.getTime() + q.startsWithinDays * 86_400_000)];
    }
    if (q.region) f.regionRoot = (await regions.require(q.region, 'region')).code;
    return f;
  }
  function commonFilter(q: Omit<OfferingListQuery, 'page' | 'pageSize'>): OfferingFilter {
    return {
      kind: q.kind, termId: q.termId && isUuid(q.termId) ? q.termId : undefined, campaignId: q.campaignId && isUuid(q.campaignId) ? q.campaignId : undefined,
      category: q.category, targetGroup: q.targetGroup, mode: q.mode, weekday: q.weekday, dayPart: q.dayPart,
      free: q.fee === 'free' ? true : q.fee === 'paid' ? false : undefined, hasSeats: q.hasSeats === 'true' ? true : undefined,
      tsQuery: q.q ? buildSearchQuery(q.q) : null,
    };
  }

  async function getOffering(id: string, tx?: DbOrTx): Promise<OfferingView> {
    const row = isUuid(id) ? await repo.find(id, tx) : null;
    if (!row) throw new NotFound('offering.not_found');
    const view = toView(row, row.termId ? await repo.findTerm(row.termId, tx) : null);
    if (view.enrolmentMode === 'first_come' && view.status === 'published' && view.capacity !== null && view.seatsTaken >= view.capacity) markFull(view.id);
    return view;
  }

  /** Since when this process has known the offering full without a break, or null when it does not. */
  function fullSince(id: string): number | null {
    const known = seenFull.get(id);
    if (known === undefined) return null;
    if (known.until > performance.now()) return known.since;
    seenFull.delete(id);
    return null;
  }

  return {
    // ---- for other modules (the issue-4 contract) ----

    get: getOffering,
    /** `get` from this process's cache: its seat count may be moments old (taking a seat is what decides). */
    async attemptFacts(id: string): Promise<OfferingView> {
      const hit = attemptFacts.get(id);
      if (hit) return hit;
      const generation = attemptFacts.generation();
      const view = await getOffering(id);
      attemptFacts.set(id, id, view, generation);
      return view;
    },
    /** From the change feed: '<id> full' or '<id> open' when a class fills or frees a seat; null forgets all. */
    seatStateChanged(payload: string | null) {
      if (payload === null) return forgetFull();
      const [id, state] = payload.split(' ');
      attemptFacts.dropKey(id);
      if (state === 'full') markFull(id);
      else seenFull.delete(id);
    },
    /** Known to be full (first come, published); see `seenFull`. */
    isKnownFull(id: string): boolean {
      return fullSince(id) !== null;
    },
    fullSince,
    /** Taking a seat failed: for a published first-come class that is being full (the notification follows). */
    seatRefused(id: string) {
      const facts = attemptFacts.get(id);
      if (facts?.enrolmentMode === 'first_come' && facts.status === 'published') markFull(id);
    },
    async getSession(sessionId: string, tx?: DbOrTx): Promise<SessionView> {
      const s = isUuid(sessionId) ? await repo.findSession(sessionId, tx) : null;
      if (!s) throw new NotFound('offering.session_not_found');
      return sessionView(s);
    },
    async sessions(offeringId: string, tx?: DbOrTx): Promise<SessionView[]> {
      return (await repo.sessionsOf(offeringId, tx)).map(sessionView);
    },
    takeSeat: (tx: DbOrTx, offeringId: string) => repo.takeSeat(tx, offeringId),
    releaseSeat: (tx: DbOrTx, offeringId: string) => { forgetFull(); return repo.releaseSeat(tx, offeringId); },
    canManage: (ctx: RequestContext, o: { regionCode: string; institutionId: string | null }) => !!ctx.actor && canManageOffering(ctx.actor, o),
    isInstructorOf: (ctx: RequestContext, o: { instructorUserId: string | null }) => isInstructorAccount(ctx.actor, o),
    /** Staff who may see the offering (404 otherwise), for other modules' staff pages. */
    canSee: (ctx: RequestContext, o: { regionCode: string; institutionId: string | null }) => !!ctx.actor && canSeeOffering(ctx.actor, o),
    /** Called inside the cancelling transaction (enrolment notifies and frees its enrolments). */
    onOfferingEvent(listener: OfferingListener) { listeners.push(listener); },

    // ---- terms ----

    async listTerms(ctx: RequestContext, q: PlanListQuery) {
      const actor = requireStaff(ctx);
      const { rows, total } = await repo.listTerms({ visible: planVisibleSql(terms.ownerRegionCode, visibleRegionRoots(actor)), status: q.status, tsLike: q.q, limit: q.pageSize, offset: offsetOf(q) });
      return { items: await presentTerms(actor, rows), total, page: q.page, pageSize: q.pageSize };
    },
    async getTerm(ctx: RequestContext, id: string) {
      const actor = requireStaff(ctx);
      return (await presentTerms(actor, [await loadTerm(actor, id)]))[0];
    },
    async createTerm(ctx: RequestContext, input: TermInput) {
      const actor = requireAuthor(ctx);
      const place = await placePlan(actor, input, { institutionOwned: true });
      checkDates(input.startsOn, input.endsOn, 'offering_term.ends_before_start');
      const now = clock.now();
      const row = await db.transaction(async (tx) => {
        const r = await repo.insertTerm(tx, { id: newId(), ownerRegionCode: place.regionCode, ownerInstitutionId: place.institutionId, name: input.name, startsOn: input.startsOn, endsOn: input.endsOn,
          maxEnrolmentsPerResident: input.maxEnrolmentsPerResident ?? null, status: 'draft', createdAt: now, updatedAt: now });
        await audit(tx, ctx, { action: 'term.create', entityType: 'term', entityId: r.id, regionCode: r.ownerRegionCode, details: { ...input } });
        return r;
      });
      return (await presentTerms(actor, [row]))[0];
    },
    async updateTerm(ctx: RequestContext, id: string, patch: TermPatch, expectedVersion?: number) {
      const actor = requireStaff(ctx);
      const cur = await loadTerm(actor, id);
      if (!canEditPlan(actor, cur)) throw new Forbidden('offering.read_only');
      checkDates(patch.startsOn ?? cur.startsOn, patch.endsOn ?? cur.endsOn, 'offering_term.ends_before_start');
      const row = await db.transaction(async (tx) => {
        const r = await repo.updateTerm(tx, id, { ...patch, updatedAt: clock.now() }, expectedVersion);
        if (!r) throw new Conflict('offering_term.version_conflict');
        await audit(tx, ctx, { action: 'term.update', entityType: 'term', entityId: id, regionCode: cur.ownerRegionCode, details: { ...patch } });
        return r;
      });
      return (await presentTerms(actor, [row]))[0];
    },
    async moveTerm(ctx: RequestContext, id: string, to: 'published' | 'cancelled') {
      const actor = requireStaff(ctx);
      const cur = await loadTerm(actor, id);
      if (!canEditPlan(actor, cur)) throw new Forbidden('offering.read_only');
      if (!canMovePlan(cur.status, to)) throw new Conflict('offering.bad_transition', { from: `offering_status.${cur.status}` });
      const row = await db.transaction(async (tx) => {
        if (to === 'cancelled') {
          const live = await repo.countByTerm(id, ['draft', 'published'], tx);
          if (live) throw new Conflict('offering_term.has_offerings', { count: live });
        }
        const r = await repo.updateTerm(tx, id, { status: to, updatedAt: clock.now() }, cur.version);
        if (!r) throw new Conflict('offering_term.version_conflict');
        await audit(tx, ctx, { action: `term.${to === 'published' ? 'publish' : 'cancel'}`, entityType: 'term', entityId: id, regionCode: cur.ownerRegionCode });
        return r;
      });
      return (await presentTerms(actor, [row]))[0];
    },

    // ---- campaigns ----

    async listCampaigns(ctx: RequestContext, q: PlanListQuery) {
      const actor = requireStaff(ctx);
      const { rows, total } = await repo.listCampaigns({ visible: planVisibleSql(campaigns.ownerRegionCode, visibleRegionRoots(actor)), status: q.status, tsLike: q.q, limit: q.pageSize, offset: offsetOf(q) });
      return { items: await presentCampaigns(actor, rows), total, page: q.page, pageSize: q.pageSize };
    },
    async getCampaign(ctx: RequestContext, id: string) {
      const actor = requireStaff(ctx);
      return (await presentCampaigns(actor, [await loadCampaign(actor, id)]))[0];
    },
    async createCampaign(ctx: RequestContext, input: CampaignInput) {
      const actor = requireAuthor(ctx);
      const place = await placePlan(actor, { ownerRegionCode: input.ownerRegionCode }, { institutionOwned: false });
      checkDates(input.startsOn, input.endsOn, 'offering_term.ends_before_start');
      const now = clock.now();
      const row = await db.transaction(async (tx) => {
        const r = await repo.insertCampaign(tx, { id: newId(), ownerRegionCode: place.regionCode, name: input.name, description: input.description, startsOn: input.startsOn, endsOn: input.endsOn, status: 'draft', createdAt: now, updatedAt: now });
        await audit(tx, ctx, { action: 'campaign.create', entityType: 'campaign', entityId: r.id, regionCode: r.ownerRegionCode, details: { ...input } });
        return r;
      });
      return (await presentCampaigns(actor, [row]))[0];
    },
    async updateCampaign(ctx: RequestContext, id: string, patch: CampaignPatch, expectedVersion?: number) {
      const actor = requireStaff(ctx);
      const cur = await loadCampaign(actor, id);
      if (!canEditPlan(actor, cur)) throw new Forbidden('offering.read_only');
      checkDates(patch.startsOn ?? cur.startsOn, patch.endsOn ?? cur.endsOn, 'offering_term.ends_before_start');
      const row = await db.transaction(async (tx) => {
        const r = await repo.updateCampaign(tx, id, { ...patch, updatedAt: clock.now() }, expectedVersion);
        if (!r) throw new Conflict('offering_campaign.version_conflict');
        await audit(tx, ctx, { action: 'campaign.update', entityType: 'campaign', entityId: id, regionCode: cur.ownerRegionCode, details: { ...patch } });
        return r;
      });
      return (await presentCampaigns(actor, [row]))[0];
    },
    async moveCampaign(ctx: RequestContext, id: string, to: 'published' | 'cancelled') {
      const actor = requireStaff(ctx);
      const cur = await loadCampaign(actor, id);
      if (!canEditPlan(actor, cur)) throw new Forbidden('offering.read_only');
      if (!canMovePlan(cur.status, to)) throw new Conflict('offering.bad_transition', { from: `offering_status.${cur.status}` });
      const row = await db.transaction(async (tx) => {
        const r = await repo.updateCampaign(tx, id, { status: to, updatedAt: clock.now() }, cur.version);
        if (!r) throw new Conflict('offering_campaign.version_conflict');
        await audit(tx, ctx, { action: `campaign.${to === 'published' ? 'publish' : 'cancel'}`, entityType: 'campaign', entityId: id, regionCode: cur.ownerRegionCode });
        return r;
      });
      return (await presentCampaigns(actor, [row]))[0];
    },

    // ---- classes and events (staff) ----

    async list(ctx: RequestContext, q: OfferingListQuery) {
      const actor = requireStaff(ctx);
      const f = await staffFilter(actor, q);
      const { rows, total } = await repo.list({ ...f, sort: q.sort, limit: q.pageSize, offset: offsetOf(q) });
      return { items: await presentStaff(actor, rows, ctx.locale), total, page: q.page, pageSize: q.pageSize };
    },
    /** The filtered list in batches, for the Excel export. */
    async exportBatches(ctx: RequestContext, q: Omit<OfferingListQuery, 'page' | 'pageSize'>) {
      const actor = requireStaff(ctx);
      const filter = await staffFilter(actor, q);
      return (async function* () {
        for await (const rows of repo.iterate(filter)) yield presentStaff(actor, rows, ctx.locale);
      })();
    },
    getForStaff,

    async create(ctx: RequestContext, input: OfferingInput) {
      const actor = requireAuthor(ctx);
      let course = null;
      if (input.courseId) {
        try {
          course = await deps.courses.getVisible(ctx, input.courseId);
        } catch (e) {
          if (e instanceof NotFound) throw invalidField('courseId', 'course.not_found');
          throw e;
        }
      }
      const { fields, planned } = await check(ctx, actor, draftOf(input, course), { replan: true, seatsTaken: 0 });
      const id = newId();
      const now = clock.now();
      await db.transaction(async (tx) => {
        await repo.insert(tx, { id, ...fields, status: 'draft', createdBy: actor.userId, createdAt: now, updatedAt: now });
        const derived = await schedule(tx, ctx, id, fields, planned!);
        forgetFull();
        await repo.update(tx, id, { ...derived, totalHours: String(derived.totalHours) });
        await audit(tx, ctx, { action: `offering.create`, entityType: 'offering', entityId: id, regionCode: fields.regionCode, details: { kind: input.kind, title: fields.title, sessions: planned!.length } });
      });
      return getForStaff(ctx, id);
    },

    async update(ctx: RequestContext, id: string, patch: OfferingPatch, expectedVersion?: number) {
      const actor = requireStaff(ctx);
      const cur = await loadManaged(actor, id);
      if (cur.status === 'cancelled' || cur.status === 'finished') throw new Conflict('offering.bad_transition', { from: `offering_status.${cur.status}` });
      const replan = patch.schedule !== undefined || patch.sessions !== undefined || (patch.venueId !== undefined && patch.venueId !== cur.venueId) || (patch.instructorId !== undefined && patch.instructorId !== cur.instructorId);
      if (replan && !isScheduleEditable(cur.status)) throw new Conflict('offering.schedule_locked');
      const currentSessions = await repo.sessionsOf(id);
      const base = rowDraft(cur, currentSessions);
      const merged: Draft = {
        ...base,
        ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
        schedule: patch.schedule ? { ...patch.schedule, skipDates: patch.schedule.skipDates ?? [] } : base.schedule,
        eligibility: patch.eligibility ?? base.eligibility,
      } as Draft;
      const { fields, planned } = await check(ctx, actor, merged, { replan, seatsTaken: cur.seatsTaken, current: cur });
      await db.transaction(async (tx) => {
        let derived = {};
        if (replan && planned) {
          await deps.bookings.release(tx, ctx, currentSessions.map((s) => s.venueBookingId).filter((x): x is string => !!x), 'rescheduled');
          await repo.deleteSessions(tx, id);
          const d = await schedule(tx, ctx, id, fields, planned);
          derived = { ...d, totalHours: String(d.totalHours) };
        }
        forgetFull();
        const updated = await repo.update(tx, id, { ...fields, ...derived, updatedAt: clock.now() }, expectedVersion ?? cur.version);
        if (!updated) throw new Conflict('offering.version_conflict');
        await audit(tx, ctx, { action: 'offering.update', entityType: 'offering', entityId: id, regionCode: fields.regionCode, details: { ...patch } });
      });
      return getForStaff(ctx, id);
    },

    publish: (ctx: RequestContext, id: string) => move(ctx, id, 'published'),
    cancel: (ctx: RequestContext, id: string, reason: string) => move(ctx, id, 'cancelled', reason),
    finish: (ctx: RequestContext, id: string) => move(ctx, id, 'finished'),

    /** The sessions a schedule would generate and what would clash, without saving anything. */
    async preview(ctx: RequestContext, input: { schedule?: WeeklySchedule | (Omit<WeeklySchedule, 'skipDates'> & { skipDates?: string[] }); sessions?: { date: string; startTime: string; endTime: string }[]; venueId?: string | null; instructorId?: string | null; excludeOfferingId?: string | null }) {
      requireAuthor(ctx);
      // Only venues and instructors the caller may see, so a preview never reveals another street's bookings.
      if (input.venueId) await deps.venues.get(ctx, input.venueId).catch(() => { throw invalidField('venueId', 'venue.not_found'); });
      if (input.instructorId) await deps.instructors.get(ctx, input.instructorId).catch(() => { throw invalidField('instructorId', 'instructor.not_found'); });
      const result = input.schedule ? weeklySessions(input.schedule) : listedSessions(input.sessions ?? []);
      if ('problem' in result) throw invalidField(result.problem.field, result.problem.key, result.problem.params);
      const items = [];
      for (const s of result.sessions) {
        const venueClash = input.venueId ? await deps.bookings.firstClash(input.venueId, s.startsAt, s.endsAt) : null;
        const teacherClash = input.instructorId && isUuid(input.instructorId) ? await repo.instructorClash(db, input.instructorId, [s], input.excludeOfferingId ?? null) : null;
        items.push({
          seq: s.seq, date: s.date, weekday: shanghaiParts(s.startsAt).weekday, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), hours: s.hours,
          venueClash,
          instructorClash: teacherClash ? { title: teacherClash.title, startsAt: teacherClash.startsAt.toISOString(), endsAt: teacherClash.endsAt.toISOString() } : null,
        });
      }
      return { sessions: items, totalHours: derivedFromSessions(result.sessions).totalHours };
    },

    // ---- the public catalogue ----

    async catalog(ctx: RequestContext, q: OfferingListQuery) {
      const f: OfferingFilter = { ...commonFilter(q), statuses: ['published'], notEndedAt: clock.now() };
      if (q.region) f.regionRoot = (await regions.require(q.region, 'region')).code;
      let home: string | null = null;
      if (ctx.actor?.kind === 'resident') home = await homeOf(ctx.actor);
      const sort = q.sort ?? (home ? 'near' : undefined);
      const { rows, total } = await repo.list({ ...f, sort, home, limit: q.pageSize, offset: offsetOf(q) });
      const l = await lookups(rows, ctx.locale);
      const counts = await repo.liveSessionCounts(rows.map((r) => r.id));
      return {
        items: rows.map((r) => ({ ...card(r, l, ctx.locale, counts.get(r.id) ?? 0), nearness: nearness(home, r.regionCode), enrolmentState: enrolmentState(r) })),
        total, page: q.page, pageSize: q.pageSize, homeRegionCode: home,
      };
    },

    async catalogItem(ctx: RequestContext, id: string) {
      const row = isUuid(id) ? await repo.find(id) : null;
      if (!row || (row.status !== 'published' && row.status !== 'finished')) throw new NotFound('offering.not_found');
      let home: string | null = null;
      if (ctx.actor?.kind === 'resident') home = await homeOf(ctx.actor);
      return { ...(await presentDetail(ctx, row, false)), nearness: nearness(home, row.regionCode) };
    },

    async catalogCampaigns(ctx: RequestContext, q: PageRequest) {
      const { rows, total } = await repo.listCampaigns({ visible: null, status: 'published', limit: q.pageSize, offset: offsetOf(q) });
      return { items: await presentCampaigns(null, rows), total, page: q.page, pageSize: q.pageSize };
    },
  };
}

export type OfferingsService = ReturnType<typeof createOfferingsService>;
