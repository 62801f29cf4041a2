// The shapes of what the platform signs: Open Badges 3.0 credentials in the W3C VC 2.0 data model, and
// the Bitstring Status List credential that revokes them. Pure functions; signing happens elsewhere.
import { OB_V3, VC_V2 } from './credentials.crypto';
import type { Transcript } from './transcript.source';

/** Bits per status list: the specification's minimum (16 KB), so one list does not reveal how few were issued. */
export const STATUS_LIST_LENGTH = 131072;

/**
 * The body that issues certificates: the district's office configured at installation (its name in both
 * languages and its seal), never the software's name.
 */
export interface IssuerBody {
  nameZh: string;
  nameEn: string;
  seal: { contentType: string; base64: string } | null;
}
export interface IssuerProfile {
  did: string;
  origin: string;
  body: IssuerBody;
}
export const issuerNames = (b: IssuerBody) => [
  { '@value': b.nameZh, '@language': 'zh-CN' },
  { '@value': b.nameEn, '@language': 'en' },
];
export const sealUrl = (origin: string) => `${origin}/api/credentials/issuer/seal`;

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
export const statusListUrl = (origin: string, list: number) => `${origin}/api/credentials/status/${list}`;
export const verifyUrl = (origin: string, id: string) => `${origin}/verify/${id}`;

export interface CredentialFrame {
  id: string;
  issuer: IssuerProfile;
  issuedAt: Date;
  validUntil: Date | null;
  statusList: number;
  statusIndex: number;
  name: string;
  subjectName: string;
  achievement: { id: string; type: string; name: string; description: string; narrative: string };
}

export function openBadgeCredential(f: CredentialFrame): Record<string, unknown> {
  return {
    '@context': [VC_V2, OB_V3],
    id: `urn:uuid:${f.id}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: f.name,
    issuer: {
      id: f.issuer.did,
      type: ['Profile'],
      name: issuerNames(f.issuer.body),
      url: f.issuer.origin,
      ...(f.issuer.body.seal ? { image: { id: sealUrl(f.issuer.origin), type: 'Image' } } : {}),
    },
    validFrom: iso(f.issuedAt),
    ...(f.validUntil ? { validUntil: iso(f.validUntil) } : {}),
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: f.subjectName }],
      achievement: {
        id: f.achievement.id,
        type: ['Achievement'],
        achievementType: f.achievement.type,
        name: f.achievement.name,
        description: f.achievement.description,
        criteria: { narrative: f.achievement.narrative },
      },
    },
    credentialStatus: statusEntry(f.issuer.origin, f.statusList, f.statusIndex),
  };
}

/** A revocation entry at one position of the platform's status lists. */
export function statusEntry(origin: string, statusList: number, statusIndex: number) {
  const list = statusListUrl(origin, statusList);
  return {
    id: `${list}#${statusIndex}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: String(statusIndex),
    statusListCredential: list,
  };
}

export function transcriptNarrative(t: Transcript, categoryName: (code: string | null) => string): string {
  const lines = t.entries.map(
    (e) =>
      `| ${e.occurredOn} | ${e.title.replace(/\|/g, '/')} | ${categoryName(e.categoryCode)} | ${e.hours} |${t.totalCredits !== null ? ` ${e.credits ?? 0} |` : ''}`,
  );
  const head =
    t.totalCredits !== null ? '| 日期 | 学习内容 | 类别 | 学时 | 学分 |\n|---|---|---|---|---|' : '| 日期 | 学习内容 | 类别 | 学时 |\n|---|---|---|---|';
  const totals = t.totals.map((x) => `- ${categoryName(x.categoryCode)}：${x.hours} 学时${x.credits !== null ? `，${x.credits} 学分` : ''}`);
  return [head, ...lines, '', `合计：${t.totalHours} 学时${t.totalCredits !== null ? `，${t.totalCredits} 学分` : ''}`, ...totals].join('\n');
}

export function statusListCredential(issuer: { did: string; origin: string }, list: number, encodedList: string, now: Date): Record<string, unknown> {
  const url = statusListUrl(issuer.origin, list);
  return {
    '@context': [VC_V2],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: issuer.did,
    validFrom: iso(now),
    credentialSubject: { id: `${url}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList },
  };
}
