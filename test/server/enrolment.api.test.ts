// The enrolment engine over the API on a real database: a first-come rush never oversells and a retried
// request never enrols twice; eligibility, quota and window refusals are translated; the waitlist offers a
// freed seat with a deadline and an expired offer passes on; approval, cancellation, fees; proxy enrolment
// with consent and audit; staff lists scoped to their streets; the inbox and the contract functions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { createResidents, type TestResident } from '../support/residents';
import { DEMO_STREET as STREET, publishedEvent, publishedTerm } from '../support/factories';
import { rowsOf } from '../../src/server/kernel/rate-limit';

const OTHER = '330105001';

let p: TestPlatform;
let street: Record<string, string>;
let home: string;
let demo: Record<string, string>;
let demoId: string;

beforeAll(async () => {
  p = await startTestPlatform();
  street = await p.login('street');
  demo = await p.login('13900000001');
  demoId = (await p.request('GET', '/api/residents/me', { headers: demo })).body.id;
  home = (await p.request('GET', `/api/regions/${STREET}/children?pageSize=1`)).body.items[0].code;
});
afterAll(() => p.close());

/** A published event of the demo street, open for enrolment now (the test clock is 2026-11-23 10:00 in Shanghai) until 9 December. */
const offering = async (fields: Record<string, unknown> = {}) =>
  (await publishedEvent(p, street, { enrolmentClosesAt: '2026-12-09T00:00:00+08:00', ...fields })).id;

const enrol = (id: string, who: Record<string, string>, body: Record<string, unknown> = {}, key?: string, locale = 'zh-CN') =>
  p.request('POST', `/api/offerings/${id}/enrolments`, { headers: { ...who, 'accept-language': locale, ...(key ? { 'idempotency-key': key } : {}) }, body });

async function count(where: string): Promise<number> {
  return Number(rowsOf<{ n: number }>(await p.db.execute(sql.raw(`select count(*)::int as n from enrolments where ${where}`)))[0].n);
}
async function seatsTaken(id: string): Promise<number> {
  return Number(rowsOf<{ n: number }>(await p.db.execute(sql`select seats_taken as n from offerings where id = ${id}`))[0].n);
}
const messagesOf = async (who: Record<string, string>) => (await p.request('GET', '/api/notifications?pageSize=50', { headers: who })).body;

describe('first come under a rush', () => {
  it('200 concurrent requests for 20 seats enrol exactly 20; the rest are refused or waitlisted', async () => {
    const id = await offering({ capacity: 20 });
    const people = await createResidents(p, 200, { homeRegionCode: home });
    const results = await Promise.all(people.map((r, i) => enrol(id, r.headers, i % 2 ? { joinWaitlist: true } : {}, `rush-${i}`)));
    const enrolled = results.filter((r) => r.status === 201 && r.body.status === 'enrolled');
    const waitlisted = results.filter((r) => r.status === 201 && r.body.status === 'waitlisted');
    const refused = results.filter((r) => r.status === 409);
    expect(enrolled.length).toBe(20);
    expect(enrolled.length + waitlisted.length + refused.length).toBe(200);
    expect(
      refused.every(
        (r) => r.body.error.code === 'enrolment.full' && r.body.error.message === '名额已满，可以加入候补名单' && r.body.error.details.canJoinWaitlist,
      ),
    ).toBe(true);
    expect(waitlisted.length).toBe(
      results.filter((r, i) => i % 2 === 1).length - enrolled.filter((r) => people.findIndex((x) => x.id === r.body.residentId) % 2 === 1).length,
    );
    expect(await seatsTaken(id)).toBe(20);
    expect(await count(`offering_id = '${id}' and status = 'enrolled'`)).toBe(20);
    const positions = waitlisted.map((r) => r.body.waitlistPosition).sort((a, b) => a - b);
    expect(new Set(positions).size).toBe(positions.length);
    const status = await p.request('GET', `/api/offerings/${id}/enrolment-status`);
    expect(status.body).toMatchObject({ capacity: 20, seatsLeft: 0, enrolment: null });
  }, 300_000);

  it('a retried request with the same Idempotency-Key returns the same enrolment and never enrols twice', async () => {
    const id = await offering({ capacity: 5 });
    const [r] = await createResidents(p, 1, { homeRegionCode: home });
    const first = await enrol(id, r.headers, {}, 'tap-1');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'enrolled', replayed: false });
    const again = await enrol(id, r.headers, {}, 'tap-1');
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toMatchObject({ id: first.body.id, status: 'enrolled', replayed: true });
    // Retries racing each other still make one enrolment.
    const [s] = await createResidents(p, 1, { homeRegionCode: home });
    const racing = await Promise.all(Array.from({ length: 6 }, () => enrol(id, s.headers, {}, 'tap-2')));
    expect(new Set(racing.map((x) => x.body.id)).size).toBe(1);
    expect(racing.every((x) => x.status === 201)).toBe(true);
    expect(await count(`offering_id = '${id}' and resident_id = '${s.id}'`)).toBe(1);
    expect(await seatsTaken(id)).toBe(2);
    // A new key for the same class is a second attempt, refused.
    const twice = await enrol(id, r.headers, {}, 'tap-3');
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toBe('您已报名（或在候补中），无需重复报名');
  });

  it('a class seen full takes the next enrolment at once when staff add a seat', async () => {
    const id = await offering({ capacity: 1 });
    const [a, b] = await createResidents(p, 2, { homeRegionCode: home });
    expect((await enrol(id, a.headers)).status).toBe(201);
    expect((await enrol(id, b.headers)).body.error.code).toBe('enrolment.full');
    expect((await p.request('PATCH', `/api/offerings/${id}`, { headers: street, body: { capacity: 2 } })).status).toBe(200);
    expect((await enrol(id, b.headers)).body).toMatchObject({ status: 'enrolled' });
    expect(await seatsTaken(id)).toBe(2);
  });
});

