// What a resident is told before the first tap and how long a waitlist seat is held: the enrolment status
// says why a tap would be refused (full → the waitlist; over the term's quota; not eligible); an offered seat
// is held 48 h but never past the cut-off before the first session; and asking who is signed in is never an
// error for a visitor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { createResidents } from '../support/residents';
import { DEMO_STREET as STREET, publishedEvent, publishedTerm } from '../support/factories';
import { rowsOf } from '../../src/server/kernel/rate-limit';

let p: TestPlatform;
let street: Record<string, string>;
let home: string;

beforeAll(async () => {
  p = await startTestPlatform();
  street = await p.login('street');
  home = (await p.request('GET', `/api/regions/${STREET}/children?pageSize=1`)).body.items[0].code;
});
afterAll(() => p.close());

/** A published one-seat first-come event of the demo street (the test clock starts at 2026-11-23 10:00 in Shanghai). */
const offering = async (fields: Record<string, unknown> = {}) => (await publishedEvent(p, street, { capacity: 1, ...fields })).id;

const enrol = (id: string, who: Record<string, string>, body: Record<string, unknown> = {}) =>
  p.request('POST', `/api/offerings/${id}/enrolments`, { headers: who, body });
const statusOf = async (id: string, who: Record<string, string> = {}, locale = 'zh-CN') =>
  (await p.request('GET', `/api/offerings/${id}/enrolment-status`, { headers: { ...who, 'accept-language': locale } })).body;
const seatsTaken = async (id: string) => Number(rowsOf<{ n: number }>(await p.db.execute(sql`select seats_taken as n from offerings where id = ${id}`))[0].n);
const rowOf = async (offeringId: string, residentId: string) =>
  rowsOf<{ status: string; reason: string | null }>(
    await p.db.execute(sql`select status, reason from enrolments where offering_id = ${offeringId} and resident_id = ${residentId}`),
  )[0];

describe('before the first tap, the status says what a tap would meet', () => {
  it('a full class offers the waitlist; an open one has nothing to say', async () => {
    const id = await offering();
    const [a, b] = await createResidents(p, 2, { homeRegionCode: home });
    expect((await statusOf(id, b.headers)).refusal).toBeNull();
    expect((await enrol(id, a.headers)).status).toBe(201);
    expect((await statusOf(id, b.headers)).refusal).toEqual({ code: 'enrolment.full', message: '名额已满，可以加入候补名单', canJoinWaitlist: true });
    expect((await statusOf(id, b.headers, 'en')).refusal.message).toBe('All places are taken; you can join the waitlist');
    // The resident already holding the seat is shown their place, not a refusal; a visitor sees only the figures.
    expect((await statusOf(id, a.headers)).refusal).toBeNull();
    expect(await statusOf(id)).toMatchObject({ seatsLeft: 0, enrolment: null, refusal: null });
  });

  it("over the term's quota: refused before the tap, without the waitlist (the enrolment refuses it too)", async () => {
    const term = await publishedTerm(p, street, {
      name: '2027 春季',
      startsOn: '2026-12-01',
      endsOn: '2027-06-30',
      maxEnrolmentsPerResident: 1,
      ownerRegionCode: STREET,
    });
    const [first, second] = [await offering({ termId: term, capacity: 5 }), await offering({ termId: term, capacity: 5 })];
    const [r] = await createResidents(p, 1, { homeRegionCode: home });
    expect((await enrol(first, r.headers)).status).toBe(201);
    const refusal = (await statusOf(second, r.headers)).refusal;
    expect(refusal).toEqual({ code: 'enrolment.quota_reached', message: '您本学期（2027 春季）已报满 1 个班，不能再报名', canJoinWaitlist: false });
    const tap = await enrol(second, r.headers, { joinWaitlist: true });
    expect(tap.status).toBe(409);
    expect(tap.body.error.message).toBe(refusal.message);
  });

  it('not eligible: the age rule is named before the tap', async () => {
    const id = await offering({ eligibility: { minAge: 60 }, capacity: 5 });
    const [young] = await createResidents(p, 1, { homeRegionCode: home, birthYear: 1990 });
    const refusal = (await statusOf(id, young.headers, 'en')).refusal;
    expect(refusal).toMatchObject({ code: 'enrolment.too_young', canJoinWaitlist: false });
    expect(refusal.message).toContain('60');
    expect((await enrol(id, young.headers)).status).toBe(422);
  });
});

