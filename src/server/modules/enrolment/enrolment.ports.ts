// What enrolment needs from the offerings module (issue-4 contract), as a structural type so this module
// depends on the offerings service's shape, not on its files.
import type { DbOrTx } from '../../db/client';
import type { PlannedGate } from '../../db/write-together';
import type { RequestContext } from '../../kernel/actor';
import type { Eligibility, ReturningRule } from './enrolment.policy';

export type EnrolmentMode = 'first_come' | 'lottery' | 'approval' | 'open';

export interface OfferingFacts {
  id: string;
  kind: 'class' | 'event' | string;
  termId: string | null;
  title: string;
  categoryCode?: string | null;
  regionCode: string;
  institutionId: string | null;
  capacity: number | null;
  seatsTaken: number;
  enrolmentMode: EnrolmentMode | string;
  enrolmentOpensAt: Date | null;
  enrolmentClosesAt: Date | null;
  cancelCutoffHours?: number | null;
  eligibility?: Eligibility | null;
  returningRule?: ReturningRule | string | null;
  previousOfferingId?: string | null;
  status: string;
  term?: { id: string; name: string; maxEnrolmentsPerResident: number | null } | null;
}

export interface SessionFacts {
  id: string;
  startsAt: Date;
  endsAt: Date;
  status: string;
}

export interface OfferingsPort {
  get(id: string, tx?: DbOrTx): Promise<OfferingFacts>;
  /** `get` from the process's cache for an enrolment attempt; the seat count may be moments old. */
  attemptFacts(id: string): Promise<OfferingFacts>;
  sessions(offeringId: string, tx?: DbOrTx): Promise<SessionFacts[]>;
  takeSeat(tx: DbOrTx, offeringId: string): Promise<boolean>;
  /** `count` seats (one by default, all or none), built and not sent: the gate of `writeTogether` (db/write-together.ts). */
  plannedSeat(tx: DbOrTx, offeringId: string, count?: number): PlannedGate;
  /** Seats not taken at this moment (0 when full), or null when the class has no capacity limit. */
  seatsLeft(offeringId: string): Promise<number | null>;
  releaseSeat(tx: DbOrTx, offeringId: string): Promise<void>;
  /** Seen full (first come, published) a moment ago: a refusal needs no read. */
  isKnownFull(id: string): boolean;
  /** A seat could not be taken: the offering is full now. */
  seatRefused(id: string): void;
  /** Since when it has been known full without a break (a stretch's mark), or null. */
  fullSince(id: string): number | null;
  canManage(ctx: RequestContext, offering: OfferingFacts): boolean;
}
