// Recognition (认定): a resident applies with evidence for learning done elsewhere; an officer of their
// region approves (an archive record and a deposit in one transaction), rejects or asks for more.
import type { DbOrTx } from '../../db/client';
import { requireResident, requireSignedIn, type Actor, type RequestContext } from '../../kernel/actor';
import { Conflict, NotFound, invalidField } from '../../kernel/errors';
import { isUuid, newId } from '../../kernel/ids';
import { offsetOf, pageOf, type PageRequest } from '../../kernel/pagination';
import type { RecognitionDecision, RecognitionInput, ResubmissionInput } from '../../../contracts/credits';
import { canActOnRegion, canReadRegion, creditsFor } from './credits.policy';
import type { RecognitionRow } from './credits.repository';
import { num, shanghaiDay, terms, type CreditsCore } from './credits.core';
import { localTime } from '../../../contracts/local-time';

export function createRecognitionService(core: CreditsCore) {
  const { deps, db, repo, clock, today, requireOfficer, readerRoots, narrow, homeOf, deposit, expiryOf, requireStillValid, standardInForce } = core;

  async function loadRecognition(ctx: RequestContext, id: string, tx: DbOrTx = db, lock = false): Promise<RecognitionRow> {
    const actor = requireSignedIn(ctx);
    const row = isUuid(id) ? await repo.recognition(id, tx, lock) : null;
    const visible = row && (actor.kind === 'resident' ? row.residentId === actor.userId : canReadRegion(actor, row.regionCode));
    if (!row || !visible) throw new NotFound('credits.application_not_found');
    return row;
  }

  /** One step of an application's review, with who took it (the history the resident and the officers read). */
  function recordStep(tx: DbOrTx, applicationId: string, actor: Actor, step: { action: string; note: string | null; fileIds: string[]; at: Date }) {
    return repo.insertStep(tx, { id: newId(), applicationId, ...step, actorId: actor.userId, actorName: actor.displayName });
  }

  function recognitionFields(row: RecognitionRow) {
    return {
      id: row.id,
      residentId: row.residentId,
      regionCode: row.regionCode,
      standardCode: row.standardCode,
      title: row.title,
      provider: row.provider,
      occurredOn: row.occurredOn,
      hours: num(row.hours),
      level: row.level,
      description: row.description,
      status: row.status,
      credits: num(row.credits),
      decisionNote: row.decisionNote,
      decidedAt: row.decidedAt?.toISOString() ?? null,
      credentialId: row.credentialId,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }
  /** An application as lists show it. */
  const presentRecognition = (row: RecognitionRow) => ({ ...recognitionFields(row), evidenceCount: row.evidenceFileIds.length });
  /** One application with its evidence and review steps. */
  async function presentRecognitionDetail(row: RecognitionRow) {
    const [steps, evidence, profile] = await Promise.all([repo.steps(row.id), deps.files.describe(row.evidenceFileIds), homeOf(row.residentId)]);
    return {
      ...recognitionFields(row),
      residentName: profile?.realName ?? null,
      evidence,
      steps: steps.map((s) => ({ action: s.action, note: s.note, fileIds: s.fileIds, actorName: s.actorName, at: s.at.toISOString() })),
    };
  }

  return {
    async applyRecognition(ctx: RequestContext, input: RecognitionInput) {
      const actor = requireResident(ctx);
      const profile = await homeOf(actor.userId);
      if (!profile) throw new NotFound('resident.not_found');
      if (input.occurredOn > today()) throw invalidField('occurredOn', 'archive.future_date');
      // Learning already past the named standard's validity is refused now, not after an officer's review.
      if (input.standardCode) requireStillValid(await standardInForce(input.standardCode), localTime.startOfDay(input.occurredOn));
      const id = newId();
      const now = clock.now();
      await db.transaction(async (tx) => {
        await repo.insertRecognition(tx, {
          id,
          residentId: actor.userId,
          regionCode: profile.homeRegionCode,
          standardCode: input.standardCode ?? null,
          title: input.title,
          provider: input.provider,
          occurredOn: input.occurredOn,
          hours: input.hours?.toFixed(1) ?? null,
          level: input.level ?? null,
          description: input.description ?? null,
          evidenceFileIds: input.evidenceFileIds,
          status: 'submitted',
          createdAt: now,
          updatedAt: now,
        });
        await deps.files.claim(tx, ctx, input.evidenceFileIds, profile.homeRegionCode);
        await recordStep(tx, id, actor, { action: 'submitted', note: input.description ?? null, fileIds: input.evidenceFileIds, at: now });
        await deps.audit(tx, ctx, {
          action: 'credits.recognition_apply',
          entityType: 'recognition_application',
          entityId: id,
          regionCode: profile.homeRegionCode,
          details: { title: input.title, standardCode: input.standardCode },
        });
      });
      return presentRecognitionDetail((await repo.recognition(id))!);
    },
    async resubmitRecognition(ctx: RequestContext, id: string, input: ResubmissionInput) {
      const actor = requireResident(ctx);
      return db
        .transaction(async (tx) => {
          const row = await loadRecognition(ctx, id, tx, true);
          if (row.status !== 'more_info') throw new Conflict('credits.not_awaiting_info');
          if (!input.evidenceFileIds.length && !input.note) throw invalidField('evidenceFileIds', 'credits.evidence_required');
          await deps.files.claim(tx, ctx, input.evidenceFileIds, row.regionCode);
          const now = clock.now();
          await repo.updateRecognition(tx, row.id, {
            status: 'submitted',
            evidenceFileIds: [...row.evidenceFileIds, ...input.evidenceFileIds],
            updatedAt: now,
          });
          await recordStep(tx, row.id, actor, { action: 'resubmitted', note: input.note ?? null, fileIds: input.evidenceFileIds, at: now });
          await deps.audit(tx, ctx, {
            action: 'credits.recognition_resubmit',
            entityType: 'recognition_application',
            entityId: row.id,
            regionCode: row.regionCode,
            details: { files: input.evidenceFileIds.length },
          });
          return row.id;
        })
        .then(async (rid) => presentRecognitionDetail((await repo.recognition(rid))!));
    },
    async decideRecognition(ctx: RequestContext, id: string, input: RecognitionDecision) {
      const actor = requireOfficer(ctx);
      return db
        .transaction(async (tx) => {
          const row = await loadRecognition(ctx, id, tx, true);
          if (!canActOnRegion(actor, row.regionCode)) throw new NotFound('credits.application_not_found');
          if (row.status !== 'submitted') throw new Conflict(row.status === 'more_info' ? 'credits.awaiting_resident' : 'credits.already_decided');
          const now = clock.now();
          let patch: Partial<RecognitionRow> = { decisionNote: input.note ?? null, decidedBy: actor.userId, decidedAt: now, updatedAt: now };
          let step: string = input.decision;
          if (input.decision === 'approve') {
            const standard = await standardInForce(input.standardCode, tx);
            const hours = input.hours ?? num(row.hours);
            const level = input.level ?? row.level;
            const credits = creditsFor(terms(standard), { hours, level });
            if (!credits) throw invalidField(standard.method === 'by_level' ? 'level' : 'hours', 'credits.no_credits');
            const occurredAt = localTime.startOfDay(row.occurredOn);
            requireStillValid(standard, occurredAt);
            await deps.archive.record(tx, {
              residentId: row.residentId,
              sourceType: 'recognition',
              sourceId: row.id,
              title: row.title,
              hours: hours ?? 0,
              outcome: 'completed',
              provider: row.provider,
              occurredAt,
              recordedBy: actor.userId,
            });
            const entry = await deposit(tx, {
              residentId: row.residentId,
              sourceKey: `recognition:${row.id}`,
              sourceType: 'recognition',
              title: row.title,
              standard,
              hours,
              level,
              occurredAt,
              createdBy: actor.userId,
              details: { applicationId: row.id },
            });
            // What the resident is told is what the ledger holds: the entry's credits, or no approval at all.
            if (!entry)
              throw invalidField('occurredOn', 'credits.past_validity', {
                validUntil: shanghaiDay(expiryOf(standard, occurredAt)!),
                years: standard.validityYears ?? 0,
              });
            patch = { ...patch, status: 'approved', credits: entry.credits, decidedStandardId: standard.id, hours: hours?.toFixed(1) ?? null, level };
            step = 'approved';
          } else if (input.decision === 'reject') {
            patch = { ...patch, status: 'rejected' };
            step = 'rejected';
          } else {
            patch = { ...patch, status: 'more_info', decidedBy: null, decidedAt: null };
            step = 'asked_more';
          }
          await repo.updateRecognition(tx, row.id, patch);
          await recordStep(tx, row.id, actor, { action: step, note: input.note ?? null, fileIds: [], at: now });
          await deps.audit(tx, ctx, {
            action: `credits.recognition_${input.decision}`,
            entityType: 'recognition_application',
            entityId: row.id,
            regionCode: row.regionCode,
            details: { ...input },
          });
          return row.id;
        })
        .then(async (rid) => presentRecognitionDetail((await repo.recognition(rid))!));
    },
    async getRecognition(ctx: RequestContext, id: string) {
      const row = await loadRecognition(ctx, id);
      const view = await presentRecognitionDetail(row);
      // Leaders read the queue, not the resident's evidence: that is for the officers who decide.
      const actor = ctx.actor!;
      if (actor.kind === 'staff' && !canActOnRegion(actor, row.regionCode))
        return { ...view, evidence: [], steps: view.steps.map((st) => ({ ...st, fileIds: [] })) };
      return view;
    },
    async myRecognitions(ctx: RequestContext, q: PageRequest & { status?: string }) {
      const actor = requireResident(ctx);
      const { rows, total } = await repo.listRecognitions({ residentId: actor.userId, regionRoots: null, status: q.status }, q.pageSize, offsetOf(q));
      return pageOf(q, rows.map(presentRecognition), total);
    },
    async listRecognitions(ctx: RequestContext, q: PageRequest & { status?: string; region?: string }) {
      const roots = narrow(readerRoots(ctx), q.region);
      const { rows, total } = await repo.listRecognitions({ regionRoots: roots, status: q.status }, q.pageSize, offsetOf(q));
      const names = await deps.residents.profiles(rows.map((r) => r.residentId));
      return pageOf(
        q,
        rows.map((r) => ({ ...presentRecognition(r), residentName: names.get(r.residentId)?.realName ?? null })),
        total,
      );
    },
    async *exportRecognitions(ctx: RequestContext, q: { status?: string; region?: string }) {
      const roots = narrow(readerRoots(ctx), q.region);
      for (let page = 0; ; page++) {
        const { rows } = await repo.listRecognitions({ regionRoots: roots, status: q.status }, 500, page * 500);
        const names = await deps.residents.profiles(rows.map((r) => r.residentId));
        yield rows.map((r) => ({
          ...r,
          residentName: names.get(r.residentId)?.realName ?? '',
          hours: num(r.hours),
          credits: num(r.credits),
          createdAt: r.createdAt.toISOString(),
          evidenceCount: r.evidenceFileIds.length,
        }));
        if (rows.length < 500) return;
      }
    },
  };
}
