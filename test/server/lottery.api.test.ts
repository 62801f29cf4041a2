// Lottery rounds over the API on a real database: set-up and its refusals, the window, 300 applicants for
// three classes of 20 seats drawn as a job, the published data re-run by the shared function and by the
// CLI, the commitment, tampering detected, quota, the scheduler's automatic draw, and another street's staff.
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { users, residents, lotteryApplications } from '../../src/server/db/schema/index';
import { drawLottery, verifyPublication, type LotteryPublication } from '../../src/contracts/lottery-draw';
import { report } from '../../scripts/lottery-verify';
import type { RequestContext } from '../../src/server/kernel/actor';
import { rowsOf } from '../../src/server/kernel/rate-limit';
import { nextSeq } from '../support/factories';

let p: TestPlatform;
let district: Record<string, string>;
let other: Record<string, string>;
let resident: Record<string, string>;
/** Made by `beforeAll`: the term, course, hall and teacher the classes use, and the three classes of the big draw. */
const ids = {} as { term: string; course: string; hall: string; teacher: string; classes: string[] };

const get = (url: string, headers?: Record<string, string>) => p.request('GET', url, { headers });
const post = (url: string, headers: Record<string, string>, body?: unknown) => p.request('POST', url, { headers, body });
const put = (url: string, headers: Record<string, string>, body?: unknown) => p.request('PUT', url, { headers, body });
const count = async (q: ReturnType<typeof sql>) => Number(rowsOf<{ n: number }>(await p.db.execute(q))[0].n);
const HOUR = 3600_000;
const iso = (ms: number) => new Date(p.clock.now().getTime() + ms).toISOString();

