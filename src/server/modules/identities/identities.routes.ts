import { z } from 'zod';
import type { App } from '../../http/app';
import { accepted, created, idParam, routeOptions } from '../../http/route-options';
import type { IdentitiesService } from './identities.service';
import { linkedIdentityList, emailCodeSent, linkedIdentity } from '../../../contracts/identities';
import { noContent } from '../../../contracts/answer-shapes';

const route = routeOptions(['identities']);

const email = z.string().trim().max(200, 'validation.too_long').email('identity.email_invalid');
const consent = z.boolean('identity.consent_required');

export function identityRoutes(identities: IdentitiesService) {
  return (app: App) => {
    app.get(
      '/api/me/linked-identities',
      route('My linked identifiers and the partner platforms my consent covers', { response: { 200: linkedIdentityList } }),
      (req) => identities.mine(req.ctx),
    );
    app.post(
      '/api/me/linked-identities/phone',
      route('Link my verified phone, with consent', { body: z.object({ consent }), response: { 201: linkedIdentity } }),
      (req, reply) => created(reply, identities.linkPhone(req.ctx, req.body)),
    );
    app.post(
      '/api/me/linked-identities/email-codes',
      route('Send a code to an e-mail address I want to link', { body: z.object({ email }), response: { 202: emailCodeSent } }),
      (req, reply) => accepted(reply, identities.sendEmailCode(req.ctx, req.body.email)),
    );
    app.post(
      '/api/me/linked-identities/email',
      route('Link a verified e-mail address, with consent', {
        body: z.object({ email, code: z.string().regex(/^\d{6}$/, 'sms.code_invalid'), consent }),
        response: { 201: linkedIdentity },
      }),
      (req, reply) => created(reply, identities.linkEmail(req.ctx, req.body)),
    );
    app.delete('/api/me/linked-identities/:id', route('Unlink (withdraw consent)', { params: idParam, response: { 204: noContent } }), async (req, reply) => {
      await identities.unlink(req.ctx, req.params.id);
      return reply.status(204).send(null);
    });
  };
}
