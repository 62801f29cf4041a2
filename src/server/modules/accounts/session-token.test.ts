// The sealed session cookie: opens only with its key and unaltered, and a cookie opened once is kept opened.
import { describe, expect, it } from 'vitest';
import { createSessionSealer, type SealedResident } from './session-token';

const resident: SealedResident = {
  userId: '0190c3a4-0000-7000-8000-000000000001',
  username: '13900000001',
  displayName: '王秀英',
  homeRegionCode: '330105012001',
  locale: 'zh-CN',
  sealedAt: 1_800_000_000_000,
  expiresAt: 1_800_043_200_000,
};

describe('a sealed session cookie', () => {
  it('opens to what was sealed, the same cookie again to the same unchangeable resident', () => {
    const sealer = createSessionSealer(Buffer.alloc(32, 7));
    const token = sealer.seal(resident);
    const first = sealer.open(token);
    expect(first).toEqual(resident);
    expect(sealer.open(token)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('does not open when altered, however often it is sent, nor with another key', () => {
    const sealer = createSessionSealer(Buffer.alloc(32, 7));
    const token = sealer.seal(resident);
    // One character of the ciphertext changed (not the last: its spare bits may decode to the same bytes).
    const at = 30;
    const altered = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
    expect(sealer.open(altered)).toBeNull();
    expect(sealer.open(altered)).toBeNull();
    expect(createSessionSealer(Buffer.alloc(32, 8)).open(token)).toBeNull();
    expect(sealer.open('s1.' + 'x'.repeat(3000))).toBeNull();
    expect(sealer.open(token)).toEqual(resident);
  });
});