describe('who may enrol, and when', () => {
  it('refuses by age, home region, target group, window, quota and mode, each with a translated reason, writing nothing', async () => {
    const [young] = await createResidents(p, 1, { homeRegionCode: home, birthYear: 1990 });
    const elderly = await offering({ eligibility: { minAge: 60 } });
    const tooYoung = await enrol(elderly, young.headers);
    expect(tooYoung.status).toBe(422);
    expect(tooYoung.body.error).toMatchObject({ code: 'enrolment.too_young', message: '该课程要求当年年满 60 周岁' });
    expect((await enrol(elderly, young.headers, {}, undefined, 'en')).body.error.message).toBe('You must turn 60 this year or be older to enrol');
    expect((await enrol(elderly, demo)).status).toBe(201);

    const group = await offering({ targetGroups: ['elderly'], eligibility: { targetGroups: ['elderly'] } });
    expect((await enrol(group, young.headers)).body.error.message).toBe('该课程面向特定人群，您不在招生对象范围内');
    const elsewhere = await offering({ eligibility: { regionRoots: [OTHER] } });
    expect((await enrol(elsewhere, young.headers)).body.error.message).toBe('该课程仅面向指定区域的居民报名');

    const later = await offering({ enrolmentOpensAt: '2026-11-25T09:00:00+08:00' });
    const notOpen = await enrol(later, young.headers);
    expect(notOpen.status).toBe(409);
    expect(notOpen.body.error.message).toBe('报名尚未开始，开始时间：2026-11-25 09:00');
    const closed = await offering({ enrolmentOpensAt: '2026-11-01T00:00:00+08:00', enrolmentClosesAt: '2026-11-20T00:00:00+08:00' });
    expect((await enrol(closed, young.headers)).body.error.code).toBe('enrolment.closed');
    const lottery = await offering({ enrolmentMode: 'lottery' });
    expect((await enrol(lottery, young.headers)).body.error.code).toBe('enrolment.lottery_mode');

    const term = await publishedTerm(p, street, {
      name: '2027 春季',
      startsOn: '2026-12-01',
      endsOn: '2027-06-30',
      maxEnrolmentsPerResident: 1,
      ownerRegionCode: STREET,
    });
    const [a, b] = [await offering({ termId: term }), await offering({ termId: term })];
    expect((await enrol(a, young.headers)).status).toBe(201);
    const quota = await enrol(b, young.headers);
    expect(quota.status).toBe(409);
    expect(quota.body.error.message).toBe('您本学期（2027 春季）已报满 1 个班，不能再报名');
    expect(await count(`resident_id = '${young.id}'`)).toBe(1);
    expect(await p.services.enrolment.countActiveInTerm(term, young.id)).toBe(1);
  });

  it('the returning-learner rule lets previous learners in 3 days early (priority to continue)', async () => {
    const previous = await offering();
    const [learner, newcomer] = await createResidents(p, 2, { homeRegionCode: home });
    expect((await enrol(previous, learner.headers)).status).toBe(201);
    const next = await offering({ previousOfferingId: previous, returningRule: 'priority_returning', enrolmentOpensAt: '2026-11-25T09:00:00+08:00' });
    expect((await enrol(next, learner.headers)).status).toBe(201);
    expect((await enrol(next, newcomer.headers)).body.error.code).toBe('enrolment.not_open');
    const newFirst = await offering({ previousOfferingId: previous, returningRule: 'priority_new', enrolmentOpensAt: '2026-11-23T09:00:00+08:00' });
    expect((await enrol(newFirst, newcomer.headers)).status).toBe(201);
    expect((await enrol(newFirst, learner.headers)).body.error.message).toBe('本班优先新学员，老学员可在 2026-11-26 09:00 起报名');
  });
});

