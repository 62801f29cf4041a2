import { z } from 'zod';
import type { App } from '../../http/app';
import { created, idParam, routeOptions } from '../../http/route-options';
import { sendNamedWorkbook } from '../../http/workbook-transfer';
import { pageQuery } from '../../kernel/pagination';
import {
  campaignInput,
  commendationInput,
  nominationInput,
  noticeInput,
  objectionInput,
  objectionResolution,
  reviewInput,
  CAMPAIGN_STATUSES,
  CAMPAIGN_TYPES,
  NOMINATION_STAGES,
  NOMINATION_STATUSES,
  awardCampaign,
  awardCampaignPage,
  awardNominationPage,
  awardNominationDetail,
  objectionResolved,
  awardObjectionPage,
  publicNotice,
  publicNoticePage,
  objectionLodged,
} from '../../../contracts/awards';
import type { AwardsService } from './awards.service';
import type { AwardsExcel } from './awards.excel';
import { fileBody } from '../../../contracts/answer-shapes';

const route = routeOptions(['awards']);

export function awardRoutes(awards: AwardsService, excel: AwardsExcel) {
  return (app: App) => {
    app.get(
      '/api/award-campaigns',
      route({
        querystring: z.object({
          ...pageQuery,
          status: z.enum(CAMPAIGN_STATUSES).optional(),
          type: z.enum(CAMPAIGN_TYPES).optional(),
          year: z.coerce.number().int().optional(),
        }),
        response: { 200: awardCampaignPage },
      }),
      (req) => awards.listCampaigns(req.ctx, req.query),
    );

    app.post('/api/award-campaigns', route({ body: campaignInput, response: { 201: awardCampaign } }), (req, reply) =>
      created(reply, awards.createCampaign(req.ctx, req.body)),
    );

    app.get('/api/award-campaigns/:id', route({ params: idParam, response: { 200: awardCampaign } }), (req) => awards.getCampaign(req.ctx, req.params.id));

    app.post(
      '/api/award-campaigns/:id/public-notice',
      route('Put the approved nominations on public notice until endsAt', { params: idParam, body: noticeInput, response: { 200: awardCampaign } }),
      (req) => awards.startNotice(req.ctx, req.params.id, req.body.endsAt),
    );

    app.post(
      '/api/award-campaigns/:id/commendation',
      route('Commend the nominations that stood the notice', { params: idParam, body: commendationInput, response: { 200: awardCampaign } }),
      (req) => awards.commend(req.ctx, req.params.id, req.body),
    );

    app.get(
      '/api/award-campaigns/:id/results.xlsx',
      route('Every nomination with its stage, scores and outcome', { params: idParam, response: { 200: fileBody('Excel workbook') } }),
      (req, reply) => sendNamedWorkbook(reply, excel.results(req.ctx, req.params.id)),
    );

    app.get(
      '/api/award-nominations',
      route({
        querystring: z.object({
          ...pageQuery,
          campaign: z.string().max(64).optional(),
          stage: z.enum(NOMINATION_STAGES).optional(),
          status: z.enum(NOMINATION_STATUSES).optional(),
          region: z.string().max(12).optional(),
        }),
        response: { 200: awardNominationPage },
      }),
      (req) => awards.listNominations(req.ctx, req.query),
    );

    app.post('/api/award-nominations', route({ body: nominationInput, response: { 201: awardNominationDetail } }), (req, reply) =>
      created(reply, awards.createNomination(req.ctx, req.body)),
    );

    app.get('/api/award-nominations/:id', route({ params: idParam, response: { 200: awardNominationDetail } }), (req) =>
      awards.getNomination(req.ctx, req.params.id),
    );

    app.post(
      '/api/award-nominations/:id/reviews',
      route('Forward (with scores) or reject (with a reason) at the current stage', {
        params: idParam,
        body: reviewInput,
        response: { 200: awardNominationDetail },
      }),
      (req) => awards.review(req.ctx, req.params.id, req.body),
    );

    app.get(
      '/api/award-objections',
      route({
        querystring: z.object({
          ...pageQuery,
          campaign: z.string().max(64),
          status: z.enum(['open', 'resolved']).optional(),
          nomination: z.string().uuid().optional(),
        }),
        response: { 200: awardObjectionPage },
      }),
      (req) => awards.listObjections(req.ctx, req.query),
    );

    app.post('/api/award-objections/:id/resolution', route({ params: idParam, body: objectionResolution, response: { 200: objectionResolved } }), (req) =>
      awards.resolveObjection(req.ctx, req.params.id, req.body),
    );

    app.get(
      '/api/public-notices',
      route('Campaigns on public notice (no login)', { querystring: z.object(pageQuery), response: { 200: publicNoticePage } }),
      (req) => awards.publicNotices(req.query),
    );

    app.get('/api/public-notices/:id', route({ params: idParam, response: { 200: publicNotice } }), (req) => awards.publicNotice(req.params.id));

    app.post(
      '/api/public-notices/:id/objections',
      route('Lodge an objection (anyone; without login a contact phone is required)', {
        params: idParam,
        body: objectionInput,
        response: { 201: objectionLodged },
      }),
      (req, reply) => created(reply, awards.lodgeObjection(req.ctx, req.params.id, req.body)),
    );
  };
}
