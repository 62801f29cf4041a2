// The HTTP shell: plugins, the session hook, the Origin check, static web apps, and the one place
// that turns domain errors into status codes and translated messages.
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyReply } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import cluster from 'node:cluster';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Actor, RequestContext } from '../kernel/actor';
import { pickLocale, translate, type Locale } from '../kernel/messages';
import { localTime } from '../../contracts/local-time';
import {
  DomainError,
  NotFound,
  Forbidden,
  Unauthenticated,
  Conflict,
  Invalid,
  Locked,
  RateLimited,
  FieldErrors,
  TooLarge,
  Unavailable,
  describeDomainError,
  invalidField,
} from '../kernel/errors';
import { RequestValidationError, zodValidatorCompiler } from './validation';
import { isDatabaseUnavailable } from '../db/client';
import { addSecurityHeaders, setSecurityHeaders } from './security-headers';
import { loggerOptions, recordRequest, hasBearer, metricsPart, metricsText, type MetricsOptions } from './observability';
import { answerMetricsCollection } from '../kernel/cluster-metrics';

export type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
    sessionToken: string | null;
  }
  interface FastifyInstance {
    routeList: { method: string; url: string }[];
  }
}

export const SESSION_COOKIE = 'lc_session';

export interface HttpOptions {
  logLevel: string;
  /** Where the JSON log lines go (standard output by default; tests capture them). */
  logStream?: { write(line: string): void };
  /** `/metrics` for Prometheus: its bearer token and the values read when scraped. */
  metrics?: MetricsOptions;
  publicOrigins: string[];
  /** Peers allowed to speak for the client through X-Forwarded-*; anyone else's headers are ignored. */
  trustedProxies: string[];
  webRoot?: string;
  /** Resolves a session cookie to the actor and their saved locale, or null when invalid/expired. */
  resolveSession(token: string): Promise<{ actor: Actor; locale: Locale } | null>;
  routes: ((app: App) => void)[];
  /**
   * Runs before the answer to a successful write leaves, so this process's caches never show the writer
   * the state before their write (other processes learn of it from the database's notifications).
   */
  afterWrite?: (ctx: RequestContext) => void;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const PASSWORD_CHANGE_PATHS: ReadonlySet<string> = new Set(['/api/auth/me', '/api/auth/session', '/api/auth/password', '/api/auth/logout']);
/** Excel imports and other multipart forms; uploads (/api/files) have their own limits per purpose. */
const MULTIPART_FILE_BYTES = 10 * 1024 * 1024;
const MULTIPART_ENVELOPE_BYTES = 16 * 1024;

function statusOf(error: DomainError): number {
  if (error instanceof FieldErrors || error instanceof Invalid) return 422;
  if (error instanceof NotFound) return 404;
  if (error instanceof Forbidden) return 403;
  if (error instanceof Unauthenticated) return 401;
  if (error instanceof Conflict) return 409;
  if (error instanceof Locked) return 423;
  if (error instanceof TooLarge) return 413;
  if (error instanceof RateLimited) return 429;
  if (error instanceof Unavailable) return 503;
  return 400;
}

export async function buildApp(opts: HttpOptions): Promise<App> {
  const app = Fastify({
    ...loggerOptions(opts.logLevel, opts.logStream),
    // Believing X-Forwarded-For from anyone would let every caller pick the address that per-IP limits
    // count and the audit log records; only the configured proxies may name the client.
    trustProxy: opts.trustedProxies.length > 0 ? opts.trustedProxies : false,
    bodyLimit: 1024 * 1024,
    // A path that cannot be percent-decoded never reaches a route; answer it in the error shape too.
    frameworkErrors: (error, request, reply) => {
      setSecurityHeaders(request, reply); // this answer skips the onSend hooks
      return sendError(error, request, reply);
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(zodValidatorCompiler);
  // Routes that declare a response schema are serialised through it (a cached answer is sent as bytes).
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MULTIPART_FILE_BYTES, files: 1 } });
  await app.register(swagger, {
    openapi: { openapi: '3.1.0', info: { title: 'learncity API', description: '学城 learncity: lifelong-learning platform API', version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.decorateRequest('sessionToken', null);
  // The id under which this request's log lines were written, for a resident or an operator to quote.
  app.addHook('onRequest', async (request, reply) => void reply.header('X-Request-Id', request.id));

  app.addHook('onRequest', async (request, reply) => {
    // The xAPI store authenticates every request with partner credentials (HTTP Basic) and never reads
    // the cookie, so the cookie-write Origin check below does not concern it.
    const usesCookies = !request.url.startsWith('/xapi/') && request.url !== '/xapi';
    const token = usesCookies ? (request.cookies[SESSION_COOKIE] ?? null) : null;
    const session = token ? await opts.resolveSession(token) : null;
    const headerLocale = request.headers['accept-language'];
    request.sessionToken = session ? token : null;
    request.ctx = {
      actor: session?.actor ?? null,
      ip: request.ip ?? null,
      locale: headerLocale ? pickLocale(headerLocale) : (session?.locale ?? 'zh-CN'),
    };
    // A cookie-authenticated write must come from the platform's own pages.
    if (session && !SAFE_METHODS.has(request.method) && !isOwnOrigin(request, opts.publicOrigins)) {
      throw new Forbidden('auth.bad_origin');
    }
    // Signed in with a temporary password: nothing but who am I, choosing the new password and leaving.
    if (session?.actor.mustChangePassword && request.url.startsWith('/api/') && !PASSWORD_CHANGE_PATHS.has(request.url.split('?')[0])) {
      throw new Forbidden('auth.password_change_required');
    }
    // A form whose Content-Length already passes the file limit is refused before its body is read, and
    // the connection closed so the rest is never read either.
    const length = Number(request.headers['content-length']);
    const isMultipart = /^multipart\/form-data/i.test(request.headers['content-type'] ?? ''); // isMultipart() is known only after parsing
    if (isMultipart && !request.url.startsWith('/api/files') && length > MULTIPART_FILE_BYTES + MULTIPART_ENVELOPE_BYTES) {
      reply.header('Connection', 'close');
      throw new TooLarge('payload_too_large');
    }
  });

  // PostgreSQL cannot store a NUL character in text; refused here for every route rather than failing in
  // the database with a 500.
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      const at = pathOfNul(value);
      if (at) throw invalidField(at.length ? at.join('.') : part, 'validation.control_char');
    }
  });

  app.setErrorHandler((error: unknown, request, reply) => sendError(error, request, reply));
  if (opts.afterWrite) {
    const afterWrite = opts.afterWrite;
    app.addHook('onSend', async (request, reply) => {
      if (!SAFE_METHODS.has(request.method) && reply.statusCode < 400 && request.ctx) afterWrite(request.ctx);
    });
  }
  addSecurityHeaders(app);

  // Counted only where someone scrapes them (LEARNCITY_METRICS_TOKEN set); bench/README.md has the cost.
  if (opts.metrics?.token) app.addHook('onResponse', async (request, reply) => recordRequest(request, reply));

  const metrics = opts.metrics;
  if (metrics?.token && cluster.isWorker) {
    const stopAnswering = answerMetricsCollection(() => metricsPart(metrics));
    app.addHook('onClose', async () => stopAnswering());
  }
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!metrics?.token) throw new NotFound('not_found');
    if (!hasBearer(request, metrics.token)) {
      reply.header('WWW-Authenticate', 'Bearer');
      throw new Unauthenticated('auth.required');
    }
    return reply
      .type('text/plain; version=0.0.4; charset=utf-8')
      .header('Cache-Control', 'no-store')
      .send(await metricsText(metrics));
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // The route table, so the authorization test can prove it covers every endpoint.
  const routeList: { method: string; url: string }[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routeList.push({ method, url: route.url });
  });
  for (const register of opts.routes) register(app);

