// The shapes of what the platform signs: Open Badges 3.0 credentials in the W3C VC 2.0 data model, and
// the Bitstring Status List credential that revokes them. Pure functions; signing happens elsewhere.
import { OB_V3, VC_V2 } from './credentials.crypto';
import type { Transcript } from './transcript.source';

/** Bits per status list: the specification's minimum (16 KB), so one list does not reveal how few were issued. */
export const STATUS_LIST_LENGTH = 131072;

export interface IssuerProfile { did: string; origin: string }
const issuerName = [{ '@value': '学城 · 学习型城市服务平台', '@language': 'zh-CN' }, { '@value': 'learncity · learning-city platform', '@language': 'en' }];
export const ISSUER_NAME = { 'zh-CN': issuerName[0]['@value'], en: issuerName[1]['@value'] };

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
export const statusListUrl = (origin: string, list: number) => `${origin}/api/credentials/status/${list}`;
export const verifyUrl = (origin: string, id: string) => `${origin}/verify/${id}`;

export interface CredentialFrame {
  id: string; issuer: IssuerProfile; issuedAt: Date; validUntil: Date | null; statusList: number; statusIndex: number;
  name: string; subjectName: string;
  achievement: { id: string; type: string; name: string; description: string; narrative: string };
}

export function openBadgeCredential(f: CredentialFrame): Record<string, unknown> {
  const list = statusListUrl(f.issuer.origin, f.statusList);
  return {
    '@context': [VC_V2, OB_V3],
    id: `urn:uuid:${f.id}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: f.name,
    issuer: { id: f.issuer.did, type: ['Profile'], name: issuerName, url: f.issuer.origin },
    validFrom: iso(f.issuedAt),
    ...(f.validUntil ? { validUntil: iso(f.validUntil) } : {}),
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: f.subjectName }],
      achievement: {
        id: f.achievement.id, type: ['Achievement'], achievementType: f.achievement.type, name: f.achievement.name,
        description: f.achievement.description, criteria: { narrative: f.achievement.narrative },
      },
    },
    credentialStatus: { id: `${list}#${f.statusIndex}`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: String(f.statusIndex), statusListCredential: list },
  };
}

export function transcriptNarrative(t: Transcript, categoryName: (code: string | null) => string): string {
  const lines = t.entries.map((e) => `| ${e.occurredOn} | ${e.title.replace(/\|/g, '/')} | ${categoryName(e.categoryCode)} | ${e.hours} |${t.totalCredits !== null ? ` ${e.credits ?? 0} |` : ''}`);
  const head = t.totalCredits !== null ? '| 日期 Date | 学习内容 Learning | 类别 Category | 学时 Hours | 学分 Credits |\n|---|---|---|---|---|' : '| 日期 Date | 学习内容 Learning | 类别 Category | 学时 Hours |\n|---|---|---|---|';
  const totals = t.totals.map((x) => `- ${categoryName(x.categoryCode)}: ${x.hours} h${x.credits !== null ? `, ${x.credits} credits` : ''}`);
  return [head, ...lines, '', `合计 Total: ${t.totalHours} h${t.totalCredits !== null ? `, ${t.totalCredits} credits` : ''}`, ...totals].join('\n');
}

export function statusListCredential(issuer: IssuerProfile, list: number, encodedList: string, now: Date): Record<string, unknown> {
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
