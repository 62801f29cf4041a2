// The credit ledger under concurrent random operations and clock jumps: deposits (partner API, class and
// partner xAPI completions), conversions, corrections, recognitions and expiry runs, several at once for the
// same residents. After every round the invariants hold:
//   - what a resident is shown per category is ≥ 0, and after an expiry run equals the sum of the entries;
//   - one deposit per completion (and per partner record), none for one recorded past its validity;
//   - what anyone was told (a partner's answer, an approval's credits, a conversion) is what the ledger holds.
// The PRNG is seeded (LEDGER_SEED to replay a failure); both engines run it (DATABASE_URL for PostgreSQL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { createResidents, longSession, type TestResident } from '../support/residents';
import { users } from '../../src/server/db/schema/index';
import { multipart } from '../support/multipart';
import { rowsOf } from '../../src/server/kernel/rate-limit';

const SEED = Number(process.env.LEDGER_SEED ?? 20261206);
const ROUNDS = 18;
const OPS_PER_ROUND = 7;
const DAY = 86400_000;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const OFFICER_PASSWORD = 'Bank#Officer2026';
const CATEGORIES = ['lecture', 'online_course', 'informal', 'community_class'] as const;

let p: TestPlatform;
let officer: Record<string, string>;
let partnerAuth: Record<string, string>;
let residents: TestResident[];
const rules: { id: string; category: string; minCredits: number }[] = [];

let seed = SEED;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
const round1 = (n: number) => Math.round(n * 10) / 10;
const dayOf = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const ago = (maxDays: number) => new Date(p.clock.now().getTime() - Math.floor(random() * maxDays) * DAY - DAY);

// What each party was told, to compare with the ledger.
const partnerAnswers = new Map<string, { entryId: string; credits: number }>();
const approvedRecognitions: { id: string; residentId: string; credits: number }[] = [];
const conversions: { id: string; residentId: string; status: 'approved' | 'refused'; needed: number }[] = [];
const corrections: { entryId: string; credits: number }[] = [];
const statements = new Map<string, object>();
const jumps: [number, number][] = [];
const usedRules = new Set<string>();

