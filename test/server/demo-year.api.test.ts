// The demo city's year: generated once through the services' rules at a small scale, it leaves every
// page a district leader, a member of staff and a resident opens with real content, and a second start
// does not generate it again.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform';

let p: TestPlatform;
let summary: Awaited<ReturnType<TestPlatform['generateDemoYear']>>;
beforeAll(async () => {
  p = await startTestPlatform();
  summary = await p.generateDemoYear({ residents: 40, log: (l) => console.log(l) }).catch((e) => { console.log("GENFAIL", JSON.stringify(e), e.stack); throw e; });
}, 600_000);
afterAll(async () => p?.close());

describe('demo year', () => {
  it('generates once', async () => {
    expect(summary).not.toBeNull();
    expect(summary!.year).toBe(2026);
    expect(await p.generateDemoYear({ residents: 160 })).toBeNull();
    const status = (await p.request('GET', '/api/demo-status')).body;
    expect(status).toMatchObject({ demo: true, year: 2026, state: 'done' });
  });
});
