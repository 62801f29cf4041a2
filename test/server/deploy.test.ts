// The recipes in deploy/ hold together: checked with the real tools where this machine has them (docker
// compose, systemd-analyze, nginx), and always structurally, against what the platform needs (a worker
// drains within the stop timeouts, only the proxy is trusted, the image runs the compiled server as non-root).
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../../src/server/config';
import { freePort } from '../support/free-port';
import { startTestPlatform } from '../support/platform';

const read = (name: string) => readFileSync(join('deploy', name), 'utf8');
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const skipped = (what: string, why: string) => console.log(`deploy: ${what} not run: ${why}`);

describe('compose.yaml', () => {
  const compose = parse(read('compose.yaml'));

  it('runs learncity on PostgreSQL 15, once the database is healthy, with its data on volumes', () => {
    const { db, learncity } = compose.services;
    expect(db.image).toMatch(/^postgres:15/);
    expect(db.healthcheck.test.join(' ')).toContain('pg_isready');
    expect(learncity.build).toEqual({ context: '..', dockerfile: 'deploy/Dockerfile' });
    expect(existsSync(join('deploy', learncity.build.context, learncity.build.dockerfile))).toBe(true);
    expect(learncity.depends_on.db.condition).toBe('service_healthy');
    expect(learncity.restart).toBe('always');
    expect(learncity.environment.DATABASE_URL).toMatch(/@db:5432\/learncity$/);
    for (const [service, volume] of [
      ['db', '/var/lib/postgresql/data'],
      ['learncity', '/var/lib/learncity'],
    ]) {
      const named = compose.services[service].volumes.find((v: string) => v.endsWith(':' + volume));
      expect(named, `${service} keeps ${volume} on a volume`).toBeTruthy();
      expect(Object.keys(compose.volumes)).toContain(named.split(':')[0]);
    }
  });

  it('sets a configuration the platform accepts, stops within the grace period, and trusts only private proxies', () => {
    const env = Object.fromEntries(
      Object.entries(compose.services.learncity.environment as Record<string, string>).map(([k, v]) => [
        k,
        String(v).replace(/\$\{([A-Z_]+)(?::[-?]([^}]*))?\}/g, (_m, name, fallback) => (name === 'LEARNCITY_DB_PASSWORD' ? 'secret' : (fallback ?? ''))),
      ]),
    );
    const config = loadConfig(env);
    expect(config.databaseUrl).toBe('postgres://learncity:secret@db:5432/learncity');
    expect(config.trustedProxies.length).toBeGreaterThan(0);
    expect(config.trustedProxies.every((p) => /^(10\.|172\.16\.|192\.168\.)/.test(p))).toBe(true);
    expect(parseInt(compose.services.learncity.stop_grace_period, 10)).toBeGreaterThan(config.drainSeconds);
  });

  it.runIf(has('docker') && spawnSync('docker', ['compose', 'version']).status === 0)('passes docker compose config', () => {
    const run = spawnSync('docker', ['compose', '-f', 'deploy/compose.yaml', 'config', '--quiet'], {
      env: { ...process.env, LEARNCITY_DB_PASSWORD: 'secret' },
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
  });
  if (!(has('docker') && spawnSync('docker', ['compose', 'version']).status === 0)) skipped('docker compose config', 'no docker compose on this machine');
});

describe('Dockerfile', () => {
  const text = read('Dockerfile');
  const stages = text.split(/^FROM /m).slice(1);

  it('builds with the development tools, runs only the runtime packages and the compiled server as a non-root user', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.split('\n')[0]).toMatch(/^node:20-slim\b/);
    const [build, runtime] = [stages[0], stages.at(-1)!];
    expect(build).toMatch(/RUN npm ci\n/);
    expect(build).toContain('RUN npm run build');
    expect(runtime).toContain('npm ci --omit=dev');
    expect(runtime).toContain('NODE_ENV=production');
    expect(runtime).toMatch(/COPY --from=build \/app\/dist \.\/dist/);
    expect(runtime).toMatch(/COPY --from=build \/app\/data \.\/data/);
    expect(runtime).toMatch(/^USER (?!root\b|0\b)\S+/m);
    expect(runtime).toMatch(/^CMD \["node", "dist\/server\/main\.js"\]/m);
    expect(runtime).toMatch(/HEALTHCHECK[\s\S]*\/readyz/);
    expect(runtime).not.toMatch(/tsx|vite/);
  });

  it('can back up and restore inside the container: the compiled commands and the PostgreSQL client tools', () => {
    const runtime = stages.at(-1)!;
    expect(runtime).toMatch(/apt-get install[^\n]*postgresql-client/);
    expect(runtime).toMatch(/COPY --from=build \/app\/scripts\/command\.mjs \.\/scripts\/command\.mjs/);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    for (const name of ['backup', 'restore']) expect(pkg.scripts[name]).toBe(`node scripts/command.mjs ${name}`);
    expect(readFileSync('scripts/build-server.mjs', 'utf8')).toMatch(/\['backup', 'restore'\]/);
  });
});

