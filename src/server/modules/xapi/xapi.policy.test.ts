import { describe, expect, it } from 'vitest';
import { canDefine, canUseProfiles, canUseState, canWriteStatements, statementReadAccess, type PartnerCaller } from './xapi.policy';

const partner = (...scopes: string[]): PartnerCaller => ({ id: 'p', key: 'k', name: 'n', scopes, regionCode: null });

describe('xAPI scopes', () => {
  it.each([
    [['all'], true, 'all', true, true, true],
    [['statements/write'], true, null, false, false, false],
    [['statements/read'], false, 'all', false, false, false],
    [['statements/read/mine'], false, 'mine', false, false, false],
    [['statements/read', 'statements/read/mine'], false, 'all', false, false, false],
    [['state'], false, null, true, false, false],
    [['define'], false, null, false, true, true],
    [['profile'], false, null, false, true, false],
    [[], false, null, false, false, false],
  ] as const)('%j', (scopes, write, read, state, profiles, define) => {
    const p = partner(...scopes);
    expect([canWriteStatements(p), statementReadAccess(p), canUseState(p), canUseProfiles(p), canDefine(p)]).toEqual([write, read, state, profiles, define]);
  });
});
