// All SQL of linked identities: the links with their consent times, and e-mail verification codes.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { emailCodes, identityLinks } from '../../db/schema/index';

export type IdentityLinkRow = typeof identityLinks.$inferSelect;

export function createIdentitiesRepository(db: Db) {
  return {
    async activeLinks(residentId: string): Promise<IdentityLinkRow[]> {
      return db
        .select()
        .from(identityLinks)
        .where(and(eq(identityLinks.residentId, residentId), isNull(identityLinks.revokedAt)))
        .orderBy(identityLinks.consentedAt);
    },
    async activeLink(tx: DbOrTx, kind: string, value: string): Promise<IdentityLinkRow | null> {
      const [row] = await tx
        .select()
        .from(identityLinks)
        .where(and(eq(identityLinks.kind, kind), eq(identityLinks.value, value), isNull(identityLinks.revokedAt)));
      return row ?? null;
    },
    async insertLink(tx: DbOrTx, row: typeof identityLinks.$inferInsert) {
      await tx.insert(identityLinks).values(row);
    },
    async revoke(tx: DbOrTx, id: string, at: Date) {
      await tx
        .update(identityLinks)
        .set({ revokedAt: at })
        .where(and(eq(identityLinks.id, id), isNull(identityLinks.revokedAt)));
    },
    async insertEmailCode(row: typeof emailCodes.$inferInsert) {
      await db.insert(emailCodes).values(row);
    },
    async latestEmailCode(residentId: string, email: string) {
      const [row] = await db
        .select()
        .from(emailCodes)
        .where(and(eq(emailCodes.residentId, residentId), eq(emailCodes.email, email)))
        .orderBy(desc(emailCodes.createdAt))
        .limit(1);
      return row ?? null;
    },
    async countEmailAttempt(id: string) {
      await db
        .update(emailCodes)
        .set({ attempts: sql`${emailCodes.attempts} + 1` })
        .where(eq(emailCodes.id, id));
    },
    /** Uses the code up; false when someone else used it first. */
    async consumeEmailCode(tx: DbOrTx, id: string, at: Date): Promise<boolean> {
      const rows = await tx
        .update(emailCodes)
        .set({ consumedAt: at })
        .where(and(eq(emailCodes.id, id), isNull(emailCodes.consumedAt)))
        .returning({ id: emailCodes.id });
      return rows.length === 1;
    },
  };
}

export type IdentitiesRepository = ReturnType<typeof createIdentitiesRepository>;
