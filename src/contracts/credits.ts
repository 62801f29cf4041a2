import { z } from 'zod';
import { pageOf } from './answer-shapes';

/** Outcome categories a balance is kept by (学习成果类别). */
export const CREDIT_CATEGORIES = [
  'community_class',
  'elderly_class',
  'online_course',
  'lecture',
  'vocational_certificate',
  'skills_competition',
  'award',
  'degree_course',
  'informal',
] as const;
export const STANDARD_METHODS = ['per_hours', 'fixed', 'by_level'] as const;
export const ENTRY_KINDS = ['deposit', 'use', 'correction', 'expiry'] as const;
export const RECOGNITION_STATUSES = ['submitted', 'more_info', 'approved', 'rejected'] as const;
export const CONVERSION_STATUSES = ['submitted', 'approved', 'rejected'] as const;

const text = (max: number) => z.string().trim().min(1, 'validation.required').max(max, 'validation.too_long');
const credits = z.number('validation.number').min(0, 'validation.min').max(200, 'validation.max');
// An empty date reads as missing (its first issue), a malformed one as malformed.
const day = z
  .string()
  .min(1, 'validation.required')
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.invalid');
const fileIds = z.array(z.string().uuid('validation.invalid')).max(10, 'validation.max');

export const standardInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, 'credits.code_format'),
  category: z.enum(CREDIT_CATEGORIES, 'validation.invalid'),
  nameZh: text(100),
  nameEn: text(100),
  method: z.enum(STANDARD_METHODS, 'validation.invalid'),
  hoursPerCredit: z.number('validation.number').min(1, 'validation.min').max(200, 'validation.max').nullish(),
  fixedCredits: credits.nullish(),
  levels: z.record(z.string().trim().min(1).max(40), credits).nullish(),
  maxCredits: credits.nullish(),
  validityYears: z.number('validation.number').int('validation.integer').min(1, 'validation.min').max(50, 'validation.max').nullish(),
  evidence: text(1000),
  autoSourceType: z.enum(['class', 'event', 'online', 'partner', 'team'], 'validation.invalid').nullish(),
  autoOutcome: z.enum(['completed', 'attended', 'participated'], 'validation.invalid').nullish(),
  effectiveFrom: day,
  source: z.string().trim().max(200, 'validation.too_long').nullish(),
});
export type StandardInput = z.infer<typeof standardInput>;
/** A new version of a standard: everything but the code, effective from a date. */
export const standardVersionInput = standardInput
  .omit({ code: true })
  .extend({ status: z.enum(['active', 'retired'], 'validation.invalid').default('active') });
export type StandardVersionInput = z.infer<typeof standardVersionInput>;

export const recognitionInput = z.object({
  standardCode: z.string().trim().max(40).nullish(),
  title: text(200),
  provider: text(200),
  occurredOn: day,
  hours: z.number('validation.number').min(0.5, 'validation.min').max(5000, 'validation.max').nullish(),
  level: z.string().trim().max(40, 'validation.too_long').nullish(),
  description: z.string().trim().max(2000, 'validation.too_long').nullish(),
  evidenceFileIds: fileIds.min(1, 'credits.evidence_required'),
});
export type RecognitionInput = z.infer<typeof recognitionInput>;

export const resubmissionInput = z.object({
  note: z.string().trim().max(1000, 'validation.too_long').nullish(),
  evidenceFileIds: fileIds.default([]),
});
export type ResubmissionInput = z.infer<typeof resubmissionInput>;

export const recognitionDecision = z.discriminatedUnion(
  'decision',
  [
    z.object({
      decision: z.literal('approve'),
      standardCode: text(40),
      hours: z.number('validation.number').min(0.5, 'validation.min').max(5000, 'validation.max').nullish(),
      level: z.string().trim().max(40).nullish(),
      note: z.string().trim().max(1000, 'validation.too_long').nullish(),
    }),
    z.object({ decision: z.literal('reject'), note: text(1000) }),
    z.object({ decision: z.literal('ask_more'), note: text(1000) }),
  ],
  'validation.invalid',
);
export type RecognitionDecision = z.infer<typeof recognitionDecision>;

export const partnerDepositInput = z.object({
  /** The partner's own id of the record: a repeated post with the same id deposits nothing more. */
  recordId: z.string().trim().min(1, 'validation.required').max(120, 'validation.too_long'),
  residentId: z.string().uuid('validation.invalid'),
  standardCode: text(40),
  title: text(200),
  hours: z.number('validation.number').min(0.5, 'validation.min').max(5000, 'validation.max').nullish(),
  level: z.string().trim().max(40).nullish(),
  occurredOn: day,
});
export type PartnerDepositInput = z.infer<typeof partnerDepositInput>;

