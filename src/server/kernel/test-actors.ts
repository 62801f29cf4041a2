// Actors for the policy tables of *.policy.test.ts: every policy is asked about the same kinds of caller.
import type { Actor } from './actor';

/** A staff member of `role` over `regionCodes`, bound to `institutions`. */
export function staffActor(role: Actor['role'], regionCodes: string[] = [], institutions: Actor['institutions'] = [], userId = 'u'): Actor {
  return { userId, username: userId, displayName: userId, kind: 'staff', role, regionCodes, institutions };
}

/** A resident: no role and no scope. */
export function residentActor(userId = 'r'): Actor {
  return { userId, username: userId, displayName: userId, kind: 'resident', role: null, regionCodes: [], institutions: [] };
}
