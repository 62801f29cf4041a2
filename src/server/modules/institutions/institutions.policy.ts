// Where each kind of institution belongs in the network, and who may see or change one.
import type { RegionLevel } from '../../kernel/region-code';
import { canManageRegion, visibleRegionRoots, type Actor } from '../../kernel/actor';
import { isWithin } from '../../kernel/region-code';

import { INSTITUTION_TYPES } from '../../../contracts/institutions';

export { INSTITUTION_TYPES };
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];

/** The network's levels (三级/四级办学网络): a learning point sits in a community, a street branch in a street. */
export const LEVELS_BY_TYPE: Record<InstitutionType, RegionLevel[]> = {
  community_college: ['city', 'district'],
  street_branch: ['street'],
  community_school: ['street', 'community'],
  learning_point: ['community'],
  elderly_university: ['city', 'district', 'street'],
  elderly_school: ['street', 'community'],
  other_provider: ['city', 'district', 'street', 'community'],
};

export const fitsLevel = (type: InstitutionType, level: RegionLevel) => LEVELS_BY_TYPE[type].includes(level);

export function canSeeInstitution(actor: Actor, inst: { id: string; regionCode: string }): boolean {
  if (actor.role === 'institution_staff') return actor.institutions.some((i) => i.id === inst.id);
  const roots = visibleRegionRoots(actor);
  return roots === 'all' || isWithin(inst.regionCode, roots);
}

export function canEditInstitution(actor: Actor, inst: { id: string; regionCode: string }): boolean {
  if (canManageRegion(actor, inst.regionCode)) return true;
  return actor.role === 'institution_staff' && actor.institutions.some((i) => i.id === inst.id);
}

/** Creating, moving, deactivating and importing are region administration. */
export const canAdministerInstitutionsIn = canManageRegion;
