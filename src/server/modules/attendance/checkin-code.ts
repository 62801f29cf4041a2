// The rotating check-in code: an HMAC of the session id and the current 30-second step under a server
// key, so it cannot be guessed, a photo of the screen forwarded later is refused, and any process that
// shares the data key computes the same code without storing anything.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const CODE_STEP_SECONDS = 30;
/** A code stays good for its own step and the one after it: 30–60 s, time enough to scan and log in. */
export const ACCEPTED_PAST_STEPS = 1;
/** How far back a code is still recognised as one of ours, to tell "expired" from "wrong". */
const RECOGNISED_PAST_STEPS = 240;

export const stepAt = (at: Date) => Math.floor(at.getTime() / 1000 / CODE_STEP_SECONDS);

export function codeFor(key: Buffer, sessionId: string, step: number): string {
  // 10 characters of base32-like alphabet without look-alikes: short enough for a small QR code.
  const mac = createHmac('sha256', key).update(`checkin:${sessionId}:${step}`).digest();
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let out = '';
  for (let i = 0; i < 10; i++) out += alphabet[mac[i] % 32];
  return out;
}

export type CodeVerdict = 'valid' | 'expired' | 'invalid';

export function verifyCode(key: Buffer, sessionId: string, code: string, at: Date): CodeVerdict {
  const now = stepAt(at);
  const given = Buffer.from(code.toUpperCase());
  const same = (step: number) => {
    const expected = Buffer.from(codeFor(key, sessionId, step));
    return expected.length === given.length && timingSafeEqual(expected, given);
  };
  for (let s = now; s >= now - ACCEPTED_PAST_STEPS; s--) if (same(s)) return 'valid';
  for (let s = now - ACCEPTED_PAST_STEPS - 1; s >= now - RECOGNISED_PAST_STEPS; s--) if (same(s)) return 'expired';
  return 'invalid';
}

/** When the code shown now stops being shown (the screen refreshes then). */
export const stepEndsAt = (at: Date) => new Date((stepAt(at) + 1) * CODE_STEP_SECONDS * 1000);
