// A route's options as one call: the module's OpenAPI tags, a summary and the zod schemas Fastify validates and
// serialises with. The schemas keep their own types, so `app.get(path, options, handler)` still types the
// handler's request and answer from them.
import type { FastifySchema } from 'fastify';

type RouteSchema = Omit<FastifySchema, 'tags' | 'summary'>;

/** Options for the routes of one OpenAPI tag group: `route(summary, { params, querystring, body, response })`. */
export function routeOptions(tags: string[]) {
  return <S extends RouteSchema>(summary: string | undefined, schema: S) => ({ schema: { tags, ...(summary ? { summary } : {}), ...schema } });
}
