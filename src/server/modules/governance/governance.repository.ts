// All SQL about the leading group, member units and duties, tasks, progress reports and supervision.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { selectPage } from '../../db/paged-select';
import {
  governanceTasks,
  leadingGroupMembers,
  memberUnitDuties,
  memberUnits,
  memberUnitStaff,
  memberUnitTemplates,
  supervisionVisits,
  taskProgressReports,
} from '../../db/schema/index';
import { localZoneSql } from '../../kernel/local-time-sql';

export type UnitRow = typeof memberUnits.$inferSelect;
export type TaskRow = typeof governanceTasks.$inferSelect;
export type VisitRow = typeof supervisionVisits.$inferSelect;

export interface TaskFilter {
  regionCodes: string[] | null;
  unitIds?: string[];
  year?: number;
  status?: string;
  kind?: string;
  overdueOn?: string;
  visitId?: string;
}

export function createGovernanceRepository(db: Db) {
  function taskWhere(f: TaskFilter): SQL | undefined {
    const conds: SQL[] = [];
    if (f.regionCodes) conds.push(f.regionCodes.length ? inArray(governanceTasks.regionCode, f.regionCodes) : sql`false`);
    if (f.unitIds) conds.push(f.unitIds.length ? inArray(governanceTasks.ownerUnitId, f.unitIds) : sql`false`);
    if (f.year) conds.push(eq(governanceTasks.year, f.year));
    if (f.status) conds.push(eq(governanceTasks.status, f.status));
    if (f.kind) conds.push(eq(governanceTasks.kind, f.kind));
    if (f.visitId) conds.push(eq(governanceTasks.visitId, f.visitId));
    // Overdue: still open after its deadline (dates compared as local calendar days).
    if (f.overdueOn) conds.push(and(eq(governanceTasks.status, 'open'), sql`${governanceTasks.dueOn} < ${f.overdueOn}`)!);
    return conds.length ? and(...conds) : undefined;
  }

  return {
    async listUnits(f: { regionCodes: string[] | null; unitIds?: string[]; limit: number; offset: number }) {
      const conds: SQL[] = [];
      if (f.regionCodes) conds.push(f.regionCodes.length ? inArray(memberUnits.regionCode, f.regionCodes) : sql`false`);
      if (f.unitIds) conds.push(f.unitIds.length ? inArray(memberUnits.id, f.unitIds) : sql`false`);
      const w = conds.length ? and(...conds) : undefined;
      return selectPage(db, memberUnits, w, [asc(memberUnits.regionCode), asc(memberUnits.position), asc(memberUnits.id)], {
        limit: f.limit,
        offset: f.offset,
      });
    },
    async findUnit(id: string): Promise<UnitRow | null> {
      const [row] = await db.select().from(memberUnits).where(eq(memberUnits.id, id)).limit(1);
      return row ?? null;
    },
    async unitsByIds(ids: string[]) {
      if (!ids.length) return [];
      return db.select().from(memberUnits).where(inArray(memberUnits.id, ids));
    },
    /** Templates saved by these regions (a district's own and those of the regions above it). */
    async templatesOf(regionCodes: string[]) {
      if (!regionCodes.length) return [];
      return db
        .select()
        .from(memberUnitTemplates)
        .where(inArray(memberUnitTemplates.regionCode, regionCodes))
        .orderBy(desc(memberUnitTemplates.createdAt), asc(memberUnitTemplates.id));
    },
    async findTemplate(id: string) {
      const [row] = await db.select().from(memberUnitTemplates).where(eq(memberUnitTemplates.id, id)).limit(1);
      return row ?? null;
    },
    async insertTemplate(tx: DbOrTx, row: typeof memberUnitTemplates.$inferInsert) {
      await tx.insert(memberUnitTemplates).values(row);
    },
    async unitNamesIn(regionCode: string): Promise<Set<string>> {
      return new Set((await db.select({ name: memberUnits.name }).from(memberUnits).where(eq(memberUnits.regionCode, regionCode))).map((r) => r.name));
    },
    async maxUnitPosition(regionCode: string): Promise<number> {
      const [{ n }] = await db
        .select({ n: sql<number>`coalesce(max(${memberUnits.position}), 0)::int` })
        .from(memberUnits)
        .where(eq(memberUnits.regionCode, regionCode));
      return Number(n);
    },
    async insertUnits(tx: DbOrTx, units: (typeof memberUnits.$inferInsert)[], duties: (typeof memberUnitDuties.$inferInsert)[]) {
      if (units.length) await tx.insert(memberUnits).values(units);
      for (let i = 0; i < duties.length; i += 500) await tx.insert(memberUnitDuties).values(duties.slice(i, i + 500));
    },
    async dutiesOf(unitIds: string[]) {
      if (!unitIds.length) return [];
      return db.select().from(memberUnitDuties).where(inArray(memberUnitDuties.unitId, unitIds)).orderBy(asc(memberUnitDuties.position));
    },
    async unitsOfReporter(userId: string): Promise<string[]> {
      return (await db.select({ unitId: memberUnitStaff.unitId }).from(memberUnitStaff).where(eq(memberUnitStaff.userId, userId))).map((r) => r.unitId);
    },
    async reportersOf(unitIds: string[]) {
      if (!unitIds.length) return [];
      return db.select().from(memberUnitStaff).where(inArray(memberUnitStaff.unitId, unitIds));
    },
    async bindReporter(tx: DbOrTx, userId: string, unitId: string) {
      await tx.insert(memberUnitStaff).values({ userId, unitId }).onConflictDoNothing();
    },

    async listGroup(regionCodes: string[] | null, limit: number, offset: number) {
      const w = regionCodes ? (regionCodes.length ? inArray(leadingGroupMembers.regionCode, regionCodes) : sql`false`) : undefined;
      const order = sql`case ${leadingGroupMembers.groupRole} when 'leader' then 1 when 'deputy' then 2 when 'member' then 3 else 4 end`;
      return selectPage(db, leadingGroupMembers, w, [order, asc(leadingGroupMembers.createdAt)], { limit, offset });
    },
    async insertGroupMember(tx: DbOrTx, row: typeof leadingGroupMembers.$inferInsert) {
      await tx.insert(leadingGroupMembers).values(row);
    },

    async listTasks(f: TaskFilter & { limit: number; offset: number }) {
      const w = taskWhere(f);
      return selectPage(db, governanceTasks, w, [asc(governanceTasks.dueOn), asc(governanceTasks.title), asc(governanceTasks.id)], {
        limit: f.limit,
        offset: f.offset,
      });
    },
    async findTask(id: string, tx: DbOrTx = db): Promise<TaskRow | null> {
      const [row] = await tx.select().from(governanceTasks).where(eq(governanceTasks.id, id)).limit(1);
      return row ?? null;
    },
    async insertTasks(tx: DbOrTx, rows: (typeof governanceTasks.$inferInsert)[]) {
      if (rows.length) await tx.insert(governanceTasks).values(rows);
    },
    async completeTask(tx: DbOrTx, id: string, at: Date, note: string): Promise<boolean> {
      const rows = await tx
        .update(governanceTasks)
        .set({ status: 'done', completedAt: at, closingNote: note })
        .where(and(eq(governanceTasks.id, id), eq(governanceTasks.status, 'open')))
        .returning({ id: governanceTasks.id });
      return rows.length === 1;
    },
    async reportsOf(taskIds: string[]) {
      if (!taskIds.length) return [];
      return db.select().from(taskProgressReports).where(inArray(taskProgressReports.taskId, taskIds)).orderBy(desc(taskProgressReports.reportedAt));
    },
    async insertReport(tx: DbOrTx, row: typeof taskProgressReports.$inferInsert) {
      await tx.insert(taskProgressReports).values(row);
    },
    /** Per unit: tasks due by `until`, and how many got a progress report on or before their deadline (on-time reporting). */
    async onTimeReporting(regionCode: string, year: number, until: string) {
      const rows = await db.execute(sql`
        select t.owner_unit_id as unit_id, count(*)::int as due,
          count(*) filter (where exists (select 1 from task_progress_reports r where r.task_id = t.id and (r.reported_at at time zone ${localZoneSql()})::date <= t.due_on))::int as on_time
        from governance_tasks t where t.region_code = ${regionCode} and t.year = ${year} and t.due_on <= ${until} group by t.owner_unit_id`);
      return (rows as unknown as { rows: { unit_id: string; due: number; on_time: number }[] }).rows.map((r) => ({
        unitId: r.unit_id,
        due: Number(r.due),
        onTime: Number(r.on_time),
      }));
    },

    async listVisits(regionCodes: string[] | null, limit: number, offset: number) {
      const w = regionCodes ? (regionCodes.length ? inArray(supervisionVisits.regionCode, regionCodes) : sql`false`) : undefined;
      return selectPage(db, supervisionVisits, w, [desc(supervisionVisits.visitedOn), asc(supervisionVisits.id)], { limit, offset });
    },
    async findVisit(id: string): Promise<VisitRow | null> {
      const [row] = await db.select().from(supervisionVisits).where(eq(supervisionVisits.id, id)).limit(1);
      return row ?? null;
    },
    async insertVisit(tx: DbOrTx, row: typeof supervisionVisits.$inferInsert) {
      await tx.insert(supervisionVisits).values(row);
    },
  };
}

export type GovernanceRepository = ReturnType<typeof createGovernanceRepository>;
