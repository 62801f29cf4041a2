// Single sign-on with an OpenID Connect identity provider (a government identity service): authorization
// code with PKCE, discovery, state and nonce checked, the ID token verified by openid-client. A provider
// account seen for the first time is linked only when the resident confirms it is theirs — by a code sent
// to the phone of their learncity account, by logging in once, or by registering — and consents.
import type { Configuration } from 'openid-client';
import type { Db } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import type { RequestContext } from '../../kernel/actor';
import { randomToken, sha256 } from '../../kernel/crypto';
import { Forbidden, NotFound, Unauthenticated, invalidField } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { lazyImport } from '../../kernel/lazy-import';
import { maskPhone } from '../../kernel/mask';
import type { AuthService } from '../accounts/index';
import type { SsoRepository } from './sso.repository';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  /** Where the provider sends the browser back; default `<request origin>/api/auth/oidc/callback`. */
  redirectUri?: string;
}

/** openid-client, loaded by the first sign-on (see kernel/lazy-import.ts). */
const loadOidc = lazyImport(() => import('openid-client'));

const FLOW_MINUTES = 10;
const PENDING_MINUTES = 15;

export class SsoFailed extends Error {}

/** Plain HTTP is allowed only for a provider on this machine (development and tests). */
const isLoopback = (url: string) => ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);

