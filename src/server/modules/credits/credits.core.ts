// What the credit bank's sub-services share: the module's dependencies and presenters, who may act (a
// resident, a credit officer, a reader of regions), the account as of now (expiry decided by time), and the
// deposit: one outcome under a standard, exactly once per account and source, inside the caller's transaction.
import type { Db, DbOrTx } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import { requireSignedIn, visibleRegionRoots, type Actor, type RequestContext } from '../../kernel/actor';
import { Forbidden, NotFound, invalidField } from '../../kernel/errors';
import { isUuid, newId } from '../../kernel/ids';
import { isWithin } from '../../kernel/region-code';
import type { ArchiveService } from '../archive/index';
import type { ResidentsService } from '../accounts/index';
import { canReadCreditBank, creditsFor, isCreditOfficer, replayLedger } from './credits.policy';
import type { AccountRow, CreditsRepository, EntryRow, StandardRow } from './credits.repository';
import { localTime } from '../../../contracts/local-time';

export interface CreditEvidenceFiles {
  claim(tx: DbOrTx, ctx: RequestContext, ids: string[], regionCode: string): Promise<void>;
  describe(ids: string[]): Promise<{ id: string; filename: string; contentType: string; size: number }[]>;
}
/** A partner platform authenticated by its Basic credentials (partners module). */
export interface CreditPartner {
  id: string;
  name: string;
  scopes: string[];
  regionCode: string | null;
}
export type DepositListener = (tx: DbOrTx, deposit: { residentId: string; entry: ReturnType<typeof presentEntry> }) => Promise<void>;

export const num = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v));
/** The local calendar day: standards take effect on a date in the installation's zone. */
export const shanghaiDay = (d: Date) => localTime.date(d);

export function presentStandard(s: StandardRow) {
  return {
    id: s.id,
    code: s.code,
    version: s.version,
    category: s.category,
    nameZh: s.nameZh,
    nameEn: s.nameEn,
    method: s.method,
    hoursPerCredit: num(s.hoursPerCredit),
    fixedCredits: num(s.fixedCredits),
    levels: s.levels ?? null,
    maxCredits: num(s.maxCredits),
    validityYears: s.validityYears,
    evidence: s.evidence,
    autoSourceType: s.autoSourceType,
    autoOutcome: s.autoOutcome,
    effectiveFrom: s.effectiveFrom,
    status: s.status,
    source: s.source,
    createdAt: s.createdAt.toISOString(),
  };
}
/** A standard's terms as the pure `creditsFor` reads them. */
export const terms = (s: StandardRow) => ({
  method: s.method,
  hoursPerCredit: num(s.hoursPerCredit),
  fixedCredits: num(s.fixedCredits),
  levels: s.levels ?? null,
  maxCredits: num(s.maxCredits),
});

export function presentEntry(e: EntryRow) {
  return {
    id: e.id,
    seq: Number(e.seq),
    kind: e.kind,
    category: e.category,
    credits: Number(e.credits),
    sourceType: e.sourceType,
    sourceKey: e.sourceKey,
    title: e.title,
    standardCode: e.standardCode,
    standardVersion: e.standardVersion,
    hours: num(e.hours),
    occurredAt: e.occurredAt?.toISOString() ?? null,
    expiresAt: e.expiresAt?.toISOString() ?? null,
    correctsEntryId: e.correctsEntryId,
    reason: e.reason,
    credentialId: e.credentialId,
    createdAt: e.createdAt.toISOString(),
  };
}

export const round1 = (n: number) => Math.round(n * 10) / 10;

export interface CreditsDeps {
  db: Db;
  repo: CreditsRepository;
  clock: Clock;
  audit: AuditWriter;
  residents: Pick<ResidentsService, 'profiles'>;
  archive: Pick<ArchiveService, 'record'>;
  files: CreditEvidenceFiles;
}

