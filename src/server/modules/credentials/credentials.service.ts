// Verifiable certificates: completion certificates, award certificates and transcripts issued as signed
// Open Badges 3.0 credentials (W3C VC 2.0, eddsa-rdfc-2022), revoked through a Bitstring Status List,
// and verified for anyone without an account.
import type { Db } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import type { RateLimiter } from '../../kernel/rate-limit';
import { visibleRegionRoots, type Actor, type RequestContext } from '../../kernel/actor';
import { Conflict, Forbidden, NotFound, Unauthenticated, invalidField } from '../../kernel/errors';
import { isUuid, newId } from '../../kernel/ids';
import { translate } from '../../kernel/messages';
import { isWithin } from '../../kernel/region-code';
import { offsetOf, pageOf, type PageRequest } from '../../kernel/pagination';
import type { IssueInput, MyIssueInput, VerifyAnswer } from '../../../contracts/credentials';
import type { ArchiveService } from '../archive/index';
import type { AwardsService } from '../awards/index';
import type { ResidentsService } from '../accounts/index';
import type { CategoriesService } from '../categories/index';
import { checkProof, type Issuer } from './credentials.crypto';
import { lazyImport } from '../../kernel/lazy-import';
import { dataModelProblem } from './credentials.datamodel';
import { relatedResourceProblem, type ResourceOrigin } from './credentials.related';
import {
  STATUS_LIST_LENGTH,
  type IssuerBody,
  openBadgeCredential,
  statusEntry,
  statusListCredential,
  transcriptNarrative,
  verifyUrl,
  type CredentialFrame,
} from './credentials.documents';
import { canIssueCredentials, canSeeCredentials, isCredentialStaff } from './credentials.policy';
import type { CredentialRow, CredentialsRepository } from './credentials.repository';
import type { TranscriptSource } from './transcript.source';
import {
  achievementCredential,
  achievementsIn,
  claimOf,
  clrCredential,
  isAchievementCredential,
  isClr,
  namesPerson,
  subjectIdOf,
  xapiStatements,
} from './credentials.exchange';
import type { RecognitionApplicationDetail, RecognitionInput } from '../../../contracts/credits';
import { localTime } from '../../../contracts/local-time';

/** What an imported credential becomes: a recognition application with the credential kept as its evidence file. */
export interface RecognitionIntake {
  /** Stores the credential's JSON as the resident's evidence upload (a file they could have uploaded themselves). */
  storeEvidence(ctx: RequestContext, filename: string, text: string): Promise<{ id: string }>;
  apply(ctx: RequestContext, input: RecognitionInput): Promise<RecognitionApplicationDetail>;
}

/** The most achievements one import turns into applications. */
const MAX_IMPORTED = 50;

export type VerifyResult = (typeof import('../../../contracts/credentials').VERIFY_RESULTS)[number];

// A certificate's words are in the issuing body's language, Chinese; mixing in English sentences made the
// printed certificate read as two documents.
const OUTCOME_TEXT: Record<string, string> = { completed: '结业', attended: '出席', participated: '参与' };

/** Loaded by the first status list signed (see kernel/lazy-import.ts). */
const loadBitstring = lazyImport(() => import('@digitalbazaar/bitstring'));

