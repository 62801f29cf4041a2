// Who is making a request, with the scope every policy checks against.
import { isWithin } from './region-code';
import { Forbidden, Unauthenticated } from './errors';
import type { Locale } from './messages';
import { ROLES, type Role } from '../../contracts/accounts';

// The role list is part of the contracts (the web apps pick roles from it); the kernel re-exports it.
export { ROLES, type Role };

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  kind: 'staff' | 'resident';
  role: Role | null;
  /** Regions the staff member may act on (and everything under them). */
  regionCodes: string[];
  /** Institutions the staff member is bound to, with the region each sits in. */
  institutions: { id: string; regionCode: string }[];
  /** A resident's home community, known from the session (the catalogue's "near home"). */
  homeRegionCode?: string;
  /** The language the user saved, as the session found it. */
  savedLocale?: string;
  /** Signed in with a temporary password from a staff-assisted reset: only choosing a new one is allowed. */
  mustChangePassword?: boolean;
}

export interface RequestContext {
  actor: Actor | null;
  ip: string | null;
  locale: Locale;
}

export const isStaff = (a: Actor | null): a is Actor => a?.kind === 'staff';

/** Whoever is signed in; a visitor is asked to sign in (auth.required). */
export function requireSignedIn(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new Unauthenticated('auth.required');
  return ctx.actor;
}

/** A signed-in staff member; a resident is refused with `refusal` (a module may name its own key). */
export function requireStaff(ctx: RequestContext, refusal = 'auth.forbidden'): Actor {
  const actor = requireSignedIn(ctx);
  if (actor.kind !== 'staff') throw new Forbidden(refusal);
  return actor;
}

/** A signed-in resident; staff are refused with `refusal` (a module may name its own key). */
export function requireResident(ctx: RequestContext, refusal = 'auth.forbidden'): Actor {
  const actor = requireSignedIn(ctx);
  if (actor.kind !== 'resident') throw new Forbidden(refusal);
  return actor;
}

/** Region codes whose subtree the actor can see: its regions plus the regions of its institutions. */
export function visibleRegionRoots(actor: Actor): string[] | 'all' {
  if (actor.role === 'system_admin') return 'all';
  return [...actor.regionCodes, ...actor.institutions.map((i) => i.regionCode)];
}

/** Pool imports are region administration: system and region admins only (refused as auth.forbidden). */
export function requireRegionAdministrator(actor: Actor): Actor {
  if (actor.role !== 'system_admin' && actor.role !== 'region_admin') throw new Forbidden('auth.forbidden');
  return actor;
}

/** Region-level management (institutions, staff, residents of a region): admins within their regions. */
export function canManageRegion(actor: Actor, code: string): boolean {
  if (actor.role === 'system_admin') return true;
  return actor.role === 'region_admin' && isWithin(code, actor.regionCodes);
}
