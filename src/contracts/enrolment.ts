// Enrolment, waitlist offers, fees and proxy grants (代报): the contract shared by the API and the web apps.
import { z } from 'zod';
import { pageOf } from './answer-shapes';

export const ENROLMENT_STATUSES = ['pending', 'enrolled', 'waitlisted', 'offered', 'cancelled', 'rejected', 'completed'] as const;
export type EnrolmentStatusValue = (typeof ENROLMENT_STATUSES)[number];

export const enrolInput = z.object({
  /** Enrol someone who granted me the right (proxy enrolment); omitted = myself. */
  forResidentId: z.string().uuid().optional(),
  /** When the class is full, join its waitlist instead of being refused. */
  joinWaitlist: z.boolean().optional(),
});

export const cancelInput = z.object({ reason: z.string().trim().max(500).optional() });
export const decisionInput = z.object({ approve: z.boolean(), reason: z.string().trim().max(500).optional() });
export const feeInput = z.object({
  kind: z.enum(['paid', 'waived']),
  amountFen: z.number().int().min(0).max(10_000_000).optional(),
  reference: z.string().trim().max(100).optional(),
  note: z.string().trim().max(300).optional(),
});

const relation = z.string().trim().max(30, 'validation.too_long').optional();
export const grantInput = z.object({
  granteeLogin: z.string().trim().min(1, 'validation.required').min(2, 'validation.too_short').max(64, 'validation.too_long'),
  relation,
});
export const grantRequestInput = z.object({
  grantorPhone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, 'phone.invalid'),
  relation,
});

export type EnrolInput = z.infer<typeof enrolInput>;

// Answers: what the routes send, serialised with these schemas (and documented in /openapi.json).
/** One enrolment as everyone who may see it gets it: its status, its place on the waitlist, its fee. */
export const enrolmentView = z.object({
  id: z.string(),
  offeringId: z.string(),
  residentId: z.string(),
  status: z.enum(ENROLMENT_STATUSES).describe('pending: waits for staff approval; offered: a waitlist place is offered until offerExpiresAt'),
  source: z.string(),
  viaProxyUserId: z.string().nullable().describe("Who enrolled on the resident's behalf (proxy grant), if anyone"),
  offerExpiresAt: z.string().nullable().describe('ISO time until which an offered place may be confirmed'),
  waitlistPosition: z.number().nullable().describe('1 = next in line; null when not waitlisted'),
  reason: z.string().nullable(),
  fee: z.object({
    status: z.string(),
    paidFen: z.number().nullable().describe('Amount paid in fen (1/100 yuan)'),
    reference: z.string().nullable(),
    note: z.string().nullable(),
    recordedAt: z.string().nullable(),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
  cancelledAt: z.string().nullable(),
});
export const enrolAnswer = enrolmentView.extend({
  replayed: z.boolean(),
});
export const enrolmentStatus = z.object({
  enrolment: enrolmentView.nullable().describe("The caller's (or the grantor's) enrolment in this offering, if any"),
  opensForMe: z.string().nullable(),
  refusal: z.object({ code: z.string(), message: z.string(), canJoinWaitlist: z.boolean() }).nullable(),
  offeringId: z.string(),
  mode: z.string(),
  capacity: z.number().nullable(),
  seatsLeft: z.number().nullable(),
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
});
export const offeringEnrolment = enrolmentView.extend({
  resident: z.object({
    name: z.string(),
    phone: z.string().nullable(),
    age: z.number().nullable(),
    homeRegionCode: z.string().nullable(),
  }),
  viaProxy: z.object({ userId: z.string(), name: z.string() }).nullable(),
});
export const offeringEnrolmentPage = pageOf(offeringEnrolment).extend({
  counts: z.record(z.string(), z.number()),
  capacity: z.number().nullable(),
  seatsTaken: z.number(),
});
/** One of my enrolments, with the offering and what I may still do. */
export const enrolment = enrolmentView.extend({
  offering: z
    .object({
      id: z.string(),
      title: z.string(),
      kind: z.string(),
      mode: z.string(),
      firstSessionAt: z.string().nullable(),
    })
    .nullable(),
  nextSession: z.object({ startsAt: z.string(), endsAt: z.string() }).nullable(),
  cancelUntil: z.string().nullable(),
  isCancellable: z.boolean(),
});
export const enrolmentPage = pageOf(enrolment);
export const proxyGrantAccepted = z.object({ status: z.literal('granted'), granteeLogin: z.string().nullable() });
export const proxyGrantRequestAccepted = z.object({ status: z.literal('requested'), grantorPhone: z.string().nullable() });
export const proxyGrant = z.object({
  id: z.string(),
  status: z.string(),
  relation: z.string().nullable(),
  grantorId: z.string(),
  granteeId: z.string(),
  grantor: z.object({ name: z.string(), phone: z.string().nullable() }),
  grantee: z.object({ name: z.string(), phone: z.string().nullable(), kind: z.enum(['staff', 'resident']) }),
  requestedByMe: z.boolean(),
  consentMethod: z.string().nullable(),
  consentedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});
/** The grants the caller gave and those given to them, each as `proxyGrant`. */
export const proxyGrantList = z.object({ asGrantor: z.array(proxyGrant), asGrantee: z.array(proxyGrant) });
