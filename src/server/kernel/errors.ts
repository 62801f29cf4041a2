import { translate, type Locale } from './messages';
// The few domain errors services throw. `code` is stable and doubles as the i18n message key;
// http/ maps the class to a status code and translates the message.
export type ErrorDetails = {
  fields?: Record<string, string>;
  rows?: { row: number; field?: string; message: string }[];
  [key: string]: unknown;
};

export class DomainError extends Error {
  constructor(
    public readonly code: string,
    public readonly params: Record<string, string | number> = {},
    public readonly details?: ErrorDetails,
  ) {
    // A domain error is an answer (a 4xx), not a fault, so no stack is captured: in the enrolment crowd,
    // where most attempts are refused, capturing it cost about 2 % of a worker's CPU (bench/README.md).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(code);
    Error.stackTraceLimit = limit;
  }
}

export class NotFound extends DomainError {}
export class Forbidden extends DomainError {}
export class Unauthenticated extends DomainError {}
export class Conflict extends DomainError {}
export class Invalid extends DomainError {}
export class Locked extends DomainError {}
export class TooLarge extends DomainError {}
/** Too many requests, or an allowance used up (`code` says which); answered with Retry-After. */
export class RateLimited extends DomainError {
  constructor(
    public readonly retryAfterSeconds: number,
    code = 'rate_limited',
  ) {
    super(code, { seconds: retryAfterSeconds });
  }
}
/** An outside service the request needs (the SMS provider) failed; trying later may succeed. */
export class Unavailable extends DomainError {}

/** A validation failure naming fields; each value is a message key with optional params. */
export class FieldErrors extends DomainError {
  constructor(public readonly fieldKeys: Record<string, { key: string; params?: Record<string, string | number> }>) {
    super('validation.failed');
  }
}

export function invalidField(field: string, key: string, params?: Record<string, string | number>): FieldErrors {
  return new FieldErrors({ [field]: { key, params } });
}

/** The `{ code, message, details }` body of a domain error in one language (HTTP answers, failed jobs). */
export function describeDomainError(error: DomainError, locale: Locale): { code: string; message: string; details: Record<string, unknown> } {
  if (error instanceof FieldErrors) {
    const fields = Object.fromEntries(Object.entries(error.fieldKeys).map(([f, m]) => [f, translate(m.key, locale, m.params)]));
    return { code: error.code, message: translate(error.code, locale), details: { fields } };
  }
  const details = error.details?.fields
    ? { ...error.details, fields: Object.fromEntries(Object.entries(error.details.fields).map(([f, key]) => [f, translate(key, locale)])) }
    : error.details;
  return { code: error.code, message: translate(error.code, locale, error.params), details: details ?? {} };
}