describe('waitlist', () => {
  it('a full class → waitlist → a cancellation → an offer with a deadline → confirm', async () => {
    const id = await offering({ capacity: 1 });
    const [a, b, c] = await createResidents(p, 3, { homeRegionCode: home });
    const ea = (await enrol(id, a.headers)).body;
    const full = await enrol(id, b.headers);
    expect(full.status).toBe(409);
    expect(full.body.error.details.canJoinWaitlist).toBe(true);
    expect((await enrol(id, b.headers, { joinWaitlist: true })).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect((await enrol(id, c.headers, { joinWaitlist: true })).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });

    const cancelled = await p.request('POST', `/api/enrolments/${ea.id}/cancellation`, { headers: a.headers, body: {} });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(await seatsTaken(id)).toBe(1); // held for the offer
    const mine = await p.request('GET', '/api/enrolments', { headers: b.headers });
    const offer = mine.body.items[0];
    expect(offer).toMatchObject({ status: 'offered', offerExpiresAt: '2026-11-25T02:00:00.000Z' });
    expect((await p.request('GET', `/api/offerings/${id}/enrolment-status`, { headers: c.headers })).body.enrolment).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 1,
    });
    const inbox = await messagesOf(b.headers);
    expect(inbox.unread).toBeGreaterThan(0);
    expect(inbox.items[0]).toMatchObject({ kind: 'offer', title: '候补名额待确认' });
    expect(inbox.items[0].body).toContain('2026-11-25 10:00');
    await p.services.notifications.deliverSms();
    expect(p.sms.sent.some((m) => m.phone === b.phone && m.text.includes('候补名额待确认'))).toBe(true);

    expect((await p.request('POST', `/api/enrolments/${offer.id}/offer-confirmation`, { headers: c.headers })).status).toBe(404);
    // A double tap on 确认: both taps answer that the place is theirs (not "the time has passed").
    const taps = await Promise.all([1, 2].map(() => p.request('POST', `/api/enrolments/${offer.id}/offer-confirmation`, { headers: b.headers })));
    for (const tap of taps) expect(tap.status, JSON.stringify(tap.body)).toBe(200);
    for (const tap of taps) expect(tap.body.status).toBe('enrolled');
    const third = await p.request('POST', `/api/enrolments/${offer.id}/offer-confirmation`, { headers: b.headers });
    expect(third.status).toBe(200);
    expect(third.body.status).toBe('enrolled');
    expect(await seatsTaken(id)).toBe(1);
    expect(await count(`offering_id = '${id}' and status in ('enrolled', 'offered')`)).toBe(1);
    expect(await count(`offering_id = '${id}' and resident_id = '${b.id}' and status = 'enrolled'`)).toBe(1);
  });

  it('an Idempotency-Key reused for another class answers 422 and enrols in neither twice', async () => {
    const first = await offering({ capacity: 5 });
    const second = await offering({ capacity: 5 });
    const [a] = await createResidents(p, 1, { homeRegionCode: home });
    const created = await enrol(first, a.headers, {}, 'tap-1');
    expect(created.status).toBe(201);
    const again = await enrol(first, a.headers, {}, 'tap-1');
    expect(again.status).toBe(201); // the first answer again
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(created.body.id);
    const reused = await enrol(second, a.headers, {}, 'tap-1');
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('enrolment.idempotency_key_reused');
    expect(reused.body.error.message).toContain('另一门课程');
    expect(await count(`offering_id = '${second}'`)).toBe(0);
    expect(await seatsTaken(second)).toBe(0);
  });
});

