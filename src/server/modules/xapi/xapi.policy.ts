// Which xAPI requests a partner's scopes allow (the scope names follow the xAPI 1.0.3 OAuth scopes).
export const XAPI_SCOPES = ['all', 'statements/write', 'statements/read', 'statements/read/mine', 'state', 'define', 'profile'] as const;
export type XapiScope = (typeof XAPI_SCOPES)[number];

export interface PartnerCaller {
  id: string;
  key: string;
  name: string;
  scopes: string[];
  /** Reads are limited to statements about residents living under this region. */
  regionCode: string | null;
}

const has = (p: PartnerCaller, ...scopes: XapiScope[]) => p.scopes.includes('all') || scopes.some((s) => p.scopes.includes(s));

export const canWriteStatements = (p: PartnerCaller) => has(p, 'statements/write');
/** 'all' statements, only the partner's own ('mine'), or none. */
export function statementReadAccess(p: PartnerCaller): 'all' | 'mine' | null {
  if (has(p, 'statements/read')) return 'all';
  if (p.scopes.includes('statements/read/mine')) return 'mine';
  return null;
}
export const canUseState = (p: PartnerCaller) => has(p, 'state');
export const canUseProfiles = (p: PartnerCaller) => has(p, 'profile', 'define');
export const canDefine = (p: PartnerCaller) => has(p, 'define');
