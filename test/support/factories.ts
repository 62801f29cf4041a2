// Test data that states only what a test needs: each factory fills every other field with a valid default and
// creates the thing through the API, as staff or residents do, so the same rules apply. A test passes what
// it depends on (a capacity, a date, an enrolment mode) and leaves the rest to the defaults below.
import type { TestPlatform } from './platform';
import { perFileCounter } from './per-file';

/** The demo street (天水街道) every default belongs to. */
export const DEMO_STREET = '330105012';

/** A number no other factory call in this file's run has used, for titles and names that must differ. */
export const nextSeq = perFileCounter();

type Headers = Record<string, string>;

async function expectStatus<T = any>(what: string, res: Promise<{ status: number; body: any }>, status: number): Promise<T> {
  const answer = await res;
  if (answer.status !== status) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as T;
}

/**
 * A published one-session online lecture of the demo street on 10 December 2026 (the test clock starts on
 * 23 November), first come, first served, enrolment open since 22 November; `fields` replace any of these.
 * Returns its id and its sessions' ids.
 */
export async function publishedEvent(p: TestPlatform, staff: Headers, fields: Record<string, unknown> = {}): Promise<{ id: string; sessions: string[] }> {
  const created = await expectStatus<{ id: string }>(
    'offering',
    p.request('POST', '/api/offerings', {
      headers: staff,
      body: {
        kind: 'event',
        eventType: 'lecture',
        title: `讲座 ${nextSeq()}`,
        categoryCode: 'SHUHUA',
        regionCode: DEMO_STREET,
        mode: 'online',
        sessions: [{ date: '2026-12-10', startTime: '09:00', endTime: '11:00' }],
        capacity: 20,
        enrolmentMode: 'first_come',
        enrolmentOpensAt: '2026-11-22T00:00:00+08:00',
        cancelCutoffHours: 24,
        ...fields,
      },
    }),
    201,
  );
  await expectStatus('publish', p.request('POST', `/api/offerings/${created.id}/publish`, { headers: staff }), 200);
  const sessions = await p.services.offerings.sessions(created.id);
  return { id: created.id, sessions: sessions.map((s) => s.id) };
}

/** A published term; `fields` replace the defaults (a term of spring 2027). */
export async function publishedTerm(p: TestPlatform, staff: Headers, fields: Record<string, unknown> = {}): Promise<string> {
  const term = await expectStatus<{ id: string }>(
    'term',
    p.request('POST', '/api/terms', {
      headers: staff,
      body: { name: `学期 ${nextSeq()}`, startsOn: '2027-02-20', endsOn: '2027-07-10', ...fields },
    }),
    201,
  );
  await expectStatus('publish term', p.request('POST', `/api/terms/${term.id}/publish`, { headers: staff }), 200);
  return term.id;
}
