// What the platform tells its operators: one JSON log line per request with a request id and no personal
// data, request counts and latencies by route, and `/metrics` for Prometheus behind a bearer token.
import { randomUUID, timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import cluster from 'node:cluster';
import { collectFamilies, counter, gaugeFamilies, histogram, mergeFamilies, renderFamilies, type CollectedGauge } from '../kernel/metrics';
import { gatherFromWorkers, type MetricsPart } from '../kernel/cluster-metrics';

const requests = counter('learncity_http_requests_total', 'HTTP requests answered, by method, route pattern and status');
const latency = histogram('learncity_http_request_duration_seconds', 'Time to answer an HTTP request, by method and route pattern');

/** A proxy's request id is kept when it looks like one (so lines join across hops); anything else is replaced. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/**
 * The route pattern, never the concrete path or query: paths and queries can carry a search for a phone
 * number or a name, and a pattern keeps the metrics' label set small.
 */
const routeOf = (request: FastifyRequest) => request.routeOptions?.url ?? 'unmatched';

/**
 * Error messages of failed queries carry their parameters (drizzle: "Failed query: …\nparams: …"), which
 * are residents' values; they are cut before the line is written.
 */
function withoutParams(text: string | undefined): string {
  return (text ?? '').replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/, '\nparams: [redacted]');
}

export function loggerOptions(level: string, stream?: { write(line: string): void }): Pick<FastifyServerOptions, 'logger' | 'genReqId' | 'requestIdHeader'> {
  return {
    requestIdHeader: 'x-request-id',
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    logger: {
      level,
      ...(stream ? { stream } : {}),
      // Method and route pattern only: no query string, no address, no headers (cookies, tokens).
      serializers: {
        req: (req: FastifyRequest) => ({ method: req.method, route: routeOf(req) }),
        res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
        err: (err: Error & { code?: string; statusCode?: number }) => ({
          type: err.name,
          code: err.code,
          statusCode: err.statusCode,
          message: withoutParams(err.message),
          stack: withoutParams(err.stack),
        }),
      },
    },
  };
}

/** Counts every answer under its route pattern and status; the cost is two map lookups per request. */
export function recordRequest(request: FastifyRequest, reply: FastifyReply) {
  const route = routeOf(request);
  requests.inc({ method: request.method, route, status: reply.statusCode });
  latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
}

export interface MetricsOptions {
  /** LEARNCITY_METRICS_TOKEN; without one, `/metrics` does not exist (404). */
  token?: string;
  /** Values read when scraped: database pool, job queue. */
  gauges?: () => Promise<CollectedGauge[]>;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** True when the request carries `Authorization: Bearer <token>`, compared in constant time. */
export function hasBearer(request: FastifyRequest, token: string): boolean {
  const header = request.headers.authorization ?? '';
  const given = /^Bearer (.+)$/i.exec(header)?.[1] ?? '';
  return timingSafeEqual(digest(given), digest(token));
}

/** This process's metrics, and the database's values it reads when scraped. */
export async function metricsPart(opts: MetricsOptions): Promise<MetricsPart> {
  const gauges = opts.gauges ? await opts.gauges() : [];
  return { process: collectFamilies(gauges.filter((g) => !g.shared)), shared: gaugeFamilies(gauges.filter((g) => g.shared)) };
}

/** What a scrape answers: in a cluster worker, every worker's metrics (kernel/cluster-metrics.ts). */
export async function metricsText(opts: MetricsOptions): Promise<string> {
  const part = await metricsPart(opts);
  return renderFamilies(cluster.isWorker ? await gatherFromWorkers(part) : mergeFamilies([part.process, part.shared]));
}
