// Composition root: config → data directory lock → database → platform → listen.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from './config';
import { openDatabase } from './db/client';
import { lockDataDir, DataDirLocked } from './db/lock';
import { createPlatform } from './platform';

/** The key that encrypts personal data: from the environment, or a key file made on first start. */
function dataKey(config: Config): Buffer {
  if (config.dataKeyHex) return Buffer.from(config.dataKeyHex, 'hex');
  const path = join(config.dataDir, 'secret.key');
  if (existsSync(path)) return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(path, key.toString('hex'), { mode: 0o600, flag: 'wx' });
  return key;
}

async function main() {
  const config = loadConfig();
  const releaseLock = config.databaseUrl ? () => {} : lockDataDir(config.dataDir);
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl ? undefined : join(config.dataDir, 'pglite') });
  const platform = await createPlatform({
    database, dataKey: dataKey(config), filesDir: join(config.dataDir, 'files'), logLevel: config.logLevel, publicOrigins: config.publicOrigins,
    vcApiToken: config.vcApiToken,
    webhookPrivateTargets: config.webhookPrivateTargets,
    uploadQuotas: config.uploadQuotas,
    issuerKey: config.issuerKey ? { secretKeyMultibase: config.issuerKey } : { file: join(config.dataDir, 'issuer-key.json') },
    sessionHours: config.sessionHours, cookieSecure: config.cookieSecure, oidc: config.oidc,
  });

  // Only the embedded engine is sure no other process is still working on a running job.
  if (!config.databaseUrl) await platform.services.jobs.failInterrupted();
  const generated = config.adminPassword ? null : randomBytes(9).toString('base64url');
  const created = await platform.initialize({ district: config.district, adminPassword: config.adminPassword ?? generated!, loadDemo: config.loadDemo });
  if (created) {
    console.log(`learncity: loaded ${created.regionCount} regions of ${created.rootCode}${config.loadDemo ? ' with demo institutions and accounts' : ''}`);
    if (generated) console.log(`learncity: created the system administrator "admin" with password: ${generated}\n           (shown once; change it after logging in)`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`learncity: ${signal} received, shutting down`);
    platform.scheduler.stop();
    await platform.app.close();
    await database.close();
    releaseLock();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await platform.app.listen({ port: config.port, host: config.host });
  platform.scheduler.start(5);
  console.log(`learncity: serving on http://localhost:${config.port} (${database.engine}${config.databaseUrl ? '' : ', data in ' + config.dataDir})`);
}

main().catch((error) => {
  if (error instanceof DataDirLocked || (error instanceof Error && error.message.startsWith('Invalid configuration'))) {
    console.error(`learncity: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
