// Campaigns, nominations, reviews, public notice and objections: the contract shared by the API, the
// console and the portal.
import { z } from 'zod';
import { pageOf } from './answer-shapes';
import { contactPhoneInput } from './institutions';

export const CAMPAIGN_TYPES = ['learning_star', 'learning_organisation', 'featured_project', 'model_school', 'excellent_course'] as const;
export const NOMINEE_KINDS = ['person', 'family', 'community', 'enterprise', 'agency', 'club', 'building', 'team', 'project', 'institution', 'course'] as const;
/** Where a nomination is: the stage whose reviewer holds it, then approved, on public notice, commended. */
export const NOMINATION_STAGES = ['community', 'street', 'district', 'approved', 'notice', 'commended'] as const;
export const NOMINATION_STATUSES = ['active', 'rejected', 'withdrawn'] as const;
export const CAMPAIGN_STATUSES = ['open', 'notice', 'concluded'] as const;

const PHONE = /^1[3-9]\d{9}$/;
const dateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'award.date_format');

export const criterionInput = z.object({
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(500).nullish(),
  weight: z.number().gt(0).max(100),
});

export const campaignInput = z.object({
  title: z.string().trim().min(2).max(200),
  type: z.enum(CAMPAIGN_TYPES),
  year: z.number().int().min(2000).max(2100),
  regionCode: z.string().trim().max(12).optional(),
  description: z.string().trim().max(4000).nullish(),
  allowResidentNominations: z.boolean().default(false),
  nominationDeadline: dateString.nullish(),
  quotaCommunity: z.number().int().min(1).max(50),
  quotaStreet: z.number().int().min(1).max(100),
  quotaDistrict: z.number().int().min(1).max(500),
  criteria: z.array(criterionInput).min(1).max(10),
});

const isObjectInput = (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null;

export const nominationInput = z
  .object({
    campaignId: z.string().uuid(),
    /** Required unless a learning team is nominated (the team's own community is used). */
    communityCode: z.string().trim().max(12).optional(),
    nomineeName: z.string().trim().min(1).max(100).optional(),
    nomineeKind: z.enum(NOMINEE_KINDS),
    teamId: z.string().uuid().optional(),
    summary: z.string().trim().min(10).max(4000),
    contactPhone: contactPhoneInput(),
    evidenceFileIds: z.array(z.string().uuid()).max(10).default([]),
  })
  // A nominated team brings its own name and community; anyone else needs both. Said even while other fields
  // are wrong (`when`), so a form shows every missing field at once.
  .refine((n) => !!n.teamId || !!n.nomineeName, { path: ['nomineeName'], message: 'validation.required', when: isObjectInput })
  .refine((n) => !!n.teamId || !!n.communityCode, { path: ['communityCode'], message: 'validation.required', when: isObjectInput });

export const reviewInput = z.object({
  decision: z.enum(['forward', 'reject']),
  scores: z
    .array(z.object({ criterionId: z.string().uuid(), score: z.number().min(0).max(100) }))
    .max(10)
    .default([]),
  reason: z.string().trim().max(1000).nullish(),
});

export const noticeInput = z.object({ endsAt: z.string().datetime({ offset: true }) });

export const objectionInput = z.object({
  nominationId: z.string().uuid(),
  content: z.string().trim().min(5).max(2000),
  contactName: z.string().trim().max(50).nullish(),
  contactPhone: z
    .string()
    .trim()
    .refine((v) => v === '' || PHONE.test(v), 'phone.invalid')
    .nullish(),
});

export const objectionResolution = z.object({
  resolution: z.enum(['upheld', 'dismissed']),
  response: z.string().trim().min(2).max(2000),
});

export const commendationInput = z.object({ title: z.string().trim().min(2).max(200).optional() });

export type CampaignInput = z.infer<typeof campaignInput>;
export type NominationInput = z.infer<typeof nominationInput>;
export type ReviewInput = z.infer<typeof reviewInput>;
export type ObjectionInput = z.infer<typeof objectionInput>;
export type ObjectionResolution = z.infer<typeof objectionResolution>;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];
export type NominationStage = (typeof NOMINATION_STAGES)[number];

