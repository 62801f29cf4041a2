// The residents' inbox (list, unread count, mark read) and SMS copies sent through the pluggable sender
// after the transaction that wrote the notice has committed (an outbox delivered by the scheduler).
import type { Db, DbOrTx } from '../../db/client';
import type { PlannedWrite } from '../../db/write-together';
import type { Clock } from '../../kernel/clock';
import { requireSignedIn, type RequestContext } from '../../kernel/actor';
import { NotFound } from '../../kernel/errors';
import { newId, isUuid } from '../../kernel/ids';
import { translate, type Locale } from '../../kernel/messages';
import { offsetOf, pageOf, type PageRequest } from '../../kernel/pagination';
import { isSmsKind, type SmsDelivery, type SmsMessage } from '../sms/index';
import { RateLimited } from '../../kernel/errors';
import type { NotificationRow, NotificationsRepository } from './notifications.repository';

export interface Notice {
  residentId: string;
  kind: string;
  title: string;
  body: string;
  link?: string;
  /** Also send the body by SMS to the resident's verified phone. */
  sms?: boolean;
  /** At most one notice per user with this key (scheduled reminders, deadlines). */
  dedupeKey?: string;
  /** The SMS copy as a provider template: its kind (a key of SMS_KINDS) and variables. */
  smsTemplate?: { kind: string; params: Record<string, string> };
}

export interface Contacts {
  contactsOf(userIds: string[], tx?: DbOrTx): Promise<Map<string, { phone: string | null; locale: Locale }>>;
}

export function createNotificationsService(deps: { db: Db; repo: NotificationsRepository; clock: Clock; sms: SmsDelivery; contacts: Contacts }) {
  const { repo, clock } = deps;

  const present = (n: NotificationRow) => ({
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    isRead: !!n.readAt,
    readAt: n.readAt?.toISOString() ?? null,
    createdAt: n.createdAt.toISOString(),
  });

  const row = (n: Notice) => ({
    id: newId(),
    userId: n.residentId,
    kind: n.kind,
    title: n.title.slice(0, 200),
    body: n.body,
    link: n.link ?? null,
    dedupeKey: n.dedupeKey ?? null,
    smsStatus: n.sms ? 'pending' : 'none',
    createdAt: clock.now(),
    smsKind: n.sms ? (n.smsTemplate?.kind ?? null) : null,
    smsParams: n.sms ? (n.smsTemplate?.params ?? null) : null,
  });
  const send = (tx: DbOrTx, n: Notice): Promise<boolean> => repo.insert(tx, row(n));

  /** A notice from message keys in the given language (`<key>.title` and `<key>.body`) with its SMS template. */
  const translated = (
    n: { residentId: string; kind: string; key: string; params?: Record<string, string | number>; link?: string; sms?: boolean; dedupeKey?: string },
    locale: Locale,
  ): Notice => ({
    ...n,
    title: translate(`${n.key}.title`, locale, n.params),
    body: translate(`${n.key}.body`, locale, n.params),
    smsTemplate: { kind: n.key, params: Object.fromEntries(Object.entries(n.params ?? {}).map(([k, v]) => [k, String(v)])) },
  });

  return {
    send,

    /**
     * A notice written from message keys in the recipient's own language: `<key>.title` and `<key>.body`.
     * Returns false when a notice with the same dedupe key was already sent.
     */
    async sendTranslated(
      tx: DbOrTx,
      n: {
        residentId: string;
        kind: string;
        key: string;
        params?: Record<string, string | number>;
        link?: string;
        sms?: boolean;
        dedupeKey?: string;
        locale?: Locale;
      },
    ) {
      const locale = n.locale ?? (await deps.contacts.contactsOf([n.residentId], tx)).get(n.residentId)?.locale ?? 'zh-CN';
      return send(tx, translated(n, locale));
    },

    /** `sendTranslated`'s insert built and not sent (for `writeTogether`), in a language already known. */
    plannedTranslated: (tx: DbOrTx, n: Parameters<typeof translated>[0], locale: Locale): PlannedWrite => repo.plannedInsert(tx, row(translated(n, locale))),

    async list(ctx: RequestContext, f: PageRequest & { unread?: boolean }) {
      const actor = requireSignedIn(ctx);
      const { rows, total, unread } = await repo.list(actor.userId, { unread: f.unread, limit: f.pageSize, offset: offsetOf(f) });
      return { ...pageOf(f, rows.map(present), total), unread };
    },

    async unreadCount(ctx: RequestContext) {
      const actor = requireSignedIn(ctx);
      return { unread: await repo.unreadCount(actor.userId) };
    },

    async markRead(ctx: RequestContext, id: string) {
      const actor = requireSignedIn(ctx);
      if (!isUuid(id) || !(await repo.exists(actor.userId, id))) throw new NotFound('notification.not_found');
      await repo.markRead(actor.userId, id, clock.now());
      return { unread: await repo.unreadCount(actor.userId) };
    },

    async markAllRead(ctx: RequestContext) {
      const actor = requireSignedIn(ctx);
      await repo.markRead(actor.userId, null, clock.now());
      return { unread: 0 };
    },

    /** Sends the SMS copies waiting in the outbox (the scheduler runs this; tests call it). Returns how many were sent. */
    /**
     * Text copies of notices written before `before` are not sent: the demo year writes months of notices in
     * the past, and nobody should receive "your class starts next week" for a class that ended in spring.
     */
    expireSmsBefore: (before: Date) => repo.expireSmsBefore(before),

    async deliverSms(batch = 100): Promise<number> {
      // Nothing is claimed while the day's allowance is used up; the notices wait, and expire after a day.
      if (
        !(await deps.sms.assertBudget().then(
          () => true,
          (e) => (e instanceof RateLimited ? false : Promise.reject(e)),
        ))
      )
        return 0;
      let sent = 0;
      for (;;) {
        const claimed = await deps.db.transaction((tx) => repo.claimSms(tx, batch));
        if (!claimed.length) return sent;
        const contacts = await deps.contacts.contactsOf(claimed.map((n) => n.userId));
        const ids: Record<'sent' | 'failed' | 'waiting', string[]> = { sent: [], failed: [], waiting: [] };
        const sendable: { id: string; phone: string; message: SmsMessage }[] = [];
        for (const n of claimed) {
          const phone = contacts.get(n.userId)?.phone;
          const kind = n.smsKind ?? '';
          // A key missing from SMS_KINDS has no provider template: the copy fails, visibly in sms_status.
          if (!phone || !isSmsKind(kind)) ids.failed.push(n.id);
          else sendable.push({ id: n.id, phone, message: { kind, params: n.smsParams ?? {}, text: `【学城】${n.title}：${n.body}` } });
        }
        // When the allowance runs out meanwhile (another process took the rest), the notices left wait.
        const results = await deps.sms.sendAll(sendable);
        sendable.forEach((s, i) => ids[results[i]].push(s.id));
        await repo.setSmsStatus(ids.sent, 'sent');
        await repo.setSmsStatus(ids.failed, 'failed');
        await repo.setSmsStatus(ids.waiting, 'pending');
        sent += ids.sent.length;
        if (claimed.length < batch || ids.waiting.length) return sent;
      }
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
