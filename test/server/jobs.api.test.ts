// Long work survives nothing its process does not: a job whose process died must not say "running" for
// ever. Two jobs services on one database stand for two processes; stopping one's renewals stands for its
// death (kill -9 gives it no chance to say anything).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { createJobsService, JOB_LEASE_SECONDS } from '../../src/server/modules/jobs/index';
import { jobs, users } from '../../src/server/db/schema/index';
import type { RequestContext } from '../../src/server/kernel/actor';
import { newId } from '../../src/server/kernel/ids';

let p: TestPlatform;
let admin: Record<string, string>;
let ctx: RequestContext;
const releases: (() => void)[] = [];
/** Work that runs until the test lets it finish; `started` once the job has begun it. */
function longWork() {
  let release = () => {};
  let markStarted = () => {};
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const work = () =>
    new Promise<void>((resolve) => {
      release = resolve;
      markStarted();
    });
  releases.push(() => release());
  return { work, started, release: () => release() };
}

beforeAll(async () => {
  p = await startTestPlatform();
  admin = await p.login('admin');
  const [user] = await p.db.select().from(users).where(eq(users.username, 'admin'));
  ctx = { actor: await p.services.auth.actorOf(user), ip: null, locale: 'zh-CN' };
});
afterAll(async () => {
  releases.forEach((release) => release());
  await p.close();
});

const processOf = () => createJobsService({ db: p.db, clock: p.clock, leases: true });
const advance = (seconds: number) => p.clock.advance(seconds * 1000);
const statusOf = async (id: string, locale = 'zh-CN') => (await p.request('GET', `/api/jobs/${id}`, { headers: { ...admin, 'accept-language': locale } })).body;

describe('jobs hold a lease while their process works', () => {
  it('a job whose process keeps renewing stays running however long it takes', async () => {
    const [worker, other] = [processOf(), processOf()];
    const long = longWork();
    const { id } = await worker.start(ctx, 'test.long', long.work);
    for (let i = 0; i < 3; i++) {
      advance(JOB_LEASE_SECONDS * 0.75);
      await worker.renewLeases();
      expect(await other.failExpiredLeases()).toBe(0);
    }
    expect((await statusOf(id)).status).toBe('running');
    await long.started;
    long.release();
    await worker.settled(id);
    worker.stop();
    expect((await statusOf(id)).status).toBe('succeeded');
  });

  it("a job whose process stopped renewing is failed visibly by another process, in the reader's language", async () => {
    const [dying, survivor] = [processOf(), processOf()];
    const { id } = await dying.start(ctx, 'test.long', longWork().work);
    dying.stop();
    advance(JOB_LEASE_SECONDS - 1);
    expect(await survivor.failExpiredLeases()).toBe(0);
    advance(2);
    expect(await survivor.failExpiredLeases()).toBe(1);
    const zh = await statusOf(id);
    expect(zh.status).toBe('failed');
    expect(zh.error).toMatchObject({ code: 'job.interrupted', message: '任务因服务重启而中断，请重新提交' });
    expect((await statusOf(id, 'en')).error.message).toBe('The job was interrupted by a restart; please submit it again.');
    expect(await survivor.failExpiredLeases()).toBe(0);
  });

  it('a job left by a process from before leases existed counts as dead only after an hour', async () => {
    const id = newId();
    const [user] = await p.db.select().from(users).where(eq(users.username, 'admin'));
    await p.db.insert(jobs).values({ id, kind: 'test.old', startedBy: user.id, status: 'running', createdAt: p.clock.now() });
    const sweeper = processOf();
    advance(59 * 60);
    expect(await sweeper.failExpiredLeases()).toBe(0);
    advance(2 * 60);
    expect(await sweeper.failExpiredLeases()).toBe(1);
    expect((await statusOf(id)).status).toBe('failed');
  });

  it('a finished job keeps its outcome', async () => {
    const worker = processOf();
    const { id } = await worker.start(ctx, 'test.quick', async (progress) => {
      progress(3, 3);
      return { rows: 3 };
    });
    await worker.settled(id);
    worker.stop();
    advance(JOB_LEASE_SECONDS * 2);
    expect(await processOf().failExpiredLeases()).toBe(0);
    expect(await statusOf(id)).toMatchObject({ status: 'succeeded', result: { rows: 3 }, done: 3 });
  });
});
