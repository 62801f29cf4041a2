// Who may do what with the course library, and the rules of online learning progress. Pure functions.
import { canManageRegion, isStaff, type Actor } from '../../kernel/actor';
import { canEditOwned, type Owned } from '../../kernel/ownership';

/** Office staff and institution staff file courses; leaders, instructors and others only read. */
export function canAuthorCourses(actor: Actor): boolean {
  return actor.role === 'system_admin' || actor.role === 'region_admin' || actor.role === 'institution_staff';
}

export const canEditCourse = (actor: Actor, course: Owned) => isStaff(actor) && canEditOwned(actor, course);

/** 精品 is the office's mark of quality: a region administrator over the owner's region sets it, not the author's institution. */
export const canFeatureCourse = (actor: Actor, course: Owned) => canManageRegion(actor, course.ownerRegionCode);

/** A resource's file is public exactly when both it and its course are published; otherwise staff only. */
export function resourceFileAccess(courseStatus: string, resourceStatus: string): 'public' | 'staff' {
  return courseStatus === 'published' && resourceStatus === 'published' ? 'public' : 'staff';
}

export const COMPLETION_SHARE = 0.9;

/**
 * Whether a report completes a resource: a video or audio once 90 % of its length has been played,
 * a document or link once opened.
 */
export function completesResource(
  kind: string,
  report: { secondsSpent: number; furthestSeconds: number; durationSeconds: number | null; opened?: boolean },
): boolean {
  if (kind === 'document' || kind === 'link') return !!report.opened;
  if (!report.durationSeconds || report.durationSeconds <= 0) return false;
  // Played time, not the furthest point, so a seek to the end is not a finished lesson; a short clip
  // can be finished by playing it to its end.
  return report.secondsSpent >= COMPLETION_SHARE * report.durationSeconds;
}
