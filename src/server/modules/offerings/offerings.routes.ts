import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../http/app';
import { idParam, routeOptions } from '../../http/route-options';
import {
  createdWithEtag,
  ifMatchHeader,
  versionOf,
  versionedEntryRoutes,
  withEtag,
  type VersionedEntryCalls,
  type VersionedEntrySchemas,
} from '../../http/versioned-answers';
import { sendWorkbook } from '../../http/workbook-transfer';
import type { ResponseCache } from '../../http/response-cache';
import { pageQuery } from '../../kernel/pagination';
import type { RequestContext } from '../../kernel/actor';
import { COURSE_MODES, TARGET_GROUPS } from '../../../contracts/courses';
import {
  DAY_PARTS,
  ENROLMENT_MODES,
  OFFERING_KINDS,
  catalogItem,
  catalogPage,
  OFFERING_STATUSES,
  PLAN_STATUSES,
  campaignInput,
  campaignPatch,
  cancelInput,
  offeringInput,
  offeringPatch,
  schedulePreviewInput,
  termInput,
  termPatch,
} from '../../../contracts/offerings';
import type { OfferingsService } from './offerings.service';
import type { OfferingsExcel } from './offerings.excel';
import {
  termPage,
  termDetail,
  campaignPage,
  campaignDetail,
  offeringPage,
  schedulePreview,
  offeringDetail,
  publicCampaignPage,
} from '../../../contracts/offerings';
import { fileBody } from '../../../contracts/answer-shapes';

const route = routeOptions(['offerings']);

const filters = {
  q: z.string().max(100).optional(),
  kind: z.enum(OFFERING_KINDS).optional(),
  termId: z.string().max(64).optional(),
  campaignId: z.string().max(64).optional(),
  category: z.string().max(32).optional(),
  targetGroup: z.enum(TARGET_GROUPS).optional(),
  mode: z.enum(COURSE_MODES).optional(),
  region: z.string().max(12).optional(),
  weekday: z.coerce.number().int().min(1).max(7).optional(),
  dayPart: z.enum(DAY_PARTS).optional(),
  fee: z.enum(['free', 'paid']).optional(),
  hasSeats: z.enum(['true', 'false']).optional(),
};
const staffFilters = {
  ...filters,
  status: z.enum(OFFERING_STATUSES).optional(),
  enrolmentMode: z.enum(ENROLMENT_MODES).optional(),
  startsWithinDays: z.coerce.number().int().min(1).max(366).optional(),
};
const planQuery = z.object({ ...pageQuery, status: z.enum(PLAN_STATUSES).optional() });

