// The lottery draw (摇号) as one pure, synchronous function shared by the server, the portal's public
// verification page and the `lottery:verify` command, so the three can never disagree. SHA-256 and HMAC
// are implemented here in plain TypeScript (no node:crypto, no WebCrypto) for the same reason: identical,
// synchronous code in every runtime. The test compares them with node:crypto.
//
// The algorithm, format `learncity-lottery/1`:
// 1. The seed is 32 random bytes (64 hex characters). When the round is published, only SHA-256(seed) is
//    shown; the seed is revealed at the draw.
// 2. Each applicant has a token: the first 32 hex characters of HMAC-SHA256(seed, "token:" + residentId).
//    The server cannot choose tokens (they follow from the committed seed and the resident), and nobody can
//    link a token to a resident before the seed is revealed.
// 3. At the close, the applications (token, quota, ranked choices with a priority flag) and each offering's
//    free seats are frozen and published with their digest: SHA-256 of `canonicalList(...)`.
// 4. The order of applicants: ascending HMAC-SHA256(seed, "order:" + token) (hex), ties by token.
// 5. Allocation, in rounds r = 1 … max quota; in each round a priority pass, then an open pass; in each
//    pass every applicant in the order who holds fewer than min(r, their quota) seats receives their
//    highest-ranked choice they do not hold yet that still has a seat (in the priority pass only choices
//    flagged as priority, i.e. the returning-learner rule of that offering favours them). So with a
//    quota of 1 and no priorities, each applicant in turn gets the best choice still free at their turn;
//    with a quota of 2 everyone gets a first seat before anyone gets a second.

export const LOTTERY_FORMAT = 'learncity-lottery/1' as const;

export interface DrawChoice {
  offeringId: string;
  priority: boolean;
}
export interface DrawApplication {
  token: string;
  quota: number;
  choices: DrawChoice[];
}
export interface DrawOffering {
  id: string;
  seats: number;
}
export interface Allocation {
  token: string;
  offeringId: string;
  rank: number;
  round: number;
  position: number;
}
export interface DrawResult {
  order: string[];
  allocations: Allocation[];
}

/** What anyone can download from the public page and re-run. */
export interface LotteryPublication {
  format: typeof LOTTERY_FORMAT;
  roundId: string;
  roundName: string;
  opensAt: string;
  closesAt: string;
  seedHash: string;
  /** Null until the draw. */
  seed: string | null;
  /** SHA-256 of the canonical offerings + applications list; null until the close. */
  listDigest: string | null;
  offerings: (DrawOffering & { title: string })[];
  applications: DrawApplication[];
  /** token → offering, in allocation order; null until the draw. */
  results: { token: string; offeringId: string }[] | null;
  drawnAt: string | null;
}

// ---- SHA-256 and HMAC (FIPS 180-4, RFC 2104) ----

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74,
  0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d,
  0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e,
  0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
  0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const encoder = new TextEncoder();
const utf8 = (s: string) => encoder.encode(s);
const W = new Uint32Array(64);

export function sha256Bytes(data: Uint8Array): Uint8Array {
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const bitLength = data.length * 8;
  const padded = new Uint8Array(((data.length + 9 + 63) >> 6) << 6);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLength / 2 ** 32));
  view.setUint32(padded.length - 4, bitLength >>> 0);
  const w = W;
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) {
      const j = off + i * 4;
      w[i] = (padded[j] << 24) | (padded[j + 1] << 16) | (padded[j + 2] << 8) | padded[j + 3];
    }
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15],
        b = w[i - 2];
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let a = h[0],
      b = h[1],
      c = h[2],
      d = h[3],
      e = h[4],
      f = h[5],
      g = h[6],
      hh = h[7];
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + K[i] + w[i]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    out[i * 4] = h[i] >>> 24;
    out[i * 4 + 1] = (h[i] >>> 16) & 0xff;
    out[i * 4 + 2] = (h[i] >>> 8) & 0xff;
    out[i * 4 + 3] = h[i] & 0xff;
  }
  return out;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]];
  return out;
}

export function fromHex(hex: string): Uint8Array {
  if (!/^([0-9a-f]{2})*$/i.test(hex)) throw new Error('not a hex string');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export const sha256Hex = (data: string | Uint8Array) => toHex(sha256Bytes(typeof data === 'string' ? utf8(data) : data));

export function hmacSha256Hex(key: Uint8Array, message: string): string {
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? sha256Bytes(key) : key);
  const inner = new Uint8Array(64),
    outer = new Uint8Array(64 + 32);
  for (let i = 0; i < 64; i++) {
    inner[i] = block[i] ^ 0x36;
    outer[i] = block[i] ^ 0x5c;
  }
  const msg = utf8(message);
  const innerInput = new Uint8Array(64 + msg.length);
  innerInput.set(inner);
  innerInput.set(msg, 64);
  outer.set(sha256Bytes(innerInput), 64);
  return toHex(sha256Bytes(outer));
}

// ---- the lottery ----

export const isSeed = (seed: string) => /^[0-9a-f]{64}$/.test(seed);

