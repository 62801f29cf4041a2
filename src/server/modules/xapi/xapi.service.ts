// The learning record store's rules: storing statements (validation, ids, immutability, voiding,
// attachments, signatures), querying them within a partner's scopes, and the document resources.
import { createHash, randomUUID } from 'node:crypto';
import { PLATFORM_VERBS, type PlatformVerb } from './xapi.intake';
import type { Db, DbOrTx } from '../../db/client';
import { writeAllTogether, type PlannedWrite } from '../../db/write-together';
import type { Clock } from '../../kernel/clock';
import { canDefine, canUseProfiles, canUseState, canWriteStatements, isOwnHomePage, statementReadAccess, type PartnerCaller } from './xapi.policy';
import type { DocumentKey, ReadScope, StatementInsert, StatementQuery, XapiRepository } from './xapi.repository';
import { verifySignedStatement, sameStatement } from './xapi.signature';
import {
  agentKey,
  isIri,
  isTimestamp,
  isUuidString,
  parseAgentParam,
  toUtcTimestamp,
  validateStatement,
  SIGNATURE_USAGE,
  VOIDED_VERB,
  XapiInvalid,
  type Json,
  type Obj,
  type XapiVersion,
} from './xapi.validate';

/** An xAPI answer other than 200: the routes turn it into the status the spec requires. */
export class XapiError extends Error {
  constructor(
    public readonly status: 400 | 401 | 403 | 404 | 409 | 412 | 413,
    public readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
export const badRequest = (message: string) => new XapiError(400, 'xapi.bad_request', message);

export interface AttachmentPart {
  sha2: string;
  contentType: string;
  body: Buffer;
}

/** A statement about a resident, stored: what the learning archive turns into an archive entry. */
export interface ResidentStatement {
  residentId: string;
  partnerId: string;
  partnerName: string;
  statementId: string;
  statement: Obj;
}
export type ResidentStatementHandler = (tx: DbOrTx, entries: ResidentStatement[]) => Promise<void>;

/** Any statement just stored (a partner's, or the platform's own with `partnerId` null), for webhooks. */
export interface StoredStatement {
  statementId: string;
  partnerId: string | null;
  /** The resident the actor is linked to, and their home region when linked; null when unknown. */
  residentId: string | null;
  regionCode: string | null;
  /** Set for the platform's own events. */
  platformVerb: PlatformVerb | null;
  statement: Obj;
}
/** What follows from statements stored (partners' outbox rows), built for the storing transaction to send. */
export type StoredStatementsHandler = (tx: DbOrTx, entries: StoredStatement[]) => Promise<PlannedWrite[]>;

/** One of learncity's own events, recorded as a statement with the platform as authority. */
export interface PlatformEvent {
  verb: PlatformVerb;
  residentId: string;
  /** `id` is an IRI, or a local id that becomes `<platform>/xapi/activities/<id>`. */
  object: { id: string; name: string };
  result?: Obj;
  timestamp: Date;
  /** The resident's home community when the caller has it at hand (saves a read). */
  regionCode?: string | null;
}

/** Identifiers a resident may link (after verifying them) and the actor keys partners' statements use for them. */
export const PHONE_HOME_PAGE = 'tel:+86';
export function identityActorKeys(kind: 'phone' | 'email', value: string): string[] {
  if (kind === 'phone') return [`account:${PHONE_HOME_PAGE}|${value}`];
  const mbox = `mailto:${value.toLowerCase()}`;
  return [`mbox:${mbox}`, `sha1:${createHash('sha1').update(mbox).digest('hex')}`];
}

export type StatementFormat = 'ids' | 'exact' | 'canonical';
const MAX_PAGE = 500;
const QUERY_PARAMS = [
  'agent',
  'verb',
  'activity',
  'registration',
  'related_activities',
  'related_agents',
  'since',
  'until',
  'limit',
  'format',
  'attachments',
  'ascending',
];

export function createXapiService(deps: {
  db: Db;
  repo: XapiRepository;
  clock: Clock;
  /** The homePage of the platform's own accounts: `{ homePage, name: <resident id> }` names a resident. */
  accountHomePages: string[];
  residentRegion(residentId: string, tx?: DbOrTx): Promise<string | null>;
}) {
  const { db, repo, clock } = deps;
  /** Where the learning archive will attach: called in the storing transaction for statements about linked residents. */
  const residentStatementHandlers: ResidentStatementHandler[] = [];
  const storedHandlers: StoredStatementsHandler[] = [];
  const platformAuthority: Obj = { objectType: 'Agent', name: 'learncity', account: { homePage: deps.accountHomePages[0], name: 'platform' } };

  function requireScope(allowed: boolean) {
    if (!allowed) throw new XapiError(403, 'xapi.forbidden', 'the partner credentials lack the scope for this request');
  }

  function authorityOf(p: PartnerCaller | null): Obj {
    if (!p) return platformAuthority;
    return { objectType: 'Agent', name: p.name, account: { homePage: deps.accountHomePages[0], name: `partner:${p.key}` } };
  }

  /** Residents named by the platform's own account form; their links are recorded the first time. */
  async function residentLinksFor(keys: Map<string, Obj>, requestHost: string | null) {
    const found = new Map<string, { residentId: string; regionCode: string; isNew: boolean }>();
    const existing = await repo.actorLinks(db, [...keys.keys()]);
    for (const l of existing) found.set(l.actorKey, { residentId: l.residentId, regionCode: l.regionCode, isNew: false });
    for (const [key, a] of keys) {
      if (found.has(key)) continue;
      const account = a.account as Obj | undefined;
      if (!account || !isOwnHomePage(account.homePage, { origins: deps.accountHomePages, requestHost })) continue;
      const residentId = String(account.name);
      const region = isUuidString(residentId) ? await deps.residentRegion(residentId) : null;
      if (region) found.set(key, { residentId, regionCode: region, isNew: true });
    }
    return found;
  }

  /** `p` null: the platform's own statement, never attributed to a partner. */
  function prepare(
    p: PartnerCaller | null,
    raw: Obj,
    stored: Date,
    version: XapiVersion = '1.0.3',
  ): { row: StatementInsert; statement: Obj; activities: { id: string; definition: Obj | null }[]; actor: Obj } {
    const statement: Obj = { ...raw };
    statement.id = (statement.id as string | undefined)?.toLowerCase() ?? randomUUID();
    statement.stored = stored.toISOString();
    statement.authority = authorityOf(p);
    // A statement sent without a version is of the version its request spoke.
    statement.version ??= version === '2.0.0' ? '2.0.0' : '1.0.0';
    statement.timestamp ??= statement.stored;
    // xAPI 2.0: timestamps are kept in UTC (the same instant, every fractional digit kept).
    if (version === '2.0.0') {
      statement.timestamp = toUtcTimestamp(String(statement.timestamp));
      const sub = statement.object as Obj;
      if (sub?.objectType === 'SubStatement' && typeof sub.timestamp === 'string') statement.object = { ...sub, timestamp: toUtcTimestamp(sub.timestamp) };
    }
    normalizeContextActivities(statement);
    if (statement.object && (statement.object as Obj).objectType === 'SubStatement') normalizeContextActivities(statement.object as Obj);

    const object = statement.object as Obj;
    const actor = statement.actor as Obj;
    const agentKeys = new Set<string>();
    const related = new Set<string>();
    const activities = new Map<string, Obj | null>();
    const addAgent = (a: Json | undefined, set: Set<string>[]) => {
      if (!a || typeof a !== 'object' || Array.isArray(a)) return;
      const k = agentKey(a);
      if (k) for (const s of set) s.add(k);
      if (Array.isArray(a.member)) for (const m of a.member) addAgent(m, set);
    };
    const relatedActivities = new Set<string>();
    const addActivity = (act: Json | undefined) => {
      if (!act || typeof act !== 'object' || Array.isArray(act) || typeof act.id !== 'string') return;
      relatedActivities.add(act.id);
      if (!activities.has(act.id) || act.definition) activities.set(act.id, (act.definition as Obj | undefined) ?? null);
    };
    const walk = (s: Obj, top: boolean) => {
      addAgent(s.actor, top ? [agentKeys, related] : [related]);
      const o = s.object as Obj;
      const type = o.objectType ?? 'Activity';
      if (type === 'Agent' || type === 'Group') addAgent(o, top ? [agentKeys, related] : [related]);
      if (type === 'Activity') addActivity(o);
      const c = s.context as Obj | undefined;
      if (c) {
        addAgent(c.instructor, [related]);
        addAgent(c.team, [related]);
        // xAPI 2.0: the agents and groups a statement's context names are related agents too.
        for (const ca of (c.contextAgents as Obj[] | undefined) ?? []) addAgent(ca.agent, [related]);
        for (const cg of (c.contextGroups as Obj[] | undefined) ?? []) addAgent(cg.group, [related]);
        for (const list of Object.values((c.contextActivities as Obj | undefined) ?? {})) for (const a of list as Json[]) addActivity(a);
      }
      if (type === 'SubStatement') walk(o, false);
    };
    walk(statement, true);
    addAgent(statement.authority, [related]);
    const ref = object.objectType === 'StatementRef' ? String(object.id).toLowerCase() : null;
    const context = statement.context as Obj | undefined;
    const row: StatementInsert = {
      id: statement.id as string,
      partnerId: p?.id ?? null,
      verbId: (statement.verb as Obj).id as string,
      actorKey: agentKey(actor),
      agentKeys: [...agentKeys],
      relatedAgentKeys: [...related],
      activityId: (object.objectType ?? 'Activity') === 'Activity' ? (object.id as string) : null,
      relatedActivityIds: [...relatedActivities],
      registration: (context?.registration as string | undefined)?.toLowerCase() ?? null,
      refStatementId: ref,
      voided: false,
      stored,
      attachmentHashes: ((statement.attachments as Obj[] | undefined) ?? []).map((a) => String(a.sha2).toLowerCase()),
      statement,
    };
    return { row, statement, activities: [...activities].map(([id, definition]) => ({ id, definition })), actor };
  }

  /**
   * Stores statements all-or-nothing and returns their ids. `putId` is the PUT form's statementId.
   * Same id with the same content is accepted without change; different content is 409.
   */
  /** `requestHost`: the host the request came to, one of the origins naming this installation's residents. */
  /** `version`: the xAPI version the request spoke; 2.0.0 allows its context properties and compares durations at 0.01 s. */
  async function storeStatements(
    p: PartnerCaller,
    input: Json,
    parts: AttachmentPart[],
    putId?: string,
    requestHost: string | null = null,
    version: XapiVersion = '1.0.3',
  ): Promise<{ ids: string[]; unchanged: boolean }> {
    requireScope(canWriteStatements(p));
    const list = putId !== undefined ? [input] : Array.isArray(input) ? input : [input];
    if (putId !== undefined && Array.isArray(input)) throw badRequest('PUT takes a single statement');
    if (!list.length) throw badRequest('no statements');
    list.forEach((s, i) => {
      try {
        validateStatement(s, Array.isArray(input) ? `statements[${i}]` : 'statement', version);
      } catch (e) {
        if (e instanceof XapiInvalid) throw badRequest(e.message);
        throw e;
      }
    });
    const statements = list as Obj[];
    if (putId !== undefined) {
      if (!isUuidString(putId)) throw badRequest('statementId: must be a UUID');
      if (statements[0].id !== undefined && String(statements[0].id).toLowerCase() !== putId.toLowerCase())
        throw badRequest('statementId does not match the statement id');
      statements[0] = { ...statements[0], id: putId.toLowerCase() };
    }
    const seen = new Set<string>();
    for (const s of statements) {
      if (typeof s.id !== 'string') continue;
      const id = s.id.toLowerCase();
      if (seen.has(id)) throw badRequest(`statement id ${id} appears twice in the batch`);
      seen.add(id);
    }
    checkAttachments(statements, parts, version);

    const stored = clock.now();
    const prepared = statements.map((s) => ({ ...prepare(p, s, stored, version), raw: s }));
    // Residents named by the batch, looked up before the transaction (PGlite has one connection); only the
    // links of statements actually stored are saved.
    const actors = new Map<string, Obj>();
    for (const x of prepared) if (x.row.actorKey) actors.set(x.row.actorKey, x.actor);
    const links = await residentLinksFor(actors, requestHost);
    const partsByHash = new Map(parts.map((part) => [part.sha2, part]));
    let fresh = prepared;
    await db.transaction(async (tx) => {
      // The insert itself finds the ids already stored (one round trip for a new batch); those must match
      // what is stored, else 409 and nothing of the batch is kept.
      const inserted = new Set(
        await repo.insertStatements(
          tx,
          prepared.map((x) => x.row),
        ),
      );
      fresh = prepared.filter((x) => inserted.has(x.row.id));
      if (fresh.length < prepared.length) {
        const existing = new Map(
          (
            await repo.findExisting(
              tx,
              prepared.filter((x) => !inserted.has(x.row.id)).map((x) => x.row.id),
            )
          ).map((e) => [e.id, e.statement]),
        );
        for (const [id, old] of existing) {
          const x = prepared.find((y) => y.row.id === id)!;
          // A statement sent without a timestamp gets the stored time; a repeat of it is still the same statement.
          const candidate = x.raw.timestamp === undefined ? { ...x.statement, timestamp: old.timestamp } : x.statement;
          if (!sameStatement(old, candidate, version))
            throw new XapiError(409, 'xapi.statement_conflict', `statement ${id} is already stored with different content`);
        }
      }
      if (!fresh.length) return;
      const freshActors = new Set(fresh.map((x) => x.row.actorKey));
      const attachmentRows = [...new Set(fresh.flatMap((x) => x.row.attachmentHashes ?? []))]
        .filter((h) => partsByHash.has(h))
        .map((h) => ({ sha2: h, contentType: partsByHash.get(h)!.contentType, content: partsByHash.get(h)!.body }));
      const voids = fresh.filter((x) => x.row.verbId === VOIDED_VERB && x.row.refStatementId).map((x) => x.row.refStatementId!);
      await repo.markVoided(tx, voids, VOIDED_VERB);
      await repo.saveAttachments(tx, attachmentRows);
      const activities = fresh.flatMap((x) => x.activities);
      // Without "define", activities are recorded but their stored definitions are not changed.
      await repo.upsertActivities(tx, canDefine(p) ? activities : activities.map((a) => ({ id: a.id, definition: null })));
      await repo.saveActorLinks(
        tx,
        [...links]
          .filter(([key, l]) => l.isNew && freshActors.has(key))
          .map(([actorKey, l]) => ({ actorKey, residentId: l.residentId, regionCode: l.regionCode, source: 'account', createdAt: stored })),
      );
      const aboutResidents = fresh
        .filter((x) => x.row.actorKey && links.has(x.row.actorKey) && x.row.verbId !== VOIDED_VERB)
        .map((x) => ({
          residentId: links.get(x.row.actorKey!)!.residentId,
          partnerId: p.id,
          partnerName: p.name,
          statementId: x.row.id,
          statement: x.statement,
        }));
      if (aboutResidents.length) for (const handle of residentStatementHandlers) await handle(tx, aboutResidents);
      if (storedHandlers.length) {
        const entries = fresh.map((x) => {
          const link = x.row.actorKey ? links.get(x.row.actorKey) : undefined;
          return {
            statementId: x.row.id,
            partnerId: p.id,
            residentId: link?.residentId ?? null,
            regionCode: link?.regionCode ?? null,
            platformVerb: null,
            statement: x.statement,
          };
        });
        for (const handle of storedHandlers) await writeAllTogether(tx, await handle(tx, entries));
      }
    });
    return { ids: prepared.map((x) => x.row.id), unchanged: fresh.length === 0 };
  }

  function readScopeOf(p: PartnerCaller): ReadScope {
    const access = statementReadAccess(p);
    requireScope(access !== null);
    return { partnerId: access === 'mine' ? p.id : undefined, regionCode: p.regionCode ?? undefined };
  }

  async function getStatements(p: PartnerCaller, query: Record<string, string>, language: string | undefined) {
    const scope = readScopeOf(p);
    const consistentThrough = clock.now().toISOString();
    if ('more' in query) return continuePage(p, scope, query.more, language, consistentThrough);
    const keys = Object.keys(query);
    const single = query.statementId ?? query.voidedStatementId;
    if (query.statementId !== undefined && query.voidedStatementId !== undefined) throw badRequest('use statementId or voidedStatementId, not both');
    if (single !== undefined) {
      const extra = keys.filter((k) => !['statementId', 'voidedStatementId', 'format', 'attachments'].includes(k));
      if (extra.length) throw badRequest(`${extra[0]}: not allowed with statementId or voidedStatementId`);
      if (!isUuidString(single)) throw badRequest('statementId: must be a UUID');
      const format = parseFormat(query.format);
      const attachments = parseBool(query.attachments, 'attachments');
      const found = await repo.findOne(single.toLowerCase(), query.voidedStatementId !== undefined, scope);
      if (!found) throw new XapiError(404, 'xapi.not_found', 'no such statement');
      return {
        single: formatStatement(found.statement, format, language),
        attachments: attachments ? await repo.attachments(found.attachmentHashes) : null,
        consistentThrough,
        lastModified: String(found.statement.stored),
      };
    }
    for (const k of keys) if (!QUERY_PARAMS.includes(k)) throw badRequest(`${k}: not a statement query parameter`);
    const filter = parseQuery(query);
    const maxSeq = await repo.maxSeq();
    return runPage(scope, { ...filter, maxSeq }, query, language, consistentThrough);
  }

  async function runPage(
    scope: ReadScope,
    q: StatementQuery & { format: StatementFormat; attachments: boolean },
    original: Record<string, string>,
    language: string | undefined,
    consistentThrough: string,
  ) {
    const rows = await repo.query({ ...q, limit: q.limit + 1 }, scope);
    const page = rows.slice(0, q.limit);
    const more =
      rows.length > q.limit ? Buffer.from(JSON.stringify({ q: original, after: page[page.length - 1].seq, max: q.maxSeq })).toString('base64url') : null;
    const hashes = [...new Set(page.flatMap((r) => r.attachmentHashes))];
    // The most recently stored statement on the page (its rows come in either order).
    const lastModified = page.reduce<string | null>((latest, r) => {
      const stored = String(r.statement.stored);
      return latest === null || Date.parse(stored) > Date.parse(latest) ? stored : latest;
    }, null);
    return {
      result: { statements: page.map((r) => formatStatement(r.statement, q.format, language)), moreToken: more },
      attachments: q.attachments ? await repo.attachments(hashes) : null,
      consistentThrough,
      lastModified,
    };
  }

  async function continuePage(p: PartnerCaller, scope: ReadScope, token: string, language: string | undefined, consistentThrough: string) {
    let state: { q: Record<string, string>; after: number; max: number };
    try {
      state = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
      if (typeof state.after !== 'number' || typeof state.q !== 'object') throw new Error();
    } catch {
      throw badRequest('more: not a continuation this store issued');
    }
    const filter = parseQuery(state.q);
    return runPage(scope, { ...filter, afterSeq: state.after, maxSeq: state.max }, state.q, language, consistentThrough);
  }

  // --- documents -------------------------------------------------------------------------------------

  function documentKey(kind: DocumentKey['kind'], q: Record<string, string>, allowed: string[], opts: { registrationAny?: boolean } = {}): DocumentKey {
    for (const k of Object.keys(q)) if (!allowed.includes(k)) throw badRequest(`${k}: not a parameter of this resource`);
    const key: DocumentKey = { kind };
    if (allowed.includes('activityId')) {
      if (q.activityId === undefined) throw badRequest('activityId: required');
      if (!isIri(q.activityId)) throw badRequest('activityId: must be an IRI');
      key.activityId = q.activityId;
    }
    if (allowed.includes('agent')) {
      if (q.agent === undefined) throw badRequest('agent: required');
      key.agentKey = agentKeyOf(q.agent, 'agent');
    }
    if (allowed.includes('registration')) {
      if (q.registration !== undefined && !isUuidString(q.registration)) throw badRequest('registration: must be a UUID');
      key.registration = q.registration?.toLowerCase() ?? (opts.registrationAny ? undefined : '');
    }
    return key;
  }

  const DOC_PARAMS = {
    state: { id: 'stateId', params: ['activityId', 'agent', 'registration', 'stateId', 'since'] },
    activity_profile: { id: 'profileId', params: ['activityId', 'profileId', 'since'] },
    agent_profile: { id: 'profileId', params: ['agent', 'profileId', 'since'] },
  } as const;

  function requireDocumentScope(p: PartnerCaller, kind: DocumentKey['kind']) {
    requireScope(kind === 'state' ? canUseState(p) : canUseProfiles(p));
  }

  async function getDocuments(p: PartnerCaller, kind: DocumentKey['kind'], q: Record<string, string>) {
    requireDocumentScope(p, kind);
    const spec = DOC_PARAMS[kind];
    const docId = q[spec.id];
    const key = documentKey(kind, q, [...spec.params], { registrationAny: docId === undefined });
    if (docId !== undefined) {
      if (q.since !== undefined) throw badRequest(`since: not allowed with ${spec.id}`);
      const doc = await repo.document(key, docId);
      if (!doc) throw new XapiError(404, 'xapi.not_found', 'no such document');
      return { document: doc };
    }
    let since: Date | undefined;
    if (q.since !== undefined) {
      if (!isTimestamp(q.since)) throw badRequest('since: must be an ISO 8601 timestamp');
      since = new Date(q.since);
    }
    return { ids: await repo.documentIds(key, since) };
  }

  async function writeDocument(
    p: PartnerCaller,
    kind: DocumentKey['kind'],
    q: Record<string, string>,
    body: { contentType: string; content: Buffer },
    opts: { merge: boolean; ifMatch?: string; ifNoneMatch?: string; version?: XapiVersion },
  ) {
    requireDocumentScope(p, kind);
    const spec = DOC_PARAMS[kind];
    const docId = q[spec.id];
    const key = documentKey(
      kind,
      q,
      spec.params.filter((x) => x !== 'since'),
    );
    if (docId === undefined) throw badRequest(`${spec.id}: required`);
    const existing = await repo.document(key, docId);
    checkPreconditions(existing?.etag ?? null, opts.ifMatch, opts.ifNoneMatch);
    // Profiles need a precondition to replace an existing document, so two writers cannot silently collide;
    // in xAPI 2.0 a PUT over an existing state document needs one too.
    if (!opts.merge && opts.ifMatch === undefined && opts.ifNoneMatch === undefined && kind === 'state' && opts.version === '2.0.0' && existing) {
      throw new XapiError(409, 'xapi.precondition_required', 'the document exists: send If-Match with its ETag, or If-None-Match: *');
    }
    if (kind !== 'state' && !opts.merge && opts.ifMatch === undefined && opts.ifNoneMatch === undefined) {
      if (existing) throw new XapiError(409, 'xapi.precondition_required', 'the document exists: send If-Match with its ETag, or If-None-Match: *');
      throw badRequest('send If-None-Match: * to create a profile document, or If-Match with its ETag to replace one');
    }
    let { contentType, content } = body;
    if (opts.merge) {
      const incoming = jsonObjectOf(contentType, content);
      if (!incoming) throw badRequest('POST merges JSON objects: send an application/json object');
      if (existing) {
        const old = jsonObjectOf(existing.contentType, existing.content);
        if (!old) throw badRequest('the stored document is not a JSON object, so it cannot be merged');
        content = Buffer.from(JSON.stringify({ ...old, ...incoming }));
        contentType = 'application/json';
      }
    }
    const etag = createHash('sha1').update(content).digest('hex');
    await repo.saveDocument(key, docId, { contentType, content, etag, updated: clock.now() });
  }

  async function deleteDocuments(p: PartnerCaller, kind: DocumentKey['kind'], q: Record<string, string>, opts: { ifMatch?: string; ifNoneMatch?: string }) {
    requireDocumentScope(p, kind);
    const spec = DOC_PARAMS[kind];
    const docId = q[spec.id];
    if (kind !== 'state' && docId === undefined) throw badRequest(`${spec.id}: required`);
    const key = documentKey(
      kind,
      q,
      spec.params.filter((x) => x !== 'since'),
      { registrationAny: docId === undefined },
    );
    if (docId !== undefined) {
      const existing = await repo.document(key, docId);
      checkPreconditions(existing?.etag ?? null, opts.ifMatch, opts.ifNoneMatch);
    }
    await repo.deleteDocuments(key, docId);
  }

  /**
   * A platform event's writes, built and not sent: its statement (unless stored already) and what follows from
   * it — its activities, the resident's actor link, the partners' outbox rows. The actor is the resident's
   * platform account, the authority the platform, no partner; the id is derived from the event, so recording
   * the same event twice stores one statement. Never passed to the archive intake (the archive is where most of
   * these come from).
   */
  async function plannedPlatformEvent(tx: DbOrTx, event: PlatformEvent) {
    const verb = PLATFORM_VERBS[event.verb];
    if (!verb) throw new Error(`unknown platform verb ${String(event.verb)}`);
    const homePage = deps.accountHomePages[0];
    const objectId = /^[a-z][a-z0-9+.-]*:/i.test(event.object.id) ? event.object.id : `${homePage}/xapi/activities/${encodeURIComponent(event.object.id)}`;
    const timestamp = event.timestamp.toISOString();
    // The result is part of the event: a rating changed within the same millisecond is another statement.
    const id = uuidOf(`${event.verb}|${event.residentId}|${objectId}|${timestamp}|${JSON.stringify(event.result ?? null)}`);
    const raw: Obj = {
      id,
      actor: { objectType: 'Agent', account: { homePage, name: event.residentId } },
      verb: { id: verb.id, display: { ...verb.display } },
      object: { objectType: 'Activity', id: objectId, definition: { name: { 'zh-CN': event.object.name.slice(0, 200) } } },
      ...(event.result ? { result: event.result } : {}),
      timestamp,
    };
    validateStatement(raw, 'statement');
    const { row, statement, activities } = prepare(null, raw, clock.now());
    const regionCode = event.regionCode !== undefined ? event.regionCode : await deps.residentRegion(event.residentId, tx);
    const follows = repo.plannedPlatformNotes(
      tx,
      activities.map((a) => a.id),
      regionCode ? { actorKey: row.actorKey!, residentId: event.residentId, regionCode, source: 'account', createdAt: row.stored } : null,
    );
    for (const handle of storedHandlers)
      follows.push(
        ...(await handle(tx, [{ statementId: id, partnerId: null, residentId: event.residentId, regionCode, platformVerb: event.verb, statement }])),
      );
    return { id, statement: repo.plannedStatementOnce(tx, row), follows };
  }

  /** Records a platform event in the caller's transaction: its statement id, or null when it was stored before. */
  async function recordPlatformEvent(tx: DbOrTx, event: PlatformEvent): Promise<string | null> {
    const planned = await plannedPlatformEvent(tx, event);
    if (!(await planned.statement).length) return null;
    await writeAllTogether(tx, planned.follows);
    return planned.id;
  }

  return {
    /** Registers the learning archive's intake: called inside the storing transaction. */
    onResidentStatements(handler: ResidentStatementHandler) {
      residentStatementHandlers.push(handler);
    },
    /** Called inside the storing transaction with every statement stored (partners' and the platform's own). */
    onStored(handler: StoredStatementsHandler) {
      storedHandlers.push(handler);
    },
    recordPlatformEvent,
    /**
     * A new event's writes for `writeTogether` (the statement and what follows, all sent: only for an event
     * that cannot have been recorded before, such as a new enrolment's).
     */
    plannedPlatformEvent: async (tx: DbOrTx, event: PlatformEvent): Promise<PlannedWrite[]> => {
      const planned = await plannedPlatformEvent(tx, event);
      return [planned.statement, ...planned.follows];
    },

    /** Links verified identifiers of a resident (the consent flow): statements under these keys are about them from now on. Keys linked to someone else are returned and left alone. */
    async linkActors(tx: DbOrTx, link: { residentId: string; regionCode: string; keys: string[]; source: 'phone' | 'email' }): Promise<string[]> {
      const existing = await repo.actorLinks(tx, link.keys);
      const taken = existing.filter((l) => l.residentId !== link.residentId).map((l) => l.actorKey);
      if (taken.length) return taken;
      await repo.saveActorLinks(
        tx,
        link.keys.map((actorKey) => ({ actorKey, residentId: link.residentId, regionCode: link.regionCode, source: link.source, createdAt: clock.now() })),
      );
      return [];
    },
    /** Removes a resident's links of these keys; statements already stored stay as they are. */
    unlinkActors: (tx: DbOrTx, residentId: string, keys: string[]) => repo.deleteActorLinks(tx, residentId, keys),

    storeStatements,
    getStatements,
    getDocuments,
    writeDocument,
    deleteDocuments,

    async activity(p: PartnerCaller, q: Record<string, string>) {
      for (const k of Object.keys(q)) if (k !== 'activityId') throw badRequest(`${k}: not a parameter of this resource`);
      if (!isIri(q.activityId)) throw badRequest('activityId: required, an IRI');
      return (await repo.activity(q.activityId)) ?? { objectType: 'Activity', id: q.activityId };
    },

    /** The Person object: every identifier the store knows for this agent (here, the one asked about). */
    async person(p: PartnerCaller, q: Record<string, string>) {
      for (const k of Object.keys(q)) if (k !== 'agent') throw badRequest(`${k}: not a parameter of this resource`);
      if (q.agent === undefined) throw badRequest('agent: required');
      let a: Obj;
      try {
        a = parseAgentParam(q.agent, 'agent', false);
      } catch (e) {
        throw e instanceof XapiInvalid ? badRequest(e.message) : e;
      }
      const person: Obj = { objectType: 'Person' };
      for (const k of ['name', 'mbox', 'mbox_sha1sum', 'openid', 'account']) if (a[k] !== undefined) person[k] = [a[k]];
      return person;
    },
  };
}

export type XapiService = ReturnType<typeof createXapiService>;

/** A name-based UUID (version 5 layout, SHA-1 of the name): the same platform event always gets the same id. */
function uuidOf(name: string): string {
  const h = createHash('sha1').update(`learncity:${name}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

function agentKeyOf(raw: string, name: string): string {
  try {
    return agentKey(parseAgentParam(raw, name, false))!;
  } catch (e) {
    throw e instanceof XapiInvalid ? badRequest(e.message) : e;
  }
}

function parseBool(v: string | undefined, name: string): boolean {
  if (v === undefined || v === 'false') return false;
  if (v === 'true') return true;
  throw badRequest(`${name}: must be true or false`);
}

function parseFormat(v: string | undefined): StatementFormat {
  if (v === undefined) return 'exact';
  if (v === 'ids' || v === 'exact' || v === 'canonical') return v;
  throw badRequest('format: must be ids, exact or canonical');
}

function parseQuery(q: Record<string, string>): StatementQuery & { format: StatementFormat; attachments: boolean } {
  const out: StatementQuery & { format: StatementFormat; attachments: boolean } = {
    ascending: parseBool(q.ascending, 'ascending'),
    relatedAgents: parseBool(q.related_agents, 'related_agents'),
    relatedActivities: parseBool(q.related_activities, 'related_activities'),
    attachments: parseBool(q.attachments, 'attachments'),
    format: parseFormat(q.format),
    limit: MAX_PAGE,
  };
  if (q.agent !== undefined) {
    try {
      out.agentKey = agentKey(parseAgentParam(q.agent, 'agent', true))!;
    } catch (e) {
      throw e instanceof XapiInvalid ? badRequest(e.message) : e;
    }
  }
  if (q.verb !== undefined) {
    if (!isIri(q.verb)) throw badRequest('verb: must be an IRI');
    out.verbId = q.verb;
  }
  if (q.activity !== undefined) {
    if (!isIri(q.activity)) throw badRequest('activity: must be an IRI');
    out.activityId = q.activity;
  }
  if (q.registration !== undefined) {
    if (!isUuidString(q.registration)) throw badRequest('registration: must be a UUID');
    out.registration = q.registration.toLowerCase();
  }
  for (const k of ['since', 'until'] as const) {
    if (q[k] === undefined) continue;
    if (!isTimestamp(q[k])) throw badRequest(`${k}: must be an ISO 8601 timestamp`);
    out[k] = new Date(q[k]);
  }
  if (q.limit !== undefined) {
    if (!/^\d+$/.test(q.limit)) throw badRequest('limit: must be a whole number');
    const n = Number(q.limit);
    out.limit = n === 0 ? MAX_PAGE : Math.min(n, MAX_PAGE);
  }
  return out;
}

function checkAttachments(statements: Obj[], parts: AttachmentPart[], version: XapiVersion) {
  const declared = new Map<string, Obj>();
  const collect = (s: Obj) => {
    for (const a of (s.attachments as Obj[] | undefined) ?? []) declared.set(String(a.sha2).toLowerCase(), a);
  };
  for (const s of statements) {
    collect(s);
    if ((s.object as Obj).objectType === 'SubStatement') collect(s.object as Obj);
  }
  const byHash = new Map(parts.map((p) => [p.sha2, p]));
  for (const part of parts) if (!declared.has(part.sha2)) throw badRequest(`attachment part ${part.sha2} is not declared by any statement`);
  for (const s of statements) {
    for (const a of (s.attachments as Obj[] | undefined) ?? []) {
      const part = byHash.get(String(a.sha2).toLowerCase());
      if (!part && a.fileUrl === undefined) throw badRequest(`attachment ${a.sha2} has no fileUrl and no part in the request`);
      if (a.usageType === SIGNATURE_USAGE) {
        if (a.contentType !== 'application/octet-stream') throw badRequest('a signature attachment must have contentType application/octet-stream');
        if (!part) throw badRequest('the signature attachment must be sent in the request');
        try {
          verifySignedStatement(s, part.body.toString('utf8'), version);
        } catch (e) {
          throw e instanceof XapiInvalid ? badRequest(e.message) : e;
        }
      }
    }
  }
}

function checkPreconditions(etag: string | null, ifMatch?: string, ifNoneMatch?: string) {
  const tags = (h: string) => h.split(',').map((t) => t.trim().replace(/^W\//, '').replace(/^"|"$/g, ''));
  if (ifMatch !== undefined) {
    const list = tags(ifMatch);
    if (!etag || !(list.includes('*') || list.includes(etag))) throw new XapiError(412, 'xapi.precondition_failed', 'If-Match does not match the document');
  }
  if (ifNoneMatch !== undefined && etag) {
    const list = tags(ifNoneMatch);
    if (list.includes('*') || list.includes(etag)) throw new XapiError(412, 'xapi.precondition_failed', 'If-None-Match: the document exists');
  }
}

function jsonObjectOf(contentType: string, content: Buffer): Obj | null {
  if (!/^application\/json/i.test(contentType)) return null;
  try {
    const v = JSON.parse(content.toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

function normalizeContextActivities(s: Obj) {
  const c = s.context as Obj | undefined;
  const ca = c?.contextActivities as Obj | undefined;
  if (!c || !ca) return;
  const fixed: Obj = {};
  for (const [k, v] of Object.entries(ca)) fixed[k] = Array.isArray(v) ? v : [v];
  s.context = { ...c, contextActivities: fixed };
}

function pickLanguage(map: Obj, language: string | undefined): Obj {
  const keys = Object.keys(map);
  if (keys.length <= 1) return map;
  const wanted = (language ?? '')
    .split(',')
    .map((l) => l.split(';')[0].trim().toLowerCase())
    .filter(Boolean);
  for (const w of wanted) {
    const hit = keys.find((k) => k.toLowerCase() === w) ?? keys.find((k) => k.toLowerCase().split('-')[0] === w.split('-')[0]);
    if (hit) return { [hit]: map[hit] };
  }
  return { [keys[0]]: map[keys[0]] };
}

function idsOnlyAgent(a: Obj): Obj {
  const out: Obj = {};
  if (a.objectType) out.objectType = a.objectType;
  for (const k of ['mbox', 'mbox_sha1sum', 'openid', 'account']) if (a[k] !== undefined) out[k] = a[k];
  if (a.objectType === 'Group' && !agentKey(a) && Array.isArray(a.member)) out.member = a.member.map((m) => idsOnlyAgent(m as Obj));
  return out;
}

export function formatStatement(s: Obj, format: StatementFormat, language: string | undefined): Obj {
  if (format === 'exact') return s;
  if (format === 'canonical') {
    const walk = (v: Json, key: string | null): Json => {
      if (Array.isArray(v)) return v.map((x) => walk(x, null));
      if (!v || typeof v !== 'object') return v;
      if (key && ['display', 'name', 'description'].includes(key) && Object.values(v).every((x) => typeof x === 'string')) return pickLanguage(v, language);
      if (key === 'extensions') return v;
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    };
    return walk(s, null) as Obj;
  }
  const reduce = (st: Obj): Obj => {
    const out: Obj = { ...st, actor: idsOnlyAgent(st.actor as Obj), verb: { id: (st.verb as Obj).id } };
    const o = st.object as Obj;
    const type = o.objectType ?? 'Activity';
    if (type === 'Activity') out.object = { id: o.id };
    else if (type === 'Agent' || type === 'Group') out.object = idsOnlyAgent(o);
    else if (type === 'SubStatement') out.object = reduce(o);
    if (st.authority) out.authority = idsOnlyAgent(st.authority as Obj);
    const c = st.context as Obj | undefined;
    if (c) {
      const nc: Obj = { ...c };
      if (c.instructor) nc.instructor = idsOnlyAgent(c.instructor as Obj);
      if (c.team) nc.team = idsOnlyAgent(c.team as Obj);
      if (c.contextActivities)
        nc.contextActivities = Object.fromEntries(
          Object.entries(c.contextActivities as Obj).map(([k, list]) => [k, (list as Obj[]).map((a) => ({ id: a.id }))]),
        );
      out.context = nc;
    }
    return out;
  };
  return reduce(s);
}
