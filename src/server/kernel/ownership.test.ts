import { describe, expect, it } from 'vitest';
import { canEditOwned, canSeeOwned, canOwnIn, ancestorCodes, sortBulkTargets } from './ownership';
import type { Actor } from './actor';

const actor = (role: Actor['role'], regionCodes: string[], institutions: Actor['institutions'] = []): Actor =>
  ({ userId: 'u', username: 'u', displayName: 'u', kind: 'staff', role, regionCodes, institutions });
const district = actor('region_admin', ['330105']);
const street = actor('region_admin', ['330105012']);
const otherStreet = actor('region_admin', ['330105013']);
const school = actor('institution_staff', [], [{ id: 'i1', regionCode: '330105012001' }]);
const entry = (ownerRegionCode: string, shared: boolean, ownerInstitutionId: string | null = null) => ({ ownerRegionCode, shared, ownerInstitutionId });

describe('three-level ownership', () => {
  it.each([
    ['district sees a street entry', district, entry('330105012', false), true],
    ['street sees its own entry', street, entry('330105012', false), true],
    ['street sees a community entry beneath it', street, entry('330105012001', false), true],
    ['street sees a shared district entry', street, entry('330105', true), true],
    ['street does not see an unshared district entry', street, entry('330105', false), false],
    ['street does not see another street’s shared entry', street, entry('330105013', true), false],
    ['school sees what its street shares', school, entry('330105012', true), true],
    ['school does not see another community’s entry', school, entry('330105012002', false), false],
  ])('%s', (_, a, e, expected) => expect(canSeeOwned(a as Actor, e)).toBe(expected));

  it.each([
    ['district edits a street entry', district, entry('330105012', true), true],
    ['street cannot edit a shared district entry', street, entry('330105', true), false],
    ['other street cannot edit', otherStreet, entry('330105012', false), false],
    ['school edits its own institution’s entry', school, entry('330105012001', false, 'i1'), true],
    ['school cannot edit the community’s entry', school, entry('330105012001', false), false],
  ])('%s', (_, a, e, expected) => expect(canEditOwned(a as Actor, e)).toBe(expected));

  it('files entries only inside scope', () => {
    expect(canOwnIn(street, '330105012001', null)).toBe(true);
    expect(canOwnIn(street, '330105', null)).toBe(false);
    expect(canOwnIn(school, '330105012001', 'i1')).toBe(true);
    expect(canOwnIn(school, '330105012001', null)).toBe(false);
  });

  it('sorts a bulk action’s targets into editable and skipped, hiding what the actor cannot see', () => {
    const rows = new Map([['own', { id: 'own', ...entry('330105012', false) }], ['above', { id: 'above', ...entry('330105', true) }], ['other', { id: 'other', ...entry('330105013', false) }]]);
    const { editable, skipped } = sortBulkTargets(street, ['own', 'above', 'other', 'gone'], rows);
    expect(editable.map((r) => r.id)).toEqual(['own']);
    expect(skipped).toEqual([{ id: 'above', reason: 'read_only' }, { id: 'other', reason: 'not_found' }, { id: 'gone', reason: 'not_found' }]);
  });

  it('lists the offices above a region', () => expect(ancestorCodes('330105012001')).toEqual(['33', '3301', '330105', '330105012']));
});
