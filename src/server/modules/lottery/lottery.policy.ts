// Who may do what with a lottery round, and where a round stands; pure, table-tested.
import type { Actor } from '../../kernel/actor';
import { canEditOwned, canOwnIn } from '../../kernel/ownership';
import type { RoundPhase } from '../../../contracts/lottery';

export interface RoundScope {
  ownerRegionCode: string;
  ownerInstitutionId: string | null;
}
export interface RoundTimes {
  status: string;
  opensAt: Date;
  closesAt: Date;
}

/** Staff who set up and draw a round: admins over its region, or the staff of its institution. */
export const canManageRound = (actor: Actor, round: RoundScope) => actor.kind === 'staff' && canEditOwned(actor, { ...round, shared: false });

/** Where a staff member may file a new round. */
export const canCreateRoundIn = (actor: Actor, regionCode: string, institutionId: string | null) =>
  actor.kind === 'staff' && canOwnIn(actor, regionCode, institutionId);

export function phaseOf(round: RoundTimes, now: Date): RoundPhase {
  if (round.status === 'draft' || round.status === 'cancelled' || round.status === 'drawn') return round.status;
  if (now < round.opensAt) return 'upcoming';
  if (now < round.closesAt) return 'open';
  return 'closed';
}

/** Applications are taken, changed and withdrawn only while the window is open. */
export const isAcceptingApplications = (round: RoundTimes & { frozenAt: Date | null }, now: Date) => phaseOf(round, now) === 'open' && !round.frozenAt;

/** Staff draw a round once, after its close. */
export const isDrawable = (round: RoundTimes, now: Date) => phaseOf(round, now) === 'closed';

/**
 * The window and the classes may change while nobody can have applied yet: a draft, or a published round
 * before its window opens (the seed's commitment does not depend on them, and the list is frozen only at the close).
 */
export const isEditable = (round: { status: string; opensAt: Date }, now: Date) =>
  round.status === 'draft' || (round.status === 'published' && now < round.opensAt);

/** A round may be called off until it is drawn. */
export const isCancellable = (round: { status: string }) => round.status === 'draft' || round.status === 'published';
