import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform';

let p: TestPlatform;
let district: Record<string, string>;
let street: Record<string, string>;
let school: Record<string, string>;
let leader: Record<string, string>;
let leaderId: string;
beforeAll(async () => {
  p = await startTestPlatform({ demo: true });
  district = await p.login('district');
  street = await p.login('street');
  school = await p.login('school');
  leader = await p.login('leader');
  leaderId = (await p.request('GET', '/api/auth/me', { headers: leader })).body.id;
});
afterAll(() => p.close());

const DAY = 24 * 3600 * 1000;
const callBody = (over: Record<string, unknown> = {}) => ({
  title: '2027 年春季老年教育课程征集',
  requirements: '面向 60 岁以上居民，线下教学为主',
  categories: ['SHUHUA', 'YANGSHENG'],
  budgetFen: 1_000_000,
  deadline: new Date(p.clock.now().getTime() + 7 * DAY).toISOString(),
  criteria: [
    { name: '内容质量', maxScore: 40, weight: 2 },
    { name: '师资', maxScore: 30, weight: 1 },
    { name: '适老性', maxScore: 30, weight: 1 },
  ],
  reviewerIds: [leaderId],
  ...over,
});
const proposal = (over: Record<string, unknown> = {}) => ({
  title: '社区书法研习',
  category: 'SHUHUA',
  targetGroups: ['elderly'],
  mode: 'offline',
  learningHours: 24,
  description: '楷书与行书入门',
  syllabus: '共 12 讲',
  ...over,
});

