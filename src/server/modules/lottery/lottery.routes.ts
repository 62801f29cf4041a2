import { z } from 'zod';
import type { App } from '../../http/app';
import { accepted, created, idParam, routeOptions } from '../../http/route-options';
import { pageQuery } from '../../kernel/pagination';
import { streamWorkbook, type SheetColumn } from '../../kernel/excel';
import { sendWorkbook } from '../../http/workbook-transfer';
import {
  applicationInput,
  cancelInput,
  roundInput,
  roundPatch,
  lotteryRound,
  lotteryRoundPage,
  lotteryRoundCancelled,
  drawStarted,
  myLotteryApplication,
  lotteryResultPage,
  lotteryPublication,
} from '../../../contracts/lottery';
import type { LotteryService } from './lottery.service';
import { fileBody } from '../../../contracts/answer-shapes';

const route = routeOptions(['lottery']);

const RESULT_COLUMNS: SheetColumn[] = [
  { key: 'position', header: '抽签顺位', width: 10 },
  { key: 'displayName', header: '姓名', width: 14 },
  { key: 'token', header: '公示代号', width: 36 },
  { key: 'result', header: '结果', width: 30 },
  { key: 'choiceRank', header: '志愿序号', width: 10 },
  { key: 'enrolled', header: '已录取', width: 10 },
];

export function lotteryRoutes(lottery: LotteryService) {
  return (app: App) => {
    // Staff: set-up, draw, results.
    app.get(
      '/api/lottery-rounds',
      route("Lottery rounds in the caller's scope", {
        querystring: z.object({ ...pageQuery, status: z.enum(['draft', 'published', 'drawn', 'cancelled']).optional() }),
        response: { 200: lotteryRoundPage },
      }),
      (req) => lottery.list(req.ctx, req.query),
    );
    app.post('/api/lottery-rounds', route({ body: roundInput, response: { 201: lotteryRound } }), (req, reply) =>
      created(reply, lottery.create(req.ctx, req.body)),
    );
    app.get('/api/lottery-rounds/:id', route('A round with seats and demand per offering', { params: idParam, response: { 200: lotteryRound } }), (req) =>
      lottery.get(req.ctx, req.params.id),
    );
    app.patch('/api/lottery-rounds/:id', route('Change a draft round', { params: idParam, body: roundPatch, response: { 200: lotteryRound } }), (req) =>
      lottery.update(req.ctx, req.params.id, req.body),
    );
    app.post(
      '/api/lottery-rounds/:id/publication',
      route('Publish the round: the seed is drawn and its SHA-256 shown', { params: idParam, response: { 200: lotteryRound } }),
      (req) => lottery.publish(req.ctx, req.params.id),
    );
    app.post(
      '/api/lottery-rounds/:id/cancellation',
      route('Cancel a round before its draw; every applicant is told the reason', {
        params: idParam,
        body: cancelInput,
        response: { 200: lotteryRoundCancelled },
      }),
      (req) => lottery.cancel(req.ctx, req.params.id, req.body.reason),
    );
    app.post(
      '/api/lottery-rounds/:id/draw',
      route('Draw a closed round as a job; answers 202 { jobId }', { params: idParam, response: { 202: drawStarted } }),
      (req, reply) => accepted(reply, lottery.startDraw(req.ctx, req.params.id)),
    );
    app.get(
      '/api/lottery-rounds/:id/results',
      route('Outcomes in drawn order, with names (staff)', {
        params: idParam,
        querystring: z.object({
          ...pageQuery,
          won: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }),
        response: { 200: lotteryResultPage },
      }),
      (req) => lottery.results(req.ctx, req.params.id, req.query),
    );
    app.get('/api/lottery-rounds/:id/results.xlsx', route({ params: idParam, response: { 200: fileBody('Excel workbook') } }), async (req, reply) => {
      const round = await lottery.get(req.ctx, req.params.id);
      const batches = lottery.resultBatches(req.ctx, round.id);
      const rows = (async function* () {
        for await (const batch of batches) {
          yield batch.map((r) => ({ ...r, result: r.offeringTitle ?? '未中签', choiceRank: r.choiceRank ?? '', enrolled: r.enrolmentId ? '是' : '' }));
        }
      })();
      return sendWorkbook(reply, `${round.name}-摇号结果.xlsx`, streamWorkbook('摇号结果', RESULT_COLUMNS, rows));
    });

    // Everyone: the round, its commitment, the published list and the results.
    app.get(
      '/api/public/lottery-rounds',
      route('Published rounds (no login); offering= finds the round of an offering', {
        querystring: z.object({ ...pageQuery, offering: z.string().max(64).optional() }),
        response: { 200: lotteryRoundPage },
      }),
      (req) => lottery.publicList(req.query),
    );
    app.get('/api/public/lottery-rounds/:id', route({ params: idParam, response: { 200: lotteryRound } }), (req) => lottery.publicGet(req.params.id));
    app.get(
      '/api/public/lottery-rounds/:id/publication.json',
      route('Seed hash, frozen list with digest, revealed seed and results: re-run the draw from this', {
        params: idParam,
        response: { 200: lotteryPublication },
      }),
      async (req, reply) =>
        reply.header('Content-Disposition', `attachment; filename="lottery-${req.params.id}.json"`).send(await lottery.publication(req.params.id)),
    );

    // Residents: one application per round.
    app.get('/api/lottery-rounds/:id/my-application', route({ params: idParam, response: { 200: myLotteryApplication } }), async (req) => ({
      application: await lottery.myApplication(req.ctx, req.params.id),
    }));
    app.put(
      '/api/lottery-rounds/:id/my-application',
      route('Submit or change ranked choices while the window is open', { params: idParam, body: applicationInput, response: { 200: myLotteryApplication } }),
      async (req) => ({ application: await lottery.apply(req.ctx, req.params.id, req.body) }),
    );
    app.delete(
      '/api/lottery-rounds/:id/my-application',
      route('Withdraw while the window is open', { params: idParam, response: { 200: myLotteryApplication } }),
      async (req) => ({ application: await lottery.withdraw(req.ctx, req.params.id) }),
    );
  };
}
