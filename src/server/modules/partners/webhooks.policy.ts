// Which events a partner's webhook may receive, and when a failed delivery is tried again.
import { statementReadAccess, type PartnerCaller } from '../xapi/index';

import { WEBHOOK_EVENT_TYPES } from '../../../contracts/partners';
export const WEBHOOK_EVENTS = WEBHOOK_EVENT_TYPES;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const MAX_ATTEMPTS = 6;
export const BACKOFF_BASE_SECONDS = 30;
export const TIMEOUT_MS = 5000;

/**
 * A partner hears of what it caused itself, and of what it may read: with read access to all statements,
 * events about residents living under its region restriction (everything, when it has none).
 */
export function mayReceive(
  p: Pick<PartnerCaller, 'id' | 'scopes' | 'regionCode'>,
  event: { originPartnerId: string | null; regionCode: string | null },
): boolean {
  if (event.originPartnerId === p.id) return true;
  if (statementReadAccess(p as PartnerCaller) !== 'all') return false;
  if (!p.regionCode) return true;
  return event.regionCode !== null && event.regionCode.startsWith(p.regionCode);
}

/** Seconds to wait after the n-th failed attempt (1-based), or null when no attempt is left. */
export function retryDelaySeconds(attemptsMade: number): number | null {
  if (attemptsMade >= MAX_ATTEMPTS) return null;
  return BACKOFF_BASE_SECONDS * 2 ** (attemptsMade - 1);
}
