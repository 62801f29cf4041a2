// What the platform sends by SMS, and the contract every sender (console, providers, gateway, tests) fulfils.
// Providers in China send only pre-approved templates: each kind below is one template registered with the
// provider, and its variables are named here in the order a positional template (Tencent Cloud: {1}, {2}…)
// numbers them. Alibaba Cloud templates use the same names (${code}, ${title}…).

/** Every kind of message the platform sends, with its template variables in order. */
export const SMS_KINDS = {
  // Verification codes (accounts: register, sign in, reset a password; linking a sign-on account; closing an account).
  'code.register': ['code', 'minutes'],
  'code.login': ['code', 'minutes'],
  'code.reset': ['code', 'minutes'],
  'code.sso': ['code', 'minutes'],
  'code.close': ['code', 'minutes'],
  // A staff member reset the password at the community desk.
  'account.desk_reset': [],
  // SMS copies of inbox notices (enrolment, waitlist offers, reminders, proxy requests, lottery rounds).
  'notice.enrolled': ['title'],
  'notice.waitlisted': ['title'],
  'notice.approved': ['title'],
  'notice.rejected': ['title', 'reason'],
  'notice.offer': ['title', 'deadline'],
  'notice.offer_deadline': ['title', 'deadline'],
  'notice.cancelled_by_staff': ['title', 'reason'],
  'notice.lottery_won': ['title'],
  'notice.reminder': ['title', 'at'],
  'notice.proxy_request': ['proxy'],
  'lottery.notice_lost': ['round', 'choices'],
  'lottery.notice_cancelled': ['round', 'reason'],
} as const satisfies Record<string, readonly string[]>;

export type SmsKind = keyof typeof SMS_KINDS;
export const SMS_KIND_NAMES = Object.keys(SMS_KINDS) as SmsKind[];
export const isSmsKind = (kind: string): kind is SmsKind => Object.hasOwn(SMS_KINDS, kind);
export const isCodeKind = (kind: SmsKind) => kind.startsWith('code.');

export interface SmsMessage {
  kind: SmsKind;
  /** The template's variables by name (see SMS_KINDS). */
  params: Record<string, string>;
  /** The whole text as the platform words it: the console prints it, a gateway may send it as is. */
  text: string;
}

export interface SmsSender {
  send(phone: string, message: SmsMessage): Promise<void>;
}

/** A template's variables in its positional order. */
export const orderedParams = (message: SmsMessage): string[] => SMS_KINDS[message.kind].map((name) => message.params[name] ?? '');

/**
 * A refusal or failure reported by a provider. `retryable` failures (network, 5xx, the provider's rate
 * limits) are tried again after a pause; the others (template, sign, keys, balance) would fail the same way.
 */
export class SmsProviderError extends Error {
  constructor(
    /** The provider's own code (`isv.SMS_TEMPLATE_ILLEGAL`, `LimitExceeded.PhoneNumberThirtySecondLimit`, `http_503`, `network`). */
    public readonly code: string,
    public readonly retryable: boolean,
    message = code,
  ) {
    super(message);
  }
}