describe('approval, cancellation and fees', () => {
  it('staff approve (a seat is taken) or reject with a reason; residents hear of it', async () => {
    const id = await offering({ enrolmentMode: 'approval', capacity: 1 });
    const [a, b] = await createResidents(p, 2, { homeRegionCode: home });
    const ea = (await enrol(id, a.headers)).body;
    const eb = (await enrol(id, b.headers)).body;
    expect(ea.status).toBe('pending');
    expect(await seatsTaken(id)).toBe(0);
    expect((await p.request('POST', `/api/enrolments/${ea.id}/decision`, { headers: a.headers, body: { approve: true } })).status).toBe(403);
    const approved = await p.request('POST', `/api/enrolments/${ea.id}/decision`, { headers: street, body: { approve: true } });
    expect(approved.body.status).toBe('enrolled');
    expect(await seatsTaken(id)).toBe(1);
    expect((await p.request('POST', `/api/enrolments/${eb.id}/decision`, { headers: street, body: { approve: true } })).body.error.code).toBe('enrolment.full');
    const noReason = await p.request('POST', `/api/enrolments/${eb.id}/decision`, { headers: street, body: { approve: false } });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.details.fields.reason).toBe('请填写原因');
    const rejected = await p.request('POST', `/api/enrolments/${eb.id}/decision`, { headers: street, body: { approve: false, reason: '名额已满' } });
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: '名额已满' });
    expect((await messagesOf(b.headers)).items[0]).toMatchObject({
      kind: 'rejected',
      body: '您报名「' + (await p.request('GET', `/api/offerings/${id}`, { headers: street })).body.title + '」的申请未通过：名额已满',
    });
  });

  it('residents cancel until the cut-off; staff cancel with a reason; fees are recorded', async () => {
    const id = await offering({ cancelCutoffHours: 24 * 20, feeCents: 5000 });
    const [a, b] = await createResidents(p, 2, { homeRegionCode: home });
    const ea = (await enrol(id, a.headers)).body;
    const tooLate = await p.request('POST', `/api/enrolments/${ea.id}/cancellation`, { headers: a.headers, body: {} });
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.error.message).toBe('已过取消截止时间，如需退课请联系学校');
    expect((await p.request('POST', `/api/enrolments/${ea.id}/cancellation`, { headers: b.headers, body: {} })).status).toBe(404);

    const paid = await p.request('POST', `/api/enrolments/${ea.id}/fee`, { headers: street, body: { kind: 'paid', amountFen: 5000, reference: 'R-001' } });
    expect(paid.body.fee).toMatchObject({ status: 'paid', paidFen: 5000, reference: 'R-001' });
    const waiver = await p.request('POST', `/api/enrolments/${ea.id}/fee`, { headers: street, body: { kind: 'waived' } });
    expect(waiver.body.error.details.fields.note).toBe('请填写减免原因');

    expect((await p.request('POST', `/api/enrolments/${ea.id}/cancellation`, { headers: street, body: {} })).body.error.details.fields.reason).toBe(
      '请填写原因',
    );
    const byStaff = await p.request('POST', `/api/enrolments/${ea.id}/cancellation`, { headers: street, body: { reason: '身体原因，家属申请' } });
    expect(byStaff.body).toMatchObject({ status: 'cancelled', reason: '身体原因，家属申请' });
    expect((await messagesOf(a.headers)).items[0]).toMatchObject({ kind: 'cancelled_by_staff' });
    expect(await seatsTaken(id)).toBe(0);
    const audit = await p.request('GET', '/api/audit-log?entityType=enrolment&pageSize=100', { headers: await p.login('admin') });
    expect(audit.body.items.some((e: { action: string; entityId: string }) => e.action === 'enrolment.cancel' && e.entityId === ea.id)).toBe(true);
    expect(audit.body.items.some((e: { action: string }) => e.action === 'enrolment.fee_paid')).toBe(true);
  });
});

