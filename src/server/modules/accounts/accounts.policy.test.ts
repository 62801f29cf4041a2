import { describe, expect, it } from 'vitest';
import {
  canGrantRole,
  canManageAccount,
  canManageScopes,
  canResetResidentPassword,
  canSeeResidentsOf,
  isStrongPassword,
  passwordProblem,
} from './accounts.policy';
import { loadConfig } from '../../config';
import { staffActor } from '../../kernel/test-actors';

const sys = staffActor('system_admin');
const district = staffActor('region_admin', ['330105']);
const street = staffActor('region_admin', ['330105012']);
const leader = staffActor('leader', ['330105']);
const credit = staffActor('credit_bank_officer', ['330105']);

describe('accounts policy', () => {
  it.each([
    [sys, 'system_admin', true],
    [district, 'system_admin', false],
    [district, 'region_admin', true],
    [street, 'leader', true],
    [leader, 'instructor', false],
  ] as const)('canGrantRole #%#', (a, role, expected) => expect(canGrantRole(a, role)).toBe(expected));

  it.each([
    [district, ['330105012'], true],
    [street, ['330105012001'], true],
    [street, ['330105001'], false],
    [street, ['330105012', '330105001'], false],
    [leader, ['330105012'], false],
    [sys, ['120104'], true],
  ] as const)('canManageScopes #%#', (a, codes, expected) => expect(canManageScopes(a, [...codes])).toBe(expected));

  it.each([
    [district, { role: 'region_admin', scopeRegionCodes: ['330105012'] }, true],
    [street, { role: 'region_admin', scopeRegionCodes: ['330105'] }, false],
    [district, { role: 'system_admin', scopeRegionCodes: ['330105'] }, false],
    [street, { role: 'leader', scopeRegionCodes: [] }, false],
  ] as const)('canManageAccount #%#', (a, target, expected) =>
    expect(canManageAccount(a, { role: target.role, scopeRegionCodes: [...target.scopeRegionCodes] })).toBe(expected),
  );

  it.each([
    [street, '330105012001', true],
    [street, '330105001051', false],
    [leader, '330105012001', false],
    [sys, '330105001051', true],
  ] as const)('canSeeResidentsOf #%#', (a, code, expected) => expect(canSeeResidentsOf(a, code)).toBe(expected));

  it.each([
    [street, '330105012001', true],
    [street, '330105001051', false],
    [credit, '330105012001', false],
    [leader, '330105012001', false],
    [sys, '330105001051', true],
  ] as const)('canResetResidentPassword #%#', (a, code, expected) => expect(canResetResidentPassword(a, code)).toBe(expected));

  it.each([
    ['Learn2026ok', true],
    ['Learn2026', false],
    ['short1', false],
    ['12345678', false],
    ['correct horse battery staple', true],
    ['onlylowerletters', true],
    ['我在学城学习书法和太极拳', true],
    ['1234567890123456', true],
  ])('isStrongPassword(%s)', (pw, ok) => expect(isStrongPassword(pw)).toBe(ok));
  it.each([
    ['Learn2026', 'password.weak'],
    ['13579246801', 'password.weak'],
    ['abababababab', 'password.weak'],
    ['123456789a', 'password.common'],
    ['woaini1314', 'password.common'],
    ['qq123456', 'password.weak'],
    ['qq12345678', 'password.common'],
    ['QQ123456789', 'password.common'],
    ['Password2026!', 'password.common'],
    ['woaini1314520', 'password.common'],
    ['1qaz2wsx3edc', 'password.common'],
    ['Zhang123456', 'password.common'],
    ['ｗｏａｉｎｉ１３１４', 'password.common'],
  ])('passwordProblem(%s) is %s', (pw, key) => expect(passwordProblem(pw)).toBe(key));
  it('refuses a password containing the phone or user name', () => {
    expect(passwordProblem('a13812345678', ['13812345678'])).toBe('password.personal');
    expect(passwordProblem('Mishixiang-2026', ['mishixiang', null])).toBe('password.personal');
    expect(passwordProblem('Learn2026ok', ['13812345678', 'mishixiang'])).toBeNull();
  });
  it('refuses a weak first administrator password in the configuration', () => {
    expect(() => loadConfig({ LEARNCITY_ADMIN_PASSWORD: 'admin@123' })).toThrow(/Invalid configuration[\s\S]*LEARNCITY_ADMIN_PASSWORD/);
    expect(() => loadConfig({ LEARNCITY_ADMIN_PASSWORD: 'Admin12345678' })).toThrow(/too common/);
    expect(loadConfig({ LEARNCITY_ADMIN_PASSWORD: 'Admin#2026pass' }).adminPassword).toBe('Admin#2026pass');
  });
});
