// Uploads: checked (purpose, size, real type), stored durably, attached to an entity by the module that
// owns it (claim), and served to whoever that entity's access allows.
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import type { Db, DbOrTx } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import type { RequestContext } from '../../kernel/actor';
import { Forbidden, NotFound, TooLarge, Unauthenticated, invalidField } from '../../kernel/errors';
import { distinctUuids, newId, isUuid } from '../../kernel/ids';
import { isStaff, type Actor } from '../../kernel/actor';
import { canRead, canUpload, claimedType, sniffType, MAX_UPLOAD_BYTES, PURPOSE_RULES, type FileAccess, type FilePurpose } from './files.policy';
import { TooBig, type FileStorage } from './files.storage';
import type { FileRow, FilesRepository } from './files.repository';

const present = (r: FileRow) => ({
  id: r.id,
  purpose: r.purpose as FilePurpose,
  filename: r.filename,
  contentType: r.contentType,
  size: r.size,
  url: `/api/files/${r.id}`,
  createdAt: r.createdAt.toISOString(),
});
export type StoredFile = ReturnType<typeof present>;

const MB = 1024 * 1024;

/**
 * How much one person may keep: files uploaded but not yet attached to anything (a form left half-filled,
 * or an attacker filling the disk) and all their files together; unattached files are deleted after
 * `unattachedHours`. Staff upload course videos, so their allowance is larger.
 */
export interface UploadQuotas {
  resident: { unattachedBytes: number; totalBytes: number };
  staff: { unattachedBytes: number; totalBytes: number };
  unattachedHours: number;
}
export const DEFAULT_UPLOAD_QUOTAS: UploadQuotas = {
  resident: { unattachedBytes: 200 * MB, totalBytes: 1024 * MB },
  staff: { unattachedBytes: 1024 * MB, totalBytes: 20 * 1024 * MB },
  unattachedHours: 24,
};

/** Room for the multipart envelope (boundaries, part headers, the purpose field) around the file. */
const MULTIPART_ENVELOPE_BYTES = 16 * 1024;