describe('proxy enrolment (代报)', () => {
  it('a daughter asks, her father consents in the app, she enrols him; every step is marked and audited; revoking ends it', async () => {
    const id = await offering({ title: '老年智能手机课' });
    const [daughter] = await createResidents(p, 1, { homeRegionCode: home, birthYear: 1985, namePrefix: '女儿' });
    expect((await enrol(id, daughter.headers, { forResidentId: demoId })).body.error.code).toBe('enrolment.no_proxy_grant');
    const asked = await p.request('POST', '/api/proxy-grants/requests', { headers: daughter.headers, body: { grantorPhone: '13900000001', relation: '父女' } });
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ status: 'requested', grantorPhone: '139****0001' });
    expect((await enrol(id, daughter.headers, { forResidentId: demoId })).status).toBe(403);
    // Until the father agrees, the daughter's list does not say whether the number is anyone's.
    expect((await p.request('GET', '/api/proxy-grants', { headers: daughter.headers })).body).toEqual({ asGrantor: [], asGrantee: [] });

    expect((await messagesOf(demo)).items[0]).toMatchObject({ kind: 'proxy_request' });
    const grants = (await p.request('GET', '/api/proxy-grants', { headers: demo })).body;
    const grantId = grants.asGrantor[0].id;
    expect(grants.asGrantor[0]).toMatchObject({ status: 'pending', grantee: { name: daughter.name } });
    expect((await p.request('POST', `/api/proxy-grants/${grantId}/consent`, { headers: daughter.headers })).status).toBe(403);
    const consent = await p.request('POST', `/api/proxy-grants/${grantId}/consent`, { headers: demo });
    expect(consent.body).toMatchObject({ status: 'active', consentMethod: 'in_app', consentedAt: '2026-11-23T02:00:00.000Z' });
    expect((await p.request('GET', '/api/proxy-grants', { headers: daughter.headers })).body.asGrantee[0]).toMatchObject({
      id: grantId,
      status: 'active',
      grantor: { name: '王秀英' },
    });

    const done = await enrol(id, daughter.headers, { forResidentId: demoId }, 'proxy-1');
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ residentId: demoId, viaProxyUserId: daughter.id, status: 'enrolled' });
    expect((await p.request('GET', `/api/enrolments?for=${demoId}`, { headers: daughter.headers })).body.items[0].id).toBe(done.body.id);
    const fatherSees = await messagesOf(demo);
    expect(
      fatherSees.items.some(
        (m: { kind: string; body: string }) => m.kind === 'proxy_action' && m.body.includes(daughter.name) && m.body.includes('老年智能手机课'),
      ),
    ).toBe(true);
    const list = await p.request('GET', `/api/offerings/${id}/enrolments?viaProxy=true`, { headers: street });
    expect(list.body.items[0].viaProxy).toMatchObject({ name: daughter.name });
    const audited = rowsOf<{ n: number }>(
      await p.db.execute(
        sql`select count(*)::int as n from audit_log where entity_id = ${done.body.id} and actor_id = ${daughter.id} and details->>'viaProxyUserId' = ${daughter.id}`,
      ),
    );
    expect(Number(audited[0].n)).toBe(1);

    const revoked = await p.request('POST', `/api/proxy-grants/${grantId}/revocation`, { headers: demo });
    expect(revoked.body.status).toBe('revoked');
    expect((await p.request('POST', `/api/enrolments/${done.body.id}/cancellation`, { headers: daughter.headers, body: {} })).status).toBe(404);
    expect((await enrol(await offering(), daughter.headers, { forResidentId: demoId })).body.error.code).toBe('enrolment.no_proxy_grant');
  });

  it('a resident grants a community worker directly; the worker enrols them', async () => {
    const id = await offering();
    const [elder] = await createResidents(p, 1, { homeRegionCode: home });
    const granted = await p.request('POST', '/api/proxy-grants', { headers: elder.headers, body: { granteeLogin: 'community1' } });
    expect(granted.status).toBe(202);
    expect((await p.request('GET', '/api/proxy-grants', { headers: elder.headers })).body.asGrantor[0]).toMatchObject({
      status: 'active',
      grantee: { kind: 'staff' },
    });
    const worker = await p.login('community1');
    expect((await enrol(id, worker)).body.error.code).toBe('enrolment.residents_only');
    const done = await enrol(id, worker, { forResidentId: elder.id });
    expect(done.body).toMatchObject({ status: 'enrolled', residentId: elder.id });
  });
});

