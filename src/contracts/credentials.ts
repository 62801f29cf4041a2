import { z } from 'zod';
import { pageOf } from './answer-shapes';
import { recognitionApplicationDetail } from './credits';

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
  // What the credential says of itself, read from the JSON whatever the verdict (trusted only when valid).
  issuer: z.object({ id: z.string().nullable(), name: z.object({ 'zh-CN': z.string().nullable(), en: z.string().nullable() }) }).nullable(),
  issuedAt: z.string().nullable(),
  validUntil: z.string().nullable(),
  name: z.string().nullable(),
  /** Absent when the body was not a credential at all. */
  achievement: z.string().nullable().optional(),
  subjectName: z.string().nullable(),
  credentialId: z.string().nullable(),
});
export type VerifyAnswer = z.infer<typeof verifyAnswer>;

const validUntil = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.invalid')
  .nullish();

/** Staff issue a certificate from a completion record, a commendation, or a resident's whole record (transcript). */
export const issueInput = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('completion'), recordId: z.string().uuid('validation.invalid'), validUntil }),
    z.object({ kind: z.literal('award'), commendationId: z.string().min(1, 'credential.commendation_required').uuid('validation.invalid'), validUntil }),
    z.object({ kind: z.literal('transcript'), residentId: z.string().min(1, 'credential.resident_required').uuid('validation.invalid'), validUntil }),
  ],
  'validation.invalid',
);
export type IssueInput = z.infer<typeof issueInput>;

/** A resident asks for the certificate of one of their completed records, or for a transcript. */
export const myIssueInput = z.discriminatedUnion(
  'kind',
  [z.object({ kind: z.literal('completion'), recordId: z.string().uuid('validation.invalid') }), z.object({ kind: z.literal('transcript') })],
  'validation.invalid',
);
export type MyIssueInput = z.infer<typeof myIssueInput>;

export const revokeInput = z.object({
  reason: z.string('validation.required').trim().min(2, 'validation.required').max(500, 'validation.too_long'),
});

// Answers: what the routes send, serialised with these schemas (and documented in /openapi.json).
export const credential = z.object({
  verifyUrl: z.string(),
  revokeReason: z.string().nullable().optional(),
  id: z.string(),
  kind: z.string(),
  sourceId: z.string(),
  title: z.string(),
  subjectName: z.string(),
  residentId: z.string().nullable(),
  regionCode: z.string(),
  issuedAt: z.string(),
  validUntil: z.string().nullable(),
  status: z.enum(['valid', 'revoked', 'expired']),
  revokedAt: z.string().nullable(),
});
export const credentialPage = pageOf(credential);
export const awardCandidate = z.object({
  commendedAt: z.string(),
  communityName: z.string(),
  id: z.string(),
  title: z.string(),
  credentialId: z.string().nullable(),
  nominationId: z.string(),
  nomineeName: z.string(),
  nomineeKind: z.string(),
  communityCode: z.string(),
  campaignId: z.string(),
  campaignTitle: z.string(),
  campaignType: z.string(),
  year: z.number(),
  campaignRegionCode: z.string(),
});
export const awardCandidatePage = pageOf(awardCandidate);
export const issuerInfo = z.object({
  id: z.string(),
  name: z.object({ 'zh-CN': z.string(), en: z.string() }),
  hasSeal: z.boolean(),
});
export const statusListCredential = z.record(z.string(), z.any()).describe('A signed BitstringStatusListCredential (W3C VC JSON)');
const languageValues = z.array(z.looseObject({ '@value': z.string(), '@language': z.string() }));
/**
 * The signed credential as issued (an Open Badges 3.0 AchievementCredential, credentials.documents.ts): the members
 * the certificate page shows are named; every other member passes through untouched.
 */
export const issuedCredential = z.looseObject({
  issuer: z.looseObject({ name: languageValues, image: z.looseObject({ id: z.string() }).optional() }),
  credentialSubject: z.looseObject({
    achievement: z.looseObject({ name: z.string(), description: z.string(), criteria: z.looseObject({ narrative: z.string().optional() }).optional() }),
  }),
});
export const credentialDetail = credential.extend({
  credential: issuedCredential,
});
/** Sent as stored (a string of JSON), so its signature still verifies byte for byte. */
export const credentialDocument = z.any().describe('The signed credential (W3C Verifiable Credential JSON) exactly as issued');
export const clrExport = z
  .any()
  .describe(
    'A signed CLR 2.0 ClrCredential (W3C Verifiable Credential JSON) holding one signed Open Badges 3.0 AchievementCredential per archive record; sent as a file',
  );
export const xapiExport = z
  .any()
  .describe(
    '{ statements, more: "" }: one xAPI 1.0.3 statement per archive record (actor: the platform\'s account homePage and the resident\'s id; statement id = record id); sent as a file',
  );
export const importedApplications = z.object({
  applications: z
    .array(recognitionApplicationDetail)
    .describe('One application per achievement in the credential, as POST /api/recognition-applications answers it'),
});
