// A resident links identifiers (their verified phone, an e-mail address they verify with a code) so that
// partner platforms' statements under them count as theirs. Consent is given by the resident, explicitly,
// once for every partner platform (the list is shown to them), recorded with its time, and withdrawn by
// unlinking. Only the resident acts here: staff can never link on a resident's behalf.
import { randomInt } from 'node:crypto';
import type { Db } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import type { RateLimiter } from '../../kernel/rate-limit';
import { requireResident, type RequestContext } from '../../kernel/actor';
import { sha256 } from '../../kernel/crypto';
import { Conflict, NotFound, invalidField } from '../../kernel/errors';
import { isUuid, newId } from '../../kernel/ids';
import { maskPhone } from '../../kernel/mask';
import type { ResidentsService } from '../accounts/index';
import type { PartnersService } from '../partners/index';
import { identityActorKeys, type XapiService } from '../xapi/index';
import type { EmailSender } from './email';
import type { IdentitiesRepository, IdentityLinkRow } from './identities.repository';

const CODE_TTL_SECONDS = 900;
const CODE_RESEND_SECONDS = 60;
const CODE_MAX_ATTEMPTS = 5;

export function maskEmail(email: string): string {
  const [local, domain] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

export function createIdentitiesService(deps: {
  db: Db;
  repo: IdentitiesRepository;
  clock: Clock;
  audit: AuditWriter;
  rateLimit: RateLimiter;
  email: EmailSender;
  residents: ResidentsService;
  partners: PartnersService;
  xapi: XapiService;
  homePage: string;
}) {
  const { repo, clock } = deps;

  const presentLink = (l: IdentityLinkRow) => ({
    id: l.id,
    kind: l.kind as 'phone' | 'email',
    value: l.kind === 'phone' ? maskPhone(l.value) : maskEmail(l.value),
    consentedAt: l.consentedAt.toISOString(),
  });

  async function link(
    ctx: RequestContext,
    kind: 'phone' | 'email',
    value: string,
    before?: (tx: Parameters<Parameters<Db['transaction']>[0]>[0]) => Promise<void>,
  ) {
    const actor = requireResident(ctx);
    const profile = (await deps.residents.profiles([actor.userId])).get(actor.userId);
    if (!profile) throw new NotFound('resident.not_found');
    const id = newId();
    const field = kind === 'phone' ? 'phone' : 'email';
    await deps.db.transaction(async (tx) => {
      if (before) await before(tx);
      const existing = await repo.activeLink(tx, kind, value);
      if (existing?.residentId === actor.userId) throw new Conflict('identity.already_linked', {}, { fields: { [field]: 'identity.already_linked' } });
      if (existing) throw new Conflict('identity.taken', {}, { fields: { [field]: 'identity.taken' } });
      const taken = await deps.xapi.linkActors(tx, {
        residentId: actor.userId,
        regionCode: profile.homeRegionCode,
        keys: identityActorKeys(kind, value),
        source: kind,
      });
      if (taken.length) throw new Conflict('identity.taken', {}, { fields: { [field]: 'identity.taken' } });
      await repo.insertLink(tx, { id, residentId: actor.userId, kind, value, consentedAt: clock.now() });
      await deps.audit(tx, ctx, {
        action: 'identity.link',
        entityType: 'identity_link',
        entityId: id,
        regionCode: profile.homeRegionCode,
        details: { kind, consent: 'all_partners' },
      });
    });
    return presentLink((await repo.activeLinks(actor.userId)).find((l) => l.id === id)!);
  }

  return {
    /** What the resident has linked, and which partner platforms their consent covers. */
    async mine(ctx: RequestContext) {
      const actor = requireResident(ctx);
      const [links, partners, phone] = await Promise.all([
        repo.activeLinks(actor.userId),
        deps.partners.senders(),
        deps.residents.verifiedPhoneOf(actor.userId),
      ]);
      return {
        links: links.map(presentLink),
        verifiedPhone: phone ? maskPhone(phone) : null,
        partners: partners.map((p) => ({ name: p.name })),
        /** Always usable, without linking anything: the platform's own account form. */
        account: { homePage: deps.homePage, name: actor.userId },
      };
    },

    /** Links the phone the resident verified at registration. */
    async linkPhone(ctx: RequestContext, input: { consent: boolean }) {
      const actor = requireResident(ctx);
      if (input.consent !== true) throw invalidField('consent', 'identity.consent_required');
      const phone = await deps.residents.verifiedPhoneOf(actor.userId);
      if (!phone) throw invalidField('phone', 'identity.no_verified_phone');
      return link(ctx, 'phone', phone);
    },

    async sendEmailCode(ctx: RequestContext, rawEmail: string) {
      const actor = requireResident(ctx);
      const email = rawEmail.trim().toLowerCase();
      await deps.rateLimit(`email:resident:${actor.userId}`, 10, 86400);
      const previous = await repo.latestEmailCode(actor.userId, email);
      const now = clock.now();
      if (previous) {
        const wait = Math.ceil(CODE_RESEND_SECONDS - (now.getTime() - previous.createdAt.getTime()) / 1000);
        if (wait > 0) throw new Conflict('sms.too_soon', { seconds: wait });
      }
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      await repo.insertEmailCode({
        id: newId(),
        residentId: actor.userId,
        email,
        codeHash: sha256(`${email}:${code}`),
        createdAt: now,
        expiresAt: new Date(now.getTime() + CODE_TTL_SECONDS * 1000),
      });
      await deps.email.send(
        email,
        '学城邮箱验证码 / learncity e-mail code',
        `${code} 是您的学城邮箱验证码，${CODE_TTL_SECONDS / 60} 分钟内有效。Your learncity code: ${code}.`,
      );
      return { sentTo: maskEmail(email), expiresInSeconds: CODE_TTL_SECONDS, resendAfterSeconds: CODE_RESEND_SECONDS };
    },

    async linkEmail(ctx: RequestContext, input: { email: string; code: string; consent: boolean }) {
      const actor = requireResident(ctx);
      if (input.consent !== true) throw invalidField('consent', 'identity.consent_required');
      const email = input.email.trim().toLowerCase();
      const row = await repo.latestEmailCode(actor.userId, email);
      const isValid =
        row && !row.consumedAt && row.expiresAt > clock.now() && row.attempts < CODE_MAX_ATTEMPTS && row.codeHash === sha256(`${email}:${input.code}`);
      if (!isValid) {
        if (row) await repo.countEmailAttempt(row.id);
        throw invalidField('code', 'sms.code_invalid');
      }
      return link(ctx, 'email', email, async (tx) => {
        if (!(await repo.consumeEmailCode(tx, row.id, clock.now()))) throw invalidField('code', 'sms.code_invalid');
      });
    },

    /** Withdraws consent for this identifier: later statements under it no longer count; what was recorded stays. */
    async unlink(ctx: RequestContext, id: string) {
      const actor = requireResident(ctx);
      const link = isUuid(id) ? (await repo.activeLinks(actor.userId)).find((l) => l.id === id) : undefined;
      if (!link) throw new NotFound('identity.not_found');
      const profile = (await deps.residents.profiles([actor.userId])).get(actor.userId);
      await deps.db.transaction(async (tx) => {
        await repo.revoke(tx, id, clock.now());
        await deps.xapi.unlinkActors(tx, actor.userId, identityActorKeys(link.kind as 'phone' | 'email', link.value));
        await deps.audit(tx, ctx, {
          action: 'identity.unlink',
          entityType: 'identity_link',
          entityId: id,
          regionCode: profile?.homeRegionCode ?? null,
          details: { kind: link.kind },
        });
      });
    },
  };
}

export type IdentitiesService = ReturnType<typeof createIdentitiesService>;
