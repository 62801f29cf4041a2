// Bytes on disk under the data directory. A file is written to a temporary name, flushed to disk and
// renamed into place, so an acknowledged upload survives a crash and a half-written one never shows.
import { createHash } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export class TooBig extends Error {}

/** Flushes a file (or a directory's entries) to disk. */
async function syncPath(path: string) {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function createFileStorage(root: string) {
  const pathOf = (id: string) => join(root, id.slice(0, 2), id);

  /** Streams `source` to disk; stops with TooBig past `maxBytes`. Returns size, hash and the first bytes. */
  async function write(id: string, source: Readable, maxBytes: number) {
    const dir = join(root, id.slice(0, 2));
    await mkdir(dir, { recursive: true });
    const temp = join(dir, `.${id}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const heads: Buffer[] = [];
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new TooBig());
        if (size - chunk.length < 64) heads.push(chunk.subarray(0, 64));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(temp));
      await syncPath(temp);
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
    await rename(temp, pathOf(id));
    await syncPath(dir);
    return { size, sha256: hash.digest('hex'), head: Buffer.concat(heads).subarray(0, 64) };
  }

  const remove = (id: string) => rm(pathOf(id), { force: true });
  const read = (id: string, range?: { start: number; end: number }) => createReadStream(pathOf(id), range);
  const exists = async (id: string) => (await stat(pathOf(id)).catch(() => null)) !== null;

  return { write, remove, read, exists };
}

export type FileStorage = ReturnType<typeof createFileStorage>;
