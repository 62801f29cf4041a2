// Single sign-on against a real OpenID Connect provider (oidc-provider) started here on 127.0.0.1: the full
// redirect dance over HTTP, the provider's login and consent completed programmatically, the account linked
// on first login with the resident's consent, and a resident logged in to learncity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { nextSeq } from '../support/factories';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

let p: TestPlatform;
let idp: Server;
let issuer: string;
let learncity: string;
/** An account at the provider linked to the demo resident before the tests, for those that sign in linked. */
const LINKED = 'gov-330105-0001';
/** A provider account no test has used yet. */
const freshAccount = () => `gov-330105-9${String(nextSeq()).padStart(3, '0')}`;

beforeAll(async () => {
  const [idpPort, appPort] = [await freePort(), await freePort()];
  issuer = `http://127.0.0.1:${idpPort}`;
  learncity = `http://127.0.0.1:${appPort}`;
  const provider = new Provider(issuer, {
    jwks: {
      keys: [{ ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: 'test', alg: 'RS256', use: 'sig' }] as never,
    },
    clients: [
      {
        client_id: 'learncity',
        client_secret: 'learncity-test-secret',
        redirect_uris: [`${learncity}/api/auth/oidc/callback`],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: { openid: ['sub'], profile: ['name'], phone: ['phone_number', 'phone_number_verified'] },
    features: { devInteractions: { enabled: false } },
    cookies: { keys: ['test-cookie-key'] },
    findAccount: async (_ctx, sub) => ({
      accountId: sub,
      claims: async () => ({ sub, name: '王秀英', phone_number: '+8613900000001', phone_number_verified: true }),
    }),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  });
  // The person at the provider: logs in as the account their browser names (a cookie `browser()` sets on the
  // provider's host) and consents to what learncity asks, without a form.
  idp = createServer(async (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return provider.callback()(req, res);
    const accountId = /(?:^|; )test-account=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    if (!accountId) throw new Error('no test-account cookie: call browser(account)');
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') return provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
    const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id as string });
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  });
  await new Promise<void>((resolve) => idp.listen(idpPort, '127.0.0.1', () => resolve()));
  p = await startTestPlatform({ oidc: { issuer, clientId: 'learncity', clientSecret: 'learncity-test-secret', scopes: 'openid profile phone' } });
  await p.app.listen({ port: appPort, host: '127.0.0.1' });
  await linkByPassword(browser(LINKED));
});
afterAll(async () => {
  await new Promise((resolve) => idp.close(resolve));
  await p.close();
});

/** A browser of someone who signs in at the provider as `account`: follows redirects across both servers, keeping each one's cookies. */
function browser(account: string) {
  const jars = new Map<string, Map<string, string>>();
  const jar = (url: URL) => jars.get(url.host) ?? jars.set(url.host, new Map()).get(url.host)!;
  jar(new URL(issuer)).set('test-account', account);
  async function go(url: string, init: { method?: string; body?: unknown } = {}) {
    let current = new URL(url);
    let method = init.method ?? 'GET';
    let body = init.body !== undefined ? JSON.stringify(init.body) : undefined;
    const visited: string[] = [];
    for (let hop = 0; hop < 20; hop++) {
      visited.push(current.href);
      const cookies = [...jar(current)].map(([k, v]) => `${k}=${v}`).join('; ');
      const res = await fetch(current, {
        method,
        body,
        redirect: 'manual',
        headers: { ...(cookies && { cookie: cookies }), ...(body && { 'content-type': 'application/json', origin: current.origin }) },
      });
      for (const c of res.headers.getSetCookie()) {
        const [pair, ...attrs] = c.split(';');
        const [name, ...v] = pair.split('=');
        const expired = attrs.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()));
        if (expired) jar(current).delete(name.trim());
        else jar(current).set(name.trim(), v.join('='));
      }
      if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
        current = new URL(res.headers.get('location')!, current);
        method = 'GET';
        body = undefined;
        continue;
      }
      const text = await res.text();
      return {
        status: res.status,
        url: current.href,
        visited,
        body: text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text,
      };
    }
    throw new Error('too many redirects: ' + visited.join(' → '));
  }
  return { go };
}
type Browser = ReturnType<typeof browser>;

/** Signs in at the provider and links that account to the demo resident by the resident's password. */
async function linkByPassword(b: Browser) {
  const first = await b.go(`${learncity}/api/auth/oidc/login`);
  if (first.url !== `${learncity}/sso/link`) throw new Error(`not asked to link: ${first.url}`);
  const linked = await b.go(`${learncity}/api/auth/oidc/link`, {
    method: 'POST',
    body: { method: 'password', username: '13900000001', password: 'Demo#2026', consent: true },
  });
  if (linked.status !== 200) throw new Error(`link: ${linked.status} ${JSON.stringify(linked.body)}`);
}

