import { describe, expect, it } from 'vitest';
import type { Actor } from '../../kernel/actor';
import { canEditReport } from './report.policy';

const actor = (role: Actor['role'], regionCodes: string[]): Actor => ({
  userId: 'u',
  username: 'u',
  displayName: 'u',
  kind: 'staff',
  role,
  regionCodes,
  institutions: [],
});

describe('who edits the annual report before export', () => {
  it.each([
    ['system_admin', [], '330105', true],
    ['region_admin', ['330105'], '330105', true],
    ['leader', ['330105'], '330105012', true],
    ['leader', ['330105012'], '330105', false],
    ['region_admin', ['330106'], '330105', false],
    ['institution_staff', ['330105'], '330105', false],
    ['credit_bank_officer', ['330105'], '330105', false],
    ['instructor', ['330105'], '330105', false],
  ] as const)('%s over %j on %s: %s', (role, regions, region, allowed) => expect(canEditReport(actor(role, [...regions]), region)).toBe(allowed));
});
