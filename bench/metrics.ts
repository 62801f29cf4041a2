// What counting requests for /metrics costs on the hot path: two server processes on the embedded database,
// the same demo catalogue, one without LEARNCITY_METRICS_TOKEN (nothing counted) and one with it; wrk loads
// /api/catalog/offerings (a cached public read, so the framework path dominates and any overhead shows) on
// each in turn, alternating rounds so the machine's noise falls on both. Prints a table and one JSON line;
// asserts nothing.
//   npx tsx bench/metrics.ts [--seconds 5] [--connections 50] [--rounds 3]
// Needs wrk (`apt-get install wrk`).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const SECONDS = Number(arg('seconds', '5'));
const CONNECTIONS = Number(arg('connections', '50'));
const ROUNDS = Number(arg('rounds', '3'));
const TOKEN = 'bench-metrics-token-0123456789abcdef';
const PATH = '/api/catalog/offerings';

interface Server {
  name: string;
  port: number;
  dir: string;
  child: ChildProcess;
}

async function start(name: string, token: string | null): Promise<Server> {
  const port = 43000 + Math.floor(Math.random() * 900);
  const dir = mkdtempSync(join(tmpdir(), `learncity-bench-metrics-${name}-`));
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LEARNCITY_DATA_DIR: dir,
    DATABASE_URL: '',
    LEARNCITY_WORKERS: '0',
    LEARNCITY_ADMIN_PASSWORD: 'Bench#2026metrics',
    LOG_LEVEL: 'warn',
    LEARNCITY_METRICS_TOKEN: token ?? '',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${name} server exited`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}${PATH}`)).ok) return { name, port, dir, child };
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} server did not start`);
}

function wrk(port: number): { rps: number; p99ms: number } {
  const out = spawnSync('wrk', ['-t2', `-c${CONNECTIONS}`, `-d${SECONDS}s`, '--latency', `http://127.0.0.1:${port}${PATH}`], { encoding: 'utf8' }).stdout;
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
  const m = /\s99%\s+([\d.]+)(us|ms|s)/.exec(out);
  const p99ms = m ? Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1) : NaN;
  return { rps, p99ms };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const off = await start('off', null);
  const on = await start('on', TOKEN);
  try {
    for (const s of [off, on]) wrk(s.port); // warm-up
    const results: Record<string, { rps: number; p99ms: number }[]> = { off: [], on: [] };
    for (let r = 0; r < ROUNDS; r++) for (const s of r % 2 ? [on, off] : [off, on]) results[s.name].push(wrk(s.port));
    const scraped = await (await fetch(`http://127.0.0.1:${on.port}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    const counted = Number(
      new RegExp(`learncity_http_requests_total\\{method="GET",route="${PATH.replace(/\//g, '\\/')}",status="200"\\} (\\d+)`).exec(scraped)?.[1] ?? 0,
    );
    const summary = {
      off: { rps: median(results.off.map((x) => x.rps)), p99ms: median(results.off.map((x) => x.p99ms)) },
      on: { rps: median(results.on.map((x) => x.rps)), p99ms: median(results.on.map((x) => x.p99ms)) },
    };
    console.log(`GET ${PATH}, wrk -c${CONNECTIONS}, ${ROUNDS} rounds of ${SECONDS} s each (median)`);
    console.log('| metrics | req/s | p99 ms |');
    console.log('|---|---|---|');
    console.log(`| off (no token) | ${summary.off.rps.toFixed(0)} | ${summary.off.p99ms.toFixed(1)} |`);
    console.log(`| on (counted) | ${summary.on.rps.toFixed(0)} | ${summary.on.p99ms.toFixed(1)} |`);
    console.log(`on/off: ${((100 * summary.on.rps) / summary.off.rps).toFixed(1)} % of the throughput; /metrics counted ${counted} answers of that route`);
    console.log(JSON.stringify({ bench: 'metrics', connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS, ...summary, counted, rounds_raw: results }));
  } finally {
    for (const s of [off, on]) {
      const exited = new Promise((r) => s.child.once('exit', r));
      s.child.kill('SIGTERM');
      await exited;
      rmSync(s.dir, { recursive: true, force: true });
    }
  }
}

void main();
