import { describe, expect, it } from 'vitest';
import { mayReceive, retryDelaySeconds, MAX_ATTEMPTS } from './webhooks.policy';

const open = { id: 'a', scopes: ['statements/read'], regionCode: null };
const street = { id: 'b', scopes: ['all'], regionCode: '330105012' };
const mine = { id: 'c', scopes: ['statements/read/mine', 'statements/write'], regionCode: null };

describe('webhook policy', () => {
  it.each([
    [open, { originPartnerId: null, regionCode: '330105001051' }, true],
    [open, { originPartnerId: null, regionCode: null }, true],
    [street, { originPartnerId: null, regionCode: '330105012001' }, true],
    [street, { originPartnerId: null, regionCode: '330105001051' }, false],
    [street, { originPartnerId: null, regionCode: null }, false],
    [street, { originPartnerId: 'b', regionCode: null }, true],
    [mine, { originPartnerId: 'c', regionCode: '330105001051' }, true],
    [mine, { originPartnerId: 'a', regionCode: '330105001051' }, false],
  ])('partner %# receives %j: %s', (p, event, expected) => expect(mayReceive(p, event)).toBe(expected));

  it('backs off exponentially and stops after the last attempt', () => {
    expect([1, 2, 3, 4, 5].map(retryDelaySeconds)).toEqual([30, 60, 120, 240, 480]);
    expect(retryDelaySeconds(MAX_ATTEMPTS)).toBeNull();
  });
});
