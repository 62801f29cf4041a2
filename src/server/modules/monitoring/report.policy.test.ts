import { describe, expect, it } from 'vitest';
import { canEditReport } from './report.policy';
import { staffActor } from '../../kernel/test-actors';

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
  ] as const)('%s over %j on %s: %s', (role, regions, region, allowed) => expect(canEditReport(staffActor(role, [...regions]), region)).toBe(allowed));
});
