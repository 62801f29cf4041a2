import { z } from 'zod';
import type { App } from '../../http/app';
import { created, routeOptions } from '../../http/route-options';
import { ifMatchHeader, versionOf, withEtag } from '../../http/versioned-answers';
import { receiveWorkbook, sendWorkbook } from '../../http/workbook-transfer';
import { pageQuery } from '../../kernel/pagination';
import { venueInput, venuePatch, bookingInput, bookingDecision, VENUE_UNIT_KINDS, BOOKING_STATUSES } from '../../../contracts/venues';
import { BULK_VENUE_ACTIONS, type VenuesService } from './venues.service';
import type { BookingsService } from './bookings.service';
import type { VenuesExcel } from './venues.excel';
import type { JobsService } from '../jobs/index';
import {
  venuePage,
  summaryAnswer,
  venueImportStarted,
  venueDetail,
  bulkAnswer,
  calendarAnswer,
  venueBookingPage,
  venueBookingDetail,
} from '../../../contracts/venues';
import { fileBody } from '../../../contracts/answer-shapes';
import { requireStaff } from '../../kernel/actor';

const route = routeOptions(['venues']);

const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();
export const venueFilters = {
  region: z.string().max(12).optional(),
  level: z.enum(['district', 'street', 'community']).optional(),
  unitKind: z.enum(VENUE_UNIT_KINDS).optional(),
  status: z.enum(['active', 'inactive']).optional(),
  shared: flag,
  bookable: flag,
  q: z.string().max(100).optional(),
};
const idParam = z.object({ id: z.string().max(64) });

export function venueRoutes(venues: VenuesService, bookings: BookingsService, excel: VenuesExcel, jobs: JobsService) {
  return (app: App) => {
    app.get('/api/venues', route({ querystring: z.object({ ...pageQuery, ...venueFilters }), response: { 200: venuePage } }), (req) =>
      venues.list(req.ctx, req.query),
    );
    app.get('/api/venues/summary', route('Counts per owner level, street, kind and status', { response: { 200: summaryAnswer } }), (req) =>
      venues.summary(req.ctx),
    );

    app.get('/api/venues/import-template.xlsx', route({ response: { 200: fileBody('The Excel import template') } }), async (req, reply) => {
      requireStaff(req.ctx);
      return sendWorkbook(reply, '场地导入模板.xlsx', await excel.template());
    });

    app.get(
      '/api/venues/export.xlsx',
      route({ querystring: z.object(venueFilters), response: { 200: fileBody('The venues within scope as Excel') } }),
      async (req, reply) => {
        const stream = await excel.exportFile(req.ctx, req.query);
        return sendWorkbook(reply, '场地.xlsx', stream);
      },
    );

    app.post(
      '/api/venues/import',
      route('Import venues from the template (multipart "file") as a job; all or nothing; answers 202 { jobId }', { response: { 202: venueImportStarted } }),
      async (req, reply) => {
        excel.requireImporter(req.ctx);
        const buffer = await receiveWorkbook(req);
        const { id } = await jobs.start(req.ctx, 'venues.import', (progress) => excel.importFile(req.ctx, buffer, req.ctx.locale, progress));
        return reply.status(202).send({ jobId: id });
      },
    );

    app.get('/api/venues/:id', route({ params: idParam, response: { 200: venueDetail } }), async (req, reply) => {
      return withEtag(reply, await venues.get(req.ctx, req.params.id));
    });

    app.post('/api/venues', route({ body: venueInput, response: { 201: venueDetail } }), async (req, reply) => {
      return reply.status(201).send(withEtag(reply, await venues.create(req.ctx, req.body)));
    });

    app.patch('/api/venues/:id', route({ params: idParam, body: venuePatch, headers: ifMatchHeader, response: { 200: venueDetail } }), async (req, reply) => {
      return withEtag(reply, await venues.update(req.ctx, req.params.id, req.body, versionOf(req.headers['if-match'])));
    });

    app.post(
      '/api/venues/bulk',
      route({
        body: z.object({ ids: z.array(z.string().max(64)).min(1).max(200), action: z.enum(BULK_VENUE_ACTIONS) }),
        response: { 200: bulkAnswer },
      }),
      (req) => venues.bulk(req.ctx, req.body),
    );

    app.get(
      '/api/venues/:id/bookings',
      route('A venue’s calendar between two instants', {
        params: idParam,
        querystring: z.object({ from: z.string().max(40), to: z.string().max(40) }),
        response: { 200: calendarAnswer },
      }),
      (req) => bookings.calendar(req.ctx, req.params.id, req.query),
    );

    app.get(
      '/api/venue-bookings',
      route({
        querystring: z.object({
          ...pageQuery,
          scope: z.enum(['mine', 'decide']).optional(),
          venueId: z.string().max(64).optional(),
          status: z.enum(BOOKING_STATUSES).optional(),
          upcoming: flag,
        }),
        response: { 200: venueBookingPage },
      }),
      (req) => bookings.list(req.ctx, req.query),
    );

    app.get('/api/venue-bookings/:id', route({ params: idParam, response: { 200: venueBookingDetail } }), (req) => bookings.get(req.ctx, req.params.id));

    app.post('/api/venue-bookings', route({ body: bookingInput, response: { 201: venueBookingDetail } }), (req, reply) =>
      created(reply, bookings.request(req.ctx, req.body)),
    );

    app.post('/api/venue-bookings/:id/decision', route({ params: idParam, body: bookingDecision, response: { 200: venueBookingDetail } }), (req) =>
      bookings.decide(req.ctx, req.params.id, req.body),
    );

    app.post(
      '/api/venue-bookings/:id/cancellation',
      route({ params: idParam, body: z.object({ reason: z.string().trim().max(200).nullish() }), response: { 200: venueBookingDetail } }),
      (req) => bookings.cancel(req.ctx, req.params.id, req.body),
    );
  };
}
