// The annual assessment ranks member units from weighted criteria: a reviewer score, an indicator read from
// monitoring, and on-time reporting computed from the units' task progress. Every score says where it came
// from; nothing to measure is no score (never full marks); publication waits for the reviewers' scores, then
// freezes the ranking.
import { afterAll, beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestPlatform, type TestPlatform } from '../support/platform';

let p: TestPlatform;
let district: Record<string, string>;
let units: { id: string; name: string }[];
const unitId = (name: string) => units.find((u) => u.name === name)!.id;

beforeAll(async () => {
  p = await startTestPlatform();
  district = await p.login('district');
  await p.request('POST', '/api/member-units/template', { headers: district, body: { template: 'nankai-2021' } });
  units = (await p.request('GET', '/api/member-units?pageSize=50', { headers: district })).body.items;
  // Two tasks due on 25 November: culture reports before the deadline, sport never does; then the deadline passes.
  for (const [name, report] of [
    ['区文化和旅游局', true],
    ['区体育局', false],
  ] as const) {
    const task = (
      await p.request('POST', '/api/governance-tasks', {
        headers: district,
        body: { year: 2026, title: `${name}年度任务`, ownerUnitId: unitId(name), dueOn: '2026-11-25', targetText: '按期完成' },
      })
    ).body;
    if (report) await p.request('POST', `/api/governance-tasks/${task.id}/progress-reports`, { headers: district, body: { text: '已完成' } });
  }
  p.clock.advance(5 * 24 * 3600_000);
  district = await p.login('district');
});
afterAll(() => p.close());

/** A plan assessing the member units: a reviewer's score (50), an indicator (30) and on-time reporting (20). */
const createUnitPlan = (title: string) =>
  p.request('POST', '/api/assessment-plans', {
    headers: district,
    body: {
      year: 2026,
      title,
      subjectKind: 'unit',
      criteria: [
        { name: '职责落实', weight: 50, source: 'reviewer' },
        { name: '街道社区学校覆盖率', weight: 30, source: 'indicator', indicatorKey: 'I09' },
        { name: '按时报送', weight: 20, source: 'on_time_reporting' },
      ],
    },
  });

it('creates a plan with weighted criteria from three sources', async () => {
  const bad = await p.request('POST', '/api/assessment-plans', {
    headers: district,
    body: { year: 2026, title: '街道考核', subjectKind: 'street', criteria: [{ name: '按时报送', weight: 10, source: 'on_time_reporting' }] },
  });
  expect(bad.body.error.details.fields['criteria.0.source']).toBeTruthy();
  const unknown = await p.request('POST', '/api/assessment-plans', {
    headers: district,
    body: {
      year: 2026,
      title: '街道考核',
      subjectKind: 'street',
      criteria: [{ name: '参与率', weight: 10, source: 'indicator', indicatorKey: 'elderly_participation_rate' }],
    },
  });
  expect(unknown.body.error.details.fields['criteria.0.indicatorKey']).toBe('请选择监测指标体系中的指标');
  const res = await createUnitPlan('2026年度成员单位考核');
  expect(res.status).toBe(201);
  expect(res.body.criteria.map((c: { source: string }) => c.source)).toEqual(['reviewer', 'indicator', 'on_time_reporting']);
});

