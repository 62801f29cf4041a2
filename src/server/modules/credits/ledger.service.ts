// Accounts and the append-only ledger: deposits from the learning archive and from partner platforms, a
// resident's own account, staff reading accounts and entries of their regions, compensating corrections,
// the hourly expiry, and what the credentials and monitoring modules read.
import type { DbOrTx } from '../../db/client';
import { requireResident, type RequestContext } from '../../kernel/actor';
import { Forbidden, NotFound, invalidField } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { isWithin } from '../../kernel/region-code';
import { offsetOf, pageOf, type PageRequest } from '../../kernel/pagination';
import type { CorrectionInput, PartnerDepositInput } from '../../../contracts/credits';
import { canActOnRegion, creditsFor, replayLedger } from './credits.policy';
import type { StandardRow } from './credits.repository';
import { presentEntry, round1, shanghaiDay, terms, type CreditPartner, type CreditsCore, type DepositListener } from './credits.core';
import { localTime } from '../../../contracts/local-time';

export function createLedgerService(core: CreditsCore) {
  const {
    deps,
    db,
    repo,
    clock,
    depositListeners,
    requireOfficer,
    readerRoots,
    narrow,
    homeOf,
    openAccount,
    summary,
    accountView,
    deposit,
    requireStillValid,
    standardInForce,
  } = core;

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
              id: newId(),
              accountId,
              kind: 'expiry',
              category: deposit.category,
              credits: (-left).toFixed(1),
              sourceKey: `expiry:${depositId}`,
              sourceType: 'expiry',
              title: deposit.title,
              correctsEntryId: depositId,
              occurredAt: deposit.expiresAt,
              createdAt: now,
              details: { expiredAt: deposit.expiresAt?.toISOString() },
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
    async depositFromRecord(
      tx: DbOrTx,
      record: {
        id: string;
        residentId: string;
        sourceType: string;
        sourceId: string;
        title: string;
        hours: string | number;
        outcome: string;
        occurredAt: Date;
      },
    ) {
      const sourceTypes = record.sourceType === 'partner' ? ['partner', 'online'] : [record.sourceType];
      let standards: StandardRow[] = [];
      for (const autoSourceType of sourceTypes) {
        if (!standards.length) standards = await repo.standardsInForce(shanghaiDay(clock.now()), tx, { autoSourceType, autoOutcome: record.outcome });
      }
      if (!standards.length) return null;
      return deposit(tx, {
        residentId: record.residentId,
        sourceKey: `archive:${record.sourceType}:${record.sourceId}`,
        sourceType: 'archive',
        title: record.title,
        standard: standards[0],
        hours: Number(record.hours),
        occurredAt: record.occurredAt,
        details: { learningRecordId: record.id },
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
      const account = (await repo.account(actor.userId)) ?? (await db.transaction((tx) => openAccount(tx, actor.userId)));
      return accountView(account);
    },
    async myEntries(ctx: RequestContext, q: PageRequest & { category?: string; kind?: string }) {
      const actor = requireResident(ctx);
      const account = await repo.account(actor.userId);
      if (!account) return pageOf(q, [], 0);
      const { rows, total } = await repo.listEntries({ accountId: account.id, regionRoots: null, category: q.category, kind: q.kind }, q.pageSize, offsetOf(q));
      return pageOf(
        q,
        rows.map((r) => presentEntry(r.entry)),
        total,
      );
    },

    // ---- staff: accounts, ledger, corrections
    async account(ctx: RequestContext, residentId: string) {
      const roots = readerRoots(ctx);
      const profile = await homeOf(residentId);
      if (!profile || (roots && !isWithin(profile.homeRegionCode, roots))) throw new NotFound('resident.not_found');
      const account = (await repo.account(residentId)) ?? (await db.transaction((tx) => openAccount(tx, residentId)));
      return { ...(await accountView(account)), residentName: profile.realName };
    },
    async listAccounts(ctx: RequestContext, q: PageRequest & { region?: string }) {
      const roots = narrow(readerRoots(ctx), q.region);
      const { rows, total } = await repo.listAccounts({ regionRoots: roots }, q.pageSize, offsetOf(q));
      const names = await deps.residents.profiles(rows.map((r) => r.residentId));
      return pageOf(
        q,
        rows.map((r) => ({
          accountId: r.id,
          residentId: r.residentId,
          residentName: names.get(r.residentId)?.realName ?? null,
          regionCode: r.regionCode,
          openedAt: r.openedAt.toISOString(),
          balance: round1(r.balance),
        })),
        total,
      );
    },
    async listEntries(ctx: RequestContext, q: PageRequest & { region?: string; residentId?: string; kind?: string; category?: string }) {
      const roots = narrow(readerRoots(ctx), q.region);
      const { rows, total } = await repo.listEntries(
        { regionRoots: roots, residentId: q.residentId, kind: q.kind, category: q.category },
        q.pageSize,
        offsetOf(q),
      );
      const names = await deps.residents.profiles([...new Set(rows.map((r) => r.residentId))]);
      return pageOf(
        q,
        rows.map((r) => ({
          ...presentEntry(r.entry),
          residentId: r.residentId,
          residentName: names.get(r.residentId)?.realName ?? null,
          regionCode: r.regionCode,
        })),
        total,
      );
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
          id,
          accountId: account.id,
          kind: 'correction',
          category: input.category,
          credits: input.credits.toFixed(1),
          sourceKey: `correction:${id}`,
          sourceType: 'correction',
          title: corrected ? corrected.title : input.reason.slice(0, 200),
          correctsEntryId: input.correctsEntryId ?? null,
          reason: input.reason,
          createdBy: actor.userId,
          createdAt: clock.now(),
        }))!;
        await deps.audit(tx, ctx, {
          action: 'credits.correct',
          entityType: 'credit_entry',
          entityId: id,
          regionCode: profile.homeRegionCode,
          details: { ...input },
        });
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
      const occurredAt = localTime.startOfDay(input.occurredOn);
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
        const entry = await deposit(tx, {
          residentId: input.residentId,
          sourceKey,
          sourceType: 'partner',
          title: input.title,
          standard,
          hours: input.hours,
          level: input.level,
          occurredAt,
          details: { partnerId: partner.id, partnerName: partner.name, recordId: input.recordId },
        });
        if (!entry) return { created: false, entry: presentEntry((await repo.entryBySource(account.id, sourceKey, tx))!) };
        await deps.audit(
          tx,
          { actor: null, ip: null, locale: 'zh-CN' },
          {
            action: 'credits.partner_deposit',
            entityType: 'credit_entry',
            entityId: entry.id,
            regionCode: profile.homeRegionCode,
            details: { partnerId: partner.id, recordId: input.recordId, credits: Number(entry.credits) },
          },
        );
        return { created: true, entry: presentEntry(entry) };
      });
    },
    /** Monitoring I34: residents with a deposit in the year, per community (rolled up by monitoring). */
    async depositorsByRegion(rootCode: string, from: Date, to: Date) {
      return repo.depositorsByRegion(rootCode, from, to);
    },
  };
}
