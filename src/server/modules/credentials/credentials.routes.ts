import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../http/app';
import { created, idParam, routeOptions } from '../../http/route-options';
import { pageQuery } from '../../kernel/pagination';
import { NotFound } from '../../kernel/errors';
import {
  CREDENTIAL_KINDS,
  issueInput,
  myIssueInput,
  revokeInput,
  verifyAnswer,
  credential,
  credentialPage,
  credentialDetail,
  awardCandidatePage,
  credentialDocument,
  issuerInfo,
  statusListCredential,
  clrExport,
  xapiExport,
  importedApplications,
} from '../../../contracts/credentials';
import type { CredentialsService } from './credentials.service';
import { fileBody } from '../../../contracts/answer-shapes';

const route = routeOptions(['credentials']);

/** `publicOrigin` (the first LEARNCITY_PUBLIC_ORIGINS entry) names the platform in credentials; else the request's own origin. */
export function credentialRoutes(credentials: CredentialsService, publicOrigin?: string) {
  const originOf = (req: FastifyRequest) => (publicOrigin ?? `${req.protocol}://${req.headers.host}`).replace(/\/$/, '');
  return (app: App) => {
    app.get('/api/me/credentials', route('My certificates', { querystring: z.object(pageQuery), response: { 200: credentialPage } }), (req) =>
      credentials.mine(req.ctx, req.query, originOf(req)),
    );

    app.post(
      '/api/me/credentials',
      route('Ask for the certificate of a completed record, or a transcript (again: the same certificate)', {
        body: myIssueInput,
        response: { 200: credential, 201: credential },
      }),
      async (req, reply) => {
        const { created, credential } = await credentials.issueMine(req.ctx, req.body, originOf(req));
        return reply.status(created ? 201 : 200).send(credential);
      },
    );

    // The archive in standards other platforms read (see README "Learning records out and in").
    app.get(
      '/api/me/learning-records/export.clr.json',
      route('My whole learning archive as a signed CLR 2.0 credential (an Open Badges 3.0 AchievementCredential per record)', { response: { 200: clrExport } }),
      async (req, reply) => {
        const document = await credentials.exportClr(req.ctx, originOf(req));
        return reply
          .type('application/json; charset=utf-8')
          .header('Content-Disposition', 'attachment; filename="learning-record.clr.json"')
          .send(JSON.stringify(document, null, 2));
      },
    );
    app.get(
      '/api/me/learning-records/export.xapi.json',
      route('My whole learning archive as xAPI 1.0.3 statements', { response: { 200: xapiExport } }),
      async (req, reply) => {
        const result = await credentials.exportXapi(req.ctx, originOf(req));
        return reply
          .type('application/json; charset=utf-8')
          .header('Content-Disposition', 'attachment; filename="learning-record.xapi.json"')
          .send(JSON.stringify(result, null, 2));
      },
    );
    app.post(
      '/api/recognition-applications/from-credential',
      route(
        'Apply for recognition with an Open Badges 3.0 or CLR 2.0 credential from another platform (verified on arrival; one application per achievement)',
        { body: z.unknown(), response: { 201: importedApplications } },
      ),
      (req, reply) => created(reply, credentials.importCredential(req.ctx, req.body)),
    );

    app.get(
      '/api/credentials',
      route('Certificates issued to residents and nominees in your regions', {
        querystring: z.object({
          ...pageQuery,
          kind: z.enum(CREDENTIAL_KINDS).optional(),
          status: z.enum(['valid', 'revoked']).optional(),
          residentId: z.string().uuid().optional(),
          region: z
            .string()
            .regex(/^\d{2,12}$/)
            .optional(),
        }),
        response: { 200: credentialPage },
      }),
      (req) => credentials.list(req.ctx, req.query, originOf(req)),
    );

    app.post(
      '/api/credentials',
      route('Issue a completion certificate, an award certificate or a transcript', { body: issueInput, response: { 200: credential, 201: credential } }),
      async (req, reply) => {
        const { created, credential } = await credentials.issue(req.ctx, req.body, originOf(req));
        return reply.status(created ? 201 : 200).send(credential);
      },
    );

    app.get(
      '/api/credentials/award-candidates',
      route('Commendations in your regions without a certificate yet', { querystring: z.object(pageQuery), response: { 200: awardCandidatePage } }),
      (req) => credentials.awardCandidates(req.ctx, req.query),
    );

    app.post(
      '/api/credentials/verify',
      route('Verify a credential (public): one verdict (valid, revoked, expired or invalid), what each check found, the issuer and issue date', {
        body: z.unknown(),
        response: { 200: verifyAnswer },
      }),
      (req) => credentials.verify(req.ctx, req.body),
    );

    app.get('/api/credentials/issuer', route('The issuer this platform signs as (public)', { response: { 200: issuerInfo } }), () => credentials.issuerInfo());
    app.get(
      '/api/credentials/issuer/seal',
      route('The issuing body’s seal image, printed on certificates (public)', { response: { 200: fileBody('PNG image of the issuer seal') } }),
      async (_req, reply) => {
        const seal = await credentials.seal();
        if (!seal) throw new NotFound('credential.no_seal');
        return reply.type(seal.contentType).header('Cache-Control', 'public, max-age=3600').send(seal.data);
      },
    );

    app.get(
      '/api/credentials/status/:list',
      route('A signed Bitstring Status List credential (public)', {
        params: z.object({ list: z.coerce.number().int().min(1).max(100000) }),
        response: { 200: statusListCredential },
      }),
      async (req, reply) => reply.header('Cache-Control', 'no-cache').send(await credentials.statusList(req.params.list, originOf(req))),
    );

    app.get(
      '/api/credentials/:id',
      route('A certificate with its signed credential (its resident, or staff in scope)', { params: idParam, response: { 200: credentialDetail } }),
      (req) => credentials.get(req.ctx, req.params.id, originOf(req)),
    );

    app.get(
      '/api/credentials/:id/credential.json',
      route('The signed credential exactly as issued (public: the QR link’s page fetches it)', { params: idParam, response: { 200: credentialDocument } }),
      async (req, reply) => {
        const { document, filename } = await credentials.publicDocument(req.params.id);
        return reply.type('application/json; charset=utf-8').header('Content-Disposition', `inline; filename="${filename}"`).send(document);
      },
    );

    app.post(
      '/api/credentials/:id/revocation',
      route('Revoke with a reason (audited)', { params: idParam, body: revokeInput, response: { 200: credential } }),
      (req) => credentials.revoke(req.ctx, req.params.id, req.body.reason, originOf(req)),
    );
  };
}
