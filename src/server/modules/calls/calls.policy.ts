// Calls for courses: who opens, sees, submits to, reviews and decides a call; the weighted score. Pure functions.
import { canManageRegion, visibleRegionRoots, type Actor } from '../../kernel/actor';
import { isWithin } from '../../kernel/region-code';

export interface CallLike {
  ownerRegionCode: string;
  status: string;
  reviewerIds: string[];
  deadline: Date;
}
export interface Criterion {
  name: string;
  maxScore: number;
  weight: number;
}

/** The district office or a street office opens calls, at its own level. */
export const canOpenCallIn = (actor: Actor, regionCode: string) => (regionCode.length === 6 || regionCode.length === 9) && canManageRegion(actor, regionCode);
export const canManageCall = (actor: Actor, call: CallLike) => canManageRegion(actor, call.ownerRegionCode);
export const isReviewer = (actor: Actor, call: CallLike) => call.reviewerIds.includes(actor.userId);

/** Staff working under the call's region see it once it is open; its office and its reviewers always. */
export function canSeeCall(actor: Actor, call: CallLike): boolean {
  if (canManageCall(actor, call) || isReviewer(actor, call)) return true;
  if (call.status === 'draft') return false;
  const roots = visibleRegionRoots(actor);
  return roots === 'all' || roots.some((r) => isWithin(r, [call.ownerRegionCode]));
}

export type SubmitterKind = 'institution' | 'instructor' | 'outside';
/**
 * How a staff member submits: institution staff for their institution, an instructor for themself, an
 * office administrator on behalf of an outside body (a training company, an enterprise) named as supplier.
 */
export function submitterKindOf(actor: Actor): SubmitterKind | null {
  if (actor.role === 'institution_staff') return 'institution';
  if (actor.role === 'instructor') return 'instructor';
  if (actor.role === 'region_admin' || actor.role === 'system_admin') return 'outside';
  return null;
}

export type SubmitRefusal = 'call.not_open' | 'call.deadline_passed' | 'auth.forbidden' | null;
export function submitRefusal(actor: Actor, call: CallLike, now: Date): SubmitRefusal {
  if (!submitterKindOf(actor) || !canSeeCall(actor, call)) return 'auth.forbidden';
  if (call.status !== 'open') return 'call.not_open';
  if (now.getTime() > call.deadline.getTime()) return 'call.deadline_passed';
  return null;
}

const NEXT: Record<string, string> = { draft: 'open', open: 'reviewing', reviewing: 'closed' };
export const canMoveTo = (from: string, to: string) => NEXT[from] === to;

/** The index of the first score above its criterion's maximum, or -1. */
export const scoreOutOfRange = (criteria: Criterion[], scores: number[]) => scores.findIndex((s, i) => s < 0 || s > criteria[i].maxScore);

/** A reviewer's scores as one number out of 100: each criterion's share of its maximum, weighted. */
export function weightedTotal(criteria: Criterion[], scores: number[]): number {
  const weights = criteria.reduce((sum, c) => sum + c.weight, 0);
  if (!weights) return 0;
  const total = criteria.reduce((sum, c, i) => sum + (scores[i] / c.maxScore) * c.weight, 0);
  return Math.round((total / weights) * 1000) / 10;
}

/** Whether a purchase at `priceFen` fits what is left of the budget. */
export const fitsBudget = (budgetFen: number, spentFen: number, priceFen: number) => spentFen + priceFen <= budgetFen;
