// Calls for courses (征集 → 评审 → 购买/录用): the call, a proposal, a reviewer's scores, the office's decision.
import { z } from 'zod';
import { courseContent } from './courses';

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
