// The archive's participation summary (learning_participation) against a recount from the records
// themselves: after concurrent inserts, repeated sources, a resident who moves during the year and
// records on both sides of a year boundary in China Standard Time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../src/server/kernel/id-card';
import { startTestPlatform, type TestPlatform } from '../support/platform';

let p: TestPlatform;
const residents: { id: string; headers: Record<string, string> }[] = [];
let communities: string[];

async function register(phone: string, idNumber17: string, homeRegionCode: string) {
  expect((await p.request('POST', '/api/auth/sms-codes', { body: { phone, purpose: 'register' } })).status).toBe(202);
  const res = await p.request('POST', '/api/residents', {
    body: {
      phone,
      smsCode: p.sms.lastCode(phone),
      password: 'Learn2026ok',
      realName: '测试居民',
      idNumber: idNumber17 + idCheckChar(idNumber17),
      homeRegionCode,
      acceptPrivacyNotice: true,
    },
  });
  expect(res.status).toBe(201);
  const headers = await p.login(phone, 'Learn2026ok');
  return { id: (await p.request('GET', '/api/residents/me', { headers })).body.id as string, headers };
}

beforeAll(async () => {
  p = await startTestPlatform();
  const district = await p.login('district');
  const streets = (await p.request('GET', '/api/regions/330105/children?pageSize=3', { headers: district })).body.items as { code: string }[];
  communities = [];
  for (const s of streets.slice(0, 2)) {
    const kids = (await p.request(`GET`, `/api/regions/${s.code}/children?pageSize=2`, { headers: district })).body.items as { code: string }[];
    communities.push(...kids.map((k) => k.code));
  }
  for (const [i, home] of [communities[0], communities[0], communities[1], communities[2]].entries()) {
    residents.push(await register(`1381234100${i}`, `3301051960${String(i + 1).padStart(2, '0')}1507${i}`, home));
  }
});
afterAll(() => p.close());

const event = (residentId: string, sourceId: string, hours: number, occurredAt: string) => ({
  residentId,
  sourceType: 'event' as const,
  sourceId,
  title: '社区讲座',
  hours,
  outcome: 'attended' as const,
  occurredAt: new Date(occurredAt),
});

describe('participation summary', () => {
  it('equals a recount from the records after concurrent inserts, repeats and a move within the year', async () => {
    const record = (e: ReturnType<typeof event>) => p.db.transaction((tx) => p.services.archive.record(tx, e));
    const [a, b, c, d] = residents;
    // Concurrent: each resident's records, every source reported twice, in parallel transactions.
    const batch = [a, b, c, d].flatMap((r, i) =>
      Array.from({ length: 6 }, (_, k) => event(r.id, `talk-${k}`, 1 + ((i + k) % 3) * 0.5, `2026-0${1 + k}-10T02:00:00Z`)),
    );
    const results = await Promise.all([...batch, ...batch].map(record));
    expect(results.filter(Boolean)).toHaveLength(batch.length);

    // Resident a moves to another street mid-year; records before and after, again concurrently.
    const moved = await p.request('PATCH', '/api/residents/me', { headers: a.headers, body: { homeRegionCode: communities[3] } });
    expect(moved.status).toBe(200);
    await Promise.all(
      [
        event(a.id, 'after-move-1', 2, '2026-09-01T02:00:00Z'),
        event(a.id, 'after-move-2', 2, '2026-09-02T02:00:00Z'),
        event(d.id, 'late', 1, '2026-10-01T02:00:00Z'),
      ].map(record),
    );
    // 2026-12-31 16:30 UTC is 2027-01-01 00:30 in China: it belongs to 2027.
    await record(event(b.id, 'new-year', 3, '2026-12-31T16:30:00Z'));

    // Exact with the deltas pending, after folding them into the totals, and with some pending again.
    const matchesRecount = async () => {
      for (const year of [2026, 2027]) {
        const summary = await p.services.archive.statisticsByRegion('330105', year);
        const recount = await p.services.archive.recountByRegion('330105', year);
        expect(Object.fromEntries([...summary].sort())).toEqual(Object.fromEntries([...recount].sort()));
      }
    };
    await matchesRecount();
    expect(await p.services.archive.foldParticipation()).toBeGreaterThan(0);
    expect(await p.services.archive.foldParticipation()).toBe(0);
    await matchesRecount();
    const y2026 = await p.services.archive.statisticsByRegion('330105', 2026);
    // The district counts each of the four residents once, the mover included; each of her two streets counts her.
    expect(y2026.get('330105')).toEqual({ learners: 4, records: 24 + 3, hours: expect.any(Number) });
    expect(y2026.get(communities[3])!.learners).toBe(1);
    expect(y2026.get(communities[0])).toMatchObject({ learners: 2, records: 12 });
    expect((await p.services.archive.statisticsByRegion('330105', 2027)).get('330105')).toEqual({ learners: 1, records: 1, hours: 3 });

    // After the fold, a resident's first record in a second community: she turns `multi`, her first
    // community's folded total loses her as a single resident, and the district still counts her once.
    expect((await p.request('PATCH', '/api/residents/me', { headers: c.headers, body: { homeRegionCode: communities[2] } })).status).toBe(200);
    await record(event(c.id, 'visiting', 1, '2026-11-01T02:00:00Z'));
    await matchesRecount();
    expect((await p.services.archive.statisticsByRegion('330105', 2026)).get('330105')!.learners).toBe(4);
    await p.services.archive.foldParticipation();
    await matchesRecount();

    // A rebuild from the records gives the same figures.
    const before = await p.services.archive.statisticsByRegion('330105', 2026);
    await p.services.archive.rebuildParticipation();
    expect(Object.fromEntries([...(await p.services.archive.statisticsByRegion('330105', 2026))].sort())).toEqual(Object.fromEntries([...before].sort()));
  });

  it('leaves the summary unchanged when a source is reported again', async () => {
    const before = await p.services.archive.statisticsByRegion('330105', 2026);
    const again = await p.db.transaction((tx) => p.services.archive.record(tx, event(residents[1].id, 'talk-0', 9, '2026-03-03T02:00:00Z')));
    expect(again).toBeNull();
    expect(await p.services.archive.statisticsByRegion('330105', 2026)).toEqual(before);
  });
});
