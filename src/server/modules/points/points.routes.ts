import { z } from 'zod';
import type { App } from '../../http/app';
import { routeOptions } from '../../http/route-options';
import { sendPersonal, type ResponseCache } from '../../http/response-cache';
import { pageQuery } from '../../kernel/pagination';
import { pointsRulesInput, myPoints, pointsBySource, pointsRulesAnswer, pointsRulesVersionPage } from '../../../contracts/points';
import type { PointsService } from './points.service';

const route = routeOptions(['points']);

const regionParam = z.object({ region: z.string().regex(/^\d{6}$/, 'points.district_required') });

export function pointsRoutes(points: PointsService, personalReads: ResponseCache) {
  return (app: App) => {
    app.get('/api/me/points', route('My points balance and history', { querystring: z.object(pageQuery), response: { 200: myPoints } }), (req, reply) =>
      sendPersonal(personalReads, req, reply, () => points.mine(req.ctx, req.query)),
    );

    app.get(
      '/api/me/points/by-source',
      route('Points I earned for each of the given sources (e.g. the records on a page of my archive)', {
        querystring: z.object({ sourceIds: z.string().max(4000) }),
        response: { 200: pointsBySource },
      }),
      (req) => points.mineBySources(req.ctx, req.query.sourceIds.split(',').filter(Boolean).slice(0, 200)),
    );

    app.get(
      '/api/points-rules/:region',
      route('The points rules of a district (public)', { params: regionParam, response: { 200: pointsRulesAnswer } }),
      (req) => points.rules(req.params.region),
    );

    app.get(
      '/api/points-rules/:region/versions',
      route("Every saved version of a district's rules", { params: regionParam, querystring: z.object(pageQuery), response: { 200: pointsRulesVersionPage } }),
      (req) => points.ruleVersions(req.ctx, req.params.region, req.query),
    );

    app.put(
      '/api/points-rules/:region',
      route('Save new rules for a district (a new version); If-Match: the version edited', {
        params: regionParam,
        body: pointsRulesInput.omit({ region: true }),
        response: { 200: pointsRulesAnswer },
      }),
      (req) => {
        const ifMatch = req.headers['if-match'];
        const expectedVersion = typeof ifMatch === 'string' && /^"?\d+"?$/.test(ifMatch) ? Number(ifMatch.replace(/"/g, '')) : undefined;
        return points.saveRules(req.ctx, { ...req.body, region: req.params.region, expectedVersion });
      },
    );
  };
}
