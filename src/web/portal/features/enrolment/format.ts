// Times as residents read them: Shanghai time, short.
export function shanghai(iso: string | null | undefined): string {
  if (!iso) return '';
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

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
