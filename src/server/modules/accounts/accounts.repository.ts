// All SQL about users, staff scopes, residents, sessions and SMS codes.
import { and, eq, gt, lt, isNull, sql, desc, inArray, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { selectPage } from '../../db/paged-select';
import { users, staffScopes, residents, sessions, sessionChanges, smsCodes, loginThrottles, privacyConsents } from '../../db/schema/index';
import { rowsOf } from '../../kernel/rate-limit';

export type UserRow = typeof users.$inferSelect;
export type ResidentRow = typeof residents.$inferSelect;
export type ScopeRow = { userId: string; regionCode: string; institutionId: string | null };

export function createAccountsRepository(db: Db) {
  // Most requests that miss the session cache run this: a prepared statement (built and parsed once).
  const sessionUserPrepared = db
    .select({ user: users, expiresAt: sessions.expiresAt, homeRegionCode: residents.homeRegionCode })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(residents, eq(residents.userId, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('tokenHash')),
        sql`${sessions.expiresAt} > ${sql.placeholder('now')}::timestamptz`,
        eq(users.status, 'active'),
      ),
    )
    .limit(1)
    .prepare('session_user');
  // Every enrolment attempt reads its resident's profile (eligibility, the age by today's clock).
  const residentByUserPrepared = db
    .select()
    .from(residents)
    .where(eq(residents.userId, sql.placeholder('userId')))
    .prepare('resident_by_user');
  const likePrefix = (code: string) => code.replace(/[%_\\]/g, '\\$&') + '%';

  return {
    async userByLogin(login: string): Promise<UserRow | null> {
      const [row] = await db
        .select()
        .from(users)
        .where(sql`${users.username} = ${login} or ${users.phone} = ${login}`)
        .limit(1);
      return row ?? null;
    },
    async usersByIds(ids: string[], tx: DbOrTx = db): Promise<UserRow[]> {
      return ids.length ? tx.select().from(users).where(inArray(users.id, ids)) : [];
    },
    async userById(id: string, tx: DbOrTx = db): Promise<UserRow | null> {
      const [row] = await tx.select().from(users).where(eq(users.id, id)).limit(1);
      return row ?? null;
    },
    async usernameOrPhoneTaken(username: string, phone: string | null, exceptId?: string) {
      const rows = await db
        .select({ id: users.id, username: users.username, phone: users.phone })
        .from(users)
        .where(phone ? sql`${users.username} = ${username} or ${users.phone} = ${phone} or ${users.username} = ${phone}` : eq(users.username, username));
      const others = rows.filter((r) => r.id !== exceptId);
      return { username: others.some((r) => r.username === username), phone: !!phone && others.some((r) => r.phone === phone || r.username === phone) };
    },
    async insertUser(tx: DbOrTx, row: typeof users.$inferInsert) {
      await tx.insert(users).values(row);
    },
    /** Many residents in one statement per table (the demo city's synthetic residents). */
    async insertResidentsBatch(
      tx: DbOrTx,
      rows: { user: typeof users.$inferInsert; resident: typeof residents.$inferInsert; consent: typeof privacyConsents.$inferInsert }[],
    ) {
      if (!rows.length) return;
      await tx.insert(users).values(rows.map((r) => r.user));
      await tx.insert(residents).values(rows.map((r) => r.resident));
      await tx.insert(privacyConsents).values(rows.map((r) => r.consent));
    },
    async updateUser(tx: DbOrTx, id: string, patch: Partial<typeof users.$inferInsert>) {
      if (!Object.keys(patch).length) return; // an empty PATCH changes nothing (SQL has no empty SET)
      await tx.update(users).set(patch).where(eq(users.id, id));
    },
    /** The latest time until which any of these sign-in keys is held back; null when none is. */
    async loginBlockedUntil(keys: string[], now: Date): Promise<Date | null> {
      const [row] = await db
        .select({ until: sql<string | null>`max(${loginThrottles.blockedUntil})` })
        .from(loginThrottles)
        .where(and(inArray(loginThrottles.key, keys), gt(loginThrottles.blockedUntil, now)));
      return row?.until ? new Date(row.until) : null;
    },
    /**
     * Counts one failed sign-in on each key (starting again after `forgetAfterMs` without failures) and
     * sets the wait each key has earned; returns nothing, as the answer must not depend on the counts.
     */
    async recordLoginFailure(keys: { key: string; waitAfter: (failures: number) => number }[], now: Date, forgetAfterMs: number) {
      const forgetBefore = new Date(now.getTime() - forgetAfterMs).toISOString();
      for (const k of keys) {
        const [row] = rowsOf<{ failures: number }>(
          await db.execute(sql`
          insert into login_throttles (key, failures, last_failure_at) values (${k.key}, 1, ${now.toISOString()})
          on conflict (key) do update set
            failures = case when login_throttles.last_failure_at < ${forgetBefore}::timestamptz then 1 else login_throttles.failures + 1 end,
            last_failure_at = excluded.last_failure_at
          returning failures::int as failures`),
        );
        const waitMs = k.waitAfter(Number(row.failures));
        await db
          .update(loginThrottles)
          .set({ blockedUntil: waitMs > 0 ? new Date(now.getTime() + waitMs) : null })
          .where(eq(loginThrottles.key, k.key));
      }
    },
    async clearLoginThrottles(keys: string[]) {
      if (keys.length) await db.delete(loginThrottles).where(inArray(loginThrottles.key, keys));
    },
    /** Forgets an account's failures from every address (after an administrator resets its password). */
    async clearAccountThrottles(tx: DbOrTx, accountKey: string) {
      await tx
        .delete(loginThrottles)
        .where(sql`${loginThrottles.key} = ${accountKey} or left(${loginThrottles.key}, ${accountKey.length + 1}) = ${accountKey + '|'}`);
    },
    async accountsBlockedUntil(accountKeys: string[], now: Date): Promise<Map<string, Date>> {
      if (!accountKeys.length) return new Map();
      const rows = await db
        .select({ key: loginThrottles.key, until: loginThrottles.blockedUntil })
        .from(loginThrottles)
        .where(and(inArray(loginThrottles.key, accountKeys), gt(loginThrottles.blockedUntil, now)));
      return new Map(rows.map((r) => [r.key, r.until!]));
    },

    async scopesOf(userIds: string[]): Promise<ScopeRow[]> {
      if (userIds.length === 0) return [];
      return db.select().from(staffScopes).where(inArray(staffScopes.userId, userIds));
    },
    async replaceScopes(tx: DbOrTx, userId: string, scopes: { regionCode: string; institutionId: string | null }[]) {
      await tx.delete(staffScopes).where(eq(staffScopes.userId, userId));
      if (scopes.length) await tx.insert(staffScopes).values(scopes.map((s) => ({ userId, ...s })));
    },

    /** Staff accounts with at least one scope under one of `regionRoots` (all when null). */
    async listStaff(f: { regionRoots: string[] | null; role?: string; status?: string; q?: string; limit: number; offset: number }) {
      const conds: SQL[] = [eq(users.kind, 'staff')];
      if (f.regionRoots) {
        const inRoots = f.regionRoots.map((r) => sql`s.region_code like ${likePrefix(r)}`);
        conds.push(sql`exists (select 1 from staff_scopes s where s.user_id = ${users.id} and (${sql.join(inRoots, sql` or `)}))`);
      }
      if (f.role) conds.push(eq(users.role, f.role));
      if (f.status) conds.push(eq(users.status, f.status));
      if (f.q) conds.push(sql`(${users.username} like ${'%' + f.q + '%'} or ${users.displayName} like ${'%' + f.q + '%'})`);
      const where = and(...conds);
      return selectPage(db, users, where, [users.username], { limit: f.limit, offset: f.offset });
    },

    async residentByUser(userId: string, tx: DbOrTx = db): Promise<ResidentRow | null> {
      const [row] = await tx.select().from(residents).where(eq(residents.userId, userId)).limit(1);
      return row ?? null;
    },
    async residentsByUsers(userIds: string[], tx: DbOrTx = db): Promise<ResidentRow[]> {
      if (userIds.length === 1 && tx === db) return residentByUserPrepared.execute({ userId: userIds[0] });
      return userIds.length ? tx.select().from(residents).where(inArray(residents.userId, userIds)) : [];
    },
    async idNumberTaken(hash: string) {
      const [row] = await db.select({ id: residents.userId }).from(residents).where(eq(residents.idNumberHash, hash)).limit(1);
      return !!row;
    },
    async insertResident(tx: DbOrTx, row: typeof residents.$inferInsert) {
      await tx.insert(residents).values(row);
    },
    async updateResident(tx: DbOrTx, userId: string, patch: Partial<typeof residents.$inferInsert>) {
      if (!Object.keys(patch).length) return; // an empty PATCH changes nothing (SQL has no empty SET)
      await tx.update(residents).set(patch).where(eq(residents.userId, userId));
    },
    async listResidents(f: { regionRoots: string[] | null; q?: string; limit: number; offset: number }) {
      // A closed account is anonymised and no longer anyone's: it is not listed.
      const conds: SQL[] = [sql`${users.status} <> 'closed'`];
      if (f.regionRoots)
        conds.push(
          sql`(${sql.join(
            f.regionRoots.map((r) => sql`${residents.homeRegionCode} like ${likePrefix(r)}`),
            sql` or `,
          )})`,
        );
      if (f.q) conds.push(sql`(${residents.realName} like ${'%' + f.q + '%'} or ${users.phone} = ${f.q})`);
      const where = and(...conds);
      const rows = await db
        .select({ user: users, resident: residents })
        .from(residents)
        .innerJoin(users, eq(users.id, residents.userId))
        .where(where)
        .orderBy(desc(residents.createdAt))
        .limit(f.limit)
        .offset(f.offset);
      const [{ n }] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(residents)
        .innerJoin(users, eq(users.id, residents.userId))
        .where(where);
      return { rows, total: Number(n) };
    },

    async insertSession(row: typeof sessions.$inferInsert) {
      await db.insert(sessions).values(row);
    },
    /** The active user behind a live session, when the session expires, and a resident's home (one round trip). */
    async sessionUser(tokenHash: string, now: Date): Promise<{ user: UserRow; expiresAt: Date; homeRegionCode: string | null } | null> {
      const [row] = await sessionUserPrepared.execute({ tokenHash, now: now.toISOString() });
      return row ?? null;
    },
    /** Users whose sessions changed since a moment (session-token.ts). */
    sessionChangesSince(since: Date): Promise<{ userId: string; changedAt: Date }[]> {
      return db.select().from(sessionChanges).where(gt(sessionChanges.changedAt, since));
    },
    async deleteSession(tokenHash: string) {
      await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    },
    /** Institution scopes carry their institution's region; keep it true when the institution moves. */
    async moveInstitutionScopes(tx: DbOrTx, institutionId: string, regionCode: string) {
      await tx.update(staffScopes).set({ regionCode }).where(eq(staffScopes.institutionId, institutionId));
    },
    /** Sessions past their expiry and SMS codes a day past theirs: nothing reads them any more. */
    async deleteExpired(now: Date, changesBefore: Date) {
      await db.transaction(async (tx) => {
        // Tells the session_changes trigger (migration 0026) that these sessions ended by expiring.
        await tx.execute(sql`select set_config('learncity.session_purge', 'on', true)`);
        await tx.delete(sessions).where(lt(sessions.expiresAt, now));
      });
      await db.delete(sessionChanges).where(lt(sessionChanges.changedAt, changesBefore));
      await db.delete(smsCodes).where(lt(smsCodes.expiresAt, new Date(now.getTime() - 86_400_000)));
      await db
        .delete(loginThrottles)
        .where(
          and(
            lt(loginThrottles.lastFailureAt, new Date(now.getTime() - 86_400_000)),
            sql`coalesce(${loginThrottles.blockedUntil} < ${now.toISOString()}::timestamptz, true)`,
          ),
        );
    },
    async deleteSessionsOf(tx: DbOrTx, userId: string, exceptTokenHash?: string) {
      await tx
        .delete(sessions)
        .where(exceptTokenHash ? and(eq(sessions.userId, userId), sql`${sessions.tokenHash} <> ${exceptTokenHash}`) : eq(sessions.userId, userId));
    },

    async latestSmsCode(phone: string, purpose: string) {
      const [row] = await db
        .select()
        .from(smsCodes)
        .where(and(eq(smsCodes.phone, phone), eq(smsCodes.purpose, purpose), isNull(smsCodes.usedAt)))
        .orderBy(desc(smsCodes.createdAt))
        .limit(1);
      return row ?? null;
    },
    async insertSmsCode(row: typeof smsCodes.$inferInsert) {
      await db.insert(smsCodes).values(row);
    },
    async deleteSmsCode(id: string) {
      await db.delete(smsCodes).where(eq(smsCodes.id, id));
    },
    async countSmsAttempt(id: string) {
      await db
        .update(smsCodes)
        .set({ attempts: sql`${smsCodes.attempts} + 1` })
        .where(eq(smsCodes.id, id));
    },
    async insertPrivacyConsent(tx: DbOrTx, row: typeof privacyConsents.$inferInsert) {
      await tx.insert(privacyConsents).values(row);
    },
    /** Marks a code used; false when another request used it first. */
    async consumeSmsCode(tx: DbOrTx, id: string, now: Date): Promise<boolean> {
      const rows = await tx
        .update(smsCodes)
        .set({ usedAt: now })
        .where(and(eq(smsCodes.id, id), isNull(smsCodes.usedAt)))
        .returning({ id: smsCodes.id });
      return rows.length === 1;
    },
  };
}

export type AccountsRepository = ReturnType<typeof createAccountsRepository>;
