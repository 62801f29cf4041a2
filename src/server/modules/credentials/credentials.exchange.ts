// Learning records in standard shapes, for moving between platforms: the archive as one CLR 2.0
// `ClrCredential` holding an Open Badges 3.0 `AchievementCredential` per record, the archive as xAPI 1.0.3
// statements, and what an imported OB3/CLR credential claims (read only after it has been verified).
import { createHash } from 'node:crypto';
import { CLR_V2, OB_V3, VC_V2 } from './credentials.crypto';
import { issuerNames, sealUrl, type IssuerProfile } from './credentials.documents';
import { localTime } from '../../../contracts/local-time';

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface ExportRecord {
  id: string;
  sourceType: string;
  title: string;
  hours: number;
  outcome: string;
  provider: string | null;
  occurredAt: string | Date;
  categoryCode: string | null;
}

/** OB3's `achievementType` vocabulary for each kind of archive record. */
const ACHIEVEMENT_TYPE: Record<string, string> = {
  class: 'Course',
  online: 'Course',
  partner: 'Course',
  event: 'CoCurricular',
  team: 'CoCurricular',
  recognition: 'Achievement',
  manual: 'Achievement',
};
const OUTCOME_TEXT: Record<string, string> = { completed: '结业', attended: '出席', participated: '参与' };

/**
 * The subject of an export: the resident's opaque platform id (never a phone or ID number) and the
 * real name, unhashed as on the platform's certificates, so a receiving platform can match its account.
 */
export interface ExportSubject {
  residentId: string;
  realName: string;
}
export const subjectIdOf = (residentId: string) => `urn:uuid:${residentId}`;

const issuerProfile = (issuer: IssuerProfile) => ({
  id: issuer.did,
  type: ['Profile'],
  name: issuerNames(issuer.body),
  url: issuer.origin,
  ...(issuer.body.seal ? { image: { id: sealUrl(issuer.origin), type: 'Image' } } : {}),
});
const nameIdentifier = (realName: string) => [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: realName }];

/** One archive record as an unsigned OB3 AchievementCredential (hours as `creditsAvailable`/`creditsEarned`: OB3's credit hours). */
export function achievementCredential(issuer: IssuerProfile, subject: ExportSubject, r: ExportRecord, issuedAt: Date): Record<string, unknown> {
  const occurredAt = new Date(r.occurredAt);
  const outcome = OUTCOME_TEXT[r.outcome] ?? r.outcome;
  return {
    '@context': [VC_V2, OB_V3],
    id: `urn:uuid:${r.id}`,
    type: ['VerifiableCredential', 'AchievementCredential'],
    name: r.title,
    issuer: issuerProfile(issuer),
    validFrom: iso(issuedAt),
    awardedDate: iso(occurredAt),
    credentialSubject: {
      id: subjectIdOf(subject.residentId),
      type: ['AchievementSubject'],
      identifier: nameIdentifier(subject.realName),
      activityEndDate: iso(occurredAt),
      creditsEarned: r.hours,
      achievement: {
        id: `${issuer.origin}/api/learning-records/${r.id}#achievement`,
        type: ['Achievement'],
        achievementType: ACHIEVEMENT_TYPE[r.sourceType] ?? 'Achievement',
        name: r.title,
        description: `${localTime.date(occurredAt)} ${r.title}（${r.hours} 学时，${outcome}${r.provider ? `，${r.provider}` : ''}）`,
        criteria: { narrative: `学时：${r.hours}\n结果：${outcome}${r.provider ? `\n举办方：${r.provider}` : ''}` },
        creditsAvailable: r.hours,
      },
    },
  };
}

/** The archive as one unsigned CLR 2.0 credential around the (already signed) achievement credentials. */
export function clrCredential(
  issuer: IssuerProfile,
  subject: ExportSubject,
  id: string,
  signed: Record<string, unknown>[],
  issuedAt: Date,
): Record<string, unknown> {
  return {
    '@context': [VC_V2, CLR_V2, OB_V3],
    id: `urn:uuid:${id}`,
    type: ['VerifiableCredential', 'ClrCredential'],
    name: `学习档案：${subject.realName}（${localTime.date(issuedAt)}）`,
    issuer: issuerProfile(issuer),
    validFrom: iso(issuedAt),
    credentialSubject: {
      id: subjectIdOf(subject.residentId),
      type: ['ClrSubject'],
      identifier: nameIdentifier(subject.realName),
      verifiableCredential: signed,
    },
  };
}

/** ISO 8601 duration of a number of hours (xAPI `result.duration`). */
const duration = (hours: number) => `PT${Math.round(hours * 3600)}S`;
const VERB: Record<string, { id: string; display: string }> = {
  completed: { id: 'http://adlnet.gov/expapi/verbs/completed', display: 'completed' },
  attended: { id: 'http://adlnet.gov/expapi/verbs/attended', display: 'attended' },
  participated: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: 'experienced' },
};

/**
 * One xAPI 1.0.3 statement per record: the actor is `{ homePage: <the platform's origin>, name: <resident
 * id> }`, the form the platform's own LRS reads as a resident, never a phone or ID number. The statement id
 * is derived from the record id (stable across exports, so an LRS storing an export twice keeps one).
 */
