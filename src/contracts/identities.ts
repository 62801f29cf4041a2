// identities: what the API answers (response schemas the routes serialise with).
import { z } from 'zod';

// Answers: what the routes send, serialised with these schemas (and documented in /openapi.json).
export const linkedIdentityList = z.object({
  links: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['phone', 'email']),
      value: z.string().nullable(),
      consentedAt: z.string(),
    }),
  ),
  verifiedPhone: z.string().nullable(),
  partners: z.array(z.object({ name: z.string() })),
  account: z.object({ homePage: z.string(), name: z.string() }),
});
export const linkedIdentity = z.object({
  id: z.string(),
  kind: z.enum(['phone', 'email']),
  value: z.string().nullable(),
  consentedAt: z.string(),
});
export const emailCodeSent = z.object({
  sentTo: z.string(),
  expiresInSeconds: z.number(),
  resendAfterSeconds: z.number(),
});
