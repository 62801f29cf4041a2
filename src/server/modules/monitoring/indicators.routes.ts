import { z } from 'zod';
import type { App } from '../../http/app';
import { created, routeOptions } from '../../http/route-options';
import { indicatorInput, standardSetInput } from '../../../contracts/monitoring';
import type { IndicatorsService } from './indicators.service';
import {
  indicatorDefinitions,
  indicatorDefinitionDetail,
  definition,
  standardSets,
  standardSetHistory,
  standardSetDetail,
  chosenStandardSets,
  computationSummary,
  indicatorResults,
  indicatorProvenance,
} from '../../../contracts/monitoring';

const route = routeOptions(['monitoring']);

const year = z.coerce.number().int().min(2000).max(2100);
const ifMatch = z.object({
  'if-match': z
    .string()
    .regex(/^(W\/)?"\d+"$/)
    .optional(),
});
const versionOf = (h: string | undefined) => (h ? Number(h.replace(/^W\//, '').replace(/"/g, '')) : null);

export function indicatorRoutes(indicators: IndicatorsService) {
  return (app: App) => {
    app.get('/api/monitoring/indicators', route('Indicator definitions and the named queries available', { response: { 200: indicatorDefinitions } }), (req) =>
      indicators.listDefinitions(req.ctx),
    );

    app.get(
      '/api/monitoring/indicators/:code',
      route({ params: z.object({ code: z.string().max(32) }), response: { 200: indicatorDefinitionDetail } }),
      (req) => indicators.definition(req.ctx, req.params.code),
    );

    app.post('/api/monitoring/indicators', route({ body: indicatorInput, response: { 201: definition } }), (req, reply) =>
      created(reply, indicators.saveDefinition(req.ctx, req.body, null)),
    );

    app.put(
      '/api/monitoring/indicators/:code',
      route('Save a new version of a definition (If-Match: the version edited)', {
        params: z.object({ code: z.string().max(32) }),
        body: indicatorInput.omit({ code: true }),
        headers: ifMatch,
        response: { 200: definition },
      }),
      async (req, reply) => {
        const current = await indicators.definition(req.ctx, req.params.code);
        const saved = await indicators.saveDefinition(req.ctx, { ...req.body, code: req.params.code }, versionOf(req.headers['if-match']) ?? current.version);
        return reply.header('ETag', `"${saved.version}"`).send(saved);
      },
    );

    app.get(
      '/api/monitoring/standard-sets',
      route({ querystring: z.object({ region: z.string().max(12).optional() }), response: { 200: standardSets } }),
      (req) => indicators.listStandardSets(req.ctx, req.query.region),
    );

    app.get(
      '/api/monitoring/standard-sets/:code/history',
      route({ params: z.object({ code: z.string().max(32) }), response: { 200: standardSetHistory } }),
      (req) => indicators.standardSetHistory(req.ctx, req.params.code),
    );

    app.post('/api/monitoring/standard-sets', route({ body: standardSetInput, response: { 201: standardSetDetail } }), (req, reply) =>
      created(reply, indicators.saveStandardSet(req.ctx, req.body, null)),
    );

    app.put(
      '/api/monitoring/standard-sets/:code',
      route({
        params: z.object({ code: z.string().max(32) }),
        body: standardSetInput.omit({ code: true }).extend({ version: z.number().int().min(1) }),
        response: { 200: standardSetDetail },
      }),
      (req) => {
        const { version, ...body } = req.body;
        return indicators.saveStandardSet(req.ctx, { ...body, code: req.params.code }, version);
      },
    );

    app.put(
      '/api/monitoring/regions/:code/standard-sets',
      route('Choose the standard sets a district is measured against', {
        params: z.object({ code: z.string().max(12) }),
        body: z.object({ sets: z.array(z.string().max(32)).max(20) }),
        response: { 200: chosenStandardSets },
      }),
      (req) => indicators.chooseStandardSets(req.ctx, req.params.code, req.body.sets),
    );

    app.post(
      '/api/monitoring/computations',
      route('Recompute every indicator for a region subtree and year', {
        body: z.object({ region: z.string().max(12), year }),
        response: { 200: computationSummary },
      }),
      (req) => indicators.compute(req.ctx, req.body.region, req.body.year),
    );

    app.get(
      '/api/monitoring/results',
      route('Indicators of a region and year with compliance, and its children', {
        querystring: z.object({ region: z.string().max(12), year }),
        response: { 200: indicatorResults },
      }),
      (req) => indicators.results(req.ctx, req.query.region, req.query.year),
    );

    app.get(
      '/api/monitoring/results/:code/provenance',
      route({
        params: z.object({ code: z.string().max(32) }),
        querystring: z.object({ region: z.string().max(12), year }),
        response: { 200: indicatorProvenance },
      }),
      (req) => indicators.provenance(req.ctx, req.query.region, req.query.year, req.params.code),
    );
  };
}
