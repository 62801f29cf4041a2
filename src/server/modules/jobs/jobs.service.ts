// Long work (imports, reports, draws) runs after the request that started it has answered; the starter
// polls for progress. Status and result are kept in the database so any process can answer; progress is
// also kept in memory because, on the embedded engine, the database is busy inside the work's own
// transaction and a progress write would have to wait for it.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { jobs } from '../../db/schema/index';
import type { Clock } from '../../kernel/clock';
import type { RequestContext } from '../../kernel/actor';
import { DomainError, NotFound, Unauthenticated, describeDomainError } from '../../kernel/errors';
import { translate } from '../../kernel/messages';
import { newId, isUuid } from '../../kernel/ids';
import { counter } from '../../kernel/metrics';

const jobFailures = counter('learncity_job_failures_total', 'Background jobs (imports, reports, draws) that ended in failure, by kind');

export type Progress = (done: number, total?: number, phase?: string) => void;

interface LiveJob { done: number; total: number | null; phase: string | null; settled: Promise<void> }

export function createJobsService(deps: { db: Db; clock: Clock; log?: (e: unknown) => void }) {
  const { db, clock } = deps;
  const live = new Map<string, LiveJob>();

  /** Starts `work` in the background and answers at once with the job's id. */
  async function start<T>(ctx: RequestContext, kind: string, work: (progress: Progress) => Promise<T>): Promise<{ id: string }> {
    if (!ctx.actor) throw new Unauthenticated('auth.required');
    const id = newId();
    await db.insert(jobs).values({ id, kind, startedBy: ctx.actor.userId, status: 'running', createdAt: clock.now() });
    const state: LiveJob = { done: 0, total: null, phase: null, settled: Promise.resolve() };
    live.set(id, state);
    const progress: Progress = (done, total, phase) => {
      state.done = done;
      if (total !== undefined) state.total = total;
      if (phase !== undefined) state.phase = phase;
    };
    state.settled = (async () => {
      // Let the starting request answer before the work takes the (embedded) database.
      await new Promise((r) => setImmediate(r));
      try {
        const result = await work(progress);
        await db.update(jobs).set({ status: 'succeeded', done: state.total ?? state.done, total: state.total, phase: state.phase, result: (result ?? null) as never, finishedAt: clock.now() }).where(eq(jobs.id, id));
      } catch (e) {
        const error = e instanceof DomainError
          ? describeDomainError(e, ctx.locale)
          : { code: 'internal', message: translate('internal', ctx.locale), details: {} };
        if (!(e instanceof DomainError)) deps.log?.(e);
        jobFailures.inc({ kind });
        await db.update(jobs).set({ status: 'failed', done: state.done, total: state.total, phase: state.phase, error, finishedAt: clock.now() }).where(eq(jobs.id, id));
      } finally {
        // Keep the in-memory state briefly so a poll right after the end still reads it from here.
        setTimeout(() => live.delete(id), 60_000).unref();
      }
    })();
    return { id };
  }

  async function get(ctx: RequestContext, id: string) {
    if (!ctx.actor) throw new Unauthenticated('auth.required');
    const [row] = isUuid(id) ? await db.select().from(jobs).where(eq(jobs.id, id)) : [];
    if (!row || (row.startedBy !== ctx.actor.userId && ctx.actor.role !== 'system_admin')) throw new NotFound('job.not_found');
    const mem = live.get(id);
    const running = row.status === 'running';
    return {
      id: row.id,
      kind: row.kind,
      status: row.status as 'running' | 'succeeded' | 'failed',
      done: running && mem ? mem.done : row.done,
      total: running && mem ? mem.total : row.total,
      phase: running && mem ? mem.phase : row.phase,
      result: row.result ?? null,
      error: (row.error ?? null) as { code: string; message: string; details: Record<string, unknown> } | null,
      createdAt: row.createdAt.toISOString(),
      finishedAt: row.finishedAt?.toISOString() ?? null,
    };
  }

  /** Resolves when a job started by this process has finished (tests, shutdown). */
  const settled = async (id: string) => { await live.get(id)?.settled; };

  /** Jobs left running by a process that stopped are marked failed at start-up. */
  async function failInterrupted() {
    await db.update(jobs).set({ status: 'failed', error: { code: 'job.interrupted', message: translate('job.interrupted', 'zh-CN'), details: {} }, finishedAt: clock.now() }).where(eq(jobs.status, 'running'));
  }

  /** How many jobs are in each state (running is the queue's depth), for the metrics. */
  async function countByStatus(): Promise<{ status: string; n: number }[]> {
    return db.select({ status: jobs.status, n: sql<number>`count(*)::int` }).from(jobs).groupBy(jobs.status);
  }

  return { start, get, settled, failInterrupted, countByStatus };
}

export type JobsService = ReturnType<typeof createJobsService>;
