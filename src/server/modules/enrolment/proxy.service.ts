// Proxy enrolment (代报): a resident grants someone the right to enrol for them, or consents to a request
// found by their phone; either side revokes. Each action for someone else checks the grant (enrolment.core.ts).
import { isStaff, requireSignedIn, type RequestContext } from '../../kernel/actor';
import { Conflict, Forbidden, NotFound, RateLimited, invalidField } from '../../kernel/errors';
import { newId, isUuid } from '../../kernel/ids';
import { uniqueViolation } from '../../kernel/db-errors';
import { maskPhone } from '../../kernel/mask';
import { canStaffAskProxyOf, canStaffBeProxyFor } from './enrolment.policy';
import type { GrantRow } from './enrolment.repository';
import type { EnrolmentCore } from './enrolment.core';
import type { DbOrTx } from '../../db/client';

// Proxy requests and grants: how many a person may send a day, how many may name one phone, and how many
// texts one resident may receive about them (beyond that the request still waits in the app).
const PROXY_REQUESTS_PER_DAY = 10;
const PROXY_REQUESTS_PER_TARGET_PER_DAY = 5;
const PROXY_SMS_PER_TARGET_PER_DAY = 3;
const PHONE_LIKE = /^1[3-9]\d{9}$/;

/** `王秀英` → `王**`: enough to recognise a relative, not to learn a stranger's name. */
const maskName = (name: string) => (name ? name.slice(0, 1) + '*'.repeat(Math.max(1, [...name].length - 1)) : '');

