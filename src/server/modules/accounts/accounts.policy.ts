// Who may manage which staff account and see which residents, and which passwords are accepted. Pure
// functions, table-tested.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isWithin } from '../../kernel/region-code';
import type { Actor, Role } from '../../kernel/actor';
import { isLongEnoughPassword, toHalfWidth } from '../../../contracts/identity';

const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  readFileSync(fileURLToPath(new URL('../../../../data/common-passwords.txt', import.meta.url)), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('# '))
    .map((l) => l.toLowerCase()),
);

/** Whether a password (or its word with years, 520/1314 or punctuation cut off the ends) is on the shipped list. */
export function isCommonPassword(password: string): boolean {
  const p = toHalfWidth(password).toLowerCase();
  if (COMMON_PASSWORDS.has(p)) return true;
  const core = p.replace(/^[\d\W_]+/, '').replace(/[\d\W_]+$/, '');
  return core.length >= 4 && COMMON_PASSWORDS.has(core);
}

/**
 * Why a new password is refused (a message key), or null. `personal` are the account's own phone and user
 * name: a password containing them is the first thing anyone tries.
 */
export function passwordProblem(password: string, personal: (string | null | undefined)[] = []): string | null {
  if (!isLongEnoughPassword(password)) return 'password.weak';
  if (isCommonPassword(password)) return 'password.common';
  const lower = toHalfWidth(password).toLowerCase();
  if (personal.some((s) => s && s.length >= 4 && lower.includes(s.toLowerCase()))) return 'password.personal';
  return null;
}

export const isStrongPassword = (p: string) => passwordProblem(p) === null;

/**
 * Sign-in throttling instead of a lock: failures are counted per address, per account from that address, and
 * per account from anywhere, keyed by the name typed whether or not it exists (so the answer cannot tell).
 * Past a few free failures each further one doubles the wait. The account-wide wait is capped low, so
 * strangers guessing from many addresses slow themselves down without keeping the owner out for long.
 */
export const THROTTLE_BASE_MS = 30_000;
export const THROTTLE_FORGET_AFTER_MS = 86_400_000;
export const accountThrottleKey = (username: string) => `user:${username.trim().toLowerCase()}`;
const growingWait = (freeFailures: number, maxMs: number) => (failures: number) =>
  failures < freeFailures ? 0 : Math.min(maxMs, THROTTLE_BASE_MS * 2 ** (failures - freeFailures));
export function loginThrottleRules(username: string, ip: string | null) {
  const address = `ip:${ip ?? 'unknown'}`;
  const account = accountThrottleKey(username);
  return [
    { key: `${account}|${address}`, waitAfter: growingWait(5, 3_600_000) },
    { key: address, waitAfter: growingWait(20, 3_600_000) },
    { key: account, waitAfter: growingWait(50, 300_000) },
  ];
}

/** Region admins may grant every role but system administrator, and only inside their own regions. */
export function canGrantRole(actor: Actor, role: Role): boolean {
  if (actor.role === 'system_admin') return true;
  return actor.role === 'region_admin' && role !== 'system_admin';
}

export function canManageScopes(actor: Actor, scopeRegionCodes: string[]): boolean {
  if (actor.role === 'system_admin') return true;
  if (actor.role !== 'region_admin') return false;
  return scopeRegionCodes.every((code) => isWithin(code, actor.regionCodes));
}

/** A staff account is manageable when every region it acts on lies within the manager's regions. */
export function canManageAccount(actor: Actor, target: { role: Role | null; scopeRegionCodes: string[] }): boolean {
  if (actor.role === 'system_admin') return true;
  if (target.role === 'system_admin') return false;
  return target.scopeRegionCodes.length > 0 && canManageScopes(actor, target.scopeRegionCodes);
}

export function canListStaff(actor: Actor): boolean {
  return actor.role === 'system_admin' || actor.role === 'region_admin';
}

/** Roles whose work starts from a resident: admins, and the credit-bank officer who keeps residents' accounts. */
const RESIDENT_VIEWERS: ReadonlySet<Role> = new Set(['region_admin', 'credit_bank_officer']);

/** Residents' (masked) personal data: admins and credit-bank officers, within their regions. */
export function canSeeResidentsOf(actor: Actor, regionCode: string): boolean {
  if (actor.role === 'system_admin') return true;
  return !!actor.role && RESIDENT_VIEWERS.has(actor.role) && isWithin(regionCode, actor.regionCodes);
}

/** A temporary password is handed over at the community desk: admins within their regions, not credit officers. */
export function canResetResidentPassword(actor: Actor, regionCode: string): boolean {
  if (actor.role === 'system_admin') return true;
  return actor.role === 'region_admin' && isWithin(regionCode, actor.regionCodes);
}

/** Full ID numbers only for admins within their regions: the officer's work needs the person, not the number. */
export function canReadFullIdNumber(actor: Actor, regionCode: string): boolean {
  if (actor.role === 'system_admin') return true;
  return actor.role === 'region_admin' && isWithin(regionCode, actor.regionCodes);
}