export function xapiStatements(origin: string, residentId: string, records: ExportRecord[]) {
  return records.map((r) => {
    const verb = VERB[r.outcome] ?? VERB.participated;
    return {
      id: r.id,
      version: '1.0.3',
      actor: { objectType: 'Agent', account: { homePage: origin, name: residentId } },
      verb: { id: verb.id, display: { 'en-US': verb.display } },
      object: {
        objectType: 'Activity',
        id: `${origin}/api/learning-records/${r.id}`,
        definition: {
          name: { 'zh-CN': r.title },
          type: r.sourceType === 'event' ? 'http://adlnet.gov/expapi/activities/meeting' : 'http://adlnet.gov/expapi/activities/course',
          extensions: {
            [`${origin}/xapi/extensions/source-type`]: r.sourceType,
            ...(r.provider ? { [`${origin}/xapi/extensions/provider`]: r.provider } : {}),
          },
        },
      },
      result: { completion: r.outcome === 'completed', duration: duration(r.hours), extensions: { [`${origin}/xapi/extensions/hours`]: r.hours } },
      context: { platform: origin, ...(r.categoryCode ? { extensions: { [`${origin}/xapi/extensions/category`]: r.categoryCode } } : {}) },
      timestamp: new Date(r.occurredAt).toISOString(),
    };
  });
}

const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
const typesOf = (v: unknown): string[] => (Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : typeof v === 'string' ? [v] : []);
export const isClr = (c: Record<string, any>) => typesOf(c.type).includes('ClrCredential');
export const isAchievementCredential = (c: Record<string, any>) => typesOf(c.type).some((t) => t === 'AchievementCredential' || t === 'OpenBadgeCredential');
const subjectOf = (c: Record<string, any>): Record<string, any> | null =>
  (Array.isArray(c.credentialSubject) ? c.credentialSubject[0] : c.credentialSubject) ?? null;

/** The credentials a CLR holds (for an OB3 credential: itself). */
export function achievementsIn(c: Record<string, any>): Record<string, any>[] {
  if (!isClr(c)) return [c];
  const held = subjectOf(c)?.verifiableCredential;
  return (Array.isArray(held) ? held : held ? [held] : []).filter(isObject);
}

/** The first value of a language map or array (`{ '@value', '@language' }`), preferring Chinese. */
function text(v: unknown): string | null {
  if (typeof v === 'string') return v;
  const list = Array.isArray(v) ? v : isObject(v) ? [v] : [];
  const values = list
    .map((x) =>
      typeof x === 'string'
        ? { value: x, lang: '' }
        : isObject(x) && typeof x['@value'] === 'string'
          ? { value: x['@value'] as string, lang: String(x['@language'] ?? '') }
          : null,
    )
    .filter((x) => x !== null);
  return (values.find((x) => x.lang.startsWith('zh')) ?? values[0])?.value ?? null;
}

/**
 * Whether a name identifier names this person: equal when unhashed; when hashed, OB3's `sha256$` + the hex
 * SHA-256 of the name and the salt (other algorithms cannot be compared, so they do not match).
 */
export function namesPerson(identifier: { value: string; hashed: boolean; salt: string }, realName: string): boolean {
  if (!identifier.hashed) return identifier.value === realName;
  const m = /^sha256\$([0-9a-f]{64})$/i.exec(identifier.value);
  return (
    !!m &&
    m[1].toLowerCase() ===
      createHash('sha256')
        .update(realName + identifier.salt, 'utf8')
        .digest('hex')
  );
}

/** What a verified achievement credential says, as a recognition application's fields. */
export function claimOf(c: Record<string, any>) {
  const subject = subjectOf(c) ?? {};
  const achievement = isObject(subject.achievement) ? subject.achievement : {};
  const title = text(achievement.name) ?? text(c.name);
  const issuer = isObject(c.issuer) ? c.issuer : { id: c.issuer };
  const provider = text(issuer.name) ?? (typeof issuer.id === 'string' ? issuer.id : null);
  const when = [subject.activityEndDate, c.awardedDate, c.validFrom, c.issuanceDate].find(
    (d) => typeof d === 'string' && !Number.isNaN(new Date(d).getTime()),
  ) as string | undefined;
  const hoursRaw = Number(subject.creditsEarned ?? achievement.creditsAvailable);
  const hours = Number.isFinite(hoursRaw) && hoursRaw >= 0.5 && hoursRaw <= 5000 ? Math.round(hoursRaw * 10) / 10 : null;
  const names = (Array.isArray(subject.identifier) ? subject.identifier : [])
    .filter((i: any) => isObject(i) && i.identityType === 'name' && typeof i.identityHash === 'string')
    .map((i: any) => ({ value: i.identityHash as string, hashed: i.hashed === true, salt: typeof i.salt === 'string' ? i.salt : '' }));
  return {
    title: title?.slice(0, 200) ?? null,
    provider: provider?.slice(0, 200) ?? null,
    occurredOn: when ? localTime.date(new Date(when)) : null,
    hours,
    subjectId: typeof subject.id === 'string' ? subject.id : null,
    subjectNames: names,
  };
}
