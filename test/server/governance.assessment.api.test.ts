// The annual assessment ranks member units from weighted criteria: a reviewer score, an indicator value
// with its evidence reference, and on-time reporting computed from the units' task progress. Every score
// says where it came from; publication is refused until every score is in, then freezes the ranking.
import { afterAll, beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestPlatform, type TestPlatform } from '../support/platform';

let p: TestPlatform;
let district: Record<string, string>;
let units: { id: string; name: string }[];
let plan: { id: string; criteria: { id: string; source: string }[] };
const unitId = (name: string) => units.find((u) => u.name === name)!.id;

beforeAll(async () => {
  p = await startTestPlatform();
  district = await p.login('district');
  await p.request('POST', '/api/member-units/template', { headers: district, body: { template: 'nankai-2021' } });
  units = (await p.request('GET', '/api/member-units?pageSize=50', { headers: district })).body.items;
  // Two tasks due on 25 November: culture reports before the deadline, sport never does; then the deadline passes.
  for (const [name, report] of [['区文化和旅游局', true], ['区体育局', false]] as const) {
    const task = (await p.request('POST', '/api/governance-tasks', { headers: district, body: { year: 2026, title: `${name}年度任务`, ownerUnitId: unitId(name), dueOn: '2026-11-25', targetText: '按期完成' } })).body;
    if (report) await p.request('POST', `/api/governance-tasks/${task.id}/progress-reports`, { headers: district, body: { text: '已完成' } });
  }
  p.clock.advance(5 * 24 * 3600_000);
  district = await p.login('district');
});
afterAll(() => p.close());

it('creates a plan with weighted criteria from three sources', async () => {
  const bad = await p.request('POST', '/api/assessment-plans', { headers: district, body: { year: 2026, title: '街道考核', subjectKind: 'street', criteria: [{ name: '按时报送', weight: 10, source: 'on_time_reporting' }] } });
  expect(bad.body.error.details.fields['criteria.0.source']).toBeTruthy();
  const res = await p.request('POST', '/api/assessment-plans', {
    headers: district,
    body: {
      year: 2026, title: '2026年度成员单位考核', subjectKind: 'unit',
      criteria: [
        { name: '职责落实', weight: 50, source: 'reviewer' },
        { name: '老年教育参与率', weight: 30, source: 'indicator', indicatorKey: 'elderly_participation_rate' },
        { name: '按时报送', weight: 20, source: 'on_time_reporting' },
      ],
    },
  });
  expect(res.status).toBe(201);
  plan = res.body;
});

it('scores, ranks and traces every score to its evidence; publication waits for every score', async () => {
  const [reviewer, indicator, onTime] = plan.criteria;
  const bad = await p.request('POST', `/api/assessment-plans/${plan.id}/scores`, { headers: district, body: { criterionId: indicator.id, subjectId: unitId('区体育局'), evidence: '统计年报' } });
  expect(bad.body.error.details.fields.inputValue).toBe('该指标取自指标数据，请填写数值');
  const computed = await p.request('POST', `/api/assessment-plans/${plan.id}/scores`, { headers: district, body: { criterionId: onTime.id, subjectId: unitId('区体育局'), score: 100, evidence: '手工' } });
  expect(computed.status).toBe(422);

  const blocked = await p.request('POST', `/api/assessment-plans/${plan.id}/publication`, { headers: district });
  expect(blocked.body.error.message).toBe('还有 40 项评分未完成，不能发布');

  for (const u of units) {
    const high = u.name === '区文化和旅游局';
    await p.request('POST', `/api/assessment-plans/${plan.id}/scores`, { headers: district, body: { criterionId: reviewer.id, subjectId: u.id, score: high ? 95 : 80, evidence: `督导组现场检查记录（${u.name}）` } });
    const r = await p.request('POST', `/api/assessment-plans/${plan.id}/scores`, { headers: district, body: { criterionId: indicator.id, subjectId: u.id, inputValue: high ? 62.5 : 40, evidence: '2026 年学习型城市监测统计表第 3 行' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
  const res = await p.request('GET', `/api/assessment-plans/${plan.id}/results`, { headers: district });
  const byName = (n: string) => res.body.items.find((i: { subjectName: string }) => i.subjectName === n);
  // Culture: 95×.5 + 62.5×.3 + 100×.2 = 86.25; sport: 80×.5 + 40×.3 + 0×.2 = 52; the rest 80×.5 + 40×.3 + 100×.2 (nothing due) = 72.
  expect(byName('区文化和旅游局')).toMatchObject({ total: 86.25, rank: 1 });
  expect(byName('区科协')).toMatchObject({ total: 72, rank: 2 });
  expect(byName('区体育局')).toMatchObject({ total: 52, rank: 20 });
  const cultureScores = byName('区文化和旅游局').scores;
  expect(cultureScores[0]).toMatchObject({ score: 95, evidence: { reference: '督导组现场检查记录（区文化和旅游局）', source: 'reviewer' }, scoredBy: expect.any(String) });
  expect(cultureScores[1]).toMatchObject({ score: 62.5, inputValue: 62.5, evidence: { reference: '2026 年学习型城市监测统计表第 3 行', indicatorKey: 'elderly_participation_rate' } });
  expect(cultureScores[2]).toMatchObject({ score: 100, evidence: { computedFrom: 'governance_tasks', tasksDue: 1, reportedOnTime: 1 } });
  expect(byName('区体育局').scores[2]).toMatchObject({ score: 0, evidence: { computedFrom: 'governance_tasks', reportedOnTime: 0 } });

  const published = await p.request('POST', `/api/assessment-plans/${plan.id}/publication`, { headers: district });
  expect(published.status).toBe(200);
  expect(published.body.plan.status).toBe('published');
  expect(published.body.items[0]).toMatchObject({ subjectName: '区文化和旅游局', rank: 1 });
  // Frozen: on-time scores are now stored, and scores can no longer change.
  expect(published.body.items[0].scores[2].scoredAt).toBeTruthy();
  expect((await p.request('POST', `/api/assessment-plans/${plan.id}/scores`, { headers: district, body: { criterionId: reviewer.id, subjectId: unitId('区体育局'), score: 100, evidence: '改分' } })).status).toBe(409);
  // The export carries the ranking with every score's evidence.
  const xlsx = await p.request('GET', `/api/assessment-plans/${plan.id}/results.xlsx`, { headers: district });
  expect(xlsx.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.raw as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.getWorksheet('考核结果')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String)));
  expect(rows[0].slice(0, 4)).toEqual(['名次', '考核对象', '总分', '职责落实（权重 50）']);
  expect(rows[1]).toEqual(['1', '区文化和旅游局', '86.25', '95', '督导组现场检查记录（区文化和旅游局）', '62.5', '2026 年学习型城市监测统计表第 3 行；指标 elderly_participation_rate', '100', '按任务进度计算：到期 1 项，按时报送 1 项']);
  // Street administrators read the results; they cannot score.
  const street = await p.login('street');
  expect((await p.request('GET', `/api/assessment-plans/${plan.id}/results`, { headers: street })).status).toBe(200);
});
