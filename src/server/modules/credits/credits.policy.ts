// Who may do what in the credit bank, and the arithmetic of standards. Pure functions, table-tested.
import { isWithin } from '../../kernel/region-code';
import type { Actor } from '../../kernel/actor';

const OFFICER_ROLES = ['system_admin', 'region_admin', 'credit_bank_officer'];

/** Credit-bank work (reviews, corrections, programmes, standards) is for officers and region/system admins. */
export const isCreditOfficer = (actor: Actor) => actor.kind === 'staff' && OFFICER_ROLES.includes(actor.role ?? '');

/** An officer acts on residents and programmes inside their regions; the system administrator everywhere. */
export function canActOnRegion(actor: Actor, regionCode: string): boolean {
  if (!isCreditOfficer(actor)) return false;
  return actor.role === 'system_admin' || isWithin(regionCode, actor.regionCodes);
}

/** Leaders read ledgers and queues of their regions, never change them. */
export function canReadRegion(actor: Actor, regionCode: string): boolean {
  if (canActOnRegion(actor, regionCode)) return true;
  return actor.kind === 'staff' && actor.role === 'leader' && isWithin(regionCode, actor.regionCodes);
}

/** Who reads the credit bank of their regions (accounts, ledgers, queues): officers and leaders. */
export const canReadCreditBank = (actor: Actor) => actor.kind === 'staff' && (isCreditOfficer(actor) || actor.role === 'leader');

/**
 * Standards are installation-wide data: credit-bank officers and the system administrator keep them, and a
 * region administrator of a district (or above), never a street's.
 */
export function canEditStandards(actor: Actor): boolean {
  if (actor.role === 'system_admin' || (actor.kind === 'staff' && actor.role === 'credit_bank_officer')) return true;
  return actor.role === 'region_admin' && actor.regionCodes.some((c) => c.length <= 6);
}

export interface StandardTerms {
  method: string;
  hoursPerCredit: number | null;
  fixedCredits: number | null;
  levels: Record<string, number> | null;
  maxCredits: number | null;
}

/**
 * Credits an outcome earns under a standard, rounded down to half a credit, capped by maxCredits;
 * null when the standard needs a figure the outcome lacks (hours, a known level).
 */
export function creditsFor(s: StandardTerms, outcome: { hours?: number | null; level?: string | null }): number | null {
  let credits: number | null = null;
  if (s.method === 'per_hours') {
    if (!outcome.hours || !s.hoursPerCredit) return null;
    credits = Math.floor((outcome.hours / s.hoursPerCredit) * 2) / 2;
  } else if (s.method === 'fixed') {
    credits = s.fixedCredits;
  } else if (s.method === 'by_level') {
    if (!outcome.level || !s.levels || !(outcome.level in s.levels)) return null;
    credits = s.levels[outcome.level];
  }
  if (credits === null) return null;
  return s.maxCredits !== null ? Math.min(credits, s.maxCredits) : credits;
}

/** Conversion cap: course credits already converted plus this course must stay within the programme's share. */
export function conversionCap(programme: { totalCredits: number; capRatio: number }, usedCredits: number, courseCredits: number) {
  const cap = Math.floor(programme.totalCredits * programme.capRatio * 10) / 10;
  return { cap, used: usedCredits, isWithin: usedCredits + courseCredits <= cap + 1e-9 };
}

/**
 * Which of the balances pays a requirement set: each requirement takes its minimum from its category.
 * Returns the uses, or the first requirement that the balance cannot meet.
 */
export function allocateUses(
  requirements: { category: string; minCredits: number }[],
  balances: Record<string, number>,
): { ok: true; uses: { category: string; credits: number }[] } | { ok: false; category: string; needed: number; available: number } {
  const left = { ...balances };
  const uses: { category: string; credits: number }[] = [];
  for (const r of requirements) {
    const available = left[r.category] ?? 0;
    if (available + 1e-9 < r.minCredits) return { ok: false, category: r.category, needed: r.minCredits, available };
    left[r.category] = available - r.minCredits;
    uses.push({ category: r.category, credits: r.minCredits });
  }
  return { ok: true, uses };
}

/** One ledger entry as the expiry rule reads it. */
export interface LedgerLine {
  id: string;
  kind: string;
  category: string;
  credits: number;
  createdAt: Date;
  expiresAt: Date | null;
  correctsEntryId?: string | null;
}

/**
 * The ledger replayed up to `now`, per category. Credits are taken first-expiring-first: a use or a negative
 * correction spends, within its category, what expires soonest among what is valid at that moment, so a
 * resident never loses credits a use could have spent; a negative correction of a deposit spends that deposit
 * first. Positive corrections never expire; entries of kind `expiry` (the expiry task's output) are not read.
 * `expired`: what each deposit expired by `now` still held when it expired, by deposit id.
 * `spendable`: what is valid at `now`, by category: all a use or negative correction may take.
 */
export function replayLedger(lines: LedgerLine[], now: Date): { expired: Map<string, number>; spendable: Map<string, number> } {
  type Lot = { id: string | null; left: number; expiresAt: number };
  const expired = new Map<string, number>();
  const spendable = new Map<string, number>();
  const categories = new Map<string, LedgerLine[]>();
  for (const l of lines) if (l.kind !== 'expiry') categories.set(l.category, [...(categories.get(l.category) ?? []), l]);
  for (const [category, entries] of categories) {
    const lots: Lot[] = [];
    // Entries count from their creation, in ledger order (a clock set back never reorders them), expiries at
    // their date (a deposit recorded after its date expires at once). At the same instant entries come first;
    // a use then can no longer spend what expires then.
    let last = -Infinity;
    const events = [
      ...entries.map((l) => ({ at: (last = Math.max(last, l.createdAt.getTime())), order: 0, line: l })),
      ...entries
        .filter((l) => l.kind === 'deposit' && l.expiresAt && l.expiresAt <= now)
        .map((l) => ({ at: Math.max(l.expiresAt!.getTime(), l.createdAt.getTime()), order: 1, line: l })),
    ].sort((a, b) => a.at - b.at || a.order - b.order);
    for (const e of events) {
      if (e.order === 1) {
        const lot = lots.find((x) => x.id === e.line.id);
        if (lot) {
          expired.set(e.line.id, Math.round(lot.left * 10) / 10);
          lot.left = 0;
        }
        continue;
      }
      if (e.line.credits > 0) {
        const expiresAt = e.line.kind === 'deposit' && e.line.expiresAt ? e.line.expiresAt.getTime() : Infinity;
        lots.push({ id: e.line.kind === 'deposit' ? e.line.id : null, left: e.line.credits, expiresAt });
        lots.sort((a, b) => a.expiresAt - b.expiresAt);
        continue;
      }
      let spend = -e.line.credits;
      const corrected = e.line.correctsEntryId ? lots.filter((x) => x.id === e.line.correctsEntryId) : [];
      for (const lot of [...corrected, ...lots]) {
        if (spend <= 1e-9) break;
        if (lot.expiresAt <= e.at || lot.left <= 0) continue;
        const take = Math.min(lot.left, spend);
        lot.left -= take;
        spend -= take;
      }
    }
    const valid = lots.filter((x) => x.expiresAt > now.getTime()).reduce((n, x) => n + x.left, 0);
    spendable.set(category, Math.round(valid * 10) / 10);
  }
  return { expired, spendable };
}

/** What each deposit still held when it expired, by deposit id (only deposits expired by `now`; see `replayLedger`). */
export const expiredRemainders = (lines: LedgerLine[], now: Date) => replayLedger(lines, now).expired;
