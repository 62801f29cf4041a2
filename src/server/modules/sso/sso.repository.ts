// All SQL of single sign-on: flows in progress (state, nonce, PKCE verifier; then a pending link) and linked provider accounts.
import { and, eq, lt } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { ssoFlows, ssoIdentities } from '../../db/schema/index';

export type SsoFlowRow = typeof ssoFlows.$inferSelect;

export function createSsoRepository(db: Db) {
  return {
    async insertFlow(row: typeof ssoFlows.$inferInsert) {
      await db.insert(ssoFlows).values(row);
    },
    /** Takes the flow of this state out (one use only). */
    async takeFlow(stateHash: string): Promise<SsoFlowRow | null> {
      const [row] = await db.delete(ssoFlows).where(eq(ssoFlows.stateHash, stateHash)).returning();
      return row ?? null;
    },
    async insertPending(row: typeof ssoFlows.$inferInsert) {
      await db.insert(ssoFlows).values(row);
    },
    async pending(pendingHash: string): Promise<SsoFlowRow | null> {
      const [row] = await db.select().from(ssoFlows).where(eq(ssoFlows.pendingHash, pendingHash));
      return row ?? null;
    },
    async deleteFlow(tx: DbOrTx, id: string) {
      await tx.delete(ssoFlows).where(eq(ssoFlows.id, id));
    },
    async purgeExpired(now: Date) {
      await db.delete(ssoFlows).where(lt(ssoFlows.expiresAt, now));
    },
    async identity(issuer: string, subject: string) {
      const [row] = await db
        .select()
        .from(ssoIdentities)
        .where(and(eq(ssoIdentities.issuer, issuer), eq(ssoIdentities.subject, subject)));
      return row ?? null;
    },
    async touchIdentity(issuer: string, subject: string, at: Date) {
      await db
        .update(ssoIdentities)
        .set({ lastLoginAt: at })
        .where(and(eq(ssoIdentities.issuer, issuer), eq(ssoIdentities.subject, subject)));
    },
    async insertIdentity(tx: DbOrTx, row: typeof ssoIdentities.$inferInsert) {
      await tx.insert(ssoIdentities).values(row).onConflictDoNothing();
    },
  };
}

export type SsoRepository = ReturnType<typeof createSsoRepository>;
