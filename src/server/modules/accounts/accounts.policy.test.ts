import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../kernel/actor';
import { canGrantRole, canManageAccount, canManageScopes, canSeeResidentsOf, isStrongPassword } from './accounts.policy';

const actor = (role: Role, regionCodes: string[] = []): Actor => ({ userId: 'u', username: 'u', displayName: 'u', kind: 'staff', role, regionCodes, institutions: [] });
const sys = actor('system_admin');
const district = actor('region_admin', ['330105']);
const street = actor('region_admin', ['330105012']);
const leader = actor('leader', ['330105']);

describe('accounts policy', () => {
  it.each([
    [sys, 'system_admin', true], [district, 'system_admin', false], [district, 'region_admin', true], [street, 'leader', true], [leader, 'instructor', false],
  ] as const)('canGrantRole #%#', (a, role, expected) => expect(canGrantRole(a, role)).toBe(expected));

  it.each([
    [district, ['330105012'], true], [street, ['330105012001'], true], [street, ['330105001'], false], [street, ['330105012', '330105001'], false], [leader, ['330105012'], false], [sys, ['120104'], true],
  ] as const)('canManageScopes #%#', (a, codes, expected) => expect(canManageScopes(a, [...codes])).toBe(expected));

  it.each([
    [district, { role: 'region_admin', scopeRegionCodes: ['330105012'] }, true],
    [street, { role: 'region_admin', scopeRegionCodes: ['330105'] }, false],
    [district, { role: 'system_admin', scopeRegionCodes: ['330105'] }, false],
    [street, { role: 'leader', scopeRegionCodes: [] }, false],
  ] as const)('canManageAccount #%#', (a, target, expected) => expect(canManageAccount(a, { role: target.role, scopeRegionCodes: [...target.scopeRegionCodes] })).toBe(expected));

  it.each([
    [street, '330105012001', true], [street, '330105001051', false], [leader, '330105012001', false], [sys, '330105001051', true],
  ] as const)('canSeeResidentsOf #%#', (a, code, expected) => expect(canSeeResidentsOf(a, code)).toBe(expected));

  it.each([['Learn2026', true], ['short1', false], ['onlyletters', false], ['12345678', false]])('isStrongPassword(%s)', (pw, ok) => expect(isStrongPassword(pw)).toBe(ok));
});
