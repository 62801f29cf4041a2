// Personal-data rights (PIPL): the privacy notice's version, consents a resident may withdraw, and how an
// account closure is confirmed. Shared by the API and the portal.
import { z } from 'zod';

export { PRIVACY_NOTICE_VERSION } from './privacy-notice';

/** Consents a resident can withdraw one by one; the privacy notice itself is withdrawn by closing the account. */
export const WITHDRAWABLE_CONSENTS = ['identity_link', 'sso_identity', 'proxy_grant'] as const;
export const CONSENT_KINDS = ['privacy_notice', ...WITHDRAWABLE_CONSENTS] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

export const consentWithdrawalInput = z.object({
  kind: z.enum(WITHDRAWABLE_CONSENTS, 'privacy.consent_kind'),
  id: z.string().min(1).max(64),
});

/** Closing needs the password or a code sent to the account's phone, never neither. */
export const accountClosureInput = z.union([
  z.object({ password: z.string().min(1).max(128) }),
  z.object({ smsCode: z.string().regex(/^\d{6}$/, 'sms.code_invalid') }),
], 'privacy.reauth_required');

export const consentItem = z.object({
  kind: z.enum(CONSENT_KINDS),
  id: z.string(),
  /** What the consent covers, in words (a masked identifier, a provider, a grantee's name). */
  subject: z.string(),
  givenAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  isActive: z.boolean(),
  isWithdrawable: z.boolean(),
});
export type ConsentItem = z.infer<typeof consentItem>;

/** Categories the platform keeps after a closure, because the law requires or allows it. */
export const RETAINED_CATEGORIES = ['creditLedger', 'certificates', 'auditLog'] as const;
