import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../http/app';
import { accepted, idParam, routeOptions } from '../../http/route-options';
import { Unauthenticated } from '../../kernel/errors';
import { pageQuery } from '../../kernel/pagination';
import { webhookInput, webhookPatch } from '../../../contracts/partners';
import type { PartnersService } from './partners.service';
import type { WebhooksService } from './webhooks.service';
import { webhookList, webhookCreated, webhookAnswer, deliveryPage, redeliveryQueued } from '../../../contracts/partners';
import { noContent } from '../../../contracts/answer-shapes';

const route = routeOptions(['webhooks']);

const hookParam = z.object({ id: z.string().max(64), webhookId: z.string().max(64) });
const deliveryParam = z.object({ id: z.string().max(64), deliveryId: z.string().max(64) });
const deliveriesQuery = z.object({ ...pageQuery, status: z.enum(['pending', 'succeeded', 'failed']).optional() });

export function webhookRoutes(webhooks: WebhooksService, partners: PartnersService) {
  /** The partner's own face: its Basic credentials, as on /xapi. */
  async function asPartner(req: FastifyRequest) {
    const m = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
    const decoded = m ? Buffer.from(m[1], 'base64').toString('utf8') : '';
    const i = decoded.indexOf(':');
    const partner = i > 0 ? await partners.authenticate(decoded.slice(0, i), decoded.slice(i + 1)) : null;
    if (!partner) throw new Unauthenticated('partner.basic_required');
    return webhooks.asPartner(partner);
  }

  return (app: App) => {
    // Console: staff who manage the partner.
    app.get('/api/partners/:id/webhooks', route({ params: idParam, response: { 200: webhookList } }), async (req) =>
      (await webhooks.console(req.ctx, req.params.id)).list(),
    );
    app.post(
      '/api/partners/:id/webhooks',
      route('Subscribe the partner to events; the signing secret is shown this once', {
        params: idParam,
        body: webhookInput,
        response: { 201: webhookCreated },
      }),
      async (req, reply) => reply.status(201).send(await (await webhooks.console(req.ctx, req.params.id)).create(req.body)),
    );
    app.patch('/api/partners/:id/webhooks/:webhookId', route({ params: hookParam, body: webhookPatch, response: { 200: webhookAnswer } }), async (req) =>
      (await webhooks.console(req.ctx, req.params.id)).update(req.params.webhookId, req.body),
    );
    app.delete('/api/partners/:id/webhooks/:webhookId', route({ params: hookParam, response: { 204: noContent } }), async (req, reply) => {
      await (await webhooks.console(req.ctx, req.params.id)).remove(req.params.webhookId);
      return reply.status(204).send(null);
    });
    app.get(
      '/api/partners/:id/webhook-deliveries',
      route('Deliveries with every attempt (status, latency, error)', { params: idParam, querystring: deliveriesQuery, response: { 200: deliveryPage } }),
      async (req) => (await webhooks.console(req.ctx, req.params.id)).deliveries(req.query),
    );
    app.post(
      '/api/partners/:id/webhook-deliveries/:deliveryId/redelivery',
      route({ params: deliveryParam, response: { 202: redeliveryQueued } }),
      async (req, reply) => accepted(reply, (await webhooks.console(req.ctx, req.params.id)).redeliver(req.params.deliveryId)),
    );

    // The partner's own API, with its Basic credentials.
    app.get('/api/partner/webhooks', route({ response: { 200: webhookList } }), async (req) => (await asPartner(req)).list());
    app.post(
      '/api/partner/webhooks',
      route('Subscribe to events (partner credentials); the signing secret is shown this once', {
        body: webhookInput,
        response: { 201: webhookCreated },
      }),
      async (req, reply) => reply.status(201).send(await (await asPartner(req)).create(req.body)),
    );
    app.patch(
      '/api/partner/webhooks/:webhookId',
      route({ params: z.object({ webhookId: z.string().max(64) }), body: webhookPatch, response: { 200: webhookAnswer } }),
      async (req) => (await asPartner(req)).update(req.params.webhookId, req.body),
    );
    app.delete(
      '/api/partner/webhooks/:webhookId',
      route({ params: z.object({ webhookId: z.string().max(64) }), response: { 204: noContent } }),
      async (req, reply) => {
        await (await asPartner(req)).remove(req.params.webhookId);
        return reply.status(204).send(null);
      },
    );
    app.get('/api/partner/webhook-deliveries', route({ querystring: deliveriesQuery, response: { 200: deliveryPage } }), async (req) =>
      (await asPartner(req)).deliveries(req.query),
    );
    app.post(
      '/api/partner/webhook-deliveries/:deliveryId/redelivery',
      route({ params: z.object({ deliveryId: z.string().max(64) }), response: { 202: redeliveryQueued } }),
      async (req, reply) => accepted(reply, (await asPartner(req)).redeliver(req.params.deliveryId)),
    );
  };
}
