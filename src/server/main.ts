// Composition root. The first process supervises: it starts the workers (one per core on PostgreSQL,
// LEARNCITY_WORKERS to choose; one on the embedded database, which a single process must own), restarts a
// worker that dies, and on SIGTERM lets each finish its requests. Each worker: config → data directory
// lock → database → platform → listen, all workers sharing the port. Workers keep nothing that
// correctness depends on; what they cache, the database tells them to drop (kernel/change-feed.ts).
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from './config';
import { lockDataDir, DataDirLocked } from './db/lock';
import { createSmsSender, describeSmsConfig } from './modules/sms/index';
import { dataDirLayout, loadDataKey } from './layout';
import { answerBackupCommands } from './backup-command';
import { counter, collectFamilies } from './kernel/metrics';
import { serveMetricsGathering } from './kernel/cluster-metrics';
import { setPlatformTimeZone } from '../contracts/local-time';

async function serve() {
  const config = loadConfig();
  setPlatformTimeZone(config.timeZone);
  const releaseLock = config.databaseUrl ? () => {} : lockDataDir(config.dataDir);
  const layout = dataDirLayout(config.dataDir);
  // Loaded here, not at the top: the supervisor never needs the platform, and stays small without it.
  const [{ openDatabase }, { createPlatform }] = await Promise.all([import('./db/client'), import('./platform')]);
  const database = await openDatabase({ url: config.databaseUrl, readUrl: config.databaseReadUrl, dataDir: config.databaseUrl ? undefined : layout.pglite });
  const platform = await createPlatform({
    database,
    dataKey: loadDataKey(config.dataDir, config.dataKeyHex),
    filesDir: layout.files,
    logLevel: config.logLevel,
    publicOrigins: config.publicOrigins,
    metricsToken: config.metricsToken,
    backups: {
      settings: { dir: config.backup.dir, keep: config.backup.nightly ? config.backup.keep : null, hour: config.backup.hour },
      keyFiles: [...(config.dataKeyHex ? [] : [layout.secretKey]), ...(config.issuerKey ? [] : [layout.issuerKey])],
    },
    vcApiToken: config.vcApiToken,
    vcResourceOrigins: config.vcResourceOrigins,
    webhookPrivateTargets: config.webhookPrivateTargets,
    xapiVersions: config.xapiVersions,
    trustedProxies: config.trustedProxies,
    uploadQuotas: config.uploadQuotas,
    issuerKey: config.issuerKey ? { secretKeyMultibase: config.issuerKey } : { file: layout.issuerKey },
    issuerBody: {
      nameZh: config.issuer.nameZh,
      nameEn: config.issuer.nameEn,
      seal: config.issuer.sealFile
        ? {
            contentType: config.issuer.sealFile.endsWith('.svg') ? 'image/svg+xml' : 'image/png',
            base64: readFileSync(config.issuer.sealFile).toString('base64'),
          }
        : null,
    },
    sessionHours: config.sessionHours,
    cookieSecure: config.cookieSecure,
    oidc: config.oidc,
    sms: createSmsSender(config.sms),
    smsDelivery: config.sms.delivery,
  });

  // Only the embedded engine is sure no other process is still working on a running job.
  if (!config.databaseUrl) await platform.services.jobs.failInterrupted();
  const generated = config.adminPassword ? null : randomBytes(9).toString('base64url');
  const created = await platform.initialize({ district: config.district, adminPassword: config.adminPassword ?? generated!, loadDemo: config.loadDemo });
  if (created) {
    console.log(`learncity: loaded ${created.regionCount} regions of ${created.rootCode}${config.loadDemo ? ' with demo institutions and accounts' : ''}`);
    if (generated)
      console.log(`learncity: created the system administrator "admin" with password: ${generated}\n           (shown once; change it after logging in)`);
  }
  // Before listening: the generator moves the platform's clock through the year it writes.
  if (created && config.demoYearResidents > 0) {
    console.log(`learncity: generating a year of activity in the demo district (${config.demoYearResidents} residents)…`);
    // A failed demo year leaves the demo district as it was loaded and the platform serving; the banner says no year.
    try {
      const year = await platform.generateDemoYear({ residents: config.demoYearResidents, log: (line) => console.log(`learncity: demo year: ${line}`) });
      if (year) console.log(`learncity: demo year ${year.year} generated in ${(year.ms / 1000).toFixed(1)} s`);
    } catch (error) {
      console.error('learncity: the demo year could not be generated:', error);
    }
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`learncity: ${signal} received, shutting down`);
    platform.scheduler.stop();
    // Drain: no new connections; requests under way finish (new ones on kept-alive connections get 503,
    // so a load balancer moves on). A request that never ends does not hold the shutdown for ever.
    const late = setTimeout(() => {
      console.error(`learncity: requests still running after ${config.drainSeconds} s; stopping anyway`);
      process.exit(1);
    }, config.drainSeconds * 1000);
    late.unref();
    await platform.app.close();
    await database.close();
    releaseLock();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // A worker whose supervisor is gone (killed) stops too, rather than serving on unsupervised.
  if (cluster.isWorker) process.on('disconnect', () => void stop('supervisor gone'));

  answerBackupCommands(config.dataDir, platform.services.backups);
  await platform.app.listen({ port: config.port, host: config.host });
  platform.scheduler.start(5);
  if (!cluster.isWorker || cluster.worker?.id === 1) {
    console.log(`learncity: serving on http://localhost:${config.port} (${database.engine}${config.databaseUrl ? '' : ', data in ' + config.dataDir})`);
    console.log(`learncity: ${describeSmsConfig(config.sms)}`);
    if (config.sms.provider === 'console' && process.env.NODE_ENV === 'production') {
      console.warn('learncity: warning: NODE_ENV=production with the development SMS sender; set LEARNCITY_SMS_PROVIDER (see README, "Real SMS")');
    }
  }
}

