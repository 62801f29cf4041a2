// Calls for courses (征集 → 评审 → 购买/录用): the call, a proposal, a reviewer's scores, the office's decision.
import { z } from 'zod';
import { courseContent, courseDescription } from './courses';
import { pageOf } from './answer-shapes';

export const CALL_STATUSES = ['draft', 'open', 'reviewing', 'closed'] as const;
export const PROPOSAL_STATUSES = ['submitted', 'accepted', 'purchased', 'rejected'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const criterion = z.object({
  name: z.string().trim().min(1, 'validation.required').max(50),
  maxScore: z.number().int().min(1).max(100),
  weight: z.number().min(0.1).max(100),
});

export const callInput = z.object({
  title: z.string().trim().min(1, 'validation.required').max(100),
  requirements: z.string().trim().max(10000).default(''),
  categories: z.array(z.string().max(32)).max(50).default([]),
  ownerRegionCode: z.string().trim().max(12).optional(),
  budgetFen: z.number().int().min(0).max(1e12),
  deadline: z.iso.datetime({ offset: true }),
  criteria: z.array(criterion).min(1, 'validation.required').max(20),
  reviewerIds: z.array(z.string().max(64)).max(30).default([]),
});
export const callPatch = callInput.omit({ ownerRegionCode: true }).partial();
export type CallInput = z.infer<typeof callInput>;
export type CallPatch = z.infer<typeof callPatch>;

export const proposalInput = courseContent.extend({
  /** For an outside body (training company, enterprise …) whose proposal staff enter on its behalf. */
  supplierName: z.string().trim().max(100).optional(),
  quotedPriceFen: z.number().int().min(0).max(1e12).nullish(),
});
export type ProposalInput = z.infer<typeof proposalInput>;

export const scoreInput = z.object({
  scores: z.array(z.number().min(0)).min(1).max(20),
  comment: z.string().trim().max(2000).optional(),
});

export const decisionInput = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accepted'), reason: z.string().trim().max(1000).optional() }),
  z.object({
    decision: z.literal('purchased'),
    priceFen: z.number().int().min(1).max(1e12),
    contractNo: z.string().trim().min(1, 'validation.required').max(64),
    supplier: z.string().trim().min(1, 'validation.required').max(100),
    reason: z.string().trim().max(1000).optional(),
  }),
  z.object({ decision: z.literal('rejected'), reason: z.string().trim().min(1, 'validation.required').max(1000) }),
]);
export type DecisionInput = z.infer<typeof decisionInput>;

// Answers: what the routes send (the serializer checks every answer against them; OpenAPI documents them).
export const courseCall = z
  .object({
    id: z.string(),
    title: z.string(),
    requirements: z.string(),
    categories: z.array(z.object({ code: z.string(), name: z.string() }).strict()),
    ownerRegionCode: z.string(),
    ownerRegionName: z.string(),
    budgetFen: z.number(),
    spentFen: z.number(),
    remainingFen: z.number(),
    deadline: z.string(),
    isPastDeadline: z.boolean(),
    criteria: z.array(z.object({ name: z.string(), maxScore: z.number(), weight: z.number() }).strict()),
    reviewers: z.array(z.object({ id: z.string(), displayName: z.string() }).strict()),
    status: z.string(),
    proposals: z.object({ total: z.number() }).catchall(z.number()).describe('total, and the count per proposal status (submitted, accepted, purchased …)'),
    canManage: z.boolean(),
    canReview: z.boolean(),
    canSubmit: z.boolean(),
    createdAt: z.string(),
    version: z.number(),
  })
  .strict();
export const proposal = z
  .object({
    id: z.string(),
    callId: z.string(),
    ...courseDescription,
    syllabus: z.string(),
    materials: z.array(
      z
        .object({
          id: z.string(),
          purpose: z.enum(['image', 'document', 'video', 'audio', 'evidence', 'spreadsheet']),
          filename: z.string(),
          contentType: z.string(),
          size: z.number(),
          url: z.string(),
          createdAt: z.string(),
        })
        .strict()
        .optional(),
    ),
    submitterKind: z.string(),
    submitterName: z.string(),
    quotedPriceFen: z.number().nullable(),
    status: z.string(),
    decisionReason: z.string().nullable(),
    priceFen: z.number().nullable(),
    contractNo: z.string().nullable(),
    supplier: z.string().nullable(),
    decidedAt: z.string().nullable(),
    courseId: z.string().nullable(),
    reviewCount: z.number(),
    averageScore: z.number().nullable(),
    scores: z.array(
      z.object({ reviewerId: z.string(), reviewerName: z.string(), scores: z.array(z.number()), total: z.number(), comment: z.string().nullable() }).strict(),
    ),
    myScore: z
      .object({ scores: z.array(z.number()), total: z.number(), comment: z.string().nullable() })
      .strict()
      .nullable(),
    createdAt: z.string(),
  })
  .strict();
export const courseCallPage = pageOf(courseCall);
export const courseCallDetail = courseCall;
export const proposalPage = pageOf(proposal);
export const proposalDetail = proposal;
