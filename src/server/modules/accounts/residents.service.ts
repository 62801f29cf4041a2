// Residents: self-registration with a verified phone, real name and ID number (encrypted at rest,
// masked when shown, every full read audited), and the staff view of residents in their regions.
import type { Db, DbOrTx } from '../../db/client';
import type { Clock } from '../../kernel/clock';
import type { AuditWriter } from '../../kernel/audit';
import type { FieldCipher } from '../../kernel/crypto';
import type { RateLimiter } from '../../kernel/rate-limit';
import type { Locale } from '../../kernel/messages';
import { isStaff, requireResident, visibleRegionRoots, type RequestContext } from '../../kernel/actor';
import { Conflict, Forbidden, NotFound, invalidField, FieldErrors } from '../../kernel/errors';
import { parseIdNumber, ageInYearOf, type IdNumberFacts } from '../../kernel/id-card';
import { maskIdNumber, maskPhone, PHONE_PATTERN } from '../../kernel/mask';
import { distinctUuids, newId, isUuid } from '../../kernel/ids';
import { uniqueViolation } from '../../kernel/db-errors';
import { offsetOf, pageOf, type PageRequest } from '../../kernel/pagination';
import type { RegionsService } from '../regions/index';
import { randomInt } from 'node:crypto';
import { accountThrottleKey, canReadFullIdNumber, canResetResidentPassword, canSeeResidentsOf, passwordProblem } from './accounts.policy';
import type { AccountsRepository, ResidentRow, UserRow } from './accounts.repository';
import { hashPassword, type AuthService } from './auth.service';
import { PRIVACY_NOTICE_VERSION } from '../../../contracts/privacy';

