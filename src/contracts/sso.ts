// sso: what the API answers (response schemas the routes serialise with).
import { z } from 'zod';

// Answers: what the routes send, serialised with these schemas (and documented in /openapi.json).
/** 302: the browser is sent on (the Location header); no body. */
export const ssoRedirect = z.null().describe('Redirect: no body, the next page is in the Location header');
export const ssoAvailability = z.object({ enabled: z.boolean() });
export const ssoPendingLink = z.object({
  name: z.string().nullable(),
  phone: z.string().nullable(),
  expiresAt: z.string(),
});
export const ssoSmsCodeSent = z.object({
  sentTo: z.string().nullable(),
  expiresInSeconds: z.number(),
  resendAfterSeconds: z.number(),
});
export const ssoLinked = z.object({ linked: z.boolean(), returnTo: z.string() });
