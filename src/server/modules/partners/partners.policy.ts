// Who may register and manage partner platforms, and which regions a partner may be limited to.
import { canManageRegion, type Actor } from '../../kernel/actor';
import { isWithin } from '../../kernel/region-code';

/** System administrators and region administrators manage the partners their office registered (or an office below). */
export function canManagePartner(actor: Actor, partner: { ownerRegionCode: string }): boolean {
  return canManageRegion(actor, partner.ownerRegionCode);
}

export const canRegisterPartners = (actor: Actor) => actor.role === 'system_admin' || actor.role === 'region_admin';

/**
 * A partner's read restriction: the system administrator may leave it open (null); a region
 * administrator must limit it to a region inside their own scope, so a partner never reads beyond it.
 */
export function isAllowedRestriction(actor: Actor, regionCode: string | null): boolean {
  if (regionCode === null) return actor.role === 'system_admin';
  return actor.role === 'system_admin' || (actor.role === 'region_admin' && isWithin(regionCode, actor.regionCodes));
}
