import { z } from 'zod';
import type { App } from '../../http/app';
import { pageQuery } from '../../kernel/pagination';
import type { RegionsService } from './regions.service';

const codeParam = z.object({ code: z.string().max(12) });

export function regionRoutes(regions: RegionsService) {
  return (app: App) => {
    app.get('/api/regions', { schema: { tags: ['regions'], summary: 'Root regions of this installation' } }, () => regions.roots());

    app.get('/api/regions/:code', { schema: { tags: ['regions'], params: codeParam } }, (req) => regions.get(req.params.code));

    app.get('/api/regions/:code/children', { schema: { tags: ['regions'], params: codeParam, querystring: z.object(pageQuery) } },
      (req) => regions.children(req.params.code, req.query, req.query.q));

    app.put('/api/regions/:code/populations/:year', {
      schema: {
        tags: ['regions'],
        summary: 'Set the resident population of a region for a year',
        params: codeParam.extend({ year: z.coerce.number().int().min(2000).max(2100) }),
        body: z.object({
          total: z.number().int().min(0).max(50_000_000),
          age60plus: z.number().int().min(0).max(50_000_000).nullable().default(null),
          source: z.string().min(1).max(200),
        }),
      },
    }, (req) => regions.setPopulation(req.ctx, req.params.code, { year: req.params.year, ...req.body }));
  };
}
