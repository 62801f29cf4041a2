// Strict validation of xAPI 1.0.3 and 2.0.0 statements and request parameters. Pure functions: each returns the
// first problem as a readable sentence (the store answers 400 with it) or nothing.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Obj = { [key: string]: Json };

export class XapiInvalid extends Error {}

/** The xAPI versions the store speaks; a request's X-Experience-API-Version header picks one. */
export type XapiVersion = '1.0.3' | '2.0.0';

const fail = (path: string, what: string): never => {
  throw new XapiInvalid(`${path}: ${what}`);
};

export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';
export const SIGNATURE_USAGE = 'http://adlnet.gov/expapi/attachments/signature';
const INTERACTION_TYPES = ['true-false', 'choice', 'fill-in', 'long-fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric', 'other'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IRI = /^[a-z][a-z0-9+.-]*:[^\s]*$/i;
const MAILTO = /^mailto:[^\s@]+@[^\s@]+$/i;
const SHA1 = /^[0-9a-f]{40}$/i;
const LANG =
  /^(([a-z]{2,3}(-[a-z]{3}){0,3})|[a-z]{4}|[a-z]{5,8})(-[a-z]{4})?(-([a-z]{2}|\d{3}))?(-([a-z0-9]{5,8}|\d[a-z0-9]{3}))*(-[0-9a-wyz](-[a-z0-9]{2,8})+)*(-x(-[a-z0-9]{1,8})+)?$|^x(-[a-z0-9]{1,8})+$|^i-[a-z]+$/i;
// ISO 8601 date-time; a zone offset of "-00", "-0000" or "-00:00" is forbidden by the spec.
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:(\d{2})(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;
// Weeks stand alone in ISO 8601 ("P4W", never "P4W1D").
const DURATION = /^P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$|^P\d+(\.\d+)?W$/;

export const isUuidString = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
export const isIri = (v: unknown): v is string => typeof v === 'string' && IRI.test(v);

export function isTimestamp(v: unknown, requireZone = false): v is string {
  if (typeof v !== 'string') return false;
  const m = TIMESTAMP.exec(v);
  if (!m) return false;
  const zone = m[9];
  if (zone && /^-00(:?00)?$/.test(zone)) return false;
  if (requireZone && !zone) return false;
  const [month, day, hour, minute, second] = [Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[7] ?? 0)];
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60 && !Number.isNaN(Date.parse(zone ? v : v + 'Z'));
}

/**
 * A valid timestamp as UTC in RFC 3339 form ("…Z"), keeping every fractional digit sent (offsets are whole
 * minutes, so the fraction never changes); one without a zone is read as UTC, as validation reads it.
 */
export function toUtcTimestamp(v: string): string {
  const m = TIMESTAMP.exec(v)!;
  const fraction = m[8] ?? '';
  const zone = m[9] ?? 'Z';
  const whole = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[7] ?? '00'}${/^[+-]\d{4}$/.test(zone) ? `${zone.slice(0, 3)}:${zone.slice(3)}` : /^[+-]\d{2}$/.test(zone) ? `${zone}:00` : zone}`;
  return `${new Date(whole).toISOString().slice(0, 19)}${fraction || '.000'}Z`;
}

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function object(v: unknown, path: string): Obj {
  if (!isObject(v)) fail(path, 'must be a JSON object');
  return v as Obj;
}

function allowOnly(o: Obj, allowed: string[], path: string) {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) fail(`${path}.${k}`, 'is not allowed here');
}

function noNulls(o: Obj, path: string) {
  for (const [k, v] of Object.entries(o)) if (v === null) fail(`${path}.${k}`, 'must not be null');
}

function str(v: unknown, path: string) {
  if (typeof v !== 'string') fail(path, 'must be a string');
}
function bool(v: unknown, path: string) {
  if (typeof v !== 'boolean') fail(path, 'must be true or false');
}
function num(v: unknown, path: string) {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, 'must be a number');
}
function iri(v: unknown, path: string) {
  if (!isIri(v)) fail(path, 'must be an absolute IRI');
}
function uuid(v: unknown, path: string) {
  if (!isUuidString(v)) fail(path, 'must be a UUID');
}

export function languageMap(v: unknown, path: string) {
  const o = object(v, path);
  for (const [k, val] of Object.entries(o)) {
    if (!LANG.test(k)) fail(`${path}.${k}`, 'is not an RFC 5646 language tag');
    if (typeof val !== 'string') fail(`${path}.${k}`, 'must be a string');
  }
}

function extensions(v: unknown, path: string) {
  const o = object(v, path);
  for (const k of Object.keys(o)) if (!isIri(k)) fail(`${path}.${k}`, 'extension keys must be IRIs');
}

/** The inverse functional identifiers present on an agent or group. */
const IFIS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;

function ifis(o: Obj, path: string): number {
  let n = 0;
  for (const k of IFIS) {
    if (!(k in o)) continue;
    n++;
    const v = o[k];
    if (k === 'mbox' && !(typeof v === 'string' && MAILTO.test(v))) fail(`${path}.mbox`, 'must be "mailto:" followed by an email address');
    if (k === 'mbox_sha1sum' && !(typeof v === 'string' && SHA1.test(v))) fail(`${path}.mbox_sha1sum`, 'must be a SHA-1 hex digest');
    if (k === 'openid') iri(v, `${path}.openid`);
    if (k === 'account') {
      const a = object(v, `${path}.account`);
      allowOnly(a, ['homePage', 'name'], `${path}.account`);
      if (!('homePage' in a)) fail(`${path}.account.homePage`, 'is required');
      if (!('name' in a)) fail(`${path}.account.name`, 'is required');
      iri(a.homePage, `${path}.account.homePage`);
      str(a.name, `${path}.account.name`);
    }
  }
  return n;
}

export function agent(v: unknown, path: string) {
  const o = object(v, path);
  noNulls(o, path);
  allowOnly(o, ['objectType', 'name', ...IFIS], path);
  if ('objectType' in o && o.objectType !== 'Agent') fail(`${path}.objectType`, 'must be "Agent"');
  if ('name' in o) str(o.name, `${path}.name`);
  if (ifis(o, path) !== 1) fail(path, 'an Agent needs exactly one of mbox, mbox_sha1sum, openid, account');
}

export function group(v: unknown, path: string) {
  const o = object(v, path);
  noNulls(o, path);
  allowOnly(o, ['objectType', 'name', 'member', ...IFIS], path);
  if (o.objectType !== 'Group') fail(`${path}.objectType`, 'must be "Group"');
  if ('name' in o) str(o.name, `${path}.name`);
  const n = ifis(o, path);
  if (n > 1) fail(path, 'a Group has at most one inverse functional identifier');
  if (n === 0 && !('member' in o)) fail(`${path}.member`, 'an anonymous Group must list its members');
  if ('member' in o) {
    if (!Array.isArray(o.member)) fail(`${path}.member`, 'must be an array');
    (o.member as Json[]).forEach((m, i) => agent(m, `${path}.member[${i}]`));
  }
}

export function actor(v: unknown, path: string) {
  const o = object(v, path);
  if (o.objectType === 'Group') group(o, path);
  else agent(o, path);
}

function interactionComponents(v: unknown, path: string) {
  if (!Array.isArray(v)) fail(path, 'must be an array');
  const ids = new Set<string>();
  (v as Json[]).forEach((c, i) => {
    const o = object(c, `${path}[${i}]`);
    allowOnly(o, ['id', 'description'], `${path}[${i}]`);
    str(o.id, `${path}[${i}].id`);
    if (ids.has(o.id as string)) fail(`${path}[${i}].id`, 'must be unique');
    ids.add(o.id as string);
    if ('description' in o) languageMap(o.description, `${path}[${i}].description`);
  });
}

function activityDefinition(v: unknown, path: string) {
  const o = object(v, path);
  noNulls(o, path);
  allowOnly(
    o,
    ['name', 'description', 'type', 'moreInfo', 'extensions', 'interactionType', 'correctResponsesPattern', 'choices', 'scale', 'source', 'target', 'steps'],
    path,
  );
  if ('name' in o) languageMap(o.name, `${path}.name`);
  if ('description' in o) languageMap(o.description, `${path}.description`);
  if ('type' in o) iri(o.type, `${path}.type`);
  if ('moreInfo' in o) iri(o.moreInfo, `${path}.moreInfo`);
  if ('extensions' in o) extensions(o.extensions, `${path}.extensions`);
  if ('interactionType' in o && !INTERACTION_TYPES.includes(o.interactionType as string))
    fail(`${path}.interactionType`, `must be one of ${INTERACTION_TYPES.join(', ')}`);
  if ('correctResponsesPattern' in o) {
    if (!Array.isArray(o.correctResponsesPattern) || !o.correctResponsesPattern.every((p) => typeof p === 'string'))
      fail(`${path}.correctResponsesPattern`, 'must be an array of strings');
  }
  for (const k of ['correctResponsesPattern', 'choices', 'scale', 'source', 'target', 'steps']) {
    if (!(k in o)) continue;
    if (!('interactionType' in o)) fail(`${path}.${k}`, 'needs an interactionType');
    if (k !== 'correctResponsesPattern') interactionComponents(o[k], `${path}.${k}`);
  }
}

export function activity(v: unknown, path: string) {
  const o = object(v, path);
  noNulls(o, path);
  allowOnly(o, ['objectType', 'id', 'definition'], path);
  if ('objectType' in o && o.objectType !== 'Activity') fail(`${path}.objectType`, 'must be "Activity"');
  if (!('id' in o)) fail(`${path}.id`, 'is required');
  iri(o.id, `${path}.id`);
  if ('definition' in o) activityDefinition(o.definition, `${path}.definition`);
}

function verb(v: unknown, path: string) {
  const o = object(v, path);
  noNulls(o, path);
  allowOnly(o, ['id', 'display'], path);
  if (!('id' in o)) fail(`${path}.id`, 'is required');
  iri(o.id, `${path}.id`);
  if ('display' in o) languageMap(o.display, `${path}.display`);
}

function statementRef(o: Obj, path: string) {
  allowOnly(o, ['objectType', 'id'], path);
  if (o.objectType !== 'StatementRef') fail(`${path}.objectType`, 'must be "StatementRef"');
  uuid(o.id, `${path}.id`);
}

function result(v: unknown, path: string) {
  const o = object(v, path);
  noNulls(o, path);
  allowOnly(o, ['score', 'success', 'completion', 'response', 'duration', 'extensions'], path);
  if ('score' in o) {
    const s = object(o.score, `${path}.score`);
    noNulls(s, `${path}.score`);
    allowOnly(s, ['scaled', 'raw', 'min', 'max'], `${path}.score`);
    for (const k of ['scaled', 'raw', 'min', 'max']) if (k in s) num(s[k], `${path}.score.${k}`);
    if ('scaled' in s && ((s.scaled as number) < -1 || (s.scaled as number) > 1)) fail(`${path}.score.scaled`, 'must be between -1 and 1');
    if ('min' in s && 'max' in s && (s.min as number) > (s.max as number)) fail(`${path}.score.min`, 'must not exceed max');
    if ('raw' in s && 'min' in s && (s.raw as number) < (s.min as number)) fail(`${path}.score.raw`, 'must not be below min');
    if ('raw' in s && 'max' in s && (s.raw as number) > (s.max as number)) fail(`${path}.score.raw`, 'must not exceed max');
  }
  if ('success' in o) bool(o.success, `${path}.success`);
  if ('completion' in o) bool(o.completion, `${path}.completion`);
  if ('response' in o) str(o.response, `${path}.response`);
  if ('duration' in o && !(typeof o.duration === 'string' && DURATION.test(o.duration))) fail(`${path}.duration`, 'must be an ISO 8601 duration');
  if ('extensions' in o) extensions(o.extensions, `${path}.extensions`);
}

/** xAPI 2.0 contextAgents / contextGroups: `{ objectType, agent|group, relevantTypes? }` entries. */
function contextActors(v: unknown, path: string, kind: 'Agent' | 'Group') {
  if (!Array.isArray(v)) fail(path, 'must be an array');
  const [objectType, key] = kind === 'Agent' ? ['contextAgent', 'agent'] : ['contextGroup', 'group'];
  (v as Json[]).forEach((entry, i) => {
    const p = `${path}[${i}]`;
    const o = object(entry, p);
    noNulls(o, p);
    allowOnly(o, ['objectType', key, 'relevantTypes'], p);
    if (o.objectType !== objectType) fail(`${p}.objectType`, `must be "${objectType}"`);
    if (!(key in o)) fail(`${p}.${key}`, 'is required');
    if (kind === 'Agent') agent(o[key], `${p}.${key}`);
    else group(o[key], `${p}.${key}`);
    if ('relevantTypes' in o) {
      if (!Array.isArray(o.relevantTypes) || !o.relevantTypes.length) fail(`${p}.relevantTypes`, 'must be a non-empty array of IRIs');
      (o.relevantTypes as Json[]).forEach((t, j) => iri(t, `${p}.relevantTypes[${j}]`));
    }
  });
}

function context(v: unknown, path: string, objectIsActivity: boolean, version: XapiVersion) {
  const o = object(v, path);
  noNulls(o, path);
  const allowed = ['registration', 'instructor', 'team', 'contextActivities', 'revision', 'platform', 'language', 'statement', 'extensions'];
  allowOnly(o, version === '2.0.0' ? [...allowed, 'contextAgents', 'contextGroups'] : allowed, path);
  if ('contextAgents' in o) contextActors(o.contextAgents, `${path}.contextAgents`, 'Agent');
  if ('contextGroups' in o) contextActors(o.contextGroups, `${path}.contextGroups`, 'Group');
  if ('registration' in o) uuid(o.registration, `${path}.registration`);
  if ('instructor' in o) actor(o.instructor, `${path}.instructor`);
  if ('team' in o) group(o.team, `${path}.team`);
  if ('contextActivities' in o) {
    const c = object(o.contextActivities, `${path}.contextActivities`);
    allowOnly(c, ['parent', 'grouping', 'category', 'other'], `${path}.contextActivities`);
    for (const [k, val] of Object.entries(c)) {
      const list = Array.isArray(val) ? val : [val];
      list.forEach((a, i) => activity(a, `${path}.contextActivities.${k}[${i}]`));
    }
  }
  if ('revision' in o) {
    str(o.revision, `${path}.revision`);
    if (!objectIsActivity) fail(`${path}.revision`, 'may only be used when the object is an Activity');
  }
  if ('platform' in o) {
    str(o.platform, `${path}.platform`);
    if (!objectIsActivity) fail(`${path}.platform`, 'may only be used when the object is an Activity');
  }
  if ('language' in o && !(typeof o.language === 'string' && LANG.test(o.language))) fail(`${path}.language`, 'must be an RFC 5646 language tag');
  if ('statement' in o) statementRef(object(o.statement, `${path}.statement`), `${path}.statement`);
  if ('extensions' in o) extensions(o.extensions, `${path}.extensions`);
}

function attachments(v: unknown, path: string) {
  if (!Array.isArray(v)) fail(path, 'must be an array');
  (v as Json[]).forEach((a, i) => {
    const p = `${path}[${i}]`;
    const o = object(a, p);
    noNulls(o, p);
    allowOnly(o, ['usageType', 'display', 'description', 'contentType', 'length', 'sha2', 'fileUrl'], p);
    for (const k of ['usageType', 'display', 'contentType', 'length', 'sha2']) if (!(k in o)) fail(`${p}.${k}`, 'is required');
    iri(o.usageType, `${p}.usageType`);
    languageMap(o.display, `${p}.display`);
    if ('description' in o) languageMap(o.description, `${p}.description`);
    if (typeof o.contentType !== 'string' || !/^[\w.+-]+\/[\w.+-]+/.test(o.contentType)) fail(`${p}.contentType`, 'must be an Internet Media Type');
    if (!Number.isInteger(o.length) || (o.length as number) < 0) fail(`${p}.length`, 'must be a whole number');
    if (typeof o.sha2 !== 'string' || !/^[0-9a-f]{56}$|^[0-9a-f]{64}$|^[0-9a-f]{96}$|^[0-9a-f]{128}$/i.test(o.sha2))
      fail(`${p}.sha2`, 'must be a SHA-2 hex digest');
    if ('fileUrl' in o) iri(o.fileUrl, `${p}.fileUrl`);
  });
}

function statementObject(v: unknown, path: string, inSubStatement: boolean, version: XapiVersion) {
  const o = object(v, path);
  switch (o.objectType ?? 'Activity') {
    case 'Activity':
      return activity(o, path);
    case 'Agent':
      return agent(o, path);
    case 'Group':
      return group(o, path);
    case 'StatementRef':
      return statementRef(o, path);
    case 'SubStatement':
      if (inSubStatement) fail(`${path}.objectType`, 'a SubStatement cannot contain another SubStatement');
      return statementBody(o, path, true, version);
    default:
      fail(`${path}.objectType`, 'must be Activity, Agent, Group, StatementRef or SubStatement');
  }
}

function statementBody(o: Obj, path: string, isSub: boolean, version: XapiVersion) {
  noNulls(o, path);
  const allowed = isSub
    ? ['objectType', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'attachments']
    : ['id', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'stored', 'authority', 'version', 'attachments'];
  allowOnly(o, allowed, path);
  for (const k of ['actor', 'verb', 'object']) if (!(k in o)) fail(`${path}.${k}`, 'is required');
  actor(o.actor, `${path}.actor`);
  verb(o.verb, `${path}.verb`);
  statementObject(o.object, `${path}.object`, isSub, version);
  const obj = o.object as Obj;
  if ('result' in o) result(o.result, `${path}.result`);
  if ('context' in o) context(o.context, `${path}.context`, (obj.objectType ?? 'Activity') === 'Activity', version);
  if ('timestamp' in o && !isTimestamp(o.timestamp)) fail(`${path}.timestamp`, 'must be an ISO 8601 timestamp');
  if ('attachments' in o) attachments(o.attachments, `${path}.attachments`);
  if ((o.verb as Obj).id === VOIDED_VERB && obj.objectType !== 'StatementRef') fail(`${path}.object`, 'a voiding statement must target a StatementRef');
}

/** Throws XapiInvalid naming the first problem. */
export function validateStatement(v: unknown, path = 'statement', version: XapiVersion = '1.0.3') {
  const o = object(v, path);
  if ('id' in o) uuid(o.id, `${path}.id`);
  if ('stored' in o && !isTimestamp(o.stored)) fail(`${path}.stored`, 'must be an ISO 8601 timestamp');
  if (version === '1.0.3' && 'version' in o && !(typeof o.version === 'string' && /^1\.0(\.\d+)?$/.test(o.version)))
    fail(`${path}.version`, 'must be a 1.0.x version');
  if (version === '2.0.0' && 'version' in o && !(typeof o.version === 'string' && /^(1\.0|2\.0)(\.\d+)?$/.test(o.version)))
    fail(`${path}.version`, 'must be a 1.0.x or 2.0.x version');
  if ('authority' in o) {
    actor(o.authority, `${path}.authority`);
    const a = o.authority as Obj;
    // A Group authority is the OAuth pair: an anonymous group of two agents, one of them the registered application (an account).
    if (a.objectType === 'Group') {
      const members = Array.isArray(a.member) ? (a.member as Obj[]) : [];
      if (IFIS.some((k) => k in a) || members.length !== 2 || !members.some((m) => isObject(m.account)))
        fail(`${path}.authority`, 'a Group authority must be an anonymous group of two agents, one identified by an account');
    }
  }
  statementBody(o, path, false, version);
}

/** The agent query/document parameter: a JSON Agent (or identified Group where groups are allowed). */
export function parseAgentParam(raw: string, name: string, allowGroup: boolean): Obj {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    throw new XapiInvalid(`${name}: must be a JSON Agent object`);
  }
  const o = object(v, name);
  if (allowGroup && o.objectType === 'Group') {
    group(o, name);
    if (!IFIS.some((k) => k in o)) fail(name, 'must be an identified Agent or Group');
  } else agent(o, name);
  return o;
}

/** A stable key for an agent's or identified group's IFI, or null for an anonymous group. */
export function agentKey(a: Obj): string | null {
  if (typeof a.mbox === 'string') return `mbox:${a.mbox.toLowerCase()}`;
  if (typeof a.mbox_sha1sum === 'string') return `sha1:${a.mbox_sha1sum.toLowerCase()}`;
  if (typeof a.openid === 'string') return `openid:${a.openid}`;
  if (isObject(a.account)) return `account:${a.account.homePage}|${a.account.name}`;
  return null;
}
