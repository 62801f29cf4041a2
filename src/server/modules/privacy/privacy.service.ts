// Personal-data rights (PIPL arts. 44–47): a resident sees and downloads everything held about them,
// withdraws each consent, and closes their account. A closure keeps only what the law requires (the credit
// ledger, issued certificates, the audit log), marked, and erases or anonymises the rest in one transaction.
import type { Db } from '../../db/client';
import type { Clock } from '../../kernel/clock';
import type { AuditWriter } from '../../kernel/audit';
import type { RateLimiter } from '../../kernel/rate-limit';
import { requireResident, type RequestContext } from '../../kernel/actor';
import { Conflict, NotFound, invalidField } from '../../kernel/errors';
import { sha256 } from '../../kernel/crypto';
import { isUuid } from '../../kernel/ids';
import { maskPhone } from '../../kernel/mask';
import { PRIVACY_NOTICE_VERSION, type ConsentItem } from '../../../contracts/privacy';
import type { AuthService, ResidentsService } from '../accounts/index';
import { maskEmail, type IdentitiesService } from '../identities/index';
import type { EnrolmentService } from '../enrolment/index';
import type { FilesService } from '../files/index';
import type { PrivacyRepository } from './privacy.repository';

/** Why each kept category is kept, and for how long (shown in the record of processing at /privacy). */
const RETENTION = {
  creditLedger: { basis: 'statutory_learning_record', keptUntil: 'permanent' },
  certificates: { basis: 'issued_certificate_verifiability', keptUntil: 'certificate_validity' },
  auditLog: { basis: 'network_security_audit', keptUntil: 'at_least_6_months' },
} as const;

const ssoConsentId = (issuer: string, subject: string) => sha256(`${issuer}\n${subject}`).slice(0, 32);
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
// Whatever mask is stored, the file shows only the first 3 and last 4 characters.
const showFirst3Last4 = (masked: string) => (masked.length > 7 ? masked.slice(0, 3) + '*'.repeat(masked.length - 7) + masked.slice(-4) : masked);

