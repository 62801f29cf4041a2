import { describe, expect, it } from 'vitest';
import { canIssueCredentials, canSeeCredentials } from './credentials.policy';
import { residentActor, staffActor } from '../../kernel/test-actors';

const COMMUNITY = '330105012001';

describe('credentials policy', () => {
  it.each([
    ['system admin', staffActor('system_admin', []), true, true],
    ['district admin', staffActor('region_admin', ['330105']), true, true],
    ['street admin of the street', staffActor('region_admin', ['330105012']), true, true],
    ['street admin of another street', staffActor('region_admin', ['330105001']), false, false],
    ['credit-bank officer of the district', staffActor('credit_bank_officer', ['330105']), true, true],
    ['credit-bank officer elsewhere', staffActor('credit_bank_officer', ['330213']), false, false],
    ['leader of the district', staffActor('leader', ['330105']), true, false],
    ['institution staff', staffActor('institution_staff', ['330105012']), false, false],
    ['instructor', staffActor('instructor', ['330105']), false, false],
    ['resident', residentActor(), false, false],
  ])('%s: sees %s, issues %s', (_name, a, sees, issues) => {
    expect(canSeeCredentials(a, COMMUNITY)).toBe(sees);
    expect(canIssueCredentials(a, COMMUNITY)).toBe(issues);
  });
});
