// `npm run backup [-- <directory>]`: one archive of the database, the uploaded files and the keys, written to
// the directory given, else LEARNCITY_BACKUP_DIR, else <data dir>/backups. Safe while the platform serves:
// PostgreSQL through pg_dump (a consistent snapshot); the embedded database through the running server,
// which alone may read its data directory (or directly when no server runs).
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { loadConfig } from '../src/server/config';
import { dataDirLayout } from '../src/server/layout';
import { lockDataDir, lockOwner } from '../src/server/db/lock';
import { dumpPglite, dumpPostgres } from '../src/server/db/snapshot';
import { requestBackup } from '../src/server/backup-command';
import { writeArchive } from '../src/server/modules/backups/index';
import { setPlatformTimeZone } from '../src/contracts/local-time';

async function main() {
  const config = loadConfig();
  setPlatformTimeZone(config.timeZone); // the archive is named by its local time
  const dir = resolve(process.argv[2] ?? config.backup.dir);
  const layout = dataDirLayout(config.dataDir);
  const keyFiles = [...(config.dataKeyHex ? [] : [layout.secretKey]), ...(config.issuerKey ? [] : [layout.issuerKey])];
  const source = { filesDir: layout.files, keyFiles };
  if (config.databaseUrl) {
    const url = config.databaseUrl;
    return writeArchive({ ...source, engine: 'postgres', dump: (file) => dumpPostgres(url, file) }, dir, new Date());
  }
  const owner = lockOwner(config.dataDir);
  if (owner) {
    console.log(`learncity: asking the running server (pid ${owner}) for the backup…`);
    return requestBackup(config.dataDir, owner, dir);
  }
  if (!existsSync(layout.pglite)) throw new Error(`there is no database in ${config.dataDir}`);
  const release = lockDataDir(config.dataDir);
  const { PGlite } = await import('@electric-sql/pglite');
  const client = new PGlite(layout.pglite);
  try {
    await client.waitReady;
    return await writeArchive({ ...source, engine: 'pglite', dump: (file) => dumpPglite(client, file) }, dir, new Date());
  } finally {
    await client.close();
    release();
  }
}

main().then(
  (archive) => {
    console.log(`learncity: backup written to ${archive.path} (${(archive.size / 1024 / 1024).toFixed(1)} MB)`);
  },
  (error: unknown) => {
    console.error(`learncity: backup failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
