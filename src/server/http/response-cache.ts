// Answers that many people ask for at once (the public catalogue, an offering's page) computed once per
// process and key, kept serialised (and compressed on first demand) with a strong ETag, and served with
// Cache-Control so a reverse proxy in front can absorb a crowd too. An entry is fresh for `freshMs`; for
// `staleMs` after that it is still served while one refresh runs in the background; any change to what it
// was computed from (told by the database, kernel/change-feed.ts) drops every entry at once.
import { createHash } from 'node:crypto';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** `personal`: one person's data, kept out of every cache outside this process (no-store, issue 14). */
type Visibility = 'public' | 'private' | 'personal';

interface Entry {
  body: Buffer;
  etag: string;
  at: number;
  clockAt: number;
  gzip?: Buffer;
  br?: Buffer;
}

export interface ResponseCache {
  /**
   * Sends the cached answer for `key`, computing it when missing or too old; an error goes to the error
   * handler. Call it from a handler that returns nothing (not an async one): the reply is sent from here.
   */
  send(request: FastifyRequest, reply: FastifyReply, key: string, compute: () => Promise<unknown>, visibility: Visibility, tag?: string): void;
  clear(): void;
  /** Drops the entries sent with this tag (one person's answers). */
  dropTag(tag: string): void;
}

/**
 * A resident's own answer (messages, enrolments, archive, points, credits) from `cache`, kept under their id:
 * dropped when their rows change (the change feed's userData channel) or they write anything. Everyone
 * else's answer (staff, a proxy reading for someone) is computed as usual.
 */
export function sendPersonal(cache: ResponseCache, request: FastifyRequest, reply: FastifyReply, compute: () => Promise<unknown>): void {
  const actor = request.ctx?.actor;
  const forSomeoneElse = Object.keys((request.query ?? {}) as object).some((k) => k === 'for' || k === 'forResidentId');
  if (actor?.kind !== 'resident' || forSomeoneElse) {
    compute().then(
      (value) => reply.send(value),
      (error) => reply.send(error),
    );
    return;
  }
  cache.send(request, reply, `${actor.userId}|${request.ctx.locale}|${request.url}`, compute, 'personal', actor.userId);
}

/** `clock`: the platform's clock as well as real time ages entries, so answers that change with time follow a clock moved by tests. */
export function createResponseCache(opts: { freshMs: number; staleMs: number; maxEntries: number; clock?: () => number }): ResponseCache {
  const clockNow = opts.clock ?? (() => 0);
  const entries = new Map<string, Entry>();
  const refreshing = new Map<string, Promise<Entry>>();
  const keysByTag = new Map<string, Set<string>>();
  // A computation that raced a drop is answered but not kept: the generation it started in has passed.
  let generation = 0;
  const tagGenerations = new Map<string, number>();

  function refresh(key: string, compute: () => Promise<unknown>, tag?: string): Promise<Entry> {
    const seen = generation;
    const seenTag = tag === undefined ? 0 : (tagGenerations.get(tag) ?? 0);
    // Joining a computation is only safe within one generation: one begun before a drop may miss the write.
    const flight = `${key}\u0000${seen}:${seenTag}`;
    let pending = refreshing.get(flight);
    if (pending) return pending;
    pending = (async () => {
      const body = Buffer.from(JSON.stringify(await compute()));
      const entry: Entry = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, at: performance.now(), clockAt: clockNow() };
      if (seen === generation && (tag === undefined || seenTag === (tagGenerations.get(tag) ?? 0))) {
        if (entries.size >= opts.maxEntries) {
          entries.clear();
          keysByTag.clear();
        }
        entries.set(key, entry);
        if (tag !== undefined) {
          let keys = keysByTag.get(tag);
          if (!keys) keysByTag.set(tag, (keys = new Set()));
          keys.add(key);
        }
      }
      return entry;
    })().finally(() => {
      if (refreshing.get(flight) === pending) refreshing.delete(flight);
    });
    refreshing.set(flight, pending);
    return pending;
  }

  async function entryFor(key: string, compute: () => Promise<unknown>, tag?: string): Promise<Entry> {
    const e = entries.get(key);
    const age = e ? Math.max(performance.now() - e.at, clockNow() - e.clockAt) : Infinity;
    if (e && age <= opts.freshMs) return e;
    if (e && age <= opts.freshMs + opts.staleMs) {
      refresh(key, compute, tag).catch(() => {
        /* the next request recomputes and reports the error */
      });
      return e;
    }
    return refresh(key, compute, tag);
  }

  return {
    send(request, reply, key, compute, visibility, tag) {
      entryFor(key, compute, tag).then(
        (e) => sendEntry(request, reply, e, visibility),
        (error) => reply.send(error),
      );
    },
    clear() {
      generation++;
      entries.clear();
      keysByTag.clear();
      tagGenerations.clear();
    },
    dropTag(tag) {
      tagGenerations.set(tag, (tagGenerations.get(tag) ?? 0) + 1);
      if (tagGenerations.size > 100_000) {
        generation++;
        tagGenerations.clear();
      }
      for (const key of keysByTag.get(tag) ?? []) entries.delete(key);
      keysByTag.delete(tag);
    },
  };

  function sendEntry(request: FastifyRequest, reply: FastifyReply, e: Entry, visibility: Visibility) {
    reply.header('ETag', e.etag).header('Vary', 'Accept-Encoding, Accept-Language, Cookie');
    reply.header(
      'Cache-Control',
      visibility === 'public'
        ? `public, max-age=${Math.floor(opts.freshMs / 1000)}, stale-while-revalidate=1`
        : visibility === 'private'
          ? 'private, no-cache'
          : 'no-store',
    );
    if (request.headers['if-none-match'] === e.etag) {
      reply.code(304).send();
      return;
    }
    reply.type('application/json; charset=utf-8');
    const accepts = String(request.headers['accept-encoding'] ?? '');
    if (e.body.length >= 1024 && /\bbr\b/.test(accepts)) {
      e.br ??= brotliCompressSync(e.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } });
      reply.header('Content-Encoding', 'br').send(e.br);
    } else if (e.body.length >= 1024 && /\bgzip\b/.test(accepts)) {
      e.gzip ??= gzipSync(e.body, { level: 6 });
      reply.header('Content-Encoding', 'gzip').send(e.gzip);
    } else reply.send(e.body);
  }
}
