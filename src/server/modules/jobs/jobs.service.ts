// Long work (imports, reports, draws) runs after the request that started it has answered; the starter
// polls for progress. Status and result are kept in the database so any process can answer; progress is
// also kept in memory because, on the embedded engine, the database is busy inside the work's own
// transaction and a progress write would have to wait for it.
// A process that dies mid-job cannot say so. On PostgreSQL, where processes come and go while others
// serve, each running job holds a lease its process renews; any process fails a job whose lease ran out,
// so the starter sees "interrupted" instead of "running" for ever. The embedded engine has one process:
// whatever is running when it starts was interrupted.
import type { Db } from '../../db/client';
import type { Clock } from '../../kernel/clock';
import type { RequestContext } from '../../kernel/actor';
import { DomainError, NotFound, Unauthenticated, describeDomainError } from '../../kernel/errors';
import { translate } from '../../kernel/messages';
import { newId, isUuid } from '../../kernel/ids';
import { counter } from '../../kernel/metrics';
import { createJobsRepository } from './jobs.repository';

const jobFailures = counter('learncity_job_failures_total', 'Background jobs (imports, reports, draws) that ended in failure, by kind');

export type Progress = (done: number, total?: number, phase?: string) => void;

interface LiveJob {
  done: number;
  total: number | null;
  phase: string | null;
  settled: Promise<void>;
  finished: boolean;
}

/** How long a job counts as alive without its process renewing it, and how often the process renews. */
export const JOB_LEASE_SECONDS = 60;
const RENEW_EVERY_SECONDS = 15;
/** Jobs started before leases existed (an upgrade under way) count as dead only after this long. */
const UNLEASED_JOB_HOURS = 1;

export function createJobsService(deps: { db: Db; clock: Clock; log?: (e: unknown) => void; leases?: boolean }) {
  const { clock } = deps;
  // Built here rather than passed in: a test stands in for another process by building a second service on the same database.
  const repo = createJobsRepository(deps.db);
  const live = new Map<string, LiveJob>();
  const leaseFrom = (now: Date) => new Date(now.getTime() + JOB_LEASE_SECONDS * 1000);
  let renewTimer: ReturnType<typeof setInterval> | undefined;

  /** Extends the lease of every job this process is still working on (the timer calls it; tests directly). */
  async function renewLeases() {
    const ids = [...live].filter(([, job]) => !job.finished).map(([id]) => id);
    if (ids.length === 0) {
      clearInterval(renewTimer);
      renewTimer = undefined;
      return;
    }
    await repo.renewLeases(ids, leaseFrom(clock.now()));
  }

  /** Starts `work` in the background and answers at once with the job's id. */
  async function start<T>(ctx: RequestContext, kind: string, work: (progress: Progress) => Promise<T>): Promise<{ id: string }> {
    if (!ctx.actor) throw new Unauthenticated('auth.required');
    const id = newId();
    await repo.insert({
      id,
      kind,
      startedBy: ctx.actor.userId,
      status: 'running',
      createdAt: clock.now(),
      leaseUntil: deps.leases ? leaseFrom(clock.now()) : null,
    });
    const state: LiveJob = { done: 0, total: null, phase: null, settled: Promise.resolve(), finished: false };
    live.set(id, state);
    if (deps.leases && !renewTimer) {
      renewTimer = setInterval(() => void renewLeases().catch((e) => deps.log?.(e)), RENEW_EVERY_SECONDS * 1000);
      renewTimer.unref();
    }
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
        await repo.finish(id, {
          status: 'succeeded',
          done: state.total ?? state.done,
          total: state.total,
          phase: state.phase,
          result: result ?? null,
          finishedAt: clock.now(),
        });
      } catch (e) {
        const error =
          e instanceof DomainError ? describeDomainError(e, ctx.locale) : { code: 'internal', message: translate('internal', ctx.locale), details: {} };
        if (!(e instanceof DomainError)) deps.log?.(e);
        jobFailures.inc({ kind });
        await repo.finish(id, { status: 'failed', done: state.done, total: state.total, phase: state.phase, error, finishedAt: clock.now() });
      } finally {
        state.finished = true;
        // Keep the in-memory state briefly so a poll right after the end still reads it from here.
        setTimeout(() => live.delete(id), 60_000).unref();
      }
    })();
    return { id };
  }

  async function get(ctx: RequestContext, id: string) {
    if (!ctx.actor) throw new Unauthenticated('auth.required');
    const row = isUuid(id) ? await repo.byId(id) : undefined;
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
      error: readError(row.error as JobError | null, ctx),
      createdAt: row.createdAt.toISOString(),
      finishedAt: row.finishedAt?.toISOString() ?? null,
    };
  }

  type JobError = { code: string; message: string; details: Record<string, unknown> };
  // Whoever finds a job interrupted is not its starter: say it in the language of whoever asks.
  const readError = (error: JobError | null, ctx: RequestContext): JobError | null =>
    error?.code === 'job.interrupted' ? { ...error, message: translate('job.interrupted', ctx.locale) } : error;

  /** Resolves when a job started by this process has finished (tests, shutdown). */
  const settled = async (id: string) => {
    await live.get(id)?.settled;
  };

  const interrupted = () => ({ error: { code: 'job.interrupted', message: translate('job.interrupted', 'zh-CN'), details: {} }, finishedAt: clock.now() });

  /** Embedded engine, at start-up: jobs left running were the previous process's, which stopped. */
  async function failInterrupted() {
    await repo.failRunning(interrupted());
  }

  /** PostgreSQL, on a schedule in any process: fails the running jobs whose process stopped renewing them. */
  async function failExpiredLeases(): Promise<number> {
    const now = clock.now();
    const ids = await repo.failExpired(now, new Date(now.getTime() - UNLEASED_JOB_HOURS * 3_600_000), interrupted());
    if (ids.length > 0) deps.log?.(new Error(`jobs interrupted (their process stopped renewing the lease): ${ids.join(', ')}`));
    return ids.length;
  }

  /** Stops renewing (shutdown; a test's stand-in for a process that died). */
  const stop = () => {
    clearInterval(renewTimer);
    renewTimer = undefined;
  };

  /** How many jobs are in each state (running is the queue's depth), for the metrics. */
  const countByStatus = () => repo.countByStatus();

  return { start, get, settled, failInterrupted, failExpiredLeases, renewLeases, stop, countByStatus };
}

export type JobsService = ReturnType<typeof createJobsService>;
