// `npm run restore -- <archive>`: puts a backup back onto an empty installation: the data directory (and
// the PostgreSQL database of DATABASE_URL, newly created and empty) as configured for the server. It
// refuses a database or files directory that is not empty, a key that differs from the backup's, and
// (embedded database) a data directory in use by a running server.
import { resolve } from 'node:path';
import { loadConfig } from '../src/server/config';
import { dataDirLayout } from '../src/server/layout';
import { lockDataDir } from '../src/server/db/lock';
import { loadPglite, loadPostgres } from '../src/server/db/snapshot';
import { restoreArchive } from '../src/server/modules/backups/index';

async function main() {
  const archive = process.argv[2];
  if (!archive) throw new Error('name the archive: npm run restore -- /path/to/learncity-backup-….tar');
  const config = loadConfig();
  const layout = dataDirLayout(config.dataDir);
  const target = { filesDir: layout.files, keysDir: config.dataDir };
  if (config.databaseUrl) {
    const url = config.databaseUrl;
    return restoreArchive(resolve(archive), { ...target, engine: 'postgres', load: (file) => loadPostgres(url, file) });
  }
  const release = lockDataDir(config.dataDir);
  try {
    return await restoreArchive(resolve(archive), { ...target, engine: 'pglite', load: (file) => loadPglite(layout.pglite, file) });
  } finally {
    release();
  }
}

main().then(
  (manifest) => {
    console.log(`learncity: restored the ${manifest.engine} backup of ${manifest.createdAt} into ${loadConfig().dataDir}`);
  },
  (error: unknown) => {
    console.error(`learncity: restore failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