describe('proxy requests reveal no one and cannot be used to flood a phone (issue 14)', () => {
  const ask = (who: TestResident, grantorPhone: string) => p.request('POST', '/api/proxy-grants/requests', { headers: who.headers, body: { grantorPhone } });

  it('answers alike for a registered and an unregistered number, and names no one', async () => {
    const [asker, target] = await createResidents(p, 2, { homeRegionCode: home, namePrefix: '查号' });
    const unknown = '13999990000';
    const known = await ask(asker, target.phone);
    const notKnown = await ask(asker, unknown);
    expect(known.status).toBe(202);
    expect(notKnown.status).toBe(202);
    expect(Object.keys(known.body).sort()).toEqual(Object.keys(notKnown.body).sort());
    expect(known.body).toEqual({ status: 'requested', grantorPhone: `${target.phone.slice(0, 3)}****${target.phone.slice(7)}` });
    expect(JSON.stringify(known.body)).not.toContain(target.name);
    // Asking again is no different either (no "already asked" for a number that exists).
    expect(await ask(asker, target.phone)).toMatchObject({ status: 202, body: known.body });
    const mine = await p.request('GET', '/api/proxy-grants', { headers: asker.headers });
    expect(mine.body).toEqual({ asGrantor: [], asGrantee: [] });
    // A staff member's username through a direct grant: the same answer as an account that does not exist, and nothing granted.
    const admin = await p.request('POST', '/api/proxy-grants', { headers: asker.headers, body: { granteeLogin: 'admin' } });
    const nobody = await p.request('POST', '/api/proxy-grants', { headers: asker.headers, body: { granteeLogin: 'adnim' } });
    expect(admin.status).toBe(202);
    expect(nobody.status).toBe(202);
    expect(Object.keys(admin.body).sort()).toEqual(Object.keys(nobody.body).sort());
    expect(JSON.stringify(admin.body)).not.toMatch(/管理员|admin/);
    expect((await p.request('GET', '/api/proxy-grants', { headers: asker.headers })).body.asGrantor).toEqual([]);
    // A direct grant to a relative's phone works, with only the surname shown to the grantor.
    await p.request('POST', '/api/proxy-grants', { headers: asker.headers, body: { granteeLogin: target.phone } });
    const given = (await p.request('GET', '/api/proxy-grants', { headers: asker.headers })).body.asGrantor;
    expect(given).toHaveLength(1);
    expect(given[0].grantee.name).toBe(target.name.slice(0, 1) + '*'.repeat([...target.name].length - 1));
  });

  it('limits requests per person and per number, and texts one number at most three times a day', async () => {
    const [victim, ...askers] = await createResidents(p, 7, { homeRegionCode: home, namePrefix: '短信' });
    await p.services.notifications.deliverSms();
    const before = p.sms.sent.filter((m) => m.phone === victim.phone).length;
    // Five people ask; the victim refuses each; the sixth request for the number is refused outright.
    for (const asker of askers.slice(0, 5)) {
      expect((await ask(asker, victim.phone)).status).toBe(202);
      const pending = (await p.request('GET', '/api/proxy-grants', { headers: victim.headers })).body.asGrantor.filter(
        (g: { status: string }) => g.status === 'pending',
      );
      for (const g of pending) expect((await p.request('POST', `/api/proxy-grants/${g.id}/revocation`, { headers: victim.headers })).status).toBe(200);
    }
    const sixth = await ask(askers[5], victim.phone);
    expect(sixth.status).toBe(429);
    expect(sixth.body.error.code).toBeTruthy();
    expect(sixth.headers['retry-after']).toBeTruthy();
    await p.services.notifications.deliverSms();
    expect(p.sms.sent.filter((m) => m.phone === victim.phone).length - before).toBe(3);
    // Every request still reached the victim's inbox.
    expect((await messagesOf(victim.headers)).items.filter((m: { kind: string }) => m.kind === 'proxy_request')).toHaveLength(5);

    // One person may send ten a day, to any numbers.
    const [busy] = await createResidents(p, 1, { homeRegionCode: home, namePrefix: '频繁' });
    for (let i = 0; i < 10; i++) expect((await ask(busy, `1380000${String(i).padStart(4, '0')}`)).status).toBe(202);
    expect((await ask(busy, '13800009999')).status).toBe(429);
  });
});

