import { z } from 'zod';
import type { App } from '../../http/app';
import { created, routeOptions } from '../../http/route-options';
import { categoryInput, categoryPatch, courseCategoryList, courseCategory } from '../../../contracts/categories';
import type { CategoriesService } from './categories.service';
import type { ResponseCache } from '../../http/response-cache';

const route = routeOptions(['categories']);

export function categoryRoutes(categories: CategoriesService, publicReads: ResponseCache) {
  return (app: App) => {
    app.get(
      '/api/course-categories',
      route('The course taxonomy', { querystring: z.object({ includeInactive: z.enum(['true', 'false']).optional() }), response: { 200: courseCategoryList } }),
      (req, reply) =>
        publicReads.send(
          req,
          reply,
          `categories|${req.query.includeInactive === 'true'}`,
          () => categories.list({ includeInactive: req.query.includeInactive === 'true' }),
          'public',
        ),
    );

    app.post('/api/course-categories', route({ body: categoryInput, response: { 201: courseCategory } }), (req, reply) =>
      created(reply, categories.create(req.ctx, req.body)),
    );

    app.patch(
      '/api/course-categories/:code',
      route({
        params: z.object({ code: z.string().max(32) }),
        body: categoryPatch,
        headers: z.object({
          'if-match': z
            .string()
            .regex(/^(W\/)?"\d+"$/)
            .optional(),
        }),
        response: { 200: courseCategory },
      }),
      async (req, reply) => {
        const ifMatch = req.headers['if-match'];
        const item = await categories.update(req.ctx, req.params.code, req.body, ifMatch ? Number(ifMatch.replace(/^W\//, '').replace(/"/g, '')) : undefined);
        return reply.header('ETag', `"${item.version}"`).send(item);
      },
    );
  };
}
