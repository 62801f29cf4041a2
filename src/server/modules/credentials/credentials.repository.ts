// All SQL of verifiable certificates.
import { and, desc, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { credentials, vcApiStatusEntries } from '../../db/schema/index';
import { rowsOf } from '../../kernel/rate-limit';
import { underRoots } from '../../kernel/region-scope';

export type CredentialRow = typeof credentials.$inferSelect;

export interface CredentialFilter {
  residentId?: string;
  regionRoots?: string[] | null;
  kind?: string;
  revoked?: boolean;
  q?: string;
}

function where(f: CredentialFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [
    f.residentId ? eq(credentials.residentId, f.residentId) : undefined,
    f.regionRoots ? underRoots(credentials.regionCode, f.regionRoots) : undefined,
    f.kind ? eq(credentials.kind, f.kind) : undefined,
    f.revoked === undefined ? undefined : f.revoked ? sql`${credentials.revokedAt} is not null` : sql`${credentials.revokedAt} is null`,
    f.q ? sql`(${credentials.subjectName} ilike ${'%' + f.q + '%'} or ${credentials.title} ilike ${'%' + f.q + '%'})` : undefined,
  ];
  return and(...parts.filter(Boolean));
}

export function createCredentialsRepository(db: Db) {
  return {
    /** The next never-used position in the status lists. */
    async nextStatusPosition(): Promise<number> {
      const [row] = rowsOf<{ n: number }>(await db.execute(sql`select nextval('credential_status_index_seq')::int as n`));
      return Number(row.n);
    },

    /** Inserts unless a certificate of this source exists; returns the row only when new. */
    async insertOnce(tx: DbOrTx, row: typeof credentials.$inferInsert): Promise<CredentialRow | null> {
      const [inserted] = await tx
        .insert(credentials)
        .values(row)
        .onConflictDoNothing({ target: [credentials.kind, credentials.sourceId] })
        .returning();
      return inserted ?? null;
    },

    async findBySource(kind: string, sourceId: string) {
      const [row] = await db
        .select()
        .from(credentials)
        .where(and(eq(credentials.kind, kind), eq(credentials.sourceId, sourceId)));
      return row ?? null;
    },

    async find(id: string, tx: DbOrTx = db) {
      const [row] = await tx.select().from(credentials).where(eq(credentials.id, id));
      return row ?? null;
    },

    async findByStatus(list: number, index: number) {
      const [row] = await db
        .select()
        .from(credentials)
        .where(and(eq(credentials.statusList, list), eq(credentials.statusIndex, index)));
      return row ?? null;
    },

    /** Whatever holds a status position, a certificate or a VC-API credential; null when nothing was issued there. */
    async statusAt(list: number, index: number): Promise<{ revokedAt: Date | null } | null> {
      const [certificate] = await db
        .select({ revokedAt: credentials.revokedAt })
        .from(credentials)
        .where(and(eq(credentials.statusList, list), eq(credentials.statusIndex, index)));
      if (certificate) return { revokedAt: certificate.revokedAt };
      const [entry] = await db
        .select({ revokedAt: vcApiStatusEntries.revokedAt })
        .from(vcApiStatusEntries)
        .where(and(eq(vcApiStatusEntries.statusList, list), eq(vcApiStatusEntries.statusIndex, index)));
      return entry ?? null;
    },

    async insertVcApiStatus(row: typeof vcApiStatusEntries.$inferInsert) {
      await db.insert(vcApiStatusEntries).values(row);
    },

    /** Revokes every VC-API status entry of this credential id; how many it holds and how many this call revoked. */
    async revokeVcApi(credentialId: string, at: Date): Promise<{ held: number; revoked: number }> {
      const revoked = await db
        .update(vcApiStatusEntries)
        .set({ revokedAt: at })
        .where(and(eq(vcApiStatusEntries.credentialId, credentialId), sql`${vcApiStatusEntries.revokedAt} is null`))
        .returning({ index: vcApiStatusEntries.statusIndex });
      const [{ n }] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(vcApiStatusEntries)
        .where(eq(vcApiStatusEntries.credentialId, credentialId));
      return { held: Number(n), revoked: revoked.length };
    },

    async list(f: CredentialFilter, limit: number, offset: number) {
      const condition = where(f);
      const [rows, [{ total }]] = await Promise.all([
        db.select().from(credentials).where(condition).orderBy(desc(credentials.issuedAt), desc(credentials.id)).limit(limit).offset(offset),
        db
          .select({ total: sql<number>`count(*)::int` })
          .from(credentials)
          .where(condition),
      ]);
      return { rows, total: Number(total) };
    },

    /** Marks revoked unless it already is; true when this call revoked it. */
    async revoke(tx: DbOrTx, id: string, by: string, reason: string, at: Date): Promise<boolean> {
      const rows = await tx
        .update(credentials)
        .set({ revokedAt: at, revokedBy: by, revokeReason: reason })
        .where(and(eq(credentials.id, id), sql`${credentials.revokedAt} is null`))
        .returning({ id: credentials.id });
      return rows.length > 0;
    },

    /** Revoked positions of one status list, and a fingerprint that changes whenever that set changes. */
    async revokedIn(list: number) {
      const [certificates, vcApi] = await Promise.all([
        db
          .select({ index: credentials.statusIndex })
          .from(credentials)
          .where(and(eq(credentials.statusList, list), isNotNull(credentials.revokedAt))),
        db
          .select({ index: vcApiStatusEntries.statusIndex })
          .from(vcApiStatusEntries)
          .where(and(eq(vcApiStatusEntries.statusList, list), isNotNull(vcApiStatusEntries.revokedAt))),
      ]);
      return [...certificates, ...vcApi].map((r) => r.index).sort((a, b) => a - b);
    },

    async listExists(list: number) {
      const [[row], [entry]] = await Promise.all([
        db
          .select({ n: sql<number>`count(*)::int` })
          .from(credentials)
          .where(eq(credentials.statusList, list)),
        db
          .select({ n: sql<number>`count(*)::int` })
          .from(vcApiStatusEntries)
          .where(eq(vcApiStatusEntries.statusList, list)),
      ]);
      return Number(row.n) + Number(entry.n) > 0;
    },
  };
}

export type CredentialsRepository = ReturnType<typeof createCredentialsRepository>;
