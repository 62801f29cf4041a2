import { describe, expect, it } from 'vitest';
import {
  canEditOwned,
  canSeeOwned,
  canOwnIn,
  ancestorCodes,
  findBulkTargets,
  findEditableOwned,
  findVisibleOwned,
  ownerAfterPatch,
  placeOwned,
  sortBulkTargets,
} from './ownership';
import type { Actor } from './actor';
import type { FieldErrors } from './errors';
import { staffActor } from './test-actors';

const district = staffActor('region_admin', ['330105']);
const street = staffActor('region_admin', ['330105012']);
const otherStreet = staffActor('region_admin', ['330105013']);
const school = staffActor('institution_staff', [], [{ id: 'i1', regionCode: '330105012001' }]);
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
    const rows = new Map([
      ['own', { id: 'own', ...entry('330105012', false) }],
      ['above', { id: 'above', ...entry('330105', true) }],
      ['other', { id: 'other', ...entry('330105013', false) }],
    ]);
    const { editable, skipped } = sortBulkTargets(street, ['own', 'above', 'other', 'gone'], rows);
    expect(editable.map((r) => r.id)).toEqual(['own']);
    expect(skipped).toEqual([
      { id: 'above', reason: 'read_only' },
      { id: 'other', reason: 'not_found' },
      { id: 'gone', reason: 'not_found' },
    ]);
  });

  it('lists the offices above a region', () => expect(ancestorCodes('330105012001')).toEqual(['33', '3301', '330105', '330105012']));

  it('places an entry where the actor may own it, an owning institution only inside the owner region', async () => {
    const institutionRegion = async (id: string) => (({ i1: '330105012001', i2: '330105013001' }) as Record<string, string>)[id] ?? null;
    const fieldOf = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: FieldErrors) => Object.keys(e.fieldKeys)[0],
      );
    expect(await placeOwned(street, '330105012', null, institutionRegion)).toEqual({ ownerRegionCode: '330105012', ownerInstitutionId: null });
    expect(await placeOwned(street, '330105012', 'i1', institutionRegion)).toEqual({ ownerRegionCode: '330105012', ownerInstitutionId: 'i1' });
    expect(await placeOwned(school, '330105012001', 'i1', institutionRegion)).toEqual({ ownerRegionCode: '330105012001', ownerInstitutionId: 'i1' });
    expect(await fieldOf(placeOwned(street, '330105012', 'i2', institutionRegion))).toBe('ownerInstitutionId');
    expect(await fieldOf(placeOwned(street, '330105012', 'unknown', institutionRegion))).toBe('ownerInstitutionId');
    expect(await fieldOf(placeOwned(street, '330105', null, institutionRegion))).toBe('ownerRegionCode');
    // The institution is checked before the scope, as a form names the first field at fault.
    expect(await fieldOf(placeOwned(street, '330105001', 'i2', institutionRegion))).toBe('ownerInstitutionId');
  });

  it('finds an entry only where the actor sees it, and says not found alike for a bad id, a missing or a hidden entry', async () => {
    const id = '7f0c3b1e-5d2a-4c1b-9e8f-0a1b2c3d4e5f';
    const rows = new Map([[id, { id, ...entry('330105', false) }]]);
    const find = async (key: string) => rows.get(key);
    expect(await findVisibleOwned(district, id, find, 'x.not_found')).toMatchObject({ id });
    for (const [who, key] of [
      [street, id],
      [district, 'not-a-uuid'],
      [district, '00000000-0000-4000-8000-000000000000'],
    ] as const) {
      await expect(findVisibleOwned(who, key, find, 'x.not_found')).rejects.toMatchObject({ code: 'x.not_found' });
    }
  });

  it('refuses to change an entry it sees but does not own, and hides one it does not see', async () => {
    const above = '7f0c3b1e-5d2a-4c1b-9e8f-0a1b2c3d4e5f';
    const own = '1b2c3d4e-5f60-4a1b-8c2d-3e4f5a6b7c8d';
    const rows = new Map([
      [above, { id: above, ...entry('330105', true) }],
      [own, { id: own, ...entry('330105012', false) }],
    ]);
    const find = async (key: string) => rows.get(key);
    const refusals = { notFound: 'x.not_found', readOnly: 'x.read_only' };
    expect(await findEditableOwned(street, own, find, refusals)).toMatchObject({ id: own });
    await expect(findEditableOwned(street, above, find, refusals)).rejects.toMatchObject({ code: 'x.read_only' });
    await expect(findEditableOwned(otherStreet, own, find, refusals)).rejects.toMatchObject({ code: 'x.not_found' });
  });

  it('looks up a bulk action’s well-formed ids only, then sorts them', async () => {
    const own = '1b2c3d4e-5f60-4a1b-8c2d-3e4f5a6b7c8d';
    const asked: string[][] = [];
    const findMany = async (ids: string[]) => (asked.push(ids), ids.filter((i) => i === own).map((id) => ({ id, ...entry('330105012', false) })));
    const { editable, skipped } = await findBulkTargets(street, [own, 'not-a-uuid'], findMany);
    expect(asked).toEqual([[own]]);
    expect(editable.map((r) => r.id)).toEqual([own]);
    expect(skipped).toEqual([{ id: 'not-a-uuid', reason: 'not_found' }]);
  });

  it('takes the owner a patch gives, a null institution included, and keeps the rest', () => {
    const current = entry('330105012', false, 'i1');
    expect(ownerAfterPatch(current, {})).toEqual({ ownerRegionCode: '330105012', ownerInstitutionId: 'i1' });
    expect(ownerAfterPatch(current, { ownerInstitutionId: null })).toEqual({ ownerRegionCode: '330105012', ownerInstitutionId: null });
    expect(ownerAfterPatch(current, { ownerRegionCode: '330105012001' })).toEqual({ ownerRegionCode: '330105012001', ownerInstitutionId: 'i1' });
  });
});
