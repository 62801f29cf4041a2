import { z } from 'zod';
import type { App } from '../../http/app';
import { accepted, idParam, routeOptions } from '../../http/route-options';
import { sendPersonal, type ResponseCache } from '../../http/response-cache';
import { pageQuery } from '../../kernel/pagination';
import { streamWorkbook } from '../../kernel/excel';
import { sendWorkbook } from '../../http/workbook-transfer';
import { translate } from '../../kernel/messages';
import {
  ENROLMENT_STATUSES,
  cancelInput,
  decisionInput,
  enrolInput,
  feeInput,
  grantInput,
  grantRequestInput,
  enrolmentPage,
  enrolmentView,
  offeringEnrolmentPage,
  enrolmentStatus,
  enrolAnswer,
  proxyGrantList,
  proxyGrantAccepted,
  proxyGrant,
  proxyGrantRequestAccepted,
} from '../../../contracts/enrolment';
import type { EnrolmentService } from './enrolment.service';
import { fileBody } from '../../../contracts/answer-shapes';

const route = routeOptions(['enrolment']);

const idempotencyHeaders = z.object({ 'idempotency-key': z.string().min(1).max(100).optional() }).passthrough();

export function enrolmentRoutes(enrolment: EnrolmentService, personalReads: ResponseCache) {
  return (app: App) => {
    app.post(
      '/api/offerings/:id/enrolments',
      route('Enrol (first come / open), apply (approval) or join the waitlist; a retry with the same Idempotency-Key returns the first answer', {
        params: idParam,
        body: enrolInput,
        headers: idempotencyHeaders,
        response: { 201: enrolAnswer },
      }),
      async (req, reply) => {
        const result = await enrolment.enrol(req.ctx, req.params.id, req.body, req.headers['idempotency-key']);
        if (result.replayed) reply.header('Idempotent-Replayed', 'true');
        return reply.status(201).send(result);
      },
    );

    app.get(
      '/api/offerings/:id/enrolment-status',
      route("Seats left and the caller's (or a grantor's) place in this offering", {
        params: idParam,
        querystring: z.object({ for: z.string().uuid().optional() }),
        response: { 200: enrolmentStatus },
      }),
      (req) => enrolment.status(req.ctx, req.params.id, req.query.for),
    );

    const staffFilters = {
      ...pageQuery,
      status: z.enum(ENROLMENT_STATUSES).optional(),
      viaProxy: z
        .enum(['true', 'false'])
        .transform((v) => v === 'true')
        .optional(),
    };
    app.get(
      '/api/offerings/:id/enrolments',
      route('Enrolment list of an offering for staff who run it (waitlist positions, offers, fees, proxies)', {
        params: idParam,
        querystring: z.object(staffFilters),
        response: { 200: offeringEnrolmentPage },
      }),
      (req) => enrolment.list(req.ctx, req.params.id, req.query),
    );

    app.get(
      '/api/offerings/:id/enrolments/export.xlsx',
      route({
        params: idParam,
        querystring: z.object({ status: z.enum(ENROLMENT_STATUSES).optional() }),
        response: { 200: fileBody('Excel workbook') },
      }),
      async (req, reply) => {
        await enrolment.auditExport(req.ctx, req.params.id);
        const locale = req.ctx.locale;
        const t = (k: string) => translate(k, locale);
        const columns = [
          { key: 'name', header: t('enrolment.col.name'), width: 12 },
          { key: 'phone', header: t('enrolment.col.phone'), width: 14 },
          { key: 'age', header: t('enrolment.col.age'), width: 6 },
          { key: 'status', header: t('enrolment.col.status'), width: 10 },
          { key: 'position', header: t('enrolment.col.position'), width: 8 },
          { key: 'offerExpiresAt', header: t('enrolment.col.offer'), width: 20 },
          { key: 'proxy', header: t('enrolment.col.proxy'), width: 12 },
          { key: 'fee', header: t('enrolment.col.fee'), width: 10 },
          { key: 'paidFen', header: t('enrolment.col.paid'), width: 10 },
          { key: 'reason', header: t('enrolment.col.reason'), width: 24 },
          { key: 'createdAt', header: t('enrolment.col.created'), width: 20 },
        ];
        const batches = enrolment.exportRows(req.ctx, req.params.id, req.query);
        const rows = (async function* () {
          for await (const b of batches) {
            yield b.items.map((e) => ({
              name: e.resident.name,
              phone: e.resident.phone,
              age: e.resident.age,
              status: t(`enrolment.status.${e.status}`),
              position: e.waitlistPosition,
              offerExpiresAt: e.offerExpiresAt,
              proxy: e.viaProxy?.name ?? '',
              fee: t(`enrolment.fee.${e.fee.status}`),
              paidFen: e.fee.paidFen,
              reason: e.reason,
              createdAt: e.createdAt,
            }));
          }
        })();
        return sendWorkbook(reply, `${t('enrolment.export_name')}.xlsx`, streamWorkbook(t('enrolment.export_name'), columns, rows));
      },
    );

    app.get(
      '/api/enrolments',
      route('My enrolments, or those of a resident who granted me proxy enrolment (for=)', {
        querystring: z.object({ ...pageQuery, for: z.string().uuid().optional(), status: z.enum(ENROLMENT_STATUSES).optional() }),
        response: { 200: enrolmentPage },
      }),
      (req, reply) => sendPersonal(personalReads, req, reply, () => enrolment.mine(req.ctx, { ...req.query, forResidentId: req.query.for })),
    );

    app.post(
      '/api/enrolments/:id/cancellation',
      route('The resident (or proxy) cancels before the cut-off; staff cancel with a reason', {
        params: idParam,
        body: cancelInput,
        response: { 200: enrolmentView },
      }),
      (req) => enrolment.cancel(req.ctx, req.params.id, req.body),
    );

    app.post(
      '/api/enrolments/:id/offer-confirmation',
      route('Confirm a waitlist offer before its deadline', { params: idParam, response: { 200: enrolmentView } }),
      (req) => enrolment.confirmOffer(req.ctx, req.params.id),
    );

    app.post(
      '/api/enrolments/:id/offer-decline',
      route('Decline a waitlist offer; the place passes to the next person', { params: idParam, response: { 200: enrolmentView } }),
      (req) => enrolment.cancel(req.ctx, req.params.id, {}, { declineOffer: true }),
    );

    app.post(
      '/api/enrolments/:id/decision',
      route('Staff approve (takes a seat) or reject with a reason', { params: idParam, body: decisionInput, response: { 200: enrolmentView } }),
      (req) => enrolment.decide(req.ctx, req.params.id, req.body),
    );

    app.post(
      '/api/enrolments/:id/fee',
      route('Staff record a payment or a waiver', { params: idParam, body: feeInput, response: { 200: enrolmentView } }),
      (req) => enrolment.recordFee(req.ctx, req.params.id, req.body),
    );

    app.get('/api/proxy-grants', route('Proxy grants I gave or received, and requests waiting for my consent', { response: { 200: proxyGrantList } }), (req) =>
      enrolment.grants(req.ctx),
    );

    app.post(
      '/api/proxy-grants',
      route(
        "A resident grants someone (a resident's phone, or the username of a worker serving them) the right to enrol on their behalf; the same answer whether or not the account exists",
        { body: grantInput, response: { 202: proxyGrantAccepted } },
      ),
      (req, reply) => accepted(reply, enrolment.grant(req.ctx, req.body)),
    );

    app.post(
      '/api/proxy-grants/requests',
      route(
        'Ask a resident (by phone) for the right to enrol on their behalf; they consent in the app. The same answer whether or not the number is registered',
        { body: grantRequestInput, response: { 202: proxyGrantRequestAccepted } },
      ),
      (req, reply) => accepted(reply, enrolment.requestGrant(req.ctx, req.body)),
    );

    app.post('/api/proxy-grants/:id/consent', route('The grantor agrees (recorded with its time)', { params: idParam, response: { 200: proxyGrant } }), (req) =>
      enrolment.consent(req.ctx, req.params.id),
    );

    app.post(
      '/api/proxy-grants/:id/revocation',
      route('Either side ends a grant or a pending request', { params: idParam, response: { 200: proxyGrant } }),
      (req) => enrolment.revoke(req.ctx, req.params.id),
    );
  };
}
