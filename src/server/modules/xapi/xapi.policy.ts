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

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const hostOf = (origin: string) => {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
};

/**
 * Whether an account's homePage names this installation, so `{ homePage, name: <resident id> }` is one of
 * its residents: any origin it answers on — the configured public origins, the host the request came to (the
 * address the console shows partners), and loopback — by host, over http or https.
 */
export function isOwnHomePage(homePage: unknown, own: { origins: string[]; requestHost?: string | null }): boolean {
  let url: URL;
  try {
    url = new URL(String(homePage));
  } catch {
    return false;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname !== '/' || url.search || url.hash || url.username) return false;
  if (LOOPBACK_HOSTS.has(url.hostname)) return true;
  if (own.requestHost && url.host === own.requestHost.toLowerCase()) return true;
  return own.origins.some((o) => hostOf(o) === url.host);
}
