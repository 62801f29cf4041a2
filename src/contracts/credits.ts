import { z } from 'zod';

/** Outcome categories a balance is kept by (学习成果类别). */
export const CREDIT_CATEGORIES = [
  'community_class', 'elderly_class', 'online_course', 'lecture', 'vocational_certificate', 'skills_competition', 'award', 'degree_course', 'informal',
] as const;
export const STANDARD_METHODS = ['per_hours', 'fixed', 'by_level'] as const;
export const ENTRY_KINDS = ['deposit', 'use', 'correction', 'expiry'] as const;
export const RECOGNITION_STATUSES = ['submitted', 'more_info', 'approved', 'rejected'] as const;
export const CONVERSION_STATUSES = ['submitted', 'approved', 'rejected'] as const;

const text = (max: number) => z.string().trim().min(1, 'validation.required').max(max, 'validation.too_long');
const credits = z.number('validation.number').min(0, 'validation.min').max(200, 'validation.max');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.invalid');
const fileIds = z.array(z.string().uuid('validation.invalid')).max(10, 'validation.max');

export const standardInput = z.object({
  code: z.string().trim().regex(/^[a-z][a-z0-9_]{1,39}$/, 'credits.code_format'),
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
export const standardVersionInput = standardInput.omit({ code: true }).extend({ status: z.enum(['active', 'retired'], 'validation.invalid').default('active') });
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

export const recognitionDecision = z.discriminatedUnion('decision', [
  z.object({
    decision: z.literal('approve'),
    standardCode: text(40),
    hours: z.number('validation.number').min(0.5, 'validation.min').max(5000, 'validation.max').nullish(),
    level: z.string().trim().max(40).nullish(),
    note: z.string().trim().max(1000, 'validation.too_long').nullish(),
  }),
  z.object({ decision: z.literal('reject'), note: text(1000) }),
  z.object({ decision: z.literal('ask_more'), note: text(1000) }),
], 'validation.invalid');
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
  credits: z.number('validation.number').min(-200, 'validation.min').max(200, 'validation.max').refine((n) => n !== 0, 'credits.zero'),
  correctsEntryId: z.string().uuid('validation.invalid').nullish(),
  reason: text(1000),
});
export type CorrectionInput = z.infer<typeof correctionInput>;

export const programmeInput = z.object({
  name: text(200),
  provider: text(200),
  totalCredits: z.number('validation.number').min(1, 'validation.min').max(500, 'validation.max'),
  capRatio: z.number('validation.number').min(0.05, 'validation.min').max(1, 'validation.max').default(0.5),
  ownerRegionCode: z.string().trim().regex(/^\d{2,12}$/, 'region.code_invalid').nullish(),
  description: z.string().trim().max(2000, 'validation.too_long').nullish(),
});
export type ProgrammeInput = z.infer<typeof programmeInput>;

export const programmeCourseInput = z.object({ code: text(40), name: text(200), credits: z.number('validation.number').min(0.5, 'validation.min').max(60, 'validation.max') });
export type ProgrammeCourseInput = z.infer<typeof programmeCourseInput>;

export const conversionRuleInput = z.object({
  courseId: z.string().uuid('validation.invalid'),
  requirements: z.array(z.object({ category: z.enum(CREDIT_CATEGORIES, 'validation.invalid'), minCredits: z.number('validation.number').min(0.5, 'validation.min').max(200, 'validation.max') })).min(1, 'validation.required').max(5),
  note: z.string().trim().max(1000, 'validation.too_long').nullish(),
});
export type ConversionRuleInput = z.infer<typeof conversionRuleInput>;

export const conversionInput = z.object({ ruleId: z.string().uuid('validation.invalid') });
export const conversionDecision = z.object({ decision: z.enum(['approve', 'reject'], 'validation.invalid'), note: z.string().trim().max(1000, 'validation.too_long').nullish() })
  .refine((d) => d.decision === 'approve' || !!d.note, { message: 'validation.required', path: ['note'] });
export type ConversionDecision = z.infer<typeof conversionDecision>;