describe('staff lists and scope', () => {
  it("staff of the offering's street list and export; another street gets 404; residents 403", async () => {
    const id = await offering();
    const [a] = await createResidents(p, 1, { homeRegionCode: home });
    await enrol(id, a.headers);
    const list = await p.request('GET', `/api/offerings/${id}/enrolments`, { headers: street });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, page: 1, pageSize: 20, counts: { enrolled: 1 }, seatsTaken: 1 });
    expect(list.body.items[0].resident).toMatchObject({ name: a.name, phone: `${a.phone.slice(0, 3)}****${a.phone.slice(7)}` });
    const admin = await p.login('admin');
    await p.request('POST', '/api/staff-accounts', {
      headers: admin,
      body: { username: 'mishixiang2', displayName: '米市巷管理员', role: 'region_admin', regionCodes: [OTHER], password: 'Other2026x' },
    });
    const other = await p.login('mishixiang2', 'Other2026x');
    expect((await p.request('GET', `/api/offerings/${id}/enrolments`, { headers: other })).status).toBe(404);
    expect((await p.request('GET', `/api/offerings/${id}/enrolments/export.xlsx`, { headers: other })).status).toBe(404);
    expect((await p.request('POST', `/api/enrolments/${list.body.items[0].id}/cancellation`, { headers: other, body: { reason: 'x' } })).status).toBe(404);
    expect((await p.request('GET', `/api/offerings/${id}/enrolments`, { headers: a.headers })).status).toBe(403);
    const xlsx = await p.request('GET', `/api/offerings/${id}/enrolments/export.xlsx`, { headers: street });
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.headers['content-type'])).toContain('spreadsheetml');
  });
});

