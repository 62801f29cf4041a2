// All SQL of the learning record store: statements with their filter columns, attachments, documents,
// activity definitions and actor links.
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import type { PlannedWrite } from '../../db/write-together';
import { plannedInsert } from '../../db/planned';
import { xapiStatements, xapiAttachments, xapiDocuments, xapiActivities, xapiActorLinks } from '../../db/schema/index';
import { rowsOf } from '../../kernel/rate-limit';
import type { Obj } from './xapi.validate';
import { canonicalJson } from './xapi.signature';

export type StatementInsert = typeof xapiStatements.$inferInsert;
export interface DocumentKey {
  kind: 'state' | 'activity_profile' | 'agent_profile';
  activityId?: string;
  agentKey?: string;
  registration?: string;
}
export interface DocumentRow {
  docId: string;
  contentType: string;
  content: Buffer;
  etag: string;
  updated: Date;
}

export interface StatementQuery {
  agentKey?: string;
  relatedAgents?: boolean;
  verbId?: string;
  activityId?: string;
  relatedActivities?: boolean;
  registration?: string;
  since?: Date;
  until?: Date;
  /** Page continuation: only rows past this sequence number in the chosen order. */
  afterSeq?: number;
  /** Rows stored after the first page was answered stay out of later pages. */
  maxSeq?: number;
  ascending: boolean;
  limit: number;
}

/** What the reading partner may see: only its own statements, and/or only residents under a region. */
export interface ReadScope {
  partnerId?: string;
  regionCode?: string;
}

const toBuffer = (v: unknown) => (Buffer.isBuffer(v) ? v : Buffer.from(v as Uint8Array));

