import { z } from 'zod';
import type { App } from '../../http/app';
import { created, idParam, routeOptions } from '../../http/route-options';
import { ifMatchHeader, versionOf, withEtag } from '../../http/versioned-answers';
import { pageQuery } from '../../kernel/pagination';
import { CALL_STATUSES, PROPOSAL_STATUSES, callInput, callPatch, decisionInput, proposalInput, scoreInput } from '../../../contracts/calls';
import type { CallsService } from './calls.service';
import { courseCallPage, courseCallDetail, proposalPage, proposalDetail } from '../../../contracts/calls';

const route = routeOptions(['calls']);

export function callRoutes(calls: CallsService) {
  return (app: App) => {
    app.get(
      '/api/course-calls',
      route('Calls for courses the caller may see', {
        querystring: z.object({ ...pageQuery, status: z.enum(CALL_STATUSES).optional() }),
        response: { 200: courseCallPage },
      }),
      (req) => calls.list(req.ctx, req.query),
    );

    app.post('/api/course-calls', route({ body: callInput, response: { 201: courseCallDetail } }), (req, reply) =>
      created(reply, calls.create(req.ctx, req.body)),
    );

    app.get('/api/course-calls/:id', route({ params: idParam, response: { 200: courseCallDetail } }), async (req, reply) => {
      return withEtag(reply, await calls.get(req.ctx, req.params.id));
    });

    app.patch(
      '/api/course-calls/:id',
      route({ params: idParam, body: callPatch, headers: ifMatchHeader, response: { 200: courseCallDetail } }),
      async (req, reply) => {
        return withEtag(reply, await calls.update(req.ctx, req.params.id, req.body, versionOf(req.headers['if-match'])));
      },
    );

    for (const [verb, to] of [
      ['open', 'open'],
      ['review-start', 'reviewing'],
      ['close', 'closed'],
    ] as const) {
      app.post(`/api/course-calls/:id/${verb}`, route(`Move the call to ${to}`, { params: idParam, response: { 200: courseCallDetail } }), (req) =>
        calls.moveTo(req.ctx, req.params.id, to),
      );
    }

    app.get(
      '/api/course-calls/:id/proposals',
      route({
        params: idParam,
        querystring: z.object({ page: pageQuery.page, pageSize: pageQuery.pageSize, status: z.enum(PROPOSAL_STATUSES).optional() }),
        response: { 200: proposalPage },
      }),
      (req) => calls.proposals(req.ctx, req.params.id, req.query),
    );

    app.post(
      '/api/course-calls/:id/proposals',
      route('Submit a course proposal (before the deadline)', { params: idParam, body: proposalInput, response: { 201: proposalDetail } }),
      (req, reply) => created(reply, calls.submit(req.ctx, req.params.id, req.body)),
    );

    app.get('/api/course-proposals/:id', route({ params: idParam, response: { 200: proposalDetail } }), (req) => calls.proposal(req.ctx, req.params.id));

    app.post(
      '/api/course-proposals/:id/scores',
      route('A reviewer scores a proposal once, per criterion', { params: idParam, body: scoreInput, response: { 201: proposalDetail } }),
      (req, reply) => created(reply, calls.score(req.ctx, req.params.id, req.body)),
    );

    app.post(
      '/api/course-proposals/:id/decision',
      route('Accept, purchase (within the budget) or reject', { params: idParam, body: decisionInput, response: { 200: proposalDetail } }),
      (req) => calls.decide(req.ctx, req.params.id, req.body),
    );
  };
}
