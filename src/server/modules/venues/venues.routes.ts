import { z } from 'zod';
import type { App } from '../../http/app';
import { created, idParam, routeOptions } from '../../http/route-options';
import { poolWorkbookRoutes } from '../../http/pool-workbooks';
import { versionedEntryRoutes } from '../../http/versioned-answers';
import { acceptWorkbookImport } from '../../http/workbook-transfer';
import { pageQuery } from '../../kernel/pagination';
import { venueInput, venuePatch, bookingInput, bookingDecision, VENUE_UNIT_KINDS, BOOKING_STATUSES } from '../../../contracts/venues';
import { BULK_VENUE_ACTIONS, type VenuesService } from './venues.service';
import type { BookingsService } from './bookings.service';
import type { VenuesExcel } from './venues.excel';
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

export function venueRoutes(venues: VenuesService, bookings: BookingsService, excel: VenuesExcel) {
  return (app: App) => {
    app.get('/api/venues', route({ querystring: z.object({ ...pageQuery, ...venueFilters }), response: { 200: venuePage } }), (req) =>
      venues.list(req.ctx, req.query),
    );
    app.get('/api/venues/summary', route('Counts per owner level, street, kind and status', { response: { 200: summaryAnswer } }), (req) =>
      venues.summary(req.ctx),
    );

    poolWorkbookRoutes(app, route, '/api/venues', {
      filters: venueFilters,
      templateName: '场地导入模板.xlsx',
      template: excel.template,
      exportName: '场地.xlsx',
      exportDescription: 'The venues within scope as Excel',
      exportFile: excel.exportFile,
    });

    app.post(
      '/api/venues/import',
      route('Import venues from the template (multipart "file") as a job; all or nothing; answers 202 { jobId }', { response: { 202: venueImportStarted } }),
      (req, reply) => acceptWorkbookImport(req, reply, excel.requireImporter, (workbook) => excel.startImport(req.ctx, workbook)),
    );

    versionedEntryRoutes(app, route, '/api/venues', { input: venueInput, patch: venuePatch, detail: venueDetail }, venues);

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
