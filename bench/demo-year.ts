// How long the demo year takes at a given scale, on the embedded database (or DATABASE_URL's PostgreSQL):
// `npx tsx bench/demo-year.ts 3000`. Prints the generator's own phase timings and the total.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../src/server/db/client';
import { createPlatform } from '../src/server/platform';

const residents = Number(process.argv[2] ?? 3000);
const dir = mkdtempSync(join(tmpdir(), 'learncity-demo-year-'));
const database = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir: process.env.DATABASE_URL ? undefined : join(dir, 'pglite') });
const platform = await createPlatform({
  database,
  dataKey: randomBytes(32),
  filesDir: join(dir, 'files'),
  logLevel: 'warn',
  issuerKey: { file: join(dir, 'issuer-key.json') },
});
let t = Date.now();
await platform.initialize({ district: '330105', adminPassword: 'Bench#2026-demo-year', loadDemo: true });
console.log(`demo district seeded in ${((Date.now() - t) / 1000).toFixed(1)} s`);
t = Date.now();
const summary = await platform.generateDemoYear({ residents, log: (l) => console.log(`  ${l}`) });
console.log(`demo year with ${residents} residents: ${((Date.now() - t) / 1000).toFixed(1)} s`, summary);
await platform.app.close();
await database.close();
rmSync(dir, { recursive: true, force: true });
