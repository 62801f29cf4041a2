// Logging in and out, sessions, password changes and SMS verification codes.
import { hash, verify } from '@node-rs/argon2';
import { randomInt } from 'node:crypto';
import type { Db } from '../../db/client';
import type { Clock } from '../../kernel/clock';
import type { AuditWriter } from '../../kernel/audit';
import type { RateLimiter } from '../../kernel/rate-limit';
import type { Actor, RequestContext, Role } from '../../kernel/actor';
import type { Locale } from '../../kernel/messages';
import { randomToken, sha256 } from '../../kernel/crypto';
import { createTaggedCache } from '../../kernel/local-cache';
import { Unauthenticated, RateLimited, invalidField, Conflict } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { PHONE_PATTERN, maskPhone } from '../../kernel/mask';
import { toHalfWidth } from '../../../contracts/identity';
import { passwordProblem, loginThrottleRules, accountThrottleKey, THROTTLE_FORGET_AFTER_MS } from './accounts.policy';
import type { AccountsRepository, UserRow } from './accounts.repository';
import type { SmsDelivery } from '../sms/index';
import { createSessionSealer, createSessionChanges, sealedActor, SEAL_CLOCK_MARGIN_MS } from './session-token';

const SMS_TTL_SECONDS = 300;
const SMS_RESEND_SECONDS = 60;
const SMS_MAX_ATTEMPTS = 5;
/** Codes that sign in or reset a password are sent only to residents' phones, but answered alike for any phone. */
const ACCOUNT_PURPOSES: ReadonlySet<SmsPurpose> = new Set(['login', 'reset']);
export type SmsPurpose = 'register' | 'sso' | 'close' | 'login' | 'reset';

export interface AuthDeps {
  db: Db;
  repo: AccountsRepository;
  clock: Clock;
  audit: AuditWriter;
  rateLimit: RateLimiter;
  /** Sends through the installation's provider within its daily allowance (modules/sms). */
  sms: SmsDelivery;
  sessionHours: number;
  /** Seals resident sessions (session-token.ts). */
  dataKey: Buffer;
}

export const hashPassword = (password: string) => hash(password);

export interface ResolvedSession {
  actor: Actor;
  locale: Locale;
}

