import { z } from 'zod';
import type { App } from '../../http/app';
import { routeOptions } from '../../http/route-options';
import { pageQuery } from '../../kernel/pagination';
import type { RegionsService } from './regions.service';
import type { ResponseCache } from '../../http/response-cache';
import { regionView, regionRoots, regionChildrenPage } from '../../../contracts/regions';

const route = routeOptions(['regions']);

const codeParam = z.object({ code: z.string().max(12) });

export function regionRoutes(regions: RegionsService, publicReads: ResponseCache) {
  return (app: App) => {
    // Public reference data: the same answer for everyone, cached (http/response-cache.ts).
    app.get('/api/regions', route('Root regions of this installation', { response: { 200: regionRoots } }), (req, reply) =>
      publicReads.send(req, reply, 'regions', () => regions.roots(), 'public'),
    );

    app.get('/api/regions/:code', route({ params: codeParam, response: { 200: regionView } }), (req, reply) =>
      publicReads.send(req, reply, `region|${req.params.code}`, () => regions.get(req.params.code), 'public'),
    );

    app.get(
      '/api/regions/:code/children',
      route({ params: codeParam, querystring: z.object(pageQuery), response: { 200: regionChildrenPage } }),
      (req, reply) =>
        publicReads.send(
          req,
          reply,
          `region-children|${req.params.code}|${JSON.stringify(req.query)}`,
          () => regions.children(req.params.code, req.query, req.query.q),
          'public',
        ),
    );

    app.put(
      '/api/regions/:code/populations/:year',
      route('Set the resident population of a region for a year', {
        params: codeParam.extend({ year: z.coerce.number().int().min(2000).max(2100) }),
        body: z.object({
          total: z.number().int().min(0).max(50_000_000),
          age60plus: z.number().int().min(0).max(50_000_000).nullable().default(null),
          source: z.string().min(1).max(200),
        }),
        response: { 200: regionView },
      }),
      (req) => regions.setPopulation(req.ctx, req.params.code, { year: req.params.year, ...req.body }),
    );
  };
}
