// What the offerings sub-services share: the module's dependencies and view types, who may author, this
// process's knowledge of full classes (so a flash crowd is answered without a read), and the plans' visibility
// (terms and campaigns are owned by an office and visible above and below it).
import { createTaggedCache } from '../../kernel/local-cache';
import type { Db, DbOrTx } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import { requireStaff, type Actor, type RequestContext } from '../../kernel/actor';
import { Forbidden, NotFound, invalidField } from '../../kernel/errors';
import { isUuid } from '../../kernel/ids';
import { buildSearchQuery } from '../../kernel/search-text';
import type { PageRequest } from '../../kernel/pagination';
import type { RegionsService } from '../regions/index';
import type { InstitutionsService } from '../institutions/index';
import type { CategoriesService } from '../categories/index';
import type { CoursesService } from '../courses/index';
import type { VenuesService, BookingsService } from '../venues/index';
import type { InstructorsService } from '../instructors/index';
import type { ResidentsService } from '../accounts/index';
import { canAuthorOfferings, canEditPlan, canSeePlan } from './offerings.policy';
import type { CampaignRow, OfferingFilter, OfferingRow, OfferingsRepository, TermRow } from './offerings.repository';

/** What other modules read of an offering: its columns in camelCase, with its term. */
export type OfferingView = OfferingRow & { term: { id: string; name: string; maxEnrolmentsPerResident: number | null } | null };
export interface SessionView {
  id: string;
  offeringId: string;
  seq: number;
  startsAt: Date;
  endsAt: Date;
  hours: number;
  status: string;
}

export interface OfferingListQuery extends PageRequest {
  q?: string;
  sort?: string;
  kind?: string;
  status?: string;
  termId?: string;
  campaignId?: string;
  category?: string;
  targetGroup?: string;
  mode?: string;
  region?: string;
  weekday?: number;
  dayPart?: string;
  fee?: 'free' | 'paid';
  hasSeats?: 'true' | 'false';
  enrolmentMode?: string;
  /** Only classes whose first session starts between now and this many days ahead (a staff to-do). */
  startsWithinDays?: number;
}
export interface PlanListQuery extends PageRequest {
  q?: string;
  status?: string;
}

export type OfferingListener = (tx: DbOrTx, e: { type: 'cancelled'; offering: OfferingView; reason: string }) => Promise<void>;

export interface OfferingsDeps {
  db: Db;
  repo: OfferingsRepository;
  audit: AuditWriter;
  clock: Clock;
  regions: RegionsService;
  institutions: InstitutionsService;
  categories: CategoriesService;
  courses: CoursesService;
  venues: VenuesService;
  bookings: BookingsService;
  instructors: InstructorsService;
  residents: ResidentsService;
}

export function createOfferingsCore(deps: OfferingsDeps) {
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
  const forgetFull = () => {
    seenFull.clear();
    attemptFacts.clear();
  };
  function markFull(id: string) {
    if (seenFull.size > 10_000) seenFull.clear();
    const now = performance.now();
    const known = seenFull.get(id);
    seenFull.set(id, { until: now + FULL_FOR_MS, since: known && known.until > now ? known.since : now });
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

  // ---- plans (terms and campaigns): owned by an office, visible above and below it (offerings.policy.ts) ----

  async function presentCampaigns(actor: Actor | null, rows: CampaignRow[]) {
    const names = await regions.namesByCode(rows.map((r) => r.ownerRegionCode));
    return rows.map((c) => ({
      id: c.id,
      name: c.name,
      description: c.description,
      ownerRegionCode: c.ownerRegionCode,
      ownerRegionName: names.get(c.ownerRegionCode) ?? c.ownerRegionCode,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      status: c.status,
      canEdit: !!actor && canEditPlan(actor, c),
      version: c.version,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    }));
  }

  async function loadTerm(actor: Actor, id: string, field?: string) {
    const row = isUuid(id) ? await repo.findTerm(id) : null;
    if (!row || !canSeePlan(actor, row.ownerRegionCode)) throw field ? invalidField(field, 'offering_term.not_found') : new NotFound('offering_term.not_found');
    return row;
  }
  async function loadCampaign(actor: Actor, id: string, field?: string) {
    const row = isUuid(id) ? await repo.findCampaign(id) : null;
    if (!row || !canSeePlan(actor, row.ownerRegionCode))
      throw field ? invalidField(field, 'offering.campaign_not_found') : new NotFound('offering_campaign.not_found');
    return row;
  }

  function commonFilter(q: Omit<OfferingListQuery, 'page' | 'pageSize'>): OfferingFilter {
    return {
      kind: q.kind,
      termId: q.termId && isUuid(q.termId) ? q.termId : undefined,
      campaignId: q.campaignId && isUuid(q.campaignId) ? q.campaignId : undefined,
      category: q.category,
      targetGroup: q.targetGroup,
      mode: q.mode,
      weekday: q.weekday,
      dayPart: q.dayPart,
      free: q.fee === 'free' ? true : q.fee === 'paid' ? false : undefined,
      hasSeats: q.hasSeats === 'true' ? true : undefined,
      tsQuery: q.q ? buildSearchQuery(q.q) : null,
    };
  }

  return {
    deps,
    db,
    repo,
    audit,
    clock,
    regions,
    listeners,
    seenFull,
    attemptFacts,
    forgetFull,
    markFull,
    requireAuthor,
    termCache,
    toView,
    presentCampaigns,
    loadTerm,
    loadCampaign,
    commonFilter,
  };
}

export type OfferingsCore = ReturnType<typeof createOfferingsCore>;
