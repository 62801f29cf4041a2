// A VC-API adapter (issue and verify any credential, verify a presentation) so the public W3C test suites
// (vc-data-model-2.0-test-suite, vc-di-eddsa-test-suite) can be run against the platform. Off unless
// LEARNCITY_VC_API_TOKEN is set; then every call needs `Authorization: Bearer <that token>`. It signs
// whatever it is given with the platform's key, so it is for conformance runs, not for production.
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../http/app';
import type { Clock } from '../../kernel/clock';
import { checkPresentation, checkProof, type Issuer } from './credentials.crypto';
import { dataModelProblem } from './credentials.datamodel';

const tags = ['credentials'];
const body = z.record(z.string(), z.unknown());

export function vcApiRoutes(deps: { issuer: Issuer; clock: Clock; token?: string; revoked: (credential: Record<string, any>) => Promise<boolean> }) {
  const expected = deps.token ? Buffer.from(`Bearer ${deps.token}`) : null;
  /** Not configured: the routes do not exist (404); configured: the bearer token or 401. */
  function refuse(req: FastifyRequest, reply: FastifyReply) {
    if (!expected) return reply.status(404).send({ error: { code: 'not_found', message: 'Not found', details: {} } });
    const given = Buffer.from(String(req.headers.authorization ?? ''));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return reply.status(401).send({ error: { code: 'auth.required', message: 'Bearer token required', details: {} } });
    return null;
  }
  const problem = (reply: FastifyReply, message: string) => reply.status(400).send({ verified: false, errors: [{ message }], checks: [], warnings: [] });

  return (app: App) => {
    app.post('/api/vc-api/credentials/issue', { schema: { tags, summary: 'VC-API issue (conformance runs only; LEARNCITY_VC_API_TOKEN)', body } }, async (req, reply) => {
      const refused = refuse(req, reply);
      if (refused) return refused;
      const credential = req.body.credential as Record<string, any> | undefined;
      if (!credential || typeof credential !== 'object' || Array.isArray(credential)) return problem(reply, 'credential is required');
      const invalid = dataModelProblem(credential);
      if (invalid) return problem(reply, invalid);
      const issuer = credential.issuer && typeof credential.issuer === 'object' && !Array.isArray(credential.issuer) ? { ...credential.issuer, id: deps.issuer.did } : deps.issuer.did;
      try {
        const verifiableCredential = await deps.issuer.sign({ ...credential, issuer }, deps.clock.now());
        return reply.status(201).send({ verifiableCredential });
      } catch (error) {
        return problem(reply, (error as Error).message);
      }
    });

    app.post('/api/vc-api/credentials/verify', { schema: { tags, summary: 'VC-API verify (conformance runs only)', body } }, async (req, reply) => {
      const refused = refuse(req, reply);
      if (refused) return refused;
      const credential = req.body.verifiableCredential as Record<string, any> | undefined;
      if (!credential || typeof credential !== 'object' || Array.isArray(credential)) return problem(reply, 'verifiableCredential is required');
      const invalid = dataModelProblem(credential);
      if (invalid) return problem(reply, invalid);
      const result = await checkProof(credential, deps.clock.now());
      if (!result.verified) return problem(reply, result.reason ?? 'verification failed');
      if (await deps.revoked(credential)) return problem(reply, 'revoked');
      return reply.status(200).send({ verified: true, checks: ['proof'], warnings: [], errors: [] });
    });

    app.post('/api/vc-api/presentations/verify', { schema: { tags, summary: 'VC-API verify a presentation (conformance runs only)', body } }, async (req, reply) => {
      const refused = refuse(req, reply);
      if (refused) return refused;
      const presentation = req.body.verifiablePresentation as Record<string, any> | undefined;
      if (!presentation || typeof presentation !== 'object' || Array.isArray(presentation)) return problem(reply, 'verifiablePresentation is required');
      const options = (req.body.options ?? {}) as { challenge?: string; domain?: string };
      const result = await checkPresentation(presentation, options, deps.clock.now());
      if (!result.verified) return problem(reply, result.reason ?? 'verification failed');
      return reply.status(200).send({ verified: true, checks: ['proof'], warnings: [], errors: [] });
    });
  };
}
