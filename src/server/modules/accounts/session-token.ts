// A resident's session cookie carries its own actor, sealed (AES-256-GCM, so neither readable nor forgeable),
// so an enrolment-day crowd of residents is recognised without a database round trip per request.
//
// The session row stays the authority: logout deletes it, and a database trigger records in
// `session_changes` every user whose sessions or sealed facts changed (logout, password, status, name,
// locale, residence). A sealed actor is trusted only when it was sealed after the user's last recorded
// change (with a margin for clocks that differ between machines) and while this process hears the change
// feed; otherwise the cookie is resolved from the database like any other. Staff sessions are never sealed:
// their scopes are long and change, and staff are few.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { Actor } from '../../kernel/actor';

const PREFIX = 's1.';
/** Larger than any clock difference between the machines serving one database. */
export const SEAL_CLOCK_MARGIN_MS = 60_000;
/** Cookies kept opened per process (about 300 bytes each); all are dropped when it is full. */
const MAX_OPENED = 20_000;

export interface SealedResident {
  userId: string;
  username: string;
  displayName: string;
  homeRegionCode: string | null;
  locale: string;
  /** When it was sealed and when the session ends, ms since the epoch. */
  sealedAt: number;
  expiresAt: number;
}

export function createSessionSealer(dataKey: Buffer) {
  const key = createHmac('sha256', dataKey).update('learncity:session-seal:v1').digest();
  const opened = new Map<string, SealedResident | null>();
  return {
    seal(s: SealedResident): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([
        cipher.update(JSON.stringify([s.userId, s.username, s.displayName, s.homeRegionCode, s.locale, s.sealedAt, s.expiresAt]), 'utf8'),
        cipher.final(),
      ]);
      return PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
    },
    /** The sealed resident, or null for a cookie that is not a sealed one or does not open with this key. */
    open(token: string): SealedResident | null {
      // A resident's pages send the same cookie again and again (the enrolment status polled, the tap on 报名):
      // opening it was ~6 % of a refused attempt's CPU. What it holds never changes; whether it is still trusted
      // (logout, password, expiry) is decided by the caller every time.
      const known = opened.get(token);
      if (known !== undefined) return known;
      if (opened.size >= MAX_OPENED) opened.clear();
      const resident = openNew(token);
      opened.set(token, resident);
      return resident;
    },
  };
  function openNew(token: string): SealedResident | null {
    if (!token.startsWith(PREFIX) || token.length > 2048) return null;
    const raw = Buffer.from(token.slice(PREFIX.length), 'base64url');
    if (raw.length < 12 + 16 + 2) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      const plain = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
      const [userId, username, displayName, homeRegionCode, locale, sealedAt, expiresAt] = JSON.parse(plain);
      return Object.freeze({ userId, username, displayName, homeRegionCode, locale, sealedAt, expiresAt });
    } catch {
      return null;
    }
  }
}

export function sealedActor(s: SealedResident): Actor {
  const actor: Actor = { userId: s.userId, username: s.username, displayName: s.displayName, kind: 'resident', role: null, regionCodes: [], institutions: [] };
  if (s.homeRegionCode) actor.homeRegionCode = s.homeRegionCode;
  actor.savedLocale = s.locale;
  return actor;
}

/**
 * When each user's sessions last changed, as this process knows it: loaded from `session_changes` and kept
 * current by the change feed. While the feed is not heard (start, a dropped connection) nothing sealed is trusted.
 */
export function createSessionChanges(load: () => Promise<{ userId: string; changedAt: Date }[]>, now: () => number) {
  const changedAt = new Map<string, number>();
  const note = (userId: string, at: number) => {
    if (!(changedAt.get(userId)! >= at)) changedAt.set(userId, at);
  };
  let hearing = false;
  let generation = 0;
  async function reload() {
    const mine = ++generation;
    const rows = await load();
    if (mine !== generation) return; // a newer reset is loading
    // Merged, never replaced: notifications heard while this loaded are newer than what it read.
    for (const r of rows) note(r.userId, r.changedAt.getTime());
    hearing = true;
  }
  return {
    reload,
    /** A user's sessions changed somewhere (the change feed). */
    changed(userId: string) {
      note(userId, now());
    },
    /** The feed dropped (listening false) or came back (true): reload once it is heard again. */
    reset(listening: boolean) {
      hearing = false;
      generation++;
      if (listening)
        reload().catch(() => {
          /* the next reset reloads */
        });
    },
    isTrusted(s: SealedResident): boolean {
      if (!hearing) return false;
      const last = changedAt.get(s.userId);
      return last === undefined || s.sealedAt > last + SEAL_CLOCK_MARGIN_MS;
    },
  };
}
