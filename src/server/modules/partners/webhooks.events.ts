// Which platform happenings become webhook events: every stored statement, the platform's own enrolment,
// credit and rating events, and every new learning archive record. All are written to the outbox inside
// the transaction that made them.
import type { ArchiveService } from '../archive/index';
import type { PlatformVerb, XapiService } from '../xapi/index';
import type { WebhookEvent } from './webhooks.policy';
import type { WebhooksService } from './webhooks.service';

const PLATFORM_EVENTS: Partial<Record<PlatformVerb, WebhookEvent>> = { enrolled: 'enrolment.created', credited: 'credit.issued', rated: 'rating.created' };

export function connectWebhooks(webhooks: WebhooksService, xapi: XapiService, archive: ArchiveService) {
  xapi.onStored((tx, entries) => {
    const events = entries.flatMap((e) => {
      const origin = { originPartnerId: e.partnerId, regionCode: e.regionCode };
      const platform = e.platformVerb ? PLATFORM_EVENTS[e.platformVerb] : undefined;
      return [
        { type: 'statement.stored' as const, origin, data: e.statement },
        ...(platform
          ? [
              {
                type: platform,
                origin,
                data: {
                  residentId: e.residentId,
                  statementId: e.statementId,
                  verb: e.platformVerb,
                  object: e.statement.object,
                  result: e.statement.result ?? null,
                  timestamp: e.statement.timestamp,
                },
              },
            ]
          : []),
      ];
    });
    return webhooks.plannedEmit(tx, events);
  });

  archive.onRecorded(async (tx, r) => {
    const partnerId = (r.details as { partnerId?: string } | null)?.partnerId ?? null;
    await webhooks.emit(tx, [
      {
        type: 'learning.recorded',
        origin: { originPartnerId: partnerId, regionCode: r.regionCode },
        data: {
          recordId: r.id,
          residentId: r.residentId,
          sourceType: r.sourceType,
          sourceId: r.sourceId,
          title: r.title,
          hours: Number(r.hours),
          outcome: r.outcome,
          provider: r.provider,
          occurredAt: r.occurredAt.toISOString(),
        },
      },
    ]);
  });
}
