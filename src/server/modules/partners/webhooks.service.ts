// Webhooks: partners subscribe to events; each event is written to an outbox in the event's own
// transaction, and a worker on the shared scheduler delivers it signed (HMAC-SHA256 over timestamp and
// body), with a timeout, exponential back-off and a log of every attempt. The request path never waits
// for a partner's endpoint.
import { createHmac, randomBytes } from 'node:crypto';
import type { Db, DbOrTx } from '../../db/client';
import type { PlannedWrite } from '../../db/write-together';
import type { AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import type { FieldCipher } from '../../kernel/crypto';
import type { RequestContext } from '../../kernel/actor';
import { invalidField, NotFound } from '../../kernel/errors';
import { isPlainlyPrivateHost, publicOnlyFetch } from '../../kernel/egress';
import { isUuid, newId } from '../../kernel/ids';
import { offsetOf, pageOf, type PageRequest } from '../../kernel/pagination';
import type { PartnerCaller } from '../xapi/index';
import type { PartnersService } from './partners.service';
import type { DeliveryRow, SubscriptionRow, WebhooksRepository } from './webhooks.repository';
import { mayReceive, retryDelaySeconds, TIMEOUT_MS, type WebhookEvent } from './webhooks.policy';

export const SIGNATURE_HEADER = 'X-Learncity-Signature';
const LEASE_SECONDS = 60;
const BATCH = 20;

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: what a receiver recomputes to trust a delivery. */
export function signatureOf(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface EventOrigin {
  /** The partner whose request caused the event (always told), or null for the platform's own. */
  originPartnerId: string | null;
  /** The home region of the resident it is about, when known: partners limited to a region hear only of theirs. */
  regionCode: string | null;
}

export function createWebhooksService(deps: {
  db: Db;
  repo: WebhooksRepository;
  clock: Clock;
  audit: AuditWriter;
  cipher: FieldCipher;
  partners: PartnersService;
  /** Deliver to loopback and private addresses too (an intranet installation, tests); public ones only otherwise. */
  privateTargets?: boolean;
  fetch?: typeof fetch;
}) {
  const { repo, clock } = deps;
  const send = deps.fetch ?? (deps.privateTargets ? fetch : publicOnlyFetch);
  const checkTarget = (url: string | undefined) => {
    if (url && !deps.privateTargets && isPlainlyPrivateHost(url)) throw invalidField('url', 'webhook.url_private');
  };

  const presentSubscription = (s: SubscriptionRow) => ({
    id: s.id,
    partnerId: s.partnerId,
    url: s.url,
    eventTypes: s.eventTypes,
    status: s.status,
    createdAt: s.createdAt.toISOString(),
  });

  async function subscriptionOf(partnerId: string, id: string) {
    const row = isUuid(id) ? await repo.subscription(partnerId, id) : null;
    if (!row) throw new NotFound('webhook.not_found');
    return row;
  }

  // Every stored statement asks who listens: kept per process, dropped on any change to subscriptions or
  // partners here or (by the database's notification, migration 0026) in any process.
  let listenersCache: { generation: number; rows: Promise<Awaited<ReturnType<WebhooksRepository['activeListeners']>>> } | null = null;
  let listenersGeneration = 0;
  const forgetListeners = () => {
    listenersGeneration++;
    listenersCache = null;
  };
  function activeListeners(tx: DbOrTx) {
    if (listenersCache?.generation === listenersGeneration) return listenersCache.rows;
    const entry = { generation: listenersGeneration, rows: repo.activeListeners(tx) };
    entry.rows.catch(() => {
      if (listenersCache === entry) listenersCache = null;
    });
    listenersCache = entry;
    return entry.rows;
  }

  /** The outbox rows for these events (one for each partner listening), built for the caller's transaction to send. */
  async function plannedEmit(tx: DbOrTx, events: { type: WebhookEvent; origin: EventOrigin; data: unknown }[]): Promise<PlannedWrite[]> {
    if (!events.length) return [];
    const types = new Set<string>(events.map((e) => e.type));
    const listeners = (await activeListeners(tx)).filter((l) => l.eventTypes.some((t) => types.has(t)));
    if (!listeners.length) return [];
    const now = clock.now();
    const rows = [];
    for (const event of events) {
      const eventId = newId();
      const body = JSON.stringify({ id: eventId, type: event.type, occurredAt: now.toISOString(), data: event.data });
      for (const l of listeners) {
        if (!l.eventTypes.includes(event.type) || !mayReceive({ id: l.partnerId, scopes: l.scopes, regionCode: l.regionCode }, event.origin)) continue;
        rows.push({
          id: newId(),
          subscriptionId: l.id,
          partnerId: l.partnerId,
          eventType: event.type,
          eventId,
          body,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          createdAt: now,
        });
      }
    }
    return repo.plannedEnqueue(tx, rows);
  }

  /** Writes the outbox rows for these events inside the caller's transaction. */
  async function emit(tx: DbOrTx, events: { type: WebhookEvent; origin: EventOrigin; data: unknown }[]) {
    for (const write of await plannedEmit(tx, events)) await write;
  }

  async function attempt(d: Awaited<ReturnType<WebhooksRepository['claimDue']>>[number]) {
    const timestamp = Math.floor(clock.now().getTime() / 1000);
    const started = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const res = await send(d.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
        body: d.body,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'learncity-webhooks',
          'x-learncity-event': d.eventType,
          'x-learncity-delivery': d.id,
          [SIGNATURE_HEADER]: signatureOf(deps.cipher.decrypt(d.secretEncrypted), timestamp, d.body),
        },
      });
      statusCode = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
    } catch (e) {
      const err = e as Error & { cause?: { code?: string; message?: string; errors?: { code?: string }[] } };
      const cause = err.cause?.code ?? err.cause?.errors?.[0]?.code ?? err.cause?.message;
      error =
        err.name === 'TimeoutError'
          ? `timed out after ${TIMEOUT_MS / 1000} s`
          : (cause ? `${cause}: ${err.message}` : `${err.name}: ${err.message}`).slice(0, 500);
    }
    const latencyMs = Math.round(performance.now() - started);
    const attempts = d.attempts + 1;
    const now = clock.now();
    const delay = error ? retryDelaySeconds(attempts) : null;
    await repo.recordAttempt(
      { deliveryId: d.id, attempt: attempts, at: now, statusCode, latencyMs, error },
      {
        attempts,
        lastAttemptAt: now,
        ...(error === null
          ? { status: 'succeeded', deliveredAt: now }
          : delay === null
            ? { status: 'failed' }
            : { nextAttemptAt: new Date(now.getTime() + delay * 1000) }),
      },
    );
    return error === null;
  }

  /** One worker pass: claims due deliveries and sends them side by side. Returns how many were sent and succeeded. */
  async function deliverDue(): Promise<{ sent: number; succeeded: number }> {
    const now = clock.now();
    const claimed = await repo.claimDue(now, new Date(now.getTime() + LEASE_SECONDS * 1000), BATCH);
    const results = await Promise.all(claimed.map(attempt));
    return { sent: claimed.length, succeeded: results.filter(Boolean).length };
  }

  function presentDeliveries(
    rows: DeliveryRow[],
    attempts: { deliveryId: string; attempt: number; at: Date; statusCode: number | null; latencyMs: number; error: string | null }[],
  ) {
    return rows.map((d) => ({
      id: d.id,
      eventType: d.eventType,
      eventId: d.eventId,
      status: d.status,
      attempts: d.attempts,
      nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null,
      createdAt: d.createdAt.toISOString(),
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
      log: attempts
        .filter((a) => a.deliveryId === d.id)
        .map((a) => ({ attempt: a.attempt, at: a.at.toISOString(), statusCode: a.statusCode, latencyMs: a.latencyMs, error: a.error })),
    }));
  }

  /** What both faces (console and the partner's own API) do, once the partner is known. */
  function forPartner(partnerId: string, ctx: RequestContext | null, ownerRegionCode: string) {
    const audit = (tx: DbOrTx, action: string, entityId: string, details?: Record<string, unknown>) =>
      ctx
        ? deps.audit(tx, ctx, { action, entityType: 'webhook', entityId, regionCode: ownerRegionCode, details: { partnerId, ...details } })
        : Promise.resolve();
    return {
      async list() {
        return { items: (await repo.subscriptions(partnerId)).map(presentSubscription) };
      },
      /** The secret is in this answer only. */
      async create(input: { url: string; eventTypes: WebhookEvent[] }) {
        checkTarget(input.url);
        const id = newId();
        const secret = `whsec_${randomBytes(24).toString('base64url')}`;
        await deps.db.transaction(async (tx) => {
          forgetListeners();
          await repo.insertSubscription(tx, {
            id,
            partnerId,
            url: input.url,
            secretEncrypted: deps.cipher.encrypt(secret),
            eventTypes: [...new Set(input.eventTypes)],
            status: 'active',
            createdAt: clock.now(),
          });
          await audit(tx, 'webhook.create', id, { url: input.url, eventTypes: input.eventTypes });
        });
        return { ...presentSubscription((await repo.subscription(partnerId, id))!), secret };
      },
      async update(id: string, patch: { url?: string; eventTypes?: WebhookEvent[]; status?: 'active' | 'disabled' }) {
        await subscriptionOf(partnerId, id);
        checkTarget(patch.url);
        await deps.db.transaction(async (tx) => {
          forgetListeners();
          await repo.updateSubscription(tx, id, {
            ...(patch.url && { url: patch.url }),
            ...(patch.eventTypes && { eventTypes: [...new Set(patch.eventTypes)] }),
            ...(patch.status && { status: patch.status }),
          });
          await audit(tx, 'webhook.update', id, { ...patch });
        });
        return presentSubscription((await repo.subscription(partnerId, id))!);
      },
      async remove(id: string) {
        await subscriptionOf(partnerId, id);
        await deps.db.transaction(async (tx) => {
          forgetListeners();
          await repo.deleteSubscription(tx, id);
          await audit(tx, 'webhook.delete', id);
        });
      },
      async deliveries(q: PageRequest & { status?: string }) {
        const { rows, total, attempts } = await repo.deliveries({ partnerId, status: q.status, limit: q.pageSize, offset: offsetOf(q) });
        return pageOf(q, presentDeliveries(rows, attempts), total);
      },
      /** Sends a delivery again (a failed one, or one the partner lost): a fresh cycle of attempts from now. */
      async redeliver(id: string) {
        const row = isUuid(id) ? await repo.delivery(partnerId, id) : null;
        if (!row) throw new NotFound('webhook.delivery_not_found');
        await deps.db.transaction(async (tx) => {
          await repo.requeue(tx, id, clock.now());
          await audit(tx, 'webhook.redeliver', id);
        });
        return { id, status: 'pending' as const, nextAttemptAt: clock.now().toISOString() };
      },
    };
  }

  return {
    emit,
    plannedEmit,
    /** Subscriptions or partners changed (the change feed). */
    forgetListeners,
    deliverDue,
    /** Staff who manage the partner (404 otherwise); every change is audited. */
    async console(ctx: RequestContext, partnerId: string) {
      const partner = await deps.partners.manageable(ctx, partnerId);
      return forPartner(partner.id, ctx, partner.ownerRegionCode);
    },
    /** The partner itself, authenticated with its Basic credentials. */
    asPartner: (p: PartnerCaller) => forPartner(p.id, null, ''),
  };
}

export type WebhooksService = ReturnType<typeof createWebhooksService>;
