// What attendance, points and ratings need from the offerings and enrolment modules (issue-4 contract),
// stated as the narrow shapes used here so those modules' fuller types fit.
import type { DbOrTx } from '../../db/client';
import type { RequestContext } from '../../kernel/actor';

export interface OfferingLike {
  id: string;
  kind: string;
  title: string;
  categoryCode: string | null;
  regionCode: string;
  institutionId: string | null;
  instructorId: string | null;
  /** The account bound to the instructor, who may run check-in and the sheet. */
  instructorUserId: string | null;
  completionThreshold: number | null;
  totalHours: number | string | null;
  status: string;
}

export interface SessionLike {
  id: string;
  offeringId: string;
  seq: number;
  startsAt: Date;
  endsAt: Date;
  hours: number | string | null;
  status: string;
}

export interface OfferingsPort {
  get(id: string, tx?: DbOrTx): Promise<OfferingLike>;
  getSession(sessionId: string, tx?: DbOrTx): Promise<SessionLike>;
  sessions(offeringId: string, tx?: DbOrTx): Promise<SessionLike[]>;
  canManage(ctx: RequestContext, offering: OfferingLike): boolean;
  isInstructorOf(ctx: RequestContext, offering: OfferingLike): boolean;
}

export interface EnrolmentPort {
  activeEnrolments(offeringId: string, tx?: DbOrTx): Promise<{ enrolmentId: string; residentId: string; displayName: string; viaProxy: boolean }[]>;
  isEnrolled(offeringId: string, residentId: string, tx?: DbOrTx): Promise<boolean>;
  markCompleted(tx: DbOrTx, enrolmentId: string): Promise<unknown>;
}
