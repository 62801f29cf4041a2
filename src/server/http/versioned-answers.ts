// Optimistic concurrency over HTTP: an entry's answer carries its version as the ETag, and a write may send it
// back in If-Match so that a stale edit is refused rather than overwriting someone else's.
import { z } from 'zod';
import type { App } from './app';
import type { RequestContext } from '../kernel/actor';
import { idParam, type routeOptions } from './route-options';

/** The request header of a versioned write: `"3"` or `W/"3"`, or none to write whatever the version. */
export const ifMatchHeader = z.object({
  'if-match': z
    .string()
    .regex(/^(W\/)?"\d+"$/)
    .optional(),
});

/** The version an If-Match header names, or undefined when the write did not send one. */
export const versionOf = (h?: string) => (h ? Number(h.replace(/^W\//, '').replace(/"/g, '')) : undefined);

/** Sets the ETag of an answer that is one versioned entry, and hands the entry back to be sent. */
export function withEtag<T extends { version: number }>(reply: { header: (k: string, v: string) => unknown }, item: T): T {
  reply.header('ETag', `"${item.version}"`);
  return item;
}

/** Answers 201 with a new versioned entry and its ETag: `(req, reply) => createdWithEtag(reply, service.create(…))`. */
export async function createdWithEtag<T extends { version: number }>(
  reply: { header: (k: string, v: string) => unknown; status(code: 201): { send(payload: T): unknown } },
  entry: Promise<NoInfer<T>>,
): Promise<void> {
  return reply.status(201).send(withEtag(reply, await entry)) as Promise<void>;
}

/** A versioned entry's schemas: what creates it, what changes it, and the entry as answered. */
export interface VersionedEntrySchemas<Input extends z.ZodType, Patch extends z.ZodType, Detail extends z.ZodType> {
  input: Input;
  patch: Patch;
  detail: Detail;
}

/** The service calls that read, create and change a versioned entry (a pool's service has them by these names). */
export interface VersionedEntryCalls<Input extends z.ZodType, Patch extends z.ZodType, Detail extends z.ZodType> {
  get(ctx: RequestContext, id: string): Promise<NoInfer<z.input<Detail>> & { version: number }>;
  create(ctx: RequestContext, input: NoInfer<z.output<Input>>): Promise<NoInfer<z.input<Detail>> & { version: number }>;
  update(ctx: RequestContext, id: string, patch: NoInfer<z.output<Patch>>, expectedVersion?: number): Promise<NoInfer<z.input<Detail>> & { version: number }>;
}

/**
 * Registers the routes of an entry edited under optimistic concurrency: `GET <path>/:id` answers it with its ETag,
 * `POST <path>` creates it (201, with its ETag), `PATCH <path>/:id` changes it unless If-Match names an older version.
 */
export function versionedEntryRoutes<Input extends z.ZodType, Patch extends z.ZodType, Detail extends z.ZodType>(
  app: App,
  route: ReturnType<typeof routeOptions>,
  path: string,
  schemas: VersionedEntrySchemas<Input, Patch, Detail>,
  calls: VersionedEntryCalls<Input, Patch, Detail>,
) {
  // The type provider cannot resolve a generic schema's types inside this function, so the handlers see them as
  // the plain zod types; `calls` check each entry's input, patch and answer instead.
  const detail: z.ZodType = schemas.detail;
  type Created = Parameters<typeof calls.create>[1];
  type Changed = Parameters<typeof calls.update>[2];
  app.get(`${path}/:id`, route({ params: idParam, response: { 200: detail } }), async (req, reply) => withEtag(reply, await calls.get(req.ctx, req.params.id)));
  app.post(path, route({ body: schemas.input as z.ZodType, response: { 201: detail } }), (req, reply) =>
    createdWithEtag(reply, calls.create(req.ctx, req.body as Created)),
  );
  app.patch(
    `${path}/:id`,
    route({ params: idParam, body: schemas.patch as z.ZodType, headers: ifMatchHeader, response: { 200: detail } }),
    async (req, reply) => withEtag(reply, await calls.update(req.ctx, req.params.id, req.body as Changed, versionOf(req.headers['if-match']))),
  );
}
