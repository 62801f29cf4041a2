// The leading group's member units from the Nankai template, a unit's reporter reporting progress on
// its task, an overdue task flagged, and a supervision visit whose rectification must be closed.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { multipart } from '../support/multipart';
import { nextSeq } from '../support/factories';

const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

let p: TestPlatform;
let district: Record<string, string>;
/** The Nankai member units, loaded once before the tests (loading them again changes nothing). */
let units: { id: string; name: string; duties: { text: string; sourceClause: string; sourceDocument: string }[] }[];
const unit = (name: string) => units.find((u) => u.name === name)!;
type Units = typeof units;
/** What the first load of the template answered. */
let firstLoad: { status: number; body: { created: number; skipped: number } };

beforeAll(async () => {
  p = await startTestPlatform();
  district = await p.login('district');
  firstLoad = await p.request('POST', '/api/member-units/template', { headers: district, body: { template: 'nankai-2021' } });
  units = (await p.request('GET', '/api/member-units?pageSize=50', { headers: district })).body.items;
});
afterAll(() => p.close());

/** A governance task of the district owned by `unitName`, due on `dueOn`. */
async function createTask(title: string, unitName: string, dueOn: string): Promise<string> {
  const res = await p.request('POST', '/api/governance-tasks', {
    headers: district,
    body: { year: 2026, title, ownerUnitId: unit(unitName).id, dueOn, targetText: '全年开展老年教育活动不少于 40 场', targetValue: 40, targetUnit: '场' },
  });
  if (res.status !== 201) throw new Error(`task: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** A member-unit reporter account of its own, bound to `unitName` and signed in. */
async function reporterOf(unitName: string): Promise<Record<string, string>> {
  const username = `reporter${nextSeq()}`;
  const account = await p.request('POST', '/api/staff-accounts', {
    headers: district,
    body: { username, displayName: `${unitName}填报员`, role: 'member_unit_reporter', regionCodes: ['330105'], password: 'Report2026x' },
  });
  if (account.status !== 201) throw new Error(`reporter: ${account.status} ${JSON.stringify(account.body)}`);
  await p.request('POST', `/api/member-units/${unit(unitName).id}/reporters`, { headers: district, body: { userId: account.body.id } });
  return p.login(username, 'Report2026x');
}

it('loads the 20 Nankai member units with duties linked to their clauses, once', async () => {
  expect(
    (await p.request('POST', '/api/member-units/template', { headers: await p.login('street'), body: { template: 'nankai-2021', regionCode: '330105' } }))
      .status,
  ).toBe(422);
  expect(firstLoad.status).toBe(201);
  expect(firstLoad.body.created + firstLoad.body.skipped).toBe(20); // the demo district may have loaded them already
  expect((await p.request('POST', '/api/member-units/template', { headers: district, body: { template: 'nankai-2021' } })).body).toEqual({
    created: 0,
    skipped: 20,
  });
  const list = await p.request('GET', '/api/member-units?pageSize=50', { headers: district });
  expect(list.body.total).toBe(20);
  const listed = list.body.items as Units;
  const listedUnit = (name: string) => listed.find((u) => u.name === name)!;
  expect(listed[0].name).toBe('区委组织部');
  expect(listed.map((u) => u.name)).toEqual(expect.arrayContaining(['区总工会', '团区委', '区科协', '区统计局', '各街道办事处']));
  expect(listedUnit('区文化和旅游局').duties[0]).toMatchObject({
    sourceClause: '二（十二）',
    sourceDocument: expect.stringContaining('南开政办函〔2021〕10号'),
  });
  expect(
    listedUnit('区文化和旅游局')
      .duties.map((d) => d.text)
      .join(''),
  ).toContain('推动美术馆、图书馆等向老年人免费开放');
  // The leading group's members.
  const leader = await p.request('POST', '/api/leading-group-members', { headers: district, body: { name: '沙红', position: '副区长', groupRole: 'leader' } });
  expect(leader.status).toBe(201);
  await p.request('POST', '/api/leading-group-members', {
    headers: district,
    body: { name: '班东江', position: '区教育局党委书记、局长', groupRole: 'deputy', unitId: unit('区教育局').id },
  });
  const members = (await p.request('GET', '/api/leading-group-members', { headers: district })).body.items;
  expect(members.map((m: { name: string }) => m.name)).toEqual(expect.arrayContaining(['沙红', '班东江']));
  expect(members[0].groupRole).toBe('leader');
  expect(members.find((m: { name: string; unitName: string }) => m.name === '班东江').unitName).toBe('区教育局');
});

it('a reporter bound to a unit reports progress on its own task only', async () => {
  const account = await p.request('POST', '/api/staff-accounts', {
    headers: district,
    body: { username: 'wenlv', displayName: '区文旅局填报员', role: 'member_unit_reporter', regionCodes: ['330105'], password: 'Report2026x' },
  });
  expect(account.status).toBe(201);
  const notReporter = (await p.request('GET', '/api/staff-accounts?q=street', { headers: district })).body.items[0];
  expect(
    (await p.request('POST', `/api/member-units/${unit('区文化和旅游局').id}/reporters`, { headers: district, body: { userId: notReporter.id } })).body.error
      .details.fields.userId,
  ).toBe('该账号不是成员单位填报员');
  const before = (await p.request('GET', `/api/member-units/${unit('区文化和旅游局').id}`, { headers: district })).body.reporterCount;
  expect(
    (await p.request('POST', `/api/member-units/${unit('区文化和旅游局').id}/reporters`, { headers: district, body: { userId: account.body.id } })).body
      .reporterCount,
  ).toBe(before + 1);

  const bad = await p.request('POST', '/api/governance-tasks', {
    headers: district,
    body: { year: 2026, title: '缺截止日', ownerUnitId: unit('区体育局').id, dueOn: '2026/12/31', targetText: 'x' },
  });
  expect(Object.keys(bad.body.error.details.fields)).toEqual(expect.arrayContaining(['dueOn', 'targetText']));
  const tasks = {
    culture: await createTask('文化馆、图书馆开展老年教育活动', '区文化和旅游局', '2026-12-31'),
    sport: await createTask('体育场馆向老年人免费开放', '区体育局', '2026-11-10'),
  };

  const reporter = await p.login('wenlv', 'Report2026x');
  const mine = await p.request('GET', '/api/governance-tasks', { headers: reporter });
  expect(mine.body.items.map((t: { title: string }) => t.title)).toContain('文化馆、图书馆开展老年教育活动');
  expect(mine.body.items.every((t: { ownerUnitName: string }) => t.ownerUnitName === '区文化和旅游局')).toBe(true);
  expect((await p.request('GET', `/api/governance-tasks/${tasks.sport}`, { headers: reporter })).status).toBe(404);
  expect((await p.request('POST', `/api/governance-tasks/${tasks.sport}/progress-reports`, { headers: reporter, body: { text: '越权填报' } })).status).toBe(
    404,
  );
  const body = multipart(PDF, { filename: '活动台账.pdf', contentType: 'application/pdf', fields: { purpose: 'evidence' } });
  const file = await p.request('POST', '/api/files', { headers: { ...reporter, ...body.headers }, payload: body.payload });
  expect(file.status, JSON.stringify(file.body)).toBe(201);
  const report = await p.request('POST', `/api/governance-tasks/${tasks.culture}/progress-reports`, {
    headers: reporter,
    body: { text: '已在群艺馆开展老年书画、合唱课程 28 场。', achievedValue: 28, evidenceFileIds: [file.body.id] },
  });
  expect(report.status).toBe(201);
  expect(report.body).toMatchObject({
    reportCount: 1,
    isOverdue: false,
    reports: [{ achievedValue: 28, evidenceFiles: [{ id: file.body.id, filename: '活动台账.pdf' }] }],
  });
  // The evidence is attached once, and staff of the district can open it.
  const again = await p.request('POST', `/api/governance-tasks/${tasks.culture}/progress-reports`, {
    headers: reporter,
    body: { text: '重复附件', evidenceFileIds: [file.body.id] },
  });
  expect(again.body.error.details.fields['evidenceFileIds.0']).toBeTruthy();
  expect((await p.request('GET', `/api/files/${file.body.id}`, { headers: district })).status).toBe(200);
  const audit = await p.request('GET', '/api/audit-log?action=gov.task.report', { headers: district });
  expect(audit.body.items[0]).toMatchObject({ actorName: 'wenlv', entityId: tasks.culture });
});

it('flags the task still open after its deadline as overdue', async () => {
  const tasks = {
    sport: await createTask('体育场馆向老年人免费开放', '区体育局', '2026-11-10'),
    culture: await createTask('文化馆、图书馆开展老年教育活动', '区文化和旅游局', '2026-12-31'),
  };
  const overdue = await p.request('GET', '/api/governance-tasks?overdue=true', { headers: district });
  const rows = overdue.body.items.map((t: { title: string; isOverdue: boolean; ownerUnitName: string }) => [t.title, t.isOverdue, t.ownerUnitName]);
  expect(rows).toContainEqual(['体育场馆向老年人免费开放', true, '区体育局']);
  expect(rows.map((r: string[]) => r[0])).not.toContain('文化馆、图书馆开展老年教育活动');
  expect(overdue.body.items.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining([tasks.sport]));
  expect(overdue.body.items.map((t: { id: string }) => t.id)).not.toContain(tasks.culture);
  const done = await p.request('POST', `/api/governance-tasks/${tasks.sport}/completion`, {
    headers: district,
    body: { closingNote: '11 月 20 日起全部开放' },
  });
  expect(done.body).toMatchObject({ status: 'done', isOverdue: false });
  expect((await p.request('GET', '/api/governance-tasks?overdue=true', { headers: district })).body.items.map((t: { id: string }) => t.id)).not.toContain(
    tasks.sport,
  );
  expect((await p.request('POST', `/api/governance-tasks/${tasks.sport}/completion`, { headers: district, body: { closingNote: '再次' } })).status).toBe(409);
});

it('a supervision visit turns findings into rectification tasks that must be closed', async () => {
  const reporter = await reporterOf('区文化和旅游局');
  const visit = await p.request('POST', '/api/supervision-visits', {
    headers: district,
    body: {
      visitedOn: '2026-11-20',
      subject: '天水街道社区教育专项督导',
      unitId: unit('各街道办事处').id,
      findings: '部分社区学习点无专职人员，活动记录不全。',
      rectifications: [{ title: '补齐学习点活动台账', ownerUnitId: unit('各街道办事处').id, dueOn: '2026-12-20', targetText: '每个学习点建立活动台账' }],
    },
  });
  expect(visit.status).toBe(201);
  expect(visit.body.rectifications).toMatchObject([{ kind: 'rectification', status: 'open', title: '补齐学习点活动台账' }]);
  const list = await p.request('GET', '/api/supervision-visits', { headers: district });
  expect(list.body.items[0]).toMatchObject({ rectifications: 1, openRectifications: 1 });
  await p.request('POST', `/api/governance-tasks/${visit.body.rectifications[0].id}/completion`, {
    headers: district,
    body: { closingNote: '台账已补齐，附照片' },
  });
  expect((await p.request('GET', '/api/supervision-visits', { headers: district })).body.items[0].openRectifications).toBe(0);
  // A reporter sees no supervision records of other units.
  expect((await p.request('GET', '/api/supervision-visits', { headers: reporter })).body.total).toBe(0);
});
