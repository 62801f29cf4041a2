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

/**
 * A scan pass: a resident who is not signed in scans a valid code, and the portal exchanges it for this
 * signed token before sending them to sign in, so the code's 30–60 s do not run out during a slow login.
 * It names the session and when it was issued, carries an HMAC under the same key, and is good for
 * PASS_TTL_SECONDS; the check-in window is checked again when it is used.
 */
export const PASS_TTL_SECONDS = 300;

const passMac = (key: Buffer, sessionId: string, issuedAt: number) =>
  createHmac('sha256', key).update(`checkin-pass:${sessionId}:${issuedAt}`).digest('base64url').slice(0, 27);

export function passFor(key: Buffer, sessionId: string, at: Date): string {
  const issuedAt = Math.floor(at.getTime() / 1000);
  return `${issuedAt.toString(36)}.${passMac(key, sessionId, issuedAt)}`;
}

export function verifyPass(key: Buffer, sessionId: string, pass: string, at: Date): CodeVerdict {
  const [stamp, mac] = pass.split('.');
  const issuedAt = parseInt(stamp ?? '', 36);
  if (!mac || !/^[0-9a-z]{1,10}$/.test(stamp) || !Number.isSafeInteger(issuedAt)) return 'invalid';
  const expected = Buffer.from(passMac(key, sessionId, issuedAt));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  const age = at.getTime() / 1000 - issuedAt;
  if (age < -CODE_STEP_SECONDS) return 'invalid'; // issued in the future: not by this clock
  return age <= PASS_TTL_SECONDS ? 'valid' : 'expired';
}
