// Who reads and runs a district's governance records (leading group, units, tasks, supervision,
// assessment). Pure functions, table-tested.
import type { Actor } from '../../kernel/actor';

/** The districts whose records the actor may read: their own district-level scopes, or the district above a street/community scope. */
export function readableDistricts(actor: Actor): string[] | 'all' {
  if (actor.role === 'system_admin') return 'all';
  // Least privilege by role purpose: a credit-bank officer's work is the credit bank, not the leading group's records.
  if (actor.kind !== 'staff' || actor.role === 'credit_bank_officer') return [];
  return [...new Set(actor.regionCodes.map((c) => (c.length <= 6 ? c : c.slice(0, 6))))];
}

export function canRead(actor: Actor, regionCode: string): boolean {
  const d = readableDistricts(actor);
  if (actor.role === 'member_unit_reporter') return false; // reporters see only their own units, checked by binding
  return d === 'all' || d.some((c) => regionCode.startsWith(c) || c.startsWith(regionCode));
}

/** Running them (units, tasks, visits, assessment) is for administrators whose scope covers the district (the secretariat). */
export function canAdminister(actor: Actor, regionCode: string): boolean {
  if (actor.role === 'system_admin') return true;
  return actor.role === 'region_admin' && actor.regionCodes.some((c) => c.length <= regionCode.length && regionCode.startsWith(c));
}

/** A progress report comes from the owner unit's reporter, or from the secretariat on its behalf. */
export function canReportOn(actor: Actor, task: { regionCode: string; ownerUnitId: string }, reporterUnitIds: string[]): boolean {
  if (actor.role === 'member_unit_reporter') return reporterUnitIds.includes(task.ownerUnitId);
  return canAdminister(actor, task.regionCode);
}

/** Overdue: still open after the deadline, in the installation's calendar days (`localTime.date`). */
export const isOverdue = (task: { status: string; dueOn: string }, today: string) => task.status === 'open' && task.dueOn < today;
