// Award campaigns (learning stars, learning organisations, featured projects, model schools, excellent
// courses): nominations climb community → street → district within per-level quotas, go on public
// notice where anyone may object, and are commended once the notice has ended and every objection
// is resolved.
import type { Db } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import type { RateLimiter } from '../../kernel/rate-limit';
import { isStaff, requireSignedIn, requireStaff, visibleRegionRoots, type Actor, type RequestContext } from '../../kernel/actor';
import { Conflict, Forbidden, NotFound, invalidField, FieldErrors } from '../../kernel/errors';
import { newId, isUuid } from '../../kernel/ids';
import { maskPhone } from '../../kernel/mask';
import { isWithin } from '../../kernel/region-code';
import { buildSearchQuery, buildSearchText } from '../../kernel/search-text';
import { offsetOf, pageOf, type PageRequest } from '../../kernel/pagination';
import type {
  CampaignInput,
  CampaignType,
  NominationInput,
  ObjectionInput,
  ObjectionResolution,
  ReviewInput,
  CAMPAIGN_STATUSES,
} from '../../../contracts/awards';
import type { RegionsService } from '../regions/index';
import {
  canOrganise,
  canReview,
  isNominationReviewer,
  KINDS_BY_TYPE,
  NEXT_STAGE,
  quotaOf,
  quotaRegion,
  reviewLevel,
  weightedScore,
  type ReviewLevel,
} from './awards.policy';
import type { AwardsRepository, CampaignRow, NominationFilter, NominationRow } from './awards.repository';
import { localTime } from '../../../contracts/local-time';

/** What awards need to know about a learning team nominated as a learning organisation. */
export interface TeamLookup {
  forNomination(teamId: string): Promise<{ name: string; communityCode: string } | null>;
}

/** Evidence files attach through the files module once it is wired; until then ids are refused. */
export interface EvidenceFiles {
  claim(tx: Parameters<Parameters<Db['transaction']>[0]>[0], ctx: RequestContext, ids: string[], regionCode: string): Promise<void>;
  describe(ids: string[]): Promise<{ id: string; filename: string; contentType: string; size: number }[]>;
}

