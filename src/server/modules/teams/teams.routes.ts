import { z } from 'zod';
import type { App } from '../../http/app';
import { created, idParam, routeOptions } from '../../http/route-options';
import { pageQuery } from '../../kernel/pagination';
import {
  activityInput,
  joinDecision,
  joinInput,
  teamInput,
  TEAM_CATEGORIES,
  learningTeamPage,
  teamActivity,
  teamActivityPage,
  learningTeamDetail,
} from '../../../contracts/teams';
import type { TeamsService } from './teams.service';

const route = routeOptions(['teams']);

export function teamRoutes(teams: TeamsService) {
  return (app: App) => {
    app.get(
      '/api/learning-teams',
      route("Learning teams (public), by region, category and keyword; mine=true lists the caller's teams", {
        querystring: z.object({
          ...pageQuery,
          region: z.string().max(12).optional(),
          category: z.enum(TEAM_CATEGORIES).optional(),
          mine: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }),
        response: { 200: learningTeamPage },
      }),
      (req) => teams.list(req.ctx, req.query),
    );

    app.post('/api/learning-teams', route({ body: teamInput, response: { 201: learningTeamDetail } }), (req, reply) =>
      created(reply, teams.create(req.ctx, req.body)),
    );

    app.get('/api/learning-teams/:id', route({ params: idParam, response: { 200: learningTeamDetail } }), (req) => teams.get(req.ctx, req.params.id));

    app.post('/api/learning-teams/:id/join-requests', route({ params: idParam, body: joinInput, response: { 201: learningTeamDetail } }), (req, reply) =>
      created(reply, teams.requestJoin(req.ctx, req.params.id, req.body.message)),
    );

    app.post(
      '/api/learning-teams/:id/members/:userId/decision',
      route('The leader accepts or declines a request to join', {
        params: z.object({ id: z.string().max(64), userId: z.string().max(64) }),
        body: joinDecision,
        response: { 200: learningTeamDetail },
      }),
      (req) => teams.decide(req.ctx, req.params.id, req.params.userId, req.body.accept),
    );

    app.get('/api/learning-teams/:id/activities', route({ params: idParam, querystring: z.object(pageQuery), response: { 200: teamActivityPage } }), (req) =>
      teams.activities(req.ctx, req.params.id, req.query),
    );

    app.post(
      '/api/learning-teams/:id/activities',
      route('The leader logs an activity with who attended', { params: idParam, body: activityInput, response: { 201: teamActivity } }),
      (req, reply) => created(reply, teams.logActivity(req.ctx, req.params.id, req.body)),
    );
  };
}
