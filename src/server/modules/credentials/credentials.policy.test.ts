import { describe, expect, it } from 'vitest';
import type { Actor } from '../../kernel/actor';
import { canIssueCredentials, canSeeCredentials } from './credentials.policy';

const actor = (role: Actor['role'], regionCodes: string[], kind: Actor['kind'] = 'staff'): Actor => ({
  userId: 'u',
  username: 'u',
  displayName: 'u',
  kind,
  role,
  regionCodes,
  institutions: [],
});
const COMMUNITY = '330105012001';

describe('credentials policy', () => {
  it.each([
    ['system admin', actor('system_admin', []), true, true],
    ['district admin', actor('region_admin', ['330105']), true, true],
    ['street admin of the street', actor('region_admin', ['330105012']), true, true],
    ['street admin of another street', actor('region_admin', ['330105001']), false, false],
    ['credit-bank officer of the district', actor('credit_bank_officer', ['330105']), true, true],
    ['credit-bank officer elsewhere', actor('credit_bank_officer', ['330213']), false, false],
    ['leader of the district', actor('leader', ['330105']), true, false],
    ['institution staff', actor('institution_staff', ['330105012']), false, false],
    ['instructor', actor('instructor', ['330105']), false, false],
    ['resident', actor(null, [], 'resident'), false, false],
  ])('%s: sees %s, issues %s', (_name, a, sees, issues) => {
    expect(canSeeCredentials(a, COMMUNITY)).toBe(sees);
    expect(canIssueCredentials(a, COMMUNITY)).toBe(issues);
  });
});
