// The pure draw shared by server, portal and CLI: its hashes against node:crypto, and the allocation rules.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  applicantToken,
  drawLottery,
  fromHex,
  hmacSha256Hex,
  listDigest,
  seedCommitment,
  sha256Hex,
  verifyPublication,
  type DrawApplication,
} from '../../src/contracts/lottery-draw';

const seedOf = () => randomBytes(32).toString('hex');

function applicants(n: number, seed: string, offerings: string[], quota = 1, rnd = mulberry(7)): DrawApplication[] {
  return Array.from({ length: n }, (_, i) => {
    const shuffled = [...offerings].sort(() => rnd() - 0.5);
    const count = 1 + Math.floor(rnd() * offerings.length);
    return { token: applicantToken(seed, `resident-${i}`), quota, choices: shuffled.slice(0, count).map((offeringId) => ({ offeringId, priority: false })) };
  });
}

function mulberry(a: number) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('hashes', () => {
  it('SHA-256 and HMAC-SHA256 equal node:crypto for lengths around the block boundaries', () => {
    for (const len of [0, 1, 3, 55, 56, 63, 64, 65, 119, 120, 200, 1000]) {
      const bytes = randomBytes(len);
      expect(sha256Hex(new Uint8Array(bytes))).toBe(createHash('sha256').update(bytes).digest('hex'));
      const text = '摇号'.repeat(len % 7) + bytes.toString('base64');
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      const key = randomBytes(len % 100);
      expect(hmacSha256Hex(new Uint8Array(key), text)).toBe(createHmac('sha256', key).update(text, 'utf8').digest('hex'));
    }
  });

  it('the commitment is SHA-256 of the seed bytes', () => {
    const seed = seedOf();
    expect(seedCommitment(seed)).toBe(createHash('sha256').update(Buffer.from(seed, 'hex')).digest('hex'));
    expect(fromHex(seed)).toHaveLength(32);
  });
});

describe('drawLottery', () => {
  const classes = ['class-a', 'class-b', 'class-c'];
  const offerings = classes.map((id) => ({ id, seats: 20 }));

  it('300 applicants for 3 classes of 20 seats: no class over capacity, each winner got the best choice still free at their turn', () => {
    const seed = seedOf();
    const apps = applicants(300, seed, classes);
    const { order, allocations } = drawLottery({ seed, offerings, applications: apps });
    expect(order).toHaveLength(300);
    expect(allocations).toHaveLength(60);
    for (const id of classes) expect(allocations.filter((a) => a.offeringId === id)).toHaveLength(20);
    expect(new Set(allocations.map((a) => a.token)).size).toBe(60); // quota 1
    // Replay the order: at each winner's turn every choice ranked above theirs was already full.
    const left = new Map(classes.map((c) => [c, 20]));
    const byToken = new Map(apps.map((a) => [a.token, a]));
    const won = new Map(allocations.map((a) => [a.token, a]));
    for (const token of order) {
      const app = byToken.get(token)!;
      const got = won.get(token);
      const firstFree = app.choices.findIndex((c) => left.get(c.offeringId)! > 0);
      if (!got) {
        expect(firstFree).toBe(-1);
        continue;
      }
      expect(got.rank).toBe(firstFree + 1);
      expect(app.choices[firstFree].offeringId).toBe(got.offeringId);
      left.set(got.offeringId, left.get(got.offeringId)! - 1);
    }
  });

  it('a quota of 2 gives everyone a first seat before anyone gets a second, never two seats in one class', () => {
    const seed = seedOf();
    const apps = applicants(40, seed, classes, 2);
    const { allocations } = drawLottery({ seed, offerings, applications: apps });
    const perToken = new Map<string, string[]>();
    for (const a of allocations) perToken.set(a.token, [...(perToken.get(a.token) ?? []), a.offeringId]);
    for (const held of perToken.values()) {
      expect(held.length).toBeLessThanOrEqual(2);
      expect(new Set(held).size).toBe(held.length);
    }
    const firstSecond = allocations.findIndex((a) => a.round === 2);
    const applicantsWithAFreeFirstChoice = allocations.filter((a) => a.round === 1).length;
    expect(firstSecond === -1 || firstSecond >= applicantsWithAFreeFirstChoice).toBe(true);
    for (const id of classes) expect(allocations.filter((a) => a.offeringId === id).length).toBeLessThanOrEqual(20);
  });

  it('priority choices are served first: returning learners of a class fill it before newcomers', () => {
    const seed = seedOf();
    const apps: DrawApplication[] = Array.from({ length: 50 }, (_, i) => ({
      token: applicantToken(seed, `r${i}`),
      quota: 1,
      choices: [{ offeringId: 'class-a', priority: i < 10 }],
    }));
    const { allocations } = drawLottery({ seed, offerings: [{ id: 'class-a', seats: 12 }], applications: apps });
    const winners = new Set(allocations.map((a) => a.token));
    expect(winners.size).toBe(12);
    for (const a of apps.slice(0, 10)) expect(winners.has(a.token)).toBe(true);
  });

  it('is deterministic for the same list, and a changed list or seed changes the result and fails verification', () => {
    const seed = seedOf();
    const apps = applicants(300, seed, classes);
    const first = drawLottery({ seed, offerings, applications: apps });
    expect(drawLottery({ seed, offerings, applications: [...apps].reverse() })).toEqual(first);
    const pub = {
      seed,
      seedHash: seedCommitment(seed),
      listDigest: listDigest(offerings, apps),
      offerings: offerings.map((o) => ({ ...o, title: o.id })),
      applications: apps,
      results: first.allocations.map((a) => ({ token: a.token, offeringId: a.offeringId })),
    };
    expect(verifyPublication(pub).matches).toBe(true);

    // One applicant is dropped from the list after publication: the digest and the allocation both change.
    const tampered = { ...pub, applications: apps.filter((a) => a.token !== first.allocations[0].token) };
    const v = verifyPublication(tampered);
    expect(v.listMatchesDigest).toBe(false);
    expect(v.resultsMatch).toBe(false);
    expect(v.matches).toBe(false);
    // Another seed: the commitment fails and so does the allocation.
    const other = verifyPublication({ ...pub, seed: seedOf() });
    expect(other.seedMatchesHash).toBe(false);
    expect(other.resultsMatch).toBe(false);
    // A published result altered for one token.
    const forged = { ...pub, results: pub.results.map((r, i) => (i === 0 ? { ...r, offeringId: r.offeringId === 'class-a' ? 'class-b' : 'class-a' } : r)) };
    expect(verifyPublication(forged)).toMatchObject({
      seedMatchesHash: true,
      listMatchesDigest: true,
      resultsMatch: false,
      matches: false,
      differences: [pub.results[0].token],
    });
  });

  it('tokens follow from the seed and the resident and do not reveal the resident', () => {
    const seed = seedOf();
    expect(applicantToken(seed, 'x')).toBe(applicantToken(seed, 'x'));
    expect(applicantToken(seed, 'x')).not.toBe(applicantToken(seedOf(), 'x'));
    expect(applicantToken(seed, 'x')).toMatch(/^[0-9a-f]{32}$/);
  });
});