export function createProxyService(core: EnrolmentCore) {
  const { deps, repo, clock, notify } = core;

  /** True while the counter is within the limit; unlike `rateLimit`, going over only says no. */
  async function withinLimit(bucket: string, limit: number, windowSeconds: number): Promise<boolean> {
    try {
      await deps.rateLimit(bucket, limit, windowSeconds);
      return true;
    } catch (e) {
      if (e instanceof RateLimited) return false;
      throw e;
    }
  }

  /**
   * Stores a new grant (consented now when it names how) and, in the same transaction, what records it. A live
   * grant between the two written meanwhile (a unique index) is the same request gone through twice: the
   * caller answers as it would have, and nothing more is stored.
   */
  async function storeGrant(
    grant: { grantorId: string; granteeId: string; status: 'pending' | 'active'; relation?: string; requestedBy: string; consentMethod?: 'in_app' },
    record: (tx: DbOrTx, id: string) => Promise<void>,
  ) {
    const id = newId();
    const now = clock.now();
    try {
      await deps.db.transaction(async (tx) => {
        await repo.insertGrant(tx, {
          id,
          ...grant,
          relation: grant.relation?.trim() || null,
          ...(grant.consentMethod && { consentedAt: now }),
          createdAt: now,
        });
        await record(tx, id);
      });
    } catch (e) {
      if (!uniqueViolation(e)) throw e;
    }
  }

  return {
    /**
     * Someone (a family member or community worker) asks a resident, found by phone, for the right to enrol
     * for them; the resident consents in the app. The answer is the same whether or not the number belongs
     * to anyone the caller may ask (and whether a request is already waiting), so the form cannot turn a
     * phone number into a name; the requester sees the grant, with the name, only once its owner agrees.
     */
    async requestGrant(ctx: RequestContext, input: { grantorPhone: string; relation?: string }) {
      const actor = requireSignedIn(ctx);
      const phone = input.grantorPhone.trim();
      const answer = { status: 'requested' as const, grantorPhone: maskPhone(phone) };
      const grantor = await deps.residents.findAccount(phone);
      if (grantor?.userId === actor.userId) throw invalidField('grantorPhone', 'proxy.self');
      // Counted before the number is looked at, so a registered and an unknown number cost the same.
      await deps.rateLimit(`proxy-request:user:${actor.userId}`, PROXY_REQUESTS_PER_DAY, 86_400);
      await deps.rateLimit(`proxy-request:phone:${phone}`, PROXY_REQUESTS_PER_TARGET_PER_DAY, 86_400);
      if (!grantor || grantor.kind !== 'resident') return answer;
      // A community worker asks only residents living in their regions; others get the same answer and nothing happens.
      if (isStaff(actor) && !canStaffAskProxyOf(actor, await deps.residents.homeRegionOf(grantor.userId))) return answer;
      if (await repo.liveGrant(grantor.userId, actor.userId)) return answer;
      // However often people ask, the same phone gets a few texts a day; further requests still wait in the app.
      const sms = await withinLimit(`proxy-request:sms:${grantor.userId}`, PROXY_SMS_PER_TARGET_PER_DAY, 86_400);
      await storeGrant(
        { grantorId: grantor.userId, granteeId: actor.userId, status: 'pending', relation: input.relation, requestedBy: actor.userId },
        async (tx, id) => {
          await deps.audit(tx, ctx, { action: 'proxy.request', entityType: 'proxy_grant', entityId: id, details: { grantorId: grantor.userId, sms } });
          await notify(tx, grantor.userId, 'notice.proxy_request', { proxy: actor.displayName }, { link: '/proxy', sms });
        },
      );
      return answer;
    },

    /**
     * A resident grants someone the right directly: their own action is the consent. The grantee is a
     * resident (by phone) or a worker serving the grantor's home region (by username); anyone else, like an
     * unknown login, gets the same answer and nothing is stored, so the form confirms no account.
     */
    async grant(ctx: RequestContext, input: { granteeLogin: string; relation?: string }) {
      const actor = requireSignedIn(ctx);
      if (actor.kind !== 'resident') throw new Forbidden('enrolment.residents_only');
      const login = input.granteeLogin.trim();
      const answer = { status: 'granted' as const, granteeLogin: PHONE_LIKE.test(login) ? maskPhone(login) : login.slice(0, 1) + '***' };
      const grantee = await deps.residents.findAccount(login);
      if (grantee?.userId === actor.userId) throw invalidField('granteeLogin', 'proxy.self');
      await deps.rateLimit(`proxy-grant:user:${actor.userId}`, PROXY_REQUESTS_PER_DAY, 86_400);
      if (!grantee) return answer;
      if (grantee.kind === 'staff' && !canStaffBeProxyFor(grantee, await deps.residents.homeRegionOf(actor.userId))) return answer;
      if (await repo.liveGrant(actor.userId, grantee.userId)) return answer;
      const grant = {
        grantorId: actor.userId,
        granteeId: grantee.userId,
        status: 'active',
        relation: input.relation,
        requestedBy: actor.userId,
        consentMethod: 'in_app',
      } as const;
      await storeGrant(grant, async (tx, id) => {
        await deps.audit(tx, ctx, {
          action: 'proxy.grant',
          entityType: 'proxy_grant',
          entityId: id,
          details: { granteeId: grantee.userId, consentMethod: 'in_app' },
        });
        await notify(tx, grantee.userId, 'notice.proxy_granted', { grantor: actor.displayName }, { link: '/proxy' });
      });
      return answer;
    },

    /** The grantor agrees to a pending request; the consent is recorded with its time. */
    async consent(ctx: RequestContext, id: string) {
      const actor = requireSignedIn(ctx);
      const grant = isUuid(id) ? await repo.grant(id) : null;
      if (!grant || (grant.grantorId !== actor.userId && grant.granteeId !== actor.userId)) throw new NotFound('proxy.not_found');
      if (grant.grantorId !== actor.userId) throw new Forbidden('proxy.grantor_only');
      const now = clock.now();
      const updated = await deps.db.transaction(async (tx) => {
        const done = await repo.transitionGrant(tx, grant.id, ['pending'], { status: 'active', consentMethod: 'in_app', consentedAt: now });
        if (!done) throw new Conflict('proxy.not_pending');
        await deps.audit(tx, ctx, {
          action: 'proxy.consent',
          entityType: 'proxy_grant',
          entityId: grant.id,
          details: { granteeId: grant.granteeId, consentMethod: 'in_app' },
        });
        await notify(tx, grant.granteeId, 'notice.proxy_granted', { grantor: actor.displayName }, { link: '/proxy' });
        return done;
      });
      return presentGrant(updated, actor.userId);
    },

    /** Either side ends a grant (or a pending request); later actions by the grantee are refused. */
    async revoke(ctx: RequestContext, id: string) {
      const actor = requireSignedIn(ctx);
      const grant = isUuid(id) ? await repo.grant(id) : null;
      if (!grant || (grant.grantorId !== actor.userId && grant.granteeId !== actor.userId)) throw new NotFound('proxy.not_found');
      const now = clock.now();
      const updated = await deps.db.transaction(async (tx) => {
        const done = await repo.transitionGrant(tx, grant.id, ['pending', 'active'], { status: 'revoked', revokedAt: now, revokedBy: actor.userId });
        if (!done) throw new Conflict('proxy.not_active');
        await deps.audit(tx, ctx, {
          action: 'proxy.revoke',
          entityType: 'proxy_grant',
          entityId: grant.id,
          details: { grantorId: grant.grantorId, granteeId: grant.granteeId },
        });
        const other = actor.userId === grant.grantorId ? grant.granteeId : grant.grantorId;
        await notify(tx, other, 'notice.proxy_revoked', { by: actor.displayName }, { link: '/proxy' });
        return done;
      });
      return presentGrant(updated, actor.userId);
    },

    /** Grants I gave (and requests waiting for my consent), and people I may act for. */
    async grants(ctx: RequestContext) {
      const actor = requireSignedIn(ctx);
      // A request I made that its addressee never agreed to stays out of my list: its presence, or a name
      // beside it, would tell me whom the number I typed belongs to.
      const rows = (await repo.grantsOf(actor.userId)).filter((g) => !(g.granteeId === actor.userId && g.requestedBy === actor.userId && !g.consentedAt));
      const presented = await presentGrants(rows, actor.userId);
      return { asGrantor: presented.filter((g) => g.grantorId === actor.userId), asGrantee: presented.filter((g) => g.granteeId === actor.userId) };
    },
  };

  async function presentGrants(rows: GrantRow[], me: string) {
    const people = await deps.residents.contactsOf(rows.flatMap((g) => [g.grantorId, g.granteeId]));
    return rows.map((g) => {
      const grantor = people.get(g.grantorId);
      const grantee = people.get(g.granteeId);
      return {
        id: g.id,
        status: g.status,
        relation: g.relation,
        grantorId: g.grantorId,
        granteeId: g.granteeId,
        grantor: { name: grantor?.displayName ?? '', phone: maskPhone(grantor?.phone) },
        // A grantee named by the grantor never agreed to be identified to them: the surname is enough to recognise family.
        grantee: {
          name: g.grantorId === me && g.requestedBy === me ? maskName(grantee?.displayName ?? '') : (grantee?.displayName ?? ''),
          phone: maskPhone(grantee?.phone),
          kind: grantee?.kind ?? 'resident',
        },
        requestedByMe: g.requestedBy === me,
        consentMethod: g.consentMethod,
        consentedAt: g.consentedAt?.toISOString() ?? null,
        revokedAt: g.revokedAt?.toISOString() ?? null,
        createdAt: g.createdAt.toISOString(),
      };
    });
  }

  async function presentGrant(row: GrantRow, me: string) {
    return (await presentGrants([row], me))[0];
  }
}