export function createAwardsService(deps: {
  db: Db;
  repo: AwardsRepository;
  audit: AuditWriter;
  clock: Clock;
  rateLimit: RateLimiter;
  regions: RegionsService;
  teams: TeamLookup;
  files?: EvidenceFiles;
}) {
  const { repo, regions, clock } = deps;

  async function regionNames(codes: string[]) {
    const all = [...new Set(codes.flatMap((c) => [c, c.slice(0, 9), c.slice(0, 6)]))];
    return regions.namesByCode(all);
  }

  async function presentCampaigns(rows: CampaignRow[]) {
    const ids = rows.map((r) => r.id);
    const [criteria, counts, names] = await Promise.all([repo.criteriaOf(ids), repo.stageCounts(ids), regionNames(rows.map((r) => r.regionCode))]);
    return rows.map((r) => {
      const mine = counts.filter((c) => c.campaignId === r.id);
      const count = (stage: string, status = 'active') => mine.filter((c) => c.stage === stage && c.status === status).reduce((s, c) => s + Number(c.n), 0);
      return {
        id: r.id,
        title: r.title,
        type: r.type as CampaignType,
        year: r.year,
        regionCode: r.regionCode,
        regionName: names.get(r.regionCode) ?? r.regionCode,
        description: r.description,
        allowResidentNominations: r.allowResidentNominations,
        nominationDeadline: r.nominationDeadline,
        quotas: { community: r.quotaCommunity, street: r.quotaStreet, district: r.quotaDistrict },
        status: r.status as (typeof CAMPAIGN_STATUSES)[number],
        noticeStartedAt: r.noticeStartedAt?.toISOString() ?? null,
        noticeEndsAt: r.noticeEndsAt?.toISOString() ?? null,
        commendedAt: r.commendedAt?.toISOString() ?? null,
        commendationTitle: r.commendationTitle,
        criteria: criteria.filter((c) => c.campaignId === r.id).map((c) => ({ id: c.id, name: c.name, description: c.description, weight: Number(c.weight) })),
        counts: {
          community: count('community'),
          street: count('street'),
          district: count('district'),
          approved: count('approved'),
          notice: count('notice'),
          commended: count('commended'),
          rejected: mine.filter((c) => c.status === 'rejected').reduce((s, c) => s + Number(c.n), 0),
          withdrawn: mine.filter((c) => c.status === 'withdrawn').reduce((s, c) => s + Number(c.n), 0),
        },
        createdAt: r.createdAt.toISOString(),
      };
    });
  }

  async function presentNominations(rows: NominationRow[], opts: { withPhone: boolean }) {
    const ids = rows.map((r) => r.id);
    const [names, reviews, objections] = await Promise.all([regionNames(rows.map((r) => r.communityCode)), repo.reviewsOf(ids), repo.objectionCounts(ids)]);
    return rows.map((r) => {
      const mine = reviews.filter((v) => v.nominationId === r.id);
      const scored = mine.filter((v) => v.weightedScore !== null);
      return {
        id: r.id,
        campaignId: r.campaignId,
        nomineeName: r.nomineeName,
        nomineeKind: r.nomineeKind,
        teamId: r.teamId,
        summary: r.summary,
        contactPhone: opts.withPhone ? r.contactPhone : maskPhone(r.contactPhone),
        communityCode: r.communityCode,
        communityName: names.get(r.communityCode) ?? r.communityCode,
        streetCode: r.communityCode.slice(0, 9),
        streetName: names.get(r.communityCode.slice(0, 9)) ?? '',
        stage: r.stage,
        status: r.status,
        statusReason: r.statusReason,
        nominatorKind: r.nominatorKind,
        evidenceFileIds: r.evidenceFileIds,
        latestScore: scored.length ? Number(scored[scored.length - 1].weightedScore) : null,
        openObjections: objections.filter((o) => o.nominationId === r.id && o.status === 'open').reduce((s, o) => s + Number(o.n), 0),
        reviews: mine.map((v) => ({
          id: v.id,
          stage: v.stage,
          decision: v.decision,
          reason: v.reason,
          scores: v.scores,
          weightedScore: v.weightedScore === null ? null : Number(v.weightedScore),
          reviewerName: v.reviewerName,
          at: v.at.toISOString(),
        })),
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
      };
    });
  }

  /** A campaign the caller may see: staff whose scope overlaps its district, or residents when it invites them. */
  async function loadCampaign(actor: Actor | null, id: string): Promise<CampaignRow> {
    const row = isUuid(id) ? await repo.findCampaign(id) : null;
    if (!row) throw new NotFound('award.campaign_not_found');
    if (actor && isStaff(actor)) {
      const roots = visibleRegionRoots(actor);
      if (roots !== 'all' && !roots.some((r) => r.startsWith(row.regionCode) || row.regionCode.startsWith(r))) throw new NotFound('award.campaign_not_found');
    } else if (!row.allowResidentNominations) throw new NotFound('award.campaign_not_found');
    return row;
  }

  function canSeeNomination(actor: Actor, n: NominationRow, campaign: CampaignRow): boolean {
    if (actor.kind !== 'staff') return n.nominatedBy === actor.userId;
    if (canOrganise(actor, campaign.regionCode)) return true;
    const roots = visibleRegionRoots(actor);
    return roots === 'all' || isWithin(n.communityCode, roots);
  }

  async function loadNomination(actor: Actor, id: string) {
    const row = isUuid(id) ? await repo.findNomination(id) : null;
    const campaign = row ? await repo.findCampaign(row.campaignId) : null;
    if (!row || !campaign || !canSeeNomination(actor, row, campaign)) throw new NotFound('award.nomination_not_found');
    return { row, campaign };
  }

  function requireOrganiser(actor: Actor, campaign: CampaignRow) {
    if (!canOrganise(actor, campaign.regionCode)) throw new Forbidden('award.organiser_only');
  }

  function requireOpen(campaign: CampaignRow) {
    if (campaign.status !== 'open') throw new Conflict('award.campaign_not_open');
  }

  const service = {
    async listCampaigns(ctx: RequestContext, q: PageRequest & { status?: string; type?: string; year?: number }) {
      const actor = requireSignedIn(ctx);
      const roots = isStaff(actor) ? visibleRegionRoots(actor) : 'all';
      const filter = isStaff(actor)
        ? { regionRoots: roots === 'all' ? null : roots, status: q.status, type: q.type, year: q.year }
        : { regionRoots: null, status: 'open', type: q.type, year: q.year, residentsOnly: true };
      const { rows, total } = await repo.listCampaigns({ ...filter, limit: q.pageSize, offset: offsetOf(q) });
      return pageOf(q, await presentCampaigns(rows), total);
    },

    async getCampaign(ctx: RequestContext, id: string) {
      return (await presentCampaigns([await loadCampaign(requireSignedIn(ctx), id)]))[0];
    },

    async createCampaign(ctx: RequestContext, input: CampaignInput) {
      const actor = requireStaff(ctx);
      const fallback = actor.regionCodes.find((c) => c.length <= 6);
      if (!input.regionCode && !fallback) throw invalidField('regionCode', 'validation.required');
      const region = await regions.require(input.regionCode ?? fallback!, 'regionCode');
      if (region.level !== 'district' && region.level !== 'city') throw invalidField('regionCode', 'award.region_not_district');
      if (!canOrganise(actor, region.code)) throw invalidField('regionCode', 'region.out_of_scope');
      if (input.quotaStreet < 1 || input.quotaDistrict < 1) throw invalidField('quotaDistrict', 'validation.min', { min: 1 });
      const id = newId();
      const now = clock.now();
      await deps.db.transaction(async (tx) => {
        await repo.insertCampaign(
          tx,
          {
            id,
            regionCode: region.code,
            type: input.type,
            title: input.title,
            year: input.year,
            description: input.description || null,
            allowResidentNominations: input.allowResidentNominations,
            nominationDeadline: input.nominationDeadline || null,
            quotaCommunity: input.quotaCommunity,
            quotaStreet: input.quotaStreet,
            quotaDistrict: input.quotaDistrict,
            status: 'open',
            createdBy: actor.userId,
            createdAt: now,
          },
          input.criteria.map((c, i) => ({
            id: newId(),
            campaignId: id,
            position: i + 1,
            name: c.name,
            description: c.description || null,
            weight: String(c.weight),
          })),
        );
        await deps.audit(tx, ctx, {
          action: 'award.campaign.create',
          entityType: 'award_campaign',
          entityId: id,
          regionCode: region.code,
          details: { ...input },
        });
      });
      return (await presentCampaigns([(await repo.findCampaign(id))!]))[0];
    },

    async listNominations(ctx: RequestContext, q: PageRequest & { campaign?: string; stage?: string; status?: string; region?: string; q?: string }) {
      const actor = requireSignedIn(ctx);
      const filter: NominationFilter = { regionRoots: null, stage: q.stage, status: q.status, tsQuery: q.q ? buildSearchQuery(q.q) : null };
      if (q.campaign) filter.campaignId = (await loadCampaign(actor, q.campaign)).id;
      if (actor.kind !== 'staff') filter.nominatedBy = actor.userId;
      else {
        const roots = visibleRegionRoots(actor);
        filter.regionRoots = roots === 'all' ? null : roots;
        if (q.region) {
          const region = await regions.require(q.region, 'region');
          if (filter.regionRoots && !filter.regionRoots.some((r) => region.code.startsWith(r) || r.startsWith(region.code)))
            throw new NotFound('region.not_found');
          filter.regionRoots = filter.regionRoots ? filter.regionRoots.map((r) => (r.startsWith(region.code) ? r : region.code)) : [region.code];
        }
      }
      const { rows, total } = await repo.listNominations({ ...filter, limit: q.pageSize, offset: offsetOf(q) });
      return pageOf(q, await presentNominations(rows, { withPhone: isNominationReviewer(actor) }), total);
    },

    async getNomination(ctx: RequestContext, id: string) {
      const actor = requireSignedIn(ctx);
      const { row } = await loadNomination(actor, id);
      const [item] = await presentNominations([row], { withPhone: isNominationReviewer(actor) });
      // The files themselves are served only to reviewers (and their uploader), so only they get the list.
      const files =
        deps.files && row.evidenceFileIds.length && (isNominationReviewer(actor) || row.nominatedBy === actor.userId)
          ? await deps.files.describe(row.evidenceFileIds)
          : [];
      return {
        ...item,
        evidenceFiles: files,
        canReview: isStaff(actor) && canReview(actor, row),
        reviewLevel: isStaff(actor) ? reviewLevel(actor, row.communityCode) : null,
      };
    },

    async createNomination(ctx: RequestContext, input: NominationInput) {
      const actor = requireSignedIn(ctx);
      const campaign = await loadCampaign(actor, input.campaignId).catch(() => {
        throw invalidField('campaignId', 'award.campaign_not_found');
      });
      requireOpen(campaign);
      if (campaign.nominationDeadline && localTime.date(clock.now()) > campaign.nominationDeadline)
        throw new Conflict('award.deadline_passed', { date: campaign.nominationDeadline });
      if (!KINDS_BY_TYPE[campaign.type]?.includes(input.nomineeKind)) throw invalidField('nomineeKind', 'award.kind_not_allowed');
      let nomineeName = input.nomineeName ?? '';
      let communityCode = input.communityCode;
      if (input.teamId) {
        if (input.nomineeKind !== 'team') throw invalidField('teamId', 'award.team_kind');
        const team = await deps.teams.forNomination(input.teamId);
        if (!team) throw invalidField('teamId', 'award.team_not_found');
        nomineeName = team.name;
        communityCode = team.communityCode;
      }
      if (!nomineeName) throw invalidField('nomineeName', 'validation.required');
      if (!communityCode) throw invalidField('communityCode', 'validation.required');
      const community = await regions.requireCommunity(communityCode, 'communityCode');
      if (!community.code.startsWith(campaign.regionCode)) throw invalidField('communityCode', 'award.outside_campaign');
      let stage: ReviewLevel = 'community';
      if (isStaff(actor)) {
        const level = reviewLevel(actor, community.code);
        if (!level) throw invalidField('communityCode', 'region.out_of_scope');
        stage = level;
      } else if (!campaign.allowResidentNominations) throw new Forbidden('award.residents_not_invited');
      if (input.evidenceFileIds.length && !deps.files) throw invalidField('evidenceFileIds', 'award.files_unavailable');
      const id = newId();
      const now = clock.now();
      await deps.db.transaction(async (tx) => {
        await repo.insertNomination(tx, {
          id,
          campaignId: campaign.id,
          communityCode: community.code,
          nomineeName,
          nomineeKind: input.nomineeKind,
          teamId: input.teamId ?? null,
          summary: input.summary,
          contactPhone: input.contactPhone || null,
          evidenceFileIds: input.evidenceFileIds,
          stage,
          status: 'active',
          nominatedBy: actor.userId,
          nominatorKind: actor.kind,
          searchText: buildSearchText(nomineeName, input.summary),
          createdAt: now,
          updatedAt: now,
        });
        if (input.evidenceFileIds.length) await deps.files!.claim(tx, ctx, input.evidenceFileIds, community.code);
        await deps.audit(tx, ctx, {
          action: 'award.nomination.create',
          entityType: 'award_nomination',
          entityId: id,
          regionCode: community.code,
          details: { campaignId: campaign.id, nomineeName, stage },
        });
      });
      return service.getNomination(ctx, id);
    },

    async review(ctx: RequestContext, id: string, input: ReviewInput) {
      const actor = requireStaff(ctx);
      const { row, campaign } = await loadNomination(actor, id);
      requireOpen(campaign);
      if (!canReview(actor, row)) throw new Forbidden('award.not_your_stage', { stage: row.stage });
      const level = row.stage as ReviewLevel;
      const criteria = (await repo.criteriaOf([campaign.id])).map((c) => ({ id: c.id, name: c.name, weight: Number(c.weight) }));
      if (input.decision === 'reject' && !input.reason) throw invalidField('reason', 'award.reason_required');
      if (input.decision === 'forward') {
        const given = new Set(input.scores.map((s) => s.criterionId));
        const missing = criteria.filter((c) => !given.has(c.id));
        if (missing.length || input.scores.some((s) => !criteria.some((c) => c.id === s.criterionId))) {
          throw new FieldErrors(
            Object.fromEntries((missing.length ? missing : criteria).map((c) => [`scores.${c.id}`, { key: 'award.score_required', params: { name: c.name } }])),
          );
        }
      }
      const score = input.scores.length ? weightedScore(criteria, input.scores) : null;
      const quotaCode = quotaRegion(level, row.communityCode, campaign.regionCode);
      const quotaName = (await regionNames([quotaCode])).get(quotaCode) ?? quotaCode;
      const now = clock.now();
      await deps.db.transaction(async (tx) => {
        const locked = await repo.lockCampaign(tx, campaign.id);
        if (locked.status !== 'open') throw new Conflict('award.campaign_not_open');
        const current = await repo.findNomination(id, tx);
        if (!current || current.stage !== row.stage || current.status !== 'active') throw new Conflict('conflict.stale');
        if (input.decision === 'forward') {
          const quota = quotaOf(campaign, level);
          const used = await repo.forwardedCount(tx, campaign.id, level, quotaCode);
          if (used >= quota)
            throw new Conflict('award.quota_exceeded', { region: quotaName, level, quota, used }, { quota: { level, region: quotaCode, quota, used } });
        }
        await repo.insertReview(tx, {
          id: newId(),
          nominationId: id,
          stage: level,
          decision: input.decision,
          reason: input.reason || null,
          scores: input.scores,
          weightedScore: score === null ? null : String(score),
          reviewerId: actor.userId,
          reviewerName: actor.displayName,
          reviewerRegionCode: quotaCode,
          at: now,
        });
        await repo.updateNomination(
          tx,
          id,
          input.decision === 'forward' ? { stage: NEXT_STAGE[level], updatedAt: now } : { status: 'rejected', statusReason: input.reason, updatedAt: now },
        );
        await deps.audit(tx, ctx, {
          action: `award.nomination.${input.decision}`,
          entityType: 'award_nomination',
          entityId: id,
          regionCode: row.communityCode,
          details: { stage: level, scores: input.scores, weightedScore: score, reason: input.reason },
        });
      });
      return service.getNomination(ctx, id);
    },

    async startNotice(ctx: RequestContext, id: string, endsAtIso: string) {
      const actor = requireStaff(ctx);
      const campaign = await loadCampaign(actor, id);
      requireOrganiser(actor, campaign);
      const now = clock.now();
      const endsAt = new Date(endsAtIso);
      if (endsAt.getTime() <= now.getTime()) throw invalidField('endsAt', 'award.notice_end_past');
      await deps.db.transaction(async (tx) => {
        const locked = await repo.lockCampaign(tx, id);
        if (locked.status !== 'open') throw new Conflict('award.campaign_not_open');
        const moved = await repo.moveStage(tx, id, 'approved', 'notice', now);
        if (!moved) throw new Conflict('award.nothing_approved');
        await repo.updateCampaign(tx, id, { status: 'notice', noticeStartedAt: now, noticeEndsAt: endsAt });
        await deps.audit(tx, ctx, {
          action: 'award.notice.start',
          entityType: 'award_campaign',
          entityId: id,
          regionCode: campaign.regionCode,
          details: { endsAt: endsAt.toISOString(), nominations: moved },
        });
      });
      return service.getCampaign(ctx, id);
    },

    /**
     * For the credit bank, which authorizes its own callers: commendations under the given regions (null =
     * all) with nominee, community and campaign, optionally only those still without a certificate.
     */
    async commendations(q: PageRequest & { regionRoots: string[] | null; withoutCredential?: boolean }) {
      const { rows, total } = await repo.commendationDetails({
        regionRoots: q.regionRoots,
        withoutCredential: q.withoutCredential,
        limit: q.pageSize,
        offset: offsetOf(q),
      });
      const names = await regionNames(rows.map((r) => r.communityCode));
      return pageOf(
        q,
        rows.map((r) => ({ ...r, commendedAt: r.commendedAt.toISOString(), communityName: names.get(r.communityCode) ?? r.communityCode })),
        total,
      );
    },

    async commendation(id: string) {
      if (!isUuid(id)) return null;
      const { rows } = await repo.commendationDetails({ id, regionRoots: null, limit: 1, offset: 0 });
      return rows[0] ?? null;
    },

    /** Records, inside the issuing transaction, the certificate issued from a commendation. */
    attachCredential: (tx: Parameters<Parameters<Db['transaction']>[0]>[0], commendationId: string, credentialId: string) =>
      repo.setCommendationCredential(tx, commendationId, credentialId),

    async commend(ctx: RequestContext, id: string, input: { title?: string }) {
      const actor = requireStaff(ctx);
      const campaign = await loadCampaign(actor, id);
      requireOrganiser(actor, campaign);
      const now = clock.now();
      const title = input.title ?? campaign.title;
      await deps.db.transaction(async (tx) => {
        const locked = await repo.lockCampaign(tx, id);
        if (locked.status !== 'notice') throw new Conflict('award.not_in_notice');
        if (locked.noticeEndsAt && locked.noticeEndsAt > now) throw new Conflict('award.notice_running', { until: locked.noticeEndsAt.toISOString() });
        const open = await repo.openObjectionCount(tx, id);
        if (open) throw new Conflict('award.objections_open', { count: open });
        const winners = await repo.activeInStage(tx, id, 'notice');
        await repo.moveStage(tx, id, 'notice', 'commended', now);
        await repo.insertCommendations(
          tx,
          winners.map((w) => ({ id: newId(), campaignId: id, nominationId: w.id, title, commendedAt: now, credentialId: null })),
        );
        await repo.updateCampaign(tx, id, { status: 'concluded', commendedAt: now, commendationTitle: title });
        await deps.audit(tx, ctx, {
          action: 'award.commend',
          entityType: 'award_campaign',
          entityId: id,
          regionCode: campaign.regionCode,
          details: { title, nominations: winners.map((w) => w.id) },
        });
      });
      return service.getCampaign(ctx, id);
    },

    async listObjections(ctx: RequestContext, q: PageRequest & { campaign: string; status?: string; nomination?: string }) {
      const actor = requireStaff(ctx);
      const campaign = await loadCampaign(actor, q.campaign);
      const organiser = canOrganise(actor, campaign.regionCode);
      const { rows, total } = await repo.listObjections({
        campaignIds: [campaign.id],
        status: q.status,
        nominationId: q.nomination,
        limit: q.pageSize,
        offset: offsetOf(q),
      });
      const noms = new Map(
        (await Promise.all([...new Set(rows.map((r) => r.nominationId))].map((nid) => repo.findNomination(nid)))).filter((n) => n).map((n) => [n!.id, n!]),
      );
      const visible = rows.filter((r) => organiser || (noms.get(r.nominationId) && canSeeNomination(actor, noms.get(r.nominationId)!, campaign)));
      return pageOf(
        q,
        visible.map((r) => ({
          id: r.id,
          campaignId: r.campaignId,
          nominationId: r.nominationId,
          nomineeName: noms.get(r.nominationId)?.nomineeName ?? '',
          content: r.content,
          contactName: r.contactName,
          contactPhone: organiser ? r.contactPhone : maskPhone(r.contactPhone),
          anonymous: !r.lodgedBy,
          lodgedAt: r.lodgedAt.toISOString(),
          status: r.status,
          resolution: r.resolution,
          response: r.response,
          resolvedAt: r.resolvedAt?.toISOString() ?? null,
        })),
        total,
      );
    },

    async resolveObjection(ctx: RequestContext, id: string, input: ObjectionResolution) {
      const actor = requireStaff(ctx);
      const objection = isUuid(id) ? await repo.findObjection(id) : null;
      const campaign = objection ? await repo.findCampaign(objection.campaignId) : null;
      if (!objection || !campaign || !canOrganise(actor, campaign.regionCode)) throw new NotFound('award.objection_not_found');
      const now = clock.now();
      await deps.db.transaction(async (tx) => {
        await repo.lockCampaign(tx, campaign.id);
        const ok = await repo.resolveObjection(tx, id, {
          status: 'resolved',
          resolution: input.resolution,
          response: input.response,
          resolvedBy: actor.userId,
          resolvedAt: now,
        });
        if (!ok) throw new Conflict('award.objection_resolved');
        if (input.resolution === 'upheld')
          await repo.updateNomination(tx, objection.nominationId, { status: 'withdrawn', statusReason: input.response, updatedAt: now });
        await deps.audit(tx, ctx, {
          action: 'award.objection.resolve',
          entityType: 'award_objection',
          entityId: id,
          regionCode: campaign.regionCode,
          details: { ...input, nominationId: objection.nominationId },
        });
      });
      return { id, status: 'resolved', resolution: input.resolution, response: input.response, resolvedAt: now.toISOString() };
    },

    /** Public: campaigns on notice or concluded, with who is on the list. Nothing personal beyond the published deeds. */
    async publicNotices(q: PageRequest) {
      const { rows: a, total: ta } = await repo.listCampaigns({ regionRoots: null, status: 'notice', limit: q.pageSize, offset: offsetOf(q) });
      return pageOf(q, await Promise.all(a.map((c) => service.publicNotice(c.id))), ta);
    },

    async publicNotice(id: string) {
      const campaign = isUuid(id) ? await repo.findCampaign(id) : null;
      if (!campaign || campaign.status === 'open') throw new NotFound('award.campaign_not_found');
      const stage = campaign.status === 'notice' ? 'notice' : 'commended';
      const { rows } = await repo.listNominations({ regionRoots: null, campaignId: id, stage, status: 'active', limit: 500, offset: 0 });
      const names = await regionNames(rows.map((r) => r.communityCode));
      const [c] = await presentCampaigns([campaign]);
      return {
        id: c.id,
        title: c.title,
        type: c.type,
        year: c.year,
        regionName: c.regionName,
        status: c.status,
        noticeStartedAt: c.noticeStartedAt,
        noticeEndsAt: c.noticeEndsAt,
        isOpenForObjections: campaign.status === 'notice' && !!campaign.noticeEndsAt && campaign.noticeEndsAt > clock.now(),
        commendationTitle: c.commendationTitle,
        nominees: rows.map((r) => ({
          id: r.id,
          nomineeName: r.nomineeName,
          nomineeKind: r.nomineeKind,
          communityName: names.get(r.communityCode) ?? '',
          streetName: names.get(r.communityCode.slice(0, 9)) ?? '',
          summary: r.summary,
        })),
      };
    },

    /** Anyone may object during the notice period; without an account a contact phone is required. */
    async lodgeObjection(ctx: RequestContext, campaignId: string, input: ObjectionInput) {
      await deps.rateLimit(`objection:ip:${ctx.ip}`, 5, 3600);
      if (!ctx.actor && !input.contactPhone) throw invalidField('contactPhone', 'award.contact_required');
      if (input.contactPhone) await deps.rateLimit(`objection:phone:${input.contactPhone}`, 3, 3600);
      const campaign = isUuid(campaignId) ? await repo.findCampaign(campaignId) : null;
      if (!campaign || campaign.status === 'open') throw new NotFound('award.campaign_not_found');
      const now = clock.now();
      if (campaign.status !== 'notice' || !campaign.noticeEndsAt || campaign.noticeEndsAt <= now) throw new Conflict('award.notice_closed');
      const nomination = await repo.findNomination(input.nominationId);
      if (!nomination || nomination.campaignId !== campaign.id || nomination.stage !== 'notice' || nomination.status !== 'active')
        throw invalidField('nominationId', 'award.nomination_not_found');
      const id = newId();
      await deps.db.transaction(async (tx) => {
        await repo.insertObjection(tx, {
          id,
          campaignId: campaign.id,
          nominationId: nomination.id,
          content: input.content,
          contactName: input.contactName || null,
          contactPhone: input.contactPhone || null,
          lodgedBy: ctx.actor?.userId ?? null,
          lodgedAt: now,
          ip: ctx.ip,
          status: 'open',
        });
        await deps.audit(tx, ctx, {
          action: 'award.objection.lodge',
          entityType: 'award_objection',
          entityId: id,
          regionCode: nomination.communityCode,
          details: { nominationId: nomination.id },
        });
      });
      return { id, status: 'open', lodgedAt: now.toISOString() };
    },

    /** For exports: nominations of a campaign in stable pages, presented. */
    async *exportRows(ctx: RequestContext, campaignId: string) {
      const actor = requireStaff(ctx);
      const campaign = await loadCampaign(actor, campaignId);
      const roots = canOrganise(actor, campaign.regionCode) ? 'all' : visibleRegionRoots(actor);
      for await (const batch of repo.iterateNominations({ campaignId: campaign.id, regionRoots: roots === 'all' ? null : roots })) {
        yield await presentNominations(batch, { withPhone: false });
      }
    },
    campaignFor: (ctx: RequestContext, id: string) => loadCampaign(requireStaff(ctx), id),
  };
  return service;
}

export type AwardsService = ReturnType<typeof createAwardsService>;
