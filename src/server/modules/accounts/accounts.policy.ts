// Who may manage which staff account and see which residents. Pure functions, table-tested.
import { isWithin } from '../../kernel/region-code';
import type { Actor, Role } from '../../kernel/actor';

export const isStrongPassword = (p: string) => p.length >= 8 && p.length <= 128 && /[A-Za-z]/.test(p) && /\d/.test(p);

/** Region admins may grant every role but system administrator, and only inside their own regions. */
export function canGrantRole(actor: Actor, role: Role): boolean {
  if (actor.role === 'system_admin') return true;
  return actor.role === 'region_admin' && role !== 'system_admin';
}

export function canManageScopes(actor: Actor, scopeRegionCodes: string[]): boolean {
  if (actor.role === 'system_admin') return true;
  if (actor.role !== 'region_admin') return false;
  return scopeRegionCodes.every((code) => isWithin(code, actor.regionCodes));
}

/** A staff account is manageable when every region it acts on lies within the manager's regions. */
export function canManageAccount(actor: Actor, target: { role: Role | null; scopeRegionCodes: string[] }): boolean {
  if (actor.role === 'system_admin') return true;
  if (target.role === 'system_admin') return false;
  return target.scopeRegionCodes.length > 0 && canManageScopes(actor, target.scopeRegionCodes);
}

export function canListStaff(actor: Actor): boolean {
  return actor.role === 'system_admin' || actor.role === 'region_admin';
}

/** Residents' personal data: region admins within their regions; full ID numbers only for admins. */
export function canSeeResidentsOf(actor: Actor, regionCode: string): boolean {
  if (actor.role === 'system_admin') return true;
  return actor.role === 'region_admin' && isWithin(regionCode, actor.regionCodes);
}

export const canReadFullIdNumber = canSeeResidentsOf;
