// All SQL of monitoring except the named queries: the catalogue with its versions, computed values,
// forms (templates, tasks, assignments, every submitted version), reminder notices, and the population
// figures the population page compares (read from the regions module's table, never written here).
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { updateVersioned } from '../../db/versioned-update';
import { selectPage } from '../../db/paged-select';
import {
  indicatorDefinitions,
  indicatorDefinitionVersions,
  standardSets,
  standardSetVersions,
  regionStandardSets,
  indicatorValues,
  formTemplates,
  formTasks,
  formAssignments,
  formSubmissions,
  monitoringNotices,
} from '../../db/schema/index';
import type { PgTable } from 'drizzle-orm/pg-core';
import { rowsOf } from '../../kernel/rate-limit';
import { underRoots } from '../../kernel/region-scope';
import { containingPattern } from '../../kernel/search-text';

export type DefinitionRow = typeof indicatorDefinitions.$inferSelect;
export type StandardSetRow = typeof standardSets.$inferSelect;
export type ValueRow = typeof indicatorValues.$inferSelect;
export type TemplateRow = typeof formTemplates.$inferSelect;
export type TaskRow = typeof formTasks.$inferSelect;
export type AssignmentRow = typeof formAssignments.$inferSelect;
export type SubmissionRow = typeof formSubmissions.$inferSelect;
export type NoticeRow = typeof monitoringNotices.$inferSelect;

/**
 * Indicator definitions and standard sets are each a code's body kept with every version it had: the same writes
 * over either pair of tables. `extra` is the current row's own columns, written when the code is first saved.
 */
function bodiesWithHistory<T extends typeof indicatorDefinitions | typeof standardSets>(current: T, history: typeof indicatorDefinitionVersions) {
  type Extra = Omit<T['$inferInsert'], 'code' | 'body' | 'version' | 'updatedAt'>;
  // drizzle types a write to a generic table only as any table's; Extra and the parameters keep each caller's columns checked.
  const anyCurrent = current as PgTable;
  return {
    /** Writes each code not there yet as its version 1, leaving a code already there as it is. */
    async seed(tx: DbOrTx, rows: ({ code: string; body: unknown } & Extra)[], at: Date) {
      for (const { code, body, ...extra } of rows) {
        const inserted = await tx
          .insert(anyCurrent)
          .values({ code, body, ...extra, version: 1, updatedAt: at })
          .onConflictDoNothing()
          .returning({ code: current.code });
        if (inserted.length) await tx.insert(history).values({ code, version: 1, body, changedBy: 'system', changedAt: at });
      }
    },
    /** Saves a new version (the first when expectedVersion is null); null when someone saved another version meanwhile. */
    async save(tx: DbOrTx, code: string, body: unknown, expectedVersion: number | null, by: string, at: Date, extra: Extra) {
      let version: number;
      if (expectedVersion === null) {
        await tx.insert(anyCurrent).values({ code, body, ...extra, version: 1, updatedAt: at });
        version = 1;
      } else {
        const [row] = await tx
          .update(anyCurrent)
          .set({ body, version: expectedVersion + 1, updatedAt: at })
          .where(and(eq(current.code, code), eq(current.version, expectedVersion)))
          .returning({ version: current.version });
        if (!row) return null;
        version = row.version;
      }
      await tx.insert(history).values({ code, version, body, changedBy: by, changedAt: at });
      return version;
    },
  };
}
const definitionBodies = bodiesWithHistory(indicatorDefinitions, indicatorDefinitionVersions);
const standardSetBodies = bodiesWithHistory(standardSets, standardSetVersions);