it('scores, ranks and traces every score to its evidence; publication waits for every score', async () => {
  const plan = (await createUnitPlan('2026年度成员单位考核（评分）')).body as { id: string; criteria: { id: string; source: string }[] };
  const [reviewer, indicator, onTime] = plan.criteria;
  // The indicator is read from monitoring (the demo's 9 of 18 streets with a community school: 50 %), never typed in.
  const typed = await p.request('POST', `/api/assessment-plans/${plan.id}/scores`, {
    headers: district,
    body: { criterionId: indicator.id, subjectId: unitId('区体育局'), inputValue: 99, evidence: '统计年报' },
  });
  expect(typed.body.error.details.fields.criterionId).toBe('该指标取自监测数据，自动计分，不能手工填写');
  const computed = await p.request('POST', `/api/assessment-plans/${plan.id}/scores`, {
    headers: district,
    body: { criterionId: onTime.id, subjectId: unitId('区体育局'), score: 100, evidence: '手工' },
  });
  expect(computed.status).toBe(422);

  const blocked = await p.request('POST', `/api/assessment-plans/${plan.id}/publication`, { headers: district });
  expect(blocked.body.error.message).toBe(`还有 ${units.length} 项评分未完成，不能发布`);

  for (const u of units) {
    const high = u.name === '区文化和旅游局';
    const r = await p.request('POST', `/api/assessment-plans/${plan.id}/scores`, {
      headers: district,
      body: { criterionId: reviewer.id, subjectId: u.id, score: high ? 95 : 80, evidence: `督导组现场检查记录（${u.name}）` },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
  const res = await p.request('GET', `/api/assessment-plans/${plan.id}/results`, { headers: district });
  const byName = (n: string) => res.body.items.find((i: { subjectName: string }) => i.subjectName === n);
  // Culture: 95×.5 + 50×.3 + 100×.2 = 82.5; sport: 80×.5 + 50×.3 + 0×.2 = 55; the rest had nothing due, so
  // on-time reporting is no score and the total rests on the other weights: (80×50 + 50×30) / 80 = 68.75.
  expect(byName('区文化和旅游局')).toMatchObject({ total: 82.5, rank: 1, noData: 0 });
  expect(byName('区科协')).toMatchObject({ total: 68.75, rank: 2, noData: 1 });
  expect(byName('区体育局')).toMatchObject({ total: 55, rank: units.length });
  expect(byName('区科协').scores[2]).toMatchObject({ score: null, noData: true, evidence: { computedFrom: 'governance_tasks', tasksDue: 0 } });
  const cultureScores = byName('区文化和旅游局').scores;
  expect(cultureScores[0]).toMatchObject({
    score: 95,
    evidence: { reference: '督导组现场检查记录（区文化和旅游局）', source: 'reviewer' },
    scoredBy: expect.any(String),
  });
  expect(cultureScores[1]).toMatchObject({
    score: 50,
    inputValue: 50,
    noData: false,
    evidence: { computedFrom: 'monitoring', indicatorKey: 'I09', unit: '%', computedAt: expect.any(String) },
  });
  expect(cultureScores[2]).toMatchObject({ score: 100, evidence: { computedFrom: 'governance_tasks', tasksDue: 1, reportedOnTime: 1 } });
  expect(byName('区体育局').scores[2]).toMatchObject({ score: 0, evidence: { computedFrom: 'governance_tasks', reportedOnTime: 0 } });

  const published = await p.request('POST', `/api/assessment-plans/${plan.id}/publication`, { headers: district });
  expect(published.status).toBe(200);
  expect(published.body.plan.status).toBe('published');
  expect(published.body.items[0]).toMatchObject({ subjectName: '区文化和旅游局', rank: 1 });
  // Frozen: on-time scores are now stored, and scores can no longer change.
  expect(published.body.items[0].scores[2].scoredAt).toBeTruthy();
  expect(
    (
      await p.request('POST', `/api/assessment-plans/${plan.id}/scores`, {
        headers: district,
        body: { criterionId: reviewer.id, subjectId: unitId('区体育局'), score: 100, evidence: '改分' },
      })
    ).status,
  ).toBe(409);
  // The export carries the ranking with every score's evidence.
  const xlsx = await p.request('GET', `/api/assessment-plans/${plan.id}/results.xlsx`, { headers: district });
  expect(xlsx.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.raw as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.getWorksheet('考核结果')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String)));
  expect(rows[0].slice(0, 4)).toEqual(['名次', '考核对象', '总分', '职责落实（权重 50）']);
  expect(rows[1]).toEqual([
    '1',
    '区文化和旅游局',
    '82.5',
    '95',
    '督导组现场检查记录（区文化和旅游局）',
    '50',
    '监测指标 I09（街道(乡镇)社区学校覆盖率）',
    '100',
    '按任务进度计算：到期 1 项，按时报送 1 项',
  ]);
  expect(rows.find((r) => r[1] === '区科协')!.slice(7)).toEqual(['无数据', '无到期任务：无数据，不计分']);
  // Street administrators read the results; they cannot score.
  const street = await p.login('street');
  expect((await p.request('GET', `/api/assessment-plans/${plan.id}/results`, { headers: street })).status).toBe(200);
});

it('an indicator the platform holds no value for is no score for every subject, shown as such', async () => {
  const res = await p.request('POST', '/api/assessment-plans', {
    headers: district,
    body: {
      year: 2026,
      title: '2026年度街道考核',
      subjectKind: 'street',
      criteria: [
        { name: '失业人员培训率', weight: 40, source: 'indicator', indicatorKey: 'I18' },
        { name: '工作实绩', weight: 60, source: 'reviewer' },
      ],
    },
  });
  expect(res.status).toBe(201);
  const results = (await p.request('GET', `/api/assessment-plans/${res.body.id}/results`, { headers: district })).body.items;
  expect(results.every((r: any) => r.scores[0].score === null && r.scores[0].noData === true && r.scores[0].evidence.noData === true)).toBe(true);
  expect(results.every((r: any) => r.total === 0 && r.missing === 1 && r.noData === 1)).toBe(true);
});