/** How many workers: LEARNCITY_WORKERS, else one per core on PostgreSQL and one on the embedded database. */
function workerCount(config: Config): number {
  if (!config.databaseUrl) return 1;
  return config.workers ?? availableParallelism();
}

function supervise(config: Config) {
  const wanted = workerCount(config);
  let stopping = false;
  let everListened = false;
  const listened = new Set<Worker>();
  const started = new Map<Worker, number>();
  // The supervisor's own figures join every scrape of /metrics (whichever worker answers it).
  const restarts = counter('learncity_worker_restarts_total', 'Workers that stopped unexpectedly and were started again');
  restarts.inc(undefined, 0);
  serveMetricsGathering(() => collectFamilies([{ name: 'learncity_workers', help: 'Workers serving (listening)', samples: [{ value: listened.size }] }]));

  const fork = () => {
    const worker = cluster.fork();
    started.set(worker, Date.now());
    worker.once('listening', () => {
      // The first worker initialises an empty database alone; the others start once it serves.
      if (!everListened) {
        everListened = true;
        for (let i = 1; i < wanted; i++) fork();
      }
      // Said once all serve (bench/enrol.ts waits for it: connections made earlier all go to the first).
      listened.add(worker);
      if (listened.size === wanted) console.log(`learncity: ${wanted} worker${wanted > 1 ? 's' : ''} listening`);
    });
  };

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (started.get(worker) ?? Date.now());
    started.delete(worker);
    listened.delete(worker);
    if (stopping) {
      if (started.size === 0) process.exit(0);
      return;
    }
    // A worker that could not start at all (bad settings, data directory in use) would fail again.
    if (!everListened) process.exit(code || 1);
    console.error(`learncity: a worker stopped (${signal ?? 'exit code ' + code}); starting another`);
    restarts.inc();
    setTimeout(fork, lived < 5_000 ? 1_000 : 0);
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    if (started.size === 0) process.exit(0);
    for (const worker of started.keys()) worker.process.kill(signal);
    // A worker that does not stop after its drain time (and a little more) is stopped hard.
    setTimeout(
      () => {
        for (const worker of started.keys()) worker.process.kill('SIGKILL');
      },
      (config.drainSeconds + 5) * 1000,
    ).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  fork();
}

// Async, so a bad setting read here reaches the readable report below rather than a stack trace.
async function main() {
  if (cluster.isWorker) return serve();
  const config = loadConfig();
  // LEARNCITY_WORKERS=0: serve in this process, unsupervised (development, profiling).
  if (config.workers === 0) return serve();
  supervise(config);
}

main().catch((error) => {
  if (error instanceof DataDirLocked || (error instanceof Error && error.message.startsWith('Invalid configuration'))) {
    console.error(`learncity: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
