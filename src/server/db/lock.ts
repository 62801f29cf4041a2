// PGlite lets exactly one process own a data directory; two would silently lose rows. The lock file
// holds the owner's pid; a lock whose process is gone is stale and taken over.
import { openSync, writeSync, closeSync, readFileSync, unlinkSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLocked extends Error {}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of the live process holding the data directory, or null when none does. */
export function lockOwner(dataDir: string): number | null {
  try {
    const owner = Number(readFileSync(join(dataDir, 'learncity.lock'), 'utf8').trim());
    return owner && owner !== process.pid && isAlive(owner) ? owner : null;
  } catch {
    return null;
  }
}

export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'learncity.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(path, 'utf8') === String(process.pid)) unlinkSync(path);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number(readFileSync(path, 'utf8').trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new DataDirLocked(
          `The data directory ${dataDir} is in use by another learncity process (pid ${owner}). ` +
            'Stop that process first, or set LEARNCITY_DATA_DIR to another directory. ' +
            '数据目录正被另一个学城进程使用，请先停止该进程。',
        );
      }
      unlinkSync(path); // stale: its owner died without cleaning up
    }
  }
  throw new DataDirLocked(`could not take the lock on ${dataDir}`);
}
