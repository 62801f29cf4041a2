// One backup is one tar file: manifest.json, the database (database.pglite.tar.gz or database.pgdump),
// the uploaded files (files/) and the keys without which the copy is unreadable (keys/secret.key encrypts
// ID numbers; keys/issuer-key.json signs certificates). GNU tar packs and unpacks it, so an operator can
// also look inside with the same tool.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, readFile, readdir, rename, rm, stat, symlink, writeFile, copyFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { localTime } from '../../../contracts/local-time';

export type Engine = 'pglite' | 'postgres';
export const ARCHIVE_NAME = /^learncity-backup-(\d{8})-(\d{6})\.tar$/;
const FORMAT = 'learncity-backup';
const databaseFile = (engine: Engine) => (engine === 'pglite' ? 'database.pglite.tar.gz' : 'database.pgdump');

export interface Manifest {
  format: typeof FORMAT;
  version: 1;
  engine: Engine;
  createdAt: string;
  keys: string[];
}

export interface BackupSource {
  engine: Engine;
  /** Writes the database's consistent copy to a file. */
  dump(file: string): Promise<void>;
  filesDir: string;
  /** Key files to carry (the ones that exist); a key given by the environment is the operator's to keep. */
  keyFiles: string[];
}

export interface RestoreTarget {
  engine: Engine;
  /** Fills the empty database from the file; refuses a database that is not empty. */
  load(file: string): Promise<void>;
  filesDir: string;
  /** Where the key files go (the data directory). */
  keysDir: string;
}

/** The archive's name for a moment, in the installation's local time, which the nightly run keys on. */
export function archiveName(at: Date): string {
  const p = localTime.parts(at);
  return `learncity-backup-${p.year}${p.month}${p.day}-${p.hour}${p.minute}${p.second}.tar`;
}

function tar(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('tar', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', (e) => reject(new Error(`tar could not be started: ${e.message}`)));
    // Exit 1 is GNU tar's "a file changed or vanished while read": an upload purged during the copy.
    child.on('close', (code) => (code === 0 || code === 1 ? resolve() : reject(new Error(`tar failed (exit ${code}): ${stderr.trim()}`))));
  });
}

/** Writes a new archive into `dir`; the name appears only once the archive is complete. */
export async function writeArchive(source: BackupSource, dir: string, at: Date): Promise<{ name: string; path: string; size: number }> {
  await mkdir(dir, { recursive: true });
  const staging = join(dir, `.staging-${randomBytes(6).toString('hex')}`);
  await mkdir(join(staging, 'keys'), { recursive: true });
  const name = archiveName(at);
  const path = join(dir, name);
  try {
    // The database first: every file its rows name was written before (uploads land before their row).
    await source.dump(join(staging, databaseFile(source.engine)));
    const keys: string[] = [];
    for (const file of source.keyFiles) {
      if (!existsSync(file)) continue;
      await copyFile(file, join(staging, 'keys', basename(file)));
      keys.push(basename(file));
    }
    const manifest: Manifest = { format: FORMAT, version: 1, engine: source.engine, createdAt: at.toISOString(), keys };
    await writeFile(join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2));
    // The files directory is read in place through a link (tar -h), never copied twice on disk.
    await mkdir(source.filesDir, { recursive: true });
    await symlink(source.filesDir, join(staging, 'files'));
    await tar(['-c', '-h', '-f', path + '.part', '--exclude=.*.part', '-C', staging, '.']);
    await rename(path + '.part', path);
    return { name, path, size: (await stat(path)).size };
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(path + '.part', { force: true });
  }
}

const isEmptyDir = async (dir: string) => (await readdir(dir).catch(() => [])).length === 0;

/**
 * Restores an archive onto an empty installation: an empty database, no uploaded files. Keys already in
 * place must be the archive's own (another key would leave the restored data unreadable).
 */
export async function restoreArchive(archive: string, target: RestoreTarget): Promise<Manifest> {
  if (!existsSync(archive)) throw new Error(`${archive} does not exist`);
  if (!(await isEmptyDir(target.filesDir))) throw new Error(`${target.filesDir} is not empty: restore onto an installation without uploaded files`);
  await mkdir(target.keysDir, { recursive: true });
  const staging = join(target.keysDir, `.restore-${randomBytes(6).toString('hex')}`);
  await mkdir(staging);
  try {
    await tar(['-x', '-f', archive, '-C', staging]);
    const manifest = JSON.parse(await readFile(join(staging, 'manifest.json'), 'utf8').catch(() => '{}')) as Manifest;
    if (manifest.format !== FORMAT) throw new Error(`${archive} is not a learncity backup`);
    if (manifest.engine !== target.engine) throw new Error(`this backup is of the ${manifest.engine} database and cannot be restored into ${target.engine}`);
    for (const key of manifest.keys) {
      const present = join(target.keysDir, key);
      if (existsSync(present) && !(await readFile(present)).equals(await readFile(join(staging, 'keys', key)))) {
        throw new Error(`${present} differs from the backup's ${key}: move it away, or restore with the key the backup was taken with`);
      }
    }
    await target.load(join(staging, databaseFile(manifest.engine)));
    await mkdir(target.filesDir, { recursive: true });
    await cp(join(staging, 'files'), target.filesDir, { recursive: true });
    for (const key of manifest.keys) {
      const present = join(target.keysDir, key);
      if (!existsSync(present)) await writeFile(present, await readFile(join(staging, 'keys', key)), { mode: 0o600 });
    }
    return manifest;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** The archives in `dir`, newest first. */
export async function listArchives(dir: string): Promise<{ name: string; size: number; createdAt: string }[]> {
  const names = (await readdir(dir).catch(() => [] as string[]))
    .filter((n) => ARCHIVE_NAME.test(n))
    .sort()
    .reverse();
  return Promise.all(
    names.map(async (name) => {
      const [, d, t] = ARCHIVE_NAME.exec(name)!;
      const createdAt = localTime.withOffset(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4)}`);
      return { name, size: (await stat(join(dir, name))).size, createdAt };
    }),
  );
}

/** Keeps the newest `keep` archives in `dir` and deletes the rest; returns the names deleted. */
export async function pruneArchives(dir: string, keep: number): Promise<string[]> {
  const old = (await listArchives(dir)).slice(keep).map((a) => a.name);
  for (const name of old) await rm(join(dir, name), { force: true });
  return old;
}
