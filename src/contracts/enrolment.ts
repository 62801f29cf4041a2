// Enrolment, waitlist offers, fees and proxy grants (代报): the contract shared by the API and the web apps.
import { z } from 'zod';

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

export const grantInput = z.object({ granteeLogin: z.string().trim().min(2).max(64), relation: z.string().trim().max(30).optional() });
export const grantRequestInput = z.object({ grantorPhone: z.string().trim().regex(/^1[3-9]\d{9}$/, 'phone.invalid'), relation: z.string().trim().max(30).optional() });

export type EnrolInput = z.infer<typeof enrolInput>;