describe('a call for courses, end to end', () => {
  it('runs from opening to decision, and the accepted and purchased courses enter the library', async () => {
    const created = await p.request('POST', '/api/course-calls', { headers: district, body: callBody() });
    expect(created.status).toBe(201);
    const call = created.body;
    expect(call).toMatchObject({ status: 'draft', ownerRegionCode: '330105', budgetFen: 1_000_000, spentFen: 0, reviewers: [{ id: leaderId }] });
    // A draft is not visible to schools, and takes no proposals.
    expect((await p.request('GET', `/api/course-calls/${call.id}`, { headers: school })).status).toBe(404);
    expect((await p.request('POST', `/api/course-calls/${call.id}/open`, { headers: street })).status).toBe(404);
    expect((await p.request('POST', `/api/course-calls/${call.id}/open`, { headers: district })).body.status).toBe('open');
    expect((await p.request('GET', '/api/course-calls', { headers: school })).body.items.map((c: { id: string }) => c.id)).toContain(call.id);

    const fromSchool = await p.request('POST', `/api/course-calls/${call.id}/proposals`, { headers: school, body: proposal() });
    expect(fromSchool.status).toBe(201);
    expect(fromSchool.body).toMatchObject({ submitterKind: 'institution', status: 'submitted' });
    const outsideMissing = await p.request('POST', `/api/course-calls/${call.id}/proposals`, { headers: district, body: proposal({ title: '八段锦' }) });
    expect(outsideMissing.status).toBe(422);
    expect(outsideMissing.body.error.details.fields.supplierName).toBeTruthy();
    const fromOutside = await p.request('POST', `/api/course-calls/${call.id}/proposals`, {
      headers: district,
      body: proposal({ title: '八段锦养生', category: 'YANGSHENG', supplierName: '杭州某健康管理有限公司', quotedPriceFen: 600_000 }),
    });
    expect(fromOutside.body).toMatchObject({ submitterKind: 'outside', submitterName: '杭州某健康管理有限公司' });
    const third = await p.request('POST', `/api/course-calls/${call.id}/proposals`, {
      headers: street,
      body: proposal({ title: '太极扇', category: 'YANGSHENG', supplierName: '某武术协会' }),
    });
    expect(third.status).toBe(201);
    const notWanted = await p.request('POST', `/api/course-calls/${call.id}/proposals`, { headers: school, body: proposal({ category: 'XINXI' }) });
    expect(notWanted.status).toBe(422);
    // The school sees its own proposal only; the office sees all.
    expect((await p.request('GET', `/api/course-calls/${call.id}/proposals`, { headers: school })).body.total).toBe(1);
    expect((await p.request('GET', `/api/course-calls/${call.id}/proposals`, { headers: district })).body.total).toBe(3);

    // Scoring waits for the review stage; then each reviewer scores once, within each maximum.
    const early = await p.request('POST', `/api/course-proposals/${fromSchool.body.id}/scores`, { headers: leader, body: { scores: [30, 20, 20] } });
    expect(early.status).toBe(409);
    expect((await p.request('POST', `/api/course-calls/${call.id}/review-start`, { headers: district })).body.status).toBe('reviewing');
    expect((await p.request('POST', `/api/course-calls/${call.id}/proposals`, { headers: school, body: proposal({ title: '晚到' }) })).status).toBe(409);
    const over = await p.request('POST', `/api/course-proposals/${fromSchool.body.id}/scores`, { headers: leader, body: { scores: [41, 20, 20] } });
    expect(over.status).toBe(422);
    expect(over.body.error.details.fields['scores.0']).toContain('40');
    expect((await p.request('POST', `/api/course-proposals/${fromSchool.body.id}/scores`, { headers: district, body: { scores: [30, 20, 20] } })).status).toBe(
      403,
    );
    const scored = await p.request('POST', `/api/course-proposals/${fromSchool.body.id}/scores`, {
      headers: leader,
      body: { scores: [40, 15, 30], comment: '内容扎实' },
    });
    expect(scored.status).toBe(201);
    expect(scored.body.myScore.total).toBe(87.5);
    const twice = await p.request('POST', `/api/course-proposals/${fromSchool.body.id}/scores`, { headers: leader, body: { scores: [10, 10, 10] } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toContain('重复');
    const officeView = await p.request('GET', `/api/course-proposals/${fromSchool.body.id}`, { headers: district });
    expect(officeView.body).toMatchObject({ averageScore: 87.5, reviewCount: 1 });

    // Decisions: accept, purchase within the budget, refuse a purchase beyond it, reject with a reason.
    const accepted = await p.request('POST', `/api/course-proposals/${fromSchool.body.id}/decision`, { headers: district, body: { decision: 'accepted' } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    expect(accepted.body.courseId).toBeTruthy();
    const bought = await p.request('POST', `/api/course-proposals/${fromOutside.body.id}/decision`, {
      headers: district,
      body: { decision: 'purchased', priceFen: 600_000, contractNo: 'GS-2027-001', supplier: '杭州某健康管理有限公司' },
    });
    expect(bought.status).toBe(200);
    const beyond = await p.request('POST', `/api/course-proposals/${third.body.id}/decision`, {
      headers: district,
      body: { decision: 'purchased', priceFen: 400_001, contractNo: 'GS-2027-002', supplier: '某武术协会' },
    });
    expect(beyond.status).toBe(409);
    expect(beyond.body.error.code).toBe('call.over_budget');
    expect(beyond.body.error.message).toContain('4000.00');
    expect((await p.request('GET', `/api/course-proposals/${third.body.id}`, { headers: district })).body.status).toBe('submitted');
    const noReason = await p.request('POST', `/api/course-proposals/${third.body.id}/decision`, { headers: district, body: { decision: 'rejected' } });
    expect(noReason.status).toBe(422);
    const rejected = await p.request('POST', `/api/course-proposals/${third.body.id}/decision`, {
      headers: district,
      body: { decision: 'rejected', reason: '与已有课程重复' },
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionReason: '与已有课程重复', courseId: null });
    expect((await p.request('POST', `/api/course-proposals/${third.body.id}/decision`, { headers: district, body: { decision: 'accepted' } })).status).toBe(
      409,
    );

    const after = await p.request('GET', `/api/course-calls/${call.id}`, { headers: district });
    expect(after.body).toMatchObject({ spentFen: 600_000, remainingFen: 400_000, proposals: { total: 3, accepted: 1, purchased: 1, rejected: 1 } });

    // The library: both courses, with provenance, searchable, visible to the street as district-shared.
    const lib = await p.request('GET', `/api/courses?callId=${call.id}&sort=title`, { headers: street });
    expect(lib.body.items.map((c: { title: string }) => c.title).sort()).toEqual(['八段锦养生', '社区书法研习'].sort());
    const purchased = lib.body.items.find((c: { title: string }) => c.title === '八段锦养生');
    expect(purchased).toMatchObject({
      status: 'published',
      ownerLevel: 'district',
      canEdit: false,
      provenance: { kind: 'call', callId: call.id, priceFen: 600_000, contractNo: 'GS-2027-001', supplier: '杭州某健康管理有限公司' },
    });
    const search = await p.request('GET', `/api/courses?q=${encodeURIComponent('书法')}`, { headers: district });
    expect(search.body.items.map((c: { title: string }) => c.title)).toContain('社区书法研习');

    expect((await p.request('POST', `/api/course-calls/${call.id}/close`, { headers: district })).body.status).toBe('closed');
    expect((await p.request('POST', `/api/course-calls/${call.id}/open`, { headers: district })).status).toBe(409);
  });

  it('refuses proposals after the deadline, and two purchases at once cannot overspend', async () => {
    const call = (
      await p.request('POST', '/api/course-calls', {
        headers: street,
        body: callBody({ title: '天水街道课程征集', budgetFen: 100_000, categories: [], deadline: new Date(p.clock.now().getTime() + 3600_000).toISOString() }),
      })
    ).body;
    expect(call.ownerRegionCode).toBe('330105012');
    expect((await p.request('POST', `/api/course-calls/${call.id}/open`, { headers: street })).body.status).toBe('open');
    // The demo school sits in another street: this street's call is not its business.
    expect((await p.request('GET', `/api/course-calls/${call.id}`, { headers: school })).status).toBe(404);
    const ids: string[] = [];
    for (const title of ['甲', '乙'])
      ids.push(
        (await p.request('POST', `/api/course-calls/${call.id}/proposals`, { headers: street, body: proposal({ title, supplierName: '某培训机构' }) })).body.id,
      );
    p.clock.advance(2 * 3600_000);
    const late = await p.request('POST', `/api/course-calls/${call.id}/proposals`, {
      headers: street,
      body: proposal({ title: '丙', supplierName: '某培训机构' }),
    });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('截止');
    await p.request('POST', `/api/course-calls/${call.id}/review-start`, { headers: street });
    const buy = (id: string) =>
      p.request('POST', `/api/course-proposals/${id}/decision`, {
        headers: street,
        body: { decision: 'purchased', priceFen: 60_000, contractNo: `C-${id.slice(0, 4)}`, supplier: '某学校' },
      });
    const results = await Promise.all(ids.map(buy));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await p.request('GET', `/api/course-calls/${call.id}`, { headers: street })).body.spentFen).toBe(60_000);
  });

  it('validates a call and its reviewers, and keeps street calls from other streets', async () => {
    const bad = await p.request('POST', '/api/course-calls', {
      headers: district,
      body: callBody({ title: '', criteria: [], reviewerIds: ['00000000-0000-4000-8000-000000000000'] }),
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.details.fields)).toEqual(expect.arrayContaining(['title', 'criteria']));
    const ghost = await p.request('POST', '/api/course-calls', {
      headers: district,
      body: callBody({ reviewerIds: ['00000000-0000-4000-8000-000000000000'] }),
    });
    expect(ghost.body.error.details.fields.reviewerIds).toContain('工作人员');
    expect((await p.request('POST', '/api/course-calls', { headers: school, body: callBody() })).status).toBe(422);
    const other = (
      await p.request('POST', '/api/course-calls', { headers: district, body: callBody({ title: '米市巷街道征集', ownerRegionCode: '330105013' }) })
    ).body;
    await p.request('POST', `/api/course-calls/${other.id}/open`, { headers: district });
    expect((await p.request('GET', `/api/course-calls/${other.id}`, { headers: street })).status).toBe(404);
    const audit = await p.request('GET', '/api/audit-log?entityType=course_proposal', { headers: district });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['call.proposal_submit', 'call.proposal_score', 'call.proposal_purchased', 'call.proposal_rejected']),
    );
  });
});
