// The demo city's year: generated once through the services' rules (at a small scale here; a few thousand
// residents at `npm start`'s first start), it leaves the pages a district leader, staff and a resident open
// with real content, and a second start does not generate it again.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startTestPlatform, DEMO_PASSWORD, type TestPlatform } from '../support/platform';
import { rowsOf } from '../../src/server/kernel/rate-limit';
import { openDatabase } from '../../src/server/db/client';
import { createPlatform } from '../../src/server/platform';

let p: TestPlatform;
let summary: Awaited<ReturnType<TestPlatform['generateDemoYear']>>;
let district: Record<string, string>;
let raced: unknown[] = [];
let closeOther = async () => {};
beforeAll(async () => {
  p = await startTestPlatform();
  if (p.databaseUrl) {
    // Two processes starting at once on one PostgreSQL database: exactly one generates the year.
    const database = await openDatabase({ url: p.databaseUrl });
    const filesDir = mkdtempSync(join(tmpdir(), 'learncity-files-'));
    const other = await createPlatform({
      database,
      dataKey: randomBytes(32),
      filesDir,
      clock: p.clock,
      logLevel: 'silent',
      webRoot: '/nonexistent',
      issuerKey: { file: join(filesDir, 'issuer-key.json') },
    });
    closeOther = async () => {
      await other.app.close();
      await database.close();
      rmSync(filesDir, { recursive: true, force: true });
    };
    raced = await Promise.all([p.generateDemoYear({ residents: 120 }), other.generateDemoYear({ residents: 120 })]);
    summary = (raced.find((r) => r !== null) ?? null) as typeof summary;
  } else {
    summary = await p.generateDemoYear({ residents: 120 });
  }
  district = await p.login('district');
}, 900_000);
afterAll(async () => {
  await closeOther();
  await p?.close();
});

const get = async (url: string, headers = district) => {
  const res = await p.request('GET', url, { headers });
  expect(res.status, url).toBe(200);
  return res.body;
};

describe('demo year', () => {
  it('is generated once, and says so', async () => {
    expect(summary).toMatchObject({ year: 2026 });
    expect(summary!.residents).toBeGreaterThanOrEqual(100);
    expect(summary!.completions).toBeGreaterThan(0);
    expect(await p.generateDemoYear({ residents: 120 })).toBeNull();
    if (p.databaseUrl) expect(raced.filter((r) => r !== null)).toHaveLength(1);
    expect((await p.request('GET', '/api/demo-status')).body).toMatchObject({ demo: true, year: 2026, state: 'done' });
    // Months-old notices of the generated year are not texted to anyone at start-up.
    const [pending] = rowsOf<{ n: number }>(await p.db.execute(sql`select count(*)::int as n from notifications where sms_status = 'pending'`));
    expect(pending.n).toBe(0);
    expect(rowsOf<{ n: number }>(await p.db.execute(sql`select count(*)::int as n from notifications where sms_status = 'expired'`))[0].n).toBeGreaterThan(0);
  });

  it('is empty without the demo (LEARNCITY_DEMO=0)', async () => {
    const bare = await startTestPlatform({ demo: false });
    try {
      expect(await bare.generateDemoYear({ residents: 20 })).toBeNull();
      expect((await bare.request('GET', '/api/demo-status')).body).toMatchObject({ demo: false, state: 'none' });
    } finally {
      await bare.close();
    }
  });

  it('fills the cockpit: figures, every street in the heat table, last year for the trend', async () => {
    const o = await get('/api/monitoring/overview?region=330105&year=2026');
    const fig = (code: string) => o.headline.find((f: { code: string }) => f.code === code);
    for (const code of ['FUNDING', 'I01', 'PARTICIPANTS', 'I14', 'LEARNERS', 'FT_STAFF', 'I09']) expect(fig(code)?.value, code).toBeGreaterThan(0);
    expect(fig('I09').value).toBe(100); // a community school in every street
    expect(fig('FUNDING').previous).toBeGreaterThan(0);
    expect(o.heat.rows.length).toBeGreaterThanOrEqual(18);
    for (const row of o.heat.rows) expect(row.figures.FUNDING.value, row.name).toBeGreaterThan(0);
    expect(o.trends.find((x: { code: string }) => x.code === 'FUNDING').points.map((pt: { year: number }) => pt.year)).toEqual([2025, 2026]);
    // Streets differ: one spends less than 4 yuan a resident, some fall short of a standard, so the alerts have something true to say.
    expect(o.heat.rows.filter((r: { figures: Record<string, { value: number | null }> }) => (r.figures.I01.value ?? 0) < 4)).toHaveLength(1);
    expect(o.alerts.some((a: { regionCode: string }) => a.regionCode.length === 9)).toBe(true);
    // A drill-down to a street has its communities and the way back up.
    const street = await get(`/api/monitoring/overview?region=${o.heat.rows[0].code}&year=2026`);
    expect(street.path.map((x: { code: string }) => x.code)).toContain('330105');
    expect(street.heat.rows.length).toBeGreaterThan(0);
  });

  it('fills the staff pages', async () => {
    expect((await get('/api/institutions?type=community_school&region=330105&pageSize=50')).total).toBeGreaterThanOrEqual(18);
    expect((await get('/api/offerings?pageSize=1')).total).toBeGreaterThan(30);
    expect((await get('/api/ratings?pageSize=1')).total).toBeGreaterThan(0);
    expect((await get('/api/credit-accounts?pageSize=1')).total).toBeGreaterThan(0);
    expect((await get('/api/credentials?pageSize=1')).total).toBeGreaterThan(0);
    expect((await get('/api/learning-teams?pageSize=1')).total).toBeGreaterThan(1);
    expect((await get('/api/award-nominations?pageSize=1')).total).toBeGreaterThan(1);
    const tasks = await get('/api/monitoring/form-tasks?pageSize=10');
    expect(tasks.items.filter((x: { accepted: number; total: number }) => x.total >= 18 && x.accepted === x.total)).toHaveLength(2);
  });

  it('gives demo residents a learning archive, credits and points they can sign in to see', async () => {
    expect((await get('/api/learning-records?region=330105&pageSize=1')).total).toBeGreaterThan(50);
    let found = false;
    // Demo residents' phones run 1700105xxxx; the first few who learned something show it in the portal.
    for (let i = 0; i < 40 && !found; i++) {
      const resident = await p.login(`1700105${String(i).padStart(4, '0')}`, DEMO_PASSWORD);
      const records = await get('/api/me/learning-records', resident);
      if (!records.total) continue;
      found = true;
      expect((await get('/api/me/points', resident)).balance ?? (await get('/api/me/points', resident)).total).toBeGreaterThan(0);
      expect(JSON.stringify(await get('/api/me/credits', resident))).toMatch(/"balance":\s*[1-9]/);
    }
    expect(found).toBe(true);
  });

  it("fills the public catalogue with the year's classes and the learning week", async () => {
    const campaigns = (await p.request('GET', '/api/catalog/campaigns')).body;
    expect(JSON.stringify(campaigns)).toContain('全民终身学习活动周');
  });
});
