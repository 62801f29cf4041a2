// Who may see, issue and revoke certificates: pure functions over the actor and the certificate's region.
import type { Actor } from '../../kernel/actor';
import { isWithin } from '../../kernel/region-code';

const ISSUERS = ['region_admin', 'credit_bank_officer'];
const READERS = [...ISSUERS, 'leader'];

/** Staff who see certificates of residents (and awards) in a region: issuers and leaders within their regions. */
export function canSeeCredentials(actor: Actor, regionCode: string): boolean {
  if (actor.kind !== 'staff') return false;
  if (actor.role === 'system_admin') return true;
  return READERS.includes(actor.role ?? '') && isWithin(regionCode, actor.regionCodes);
}

/** Issue and revoke: the credit-bank officer and region administrators within their regions. */
export function canIssueCredentials(actor: Actor, regionCode: string): boolean {
  if (actor.kind !== 'staff') return false;
  if (actor.role === 'system_admin') return true;
  return ISSUERS.includes(actor.role ?? '') && isWithin(regionCode, actor.regionCodes);
}

/** Whether the actor may use the credentials console at all (list roots come from their regions). */
export const isCredentialStaff = (actor: Actor) => actor.kind === 'staff' && (actor.role === 'system_admin' || READERS.includes(actor.role ?? ''));
