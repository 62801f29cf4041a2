// All SQL about background jobs: their rows, leases and outcomes.
import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { jobs } from '../../db/schema/index';

export type JobRow = typeof jobs.$inferSelect;
export type JobInsert = typeof jobs.$inferInsert;
type JobError = { code: string; message: string; details: Record<string, unknown> };
/** How a job ended: its figures at the end, and a result or an error. */
export type JobOutcome = Pick<JobInsert, 'done' | 'total' | 'phase' | 'finishedAt'> &
  ({ status: 'succeeded'; result: unknown } | { status: 'failed'; error: JobError });

export function createJobsRepository(db: Db) {
  return {
    async insert(row: JobInsert) {
      await db.insert(jobs).values(row);
    },

    async byId(id: string): Promise<JobRow | undefined> {
      const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
      return row;
    },

    /** Extends the lease of those of `ids` still running. */
    async renewLeases(ids: string[], until: Date) {
      await db
        .update(jobs)
        .set({ leaseUntil: until })
        .where(and(inArray(jobs.id, ids), eq(jobs.status, 'running')));
    },

    async finish(id: string, outcome: JobOutcome) {
      await db.update(jobs).set(outcome).where(eq(jobs.id, id));
    },

    /** Fails every running job (the embedded engine at start-up: the one process that ran them stopped). */
    async failRunning(failure: { error: JobError; finishedAt: Date }) {
      await db
        .update(jobs)
        .set({ status: 'failed', ...failure })
        .where(eq(jobs.status, 'running'));
    },

    /**
     * Fails the running jobs whose lease ran out before `now`, and those without a lease (started before leases
     * existed) created before `unleasedBefore`; returns their ids.
     */
    async failExpired(now: Date, unleasedBefore: Date, failure: { error: JobError; finishedAt: Date }): Promise<string[]> {
      const rows = await db
        .update(jobs)
        .set({ status: 'failed', ...failure })
        .where(and(eq(jobs.status, 'running'), or(lt(jobs.leaseUntil, now), and(isNull(jobs.leaseUntil), lt(jobs.createdAt, unleasedBefore)))))
        .returning({ id: jobs.id });
      return rows.map((r) => r.id);
    },

    /** How many jobs are in each state. */
    countByStatus: (): Promise<{ status: string; n: number }[]> =>
      db
        .select({ status: jobs.status, n: sql<number>`count(*)::int` })
        .from(jobs)
        .groupBy(jobs.status),
  };
}

export type JobsRepository = ReturnType<typeof createJobsRepository>;
