// All SQL of personal-data rights. This module reads and anonymises rows of many modules' tables on
// purpose (an exception to "modules talk through services", like monitoring's shared queries): a
// resident's copy of their data and the closure of their account must cover every table that holds
// personal data, and keeping that list in one file is what lets a reviewer check it is complete.
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import {
  users,
  residents,
  sessions,
  smsCodes,
  auditLog,
  privacyConsents,
  accountClosures,
  enrolments,
  proxyGrants,
  notifications,
  learningRecords,
  creditAccounts,
  creditEntries,
  recognitionApplications,
  recognitionSteps,
  conversionApplications,
  credentials,
  pointsLedger,
  sessionAttendance,
  ratings,
  lotteryApplications,
  lotteryOutcomes,
  teamMembers,
  resourceProgress,
  identityLinks,
  emailCodes,
  ssoIdentities,
  xapiActorLinks,
  files,
  awardNominations,
  awardObjections,
} from '../../db/schema/index';

/** Shown instead of a closed account's name wherever a copy of the name was kept. */
export const CLOSED_NAME = '已注销用户';
export const LIVE_ENROLMENT = ['pending', 'enrolled', 'waitlisted', 'offered'];

export type ProxyGrantRow = typeof proxyGrants.$inferSelect;

export function createPrivacyRepository(db: Db) {
  return {
    /** Everything held about one resident, table by table (secrets such as hashes and ciphertexts left out by the caller). */
    async holdingsOf(userId: string) {
      const [user] = await db.select().from(users).where(eq(users.id, userId));
      const [resident] = await db.select().from(residents).where(eq(residents.userId, userId));
      const accounts = await db.select().from(creditAccounts).where(eq(creditAccounts.residentId, userId));
      const accountIds = accounts.map((a) => a.id);
      const recognitions = await db
        .select()
        .from(recognitionApplications)
        .where(eq(recognitionApplications.residentId, userId))
        .orderBy(asc(recognitionApplications.createdAt));
      return {
        user: user ?? null,
        resident: resident ?? null,
        consents: await db.select().from(privacyConsents).where(eq(privacyConsents.userId, userId)).orderBy(asc(privacyConsents.givenAt)),
        sessions: await db
          .select({ createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, ip: sessions.ip })
          .from(sessions)
          .where(eq(sessions.userId, userId))
          .orderBy(asc(sessions.createdAt)),
        enrolments: await db.select().from(enrolments).where(eq(enrolments.residentId, userId)).orderBy(asc(enrolments.createdAt)),
        proxyGrants: await db
          .select()
          .from(proxyGrants)
          .where(or(eq(proxyGrants.grantorId, userId), eq(proxyGrants.granteeId, userId)))
          .orderBy(asc(proxyGrants.createdAt)),
        learningRecords: await db.select().from(learningRecords).where(eq(learningRecords.residentId, userId)).orderBy(asc(learningRecords.occurredAt)),
        creditAccounts: accounts,
        creditEntries: accountIds.length
          ? await db.select().from(creditEntries).where(inArray(creditEntries.accountId, accountIds)).orderBy(asc(creditEntries.seq))
          : [],
        recognitionApplications: recognitions,
        recognitionSteps: recognitions.length
          ? await db
              .select()
              .from(recognitionSteps)
              .where(
                inArray(
                  recognitionSteps.applicationId,
                  recognitions.map((r) => r.id),
                ),
              )
              .orderBy(asc(recognitionSteps.seq))
          : [],
        conversionApplications: await db.select().from(conversionApplications).where(eq(conversionApplications.residentId, userId)),
        credentials: await db
          .select({
            id: credentials.id,
            kind: credentials.kind,
            title: credentials.title,
            subjectName: credentials.subjectName,
            issuedAt: credentials.issuedAt,
            validUntil: credentials.validUntil,
            revokedAt: credentials.revokedAt,
            revokeReason: credentials.revokeReason,
            holderClosedAt: credentials.holderClosedAt,
          })
          .from(credentials)
          .where(eq(credentials.residentId, userId))
          .orderBy(asc(credentials.issuedAt)),
        points: await db.select().from(pointsLedger).where(eq(pointsLedger.residentId, userId)).orderBy(asc(pointsLedger.occurredAt)),
        attendance: await db.select().from(sessionAttendance).where(eq(sessionAttendance.residentId, userId)),
        ratings: await db.select().from(ratings).where(eq(ratings.residentId, userId)),
        lotteryApplications: await db.select().from(lotteryApplications).where(eq(lotteryApplications.residentId, userId)),
        lotteryOutcomes: await db.select().from(lotteryOutcomes).where(eq(lotteryOutcomes.residentId, userId)),
        teams: await db.select().from(teamMembers).where(eq(teamMembers.userId, userId)),
        onlineLearning: await db.select().from(resourceProgress).where(eq(resourceProgress.userId, userId)),
        notifications: await db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(asc(notifications.seq)),
        identityLinks: await db.select().from(identityLinks).where(eq(identityLinks.residentId, userId)).orderBy(asc(identityLinks.consentedAt)),
        ssoIdentities: await db.select().from(ssoIdentities).where(eq(ssoIdentities.userId, userId)),
        uploads: await db.select().from(files).where(eq(files.uploadedBy, userId)),
        nominations: await db.select().from(awardNominations).where(eq(awardNominations.nominatedBy, userId)),
        objections: await db.select().from(awardObjections).where(eq(awardObjections.lodgedBy, userId)),
        idNumberReads: await db
          .select({ at: auditLog.at, actorName: auditLog.actorName, regionCode: auditLog.regionCode })
          .from(auditLog)
          .where(and(eq(auditLog.action, 'resident.id_number.read'), eq(auditLog.entityId, userId)))
          .orderBy(asc(auditLog.at)),
        closure: (await db.select().from(accountClosures).where(eq(accountClosures.userId, userId)))[0] ?? null,
      };
    },

    async grant(id: string) {
      const [row] = await db.select().from(proxyGrants).where(eq(proxyGrants.id, id));
      return row ?? null;
    },

    async ssoIdentitiesOf(userId: string) {
      return db.select().from(ssoIdentities).where(eq(ssoIdentities.userId, userId));
    },

    async deleteSsoIdentity(tx: DbOrTx, userId: string, issuer: string, subject: string) {
      const rows = await tx
        .delete(ssoIdentities)
        .where(and(eq(ssoIdentities.userId, userId), eq(ssoIdentities.issuer, issuer), eq(ssoIdentities.subject, subject)))
        .returning();
      return rows.length > 0;
    },

    async liveEnrolmentCount(userId: string) {
      const [{ n }] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(enrolments)
        .where(and(eq(enrolments.residentId, userId), inArray(enrolments.status, LIVE_ENROLMENT)));
      return Number(n);
    },

    /** What the law lets the platform keep, counted before the closure marks it. */
    async retainedCounts(tx: DbOrTx, userId: string) {
      const [ledger] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(creditEntries)
        .where(inArray(creditEntries.accountId, tx.select({ id: creditAccounts.id }).from(creditAccounts).where(eq(creditAccounts.residentId, userId))));
      const [certs] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(credentials)
        .where(eq(credentials.residentId, userId));
      const [audit] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(auditLog)
        .where(or(eq(auditLog.actorId, userId), eq(auditLog.entityId, userId)));
      return { creditLedger: Number(ledger.n), certificates: Number(certs.n), auditLog: Number(audit.n) };
    },

    /**
     * Erases or anonymises everything identifying about the account, inside the closure's transaction,
     * and marks what is kept. Returns the ids of uploads whose bytes the caller removes after commit.
     */
    async anonymise(tx: DbOrTx, input: { userId: string; phone: string | null; closedUsername: string; now: Date }) {
      const { userId, now } = input;
      // An unusable hash (not an argon2 string): no password can ever match it.
      await tx
        .update(users)
        .set({
          username: input.closedUsername,
          phone: null,
          displayName: CLOSED_NAME,
          passwordHash: '!closed',
          status: 'closed',
          searchText: '',
          lastLoginAt: null,
        })
        .where(eq(users.id, userId));
      // The keyed hash is replaced too, so the ID number may register a new account; the birth year stays for age statistics.
      await tx
        .update(residents)
        .set({
          realName: CLOSED_NAME,
          idNumberEncrypted: '',
          idNumberHash: `closed:${userId}`,
          idNumberMasked: '',
        })
        .where(eq(residents.userId, userId));
      await tx.delete(sessions).where(eq(sessions.userId, userId));
      if (input.phone) await tx.delete(smsCodes).where(eq(smsCodes.phone, input.phone));
      await tx
        .update(privacyConsents)
        .set({ withdrawnAt: now })
        .where(and(eq(privacyConsents.userId, userId), isNull(privacyConsents.withdrawnAt)));
      await tx.delete(identityLinks).where(eq(identityLinks.residentId, userId));
      await tx.delete(xapiActorLinks).where(eq(xapiActorLinks.residentId, userId));
      await tx.delete(emailCodes).where(eq(emailCodes.residentId, userId));
      await tx.delete(ssoIdentities).where(eq(ssoIdentities.userId, userId));
      await tx
        .update(proxyGrants)
        .set({ status: 'revoked', revokedAt: now, revokedBy: userId })
        .where(and(or(eq(proxyGrants.grantorId, userId), eq(proxyGrants.granteeId, userId)), inArray(proxyGrants.status, ['pending', 'active'])));
      await tx.delete(notifications).where(eq(notifications.userId, userId));
      // Copies of the name kept beside activity rows, for lists without joins.
      await tx.update(ratings).set({ displayName: CLOSED_NAME }).where(eq(ratings.residentId, userId));
      await tx.update(lotteryApplications).set({ displayName: CLOSED_NAME }).where(eq(lotteryApplications.residentId, userId));
      await tx.update(teamMembers).set({ displayName: CLOSED_NAME, message: null }).where(eq(teamMembers.userId, userId));
      await tx.update(recognitionSteps).set({ actorName: CLOSED_NAME }).where(eq(recognitionSteps.actorId, userId));
      await tx.update(awardNominations).set({ contactPhone: null }).where(eq(awardNominations.nominatedBy, userId));
      await tx.update(awardObjections).set({ contactPhone: null, contactName: null, ip: null }).where(eq(awardObjections.lodgedBy, userId));
      // The audit log is kept, but the phone the resident logged in with no longer names them in it.
      await tx.update(auditLog).set({ actorName: input.closedUsername, ip: null }).where(eq(auditLog.actorId, userId));
      // Uploads not attached to anything are the resident's alone and go; attached ones belong to kept records.
      const discarded = await tx
        .delete(files)
        .where(and(eq(files.uploadedBy, userId), isNull(files.claimedAt)))
        .returning({ id: files.id });
      await tx.update(creditAccounts).set({ holderClosedAt: now }).where(eq(creditAccounts.residentId, userId));
      await tx.update(credentials).set({ holderClosedAt: now }).where(eq(credentials.residentId, userId));
      return discarded.map((f) => f.id);
    },

    async insertClosure(tx: DbOrTx, row: typeof accountClosures.$inferInsert) {
      await tx.insert(accountClosures).values(row);
    },
  };
}

export type PrivacyRepository = ReturnType<typeof createPrivacyRepository>;