  const webRoot = opts.webRoot ?? fileURLToPath(new URL('../../../dist/web', import.meta.url));
  const hasWeb = existsSync(webRoot + '/index.html');
  // An app's page names the installation's time zone (LEARNCITY_TIME_ZONE), which the web apps show every
  // time in (web/shared/datetime.ts); read per request like the assets, so a rebuilt app needs no restart.
  const sendAppPage = async (reply: FastifyReply, file: string) => {
    const html = await readFile(`${webRoot}/${file}`, 'utf8');
    return reply
      .type('text/html')
      .header('Cache-Control', 'no-cache')
      .send(html.replace('<head>', `<head>\n    <meta name="learncity-time-zone" content="${localTime.zone}" />`));
  };
  // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
  if (hasWeb) {
    // Built assets carry a content hash in their names: cached for a year; pages revalidate. The build writes
    // .br and .gz copies (vite.config.ts), sent as they are to clients that accept them.
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: true,
      index: false,
      serve: true,
      prefix: '/',
      preCompressed: true,
      setHeaders: (res, path) => res.header('Cache-Control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
    app.get('/', { schema: { hide: true } }, (_req, reply) => sendAppPage(reply, 'index.html'));
    app.get('/console/', { schema: { hide: true } }, (_req, reply) => sendAppPage(reply, 'console/index.html'));
  }

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    const isAppRoute = !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path); // a missing asset is a 404, not the app page
    if (hasWeb && request.method === 'GET' && isAppRoute) {
      // The two single-page apps route on the client.
      return sendAppPage(reply, path.startsWith('/console') ? 'console/index.html' : 'index.html');
    }
    return sendError(new NotFound('not_found'), request, reply);
  });

  return app;
}

