import { z } from 'zod';
import type { App } from '../../http/app';
import { created, idParam, routeOptions } from '../../http/route-options';
import { pageQuery } from '../../kernel/pagination';
import { partnerInput, partnerPatch, PARTNER_STATUSES } from '../../../contracts/partners';
import type { PartnersService } from './partners.service';
import { partnerPage, partnerDetail, partnerCreated, partnerAnswer } from '../../../contracts/partners';

const route = routeOptions(['partners']);

const ifMatch = z.object({
  'if-match': z
    .string()
    .regex(/^(W\/)?"\d+"$/)
    .optional(),
});

export function partnerRoutes(partners: PartnersService) {
  return (app: App) => {
    app.get(
      '/api/partners',
      route({ querystring: z.object({ ...pageQuery, status: z.enum(PARTNER_STATUSES).optional() }), response: { 200: partnerPage } }),
      (req) => partners.list(req.ctx, req.query),
    );

    app.get('/api/partners/:id', route({ params: idParam, response: { 200: partnerDetail } }), async (req, reply) => {
      const item = await partners.get(req.ctx, req.params.id);
      return reply.header('ETag', `"${item.version}"`).send(item);
    });

    app.post(
      '/api/partners',
      route('Register a partner platform; the answer carries its secret, shown this once', { body: partnerInput, response: { 201: partnerCreated } }),
      (req, reply) => created(reply, partners.create(req.ctx, req.body)),
    );

    app.patch('/api/partners/:id', route({ params: idParam, body: partnerPatch, headers: ifMatch, response: { 200: partnerAnswer } }), async (req, reply) => {
      const header = req.headers['if-match'];
      const item = await partners.update(req.ctx, req.params.id, req.body, header ? Number(header.replace(/^W\//, '').replace(/"/g, '')) : undefined);
      return reply.header('ETag', `"${item.version}"`).send(item);
    });

    app.post(
      '/api/partners/:id/secret-rotation',
      route('Issue a new secret; the old one stops working at once', { params: idParam, response: { 200: partnerCreated } }),
      (req) => partners.rotateSecret(req.ctx, req.params.id),
    );
  };
}