export function createPrivacyService(deps: {
  db: Db;
  repo: PrivacyRepository;
  clock: Clock;
  audit: AuditWriter;
  rateLimit: RateLimiter;
  auth: AuthService;
  residents: ResidentsService;
  identities: IdentitiesService;
  enrolment: EnrolmentService;
  files: FilesService;
}) {
  const { repo, clock } = deps;

  async function consentsOf(userId: string, h?: Awaited<ReturnType<PrivacyRepository['holdingsOf']>>): Promise<ConsentItem[]> {
    const held = h ?? (await repo.holdingsOf(userId));
    const granteeIds = held.proxyGrants.filter((g) => g.grantorId === userId).map((g) => g.granteeId);
    const contacts = await deps.residents.contactsOf(granteeIds);
    return [
      ...held.consents.map((c) => ({
        kind: 'privacy_notice' as const,
        id: c.id,
        subject: c.noticeVersion,
        givenAt: iso(c.givenAt),
        withdrawnAt: iso(c.withdrawnAt),
        isActive: !c.withdrawnAt,
        isWithdrawable: false,
      })),
      ...held.identityLinks.map((l) => ({
        kind: 'identity_link' as const,
        id: l.id,
        subject: (l.kind === 'phone' ? maskPhone(l.value) : maskEmail(l.value)) ?? '',
        givenAt: iso(l.consentedAt),
        withdrawnAt: iso(l.revokedAt),
        isActive: !l.revokedAt,
        isWithdrawable: !l.revokedAt,
      })),
      ...held.ssoIdentities.map((s) => ({
        kind: 'sso_identity' as const,
        id: ssoConsentId(s.issuer, s.subject),
        subject: new URL(s.issuer).host,
        givenAt: iso(s.consentedAt),
        withdrawnAt: null,
        isActive: true,
        isWithdrawable: true,
      })),
      // Only grants the resident consented to (as the grantor) are their consents; requests still waiting are not yet.
      ...held.proxyGrants
        .filter((g) => g.grantorId === userId && g.consentedAt)
        .map((g) => ({
          kind: 'proxy_grant' as const,
          id: g.id,
          subject: contacts.get(g.granteeId)?.displayName ?? '',
          givenAt: iso(g.consentedAt),
          withdrawnAt: iso(g.revokedAt),
          isActive: g.status === 'active',
          isWithdrawable: g.status === 'active',
        })),
    ];
  }

  return {
    /** Everything the platform holds about the caller, as one JSON document; the download is audited. */
    async myData(ctx: RequestContext) {
      const actor = requireResident(ctx);
      const h = await repo.holdingsOf(actor.userId);
      if (!h.user || !h.resident) throw new NotFound('resident.not_found');
      const { passwordHash: _p, searchText: _s, ...account } = h.user;
      const { idNumberEncrypted: _e, idNumberHash: _h, idNumberMasked, ...resident } = h.resident;
      const consents = await consentsOf(actor.userId, h);
      await deps.audit(deps.db, ctx, { action: 'resident.data_export', entityType: 'resident', entityId: actor.userId, regionCode: h.resident.homeRegionCode });
      return {
        format: 'learncity.personal-data/1',
        generatedAt: clock.now().toISOString(),
        privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
        account,
        // The ID number stays masked here: a downloaded file travels further than the screen. Only the birth
        // year is given beside it, so the two never add up to the number (see API conventions).
        profile: { ...resident, idNumber: showFirst3Last4(idNumberMasked) },
        consents,
        linkedIdentities: h.identityLinks,
        ssoIdentities: h.ssoIdentities.map((s) => ({ ...s, consentId: ssoConsentId(s.issuer, s.subject) })),
        idNumberReads: h.idNumberReads.map((r) => ({ at: r.at.toISOString(), by: r.actorName, regionCode: r.regionCode })),
        sessions: h.sessions,
        enrolments: h.enrolments,
        proxyGrants: h.proxyGrants,
        archive: h.learningRecords,
        credits: {
          accounts: h.creditAccounts,
          entries: h.creditEntries,
          recognitionApplications: h.recognitionApplications,
          recognitionSteps: h.recognitionSteps,
          conversionApplications: h.conversionApplications,
        },
        certificates: h.credentials,
        points: h.points,
        attendance: h.attendance,
        ratings: h.ratings,
        lottery: { applications: h.lotteryApplications, outcomes: h.lotteryOutcomes },
        teams: h.teams,
        onlineLearning: h.onlineLearning,
        notifications: h.notifications,
        uploads: h.uploads,
        awards: { nominations: h.nominations, objections: h.objections },
      };
    },

    async consents(ctx: RequestContext) {
      const actor = requireResident(ctx);
      return { items: await consentsOf(actor.userId) };
    },

    /** Withdraws one consent through the module that holds it; what was done under it before stays. */
    async withdraw(ctx: RequestContext, input: { kind: 'identity_link' | 'sso_identity' | 'proxy_grant'; id: string }) {
      const actor = requireResident(ctx);
      if (input.kind === 'identity_link') {
        await deps.identities.unlink(ctx, input.id);
      } else if (input.kind === 'proxy_grant') {
        const grant = isUuid(input.id) ? await repo.grant(input.id) : null;
        if (!grant || grant.grantorId !== actor.userId || !grant.consentedAt) throw new NotFound('privacy.consent_not_found');
        if (grant.status !== 'active') throw new Conflict('privacy.consent_not_active');
        await deps.enrolment.revoke(ctx, grant.id);
      } else {
        const identity = (await repo.ssoIdentitiesOf(actor.userId)).find((s) => ssoConsentId(s.issuer, s.subject) === input.id);
        if (!identity) throw new NotFound('privacy.consent_not_found');
        const home = (await deps.residents.profiles([actor.userId])).get(actor.userId)?.homeRegionCode ?? null;
        await deps.db.transaction(async (tx) => {
          if (!(await repo.deleteSsoIdentity(tx, actor.userId, identity.issuer, identity.subject))) throw new Conflict('privacy.consent_not_active');
          await deps.audit(tx, ctx, {
            action: 'sso.unlink',
            entityType: 'sso_identity',
            entityId: input.id,
            regionCode: home,
            details: { issuer: identity.issuer },
          });
        });
      }
      return { items: await consentsOf(actor.userId) };
    },

    /** A code to the account's own phone, to confirm a closure without the password. */
    async sendClosureCode(ctx: RequestContext) {
      const actor = requireResident(ctx);
      const phone = await deps.residents.verifiedPhoneOf(actor.userId);
      if (!phone) throw invalidField('smsCode', 'privacy.no_phone');
      return deps.auth.sendSmsCode(ctx, phone, 'close');
    },

    async close(ctx: RequestContext, input: { password: string } | { smsCode: string }) {
      const actor = requireResident(ctx);
      await deps.rateLimit(`close:user:${actor.userId}`, 10, 3600);
      const phone = await deps.residents.verifiedPhoneOf(actor.userId);
      const profile = (await deps.residents.profiles([actor.userId])).get(actor.userId);
      if (!profile) throw new NotFound('resident.not_found');
      // Re-authentication: a session left open on a shared phone must not be enough to erase an account.
      let confirmedBy: 'password' | 'sms';
      if ('password' in input) {
        if (!(await deps.auth.isCurrentPassword(actor.userId, input.password))) throw invalidField('password', 'auth.wrong_password');
        confirmedBy = 'password';
      } else {
        if (!phone) throw invalidField('smsCode', 'privacy.no_phone');
        await deps.auth.checkSmsCode(phone, 'close', input.smsCode);
        confirmedBy = 'sms';
      }
      const live = await repo.liveEnrolmentCount(actor.userId);
      if (live > 0) throw new Conflict('privacy.close_live_enrolments', { n: live });

      const now = clock.now();
      const closedUsername = `closed-${actor.userId}`;
      const { retained, discarded } = await deps.db.transaction(async (tx) => {
        const counts = await repo.retainedCounts(tx, actor.userId);
        const discarded = await repo.anonymise(tx, { userId: actor.userId, phone, closedUsername, now });
        // The closure's own audit entry is one more kept row.
        const retained = {
          creditLedger: { count: counts.creditLedger, ...RETENTION.creditLedger },
          certificates: { count: counts.certificates, ...RETENTION.certificates },
          auditLog: { count: counts.auditLog + 1, ...RETENTION.auditLog },
        };
        await repo.insertClosure(tx, { userId: actor.userId, closedAt: now, confirmedBy, retained });
        await deps.audit(
          tx,
          { ...ctx, actor: { ...actor, username: closedUsername, displayName: '' } },
          {
            action: 'resident.close',
            entityType: 'resident',
            entityId: actor.userId,
            regionCode: profile.homeRegionCode,
            details: { confirmedBy, discardedUploads: discarded.length, retained: { creditLedger: counts.creditLedger, certificates: counts.certificates } },
          },
        );
        return { retained, discarded };
      });
      // Bytes go after the commit: a rolled-back closure must not have lost the files.
      await deps.files.removeStored(discarded);
      return { closedAt: now.toISOString(), retained };
    },
  };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;
