import { describe, expect, it } from 'vitest';
import { canManagePartner, canRegisterPartners, isAllowedRestriction } from './partners.policy';
import { staffActor } from '../../kernel/test-actors';

const admin = staffActor('system_admin');
const district = staffActor('region_admin', ['330105']);
const street = staffActor('region_admin', ['330105012']);
const school = staffActor('institution_staff');

describe('partners policy', () => {
  it.each([
    [admin, true],
    [district, true],
    [street, true],
    [school, false],
    [staffActor('leader', ['330105']), false],
  ])('registers partners: %#', (a, expected) => expect(canRegisterPartners(a)).toBe(expected));

  it.each([
    [admin, null, true],
    [admin, '330105012', true],
    [district, null, false],
    [district, '330105', true],
    [district, '330105012', true],
    [district, '330106', false],
    [street, '330105012', true],
    [street, '330105012001', true],
    [street, '330105001', false],
    [street, '330105', false],
    [school, '330105012', false],
  ] as const)('restriction %#', (a, code, expected) => expect(isAllowedRestriction(a, code)).toBe(expected));

  it.each([
    [admin, '330105', true],
    [district, '330105012', true],
    [street, '330105012', true],
    [street, '330105', false],
    [school, '330105012', false],
  ] as const)('manages a partner owned by %#', (a, owner, expected) => expect(canManagePartner(a, { ownerRegionCode: owner })).toBe(expected));
});