const isResidentViewer = (role: string | null) => role === 'system_admin' || role === 'region_admin' || role === 'credit_bank_officer';
const TEMPORARY_PASSWORD_HOURS = 24;
// No 0/O, 1/I/L: read aloud or copied by hand at a desk without mix-ups.
const TEMPORARY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
function temporaryPasswordText(): string {
  const chars = Array.from({ length: 10 }, () => TEMPORARY_ALPHABET[randomInt(0, TEMPORARY_ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

export interface Registration {
  phone: string;
  smsCode: string;
  password: string;
  realName: string;
  idNumber: string;
  homeRegionCode: string;
  /** The resident ticked that they read and accept the privacy notice (the record of processing at /privacy). */
  acceptPrivacyNotice: boolean;
}

export function createResidentsService(deps: {
  db: Db;
  repo: AccountsRepository;
  clock: Clock;
  audit: AuditWriter;
  cipher: FieldCipher;
  rateLimit: RateLimiter;
  auth: AuthService;
  regions: RegionsService;
}) {
  const { repo, clock } = deps;

  async function present(user: UserRow, resident: ResidentRow) {
    const region = await deps.regions.get(resident.homeRegionCode);
    return {
      id: user.id,
      phone: maskPhone(user.phone),
      realName: resident.realName,
      idNumber: resident.idNumberMasked,
      birthYear: resident.birthYear,
      sex: resident.sex as 'male' | 'female',
      age: ageInYearOf(resident.birthYear, clock.now()),
      homeRegion: { code: region.code, name: region.name, path: region.path.map((p) => ({ code: p.code, name: p.name })) },
      createdAt: resident.createdAt.toISOString(),
    };
  }

  const requireCommunity = (rawCode: string) => deps.regions.requireCommunity(rawCode, 'homeRegionCode');

  async function load(userId: string) {
    const user = isUuid(userId) ? await repo.userById(userId) : null;
    const resident = user ? await repo.residentByUser(userId) : null;
    if (!user || !resident) throw new NotFound('resident.not_found');
    return { user, resident };
  }

  /** Staff may see a resident only when the resident lives in their regions; otherwise it "does not exist". */
  async function loadForStaff(ctx: RequestContext, userId: string) {
    if (!isStaff(ctx.actor)) throw new Forbidden('auth.forbidden');
    if (!isResidentViewer(ctx.actor.role)) throw new Forbidden('auth.forbidden');
    const found = await load(userId);
    // A closed account holds no identity any more (its ID number ciphertext is erased): it "does not exist".
    if (found.user.status === 'closed' || !canSeeResidentsOf(ctx.actor, found.resident.homeRegionCode)) throw new NotFound('resident.not_found');
    return found;
  }

  return {
    /**
     * What other modules need to know about residents (eligibility by age and home, archive regions):
     * no contact or identity data. Residents not found are absent from the map.
     */
    async profiles(userIds: string[], tx?: DbOrTx) {
      const rows = await repo.residentsByUsers(distinctUuids(userIds), tx);
      return new Map(
        rows.map((r) => [
          r.userId,
          {
            userId: r.userId,
            realName: r.realName,
            homeRegionCode: r.homeRegionCode,
            birthYear: r.birthYear,
            sex: r.sex as 'male' | 'female',
            age: ageInYearOf(r.birthYear, clock.now()),
          },
        ]),
      );
    },

    /**
     * How to reach users (phone and language) for modules that send messages; also their kind and name.
     * Phones here are full: callers use them to send, never to show.
     */
    async contactsOf(userIds: string[], tx?: DbOrTx) {
      const rows = await repo.usersByIds(distinctUuids(userIds), tx);
      return new Map(
        rows.map((u) => [
          u.id,
          {
            userId: u.id,
            kind: u.kind as 'staff' | 'resident',
            displayName: u.displayName,
            phone: u.phone,
            locale: u.locale as Locale,
            isActive: u.status === 'active',
          },
        ]),
      );
    },

    /** An active account found by its phone or username (a family member or community worker to grant rights to); null when none. */
    async findAccount(login: string) {
      const user = await repo.userByLogin(login.trim());
      if (!user || user.status !== 'active') return null;
      // Staff regions, so a resident may name only the workers who serve them (proxy grants).
      const regionCodes = user.kind === 'staff' ? (await repo.scopesOf([user.id])).map((s) => s.regionCode) : [];
      return {
        userId: user.id,
        kind: user.kind as 'staff' | 'resident',
        displayName: user.displayName,
        role: user.role,
        phoneMasked: maskPhone(user.phone),
        regionCodes,
      };
    },

    async register(ctx: RequestContext, input: Registration) {
      await deps.rateLimit(`register:ip:${ctx.ip}`, 20, 3600);
      const problems: Record<string, { key: string }> = {};
      if (!PHONE_PATTERN.test(input.phone)) problems.phone = { key: 'phone.invalid' };
      const passwordKey = passwordProblem(input.password, [input.phone]);
      if (passwordKey) problems.password = { key: passwordKey };
      if (input.acceptPrivacyNotice !== true) problems.acceptPrivacyNotice = { key: 'privacy.notice_required' };
      const id = parseIdNumber(input.idNumber, clock.now());
      if (typeof id === 'string') problems.idNumber = { key: `id_number.${id}` };
      if (Object.keys(problems).length) throw new FieldErrors(problems);
      if (typeof id === 'string') throw new Error('unreachable');
      const region = await requireCommunity(input.homeRegionCode);
      const smsCodeId = await deps.auth.checkSmsCode(input.phone, 'register', input.smsCode);
      // The code is used up by this attempt whatever its outcome, before anything is looked up: otherwise one
      // code would test any number of ID numbers for "already registered".
      if (!(await repo.consumeSmsCode(deps.db, smsCodeId, clock.now()))) throw invalidField('smsCode', 'sms.code_invalid');

      const idHash = deps.cipher.keyedHash(id.normalized);
      const taken = await repo.usernameOrPhoneTaken(input.phone, input.phone);
      if (taken.phone || taken.username) throw new Conflict('resident.duplicate_phone', {}, { fields: { phone: 'resident.duplicate_phone' } });
      if (await repo.idNumberTaken(idHash)) throw new Conflict('resident.duplicate_id_number', {}, { fields: { idNumber: 'resident.duplicate_id_number' } });

      const userId = newId();
      const passwordHash = await hashPassword(input.password);
      try {
        await deps.db.transaction(async (tx) => {
          await repo.insertUser(tx, {
            id: userId,
            kind: 'resident',
            username: input.phone,
            phone: input.phone,
            displayName: input.realName,
            passwordHash,
            locale: ctx.locale,
          });
          await repo.insertResident(tx, residentRow(deps.cipher, userId, input.realName, id, region.code));
          await repo.insertPrivacyConsent(tx, privacyNoticeConsent(userId, clock.now()));
        });
      } catch (e) {
        const constraint = uniqueViolation(e);
        if (constraint === 'residents_id_hash_uq')
          throw new Conflict('resident.duplicate_id_number', {}, { fields: { idNumber: 'resident.duplicate_id_number' } });
        if (constraint) throw new Conflict('resident.duplicate_phone', {}, { fields: { phone: 'resident.duplicate_phone' } });
        throw e;
      }
      const { user, resident } = await load(userId);
      const session = await deps.auth.startSession(user, ctx.ip);
      return { profile: await present(user, resident), session };
    },

    async me(ctx: RequestContext) {
      const actor = requireResident(ctx);
      const { user, resident } = await load(actor.userId);
      return present(user, resident);
    },

    async updateMe(ctx: RequestContext, patch: { realName?: string; homeRegionCode?: string }) {
      const actor = requireResident(ctx);
      const region = patch.homeRegionCode ? await requireCommunity(patch.homeRegionCode) : null;
      await deps.db.transaction(async (tx) => {
        await repo.updateResident(tx, actor.userId, { ...(patch.realName && { realName: patch.realName }), ...(region && { homeRegionCode: region.code }) });
        if (patch.realName) await repo.updateUser(tx, actor.userId, { displayName: patch.realName });
      });
      deps.auth.sessionsChanged(actor.userId); // the sealed session carries the name and home
      const { user, resident } = await load(actor.userId);
      return present(user, resident);
    },

    async list(ctx: RequestContext, f: PageRequest & { region?: string; q?: string }) {
      if (!isStaff(ctx.actor)) throw new Forbidden('auth.forbidden');
      const actor = ctx.actor;
      if (!isResidentViewer(actor.role)) throw new Forbidden('auth.forbidden');
      const visible = visibleRegionRoots(actor);
      let roots = visible === 'all' ? null : actor.regionCodes;
      if (f.region) {
        const region = await deps.regions.require(f.region, 'region');
        if (!canSeeResidentsOf(actor, region.code)) throw new NotFound('region.not_found');
        roots = [region.code];
      }
      const { rows, total } = await repo.listResidents({ regionRoots: roots, q: f.q, limit: f.pageSize, offset: offsetOf(f) });
      const items = [];
      for (const r of rows) items.push(await present(r.user, r.resident));
      return pageOf(f, items, total);
    },

    async get(ctx: RequestContext, userId: string) {
      const { user, resident } = await loadForStaff(ctx, userId);
      return present(user, resident);
    },

    /** The full ID number, for staff whose role permits it; every read leaves an audit entry. */
    /** A resident's home community, for modules that map outside identities to residents (xAPI actors); null when unknown. */
    async homeRegionOf(userId: string): Promise<string | null> {
      const resident = isUuid(userId) ? await repo.residentByUser(userId) : null;
      return resident?.homeRegionCode ?? null;
    },

    /** The phone a resident verified with an SMS code at registration (for linking it, on their own request). */
    async verifiedPhoneOf(userId: string): Promise<string | null> {
      const user = isUuid(userId) ? await repo.userById(userId) : null;
      return user?.kind === 'resident' ? user.phone : null;
    },

    /**
     * Staff-assisted reset at the community desk, for a resident who forgot the password and cannot receive SMS:
     * a one-time temporary password, shown once to the staff member to hand over, good for one day; signed in
     * with it the resident can do nothing but choose a new one. Every session of the account ends.
     */
    async issueTemporaryPassword(ctx: RequestContext, userId: string) {
      const { user, resident } = await loadForStaff(ctx, userId);
      if (!canResetResidentPassword(ctx.actor!, resident.homeRegionCode)) throw new Forbidden('auth.forbidden');
      if (user.status !== 'active') throw new Conflict('resident.not_active');
      const temporaryPassword = temporaryPasswordText();
      const passwordHash = await hashPassword(temporaryPassword);
      const expiresAt = new Date(clock.now().getTime() + TEMPORARY_PASSWORD_HOURS * 3600_000);
      await deps.db.transaction(async (tx) => {
        await repo.updateUser(tx, user.id, { passwordHash, mustChangePassword: true, temporaryPasswordExpiresAt: expiresAt });
        await repo.clearAccountThrottles(tx, accountThrottleKey(user.username));
        await repo.deleteSessionsOf(tx, user.id);
        await deps.audit(tx, ctx, { action: 'resident.password_reset', entityType: 'resident', entityId: user.id, regionCode: resident.homeRegionCode });
      });
      deps.auth.sessionsChanged(user.id); // the resident's sealed sessions end in this process at once
      await deps.auth.tellDeskReset(user.phone);
      return { temporaryPassword, expiresAt: expiresAt.toISOString(), phone: maskPhone(user.phone) };
    },

    async revealIdNumber(ctx: RequestContext, userId: string) {
      const { resident } = await loadForStaff(ctx, userId);
      if (!canReadFullIdNumber(ctx.actor!, resident.homeRegionCode)) throw new Forbidden('auth.forbidden');
      const idNumber = deps.cipher.decrypt(resident.idNumberEncrypted);
      await deps.audit(deps.db, ctx, { action: 'resident.id_number.read', entityType: 'resident', entityId: userId, regionCode: resident.homeRegionCode });
      return { idNumber };
    },
  };
}

export type ResidentsService = ReturnType<typeof createResidentsService>;

/**
 * A resident's row for an ID number already checked: the number stored encrypted, with its keyed hash (what
 * uniqueness is checked on) and its masked form, and the birth year and sex it states.
 */
function residentRow(cipher: FieldCipher, userId: string, realName: string, id: IdNumberFacts, homeRegionCode: string) {
  return {
    userId,
    realName,
    idNumberEncrypted: cipher.encrypt(id.normalized),
    idNumberHash: cipher.keyedHash(id.normalized),
    idNumberMasked: maskIdNumber(id.normalized),
    birthYear: Number(id.birthDate.slice(0, 4)),
    sex: id.sex,
    homeRegionCode,
  };
}

/** Registering accepts the privacy notice in force. */
const privacyNoticeConsent = (userId: string, givenAt: Date) => ({
  id: newId(),
  userId,
  purpose: 'privacy_notice',
  noticeVersion: PRIVACY_NOTICE_VERSION,
  givenAt,
});

/** Demo data only: a resident whose phone counts as verified, without the SMS round trip. */
export async function seedResident(
  deps: { db: Db; repo: AccountsRepository; cipher: FieldCipher },
  input: Omit<Registration, 'smsCode' | 'acceptPrivacyNotice'>,
) {
  await seedResidents(deps, [input], new Date());
}

/**
 * Demo residents whose phones count as verified, and who stand for people who registered (so they accepted the
 * notice too). Many at once (the demo city's year): one password hash shared by all, since hashing each would
 * take minutes, and a few hundred rows per transaction.
 */
export async function seedResidents(
  deps: { db: Db; repo: AccountsRepository; cipher: FieldCipher },
  inputs: Omit<Registration, 'smsCode' | 'acceptPrivacyNotice'>[],
  at: Date,
) {
  if (!inputs.length) return [];
  const passwordHash = await hashPassword(inputs[0].password);
  const out: { userId: string; phone: string; realName: string; birthYear: number; homeRegionCode: string }[] = [];
  for (let i = 0; i < inputs.length; i += 250) {
    const batch = inputs.slice(i, i + 250).map((input) => {
      const id = parseIdNumber(input.idNumber);
      if (typeof id === 'string') throw new Error(`demo resident has an invalid ID number: ${id}`);
      return { input, id, userId: newId() };
    });
    await deps.db.transaction((tx) =>
      deps.repo.insertResidentsBatch(
        tx,
        batch.map(({ input, id, userId }) => ({
          user: { id: userId, kind: 'resident', username: input.phone, phone: input.phone, displayName: input.realName, passwordHash, createdAt: at },
          resident: residentRow(deps.cipher, userId, input.realName, id, input.homeRegionCode),
          consent: privacyNoticeConsent(userId, at),
        })),
      ),
    );
    out.push(
      ...batch.map(({ input, id, userId }) => ({
        userId,
        phone: input.phone,
        realName: input.realName,
        birthYear: Number(id.birthDate.slice(0, 4)),
        homeRegionCode: input.homeRegionCode,
      })),
    );
  }
  return out;
}