export function createSsoService(deps: { db: Db; repo: SsoRepository; clock: Clock; audit: AuditWriter; auth: AuthService; settings: OidcSettings | null }) {
  const { repo, clock, settings } = deps;
  let discovered: Promise<Configuration> | null = null;

  async function configuration(): Promise<Configuration> {
    if (!settings) throw new NotFound('sso.not_configured');
    const oidc = await loadOidc();
    discovered ??= oidc
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        undefined,
        oidc.ClientSecretBasic(settings.clientSecret),
        isLoopback(settings.issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((e) => {
        discovered = null;
        throw e;
      });
    return discovered;
  }

  async function pendingOf(token: string | undefined) {
    const row = token ? await repo.pending(sha256(token)) : null;
    if (!row || row.expiresAt <= clock.now() || !row.issuer || !row.subject) throw new NotFound('sso.no_pending');
    return row;
  }

  return {
    isEnabled: () => settings !== null,

    /** The provider's authorization URL for a new sign-on; state, nonce and the PKCE verifier wait in the database. */
    async start(redirectUri: string, returnTo: string | null): Promise<URL> {
      const config = await configuration();
      const oidc = await loadOidc();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const now = clock.now();
      await repo.insertFlow({
        id: newId(),
        stateHash: sha256(state),
        nonce,
        codeVerifier,
        returnTo,
        createdAt: now,
        expiresAt: new Date(now.getTime() + FLOW_MINUTES * 60_000),
      });
      return oidc.buildAuthorizationUrl(config, {
        redirect_uri: settings!.redirectUri ?? redirectUri,
        scope: settings!.scopes,
        state,
        nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      });
    },

    /**
     * The provider's answer. A linked account gets a session; otherwise a pending link (its token goes in a
     * short-lived cookie) waits for the resident's confirmation. Any failed check is SsoFailed.
     */
    async callback(ctx: RequestContext, currentUrl: URL, redirectUri: string) {
      const config = await configuration();
      const oidc = await loadOidc();
      const state = currentUrl.searchParams.get('state');
      const flow = state ? await repo.takeFlow(sha256(state)) : null;
      if (!flow || flow.expiresAt <= clock.now()) throw new SsoFailed('unknown or expired state');
      const callbackUrl = new URL(settings!.redirectUri ?? redirectUri);
      callbackUrl.search = currentUrl.search;
      let claims: Record<string, unknown>;
      try {
        const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: flow.codeVerifier,
          expectedState: state!,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        claims = { ...tokens.claims()! };
        // Name and phone may come only from the userinfo endpoint; the ID token's subject must match it.
        if (config.serverMetadata().userinfo_endpoint && tokens.access_token) {
          const info = await oidc.fetchUserInfo(config, tokens.access_token, String(claims.sub)).catch(() => null);
          if (info) claims = { ...info, ...claims };
        }
      } catch (e) {
        throw new SsoFailed((e as Error).message);
      }
      const issuer = String(claims.iss);
      const subject = String(claims.sub);
      const linked = await repo.identity(issuer, subject);
      if (linked) {
        const user = await deps.auth.userForSso(linked.userId);
        if (!user) throw new SsoFailed('the linked account is disabled');
        await repo.touchIdentity(issuer, subject, clock.now());
        return { kind: 'session' as const, session: await deps.auth.startSession(user, ctx.ip), returnTo: flow.returnTo };
      }
      const token = randomToken();
      const now = clock.now();
      await repo.insertPending({
        id: newId(),
        stateHash: sha256(`pending:${token}`),
        nonce: '',
        codeVerifier: '',
        returnTo: flow.returnTo,
        pendingHash: sha256(token),
        issuer,
        subject,
        claims: { name: claims.name ?? null, phone_number: claims.phone_number ?? null, phone_number_verified: claims.phone_number_verified ?? null },
        createdAt: now,
        expiresAt: new Date(now.getTime() + PENDING_MINUTES * 60_000),
      });
      return { kind: 'pending' as const, token, expiresInSeconds: PENDING_MINUTES * 60 };
    },

    /** What the resident sees on the linking page: who the provider says they are. */
    async pending(token: string | undefined) {
      const row = await pendingOf(token);
      const phone = typeof row.claims?.phone_number === 'string' ? row.claims.phone_number.replace(/^\+86/, '') : null;
      return {
        name: typeof row.claims?.name === 'string' ? row.claims.name : null,
        phone: phone ? maskPhone(phone) : null,
        expiresAt: row.expiresAt.toISOString(),
      };
    },

    /** Sends the code that proves the resident owns the learncity account with this phone. */
    async sendLinkCode(ctx: RequestContext, token: string | undefined, phone: string) {
      await pendingOf(token);
      return deps.auth.sendSmsCode(ctx, phone, 'sso');
    },

    /**
     * Links the pending provider account to a resident, with their consent: the one proven by an SMS code
     * or a password, or the resident logged in now (after logging in or registering). Returns a session for
     * the first two.
     */
    async link(
      ctx: RequestContext,
      token: string | undefined,
      input:
        | { method: 'sms'; phone: string; smsCode: string; consent: boolean }
        | { method: 'password'; username: string; password: string; consent: boolean }
        | { method: 'current'; consent: boolean },
    ) {
      const row = await pendingOf(token);
      if (input.consent !== true) throw invalidField('consent', 'identity.consent_required');
      let user;
      let session = null;
      if (input.method === 'sms') {
        user = await deps.auth.residentByPhoneCode(input.phone, input.smsCode);
      } else if (input.method === 'password') {
        const login = await deps.auth.login(ctx, input.username, input.password);
        if (login.user.kind !== 'resident') {
          await deps.auth.logout(login.token);
          throw new Forbidden('sso.residents_only');
        }
        user = login.user;
        session = { token: login.token, expiresAt: login.expiresAt };
      } else {
        if (!ctx.actor) throw new Unauthenticated('auth.required');
        if (ctx.actor.kind !== 'resident') throw new Forbidden('sso.residents_only');
        user = await deps.auth.userForSso(ctx.actor.userId);
        if (!user) throw new Unauthenticated('auth.required');
      }
      const actor = await deps.auth.actorOf(user);
      await deps.db.transaction(async (tx) => {
        await repo.insertIdentity(tx, { issuer: row.issuer!, subject: row.subject!, userId: user.id, consentedAt: clock.now(), lastLoginAt: clock.now() });
        await repo.deleteFlow(tx, row.id);
        await deps.audit(
          tx,
          { ...ctx, actor },
          { action: 'sso.link', entityType: 'user', entityId: user.id, details: { issuer: row.issuer, method: input.method } },
        );
      });
      if (input.method === 'sms') session = await deps.auth.startSession(user, ctx.ip);
      return { session, returnTo: row.returnTo };
    },

    purgeExpired: () => repo.purgeExpired(clock.now()),
  };
}

export type SsoService = ReturnType<typeof createSsoService>;
