// Periodic tasks (offer expiry, reminders, clean-ups) that run once per interval however many platform
// processes share the database: each tick claims the run with one conditional upsert, and only the process
// whose claim wins does the work.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Clock } from './clock';
import { rowsOf } from './rate-limit';
import { counter } from './metrics';

const taskRuns = counter('learncity_scheduled_task_runs_total', 'Scheduled task runs this process claimed, by task');
const taskFailures = counter('learncity_scheduled_task_failures_total', 'Scheduled task runs that failed, by task');

export interface ScheduledTask {
  name: string;
  everySeconds: number;
  run: () => Promise<unknown>;
}

export function createScheduler(deps: { db: Db; clock: Clock; log: (e: unknown, task: string) => void }) {
  const tasks: ScheduledTask[] = [];
  let timer: ReturnType<typeof setInterval> | undefined;

  /** True when this process won the run of `task` for the current interval. */
  async function claim(task: ScheduledTask): Promise<boolean> {
    const now = deps.clock.now();
    const due = new Date(now.getTime() - task.everySeconds * 1000);
    const rows = await deps.db.execute(sql`
      insert into scheduled_runs (name, last_run_at) values (${task.name}, ${now.toISOString()})
      on conflict (name) do update set last_run_at = excluded.last_run_at where scheduled_runs.last_run_at <= ${due.toISOString()}
      returning name`);
    return rowsOf(rows).length === 1;
  }

  /** Runs every due task once (the timer calls this; tests call it directly). Returns the names run. */
  async function tick(): Promise<string[]> {
    const ran: string[] = [];
    for (const task of tasks) {
      try {
        if (!(await claim(task))) continue;
        taskRuns.inc({ task: task.name });
        await task.run();
        ran.push(task.name);
      } catch (e) {
        taskFailures.inc({ task: task.name });
        deps.log(e, task.name);
      }
    }
    return ran;
  }

  return {
    add: (task: ScheduledTask) => void tasks.push(task),
    tick,
    start(intervalSeconds = 30) {
      timer ??= setInterval(() => void tick(), intervalSeconds * 1000);
      timer.unref();
    },
    stop: () => {
      clearInterval(timer);
      timer = undefined;
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
