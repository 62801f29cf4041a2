// HTTP face of the learning record store at /xapi: Basic authentication, version negotiation (1.0.3 and
// 2.0.0 side by side, the request's header deciding), the alternate request syntax (1.0.3 only),
// multipart/mixed bodies, and the status codes xAPI requires.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../http/app';
import { pickLocale, translate } from '../../kernel/messages';
import { XapiError, badRequest, type AttachmentPart, type XapiService } from './xapi.service';
import { boundaryOf, buildMultipart, parseMultipart } from './xapi.multipart';
import { XapiInvalid, type Json, type XapiVersion } from './xapi.validate';
import type { PartnerCaller } from './xapi.policy';

export const XAPI_VERSION = '1.0.3';
export const XAPI_VERSIONS: readonly XapiVersion[] = ['2.0.0', '1.0.3'];
/** What /about lists for each version served (1.0.3 clients of any 1.0.x patch are answered as 1.0.3). */
const ABOUT_VERSIONS: Record<XapiVersion, string[]> = { '2.0.0': ['2.0.0'], '1.0.3': ['1.0.3', '1.0.2', '1.0.1', '1.0.0'] };
const METHODS = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'] as const;
/** Form fields of the alternate request syntax that stand for headers. */
const FORM_HEADERS = ['authorization', 'x-experience-api-version', 'content-type', 'content-length', 'if-match', 'if-none-match'];

export interface XapiPartners {
  authenticate(key: string, secret: string): Promise<PartnerCaller | null>;
  countRequest(partnerId: string, isError: boolean): Promise<void>;
}

/** One request after the alternate syntax is unwrapped: what every resource handler reads. */
interface XapiRequest {
  method: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: Buffer;
  contentType: string;
  path: string;
  /** The host the request came to (behind trusted proxies, the forwarded one). */
  host: string;
  /** Sent with the alternate request syntax (1.0.3 only). */
  alternate?: boolean;
}
/** What a resource handler reads: the request and the xAPI version it is answered in. */
type VersionedRequest = XapiRequest & { version: XapiVersion };

declare module 'fastify' {
  interface FastifyRequest {
    xapiPartnerId?: string;
    xapiVersion?: XapiVersion;
  }
}

/** The version a request's X-Experience-API-Version header asks for, among those served; null when none. */
export function requestedVersion(header: string | undefined, served: readonly XapiVersion[]): XapiVersion | null {
  if (!header) return null;
  const asked: XapiVersion | null = /^1\.0(\.\d+)?$/.test(header) ? '1.0.3' : /^2\.0(\.\d+)?$/.test(header) ? '2.0.0' : null;
  return asked && served.includes(asked) ? asked : null;
}

/**
 * `versions`: the xAPI versions served, newest first (LEARNCITY_XAPI_VERSIONS). A request without a usable
 * version header is answered (400) as the first of them, since the store cannot know which its client speaks.
 */