describe('sign-in with a government ID (OpenID Connect)', () => {
  it('tells the portal the button is offered', async () => {
    expect((await p.request('GET', '/api/auth/oidc')).body).toEqual({ enabled: true });
  });

  it('links on first login by a code sent to the resident’s phone, with consent, and logs them in', async () => {
    const b = browser(freshAccount());
    const first = await b.go(`${learncity}/api/auth/oidc/login?returnTo=/archive`);
    // learncity → provider (authorize, interaction login, consent) → learncity callback → the linking page.
    expect(first.visited[1]).toMatch(new RegExp(`^${issuer}/auth\\?`));
    const authorize = new URL(first.visited[1]);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(first.visited.some((u) => u.startsWith(`${learncity}/api/auth/oidc/callback?code=`))).toBe(true);
    expect(first.url).toBe(`${learncity}/sso/link`);
    expect((await b.go(`${learncity}/api/residents/me`)).status).toBe(401);

    const pending = await b.go(`${learncity}/api/auth/oidc/pending`);
    expect(pending.body).toMatchObject({ name: '王秀英', phone: '139****0001' });
    expect((await b.go(`${learncity}/api/auth/oidc/sms-codes`, { method: 'POST', body: { phone: '13900000001' } })).status).toBe(202);
    const code = p.sms.lastCode('13900000001');
    const noConsent = await b.go(`${learncity}/api/auth/oidc/link`, {
      method: 'POST',
      body: { method: 'sms', phone: '13900000001', smsCode: code, consent: false },
    });
    expect(noConsent.status).toBe(422);
    expect(noConsent.body.error.details.fields.consent).toBeTruthy();
    const wrong = await b.go(`${learncity}/api/auth/oidc/link`, {
      method: 'POST',
      body: { method: 'sms', phone: '13900000001', smsCode: code === '000000' ? '111111' : '000000', consent: true },
    });
    expect(wrong.status).toBe(422);
    const linked = await b.go(`${learncity}/api/auth/oidc/link`, {
      method: 'POST',
      body: { method: 'sms', phone: '13900000001', smsCode: code, consent: true },
    });
    expect(linked.status).toBe(200);
    expect(linked.body).toEqual({ linked: true, returnTo: '/archive' });
    const me = await b.go(`${learncity}/api/residents/me`);
    expect(me.status).toBe(200);
    expect(me.body.realName).toBe('王秀英');
    expect((await b.go(`${learncity}/api/auth/oidc/pending`)).status).toBe(404);
  });

  it('logs a linked resident straight in next time, in a fresh browser', async () => {
    const b = browser(LINKED);
    const res = await b.go(`${learncity}/api/auth/oidc/login`);
    expect(res.url).toBe(`${learncity}/profile`);
    const me = await b.go(`${learncity}/api/residents/me`);
    expect(me.status).toBe(200);
    expect(me.body.phone).toBe('139****0001');
  });

  // `new URL(location, here)` is how a browser follows the callback's redirect: `/\\evil` and `/\t/evil` become
  // `//evil`, another site. Each must land on the portal's home page instead.
  it.each([
    '/\\evil.example/',
    '/\\evil.example',
    '//evil.example',
    '///evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '/%5Cevil.example',
    '/%2F%2Fevil.example',
    'https://evil.example/',
    'http:evil.example',
    '\\\\evil.example',
    '/.\\evil.example',
    '/profile@evil.example',
  ])('after sign-in never redirects off-site for returnTo=%j', async (hostile) => {
    const res = await browser(LINKED).go(`${learncity}/api/auth/oidc/login?returnTo=${encodeURIComponent(hostile)}`);
    expect(res.visited.every((u) => new URL(u).origin === learncity || new URL(u).origin === issuer)).toBe(true);
    expect(res.url).toBe(`${learncity}/`);
  });

  it('returns to a page of the portal given as returnTo', async () => {
    const res = await browser(LINKED).go(`${learncity}/api/auth/oidc/login?returnTo=${encodeURIComponent('/offerings?category=SHUHUA')}`);
    expect(res.url).toBe(`${learncity}/offerings?category=SHUHUA`);
  });

  it('links by logging in once, but never to a staff account', async () => {
    const admin = await p.login('admin');
    const linksBefore = (await p.request('GET', '/api/audit-log?action=sso.link', { headers: admin })).body.total;
    const b = browser(freshAccount());
    expect((await b.go(`${learncity}/api/auth/oidc/login`)).url).toBe(`${learncity}/sso/link`);
    const staff = await b.go(`${learncity}/api/auth/oidc/link`, {
      method: 'POST',
      body: { method: 'password', username: 'street', password: 'Demo#2026', consent: true },
    });
    expect(staff.status).toBe(403);
    const ok = await b.go(`${learncity}/api/auth/oidc/link`, {
      method: 'POST',
      body: { method: 'password', username: '13900000001', password: 'Demo#2026', consent: true },
    });
    expect(ok.status).toBe(200);
    expect((await b.go(`${learncity}/api/residents/me`)).status).toBe(200);
    const audit = await p.request('GET', '/api/audit-log?action=sso.link', { headers: admin });
    expect(audit.body.total).toBe(linksBefore + 1);
  });

  it('refuses a callback with a state it did not issue, and a replayed one', async () => {
    // A callback already used once: a first sign-in, which ends on the linking page.
    const first = await browser(freshAccount()).go(`${learncity}/api/auth/oidc/login`);
    expect(first.url).toBe(`${learncity}/sso/link`);
    const usedCallback = first.visited.find((u) => u.startsWith(`${learncity}/api/auth/oidc/callback?code=`))!;
    expect(usedCallback).toBeTruthy();
    const b = browser(freshAccount());
    const forged = await b.go(`${learncity}/api/auth/oidc/callback?code=abc&state=forged`);
    expect(forged.url).toBe(`${learncity}/login?sso=failed`);
    const replayed = await b.go(usedCallback);
    expect(replayed.url).toBe(`${learncity}/login?sso=failed`);
    expect((await b.go(`${learncity}/api/residents/me`)).status).toBe(401);
  });
});
