// Conversion (转换): programmes with their courses and rules; a resident applies to have credits count for a
// course, within the programme's cap and the balance valid now; an officer approves (the ledger's `use`
// entries) or rejects.
import type { DbOrTx } from '../../db/client';
import { requireResident, requireSignedIn, type RequestContext } from '../../kernel/actor';
import { Conflict, Forbidden, NotFound, invalidField } from '../../kernel/errors';
import { isUuid, newId } from '../../kernel/ids';
import { offsetOf, pageOf, type PageRequest } from '../../kernel/pagination';
import type { ConversionDecision, ConversionRuleInput, ProgrammeCourseInput, ProgrammeInput } from '../../../contracts/credits';
import { allocateUses, canActOnRegion, canReadRegion, conversionCap } from './credits.policy';
import type { ProgrammeRow } from './credits.repository';
import { round1, type CreditsCore } from './credits.core';

export function createConversionService(core: CreditsCore) {
  const { deps, db, repo, clock, requireOfficer, readerRoots, narrow, homeOf, openAccount, summary } = core;

  async function loadProgramme(id: string, tx: DbOrTx = db): Promise<ProgrammeRow> {
    const row = isUuid(id) ? await repo.programme(id, tx) : null;
    if (!row) throw new NotFound('credits.programme_not_found');
    return row;
  }
  function requireProgrammeEditor(ctx: RequestContext, p: ProgrammeRow) {
    const actor = requireOfficer(ctx);
    if (!canActOnRegion(actor, p.ownerRegionCode)) throw new Forbidden('credits.programme_read_only');
    return actor;
  }
  const presentProgramme = (p: ProgrammeRow) => ({
    id: p.id,
    name: p.name,
    provider: p.provider,
    totalCredits: Number(p.totalCredits),
    capRatio: Number(p.capRatio),
    capCredits: conversionCap({ totalCredits: Number(p.totalCredits), capRatio: Number(p.capRatio) }, 0, 0).cap,
    ownerRegionCode: p.ownerRegionCode,
    status: p.status,
    description: p.description,
    createdAt: p.createdAt.toISOString(),
  });

  /** Cap and balance checks of a conversion; throws the translated reason a resident or officer reads. */
  async function checkConversion(
    tx: DbOrTx,
    residentId: string,
    programme: ProgrammeRow,
    courseCredits: number,
    requirements: { category: string; minCredits: number }[],
    alsoPending: number,
  ) {
    const used = round1((await repo.convertedCredits(tx, residentId, programme.id)) + alsoPending);
    const cap = conversionCap({ totalCredits: Number(programme.totalCredits), capRatio: Number(programme.capRatio) }, used, courseCredits);
    if (!cap.isWithin)
      throw new Conflict(
        'credits.conversion_cap',
        { cap: cap.cap, used, course: courseCredits, programme: programme.name },
        { cap: cap.cap, used, courseCredits },
      );
    const account = await openAccount(tx, residentId);
    const allocation = allocateUses(requirements, (await summary(account, tx)).available);
    if (!allocation.ok)
      throw new Conflict(
        'credits.insufficient',
        { category: allocation.category, needed: allocation.needed, available: round1(allocation.available) },
        { category: allocation.category, needed: allocation.needed, available: round1(allocation.available) },
      );
    return { account, uses: allocation.uses };
  }

  async function getConversion(ctx: RequestContext, id: string) {
    const actor = requireSignedIn(ctx);
    const row = isUuid(id) ? await repo.conversion(id) : null;
    const visible = row && (actor.kind === 'resident' ? row.residentId === actor.userId : canReadRegion(actor, row.regionCode));
    if (!row || !visible) throw new NotFound('credits.application_not_found');
    const [programme, course, profile] = await Promise.all([repo.programme(row.programmeId), repo.course(row.courseId), homeOf(row.residentId)]);
    const rule = await repo.rule(row.ruleId);
    return {
      id: row.id,
      residentId: row.residentId,
      residentName: profile?.realName ?? null,
      regionCode: row.regionCode,
      status: row.status,
      decisionNote: row.decisionNote,
      decidedAt: row.decidedAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      programmeId: row.programmeId,
      programmeName: programme?.name ?? '',
      courseName: course?.name ?? '',
      courseCredits: Number(course?.credits ?? 0),
      requirements: rule?.requirements ?? [],
    };
  }

  async function conversionPage(f: { residentId?: string; regionRoots: string[] | null; status?: string }, q: PageRequest) {
    const { rows, total } = await repo.listConversions(f, q.pageSize, offsetOf(q));
    const names = await deps.residents.profiles(rows.map((r) => r.app.residentId));
    return pageOf(
      q,
      rows.map((r) => ({
        id: r.app.id,
        residentId: r.app.residentId,
        residentName: names.get(r.app.residentId)?.realName ?? null,
        regionCode: r.app.regionCode,
        status: r.app.status,
        programmeId: r.app.programmeId,
        programmeName: r.programmeName,
        courseName: r.courseName,
        courseCredits: Number(r.courseCredits),
        decisionNote: r.app.decisionNote,
        createdAt: r.app.createdAt.toISOString(),
      })),
      total,
    );
  }

  return {
    async listProgrammes(ctx: RequestContext, q: PageRequest & { status?: string }) {
      const actor = requireSignedIn(ctx);
      const status = actor.kind === 'resident' ? 'active' : q.status;
      const { rows, total } = await repo.listProgrammes({ status }, q.pageSize, offsetOf(q));
      return pageOf(q, rows.map(presentProgramme), total);
    },
    async getProgramme(ctx: RequestContext, id: string) {
      const actor = requireSignedIn(ctx);
      const p = await loadProgramme(id);
      if (actor.kind === 'resident' && p.status !== 'active') throw new NotFound('credits.programme_not_found');
      const [courses, rules] = await Promise.all([repo.courses(p.id), repo.rules(p.id)]);
      const byId = new Map(courses.map((c) => [c.id, c]));
      const mine = actor.kind === 'resident' ? round1(await repo.convertedCredits(db, actor.userId, p.id)) : null;
      return {
        ...presentProgramme(p),
        convertedByMe: mine,
        courses: courses.map((c) => ({ id: c.id, code: c.code, name: c.name, credits: Number(c.credits) })),
        rules: rules
          .filter((r) => r.status === 'active')
          .map((r) => ({
            id: r.id,
            courseId: r.courseId,
            courseName: byId.get(r.courseId)?.name ?? '',
            courseCredits: Number(byId.get(r.courseId)?.credits ?? 0),
            requirements: r.requirements,
            note: r.note,
          })),
      };
    },
    async createProgramme(ctx: RequestContext, input: ProgrammeInput) {
      const actor = requireOfficer(ctx);
      const owner = input.ownerRegionCode ?? actor.regionCodes[0];
      if (!owner) throw invalidField('ownerRegionCode', 'validation.required');
      if (!canActOnRegion(actor, owner)) throw invalidField('ownerRegionCode', 'region.out_of_scope');
      const id = newId();
      await db.transaction(async (tx) => {
        await repo.insertProgramme(tx, {
          id,
          name: input.name,
          provider: input.provider,
          totalCredits: input.totalCredits.toFixed(1),
          capRatio: input.capRatio.toFixed(2),
          ownerRegionCode: owner,
          status: 'active',
          description: input.description ?? null,
          createdAt: clock.now(),
        });
        await deps.audit(tx, ctx, {
          action: 'credits.programme_create',
          entityType: 'credit_programme',
          entityId: id,
          regionCode: owner,
          details: { ...input },
        });
      });
      return presentProgramme((await repo.programme(id))!);
    },
    async addCourse(ctx: RequestContext, programmeId: string, input: ProgrammeCourseInput) {
      const p = await loadProgramme(programmeId);
      requireProgrammeEditor(ctx, p);
      return db.transaction(async (tx) => {
        const row = await repo.insertCourse(tx, { id: newId(), programmeId: p.id, code: input.code, name: input.name, credits: input.credits.toFixed(1) });
        if (!row) throw invalidField('code', 'credits.course_code_taken');
        await deps.audit(tx, ctx, {
          action: 'credits.course_add',
          entityType: 'credit_programme',
          entityId: p.id,
          regionCode: p.ownerRegionCode,
          details: { ...input },
        });
        return { id: row.id, code: row.code, name: row.name, credits: Number(row.credits) };
      });
    },
    async addRule(ctx: RequestContext, programmeId: string, input: ConversionRuleInput) {
      const p = await loadProgramme(programmeId);
      requireProgrammeEditor(ctx, p);
      const course = isUuid(input.courseId) ? await repo.course(input.courseId) : null;
      if (!course || course.programmeId !== p.id) throw invalidField('courseId', 'credits.course_not_found');
      const id = newId();
      await db.transaction(async (tx) => {
        await repo.insertRule(tx, {
          id,
          programmeId: p.id,
          courseId: course.id,
          requirements: input.requirements,
          note: input.note ?? null,
          status: 'active',
          createdAt: clock.now(),
        });
        await deps.audit(tx, ctx, {
          action: 'credits.rule_add',
          entityType: 'credit_programme',
          entityId: p.id,
          regionCode: p.ownerRegionCode,
          details: { ...input },
        });
      });
      return {
        id,
        courseId: course.id,
        courseName: course.name,
        courseCredits: Number(course.credits),
        requirements: input.requirements,
        note: input.note ?? null,
      };
    },

    async applyConversion(ctx: RequestContext, ruleId: string) {
      const actor = requireResident(ctx);
      const profile = await homeOf(actor.userId);
      if (!profile) throw new NotFound('resident.not_found');
      const rule = isUuid(ruleId) ? await repo.rule(ruleId) : null;
      const programme = rule && rule.status === 'active' ? await repo.programme(rule.programmeId) : null;
      if (!rule || !programme || programme.status !== 'active') throw invalidField('ruleId', 'credits.rule_not_found');
      const course = (await repo.course(rule.courseId))!;
      const id = newId();
      await db.transaction(async (tx) => {
        const account = await openAccount(tx, actor.userId);
        await repo.lockAccount(tx, account.id);
        if (await repo.openConversionFor(tx, actor.userId, course.id)) throw new Conflict('credits.conversion_exists');
        const pendingCredits = await repo.convertedCredits(tx, actor.userId, programme.id, ['submitted']);
        await checkConversion(tx, actor.userId, programme, Number(course.credits), rule.requirements, pendingCredits);
        await repo.insertConversion(tx, {
          id,
          residentId: actor.userId,
          regionCode: profile.homeRegionCode,
          programmeId: programme.id,
          courseId: course.id,
          ruleId: rule.id,
          status: 'submitted',
          createdAt: clock.now(),
        });
        await deps.audit(tx, ctx, {
          action: 'credits.conversion_apply',
          entityType: 'conversion_application',
          entityId: id,
          regionCode: profile.homeRegionCode,
          details: { ruleId },
        });
      });
      return getConversion(ctx, id);
    },
    async decideConversion(ctx: RequestContext, id: string, input: ConversionDecision) {
      const actor = requireOfficer(ctx);
      await db.transaction(async (tx) => {
        const row = isUuid(id) ? await repo.conversion(id, tx, true) : null;
        if (!row || !canActOnRegion(actor, row.regionCode)) throw new NotFound('credits.application_not_found');
        if (row.status !== 'submitted') throw new Conflict('credits.already_decided');
        let now = clock.now();
        if (input.decision === 'approve') {
          const [programme, course, rule] = await Promise.all([repo.programme(row.programmeId, tx), repo.course(row.courseId, tx), repo.rule(row.ruleId, tx)]);
          const account = await openAccount(tx, row.residentId);
          await repo.lockAccount(tx, account.id);
          // The moment of use is when the account is ours: what expired while we waited is not spent.
          now = clock.now();
          const { uses } = await checkConversion(tx, row.residentId, programme!, Number(course!.credits), rule!.requirements, 0);
          for (const [i, use] of uses.entries()) {
            await repo.insertEntryOnce(tx, {
              id: newId(),
              accountId: account.id,
              kind: 'use',
              category: use.category,
              credits: (-use.credits).toFixed(1),
              sourceKey: `conversion:${row.id}:${i}`,
              sourceType: 'conversion',
              title: `${programme!.name} · ${course!.name}`.slice(0, 200),
              createdBy: actor.userId,
              createdAt: now,
              details: { conversionId: row.id, courseId: course!.id },
            });
          }
        }
        await repo.updateConversion(tx, row.id, {
          status: input.decision === 'approve' ? 'approved' : 'rejected',
          decisionNote: input.note ?? null,
          decidedBy: actor.userId,
          decidedAt: now,
        });
        await deps.audit(tx, ctx, {
          action: `credits.conversion_${input.decision}`,
          entityType: 'conversion_application',
          entityId: row.id,
          regionCode: row.regionCode,
          details: { ...input },
        });
      });
      return getConversion(ctx, id);
    },
    getConversion,
    async myConversions(ctx: RequestContext, q: PageRequest & { status?: string }) {
      const actor = requireResident(ctx);
      return conversionPage({ residentId: actor.userId, regionRoots: null, status: q.status }, q);
    },
    async listConversions(ctx: RequestContext, q: PageRequest & { status?: string; region?: string }) {
      const roots = narrow(readerRoots(ctx), q.region);
      return conversionPage({ regionRoots: roots, status: q.status }, q);
    },
    /** The applications the list shows, in batches for an export. */
    async *exportConversions(ctx: RequestContext, q: { status?: string; region?: string }) {
      const roots = narrow(readerRoots(ctx), q.region);
      for (let page = 1; ; page++) {
        const { items } = await conversionPage({ regionRoots: roots, status: q.status }, { page, pageSize: 500 });
        yield items;
        if (items.length < 500) return;
      }
    },
  };
}
