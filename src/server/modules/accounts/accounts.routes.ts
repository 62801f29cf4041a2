import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE, type App } from '../../http/app';
import { accepted, created, idParam, routeOptions } from '../../http/route-options';
import { ROLES } from '../../kernel/actor';
import { Unauthenticated } from '../../kernel/errors';
import { pageQuery } from '../../kernel/pagination';
import { sessionAnswer } from '../../../contracts/session';
import type { AuthService } from './auth.service';
import type { StaffService } from './staff.service';
import type { ResidentsService } from './residents.service';
import {
  currentUser,
  currentUserAfterLocale,
  signedInAnswer,
  smsCodeSent,
  residentPage,
  residentProfile,
  residentIdNumber,
  temporaryPasswordAnswer,
  staffAccountPage,
  staffAccountDetail,
  loginInput,
  smsCodeRequest,
  smsLoginInput,
  passwordResetInput,
  passwordChangeInput,
  registrationInput,
  residentProfilePatch,
  staffAccountInput,
  staffAccountPatch,
  staffPasswordReset,
} from '../../../contracts/accounts';
import { noContent } from '../../../contracts/answer-shapes';

const authRoute = routeOptions(['auth']);
const residentsRoute = routeOptions(['residents']);
const staffRoute = routeOptions(['staff']);

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, session: { token: string; expiresAt: Date }, secure: 'auto' | boolean) {
  reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    expires: session.expiresAt,
    secure: secure === 'auto' ? request.protocol === 'https' : secure,
  });
}

