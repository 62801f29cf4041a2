// Optimistic concurrency over HTTP: an entry's answer carries its version as the ETag, and a write may send it
// back in If-Match so that a stale edit is refused rather than overwriting someone else's.
import { z } from 'zod';

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