export function offeringRoutes(offerings: OfferingsService, excel: OfferingsExcel, publicReads: ResponseCache) {
  return (app: App) => {
    /**
     * A term's or a campaign's routes: a versioned entry, then published or cancelled by a move that answers it
     * with its new ETag.
     */
    function planRoutes<Input extends z.ZodType, Patch extends z.ZodType, Detail extends z.ZodType>(
      path: string,
      schemas: VersionedEntrySchemas<Input, Patch, Detail>,
      calls: VersionedEntryCalls<Input, Patch, Detail> & {
        move(ctx: RequestContext, id: string, to: 'published' | 'cancelled'): Promise<NoInfer<z.input<Detail>> & { version: number }>;
      },
    ) {
      versionedEntryRoutes(app, route, path, schemas, calls);
      const detail: z.ZodType = schemas.detail; // checked through `calls`, as in versionedEntryRoutes
      for (const [verb, to] of [
        ['publish', 'published'],
        ['cancel', 'cancelled'],
      ] as const) {
        app.post(`${path}/:id/${verb}`, route({ params: idParam, response: { 200: detail } }), async (req, reply) =>
          withEtag(reply, await calls.move(req.ctx, req.params.id, to)),
        );
      }
    }

    // Terms
    app.get('/api/terms', route('Terms of the caller’s offices and those above and below', { querystring: planQuery, response: { 200: termPage } }), (req) =>
      offerings.listTerms(req.ctx, req.query),
    );
    planRoutes(
      '/api/terms',
      { input: termInput, patch: termPatch, detail: termDetail },
      { get: offerings.getTerm, create: offerings.createTerm, update: offerings.updateTerm, move: offerings.moveTerm },
    );

    // Campaigns
    app.get('/api/campaigns', route({ querystring: planQuery, response: { 200: campaignPage } }), (req) => offerings.listCampaigns(req.ctx, req.query));
    planRoutes(
      '/api/campaigns',
      { input: campaignInput, patch: campaignPatch, detail: campaignDetail },
      { get: offerings.getCampaign, create: offerings.createCampaign, update: offerings.updateCampaign, move: offerings.moveCampaign },
    );

    // Classes and events (staff)
    app.get(
      '/api/offerings',
      route('Classes and events within the caller’s scope', { querystring: z.object({ ...pageQuery, ...staffFilters }), response: { 200: offeringPage } }),
      (req) => offerings.list(req.ctx, req.query),
    );
    app.get(
      '/api/offerings/export.xlsx',
      route({
        querystring: z.object({ ...staffFilters, sort: pageQuery.sort }),
        response: { 200: fileBody('The classes and events within scope as Excel') },
      }),
      async (req, reply) => sendWorkbook(reply, '课程与活动.xlsx', await excel.exportFile(req.ctx, req.query)),
    );
    app.post(
      '/api/offerings/preview',
      route('The sessions a schedule generates and any venue or instructor clash; saves nothing', {
        body: schedulePreviewInput,
        response: { 200: schedulePreview },
      }),
      (req) => offerings.preview(req.ctx, req.body),
    );
    app.post(
      '/api/offerings',
      route('A class (course × term × venue × instructor × weekly schedule) or an event; books the venue for every session', {
        body: offeringInput,
        response: { 201: offeringDetail },
      }),
      (req, reply) => createdWithEtag(reply, offerings.create(req.ctx, req.body)),
    );
    app.get('/api/offerings/:id', route({ params: idParam, response: { 200: offeringDetail } }), async (req, reply) =>
      withEtag(reply, await offerings.getForStaff(req.ctx, req.params.id)),
    );
    app.patch(
      '/api/offerings/:id',
      route({ params: idParam, body: offeringPatch, headers: ifMatchHeader, response: { 200: offeringDetail } }),
      async (req, reply) => withEtag(reply, await offerings.update(req.ctx, req.params.id, req.body, versionOf(req.headers['if-match']))),
    );
    app.post('/api/offerings/:id/publish', route({ params: idParam, response: { 200: offeringDetail } }), async (req, reply) =>
      withEtag(reply, await offerings.publish(req.ctx, req.params.id)),
    );
    app.post('/api/offerings/:id/cancel', route({ params: idParam, body: cancelInput, response: { 200: offeringDetail } }), async (req, reply) =>
      withEtag(reply, await offerings.cancel(req.ctx, req.params.id, req.body.reason)),
    );
    app.post('/api/offerings/:id/finish', route({ params: idParam, response: { 200: offeringDetail } }), async (req, reply) =>
      withEtag(reply, await offerings.finish(req.ctx, req.params.id)),
    );

    // The public catalogue (no login; a signed-in resident gets "near home" ordering). Answers are cached per
    // process by what they depend on — the query, the language and the resident's home — for a second
    // (seats left may be that stale here, never at enrolment) and dropped on any change to an offering.
    const audience = (req: FastifyRequest) => `${req.ctx.locale}|${req.ctx.actor?.homeRegionCode ?? ''}`;
    const visibility = (req: FastifyRequest) => (req.ctx.actor ? 'private' : 'public');
    app.get(
      '/api/catalog/offerings',
      route('Published classes and events for everyone, with filters and Chinese search', {
        querystring: z.object({ ...pageQuery, ...filters }),
        response: { 200: catalogPage },
      }),
      (req, reply) =>
        publicReads.send(req, reply, `catalog|${audience(req)}|${JSON.stringify(req.query)}`, () => offerings.catalog(req.ctx, req.query), visibility(req)),
    );
    app.get('/api/catalog/offerings/:id', route('One published class or event', { params: idParam, response: { 200: catalogItem } }), (req, reply) =>
      publicReads.send(req, reply, `catalog-item|${audience(req)}|${req.params.id}`, () => offerings.catalogItem(req.ctx, req.params.id), visibility(req)),
    );
    app.get(
      '/api/catalog/campaigns',
      route({ querystring: z.object({ page: pageQuery.page, pageSize: pageQuery.pageSize }), response: { 200: publicCampaignPage } }),
      (req, reply) =>
        publicReads.send(req, reply, `catalog-campaigns|${JSON.stringify(req.query)}`, () => offerings.catalogCampaigns(req.ctx, req.query), 'public'),
    );
  };
}
