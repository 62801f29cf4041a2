// All SQL of the credit bank: standards, accounts, the append-only ledger, recognition and conversion.
import { and, asc, desc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../kernel/rate-limit';
import type { Db, DbOrTx } from '../../db/client';
import { selectPage } from '../../db/paged-select';
import {
  conversionApplications,
  creditAccounts,
  creditConversionRules,
  creditEntries,
  creditProgrammeCourses,
  creditProgrammes,
  creditStandards,
  recognitionApplications,
  recognitionSteps,
} from '../../db/schema/index';
import { underRoots } from '../../kernel/region-scope';

export type StandardRow = typeof creditStandards.$inferSelect;
export type AccountRow = typeof creditAccounts.$inferSelect;
export type EntryRow = typeof creditEntries.$inferSelect;
export type RecognitionRow = typeof recognitionApplications.$inferSelect;
export type StepRow = typeof recognitionSteps.$inferSelect;
export type ProgrammeRow = typeof creditProgrammes.$inferSelect;
export type ProgrammeCourseRow = typeof creditProgrammeCourses.$inferSelect;
export type RuleRow = typeof creditConversionRules.$inferSelect;
export type ConversionRow = typeof conversionApplications.$inferSelect;

export interface EntryFilter {
  accountId?: string;
  regionRoots: string[] | null;
  kind?: string;
  category?: string;
  residentId?: string;
}

export function createCreditsRepository(db: Db) {
  function entryWhere(f: EntryFilter): SQL | undefined {
    return and(
      f.accountId ? eq(creditEntries.accountId, f.accountId) : undefined,
      f.residentId ? eq(creditAccounts.residentId, f.residentId) : undefined,
      underRoots(creditAccounts.regionCode, f.regionRoots),
      f.kind ? eq(creditEntries.kind, f.kind) : undefined,
      // An expiry that found nothing left is kept (it closes the deposit) but is no news to anyone.
      sql`not (${creditEntries.kind} = 'expiry' and ${creditEntries.credits} = 0)`,
      f.category ? eq(creditEntries.category, f.category) : undefined,
    );
  }

  return {
    // ---- standards
    async standardVersions(code?: string) {
      return db
        .select()
        .from(creditStandards)
        .where(code ? eq(creditStandards.code, code) : undefined)
        .orderBy(asc(creditStandards.code), desc(creditStandards.version));
    },
    /** The version of each standard in force on a day (the latest version effective by then). */
    async standardsInForce(onDay: string, tx: DbOrTx = db, filter: { code?: string; autoSourceType?: string; autoOutcome?: string } = {}) {
      const rows = await tx
        .selectDistinctOn([creditStandards.code])
        .from(creditStandards)
        .where(and(lte(creditStandards.effectiveFrom, onDay), filter.code ? eq(creditStandards.code, filter.code) : undefined))
        .orderBy(asc(creditStandards.code), desc(creditStandards.version));
      return rows.filter(
        (r) => r.status === 'active' && (!filter.autoSourceType || (r.autoSourceType === filter.autoSourceType && r.autoOutcome === filter.autoOutcome)),
      );
    },
    async standardById(id: string) {
      const [row] = await db.select().from(creditStandards).where(eq(creditStandards.id, id));
      return row ?? null;
    },
    async maxStandardVersion(tx: DbOrTx, code: string) {
      const [row] = await tx
        .select({ v: sql<number>`coalesce(max(${creditStandards.version}), 0)::int` })
        .from(creditStandards)
        .where(eq(creditStandards.code, code));
      return Number(row.v);
    },
    /** Null when the (code, version) was taken meanwhile. */
    async insertStandard(tx: DbOrTx, row: typeof creditStandards.$inferInsert) {
      const [inserted] = await tx.insert(creditStandards).values(row).onConflictDoNothing().returning();
      return inserted ?? null;
    },
    async countStandards(tx: DbOrTx = db) {
      const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(creditStandards);
      return Number(row.n);
    },

    // ---- accounts and ledger
    async account(residentId: string, tx: DbOrTx = db) {
      const [row] = await tx.select().from(creditAccounts).where(eq(creditAccounts.residentId, residentId));
      return row ?? null;
    },
    /** Opens the account if it does not exist yet; concurrent openings converge on one row. */
    async ensureAccount(tx: DbOrTx, row: AccountRow) {
      await tx.insert(creditAccounts).values(row).onConflictDoNothing();
      const [found] = await tx.select().from(creditAccounts).where(eq(creditAccounts.residentId, row.residentId));
      return found;
    },
    async lockAccount(tx: DbOrTx, id: string) {
      await tx.select({ id: creditAccounts.id }).from(creditAccounts).where(eq(creditAccounts.id, id)).for('update');
    },
    /** The entry, or null when this account already has one from the same source. */
    /** Accounts holding a deposit past its expiry that has no expiry entry yet. */
    async accountsWithUnclosedExpiries(now: Date, limit: number): Promise<string[]> {
      const rows = rowsOf<{ account_id: string }>(
        await db.execute(sql`
        select distinct d.account_id from credit_entries d
        where d.kind = 'deposit' and d.expires_at <= ${now.toISOString()}
          and not exists (select 1 from credit_entries x where x.account_id = d.account_id and x.source_key = 'expiry:' || d.id::text)
        limit ${limit}`),
      );
      return rows.map((r) => r.account_id);
    },
    ledger: (accountId: string, tx: DbOrTx = db) =>
      tx.select().from(creditEntries).where(eq(creditEntries.accountId, accountId)).orderBy(asc(creditEntries.seq)),
    async insertEntryOnce(tx: DbOrTx, row: Omit<typeof creditEntries.$inferInsert, 'seq'>) {
      const [inserted] = await tx
        .insert(creditEntries)
        .values(row)
        .onConflictDoNothing({ target: [creditEntries.accountId, creditEntries.sourceKey] })
        .returning();
      return inserted ?? null;
    },
    async entryBySource(accountId: string, sourceKey: string, tx: DbOrTx = db) {
      const [row] = await tx
        .select()
        .from(creditEntries)
        .where(and(eq(creditEntries.accountId, accountId), eq(creditEntries.sourceKey, sourceKey)));
      return row ?? null;
    },
    /** The ledger's one permitted change (the trigger enforces it): a certificate linked once to an entry. */
    async linkCredential(tx: DbOrTx, entryId: string, credentialId: string) {
      const [row] = await tx
        .update(creditEntries)
        .set({ credentialId })
        .where(and(eq(creditEntries.id, entryId), sql`${creditEntries.credentialId} is null`))
        .returning();
      return row ?? null;
    },
    async entry(id: string) {
      const [row] = await db.select().from(creditEntries).where(eq(creditEntries.id, id));
      return row ?? null;
    },
    async balances(accountId: string, tx: DbOrTx = db) {
      const rows = await tx
        .select({ category: creditEntries.category, kind: creditEntries.kind, credits: sql<string>`sum(${creditEntries.credits})::text` })
        .from(creditEntries)
        .where(eq(creditEntries.accountId, accountId))
        .groupBy(creditEntries.category, creditEntries.kind);
      return rows.map((r) => ({ category: r.category, kind: r.kind, credits: Number(r.credits) }));
    },
    async listEntries(f: EntryFilter, limit: number, offset: number) {
      const w = entryWhere(f);
      const rows = await db
        .select({ entry: creditEntries, residentId: creditAccounts.residentId, regionCode: creditAccounts.regionCode })
        .from(creditEntries)
        .innerJoin(creditAccounts, eq(creditAccounts.id, creditEntries.accountId))
        .where(w)
        .orderBy(desc(creditEntries.seq))
        .limit(limit)
        .offset(offset);
      const [{ n }] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(creditEntries)
        .innerJoin(creditAccounts, eq(creditAccounts.id, creditEntries.accountId))
        .where(w);
      return { rows, total: Number(n) };
    },
    async listAccounts(f: { regionRoots: string[] | null }, limit: number, offset: number) {
      const w = underRoots(creditAccounts.regionCode, f.regionRoots);
      const rows = await db
        .select({
          account: creditAccounts,
          balance: sql<string>`coalesce((select sum(e.credits) from credit_entries e where e.account_id = ${creditAccounts.id}), 0)::text`,
        })
        .from(creditAccounts)
        .where(w)
        .orderBy(desc(creditAccounts.openedAt))
        .limit(limit)
        .offset(offset);
      const [{ n }] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(creditAccounts)
        .where(w);
      return { rows: rows.map((r) => ({ ...r.account, balance: Number(r.balance) })), total: Number(n) };
    },
    /** Residents with a deposit in a period, and the residents with any learning record, per community (monitoring). */
    /** Residents with a deposit in a period, per home community of their account (monitoring). */
    async depositorsByRegion(rootCode: string, from: Date, to: Date) {
      const rows = await db
        .select({ code: creditAccounts.regionCode, n: sql<number>`count(distinct ${creditAccounts.residentId})::int` })
        .from(creditEntries)
        .innerJoin(creditAccounts, eq(creditAccounts.id, creditEntries.accountId))
        .where(
          and(
            eq(creditEntries.kind, 'deposit'),
            sql`${creditAccounts.regionCode} like ${rootCode + '%'}`,
            sql`${creditEntries.createdAt} >= ${from.toISOString()}`,
            sql`${creditEntries.createdAt} < ${to.toISOString()}`,
          ),
        )
        .groupBy(creditAccounts.regionCode);
      return rows.map((r) => ({ code: r.code, n: Number(r.n) }));
    },

    // ---- recognition
    async insertRecognition(tx: DbOrTx, row: typeof recognitionApplications.$inferInsert) {
      await tx.insert(recognitionApplications).values(row);
    },
    async recognition(id: string, tx: DbOrTx = db, lock = false) {
      const q = tx.select().from(recognitionApplications).where(eq(recognitionApplications.id, id));
      const [row] = lock ? await q.for('update') : await q;
      return row ?? null;
    },
    async updateRecognition(tx: DbOrTx, id: string, patch: Partial<RecognitionRow>) {
      const [row] = await tx
        .update(recognitionApplications)
        .set({ ...patch, version: sql`${recognitionApplications.version} + 1` })
        .where(eq(recognitionApplications.id, id))
        .returning();
      return row;
    },
    async listRecognitions(f: { residentId?: string; regionRoots: string[] | null; status?: string }, limit: number, offset: number) {
      const w = and(
        f.residentId ? eq(recognitionApplications.residentId, f.residentId) : undefined,
        underRoots(recognitionApplications.regionCode, f.regionRoots),
        f.status ? eq(recognitionApplications.status, f.status) : undefined,
      );
      return selectPage(db, recognitionApplications, w, [desc(recognitionApplications.updatedAt), asc(recognitionApplications.id)], { limit, offset });
    },
    async insertStep(tx: DbOrTx, row: typeof recognitionSteps.$inferInsert) {
      await tx.insert(recognitionSteps).values(row);
    },
    async steps(applicationId: string) {
      return db.select().from(recognitionSteps).where(eq(recognitionSteps.applicationId, applicationId)).orderBy(asc(recognitionSteps.seq));
    },

    // ---- programmes, courses, rules
    async insertProgramme(tx: DbOrTx, row: typeof creditProgrammes.$inferInsert) {
      await tx.insert(creditProgrammes).values(row);
    },
    async programme(id: string, tx: DbOrTx = db) {
      const [row] = await tx.select().from(creditProgrammes).where(eq(creditProgrammes.id, id));
      return row ?? null;
    },
    async listProgrammes(f: { status?: string }, limit: number, offset: number) {
      const w = f.status ? eq(creditProgrammes.status, f.status) : undefined;
      return selectPage(db, creditProgrammes, w, [desc(creditProgrammes.createdAt), asc(creditProgrammes.id)], { limit, offset });
    },
    async insertCourse(tx: DbOrTx, row: typeof creditProgrammeCourses.$inferInsert) {
      const [inserted] = await tx.insert(creditProgrammeCourses).values(row).onConflictDoNothing().returning();
      return inserted ?? null;
    },
    async courses(programmeId: string, tx: DbOrTx = db) {
      return tx.select().from(creditProgrammeCourses).where(eq(creditProgrammeCourses.programmeId, programmeId)).orderBy(asc(creditProgrammeCourses.code));
    },
    async course(id: string, tx: DbOrTx = db) {
      const [row] = await tx.select().from(creditProgrammeCourses).where(eq(creditProgrammeCourses.id, id));
      return row ?? null;
    },
    async insertRule(tx: DbOrTx, row: typeof creditConversionRules.$inferInsert) {
      await tx.insert(creditConversionRules).values(row);
    },
    async rules(programmeId: string) {
      return db.select().from(creditConversionRules).where(eq(creditConversionRules.programmeId, programmeId)).orderBy(asc(creditConversionRules.createdAt));
    },
    async rule(id: string, tx: DbOrTx = db) {
      const [row] = await tx.select().from(creditConversionRules).where(eq(creditConversionRules.id, id));
      return row ?? null;
    },

    // ---- conversion applications
    async insertConversion(tx: DbOrTx, row: typeof conversionApplications.$inferInsert) {
      await tx.insert(conversionApplications).values(row);
    },
    async conversion(id: string, tx: DbOrTx = db, lock = false) {
      const q = tx.select().from(conversionApplications).where(eq(conversionApplications.id, id));
      const [row] = lock ? await q.for('update') : await q;
      return row ?? null;
    },
    async updateConversion(tx: DbOrTx, id: string, patch: Partial<ConversionRow>) {
      const [row] = await tx.update(conversionApplications).set(patch).where(eq(conversionApplications.id, id)).returning();
      return row;
    },
    async openConversionFor(tx: DbOrTx, residentId: string, courseId: string) {
      const [row] = await tx
        .select()
        .from(conversionApplications)
        .where(
          and(
            eq(conversionApplications.residentId, residentId),
            eq(conversionApplications.courseId, courseId),
            inArray(conversionApplications.status, ['submitted', 'approved']),
          ),
        );
      return row ?? null;
    },
    /** Course credits of a resident's approved conversions in a programme. */
    async convertedCredits(tx: DbOrTx, residentId: string, programmeId: string, statuses: string[] = ['approved']) {
      const [row] = await tx
        .select({ n: sql<string>`coalesce(sum(${creditProgrammeCourses.credits}), 0)::text` })
        .from(conversionApplications)
        .innerJoin(creditProgrammeCourses, eq(creditProgrammeCourses.id, conversionApplications.courseId))
        .where(
          and(
            eq(conversionApplications.residentId, residentId),
            eq(conversionApplications.programmeId, programmeId),
            inArray(conversionApplications.status, statuses),
          ),
        );
      return Number(row.n);
    },
    async listConversions(f: { residentId?: string; regionRoots: string[] | null; status?: string }, limit: number, offset: number) {
      const w = and(
        f.residentId ? eq(conversionApplications.residentId, f.residentId) : undefined,
        underRoots(conversionApplications.regionCode, f.regionRoots),
        f.status ? eq(conversionApplications.status, f.status) : undefined,
      );
      const rows = await db
        .select({
          app: conversionApplications,
          programmeName: creditProgrammes.name,
          courseName: creditProgrammeCourses.name,
          courseCredits: creditProgrammeCourses.credits,
        })
        .from(conversionApplications)
        .innerJoin(creditProgrammes, eq(creditProgrammes.id, conversionApplications.programmeId))
        .innerJoin(creditProgrammeCourses, eq(creditProgrammeCourses.id, conversionApplications.courseId))
        .where(w)
        .orderBy(desc(conversionApplications.createdAt), asc(conversionApplications.id))
        .limit(limit)
        .offset(offset);
      const [{ n }] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(conversionApplications)
        .where(w);
      return { rows, total: Number(n) };
    },
  };
}

export type CreditsRepository = ReturnType<typeof createCreditsRepository>;