describe('messages', () => {
  it("lists, counts unread, marks read; another person's message is not found", async () => {
    const [a, b] = await createResidents(p, 2, { homeRegionCode: home });
    await enrol(await offering(), a.headers);
    const inbox = await messagesOf(a.headers);
    expect(inbox).toMatchObject({ total: 1, unread: 1 });
    expect(inbox.items[0]).toMatchObject({ kind: 'enrolled', title: '报名成功', isRead: false, link: '/enrolments' });
    expect((await p.request('GET', '/api/notifications/unread-count', { headers: a.headers })).body.unread).toBe(1);
    expect((await p.request('POST', `/api/notifications/${inbox.items[0].id}/read`, { headers: b.headers })).status).toBe(404);
    expect((await p.request('POST', `/api/notifications/${inbox.items[0].id}/read`, { headers: a.headers })).body.unread).toBe(0);
    expect((await p.request('GET', '/api/notifications/unread-count')).status).toBe(401);
  });

  it('a reminder goes out the day before the first session, once', async () => {
    const id = await offering({
      sessions: [{ date: '2026-11-24', startTime: '09:00', endTime: '11:00' }],
      enrolmentClosesAt: '2026-11-24T00:00:00+08:00',
      cancelCutoffHours: 0,
    });
    const [a] = await createResidents(p, 1, { homeRegionCode: home });
    await enrol(id, a.headers);
    expect(await p.services.enrolment.runReminders()).toBeGreaterThanOrEqual(1);
    await p.services.enrolment.runReminders();
    const reminders = (await messagesOf(a.headers)).items.filter((m: { kind: string }) => m.kind === 'reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0].body).toContain('2026-11-24 09:00');
  });
});

describe('functions for the lottery and attendance modules', () => {
  it('admitFromLottery takes a seat; markCompleted completes once; listeners hear each event', async () => {
    const id = await offering({ capacity: 1 });
    const [a, b] = await createResidents(p, 2, { homeRegionCode: home });
    const heard: string[] = [];
    p.services.enrolment.onEnrolmentEvent(async (_tx, e) => {
      if (e.offeringId === id) heard.push(`${e.type}:${e.residentId}`);
      return [];
    });
    const admitted = await p.db.transaction((tx) =>
      p.services.enrolment.admitFromLottery(tx, { offeringId: id, residentId: a.id, drawId: '00000000-0000-4000-8000-000000000001' }),
    );
    expect(admitted?.enrolmentId).toBeTruthy();
    expect(
      await p.db.transaction((tx) =>
        p.services.enrolment.admitFromLottery(tx, { offeringId: id, residentId: b.id, drawId: '00000000-0000-4000-8000-000000000001' }),
      ),
    ).toBeNull();
    expect(await p.services.enrolment.isEnrolled(id, a.id)).toBe(true);
    expect(await p.services.enrolment.isEnrolled(id, b.id)).toBe(false);
    expect(await p.services.enrolment.activeEnrolments(id)).toEqual([
      { enrolmentId: admitted!.enrolmentId, residentId: a.id, displayName: a.name, viaProxy: false },
    ]);
    expect(await p.db.transaction((tx) => p.services.enrolment.markCompleted(tx, admitted!.enrolmentId))).toBe(true);
    expect(await p.db.transaction((tx) => p.services.enrolment.markCompleted(tx, admitted!.enrolmentId))).toBe(false);
    expect(heard).toEqual([`enrolled:${a.id}`, `completed:${a.id}`]);
    const elderly = await p.services.offerings.get(await offering({ eligibility: { minAge: 70 } }));
    await expect(p.services.enrolment.checkEligibility(elderly, a.id)).rejects.toMatchObject({ code: 'enrolment.too_young' });
  });
});

// Last: it moves the test clock forward by days.
describe('offer expiry', () => {
  it('an offer not confirmed in time passes to the next person (scheduler and lazily on reading)', async () => {
    const id = await offering({ capacity: 1 });
    const [a, b, c, d] = await createResidents(p, 4, { homeRegionCode: home });
    const ea = (await enrol(id, a.headers)).body;
    for (const r of [b, c, d]) await enrol(id, r.headers, { joinWaitlist: true });
    await p.request('POST', `/api/enrolments/${ea.id}/cancellation`, { headers: a.headers, body: {} });
    const offerB = (await p.request('GET', '/api/enrolments', { headers: b.headers })).body.items[0];
    expect(offerB.status).toBe('offered');

    p.clock.advance(49 * 3600_000);
    const ran = await p.scheduler.tick();
    expect(ran).toContain('enrolment-offer-expiry');
    const late = await p.request('POST', `/api/enrolments/${offerB.id}/offer-confirmation`, { headers: b.headers });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe('候补名额的确认期限已过，名额已顺延给下一位');
    expect((await p.request('GET', '/api/enrolments', { headers: b.headers })).body.items[0]).toMatchObject({ status: 'cancelled', reason: 'offer_expired' });
    expect((await messagesOf(b.headers)).items[0].kind).toBe('offer_expired');
    expect((await p.request('GET', '/api/enrolments', { headers: c.headers })).body.items[0].status).toBe('offered');

    // Without the scheduler: reading the offering expires C's offer and offers the seat to D.
    p.clock.advance(49 * 3600_000);
    const status = await p.request('GET', `/api/offerings/${id}/enrolment-status`, { headers: d.headers });
    expect(status.body.enrolment.status).toBe('offered');
    const declined = await p.request('POST', `/api/enrolments/${status.body.enrolment.id}/offer-decline`, { headers: d.headers });
    expect(declined.body).toMatchObject({ status: 'cancelled', reason: 'offer_declined' });
    expect(await seatsTaken(id)).toBe(0);
  });
});

export type { TestResident };
