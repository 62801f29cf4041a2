import type { FastifyReply } from 'fastify';
import { SESSION_COOKIE, type App } from '../../http/app';
import { accepted, routeOptions } from '../../http/route-options';
import { attachment } from '../../kernel/excel';
import { accountClosureInput, consentWithdrawalInput, accountClosed, closureCodeSent, consentList, myDataExport } from '../../../contracts/privacy';
import type { PrivacyService } from './privacy.service';

const route = routeOptions(['privacy']);

// Personal data must not stay in a shared browser's or proxy's cache.
const noStore = (reply: FastifyReply) => reply.header('Cache-Control', 'no-store');

export function privacyRoutes(privacy: PrivacyService) {
  return (app: App) => {
    app.get(
      '/api/residents/me/data',
      route('Everything the platform holds about me, as a JSON file (audited)', { response: { 200: myDataExport } }),
      async (req, reply) => {
        const data = await privacy.myData(req.ctx);
        noStore(reply).header('Content-Disposition', attachment(`learncity-my-data-${data.generatedAt.slice(0, 10)}.json`));
        return data;
      },
    );

    app.get(
      '/api/residents/me/consents',
      route('Consents I gave, with their times, and which I can withdraw', { response: { 200: consentList } }),
      async (req, reply) => {
        noStore(reply);
        return privacy.consents(req.ctx);
      },
    );

    app.post(
      '/api/residents/me/consents/withdrawal',
      route('Withdraw one consent (a linked identifier, a sign-on account, a proxy grant)', { body: consentWithdrawalInput, response: { 200: consentList } }),
      (req) => privacy.withdraw(req.ctx, req.body),
    );

    app.post(
      '/api/residents/me/close/sms-code',
      route('Send a code to my phone to confirm closing my account', { response: { 202: closureCodeSent } }),
      (req, reply) => accepted(reply, privacy.sendClosureCode(req.ctx)),
    );

    app.post(
      '/api/residents/me/close',
      route('Close my account (password or SMS code); keeps only what the law requires, marked', {
        body: accountClosureInput,
        response: { 200: accountClosed },
      }),
      async (req, reply) => {
        const closed = await privacy.close(req.ctx, req.body);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return closed;
      },
    );
  };
}