async function createClass(title: string, weekday: number, over: Record<string, unknown> = {}) {
  const res = await post('/api/offerings', district, {
    kind: 'class',
    title,
    termId: ids.term,
    courseId: ids.course,
    venueId: ids.hall,
    instructorId: ids.teacher,
    capacity: 20,
    enrolmentMode: 'lottery',
    schedule: { weekdays: [weekday], startTime: '09:00', endTime: '11:00', fromDate: '2027-03-01', toDate: '2027-03-31', skipDates: [] },
    ...over,
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  await post(`/api/offerings/${res.body.id}/publish`, district);
  return res.body.id as string;
}

/**
 * `n` online lottery classes of the term with no venue or teacher (so no clash with any other class), titled
 * `${title}（周一）`, `（周二）`…; returns their ids and titles.
 */
async function lotteryClasses(n: number, title = `书法班 ${nextSeq()} `): Promise<{ ids: string[]; titles: string[] }> {
  const titles = Array.from({ length: n }, (_, i) => `${title}（周${'一二三四五六日'[i]}）`);
  const made: string[] = [];
  for (const [i, t] of titles.entries()) made.push(await createClass(t, i + 1, { mode: 'online', venueId: null, instructorId: null }));
  return { ids: made, titles };
}

/** A published round over `offeringIds` opening in an hour for an hour, one choice; `fields` replace any of these. */
async function lotteryRound(offeringIds: string[], fields: Record<string, unknown> = {}): Promise<{ id: string; seedHash: string | null }> {
  const res = await post('/api/lottery-rounds', district, {
    name: `摇号 ${nextSeq()}`,
    regionCode: '330105',
    offeringIds,
    opensAt: iso(HOUR),
    closesAt: iso(2 * HOUR),
    maxChoices: 1,
    ...fields,
  });
  if (res.status !== 201) throw new Error(`round: ${res.status} ${JSON.stringify(res.body)}`);
  const published = await post(`/api/lottery-rounds/${res.body.id}/publication`, district);
  if (published.status !== 200) throw new Error(`publication: ${published.status} ${JSON.stringify(published.body)}`);
  return published.body;
}

/** Residents made as rows (no password hashing): the applicants of the big draw. */
async function makeResidents(n: number, prefix: string): Promise<RequestContext[]> {
  const rows = Array.from({ length: n }, (_, i) => ({ id: crypto.randomUUID(), name: `${prefix}${i}` }));
  await p.db.insert(users).values(rows.map((r, i) => ({ id: r.id, kind: 'resident', username: `${prefix}-${i}`, displayName: r.name, passwordHash: 'x' })));
  await p.db.insert(residents).values(
    rows.map((r) => ({
      userId: r.id,
      realName: r.name,
      idNumberEncrypted: 'x',
      idNumberHash: randomBytes(16).toString('hex'),
      idNumberMasked: '330***********0000',
      birthYear: 1955,
      sex: 'female',
      homeRegionCode: '330105012001',
    })),
  );
  return rows.map((r) => ({
    actor: { userId: r.id, username: r.name, displayName: r.name, kind: 'resident', role: null, regionCodes: [], institutions: [] },
    ip: null,
    locale: 'zh-CN',
  }));
}

/** Sessions last 12 hours: sign in again after the clock moves past the window. */
async function signIn() {
  district = await p.login('district');
  resident = await p.login('13900000001');
  other = await p.login('mishixiang', 'Other2026x');
}
async function advance(ms: number) {
  p.clock.advance(ms);
  await signIn();
}

beforeAll(async () => {
  p = await startTestPlatform({ demo: true });
  const admin = await p.login('admin');
  await post('/api/staff-accounts', admin, {
    username: 'mishixiang',
    displayName: '米市巷管理员',
    role: 'region_admin',
    regionCodes: ['330105001'],
    password: 'Other2026x',
  });
  await signIn();
  const venues = (await get('/api/venues?pageSize=50', district)).body.items as { id: string; name: string }[];
  ids.hall = venues.find((v) => v.name === '街道社区学校报告厅')!.id;
  ids.teacher = (await get('/api/instructors?q=' + encodeURIComponent('周墨林'), district)).body.items[0].id;
  ids.course = (await get('/api/courses?q=' + encodeURIComponent('书法入门'), district)).body.items[0].id;
  ids.term = (
    await post('/api/terms', district, { name: '2027 年春季学期', startsOn: '2027-02-20', endsOn: '2027-07-10', maxEnrolmentsPerResident: 2 })
  ).body.id;
  await post(`/api/terms/${ids.term}/publish`, district);
  ids.classes = [await createClass('书法提高班（周一）', 1), await createClass('书法提高班（周二）', 2), await createClass('书法提高班（周三）', 3)];
}, 300_000);
afterAll(() => p.close());

describe('set-up', () => {
  it("refuses a bad round with every field named, in the caller's language", async () => {
    const fcfs = await createClass('书法先到先得班', 6, { enrolmentMode: 'first_come' });
    const [byLottery] = (await lotteryClasses(1)).ids;
    const rounds = await count(sql`select count(*)::int as n from lottery_rounds`);
    const bad = await post(
      '/api/lottery-rounds',
      { ...district, 'accept-language': 'en' },
      {
        name: '春季摇号',
        regionCode: '330105',
        offeringIds: [byLottery, fcfs],
        opensAt: iso(2 * HOUR),
        closesAt: iso(HOUR),
        maxChoices: 3,
        quota: 4,
      },
    );
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields).toMatchObject({
      closesAt: 'The close must be after the opening',
      offeringIds: '"书法先到先得班" does not enrol by lottery',
      quota: 'Seats per applicant cannot exceed the number of choices',
    });
    expect(bad.body.error.details.fields.maxChoices).toBe('There cannot be more choices than classes (2)');
    expect(await count(sql`select count(*)::int as n from lottery_rounds`)).toBe(rounds);
    const outOfScope = await post('/api/lottery-rounds', other, {
      name: '越界摇号',
      regionCode: '330105',
      offeringIds: [byLottery],
      opensAt: iso(HOUR),
      closesAt: iso(2 * HOUR),
      maxChoices: 1,
    });
    expect(outOfScope.body.error.details.fields.regionCode).toBe('该区域不在您的管理范围内');
  });

  it('creates, edits and publishes a round; the seed hash is public from then on', async () => {
    const classes = await lotteryClasses(3);
    const res = await post('/api/lottery-rounds', district, {
      name: '2027 春季书法班摇号',
      regionCode: '330105',
      offeringIds: classes.ids,
      opensAt: iso(HOUR),
      closesAt: iso(48 * HOUR),
      maxChoices: 2,
      quota: 1,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'draft', phase: 'draft', seedHash: null, applications: 0 });
    expect(res.body.offerings.map((o: { seats: number }) => o.seats)).toEqual([20, 20, 20]);
    const round = res.body.id as string;
    expect((await p.request('PATCH', `/api/lottery-rounds/${round}`, { headers: district, body: { maxChoices: 3 } })).body.maxChoices).toBe(3);
    // A draft is not public.
    expect((await get(`/api/public/lottery-rounds/${round}`)).status).toBe(404);
    const again = await post('/api/lottery-rounds', district, {
      name: '重复',
      regionCode: '330105',
      offeringIds: [classes.ids[0]],
      opensAt: iso(HOUR),
      closesAt: iso(2 * HOUR),
      maxChoices: 1,
    });
    expect(again.body.error.details.fields.offeringIds).toBe(`“${classes.titles[0]}”已在另一个摇号批次中`);

    const published = await post(`/api/lottery-rounds/${round}/publication`, district);
    expect(published.body).toMatchObject({ status: 'published', phase: 'upcoming', seed: null });
    expect(published.body.seedHash).toMatch(/^[0-9a-f]{64}$/);
    const seedHashAtPublication = published.body.seedHash;
    const pub = (await get(`/api/public/lottery-rounds/${round}/publication.json`)).body as LotteryPublication;
    expect(pub).toMatchObject({ seedHash: seedHashAtPublication, seed: null, listDigest: null, applications: [], results: null });
    // Before the window opens nobody can have applied: staff may still correct it; the commitment stands.
    const corrected = await p.request('PATCH', `/api/lottery-rounds/${round}`, { headers: district, body: { name: '2027 春季书法班摇号（更正）' } });
    expect(corrected.body).toMatchObject({ status: 'published', seedHash: seedHashAtPublication, isCorrectable: true });
    await p.request('PATCH', `/api/lottery-rounds/${round}`, { headers: district, body: { name: '2027 春季书法班摇号' } });
    expect(await count(sql`select count(*)::int as n from audit_log where action = 'lottery.correct' and entity_id = ${round}`)).toBe(2);
  });

  it("another street's staff cannot see or draw it (404)", async () => {
    const round = await lotteryRound((await lotteryClasses(1)).ids);
    expect((await get(`/api/lottery-rounds/${round.id}`, other)).status).toBe(404);
    expect((await post(`/api/lottery-rounds/${round.id}/draw`, other)).status).toBe(404);
    expect((await get(`/api/lottery-rounds/${round.id}/results`, other)).status).toBe(404);
    expect((await get('/api/lottery-rounds', other)).body.total).toBe(0);
    expect((await get('/api/lottery-rounds?pageSize=100', district)).body.items.map((r: { id: string }) => r.id)).toContain(round.id);
  });
});

describe('applications', () => {
  it('are refused before the window opens, with a translated message', async () => {
    const classes = await lotteryClasses(1);
    const round = await lotteryRound(classes.ids);
    const early = await put(`/api/lottery-rounds/${round.id}/my-application`, resident, { choices: [classes.ids[0]] });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe('报名尚未开始');
    const en = await put(`/api/lottery-rounds/${round.id}/my-application`, { ...resident, 'accept-language': 'en' }, { choices: [classes.ids[0]] });
    expect(en.body.error.message).toBe('Applications have not opened yet');
  });

  it('a resident ranks choices, edits and withdraws while open; bad choices are named', async () => {
    const classes = await lotteryClasses(3);
    const round = await lotteryRound(classes.ids, { closesAt: iso(48 * HOUR), maxChoices: 3 });
    await advance(2 * HOUR);
    const url = `/api/lottery-rounds/${round.id}/my-application`;
    const [monday, tuesday, wednesday] = classes.ids;
    expect((await put(url, district, { choices: [monday] })).status).toBe(403);
    expect((await put(url, resident, { choices: [monday, monday] })).body.error.details.fields.choices).toBe('同一班级只能填一次');
    expect((await put(url, resident, { choices: [round.id] })).body.error.details.fields['choices.0']).toBe('该班级不在本次摇号中');
    const first = await put(url, resident, { choices: [tuesday, monday] });
    expect(first.status).toBe(200);
    expect(first.body.application).toMatchObject({ status: 'active', token: null, result: null });
    expect(first.body.application.choices.map((c: { title: string }) => c.title)).toEqual([classes.titles[1], classes.titles[0]]);
    const edited = await put(url, resident, { choices: [wednesday] });
    expect(edited.body.application.choices).toHaveLength(1);
    expect((await p.request('DELETE', url, { headers: resident })).body.application.status).toBe('withdrawn');
    expect((await p.request('DELETE', url, { headers: resident })).status).toBe(404);
    expect((await put(url, resident, { choices: [monday, tuesday, wednesday] })).body.application.status).toBe('active');
    expect(await count(sql`select count(*)::int as n from lottery_applications where round_id = ${round.id}`)).toBe(1);
  });
});

describe('the draw', () => {
  // The big round, from publication to the draw, made once (300 applicants take minutes): what each stage showed
  // is kept for the tests, which read it and change nothing another test reads.
  const round = {} as {
    id: string;
    seedHashAtPublication: string;
    demand: { applications: number; offerings: { firstChoice: number }[] };
    closed: LotteryPublication;
    drawStart: { status: number; jobId: string };
    seatsAfterDraw: { enrolled: number; seatsTaken: number }[];
  };
  let pub: LotteryPublication;
  beforeAll(async () => {
    const created = await post('/api/lottery-rounds', district, {
      name: '2027 春季书法班摇号',
      regionCode: '330105',
      offeringIds: ids.classes,
      opensAt: iso(HOUR),
      closesAt: iso(48 * HOUR),
      maxChoices: 3,
      quota: 1,
    });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    round.id = created.body.id;
    round.seedHashAtPublication = (await post(`/api/lottery-rounds/${round.id}/publication`, district)).body.seedHash;
    await advance(2 * HOUR);
    // The demo resident applies through the API; the 299 others are made as rows with their applications in one
    // insert (applying through the service cost ~27 ms of CPU each; the window's checks are the "applications"
    // tests' subject, the draw is this one's).
    const mine = await put(`/api/lottery-rounds/${round.id}/my-application`, resident, { choices: ids.classes });
    if (mine.status !== 200) throw new Error(JSON.stringify(mine.body));
    const ctxs = await makeResidents(299, 'applicant');
    const rnd = mulberry(42);
    const now = p.clock.now();
    await p.db.insert(lotteryApplications).values(
      ctxs.map((ctx) => {
        // Skewed popularity: the Monday class is the favourite.
        const order = [...ids.classes].sort((a, b) => weight(b) * rnd() - weight(a) * rnd());
        const { userId, displayName } = ctx.actor!;
        const choices = order.slice(0, 1 + Math.floor(rnd() * 3));
        return {
          id: crypto.randomUUID(),
          roundId: round.id,
          residentId: userId,
          displayName,
          choices,
          status: 'active',
          submittedBy: userId,
          createdAt: now,
          updatedAt: now,
        };
      }),
    );
    round.demand = (await get(`/api/lottery-rounds/${round.id}`, district)).body;
    await advance(47 * HOUR);
    round.closed = (await get(`/api/public/lottery-rounds/${round.id}/publication.json`)).body;
    const start = await post(`/api/lottery-rounds/${round.id}/draw`, district);
    round.drawStart = { status: start.status, jobId: start.body.jobId };
    await p.services.jobs.settled(start.body.jobId);
    round.seatsAfterDraw = [];
    for (const id of ids.classes) {
      round.seatsAfterDraw.push({
        enrolled: await count(sql`select count(*)::int as n from enrolments where offering_id = ${id} and status = 'enrolled' and source = 'lottery'`),
        seatsTaken: (await p.services.offerings.get(id)).seatsTaken,
      });
    }
    pub = (await get(`/api/public/lottery-rounds/${round.id}/publication.json`)).body;
  }, 600_000);

  it('300 applicants apply; staff see demand against seats', () => {
    expect(round.demand.applications).toBe(300);
    expect(round.demand.offerings.reduce((n: number, o: { firstChoice: number }) => n + o.firstChoice, 0)).toBe(300);
    expect(round.demand.offerings[0].firstChoice).toBeGreaterThan(round.demand.offerings[2].firstChoice);
  });

  it('are refused after the close; the anonymised list is then published with its digest', async () => {
    const late = await put(`/api/lottery-rounds/${round.id}/my-application`, resident, { choices: [ids.classes[0]] });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe('报名已截止，不能再提交或修改');
    expect((await p.request('DELETE', `/api/lottery-rounds/${round.id}/my-application`, { headers: resident })).status).toBe(409);
    // As published between the close and the draw.
    const closed = round.closed;
    expect(closed.applications).toHaveLength(300);
    expect(closed.listDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(closed.seed).toBeNull();
    expect(JSON.stringify(closed)).not.toMatch(/applicant\d|王秀英/);
    const mine = (await get(`/api/lottery-rounds/${round.id}/my-application`, resident)).body.application;
    expect(closed.applications.map((a) => a.token)).toContain(mine.token);
  });

  it('runs as a job with progress and allocates 60 seats, never over capacity', async () => {
    expect(round.drawStart.status).toBe(202);
    const job = (await get(`/api/jobs/${round.drawStart.jobId}`, district)).body;
    expect(job).toMatchObject({
      status: 'succeeded',
      kind: 'lottery.draw',
      done: job.total,
      result: { applicants: 300, seatsWon: 60, winners: 60, notAdmitted: 0 },
    });
    // Right after the draw (another test then gives a seat up).
    expect(round.seatsAfterDraw).toEqual(ids.classes.map(() => ({ enrolled: 20, seatsTaken: 20 })));
    expect((await post(`/api/lottery-rounds/${round.id}/draw`, district)).body.error.code).toBe('lottery.already_drawn');
  });

  it('reveals the seed whose SHA-256 is the hash published before the window opened', () => {
    expect(pub.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(pub.seedHash).toBe(round.seedHashAtPublication);
    expect(createHash('sha256').update(Buffer.from(pub.seed!, 'hex')).digest('hex')).toBe(round.seedHashAtPublication);
  });

  it('each winner got the best choice still free at their turn, one seat each (quota 1)', () => {
    const { order } = drawLottery({ seed: pub.seed!, offerings: pub.offerings, applications: pub.applications });
    const left = new Map(pub.offerings.map((o) => [o.id, o.seats]));
    const won = new Map(pub.results!.map((r) => [r.token, r.offeringId]));
    expect(won.size).toBe(pub.results!.length);
    const byToken = new Map(pub.applications.map((a) => [a.token, a]));
    for (const token of order) {
      const free = byToken.get(token)!.choices.find((c) => left.get(c.offeringId)! > 0)?.offeringId;
      expect(won.get(token)).toBe(free);
      if (free) left.set(free, left.get(free)! - 1);
    }
  });

  it('re-running the shared function on the published list gives the identical allocation; a changed list fails', () => {
    const v = verifyPublication(pub);
    expect(v).toMatchObject({ seedMatchesHash: true, listMatchesDigest: true, resultsMatch: true, matches: true });
    const dropped = { ...pub, applications: pub.applications.filter((a) => a.token !== pub.results![0].token) };
    expect(verifyPublication(dropped)).toMatchObject({ listMatchesDigest: false, resultsMatch: false, matches: false });
    const reordered = { ...pub, applications: pub.applications.map((a) => ({ ...a, choices: [...a.choices].reverse() })) };
    expect(verifyPublication(reordered).matches).toBe(false);
  });

  it('an independent implementation in Python, written from the published algorithm text alone, reproduces the draw', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lottery-pub-'));
    const file = join(dir, 'publication.json');
    writeFileSync(file, JSON.stringify(pub));
    const out = JSON.parse(execFileSync('python3', ['test/fixtures/lottery_draw.py', file], { encoding: 'utf8' }));
    rmSync(dir, { recursive: true, force: true });
    expect(out.seedHash).toBe(pub.seedHash);
    expect(out.listDigest).toBe(pub.listDigest);
    expect(out.results).toEqual(pub.results);
    expect(out.results).toHaveLength(60);
  });

  it('the CLI prints the allocation and whether it matches', () => {
    const lines: string[] = [];
    expect(report(pub, (l) => lines.push(l))).toBe(true);
    expect(lines.join('\n')).toContain('一致 MATCHES');
    expect(lines.filter((l) => l.includes('→'))).toHaveLength(60);
    const tampered: string[] = [];
    expect(report({ ...pub, results: pub.results!.slice(1) }, (l) => tampered.push(l))).toBe(false);
    expect(tampered.at(-1)).toBe('不一致 DOES NOT MATCH');
  });

  it('residents see their result; the 240 others are notified; staff see and export the results', async () => {
    const mine = (await get(`/api/lottery-rounds/${round.id}/my-application`, resident)).body.application;
    expect(mine.result.position).toBeGreaterThan(0);
    expect(
      await count(sql`select count(*)::int as n from notifications n where n.kind = 'lottery.not_drawn'
      and exists (select 1 from lottery_outcomes o where o.round_id = ${round.id} and o.resident_id = n.user_id)`),
    ).toBe(240);
    const results = (await get(`/api/lottery-rounds/${round.id}/results?won=true&pageSize=100`, district)).body;
    expect(results.total).toBe(60);
    expect(results.items[0]).toMatchObject({ offeringTitle: expect.stringContaining('书法提高班'), choiceRank: expect.any(Number) });
    expect(results.items[0].enrolmentId).toBeTruthy();
    const xlsx = await get(`/api/lottery-rounds/${round.id}/results.xlsx`, district);
    expect(xlsx.status).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw as never);
    expect(wb.worksheets[0].rowCount).toBe(301);
    expect((await get(`/api/lottery-rounds/${round.id}/results.xlsx`, other)).status).toBe(404);
  });

  it('those not drawn wait in draw order; a seat a winner gives up is offered to the first of them', async () => {
    const classId = ids.classes[0];
    const waiting = rowsOf<{ resident_id: string; position: number }>(
      await p.db.execute(sql`
      select e.resident_id, o.position from enrolments e join lottery_outcomes o on o.round_id = ${round.id} and o.resident_id = e.resident_id
      where e.offering_id = ${classId} and e.status = 'waitlisted' and e.source = 'lottery' order by e.seq`),
    );
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((w) => w.position > 0)).toBe(true);
    expect(waiting.map((w) => w.position)).toEqual(waiting.map((w) => w.position).sort((a, b) => a - b));
    // (Not one of the first winners listed: the quota test needs them to hold their seats.)
    const listed = (await get(`/api/lottery-rounds/${round.id}/results?won=true&pageSize=3`, district)).body.items.map(
      (r: { residentId: string }) => r.residentId,
    ) as string[];
    const winner = rowsOf<{ id: string; resident_id: string }>(
      await p.db.execute(sql`select id, resident_id from enrolments where offering_id = ${classId} and status = 'enrolled' order by seq`),
    ).find((e) => !listed.includes(e.resident_id))!;
    const cancelled = await post(`/api/enrolments/${winner.id}/cancellation`, district, { reason: '身体原因退课' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const offered = rowsOf<{ resident_id: string }>(
      await p.db.execute(sql`select resident_id from enrolments where offering_id = ${classId} and status = 'offered'`),
    );
    expect(offered.map((r) => r.resident_id)).toEqual([waiting[0].resident_id]);
    expect((await p.services.offerings.get(classId)).seatsTaken).toBe(20);
  });

  // Here because its applicants are winners of the big draw.
  it('quota from the term: a resident with one class this term may win one more; the scheduler draws once', async () => {
    const classes = [await createClass('国画班（周四）', 4), await createClass('国画班（周五）', 5, { capacity: 2 })];
    const autoRound = (
      await post('/api/lottery-rounds', district, {
        name: '国画班摇号',
        regionCode: '330105',
        offeringIds: classes,
        opensAt: iso(-HOUR),
        closesAt: iso(HOUR),
        maxChoices: 2,
        autoDraw: true,
      })
    ).body;
    await post(`/api/lottery-rounds/${autoRound.id}/publication`, district);
    // The term allows 2 per resident; each of these three already holds one seat this term (from the first draw), so each may win one here.
    const holders = (await get(`/api/lottery-rounds/${round.id}/results?won=true&pageSize=3`, district)).body.items as {
      residentId: string;
      displayName: string;
    }[];
    for (const h of holders) {
      await p.services.lottery.apply(
        {
          actor: { userId: h.residentId, username: h.displayName, displayName: h.displayName, kind: 'resident', role: null, regionCodes: [], institutions: [] },
          ip: null,
          locale: 'zh-CN',
        },
        autoRound.id,
        { choices: classes },
      );
    }
    const fresh = await makeResidents(1, 'newcomer');
    await p.services.lottery.apply(fresh[0], autoRound.id, { choices: classes });
    await advance(2 * HOUR);
    expect(await p.scheduler.tick()).toContain('lottery-rounds');
    const pub = (await get(`/api/public/lottery-rounds/${autoRound.id}/publication.json`)).body as LotteryPublication;
    expect(pub.seed).not.toBeNull();
    expect(pub.applications.map((a) => a.quota).sort()).toEqual([1, 1, 1, 2]);
    const perToken = new Map<string, number>();
    for (const r of pub.results!) perToken.set(r.token, (perToken.get(r.token) ?? 0) + 1);
    for (const a of pub.applications) expect(perToken.get(a.token) ?? 0).toBeLessThanOrEqual(a.quota);
    expect(verifyPublication(pub).matches).toBe(true);
    // Running the task again draws nothing twice.
    await advance(2 * HOUR);
    await p.scheduler.tick();
    expect(await count(sql`select count(*)::int as n from lottery_outcomes where round_id = ${autoRound.id}`)).toBe(
      pub.results!.length + pub.applications.filter((a) => !perToken.has(a.token)).length,
    );
  });
});

describe('correcting and cancelling a published round', () => {
  it("shows each choice's time, place and fee to the public", async () => {
    // Classes in the hall with a teacher, in afternoon slots no other class of this file takes.
    const afternoon = (weekday: number) => ({
      schedule: { weekdays: [weekday], startTime: '14:00', endTime: '16:00', fromDate: '2027-03-01', toDate: '2027-03-31', skipDates: [] },
    });
    const classes = [await createClass('太极班（周一）', 1, afternoon(1)), await createClass('太极班（周三）', 3, afternoon(3))];
    const round = await lotteryRound(classes, { name: '太极班摇号', opensAt: iso(2 * HOUR), closesAt: iso(26 * HOUR), maxChoices: 2 });
    const pub = (await get(`/api/public/lottery-rounds/${round.id}`)).body;
    expect(pub.offerings[0]).toMatchObject({
      feeCents: 0,
      placeName: expect.any(String),
      schedule: { weekdays: [1], startTime: '14:00', endTime: '16:00' },
      firstStartsAt: expect.stringMatching(/^2027-03-01T06:00/),
    });
  });

  it('corrects the dates and classes before the window opens, never into the past', async () => {
    const { ids: classes } = await lotteryClasses(3);
    const round = await lotteryRound(classes.slice(0, 2), { opensAt: iso(2 * HOUR), closesAt: iso(26 * HOUR), maxChoices: 2 });
    const past = await p.request('PATCH', `/api/lottery-rounds/${round.id}`, {
      headers: { ...district, 'accept-language': 'en' },
      body: { opensAt: iso(-HOUR) },
    });
    expect(past.status).toBe(422);
    expect(past.body.error.details.fields.opensAt).toMatch(/future/);
    const fixed = await p.request('PATCH', `/api/lottery-rounds/${round.id}`, {
      headers: district,
      body: { opensAt: iso(HOUR), closesAt: iso(30 * HOUR), offeringIds: classes },
    });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    expect(fixed.body.offerings).toHaveLength(3);
    expect(fixed.body.closesAt).toBe(iso(30 * HOUR));
    await advance(HOUR + 60_000);
    const applicants = await makeResidents(3, 'taiji');
    for (const a of applicants) await p.services.lottery.apply(a, round.id, { choices: [classes[0], classes[2]] });
    const late = await p.request('PATCH', `/api/lottery-rounds/${round.id}`, { headers: district, body: { closesAt: iso(40 * HOUR) } });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('lottery.not_editable');
  });

  it('cancels with a reason that every applicant is told; nothing more can happen to the round', async () => {
    // A published round open now, with three applicants.
    const { ids: classes } = await lotteryClasses(3);
    const round = await lotteryRound(classes, { opensAt: iso(-HOUR), closesAt: iso(24 * HOUR), maxChoices: 2 });
    const applicants = await makeResidents(3, `taiji-cancel`);
    for (const a of applicants) await p.services.lottery.apply(a, round.id, { choices: [classes[0], classes[2]] });
    expect((await post(`/api/lottery-rounds/${round.id}/cancellation`, other, { reason: '场地维修' })).status).toBe(404);
    expect((await post(`/api/lottery-rounds/${round.id}/cancellation`, district, { reason: '' })).status).toBe(422);
    const res = await post(`/api/lottery-rounds/${round.id}/cancellation`, district, { reason: '场地维修，本期停开' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', phase: 'cancelled', cancelReason: '场地维修，本期停开', applicantsTold: 3 });
    for (const a of applicants) {
      const told = rowsOf<{ n: number }>(
        await p.db.execute(
          sql`select count(*)::int as n from notifications where user_id = ${a.actor!.userId} and kind = 'lottery.cancelled' and body like ${'%场地维修，本期停开%'}`,
        ),
      );
      expect(Number(told[0].n)).toBe(1);
    }
    expect(await count(sql`select count(*)::int as n from audit_log where action = 'lottery.cancel' and entity_id = ${round.id}`)).toBe(1);
    const pub = (await get(`/api/public/lottery-rounds/${round.id}`)).body;
    expect(pub).toMatchObject({ phase: 'cancelled', cancelReason: '场地维修，本期停开' });
    await expect(p.services.lottery.apply(applicants[0], round.id, { choices: [classes[1]] })).rejects.toThrow();
    expect((await post(`/api/lottery-rounds/${round.id}/cancellation`, district, { reason: '再次取消' })).body.error.code).toBe('lottery.not_cancellable');
    await advance(40 * HOUR);
    expect((await post(`/api/lottery-rounds/${round.id}/draw`, district)).status).toBe(409);
  });
});

function weight(id: string) {
  return [6, 3, 1][ids.classes.indexOf(id)];
}

function mulberry(a: number) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