export function accountRoutes(s: { auth: AuthService; staff: StaffService; residents: ResidentsService; cookieSecure: 'auto' | boolean }) {
  const me = (req: FastifyRequest) => {
    if (!req.ctx.actor) throw new Unauthenticated('auth.required');
    return s.staff.me(req.ctx.actor, req.ctx.locale);
  };

  return (app: App) => {
    app.post('/api/auth/login', authRoute({ body: loginInput, response: { 200: signedInAnswer } }), async (req, reply) => {
      const { user, token, expiresAt } = await s.auth.login(req.ctx, req.body.username, req.body.password);
      setSessionCookie(req, reply, { token, expiresAt }, s.cookieSecure);
      return { user: await s.staff.me(await s.auth.actorOf(user), user.locale) };
    });

    app.post('/api/auth/logout', authRoute({ response: { 204: noContent } }), async (req, reply) => {
      if (req.sessionToken) await s.auth.logout(req.sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    });

    app.get('/api/auth/me', authRoute({ response: { 200: currentUser } }), (req) => me(req));

    app.get(
      '/api/auth/session',
      authRoute('Who is signed in: a visitor gets 200 { signedIn: false }, so asking on every page load is never an error', {
        response: { 200: sessionAnswer },
      }),
      async (req) => {
        if (!req.ctx.actor) return { signedIn: false as const };
        const user = await s.staff.me(req.ctx.actor, req.ctx.locale);
        return { signedIn: true as const, user: { ...user, locale: user.locale === 'en' ? ('en' as const) : ('zh-CN' as const) } };
      },
    );

    app.patch('/api/auth/me', authRoute({ body: z.object({ locale: z.enum(['zh-CN', 'en']) }), response: { 200: currentUserAfterLocale } }), async (req) => {
      await s.auth.setLocale(req.ctx, req.body.locale);
      return { ...(await me(req)), locale: req.body.locale }; // the request's session predates the change
    });

    app.post('/api/auth/password', authRoute({ body: passwordChangeInput, response: { 204: noContent } }), async (req, reply) => {
      await s.auth.changePassword(req.ctx, req.sessionToken ?? '', req.body.currentPassword, req.body.newPassword);
      return reply.status(204).send(null);
    });

    app.post('/api/auth/sms-codes', authRoute({ body: smsCodeRequest, response: { 202: smsCodeSent } }), (req, reply) =>
      accepted(reply, s.auth.sendSmsCode(req.ctx, req.body.phone, req.body.purpose)),
    );

    app.post(
      '/api/auth/sms-login',
      authRoute('Sign in with a code sent to the phone', { body: smsLoginInput, response: { 200: signedInAnswer } }),
      async (req, reply) => {
        const { user, token, expiresAt } = await s.auth.loginBySms(req.ctx, req.body.phone, req.body.smsCode);
        setSessionCookie(req, reply, { token, expiresAt }, s.cookieSecure);
        return { user: await s.staff.me(await s.auth.actorOf(user), user.locale) };
      },
    );

    app.post(
      '/api/auth/password-reset',
      authRoute('A forgotten password replaced after an SMS code; signs in', { body: passwordResetInput, response: { 200: signedInAnswer } }),
      async (req, reply) => {
        const { user, token, expiresAt } = await s.auth.resetPasswordBySms(req.ctx, req.body.phone, req.body.smsCode, req.body.newPassword);
        setSessionCookie(req, reply, { token, expiresAt }, s.cookieSecure);
        return { user: await s.staff.me(await s.auth.actorOf(user), user.locale) };
      },
    );

    app.post('/api/residents', residentsRoute({ body: registrationInput, response: { 201: residentProfile } }), async (req, reply) => {
      const { profile, session } = await s.residents.register(req.ctx, req.body);
      setSessionCookie(req, reply, session, s.cookieSecure);
      return reply.status(201).send(profile);
    });

    app.get('/api/residents/me', residentsRoute({ response: { 200: residentProfile } }), (req) => s.residents.me(req.ctx));

    app.patch('/api/residents/me', residentsRoute({ body: residentProfilePatch, response: { 200: residentProfile } }), (req) =>
      s.residents.updateMe(req.ctx, req.body),
    );

    app.get(
      '/api/residents',
      residentsRoute({ querystring: z.object({ ...pageQuery, region: z.string().max(12).optional() }), response: { 200: residentPage } }),
      (req) => s.residents.list(req.ctx, req.query),
    );

    app.get('/api/residents/:id', residentsRoute({ params: idParam, response: { 200: residentProfile } }), (req) => s.residents.get(req.ctx, req.params.id));

    app.post(
      '/api/residents/:id/password-reset',
      residentsRoute('Staff-assisted reset: a one-time temporary password (audited)', { params: idParam, response: { 201: temporaryPasswordAnswer } }),
      (req, reply) => created(reply, s.residents.issueTemporaryPassword(req.ctx, req.params.id)),
    );

    app.get('/api/residents/:id/id-number', residentsRoute('Full ID number (audited)', { params: idParam, response: { 200: residentIdNumber } }), (req) =>
      s.residents.revealIdNumber(req.ctx, req.params.id),
    );

    app.get(
      '/api/staff-accounts',
      staffRoute({
        querystring: z.object({
          ...pageQuery,
          region: z.string().max(12).optional(),
          role: z.enum(ROLES).optional(),
          status: z.enum(['active', 'disabled']).optional(),
        }),
        response: { 200: staffAccountPage },
      }),
      (req) => s.staff.list(req.ctx, req.query),
    );

    app.get('/api/staff-accounts/:id', staffRoute({ params: idParam, response: { 200: staffAccountDetail } }), (req) => s.staff.get(req.ctx, req.params.id));

    app.post('/api/staff-accounts', staffRoute({ body: staffAccountInput, response: { 201: staffAccountDetail } }), (req, reply) =>
      created(reply, s.staff.create(req.ctx, req.body)),
    );

    app.patch('/api/staff-accounts/:id', staffRoute({ params: idParam, body: staffAccountPatch, response: { 200: staffAccountDetail } }), (req) =>
      s.staff.update(req.ctx, req.params.id, req.body),
    );

    app.post(
      '/api/staff-accounts/:id/password-reset',
      staffRoute({ params: idParam, body: staffPasswordReset, response: { 204: noContent } }),
      async (req, reply) => {
        await s.staff.resetPassword(req.ctx, req.params.id, req.body.newPassword);
        return reply.status(204).send(null);
      },
    );
  };
}
