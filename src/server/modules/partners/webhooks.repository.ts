// All SQL of webhooks: subscriptions, the delivery outbox (claimed with FOR UPDATE SKIP LOCKED) and the attempt log.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { selectPage } from '../../db/paged-select';
import { partners, webhookAttempts, webhookDeliveries, webhookSubscriptions } from '../../db/schema/index';
import { rowsOf } from '../../kernel/rate-limit';

export type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export interface ClaimedDelivery {
  id: string;
  body: string;
  eventType: string;
  attempts: number;
  url: string;
  secretEncrypted: string;
}

export function createWebhooksRepository(db: Db) {
  return {
    async insertSubscription(tx: DbOrTx, row: typeof webhookSubscriptions.$inferInsert) {
      await tx.insert(webhookSubscriptions).values(row);
    },
    async subscription(partnerId: string, id: string): Promise<SubscriptionRow | null> {
      const [row] = await db
        .select()
        .from(webhookSubscriptions)
        .where(and(eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.partnerId, partnerId)));
      return row ?? null;
    },
    async subscriptions(partnerId: string): Promise<SubscriptionRow[]> {
      return db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.partnerId, partnerId)).orderBy(desc(webhookSubscriptions.createdAt));
    },
    async updateSubscription(tx: DbOrTx, id: string, patch: Partial<typeof webhookSubscriptions.$inferInsert>) {
      await tx.update(webhookSubscriptions).set(patch).where(eq(webhookSubscriptions.id, id));
    },
    async deleteSubscription(tx: DbOrTx, id: string) {
      await tx.delete(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
    },

    /** Active subscriptions of active partners, with what decides what each partner may receive. */
    async activeListeners(tx: DbOrTx) {
      return tx
        .select({
          id: webhookSubscriptions.id,
          partnerId: webhookSubscriptions.partnerId,
          eventTypes: webhookSubscriptions.eventTypes,
          scopes: partners.scopes,
          regionCode: partners.regionCode,
        })
        .from(webhookSubscriptions)
        .innerJoin(partners, eq(partners.id, webhookSubscriptions.partnerId))
        .where(and(eq(webhookSubscriptions.status, 'active'), eq(partners.status, 'active')));
    },

    /** The outbox rows' inserts (500 rows each), built and not sent. */
    plannedEnqueue(tx: DbOrTx, rows: (typeof webhookDeliveries.$inferInsert)[]) {
      const inserts = [];
      for (let i = 0; i < rows.length; i += 500) inserts.push(tx.insert(webhookDeliveries).values(rows.slice(i, i + 500)));
      return inserts;
    },

    /**
     * Takes up to `limit` due deliveries for this process: rows another process holds are skipped (SKIP
     * LOCKED), and the lease keeps them out of other claims while the HTTP requests run outside any transaction.
     */
    async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]> {
      return db.transaction(async (tx) => {
        const due = rowsOf<{ id: string }>(
          await tx.execute(sql`
          select id from webhook_deliveries
          where status = 'pending' and next_attempt_at <= ${now.toISOString()} and (lease_until is null or lease_until < ${now.toISOString()})
          order by next_attempt_at limit ${limit} for update skip locked`),
        );
        if (!due.length) return [];
        const ids = due.map((r) => r.id);
        await tx.update(webhookDeliveries).set({ leaseUntil }).where(inArray(webhookDeliveries.id, ids));
        return tx
          .select({
            id: webhookDeliveries.id,
            body: webhookDeliveries.body,
            eventType: webhookDeliveries.eventType,
            attempts: webhookDeliveries.attempts,
            url: webhookSubscriptions.url,
            secretEncrypted: webhookSubscriptions.secretEncrypted,
          })
          .from(webhookDeliveries)
          .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
          .where(inArray(webhookDeliveries.id, ids));
      });
    },

    async recordAttempt(attempt: typeof webhookAttempts.$inferInsert, update: Partial<typeof webhookDeliveries.$inferInsert>) {
      await db.transaction(async (tx) => {
        await tx.insert(webhookAttempts).values(attempt);
        await tx
          .update(webhookDeliveries)
          .set({ ...update, leaseUntil: null })
          .where(eq(webhookDeliveries.id, attempt.deliveryId));
      });
    },

    async deliveries(f: { partnerId: string; status?: string; limit: number; offset: number }) {
      const where = and(eq(webhookDeliveries.partnerId, f.partnerId), f.status ? eq(webhookDeliveries.status, f.status) : undefined);
      const { rows, total } = await selectPage(db, webhookDeliveries, where, [desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id)], {
        limit: f.limit,
        offset: f.offset,
      });
      const attempts = rows.length
        ? await db
            .select()
            .from(webhookAttempts)
            .where(
              inArray(
                webhookAttempts.deliveryId,
                rows.map((r) => r.id),
              ),
            )
            .orderBy(webhookAttempts.id)
        : [];
      return { rows, total, attempts };
    },
    async delivery(partnerId: string, id: string): Promise<DeliveryRow | null> {
      const [row] = await db
        .select()
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.partnerId, partnerId)));
      return row ?? null;
    },
    async requeue(tx: DbOrTx, id: string, now: Date) {
      await tx.update(webhookDeliveries).set({ status: 'pending', attempts: 0, nextAttemptAt: now, leaseUntil: null }).where(eq(webhookDeliveries.id, id));
    },
  };
}

export type WebhooksRepository = ReturnType<typeof createWebhooksRepository>;
