// Who reviews a nomination at which stage, the quota each stage spends, and how scores combine.
// Pure functions, table-tested.
import type { Actor } from '../../kernel/actor';
import { isWithin } from '../../kernel/region-code';
import type { NominationStage } from '../../../contracts/awards';

export type ReviewLevel = 'community' | 'street' | 'district';

const LEVEL_BY_LENGTH: Record<number, ReviewLevel> = { 12: 'community', 9: 'street' };

/**
 * The level at which a staff member acts on a nomination from `communityCode`: the deepest of their
 * region scopes that contains it (a community admin acts for the community, a street admin for the
 * street, a district admin for the district). Only region administrators review.
 */
export function reviewLevel(actor: Actor, communityCode: string): ReviewLevel | null {
  if (actor.role === 'system_admin') return 'district';
  if (actor.role !== 'region_admin') return null;
  const covering = actor.regionCodes.filter((c) => isWithin(communityCode, [c]));
  if (!covering.length) return null;
  const deepest = covering.reduce((a, b) => (b.length > a.length ? b : a));
  return LEVEL_BY_LENGTH[deepest.length] ?? 'district';
}

export function canReview(actor: Actor, nomination: { communityCode: string; stage: string; status: string }): boolean {
  return (
    nomination.status === 'active' &&
    ['community', 'street', 'district'].includes(nomination.stage) &&
    reviewLevel(actor, nomination.communityCode) === nomination.stage
  );
}

/** Organising a campaign (notice, objections, commendation) belongs to administrators of its district. */
export function canOrganise(actor: Actor, campaignRegionCode: string): boolean {
  if (actor.role === 'system_admin') return true;
  return actor.role === 'region_admin' && actor.regionCodes.some((c) => c.length <= campaignRegionCode.length && campaignRegionCode.startsWith(c));
}

export const NEXT_STAGE: Record<ReviewLevel, NominationStage> = { community: 'street', street: 'district', district: 'approved' };

/** How many nominations a stage may put forward: per community, per street, and awards in total. */
export function quotaOf(campaign: { quotaCommunity: number; quotaStreet: number; quotaDistrict: number }, level: ReviewLevel): number {
  return level === 'community' ? campaign.quotaCommunity : level === 'street' ? campaign.quotaStreet : campaign.quotaDistrict;
}

/** The region whose quota a forward at `level` spends. */
export function quotaRegion(level: ReviewLevel, communityCode: string, campaignRegionCode: string): string {
  return level === 'community' ? communityCode : level === 'street' ? communityCode.slice(0, 9) : campaignRegionCode;
}

/** The weighted score out of 100: Σ score × weight / Σ weight. */
export function weightedScore(criteria: { id: string; weight: number }[], scores: { criterionId: string; score: number }[]): number {
  const byId = new Map(scores.map((s) => [s.criterionId, s.score]));
  const totalWeight = criteria.reduce((s, c) => s + c.weight, 0);
  if (!totalWeight) return 0;
  const sum = criteria.reduce((s, c) => s + (byId.get(c.id) ?? 0) * c.weight, 0);
  return Math.round((sum / totalWeight) * 100) / 100;
}

/** Nominee kinds each campaign type accepts. */
export const KINDS_BY_TYPE: Record<string, string[]> = {
  learning_star: ['person'],
  learning_organisation: ['family', 'community', 'enterprise', 'agency', 'club', 'building', 'team'],
  featured_project: ['project'],
  model_school: ['institution'],
  excellent_course: ['course'],
};

/**
 * Who sees a nominee's full contact phone and their evidence files: the administrators who review and may
 * need to call them. Leaders, credit officers and member-unit reporters read nominations without them.
 */
export const isNominationReviewer = (actor: Actor | null) => actor?.kind === 'staff' && (actor.role === 'system_admin' || actor.role === 'region_admin');
