import { z } from 'zod';

export const CREDENTIAL_KINDS = ['completion', 'award', 'transcript'] as const;
export const VERIFY_RESULTS = ['valid', 'revoked', 'expired', 'invalid'] as const;

/**
 * The answer of `POST /api/credentials/verify`. `verdict` is the one field to act on: only 'valid' means the
 * certificate can be relied on. `checks` says what each step found (a signature can verify while the issuer
 * has revoked the certificate: a bare proof check such as @digitalbazaar/vc's `verified` is not enough).
 */
export const verifyAnswer = z.looseObject({
  verdict: z.enum(VERIFY_RESULTS),
  /** The same as `verdict`, kept for clients written before it. */
  result: z.enum(VERIFY_RESULTS),
  reasonCode: z.string(),
  reason: z.string(),
  checks: z.object({
    signature: z.enum(['passed', 'failed', 'not_checked']),
    status: z.enum(['active', 'revoked', 'unknown', 'not_listed', 'not_checked']),
    validity: z.enum(['current', 'expired', 'not_checked']),
  }),
  issuerKnown: z.boolean().optional(),
  revokedAt: z.string().optional(),
  detail: z.string().optional(),
});
export type VerifyAnswer = z.infer<typeof verifyAnswer>;

const validUntil = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.invalid').nullish();

/** Staff issue a certificate from a completion record, a commendation, or a resident's whole record (transcript). */
export const issueInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('completion'), recordId: z.string().uuid('validation.invalid'), validUntil }),
  z.object({ kind: z.literal('award'), commendationId: z.string().min(1, 'credential.commendation_required').uuid('validation.invalid'), validUntil }),
  z.object({ kind: z.literal('transcript'), residentId: z.string().min(1, 'credential.resident_required').uuid('validation.invalid'), validUntil }),
], 'validation.invalid');
export type IssueInput = z.infer<typeof issueInput>;

/** A resident asks for the certificate of one of their completed records, or for a transcript. */
export const myIssueInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('completion'), recordId: z.string().uuid('validation.invalid') }),
  z.object({ kind: z.literal('transcript') }),
], 'validation.invalid');
export type MyIssueInput = z.infer<typeof myIssueInput>;

export const revokeInput = z.object({
  reason: z.string('validation.required').trim().min(2, 'validation.required').max(500, 'validation.too_long'),
});
