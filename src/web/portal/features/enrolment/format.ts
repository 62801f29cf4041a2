// What the enrolment pages share: a proxy grant as the API answers it, the active ones I hold, and a fresh idempotency key.
import { apiGet, type Answer } from '../../../shared/api';

export type Grant = Answer<'/api/proxy-grants'>['asGrantee'][number];

/** The residents who granted me proxy enrolment, agreed and not revoked. */
export async function activeGrantsToMe(): Promise<Grant[]> {
  return (await apiGet('/api/proxy-grants')).asGrantee.filter((g) => g.status === 'active');
}

export function newIdempotencyKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