export function createCredentialsService(deps: {
  db: Db;
  repo: CredentialsRepository;
  clock: Clock;
  audit: AuditWriter;
  issuer: Issuer;
  rateLimit: RateLimiter;
  /** The issuing body (name, seal) kept in the installation's settings. */
  issuerBody: () => Promise<IssuerBody>;
  archive: ArchiveService;
  awards: AwardsService;
  residents: ResidentsService;
  categories: CategoriesService;
  transcripts: TranscriptSource;
  /** Origins whose `relatedResource`s may be fetched to check their digests (LEARNCITY_VC_RESOURCE_ORIGINS). */
  resourceOrigins?: ResourceOrigin[];
  /** Imports of other platforms' credentials (absent: the import route answers 404). */
  recognition?: RecognitionIntake;
}) {
  const { repo, clock, issuer } = deps;

  function requireStaff(ctx: RequestContext): Actor {
    if (!ctx.actor) throw new Unauthenticated('auth.required');
    if (!isCredentialStaff(ctx.actor)) throw new Forbidden('auth.forbidden');
    return ctx.actor;
  }
  function requireResident(ctx: RequestContext): Actor {
    if (!ctx.actor) throw new Unauthenticated('auth.required');
    if (ctx.actor.kind !== 'resident') throw new Forbidden('auth.forbidden');
    return ctx.actor;
  }

  function statusOf(r: CredentialRow): 'valid' | 'revoked' | 'expired' {
    if (r.revokedAt) return 'revoked';
    if (r.validUntil && r.validUntil < clock.now()) return 'expired';
    return 'valid';
  }
  const present = (r: CredentialRow, origin: string, forStaff: boolean) => ({
    id: r.id,
    kind: r.kind,
    sourceId: r.sourceId,
    title: r.title,
    subjectName: r.subjectName,
    residentId: r.residentId,
    regionCode: r.regionCode,
    issuedAt: r.issuedAt.toISOString(),
    validUntil: r.validUntil?.toISOString() ?? null,
    status: statusOf(r),
    revokedAt: r.revokedAt?.toISOString() ?? null,
    ...(forStaff ? { revokeReason: r.revokeReason } : {}),
    verifyUrl: verifyUrl(origin, r.id),
  });

  async function categoryNames() {
    const { items } = await deps.categories.list({ includeInactive: true });
    const names = new Map(items.map((c: { code: string; nameZh: string; nameEn: string }) => [c.code, c.nameZh]));
    return (code: string | null) => (code ? (names.get(code) ?? code) : '—');
  }

  type Plan = {
    kind: string;
    sourceId: string;
    residentId: string | null;
    subjectName: string;
    regionCode: string;
    title: string;
    achievement: CredentialFrame['achievement'];
    attach?: string;
  };

  async function completionPlan(recordId: string, field: string, owner?: string): Promise<Plan> {
    const record = await deps.archive.find(recordId);
    if (!record || (owner && record.residentId !== owner)) throw invalidField(field, 'credential.record_not_found');
    if (record.outcome !== 'completed') throw invalidField(field, 'credential.not_completed');
    const profile = (await deps.residents.profiles([record.residentId])).get(record.residentId);
    if (!profile) throw invalidField(field, 'credential.record_not_found');
    const category = (await categoryNames())(record.categoryCode);
    return {
      kind: 'completion',
      sourceId: record.id,
      residentId: record.residentId,
      subjectName: profile.realName,
      regionCode: record.regionCode,
      title: `结业证书：${record.title}`,
      achievement: {
        id: `urn:uuid:${record.id}`,
        type: 'CertificateOfCompletion',
        name: record.title,
        description: `${profile.realName} 于 ${localTime.date(record.occurredAt)} 完成“${record.title}”的学习（${record.hours} 学时${record.provider ? `，${record.provider}` : ''}）。`,
        narrative: `类别：${category}\n学时：${record.hours}\n结果：${OUTCOME_TEXT[record.outcome] ?? record.outcome}${record.provider ? `\n举办方：${record.provider}` : ''}`,
      },
    };
  }

  async function awardPlan(commendationId: string): Promise<Plan> {
    const c = await deps.awards.commendation(commendationId);
    if (!c) throw invalidField('commendationId', 'credential.commendation_not_found');
    return {
      kind: 'award',
      sourceId: c.id,
      residentId: null,
      subjectName: c.nomineeName,
      regionCode: c.communityCode,
      title: `荣誉证书：${c.title}`,
      attach: c.id,
      achievement: {
        id: `urn:uuid:${c.campaignId}`,
        type: 'Award',
        name: c.title,
        description: `${c.nomineeName} 在“${c.campaignTitle}”（${c.year}）中获评“${c.title}”。`,
        narrative: `经社区、街道、区三级评审和公示，于 ${localTime.date(c.commendedAt)} 表彰。`,
      },
    };
  }

  async function transcriptPlan(residentId: string, field: string): Promise<Plan> {
    const profile = (await deps.residents.profiles([residentId])).get(residentId);
    if (!profile) throw invalidField(field, 'resident.not_found');
    const transcript = await deps.transcripts(residentId);
    if (!transcript.entries.length) throw invalidField(field, 'credential.transcript_empty');
    const today = localTime.date(clock.now());
    const id = newId();
    return {
      kind: 'transcript',
      sourceId: id,
      residentId,
      subjectName: profile.realName,
      regionCode: profile.homeRegionCode,
      title: `学习成绩单（${today}）`,
      achievement: {
        id: `urn:uuid:${id}`,
        type: 'LearningProgram',
        name: `学习成绩单（${today}）`,
        description: `${profile.realName} 截至 ${today} 的学习记录：${transcript.entries.length} 项，共 ${transcript.totalHours} 学时${transcript.totalCredits !== null ? `、${transcript.totalCredits} 学分` : ''}。`,
        narrative: transcriptNarrative(transcript, await categoryNames()),
      },
    };
  }

  /** Signs before the transaction (slow work stays outside it); a second request for the same source returns the first certificate. */
  async function issue(ctx: RequestContext, plan: Plan, origin: string, validUntil: Date | null) {
    const existing = plan.kind !== 'transcript' ? await repo.findBySource(plan.kind, plan.sourceId) : null;
    if (existing) return { created: false, credential: present(existing, origin, ctx.actor?.kind === 'staff') };
    const id = newId();
    const position = await repo.nextStatusPosition();
    const statusList = Math.floor(position / STATUS_LIST_LENGTH) + 1;
    const statusIndex = position % STATUS_LIST_LENGTH;
    const issuedAt = clock.now();
    const signed = await issuer.sign(
      openBadgeCredential({
        id,
        issuer: { did: issuer.did, origin, body: await deps.issuerBody() },
        issuedAt,
        validUntil,
        statusList,
        statusIndex,
        name: plan.title,
        subjectName: plan.subjectName,
        achievement: plan.achievement,
      }),
      issuedAt,
    );
    const row = await deps.db.transaction(async (tx) => {
      const inserted = await repo.insertOnce(tx, {
        id,
        kind: plan.kind,
        sourceId: plan.sourceId,
        residentId: plan.residentId,
        subjectName: plan.subjectName,
        title: plan.title,
        regionCode: plan.regionCode,
        statusList,
        statusIndex,
        document: JSON.stringify(signed, null, 2),
        issuedAt,
        validUntil,
        issuedBy: ctx.actor?.userId ?? null,
      });
      if (!inserted) return null;
      if (plan.attach) await deps.awards.attachCredential(tx, plan.attach, id);
      await deps.audit(tx, ctx, {
        action: 'credential.issue',
        entityType: 'credential',
        entityId: id,
        regionCode: plan.regionCode,
        details: { kind: plan.kind, sourceId: plan.sourceId, title: plan.title, validUntil: validUntil?.toISOString() ?? null },
      });
      return inserted;
    });
    if (!row) return { created: false, credential: present((await repo.findBySource(plan.kind, plan.sourceId))!, origin, ctx.actor?.kind === 'staff') };
    return { created: true, credential: present(row, origin, ctx.actor?.kind === 'staff') };
  }

  function parseValidUntil(v: string | null | undefined): Date | null {
    if (!v) return null;
    const d = localTime.endOfDay(v);
    if (Number.isNaN(d.getTime()) || d <= clock.now()) throw invalidField('validUntil', 'credential.valid_until_past');
    return d;
  }

  // The signed status list is cached per list until the set of revoked positions changes.
  const statusCache = new Map<string, { fingerprint: string; document: Record<string, unknown> }>();

  /** The resident's whole archive, oldest first, with the name and opaque id an export names them by. */
  async function exportSource(ctx: RequestContext) {
    const actor = requireResident(ctx);
    // Signing is CPU-bound (one canonicalisation per record): a few exports per person per ten minutes.
    await deps.rateLimit(`archive-export:${actor.userId}`, 20, 600);
    const profile = (await deps.residents.profiles([actor.userId])).get(actor.userId);
    if (!profile) throw new NotFound('resident.not_found');
    const records = (await deps.archive.recordsOf(actor.userId)).reverse();
    if (!records.length) throw invalidField('archive', 'credential.archive_empty');
    return { subject: { residentId: actor.userId, realName: profile.realName }, records };
  }

  const service = {
    /**
     * The archive as one CLR 2.0 credential: an OB3 AchievementCredential per record, each signed, inside a
     * signed ClrCredential (so each record verifies alone once taken out, and the bundle as a whole).
     * Not stored and without a status entry: it is a snapshot the resident takes away, made again on request.
     */
    async exportClr(ctx: RequestContext, origin: string) {
      const { subject, records } = await exportSource(ctx);
      const now = clock.now();
      const profile = { did: issuer.did, origin, body: await deps.issuerBody() };
      const signed: Record<string, unknown>[] = [];
      for (const r of records) signed.push(await issuer.sign(achievementCredential(profile, subject, r, now), now));
      return issuer.sign(clrCredential(profile, subject, newId(), signed, now), now);
    },

    /** The archive as xAPI 1.0.3 statements (a StatementResult's `statements`). */
    async exportXapi(ctx: RequestContext, origin: string) {
      const { subject, records } = await exportSource(ctx);
      return { statements: xapiStatements(origin, subject.residentId, records), more: '' };
    },

    /**
     * Imports an OB3 AchievementCredential or a CLR 2.0 credential into recognition applications (one per
     * achievement), after verifying it as `POST /api/credentials/verify` does (and each credential a CLR
     * holds). Only a `valid` verdict passes; the credential must be about this resident: one of this
     * platform's exports names its resident by id, any credential naming its subject by an unhashed name
     * must carry this resident's real name. Nothing is written unless every achievement passes.
     */
    async importCredential(ctx: RequestContext, body: unknown): Promise<{ applications: RecognitionApplicationDetail[] }> {
      const actor = requireResident(ctx);
      if (!deps.recognition) throw new NotFound('credential.not_found');
      const refuse = (key: string) => invalidField('credential', key);
      const credential = (
        body && typeof body === 'object' && !Array.isArray(body) && 'verifiableCredential' in body
          ? (body as { verifiableCredential: unknown }).verifiableCredential
          : body
      ) as Record<string, any>;
      if (!credential || typeof credential !== 'object' || Array.isArray(credential)) throw refuse('credential.reason.malformed');
      if (!isClr(credential) && !isAchievementCredential(credential)) throw refuse('credential.import_not_achievement');
      const achievements = achievementsIn(credential);
      if (!achievements.length) throw refuse('credential.import_empty');
      // Each held credential is verified (and becomes an application): a bound keeps one request's work finite.
      if (achievements.length > MAX_IMPORTED) throw invalidField('credential', 'credential.import_too_many', { max: MAX_IMPORTED });
      const profile = (await deps.residents.profiles([actor.userId])).get(actor.userId);
      if (!profile) throw new NotFound('resident.not_found');
      for (const doc of [credential, ...(isClr(credential) ? achievements : [])]) {
        const verdict = await service.verify(ctx, doc);
        if (verdict.verdict !== 'valid') throw refuse(verdict.reasonCode);
      }
      const claims = achievements.map((a) => {
        if (!isAchievementCredential(a)) throw refuse('credential.import_not_achievement');
        const claim = claimOf(a);
        const ownSubject = claim.subjectId?.startsWith('urn:uuid:') && (typeof a.issuer === 'string' ? a.issuer : a.issuer?.id) === issuer.did;
        if ((ownSubject && claim.subjectId !== subjectIdOf(actor.userId)) || claim.subjectNames.some((n) => !namesPerson(n, profile.realName)))
          throw refuse('credential.import_not_yours');
        if (!claim.title || !claim.provider || !claim.occurredOn) throw refuse('credential.import_incomplete');
        // Checked here, not left to the application: a CLR's later achievement failing would leave the earlier ones applied.
        if (claim.occurredOn > localTime.date(clock.now())) throw refuse('archive.future_date');
        return { ...claim, title: claim.title, provider: claim.provider, occurredOn: claim.occurredOn };
      });
      const text = JSON.stringify(credential, null, 2);
      const evidence = await deps.recognition.storeEvidence(ctx, `credential-${newId()}.json`, text);
      const applications: RecognitionApplicationDetail[] = [];
      for (const [i, c] of claims.entries()) {
        // One evidence file can be claimed once; the other applications of a CLR get their own copy.
        const fileId = i === 0 ? evidence.id : (await deps.recognition.storeEvidence(ctx, `credential-${newId()}.json`, text)).id;
        applications.push(
          await deps.recognition.apply(ctx, {
            title: c.title,
            provider: c.provider,
            occurredOn: c.occurredOn,
            hours: c.hours,
            evidenceFileIds: [fileId],
            description: `导入的可验证凭证 / Imported verifiable credential: ${typeof credential.id === 'string' ? credential.id : ''}`.slice(0, 2000),
          }),
        );
      }
      return { applications };
    },

    /** Whether a credential of this platform's issuer is revoked (VC-API adapter). */
    async isRevoked(credential: Record<string, any>) {
      const issuerId = typeof credential.issuer === 'string' ? credential.issuer : credential.issuer?.id;
      const m = /\/api\/credentials\/status\/(\d+)$/.exec(String(credential.credentialStatus?.statusListCredential ?? ''));
      if (issuerId !== issuer.did || !m) return false;
      const entry = await repo.statusAt(Number(m[1]), Number(credential.credentialStatus.statusListIndex));
      return Boolean(entry?.revokedAt);
    },

    /**
     * The next position in the platform's status list (revocation) for a VC-API credential; `record` keeps it
     * once the credential is signed (so the status list publishes it and the VC-API status call can revoke
     * it). A position whose signing failed is never recorded and never reused.
     */
    async vcApiStatusEntry(origin: string) {
      const position = await repo.nextStatusPosition();
      const statusList = Math.floor(position / STATUS_LIST_LENGTH) + 1;
      const statusIndex = position % STATUS_LIST_LENGTH;
      return {
        entry: statusEntry(origin, statusList, statusIndex),
        record: (credentialId: string | null) => repo.insertVcApiStatus({ statusList, statusIndex, credentialId, issuedAt: clock.now() }),
      };
    },

    /** Revokes a VC-API credential by its id; 'unknown' when none was issued with a status entry. */
    async revokeVcApi(credentialId: string): Promise<'revoked' | 'already' | 'unknown'> {
      const { held, revoked } = await repo.revokeVcApi(credentialId, clock.now());
      return !held ? 'unknown' : revoked ? 'revoked' : 'already';
    },

    /** The related resources' digests, fetched from the allow-list only (null: all match). */
    relatedResourceProblem: (credential: Record<string, unknown>) => relatedResourceProblem(credential, deps.resourceOrigins ?? []),

    /** The issuer's public identity, for the verify page and the docs. */
    issuerInfo: async () => {
      const body = await deps.issuerBody();
      return { id: issuer.did, name: { 'zh-CN': body.nameZh, en: body.nameEn }, hasSeal: !!body.seal };
    },
    /** The issuing body's seal image (configured at installation), or null. */
    async seal() {
      const body = await deps.issuerBody();
      return body.seal ? { contentType: body.seal.contentType, data: Buffer.from(body.seal.base64, 'base64') } : null;
    },

    async mine(ctx: RequestContext, q: PageRequest, origin: string) {
      const actor = requireResident(ctx);
      const { rows, total } = await repo.list({ residentId: actor.userId }, q.pageSize, offsetOf(q));
      return pageOf(
        q,
        rows.map((r) => present(r, origin, false)),
        total,
      );
    },

    async issueMine(ctx: RequestContext, input: MyIssueInput, origin: string) {
      const actor = requireResident(ctx);
      const plan = input.kind === 'completion' ? await completionPlan(input.recordId, 'recordId', actor.userId) : await transcriptPlan(actor.userId, 'kind');
      return issue(ctx, plan, origin, null);
    },

    async list(
      ctx: RequestContext,
      q: PageRequest & { kind?: string; status?: 'valid' | 'revoked'; residentId?: string; region?: string; q?: string },
      origin: string,
    ) {
      const actor = requireStaff(ctx);
      const roots = visibleRegionRoots(actor);
      let regionRoots = roots === 'all' ? null : actor.regionCodes;
      if (q.region) {
        if (regionRoots && !isWithin(q.region, regionRoots)) throw new NotFound('region.not_found');
        regionRoots = [q.region];
      }
      const { rows, total } = await repo.list(
        { regionRoots, kind: q.kind, residentId: q.residentId, revoked: q.status ? q.status === 'revoked' : undefined, q: q.q },
        q.pageSize,
        offsetOf(q),
      );
      return pageOf(
        q,
        rows.map((r) => present(r, origin, true)),
        total,
      );
    },

    /** Commendations in the caller's regions still waiting for their certificate (the console's issue form). */
    async awardCandidates(ctx: RequestContext, q: PageRequest) {
      const actor = requireStaff(ctx);
      const roots = visibleRegionRoots(actor);
      return deps.awards.commendations({ ...q, regionRoots: roots === 'all' ? null : actor.regionCodes, withoutCredential: true });
    },

    async issue(ctx: RequestContext, input: IssueInput, origin: string) {
      const actor = requireStaff(ctx);
      const validUntil = parseValidUntil(input.validUntil);
      const plan =
        input.kind === 'completion'
          ? await completionPlan(input.recordId, 'recordId')
          : input.kind === 'award'
            ? await awardPlan(input.commendationId)
            : await transcriptPlan(input.residentId, 'residentId');
      // Out of scope reads as "not found", like every other staff write.
      if (!canSeeCredentials(actor, plan.regionCode))
        throw invalidField(
          input.kind === 'completion' ? 'recordId' : input.kind === 'award' ? 'commendationId' : 'residentId',
          input.kind === 'award' ? 'credential.commendation_not_found' : input.kind === 'completion' ? 'credential.record_not_found' : 'resident.not_found',
        );
      if (!canIssueCredentials(actor, plan.regionCode)) throw new Forbidden('auth.forbidden');
      return issue(ctx, plan, origin, validUntil);
    },

    async get(ctx: RequestContext, id: string, origin: string) {
      if (!ctx.actor) throw new Unauthenticated('auth.required');
      const row = isUuid(id) ? await repo.find(id) : null;
      const mine = row && ctx.actor.kind === 'resident' && row.residentId === ctx.actor.userId;
      if (!row || (!mine && !canSeeCredentials(ctx.actor, row.regionCode))) throw new NotFound('credential.not_found');
      return { ...present(row, origin, !mine), credential: JSON.parse(row.document) };
    },

    async revoke(ctx: RequestContext, id: string, reason: string, origin: string) {
      const actor = requireStaff(ctx);
      const row = isUuid(id) ? await repo.find(id) : null;
      if (!row || !canSeeCredentials(actor, row.regionCode)) throw new NotFound('credential.not_found');
      if (!canIssueCredentials(actor, row.regionCode)) throw new Forbidden('auth.forbidden');
      if (row.revokedAt) throw new Conflict('credential.already_revoked');
      return deps.db.transaction(async (tx) => {
        if (!(await repo.revoke(tx, id, actor.userId, reason, clock.now()))) throw new Conflict('credential.already_revoked');
        await deps.audit(tx, ctx, {
          action: 'credential.revoke',
          entityType: 'credential',
          entityId: id,
          regionCode: row.regionCode,
          details: { reason, kind: row.kind, title: row.title },
        });
        return present((await repo.find(id, tx))!, origin, true);
      });
    },

    /** The stored credential exactly as signed: anyone holding its id (the QR link) may fetch it. */
    async publicDocument(id: string) {
      const row = isUuid(id) ? await repo.find(id) : null;
      if (!row) throw new NotFound('credential.not_found');
      return { document: row.document, filename: `learncity-${row.kind}-${row.id}.json` };
    },

    /** The signed Bitstring Status List credential of one list (public; verifiers fetch it). */
    async statusList(list: number, origin: string) {
      if (!(await repo.listExists(list))) throw new NotFound('credential.status_list_not_found');
      const revoked = await repo.revokedIn(list);
      const fingerprint = `${origin}|${revoked.join(',')}`;
      const cached = statusCache.get(`${list}`);
      if (cached && cached.fingerprint === fingerprint) return cached.document;
      const { Bitstring } = await loadBitstring();
      const bits = new Bitstring({ length: STATUS_LIST_LENGTH });
      for (const i of revoked) bits.set(i, true);
      const document = await issuer.sign(statusListCredential({ did: issuer.did, origin }, list, `u${await bits.encodeBits()}`, clock.now()), clock.now());
      statusCache.set(`${list}`, { fingerprint, document });
      return document;
    },

    /**
     * Verifies any credential: the proof (with only bundled contexts and did:key, never the network),
     * then, for the platform's own credentials, revocation in its status list, then expiry.
     */
    async verify(ctx: RequestContext, body: unknown) {
      // Public and CPU-bound (RDF canonicalisation): a generous per-address limit keeps it from being used to load the server.
      await deps.rateLimit(`credential-verify:ip:${ctx.ip}`, 300, 600);
      const credential = (
        body && typeof body === 'object' && 'verifiableCredential' in body ? (body as { verifiableCredential: unknown }).verifiableCredential : body
      ) as Record<string, any>;
      const t = (key: string) => translate(key, ctx.locale);
      const summary = describe(credential);
      // What each step found, filled in as the checks run; `verdict` is the one field a verifier acts on.
      const checks: VerifyAnswer['checks'] = { signature: 'not_checked', status: 'not_checked', validity: 'not_checked' };
      const answer = (verdict: VerifyResult, reasonCode: string, extra: Record<string, unknown> = {}) => ({
        verdict,
        result: verdict,
        reasonCode,
        reason: t(reasonCode),
        checks,
        ...summary,
        ...extra,
      });
      if (!credential || typeof credential !== 'object' || Array.isArray(credential) || !credential.proof)
        return answer('invalid', 'credential.reason.malformed');
      const now = clock.now();
      const validUntil = typeof credential.validUntil === 'string' ? new Date(credential.validUntil) : null;
      const expired = Boolean(validUntil && !Number.isNaN(validUntil.getTime()) && validUntil < now);
      const problem = dataModelProblem(credential);
      if (problem) return answer('invalid', 'credential.reason.data_model', { detail: problem });
      const proof = await checkProof(credential, expired ? validUntil! : now);
      checks.signature = proof.verified && proof.issuerSigned ? 'passed' : 'failed';
      if (!proof.verified) return answer('invalid', 'credential.reason.signature', { detail: proof.reason });
      // Someone else's key signing over an issuer's name proves nothing about that issuer.
      if (!proof.issuerSigned) return answer('invalid', 'credential.reason.not_issuer_signed');
      const related = await relatedResourceProblem(credential, deps.resourceOrigins ?? []);
      if (related) return answer('invalid', 'credential.reason.related_resource', { detail: related });
      checks.validity = expired ? 'expired' : 'current';
      const issuerId = typeof credential.issuer === 'string' ? credential.issuer : credential.issuer?.id;
      const ours = issuerId === issuer.did;
      if (ours && credential.credentialStatus) {
        const status = credential.credentialStatus;
        const m = /\/api\/credentials\/status\/(\d+)$/.exec(String(status.statusListCredential ?? ''));
        const index = Number(status.statusListIndex);
        checks.status = 'unknown';
        if (!m || !Number.isInteger(index)) return answer('invalid', 'credential.reason.status_unknown');
        const row = await repo.statusAt(Number(m[1]), index);
        if (!row) return answer('invalid', 'credential.reason.status_unknown');
        checks.status = row.revokedAt ? 'revoked' : 'active';
        if (row.revokedAt) return answer('revoked', 'credential.reason.revoked', { revokedAt: row.revokedAt!.toISOString(), issuerKnown: true });
      } else {
        // Another issuer's status list is not fetched (no network at verify time); ours without one is not revocable.
        checks.status = ours ? 'not_listed' : 'not_checked';
      }
      if (expired) return answer('expired', 'credential.reason.expired', { issuerKnown: ours });
      return answer('valid', ours ? 'credential.reason.valid' : 'credential.reason.valid_foreign', { issuerKnown: ours });
    },
  };
  return service;
}

