import { z } from 'zod';
import { pageOf } from './answer-shapes';

/** Scopes of a partner platform's credentials: the xAPI 1.0.3 OAuth scope names, and credits/write for credit-bank deposits. */
export const PARTNER_SCOPES = ['all', 'statements/write', 'statements/read', 'statements/read/mine', 'state', 'define', 'profile', 'credits/write'] as const;
export const PARTNER_STATUSES = ['active', 'disabled'] as const;

export const partnerInput = z.object({
  name: z.string().trim().min(1, 'validation.required').max(100, 'validation.too_long'),
  scopes: z.array(z.enum(PARTNER_SCOPES)).min(1, 'partner.scopes_required').max(PARTNER_SCOPES.length),
  /** Reads limited to residents living under this region (street or community); null = everything the registering office may see. */
  regionCode: z
    .string()
    .trim()
    .regex(/^\d{2,12}$/, 'region.code_invalid')
    .nullable()
    .default(null),
});
export const partnerPatch = partnerInput.partial().extend({ status: z.enum(PARTNER_STATUSES).optional() });
export type PartnerInput = z.infer<typeof partnerInput>;
export type PartnerPatch = z.infer<typeof partnerPatch>;

/** Events a partner may subscribe to with a webhook. */
export const WEBHOOK_EVENT_TYPES = ['statement.stored', 'learning.recorded', 'enrolment.created', 'credit.issued', 'rating.created'] as const;
export const webhookInput = z.object({
  url: z
    .string()
    .trim()
    .max(500, 'validation.too_long')
    .regex(/^https?:\/\/[^\s/?#]+[^\s]*$/i, 'webhook.url_invalid'),
  eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES, 'validation.invalid')).min(1, 'webhook.events_required').max(WEBHOOK_EVENT_TYPES.length),
});
export const webhookPatch = webhookInput.partial().extend({ status: z.enum(PARTNER_STATUSES).optional() });
export type WebhookInput = z.infer<typeof webhookInput>;

/** A partner's learning record that reached the store but no resident's archive, and why. */
export const UNMATCHED_REASONS = ['unknown_resident', 'unlinked_identifier'] as const;
export const unmatchedStatement = z.object({
  statementId: z.string(),
  stored: z.string(),
  outcome: z.enum(['completed', 'attended']),
  title: z.string(),
  /** The actor as sent, masked where it is a phone or e-mail. */
  identifier: z.string(),
  reason: z.enum(UNMATCHED_REASONS),
});
export const unmatchedStatementsPage = z.object({
  items: z.array(unmatchedStatement),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** The partner's daily report: unmatched statements per day (China Standard Time) over the last 30 days. */
  byDay: z.array(z.object({ day: z.string(), unmatched: z.number().int() })),
});
export type UnmatchedStatementsPage = z.infer<typeof unmatchedStatementsPage>;

// Answers: what the routes send (the serializer checks every answer against them; OpenAPI documents them).
export const usage30d = z.object({ requests: z.number(), errors: z.number() }).strict();
export const webhook = z
  .object({ id: z.string(), partnerId: z.string(), url: z.string(), eventTypes: z.array(z.string()), status: z.string(), createdAt: z.string() })
  .strict();
export const partner = z
  .object({
    id: z.string(),
    name: z.string(),
    key: z.string(),
    scopes: z.array(z.enum(PARTNER_SCOPES)),
    regionCode: z.string().nullable(),
    regionName: z.string().nullable(),
    ownerRegionCode: z.string(),
    ownerRegionName: z.string(),
    status: z.enum(['active', 'disabled']),
    secretRotatedAt: z.string(),
    createdAt: z.string(),
    version: z.number(),
    usage30d: usage30d,
  })
  .strict();
export const partnerPage = pageOf(partner);
export const partnerDetail = partner.extend({
  usageByDay: z.array(z.object({ day: z.string(), requests: z.number(), errors: z.number() }).strict()),
});
/** A new or rotated secret is shown once, with the partner. */
export const partnerCreated = partner.extend({ secret: z.string() });
export const partnerAnswer = partner;
export const webhookList = z.object({ items: z.array(webhook) }).strict();
export const webhookCreated = z
  .object({
    secret: z.string(),
    id: z.string(),
    partnerId: z.string(),
    url: z.string(),
    eventTypes: z.array(z.string()),
    status: z.string(),
    createdAt: z.string(),
  })
  .strict();
export const webhookAnswer = webhook;
export const deliveryPage = pageOf(
  z
    .object({
      id: z.string(),
      eventType: z.string(),
      eventId: z.string(),
      status: z.string(),
      attempts: z.number(),
      nextAttemptAt: z.string().nullable(),
      createdAt: z.string(),
      deliveredAt: z.string().nullable(),
      log: z.array(
        z.object({ attempt: z.number(), at: z.string(), statusCode: z.number().nullable(), latencyMs: z.number(), error: z.string().nullable() }).strict(),
      ),
    })
    .strict(),
);
export const redeliveryQueued = z.object({ id: z.string(), status: z.literal('pending'), nextAttemptAt: z.string() }).strict();
