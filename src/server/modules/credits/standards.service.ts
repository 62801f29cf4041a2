// Standards as versioned data: a new version takes effect from a date, deposits keep the version they name;
// the seeds' standards on an empty table.
import type { DbOrTx } from '../../db/client';
import { requireSignedIn, type RequestContext } from '../../kernel/actor';
import { Conflict, FieldErrors, Forbidden, NotFound, invalidField } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { offsetOf, pageOf, type PageRequest } from '../../kernel/pagination';
import type { StandardInput, StandardVersionInput } from '../../../contracts/credits';
import { canEditStandards } from './credits.policy';
import { presentStandard, type CreditsCore } from './credits.core';

export function createStandardsService(core: CreditsCore) {
  const { deps, db, repo, clock, today, requireOfficer } = core;

  function checkStandardShape(input: {
    method: string;
    hoursPerCredit?: number | null;
    fixedCredits?: number | null;
    levels?: Record<string, number> | null;
    autoSourceType?: string | null;
    autoOutcome?: string | null;
  }) {
    const problems: Record<string, { key: string }> = {};
    if (input.method === 'per_hours' && !input.hoursPerCredit) problems.hoursPerCredit = { key: 'validation.required' };
    if (input.method === 'fixed' && input.fixedCredits == null) problems.fixedCredits = { key: 'validation.required' };
    if (input.method === 'by_level' && !Object.keys(input.levels ?? {}).length) problems.levels = { key: 'validation.required' };
    if (!!input.autoSourceType !== !!input.autoOutcome) problems[input.autoSourceType ? 'autoOutcome' : 'autoSourceType'] = { key: 'validation.required' };
    if (Object.keys(problems).length) throw new FieldErrors(problems);
  }

  async function insertStandardVersion(tx: DbOrTx, ctx: RequestContext, code: string, input: StandardVersionInput | StandardInput, status: string) {
    const version = (await repo.maxStandardVersion(tx, code)) + 1;
    const row = await repo.insertStandard(tx, {
      id: newId(),
      code,
      version,
      category: input.category,
      nameZh: input.nameZh,
      nameEn: input.nameEn,
      method: input.method,
      hoursPerCredit: input.hoursPerCredit?.toFixed(1) ?? null,
      fixedCredits: input.fixedCredits?.toFixed(1) ?? null,
      levels: input.levels ?? null,
      maxCredits: input.maxCredits?.toFixed(1) ?? null,
      validityYears: input.validityYears ?? null,
      evidence: input.evidence,
      autoSourceType: input.autoSourceType ?? null,
      autoOutcome: input.autoOutcome ?? null,
      effectiveFrom: input.effectiveFrom,
      status,
      source: input.source ?? null,
      createdBy: ctx.actor?.userId ?? null,
      createdAt: clock.now(),
    });
    if (!row) throw new Conflict('conflict.stale');
    return row;
  }

  return {
    async listStandards(ctx: RequestContext, q: PageRequest & { q?: string; category?: string }) {
      requireSignedIn(ctx);
      const inForce = await repo.standardsInForce(today());
      const needle = q.q?.trim().toLowerCase();
      const all = inForce.filter(
        (s) =>
          (!q.category || s.category === q.category) &&
          (!needle || s.nameZh.includes(needle) || s.nameEn.toLowerCase().includes(needle) || s.code.includes(needle)),
      );
      const scheduled = new Map<string, string>();
      for (const s of await repo.standardVersions()) if (s.effectiveFrom > today() && !scheduled.has(s.code)) scheduled.set(s.code, s.effectiveFrom);
      const items = all.slice(offsetOf(q), offsetOf(q) + q.pageSize).map((s) => ({ ...presentStandard(s), nextVersionFrom: scheduled.get(s.code) ?? null }));
      return pageOf(q, items, all.length);
    },
    async getStandard(ctx: RequestContext, code: string) {
      requireSignedIn(ctx);
      const versions = await repo.standardVersions(code);
      if (!versions.length) throw new NotFound('credits.standard_not_found');
      const [current] = await repo.standardsInForce(today(), db, { code });
      return { code, current: current ? presentStandard(current) : null, versions: versions.map(presentStandard) };
    },
    async createStandard(ctx: RequestContext, input: StandardInput) {
      const actor = requireOfficer(ctx);
      if (!canEditStandards(actor)) throw new Forbidden('auth.forbidden');
      checkStandardShape(input);
      return db.transaction(async (tx) => {
        if (await repo.maxStandardVersion(tx, input.code)) throw invalidField('code', 'credits.code_taken');
        const row = await insertStandardVersion(tx, ctx, input.code, input, 'active');
        await deps.audit(tx, ctx, { action: 'credits.standard_create', entityType: 'credit_standard', entityId: row.id, details: { ...input } });
        return presentStandard(row);
      });
    },
    /** A new version from a date (today or later): deposits already made keep the version they name. */
    async addStandardVersion(ctx: RequestContext, code: string, input: StandardVersionInput) {
      const actor = requireOfficer(ctx);
      if (!canEditStandards(actor)) throw new Forbidden('auth.forbidden');
      checkStandardShape(input);
      if (input.effectiveFrom < today()) throw invalidField('effectiveFrom', 'credits.effective_past');
      return db.transaction(async (tx) => {
        if (!(await repo.maxStandardVersion(tx, code))) throw new NotFound('credits.standard_not_found');
        const row = await insertStandardVersion(tx, ctx, code, input, input.status);
        await deps.audit(tx, ctx, { action: 'credits.standard_version', entityType: 'credit_standard', entityId: row.id, details: { code, ...input } });
        return presentStandard(row);
      });
    },
    /** Seeds the standards of the seeds' credit-bank clauses on an empty table. */
    async seedStandards(tx: DbOrTx, seeds: (StandardInput & { effectiveFrom: string })[]) {
      if (await repo.countStandards(tx)) return 0;
      for (const s of seeds) await insertStandardVersion(tx, { actor: null, ip: null, locale: 'zh-CN' }, s.code, s, 'active');
      return seeds.length;
    },
  };
}
