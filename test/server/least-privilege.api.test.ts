// Reads by role purpose, not only by region (issue 14): staff of the resident's district whose work does not
// need a resident's evidence or phone — the leader, the member-unit reporter and, for nominations, the credit
// officer — can neither download the evidence nor read the full phone; those who review can.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { multipart } from '../support/multipart';

let p: TestPlatform;
let resident: Record<string, string>;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

beforeAll(async () => {
  p = await startTestPlatform();
  resident = await p.login('13900000001');
}, 120_000);
afterAll(() => p.close());

async function upload(filename: string) {
  const body = multipart(PNG, { filename, contentType: 'image/png', fields: { purpose: 'evidence' } });
  const res = await p.request('POST', '/api/files', { headers: { ...resident, ...body.headers }, payload: body.payload });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const roles = ['leader', 'unit', 'credit', 'street', 'district', 'community1'] as const;
const login = async () =>
  Object.fromEntries(await Promise.all(roles.map(async (r) => [r, await p.login(r)] as const))) as Record<(typeof roles)[number], Record<string, string>>;

it('credit-bank evidence: only credit officers (and the resident) download it or see it listed', async () => {
  const fileId = await upload('证书照片.png');
  const app = await p.request('POST', '/api/recognition-applications', {
    headers: resident,
    body: { title: '茶艺师证书', provider: '杭州市人社局', occurredOn: '2026-06-01', evidenceFileIds: [fileId] },
  });
  expect(app.status).toBe(201);
  const as = await login();
  expect((await p.request('GET', `/api/files/${fileId}`, { headers: resident })).status).toBe(200);
  expect((await p.request('GET', `/api/files/${fileId}`, { headers: as.credit })).status).toBe(200);
  const officerView = await p.request('GET', `/api/recognition-applications/${app.body.id}`, { headers: as.credit });
  expect(officerView.body.evidence.map((f: { id: string }) => f.id)).toEqual([fileId]);
  for (const role of ['leader', 'unit', 'street', 'district', 'community1'] as const) {
    expect((await p.request('GET', `/api/files/${fileId}`, { headers: as[role] })).status, role).toBe(404);
  }
  // The leader reads the queue (it is theirs to oversee) without the evidence.
  const leaderView = await p.request('GET', `/api/recognition-applications/${app.body.id}`, { headers: as.leader });
  expect(leaderView.status).toBe(200);
  expect(leaderView.body.evidence).toEqual([]);
  expect(JSON.stringify(leaderView.body)).not.toContain(fileId);
});

it('award nominations: reviewing administrators get the evidence and the full phone; leader, reporter and credit officer do not', async () => {
  const campaign = (await p.request('GET', '/api/award-campaigns', { headers: await p.login('district') })).body.items.find(
    (c: { allowResidentNominations: boolean }) => c.allowResidentNominations,
  );
  expect(campaign).toBeTruthy();
  const home = (await p.request('GET', '/api/residents/me', { headers: resident })).body.homeRegion.code;
  const fileId = await upload('事迹照片.png');
  const nomination = await p.request('POST', '/api/award-nominations', {
    headers: resident,
    body: {
      campaignId: campaign.id,
      communityCode: home,
      nomineeName: '李学友',
      nomineeKind: 'person',
      summary: '常年在社区学校义务教授书法，带动邻里学习。',
      contactPhone: '13812345678',
      evidenceFileIds: [fileId],
    },
  });
  expect(nomination.status, JSON.stringify(nomination.body)).toBe(201);
  const as = await login();
  for (const role of ['community1', 'street', 'district'] as const) {
    const seen = await p.request('GET', `/api/award-nominations/${nomination.body.id}`, { headers: as[role] });
    expect(seen.body.contactPhone, role).toBe('13812345678');
    expect(
      seen.body.evidenceFiles.map((f: { id: string }) => f.id),
      role,
    ).toEqual([fileId]);
    expect((await p.request('GET', `/api/files/${fileId}`, { headers: as[role] })).status, role).toBe(200);
  }
  for (const role of ['leader', 'unit', 'credit'] as const) {
    expect((await p.request('GET', `/api/files/${fileId}`, { headers: as[role] })).status, role).toBe(404);
    const one = await p.request('GET', `/api/award-nominations/${nomination.body.id}`, { headers: as[role] });
    if (one.status === 200) {
      expect(one.body.contactPhone, role).toBe('138****5678');
      expect(one.body.evidenceFiles, role).toEqual([]);
    } else expect(one.status, role).toBe(404);
    const list = await p.request('GET', '/api/award-nominations?pageSize=200', { headers: as[role] });
    expect(JSON.stringify(list.body), role).not.toContain('13812345678');
  }
});

it("migration 0025 hands files already attached to residents' applications to their reviewers only", async () => {
  const fileId = await upload('旧证书.png');
  const app = await p.request('POST', '/api/recognition-applications', {
    headers: resident,
    body: { title: '旧申请', provider: '某机构', occurredOn: '2026-05-01', evidenceFileIds: [fileId] },
  });
  expect(app.status).toBe(201);
  // As every attached file was kept before the fix: readable by all staff over the region.
  await p.db.execute(`update files set access = 'staff' where id = '${fileId}'`);
  expect((await p.request('GET', `/api/files/${fileId}`, { headers: await p.login('leader') })).status).toBe(200);
  const migration = readFileSync(new URL('../../src/server/db/migrations/0025_evidence_file_access.sql', import.meta.url), 'utf8');
  for (const statement of migration.split('--> statement-breakpoint')) await p.db.execute(statement);
  expect((await p.request('GET', `/api/files/${fileId}`, { headers: await p.login('leader') })).status).toBe(404);
  expect((await p.request('GET', `/api/files/${fileId}`, { headers: await p.login('credit') })).status).toBe(200);
});
