// The worked example published with the lottery algorithm is true: the platform's draw gives every value it
// shows, and so does the independent Python implementation written from the published text.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applicantToken, canonicalList, drawLottery, fromHex, hmacSha256Hex, listDigest, seedCommitment, verifyPublication } from './lottery-draw';
import { LOTTERY_EXAMPLE as EX } from './lottery-example';

const offerings = EX.offerings.map((o) => ({ ...o }));
const applications = EX.applications.map((a) => ({ ...a, choices: a.choices.map((c) => ({ ...c })) }));

describe('the published worked example', () => {
  it('every intermediate value is what the platform computes', () => {
    expect(seedCommitment(EX.seed)).toBe(EX.seedHash);
    expect(EX.residents.map((r) => applicantToken(EX.seed, r.residentId))).toEqual(EX.residents.map((r) => r.token));
    expect(canonicalList(offerings, applications)).toBe(EX.canonicalList);
    expect(listDigest(offerings, applications)).toBe(EX.listDigest);
    expect(EX.residents.map((r) => hmacSha256Hex(fromHex(EX.seed), `order:${r.token}`))).toEqual([...EX.orderKeys]);
    const draw = drawLottery({ seed: EX.seed, offerings, applications });
    expect(draw.order).toEqual([...EX.order]);
    expect(draw.allocations.map(({ token, offeringId }) => ({ token, offeringId }))).toEqual(EX.results.map((r) => ({ ...r })));
    const pub = {
      seed: EX.seed,
      seedHash: EX.seedHash,
      listDigest: EX.listDigest,
      offerings: offerings.map((o) => ({ ...o, title: o.id })),
      applications,
      results: EX.results.map((r) => ({ ...r })),
    };
    expect(verifyPublication(pub).matches).toBe(true);
  });

  it('the independent Python implementation gives the same values', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lottery-example-'));
    const file = join(dir, 'publication.json');
    writeFileSync(file, JSON.stringify({ seed: EX.seed, offerings, applications }));
    const out = JSON.parse(execFileSync('python3', ['test/fixtures/lottery_draw.py', file], { encoding: 'utf8' }));
    rmSync(dir, { recursive: true, force: true });
    expect(out).toEqual({ seedHash: EX.seedHash, listDigest: EX.listDigest, order: [...EX.order], results: EX.results.map((r) => ({ ...r })) });
  });
});