export function xapiRoutes(xapi: XapiService, partners: XapiPartners, versions: readonly XapiVersion[] = XAPI_VERSIONS) {
  const served = [...XAPI_VERSIONS].filter((v) => versions.includes(v));
  if (!served.length) throw new Error('xapiRoutes: serve at least one of 2.0.0, 1.0.3');
  return (root: App) => {
    root.register(
      async (app) => {
        // Every body arrives as bytes; JSON, multipart/mixed and documents of any type are read per resource.
        app.removeAllContentTypeParsers();
        app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 32 * 1024 * 1024 }, (_req, body, done) => done(null, body));

        app.addHook('onSend', async (req, reply, payload) => {
          reply.header('X-Experience-API-Version', req.xapiVersion ?? served[0]);
          return payload;
        });
        app.addHook('onResponse', async (req, reply) => {
          if (req.xapiPartnerId) await partners.countRequest(req.xapiPartnerId, reply.statusCode >= 400).catch((e) => req.log.warn(e));
        });
        app.setErrorHandler((error, req, reply) => {
          const locale = pickLocale(req.headers['accept-language']);
          const send = (status: number, code: string, reason: string) =>
            reply.status(status).send({ error: { code, message: translate(code, locale), details: { reason } } });
          if (error instanceof XapiError) {
            if (error.status === 401) reply.header('WWW-Authenticate', 'Basic realm="learncity xAPI"');
            return send(error.status, error.code, error.message);
          }
          if (error instanceof XapiInvalid) return send(400, 'xapi.bad_request', error.message);
          const e = error as { statusCode?: number; code?: string; message?: string };
          if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.statusCode === 413) return send(413, 'payload_too_large', 'the request body is too large');
          if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return send(400, 'xapi.bad_request', e.message ?? 'bad request');
          throw error;
        });

        const route = (
          url: string,
          handler: (r: VersionedRequest, p: PartnerCaller | null, reply: FastifyReply) => Promise<unknown>,
          opts: { public?: boolean } = {},
        ) =>
          app.route({
            method: [...METHODS],
            url,
            exposeHeadRoute: false,
            schema: { hide: true },
            handler: async (req, reply) => {
              // 2.0 has no alternate request syntax: a 2.0 request with ?method= is refused before it is unwrapped.
              const outer = requestedVersion(
                typeof req.headers['x-experience-api-version'] === 'string' ? req.headers['x-experience-api-version'] : undefined,
                served,
              );
              if (outer === '2.0.0' && new URL(req.url, 'http://x').searchParams.has('method')) {
                req.xapiVersion = outer;
                throw badRequest('method: xAPI 2.0.0 has no alternate request syntax');
              }
              const r = unwrap(req);
              const version = requestedVersion(r.headers['x-experience-api-version'], served);
              if (version) req.xapiVersion = version;
              if (!opts.public) {
                if (!version) throw badRequest(`X-Experience-API-Version: send ${served.map((v) => (v === '1.0.3' ? '1.0.x' : v)).join(' or ')}`);
                if (r.alternate && version !== '1.0.3') throw badRequest('method: xAPI 2.0.0 has no alternate request syntax');
              }
              const partner = opts.public ? null : await authenticate(r);
              if (partner) req.xapiPartnerId = partner.id;
              return handler({ ...r, version: version ?? served[0] }, partner, reply);
            },
          });

        async function authenticate(r: XapiRequest): Promise<PartnerCaller> {
          const m = /^Basic\s+(.+)$/i.exec(r.headers.authorization ?? '');
          const decoded = m ? Buffer.from(m[1], 'base64').toString('utf8') : '';
          const i = decoded.indexOf(':');
          const partner = i > 0 ? await partners.authenticate(decoded.slice(0, i), decoded.slice(i + 1)) : null;
          if (!partner) throw new XapiError(401, 'xapi.unauthenticated', 'send the partner key and secret with HTTP Basic');
          return partner;
        }

        route(
          '/about',
          async (r) => {
            only(r, ['GET', 'HEAD']);
            return { version: served.flatMap((v) => ABOUT_VERSIONS[v]), extensions: {} };
          },
          { public: true },
        );

        route('/statements', async (r, p, reply) => {
          const partner = p!;
          if (r.method === 'GET' || r.method === 'HEAD') {
            // On every answer to a statement GET, errors included.
            reply.header('X-Experience-API-Consistent-Through', new Date().toISOString());
            const found = await xapi.getStatements(partner, r.query, r.headers['accept-language']);
            reply.header('X-Experience-API-Consistent-Through', found.consistentThrough);
            // xAPI 2.0: when the (most recent) statement answered was stored.
            if (r.version === '2.0.0' && found.lastModified) reply.header('Last-Modified', new Date(found.lastModified).toUTCString());
            const json =
              'single' in found
                ? found.single
                : { statements: found.result!.statements, more: found.result!.moreToken ? `${r.path}?more=${found.result!.moreToken}` : '' };
            if (!found.attachments) return reply.type('application/json').send(json);
            const boundary = randomBytes(16).toString('hex');
            const body = buildMultipart(boundary, [
              { contentType: 'application/json', body: Buffer.from(JSON.stringify(json)) },
              ...found.attachments.map((a) => ({
                contentType: a.contentType,
                headers: { 'Content-Transfer-Encoding': 'binary', 'X-Experience-API-Hash': a.sha2 },
                body: a.content,
              })),
            ]);
            return reply.type(`multipart/mixed; boundary=${boundary}`).send(body);
          }
          if (r.method === 'PUT') {
            for (const k of Object.keys(r.query)) if (k !== 'statementId') throw badRequest(`${k}: not a parameter of PUT statements`);
            if (r.query.statementId === undefined) throw badRequest('statementId: required');
            const { statements, parts } = readStatements(r);
            await xapi.storeStatements(partner, statements, parts, r.query.statementId, r.host, r.version);
            return reply.status(204).send();
          }
          if (r.method === 'POST') {
            if (Object.keys(r.query).length) throw badRequest(`${Object.keys(r.query)[0]}: not a parameter of POST statements`);
            const { statements, parts } = readStatements(r);
            const { ids } = await xapi.storeStatements(partner, statements, parts, undefined, r.host, r.version);
            return reply.type('application/json').send(ids);
          }
          throw new XapiError(400, 'xapi.bad_request', `${r.method} is not supported on statements`);
        });

        const documentRoute = (url: string, kind: 'state' | 'activity_profile' | 'agent_profile') =>
          route(url, async (r, p, reply) => {
            const partner = p!;
            const pre = { ifMatch: r.headers['if-match'], ifNoneMatch: r.headers['if-none-match'] };
            if (r.method === 'GET' || r.method === 'HEAD') {
              const found = await xapi.getDocuments(partner, kind, r.query);
              if (found.ids) return reply.type('application/json').send(found.ids);
              const doc = found.document!;
              return reply.type(doc.contentType).header('ETag', `"${doc.etag}"`).header('Last-Modified', doc.updated.toUTCString()).send(doc.content);
            }
            if (r.method === 'PUT' || r.method === 'POST') {
              await xapi.writeDocument(
                partner,
                kind,
                r.query,
                { contentType: r.contentType || 'application/octet-stream', content: r.body },
                { merge: r.method === 'POST', ...pre, version: r.version },
              );
              return reply.status(204).send();
            }
            await xapi.deleteDocuments(partner, kind, r.query, pre);
            return reply.status(204).send();
          });
        documentRoute('/activities/state', 'state');
        documentRoute('/activities/profile', 'activity_profile');
        documentRoute('/agents/profile', 'agent_profile');

        route('/activities', async (r, p) => {
          only(r, ['GET', 'HEAD']);
          return xapi.activity(p!, r.query);
        });
        route('/agents', async (r, p) => {
          only(r, ['GET', 'HEAD']);
          return xapi.person(p!, r.query);
        });
      },
      { prefix: '/xapi' },
    );
  };
}

