// Key files made on first start (the data key, the issuer's signing key). Processes that start together on
// one data directory (several on PostgreSQL) must all end up with the same key: the file appears whole,
// at once, and whoever comes second reads the first one's key instead of failing or writing its own.
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';

/** The contents of `path`: those already there, else `make()`'s, written owner-only. */
export function keyFileOnce(path: string, make: () => string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(dirname(path), { recursive: true });
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(draft, make(), { mode: 0o600, flag: 'wx' });
  try {
    linkSync(draft, path); // fails when another process's file is already in place
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    unlinkSync(draft);
  }
  return readFileSync(path, 'utf8');
}
