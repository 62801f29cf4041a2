import { z } from 'zod';
import type { App } from '../../http/app';
import { idParam, routeOptions } from '../../http/route-options';
import { pageQuery } from '../../kernel/pagination';
import { hideCommentInput, ratingInput } from '../../../contracts/attendance';
import type { RatingsService } from './ratings.service';
import { ratingSummary, myRating, rating, ratingPage, ratingAveragePage } from '../../../contracts/ratings';

const route = routeOptions(['ratings']);
const uuid = z.string().uuid();

export function ratingRoutes(ratings: RatingsService) {
  return (app: App) => {
    app.get(
      '/api/catalog/offerings/:id/rating',
      route("Public: an offering's average stars and visible comments", {
        params: idParam,
        querystring: z.object(pageQuery),
        response: { 200: ratingSummary },
      }),
      (req) => ratings.publicSummary(req.params.id, req.query),
    );

    app.get(
      '/api/offerings/:id/my-rating',
      route('My rating of an offering and whether I may rate or edit it', { params: idParam, response: { 200: myRating } }),
      (req) => ratings.mine(req.ctx, req.params.id),
    );

    app.put(
      '/api/offerings/:id/my-rating',
      route('Rate (or re-rate, within the edit period) a class completed or an event attended', {
        params: idParam,
        body: ratingInput,
        response: { 200: myRating },
      }),
      (req) => ratings.rate(req.ctx, req.params.id, req.body),
    );

    const ratingFilters = {
      offeringId: uuid.optional(),
      instructorId: uuid.optional(),
      institutionId: uuid.optional(),
      hidden: z
        .enum(['true', 'false'])
        .transform((v) => v === 'true')
        .optional(),
    };
    app.get(
      '/api/ratings',
      route('Ratings in your scope', { querystring: z.object({ ...pageQuery, ...ratingFilters }), response: { 200: ratingPage } }),
      (req) => ratings.list(req.ctx, req.query),
    );

    app.get(
      '/api/ratings/averages',
      route('Average stars per class, instructor or institution in your scope', {
        querystring: z.object({ ...pageQuery, by: z.enum(['offering', 'instructor', 'institution']).default('offering') }),
        response: { 200: ratingAveragePage },
      }),
      (req) => ratings.averages(req.ctx, req.query.by, req.query),
    );

    app.post(
      '/api/ratings/:id/hide-comment',
      route('Hide an abusive comment, with a reason (audited)', { params: idParam, body: hideCommentInput, response: { 200: rating } }),
      (req) => ratings.hideComment(req.ctx, req.params.id, req.body.reason),
    );
  };
}
