// Throughput of the spine's hottest reads, next to a bare Fastify hello-world measured in the same run
// on the same machine, so the ratio means something on a noisy box. Prints figures; asserts nothing.
//   npm run bench            (embedded PGlite)
//   DATABASE_URL=… npm run bench
import Fastify from 'fastify';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/server/db/client';
import { createPlatform } from '../src/server/platform';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONCURRENCY = 16;

async function measure(url: string, init: RequestInit = {}): Promise<number> {
  let done = 0;
  const until = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < until) {
        const res = await fetch(url, init);
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${url}: ${res.status}`);
        done++;
      }
    }),
  );
  return done / SECONDS;
}

const hello = Fastify();
hello.get('/', async () => ({ hello: 'world' }));
await hello.listen({ port: 0, host: '127.0.0.1' });
const helloUrl = `http://127.0.0.1:${(hello.server.address() as { port: number }).port}/`;

const database = await openDatabase({ url: process.env.DATABASE_URL });
const platform = await createPlatform({
  database,
  dataKey: randomBytes(32),
  filesDir: mkdtempSync(join(tmpdir(), 'learncity-bench-')),
  logLevel: 'silent',
  webRoot: '/nonexistent',
});
await platform.initialize({ district: '330105', adminPassword: 'Bench#2026x', loadDemo: true });
await platform.app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(platform.app.server.address() as { port: number }).port}`;
const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'district', password: 'Demo#2026' }),
});
const cookie = login.headers.get('set-cookie')!.split(';')[0];

const baseline = await measure(helloUrl);
const rows: [string, number][] = [
  ['GET /api/regions/330105 (counts + population)', await measure(`${base}/api/regions/330105`)],
  ['GET /api/regions/330105/children (18 streets)', await measure(`${base}/api/regions/330105/children?pageSize=50`)],
  ['GET /api/institutions (logged in, scoped, page 20)', await measure(`${base}/api/institutions`, { headers: { cookie } })],
  ['GET /api/institutions?q=社区学校 (search)', await measure(`${base}/api/institutions?q=${encodeURIComponent('社区学校')}`, { headers: { cookie } })],
];

console.log(
  `engine: ${database.engine}; ${CONCURRENCY} concurrent clients, ${SECONDS}s each; machine limit: bare Fastify hello-world ${baseline.toFixed(0)} req/s`,
);
for (const [name, rps] of rows) console.log(`${name.padEnd(52)} ${rps.toFixed(0).padStart(7)} req/s  (${((rps / baseline) * 100).toFixed(1)}% of hello-world)`);

await platform.app.close();
await database.close();
await hello.close();
