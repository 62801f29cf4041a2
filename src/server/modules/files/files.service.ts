// Uploads: checked (purpose, size, real type), stored durably, attached to an entity by the module that
// owns it (claim), and served to whoever that entity's access allows.
import { eq, inArray, and, isNull } from 'drizzle-orm';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import type { Db, DbOrTx } from '../../db/client';
import { files } from '../../db/schema/index';
import type { AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import type { RequestContext } from '../../kernel/actor';
import { Forbidden, NotFound, TooLarge, Unauthenticated, invalidField } from '../../kernel/errors';
import { newId, isUuid } from '../../kernel/ids';
import { canRead, canUpload, claimedType, sniffType, PURPOSE_RULES, type FileAccess, type FilePurpose } from './files.policy';
import { TooBig, type FileStorage } from './files.storage';

export type FileRow = typeof files.$inferSelect;

const present = (r: FileRow) => ({ id: r.id, purpose: r.purpose as FilePurpose, filename: r.filename, contentType: r.contentType, size: r.size, url: `/api/files/${r.id}`, createdAt: r.createdAt.toISOString() });
export type StoredFile = ReturnType<typeof present>;

export function createFilesService(deps: { db: Db; storage: FileStorage; audit: AuditWriter; clock: Clock }) {
  const { db, storage, audit, clock } = deps;

  async function upload(ctx: RequestContext, input: { purpose: FilePurpose; filename: string; headerType?: string; stream: Readable }): Promise<StoredFile> {
    const actor = ctx.actor;
    if (!actor) throw new Unauthenticated('auth.required');
    if (!canUpload(actor, input.purpose)) throw new Forbidden('auth.forbidden');
    const rules = PURPOSE_RULES[input.purpose];
    // Control characters never belong in a file name, and PostgreSQL cannot store a NUL at all.
    const filename = basename(input.filename.replace(/\\/g, '/').replace(/[\u0000-\u001f\u007f]/g, '')).slice(-200) || 'file';
    const claimed = claimedType(filename, input.headerType);
    if (!claimed || !rules.types.includes(claimed)) {
      input.stream.resume();
      throw invalidField('file', 'file.type_not_allowed', { purpose: input.purpose });
    }
    const id = newId();
    let written;
    try {
      written = await storage.write(id, input.stream, rules.maxBytes);
    } catch (e) {
      if (e instanceof TooBig) throw new TooLarge('file.too_large', { mb: Math.round(rules.maxBytes / 1024 / 1024) });
      throw e;
    }
    if (written.size === 0 || sniffType(written.head, claimed) !== claimed) {
      await storage.remove(id);
      throw invalidField('file', written.size === 0 ? 'file.empty' : 'file.content_mismatch');
    }
    const row = await db.transaction(async (tx) => {
      const [inserted] = await tx.insert(files).values({
        id, purpose: input.purpose, filename, contentType: claimed, size: written.size, sha256: written.sha256, uploadedBy: actor.userId, createdAt: clock.now(),
      }).returning();
      await audit(tx, ctx, { action: 'file.upload', entityType: 'file', entityId: id, details: { purpose: input.purpose, filename, size: written.size } });
      return inserted;
    });
    return present(row);
  }

  /**
   * Attaches an uploaded file to the caller's entity, inside the caller's transaction: only the
   * uploader's own file, not yet attached elsewhere, of an accepted purpose.
   */
  async function claim(tx: DbOrTx, ctx: RequestContext, fileId: string, opts: { access: FileAccess; regionCode?: string | null; purposes?: FilePurpose[]; field?: string }): Promise<StoredFile> {
    const field = opts.field ?? 'fileId';
    const [row] = isUuid(fileId) ? await tx.select().from(files).where(eq(files.id, fileId)).for('update') : [];
    if (!row || row.uploadedBy !== ctx.actor?.userId) throw invalidField(field, 'file.not_found');
    if (row.claimedAt) throw invalidField(field, 'file.already_attached');
    if (opts.purposes && !opts.purposes.includes(row.purpose as FilePurpose)) throw invalidField(field, 'file.wrong_purpose', { purposes: opts.purposes.join('|') });
    const [updated] = await tx.update(files).set({ access: opts.access, regionCode: opts.regionCode ?? null, claimedAt: clock.now() }).where(and(eq(files.id, fileId), isNull(files.claimedAt))).returning();
    return present(updated);
  }

  /** Changes who may read attached files (a resource published, a nomination made public). */
  async function setAccess(tx: DbOrTx, ids: string[], access: FileAccess) {
    if (ids.length) await tx.update(files).set({ access }).where(inArray(files.id, ids));
  }

  async function describe(ids: string[]): Promise<Map<string, StoredFile>> {
    const valid = [...new Set(ids.filter(isUuid))];
    if (!valid.length) return new Map();
    const rows = await db.select().from(files).where(inArray(files.id, valid));
    return new Map(rows.map((r) => [r.id, present(r)]));
  }

  /** Metadata and a byte stream (optionally a range) for a reader allowed to see the file. */
  async function open(ctx: RequestContext, id: string) {
    const [row] = isUuid(id) ? await db.select().from(files).where(eq(files.id, id)) : [];
    if (!row || !canRead(ctx.actor, row)) throw new NotFound('file.not_found');
    return { file: row, read: (range?: { start: number; end: number }) => storage.read(row.id, range) };
  }

  return { upload, claim, setAccess, describe, open };
}

export type FilesService = ReturnType<typeof createFilesService>;
