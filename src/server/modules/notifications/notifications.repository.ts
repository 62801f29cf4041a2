// All SQL of the residents' inbox and the SMS outbox.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { notifications } from '../../db/schema/index';
import { rowsOf } from '../../kernel/rate-limit';
import { plannedInsert as plannedRows } from '../../db/planned';

export type NotificationRow = typeof notifications.$inferSelect;

export function createNotificationsRepository(db: Db) {
  /** The insert, built and not sent (a notice whose dedupe key was used already is skipped): see `insert`. */
  const plannedInsert = (tx: DbOrTx, row: typeof notifications.$inferInsert) =>
    plannedRows(tx, 'notifications', [row], (db, rows) => db.insert(notifications).values(rows).onConflictDoNothing().returning({ id: notifications.id }));

  return {
    plannedInsert,
    /** False when a notice with the same dedupe key already reached this user. */
    async insert(tx: DbOrTx, row: typeof notifications.$inferInsert): Promise<boolean> {
      return (await plannedInsert(tx, row)).length === 1;
    },

    /** A page of the inbox with its total and the unread count, in one round trip (window counts). */
    async list(userId: string, f: { unread?: boolean; limit: number; offset: number }) {
      const where = and(eq(notifications.userId, userId), f.unread ? isNull(notifications.readAt) : undefined);
      const page = await db
        .select({
          row: notifications,
          total: sql<number>`count(*) over ()`,
          unread: sql<number>`count(*) filter (where ${notifications.readAt} is null) over ()`,
        })
        .from(notifications)
        .where(where)
        .orderBy(desc(notifications.seq))
        .limit(f.limit)
        .offset(f.offset);
      if (page.length) return { rows: page.map((p) => p.row), total: Number(page[0].total), unread: Number(page[0].unread) };
      // Past the last page (or an empty inbox) the window has no row to ride on: count apart.
      const [{ n }] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(notifications)
        .where(where);
      return { rows: [], total: Number(n), unread: f.unread ? Number(n) : await this.unreadCount(userId) };
    },

    async unreadCount(userId: string): Promise<number> {
      const [{ n }] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(notifications)
        .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
      return Number(n);
    },

    async markRead(userId: string, id: string | null, at: Date): Promise<number> {
      const rows = await db
        .update(notifications)
        .set({ readAt: at })
        .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), id ? eq(notifications.id, id) : undefined))
        .returning({ id: notifications.id });
      return rows.length;
    },

    async exists(userId: string, id: string): Promise<boolean> {
      const [row] = await db
        .select({ id: notifications.id })
        .from(notifications)
        .where(and(eq(notifications.userId, userId), eq(notifications.id, id)))
        .limit(1);
      return !!row;
    },

    /**
     * Claims up to `limit` notices waiting for their SMS copy: rows locked by another process are skipped,
     * so several processes deliver without sending one message twice.
     */
    async claimSms(tx: DbOrTx, limit: number): Promise<NotificationRow[]> {
      const ids = rowsOf<{ id: string }>(
        await tx.execute(sql`select id from notifications where sms_status = 'pending' order by seq limit ${limit} for update skip locked`),
      ).map((r) => r.id);
      if (!ids.length) return [];
      return tx
        .update(notifications)
        .set({ smsStatus: 'sending' })
        .where(sql`${notifications.id} in ${ids}`)
        .returning();
    },

    /** Text copies still waiting that were written before a moment: their moment has passed. */
    async expireSmsBefore(before: Date): Promise<number> {
      return (
        await db
          .update(notifications)
          .set({ smsStatus: 'expired' })
          .where(sql`${notifications.smsStatus} = 'pending' and ${notifications.createdAt} < ${before}`)
          .returning({ id: notifications.id })
      ).length;
    },

    async setSmsStatus(ids: string[], status: string) {
      if (ids.length)
        await db
          .update(notifications)
          .set({ smsStatus: status })
          .where(sql`${notifications.id} in ${ids}`);
    },
  };
}

export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