/** The path to the first string (or key) holding a NUL character in a parsed request part, or null. */
function pathOfNul(value: unknown): (string | number)[] | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: [...path, i] });
    } else if (v && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [k, item] of Object.entries(v).reverse()) {
        if (k.includes('\u0000')) return [...path, k.replaceAll('\u0000', '')];
        stack.push({ value: item, path: [...path, k] });
      }
    }
  }
  return null;
}

/** Busboy reports a cut or malformed multipart body with plain errors; they are the client's fault. */
const isBrokenMultipart = (request: FastifyRequest, error: unknown) =>
  error instanceof Error &&
  !(error as { statusCode?: number }).statusCode &&
  typeof request.isMultipart === 'function' &&
  request.isMultipart() &&
  /unexpected end of multipart data|Boundary (not found|required)/i.test(error.message);

function isOwnOrigin(request: FastifyRequest, configured: string[]): boolean {
  const origin = request.headers.origin;
  if (!origin) return false;
  if (configured.includes(origin)) return true;
  return origin === `${request.protocol}://${request.headers.host}`;
}

function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const locale: Locale = request.ctx?.locale ?? pickLocale(request.headers['accept-language']);
  const body = (status: number, code: string, message: string, details?: unknown) =>
    reply.status(status).send({ error: { code, message, details: details ?? {} } });

  if (error instanceof RequestValidationError) {
    const fields = Object.fromEntries(Object.entries(error.fields).map(([name, m]) => [name, translate(m.key, locale, m.params)]));
    return body(422, 'validation.failed', translate('validation.failed', locale), { fields });
  }
  if (error instanceof DomainError) {
    if (error instanceof RateLimited) reply.header('Retry-After', String(error.retryAfterSeconds));
    const d = describeDomainError(error, locale);
    return body(statusOf(error), d.code, d.message, d.details);
  }
  const e = error as { statusCode?: number; code?: string };
  if (e.statusCode === 413 || e.code === 'FST_REQ_FILE_TOO_LARGE' || e.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return body(413, 'payload_too_large', translate('payload_too_large', locale));
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return body(e.statusCode === 404 ? 404 : 400, 'bad_request', translate('bad_request', locale));
  if (isBrokenMultipart(request, error)) return body(400, 'bad_request', translate('bad_request', locale));
  if (isDatabaseUnavailable(error)) {
    // The database is restarting or away: say so, and when to come back, instead of an internal error.
    request.log.warn({ err: error }, 'database unavailable');
    reply.header('Retry-After', '5');
    return body(503, 'unavailable', translate('unavailable', locale));
  }
  request.log.error(error);
  return body(500, 'internal', translate('internal', locale));
}
