import { describe, expect, it } from 'vitest';
import { canEditInstitution, canSeeInstitution, fitsLevel } from './institutions.policy';
import { staffActor } from '../../kernel/test-actors';

const school = { id: 'i1', regionCode: '330105012' };
const elsewhere = { id: 'i2', regionCode: '330105001' };

describe('institutions policy', () => {
  it.each([
    ['learning_point', 'community', true],
    ['learning_point', 'street', false],
    ['street_branch', 'street', true],
    ['community_college', 'district', true],
    ['community_college', 'community', false],
    ['other_provider', 'community', true],
    ['elderly_school', 'district', false],
  ] as const)('%s fits %s: %s', (type, level, ok) => expect(fitsLevel(type, level)).toBe(ok));

  it('lets staff of an institution see and edit only their own', () => {
    const staff = staffActor('institution_staff', [], [school]);
    expect(canSeeInstitution(staff, school)).toBe(true);
    expect(canEditInstitution(staff, school)).toBe(true);
    expect(canSeeInstitution(staff, { id: 'i3', regionCode: '330105012' })).toBe(false);
    expect(canSeeInstitution(staff, elsewhere)).toBe(false);
  });

  it('lets a leader see within scope but never edit', () => {
    const leader = staffActor('leader', ['330105']);
    expect(canSeeInstitution(leader, elsewhere)).toBe(true);
    expect(canEditInstitution(leader, elsewhere)).toBe(false);
  });

  it('scopes region administrators by prefix', () => {
    const street = staffActor('region_admin', ['330105012']);
    expect(canEditInstitution(street, school)).toBe(true);
    expect(canSeeInstitution(street, elsewhere)).toBe(false);
  });
});