// Answers: what the routes send, serialised with these schemas (and documented in /openapi.json).
export const awardCampaign = z.object({
  id: z.string(),
  title: z.string(),
  type: z.enum(CAMPAIGN_TYPES),
  year: z.number(),
  regionCode: z.string(),
  regionName: z.string(),
  description: z.string().nullable(),
  allowResidentNominations: z.boolean(),
  nominationDeadline: z.string().nullable(),
  quotas: z.object({ community: z.number(), street: z.number(), district: z.number() }),
  status: z.enum(CAMPAIGN_STATUSES),
  noticeStartedAt: z.string().nullable(),
  noticeEndsAt: z.string().nullable(),
  commendedAt: z.string().nullable(),
  commendationTitle: z.string().nullable(),
  criteria: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string().nullable(),
      weight: z.number(),
    }),
  ),
  counts: z.object({
    community: z.number(),
    street: z.number(),
    district: z.number(),
    approved: z.number(),
    notice: z.number(),
    commended: z.number(),
    rejected: z.number(),
    withdrawn: z.number(),
  }),
  createdAt: z.string(),
});
export const awardCampaignPage = pageOf(awardCampaign);
export const awardNominationDetail = z.object({
  evidenceFiles: z.array(z.object({ id: z.string(), filename: z.string(), contentType: z.string(), size: z.number() })),
  canReview: z.boolean(),
  reviewLevel: z.enum(['district', 'street', 'community']).nullable(),
  id: z.string(),
  campaignId: z.string(),
  nomineeName: z.string(),
  nomineeKind: z.string(),
  teamId: z.string().nullable(),
  summary: z.string(),
  contactPhone: z.string().nullable(),
  communityCode: z.string(),
  communityName: z.string(),
  streetCode: z.string(),
  streetName: z.string(),
  stage: z.string(),
  status: z.string(),
  statusReason: z.string().nullable(),
  nominatorKind: z.string(),
  evidenceFileIds: z.array(z.string()),
  latestScore: z.number().nullable(),
  openObjections: z.number(),
  reviews: z.array(
    z.object({
      id: z.string(),
      stage: z.string(),
      decision: z.string(),
      reason: z.string().nullable(),
      scores: z.array(z.object({ criterionId: z.string(), score: z.number() })),
      weightedScore: z.number().nullable(),
      reviewerName: z.string(),
      at: z.string(),
    }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
});
/** A nomination in a list: the detail without its evidence files and the reviewer's rights. */
export const awardNomination = awardNominationDetail.omit({ evidenceFiles: true, canReview: true, reviewLevel: true });
export const awardNominationPage = pageOf(awardNomination);
export const awardObjection = z.object({
  id: z.string(),
  campaignId: z.string(),
  nominationId: z.string(),
  nomineeName: z.string(),
  content: z.string(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  anonymous: z.boolean(),
  lodgedAt: z.string(),
  status: z.string(),
  resolution: z.string().nullable(),
  response: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
export const awardObjectionPage = pageOf(awardObjection);
export const objectionResolved = z.object({
  id: z.string(),
  status: z.string(),
  resolution: z.enum(['upheld', 'dismissed']),
  response: z.string(),
  resolvedAt: z.string(),
});
export const publicNotice = z.object({
  id: z.string(),
  title: z.string(),
  type: z.string(),
  year: z.number(),
  regionName: z.string(),
  status: z.string(),
  noticeStartedAt: z.string().nullable(),
  noticeEndsAt: z.string().nullable(),
  isOpenForObjections: z.boolean(),
  commendationTitle: z.string().nullable(),
  nominees: z.array(
    z.object({
      id: z.string(),
      nomineeName: z.string(),
      nomineeKind: z.string(),
      communityName: z.string(),
      streetName: z.string(),
      summary: z.string(),
    }),
  ),
});
export const publicNoticePage = pageOf(publicNotice);
export const objectionLodged = z.object({ id: z.string(), status: z.string(), lodgedAt: z.string() });
