// The credit bank (学分银行): accounts, standards as versioned data, deposits (automatic from the learning
// archive, from recognition decisions and from partner platforms), the append-only ledger, and conversion.
import type { Db, DbOrTx } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import { isStaff, visibleRegionRoots, type Actor, type RequestContext } from '../../kernel/actor';
import { Conflict, FieldErrors, Forbidden, NotFound, Unauthenticated, invalidField } from '../../kernel/errors';
import { isUuid, newId } from '../../kernel/ids';
import { isWithin } from '../../kernel/region-code';
import { offsetOf, type PageRequest } from '../../kernel/pagination';
import type {
  ConversionDecision, ConversionRuleInput, CorrectionInput, PartnerDepositInput, ProgrammeCourseInput, ProgrammeInput, RecognitionDecision, RecognitionInput,
  ResubmissionInput, StandardInput, StandardVersionInput,
} from '../../../contracts/credits';
import type { ArchiveService } from '../archive/index';
import type { ResidentsService } from '../accounts/index';
import { allocateUses, canActOnRegion, canEditStandards, canReadRegion, conversionCap, creditsFor, isCreditOfficer, replayLedger } from './credits.policy';
import type { AccountRow, CreditsRepository, EntryRow, ProgrammeRow, RecognitionRow, StandardRow } from './credits.repository';

export interface CreditEvidenceFiles {
  claim(tx: DbOrTx, ctx: RequestContext, ids: string[], regionCode: string): Promise<void>;
  describe(ids: string[]): Promise<{ id: string; filename: string; contentType: string; size: number }[]>;
}
/** A partner platform authenticated by its Basic credentials (partners module). */
export interface CreditPartner { id: string; name: string; scopes: string[]; regionCode: string | null }
export type DepositListener = (tx: DbOrTx, deposit: { residentId: string; entry: ReturnType<typeof presentEntry> }) => Promise<void>;

const num = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v));
/** The calendar day in China Standard Time: standards take effect on a Shanghai date. */
export const shanghaiDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export function presentStandard(s: StandardRow) {
  return {
    id: s.id, code: s.code, version: s.version, category: s.category, nameZh: s.nameZh, nameEn: s.nameEn, method: s.method,
    hoursPerCredit: num(s.hoursPerCredit), fixedCredits: num(s.fixedCredits), levels: s.levels ?? null, maxCredits: num(s.maxCredits),
    validityYears: s.validityYears, evidence: s.evidence, autoSourceType: s.autoSourceType, autoOutcome: s.autoOutcome,
    effectiveFrom: s.effectiveFrom, status: s.status, source: s.source, createdAt: s.createdAt.toISOString(),
  };
}
const terms = (s: StandardRow) => ({ method: s.method, hoursPerCredit: num(s.hoursPerCredit), fixedCredits: num(s.fixedCredits), levels: s.levels ?? null, maxCredits: num(s.maxCredits) });

