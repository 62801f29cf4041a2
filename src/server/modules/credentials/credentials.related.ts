// Checking a credential's `relatedResource` digests (VC 2.0 §5.3): a resource is fetched only from an origin
// the installation allows (LEARNCITY_VC_RESOURCE_ORIGINS), never from wherever a credential points, so a
// credential cannot make the platform reach its intranet; what cannot be fetched is refused with a reason,
// not waved through, because an unchecked digest says nothing.
import { createHash } from 'node:crypto';
import { decode as decodeBase58 } from 'base58-universal';

/**
 * An allowed origin, optionally with the origin it is fetched from instead (`https://www.w3.org=http://mirror:8080`):
 * an installation without internet access mirrors the few resources its credentials name.
 */
export interface ResourceOrigin {
  origin: string;
  fetchFrom: string;
}

export function parseResourceOrigins(value: string | undefined): ResourceOrigin[] {
  if (!value) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [origin, fetchFrom] = entry.split('=').map((s) => s.trim());
      const canonical = new URL(origin).origin;
      if (canonical !== origin.replace(/\/$/, '')) throw new Error(`not an origin (scheme://host[:port]): ${origin}`);
      return { origin: canonical, fetchFrom: fetchFrom ? new URL(fetchFrom).origin : canonical };
    });
}

const MAX_BYTES = 2 * 1024 * 1024;
const TIMEOUT_MS = 5000;

const HASHES: Record<string, { algorithm: string; length: number }> = {
  sha256: { algorithm: 'sha256', length: 32 },
  sha384: { algorithm: 'sha384', length: 48 },
  sha512: { algorithm: 'sha512', length: 64 },
};
/** Multihash codes of the SHA-2 digests (sha2-256, sha2-512, sha2-384). */
const MULTIHASH: Record<number, string> = { 0x12: 'sha256', 0x13: 'sha512', 0x20: 'sha384' };

function fromBase64(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/_-]+=*$/.test(text)) return null;
  return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/** `sha384-<base64>` (several, space-separated, as in HTML's integrity attribute): any one matching is enough. */
function sriMatches(digestSRI: string, bytes: Buffer): boolean | null {
  const expressions = digestSRI.trim().split(/\s+/);
  let understood = false;
  for (const expression of expressions) {
    const [name, value] = expression.split('-', 2) as [string, string | undefined];
    const hash = HASHES[name];
    const expected = value ? fromBase64(value) : null;
    if (!hash || !expected || expected.length !== hash.length) continue;
    understood = true;
    if (createHash(hash.algorithm).update(bytes).digest().equals(expected)) return true;
  }
  return understood ? false : null;
}

/** A multibase (`u` base64url, `z` base58btc) multihash, or a bare SHA-2 digest told apart by its length. */
function multibaseMatches(digestMultibase: string, bytes: Buffer): boolean | null {
  let decoded: Buffer | null = null;
  try {
    if (digestMultibase.startsWith('u')) decoded = fromBase64(digestMultibase.slice(1));
    else if (digestMultibase.startsWith('z')) decoded = Buffer.from(decodeBase58(digestMultibase.slice(1)));
  } catch {
    decoded = null;
  }
  if (!decoded) return null;
  const code = MULTIHASH[decoded[0]];
  if (code && decoded[1] === HASHES[code].length && decoded.length === HASHES[code].length + 2) {
    return createHash(code).update(bytes).digest().equals(decoded.subarray(2));
  }
  const bare = Object.values(HASHES).find((h) => h.length === decoded!.length);
  if (!bare) return null;
  return createHash(bare.algorithm).update(bytes).digest().equals(decoded);
}

async function fetchBytes(url: URL): Promise<Buffer> {
  // Redirects are not followed: one could lead off the allow-list.
  const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (response.status !== 200) throw new Error(`answered ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_BYTES) throw new Error('larger than 2 MB');
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = reader ? await reader.read() : { done: true, value: undefined };
    if (done) break;
    total += value!.length;
    if (total > MAX_BYTES) {
      await reader!.cancel();
      throw new Error('larger than 2 MB');
    }
    chunks.push(value!);
  }
  return Buffer.concat(chunks);
}

const many = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/**
 * Fetches each related resource from the allow-list and compares its digests; the first problem as a
 * sentence (in English, as the VC-API and the verify answer's `detail` carry it), or null when all match.
 * Shape rules (id, unique ids, a digest present) are `dataModelProblem`'s and are checked before this.
 */
export async function relatedResourceProblem(credential: Record<string, unknown>, allowed: ResourceOrigin[]): Promise<string | null> {
  for (const resource of many(credential.relatedResource) as { id: string; digestSRI?: unknown; digestMultibase?: unknown }[]) {
    let url: URL;
    try {
      url = new URL(resource.id);
    } catch {
      return `relatedResource ${resource.id} cannot be checked: not a URL this verifier can fetch`;
    }
    const rule = allowed.find((a) => a.origin === url.origin);
    if (!rule) return `relatedResource ${resource.id} cannot be checked: its origin is not on this verifier's allow-list`;
    let bytes: Buffer;
    try {
      bytes = await fetchBytes(new URL(`${url.pathname}${url.search}`, rule.fetchFrom));
    } catch (error) {
      return `relatedResource ${resource.id} cannot be checked: fetching it failed (${(error as Error).message})`;
    }
    for (const [name, value, matches] of [
      ['digestSRI', resource.digestSRI, sriMatches],
      ['digestMultibase', resource.digestMultibase, multibaseMatches],
    ] as const) {
      if (value === undefined) continue;
      const result = typeof value === 'string' ? matches(value, bytes) : null;
      if (result === null) return `relatedResource ${resource.id}: ${name} is not a digest this verifier understands (SHA-256, SHA-384 or SHA-512)`;
      if (!result) return `relatedResource ${resource.id}: ${name} does not match the resource`;
    }
  }
  return null;
}