const ok = async (method: string, url: string, headers: Record<string, string>, body?: unknown, status = 200) => {
  const res = await p.request(method, url, { headers, body });
  if (res.status !== status) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const expectOneOf = (res: { status: number; body: any }, allowed: Record<number, string | null>, what: string) => {
  if (!(res.status in allowed)) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)} (seed ${SEED})`);
  const code = allowed[res.status];
  if (code) expect(res.body.error.code, what).toBe(code);
};

const ops = {
  async partnerDeposit(r: TestResident) {
    const recordId = `rec-${Math.floor(random() * 8)}`;
    const standardCode = pick(['lecture_series', 'informal_learning', 'online_course']);
    const body = {
      recordId: `${standardCode}-${recordId}`,
      residentId: r.id,
      standardCode,
      title: `合作平台 ${recordId}`,
      hours: 8 + Math.floor(random() * 40),
      occurredOn: dayOf(ago(6 * 365)),
    };
    const res = await p.request('POST', '/api/credit-deposits', { headers: partnerAuth, body });
    expectOneOf(res, { 201: null, 200: null, 422: 'validation.failed' }, 'partner deposit');
    if (res.status === 422) return expect(res.body.error.details.fields.occurredOn).toMatch(/到期/);
    const key = `${r.id}|${body.recordId}`;
    const told = partnerAnswers.get(key);
    if (told) expect(res.body.id, 'the same record gives the same entry').toBe(told.entryId);
    else partnerAnswers.set(key, { entryId: res.body.id, credits: res.body.credits });
  },
  async classCompletion(r: TestResident) {
    const sourceId = `class-${Math.floor(random() * 10)}`;
    await p.db.transaction((tx) =>
      p.services.archive.record(tx, {
        residentId: r.id,
        sourceType: 'class',
        sourceId,
        title: `社区课程 ${sourceId}`,
        hours: 8 + Math.floor(random() * 40),
        outcome: 'completed',
        occurredAt: ago(7 * 365),
      }),
    );
  },
  async partnerCompletion(r: TestResident) {
    const slot = `${r.id}|${Math.floor(random() * 6)}`;
    const statement = statements.get(slot) ?? {
      id: randomUUID(),
      actor: { objectType: 'Agent', account: { homePage: 'http://localhost', name: r.id } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
      object: { objectType: 'Activity', id: `https://mooc.example.org/${slot}`, definition: { name: { 'zh-CN': '线上课程' } } },
      result: { completion: true, duration: `PT${8 + Math.floor(random() * 40)}H` },
      timestamp: ago(7 * 365).toISOString(),
    };
    statements.set(slot, statement);
    const res = await p.request('POST', '/xapi/statements', { headers: { ...xapiAuth, 'x-experience-api-version': '1.0.3' }, body: statement });
    expectOneOf(res, { 200: null }, 'partner statement');
  },
  async conversion(r: TestResident) {
    const rule = rules.find((x) => !usedRules.has(`${r.id}|${x.id}`) && random() < 0.3);
    if (!rule) return;
    usedRules.add(`${r.id}|${rule.id}`);
    const applied = await p.request('POST', '/api/conversion-applications', { headers: r.headers, body: { ruleId: rule.id } });
    expectOneOf(applied, { 201: null, 409: 'credits.insufficient' }, 'conversion application');
    if (applied.status !== 201) return;
    const decided = await p.request('POST', `/api/conversion-applications/${applied.body.id}/decision`, { headers: officer, body: { decision: 'approve' } });
    expectOneOf(decided, { 200: null, 409: 'credits.insufficient' }, 'conversion decision');
    conversions.push({ id: applied.body.id, residentId: r.id, status: decided.status === 200 ? 'approved' : 'refused', needed: rule.minCredits });
  },
  async correction(r: TestResident) {
    const credits = round1((random() < 0.6 ? -1 : 1) * (0.5 + Math.floor(random() * 6) / 2));
    const res = await p.request('POST', '/api/credit-corrections', {
      headers: officer,
      body: { residentId: r.id, category: pick(CATEGORIES), credits, reason: '随机更正' },
    });
    expectOneOf(res, { 201: null, 422: 'validation.failed' }, 'correction');
    if (res.status === 201) corrections.push({ entryId: res.body.id, credits });
  },
  async recognition(r: TestResident) {
    const form = multipart(PNG, { filename: 'photo.png', contentType: 'image/png', fields: { purpose: 'evidence' } });
    const file = await p.request('POST', '/api/files', { headers: { ...r.headers, ...form.headers }, payload: form.payload });
    expectOneOf(file, { 201: null }, 'evidence upload');
    // Filed without a standard (one named would refuse lapsed learning at once); the officer picks it.
    const app = await ok(
      'POST',
      '/api/recognition-applications',
      r.headers,
      { title: '社区志愿服务', provider: '社区', occurredOn: dayOf(ago(5 * 365)), evidenceFileIds: [file.body.id] },
      201,
    );
    const res = await p.request('POST', `/api/recognition-applications/${app.id}/decision`, {
      headers: officer,
      body: { decision: 'approve', standardCode: 'informal_learning' },
    });
    expectOneOf(res, { 200: null, 422: 'validation.failed' }, 'recognition approval');
    if (res.status === 200) approvedRecognitions.push({ id: app.id, residentId: r.id, credits: res.body.credits });
  },
  async expiry() {
    await p.services.credits.expireDue();
  },
  async clockJump() {
    const from = p.clock.now().getTime();
    p.clock.advance(Math.floor(1 + random() * 200) * DAY);
    jumps.push([from, p.clock.now().getTime()]);
  },
};
let xapiAuth: Record<string, string>;
const weights: [keyof typeof ops, number][] = [
  ['partnerDeposit', 4],
  ['classCompletion', 3],
  ['partnerCompletion', 2],
  ['conversion', 3],
  ['correction', 3],
  ['recognition', 1],
  ['expiry', 2],
  ['clockJump', 1],
];
const pickOp = () => {
  let x = random() * weights.reduce((n, [, w]) => n + w, 0);
  for (const [op, w] of weights) if ((x -= w) < 0) return op;
  return weights[0][0];
};

/** Sum of entries per (resident, category) straight from the table. */
async function ledgerSums() {
  const rows = rowsOf<{ resident_id: string; category: string; total: string }>(
    await p.db.execute(sql`
    select a.resident_id, e.category, sum(e.credits)::text as total from credit_entries e join credit_accounts a on a.id = e.account_id group by a.resident_id, e.category`),
  );
  return new Map(rows.map((r) => [`${r.resident_id}|${r.category}`, Number(r.total)]));
}