/** What a verifier shows about a credential, whatever its state (read from the JSON, never trusted until verified). */
function describe(c: Record<string, any> | null | undefined) {
  if (!c || typeof c !== 'object') return { issuer: null, issuedAt: null, validUntil: null, name: null, subjectName: null, credentialId: null };
  const issuer = typeof c.issuer === 'string' ? { id: c.issuer } : (c.issuer ?? null);
  const names = Array.isArray(issuer?.name) ? issuer.name : issuer?.name ? [issuer.name] : [];
  // Only strings are shown: a name of another type in a malformed credential reads as none.
  const valueOf = (n: any): string | null => (typeof n === 'string' ? n : typeof n?.['@value'] === 'string' ? n['@value'] : null);
  const nameIn = (lang: string) => {
    const hit = names.find((n: any) => typeof n === 'object' && String(n?.['@language'] ?? '').startsWith(lang));
    return (hit && valueOf(hit)) ?? valueOf(names[0]);
  };
  const subject = Array.isArray(c.credentialSubject) ? c.credentialSubject[0] : c.credentialSubject;
  const identity = Array.isArray(subject?.identifier) ? subject.identifier.find((i: any) => i?.identityType === 'name') : null;
  return {
    issuer: issuer ? { id: typeof issuer.id === 'string' ? issuer.id : null, name: { 'zh-CN': nameIn('zh'), en: nameIn('en') } } : null,
    issuedAt: typeof c.validFrom === 'string' ? c.validFrom : typeof c.issuanceDate === 'string' ? c.issuanceDate : null,
    validUntil: typeof c.validUntil === 'string' ? c.validUntil : null,
    name: typeof c.name === 'string' ? c.name : null,
    achievement: typeof subject?.achievement?.name === 'string' ? subject.achievement.name : null,
    subjectName: typeof identity?.identityHash === 'string' ? identity.identityHash : typeof subject?.name === 'string' ? subject.name : null,
    credentialId: typeof c.id === 'string' ? c.id : null,
  };
}

export type CredentialsService = ReturnType<typeof createCredentialsService>;
