// A route's options as one call: the module's OpenAPI tags, a summary and the zod schemas Fastify validates and
// serialises with. The schemas keep their own types, so `app.get(path, options, handler)` still types the
// handler's request and answer from them.
import type { FastifySchema } from 'fastify';
import { z } from 'zod';

type RouteSchema = Omit<FastifySchema, 'tags' | 'summary'>;

/** The path parameter of a route on one entry (`/api/things/:id`); ids are uuids or codes, never longer than 64. */
export const idParam = z.object({ id: z.string().max(64) });

/**
 * Options for the routes of one OpenAPI tag group: `route(summary, { params, querystring, body, response })`, or
 * `route({ … })` for a route without a summary.
 */
export function routeOptions(tags: string[]) {
  function route<S extends RouteSchema>(schema: S): { schema: { summary?: string; tags: string[] } & S };
  function route<S extends RouteSchema>(summary: string, schema: S): { schema: { summary?: string; tags: string[] } & S };
  function route<S extends RouteSchema>(summaryOrSchema: string | S, schema?: S) {
    const [summary, routeSchema] = typeof summaryOrSchema === 'object' ? [undefined, summaryOrSchema] : [summaryOrSchema, schema];
    return { schema: { tags, ...(summary ? { summary } : {}), ...routeSchema } };
  }
  return route;
}

/**
 * Answers 201 with what `answer` resolves to: `(req, reply) => created(reply, service.add(req.ctx, req.body))`.
 * The answer is checked against the route's `response[201]` schema through the reply's type, as
 * `reply.status(201).send(…)` is.
 */
export async function created<Answer>(reply: { status(code: 201): { send(payload: Answer): unknown } }, answer: Promise<NoInfer<Answer>>): Promise<void> {
  // The reply is a thenable: returning it settles the handler once the answer is sent, as `return reply.send(…)` does.
  return reply.status(201).send(await answer) as Promise<void>;
}

/**
 * Answers 202 with what `answer` resolves to: work accepted but not done yet (a job to poll, a code on its way).
 * Checked against the route's `response[202]` schema as `created` is against `response[201]`.
 */
export async function accepted<Answer>(reply: { status(code: 202): { send(payload: Answer): unknown } }, answer: Promise<NoInfer<Answer>>): Promise<void> {
  return reply.status(202).send(await answer) as Promise<void>;
}
