import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { createScheduler } from '../../src/server/kernel/scheduler';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ demo: false });
});
afterAll(() => p.close());

describe('scheduled tasks', () => {
  it('run once per interval however many processes tick', async () => {
    let runs = 0;
    const task = {
      name: 'test-task',
      everySeconds: 600,
      run: async () => {
        runs++;
      },
    };
    // Two platform processes sharing one database.
    const a = createScheduler({
      db: p.db,
      clock: p.clock,
      log: (e) => {
        throw e;
      },
    });
    const b = createScheduler({
      db: p.db,
      clock: p.clock,
      log: (e) => {
        throw e;
      },
    });
    a.add(task);
    b.add(task);
    await Promise.all([a.tick(), b.tick()]);
    expect(runs).toBe(1);
    await b.tick();
    expect(runs).toBe(1);
    p.clock.advance(601_000);
    await Promise.all([b.tick(), a.tick()]);
    expect(runs).toBe(2);
  });

  it('purges old rate-limit windows and expired sessions', async () => {
    await p.login('admin');
    await p.db.execute(`insert into rate_limit_counters (bucket, window_start, hits) values ('old', now() - interval '3 days', 1)`);
    const count = async (table: string) => ((await p.db.execute(`select count(*)::int as n from ${table}`)) as any).rows[0].n;
    expect(await count('sessions')).toBeGreaterThan(0);
    p.clock.advance(40 * 86_400_000);
    await p.scheduler.tick();
    expect(await count('sessions')).toBe(0);
    expect(((await p.db.execute(`select count(*)::int as n from rate_limit_counters where bucket = 'old'`)) as any).rows[0].n).toBe(0);
  });
});