async function checkInvariants(afterExpiry: boolean) {
  const sums = await ledgerSums();
  for (const r of residents) {
    const view = await p.services.credits.transcript(r.id);
    for (const c of view.byCategory) {
      expect(c.balance, `${c.category} shown to ${r.name} (seed ${SEED})`).toBeGreaterThanOrEqual(0);
      if (afterExpiry)
        expect(round1(sums.get(`${r.id}|${c.category}`) ?? 0), `${c.category} of ${r.name}: shown = sum of entries (seed ${SEED})`).toBe(c.balance);
    }
    // What the resident's own page says is the account as of now (its cache is dropped when the database
    // announces the change: on PostgreSQL a moment after a partner's write).
    await expect.poll(async () => (await ok('GET', '/api/me/credits', r.headers)).balance).toBe(view.balance);
  }
  if (afterExpiry) for (const [key, total] of sums) expect(round1(total), `${key} (seed ${SEED})`).toBeGreaterThanOrEqual(0);

  const entries = rowsOf<{ id: string; source_key: string; credits: string; kind: string; resident_id: string }>(
    await p.db.execute(sql`
    select e.id, e.source_key, e.credits::text, e.kind, a.resident_id from credit_entries e join credit_accounts a on a.id = e.account_id`),
  );
  const byId = new Map(entries.map((e) => [e.id, e]));
  const bySource = new Map(entries.map((e) => [`${e.resident_id}|${e.source_key}`, e]));
  for (const [, told] of partnerAnswers) expect(Number(byId.get(told.entryId)?.credits)).toBe(told.credits);
  for (const c of corrections) expect(Number(byId.get(c.entryId)?.credits)).toBe(c.credits);
  for (const a of approvedRecognitions) {
    expect(Number(bySource.get(`${a.residentId}|recognition:${a.id}`)?.credits), 'approval told = ledger').toBe(a.credits);
  }
  for (const c of conversions) {
    const used = entries
      .filter((e) => e.resident_id === c.residentId && e.source_key.startsWith(`conversion:${c.id}:`))
      .reduce((n, e) => n + Number(e.credits), 0);
    expect(round1(used), `conversion ${c.status}`).toBe(c.status === 'approved' ? -c.needed : 0);
  }

  // One deposit per completion, and none for one recorded when it was already past its validity (5 years).
  const records = rowsOf<{ resident_id: string; source_type: string; source_id: string; hours: string; occurred_at: string; recorded_at: string }>(
    await p.db.execute(sql`
    select resident_id, source_type, source_id, hours::text, occurred_at::text, recorded_at::text from learning_records where source_type in ('class', 'partner') and outcome = 'completed'`),
  );
  for (const rec of records) {
    const deposit = bySource.get(`${rec.resident_id}|archive:${rec.source_type}:${rec.source_id}`);
    const occurred = new Date(rec.occurred_at);
    const expires = Date.UTC(occurred.getUTCFullYear() + 5, occurred.getUTCMonth(), occurred.getUTCDate());
    // A record whose validity ended during a clock jump of its round may have been deposited either side of it.
    if (jumps.some(([from, to]) => expires > from - DAY && expires <= to + DAY)) continue;
    const earns = Math.floor((Number(rec.hours) / 16) * 2) / 2 > 0 && expires > new Date(rec.recorded_at).getTime();
    expect(deposit ? 1 : 0, `deposits for ${rec.source_type}:${rec.source_id} (seed ${SEED})`).toBe(earns ? 1 : 0);
  }
  const dup = rowsOf<{ n: number }>(
    await p.db.execute(sql`select count(*)::int as n from (select account_id, source_key from credit_entries group by 1, 2 having count(*) > 1) d`),
  );
  expect(dup[0].n).toBe(0);
}

beforeAll(async () => {
  p = await startTestPlatform();
  const admin = await p.login('admin');
  await ok(
    'POST',
    '/api/staff-accounts',
    admin,
    { username: 'credit12', displayName: '天水学分银行专员', role: 'credit_bank_officer', regionCodes: ['330105012'], password: OFFICER_PASSWORD },
    201,
  );
  const [officerUser] = await p.db.select({ id: users.id }).from(users).where(eq(users.username, 'credit12'));
  officer = await longSession(p, officerUser.id);
  const partner = await ok('POST', '/api/partners', admin, { name: '省学分银行', scopes: ['credits/write', 'statements/write'], regionCode: null }, 201);
  partnerAuth = { authorization: 'Basic ' + Buffer.from(`${partner.key}:${partner.secret}`).toString('base64') };
  xapiAuth = partnerAuth;
  const home = (await ok('GET', '/api/residents/me', await p.login('13900000001'))).homeRegion.code;
  residents = await createResidents(p, 3, { homeRegionCode: home, namePrefix: '账本' });
  for (const r of residents) r.headers = await longSession(p, r.id);
  const programme = await ok(
    'POST',
    '/api/credit-programmes',
    officer,
    { name: '开放大学 随机专业', provider: '开放大学', totalCredits: 500, capRatio: 1 },
    201,
  );
  for (let i = 0; i < 16; i++) {
    const course = await ok('POST', `/api/credit-programmes/${programme.id}/courses`, officer, { code: `P${i}`, name: `课程 ${i}`, credits: 0.5 }, 201);
    const req = { category: CATEGORIES[i % CATEGORIES.length], minCredits: 0.5 + (i % 3) * 0.5 };
    const rule = await ok('POST', `/api/credit-programmes/${programme.id}/rules`, officer, { courseId: course.id, requirements: [req] }, 201);
    rules.push({ id: rule.id, ...req });
  }
}, 240_000);
afterAll(() => p.close());

describe('the credit ledger under concurrent operations and clock jumps', () => {
  it(`keeps its invariants (seed ${SEED})`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const batch = Array.from({ length: OPS_PER_ROUND }, () => ({ op: pickOp(), r: pick(residents) }));
      await Promise.all(batch.map(({ op, r }) => ops[op](r)));
      await checkInvariants(false);
      if (round % 4 === 3 || round === ROUNDS - 1) {
        await p.services.credits.expireDue();
        await checkInvariants(true);
      }
    }
    // The run exercised what it claims to.
    const kinds = rowsOf<{ kind: string; n: number }>(
      await p.db.execute(sql`select kind, count(*)::int as n from credit_entries where credits <> 0 group by kind`),
    );
    expect(kinds.map((k) => k.kind).sort()).toEqual(['correction', 'deposit', 'expiry', 'use']);
    expect(approvedRecognitions.length + conversions.length).toBeGreaterThan(0);
  }, 120_000);
});
