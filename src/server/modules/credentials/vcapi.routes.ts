// A VC-API adapter (issue and verify any credential, revoke what it issued, verify a presentation) so the
// public W3C test suites (vc-api-issuer, vc-api-verifier, vc-data-model-2.0, vc-di-eddsa, bitstring status
// list) can be run against the platform. Off unless LEARNCITY_VC_API_TOKEN is set; then every call needs
// `Authorization: Bearer <that token>`. It signs whatever it is given with the platform's key, so it is for
// conformance runs, not for production.
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../http/app';
import { routeOptions } from '../../http/route-options';
import type { Clock } from '../../kernel/clock';
import { checkPresentation, checkProof, VC_V2, type Issuer } from './credentials.crypto';
import { dataModelProblem } from './credentials.datamodel';
import type { CredentialsService } from './credentials.service';

const route = routeOptions(['credentials']);

const body = z.record(z.string(), z.unknown());

const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

type VcApiCredentials = Pick<CredentialsService, 'isRevoked' | 'vcApiStatusEntry' | 'revokeVcApi' | 'relatedResourceProblem'>;

export function vcApiRoutes(deps: { issuer: Issuer; clock: Clock; token?: string; credentials: VcApiCredentials; publicOrigin?: string }) {
  const expected = deps.token ? Buffer.from(`Bearer ${deps.token}`) : null;
  const originOf = (req: FastifyRequest) => (deps.publicOrigin ?? `${req.protocol}://${req.headers.host}`).replace(/\/$/, '');
  /** Not configured: the routes do not exist (404); configured: the bearer token or 401. */
  function refuse(req: FastifyRequest, reply: FastifyReply) {
    if (!expected) return reply.status(404).send({ error: { code: 'not_found', message: 'Not found', details: {} } });
    const given = Buffer.from(String(req.headers.authorization ?? ''));
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return reply.status(401).send({ error: { code: 'auth.required', message: 'Bearer token required', details: {} } });
    return null;
  }
  const problem = (reply: FastifyReply, message: string, status = 400) =>
    reply.status(status).send({ verified: false, errors: [{ message }], checks: [], warnings: [] });

  /**
   * The issuer is the caller's to name and ours to check: a credential without one, or naming someone
   * else, is refused rather than completed with the platform's identity (the caller would not get the
   * credential it asked for).
   */
  function issuerProblem(credential: Record<string, any>): string | null {
    const issuer = credential.issuer;
    if (issuer === undefined) return 'credential.issuer is required';
    const id = typeof issuer === 'string' ? issuer : isObject(issuer) && typeof issuer.id === 'string' ? issuer.id : null;
    if (id === null) return 'credential.issuer must be a URL or an object whose id is a URL';
    if (id !== deps.issuer.did) return `this issuer signs as ${deps.issuer.did}, not as ${id}`;
    return null;
  }

  /** VC-API `options.credentialStatus`: only the platform's own kind of status can be asked for. */
  function statusOptionProblem(options: unknown): string | null {
    const wanted = isObject(options) ? options.credentialStatus : undefined;
    if (wanted === undefined) return null;
    if (!isObject(wanted) || wanted.type !== 'BitstringStatusListEntry') return 'options.credentialStatus: this issuer offers only BitstringStatusListEntry';
    if (wanted.statusPurpose !== undefined && wanted.statusPurpose !== 'revocation')
      return 'options.credentialStatus: this issuer offers only the revocation purpose';
    return null;
  }

  return (app: App) => {
    app.post('/api/vc-api/credentials/issue', route('VC-API issue (conformance runs only; LEARNCITY_VC_API_TOKEN)', { body }), async (req, reply) => {
      const refused = refuse(req, reply);
      if (refused) return refused;
      const credential = req.body.credential as Record<string, any> | undefined;
      if (!isObject(credential)) return problem(reply, 'credential is required');
      const invalid = issuerProblem(credential) ?? dataModelProblem(credential) ?? statusOptionProblem(req.body.options);
      if (invalid) return problem(reply, invalid);
      const related = await deps.credentials.relatedResourceProblem(credential);
      if (related) return problem(reply, related);
      // A VC 2.0 credential that brings no status gets a revocation entry in the platform's list, so that
      // revocation can be tried through this API. A VC 1.1 credential gets none: its context does not define
      // the entry, and adding the status context would change the @context the caller chose.
      const isV2 = Array.isArray(credential['@context']) && credential['@context'][0] === VC_V2;
      const status = isV2 && credential.credentialStatus === undefined ? await deps.credentials.vcApiStatusEntry(originOf(req)) : null;
      const toSign = status ? { ...credential, credentialStatus: status.entry } : credential;
      try {
        const verifiableCredential = await deps.issuer.sign(toSign, deps.clock.now());
        await status?.record(typeof credential.id === 'string' ? credential.id.slice(0, 500) : null);
        return reply.status(201).send({ verifiableCredential });
      } catch (error) {
        return problem(reply, (error as Error).message);
      }
    });

    app.post('/api/vc-api/credentials/verify', route('VC-API verify (conformance runs only)', { body }), async (req, reply) => {
      const refused = refuse(req, reply);
      if (refused) return refused;
      const credential = req.body.verifiableCredential as Record<string, any> | undefined;
      if (!isObject(credential)) return problem(reply, 'verifiableCredential is required');
      const invalid = dataModelProblem(credential);
      if (invalid) return problem(reply, invalid);
      const result = await checkProof(credential, deps.clock.now());
      if (!result.verified) return problem(reply, result.reason ?? 'verification failed');
      const related = await deps.credentials.relatedResourceProblem(credential);
      if (related) return problem(reply, related);
      if (await deps.credentials.isRevoked(credential)) return problem(reply, 'revoked');
      // The VC-API's `verified` is about the proofs; whether they bind the named issuer is said beside it
      // (the public verify API, which gives a verdict, refuses such a credential outright).
      const warnings = result.issuerSigned ? [] : [{ message: 'no proof was made by a key the named issuer controls' }];
      const checks = ['proof', ...(credential.relatedResource ? ['relatedResource'] : []), ...(credential.credentialStatus ? ['credentialStatus'] : [])];
      return reply.status(200).send({ verified: true, checks, warnings, errors: [] });
    });

    app.post(
      '/api/vc-api/credentials/status',
      route('VC-API update a credential’s status: revoke what this adapter issued (conformance runs only)', { body }),
      async (req, reply) => {
        const refused = refuse(req, reply);
        if (refused) return refused;
        const { credentialId, credentialStatus } = req.body as { credentialId?: unknown; credentialStatus?: unknown };
        if (typeof credentialId !== 'string' || !credentialId) return problem(reply, 'credentialId is required');
        // The VC-API's list form ([{ type, status }]) and the status-list suite's form ({ type, statusPurpose }).
        const updates = (Array.isArray(credentialStatus) ? credentialStatus : [credentialStatus]) as unknown[];
        if (!updates.length || !updates.every((u) => isObject(u) && u.type === 'BitstringStatusListEntry'))
          return problem(reply, 'credentialStatus must name BitstringStatusListEntry');
        for (const u of updates as Record<string, unknown>[]) {
          if (u.statusPurpose !== undefined && u.statusPurpose !== 'revocation') return problem(reply, 'this issuer offers only the revocation purpose');
          if (u.status !== undefined && ![true, 'true', '1', 1, 'revoked'].includes(u.status as never)) return problem(reply, 'a revocation cannot be undone');
        }
        const outcome = await deps.credentials.revokeVcApi(credentialId);
        if (outcome === 'unknown') return problem(reply, 'no credential with this id was issued here with a status entry', 404);
        return reply.status(200).send({
          credentialId,
          credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose: 'revocation', status: true }],
          changed: outcome === 'revoked',
        });
      },
    );

    app.post('/api/vc-api/presentations/verify', route('VC-API verify a presentation (conformance runs only)', { body }), async (req, reply) => {
      const refused = refuse(req, reply);
      if (refused) return refused;
      const presentation = req.body.verifiablePresentation as Record<string, any> | undefined;
      if (!isObject(presentation)) return problem(reply, 'verifiablePresentation is required');
      const options = (req.body.options ?? {}) as { challenge?: string; domain?: string };
      const result = await checkPresentation(presentation, options, deps.clock.now());
      if (!result.verified) return problem(reply, result.reason ?? 'verification failed');
      return reply.status(200).send({ verified: true, checks: ['proof'], warnings: [], errors: [] });
    });
  };
}