export const correctionInput = z.object({
  residentId: z.string().uuid('validation.invalid'),
  category: z.enum(CREDIT_CATEGORIES, 'validation.invalid'),
  credits: z
    .number('validation.number')
    .min(-200, 'validation.min')
    .max(200, 'validation.max')
    .refine((n) => n !== 0, 'credits.zero'),
  correctsEntryId: z.string().uuid('validation.invalid').nullish(),
  reason: text(1000),
});
export type CorrectionInput = z.infer<typeof correctionInput>;

export const programmeInput = z.object({
  name: text(200),
  provider: text(200),
  totalCredits: z.number('validation.number').min(1, 'validation.min').max(500, 'validation.max'),
  capRatio: z.number('validation.number').min(0.05, 'validation.min').max(1, 'validation.max').default(0.5),
  ownerRegionCode: z
    .string()
    .trim()
    .regex(/^\d{2,12}$/, 'region.code_invalid')
    .nullish(),
  description: z.string().trim().max(2000, 'validation.too_long').nullish(),
});
export type ProgrammeInput = z.infer<typeof programmeInput>;

export const programmeCourseInput = z.object({
  code: text(40),
  name: text(200),
  credits: z.number('validation.number').min(0.5, 'validation.min').max(60, 'validation.max'),
});
export type ProgrammeCourseInput = z.infer<typeof programmeCourseInput>;

export const conversionRuleInput = z.object({
  courseId: z.string().uuid('validation.invalid'),
  requirements: z
    .array(
      z.object({
        category: z.enum(CREDIT_CATEGORIES, 'validation.invalid'),
        minCredits: z.number('validation.number').min(0.5, 'validation.min').max(200, 'validation.max'),
      }),
    )
    .min(1, 'validation.required')
    .max(5),
  note: z.string().trim().max(1000, 'validation.too_long').nullish(),
});
export type ConversionRuleInput = z.infer<typeof conversionRuleInput>;

export const conversionInput = z.object({ ruleId: z.string().uuid('validation.invalid') });
export const conversionDecision = z
  .object({ decision: z.enum(['approve', 'reject'], 'validation.invalid'), note: z.string().trim().max(1000, 'validation.too_long').nullish() })
  .refine((d) => d.decision === 'approve' || !!d.note, { message: 'validation.required', path: ['note'] });
export type ConversionDecision = z.infer<typeof conversionDecision>;