describe('learncity.service', () => {
  const unit = read('learncity.service');
  const setting = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(unit)?.[1];

  it('restarts always, reads its settings from an environment file and outlasts the drain when stopping', () => {
    expect(setting('Restart')).toBe('always');
    expect(setting('EnvironmentFile')).toBe('/etc/learncity/learncity.env');
    expect(setting('ExecStart')).toBe('/usr/bin/node dist/server/main.js');
    expect(setting('Environment')).toBe('NODE_ENV=production');
    expect(setting('KillMode')).toBe('mixed');
    expect(setting('User')).not.toBe('root');
    const env = Object.fromEntries(
      read('learncity.env.example')
        .split('\n')
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => [l.split('=')[0], l.slice(l.indexOf('=') + 1)]),
    );
    const config = loadConfig(env);
    expect(Number(setting('TimeoutStopSec'))).toBeGreaterThan(config.drainSeconds + 5);
    expect(config.trustedProxies).toEqual(['127.0.0.1']);
  });

  const canVerify = has('systemd-analyze') && existsSync('/usr/bin/node');
  it.runIf(canVerify)('passes systemd-analyze verify', () => {
    const run = spawnSync('systemd-analyze', ['verify', 'deploy/learncity.service'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    // It reports bad settings as warnings with status 0.
    expect(run.stderr.split('\n').filter((l) => l.includes('learncity.service'))).toEqual([]);
    // And the check can fail: a bad setting is reported.
    const dir = mkdtempSync(join(tmpdir(), 'learncity-unit-'));
    try {
      writeFileSync(join(dir, 'learncity.service'), unit.replace('Restart=always', 'Restart=sometimes'));
      expect(spawnSync('systemd-analyze', ['verify', join(dir, 'learncity.service')], { encoding: 'utf8' }).stderr).toContain('restart');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  if (!canVerify) skipped('systemd-analyze verify', 'no systemd-analyze or /usr/bin/node on this machine');
});

describe('nginx/learncity.conf', () => {
  const conf = read('nginx/learncity.conf');
  const block = (path: string) => {
    const at = conf.indexOf(`location ${path}`);
    return conf.slice(at, conf.indexOf('}', at));
  };

  it("forwards the client's address, scheme and host", () => {
    for (const header of ['X-Forwarded-For $proxy_add_x_forwarded_for', 'X-Forwarded-Proto $scheme', 'X-Forwarded-Host $host'])
      expect(conf).toContain(`proxy_set_header ${header}`);
  });

  it("caches the public catalogue by the platform's Cache-Control and ETags, never a signed-in answer, and the assets", () => {
    const catalogue = block('~ ^/api/(catalog');
    expect(catalogue).toContain('proxy_cache learncity');
    expect(catalogue).toContain('proxy_cache_revalidate on');
    expect(catalogue).toContain('proxy_no_cache $cookie_lc_session');
    expect(catalogue).toContain('proxy_cache_bypass $cookie_lc_session');
    // No override of the platform's own freshness (proxy_ignore_headers would), so its max-age rules.
    expect(conf).not.toContain('proxy_ignore_headers');
    expect(catalogue).not.toContain('proxy_cache_valid');
    expect(block('/assets/')).toContain('proxy_cache learncity');
    const location = new RegExp(
      block('~ ^/api/(catalog')
        .split('\n')[0]
        .replace(/^location ~ /, '')
        .replace(/ \{$/, ''),
    );
    for (const path of ['/api/catalog/offerings', '/api/regions/330105/children', '/api/categories', '/api/demo-status']) expect(path).toMatch(location);
    for (const path of ['/api/auth/me', '/api/residents', '/api/catalogue-admin']) expect(path).not.toMatch(location);
  });

  /** The example as written, with stand-ins for what is the installation's: certificate, cache directory, ports. */
  function runnable(dir: string, upstreamPort: number, port: number) {
    const site = conf
      .replace('/var/cache/nginx/learncity', join(dir, 'cache'))
      .replace('listen 443 ssl http2;', `listen 127.0.0.1:${port};`)
      .replace(/listen 80;/, `listen 127.0.0.1:${port + 1};`)
      .replace(/^\s*ssl_certificate.*$/gm, '')
      .replace('server 127.0.0.1:3000', `server 127.0.0.1:${upstreamPort}`);
    writeFileSync(join(dir, 'learncity.conf'), site);
    const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${dir}/${t};`).join(' ');
    writeFileSync(
      join(dir, 'nginx.conf'),
      `${userInfo().uid === 0 ? 'user root;' : ''} daemon off; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
      events {} http { access_log off; ${temp} include ${dir}/learncity.conf; }`,
    );
    return join(dir, 'nginx.conf');
  }

  it.runIf(has('nginx'))('passes nginx -t', () => {
    const dir = mkdtempSync(join(tmpdir(), 'learncity-nginx-'));
    try {
      const run = spawnSync('nginx', ['-t', '-c', runnable(dir, 3000, 18443)], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(has('nginx'))(
    'in front of a running platform: serves the catalogue again from its cache, a signed-in visitor from the platform',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'learncity-nginx-'));
      const p = await startTestPlatform();
      let nginx: ChildProcess | undefined;
      try {
        await p.app.listen({ port: 0, host: '127.0.0.1' });
        const upstream = (p.app.server.address() as AddressInfo).port;
        const port = await freePort();
        nginx = spawn('nginx', ['-c', runnable(dir, upstream, port)], { stdio: 'ignore' });
        const origin = `http://127.0.0.1:${port}`;
        for (let i = 0; ; i++) {
          try {
            await fetch(`${origin}/healthz`);
            break;
          } catch {
            if (i > 100) throw new Error(readFileSync(join(dir, 'error.log'), 'utf8'));
          }
          await new Promise((r) => setTimeout(r, 100));
        }
        const catalogue = () => fetch(`${origin}/api/catalog/offerings?pageSize=5`, { headers: { 'accept-language': 'zh-CN' } });
        const first = await catalogue();
        expect(first.status).toBe(200);
        const firstBody = await first.json();
        expect(first.headers.get('x-cache-status')).toBe('MISS');
        const second = await catalogue();
        // From the cache: fresh (HIT), or past the platform's one-second max-age and being refreshed meanwhile.
        expect(['HIT', 'UPDATING', 'STALE', 'REVALIDATED']).toContain(second.headers.get('x-cache-status'));
        expect(await second.json()).toEqual(firstBody);
        const resident = await p.login('13900000001');
        const signedIn = await fetch(`${origin}/api/catalog/offerings?pageSize=5`, { headers: { cookie: resident.cookie } });
        expect(signedIn.status).toBe(200);
        expect(signedIn.headers.get('x-cache-status')).toBe('BYPASS');
      } finally {
        nginx?.kill('SIGQUIT');
        if (nginx && nginx.exitCode === null) await new Promise((r) => nginx!.once('exit', r));
        await p.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
  if (!has('nginx')) skipped('nginx -t', 'nginx is not installed on this machine');
});