export function createXapiRepository(db: Db) {
  return {
    /**
     * A batch in one statement with one parameter: the rows as a JSON array the database unpacks
     * (`jsonb_populate_recordset`), in the batch's order (`seq`). Building a 100-row insert with 13 bound values per row in the query
     * builder cost more CPU than everything else on the intake path (issue 20, bench/README.md).
     * Answers the ids inserted: an id already stored is skipped, for the caller to compare.
     */
    async insertStatements(tx: DbOrTx, rows: StatementInsert[]): Promise<string[]> {
      if (!rows.length) return [];
      const json = JSON.stringify(
        rows.map((r) => ({
          id: r.id,
          partner_id: r.partnerId ?? null,
          verb_id: r.verbId,
          actor_key: r.actorKey ?? null,
          agent_keys: r.agentKeys,
          related_agent_keys: r.relatedAgentKeys,
          activity_id: r.activityId ?? null,
          related_activity_ids: r.relatedActivityIds,
          registration: r.registration ?? null,
          ref_statement_id: r.refStatementId ?? null,
          voided: r.voided ?? false,
          stored: r.stored.toISOString(),
          attachment_hashes: r.attachmentHashes,
          statement: r.statement,
        })),
      );
      return rowsOf<{ id: string }>(
        await tx.execute(sql`insert into xapi_statements (id, partner_id, verb_id, actor_key, agent_keys, related_agent_keys, activity_id,
          related_activity_ids, registration, ref_statement_id, voided, stored, attachment_hashes, statement)
        select id, partner_id, verb_id, actor_key, agent_keys, related_agent_keys, activity_id,
          related_activity_ids, registration, ref_statement_id, voided, stored, attachment_hashes, statement
        from jsonb_populate_recordset(null::xapi_statements, ${json}::jsonb) with ordinality as r
        order by r.ordinality
        on conflict (id) do nothing
        returning id`),
      ).map((r) => r.id);
    },

    /** The platform's own statement: stored once; false when its id is already there. */
    /** The statement's insert unless its id is stored already (returning it when inserted), built and not sent. */
    plannedStatementOnce: (tx: DbOrTx, row: StatementInsert) =>
      plannedInsert(tx, 'xapi_statements', [row], (db, rows) =>
        db.insert(xapiStatements).values(rows).onConflictDoNothing({ target: xapiStatements.id }).returning({ id: xapiStatements.id }),
      ),

    async findExisting(tx: DbOrTx, ids: string[]): Promise<{ id: string; statement: Obj; verbId: string }[]> {
      if (!ids.length) return [];
      return tx
        .select({ id: xapiStatements.id, statement: xapiStatements.statement, verbId: xapiStatements.verbId })
        .from(xapiStatements)
        .where(inArray(xapiStatements.id, ids)) as Promise<{ id: string; statement: Obj; verbId: string }[]>;
    },

    /** A voiding statement voids its target unless the target is itself a voiding statement. */
    async markVoided(tx: DbOrTx, ids: string[], voidedVerb: string) {
      if (ids.length)
        await tx
          .update(xapiStatements)
          .set({ voided: true })
          .where(and(inArray(xapiStatements.id, ids), sql`${xapiStatements.verbId} <> ${voidedVerb}`));
    },

    async maxSeq(): Promise<number> {
      return Number(rowsOf<{ n: number }>(await db.execute(sql`select coalesce(max(seq), 0)::float8 as n from xapi_statements`))[0].n);
    },

    async findOne(id: string, voided: boolean, scope: ReadScope): Promise<{ statement: Obj; attachmentHashes: string[] } | null> {
      const rows = rowsOf<{ statement: Obj; attachment_hashes: string[] }>(
        await db.execute(sql`
        select s.statement, s.attachment_hashes from xapi_statements s
        where s.id = ${id} and s.voided = ${voided} ${scopeCondition(scope)}`),
      );
      return rows[0] ? { statement: rows[0].statement, attachmentHashes: rows[0].attachment_hashes } : null;
    },

    async query(q: StatementQuery, scope: ReadScope): Promise<{ seq: number; statement: Obj; attachmentHashes: string[] }[]> {
      const filters: SQL[] = [];
      if (q.agentKey) filters.push(q.relatedAgents ? sql`related_agent_keys @> array[${q.agentKey}]::text[]` : sql`agent_keys @> array[${q.agentKey}]::text[]`);
      if (q.verbId) filters.push(sql`verb_id = ${q.verbId}`);
      if (q.activityId) filters.push(q.relatedActivities ? sql`related_activity_ids @> array[${q.activityId}]::text[]` : sql`activity_id = ${q.activityId}`);
      if (q.registration) filters.push(sql`registration = ${q.registration}`);
      const outer: SQL[] = [sql`not s.voided`];
      if (q.since) outer.push(sql`s.stored > ${q.since.toISOString()}::timestamptz`);
      if (q.until) outer.push(sql`s.stored <= ${q.until.toISOString()}::timestamptz`);
      if (q.afterSeq !== undefined) outer.push(q.ascending ? sql`s.seq > ${q.afterSeq}` : sql`s.seq < ${q.afterSeq}`);
      if (q.maxSeq !== undefined) outer.push(sql`s.seq <= ${q.maxSeq}`);
      const order = q.ascending ? sql`s.seq asc` : sql`s.seq desc`;
      // A statement that targets a matching statement (StatementRef) matches too, recursively (spec §2.1.4).
      const matched = filters.length
        ? sql`and s.id in (with recursive m(id) as (
              select id from xapi_statements where ${sql.join(filters, sql` and `)}
              union select r.id from xapi_statements r join m on r.ref_statement_id = m.id)
            select id from m)`
        : sql``;
      const rows = rowsOf<{ seq: number; statement: Obj; attachment_hashes: string[] }>(
        await db.execute(sql`
        select s.seq::float8 as seq, s.statement, s.attachment_hashes from xapi_statements s
        where ${sql.join(outer, sql` and `)} ${matched} ${scopeCondition(scope)}
        order by ${order} limit ${q.limit}`),
      );
      return rows.map((r) => ({ seq: Number(r.seq), statement: r.statement, attachmentHashes: r.attachment_hashes }));
    },

    async saveAttachments(tx: DbOrTx, rows: { sha2: string; contentType: string; content: Buffer }[]) {
      if (rows.length) await tx.insert(xapiAttachments).values(rows).onConflictDoNothing();
    },

    async attachments(sha2s: string[]): Promise<{ sha2: string; contentType: string; content: Buffer }[]> {
      if (!sha2s.length) return [];
      const rows = await db.select().from(xapiAttachments).where(inArray(xapiAttachments.sha2, sha2s));
      return rows.map((r) => ({ ...r, content: toBuffer(r.content) }));
    },

    /** One multi-row upsert of the definitions that actually change; unchanged activities cost nothing more. */
    async upsertActivities(tx: DbOrTx, rows: { id: string; definition: Obj | null }[]) {
      if (!rows.length) return;
      const ids = [...new Set(rows.map((r) => r.id))];
      const existing = new Map((await tx.select().from(xapiActivities).where(inArray(xapiActivities.id, ids))).map((r) => [r.id, r.definition as Obj | null]));
      const changed = new Map<string, Obj | null>();
      for (const r of rows) {
        const known = changed.has(r.id) ? changed.get(r.id)! : (existing.get(r.id) ?? null);
        if ((existing.has(r.id) || changed.has(r.id)) && !r.definition) continue;
        const definition = mergeDefinitions(known, r.definition);
        if (existing.has(r.id) && !changed.has(r.id) && canonicalJson(definition) === canonicalJson(known)) continue;
        changed.set(r.id, definition);
      }
      if (!changed.size) return;
      await tx
        .insert(xapiActivities)
        .values([...changed].map(([id, definition]) => ({ id, definition })))
        .onConflictDoUpdate({ target: xapiActivities.id, set: { definition: sql`excluded.definition` } });
    },

    async activity(id: string): Promise<Obj | null> {
      const [row] = await db.select().from(xapiActivities).where(eq(xapiActivities.id, id));
      return row ? { objectType: 'Activity', id: row.id, ...(row.definition ? { definition: row.definition as Obj } : {}) } : null;
    },

    async document(key: DocumentKey, docId: string): Promise<DocumentRow | null> {
      const [row] = await db
        .select()
        .from(xapiDocuments)
        .where(and(documentWhere(key), eq(xapiDocuments.docId, docId)));
      return row ? { docId: row.docId, contentType: row.contentType, content: toBuffer(row.content), etag: row.etag, updated: row.updated } : null;
    },

    async documentIds(key: DocumentKey, since?: Date): Promise<string[]> {
      const rows = await db
        .select({ docId: xapiDocuments.docId })
        .from(xapiDocuments)
        .where(and(documentWhere(key), since ? sql`${xapiDocuments.updated} > ${since.toISOString()}::timestamptz` : undefined))
        .orderBy(xapiDocuments.docId)
        .limit(10_000);
      return rows.map((r) => r.docId);
    },

    async saveDocument(key: DocumentKey, docId: string, doc: { contentType: string; content: Buffer; etag: string; updated: Date }) {
      const values = { kind: key.kind, activityId: key.activityId ?? '', agentKey: key.agentKey ?? '', registration: key.registration ?? '', docId, ...doc };
      await db
        .insert(xapiDocuments)
        .values(values)
        .onConflictDoUpdate({
          target: [xapiDocuments.kind, xapiDocuments.activityId, xapiDocuments.agentKey, xapiDocuments.registration, xapiDocuments.docId],
          set: { contentType: doc.contentType, content: doc.content, etag: doc.etag, updated: doc.updated },
        });
    },

    async deleteDocuments(key: DocumentKey, docId?: string) {
      await db.delete(xapiDocuments).where(and(documentWhere(key), docId !== undefined ? eq(xapiDocuments.docId, docId) : undefined));
    },

    async actorLinks(tx: DbOrTx, keys: string[]) {
      if (!keys.length) return [];
      return tx.select().from(xapiActorLinks).where(inArray(xapiActorLinks.actorKey, keys));
    },

    async deleteActorLinks(tx: DbOrTx, residentId: string, keys: string[]) {
      if (keys.length) await tx.delete(xapiActorLinks).where(and(eq(xapiActorLinks.residentId, residentId), inArray(xapiActorLinks.actorKey, keys)));
    },

    /**
     * What a platform statement adds beside itself, built and not sent: its activities when new (the platform
     * never defines them) and the link from the resident's account to their home.
     */
    plannedPlatformNotes(tx: DbOrTx, activityIds: string[], link: typeof xapiActorLinks.$inferInsert | null): PlannedWrite[] {
      // Known activities and links are skipped: a class's enrolments name the same activity.
      const writes: PlannedWrite[] = [
        plannedInsert(
          tx,
          'xapi_activities',
          activityIds.map((id) => ({ id, definition: null })),
          (db, rows) => db.insert(xapiActivities).values(rows).onConflictDoNothing(),
          (row) => row.id,
        ),
      ];
      if (link)
        writes.push(
          plannedInsert(
            tx,
            'xapi_actor_links',
            [link],
            (db, rows) => db.insert(xapiActorLinks).values(rows).onConflictDoNothing(),
            (row) => row.actorKey,
          ),
        );
      return writes;
    },
    async saveActorLinks(tx: DbOrTx, rows: (typeof xapiActorLinks.$inferInsert)[]) {
      if (rows.length) await tx.insert(xapiActorLinks).values(rows).onConflictDoNothing();
    },
  };
}

