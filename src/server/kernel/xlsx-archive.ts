// An uploaded .xlsx is a zip archive, and a zip can declare or hide gigabytes of XML in a few megabytes (a
// zip bomb). Before anything is parsed, the central directory is read and every entry's declared size and
// compression ratio checked; the parts a reader needs are then inflated as a stream, counting every byte,
// so an archive whose declared sizes lie is stopped at the declared size instead of filling memory.
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { Invalid, TooLarge } from './errors';

const MB = 1024 * 1024;
export const ARCHIVE_LIMITS = {
  /** A filled 5,000-row template's sheet is about 2 MB of XML; 16 MB leaves room for styling and long text. */
  entryBytes: 16 * MB,
  totalBytes: 40 * MB,
  entries: 1000,
  /** Real sheets compress about 5–30×; a bomb of repeated bytes reaches 1000×. Checked past 1 MB. */
  ratio: 100,
  ratioFrom: 1 * MB,
};

export interface ArchiveEntry {
  name: string;
  method: number;
  compressed: Buffer;
  size: number;
}

const tooLarge = () => new TooLarge('import.archive_too_large', { mb: ARCHIVE_LIMITS.totalBytes / MB });
const badFile = () => new Invalid('import.bad_file');

/** The archive's entries from its central directory, refused when sizes, count or ratio are out of bounds. */
export function readArchiveDirectory(file: Buffer): Map<string, ArchiveEntry> {
  const eocd = findEndOfDirectory(file);
  if (eocd < 0) throw badFile();
  const count = file.readUInt16LE(eocd + 10);
  const dirSize = file.readUInt32LE(eocd + 12);
  const dirOffset = file.readUInt32LE(eocd + 16);
  // ZIP64 markers: a template never needs them, and a bomb would use them to declare sizes past 4 GB.
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) throw tooLarge();
  if (count > ARCHIVE_LIMITS.entries) throw tooLarge();
  if (dirOffset + dirSize > eocd) throw badFile();
  const entries = new Map<string, ArchiveEntry>();
  let total = 0;
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || file.readUInt32LE(at) !== 0x02014b50) throw badFile();
    const flags = file.readUInt16LE(at + 8);
    const method = file.readUInt16LE(at + 10);
    const compressedSize = file.readUInt32LE(at + 20);
    const size = file.readUInt32LE(at + 24);
    const nameLength = file.readUInt16LE(at + 28);
    const extraLength = file.readUInt16LE(at + 30);
    const commentLength = file.readUInt16LE(at + 32);
    const localOffset = file.readUInt32LE(at + 42);
    const name = file.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    at += 46 + nameLength + extraLength + commentLength;
    if (size === 0xffffffff || compressedSize === 0xffffffff) throw tooLarge();
    if (size > ARCHIVE_LIMITS.entryBytes) throw tooLarge();
    total += size;
    if (total > ARCHIVE_LIMITS.totalBytes) throw tooLarge();
    if (size > ARCHIVE_LIMITS.ratioFrom && size > compressedSize * ARCHIVE_LIMITS.ratio) throw tooLarge();
    if (flags & 0x1) throw badFile(); // encrypted
    if (method !== 0 && method !== 8) throw badFile();
    if (localOffset + 30 > file.length || file.readUInt32LE(localOffset) !== 0x04034b50) throw badFile();
    const dataStart = localOffset + 30 + file.readUInt16LE(localOffset + 26) + file.readUInt16LE(localOffset + 28);
    if (dataStart + compressedSize > file.length) throw badFile();
    if (method === 0 && compressedSize !== size) throw badFile();
    entries.set(name, { name, method, compressed: file.subarray(dataStart, dataStart + compressedSize), size });
  }
  return entries;
}

function findEndOfDirectory(file: Buffer): number {
  const stop = Math.max(0, file.length - 22 - 0xffff);
  for (let i = file.length - 22; i >= stop; i--) if (file.readUInt32LE(i) === 0x06054b50) return i;
  return -1;
}

/** An entry inflates to more or less than its declared size. */
export class ArchiveLied extends Error {}

/** An entry's bytes, inflated as they are read and stopped as soon as they pass the declared size. */
export async function* inflateEntry(entry: ArchiveEntry): AsyncGenerator<Buffer> {
  if (entry.method === 0) {
    yield entry.compressed;
    return;
  }
  const inflater = Readable.from([entry.compressed]).pipe(createInflateRaw({ chunkSize: 64 * 1024 }));
  let seen = 0;
  // The last chunk is held back until the inflater has ended, so a reader never receives a whole entry
  // whose real length differs from the declared one.
  let held: Buffer | null = null;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      seen += chunk.length;
      if (seen > entry.size) throw new ArchiveLied();
      if (held) yield held;
      held = chunk;
    }
  } finally {
    inflater.destroy();
  }
  if (seen !== entry.size) throw new ArchiveLied();
  if (held) yield held;
}

/**
 * A new archive, uncompressed ("stored"), holding only `parts` in that order, each inflated on demand with
 * its size bounded. Readers that stream a zip (ExcelJS's WorkbookReader) read it without the original's
 * compression, so every byte they see has been counted here. When an entry lies about its size or its data
 * is corrupt the stream stops, and `failed` rejects with the refusal: a reader waiting for the rest of a cut
 * entry would otherwise wait for ever, so callers race their reads against it.
 */
export function restreamArchive(entries: Map<string, ArchiveEntry>, parts: { name: string; data?: Buffer }[]): { stream: Readable; failed: Promise<never> } {
  let fail!: (e: Error) => void;
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  failed.catch(() => {}); // observed by the caller's race; never an unhandled rejection
  async function* generate() {
    let offset = 0;
    try {
      for (const part of parts) {
        const entry = part.data ? { name: part.name, method: 0, compressed: part.data, size: part.data.length } : entries.get(part.name);
        if (!entry) continue;
        const header = localHeader(entry.name, entry.size);
        offset += header.length + entry.size;
        yield header;
        for await (const chunk of inflateEntry(entry)) yield chunk;
      }
    } catch (e) {
      fail(e instanceof ArchiveLied ? tooLarge() : badFile());
      return;
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt32LE(offset, 16);
    yield end;
  }
  return { stream: Readable.from(generate(), { objectMode: false }), failed };
}

/** Each item of `source` unless `failed` rejects first, which then ends the iteration with its error. */
export async function* untilFailed<T>(source: AsyncIterable<T>, failed: Promise<never>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  while (true) {
    const next = await Promise.race([iterator.next(), failed]);
    if (next.done) return;
    yield next.value;
  }
}

function localHeader(name: string, size: number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(0x800, 6); // UTF-8 names
  h.writeUInt16LE(0, 8); // stored
  h.writeUInt32LE(size, 18);
  h.writeUInt32LE(size, 22);
  h.writeUInt16LE(nameBytes.length, 26);
  return Buffer.concat([h, nameBytes]);
}
