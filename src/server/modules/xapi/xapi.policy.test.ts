import { describe, expect, it } from 'vitest';
import { canDefine, canUseProfiles, canUseState, canWriteStatements, isOwnHomePage, statementReadAccess, type PartnerCaller } from './xapi.policy';

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

describe("the installation's own homePages", () => {
  const own = { origins: ['https://xuexi.gongshu.gov.cn'], requestHost: '10.0.0.5:3000' };
  it.each([
    ['http://localhost', true],
    ['http://localhost:3000/', true],
    ['http://127.0.0.1:4123', true],
    ['http://[::1]:8080', true],
    ['http://10.0.0.5:3000', true],
    ['https://10.0.0.5:3000', true],
    ['http://10.0.0.5:3001', false],
    ['https://xuexi.gongshu.gov.cn/', true],
    ['http://xuexi.gongshu.gov.cn', true],
    ['https://xuexi.gongshu.gov.cn/accounts', false],
    ['https://partner.example.com', false],
    ['tel:+86', false],
    ['not a url', false],
    [null, false],
  ] as const)('%s', (homePage, expected) => expect(isOwnHomePage(homePage, own)).toBe(expected));
});