export type XapiRepository = ReturnType<typeof createXapiRepository>;

function scopeCondition(scope: ReadScope): SQL {
  const parts: SQL[] = [];
  if (scope.partnerId) parts.push(sql`and s.partner_id = ${scope.partnerId}`);
  if (scope.regionCode)
    parts.push(sql`and exists (select 1 from xapi_actor_links l where l.actor_key = s.actor_key and l.region_code like ${scope.regionCode + '%'})`);
  return sql.join(parts, sql` `);
}

function documentWhere(key: DocumentKey) {
  return and(
    eq(xapiDocuments.kind, key.kind),
    eq(xapiDocuments.activityId, key.activityId ?? ''),
    eq(xapiDocuments.agentKey, key.agentKey ?? ''),
    // state without a registration lists and deletes across registrations only when asked for none
    key.registration !== undefined ? eq(xapiDocuments.registration, key.registration) : undefined,
  );
}

/** The latest definition wins field by field; language maps gain new languages. */
function mergeDefinitions(old: Obj | null, next: Obj | null): Obj | null {
  if (!old) return next;
  if (!next) return old;
  const merged: Obj = { ...old, ...next };
  for (const k of ['name', 'description']) {
    if (old[k] && next[k]) merged[k] = { ...(old[k] as Obj), ...(next[k] as Obj) };
  }
  return merged;
}