describe('an offered waitlist seat is held no later than the cut-off before the first session', () => {
  it('the cut-off two days from now is earlier than 48 h: the hold ends at the cut-off', async () => {
    // First session 2026-11-26 09:00 Shanghai, cut-off 24 h before: 2026-11-25 09:00 (01:00Z), earlier than now + 48 h (11-25 02:00Z).
    const id = await offering({ sessions: [{ date: '2026-11-26', startTime: '09:00', endTime: '11:00' }] });
    const [a, b] = await createResidents(p, 2, { homeRegionCode: home });
    const held = (await enrol(id, a.headers)).body;
    expect((await enrol(id, b.headers, { joinWaitlist: true })).body.status).toBe('waitlisted');
    expect((await p.request('POST', `/api/enrolments/${held.id}/cancellation`, { headers: a.headers, body: {} })).status).toBe(200);
    expect((await statusOf(id, b.headers)).enrolment).toMatchObject({ status: 'offered', offerExpiresAt: '2026-11-25T01:00:00.000Z' });
    const inbox = (await p.request('GET', '/api/notifications?pageSize=5', { headers: b.headers })).body;
    expect(inbox.items[0].body).toContain('2026-11-25 09:00');
  });

  it('a class starting in 20 minutes (no cut-off hours) holds the seat until it starts, then frees it', async () => {
    const id = await offering({
      sessions: [{ date: '2026-11-23', startTime: '10:20', endTime: '11:20' }],
      cancelCutoffHours: 0,
      kind: 'event',
      mode: 'online',
    });
    const [a, b] = await createResidents(p, 2, { homeRegionCode: home });
    const held = (await enrol(id, a.headers)).body;
    expect((await enrol(id, b.headers, { joinWaitlist: true })).body.status).toBe('waitlisted');
    expect((await p.request('POST', `/api/enrolments/${held.id}/cancellation`, { headers: a.headers, body: {} })).status).toBe(200);
    expect((await statusOf(id, b.headers)).enrolment).toMatchObject({ status: 'offered', offerExpiresAt: '2026-11-23T02:20:00.000Z' });
    p.clock.advance(21 * 60_000);
    try {
      // Past the start nobody is left to offer it to in time: the expired offer frees the seat, no new hold.
      expect((await statusOf(id, b.headers)).enrolment).toBeNull();
      expect(await rowOf(id, b.id)).toMatchObject({ status: 'cancelled', reason: 'offer_expired' });
      expect(await seatsTaken(id)).toBe(0);
    } finally {
      p.clock.advance(-21 * 60_000);
    }
  });

  it('past the cut-off a freed seat is not offered: the waitlisted resident keeps the place in line, the seat is released', async () => {
    // First session tomorrow 09:00, cut-off 24 h before: already passed at 10:00 today.
    const id = await offering({ sessions: [{ date: '2026-11-24', startTime: '09:00', endTime: '11:00' }] });
    const [a, b] = await createResidents(p, 2, { homeRegionCode: home });
    const held = (await enrol(id, a.headers)).body;
    expect((await enrol(id, b.headers, { joinWaitlist: true })).body.status).toBe('waitlisted');
    const cancelled = await p.request('POST', `/api/enrolments/${held.id}/cancellation`, { headers: street, body: { reason: '居民住院' } });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect((await statusOf(id, b.headers)).enrolment).toMatchObject({ status: 'waitlisted', offerExpiresAt: null });
    expect(await seatsTaken(id)).toBe(0);
    const inbox = (await p.request('GET', '/api/notifications?pageSize=20', { headers: b.headers })).body;
    expect(inbox.items.some((m: { kind: string }) => m.kind === 'offer')).toBe(false);
    // The free seat is first come: the resident waiting may take it, their waitlist place becoming the enrolment.
    const taken = await enrol(id, b.headers);
    expect(taken.status, JSON.stringify(taken.body)).toBe(201);
    expect(taken.body).toMatchObject({ id: (await statusOf(id, b.headers)).enrolment.id, status: 'enrolled' });
    expect(await seatsTaken(id)).toBe(1);
    expect(await rowOf(id, b.id)).toMatchObject({ status: 'enrolled' });
  });
});

describe('my enrolments name the next session', () => {
  it('the session not yet over: the first one until it ends, then the second', async () => {
    const id = await offering({
      capacity: 5,
      cancelCutoffHours: 0,
      sessions: [
        { date: '2026-11-23', startTime: '10:30', endTime: '11:30' },
        { date: '2026-11-30', startTime: '10:30', endTime: '11:30' },
      ],
    });
    const [r] = await createResidents(p, 1, { homeRegionCode: home });
    expect((await enrol(id, r.headers)).status).toBe(201);
    const nextOf = async () => (await p.request('GET', '/api/enrolments', { headers: r.headers })).body.items[0].nextSession;
    expect(await nextOf()).toEqual({ startsAt: '2026-11-23T02:30:00.000Z', endsAt: '2026-11-23T03:30:00.000Z' });
    p.clock.advance(2 * 3600_000);
    try {
      expect(await nextOf()).toEqual({ startsAt: '2026-11-30T02:30:00.000Z', endsAt: '2026-11-30T03:30:00.000Z' });
    } finally {
      p.clock.advance(-2 * 3600_000);
    }
  });
});

describe('who is signed in', () => {
  it('a visitor gets 200 { signedIn: false }, not a 401; a resident gets their account; after logout, false again', async () => {
    const anon = await p.request('GET', '/api/auth/session');
    expect(anon.status).toBe(200);
    expect(anon.body).toEqual({ signedIn: false });
    const [r] = await createResidents(p, 1, { homeRegionCode: home });
    const mine = await p.request('GET', '/api/auth/session', { headers: r.headers });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ signedIn: true, user: { id: r.id, kind: 'resident', scopes: [] } });
    expect(mine.headers['cache-control']).toBe('no-store');
    expect((await p.request('POST', '/api/auth/logout', { headers: r.headers })).status).toBe(204);
    expect((await p.request('GET', '/api/auth/session', { headers: r.headers })).body).toEqual({ signedIn: false });
  });
});