export function createCreditsCore(deps: CreditsDeps) {
  const { db, repo, clock } = deps;
  const depositListeners: DepositListener[] = [];
  const today = () => shanghaiDay(clock.now());

  function requireOfficer(ctx: RequestContext): Actor {
    const actor = requireSignedIn(ctx);
    if (!isCreditOfficer(actor)) throw new Forbidden('auth.forbidden');
    return actor;
  }
  /** Officers and leaders read the credit bank of their regions. */
  function readerRoots(ctx: RequestContext): string[] | null {
    const actor = requireSignedIn(ctx);
    if (!canReadCreditBank(actor)) throw new Forbidden('auth.forbidden');
    const roots = visibleRegionRoots(actor);
    return roots === 'all' ? null : actor.regionCodes;
  }
  function narrow(roots: string[] | null, region?: string): string[] | null {
    if (!region) return roots;
    if (roots && !isWithin(region, roots)) throw new NotFound('region.not_found');
    return [region];
  }

  async function homeOf(residentId: string, tx?: DbOrTx) {
    const profile = isUuid(residentId) ? (await deps.residents.profiles([residentId], tx)).get(residentId) : undefined;
    return profile ?? null;
  }

  async function openAccount(tx: DbOrTx, residentId: string): Promise<AccountRow> {
    const existing = await repo.account(residentId, tx);
    if (existing) return existing;
    const profile = await homeOf(residentId, tx);
    if (!profile) throw new NotFound('resident.not_found');
    return repo.ensureAccount(tx, { id: newId(), residentId, regionCode: profile.homeRegionCode, openedAt: clock.now(), holderClosedAt: null });
  }

  /**
   * The account as of now. Expiry is decided by time: a deposit past its validity counts as expired at once,
   * whether or not the hourly task has written its `expiry` entry yet, so what a resident is shown and what
   * they may spend never include credits that are no longer valid.
   */
  async function summary(account: AccountRow, tx: DbOrTx = db) {
    const now = clock.now();
    const lines = (await repo.ledger(account.id, tx)).map((e) => ({ ...e, credits: Number(e.credits) }));
    const closed = new Set(lines.filter((l) => l.kind === 'expiry').map((l) => l.correctsEntryId));
    const { expired, spendable } = replayLedger(lines, now);
    const byCategory = new Map<string, { category: string; deposited: number; used: number; expired: number; corrected: number; balance: number }>();
    const add = (category: string, kind: string, credits: number) => {
      const c = byCategory.get(category) ?? { category, deposited: 0, used: 0, expired: 0, corrected: 0, balance: 0 };
      if (kind === 'deposit') c.deposited = round1(c.deposited + credits);
      else if (kind === 'use') c.used = round1(c.used - credits);
      else if (kind === 'expiry') c.expired = round1(c.expired - credits);
      else c.corrected = round1(c.corrected + credits);
      c.balance = round1(c.balance + credits);
      byCategory.set(category, c);
    };
    for (const l of lines) add(l.category, l.kind, l.credits);
    for (const [depositId, left] of expired) {
      const d = lines.find((l) => l.id === depositId)!;
      if (!closed.has(depositId)) add(d.category, 'expiry', -left);
    }
    const categories = [...byCategory.values()].sort((a, b) => b.balance - a.balance);
    // What a use or a negative correction may take: never more than the balance shown, nor than is valid now.
    const available = Object.fromEntries(categories.map((c) => [c.category, Math.max(0, Math.min(c.balance, spendable.get(c.category) ?? 0))]));
    const view = {
      accountId: account.id,
      residentId: account.residentId,
      regionCode: account.regionCode,
      openedAt: account.openedAt.toISOString(),
      balance: round1(categories.reduce((n, c) => n + c.balance, 0)),
      byCategory: categories,
    };
    return { view, available };
  }
  const accountView = async (account: AccountRow, tx: DbOrTx = db) => (await summary(account, tx)).view;

  /**
   * Deposits credits for one outcome under a standard, inside the caller's transaction. Exactly once per
   * (account, source): a repeated or concurrent call finds the unique key taken and adds nothing (null).
   */
  async function deposit(
    tx: DbOrTx,
    input: {
      residentId: string;
      sourceKey: string;
      sourceType: string;
      title: string;
      standard: StandardRow;
      hours?: number | null;
      level?: string | null;
      occurredAt: Date;
      createdBy?: string | null;
      details?: Record<string, unknown>;
    },
  ) {
    const credits = creditsFor(terms(input.standard), { hours: input.hours, level: input.level });
    if (!credits) return null;
    const account = await openAccount(tx, input.residentId);
    // Entries of one account are written one at a time, so their times follow the ledger's order.
    await repo.lockAccount(tx, account.id);
    const now = clock.now();
    const expiresAt = expiryOf(input.standard, input.occurredAt);
    // An outcome older than its standard's validity earns nothing any more.
    if (expiresAt && expiresAt <= now) return null;
    const entry = await repo.insertEntryOnce(tx, {
      id: newId(),
      accountId: account.id,
      kind: 'deposit',
      category: input.standard.category,
      credits: credits.toFixed(1),
      sourceKey: input.sourceKey,
      sourceType: input.sourceType,
      title: input.title.slice(0, 200),
      standardId: input.standard.id,
      standardCode: input.standard.code,
      standardVersion: input.standard.version,
      hours: input.hours != null ? input.hours.toFixed(1) : null,
      occurredAt: input.occurredAt,
      expiresAt,
      createdBy: input.createdBy ?? null,
      createdAt: now,
      details: { ...input.details, level: input.level ?? undefined },
    });
    if (entry) for (const listener of depositListeners) await listener(tx, { residentId: input.residentId, entry: presentEntry(entry) });
    return entry;
  }

  /** When credits for an outcome under a standard stop being valid (null: never). */
  function expiryOf(standard: StandardRow, occurredAt: Date): Date | null {
    if (!standard.validityYears) return null;
    return new Date(Date.UTC(occurredAt.getUTCFullYear() + standard.validityYears, occurredAt.getUTCMonth(), occurredAt.getUTCDate()));
  }
  /** Refuses, with the date it lapsed, an outcome whose credits would already have expired. */
  function requireStillValid(standard: StandardRow, occurredAt: Date) {
    const expiresAt = expiryOf(standard, occurredAt);
    if (expiresAt && expiresAt <= clock.now())
      throw invalidField('occurredOn', 'credits.past_validity', { validUntil: shanghaiDay(expiresAt), years: standard.validityYears ?? 0 });
  }

  async function standardInForce(code: string, tx: DbOrTx = db, field = 'standardCode') {
    const [s] = await repo.standardsInForce(today(), tx, { code });
    if (!s) throw invalidField(field, 'credits.standard_not_found');
    return s;
  }

  return {
    deps,
    db,
    repo,
    clock,
    depositListeners,
    today,
    requireOfficer,
    readerRoots,
    narrow,
    homeOf,
    openAccount,
    summary,
    accountView,
    deposit,
    expiryOf,
    requireStillValid,
    standardInForce,
  };
}

export type CreditsCore = ReturnType<typeof createCreditsCore>;