export function createMonitoringRepository(db: Db) {
  return {
    // ---- catalogue ----
    definitions: () => db.select().from(indicatorDefinitions).orderBy(asc(indicatorDefinitions.sortOrder), asc(indicatorDefinitions.code)),
    definition: async (code: string) => (await db.select().from(indicatorDefinitions).where(eq(indicatorDefinitions.code, code)))[0] ?? null,
    definitionHistory: (code: string) =>
      db.select().from(indicatorDefinitionVersions).where(eq(indicatorDefinitionVersions.code, code)).orderBy(desc(indicatorDefinitionVersions.version)),
    seedDefinitions: (tx: DbOrTx, rows: { code: string; body: unknown; sortOrder: number }[], at: Date) => definitionBodies.seed(tx, rows, at),
    saveDefinition: (tx: DbOrTx, code: string, body: unknown, expectedVersion: number | null, by: string, at: Date, sortOrder: number) =>
      definitionBodies.save(tx, code, body, expectedVersion, by, at, { sortOrder }),

    standardSets: () => db.select().from(standardSets).orderBy(asc(standardSets.code)),
    standardSet: async (code: string) => (await db.select().from(standardSets).where(eq(standardSets.code, code)))[0] ?? null,
    standardSetHistory: (code: string) =>
      db.select().from(standardSetVersions).where(eq(standardSetVersions.code, code)).orderBy(desc(standardSetVersions.version)),
    seedStandardSets: (tx: DbOrTx, rows: { code: string; body: unknown }[], at: Date) => standardSetBodies.seed(tx, rows, at),
    saveStandardSet: (tx: DbOrTx, code: string, body: unknown, expectedVersion: number | null, by: string, at: Date) =>
      standardSetBodies.save(tx, code, body, expectedVersion, by, at, {}),
    chosenSets: async (regionCode: string) =>
      (await db.select({ setCode: regionStandardSets.setCode }).from(regionStandardSets).where(eq(regionStandardSets.regionCode, regionCode))).map(
        (r) => r.setCode,
      ),
    /** The chosen sets of the nearest region (itself or an ancestor) that has chosen any. */
    async chosenSetsFor(regionCode: string): Promise<{ regionCode: string; sets: string[] } | null> {
      const r = rowsOf<{ region: string; sets: string[] }>(
        await db.execute(sql`
        select region_code as region, array_agg(set_code order by set_code) as sets from region_standard_sets
        where ${regionCode} like region_code || '%' group by region_code order by length(region_code) desc limit 1`),
      );
      return r[0] ? { regionCode: r[0].region, sets: r[0].sets } : null;
    },
    async chooseSets(tx: DbOrTx, regionCode: string, sets: string[]) {
      await tx.delete(regionStandardSets).where(eq(regionStandardSets.regionCode, regionCode));
      if (sets.length) await tx.insert(regionStandardSets).values(sets.map((setCode) => ({ regionCode, setCode })));
    },
    async seedChoice(tx: DbOrTx, regionCode: string, sets: string[]) {
      if (sets.length)
        await tx
          .insert(regionStandardSets)
          .values(sets.map((setCode) => ({ regionCode, setCode })))
          .onConflictDoNothing();
    },

    // ---- computed values ----
    async replaceValues(tx: DbOrTx, rootCode: string, year: number, codes: string[] | null, rows: (typeof indicatorValues.$inferInsert)[]) {
      // Writers of one year's values take turns (the scheduled refresh in one process, a recomputation
      // pressed in another, an accepted form in a third): interleaved delete-then-insert would double rows.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`indicator_values:${year}`}))`);
      const codeFilter = codes ? (codes.length ? inArray(indicatorValues.indicatorCode, codes) : sql`false`) : sql`true`;
      await tx.delete(indicatorValues).where(and(eq(indicatorValues.year, year), sql`${indicatorValues.regionCode} like ${rootCode + '%'}`, codeFilter));
      // One statement per 5,000 values, the rows as one JSON parameter: tens of thousands of values (a city
      // at scale) would otherwise cost a bound parameter each and a statement per thousand. Provenance goes
      // as a JSON string per row, cast once: json_to_recordset turning nested objects into jsonb is ~10× slower.
      for (let i = 0; i < rows.length; i += 5000) {
        const chunk = rows.slice(i, i + 5000).map((r) => ({
          r: r.regionCode,
          y: r.year,
          c: r.indicatorCode,
          v: r.value ?? null,
          d: r.definitionVersion,
          p: JSON.stringify(r.provenance),
          t: new Date(r.computedAt as Date).toISOString(),
        }));
        await tx.execute(sql`insert into indicator_values (region_code, year, indicator_code, value, definition_version, provenance, computed_at)
          select r, y, c, v, d, p::jsonb, t::timestamptz from json_to_recordset(${JSON.stringify(chunk)}::json) as x(r varchar, y int, c varchar, v float8, d int, p text, t text)`);
      }
    },
    valuesFor: (rootCode: string, year: number) =>
      db
        .select()
        .from(indicatorValues)
        .where(and(eq(indicatorValues.year, year), sql`${indicatorValues.regionCode} like ${rootCode + '%'}`)),
    /** Values of some regions (exact codes) for one year. */
    valuesOf: (codes: string[], year: number) =>
      codes.length
        ? db
            .select()
            .from(indicatorValues)
            .where(and(eq(indicatorValues.year, year), inArray(indicatorValues.regionCode, codes)))
        : Promise.resolve([] as ValueRow[]),
    value: async (regionCode: string, year: number, indicator: string) =>
      (
        await db
          .select()
          .from(indicatorValues)
          .where(and(eq(indicatorValues.regionCode, regionCode), eq(indicatorValues.year, year), eq(indicatorValues.indicatorCode, indicator)))
      )[0] ?? null,
    /** One region's values across years (trends). */
    trend: (regionCode: string, codes: string[]) =>
      db
        .select({ year: indicatorValues.year, code: indicatorValues.indicatorCode, value: indicatorValues.value })
        .from(indicatorValues)
        .where(and(eq(indicatorValues.regionCode, regionCode), inArray(indicatorValues.indicatorCode, codes)))
        .orderBy(asc(indicatorValues.year)),
    /** When a region's figures of a year were last computed (ISO 8601), null when never. */
    async lastComputedAt(rootCode: string, year: number) {
      const at =
        rowsOf<{ at: string | null }>(
          await db.execute(sql`select max(computed_at)::text as at from indicator_values where year = ${year} and region_code = ${rootCode}`),
        )[0]?.at ?? null;
      return at ? new Date(at.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00')).toISOString() : null;
    },

    /**
     * Every assignment of a year's tasks under a region, with its status and (once accepted) values: the
     * accepted ones give the figures, all of them the coverage (who should have reported and who did).
     */
    assignmentsOfYear: (rootCode: string, year: number) =>
      db
        .select({
          assignmentId: formAssignments.id,
          regionCode: formAssignments.regionCode,
          institutionId: formAssignments.institutionId,
          unitName: formAssignments.unitName,
          status: formAssignments.status,
          values: formAssignments.acceptedValues,
          period: formTasks.period,
          fields: formTasks.fields,
        })
        .from(formAssignments)
        .innerJoin(formTasks, eq(formTasks.id, formAssignments.taskId))
        .where(and(sql`${formAssignments.regionCode} like ${rootCode + '%'}`, sql`left(${formTasks.period}, 4) = ${String(year)}`))
        .orderBy(asc(formTasks.period)),

    // ---- forms ----
    async insertTemplate(tx: DbOrTx, row: typeof formTemplates.$inferInsert) {
      await tx.insert(formTemplates).values(row);
    },
    async updateTemplate(tx: DbOrTx, id: string, patch: Partial<typeof formTemplates.$inferInsert>, expectedVersion: number) {
      return updateVersioned(tx, formTemplates, id, patch, expectedVersion);
    },
    template: async (id: string) => (await db.select().from(formTemplates).where(eq(formTemplates.id, id)))[0] ?? null,
    async templates(roots: string[] | null, page: { limit: number; offset: number; q?: string }) {
      const w = and(underRoots(formTemplates.ownerRegionCode, roots), page.q ? sql`${formTemplates.title} like ${containingPattern(page.q)}` : sql`true`);
      return selectPage(db, formTemplates, w, [desc(formTemplates.createdAt), asc(formTemplates.id)], page);
    },

    async insertTask(tx: DbOrTx, task: typeof formTasks.$inferInsert, assignments: (typeof formAssignments.$inferInsert)[]) {
      await tx.insert(formTasks).values(task);
      await tx.insert(formAssignments).values(assignments);
    },
    task: async (id: string) => (await db.select().from(formTasks).where(eq(formTasks.id, id)))[0] ?? null,
    async tasks(roots: string[] | null, page: { limit: number; offset: number; period?: string }) {
      const w = and(underRoots(formTasks.ownerRegionCode, roots), page.period ? eq(formTasks.period, page.period) : sql`true`);
      const t = formTasks;
      const rows = rowsOf<TaskRow & { total: number; submitted: number; accepted: number; onTime: number }>(
        await db.execute(sql`
        select ${t.id} as id, ${t.templateId} as "templateId", ${t.title} as title, ${t.period} as period, ${t.deadline} as deadline,
          ${t.ownerRegionCode} as "ownerRegionCode", ${t.createdAt} as "createdAt",
          count(a.id)::int as total, count(a.id) filter (where a.status in ('submitted', 'accepted'))::int as submitted,
          count(a.id) filter (where a.status = 'accepted')::int as accepted,
          count(a.id) filter (where a.first_submitted_at is not null and a.first_submitted_at <= ${t.deadline})::int as "onTime"
        from ${t} left join form_assignments a on a.task_id = ${t.id}
        where ${w} group by ${t.id} order by ${t.createdAt} desc, ${t.id} limit ${page.limit} offset ${page.offset}`),
      );
      const [{ n }] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(formTasks)
        .where(w);
      return { rows, total: Number(n) };
    },
    assignmentsOfTask: (taskId: string) =>
      db.select().from(formAssignments).where(eq(formAssignments.taskId, taskId)).orderBy(asc(formAssignments.regionCode), asc(formAssignments.unitName)),
    assignment: async (id: string, tx: DbOrTx = db) => (await tx.select().from(formAssignments).where(eq(formAssignments.id, id)))[0] ?? null,
    /** Assignments a unit must fill: its regions' (and institutions') within scope. */
    async assignmentsFor(f: { roots: string[] | null; institutionIds: string[]; status?: string; limit: number; offset: number }) {
      const unit =
        f.roots === null
          ? sql`true`
          : sql`(${underRoots(formAssignments.regionCode, f.roots)} or ${f.institutionIds.length ? inArray(formAssignments.institutionId, f.institutionIds) : sql`false`})`;
      const w = and(unit, f.status ? eq(formAssignments.status, f.status) : sql`true`);
      const rows = await db
        .select({ a: formAssignments, t: formTasks })
        .from(formAssignments)
        .innerJoin(formTasks, eq(formTasks.id, formAssignments.taskId))
        .where(w)
        .orderBy(asc(formTasks.deadline), asc(formAssignments.id))
        .limit(f.limit)
        .offset(f.offset);
      const [{ n }] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(formAssignments)
        .where(w);
      return { rows, total: Number(n) };
    },
    submissions: (assignmentId: string) =>
      db.select().from(formSubmissions).where(eq(formSubmissions.assignmentId, assignmentId)).orderBy(desc(formSubmissions.version)),
    /** Adds the next version; null when the assignment moved on meanwhile (accepted, or someone else submitted). */
    async addSubmission(tx: DbOrTx, a: AssignmentRow, row: Omit<typeof formSubmissions.$inferInsert, 'version' | 'assignmentId'>) {
      const version = a.currentVersion + 1;
      const [moved] = await tx
        .update(formAssignments)
        .set({ status: 'submitted', currentVersion: version, firstSubmittedAt: a.firstSubmittedAt ?? row.submittedAt })
        .where(
          and(eq(formAssignments.id, a.id), eq(formAssignments.currentVersion, a.currentVersion), inArray(formAssignments.status, ['pending', 'returned'])),
        )
        .returning({ id: formAssignments.id });
      if (!moved) return null;
      await tx.insert(formSubmissions).values({ ...row, assignmentId: a.id, version });
      return version;
    },
    async review(tx: DbOrTx, a: AssignmentRow, d: { decision: 'accepted' | 'returned'; comment: string; by: string; at: Date; values: unknown }) {
      const [moved] = await tx
        .update(formAssignments)
        .set({
          status: d.decision,
          ...(d.decision === 'accepted' ? { acceptedAt: d.at, acceptedValues: d.values } : {}),
        })
        .where(and(eq(formAssignments.id, a.id), eq(formAssignments.status, 'submitted'), eq(formAssignments.currentVersion, a.currentVersion)))
        .returning({ id: formAssignments.id });
      if (!moved) return false;
      await tx
        .update(formSubmissions)
        .set({ decision: d.decision, comment: d.comment || null, reviewedBy: d.by, reviewedAt: d.at })
        .where(and(eq(formSubmissions.assignmentId, a.id), eq(formSubmissions.version, a.currentVersion)));
      return true;
    },
    /** On-time rate per unit over every task whose deadline has passed. */
    onTimeByUnit: async (roots: string[] | null, now: Date) =>
      rowsOf<{ regionCode: string; institutionId: string | null; unitName: string; due: number; onTime: number; late: number; missing: number }>(
        await db.execute(sql`
      select a.region_code as "regionCode", a.institution_id as "institutionId", min(a.unit_name) as "unitName", count(*)::int as due,
        count(*) filter (where a.first_submitted_at <= t.deadline)::int as "onTime",
        count(*) filter (where a.first_submitted_at > t.deadline)::int as late,
        count(*) filter (where a.first_submitted_at is null)::int as missing
      from form_assignments a join form_tasks t on t.id = a.task_id
      where t.deadline <= ${now.toISOString()} and ${underRoots(sql`a.region_code`, roots)}
      group by a.region_code, a.institution_id order by a.region_code`),
      ),

    // ---- reminders ----
    /** Runs `fn` only when no other process is running it (a transaction-scoped advisory lock). */
    async exclusively<T>(lockKey: number, fn: (tx: DbOrTx) => Promise<T>): Promise<T | null> {
      return db.transaction(async (tx) => {
        const [{ locked }] = rowsOf<{ locked: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(${lockKey}) as locked`));
        if (!locked) return null;
        return fn(tx);
      });
    },
    async dueForReminder(tx: DbOrTx, now: Date, aheadMs: number) {
      return rowsOf<{
        id: string;
        regionCode: string;
        institutionId: string | null;
        unitName: string;
        title: string;
        period: string;
        deadline: string;
        kind: 'due_soon' | 'overdue';
      }>(
        await tx.execute(sql`
        select a.id, a.region_code as "regionCode", a.institution_id as "institutionId", a.unit_name as "unitName", t.title, t.period,
          t.deadline::text as deadline, case when t.deadline < ${now.toISOString()} then 'overdue' else 'due_soon' end as kind
        from form_assignments a join form_tasks t on t.id = a.task_id
        where a.status in ('pending', 'returned') and t.deadline < ${new Date(now.getTime() + aheadMs).toISOString()}
          and not exists (select 1 from monitoring_notices n where n.assignment_id = a.id
            and n.kind = case when t.deadline < ${now.toISOString()} then 'overdue' else 'due_soon' end)`),
      );
    },
    async insertNotices(tx: DbOrTx, rows: (typeof monitoringNotices.$inferInsert)[]) {
      if (rows.length) await tx.insert(monitoringNotices).values(rows).onConflictDoNothing();
    },
    async notices(roots: string[] | null, institutionIds: string[], page: { limit: number; offset: number }) {
      const w =
        roots === null
          ? sql`true`
          : sql`(${underRoots(monitoringNotices.regionCode, roots)} or ${institutionIds.length ? inArray(monitoringNotices.institutionId, institutionIds) : sql`false`})`;
      return selectPage(db, monitoringNotices, w, [desc(monitoringNotices.createdAt), asc(monitoringNotices.id)], page);
    },

    // ---- population (region_populations belongs to the regions module: read-only here) ----
    /** The latest figure at or before `year` for each of `codes` that has one. */
    async populationsAsOf(codes: string[], year: number) {
      if (!codes.length) return [];
      return rowsOf<{ code: string; year: number; total: number; age60plus: number | null; source: string }>(
        await db.execute(sql`
        select distinct on (region_code) region_code as code, year::int as year, total::int as total, age_60_plus::int as "age60plus", source
        from region_populations where region_code in (${sql.join(
          codes.map((c) => sql`${c}`),
          sql`, `,
        )}) and year <= ${year}
        order by region_code, year desc`),
      );
    },
  };
}

export type MonitoringRepository = ReturnType<typeof createMonitoringRepository>;
