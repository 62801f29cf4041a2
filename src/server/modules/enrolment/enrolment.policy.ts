// Pure rules of enrolment: the window (with the returning-learner rule), eligibility, the resident's
// cancellation cut-off and which enrolment states hold a seat. Table-tested in enrolment.policy.test.ts.
import { visibleRegionRoots, type Actor } from '../../kernel/actor';
import { isWithin } from '../../kernel/region-code';

/** How far the returning-learner rule moves a previous learner's opening time (earlier or later). */
export const RETURNING_SHIFT_DAYS = 3;
/** How long a waitlisted resident has to confirm an offered seat. */
export const DEFAULT_OFFER_HOURS = 48;

export type EnrolmentStatus = 'pending' | 'enrolled' | 'waitlisted' | 'offered' | 'cancelled' | 'rejected' | 'completed';
export const LIVE_STATUSES: EnrolmentStatus[] = ['pending', 'enrolled', 'waitlisted', 'offered', 'completed'];
/** States that count against the per-term quota. */
export const QUOTA_STATUSES: EnrolmentStatus[] = ['pending', 'enrolled', 'offered', 'completed'];
/** States that hold one of the offering's seats (its `seats_taken`). */
export const SEAT_STATUSES: EnrolmentStatus[] = ['enrolled', 'offered', 'completed'];

export type ReturningRule = 'none' | 'priority_returning' | 'priority_new';

export interface WindowFacts {
  opensAt: Date | null;
  closesAt: Date | null;
  returningRule: ReturningRule;
  /** The resident learned in the class this one continues. */
  isReturning: boolean;
}

/**
 * When this resident may start enrolling: priority to continue lets previous learners in
 * RETURNING_SHIFT_DAYS before everyone else; priority to newcomers makes them wait as long after opening.
 */
export function opensFor(w: WindowFacts): Date | null {
  if (!w.opensAt || !w.isReturning || w.returningRule === 'none') return w.opensAt;
  const shift = RETURNING_SHIFT_DAYS * 86400_000 * (w.returningRule === 'priority_returning' ? -1 : 1);
  return new Date(w.opensAt.getTime() + shift);
}

export function windowProblem(w: WindowFacts, now: Date): { key: string; params?: Record<string, string> } | null {
  const opens = opensFor(w);
  if (w.closesAt && now >= w.closesAt) return { key: 'enrolment.closed' };
  if (opens && now < opens) {
    const key = w.isReturning && w.returningRule === 'priority_new' ? 'enrolment.returning_wait' : 'enrolment.not_open';
    return { key, params: { at: opens.toISOString() } };
  }
  return null;
}

export interface Eligibility {
  minAge?: number;
  maxAge?: number;
  regionRoots?: string[];
  targetGroups?: string[];
}

/** Target groups the platform can check from the age reached this year (birth year); the others are the resident's own declaration. */
const AGE_GROUPS: Record<string, (age: number) => boolean> = {
  elderly: (age) => age >= 60,
  children: (age) => age < 14,
  youth: (age) => age >= 14 && age <= 35,
};

export function eligibilityProblem(
  rule: Eligibility | null | undefined,
  person: { age: number; homeRegionCode: string },
): { key: string; params?: Record<string, string | number> } | null {
  if (!rule) return null;
  if (rule.minAge != null && person.age < rule.minAge) return { key: 'enrolment.too_young', params: { age: rule.minAge } };
  if (rule.maxAge != null && person.age > rule.maxAge) return { key: 'enrolment.too_old', params: { age: rule.maxAge } };
  if (rule.regionRoots?.length && !isWithin(person.homeRegionCode, rule.regionRoots)) return { key: 'enrolment.outside_region' };
  const groups = rule.targetGroups ?? [];
  if (groups.length) {
    const isInAny = groups.some((g) => (AGE_GROUPS[g] ? AGE_GROUPS[g](person.age) : true));
    if (!isInAny) return { key: 'enrolment.not_target_group' };
  }
  return null;
}

/** A resident may cancel until `cutoffHours` before the first session (no sessions yet: until the class starts). */
export function isBeforeCutoff(firstSessionAt: Date | null, cutoffHours: number | null, now: Date): boolean {
  if (!firstSessionAt) return true;
  return now.getTime() <= firstSessionAt.getTime() - (cutoffHours ?? 0) * 3600_000;
}

export function cutoffOf(firstSessionAt: Date | null, cutoffHours: number | null): Date | null {
  return firstSessionAt ? new Date(firstSessionAt.getTime() - (cutoffHours ?? 0) * 3600_000) : null;
}

/**
 * When an offered waitlist seat stops being held: `offerHours` from now, but never after the cut-off before
 * the first session; null when that cut-off has already passed (the seat is not offered at all).
 */
export function offerDeadline(now: Date, offerHours: number, cutoff: Date | null): Date | null {
  const byHours = new Date(now.getTime() + offerHours * 3600_000);
  if (!cutoff) return byHours;
  if (cutoff <= now) return null;
  return cutoff < byHours ? cutoff : byHours;
}

/** A worker asks for proxy rights only of residents living in their regions; the system administrator of anyone. */
export function canStaffAskProxyOf(actor: Actor, grantorHomeRegion: string | null): boolean {
  const roots = visibleRegionRoots(actor);
  return roots === 'all' || (!!grantorHomeRegion && isWithin(grantorHomeRegion, roots));
}

/** The only staff a resident may name as their proxy: a region administrator serving their home region. */
export function canStaffBeProxyFor(grantee: { role: string | null; regionCodes: string[] }, grantorHomeRegion: string | null): boolean {
  return grantee.role === 'region_admin' && !!grantorHomeRegion && isWithin(grantorHomeRegion, grantee.regionCodes);
}