/** SHA-256 of the seed's 32 bytes: what is published when the round opens. */
export const seedCommitment = (seed: string) => sha256Hex(fromHex(seed));

/** An applicant's public token: follows from the committed seed and the resident, so it cannot be chosen. */
export const applicantToken = (seed: string, residentId: string) => hmacSha256Hex(fromHex(seed), `token:${residentId}`).slice(0, 32);

/** The frozen list in one canonical text (fixed key order, offerings by id, applications by token). */
export function canonicalList(offerings: DrawOffering[], applications: DrawApplication[]): string {
  const o = [...offerings].sort((a, b) => cmp(a.id, b.id)).map((x) => ({ id: x.id, seats: x.seats }));
  const a = [...applications]
    .sort((x, y) => cmp(x.token, y.token))
    .map((x) => ({ token: x.token, quota: x.quota, choices: x.choices.map((c) => ({ offeringId: c.offeringId, priority: c.priority })) }));
  return JSON.stringify({ offerings: o, applications: a });
}

export const listDigest = (offerings: DrawOffering[], applications: DrawApplication[]) => sha256Hex(canonicalList(offerings, applications));

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The draw. Pure: the same seed and list always give the same allocation. `onProgress` (optional) is told
 * how many applicants have been considered, for the console's progress bar.
 */
export function drawLottery(
  input: { seed: string; offerings: DrawOffering[]; applications: DrawApplication[] },
  onProgress?: (done: number, total: number) => void,
): DrawResult {
  if (!isSeed(input.seed)) throw new Error('the seed must be 64 lowercase hex characters');
  const key = fromHex(input.seed);
  const keyed = input.applications.map((a) => ({ a, key: hmacSha256Hex(key, `order:${a.token}`) }));
  keyed.sort((x, y) => cmp(x.key, y.key) || cmp(x.a.token, y.a.token));
  const seats = new Map(input.offerings.map((o) => [o.id, Math.max(0, o.seats)]));
  const held = new Map<string, Set<string>>(keyed.map(({ a }) => [a.token, new Set()]));
  const allocations: Allocation[] = [];
  const rounds = Math.max(0, ...keyed.map(({ a }) => a.quota));
  const steps = rounds * 2 * keyed.length;
  let done = 0;
  for (let round = 1; round <= rounds; round++) {
    for (const priorityPass of [true, false]) {
      for (const [position, { a }] of keyed.entries()) {
        done++;
        if (onProgress && done % 500 === 0) onProgress(done, steps);
        const mine = held.get(a.token)!;
        if (mine.size >= Math.min(round, a.quota)) continue;
        const rank = a.choices.findIndex((c) => (!priorityPass || c.priority) && !mine.has(c.offeringId) && (seats.get(c.offeringId) ?? 0) > 0);
        if (rank < 0) continue;
        const offeringId = a.choices[rank].offeringId;
        seats.set(offeringId, seats.get(offeringId)! - 1);
        mine.add(offeringId);
        allocations.push({ token: a.token, offeringId, rank: rank + 1, round, position: position + 1 });
      }
    }
  }
  onProgress?.(steps, steps);
  return { order: keyed.map(({ a }) => a.token), allocations };
}

export interface Verification {
  seedMatchesHash: boolean;
  listMatchesDigest: boolean;
  resultsMatch: boolean;
  /** All three hold. */
  matches: boolean;
  allocations: Allocation[];
  /** Tokens whose published result differs from the re-run (at most 20). */
  differences: string[];
}

/** Re-runs a published draw and compares it with what was published. */
export function verifyPublication(pub: Pick<LotteryPublication, 'seed' | 'seedHash' | 'listDigest' | 'offerings' | 'applications' | 'results'>): Verification {
  if (!pub.seed || !isSeed(pub.seed)) {
    return { seedMatchesHash: false, listMatchesDigest: false, resultsMatch: false, matches: false, allocations: [], differences: [] };
  }
  const seedMatchesHash = seedCommitment(pub.seed) === pub.seedHash;
  const listMatchesDigest = listDigest(pub.offerings, pub.applications) === pub.listDigest;
  const { allocations } = drawLottery({ seed: pub.seed, offerings: pub.offerings, applications: pub.applications });
  const rerun = allocations.map((x) => `${x.token}→${x.offeringId}`);
  const published = (pub.results ?? []).map((x) => `${x.token}→${x.offeringId}`);
  const resultsMatch = pub.results !== null && rerun.length === published.length && rerun.every((x, i) => x === published[i]);
  const differences = resultsMatch ? [] : [...new Set([...symmetricDifference(rerun, published)].map((x) => x.split('→')[0]))].slice(0, 20);
  return { seedMatchesHash, listMatchesDigest, resultsMatch, matches: seedMatchesHash && listMatchesDigest && resultsMatch, allocations, differences };
}

function symmetricDifference(a: string[], b: string[]): Set<string> {
  const sa = new Set(a),
    sb = new Set(b);
  return new Set([...a.filter((x) => !sb.has(x)), ...b.filter((x) => !sa.has(x))]);
}
