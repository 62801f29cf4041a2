// What the enrolment pages share: the API's shapes and a fresh idempotency key.
export interface Enrolment {
  id: string; offeringId: string; residentId: string; status: 'pending' | 'enrolled' | 'waitlisted' | 'offered' | 'cancelled' | 'rejected' | 'completed';
  offerExpiresAt: string | null; waitlistPosition: number | null; reason: string | null; viaProxyUserId: string | null; replayed?: boolean;
}

export interface Grant {
  id: string; status: 'pending' | 'active'; relation: string | null; grantorId: string; granteeId: string; requestedByMe: boolean;
  grantor: { name: string; phone: string | null }; grantee: { name: string; phone: string | null; kind: string }; consentedAt: string | null;
}

export function newIdempotencyKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
