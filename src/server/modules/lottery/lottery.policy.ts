// Who may do what with a lottery round, and where a round stands; pure, table-tested.
import type { Actor } from '../../kernel/actor';
import { canEditOwned, canOwnIn } from '../../kernel/ownership';
import type { RoundPhase } from '../../../contracts/lottery';

export interface RoundScope { ownerRegionCode: string; ownerInstitutionId: string | null }
export interface RoundTimes { status: string; opensAt: Date; closesAt: Date }

/** Staff who set up and draw a round: admins over its region, or the staff of its institution. */
export const canManageRound = (actor: Actor, round: RoundScope) =>
  actor.kind === 'staff' && canEditOwned(actor, { ...round, shared: false });

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
export const isAcceptingApplications = (round: RoundTimes & { frozenAt: Date | null }, now: Date) =>
  phaseOf(round, now) === 'open' && !round.frozenAt;

/** Staff draw a round once, after its close. */
export const isDrawable = (round: RoundTimes, now: Date) => phaseOf(round, now) === 'closed';

/** The window and choices may change only before the seed is committed (publication). */
export const isEditable = (round: { status: string }) => round.status === 'draft';
