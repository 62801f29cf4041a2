import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../http/app';
import { accepted, routeOptions } from '../../http/route-options';
import { mobilePhone } from '../../../contracts/identity';
import { setSessionCookie } from '../accounts/index';
import { SsoFailed, type SsoService } from './sso.service';
import { safeReturnPath } from '../../../contracts/portal-paths';
import { ssoRedirect, ssoAvailability, ssoLinked, ssoPendingLink, ssoSmsCodeSent } from '../../../contracts/sso';

const route = routeOptions(['auth']);

export const PENDING_COOKIE = 'lc_sso';
const COOKIE_PATH = '/api/auth/oidc';
const consent = z.boolean('identity.consent_required');
// A returnTo the portal's router would not show (`/\evil.example`, `//evil`, a tab…) is replaced by the
// home page; none at all keeps the default, the profile.
const returnPath = (v: string | undefined) => (v === undefined ? null : (safeReturnPath(v) ?? '/'));

export function ssoRoutes(sso: SsoService, cookieSecure: 'auto' | boolean) {
  const callbackUri = (req: FastifyRequest) => `${req.protocol}://${req.host}${COOKIE_PATH}/callback`;
  const secure = (req: FastifyRequest) => (cookieSecure === 'auto' ? req.protocol === 'https' : cookieSecure);

  return (app: App) => {
    app.get('/api/auth/oidc', route('Whether sign-in with the government identity service is offered', { response: { 200: ssoAvailability } }), () => ({
      enabled: sso.isEnabled(),
    }));

    app.get(
      '/api/auth/oidc/login',
      route('Start sign-in at the identity provider (redirect)', {
        querystring: z.object({ returnTo: z.string().max(200).optional() }),
        response: { 302: ssoRedirect },
      }),
      async (req, reply) => reply.redirect((await sso.start(callbackUri(req), returnPath(req.query.returnTo))).href),
    );

    app.get('/api/auth/oidc/callback', route('Where the identity provider sends the browser back', { response: { 302: ssoRedirect } }), async (req, reply) => {
      try {
        const result = await sso.callback(req.ctx, new URL(req.url, callbackUri(req)), callbackUri(req));
        if (result.kind === 'session') {
          setSessionCookie(req, reply, result.session, cookieSecure);
          return reply.redirect(result.returnTo === null ? '/profile' : (safeReturnPath(result.returnTo) ?? '/'));
        }
        reply.setCookie(PENDING_COOKIE, result.token, {
          httpOnly: true,
          sameSite: 'lax',
          path: COOKIE_PATH,
          maxAge: result.expiresInSeconds,
          secure: secure(req),
        });
        return reply.redirect('/sso/link');
      } catch (e) {
        if (!(e instanceof SsoFailed)) throw e;
        req.log.warn({ err: e.message }, 'single sign-on failed');
        return reply.redirect('/login?sso=failed');
      }
    });

    app.get('/api/auth/oidc/pending', route('The provider account waiting to be linked', { response: { 200: ssoPendingLink } }), (req) =>
      sso.pending(req.cookies[PENDING_COOKIE]),
    );

    app.post('/api/auth/oidc/sms-codes', route({ body: z.object({ phone: mobilePhone() }), response: { 202: ssoSmsCodeSent } }), (req, reply) =>
      accepted(reply, sso.sendLinkCode(req.ctx, req.cookies[PENDING_COOKIE], req.body.phone)),
    );

    app.post(
      '/api/auth/oidc/link',
      route('Link the provider account to my learncity account, with consent', {
        body: z.discriminatedUnion('method', [
          z.object({ method: z.literal('sms'), phone: mobilePhone(), smsCode: z.string().regex(/^\d{6}$/, 'sms.code_invalid'), consent }),
          z.object({ method: z.literal('password'), username: z.string().min(1).max(64), password: z.string().min(1).max(128), consent }),
          z.object({ method: z.literal('current'), consent }),
        ]),
        response: { 200: ssoLinked },
      }),
      async (req, reply) => {
        const { session, returnTo } = await sso.link(req.ctx, req.cookies[PENDING_COOKIE], req.body);
        if (session) setSessionCookie(req, reply, session, cookieSecure);
        reply.clearCookie(PENDING_COOKIE, { path: COOKIE_PATH });
        return { linked: true, returnTo: returnTo === null ? '/profile' : (safeReturnPath(returnTo) ?? '/') };
      },
    );
  };
}
