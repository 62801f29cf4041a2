// Who may see and run classes and events, and which status changes are allowed. Pure functions.
import { canManageRegion, visibleRegionRoots, type Actor } from '../../kernel/actor';
import { isWithin } from '../../kernel/region-code';

export interface Placed {
  regionCode: string;
  institutionId: string | null;
}

export const canAuthorOfferings = (actor: Actor) => actor.role === 'system_admin' || actor.role === 'region_admin' || actor.role === 'institution_staff';

/** Staff whose regions cover where it takes place, or of its organiser institution (leaders read too). */
export function canSeeOffering(actor: Actor, o: Placed): boolean {
  if (actor.kind !== 'staff') return false;
  const roots = visibleRegionRoots(actor);
  if (roots === 'all') return true;
  if (isWithin(o.regionCode, roots)) return true;
  return !!o.institutionId && actor.institutions.some((i) => i.id === o.institutionId);
}

/** The organiser institution's staff, region administrators over its region, the system administrator. */
export function canManageOffering(actor: Actor, o: Placed): boolean {
  if (actor.kind !== 'staff') return false;
  if (actor.role === 'system_admin') return true;
  if (actor.role === 'region_admin') return isWithin(o.regionCode, actor.regionCodes);
  if (actor.role === 'institution_staff') return !!o.institutionId && actor.institutions.some((i) => i.id === o.institutionId);
  return false;
}

/** Where staff may place a new offering: a region they administer, or at their own institution. */
export function canPlaceOffering(actor: Actor, regionCode: string, institutionId: string | null, institutionRegion: string | null): boolean {
  if (actor.role === 'system_admin') return true;
  if (actor.role === 'region_admin') return isWithin(regionCode, actor.regionCodes);
  if (actor.role === 'institution_staff') {
    const inst = actor.institutions.find((i) => i.id === institutionId);
    return !!inst && !!institutionRegion && isWithin(regionCode, [institutionRegion.slice(0, 9)]);
  }
  return false;
}

/** The institution an institution's staff member acts for when none is named: their first; nobody else has one. */
export const defaultInstitutionOf = (actor: Actor): string | null => (actor.role === 'institution_staff' ? (actor.institutions[0]?.id ?? null) : null);

/** Terms and campaigns (plans) are visible to the office that owns them, those below it, and those above it. */
export const canSeePlan = (actor: Actor, ownerRegionCode: string) => {
  const roots = visibleRegionRoots(actor);
  return roots === 'all' || isWithin(ownerRegionCode, roots) || roots.some((r) => r.startsWith(ownerRegionCode));
};
// An institution's staff act for their institution where it stands, never for the region around it: a
// plan owned by their institution but filed under the district (or another street) is not theirs.
export const canEditPlan = (actor: Actor, plan: { ownerRegionCode: string; ownerInstitutionId?: string | null }) =>
  canManageRegion(actor, plan.ownerRegionCode) ||
  (actor.role === 'institution_staff' &&
    !!plan.ownerInstitutionId &&
    actor.institutions.some((i) => i.id === plan.ownerInstitutionId && i.regionCode === plan.ownerRegionCode));

const TRANSITIONS: Record<string, string[]> = {
  draft: ['published', 'cancelled'],
  published: ['cancelled', 'finished'],
  cancelled: [],
  finished: [],
};
export const canMoveOffering = (from: string, to: string) => TRANSITIONS[from]?.includes(to) ?? false;

const PLAN_TRANSITIONS: Record<string, string[]> = { draft: ['published', 'cancelled'], published: ['cancelled'], cancelled: [] };
/** Terms and campaigns: draft → published → cancelled. */
export const canMovePlan = (from: string, to: string) => PLAN_TRANSITIONS[from]?.includes(to) ?? false;

/** Schedule, venue and instructor are fixed once residents can see and enrol in an offering. */
export const isScheduleEditable = (status: string) => status === 'draft';

export const seatsLeft = (capacity: number | null, taken: number) => (capacity === null ? null : Math.max(capacity - taken, 0));

/** The offering is bound to this user's account as its instructor. */
export const isInstructorAccount = (actor: Actor | null, o: { instructorUserId: string | null }) =>
  !!actor && !!o.instructorUserId && o.instructorUserId === actor.userId;

/** Orders a home-region match: own community 0, own street 1, same district 2, elsewhere 3. */
export function nearness(home: string | null, regionCode: string): number {
  if (!home) return 3;
  if (home.length >= 12 && regionCode === home.slice(0, 12)) return 0;
  if (home.length >= 9 && regionCode.startsWith(home.slice(0, 9))) return 1;
  if (regionCode.startsWith(home.slice(0, 6))) return 2;
  return 3;
}