export function createFilesService(deps: { db: Db; repo: FilesRepository; storage: FileStorage; audit: AuditWriter; clock: Clock; quotas?: UploadQuotas }) {
  const { db, repo, storage, audit, clock } = deps;
  const quotas = deps.quotas ?? DEFAULT_UPLOAD_QUOTAS;
  const quotaOf = (actor: Actor) => (isStaff(actor) ? quotas.staff : quotas.resident);

  /** Bytes the uploader may still add, and which allowance is the tighter one. */
  async function room(
    tx: DbOrTx,
    actor: Actor,
  ): Promise<{ bytes: number; key: 'file.quota_unattached' | 'file.quota_total'; params: { mb: number; hours: number } }> {
    const usage = await repo.usageOf(tx, actor.userId);
    const q = quotaOf(actor);
    const unattached = q.unattachedBytes - usage.unattached;
    const total = q.totalBytes - usage.total;
    return unattached <= total
      ? { bytes: unattached, key: 'file.quota_unattached', params: { mb: Math.round(q.unattachedBytes / MB), hours: quotas.unattachedHours } }
      : { bytes: total, key: 'file.quota_total', params: { mb: Math.round(q.totalBytes / MB), hours: quotas.unattachedHours } };
  }

  /**
   * Refuses an upload from its headers alone, before a byte of the body is read: not signed in, not
   * allowed, or a Content-Length already past the purpose's limit or the uploader's remaining allowance.
   */
  async function checkBeforeBody(ctx: RequestContext, input: { purpose?: FilePurpose; contentLength?: number }) {
    const actor = ctx.actor;
    if (!actor) throw new Unauthenticated('auth.required');
    if (input.purpose && !canUpload(actor, input.purpose)) throw new Forbidden('auth.forbidden');
    const limit = input.purpose ? PURPOSE_RULES[input.purpose].maxBytes : MAX_UPLOAD_BYTES;
    const left = await room(db, actor);
    if (left.bytes <= 0) throw new TooLarge(left.key, left.params);
    if (input.contentLength === undefined) return;
    if (input.contentLength > limit + MULTIPART_ENVELOPE_BYTES) throw new TooLarge('file.too_large', { mb: Math.round(limit / MB) });
    if (input.contentLength > left.bytes + MULTIPART_ENVELOPE_BYTES) throw new TooLarge(left.key, left.params);
  }

  async function upload(ctx: RequestContext, input: { purpose: FilePurpose; filename: string; headerType?: string; stream: Readable }): Promise<StoredFile> {
    const actor = ctx.actor;
    if (!actor) throw new Unauthenticated('auth.required');
    if (!canUpload(actor, input.purpose)) throw new Forbidden('auth.forbidden');
    const rules = PURPOSE_RULES[input.purpose];
    // Control characters never belong in a file name, and PostgreSQL cannot store a NUL at all.
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    const filename = basename(input.filename.replace(/\\/g, '/').replace(/[\u0000-\u001f\u007f]/g, '')).slice(-200) || 'file';
    const claimed = claimedType(filename, input.headerType);
    if (!claimed || !rules.types.includes(claimed)) {
      throw invalidField('file', 'file.type_not_allowed', { purpose: input.purpose });
    }
    const left = await room(db, actor);
    if (left.bytes <= 0) throw new TooLarge(left.key, left.params);
    const maxBytes = Math.min(rules.maxBytes, left.bytes);
    const id = newId();
    let written;
    try {
      written = await storage.write(id, input.stream, maxBytes);
    } catch (e) {
      if (e instanceof TooBig) {
        throw maxBytes < rules.maxBytes ? new TooLarge(left.key, left.params) : new TooLarge('file.too_large', { mb: Math.round(rules.maxBytes / MB) });
      }
      throw e;
    }
    // The multipart reader stops a file at its own limit and ends the stream as if it were complete; a cut
    // file is not the file that was sent.
    if ((input.stream as { truncated?: boolean }).truncated) {
      await storage.remove(id);
      throw new TooLarge('file.too_large', { mb: Math.round(rules.maxBytes / MB) });
    }
    if (written.size === 0 || sniffType(written.head, claimed) !== claimed) {
      await storage.remove(id);
      throw invalidField('file', written.size === 0 ? 'file.empty' : 'file.content_mismatch');
    }
    let row: FileRow;
    try {
      row = await db.transaction(async (tx) => {
        // One upload at a time per person past this point, so parallel uploads cannot overrun the quota.
        await repo.lockUploader(tx, actor.userId);
        const now = await room(tx, actor);
        if (written.size > now.bytes) throw new TooLarge(now.key, now.params);
        const inserted = await repo.insert(tx, {
          id,
          purpose: input.purpose,
          filename,
          contentType: claimed,
          size: written.size,
          sha256: written.sha256,
          uploadedBy: actor.userId,
          createdAt: clock.now(),
        });
        await audit(tx, ctx, { action: 'file.upload', entityType: 'file', entityId: id, details: { purpose: input.purpose, filename, size: written.size } });
        return inserted;
      });
    } catch (e) {
      await storage.remove(id);
      throw e;
    }
    return present(row);
  }

  /**
   * Attaches an uploaded file to the caller's entity, inside the caller's transaction: only the
   * uploader's own file, not yet attached elsewhere, of an accepted purpose.
   */
  async function claim(
    tx: DbOrTx,
    ctx: RequestContext,
    fileId: string,
    opts: { access: FileAccess; regionCode?: string | null; purposes?: FilePurpose[]; field?: string },
  ): Promise<StoredFile> {
    const field = opts.field ?? 'fileId';
    const row = isUuid(fileId) ? await repo.lockById(tx, fileId) : undefined;
    if (!row || row.uploadedBy !== ctx.actor?.userId) throw invalidField(field, 'file.not_found');
    if (row.claimedAt) throw invalidField(field, 'file.already_attached');
    if (opts.purposes && !opts.purposes.includes(row.purpose as FilePurpose))
      throw invalidField(field, 'file.wrong_purpose', { purposes: opts.purposes.join('|') });
    const updated = await repo.claim(tx, fileId, { access: opts.access, regionCode: opts.regionCode ?? null, claimedAt: clock.now() });
    return present(updated!);
  }

  /** Changes who may read attached files (a resource published, a nomination made public). */
  async function setAccess(tx: DbOrTx, ids: string[], access: FileAccess) {
    await repo.setAccess(tx, ids, access);
  }

  async function describe(ids: string[]): Promise<Map<string, StoredFile>> {
    const valid = distinctUuids(ids);
    if (!valid.length) return new Map();
    const rows = await repo.byIds(valid);
    return new Map(rows.map((r) => [r.id, present(r)]));
  }

  /** Metadata and a byte stream (optionally a range) for a reader allowed to see the file. */
  async function open(ctx: RequestContext, id: string) {
    const row = isUuid(id) ? await repo.byId(id) : undefined;
    if (!row || !canRead(ctx.actor, row)) throw new NotFound('file.not_found');
    return { file: row, read: (range?: { start: number; end: number }) => storage.read(row.id, range) };
  }

  /** Removes the bytes of files whose rows a module already deleted in a committed transaction (an account closure). */
  async function removeStored(ids: string[]) {
    for (const id of ids) await storage.remove(id);
  }

  /**
   * Deletes files nobody attached within `unattachedHours` (the scheduler runs this once an hour across
   * all processes): the rows first, in one statement, so a file being attached at the same moment either
   * keeps its row or was already gone; then the bytes.
   */
  async function purgeUnattached(): Promise<number> {
    const cutoff = new Date(clock.now().getTime() - quotas.unattachedHours * 3_600_000);
    let purged = 0;
    for (;;) {
      const batch = await repo.deleteUnattachedBefore(cutoff, 500);
      for (const { id } of batch) await storage.remove(id);
      purged += batch.length;
      if (batch.length < 500) return purged;
    }
  }

  return { upload, checkBeforeBody, claim, setAccess, describe, open, removeStored, purgeUnattached };
}

export type FilesService = ReturnType<typeof createFilesService>;
