// Answers that many people ask for at once (the public catalogue, an offering's page) computed once per
// process and key, kept serialised (and compressed on first demand) with a strong ETag, and served with
// Cache-Control so a reverse proxy in front can absorb a crowd too. An entry is fresh for `freshMs`; for
// `staleMs` after that it is still served while one refresh runs in the background; any change to what it
// was computed from (told by the database, kernel/change-feed.ts) drops every entry at once.
import { createHash } from 'node:crypto';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

interface Entry { body: Buffer; etag: string; at: number; gzip?: Buffer; br?: Buffer }

export interface ResponseCache {
  /**
   * Sends the cached answer for `key`, computing it when missing or too old; an error goes to the error
   * handler. Call it from a handler that returns nothing (not an async one): the reply is sent from here.
   */
  send(request: FastifyRequest, reply: FastifyReply, key: string, compute: () => Promise<unknown>, visibility: 'public' | 'private'): void;
  clear(): void;
}

export function createResponseCache(opts: { freshMs: number; staleMs: number; maxEntries: number }): ResponseCache {
  const entries = new Map<string, Entry>();
  const refreshing = new Map<string, Promise<Entry>>();
  let generation = 0;

  function refresh(key: string, compute: () => Promise<unknown>): Promise<Entry> {
    let pending = refreshing.get(key);
    if (pending) return pending;
    const seen = generation;
    pending = (async () => {
      const body = Buffer.from(JSON.stringify(await compute()));
      const entry: Entry = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, at: performance.now() };
      if (seen === generation) {
        if (entries.size >= opts.maxEntries) entries.clear();
        entries.set(key, entry);
      }
      return entry;
    })().finally(() => { if (refreshing.get(key) === pending) refreshing.delete(key); });
    refreshing.set(key, pending);
    return pending;
  }

  async function entryFor(key: string, compute: () => Promise<unknown>): Promise<Entry> {
    const e = entries.get(key);
    const age = e ? performance.now() - e.at : Infinity;
    if (e && age <= opts.freshMs) return e;
    if (e && age <= opts.freshMs + opts.staleMs) {
      refresh(key, compute).catch(() => { /* the next request recomputes and reports the error */ });
      return e;
    }
    return refresh(key, compute);
  }

  return {
    send(request, reply, key, compute, visibility) {
      entryFor(key, compute).then((e) => sendEntry(request, reply, e, visibility), (error) => reply.send(error));
    },
    clear() { generation++; entries.clear(); },
  };

  function sendEntry(request: FastifyRequest, reply: FastifyReply, e: Entry, visibility: 'public' | 'private') {
    reply.header('ETag', e.etag).header('Vary', 'Accept-Encoding, Accept-Language, Cookie');
    reply.header('Cache-Control', visibility === 'public'
      ? `public, max-age=${Math.floor(opts.freshMs / 1000)}, stale-while-revalidate=1`
      : 'private, no-cache');
    if (request.headers['if-none-match'] === e.etag) { reply.code(304).send(); return; }
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