export function presentEntry(e: EntryRow) {
  return {
    id: e.id, seq: Number(e.seq), kind: e.kind, category: e.category, credits: Number(e.credits), sourceType: e.sourceType, sourceKey: e.sourceKey, title: e.title,
    standardCode: e.standardCode, standardVersion: e.standardVersion, hours: num(e.hours), occurredAt: e.occurredAt?.toISOString() ?? null,
    expiresAt: e.expiresAt?.toISOString() ?? null, correctsEntryId: e.correctsEntryId, reason: e.reason, credentialId: e.credentialId, createdAt: e.createdAt.toISOString(),
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function createCreditsService(deps: {
  db: Db; repo: CreditsRepository; clock: Clock; audit: AuditWriter; residents: Pick<ResidentsService, 'profiles'>; archive: Pick<ArchiveService, 'record'>; files: CreditEvidenceFiles;
}) {
  const { db, repo, clock } = deps;
  const depositListeners: DepositListener[] = [];
  const today = () => shanghaiDay(clock.now());

  function requireActor(ctx: RequestContext): Actor {
    if (!ctx.actor) throw new Unauthenticated('auth.required');
    return ctx.actor;
  }
  function requireResident(ctx: RequestContext): Actor {
    const actor = requireActor(ctx);
    if (actor.kind !== 'resident') throw new Forbidden('auth.forbidden');
    return actor;
  }
  function requireOfficer(ctx: RequestContext): Actor {
    const actor = requireActor(ctx);
    if (!isCreditOfficer(actor)) throw new Forbidden('auth.forbidden');
    return actor;
  }
  /** Officers and leaders read the credit bank of their regions. */
  function readerRoots(ctx: RequestContext): string[] | null {
    const actor = requireActor(ctx);
    if (!isStaff(actor) || !(isCreditOfficer(actor) || actor.role === 'leader')) throw new Forbidden('auth.forbidden');
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
    const view = { accountId: account.id, residentId: account.residentId, regionCode: account.regionCode, openedAt: account.openedAt.toISOString(), balance: round1(categories.reduce((n, c) => n + c.balance, 0)), byCategory: categories };
    return { view, available };
  }
  const accountView = async (account: AccountRow, tx: DbOrTx = db) => (await summary(account, tx)).view;

  /**
   * Deposits credits for one outcome under a standard, inside the caller's transaction. Exactly once per
   * (account, source): a repeated or concurrent call finds the unique key taken and adds nothing (null).
   */
  async function deposit(tx: DbOrTx, input: {
    residentId: string; sourceKey: string; sourceType: string; title: string; standard: StandardRow; hours?: number | null; level?: string | null;
    occurredAt: Date; createdBy?: string | null; details?: Record<string, unknown>;
  }) {
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
      id: newId(), accountId: account.id, kind: 'deposit', category: input.standard.category, credits: credits.toFixed(1), sourceKey: input.sourceKey, sourceType: input.sourceType,
      title: input.title.slice(0, 200), standardId: input.standard.id, standardCode: input.standard.code, standardVersion: input.standard.version,
      hours: input.hours != null ? input.hours.toFixed(1) : null, occurredAt: input.occurredAt, expiresAt, createdBy: input.createdBy ?? null, createdAt: now, details: { ...input.details, level: input.level ?? undefined },
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
    if (expiresAt && expiresAt <= clock.now()) throw invalidField('occurredOn', 'credits.past_validity', { validUntil: shanghaiDay(expiresAt), years: standard.validityYears ?? 0 });
  }

  async function standardInForce(code: string, tx: DbOrTx = db, field = 'standardCode') {
    const [s] = await repo.standardsInForce(today(), tx, { code });
    if (!s) throw invalidField(field, 'credits.standard_not_found');
    return s;
  }

  function checkStandardShape(input: { method: string; hoursPerCredit?: number | null; fixedCredits?: number | null; levels?: Record<string, number> | null; autoSourceType?: string | null; autoOutcome?: string | null }) {
    const problems: Record<string, { key: string }> = {};
    if (input.method === 'per_hours' && !input.hoursPerCredit) problems.hoursPerCredit = { key: 'validation.required' };
    if (input.method === 'fixed' && input.fixedCredits == null) problems.fixedCredits = { key: 'validation.required' };
    if (input.method === 'by_level' && !Object.keys(input.levels ?? {}).length) problems.levels = { key: 'validation.required' };
    if (!!input.autoSourceType !== !!input.autoOutcome) problems[input.autoSourceType ? 'autoOutcome' : 'autoSourceType'] = { key: 'validation.required' };
    if (Object.keys(problems).length) throw new FieldErrors(problems);
  }

  async function insertStandardVersion(tx: DbOrTx, ctx: RequestContext, code: string, input: StandardVersionInput | StandardInput, status: string) {
    const version = (await repo.maxStandardVersion(tx, code)) + 1;
    const row = await repo.insertStandard(tx, {
      id: newId(), code, version, category: input.category, nameZh: input.nameZh, nameEn: input.nameEn, method: input.method,
      hoursPerCredit: input.hoursPerCredit?.toFixed(1) ?? null, fixedCredits: input.fixedCredits?.toFixed(1) ?? null, levels: input.levels ?? null,
      maxCredits: input.maxCredits?.toFixed(1) ?? null, validityYears: input.validityYears ?? null, evidence: input.evidence,
      autoSourceType: input.autoSourceType ?? null, autoOutcome: input.autoOutcome ?? null, effectiveFrom: input.effectiveFrom, status, source: input.source ?? null,
      createdBy: ctx.actor?.userId ?? null, createdAt: clock.now(),
    });
    if (!row) throw new Conflict('conflict.stale');
    return row;
  }

  async function loadRecognition(ctx: RequestContext, id: string, tx: DbOrTx = db, lock = false): Promise<RecognitionRow> {
    const actor = requireActor(ctx);
    const row = isUuid(id) ? await repo.recognition(id, tx, lock) : null;
    const visible = row && (actor.kind === 'resident' ? row.residentId === actor.userId : canReadRegion(actor, row.regionCode));
    if (!row || !visible) throw new NotFound('credits.application_not_found');
    return row;
  }

  function recognitionFields(row: RecognitionRow) {
    return {
      id: row.id, residentId: row.residentId, regionCode: row.regionCode, standardCode: row.standardCode, title: row.title, provider: row.provider, occurredOn: row.occurredOn,
      hours: num(row.hours), level: row.level, description: row.description, status: row.status, credits: num(row.credits), decisionNote: row.decisionNote,
      decidedAt: row.decidedAt?.toISOString() ?? null, credentialId: row.credentialId, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
    };
  }
  /** An application as lists show it. */
  const presentRecognition = (row: RecognitionRow) => ({ ...recognitionFields(row), evidenceCount: row.evidenceFileIds.length });
  /** One application with its evidence and review steps. */
  async function presentRecognitionDetail(row: RecognitionRow) {
    const [steps, evidence, profile] = await Promise.all([repo.steps(row.id), deps.files.describe(row.evidenceFileIds), homeOf(row.residentId)]);
    return {
      ...recognitionFields(row), residentName: profile?.realName ?? null, evidence,
      steps: steps.map((s) => ({ action: s.action, note: s.note, fileIds: s.fileIds, actorName: s.actorName, at: s.at.toISOString() })),
    };
  }

  async function loadProgramme(id: string, tx: DbOrTx = db): Promise<ProgrammeRow> {
    const row = isUuid(id) ? await repo.programme(id, tx) : null;
    if (!row) throw new NotFound('credits.programme_not_found');
    return row;
  }
  function requireProgrammeEditor(ctx: RequestContext, p: ProgrammeRow) {
    const actor = requireOfficer(ctx);
    if (!canActOnRegion(actor, p.ownerRegionCode)) throw new Forbidden('credits.programme_read_only');
    return actor;
  }
  const presentProgramme = (p: ProgrammeRow) => ({
    id: p.id, name: p.name, provider: p.provider, totalCredits: Number(p.totalCredits), capRatio: Number(p.capRatio), capCredits: conversionCap({ totalCredits: Number(p.totalCredits), capRatio: Number(p.capRatio) }, 0, 0).cap,
    ownerRegionCode: p.ownerRegionCode, status: p.status, description: p.description, createdAt: p.createdAt.toISOString(),
  });

  /** Cap and balance checks of a conversion; throws the translated reason a resident or officer reads. */
  async function checkConversion(tx: DbOrTx, residentId: string, programme: ProgrammeRow, courseCredits: number, requirements: { category: string; minCredits: number }[], alsoPending: number) {
    const used = round1((await repo.convertedCredits(tx, residentId, programme.id)) + alsoPending);
    const cap = conversionCap({ totalCredits: Number(programme.totalCredits), capRatio: Number(programme.capRatio) }, used, courseCredits);
    if (!cap.isWithin) throw new Conflict('credits.conversion_cap', { cap: cap.cap, used, course: courseCredits, programme: programme.name }, { cap: cap.cap, used, courseCredits });
    const account = await openAccount(tx, residentId);
    const allocation = allocateUses(requirements, (await summary(account, tx)).available);
    if (!allocation.ok) throw new Conflict('credits.insufficient', { category: allocation.category, needed: allocation.needed, available: round1(allocation.available) }, { category: allocation.category, needed: allocation.needed, available: round1(allocation.available) });
    return { account, uses: allocation.uses };
  }

  async function getConversion(ctx: RequestContext, id: string) {
    const actor = requireActor(ctx);
    const row = isUuid(id) ? await repo.conversion(id) : null;
    const visible = row && (actor.kind === 'resident' ? row.residentId === actor.userId : canReadRegion(actor, row.regionCode));
    if (!row || !visible) throw new NotFound('credits.application_not_found');
    const [programme, course, profile] = await Promise.all([repo.programme(row.programmeId), repo.course(row.courseId), homeOf(row.residentId)]);
    const rule = await repo.rule(row.ruleId);
    return {
      id: row.id, residentId: row.residentId, residentName: profile?.realName ?? null, regionCode: row.regionCode, status: row.status, decisionNote: row.decisionNote,
      decidedAt: row.decidedAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString(), programmeId: row.programmeId, programmeName: programme?.name ?? '',
      courseName: course?.name ?? '', courseCredits: Number(course?.credits ?? 0), requirements: rule?.requirements ?? [],
    };
  }

  async function conversionPage(f: { residentId?: string; regionRoots: string[] | null; status?: string }, q: PageRequest) {
    const { rows, total } = await repo.listConversions(f, q.pageSize, offsetOf(q));
    const names = await deps.residents.profiles(rows.map((r) => r.app.residentId));
    return {
      items: rows.map((r) => ({
        id: r.app.id, residentId: r.app.residentId, residentName: names.get(r.app.residentId)?.realName ?? null, regionCode: r.app.regionCode, status: r.app.status,
        programmeId: r.app.programmeId, programmeName: r.programmeName, courseName: r.courseName, courseCredits: Number(r.courseCredits), decisionNote: r.app.decisionNote, createdAt: r.app.createdAt.toISOString(),
      })),
      total, page: q.page, pageSize: q.pageSize,
    };
  }

  /**
   * Closes every deposit past its expiry with an `expiry` entry for what it still held (first-expiring
   * credits are spent first; see `replayLedger`), once per deposit (`expiry:<deposit>` is unique per
   * account). Run hourly by the scheduler; each account in its own transaction, under the account lock
   * that uses and corrections take. Returns the entries written.
   */
  async function expireDue(): Promise<number> {
    let written = 0;
    for (;;) {
      const now = clock.now();
      const accounts = await repo.accountsWithUnclosedExpiries(now, 100);
      let closed = 0;
      for (const accountId of accounts) {
        closed += await db.transaction(async (tx) => {
          await repo.lockAccount(tx, accountId);
          const lines = (await repo.ledger(accountId, tx)).map((e) => ({ ...e, credits: Number(e.credits) }));
          const closed = new Set(lines.filter((l) => l.kind === 'expiry').map((l) => l.correctsEntryId));
          const balances = new Map<string, number>();
          for (const l of lines) balances.set(l.category, (balances.get(l.category) ?? 0) + l.credits);
          let n = 0;
          for (const [depositId, remainder] of replayLedger(lines, now).expired) {
            if (closed.has(depositId)) continue;
            const deposit = lines.find((l) => l.id === depositId)!;
            // Only what is still in the category can expire: the balance never goes below zero.
            const left = round1(Math.max(0, Math.min(remainder, balances.get(deposit.category) ?? 0)));
            balances.set(deposit.category, (balances.get(deposit.category) ?? 0) - left);
            const entry = await repo.insertEntryOnce(tx, {
              id: newId(), accountId, kind: 'expiry', category: deposit.category, credits: (-left).toFixed(1), sourceKey: `expiry:${depositId}`, sourceType: 'expiry',
              title: deposit.title, correctsEntryId: depositId, occurredAt: deposit.expiresAt, createdAt: now, details: { expiredAt: deposit.expiresAt?.toISOString() },
            });
            if (entry) n++;
          }
          return n;
        });
      }
      written += closed;
      // Nothing closed in a full batch would mean the same accounts again: stop rather than loop.
      if (accounts.length < 100 || closed === 0) return written;
    }
  }

  return {
    deposit,
    openAccount,
    expireDue,
    onDeposit: (listener: DepositListener) => void depositListeners.push(listener),
    /** For the credentials module: records the certificate issued for a deposit (once; null if already linked). */
    async linkCredential(tx: DbOrTx, entryId: string, credentialId: string) {
      const row = await repo.linkCredential(tx, entryId, credentialId);
      return row ? presentEntry(row) : null;
    },

    /**
     * The archive's listener: a completion (or other outcome) with an automatic standard deposits once. A
     * partner platform's record is online learning elsewhere: a standard naming partners applies, else the
     * online-course standard (its evidence reads "或其他平台的完成证明"), as classes get the class standard.
     */
    async depositFromRecord(tx: DbOrTx, record: { id: string; residentId: string; sourceType: string; sourceId: string; title: string; hours: string | number; outcome: string; occurredAt: Date }) {
      const sourceTypes = record.sourceType === 'partner' ? ['partner', 'online'] : [record.sourceType];
      let standards: StandardRow[] = [];
      for (const autoSourceType of sourceTypes) {
        if (!standards.length) standards = await repo.standardsInForce(shanghaiDay(clock.now()), tx, { autoSourceType, autoOutcome: record.outcome });
      }
      if (!standards.length) return null;
      return deposit(tx, {
        residentId: record.residentId, sourceKey: `archive:${record.sourceType}:${record.sourceId}`, sourceType: 'archive', title: record.title, standard: standards[0],
        hours: Number(record.hours), occurredAt: record.occurredAt, details: { learningRecordId: record.id },
      });
    },

    /** Every entry and the totals by category, for a transcript credential. */
    async transcript(residentId: string) {
      const account = await db.transaction((tx) => openAccount(tx, residentId));
      const entries: ReturnType<typeof presentEntry>[] = [];
      for (let page = 0; ; page++) {
        const { rows } = await repo.listEntries({ accountId: account.id, regionRoots: null }, 500, page * 500);
        entries.push(...rows.map((r) => presentEntry(r.entry)));
        if (rows.length < 500) break;
      }
      return { ...(await accountView(account)), entries: entries.reverse() };
    },

    // ---- residents' own account
    async mine(ctx: RequestContext) {
      const actor = requireResident(ctx);
      const account = (await repo.account(actor.userId)) ?? await db.transaction((tx) => openAccount(tx, actor.userId));
      return accountView(account);
    },
    async myEntries(ctx: RequestContext, q: PageRequest & { category?: string; kind?: string }) {
      const actor = requireResident(ctx);
      const account = await repo.account(actor.userId);
      if (!account) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
      const { rows, total } = await repo.listEntries({ accountId: account.id, regionRoots: null, category: q.category, kind: q.kind }, q.pageSize, offsetOf(q));
      return { items: rows.map((r) => presentEntry(r.entry)), total, page: q.page, pageSize: q.pageSize };
    },

    // ---- staff: accounts, ledger, corrections
    async account(ctx: RequestContext, residentId: string) {
      const roots = readerRoots(ctx);
      const profile = await homeOf(residentId);
      if (!profile || (roots && !isWithin(profile.homeRegionCode, roots))) throw new NotFound('resident.not_found');
      const account = (await repo.account(residentId)) ?? await db.transaction((tx) => openAccount(tx, residentId));
      return { ...(await accountView(account)), residentName: profile.realName };
    },
    async listAccounts(ctx: RequestContext, q: PageRequest & { region?: string }) {
      const roots = narrow(readerRoots(ctx), q.region);
      const { rows, total } = await repo.listAccounts({ regionRoots: roots }, q.pageSize, offsetOf(q));
      const names = await deps.residents.profiles(rows.map((r) => r.residentId));
      return { items: rows.map((r) => ({ accountId: r.id, residentId: r.residentId, residentName: names.get(r.residentId)?.realName ?? null, regionCode: r.regionCode, openedAt: r.openedAt.toISOString(), balance: round1(r.balance) })), total, page: q.page, pageSize: q.pageSize };
    },
    async listEntries(ctx: RequestContext, q: PageRequest & { region?: string; residentId?: string; kind?: string; category?: string }) {
      const roots = narrow(readerRoots(ctx), q.region);
      const { rows, total } = await repo.listEntries({ regionRoots: roots, residentId: q.residentId, kind: q.kind, category: q.category }, q.pageSize, offsetOf(q));
      const names = await deps.residents.profiles([...new Set(rows.map((r) => r.residentId))]);
      return { items: rows.map((r) => ({ ...presentEntry(r.entry), residentId: r.residentId, residentName: names.get(r.residentId)?.realName ?? null, regionCode: r.regionCode })), total, page: q.page, pageSize: q.pageSize };
    },
    /** A compensating entry: the ledger is never updated, so a mistake is answered by an entry that offsets it. */
    async correct(ctx: RequestContext, input: CorrectionInput) {
      const actor = requireOfficer(ctx);
      const profile = await homeOf(input.residentId);
      if (!profile || !canActOnRegion(actor, profile.homeRegionCode)) throw invalidField('residentId', 'resident.not_found');
      const corrected = input.correctsEntryId ? await repo.entry(input.correctsEntryId) : null;
      return db.transaction(async (tx) => {
        const account = await openAccount(tx, input.residentId);
        if (input.correctsEntryId && corrected?.accountId !== account.id) throw invalidField('correctsEntryId', 'credits.entry_not_found');
        await repo.lockAccount(tx, account.id);
        const balance = (await summary(account, tx)).available[input.category] ?? 0;
        if (balance + input.credits < -1e-9) throw invalidField('credits', 'credits.correction_negative', { balance: round1(balance) });
        const id = newId();
        const entry = (await repo.insertEntryOnce(tx, {
          id, accountId: account.id, kind: 'correction', category: input.category, credits: input.credits.toFixed(1), sourceKey: `correction:${id}`, sourceType: 'correction',
          title: corrected ? corrected.title : input.reason.slice(0, 200), correctsEntryId: input.correctsEntryId ?? null, reason: input.reason, createdBy: actor.userId, createdAt: clock.now(),
        }))!;
        await deps.audit(tx, ctx, { action: 'credits.correct', entityType: 'credit_entry', entityId: id, regionCode: profile.homeRegionCode, details: { ...input } });
        return presentEntry(entry);
      });
    },
    async *exportEntries(ctx: RequestContext, q: { region?: string; kind?: string; category?: string }) {
      const roots = narrow(readerRoots(ctx), q.region);
      for (let page = 0; ; page++) {
        const { rows } = await repo.listEntries({ regionRoots: roots, kind: q.kind, category: q.category }, 500, page * 500);
        const names = await deps.residents.profiles([...new Set(rows.map((r) => r.residentId))]);
        yield rows.map((r) => ({ ...presentEntry(r.entry), residentName: names.get(r.residentId)?.realName ?? '', regionCode: r.regionCode }));
        if (rows.length < 500) return;
      }
    },

    // ---- partner platforms
    /** A deposit posted by a partner: idempotent by the partner's record id (the first answer comes back again). */
    async depositFromPartner(partner: CreditPartner, input: PartnerDepositInput) {
      if (!partner.scopes.includes('credits/write') && !partner.scopes.includes('all')) throw new Forbidden('credits.partner_scope');
      const profile = await homeOf(input.residentId);
      if (!profile || (partner.regionCode && !isWithin(profile.homeRegionCode, [partner.regionCode]))) throw invalidField('residentId', 'resident.not_found');
      const occurredAt = new Date(`${input.occurredOn}T00:00:00+08:00`);
      if (Number.isNaN(occurredAt.getTime()) || occurredAt > clock.now()) throw invalidField('occurredOn', 'archive.future_date');
      const sourceKey = `partner:${partner.id}:${input.recordId}`;
      return db.transaction(async (tx) => {
        const standard = await standardInForce(input.standardCode, tx);
        const credits = creditsFor(terms(standard), { hours: input.hours, level: input.level });
        if (!credits) throw invalidField(standard.method === 'by_level' ? 'level' : 'hours', 'credits.no_credits');
        const account = await openAccount(tx, input.residentId);
        const already = await repo.entryBySource(account.id, sourceKey, tx);
        if (already) return { created: false, entry: presentEntry(already) };
        requireStillValid(standard, occurredAt);
        const entry = await deposit(tx, { residentId: input.residentId, sourceKey, sourceType: 'partner', title: input.title, standard, hours: input.hours, level: input.level, occurredAt, details: { partnerId: partner.id, partnerName: partner.name, recordId: input.recordId } });
        if (!entry) return { created: false, entry: presentEntry((await repo.entryBySource(account.id, sourceKey, tx))!) };
        await deps.audit(tx, { actor: null, ip: null, locale: 'zh-CN' }, { action: 'credits.partner_deposit', entityType: 'credit_entry', entityId: entry.id, regionCode: profile.homeRegionCode, details: { partnerId: partner.id, recordId: input.recordId, credits: Number(entry.credits) } });
        return { created: true, entry: presentEntry(entry) };
      });
    },

    // ---- standards
    async listStandards(ctx: RequestContext, q: PageRequest & { q?: string; category?: string }) {
      requireActor(ctx);
      const inForce = await repo.standardsInForce(today());
      const needle = q.q?.trim().toLowerCase();
      const all = inForce.filter((s) => (!q.category || s.category === q.category) && (!needle || s.nameZh.includes(needle) || s.nameEn.toLowerCase().includes(needle) || s.code.includes(needle)));
      const scheduled = new Map<string, string>();
      for (const s of await repo.standardVersions()) if (s.effectiveFrom > today() && !scheduled.has(s.code)) scheduled.set(s.code, s.effectiveFrom);
      const items = all.slice(offsetOf(q), offsetOf(q) + q.pageSize).map((s) => ({ ...presentStandard(s), nextVersionFrom: scheduled.get(s.code) ?? null }));
      return { items, total: all.length, page: q.page, pageSize: q.pageSize };
    },
    async getStandard(ctx: RequestContext, code: string) {
      requireActor(ctx);
      const versions = await repo.standardVersions(code);
      if (!versions.length) throw new NotFound('credits.standard_not_found');
      const [current] = await repo.standardsInForce(today(), db, { code });
      return { code, current: current ? presentStandard(current) : null, versions: versions.map(presentStandard) };
    },
    async createStandard(ctx: RequestContext, input: StandardInput) {
      const actor = requireOfficer(ctx);
      if (!canEditStandards(actor)) throw new Forbidden('auth.forbidden');
      checkStandardShape(input);
      return db.transaction(async (tx) => {
        if (await repo.maxStandardVersion(tx, input.code)) throw invalidField('code', 'credits.code_taken');
        const row = await insertStandardVersion(tx, ctx, input.code, input, 'active');
        await deps.audit(tx, ctx, { action: 'credits.standard_create', entityType: 'credit_standard', entityId: row.id, details: { ...input } });
        return presentStandard(row);
      });
    },
    /** A new version from a date (today or later): deposits already made keep the version they name. */
    async addStandardVersion(ctx: RequestContext, code: string, input: StandardVersionInput) {
      const actor = requireOfficer(ctx);
      if (!canEditStandards(actor)) throw new Forbidden('auth.forbidden');
      checkStandardShape(input);
      if (input.effectiveFrom < today()) throw invalidField('effectiveFrom', 'credits.effective_past');
      return db.transaction(async (tx) => {
        if (!(await repo.maxStandardVersion(tx, code))) throw new NotFound('credits.standard_not_found');
        const row = await insertStandardVersion(tx, ctx, code, input, input.status);
        await deps.audit(tx, ctx, { action: 'credits.standard_version', entityType: 'credit_standard', entityId: row.id, details: { code, ...input } });
        return presentStandard(row);
      });
    },
    /** Seeds the standards of the seeds' credit-bank clauses on an empty table. */
    async seedStandards(tx: DbOrTx, seeds: (StandardInput & { effectiveFrom: string })[]) {
      if (await repo.countStandards(tx)) return 0;
      for (const s of seeds) await insertStandardVersion(tx, { actor: null, ip: null, locale: 'zh-CN' }, s.code, s, 'active');
      return seeds.length;
    },

    // ---- recognition (认定)
    async applyRecognition(ctx: RequestContext, input: RecognitionInput) {
      const actor = requireResident(ctx);
      const profile = await homeOf(actor.userId);
      if (!profile) throw new NotFound('resident.not_found');
      if (input.occurredOn > today()) throw invalidField('occurredOn', 'archive.future_date');
      // Learning already past the named standard's validity is refused now, not after an officer's review.
      if (input.standardCode) requireStillValid(await standardInForce(input.standardCode), new Date(`${input.occurredOn}T00:00:00+08:00`));
      const id = newId();
      const now = clock.now();
      await db.transaction(async (tx) => {
        await repo.insertRecognition(tx, {
          id, residentId: actor.userId, regionCode: profile.homeRegionCode, standardCode: input.standardCode ?? null, title: input.title, provider: input.provider,
          occurredOn: input.occurredOn, hours: input.hours?.toFixed(1) ?? null, level: input.level ?? null, description: input.description ?? null,
          evidenceFileIds: input.evidenceFileIds, status: 'submitted', createdAt: now, updatedAt: now,
        });
        await deps.files.claim(tx, ctx, input.evidenceFileIds, profile.homeRegionCode);
        await repo.insertStep(tx, { id: newId(), applicationId: id, action: 'submitted', note: input.description ?? null, fileIds: input.evidenceFileIds, actorId: actor.userId, actorName: actor.displayName, at: now });
        await deps.audit(tx, ctx, { action: 'credits.recognition_apply', entityType: 'recognition_application', entityId: id, regionCode: profile.homeRegionCode, details: { title: input.title, standardCode: input.standardCode } });
      });
      return presentRecognitionDetail((await repo.recognition(id))!);
    },
    async resubmitRecognition(ctx: RequestContext, id: string, input: ResubmissionInput) {
      const actor = requireResident(ctx);
      return db.transaction(async (tx) => {
        const row = await loadRecognition(ctx, id, tx, true);
        if (row.status !== 'more_info') throw new Conflict('credits.not_awaiting_info');
        if (!input.evidenceFileIds.length && !input.note) throw invalidField('evidenceFileIds', 'credits.evidence_required');
        await deps.files.claim(tx, ctx, input.evidenceFileIds, row.regionCode);
        const now = clock.now();
        await repo.updateRecognition(tx, row.id, { status: 'submitted', evidenceFileIds: [...row.evidenceFileIds, ...input.evidenceFileIds], updatedAt: now });
        await repo.insertStep(tx, { id: newId(), applicationId: row.id, action: 'resubmitted', note: input.note ?? null, fileIds: input.evidenceFileIds, actorId: actor.userId, actorName: actor.displayName, at: now });
        await deps.audit(tx, ctx, { action: 'credits.recognition_resubmit', entityType: 'recognition_application', entityId: row.id, regionCode: row.regionCode, details: { files: input.evidenceFileIds.length } });
        return row.id;
      }).then(async (rid) => presentRecognitionDetail((await repo.recognition(rid))!));
    },
    async decideRecognition(ctx: RequestContext, id: string, input: RecognitionDecision) {
      const actor = requireOfficer(ctx);
      return db.transaction(async (tx) => {
        const row = await loadRecognition(ctx, id, tx, true);
        if (!canActOnRegion(actor, row.regionCode)) throw new NotFound('credits.application_not_found');
        if (row.status !== 'submitted') throw new Conflict(row.status === 'more_info' ? 'credits.awaiting_resident' : 'credits.already_decided');
        const now = clock.now();
        let patch: Partial<RecognitionRow> = { decisionNote: input.note ?? null, decidedBy: actor.userId, decidedAt: now, updatedAt: now };
        let step: string = input.decision;
        if (input.decision === 'approve') {
          const standard = await standardInForce(input.standardCode, tx);
          const hours = input.hours ?? num(row.hours);
          const level = input.level ?? row.level;
          const credits = creditsFor(terms(standard), { hours, level });
          if (!credits) throw invalidField(standard.method === 'by_level' ? 'level' : 'hours', 'credits.no_credits');
          const occurredAt = new Date(`${row.occurredOn}T00:00:00+08:00`);
          requireStillValid(standard, occurredAt);
          await deps.archive.record(tx, { residentId: row.residentId, sourceType: 'recognition', sourceId: row.id, title: row.title, hours: hours ?? 0, outcome: 'completed', provider: row.provider, occurredAt, recordedBy: actor.userId });
          const entry = await deposit(tx, { residentId: row.residentId, sourceKey: `recognition:${row.id}`, sourceType: 'recognition', title: row.title, standard, hours, level, occurredAt, createdBy: actor.userId, details: { applicationId: row.id } });
          // What the resident is told is what the ledger holds: the entry's credits, or no approval at all.
          if (!entry) throw invalidField('occurredOn', 'credits.past_validity', { validUntil: shanghaiDay(expiryOf(standard, occurredAt)!), years: standard.validityYears ?? 0 });
          patch = { ...patch, status: 'approved', credits: entry.credits, decidedStandardId: standard.id, hours: hours?.toFixed(1) ?? null, level };
          step = 'approved';
        } else if (input.decision === 'reject') {
          patch = { ...patch, status: 'rejected' };
          step = 'rejected';
        } else {
          patch = { ...patch, status: 'more_info', decidedBy: null, decidedAt: null };
          step = 'asked_more';
        }
        await repo.updateRecognition(tx, row.id, patch);
        await repo.insertStep(tx, { id: newId(), applicationId: row.id, action: step, note: input.note ?? null, fileIds: [], actorId: actor.userId, actorName: actor.displayName, at: now });
        await deps.audit(tx, ctx, { action: `credits.recognition_${input.decision}`, entityType: 'recognition_application', entityId: row.id, regionCode: row.regionCode, details: { ...input } });
        return row.id;
      }).then(async (rid) => presentRecognitionDetail((await repo.recognition(rid))!));
    },
    async getRecognition(ctx: RequestContext, id: string) {
      const row = await loadRecognition(ctx, id);
      const view = await presentRecognitionDetail(row);
      // Leaders read the queue, not the resident's evidence: that is for the officers who decide.
      const actor = ctx.actor!;
      if (actor.kind === 'staff' && !canActOnRegion(actor, row.regionCode)) return { ...view, evidence: [], steps: view.steps.map((st) => ({ ...st, fileIds: [] })) };
      return view;
    },
    async myRecognitions(ctx: RequestContext, q: PageRequest & { status?: string }) {
      const actor = requireResident(ctx);
      const { rows, total } = await repo.listRecognitions({ residentId: actor.userId, regionRoots: null, status: q.status }, q.pageSize, offsetOf(q));
      return { items: rows.map(presentRecognition), total, page: q.page, pageSize: q.pageSize };
    },
    async listRecognitions(ctx: RequestContext, q: PageRequest & { status?: string; region?: string }) {
      const roots = narrow(readerRoots(ctx), q.region);
      const { rows, total } = await repo.listRecognitions({ regionRoots: roots, status: q.status }, q.pageSize, offsetOf(q));
      const names = await deps.residents.profiles(rows.map((r) => r.residentId));
      return { items: rows.map((r) => ({ ...presentRecognition(r), residentName: names.get(r.residentId)?.realName ?? null })), total, page: q.page, pageSize: q.pageSize };
    },
    async *exportRecognitions(ctx: RequestContext, q: { status?: string; region?: string }) {
      const roots = narrow(readerRoots(ctx), q.region);
      for (let page = 0; ; page++) {
        const { rows } = await repo.listRecognitions({ regionRoots: roots, status: q.status }, 500, page * 500);
        const names = await deps.residents.profiles(rows.map((r) => r.residentId));
        yield rows.map((r) => ({ ...r, residentName: names.get(r.residentId)?.realName ?? '', hours: num(r.hours), credits: num(r.credits), createdAt: r.createdAt.toISOString(), evidenceCount: r.evidenceFileIds.length }));
        if (rows.length < 500) return;
      }
    },

    // ---- programmes and conversion rules (转换)
    async listProgrammes(ctx: RequestContext, q: PageRequest & { status?: string }) {
      const actor = requireActor(ctx);
      const status = actor.kind === 'resident' ? 'active' : q.status;
      const { rows, total } = await repo.listProgrammes({ status }, q.pageSize, offsetOf(q));
      return { items: rows.map(presentProgramme), total, page: q.page, pageSize: q.pageSize };
    },
    async getProgramme(ctx: RequestContext, id: string) {
      const actor = requireActor(ctx);
      const p = await loadProgramme(id);
      if (actor.kind === 'resident' && p.status !== 'active') throw new NotFound('credits.programme_not_found');
      const [courses, rules] = await Promise.all([repo.courses(p.id), repo.rules(p.id)]);
      const byId = new Map(courses.map((c) => [c.id, c]));
      const mine = actor.kind === 'resident' ? round1(await repo.convertedCredits(db, actor.userId, p.id)) : null;
      return {
        ...presentProgramme(p), convertedByMe: mine,
        courses: courses.map((c) => ({ id: c.id, code: c.code, name: c.name, credits: Number(c.credits) })),
        rules: rules.filter((r) => r.status === 'active').map((r) => ({ id: r.id, courseId: r.courseId, courseName: byId.get(r.courseId)?.name ?? '', courseCredits: Number(byId.get(r.courseId)?.credits ?? 0), requirements: r.requirements, note: r.note })),
      };
    },
    async createProgramme(ctx: RequestContext, input: ProgrammeInput) {
      const actor = requireOfficer(ctx);
      const owner = input.ownerRegionCode ?? actor.regionCodes[0];
      if (!owner) throw invalidField('ownerRegionCode', 'validation.required');
      if (!canActOnRegion(actor, owner)) throw invalidField('ownerRegionCode', 'region.out_of_scope');
      const id = newId();
      await db.transaction(async (tx) => {
        await repo.insertProgramme(tx, { id, name: input.name, provider: input.provider, totalCredits: input.totalCredits.toFixed(1), capRatio: input.capRatio.toFixed(2), ownerRegionCode: owner, status: 'active', description: input.description ?? null, createdAt: clock.now() });
        await deps.audit(tx, ctx, { action: 'credits.programme_create', entityType: 'credit_programme', entityId: id, regionCode: owner, details: { ...input } });
      });
      return presentProgramme((await repo.programme(id))!);
    },
    async addCourse(ctx: RequestContext, programmeId: string, input: ProgrammeCourseInput) {
      const p = await loadProgramme(programmeId);
      requireProgrammeEditor(ctx, p);
      return db.transaction(async (tx) => {
        const row = await repo.insertCourse(tx, { id: newId(), programmeId: p.id, code: input.code, name: input.name, credits: input.credits.toFixed(1) });
        if (!row) throw invalidField('code', 'credits.course_code_taken');
        await deps.audit(tx, ctx, { action: 'credits.course_add', entityType: 'credit_programme', entityId: p.id, regionCode: p.ownerRegionCode, details: { ...input } });
        return { id: row.id, code: row.code, name: row.name, credits: Number(row.credits) };
      });
    },
    async addRule(ctx: RequestContext, programmeId: string, input: ConversionRuleInput) {
      const p = await loadProgramme(programmeId);
      requireProgrammeEditor(ctx, p);
      const course = isUuid(input.courseId) ? await repo.course(input.courseId) : null;
      if (!course || course.programmeId !== p.id) throw invalidField('courseId', 'credits.course_not_found');
      const id = newId();
      await db.transaction(async (tx) => {
        await repo.insertRule(tx, { id, programmeId: p.id, courseId: course.id, requirements: input.requirements, note: input.note ?? null, status: 'active', createdAt: clock.now() });
        await deps.audit(tx, ctx, { action: 'credits.rule_add', entityType: 'credit_programme', entityId: p.id, regionCode: p.ownerRegionCode, details: { ...input } });
      });
      return { id, courseId: course.id, courseName: course.name, courseCredits: Number(course.credits), requirements: input.requirements, note: input.note ?? null };
    },

    async applyConversion(ctx: RequestContext, ruleId: string) {
      const actor = requireResident(ctx);
      const profile = await homeOf(actor.userId);
      if (!profile) throw new NotFound('resident.not_found');
      const rule = isUuid(ruleId) ? await repo.rule(ruleId) : null;
      const programme = rule && rule.status === 'active' ? await repo.programme(rule.programmeId) : null;
      if (!rule || !programme || programme.status !== 'active') throw invalidField('ruleId', 'credits.rule_not_found');
      const course = (await repo.course(rule.courseId))!;
      const id = newId();
      await db.transaction(async (tx) => {
        const account = await openAccount(tx, actor.userId);
        await repo.lockAccount(tx, account.id);
        if (await repo.openConversionFor(tx, actor.userId, course.id)) throw new Conflict('credits.conversion_exists');
        const pendingCredits = await repo.convertedCredits(tx, actor.userId, programme.id, ['submitted']);
        await checkConversion(tx, actor.userId, programme, Number(course.credits), rule.requirements, pendingCredits);
        await repo.insertConversion(tx, { id, residentId: actor.userId, regionCode: profile.homeRegionCode, programmeId: programme.id, courseId: course.id, ruleId: rule.id, status: 'submitted', createdAt: clock.now() });
        await deps.audit(tx, ctx, { action: 'credits.conversion_apply', entityType: 'conversion_application', entityId: id, regionCode: profile.homeRegionCode, details: { ruleId } });
      });
      return getConversion(ctx, id);
    },
    async decideConversion(ctx: RequestContext, id: string, input: ConversionDecision) {
      const actor = requireOfficer(ctx);
      await db.transaction(async (tx) => {
        const row = isUuid(id) ? await repo.conversion(id, tx, true) : null;
        if (!row || !canActOnRegion(actor, row.regionCode)) throw new NotFound('credits.application_not_found');
        if (row.status !== 'submitted') throw new Conflict('credits.already_decided');
        let now = clock.now();
        if (input.decision === 'approve') {
          const [programme, course, rule] = await Promise.all([repo.programme(row.programmeId, tx), repo.course(row.courseId, tx), repo.rule(row.ruleId, tx)]);
          const account = await openAccount(tx, row.residentId);
          await repo.lockAccount(tx, account.id);
          // The moment of use is when the account is ours: what expired while we waited is not spent.
          now = clock.now();
          const { uses } = await checkConversion(tx, row.residentId, programme!, Number(course!.credits), rule!.requirements, 0);
          for (const [i, use] of uses.entries()) {
            await repo.insertEntryOnce(tx, {
              id: newId(), accountId: account.id, kind: 'use', category: use.category, credits: (-use.credits).toFixed(1), sourceKey: `conversion:${row.id}:${i}`, sourceType: 'conversion',
              title: `${programme!.name} · ${course!.name}`.slice(0, 200), createdBy: actor.userId, createdAt: now, details: { conversionId: row.id, courseId: course!.id },
            });
          }
        }
        await repo.updateConversion(tx, row.id, { status: input.decision === 'approve' ? 'approved' : 'rejected', decisionNote: input.note ?? null, decidedBy: actor.userId, decidedAt: now });
        await deps.audit(tx, ctx, { action: `credits.conversion_${input.decision}`, entityType: 'conversion_application', entityId: row.id, regionCode: row.regionCode, details: { ...input } });
      });
      return getConversion(ctx, id);
    },
    getConversion,
    async myConversions(ctx: RequestContext, q: PageRequest & { status?: string }) {
      const actor = requireResident(ctx);
      return conversionPage({ residentId: actor.userId, regionRoots: null, status: q.status }, q);
    },
    async listConversions(ctx: RequestContext, q: PageRequest & { status?: string; region?: string }) {
      const roots = narrow(readerRoots(ctx), q.region);
      return conversionPage({ regionRoots: roots, status: q.status }, q);
    },
    /** Monitoring I34: residents with a deposit in the year, per community (rolled up by monitoring). */
    async depositorsByRegion(rootCode: string, from: Date, to: Date) {
      return repo.depositorsByRegion(rootCode, from, to);
    },
  };
}

export type CreditsService = ReturnType<typeof createCreditsService>;