export function createAuthService(deps: AuthDeps) {
  const { repo, clock } = deps;
  // Entries live 30 s at most, so even a lost notification is forgotten soon.
  const sessionCache = createTaggedCache<{ session: ResolvedSession; expiresAt: Date }>({ maxAgeMs: 30_000, maxEntries: 100_000 });
  const sealer = createSessionSealer(deps.dataKey);
  const sessionChanges = createSessionChanges(
    () => repo.sessionChangesSince(new Date(clock.now().getTime() - deps.sessionHours * 3600_000 - SEAL_CLOCK_MARGIN_MS)),
    () => clock.now().getTime(),
  );
  // Verifying against a real hash for unknown users keeps response times from revealing which usernames exist.
  const dummyHash = hash('not-a-real-password-0');

  async function actorOf(user: UserRow): Promise<Actor> {
    const scopes = user.kind === 'staff' ? await repo.scopesOf([user.id]) : [];
    return {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      kind: user.kind as Actor['kind'],
      role: (user.role as Role | null) ?? null,
      regionCodes: scopes.filter((s) => !s.institutionId).map((s) => s.regionCode),
      institutions: scopes.filter((s) => s.institutionId).map((s) => ({ id: s.institutionId!, regionCode: s.regionCode })),
      ...(user.mustChangePassword && { mustChangePassword: true }),
    };
  }

  /** The active resident whose phone this is (residents sign in with their phone as username); null otherwise. */
  async function activeResidentByPhone(phone: string): Promise<UserRow | null> {
    const user = await repo.userByLogin(phone);
    return user && user.kind === 'resident' && user.phone === phone && user.status === 'active' ? user : null;
  }

  /**
   * Uses up a sign-in or reset code and names the resident it proves. The code is spent before the account is
   * looked up, and a wrong code and a phone with no resident are the same error, so codes cannot probe phones.
   */
  async function residentProvenBy(phone: string, purpose: SmsPurpose, code: string): Promise<UserRow> {
    const codeId = await checkSmsCode(phone, purpose, code);
    const consumed = await deps.db.transaction((tx) => repo.consumeSmsCode(tx, codeId, clock.now()));
    const user = consumed ? await activeResidentByPhone(phone) : null;
    if (!user) throw invalidField('smsCode', 'sms.code_invalid');
    return user;
  }

  async function checkSmsCode(phone: string, purpose: string, code: string): Promise<string> {
    const row = await repo.latestSmsCode(phone, purpose);
    const isValid = row && row.expiresAt > clock.now() && row.attempts < SMS_MAX_ATTEMPTS && row.codeHash === sha256(`${phone}:${code}`);
    if (!isValid) {
      if (row) await repo.countSmsAttempt(row.id);
      throw invalidField('smsCode', 'sms.code_invalid');
    }
    return row.id;
  }

  async function startSession(user: UserRow, ip: string | null): Promise<{ token: string; expiresAt: Date }> {
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + deps.sessionHours * 3600_000);
    // A temporary password's session is not sealed: its actor must carry mustChangePassword from the database.
    const token =
      user.kind === 'resident' && !user.mustChangePassword
        ? sealer.seal({
            userId: user.id,
            username: user.username,
            displayName: user.displayName,
            homeRegionCode: (await repo.residentByUser(user.id))?.homeRegionCode ?? null,
            locale: user.locale,
            sealedAt: now.getTime(),
            expiresAt: expiresAt.getTime(),
          })
        : randomToken();
    await repo.insertSession({ tokenHash: sha256(token), userId: user.id, createdAt: now, expiresAt, ip });
    return { token, expiresAt };
  }

  function sessionsChanged(userId: string) {
    sessionCache.dropTag(userId);
    sessionChanges.changed(userId);
  }

  return {
    actorOf,
    startSession,
    purgeExpired: () => repo.deleteExpired(clock.now(), new Date(clock.now().getTime() - deps.sessionHours * 3600_000 - SEAL_CLOCK_MARGIN_MS)),

    /**
     * The actor behind a session cookie. Most requests are answered from this process's cache; the database
     * tells every process when a session ends or its user changes (logout, password change, disabling,
     * scopes, residence), and an entry never outlives its session's expiry.
     */
    async resolveSession(token: string): Promise<ResolvedSession | null> {
      const now = clock.now();
      const sealed = sealer.open(token);
      if (sealed && sealed.expiresAt > now.getTime() && sessionChanges.isTrusted(sealed))
        return { actor: sealedActor(sealed), locale: sealed.locale as Locale };
      const tokenHash = sha256(token);
      const hit = sessionCache.get(tokenHash);
      if (hit && hit.expiresAt > now) return hit.session;
      const generation = sessionCache.generation();
      const found = await repo.sessionUser(tokenHash, now);
      if (!found) return null;
      const actor = await actorOf(found.user);
      if (found.homeRegionCode) actor.homeRegionCode = found.homeRegionCode;
      actor.savedLocale = found.user.locale;
      const session = { actor, locale: found.user.locale as Locale };
      sessionCache.set(tokenHash, found.user.id, { session, expiresAt: found.expiresAt }, generation);
      return session;
    },
    /** Sealed sessions are trusted once this process hears the change feed and knows the recent changes. */
    startHearing: () => sessionChanges.reload(),
    /** A user's sessions, account, scopes or residence changed (the change feed, or this process's own write). */
    sessionsChanged,
    /** This process's cache only: after a resident's own write, whatever it changed is read again. */
    forgetSessionsOf: (userId: string) => sessionCache.dropTag(userId),
    forgetAllSessions: () => sessionCache.clear(),
    /** The change feed dropped (`listening` false) or is heard again: what was missed is unknown. */
    sessionFeedReset(listening: boolean) {
      sessionCache.clear();
      sessionChanges.reset(listening);
    },

    async login(ctx: RequestContext, typedName: string, password: string) {
      const username = toHalfWidth(typedName).trim(); // a phone typed with full-width digits
      await deps.rateLimit(`login:ip:${ctx.ip}`, 30, 60);
      const now = clock.now();
      // Everything up to the password check is the same for names that exist and names that do not:
      // the throttle keys are the typed name, and an unknown name is verified against a dummy hash.
      const throttle = loginThrottleRules(username, ctx.ip);
      const blockedUntil = await repo.loginBlockedUntil(
        throttle.map((t) => t.key),
        now,
      );
      if (blockedUntil) throw new RateLimited(Math.ceil((blockedUntil.getTime() - now.getTime()) / 1000));
      const user = await repo.userByLogin(username);
      const isRight = await verify(user?.passwordHash ?? (await dummyHash), password);
      if (!user || !isRight) {
        await repo.recordLoginFailure(throttle, now, THROTTLE_FORGET_AFTER_MS);
        throw new Unauthenticated('auth.invalid_credentials');
      }
      if (user.status !== 'active') throw new Unauthenticated('auth.disabled');
      // Only the account's holder (who typed the right temporary password) learns that it ran out.
      if (user.mustChangePassword && (!user.temporaryPasswordExpiresAt || user.temporaryPasswordExpiresAt <= now)) {
        throw new Unauthenticated('auth.temporary_password_expired');
      }
      // The address key stays: one's own account must not wash away failures against others.
      await repo.clearLoginThrottles(throttle.filter((t) => !t.key.startsWith('ip:')).map((t) => t.key));
      const actor = await actorOf(user); // before the transaction: PGlite's one connection is held inside it
      await deps.db.transaction(async (tx) => {
        await repo.updateUser(tx, user.id, { lastLoginAt: now });
        if (user.kind === 'staff') await deps.audit(tx, { ...ctx, actor }, { action: 'auth.login', entityType: 'user', entityId: user.id });
      });
      const session = await startSession(user, ctx.ip);
      return { user, ...session };
    },

    async logout(token: string) {
      await repo.deleteSession(sha256(token));
      sessionCache.dropKey(sha256(token)); // this process at once; the others on the notification
      const sealed = sealer.open(token);
      if (sealed) sessionChanges.changed(sealed.userId);
    },

    /** An active resident account, for sign-on through an identity provider; null otherwise. */
    async userForSso(userId: string): Promise<UserRow | null> {
      const user = await repo.userById(userId);
      return user && user.kind === 'resident' && user.status === 'active' ? user : null;
    },

    /**
     * A new password in place of the current one. After a staff-assisted reset the session was just opened with
     * the temporary password, so it is not asked for again; the new one must differ from it.
     */
    async changePassword(ctx: RequestContext, sessionToken: string, current: string | undefined, next: string) {
      const actor = ctx.actor;
      if (!actor) throw new Unauthenticated('auth.required');
      const user = await repo.userById(actor.userId);
      if (!user) throw new Unauthenticated('auth.required');
      if (!user.mustChangePassword && !(current && (await verify(user.passwordHash, current)))) throw invalidField('currentPassword', 'auth.wrong_password');
      const passwordKey = passwordProblem(next, [user.username, user.phone]);
      if (passwordKey) throw invalidField('newPassword', passwordKey);
      if (user.mustChangePassword && (await verify(user.passwordHash, next))) throw invalidField('newPassword', 'password.unchanged');
      const passwordHash = await hashPassword(next);
      await deps.db.transaction(async (tx) => {
        await repo.updateUser(tx, user.id, { passwordHash, mustChangePassword: false, temporaryPasswordExpiresAt: null });
        // Other devices logged in with the old password are signed out.
        await repo.deleteSessionsOf(tx, user.id, sha256(sessionToken));
        if (actor.kind === 'staff') await deps.audit(tx, ctx, { action: 'auth.password_change', entityType: 'user', entityId: user.id });
      });
      sessionsChanged(user.id);
    },

    async setLocale(ctx: RequestContext, locale: Locale) {
      if (!ctx.actor) throw new Unauthenticated('auth.required');
      await repo.updateUser(deps.db, ctx.actor.userId, { locale });
      sessionsChanged(ctx.actor.userId);
    },

    /** Whether this is the user's current password (re-authentication before closing an account). */
    async isCurrentPassword(userId: string, password: string): Promise<boolean> {
      const user = await repo.userById(userId);
      return !!user && user.status === 'active' && (await verify(user.passwordHash, password));
    },

    async sendSmsCode(ctx: RequestContext, phone: string, purpose: SmsPurpose) {
      if (!PHONE_PATTERN.test(phone)) throw invalidField('phone', 'phone.invalid');
      await deps.rateLimit(`sms:ip:${ctx.ip}`, 20, 3600);
      await deps.rateLimit(`sms:phone:${phone}`, 10, 86400);
      const now = clock.now();
      const previous = await repo.latestSmsCode(phone, purpose);
      if (previous) {
        const wait = Math.ceil(SMS_RESEND_SECONDS - (now.getTime() - previous.createdAt.getTime()) / 1000);
        if (wait > 0) throw new Conflict('sms.too_soon', { seconds: wait });
      }
      // An allowance used up refuses every phone alike, before anything is written.
      await deps.sms.assertBudget(`code.${purpose}`);
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      // A code row is written for every phone, so the resend wait answers alike whether or not an account exists;
      // it goes out only to a resident's phone (no messages to strangers who never signed up).
      const codeId = newId();
      await repo.insertSmsCode({
        id: codeId,
        phone,
        purpose,
        codeHash: sha256(`${phone}:${code}`),
        createdAt: now,
        expiresAt: new Date(now.getTime() + SMS_TTL_SECONDS * 1000),
      });
      const isForAccount = ACCOUNT_PURPOSES.has(purpose);
      if (!isForAccount || (await activeResidentByPhone(phone))) {
        const use = purpose === 'reset' ? '重设密码' : purpose === 'login' ? '登录' : '验证';
        const minutes = String(SMS_TTL_SECONDS / 60);
        try {
          await deps.sms.send(phone, {
            kind: `code.${purpose}`,
            params: { code, minutes },
            text: `${code} 是您的学城${use}验证码，${minutes} 分钟内有效，请勿告诉他人。Your learncity code.`,
          });
        } catch (e) {
          // A code that never arrived must not hold the resend wait.
          await repo.deleteSmsCode(codeId);
          throw e;
        }
      }
      return { sentTo: maskPhone(phone), expiresInSeconds: SMS_TTL_SECONDS, resendAfterSeconds: SMS_RESEND_SECONDS };
    },

    /**
     * The active resident who owns this phone, proven by a code sent to it (purpose 'sso': linking a
     * sign-on account); the code is used up. A wrong code, or no resident with this phone, is the same error.
     */
    residentByPhoneCode: (phone: string, code: string) => residentProvenBy(phone, 'sso', code),

    /** Checks a code without using it up; the caller consumes it inside its own transaction. */
    checkSmsCode,

    /** Tells the account's phone that its password was reset at a desk, so a reset the owner did not ask for is noticed. */
    async tellDeskReset(phone: string | null) {
      if (!phone) return;
      // The reset has happened and the staff member must still hand over the password: a notice that could
      // not go out (allowance used up, provider down) is counted as such by the delivery, not an error here.
      await deps.sms
        .send(phone, {
          kind: 'account.desk_reset',
          params: {},
          text: '您的学城密码已由社区工作人员重设，所有设备已退出登录。如非本人办理，请尽快联系社区。Your learncity password was reset at your community.',
        })
        .catch(() => undefined);
    },

    /** Signing in with a code sent to the resident's phone instead of the password. */
    async loginBySms(ctx: RequestContext, phone: string, code: string) {
      await deps.rateLimit(`sms-login:ip:${ctx.ip}`, 30, 600);
      const user = await residentProvenBy(phone, 'login', code);
      await repo.updateUser(deps.db, user.id, { lastLoginAt: clock.now() });
      const session = await startSession(user, ctx.ip);
      return { user, ...session };
    },

    /**
     * A forgotten password replaced after proving the phone by a code. Every other session of the account ends
     * (deleting them notifies every process's session cache), and the resident is signed in on this device.
     */
    async resetPasswordBySms(ctx: RequestContext, phone: string, code: string, next: string) {
      await deps.rateLimit(`sms-login:ip:${ctx.ip}`, 30, 600);
      // The password is judged before the code is spent, so a too-weak choice does not cost a new code.
      const passwordKey = passwordProblem(next, [phone]);
      if (passwordKey) throw invalidField('newPassword', passwordKey);
      const user = await residentProvenBy(phone, 'reset', code);
      const passwordHash = await hashPassword(next);
      const now = clock.now();
      await deps.db.transaction(async (tx) => {
        await repo.updateUser(tx, user.id, { passwordHash, mustChangePassword: false, temporaryPasswordExpiresAt: null, lastLoginAt: now });
        await repo.clearAccountThrottles(tx, accountThrottleKey(user.username));
        await repo.deleteSessionsOf(tx, user.id);
        await deps.audit(tx, ctx, { action: 'auth.password_reset_by_sms', entityType: 'user', entityId: user.id });
      });
      sessionsChanged(user.id); // this process at once (the next request may come before the notification)
      const fresh = (await repo.userById(user.id))!;
      const session = await startSession(fresh, ctx.ip);
      return { user: fresh, ...session };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