function only(r: XapiRequest, methods: string[]) {
  if (!methods.includes(r.method)) throw badRequest(`${r.method} is not supported on this resource`);
}

/** The request as the resource sees it: the alternate syntax (POST ?method=X with a form) unwrapped. */
function unwrap(req: FastifyRequest): XapiRequest {
  const url = new URL(req.url, 'http://x');
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const base = { path: url.pathname, host: req.host };
  if (query.method === undefined) return { ...base, method: req.method, query, headers, body, contentType: headers['content-type'] ?? '' };

  if (req.method !== 'POST') throw badRequest('method: the alternate syntax uses POST');
  const keys = Object.keys(query);
  if (keys.length !== 1) throw badRequest('the alternate syntax takes only the method parameter in the query string');
  const method = query.method.toUpperCase();
  if (!['GET', 'HEAD', 'PUT', 'POST', 'DELETE'].includes(method)) throw badRequest('method: must be GET, HEAD, PUT, POST or DELETE');
  if (!/^application\/x-www-form-urlencoded/i.test(headers['content-type'] ?? ''))
    throw badRequest('the alternate syntax sends application/x-www-form-urlencoded');
  const form = new URLSearchParams(body.toString('utf8'));
  const inner: Record<string, string> = {};
  const innerHeaders: Record<string, string> = { ...headers };
  delete innerHeaders['content-type'];
  let content = Buffer.alloc(0);
  for (const [k, v] of form) {
    const lower = k.toLowerCase();
    if (FORM_HEADERS.includes(lower)) innerHeaders[lower] = v;
    else if (k === 'content') content = Buffer.from(v, 'utf8');
    else inner[k] = v;
  }
  return {
    ...base,
    method,
    query: inner,
    headers: innerHeaders,
    body: content,
    contentType: innerHeaders['content-type'] ?? (content.length ? 'application/json' : ''),
    alternate: true,
  };
}

/** Statements from a JSON or multipart/mixed body, with each attachment part's hash checked against its bytes. */
function readStatements(r: XapiRequest): { statements: Json; parts: AttachmentPart[] } {
  const type = r.contentType.toLowerCase();
  if (type.startsWith('application/json')) return { statements: parseJson(r.body), parts: [] };
  if (type.startsWith('multipart/mixed')) {
    const boundary = boundaryOf(r.contentType);
    if (!boundary) throw badRequest('Content-Type: multipart/mixed needs a boundary');
    const [first, ...rest] = parseMultipart(r.body, boundary);
    if (!first || !(first.headers['content-type'] ?? '').toLowerCase().startsWith('application/json'))
      throw badRequest('the first part must be the statements as application/json');
    const parts = rest.map((part) => {
      const sha2 = part.headers['x-experience-api-hash'];
      if (!sha2) throw badRequest('each attachment part needs X-Experience-API-Hash');
      const encoding = part.headers['content-transfer-encoding'];
      if (encoding !== undefined && encoding.toLowerCase() !== 'binary') throw badRequest('Content-Transfer-Encoding of an attachment part must be binary');
      const algorithm = { 56: 'sha224', 64: 'sha256', 96: 'sha384', 128: 'sha512' }[sha2.length];
      if (!algorithm || createHash(algorithm).update(part.body).digest('hex') !== sha2.toLowerCase())
        throw badRequest(`attachment part ${sha2}: the bytes do not match the hash`);
      return { sha2: sha2.toLowerCase(), contentType: part.headers['content-type'] ?? 'application/octet-stream', body: part.body };
    });
    return { statements: parseJson(first.body), parts };
  }
  throw badRequest('Content-Type: send application/json or multipart/mixed');
}

function parseJson(body: Buffer): Json {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw badRequest('the body is not valid JSON');
  }
}