// Answers: what the routes send, serialised with these schemas (and documented in /openapi.json).
/** An account's credits in one outcome category. */
const categoryBalance = z.object({
  category: z.string().describe('Credit category code, e.g. community_class, vocational_certificate'),
  deposited: z.number(),
  used: z.number(),
  expired: z.number(),
  corrected: z.number(),
  balance: z.number(),
});
/** The resident's credit bank account (学分银行): credits are decimal numbers, balance = deposited − used − expired ± corrected. */
export const myCreditAccount = z.object({
  accountId: z.string(),
  residentId: z.string(),
  regionCode: z.string(),
  openedAt: z.string(),
  balance: z.number().describe('Credits available now, over all categories'),
  byCategory: z.array(categoryBalance),
});
export const creditEntry = z.object({
  id: z.string(),
  seq: z.number(),
  kind: z.string(),
  category: z.string(),
  credits: z.number(),
  sourceType: z.string(),
  sourceKey: z.string(),
  title: z.string(),
  standardCode: z.string().nullable(),
  standardVersion: z.number().nullable(),
  hours: z.number().nullable(),
  occurredAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  correctsEntryId: z.string().nullable(),
  reason: z.string().nullable(),
  credentialId: z.string().nullable(),
  createdAt: z.string(),
});
export const creditEntryPage = pageOf(creditEntry);
const recognitionFields = z.object({
  id: z.string(),
  residentId: z.string(),
  regionCode: z.string(),
  standardCode: z.string().nullable(),
  title: z.string(),
  provider: z.string(),
  occurredOn: z.string(),
  hours: z.number().nullable(),
  level: z.string().nullable(),
  description: z.string().nullable(),
  status: z.string(),
  credits: z.number().nullable(),
  decisionNote: z.string().nullable(),
  decidedAt: z.string().nullable(),
  credentialId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
/** An application in a list: how many evidence files it has. */
export const recognitionApplication = recognitionFields.extend({ evidenceCount: z.number() });
const evidenceFiles = z.array(z.object({ id: z.string(), filename: z.string(), contentType: z.string(), size: z.number() }));
const reviewSteps = z.array(
  z.object({ action: z.string(), note: z.string().nullable(), fileIds: z.array(z.string()), actorName: z.string().nullable(), at: z.string() }),
);
/** One application: its evidence files and every step of its review (what each single-application route answers). */
export const recognitionApplicationDetail = recognitionFields.extend({ residentName: z.string().nullable(), evidence: evidenceFiles, steps: reviewSteps });
export type RecognitionApplicationDetail = z.infer<typeof recognitionApplicationDetail>;
export const recognitionApplicationPage = pageOf(recognitionApplication);
export const conversionApplication = z.object({
  id: z.string(),
  residentId: z.string(),
  residentName: z.string().nullable(),
  regionCode: z.string(),
  status: z.string(),
  programmeId: z.string(),
  programmeName: z.string(),
  courseName: z.string(),
  courseCredits: z.number(),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
});
export const conversionApplicationPage = pageOf(conversionApplication);
export const creditAccount = z.object({
  accountId: z.string(),
  residentId: z.string(),
  residentName: z.string().nullable(),
  regionCode: z.string(),
  openedAt: z.string(),
  balance: z.number(),
});
export const creditAccountPage = pageOf(creditAccount);
/** A resident's account as staff see it: the resident's own view with their name. */
export const creditAccountDetail = z.object({ residentName: z.string(), ...myCreditAccount.shape });
/** A ledger entry as staff see it: whose account it is in, then the entry as the resident sees it. */
export const staffCreditEntry = z.object({ residentId: z.string(), residentName: z.string().nullable(), regionCode: z.string(), ...creditEntry.shape });
export const staffCreditEntryPage = pageOf(staffCreditEntry);
/** One version of a credit standard. */
export const creditStandardVersionAnswer = z.object({
  id: z.string(),
  code: z.string(),
  version: z.number(),
  category: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  method: z.string(),
  hoursPerCredit: z.number().nullable(),
  fixedCredits: z.number().nullable(),
  levels: z.record(z.string(), z.number()).nullable(),
  maxCredits: z.number().nullable(),
  validityYears: z.number().nullable(),
  evidence: z.string(),
  autoSourceType: z.string().nullable(),
  autoOutcome: z.string().nullable(),
  effectiveFrom: z.string(),
  status: z.string(),
  source: z.string().nullable(),
  createdAt: z.string(),
});
export const creditStandard = z.object({ nextVersionFrom: z.string().nullable(), ...creditStandardVersionAnswer.shape });
export const creditStandardPage = pageOf(creditStandard);
export const creditStandardDetail = z.object({
  code: z.string(),
  current: creditStandardVersionAnswer.nullable(),
  versions: z.array(creditStandardVersionAnswer),
});
/** An application as staff see it, listed (with its evidence count) or alone (with its evidence and review steps): the resident's name first. */
export const staffRecognitionApplication = z.union([
  z.object({ residentName: z.string().nullable(), evidenceCount: z.number(), ...recognitionFields.shape }),
  z.object({ residentName: z.string().nullable(), evidence: evidenceFiles, steps: reviewSteps, ...recognitionFields.shape }),
]);
export const staffRecognitionApplicationPage = pageOf(staffRecognitionApplication);
export const creditProgramme = z.object({
  id: z.string(),
  name: z.string(),
  provider: z.string(),
  totalCredits: z.number(),
  capRatio: z.number(),
  capCredits: z.number(),
  ownerRegionCode: z.string(),
  status: z.string(),
  description: z.string().nullable(),
  createdAt: z.string(),
});
export const creditProgrammePage = pageOf(creditProgramme);
export const programmeCourseAnswer = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  credits: z.number(),
});
export const creditProgrammeDetail = z.object({
  convertedByMe: z.number().nullable(),
  courses: z.array(programmeCourseAnswer),
  rules: z.array(
    z.object({
      id: z.string(),
      courseId: z.string(),
      courseName: z.string(),
      courseCredits: z.number(),
      requirements: z.array(z.object({ category: z.string(), minCredits: z.number() })),
      note: z.string().nullable(),
    }),
  ),
  ...creditProgramme.shape,
});
export const programmeRuleAnswer = z.object({
  id: z.string(),
  courseId: z.string(),
  courseName: z.string(),
  courseCredits: z.number(),
  requirements: z.array(
    z.object({
      category: z.enum(CREDIT_CATEGORIES),
      minCredits: z.number(),
    }),
  ),
  note: z.string().nullable(),
});
export const conversionApplicationDetail = z.object({
  id: z.string(),
  residentId: z.string(),
  residentName: z.string().nullable(),
  regionCode: z.string(),
  status: z.string(),
  decisionNote: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  programmeId: z.string(),
  programmeName: z.string(),
  courseName: z.string(),
  courseCredits: z.number(),
  requirements: z.array(z.object({ category: z.string(), minCredits: z.number() })),
});
