// Who may edit the annual report's problems and priorities before it is exported: the region's leaders
// and administrators (within their regions), and the system administrator.
import type { Actor } from '../../kernel/actor';
import { isWithin } from '../../kernel/region-code';

export function canEditReport(actor: Actor, regionCode: string): boolean {
  if (actor.role === 'system_admin') return true;
  return (actor.role === 'region_admin' || actor.role === 'leader') && isWithin(regionCode, actor.regionCodes);
}
